// 93_sweep.mjs: a merged sweep result opened in the browser (sim/sweep.cpp ReadSweepResult, the
// Sensitivity view's "Sweep result" tab). The build's CLI for Node runs a tiny plan (2 x 2 cells,
// 2 replications, 8 weeks) as 2 shards and merges them; the page opens the result with the file
// picker and by drag and drop:
//   (a) the tab shows the plan (levers, levels, cells, replications, weeks, model) and every chart
//       point's mean and 5th/95th percentile equal what the CSV's rows give (type 7 quantiles);
//       the outcome picker switches the chart; the user's scenarios are not touched;
//   (b) a cut-off, a wrong-model and a shard file are refused with their clear error, and nothing
//       changes (neither the scenarios nor the result on show).
// Screenshots: sweep-result.png (1366 x 768), sweep-result-1920x1080.png, sweep-result-dark.png.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Hyndman & Fan type 7 quantile, as sim/stats.cpp Quantile.
function quantile(values, q) {
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * q, lo = Math.floor(h), hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const texts = (s) => s.texts || {};
  const values = (s) => s.values || {};
  const shot = (page, name) => page.screenshot({ path: path.join(args.out, name) });

  const cli = process.env.ORGSIM_CLI || process.env.ORGSIM_NODE_CLI;
  const runCli = (cliArgs) => execFileSync(cli.endsWith('.js') ? process.execPath : cli, cli.endsWith('.js') ? [cli, ...cliArgs] : cliArgs,
    { cwd: root, encoding: 'utf8', timeout: 600000, stdio: ['ignore', 'pipe', 'pipe'] });

  // The tiny plan, its two shards and their merge.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgsim-sweep-'));
  const plan = {
    format: 'orgsim-sweep/1',
    name: 'Shared KPIs and security share (browser test)',
    scenario: path.join(root, 'scenarios', 'default.json'),
    levers: { security_share_of_it: [0.05, 0.2], shared_kpis: [false, true] },
    replications: 2,
    weeks: 8,
    outcomes: ['time_to_market', 'trust', 'operating_profit'],
  };
  let merged = '';
  await test('sweep: the CLI for Node runs a 2-shard sweep and merges it', async () => {
    check(cli && fs.existsSync(cli), `no CLI for Node (ORGSIM_NODE_CLI=${cli})`);
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan, null, 2));
    for (const s of [0, 1])
      runCli(['sweep', path.join(dir, 'plan.json'), '--shard', String(s), '--of', '2', '--threads', '1', '--out', path.join(dir, `shard-${s}.csv`)]);
    runCli(['merge', path.join(dir, 'shard-0.csv'), path.join(dir, 'shard-1.csv'), '--out', path.join(dir, 'result.csv')]);
    merged = fs.readFileSync(path.join(dir, 'result.csv'), 'utf8');
    check(merged.startsWith('# orgsim-sweep/1\n'), `merged starts ${JSON.stringify(merged.slice(0, 30))}`);
    return `${merged.length} bytes, ${merged.split('\n').filter((l) => /^\d/.test(l)).length} rows`;
  });

  // The CSV's numbers: header, rows, and the chart points the panel must show (first lever on x,
  // second as lines, x-major; mean summed in task order).
  function expected(outcome) {
    const lines = merged.split('\n').filter((l) => l.length);
    const meta = Object.fromEntries(lines.filter((l) => l.startsWith('# ') && l.includes(' ', 2)).map((l) => {
      const i = l.indexOf(' ', 2);
      return [l.slice(2, i), l.slice(i + 1)];
    }));
    const header = lines.find((l) => !l.startsWith('#')).split(',');
    const rows = lines.filter((l) => /^\d/.test(l)).map((l) => l.split(','));
    const rep = header.indexOf('replication');
    const levers = header.slice(2, rep);
    const col = header.indexOf(outcome);
    const levels = levers.map((_, l) => [...new Set(rows.map((r) => Number(r[2 + l])))].sort((a, b) => a - b));
    const points = [];
    for (let x = 0; x < levels[0].length; ++x)
      for (let k = 0; k < (levels.length > 1 ? levels[1].length : 1); ++k) {
        const vs = rows.filter((r) => Number(r[2]) === levels[0][x] && (levels.length < 2 || Number(r[3]) === levels[1][k])).map((r) => Number(r[col]));
        if (!vs.length) continue;
        let sum = 0;
        for (const v of vs) sum += v;
        points.push({ x, line: k, n: vs.length, mean: sum / vs.length, p05: quantile(vs, 0.05), p95: quantile(vs, 0.95) });
      }
    return { meta, levers, levels, rows, points };
  }
  function checkPoints(s, outcome) {
    const e = expected(outcome);
    const v = values(s);
    check(texts(s)['sweep.outcome'] === outcome, `outcome shown ${texts(s)['sweep.outcome']}, want ${outcome}`);
    check(v['sweep.points'] === e.points.length, `${v['sweep.points']} points, the CSV gives ${e.points.length}`);
    e.points.forEach((p, i) => {
      for (const k of ['x', 'line', 'n', 'mean', 'p05', 'p95']) {
        const got = v[`sweep.point.${i}.${k}`];
        check(got === p[k], `point ${i} ${k}: panel ${got}, CSV ${p[k]}`);
      }
      check(p.p05 <= p.mean && p.mean <= p.p95, `point ${i}: mean outside its interval`);
    });
    return e;
  }

  // Open files through the page's hidden file input, as the picker does; or drop them on the canvas.
  const pick = (page, name, content) => page.setInputFiles('#orgsim-file', { name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  async function drop(page, name, content) {
    await page.evaluate(({ name, content }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        document.getElementById('canvas').dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { name, content });
  }

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let before = null;  // the workspace before the result was opened

  await test('sweep: the file picker opens the merged result in Sensitivity > Sweep result; the numbers are the CSV\'s', async () => {
    check(merged, 'no merged result');
    await loadApp(page);
    before = await state(page);
    await pick(page, 'result.csv', merged);
    const s = await waitFor(page, (x) => values(x)['sweep.shown'] === 1 && x.widgets['Sweep:chart'], 8000, 'the sweep result');
    check(s.view === 'sensitivity', `view ${s.view}`);
    check(texts(s)['files.dialog'] === '', `dialog ${texts(s)['files.dialog']}: ${texts(s)['files.last_error']}`);
    const e = checkPoints(s, 'time_to_market');
    const v = values(s);
    check(texts(s)['sweep.file'] === 'result.csv', `file ${texts(s)['sweep.file']}`);
    check(texts(s)['sweep.name'] === plan.name, `name ${texts(s)['sweep.name']}`);
    check(texts(s)['sweep.model'] === e.meta.model && texts(s)['sweep.plan'] === e.meta.plan, 'model or plan differ from the file');
    check(v['sweep.tasks'] === 8 && v['sweep.cells'] === 4 && v['sweep.replications'] === 2 && v['sweep.weeks'] === 8,
      `tasks ${v['sweep.tasks']} cells ${v['sweep.cells']} replications ${v['sweep.replications']} weeks ${v['sweep.weeks']}`);
    check(texts(s)['sweep.lever.0'] === 'security_share_of_it' && texts(s)['sweep.lever.1'] === 'shared_kpis', 'levers');
    e.levels.forEach((ls, l) => ls.forEach((x, k) => check(v[`sweep.level.${l}.${k}`] === x, `level ${l}.${k}`)));
    check(v['sweep.table_rows'] === e.points.length, `table shows ${v['sweep.table_rows']} of ${e.points.length} rows`);
    for (const w of ['Sweep:summary', 'Sweep:plot', 'Sweep:table', 'Sweep:outcome', 'Sens:tab:study', 'Sens:tab:sweep']) check(s.widgets[w], `${w} not recorded`);
    // The scenarios are the user's still.
    check(s.revision === before.revision && s.slot_count === before.slot_count && s.scenario_json === before.scenario_json, 'the workspace changed');
    await sleep(250);
    await shot(page, 'sweep-result.png');
    const stats = await pixelStats(ctx.context, await page.screenshot({ clip: { x: s.widgets['Sweep:chart'][0], y: s.widgets['Sweep:chart'][1], width: s.widgets['Sweep:chart'][2], height: s.widgets['Sweep:chart'][3] } }));
    check(stats.colours >= 12, `the chart has ${stats.colours} colours`);
    return `${e.points.length} points of time_to_market equal the CSV (e.g. mean ${e.points[0].mean.toFixed(3)} weeks, ${e.points[0].p05.toFixed(3)}..${e.points[0].p95.toFixed(3)})`;
  });

  await test('sweep: the outcome picker switches the chart to another outcome (numbers again the CSV\'s)', async () => {
    await clickWidget(page, 'Sweep:outcome');
    await waitFor(page, (x) => x.widgets['Sweep:outcome:trust'], 3000, 'the outcome menu');
    await clickWidget(page, 'Sweep:outcome:trust');
    const s = await waitFor(page, (x) => texts(x)['sweep.outcome'] === 'trust', 3000, 'trust to show');
    checkPoints(s, 'trust');
    await clickWidget(page, 'Sweep:outcome');
    await waitFor(page, (x) => x.widgets['Sweep:outcome:operating_profit'], 3000, 'the outcome menu');
    await clickWidget(page, 'Sweep:outcome:operating_profit');
    const s2 = await waitFor(page, (x) => texts(x)['sweep.outcome'] === 'operating_profit', 3000, 'operating profit to show');
    checkPoints(s2, 'operating_profit');
    await sleep(200);
    await shot(page, 'sweep-result-profit.png');
    return 'trust and operating_profit';
  });

  await test('sweep: the Study tab still shows the study; Sweep result comes back', async () => {
    await clickWidget(page, 'Sens:tab:study');
    let s = await waitFor(page, (x) => values(x)['sweep.shown'] === 0 && x.widgets['Sens:run'], 3000, 'the study');
    check(!s.widgets['Sweep:chart'], 'the sweep chart is still drawn');
    await clickWidget(page, 'Sens:tab:sweep');
    s = await waitFor(page, (x) => values(x)['sweep.shown'] === 1 && x.widgets['Sweep:chart'], 3000, 'the sweep result again');
    return 'both tabs work';
  });

  await test('sweep: corrupt, wrong-model and shard files are refused with clear errors; nothing changes', async () => {
    const s0 = await state(page);
    const shard = fs.readFileSync(path.join(dir, 'shard-0.csv'), 'utf8');
    const lines = merged.split('\n');
    const cases = [
      ['cut.csv', merged.slice(0, merged.length - 25), /^line \d+: .*cut off/],
      ['old-model.csv', merged.replace(/^# model .*$/m, '# model orgsim-model/1.0'), /^line 3: made with model orgsim-model\/1\.0/],
      ['shard-0.csv', shard, /^line 1: one shard of a sweep, not the merged result/],
      ['incomplete.csv', lines.slice(0, lines.length - 3).join('\n') + '\n', /^file: 2 of 8 tasks missing: 6-7/],
      ['garbage.csv', '# orgsim-sweep/1\n# model ' + texts(s0)['sweep.model'] + '\n# tasks 2\ntask,cell,nope,replication,state_hash,trust\n', /unknown lever "nope"/],
    ];
    const seen = [];
    for (const [name, content, pattern] of cases) {
      if (name === 'old-model.csv') await drop(page, name, content);
      else await pick(page, name, content);
      const s = await waitFor(page, (x) => texts(x)['files.dialog'] === 'problems' && x.widgets['Files:dialog:ok'], 8000, `the problems of ${name}`);
      check(pattern.test(texts(s)['files.last_error']), `${name}: "${texts(s)['files.last_error']}"`);
      if (name === 'old-model.csv') {
        await sleep(200);
        await shot(page, 'sweep-wrong-model.png');
      }
      check(s.revision === before.revision && s.slot_count === before.slot_count && s.scenario_json === before.scenario_json, `${name} changed the workspace`);
      check(texts(s)['sweep.file'] === 'result.csv' && values(s)['sweep.points'] === values(s0)['sweep.points'], `${name} changed the result on show`);
      await clickWidget(page, 'Files:dialog:ok');
      await waitFor(page, (x) => texts(x)['files.dialog'] === '', 3000, 'the dialog to close');
      seen.push(`${name}: ${texts(s)['files.last_error'].slice(0, 70)}`);
    }
    return seen.join(' | ');
  });

  await test('sweep: dropped on the page it opens too; a large screen and the dark theme look right', async () => {
    // Open a preset first (the view changes), then drop the result: it comes back in its tab.
    await clickWidget(page, 'Tab:Design');
    await waitFor(page, (x) => x.view === 'design', 3000, 'the design view');
    await drop(page, 'dropped-result.csv', merged);
    let s = await waitFor(page, (x) => x.view === 'sensitivity' && texts(x)['sweep.file'] === 'dropped-result.csv', 8000, 'the dropped result');
    checkPoints(s, 'time_to_market');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await sleep(600);
    s = await state(page);
    check(s.widgets['Sweep:chart'][2] > 900, `chart ${Math.round(s.widgets['Sweep:chart'][2])} wide at 1920`);
    await shot(page, 'sweep-result-1920x1080.png');
    const stats = await pixelStats(ctx.context, await page.screenshot());
    checkNotBlank(stats, '1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });
    await sleep(400);
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'the dark theme');
    await page.mouse.move(5, 760);
    await sleep(300);
    checkNotBlank(await pixelStats(ctx.context, await page.screenshot({ path: path.join(args.out, 'sweep-result-dark.png') })), 'sweep dark');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'the light theme');
    return `dropped and shown; ${stats.colours} colours at 1920x1080`;
  });

  await test('errors: no console or page errors (sweep session)', async () => {
    const real = ctx.errors.filter((e) => !/offline use is not available/.test(e));
    check(real.length === 0, `${real.length}: ${real.slice(0, 3).join(' | ')}`);
  });
  await ctx.context.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
