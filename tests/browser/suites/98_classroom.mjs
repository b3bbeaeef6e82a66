// 98_classroom.mjs: the Class view (issue 14) end to end, with no server:
//   (a) an instructor opens two presets, builds an assignment (two structures, one unlocked lever, a
//       "which structure does better" question and a number question, 2 rounds of 4 replications),
//       shows the answers and copies the link;
//   (b) a broken assignment link says why in a toast and changes nothing;
//   (c) three students, each in a fresh browser, open the link, enter a name, predict (A right, B
//       wrong), lock, set a lever and play both years, and read their result code; B reloads after
//       the first year and finds the work in progress kept; C edits the stored results (better
//       outcomes than the decisions give) before the code is made;
//   (d) the instructor pastes the three codes and a copy damaged in transit: 2 verified, 1 not
//       verified, the damaged line reported as such; scores follow the predictions; the gradebook
//       CSV has a header and 3 rows.
// Screenshots: class-build.png, class-student.png, class-student-done.png, class-debrief.png.
import fs from 'node:fs';
import path from 'node:path';

export default async function (lib) {
  const { args, test, check, sleep, openContext, state, waitFor, press, showView } = lib;
  // The view's cards scroll: bring a widget wholly into the view (mouse wheel over its column) first.
  async function reveal(page, name) {
    for (let i = 0; i < 40; ++i) {
      const s = await state(page);
      const r = s.widgets[name], panel = s.widgets['Panel:class'];
      check(r, `widget ${name} not recorded`);
      const top = panel[1] + 90, bottom = panel[1] + panel[3];
      if (r[1] >= top && r[1] + r[3] <= bottom) return;
      await page.mouse.move(r[0] + Math.min(r[2] / 2, 40), (top + bottom) / 2);
      await page.mouse.wheel(0, r[1] < top ? -120 : 120);
      await sleep(120);
    }
    throw new Error(`could not scroll ${name} into view`);
  }
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
  // Type a long text quickly (characters queue up for ImGui), then Enter held across frames.
  const typeLine = async (page, text) => {
    await page.keyboard.type(text, { delay: 2 });
    await sleep(60);
    await press(page, 'Enter');
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
  async function play(ctx, who, choice, number, { reloadAfterFirst = false, tamper = false, shots = false } = {}) {
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
    await clickWidget(page, 'Class:set:shared_kpis');
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

  const codes = [];
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

  const students = [
    { who: 'Ada Right', choice: () => truth.choice, number: () => truth.number.toPrecision(6), opts: { shots: true } },
    { who: 'Bo Wrong', choice: () => 1 - truth.choice, number: () => (truth.number * 3 + 10).toFixed(1), opts: { reloadAfterFirst: true } },
    { who: 'Cy Tamper', choice: () => truth.choice, number: () => '50', opts: { tamper: true } },
  ];
  for (const st of students) {
    await test(`class: ${st.who} opens the link in a fresh browser, predicts, plays both years and gets a code` +
               (st.opts.reloadAfterFirst ? ' (a reload keeps the work)' : st.opts.tamper ? ' (after editing the stored results)' : ''), async () => {
      check(link, 'no link from the instructor');
      const ctx = await openContext({ width: 1366, height: 768 });
      try {
        const s = await play(ctx, st.who, st.choice(), st.number(), st.opts);
        const code = s.texts['class.code'];
        check(/^OSC1-/.test(code) && code.length < 600, `code "${code.slice(0, 20)}..." (${code.length})`);
        codes.push(code);
        return `${code.length}-character code; profit after year 2 ${s.values['class.result.operating_profit']?.toFixed(1)}`;
      } finally {
        await ctx.context.close();
      }
    });
  }

  await test('class: the debrief verifies 2, flags the tampered code and a damaged one, and exports a 3-row gradebook', async () => {
    check(codes.length === 3, `${codes.length} codes`);
    const { page } = inst;
    await clickWidget(page, 'Class:mode:debrief');
    await clickWidget(page, 'Class:codes');
    const a = codes[0];
    const mid = Math.floor(a.length / 2);
    const damaged = a.slice(0, mid) + (a[mid] === 'A' ? 'B' : 'A') + a.slice(mid + 1);
    for (const line of [...codes, damaged]) await typeLine(page, line);
    await clickWidget(page, 'Class:check');
    const s = await waitFor(page, (x) => x.values['class.debrief.done'] === 1, 60000, 'the check');
    const rows = [0, 1, 2].map((i) => s.texts[`class.debrief.row.${i}`].split('|'));
    check(s.values['class.debrief.rows'] === 3, `${s.values['class.debrief.rows']} rows`);
    check(s.values['class.debrief.verified'] === 2 && s.values['class.debrief.not_verified'] === 1,
          `${s.texts['class.debrief.summary']}`);
    check(s.values['class.debrief.errors'] === 1 && /line 4: .*damaged/.test(s.texts['class.debrief.error.0']),
          `errors: ${s.texts['class.debrief.error.0']}`);
    const byName = Object.fromEntries(rows.map((r) => [r[0], r]));
    check(byName['Ada Right'][1] === 'verified' && byName['Bo Wrong'][1] === 'verified', `verdicts ${JSON.stringify(rows)}`);
    check(/not verified/.test(byName['Cy Tamper'][1]), `the tampered code: ${byName['Cy Tamper'][1]}`);
    check(Number(byName['Ada Right'][2]) === 1 && Number(byName['Bo Wrong'][2]) === 0,
          `scores: Ada ${byName['Ada Right'][2]}, Bo ${byName['Bo Wrong'][2]}`);
    await page.mouse.move(5, 760);
    await sleep(200);
    await shot(page, 'class-debrief.png');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickWidget(page, 'Class:csv')]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    check(csv.length === 4 && /^name,verified,verdict/.test(csv[0]), `${csv.length} lines: ${csv[0]}`);
    check(csv.some((l) => l.startsWith('Ada Right,yes,verified')) && csv.some((l) => l.startsWith('Cy Tamper,no,not verified')), 'rows');
    noErrors(inst);
    return `${s.texts['class.debrief.summary']}; ${download.suggestedFilename()}: ${csv.length - 1} rows`;
  });
  await inst.context.close();
}
