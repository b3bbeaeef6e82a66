// run.mjs: browser tests of the served OrgSim page with Playwright and Debian's Chromium: loading,
// rendering, run controls, layout and DPI, themes and error cards here; the app's views in
// suites/*.mjs (each exports a default async function given this file's helpers). Usage:
//   node tests/browser/run.mjs --url http://127.0.0.1:8080/ --out build/browser-screenshots [--only NAME]
import fs from 'node:fs';
import path from 'node:path';
import * as lib from './lib.mjs';

const { args, results, metrics, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats,
        checkNotBlank, tempDirs, READY_TIMEOUT_MS } = lib;

// ---- Core tests (skipped with --only or --skip-core) -------------------------------------------
const suiteSeconds = [];
const coreStart = Date.now();
// --only: the suites whose file names contain one of the comma-separated names (and the core tests
// only with --with-core).
const runCore = (!args.only || args.withCore) && !args.skipCore;
const wanted = (f) => !args.only || args.only.split(',').some((x) => x && f.includes(x));
if (runCore) {
  // ---- Tests --------------------------------------------------------------------------------------
  const main = await openContext({ width: 1366, height: 768 });
  const { page } = main;
  let loaded = false;

  await test('load: page ready within 60 s', async () => {
    const ms = await loadApp(page);
    loaded = true;
    const timing = await page.evaluate(() => window.orgsimTiming);
    metrics.loadMs = ms;
    metrics.firstFrameMs = timing?.firstFrameMs;
    metrics.phases = timing;
    return `ready after ${ms} ms (first frame at ${timing?.firstFrameMs} ms after navigation; phases ${JSON.stringify(timing)})`;
  });

  await test('render: canvas is not blank (1366x768)', async () => {
    check(loaded, 'page did not load');
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'app-1366x768.png') });
    const stats = await pixelStats(main.context, png);
    checkNotBlank(stats, '1366x768');
    const s = await state(page);
    for (const w of ['Play', 'Step', 'Reset', 'Speed', 'Run', 'ReplicationProgress', 'Tab:Design', 'Slot:0', 'Slot:add', 'Undo', 'Redo',
                     'Help', 'Present', 'Theme', 'Panel:content'])
      check(s.widgets[w], `widget ${w} not recorded`);
    check(s.view === 'design', `starts in view ${s.view}, not design`);
    return `${stats.colours} colours, luminance mean ${stats.mean.toFixed(0)} sd ${stats.stddev.toFixed(1)}; scenario "${s.scenario}"`;
  });

  await test('alive: frame counter advances; fps', async () => {
    check(loaded, 'page did not load');
    await lib.keepDrawing(page, true);  // the idle page draws nothing: measure the rate it can draw at
    const a = await state(page);
    const t0 = Date.now();
    await sleep(2000);
    const b = await state(page);
    await lib.keepDrawing(page, false);
    const secs = (Date.now() - t0) / 1000;
    const fps = (b.frame - a.frame) / secs;
    metrics.fps1366 = fps;
    check(b.frame > a.frame + 5, `frame went from ${a.frame} to ${b.frame} in ${secs.toFixed(1)} s`);
    return `${fps.toFixed(1)} frames/s measured over ${secs.toFixed(1)} s (app reports ${b.fps})`;
  });

  await test('interact: Play advances weeks and changes the series', async () => {
    check(loaded, 'page did not load');
    const s0 = await state(page);
    check(!s0.playing, 'already playing at start');
    check(s0.week === 0, `week ${s0.week} at start`);
    await clickWidget(page, 'Play');
    const s1 = await waitFor(page, (s) => s.week >= 8, 15000, 'week >= 8 after Play');
    check(s1.playing, 'not playing after clicking Play');
    check(s1.points === s1.week, `points ${s1.points} != week ${s1.week}`);
    check(typeof s1.series.headcount === 'number' && s1.series.headcount > 0, `headcount series: ${s1.series.headcount}`);
    check(JSON.stringify(s1.series) !== JSON.stringify(s0.series), 'series unchanged');
    check(s1.hash !== s0.hash, 'state hash unchanged');
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'app-playing.png') });
    return `week 0 -> ${s1.week}, headcount ${s1.series.headcount}, hash ${s0.hash} -> ${s1.hash}`;
  });

  await test('interact: Pause stops the weeks', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'Play');  // the same widget toggles to Pause
    const a = await waitFor(page, (s) => !s.playing, 3000, 'paused');
    await sleep(700);
    const b = await state(page);
    check(!b.playing, 'playing again');
    check(b.week === a.week, `week moved from ${a.week} to ${b.week} while paused`);
    return `paused at week ${b.week}`;
  });

  await test('interact: Step advances exactly one week', async () => {
    check(loaded, 'page did not load');
    const a = await state(page);
    await clickWidget(page, 'Step');
    const b = await waitFor(page, (s) => s.week !== a.week, 3000, 'week change after Step');
    await sleep(400);
    const c = await state(page);
    check(b.week === a.week + 1 && c.week === a.week + 1, `week ${a.week} -> ${b.week} -> ${c.week}`);
    check(!c.playing, 'playing after Step');
    return `week ${a.week} -> ${c.week}`;
  });

  await test('interact: Reset returns to week 0', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'Reset');
    const s = await waitFor(page, (x) => x.week === 0, 3000, 'week 0 after Reset');
    check(s.points === 0, `${s.points} points after reset`);
    return `week ${s.week}, hash ${s.hash}`;
  });

  await test('layout: resize to 1600x900 re-lays out the widgets', async () => {
    check(loaded, 'page did not load');
    await page.setViewportSize({ width: 1600, height: 900 });
    await sleep(500);
    const s = await state(page);
    const c = s.widgets['Panel:content'];
    check(c, 'content area not recorded');
    check(c[0] + c[2] <= 1600 + 0.5 && c[1] + c[3] <= 900 + 0.5, `content ${JSON.stringify(c)} outside 1600x900`);
    check(c[0] + c[2] > 1366 && c[1] + c[3] > 768, `content right/bottom edge ${c[0] + c[2]}, ${c[1] + c[3]} did not grow past 1366x768`);
    const t = s.widgets.Theme;
    check(t && t[0] + t[2] > 1366 && t[0] + t[2] <= 1600, `theme button at ${JSON.stringify(t)} did not follow the right edge`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await sleep(300);
    return `content area at ${c.map((v) => Math.round(v)).join(',')}`;
  });

  await test('layout: devicePixelRatio change (zoom, other screen) re-rasterises the fonts', async () => {
    check(loaded, 'page did not load');
    const cdp = await main.context.newCDPSession(page);
    const emulate = (scale) => cdp.send('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: scale, mobile: false });
    await emulate(1.5);
    let s;
    try {
      s = await waitFor(page, (x) => Math.abs(x.pixel_ratio - 1.5) < 0.01 && x.font_px === Math.round(17 * 1.5), 5000, 'ratio 1.5 and 26 px fonts');
      const canvas = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      check(Math.abs(canvas[0] - 1366 * 1.5) <= 2, `canvas buffer ${canvas.join('x')} at ratio 1.5`);
      check(Math.abs(s.display[0] - 1366) <= 1, `display ${s.display.join('x')}`);
    } finally {
      await emulate(1);
    }
    const t = await waitFor(page, (x) => x.pixel_ratio === 1 && x.font_px === 17, 5000, 'ratio 1 again');
    return `ratio 1 -> ${s.pixel_ratio} (fonts ${s.font_px} px) -> ${t.pixel_ratio} (fonts ${t.font_px} px)`;
  });

  await test('keyboard: Space plays and pauses, Right arrow steps', async () => {
    check(loaded, 'page did not load');
    // Hold keys across a frame or two, as a person does (ImGui 1.86 samples key state per frame).
    const press = async (key) => {
      await page.keyboard.down(key);
      await sleep(80);
      await page.keyboard.up(key);
      await sleep(120);
    };
    await page.mouse.move(5, 760);  // away from the widgets
    await press('Space');
    const a = await waitFor(page, (s) => s.playing && s.week > 0, 4000, 'playing after Space');
    await press('Space');
    const b = await waitFor(page, (s) => !s.playing, 3000, 'paused after second Space');
    await press('ArrowRight');
    const c = await waitFor(page, (s) => s.week === b.week + 1, 3000, 'one week after ArrowRight');
    await press('Home');
    const d = await waitFor(page, (s) => s.week === 0, 3000, 'week 0 after Home');
    return `Space -> week ${a.week} playing, Space -> paused at ${b.week}, Right -> ${c.week}, Home -> ${d.week}`;
  });

  await test('theme: dark mode toggles and renders', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'Play');
    await waitFor(page, (s) => s.week >= 30, 15000, 'week >= 30');
    await clickWidget(page, 'Theme');
    const s = await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await clickWidget(page, 'Play');  // pause
    // The dashboard's charts in the dark theme.
    await lib.showView(page, 'Results');
    await page.mouse.move(5, 760);
    await sleep(600);
    const png = await page.screenshot({ path: path.join(args.out, 'app-dark.png') });
    await lib.showView(page, 'Design');
    const stats = await pixelStats(main.context, png);
    checkNotBlank({ ...stats, mean: Math.max(stats.mean, 21) }, 'dark');  // dark is allowed to be dark
    check(stats.mean < 100, `dark theme mean luminance ${stats.mean.toFixed(0)}`);
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme again');
    return `dark: ${stats.colours} colours, luminance mean ${stats.mean.toFixed(0)}`;
  });

  await test('errors: no console error or page error (1366x768 session)', async () => {
    check(main.errors.length === 0, `${main.errors.length}: ${main.errors.slice(0, 3).join(' | ')}`);
    return 'none';
  });
  await main.context.close();

  // A large high-DPI screen (projector laptops are often 2x).
  {
    const hi = await openContext({ width: 1920, height: 1080, scale: 2 });
    await test('viewport: 1920x1080 at devicePixelRatio 2', async () => {
      const ms = await loadApp(hi.page);
      await sleep(300);
      const s0 = await state(hi.page);
      await clickWidget(hi.page, 'Play');
      await waitFor(hi.page, (s) => s.week >= 20, 40000, 'week >= 20');  // software GL at 4K: a few frames per second
      await clickWidget(hi.page, 'Play');
      await sleep(300);
      const png = await hi.page.screenshot({ path: path.join(args.out, 'app-1920x1080.png') });
      const stats = await pixelStats(hi.context, png);
      checkNotBlank(stats, '1920x1080@2');
      check(stats.width === 3840 && stats.height === 2160, `screenshot ${stats.width}x${stats.height}`);
      await lib.keepDrawing(hi.page, true);
      const a = await state(hi.page);
      const t0 = Date.now();
      await sleep(2000);
      const b = await state(hi.page);
      await lib.keepDrawing(hi.page, false);
      metrics.fps1920x2 = (b.frame - a.frame) / ((Date.now() - t0) / 1000);
      metrics.firstFrameMs1920x2 = (await hi.page.evaluate(() => window.orgsimTiming))?.firstFrameMs;
      const p = s0.widgets.Play;
      check(p && p[0] >= 0 && p[1] >= 0 && p[0] + p[2] <= 1920 && p[1] + p[3] <= 1080, `Play at ${JSON.stringify(p)}`);
      check(hi.errors.length === 0, `${hi.errors.length} errors: ${hi.errors.slice(0, 3).join(' | ')}`);
      return `ready in ${ms} ms, ${stats.colours} colours, ${metrics.fps1920x2.toFixed(1)} frames/s, no errors`;
    });
    await hi.context.close();
  }

  // A scenario that cannot be loaded: the app shows its problems instead of crashing.
  {
    const bad = await openContext({ width: 1366, height: 768 });
    await test('problems: a missing scenario is reported in the UI, no crash', async () => {
      const url = new URL(args.url);
      url.searchParams.set('scenario', 'no_such_scenario');
      await bad.page.goto(url.href, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
      await bad.page.waitForSelector('body[data-ready="1"]', { timeout: READY_TIMEOUT_MS, state: 'attached' });
      await sleep(300);
      const s = await state(bad.page);
      check(s.problems.length >= 1, 'no problems reported');
      check(s.widgets['Panel:problems'], 'problems panel not drawn');
      check(s.slot_count === 0 && s.scenario === '', `slots ${s.slot_count}, scenario "${s.scenario}"`);
      check(s.week === 0 && !s.playing, `week ${s.week}, playing ${s.playing}`);
      await clickWidget(bad.page, 'Play');  // disabled: must do nothing
      const t = await state(bad.page);
      check(!t.playing && t.frame > s.frame, `after clicking Play: playing ${t.playing}, frame ${s.frame} -> ${t.frame}`);
      const png = await bad.page.screenshot({ path: path.join(args.out, 'app-problems.png') });
      checkNotBlank(await pixelStats(bad.context, png), 'problems');
      check(bad.errors.length === 0, `${bad.errors.length} errors: ${bad.errors.slice(0, 3).join(' | ')}`);
      return `"${s.problems[0]}"`;
    });
    await bad.context.close();
  }

  // Negative: WebGL2 unavailable -> a readable error card, not a blank page.
  {
    const neg = await openContext({ width: 1366, height: 768 });
    await test('error card: shown when WebGL2 is unavailable', async () => {
      await neg.page.addInitScript(() => {
        const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          if (type === 'webgl2') return null;
          return original.call(this, type, ...rest);
        };
      });
      await neg.page.goto(args.url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
      const card = neg.page.locator('#error-card');
      await card.waitFor({ state: 'visible', timeout: 10000 });
      const title = (await neg.page.locator('#error-title').innerText()).trim();
      const message = (await neg.page.locator('#error-message').innerText()).trim();
      check(/WebGL 2/.test(title), `title: "${title}"`);
      check(message.length > 40, `message too short: "${message}"`);
      const ready = await neg.page.evaluate(() => document.body.dataset.ready);
      check(ready !== '1', 'page claims to be ready');
      const box = await card.boundingBox();
      check(box && box.width > 200 && box.height > 100, `card box ${JSON.stringify(box)}`);
      await neg.page.screenshot({ path: path.join(args.out, 'error-no-webgl2.png') });
      return `"${title}"`;
    });
    await test('error card: shown when orgsim.wasm fails to download', async () => {
      const page2 = await neg.context.newPage();  // without the WebGL2 override
      await page2.route('**/orgsim.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await page2.goto(args.url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
      await page2.locator('#error-card').waitFor({ state: 'visible', timeout: 20000 });
      const title = (await page2.locator('#error-title').innerText()).trim();
      const details = await page2.locator('#error-details').textContent();
      check(/could not be loaded/.test(title), `title: "${title}"`);
      check(/404/.test(details), `details: "${details}"`);
      await page2.close();
      return `"${title}" (${details.split('\n')[0]})`;
    });
    await test('error card: shown when the browser lacks WebAssembly SIMD', async () => {
      const page3 = await neg.context.newPage();
      // An old engine: modules that use SIMD (opcode prefix 0xfd) do not validate.
      await page3.addInitScript(() => {
        const original = WebAssembly.validate;
        WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(0xfd) ? false : original(bytes));
      });
      let wasmRequested = false;
      page3.on('request', (r) => { if (r.url().endsWith('orgsim.wasm')) wasmRequested = true; });
      await page3.goto(args.url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
      await page3.locator('#error-card').waitFor({ state: 'visible', timeout: 10000 });
      const title = (await page3.locator('#error-title').innerText()).trim();
      const message = (await page3.locator('#error-message').innerText()).trim();
      check(/too old/.test(title), `title: "${title}"`);
      check(/SIMD/.test(message) && !/saturating/.test(message), `message: "${message}"`);
      check(!wasmRequested, 'orgsim.wasm was downloaded anyway');
      await page3.close();
      return `"${title}": "${message}"`;
    });
    await neg.context.close();
  }
}

if (runCore) suiteSeconds.push(['core (run.mjs)', (Date.now() - coreStart) / 1000]);

// ---- Suites: one file per view ----------------------------------------------------------------------
const suitesDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'suites');
const suiteFiles = !args.noSuites && fs.existsSync(suitesDir) ? fs.readdirSync(suitesDir).filter((f) => f.endsWith('.mjs')).sort() : [];
for (const f of suiteFiles) {
  if (!wanted(f)) continue;
  const suite = await import(path.join(suitesDir, f));
  const t0 = Date.now();
  await suite.default(lib);
  suiteSeconds.push([f, (Date.now() - t0) / 1000]);
}

for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });

// ---- Summary --------------------------------------------------------------------------------------
const failed = results.filter((r) => !r.ok);
console.log('');
console.log(`Summary: ${results.length - failed.length} passed, ${failed.length} failed (${results.length} tests)`);
if (metrics.fps1366 !== undefined) console.log(`  fps 1366x768@1: ${metrics.fps1366.toFixed(1)}`);
if (metrics.fps1920x2 !== undefined) console.log(`  fps 1920x1080@2: ${metrics.fps1920x2.toFixed(1)}`);
if (metrics.fpsDuringReplications !== undefined)
  console.log(`  fps while replications run (1366x768): ${metrics.fpsDuringReplications.toFixed(1)} (${metrics.fpsIdle?.toFixed(1)} without), slice budget ${metrics.sliceBudgetMs} ms`);
if (metrics.firstFrameMs !== undefined) console.log(`  time to first frame: ${metrics.firstFrameMs} ms (1366x768), ${metrics.firstFrameMs1920x2 ?? '?'} ms (1920x1080@2); ready ${metrics.loadMs} ms`);
console.log(`  screenshots: ${path.resolve(args.out)}`);
if (suiteSeconds.length)
  console.log(`  seconds per suite: ${suiteSeconds.map(([f, s]) => `${f.replace(/\.mjs$/, '')} ${s.toFixed(0)}`).join(', ')}`);
for (const f of failed) console.log(`  FAILED: ${f.name}: ${f.reason}`);
process.exit(failed.length ? 1 : 0);
