// world.h: one replication of the organisation, stepped weekly. All state lives in the World; two
// worlds can run side by side. The UI reads it and never writes into it.
//
// [SECTION] index: streams and series ids / events / agents (employees, executives, initiatives) /
// World (public API) / World (state).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/params.h"
#include "sim/rng.h"
#include "sim/scenario.h"

namespace orgsim {

/// Independent random streams: one per mechanism per replication, so switching one mechanism off
/// or adding one does not shift the others' numbers (common random numbers across scenarios).
enum class Stream : int { Init, Demand, Routing, Portfolio, Execution, Value, Security, Trust, People, Hiring,
                          Morale, Executives, Budget, Shock, Count };

/// Recorded weekly series; the order of SeriesTable().
enum class SeriesId : int {
    Revenue,            ///< million USD/year, annualised weekly revenue
    OperatingProfit,    ///< million USD/year, annualised
    CustomerExperience, ///< index 0-100
    TimeToMarket,       ///< weeks from idea to launch, mean of launches in the last 26 weeks
    Delivered,          ///< cumulative marketing initiatives launched
    Rejected,           ///< cumulative rejected or cancelled initiatives
    ShadowShare,        ///< share of martech spend outside IT (52-week window)
    Fragmentation,      ///< share of live martech systems that are not integrated
    Incidents,          ///< cumulative security incidents
    IncidentCost,       ///< cumulative incident cost, million USD
    ItQueue,            ///< marketing requests waiting in or for IT
    Trust,              ///< IT-marketing trust 0-1
    Morale,             ///< mean morale of employees
    Headcount,          ///< filled seats
    Vacancies,          ///< open seats
    TurnoverAnnual,     ///< quits over the last 52 weeks / mean headcount (seeded with a year at the calibrated rates)
    TurnoverIt,
    TurnoverMarketing,
    EffectiveFte,       ///< productive capacity after ramp-up and mentoring
    DataCapability,     ///< data-driven capability 0-1
    Productivity,       ///< output multiplier from data capability (1 = none)
    CmoDepartures,      ///< cumulative
    CioDepartures,      ///< cumulative
    CmoTenure,          ///< years in seat of the current CMO (0 while vacant)
    CioTenure,
    ItCost,             ///< IT spend, million USD/year (annualised, incl. security)
    BudgetVariance,     ///< (spend - budget) / budget for IT+marketing, current budget year
    MartechRunCost,     ///< million USD/year: licences and hosting of IT-run martech systems plus shadow tools' subscriptions
    Count
};
constexpr int kSeriesCount = static_cast<int>(SeriesId::Count);

struct SeriesInfo {
    SeriesId id;
    const char* key;
    const char* label;
    const char* unit;
    bool higher_is_better;  ///< for "better" marks in comparisons
};
const std::array<SeriesInfo, kSeriesCount>& SeriesTable();

/// What happened, which mechanism caused it and who was involved.
enum class EventKind : std::uint8_t { Resignation, Hire, Launch, Rejection, Incident, ExecExit, ExecStart,
                                      ShadowShutdown, Cancelled, BudgetSet };
const char* EventKindName(EventKind k);
struct Event {
    int week;
    EventKind kind;
    Mechanism mechanism;
    int unit;             ///< unit index, or -1
    std::uint32_t agent;  ///< employee id, initiative id or executive role (as int), 0 if none
    double value;         ///< cost, weeks, ... (meaning depends on kind)
};

enum class Path : std::uint8_t { It, Shadow, Joint };
enum class Status : std::uint8_t { Approval, Queued, Active, Live, Rejected, Cancelled, Retired };
enum class InitiativeKind : std::uint8_t { CampaignTool, Analytics, CustomerApp, Integration, Security };
const char* PathName(Path p);
const char* InitiativeKindName(InitiativeKind k);

/// A marketing-technology initiative with its own history.
struct Initiative {
    std::uint32_t id = 0;
    InitiativeKind kind = InitiativeKind::CampaignTool;
    Path path = Path::It;
    Status status = Status::Queued;
    int created = 0;        ///< week the idea arose
    int started = -1;       ///< week work began
    int launched = -1;      ///< week it went live
    int approval_due = 0;   ///< week of the approval meeting (Status::Approval)
    double size = 0.0;      ///< effort, person-weeks
    double progress = 0.0;  ///< person-weeks done
    double integration = 0.0;  ///< integration quality 0-1 (once live)
    double exposure = 0.0;     ///< added breach hazard share (once live)
    double cost_kusd = 0.0;    ///< estimated cost
    bool vetted = false;
};

/// An executive seat (CEO, CIO, CMO, ...): the person in it, or a vacancy.
struct Executive {
    Role role = Role::None;
    int unit = -1;
    bool present = false;      ///< the seat is filled
    int tenure_weeks = 0;
    int vacancy_weeks = 0;     ///< weeks until the successor starts (while vacant)
    double pressure = 0.0;     ///< 0.. (about 1 is high)
    double priority_growth = 0.5;  ///< 0 cost/stability .. 1 growth/innovation
    int departures = 0;
};

class World {
public:
    /// Build replication `replication` of a validated scenario.
    World(const Scenario& scenario, int replication);

    /// Advance one week (no-op once the horizon is reached).
    void Step();
    /// Advance up to n weeks; returns the number stepped.
    int StepWeeks(int n);

    /// A what-if command: a share (0..1) of the filled seats of a unit resign now, the most
    /// experienced first (a team poached by a competitor). Returns how many left.
    int LoseExperiencedStaff(int unit, double share);

    int Week() const { return week_; }
    bool Done() const { return week_ >= horizon_; }
    int Horizon() const { return horizon_; }
    const Scenario& GetScenario() const { return scenario_; }

    /// Weekly values of one series (index = week - 1).
    const std::vector<double>& Series(SeriesId id) const { return series_[static_cast<int>(id)]; }
    const std::vector<Event>& Events() const { return events_; }
    const std::vector<Initiative>& Initiatives() const { return initiatives_; }
    const Executive& Exec(Role r) const { return execs_[static_cast<std::size_t>(r)]; }

    /// Employees (struct of arrays; one entry per seat; a vacant seat has employee id 0).
    std::size_t SeatCount() const { return seat_unit_.size(); }
    int SeatUnit(std::size_t s) const { return seat_unit_[s]; }
    bool SeatFilled(std::size_t s) const { return seat_agent_[s] != 0; }
    std::uint32_t SeatAgent(std::size_t s) const { return seat_agent_[s]; }
    double SeatMorale(std::size_t s) const { return morale_[s]; }
    int SeatTenureWeeks(std::size_t s) const { return tenure_[s]; }
    double SeatProductivity(std::size_t s) const { return productivity_[s]; }
    double SeatTechSkill(std::size_t s) const { return skill_tech_[s]; }
    double SeatMarketingSkill(std::size_t s) const { return skill_mkt_[s]; }

    double TrustLevel() const { return trust_; }
    double StructuralTrust() const { return trust_target_; }
    int OrgDistanceCmoCio() const { return distance_; }
    double CustomerExperience() const { return cx_; }

    /// 64-bit FNV-1a hash of the full state (time, agents, generators, series, events).
    std::uint64_t StateHash() const;

private:
    Rng& R(Stream s) { return rng_[static_cast<int>(s)]; }
    bool On(Mechanism m) const { return scenario_.On(m); }
    double P(ParamId id) const { return scenario_.params[id]; }
    void Log(EventKind k, Mechanism m, int unit, std::uint32_t agent, double value);

    // Mechanisms, in the order they run each week.
    void StepExecutives();
    void StepDemand();
    void StepApprovals();
    void StepPortfolioAndExecution();
    void StepSecurity();
    void StepTrust();
    void StepPeople();
    void StepValueAndMoney();
    void StepBudget();
    void Record();

    // Helpers.
    void Hire(std::size_t seat);
    /// The holder of `seat` (in `unit`) resigns: the seat waits for a hire (the rare path of StepPeople).
    [[gnu::noinline]] void Quit(std::size_t seat, std::size_t unit);
    void ExecLeaves(Role r);
    Path Route(InitiativeKind kind, double it_lead_weeks);
    double ItLeadTimeWeeks() const;
    /// The value of the parameter that applies to the CIO's boss (CFO, COO, CEO or CDO).
    double ByCioBoss(ParamId cfo, ParamId coo, ParamId ceo, ParamId cdo) const;
    double MarketingShareOfProjects() const;
    double RejectionRate() const;
    bool ShadowFeasible(InitiativeKind k) const { return k == InitiativeKind::CampaignTool || k == InitiativeKind::Analytics || k == InitiativeKind::CustomerApp; }

    Scenario scenario_;
    int horizon_ = 0;
    int week_ = 0;
    std::uint32_t next_agent_ = 1;
    std::array<Rng, static_cast<int>(Stream::Count)> rng_;

    // Structure, fixed for the run.
    int distance_ = 2;         ///< reporting steps between the CMO's and CIO's units
    Role cio_boss_ = Role::Ceo;
    bool has_cdo_ = false, has_cmt_ = false;
    double trust_target_ = 0.3;
    double colocation_ = 0.0;  ///< co-location as a share of full contact: none 0, partial 0.4, full 1
    double it_class_seats_ = 1.0, mkt_class_seats_ = 1.0;

    // Per unit (cold).
    std::vector<double> unit_weekly_quit_;   ///< base weekly quit probability
    std::vector<double> unit_fill_weeks_;    ///< mean weeks to fill a vacancy
    std::vector<std::uint8_t> unit_class_;   ///< 0 other, 1 IT, 2 marketing
    std::vector<int> unit_seats_;            ///< seats in the unit (at least 1)
    std::vector<double> unit_morale_shock_;  ///< morale change to apply to the unit's staff next people step
    std::vector<std::size_t> unit_seat_begin_;  ///< seats of unit u are [begin[u], begin[u + 1]) (seats are stored unit by unit)
    std::vector<int> unit_quits_;            ///< quits this week by unit (scratch of StepPeople)
    std::vector<double> noise_draw_, quit_draw_;  ///< this week's morale noise and quit draws (scratch of StepPeople)
    /// exp(elasticity * (baseline - morale)) tabulated at morale = i / kMoraleTableSteps (the quit
    /// multiplier; linear interpolation between entries keeps the hot loop free of exp).
    static constexpr int kMoraleTableSteps = 512;
    std::array<double, kMoraleTableSteps + 2> quit_multiplier_{};

    // Per seat (hot, struct of arrays).
    std::vector<int> seat_unit_;
    std::vector<std::uint32_t> seat_agent_;  ///< 0 = vacant
    std::vector<double> morale_;             ///< 0..1
    std::vector<int> tenure_;                ///< weeks since the current holder started
    std::vector<double> productivity_;       ///< 0..1 (ramp-up)
    std::vector<int> fill_in_;               ///< weeks until a vacant seat is filled
    std::vector<double> skill_tech_;         ///< 0..1
    std::vector<double> skill_mkt_;          ///< 0..1

    // Executives, indexed by Role.
    std::array<Executive, 9> execs_{};

    // Initiatives and systems.
    std::vector<Initiative> initiatives_;
    std::uint32_t next_initiative_ = 1;

    // Organisation-level state.
    double trust_ = 0.3;
    double cx_ = 60.0;
    double data_capability_ = 0.0;
    double it_budget_musd_ = 0.0, mkt_budget_musd_ = 0.0;        ///< current budget year
    double it_spend_year_ = 0.0, mkt_spend_year_ = 0.0;           ///< spent so far this budget year, million USD
    double it_fte_ = 0.0, mkt_fte_ = 0.0, mkt_tech_fte_ = 0.0;    ///< this week's effective capacity
    double it_cross_ = 0.0, mkt_cross_ = 0.0;                     ///< mean cross-literacy
    double revenue_base_musd_ = 0.0;
    double shadow_live_count_ = 0.0;
    int incidents_ = 0;
    double incident_cost_musd_ = 0.0;
    double incident_cost_week_ = 0.0;
    double replacement_cost_week_ = 0.0;
    int delivered_ = 0, rejected_ = 0;
    int launches_week_ = 0, rejections_week_ = 0;
    double revenue_week_ = 0.0, profit_week_ = 0.0, it_cost_week_ = 0.0, martech_run_week_ = 0.0;
    std::vector<double> ttm_window_;  ///< launches' time to market (weeks) with their launch week
    std::vector<int> ttm_week_;
    std::array<std::vector<double>, 2> spend_window_;  ///< 52-week martech spend: [0] through IT/joint, [1] shadow
    double run_share_ = 0.55;

    // Rolling 52-week quit windows by class (0 other, 1 IT, 2 marketing) and headcount sums.
    // Seeded with a year of pre-history at the calibrated rates, so that year one's rolling turnover
    // is not a noisy annualisation of a few weeks.
    std::array<std::vector<double>, 3> quit_window_;
    std::array<std::vector<double>, 3> head_window_;
    int quits_week_ = 0, filled_ = 0, vacant_ = 0;
    double morale_mean_ = 0.0, fte_total_ = 0.0;
    std::array<int, 3> class_quits_{}, class_filled_{};

    std::array<std::vector<double>, kSeriesCount> series_;
    std::vector<Event> events_;
};

}  // namespace orgsim
