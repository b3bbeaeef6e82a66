// 99_embed.mjs: OrgSim inside a course page (issue 14, "Embedding"). A learning-management system
// shows a tool in an <iframe>, often sandboxed. This suite
//   (a) checks the deliberate framing policy: the default server (scripts/serve.mjs) refuses every
//       frame (frame-ancestors 'none'); started with --embed ORIGIN it lets that origin frame the
//       page and serves the files to an opaque origin (CORS and CORP headers);
//   (b) builds the snippet as a user does (Share > Embed in a web page; the height toggles change it)
//       and pastes it verbatim into a course page of another origin (a server of the test's own on
//       another port; the browser's local-network checks keep a public page from framing 127.0.0.1): the frame shows the shared scenarios in the compact layout (no file menu, an "Open in
//       new tab" button), runs the replications in its workers, keeps storage, and "Open in new tab"
//       opens the full app (no embed=1) with the same workspace;
//   (c) the strictest frame (sandbox="allow-scripts" only: an opaque origin, no storage, no workers,
//       no new tabs): the app still starts, says that changes last until the page closes, runs the
//       replications on the page to the same results as (b), and "Open in new tab" shows the link
//       instead; no uncaught error anywhere;
//   (d) an assignment embeds too (Class > Embed): the frame opens it as a student sees it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, state, waitFor, clickWidget, centre } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const site = process.env.ORGSIM_SITE;
  const REPLICATIONS = 16;

  // The course page: a server of the test's own (its origin differs from the app's by the port).
  let courseBody = '';
  const course = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Org design 101</title>
<style>body{font:16px system-ui;margin:24px;background:#f4f4f2}h1{font-size:22px}</style></head>
<body><h1>Week 3: who should the CIO report to?</h1><p>Try the structures below, then answer the quiz.</p>${courseBody}</body></html>`);
  });
  await new Promise((resolve) => course.listen(0, '127.0.0.1', resolve));
  const LMS = `http://127.0.0.1:${course.address().port}`;
  const coursePage = (body) => { courseBody = body; };

  // A server of our own that lets the course page's origin frame the app.
  async function startEmbedServer() {
    const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--root', site, '--port', '0', '--embed', LMS],
                        { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    for (let i = 0; i < 100 && !/http:\/\/[0-9.:]+\//.test(out); ++i) await sleep(50);
    const m = out.match(/http:\/\/[0-9.:]+\//);
    if (!m) {
      child.kill();
      throw new Error(`the --embed server did not start: ${out}`);
    }
    return { url: m[0], child };
  }

  // The app's frame and its position on the page (widget rectangles are the frame's CSS pixels).
  async function appFrame(page) {
    const handle = await page.waitForSelector('iframe', { timeout: 20000 });
    const frame = await handle.contentFrame();
    await frame.waitForSelector('body[data-ready="1"]', { timeout: lib.READY_TIMEOUT_MS, state: 'attached' });
    const box = await handle.boundingBox();
    return { frame, box };
  }
  async function clickIn(page, { frame, box }, name) {
    const s = await state(frame);
    const c = centre(s.widgets[name]);
    await page.mouse.move(box.x + c.x, box.y + c.y);
    await sleep(120);
    await page.mouse.down();
    await sleep(60);
    await page.mouse.up();
    await sleep(150);
  }
  const finished = (s) => s.runner.completed === s.runner.replications && s.runner.replications > 0 && !s.runner.running && s.runner.results_current;

  // A share link of two presets (seeded, few replications), on the given server.
  function shareUrl(base) {
    const slots = ['default', 'cio_reports_to_cfo'].map((id) => {
      const s = JSON.parse(fs.readFileSync(path.join(root, 'scenarios', `${id}.json`), 'utf8'));
      s.seed = 5;
      s.replications = REPLICATIONS;
      return { origin: id, scenario: s };
    });
    const url = new URL(base);
    url.hash = 'w=' + Buffer.from(JSON.stringify({ format: 'orgsim-workspace/1', active: 0, slots })).toString('base64url');
    return url.href;
  }

  const server = await startEmbedServer();
  const ctx = await openContext({ width: 1440, height: 900 });
  const { context, page, errors } = ctx;
  let snippet = '';
  let hashes = null;
  try {
    await test('embed: the default server refuses frames; --embed ORIGIN allows that origin and an opaque one', async () => {
      const plain = await fetch(args.url);
      check(/frame-ancestors 'none'/.test(plain.headers.get('content-security-policy')), 'default: frame-ancestors is not none');
      check(plain.headers.get('access-control-allow-origin') === null, 'default: CORS is open');
      const wasm = await fetch(new URL('orgsim.wasm', server.url), { headers: { Origin: 'null' } });
      const csp = (await fetch(server.url)).headers.get('content-security-policy');
      check(csp.includes(`frame-ancestors 'self' ${LMS}`), `--embed: ${csp}`);
      check(wasm.headers.get('access-control-allow-origin') === '*', 'the wasm is not readable from an opaque origin');
      check(wasm.headers.get('cross-origin-resource-policy') === 'cross-origin', `CORP ${wasm.headers.get('cross-origin-resource-policy')}`);
      // In a browser: the default server's page does not load in the course page's frame.
      coursePage(`<iframe src="${args.url}?embed=1" title="OrgSim" width="100%" height="500"></iframe>`);
      await page.goto(`${LMS}/refused`, { waitUntil: 'load' });
      await sleep(1500);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      const ready = frame ? await frame.evaluate(() => document.body && document.body.dataset.ready === '1').catch(() => false) : false;
      check(!ready, 'the default server was framed by another origin');
      errors.length = 0;  // the refused frame's console message is the point of this test
      return `default: frame-ancestors 'none', no CORS; --embed ${LMS}: ${csp.match(/frame-ancestors[^;]*/)[0]}, CORS *, CORP cross-origin`;
    });

    await test('embed: Share > Embed gives a snippet; the height toggles change it; the title is the scenario', async () => {
      await page.goto(shareUrl(server.url), { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="1"]', { timeout: lib.READY_TIMEOUT_MS, state: 'attached' });
      await clickWidget(page, 'Files:share');
      await clickWidget(page, 'Files:share:embed');
      let s = await waitFor(page, (x) => x.texts['files.dialog'] === 'embed', 5000, 'the Embed dialog');
      snippet = s.texts['files.embed_snippet'];
      check(/^<iframe src="http:\/\/[0-9.:]+\/\?embed=1#w=[A-Za-z0-9_-]+" title="OrgSim: [^"]+" width="100%" height="720"/.test(snippet), `snippet ${snippet.slice(0, 160)}`);
      check(/sandbox="allow-scripts allow-same-origin/.test(snippet), 'no sandbox in the snippet');
      await page.screenshot({ path: path.join(args.out, 'embed-dialog.png') });
      await clickWidget(page, 'Files:embed:h560');
      s = await waitFor(page, (x) => /height="560"/.test(x.texts['files.embed_snippet']), 3000, 'the 560 px snippet');
      snippet = s.texts['files.embed_snippet'];
      await clickWidget(page, 'Files:dialog:ok');
      await waitFor(page, (x) => x.texts['files.dialog'] === '', 3000, 'the dialog closed');
      return `${snippet.length} characters; height 720 -> 560 px`;
    });

    await test('embed: the snippet in a course page of another origin: compact layout, workers, storage, then the full app in a new tab', async () => {
      coursePage(snippet);
      await page.goto(`${LMS}/week3`, { waitUntil: 'load' });
      const app = await appFrame(page);
      check(Math.abs(app.box.height - 560) < 2, `frame height ${app.box.height}`);
      let s = await waitFor(app.frame, finished, 120000, 'the replications in the frame');
      check(s.values['app.embedded'] === 1, 'the frame is not in the compact layout');
      check(s.widgets['Embed:open'] && !s.widgets['Files:open'] && !s.widgets['Files:share'], 'the file menu shows in the frame');
      check(s.slot_count === 2 && s.slots[1].name === JSON.parse(fs.readFileSync(path.join(root, 'scenarios/cio_reports_to_cfo.json'), 'utf8')).name,
            `slots ${JSON.stringify(s.slots)}`);
      check(s.runner.workers >= 1 && s.runner.pool_merged > 0, `workers ${s.runner.workers}, merged ${s.runner.pool_merged}`);
      check(s.values['files.storage_unavailable'] === 0, 'storage refused in a frame with allow-same-origin');
      hashes = s.runner.hashes;
      await page.screenshot({ path: path.join(args.out, 'embed-course-page.png') });
      const popupP = context.waitForEvent('page', { timeout: 15000 });
      await clickIn(page, app, 'Embed:open');
      const full = await popupP;
      await full.waitForSelector('body[data-ready="1"]', { timeout: lib.READY_TIMEOUT_MS, state: 'attached' });
      const u = new URL(full.url());
      check(!u.searchParams.has('embed') && u.hash.startsWith('#w='), `the new tab's address ${full.url().slice(0, 80)}`);
      const f = await waitFor(full, finished, 120000, 'the replications in the new tab');
      check(f.values['app.embedded'] === 0 && f.widgets['Files:open'], 'the new tab is not the full app');
      check(JSON.stringify(f.runner.hashes) === JSON.stringify(hashes), `the full app's results differ: ${f.runner.hashes} vs ${hashes}`);
      await full.close();
      return `frame ${Math.round(app.box.width)}x${Math.round(app.box.height)}, ${s.runner.workers} workers; new tab ${u.origin}${u.pathname}, same hashes`;
    });

    await test('embed: a frame with only allow-scripts starts, says storage is unavailable, runs on the page, shows the link', async () => {
      const strict = snippet.replace(/sandbox="[^"]*"/, 'sandbox="allow-scripts"').replace(/height="\d+"/, 'height="640"');
      coursePage(strict);
      const pageErrors = [];
      const onError = (e) => pageErrors.push(e.message);
      page.on('pageerror', onError);
      await page.goto(`${LMS}/strict`, { waitUntil: 'load' });
      const app = await appFrame(page);
      const origin = await app.frame.evaluate(() => self.origin);
      check(origin === 'null', `the strict frame's origin is ${origin}`);
      let s = await waitFor(app.frame, finished, 180000, 'the replications on the page');
      check(s.values['files.storage_unavailable'] === 1, 'storage was not reported unavailable');
      check(s.widgets['Files:notice'] && s.widgets['Files:notice:open'], 'no notice that changes last until the page closes');
      check(s.runner.workers === 0 && s.runner.pool_merged === 0, `workers ${s.runner.workers}`);
      check(JSON.stringify(s.runner.hashes) === JSON.stringify(hashes), `results differ on the page: ${s.runner.hashes} vs ${hashes}`);
      await page.screenshot({ path: path.join(args.out, 'embed-strict.png') });
      // No new tabs here: the link is shown instead.
      await clickIn(page, app, 'Embed:open');
      s = await waitFor(app.frame, (x) => x.texts['files.dialog'] === 'copy_link', 5000, 'the link dialog');
      check(!/[?&]embed=/.test(s.texts['files.share_url']) && s.texts['files.share_url'].includes('#w='), `link ${s.texts['files.share_url'].slice(0, 80)}`);
      await clickIn(page, app, 'Files:dialog:ok');
      // Closed, the notice stays closed: an edit (its autosave is not even tried) does not bring it back.
      const why = s.texts['files.storage_error'];
      check(/does not let it use browser storage/.test(why), `the notice says: ${why}`);
      await clickIn(page, app, 'Files:notice:close');
      s = await waitFor(app.frame, (x) => !x.widgets['Files:notice'], 3000, 'the notice closed');
      await clickIn(page, app, 'Slot:add');
      await sleep(1600);  // past the autosave's delay
      s = await waitFor(app.frame, (x) => x.slot_count === 3, 3000, 'the edit');
      check(!s.widgets['Files:notice'] && s.texts['files.storage_error'] === why, `after an edit: notice ${!!s.widgets['Files:notice']}, "${s.texts['files.storage_error']}"`);
      page.off('pageerror', onError);
      check(pageErrors.length === 0, `uncaught errors: ${pageErrors.join(' | ')}`);
      return `origin ${origin}; storage unavailable noticed; ${s.runner.completed} replications on the page, same hashes; link shown`;
    });

    await test('embed: an assignment embeds (Class > Embed) and opens as a student sees it', async () => {
      await page.goto(shareUrl(server.url), { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="1"]', { timeout: lib.READY_TIMEOUT_MS, state: 'attached' });
      await lib.showView(page, 'Class');
      await lib.reveal(page, 'Class:title', 'Panel:class');
      await lib.typeInto(page, 'Class:title', 'Week 3 assignment');
      await lib.reveal(page, 'Class:lever:shared_kpis', 'Panel:class');
      await clickWidget(page, 'Class:lever:shared_kpis');
      const b = await waitFor(page, (x) => x.values['class.problems'] === 0, 5000, 'a valid assignment');
      check(b.widgets['Class:embed'], 'no Embed button in the Class view');
      await lib.reveal(page, 'Class:embed', 'Panel:class');
      await clickWidget(page, 'Class:embed');
      const s = await waitFor(page, (x) => x.texts['files.dialog'] === 'embed', 5000, 'the Embed dialog');
      const snip = s.texts['files.embed_snippet'];
      check(/\?embed=1#assign=/.test(snip) && /title="OrgSim assignment: Week 3 assignment"/.test(snip), `snippet ${snip.slice(0, 140)}`);
      coursePage(snip);
      await page.goto(`${LMS}/assignment`, { waitUntil: 'load' });
      const app = await appFrame(page);
      const f = await waitFor(app.frame, (x) => x.view === 'class' && x.texts['class.mode'] === 'student', 20000, 'the student view in the frame');
      check(f.values['app.embedded'] === 1, 'not compact');
      await page.screenshot({ path: path.join(args.out, 'embed-assignment.png') });
      return 'the assignment opens in the frame in student mode';
    });
  } finally {
    server.child.kill();
    course.close();
    await context.close();
  }
  // Expected: the strict frame's refused new tab.
  const real = errors.filter((e) => !/Blocked opening .* 'allow-popups' permission is not set/.test(e));
  check(real.length === 0, `errors: ${real.map((e) => e.slice(0, 200)).join(' | ')}`);
}
