// test_sweep.cpp: sweep plans (grid and design, every error located), deterministic shards and a merge
// that is the same for any number of shards and refuses what does not make a whole.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/stats.h"
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
    CHECK(std::count(one.merged.begin(), one.merged.end(), '\n') == 8 + 66);  // 7 comment lines, the header, 66 rows
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

TEST_CASE("sweep result: what merge writes reads back (plan shape, rows, chart points)") {
    const SweepPlan p = Plan();
    const MergeResult m = MergeShards(Shards(p, 8));
    REQUIRE(m.ok);
    CHECK(m.merged.find("\n# replications 11\n# weeks 52\n# name Shared KPIs and security share") != std::string::npos);
    CHECK(LooksLikeSweepResult(m.merged));
    const SweepResultRead r = ReadSweepResult(m.merged);
    INFO((r.problems.empty() ? "" : r.problems[0].where + ": " + r.problems[0].message));
    REQUIRE(r.result);
    const SweepResult& s = *r.result;
    CHECK(s.fingerprint == p.fingerprint);
    CHECK(s.model == kModelVersion);
    CHECK(s.name == p.name);
    CHECK(s.weeks == 52);
    CHECK(s.tasks == 66);
    CHECK(s.cells == 6);
    CHECK(s.replications == 11);
    CHECK(s.levers == p.levers);
    CHECK(s.outcomes == p.outcomes);
    REQUIRE(s.levels.size() == 2u);
    CHECK(s.levels[0] == std::vector<double>{0.05, 0.1, 0.2});
    CHECK(s.levels[1] == std::vector<double>{0.0, 1.0});
    REQUIRE(s.rows.size() == 66u);
    for (int t = 0; t < 66; ++t) {
        CHECK(s.rows[static_cast<std::size_t>(t)].lever_values == p.cells[static_cast<std::size_t>(t / 11)]);
        CHECK(s.rows[static_cast<std::size_t>(t)].cell == t / 11);
    }
    World w(p.CellScenario(5), 10);
    w.StepWeeks(52);
    for (std::size_t o = 0; o < p.outcomes.size(); ++o) CHECK(s.rows[65].values[o] == w.Series(p.outcomes[o]).back());
    // Chart points: first lever on x, second as lines, 11 replications each, x-major.
    const std::vector<SweepPoint> pts = SweepPoints(s, 0);
    REQUIRE(pts.size() == 6u);
    CHECK(pts[3].x == 1);
    CHECK(pts[3].line == 1);
    CHECK(pts[3].n == 11);
    double sum = 0.0;
    std::vector<double> v;
    for (int t = 33; t < 44; ++t) {
        sum += s.rows[static_cast<std::size_t>(t)].values[0];
        v.push_back(s.rows[static_cast<std::size_t>(t)].values[0]);
    }
    CHECK(pts[3].mean == sum / 11.0);
    CHECK(pts[3].p05 == Quantile(v, 0.05));
    CHECK(pts[3].p95 == Quantile(v, 0.95));
    CHECK(pts[3].p05 <= pts[3].mean);
    CHECK(pts[3].mean <= pts[3].p95);
    CHECK(SweepPoints(s, 99).empty());
    // A file from before the replications/weeks/name lines still reads (replications from the rows).
    std::string old = m.merged;
    for (const char* key : {"# replications ", "# weeks ", "# name "}) {
        const std::size_t a = old.find(key);
        old.erase(a, old.find('\n', a) + 1 - a);
    }
    const SweepResultRead ro = ReadSweepResult(old);
    REQUIRE(ro.result);
    CHECK(ro.result->replications == 11);
    CHECK(ro.result->weeks == 0);
    CHECK(ro.result->name.empty());
}

TEST_CASE("sweep result: corrupt, cut, incomplete and other-model files are refused with where and what") {
    const SweepPlan p = Plan();
    const MergeResult m = MergeShards(Shards(p, 2));
    REQUIRE(m.ok);
    const std::string& good = m.merged;
    auto first = [](const SweepResultRead& r) { return r.problems.empty() ? std::string() : r.problems[0].where + ": " + r.problems[0].message; };
    auto has = [](const SweepResultRead& r, const std::string& where, const std::string& what) {
        if (r.result) return false;
        for (const auto& pr : r.problems)
            if (pr.where == where && pr.message.find(what) != std::string::npos) return true;
        return false;
    };
    // Not a result at all; a shard rather than the merge.
    CHECK(has(ReadSweepResult("{\"format\":\"orgsim-scenario/1\"}"), "line 1", "not an OrgSim sweep result"));
    CHECK(has(ReadSweepResult(Shards(p, 2)[0].second), "line 1", "one shard"));
    CHECK(has(ReadSweepResult("# orgsim-sweep/1\n"), "file", "ends after its first line"));
    // Another model version: said as such.
    std::string other = good;
    other.replace(other.find(kModelVersion), std::string(kModelVersion).size(), "orgsim-model/1.0");
    const SweepResultRead om = ReadSweepResult(other);
    CHECK(om.wrong_model);
    CHECK(has(om, "line 3", "made with model orgsim-model/1.0"));
    // Cut in the middle of a row: located, and said to be cut off.
    const std::string cut = good.substr(0, good.size() - 30);
    INFO(first(ReadSweepResult(cut)));
    CHECK(has(ReadSweepResult(cut), "line " + std::to_string(std::count(cut.begin(), cut.end(), '\n') + 1), "cut off"));
    // Cut at a line break: the missing tasks are listed.
    const std::size_t at = good.find("\n60,");
    const SweepResultRead missing = ReadSweepResult(good.substr(0, at + 1));
    CHECK(missing.missing.size() == 6u);
    CHECK(has(missing, "file", "6 of 66 tasks missing: 60-65"));
    // A damaged number, a damaged hash, an unknown column, a duplicated task.
    // Replace field k of task 5's row.
    auto set_field = [&](int k, const std::string& v) {
        std::string t = good;
        std::size_t a = t.find("\n5,0,") + 1;
        for (int i = 0; i < k; ++i) a = t.find(',', a) + 1;
        const std::size_t e = t.find_first_of(",\n", a);
        return t.replace(a, e - a, v);
    };
    const std::size_t row = good.find("\n5,0,");
    const int bad_line = static_cast<int>(std::count(good.begin(), good.begin() + static_cast<long>(row) + 1, '\n')) + 1;
    CHECK(has(ReadSweepResult(set_field(8, "x")), "line " + std::to_string(bad_line), "(trust): \"x\" is not a number"));
    CHECK(has(ReadSweepResult(set_field(5, "zz")), "line " + std::to_string(bad_line), "not 16 hex digits"));
    CHECK(has(ReadSweepResult(set_field(2, "0.3")), "task 5", "lever values differ"));
    std::string col = good;
    col.replace(col.find(",trust"), 6, ",nonsense");
    CHECK(has(ReadSweepResult(col), "line 8", "unknown outcome \"nonsense\""));
    std::string dup = good;
    const std::size_t r5 = dup.find("\n5,0,"), r5e = dup.find('\n', r5 + 1);
    dup.insert(r5e, dup.substr(r5, r5e - r5));
    CHECK(has(ReadSweepResult(dup), "line " + std::to_string(bad_line + 1), "task 5 appears twice"));
    // Over the size limit: refused before reading.
    CHECK(has(ReadSweepResult(std::string(kMaxSweepResultBytes + 1, '#')), "file", "may be up to"));
}
