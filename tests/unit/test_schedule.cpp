// test_schedule.cpp: lever changes during a run (Scenario::schedule): the reader and writer, their
// located errors, and the World applying a step at its week: nothing before it changes, the levers
// after it act as if they had been set (a class's rounds are budget years run this way).
#include <doctest/doctest.h>

#include <string>

#include "sim/scenario.h"
#include "sim/world.h"
#include "tests/unit/fixtures.h"

using namespace orgsim;
using orgsim::testing::Default;

namespace {
std::string WithSchedule(const std::string& schedule_json) {
    std::string text = WriteScenario(Default());
    const std::size_t end = text.rfind('}');
    return text.substr(0, end) + ", \"schedule\": " + schedule_json + "\n}\n";
}
bool HasProblem(const ReadResult& r, const std::string& where, const std::string& words) {
    for (const Problem& p : r.problems)
        if (p.where == where && p.message.find(words) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("schedule: read, written and read back the same; an empty schedule is not written") {
    const ReadResult r = ReadScenario(WithSchedule(
        R"([{"week": 52, "levers": {"shared_kpis": true, "security_share_of_it": 0.15}},
            {"week": 104, "levers": {"shadow_it_policy": "ban"}}])"));
    REQUIRE_MESSAGE(r.ok(), r.Report());
    const Scenario& s = *r.scenario;
    REQUIRE(s.schedule.size() == 2);
    CHECK(s.schedule[0].week == 52);
    CHECK(s.schedule[0].set.size() == 2);
    CHECK(s.schedule[1].set.size() == 1);
    CHECK(s.schedule[1].set[0].first == ParamId::ShadowItPolicy);
    const std::string text = WriteScenario(s);
    CHECK(text.find("\"schedule\"") != std::string::npos);
    const ReadResult back = ReadScenario(text);
    REQUIRE(back.ok());
    CHECK(*back.scenario == s);
    CHECK(WriteScenario(*back.scenario) == text);
    CHECK(WriteScenario(Default()).find("schedule") == std::string::npos);
}

TEST_CASE("schedule: bad steps are refused with where and what") {
    CHECK(HasProblem(ReadScenario(WithSchedule(R"({"week": 52})")), "/schedule", "must be an array"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([3])")), "/schedule/0", "must be an object"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"levers": {}}])")), "/schedule/0/week", "missing"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 0, "levers": {}}])")), "/schedule/0/week", "range"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 52}])")), "/schedule/0/levers", "missing"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 52, "levers": {"no_such": 1}}])")),
                     "/schedule/0/levers/no_such", "unknown lever"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 52, "levers": {"ideas_per_week": 1}}])")),
                     "/schedule/0/levers/ideas_per_week", "unknown lever"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 52, "levers": {"security_share_of_it": 7}}])")),
                     "/schedule/0/levers/security_share_of_it", ""));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 52, "levers": {"shared_kpis": 1}}])")),
                     "/schedule/0/levers/shared_kpis", "true or false"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 52, "levers": {}, "when": 1}])")), "/schedule/0/when", "unknown key"));
    CHECK(HasProblem(ReadScenario(WithSchedule(R"([{"week": 104, "levers": {}}, {"week": 52, "levers": {}}])")),
                     "/schedule/1/week", "increasing"));
    std::string many = "[";
    for (int i = 0; i <= kMaxScheduleSteps; ++i) many += (i ? "," : "") + std::string(R"({"week": )") + std::to_string(i + 1) + R"(, "levers": {}})";
    CHECK(HasProblem(ReadScenario(WithSchedule(many + "]")), "/schedule", "maximum"));
}

TEST_CASE("schedule: a step changes nothing before its week; after it the levers act as if set") {
    const Scenario base = Default();
    REQUIRE(base.params[ParamId::SharedKpis] == 0.0);
    Scenario later = base;
    later.schedule.push_back({52, {{ParamId::SharedKpis, 1.0}, {ParamId::SecurityShareOfIt, 0.16}}});
    Scenario same = base;  // a step that sets the values the levers already have
    same.schedule.push_back({52, {{ParamId::SharedKpis, 0.0}, {ParamId::SecurityShareOfIt, base.params[ParamId::SecurityShareOfIt]}}});
    Scenario from_start = base;
    from_start.params.Set(ParamId::SharedKpis, 1.0);

    World a(base, 3), b(later, 3), c(same, 3), d(from_start, 3);
    a.StepWeeks(52);
    b.StepWeeks(52);
    CHECK(a.StateHash() == b.StateHash());  // the first 52 weeks are the same run
    CHECK(b.GetScenario().params[ParamId::SharedKpis] == 0.0);
    b.Step();
    CHECK(b.GetScenario().params[ParamId::SharedKpis] == 1.0);
    CHECK(b.GetScenario().params[ParamId::SecurityShareOfIt] == doctest::Approx(0.16));
    CHECK(b.StructuralTrust() == d.StructuralTrust());  // where trust settles, as with the lever from the start
    CHECK(b.StructuralTrust() > a.StructuralTrust());
    a.StepWeeks(208);
    b.StepWeeks(207);
    c.StepWeeks(260);
    CHECK(a.StateHash() == c.StateHash());  // a step to the same values changes nothing at all
    CHECK(a.StateHash() != b.StateHash());
    // Shared goals from year two: trust ends higher than without them.
    CHECK(b.TrustLevel() > a.TrustLevel());
}

TEST_CASE("schedule: steps at or after the horizon never apply; ValidateScenario checks steps in memory") {
    Scenario s = Default();
    s.horizon_weeks = 52;
    s.schedule.push_back({60, {{ParamId::SharedKpis, 1.0}}});
    CHECK(ValidateScenario(s).empty());
    World w(s, 0);
    w.StepWeeks(52);
    CHECK(w.GetScenario().params[ParamId::SharedKpis] == 0.0);
    s.schedule.push_back({30, {{ParamId::IdeasPerWeek, 1.0}}});
    const auto problems = ValidateScenario(s);
    bool order = false, not_lever = false;
    for (const Problem& p : problems) {
        order = order || (p.where == "/schedule/1/week" && p.message.find("increasing") != std::string::npos);
        not_lever = not_lever || p.where == "/schedule/1/levers/ideas_per_week";
    }
    CHECK(order);
    CHECK(not_lever);
    Scenario twice = Default();
    twice.schedule.push_back({52, {{ParamId::SharedKpis, 1.0}, {ParamId::SharedKpis, 0.0}}});
    bool dup = false;
    for (const Problem& p : ValidateScenario(twice)) dup = dup || p.message.find("set twice") != std::string::npos;
    CHECK(dup);
    // A step made in memory in any order equals the same step read from a file (levers by name).
    Scenario mem = Default();
    mem.schedule.push_back({52, {{ParamId::ShadowItPolicy, 2.0}, {ParamId::CoLocation, 1.0}}});
    const ReadResult back = ReadScenario(WriteScenario(mem));
    REQUIRE(back.ok());
    CHECK(*back.scenario == mem);
    CHECK(back.scenario->schedule[0].set[0].first == ParamId::CoLocation);  // the file lists them by name
}
