// 95_csp.mjs: the page locked down (issue 13). index.html carries a Content Security Policy in a <meta>
// and scripts/serve.mjs sends it as a header on every file (with frame-ancestors); no inline script,
// style or handler is left. This suite loads the app from a share link of two scenarios (so the
// replication workers run), opens "How the model works" and exports a PNG, and checks that
//   (a) every request of the page, its workers and its service worker goes to the page's origin;
//   (b) no CSP violation is reported (securitypolicyviolation events, gathered by an init script in
//       window.__cspViolations, and the console's "Content Security Policy" messages);
//   (c) the page's response has the header policy and the page the <meta> policy, both without
//       'unsafe-inline' and 'unsafe-eval', with 'wasm-unsafe-eval' and without third-party origins;
//       workers' scripts get the header too;
//   (d) orgsim.wasm and orgsim_worker.wasm come gzip-encoded with Content-Type application/wasm;
//   (e) negative: a script element with inline text added to the page does not run and is reported as
//       a violation, as is an inline style attribute, so the policy is really in force.
import fs from 'node:fs';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, state, waitFor, clickWidget, press } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const PRESETS = ['default', 'cio_reports_to_ceo'];
  const REPLICATIONS = 24;

  function runUrl() {
    const slots = PRESETS.map((id) => {
      const s = JSON.parse(fs.readFileSync(path.join(root, 'scenarios', `${id}.json`), 'utf8'));
      s.seed = 11;
      s.replications = REPLICATIONS;
      return { origin: id, scenario: s };
    });
    const url = new URL(args.url);
    url.searchParams.set('workers', '2');
    url.hash = 'w=' + Buffer.from(JSON.stringify({ format: 'orgsim-workspace/1', active: 0, slots })).toString('base64url');
    return url.href;
  }

  // Directives of a policy text, as a map name -> list of sources.
  const parsePolicy = (text) => Object.fromEntries(String(text).split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => d.split(/\s+/)).map(([name, ...sources]) => [name.toLowerCase(), sources]));
  function checkPolicy(text, where) {
    const p = parsePolicy(text);
    const want = {
      'default-src': ["'self'"], 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'worker-src': ["'self'"], 'connect-src': ["'self'"],
      'style-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"],
    };
    for (const [d, sources] of Object.entries(want))
      check(JSON.stringify(p[d]) === JSON.stringify(sources), `${where}: ${d} is ${JSON.stringify(p[d])}, not ${sources.join(' ')}`);
    for (const [d, sources] of Object.entries(p)) {
      for (const s of sources) {
        check(!/unsafe-inline|unsafe-eval'|unsafe-hashes|^\*$|^https?:$|:\/\//.test(s) || s === "'wasm-unsafe-eval'",
              `${where}: ${d} allows ${s}`);
      }
    }
    return p;
  }

  // A page that records requests (its own, its workers' and its service worker's) and violations.
  async function openRecorded() {
    const ctx = await openContext({ width: 1366, height: 768 });
    const requests = [];  // { url, from, response? }
    const consoleCsp = [];
    ctx.context.on('request', (r) => requests.push({ url: r.url(), from: 'context', request: r }));
    ctx.context.on('serviceworker', (w) => w.on?.('console', (m) => /Content Security Policy/i.test(m.text()) && consoleCsp.push(`sw: ${m.text()}`)));
    ctx.page.on('worker', (w) => {
      requests.push({ url: w.url(), from: 'worker' });
      w.on?.('console', (m) => /Content Security Policy/i.test(m.text()) && consoleCsp.push(`worker: ${m.text()}`));
    });
    ctx.page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text()); });
    await ctx.page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
                                      sample: e.sample, disposition: e.disposition, policy: e.originalPolicy });
      });
    });
    return { ...ctx, requests, consoleCsp };
  }
  const violations = (page) => page.evaluate(() => window.__cspViolations);

  const ctx = await openRecorded();
  const { page } = ctx;
  const origin = new URL(args.url).origin;
  let loaded = false;
  let mainResponse = null;

  await test('csp: the app loads and runs 2 scenarios on 2 workers under the policy', async () => {
    mainResponse = await page.goto(runUrl(), { waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    loaded = true;
    await waitFor(page, (s) => s.runner.replications === REPLICATIONS, 10000, 'the shared run');
    const s = await waitFor(page, (x) => x.runner.completed === REPLICATIONS && !x.runner.running && x.runner.results_current, 120000, 'the run to finish');
    check(s.runner.workers === 2 && s.runner.pool_merged === 2 * REPLICATIONS, `workers ${s.runner.workers}, merged ${s.runner.pool_merged}`);
    check(s.runner.pool_problem === '', `pool problem "${s.runner.pool_problem}"`);
    return `${REPLICATIONS} x 2 replications on ${s.runner.workers} workers (${s.runner.pool_merged} results merged), hashes ${s.runner.hashes.join(', ')}`;
  });

  await test('csp: the page has the <meta> policy and the header policy (with frame-ancestors) from serve.mjs', async () => {
    check(mainResponse, 'no response for the page');
    const h = await mainResponse.allHeaders();
    const header = h['content-security-policy'];
    check(header, 'no Content-Security-Policy header on the page');
    const hp = checkPolicy(header, 'header');
    check(JSON.stringify(hp['frame-ancestors']) === JSON.stringify(["'none'"]), `header frame-ancestors ${JSON.stringify(hp['frame-ancestors'])}`);
    check(h['referrer-policy'] === 'no-referrer', `Referrer-Policy ${h['referrer-policy']}`);
    check(h['cross-origin-resource-policy'] === 'same-origin', `Cross-Origin-Resource-Policy ${h['cross-origin-resource-policy']}`);
    check(h['x-content-type-options'] === 'nosniff', `X-Content-Type-Options ${h['x-content-type-options']}`);
    const meta = await page.evaluate(() => {
      const m = document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]');
      return { count: m.length, content: m[0] ? m[0].content : '', first: m[0] ? m[0] === document.head.querySelector('meta:not([charset])') : false };
    });
    check(meta.count === 1, `${meta.count} CSP <meta> elements`);
    check(meta.first, 'the CSP <meta> is not the first <meta> after charset (it only covers what follows it)');
    const mp = checkPolicy(meta.content, 'meta');
    // The header is the <meta> policy plus frame-ancestors.
    const { 'frame-ancestors': fa, ...rest } = hp;
    check(JSON.stringify(rest) === JSON.stringify(mp), `header and <meta> differ: ${header} | ${meta.content}`);
    // No inline script, style, or handler is left in the page as served.
    const inline = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => !s.src).length,
      styles: document.querySelectorAll('style').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    }));
    const html = await mainResponse.text();
    check(!/<script(?![^>]*\ssrc=)[^>]*>/i.test(html), 'the page as served has an inline <script>');
    check(!/<style[\s>]/i.test(html) && !/\sstyle="/i.test(html) && !/\son[a-z]+="/i.test(html), 'the page as served has inline styles or handlers');
    check(inline.scripts === 0 && inline.styles === 0 && inline.handlers === 0, `inline in the DOM: ${JSON.stringify(inline)}`);
    return `meta: ${meta.content}; header adds frame-ancestors ${fa.join(' ')}`;
  });

  await test('csp: "How the model works" and a PNG export under the policy', async () => {
    check(loaded, 'page did not load');
    await page.mouse.move(5, 760);
    await press(page, 'F1');
    await waitFor(page, (x) => x.help_open && x.widgets['Help:modeldoc'], 3000, 'the help with its model entry');
    await clickWidget(page, 'Help:modeldoc');
    const s = await waitFor(page, (x) => x.view === 'model' && x.values['modeldoc.scroll_max'] > 0, 5000, 'the model page');
    check(s.values['modeldoc.loaded'] === 1, `document not loaded: ${s.texts['modeldoc.error']}`);
    await press(page, 'Escape');
    await waitFor(page, (x) => x.view !== 'model', 3000, 'back from the model page');
    await clickWidget(page, 'Files:export');
    await waitFor(page, (x) => x.widgets['Files:export:png'], 3000, 'the export menu');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickWidget(page, 'Files:export:png')]);
    const bytes = fs.readFileSync(await download.path());
    check(bytes.slice(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])), 'the export is not a PNG');
    return `model page with ${s.values['modeldoc.headings']} headings; ${download.suggestedFilename()} (${bytes.length} bytes)`;
  });

  await test('csp: every request (page, workers, service worker) stays on the page\'s origin', async () => {
    check(loaded, 'page did not load');
    // Let the service worker (registered once the app runs) install and fetch its files.
    await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready.then(() => true)).catch(() => {});
    await sleep(500);
    // data: URLs (the empty favicon) load nothing; blob: URLs carry the origin that made them.
    const originOf = (u) => (u.startsWith('blob:') ? new URL(u.slice(5)).origin : new URL(u).origin);
    const foreign = ctx.requests.filter((r) => !r.url.startsWith('data:') && originOf(r.url) !== origin);
    check(foreign.length === 0, `requests off the origin: ${foreign.map((r) => r.url).slice(0, 5).join(', ')}`);
    const names = new Set(ctx.requests.map((r) => new URL(r.url).pathname.split('/').pop()));
    for (const f of ['page.css', 'boot.js', 'a11y.js', 'pool.js', 'orgsim.js', 'orgsim.wasm', 'worker.js', 'orgsim_worker.js', 'orgsim_worker.wasm'])
      check(names.has(f), `no request for ${f} was seen (recording incomplete?)`);
    const workers = ctx.requests.filter((r) => r.from === 'worker').length;
    check(workers >= 2, `${workers} workers seen`);
    const sw = await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.controller ? 'controlling' : 'not controlling');
    return `${ctx.requests.length} requests and ${workers} workers, all on ${origin}; service worker ${sw}`;
  });

  await test('csp: wasm and scripts come gzip-encoded with their types; workers\' scripts carry the policy header', async () => {
    check(loaded, 'page did not load');
    const byName = (f) => ctx.requests.filter((r) => r.request && new URL(r.url).pathname.endsWith('/' + f));
    const out = [];
    for (const f of ['orgsim.wasm', 'orgsim_worker.wasm', 'orgsim.js', 'worker.js']) {
      const reqs = byName(f);
      check(reqs.length > 0, `no request for ${f}`);
      // The first one, from the network (later ones may come from the service worker's cache).
      const res = await reqs[0].request.response();
      check(res, `no response for ${f}`);
      const h = await res.allHeaders();
      check(h['content-encoding'] === 'gzip', `${f}: Content-Encoding ${h['content-encoding']}`);
      check(/accept-encoding/i.test(h.vary || ''), `${f}: Vary ${h.vary}`);
      if (f.endsWith('.wasm')) check(h['content-type'] === 'application/wasm', `${f}: Content-Type ${h['content-type']}`);
      else check(/^text\/javascript/.test(h['content-type']), `${f}: Content-Type ${h['content-type']}`);
      check(h['content-security-policy'], `${f}: no policy header`);
      const sizes = await reqs[0].request.sizes().catch(() => null);
      out.push(`${f}: ${sizes && sizes.responseBodySize > 0 ? sizes.responseBodySize + ' B gzip' : 'gzip'} of ${h['x-decoded-content-length']} B`);
    }
    return out.join('; ');
  });

  await test('csp: no policy violation while loading, running, reading the model page and exporting', async () => {
    check(loaded, 'page did not load');
    const v = await violations(page);
    check(v.length === 0, `${v.length} violations: ${JSON.stringify(v.slice(0, 3))}`);
    check(ctx.consoleCsp.length === 0, `console: ${ctx.consoleCsp.slice(0, 3).join(' | ')}`);
    check(ctx.errors.length === 0, `${ctx.errors.length} errors: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return 'none reported (events, console, errors)';
  });

  await test('csp: negative: an inline script added to the page does not run and is reported; so is an inline style', async () => {
    check(loaded, 'page did not load');
    const before = (await violations(page)).length;
    const consoleBefore = ctx.consoleCsp.length;
    const r = await page.evaluate(async () => {
      window.__inlineRan = false;
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(s);
      const d = document.createElement('div');
      d.setAttribute('style', 'width: 123px');
      document.body.appendChild(d);
      const width = getComputedStyle(d).width;
      d.remove();
      s.remove();
      await new Promise((res) => setTimeout(res, 300));
      return { ran: window.__inlineRan, width };
    });
    check(r.ran === false, 'the inline script ran');
    check(r.width !== '123px', 'the inline style attribute applied');
    const v = (await violations(page)).slice(before);
    check(v.some((x) => /^script-src/.test(x.directive) && x.blocked === 'inline'), `no script-src violation for the inline script: ${JSON.stringify(v)}`);
    check(v.some((x) => /^style-src/.test(x.directive)), `no style-src violation for the style attribute: ${JSON.stringify(v)}`);
    check(v.every((x) => x.disposition === 'enforce'), `not enforced: ${JSON.stringify(v)}`);
    // Both policies are in force and each reports: the <meta> one (no frame-ancestors) and the header's.
    const inline = v.filter((x) => x.blocked === 'inline' && /^script-src/.test(x.directive));
    check(inline.some((x) => !/frame-ancestors/.test(x.policy)), `the <meta> policy did not block the script: ${JSON.stringify(inline)}`);
    check(inline.some((x) => /frame-ancestors/.test(x.policy)), `the header policy did not block the script: ${JSON.stringify(inline)}`);
    const logged = ctx.consoleCsp.length - consoleBefore;
    return `blocked by both policies (<meta> and header): ${v.map((x) => `${x.directive} (${x.blocked})`).join(', ')}; ${logged} console message(s)`;
  });
  // The negative test's violations are logged as console errors on purpose: nothing else is checked after it.
  await ctx.context.close();
}
