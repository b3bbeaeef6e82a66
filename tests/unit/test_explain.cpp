// test_explain.cpp: sim/explain ("Why?"): exact Shapley values on games with known values; the
// factors found between the presets, named in plain words, with every combination a valid scenario;
// hybrids (none = A, all = B in state hashes); the attribution of a real comparison (the bars sum to
// the mean paired difference of `orgsim compare`'s Experiment, per replication too; a factor that
// changes nothing gets 0); and `orgsim explain`'s command line. By mechanism: each mechanism reads
// its own copy of the structural facts (state hashes against sim/world.h's StructureReads table), the
// bars sum to the paired difference, a move of the CIO lands on the mechanisms that read it, identical
// structure leaves it all to the residual, and `--by mechanism` on the command line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cmd_explain.h"
#include "cli/parallel.h"
#include "sim/experiment.h"
#include "sim/explain.h"
#include "tests/unit/fixtures.h"

using namespace orgsim;
using orgsim::testing::Default;
using orgsim::testing::Preset;

namespace {

int Bits(std::uint32_t m) {
    int c = 0;
    for (; m; m &= m - 1) ++c;
    return c;
}

/// Shapley values by their definition: the mean marginal contribution over every order of players.
std::vector<double> ByPermutations(int k, const std::function<double(std::uint32_t)>& v) {
    std::vector<int> order(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) order[static_cast<std::size_t>(i)] = i;
    std::vector<double> phi(static_cast<std::size_t>(k), 0.0);
    double count = 0.0;
    do {
        std::uint32_t m = 0;
        for (int i : order) {
            const double before = v(m);
            m |= 1u << i;
            phi[static_cast<std::size_t>(i)] += v(m) - before;
        }
        count += 1.0;
    } while (std::next_permutation(order.begin(), order.end()));
    for (double& x : phi) x /= count;
    return phi;
}

std::vector<std::string> Names(const std::vector<Factor>& f) {
    std::vector<std::string> n;
    for (const auto& x : f) n.push_back(x.name);
    return n;
}

std::vector<std::string> PresetFiles() {
    std::vector<std::string> out;
    DIR* d = opendir((std::string(ORGSIM_SOURCE_DIR) + "/scenarios").c_str());
    REQUIRE(d != nullptr);
    while (dirent* e = readdir(d)) {
        const std::string n = e->d_name;
        if (n.size() > 5 && n.substr(n.size() - 5) == ".json" && n != "schema.json") out.push_back(n);
    }
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

/// Every combination of the factors is a valid scenario; none is A; all is B's org chart, parameters
/// and mechanisms.
void CheckHybrids(const Scenario& a, const Scenario& b, const std::string& what) {
    const std::vector<Factor> f = DiffFactors(a, b);
    INFO(what << ": " << f.size() << " factors");
    REQUIRE(f.size() <= static_cast<std::size_t>(kMaxExplainFactors));
    const std::uint32_t n = 1u << f.size();
    for (std::uint32_t m = 0; m < n; ++m) {
        const auto problems = ValidateScenario(Hybrid(a, b, f, m));
        INFO("mask " << m << ": " << (problems.empty() ? "" : problems[0].where + " " + problems[0].message));
        CHECK(problems.empty());
    }
    CHECK(Hybrid(a, b, f, 0) == a);
    const Scenario all = Hybrid(a, b, f, n - 1);
    CHECK(all.units == b.units);
    CHECK(all.params == b.params);
    CHECK(all.mechanisms == b.mechanisms);
}

/// State hashes of replications 0..2 after `weeks` weeks with A's seed.
std::vector<std::uint64_t> Hashes(Scenario s, std::uint64_t seed, int weeks) {
    s.seed = seed;
    std::vector<std::uint64_t> h;
    for (int r = 0; r < 3; ++r) {
        World w(s, r);
        w.StepWeeks(weeks);
        h.push_back(w.StateHash());
    }
    return h;
}

/// Run CmdExplain with stdout and stderr captured.
int RunCli(const std::vector<std::string>& args, std::string& out, std::string& err) {
    std::ostringstream o, e;
    std::streambuf* old_out = std::cout.rdbuf(o.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(e.rdbuf());
    const int rc = CmdExplain(args);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    out = o.str();
    err = e.str();
    return rc;
}
std::string ScenarioPath(const std::string& file) { return std::string(ORGSIM_SOURCE_DIR) + "/scenarios/" + file; }

constexpr int kReps = 30;
constexpr int kWeeks = 104;  // two years: the levers' effects on trust are there (fact 2), at 40% of the cost

/// Default vs joint governance (three levers) plus a lever that does nothing while start-small is off
/// (the size limit of a start-small project): four factors, 30 replications, run once.
struct RealPair {
    Scenario a, b;
    Explanation ex;
    std::vector<SeriesId> outcomes;
};
const RealPair& Pair() {
    static RealPair* p = [] {
        auto* r = new RealPair;
        r->a = Default();
        r->b = Preset("joint_governance.json");
        r->b.seed = r->a.seed + 1;  // A's seed is the comparison's (as in compare), whatever B's
        REQUIRE(r->b.params.Get(ParamId::StartSmallWeeks) == 0.0);
        REQUIRE(r->b.params.Set(ParamId::StartSmallMaxPw, 20.0).empty());
        for (const auto& info : SeriesTable()) r->outcomes.push_back(info.id);
        r->ex = Explain(r->a, r->b, r->outcomes, kReps, kWeeks);
        return r;
    }();
    return *p;
}

}  // namespace

TEST_CASE("ShapleyValues: the glove game (one left glove, two right gloves)") {
    // v = the number of pairs: 1 when player 0 (left) is with player 1 or 2 (right).
    const auto v = [](std::uint32_t m) { return (m & 1u) && (m & 6u) ? 1.0 : 0.0; };
    const std::vector<double> phi = ShapleyValues(3, v);
    REQUIRE(phi.size() == 3);
    CHECK(phi[0] == doctest::Approx(2.0 / 3.0).epsilon(1e-12));
    CHECK(phi[1] == doctest::Approx(1.0 / 6.0).epsilon(1e-12));
    CHECK(phi[2] == doctest::Approx(1.0 / 6.0).epsilon(1e-12));
}

TEST_CASE("ShapleyValues: the weighted voting game [6; 4, 3, 2, 1] gives 5/12, 1/4, 1/4, 1/12") {
    const int w[] = {4, 3, 2, 1};
    const auto v = [&](std::uint32_t m) {
        int s = 0;
        for (int i = 0; i < 4; ++i)
            if (m & (1u << i)) s += w[i];
        return s >= 6 ? 1.0 : 0.0;
    };
    const std::vector<double> phi = ShapleyValues(4, v);
    REQUIRE(phi.size() == 4);
    CHECK(phi[0] == doctest::Approx(5.0 / 12.0).epsilon(1e-12));
    CHECK(phi[1] == doctest::Approx(0.25).epsilon(1e-12));
    CHECK(phi[2] == doctest::Approx(0.25).epsilon(1e-12));
    CHECK(phi[3] == doctest::Approx(1.0 / 12.0).epsilon(1e-12));
}

TEST_CASE("ShapleyValues: an additive game gives each player its own effect; a pure interaction is split equally") {
    const double c[] = {1.5, -2.0, 0.0, 3.25, 0.5, -0.75};
    const auto additive = [&](std::uint32_t m) {
        double s = 10.0;  // the worth of the empty coalition does not matter
        for (int i = 0; i < 6; ++i)
            if (m & (1u << i)) s += c[i];
        return s;
    };
    const std::vector<double> phi = ShapleyValues(6, additive);
    for (int i = 0; i < 6; ++i) CHECK(phi[static_cast<std::size_t>(i)] == doctest::Approx(c[i]).epsilon(1e-12));

    // Only players 0 and 2 together are worth anything (4); player 1 is a null player.
    const std::vector<double> pair = ShapleyValues(3, [](std::uint32_t m) { return (m & 5u) == 5u ? 4.0 : 0.0; });
    CHECK(pair[0] == doctest::Approx(2.0));
    CHECK(pair[1] == 0.0);
    CHECK(pair[2] == doctest::Approx(2.0));
}

TEST_CASE("ShapleyValues: the definition over every order of players, efficiency, and each coalition asked once") {
    // An arbitrary game of 6 players with interactions of every order.
    const auto v = [](std::uint32_t m) {
        std::uint64_t s = m * 0x9E3779B97F4A7C15ULL;
        return static_cast<double>(SplitMix64(s) % 1000) / 7.0 + (m == 0 ? 0.0 : 3.0 * Bits(m));
    };
    const std::vector<double> phi = ShapleyValues(6, v);
    const std::vector<double> ref = ByPermutations(6, v);
    double sum = 0.0;
    for (int i = 0; i < 6; ++i) {
        CHECK(phi[static_cast<std::size_t>(i)] == doctest::Approx(ref[static_cast<std::size_t>(i)]).epsilon(1e-12));
        sum += phi[static_cast<std::size_t>(i)];
    }
    CHECK(std::fabs(sum - (v(63) - v(0))) < 1e-9);
    int calls = 0;
    ShapleyValues(5, [&](std::uint32_t) { return static_cast<double>(++calls); });
    CHECK(calls == 32);
    CHECK(ShapleyValues(0, v).empty());
    const std::vector<double> one = ShapleyValues(1, v);
    CHECK(one[0] == doctest::Approx(v(1) - v(0)));
}

TEST_CASE("DiffFactors: the presets' differences from the default, named in plain words") {
    const Scenario d = Default();
    CHECK(DiffFactors(d, d).empty());

    // One factor: the CIO's reporting line.
    auto f = DiffFactors(d, Preset("cio_reports_to_ceo.json"));
    REQUIRE(f.size() == 1);
    CHECK(f[0].kind == FactorKind::OrgChart);
    CHECK(f[0].name == "Moving the CIO under the CEO");
    REQUIRE(f[0].changes.size() == 1);
    CHECK(f[0].changes[0].kind == Change::Kind::Lines);
    CHECK(f[0].changes[0].unit == "it");

    // Its three levers.
    f = DiffFactors(d, Preset("joint_governance.json"));
    CHECK(Names(f) == std::vector<std::string>{"Shared IT-marketing KPIs on", "Co-location none -> full",
                                               "Steering council cadence none -> 4 weeks"});
    for (const auto& x : f) CHECK(x.kind == FactorKind::Lever);

    f = DiffFactors(d, Preset("light_touch_approval.json"));
    CHECK(Names(f) == std::vector<std::string>{"Business-case threshold $50k -> $500k"});
    const std::vector<std::string> small = Names(DiffFactors(d, Preset("start_small.json")));
    CHECK(std::find(small.begin(), small.end(), "Start small off -> 52 weeks") != small.end());
    f = DiffFactors(d, Preset("shadow_it_ban.json"));
    CHECK(Names(f) == std::vector<std::string>{"Martech budget owner IT -> marketing", "Shadow-IT policy tolerate -> ban",
                                               "Digital pace 0.1 -> 0.2"});

    // A CDO added with the CIO and the CMO moved under it is one factor (neither move exists without
    // the CDO); the headcount taken from operations is another.
    f = DiffFactors(d, Preset("cdo_over_it_and_marketing.json"));
    CHECK(Names(f) == std::vector<std::string>{"Adding a CDO under the CEO and moving the CIO and the CMO under the CDO",
                                               "Operations headcount 260 -> 256"});
    // Backwards: removing the CDO needs the CIO and the CMO moved back.
    f = DiffFactors(Preset("cdo_over_it_and_marketing.json"), d);
    CHECK(Names(f) == std::vector<std::string>{"Removing the CDO and moving the CIO under the CFO and the CMO under the CEO",
                                               "Operations headcount 256 -> 260"});
    f = DiffFactors(d, Preset("cmt_in_marketing.json"));
    CHECK(Names(f) == std::vector<std::string>{"Adding a CMT under the CMO with a dotted line to the CIO",
                                               "Marketing headcount 60 -> 54"});
    f = DiffFactors(d, Preset("it_budget_cut.json"));
    CHECK(Names(f) == std::vector<std::string>{"Operations headcount 260 -> 266", "IT headcount 55 -> 49 and budget $10M -> $9M"});
}

TEST_CASE("DiffFactors: every combination of the factors between any two presets is a valid scenario") {
    const std::vector<std::string> files = PresetFiles();
    REQUIRE(files.size() >= 10);
    for (const auto& x : files)
        for (const auto& y : files) CheckHybrids(Preset(x), Preset(y), x + " -> " + y);
}

TEST_CASE("DiffFactors: changes that are valid only together become one factor") {
    const Scenario a = Default();
    // Swap IT and IT security: security under the CFO, the CIO under security. Moving the CIO alone
    // would make a reporting cycle.
    Scenario b = a;
    b.units[static_cast<std::size_t>(b.FindUnit("it_security"))].parent = "finance";
    b.units[static_cast<std::size_t>(b.FindUnit("it"))].parent = "it_security";
    b.units[static_cast<std::size_t>(b.FindUnit("sales"))].headcount = 60;  // independent of the swap
    REQUIRE(ValidateScenario(b).empty());
    auto f = DiffFactors(a, b);
    REQUIRE(f.size() == 2);
    CHECK(f[0].changes.size() == 2);
    CHECK(f[0].name == "Moving the CIO under IT security and IT security under the CFO");
    CHECK(f[1].name == "Sales headcount 70 -> 60");
    CheckHybrids(a, b, "swap");

    // A dotted line added, and one removed.
    Scenario b1 = a;
    b1.units[static_cast<std::size_t>(b1.FindUnit("analytics"))].dotted = {"it"};
    f = DiffFactors(a, b1);
    REQUIRE(f.size() == 1);
    CHECK(f[0].name == "Giving Marketing analytics a dotted line to the CIO");
    CheckHybrids(a, b1, "dotted line");
    CHECK(DiffFactors(b1, a)[0].name == "Removing Marketing analytics' dotted line to the CIO");

    // A role passed from one unit to another: IT security loses a CISO whom a new security office gets.
    Scenario a2 = a;
    a2.units[static_cast<std::size_t>(a2.FindUnit("it_security"))].head = Role::Ciso;
    Scenario b2 = a;
    Unit office;
    office.id = "security_office";
    office.name = "Security office";
    office.function = Function::Security;
    office.head = Role::Ciso;
    office.parent = "exec";
    office.headcount = 2;
    b2.units.push_back(office);
    b2.units[static_cast<std::size_t>(b2.FindUnit("sales"))].headcount -= 2;
    REQUIRE(ValidateScenario(a2).empty());
    REQUIRE(ValidateScenario(b2).empty());
    f = DiffFactors(a2, b2);
    REQUIRE(f.size() == 2);
    CHECK(f[0].name == "Adding a CISO under the CEO and IT security head CISO -> none");
    CHECK(f[1].name == "Sales headcount 70 -> 68");
    CheckHybrids(a2, b2, "role passed");

    // A new root: B puts a board above the CEO.
    Scenario b3 = a;
    Unit board;
    board.id = "board";
    board.name = "Board";
    board.function = Function::Other;
    b3.units.insert(b3.units.begin(), board);
    b3.units[static_cast<std::size_t>(b3.FindUnit("exec"))].parent = "board";
    REQUIRE(ValidateScenario(b3).empty());
    f = DiffFactors(a, b3);
    REQUIRE(f.size() == 1);
    CHECK(f[0].name == "Adding Board and moving the CEO under Board");
    CheckHybrids(a, b3, "new root");
    CheckHybrids(b3, a, "root removed");
}

TEST_CASE("DiffFactors: more than 8 differences are grouped into at most 8 named factors") {
    const Scenario a = Default();
    Scenario b = Preset("cdo_over_it_and_marketing.json");
    const std::pair<ParamId, double> sets[] = {
        {ParamId::SharedKpis, 1.0},         {ParamId::CoLocation, 2.0},          {ParamId::SteeringCouncilWeeks, 4.0},
        {ParamId::ApprovalCadenceWeeks, 2.0}, {ParamId::CrossSkilledHiringShare, 0.3}, {ParamId::IdeasPerWeek, 6.0},
        {ParamId::InitiativeSizeMeanPw, 12.0}, {ParamId::TrustBase, 0.55},      {ParamId::TrustInitial, 0.4},
        {ParamId::TurnoverItAnnual, 0.15}};
    for (const auto& s : sets) {
        INFO(Info(s.first).key);
        REQUIRE(b.params.Set(s.first, s.second).empty());
        REQUIRE(a.params.Get(s.first) != s.second);
    }
    b.mechanisms[static_cast<std::size_t>(Mechanism::Trust)] = false;
    b.mechanisms[static_cast<std::size_t>(Mechanism::Security)] = false;
    const auto f = DiffFactors(a, b);
    CHECK(f.size() <= static_cast<std::size_t>(kMaxExplainFactors));
    CHECK(f.size() >= 4);
    std::string all;
    for (const auto& x : f) all += x.name + "\n";
    INFO(all);
    CHECK(all.find("All org-chart changes (3 changes: adding a CDO under the CEO") != std::string::npos);
    CHECK(all.find("Mechanisms switched: Security mechanism off and Trust mechanism off") != std::string::npos);
    CHECK(all.find("Model parameters (5 changes: ") != std::string::npos);
    CHECK(all.find("Shared IT-marketing KPIs on\n") != std::string::npos);  // the levers stay apart
    CheckHybrids(a, b, "many");
    // Every elementary change is in exactly one factor.
    std::size_t changes = 0;
    for (const auto& x : f) changes += x.changes.size();
    CHECK(changes == 4 /*CDO added, CIO and CMO moved, operations*/ + 10 + 2);
}

TEST_CASE("Hybrid: no factor is A; every factor runs exactly as B (state hashes), the units in B's order") {
    const Scenario d = Default();
    const char* files[] = {"cdo_over_it_and_marketing.json", "cmt_in_marketing.json", "joint_governance.json",
                           "cmo_reports_to_cdo.json", "it_budget_cut.json"};
    for (const char* file : files) {
        INFO(file);
        const Scenario p = Preset(file);
        for (int dir = 0; dir < 2; ++dir) {
            const Scenario& a = dir == 0 ? d : p;
            const Scenario& b = dir == 0 ? p : d;
            const auto f = DiffFactors(a, b);
            const std::uint32_t all = (1u << f.size()) - 1;
            CHECK(Hybrid(a, b, f, 0) == a);
            CHECK(Hashes(Hybrid(a, b, f, all), a.seed, 8) == Hashes(b, a.seed, 8));
            CHECK(Hashes(Hybrid(a, b, f, 0), a.seed, 8) == Hashes(a, a.seed, 8));
            if (f.size() > 1) CHECK(Hashes(Hybrid(a, b, f, 1), a.seed, 8) != Hashes(b, a.seed, 8));
        }
    }
}

TEST_CASE("Explain: the bars sum to the mean paired difference of compare's Experiment, per replication too") {
    const RealPair& p = Pair();
    const Explanation& ex = p.ex;
    REQUIRE(ex.error.empty());
    REQUIRE(ex.factors.size() == 4);
    CHECK(ex.replications == kReps);
    CHECK(ex.seed == p.a.seed);
    CHECK(ex.weeks == kWeeks);
    Experiment cmp({p.a, p.b}, kReps, kWeeks, false);
    cmp.RunAll();
    REQUIRE(ex.outcomes.size() == p.outcomes.size());
    for (const OutcomeExplanation& o : ex.outcomes) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(o.id)];
        INFO(info.key);
        const double paired = cmp.PairedDifference(1, o.id).mean;
        double sum = 0.0;
        for (const auto& f : o.factors) sum += f.shapley;
        CHECK(std::fabs(sum - paired) < 1e-9);
        CHECK(std::fabs(o.total - paired) < 1e-9);
        CHECK(o.a_mean == doctest::Approx(cmp.Outcome(0, o.id).mean));
        CHECK(o.b_mean == doctest::Approx(cmp.Outcome(1, o.id).mean));
        // The runs of A and of B are compare's runs, value for value.
        const std::uint32_t all = static_cast<std::uint32_t>(ex.Hybrids() - 1);
        CHECK(o.finals[0] == cmp.Finals(0, o.id));
        CHECK(o.finals[all] == cmp.Finals(1, o.id));
        // Efficiency in every replication.
        for (int r = 0; r < kReps; ++r) {
            const auto rr = static_cast<std::size_t>(r);
            double s = 0.0;
            for (const auto& per : o.shapley_by_replication) s += per[rr];
            CHECK(std::fabs(s - (o.finals[all][rr] - o.finals[0][rr])) < 1e-9);
        }
        // Intervals hold their bar; one at a time is the factor alone on A.
        for (std::size_t i = 0; i < o.factors.size(); ++i) {
            CHECK(o.factors[i].lo <= o.factors[i].shapley + 1e-12);
            CHECK(o.factors[i].hi >= o.factors[i].shapley - 1e-12);
            double alone = 0.0;
            for (int r = 0; r < kReps; ++r)
                alone += o.finals[1u << i][static_cast<std::size_t>(r)] - o.finals[0][static_cast<std::size_t>(r)];
            CHECK(o.factors[i].alone == doctest::Approx(alone / kReps));
        }
        CHECK(o.total_lo <= o.total + 1e-12);
        CHECK(o.total_hi >= o.total - 1e-12);
        CHECK(o.interaction_share >= 0.0);
    }
}

TEST_CASE("Explain: a factor that changes nothing gets 0; the levers get the difference, with sentences") {
    const RealPair& p = Pair();
    const Explanation& ex = p.ex;
    REQUIRE(ex.factors.size() == 4);
    CHECK(ex.factors[3].name == "Small project 8 -> 20 person-weeks");
    for (const OutcomeExplanation& o : ex.outcomes) {
        INFO(SeriesTable()[static_cast<std::size_t>(o.id)].key);
        CHECK(o.factors[3].shapley == 0.0);
        CHECK(o.factors[3].lo == 0.0);
        CHECK(o.factors[3].hi == 0.0);
        CHECK(o.factors[3].alone == 0.0);
    }
    const OutcomeExplanation* trust = nullptr;
    for (const auto& o : ex.outcomes)
        if (o.id == SeriesId::Trust) trust = &o;
    REQUIRE(trust != nullptr);
    // Every lever of joint governance raises trust, clearly, and each has its sentence.
    for (int i = 0; i < 3; ++i) CHECK(trust->factors[static_cast<std::size_t>(i)].lo > 0.0);
    REQUIRE(trust->sentences.size() == 3);
    for (const auto& s : trust->sentences) {
        INFO(s);
        CHECK(s.find(" explains +") != std::string::npos);
        CHECK(s.find("difference in IT-marketing trust") != std::string::npos);
        CHECK(s.find("Small project") == std::string::npos);
    }
    // The same inputs give the same numbers (the bootstrap has a fixed seed).
    const Explanation again = Explain(p.a, p.b, {SeriesId::Trust}, kReps, kWeeks);
    CHECK(again.outcomes[0].factors[0].lo == trust->factors[0].lo);
    CHECK(again.outcomes[0].factors[0].hi == trust->factors[0].hi);
}

TEST_CASE("Explainer: slices, progress, identical scenarios, invalid input") {
    const Scenario d = Default();
    Explainer e(d, Preset("cio_reports_to_ceo.json"), {SeriesId::TimeToMarket}, 3, 20);
    CHECK(e.Factors().size() == 1);
    CHECK(e.Runs() == 6);
    CHECK(e.Progress() == 0.0);
    CHECK(e.RunSlice(30));  // one run of 20 weeks and half of the next
    CHECK(e.RunsDone() == 1);
    CHECK(e.Progress() == doctest::Approx(1.5 / 6.0));
    e.RunAll();
    CHECK(e.Done());
    CHECK(e.Result().outcomes[0].finals[0].size() == 3);

    const Explanation same = Explain(d, d, {SeriesId::Revenue}, 2, 10);
    CHECK(same.factors.empty());
    CHECK(same.Hybrids() == 1);
    CHECK(same.outcomes[0].total == 0.0);

    Scenario bad = d;
    bad.units[1].parent = "nowhere";
    const Explanation err = Explain(d, bad, {SeriesId::Revenue}, 2, 10);
    CHECK(err.error.find("B is not valid") != std::string::npos);
    CHECK(err.outcomes.empty());
}

TEST_CASE("orgsim explain: output formats and error paths") {
    std::string out, err;
    const std::string a = ScenarioPath("default.json"), b = ScenarioPath("cio_reports_to_ceo.json");
    // JSON: the bars sum to the difference.
    REQUIRE(RunCli({a, b, "--replications", "3", "--weeks", "30", "--format", "json", "--outcome", "trust", "--outcome",
                    "time_to_market"},
                   out, err) == 0);
    const nlohmann::json j = nlohmann::json::parse(out);
    CHECK(j["replications"] == 3);
    CHECK(j["factors"].size() == 1);
    CHECK(j["factors"][0]["name"] == "Moving the CIO under the CEO");
    REQUIRE(j["outcomes"].size() == 2);
    CHECK(j["outcomes"][0]["key"] == "trust");
    CHECK(std::fabs(j["outcomes"][0]["bars"][0]["shapley"].get<double>() - j["outcomes"][0]["difference"].get<double>()) < 1e-9);
    // CSV: a row per bar and a total row per outcome.
    REQUIRE(RunCli({a, b, "--replications", "2", "--weeks", "10", "--format", "csv", "--outcome", "revenue"}, out, err) == 0);
    CHECK(out.rfind("outcome,unit,row,factor,kind,shapley,p05,p95,alone,a_mean,b_mean,difference,interaction_share\n", 0) == 0);
    CHECK(out.find("revenue,\"million USD/year\",1,\"Moving the CIO under the CEO\",org_chart,") != std::string::npos);
    CHECK(out.find("revenue,\"million USD/year\",total,") != std::string::npos);
    // Text: the factor, the total, the interaction share.
    REQUIRE(RunCli({a, b, "--replications", "2", "--weeks", "10"}, out, err) == 0);
    CHECK(out.find("1. Moving the CIO under the CEO [org_chart]") != std::string::npos);
    CHECK(out.find("total (B - A)") != std::string::npos);
    CHECK(out.find("interaction share") != std::string::npos);
    CHECK(out.find("Time to market (weeks)") != std::string::npos);  // the key outcomes by default
    CHECK(RunCli({"--help"}, out, err) == 0);
    CHECK(out.find("usage: orgsim explain") != std::string::npos);

    // A missing file: exit 1, named.
    CHECK(RunCli({a, ScenarioPath("no_such_file.json")}, out, err) == 1);
    CHECK(err.find("cannot open") != std::string::npos);
    CHECK(err.find("no_such_file.json") != std::string::npos);
    // An invalid scenario file: exit 1 with its problems.
    CHECK(RunCli({a, std::string(ORGSIM_SOURCE_DIR) + "/tests/data/cycle.json"}, out, err) == 1);
    // An unknown outcome key: exit 2, the keys listed.
    CHECK(RunCli({a, b, "--outcome", "happiness"}, out, err) == 2);
    CHECK(err.find("unknown outcome \"happiness\"") != std::string::npos);
    CHECK(err.find("time_to_market") != std::string::npos);
    // A bad format, a bad number, a missing value, an unknown option, one file or three: exit 2.
    CHECK(RunCli({a, b, "--format", "xml"}, out, err) == 2);
    CHECK(err.find("--format must be text, json or csv") != std::string::npos);
    CHECK(RunCli({a, b, "--replications", "0"}, out, err) == 2);
    CHECK(RunCli({a, b, "--weeks", "many"}, out, err) == 2);
    CHECK(RunCli({a, b, "--outcome"}, out, err) == 2);
    CHECK(RunCli({a, b, "--frobnicate"}, out, err) == 2);
    CHECK(RunCli({a}, out, err) == 2);
    CHECK(RunCli({a, b, a}, out, err) == 2);
    // Nothing is run before the command line is known to be good.
    CHECK(err.find("runs:") == std::string::npos);
    REQUIRE(RunCli({a, b, "--replications", "2", "--weeks", "5", "--outcome", "revenue"}, out, err) == 0);
    CHECK(err.find("runs: 4/4") != std::string::npos);
}

TEST_CASE("Explain: runs spread over threads give the same numbers as one thread") {
    const Scenario a = orgsim::testing::Default(), b = orgsim::testing::Preset("joint_governance.json");
    const std::vector<SeriesId> outcomes = {SeriesId::TimeToMarket, SeriesId::Trust};
    const Explanation one = Explain(a, b, outcomes, 6, 52);
    const Explanation many = ExplainParallel(a, b, outcomes, 6, 52, [](int n, const std::function<void(int)>& body) {
        orgsim::cli::ThreadFor(3, n, body);
    });
    REQUIRE(many.outcomes.size() == 2u);
    for (std::size_t o = 0; o < 2; ++o) {
        CHECK(many.outcomes[o].finals == one.outcomes[o].finals);
        CHECK(many.outcomes[o].total == one.outcomes[o].total);
        for (std::size_t f = 0; f < one.factors.size(); ++f)
            CHECK(many.outcomes[o].factors[f].shapley == one.outcomes[o].factors[f].shapley);
    }
}

// ---- By mechanism ---------------------------------------------------------------------------------

namespace {

/// State hash of replication r of s after `weeks` weeks, with `o` (or none).
std::uint64_t HashOf(const Scenario& s, int r, int weeks, const StructureOverride* o = nullptr) {
    World w(s, r, o);
    w.StepWeeks(weeks);
    return w.StateHash();
}

const Explanation& CioMove() {
    static const Explanation ex = ExplainByMechanism(Preset("cio_reports_to_cfo.json"), Preset("cio_reports_to_ceo.json"),
                                                     {SeriesId::TimeToMarket, SeriesId::ItCost, SeriesId::Trust, SeriesId::CioPressure,
                                                      SeriesId::ApprovalRate, SeriesId::OperatingProfit},
                                                     kReps, kWeeks);
    return ex;
}

const OutcomeExplanation& OutcomeOf(const Explanation& ex, SeriesId id) {
    for (const auto& o : ex.outcomes)
        if (o.id == id) return o;
    FAIL("outcome missing");
    return ex.outcomes[0];
}

/// The bars sum to the mean paired difference and, replication by replication, to B - A.
void CheckBarsSum(const Explanation& ex) {
    const std::size_t n = static_cast<std::size_t>(ex.Hybrids());
    for (const OutcomeExplanation& o : ex.outcomes) {
        INFO(SeriesTable()[static_cast<std::size_t>(o.id)].key);
        double sum = 0.0;
        for (const auto& f : o.factors) sum += f.shapley;
        CHECK(std::fabs(sum - o.total) < 1e-9);
        CHECK(std::fabs(o.total - (o.b_mean - o.a_mean)) < 1e-9);
        for (std::size_t r = 0; r < static_cast<std::size_t>(ex.replications); ++r) {
            double s = 0.0;
            for (const auto& per : o.shapley_by_replication) s += per[r];
            CHECK(std::fabs(s - (o.finals[n - 1][r] - o.finals[n][r])) < 1e-9);
        }
        for (const auto& f : o.factors) {
            CHECK(f.lo <= f.shapley + 1e-12);
            CHECK(f.hi >= f.shapley - 1e-12);
        }
    }
}

}  // namespace

TEST_CASE("Structure: the scenario's facts, the same for every mechanism unless overridden") {
    const Scenario cfo = Preset("cio_reports_to_cfo.json"), ceo = Preset("cio_reports_to_ceo.json");
    const Structure a = StructureOf(cfo), b = StructureOf(ceo);
    CHECK(a.cio_boss == Role::Cfo);
    CHECK(a.distance == 3);
    CHECK(b.cio_boss == Role::Ceo);
    CHECK(b.distance == 2);
    CHECK(StructureDiff(a, b) == (kFactCioBoss | kFactDistance));
    const Structure cdo = StructureOf(Preset("cdo_over_it_and_marketing.json"));
    CHECK(cdo.has_cdo);
    CHECK(StructureOf(Preset("cmt_in_marketing.json")).has_cmt);
    CHECK(StructureDiff(a, StructureOf(Preset("joint_governance.json"))) == 0u);  // levers are not structure

    const World plain(ceo, 0);
    StructureOverride o;
    o.structure = a;
    o.mechanisms = 1u << static_cast<unsigned>(Mechanism::Budget);
    const World over(ceo, 0, &o);
    for (int m = 0; m < kMechanismCount; ++m) {
        const auto mech = static_cast<Mechanism>(m);
        CHECK(plain.StructureFor(mech) == b);
        CHECK(over.StructureFor(mech) == (mech == Mechanism::Budget ? a : b));
    }
    CHECK(over.CioBoss() == Role::Ceo);  // the scenario's own org chart
    CHECK(over.OrgDistanceCmoCio() == 2);
}

TEST_CASE("World: a mechanism given another structure changes the run exactly when it reads a fact that differs") {
    // Overriding one mechanism at a time, between the default and presets that move the CIO, add a
    // CDO over IT and marketing, or a CMT: a mechanism that reads none of the differing facts
    // (StructureReads) runs bit for bit as without the override; one that reads the CIO's boss or
    // the distance changes the run (of B with A's facts, or of A with B's). All mechanisms from B's own facts is B; all from A's (where
    // only the reporting line differs) is A.
    const Scenario d = Default();
    const char* files[] = {"cio_reports_to_ceo.json", "cdo_over_it_and_marketing.json", "cmt_in_marketing.json"};
    constexpr int kHashWeeks = 104;
    for (const char* file : files) {
        const Scenario b = Preset(file);
        const Structure sa = StructureOf(d), sb = StructureOf(b);
        const unsigned diff = StructureDiff(sa, sb);
        REQUIRE(diff != 0u);
        for (int r = 0; r < 2; ++r) {
            const std::uint64_t own = HashOf(b, r, kHashWeeks);
            for (int m = 0; m < kMechanismCount; ++m) {
                const auto mech = static_cast<Mechanism>(m);
                INFO(std::string(file) << ", replication " << r << ", " << std::string(MechanismKey(mech)));
                const StructureOverride o{sa, 1u << static_cast<unsigned>(m)};
                const bool reads = (StructureReads(mech) & diff) != 0u;
                const std::uint64_t h = HashOf(b, r, kHashWeeks, &o);
                if (!reads) CHECK(h == own);
                if (std::string(file) == "cio_reports_to_ceo.json" && reads) {
                    // In one direction or the other (under the CEO, IT's lead time rarely presses the
                    // CIO, so the Executives mechanism shows its reading in the CFO's world).
                    const StructureOverride back{sb, 1u << static_cast<unsigned>(m)};
                    CHECK((h != own || HashOf(d, r, kHashWeeks, &back) != HashOf(d, r, kHashWeeks)));
                }
            }
            const StructureOverride all_b{sb, (1u << kMechanismCount) - 1};
            CHECK(HashOf(b, r, kHashWeeks, &all_b) == own);
        }
    }
    // The CIO's move acts only through the structural facts: B with A's facts everywhere is A.
    Scenario b = Preset("cio_reports_to_ceo.json");
    b.seed = d.seed;
    const StructureOverride all_a{StructureOf(d), (1u << kMechanismCount) - 1};
    for (int r = 0; r < 2; ++r) CHECK(HashOf(b, r, kHashWeeks, &all_a) == HashOf(d, r, kHashWeeks));
}

TEST_CASE("ExplainByMechanism: moving the CIO from the CFO to the CEO, the bars sum to B - A") {
    const Explanation& ex = CioMove();
    REQUIRE(ex.error.empty());
    CHECK(ex.by == ExplainBy::Mechanism);
    // The mechanisms that read the CIO's boss or the distance, in table order, then the residual.
    const std::vector<Mechanism> readers = {Mechanism::Portfolio, Mechanism::Execution, Mechanism::Trust, Mechanism::Executives,
                                            Mechanism::Budget};
    CHECK(ex.mechanisms == readers);
    REQUIRE(ex.factors.size() == readers.size() + 1);
    CHECK(ex.factors[0].name == "The CIO's priorities and approvals (Portfolio)");
    CHECK(ex.factors[0].kind == FactorKind::Structure);
    CHECK(ex.factors.back().kind == FactorKind::Residual);
    CHECK(ex.Hybrids() == 32);
    CHECK(ex.Worlds() == 33);
    CHECK(ex.replications == kReps);
    REQUIRE(ex.structure_changes.size() == 2);
    CHECK(ex.structure_changes[0] == "the CIO's boss: the CFO -> the CEO");
    CHECK(ex.structure_changes[1] == "reporting steps between the CMO and the CIO: 3 -> 2");
    CheckBarsSum(ex);
    // The same total as the factor view (the same worlds of A and of B).
    const Explanation by_factor = Explain(Preset("cio_reports_to_cfo.json"), Preset("cio_reports_to_ceo.json"), {SeriesId::TimeToMarket},
                                          kReps, kWeeks);
    const OutcomeExplanation& ttm = OutcomeOf(ex, SeriesId::TimeToMarket);
    CHECK(ttm.total == by_factor.outcomes[0].total);
    CHECK(ttm.finals[0] != ttm.finals[31]);  // B with A's structure is not B
    // A reporting line acts only through the structural facts: nothing is left for the residual.
    for (const auto& o : ex.outcomes) {
        CHECK(o.factors.back().shapley == 0.0);
        CHECK(o.finals[0] == o.finals[32]);
    }
    // The boss's scorecard: the CIO's priorities (approvals), the budget decision (IT cost) and the
    // CIO's pressure carry a share.
    CHECK(OutcomeOf(ex, SeriesId::ApprovalRate).factors[0].shapley != 0.0);
    CHECK(OutcomeOf(ex, SeriesId::ItCost).factors[4].shapley != 0.0);
    CHECK(OutcomeOf(ex, SeriesId::CioPressure).factors[3].shapley != 0.0);
    CHECK(OutcomeOf(ex, SeriesId::Trust).factors[2].shapley != 0.0);
    // Plain sentences name the mechanism and what it carries.
    bool carries = false;
    for (const auto& o : ex.outcomes)
        for (const auto& s : o.sentences) carries = carries || s.find(") carries ") != std::string::npos;
    CHECK(carries);
}

TEST_CASE("ExplainByMechanism: every mechanism a player; those that do not read the CIO's boss or the distance get 0") {
    const Explanation ex = ExplainByMechanism(Preset("cio_reports_to_cfo.json"), Preset("cio_reports_to_ceo.json"),
                                              {SeriesId::TimeToMarket, SeriesId::ItCost}, 3, 52, {}, true);
    REQUIRE(ex.mechanisms.size() == static_cast<std::size_t>(kMechanismCount));
    CHECK(ex.Worlds() == 1025);
    CheckBarsSum(ex);
    const unsigned diff = kFactCioBoss | kFactDistance;
    for (const auto& o : ex.outcomes) {
        bool some = false;
        for (int m = 0; m < kMechanismCount; ++m) {
            INFO(std::string(SeriesTable()[static_cast<std::size_t>(o.id)].key) << " " << std::string(MechanismKey(static_cast<Mechanism>(m))));
            const FactorEffect& f = o.factors[static_cast<std::size_t>(m)];
            if (!(StructureReads(static_cast<Mechanism>(m)) & diff)) {
                CHECK(f.shapley == 0.0);
                CHECK(f.alone == 0.0);
                CHECK(f.lo == 0.0);
                CHECK(f.hi == 0.0);
            } else {
                some = some || f.shapley != 0.0;
            }
        }
        CHECK(some);
    }
}

TEST_CASE("ExplainByMechanism: identical structure leaves everything to what is not structural") {
    const Scenario a = Default(), b = Preset("joint_governance.json");  // levers only
    const std::vector<SeriesId> outcomes = {SeriesId::Trust, SeriesId::TimeToMarket};
    const Explanation ex = ExplainByMechanism(a, b, outcomes, 6, 52);
    REQUIRE(ex.error.empty());
    CHECK(ex.mechanisms.empty());
    CHECK(ex.structure_changes.empty());
    REQUIRE(ex.factors.size() == 1);
    CHECK(ex.factors[0].kind == FactorKind::Residual);
    CHECK(ex.Worlds() == 2);
    CheckBarsSum(ex);
    for (const auto& o : ex.outcomes) CHECK(o.factors[0].shapley == o.total);
    CHECK(OutcomeOf(ex, SeriesId::Trust).total > 0.0);
    // Every mechanism a player: every mechanism's bar is 0, the residual carries the difference.
    const Explanation every = ExplainByMechanism(a, b, {SeriesId::Trust}, 2, 26, {}, true);
    REQUIRE(every.factors.size() == static_cast<std::size_t>(kMechanismCount) + 1);
    CheckBarsSum(every);
    for (int m = 0; m < kMechanismCount; ++m) CHECK(every.outcomes[0].factors[static_cast<std::size_t>(m)].shapley == 0.0);
    CHECK(every.outcomes[0].factors.back().shapley == every.outcomes[0].total);
    CHECK(every.outcomes[0].total != 0.0);
    // Threads give the same numbers; an invalid scenario is reported.
    const Explanation threads = ExplainByMechanism(a, b, outcomes, 6, 52, [](int n, const std::function<void(int)>& body) {
        orgsim::cli::ThreadFor(3, n, body);
    });
    CHECK(threads.outcomes[0].finals == ex.outcomes[0].finals);
    Scenario bad = a;
    bad.units[1].parent = "nowhere";
    CHECK(ExplainByMechanism(a, bad, outcomes, 2, 10).error.find("B is not valid") != std::string::npos);
}

TEST_CASE("orgsim explain --by mechanism: text, JSON and CSV") {
    std::string out, err;
    const std::string a = ScenarioPath("cio_reports_to_cfo.json"), b = ScenarioPath("cio_reports_to_ceo.json");
    REQUIRE(RunCli({a, b, "--by", "mechanism", "--replications", "3", "--weeks", "30", "--format", "json", "--outcome", "it_cost"},
                   out, err) == 0);
    const nlohmann::json j = nlohmann::json::parse(out);
    CHECK(j["by"] == "mechanism");
    CHECK(j["worlds_per_replication"] == 33);
    REQUIRE(j["factors"].size() == 6);
    CHECK(j["factors"][4]["mechanism"] == "budget");
    CHECK(j["factors"][4]["reads"][0] == "the CIO's boss");
    CHECK(j["factors"][5]["kind"] == "not_structural");
    double sum = 0.0;
    for (const auto& bar : j["outcomes"][0]["bars"]) sum += bar["shapley"].get<double>();
    CHECK(std::fabs(sum - j["outcomes"][0]["difference"].get<double>()) < 1e-9);
    CHECK(err.find("5 mechanisms: 33 worlds") != std::string::npos);

    REQUIRE(RunCli({a, b, "--by", "mechanism", "--replications", "2", "--weeks", "10", "--format", "csv", "--outcome", "revenue"}, out,
                   err) == 0);
    CHECK(out.find(",5,\"The boss's IT budget decision (Budget)\",structure,") != std::string::npos);
    CHECK(out.find(",6,\"Not structural (headcounts, budgets, levers, units)\",not_structural,") != std::string::npos);

    REQUIRE(RunCli({a, b, "--by", "mechanism", "--replications", "2", "--weeks", "10", "--threads", "1"}, out, err) == 0);
    CHECK(out.find("the CIO's boss: the CFO -> the CEO") != std::string::npos);
    CHECK(out.find("1. The CIO's priorities and approvals (Portfolio) [reads the CIO's boss]") != std::string::npos);
    CHECK(out.find("Not structural") != std::string::npos);
    CHECK(err.find("runs: 66/66") != std::string::npos);

    CHECK(RunCli({a, b, "--by", "unit"}, out, err) == 2);
    CHECK(err.find("--by must be factor or mechanism") != std::string::npos);
    CHECK(RunCli({a, b, "--all-mechanisms"}, out, err) == 2);
    CHECK(RunCli({"--help"}, out, err) == 0);
    CHECK(out.find("--by WHAT") != std::string::npos);
}

TEST_CASE("Explain: a lever schedule (a class's later rounds) is a factor of its own; the bars still sum to B - A") {
    // Two students of a class: the same structure, B sets shared goals from the start and raises the
    // security share from year 2 (a schedule step); A changes nothing.
    const Scenario a = Default();
    Scenario b = a;
    b.params.Set(ParamId::SharedKpis, 1.0);
    b.schedule.push_back({52, {{ParamId::SecurityShareOfIt, 0.2}}});
    const auto f = DiffFactors(a, b);
    REQUIRE(f.size() == 2);
    CHECK(f[0].kind == FactorKind::Lever);
    CHECK(f[1].kind == FactorKind::Lever);
    CHECK(f[1].name.find("Levers changed later: from year 2 (week 52): ") == 0);
    CHECK(f[1].name.find("Security share of IT budget 20%") != std::string::npos);
    // Every factor taken is B, run for run; none is A.
    CHECK(Hashes(Hybrid(a, b, f, 3), a.seed, 60) == Hashes(b, a.seed, 60));
    CHECK(Hybrid(a, b, f, 2).schedule == b.schedule);
    CHECK(Hybrid(a, b, f, 1).schedule.empty());
    constexpr int kR = 6, kW = 104;
    const Explanation ex = Explain(a, b, {SeriesId::OperatingProfit}, kR, kW);
    REQUIRE(ex.error.empty());
    Experiment cmp({a, b}, kR, kW, false);
    cmp.RunAll();
    const OutcomeExplanation& o = ex.outcomes[0];
    const double paired = cmp.PairedDifference(1, SeriesId::OperatingProfit).mean;
    CHECK(std::fabs(o.factors[0].shapley + o.factors[1].shapley - paired) < 1e-9);
    CHECK(o.factors[1].shapley != 0.0);  // security bought from year 2 costs money
}
