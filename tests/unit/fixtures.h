// fixtures.h: shared test fixtures: the preset scenarios read from scenarios/.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario.h"
#include "sim/world.h"

namespace orgsim::testing {

/// A preset scenario from scenarios/ (fails the test if it does not load).
inline Scenario Preset(const std::string& file) {
    std::ifstream in(std::string(ORGSIM_SOURCE_DIR) + "/scenarios/" + file);
    std::ostringstream ss;
    ss << in.rdbuf();
    ReadResult r = ReadScenario(ss.str());
    INFO(file << ": " << r.Report());
    REQUIRE(r.ok());
    return *r.scenario;
}
inline Scenario Default() { return Preset("default.json"); }

struct Paired {
    double mean = 0.0, lo = 0.0, hi = 0.0;
};
/// Mean of paired differences with its 95% interval (normal approximation; use >= 100 pairs).
inline Paired MeanCi(const std::vector<double>& d, const std::string& label) {
    const double n = static_cast<double>(d.size());
    double m = 0.0;
    for (double x : d) m += x;
    m /= n;
    double v = 0.0;
    for (double x : d) v += (x - m) * (x - m);
    const double se = std::sqrt(v / (n - 1.0) / n);
    MESSAGE(label << ": paired mean " << m << " [" << m - 1.96 * se << ", " << m + 1.96 * se << "] over " << d.size());
    return {m, m - 1.96 * se, m + 1.96 * se};
}
/// Paired differences metric(b) - metric(a) over `reps` replications of `weeks` with common random
/// numbers (replication r of both scenarios), each metric with its mean and 95% interval.
template <class Metric>
std::vector<Paired> PairedMetrics(const Scenario& a, const Scenario& b, int reps, int weeks,
                                  const std::vector<std::pair<std::string, Metric>>& metrics) {
    std::vector<std::vector<double>> d(metrics.size());
    for (int r = 0; r < reps; ++r) {
        World wa(a, r), wb(b, r);
        wa.StepWeeks(weeks);
        wb.StepWeeks(weeks);
        for (std::size_t k = 0; k < metrics.size(); ++k) d[k].push_back(metrics[k].second(wb) - metrics[k].second(wa));
    }
    std::vector<Paired> out;
    for (std::size_t k = 0; k < metrics.size(); ++k) out.push_back(MeanCi(d[k], metrics[k].first));
    return out;
}
using Metric = std::function<double(const World&)>;
/// A series' value at week `week` (0-based; -1 = the last week).
inline std::pair<std::string, Metric> At(SeriesId id, int week = -1) {
    std::string label = SeriesTable()[static_cast<std::size_t>(id)].key;
    if (week >= 0) label += " at week " + std::to_string(week + 1);
    return {label, [id, week](const World& w) {
                const auto& s = w.Series(id);
                return week < 0 ? s.back() : s[static_cast<std::size_t>(week)];
            }};
}
/// Mean of (b - a) of a series' final value over `reps` paired replications, with its 95% interval.
inline Paired PairedDiff(const Scenario& a, const Scenario& b, SeriesId id, int reps, int weeks = 260) {
    return PairedMetrics<Metric>(a, b, reps, weeks, {At(id)})[0];
}

}  // namespace orgsim::testing
