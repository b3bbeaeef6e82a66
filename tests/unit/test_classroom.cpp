// test_classroom.cpp: the classroom's documents and checks (web/classroom.h, issue 14): assignments
// (JSON and link round trips, located errors, fingerprints), result codes (round trip, corrupt codes,
// length for 5 rounds), rounds as budget years, the truth and scores, and verification: a code whose
// decisions reproduce its outcomes is verified, a tampered one is not, another assignment or another
// model version is reported as such.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/sweep.h"
#include "tests/unit/fixtures.h"
#include "web/classroom.h"

using namespace orgsim;
using namespace orgsim::ui;
using orgsim::testing::Preset;

namespace {

/// Two structures of the gallery, 2 rounds, 3 replications: small enough to run often.
Assignment TwoStructures() {
    Assignment a;
    a.title = "Who should the CIO report to?";
    a.instructions = "Choose a structure, predict, then run two budget years.";
    a.structures = {Preset("cio_reports_to_cfo.json"), Preset("cio_reports_to_ceo.json")};
    a.choose_structure = true;
    a.unlocked = {ParamId::SharedKpis, ParamId::SecurityShareOfIt, ParamId::ShadowItPolicy};
    Question q1;
    q1.kind = QuestionKind::Choice;
    q1.outcome = SeriesId::LaunchedWithin26;
    q1.year = 2;
    Question q2;
    q2.kind = QuestionKind::Number;
    q2.outcome = SeriesId::Trust;
    q2.year = 1;
    q2.structure = 1;
    q2.tolerance = 0.1;
    a.questions = {q1, q2};
    a.rounds = 2;
    a.replications = 3;
    a.seed = 7;
    a.reflection = "What would you change next year, and why?";
    return a;
}

Decisions Play() {
    Decisions d;
    d.structure = 1;
    d.rounds = {{{ParamId::SharedKpis, 1.0}}, {{ParamId::SecurityShareOfIt, 0.15}, {ParamId::ShadowItPolicy, 2.0}}};
    return d;
}

Submission Submit(const Assignment& a, const std::string& name, const Decisions& d) {
    Submission s;
    s.model = kModelVersion;
    s.assignment = AssignmentFingerprint(a);
    s.name = name;
    s.decisions = d;
    s.predictions = {Prediction{true, 1, 0.0}, Prediction{true, -1, 0.42}};
    s.outcome_hash = OutcomeHash(RunStudent(a, name, d, static_cast<int>(d.rounds.size())));
    s.reflection = "Shared goals first.";
    return s;
}

bool Has(const std::vector<Problem>& ps, const std::string& where, const std::string& words = "") {
    for (const Problem& p : ps)
        if (p.where == where && p.message.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("classroom: an assignment survives its file and its link; the fingerprint names it") {
    const Assignment a = TwoStructures();
    REQUIRE(ValidateAssignment(a).empty());
    const std::string text = WriteAssignment(a);
    const AssignmentResult back = ReadAssignment(text);
    REQUIRE_MESSAGE(back.ok(), back.Report());
    CHECK(*back.assignment == a);
    CHECK(back.model == kModelVersion);
    CHECK(WriteAssignment(*back.assignment) == text);
    CHECK(AssignmentFingerprint(*back.assignment) == AssignmentFingerprint(a));

    const std::string link = EncodeAssignmentFragment(a);
    CHECK(IsAssignmentFragment(link));
    CHECK(IsAssignmentFragment("#" + link));
    CHECK_FALSE(IsAssignmentFragment("w=abc"));
    const AssignmentResult opened = DecodeAssignmentFragment("#" + link);
    REQUIRE_MESSAGE(opened.ok(), opened.Report());
    CHECK(*opened.assignment == a);

    // Any change is another assignment.
    Assignment b = a;
    b.unlocked.pop_back();
    CHECK(AssignmentFingerprint(b) != AssignmentFingerprint(a));
    b = a;
    b.seed = 8;
    CHECK(AssignmentFingerprint(b) != AssignmentFingerprint(a));
    b = a;
    b.structures[1].params.Set(ParamId::SharedKpis, 1.0);
    CHECK(AssignmentFingerprint(b) != AssignmentFingerprint(a));
}

TEST_CASE("classroom: a bad assignment is refused with where and what") {
    Assignment a = TwoStructures();
    a.rounds = 6;
    CHECK(Has(ValidateAssignment(a), "/rounds", "outside"));
    a = TwoStructures();
    a.unlocked.push_back(ParamId::IdeasPerWeek);
    CHECK(Has(ValidateAssignment(a), "/unlocked/3", "not a lever"));
    a = TwoStructures();
    a.unlocked.push_back(ParamId::SharedKpis);
    CHECK(Has(ValidateAssignment(a), "/unlocked/3", "twice"));
    a = TwoStructures();
    a.questions[0].year = 3;
    CHECK(Has(ValidateAssignment(a), "/questions/0/year"));
    a = TwoStructures();
    a.structures.pop_back();
    CHECK(Has(ValidateAssignment(a), "/questions/0/kind", "two or more"));
    CHECK(Has(ValidateAssignment(a), "/choose_structure"));
    a = TwoStructures();
    a.questions[1].outcome = SeriesId::Headcount;
    CHECK(Has(ValidateAssignment(a), "/questions/1/outcome"));
    a = TwoStructures();
    a.structures[0].units[1].parent = "nobody";
    CHECK(Has(ValidateAssignment(a), "/structures/0/org/units/1/parent"));

    CHECK(Has(ReadAssignment("{").problems, "line 1, column 2"));
    CHECK(Has(ReadAssignment("[]").problems, "/", "object"));
    CHECK(Has(ReadAssignment(R"({"format": "orgsim-assignment/9"})").problems, "/format", "unsupported"));
    std::string text = WriteAssignment(TwoStructures());
    const std::string rounds_key = "\"rounds\": 2";
    REQUIRE(text.find(rounds_key) != std::string::npos);
    std::string bad = text;
    bad.replace(bad.find(rounds_key), rounds_key.size(), "\"rounds\": \"two\"");
    CHECK(Has(ReadAssignment(bad).problems, "/rounds", "whole number"));
    bad = text;
    bad.replace(bad.find("\"shared_kpis\",") != std::string::npos ? bad.find("\"shared_kpis\",") : 0, 14, "\"no_lever\",");
    CHECK(Has(ReadAssignment(bad).problems, "/unlocked/0", "unknown lever"));
    CHECK(Has(DecodeAssignmentFragment("assign=").problems, "link", "empty"));
    CHECK(Has(DecodeAssignmentFragment("assign=%%%").problems, "link", "damaged"));
    CHECK(Has(DecodeAssignmentFragment("w=abc").problems, "link", "does not hold an assignment"));
}

TEST_CASE("classroom: rounds are budget years: round 2's decisions leave year 1 as it was") {
    const Assignment a = TwoStructures();
    const Decisions d = Play();
    const RoundResults one = RunStudent(a, "Ada", d, 1);
    const RoundResults two = RunStudent(a, "Ada", d, 2);
    REQUIRE(one.mean.size() == 1);
    REQUIRE(two.mean.size() == 2);
    CHECK(one.mean[0] == two.mean[0]);  // bit for bit: the same run up to week 52
    const Scenario s = StudentScenario(a, "Ada", d, 2);
    CHECK(s.horizon_weeks == 104);
    CHECK(s.params[ParamId::SharedKpis] == 1.0);
    REQUIRE(s.schedule.size() == 1);
    CHECK(s.schedule[0].week == 52);
    // Without round 2's decisions, year 2 differs (security and the shadow-IT policy changed).
    Decisions only_first = d;
    only_first.rounds[1].clear();
    CHECK(RunStudent(a, "Ada", only_first, 2).mean[1] != two.mean[1]);
    // The seed: one for the class, or each student's own.
    CHECK(RunStudent(a, "Grace", d, 1).mean == one.mean);
    Assignment own = a;
    own.seed_per_student = true;
    CHECK(StudentSeed(own, "Ada") != StudentSeed(own, "Grace"));
    CHECK(RunStudent(own, "Grace", d, 1).mean != RunStudent(own, "Ada", d, 1).mean);
}

TEST_CASE("classroom: the same results on one thread or several") {
    const Assignment a = TwoStructures();
    const ParallelFor threads = [](int n, const std::function<void(int)>& body) {
        std::vector<std::thread> pool;
        for (int i = 0; i < n; ++i) pool.emplace_back(body, i);
        for (auto& t : pool) t.join();
    };
    CHECK(OutcomeHash(RunStudent(a, "Ada", Play(), 2, threads)) == OutcomeHash(RunStudent(a, "Ada", Play(), 2)));
}

TEST_CASE("classroom: a re-simulation as an experiment with yearly checkpoints (the worker pool's way) gives RunStudent's results bit for bit") {
    const Assignment a = TwoStructures();
    for (const int rounds : {1, 2}) {
        CAPTURE(rounds);
        const RoundResults direct = RunStudent(a, "Ada", Play(), rounds);
        // The experiment a debrief gives the Runner: one scenario, checkpoints every budget year, its
        // tasks accepted out of order as workers deliver them.
        Experiment e({StudentScenario(a, "Ada", Play(), rounds)}, a.replications, kWeeksPerRound * rounds, false);
        REQUIRE(e.SetCheckpointEvery(kWeeksPerRound));
        std::vector<ReplicationResult> results;
        for (int t = 0; t < e.TaskCount(); ++t) results.push_back(e.RunTask(t));
        for (int t = e.TaskCount() - 1; t >= 0; --t) REQUIRE(e.Accept(results[static_cast<std::size_t>(t)]));
        const RoundResults pooled = RoundResultsOf(e, rounds);
        CHECK(pooled.mean == direct.mean);
        CHECK(pooled.lo == direct.lo);
        CHECK(pooled.hi == direct.hi);
        CHECK(OutcomeHash(pooled) == OutcomeHash(direct));
        // And both are one world stepped a budget year at a time (what a student's page runs).
        const Scenario s = StudentScenario(a, "Ada", Play(), rounds);
        double sum = 0.0;
        for (int rep = 0; rep < a.replications; ++rep) {
            World w(s, rep);
            w.StepWeeks(kWeeksPerRound);
            sum += w.Series(ClassOutcomes()[0]).back();
        }
        CHECK(direct.mean[0][0] == doctest::Approx(sum / a.replications).epsilon(1e-12));
    }
    // Split in two steps, a check concludes as CheckSubmission does.
    const Truth truth = ComputeTruth(a);
    const Submission honest = Submit(a, "Ada", Play());
    int rounds = 0;
    Checked c = PrecheckSubmission(a, truth, honest, &rounds);
    REQUIRE(rounds == 2);
    ConcludeCheck(a, c, RunStudent(a, "Ada", Play(), rounds));
    const Checked whole = CheckSubmission(a, truth, honest);
    CHECK(c.verdict == Verdict::Verified);
    CHECK(c.verdict == whole.verdict);
    CHECK(c.score == whole.score);
    CHECK(c.results.mean == whole.results.mean);
    // A submission that needs no run says so.
    Submission other = honest;
    other.model = "orgsim-model/0";
    CHECK(PrecheckSubmission(a, truth, other, &rounds).verdict == Verdict::OtherModel);
    CHECK(rounds == 0);
}

TEST_CASE("classroom: the truth is the structures as set, at the class seed; predictions score 1, 0.5 or 0") {
    const Assignment a = TwoStructures();
    const Truth t = ComputeTruth(a);
    REQUIRE(t.choice.size() == 2);
    REQUIRE(t.structure_means[0].size() == 2);
    const bool higher = SeriesTable()[static_cast<std::size_t>(SeriesId::LaunchedWithin26)].higher_is_better;
    const double m0 = t.structure_means[0][0], m1 = t.structure_means[0][1];
    CHECK(t.choice[0] == ((higher ? m1 > m0 : m1 < m0) ? 1 : 0));
    CHECK(t.choice[1] == -1);
    CHECK(t.number[1] == t.structure_means[1][1]);
    // Independent of the students: a plain run of structure 1 for 1 year.
    Decisions none;
    none.structure = 1;
    const auto k = static_cast<std::size_t>(std::find(ClassOutcomes().begin(), ClassOutcomes().end(), SeriesId::Trust) - ClassOutcomes().begin());
    CHECK(t.number[1] == RunStudent(a, "", none, 1).mean[0][k]);

    const Question& qc = a.questions[0];
    CHECK(ScorePrediction(qc, Prediction{true, t.choice[0], 0.0}, t, 0) == 1.0);
    CHECK(ScorePrediction(qc, Prediction{true, 1 - t.choice[0], 0.0}, t, 0) == 0.0);
    CHECK(ScorePrediction(qc, Prediction{}, t, 0) == 0.0);
    const Question& qn = a.questions[1];
    const double truth = t.number[1];
    CHECK(ScorePrediction(qn, Prediction{true, -1, truth * 1.05}, t, 1) == 1.0);
    CHECK(ScorePrediction(qn, Prediction{true, -1, truth * 0.85}, t, 1) == 0.5);
    CHECK(ScorePrediction(qn, Prediction{true, -1, truth * 1.5}, t, 1) == 0.0);
}

TEST_CASE("classroom: a result code holds everything it names, and 5 rounds stay under 600 characters") {
    const Assignment a = TwoStructures();
    Submission s = Submit(a, "Ada Lovelace", Play());
    const std::string code = EncodeResultCode(s);
    CHECK(code.rfind("OSC1-", 0) == 0);
    const CodeResult back = DecodeResultCode(code);
    REQUIRE_MESSAGE(back.submission, back.error);
    const Submission& b = *back.submission;
    CHECK(b.model == s.model);
    CHECK(b.assignment == s.assignment);
    CHECK(b.name == s.name);
    CHECK(b.predictions == s.predictions);
    CHECK(b.decisions == s.decisions);
    CHECK(b.outcome_hash == s.outcome_hash);
    CHECK(b.reflection.empty());  // the reflection travels in the file only
    // Spaces and line breaks from a mail program are ignored.
    CHECK(DecodeResultCode(code.substr(0, 20) + "\n  " + code.substr(20)).submission.has_value());

    // The longest: a 60-byte name, 8 number predictions, every lever changed in each of 5 rounds.
    Submission big = s;
    big.name = std::string(kMaxStudentName, 'x');
    big.predictions.assign(kMaxQuestions, Prediction{true, -1, 123456.789});
    big.decisions.rounds.clear();
    for (int r = 0; r < kMaxRounds; ++r) {
        std::vector<std::pair<ParamId, double>> set;
        for (const auto& p : ParamTable())
            if (p.group == ParamGroup::Levers) set.emplace_back(p.id, ClassLeverValue(p.id, p.max));
        big.decisions.rounds.push_back(set);
    }
    const std::string long_code = EncodeResultCode(big);
    MESSAGE("longest code: " << long_code.size() << " characters; this one: " << code.size());
    CHECK(long_code.size() < kMaxCodeChars);
    const CodeResult long_back = DecodeResultCode(long_code);
    REQUIRE_MESSAGE(long_back.submission, long_back.error);
    CHECK(long_back.submission->decisions == big.decisions);
    CHECK(long_back.submission->name == big.name);

    // The file: the code, the reflection and a readable copy.
    const CodeResult file = ReadSubmission(WriteSubmissionFile(s));
    REQUIRE_MESSAGE(file.submission, file.error);
    CHECK(file.submission->reflection == s.reflection);
    CHECK(file.submission->decisions == s.decisions);
    CHECK(ReadSubmission(code).submission.has_value());
}

TEST_CASE("classroom: corrupt codes and files give a clear error, never a crash") {
    const std::string code = EncodeResultCode(Submit(TwoStructures(), "Ada", Play()));
    CHECK(DecodeResultCode("").error.find("empty") != std::string::npos);
    CHECK(DecodeResultCode("hello").error.find("not an OrgSim result code") != std::string::npos);
    CHECK(DecodeResultCode(code.substr(0, code.size() - 6)).error.find("damaged") != std::string::npos);
    CHECK(DecodeResultCode(code + "AAAA").error.find("damaged") != std::string::npos);
    CHECK(DecodeResultCode("OSC1-").error.find("damaged") != std::string::npos);
    CHECK(DecodeResultCode("OSC1-" + std::string(2000, 'A')).error.find("not a result code") != std::string::npos);
    // Every single-character change is caught (checksum or encoding).
    int caught = 0, tried = 0;
    for (std::size_t i = 5; i < code.size(); ++i) {
        std::string bad = code;
        bad[i] = bad[i] == 'A' ? 'B' : 'A';
        const CodeResult r = DecodeResultCode(bad);
        ++tried;
        caught += r.submission ? 0 : 1;
        CHECK_MESSAGE(r.submission.has_value() != !r.error.empty(), "position " << i);
    }
    CHECK(caught == tried);
    CHECK(!ReadSubmission("{\"format\": \"orgsim-submission/1\"}").error.empty());
    CHECK(ReadSubmission("{\"format\": \"x\"}").error.find("not a student's submission") != std::string::npos);
    CHECK(ReadSubmission("{").error.find("line 1") != std::string::npos);
}

TEST_CASE("classroom: a debrief verifies honest codes and flags tampered ones, other assignments and other versions") {
    const Assignment a = TwoStructures();
    const Truth truth = ComputeTruth(a);
    const Submission honest = Submit(a, "Ada", Play());
    const Checked ok = CheckSubmission(a, truth, DecodeResultCode(EncodeResultCode(honest)).submission.value(), SerialFor);
    CHECK(ok.verdict == Verdict::Verified);
    CHECK(ok.results.mean.size() == 2);
    CHECK(ok.score == doctest::Approx((ScorePrediction(a.questions[0], honest.predictions[0], truth, 0) +
                                       ScorePrediction(a.questions[1], honest.predictions[1], truth, 1)) / 2.0));

    // Better outcomes claimed than the decisions give.
    Submission t1 = honest;
    t1.outcome_hash ^= 1;
    CHECK(CheckSubmission(a, truth, t1).verdict == Verdict::NotReproduced);
    // Other decisions claimed for the same outcomes.
    Submission t2 = honest;
    t2.decisions.rounds[1][0].second = 0.2;
    CHECK(CheckSubmission(a, truth, t2).verdict == Verdict::NotReproduced);
    // A locked lever, a locked structure, a round too many.
    Submission t3 = honest;
    t3.decisions.rounds[0].emplace_back(ParamId::CoLocation, 2.0);
    const Checked c3 = CheckSubmission(a, truth, t3);
    CHECK(c3.verdict == Verdict::Invalid);
    CHECK(c3.detail.find("co_location is locked") != std::string::npos);
    Assignment locked = a;
    locked.choose_structure = false;
    Submission t4 = Submit(locked, "Ada", Play());
    CHECK(CheckSubmission(locked, ComputeTruth(locked), t4).verdict == Verdict::Invalid);
    Submission t5 = honest;
    t5.decisions.rounds.push_back({});
    CHECK(CheckSubmission(a, truth, t5).verdict == Verdict::Invalid);
    // Another assignment; another version of the model (named with both versions, not as tampering).
    Assignment other = a;
    other.seed = 99;
    CHECK(CheckSubmission(other, truth, honest).verdict == Verdict::OtherAssignment);
    Submission old = honest;
    old.model = "orgsim-model/1.0";
    const Checked c6 = CheckSubmission(a, truth, DecodeResultCode(EncodeResultCode(old)).submission.value());
    CHECK(c6.verdict == Verdict::OtherModel);
    CHECK(c6.detail.find("orgsim-model/1.0") != std::string::npos);
    CHECK(c6.detail.find(kModelVersion) != std::string::npos);
    CHECK(c6.detail.find("not a sign of tampering") != std::string::npos);

    // The gradebook: a header and a row per student, verified or not.
    const std::string csv = GradebookCsv(a, truth, {ok, CheckSubmission(a, truth, t1)});
    int lines = 0;
    for (char ch : csv) lines += ch == '\n' ? 1 : 0;
    CHECK(lines == 3);
    CHECK(csv.find("Ada,yes,verified") != std::string::npos);
    CHECK(csv.find("Ada,no,not verified") != std::string::npos);
    CHECK(csv.find("security_share_of_it=") != std::string::npos);
}

TEST_CASE("classroom: a student's work in progress survives storage; classroom files are told apart") {
    const Assignment a = TwoStructures();
    const std::uint64_t fp = AssignmentFingerprint(a);
    StudentWork w;
    w.name = "Ada";
    w.locked = true;
    w.predictions = {Prediction{true, 1, 0.0}, Prediction{true, -1, 0.4321}};
    w.structure_chosen = true;
    w.decisions = Play();
    w.next = {{ParamId::SharedKpis, 1.0}, {ParamId::SecurityShareOfIt, 0.15}};
    w.results = RunStudent(a, w.name, w.decisions, 2);
    w.reflection = "Shared goals first.";
    const std::string text = WriteStudentWork(w, fp);
    const std::optional<StudentWork> back = ReadStudentWork(text, a);
    REQUIRE(back.has_value());
    CHECK(*back == w);
    CHECK(OutcomeHash(back->results) == OutcomeHash(w.results));  // bit for bit: the code made after a reload is the same
    // Another assignment's work, damaged text, and results that do not fit the rounds.
    Assignment other = a;
    other.seed = 99;
    CHECK(!ReadStudentWork(text, other).has_value());
    CHECK(!ReadStudentWork("{", a).has_value());
    StudentWork short_results = w;
    short_results.results.mean.pop_back();
    const std::optional<StudentWork> redo = ReadStudentWork(WriteStudentWork(short_results, fp), a);
    REQUIRE(redo.has_value());
    CHECK(redo->decisions.rounds.empty());
    // File kinds.
    CHECK(ClassFileKindOf(WriteAssignment(a)) == ClassFileKind::Assignment);
    Submission s = Submit(a, "Ada", Play());
    CHECK(ClassFileKindOf(WriteSubmissionFile(s)) == ClassFileKind::Submission);
    CHECK(ClassFileKindOf("{\"format\": \"orgsim-workspace/1\"}") == ClassFileKind::Other);
    CHECK(ClassFileKindOf("not json") == ClassFileKind::Other);
}

TEST_CASE("classroom: the class summary counts verified students only: predictions, decisions by round, outcomes, best and median") {
    const Assignment a = TwoStructures();
    const Truth truth = ComputeTruth(a);
    // Four students: two finish with different decisions, one stops after round 1, one is tampered.
    Decisions d1 = Play();                     // structure 1; shared goals, then security 15% and policy 2
    Decisions d2;
    d2.structure = 0;
    d2.rounds = {{}, {{ParamId::SharedKpis, 1.0}}};  // changes nothing in year 1, shared goals in year 2
    Decisions d3;
    d3.structure = 1;
    d3.rounds = {{{ParamId::SecurityShareOfIt, 0.2}}};  // one round only
    Submission s1 = Submit(a, "Ann", d1), s2 = Submit(a, "Ben", d2), s3 = Submit(a, "Cat", d3), s4 = Submit(a, "Dan", d1);
    s2.predictions = {Prediction{true, truth.choice[0] == 0 ? 1 : 0, 0.0}, Prediction{false, -1, 0.0}};  // wrong, unanswered
    s3.predictions[1].number = truth.number[1];                                                      // exactly right
    s4.outcome_hash ^= 1;  // tampered
    std::vector<Checked> checked;
    for (const Submission& s : {s1, s2, s3, s4}) checked.push_back(CheckSubmission(a, truth, s));
    REQUIRE(checked[3].verdict == Verdict::NotReproduced);

    const ClassSummary sum = SummariseClass(a, checked);
    CHECK(sum.rows == std::vector<std::size_t>{0, 1, 2});
    // Predictions: question 1 is a choice answered by all three, question 2 a number answered by two.
    REQUIRE(sum.questions.size() == 2);
    CHECK(sum.questions[0].answered == 3);
    const int right_choice = truth.choice[0];
    CHECK(sum.questions[0].choice_counts[static_cast<std::size_t>(right_choice)] == (right_choice == 1 ? 2 : 1));
    CHECK(sum.questions[0].right == (right_choice == 1 ? 2 : 1));
    CHECK(sum.questions[1].answered == 2);
    CHECK(sum.questions[1].numbers.size() == 2);
    CHECK(sum.questions[1].numbers.front() <= sum.questions[1].numbers.back());
    CHECK(sum.questions[1].right >= 1);  // Cat's exact answer
    CHECK(sum.structure_counts == std::vector<int>{1, 2});
    // Decisions: round 1 played by 3, round 2 by 2; shared goals changed by Ann in round 1 and Ben in round 2.
    REQUIRE(sum.decisions.size() == 2);
    const ClassSummary::LeverRound& kpi1 = sum.decisions[0][0];
    CHECK(kpi1.id == ParamId::SharedKpis);
    CHECK(kpi1.players == 3);
    CHECK(kpi1.changed == 1);
    const ClassSummary::LeverRound& kpi2 = sum.decisions[1][0];
    CHECK(kpi2.players == 2);
    CHECK(kpi2.changed == 1);
    CHECK(kpi2.mean == doctest::Approx(1.0));  // Ann keeps it on, Ben turns it on
    CHECK(kpi2.counts == std::vector<int>{0, 2});
    CHECK(sum.decisions[0][2].counts.size() == Options(ParamId::ShadowItPolicy).size());
    const ClassSummary::LeverRound& sec1 = sum.decisions[0][1];
    CHECK(sec1.changed == 1);
    CHECK(sec1.max == doctest::Approx(0.2));
    // Outcomes: only the two who finished both rounds.
    CHECK(sum.finished == std::vector<std::size_t>{0, 1});
    REQUIRE(sum.final.size() == ClassOutcomes().size());
    CHECK(sum.final[0].size() == 2);
    CHECK(sum.final[0][0] == checked[0].results.mean.back()[0]);
    // Best and median by the outcome's better direction; ranks agree.
    const Standing profit = BestAndMedian(sum, SeriesId::OperatingProfit);
    const bool ann_better = checked[0].results.mean.back()[0] >= checked[1].results.mean.back()[0];
    CHECK(profit.best == (ann_better ? 0 : 1));
    CHECK(profit.median == (ann_better ? 1 : 0));
    CHECK(RankOn(sum, SeriesId::OperatingProfit, static_cast<std::size_t>(profit.best)) == 1);
    CHECK(RankOn(sum, SeriesId::OperatingProfit, 2) == 0);  // Cat did not finish
    const std::size_t ttm = 2;  // time to market: lower is better
    REQUIRE(ClassOutcomes()[ttm] == SeriesId::TimeToMarket);
    const Standing fast = BestAndMedian(sum, SeriesId::TimeToMarket);
    const double a_ttm = sum.final[ttm][0], b_ttm = sum.final[ttm][1];
    CHECK(fast.best == (a_ttm <= b_ttm ? 0 : 1));
    CHECK(fast.median == (a_ttm <= b_ttm ? 1 : 0));  // of two, the median is the lower of the middle pair
    // The levers in force: Ben keeps the structure's own values in year 1.
    const auto ben = LeversInForce(a, d2);
    REQUIRE(ben.size() == 2);
    CHECK(ben[0][0] == a.structures[0].params.Get(ParamId::SharedKpis));
    CHECK(ben[1][0] == 1.0);
    // No one finished: no best.
    CHECK(BestAndMedian(SummariseClass(a, {checked[2], checked[3]}), SeriesId::Trust).best == -1);
}
