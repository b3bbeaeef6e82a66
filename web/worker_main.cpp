// worker_main.cpp: the replication worker's WebAssembly module (orgsim_worker.js/.wasm, loaded by
// web/worker.js in a Web Worker): the prepared scenarios of a run arrive once as JSON, then each call
// runs one replication with RunReplication and leaves its result in one binary buffer
// (web/pool_codec.h). Links only sim/: no SDL, no ImGui, no GL.
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/scenario.h"
#include "web/pool_codec.h"

namespace {
// The worker's state: one module instance per Web Worker, one run's scenarios at a time.
std::vector<orgsim::Scenario> g_scenarios;
std::vector<orgsim::StructureOverride> g_overrides;  ///< per scenario (mask 0: none)
std::vector<int> g_checkpoint_every;                 ///< per scenario (0: none)
std::vector<std::uint8_t> g_result;
std::string g_error;
}  // namespace

extern "C" {

/// Forget the previous run's scenarios and make room for `count` (1..kMaxExperimentScenarios).
EMSCRIPTEN_KEEPALIVE int orgsim_worker_begin(int count) {
    g_scenarios.clear();
    if (count < 1 || count > orgsim::kMaxExperimentScenarios) return 0;
    g_scenarios.resize(static_cast<std::size_t>(count));
    g_overrides.assign(static_cast<std::size_t>(count), orgsim::StructureOverride{});
    g_checkpoint_every.assign(static_cast<std::size_t>(count), 0);
    return 1;
}

/// Set scenario `index` of the run from WriteScenario's text of an Experiment's prepared scenario
/// (GetScenario(index): common seed and horizon already set). Returns 1, or 0 with the reason in
/// orgsim_worker_error().
EMSCRIPTEN_KEEPALIVE int orgsim_worker_set_scenario(int index, const char* json) {
    if (index < 0 || index >= static_cast<int>(g_scenarios.size()) || !json) {
        g_error = "scenario index out of range";
        return 0;
    }
    bool has_override = false;
    orgsim::StructureOverride o;
    std::string text, rest;
    int every = 0;
    if (!orgsim::ui::SplitCheckpoint(json, every, rest)) {
        g_error = "malformed checkpoint line";
        return 0;
    }
    if (!orgsim::ui::SplitOverride(rest, has_override, o, text)) {
        g_error = "malformed structure override";
        return 0;
    }
    orgsim::ReadResult r = orgsim::ReadScenario(text);
    if (!r.ok()) {
        g_error = r.Report();
        return 0;
    }
    g_scenarios[static_cast<std::size_t>(index)] = std::move(*r.scenario);
    g_overrides[static_cast<std::size_t>(index)] = has_override ? o : orgsim::StructureOverride{};
    g_checkpoint_every[static_cast<std::size_t>(index)] = every;
    return 1;
}

/// Run replication `replication` of scenario `index`; returns the result buffer (valid until the
/// next call; its size in orgsim_worker_result_size()), or null with the reason in orgsim_worker_error().
EMSCRIPTEN_KEEPALIVE const std::uint8_t* orgsim_worker_run(int index, int replication, int keep_series) {
    if (index < 0 || index >= static_cast<int>(g_scenarios.size()) || replication < 0) {
        g_error = "task out of range";
        return nullptr;
    }
    const orgsim::ReplicationResult r =
        orgsim::RunReplication(g_scenarios[static_cast<std::size_t>(index)], replication, keep_series != 0,
                               g_overrides[static_cast<std::size_t>(index)].mechanisms ? &g_overrides[static_cast<std::size_t>(index)] : nullptr,
                               g_checkpoint_every[static_cast<std::size_t>(index)]);
    orgsim::ui::EncodeResult(r, g_result);
    return g_result.data();
}

EMSCRIPTEN_KEEPALIVE int orgsim_worker_result_size() { return static_cast<int>(g_result.size()); }

EMSCRIPTEN_KEEPALIVE const char* orgsim_worker_error() { return g_error.c_str(); }

}  // extern "C"
