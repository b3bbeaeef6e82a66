// scenario.h: a scenario (org chart, parameters, horizon, seed, replications) and its JSON reader
// and writer. The reader lists every problem with its JSON pointer and never half-loads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/params.h"

namespace orgsim {

/// What a unit does; fixes its colour in the UI and its turnover and time-to-fill class.
enum class Function { Executive, It, Marketing, Digital, Finance, Operations, Analytics, Security, Martech, Other };
const char* FunctionKey(Function f);
std::optional<Function> FunctionFromKey(const std::string& key);
constexpr int kFunctionCount = 10;

/// The executive role heading a unit (None for a team without an executive head).
enum class Role { None, Ceo, Cfo, Coo, Cio, Cmo, Cdo, Cmt, Ciso };
const char* RoleKey(Role r);
std::optional<Role> RoleFromKey(const std::string& key);

/// The ten mechanisms of MODEL.md; each can be switched off by a scenario (tests, attribution).
enum class Mechanism { Demand, Routing, Portfolio, Execution, Value, Security, Trust, People, Executives, Budget };
constexpr int kMechanismCount = 10;
const char* MechanismKey(Mechanism m);

/// One box of the org chart.
struct Unit {
    std::string id;                  ///< unique, [a-z0-9_]+
    std::string name;                ///< display name
    Function function = Function::Other;
    Role head = Role::None;
    std::string parent;              ///< id of the solid-line parent; empty only for the root
    std::vector<std::string> dotted; ///< ids of dotted-line parents
    int headcount = 0;               ///< employees, excluding the head; 0..kMaxUnitHeadcount
    double budget_musd = 0.0;        ///< annual budget, million USD; 0..kMaxUnitBudgetMusd
    bool operator==(const Unit& o) const;
};

/// Limits that reject absurd input (a million employees, a 1,000-year horizon).
constexpr int kMaxUnits = 200;
constexpr int kMaxUnitHeadcount = 20000;
constexpr int kMaxTotalHeadcount = 50000;
constexpr double kMaxUnitBudgetMusd = 1.0e5;
constexpr int kMaxHorizonWeeks = 1040;  ///< 20 years
constexpr int kMaxReplications = 10000;
constexpr std::size_t kMaxScenarioBytes = 4u << 20;

/// A change of levers at a week: from that week on, the run goes on with these values (a new budget
/// year's decisions in a class's rounds; a policy that starts later). Only levers, never the org chart.
struct LeverStep {
    int week = 0;  ///< applied after this many weeks have run (1..horizon-1)
    std::vector<std::pair<ParamId, double>> set;
    /// The same week and the same levers set to the same values, in any order (a file lists them by
    /// name, a class's decisions in the order they were made).
    bool operator==(const LeverStep& o) const;
};
constexpr int kMaxScheduleSteps = 64;

struct Scenario {
    std::string name;
    std::string question;     ///< the question the scenario answers
    std::string description;  ///< rationale, one paragraph
    std::uint64_t seed = 1;
    int horizon_weeks = 260;
    int replications = 100;
    std::vector<Unit> units;
    Params params;  ///< levers and parameters (levers are ParamGroup::Levers)
    std::array<bool, kMechanismCount> mechanisms{{true, true, true, true, true, true, true, true, true, true}};
    /// Lever changes during the run, by increasing week (empty: the levers hold for the whole run).
    std::vector<LeverStep> schedule;

    bool On(Mechanism m) const { return mechanisms[static_cast<std::size_t>(m)]; }
    /// The role heading the unit that the unit headed by `role` reports to (Role::None if absent).
    Role BossOf(Role role) const;
    /// Index of the unit headed by `role`, or -1.
    int UnitOf(Role role) const;

    bool operator==(const Scenario& o) const;
    int TotalHeadcount() const;
    /// Index of a unit by id, or -1.
    int FindUnit(const std::string& id) const;
};

/// One problem found by the reader: where (a JSON pointer, or "line L, column C") and what.
struct Problem {
    std::string where;
    std::string message;
};

struct ReadResult {
    std::optional<Scenario> scenario;  ///< set only when problems is empty
    std::vector<Problem> problems;
    /// Things the reader did that the user should know of, though the scenario opened: a parameter of
    /// an earlier model that no longer exists, named with what replaced it.
    std::vector<Problem> notices;
    bool ok() const { return scenario.has_value(); }
    /// All problems, one per line: "where: message".
    std::string Report() const;
};

/// Parse and validate a scenario from JSON text.
ReadResult ReadScenario(const std::string& json_text);
/// Validate a scenario already in memory (the org-chart rules: ids, parents, cycles, sizes).
std::vector<Problem> ValidateScenario(const Scenario& s);
/// JSON Schema (draft 2020-12) of the scenario format, generated from the parameter table
/// (scenarios/schema.json; `orgsim schema`).
std::string ScenarioJsonSchema();
/// Canonical JSON text (2-space indent); ReadScenario(WriteScenario(s)) == s.
std::string WriteScenario(const Scenario& s);

}  // namespace orgsim
