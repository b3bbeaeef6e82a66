// lib.mjs: shared helpers of the browser tests (run.mjs and suites/*.mjs): arguments, reporting,
// Chromium contexts, the app's test state, clicks on recorded widgets, pixel statistics.
// Originally: browser tests of the served OrgSim page with Playwright and Debian's Chromium: loading,
// non-blank rendering, play/pause/step through the real widgets, liveness and fps, two viewport
// sizes, and the error card without WebGL2. Usage:
//   node tests/browser/run.mjs --url http://127.0.0.1:8080/ --out build/browser-screenshots
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---- Arguments ----------------------------------------------------------------------------------
export function parseArgs(argv) {
  const args = { url: 'http://127.0.0.1:8080/', out: 'build/browser-screenshots', chromium: '/usr/bin/chromium', headed: false, only: '', withCore: false, skipCore: false, noSuites: false };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--url') args.url = next();
    else if (a === '--out') args.out = next();
    else if (a === '--chromium') args.chromium = next();
    else if (a === '--headed') args.headed = true;
    else if (a === '--only') args.only = next();
    else if (a === '--skip-core') args.skipCore = true;
    else if (a === '--with-core') args.withCore = true;
    else if (a === '--no-suites') args.noSuites = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node run.mjs --url URL --out DIR [--chromium PATH] [--headed] [--only SUITE[,SUITE...]] [--with-core] [--skip-core] [--no-suites]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

export const args = parseArgs(process.argv.slice(2));
fs.mkdirSync(args.out, { recursive: true });

export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // Software WebGL2 for machines without a GPU.
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];
export const READY_TIMEOUT_MS = 60000;

// ---- Reporting ----------------------------------------------------------------------------------
export const results = [];
export function report(name, ok, reason) {
  results.push({ name, ok, reason });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${reason}`);
}
export async function test(name, fn) {
  try {
    const reason = await fn();
    report(name, true, reason || 'ok');
  } catch (err) {
    report(name, false, err && err.message ? err.message.split('\n')[0] : String(err));
  }
}
export function check(cond, message) {
  if (!cond) throw new Error(message);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- Browser helpers ----------------------------------------------------------------------------
export const tempDirs = [];
// The page's errors as they happen: console errors, uncaught exceptions, failed requests.
function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText || ''}`));
  return errors;
}

export async function openContext({ width, height, scale = 1 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgsim-chromium-'));
  tempDirs.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: args.chromium,
    headless: !args.headed,
    args: LAUNCH_ARGS,
    viewport: { width, height },
    deviceScaleFactor: scale,
  });
  const page = context.pages()[0] || (await context.newPage());
  return { context, page, errors: watchErrors(page) };
}

// One browser for many light contexts: each context has its own storage, cookies and cache, as a
// separate person's browser does, without launching a browser per context (a class of students).
// Service workers are blocked in them (offline use is tested elsewhere).
let sharedBrowser = null;
export async function openIsolatedContext({ width, height, scale = 1 }) {
  if (!sharedBrowser) sharedBrowser = await chromium.launch({ executablePath: args.chromium, headless: !args.headed, args: LAUNCH_ARGS });
  const context = await sharedBrowser.newContext({ viewport: { width, height }, deviceScaleFactor: scale, serviceWorkers: 'block', acceptDownloads: true });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}
export async function closeSharedBrowser() {
  if (sharedBrowser) await sharedBrowser.close();
  sharedBrowser = null;
}

export async function loadApp(page, url = args.url) {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
  await page.waitForSelector('body[data-ready="1"]', { timeout: READY_TIMEOUT_MS, state: 'attached' });
  return Date.now() - t0;
}

export const state = (page) => page.evaluate(() => window.orgsim.state());

export function centre(rect) {
  check(Array.isArray(rect) && rect.length === 4, `widget rectangle missing: ${JSON.stringify(rect)}`);
  return { x: rect[0] + rect[2] / 2, y: rect[1] + rect[3] / 2 };
}

export async function clickWidget(page, name) {
  const s = await state(page);
  const { x, y } = centre(s.widgets[name]);
  // Hover first so ImGui sees the mouse over the widget for a frame, then press and release
  // across frames, like a person does.
  await page.mouse.move(x, y);
  await sleep(120);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  await sleep(120);
}

// A view's cards scroll: bring a widget wholly into its panel (named by its "Panel:..." hook) with the
// mouse wheel over its column, top_inset pixels below the panel's top (its header) and above its foot.
export async function reveal(page, name, panel, topInset = 90) {
  for (let i = 0; i < 40; ++i) {
    const s = await state(page);
    const r = s.widgets[name], p = s.widgets[panel];
    check(r, `widget ${name} not recorded`);
    check(p, `panel ${panel} not recorded`);
    const top = p[1] + topInset, bottom = p[1] + p[3];
    if (r[1] >= top && r[1] + r[3] <= bottom) return;
    await page.mouse.move(r[0] + Math.min(r[2] / 2, 40), (top + bottom) / 2);
    await page.mouse.wheel(0, r[1] < top ? -120 : 120);
    await sleep(120);
  }
  throw new Error(`could not scroll ${name} into view`);
}

// The page draws only when something changes (input, animation, runs: web/main.cpp), so an idle page
// shows no new frames. A test that measures how fast the page can draw asks for every frame while it
// measures (the exported orgsim_request_frames) and withdraws the request after.
export async function keepDrawing(page, on) {
  await page.evaluate((n) => window.orgsim.module._orgsim_request_frames(n), on ? 1 << 30 : 0);
}

export async function waitFor(page, predicate, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await state(page);
    if (predicate(last)) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what} (last state: week ${last?.week}, playing ${last?.playing})`);
}

// Pixel statistics of a PNG: decoded by the browser in a blank page (an <img> drawn on a 2D canvas).
export async function pixelStats(context, png) {
  const page = await context.newPage();
  try {
    await page.setContent('<!doctype html><title>stats</title><body></body>');
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const data = g.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      let sum = 0, sum2 = 0, n = 0;
      for (let i = 0; i < data.length; i += 4 * 7) {  // every 7th pixel is plenty
        const r = data[i], gr = data[i + 1], b = data[i + 2];
        colours.add(((r >> 3) << 10) | ((gr >> 3) << 5) | (b >> 3));  // 15-bit buckets
        const lum = 0.2126 * r + 0.7152 * gr + 0.0722 * b;
        sum += lum; sum2 += lum * lum; ++n;
      }
      const mean = sum / n;
      return { width: c.width, height: c.height, colours: colours.size, mean, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)) };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

export function checkNotBlank(stats, where) {
  check(stats.colours >= 40, `${where}: only ${stats.colours} distinct colours`);
  check(stats.stddev >= 8, `${where}: luminance stddev ${stats.stddev.toFixed(1)} is too flat`);
  check(stats.mean > 20, `${where}: mean luminance ${stats.mean.toFixed(1)} (black canvas?)`);
}

export const metrics = {};

// Drag a recorded widget (by name) to a screen point, in small steps across frames like a person.
export async function dragWidget(page, name, to, steps = 12) {
  const s = await state(page);
  const from = centre(s.widgets[name]);
  await page.mouse.move(from.x, from.y);
  await sleep(120);
  await page.mouse.down();
  await sleep(80);
  for (let k = 1; k <= steps; ++k) {
    await page.mouse.move(from.x + ((to.x - from.x) * k) / steps, from.y + ((to.y - from.y) * k) / steps);
    await sleep(40);
  }
  await sleep(120);
  await page.mouse.up();
  await sleep(150);
}

// ---- Shell helpers (views, keys, fields, the scenario in the snapshot) --------------------------
// The active scenario as an object (the snapshot carries it as compact JSON text, s.scenario_json).
export function scenarioOf(s) {
  check(typeof s.scenario_json === 'string' && s.scenario_json.length > 2, 'scenario_json missing from the state');
  return JSON.parse(s.scenario_json);
}

// Press a key (optionally with modifiers, e.g. ['Control', 'Shift']) and hold it across a frame or
// two, as a person does (ImGui 1.86 samples key state once per frame).
export async function press(page, key, modifiers = []) {
  for (const m of modifiers) await page.keyboard.down(m);
  await page.keyboard.down(key);
  await sleep(80);
  await page.keyboard.up(key);
  for (const m of [...modifiers].reverse()) await page.keyboard.up(m);
  await sleep(120);
}

// Switch the main view with its header tab and wait until the app shows it.
export async function showView(page, name) {
  await clickWidget(page, `Tab:${name}`);
  return waitFor(page, (s) => s.view === name.toLowerCase(), 3000, `view ${name}`);
}

// Replace the text of a recorded input field (click, select all, type, Enter).
export async function typeInto(page, name, text) {
  await clickWidget(page, name);
  await press(page, 'KeyA', ['Control']);
  await page.keyboard.type(String(text), { delay: 40 });
  await sleep(80);
  await press(page, 'Enter');
}
