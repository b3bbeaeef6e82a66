// 97_a11y.mjs: the app for everyone in the room (issue 12). The canvas is aria-hidden; web/a11y.js
// mirrors the widgets the app publishes (web/semantics.h) into real, positioned DOM elements.
//   (a) axe-core (@axe-core/playwright) finds no WCAG 2.0/2.1 A or AA violation on any view: gallery,
//       design (with a unit selected and its "Reports to" list open), results, compare (table and
//       Why?), library, sensitivity, class (build), the model's page, the help dialog, a menu, presentation mode;
//   (b) a keyboard-only journey with page.keyboard alone: open a preset from the gallery, add an
//       alternative, change a lever, move a unit under another boss, run, read the comparison, save;
//   (c) the accessibility tree (Chromium's, through the DevTools protocol) holds the outcome cards'
//       numbers and the comparison's sentences as the app computed them;
//   (d) an element activated the way a screen reader does (element.click()) runs the command, a
//       widget clicked with the mouse takes the DOM focus, and the focused element shows a ring;
//   (e) prefers-contrast: more; (f) 200% zoom on a 1366x768 screen: the header fits, nothing overlaps;
//   (g) the single-key shortcuts can be turned off (WCAG 2.1.4); (h) tooltips can be hovered and
//       dismissed with Escape (WCAG 1.4.13); (i) reflow at 320 CSS pixels (WCAG 1.4.10): every view,
//       one pane at a time, nothing wider than the window, the page scrolling vertically; (j) 200%
//       zoom on a 1366x768 laptop: every view's controls inside the window; (k) wider text spacing
//       (WCAG 1.4.12) from the help: letters and lines further apart, the header still without
//       overlaps, kept after a reload.
import fs from 'node:fs';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, openIsolatedContext, loadApp, state, clickWidget, waitFor, showView, press, scenarioOf } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const { AxeBuilder } = await import(path.join(root, 'tests/browser/node_modules/@axe-core/playwright/dist/index.mjs'));
  const shot = (page, name) => page.screenshot({ path: path.join(args.out, name) });
  const texts = (s) => s.texts || {};
  const values = (s) => s.values || {};

  // The focused element: role, name, and where it sits in the mirror.
  const focused = (page) => page.evaluate(() => {
    const e = document.activeElement;
    if (!e || !e.closest || !e.closest('#a11y-root')) return { inMirror: false, tag: e ? e.tagName : '' };
    return { inMirror: true, tag: e.tagName, role: e.getAttribute('role') || e.dataset.role, name: e.getAttribute('aria-label') || e.textContent,
             selected: e.getAttribute('aria-selected'), value: e.value };
  });
  // Press Tab (Shift+Tab: back) until the focused element matches; fails after `max` presses.
  async function tabTo(page, match, what, { max = 160, back = false } = {}) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      await sleep(25);
      const f = await focused(page);
      if (f.inMirror && match(f)) return f;
    }
    throw new Error(`Tab never reached ${what}`);
  }
  // Arrow keys inside a group (tabs, tree, list) until the focused element matches.
  async function arrowTo(page, key, match, what, max = 40) {
    for (let i = 0; i < max; i++) {
      const f = await focused(page);
      if (f.inMirror && match(f)) return f;
      await page.keyboard.press(key);
      await sleep(40);
    }
    throw new Error(`${key} never reached ${what}`);
  }
  async function axe(page, where) {
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const v = r.violations.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
    check(v.length === 0, `${where}: ${v.join('; ')}`);
    return r.passes.length;
  }
  const mirrorCount = (page) => page.evaluate(() => document.querySelectorAll('#a11y-root .a11y-node').length);

  const defaultScenario = JSON.parse(fs.readFileSync(path.join(root, 'scenarios/default.json'), 'utf8'));
  const ceo = JSON.parse(fs.readFileSync(path.join(root, 'scenarios/cio_reports_to_ceo.json'), 'utf8'));

  // ---- (a) axe on every view -------------------------------------------------------------------
  {
    const ctx = await openContext({ width: 1366, height: 768 });
    const { page } = ctx;
    let loaded = false;
    await test('a11y (a): the canvas is hidden from assistive technology and mirrored into the DOM', async () => {
      await loadApp(page);
      loaded = true;
      await waitFor(page, (s) => s.runner && s.runner.results_current && !s.runner.running, 60000, 'the first results');
      const canvas = await page.evaluate(() => document.getElementById('canvas').getAttribute('aria-hidden'));
      check(canvas === 'true', `canvas aria-hidden=${canvas}`);
      const n = await mirrorCount(page);
      check(n > 40, `only ${n} mirrored elements`);
      // Every mirrored element sits over its widget: the Run button's element covers the Run widget.
      const s = await state(page);
      const r = await page.evaluate(() => {
        const e = [...document.querySelectorAll('#a11y-root button')].find((b) => b.getAttribute('aria-label') === 'Run');
        if (!e) return null;
        const b = e.getBoundingClientRect();
        return [b.x, b.y, b.width, b.height];
      });
      check(r, 'no Run element');
      const w = s.widgets.Run;
      check(Math.abs(r[0] - w[0]) < 1.5 && Math.abs(r[1] - w[1]) < 1.5 && Math.abs(r[2] - w[2]) < 1.5, `Run element ${r} vs widget ${w}`);
      return `${n} elements; Run at ${r.map((v) => v.toFixed(0)).join(',')}`;
    });
    const views = [
      ['design', async () => {}],
      ['design, a unit selected and "Reports to" open', async () => {
        const s = await state(page);
        const unit = Object.keys(s.widgets).find((k) => k.startsWith('OrgChart:unit:') && !k.endsWith(':ceo'));
        await clickWidget(page, unit);
        await waitFor(page, (x) => x.widgets['OrgChart:parent'], 3000, 'the inspector');
        await clickWidget(page, 'OrgChart:parent');
        await sleep(300);
      }],
      ['gallery', async () => { await press(page, 'Escape'); await press(page, 'Escape'); await showView(page, 'Gallery'); }],
      ['results', async () => { await showView(page, 'Results'); }],
      ['compare (table)', async () => {
        await clickWidget(page, 'Slot:add');
        await showView(page, 'Compare');
        await waitFor(page, (x) => values(x)['compare.summary.count'] > 0 || values(x)['compare.rows'] > 0, 60000, 'the comparison');
      }],
      ['compare (Why?)', async () => { await clickWidget(page, 'Compare:mode:why'); await sleep(300); }],
      ['library', async () => { await clickWidget(page, 'Compare:mode:table'); await showView(page, 'Library'); }],
      ['sensitivity', async () => { await showView(page, 'Sensitivity'); }],
      ['class (build)', async () => { await showView(page, 'Class'); await waitFor(page, (x) => x.texts['class.mode'] === 'build', 3000, 'build'); }],
      ['help dialog', async () => { await press(page, 'F1'); await waitFor(page, (x) => x.help_open, 3000, 'help'); }],
      ['model page', async () => { await clickWidget(page, 'Help:modeldoc'); await waitFor(page, (x) => x.view === 'model', 3000, 'model page'); }],
      ['save menu', async () => { await showView(page, 'Design'); await clickWidget(page, 'Files:save'); await sleep(300); }],
      ['embed dialog', async () => {
        await press(page, 'Escape');
        await sleep(200);
        // A click while the Save menu is still open only closes it (ImGui's popups): click again.
        for (let i = 0; i < 2 && !(await state(page)).widgets['Files:share:embed']; ++i) await clickWidget(page, 'Files:share');
        await clickWidget(page, 'Files:share:embed');
        await waitFor(page, (x) => x.texts['files.dialog'] === 'embed', 3000, 'the Embed dialog');
      }],
      ['dark theme', async () => { await clickWidget(page, 'Files:dialog:ok'); await clickWidget(page, 'Theme'); await sleep(300); }],
      ['presentation', async () => { await clickWidget(page, 'Theme'); await press(page, 'KeyP'); await waitFor(page, (x) => x.presenting, 3000, 'presenting'); }],
    ];
    for (const [name, go] of views) {
      await test(`a11y (a): axe finds no WCAG 2.1 A/AA violation: ${name}`, async () => {
        check(loaded, 'page did not load');
        await go();
        await sleep(250);
        const passes = await axe(page, name);
        const n = await mirrorCount(page);
        // Every widget has a name of its own, not one made from its identifier (WCAG 4.1.2).
        const unnamed = (await state(page)).texts['a11y.unnamed'];
        check(unnamed === '', `named only by their identifiers: ${unnamed}`);
        return `${passes} rules pass, ${n} mirrored elements`;
      });
    }
    await shot(page, 'a11y-presenting.png');
    await ctx.context.close();
  }

  // ---- (b) keyboard only -------------------------------------------------------------------------
  {
    const ctx = await openContext({ width: 1366, height: 768 });
    const { page } = ctx;
    let ok = false;
    await test('a11y (b): keyboard only: the Gallery tab, then open a preset as the baseline', async () => {
      await loadApp(page);
      await waitFor(page, (s) => s.runner && s.runner.results_current && !s.runner.running, 60000, 'the first results');
      await tabTo(page, (f) => f.role === 'tab', 'the view tabs');
      await arrowTo(page, 'ArrowLeft', (f) => f.role === 'tab' && f.name === 'Gallery', 'the Gallery tab');
      await page.keyboard.press('Enter');
      await waitFor(page, (s) => s.view === 'gallery', 3000, 'the gallery');
      await tabTo(page, (f) => f.name === `Open as baseline: ${ceo.name}`, 'the preset\'s "Open as baseline"');
      await page.keyboard.press('Enter');
      const s = await waitFor(page, (x) => x.view === 'design' && x.scenario === ceo.name, 5000, 'the preset opened');
      ok = true;
      return `baseline "${s.scenario}", view ${s.view}`;
    });
    await test('a11y (b): keyboard only: add an alternative', async () => {
      check(ok, 'no preset');
      await tabTo(page, (f) => f.name === 'Add an alternative', 'Add an alternative', { back: true });
      await page.keyboard.press('Enter');
      const s = await waitFor(page, (x) => x.slot_count === 2 && x.active_slot === 1, 3000, 'alternative B');
      return `${s.slot_count} slots, active ${s.active_slot}`;
    });
    let lever = '';
    await test('a11y (b): keyboard only: change a lever with the arrow keys', async () => {
      check(ok, 'no preset');
      const before = values(await state(page));
      const f = await tabTo(page, (x) => x.tag === 'INPUT' && x.role === 'slider' && x.name !== 'Speed', 'a lever\'s slider');
      lever = f.name;
      const keys = Object.keys(before).filter((k) => k.startsWith('lever.'));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const s = await waitFor(page, (x) => keys.some((k) => values(x)[k] !== before[k]), 3000, `the lever "${lever}" to change`);
      const changed = keys.filter((k) => values(s)[k] !== before[k]);
      check(s.undo_label !== '', 'no undoable edit');
      return `"${lever}": ${changed.map((k) => `${k} ${before[k]} -> ${values(s)[k]}`).join(', ')} (undo: ${s.undo_label})`;
    });
    await test('a11y (b): keyboard only: move a unit under another boss (tree, "Reports to" list)', async () => {
      check(ok, 'no preset');
      const before = scenarioOf(await state(page)).org;
      await tabTo(page, (f) => f.role === 'treeitem', 'the org chart', { back: true });
      // Down the tree to a unit that is not the top and whose boss is not the CEO's office.
      const target = before.units.find((u) => u.parent && u.parent !== before.units[0].id);
      check(target, 'no unit to move');
      await arrowTo(page, 'ArrowDown', (f) => f.role === 'treeitem' && f.name.startsWith(target.name + ','), `unit ${target.name}`, 80);
      await page.keyboard.press('Enter');
      await waitFor(page, (x) => x.widgets['OrgChart:parent'], 3000, 'the inspector');
      await tabTo(page, (f) => f.role === 'combobox', '"Reports to"');
      await page.keyboard.press('Enter');
      await sleep(300);
      let f = await focused(page);
      check(f.role === 'option', `the list did not take the focus (${f.role} ${f.name})`);
      // The next candidate that is not the current boss.
      const current = before.units.find((u) => u.id === target.parent);
      f = await arrowTo(page, 'ArrowDown', (x) => x.role === 'option' && x.name !== current.name, 'another boss');
      const boss = f.name;
      await page.keyboard.press('Enter');
      const s = await waitFor(page, (x) => {
        const u = scenarioOf(x).org.units.find((v) => v.id === target.id);
        return u && u.parent !== target.parent;
      }, 3000, 'the unit to move');
      const moved = scenarioOf(s).org.units.find((v) => v.id === target.id);
      const bossUnit = scenarioOf(s).org.units.find((v) => v.id === moved.parent);
      check(bossUnit && bossUnit.name === boss, `moved under ${bossUnit && bossUnit.name}, chose ${boss}`);
      return `${target.name}: ${current.name} -> ${boss}`;
    });
    await test('a11y (b): keyboard only: run, then read the comparison', async () => {
      check(ok, 'no preset');
      await page.keyboard.press('Escape');
      await tabTo(page, (f) => f.name === 'Run', 'Run');
      await page.keyboard.press('Enter');
      await waitFor(page, (x) => x.runner.results_current && !x.runner.running, 90000, 'results');
      await tabTo(page, (f) => f.role === 'tab', 'the view tabs', { back: true });
      await arrowTo(page, 'ArrowRight', (f) => f.role === 'tab' && f.name === 'Compare', 'the Compare tab');
      await page.keyboard.press('Enter');
      const s = await waitFor(page, (x) => x.view === 'compare' && values(x)['compare.summary.count'] > 0, 10000, 'the comparison');
      const sentence = texts(s)['compare.summary.0'];
      const read = await page.evaluate(() => [...document.querySelectorAll('#a11y-root p')].map((p) => p.textContent));
      check(read.some((t) => t.includes(sentence)), `the sentence "${sentence}" is not in the page's text`);
      return `"${read.find((t) => t.includes(sentence))}"`;
    });
    await test('a11y (b): keyboard only: save (the Save menu, "Save workspace")', async () => {
      check(ok, 'no preset');
      await tabTo(page, (f) => f.name === 'Save', 'Save', { back: true });
      const download = page.waitForEvent('download', { timeout: 10000 });
      await page.keyboard.press('Enter');
      await sleep(300);
      const f = await focused(page);
      check(f.role === 'menuitem', `the menu did not take the focus (${f.role} ${f.name})`);
      await arrowTo(page, 'ArrowDown', (x) => x.role === 'menuitem' && x.name === 'Save workspace', 'Save workspace');
      await page.keyboard.press('Enter');
      const d = await download;
      const file = path.join(args.out, 'a11y-keyboard-workspace.json');
      await d.saveAs(file);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      check(doc.slots && doc.slots.length === 2, `saved ${doc.slots && doc.slots.length} slots`);
      return `${d.suggestedFilename()}: ${doc.slots.length} scenarios`;
    });
    await shot(page, 'a11y-keyboard.png');
    await ctx.context.close();
  }

  // ---- (c) the accessibility tree, (d) activation, mouse focus, focus ring --------------------------
  {
    const ctx = await openContext({ width: 1366, height: 768 });
    const { page } = ctx;
    let loaded = false;
    await test('a11y (c): the accessibility tree holds the outcome cards\' numbers and the comparison\'s sentences', async () => {
      await loadApp(page);
      loaded = true;
      await clickWidget(page, 'Slot:add');
      await waitFor(page, (s) => s.slot_count === 2, 3000, 'alternative B');
      await clickWidget(page, 'Lever:shared_kpis');
      await showView(page, 'Compare');
      await waitFor(page, (x) => x.runner.results_current && !x.runner.running && values(x)['compare.summary.count'] > 0, 90000, 'the comparison');
      const cdp = await ctx.context.newCDPSession(page);
      const tree = await cdp.send('Accessibility.getFullAXTree');
      const names = tree.nodes.filter((n) => !n.ignored).map((n) => `${n.role?.value}: ${n.name?.value || ''}`);
      const s = await state(page);
      const sentences = Object.keys(texts(s)).filter((k) => k.startsWith('compare.summary.')).map((k) => texts(s)[k]);
      for (const t of sentences) check(names.some((n) => n.includes(t)), `sentence not in the tree: ${t}`);
      await showView(page, 'Results');
      await sleep(300);
      const tree2 = await cdp.send('Accessibility.getFullAXTree');
      const names2 = tree2.nodes.filter((n) => !n.ignored).map((n) => `${n.role?.value}: ${n.name?.value || ''}`);
      const s2 = await state(page);
      const cards = names2.filter((n) => n.startsWith('StaticText: ') && /mean .*90% of replications between/.test(n));
      check(cards.length >= 6, `${cards.length} outcome cards in the tree`);
      // Each card reads its number and its interval.
      for (const c of cards) check(/\d/.test(c.split('mean')[1] || ''), `a card without a number: ${c}`);
      check(Object.keys(values(s2)).filter((k) => /^card\..*\.mean$/.test(k)).length === cards.length,
            `${cards.length} cards read, ${Object.keys(values(s2)).filter((k) => /^card\..*\.mean$/.test(k)).length} drawn`);
      const charts = names2.filter((n) => /^(img|image): /.test(n) && n.includes(' chart'));
      check(charts.length >= 1, 'no chart described');
      return `${sentences.length} sentences, ${cards.length} cards (e.g. "${cards[0].slice(0, 120)}…"), ${charts.length} charts`;
    });
    await test('a11y (c): each chart\'s outcome menu is a combo box; opened, its list of outcomes takes the focus and picks', async () => {
      check(loaded, 'page did not load');
      const combos = () => page.evaluate(() => [...document.querySelectorAll('#a11y-root [role=combobox]')]
        .map((e) => e.getAttribute('aria-label') || '').filter((n) => n.startsWith('Outcome: ')));
      const before = await combos();
      check(before.length >= 1, 'no outcome menu in the Results view');
      // Open the first as a screen reader does, then choose another outcome from the list.
      await page.evaluate(() => [...document.querySelectorAll('#a11y-root [role=combobox]')]
        .find((e) => (e.getAttribute('aria-label') || '').startsWith('Outcome: ')).click());
      await sleep(400);
      const f = await focused(page);
      check(f.role === 'option', `the list did not take the focus (${f.role} ${f.name})`);
      check(`Outcome: ${f.name}` === before[0], `focus on "${f.name}", not the outcome shown (${before[0]})`);
      const other = await page.evaluate((shown) => {
        const o = [...document.querySelectorAll('#a11y-root [role=option]')].find((e) => `Outcome: ${e.getAttribute('aria-label') || e.textContent}` !== shown);
        const name = o.getAttribute('aria-label') || o.textContent;
        o.click();
        return name;
      }, before[0]);
      await sleep(400);
      const after = await combos();
      check(after.includes(`Outcome: ${other}`), `picked "${other}", menus now ${JSON.stringify(after)}`);
      await showView(page, 'Compare');
      await sleep(300);
      check((await combos()).length >= 1, 'no outcome menu in the Compare view');
      return `Results: ${before.length} menus; "${before[0]}" -> "${other}"; Compare has one too`;
    });
    await test('a11y (d): activated as a screen reader does (element.click()), a button runs its command', async () => {
      check(loaded, 'page did not load');
      const before = (await state(page)).theme;
      await page.evaluate(() => [...document.querySelectorAll('#a11y-root button')].find((b) => /theme/i.test(b.getAttribute('aria-label') || '')).click());
      const s = await waitFor(page, (x) => x.theme !== before, 3000, 'the theme to change');
      await page.evaluate(() => [...document.querySelectorAll('#a11y-root button')].find((b) => /theme/i.test(b.getAttribute('aria-label') || '')).click());
      await waitFor(page, (x) => x.theme === before, 3000, 'the theme to change back');
      return `${before} -> ${s.theme} -> ${before}`;
    });
    await test('a11y (d): a widget clicked with the mouse takes the DOM focus; the focus ring shows', async () => {
      check(loaded, 'page did not load');
      await showView(page, 'Design');
      await clickWidget(page, 'Step');
      await sleep(200);
      const f = await focused(page);
      check(f.inMirror && f.name === 'Step', `focus on ${f.tag} ${f.name}`);
      await page.keyboard.press('Tab');
      await sleep(100);
      const g = await focused(page);
      check(g.inMirror && g.name !== 'Step', `Tab from Step went to ${g.name}`);
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      check(ring !== 'none', `no focus ring (outline ${ring})`);
      await shot(page, 'a11y-focus-ring.png');
      return `Step, then Tab to "${g.name}" with a ${ring} outline`;
    });
    await test('a11y (e): prefers-contrast: more switches to the high-contrast palette at once, and back', async () => {
      check(loaded, 'page did not load');
      await page.mouse.move(5, 760);
      await sleep(300);
      const normal = await page.screenshot();
      await page.emulateMedia({ contrast: 'more' });
      await sleep(600);
      const high = await page.screenshot({ path: path.join(args.out, 'a11y-high-contrast.png') });
      await page.emulateMedia({ contrast: 'no-preference' });
      await sleep(600);
      const back = await page.screenshot();
      const a = await lib.pixelStats(ctx.context, normal), b = await lib.pixelStats(ctx.context, high), c = await lib.pixelStats(ctx.context, back);
      // Darker text and stronger borders: the mean luminance falls and the spread grows.
      check(b.mean < a.mean - 0.5 || b.stddev > a.stddev + 0.5, `no change: mean ${a.mean.toFixed(1)} -> ${b.mean.toFixed(1)}, sd ${a.stddev.toFixed(1)} -> ${b.stddev.toFixed(1)}`);
      check(Math.abs(c.mean - a.mean) < 0.5, `not back: mean ${a.mean.toFixed(1)} -> ${c.mean.toFixed(1)}`);
      return `luminance mean ${a.mean.toFixed(1)} -> ${b.mean.toFixed(1)} -> ${c.mean.toFixed(1)}, sd ${a.stddev.toFixed(1)} -> ${b.stddev.toFixed(1)}`;
    });
    await test('a11y (g): the single-key shortcuts (Space, P, ?) can be turned off in the help, and stay off after a reload (WCAG 2.1.4)', async () => {
      check(loaded, 'page did not load');
      const pressOnCanvas = async (key) => {
        await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
        await press(page, key);
        await sleep(400);
        return state(page);
      };
      await press(page, 'F1');
      await waitFor(page, (x) => x.help_open, 3000, 'help');
      check(values(await state(page))['app.single_keys'] === 1, 'the shortcuts start on');
      await clickWidget(page, 'Help:single_keys');
      await waitFor(page, (x) => values(x)['app.single_keys'] === 0, 3000, 'the switch off');
      await page.mouse.move(5, 760);  // off the switch and its tooltip
      await sleep(200);
      await press(page, 'Escape');
      await waitFor(page, (x) => !x.help_open, 3000, 'help closed');
      let st = await pressOnCanvas('KeyP');
      check(!st.presenting, 'P started a presentation with the shortcuts off');
      st = await pressOnCanvas('Space');
      check(!st.playing, 'Space played the run with the shortcuts off');
      st = await pressOnCanvas('F1');
      check(st.help_open, 'F1 (not a character key) stopped working');
      await press(page, 'Escape');
      await loadApp(page);
      await waitFor(page, (x) => x.widgets && x.widgets.Run, 15000, 'the app after a reload');
      await sleep(500);
      // The earlier tests' edits were autosaved: the restore prompt asks first.
      if (texts(await state(page))['files.dialog']) {
        await clickWidget(page, 'Files:restore:ok');
        await waitFor(page, (x) => texts(x)['files.dialog'] === '', 5000, 'the restore prompt to close');
      }
      check(values(await state(page))['app.single_keys'] === 0, 'the choice was not kept');
      await press(page, 'F1');
      await waitFor(page, (x) => x.help_open, 3000, 'help');
      await clickWidget(page, 'Help:single_keys');
      await waitFor(page, (x) => values(x)['app.single_keys'] === 1, 3000, 'the switch on');
      await page.mouse.move(5, 760);
      await sleep(200);
      await press(page, 'Escape');
      await waitFor(page, (x) => !x.help_open, 3000, 'help closed');
      st = await pressOnCanvas('KeyP');
      check(st.presenting, 'P did not present with the shortcuts on again');
      await press(page, 'Escape');
      return 'off: P and Space do nothing, F1 still works; kept after a reload; on again: P presents';
    });
    await test('a11y (h): a tooltip stays while the pointer moves onto it, and Escape hides it without doing anything else (WCAG 1.4.13)', async () => {
      check(loaded, 'page did not load');
      for (let i = 0; i < 3 && (await state(page)).presenting; ++i) await press(page, 'Escape');
      let s = await state(page);
      check(!s.presenting && !s.help_open, 'still presenting or in the help');
      const theme = s.theme;
      const [bx, by, bw, bh] = s.widgets.Theme;
      await page.mouse.move(bx + bw / 2, by + bh / 2);
      s = await waitFor(page, (x) => texts(x)['tooltip.title'] !== '' && x.widgets.Tooltip, 5000, 'the Theme button\'s tooltip');
      await sleep(300);
      s = await state(page);
      const title = texts(s)['tooltip.title'];
      const [tx, ty, tw, th] = s.widgets.Tooltip;
      // Onto the tooltip, in small steps: down into it, then along it (the pointer leaves the button).
      await page.mouse.move(bx + bw / 2, ty + th / 2, { steps: 6 });
      await page.mouse.move(tx + tw / 2, ty + th / 2, { steps: 10 });
      await sleep(400);
      s = await state(page);
      check(texts(s)['tooltip.title'] === title, `the tooltip went when the pointer moved onto it: "${texts(s)['tooltip.title']}"`);
      const [tx2, ty2] = s.widgets.Tooltip;
      check(Math.abs(tx2 - tx) < 1 && Math.abs(ty2 - ty) < 1, `the tooltip moved with the pointer: ${tx},${ty} -> ${tx2},${ty2}`);
      // Escape hides it; nothing else happens (no theme change, no presentation, no help).
      await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
      await press(page, 'Escape');
      await sleep(300);
      s = await state(page);
      check(texts(s)['tooltip.title'] === '', `Escape left the tooltip: "${texts(s)['tooltip.title']}"`);
      check(s.theme === theme && !s.presenting && !s.help_open, 'Escape did something else too');
      // Back on the button (the pointer moved): it shows again.
      await page.mouse.move(bx + bw / 2 + 3, by + bh / 2 + 2, { steps: 4 });
      await waitFor(page, (x) => texts(x)['tooltip.title'] === title, 5000, 'the tooltip again');
      await page.mouse.move(5, 760);
      return `"${title}" at ${Math.round(tx)},${Math.round(ty)}: kept while hovered, hidden by Escape, back when the pointer returns`;
    });
    await ctx.context.close();
  }

  // ---- (f) 200% browser zoom on a 1366x768 laptop: 683x384 CSS pixels (WCAG 1.4.4) ---------------
  {
    const ctx = await openContext({ width: 683, height: 384, scale: 2 });
    const { page } = ctx;
    await test('a11y (f): at 200% zoom on a 1366x768 screen the header\'s controls all fit, none covering another', async () => {
      await loadApp(page);
      await waitFor(page, (x) => x.widgets && x.widgets['Slot:add'], 15000, 'the header');
      await clickWidget(page, 'Slot:add');
      await waitFor(page, (x) => x.widgets['Slot:1'], 5000, 'a second scenario');
      const s = await state(page);
      const header = Object.entries(s.widgets).filter(([k]) =>
        /^(Files:(open|save|share|export)|Undo|Redo|Help|Present|Theme|Scenario|Tab:.*|Slot:(\d+|add))$/.test(k));
      check(header.length >= 18, `only ${header.length} header widgets: ${header.map(([k]) => k).join(' ')}`);
      const [vw, vh] = s.display || [683, 384];
      for (const [k, [x, y, w, h]] of header)
        check(x >= 0 && y >= 0 && x + w <= vw + 0.5 && y + h <= vh + 0.5 && w > 0 && h > 0, `${k} at ${x},${y} ${w}x${h} is outside ${vw}x${vh}`);
      for (let i = 0; i < header.length; ++i)
        for (let j = i + 1; j < header.length; ++j) {
          const [ka, a] = header[i], [kb, b] = header[j];
          const overlap = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]) > 0.5 &&
                          Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]) > 0.5;
          check(!overlap, `${ka} (${a.map(Math.round)}) and ${kb} (${b.map(Math.round)}) overlap`);
        }
      // Icon-only buttons keep their names for assistive technology.
      const names = await page.evaluate(() => [...document.querySelectorAll('#a11y-root button')].map((b) => b.getAttribute('aria-label')));
      for (const n of ['Open', 'Save', 'Share', 'Export', 'Present']) check(names.includes(n), `no button named ${n}`);
      await shot(page, 'a11y-zoom200.png');
      return `${header.length} header widgets in ${vw}x${vh} CSS pixels, none overlapping; icon buttons named`;
    });
    await ctx.context.close();
  }

  // ---- (i) reflow: 320 CSS pixels wide (400% zoom on a 1280-pixel screen; WCAG 1.4.10) ---------------
  // Each view's panes, one at a time: every widget drawn in the window lies within its width (the org
  // chart's units and a chart's data excepted: they pan and scroll inside their own frames), no two
  // header controls overlap, and the browser never scrolls sideways.
  const narrowViews = {
    Gallery: [], Design: ['Run', 'Org chart', 'Levers'], Results: ['Run', 'Results'], Compare: ['Run', 'Compare'],
    Library: ['Experiments', 'Figure', 'Paper'], Sensitivity: ['Run', 'Sensitivity'], Class: ['Assignment', 'Questions'],
  };
  // The org chart's units live on a surface that pans and zooms (two-dimensional content, which the
  // criterion allows); a tooltip follows the pointer.
  const pannable = /^(OrgChart:unit:|Tooltip$)/;
  async function checkWidth(page, where, vw) {
    const s = await state(page);
    const wide = Object.entries(s.widgets).filter(([k, r]) =>
      !pannable.test(k) && r[2] > 0 && r[1] + r[3] > 0 && r[1] < s.display[1] && (r[0] < -0.5 || r[0] + r[2] > vw + 0.5));
    check(wide.length === 0, `${where}: ${wide.length} widgets cross the window's ${vw}-pixel width: ` +
      wide.slice(0, 6).map(([k, r]) => `${k} at x ${Math.round(r[0])}..${Math.round(r[0] + r[2])}`).join(', '));
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    check(sw <= vw + 1, `${where}: the page scrolls sideways (${sw} > ${vw})`);
    return Object.keys(s.widgets).length;
  }
  // The wheel in the window's right margin, beside the cards (a card under the pointer that can
  // scroll takes the wheel first, as a scrolling box in a web page does).
  async function scrollPage(page, vw, notches) {
    const vh = (await state(page)).display[1];
    await page.mouse.move(vw - 3, vh / 2);
    for (let i = 0; i < Math.abs(notches); ++i) { await page.mouse.wheel(0, notches > 0 ? 120 : -120); await sleep(40); }
    await sleep(250);
  }
  // The header's controls: each inside the window's width, none covering another. Returns them.
  function checkHeader(widgets, vw, extra = '') {
    const re = new RegExp(`^(Files:(open|save|share|export)|Undo|Redo|Help|Present|Theme|Scenario|Tab:.*|Slot:(\\d+|add)${extra})$`);
    const header = Object.entries(widgets).filter(([k]) => re.test(k));
    for (let i = 0; i < header.length; ++i) {
      const [ka, a] = header[i];
      check(a[0] >= 0 && a[0] + a[2] <= vw + 0.5, `${ka} at x ${a[0]}..${a[0] + a[2]} leaves the window`);
      for (let j = i + 1; j < header.length; ++j) {
        const [kb, b] = header[j];
        const overlap = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]) > 0.5 && Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]) > 0.5;
        check(!overlap, `${ka} and ${kb} overlap`);
      }
    }
    return header;
  }
  {
    const ctx = await openContext({ width: 320, height: 480 });
    const { page } = ctx;
    await test('a11y (i): at 320 CSS pixels (400% zoom) every view reflows into panes, nothing wider than the window; the page scrolls down to them', async () => {
      await loadApp(page);
      await waitFor(page, (x) => x.widgets && x.widgets['Slot:add'] && x.values['layout.narrow'] === 1, 15000, 'the narrow layout');
      const s0 = await state(page);
      check(s0.display[0] === 320, `display ${s0.display}`);
      // The header: all its controls inside the width, none covering another.
      const header = checkHeader(s0.widgets, 320, '|Pane:.*');
      check(header.length >= 20, `only ${header.length} header widgets`);
      // The body is below the fold: the wheel over the header scrolls the page until the panes fill
      // the window; back up again.
      const pageH = s0.values['layout.page_h'];
      check(pageH > 480, `the page does not scroll: its height is ${pageH}`);
      await scrollPage(page, 320, 12);
      let s = await state(page);
      const scrolled = s.values['layout.page_scroll'];
      check(Math.abs(scrolled - (pageH - 480)) < 1, `the wheel scrolled the page to ${scrolled}, not its end ${pageH - 480}`);
      const bar = s.widgets['Pane:Org chart'];
      check(bar && bar[1] >= 0 && bar[1] < 40, `the pane bar is at y ${bar && bar[1]} after scrolling, not at the window's top`);
      await scrollPage(page, 320, -12);
      check((await state(page)).values['layout.page_scroll'] === 0, 'the wheel did not scroll the page back up');
      let panes = 0, widgets = 0, axePasses = 0;
      for (const [view, names] of Object.entries(narrowViews)) {
        await scrollPage(page, 320, -12);
        await showView(page, view);
        const list = names.length ? names : [null];
        for (const pane of list) {
          if (pane) {
            await clickWidget(page, `Pane:${pane}`);
            await waitFor(page, (x) => x.widgets[`Pane:${pane}`], 3000, `pane ${pane}`);
            ++panes;
          }
          await scrollPage(page, 320, 12);
          widgets += await checkWidth(page, `${view}${pane ? ' / ' + pane : ''}`, 320);
          // axe on each view's first pane as a narrow window shows it (the pane bar is a tab list).
          if (pane === list[0]) axePasses += await axe(page, `${view} at 320 px`);
          await scrollPage(page, 320, -12);
        }
      }
      await showView(page, 'Design');
      await clickWidget(page, 'Pane:Org chart');
      await shot(page, 'a11y-reflow-320.png');
      return `${header.length} header controls inside 320 px, none overlapping; page ${pageH} px scrolls to ${Math.round(scrolled)}; ` +
             `${Object.keys(narrowViews).length} views, ${panes} panes, ${widgets} widget placements inside the width; axe: no violation, ${axePasses} passes`;
    });
    await test('a11y (i): keyboard focus on a control below the fold scrolls the page to it', async () => {
      await scrollPage(page, 320, -12);
      await showView(page, 'Design');
      await clickWidget(page, 'Pane:Run');
      await waitFor(page, (x) => x.widgets['Play'], 3000, 'the run controls');
      const before = await state(page);
      check(before.values['layout.page_scroll'] === 0, 'the page is not at its top');
      const play = before.widgets['Play'];
      check(play[1] + play[3] > 480, `Play is already in view (y ${play[1]}): the check needs it below the fold`);
      await page.evaluate(() => { const b = [...document.querySelectorAll('#a11y-root button')].find((e) => e.getAttribute('aria-label') === 'Play'); b.focus(); });
      await waitFor(page, (x) => x.values['layout.page_scroll'] > 0 && x.widgets['Play'][1] + x.widgets['Play'][3] <= 480, 3000, 'the page to scroll to Play');
      const after = await state(page);
      return `Play at y ${Math.round(play[1])} -> ${Math.round(after.widgets['Play'][1])}; page scrolled ${Math.round(after.values['layout.page_scroll'])} px`;
    });
    await ctx.context.close();
  }

  // ---- (j) 200% zoom on a 1366x768 laptop (683x384): every view's controls inside the window --------
  {
    const ctx = await openContext({ width: 683, height: 384 });
    const { page } = ctx;
    await test('a11y (j): at 200% zoom on a 1366x768 screen every view\'s controls are inside the window', async () => {
      await loadApp(page);
      await waitFor(page, (x) => x.widgets && x.widgets['Slot:add'], 15000, 'the header');
      let n = 0, panes = 0;
      for (const [view, names] of Object.entries(narrowViews)) {
        await scrollPage(page, 683, -12);
        await showView(page, view);
        for (const pane of names.length ? names : [null]) {
          if (pane) { await clickWidget(page, `Pane:${pane}`); ++panes; }
          await scrollPage(page, 683, 12);
          n += await checkWidth(page, `${view}${pane ? ' / ' + pane : ''} at 683`, 683);
        }
      }
      await scrollPage(page, 683, -12);
      await showView(page, 'Design');
      await clickWidget(page, 'Pane:Org chart');
      await scrollPage(page, 683, 12);
      await shot(page, 'a11y-zoom200-design.png');
      return `${Object.keys(narrowViews).length} views, ${panes} panes, ${n} widget placements inside 683 px`;
    });
    await ctx.context.close();
  }

  // ---- (k) wider text spacing (WCAG 1.4.12) ------------------------------------------------------
  {
    const ctx = await openIsolatedContext({ width: 1366, height: 768 });
    const { page } = ctx;
    await test('a11y (k): "Wider text spacing" in the help spaces letters, words and lines out, the layout makes room, and it stays after a reload', async () => {
      await loadApp(page);
      await waitFor(page, (x) => x.widgets && x.widgets['Tab:Sensitivity'] && x.values['app.text_spacing'] === 0, 15000, 'the app');
      const s0 = await state(page);
      const tab0 = s0.widgets['Tab:Sensitivity'][2];
      // The levers' panel: the distance from the first lever to the fourth spans lines of labels.
      const leverTops = (x) => Object.entries(x.widgets).filter(([k]) => /^Lever:[a-z_]+$/.test(k)).map(([, r]) => r[1]).sort((a, b) => a - b);
      const l0 = leverTops(s0);
      check(l0.length >= 4, `only ${l0.length} levers recorded`);
      await press(page, 'F1');
      await waitFor(page, (x) => x.help_open && x.widgets['Help:text_spacing'], 3000, 'the help');
      const sw0 = (await state(page)).widgets['Help:text_spacing'];
      await clickWidget(page, 'Help:text_spacing');
      const s1 = await waitFor(page, (x) => x.values['app.text_spacing'] === 1 && x.widgets['Tab:Sensitivity'][2] > tab0 + 1, 4000, 'wider letters');
      // Letters 0.12 em apart: "Sensitivity" (11 letters at 14 px) grows by about 18 px.
      const grew = s1.widgets['Tab:Sensitivity'][2] - tab0;
      check(grew > 14 && grew < 26, `the Sensitivity tab grew by ${grew.toFixed(1)} px`);
      // Lines 1.5 times the size apart: the setting's row (a line of body text) is taller, and so
      // the levers' labels push the fourth lever further down.
      const sw1 = s1.widgets['Help:text_spacing'];
      check(sw1[3] > sw0[3] + 1, `the setting's row ${sw0[3]} -> ${sw1[3]} px high`);
      await press(page, 'Escape');
      const l1 = leverTops(await state(page));
      const span0 = l0[3] - l0[0], span1 = l1[3] - l1[0];
      check(span1 > span0 * 1.08, `first to fourth lever ${span0.toFixed(0)} -> ${span1.toFixed(0)} px: the lines did not move apart`);
      // The header makes room: every control inside the window, none covering another.
      const header = checkHeader((await state(page)).widgets, 1366);
      await showView(page, 'Results');
      await sleep(800);
      await shot(page, 'a11y-text-spacing.png');
      // Kept: a reload starts with it.
      await loadApp(page);
      const s3 = await waitFor(page, (x) => x.widgets && x.widgets['Tab:Sensitivity'] && x.values['app.text_spacing'] === 1, 15000, 'the app after a reload');
      check(Math.abs(s3.widgets['Tab:Sensitivity'][2] - s1.widgets['Tab:Sensitivity'][2]) < 1, 'the wider spacing did not come back after the reload');
      // Off again: the letters come back together.
      if (texts(s3)['files.dialog']) await clickWidget(page, 'Files:restore:ok');
      await press(page, 'F1');
      await waitFor(page, (x) => x.help_open && x.widgets['Help:text_spacing'], 3000, 'the help');
      await clickWidget(page, 'Help:text_spacing');
      const s4 = await waitFor(page, (x) => x.values['app.text_spacing'] === 0, 4000, 'spacing off');
      await press(page, 'Escape');
      check(Math.abs(s4.widgets['Tab:Sensitivity'][2] - tab0) < 0.5, `the tab is ${s4.widgets['Tab:Sensitivity'][2]} wide, not ${tab0}, with the spacing off`);
      return `Sensitivity tab ${tab0.toFixed(0)} -> ${s1.widgets['Tab:Sensitivity'][2].toFixed(0)} px, setting row ${sw0[3].toFixed(1)} -> ${sw1[3].toFixed(1)} px, ` +
             `levers 1-4 ${span0.toFixed(0)} -> ${span1.toFixed(0)} px; ` +
             `${header.length} header controls, none overlapping; kept after a reload; off again -> ${s4.widgets['Tab:Sensitivity'][2].toFixed(0)} px`;
    });
    await ctx.context.close();
  }
}
