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

#include "sim/ledger.h"
#include "sim/params.h"
#include "sim/rng.h"
#include "sim/scenario.h"

namespace orgsim {

/// Mechanism keys of the keyed random draws: a draw is keyed by (replication, stream, entity, week),
/// so adding a unit, a role or a rejection never shifts an unrelated agent's luck.
enum class Stream : int { Init, Demand, Routing, Portfolio, Execution, Value, Security, Trust, People, Hiring,
                          Morale, Executives, Budget, Shock, Count };

/// Recorded weekly series; the order of SeriesTable().
enum class SeriesId : int {
    Revenue,            ///< million USD/year, annualised weekly revenue
    OperatingProfit,    ///< million USD/year, annualised
    CustomerExperience, ///< index 0-100
    TimeToMarket,       ///< weeks from idea to launch, mean of launches in the last 52 weeks (launched ideas only; see LaunchedWithin26)
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
    LaunchedWithin26,   ///< share of ideas (all routes, rejected and dropped included) launched within 26 weeks, ideas whose window closed in the last 52 weeks
    CmoPressure,        ///< pressure on the CMO (0 = none, about 1 = high)
    CioPressure,        ///< pressure on the CIO
    Contractors,        ///< IT contractor FTE bought from the budget above salaries
    ApprovalRate,       ///< share of business cases approved (cumulative)
    MarketingAllocation,///< share of IT's project capacity the CIO gives marketing
    MoraleMarketing,    ///< mean morale of marketing-class staff
    MoraleIt,           ///< mean morale of IT-class staff
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

/// Why an event happened, as recorded by the mechanism that caused it.
enum class Cause : std::uint8_t {
    None,
    ShadowTool,        ///< an unvetted (or catalogue) shadow tool: cause_id = initiative id
    ItSystem,          ///< a system IT or a joint team built: cause_id = initiative id
    BaseThreat,        ///< the threat landscape, no particular system
    HurdleNotMet,      ///< a business case below the CIO's hurdle: detail = revealed value/cost, detail2 = hurdle
    WaitedTooLong,     ///< marketing withdrew a request: detail = weeks waited
    NewExecutive,      ///< a successor stopped the work: cause_id = role
    PressureTargets,   ///< an executive exit driven mostly by missed targets: detail = pressure, detail2 = share from this source
    PressureBlame,     ///< ... mostly by blame for incidents
    PressureConflict,  ///< ... mostly by rejections and conflict with IT
    Hazard,            ///< an exit at the base hazard (low pressure): detail = pressure
    BossJudgement,     ///< a budget set by the CIO's boss: detail = IT's score on the boss's scorecard, detail2 = growth
    Detected,          ///< a banned shadow tool found: cause_id = initiative id
};
const char* CauseName(Cause c);

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
    Cause cause = Cause::None;
    std::uint32_t cause_id = 0;  ///< the initiative or role the cause names
    double detail = 0.0;         ///< see Cause
    double detail2 = 0.0;
};

enum class Path : std::uint8_t { It, Shadow, Joint };
enum class Status : std::uint8_t { Approval, Queued, Active, Live, Rejected, Cancelled, Retired, Case };
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
    double roi = 1.0;          ///< true annual value / cost (heterogeneous, unknown to everyone)
    double stated_roi = 1.0;   ///< marketing's estimate (optimistic); a business case replaces it with a noisy reading of roi
    double risk = 0.0;         ///< 0-1
    double urgency = 1.0;      ///< the CMO's urgency when the idea was routed (pressure, quick wins)
    bool business_case = false;///< went through a business case
    int case_ready = 0;        ///< week the business case is written
    std::uint64_t key = 0;     ///< keys this initiative's random draws
    std::vector<std::uint32_t> team;  ///< seats of the employees on its team (IT and joint)
    std::int32_t runner = -1;  ///< seat of the marketer running a shadow tool (or the marketer on a joint team)
    double contractors = 0.0;  ///< contractor FTE on the team this week
    Role sponsor = Role::Cmo;  ///< who asked for it
};

/// Who judges what: weights on cost, stability/security, growth/customer experience, speed/innovation
/// (normalised to sum to 1).
struct Scorecard {
    double cost = 0.25, stability = 0.25, growth = 0.25, speed = 0.25;
};

/// An executive seat (CEO, CIO, CMO, ...): the person in it, or a vacancy.
struct Executive {
    Role role = Role::None;
    int unit = -1;
    bool present = false;      ///< the seat is filled
    int tenure_weeks = 0;
    int vacancy_weeks = 0;     ///< weeks until the successor starts (while vacant)
    double pressure = 0.0;     ///< 0.. (about 1 is high): the sum of the three sources below
    std::array<double, 3> pressure_from{};  ///< targets, blame for incidents, conflict (rejections, withdrawals)
    Scorecard scorecard;       ///< the role's preferences (parameters)
    double expected_it_wait = 0.0;  ///< CMO: remembered weeks from request to launch through IT
    double cx_at_start = 0.0;  ///< customer experience when the executive took the seat (the CMO's target starts here)
    int judged_since = 0;      ///< week from which the executive is judged (the start, or taking the seat)
    int departures = 0;
};

/// Structural facts: what the reporting lines, the roles present (CDO, CMT, CISO) and the units'
/// places in the org chart decide. Headcounts, budgets and levers (shared KPIs, co-location, the
/// steering council, the martech budget owner, ...) are not structure. Each mechanism reads its own
/// copy (World::StructureFor), the scenario's own unless a StructureOverride gives some mechanisms
/// another scenario's: "Why?" by mechanism (sim/explain.h) switches one mechanism's structural inputs
/// to the baseline's without knocking the mechanism out.
struct Structure {
    int distance = 2;           ///< reporting steps between the CMO's and CIO's units over solid and dotted lines (2 when either is missing)
    Role cio_boss = Role::Ceo;  ///< head of the unit above the CIO's (Scenario::BossOf; None without one)
    bool has_cdo = false;       ///< a unit is headed by a CDO
    bool has_cmt = false;       ///< a unit is headed by a CMT
    bool has_ciso = false;      ///< a unit is headed by a CISO
};
bool operator==(const Structure& x, const Structure& y);
inline bool operator!=(const Structure& x, const Structure& y) { return !(x == y); }
/// The structural facts of a scenario.
Structure StructureOf(const Scenario& s);

/// The structural facts as bits (StructureReads, StructureDiff).
enum StructureFact : unsigned { kFactDistance = 1u, kFactCioBoss = 2u, kFactCdo = 4u, kFactCmt = 8u, kFactCiso = 16u };
constexpr int kStructureFactCount = 5;
/// The facts in which two structures differ (StructureFact bits).
unsigned StructureDiff(const Structure& x, const Structure& y);
/// The facts mechanism m reads (StructureFact bits), each from the mechanism's own copy:
/// - Demand: none (the idea rate follows marketing's headcount, the CMO's seat and digital pace).
/// - Routing: CDO, CMT (a bridge role lets the CMO's ideas go to a joint team, at full strength).
/// - Portfolio: the CIO's boss (the CIO blends the boss's scorecard into the priorities that set
///   marketing's share of IT capacity, the approval hurdle and the ranking of waiting requests).
/// - Execution: distance (communication overhead of IT-built work, per reporting step).
/// - Value: none.
/// - Security: CISO (a breach not through a shadow tool is blamed on the CISO, else on the CIO).
/// - Trust: distance, CDO, CMT (where trust settles: a penalty per step beyond two, bridge roles).
/// - People: none.
/// - Executives: the CIO's boss (the CIO's pressure from IT's lead time, as the boss weighs speed).
/// - Budget: the CIO's boss (who judges IT's year and grants budget growth); CDO, CMT (their
///   salaries in the ledger).
/// Who sits in the world (the executives, their units, where morale shocks and events land) is the
/// scenario's own and never overridden: a mechanism reading another structure cannot seat a CISO.
unsigned StructureReads(Mechanism m);
/// Plain words for one fact ("the CIO's boss", "reporting steps between the CMO and the CIO", ...).
const char* StructureFactLabel(StructureFact f);

/// Give chosen mechanisms another scenario's structural facts (the rest read the world's own).
struct StructureOverride {
    Structure structure;           ///< usually StructureOf(the other scenario)
    std::uint32_t mechanisms = 0;  ///< bit m set: Mechanism m reads `structure`
};

class World {
public:
    /// Build replication `replication` of a validated scenario; `structure`, if given, makes the
    /// mechanisms it names read its structural facts instead of the scenario's (fixed for the run).
    World(const Scenario& scenario, int replication, const StructureOverride* structure = nullptr);

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
    /// Where trust settles (from the Trust mechanism's structural facts and the levers).
    double StructuralTrust() const { return trust_target_; }
    int OrgDistanceCmoCio() const { return own_.distance; }  ///< the scenario's own
    double CustomerExperience() const { return cx_; }

    /// The keyed draws of a seat (for tests of common random numbers): the quit draw and the hiring
    /// draw of seat `s` in week `week`, which depend only on the replication, the unit's id and the
    /// seat's place in the unit.
    double QuitDraw(std::size_t s, int week) const;
    double HireDraw(std::size_t s, int week) const;

    /// The CIO's blended priorities (own, boss's, and the CMO's with shared KPIs) and the share of
    /// project capacity given to marketing (mechanism 3).
    const Scorecard& CioPriorities() const { return cio_blend_; }
    double MarketingAllocation() const { return marketing_alloc_; }
    /// The approval hurdle (value/cost multiple) that the CIO's priorities imply.
    double ApprovalHurdle() const;
    double ContractorFte() const { return contractor_fte_; }
    /// Role of the CIO's boss (CFO, COO, CEO or CDO) in the scenario's own org chart.
    Role CioBoss() const { return own_.cio_boss; }
    /// The structural facts mechanism m reads (the scenario's own unless overridden).
    const Structure& StructureFor(Mechanism m) const { return structure_[static_cast<std::size_t>(m)]; }
    /// The ledger (mechanism 10).
    const Ledger& Books() const { return ledger_; }
    /// IT-marketing relationship of two executives (0-1).
    double Relationship(Role a, Role b) const;

    /// 64-bit FNV-1a hash of the full state (time, agents, generators, series, events).
    std::uint64_t StateHash() const;

private:
    bool On(Mechanism m) const { return scenario_.On(m); }
    const Structure& S(Mechanism m) const { return structure_[static_cast<std::size_t>(m)]; }
    double P(ParamId id) const { return scenario_.params[id]; }
    /// Co-location, council and where trust settles, from the levers (at the start and after a
    /// scheduled change of levers).
    void DeriveFromLevers();
    /// The scenario's lever changes due at this week (Scenario::schedule).
    void ApplySchedule();
    /// A generator for the draws about (stream, entity) in the current week: keyed, so that what
    /// happens elsewhere never shifts it.
    Rng Draws(Stream s, std::uint64_t entity) const;
    Rng Draws(Stream s, std::uint64_t entity, int week) const;
    Event& Log(EventKind k, Mechanism m, int unit, std::uint32_t agent, double value);
    Executive& E(Role r) { return execs_[static_cast<std::size_t>(r)]; }
    const Executive& E(Role r) const { return execs_[static_cast<std::size_t>(r)]; }
    Scorecard ScorecardOf(Role r) const;
    void AddPressure(Role r, int source, double amount);

    // Mechanisms, in the order they run each week (the World orders them; each is a decision by an
    // agent or a process applied to the state).
    void StepExecutives();           // 9: successors, exits
    void StepPeople();               // 8: morale, quits, hires, capacity
    void CioAllocates();             // 3: quarterly: blended priorities, marketing's share, contractors
    void StepDemand();               // 1 + 2: ideas, the CMO's route for each
    void StepApprovals();            // 3: business cases judged at the approval meeting
    void StepExecution();            // 4: teams of people work; launches; withdrawals; ban detection
    void StepSecurity();             // 6
    void StepTrust();                // 7
    void StepPressure();             // 9: targets
    void StepLedger();               // 5 + 10: value, revenue, costs
    void StepBudget();               // 10: the boss's budget decision
    void Record();

    // Helpers.
    [[gnu::noinline]] void Hire(std::size_t seat);
    [[gnu::noinline]] void Quit(std::size_t seat, std::size_t unit);
    void ExecLeaves(Role r);
    Path Route(Initiative& in, Rng& draws);
    double ItLeadTimeWeeks() const;
    void Withdraw(Initiative& in, EventKind kind, Mechanism m, Cause cause, double detail, double detail2);
    void CmoObservesWait(double weeks);
    void ChangeRelationship(Role a, Role b, double delta);
    bool ShadowFeasible(InitiativeKind k) const { return k == InitiativeKind::CampaignTool || k == InitiativeKind::Analytics || k == InitiativeKind::CustomerApp; }
    bool Broker() const;  ///< a CDO, a CMT, a steering council or a shared martech budget can form joint teams

    Scenario scenario_;
    int horizon_ = 0;
    int week_ = 0;
    std::uint64_t rep_key_ = 0;
    std::uint32_t next_agent_ = 1;

    // Structure, fixed for the run: the scenario's own, and the copy each mechanism reads (see
    // StructureReads; equal to own_ unless a StructureOverride says otherwise).
    Structure own_;
    std::array<Structure, kMechanismCount> structure_{};
    double trust_target_ = 0.3;  ///< from structure_[Trust] and the levers
    double colocation_ = 0.0;  ///< co-location as a share of full contact
    double council_ = 0.0;     ///< steering council intensity 0-1
    double mkt_class_seats_ = 0.0;
    double kind_cum_[5] = {0, 0, 0, 0, 0};  ///< cumulative idea shares by kind

    // Per unit (cold).
    std::vector<double> unit_weekly_quit_;
    std::vector<double> unit_fill_weeks_;
    std::vector<std::uint8_t> unit_class_;   ///< 0 other, 1 IT, 2 marketing
    std::vector<std::uint8_t> unit_technologist_;  ///< IT-class or martech: primary skill is technology
    std::vector<int> unit_seats_;
    std::vector<double> unit_morale_shock_;
    std::vector<std::size_t> unit_seat_begin_;
    std::vector<int> unit_quits_;
    static constexpr int kMoraleTableSteps = 512;
    std::array<double, kMoraleTableSteps + 2> quit_multiplier_{};

    // Per seat (hot, struct of arrays).
    std::vector<int> seat_unit_;
    std::vector<std::uint32_t> seat_agent_;  ///< 0 = vacant
    std::vector<std::uint64_t> seat_key_;    ///< keys the seat's draws: (replication, unit id, place in unit)
    std::vector<double> noise_draw_, quit_draw_;  ///< this week's morale noise and quit uniform per seat (scratch of StepPeople)
    std::vector<double> morale_;
    std::vector<int> tenure_;
    std::vector<double> productivity_;
    std::vector<int> fill_in_;
    std::vector<double> skill_tech_;
    std::vector<double> skill_mkt_;
    std::vector<std::uint8_t> seat_cross_;   ///< the holder was hired cross-skilled (earns a premium)
    std::vector<std::uint32_t> seat_task_;   ///< initiative id the seat works on (team or shadow tool), 0 = none

    // Executives, indexed by Role; pairwise working relationships.
    std::array<Executive, 9> execs_{};
    std::array<std::array<double, 9>, 9> relationship_{};

    // Initiatives and systems.
    std::vector<Initiative> initiatives_;
    std::uint32_t next_initiative_ = 1;

    // The CIO's decisions.
    Scorecard cio_blend_;
    double marketing_alloc_ = 0.3;
    double contractor_fte_ = 0.0;
    double run_share_ = 0.55;
    int cases_decided_ = 0, cases_approved_ = 0;

    // Organisation-level state.
    double trust_ = 0.3;
    double cx_ = 60.0;
    double cx_year_start_ = 60.0;
    double data_capability_ = 0.0;
    double it_budget_musd_ = 0.0, mkt_budget_musd_ = 0.0;
    double it_fte_ = 0.0;
    double it_cross_ = 0.0, mkt_cross_ = 0.0;
    double revenue_base_musd_ = 0.0;
    std::size_t next_step_ = 0;  ///< the first step of scenario_.schedule not yet applied
    int incidents_ = 0, incidents_year_ = 0;
    double incident_cost_musd_ = 0.0;
    double incident_cost_week_ = 0.0;
    double replacement_cost_week_ = 0.0;
    int delivered_ = 0, rejected_ = 0;
    int launches_week_ = 0, launches_prev_ = 0;
    double it_wait_sum_year_ = 0.0;
    int it_wait_count_year_ = 0;
    double martech_run_week_ = 0.0;
    std::vector<double> ttm_window_;
    std::vector<int> ttm_week_;
    std::array<std::vector<double>, 2> spend_window_;
    Ledger ledger_;

    std::array<std::vector<double>, 3> quit_window_;
    std::array<std::vector<double>, 3> head_window_;
    int quits_week_ = 0, filled_ = 0, vacant_ = 0;
    double morale_mean_ = 0.0, fte_total_ = 0.0;
    std::array<int, 3> class_quits_{}, class_filled_{};
    std::array<double, 3> class_morale_{};  ///< mean morale by class this week
    std::array<int, 3> class_cross_{};      ///< cross-skilled people in seats by class this week
    std::vector<std::size_t> order_scratch_;     ///< scratch of StepExecution
    std::vector<std::uint32_t> free_scratch_;    ///< scratch of StepExecution
    std::vector<std::uint32_t> free_runners_;    ///< marketers free to run a shadow tool this week (StepDemand)

    std::array<std::vector<double>, kSeriesCount> series_;
    std::vector<Event> events_;
};

}  // namespace orgsim
