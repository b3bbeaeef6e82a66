// soak.mjs: the soak test of issue 13. Drives the served page in Debian's Chromium for a long time
// (60 minutes by default) with a presenter's workload as fast as the app allows (play at the highest
// speed, lever and org-chart edits with undo/redo, alternatives added and closed, presets opened
// from the gallery and files opened with the picker, replications run and waited for, every view,
// presentation mode, the model page, theme switches, exports), and every minute records the page's
// WebAssembly memory, its JS heap (after a forced garbage collection, by the DevTools protocol), the
// frame rate with every frame asked for, the DOM node count and the actions done so far; also the
// replication workers' WebAssembly memory and JS heap where reachable. At the end it fits a
// least-squares line to each memory series after the warm-up (5 minutes) and reports the growth
// over the rest of the run as a percentage of the value at the end of the warm-up; it exits non-zero
// when the page's WebAssembly memory or JS heap grew more than --limit percent (5), or when the
// page reported an error or crashed. Not part of scripts/test.sh: see docs/reliability.md, "Soak".
//
// Usage:
//   node scripts/soak.mjs --site build/web-release/site [--minutes 60] [--out build/soak]
//        [--warmup 5] [--limit 5] [--seed 1] [--workers N] [--only ACTION,...] [--skip ACTION,...] [--heap-snapshots 5,30,60]
//        [--chromium PATH] [--headed]
// It starts scripts/serve.mjs on a free port itself. Writes to --out: soak.csv (one row a minute),
// soak.svg (the plot), summary.json (figures, fits, errors), actions.jsonl (every action with its
// duration and the WebAssembly memory after it) and console.log (the page's warnings and errors).
// --only repeats just the named actions (e.g. --only gallery_alternative,slot_close) to find which
// one a growth comes from (each equally often); --skip leaves actions out of the usual mix;
// --list-actions lists them. --heap-snapshots writes the page's JS heap
// snapshots (heap-<minute>.heapsnapshot, for Chromium's DevTools) at those minutes and prints what
// grew between the first and the last by object type and constructor.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// ---- Arguments ----------------------------------------------------------------------------------
const opts = { site: '', minutes: 60, out: 'build/soak', warmup: 5, limit: 5, seed: 1, workers: null, only: '', chromium: '/usr/bin/chromium',
  headed: false, listActions: false, sampleSeconds: 60, replot: '', snapshots: [], skip: '' };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--site') opts.site = next();
    else if (a === '--minutes') opts.minutes = Number(next());
    else if (a === '--out') opts.out = next();
    else if (a === '--warmup') opts.warmup = Number(next());
    else if (a === '--limit') opts.limit = Number(next());
    else if (a === '--seed') opts.seed = Number(next());
    else if (a === '--workers') opts.workers = Number(next());
    else if (a === '--only') opts.only = next();
    else if (a === '--skip') opts.skip = next();
    else if (a === '--chromium') opts.chromium = next();
    else if (a === '--headed') opts.headed = true;
    else if (a === '--sample-seconds') opts.sampleSeconds = Number(next());  // for quick trials of the script itself
    else if (a === '--list-actions') opts.listActions = true;
    else if (a === '--replot') opts.replot = next();
    else if (a === '--heap-snapshots') opts.snapshots = next().split(',').map(Number);  // JS heap snapshots at these minutes  // redraw soak.svg from a run's soak.csv and summary.json
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.listActions && !opts.replot) {
    if (!opts.site) throw new Error('--site DIR is required (the built site, e.g. build/web-release/site)');
    if (!(opts.minutes > 0)) throw new Error('--minutes must be positive');
  }
}
opts.site = path.resolve(opts.site || '.');
opts.out = path.resolve(opts.out);
fs.mkdirSync(opts.out, { recursive: true });

// The browser tests' helpers (tests/browser/lib.mjs), which read their own arguments when imported:
// they are given the ones they know (the URL is set once the server runs).
process.argv = [process.argv[0], process.argv[1], '--out', opts.out, '--chromium', opts.chromium, ...(opts.headed ? ['--headed'] : [])];
const lib = await import(path.join(ROOT, 'tests/browser/lib.mjs'));
const { sleep, openContext, loadApp, state, clickWidget, dragWidget, waitFor, keepDrawing, press, typeInto, centre, tempDirs } = lib;

// ---- Random numbers (reproducible workload) -----------------------------------------------------
let rngState = (opts.seed >>> 0) || 1;
function random() {  // xorshift32
  rngState ^= rngState << 13; rngState >>>= 0;
  rngState ^= rngState >>> 17;
  rngState ^= rngState << 5; rngState >>>= 0;
  return rngState / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + random() * (hi - lo);

const PRESETS = fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => f.replace(/\.json$/, '')).sort();
const VIEWS = ['Gallery', 'Design', 'Results', 'Compare', 'Library', 'Sensitivity'];

// ---- The server ---------------------------------------------------------------------------------
async function startServer() {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/serve.mjs'), '--root', opts.site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${log}`)), 10000);
    const onData = (d) => {
      log += d;
      const m = /http:\/\/[0-9.:]+\//.exec(log);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}): ${log}`)); });
  });
  return { child, url };
}

// ---- Recording ----------------------------------------------------------------------------------
let start = Date.now();  // the workload's start (reset once the page is ready): minute 0
const elapsedMin = () => (Date.now() - start) / 60000;
const actionsLog = fs.createWriteStream(path.join(opts.out, 'actions.jsonl'));
const consoleLog = fs.createWriteStream(path.join(opts.out, 'console.log'));
const counts = {};      // action name -> times done
const failures = [];    // {minute, action, message}
let actionsDone = 0;
let crashed = false;
let appStopped = null;  // the error card's title, message and details when the app stopped

// ---- App helpers ----------------------------------------------------------------------------------
let page = null, ctx = null, cdp = null;

const away = () => page.mouse.move(5, 760);
async function showView(name) {
  await clickWidget(page, `Tab:${name}`);
  return waitFor(page, (s) => s.view === name.toLowerCase(), 4000, `view ${name}`);
}
// Back to the editing layout: no help card, no presentation, no model page, no dialog, no popup.
async function recover() {
  for (let i = 0; i < 4; ++i) {
    const s = await state(page);
    const dialog = s.texts && s.texts['files.dialog'];
    if (!s.help_open && !s.presenting && s.view !== 'model' && !dialog) break;
    if (dialog && s.widgets['Files:choice:cancel']) await clickWidget(page, 'Files:choice:cancel');
    else if (dialog && s.widgets['Files:dialog:ok']) await clickWidget(page, 'Files:dialog:ok');
    else {
      await away();
      await press(page, 'Escape');
    }
    await sleep(200);
  }
  await page.mouse.click(5, 760);  // closes any popup menu
  await sleep(100);
}
const rectInside = (r, panel) => r && panel && r[1] >= panel[1] && r[1] + r[3] <= panel[1] + panel[3];
// Scroll a panel with the wheel until a widget is wholly inside it.
async function reveal(name, panelName) {
  for (let i = 0; i < 40; ++i) {
    const s = await state(page);
    const r = s.widgets[name], panel = s.widgets[panelName];
    if (!panel) throw new Error(`${panelName} not drawn`);
    if (r && rectInside(r, panel)) return r;
    await page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
    await page.mouse.wheel(0, r && r[1] < panel[1] ? -120 : 120);
    await sleep(120);
  }
  throw new Error(`could not scroll ${name} into view`);
}
const runDone = (s) => s.runner.replications > 0 && !s.runner.running && s.runner.results_current && s.runner.completed === s.runner.replications;
async function handleChoiceDialog() {
  // Opening a file over edited work asks: add as an alternative or replace the baseline.
  const s = await state(page);
  if (s.texts && s.texts['files.dialog'] === 'open_choice') {
    await clickWidget(page, s.slot_count < 4 && random() < 0.5 ? 'Files:choice:add' : 'Files:choice:replace');
    await waitFor(page, (x) => x.texts['files.dialog'] !== 'open_choice', 4000, 'the choice dialog to close');
  }
}

// ---- The workload: one function per action, each bounded in time ----------------------------------
const ACTIONS = {
  // Play at full speed for a few seconds (sometimes to the end of the horizon), then pause; now and
  // then Step and Reset.
  async play() {
    let s = await state(page);
    if (!['design', 'results'].includes(s.view)) s = await showView(pick(['Design', 'Results']));
    const w0 = s.week;
    await clickWidget(page, 'Play');
    await waitFor(page, (x) => x.playing || x.week !== w0, 4000, 'playing');
    await sleep(between(1500, 6000));
    s = await state(page);
    if (s.playing) {
      await clickWidget(page, 'Play');
      await waitFor(page, (x) => !x.playing, 3000, 'paused');
    }
    if (random() < 0.3) { await clickWidget(page, 'Step'); await clickWidget(page, 'Step'); }
    if (random() < 0.2) await clickWidget(page, 'Reset');
  },
  // A lever of the active scenario: a choice button, or a slider dragged to a random place.
  async lever() {
    let s = await state(page);
    if (s.view !== 'design') s = await showView('Design');
    const panel = s.widgets['Panel:levers'];
    const ignore = new Set(['doc', 'reset', 'baseline', 'value', 'entry']);
    const names = Object.keys(s.widgets).filter((k) => k.startsWith('Lever:') && rectInside(s.widgets[k], panel));
    const choices = names.filter((k) => { const p = k.split(':'); return p.length === 3 && !ignore.has(p[2]); });
    const keys = new Set(choices.map((k) => k.split(':')[1]));
    const sliders = names.filter((k) => k.split(':').length === 2 && !keys.has(k.split(':')[1]));
    const rev = s.revision;
    if (sliders.length && (random() < 0.4 || !choices.length)) {
      const name = pick(sliders);
      const r = s.widgets[name];
      await dragWidget(page, name, { x: r[0] + r[2] * between(0.05, 0.95), y: r[1] + r[3] / 2 }, 8);
    } else {
      const name = pick(choices);
      await clickWidget(page, name);
    }
    await waitFor(page, (x) => x.revision !== rev, 1500, 'the lever to change').catch(() => {});  // the same value changes nothing
    await away();
  },
  // An org-chart edit: drag a unit onto another (a cycle is refused), or add a CDO / CMT / CISO.
  async orgchart() {
    let s = await state(page);
    if (s.view !== 'design') s = await showView('Design');
    if (random() < 0.35) {
      const add = pick(['OrgChart:add:cdo', 'OrgChart:add:cmt', 'OrgChart:add:ciso']);
      if (s.widgets[add]) await clickWidget(page, add);
    } else {
      const units = Object.keys(s.widgets).filter((k) => k.startsWith('OrgChart:unit:'));
      const movable = units.filter((k) => k !== 'OrgChart:unit:exec');
      if (movable.length < 2) return;
      const from = pick(movable);
      const to = pick(units.filter((k) => k !== from));
      await dragWidget(page, from, centre(s.widgets[to]), 10);
    }
    if (random() < 0.3) await clickWidget(page, 'OrgChart:fit');
    await away();
  },
  // Undo a few edits and redo some, by the buttons and the keys.
  async undo_redo() {
    let s = await state(page);
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n && s.can_undo; ++i) {
      if (random() < 0.5) await clickWidget(page, 'Undo');
      else { await away(); await press(page, 'KeyZ', ['Control']); }
      s = await state(page);
    }
    const m = Math.floor(random() * (n + 1));
    for (let i = 0; i < m && s.can_redo; ++i) {
      if (random() < 0.5) await clickWidget(page, 'Redo');
      else { await away(); await press(page, 'KeyY', ['Control']); }
      s = await state(page);
    }
  },
  // The run settings in the rail (an undoable edit): replications and horizon.
  async run_settings() {
    if (random() < 0.7) await typeInto(page, 'RunReplications', pick([40, 60, 100]));
    else await typeInto(page, 'RunHorizon', pick([104, 156, 260]));
    await away();
  },
  // Add an alternative (a copy of the active scenario) and make it active.
  async slot_add() {
    let s = await state(page);
    if (s.slot_count >= 4) await ACTIONS.slot_close();
    s = await state(page);
    const n = s.slot_count;
    await clickWidget(page, 'Slot:add');
    await waitFor(page, (x) => x.slot_count === n + 1, 3000, 'a new slot');
  },
  async slot_close() {
    const s = await state(page);
    if (s.slot_count < 2) return;
    const i = 1 + Math.floor(random() * (s.slot_count - 1));
    await clickWidget(page, `Slot:close:${i}`);
    await waitFor(page, (x) => x.slot_count === s.slot_count - 1, 3000, 'the slot to close');
  },
  async slot_switch() {
    const s = await state(page);
    await clickWidget(page, `Slot:${Math.floor(random() * s.slot_count)}`);
  },
  // A preset from the gallery, as the baseline or as an alternative.
  async gallery_baseline() {
    await showView('Gallery');
    const id = pick(PRESETS);
    await reveal(`Gallery:baseline:${id}`, 'Panel:gallery');
    await clickWidget(page, `Gallery:baseline:${id}`);
    await waitFor(page, (x) => x.slots[0] && x.slots[0].origin === id, 4000, `${id} as the baseline`);
  },
  async gallery_alternative() {
    let s = await state(page);
    if (s.slot_count >= 4) await ACTIONS.slot_close();
    s = await state(page);
    await showView('Gallery');
    const id = pick(PRESETS);
    await reveal(`Gallery:alternative:${id}`, 'Panel:gallery');
    await clickWidget(page, `Gallery:alternative:${id}`);
    await waitFor(page, (x) => x.slot_count === s.slot_count + 1, 4000, `${id} as an alternative`);
  },
  // A scenario file opened with the file picker (as "Open" does).
  async file_open() {
    const s = await state(page);
    if (s.slot_count >= 4) await ACTIONS.slot_close();
    const id = pick(PRESETS);
    await page.setInputFiles('#orgsim-file', { name: `${id}.json`, mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(ROOT, 'scenarios', `${id}.json`)) });
    await sleep(600);
    await handleChoiceDialog();
  },
  // Run the replications and wait for them (at most 150 s) on Results or Compare.
  async run() {
    await showView(pick(['Results', 'Compare']));
    await clickWidget(page, 'Run');
    await away();
    await waitFor(page, (x) => x.runner.running || runDone(x), 5000, 'the run to start');
    await waitFor(page, runDone, 150000, 'the replications to finish');
  },
  // Through the views, with something done in each.
  async views() {
    for (const v of [...VIEWS].sort(() => random() - 0.5)) {
      const s = await showView(v);
      if (v === 'Results' && s.widgets['Charts:more'] && random() < 0.5) {
        await clickWidget(page, s.values['charts.count'] >= 3 ? 'Charts:fewer' : 'Charts:more');
      }
      if (v === 'Results' && random() < 0.5) {
        const mode = pick(['People:colour:tenure', 'People:colour:skill', 'People:colour:morale']);
        if (s.widgets[mode]) await clickWidget(page, mode);
      }
      if (v === 'Compare' && s.widgets['Compare:mode:why'] && random() < 0.3) {
        await clickWidget(page, 'Compare:mode:why');
        await sleep(400);
        const t = await state(page);
        if (t.widgets['Compare:mode:table']) await clickWidget(page, 'Compare:mode:table');
      }
      await away();
      await sleep(between(300, 1200));
    }
  },
  // "How the model works" from the help, scrolled, then back.
  async modeldoc() {
    await away();
    await press(page, 'F1');
    await waitFor(page, (x) => x.help_open && x.widgets['Help:modeldoc'], 3000, 'the help');
    await clickWidget(page, 'Help:modeldoc');
    const s = await waitFor(page, (x) => x.view === 'model' && x.widgets['ModelDoc:body'], 5000, 'the model page');
    const { x, y } = centre(s.widgets['ModelDoc:body']);
    await page.mouse.move(x, y);
    for (let k = 0; k < 4 + Math.floor(random() * 8); ++k) {
      await page.mouse.wheel(0, 240);
      await sleep(100);
    }
    const toc = Object.keys(s.widgets).filter((k) => k.startsWith('ModelDoc:toc:') && rectInside(s.widgets[k], s.widgets['ModelDoc:toc_list']));
    if (toc.length && random() < 0.5) await clickWidget(page, pick(toc));
    await sleep(between(300, 1000));
    await away();
    await press(page, 'Escape');
    await waitFor(page, (x) => x.view !== 'model', 3000, 'back from the model page');
  },
  // Presentation mode: P, through the slides, Esc.
  async present() {
    await away();
    if (random() < 0.5) await press(page, 'KeyP');
    else await clickWidget(page, 'Present');
    const s = await waitFor(page, (x) => x.presenting, 4000, 'presenting');
    for (let i = 0; i < s.slide_count + 1; ++i) {
      await sleep(between(300, 900));
      await press(page, random() < 0.8 ? 'ArrowRight' : 'ArrowLeft');
    }
    await sleep(300);
    await press(page, 'Escape');
    await waitFor(page, (x) => !x.presenting, 4000, 'presentation left');
  },
  async theme() {
    const s = await state(page);
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme !== s.theme, 3000, 'the theme to switch');
    await away();
  },
  // The model library: an experiment with 10 replications per point, to the end (at most 90 s).
  async library() {
    await showView('Library');
    const id = pick(['figure1', 'mix', 'turnover', 'turbulence']);
    await clickWidget(page, `Library:experiment:${id}`);
    await waitFor(page, (x) => x.texts['library.experiment'] === id, 3000, `experiment ${id}`);
    await clickWidget(page, 'Library:reps:10');
    await clickWidget(page, 'Library:run');
    await away();
    await waitFor(page, (x) => x.values[`march.${id}.done`] === 1, 90000, `${id} to finish`);
  },
  // A sensitivity study started and cancelled after a few seconds (the full default study is long).
  async sensitivity() {
    await showView('Sensitivity');
    await clickWidget(page, 'Sens:run');
    await away();
    await sleep(between(2000, 6000));
    const s = await state(page);
    if (s.widgets['Sens:cancel'] && ['waiting', 'running'].includes(s.texts['sens.state'])) await clickWidget(page, 'Sens:cancel');
  },
  // An export: the series as CSV or the view as PNG (a download, discarded).
  async export() {
    await clickWidget(page, 'Files:export');
    const item = pick(['Files:export:series', 'Files:export:png', 'Files:export:replications']);
    await waitFor(page, (x) => x.widgets[item], 3000, 'the export menu');
    const download = page.waitForEvent('download', { timeout: 15000 });
    await clickWidget(page, item);
    const d = await download;
    await d.delete().catch(() => {});
    await away();
  },
};
// How often each action comes up (a presenter mostly plays, edits, compares and looks).
const WEIGHTS = { play: 12, lever: 12, orgchart: 6, undo_redo: 10, run_settings: 3, slot_add: 5, slot_close: 4, slot_switch: 5,
  gallery_baseline: 4, gallery_alternative: 5, file_open: 2, run: 6, views: 6, modeldoc: 3, present: 4, theme: 4, library: 1,
  sensitivity: 2, export: 2 };
if (opts.listActions) {
  console.log(Object.keys(ACTIONS).map((k) => `${k} (weight ${WEIGHTS[k]})`).join('\n'));
  process.exit(0);
}
const only = opts.only ? opts.only.split(',').map((x) => x.trim()).filter(Boolean) : [];
const skip = opts.skip ? opts.skip.split(',').map((x) => x.trim()).filter(Boolean) : [];
for (const a of [...only, ...skip]) if (!ACTIONS[a]) throw new Error(`unknown action ${a} (--list-actions lists them)`);
function nextAction() {
  const names = only.length ? only : Object.keys(WEIGHTS).filter((k) => !skip.includes(k));
  const total = names.reduce((n, k) => n + (only.length ? 1 : WEIGHTS[k]), 0);
  let r = random() * total;
  for (const k of names) {
    r -= only.length ? 1 : WEIGHTS[k];
    if (r < 0) return k;
  }
  return names[names.length - 1];
}

// ---- Measurements -------------------------------------------------------------------------------
const wasmBytes = () => page.evaluate(() => window.orgsim.module.HEAPU8.buffer.byteLength);
// The replication workers: their WebAssembly memory (worker.js's module) and, where the protocol
// reaches them, their JS heap.
const workerSessions = new Map();  // CDP sessionId -> {type, url}
let workerCdpOk = false;
let msgId = 1;
const pendingWorker = new Map();
async function setupWorkerCdp() {
  try {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') workerSessions.set(e.sessionId, { url: e.targetInfo.url });
    });
    cdp.on('Target.detachedFromTarget', (e) => workerSessions.delete(e.sessionId));
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      let m;
      try { m = JSON.parse(e.message); } catch { return; }
      const p = pendingWorker.get(m.id);
      if (p) { pendingWorker.delete(m.id); m.error ? p.reject(new Error(m.error.message)) : p.resolve(m.result); }
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    workerCdpOk = true;
  } catch (err) {
    workerCdpOk = false;
    console.log(`  (workers' JS heap not reachable by the protocol: ${err.message.split('\n')[0]})`);
  }
}
function workerCall(sessionId, method, params = {}) {
  const id = msgId++;
  return new Promise((resolve, reject) => {
    pendingWorker.set(id, { resolve, reject });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    setTimeout(() => { if (pendingWorker.delete(id)) reject(new Error('no answer')); }, 3000);
  });
}
async function workerMemory() {
  let wasm = 0, heap = 0, n = 0, heapN = 0;
  for (const w of page.workers()) {
    try {
      const b = await w.evaluate(() => (typeof mod !== 'undefined' && mod && mod.HEAPU8 ? mod.HEAPU8.buffer.byteLength : 0));  // eslint-disable-line no-undef
      wasm += b;
      if (b) ++n;  // workers with their module loaded
    } catch { /* the worker went away */ }
  }
  if (workerCdpOk) {
    for (const id of [...workerSessions.keys()]) {
      try {
        await workerCall(id, 'HeapProfiler.collectGarbage');
        const u = await workerCall(id, 'Runtime.getHeapUsage');
        heap += u.usedSize;
        ++heapN;
      } catch { /* terminated meanwhile */ }
    }
  }
  return { workers: n, wasm, heap: heapN ? heap : null, heapN };
}

// The C++ heap inside the WebAssembly memory. HEAPU8.buffer.byteLength only grows (and the module
// starts with 64 MB), so a leak that stays within it would not show there: the heap of Emscripten's
// dlmalloc (3.1.6: HAVE_MMAP 0, one contiguous sbrk segment) is walked chunk by chunk instead, from
// its malloc_state (found once: a freed 1 MB block merges into the top chunk, and the one word of
// the data section that points at that chunk, with the chunk's size in the word 3 before it, is
// malloc_state.top). Gives the bytes in use (mallinfo's uordblks), the bytes in free chunks and the
// top chunk's offset. Read between frames, so the heap is consistent.
let gmAddress = 0;
async function locateMallocState() {
  gmAddress = await page.evaluate(() => {
    const M = window.orgsim.module;
    for (const size of [1 << 20, 2 << 20, 4 << 20]) {
      const p = M._malloc(size);
      if (!p) return 0;
      M._free(p);
      const H = M.HEAPU32, top = p - 8;
      const limit = Math.min(p, 32 << 20) >>> 2;
      for (let i = 6; i < limit; ++i) {
        if (H[i] !== top) continue;
        const topsize = H[i - 3], least = H[i - 2];
        if ((H[(top >>> 2) + 1] & ~7) === topsize && least > 0 && least < top && top + topsize <= M.HEAPU8.length) return (i - 6) * 4;
      }
    }
    return 0;
  });
  if (!gmAddress) console.log('  (the C++ heap\'s malloc_state was not found: no heap walk)');
}
async function mallocHeap() {
  if (!gmAddress) return null;
  return page.evaluate((gm) => {
    const H = window.orgsim.module.HEAPU32, b = gm >>> 2;
    const least = H[b + 4], top = H[b + 6];
    let used = 0, free = 0, chunks = 0, c = least;
    while (c < top && chunks < 2e7) {
      const head = H[(c >>> 2) + 1], size = head & ~7;
      if (size < 16) return null;  // not a chunk: the walk lost its way
      if (head & 2) used += size; else free += size;
      c += size;
      ++chunks;
    }
    if (c !== top) return null;
    return { used, free, top: top - least, chunks };
  }, gmAddress);
}

// JS heap snapshots: written for DevTools, and summed by object type and constructor.
const snapshotSums = [];  // {minute, total, sums: Map}
async function heapSnapshot(minute) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const text = chunks.join('');
  fs.writeFileSync(path.join(opts.out, `heap-${minute}.heapsnapshot`), text);
  const snap = JSON.parse(text);
  const f = snap.snapshot.meta.node_fields, types = snap.snapshot.meta.node_types[0];
  const iType = f.indexOf('type'), iName = f.indexOf('name'), iSize = f.indexOf('self_size'), n = f.length;
  const sums = new Map();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += n) {
    const type = types[snap.nodes[i + iType]];
    const named = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden';
    const key = named ? `${type} ${String(snap.strings[snap.nodes[i + iName]]).slice(0, 60)}` : type;
    const size = snap.nodes[i + iSize];
    const e = sums.get(key) || { size: 0, count: 0 };
    e.size += size;
    ++e.count;
    sums.set(key, e);
    total += size;
  }
  snapshotSums.push({ minute, total, sums });
  console.log(`  heap snapshot at minute ${minute}: ${(total / 1048576).toFixed(2)} MB in ${snap.snapshot.node_count} objects`);
}
function snapshotGrowth() {
  if (snapshotSums.length < 2) return null;
  const a = snapshotSums[0], b = snapshotSums[snapshotSums.length - 1];
  const keys = new Set([...a.sums.keys(), ...b.sums.keys()]);
  const rows = [...keys].map((k) => {
    const x = a.sums.get(k) || { size: 0, count: 0 }, y = b.sums.get(k) || { size: 0, count: 0 };
    return { key: k, from: x.size, to: y.size, delta: y.size - x.size, count_from: x.count, count_to: y.count };
  }).sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta));
  return { from_minute: a.minute, to_minute: b.minute, total_from: a.total, total_to: b.total, top: rows.slice(0, 25) };
}

const samples = [];
async function takeSample(minute) {
  const wall = Date.now();
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const perf = await cdp.send('Performance.getMetrics');
  const metric = (n) => perf.metrics.find((m) => m.name === n)?.value;
  const page_ = await page.evaluate(() => ({
    wasm: window.orgsim.module.HEAPU8.buffer.byteLength,
    dom: document.getElementsByTagName('*').length,
    pool: window.orgsimPool ? { ...window.orgsimPool.stats, slots: window.orgsimPool.slots.length } : null,
    errorCard: document.body.dataset.state === 'error' ? document.getElementById('error-title').textContent : '',
  }));
  const workers = await workerMemory();
  const heapWalk = await mallocHeap().catch(() => null);
  // Frame rate: every frame asked for over 2 s (the idle page draws nothing), as run.mjs's 'alive' test.
  await keepDrawing(page, true);
  const a = await state(page);
  const f0 = Date.now();
  await sleep(2000);
  const b = await state(page);
  await keepDrawing(page, false);
  const fps = ((b.frame - a.frame) * 1000) / (Date.now() - f0);
  const row = {
    minute, at_s: Math.round((wall - start) / 1000), wasm_bytes: page_.wasm, js_heap_bytes: heap.usedSize, fps: Math.round(fps * 10) / 10,
    dom_nodes: page_.dom, actions: actionsDone,
    wasm_heap_used_bytes: heapWalk?.used ?? null, wasm_heap_free_bytes: heapWalk?.free ?? null, wasm_heap_top_bytes: heapWalk?.top ?? null,
    wasm_heap_chunks: heapWalk?.chunks ?? null,
    js_heap_total_bytes: heap.totalSize, cdp_nodes: metric('Nodes'), listeners: metric('JSEventListeners'), documents: metric('Documents'),
    workers: workers.workers, worker_wasm_bytes: workers.wasm, worker_js_heap_bytes: workers.heap,
    pool_spawned: page_.pool?.spawned ?? null, pool_terminated: page_.pool?.terminated ?? null, pool_tasks: page_.pool?.tasks ?? null,
    view: b.view, slots: b.slot_count, week: b.week, theme: b.theme, replications_done: b.runner.completed, failures: failures.length,
    errors: ctx.errors.length,
  };
  if (page_.errorCard && !ctx.errors.some((e) => e.startsWith('error card'))) ctx.errors.push(`error card: ${page_.errorCard}`);
  samples.push(row);
  if (opts.snapshots.includes(minute)) await heapSnapshot(minute).catch((err) => console.log(`  heap snapshot failed: ${err.message}`));
  const mb = (x) => (x / 1048576).toFixed(1);
  console.log(`  min ${String(minute).padStart(3)}: wasm ${mb(row.wasm_bytes)} MB (C++ heap in use ${row.wasm_heap_used_bytes != null ? mb(row.wasm_heap_used_bytes) : '?'} MB), JS heap ${mb(row.js_heap_bytes)} MB, ${row.fps} fps, ` +
              `${row.dom_nodes} DOM nodes, ${row.actions} actions; workers ${row.workers} (wasm ${mb(row.worker_wasm_bytes)} MB` +
              `${row.worker_js_heap_bytes != null ? `, JS ${mb(row.worker_js_heap_bytes)} MB` : ''}); ${row.view}, ${row.slots} slots, ` +
              `${failures.length} failed actions, ${ctx.errors.length} errors`);
  return row;
}

// ---- Analysis -----------------------------------------------------------------------------------
function fit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; ++i) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}
// Growth of a series after the warm-up: the fitted line's rise from the warm-up's end to the last
// sample, as a percentage of the measured value at the warm-up's end.
// A worker series has no value at a moment when no worker was alive (between a terminated worker and
// its replacement) or the one alive had not loaded its module yet.
const has = (r, key) => r[key] != null && !(key.startsWith('worker_') && (!r.workers || !r.worker_wasm_bytes));
function growth(key, warmup) {
  const pts = samples.filter((r) => r.minute >= warmup && has(r, key));
  if (pts.length < 2) return null;
  const xs = pts.map((r) => r.minute), ys = pts.map((r) => r[key]);
  const f = fit(xs, ys);
  const base = ys[0];
  const span = xs[xs.length - 1] - xs[0];
  return { key, from: xs[0], to: xs[xs.length - 1], base, last: ys[ys.length - 1], slope_per_min: f.slope, intercept: f.intercept,
    rise: f.slope * span, percent: base > 0 ? (100 * f.slope * span) / base : 0, min: Math.min(...ys), max: Math.max(...ys) };
}

// The figures of a run: growth of each series, frame rates.
function figures(warmup) {
  const fps = samples.map((r) => r.fps).filter((x) => x != null).sort((a, b) => a - b);
  return {
    growth: { wasm: growth('wasm_bytes', warmup), js: growth('js_heap_bytes', warmup), wasm_heap: growth('wasm_heap_used_bytes', warmup),
      wasm_heap_top: growth('wasm_heap_top_bytes', warmup), worker_wasm: growth('worker_wasm_bytes', warmup),
      worker_js: growth('worker_js_heap_bytes', warmup), dom: growth('dom_nodes', warmup), listeners: growth('listeners', warmup) },
    fps: fps.length ? { min: fps[0], max: fps[fps.length - 1], median: fps[Math.floor(fps.length / 2)] } : null,
  };
}

// ---- The plot (hand-written SVG) ----------------------------------------------------------------
function niceStep(range, target) {
  const raw = range / Math.max(1, target);
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function svgPlot(summary) {
  const W = 960, left = 78, right = 24, panelH = 190, gap = 106, top = 76;
  const maxMin = Math.max(1, ...samples.map((r) => r.minute));
  const xStep = niceStep(maxMin, 12);
  const xOf = (m) => left + ((W - left - right) * m) / maxMin;
  const MB = 1048576;
  const panels = [
    { title: 'Page WebAssembly memory (HEAPU8.buffer.byteLength) and the C++ heap in use within it', unit: 'MB', series: [
      { key: 'wasm_bytes', label: 'page WebAssembly memory', colour: '#1f6feb', scale: 1 / MB, fitKey: 'wasm' },
      { key: 'wasm_heap_used_bytes', label: 'C++ heap in use (malloc)', colour: '#0a3069', scale: 1 / MB, fitKey: 'wasm_heap' },
      { key: 'worker_wasm_bytes', label: 'workers\u2019 WebAssembly memory (sum)', colour: '#8250df', scale: 1 / MB, dash: '2 3' }] },
    { title: 'Page JS heap, used, after a forced garbage collection (CDP Runtime.getHeapUsage)', unit: 'MB', series: [
      { key: 'js_heap_bytes', label: 'page JS heap (used)', colour: '#d1242f', scale: 1 / MB, fitKey: 'js' },
      { key: 'worker_js_heap_bytes', label: 'workers\u2019 JS heap (sum)', colour: '#bf8700', scale: 1 / MB, dash: '2 3' }] },
    { title: 'Frame rate with every frame requested (2 s each minute), under the workload', unit: 'frames / s', series: [
      { key: 'fps', label: 'frames per second', colour: '#1a7f37', scale: 1 }] },
  ];
  const H = top + panels.length * (panelH + gap) + 10;
  let o = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Inter, Helvetica, Arial, sans-serif" font-size="12">\n`;
  o += `<rect width="${W}" height="${H}" fill="#ffffff"/>\n`;
  o += `<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600">OrgSim soak: ${esc(summary.minutes)} minutes of presenter workload (${esc(summary.actions)} actions), memory and frame rate each minute</text>\n`;
  const gp = (g) => (g ? `${g.percent >= 0 ? '+' : ''}${g.percent.toFixed(2)}%` : 'n/a');
  o += `<text x="${W / 2}" y="44" text-anchor="middle" fill="#57606a">Growth after minute ${summary.warmup} (fitted): WebAssembly memory ${gp(summary.growth.wasm)}, ` +
       `C++ heap in use ${gp(summary.growth.wasm_heap)}, JS heap ${gp(summary.growth.js)} (limit ${summary.limit}%)</text>\n`;
  o += `<text x="${W / 2}" y="60" text-anchor="middle" fill="#57606a">${esc(summary.date)}; ${esc(summary.machine)}; 1366x768, headless Chromium, software WebGL</text>\n`;
  panels.forEach((p, pi) => {
    const y0 = top + pi * (panelH + gap) + 54;  // plot area top
    const y1 = y0 + panelH;
    const vals = [];
    for (const s of p.series) for (const r of samples) if (has(r, s.key)) vals.push(r[s.key] * s.scale);
    let lo = Math.min(0, ...vals), hi = Math.max(1e-9, ...vals);
    hi *= 1.08;
    const yStep = niceStep(hi - lo, 5);
    hi = Math.ceil(hi / yStep) * yStep;
    const yOf = (v) => y1 - ((v - lo) / (hi - lo)) * panelH;
    o += `<text x="${left}" y="${y0 - 42}" font-size="13" font-weight="600">${esc(p.title)}</text>\n`;
    // Warm-up shading.
    o += `<rect x="${xOf(0)}" y="${y0}" width="${xOf(Math.min(summary.warmup, maxMin)) - xOf(0)}" height="${panelH}" fill="#f0f0f0"/>\n`;
    if (pi === 0) o += `<text x="${(xOf(0) + xOf(Math.min(summary.warmup, maxMin))) / 2}" y="${y0 + 14}" text-anchor="middle" fill="#8c959f" font-size="11">warm-up</text>\n`;
    for (let v = lo; v <= hi + 1e-9; v += yStep) {
      o += `<line x1="${left}" x2="${W - right}" y1="${yOf(v).toFixed(1)}" y2="${yOf(v).toFixed(1)}" stroke="#e1e4e8"/>\n`;
      o += `<text x="${left - 6}" y="${(yOf(v) + 4).toFixed(1)}" text-anchor="end" fill="#57606a">${+v.toFixed(2)}</text>\n`;
    }
    for (let m = 0; m <= maxMin + 1e-9; m += xStep) {
      o += `<line x1="${xOf(m).toFixed(1)}" x2="${xOf(m).toFixed(1)}" y1="${y1}" y2="${y1 + 4}" stroke="#57606a"/>\n`;
      o += `<text x="${xOf(m).toFixed(1)}" y="${y1 + 17}" text-anchor="middle" fill="#57606a">${+m.toFixed(2)}</text>\n`;
    }
    o += `<rect x="${left}" y="${y0}" width="${W - left - right}" height="${panelH}" fill="none" stroke="#57606a"/>\n`;
    o += `<text x="${(left + W - right) / 2}" y="${y1 + 34}" text-anchor="middle">time since the page was ready (minutes)</text>\n`;
    o += `<text transform="translate(${left - 52} ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(p.unit)}</text>\n`;
    // Legend: one row between the title and the plot.
    let leg = '', lx = left, ly = y0 - 24;  // up to two rows
    const legendItem = (colour, dash, width, label) => {
      const w = 28 + label.length * 6.3 + 18;
      if (lx + w > W - right && lx > left) { lx = left; ly += 15; }
      leg += `<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>\n`;
      leg += `<text x="${lx + 28}" y="${ly}" font-size="11.5">${esc(label)}</text>\n`;
      lx += w;
    };
    for (const s of p.series) {
      const pts = samples.filter((r) => has(r, s.key)).map((r) => `${xOf(r.minute).toFixed(1)},${yOf(r[s.key] * s.scale).toFixed(1)}`);
      if (!pts.length) continue;
      o += `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${pts.join(' ')}"/>\n`;
      for (const pt of pts) o += `<circle cx="${pt.split(',')[0]}" cy="${pt.split(',')[1]}" r="2" fill="${s.colour}"/>\n`;
      legendItem(s.colour, s.dash, 2, s.label);
      const g = s.fitKey && summary.growth[s.fitKey];
      if (g) {
        const fx0 = g.from, fx1 = g.to;
        o += `<line x1="${xOf(fx0).toFixed(1)}" y1="${yOf((g.intercept + g.slope_per_min * fx0) * s.scale).toFixed(1)}" x2="${xOf(fx1).toFixed(1)}" ` +
             `y2="${yOf((g.intercept + g.slope_per_min * fx1) * s.scale).toFixed(1)}" stroke="#24292f" stroke-width="1.5" stroke-dasharray="6 4"/>\n`;
        legendItem('#24292f', '6 4', 1.5, `its least-squares fit after minute ${g.from}: ${g.percent >= 0 ? '+' : ''}${g.percent.toFixed(2)}%`);
      }
    }
    o += leg;
  });
  o += '</svg>\n';
  return o;
}

if (opts.replot) {
  const dir = path.resolve(opts.replot);
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
  const [head, ...lines] = fs.readFileSync(path.join(dir, 'soak.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  for (const l of lines) {
    const row = {};
    l.split(',').forEach((v, i) => { row[cols[i]] = v === '' ? null : Number.isNaN(Number(v)) ? v : Number(v); });
    samples.push(row);
  }
  Object.assign(summary, figures(summary.warmup));
  fs.writeFileSync(path.join(opts.out, 'soak.svg'), svgPlot(summary));
  fs.writeFileSync(path.join(opts.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`soak: wrote ${path.join(opts.out, 'soak.svg')} from ${dir}`);
  process.exit(0);
}

// ---- Main ---------------------------------------------------------------------------------------
const { child: server, url } = await startServer();
const pageUrl = new URL(url);
if (opts.workers != null) pageUrl.searchParams.set('workers', String(opts.workers));
lib.args.url = pageUrl.href;
console.log(`soak: ${opts.minutes} min against ${opts.site} served at ${url}; out ${opts.out}; seed ${opts.seed}` +
            `${only.length ? `; only ${only.join(',')}` : ''}${skip.length ? `; without ${skip.join(',')}` : ''}`);
let exitCode = 0;
let stopping = false;
const cleanup = async () => {
  try { if (ctx) await ctx.context.close(); } catch { /* already gone */ }
  server.kill();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
};
process.on('SIGINT', async () => { console.log('soak: interrupted'); stopping = true; await cleanup(); process.exit(130); });

try {
  ctx = await openContext({ width: 1366, height: 768 });
  page = ctx.page;
  page.on('crash', () => { crashed = true; ctx.errors.push('the page crashed'); });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') consoleLog.write(`${elapsedMin().toFixed(2)} ${msg.type()}: ${msg.text()}\n`);
  });
  page.on('pageerror', (err) => consoleLog.write(`${elapsedMin().toFixed(2)} pageerror: ${err.stack || err.message}\n`));
  const loadMs = await loadApp(page);
  cdp = await ctx.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await setupWorkerCdp();
  await locateMallocState();
  console.log(`  page ready in ${loadMs} ms`);
  // The highest speed: the speed slider dragged to its right end.
  {
    const s = await state(page);
    const r = s.widgets.Speed;
    await dragWidget(page, 'Speed', { x: r[0] + r[2] + 30, y: r[1] + r[3] / 2 }, 6);
    const t = await waitFor(page, (x) => x.speed >= 52, 3000, 'the highest speed').catch(() => state(page));
    console.log(`  speed ${t.speed} weeks/s`);
  }
  // Replications of the startup scenario first, so minute 0 is the app as a presenter finds it.
  await waitFor(page, runDone, 240000, 'the startup replications').catch(() => {});

  // Samples on a fixed clock (minute k at k x 60 s after the start), concurrently with the workload.
  start = Date.now();
  const totalMs = opts.minutes * opts.sampleSeconds * 1000;
  let sampling = Promise.resolve();
  let nextSample = 0;
  const sampler = setInterval(() => {
    const due = Math.floor((Date.now() - start) / (opts.sampleSeconds * 1000));
    if (due < nextSample || due > opts.minutes) return;
    const k = nextSample++;
    sampling = sampling.then(() => takeSample(k)).catch((err) => console.log(`  sample ${k} failed: ${err.message.split('\n')[0]}`));
  }, 250);

  // The workload, as fast as the app allows, until the last sample.
  while (!stopping && Date.now() - start < totalMs && !crashed) {
    const name = nextAction();
    const a0 = Date.now();
    let ok = true, message = '';
    try {
      await ACTIONS[name]();
    } catch (err) {
      ok = false;
      message = err.message.split('\n')[0];
      failures.push({ minute: +elapsedMin().toFixed(2), action: name, message });
      try { await recover(); } catch { /* the next action will tell */ }
    }
    counts[name] = (counts[name] || 0) + 1;
    ++actionsDone;
    let wasm = null, js = null, stopped = null;
    try {
      wasm = await wasmBytes();
      js = (await cdp.send('Runtime.getHeapUsage')).usedSize;  // without a collection: only a hint
      stopped = await page.evaluate(() => (document.body.dataset.state === 'error'
        ? { title: document.getElementById('error-title').textContent, message: document.getElementById('error-message').textContent,
            details: document.getElementById('error-details').textContent } : null));
    } catch { /* crashed */ }
    actionsLog.write(JSON.stringify({ t: +elapsedMin().toFixed(3), action: name, ms: Date.now() - a0, ok, message, wasm, js }) + '\n');
    if (stopped) {
      // The app stopped (boot.js's error card): nothing more to soak. The card and the page are kept.
      appStopped = { minute: +elapsedMin().toFixed(2), after: name, ...stopped };
      ctx.errors.push(`the app stopped at minute ${appStopped.minute}: ${stopped.title}: ${stopped.details.split('\n')[0]}`);
      console.log(`  the app stopped at minute ${appStopped.minute} (during or before "${name}"): ${stopped.title}\n${stopped.details}`);
      await page.screenshot({ path: path.join(opts.out, 'stopped.png') }).catch(() => {});
      break;
    }
  }
  // The last sample (minute N) is due at the end: wait for it (not after the app stopped).
  while (nextSample <= opts.minutes && !crashed && !appStopped) await sleep(250);
  clearInterval(sampler);
  await sampling;
} catch (err) {
  console.log(`soak: stopped by an error: ${err.stack || err.message}`);
  ctx?.errors.push(`soak script: ${err.message.split('\n')[0]}`);
  exitCode = 2;
}

// ---- Results --------------------------------------------------------------------------------------
const errors = ctx ? [...ctx.errors] : ['no browser'];
await cleanup();
actionsLog.end();
consoleLog.end();
const warmup = opts.minutes >= 3 * opts.warmup ? opts.warmup : Math.max(0, Math.floor(opts.minutes / 3));
const summary = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  machine: `${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`,
  minutes: opts.minutes, warmup, limit: opts.limit, seed: opts.seed, only, skip, actions: actionsDone, counts, failures: failures.length,
  ...figures(warmup),
  errors, crashed, appStopped, failureList: failures.slice(0, 200), heapSnapshots: snapshotGrowth(),
};
const columns = ['minute', 'wasm_bytes', 'js_heap_bytes', 'fps', 'dom_nodes', 'actions', 'at_s', 'wasm_heap_used_bytes', 'wasm_heap_free_bytes',
  'wasm_heap_top_bytes', 'wasm_heap_chunks', 'js_heap_total_bytes', 'cdp_nodes', 'listeners',
  'documents', 'workers', 'worker_wasm_bytes', 'worker_js_heap_bytes', 'pool_spawned', 'pool_terminated', 'pool_tasks', 'view', 'slots', 'week',
  'theme', 'replications_done', 'failures', 'errors'];
fs.writeFileSync(path.join(opts.out, 'soak.csv'), [columns.join(','), ...samples.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n');
fs.writeFileSync(path.join(opts.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
fs.writeFileSync(path.join(opts.out, 'soak.svg'), svgPlot(summary));

const pct = (g) => (g ? `${g.percent >= 0 ? '+' : ''}${g.percent.toFixed(2)}% (${(g.base / 1048576).toFixed(2)} -> fitted ${((g.base + g.rise) / 1048576).toFixed(2)} MB, ` +
  `measured ${(g.last / 1048576).toFixed(2)} MB at minute ${g.to}; range ${(g.min / 1048576).toFixed(2)}-${(g.max / 1048576).toFixed(2)} MB)` : 'n/a');
console.log('');
console.log(`Soak: ${opts.minutes} min, ${actionsDone} actions (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log(`  failed actions: ${failures.length}${failures.length ? ` (first: ${failures.slice(0, 3).map((f) => `${f.action}: ${f.message}`).join(' | ')})` : ''}`);
console.log(`  growth after minute ${warmup} (least-squares fit, % of the minute-${warmup} value; limit ${opts.limit}%):`);
console.log(`    WebAssembly memory (page): ${pct(summary.growth.wasm)}`);
console.log(`    JS heap (page, after GC):  ${pct(summary.growth.js)}`);
console.log(`    C++ heap in use (malloc):  ${pct(summary.growth.wasm_heap)}`);
console.log(`    workers' WebAssembly:      ${pct(summary.growth.worker_wasm)}`);
console.log(`    workers' JS heap:          ${pct(summary.growth.worker_js)}`);
if (summary.growth.dom) console.log(`    DOM nodes: ${summary.growth.dom.base} -> ${summary.growth.dom.last}; JS event listeners: ${summary.growth.listeners?.base} -> ${summary.growth.listeners?.last}`);
if (summary.heapSnapshots) {
  const h = summary.heapSnapshots, kb = (x) => `${x >= 0 ? '+' : ''}${(x / 1024).toFixed(1)} KB`;
  console.log(`  JS heap snapshots, minute ${h.from_minute} -> ${h.to_minute}: ${(h.total_from / 1048576).toFixed(2)} -> ${(h.total_to / 1048576).toFixed(2)} MB; largest changes:`);
  for (const r of h.top.slice(0, 12)) console.log(`    ${kb(r.delta).padStart(11)}  ${r.key} (${r.count_from} -> ${r.count_to} objects)`);
}
if (summary.fps) console.log(`  fps (every frame requested, 2 s a minute): ${summary.fps.min}-${summary.fps.max}, median ${summary.fps.median}`);
console.log(`  errors: ${errors.length ? errors.slice(0, 5).join(' | ') : 'none'}${crashed ? ' (the page crashed)' : ''}`);
console.log(`  written: ${['soak.csv', 'soak.svg', 'summary.json', 'actions.jsonl', 'console.log'].map((f) => path.join(opts.out, f)).join(', ')}`);
const over = ['wasm', 'js'].filter((k) => !summary.growth[k] || summary.growth[k].percent > opts.limit);
if (over.length) { console.log(`FAIL: growth over ${opts.limit}% (or not measured): ${over.join(', ')}`); exitCode = exitCode || 1; }
if (errors.length || crashed) { console.log('FAIL: the page reported errors'); exitCode = exitCode || 1; }
if (!exitCode) console.log('PASS');
process.exit(exitCode);
