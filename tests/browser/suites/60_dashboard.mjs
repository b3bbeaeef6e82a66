// 60_dashboard.mjs: the Results view in the browser: after the replications finish, every key
// outcome card shows a finite mean inside its 90% interval; the chart selector changes what a chart
// shows and the chart count; playing the live world fills the event timeline (counts grow, a
// filter hides a kind and brings it back); the people view has one cell per seat of the scenario and
// switches colour mode (the pixels change); with an alternative active, the cards show the paired
// difference against the baseline. Screenshots: dashboard.png, dashboard-people-tenure.png,
// dashboard-alternative.png, dashboard-dark.png, dashboard-1920x1080.png.
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank } = lib;

  const KEYS = ['time_to_market', 'operating_profit', 'revenue', 'shadow_share', 'incidents', 'turnover_annual', 'trust',
    'customer_experience'];
  const KINDS = ['launch', 'rejection', 'cancelled', 'incident', 'shadow_shutdown', 'exec_exit', 'exec_start', 'resignation',
    'hire', 'budget_set'];

  const showView = async (page, name) => {
    await clickWidget(page, `Tab:${name}`);
    return waitFor(page, (s) => (s.view ? s.view === name.toLowerCase() : s.widgets[`Panel:${name.toLowerCase()}`]), 3000, `view ${name}`);
  };
  // Results are complete: the runner's snapshot (shell) and the dashboard's own values agree.
  const resultsDone = (s) => s.values['dashboard.current'] === 1 &&
    s.values['dashboard.completed'] === s.values['dashboard.replications'] && s.values['dashboard.replications'] > 0;
  // The cards shown (eight on wide screens, the six most important at 1366 px).
  const shownKeys = (s) => {
    const n = s.values['cards.count'];
    check(n === 6 || n === 8, `cards.count ${n}`);
    const keys = [...Array(n).keys()].map((i) => s.texts[`card.${i}`]);
    check(keys.every((k, i) => k === KEYS[i]), `cards ${keys.join(',')} are not the key outcomes in order`);
    return keys;
  };
  const inside = (r, w, h) => r && r[0] >= -0.5 && r[1] >= -0.5 && r[0] + r[2] <= w + 0.5 && r[1] + r[3] <= h + 0.5;
  const overlap = (a, b) => a[0] < b[0] + b[2] - 0.5 && b[0] < a[0] + a[2] - 0.5 && a[1] < b[1] + b[3] - 0.5 && b[1] < a[1] + a[3] - 0.5;
  const seatsOf = (s) => {
    const sc = JSON.parse(s.scenario_json);
    const units = sc.org ? sc.org.units : sc.units;
    return units.reduce((n, u) => n + (u.headcount || 0), 0);
  };
  async function clipStats(ctx, page, rect, file) {
    const png = await page.screenshot({ path: file ? path.join(args.out, file) : undefined,
      clip: { x: rect[0], y: rect[1], width: rect[2], height: rect[3] } });
    return { png, stats: await pixelStats(ctx.context, png) };
  }

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let ready = false;

  await test('dashboard: replications finish; every card has a finite mean inside its 90% interval', async () => {
    await loadApp(page);
    await showView(page, 'Results');
    const t0 = Date.now();
    const mid = await waitFor(page, (s) => s.values['dashboard.replications'] > 0, 10000, 'a run to start');
    const s = await waitFor(page, resultsDone, 180000, 'replications to finish');
    ready = true;
    const secs = (Date.now() - t0) / 1000;
    check(!s.runner || s.runner.completed === s.runner.replications, `shell says ${JSON.stringify(s.runner)}`);
    const keys = shownKeys(s);
    for (const k of keys) {
      const m = s.values[`card.${k}.mean`], lo = s.values[`card.${k}.lo`], hi = s.values[`card.${k}.hi`];
      check(Number.isFinite(m) && Number.isFinite(lo) && Number.isFinite(hi), `card ${k}: ${m} [${lo}, ${hi}]`);
      check(lo <= m + 1e-9 && m <= hi + 1e-9, `card ${k}: mean ${m} outside [${lo}, ${hi}]`);
      check(inside(s.widgets[`Card:${k}`], 1366, 768), `card ${k} at ${JSON.stringify(s.widgets[`Card:${k}`])}`);
      check(s.values[`card.${k}.diff`] === undefined, `baseline card ${k} shows a difference`);
    }
    // Outcomes the shell reports for slot 0 (mean of final values) equal the cards'.
    if (Array.isArray(s.outcomes) && s.outcomes[0] && s.outcomes[0].time_to_market !== undefined)
      check(Math.abs(s.outcomes[0].time_to_market - s.values['card.time_to_market.mean']) < 1e-9, 'card and shell disagree');
    // Layout: cards, charts, timeline and people inside the screen and apart.
    const rects = [...keys.map((k) => s.widgets[`Card:${k}`]), s.widgets['Timeline'], s.widgets['People'],
      s.widgets[`Chart:${s.texts['chart.0']}`], s.widgets[`Chart:${s.texts['chart.1']}`]];
    for (const r of rects) check(inside(r, 1366, 768), `rect ${JSON.stringify(r)} outside 1366x768`);
    for (let i = 0; i < rects.length; ++i)
      for (let j = i + 1; j < rects.length; ++j) check(!overlap(rects[i], rects[j]), `overlap ${JSON.stringify(rects[i])} ${JSON.stringify(rects[j])}`);
    return `${keys.length} cards; ${s.values['dashboard.completed']} replications in ${secs.toFixed(1)} s (first state at ${mid.values['dashboard.completed']}); ` +
      `time to market ${s.values['card.time_to_market.mean'].toFixed(2)} [${s.values['card.time_to_market.lo'].toFixed(2)}, ${s.values['card.time_to_market.hi'].toFixed(2)}] weeks`;
  });

  await test('dashboard: the chart selector changes a chart\'s outcome; + and - change the chart count', async () => {
    check(ready, 'results not ready');
    let s = await state(page);
    check(s.values['charts.count'] === 2, `charts.count ${s.values['charts.count']}`);
    await clickWidget(page, 'Chart:select:0');
    s = await waitFor(page, (x) => x.widgets['Chart:pick:incidents'], 3000, 'the outcome menu');
    await clickWidget(page, 'Chart:pick:incidents');
    s = await waitFor(page, (x) => x.texts['chart.0'] === 'incidents', 3000, 'chart 0 to show incidents');
    check(s.widgets['Chart:incidents'], 'Chart:incidents not recorded');
    await clickWidget(page, 'Charts:more');
    s = await waitFor(page, (x) => x.values['charts.count'] === 3, 3000, 'three charts');
    const c = [0, 1, 2].map((i) => s.widgets[`Chart:${s.texts[`chart.${i}`]}`]);
    for (const r of c) check(inside(r, 1366, 768), `chart ${JSON.stringify(r)}`);
    check(!overlap(c[0], c[1]) && !overlap(c[1], c[2]), 'charts overlap');
    await clickWidget(page, 'Charts:fewer');
    s = await waitFor(page, (x) => x.values['charts.count'] === 2, 3000, 'two charts again');
    return `chart 0 -> ${s.texts['chart.0']}, count 2 -> 3 -> 2`;
  });

  await test('dashboard: playing the live world fills the timeline; a filter hides one kind and restores it', async () => {
    check(ready, 'results not ready');
    await clickWidget(page, 'Play');
    const a = await waitFor(page, (s) => s.week >= 20, 20000, 'week 20');
    const b = await waitFor(page, (s) => s.week >= 60, 30000, 'week 60');
    await clickWidget(page, 'Play');  // pause
    const s = await waitFor(page, (x) => !x.playing, 3000, 'paused');
    const total = (x) => KINDS.reduce((n, k) => n + x.values[`timeline.${k}`], 0);
    for (const k of KINDS) check(Number.isInteger(s.values[`timeline.${k}`]), `timeline.${k} = ${s.values[`timeline.${k}`]}`);
    check(total(b) > total(a), `events drawn ${total(a)} at week ${a.week} -> ${total(b)} at week ${b.week}`);
    check(s.values['timeline.drawn'] === total(s), 'drawn total disagrees');
    check(s.values['timeline.week'] === s.week, `timeline week ${s.values['timeline.week']} vs ${s.week}`);
    check(s.values['timeline.hire'] > 0 && s.values['timeline.resignation'] > 0, `hires ${s.values['timeline.hire']}, resignations ${s.values['timeline.resignation']}`);
    check(s.values['timeline.budget_set'] >= 1, `budget rounds ${s.values['timeline.budget_set']} after ${s.week} weeks`);
    const hires = s.values['timeline.hire'];
    await clickWidget(page, 'Timeline:filter:hire');
    const off = await waitFor(page, (x) => x.values['timeline.hire'] === 0, 3000, 'hires hidden');
    check(off.values['timeline.resignation'] === s.values['timeline.resignation'], 'another kind changed');
    await clickWidget(page, 'Timeline:filter:hire');
    const on = await waitFor(page, (x) => x.values['timeline.hire'] === hires, 3000, 'hires shown again');
    // Hover a resignation mark for the screenshot's detail card.
    const tl = on.widgets['Timeline'];
    await page.mouse.move(tl[0] + tl[2] * 0.5, tl[1] + tl[3] * 0.5);
    await sleep(400);
    return `week ${a.week}: ${total(a)} events, week ${b.week}: ${total(b)}; hires ${hires} -> 0 -> ${on.values['timeline.hire']}`;
  });

  await test('dashboard: one people cell per seat; colour modes switch and repaint the cells', async () => {
    check(ready, 'results not ready');
    const s = await state(page);
    const seats = seatsOf(s);
    check(s.values['people.cells'] === seats, `people.cells ${s.values['people.cells']} vs ${seats} seats in the scenario`);
    check(s.values['people.seats'] === seats, `people.seats ${s.values['people.seats']}`);
    check(s.values['people.filled'] <= seats && s.values['people.filled'] > seats * 0.8, `filled ${s.values['people.filled']}`);
    check(s.texts['people.colour'] === 'morale', `mode ${s.texts['people.colour']}`);
    const area = s.widgets['People'];
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'dashboard.png') });
    const before = await clipStats(ctx, page, area);
    await clickWidget(page, 'People:colour:tenure');
    await waitFor(page, (x) => x.texts['people.colour'] === 'tenure', 3000, 'tenure mode');
    await page.mouse.move(5, 760);
    await sleep(300);
    const after = await clipStats(ctx, page, area, 'dashboard-people-tenure.png');
    check(!before.png.equals(after.png), 'people pixels unchanged after switching to tenure');
    await clickWidget(page, 'People:colour:skill');
    await waitFor(page, (x) => x.texts['people.colour'] === 'skill', 3000, 'skill mode');
    await clickWidget(page, 'People:colour:morale');
    await waitFor(page, (x) => x.texts['people.colour'] === 'morale', 3000, 'morale mode');
    return `${seats} cells of ${s.values['people.cell_px']} px, ${s.values['people.filled']} filled; morale -> tenure -> skill -> morale`;
  });

  await test('dashboard: with an alternative active, cards show the paired difference against the baseline', async () => {
    check(ready, 'results not ready');
    await showView(page, 'Gallery');
    // The gallery may need scrolling to show the card; the button's rectangle is recorded anyway.
    let s = await state(page);
    const name = 'Gallery:alternative:cio_reports_to_ceo';
    for (let i = 0; i < 30; ++i) {
      s = await state(page);
      const r = s.widgets[name], panel = s.widgets['Panel:gallery'];
      if (r && panel && r[1] >= panel[1] && r[1] + r[3] <= panel[1] + panel[3]) break;
      await page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
      await page.mouse.wheel(0, r && r[1] < panel[1] ? -100 : 100);
      await sleep(150);
    }
    await clickWidget(page, name);
    await waitFor(page, (x) => x.slot_count === 2 && x.active_slot === 1, 5000, 'the alternative to open');
    await showView(page, 'Results');
    s = await waitFor(page, resultsDone, 240000, 'replications of both slots');
    for (const k of shownKeys(s)) {
      const d = s.values[`card.${k}.diff`];
      check(Number.isFinite(d), `card ${k} diff ${d}`);
      check(s.values[`card.${k}.clear`] === 0 || s.values[`card.${k}.clear`] === 1, `card ${k} clear flag`);
    }
    const ttm = s.values['card.time_to_market.diff'];
    check(ttm < 0, `time to market diff ${ttm} (CEO reporting line should be faster)`);
    await page.mouse.move(5, 760);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'dashboard-alternative.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'dashboard with alternative');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'dashboard-dark.png') });
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme');
    return `time to market ${ttm.toFixed(2)} weeks (clear ${s.values['card.time_to_market.clear']}), profit ${s.values['card.operating_profit.diff'].toFixed(2)} $M/yr`;
  });

  await test('dashboard: no console or page errors (1366x768)', async () => {
    check(ctx.errors.length === 0, `${ctx.errors.length}: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await ctx.context.close();

  const hi = await openContext({ width: 1920, height: 1080, scale: 2 });
  await test('dashboard: 1920x1080 at devicePixelRatio 2 lays out without overlap', async () => {
    await loadApp(hi.page);
    await showView(hi.page, 'Results');
    const s = await waitFor(hi.page, resultsDone, 180000, 'replications to finish');
    const keys = shownKeys(s);
    check(keys.length === 8, `${keys.length} cards at 1920 px`);
    const rects = [...keys.map((k) => s.widgets[`Card:${k}`]), s.widgets['Timeline'], s.widgets['People']];
    for (const r of rects) check(inside(r, 1920, 1080), `rect ${JSON.stringify(r)} outside 1920x1080`);
    for (let i = 0; i < rects.length; ++i)
      for (let j = i + 1; j < rects.length; ++j) check(!overlap(rects[i], rects[j]), 'overlap');
    check(s.values['people.cell_px'] >= 4, `people cells ${s.values['people.cell_px']} px`);
    await hi.page.mouse.move(5, 1075);
    await sleep(300);
    const png = await hi.page.screenshot({ path: path.join(args.out, 'dashboard-1920x1080.png') });
    checkNotBlank(await pixelStats(hi.context, png), 'dashboard 1920x1080');
    check(hi.errors.length === 0, `${hi.errors.length} errors: ${hi.errors.slice(0, 3).join(' | ')}`);
    return `cards ${Math.round(s.widgets['Card:revenue'][2])} px wide, people cells ${s.values['people.cell_px']} px`;
  });
  await hi.context.close();
}
