// world.cpp: the weekly step of the IT-marketing organisation (Model 2 of MODEL.md): structure acts
// only through agents' decisions (the CIO's boss, the CIO, the CMO, teams of employees).
//
// [SECTION] index: tables / structure / construction / executives (9) / demand (1) / routing (2) / approvals (3) /
// portfolio and execution (3, 4) / security (6) / trust (7) / people (8) / value and money (5, 10) /
// budget cycle (10) / recording / hashing.
#include "sim/world.h"

#include <algorithm>
#include <deque>

#include "sim/detmath.h"
#include "sim/execution.h"
#include "sim/hash.h"

namespace orgsim {

namespace {
// ---- [SECTION] tables -----------------------------------------------------------------------
const std::array<SeriesInfo, kSeriesCount> kSeries = {{
    {SeriesId::Revenue, "revenue", "Revenue", "million USD/year", true},
    {SeriesId::OperatingProfit, "operating_profit", "Operating profit", "million USD/year", true},
    {SeriesId::CustomerExperience, "customer_experience", "Customer experience", "index 0-100", true},
    {SeriesId::TimeToMarket, "time_to_market", "Time to market", "weeks", false},
    {SeriesId::Delivered, "delivered", "Initiatives delivered", "initiatives", true},
    {SeriesId::Rejected, "rejected", "Initiatives rejected or dropped", "initiatives", false},
    {SeriesId::ShadowShare, "shadow_share", "Shadow share of martech spend", "share", false},
    {SeriesId::Fragmentation, "fragmentation", "Fragmentation", "share of systems", false},
    {SeriesId::Incidents, "incidents", "Security incidents", "incidents", false},
    {SeriesId::IncidentCost, "incident_cost", "Incident cost", "million USD", false},
    {SeriesId::ItQueue, "it_queue", "Marketing requests waiting for IT", "requests", false},
    {SeriesId::Trust, "trust", "IT-marketing trust", "index 0-1", true},
    {SeriesId::Morale, "morale", "Mean morale", "index 0-1", true},
    {SeriesId::Headcount, "headcount", "Headcount", "people", true},
    {SeriesId::Vacancies, "vacancies", "Open vacancies", "seats", false},
    {SeriesId::TurnoverAnnual, "turnover_annual", "Staff turnover (52 weeks)", "share/year", false},
    {SeriesId::TurnoverIt, "turnover_it", "IT turnover (52 weeks)", "share/year", false},
    {SeriesId::TurnoverMarketing, "turnover_marketing", "Marketing turnover (52 weeks)", "share/year", false},
    {SeriesId::EffectiveFte, "effective_fte", "Effective capacity", "FTE", true},
    {SeriesId::DataCapability, "data_capability", "Data-driven capability", "index 0-1", true},
    {SeriesId::Productivity, "productivity", "Productivity multiplier", "x", true},
    {SeriesId::CmoDepartures, "cmo_departures", "CMO departures", "people", false},
    {SeriesId::CioDepartures, "cio_departures", "CIO departures", "people", false},
    {SeriesId::CmoTenure, "cmo_tenure", "CMO tenure", "years", true},
    {SeriesId::CioTenure, "cio_tenure", "CIO tenure", "years", true},
    {SeriesId::ItCost, "it_cost", "IT cost", "million USD/year", false},
    {SeriesId::BudgetVariance, "budget_variance", "Budget variance", "share of budget", false},
    {SeriesId::MartechRunCost, "martech_run_cost", "Martech run cost", "million USD/year", false},
    {SeriesId::LaunchedWithin26, "launched_within_26w", "Ideas launched within 26 weeks", "share of ideas", true},
    {SeriesId::CmoPressure, "cmo_pressure", "CMO pressure", "index (1 = high)", false},
    {SeriesId::CioPressure, "cio_pressure", "CIO pressure", "index (1 = high)", false},
    {SeriesId::Contractors, "contractors", "IT contractors", "FTE", true},
    {SeriesId::ApprovalRate, "approval_rate", "Business cases approved", "share", true},
    {SeriesId::MarketingAllocation, "marketing_allocation", "IT project capacity for marketing", "share", true},
    {SeriesId::MoraleMarketing, "morale_marketing", "Marketing morale", "index 0-1", true},
    {SeriesId::MoraleIt, "morale_it", "IT morale", "index 0-1", true},
}};

constexpr double kDaysPerWeek = 7.0;
constexpr double kWeeksPerMonth = 52.0 / 12.0;
constexpr int kTtmWindowWeeks = 26;   // MODEL.md: ideas launched within 26 weeks
constexpr int kWeeksPerYear = 52;
// Counter offsets of an initiative's keyed draws, one range per purpose (each wider than any horizon).
constexpr std::uint64_t kDrawStop = 1ULL << 20, kDrawRetire = 2ULL << 20, kDrawIntegration = 3ULL << 20, kDrawDetect = 4ULL << 20;

std::uint8_t ClassOf(Function f) {
    switch (f) {
        case Function::It:
        case Function::Security:
        case Function::Digital: return 1;
        case Function::Marketing:
        case Function::Martech:
        case Function::Analytics: return 2;
        default: return 0;
    }
}
}  // namespace

const std::array<SeriesInfo, kSeriesCount>& SeriesTable() { return kSeries; }

const char* EventKindName(EventKind k) {
    static const char* const kNames[] = {"resignation", "hire", "launch", "rejection", "incident", "executive exit",
                                         "executive start", "shadow tool shut down", "withdrawn or stopped", "budget set"};
    return kNames[static_cast<int>(k)];
}
const char* PathName(Path p) {
    static const char* const kNames[] = {"IT", "shadow", "joint team"};
    return kNames[static_cast<int>(p)];
}
const char* InitiativeKindName(InitiativeKind k) {
    static const char* const kNames[] = {"campaign tool", "analytics", "customer app", "integration", "security"};
    return kNames[static_cast<int>(k)];
}

const char* CauseName(Cause c) {
    static const char* const kNames[] = {"none", "shadow tool", "IT system", "threat landscape", "below the hurdle",
                                         "waited too long", "new executive", "missed targets", "blame for incidents",
                                         "conflict with IT", "base hazard", "boss's judgement", "detected"};
    return kNames[static_cast<int>(c)];
}

// ---- [SECTION] structure -----------------------------------------------------------------------
bool operator==(const Structure& x, const Structure& y) { return StructureDiff(x, y) == 0; }

unsigned StructureDiff(const Structure& x, const Structure& y) {
    return (x.distance != y.distance ? kFactDistance : 0u) | (x.cio_boss != y.cio_boss ? kFactCioBoss : 0u) |
           (x.has_cdo != y.has_cdo ? kFactCdo : 0u) | (x.has_cmt != y.has_cmt ? kFactCmt : 0u) |
           (x.has_ciso != y.has_ciso ? kFactCiso : 0u);
}

// What each mechanism reads (world.h, StructureReads): every read of a structural fact in this file
// goes through S(mechanism), and a test overrides each mechanism alone to check the table.
unsigned StructureReads(Mechanism m) {
    switch (m) {
        case Mechanism::Routing: return kFactCdo | kFactCmt;
        case Mechanism::Portfolio: return kFactCioBoss;
        case Mechanism::Execution: return kFactDistance;
        case Mechanism::Security: return kFactCiso;
        case Mechanism::Trust: return kFactDistance | kFactCdo | kFactCmt;
        case Mechanism::Executives: return kFactCioBoss;
        case Mechanism::Budget: return kFactCioBoss | kFactCdo | kFactCmt;
        default: return 0u;  // Demand, Value, People
    }
}

const char* StructureFactLabel(StructureFact f) {
    switch (f) {
        case kFactDistance: return "reporting steps between the CMO and the CIO";
        case kFactCioBoss: return "the CIO's boss";
        case kFactCdo: return "a CDO";
        case kFactCmt: return "a CMT";
        case kFactCiso: return "a CISO";
    }
    return "";
}

Structure StructureOf(const Scenario& s) {
    Structure st;
    for (const Unit& u : s.units) {
        st.has_cdo = st.has_cdo || u.head == Role::Cdo;
        st.has_cmt = st.has_cmt || u.head == Role::Cmt;
        st.has_ciso = st.has_ciso || u.head == Role::Ciso;
    }
    st.cio_boss = s.BossOf(Role::Cio);
    // Reporting distance between the CMO's and CIO's units over solid and dotted lines (BFS).
    const int a = s.UnitOf(Role::Cmo), b = s.UnitOf(Role::Cio);
    if (a >= 0 && b >= 0) {
        const std::size_t n = s.units.size();
        std::vector<std::vector<int>> adj(n);
        for (std::size_t i = 0; i < n; ++i) {
            auto link = [&](const std::string& id) {
                const int j = s.FindUnit(id);
                if (j >= 0) {
                    adj[i].push_back(j);
                    adj[static_cast<std::size_t>(j)].push_back(static_cast<int>(i));
                }
            };
            link(s.units[i].parent);
            for (const auto& d : s.units[i].dotted) link(d);
        }
        std::vector<int> dist(n, -1);
        std::deque<int> q{a};
        dist[static_cast<std::size_t>(a)] = 0;
        while (!q.empty()) {
            const int x = q.front();
            q.pop_front();
            for (int y : adj[static_cast<std::size_t>(x)])
                if (dist[static_cast<std::size_t>(y)] < 0) {
                    dist[static_cast<std::size_t>(y)] = dist[static_cast<std::size_t>(x)] + 1;
                    q.push_back(y);
                }
        }
        st.distance = dist[static_cast<std::size_t>(b)] > 0 ? dist[static_cast<std::size_t>(b)] : 2;
    }
    return st;
}

namespace {
std::uint64_t HashId(const std::string& id) {
    Fnv1a f;
    f.Bytes(id.data(), id.size());
    return f.h;
}
double Clamp(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }
// The same into [0, 1], out of line, for hot loops whose values are almost always inside: the caller
// tests and branches (predicted) instead of the selects a compiler makes of an inline clamp, which
// WebAssembly engines run slowly (TOOLCHAIN.md, item 11).
[[gnu::noinline]] double ClampCold(double x) { return Clamp(x, 0.0, 1.0); }
Scorecard Normalised(Scorecard s) {
    const double t = s.cost + s.stability + s.growth + s.speed;
    if (!(t > 0.0)) return Scorecard{};
    s.cost /= t;
    s.stability /= t;
    s.growth /= t;
    s.speed /= t;
    return s;
}
Scorecard Blend(const Scorecard& a, const Scorecard& b, double w) {  // (1 - w) a + w b
    return {a.cost + w * (b.cost - a.cost), a.stability + w * (b.stability - a.stability),
            a.growth + w * (b.growth - a.growth), a.speed + w * (b.speed - a.speed)};
}
/// Whole weeks a seat stays vacant for a drawn duration (rounded, so that the mean is the parameter's;
/// at least one week; at most ten years).
int VacancyWeeks(double w) {
    const int k = static_cast<int>((w > 520.0 ? 520.0 : w) + 0.5);
    return k < 1 ? 1 : k;
}
bool Waiting(Status s) { return s == Status::Case || s == Status::Approval || s == Status::Queued; }
}  // namespace

// ---- [SECTION] construction ---------------------------------------------------------------------
World::World(const Scenario& scenario, int replication, const StructureOverride* structure)
    : scenario_(scenario), horizon_(scenario.horizon_weeks) {
    rep_key_ = MixSeed(MixSeed(scenario.seed, static_cast<std::uint64_t>(replication)), 0x4D6F64656C32ULL);
    const double tight = P(ParamId::LabourMarketTightness);
    double it_budget = 0.0, mkt_budget = 0.0;
    for (const Unit& u : scenario_.units) {
        const std::uint8_t c = ClassOf(u.function);
        const double annual = c == 1 ? P(ParamId::TurnoverItAnnual)
                              : c == 2 ? P(ParamId::TurnoverMarketingAnnual)
                                       : P(ParamId::TurnoverOtherAnnual);
        // Published turnover is separations per average headcount (a rate): weekly hazard = rate / 52.
        unit_weekly_quit_.push_back(annual / kWeeksPerYear);
        const double days = c == 1 ? P(ParamId::TimeToFillItDays) : P(ParamId::TimeToFillOtherDays);
        unit_fill_weeks_.push_back(days * tight / kDaysPerWeek);
        unit_class_.push_back(c);
        unit_technologist_.push_back(c == 1 || u.function == Function::Martech ? 1 : 0);
        unit_seats_.push_back(u.headcount > 0 ? u.headcount : 1);
        unit_morale_shock_.push_back(0.0);
        unit_quits_.push_back(0);
        if (c == 1) it_budget += u.budget_musd;
        if (c == 2) mkt_budget += u.budget_musd;
    }
    it_budget_musd_ = it_budget;
    mkt_budget_musd_ = mkt_budget;
    revenue_base_musd_ = P(ParamId::RevenueMusd);
    for (int i = 0; i <= kMoraleTableSteps + 1; ++i)
        quit_multiplier_[static_cast<std::size_t>(i)] =
            DetExp(P(ParamId::MoraleQuitElasticity) * (P(ParamId::MoraleBaseline) - static_cast<double>(i) / kMoraleTableSteps));
    {
        const double shares[5] = {P(ParamId::IdeaShareCampaign), P(ParamId::IdeaShareAnalytics), P(ParamId::IdeaShareApp),
                                  P(ParamId::IdeaShareIntegration), P(ParamId::IdeaShareSecurity)};
        double t = 0.0;
        for (double x : shares) t += x;
        double acc = 0.0;
        for (int k = 0; k < 5; ++k) {
            acc += t > 0.0 ? shares[k] / t : (k == 0 ? 1.0 : 0.0);
            kind_cum_[k] = acc;
        }
    }

    // Seats, filled at the start by employees with a spread of tenures and skills. Each seat's draws
    // are keyed by its unit's id and its place in the unit, so adding a unit elsewhere changes nothing.
    const double ramp_weeks = P(ParamId::RampUpMonths) * kWeeksPerMonth;
    const double start_prod = P(ParamId::NewHireStartProductivity);
    const double baseline = P(ParamId::MoraleBaseline);
    const double cross_share = P(ParamId::CrossSkilledHiringShare);
    const std::uint64_t people_key = MixSeed(rep_key_, static_cast<std::uint64_t>(Stream::People) + 1);
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        const std::uint8_t c = unit_class_[ui];
        const std::uint64_t unit_key = MixSeed(people_key, HashId(scenario_.units[ui].id));
        unit_seat_begin_.push_back(seat_unit_.size());
        for (int k = 0; k < scenario_.units[ui].headcount; ++k) {
            const std::uint64_t key = MixSeed(unit_key, static_cast<std::uint64_t>(k));
            Rng init(MixSeed(key, static_cast<std::uint64_t>(Stream::Init) + 1));
            seat_unit_.push_back(static_cast<int>(ui));
            seat_agent_.push_back(next_agent_++);
            seat_key_.push_back(key);
            seat_task_.push_back(0);
            // Stationary tenure of a constant-hazard process is exponential with mean 1/hazard.
            const double mean_tenure = 1.0 / (unit_weekly_quit_[ui] > 1e-6 ? unit_weekly_quit_[ui] : 1e-6);
            const double t = init.Exponential(mean_tenure);
            const int tenure = t > 2000.0 ? 2000 : static_cast<int>(t);
            tenure_.push_back(tenure);
            productivity_.push_back(ramp_weeks <= 0.0 || tenure >= ramp_weeks ? 1.0
                                                                               : start_prod + (1.0 - start_prod) * tenure / ramp_weeks);
            morale_.push_back(Clamp(baseline + P(ParamId::InitialMoraleSpread) * (init.Uniform01() - 0.5), 0.0, 1.0));
            fill_in_.push_back(0);
            const bool cross = c != 0 && init.Uniform01() < cross_share;
            seat_cross_.push_back(cross ? 1 : 0);
            const double a = P(ParamId::SkillPrimaryMin) + P(ParamId::SkillPrimarySpan) * init.Uniform01();
            const double b = P(ParamId::SkillSecondaryMin) + P(ParamId::SkillSecondarySpan) * init.Uniform01();
            const double x = P(ParamId::SkillCrossMin) + P(ParamId::SkillCrossSpan) * init.Uniform01();
            const double y = P(ParamId::SkillCrossMin) + P(ParamId::SkillCrossSpan) * init.Uniform01();
            skill_tech_.push_back(Clamp(cross ? x : (unit_technologist_[ui] ? a : b), 0.0, 1.0));
            skill_mkt_.push_back(Clamp(cross ? y : (c == 2 && !unit_technologist_[ui] ? a : b), 0.0, 1.0));
        }
        if (c == 2) mkt_class_seats_ += scenario_.units[ui].headcount;
    }
    unit_seat_begin_.push_back(seat_unit_.size());
    std::array<double, 3> seats{}, quits_prior{};
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        seats[unit_class_[ui]] += scenario_.units[ui].headcount;
        quits_prior[unit_class_[ui]] += scenario_.units[ui].headcount * unit_weekly_quit_[ui];
    }
    for (std::size_t c = 0; c < 3; ++c) {
        quit_window_[c].assign(kWeeksPerYear, quits_prior[c]);
        head_window_[c].assign(kWeeksPerYear, seats[c]);
    }
    spend_window_[0].assign(kWeeksPerYear, 0.0);
    spend_window_[1].assign(kWeeksPerYear, 0.0);

    // Executives: one seat per role heading a unit, with a stationary spread of tenures.
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        const Role r = scenario_.units[ui].head;
        if (r == Role::None) continue;
        Executive& e = E(r);
        e.role = r;
        e.unit = static_cast<int>(ui);
        e.present = true;
        e.scorecard = ScorecardOf(r);
        const double h = r == Role::Cio ? P(ParamId::CioExitAnnual)
                         : r == Role::Cmo ? P(ParamId::CmoExitAnnual)
                                          : P(ParamId::OtherExecExitAnnual);
        Rng init = Draws(Stream::Init, static_cast<std::uint64_t>(r), 0);
        const double yrs = init.Exponential(1.0 / (h > 0.01 ? h : 0.01));
        e.tenure_weeks = static_cast<int>(kWeeksPerYear * (yrs > 30.0 ? 30.0 : yrs));
        e.expected_it_wait = P(ParamId::CmoExpectedWaitInitialWeeks);
        e.cx_at_start = P(ParamId::CxInitial);  // judged from now on, whatever the tenure so far
    }
    for (auto& row : relationship_) row.fill(P(ParamId::TrustInitial));
    // The structural facts: the scenario's own for every mechanism, then another scenario's for the
    // mechanisms an override names.
    own_ = StructureOf(scenario_);
    for (std::size_t m = 0; m < structure_.size(); ++m)
        structure_[m] = structure != nullptr && ((structure->mechanisms >> m) & 1u) ? structure->structure : own_;

    DeriveFromLevers();
    trust_ = P(ParamId::TrustInitial);
    cx_ = P(ParamId::CxInitial);
    cx_year_start_ = cx_;
    run_share_ = P(ParamId::ItRunShareBase);

    // IT's capacity before the first week, then the CIO's first allocation.
    double it_fte = 0.0;
    for (std::size_t s = 0; s < seat_unit_.size(); ++s)
        if (unit_class_[static_cast<std::size_t>(seat_unit_[s])] == 1) it_fte += productivity_[s];
    it_fte_ = it_fte;
    CioAllocates();

    for (auto& s : series_) s.reserve(static_cast<std::size_t>(horizon_));
}

void World::DeriveFromLevers() {
    colocation_ = P(ParamId::CoLocation) == 2.0 ? 1.0 : (P(ParamId::CoLocation) == 1.0 ? P(ParamId::ColocationPartialContact) : 0.0);
    const double council_weeks = P(ParamId::SteeringCouncilWeeks);
    council_ = council_weeks > 0.0 ? Clamp(P(ParamId::CouncilReferenceWeeks) / council_weeks, 0.0, 1.0) : 0.0;

    // Where contact lets IT-marketing trust settle: shared goals, contact (Allen curve), council and
    // bridge roles raise it; each reporting step between CMO and CIO beyond two lowers it.
    // (Structural facts: the Trust mechanism's.)
    const Structure& st = S(Mechanism::Trust);
    trust_target_ = P(ParamId::TrustBase) + P(ParamId::TrustSharedKpiEffect) * P(ParamId::SharedKpis) +
                    P(ParamId::TrustColocationEffect) * colocation_ + P(ParamId::TrustCouncilEffect) * council_ +
                    P(ParamId::TrustBridgeEffect) * ((st.has_cdo ? 1.0 : 0.0) + (st.has_cmt ? 1.0 : 0.0)) -
                    P(ParamId::TrustDistancePenalty) * (st.distance > 2 ? st.distance - 2 : 0);
    trust_target_ = Clamp(trust_target_, 0.0, 1.0);
}

void World::ApplySchedule() {
    const auto& steps = scenario_.schedule;
    bool changed = false;
    while (next_step_ < steps.size() && steps[next_step_].week <= week_) {
        if (steps[next_step_].week == week_)
            for (const auto& [id, v] : steps[next_step_].set) {
                scenario_.params.Set(id, v);
                if (id == ParamId::RevenueMusd) revenue_base_musd_ = v;  // the market's base from now on
                changed = true;
            }
        ++next_step_;
    }
    if (changed) DeriveFromLevers();
}

Rng World::Draws(Stream s, std::uint64_t entity) const { return Draws(s, entity, week_); }
Rng World::Draws(Stream s, std::uint64_t entity, int week) const {
    return Rng(MixSeed(MixSeed(MixSeed(rep_key_, static_cast<std::uint64_t>(s) + 1), entity), static_cast<std::uint64_t>(week) + 1));
}

// A seat's weekly draw is one 64-bit counter-based word: the high 32 bits decide the quit, the low 32
// bits move morale (32 bits resolve a weekly hazard of 0.002 to one part in eight million).
double World::QuitDraw(std::size_t s, int week) const {
    return static_cast<double>(static_cast<std::int64_t>(CounterU64(seat_key_[s], static_cast<std::uint64_t>(week) * 4) >> 32)) * 0x1.0p-32;
}
double World::HireDraw(std::size_t s, int week) const {
    return Rng(MixSeed(seat_key_[s], static_cast<std::uint64_t>(week) * 4 + 2)).Uniform01();
}

Event& World::Log(EventKind k, Mechanism m, int unit, std::uint32_t agent, double value) {
    events_.push_back({week_ + 1, k, m, unit, agent, value});
    return events_.back();
}

Scorecard World::ScorecardOf(Role r) const {
    using P_ = ParamId;
    auto card = [&](P_ c, P_ s, P_ g, P_ v) { return Normalised({P(c), P(s), P(g), P(v)}); };
    switch (r) {
        case Role::Cfo: return card(P_::ScorecardCfoCost, P_::ScorecardCfoStability, P_::ScorecardCfoGrowth, P_::ScorecardCfoSpeed);
        case Role::Coo: return card(P_::ScorecardCooCost, P_::ScorecardCooStability, P_::ScorecardCooGrowth, P_::ScorecardCooSpeed);
        case Role::Cdo: return card(P_::ScorecardCdoCost, P_::ScorecardCdoStability, P_::ScorecardCdoGrowth, P_::ScorecardCdoSpeed);
        case Role::Cio: return card(P_::ScorecardCioCost, P_::ScorecardCioStability, P_::ScorecardCioGrowth, P_::ScorecardCioSpeed);
        case Role::Cmo:
        case Role::Cmt: return card(P_::ScorecardCmoCost, P_::ScorecardCmoStability, P_::ScorecardCmoGrowth, P_::ScorecardCmoSpeed);
        default: return card(P_::ScorecardCeoCost, P_::ScorecardCeoStability, P_::ScorecardCeoGrowth, P_::ScorecardCeoSpeed);
    }
}

double World::Relationship(Role a, Role b) const {
    return relationship_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
}
void World::ChangeRelationship(Role a, Role b, double delta) {
    double& x = relationship_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
    x = Clamp(x + delta, 0.0, 1.0);
    relationship_[static_cast<std::size_t>(b)][static_cast<std::size_t>(a)] = x;
}

void World::AddPressure(Role r, int source, double amount) {
    Executive& e = E(r);
    if (e.role == Role::None || !e.present || !On(Mechanism::Executives)) return;
    e.pressure_from[static_cast<std::size_t>(source)] += amount;
    e.pressure = e.pressure_from[0] + e.pressure_from[1] + e.pressure_from[2];
}

bool World::Broker() const {
    const Structure& st = S(Mechanism::Routing);
    return st.has_cdo || st.has_cmt || council_ > 0.0 || P(ParamId::MartechBudgetOwner) == 2.0;
}

double World::ApprovalHurdle() const {
    const Scorecard& b = cio_blend_;
    const double caution = b.cost + b.stability, ambition = b.growth + b.speed;
    return P(ParamId::ApprovalHurdleRoi) * DetPow(caution / (ambition > 1e-6 ? ambition : 1e-6), P(ParamId::ApprovalHurdleElasticity));
}

// ---- [SECTION] executives (mechanism 9) -----------------------------------------------------------
void World::ExecLeaves(Role r) {
    Executive& e = E(r);
    // Why: the largest source of the pressure the executive left under (or the base hazard).
    const auto& pf = e.pressure_from;
    int top = 0;
    for (int i = 1; i < 3; ++i)
        if (pf[static_cast<std::size_t>(i)] > pf[static_cast<std::size_t>(top)]) top = i;
    const double total = e.pressure;
    Event& ev = Log(EventKind::ExecExit, Mechanism::Executives, e.unit, static_cast<std::uint32_t>(r), e.tenure_weeks / 52.0);
    static const Cause kSource[3] = {Cause::PressureTargets, Cause::PressureBlame, Cause::PressureConflict};
    ev.cause = total > P(ParamId::PressureAttributionMin) ? kSource[top] : Cause::Hazard;
    ev.detail = total;
    ev.detail2 = total > 0.0 ? pf[static_cast<std::size_t>(top)] / total : 0.0;
    e.present = false;
    ++e.departures;
    e.tenure_weeks = 0;
    e.pressure = 0.0;
    e.pressure_from = {0.0, 0.0, 0.0};
    Rng d = Draws(Stream::Executives, static_cast<std::uint64_t>(r) + 16);
    const double w = d.Exponential(P(ParamId::ExecVacancyWeeks));
    e.vacancy_weeks = static_cast<int>(P(ParamId::ExecVacancyMinWeeks)) + VacancyWeeks(w);
    if (e.unit >= 0) unit_morale_shock_[static_cast<std::size_t>(e.unit)] -= P(ParamId::MoraleExecChurnShock);
    if (On(Mechanism::Trust) && (r == Role::Cio || r == Role::Cmo || r == Role::Cdo || r == Role::Cmt))
        trust_ = Clamp(trust_ - P(ParamId::TrustExecChurnLoss), 0.0, 1.0);
}

void World::StepExecutives() {
    const double decay = P(ParamId::PressureDecayPerWeek);
    const double elasticity = P(ParamId::PressureExitElasticity);
    for (std::size_t i = 1; i < execs_.size(); ++i) {
        Executive& e = execs_[i];
        if (e.role == Role::None) continue;
        if (!e.present) {
            if (--e.vacancy_weeks > 0) continue;
            // A successor arrives: new working relationships; a new CMO starts from the default
            // expectation of IT; a new CMO or CDO wants quick wins and stops part of the predecessor's
            // in-flight marketing work, re-scoping the rest (MODEL.md stylized fact 4).
            e.present = true;
            e.tenure_weeks = 0;
            e.cx_at_start = cx_;
            e.judged_since = week_;
            e.expected_it_wait = P(ParamId::CmoExpectedWaitInitialWeeks);
            for (std::size_t j = 0; j < relationship_.size(); ++j)
                if (j != i) ChangeRelationship(e.role, static_cast<Role>(j), P(ParamId::TrustInitial) - relationship_[i][j]);
            Log(EventKind::ExecStart, Mechanism::Executives, e.unit, static_cast<std::uint32_t>(e.role), 0.0);
            if (e.role == Role::Cmo || e.role == Role::Cdo) {
                const double stop = P(ParamId::SuccessorStopShare);
                for (auto& in : initiatives_) {
                    if (!Waiting(in.status) && in.status != Status::Active) continue;
                    if (in.kind == InitiativeKind::Security) continue;  // not marketing's
                    if (CounterUniform01(in.key, kDrawStop + static_cast<std::uint64_t>(week_)) < stop) {
                        Withdraw(in, EventKind::Cancelled, Mechanism::Executives, Cause::NewExecutive, in.progress, 0.0);
                        events_.back().cause_id = static_cast<std::uint32_t>(e.role);
                    } else {
                        in.progress *= 1.0 - P(ParamId::SuccessorSetbackShare);
                    }
                }
            }
            continue;
        }
        ++e.tenure_weeks;
        for (double& p : e.pressure_from) p *= 1.0 - decay;
        e.pressure = e.pressure_from[0] + e.pressure_from[1] + e.pressure_from[2];
        const double base = e.role == Role::Cio ? P(ParamId::CioExitAnnual)
                             : e.role == Role::Cmo ? P(ParamId::CmoExitAnnual)
                                                   : P(ParamId::OtherExecExitAnnual);
        const double hazard = base / kWeeksPerYear * (e.pressure > 0.0 ? DetExp(elasticity * e.pressure) : 1.0);
        const std::uint64_t key = MixSeed(rep_key_, (static_cast<std::uint64_t>(Stream::Executives) + 1) * 64 + i);
        if (CounterUniform01(key, static_cast<std::uint64_t>(week_)) < hazard) ExecLeaves(e.role);
    }
}

// ---- [SECTION] the CIO's allocation (mechanism 3) ----------------------------------------------------
void World::CioAllocates() {
    // The CIO weighs the boss's scorecard against the CIO's own; shared KPIs add the CMO's.
    const Role cio_boss = S(Mechanism::Portfolio).cio_boss;
    const Role boss = cio_boss == Role::None || cio_boss == Role::Cio ? Role::Ceo : cio_boss;
    Scorecard blend = Blend(ScorecardOf(Role::Cio), ScorecardOf(boss), P(ParamId::CioBossAlignment));
    if (P(ParamId::SharedKpis) != 0.0) blend = Blend(blend, ScorecardOf(Role::Cmo), P(ParamId::SharedKpiCmoWeight));
    cio_blend_ = Normalised(blend);
    marketing_alloc_ = On(Mechanism::Portfolio)
                           ? Clamp(P(ParamId::MarketingAllocFloor) + P(ParamId::MarketingAllocSpan) * (cio_blend_.growth + cio_blend_.speed), 0.0, 1.0)
                           : 1.0;
    // Budget above salaries, licences and security buys contractors for the coming quarter.
    double salaries = 0.0;
    for (std::size_t s = 0; s < seat_unit_.size(); ++s)
        if (seat_agent_[s] != 0 && unit_class_[static_cast<std::size_t>(seat_unit_[s])] == 1)
            salaries += P(ParamId::SalaryItKusd) / 1000.0 * (1.0 + (seat_cross_[s] ? P(ParamId::CrossSkillSalaryPremium) : 0.0));
    double it_systems = 0.0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live && in.path != Path::Shadow) it_systems += 1.0;
    const double committed = salaries + it_systems * P(ParamId::ItLicenceKusd) / 1000.0 + P(ParamId::SecurityShareOfIt) * it_budget_musd_;
    const double free_musd = it_budget_musd_ - committed;
    contractor_fte_ = On(Mechanism::Budget) && free_musd > 0.0 ? free_musd / (P(ParamId::ContractorCostKusd) / 1000.0) : 0.0;
}

// ---- [SECTION] demand (mechanism 1) and the CMO's routing (mechanism 2) -------------------------------
double World::ItLeadTimeWeeks() const {
    // Work ahead of a new request divided by the capacity IT gives marketing (employees and contractors).
    double queued = 0.0;
    for (const auto& in : initiatives_)
        if (in.path != Path::Shadow && (Waiting(in.status) || in.status == Status::Active)) queued += in.size - in.progress;
    const double project = 1.0 - run_share_ - P(ParamId::SecurityShareOfIt);
    const double cap = (it_fte_ * (project > 0.0 ? project : 0.0) + contractor_fte_ * P(ParamId::ContractorEffectiveness)) * marketing_alloc_;
    return (queued + P(ParamId::InitiativeSizeMeanPw)) / (cap > 0.5 ? cap : 0.5);
}

Path World::Route(Initiative& in, Rng& d) {
    const double joint_draw = d.Uniform01();
    const double shadow_draw = d.Uniform01();
    if (!On(Mechanism::Routing) || in.kind == InitiativeKind::Security) return Path::It;
    const Executive& cmo = E(Role::Cmo);
    const bool cmo_in_seat = cmo.role == Role::Cmo && cmo.present;
    // Urgency: pressure, and a new CMO's wish for quick wins ("do something now").
    double urgency = 1.0;
    if (cmo_in_seat) {
        urgency += P(ParamId::CmoPressureUrgency) * cmo.pressure;
        if (cmo.tenure_weeks < P(ParamId::QuickWinWeeks)) urgency *= P(ParamId::QuickWinUrgency);
    }
    in.urgency = urgency;
    // A broker (CDO, CMT, council or a shared budget) proposes a joint team for ideas that need
    // integration.
    // While the organisation starts small, only small ideas (of any kind) are offered; afterwards the
    // integration-heavy ones (not campaign tools).
    const bool starting_small = week_ < P(ParamId::StartSmallWeeks);
    const bool offered = starting_small ? in.size <= P(ParamId::StartSmallMaxPw) : in.kind != InitiativeKind::CampaignTool;
    if (Broker() && offered) {
        const Structure& st = S(Mechanism::Routing);
        const double strength = st.has_cdo || st.has_cmt || P(ParamId::MartechBudgetOwner) == 2.0 ? 1.0 : council_;
        const double share = starting_small ? P(ParamId::StartSmallJointShare) : P(ParamId::JointShareBridge);
        if (joint_draw < share * strength) return Path::Joint;
    }
    if (!ShadowFeasible(in.kind)) return Path::It;
    // Only a marketer with technology skills and free time can run a tool outside IT.
    if (free_runners_.empty()) return Path::It;
    // The CMO's expected wait through IT: remembered waits, plus a business case and the approval
    // meeting when the idea is above the threshold.
    double wait = cmo_in_seat ? cmo.expected_it_wait : P(ParamId::CmoExpectedWaitInitialWeeks);
    if (in.cost_kusd > P(ParamId::BusinessCaseThresholdKusd)) wait += P(ParamId::BusinessCaseWeeks) + 0.5 * P(ParamId::ApprovalCadenceWeeks);
    const double owner = P(ParamId::MartechBudgetOwner);
    double logit = P(ParamId::ShadowBaseLogit) + P(ParamId::ShadowLeadTimeWeight) * urgency * (wait - P(ParamId::ShadowToleranceWeeks)) -
                   P(ParamId::ShadowTrustWeight) * Relationship(Role::Cio, Role::Cmo);
    if (owner == 0.0) logit += P(ParamId::ShadowOwnerEffect);
    if (owner == 1.0) logit -= P(ParamId::ShadowOwnerEffect);
    const double wanted = DetLogistic(Clamp(logit, -30.0, 30.0));
    if (P(ParamId::ShadowItPolicy) != 0.0) return shadow_draw < wanted ? Path::Shadow : Path::It;
    // Under a ban: deterred. A marketer the ban stopped (would have bought the tool, now queues at IT)
    // is frustrated.
    const double allowed = DetLogistic(Clamp(logit - P(ParamId::ShadowBanDeterrence), -30.0, 30.0));
    if (shadow_draw < allowed) return Path::Shadow;
    const int mu = scenario_.UnitOf(Role::Cmo);
    if (shadow_draw < wanted && mu >= 0 && On(Mechanism::People))
        unit_morale_shock_[static_cast<std::size_t>(mu)] -= P(ParamId::MoraleBanFrustration);
    return Path::It;
}

void World::StepDemand() {
    const Executive& cmo = E(Role::Cmo);
    const double drive = cmo.role == Role::None || cmo.present ? 1.0 : P(ParamId::CmoVacancyDemandFactor);
    const double growth = DetPow(1.0 + P(ParamId::DigitalPace), week_ / static_cast<double>(kWeeksPerYear));
    const double rate = P(ParamId::IdeasPerWeek) * (mkt_class_seats_ / 100.0) * growth * drive;
    const std::uint32_t n = Draws(Stream::Demand, 0).Poisson(rate);
    // Marketers who could run a tool outside IT this week (technology skill, no task), in seat order.
    free_runners_.clear();
    if (n > 0)
        for (std::size_t u = 0; u < unit_class_.size(); ++u) {
            if (unit_class_[u] != 2) continue;
            for (std::size_t s = unit_seat_begin_[u]; s < unit_seat_begin_[u + 1]; ++s)
                if (seat_agent_[s] != 0 && seat_task_[s] == 0 && skill_tech_[s] >= P(ParamId::ShadowSkillMin))
                    free_runners_.push_back(static_cast<std::uint32_t>(s));
        }
    const double cost_per_pw = P(ParamId::ContractorCostKusd) / kWeeksPerYear;  // effort at its market price
    const double sizes[5] = {P(ParamId::SizeFactorCampaign), P(ParamId::SizeFactorAnalytics), P(ParamId::SizeFactorApp),
                             P(ParamId::SizeFactorIntegration), P(ParamId::SizeFactorSecurity)};
    const double shape = P(ParamId::InitiativeSizeShape);
    for (std::uint32_t i = 0; i < n; ++i) {
        Initiative in;
        in.id = next_initiative_++;
        in.key = MixSeed(MixSeed(rep_key_, static_cast<std::uint64_t>(Stream::Demand) + 1),
                         static_cast<std::uint64_t>(week_) * 4096 + i);
        Rng d(in.key);
        const double u = d.Uniform01();
        int k = 0;
        while (k < 4 && u >= kind_cum_[k]) ++k;
        in.kind = static_cast<InitiativeKind>(k);
        in.size = sizes[k] * d.Gamma(shape, P(ParamId::InitiativeSizeMeanPw) / shape);
        if (in.size < P(ParamId::InitiativeSizeMinPw)) in.size = P(ParamId::InitiativeSizeMinPw);
        in.roi = P(ParamId::IdeaRoiMedian) * DetExp(P(ParamId::IdeaRoiLogSd) * d.Normal());
        const double opt = P(ParamId::StatedRoiOptimism);
        in.stated_roi = in.roi * DetExp(opt + opt * d.Normal());
        in.risk = Clamp(2.0 * P(ParamId::IdeaRiskMean) * d.Uniform01(), 0.0, 1.0);
        in.created = week_;
        in.cost_kusd = in.size * cost_per_pw;
        in.path = Route(in, d);
        if (in.path == Path::Shadow) {
            // A free technology-skilled marketer, drawn at random among them, runs it.
            const auto at = static_cast<std::ptrdiff_t>(d.Below(free_runners_.size()));
            const std::size_t pick = free_runners_[static_cast<std::size_t>(at)];
            free_runners_.erase(free_runners_.begin() + at);
            in.runner = static_cast<std::int32_t>(pick);
            seat_task_[pick] = in.id;
            in.status = Status::Active;
            in.vetted = P(ParamId::ShadowItPolicy) == 2.0;
            // A catalogue tool can be used once IT's security team has vetted it: more security
            // capacity vets faster.
            const double vet = P(ParamId::CatalogueVettingWeeks) *
                               DetPow(P(ParamId::SecurityReferenceShare) / P(ParamId::SecurityShareOfIt), P(ParamId::SecurityHazardElasticity));
            in.started = week_ + (in.vetted ? static_cast<int>(vet + 0.5) : 0);
        } else if (On(Mechanism::Portfolio) && in.cost_kusd > P(ParamId::BusinessCaseThresholdKusd)) {
            in.business_case = true;
            in.status = Status::Case;
            in.case_ready = week_ + static_cast<int>(P(ParamId::BusinessCaseWeeks) + 0.5);
        } else {
            in.status = Status::Queued;
        }
        initiatives_.push_back(std::move(in));
    }
}

// ---- [SECTION] approvals (mechanism 3) ------------------------------------------------------------
void World::Withdraw(Initiative& in, EventKind kind, Mechanism m, Cause cause, double detail, double detail2) {
    in.status = kind == EventKind::Rejection ? Status::Rejected : Status::Cancelled;
    for (std::uint32_t s : in.team)
        if (seat_task_[s] == in.id) seat_task_[s] = 0;
    in.team.clear();
    if (in.runner >= 0 && seat_task_[static_cast<std::size_t>(in.runner)] == in.id) seat_task_[static_cast<std::size_t>(in.runner)] = 0;
    ++rejected_;
    if (kind == EventKind::Rejection || cause == Cause::WaitedTooLong) {
        if (On(Mechanism::Trust)) {
            trust_ = Clamp(trust_ - P(ParamId::TrustRejectionLoss), 0.0, 1.0);
            ChangeRelationship(Role::Cio, Role::Cmo, -P(ParamId::TrustRejectionLoss));
        }
        AddPressure(Role::Cmo, 2, P(ParamId::PressurePerRejection));
        CmoObservesWait(P(ParamId::RequestWithdrawWeeks));
        const int mu = scenario_.UnitOf(Role::Cmo);
        if (mu >= 0 && On(Mechanism::People)) unit_morale_shock_[static_cast<std::size_t>(mu)] -= P(ParamId::MoraleRejectionShock);
    }
    const int unit = scenario_.UnitOf(kind == EventKind::Rejection ? Role::Cio : Role::Cmo);
    Event& ev = Log(kind, m, unit, in.id, kind == EventKind::Rejection ? in.cost_kusd : detail);
    ev.cause = cause;
    ev.detail = detail;
    ev.detail2 = detail2;
}

void World::CmoObservesWait(double weeks) {
    Executive& cmo = E(Role::Cmo);
    if (cmo.role != Role::Cmo || !cmo.present) return;
    cmo.expected_it_wait += P(ParamId::CmoWaitMemory) * (weeks - cmo.expected_it_wait);
}

void World::StepApprovals() {
    const int cadence = static_cast<int>(P(ParamId::ApprovalCadenceWeeks));
    const bool meeting = week_ % (cadence > 0 ? cadence : 1) == 0;
    const double hurdle = ApprovalHurdle();
    for (auto& in : initiatives_) {
        if (in.status == Status::Case && in.case_ready <= week_) in.status = Status::Approval;
        if (in.status != Status::Approval || !meeting) continue;
        // The case reveals the idea's value with noise; the CIO approves what clears the hurdle that
        // the CIO's priorities set, raised for risk by the weight on stability.
        Rng d = Draws(Stream::Portfolio, in.key);
        const double revealed = in.roi * DetExp(P(ParamId::BusinessCaseNoiseLogSd) * d.Normal());
        const double need = hurdle * (1.0 + cio_blend_.stability * in.risk);
        ++cases_decided_;
        if (revealed >= need) {
            in.status = Status::Queued;
            in.stated_roi = revealed;
            ++cases_approved_;
        } else {
            Withdraw(in, EventKind::Rejection, Mechanism::Portfolio, Cause::HurdleNotMet, revealed, need);
        }
    }
}

// ---- [SECTION] execution (mechanism 4) -------------------------------------------------------------
void World::StepExecution() {
    // Systems reach the end of their life and are retired (their licences stop).
    for (auto& in : initiatives_)
        if (in.status == Status::Live && CounterUniform01(in.key, kDrawRetire + static_cast<std::uint64_t>(week_)) < 1.0 / P(ParamId::SystemLifeWeeks))
            in.status = Status::Retired;
    // Running systems takes IT capacity, fragmented ones twice (technical debt).
    int live = 0, unintegrated = 0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live) {
            ++live;
            if (in.integration < P(ParamId::IntegratedThreshold)) ++unintegrated;
        }
    run_share_ = P(ParamId::ItRunShareBase);
    if (On(Mechanism::Portfolio)) run_share_ += P(ParamId::RunSharePerSystem) * (live + unintegrated);
    if (run_share_ > P(ParamId::RunShareMax)) run_share_ = P(ParamId::RunShareMax);

    // Marketing requests that waited too long are withdrawn by marketing.
    const double withdraw = P(ParamId::RequestWithdrawWeeks);
    for (auto& in : initiatives_)
        if (in.path != Path::Shadow && Waiting(in.status) && week_ - in.created >= withdraw)
            Withdraw(in, EventKind::Cancelled, Mechanism::Portfolio, Cause::WaitedTooLong, week_ - in.created, 0.0);
    if (!On(Mechanism::Execution)) return;

    // The CIO's allowance of employees and contractors for marketing's teams this week.
    const double project = 1.0 - run_share_ - P(ParamId::SecurityShareOfIt);
    int it_filled = 0, on_teams = 0;
    for (std::size_t u = 0; u < unit_class_.size(); ++u) {
        if (unit_class_[u] != 1) continue;
        for (std::size_t s = unit_seat_begin_[u]; s < unit_seat_begin_[u + 1]; ++s) {
            it_filled += seat_agent_[s] != 0;
            on_teams += seat_task_[s] != 0;
        }
    }
    double allowance = marketing_alloc_ * (project > 0.0 ? project : 0.0) * it_filled - on_teams;
    double contractors = marketing_alloc_ * contractor_fte_;
    const int team_max = static_cast<int>(P(ParamId::TeamSizeMax));

    // Order: teams at work first (they keep their people), then waiting requests by the CIO's
    // ranking: value x urgency, with the stability weight discounting risk.
    std::vector<std::size_t>& order = order_scratch_;
    order.clear();
    for (std::size_t i = 0; i < initiatives_.size(); ++i) {
        const Initiative& in = initiatives_[i];
        if (in.path != Path::Shadow && (in.status == Status::Queued || in.status == Status::Active)) order.push_back(i);
    }
    auto priority = [&](const Initiative& in) { return in.stated_roi * in.urgency * (1.0 - cio_blend_.stability * in.risk); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Initiative &x = initiatives_[a], &y = initiatives_[b];
        if ((x.status == Status::Active) != (y.status == Status::Active)) return x.status == Status::Active;
        return priority(x) > priority(y);
    });

    // Free IT employees, in seat order.
    std::vector<std::uint32_t>& free_it = free_scratch_;
    free_it.clear();
    for (std::size_t u = 0; u < unit_class_.size(); ++u) {
        if (unit_class_[u] != 1) continue;
        for (std::size_t s = unit_seat_begin_[u]; s < unit_seat_begin_[u + 1]; ++s)
            if (seat_agent_[s] != 0 && seat_task_[s] == 0) free_it.push_back(static_cast<std::uint32_t>(s));
    }
    std::size_t next_free = 0;
    const double baseline = P(ParamId::MoraleBaseline), slope = P(ParamId::MoraleEffortSlope), ref = P(ParamId::TechSkillReference);
    const double overhead = P(ParamId::OrgDistanceOverhead) * (1.0 - P(ParamId::ColocationDistanceRelief) * colocation_);
    const int distance = S(Mechanism::Execution).distance;
    // Trust saves hand-offs and rework (an effort below zero counts as none).
    const double trust_eff = 1.0 + P(ParamId::TrustEffortEffect) * (trust_ - P(ParamId::TrustReference));
    const bool institutionalise = P(ParamId::ShadowItPolicy) == 2.0;

    for (std::size_t idx : order) {
        Initiative& in = initiatives_[idx];
        // Staff the team: keep members, add free employees within the allowance, then contractors.
        while (static_cast<int>(in.team.size()) < team_max && allowance >= 1.0 && next_free < free_it.size()) {
            const std::uint32_t s = free_it[next_free++];
            in.team.push_back(s);
            seat_task_[s] = in.id;
            allowance -= 1.0;
        }
        const double gap = team_max - static_cast<double>(in.team.size());
        in.contractors = gap > 0.0 ? (contractors < gap ? contractors : gap) : 0.0;
        contractors -= in.contractors;
        if (in.team.empty() && in.contractors < 1e-9) continue;  // waits for capacity
        // A joint team adds a technology-literate marketer (marketing's side of the work).
        if (in.path == Path::Joint && in.runner < 0) {
            for (std::size_t u = 0; u < unit_class_.size() && in.runner < 0; ++u) {
                if (unit_class_[u] != 2) continue;
                for (std::size_t s = unit_seat_begin_[u]; s < unit_seat_begin_[u + 1]; ++s)
                    if (seat_agent_[s] != 0 && seat_task_[s] == 0 && skill_tech_[s] >= P(ParamId::ShadowSkillMin)) {
                        in.runner = static_cast<std::int32_t>(s);
                        seat_task_[s] = in.id;
                        break;
                    }
            }
        }
        if (in.status == Status::Queued) {
            in.status = Status::Active;
            in.started = week_;
        }
        // Effort of the people on the team: productivity (ramp-up), morale and skill; a vacant seat
        // (the member quit) gives nothing until its new holder arrives and ramps up.
        double effort = 0.0, literacy = 0.0;
        for (std::uint32_t s : in.team) {
            if (seat_agent_[s] == 0) continue;
            effort += productivity_[s] * (1.0 + slope * (morale_[s] - baseline)) * skill_tech_[s] / ref;
            literacy += skill_mkt_[s];
        }
        double members = static_cast<double>(in.team.size()) + in.contractors;
        effort += in.contractors * P(ParamId::ContractorEffectiveness);
        if (in.runner >= 0 && seat_agent_[static_cast<std::size_t>(in.runner)] != 0) {
            const auto r = static_cast<std::size_t>(in.runner);
            effort += productivity_[r] * P(ParamId::MarketerTechTimeShare);
            members += P(ParamId::MarketerTechTimeShare);
            literacy += skill_tech_[r];
        }
        const double cross = members > 0.0 ? literacy / members : 0.0;
        // Brooks: each member beyond the first costs the team a share of its effort.
        double eff = effort * (1.0 - P(ParamId::BrooksOverheadPerMember) * (members > 1.0 ? members - 1.0 : 0.0));
        if (in.path == Path::It) eff *= (1.0 - overhead * distance) * trust_eff;
        else eff *= (1.0 - overhead) * (1.0 + cross) * trust_eff;
        in.progress += eff > 0.0 ? eff : 0.0;
        if (in.progress < in.size) continue;

        in.status = Status::Live;
        in.launched = week_ + 1;
        ++delivered_;
        ++launches_week_;
        const double u = CounterUniform01(in.key, kDrawIntegration);
        const double noise = P(ParamId::IntegrationNoise) * u;
        if (in.path == Path::It) {
            // IT's builds integrate by IT's standards; members who know marketing's side fit them better.
            in.integration = Clamp(P(ParamId::ItIntegrationMin) + noise * (1.0 + cross - P(ParamId::CrossLiteracyReference)), 0.0, 1.0);
            in.exposure = P(ParamId::ExposurePerItSystem);
        } else {
            const double base = P(ParamId::JointIntegrationBase);
            in.integration = Clamp(base + (1.0 - base) * Clamp(cross + noise, 0.0, 1.0), 0.0, 1.0);
            in.exposure = P(ParamId::ExposurePerItSystem);
        }
        for (std::uint32_t s : in.team)
            if (seat_task_[s] == in.id) seat_task_[s] = 0;
        in.team.clear();
        if (in.runner >= 0 && seat_task_[static_cast<std::size_t>(in.runner)] == in.id) seat_task_[static_cast<std::size_t>(in.runner)] = 0;
        in.contractors = 0.0;
        ttm_window_.push_back(in.launched - in.created);
        ttm_week_.push_back(in.launched);
        it_wait_sum_year_ += in.launched - in.created;
        ++it_wait_count_year_;
        CmoObservesWait(in.launched - in.created);
        if (On(Mechanism::Trust)) {
            // Working side by side builds more trust than being served.
            const double gain = in.path == Path::Joint ? P(ParamId::TrustJointSuccess) : P(ParamId::TrustItDelivery);
            trust_ = Clamp(trust_ + gain, 0.0, 1.0);
            ChangeRelationship(Role::Cio, Role::Cmo, gain);
        }
        Log(EventKind::Launch, Mechanism::Execution, scenario_.UnitOf(Role::Cmo), in.id, in.launched - in.created).cause_id =
            static_cast<std::uint32_t>(in.path);
    }

    // Shadow tools: the vendor does the work, driven by the marketer who bought it.
    for (auto& in : initiatives_) {
        if (in.path != Path::Shadow || in.status != Status::Active || in.started > week_) continue;
        const auto r = static_cast<std::size_t>(in.runner);
        if (seat_agent_[r] == 0) continue;  // the marketer left; the tool waits for the successor
        in.progress += P(ParamId::ShadowSpeedFactor) * productivity_[r];
        if (in.progress < in.size) continue;
        in.status = Status::Live;
        in.launched = week_ + 1;
        ++delivered_;
        ++launches_week_;
        if (seat_task_[r] == in.id) seat_task_[r] = 0;
        const double u = CounterUniform01(in.key, kDrawIntegration);
        in.integration = Clamp((institutionalise ? P(ParamId::CatalogueIntegrationMin) : P(ParamId::ShadowIntegrationMin)) +
                                   P(ParamId::IntegrationNoise) * u, 0.0, 1.0);
        in.exposure = P(ParamId::ExposurePerUnvettedTool) * (in.vetted ? P(ParamId::InstitutionalisedExposureFactor) : 1.0);
        ttm_window_.push_back(in.launched - in.created);
        ttm_week_.push_back(in.launched);
        Log(EventKind::Launch, Mechanism::Execution, scenario_.UnitOf(Role::Cmo), in.id, in.launched - in.created).cause_id =
            static_cast<std::uint32_t>(in.path);
    }

    // Under a ban, IT finds live shadow tools and shuts them down; their benefits stop.
    if (P(ParamId::ShadowItPolicy) == 0.0 && On(Mechanism::Routing)) {
        const double detect = AnnualToWeekly(P(ParamId::ShadowBanDetectionAnnual));
        for (auto& in : initiatives_) {
            if (in.path != Path::Shadow || in.status != Status::Live) continue;
            if (CounterUniform01(in.key, kDrawDetect + static_cast<std::uint64_t>(week_)) < detect) {
                in.status = Status::Cancelled;
                const int mu = scenario_.UnitOf(Role::Cmo);
                if (mu >= 0) unit_morale_shock_[static_cast<std::size_t>(mu)] -= P(ParamId::MoraleShadowBanShock);
                Event& ev = Log(EventKind::ShadowShutdown, Mechanism::Routing, mu, in.id, 0.0);
                ev.cause = Cause::Detected;
                ev.cause_id = in.id;
            }
        }
    }
}

// ---- [SECTION] security (mechanism 6) ----------------------------------------------------------------
void World::StepSecurity() {
    incident_cost_week_ = 0.0;
    if (!On(Mechanism::Security)) return;
    double exposure = 0.0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live) exposure += in.exposure;
    // Security spend buys monitoring: the hazard falls with the security share, with diminishing returns.
    const double monitoring = DetPow(P(ParamId::SecurityReferenceShare) / P(ParamId::SecurityShareOfIt), P(ParamId::SecurityHazardElasticity));
    const double hazard = AnnualToWeekly(P(ParamId::BreachAnnualBase)) * monitoring * (1.0 + exposure);
    Rng d = Draws(Stream::Security, 0);
    const double draw = d.Uniform01();
    const double which = d.Uniform01() * (1.0 + exposure);
    const double shape = P(ParamId::BreachCostShape);
    const double cost = d.Gamma(shape, P(ParamId::BreachCostMeanMusd) / shape);
    if (draw >= hazard) return;
    // Which door the attacker came through: the threat landscape (weight 1) or a live system by its exposure.
    const Initiative* culprit = nullptr;
    double acc = 1.0;
    if (which >= acc)
        for (const auto& in : initiatives_) {
            if (in.status != Status::Live || in.exposure <= 0.0) continue;
            acc += in.exposure;
            if (which < acc) {
                culprit = &in;
                break;
            }
        }
    ++incidents_;
    ++incidents_year_;
    incident_cost_week_ = cost;
    incident_cost_musd_ += cost;
    if (On(Mechanism::Value)) cx_ -= P(ParamId::BreachCxHit) * P(ParamId::SocialAmplification);
    const bool shadow = culprit != nullptr && culprit->path == Path::Shadow;
    if (On(Mechanism::Trust)) {
        trust_ = Clamp(trust_ - P(ParamId::TrustIncidentLoss), 0.0, 1.0);
        if (shadow) ChangeRelationship(Role::Cio, Role::Cmo, -P(ParamId::TrustIncidentLoss));
    }
    // Blame: a breach through a shadow tool falls on the CMO; otherwise on the CISO where there is
    // one, else the CIO.
    const Role blamed = shadow ? Role::Cmo : (S(Mechanism::Security).has_ciso && E(Role::Ciso).present ? Role::Ciso : Role::Cio);
    for (Role r : {Role::Cio, Role::Cmo, Role::Ciso})
        AddPressure(r, 1, r == blamed ? P(ParamId::PressureIncidentBlamed) : P(ParamId::PressureIncidentOthers));
    Event& ev = Log(EventKind::Incident, Mechanism::Security, scenario_.UnitOf(shadow ? Role::Cmo : Role::Cio),
                    static_cast<std::uint32_t>(incidents_), cost);
    ev.cause = culprit == nullptr ? Cause::BaseThreat : (shadow ? Cause::ShadowTool : Cause::ItSystem);
    ev.cause_id = culprit != nullptr ? culprit->id : 0;
    ev.detail = static_cast<double>(blamed);
}

// ---- [SECTION] trust (mechanism 7) -----------------------------------------------------------------------
void World::StepTrust() {
    if (!On(Mechanism::Trust)) return;
    const double k = P(ParamId::TrustAdjustPerWeek);
    // The staff who are there now: cross-literate people on both sides move where trust settles.
    const double literacy = 0.5 * (it_cross_ + mkt_cross_) - P(ParamId::CrossLiteracyReference);
    const double target = Clamp(trust_target_ + P(ParamId::TrustCrossLiteracyEffect) * literacy, 0.0, 1.0);
    trust_ = Clamp(trust_ + k * (target - trust_), 0.0, 1.0);
    // The CIO-CMO working relationship follows what their teams experience.
    ChangeRelationship(Role::Cio, Role::Cmo, k * (trust_ - Relationship(Role::Cio, Role::Cmo)));
}

// ---- [SECTION] pressure from targets (mechanism 9) ---------------------------------------------------
void World::StepPressure() {
    if (!On(Mechanism::Executives)) return;
    // The CMO answers for customer experience; the CIO for IT's lead time, as much as the boss cares about speed.
    const Executive& cmo = E(Role::Cmo);
    const double target = cmo.cx_at_start + P(ParamId::CmoCxTargetGain) * (week_ - cmo.judged_since) / static_cast<double>(kWeeksPerYear);
    const double gap = target - cx_;
    if (gap > 0.0) AddPressure(Role::Cmo, 0, P(ParamId::PressureCxGapPerPoint) * gap);
    const double lead = ItLeadTimeWeeks() / P(ParamId::ShadowToleranceWeeks) - 1.0;
    const Role cio_boss = S(Mechanism::Executives).cio_boss;
    const Role boss = cio_boss == Role::None || cio_boss == Role::Cio ? Role::Ceo : cio_boss;
    if (lead > 0.0)
        AddPressure(Role::Cio, 0, P(ParamId::PressureItLead) * ScorecardOf(boss).speed * (lead < P(ParamId::PressureItLeadCap) ? lead : P(ParamId::PressureItLeadCap)));
}

// ---- [SECTION] people (mechanism 8) -------------------------------------------------------------------
void World::Hire(std::size_t seat) {
    Rng h(MixSeed(seat_key_[seat], static_cast<std::uint64_t>(week_) * 4 + 2));
    seat_agent_[seat] = next_agent_++;
    tenure_[seat] = 0;
    productivity_[seat] = P(ParamId::RampUpMonths) > 0.0 ? P(ParamId::NewHireStartProductivity) : 1.0;
    morale_[seat] = Clamp(P(ParamId::MoraleBaseline) + P(ParamId::HireMoraleBonus), 0.0, 1.0);
    const auto u = static_cast<std::size_t>(seat_unit_[seat]);
    const std::uint8_t c = unit_class_[u];
    const bool cross = c != 0 && h.Uniform01() < P(ParamId::CrossSkilledHiringShare);
    seat_cross_[seat] = cross ? 1 : 0;
    const double a = P(ParamId::SkillPrimaryMin) + P(ParamId::SkillPrimarySpan) * h.Uniform01();
    const double b = P(ParamId::SkillSecondaryMin) + P(ParamId::SkillSecondarySpan) * h.Uniform01();
    const double x = P(ParamId::SkillCrossMin) + P(ParamId::SkillCrossSpan) * h.Uniform01();
    const double y = P(ParamId::SkillCrossMin) + P(ParamId::SkillCrossSpan) * h.Uniform01();
    skill_tech_[seat] = Clamp(cross ? x : (unit_technologist_[u] ? a : b), 0.0, 1.0);
    skill_mkt_[seat] = Clamp(cross ? y : (c == 2 && !unit_technologist_[u] ? a : b), 0.0, 1.0);
    Log(EventKind::Hire, Mechanism::People, seat_unit_[seat], seat_agent_[seat], 0.0);
}

void World::Quit(std::size_t seat, std::size_t unit) {
    const std::uint8_t c = unit_class_[unit];
    Log(EventKind::Resignation, Mechanism::People, static_cast<int>(unit), seat_agent_[seat], tenure_[seat] / 52.0);
    seat_agent_[seat] = 0;
    const double w = Rng(MixSeed(seat_key_[seat], static_cast<std::uint64_t>(week_) * 4 + 3)).Exponential(unit_fill_weeks_[unit]);
    fill_in_[seat] = VacancyWeeks(w);
    const double salary = c == 1 ? P(ParamId::SalaryItKusd) : (c == 2 ? P(ParamId::SalaryMarketingKusd) : P(ParamId::SalaryOtherKusd));
    replacement_cost_week_ += P(ParamId::ReplacementCostShare) * salary / 1000.0;
    ++quits_week_;
    ++class_quits_[c];
    ++unit_quits_[unit];
}

void World::StepPeople() {
    const bool people_on = On(Mechanism::People);
    const double baseline = P(ParamId::MoraleBaseline);
    const double revert = P(ParamId::MoraleReversionPerWeek);
    const double noise = P(ParamId::MoraleNoiseSd) * 3.4641016151377544;  // uniform with this sd: width sd*sqrt(12)
    const double tight = P(ParamId::LabourMarketTightness);
    const double ramp_weeks = P(ParamId::RampUpMonths) * kWeeksPerMonth;
    const double start_prod = P(ParamId::NewHireStartProductivity);
    const double ramp_step = ramp_weeks > 0.0 ? (1.0 - start_prod) / ramp_weeks : 1.0;
    const double mentor = P(ParamId::MentorCostShare);
    const double churn_shock = P(ParamId::MoraleChurnShock);
    const double slope = P(ParamId::MoraleEffortSlope);
    const double ref = P(ParamId::TechSkillReference);

    // Weekly morale pushes by class: IT workload, success, conflict (low trust).
    // IT's staff feel overloaded when marketing's queue is longer than marketing will tolerate.
    const double overload = Clamp(ItLeadTimeWeeks() / P(ParamId::ShadowToleranceWeeks) - 1.0, 0.0, 1.0);
    const double success = P(ParamId::MoraleSuccessEffect) * launches_prev_;
    const double conflict = P(ParamId::MoraleConflictEffect) * (P(ParamId::TrustReference) - trust_);
    const double push[3] = {0.0, success - conflict - P(ParamId::MoraleWorkloadEffect) * overload, success - conflict};

    int filled = 0, vacant = 0;
    class_filled_ = {0, 0, 0};
    double morale_sum = 0.0, fte = 0.0, it_fte = 0.0, it_cross = 0.0, mkt_cross = 0.0;
    int it_n = 0, mkt_n = 0;
    const std::size_t n_units = unit_class_.size();
    const auto wk = static_cast<std::uint64_t>(week_) * 4;

    // This week's draw of every seat, keyed by the seat and the week (QuitDraw()), made first in one
    // tight loop (independent iterations) and read by pass 1.
    const std::size_t n_seats = seat_key_.size();
    noise_draw_.resize(n_seats);
    quit_draw_.resize(n_seats);
    {
        const std::uint64_t* key = seat_key_.data();
        double* noise_u = noise_draw_.data();
        double* quit_u = quit_draw_.data();
        // Not vectorised: WebAssembly's 128-bit SIMD has no 64-bit lane multiply or 64-bit integer
        // to double conversion in hardware, so the vector version of this loop is emulated lane by
        // lane and was slower than the scalar one (perf of V8's code: 30% of StepPeople, against 17%
        // natively).
#if defined(__clang__)
#pragma clang loop vectorize(disable) interleave(disable)
#endif
        for (std::size_t s = 0; s < n_seats; ++s) {
            const std::uint64_t d = CounterU64(key[s], wk);
            noise_u[s] = noise * (static_cast<double>(static_cast<std::int64_t>(d & 0xFFFFFFFFULL)) * 0x1.0p-32 - 0.5);
            quit_u[s] = static_cast<double>(static_cast<std::int64_t>(d >> 32)) * 0x1.0p-32;
        }
    }
    // Pass 1, seat by seat: vacancies count down and are filled, morale moves, people quit. Raw
    // pointers: Hire() and Quit() write these arrays' elements but never reallocate them. The 32-bit
    // halves convert to double through int64 (one instruction; an unsigned conversion is a branchy
    // sequence natively and in WebAssembly).
    const std::uint32_t* const agent = seat_agent_.data();
    int* const fill_in = fill_in_.data();
    double* const morale = morale_.data();
    const double* const noise_u = noise_draw_.data();
    const double* const quit_u = quit_draw_.data();
    const double* const quit_mult = quit_multiplier_.data();
    for (std::size_t u = 0; u < n_units; ++u) {
        const double unit_push = push[unit_class_[u]], unit_shock = unit_morale_shock_[u];
        const double hazard_scale = unit_weekly_quit_[u] * tight;
        // Morale's weekly move before any clamp: reversion to the baseline, the seat's noise, the
        // class's push and the unit's shock.
        auto moved = [&](std::size_t s) {
            const double m0 = morale[s];
            return m0 + (revert * (baseline - m0) + noise_u[s] + unit_push + unit_shock);
        };
        // Quit: base weekly hazard scaled by morale (tabulated exp, interpolated) and the labour market.
        auto quits = [&](double m, std::size_t s) {
            const double x = m * kMoraleTableSteps;
            const int i0 = static_cast<int>(x);
            const double frac = x - static_cast<double>(i0);
            const double mult = quit_mult[i0] + frac * (quit_mult[i0 + 1] - quit_mult[i0]);
            return quit_u[s] < hazard_scale * mult;
        };
        std::size_t s = unit_seat_begin_[u];
        const std::size_t end = unit_seat_begin_[u + 1];
        while (s < end) {
            // The common seat (staffed, morale stays in [0, 1], stays) in a loop without calls, which
            // WebAssembly engines keep in registers; it stops, writing nothing, at the first seat that
            // needs more (a vacancy, a hire, a clamp, a quit), which the full rule below then does.
            if (people_on) {
                for (; s < end; ++s) {
                    if (agent[s] == 0) break;
                    const double m = moved(s);
                    if (m < 0.0 || m > 1.0 || quits(m, s)) break;
                    morale[s] = m;
                }
                if (s == end) break;
            }
            if (agent[s] == 0) {
                if (--fill_in[s] > 0) {
                    ++vacant;
                    ++s;
                    continue;
                }
                Hire(s);
            }
            if (people_on) {
                double m = moved(s);
                if (m < 0.0 || m > 1.0) m = ClampCold(m);
                morale[s] = m;
                if (quits(m, s)) {
                    Quit(s, u);
                    ++vacant;
                }
            }
            ++s;
        }
    }

    // Pass 2: tenure, ramp-up (a colleague's time spent on the newcomer) and capacity. One loop per
    // function class keeps each loop's running sums few (WebAssembly engines spill what does not fit).
    std::array<double, 3> class_morale{};
    std::array<int, 3> cross_paid{};
    auto advance = [&](std::size_t s, double& mentoring) {
        ++tenure_[s];
        double prod = productivity_[s];
        mentoring = 0.0;
        if (prod < 1.0) {
            mentoring = mentor * (1.0 - prod);
            prod += ramp_step;
            if (prod > 1.0) prod = 1.0;
            productivity_[s] = prod;
        }
        return prod;
    };
    for (std::size_t u = 0; u < n_units; ++u) {
        const std::uint8_t c = unit_class_[u];
        const std::size_t s0 = unit_seat_begin_[u], s1 = unit_seat_begin_[u + 1];
        int class_filled = 0;
        if (c == 1) {
            for (std::size_t s = s0; s < s1; ++s) {
                if (seat_agent_[s] == 0) continue;
                double mentoring;
                const double prod = advance(s, mentoring);
                fte += prod - mentoring;
                ++class_filled;
                cross_paid[1] += seat_cross_[s];
                const double m = morale_[s];
                morale_sum += m;
                class_morale[1] += m;
                it_fte += prod * (1.0 + slope * (m - baseline)) * skill_tech_[s] / ref - mentoring;
                it_cross += skill_mkt_[s];
            }
            it_n += class_filled;
        } else if (c == 2) {
            for (std::size_t s = s0; s < s1; ++s) {
                if (seat_agent_[s] == 0) continue;
                double mentoring;
                const double prod = advance(s, mentoring);
                fte += prod - mentoring;
                ++class_filled;
                cross_paid[2] += seat_cross_[s];
                const double m = morale_[s];
                morale_sum += m;
                class_morale[2] += m;
                mkt_cross += skill_tech_[s];
            }
            mkt_n += class_filled;
        } else {
            for (std::size_t s = s0; s < s1; ++s) {
                if (seat_agent_[s] == 0) continue;
                double mentoring;
                const double prod = advance(s, mentoring);
                fte += prod - mentoring;
                ++class_filled;
                morale_sum += morale_[s];
            }
        }
        filled += class_filled;
        class_filled_[c] += class_filled;
    }
    // Contagion: colleagues of leavers lose morale in proportion to the share of the unit that left
    // (the parameter is the drop when a team of ten loses one person).
    if (churn_shock > 0.0 && quits_week_ > 0) {
        for (std::size_t u = 0; u < n_units; ++u) {
            const int q = unit_quits_[u];
            if (q <= 0) continue;
            for (std::size_t s = unit_seat_begin_[u]; s < unit_seat_begin_[u + 1]; ++s)
                if (seat_agent_[s] != 0) morale_[s] = Clamp(morale_[s] - churn_shock * 10.0 * q / unit_seats_[u], 0.0, 1.0);
        }
    }
    std::fill(unit_morale_shock_.begin(), unit_morale_shock_.end(), 0.0);
    for (std::size_t c = 0; c < 3; ++c) class_morale_[c] = class_filled_[c] > 0 ? class_morale[c] / class_filled_[c] : 0.0;
    class_cross_ = cross_paid;
    filled_ = filled;
    vacant_ = vacant;
    morale_mean_ = filled > 0 ? morale_sum / filled : 0.0;
    fte_total_ = fte;
    it_fte_ = it_fte > 0.0 ? it_fte : 0.0;
    it_cross_ = it_n > 0 ? it_cross / it_n : 0.0;
    mkt_cross_ = mkt_n > 0 ? mkt_cross / mkt_n : 0.0;
}

// ---- [SECTION] value and the ledger (mechanisms 5 and 10) ----------------------------------------------
void World::StepLedger() {
    if (On(Mechanism::Value)) {
        const double bonus = P(ParamId::IntegrationValueBonus);
        // A launch is worth its idea's value (relative to the mean idea): a business case that screens out
        // weak ideas raises the worth of what launches; light touch builds weak ideas too.
        const double sd = P(ParamId::IdeaRoiLogSd);
        const double mean_roi = P(ParamId::IdeaRoiMedian) * DetExp(0.5 * sd * sd);
        for (const auto& in : initiatives_) {
            if (in.status != Status::Live || in.launched != week_ + 1) continue;
            const double worth = (1.0 + bonus * (in.integration - 0.5)) * in.roi / mean_roi;
            if (in.kind == InitiativeKind::CampaignTool || in.kind == InitiativeKind::CustomerApp || in.kind == InitiativeKind::Integration)
                cx_ += P(ParamId::CxGainPerLaunch) * worth * (in.kind == InitiativeKind::CampaignTool ? P(ParamId::CampaignCxWeight) : 1.0);
            if (in.kind == InitiativeKind::Analytics || in.kind == InitiativeKind::Integration)
                data_capability_ += P(ParamId::DataCapabilityPerLaunch) * in.integration * (in.roi / mean_roi) * (1.0 - data_capability_);
        }
        const double floor = P(ParamId::CxInitial) - P(ParamId::CxFloorBelowStart);
        cx_ -= P(ParamId::CxDecayPerWeek) * (cx_ - floor);
        data_capability_ -= P(ParamId::DataCapabilityDecay) * data_capability_;
        cx_ = Clamp(cx_, 0.0, 100.0);
        data_capability_ = Clamp(data_capability_, 0.0, 1.0);
    }
    const double years = week_ / static_cast<double>(kWeeksPerYear);
    const double market = revenue_base_musd_ * DetPow(1.0 + P(ParamId::RevenueGrowthAnnual), years);
    const double productivity = 1.0 + P(ParamId::DataDrivenProductivity) * data_capability_;
    const double revenue = market * (1.0 + P(ParamId::CxRevenueElasticity) * (cx_ - P(ParamId::CxInitial)) / 10.0) * productivity;

    // IT salaries of the people in seats (counted by StepPeople); cross-skilled people (both classes)
    // earn a premium, which for marketers comes on top of marketing's budget.
    const double premium = P(ParamId::CrossSkillSalaryPremium);
    const double it_paid = P(ParamId::SalaryItKusd) * (class_filled_[1] + premium * class_cross_[1]);
    const double mkt_premium = P(ParamId::SalaryMarketingKusd) * premium * class_cross_[2];
    double shadow_live = 0.0, it_systems = 0.0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live) (in.path == Path::Shadow ? shadow_live : it_systems) += 1.0;
    const double y = kWeeksPerYear;
    const double salaries = it_paid / 1000.0 / y;
    const double contractors = contractor_fte_ * P(ParamId::ContractorCostKusd) / 1000.0 / y;
    const double licences = it_systems * P(ParamId::ItLicenceKusd) / 1000.0 / y;
    const double security = P(ParamId::SecurityShareOfIt) * it_budget_musd_ / y;
    const double shadow = shadow_live * P(ParamId::ShadowToolCostKusd) / 1000.0 / y;
    const double project = 1.0 - run_share_ - P(ParamId::SecurityShareOfIt);
    // IT's people and contractors not on marketing's work run back-office projects, which save operating cost.
    const double ops_fte = (it_fte_ * (project > 0.0 ? project : 0.0) + contractor_fte_ * P(ParamId::ContractorEffectiveness)) *
                           (1.0 - marketing_alloc_);
    const Structure& books = S(Mechanism::Budget);  // the bridge roles' salaries
    const double bridge = ((books.has_cdo ? 1.0 : 0.0) + (books.has_cmt ? 1.0 : 0.0)) * P(ParamId::BridgeSalaryKusd) / 1000.0 / y;
    const double governance = (P(ParamId::ColocationCostMusd) * colocation_ + P(ParamId::CouncilCostMusd) * council_) / y;

    ledger_.OpenWeek();
    ledger_.Book(Account::Revenue, revenue / y);
    ledger_.Book(Account::ItSalaries, salaries);
    ledger_.Book(Account::Contractors, contractors);
    ledger_.Book(Account::ItLicences, licences);
    ledger_.Book(Account::Security, security);
    ledger_.Book(Account::MarketingBudget, mkt_budget_musd_ / y + mkt_premium / 1000.0 / y);
    ledger_.Book(Account::ShadowSubscriptions, shadow);
    ledger_.Book(Account::OtherOperating, P(ParamId::OtherCostShare) * market / y);
    ledger_.Book(Account::OpsSavings, -P(ParamId::OpsSavingPerItFteMusd) * ops_fte / y);
    ledger_.Book(Account::Incidents, incident_cost_week_);
    ledger_.Book(Account::Replacement, replacement_cost_week_);
    ledger_.Book(Account::Governance, governance);
    ledger_.Book(Account::BridgeRoles, bridge);
    ledger_.CloseWeek();
    martech_run_week_ = (licences + shadow) * y;

    // Martech spend through IT (the money cost of the IT capacity marketing gets, plus licences of
    // IT-run systems) against shadow subscriptions that IT cannot see.
    const double it_martech = (salaries + contractors) * (project > 0.0 ? project : 0.0) * marketing_alloc_ + licences;
    const auto slot = static_cast<std::size_t>(week_ % kWeeksPerYear);
    spend_window_[0][slot] = it_martech;
    spend_window_[1][slot] = shadow;
}

// ---- [SECTION] budget cycle (mechanism 10) -----------------------------------------------------------
void World::StepBudget() {
    if ((week_ + 1) % kWeeksPerYear != 0) return;
    if (On(Mechanism::Budget)) {
        // The CIO's boss judges IT's year on the boss's own scorecard (each result -1..1) and grants
        // growth; a cost-minded boss also trims.
        const Role cio_boss = S(Mechanism::Budget).cio_boss;
        const Role boss = cio_boss == Role::None || cio_boss == Role::Cio ? Role::Ceo : cio_boss;
        const Scorecard sc = ScorecardOf(boss);
        double it_spend = 0.0, revenue = 0.0;
        for (int w = ledger_.Weeks() - kWeeksPerYear; w < ledger_.Weeks(); ++w) {
            if (w < 0) continue;
            it_spend += ledger_.ItSpend(w);
            revenue += ledger_.At(w, Account::Revenue);
        }
        const double bench = P(ParamId::ItSpendBenchmarkShare);
        const double cost = Clamp((bench - (revenue > 0.0 ? it_spend / revenue : bench)) / bench, -1.0, 1.0);
        const double stability = 1.0 - 2.0 * Clamp(static_cast<double>(incidents_year_), 0.0, 1.0);
        const double growth = Clamp((cx_ - cx_year_start_) / P(ParamId::CxReferencePoints), -1.0, 1.0);
        const double tol = P(ParamId::ShadowToleranceWeeks);
        const double wait = it_wait_count_year_ > 0 ? it_wait_sum_year_ / it_wait_count_year_ : P(ParamId::RequestWithdrawWeeks);
        const double speed = Clamp((tol - wait) / tol, -1.0, 1.0);
        const double score = sc.cost * cost + sc.stability * stability + sc.growth * growth + sc.speed * speed;
        const double g = P(ParamId::BudgetGrowthBase) + P(ParamId::BudgetGrowthSensitivity) * score - P(ParamId::BudgetCostTrim) * sc.cost;
        it_budget_musd_ *= 1.0 + g;
        mkt_budget_musd_ *= 1.0 + P(ParamId::RevenueGrowthAnnual);
        Event& ev = Log(EventKind::BudgetSet, Mechanism::Budget, scenario_.UnitOf(Role::Cio), static_cast<std::uint32_t>(boss), it_budget_musd_);
        ev.cause = Cause::BossJudgement;
        ev.detail = score;
        ev.detail2 = g;
    }
    incidents_year_ = 0;
    cx_year_start_ = cx_;
    it_wait_sum_year_ = 0.0;
    it_wait_count_year_ = 0;
}

// ---- [SECTION] the week -----------------------------------------------------------------------------
void World::Step() {
    if (Done()) return;
    if (!scenario_.schedule.empty()) ApplySchedule();
    launches_prev_ = launches_week_;  // last week's launches lift this week's morale
    launches_week_ = 0;
    if (On(Mechanism::Executives)) StepExecutives();
    StepPeople();
    if (week_ % 13 == 0 && week_ > 0) CioAllocates();  // quarterly
    if (On(Mechanism::Demand)) StepDemand();
    if (On(Mechanism::Portfolio)) StepApprovals();
    else
        for (auto& in : initiatives_)
            if (in.status == Status::Case || in.status == Status::Approval) in.status = Status::Queued;
    StepExecution();
    StepSecurity();
    StepTrust();
    StepPressure();
    StepLedger();
    StepBudget();
    Record();
    // Quits and their replacement cost count from here (a what-if loss between weeks counts in the next).
    quits_week_ = 0;
    class_quits_ = {0, 0, 0};
    std::fill(unit_quits_.begin(), unit_quits_.end(), 0);
    replacement_cost_week_ = 0.0;
    ++week_;
}

int World::LoseExperiencedStaff(int unit, double share) {
    if (unit < 0 || unit >= static_cast<int>(scenario_.units.size()) || !(share > 0.0)) return 0;
    std::vector<std::size_t> seats;
    for (std::size_t s = 0; s < seat_unit_.size(); ++s)
        if (seat_unit_[s] == unit && seat_agent_[s] != 0) seats.push_back(s);
    std::stable_sort(seats.begin(), seats.end(), [&](std::size_t a, std::size_t b) { return tenure_[a] > tenure_[b]; });
    const auto n = static_cast<std::size_t>(share >= 1.0 ? seats.size() : share * static_cast<double>(seats.size()));
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t s = seats[k];
        Quit(s, static_cast<std::size_t>(unit));  // booked as this week's quits and replacement cost
    }
    return static_cast<int>(n);
}

int World::StepWeeks(int n) {
    int k = 0;
    while (k < n && !Done()) {
        Step();
        ++k;
    }
    return k;
}

// ---- [SECTION] recording --------------------------------------------------------------------------
void World::Record() {
    const auto slot = static_cast<std::size_t>(week_ % kWeeksPerYear);
    const int span = week_ + 1 < kWeeksPerYear ? week_ + 1 : kWeeksPerYear;
    std::array<double, 3> turnover{};
    double q_all = 0.0, h_all = 0.0;
    for (std::size_t c = 0; c < 3; ++c) {
        quit_window_[c][slot] = class_quits_[c];
        head_window_[c][slot] = class_filled_[c];
        double q = 0.0, h = 0.0;
        for (std::size_t k = 0; k < kWeeksPerYear; ++k) {
            q += quit_window_[c][k];
            h += head_window_[c][k];
        }
        turnover[c] = h > 0.0 ? q / (h / kWeeksPerYear) : 0.0;
        q_all += q;
        h_all += h / kWeeksPerYear;
    }
    // Time to market of launches in the last 52 weeks (weeks for the launched), and the share of all
    // ideas launched within 26 weeks among ideas whose 26-week window closed in the last 52 weeks.
    const int now = week_ + 1;
    double ttm = series_[static_cast<int>(SeriesId::TimeToMarket)].empty() ? 0.0 : series_[static_cast<int>(SeriesId::TimeToMarket)].back();
    {
        double sum = 0.0;
        int cnt = 0;
        // Launches are recorded in week order: only the last year's are summed.
        const auto first = static_cast<std::size_t>(
            std::partition_point(ttm_week_.begin(), ttm_week_.end(), [&](int wk) { return wk <= now - kWeeksPerYear; }) - ttm_week_.begin());
        for (std::size_t i = first; i < ttm_week_.size(); ++i) {
            sum += ttm_window_[i];
            ++cnt;
        }
        if (cnt > 0) ttm = sum / cnt;
    }
    int window_ideas = 0, window_fast = 0;
    {
        // Initiatives are stored in the order of their ideas: find the first in the window.
        const int first_created = now >= kTtmWindowWeeks ? now - kTtmWindowWeeks - kWeeksPerYear + 1 : 0;
        const auto begin = std::partition_point(initiatives_.begin(), initiatives_.end(),
                                                [&](const Initiative& in) { return in.created < first_created; });
        for (auto it = begin; it != initiatives_.end(); ++it) {
            if (now >= kTtmWindowWeeks && now - it->created < kTtmWindowWeeks) break;  // window still open
            ++window_ideas;
            window_fast += it->launched >= 0 && it->launched - it->created <= kTtmWindowWeeks;
        }
    }
    double spend_it = 0.0, spend_shadow = 0.0;
    for (int k = 0; k < span; ++k) {
        spend_it += spend_window_[0][static_cast<std::size_t>(k)];
        spend_shadow += spend_window_[1][static_cast<std::size_t>(k)];
    }
    int live = 0, unintegrated = 0, queue = 0;
    for (const auto& in : initiatives_) {
        if (in.status == Status::Live) {
            ++live;
            if (in.integration < P(ParamId::IntegratedThreshold)) ++unintegrated;
        }
        if (in.path != Path::Shadow && Waiting(in.status)) ++queue;
    }
    const Executive& cmo = E(Role::Cmo);
    const Executive& cio = E(Role::Cio);
    // Budget variance of the current budget year: IT and marketing spend against their budgets so far.
    const int year_start = (week_ / kWeeksPerYear) * kWeeksPerYear;
    double spend_ytd = 0.0;
    for (int w = year_start; w <= week_; ++w)
        spend_ytd += ledger_.ItSpend(w) + ledger_.At(w, Account::MarketingBudget) + ledger_.At(w, Account::ShadowSubscriptions);
    const double budget_ytd = (it_budget_musd_ + mkt_budget_musd_) * (week_ - year_start + 1) / kWeeksPerYear;
    double it_year = 0.0;
    for (int w = ledger_.Weeks() - span; w < ledger_.Weeks(); ++w) it_year += ledger_.ItSpend(w);
    auto rec = [&](SeriesId id, double v) { series_[static_cast<int>(id)].push_back(v); };
    rec(SeriesId::Revenue, ledger_.At(week_, Account::Revenue) * kWeeksPerYear);
    rec(SeriesId::OperatingProfit, ledger_.ProfitLastYear());
    rec(SeriesId::CustomerExperience, cx_);
    rec(SeriesId::TimeToMarket, ttm);
    rec(SeriesId::Delivered, delivered_);
    rec(SeriesId::Rejected, rejected_);
    rec(SeriesId::ShadowShare, spend_it + spend_shadow > 0.0 ? spend_shadow / (spend_it + spend_shadow) : 0.0);
    rec(SeriesId::Fragmentation, live > 0 ? static_cast<double>(unintegrated) / live : 0.0);
    rec(SeriesId::Incidents, incidents_);
    rec(SeriesId::IncidentCost, incident_cost_musd_);
    rec(SeriesId::ItQueue, queue);
    rec(SeriesId::Trust, trust_);
    rec(SeriesId::Morale, morale_mean_);
    rec(SeriesId::Headcount, filled_);
    rec(SeriesId::Vacancies, vacant_);
    rec(SeriesId::TurnoverAnnual, h_all > 0.0 ? q_all / h_all : 0.0);
    rec(SeriesId::TurnoverIt, turnover[1]);
    rec(SeriesId::TurnoverMarketing, turnover[2]);
    rec(SeriesId::EffectiveFte, fte_total_);
    rec(SeriesId::DataCapability, data_capability_);
    rec(SeriesId::Productivity, 1.0 + P(ParamId::DataDrivenProductivity) * data_capability_);
    rec(SeriesId::CmoDepartures, cmo.departures);
    rec(SeriesId::CioDepartures, cio.departures);
    rec(SeriesId::CmoTenure, cmo.present ? cmo.tenure_weeks / 52.0 : 0.0);
    rec(SeriesId::CioTenure, cio.present ? cio.tenure_weeks / 52.0 : 0.0);
    rec(SeriesId::ItCost, it_year * kWeeksPerYear / span);
    rec(SeriesId::BudgetVariance, budget_ytd > 0.0 ? (spend_ytd - budget_ytd) / budget_ytd : 0.0);
    rec(SeriesId::MartechRunCost, martech_run_week_);
    rec(SeriesId::LaunchedWithin26, window_ideas > 0 ? static_cast<double>(window_fast) / window_ideas : 0.0);
    rec(SeriesId::CmoPressure, cmo.pressure);
    rec(SeriesId::CioPressure, cio.pressure);
    rec(SeriesId::Contractors, contractor_fte_);
    rec(SeriesId::ApprovalRate, cases_decided_ > 0 ? static_cast<double>(cases_approved_) / cases_decided_ : 1.0);
    rec(SeriesId::MarketingAllocation, marketing_alloc_);
    rec(SeriesId::MoraleMarketing, class_morale_[2]);
    rec(SeriesId::MoraleIt, class_morale_[1]);
}

// ---- [SECTION] hashing ---------------------------------------------------------------------------
std::uint64_t World::StateHash() const {
    Fnv1a f;
    f.Val(week_);
    f.Val(next_agent_);
    f.Val(next_initiative_);
    f.Val(rep_key_);
    f.Vec(seat_unit_);
    f.Vec(seat_agent_);
    f.Vec(morale_);
    f.Vec(tenure_);
    f.Vec(productivity_);
    f.Vec(fill_in_);
    f.Vec(skill_tech_);
    f.Vec(skill_mkt_);
    f.Vec(seat_task_);
    for (const auto& e : execs_) {
        f.Val(e.present);
        f.Val(e.tenure_weeks);
        f.Val(e.vacancy_weeks);
        f.Val(e.pressure);
        f.Val(e.expected_it_wait);
        f.Val(e.departures);
    }
    for (const auto& row : relationship_) f.Bytes(row.data(), row.size() * sizeof(double));
    f.Val(static_cast<std::uint64_t>(initiatives_.size()));
    for (const auto& in : initiatives_) {
        f.Val(in.id);
        f.Val(in.status);
        f.Val(in.path);
        f.Val(in.progress);
        f.Val(in.launched);
        f.Val(in.integration);
    }
    f.Val(trust_);
    f.Val(cx_);
    f.Val(data_capability_);
    f.Val(it_budget_musd_);
    f.Val(contractor_fte_);
    for (const auto& row : ledger_.Rows()) f.Bytes(row.data(), row.size() * sizeof(double));
    for (const auto& s : series_) f.Vec(s);
    f.Val(static_cast<std::uint64_t>(events_.size()));
    for (const auto& e : events_) {
        f.Val(e.week);
        f.Val(e.kind);
        f.Val(e.unit);
        f.Val(e.agent);
        f.Val(e.value);
        f.Val(e.cause);
        f.Val(e.cause_id);
        f.Val(e.detail);
    }
    return f.h;
}

}  // namespace orgsim
