// 80_modeldoc.mjs: the page "How the model works" (docs/model.md rendered by web/modeldoc.cpp) in the
// browser: opened from the help overlay (F1) and from a lever's "?" button and by right-clicking a lever,
// shown with its headings and a table of contents; a ToC entry jumps to its section; the wheel and the
// page keys scroll; Back and Esc return to the view before; the dark theme renders; no console errors.
// Screenshots: modeldoc-help.png (the help's entry), modeldoc-top.png, modeldoc-section.png,
// modeldoc-scrolled.png, modeldoc-end.png, modeldoc-lever-tooltip.png, modeldoc-lever.png,
// modeldoc-dark.png and modeldoc-light-table.png.
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank, centre, press } = lib;
  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let loaded = false;

  const tocNames = (s) => Object.keys(s.widgets).filter((k) => k.startsWith('ModelDoc:toc:'));
  const onPage = (s) => s.view === 'model' && s.widgets['Panel:modeldoc'];
  // The heading asked for is at the top of the document's view (or the document cannot scroll further).
  const atTarget = (s) => Math.abs(s.values['modeldoc.target_top']) <= 2 || s.values['modeldoc.scroll'] >= s.values['modeldoc.scroll_max'] - 1;
  // waitFor, with the page's own state in the message when it times out.
  const waitDoc = async (pred, ms, what) => {
    try {
      return await waitFor(page, pred, ms, what);
    } catch (err) {
      const s = await state(page);
      throw new Error(`${err.message.split(' (')[0]}: view ${s.view}, target "${s.texts['modeldoc.target']}", section ` +
                      `"${s.texts['modeldoc.section']}", scroll ${s.values['modeldoc.scroll']} of ${s.values['modeldoc.scroll_max']}, ` +
                      `target_top ${s.values['modeldoc.target_top']}`);
    }
  };
  const rest = async () => {
    await page.mouse.move(5, 760);  // away from every widget: no hover, no tooltip
    await sleep(400);
  };
  const shot = async (file) => {
    const png = await page.screenshot({ path: path.join(args.out, file) });
    return pixelStats(ctx.context, png);
  };

  await test('modeldoc: F1 help has "How the model works"; it opens the page with headings and a table of contents', async () => {
    await loadApp(page);
    loaded = true;
    await page.mouse.move(5, 760);
    await press(page, 'F1');
    const h = await waitFor(page, (x) => x.help_open && x.widgets['Help:modeldoc'], 3000, 'the help with its model entry');
    await page.screenshot({ path: path.join(args.out, 'modeldoc-help.png') });
    check(h.view === 'design', `view ${h.view}`);
    await clickWidget(page, 'Help:modeldoc');
    // The page's scroll range is known from its second frame.
    const s = await waitFor(page, (x) => onPage(x) && x.values['modeldoc.scroll_max'] > 0, 5000, 'the model page');
    check(!s.help_open, 'the help stayed open');
    check(s.values['modeldoc.loaded'] === 1, `document not loaded: ${s.texts['modeldoc.error']}`);
    check(s.values['modeldoc.headings'] > 5, `${s.values['modeldoc.headings']} headings`);
    const entries = s.values['modeldoc.toc_entries'];
    const listed = s.texts['modeldoc.toc'].split('\n').filter((x) => x.length > 0);
    check(entries >= 3 && listed.length === entries, `ToC: ${entries} entries, listing ${JSON.stringify(listed)}`);
    check(tocNames(s).length === entries, `${tocNames(s).length} ToC widgets for ${entries} entries`);
    for (const w of ['ModelDoc:toc', 'ModelDoc:toc_list', 'ModelDoc:body', 'ModelDoc:back']) check(s.widgets[w], `widget ${w} not recorded`);
    check(s.values['modeldoc.scroll'] === 0, `opened at scroll ${s.values['modeldoc.scroll']}, not the top`);
    check(s.values['modeldoc.scroll_max'] > 0, 'the document does not scroll: too short?');
    // The page takes the run rail's place: the ToC starts at the left margin.
    const toc = s.widgets['ModelDoc:toc'], body = s.widgets['ModelDoc:body'];
    check(toc[0] < 40 && body[0] > toc[0] + toc[2] && body[0] + body[2] <= 1366, `ToC ${JSON.stringify(toc)}, body ${JSON.stringify(body)}`);
    await rest();
    const st = await shot('modeldoc-top.png');
    checkNotBlank(st, 'model page');
    return `"${s.texts['modeldoc.title']}": ${s.values['modeldoc.headings']} headings, ${s.values['modeldoc.tables']} tables, ` +
           `${entries} ToC entries (${listed.slice(0, 4).join(' / ')} ...), ${s.values['modeldoc.scroll_max']} px to scroll`;
  });

  await test('modeldoc: every table of the page is a table for assistive technology (column headers, rows, cells)', async () => {
    check(loaded, 'page did not load');
    const s = await state(page);
    const drawn = s.values['modeldoc.tables'];
    const t = await page.evaluate(() => [...document.querySelectorAll('#a11y-root [role=table]')].map((e) => ({
      name: e.getAttribute('aria-label') || '',
      rows: e.querySelectorAll('[role=row]').length,
      headers: [...e.querySelectorAll('[role=columnheader]')].map((h) => h.textContent),
      cells: e.querySelectorAll('[role=cell]').length,
    })).filter((x) => x.name.startsWith('Table')));
    check(drawn > 0 && t.length === drawn, `${t.length} tables in the mirror, ${drawn} on the page`);
    for (const x of t) check(x.rows >= 2 && x.headers.length > 0 && x.cells >= x.headers.length && x.headers.every((h) => h.length > 0),
                             `table "${x.name}": ${x.rows} rows, headers ${JSON.stringify(x.headers)}, ${x.cells} cells`);
    // The calibration table (MODEL.md's sources) reads as it is written.
    const calib = t.find((x) => x.headers.join('|') === 'Quantity|Published level|Source|Carried mainly by');
    check(calib, `no table with the calibration columns: ${t.map((x) => x.headers.join('|')).slice(0, 4).join(' / ')}`);
    return `${t.length} tables, e.g. "${calib.name}": ${calib.rows} rows x ${calib.headers.length} columns`;
  });

  await test('modeldoc: a ToC entry jumps to its section, which the ToC then marks', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    const names = tocNames(s0);
    // An entry in the middle of the list that is visible in the ToC's list.
    const toc = s0.widgets['ModelDoc:toc_list'];
    const visible = names.filter((n) => { const r = s0.widgets[n]; return r[1] >= toc[1] && r[1] + r[3] <= toc[1] + toc[3]; });
    check(visible.length >= 3, `${visible.length} ToC entries visible`);
    const name = visible[Math.min(visible.length - 1, Math.floor(visible.length / 2))];
    const anchor = name.slice('ModelDoc:toc:'.length);
    await clickWidget(page, name);
    const s = await waitDoc((x) => x.texts['modeldoc.target'] === anchor && x.values['modeldoc.scroll'] > 0 && atTarget(x), 5000,
                            `the document at #${anchor}`);
    await sleep(300);
    const t = await state(page);
    check(t.texts['modeldoc.section'] === anchor, `section ${t.texts['modeldoc.section']}, not ${anchor}`);
    check(atTarget(t), `the heading is ${t.values['modeldoc.target_top']} px from the top`);
    await rest();
    checkNotBlank(await shot('modeldoc-section.png'), 'model page at a section');
    return `#${anchor} ("${s.texts['modeldoc.target_title']}") at scroll ${t.values['modeldoc.scroll']} of ${t.values['modeldoc.scroll_max']}`;
  });

  await test('modeldoc: the wheel and the page keys scroll; the section follows', async () => {
    check(loaded, 'page did not load');
    // From the top (the first ToC entry), wheel down over the document.
    await sleep(300);
    const s0 = await state(page);
    await clickWidget(page, tocNames(s0)[0]);
    await waitDoc((x) => x.texts['modeldoc.target'] === tocNames(s0)[0].slice('ModelDoc:toc:'.length) && atTarget(x), 5000, 'the first section');
    const a = await state(page);
    const { x, y } = centre(a.widgets['ModelDoc:body']);
    await page.mouse.move(x, y);
    await sleep(150);
    for (let k = 0; k < 6; ++k) {
      await page.mouse.wheel(0, 240);
      await sleep(120);
    }
    const b = await waitFor(page, (s) => s.values['modeldoc.scroll'] > a.values['modeldoc.scroll'] + 100, 4000, 'the wheel to scroll');
    await sleep(300);
    const c = await state(page);
    // The frame rate while the page shows (the whole document is laid out; only what shows is drawn).
    await lib.keepDrawing(page, true);  // the idle page draws nothing: measure the rate it can draw at
    const t0 = Date.now();
    await sleep(1500);
    const c2 = await state(page);
    await lib.keepDrawing(page, false);
    const fps = ((c2.frame - c.frame) * 1000) / (Date.now() - t0);
    await rest();
    checkNotBlank(await shot('modeldoc-scrolled.png'), 'model page scrolled');
    // PageDown, then PageUp, by the keyboard.
    await press(page, 'PageDown');
    const d = await waitFor(page, (s) => s.values['modeldoc.scroll'] > c.values['modeldoc.scroll'] + 100 ||
                                         s.values['modeldoc.scroll'] >= s.values['modeldoc.scroll_max'] - 1, 3000, 'PageDown');
    await press(page, 'PageUp');
    const e = await waitFor(page, (s) => s.values['modeldoc.scroll'] < d.values['modeldoc.scroll'] - 100, 3000, 'PageUp');
    // Scrolled to the end, the last section is the one marked.
    let f = await state(page);
    // Each PageDown is waited for (at a few frames a second a press can take a while to land), and the
    // loop's bound follows the document's length rather than a fixed count.
    const pages = Math.ceil(f.values['modeldoc.scroll_max'] / 200) + 5;
    for (let k = 0; k < pages && f.values['modeldoc.scroll'] < f.values['modeldoc.scroll_max'] - 1; ++k) {
      const before = f.values['modeldoc.scroll'];
      await press(page, 'PageDown');
      f = await waitDoc((s) => s.values['modeldoc.scroll'] > before || s.values['modeldoc.scroll'] >= s.values['modeldoc.scroll_max'] - 1,
                        4000, 'PageDown towards the end');
    }
    f = await waitDoc((s) => s.values['modeldoc.scroll'] >= s.values['modeldoc.scroll_max'] - 1, 3000, 'the end');
    const last = tocNames(f).pop().slice('ModelDoc:toc:'.length);
    check(f.texts['modeldoc.section'] === last, `at the end the section is ${f.texts['modeldoc.section']}, not ${last}`);
    await rest();
    checkNotBlank(await shot('modeldoc-end.png'), 'model page at the end');
    check(a.texts['modeldoc.section'] !== c.texts['modeldoc.section'] || c.values['modeldoc.scroll'] < 400,
          `section stayed ${a.texts['modeldoc.section']} after scrolling ${c.values['modeldoc.scroll']} px`);
    return `wheel: ${a.values['modeldoc.scroll']} -> ${b.values['modeldoc.scroll']} (section ${a.texts['modeldoc.section']} -> ` +
           `${c.texts['modeldoc.section']}); PageDown -> ${d.values['modeldoc.scroll']}, PageUp -> ${e.values['modeldoc.scroll']}; ` +
           `end ${f.values['modeldoc.scroll']} (section ${last}); ${fps.toFixed(1)} frames/s on the page`;
  });

  await test('modeldoc: Back returns to the view the page was opened from', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'ModelDoc:back');
    // The view changes within the frame Back is pressed in; the widgets of the next frame are Design's.
    const s = await waitFor(page, (x) => x.view === 'design' && !x.widgets['Panel:modeldoc'], 3000, 'Design after Back');
    check(s.widgets['Panel:controls'] && s.widgets['Panel:levers'], 'the run rail or the levers are not back');
    await lib.keepDrawing(page, true);
    const t0 = Date.now();
    await sleep(1500);
    const s2 = await state(page);
    await lib.keepDrawing(page, false);
    const fps = ((s2.frame - s.frame) * 1000) / (Date.now() - t0);
    return `view ${s.view}; ${fps.toFixed(1)} frames/s on Design (for comparison)`;
  });

  await test('modeldoc: a lever\'s "?" opens the page at the section of its mechanism', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    const name = s0.widgets['Lever:shadow_it_policy:doc'] ? 'Lever:shadow_it_policy:doc'
                                                          : Object.keys(s0.widgets).find((k) => /^Lever:[^:]+:doc$/.test(k));
    check(name, 'no lever has a ? button');
    const key = name.split(':')[1];
    // The tooltip of the lever's name points at the "?".
    const label = s0.widgets[name];
    await page.mouse.move(label[0] - 20, label[1] + label[3] / 2);
    await sleep(500);
    await page.screenshot({ path: path.join(args.out, 'modeldoc-lever-tooltip.png') });
    await clickWidget(page, name);
    const s = await waitFor(page, (x) => onPage(x) && x.texts['modeldoc.where']?.startsWith(key), 5000, 'the model page from the lever');
    const t = await waitFor(page, (x) => atTarget(x) || x.texts['modeldoc.target'] === '', 3000, 'the section in view');
    const match = t.texts['modeldoc.match'];
    if (match) {
      check(t.texts['modeldoc.target_title'].toLowerCase().includes(match.toLowerCase()),
            `heading "${t.texts['modeldoc.target_title']}" does not contain "${match}"`);
      check(t.texts['modeldoc.section'] === t.texts['modeldoc.target'], `section ${t.texts['modeldoc.section']} vs target ${t.texts['modeldoc.target']}`);
    } else {
      check(t.values['modeldoc.scroll'] === 0, `no heading matched, but the page is at ${t.values['modeldoc.scroll']}, not the top`);
    }
    await rest();
    checkNotBlank(await shot('modeldoc-lever.png'), 'model page from a lever');
    await press(page, 'Escape');
    const e = await waitFor(page, (x) => x.view === 'design', 3000, 'Design after Esc');
    return `${key} -> ${match ? `"${t.texts['modeldoc.target_title']}" (matched "${match}")` : 'the top (no heading matched)'}; Esc -> ${e.view}`;
  });

  await test('modeldoc: right-clicking a lever opens its section too; every visible lever leads somewhere', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    const panel = s0.widgets['Panel:levers'];
    const docs = Object.keys(s0.widgets).filter((k) => /^Lever:[^:]+:doc$/.test(k))
      .filter((k) => { const r = s0.widgets[k]; return r[1] >= panel[1] + 10 && r[1] + r[3] <= panel[1] + panel[3] - 10; });
    check(docs.length >= 3, `${docs.length} levers with a visible ?`);
    const mapping = [];
    for (const name of docs) {
      const key = name.split(':')[1];
      const cur = await state(page);
      const r = cur.widgets[`Lever:${key}`] ?? cur.widgets[name];
      const { x, y } = centre(r);
      await page.mouse.move(x, y);
      await sleep(120);
      await page.mouse.down({ button: 'right' });
      await sleep(60);
      await page.mouse.up({ button: 'right' });
      const t = await waitFor(page, (s) => onPage(s) && s.texts['modeldoc.where']?.startsWith(key), 4000, `the page from ${key}`);
      mapping.push(`${key} -> ${t.texts['modeldoc.target_title'] || '(top)'}`);
      await press(page, 'Escape');
      await waitFor(page, (s) => s.view === 'design' && s.widgets['Panel:levers'], 3000, 'Design again');
      await sleep(150);
    }
    console.log(`      lever -> section: ${mapping.join('; ')}`);
    return `${docs.length} levers by right-click; ${mapping.slice(0, 3).join('; ')} ...`;
  });

  await test('modeldoc: the dark theme renders the page', async () => {
    check(loaded, 'page did not load');
    await page.mouse.move(5, 760);
    await press(page, 'F1');
    await waitFor(page, (x) => x.help_open, 3000, 'help');
    await clickWidget(page, 'Help:modeldoc');
    await waitFor(page, (x) => onPage(x), 3000, 'the model page');
    await sleep(300);  // the ToC scrolls to the section being read in the frame after
    // A section likely to hold a table (the ledger, the calibration), else one from the middle, among
    // the entries the ToC shows without scrolling.
    const s0 = await state(page);
    const list = s0.widgets['ModelDoc:toc_list'];
    const names = tocNames(s0).filter((n) => { const r = s0.widgets[n]; return r[1] >= list[1] && r[1] + r[3] <= list[1] + list[3]; });
    check(names.length >= 3, `${names.length} ToC entries visible`);
    const pick = names.find((n) => /ledger|calibration|parameter/.test(n)) ?? names[Math.floor(names.length / 2)];
    await clickWidget(page, pick);
    await waitDoc((x) => x.texts['modeldoc.target'] === pick.slice('ModelDoc:toc:'.length) && atTarget(x), 5000, 'the section');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await rest();
    const st = await shot('modeldoc-dark.png');
    check(st.mean < 100, `dark page mean luminance ${st.mean.toFixed(0)}`);
    checkNotBlank({ ...st, mean: Math.max(st.mean, 21) }, 'dark model page');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme');
    await rest();
    checkNotBlank(await shot('modeldoc-light-table.png'), 'light model page');
    const s = await state(page);
    check(onPage(s), 'left the page when switching themes');
    return `dark: ${st.colours} colours, mean luminance ${st.mean.toFixed(0)}; at #${pick.slice('ModelDoc:toc:'.length)}`;
  });

  // Presentation mode rebuilds the font atlas (larger type) and again on leaving: every ImFont is freed
  // and made anew, and may or may not get its old address. The page laid out before must be laid out
  // again: the first build checked only the body font's address, and a soak crashed in the page
  // ("memory access out of bounds") drawing words with a bold font freed by such a rebuild.
  await test('modeldoc: after presentation mode rebuilt the fonts, the page lays its text out again', async () => {
    let s = await state(page);
    if (s.view === 'model') {
      await rest();
      await press(page, 'Escape');
      s = await waitFor(page, (x) => x.view !== 'model', 3000, 'back from the page');
    }
    const before = s.font_px;
    for (let round = 0; round < 2; ++round) {
      await rest();
      await clickWidget(page, 'Present');
      await waitFor(page, (x) => x.presenting, 6000, 'presentation mode');
      await waitFor(page, (x) => x.font_px > before, 6000, 'presentation with larger type');
      await press(page, 'Escape');
      await waitFor(page, (x) => !x.presenting && x.font_px === before, 6000, 'presentation left');
      await press(page, 'F1');
      await waitFor(page, (x) => x.help_open && x.widgets['Help:modeldoc'], 3000, 'the help');
      await clickWidget(page, 'Help:modeldoc');
      s = await waitFor(page, (x) => onPage(x) && x.values['modeldoc.fonts_current'] !== undefined, 5000, 'the model page');
      check(s.values['modeldoc.fonts_current'] === 1, `round ${round + 1}: the page drew text laid out with the fonts of an earlier atlas`);
      await rest();
      await press(page, 'Escape');
      await waitFor(page, (x) => x.view !== 'model', 3000, 'back from the page');
    }
    check(ctx.errors.length === 0, `${ctx.errors.slice(0, 2).join(' | ')}`);
    return `2 rounds of present → model page; body font raster ${before} px`;
  });

  await test('modeldoc: no console error or page error', async () => {
    check(ctx.errors.length === 0, `${ctx.errors.length}: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await ctx.context.close();
}
