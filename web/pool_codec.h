// pool_codec.h: what crosses between the app and a replication worker (web/worker_main.cpp): a
// replication's result as one binary buffer, and the check that a prepared scenario survives its
// JSON round trip bit for bit (the worker rebuilds it from WriteScenario's text). Standard C++ only:
// the worker module links nothing but sim/.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/scenario.h"

namespace orgsim::ui {

/// The buffer of one result, little-endian as WebAssembly is:
///   offset 0:            the state hash, uint64
///   offset 8:            C, the number of checkpoint values, uint64
///   offset 16:           kSeriesCount final values, float64
///   offset 16 + 8 K:     C checkpoint values, float64 (Experiment::SetCheckpointEvery; usually none)
///   offset 16 + 8(K+C):  the series (kSeriesCount x weeks, float32; absent unless kept)
/// Every part starts at a multiple of its element size, so JavaScript can view it in place.
inline std::size_t ResultBytes(std::size_t checkpoint_values, std::size_t series_values) {
    return 16 + 8 * static_cast<std::size_t>(kSeriesCount) + 8 * checkpoint_values + 4 * series_values;
}

inline void EncodeResult(const ReplicationResult& r, std::vector<std::uint8_t>& out) {
    out.resize(ResultBytes(r.checkpoints.size(), r.series.size()));
    std::uint8_t* p = out.data();
    const std::uint64_t c = r.checkpoints.size();
    std::memcpy(p, &r.hash, 8);
    std::memcpy(p + 8, &c, 8);
    p += 16;
    std::memcpy(p, r.finals.data(), 8 * r.finals.size());
    p += 8 * static_cast<std::size_t>(kSeriesCount);
    if (c) std::memcpy(p, r.checkpoints.data(), 8 * r.checkpoints.size());
    p += 8 * r.checkpoints.size();
    if (!r.series.empty()) std::memcpy(p, r.series.data(), 4 * r.series.size());
}

/// Decode a buffer for `task`; false when its size does not fit (finals always, checkpoints and
/// series optional).
inline bool DecodeResult(int task, const std::uint8_t* data, std::size_t size, ReplicationResult& r) {
    if (!data || size < ResultBytes(0, 0)) return false;
    std::uint64_t c = 0;
    std::memcpy(&c, data + 8, 8);
    if (c > (size - ResultBytes(0, 0)) / 8) return false;
    const std::size_t head = ResultBytes(static_cast<std::size_t>(c), 0);
    if ((size - head) % 4 != 0) return false;
    r.task = task;
    std::memcpy(&r.hash, data, 8);
    const std::uint8_t* p = data + 16;
    r.finals.resize(static_cast<std::size_t>(kSeriesCount));
    std::memcpy(r.finals.data(), p, 8 * static_cast<std::size_t>(kSeriesCount));
    p += 8 * static_cast<std::size_t>(kSeriesCount);
    r.checkpoints.resize(static_cast<std::size_t>(c));
    if (c) std::memcpy(r.checkpoints.data(), p, 8 * static_cast<std::size_t>(c));
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

/// An experiment's checkpoint interval travels to a worker as a first line "checkpoint-every <weeks>"
/// before its scenario's text (before any override line).
constexpr const char* kCheckpointPrefix = "checkpoint-every ";

inline std::string EncodeCheckpoint(int every) {
    return every > 0 ? std::string(kCheckpointPrefix) + std::to_string(every) + "\n" : std::string();
}

/// Take a leading checkpoint line off a worker's scenario text (every = 0 when there is none). False
/// when the line is malformed or out of range (1..kMaxHorizonWeeks).
inline bool SplitCheckpoint(const std::string& text, int& every, std::string& rest) {
    every = 0;
    if (text.rfind(kCheckpointPrefix, 0) != 0) {
        rest = text;
        return true;
    }
    const std::size_t eol = text.find('\n');
    if (eol == std::string::npos) return false;
    const char* p = text.c_str() + std::strlen(kCheckpointPrefix);
    char* next = nullptr;
    const long v = std::strtol(p, &next, 10);
    if (next == p || next != text.c_str() + eol || v < 1 || v > kMaxHorizonWeeks) return false;
    every = static_cast<int>(v);
    rest = text.substr(eol + 1);
    return true;
}

/// A world's structure override ("Why?" by mechanism) travels to a worker as one line before its
/// scenario's JSON: "structure-override <distance> <cio boss role> <cdo> <cmt> <ciso> <mechanism bits>".
constexpr const char* kOverridePrefix = "structure-override ";

inline std::string EncodeOverride(const StructureOverride& o) {
    const Structure& st = o.structure;
    return std::string(kOverridePrefix) + std::to_string(st.distance) + " " + std::to_string(static_cast<int>(st.cio_boss)) + " " +
           (st.has_cdo ? "1" : "0") + " " + (st.has_cmt ? "1" : "0") + " " + (st.has_ciso ? "1" : "0") + " " +
           std::to_string(o.mechanisms) + "\n";
}

/// Split a worker's scenario text into an optional override and the JSON. False when the text starts
/// with the prefix but the line is malformed (out-of-range values included).
inline bool SplitOverride(const std::string& text, bool& has_override, StructureOverride& o, std::string& json) {
    has_override = text.rfind(kOverridePrefix, 0) == 0;
    if (!has_override) {
        json = text;
        return true;
    }
    const std::size_t eol = text.find('\n');
    if (eol == std::string::npos) return false;
    long v[6] = {0, 0, 0, 0, 0, 0};
    const char* p = text.c_str() + std::strlen(kOverridePrefix);
    const char* end = text.c_str() + eol;
    for (long& x : v) {
        char* next = nullptr;
        x = std::strtol(p, &next, 10);
        if (next == p || next > end) return false;
        p = next;
    }
    if (p != end || v[0] < 0 || v[0] > 64 || v[1] < 0 || v[1] > static_cast<long>(Role::Ciso) || v[2] < 0 || v[2] > 1 || v[3] < 0 ||
        v[3] > 1 || v[4] < 0 || v[4] > 1 || v[5] < 0 || v[5] >= (1L << kMechanismCount))
        return false;
    o.structure.distance = static_cast<int>(v[0]);
    o.structure.cio_boss = static_cast<Role>(v[1]);
    o.structure.has_cdo = v[2] != 0;
    o.structure.has_cmt = v[3] != 0;
    o.structure.has_ciso = v[4] != 0;
    o.mechanisms = static_cast<std::uint32_t>(v[5]);
    json = text.substr(eol + 1);
    return true;
}

}  // namespace orgsim::ui
