// experiment.h: replications of one to four scenarios with common random numbers, run in slices
// (so that a browser frame or a progress bar can interleave), summarised as mean and 90% interval,
// with paired differences against the first scenario.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/scenario.h"
#include "sim/stats.h"
#include "sim/world.h"

namespace orgsim {

constexpr int kMaxCompared = 4;
/// At most this many scenarios in one experiment: the 2^8 hybrids of "Why?" (sim/explain.h) or the
/// design points of a sensitivity study (sim/sensitivity.h) run as one experiment.
constexpr int kMaxExperimentScenarios = 1024;

/// Everything one replication of one scenario contributes to an experiment: what a thread, a Web
/// Worker or a shard computes on its own and the experiment merges in replication order.
struct ReplicationResult {
    int task = -1;                ///< replication * ScenarioCount() + scenario
    std::uint64_t hash = 0;       ///< World::StateHash() at the end
    std::vector<double> finals;   ///< kSeriesCount final values
    /// kSeriesCount values at each checkpoint week before the end, checkpoint by checkpoint (empty
    /// unless the experiment asks for checkpoints: Experiment::SetCheckpointEvery)
    std::vector<double> checkpoints;
    std::vector<float> series;    ///< kSeriesCount x weeks values (empty unless the series are kept)
};

/// Run replication `replication` of a scenario prepared by an Experiment (its GetScenario(), which
/// carries the common seed and the horizon) and collect what the experiment keeps. Pure: the same
/// arguments give the same result on any thread, worker or machine.
/// `structure`, if given, makes some mechanisms read other structural facts ("Why?" by mechanism).
/// `checkpoint_every` > 0 also keeps every series' value at weeks checkpoint_every, 2 x
/// checkpoint_every, ... before the horizon (a classroom's budget years).
ReplicationResult RunReplication(const Scenario& prepared, int replication, bool keep_series,
                                 const StructureOverride* structure = nullptr, int checkpoint_every = 0);
/// Checkpoints of a run of `weeks` weeks every `every` weeks (those before the end).
inline int CheckpointCount(int weeks, int every) { return every > 0 && weeks > 0 ? (weeks - 1) / every : 0; }

class Experiment {
public:
    /// Scenarios must be valid. Replication r of every scenario uses the seed of the first scenario
    /// and index r, so the scenarios share their random streams (common random numbers).
    /// `replications` and `weeks` override the scenarios' own when > 0. Replication indexes run from
    /// `first_replication` (other random numbers for the same scenarios, e.g. a noise estimate).
    /// At most kMaxExperimentScenarios scenarios (more are dropped).
    Experiment(std::vector<Scenario> scenarios, int replications = 0, int weeks = 0, bool keep_series = true,
               int first_replication = 0);

    /// Run up to `max_weeks` simulated weeks of work (over all scenarios), then return. Returns true
    /// while work remains. One call never runs more than one replication past the budget.
    bool RunSlice(long max_weeks);
    /// Run to the end.
    void RunAll() {
        while (RunSlice(1 << 20)) {
        }
    }

    /// Work as independent tasks (for threads and Web Workers): task t is replication
    /// FirstReplication() + t / ScenarioCount() of scenario t % ScenarioCount(). Results may arrive in any order; they are
    /// merged in task order, so the experiment is bit-identical to one run by RunSlice.
    int TaskCount() const { return replications_ * ScenarioCount(); }
    int NextTaskInOrder() const { return completed_ * ScenarioCount() + current_scenario_; }
    ReplicationResult RunTask(int task) const;
    /// Accept a task's result (false, and nothing kept, if the task is out of range, already merged,
    /// or the result has the wrong shape). Merges every result now contiguous with the merged ones.
    bool Accept(ReplicationResult r);
    /// Does a result have this experiment's shape (finals, checkpoints, and series when kept)?
    bool Fits(const ReplicationResult& r) const;
    bool KeepsSeries() const { return keep_series_; }
    /// Structure overrides, one per scenario (a mask of 0: none), for "Why?" by mechanism; set before
    /// running. False, and nothing set, when the count differs from ScenarioCount().
    bool SetOverrides(std::vector<StructureOverride> overrides);
    /// Scenario i's override, or nullptr.
    const StructureOverride* OverrideOf(int i) const;
    /// Keep every series' value at weeks `every`, 2 x `every`, ... before the end too (0: none); set
    /// before running. False, and nothing set, once work has started or when every < 0.
    bool SetCheckpointEvery(int every);
    int CheckpointEvery() const { return checkpoint_every_; }
    int Checkpoints() const { return CheckpointCount(weeks_, checkpoint_every_); }
    /// Value of series `id` at checkpoint `c` (0-based) in finished replication `replication` (0-based,
    /// from FirstReplication()) of scenario i.
    double CheckpointValue(int i, int replication, int c, SeriesId id) const;

    int ScenarioCount() const { return static_cast<int>(scenarios_.size()); }
    const Scenario& GetScenario(int i) const { return scenarios_[static_cast<std::size_t>(i)]; }
    int Replications() const { return replications_; }
    int FirstReplication() const { return first_replication_; }
    int Weeks() const { return weeks_; }
    int Completed() const { return completed_; }  ///< replications finished for every scenario
    double Progress() const;                      ///< 0..1
    bool Done() const { return completed_ >= replications_; }

    /// Final value of a series in each finished replication of scenario i.
    const std::vector<double>& Finals(int i, SeriesId id) const;
    /// State hash of each finished replication of scenario i.
    const std::vector<std::uint64_t>& Hashes(int i) const { return hashes_[static_cast<std::size_t>(i)]; }
    /// Combined hash of all finished replications of scenario i (order-sensitive).
    std::uint64_t CombinedHash(int i) const;

    Summary Outcome(int i, SeriesId id) const { return Summarise(Finals(i, id)); }
    /// Paired difference (scenario i minus scenario 0) of a final outcome, replication by replication.
    Summary PairedDifference(int i, SeriesId id) const;
    /// Weekly mean and 90% band of a series across finished replications (needs keep_series).
    void WeeklyBand(int i, SeriesId id, std::vector<double>& mean, std::vector<double>& lo, std::vector<double>& hi) const;

private:
    std::vector<Scenario> scenarios_;
    int replications_ = 0;
    int first_replication_ = 0;
    int weeks_ = 0;
    bool keep_series_ = true;
    int completed_ = 0;
    int current_scenario_ = 0;
    std::vector<World> running_;  ///< the replication in progress (at most one)
    // [scenario][series][replication]
    std::vector<std::vector<std::vector<double>>> finals_;
    // [scenario][series][replication * weeks + week] (float: half the memory; display only)
    std::vector<std::vector<std::vector<float>>> series_;
    std::vector<std::vector<std::uint64_t>> hashes_;
    std::vector<ReplicationResult> pending_;  ///< accepted results not yet contiguous, by task
    std::vector<StructureOverride> overrides_;  ///< empty, or one per scenario
    int checkpoint_every_ = 0;
    std::vector<double> running_checkpoints_;  ///< what the replication in progress recorded so far
    // [scenario][replication * Checkpoints() * kSeriesCount + checkpoint * kSeriesCount + series]
    std::vector<std::vector<double>> checkpoints_;

    void Merge(const ReplicationResult& r);
};

}  // namespace orgsim
