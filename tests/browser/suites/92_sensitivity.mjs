// 92_sensitivity.mjs: the Sensitivity view in the browser. With a one-year horizon (typed into the
// rail), three levers (shadow-IT policy, approval cadence, shared KPIs), two outcomes (time to market,
// trust), 4 replications per point, r = 4 trajectories and p = 4 levels:
//   (a) the study runs after the scenario's replications and ends; the tornado bars are sorted by
//       swing; every recorded number is finite and each mean sits inside its interval;
//   (b) the four exports (SALib problem, design with outputs, Morris results, tornado) are byte for
//       byte what `orgsim sensitivity ... --csv` writes for the same inputs (the CLI for Node built
//       beside the served site: the build whose site/orgsim.wasm is the one served; ORGSIM_CLI
//       overrides), and the recorded values equal the CLI's CSV numbers;
//   (c) changing a lever after the study keeps the result but says it is out of date; changing one
//       while a study runs stops it and says so; Cancel says the study was cancelled;
//   (d) every lever of the panel (the default) draws a full tornado and Morris chart.
// Screenshots: sensitivity-intro.png, sensitivity.png, sensitivity-morris-hover.png,
// sensitivity-dark.png, sensitivity-stale.png, sensitivity-all-levers-1920x1080.png.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank, typeInto } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  // The view lists levers in the parameter table's order and outcomes in the key outcomes' order; the
  // CLI is given them in that order so that the Morris design maps factors alike.
  const LEVERS = ['shadow_it_policy', 'approval_cadence_weeks', 'shared_kpis'];
  const OUTCOMES = ['time_to_market', 'trust'];
  const DEFAULT_OUTCOMES = ['time_to_market', 'operating_profit', 'shadow_share', 'incidents', 'trust'];
  const SIZES = { replications: 4, trajectories: 4, levels: 4, weeks: 52 };

  const showView = async (page, name) => {
    await clickWidget(page, `Tab:${name}`);
    return waitFor(page, (s) => s.view === name.toLowerCase(), 3000, `view ${name}`);
  };
  const sensState = (s) => s.texts['sens.state'];
  // Click outside a popup (on the card's title) to close it.
  const closePopup = async (page) => {
    const s = await state(page);
    const p = s.widgets['Panel:sensitivity'];
    await page.mouse.click(p[0] + p[2] * 0.35, p[1] + 14);
    await sleep(200);
  };
  const noErrors = (ctx) => check(ctx.errors.length === 0, `${ctx.errors.length} errors: ${ctx.errors.slice(0, 3).join(' | ')}`);

  // The CLI for Node of the build that serves the page (its site/orgsim.wasm is the served one).
  async function findCli() {
    if (process.env.ORGSIM_CLI) return process.env.ORGSIM_CLI;
    if (process.env.ORGSIM_NODE_CLI && fs.existsSync(process.env.ORGSIM_NODE_CLI)) return process.env.ORGSIM_NODE_CLI;  // tests/browser/run.sh
    const served = Buffer.from(await (await fetch(new URL('orgsim.wasm', args.url))).arrayBuffer());
    const want = crypto.createHash('sha256').update(served).digest('hex');
    const build = path.join(root, 'build');
    for (const d of fs.existsSync(build) ? fs.readdirSync(build) : []) {
      const wasm = path.join(build, d, 'site', 'orgsim.wasm'), cli = path.join(build, d, 'orgsim.js');
      if (!fs.existsSync(wasm) || !fs.existsSync(cli)) continue;
      if (crypto.createHash('sha256').update(fs.readFileSync(wasm)).digest('hex') === want) return cli;
    }
    throw new Error('no build directory holds the served site and its CLI (set ORGSIM_CLI)');
  }

  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let done = null;  // the state when the study ended

  await test('sensitivity: the view opens from its tab with every lever and the five default outcomes', async () => {
    await loadApp(page);
    // A one-year horizon and few replications keep the runs short on a small machine.
    await typeInto(page, 'RunHorizon', SIZES.weeks);
    await typeInto(page, 'RunReplications', 4);
    let s = await waitFor(page, (x) => x.horizon === SIZES.weeks, 5000, 'the horizon to apply');
    s = await showView(page, 'Sensitivity');
    check(s.widgets['Panel:sensitivity'] && s.widgets['Sens:run'] && s.widgets['Sens:levers'] && s.widgets['Sens:outcomes'], 'controls missing');
    check(sensState(s) === 'idle', `state ${sensState(s)}`);
    check(s.values['sens.levers'] >= 10, `${s.values['sens.levers']} levers selected by default`);
    check(s.values['sens.outcomes'] === DEFAULT_OUTCOMES.length, `${s.values['sens.outcomes']} outcomes selected by default`);
    // The outcome menu has the defaults ticked (read back by toggling nothing: the count is enough),
    // and the lever menu lists every lever.
    await clickWidget(page, 'Sens:levers');
    s = await waitFor(page, (x) => x.widgets['Sens:levers:none'], 3000, 'the lever menu');
    const listed = Object.keys(s.widgets).filter((k) => k.startsWith('Sens:lever:'));
    check(listed.length === s.values['sens.levers'], `${listed.length} levers listed, ${s.values['sens.levers']} selected`);
    await closePopup(page);
    await page.mouse.move(5, 760);
    await sleep(200);
    await page.screenshot({ path: path.join(args.out, 'sensitivity-intro.png') });
    return `${listed.length} levers, ${s.values['sens.outcomes']} outcomes, ${s.values['sens.runs']} runs by default`;
  });

  await test('sensitivity: 3 levers, 2 outcomes, R=4, r=4 run to the end; tornado bars sorted by swing', async () => {
    await clickWidget(page, 'Sens:levers');
    await waitFor(page, (x) => x.widgets['Sens:levers:none'], 3000, 'the lever menu');
    await clickWidget(page, 'Sens:levers:none');
    for (const l of LEVERS) await clickWidget(page, `Sens:lever:${l}`);
    await closePopup(page);
    await clickWidget(page, 'Sens:outcomes');
    await waitFor(page, (x) => x.widgets['Sens:outcome:trust'], 3000, 'the outcome menu');
    for (const o of DEFAULT_OUTCOMES) if (!OUTCOMES.includes(o)) await clickWidget(page, `Sens:outcome:${o}`);
    await closePopup(page);
    await typeInto(page, 'Sens:replications', SIZES.replications);
    await typeInto(page, 'Sens:trajectories', SIZES.trajectories);
    await clickWidget(page, `Sens:levels:${SIZES.levels}`);
    let s = await state(page);
    check(s.values['sens.levers'] === 3 && s.values['sens.outcomes'] === 2, `${s.values['sens.levers']} levers, ${s.values['sens.outcomes']} outcomes`);
    check(s.values['sens.replications'] === 4 && s.values['sens.trajectories'] === 4 && s.values['sens.levels'] === 4, 'sizes not applied');
    // Tornado: 1 + 2k scenarios; Morris: r (k + 1); noise: r; each x R.
    check(s.values['sens.runs'] === (7 + 16 + 4) * 4, `${s.values['sens.runs']} runs`);
    const t0 = Date.now();
    await clickWidget(page, 'Sens:run');
    s = await waitFor(page, (x) => ['waiting', 'running', 'done'].includes(sensState(x)), 5000, 'the study to start');
    done = await waitFor(page, (x) => sensState(x) === 'done', 300000, 'the study to finish');
    s = done;
    check(s.values['sens.result.levers'] === 3 && s.values['sens.result.outcomes'] === 2, 'result shape');
    check(s.values['sens.result.replications'] === 4 && s.values['sens.result.weeks'] === SIZES.weeks, 'result sizes');
    for (const o of OUTCOMES) {
      const swings = [0, 1, 2].map((r) => s.values[`sens.tornado.${o}.${r}.swing`]);
      check(swings.every(Number.isFinite), `${o}: swings ${swings}`);
      for (let r = 1; r < 3; ++r) check(swings[r - 1] >= swings[r], `${o}: bars not sorted by swing: ${swings.join(', ')}`);
      const levers = [0, 1, 2].map((r) => s.texts[`sens.tornado.${o}.${r}.lever`]);
      check([...levers].sort().join() === [...LEVERS].sort().join(), `${o}: bars of ${levers}`);
      for (let r = 0; r < 3; ++r) {
        const v = (k) => s.values[`sens.tornado.${o}.${r}.${k}`];
        check(v('low_lo') <= v('low_mean') + 1e-12 && v('low_mean') <= v('low_hi') + 1e-12, `${o} bar ${r}: low mean outside its interval`);
        check(v('high_lo') <= v('high_mean') + 1e-12 && v('high_mean') <= v('high_hi') + 1e-12, `${o} bar ${r}: high mean outside its interval`);
      }
      for (const l of LEVERS) {
        const m = (k) => s.values[`sens.morris.${o}.${l}.${k}`];
        check([m('mu_star'), m('sigma'), m('lo'), m('hi')].every(Number.isFinite), `${o}/${l}: Morris values`);
        check(m('lo') <= m('mu_star') + 1e-12 && m('mu_star') <= m('hi') + 1e-12, `${o}/${l}: mu* outside its bootstrap interval`);
      }
      check(Number.isFinite(s.values[`sens.noise.${o}`]) && s.values[`sens.noise.${o}`] >= 0, `${o}: noise`);
    }
    check(s.widgets['Sens:tornado'] && s.widgets['Sens:morris'] && s.widgets['Sens:morris:row:noise'], 'charts not drawn');
    check(typeof s.texts['sens.sentence'] === 'string' && s.texts['sens.sentence'].length > 20, `sentence: ${s.texts['sens.sentence']}`);
    await page.mouse.move(5, 760);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'sensitivity.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'sensitivity');
    const top = s.texts[`sens.tornado.${OUTCOMES[0]}.0.lever`];
    return `done in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${OUTCOMES[0]}: top ${top} (swing ${s.values[`sens.tornado.${OUTCOMES[0]}.0.swing`].toPrecision(4)}); ` +
           `"${s.texts['sens.sentence']}"`;
  });

  await test('sensitivity: the exports equal `orgsim sensitivity --csv` byte for byte, and so do the recorded values', async () => {
    check(done, 'no finished study');
    const cli = await findCli();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgsim-sens-'));
    const prefix = path.join(dir, 'cli');
    const cliArgs = ['sensitivity', path.join(root, 'scenarios', 'default.json'), '--levers', LEVERS.join(','),
      ...OUTCOMES.flatMap((o) => ['--outcome', o]), '--replications', String(SIZES.replications), '--trajectories', String(SIZES.trajectories),
      '--levels', String(SIZES.levels), '--weeks', String(SIZES.weeks), '--csv', prefix];
    const printed = execFileSync(cli.endsWith('.js') ? process.execPath : cli, cli.endsWith('.js') ? [cli, ...cliArgs] : cliArgs,
      { cwd: root, encoding: 'utf8', timeout: 600000 });
    check(/3 levers, 4 replications per point, 52 weeks/.test(printed), `CLI said: ${printed.split('\n')[0]}`);
    const files = {};
    for (const [key, suffix] of [['problem', 'problem.txt'], ['design', 'design.csv'], ['morris', 'morris.csv'], ['tornado', 'tornado.csv']]) {
      await clickWidget(page, 'Sens:export');
      await waitFor(page, (x) => x.widgets[`Sens:export:${key}`], 3000, 'the export menu');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickWidget(page, `Sens:export:${key}`)]);
      const got = fs.readFileSync(await download.path(), 'utf8');
      const want = fs.readFileSync(`${prefix}_${suffix}`, 'utf8');
      check(download.suggestedFilename().endsWith(`_sensitivity_${suffix}`), `file name ${download.suggestedFilename()}`);
      check(got === want, `${suffix} differs from the CLI's: ${JSON.stringify(got.slice(0, 160))} vs ${JSON.stringify(want.slice(0, 160))}`);
      files[key] = want;
    }
    // The recorded values against the CLI's CSV (12 significant digits there).
    const s = await state(page);
    const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    let compared = 0;
    const tornado = files.tornado.trim().split('\n').slice(1).map((l) => l.split(','));
    const rank = {};
    for (const [outcome, lever, lowV, highV, lowM, lowLo, lowHi, highM, highLo, highHi] of tornado) {
      rank[outcome] = rank[outcome] ?? 0;
      const r = rank[outcome]++;
      const k = `sens.tornado.${outcome}.${r}`;
      check(s.texts[`${k}.lever`] === lever, `${outcome} bar ${r}: ${s.texts[`${k}.lever`]} in the view, ${lever} in the CLI`);
      const pairs = [['low_value', lowV], ['high_value', highV], ['low_mean', lowM], ['low_lo', lowLo], ['low_hi', lowHi], ['high_mean', highM],
        ['high_lo', highLo], ['high_hi', highHi]];
      for (const [name, text] of pairs) {
        check(close(s.values[`${k}.${name}`], Number(text)), `${k}.${name}: view ${s.values[`${k}.${name}`]}, CLI ${text}`);
        ++compared;
      }
    }
    for (const line of files.morris.trim().split('\n').slice(1)) {
      const [outcome, name, mu, muStar, sigma, conf] = line.split(',');
      if (name === 'replication_noise') {
        check(close(s.values[`sens.noise.${outcome}`], Number(muStar)), `noise of ${outcome}: view ${s.values[`sens.noise.${outcome}`]}, CLI ${muStar}`);
        check(close(s.values[`sens.noise_conf.${outcome}`], Number(conf)), `noise conf of ${outcome}`);
        compared += 2;
        continue;
      }
      const k = `sens.morris.${outcome}.${name}`;
      for (const [key, text] of [['mu', mu], ['mu_star', muStar], ['sigma', sigma]]) {
        check(close(s.values[`${k}.${key}`], Number(text)), `${k}.${key}: view ${s.values[`${k}.${key}`]}, CLI ${text}`);
        ++compared;
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    noErrors(ctx);
    return `${path.relative(root, cli)}: 4 files identical; ${compared} recorded numbers equal the CLI's`;
  });

  await test('sensitivity: hovering a Morris row explains it; outcome tabs switch the charts; the dark theme', async () => {
    check(done, 'no finished study');
    const s = await state(page);
    const r = s.widgets[`Sens:morris:row:${s.texts[`sens.tornado.${OUTCOMES[0]}.0.lever`]}`];
    check(r, 'Morris row not recorded');
    await page.mouse.move(r[0] + r[2] * 0.5, r[1] + r[3] * 0.5);
    await sleep(500);
    await page.screenshot({ path: path.join(args.out, 'sensitivity-morris-hover.png') });
    await clickWidget(page, `Sens:show:${OUTCOMES[1]}`);
    const t = await waitFor(page, (x) => x.texts['sens.shown'] === OUTCOMES[1], 3000, 'the second outcome');
    // The dark theme (the theme's palette throughout).
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'the dark theme');
    await page.mouse.move(5, 760);
    await sleep(300);
    const dark = await page.screenshot({ path: path.join(args.out, 'sensitivity-dark.png') });
    checkNotBlank(await pixelStats(ctx.context, dark), 'sensitivity dark');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'the light theme');
    await clickWidget(page, `Sens:show:${OUTCOMES[0]}`);
    return `outcome tabs switch the charts (${t.texts['sens.shown']})`;
  });

  await test('sensitivity: a lever changed after the study keeps the result but says it is out of date', async () => {
    check(done, 'no finished study');
    await showView(page, 'Design');
    let s = await state(page);
    const lever = s.values['lever.shadow_it_policy'];
    await clickWidget(page, `Lever:shadow_it_policy:${lever === 0 ? 'tolerate' : 'ban'}`);
    await waitFor(page, (x) => x.revision > s.revision, 3000, 'the lever edit');
    s = await showView(page, 'Sensitivity');
    s = await waitFor(page, (x) => sensState(x) === 'stale', 3000, 'the study to be out of date');
    check(s.values['sens.absorbed'] === 1 && s.widgets['Sens:tornado'], 'the out-of-date result is no longer shown');
    check(/changed/.test(s.texts['sens.stale'] || '') && /Run again/.test(s.texts['sens.stale']), `note: ${s.texts['sens.stale']}`);
    check(/out of date/i.test(s.texts['sens.status']), `status: ${s.texts['sens.status']}`);
    await page.mouse.move(5, 760);
    await sleep(300);
    await page.screenshot({ path: path.join(args.out, 'sensitivity-stale.png') });
    return `"${s.texts['sens.status']}"`;
  });

  await test('sensitivity: a lever changed while the study runs stops it and says so; Cancel says cancelled', async () => {
    // A longer study so that it is still running when the lever changes.
    await typeInto(page, 'Sens:replications', 20);
    await typeInto(page, 'Sens:trajectories', 20);
    await clickWidget(page, 'Sens:run');
    let s = await waitFor(page, (x) => sensState(x) === 'running' && x.values['sens.progress'] > 0, 120000, 'the study under way');
    await showView(page, 'Design');
    const before = await state(page);
    const lever = before.values['lever.shadow_it_policy'];
    await clickWidget(page, `Lever:shadow_it_policy:${lever === 2 ? 'tolerate' : 'institutionalise'}`);
    await waitFor(page, (x) => x.values['lever.shadow_it_policy'] !== lever, 3000, 'the lever edit');
    s = await showView(page, 'Sensitivity');
    s = await waitFor(page, (x) => sensState(x) === 'stale', 3000, 'the study to be stopped as stale');
    check(s.values['sens.absorbed'] === 0, 'a result is shown for a study that did not finish');
    check(/changed while the study ran/.test(s.texts['sens.intro'] || ''), `intro: ${s.texts['sens.intro']}`);
    check(/changed/.test(s.texts['sens.status']), `status: ${s.texts['sens.status']}`);
    // The runner stops the stale study when the replications restart: it never turns "done".
    await sleep(1500);
    s = await state(page);
    check(sensState(s) === 'stale', `state ${sensState(s)} after the restart`);
    const staleStatus = s.texts['sens.status'];

    await clickWidget(page, 'Sens:run');
    await waitFor(page, (x) => ['waiting', 'running'].includes(sensState(x)) && x.widgets['Sens:cancel'], 5000, 'the new study');
    await clickWidget(page, 'Sens:cancel');
    s = await waitFor(page, (x) => sensState(x) === 'cancelled', 3000, 'the study to be cancelled');
    check(/cancelled/i.test(s.texts['sens.status']) && /cancelled/i.test(s.texts['sens.intro']), `status: ${s.texts['sens.status']}`);
    await sleep(800);
    s = await state(page);
    check(sensState(s) === 'cancelled' && s.values['sens.absorbed'] === 0, `after cancel: ${sensState(s)}`);
    noErrors(ctx);
    return `stale: "${staleStatus}"; cancelled: "${s.texts['sens.status']}"`;
  });
  await ctx.context.close();

  await test('sensitivity: every lever of the panel (the default) at 1920x1080', async () => {
    const big = await openContext({ width: 1920, height: 1080 });
    const p = big.page;
    await loadApp(p);
    await typeInto(p, 'RunHorizon', SIZES.weeks);
    await typeInto(p, 'RunReplications', 4);
    await waitFor(p, (x) => x.horizon === SIZES.weeks, 5000, 'the horizon to apply');
    await showView(p, 'Sensitivity');
    await typeInto(p, 'Sens:replications', 4);
    await typeInto(p, 'Sens:trajectories', 4);
    let s = await state(p);
    const k = s.values['sens.levers'];
    await clickWidget(p, 'Sens:run');
    s = await waitFor(p, (x) => sensState(x) === 'done', 400000, 'the study of every lever');
    for (const o of DEFAULT_OUTCOMES) {
      const swings = [...Array(k).keys()].map((r) => s.values[`sens.tornado.${o}.${r}.swing`]);
      check(swings.every(Number.isFinite), `${o}: ${swings.length} bars`);
      for (let r = 1; r < k; ++r) check(swings[r - 1] >= swings[r], `${o}: not sorted by swing`);
    }
    await p.mouse.move(5, 1070);
    await sleep(300);
    const png = await p.screenshot({ path: path.join(args.out, 'sensitivity-all-levers-1920x1080.png') });
    checkNotBlank(await pixelStats(big.context, png), 'sensitivity 1920x1080');
    noErrors(big);
    await big.context.close();
    return `${k} levers x ${DEFAULT_OUTCOMES.length} outcomes; "${s.texts['sens.sentence']}"`;
  });
}
