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
    std::string name;         ///< the plan's "name" (one line, at most 200 bytes; not in the fingerprint)

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

/// A shard file: "# orgsim-sweep-shard/1", "# plan <fingerprint>", "# model <version>", "# tasks T",
/// "# replications R", "# weeks W", "# name <plan name>" (only when it has one), "# shard I of N",
/// the header row, then one row per task of the shard. Readers skip "# " lines they do not know, so
/// the replications/weeks/name lines (added for the browser's result view) are compatible.
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

// ---- Reading a merged result (the browser's "Sweep result" view) --------------------------------

/// Largest merged result ReadSweepResult accepts, bytes (about 250,000 tasks of five outcomes).
constexpr std::size_t kMaxSweepResultBytes = 32u << 20;

/// A merged result as read back: the plan's shape, recovered from the file (levels are the distinct
/// values of each lever column, ascending), and every row in task order.
struct SweepResult {
    std::string fingerprint;  ///< "# plan"
    std::string model;        ///< "# model" (equal to kModelVersion, or the file is refused)
    std::string name;         ///< "# name" ("" when the plan had none)
    int weeks = 0;            ///< "# weeks" (0 when the file predates the line)
    int tasks = 0;            ///< "# tasks"
    int cells = 0;
    int replications = 0;
    std::vector<ParamId> levers;
    std::vector<std::vector<double>> levels;  ///< per lever: its distinct values, ascending
    std::vector<SeriesId> outcomes;
    struct Row {
        int cell = 0, replication = 0;
        std::vector<double> lever_values;  ///< levers order
        std::vector<double> values;        ///< outcomes order, raw units
    };
    std::vector<Row> rows;  ///< one per task, rows[t] is task t
};

struct SweepResultRead {
    std::optional<SweepResult> result;  ///< set only when problems is empty
    std::vector<Problem> problems;      ///< where ("line N" or "file") and what
    std::vector<int> missing;           ///< task indexes absent from an incomplete result
    bool wrong_model = false;           ///< made by another model version
};
/// True when text starts like a merged sweep result or a shard ("# orgsim-sweep").
bool LooksLikeSweepResult(const std::string& text);
/// Read what `orgsim merge` writes. Refuses: over kMaxSweepResultBytes, another first line (a shard
/// is named as such: merge it first), another model version, unknown lever or outcome columns, rows
/// that do not parse or disagree with the task numbering (located by line), and missing tasks (the
/// message lists them as ranges). Never half-reads.
SweepResultRead ReadSweepResult(const std::string& text);

/// One point of the result's chart: the rows whose first lever is at levels[0][x] and second lever
/// (if any) at levels[1][line], pooled over any further levers.
struct SweepPoint {
    int x = 0, line = 0;  ///< level indexes (line is 0 without a second lever)
    int n = 0;            ///< rows pooled
    double mean = 0.0, p05 = 0.0, p95 = 0.0;  ///< raw units; p05/p95: Quantile type 7 across the rows
};
/// The points of an outcome (index into result.outcomes), x-major; points with no rows are left out.
std::vector<SweepPoint> SweepPoints(const SweepResult& result, int outcome);

/// "0-3, 7, 9-12": task indexes as ranges (for "missing tasks" messages).
std::string FormatRanges(const std::vector<int>& sorted);

}  // namespace orgsim
