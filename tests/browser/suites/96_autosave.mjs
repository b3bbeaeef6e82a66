// 96_autosave.mjs: the autosave that cannot lose work (web/files.cpp, web/persist.cpp: two
// generations in localStorage, each with a header of generation, byte length and FNV-1a checksum):
//   (a) edits are autosaved; after a reload a prompt lists what would come back (the scenarios,
//       their count, when saved) over the default, and Restore (Enter) gives the edit back;
//   (b) a damaged newest generation (one byte of a name flipped: only the checksum sees it) falls
//       back to the older one, the prompt and a message say so, and the next write goes over the
//       damaged key, never over the good one;
//   (c) both generations damaged: the default opens with a clear message, nothing crashes;
//   (d) a full storage (setItem throws QuotaExceededError for the autosave keys): a notice that stays,
//       "Save to file" downloads a valid workspace, and once storage works again the next edit is
//       saved and the notice goes away;
//   (e) Start fresh opens the default and keeps the stored copy until the next edit.
import fs from 'node:fs';
import path from 'node:path';

const KEYS = ['orgsim.autosave.a', 'orgsim.autosave.b'];

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, typeInto, scenarioOf, press } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const texts = (s) => s.texts || {};
  const values = (s) => s.values || {};
  const shot = (page, name) => page.screenshot({ path: path.join(args.out, name) });
  const preset = (name) => fs.readFileSync(path.join(root, 'scenarios', name), 'utf8');
  const noErrors = (ctx) => check(ctx.errors.length === 0, `${ctx.errors.length} errors: ${ctx.errors.slice(0, 3).join(' | ')}`);

  // The two keys: raw text, generation from the header, the document.
  const stored = (page) => page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), KEYS);
  const parse = (text) => {
    if (text === null) return null;
    const eol = text.indexOf('\n');
    const h = text.slice(0, eol).split(' ');
    return { format: h[0], generation: Number(h[1]), length: Number(h[2]), doc: JSON.parse(text.slice(eol + 1)) };
  };
  // Index of the key with the newer generation (both present, consecutive generations).
  const newest = (raw) => {
    const g = raw.map((t) => (t === null ? null : parse(t).generation));
    if (g[0] === null) return 1;
    if (g[1] === null) return 0;
    return ((g[0] - g[1]) >>> 0) < 0x80000000 ? 0 : 1;
  };
  const generation = (s) => values(s)['files.autosave_generation'];
  // An edit through the real widget, then its autosave (the generation moves on).
  async function editAndSave(page, replications) {
    const g0 = generation(await state(page));
    await typeInto(page, 'RunReplications', replications);
    return waitFor(page, (x) => generation(x) === g0 + 1 && values(x)['files.autosave_revision'] === x.revision, 8000,
                   `the autosave of replications ${replications}`);
  }
  async function reload(page) {
    await page.reload({ waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
  }
  const prompt = (page) => waitFor(page, (x) => texts(x)['files.dialog'] === 'restore' && x.widgets['Files:restore:ok'], 5000, 'the restore prompt');

  const a = await openContext({ width: 1366, height: 768 });
  const { page } = a;
  const defaultName = JSON.parse(preset('default.json')).name;
  const otherName = JSON.parse(preset('cio_reports_to_ceo.json')).name;
  let loaded = false;
  let olderReplications = -1;  // the active scenario's replications in the older generation

  await test('autosave: edits are saved in two generations; after a reload the prompt lists them; Restore (Enter) gives them back', async () => {
    await loadApp(page);
    loaded = true;
    let s = await state(page);
    check(texts(s)['files.autosave_status'] === 'none' && texts(s)['files.dialog'] === '', `fresh browser: status "${texts(s)['files.autosave_status']}", dialog "${texts(s)['files.dialog']}"`);
    await editAndSave(page, 12);
    // A second scenario: the edit makes opening a preset ask; add it as an alternative.
    const g = generation(await state(page));
    await page.setInputFiles('#orgsim-file', { name: 'cio_reports_to_ceo.json', mimeType: 'application/json', buffer: Buffer.from(preset('cio_reports_to_ceo.json')) });
    await waitFor(page, (x) => x.widgets['Files:choice:add'], 5000, 'the choice dialog');
    await clickWidget(page, 'Files:choice:add');
    s = await waitFor(page, (x) => x.slot_count === 2 && generation(x) === g + 1, 8000, 'the alternative autosaved');
    olderReplications = scenarioOf(s).replications;
    check(olderReplications !== 9, 'the preset already has 9 replications');
    s = await editAndSave(page, 9);
    const raw = await stored(page);
    check(raw.every((t) => t !== null), 'not both keys hold a generation');
    const gens = raw.map(parse);
    check(gens.every((x) => x.format === 'orgsim-autosave/2'), `formats ${gens.map((x) => x.format)}`);
    check(Math.abs(gens[0].generation - gens[1].generation) === 1, `generations ${gens.map((x) => x.generation)}`);
    const n = newest(raw);
    check(gens[n].doc.slots.length === 2 && gens[n].doc.slots[gens[n].doc.active].scenario.replications === 9, 'the newest generation does not hold the last edit');
    const older = gens[1 - n].doc;
    check(older.slots.length === 2 && older.slots[older.active].scenario.replications === olderReplications, 'the older generation does not hold the state before the last edit');
    check(await page.evaluate(() => localStorage.getItem('orgsim.autosave') === null), 'the old single key was written');
    const before = scenarioOf(s);

    await reload(page);
    s = await prompt(page);
    check(s.slot_count === 1 && s.slots[0].origin === 'default', `the default was replaced before the choice: ${JSON.stringify(s.slots)}`);
    const names = texts(s)['files.restore_names'], summary = texts(s)['files.restore_summary'];
    check(names === `Baseline: ${defaultName} | Alternative B: ${otherName}`, `names "${names}"`);
    check(summary === '2 scenarios, saved just now', `summary "${summary}"`);
    await sleep(200);
    await shot(page, 'autosave-restore-prompt.png');
    await press(page, 'Enter');  // the default answer
    s = await waitFor(page, (x) => x.slot_count === 2 && texts(x)['files.dialog'] === '', 5000, 'the restored workspace');
    check(JSON.stringify(scenarioOf(s)) === JSON.stringify(before), 'the restored scenario differs from the edited one');
    check(/^Restored your work \(2 scenarios/.test(s.toast), `toast "${s.toast}"`);
    check(JSON.stringify(await stored(page)) === JSON.stringify(raw), 'restoring rewrote the stored generations');
    return `generations ${gens.map((x) => x.generation).join(' / ')}; prompt "${summary}": ${names}; toast "${s.toast}"`;
  });

  await test('autosave: a damaged newest generation falls back to the older one; the user is told; the good copy is not written over', async () => {
    check(loaded, 'page did not load');
    const raw = await stored(page);
    const n = newest(raw);
    // Flip one letter of a scenario name: still JSON, still a workspace; only the checksum sees it.
    const at = raw[n].indexOf('"name":"') + 9;
    const bad = raw[n].slice(0, at) + String.fromCharCode(raw[n].charCodeAt(at) ^ 0x20) + raw[n].slice(at + 1);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEYS[n], bad]);
    await reload(page);
    let s = await prompt(page);
    check(texts(s)['files.autosave_status'] === 'fallback', `status "${texts(s)['files.autosave_status']}"`);
    await sleep(200);
    await shot(page, 'autosave-fallback-prompt.png');
    await clickWidget(page, 'Files:restore:ok');
    s = await waitFor(page, (x) => x.slot_count === 2 && texts(x)['files.dialog'] === '', 5000, 'the older generation');
    check(scenarioOf(s).replications === olderReplications, `replications ${scenarioOf(s).replications}: not the older generation`);
    check(/^The last autosave was damaged; restored the one saved/.test(s.toast) && s.toast_error, `toast "${s.toast}"`);
    // The next write goes over the damaged key; the good one stays byte for byte.
    check(texts(s)['files.autosave_next_key'] === KEYS[n], `next write into ${texts(s)['files.autosave_next_key']}, not the damaged ${KEYS[n]}`);
    await editAndSave(page, 10);
    const after = await stored(page);
    check(after[1 - n] === raw[1 - n], 'the last good copy was written over');
    const fresh = parse(after[n]);
    check(fresh.generation > parse(raw[1 - n]).generation && fresh.doc.slots[fresh.doc.active].scenario.replications === 10,
          `the new write: generation ${fresh.generation}, replications ${fresh.doc.slots[fresh.doc.active].scenario.replications}`);
    return `"${s.toast}"; the next edit went into ${KEYS[n]} (generation ${fresh.generation})`;
  });

  await test('autosave: both generations damaged: the default opens with a clear message, no crash', async () => {
    check(loaded, 'page did not load');
    const raw = await stored(page);
    await page.evaluate(([keys, raw]) => {
      localStorage.setItem(keys[0], raw[0].slice(0, raw[0].length - 30));  // cut off
      localStorage.setItem(keys[1], 'orgsim-autosave/2 7 12 00000000000000ff\n{"broken":1}');
    }, [KEYS, raw]);
    await reload(page);
    await sleep(500);
    const s = await state(page);
    check(texts(s)['files.dialog'] === '' && texts(s)['files.autosave_status'] === 'damaged', `dialog "${texts(s)['files.dialog']}", status "${texts(s)['files.autosave_status']}"`);
    check(s.slot_count === 1 && s.slots[0].origin === 'default' && scenarioOf(s).name === defaultName, `slots ${JSON.stringify(s.slots)}`);
    check(s.toast_error && /could not be restored: the saved copies are damaged\. The default scenario is open/.test(s.toast), `toast "${s.toast}"`);
    check(s.frame >= 3, `frame ${s.frame}`);
    await shot(page, 'autosave-both-damaged.png');
    noErrors(a);
    return `"${s.toast}"`;
  });

  await test('autosave: Start fresh opens the default and keeps the stored copy until the next edit', async () => {
    check(loaded, 'page did not load');
    await editAndSave(page, 14);  // a valid generation again (over one of the damaged keys)
    const raw = await stored(page);
    await reload(page);
    await prompt(page);
    await clickWidget(page, 'Files:restore:fresh');
    let s = await waitFor(page, (x) => texts(x)['files.dialog'] === '', 5000, 'the prompt to close');
    check(s.slot_count === 1 && s.slots[0].origin === 'default' && scenarioOf(s).replications !== 14, `slots ${JSON.stringify(s.slots)}, replications ${scenarioOf(s).replications}`);
    check(/^Started with the default scenario/.test(s.toast), `toast "${s.toast}"`);
    await sleep(1500);
    check(JSON.stringify(await stored(page)) === JSON.stringify(raw), 'Start fresh changed the stored copies');
    // An accidental click is undone by reloading: the prompt offers the same work again.
    await reload(page);
    s = await prompt(page);
    const summary = texts(s)['files.restore_summary'];
    check(/^1 scenario, saved/.test(summary), `summary "${summary}"`);
    await clickWidget(page, 'Files:restore:ok');
    s = await waitFor(page, (x) => texts(x)['files.dialog'] === '' && scenarioOf(x).replications === 14, 5000, 'the work back');
    noErrors(a);
    return `default opened, both keys unchanged; a reload offered "${summary}" again and Restore brought it back`;
  });
  await a.context.close();

  // A full storage: every write of the autosave keys throws, until the test frees it.
  const q = await openContext({ width: 1366, height: 768 });
  await q.page.addInitScript(() => {
    window.orgsimTestStorageFull = true;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.orgsimTestStorageFull && String(key).startsWith('orgsim.autosave'))
        throw new DOMException("Failed to execute 'setItem' on 'Storage': the quota has been exceeded.", 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await test('autosave: a full storage shows a notice that stays, with Save to file; it goes once a save works', async () => {
    const p = q.page;
    await loadApp(p);
    await typeInto(p, 'RunReplications', 12);
    let s = await waitFor(p, (x) => texts(x)['files.storage_error'] !== '' && x.widgets['Files:notice:save'], 8000, 'the storage notice');
    const error = texts(s)['files.storage_error'];
    check(/browser storage is full/.test(error), `error "${error}"`);
    await sleep(300);
    await shot(p, 'autosave-quota-notice.png');
    // Still there after a toast would have faded (4 s), through frames drawn by mouse moves.
    await sleep(4500);
    await p.mouse.move(300, 600);
    await sleep(200);
    await p.mouse.move(320, 610);
    s = await waitFor(p, (x) => x.widgets['Files:notice'], 2000, 'the notice after 4.5 s');
    check(JSON.stringify(await stored(p)) === '[null,null]', 'something was stored although storage is full');
    const [download] = await Promise.all([p.waitForEvent('download', { timeout: 15000 }), clickWidget(p, 'Files:notice:save')]);
    const doc = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    check(doc.format === 'orgsim-workspace/1' && doc.slots.length === 1 && doc.slots[0].scenario.replications === 12,
          `download ${download.suggestedFilename()}: format ${doc.format}, ${doc.slots?.length} slots`);
    check(/-workspace\.json$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
    // Storage works again: the next edit is saved and the notice goes away.
    await p.evaluate(() => { window.orgsimTestStorageFull = false; });
    await typeInto(p, 'RunReplications', 13);
    s = await waitFor(p, (x) => texts(x)['files.storage_error'] === '' && values(x)['files.autosave_revision'] === x.revision, 8000, 'a working autosave');
    await p.mouse.move(330, 620);
    s = await waitFor(p, (x) => !x.widgets['Files:notice'], 3000, 'the notice to go');
    const raw = (await stored(p)).filter((t) => t !== null).map(parse);
    check(raw.length === 1 && raw[0].doc.slots[0].scenario.replications === 13, `stored ${JSON.stringify(raw.map((x) => x.generation))}`);
    noErrors(q);
    return `notice "${error}" stayed 4.5 s; ${download.suggestedFilename()} is a valid workspace; saved again as generation ${raw[0].generation}`;
  });
  await q.context.close();
}
