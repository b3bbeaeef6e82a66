// test_sensitivity.cpp: the Morris design and analysis on functions with known answers (a linear
// function, Sobol's G), the tornado and Morris on the model, SALib's layouts, and the staged form
// (SensitivityStudy's batches run as Experiments, as the browser runs them) against Sensitivity().
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>

#include "cli/parallel.h"
#include "sim/sensitivity.h"
#include "tests/unit/fixtures.h"

using namespace orgsim;

namespace {
std::vector<double> Eval(const MorrisDesign& d, const std::function<double(const std::vector<double>&)>& f) {
    std::vector<double> y;
    for (const auto& x : d.points) y.push_back(f(x));
    return y;
}
int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }
}  // namespace

TEST_CASE("Morris design: grid points, one factor moved by delta per step, each factor once per trajectory") {
    const MorrisDesign d = MakeMorrisDesign(5, 7, 4, 42);
    CHECK(d.delta == doctest::Approx(2.0 / 3.0));
    REQUIRE(d.points.size() == 7u * 6u);
    for (int t = 0; t < 7; ++t) {
        std::set<int> moved;
        for (int j = 0; j < 6; ++j) {
            const std::size_t row = static_cast<std::size_t>(t * 6 + j);
            for (double x : d.points[row]) {
                CHECK(x >= 0.0);
                CHECK(x <= 1.0);
                CHECK(std::fabs(x * 3.0 - std::round(x * 3.0)) < 1e-12);  // on the 4-level grid
            }
            if (j == 0) {
                CHECK(d.changed[row] == -1);
                continue;
            }
            const int f = d.changed[row];
            moved.insert(f);
            for (int i = 0; i < 5; ++i) {
                const double dx = d.points[row][static_cast<std::size_t>(i)] - d.points[row - 1][static_cast<std::size_t>(i)];
                CHECK(std::fabs(dx) == doctest::Approx(i == f ? d.delta : 0.0));
            }
        }
        CHECK(moved.size() == 5u);
    }
    // Deterministic in the seed, different for another seed.
    CHECK(MakeMorrisDesign(5, 7, 4, 42).points == d.points);
    CHECK(MakeMorrisDesign(5, 7, 4, 43).points != d.points);
    CHECK(MakeMorrisDesign(5, 7, 3, 42).points.empty());  // odd levels refused
}

TEST_CASE("Morris on a linear function: every elementary effect is the coefficient, sigma 0") {
    const std::vector<double> c = {3.0, -2.0, 0.5, 0.0};
    const MorrisDesign d = MakeMorrisDesign(4, 12, 4, 7);
    const MorrisResult m = AnalyseMorris(d, Eval(d, [&](const std::vector<double>& x) {
                                             double y = 1.0;
                                             for (std::size_t i = 0; i < c.size(); ++i) y += c[i] * x[i];
                                             return y;
                                         }));
    for (std::size_t i = 0; i < c.size(); ++i) {
        CHECK(m.mu[i] == doctest::Approx(c[i]));
        CHECK(m.mu_star[i] == doctest::Approx(std::fabs(c[i])));
        CHECK(m.sigma[i] == doctest::Approx(0.0).epsilon(1e-12));
        CHECK(m.mu_star_conf[i] == doctest::Approx(0.0).epsilon(1e-12));
    }
}

TEST_CASE("Morris on Sobol's G function ranks the factors as their a_i say (Saltelli & Sobol 1995)") {
    const std::vector<double> a = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0};
    const MorrisDesign d = MakeMorrisDesign(8, 60, 4, 2026);
    const MorrisResult m = AnalyseMorris(d, Eval(d, [&](const std::vector<double>& x) { return SobolG(x, a); }));
    for (int i = 0; i < 3; ++i) CHECK(m.mu_star[static_cast<std::size_t>(i)] > m.mu_star[static_cast<std::size_t>(i + 1)]);
    for (int i = 4; i < 8; ++i) {
        CHECK(m.mu_star[static_cast<std::size_t>(i)] < 0.05 * m.mu_star[0]);  // a_i = 99: almost no effect
        CHECK(m.mu_star_hi[static_cast<std::size_t>(i)] < m.mu_star_lo[3]);     // and clearly below x4
    }
    // G is not additive: the important factors interact (sigma well above 0).
    CHECK(m.sigma[0] > 0.3 * m.mu_star[0]);
    // The bootstrap interval holds mu*.
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(m.mu_star_lo[i] <= m.mu_star[i] + 1e-12);
        CHECK(m.mu_star[i] <= m.mu_star_hi[i] + 1e-12);
    }
}

TEST_CASE("lever values: linear for real levers, rounded for switches, choices and whole numbers") {
    CHECK(AllLevers().size() >= 10u);
    for (const LeverRange& l : AllLevers()) {
        CHECK(Info(l.id).group == ParamGroup::Levers);
        CHECK(l.id != ParamId::RevenueMusd);
        CHECK(LeverValueAt(l, 0.0) == l.lo);
        CHECK(LeverValueAt(l, 1.0) == l.hi);
    }
    const LeverRange policy{ParamId::ShadowItPolicy, 0, 2};
    CHECK(LeverValueAt(policy, 1.0 / 3.0) == 1.0);
    CHECK(LeverValueAt(policy, 2.0 / 3.0) == 1.0);
    const LeverRange share{ParamId::SecurityShareOfIt, 0.02, 0.3};
    CHECK(LeverValueAt(share, 0.5) == doctest::Approx(0.16));
}

TEST_CASE("sensitivity on the model: the tornado and Morris agree on what matters; noise is measured") {
    // Three levers whose effects MODEL.md's facts predict: the shadow-IT policy moves the shadow share
    // a lot (fact 3), shared KPIs move trust (fact 2), the approval cadence barely moves trust.
    SensitivityOptions o;
    o.levers = {{ParamId::ShadowItPolicy, 0, 2}, {ParamId::SharedKpis, 0, 1}, {ParamId::ApprovalCadenceWeeks, 1, 13}};
    o.outcomes = {SeriesId::ShadowShare, SeriesId::Trust};
    o.replications = 12;
    o.trajectories = 6;
    o.weeks = 156;
    const SensitivityResult r = Sensitivity(testing::Default(), o);
    REQUIRE(r.tornado.size() == 2u);
    REQUIRE(r.morris.size() == 2u);
    // Shadow share: the policy is the largest bar (ban against institutionalise) and clear of zero.
    const TornadoBar& top = r.tornado[0].front();
    CHECK(r.levers[static_cast<std::size_t>(top.lever)].id == ParamId::ShadowItPolicy);
    CHECK(top.low_hi < 0.0);  // a ban lowers the shadow share (90% interval below 0)
    CHECK(r.morris[0].mu_star[0] > r.morris[0].mu_star[2]);
    CHECK(r.morris[0].mu_star[0] > r.noise[0]);
    // Trust: shared KPIs raise it (the high end's interval above 0) and matter more than the cadence.
    for (const TornadoBar& b : r.tornado[1])
        if (r.levers[static_cast<std::size_t>(b.lever)].id == ParamId::SharedKpis) CHECK(b.high_lo > 0.0);
    CHECK(r.morris[1].mu_star[1] > r.morris[1].mu_star[2]);
    CHECK(r.noise[1] > 0.0);
    // Bars sorted by swing.
    for (const auto& bars : r.tornado)
        for (std::size_t i = 1; i < bars.size(); ++i) CHECK(bars[i - 1].Swing() >= bars[i].Swing());
    // Threads change nothing.
    const SensitivityResult t = Sensitivity(testing::Default(), o, [](int n, const std::function<void(int)>& body) { cli::ThreadFor(3, n, body); });
    CHECK(t.y == r.y);
    CHECK(t.noise == r.noise);
    CHECK(TornadoCsv(t) == TornadoCsv(r));
    // SALib's layouts: one problem line per lever; the design has a header and (k + 1) x r rows; the
    // results a header and (k + noise) rows per outcome.
    CHECK(Lines(SalibProblem(r)) == 1 + 3);
    CHECK(Lines(SalibDesignCsv(r)) == 1 + 4 * 6);
    CHECK(SalibDesignCsv(r).rfind("shadow_it_policy,shared_kpis,approval_cadence_weeks,shadow_share,trust\n", 0) == 0);
    CHECK(Lines(SalibMorrisCsv(r)) == 1 + 2 * 4);
    CHECK(SalibMorrisCsv(r).rfind("outcome,names,mu,mu_star,sigma,mu_star_conf\n", 0) == 0);
    CHECK(Lines(TornadoCsv(r)) == 1 + 2 * 3);
}

namespace {
// Run a study's batches as the browser does (one Experiment per batch) and analyse their finals.
SensitivityResult RunStaged(const SensitivityStudy& study, bool out_of_order) {
    std::vector<std::unique_ptr<Experiment>> runs;
    for (const SensitivityBatch& b : study.Batches()) {
        runs.push_back(std::make_unique<Experiment>(b.scenarios, b.replications, b.weeks, false, b.first_replication));
        Experiment& e = *runs.back();
        if (!out_of_order) {
            e.RunAll();
            continue;
        }
        // As Web Workers deliver them: any order, merged in task order.
        for (int t = e.TaskCount() - 1; t >= 0; --t) CHECK(e.Accept(e.RunTask(t)));
        CHECK(e.Done());
    }
    return study.Analyse([&](int b, int s, SeriesId id) -> const std::vector<double>& { return runs[static_cast<std::size_t>(b)]->Finals(s, id); });
}

void CheckSame(const SensitivityResult& a, const SensitivityResult& b) {
    CHECK(a.replications == b.replications);
    CHECK(a.weeks == b.weeks);
    CHECK(a.design.points == b.design.points);
    CHECK(a.y == b.y);
    CHECK(a.noise == b.noise);
    CHECK(a.noise_conf == b.noise_conf);
    REQUIRE(a.morris.size() == b.morris.size());
    for (std::size_t o = 0; o < a.morris.size(); ++o) {
        CHECK(a.morris[o].mu_star == b.morris[o].mu_star);
        CHECK(a.morris[o].mu == b.morris[o].mu);
        CHECK(a.morris[o].sigma == b.morris[o].sigma);
        CHECK(a.morris[o].mu_star_lo == b.morris[o].mu_star_lo);
        CHECK(a.morris[o].mu_star_hi == b.morris[o].mu_star_hi);
    }
    REQUIRE(a.tornado.size() == b.tornado.size());
    for (std::size_t o = 0; o < a.tornado.size(); ++o) {
        REQUIRE(a.tornado[o].size() == b.tornado[o].size());
        for (std::size_t i = 0; i < a.tornado[o].size(); ++i) {
            const TornadoBar &x = a.tornado[o][i], &y = b.tornado[o][i];
            CHECK(x.lever == y.lever);
            CHECK(x.low_mean == y.low_mean);
            CHECK(x.low_lo == y.low_lo);
            CHECK(x.high_mean == y.high_mean);
            CHECK(x.high_hi == y.high_hi);
        }
    }
    CHECK(SalibDesignCsv(a) == SalibDesignCsv(b));
    CHECK(SalibMorrisCsv(a) == SalibMorrisCsv(b));
    CHECK(TornadoCsv(a) == TornadoCsv(b));
}
}  // namespace

TEST_CASE("sensitivity in stages: the batches run as Experiments give exactly Sensitivity()'s numbers") {
    SensitivityOptions o;
    o.levers = {{ParamId::ShadowItPolicy, 0, 2}, {ParamId::SharedKpis, 0, 1}, {ParamId::ApprovalCadenceWeeks, 1, 13}};
    o.outcomes = {SeriesId::ShadowShare, SeriesId::Trust, SeriesId::TimeToMarket};
    o.replications = 3;
    o.trajectories = 4;
    o.weeks = 40;
    const SensitivityStudy study(testing::Default(), o);
    // The tornado (base + low/high per lever), the design points, the trajectories' starts again.
    REQUIRE(study.Batches().size() == 3u);
    CHECK(study.Batches()[0].scenarios.size() == 7u);
    CHECK(study.Batches()[0].first_replication == 0);
    CHECK(study.Batches()[1].scenarios.size() == 16u);
    CHECK(study.Batches()[1].first_replication == 0);
    CHECK(study.Batches()[2].scenarios.size() == 4u);
    CHECK(study.Batches()[2].first_replication == 3);
    for (const SensitivityBatch& b : study.Batches()) {
        CHECK(b.replications == 3);
        CHECK(b.weeks == 40);
    }
    CHECK(study.Runs() == (7 + 16 + 4) * 3);

    const SensitivityResult direct = Sensitivity(testing::Default(), o);
    CheckSame(RunStaged(study, false), direct);
    CheckSame(RunStaged(study, true), direct);

    // Unfinished batches give no result rather than a wrong one.
    const SensitivityResult partial = study.Analyse([](int, int, SeriesId) -> const std::vector<double>& {
        static const std::vector<double> kShort = {1.0};
        return kShort;
    });
    CHECK(partial.replications == 0);
    CHECK(partial.tornado.empty());
    CHECK(partial.morris.empty());
}

TEST_CASE("sensitivity in stages: a stage larger than an experiment is split into batches, with the same numbers") {
    SensitivityOptions o;
    o.levers = {{ParamId::SharedKpis, 0, 1}, {ParamId::ShadowItPolicy, 0, 2}};
    o.outcomes = {SeriesId::Trust};
    o.replications = 2;
    o.trajectories = 400;  // 3 x 400 = 1,200 design points: two experiments
    o.weeks = 2;
    o.tornado = false;
    const SensitivityStudy study(testing::Default(), o);
    REQUIRE(study.Batches().size() == 3u);
    CHECK(study.Batches()[0].scenarios.size() == static_cast<std::size_t>(kMaxExperimentScenarios));
    CHECK(study.Batches()[1].scenarios.size() == 1200u - static_cast<std::size_t>(kMaxExperimentScenarios));
    CHECK(study.Batches()[2].scenarios.size() == 400u);
    CHECK(study.Batches()[2].first_replication == 2);
    for (const SensitivityBatch& b : study.Batches()) CHECK(b.scenarios.size() <= static_cast<std::size_t>(kMaxExperimentScenarios));
    CheckSame(RunStaged(study, false),
              Sensitivity(testing::Default(), o, [](int n, const std::function<void(int)>& body) { cli::ThreadFor(2, n, body); }));
}
