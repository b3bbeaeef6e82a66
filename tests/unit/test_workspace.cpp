// test_workspace.cpp: the app's documents (web/workspace.h): validated edits, refusals that change
// nothing, undo/redo, slots, and runs in slices.
#include <doctest/doctest.h>

#include "tests/unit/fixtures.h"
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
