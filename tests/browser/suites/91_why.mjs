// 91_why.mjs: "Why?" in the Compare view (web/why.cpp). A share link opens the default scenario and
// "Shared KPIs, co-location and a steering council" (three levers apart) with 10 replications, so the
// explanation runs 2^3 combinations x 10 replications on the worker pool:
//   (a) before it runs, the panel names the three changes; after, it draws three bars and a total,
//       the bars sum to the total to 1e-9, every bar's interval holds the bar, and the sentences name
//       the factors; the numbers are the CLI's (`orgsim explain A B --replications 10 --format json`,
//       the build's CLI under Node) to 1e-9;
//   (b) another outcome from the panel's menu is explained from the same runs (no new run), its bars
//       again summing to its difference;
//   (c) an edit of the alternative makes the explanation stale: the panel says so and Explain runs again;
//   (d) by mechanism, for the CIO moved under the CEO: the worlds carry structure overrides to the
//       workers; bars (mechanisms and "not structural") sum to the difference and equal the CLI's.
// Screenshots: compare-why.png, compare-why-dark.png, compare-why-mechanism.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export default async function (lib) {
  const { args, test, check, sleep, openContext, state, clickWidget, waitFor } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const PRESETS = ['default', 'joint_governance'];
  const SEED = 11, REPS = 10;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgsim-why-'));
  const files = PRESETS.map((id) => {
    const s = JSON.parse(fs.readFileSync(path.join(root, 'scenarios', `${id}.json`), 'utf8'));
    s.seed = SEED;
    s.replications = REPS;
    const f = path.join(tmp, `${id}.json`);
    fs.writeFileSync(f, JSON.stringify(s));
    return { id, s, f };
  });
  const url = new URL(args.url);
  url.hash = 'w=' + Buffer.from(JSON.stringify({ format: 'orgsim-workspace/1', active: 1,
    slots: files.map(({ id, s }) => ({ origin: id, scenario: s })) })).toString('base64url');

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  await page.goto(url.href, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
  const showCompare = async () => {
    await clickWidget(page, 'Tab:Compare');
    return waitFor(page, (s) => s.widgets['Panel:compare'], 3000, 'the Compare view');
  };
  const bars = (s) => Array.from({ length: s.values['why.bars'] }, (_, i) => s.values[`why.bar.${i}`]);
  const sumOf = (v) => v.reduce((a, b) => a + b, 0);
  const DONE = 2, STALE = 3;
  let cli = null;

  await test('why: the panel names the changes, runs 8 combinations on the pool and draws bars that sum to the difference', async () => {
    await showCompare();
    await waitFor(page, (s) => s.values['compare.current'] === 1, 240000, 'the comparison\'s replications');
    await clickWidget(page, 'Compare:mode:why');
    let s = await waitFor(page, (x) => x.widgets['Why:run'] && x.texts['why.intro'], 3000, 'the Why? panel');
    const intro = s.texts['why.intro'];
    for (const word of ['KPIs', 'Co-location', 'Steering council', '8 scenarios'])
      check(intro.includes(word), `intro does not name "${word}": ${intro}`);
    await clickWidget(page, 'Why:run');
    const t0 = Date.now();
    s = await waitFor(page, (x) => x.values['why.state'] === DONE && x.values['why.bars'] > 0, 240000, 'the explanation');
    const secs = (Date.now() - t0) / 1000;
    check(s.values['why.bars'] === 3, `${s.values['why.bars']} bars`);
    check(s.values['why.replications'] === REPS, `${s.values['why.replications']} replications`);
    const b = bars(s), total = s.values['why.total'];
    check(Math.abs(sumOf(b) - total) <= 1e-9 * Math.max(1, Math.abs(total)), `bars sum ${sumOf(b)} vs total ${total}`);
    check(Math.abs(s.values['why.sum'] - total) <= 1e-9 * Math.max(1, Math.abs(total)), `panel's sum ${s.values['why.sum']}`);
    check(s.values['why.sentences'] >= 1, 'no sentence');
    const names = [0, 1, 2].map((i) => s.texts[`why.factor.${i}`]);
    for (let i = 0; i < s.values['why.sentences']; ++i) {
      const t = s.texts[`why.sentence.${i}`];
      check(names.some((n) => t.startsWith(n)), `sentence ${i} names no factor: ${t}`);
      check(/interval/.test(t), `sentence ${i} has no interval: ${t}`);
    }
    // The CLI, on the same two files: the same bars, bit for bit up to printing.
    const exe = process.env.ORGSIM_NODE_CLI;
    check(exe && fs.existsSync(exe), `the CLI for Node is not at ${exe}`);
    cli = JSON.parse(execFileSync('node', [exe, 'explain', files[0].f, files[1].f, '--replications', String(REPS), '--format', 'json',
      '--outcome', 'time_to_market', '--outcome', 'operating_profit', '--threads', '1'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }));
    const o = cli.outcomes.find((x) => x.key === s.texts['why.outcome']);
    check(o, `the CLI has no ${s.texts['why.outcome']}`);
    check(Math.abs(o.difference - total) <= 1e-9 * Math.max(1, Math.abs(total)), `CLI difference ${o.difference} vs ${total}`);
    o.bars.forEach((bar, i) => {
      check(bar.factor === names[i], `factor ${i}: CLI "${bar.factor}" vs "${names[i]}"`);
      check(Math.abs(bar.shapley - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])), `bar ${i}: CLI ${bar.shapley} vs ${b[i]}`);
    });
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'compare-why.png') });
    return `${s.texts['why.outcome']}: bars ${b.map((x) => x.toFixed(3)).join(', ')} sum to ${total.toFixed(3)} (the CLI's); ` +
      `interaction ${(100 * s.values['why.interaction']).toFixed(0)}%; ${secs.toFixed(1)} s for 80 runs`;
  });

  await test('why: another outcome is explained from the same runs, its bars summing to its difference', async () => {
    const before = (await state(page)).runner;
    await clickWidget(page, 'Why:select');
    await waitFor(page, (x) => x.widgets['Why:pick:operating_profit'], 3000, 'the outcome menu');
    await clickWidget(page, 'Why:pick:operating_profit');
    const s = await waitFor(page, (x) => x.texts['why.outcome'] === 'operating_profit' && x.values['why.state'] === DONE, 5000, 'profit');
    const b = bars(s), total = s.values['why.total'];
    check(Math.abs(sumOf(b) - total) <= 1e-9 * Math.max(1, Math.abs(total)), `profit bars sum ${sumOf(b)} vs ${total}`);
    const o = cli.outcomes.find((x) => x.key === 'operating_profit');
    check(Math.abs(o.difference - total) <= 1e-9 * Math.max(1, Math.abs(total)), `CLI ${o.difference} vs ${total}`);
    check(!s.runner.running, 'a run started');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'compare-why-dark.png') });
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme !== 'dark', 3000, 'light theme');
    return `profit ${total.toFixed(3)} = ${b.map((x) => x.toFixed(3)).join(' + ')}; no new run (${before.completed} replications)`;
  });

  await test('why: after an edit the explanation is stale and Explain runs it again', async () => {
    // An edit of the alternative (the active slot): a lever in the Design view.
    await clickWidget(page, 'Tab:Design');
    await waitFor(page, (x) => x.widgets['Lever:shadow_it_policy:ban'], 3000, 'the levers');
    await clickWidget(page, 'Lever:shadow_it_policy:ban');
    await waitFor(page, (x) => x.values['lever.shadow_it_policy'] === 0, 3000, 'shadow_it_policy = ban');
    await showCompare();
    let s = await waitFor(page, (x) => x.values['why.state'] === STALE && x.texts['why.stale'], 5000, 'the stale note');
    await waitFor(page, (x) => x.values['compare.current'] === 1, 240000, 'the new comparison');
    await clickWidget(page, 'Why:run');
    s = await waitFor(page, (x) => x.values['why.state'] === DONE && x.values['why.bars'] === 4, 240000, 'the new explanation');
    const b = bars(s), total = s.values['why.total'];
    check(Math.abs(sumOf(b) - total) <= 1e-9 * Math.max(1, Math.abs(total)), `bars sum ${sumOf(b)} vs ${total}`);
    check([0, 1, 2, 3].some((i) => /hadow/.test(s.texts[`why.factor.${i}`])), 'no factor for the shadow-IT policy');
    return `stale note shown; 4 factors after the edit: ${[0, 1, 2, 3].map((i) => s.texts[`why.factor.${i}`]).join('; ')}`;
  });

  await test('why: by mechanism, the CIO moved under the CEO: mechanisms that read the org chart carry it, as the CLI says', async () => {
    const pair = ['default', 'cio_reports_to_ceo'].map((id) => {
      const sc = JSON.parse(fs.readFileSync(path.join(root, 'scenarios', `${id}.json`), 'utf8'));
      sc.seed = SEED;
      sc.replications = 6;
      const f = path.join(tmp, `m_${id}.json`);
      fs.writeFileSync(f, JSON.stringify(sc));
      return { id, s: sc, f };
    });
    const u = new URL(args.url);
    u.hash = 'w=' + Buffer.from(JSON.stringify({ format: 'orgsim-workspace/1', active: 1,
      slots: pair.map(({ id, s: sc }) => ({ origin: id, scenario: sc })) })).toString('base64url');
    await page.goto('about:blank');  // a new page load, not a change of the fragment
    await page.goto(u.href, { waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    await showCompare();
    await waitFor(page, (x) => x.values['compare.current'] === 1 && x.slot_count === 2, 240000, 'the comparison');
    await clickWidget(page, 'Compare:mode:why');
    await waitFor(page, (x) => x.widgets['Why:by:mechanism'], 3000, 'the mode buttons');
    await clickWidget(page, 'Why:by:mechanism');
    let s = await waitFor(page, (x) => x.values['why.by_mechanism'] === 1 && /differ in: [^.]*the CIO's boss/.test(x.texts['why.intro'] || ''), 3000, 'the mechanism intro');
    await clickWidget(page, 'Why:run');
    s = await waitFor(page, (x) => x.values['why.state'] === DONE && x.values['why.bars'] > 0, 240000, 'the explanation by mechanism');
    const b = bars(s), total = s.values['why.total'];
    const names = b.map((_, i) => s.texts[`why.factor.${i}`]);
    check(Math.abs(sumOf(b) - total) <= 1e-9 * Math.max(1, Math.abs(total)), `bars sum ${sumOf(b)} vs total ${total}`);
    check(/not structural/i.test(names[names.length - 1]), `the last bar is "${names[names.length - 1]}"`);
    check(names.some((n) => /Portfolio/.test(n)), `no Portfolio bar: ${names.join('; ')}`);
    const cliOut = JSON.parse(execFileSync('node', [process.env.ORGSIM_NODE_CLI, 'explain', pair[0].f, pair[1].f, '--by', 'mechanism',
      '--replications', '6', '--format', 'json', '--outcome', s.texts['why.outcome'], '--threads', '1'],
      { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }));
    const o = cliOut.outcomes[0];
    check(Math.abs(o.difference - total) <= 1e-9 * Math.max(1, Math.abs(total)), `CLI difference ${o.difference} vs ${total}`);
    check(o.bars.length === b.length, `CLI ${o.bars.length} bars, page ${b.length}`);
    o.bars.forEach((bar, i) => {
      check(bar.factor === names[i], `bar ${i}: CLI "${bar.factor}" vs "${names[i]}"`);
      check(Math.abs(bar.shapley - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])), `bar ${i}: CLI ${bar.shapley} vs ${b[i]}`);
    });
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'compare-why-mechanism.png') });
    return `${s.texts['why.outcome']} ${total.toFixed(3)} = ${names.map((n, i) => `${n.split(' (')[0]} ${b[i].toFixed(3)}`).join(' + ')} (the CLI's)`;
  });

  await ctx.context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
