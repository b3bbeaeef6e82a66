// 60_dashboard.mjs: the Results view in the browser: after the replications finish, every key
// outcome card shows a finite mean inside its 90% interval; the chart selector changes what a chart
// shows and the chart count; playing the live world fills the event timeline (counts grow, a
// filter hides a kind and brings it back); the people view has one cell per seat of the scenario and
// switches colour mode (the pixels change); with an alternative active, the cards show the paired
// difference against the baseline; a chart explored with the keyboard alone (its "Explore ... week
// by week" slider: Home, arrows, End) reads every week's values as the app's data say and shows the
// crosshair; a chart's table toggle shows its numbers as a visible table and back (WCAG 2.1.1, and a
// data table view of every chart). Screenshots: dashboard.png, dashboard-people-tenure.png,
// dashboard-alternative.png, dashboard-dark.png, dashboard-1920x1080.png, dashboard-chart-explore.png,
// dashboard-chart-table.png.
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
  const within = (r, box) => r && r[0] >= box[0] - 0.5 && r[1] >= box[1] - 0.5 && r[0] + r[2] <= box[0] + box[2] + 0.5 &&
    r[1] + r[3] <= box[1] + box[3] + 0.5;
  const overlap = (a, b) => a[0] < b[0] + b[2] - 0.5 && b[0] < a[0] + a[2] - 0.5 && a[1] < b[1] + b[3] - 0.5 && b[1] < a[1] + a[3] - 0.5;
  const seatsOf = (s) => {
    const sc = JSON.parse(s.scenario_json);
    const units = sc.org ? sc.org.units : sc.units;
    return units.reduce((n, u) => n + (u.headcount || 0), 0);
  };
  // A mirrored explore slider (a range input) by its name: range, value, value text, focus; focus it first.
  const exploreSlider = (page, label, focus = false) => page.evaluate(([l, f]) => {
    const e = [...document.querySelectorAll('#a11y-root input[type=range]')].find((x) => x.getAttribute('aria-label') === l);
    if (e && f) e.focus();
    return e ? { min: Number(e.min), max: Number(e.max), value: Number(e.value), text: e.getAttribute('aria-valuetext') || '', focused: document.activeElement === e } : null;
  }, [label, focus]);
  async function clipStats(ctx, page, rect, file) {
    const png = await page.screenshot({ path: file ? path.join(args.out, file) : undefined,
      clip: { x: rect[0], y: rect[1], width: rect[2], height: rect[3] } });
    return { png, stats: await pixelStats(ctx.context, png) };
  }

  // What the page mirror (web/a11y.js) holds for the chart in a rectangle: its explore slider, its
  // table toggle, its summary image, its outcome menu and its data tables ("<title>, data"; the
  // offscreen one while the chart shows, the visible one while the table shows).
  const chartMirror = (page, rect) => page.evaluate((r) => {
    const box = (e) => { if (!e) return null; const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; };
    const inside = (e) => {
      const b = e.getBoundingClientRect();
      const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
      return cx >= r[0] && cx <= r[0] + r[2] && cy >= r[1] && cy <= r[1] + r[3];
    };
    const label = (e) => e.getAttribute('aria-label') || '';
    const all = (sel) => [...document.querySelectorAll(`#a11y-root ${sel}`)];
    const slider = all('input[type=range]').find((e) => /^Explore .* week by week$/.test(label(e)) && inside(e));
    const toggle = all('button').find((e) => /^Show .* as a table$/.test(label(e)) && inside(e));
    const title = toggle ? label(toggle).replace(/^Show /, '').replace(/ as a table$/, '') : '';
    const image = all('[role=img]').find((e) => label(e).startsWith(`${title} chart`));
    const combo = all('[role=combobox]').find((e) => label(e) === `Outcome: ${title}`);
    const tables = all('[role=table]').filter((t) => label(t) === `${title}, data`).map((t) => ({
      offscreen: t.classList.contains('a11y-offscreen') || !!t.closest('.a11y-offscreen'),
      rect: box(t),
      headers: [...t.querySelectorAll('[role=columnheader]')].map((h) => h.textContent),
      rows: [...t.querySelectorAll('[role=row]')].filter((row) => row.querySelector('[role=cell]'))
        .map((row) => [...row.querySelectorAll('[role=cell]')].map((c) => c.textContent)),
    }));
    return {
      title, image: image ? label(image) : '', combo: box(combo), tables,
      slider: slider ? { label: label(slider), min: Number(slider.min), max: Number(slider.max), value: Number(slider.value),
        text: slider.getAttribute('aria-valuetext') || '', rect: box(slider), focused: document.activeElement === slider } : null,
      toggle: toggle ? { label: label(toggle), pressed: toggle.getAttribute('aria-pressed'), rect: box(toggle),
        description: toggle.getAttribute('aria-description') || '' } : null,
    };
  }, rect);
  // "Baseline 7.8" in an explore text, followed by its band, the next line or the end.
  const reads = (text, line, value) => {
    const at = text.indexOf(`${line} ${value}`);
    const rest = at < 0 ? '' : text.slice(at + line.length + 1 + value.length);
    return at >= 0 && (rest === '' || rest.startsWith(' (') || rest.startsWith(';'));
  };

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

  await test('dashboard: a chart explored with the keyboard reads each week\'s values (Home, arrows, End) and shows the crosshair', async () => {
    check(ready, 'results not ready');
    const s = await state(page);
    const chart = s.widgets[`Chart:${s.texts['chart.1']}`];  // operating profit: values that change week to week
    check(chart, 'chart 1 not recorded');
    await page.mouse.move(5, 760);
    await sleep(300);
    let m = await chartMirror(page, chart);
    check(m.toggle && m.slider, `chart 1 mirror: toggle ${JSON.stringify(m.toggle)}, slider ${JSON.stringify(m.slider)}`);
    check(m.slider.label === `Explore ${m.title} week by week`, `slider named "${m.slider.label}"`);
    check(m.slider.min === 1 && m.slider.max > 52, `slider range ${m.slider.min}..${m.slider.max}`);
    const data = m.tables.find((t) => t.offscreen);
    check(data && data.headers[0] === 'Week', `offscreen data table ${JSON.stringify(m.tables)}`);
    const line = data.headers[1];
    const cell = (week) => (data.rows.find((r) => r[0] === String(week)) || [])[1];
    // The slider lies over the plot (the browser's focus ring goes round it): the plot's pixels, inset
    // so as to leave the ring out.
    const plot = m.slider.rect;
    const clip = { x: Math.ceil(plot[0]) + 4, y: Math.ceil(plot[1]) + 4, width: Math.floor(plot[2]) - 8, height: Math.floor(plot[3]) - 8 };
    const before = await page.screenshot({ clip });

    // Tab from the chart's table toggle reaches its explore slider (the summary image takes no stop).
    await page.evaluate((r) => {
      const t = [...document.querySelectorAll('#a11y-root button')].find((e) => {
        const b = e.getBoundingClientRect();
        return /^Show .* as a table$/.test(e.getAttribute('aria-label') || '') && b.x >= r[0] && b.x <= r[0] + r[2] && b.y >= r[1] && b.y <= r[1] + r[3];
      });
      t.focus();
    }, chart);
    await page.keyboard.press('Tab');
    await sleep(150);
    const key = async (k, times = 1) => {
      for (let i = 0; i < times; ++i) {
        await page.keyboard.press(k);
        await sleep(40);
      }
      await sleep(250);
      return chartMirror(page, chart);
    };
    m = await key('Home');
    check(m.slider.focused, 'Tab from the table toggle did not reach the explore slider');
    check(m.slider.value === 1 && m.slider.text.startsWith('Week 1 (year 1): '), `Home: ${m.slider.value} "${m.slider.text}"`);
    check(reads(m.slider.text, line, cell(1)), `week 1 reads "${m.slider.text}", the data table says ${line} ${cell(1)}`);
    m = await key('ArrowRight', 2);
    const week3 = m.slider.text;
    check(m.slider.value === 3 && week3.startsWith('Week 3 (year 1): '), `ArrowRight twice: ${m.slider.value} "${week3}"`);
    check(new RegExp(`^Week 3 \\(year 1\\): ${line} \\S*\\d`).test(week3), `week 3 has no value of ${line}: "${week3}"`);
    const during = await page.screenshot({ clip, path: path.join(args.out, 'dashboard-chart-explore-plot.png') });
    check(!before.equals(during), 'the plot looks the same while it is explored (no crosshair, no value card)');
    m = await key('ArrowRight', 49);
    check(m.slider.value === 52 && reads(m.slider.text, line, cell(52)), `week 52 reads "${m.slider.text}", the data table says ${line} ${cell(52)}`);
    const week52 = await page.screenshot({ clip });
    check(!week52.equals(during), 'the crosshair did not move from week 3 to week 52');
    m = await key('End');
    const last = m.slider.max;
    const summary = m.image.match(new RegExp(`${line}: (.+?) in week (\\d+)`));
    check(summary && Number(summary[2]) === last, `the summary "${m.image.slice(0, 160)}" does not end at week ${last}`);
    check(m.slider.value === last && m.slider.text.startsWith(`Week ${last} (year ${Math.ceil(last / 52)}): `), `End: ${m.slider.value} "${m.slider.text}"`);
    check(reads(m.slider.text, line, summary[1]) && summary[1] === cell(last), `End reads "${m.slider.text}"; summary ${summary[1]}, table ${cell(last)}`);
    await page.screenshot({ path: path.join(args.out, 'dashboard-chart-explore.png') });
    // The focus moves on: the crosshair goes.
    await page.keyboard.press('Tab');
    await sleep(300);
    const after = await page.screenshot({ clip });
    check(after.equals(before), 'the crosshair stayed after the focus left the chart');
    return `"${m.slider.label}" 1..${last}; week 3: "${week3}"; End: "${m.slider.text}"`;
  });

  await test('dashboard: a chart\'s table toggle shows its numbers as a visible table, and the chart again', async () => {
    check(ready, 'results not ready');
    const s = await state(page);
    const chart = s.widgets[`Chart:${s.texts['chart.0']}`];
    await page.mouse.move(5, 760);
    await sleep(300);
    let m = await chartMirror(page, chart);
    check(m.toggle && m.toggle.pressed === 'false', `toggle ${JSON.stringify(m.toggle)}`);
    check(m.toggle.description === 'Show the numbers as a table', `toggle described as "${m.toggle.description}"`);
    check(within(m.toggle.rect, chart) && m.toggle.rect[0] > chart[0] + chart[2] / 2 &&
          m.toggle.rect[1] < chart[1] + chart[3] / 3, `toggle at ${JSON.stringify(m.toggle.rect)}, not the top right of ${JSON.stringify(chart)}`);
    check(!m.combo || !overlap(m.toggle.rect, m.combo), `toggle ${JSON.stringify(m.toggle.rect)} covers the title ${JSON.stringify(m.combo)}`);
    const offscreen = m.tables.find((t) => t.offscreen);
    check(offscreen && m.tables.length === 1, `${m.tables.length} data tables before`);
    const plot = m.slider.rect;
    const clip = { x: Math.ceil(plot[0]) + 4, y: Math.ceil(plot[1]) + 4, width: Math.floor(plot[2]) - 8, height: Math.floor(plot[3]) - 8 };
    const before = await page.screenshot({ clip });
    const click = async (r) => {
      await page.mouse.move(r[0] + r[2] / 2, r[1] + r[3] / 2);
      await sleep(120);
      await page.mouse.down();
      await sleep(60);
      await page.mouse.up();
      await sleep(120);  // ImGui presses on release with the pointer still over the button
      await page.mouse.move(5, 760);
      await sleep(400);
    };
    await click(m.toggle.rect);
    m = await chartMirror(page, chart);
    check(m.toggle.pressed === 'true' && m.toggle.description === 'Show the chart', `toggle after a click ${JSON.stringify(m.toggle)}`);
    check(m.tables.length === 1 && !m.tables[0].offscreen, `tables after a click: ${JSON.stringify(m.tables.map((t) => [t.offscreen, t.rect]))}`);
    const t = m.tables[0];
    check(within(t.rect, chart) && t.rect[2] > 100 && t.rect[3] > 40, `table at ${JSON.stringify(t.rect)}`);
    check(t.headers[0] === 'Week' && t.headers[1] === offscreen.headers[1], `headers ${JSON.stringify(t.headers)}`);
    const last = Number(offscreen.rows[offscreen.rows.length - 1][0]);
    const weeks = t.rows.map((r) => parseInt(r[0], 10));
    const want = [];
    for (let w = 52; w <= last; w += 52) want.push(w);
    if (want[want.length - 1] !== last) want.push(last);
    check(JSON.stringify(weeks) === JSON.stringify(want), `rows for weeks ${weeks}, not ${want}`);
    for (const r of t.rows) {
      const o = offscreen.rows.find((x) => x[0] === String(parseInt(r[0], 10)));
      check(o && (r[1] === o[1] || r[1].startsWith(`${o[1]} (`)), `week ${r[0]}: table ${r[1]}, chart's data ${o && o[1]}`);
    }
    check(!m.slider, 'the explore slider stays while the table shows');
    const shown = await page.screenshot({ clip });
    check(!shown.equals(before), 'the chart area looks the same with the table shown');
    await page.screenshot({ path: path.join(args.out, 'dashboard-chart-table.png') });
    await click(m.toggle.rect);
    m = await chartMirror(page, chart);
    check(m.toggle.pressed === 'false' && m.slider && m.tables.length === 1 && m.tables[0].offscreen, 'the chart did not come back');
    const back = await page.screenshot({ clip });
    check(back.equals(before), 'the chart looks different after switching back');
    return `"${m.title}": ${t.headers.join(' | ')}; ${t.rows.length} rows (${t.rows[0].join(' | ')} ...)`;
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

  await test('dashboard: the timeline\'s events can be explored one by one with the keyboard, each read as its hover card says', async () => {
    check(ready, 'results not ready');
    const s = await state(page);
    check(!s.playing && s.values['timeline.drawn'] > 10, `paused with events: playing ${s.playing}, ${s.values['timeline.drawn']} events`);
    const n = s.values['timeline.drawn'];
    const tl = s.widgets['Timeline'];
    await page.mouse.move(5, 760);
    await sleep(300);
    const before = (await clipStats(ctx, page, tl)).png;
    const slider = () => exploreSlider(page, 'Explore the events one by one');
    const first = await slider();
    check(first && first.min === 1 && first.max === n, `explore slider ${JSON.stringify(first)} for ${n} events`);
    await exploreSlider(page, 'Explore the events one by one', true);
    await page.keyboard.press('Home');
    await sleep(300);
    const home = await slider();
    check(home.focused && home.value === 1 && new RegExp(`^Event 1 of ${n}, week \\d+: .+\\. .+`).test(home.text), `Home: ${JSON.stringify(home)}`);
    const w1 = Number(home.text.match(/week (\d+)/)[1]);
    const h1 = await waitFor(page, (x) => x.values['timeline.explored'] === 1, 2000, 'the first event explored');
    await page.keyboard.press('End');
    await sleep(300);
    const end = await slider();
    check(end.value === n && end.text.startsWith(`Event ${n} of ${n}, week `), `End: ${JSON.stringify(end)}`);
    const wn = Number(end.text.match(/week (\d+)/)[1]);
    check(w1 <= wn && wn <= s.week, `weeks ${w1} .. ${wn} outside 1..${s.week}`);
    const during = (await clipStats(ctx, page, tl, 'dashboard-timeline-explore.png')).png;
    check(!during.equals(before), 'the timeline looks the same while an event is explored (no ring, no card)');
    await page.keyboard.press('Tab');
    await sleep(300);
    const left = await state(page);
    check(left.values['timeline.explored'] === 0, 'the timeline still shows an explored event after the focus left');
    return `${n} events; Home: "${home.text.slice(0, 90)}"; End: week ${wn}; explored hook ${h1.values['timeline.explored']}`;
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

  await test('dashboard: the people view\'s seats can be explored one by one with the keyboard, each read as its hover card says', async () => {
    check(ready, 'results not ready');
    const s = await state(page);
    const seats = s.values['people.cells'];
    const area = s.widgets['People'];
    await page.mouse.move(5, 760);
    await sleep(300);
    const before = (await clipStats(ctx, page, area)).png;
    const slider = () => exploreSlider(page, 'Explore the people one by one');
    const first = await slider();
    check(first && first.max === seats, `explore slider ${JSON.stringify(first)} for ${seats} cells`);
    await exploreSlider(page, 'Explore the people one by one', true);
    await page.keyboard.press('Home');
    await sleep(300);
    const home = await slider();
    // The first unit drawn is the first with seats; its seat reads its employee or a vacancy.
    check(home.focused && home.value === 1 && new RegExp(`^Seat 1 of ${seats}: .+ · .+\\. (Employee #\\d+ Tenure: [\\d.]+ years Morale: \\d+ / 100|Vacant seat)`).test(home.text),
          `Home: ${JSON.stringify(home)}`);
    await waitFor(page, (x) => x.values['people.explored'] === 1, 2000, 'the first seat explored');
    await page.keyboard.press('End');
    await sleep(300);
    const end = await slider();
    check(end.value === seats && end.text.startsWith(`Seat ${seats} of ${seats}: `), `End: ${JSON.stringify(end).slice(0, 200)}`);
    const during = (await clipStats(ctx, page, area, 'dashboard-people-explore.png')).png;
    check(!during.equals(before), 'the people view looks the same while a seat is explored (no ring, no card)');
    // Back to the colour buttons (the slider is the page's last control: Tab would leave the page,
    // and a headless browser gives it no focus back on the next click).
    await page.keyboard.press('Shift+Tab');
    await sleep(300);
    check((await state(page)).values['people.explored'] === 0, 'a seat is still shown as explored after the focus left');
    return `${seats} seats; Home: "${home.text.slice(0, 110)}"; End: "${end.text.slice(0, 60)}"`;
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
