// experiment.cpp: sliced replications with common random numbers, summaries and paired differences.
#include "sim/experiment.h"

#include <algorithm>

#include "sim/hash.h"

namespace orgsim {

Experiment::Experiment(std::vector<Scenario> scenarios, int replications, int weeks, bool keep_series)
    : scenarios_(std::move(scenarios)), keep_series_(keep_series) {
    if (scenarios_.size() > static_cast<std::size_t>(kMaxCompared)) scenarios_.resize(kMaxCompared);
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
}

double Experiment::Progress() const {
    if (replications_ <= 0 || scenarios_.empty()) return 1.0;
    double done = static_cast<double>(completed_) * static_cast<double>(scenarios_.size()) + current_scenario_;
    if (!running_.empty()) done += static_cast<double>(running_[0].Week()) / weeks_;
    return done / (static_cast<double>(replications_) * static_cast<double>(scenarios_.size()));
}

bool Experiment::RunSlice(long max_weeks) {
    long budget = max_weeks;
    while (!Done() && budget > 0) {
        if (running_.empty()) running_.emplace_back(scenarios_[static_cast<std::size_t>(current_scenario_)], completed_);
        World& w = running_[0];
        const int chunk = static_cast<int>(std::min<long>(budget, 52));
        budget -= w.StepWeeks(chunk);
        if (!w.Done()) continue;
        const auto si = static_cast<std::size_t>(current_scenario_);
        for (int k = 0; k < kSeriesCount; ++k) {
            const auto& ser = w.Series(static_cast<SeriesId>(k));
            finals_[si][static_cast<std::size_t>(k)].push_back(ser.empty() ? 0.0 : ser.back());
            if (keep_series_) {
                auto& dst = series_[si][static_cast<std::size_t>(k)];
                for (double v : ser) dst.push_back(static_cast<float>(v));
            }
        }
        hashes_[si].push_back(w.StateHash());
        running_.clear();
        if (++current_scenario_ >= static_cast<int>(scenarios_.size())) {
            current_scenario_ = 0;
            ++completed_;
        }
    }
    return !Done();
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
