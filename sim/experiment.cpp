// experiment.cpp: sliced replications with common random numbers, summaries and paired differences.
#include "sim/experiment.h"

#include <algorithm>

#include "sim/hash.h"

namespace orgsim {

Experiment::Experiment(std::vector<Scenario> scenarios, int replications, int weeks, bool keep_series, int first_replication)
    : scenarios_(std::move(scenarios)), first_replication_(std::max(0, first_replication)), keep_series_(keep_series) {
    if (scenarios_.size() > static_cast<std::size_t>(kMaxExperimentScenarios)) scenarios_.resize(kMaxExperimentScenarios);
    replications_ = replications > 0 ? replications : (scenarios_.empty() ? 0 : scenarios_[0].replications);
    weeks_ = weeks > 0 ? weeks : (scenarios_.empty() ? 0 : scenarios_[0].horizon_weeks);
    for (auto& s : scenarios_) {
        s.horizon_weeks = weeks_;
        s.replications = replications_;
        if (&s != &scenarios_[0]) s.seed = scenarios_[0].seed;  // common random numbers
    }
    finals_.assign(scenarios_.size(), std::vector<std::vector<double>>(kSeriesCount));
    series_.assign(scenarios_.size(), std::vector<std::vector<float>>(kSeriesCount));
    hashes_.assign(scenarios_.size(), {});
    checkpoints_.assign(scenarios_.size(), {});
}

bool Experiment::SetCheckpointEvery(int every) {
    if (every < 0 || completed_ > 0 || current_scenario_ > 0 || !running_.empty() || !pending_.empty()) return false;
    checkpoint_every_ = every;
    return true;
}

double Experiment::CheckpointValue(int i, int replication, int c, SeriesId id) const {
    const auto n = static_cast<std::size_t>(Checkpoints());
    return checkpoints_[static_cast<std::size_t>(i)][(static_cast<std::size_t>(replication) * n + static_cast<std::size_t>(c)) * kSeriesCount +
                                                     static_cast<std::size_t>(id)];
}

namespace {
/// Every series' latest value, appended to out (a checkpoint).
void AppendLatest(const World& w, std::vector<double>& out) {
    for (int k = 0; k < kSeriesCount; ++k) {
        const auto& ser = w.Series(static_cast<SeriesId>(k));
        out.push_back(ser.empty() ? 0.0 : ser.back());
    }
}

/// What an experiment keeps of a finished world.
ReplicationResult Collect(const World& w, bool keep_series) {
    ReplicationResult r;
    r.hash = w.StateHash();
    r.finals.resize(kSeriesCount);
    if (keep_series) r.series.reserve(static_cast<std::size_t>(kSeriesCount) * static_cast<std::size_t>(w.Week()));
    for (int k = 0; k < kSeriesCount; ++k) {
        const auto& ser = w.Series(static_cast<SeriesId>(k));
        r.finals[static_cast<std::size_t>(k)] = ser.empty() ? 0.0 : ser.back();
        if (keep_series)
            for (double v : ser) r.series.push_back(static_cast<float>(v));
    }
    return r;
}
}  // namespace

ReplicationResult RunReplication(const Scenario& prepared, int replication, bool keep_series, const StructureOverride* structure,
                                 int checkpoint_every) {
    World w(prepared, replication, structure);
    std::vector<double> checkpoints;
    for (int c = 0; c < CheckpointCount(prepared.horizon_weeks, checkpoint_every); ++c) {
        w.StepWeeks(checkpoint_every);
        AppendLatest(w, checkpoints);
    }
    w.StepWeeks(prepared.horizon_weeks - w.Week());
    ReplicationResult r = Collect(w, keep_series);
    r.checkpoints = std::move(checkpoints);
    return r;
}

ReplicationResult Experiment::RunTask(int task) const {
    const int n = ScenarioCount();
    ReplicationResult r = RunReplication(scenarios_[static_cast<std::size_t>(task % n)], first_replication_ + task / n, keep_series_,
                                         OverrideOf(task % n), checkpoint_every_);
    r.task = task;
    return r;
}

void Experiment::Merge(const ReplicationResult& r) {
    const auto si = static_cast<std::size_t>(current_scenario_);
    for (int k = 0; k < kSeriesCount; ++k) finals_[si][static_cast<std::size_t>(k)].push_back(r.finals[static_cast<std::size_t>(k)]);
    if (keep_series_) {
        const auto w = static_cast<std::size_t>(weeks_);
        for (int k = 0; k < kSeriesCount; ++k) {
            auto& dst = series_[si][static_cast<std::size_t>(k)];
            dst.insert(dst.end(), r.series.begin() + static_cast<std::ptrdiff_t>(k * w),
                       r.series.begin() + static_cast<std::ptrdiff_t>((k + 1) * w));
        }
    }
    hashes_[si].push_back(r.hash);
    checkpoints_[si].insert(checkpoints_[si].end(), r.checkpoints.begin(), r.checkpoints.end());
    if (++current_scenario_ >= static_cast<int>(scenarios_.size())) {
        current_scenario_ = 0;
        ++completed_;
    }
}

bool Experiment::Accept(ReplicationResult r) {
    const int next = NextTaskInOrder();
    if (r.task < next || r.task >= TaskCount()) return false;
    if (!Fits(r)) return false;
    for (const auto& p : pending_)
        if (p.task == r.task) return false;
    if (r.task == next && !running_.empty()) running_.clear();  // RunSlice was on this one: the result is the same
    pending_.push_back(std::move(r));
    std::sort(pending_.begin(), pending_.end(), [](const ReplicationResult& x, const ReplicationResult& y) { return x.task < y.task; });
    std::size_t used = 0;
    while (used < pending_.size() && pending_[used].task == NextTaskInOrder()) Merge(pending_[used++]);
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(used));
    return true;
}

bool Experiment::Fits(const ReplicationResult& r) const {
    const std::size_t want_series = keep_series_ ? static_cast<std::size_t>(kSeriesCount) * static_cast<std::size_t>(weeks_) : 0;
    return r.finals.size() == static_cast<std::size_t>(kSeriesCount) && r.series.size() == want_series &&
           r.checkpoints.size() == static_cast<std::size_t>(Checkpoints()) * static_cast<std::size_t>(kSeriesCount);
}

double Experiment::Progress() const {
    if (replications_ <= 0 || scenarios_.empty()) return 1.0;
    double done = static_cast<double>(completed_) * static_cast<double>(scenarios_.size()) + current_scenario_;
    done += static_cast<double>(pending_.size());
    if (!running_.empty()) done += static_cast<double>(running_[0].Week()) / weeks_;
    return done / (static_cast<double>(replications_) * static_cast<double>(scenarios_.size()));
}

bool Experiment::RunSlice(long max_weeks) {
    long budget = max_weeks;
    while (!Done() && budget > 0) {
        if (!pending_.empty() && pending_.front().task == NextTaskInOrder()) {  // a worker got there first
            ReplicationResult r = std::move(pending_.front());
            pending_.erase(pending_.begin());
            Merge(r);
            continue;
        }
        if (running_.empty()) {
            running_.emplace_back(scenarios_[static_cast<std::size_t>(current_scenario_)], first_replication_ + completed_,
                                  OverrideOf(current_scenario_));
            running_checkpoints_.clear();
        }
        World& w = running_[0];
        // Chunks end on checkpoints, where the values are recorded as RunReplication does.
        int chunk = static_cast<int>(std::min<long>(budget, 52));
        const int recorded = static_cast<int>(running_checkpoints_.size()) / kSeriesCount;
        if (recorded < Checkpoints()) chunk = std::min(chunk, (recorded + 1) * checkpoint_every_ - w.Week());
        budget -= w.StepWeeks(chunk);
        if (recorded < Checkpoints() && w.Week() == (recorded + 1) * checkpoint_every_) AppendLatest(w, running_checkpoints_);
        if (!w.Done()) continue;
        ReplicationResult r = Collect(w, keep_series_);
        r.checkpoints = std::move(running_checkpoints_);
        running_checkpoints_.clear();
        running_.clear();
        Merge(r);
    }
    return !Done();
}

bool Experiment::SetOverrides(std::vector<StructureOverride> overrides) {
    if (!overrides.empty() && overrides.size() != scenarios_.size()) return false;
    overrides_ = std::move(overrides);
    return true;
}

const StructureOverride* Experiment::OverrideOf(int i) const {
    if (overrides_.empty()) return nullptr;
    const StructureOverride& o = overrides_[static_cast<std::size_t>(i)];
    return o.mechanisms ? &o : nullptr;
}

const std::vector<double>& Experiment::Finals(int i, SeriesId id) const {
    return finals_[static_cast<std::size_t>(i)][static_cast<std::size_t>(id)];
}

std::uint64_t Experiment::CombinedHash(int i) const {
    Fnv1a f;
    for (std::uint64_t x : hashes_[static_cast<std::size_t>(i)]) f.Val(x);  // little-endian on both targets
    return f.h;
}

Summary Experiment::PairedDifference(int i, SeriesId id) const {
    const auto& a = Finals(0, id);
    const auto& b = Finals(i, id);
    std::vector<double> d;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t r = 0; r < n; ++r) d.push_back(b[r] - a[r]);
    return Summarise(d);
}

void Experiment::WeeklyBand(int i, SeriesId id, std::vector<double>& mean, std::vector<double>& lo,
                            std::vector<double>& hi) const {
    mean.clear();
    lo.clear();
    hi.clear();
    const auto& flat = series_[static_cast<std::size_t>(i)][static_cast<std::size_t>(id)];
    const std::size_t reps = weeks_ > 0 ? flat.size() / static_cast<std::size_t>(weeks_) : 0;
    if (reps == 0) return;
    std::vector<double> col(reps);
    for (int t = 0; t < weeks_; ++t) {
        for (std::size_t r = 0; r < reps; ++r) col[r] = flat[r * static_cast<std::size_t>(weeks_) + static_cast<std::size_t>(t)];
        const Summary s = Summarise(col);
        mean.push_back(s.mean);
        lo.push_back(s.lo);
        hi.push_back(s.hi);
    }
}

}  // namespace orgsim
