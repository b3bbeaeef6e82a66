// workspace.h: the user's working documents and the runs made from them, independent of ImGui
// (unit-tested natively). A Workspace holds one to four scenarios ("slots": slot 0 is the
// baseline, the others alternatives), each with its own undo history. Every change goes through
// a command that validates the result with the engine's reader before applying it: an invalid
// edit is refused with the reason and changes nothing. A Runner turns the workspace into runs:
// replication 0 of each slot played week by week (the live view), and replications of all slots
// with common random numbers, run by a TaskPool (Web Workers, threads) when the platform has one,
// else in slices between frames so that a frame stays short.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace orgsim::ui {

constexpr int kMaxSlots = kMaxCompared;  ///< baseline + up to three alternatives
constexpr int kUndoDepth = 200;          ///< edits remembered per slot

/// The outcome of a command: ok, or refused with a plain message ("IT cannot report to itself").
struct EditResult {
    bool ok = true;
    std::string message;  ///< why it was refused (empty when ok)
    static EditResult Ok() { return {}; }
    static EditResult Refused(std::string why) { return {false, std::move(why)}; }
};

/// One working scenario with its history.
struct Slot {
    Scenario scenario;
    std::string origin;  ///< where it came from: a preset id, a file name, "share link", "autosave"
    struct Entry {
        std::string label;  ///< what the edit did ("Moved IT under CEO")
        std::string text;   ///< WriteScenario() of the state before (undo) or after (redo) the edit
    };
    std::vector<Entry> undo;  ///< oldest first
    std::vector<Entry> redo;  ///< most recently undone last
};

class Workspace {
public:
    /// An empty workspace (no slots). The app opens the default scenario into it at start.
    Workspace() = default;

    int SlotCount() const { return static_cast<int>(slots_.size()); }
    bool Empty() const { return slots_.empty(); }
    const Slot& GetSlot(int i) const { return slots_[static_cast<std::size_t>(i)]; }
    const Scenario& GetScenario(int i) const { return GetSlot(i).scenario; }
    /// The slot that edits apply to (0 = baseline).
    int Active() const { return active_; }
    void SetActive(int i);
    const Scenario& ActiveScenario() const { return GetScenario(active_); }
    /// Display name of a slot: "Baseline", "Alternative B", ...
    static std::string SlotLabel(int i);
    /// Increases on every change of any slot's scenario (open, edit, undo, redo, remove); runs
    /// remember the revision they were made from.
    std::uint64_t Revision() const { return revision_; }

    // ---- Opening -------------------------------------------------------------------------------
    /// Parse and validate JSON text with the engine's reader. On success the scenario replaces
    /// the baseline (slot 0; other slots are kept) or is added as an alternative; on failure
    /// nothing changes and `problems` (when given) receives every problem with its location.
    EditResult OpenText(const std::string& json_text, const std::string& origin, bool as_alternative,
                        std::vector<Problem>* problems = nullptr);
    /// Replace the baseline with a valid scenario (keeps the alternatives).
    EditResult SetBaseline(const Scenario& s, const std::string& origin);
    /// Add a valid scenario as a new alternative and make it active (refused when four are open).
    EditResult AddAlternative(const Scenario& s, const std::string& origin);
    /// Copy the active scenario into a new alternative and make it active.
    EditResult DuplicateActive();
    /// Close an alternative (slot >= 1). The baseline cannot be closed, only replaced.
    EditResult RemoveSlot(int i);

    // ---- Edits of the active slot (validated; undoable) ----------------------------------------
    /// Apply `change` to a copy of the active scenario; keep it only when ValidateScenario finds
    /// no problem and the scenario survives a write/read round trip. `label` names the edit in the
    /// undo history.
    EditResult Edit(const std::string& label, const std::function<void(Scenario&)>& change);
    /// Make `new_parent` the solid-line parent of `unit_id` (refused for cycles and unknown ids).
    EditResult Reparent(const std::string& unit_id, const std::string& new_parent);
    /// Add or remove a dotted line from `unit_id` to `parent`.
    EditResult ToggleDotted(const std::string& unit_id, const std::string& parent);
    /// Add a unit headed by a CDO, CMT or CISO (with the staff and budget MODEL.md suggests for a
    /// ~500-person company) under `parent` (the CEO's unit when empty). Refused when that role exists.
    EditResult AddHeadUnit(Role role, const std::string& parent = "");
    /// Remove a unit; its children move up to its parent. The root cannot be removed.
    EditResult RemoveUnit(const std::string& unit_id);
    EditResult SetHeadcount(const std::string& unit_id, int headcount);
    EditResult SetBudget(const std::string& unit_id, double budget_musd);
    EditResult SetParam(ParamId id, double value);
    /// Seed, horizon and replications of a run; applied to every slot (one run compares them all).
    EditResult SetRunSettings(std::uint64_t seed, int horizon_weeks, int replications);

    bool CanUndo() const { return !Empty() && !GetSlot(active_).undo.empty(); }
    bool CanRedo() const { return !Empty() && !GetSlot(active_).redo.empty(); }
    /// Label of the edit that Undo()/Redo() would revert or re-apply ("" when none).
    std::string UndoLabel() const;
    std::string RedoLabel() const;
    bool Undo();
    bool Redo();

private:
    void Commit(const std::string& label, Scenario next);

    std::vector<Slot> slots_;
    int active_ = 0;
    std::uint64_t revision_ = 1;
};

/// What a TaskPool hands back: a replication's result for a run, or word that the pool gave the
/// run up (the Runner then continues it in slices).
struct PoolEvent {
    std::uint64_t generation = 0;  ///< the run (Runner's Start count) it belongs to
    bool failed = false;           ///< the pool gave up on this run (why in message)
    std::string message;
    ReplicationResult result;      ///< when !failed
};

/// Runs an experiment's tasks (Experiment::RunTask) off the UI thread: Web Workers in the browser
/// (web/pool_web.cpp), threads on the desktop (web/pool_desktop.cpp). Results come back through
/// Drain on the UI thread, in any order; the Runner merges them in task order.
class TaskPool {
public:
    virtual ~TaskPool() = default;
    /// Workers that would run tasks (0: none on this platform or page; the Runner uses slices).
    virtual int Workers() const = 0;
    /// Run every task of `e` as run `generation`, replacing any earlier run's work at once. `e` stays
    /// alive and unchanged until the next Start or Cancel. False: the pool cannot take this run.
    virtual bool Start(std::uint64_t generation, const Experiment& e) = 0;
    /// Stop the current run's work at once; its results that still come are dropped.
    virtual void Cancel() = 0;
    /// Move what arrived since the last call into `out` (appended; any run's, the Runner filters).
    virtual void Drain(std::vector<PoolEvent>& out) = 0;
};

/// One experiment of an analysis ("Why?"'s hybrids, a sensitivity study's design points): prepared
/// scenarios x replications, finals only.
struct AnalysisBatch {
    std::vector<Scenario> scenarios;  ///< at most kMaxExperimentScenarios; the first one's seed is used
    int replications = 0;
    int weeks = 0;
    int first_replication = 0;
    std::vector<StructureOverride> overrides;  ///< empty, or one per scenario ("Why?" by mechanism)
    int checkpoint_every = 0;  ///< Experiment::SetCheckpointEvery (a classroom's budget years), 0 = none
};

/// Runs made from a workspace: the live replication of each slot, and the replications.
class Runner {
public:
    // ---- Live view: replication 0 of every slot, stepped together ------------------------------
    /// Rebuild the live worlds from the workspace at week 0.
    void ResetLive(const Workspace& ws);
    /// Step every live world up to `weeks` weeks; returns the weeks stepped.
    int StepLive(int weeks);
    int LiveCount() const { return static_cast<int>(live_.size()); }
    const World* Live(int slot) const;
    int LiveWeek() const;
    bool LiveDone() const;
    /// The workspace revision the live worlds were built from (0 = none).
    std::uint64_t LiveRevision() const { return live_revision_; }

    // ---- Replications of all slots with common random numbers ----------------------------------
    /// Run replications on a pool of workers from the next Start() on (nullptr: in slices on the
    /// calling thread). The pool must outlive the Runner or be unset first.
    void SetPool(TaskPool* pool) { pool_ = pool; }
    /// Start replications of every slot (replacing any run in progress). Uses the baseline's seed,
    /// horizon and replications.
    void Start(const Workspace& ws);
    void Cancel();
    /// Call once per frame. With a pool: merge the results that arrived (no replication work on
    /// this thread). Without: run for about `budget_ms` of wall-clock time (at least one slice of
    /// work). Returns true while work remains.
    bool Slice(double budget_ms);
    bool Running() const { return experiment_ && !experiment_->Done() && !cancelled_; }
    double Progress() const { return experiment_ ? experiment_->Progress() : 0.0; }
    /// The latest run (in progress or finished), or nullptr before the first Start().
    const Experiment* Results() const { return experiment_.get(); }
    /// The workspace revision of Results() (0 = none); results are current when it equals
    /// Workspace::Revision().
    std::uint64_t ResultsRevision() const { return results_revision_; }
    /// Simulated employee-weeks per second of wall time: over the last slices, or, on a pool, since
    /// the run started (for the status line).
    double Throughput() const { return throughput_; }
    /// Workers running the current run (0: it runs in slices on this thread).
    int PoolWorkers() const { return pooled_ && pool_ ? pool_->Workers() : 0; }
    /// Why the pool gave the current run back, if it did ("" otherwise).
    const std::string& PoolProblem() const { return pool_problem_; }
    /// Results merged from the pool since the first Start (tests: nothing merges after a cancel).
    long long PoolResultsMerged() const { return pool_merged_; }
    /// Increases every time results were merged (the UI redraws when it changes).
    std::uint64_t ResultsChanges() const { return results_changes_; }
    /// Replications or an analysis still to run.
    bool Busy() const { return Running() || AnalysisRunning(); }

    // ---- Analyses: experiments run after the replications, on the same pool ---------------------
    /// Queue an analysis for `owner` ("explain", "sensitivity"): its batches run one after the other,
    /// after the replications (a new Start() cancels it: the workspace changed). Replaces any
    /// analysis queued or running. `revision` is the workspace revision it was made from.
    void StartAnalysis(const std::string& owner, std::vector<AnalysisBatch> batches, std::uint64_t revision);
    void CancelAnalysis();
    const std::string& AnalysisOwner() const { return analysis_owner_; }
    std::uint64_t AnalysisRevision() const { return analysis_revision_; }
    bool AnalysisRunning() const;
    bool AnalysisCancelled() const { return analysis_cancelled_; }
    bool AnalysisDone() const { return !analysis_.empty() && !analysis_cancelled_ && !AnalysisRunning(); }
    double AnalysisProgress() const;  ///< 0..1 over every batch's runs
    /// The batches' experiments, in the order given (complete when AnalysisDone()).
    const std::vector<std::unique_ptr<Experiment>>& Analysis() const { return analysis_; }

private:
    /// Merge what the pool sent; stale runs' results are dropped.
    void DrainPool();
    /// Employee-weeks of one task of the current run.
    double TaskEmployeeWeeks(int task) const;
    /// The analysis batch in progress (nullptr when none or the replications come first).
    Experiment* CurrentAnalysis();
    /// Put the current analysis batch on the pool when it is its turn.
    void PumpAnalysis();
    bool SliceAnalysis(double budget_ms);

    std::vector<std::unique_ptr<World>> live_;
    std::uint64_t live_revision_ = 0;
    std::unique_ptr<Experiment> experiment_;
    std::uint64_t results_revision_ = 0;
    bool cancelled_ = false;
    long slice_weeks_ = 52;  ///< adapted so that a slice takes about the budget
    double throughput_ = 0.0;
    // The pool (when set) and the run it works on.
    TaskPool* pool_ = nullptr;
    bool pooled_ = false;             ///< the current run is on the pool
    std::uint64_t generation_ = 0;    ///< Start() count; the pool's results carry it
    std::chrono::steady_clock::time_point started_{};
    double pool_employee_weeks_ = 0.0;  ///< merged from the pool in the current run
    long long pool_merged_ = 0;
    std::uint64_t results_changes_ = 0;
    std::string pool_problem_;
    std::vector<PoolEvent> inbox_;    ///< reused by DrainPool
    // The analysis.
    std::string analysis_owner_;
    std::vector<std::unique_ptr<Experiment>> analysis_;
    std::uint64_t analysis_revision_ = 0;
    bool analysis_cancelled_ = false;
    std::size_t analysis_batch_ = 0;          ///< the batch in progress
    std::uint64_t analysis_generation_ = 0;   ///< its pool run (0: not on the pool)
};

}  // namespace orgsim::ui
