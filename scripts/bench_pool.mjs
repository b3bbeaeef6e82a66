// bench_pool.mjs: the browser's replication throughput and frame rates with the worker pool, against
// the same engine on one core under Node, and the CPU an idle page uses. Prints figures; not a test.
//   1. in-page throughput (employee-weeks/s) of N replications of a scenario with the pool (default
//      size, or --workers K) and on the page alone (?workers=0), each after a warm-up run, with the
//      frames per second drawn while they run;
//   2. the same replications under Node on one core (orgsim_bench.js, build/web-release);
//   3. frames per second the idle page can draw (every frame asked for) and draws (none asked for);
//   4. CPU used by Chromium (every process: browser, renderer, GPU/SwiftShader) over --idle-secs of an
//      idle page, for this build and, with --before-site DIR, for another build (e.g. one from before
//      the idle-redraw change), from /proc/<pid>/stat.
// Usage (from the repository root, after the web build):
//   node scripts/bench_pool.mjs [--site build/web-release/site] [--replications 400] [--workers K]
//        [--scenario default] [--idle-secs 10] [--before-site DIR] [--skip-page]
// Headless Chromium with software GL (SwiftShader), like the browser tests.
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// playwright-core lives beside the browser tests (tests/browser/node_modules).
const { chromium } = createRequire(path.join(root, 'tests/browser/package.json'))('playwright-core');

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
};
const site = path.resolve(opt('--site', path.join(root, 'build/web-release/site')));
const reps = Number(opt('--replications', '400'));
const workersOpt = opt('--workers', '');
const scenarioId = opt('--scenario', 'default');
const idleSecs = Number(opt('--idle-secs', '10'));
const beforeSite = opt('--before-site', '');
const skipPage = argv.includes('--skip-page');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- Server and browser -----------------------------------------------------------------------------
async function serve(dir) {
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--root', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/[0-9.:]+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => reject(new Error('the server stopped: ' + out)));
  });
  return { url, stop: () => child.kill() };
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

async function openPage(url) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: LAUNCH_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
  return { browser, page };
}
const state = (page) => page.evaluate(() => window.orgsim.state());

function shareUrl(base, { replications, workers }) {
  const s = JSON.parse(fs.readFileSync(path.join(root, 'scenarios', `${scenarioId}.json`), 'utf8'));
  s.seed = 1;
  s.replications = replications;
  const doc = { format: 'orgsim-workspace/1', active: 0, slots: [{ origin: scenarioId, scenario: s }] };
  const url = new URL(base);
  if (workers !== '') url.searchParams.set('workers', String(workers));
  url.hash = 'w=' + Buffer.from(JSON.stringify(doc)).toString('base64url');
  return { href: url.href, employees: s.org.units.reduce((n, u) => n + (u.headcount || 0), 0), weeks: s.horizon_weeks };
}

async function waitUntil(page, pred, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await state(page);
    if (pred(s)) return s;
    if (Date.now() > end) throw new Error('timed out; runner ' + JSON.stringify(s.runner));
    await sleep(50);
  }
}
const done = (s) => s.runner.replications === reps && s.runner.completed === reps && !s.runner.running && s.runner.results_current;

async function click(page, name) {
  const r = (await state(page)).widgets[name];
  await page.mouse.move(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await sleep(100);
  await page.mouse.down();
  await sleep(50);
  await page.mouse.up();
  const t = Date.now();  // the run starts in the frame that sees the release
  await sleep(150);  // ImGui must see the release over the button before the mouse leaves it
  await page.mouse.move(5, 760);
  return t;
}

// ---- 1. Throughput and fps in the page ----------------------------------------------------------------
async function pageRun(base, workers) {
  const link = shareUrl(base, { replications: reps, workers });
  const { browser, page } = await openPage(link.href);
  try {
    await waitUntil(page, done, 600000);  // the warm-up: the run the link starts (workers start, code tiers up)
    const t0 = await click(page, 'Run');
    const s0 = await waitUntil(page, (s) => s.runner.running, 10000);
    const s1 = await waitUntil(page, done, 600000);
    const secs = (Date.now() - t0) / 1000;
    const empWeeks = reps * link.employees * link.weeks;
    const p = await page.evaluate(() => (window.orgsimPool ? window.orgsimPool.info() : null));
    return { workers: s0.runner.workers, secs, throughput: empWeeks / secs, reported: s1.runner.throughput,
             fps: (s1.frame - s0.frame) / secs, hash: s1.runner.hashes[0], taskMs: p && p.tasks ? p.taskMs / p.tasks : null };
  } finally {
    await browser.close();
  }
}

// ---- 1b. The pool alone: the same tasks while the page draws nothing (a diagnostic) ----------------------
// The app is loaded with ?workers=0 and left idle (it draws no frames); a pool of its own runs the tasks
// and only counts the results. Against 1., this shows what drawing the page costs the workers on a
// machine that draws with the CPU (software GL).
async function poolAlone(base, workers) {
  const url = new URL(base);
  url.searchParams.set('workers', '0');
  const { browser, page } = await openPage(url.href);
  try {
    await waitUntil(page, (s) => s.runner.replications > 0 && !s.runner.running, 600000);
    await sleep(5000);  // toasts fade: the page stops drawing
    const text = fs.readFileSync(path.join(root, 'scenarios', `${scenarioId}.json`), 'utf8');
    return await page.evaluate(async ({ text, reps, workers }) => {
      const size = workers === '' ? Math.max(1, (navigator.hardwareConcurrency || 2) - 1) : Number(workers);
      const run = (n) => new Promise((resolve) => {
        let left = n;
        const pool = new OrgSimPool({ result: () => { if (--left === 0) resolve(); }, failed: (g, m) => resolve(m) });
        pool.size = size;
        pool.start(1, [text], n, true);
        run.pool = pool;
      });
      await run(50);  // warm-up: workers start, code tiers up
      run.pool.cancel();
      const pool = run.pool;
      const t0 = performance.now();
      await new Promise((resolve) => {
        let left = reps;
        pool.sink = { result: () => { if (--left === 0) resolve(); }, failed: () => resolve() };
        pool.start(2, [text], reps, true);
      });
      return { secs: (performance.now() - t0) / 1000, workers: size };
    }, { text, reps, workers: workersOpt });
  } finally {
    await browser.close();
  }
}

// ---- 3/4. Frame rates and CPU of the idle page -----------------------------------------------------------
function processTree(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* the process ended */ }
  }
  const all = [];
  const walk = (p) => { all.push(p); for (const c of children.get(p) || []) walk(c); };
  walk(pid);
  return all;
}
// Chromium's processes: the browser this script launched and everything it started.
function chromiumPids() {
  return processTree(process.pid).filter((p) => {
    try {
      return /chrom/.test(fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0]);
    } catch {
      return false;
    }
  });
}
function cpuTicks(pids) {
  let t = 0;
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      t += Number(f[11]) + Number(f[12]);  // utime + stime (fields 14 and 15 of stat)
    } catch { /* the process ended */ }
  }
  return t;
}
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

async function idle(base, label) {
  const { browser, page } = await openPage(base);
  try {
    await waitUntil(page, (s) => s.runner.replications > 0 && !s.runner.running && s.runner.results_current, 600000);
    await page.mouse.move(5, 760);
    await sleep(5000);  // toasts fade, autosave, the last frames settle
    const pids = chromiumPids();
    const f0 = (await state(page)).frame;
    const c0 = cpuTicks(pids), t0 = Date.now();
    await sleep(idleSecs * 1000);
    const c1 = cpuTicks(chromiumPids()), t1 = Date.now();
    const f1 = (await state(page)).frame;
    const cpu = ((c1 - c0) / CLK_TCK) / ((t1 - t0) / 1000);
    let canDraw = null;
    const hasRequest = await page.evaluate(() => typeof window.orgsim.module._orgsim_request_frames === 'function');
    if (hasRequest) {  // the rate this build can draw at: every frame asked for
      await page.evaluate(() => window.orgsim.module._orgsim_request_frames(1 << 30));
      const a = await state(page), ta = Date.now();
      await sleep(3000);
      const b = await state(page);
      canDraw = (b.frame - a.frame) / ((Date.now() - ta) / 1000);
      await page.evaluate(() => window.orgsim.module._orgsim_request_frames(0));
    }
    return { label, cpu, fpsDrawn: (f1 - f0) / ((t1 - t0) / 1000), canDraw };
  } finally {
    await browser.close();
  }
}

// ---- Run ------------------------------------------------------------------------------------------------
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`OrgSim pool benchmark: ${reps} replications of ${scenarioId}, ${os.cpus().length} cores, ` +
            `navigator.hardwareConcurrency - 1 workers unless --workers; load average ${load()}`);
const server = await serve(site);
try {
  const pooled = await pageRun(server.url, workersOpt);
  console.log(`page, pool of ${pooled.workers} worker(s): ${pooled.secs.toFixed(2)} s, ${(pooled.throughput / 1e6).toFixed(1)} M employee-weeks/s ` +
              `(status line ${(pooled.reported / 1e6).toFixed(1)} M), ${pooled.fps.toFixed(1)} fps while running, hash ${pooled.hash}; ` +
              `${pooled.taskMs?.toFixed(1)} ms per replication inside a worker (both runs)`);
  const link = shareUrl(server.url, { replications: reps, workers: '' });
  const bare = await poolAlone(server.url, workersOpt);
  const bareThroughput = (reps * link.employees * link.weeks) / bare.secs;
  console.log(`pool of ${bare.workers} while the page draws nothing (diagnostic): ${bare.secs.toFixed(2)} s, ` +
              `${(bareThroughput / 1e6).toFixed(1)} M employee-weeks/s`);
  if (!skipPage) {
    const alone = await pageRun(server.url, '0');
    console.log(`page alone (?workers=0):       ${alone.secs.toFixed(2)} s, ${(alone.throughput / 1e6).toFixed(1)} M employee-weeks/s, ` +
                `${alone.fps.toFixed(1)} fps while running, hash ${alone.hash}`);
  }
  const bench = path.join(site, '..', 'orgsim_bench.js');
  if (fs.existsSync(bench)) {
    const out = execFileSync(process.execPath, [bench, path.join(root, 'scenarios', `${scenarioId}.json`), String(reps)]).toString();
    const secs = Number(/in ([0-9.]+) s/.exec(out)[1]);
    const ns = Number(/\(([0-9.]+) ns per employee-week/.exec(out)[1]);
    const empWeeks = Number(/employee-weeks per second: ([0-9.e+]+)/.exec(out)[1]);
    console.log(`Node ${process.version}, one core (orgsim_bench.js): ${secs.toFixed(2)} s, ${(empWeeks / 1e6).toFixed(1)} M employee-weeks/s ` +
                `(${(1e3 / ns).toFixed(1)} M per CPU second), ${(secs * 1000 / reps).toFixed(1)} ms per replication`);
    console.log(`ratio pool / (workers x Node one core): ${(pooled.throughput / (Math.max(1, pooled.workers) * empWeeks)).toFixed(2)} (goal >= 0.8); ` +
                `while the page draws nothing ${(bareThroughput / (bare.workers * empWeeks)).toFixed(2)}`);
  }
  const now = await idle(server.url, 'this build');
  console.log(`idle page, this build: ${(now.cpu * 100).toFixed(0)}% of a core over ${idleSecs} s (Chromium, all processes), ` +
              `${now.fpsDrawn.toFixed(1)} frames/s drawn; it can draw ${now.canDraw?.toFixed(1)} frames/s when asked to`);
  if (beforeSite) {
    const other = await serve(path.resolve(beforeSite));
    try {
      const before = await idle(other.url, 'before');
      console.log(`idle page, ${beforeSite}: ${(before.cpu * 100).toFixed(0)}% of a core over ${idleSecs} s, ${before.fpsDrawn.toFixed(1)} frames/s drawn`);
    } finally {
      other.stop();
    }
  }
  console.log(`load average at the end ${load()}`);
} finally {
  server.stop();
}
