// world.cpp: the weekly step of the IT-marketing organisation: the ten mechanisms of MODEL.md.
//
// [SECTION] index: tables / construction / executives (9) / demand (1) / routing (2) / approvals (3) /
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
}};

constexpr double kDaysPerWeek = 7.0;
constexpr double kWeeksPerMonth = 52.0 / 12.0;
constexpr double kStartProductivity = 0.25;  // a new hire's productivity in week one (see ramp_up_months)
constexpr double kMarketingTechTime = 0.15;  // share of marketers' time available for tool work (assumption)
constexpr double kCxFloorBelowStart = 10.0;  // CX decays toward start - 10 without renewal (assumption)
constexpr int kTtmWindowWeeks = 52;
constexpr double kSystemLifeWeeks = 156.0;   // mean life of a martech system before it is replaced (assumption)
constexpr double kItLicenceKusd = 30.0;      // annual licence and hosting of an IT-run martech system (assumption)
constexpr double kTrustReference = 0.3;  // trust at which conflict neither lifts nor lowers morale (Accenture 2013 level)

// Initiative mix: share of ideas and effort multiplier by kind (assumption).
constexpr double kKindShare[5] = {0.35, 0.25, 0.2, 0.15, 0.05};
constexpr double kKindSize[5] = {0.5, 1.0, 2.0, 2.0, 1.0};

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
double Clamp01(double x) { return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x); }
// The same out of line, for hot loops whose values are almost always inside [0, 1]: the caller tests
// and branches (predicted), instead of the select and min a compiler makes of an inline clamp, which
// WebAssembly engines run slowly (TOOLCHAIN.md, item 11).
[[gnu::noinline]] double ClampCold(double x) { return Clamp01(x); }

}  // namespace

const std::array<SeriesInfo, kSeriesCount>& SeriesTable() { return kSeries; }

const char* EventKindName(EventKind k) {
    static const char* const kNames[] = {"resignation", "hire", "launch", "rejection", "incident", "executive exit",
                                         "executive start", "shadow tool shut down", "cancelled", "budget set"};
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

// ---- [SECTION] construction ---------------------------------------------------------------------
World::World(const Scenario& scenario, int replication) : scenario_(scenario), horizon_(scenario.horizon_weeks) {
    for (int s = 0; s < static_cast<int>(Stream::Count); ++s)
        rng_[static_cast<std::size_t>(s)].Seed(
            MixSeed(MixSeed(scenario.seed, static_cast<std::uint64_t>(replication)), static_cast<std::uint64_t>(s) + 1));

    const double tight = P(ParamId::LabourMarketTightness);
    double it_budget = 0.0, mkt_budget = 0.0;
    for (const Unit& u : scenario_.units) {
        const std::uint8_t c = ClassOf(u.function);
        const double annual = c == 1 ? P(ParamId::TurnoverItAnnual)
                              : c == 2 ? P(ParamId::TurnoverMarketingAnnual)
                                       : P(ParamId::TurnoverOtherAnnual);
        // Published turnover is separations per average headcount (a rate): weekly hazard = rate / 52.
        unit_weekly_quit_.push_back(annual / 52.0);
        const double days = c == 1 ? P(ParamId::TimeToFillItDays) : P(ParamId::TimeToFillOtherDays);
        unit_fill_weeks_.push_back(days * tight / kDaysPerWeek);
        unit_class_.push_back(c);
        unit_seats_.push_back(u.headcount > 0 ? u.headcount : 1);
        unit_morale_shock_.push_back(0.0);
        if (c == 1) it_budget += u.budget_musd;
        if (c == 2) mkt_budget += u.budget_musd;
    }
    it_budget_musd_ = it_budget;
    mkt_budget_musd_ = mkt_budget;
    revenue_base_musd_ = P(ParamId::RevenueMusd);
    for (int i = 0; i <= kMoraleTableSteps + 1; ++i)
        quit_multiplier_[static_cast<std::size_t>(i)] =
            DetExp(P(ParamId::MoraleQuitElasticity) * (P(ParamId::MoraleBaseline) - static_cast<double>(i) / kMoraleTableSteps));

    // Seats, filled at the start by employees with a spread of tenures and skills.
    Rng& init = R(Stream::Init);
    const double ramp_weeks = P(ParamId::RampUpMonths) * kWeeksPerMonth;
    const double baseline = P(ParamId::MoraleBaseline);
    const double cross_share = P(ParamId::CrossSkilledHiringShare);
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        const std::uint8_t c = unit_class_[ui];
        unit_seat_begin_.push_back(seat_unit_.size());
        for (int k = 0; k < scenario_.units[ui].headcount; ++k) {
            seat_unit_.push_back(static_cast<int>(ui));
            seat_agent_.push_back(next_agent_++);
            // Stationary tenure of a constant-hazard process is exponential with mean 1/hazard.
            const double mean_tenure = 1.0 / (unit_weekly_quit_[ui] > 1e-6 ? unit_weekly_quit_[ui] : 1e-6);
            const double t = init.Exponential(mean_tenure);
            const int tenure = t > 2000.0 ? 2000 : static_cast<int>(t);
            tenure_.push_back(tenure);
            productivity_.push_back(ramp_weeks <= 0.0 || tenure >= ramp_weeks
                                        ? 1.0
                                        : kStartProductivity + (1.0 - kStartProductivity) * tenure / ramp_weeks);
            const double m = baseline + 0.1 * (init.Uniform01() - 0.5);
            morale_.push_back(Clamp01(m));
            fill_in_.push_back(0);
            // Skills: IT staff strong in technology, marketers in marketing; the hiring profile's
            // cross-skilled share (applied to the initial staff too) has both.
            const bool cross = c != 0 && init.Uniform01() < cross_share;
            const double a = 0.55 + 0.3 * init.Uniform01(), b = 0.1 + 0.25 * init.Uniform01();
            const bool technologist = c == 1 || scenario_.units[ui].function == Function::Martech;
            skill_tech_.push_back(cross ? 0.5 + 0.25 * init.Uniform01() : (technologist ? a : b));
            skill_mkt_.push_back(cross ? 0.5 + 0.25 * init.Uniform01() : (c == 2 ? a : b));
        }
        if (c == 1) it_class_seats_ += scenario_.units[ui].headcount;
        if (c == 2) mkt_class_seats_ += scenario_.units[ui].headcount;
    }
    unit_seat_begin_.push_back(seat_unit_.size());
    std::array<double, 3> seats{}, quits_prior{};
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        seats[unit_class_[ui]] += scenario_.units[ui].headcount;
        quits_prior[unit_class_[ui]] += scenario_.units[ui].headcount * unit_weekly_quit_[ui];
    }
    for (std::size_t c = 0; c < 3; ++c) {
        quit_window_[c].assign(52, quits_prior[c]);
        head_window_[c].assign(52, seats[c]);
    }
    spend_window_[0].assign(52, 0.0);
    spend_window_[1].assign(52, 0.0);

    // Executives: one seat per role heading a unit, with a stationary spread of tenures.
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        const Role r = scenario_.units[ui].head;
        if (r == Role::None) continue;
        Executive& e = execs_[static_cast<std::size_t>(r)];
        e.role = r;
        e.unit = static_cast<int>(ui);
        e.present = true;
        const double h = r == Role::Cio ? P(ParamId::CioExitAnnual)
                         : r == Role::Cmo ? P(ParamId::CmoExitAnnual)
                                          : P(ParamId::OtherExecExitAnnual);
        const double yrs = init.Exponential(1.0 / (h > 0.01 ? h : 0.01));
        e.tenure_weeks = static_cast<int>(52.0 * (yrs > 30.0 ? 30.0 : yrs));
        e.priority_growth = init.Uniform(0.3, 0.7);
    }
    has_cdo_ = execs_[static_cast<std::size_t>(Role::Cdo)].role == Role::Cdo;
    has_cmt_ = execs_[static_cast<std::size_t>(Role::Cmt)].role == Role::Cmt;
    cio_boss_ = scenario_.BossOf(Role::Cio);

    // Reporting distance between the CMO's and CIO's units over solid and dotted lines (BFS).
    const int a = scenario_.UnitOf(Role::Cmo), b = scenario_.UnitOf(Role::Cio);
    if (a >= 0 && b >= 0) {
        const std::size_t n = scenario_.units.size();
        std::vector<std::vector<int>> adj(n);
        for (std::size_t i = 0; i < n; ++i) {
            auto link = [&](const std::string& id) {
                const int j = scenario_.FindUnit(id);
                if (j >= 0) {
                    adj[i].push_back(j);
                    adj[static_cast<std::size_t>(j)].push_back(static_cast<int>(i));
                }
            };
            link(scenario_.units[i].parent);
            for (const auto& d : scenario_.units[i].dotted) link(d);
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
        distance_ = dist[static_cast<std::size_t>(b)] > 0 ? dist[static_cast<std::size_t>(b)] : 2;
    }

    // Co-location as a share of full contact (Allen curve: partial = 40% of full).
    colocation_ = P(ParamId::CoLocation) == 2.0 ? 1.0 : (P(ParamId::CoLocation) == 1.0 ? 0.4 : 0.0);

    // Structural trust: where the organisation's design lets trust settle.
    const double council_weeks = P(ParamId::SteeringCouncilWeeks);
    const double council = council_weeks > 0.0 ? (4.0 / council_weeks > 1.0 ? 1.0 : 4.0 / council_weeks) : 0.0;
    trust_target_ = P(ParamId::TrustBase) + P(ParamId::TrustSharedKpiEffect) * P(ParamId::SharedKpis) +
                    P(ParamId::TrustColocationEffect) * colocation_ + P(ParamId::TrustCouncilEffect) * council +
                    P(ParamId::TrustBridgeEffect) * ((has_cdo_ ? 1.0 : 0.0) + (has_cmt_ ? 1.0 : 0.0)) -
                    P(ParamId::TrustDistancePenalty) * (distance_ > 2 ? distance_ - 2 : 0);
    trust_target_ = trust_target_ < 0.05 ? 0.05 : (trust_target_ > 0.95 ? 0.95 : trust_target_);
    trust_ = P(ParamId::TrustInitial);
    cx_ = P(ParamId::CxInitial);
    run_share_ = P(ParamId::ItRunShareBase);

    for (auto& s : series_) s.reserve(static_cast<std::size_t>(horizon_));
}

void World::Log(EventKind k, Mechanism m, int unit, std::uint32_t agent, double value) {
    events_.push_back({week_ + 1, k, m, unit, agent, value});
}

// ---- [SECTION] executives (mechanism 9) -----------------------------------------------------------
void World::ExecLeaves(Role r) {
    Executive& e = execs_[static_cast<std::size_t>(r)];
    e.present = false;
    ++e.departures;
    e.tenure_weeks = 0;
    e.pressure = 0.0;
    const double w = R(Stream::Executives).Exponential(P(ParamId::ExecVacancyWeeks));
    e.vacancy_weeks = 4 + static_cast<int>(w > 200.0 ? 200.0 : w);
    Log(EventKind::ExecExit, Mechanism::Executives, e.unit, static_cast<std::uint32_t>(r), 0.0);
    if (e.unit >= 0) unit_morale_shock_[static_cast<std::size_t>(e.unit)] -= P(ParamId::MoraleExecChurnShock);
    if (On(Mechanism::Trust) && (r == Role::Cio || r == Role::Cmo || r == Role::Cdo || r == Role::Cmt))
        trust_ = Clamp01(trust_ - P(ParamId::TrustExecChurnLoss));
}

void World::StepExecutives() {
    Rng& rng = R(Stream::Executives);
    const double decay = P(ParamId::PressureDecayPerWeek);
    const double elasticity = P(ParamId::PressureExitElasticity);
    for (std::size_t i = 1; i < execs_.size(); ++i) {
        Executive& e = execs_[i];
        if (e.role == Role::None) continue;
        if (!e.present) {
            if (--e.vacancy_weeks <= 0) {
                // A successor arrives with new priorities; a new CMO or CDO stops part of the
                // in-flight marketing work and sets the rest back (MODEL.md stylized fact 4).
                e.present = true;
                e.tenure_weeks = 0;
                e.priority_growth = rng.Uniform(0.2, 0.8);
                Log(EventKind::ExecStart, Mechanism::Executives, e.unit, static_cast<std::uint32_t>(e.role), 0.0);
                if (e.role == Role::Cmo || e.role == Role::Cdo) {
                    const double stop = P(ParamId::SuccessorStopShare);
                    for (auto& in : initiatives_) {
                        if (in.status != Status::Approval && in.status != Status::Queued && in.status != Status::Active) continue;
                        if (rng.Uniform01() < stop) {
                            in.status = Status::Cancelled;
                            ++rejected_;
                            Log(EventKind::Cancelled, Mechanism::Executives, e.unit, in.id, in.progress);
                        } else {
                            in.progress *= 2.0 / 3.0;
                        }
                    }
                }
            }
            continue;
        }
        ++e.tenure_weeks;
        e.pressure *= 1.0 - decay;
        const double base = e.role == Role::Cio ? P(ParamId::CioExitAnnual)
                             : e.role == Role::Cmo ? P(ParamId::CmoExitAnnual)
                                                   : P(ParamId::OtherExecExitAnnual);
        const double hazard = base / 52.0 * DetExp(elasticity * e.pressure);
        if (rng.Uniform01() < hazard) ExecLeaves(e.role);
    }
}

// ---- [SECTION] demand (mechanism 1) and routing (mechanism 2) ------------------------------------
double World::ItLeadTimeWeeks() const {
    // Work ahead of a new request divided by the capacity IT gives marketing, plus the wait for the
    // approval meeting.
    double queued = 0.0;
    for (const auto& in : initiatives_)
        if ((in.path == Path::It || in.path == Path::Joint) &&
            (in.status == Status::Approval || in.status == Status::Queued || in.status == Status::Active))
            queued += in.size - in.progress;
    const double cap = it_fte_ * (1.0 - run_share_ - P(ParamId::SecurityShareOfIt)) * MarketingShareOfProjects();
    const double mean_size = P(ParamId::InitiativeSizeMeanPw) * 1.175;
    const double lead = (queued + mean_size) / (cap > 0.5 ? cap : 0.5);
    return lead + 0.5 * P(ParamId::ApprovalCadenceWeeks);
}

Path World::Route(InitiativeKind kind, double it_lead) {
    if (!On(Mechanism::Routing) || kind == InitiativeKind::Security) return Path::It;
    Rng& rng = R(Stream::Routing);
    const double joint_draw = rng.Uniform01();
    const double shadow_draw = rng.Uniform01();
    const bool joint_kind = kind != InitiativeKind::CampaignTool;
    double joint_share = 0.0;
    if (has_cdo_ || has_cmt_) joint_share += P(ParamId::JointShareBridge);
    if (P(ParamId::SteeringCouncilWeeks) > 0.0) joint_share += 0.5 * P(ParamId::JointShareBridge);
    if (P(ParamId::MartechBudgetOwner) == 2.0) joint_share += 0.25 * P(ParamId::JointShareBridge);
    if (joint_kind && joint_draw < joint_share) return Path::Joint;
    if (!ShadowFeasible(kind)) return Path::It;
    const double owner = P(ParamId::MartechBudgetOwner);
    double logit = P(ParamId::ShadowBaseLogit) + P(ParamId::ShadowLeadTimeWeight) * (it_lead - P(ParamId::ShadowToleranceWeeks)) -
                   P(ParamId::ShadowTrustWeight) * trust_;
    if (owner == 0.0) logit += P(ParamId::ShadowOwnerEffect);
    if (owner == 1.0) logit -= P(ParamId::ShadowOwnerEffect);
    if (P(ParamId::ShadowItPolicy) == 0.0) logit -= P(ParamId::ShadowBanDeterrence);
    if (logit > 30.0) logit = 30.0;
    if (logit < -30.0) logit = -30.0;
    return shadow_draw < DetLogistic(logit) ? Path::Shadow : Path::It;
}

void World::StepDemand() {
    Rng& rng = R(Stream::Demand);
    const Executive& cmo = execs_[static_cast<std::size_t>(Role::Cmo)];
    const double drive = cmo.role == Role::None || cmo.present ? 1.0 : P(ParamId::CmoVacancyDemandFactor);
    const double growth = DetPow(1.0 + P(ParamId::DigitalPace), week_ / 52.0);
    const double rate = P(ParamId::IdeasPerWeek) * (mkt_class_seats_ / 100.0) * growth * drive;
    const std::uint32_t n = rng.Poisson(rate);
    if (n == 0) return;
    const double lead = ItLeadTimeWeeks();
    const double cost_per_pw = P(ParamId::SalaryItKusd) / 52.0 * 2.0;  // staff plus vendors and licences
    for (std::uint32_t i = 0; i < n; ++i) {
        Initiative in;
        in.id = next_initiative_++;
        const double u = rng.Uniform01();
        double acc = 0.0;
        int k = 0;
        for (; k < 4; ++k) {
            acc += kKindShare[k];
            if (u < acc) break;
        }
        in.kind = static_cast<InitiativeKind>(k);
        in.size = kKindSize[k] * rng.Gamma(2.0, P(ParamId::InitiativeSizeMeanPw) / 2.0);
        if (in.size < 0.5) in.size = 0.5;
        in.created = week_;
        in.cost_kusd = in.size * cost_per_pw;
        in.path = Route(in.kind, lead);
        if (in.path == Path::Shadow) {
            in.status = Status::Active;
            in.vetted = P(ParamId::ShadowItPolicy) == 2.0;
            // A catalogue tool can be used once IT has vetted it.
            in.started = week_ + (in.vetted ? static_cast<int>(P(ParamId::CatalogueVettingWeeks)) : 0);
        } else if (On(Mechanism::Portfolio) && in.path == Path::It && in.cost_kusd > P(ParamId::BusinessCaseThresholdKusd)) {
            const int cadence = static_cast<int>(P(ParamId::ApprovalCadenceWeeks));
            in.status = Status::Approval;
            in.approval_due = (week_ / cadence + 1) * cadence;
        } else {
            in.status = Status::Queued;
        }
        initiatives_.push_back(in);
    }
}

// ---- [SECTION] approvals and portfolio (mechanism 3) ---------------------------------------------
double World::ByCioBoss(ParamId cfo, ParamId coo, ParamId ceo, ParamId cdo) const {
    switch (cio_boss_) {
        case Role::Cfo: return P(cfo);
        case Role::Coo: return P(coo);
        case Role::Cdo: return P(cdo);
        default: return P(ceo);  // the CEO, or a chart where the CIO's boss is another role
    }
}

double World::MarketingShareOfProjects() const {
    if (!On(Mechanism::Portfolio)) return 1.0;
    double s = ByCioBoss(ParamId::MarketingShareCfo, ParamId::MarketingShareCoo, ParamId::MarketingShareCeo,
                         ParamId::MarketingShareCdo);
    s += P(ParamId::SharedKpis) * P(ParamId::SharedKpiMarketingShareBonus);
    return s > 1.0 ? 1.0 : s;
}

double World::RejectionRate() const {
    double r = ByCioBoss(ParamId::RejectionCfo, ParamId::RejectionCoo, ParamId::RejectionCeo, ParamId::RejectionCdo);
    if (P(ParamId::SharedKpis) != 0.0) r *= 0.7;
    return r;
}

void World::StepApprovals() {
    Rng& rng = R(Stream::Portfolio);
    const double reject = RejectionRate();
    for (auto& in : initiatives_) {
        if (in.status != Status::Approval || in.approval_due > week_) continue;
        if (rng.Uniform01() < reject) {
            in.status = Status::Rejected;
            ++rejected_;
            ++rejections_week_;
            if (On(Mechanism::Trust)) trust_ = Clamp01(trust_ - P(ParamId::TrustRejectionLoss));
            Log(EventKind::Rejection, Mechanism::Portfolio, scenario_.UnitOf(Role::Cio), in.id, in.cost_kusd);
        } else {
            in.status = Status::Queued;
        }
    }
}

// ---- [SECTION] execution (mechanism 4) -------------------------------------------------------------
void World::StepPortfolioAndExecution() {
    // Systems reach the end of their life and are replaced or switched off.
    {
        Rng& life = R(Stream::Value);
        for (auto& in : initiatives_)
            if (in.status == Status::Live && life.Uniform01() < 1.0 / kSystemLifeWeeks) in.status = Status::Retired;
    }
    // Run share grows with live systems, unintegrated ones counting double (technical debt).
    int live = 0, unintegrated = 0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live) {
            ++live;
            if (in.integration < 0.5) ++unintegrated;
        }
    run_share_ = P(ParamId::ItRunShareBase);
    if (On(Mechanism::Portfolio)) run_share_ += P(ParamId::RunSharePerSystem) * (live + unintegrated);
    if (run_share_ > 0.9) run_share_ = 0.9;
    if (!On(Mechanism::Execution)) return;

    Rng& rng = R(Stream::Execution);
    const double team_max = P(ParamId::TeamSizeMax);
    const double project_share = 1.0 - run_share_ - P(ParamId::SecurityShareOfIt);
    double it_cap = it_fte_ * (project_share > 0.0 ? project_share : 0.0) * MarketingShareOfProjects();
    double shadow_cap = mkt_tech_fte_;
    // Distance costs effort (co-location relieves part of it); trust saves hand-offs and rework.
    const double overhead = P(ParamId::OrgDistanceOverhead) * (1.0 - P(ParamId::ColocationDistanceRelief) * colocation_);
    const double trust_eff = 1.0 + P(ParamId::TrustEffortEffect) * (trust_ - kTrustReference);
    const double it_distance_eff = (1.0 - overhead * distance_) * (trust_eff > 0.2 ? trust_eff : 0.2);
    const double joint_eff = (1.0 - overhead) * (1.0 + 0.5 * (it_cross_ + mkt_cross_)) * (trust_eff > 0.2 ? trust_eff : 0.2);
    const double shadow_speed = P(ParamId::ShadowSpeedFactor);
    const double tolerance = P(ParamId::ShadowToleranceWeeks);
    const bool ban = P(ParamId::ShadowItPolicy) == 0.0;
    const bool institutionalise = P(ParamId::ShadowItPolicy) == 2.0;

    for (auto& in : initiatives_) {
        if (in.status != Status::Queued && in.status != Status::Active) continue;
        if (in.status == Status::Active && in.started > week_) continue;  // still being vetted
        // Joint teams draw on marketing's technologists (a CMT's martech team among them) before IT.
        double& cap = in.path == Path::Shadow ? shadow_cap
                      : (in.path == Path::Joint && shadow_cap > 1e-9 ? shadow_cap : it_cap);
        if (cap <= 1e-9) {
            // Requests that wait far beyond marketing's tolerance are dropped (and hurt trust).
            if (in.path != Path::Shadow && in.status == Status::Queued && week_ - in.created > 4.0 * tolerance &&
                rng.Uniform01() < 0.1) {
                in.status = Status::Cancelled;
                ++rejected_;
                ++rejections_week_;
                if (On(Mechanism::Trust)) trust_ = Clamp01(trust_ - P(ParamId::TrustRejectionLoss));
                Log(EventKind::Cancelled, Mechanism::Portfolio, scenario_.UnitOf(Role::Cmo), in.id, week_ - in.created);
            }
            continue;
        }
        const double team = cap < team_max ? cap : team_max;
        cap -= team;
        if (in.status == Status::Queued) {
            in.status = Status::Active;
            in.started = week_;
        }
        // Brooks: each member beyond the first costs the team a share of its effort.
        double eff = TeamEffort(team, 1.0, scenario_.params);
        if (in.path == Path::It) eff *= it_distance_eff;
        else if (in.path == Path::Joint) eff *= joint_eff;
        else eff *= shadow_speed;
        in.progress += eff > 0.0 ? eff : 0.0;
        if (in.progress < in.size) continue;

        in.status = Status::Live;
        in.launched = week_ + 1;
        ++delivered_;
        ++launches_week_;
        const double u = rng.Uniform01();
        if (in.path == Path::It) {
            in.integration = 0.75 + 0.25 * u;
        } else if (in.path == Path::Joint) {
            const double base = P(ParamId::JointIntegrationBase);
            in.integration = base + (1.0 - base) * Clamp01(0.5 * (it_cross_ + mkt_cross_) + 0.2 * u);
        } else {
            in.integration = (institutionalise ? 0.45 : 0.1) + 0.25 * u;
            in.exposure = P(ParamId::ExposurePerUnvettedTool) * (institutionalise ? P(ParamId::InstitutionalisedExposureFactor) : 1.0);
        }
        ttm_window_.push_back(in.launched - in.created);
        ttm_week_.push_back(in.launched);
        if (On(Mechanism::Trust) && in.path != Path::Shadow) trust_ = Clamp01(trust_ + P(ParamId::TrustJointSuccess));
        Log(EventKind::Launch, Mechanism::Execution, scenario_.UnitOf(Role::Cmo), in.id, in.launched - in.created);
    }

    // Under a ban, live shadow tools are found and shut down.
    if (ban && On(Mechanism::Routing)) {
        const double detect = AnnualToWeekly(P(ParamId::ShadowBanDetectionAnnual));
        for (auto& in : initiatives_) {
            if (in.path != Path::Shadow || in.status != Status::Live) continue;
            if (rng.Uniform01() < detect) {
                in.status = Status::Cancelled;
                const int mu = scenario_.UnitOf(Role::Cmo);
                if (mu >= 0) unit_morale_shock_[static_cast<std::size_t>(mu)] -= P(ParamId::MoraleShadowBanShock);
                Log(EventKind::ShadowShutdown, Mechanism::Routing, mu, in.id, 0.0);
            }
        }
    }
}

// ---- [SECTION] security (mechanism 6) ----------------------------------------------------------------
void World::StepSecurity() {
    incident_cost_week_ = 0.0;
    if (!On(Mechanism::Security)) return;
    Rng& rng = R(Stream::Security);
    double exposure = 0.0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live) exposure += in.exposure;
    const double sec = P(ParamId::SecurityShareOfIt);
    const double hazard = AnnualToWeekly(P(ParamId::BreachAnnualBase)) * DetSqrt(0.10 / sec) * (1.0 + exposure);
    const double draw = rng.Uniform01();
    const double cost_draw = rng.Gamma(2.0, P(ParamId::BreachCostMeanMusd) / 2.0);
    if (draw >= hazard) return;
    ++incidents_;
    incident_cost_week_ = cost_draw;
    incident_cost_musd_ += cost_draw;
    if (On(Mechanism::Value)) cx_ -= P(ParamId::BreachCxHit) * P(ParamId::SocialAmplification);
    if (On(Mechanism::Trust)) trust_ = Clamp01(trust_ - P(ParamId::TrustIncidentLoss));
    execs_[static_cast<std::size_t>(Role::Cio)].pressure += 0.6;
    execs_[static_cast<std::size_t>(Role::Cmo)].pressure += 0.2 + (exposure > 0.1 ? 0.3 : 0.0);
    execs_[static_cast<std::size_t>(Role::Ciso)].pressure += 0.8;
    Log(EventKind::Incident, Mechanism::Security, scenario_.UnitOf(Role::Cio), static_cast<std::uint32_t>(incidents_), cost_draw);
}

// ---- [SECTION] trust (mechanism 7) -----------------------------------------------------------------------
void World::StepTrust() {
    if (!On(Mechanism::Trust)) return;
    trust_ = Clamp01(trust_ + P(ParamId::TrustAdjustPerWeek) * (trust_target_ - trust_));
}

// ---- [SECTION] people (mechanism 8) -------------------------------------------------------------------
void World::Hire(std::size_t seat) {
    Rng& hiring = R(Stream::Hiring);
    seat_agent_[seat] = next_agent_++;
    tenure_[seat] = 0;
    productivity_[seat] = P(ParamId::RampUpMonths) > 0.0 ? kStartProductivity : 1.0;
    morale_[seat] = Clamp01(P(ParamId::MoraleBaseline) + 0.05);  // honeymoon
    const std::uint8_t c = unit_class_[static_cast<std::size_t>(seat_unit_[seat])];
    const bool cross = c != 0 && hiring.Uniform01() < P(ParamId::CrossSkilledHiringShare);
    const double a = 0.55 + 0.3 * hiring.Uniform01(), b = 0.1 + 0.25 * hiring.Uniform01();
    const bool technologist = c == 1 || scenario_.units[static_cast<std::size_t>(seat_unit_[seat])].function == Function::Martech;
    skill_tech_[seat] = cross ? 0.5 + 0.25 * hiring.Uniform01() : (technologist ? a : b);
    skill_mkt_[seat] = cross ? 0.5 + 0.25 * hiring.Uniform01() : (c == 2 ? a : b);
    Log(EventKind::Hire, Mechanism::People, seat_unit_[seat], seat_agent_[seat], 0.0);
}

void World::Quit(std::size_t seat, std::size_t unit) {
    const std::uint8_t c = unit_class_[unit];
    Log(EventKind::Resignation, Mechanism::People, static_cast<int>(unit), seat_agent_[seat], tenure_[seat] / 52.0);
    seat_agent_[seat] = 0;
    const double w = R(Stream::Hiring).Exponential(unit_fill_weeks_[unit]);
    fill_in_[seat] = 1 + static_cast<int>(w > 520.0 ? 520.0 : w);
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
    const double ramp_step = ramp_weeks > 0.0 ? (1.0 - kStartProductivity) / ramp_weeks : 1.0;
    const double mentor = P(ParamId::MentorCostShare);
    const double churn_shock = P(ParamId::MoraleChurnShock);

    // Weekly morale pushes by class: IT workload, success, conflict (low trust).
    double queue_pw = 0.0;
    for (const auto& in : initiatives_)
        if (in.path != Path::Shadow && (in.status == Status::Queued || in.status == Status::Active || in.status == Status::Approval))
            queue_pw += in.size - in.progress;
    const double it_cap = it_fte_ * (1.0 - run_share_) + 1.0;
    double overload = queue_pw / (it_cap * P(ParamId::ShadowToleranceWeeks) + 1e-9) - 1.0;
    overload = overload < 0.0 ? 0.0 : (overload > 1.0 ? 1.0 : overload);
    const double success = P(ParamId::MoraleSuccessEffect) * launches_week_;
    const double conflict = P(ParamId::MoraleConflictEffect) * (kTrustReference - trust_);
    const double push[3] = {0.0, success - conflict - P(ParamId::MoraleWorkloadEffect) * overload, success - conflict};

    quits_week_ = 0;
    int hires = 0, filled = 0, vacant = 0;
    class_quits_ = {0, 0, 0};
    class_filled_ = {0, 0, 0};
    double morale_sum = 0.0, fte = 0.0, it_fte = 0.0, mkt_fte = 0.0, mkt_tech = 0.0, it_cross = 0.0, mkt_cross = 0.0;
    int it_n = 0, mkt_n = 0;
    const std::size_t n_units = unit_class_.size();
    unit_quits_.assign(n_units, 0);
    replacement_cost_week_ = 0.0;

    // Raw pointers: Hire() and Quit() write these arrays' elements but never reallocate them.
    const std::uint32_t* const agent = seat_agent_.data();
    int* const fill_in = fill_in_.data();
    double* const morale = morale_.data();
    int* const tenure = tenure_.data();
    double* const productivity = productivity_.data();
    const double* const skill_tech = skill_tech_.data();
    const double* const skill_mkt = skill_mkt_.data();
    const double* const quit_mult = quit_multiplier_.data();

    // Every staffed seat (filled, or a vacancy whose wait ends this week) draws once from the morale
    // stream and once from the quit stream, in seat order, and nothing else draws from those two
    // streams. So the draws are made first, in two tight loops, and the seat loop reads them in the
    // same order: the same numbers, with the generators' state out of the seat loop's registers.
    std::size_t draws = 0;
    if (people_on) {
        const std::size_t n = seat_agent_.size();
        for (std::size_t s = 0; s < n; ++s) draws += (agent[s] != 0) | (fill_in[s] <= 1);
        noise_draw_.resize(draws);
        quit_draw_.resize(draws);
        Rng moral = R(Stream::Morale);
        for (double& d : noise_draw_) d = noise * (moral.Uniform01() - 0.5);
        R(Stream::Morale) = moral;
        Rng people = R(Stream::People);
        for (double& d : quit_draw_) d = people.Uniform01();
        R(Stream::People) = people;
    }
    const double* const noise_draw = noise_draw_.data();
    const double* const quit_draw = quit_draw_.data();
    std::size_t k = 0;

    // Pass 1, seat by seat in order: vacancies count down and are filled, morale moves, people quit.
    // Seats are stored unit by unit, so everything that depends only on the unit is loaded once per unit.
    for (std::size_t u = 0; u < n_units; ++u) {
        const double unit_push = push[unit_class_[u]], unit_shock = unit_morale_shock_[u];
        const double hazard_scale = unit_weekly_quit_[u] * tight;
        for (std::size_t s = unit_seat_begin_[u], end = unit_seat_begin_[u + 1]; s < end; ++s) {
            if (agent[s] == 0) {
                if (--fill_in[s] > 0) {
                    ++vacant;
                    continue;
                }
                Hire(s);
                ++hires;
            }
            if (!people_on) continue;
            double m = morale[s];
            m += revert * (baseline - m) + noise_draw[k] + unit_push + unit_shock;
            if (m < 0.0 || m > 1.0) m = ClampCold(m);
            morale[s] = m;
            // Quit: base weekly hazard scaled by morale (tabulated exp, interpolated) and the labour market.
            const double x = m * kMoraleTableSteps;
            const int i0 = static_cast<int>(x);
            const double frac = x - static_cast<double>(i0);
            const double mult = quit_mult[i0] + frac * (quit_mult[i0 + 1] - quit_mult[i0]);
            if (quit_draw[k++] < hazard_scale * mult) {
                Quit(s, u);  // the seat is empty now: pass 2 skips it
                ++vacant;
            }
        }
    }

    // Pass 2: tenure, ramp-up and the capacity of everyone in a seat after pass 1 (filled seats, in
    // seat order, so every sum adds the same numbers in the same order). One loop per function class
    // keeps each loop's running sums few: WebAssembly engines spill to the stack what does not fit.
    for (std::size_t u = 0; u < n_units; ++u) {
        const std::uint8_t c = unit_class_[u];
        const std::size_t s0 = unit_seat_begin_[u], s1 = unit_seat_begin_[u + 1];
        int class_filled = 0;
        // Shared by the three loops (filled seats only): tenure, ramp-up (a colleague's time spent on the
        // newcomer, returned in `mentoring`) and the seat's productivity.
        auto common = [&](std::size_t s, double& prod, double& mentoring) {
            ++tenure[s];
            prod = productivity[s];
            mentoring = 0.0;
            if (prod < 1.0) {
                mentoring = mentor * (1.0 - prod);
                fte -= mentoring;
                prod += ramp_step;
                if (prod > 1.0) prod = 1.0;
                productivity[s] = prod;
            }
            fte += prod;
            ++class_filled;
        };
        if (c == 1) {
            for (std::size_t s = s0; s < s1; ++s) {
                if (agent[s] == 0) continue;
                double prod, mentoring;
                common(s, prod, mentoring);
                it_fte -= mentoring;
                const double m = morale[s];
                const double eff = prod * (0.6 + 0.6 * m);  // morale 0.65 gives about 1.0
                it_fte += eff * skill_tech[s] / 0.7;
                it_cross += skill_mkt[s];
                morale_sum += m;
            }
            it_n += class_filled;
        } else if (c == 2) {
            for (std::size_t s = s0; s < s1; ++s) {
                if (agent[s] == 0) continue;
                double prod, mentoring;
                common(s, prod, mentoring);
                const double m = morale[s];
                const double eff = prod * (0.6 + 0.6 * m);
                mkt_fte += eff;
                mkt_tech += eff * skill_tech[s] * kMarketingTechTime;
                mkt_cross += skill_tech[s];
                morale_sum += m;
            }
            mkt_n += class_filled;
        } else {
            for (std::size_t s = s0; s < s1; ++s) {
                if (agent[s] == 0) continue;
                double prod, mentoring;
                common(s, prod, mentoring);
                morale_sum += morale[s];
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
                if (agent[s] != 0) morale[s] = Clamp01(morale[s] - churn_shock * 10.0 * q / unit_seats_[u]);
        }
    }
    std::fill(unit_morale_shock_.begin(), unit_morale_shock_.end(), 0.0);
    filled_ = filled;
    vacant_ = vacant;
    morale_mean_ = filled > 0 ? morale_sum / filled : 0.0;
    fte_total_ = fte;
    it_fte_ = it_fte > 0.0 ? it_fte : 0.0;
    mkt_fte_ = mkt_fte;
    mkt_tech_fte_ = mkt_tech;
    it_cross_ = it_n > 0 ? it_cross / it_n : 0.0;
    mkt_cross_ = mkt_n > 0 ? mkt_cross / mkt_n : 0.0;
    (void)hires;
}

// ---- [SECTION] value and money (mechanisms 5 and 10) ------------------------------------------------
void World::StepValueAndMoney() {
    const double bonus = P(ParamId::IntegrationValueBonus);
    if (On(Mechanism::Value)) {
        for (const auto& in : initiatives_) {
            if (in.status != Status::Live || in.launched != week_ + 1) continue;
            const double worth = 1.0 + bonus * (in.integration - 0.5);
            if (in.kind == InitiativeKind::CampaignTool || in.kind == InitiativeKind::CustomerApp || in.kind == InitiativeKind::Integration)
                cx_ += P(ParamId::CxGainPerLaunch) * worth * (in.kind == InitiativeKind::CampaignTool ? 0.5 : 1.0);
            if (in.kind == InitiativeKind::Analytics || in.kind == InitiativeKind::Integration)
                data_capability_ += P(ParamId::DataCapabilityPerLaunch) * in.integration * (1.0 - data_capability_);
        }
        // Fragmentation erodes data capability: siloed systems do not connect the dots.
        const double floor = P(ParamId::CxInitial) - kCxFloorBelowStart;
        cx_ -= P(ParamId::CxDecayPerWeek) * (cx_ - floor);
        data_capability_ -= P(ParamId::DataCapabilityDecay) * data_capability_;
        cx_ = cx_ < 0.0 ? 0.0 : (cx_ > 100.0 ? 100.0 : cx_);
        data_capability_ = Clamp01(data_capability_);
    }
    if (week_ % 52 == 0) {  // a new budget year
        it_spend_year_ = 0.0;
        mkt_spend_year_ = 0.0;
    }
    const double years = week_ / 52.0;
    const double market = revenue_base_musd_ * DetPow(1.0 + P(ParamId::RevenueGrowthAnnual), years);
    const double productivity = 1.0 + P(ParamId::DataDrivenProductivity) * data_capability_;
    const double revenue = market * (1.0 + P(ParamId::CxRevenueElasticity) * (cx_ - P(ParamId::CxInitial)) / 10.0) * productivity;

    // Live martech systems: shadow tools, whose subscriptions marketing pays, and systems IT runs (built
    // through IT or by joint teams), whose licences and hosting IT pays.
    double shadow_live = 0.0, it_systems = 0.0;
    for (const auto& in : initiatives_)
        if (in.status == Status::Live) (in.path == Path::Shadow ? shadow_live : it_systems) += 1.0;
    shadow_live_count_ = shadow_live;
    const double shadow_spend = shadow_live * P(ParamId::ShadowToolCostKusd) / 1000.0;  // million USD/year
    // IT overspends when the run share grows past its base (contractors, emergency support).
    const double over = run_share_ - P(ParamId::ItRunShareBase);
    const double it_licences = it_systems * kItLicenceKusd / 1000.0;  // million USD/year
    const double it_spend = it_budget_musd_ * (1.0 + (over > 0.0 ? over : 0.0)) + it_licences;
    const double mkt_spend = mkt_budget_musd_ + shadow_spend;
    const double bridge = ((has_cdo_ ? 1.0 : 0.0) + (has_cmt_ ? 1.0 : 0.0)) * P(ParamId::BridgeSalaryKusd) / 1000.0;
    // The IT project capacity not given to marketing saves operating costs elsewhere; co-location and
    // a steering council cost money.
    const double project_share_raw = 1.0 - run_share_ - P(ParamId::SecurityShareOfIt);
    const double project_share = project_share_raw > 0.0 ? project_share_raw : 0.0;
    const double marketing_share = MarketingShareOfProjects();
    const double ops_fte = it_fte_ * project_share_raw * (1.0 - marketing_share);
    const double council_weeks = P(ParamId::SteeringCouncilWeeks);
    const double governance = P(ParamId::ColocationCostMusd) * colocation_ +
                              (council_weeks > 0.0 ? P(ParamId::CouncilCostMusd) * 4.0 / council_weeks : 0.0);
    const double other = P(ParamId::OtherCostShare) * market - P(ParamId::OpsSavingPerItFteMusd) * (ops_fte > 0.0 ? ops_fte : 0.0) + governance;
    revenue_week_ = revenue;
    it_cost_week_ = it_spend;
    martech_run_week_ = it_licences + shadow_spend;
    // Annualised weekly profit: one-off costs (incidents, replacements) count at 52x for the week.
    profit_week_ = revenue - other - it_spend - mkt_spend - bridge - 52.0 * (incident_cost_week_ + replacement_cost_week_);
    it_spend_year_ += it_spend / 52.0;
    mkt_spend_year_ += mkt_spend / 52.0;

    // Martech spend through IT (the IT capacity marketing gets, in money, plus licences of IT-run
    // systems) against shadow subscriptions that IT cannot see.
    const double it_martech = it_budget_musd_ * project_share * marketing_share + it_licences;
    const auto slot = static_cast<std::size_t>(week_ % 52);
    spend_window_[0][slot] = it_martech / 52.0;
    spend_window_[1][slot] = shadow_spend / 52.0;
}

// ---- [SECTION] budget cycle (mechanism 10) -----------------------------------------------------------
void World::StepBudget() {
    if ((week_ + 1) % 52 != 0 || !On(Mechanism::Budget)) return;
    const double g = ByCioBoss(ParamId::BudgetGrowthCfo, ParamId::BudgetGrowthCoo, ParamId::BudgetGrowthCeo,
                               ParamId::BudgetGrowthCdo);
    it_budget_musd_ *= 1.0 + g;
    mkt_budget_musd_ *= 1.0 + P(ParamId::RevenueGrowthAnnual);
    Log(EventKind::BudgetSet, Mechanism::Budget, scenario_.UnitOf(Role::Cio), 0, it_budget_musd_);
}

// ---- [SECTION] the week -----------------------------------------------------------------------------
void World::Step() {
    if (Done()) return;
    launches_week_ = 0;
    rejections_week_ = 0;
    if (On(Mechanism::Executives)) StepExecutives();
    StepPeople();  // capacity for this week (people mechanism switches quits and morale)
    if (On(Mechanism::Demand)) StepDemand();
    if (On(Mechanism::Portfolio)) StepApprovals();
    StepPortfolioAndExecution();
    StepSecurity();
    StepTrust();
    // Pressure from results against targets: CMO on customer experience, CIO on delivery backlog.
    if (On(Mechanism::Executives)) {
        const double cx_gap = (P(ParamId::CxInitial) - cx_) / 10.0;
        execs_[static_cast<std::size_t>(Role::Cmo)].pressure += 0.02 * (cx_gap > 0.0 ? cx_gap : 0.0) + 0.01 * rejections_week_;
        const double lead = ItLeadTimeWeeks() / P(ParamId::ShadowToleranceWeeks) - 1.0;
        execs_[static_cast<std::size_t>(Role::Cio)].pressure += 0.003 * (lead > 0.0 ? (lead > 3.0 ? 3.0 : lead) : 0.0);
    }
    StepValueAndMoney();
    StepBudget();
    Record();
    ++week_;
}

int World::LoseExperiencedStaff(int unit, double share) {
    if (unit < 0 || unit >= static_cast<int>(scenario_.units.size()) || !(share > 0.0)) return 0;
    std::vector<std::size_t> seats;
    for (std::size_t s = 0; s < seat_unit_.size(); ++s)
        if (seat_unit_[s] == unit && seat_agent_[s] != 0) seats.push_back(s);
    // Longest tenure first; ties by seat index, so the order is deterministic.
    std::stable_sort(seats.begin(), seats.end(), [&](std::size_t a, std::size_t b) { return tenure_[a] > tenure_[b]; });
    const auto n = static_cast<std::size_t>(share >= 1.0 ? seats.size() : share * static_cast<double>(seats.size()));
    Rng& shock = R(Stream::Shock);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t s = seats[k];
        Log(EventKind::Resignation, Mechanism::People, unit, seat_agent_[s], tenure_[s] / 52.0);
        seat_agent_[s] = 0;
        const double w = shock.Exponential(unit_fill_weeks_[static_cast<std::size_t>(unit)]);
        fill_in_[s] = 1 + static_cast<int>(w > 520.0 ? 520.0 : w);
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
    const auto slot = static_cast<std::size_t>(week_ % 52);
    const int span = week_ + 1 < 52 ? week_ + 1 : 52;
    std::array<double, 3> turnover{};
    double q_all = 0.0, h_all = 0.0;
    for (std::size_t c = 0; c < 3; ++c) {
        quit_window_[c][slot] = class_quits_[c];
        head_window_[c][slot] = class_filled_[c];
        double q = 0.0, h = 0.0;
        for (std::size_t k = 0; k < 52; ++k) {
            q += quit_window_[c][k];
            h += head_window_[c][k];
        }
        turnover[c] = h > 0.0 ? q / (h / 52.0) : 0.0;
        q_all += q;
        h_all += h / 52.0;
    }
    double ttm = series_[static_cast<int>(SeriesId::TimeToMarket)].empty() ? 0.0 : series_[static_cast<int>(SeriesId::TimeToMarket)].back();
    {
        double sum = 0.0;
        int cnt = 0;
        for (std::size_t i = 0; i < ttm_week_.size(); ++i)
            if (ttm_week_[i] > week_ + 1 - kTtmWindowWeeks) {
                sum += ttm_window_[i];
                ++cnt;
            }
        if (cnt > 0) ttm = sum / cnt;
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
            if (in.integration < 0.5) ++unintegrated;
        }
        if (in.path != Path::Shadow && (in.status == Status::Approval || in.status == Status::Queued)) ++queue;
    }
    const Executive& cmo = execs_[static_cast<std::size_t>(Role::Cmo)];
    const Executive& cio = execs_[static_cast<std::size_t>(Role::Cio)];
    const double budget_ytd = (it_budget_musd_ + mkt_budget_musd_) * ((week_ % 52) + 1) / 52.0;
    auto rec = [&](SeriesId id, double v) { series_[static_cast<int>(id)].push_back(v); };
    rec(SeriesId::Revenue, revenue_week_);
    rec(SeriesId::OperatingProfit, profit_week_);
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
    rec(SeriesId::ItCost, it_cost_week_);
    rec(SeriesId::BudgetVariance, budget_ytd > 0.0 ? (it_spend_year_ + mkt_spend_year_ - budget_ytd) / budget_ytd : 0.0);
    rec(SeriesId::MartechRunCost, martech_run_week_);
}

// ---- [SECTION] hashing ---------------------------------------------------------------------------
std::uint64_t World::StateHash() const {
    Fnv1a f;
    f.Val(week_);
    f.Val(next_agent_);
    f.Val(next_initiative_);
    for (const auto& r : rng_) f.Bytes(r.State(), 4 * sizeof(std::uint64_t));
    f.Vec(seat_unit_);
    f.Vec(seat_agent_);
    f.Vec(morale_);
    f.Vec(tenure_);
    f.Vec(productivity_);
    f.Vec(fill_in_);
    f.Vec(skill_tech_);
    f.Vec(skill_mkt_);
    for (const auto& e : execs_) {
        f.Val(e.present);
        f.Val(e.tenure_weeks);
        f.Val(e.vacancy_weeks);
        f.Val(e.pressure);
        f.Val(e.departures);
    }
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
    for (const auto& s : series_) f.Vec(s);
    f.Val(static_cast<std::uint64_t>(events_.size()));
    for (const auto& e : events_) {
        f.Val(e.week);
        f.Val(e.kind);
        f.Val(e.unit);
        f.Val(e.agent);
        f.Val(e.value);
    }
    return f.h;
}

}  // namespace orgsim
