// explain.h: "Why?": exact Shapley attribution of a comparison's mean paired difference (B - A) to
// the factors in which two scenarios differ (reporting lines, roles added or removed, unit sizes,
// levers, other parameters, mechanisms), over every one of the 2^k combinations ("hybrids") run with
// common random numbers. Standard C++ only.
//
// Definitions (docs: the bars of a waterfall).
// - A hybrid is A with some factors taken from B. v_r(S) is an outcome's final value in replication r
//   of the hybrid S (World(hybrid, r) with A's seed and the common horizon: the same worlds
//   `orgsim compare` runs, so v_r(all) - v_r(none) is its paired difference).
// - A factor's bar is the mean over replications of its exact Shapley value per replication,
//   phi_i(r) = sum over S not containing i of |S|! (k - |S| - 1)! / k! (v_r(S + i) - v_r(S)).
//   The bars sum to the mean paired difference exactly (efficiency), replication by replication too.
// - "Alone" (one at a time) is the mean of v_r({i}) - v_r(none): the factor applied on its own to A.
// - The interaction share is sum_i |bar_i - alone_i| / sum_i |bar_i| (0: the factors add up, each
//   does the same alone as in company; 1 or more: what they do alone says little about what they do
//   together). When every bar is 0 the denominator is sum_i |alone_i| (and the share 0 if that is 0).
// - Intervals are 90% percentile bootstrap intervals over replications (1,000 resamples of the
//   replications with replacement, a fixed-seed generator: the same numbers every run).
//
// By mechanism (ExplainBy::Mechanism): which mechanisms carry the difference. The players are the
// mechanisms whose structural inputs (sim/world.h: Structure, StructureReads) differ between A and B;
// a mechanism is never knocked out, only given A's or B's structural facts.
// - v_r(S) is an outcome's final value in replication r of B's world (A's seed, the common horizon)
//   in which the mechanisms in S read B's structural facts and the other players read A's
//   (World(B, r, StructureOverride{StructureOf(A), players not in S})); v_r(all) is B's own world.
// - A mechanism's bar is the mean of its exact Shapley value over the players, as above; "alone" is
//   v_r({i}) - v_r(none).
// - The residual bar "not structural" is v_r(none) - v_r(A): B's world with A's structure in every
//   mechanism against A (headcounts, budgets, levers, units added or removed, parameters).
// - The bars (players and residual) sum to the mean paired difference B - A exactly, per replication
//   too; the interaction share is over the players' bars only. Runs (2^k + 1) x R worlds.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/parallel_for.h"
#include "sim/params.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace orgsim {

class Experiment;

/// Decimals for a magnitude: `decimals_at_one` for 1 to 10, one fewer per power of ten above, one
/// more per power of ten below (at most 6); 2 for zero.
int SignificantDecimals(double magnitude, int decimals_at_one);

/// At most this many factors are attributed (2^8 = 256 hybrids); more differences are grouped.
constexpr int kMaxExplainFactors = 8;
/// Replications when the caller gives none (each of the 2^k hybrids runs this many).
constexpr int kExplainDefaultReplications = 100;
constexpr int kExplainBootstrapResamples = 1000;

/// One elementary difference between A and B.
struct Change {
    enum class Kind {
        Lines,       ///< a unit in both: B's parent and dotted lines
        Fields,      ///< a unit in both: B's function, head, headcount, budget (and name)
        AddUnit,     ///< a unit only in B
        RemoveUnit,  ///< a unit only in A
        UnitOrder,   ///< the units both have, in B's order (only when the order differs)
        Param,       ///< B's value of a parameter or lever
        Mechanism,   ///< B's switch of a mechanism
        Schedule,    ///< B's lever schedule (levers changed in later weeks, e.g. a class's rounds)
    };
    Kind kind = Kind::Param;
    std::string unit;                   ///< unit id (Lines, Fields, AddUnit, RemoveUnit)
    ParamId param = ParamId::Count;     ///< Param
    Mechanism mechanism = Mechanism::Demand;  ///< Mechanism
};

/// What a bar stands for: a factor (the first four) or, by mechanism, a mechanism reading B's
/// structural facts instead of A's (Structure) and what is not structural (Residual).
enum class FactorKind { OrgChart, Lever, Parameter, Mechanism, Structure, Residual };
/// "org_chart", "lever", "parameter", "mechanism", "structure", "not_structural".
const char* FactorKindKey(FactorKind k);

/// What the bars of an explanation are: the factors in which the scenarios differ, or the mechanisms
/// whose structural inputs differ (plus what is not structural).
enum class ExplainBy { Factor, Mechanism };

/// A mechanism in words a CIO would recognise ("The CIO's priorities and approvals").
const char* MechanismPlainName(Mechanism m);
/// The mechanisms whose structural inputs differ between A and B (in table order): those that read a
/// fact (StructureReads) in which StructureOf(a) and StructureOf(b) differ.
std::vector<Mechanism> StructuralMechanisms(const Scenario& a, const Scenario& b);

/// A factor: what taking it from B changes in A, named in plain English.
struct Factor {
    std::string name;  ///< "Moving the CIO under the CEO", "Adding a CDO under the CEO and ...", "Shared IT-marketing KPIs on"
    FactorKind kind = FactorKind::OrgChart;
    std::vector<Change> changes;
};

/// The factors in which B differs from A, at most kMaxExplainFactors, in the order org chart (units
/// added or removed, then reporting lines, then heads, headcounts and budgets; each in A's unit
/// order), levers, other parameters, mechanisms (table order). One per unit whose reporting line (or dotted lines) differs, per unit
/// added or removed, per unit whose function, head, headcount or budget differs, per lever, per other
/// parameter and per mechanism; changes that depend on each other are one factor (a unit added with
/// the units moved under it or added below it; the removal of a unit with the moves of the units under
/// it; a role passed from one unit to another; and whatever else ValidateScenario needs), so that every
/// one of the 2^k hybrids is a valid scenario. More than 8 are grouped: the changes of one unit, then
/// mechanisms, then parameters by group, then all other parameters, then org-chart changes by kind,
/// then all org-chart changes, then levers in table order. A unit's name, the scenario's name, text,
/// seed, horizon and replications are not factors (the seed and horizon of a comparison are A's).
/// Both scenarios should be valid (an invalid B gives one factor: everything).
std::vector<Factor> DiffFactors(const Scenario& a, const Scenario& b);

/// A with the factors whose bit is set in `mask` taken from B (bits beyond f.size() are ignored).
/// Hybrid(a, b, f, 0) == a; Hybrid with every bit set differs from b only in what does not affect
/// results (name, text, seed, horizon, replications; the names of units that differ only by name).
Scenario Hybrid(const Scenario& a, const Scenario& b, const std::vector<Factor>& f, std::uint32_t mask);

/// Exact Shapley values of the k-player game v (v(mask) = the worth of the coalition of the players
/// whose bits are set; k <= 24): phi_i = sum over S not containing i of |S|! (k-|S|-1)! / k! *
/// (v(S + i) - v(S)). v is called once per coalition, in mask order.
std::vector<double> ShapleyValues(int k, const std::function<double(std::uint32_t mask)>& v);

/// One factor's part of one outcome's difference (raw units of the outcome).
struct FactorEffect {
    double shapley = 0.0;       ///< the bar: mean over replications of the Shapley value
    double lo = 0.0, hi = 0.0;  ///< 90% bootstrap interval of the bar
    double alone = 0.0;         ///< one at a time: mean of v(factor alone on A) - v(A)
};

/// The attribution of one outcome.
struct OutcomeExplanation {
    SeriesId id = SeriesId::Revenue;
    double a_mean = 0.0, b_mean = 0.0;      ///< mean final values of A and of B (with A's seed)
    double total = 0.0;                     ///< mean paired difference B - A (= the sum of the bars)
    double total_lo = 0.0, total_hi = 0.0;  ///< 90% bootstrap interval of the mean paired difference
    std::vector<FactorEffect> factors;      ///< in the order of Explanation::factors
    double interaction_share = 0.0;         ///< see the top of this file
    std::vector<std::string> sentences;     ///< one per large bar, largest first
    std::vector<std::vector<double>> shapley_by_replication;  ///< [factor][replication]
    std::vector<std::vector<double>> finals;                  ///< [hybrid mask][replication]
};

struct Explanation {
    std::string error;  ///< non-empty when A or B is not a valid scenario (nothing was run)
    ExplainBy by = ExplainBy::Factor;
    std::string a_name, b_name;
    std::uint64_t seed = 0;
    int weeks = 0;
    int replications = 0;  ///< completed replications (of every hybrid) the numbers are over
    /// The bars: by factor, the factors; by mechanism, one per mechanism in `mechanisms` (kind
    /// Structure), then "not structural" (kind Residual).
    std::vector<Factor> factors;
    std::vector<OutcomeExplanation> outcomes;  ///< in the order asked
    std::vector<Mechanism> mechanisms;   ///< by mechanism: the players, in the order of their bars
    unsigned structure_diff = 0;         ///< by mechanism: the StructureFact bits in which A and B differ
    std::vector<std::string> structure_changes;  ///< by mechanism: those facts, A -> B, in words
    /// The players of the Shapley game (factors, or mechanisms).
    int Players() const {
        const int n = static_cast<int>(factors.size()) - (by == ExplainBy::Mechanism ? 1 : 0);
        return n > 0 ? n : 0;
    }
    int Hybrids() const { return 1 << Players(); }  ///< combinations of the players
    int Worlds() const { return Hybrids() + (by == ExplainBy::Mechanism ? 1 : 0); }  ///< run per replication (by mechanism: and A)
};

/// Runs the 2^k hybrids x R replications in slices (a progress bar or a browser frame in between),
/// replication by replication (every hybrid of replication r before any of r + 1).
class Explainer {
public:
    /// `replications` <= 0: kExplainDefaultReplications; `weeks` <= 0: A's horizon. By mechanism,
    /// `every_mechanism` makes every mechanism a player (2^10 combinations), those whose structural
    /// inputs do not differ getting 0.
    Explainer(const Scenario& a, const Scenario& b, std::vector<SeriesId> outcomes, int replications = 0, int weeks = 0,
              ExplainBy by = ExplainBy::Factor, bool every_mechanism = false);
    const std::string& Error() const { return error_; }
    const std::vector<Factor>& Factors() const { return factors_; }
    int Replications() const { return replications_; }
    int Weeks() const { return weeks_; }
    long Runs() const { return static_cast<long>(hybrids_.size()) * replications_; }
    long RunsDone() const { return runs_done_; }
    bool Done() const { return runs_done_ >= Runs(); }
    double Progress() const;  ///< 0..1
    /// Simulate up to `max_weeks` weeks (over all worlds), then return; true while work remains.
    bool RunSlice(long max_weeks);
    void RunAll() {
        while (RunSlice(1L << 20)) {
        }
    }
    /// Run every remaining run through `parallel` (threads); the same numbers as RunAll.
    void RunParallel(const ParallelFor& parallel);
    /// The attribution over the replications completed so far (every hybrid of each).
    Explanation Result() const;
    /// The prepared hybrids in mask order (A's seed, the common horizon). Run elsewhere (Web Workers)
    /// as one Experiment of these scenarios, replications 0..Replications()-1, then Absorb it.
    const std::vector<Scenario>& Hybrids() const { return hybrids_; }
    /// By mechanism: the structure override of each of Hybrids() (empty by factor); an Experiment of
    /// the hybrids must carry them (Experiment::SetOverrides) to be absorbed.
    const std::vector<StructureOverride>& Overrides() const { return overrides_; }
    /// Take the finals of the Experiment's completed replications instead of running them here
    /// (replaces what ran so far). False, and nothing taken, when it is not an Experiment of Hybrids()
    /// or the explanation is by mechanism (its worlds carry structure overrides: run them here).
    bool Absorb(const Experiment& e);

private:
    std::string error_;
    std::string a_name_, b_name_;
    std::uint64_t seed_ = 0;
    int replications_ = 0;
    int weeks_ = 0;
    std::vector<SeriesId> outcomes_;
    std::vector<Factor> factors_;    ///< the bars
    ExplainBy by_ = ExplainBy::Factor;
    std::vector<Mechanism> mechanisms_;
    unsigned structure_diff_ = 0;
    std::vector<std::string> structure_changes_;
    std::vector<Scenario> hybrids_;  ///< prepared: A's seed, the common horizon (by mechanism: B 2^k times, then A)
    std::vector<StructureOverride> overrides_;  ///< by mechanism: one per hybrid (empty by factor)
    const StructureOverride* Override(std::size_t run) const;  ///< of hybrid `run`, or none
    std::vector<World> running_;     ///< the run in progress (at most one)
    long runs_done_ = 0;
    std::vector<std::vector<std::vector<double>>> finals_;  ///< [outcome][mask][replication]
};

/// Explain every outcome in `outcomes` (run to the end). `progress`, if given, is called after each
/// run with (runs done, runs in all).
Explanation Explain(const Scenario& a, const Scenario& b, const std::vector<SeriesId>& outcomes, int replications = 0,
                    int weeks = 0, const std::function<void(long done, long total)>& progress = {});
/// The same, the runs spread by `parallel` (no progress calls).
Explanation ExplainParallel(const Scenario& a, const Scenario& b, const std::vector<SeriesId>& outcomes, int replications,
                            int weeks, const ParallelFor& parallel);
/// "Why?" by mechanism (see the top of this file); `parallel` empty: one thread.
Explanation ExplainByMechanism(const Scenario& a, const Scenario& b, const std::vector<SeriesId>& outcomes, int replications = 0,
                               int weeks = 0, const ParallelFor& parallel = {}, bool every_mechanism = false);

}  // namespace orgsim
