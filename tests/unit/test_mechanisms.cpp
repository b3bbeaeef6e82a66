// test_mechanisms.cpp: each mechanism of MODEL.md does what it says, and switching it off stops it.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/execution.h"
#include "sim/scenario.h"
#include "tests/unit/fixtures.h"
#include "sim/stats.h"
#include "sim/world.h"

using namespace orgsim;
using orgsim::testing::Default;
using orgsim::testing::Preset;

namespace {
Scenario CioUnder(const std::string& parent) {
    Scenario s = Default();
    s.units[static_cast<std::size_t>(s.FindUnit("it"))].parent = parent;
    REQUIRE(ValidateScenario(s).empty());
    return s;
}
int Count(const World& w, EventKind k) {
    int n = 0;
    for (const auto& e : w.Events()) n += e.kind == k ? 1 : 0;
    return n;
}
int CountPath(const World& w, Path p) {
    int n = 0;
    for (const auto& in : w.Initiatives()) n += in.path == p ? 1 : 0;
    return n;
}
/// Mean over replications of a series' final value.
double MeanFinal(const Scenario& s, SeriesId id, int reps, int weeks = 260) {
    std::vector<double> v;
    for (int r = 0; r < reps; ++r) {
        World w(s, r);
        w.StepWeeks(weeks);
        v.push_back(w.Series(id).back());
    }
    return Summarise(v).mean;
}
}  // namespace

TEST_CASE("demand: ideas arise; switched off, none do") {
    World on(Default(), 0);
    on.StepWeeks(104);
    CHECK(on.Initiatives().size() > 40u);
    Scenario s = Default();
    s.mechanisms[static_cast<std::size_t>(Mechanism::Demand)] = false;
    World off(s, 0);
    off.StepWeeks(104);
    CHECK(off.Initiatives().empty());
}

TEST_CASE("routing: ideas go through IT, shadow and (with a bridge role) joint teams; off, all go to IT") {
    World w(Default(), 0);
    w.StepWeeks(260);
    CHECK(CountPath(w, Path::It) > 0);
    CHECK(CountPath(w, Path::Shadow) > 0);
    CHECK(CountPath(w, Path::Joint) == 0);  // no CDO, CMT, council or shared budget in the default
    Scenario s = Default();
    s.mechanisms[static_cast<std::size_t>(Mechanism::Routing)] = false;
    World off(s, 0);
    off.StepWeeks(260);
    CHECK(CountPath(off, Path::Shadow) == 0);
    Scenario council = Default();
    council.params.Set(ParamId::SteeringCouncilWeeks, 4);
    World c(council, 0);
    c.StepWeeks(260);
    CHECK(CountPath(c, Path::Joint) > 0);
}

TEST_CASE("routing: a ban deters shadow IT and shuts tools down; only a ban shuts them down") {
    Scenario ban = Default(), tol = Default();
    ban.params.Set(ParamId::ShadowItPolicy, 0);
    int shadow_ban = 0, shadow_tol = 0, shut_ban = 0, shut_tol = 0;
    for (int r = 0; r < 10; ++r) {
        World a(ban, r), b(tol, r);
        a.StepWeeks(260);
        b.StepWeeks(260);
        shadow_ban += CountPath(a, Path::Shadow);
        shadow_tol += CountPath(b, Path::Shadow);
        shut_ban += Count(a, EventKind::ShadowShutdown);
        shut_tol += Count(b, EventKind::ShadowShutdown);
    }
    CHECK(shadow_ban * 2 < shadow_tol);
    CHECK(shut_ban > 0);
    CHECK(shut_tol == 0);
}

TEST_CASE("portfolio: a business case for everything means more rejections than light touch") {
    Scenario strict = Default(), light = Default();
    strict.params.Set(ParamId::BusinessCaseThresholdKusd, 0);
    light.params.Set(ParamId::BusinessCaseThresholdKusd, 5000);
    int rej_strict = 0, rej_light = 0;
    for (int r = 0; r < 10; ++r) {
        World a(strict, r), b(light, r);
        a.StepWeeks(156);
        b.StepWeeks(156);
        rej_strict += Count(a, EventKind::Rejection);
        rej_light += Count(b, EventKind::Rejection);
    }
    CHECK(rej_strict > 20);
    CHECK(rej_light == 0);
}

TEST_CASE("execution: launches happen; switched off, nothing is delivered") {
    World w(Default(), 0);
    w.StepWeeks(104);
    CHECK(w.Series(SeriesId::Delivered).back() > 20);
    for (const auto& in : w.Initiatives())
        if (in.status == Status::Live) {
            CHECK(in.launched > in.created);
            CHECK(in.progress >= in.size);
        }
    Scenario s = Default();
    s.mechanisms[static_cast<std::size_t>(Mechanism::Execution)] = false;
    World off(s, 0);
    off.StepWeeks(104);
    CHECK(off.Series(SeriesId::Delivered).back() == 0);
}

TEST_CASE("value: launches lift customer experience above its no-renewal floor; data capability is bounded") {
    Scenario none = Default();
    none.mechanisms[static_cast<std::size_t>(Mechanism::Demand)] = false;
    none.mechanisms[static_cast<std::size_t>(Mechanism::Security)] = false;
    World idle(none, 0);
    idle.StepWeeks(260);
    // Without renewal CX decays toward its start minus 10.
    CHECK(idle.CustomerExperience() < 51.0);
    CHECK(idle.Series(SeriesId::DataCapability).back() == 0.0);
    World busy(Default(), 0);
    busy.StepWeeks(260);
    CHECK(busy.Series(SeriesId::DataCapability).back() > 0.1);
    // Fact 6: full data-driven capability is worth at most +5% productivity.
    for (double p : busy.Series(SeriesId::Productivity)) CHECK(p <= 1.05 + 1e-12);
}

TEST_CASE("security: incidents happen at about the published rate, cost money and hit CX; off, none") {
    Scenario s = Default();
    int incidents = 0;
    const int reps = 200;
    for (int r = 0; r < reps; ++r) {
        World w(s, r);
        w.StepWeeks(260);
        incidents += Count(w, EventKind::Incident);
        for (const auto& e : w.Events())
            if (e.kind == EventKind::Incident) {
                CHECK(e.mechanism == Mechanism::Security);
                CHECK(e.value > 0.0);
            }
    }
    const double per_year = incidents / (reps * 5.0);
    INFO("material incidents per company-year: " << per_year);
    CHECK(per_year > 0.10);  // IBM/Ponemon: about 15% a year
    CHECK(per_year < 0.25);
    Scenario off = Default();
    off.mechanisms[static_cast<std::size_t>(Mechanism::Security)] = false;
    World w(off, 0);
    w.StepWeeks(260);
    CHECK(Count(w, EventKind::Incident) == 0);
}

TEST_CASE("trust: shared KPIs and co-location raise trust, after a lag of months (fact 2)") {
    Scenario base = Default(), joint = Default();
    joint.params.Set(ParamId::SharedKpis, 1);
    joint.params.Set(ParamId::CoLocation, 2);
    double early_gap = 0.0, late_gap = 0.0;
    for (int r = 0; r < 10; ++r) {
        World a(base, r), b(joint, r);
        a.StepWeeks(104);
        b.StepWeeks(104);
        early_gap += b.Series(SeriesId::Trust)[3] - a.Series(SeriesId::Trust)[3];
        late_gap += b.Series(SeriesId::Trust)[103] - a.Series(SeriesId::Trust)[103];
    }
    early_gap /= 10;
    late_gap /= 10;
    CHECK(late_gap > 0.1);
    CHECK(early_gap < late_gap / 4);  // a month in, little of the effect has arrived
    Scenario off = joint;
    off.mechanisms[static_cast<std::size_t>(Mechanism::Trust)] = false;
    World w(off, 0);
    w.StepWeeks(52);
    for (double t : w.Series(SeriesId::Trust)) CHECK(t == doctest::Approx(0.3));
}

TEST_CASE("executives: CIO and CMO exits near the published hazards; off, none") {
    double cio = 0, cmo = 0;
    const int reps = 150;
    for (int r = 0; r < reps; ++r) {
        World w(Default(), r);
        w.StepWeeks(260);
        cio += w.Series(SeriesId::CioDepartures).back();
        cmo += w.Series(SeriesId::CmoDepartures).back();
    }
    const double cio_h = cio / (reps * 5.0), cmo_h = cmo / (reps * 5.0);
    INFO("CIO exits/year " << cio_h << ", CMO exits/year " << cmo_h);
    // Korn Ferry 2017: CIO tenure about 4.3 years (0.23/year); Spencer Stuart: CMO median about 25
    // months to 4.5 years (about 0.2-0.35/year). Vacancies lower the rate per calendar year a little.
    CHECK(cio_h > 0.15);
    CHECK(cio_h < 0.3);
    CHECK(cmo_h > 0.18);
    CHECK(cmo_h < 0.38);
    Scenario off = Default();
    off.mechanisms[static_cast<std::size_t>(Mechanism::Executives)] = false;
    World w(off, 0);
    w.StepWeeks(260);
    CHECK(Count(w, EventKind::ExecExit) == 0);
}

TEST_CASE("budget: set every 52 weeks; a CFO-led IT budget grows slower than a CEO-led one") {
    World cfo(Default(), 0), ceo(CioUnder("exec"), 0);
    cfo.StepWeeks(260);
    ceo.StepWeeks(260);
    CHECK(Count(cfo, EventKind::BudgetSet) == 5);
    CHECK(cfo.Series(SeriesId::ItCost)[3] == doctest::Approx(ceo.Series(SeriesId::ItCost)[3]).epsilon(0.05));
    CHECK(MeanFinal(Default(), SeriesId::ItCost, 10) < MeanFinal(CioUnder("exec"), SeriesId::ItCost, 10));
}

TEST_CASE("structure: the reporting distance between CMO and CIO follows the chart") {
    World cfo(Default(), 0), ceo(CioUnder("exec"), 0);
    CHECK(cfo.OrgDistanceCmoCio() == 3);  // marketing -> exec -> finance -> it
    CHECK(ceo.OrgDistanceCmoCio() == 2);  // marketing -> exec -> it
    Scenario dotted = Default();
    dotted.units[static_cast<std::size_t>(dotted.FindUnit("marketing"))].dotted.push_back("it");
    World d(dotted, 0);
    CHECK(d.OrgDistanceCmoCio() == 1);
}

TEST_CASE("fact 1: CIO under the CFO vs the CEO: fewer approvals, more shadow, slower, lower IT cost") {
    const Scenario cfo = Default(), ceo = CioUnder("exec");
    const int reps = 40;
    CHECK(MeanFinal(cfo, SeriesId::Rejected, reps) > MeanFinal(ceo, SeriesId::Rejected, reps));
    CHECK(MeanFinal(cfo, SeriesId::ShadowShare, reps) > MeanFinal(ceo, SeriesId::ShadowShare, reps));
    CHECK(MeanFinal(cfo, SeriesId::TimeToMarket, reps) > MeanFinal(ceo, SeriesId::TimeToMarket, reps));
    CHECK(MeanFinal(cfo, SeriesId::Fragmentation, reps) > MeanFinal(ceo, SeriesId::Fragmentation, reps));
    CHECK(MeanFinal(cfo, SeriesId::ItCost, reps) < MeanFinal(ceo, SeriesId::ItCost, reps));
}

TEST_CASE("fact 1: CIO under the CFO vs the CEO: more shadow tools, so more security incidents (paired, 90% interval above 0)") {
    const Scenario cfo = Default(), ceo = CioUnder("exec");
    const int reps = 300;
    std::vector<double> d;
    for (int r = 0; r < reps; ++r) {
        World a(cfo, r), b(ceo, r);
        a.StepWeeks(260);
        b.StepWeeks(260);
        d.push_back(a.Series(SeriesId::Incidents).back() - b.Series(SeriesId::Incidents).back());
    }
    // Incidents are rare (about 0.7 in five years), so the 5-95% range of single-replication
    // differences always spans 0; the claim is about the mean: its 90% interval (normal, paired).
    const Summary s = Summarise(d);
    const double half = 1.6448536 * s.sd / std::sqrt(static_cast<double>(s.n));
    INFO("incidents in 5 years, CFO minus CEO: " << s.mean << " [" << s.mean - half << ", " << s.mean + half << "]");
    CHECK(s.mean - half > 0.0);
}

TEST_CASE("calibration: shadow share of martech spend near MODEL.md's 25-40%, higher when marketing owns the budget") {
    const int reps = 100;
    const double it_owned = MeanFinal(Default(), SeriesId::ShadowShare, reps);
    const double mkt_owned = MeanFinal(Preset("marketing_owns_martech.json"), SeriesId::ShadowShare, reps);
    INFO("shadow share after 5 years: IT owns the budget " << it_owned << ", marketing owns it " << mkt_owned);
    // Gartner via Everest: 30-40% of IT spend in large firms; Flexera 2022: 25%.
    CHECK(it_owned > 0.25);
    CHECK(it_owned < 0.40);
    CHECK(mkt_owned > it_owned + 0.1);  // marketing buying its own tools: clearly more shadow ...
    CHECK(mkt_owned < 0.75);            // ... but IT still builds a quarter of it
}


TEST_CASE("fact 3: shadow IT banned / tolerated / institutionalised (the preset scenarios)") {
    const Scenario ban = Preset("shadow_it_ban.json"), tol = Preset("shadow_it_tolerate.json"),
                   inst = Preset("shadow_it_institutionalise.json");
    const int reps = 100;
    // Counting every idea (rejected, withdrawn and shut-down ones too): a ban launches the smallest
    // share of ideas within 26 weeks; tolerating the largest; the catalogue is near tolerating.
    const double fast_ban = MeanFinal(ban, SeriesId::LaunchedWithin26, reps), fast_tol = MeanFinal(tol, SeriesId::LaunchedWithin26, reps),
                 fast_inst = MeanFinal(inst, SeriesId::LaunchedWithin26, reps);
    INFO("ideas launched within 26 weeks: ban " << fast_ban << ", tolerate " << fast_tol << ", institutionalise " << fast_inst);
    CHECK(fast_ban < fast_inst);
    CHECK(fast_inst <= fast_tol);
    // Over five years: a ban has the fewest incidents and institutionalising is near it; tolerating has more.
    const double inc_ban = MeanFinal(ban, SeriesId::Incidents, reps), inc_tol = MeanFinal(tol, SeriesId::Incidents, reps),
                 inc_inst = MeanFinal(inst, SeriesId::Incidents, reps);
    INFO("incidents in 5 years: ban " << inc_ban << ", tolerate " << inc_tol << ", institutionalise " << inc_inst);
    CHECK(inc_ban < inc_tol);
    CHECK(inc_inst < inc_tol);
    CHECK(inc_inst - inc_ban < 0.5 * (inc_tol - inc_ban));
    // Tolerating grows the run cost: what the company pays to run its martech (shadow subscriptions
    // plus licences and hosting of the systems IT runs) is highest and grows fastest, and IT's own
    // cost is above the catalogue's (unintegrated tools add run work).
    const double run_tol = MeanFinal(tol, SeriesId::MartechRunCost, reps), run_ban = MeanFinal(ban, SeriesId::MartechRunCost, reps);
    const double grow_tol = run_tol - MeanFinal(tol, SeriesId::MartechRunCost, reps, 52);
    const double grow_ban = run_ban - MeanFinal(ban, SeriesId::MartechRunCost, reps, 52);
    INFO("martech run cost after 5 years: tolerate " << run_tol << " (+" << grow_tol << " since year 1), ban " << run_ban
                                                     << " (+" << grow_ban << ")");
    CHECK(run_tol > run_ban);
    CHECK(grow_tol > grow_ban);
    CHECK(grow_tol > 0.0);
}

TEST_CASE("fact 3: a ban gives marketing the lowest morale (rejected requests, tools shut down)") {
    const Scenario ban = Preset("shadow_it_ban.json"), tol = Preset("shadow_it_tolerate.json"),
                   inst = Preset("shadow_it_institutionalise.json");
    const double m_ban = MeanFinal(ban, SeriesId::MoraleMarketing, 100), m_tol = MeanFinal(tol, SeriesId::MoraleMarketing, 100),
                 m_inst = MeanFinal(inst, SeriesId::MoraleMarketing, 100);
    INFO("marketing morale: ban " << m_ban << ", tolerate " << m_tol << ", institutionalise " << m_inst);
    CHECK(m_ban < m_tol);
    CHECK(m_ban < m_inst);
}

TEST_CASE("fact 2: with shared KPIs, co-location and a council, trust rises and more ideas launch fast, after a lag of months") {
    const Scenario base = Preset("default.json"), joint = Preset("joint_governance.json");
    const int reps = 100;
    const double trust_half_year = MeanFinal(joint, SeriesId::Trust, reps, 26) - MeanFinal(base, SeriesId::Trust, reps, 26);
    const double trust_three_years = MeanFinal(joint, SeriesId::Trust, reps, 156) - MeanFinal(base, SeriesId::Trust, reps, 156);
    const double fast_three_years =
        MeanFinal(joint, SeriesId::LaunchedWithin26, reps, 156) - MeanFinal(base, SeriesId::LaunchedWithin26, reps, 156);
    INFO("trust advantage after 26 weeks " << trust_half_year << ", after 3 years " << trust_three_years
                                           << "; ideas launched within 26 weeks +" << fast_three_years);
    CHECK(trust_three_years > 0.15);
    CHECK(trust_half_year < trust_three_years / 1.5);
    CHECK(fast_three_years > 0.0);
}

TEST_CASE("fact 4: a CMO change sets back in-flight marketing initiatives") {
    Scenario churn = Default(), stable = Default();
    churn.params.Set(ParamId::CmoExitAnnual, 2.0);
    stable.params.Set(ParamId::CmoExitAnnual, 0.0);
    int cancelled = 0;
    double del_churn = 0, del_stable = 0;
    for (int r = 0; r < 20; ++r) {
        World a(churn, r), b(stable, r);
        a.StepWeeks(260);
        b.StepWeeks(260);
        for (const auto& e : a.Events())
            if (e.kind == EventKind::Cancelled && e.mechanism == Mechanism::Executives) ++cancelled;
        del_churn += a.Series(SeriesId::Delivered).back();
        del_stable += b.Series(SeriesId::Delivered).back();
    }
    CHECK(cancelled > 20);
    CHECK(del_churn < 0.95 * del_stable);
}

TEST_CASE("fact 6: full data-driven capability is worth about +5% productivity against none") {
    Scenario full = Default(), none = Default();
    full.params.Set(ParamId::DataCapabilityPerLaunch, 0.2);
    full.params.Set(ParamId::DataCapabilityDecay, 0.0);
    none.params.Set(ParamId::DataCapabilityPerLaunch, 0.0);
    World a(full, 0), b(none, 0);
    a.StepWeeks(260);
    b.StepWeeks(260);
    CHECK(a.Series(SeriesId::Productivity).back() == doctest::Approx(1.05).epsilon(0.003));
    CHECK(b.Series(SeriesId::Productivity).back() == 1.0);
    // Revenue carries the productivity gain (about 5% of it, with CX the same in both).
    CHECK(a.Series(SeriesId::Revenue).back() > b.Series(SeriesId::Revenue).back() * 1.03);
}

namespace {
/// Paired difference of final operating profit (b - a) over replications.
Summary ProfitGain(const Scenario& a, const Scenario& b, int reps) {
    std::vector<double> d;
    for (int r = 0; r < reps; ++r) {
        World wa(a, r), wb(b, r);
        wa.StepWeeks(a.horizon_weeks);
        wb.StepWeeks(b.horizon_weeks);
        d.push_back(wb.Series(SeriesId::OperatingProfit).back() - wa.Series(SeriesId::OperatingProfit).back());
    }
    return Summarise(d);
}
}  // namespace

TEST_CASE("fact 7: bridge roles raise integration and trust, cost salary, and pay off only when digital demand is high") {
    const int reps = 100;
    for (const char* name : {"cdo_over_it_and_marketing.json", "cmt_in_marketing.json"}) {
        INFO(std::string(name));
        Scenario base = Preset("default.json"), bridge = Preset(name);
        CHECK(MeanFinal(bridge, SeriesId::Trust, reps / 2) > MeanFinal(base, SeriesId::Trust, reps / 2) + 0.05);
        CHECK(MeanFinal(bridge, SeriesId::Fragmentation, reps / 2) < MeanFinal(base, SeriesId::Fragmentation, reps / 2));
        const Summary low = ProfitGain(base, bridge, reps);
        base.params.Set(ParamId::DigitalPace, 0.4);
        bridge.params.Set(ParamId::DigitalPace, 0.4);
        const Summary high = ProfitGain(base, bridge, reps);
        INFO("profit gain at 10%/year digital pace " << low.mean << " [" << low.lo << ", " << low.hi << "], at 40%/year "
                                                     << high.mean << " [" << high.lo << ", " << high.hi << "]");
        CHECK(low.lo < 0.0);             // at the default pace the gain is not clear of zero
        CHECK(high.mean > low.mean);     // with high digital demand the role is worth more
        // A CDO, who also changes the CIO's boss and brokers joint teams, pays off in nearly every
        // future; a CMT (brokering only) is worth more with demand but not clearly its salary.
        if (std::string(name) == "cdo_over_it_and_marketing.json") CHECK(high.lo > 0.0);
    }
}

TEST_CASE("fact 8: no structure dominates: every preset is clearly worse than the baseline on some key outcome (paired 95%)") {
    const SeriesId key[] = {SeriesId::OperatingProfit, SeriesId::CustomerExperience, SeriesId::LaunchedWithin26,
                            SeriesId::Incidents,       SeriesId::ItCost,             SeriesId::Fragmentation,
                            SeriesId::MoraleMarketing, SeriesId::ShadowShare,        SeriesId::BudgetVariance,
                            SeriesId::Trust,           SeriesId::MartechRunCost};
    const char* presets[] = {"cio_reports_to_ceo.json", "cio_reports_to_coo.json", "cdo_over_it_and_marketing.json",
                             "cmo_reports_to_cdo.json", "cmt_in_marketing.json", "joint_governance.json", "start_small.json",
                             "shadow_it_tolerate.json", "shadow_it_ban.json", "shadow_it_institutionalise.json", "it_budget_cut.json",
                             "business_case_every_initiative.json", "cross_skilled_hiring.json", "marketing_owns_martech.json"};
    // light_touch_approval.json is a known gap (its own test below).
    const int reps = 60;
    auto finals = [&](const Scenario& s) {
        std::vector<std::vector<double>> f(std::size(key));
        for (int r = 0; r < reps; ++r) {
            World w(s, r);
            w.StepWeeks(260);
            for (std::size_t k = 0; k < std::size(key); ++k) f[k].push_back(w.Series(key[k]).back());
        }
        return f;
    };
    const auto base = finals(Preset("default.json"));
    for (const char* name : presets) {
        const auto alt = finals(Preset(name));
        std::string worse;
        for (std::size_t k = 0; k < std::size(key); ++k) {
            double m = 0.0, v = 0.0;
            for (int r = 0; r < reps; ++r) m += alt[k][static_cast<std::size_t>(r)] - base[k][static_cast<std::size_t>(r)];
            m /= reps;
            for (int r = 0; r < reps; ++r) {
                const double d = alt[k][static_cast<std::size_t>(r)] - base[k][static_cast<std::size_t>(r)] - m;
                v += d * d;
            }
            const double half = 1.96 * std::sqrt(v / (reps - 1) / reps);
            const bool higher_better = SeriesTable()[static_cast<std::size_t>(key[k])].higher_is_better;
            if (higher_better ? m + half < 0.0 : m - half > 0.0) worse += std::string(SeriesTable()[static_cast<std::size_t>(key[k])].key) + " ";
        }
        INFO(std::string(name) << " is clearly worse than the baseline on: " << worse);
        CHECK(!worse.empty());
    }
}

// Known gap of Model 2 (issue 10 stays open for it): at the default demand IT's capacity for marketing is
// not a bottleneck, so building the weak ideas a business case would have screened out crowds nothing out
// and light-touch approval is no worse than the baseline on any key outcome. Expected to fail until a
// mechanism (project spend, capacity crowding) gives light touch its price; the day it holds, this says so.
TEST_CASE("known gap, fact 8: light-touch approval is clearly worse than the baseline on some key outcome" * doctest::should_fail()) {
    const Scenario base = Preset("default.json"), light = Preset("light_touch_approval.json");
    bool worse = false;
    for (SeriesId id : {SeriesId::OperatingProfit, SeriesId::CustomerExperience, SeriesId::LaunchedWithin26, SeriesId::ItCost,
                        SeriesId::Fragmentation, SeriesId::MartechRunCost}) {
        std::vector<double> d;
        for (int r = 0; r < 60; ++r) {
            World a(base, r), b(light, r);
            a.StepWeeks(260);
            b.StepWeeks(260);
            d.push_back(b.Series(id).back() - a.Series(id).back());
        }
        double m = 0.0, v = 0.0;
        for (double x : d) m += x;
        m /= 60;
        for (double x : d) v += (x - m) * (x - m);
        const double half = 1.96 * std::sqrt(v / 59 / 60);
        const bool higher_better = SeriesTable()[static_cast<std::size_t>(id)].higher_is_better;
        worse = worse || (higher_better ? m + half < 0.0 : m - half > 0.0);
    }
    CHECK(worse);
}

TEST_CASE("fact 5a: losing experienced staff lowers delivery for months (vacancies, then ramp-up)") {
    const Scenario s = Default();
    const int it = s.FindUnit("it");
    double fte_gap_3m = 0, fte_gap_6m = 0;
    std::vector<double> launches;  // paired: IT-built launches in the 13 weeks after the loss, base minus shock
    const int reps = 100;
    for (int r = 0; r < reps; ++r) {
        World base(s, r), shock(s, r);
        base.StepWeeks(58);  // mid-quarter: the CIO buys contractors with the empty seats' salaries only at week 65
        shock.StepWeeks(58);
        const int lost = shock.LoseExperiencedStaff(it, 0.4);  // 40% of the filled IT seats (55 when all filled)
        CHECK(lost >= 18);
        CHECK(lost <= 22);
        base.StepWeeks(52);
        shock.StepWeeks(52);
        fte_gap_3m += base.Series(SeriesId::EffectiveFte)[70] - shock.Series(SeriesId::EffectiveFte)[70];
        fte_gap_6m += base.Series(SeriesId::EffectiveFte)[83] - shock.Series(SeriesId::EffectiveFte)[83];
        auto it_launches = [](const World& w) {
            int n = 0;
            for (const auto& in : w.Initiatives())
                n += in.path != Path::Shadow && in.launched > 58 && in.launched <= 58 + 13;
            return n;
        };
        launches.push_back(it_launches(base) - it_launches(shock));
    }
    INFO("capacity gap after 3 months " << fte_gap_3m / reps << " FTE, after 6 months " << fte_gap_6m / reps);
    CHECK(fte_gap_3m / reps > 5.0);   // hires have arrived but are still ramping up
    CHECK(fte_gap_6m / reps > 1.0);   // still short half a year later
    CHECK(fte_gap_6m < fte_gap_3m);   // and recovering
    const Summary d = Summarise(launches);
    double sd = 0.0;
    for (double x : launches) sd += (x - d.mean) * (x - d.mean);
    sd = std::sqrt(sd / (reps - 1));
    INFO("IT-built launches lost in the quarter after: " << d.mean << " +- " << 1.96 * sd / std::sqrt(reps));
    CHECK(d.mean - 1.96 * sd / std::sqrt(reps) > 0.0);
}

TEST_CASE("fact 5b: adding many new hires to a late project always costs more and can make it later (Brooks)") {
    const Params p;
    int later = 0, earlier = 0, cases = 0;
    for (double size : {60.0, 120.0, 240.0})
        for (int add_week : {4, 10, 20})
            for (int add : {2, 4, 8}) {
                ProjectSpec plain{size, 4, -1, 0, 520};
                ProjectSpec crashed{size, 4, add_week, add, 520};
                const ProjectOutcome a = SimulateProject(plain, p), b = SimulateProject(crashed, p);
                if (b.weeks <= add_week || a.weeks <= add_week) continue;  // finished before help arrived
                ++cases;
                CHECK(b.cost_pw > a.cost_pw);  // always costs more
                later += b.weeks > a.weeks;
                earlier += b.weeks < a.weeks;
            }
    INFO(cases << " late projects: " << later << " later, " << earlier << " earlier");
    CHECK(cases >= 10);
    CHECK(later > 0);    // can make it later ...
    CHECK(earlier > 0);  // ... but not always (Abdel-Hamid 1989)
}

TEST_CASE("calibration: IT and marketing budgets as a share of revenue fall inside MODEL.md's ranges") {
    const Scenario s = Default();
    double it = 0, mkt = 0;
    for (const auto& u : s.units) {
        if (u.function == Function::It || u.function == Function::Security || u.function == Function::Digital) it += u.budget_musd;
        if (u.function == Function::Marketing || u.function == Function::Analytics || u.function == Function::Martech) mkt += u.budget_musd;
    }
    const double revenue = s.params[ParamId::RevenueMusd];
    INFO("IT " << it / revenue << ", marketing " << mkt / revenue << " of revenue");
    CHECK(it / revenue >= 0.028);  // Gartner ITKMD 2020; Deloitte; SIM: about 2.8-5.5%
    CHECK(it / revenue <= 0.055);
    CHECK(mkt / revenue >= 0.077);  // Gartner CMO Spend Survey 2014-2025: about 7.7-11%
    CHECK(mkt / revenue <= 0.11);
    // As the company runs: IT spend stays inside the range five years on.
    std::vector<double> share;
    for (int r = 0; r < 20; ++r) {
        World w(s, r);
        w.StepWeeks(260);
        share.push_back(w.Series(SeriesId::ItCost).back() / w.Series(SeriesId::Revenue).back());
    }
    const Summary sm = Summarise(share);
    CHECK(sm.lo >= 0.028);
    CHECK(sm.hi <= 0.055);
}
