// 50_library.mjs: the model library in the browser: reached from the gallery's library card; March
// (1991) Figure 1 run with few replications through the real buttons, to completion, and checked for
// the paper's shape (knowledge falls with p1 when the code learns fast; values are shares of 0..1);
// Figure 5 (turbulence) checked for knowledge decaying without turnover and holding with it.
// Screenshots: library-figure1.png, library-turbulence.png, library-dark.png.
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, loadApp, state, clickWidget, waitFor, pixelStats, checkNotBlank } = lib;
  const showView = async (page, name) => {
    await clickWidget(page, `Tab:${name}`);
    return waitFor(page, (s) => (s.view ? s.view === name.toLowerCase() : s.widgets[`Panel:${name.toLowerCase()}`]), 3000, `view ${name}`);
  };
  const ctx = await openContext({ width: 1366, height: 768 });
  const { page } = ctx;
  let loaded = false;

  // Run an experiment with `reps` replications per point through the side bar; returns the state
  // when it has finished and the seconds it took.
  async function run(id, reps) {
    await clickWidget(page, `Library:experiment:${id}`);
    await waitFor(page, (s) => s.texts['library.experiment'] === id, 3000, `experiment ${id} selected`);
    await clickWidget(page, `Library:reps:${reps}`);
    const t0 = Date.now();
    await clickWidget(page, 'Library:run');
    await page.mouse.move(5, 760);
    const s = await waitFor(page, (x) => x.values[`march.${id}.done`] === 1, 120000, `${id} to finish`);
    return { s, secs: (Date.now() - t0) / 1000 };
  }

  await test('library: the gallery\'s library card opens the Library view with the four experiments', async () => {
    await loadApp(page);
    loaded = true;
    await showView(page, 'Gallery');
    await clickWidget(page, 'Gallery:library');
    const s = await waitFor(page, (x) => x.widgets['Panel:library'], 3000, 'the library panel');
    if (s.view !== undefined) check(s.view === 'library', `view ${s.view}`);
    for (const id of ['figure1', 'mix', 'turnover', 'turbulence']) check(s.widgets[`Library:experiment:${id}`], `experiment ${id} not listed`);
    check(s.widgets['Library:run'] && s.widgets['Library:figure'], 'run button or figure missing');
    return `view ${s.view}, 4 experiments listed`;
  });

  await test('library: Figure 1 runs to completion and has the paper\'s shape', async () => {
    check(loaded, 'page did not load');
    const { s, secs } = await run('figure1', 10);
    const v = s.values;
    check(v['march.figure1.total'] === 270 && v['march.figure1.completed'] === 270, `runs ${v['march.figure1.completed']} / ${v['march.figure1.total']}`);
    const p1s = ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9'];
    let n = 0;
    for (const p2 of ['0.1', '0.5', '0.9'])
      for (const p1 of p1s) {
        const k = v[`march.figure1.${p2}.${p1}`];
        check(typeof k === 'number' && k >= 0 && k <= 1, `knowledge at p2 ${p2}, p1 ${p1}: ${k}`);
        ++n;
      }
    const at = (p2, p1) => v[`march.figure1.${p2}.${p1}`];
    check(at('0.9', '0.1') > at('0.9', '0.9') + 0.1, `p2 0.9: ${at('0.9', '0.1')} at p1 0.1 vs ${at('0.9', '0.9')} at 0.9`);
    check(at('0.5', '0.1') > at('0.5', '0.9') + 0.1, `p2 0.5: ${at('0.5', '0.1')} at p1 0.1 vs ${at('0.5', '0.9')} at 0.9`);
    // Published (10,000 runs): 0.972 and 0.728 for p2 = 0.9; ten replications are within ~0.05.
    check(Math.abs(at('0.9', '0.1') - 0.972) < 0.06 && Math.abs(at('0.9', '0.9') - 0.728) < 0.08,
          `p2 0.9 ends ${at('0.9', '0.1')}, ${at('0.9', '0.9')} far from the published 0.972, 0.728`);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'library-figure1.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'library figure 1');
    return `${n} points in ${secs.toFixed(1)} s; p2 = 0.9: ${at('0.9', '0.1').toFixed(3)} (p1 0.1) -> ${at('0.9', '0.9').toFixed(3)} (p1 0.9)`;
  });

  await test('library: Figure 5 (turbulence): knowledge decays without turnover and holds with it', async () => {
    check(loaded, 'page did not load');
    const { s, secs } = await run('turbulence', 10);
    const v = s.values;
    const none = v['march.turbulence.p3_0.100'], turnover = v['march.turbulence.p3_0.1.100'];
    const peak = v['march.turbulence.p3_0.10'];
    check(typeof none === 'number' && typeof turnover === 'number', `period 100: ${none}, ${turnover}`);
    check(peak > none + 0.3, `no turnover: period 10 ${peak} vs period 100 ${none}`);
    check(turnover > none + 0.3, `period 100: turnover ${turnover} vs none ${none}`);
    await sleep(300);
    const png = await page.screenshot({ path: path.join(args.out, 'library-turbulence.png') });
    checkNotBlank(await pixelStats(ctx.context, png), 'library turbulence');
    return `period 100: ${none.toFixed(3)} without turnover, ${turnover.toFixed(3)} with (period 10: ${peak.toFixed(3)}); ${secs.toFixed(1)} s`;
  });

  await test('library: results stay when switching experiments; dark theme renders', async () => {
    check(loaded, 'page did not load');
    await clickWidget(page, 'Library:experiment:figure1');
    const s = await waitFor(page, (x) => x.texts['library.experiment'] === 'figure1', 3000, 'figure1 selected');
    check(s.values['march.figure1.done'] === 1 && typeof s.values['march.figure1.0.9.0.1'] === 'number', 'Figure 1 results lost');
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'dark', 3000, 'dark theme');
    await page.mouse.move(5, 760);
    await sleep(400);
    const png = await page.screenshot({ path: path.join(args.out, 'library-dark.png') });
    const st = await pixelStats(ctx.context, png);
    check(st.mean < 100, `dark library mean luminance ${st.mean.toFixed(0)}`);
    await clickWidget(page, 'Theme');
    await waitFor(page, (x) => x.theme === 'light', 3000, 'light theme');
    check(ctx.errors.length === 0, `${ctx.errors.length} errors: ${ctx.errors.slice(0, 3).join(' | ')}`);
    return `Figure 1 kept; dark: ${st.colours} colours; no errors`;
  });
  await ctx.context.close();
}
