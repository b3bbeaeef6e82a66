// test_workspace.cpp: the app's documents (web/workspace.h): validated edits, refusals that change
// nothing, undo/redo, slots, and runs in slices.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <memory>

#include "tests/unit/fixtures.h"
#include "sim/explain.h"
#include "web/pool_codec.h"
#include "web/workspace.h"

using namespace orgsim;
using namespace orgsim::ui;

TEST_CASE("workspace: a valid edit applies and undoes; an invalid one is refused and changes nothing") {
    Workspace ws;
    REQUIRE(ws.SetBaseline(testing::Default(), "default").ok);
    const std::string before = WriteScenario(ws.ActiveScenario());
    const std::uint64_t rev = ws.Revision();

    // The CIO's unit (IT) moves from Finance to the executive office.
    REQUIRE(ws.Reparent("it", "exec").ok);
    CHECK(ws.ActiveScenario().BossOf(Role::Cio) == Role::Ceo);
    CHECK(ws.Revision() > rev);
    CHECK(ws.CanUndo());
    CHECK(ws.UndoLabel() == "Moved IT under Executive office");

    // Moving the executive office under IT would be a cycle: refused, scenario untouched.
    const std::string after_move = WriteScenario(ws.ActiveScenario());
    const std::uint64_t rev2 = ws.Revision();
    const EditResult r = ws.Reparent("exec", "it");
    CHECK_FALSE(r.ok);
    CHECK(r.message.find("cycle") != std::string::npos);
    CHECK(WriteScenario(ws.ActiveScenario()) == after_move);
    CHECK(ws.Revision() == rev2);

    REQUIRE(ws.Undo());
    CHECK(WriteScenario(ws.ActiveScenario()) == before);
    CHECK(ws.CanRedo());
    REQUIRE(ws.Redo());
    CHECK(WriteScenario(ws.ActiveScenario()) == after_move);
}

TEST_CASE("runner: replications in slices reach the same results as one run") {
    Workspace ws;
    Scenario s = testing::Default();
    s.replications = 3;
    s.horizon_weeks = 30;
    REQUIRE(ws.SetBaseline(s, "default").ok);
    REQUIRE(ws.Reparent("it", "exec").ok == true);
    REQUIRE(ws.Undo());
    REQUIRE(ws.DuplicateActive().ok);
    REQUIRE(ws.Reparent("it", "exec").ok);
    Runner runner;
    runner.Start(ws);
    int slices = 0;
    while (runner.Slice(0.01)) ++slices;
    CHECK(slices > 1);
    REQUIRE(runner.Results() != nullptr);
    CHECK(runner.Results()->Done());
    CHECK(runner.ResultsRevision() == ws.Revision());
    Experiment direct({ws.GetScenario(0), ws.GetScenario(1)}, 3, 30, false);
    direct.RunAll();
    CHECK(direct.CombinedHash(0) == runner.Results()->CombinedHash(0));
    CHECK(direct.CombinedHash(1) == runner.Results()->CombinedHash(1));
}

namespace {

// A workspace with the default preset as its baseline.
Workspace DefaultWorkspace() {
    Workspace ws;
    REQUIRE(ws.SetBaseline(testing::Default(), "default").ok);
    return ws;
}

// A refused command: not ok, has a message containing `needle`, and changes neither the scenario
// nor the revision nor the history.
void CheckRefused(Workspace& ws, const std::function<EditResult(Workspace&)>& command, const std::string& needle) {
    const std::string before = WriteScenario(ws.ActiveScenario());
    const std::uint64_t rev = ws.Revision();
    const std::size_t undo = ws.GetSlot(ws.Active()).undo.size();
    const EditResult r = command(ws);
    CHECK_FALSE(r.ok);
    INFO("message: " << r.message);
    CHECK(r.message.find(needle) != std::string::npos);
    CHECK(WriteScenario(ws.ActiveScenario()) == before);
    CHECK(ws.Revision() == rev);
    CHECK(ws.GetSlot(ws.Active()).undo.size() == undo);
}

const Unit& UnitById(const Workspace& ws, const std::string& id) {
    const int i = ws.ActiveScenario().FindUnit(id);
    REQUIRE(i >= 0);
    return ws.ActiveScenario().units[static_cast<std::size_t>(i)];
}

}  // namespace

TEST_CASE("workspace: reparent refusals (unknown ids, itself, a descendant)") {
    Workspace ws = DefaultWorkspace();
    CheckRefused(ws, [](Workspace& w) { return w.Reparent("nope", "exec"); }, "no unit 'nope'");
    CheckRefused(ws, [](Workspace& w) { return w.Reparent("it", "nope"); }, "no unit 'nope'");
    CheckRefused(ws, [](Workspace& w) { return w.Reparent("it", "it"); }, "cannot report to itself");
    CheckRefused(ws, [](Workspace& w) { return w.Reparent("finance", "it_security"); }, "cycle");
    // Moving a unit under its current parent changes nothing and records no history.
    const std::uint64_t rev = ws.Revision();
    CHECK(ws.Reparent("it", "finance").ok);
    CHECK(ws.Revision() == rev);
    CHECK_FALSE(ws.CanUndo());
}

TEST_CASE("workspace: dotted lines toggle on and off; a line to itself is refused") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.ToggleDotted("analytics", "it").ok);
    CHECK(UnitById(ws, "analytics").dotted == std::vector<std::string>{"it"});
    CHECK(ws.UndoLabel().find("Added dotted line ") == 0);
    REQUIRE(ws.ToggleDotted("analytics", "it").ok);
    CHECK(UnitById(ws, "analytics").dotted.empty());
    CHECK(ws.UndoLabel().find("Removed dotted line") == 0);
    CheckRefused(ws, [](Workspace& w) { return w.ToggleDotted("analytics", "analytics"); }, "itself");
    CheckRefused(ws, [](Workspace& w) { return w.ToggleDotted("analytics", "nope"); }, "no such unit");
    // Reparenting onto a dotted parent turns the dotted line into the solid one.
    REQUIRE(ws.ToggleDotted("analytics", "it").ok);
    REQUIRE(ws.Reparent("analytics", "it").ok);
    CHECK(UnitById(ws, "analytics").parent == "it");
    CHECK(UnitById(ws, "analytics").dotted.empty());
}

TEST_CASE("workspace: add a CDO, a CMT and a CISO once each") {
    Workspace ws = DefaultWorkspace();
    const int units = static_cast<int>(ws.ActiveScenario().units.size());
    REQUIRE(ws.AddHeadUnit(Role::Cdo).ok);
    const int cdo = ws.ActiveScenario().UnitOf(Role::Cdo);
    REQUIRE(cdo >= 0);
    CHECK(ws.ActiveScenario().units[static_cast<std::size_t>(cdo)].parent == "exec");  // under the CEO
    CHECK(ws.ActiveScenario().units[static_cast<std::size_t>(cdo)].function == Function::Digital);
    REQUIRE(ws.AddHeadUnit(Role::Cmt).ok);
    const Unit& cmt = ws.ActiveScenario().units[static_cast<std::size_t>(ws.ActiveScenario().UnitOf(Role::Cmt))];
    CHECK(cmt.parent == "marketing");  // in marketing by default
    CHECK(cmt.dotted == std::vector<std::string>{"it"});  // with a dotted line to IT
    REQUIRE(ws.AddHeadUnit(Role::Ciso, "it").ok);
    CHECK(ws.ActiveScenario().units[static_cast<std::size_t>(ws.ActiveScenario().UnitOf(Role::Ciso))].parent == "it");
    CHECK(static_cast<int>(ws.ActiveScenario().units.size()) == units + 3);
    CHECK(ws.UndoLabel() == "Added a CISO under IT");
    CheckRefused(ws, [](Workspace& w) { return w.AddHeadUnit(Role::Cdo); }, "already a CDO");
    CheckRefused(ws, [](Workspace& w) { return w.AddHeadUnit(Role::Cio); }, "Only a CDO, a CMT or a CISO");
    CheckRefused(ws, [](Workspace& w) { return w.AddHeadUnit(Role::None); }, "Only a CDO, a CMT or a CISO");
    // Undo takes them away again, newest first.
    REQUIRE(ws.Undo());
    CHECK(ws.ActiveScenario().UnitOf(Role::Ciso) < 0);
    CHECK(ws.ActiveScenario().UnitOf(Role::Cmt) >= 0);
}

TEST_CASE("workspace: remove a unit (children move up); the root cannot be removed") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.ToggleDotted("analytics", "it").ok);
    REQUIRE(ws.RemoveUnit("it").ok);
    CHECK(ws.ActiveScenario().FindUnit("it") < 0);
    CHECK(UnitById(ws, "it_security").parent == "finance");  // moved up to IT's parent
    CHECK(UnitById(ws, "analytics").dotted.empty());          // dotted lines to IT are gone
    CHECK(ws.UndoLabel() == "Removed IT");
    CheckRefused(ws, [](Workspace& w) { return w.RemoveUnit("exec"); }, "top of the chart");
    CheckRefused(ws, [](Workspace& w) { return w.RemoveUnit("nope"); }, "no unit 'nope'");
    REQUIRE(ws.Undo());
    CHECK(UnitById(ws, "it_security").parent == "it");
}

TEST_CASE("workspace: headcount and budget edits and their limits") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.SetHeadcount("marketing", 75).ok);
    CHECK(UnitById(ws, "marketing").headcount == 75);
    CHECK(ws.UndoLabel() == "Set headcount of Marketing to 75");
    CheckRefused(ws, [](Workspace& w) { return w.SetHeadcount("marketing", -1); }, "Headcount must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetHeadcount("marketing", kMaxUnitHeadcount + 1); }, "Headcount must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetHeadcount("nope", 5); }, "no unit");
    REQUIRE(ws.SetBudget("it", 12.5).ok);
    CHECK(UnitById(ws, "it").budget_musd == 12.5);
    CheckRefused(ws, [](Workspace& w) { return w.SetBudget("it", -0.5); }, "Budget must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetBudget("it", std::nan("")); }, "Budget must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetBudget("it", kMaxUnitBudgetMusd * 2); }, "Budget must be between");
}

TEST_CASE("workspace: parameters are checked against the parameter table") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.SetParam(ParamId::ApprovalCadenceWeeks, 8.0).ok);
    CHECK(ws.ActiveScenario().params[ParamId::ApprovalCadenceWeeks] == 8.0);
    CHECK(ws.UndoLabel().find("Set Approval cadence") == 0);
    CheckRefused(ws, [](Workspace& w) { return w.SetParam(ParamId::ApprovalCadenceWeeks, 99.0); }, "Approval cadence");
    CheckRefused(ws, [](Workspace& w) { return w.SetParam(ParamId::ApprovalCadenceWeeks, 0.0); }, "Approval cadence");
}

TEST_CASE("workspace: run settings apply to every slot; invalid ones are refused") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.DuplicateActive().ok);
    REQUIRE(ws.SetRunSettings(7, 104, 20).ok);
    for (int i = 0; i < ws.SlotCount(); ++i) {
        CHECK(ws.GetScenario(i).seed == 7u);
        CHECK(ws.GetScenario(i).horizon_weeks == 104);
        CHECK(ws.GetScenario(i).replications == 20);
        CHECK(ws.GetSlot(i).undo.back().label == "Changed the run settings");
    }
    CHECK(ws.Active() == 1);  // the active slot is kept
    CheckRefused(ws, [](Workspace& w) { return w.SetRunSettings(7, 0, 20); }, "horizon must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetRunSettings(7, kMaxHorizonWeeks + 1, 20); }, "horizon must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetRunSettings(7, 104, 0); }, "Replications must be between");
    CheckRefused(ws, [](Workspace& w) { return w.SetRunSettings(7, 104, kMaxReplications + 1); }, "Replications must be between");
}

TEST_CASE("workspace: slots: alternatives, the four-slot limit, closing, the active slot") {
    Workspace ws;
    CHECK(ws.Empty());
    CHECK_FALSE(ws.DuplicateActive().ok);
    CHECK_FALSE(ws.Reparent("it", "exec").ok);  // nothing open
    REQUIRE(ws.SetBaseline(testing::Default(), "default").ok);
    CHECK(Workspace::SlotLabel(0) == "Baseline");
    CHECK(Workspace::SlotLabel(1) == "Alternative B");
    CHECK(Workspace::SlotLabel(3) == "Alternative D");
    REQUIRE(ws.DuplicateActive().ok);
    CHECK(ws.Active() == 1);
    CHECK(ws.ActiveScenario().name == ws.GetScenario(0).name + " (copy)");
    CHECK(ws.GetSlot(1).origin == "default");
    REQUIRE(ws.AddAlternative(testing::Preset("cio_reports_to_ceo.json"), "cio_reports_to_ceo").ok);
    REQUIRE(ws.DuplicateActive().ok);
    CHECK(ws.SlotCount() == kMaxSlots);
    const std::uint64_t rev = ws.Revision();
    const EditResult full = ws.DuplicateActive();
    CHECK_FALSE(full.ok);
    CHECK(full.message.find("Four scenarios") != std::string::npos);
    CHECK(ws.Revision() == rev);
    CHECK_FALSE(ws.RemoveSlot(0).ok);
    CHECK_FALSE(ws.RemoveSlot(4).ok);
    // Closing the active slot activates the one before it; closing an earlier one keeps the same slot.
    ws.SetActive(3);
    REQUIRE(ws.RemoveSlot(3).ok);
    CHECK(ws.Active() == 2);
    CHECK(ws.Revision() > rev);
    REQUIRE(ws.RemoveSlot(1).ok);
    CHECK(ws.Active() == 1);
    CHECK(ws.ActiveScenario().name == testing::Preset("cio_reports_to_ceo.json").name);
    ws.SetActive(9);  // out of range: ignored
    CHECK(ws.Active() == 1);
    // Edits go to the active slot only; each slot has its own history.
    REQUIRE(ws.SetHeadcount("marketing", 61).ok);
    CHECK(ws.CanUndo());
    ws.SetActive(0);
    CHECK_FALSE(ws.CanUndo());
    CHECK(UnitById(ws, "marketing").headcount == 60);
    // A new baseline replaces slot 0 and keeps the alternatives.
    REQUIRE(ws.SetBaseline(testing::Preset("shadow_it_ban.json"), "shadow_it_ban").ok);
    CHECK(ws.SlotCount() == 2);
    CHECK(ws.GetSlot(0).origin == "shadow_it_ban");
}

TEST_CASE("workspace: opening text: problems are listed and nothing changes") {
    Workspace ws = DefaultWorkspace();
    const std::uint64_t rev = ws.Revision();
    std::vector<Problem> problems;
    const EditResult r = ws.OpenText("{\"format\": \"orgsim-scenario/1\", \"name\": 3}", "bad.json", true, &problems);
    CHECK_FALSE(r.ok);
    CHECK(r.message.find("bad.json was not opened") == 0);
    CHECK_FALSE(problems.empty());
    CHECK(ws.SlotCount() == 1);
    CHECK(ws.Revision() == rev);
    REQUIRE(ws.OpenText(WriteScenario(testing::Preset("cio_reports_to_coo.json")), "cio_reports_to_coo", true).ok);
    CHECK(ws.SlotCount() == 2);
    CHECK(ws.Active() == 1);
}

TEST_CASE("workspace: undo and redo: labels, order, redo cleared by a new edit, depth limit") {
    Workspace ws = DefaultWorkspace();
    CHECK_FALSE(ws.Undo());
    CHECK_FALSE(ws.Redo());
    CHECK(ws.UndoLabel().empty());
    REQUIRE(ws.SetHeadcount("sales", 71).ok);
    REQUIRE(ws.SetHeadcount("sales", 72).ok);
    CHECK(ws.UndoLabel() == "Set headcount of Sales to 72");
    std::uint64_t rev = ws.Revision();
    REQUIRE(ws.Undo());
    CHECK(ws.Revision() == rev + 1);
    CHECK(UnitById(ws, "sales").headcount == 71);
    CHECK(ws.RedoLabel() == "Set headcount of Sales to 72");
    CHECK(ws.UndoLabel() == "Set headcount of Sales to 71");
    // A new edit forgets what could be redone.
    REQUIRE(ws.SetHeadcount("sales", 90).ok);
    CHECK_FALSE(ws.CanRedo());
    // Only the last kUndoDepth edits are remembered.
    for (int i = 0; i < kUndoDepth + 25; ++i) REQUIRE(ws.SetHeadcount("sales", 100 + i).ok);
    CHECK(ws.GetSlot(0).undo.size() == static_cast<std::size_t>(kUndoDepth));
    int undone = 0;
    while (ws.Undo()) ++undone;
    CHECK(undone == kUndoDepth);
    CHECK(UnitById(ws, "sales").headcount == 100 + 24);  // the oldest remembered state
    rev = ws.Revision();
    int redone = 0;
    while (ws.Redo()) ++redone;
    CHECK(redone == kUndoDepth);
    CHECK(ws.Revision() == rev + static_cast<std::uint64_t>(kUndoDepth));
    CHECK(UnitById(ws, "sales").headcount == 100 + kUndoDepth + 24);
}

TEST_CASE("runner: the live worlds step together and reset with the workspace") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.SetRunSettings(5, 12, 2).ok);
    REQUIRE(ws.DuplicateActive().ok);
    Runner runner;
    CHECK(runner.LiveCount() == 0);
    CHECK(runner.Live(0) == nullptr);
    CHECK(runner.LiveRevision() == 0);
    runner.ResetLive(ws);
    CHECK(runner.LiveCount() == 2);
    CHECK(runner.LiveRevision() == ws.Revision());
    CHECK(runner.LiveWeek() == 0);
    CHECK(runner.StepLive(5) == 5);
    CHECK(runner.Live(0)->Week() == 5);
    CHECK(runner.Live(1)->Week() == 5);
    // The same scenario and replication give the same world in both slots.
    CHECK(runner.Live(0)->StateHash() == runner.Live(1)->StateHash());
    CHECK(runner.StepLive(100) == 7);  // stops at the horizon
    CHECK(runner.LiveDone());
    // Live stepping equals a World stepped directly.
    World direct(ws.GetScenario(0), 0);
    direct.StepWeeks(12);
    CHECK(direct.StateHash() == runner.Live(0)->StateHash());
    REQUIRE(ws.SetHeadcount("sales", 50).ok);
    CHECK(runner.LiveRevision() != ws.Revision());
    runner.ResetLive(ws);
    CHECK(runner.LiveWeek() == 0);
    CHECK_FALSE(runner.LiveDone());
}

TEST_CASE("runner: slices, progress, cancel and the results revision") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.SetRunSettings(11, 26, 6).ok);
    Runner runner;
    CHECK(runner.Results() == nullptr);
    CHECK_FALSE(runner.Running());
    CHECK_FALSE(runner.Slice(5.0));
    CHECK(runner.ResultsRevision() == 0);
    runner.Start(ws);
    CHECK(runner.Running());
    CHECK(runner.ResultsRevision() == ws.Revision());
    REQUIRE(runner.Results() != nullptr);
    CHECK(runner.Results()->Replications() == 6);
    CHECK(runner.Results()->Weeks() == 26);
    // A tiny budget still makes progress, one slice at a time.
    double progress = runner.Progress();
    CHECK(progress == 0.0);
    runner.Slice(0.001);
    CHECK(runner.Progress() > progress);
    CHECK(runner.Throughput() > 0.0);
    // Cancel stops the run and keeps what was done.
    const int done = runner.Results()->Completed();
    runner.Cancel();
    CHECK_FALSE(runner.Running());
    CHECK_FALSE(runner.Slice(10.0));
    CHECK(runner.Results()->Completed() == done);
    // A change makes the results stale until the next Start.
    REQUIRE(ws.SetHeadcount("sales", 40).ok);
    CHECK(runner.ResultsRevision() != ws.Revision());
    runner.Start(ws);
    CHECK(runner.ResultsRevision() == ws.Revision());
    while (runner.Slice(50.0)) {
    }
    CHECK(runner.Results()->Done());
    CHECK(runner.Progress() == doctest::Approx(1.0));
    CHECK(runner.Results()->Completed() == 6);
    CHECK(runner.Results()->Finals(0, SeriesId::Headcount).size() == 6u);
    // Start uses the baseline's seed for every slot (common random numbers).
    REQUIRE(ws.DuplicateActive().ok);
    runner.Start(ws);
    while (runner.Slice(50.0)) {
    }
    CHECK(runner.Results()->CombinedHash(0) == runner.Results()->CombinedHash(1));
}

// ---- Analyses ("Why?", sensitivity) on the Runner ---------------------------------------------------

namespace {
/// A pool that runs every task when drained, newest first (results arrive out of order), on this thread.
class SyncPool : public TaskPool {
public:
    int Workers() const override { return 1; }
    bool Start(std::uint64_t generation, const Experiment& e) override {
        generation_ = generation;
        experiment_ = &e;
        ++starts;
        return true;
    }
    void Cancel() override {
        experiment_ = nullptr;
        ++cancels;
    }
    void Drain(std::vector<PoolEvent>& out) override {
        if (!experiment_) return;
        for (int t = experiment_->TaskCount() - 1; t >= 0; --t) {
            PoolEvent ev;
            ev.generation = generation_;
            ev.result = experiment_->RunTask(t);
            out.push_back(std::move(ev));
        }
        experiment_ = nullptr;
    }
    int starts = 0, cancels = 0;

private:
    std::uint64_t generation_ = 0;
    const Experiment* experiment_ = nullptr;
};

/// A workspace of the default scenario and an alternative with the CIO under the CEO and a lever changed.
Workspace TwoSlots(int replications) {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.SetRunSettings(5, 52, replications).ok);
    REQUIRE(ws.DuplicateActive().ok);
    REQUIRE(ws.Reparent("it", "exec").ok);
    REQUIRE(ws.SetParam(ParamId::ApprovalCadenceWeeks, 8.0).ok);
    return ws;
}

/// "Why?" as the Compare view runs it: the explainer's hybrids as one analysis batch.
std::unique_ptr<Explainer> StartWhy(Runner& runner, const Workspace& ws) {
    auto ex = std::make_unique<Explainer>(ws.GetScenario(0), ws.GetScenario(1),
                                          std::vector<SeriesId>{SeriesId::TimeToMarket, SeriesId::Trust}, 3, 52);
    REQUIRE(ex->Error().empty());
    AnalysisBatch b{ex->Hybrids(), ex->Replications(), ex->Weeks(), 0, ex->Overrides()};
    runner.StartAnalysis("explain", {b}, ws.Revision());
    return ex;
}

void CheckSameExplanation(const Explanation& got, const Explanation& want) {
    REQUIRE(got.replications == want.replications);
    REQUIRE(got.outcomes.size() == want.outcomes.size());
    for (std::size_t o = 0; o < got.outcomes.size(); ++o) {
        CHECK(got.outcomes[o].total == want.outcomes[o].total);
        REQUIRE(got.outcomes[o].factors.size() == want.outcomes[o].factors.size());
        for (std::size_t i = 0; i < got.outcomes[o].factors.size(); ++i) {
            CHECK(got.outcomes[o].factors[i].shapley == want.outcomes[o].factors[i].shapley);
            CHECK(got.outcomes[o].factors[i].lo == want.outcomes[o].factors[i].lo);
        }
    }
}
}  // namespace

TEST_CASE("runner: an analysis runs after the replications, in slices, and gives `orgsim explain`'s numbers") {
    Workspace ws = TwoSlots(2);
    Runner runner;
    runner.Start(ws);
    auto ex = StartWhy(runner, ws);
    CHECK(runner.Busy());
    CHECK(runner.AnalysisRunning());
    CHECK(runner.AnalysisOwner() == "explain");
    // The replications come first: no analysis progress while they run.
    while (runner.Running()) {
        CHECK(runner.AnalysisProgress() == 0.0);
        runner.Slice(5.0);
    }
    CHECK(runner.Results()->Done());
    while (runner.Slice(5.0)) {
    }
    CHECK_FALSE(runner.Busy());
    REQUIRE(runner.AnalysisDone());
    CHECK(runner.AnalysisProgress() == doctest::Approx(1.0));
    REQUIRE(runner.Analysis().size() == 1u);
    REQUIRE(ex->Absorb(*runner.Analysis()[0]));
    const Explanation got = ex->Result();
    CHECK(got.factors.size() == 2u);
    const Explanation want = Explain(ws.GetScenario(0), ws.GetScenario(1), {SeriesId::TimeToMarket, SeriesId::Trust}, 3, 52);
    CheckSameExplanation(got, want);
    // An experiment of other scenarios is refused.
    Explainer other(ws.GetScenario(0), ws.GetScenario(0), {SeriesId::Trust}, 3, 52);
    CHECK_FALSE(other.Absorb(*runner.Analysis()[0]));
}

TEST_CASE("runner: an analysis on a pool (results out of order) equals the slices; a new run cancels it") {
    Workspace ws = TwoSlots(2);
    SyncPool pool;
    Runner runner;
    runner.SetPool(&pool);
    runner.Start(ws);
    auto ex = StartWhy(runner, ws);
    CHECK(pool.starts == 1);  // the replications only: the analysis waits for them
    while (runner.Slice(5.0)) {
    }
    CHECK(pool.starts == 2);
    REQUIRE(runner.AnalysisDone());
    REQUIRE(ex->Absorb(*runner.Analysis()[0]));
    CheckSameExplanation(ex->Result(), Explain(ws.GetScenario(0), ws.GetScenario(1), {SeriesId::TimeToMarket, SeriesId::Trust}, 3, 52));

    // A new run of the replications (the documents changed) cancels an analysis in progress.
    auto ex2 = StartWhy(runner, ws);
    CHECK(pool.starts == 3);  // nothing else runs: the analysis goes to the pool at once
    CHECK(runner.AnalysisRunning());
    REQUIRE(ws.SetHeadcount("sales", 40).ok);
    runner.Start(ws);
    CHECK(runner.AnalysisCancelled());
    CHECK_FALSE(runner.AnalysisRunning());
    CHECK_FALSE(runner.AnalysisDone());
    while (runner.Slice(5.0)) {
    }
    CHECK(runner.Results()->Done());
    CHECK(pool.starts == 4);  // the new replications; the cancelled analysis is not started again
    CHECK(pool.cancels >= 1);
}

TEST_CASE("runner: analysis batches run one after the other, from their first replication") {
    Workspace ws = DefaultWorkspace();
    REQUIRE(ws.SetRunSettings(9, 26, 2).ok);
    Runner runner;
    const Scenario s = ws.GetScenario(0);
    runner.StartAnalysis("test", {AnalysisBatch{{s}, 2, 26, 0, {}}, AnalysisBatch{{s, s}, 2, 26, 4, {}}}, ws.Revision());
    while (runner.Slice(5.0)) {
    }
    REQUIRE(runner.AnalysisDone());
    const auto& a = runner.Analysis();
    REQUIRE(a.size() == 2u);
    CHECK(a[1]->FirstReplication() == 4);
    Scenario prepared = s;
    prepared.horizon_weeks = 26;
    prepared.replications = 2;
    CHECK(a[0]->Hashes(0)[1] == RunReplication(prepared, 1, false).hash);
    CHECK(a[1]->Hashes(1)[0] == RunReplication(prepared, 4, false).hash);
    CHECK(a[1]->Hashes(0)[1] == RunReplication(prepared, 5, false).hash);
    CHECK(a[1]->Hashes(0)[0] != a[0]->Hashes(0)[0]);
}

TEST_CASE("runner: \"Why?\" by mechanism runs its structure overrides on the pool and in slices, as orgsim explain --by mechanism") {
    Workspace ws = TwoSlots(2);  // the CIO under the CEO: the CIO's boss and the reporting distance differ
    const std::vector<SeriesId> outs{SeriesId::TimeToMarket, SeriesId::ItCost};
    const Explanation want = ExplainByMechanism(ws.GetScenario(0), ws.GetScenario(1), outs, 3, 52);
    REQUIRE(want.factors.size() >= 3u);  // some mechanisms and the residual
    for (bool pooled : {false, true}) {
        CAPTURE(pooled);
        SyncPool pool;
        Runner runner;
        if (pooled) runner.SetPool(&pool);
        Explainer ex(ws.GetScenario(0), ws.GetScenario(1), outs, 3, 52, ExplainBy::Mechanism);
        REQUIRE_FALSE(ex.Overrides().empty());
        runner.StartAnalysis("explain", {AnalysisBatch{ex.Hybrids(), ex.Replications(), ex.Weeks(), 0, ex.Overrides()}}, ws.Revision());
        while (runner.Slice(5.0)) {
        }
        REQUIRE(runner.AnalysisDone());
        REQUIRE(ex.Absorb(*runner.Analysis()[0]));
        CheckSameExplanation(ex.Result(), want);
        // Without its overrides the same worlds are other worlds: refused.
        Runner plain;
        plain.StartAnalysis("explain", {AnalysisBatch{ex.Hybrids(), ex.Replications(), ex.Weeks(), 0, {}}}, ws.Revision());
        while (plain.Slice(5.0)) {
        }
        CHECK_FALSE(ex.Absorb(*plain.Analysis()[0]));
    }
}

TEST_CASE("pool codec: a structure override travels before its scenario's text and malformed ones are refused") {
    StructureOverride o;
    o.structure.distance = 3;
    o.structure.cio_boss = Role::Cfo;
    o.structure.has_cmt = true;
    o.mechanisms = (1u << static_cast<unsigned>(Mechanism::Budget)) | (1u << static_cast<unsigned>(Mechanism::Trust));
    const std::string text = EncodeOverride(o) + "{\"x\":1}";
    bool has = false;
    StructureOverride back;
    std::string json;
    REQUIRE(SplitOverride(text, has, back, json));
    CHECK(has);
    CHECK(json == "{\"x\":1}");
    CHECK(back.structure == o.structure);
    CHECK(back.mechanisms == o.mechanisms);
    REQUIRE(SplitOverride("{\"y\":2}", has, back, json));
    CHECK_FALSE(has);
    CHECK(json == "{\"y\":2}");
    for (const char* bad : {"structure-override 3 2 0 1 0\n{}", "structure-override 3 99 0 1 0 4\n{}", "structure-override 3 2 0 1 0 4096\n{}",
                            "structure-override 3 2 0 1 0 4", "structure-override -1 2 0 1 0 4\n{}", "structure-override 3 2 0 1 0 4 7\n{}"}) {
        CAPTURE(bad);
        CHECK_FALSE(SplitOverride(bad, has, back, json));
    }
}

TEST_CASE("pool codec: a result buffer carries finals, checkpoints and series, and a damaged one is refused") {
    Experiment e({orgsim::testing::Default()}, 1, 60, true);
    REQUIRE(e.SetCheckpointEvery(25));
    const ReplicationResult r = e.RunTask(0);
    REQUIRE(r.checkpoints.size() == 2u * static_cast<std::size_t>(kSeriesCount));
    std::vector<std::uint8_t> bytes;
    EncodeResult(r, bytes);
    CHECK(bytes.size() == ResultBytes(r.checkpoints.size(), r.series.size()));
    ReplicationResult back;
    REQUIRE(DecodeResult(0, bytes.data(), bytes.size(), back));
    CHECK(back.hash == r.hash);
    CHECK(back.finals == r.finals);
    CHECK(back.checkpoints == r.checkpoints);
    CHECK(back.series == r.series);
    CHECK(e.Accept(back));
    // Without checkpoints or series: the smallest buffer.
    Experiment plain({orgsim::testing::Default()}, 1, 10, false);
    const ReplicationResult p = plain.RunTask(0);
    EncodeResult(p, bytes);
    CHECK(bytes.size() == ResultBytes(0, 0));
    REQUIRE(DecodeResult(0, bytes.data(), bytes.size(), back));
    CHECK(back.checkpoints.empty());
    CHECK(back.series.empty());
    // A checkpoint count larger than the buffer, a truncated buffer, a misaligned tail.
    EncodeResult(r, bytes);
    std::vector<std::uint8_t> lying = bytes;
    const std::uint64_t huge = 1ull << 40;
    std::memcpy(lying.data() + 8, &huge, 8);
    CHECK_FALSE(DecodeResult(0, lying.data(), lying.size(), back));
    CHECK_FALSE(DecodeResult(0, bytes.data(), ResultBytes(0, 0) - 1, back));
    CHECK_FALSE(DecodeResult(0, bytes.data(), bytes.size() - 1, back));
}

TEST_CASE("pool codec: a checkpoint interval travels as a first line; malformed ones are refused") {
    int every = -1;
    std::string rest;
    REQUIRE(SplitCheckpoint(EncodeCheckpoint(52) + "structure-override 1 2 0 0 0 1\n{}", every, rest));
    CHECK(every == 52);
    CHECK(rest == "structure-override 1 2 0 0 0 1\n{}");
    CHECK(EncodeCheckpoint(0).empty());
    REQUIRE(SplitCheckpoint("{\"a\":1}", every, rest));
    CHECK(every == 0);
    CHECK(rest == "{\"a\":1}");
    for (const char* bad : {"checkpoint-every 0\n{}", "checkpoint-every -5\n{}", "checkpoint-every 52", "checkpoint-every x\n{}",
                            "checkpoint-every 52 1\n{}", "checkpoint-every 99999\n{}"}) {
        CAPTURE(bad);
        CHECK_FALSE(SplitCheckpoint(bad, every, rest));
    }
}
