// 30_orgchart.mjs: the org chart view and editor in the browser: a tidy tree (parents above their
// teams, no overlapping boxes), drag and drop to change a reporting line with real mouse moves, a
// refused cycle that changes nothing, undo, adding a CDO, headcount and budget typed into the
// inspector, a refused headcount, Shift-drag for a dotted line and its removal, removing a unit,
// zoom (buttons, wheel, fit) and pan, the dark theme and a 1920x1080@2 screen (orgchart-*.png).
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank, centre,
          dragWidget, press, typeInto, scenarioOf } = lib;

  // The snapshot's scenario is the file format: units under org.units, the root's parent null.
  const unitsOf = (s) => {
    const sc = scenarioOf(s);
    return sc.org?.units ?? sc.units;
  };
  const unitOf = (s, id) => unitsOf(s).find((u) => u.id === id);
  const parentOf = (s, id) => unitOf(s, id)?.parent ?? null;
  const rect = (s, id) => s.widgets[`OrgChart:unit:${id}`];
  const overlap = (a, b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
  // Checks of a laid-out tree: every unit has a box, parents sit above their teams, no two boxes overlap.
  function checkTree(s) {
    const units = unitsOf(s);
    for (const u of units) check(rect(s, u.id), `no box for ${u.id}`);
    for (const u of units) {
      if (!u.parent) continue;
      const c = rect(s, u.id), p = rect(s, u.parent);
      check(p[1] + p[3] <= c[1] + 0.5, `${u.parent} (bottom ${p[1] + p[3]}) is not above ${u.id} (top ${c[1]})`);
    }
    for (let i = 0; i < units.length; ++i)
      for (let j = i + 1; j < units.length; ++j)
        check(!overlap(rect(s, units[i].id), rect(s, units[j].id)), `boxes ${units[i].id} and ${units[j].id} overlap`);
    return units.length;
  }
  // A drag by hand, with a screenshot (and the app's drag state) taken before the button is released.
  async function dragWithShot(page, name, to, file, modifiers = []) {
    const s = await state(page);
    const from = centre(s.widgets[name]);
    await page.mouse.move(from.x, from.y);
    await sleep(120);
    for (const m of modifiers) await page.keyboard.down(m);
    if (modifiers.length) await sleep(100);  // held across a frame before the press
    await page.mouse.down();
    await sleep(80);
    for (let k = 1; k <= 14; ++k) {
      await page.mouse.move(from.x + ((to.x - from.x) * k) / 14, from.y + ((to.y - from.y) * k) / 14);
      await sleep(40);
    }
    await sleep(200);
    const mid = await state(page);
    if (file) await page.screenshot({ path: path.join(args.out, file) });
    await page.mouse.up();
    for (const m of modifiers) await page.keyboard.up(m);
    await sleep(200);
    return mid;
  }

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let loaded = false;

  await test('orgchart: the default scenario is drawn as a tidy tree, fitted to the panel', async () => {
    await loadApp(page);
    loaded = true;
    const s = await waitFor(page, (x) => x.widgets['OrgChart:unit:exec'] && typeof x.scenario_json === 'string', 5000, 'the org chart');
    check(s.view === 'design', `view ${s.view}`);
    const n = checkTree(s);
    const panel = s.widgets['Panel:orgchart'];
    check(panel, 'panel not recorded');
    for (const u of unitsOf(s)) {
      const r = rect(s, u.id);
      check(r[0] >= panel[0] && r[0] + r[2] <= panel[0] + panel[2] + 0.5 && r[1] >= panel[1] && r[1] + r[3] <= panel[1] + panel[3] + 0.5,
            `box ${u.id} ${JSON.stringify(r)} outside the panel ${JSON.stringify(panel)}`);
    }
    const z = s.values['orgchart.zoom'];
    check(z >= 0.7 && z <= 2, `zoom ${z}`);
    for (const w of ['OrgChart:add:cdo', 'OrgChart:add:cmt', 'OrgChart:add:ciso', 'OrgChart:zoom_in', 'OrgChart:zoom_out', 'OrgChart:fit'])
      check(s.widgets[w], `${w} not recorded`);
    check(s.texts['orgchart.selected'] === '', `selected "${s.texts['orgchart.selected']}" at start`);
    await page.mouse.move(5, 760);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'orgchart-light-1366.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'org chart');
    const it = rect(s, 'it');
    return `${n} boxes, none overlapping, zoom ${z.toFixed(2)}, IT box ${Math.round(it[2])}x${Math.round(it[3])} px`;
  });

  await test('orgchart: click selects a unit; a click on the background clears the selection', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'OrgChart:unit:marketing');
    const a = await waitFor(page, (x) => x.texts['orgchart.selected'] === 'marketing', 3000, 'marketing selected');
    check(a.values['orgchart.selected.headcount'] === unitOf(a, 'marketing').headcount, 'inspector headcount differs from the scenario');
    check(a.widgets['OrgChart:headcount'] && a.widgets['OrgChart:budget'] && a.widgets['OrgChart:remove'], 'inspector fields not drawn');
    await page.mouse.move(5, 760);
    await sleep(200);
    await page.screenshot({ path: path.join(args.out, 'orgchart-selected.png') });
    // Background: just left of the root's box.
    const e = rect(a, 'exec');
    await page.mouse.move(e[0] - 12, e[1] + 4);
    await sleep(100);
    await page.mouse.down();
    await sleep(60);
    await page.mouse.up();
    await waitFor(page, (x) => x.texts['orgchart.selected'] === '', 3000, 'selection cleared');
    return 'marketing selected, then cleared';
  });

  let before = null;
  await test('orgchart: drag IT onto the executive office -> IT reports to exec (one undoable edit)', async () => {
    check(loaded, 'page did not load');
    const a = await state(page);
    check(parentOf(a, 'it') === 'finance', `IT starts under ${parentOf(a, 'it')}`);
    const mid = await dragWithShot(page, 'OrgChart:unit:it', centre(rect(a, 'exec')), 'orgchart-drag.png');
    check(mid.texts['orgchart.drag'] === 'it' && mid.texts['orgchart.target'] === 'exec',
          `mid-drag: dragging "${mid.texts['orgchart.drag']}" over "${mid.texts['orgchart.target']}"`);
    const b = await waitFor(page, (x) => parentOf(x, 'it') === 'exec', 3000, 'IT under exec');
    check(b.undo_label === 'Moved IT under Executive office', `undo label "${b.undo_label}"`);
    check(b.texts['orgchart.selected'] === 'it', `selected "${b.texts['orgchart.selected']}" after the drop`);
    check(parentOf(b, 'it_security') === 'it', 'IT security did not move with IT');
    checkTree(b);
    before = b;
    return `IT: finance -> ${parentOf(b, 'it')}; IT security still under IT; tree redrawn`;
  });

  await test('orgchart: drag exec onto IT -> refused (reporting cycle), nothing changes', async () => {
    check(before, 'previous step failed');
    const a = await state(page);
    await dragWidget(page, 'OrgChart:unit:exec', centre(rect(a, 'it')));
    const b = await waitFor(page, (x) => /cycle/.test(x.texts['orgchart.message'] || ''), 3000, 'the refusal');
    check(b.scenario_json === a.scenario_json, 'the scenario changed');
    check(b.revision === a.revision, `revision ${a.revision} -> ${b.revision}`);
    check(b.undo_label === a.undo_label, `undo label "${a.undo_label}" -> "${b.undo_label}"`);
    check(b.toast_error && /cycle/.test(b.toast || ''), `no error toast with the reason (toast "${b.toast}")`);
    await sleep(100);
    await page.screenshot({ path: path.join(args.out, 'orgchart-refused.png') });
    return `"${b.texts['orgchart.message']}"`;
  });

  await test('orgchart: Undo puts IT back under finance', async () => {
    check(before, 'previous step failed');
    await clickWidget(page, 'Undo');
    const s = await waitFor(page, (x) => parentOf(x, 'it') === 'finance', 3000, 'IT under finance again');
    checkTree(s);
    return `IT under ${parentOf(s, 'it')}; can redo: ${s.can_redo}`;
  });

  let cdo = '';
  await test('orgchart: Add CDO adds a unit headed by a CDO, selects it; the button then disables', async () => {
    check(loaded, 'page did not load');
    const a = await state(page);
    const n0 = unitsOf(a).length;
    await clickWidget(page, 'OrgChart:add:cdo');
    const b = await waitFor(page, (x) => unitsOf(x).length === n0 + 1, 3000, 'one more unit');
    const added = unitsOf(b).find((u) => u.head === 'CDO');
    check(added, 'no unit headed by a CDO');
    cdo = added.id;
    check(b.texts['orgchart.selected'] === cdo, `selected "${b.texts['orgchart.selected']}", expected ${cdo}`);
    check(rect(b, cdo), 'the new box is not drawn');
    checkTree(b);
    await clickWidget(page, 'OrgChart:add:cdo');  // disabled now: nothing happens
    await sleep(200);
    const c = await state(page);
    check(unitsOf(c).length === n0 + 1, 'a second CDO was added');
    return `${n0} -> ${n0 + 1} units; "${added.name}" (${cdo}) under ${added.parent}, ${added.headcount} staff`;
  });

  await test('orgchart: select IT, type headcount and budget in the inspector (Enter applies)', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'OrgChart:unit:it');
    await waitFor(page, (x) => x.texts['orgchart.selected'] === 'it', 3000, 'IT selected');
    await typeInto(page, 'OrgChart:headcount', 70);
    const a = await waitFor(page, (x) => unitOf(x, 'it').headcount === 70, 3000, 'IT headcount 70');
    check(a.undo_label === 'Set headcount of IT to 70', `undo label "${a.undo_label}"`);
    check(a.values['orgchart.selected.headcount'] === 70, `inspector shows ${a.values['orgchart.selected.headcount']}`);
    await typeInto(page, 'OrgChart:budget', '12.5');
    const b = await waitFor(page, (x) => Math.abs(unitOf(x, 'it').budget_musd - 12.5) < 1e-9, 3000, 'IT budget 12.5');
    // Steppers: + adds one seat.
    await clickWidget(page, 'OrgChart:headcount_plus');
    const c = await waitFor(page, (x) => unitOf(x, 'it').headcount === 71, 3000, 'IT headcount 71');
    await page.mouse.move(5, 760);
    await sleep(200);
    await page.screenshot({ path: path.join(args.out, 'orgchart-inspector.png') });
    return `IT headcount 55 -> ${unitOf(a, 'it').headcount} -> ${unitOf(c, 'it').headcount} (+), budget -> ${unitOf(b, 'it').budget_musd} M USD`;
  });

  await test('orgchart: an impossible headcount is refused with the reason and changes nothing', async () => {
    check(loaded, 'page did not load');
    const a = await state(page);
    await typeInto(page, 'OrgChart:headcount', 999999);
    const b = await waitFor(page, (x) => /Headcount must be between/.test(x.texts['orgchart.message'] || ''), 3000, 'the refusal');
    check(unitOf(b, 'it').headcount === unitOf(a, 'it').headcount, `headcount ${unitOf(b, 'it').headcount}`);
    check(b.revision === a.revision, `revision ${a.revision} -> ${b.revision}`);
    await sleep(300);
    const c = await state(page);
    check(c.values['orgchart.selected.headcount'] === unitOf(a, 'it').headcount, 'the field did not return to the stored value');
    return `"${b.texts['orgchart.message']}"`;
  });

  await test('orgchart: Shift-drag adds a dotted line; its chip in the inspector removes it', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'OrgChart:deselect');  // the inspector must not cover the boxes
    await clickWidget(page, 'OrgChart:fit');
    const a = await state(page);
    check((unitOf(a, 'analytics').dotted || []).length === 0, 'analytics already has dotted lines');
    const mid = await dragWithShot(page, 'OrgChart:unit:analytics', centre(rect(a, 'it')), 'orgchart-dotted-drag.png', ['Shift']);
    check(mid.texts['orgchart.target'] === 'it', `mid-drag target "${mid.texts['orgchart.target']}"`);
    await sleep(300);
    const after = await state(page);
    check((unitOf(after, 'analytics').dotted || []).includes('it'),
          `no dotted line: analytics under ${parentOf(after, 'analytics')}, dotted [${unitOf(after, 'analytics').dotted || []}], ` +
          `message "${after.texts['orgchart.message']}", undo "${after.undo_label}"`);
    const b = after;
    check(parentOf(b, 'analytics') === 'marketing', `analytics moved to ${parentOf(b, 'analytics')}`);
    check(b.texts['orgchart.selected'] === 'analytics', `selected "${b.texts['orgchart.selected']}"`);
    await page.mouse.move(5, 760);
    await sleep(200);
    await page.screenshot({ path: path.join(args.out, 'orgchart-dotted.png') });
    check(b.widgets['OrgChart:dotted_remove:it'], 'no chip for the dotted line');
    await clickWidget(page, 'OrgChart:dotted_remove:it');
    const c = await waitFor(page, (x) => (unitOf(x, 'analytics').dotted || []).length === 0, 3000, 'dotted line removed');
    // The toolbar toggle does the same without Shift.
    await clickWidget(page, 'OrgChart:dotted_mode');
    await waitFor(page, (x) => x.values['orgchart.dotted_mode'] === 1, 2000, 'dotted-line mode on');
    await dragWidget(page, 'OrgChart:unit:analytics', centre(rect(c, 'it')));
    const d = await waitFor(page, (x) => (unitOf(x, 'analytics').dotted || []).includes('it'), 3000, 'dotted line via the toggle');
    await clickWidget(page, 'OrgChart:dotted_mode');
    await waitFor(page, (x) => x.values['orgchart.dotted_mode'] === 0, 2000, 'dotted-line mode off');
    return `analytics dotted: [] -> [${unitOf(b, 'analytics').dotted}] -> [] -> [${unitOf(d, 'analytics').dotted}] (toggle)`;
  });

  await test('orgchart: Remove unit removes the selected unit; Undo restores it', async () => {
    check(cdo, 'no CDO was added');
    await clickWidget(page, `OrgChart:unit:${cdo}`);
    await waitFor(page, (x) => x.texts['orgchart.selected'] === cdo, 3000, 'CDO unit selected');
    const a = await state(page);
    const n = unitsOf(a).length;
    await clickWidget(page, 'OrgChart:remove');
    // The snapshot's scenario is read when asked, its widgets are those of the last frame drawn: wait
    // for a frame drawn after the removal too.
    const b = await waitFor(page, (x) => unitsOf(x).length === n - 1 && x.frame > a.frame + 2 && !rect(x, cdo), 3000, 'unit removed');
    check(!unitOf(b, cdo) && !rect(b, cdo), 'the unit or its box is still there');
    check(b.texts['orgchart.selected'] === '', `selected "${b.texts['orgchart.selected']}" after removal`);
    await clickWidget(page, 'Undo');
    const c = await waitFor(page, (x) => unitOf(x, cdo), 3000, 'unit back after Undo');
    check(rect(c, cdo), 'box not drawn after Undo');
    // The root cannot be removed: its button is disabled.
    await clickWidget(page, 'OrgChart:unit:exec');
    await waitFor(page, (x) => x.texts['orgchart.selected'] === 'exec', 3000, 'exec selected');
    await clickWidget(page, 'OrgChart:remove');
    await sleep(200);
    const d = await state(page);
    check(unitOf(d, 'exec'), 'the root was removed');
    return `${n} -> ${n - 1} units -> Undo -> ${unitsOf(c).length}; root kept`;
  });

  await test('orgchart: zoom with +, - and the wheel around the cursor; pan by dragging the background; Fit', async () => {
    check(loaded, 'page did not load');
    await page.mouse.move(5, 760);
    const a = await state(page);
    const z0 = a.values['orgchart.zoom'];
    await clickWidget(page, 'OrgChart:zoom_in');
    const b = await waitFor(page, (x) => x.values['orgchart.zoom'] > z0 * 1.1, 2000, 'zoomed in');
    check(b.widgets['OrgChart:unit:exec'][2] > a.widgets['OrgChart:unit:exec'][2] * 1.1, 'boxes did not grow');
    await clickWidget(page, 'OrgChart:zoom_out');
    await clickWidget(page, 'OrgChart:zoom_out');
    const c = await waitFor(page, (x) => x.values['orgchart.zoom'] < z0 * 0.95 || x.values['orgchart.zoom'] <= 0.7001, 2000, 'zoomed out');
    // Wheel over a box: that box stays under the cursor.
    const r = rect(c, 'marketing');
    const at = centre(r);
    await page.mouse.move(at.x, at.y);
    await sleep(100);
    await page.mouse.wheel(0, -240);
    const d = await waitFor(page, (x) => x.values['orgchart.zoom'] > c.values['orgchart.zoom'] * 1.05, 2000, 'wheel zoom');
    const r2 = rect(d, 'marketing');
    const fx = (at.x - r[0]) / r[2], fx2 = (at.x - r2[0]) / r2[2];
    check(Math.abs(fx - fx2) < 0.05, `the point under the cursor moved within the box: ${fx.toFixed(2)} -> ${fx2.toFixed(2)}`);
    // Pan: drag the background (left of the root) by (+60, +40).
    const e0 = rect(d, 'exec');
    const from = { x: e0[0] - 14, y: e0[1] + 6 };
    await page.mouse.move(from.x, from.y);
    await sleep(100);
    await page.mouse.down();
    for (let k = 1; k <= 8; ++k) {
      await page.mouse.move(from.x + (60 * k) / 8, from.y + (40 * k) / 8);
      await sleep(40);
    }
    await page.mouse.up();
    await sleep(200);
    const e = await state(page);
    const e1 = rect(e, 'exec');
    check(Math.abs(e1[0] - e0[0] - 60) < 3 && Math.abs(e1[1] - e0[1] - 40) < 3, `pan moved exec by ${e1[0] - e0[0]}, ${e1[1] - e0[1]}`);
    check(unitsOf(e).every((u) => u.parent === unitOf(d, u.id).parent), 'panning changed the scenario');
    await clickWidget(page, 'OrgChart:fit');
    const f = await waitFor(page, (x) => Math.abs(x.values['orgchart.zoom'] - z0) < 0.02, 2000, 'fit');
    return `zoom ${z0.toFixed(2)} -> ${b.values['orgchart.zoom'].toFixed(2)} (+) -> ${c.values['orgchart.zoom'].toFixed(2)} (-,-) -> ` +
           `${d.values['orgchart.zoom'].toFixed(2)} (wheel) -> ${f.values['orgchart.zoom'].toFixed(2)} (fit); pan (+60,+40) ok`;
  });

  await test('orgchart: dark theme renders the chart (orgchart-dark.png)', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'OrgChart:unit:it');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await page.mouse.move(5, 760);
    await sleep(400);
    const png = await page.screenshot({ path: path.join(args.out, 'orgchart-dark.png') });
    const stats = await pixelStats(ctx.context, png);
    checkNotBlank({ ...stats, mean: Math.max(stats.mean, 21) }, 'dark');
    check(stats.mean < 100, `dark mean luminance ${stats.mean.toFixed(0)}`);
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme');
    return `${stats.colours} colours, mean luminance ${stats.mean.toFixed(0)}`;
  });

  await test('orgchart: no console or page errors', async () => {
    check(ctx.errors.length === 0, `${ctx.errors.length}: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await ctx.context.close();

  // A projector laptop: 1920x1080 at devicePixelRatio 2, with a wider tree (CDO, CMT, CISO added).
  {
    const hi = await openContext({ width: 1920, height: 1080, scale: 2 });
    await test('orgchart: 1920x1080@2 with CDO, CMT and CISO added stays a tidy, readable tree', async () => {
      await loadApp(hi.page);
      await waitFor(hi.page, (x) => x.widgets['OrgChart:add:ciso'], 5000, 'the org chart');
      for (const r of ['cdo', 'cmt', 'ciso']) await clickWidget(hi.page, `OrgChart:add:${r}`);
      const s = await waitFor(hi.page, (x) => unitsOf(x).length === 11, 3000, '11 units');
      const n = checkTree(s);
      const z = s.values['orgchart.zoom'];
      check(z >= 0.699, `zoom ${z} below the readable minimum`);
      await hi.page.mouse.move(5, 1070);
      await sleep(400);
      const png = await hi.page.screenshot({ path: path.join(args.out, 'orgchart-1920x1080.png') });
      const stats = await pixelStats(hi.context, png);
      checkNotBlank(stats, '1920x1080@2');
      check(stats.width === 3840, `screenshot width ${stats.width}`);
      check(hi.errors.length === 0, `${hi.errors.length} errors: ${hi.errors.slice(0, 3).join(' | ')}`);
      return `${n} boxes, zoom ${z.toFixed(2)}, IT box ${Math.round(rect(s, 'it')[2])} CSS px wide`;
    });
    await hi.context.close();
  }
}
