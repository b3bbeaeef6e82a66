// 98_classroom.mjs: the Class view (issue 14) end to end, with no server:
//   (a) an instructor opens two presets, builds an assignment (two structures, one unlocked lever, a
//       "which structure does better" question and a number question, 2 rounds of 4 replications),
//       shows the answers and copies the link;
//   (b) a broken assignment link says why in a toast and changes nothing;
//   (c) 30 students, each in a browser context of their own (own storage and cache; three at a time, in
//       one browser), open the link, enter
//       a name, predict (the choice right or wrong; the number right, within twice the tolerance, or
//       wrong), lock, set the lever or not, and play both years, and read their result code; one
//       reloads after the first year and finds the work in progress kept; one edits the stored
//       results (better outcomes than the decisions give) before the code is made;
//   (d) the instructor pastes the 30 codes and a copy damaged in transit: 29 verified, the tampered
//       one not verified, the damaged line reported as such; every score follows the predictions;
//       the dashboard counts the right predictions, names the best and the median and explains the
//       difference (bars summing to it); the debrief deck shows 4 slides and saves one as a PNG;
//       the gradebook CSV has a header and 30 rows.
// Screenshots: class-build.png, class-student.png, class-student-done.png, class-dashboard*.png,
// class-deck-1..4.png, class-debrief.png.
import fs from 'node:fs';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, state, waitFor, press, showView } = lib;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const { AxeBuilder } = await import(path.join(root, 'tests/browser/node_modules/@axe-core/playwright/dist/index.mjs'));
  const axe = async (page, where) => {
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const v = r.violations.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
    check(v.length === 0, `axe on ${where}: ${v.join('; ')}`);
    return r.passes.length;
  };
  const reveal = (page, name) => lib.reveal(page, name, 'Panel:class');
  const clickWidget = async (page, name) => {
    if (name.startsWith('Class:') && !name.startsWith('Class:mode:') && !name.startsWith('Class:add_outcome:')) await reveal(page, name);
    return lib.clickWidget(page, name);
  };
  const typeInto = async (page, name, text) => {
    await reveal(page, name);
    return lib.typeInto(page, name, text);
  };
  const shot = (page, name) => page.screenshot({ path: path.join(args.out, name) });
  const ready = async (page, url) => {
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
    await sleep(200);
  };
  const noErrors = (ctx) => {
    const real = ctx.errors.filter((e) => !/offline use is not available/.test(e));
    check(real.length === 0, `${real.length} errors: ${real.slice(0, 3).join(' | ')}`);
  };

  const base = new URL(args.url);
  base.searchParams.set('scenario', 'cio_reports_to_cfo');
  const inst = await openContext({ width: 1366, height: 768 });
  let link = '';
  const truth = {};

  await test('class: an instructor builds an assignment from two open scenarios and copies its link', async () => {
    const { page } = inst;
    await ready(page, base.href);
    // The second structure: an alternative from the gallery.
    await showView(page, 'Gallery');
    const name = 'Gallery:alternative:cio_reports_to_ceo';
    for (let i = 0; i < 40; ++i) {
      const s = await state(page);
      const r = s.widgets[name], panel = s.widgets['Panel:gallery'];
      if (r && r[1] >= panel[1] && r[1] + r[3] <= panel[1] + panel[3]) break;
      await page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
      await page.mouse.wheel(0, r && r[1] < panel[1] ? -100 : 100);
      await sleep(120);
    }
    await clickWidget(page, name);
    await waitFor(page, (s) => s.slot_count === 2, 5000, 'two open scenarios');
    let s = await showView(page, 'Class');
    check(s.texts['class.mode'] === 'build', `mode ${s.texts['class.mode']}`);
    check(s.values['class.problems'] >= 1, 'an empty title is not reported');
    await typeInto(page, 'Class:title', 'Who should the CIO report to?');
    await clickWidget(page, 'Class:lever:shared_kpis');
    await clickWidget(page, 'Class:rounds:2');
    await typeInto(page, 'Class:replications', 4);
    // A "which structure does better" question (time to market after 2 years) ...
    await clickWidget(page, 'Class:add_kind:choice');
    await clickWidget(page, 'Class:add_year:2');
    await clickWidget(page, 'Class:add_question');
    // ... and a number: trust after 1 year in the first structure, full marks within 10%.
    await clickWidget(page, 'Class:add_kind:number');
    await clickWidget(page, 'Class:add_outcome');
    await sleep(150);
    await clickWidget(page, 'Class:add_outcome:trust');
    await clickWidget(page, 'Class:add_year:1');
    await clickWidget(page, 'Class:add_question');
    s = await waitFor(page, (x) => x.values['class.questions'] === 2, 3000, 'two questions');
    check(s.values['class.problems'] === 0, `${s.values['class.problems']} problems left`);
    check(s.values['class.unlocked'] === 1, `${s.values['class.unlocked']} levers unlocked`);
    await clickWidget(page, 'Class:answers');
    s = await waitFor(page, (x) => x.values['class.truth_choice.0'] !== undefined, 30000, 'the answers');
    truth.choice = s.values['class.truth_choice.0'];
    truth.number = s.values['class.truth_number.1'];
    await clickWidget(page, 'Class:copy_link');
    s = await waitFor(page, (x) => (x.texts['class.link'] || '').includes('#assign='), 3000, 'the link');
    link = s.texts['class.link'];
    check(s.widgets['Class:link'], 'the link is not shown in a field');
    await page.mouse.move(5, 760);
    await sleep(200);
    await shot(page, 'class-build.png');
    noErrors(inst);
    return `link of ${link.length} characters; answers: structure ${truth.choice} does better, trust ${truth.number.toFixed(1)}`;
  });

  // One student: open the link, name, predictions, lock, both years; returns the last state.
  async function play(ctx, who, choice, number, { reloadAfterFirst = false, tamper = false, shots = false, lever = true, lever2 = false } = {}) {
    const { page } = ctx;
    await ready(page, link);
    let s = await waitFor(page, (x) => x.view === 'class' && x.texts['class.mode'] === 'student', 5000, 'the student view');
    check(s.values['class.rounds'] === 2 && s.values['class.rounds_played'] === 0, `rounds ${s.values['class.rounds']}/${s.values['class.rounds_played']}`);
    await typeInto(page, 'Class:name', who);
    await clickWidget(page, `Class:predict:0:${choice}`);
    await typeInto(page, 'Class:predict:1', number);
    await clickWidget(page, 'Class:lock');
    // Locked: the name is shown as text, no longer as a field.
    await waitFor(page, (x) => x.values['class.locked'] === 1 && !x.widgets['Class:name'], 3000, 'the predictions and the name to lock');
    if (lever) await clickWidget(page, 'Class:set:shared_kpis');
    await clickWidget(page, 'Class:run');
    s = await waitFor(page, (x) => x.values['class.rounds_played'] === 1, 30000, 'year 1');
    if (shots) {
      await page.mouse.move(5, 760);
      await shot(page, 'class-student.png');
    }
    if (reloadAfterFirst) {
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
      s = await waitFor(page, (x) => x.view === 'class' && x.values['class.rounds_played'] === 1, 8000, 'the work after a reload');
      check(s.values['class.restored'] === 1 && s.values['class.locked'] === 1, 'not restored as locked');
      check(s.texts['class.student_name'] === who, `name after reload: "${s.texts['class.student_name']}"`);
    }
    if (lever2) await clickWidget(page, 'Class:set:shared_kpis');
    await clickWidget(page, 'Class:run');
    s = await waitFor(page, (x) => x.values['class.rounds_played'] === 2 && x.texts['class.code'], 30000, 'year 2 and the code');
    const honest = s.texts['class.code'];
    if (tamper) {
      // Better results than the decisions give, written where the app keeps the work in progress.
      const key = s.texts['class.storage_key'];
      await page.evaluate((k) => {
        const w = JSON.parse(localStorage.getItem(k));
        w.results.mean[1][0] += 25;  // operating profit after year 2
        localStorage.setItem(k, JSON.stringify(w));
      }, key);
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="1"]', { timeout: 60000, state: 'attached' });
      s = await waitFor(page, (x) => x.values['class.rounds_played'] === 2 && x.texts['class.code'], 8000, 'the tampered work');
      check(s.texts['class.code'] !== honest, 'the code did not change');
    }
    if (shots) {
      await page.mouse.move(5, 760);
      await sleep(150);
      await shot(page, 'class-student-done.png');
    }
    noErrors(ctx);
    return s;
  }

  await test('class: a broken assignment link says why and changes nothing', async () => {
    const ctx = await openContext({ width: 1366, height: 768 });
    const url = new URL(args.url);
    url.hash = 'assign=AAAA-broken';
    await ready(ctx.page, url.href);
    const s = await waitFor(ctx.page, (x) => x.toast_error && /assignment link/.test(x.toast), 5000, 'the error toast');
    check(s.view !== 'class' && s.slot_count === 1, `view ${s.view}, ${s.slot_count} slots`);
    await ctx.context.close();
    return `"${s.toast}"`;
  });

  // The class: a choice right or wrong, a number right (1 point), within twice the tolerance (0.5) or
  // wrong (0); four strategies for the lever (on from year 1, on in year 1 only, on from year 2, never),
  // none played by half the class, so the median student played another strategy than the best.
  // Score = mean points of the 2 questions. ORGSIM_CLASS_STUDENTS=N plays a smaller class (N >= 4).
  const N = Math.max(4, Number(process.env.ORGSIM_CLASS_STUDENTS || 30));
  const numberFor = (kind) => kind === 'right' ? truth.number.toPrecision(6)
                            : kind === 'half' ? (truth.number * 1.15).toPrecision(6) : (truth.number * 3 + 10).toFixed(1);
  const students = [];
  for (let i = 0; i < N; ++i) {
    const special = ['Ada Right', 'Bo Wrong', 'Cy Tamper'][i];
    const rightChoice = special ? i !== 1 : i % 2 === 0;
    const kind = i === 0 ? 'right' : i === 1 ? 'wrong' : i === 2 ? 'wrong' : ['right', 'half', 'wrong'][i % 3];
    students.push({
      who: special || `Student ${String(i + 1).padStart(2, '0')}`, rightChoice, kind,
      score: ((rightChoice ? 1 : 0) + (kind === 'right' ? 1 : kind === 'half' ? 0.5 : 0)) / 2,
      opts: { shots: i === 0, reloadAfterFirst: i === 1, tamper: i === 2, lever: i % 2 === 0, lever2: i % 5 === 0 },
    });
  }
  const codes = new Array(students.length);
  await test(`class: ${N} students, each in a fresh browser, predict, play both years and get a code (one reloads, one edits the stored results)`, async () => {
    check(link, 'no link from the instructor');
    const t0 = Date.now();
    const profits = [];
    for (let b = 0; b < students.length; b += 3) {
      await Promise.all(students.slice(b, b + 3).map(async (st, k) => {
        const ctx = await lib.openIsolatedContext({ width: 1366, height: 768 });
        try {
          const s = await play(ctx, st.who, st.rightChoice ? truth.choice : 1 - truth.choice, numberFor(st.kind), st.opts);
          const code = s.texts['class.code'];
          check(/^OSC1-/.test(code) && code.length < 600, `${st.who}: code "${code.slice(0, 20)}..." (${code.length})`);
          codes[b + k] = code;
          profits.push(s.values['class.result.operating_profit']);
        } catch (e) {
          throw new Error(`${st.who}: ${e.message}`);
        } finally {
          await ctx.context.close();
        }
      }));
    }
    await lib.closeSharedBrowser();
    const lengths = codes.map((c) => c.length);
    return `${N} codes of ${Math.min(...lengths)}-${Math.max(...lengths)} characters in ${((Date.now() - t0) / 1000).toFixed(0)} s; ` +
           `profit after year 2 from ${Math.min(...profits).toFixed(1)} to ${Math.max(...profits).toFixed(1)}`;
  });

  await test(`class: the debrief verifies ${N - 1} of ${N}, flags the tampered code and a damaged one; every score follows the predictions`, async () => {
    check(codes.every(Boolean), `${codes.filter(Boolean).length} codes`);
    const { page } = inst;
    await clickWidget(page, 'Class:mode:debrief');
    await clickWidget(page, 'Class:codes');
    const a = codes[0];
    const mid = Math.floor(a.length / 2);
    const damaged = a.slice(0, mid) + (a[mid] === 'A' ? 'B' : 'A') + a.slice(mid + 1);
    // Pasted, as an instructor does from an email or the learning platform: the page's paste event
    // reaches the app's field (SDL alone swallows Ctrl+V in the browser).
    await inst.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(args.url).origin });
    await page.evaluate((t) => navigator.clipboard.writeText(t), [...codes, damaged].join('\n') + '\n');
    await page.keyboard.press('Control+V');
    await waitFor(page, (x) => x.values['class.debrief.pasted_lines'] === N + 1, 5000, `${N + 1} lines pasted`);
    await clickWidget(page, 'Class:check');
    const s = await waitFor(page, (x) => x.values['class.debrief.done'] === 1, 120000, 'the check');
    check(s.values['class.debrief.rows'] === N, `${s.values['class.debrief.rows']} rows`);
    check(s.values['class.debrief.verified'] === N - 1 && s.values['class.debrief.not_verified'] === 1, `${s.texts['class.debrief.summary']}`);
    check(s.values['class.debrief.errors'] === 1 && new RegExp(`line ${N + 1}: .*damaged`).test(s.texts['class.debrief.error.0']),
          `errors: ${s.texts['class.debrief.error.0']}`);
    const rows = Array.from({ length: N }, (_, i) => s.texts[`class.debrief.row.${i}`].split('|'));
    const byName = Object.fromEntries(rows.map((r) => [r[0], r]));
    for (const st of students) {
      const r = byName[st.who];
      check(r, `${st.who} is not in the table`);
      if (st.opts.tamper) {
        check(/not verified/.test(r[1]), `the tampered code: ${r[1]}`);
        continue;
      }
      check(r[1] === 'verified', `${st.who}: ${r[1]}`);
      check(Math.abs(Number(r[2]) - st.score) < 1e-9, `${st.who} (choice ${st.rightChoice ? 'right' : 'wrong'}, number ${st.kind}): score ${r[2]}, expected ${st.score}`);
    }
    // The re-simulations ran on the worker pool (the page's own results are the students', made on
    // their pages without workers' help: the verdicts above show the two agree bit for bit).
    const workers = await page.evaluate(() => (typeof OrgSimPool === 'function' ? OrgSimPool.poolSize() : 0));
    if (workers > 0) check(s.values['class.debrief.pooled'] >= N * 4, `${s.values['class.debrief.pooled']} replications on the pool`);
    noErrors(inst);
    return `${s.texts['class.debrief.summary']}; scores as predicted for all ${N - 1} verified; ` +
      `${s.values['class.debrief.pooled']} replications on ${workers} worker(s)`;
  });

  await test('class: the dashboard counts right predictions, names the best and the median, and explains their difference', async () => {
    const { page } = inst;
    let s = await state(page);
    check(s.texts['class.debrief.tab'] === 'dashboard', `tab ${s.texts['class.debrief.tab']}`);
    const verified = students.filter((st) => !st.opts.tamper);
    check(s.values['class.dash.students'] === N - 1 && s.values['class.dash.finished'] === N - 1, `${s.values['class.dash.students']} students`);
    const choiceRight = verified.filter((st) => st.rightChoice).length;
    const numberRight = verified.filter((st) => st.kind === 'right').length;
    check(s.values['class.dash.q0.right'] === choiceRight && s.values['class.dash.q0.answered'] === N - 1,
          `choice: ${s.values['class.dash.q0.right']} right of ${s.values['class.dash.q0.answered']}, expected ${choiceRight}`);
    check(s.values['class.dash.q1.right'] === numberRight, `number: ${s.values['class.dash.q1.right']} right, expected ${numberRight}`);
    check(s.texts['class.dash.best'] && s.texts['class.dash.median'] && s.texts['class.dash.best'] !== s.texts['class.dash.median'],
          `best "${s.texts['class.dash.best']}", median "${s.texts['class.dash.median']}"`);
    await page.mouse.move(5, 760);
    await sleep(150);
    await shot(page, 'class-dashboard.png');
    await clickWidget(page, 'Class:why');
    s = await waitFor(page, (x) => x.values['class.dash.why.done'] === 1, 60000, 'the explanation');
    const total = Number(s.texts['class.dash.why.total']), sum = Number(s.texts['class.dash.why.sum']);
    check(Math.abs(total - sum) <= 1e-6 * Math.max(1, Math.abs(total)), `bars ${sum} vs difference ${total}`);
    check(s.values['class.dash.why.factors'] >= 1, `${s.values['class.dash.why.factors']} factors`);
    await page.mouse.move(5, 760);
    await sleep(150);
    await shot(page, 'class-dashboard-why.png');
    const passes = await axe(page, 'the class dashboard');
    noErrors(inst);
    return `q1 ${choiceRight}/${N - 1} right, q2 ${numberRight}/${N - 1}; best ${s.texts['class.dash.best']}, median ${s.texts['class.dash.median']} ` +
           `(${s.texts['class.dash.outcome']}); why: ${s.values['class.dash.why.factors']} factor(s) summing to ${total}; axe: ${passes} rules pass`;
  });

  await test(`class: the debrief deck presents 4 slides, each saved as a PNG; the table and the gradebook CSV have ${N} rows`, async () => {
    const { page } = inst;
    await lib.clickWidget(page, 'Present');
    let s = await waitFor(page, (x) => x.presenting, 5000, 'presentation mode');
    check(s.slide_count === 4 && s.view === 'class', `presenting ${s.slide_count} slides of view ${s.view}, "${s.texts['present.slide_title']}"`);
    const files = [];
    for (let i = 0; i < 4; ++i) {
      s = await waitFor(page, (x) => x.slide === i, 3000, `slide ${i + 1}`);
      await sleep(300);
      await shot(page, `class-deck-${i + 1}.png`);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), lib.clickWidget(page, 'Slide:png')]);
      const bytes = fs.statSync(await download.path()).size;
      check(download.suggestedFilename() === `debrief-slide-${i + 1}.png` && bytes > 10000, `${download.suggestedFilename()}: ${bytes} bytes`);
      files.push(`${s.texts['present.slide_title']} (${Math.round(bytes / 1024)} KB)`);
      if (i === 3) await axe(page, 'the debrief deck');
      if (i < 3) await press(page, 'ArrowRight');
    }
    await press(page, 'Escape');
    s = await waitFor(page, (x) => !x.presenting, 3000, 'leaving the deck');
    await clickWidget(page, 'Class:debrief:table');
    await page.mouse.move(5, 760);
    await sleep(200);
    await shot(page, 'class-debrief.png');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickWidget(page, 'Class:csv')]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    check(csv.length === N + 1 && /^name,verified,verdict/.test(csv[0]), `${csv.length} lines: ${csv[0]}`);
    check(csv.some((l) => l.startsWith('Ada Right,yes,verified')) && csv.some((l) => l.startsWith('Cy Tamper,no,not verified')), 'rows');
    check(csv.filter((l) => /^[^,]*,yes,/.test(l)).length === N - 1, 'verified rows');
    noErrors(inst);
    return `${files.join('; ')}; ${download.suggestedFilename()}: ${csv.length - 1} rows`;
  });
  await inst.context.close();
}
