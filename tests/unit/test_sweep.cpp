// test_sweep.cpp: sweep plans (grid and design, every error located), deterministic shards and a merge
// that is the same for any number of shards and refuses what does not make a whole.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "sim/sweep.h"
#include "tests/unit/fixtures.h"

using namespace orgsim;

namespace {
bool ReadRel(const std::string& p, std::string& text, std::string& err) {
    std::ifstream in(std::string(ORGSIM_SOURCE_DIR) + "/tests/data/sweep/" + p);
    if (!in) {
        err = "cannot open " + p;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    return true;
}
SweepPlan Plan() {
    std::string text, err;
    REQUIRE(ReadRel("plan.json", text, err));
    const SweepPlanResult r = ReadSweepPlan(text, ReadRel);
    INFO((r.problems.empty() ? "" : r.problems[0].where + ": " + r.problems[0].message));
    REQUIRE(r.plan);
    return *r.plan;
}
bool Has(const SweepPlanResult& r, const std::string& where, const std::string& what) {
    for (const auto& p : r.problems)
        if (p.where == where && p.message.find(what) != std::string::npos) return true;
    return false;
}
std::vector<std::pair<std::string, std::string>> Shards(const SweepPlan& plan, int of) {
    std::vector<std::pair<std::string, std::string>> files;
    for (int s = 0; s < of; ++s) {
        std::string text = ShardPreamble(plan, s, of);
        for (int t : ShardTasks(plan, s, of)) text += RunSweepTask(plan, t);
        files.emplace_back("shard" + std::to_string(s), text);
    }
    return files;
}
}  // namespace

TEST_CASE("sweep plan: a grid over the levers in key order, first slowest; the cell scenario carries the lever values") {
    const SweepPlan p = Plan();
    REQUIRE(p.cells.size() == 6u);
    CHECK(p.Tasks() == 66);
    REQUIRE(p.levers == std::vector<ParamId>{ParamId::SecurityShareOfIt, ParamId::SharedKpis});
    CHECK(p.cells[0] == std::vector<double>{0.05, 0.0});
    CHECK(p.cells[1] == std::vector<double>{0.05, 1.0});
    CHECK(p.cells[2] == std::vector<double>{0.1, 0.0});
    const Scenario s = p.CellScenario(3);
    CHECK(s.params[ParamId::SharedKpis] == 1.0);
    CHECK(s.params[ParamId::SecurityShareOfIt] == 0.1);
    CHECK(s.horizon_weeks == 52);
    CHECK(p.fingerprint.size() == 16u);
    // Another replication count is another plan.
    std::string text, err;
    REQUIRE(ReadRel("plan.json", text, err));
    const std::string more = text.replace(text.find("\"replications\": 11"), 18, "\"replications\": 12");
    CHECK(ReadSweepPlan(more, ReadRel).plan->fingerprint != p.fingerprint);
}

TEST_CASE("sweep plan: an explicit design; option names and switches read like scenario files") {
    const std::string text = R"({"format":"orgsim-sweep/1","scenario":"../../../scenarios/default.json","replications":2,
        "design":[{"shadow_it_policy":"ban","shared_kpis":true},{"shadow_it_policy":"institutionalise","shared_kpis":false}]})";
    const SweepPlanResult r = ReadSweepPlan(text, ReadRel);
    REQUIRE(r.plan);
    CHECK(r.plan->cells.size() == 2u);
    CHECK(r.plan->cells[0] == std::vector<double>{0.0, 1.0});
    CHECK(r.plan->cells[1] == std::vector<double>{2.0, 0.0});
    CHECK(r.plan->outcomes.size() == static_cast<std::size_t>(kSeriesCount));  // every series by default
}

TEST_CASE("sweep plan: every error says where and what") {
    auto read = [](const std::string& t) { return ReadSweepPlan(t, ReadRel); };
    CHECK(Has(read("{"), "line 1, column 2", "malformed JSON"));
    CHECK(Has(read("[]"), "/", "must be a JSON object"));
    const std::string ok = R"("format":"orgsim-sweep/1","scenario":"../../../scenarios/default.json")";
    CHECK(Has(read("{" + ok + R"(,"replications":0,"levers":{"shared_kpis":[true]}})"), "/replications", "whole number"));
    CHECK(Has(read("{" + ok + R"(,"replications":2,"levers":{"nope":[1]}})"), "/levers/nope", "unknown parameter"));
    CHECK(Has(read("{" + ok + R"(,"replications":2,"levers":{"security_share_of_it":[0.5]}})"), "/levers/security_share_of_it/0", ""));
    CHECK(Has(read("{" + ok + R"(,"replications":2,"levers":{"shadow_it_policy":["sometimes"]}})"), "/levers/shadow_it_policy/0",
              "not an option"));
    CHECK(Has(read("{" + ok + R"(,"replications":2})"), "/levers", "either"));
    CHECK(Has(read("{" + ok + R"(,"replications":2,"levers":{"shared_kpis":[true]},"outcomes":["nope"]})"), "/outcomes/0",
              "unknown outcome"));
    CHECK(Has(read(R"({"format":"orgsim-sweep/1","scenario":"missing.json","replications":2,"levers":{"shared_kpis":[true]}})"),
              "/scenario", "cannot open"));
    CHECK(Has(read("{" + ok + R"(,"replications":2,"levers":{"shared_kpis":[true]},"extra":1})"), "/extra", "unknown key"));
    CHECK(Has(read("{" + ok + R"(,"replications":10000,"levers":{"security_share_of_it":[0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.1,0.11,0.12,0.13,0.14,0.15,0.16,0.17,0.18,0.19,0.2,0.21,0.22,0.23,0.24,0.25,0.26,0.27,0.28,0.29,0.3],"cross_skilled_hiring_share":[0,0.1,0.2,0.3,0.4],"approval_cadence_weeks":[1,2,3,4,5,6,7,8,9,10,11,12,13]}})"),
              "/replications", "tasks"));
    CHECK(Has(read(R"({"format":"orgsim-sweep/1","scenario":{"format":"orgsim-scenario/1"},"replications":2,"levers":{"shared_kpis":[true]}})"),
              "/scenario/org", ""));
}

TEST_CASE("shards: every task in exactly one shard; the merge is byte-identical for 1, 8 and 64 shards") {
    const SweepPlan p = Plan();
    for (int of : {1, 8, 64}) {
        std::vector<int> seen(static_cast<std::size_t>(p.Tasks()), 0);
        for (int s = 0; s < of; ++s)
            for (int t : ShardTasks(p, s, of)) ++seen[static_cast<std::size_t>(t)];
        for (int c : seen) CHECK(c == 1);
    }
    const MergeResult one = MergeShards(Shards(p, 1)), eight = MergeShards(Shards(p, 8)), many = MergeShards(Shards(p, 64));
    REQUIRE(one.ok);
    REQUIRE(eight.ok);
    REQUIRE(many.ok);
    CHECK(eight.merged == one.merged);
    CHECK(many.merged == one.merged);
    CHECK(std::count(one.merged.begin(), one.merged.end(), '\n') == 5 + 66);
    // A row's outcomes are the World's own.
    World w(p.CellScenario(5), 10);
    w.StepWeeks(52);
    char hash[24];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(w.StateHash()));
    CHECK(one.merged.find("\n65,5,0.20000000000000001,1,10," + std::string(hash) + ",") != std::string::npos);
}

TEST_CASE("merge: missing tasks listed as ranges; duplicates dropped if equal, refused if not; other plans and models refused") {
    const SweepPlan p = Plan();
    auto shards = Shards(p, 8);
    auto missing = shards;
    missing.erase(missing.begin() + 3);
    const MergeResult m = MergeShards(missing);
    CHECK_FALSE(m.ok);
    REQUIRE(m.missing.size() == 8u);  // tasks 3, 11, ..., 59
    CHECK(m.errors.back().find("8 of 66 tasks missing: 3, 11, 19") != std::string::npos);
    auto dup = shards;
    dup.push_back(shards[2]);
    const MergeResult d = MergeShards(dup);
    CHECK(d.ok);
    CHECK(d.duplicates == static_cast<int>(ShardTasks(p, 2, 8).size()));
    auto changed = shards;
    changed.push_back({"tampered", shards[2].second});
    const std::size_t at = changed.back().second.rfind(',');
    changed.back().second.replace(at + 1, 1, "9");
    CHECK_FALSE(MergeShards(changed).ok);
    auto other_model = shards;
    const std::size_t mpos = other_model[1].second.find(kModelVersion);
    other_model[1].second.replace(mpos, std::string(kModelVersion).size(), "orgsim-model/1.0");
    const MergeResult om = MergeShards(other_model);
    CHECK_FALSE(om.ok);
    CHECK(om.errors[0].find("made with model orgsim-model/1.0") != std::string::npos);
    CHECK_FALSE(MergeShards({{"x", "task,cell\n1,2\n"}}).ok);
    CHECK_FALSE(MergeShards({}).ok);
    auto cut = shards;
    cut[0].second = cut[0].second.substr(0, 20);
    CHECK_FALSE(MergeShards(cut).ok);
    CHECK(FormatRanges({0, 1, 2, 5, 7, 8}) == "0-2, 5, 7-8");
}
