// 70_compare.mjs: the Compare view in the browser: with one slot it explains how to add an
// alternative; after opening the preset "CIO reports to the CEO" as an alternative from the gallery
// and waiting for the replications, the table has every outcome with finite means inside their
// intervals for both slots, the plain-words summary mentions time to market with the numbers of the
// table's paired difference, the better marks follow the intervals, and the chart's outcome follows a
// clicked row. Screenshots: compare-empty.png, compare.png, compare-dark.png, compare-1920x1080.png.
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank } = lib;

  const showView = async (page, name) => {
    await clickWidget(page, `Tab:${name}`);
    return waitFor(page, (s) => (s.view ? s.view === name.toLowerCase() : s.widgets[`Panel:${name.toLowerCase()}`]), 3000, `view ${name}`);
  };
  const done = (s) => s.values['compare.current'] === 1 && s.values['compare.slots'] >= 2;
  // Numbers as the app prints them: thousands separators and the real minus sign.
  const num = (t) => Number(t.replace(/,/g, '').replace(/\u2212/g, '-'));
  async function addAlternative(page, id) {
    await showView(page, 'Gallery');
    const name = `Gallery:alternative:${id}`;
    for (let i = 0; i < 40; ++i) {
      const s = await state(page);
      const r = s.widgets[name], panel = s.widgets['Panel:gallery'];
      check(panel, 'gallery panel not recorded');
      if (r && r[1] >= panel[1] && r[1] + r[3] <= panel[1] + panel[3]) break;
      await page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
      await page.mouse.wheel(0, r && r[1] < panel[1] ? -100 : 100);
      await sleep(150);
    }
    await clickWidget(page, name);
  }

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let ready = false;
  let rows = 0;

  await test('compare: with only the baseline the view explains how to add an alternative', async () => {
    await loadApp(page);
    const s = await showView(page, 'Compare');
    check(s.values['compare.slots'] === 1, `slots ${s.values['compare.slots']}`);
    check(s.widgets['Compare:duplicate'] && s.widgets['Compare:gallery'], 'the two ways to add an alternative are missing');
    check(!s.widgets['Compare:row:time_to_market'], 'a table is drawn with one slot');
    await page.mouse.move(5, 760);
    await sleep(200);
    await page.screenshot({ path: path.join(args.out, 'compare-empty.png') });
    await clickWidget(page, 'Compare:gallery');
    const g = await waitFor(page, (x) => x.view === 'gallery' || x.widgets['Panel:gallery'], 3000, 'the gallery');
    return `buttons shown; "Open the Gallery" -> view ${g.view}`;
  });

  await test('compare: CIO reports to the CEO as an alternative; every outcome has both slots\' means in their intervals', async () => {
    await addAlternative(page, 'cio_reports_to_ceo');
    await waitFor(page, (x) => x.slot_count === 2, 5000, 'two slots');
    await showView(page, 'Compare');
    const t0 = Date.now();
    const s = await waitFor(page, done, 240000, 'replications of both slots');
    ready = true;
    rows = s.values['compare.rows'];
    const keys = Object.keys(s.widgets).filter((k) => k.startsWith('Compare:row:')).map((k) => k.slice('Compare:row:'.length));
    check(rows >= 27 && keys.length === rows, `${rows} rows, ${keys.length} recorded`);
    for (const k of keys)
      for (const slot of [0, 1]) {
        const m = s.values[`compare.${k}.${slot}.mean`], lo = s.values[`compare.${k}.${slot}.lo`], hi = s.values[`compare.${k}.${slot}.hi`];
        check([m, lo, hi].every(Number.isFinite) && lo <= m + 1e-9 && m <= hi + 1e-9, `${k} slot ${slot}: ${m} [${lo}, ${hi}]`);
      }
    for (const k of keys) {
      const d = s.values[`compare.${k}.1.diff`], dlo = s.values[`compare.${k}.1.diff_lo`], dhi = s.values[`compare.${k}.1.diff_hi`];
      // The interval is the 95% confidence interval of the expected paired difference: it holds the mean.
      check([d, dlo, dhi].every(Number.isFinite) && dlo <= d + 1e-9 && d <= dhi + 1e-9, `${k} diff ${d} [${dlo}, ${dhi}]`);
      // The spread across futures: shares of replications in which B is better and worse.
      const better = s.values[`compare.${k}.1.better_share`], worse = s.values[`compare.${k}.1.worse_share`];
      check(better >= 0 && worse >= 0 && better + worse <= 1 + 1e-9, `${k}: better in ${better}, worse in ${worse}`);
      // Marked better only when the confidence interval excludes zero.
      const clear = dlo > 0 || dhi < 0;
      check((s.values[`compare.${k}.1.versus`] !== 0) === clear, `${k}: versus ${s.values[`compare.${k}.1.versus`]} with [${dlo}, ${dhi}]`);
      check((s.values[`compare.${k}.best`] !== -1) === clear, `${k}: best ${s.values[`compare.${k}.best`]} with [${dlo}, ${dhi}]`);
    }
    // Common random numbers: the shell's outcomes (if given) agree with the table.
    if (Array.isArray(s.outcomes) && s.outcomes[1] && s.outcomes[1].trust !== undefined)
      check(Math.abs(s.outcomes[1].trust - s.values['compare.trust.1.mean']) < 1e-9, 'shell and table disagree on trust');
    return `${rows} outcomes, ${s.values['compare.replications']} replications in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  });

  await test('compare: the summary mentions time to market with the numbers of the table', async () => {
    check(ready, 'results not ready');
    const s = await state(page);
    const n = s.values['compare.summary.count'];
    check(n >= 1, `${n} summary sentences`);
    const lines = [...Array(n).keys()].map((i) => s.texts[`compare.summary.${i}`]);
    for (const l of lines) check(l.includes('\u201CCIO reports to the CEO\u201D'), `sentence does not name the alternative: ${l}`);
    const ttm = lines.find((l) => l.includes('time to market'));
    check(ttm, `no sentence mentions time to market: ${lines.join(' | ')}`);
    const d = s.values['compare.time_to_market.1.diff'], lo = s.values['compare.time_to_market.1.diff_lo'], hi = s.values['compare.time_to_market.1.diff_hi'];
    const clear = lo > 0 || hi < 0;
    if (clear) {
      const m = ttm.match(/time to market is ([\d.,]+) weeks (shorter|longer) \(95% confidence: ([\d.,]+)\u2013([\d.,]+)\); (shorter|longer) in (<1|>99|\d+)% of futures/);
      check(m, `sentence not in the expected form: ${ttm}`);
      const decimals = (m[1].split('.')[1] || '').length;
      const tol = 0.5 * 10 ** -decimals + 1e-9;
      check(Math.abs(num(m[1]) - Math.abs(d)) <= tol, `sentence says ${m[1]} weeks, table ${d}`);
      check(m[2] === (d < 0 ? 'shorter' : 'longer'), `"${m[2]}" for a difference of ${d}`);
      const [a, b] = d < 0 ? [-hi, -lo] : [lo, hi];
      check(Math.abs(num(m[3]) - a) <= tol && Math.abs(num(m[4]) - b) <= tol, `interval ${m[3]}-${m[4]} vs [${a}, ${b}]`);
      // "shorter in 82% of futures": the share of replications in which B is better (shorter is better).
      check(m[5] === m[2], `"${m[5]} in ... of futures" after "${m[2]}"`);
      const share = d < 0 ? s.values['compare.time_to_market.1.better_share'] : s.values['compare.time_to_market.1.worse_share'];
      if (/^\d+$/.test(m[6])) check(Math.abs(Number(m[6]) - 100 * share) <= 0.5 + 1e-9, `${m[6]}% of futures vs ${share}`);
    } else {
      check(/no clear difference in [^.]*time to market/.test(ttm), `unclear difference worded as: ${ttm}`);
    }
    return `"${ttm}" (table: ${d.toFixed(2)} [${lo.toFixed(2)}, ${hi.toFixed(2)}])`;
  });

  await test('compare: clicking a row charts that outcome for both slots', async () => {
    check(ready, 'results not ready');
    let s = await state(page);
    check(s.texts['compare.chart'] === 'time_to_market', `chart shows ${s.texts['compare.chart']}`);
    // The last row wholly visible in the scrolling table (the key outcomes come first).
    const t = s.widgets['Compare:table'];
    check(t, 'table not recorded');
    const visible = Object.keys(s.widgets).filter((k) => k.startsWith('Compare:row:')).filter((k) => {
      const r = s.widgets[k];
      return r[1] >= t[1] - 0.5 && r[1] + r[3] <= t[1] + t[3] + 0.5;
    });
    check(visible.length >= 3, `${visible.length} rows visible in the table at 1366x768`);
    const pick = visible[visible.length - 1].slice('Compare:row:'.length);
    check(pick !== 'time_to_market', 'only the first row is visible');
    await clickWidget(page, `Compare:row:${pick}`);
    s = await waitFor(page, (x) => x.texts['compare.chart'] === pick, 3000, `the chart to show ${pick}`);
    check(s.widgets[`Compare:chart:${pick}`], 'chart not recorded');
    await page.mouse.move(5, 760);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'compare.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'compare');
    const c = s.widgets[`Compare:chart:${pick}`];
    await page.mouse.move(c[0] + c[2] * 0.6, c[1] + c[3] * 0.6);
    await sleep(400);
    await page.screenshot({ path: path.join(args.out, 'compare-hover.png') });
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'compare-dark.png') });
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme');
    return `${visible.length} rows visible; chart time_to_market -> ${pick}`;
  });

  await test('compare: no console or page errors (1366x768)', async () => {
    check(ctx.errors.length === 0, `${ctx.errors.length}: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await ctx.context.close();

  const hi = await openContext({ width: 1920, height: 1080, scale: 2 });
  await test('compare: 1920x1080 at devicePixelRatio 2 with two alternatives', async () => {
    await loadApp(hi.page);
    await addAlternative(hi.page, 'cio_reports_to_ceo');
    await waitFor(hi.page, (x) => x.slot_count === 2, 5000, 'two slots');
    await addAlternative(hi.page, 'shadow_it_tolerate');
    await waitFor(hi.page, (x) => x.slot_count === 3, 5000, 'three slots');
    await showView(hi.page, 'Compare');
    let s;
    try {
      s = await waitFor(hi.page, done, 480000, 'replications of three slots');  // replications run between frames: slow at 2 fps (software GL)
    } finally {
      const x = await state(hi.page);
      await hi.page.screenshot({ path: path.join(args.out, 'compare-1920x1080.png') });
      if (!s) console.log(JSON.stringify({ slots: x.slot_count, v: x.values['compare.slots'], cur: x.values['compare.current'], c: x.values['compare.completed'], r: x.values['compare.replications'], runner: x.runner }));
    }
    for (const slot of [0, 1, 2]) check(Number.isFinite(s.values[`compare.revenue.${slot}.mean`]), `slot ${slot} revenue`);
    check(Number.isFinite(s.values['compare.revenue.2.diff']), 'no difference for slot 2');
    await hi.page.mouse.move(5, 1075);
    await sleep(300);
    const png = await hi.page.screenshot({ path: path.join(args.out, 'compare-1920x1080.png') });
    checkNotBlank(await pixelStats(hi.context, png), 'compare 1920x1080');
    check(hi.errors.length === 0, `${hi.errors.length} errors: ${hi.errors.slice(0, 3).join(' | ')}`);
    return `${s.values['compare.summary.count']} summary sentences for two alternatives`;
  });
  await hi.context.close();
}
