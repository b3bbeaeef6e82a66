// 40_gallery.mjs: the gallery (the landing page) and the levers panel in the browser: every preset
// file has a card with both buttons, opening a preset as the baseline and adding one as an
// alternative change the workspace, a fifth scenario is refused with the reason, and the levers'
// real controls (a choice button, a slider, the precise entry, reset, the baseline mark) change the
// active scenario's parameters. Screenshots: gallery.png, gallery-dark.png, levers.png,
// gallery-1920x1080.png, levers-1920x1080.png.
import fs from 'node:fs';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank, press } = lib;

  // ---- Helpers ----------------------------------------------------------------------------------
  const here = path.dirname(new URL(import.meta.url).pathname);
  const presetIds = fs.readdirSync(path.join(here, '..', '..', '..', 'scenarios'))
    .filter((f) => f.endsWith('.json') && f !== 'schema.json').map((f) => f.replace(/\.json$/, '')).sort();

  const showView = async (page, name) => {
    await clickWidget(page, `Tab:${name}`);
    return waitFor(page, (s) => (s.view ? s.view === name.toLowerCase() : s.widgets[`Panel:${name.toLowerCase()}`]), 3000, `view ${name}`);
  };
  const scenarioOf = (s) => {
    check(typeof s.scenario_json === 'string' && s.scenario_json.length > 2, 'scenario_json missing from the state');
    return JSON.parse(s.scenario_json);
  };
  // A lever of the active scenario as the file writes it (a lever at its default may be left out).
  const leverOf = (s, key) => {
    const sc = scenarioOf(s);
    return sc.levers && key in sc.levers ? sc.levers[key] : undefined;
  };
  // Scroll the gallery with the mouse wheel until a widget is wholly inside the gallery panel.
  async function reveal(page, name) {
    for (let i = 0; i < 40; ++i) {
      const s = await state(page);
      const r = s.widgets[name];
      const panel = s.widgets['Panel:gallery'];
      check(r, `widget ${name} not recorded`);
      check(panel, 'gallery panel not recorded');
      const top = panel[1], bottom = panel[1] + panel[3];
      if (r[1] >= top && r[1] + r[3] <= bottom) return r;
      await page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
      await page.mouse.wheel(0, r[1] < top ? -100 : 100);
      await sleep(150);
    }
    throw new Error(`could not scroll ${name} into view`);
  }
  async function clickPreset(page, kind, id) {
    await showView(page, 'Gallery');
    await reveal(page, `Gallery:${kind}:${id}`);
    await clickWidget(page, `Gallery:${kind}:${id}`);
  }

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let loaded = false;

  await test('gallery: every preset has a card with "Open as baseline" and "Add as alternative"', async () => {
    await loadApp(page);
    loaded = true;
    const s = await showView(page, 'Gallery');
    check(s.values['gallery.presets'] === presetIds.length, `gallery read ${s.values['gallery.presets']} presets, scenarios/ has ${presetIds.length}`);
    check(s.values['gallery.shown'] === presetIds.length, `${s.values['gallery.shown']} cards shown`);
    for (const id of presetIds)
      for (const kind of ['baseline', 'alternative']) check(s.widgets[`Gallery:${kind}:${id}`], `no ${kind} button for ${id}`);
    const lib_card = s.widgets['Gallery:library'];
    check(lib_card && lib_card[1] + lib_card[3] <= 768, `library card ${JSON.stringify(lib_card)} not on the first screen`);
    await page.mouse.move(5, 760);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'gallery.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'gallery');
    return `${presetIds.length} presets, each with both buttons; library card at y ${Math.round(lib_card[1])}`;
  });

  await test('gallery: the search box filters the cards', async () => {
    check(loaded, 'page did not load');
    const query = 'shadow_it';  // matches the three shadow-IT presets' file ids, nothing else
    await clickWidget(page, 'Gallery:filter');
    await page.keyboard.type(query, { delay: 40 });
    try {
      const s = await waitFor(page, (x) => x.values['gallery.shown'] === 3, 3000, 'three cards');
      const shown = Object.keys(s.widgets).filter((k) => k.startsWith('Gallery:baseline:')).map((k) => k.split(':')[2]).sort();
      check(JSON.stringify(shown) === JSON.stringify(['shadow_it_ban', 'shadow_it_institutionalise', 'shadow_it_tolerate']),
            `shown: ${shown.join(', ')}`);
      return `"${query}" -> ${shown.join(', ')}`;
    } finally {
      for (let i = 0; i < query.length + 2; ++i) await press(page, 'Backspace');
      await waitFor(page, (x) => x.values['gallery.shown'] === presetIds.length, 3000, 'all cards again');
      await page.mouse.click(5, 760);
    }
  });

  await test('gallery: "Open as baseline" on cio_reports_to_ceo replaces the baseline and shows Design', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    await clickPreset(page, 'baseline', 'cio_reports_to_ceo');
    const s = await waitFor(page, (x) => x.scenario === 'CIO reports to the CEO', 3000, 'scenario "CIO reports to the CEO"');
    check(s.scenario !== s0.scenario, `scenario unchanged: ${s.scenario}`);
    if (s.view !== undefined) check(s.view === 'design', `view ${s.view} after opening`);
    if (s.slots) {
      check(s.slot_count === 1 && s.slots[0].origin === 'cio_reports_to_ceo', `slots ${JSON.stringify(s.slots)}`);
      check(scenarioOf(s).name === 'CIO reports to the CEO', 'scenario_json is not the preset');
    }
    return `"${s0.scenario}" -> "${s.scenario}", view ${s.view}`;
  });

  await test('gallery: "Add as alternative" on shadow_it_ban adds slot 2 and makes it active', async () => {
    check(loaded, 'page did not load');
    await clickPreset(page, 'alternative', 'shadow_it_ban');
    const s = await waitFor(page, (x) => x.slot_count === 2, 3000, 'two slots');
    check(s.active_slot === 1, `active slot ${s.active_slot}`);
    check(s.slots[0].name === 'CIO reports to the CEO', `baseline is "${s.slots[0].name}"`);
    check(s.slots[1].name === 'Shadow IT banned' && s.slots[1].origin === 'shadow_it_ban', `slot 1 ${JSON.stringify(s.slots[1])}`);
    check(leverOf(s, 'shadow_it_policy') === 'ban', `shadow_it_policy ${leverOf(s, 'shadow_it_policy')}`);
    return `slots: ${s.slots.map((x) => `${x.label} = ${x.name}`).join('; ')}`;
  });

  await test('levers: a choice button sets the lever; the baseline mark and reset follow', async () => {
    check(loaded, 'page did not load');
    let s = await showView(page, 'Design');
    check(s.values['lever.shadow_it_policy'] === 0, `shadow_it_policy ${s.values['lever.shadow_it_policy']} (ban = 0)`);
    // The baseline tolerates shadow IT: the alternative's ban is marked, with the baseline's value.
    check(s.widgets['Lever:shadow_it_policy:baseline'], 'no baseline mark on a lever that differs from the baseline');
    await clickWidget(page, 'Lever:shadow_it_policy:institutionalise');
    s = await waitFor(page, (x) => x.values['lever.shadow_it_policy'] === 2, 3000, 'shadow_it_policy = institutionalise');
    check(leverOf(s, 'shadow_it_policy') === 'institutionalise', `scenario_json: ${leverOf(s, 'shadow_it_policy')}`);
    if ('undo_label' in s) check(/Shadow-IT policy/.test(s.undo_label), `undo label "${s.undo_label}"`);
    check(s.slots[0].name === 'CIO reports to the CEO', 'the edit reached the baseline');
    // Reset to the default (tolerate): equal to the baseline again, so the mark goes away.
    await clickWidget(page, 'Lever:shadow_it_policy:reset');
    s = await waitFor(page, (x) => x.values['lever.shadow_it_policy'] === 1, 3000, 'shadow_it_policy reset to tolerate');
    check(!s.widgets['Lever:shadow_it_policy:baseline'], 'baseline mark still shown after reset');
    check(!s.widgets['Lever:shadow_it_policy:reset'], 'reset still offered at the default');
    return 'ban -> institutionalise -> reset to tolerate (= baseline, mark gone)';
  });

  await test('levers: a click on a slider sets a whole number; a drag is one edit', async () => {
    check(loaded, 'page did not load');
    let s = await state(page);
    const key = 'approval_cadence_weeks';  // 1..13 weeks, default 4
    const r = s.widgets[`Lever:${key}`];
    check(r, 'slider not recorded');
    const knob = 9;  // the slider's track starts and ends a knob radius inside its rectangle
    const x = r[0] + knob + 0.75 * (r[2] - 2 * knob);
    await page.mouse.move(x, r[1] + r[3] / 2);
    await sleep(120);
    await page.mouse.down();
    await sleep(60);
    await page.mouse.up();
    s = await waitFor(page, (v) => v.values[`lever.${key}`] === 10, 3000, `${key} = 10`);
    check(scenarioOf(s).levers[key] === 10, `scenario_json ${key} = ${scenarioOf(s).levers[key]}`);
    // Drag from 10 to the left end: one edit on release, not one per frame.
    const rev0 = s.revision;
    await lib.dragWidget(page, `Lever:${key}`, { x: r[0] + 2, y: r[1] + r[3] / 2 });
    s = await waitFor(page, (v) => v.values[`lever.${key}`] === 1, 3000, `${key} = 1 after the drag`);
    if (rev0 !== undefined) check(s.revision === rev0 + 1, `revision ${rev0} -> ${s.revision}: a drag made ${s.revision - rev0} edits`);
    return `click at 75% -> 10 weeks; drag to the left end -> 1 week in ${rev0 !== undefined ? s.revision - rev0 : '?'} edit`;
  });

  await test('levers: the precise entry takes a typed value; out of range is refused with the reason', async () => {
    check(loaded, 'page did not load');
    const key = 'business_case_threshold_kusd';  // 0..5000 thousand USD
    const type = async (text) => {
      await clickWidget(page, `Lever:${key}:value`);
      await waitFor(page, (x) => x.widgets[`Lever:${key}:entry`], 3000, 'the entry box');
      await press(page, 'KeyA', ['Control']);
      await page.keyboard.type(String(text), { delay: 40 });
      await sleep(80);
      await press(page, 'Enter');
    };
    await type(1234.5);
    let s = await waitFor(page, (x) => x.values[`lever.${key}`] === 1234.5, 3000, `${key} = 1234.5`);
    await type(99999);
    await sleep(400);
    s = await state(page);
    check(s.values[`lever.${key}`] === 1234.5, `value ${s.values[`lever.${key}`]} after an out-of-range entry`);
    if ('toast' in s) check(s.toast_error && /outside/.test(s.toast), `toast "${s.toast}" (error ${s.toast_error})`);
    await page.mouse.move(5, 760);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'levers.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'levers');
    return `typed 1234.5 -> ${s.values[`lever.${key}`]}; 99999 refused: "${s.toast}"`;
  });

  await test('gallery: a fifth scenario is refused with the reason', async () => {
    check(loaded, 'page did not load');
    for (const id of ['shadow_it_tolerate', 'shadow_it_institutionalise']) {
      const before = (await state(page)).slot_count;
      await clickPreset(page, 'alternative', id);
      await waitFor(page, (x) => x.slot_count === before + 1, 3000, `slot for ${id}`);
    }
    await clickPreset(page, 'alternative', 'joint_governance');
    await sleep(400);
    const s = await state(page);
    check(s.slot_count === 4, `${s.slot_count} slots`);
    check(!s.slots.some((x) => x.origin === 'joint_governance'), 'the fifth scenario was opened');
    if ('toast' in s) check(s.toast_error && /Four scenarios/.test(s.toast), `toast "${s.toast}"`);
    return `4 slots kept; "${s.toast}"`;
  });

  await test('gallery: dark theme renders', async () => {
    check(loaded, 'page did not load');
    await showView(page, 'Gallery');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await page.mouse.move(5, 760);
    await sleep(400);
    const png = await page.screenshot({ path: path.join(args.out, 'gallery-dark.png') });
    const st = await pixelStats(ctx.context, png);
    check(st.mean < 100, `dark gallery mean luminance ${st.mean.toFixed(0)}`);
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme');
    return `${st.colours} colours, mean luminance ${st.mean.toFixed(0)}`;
  });

  await test('gallery: no console or page errors', async () => {
    check(ctx.errors.length === 0, `${ctx.errors.length}: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await ctx.context.close();

  // A projector laptop at 2x: the gallery and the levers, for a look.
  {
    const hi = await openContext({ width: 1920, height: 1080, scale: 2 });
    await test('gallery: 1920x1080 at devicePixelRatio 2 (screenshots)', async () => {
      await loadApp(hi.page);
      const s = await showView(hi.page, 'Gallery');
      const b = s.widgets['Gallery:baseline:default'];
      check(b && b[0] + b[2] <= 1920 && b[1] + b[3] <= 1080, `default card button at ${JSON.stringify(b)}`);
      await hi.page.mouse.move(5, 1075);
      await sleep(400);
      checkNotBlank(await pixelStats(hi.context, await hi.page.screenshot({ path: path.join(args.out, 'gallery-1920x1080.png') })), 'gallery 2x');
      await showView(hi.page, 'Design');
      await hi.page.mouse.move(5, 1075);
      await sleep(400);
      checkNotBlank(await pixelStats(hi.context, await hi.page.screenshot({ path: path.join(args.out, 'levers-1920x1080.png') })), 'levers 2x');
      check(hi.errors.length === 0, `${hi.errors.length} errors: ${hi.errors.slice(0, 3).join(' | ')}`);
      return 'screenshots taken, no errors';
    });
    await hi.context.close();
  }
}
