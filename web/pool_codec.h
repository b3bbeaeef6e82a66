// pool_codec.h: what crosses between the app and a replication worker (web/worker_main.cpp): a
// replication's result as one binary buffer, and the check that a prepared scenario survives its
// JSON round trip bit for bit (the worker rebuilds it from WriteScenario's text). Standard C++ only:
// the worker module links nothing but sim/.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/scenario.h"

namespace orgsim::ui {

/// The buffer of one result, little-endian as WebAssembly is:
///   offset 0:           the state hash, uint64
///   offset 8:           kSeriesCount final values, float64
///   offset 8 + 8 * K:   the series (kSeriesCount x weeks, float32; absent unless kept)
/// Every part starts at a multiple of its element size, so JavaScript can view it in place.
inline std::size_t ResultBytes(std::size_t series_values) {
    return 8 + 8 * static_cast<std::size_t>(kSeriesCount) + 4 * series_values;
}

inline void EncodeResult(const ReplicationResult& r, std::vector<std::uint8_t>& out) {
    out.resize(ResultBytes(r.series.size()));
    std::uint8_t* p = out.data();
    std::memcpy(p, &r.hash, 8);
    std::memcpy(p + 8, r.finals.data(), 8 * r.finals.size());
    if (!r.series.empty()) std::memcpy(p + 8 + 8 * kSeriesCount, r.series.data(), 4 * r.series.size());
}

/// Decode a buffer for `task`; false when its size does not fit (finals always, series optional).
inline bool DecodeResult(int task, const std::uint8_t* data, std::size_t size, ReplicationResult& r) {
    const std::size_t head = ResultBytes(0);
    if (!data || size < head || (size - head) % 4 != 0) return false;
    r.task = task;
    std::memcpy(&r.hash, data, 8);
    r.finals.resize(static_cast<std::size_t>(kSeriesCount));
    std::memcpy(r.finals.data(), data + 8, 8 * static_cast<std::size_t>(kSeriesCount));
    r.series.resize((size - head) / 4);
    if (!r.series.empty()) std::memcpy(r.series.data(), data + head, size - head);
    return true;
}

/// True when two scenarios are equal bit for bit (operator== compares doubles by value, which
/// would let -0.0 pass for 0.0).
inline bool SameBits(const Scenario& a, const Scenario& b) {
    if (!(a == b)) return false;
    for (std::size_t i = 0; i < kParamCount; ++i) {
        const double x = a.params.Get(static_cast<ParamId>(i)), y = b.params.Get(static_cast<ParamId>(i));
        if (std::memcmp(&x, &y, sizeof x) != 0) return false;
    }
    for (std::size_t u = 0; u < a.units.size(); ++u)
        if (std::memcmp(&a.units[u].budget_musd, &b.units[u].budget_musd, sizeof(double)) != 0) return false;
    return true;
}

/// WriteScenario's text of a prepared scenario, or "" when reading it back would not give the
/// same scenario bit for bit (then the replications must not leave this module).
inline std::string WorkerScenarioText(const Scenario& prepared) {
    std::string text = WriteScenario(prepared);
    const ReadResult back = ReadScenario(text);
    if (!back.ok() || !SameBits(*back.scenario, prepared)) return "";
    return text;
}

}  // namespace orgsim::ui
