// 20_files.mjs: files and sharing in the browser (web/files.cpp, web/services_web.cpp, index.html,
// web/sw.js): save a scenario and open it again with the file picker, drag and drop, the choice
// between replacing the baseline and adding an alternative, autosave across a reload, share links
// opened in a fresh browser (same numbers), CSV and PNG exports, corrupt files and links refused
// with nothing changed, and offline start from the service worker's cache.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

// JSON with keys sorted, so that two serialisations of the same document compare equal.
function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

// RFC 4180 fields of one CSV line.
function fields(line) {
  const out = [''];
  let quoted = false;
  for (let i = 0; i < line.length; ++i) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { out[out.length - 1] += '"'; ++i; }
      else if (c === '"') quoted = false;
      else out[out.length - 1] += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push('');
    else out[out.length - 1] += c;
  }
  return out;
}

export default async function (lib) {
  const { args, metrics, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, typeInto, scenarioOf } = lib;
  const texts = (s) => s.texts || {};
  const values = (s) => s.values || {};
  const shot = (page, name) => page.screenshot({ path: path.join(args.out, name) });

  // Click a header button, wait for its menu, click an item; returns the download it starts.
  async function menuDownload(page, button, item) {
    await clickWidget(page, button);
    await waitFor(page, (s) => s.widgets[item], 3000, `menu item ${item}`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickWidget(page, item)]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }
  // Open files through the page's hidden file input, as the picker does.
  async function pick(page, name, content) {
    await page.setInputFiles('#orgsim-file', { name, mimeType: 'application/json', buffer: Buffer.from(content) });
  }
  // Drag a file over the page and drop it (DataTransfer with a File, as the browser builds it).
  async function drop(page, name, content, screenshot) {
    await page.evaluate(({ name, content }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'application/json' }));
      window.orgsimTestDrop = dt;
      for (const type of ['dragenter', 'dragover'])
        document.getElementById('canvas').dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { name, content });
    const shown = await page.evaluate(() => document.getElementById('drop-overlay').classList.contains('shown'));
    if (screenshot) await shot(page, screenshot);
    await page.evaluate(() => {
      document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: window.orgsimTestDrop, bubbles: true, cancelable: true }));
    });
    const hidden = await page.evaluate(() => !document.getElementById('drop-overlay').classList.contains('shown'));
    return { shown, hidden };
  }
  const runDone = (s) => s.runner && s.runner.replications > 0 && !s.runner.running && s.runner.results_current &&
                         s.runner.completed === s.runner.replications;
  const preset = (name) => fs.readFileSync(path.join(ROOT, 'scenarios', name), 'utf8');

  const a = await openContext({ width: 1366, height: 768 });
  await a.context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const { page } = a;
  let loaded = false;
  let saved = null;  // the default scenario as saved

  await test('files: header buttons are recorded; the menus list their items', async () => {
    await loadApp(page);
    loaded = true;
    let s = await state(page);
    for (const w of ['Files:open', 'Files:save', 'Files:share', 'Files:export']) check(s.widgets[w], `widget ${w} not recorded`);
    await clickWidget(page, 'Files:export');
    s = await waitFor(page, (x) => x.widgets['Files:export:series'], 3000, 'the export menu');
    for (const w of ['Files:export:series', 'Files:export:replications', 'Files:export:png']) check(s.widgets[w], `${w} not recorded`);
    await sleep(200);
    await shot(page, 'files-export-menu.png');
    await page.keyboard.press('Escape');
    await page.mouse.click(700, 740);
    await waitFor(page, (x) => !x.widgets['Files:export:series'], 3000, 'the menu to close');
    return `buttons at x=${Math.round(s.widgets['Files:open'][0])}..${Math.round(s.widgets['Files:export'][0] + s.widgets['Files:export'][2])}`;
  });

  await test('files: Save downloads the active scenario; the file picker opens it again', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    const before = scenarioOf(s0);
    const file = await menuDownload(page, 'Files:save', 'Files:save:scenario');
    check(file.name.endsWith('.json'), `file name ${file.name}`);
    saved = JSON.parse(file.bytes.toString('utf8'));
    check(saved.format === 'orgsim-scenario/1', `format ${saved.format}`);
    check(canonical(saved) === canonical(before), 'the saved file differs from the scenario in the app');
    // Open another preset (nothing edited: it replaces the baseline), then the saved file.
    await pick(page, 'cio_reports_to_ceo.json', preset('cio_reports_to_ceo.json'));
    const s1 = await waitFor(page, (x) => scenarioOf(x).name !== before.name, 5000, 'the other preset to open');
    check(s1.slot_count === 1, `slot count ${s1.slot_count}`);
    await pick(page, file.name, file.bytes.toString('utf8'));
    const s2 = await waitFor(page, (x) => scenarioOf(x).name === before.name, 5000, 'the saved file to open');
    check(canonical(scenarioOf(s2)) === canonical(before), 'reopened scenario differs from the saved one');
    check(s2.slots[0].origin === file.name, `origin ${s2.slots[0].origin}`);
    return `${file.name} (${file.bytes.length} bytes) -> "${scenarioOf(s1).name}" -> back to "${scenarioOf(s2).name}"`;
  });

  await test('files: dropping a file on the page opens it (overlay while dragging)', async () => {
    check(loaded, 'page did not load');
    const { shown, hidden } = await drop(page, 'shadow_it_ban.json', preset('shadow_it_ban.json'), 'files-drop-overlay.png');
    check(shown, 'the drop overlay was not shown while dragging');
    check(hidden, 'the drop overlay stayed after the drop');
    const want = JSON.parse(preset('shadow_it_ban.json')).name;
    const s = await waitFor(page, (x) => scenarioOf(x).name === want, 5000, 'the dropped scenario');
    check(s.slot_count === 1, `slot count ${s.slot_count}`);
    return `opened "${want}"`;
  });

  await test('files: after an edit, opening asks: add as alternative or replace the baseline', async () => {
    check(loaded, 'page did not load');
    await typeInto(page, 'RunReplications', 12);  // a real edit (undoable): few replications keep runs short
    const s0 = await waitFor(page, (x) => scenarioOf(x).replications === 12 && x.can_undo, 3000, 'the edit');
    await drop(page, 'cio_reports_to_cfo.json', preset('cio_reports_to_cfo.json'));
    const s1 = await waitFor(page, (x) => texts(x)['files.dialog'] === 'open_choice' && x.widgets['Files:choice:add'], 5000, 'the choice dialog');
    check(scenarioOf(s1).name === scenarioOf(s0).name, 'the scenario changed before the choice');
    await sleep(200);
    await shot(page, 'files-open-choice.png');
    await clickWidget(page, 'Files:choice:add');
    const s2 = await waitFor(page, (x) => x.slot_count === 2 && texts(x)['files.dialog'] === '', 5000, 'an alternative');
    check(s2.active_slot === 1, `active slot ${s2.active_slot}`);
    check(scenarioOf(s2).name === JSON.parse(preset('cio_reports_to_cfo.json')).name, `active is "${scenarioOf(s2).name}"`);
    return `${s0.slot_count} -> ${s2.slot_count} slots, active "${scenarioOf(s2).name}"`;
  });

  let autosaveBytes = 0;
  await test('files: the workspace is autosaved and restored after a reload', async () => {
    check(loaded, 'page did not load');
    const s0 = await waitFor(page, (x) => values(x)['files.autosave_revision'] === x.revision, 5000, 'the autosave');
    autosaveBytes = values(s0)['files.autosave_bytes'];
    // Two generations (orgsim.autosave.a / .b, a header line then the document): the newest holds both slots.
    const stored = await page.evaluate(() => ['orgsim.autosave.a', 'orgsim.autosave.b'].map((k) => localStorage.getItem(k)));
    const docs = stored.filter((t) => t !== null).map((t) => ({ gen: Number(t.split(' ')[1]), doc: JSON.parse(t.slice(t.indexOf('\n') + 1)) }));
    check(docs.length > 0 && docs.sort((x, y) => y.gen - x.gen)[0].doc.slots.length === 2, 'localStorage does not hold both slots');
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    // The restore prompt lists what comes back; Restore brings it.
    await waitFor(page, (x) => texts(x)['files.dialog'] === 'restore' && x.widgets['Files:restore:ok'], 5000, 'the restore prompt');
    await clickWidget(page, 'Files:restore:ok');
    const s1 = await waitFor(page, (x) => x.slot_count === 2, 5000, 'two slots after the reload');
    check(canonical(scenarioOf(s1)) === canonical(scenarioOf(s0)), 'the active scenario differs after the reload');
    check(s1.active_slot === s0.active_slot, `active slot ${s1.active_slot} vs ${s0.active_slot}`);
    check(/Restored your work/.test(s1.toast), `toast "${s1.toast}"`);
    metrics.autosaveBytes = autosaveBytes;
    return `${autosaveBytes} bytes in localStorage; toast "${s1.toast}"`;
  });

  let shareUrl = '';
  await test('files: Share > Copy link puts the link in the address bar and copies it', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'Files:share');
    await clickWidget(page, 'Files:share:link');
    const s = await waitFor(page, (x) => texts(x)['files.share_url'] && (/Link copied/.test(x.toast) || texts(x)['files.dialog'] === 'copy_link'),
                            5000, 'the link to be copied or shown');
    shareUrl = texts(s)['files.share_url'];
    check(/#w=[A-Za-z0-9_-]+$/.test(shareUrl), `link ${shareUrl.slice(0, 80)}`);
    check(page.url() === shareUrl, `address bar ${page.url().slice(0, 80)}... differs from the link`);
    let how = 'copied';
    if (texts(s)['files.dialog'] === 'copy_link') {
      how = 'shown in the copy dialog';
      check(s.widgets['Files:link'], 'the link field is not recorded');
      await shot(page, 'files-copy-link.png');
      await clickWidget(page, 'Files:dialog:ok');
    } else {
      const clip = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
      if (clip !== null) check(clip === shareUrl, 'the clipboard holds another text');
    }
    metrics.shareLinkChars = shareUrl.length;
    return `${how}; ${shareUrl.length} characters for ${s.slot_count} scenarios`;
  });

  // Let the run in the first browser finish, for the numbers below.
  let outcomesA = null;
  await test('files: CSV exports have one row per week, series and scenario / per replication and scenario', async () => {
    check(loaded, 'page did not load');
    const s = await waitFor(page, runDone, 120000, 'the replications to finish');
    outcomesA = s.outcomes;
    const sc = scenarioOf(s);
    const series = await menuDownload(page, 'Files:export', 'Files:export:series');
    const lines = series.bytes.toString('utf8').trim().split('\n');
    check(lines[0] === 'slot,scenario,series,unit,week,mean,p05,p95', `series header ${lines[0]}`);
    const keys = new Set(lines.slice(1).map((l) => fields(l)[2]));
    const want = sc.horizon_weeks * s.slot_count * keys.size;
    check(keys.has('revenue') && keys.has('headcount'), `series keys ${[...keys].slice(0, 5)}`);
    check(lines.length - 1 === want, `${lines.length - 1} rows, expected ${sc.horizon_weeks} weeks x ${s.slot_count} scenarios x ${keys.size} series`);
    for (const l of lines.slice(1, 200)) check(fields(l).length === 8 && Number.isFinite(Number(fields(l)[5])), `bad row ${l}`);
    const reps = await menuDownload(page, 'Files:export', 'Files:export:replications');
    const rl = reps.bytes.toString('utf8').trim().split('\n');
    const header = fields(rl[0]);
    check(header.slice(0, 4).join(',') === 'slot,scenario,seed,replication' && header[header.length - 1] === 'state_hash', `header ${rl[0].slice(0, 80)}`);
    check(rl.length - 1 === s.runner.replications * s.slot_count, `${rl.length - 1} rows, expected ${s.runner.replications} x ${s.slot_count}`);
    for (const l of rl.slice(1)) check(fields(l).length === header.length, `row with ${fields(l).length} of ${header.length} fields`);
    // The mean of the baseline's final revenue over the rows equals the app's outcome mean.
    const col = header.indexOf('revenue');
    const base = rl.slice(1).map(fields).filter((f) => f[0] === '0').map((f) => Number(f[col]));
    const mean = base.reduce((x, y) => x + y, 0) / base.length;
    const app = s.outcomes?.[0]?.revenue;
    if (typeof app === 'number') check(Math.abs(mean - app) <= 1e-9 * Math.max(1, Math.abs(app)), `CSV mean revenue ${mean} vs app ${app}`);
    return `${series.name}: ${lines.length - 1} rows; ${reps.name}: ${rl.length - 1} rows x ${header.length} columns; mean revenue ${mean.toFixed(3)}`;
  });

  await test('files: PNG export downloads a PNG of the view at its size', async () => {
    check(loaded, 'page did not load');
    const file = await menuDownload(page, 'Files:export', 'Files:export:png');
    const b = file.bytes;
    check(b.slice(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'not a PNG signature');
    const w = b.readUInt32BE(16), h = b.readUInt32BE(20);
    const s = await state(page);
    check(w === Math.round(s.display[0] * s.pixel_ratio) && h === Math.round(s.display[1] * s.pixel_ratio), `PNG ${w}x${h}, display ${s.display}`);
    const stats = await lib.pixelStats(a.context, b);
    lib.checkNotBlank(stats, 'exported PNG');
    fs.writeFileSync(path.join(args.out, 'files-export.png'), b);
    return `${file.name}: ${w}x${h}, ${b.length} bytes, ${stats.colours} colours`;
  });

  await test('files: corrupt and invalid files are refused with their problems; nothing changes', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    const keep = canonical(scenarioOf(s0));
    const cases = [
      ['broken.json', '{\n  "format": "orgsim-scenario/1",\n  "name": "x",\n  "org": { "units": [ }\n}', /line 4, column/],
      ['cycle.json', fs.readFileSync(path.join(ROOT, 'tests/data/cycle.json'), 'utf8'), /\/org\/units\/\d+\/parent: reporting cycle/],
      ['huge.json', '{"name":"' + 'x'.repeat(5 * 1024 * 1024) + '"}', /OrgSim opens files up to/],
    ];
    const seen = [];
    for (const [name, content, pattern] of cases) {
      await pick(page, name, content);
      const s = await waitFor(page, (x) => texts(x)['files.dialog'] === 'problems' && x.widgets['Files:dialog:ok'], 8000, `the problems of ${name}`);
      check(pattern.test(texts(s)['files.last_error']), `${name}: "${texts(s)['files.last_error']}"`);
      check(canonical(scenarioOf(s)) === keep && s.slot_count === s0.slot_count && s.revision === s0.revision, `${name} changed the workspace`);
      if (name === 'cycle.json') {
        await sleep(200);
        await shot(page, 'files-problems.png');
      }
      await clickWidget(page, 'Files:dialog:ok');
      await waitFor(page, (x) => texts(x)['files.dialog'] === '', 3000, 'the dialog to close');
      seen.push(`${name}: ${texts(s)['files.last_error'].slice(0, 60)}`);
    }
    return seen.join(' | ');
  });

  await test('errors: no console or page errors (files session)', async () => {
    const real = a.errors.filter((e) => !/offline use is not available/.test(e));
    check(real.length === 0, `${real.length}: ${real.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await test('files: a ?scenario= address opens that scenario, not the autosave', async () => {
    const url = new URL(args.url);
    url.searchParams.set('scenario', 'cio_reports_to_ceo');
    await page.goto(url.href, { waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    await sleep(300);
    const s = await state(page);
    const want = JSON.parse(preset('cio_reports_to_ceo.json')).name;
    check(s.slot_count === 1 && scenarioOf(s).name === want, `${s.slot_count} slots, "${scenarioOf(s).name}"`);
    check(await page.evaluate(() => ['orgsim.autosave.a', 'orgsim.autosave.b'].some((k) => localStorage.getItem(k) !== null)), 'the autosave was lost');
    return `"${want}" with the autosave kept for later`;
  });
  await a.context.close();

  // A second browser opens the link: the same workspace, and the same numbers.
  const b = await openContext({ width: 1366, height: 768 });
  await test('files: a share link opens the same workspace and gives the same numbers in a fresh browser', async () => {
    check(shareUrl, 'no link from the share test');
    await b.page.goto(shareUrl, { waitUntil: 'load', timeout: 60000 });
    await b.page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    const s = await waitFor(b.page, runDone, 120000, 'the replications to finish');
    check(s.slot_count === 2, `slot count ${s.slot_count}`);
    check(/shared workspace/.test(s.toast), `toast "${s.toast}"`);
    check(outcomesA && canonical(s.outcomes) === canonical(outcomesA), 'outcome means differ from the first browser');
    const rev = s.outcomes?.[0]?.revenue;
    return `${s.slot_count} scenarios, ${s.runner.replications} replications; baseline mean revenue ${rev} in both browsers`;
  });

  await test('offline: after one visit the app starts without a network (service worker cache)', async () => {
    const page2 = b.page;
    await page2.evaluate(() => navigator.serviceWorker.ready);
    await waitFor(page2, () => true, 10, '');
    const end = Date.now() + 20000;
    let cached = [];
    while (Date.now() < end) {
      cached = await page2.evaluate(async () => {
        const keys = await caches.keys();
        const out = [];
        for (const k of keys) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
        return out;
      });
      if (['index.html', 'orgsim.js', 'orgsim.wasm'].every((f) => cached.some((p) => p.endsWith('/' + f)))) break;
      await sleep(200);
    }
    check(cached.some((p) => p.endsWith('/orgsim.wasm')), `cache holds ${cached.join(', ')}`);
    await b.context.setOffline(true);
    try {
      await page2.reload({ waitUntil: 'load', timeout: 30000 });
      await page2.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
      const s = await state(page2);
      check(s.frame >= 3 && s.slot_count === 2, `frame ${s.frame}, slots ${s.slot_count}`);
      const online = await page2.evaluate(() => navigator.onLine);
      return `cached ${cached.length} files; started offline (navigator.onLine ${online}), ${s.slot_count} scenarios from the link`;
    } finally {
      await b.context.setOffline(false);
    }
  });
  await b.context.close();

  // A damaged link: the problems dialog, and the default scenario stays.
  const c = await openContext({ width: 1280, height: 720, scale: 2 });
  await test('files: a corrupt share link shows its problem and keeps the default scenario', async () => {
    const url = new URL(args.url);
    url.hash = 'w=' + shareUrl.split('#w=')[1].slice(0, 200);  // cut off, as a chat client might
    await c.page.goto(url.href, { waitUntil: 'load', timeout: 60000 });
    await c.page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    const s = await waitFor(c.page, (x) => texts(x)['files.dialog'] === 'problems', 5000, 'the problems dialog');
    check(/^link: the link is damaged/.test(texts(s)['files.last_error']), `error "${texts(s)['files.last_error']}"`);
    check(s.slot_count === 1 && s.slots[0].origin === 'default', `slots ${JSON.stringify(s.slots)}`);
    await sleep(200);
    await shot(c.page, 'files-bad-link.png');
    await clickWidget(c.page, 'Files:dialog:ok');
    await waitFor(c.page, (x) => texts(x)['files.dialog'] === '', 3000, 'the dialog to close');
    return `"${texts(s)['files.last_error']}"`;
  });
  await test('files: PNG export on a 2x screen has the device resolution', async () => {
    const file = await menuDownload(c.page, 'Files:export', 'Files:export:png');
    const w = file.bytes.readUInt32BE(16), h = file.bytes.readUInt32BE(20);
    check(w === 2560 && h === 1440, `PNG ${w}x${h} on a 1280x720 screen at ratio 2`);
    lib.checkNotBlank(await lib.pixelStats(c.context, file.bytes), 'exported PNG at 2x');
    return `${w}x${h}, ${file.bytes.length} bytes`;
  });
  await c.context.close();
}
