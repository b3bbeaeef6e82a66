// sweep.h: sweeps beyond one machine. A plan (a base scenario, levers with levels or an explicit
// design, replications, outcomes) defines cells x replications = tasks; a shard runs a deterministic
// slice of the tasks (task t belongs to shard t mod N) and writes its rows; a merge checks that the
// shards come from the same plan and model, that every task is there once (duplicates must agree),
// and writes the rows in task order, so the result is byte-identical for any number of shards.
// Standard C++ only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/params.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace orgsim {

/// The engine's model version: changes whenever the same scenario and seed can give other results.
/// Shards, merged results (and later class result codes) carry it.
constexpr const char* kModelVersion = "orgsim-model/2.1";

struct SweepPlan {
    Scenario base;
    std::vector<ParamId> levers;               ///< the levers the cells set
    std::vector<std::vector<double>> cells;    ///< per cell: a value per lever (levers order)
    int replications = 0;
    int weeks = 0;
    std::vector<SeriesId> outcomes;
    std::string fingerprint;  ///< hex FNV-1a of the canonical plan and the model version

    int Tasks() const { return static_cast<int>(cells.size()) * replications; }
    /// The scenario of a cell: the base with the cell's lever values.
    Scenario CellScenario(int cell) const;
};

struct SweepPlanResult {
    std::optional<SweepPlan> plan;
    std::vector<Problem> problems;  ///< where (JSON pointer) and what
};
/// Read a plan: {"format": "orgsim-sweep/1", "scenario": "path.json" or {...a scenario...},
/// "levers": {"key": [levels...], ...} (a full grid over the levers in the order of their keys,
/// the first slowest) or "design": [{"key": v,
/// ...}, ...] (explicit cells), "replications": N, "weeks": W (optional), "outcomes": [keys]
/// (optional: every series)}. `read_file` reads a scenario path (relative paths are the caller's
/// business). Lever values: numbers, true/false, or option names. Limits: at most 100,000 cells and
/// 10,000,000 tasks.
SweepPlanResult ReadSweepPlan(const std::string& json_text,
                              const std::function<bool(const std::string& path, std::string& text, std::string& error)>& read_file);

/// The tasks of shard `shard` (0-based) of `of`: t = shard, shard + of, ... below Tasks().
std::vector<int> ShardTasks(const SweepPlan& plan, int shard, int of);

/// One task's row: "task,cell,replication,state_hash,<outcome values, %.17g>".
std::string RunSweepTask(const SweepPlan& plan, int task);

/// A shard file: "# orgsim-sweep-shard/1", "# plan <fingerprint>", "# model <version>", "# shard I of
/// N", the header row, then one row per task of the shard.
std::string SweepHeader(const SweepPlan& plan);
std::string ShardPreamble(const SweepPlan& plan, int shard, int of);

struct MergeResult {
    bool ok = false;
    std::string merged;            ///< the merged file (when ok)
    std::vector<std::string> errors;  ///< what is wrong, by file and line
    std::vector<int> missing;         ///< task indexes no shard has
    int duplicates = 0;               ///< rows seen more than once (identical)
};
/// Merge shard files (name, content). Every file must carry the same plan fingerprint, model
/// version and header; rows must parse; a task seen twice must have the same row; every task of the
/// plan must be present (the plan's task count is taken from the first file's "# tasks" line).
MergeResult MergeShards(const std::vector<std::pair<std::string, std::string>>& files);

/// "0-3, 7, 9-12": task indexes as ranges (for "missing tasks" messages).
std::string FormatRanges(const std::vector<int>& sorted);

}  // namespace orgsim
