// sensitivity_view.h: the Sensitivity view: which levers move the active scenario's outcomes most.
// Stage 1, a tornado: each lever at the low and the high end of its range against the scenario as
// it is, with common random numbers, whiskers = 90% interval of the mean paired difference. Stage 2,
// Morris (1991) elementary effects over a p-level grid: mu* (importance) with its bootstrap interval
// and sigma (interactions, curvature), beside a band of replication noise, so that an effect below it
// reads as noise. The runs are a SensitivityStudy's batches run as an analysis of the Runner (on the
// Web Workers after the comparison's replications, or in slices on the page): the same numbers as
// `orgsim sensitivity`. Exports SALib's layouts (problem, design with outputs, Morris) and the tornado.
// Beside the study, a "Sweep result" tab shows a merged `orgsim sweep` result opened as a file: the
// plan's summary, an outcome picker, the outcome's mean (whiskers: 5th-95th percentile of the
// replications) against the first lever's levels, one line per level of the second, and a table.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/sensitivity.h"
#include "sim/sweep.h"
#include "web/ui.h"

namespace orgsim::ui {

/// The study's size limits in the view (the CLI allows more; a browser study should end in minutes).
constexpr int kSensMinReplications = 2;
constexpr int kSensMaxReplications = 200;
constexpr int kSensMinTrajectories = 2;
constexpr int kSensMaxTrajectories = 100;

/// A narrow card (web/ui.h kStackWidth): the controls' rows (logical pixels each) and the height
/// the study's result gets, the card scrolling.
constexpr float kControlsRowHeight = 72.0f;
constexpr float kStackedResultHeight = 620.0f;

class SensitivityPanel {
public:
    SensitivityPanel();
    /// Draw the view into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
    /// Show a merged sweep result (a valid one from ReadSweepResult) in the "Sweep result" tab,
    /// replacing the one shown before; the workspace and the study are left alone.
    void OpenSweep(SweepResult result, const std::string& file_name);

private:
    /// The height of the controls' tile in a card of the given inner width (more rows when narrow).
    static float ControlsHeight(const Theme& theme, float width);
    enum class State { Idle, Waiting, Running, Done, Stale, Cancelled, Error };
    State Refresh(Ui& ui);
    SensitivityOptions Options(const Ui& ui) const;
    void Start(Ui& ui);

    void DrawControls(Ui& ui, ImVec2 p0, ImVec2 size, State state);
    void DrawIntro(Ui& ui, ImVec2 p0, ImVec2 size, State state);
    void DrawResult(Ui& ui, ImVec2 p0, ImVec2 size, State state);
    void DrawTornado(Ui& ui, ImVec2 p0, ImVec2 size, int out);
    void DrawMorris(Ui& ui, ImVec2 p0, ImVec2 size, int out);
    void PublishResult(Ui& ui) const;
    void DrawSweep(Ui& ui, ImVec2 p0, ImVec2 size);
    void DrawSweepChart(Ui& ui, ImVec2 p0, ImVec2 size);
    void DrawSweepTable(Ui& ui, ImVec2 p0, ImVec2 size);
    void PublishSweep(Ui& ui) const;

    // The choices (kept across runs).
    std::vector<LeverRange> all_levers_;  ///< AllLevers()
    std::vector<bool> lever_on_;          ///< per all_levers_
    std::vector<SeriesId> all_outcomes_;  ///< the outcomes offered (the key outcomes)
    std::vector<bool> outcome_on_;        ///< per all_outcomes_
    int replications_ = 10;               ///< per design point
    int trajectories_ = 8;                ///< Morris r
    int levels_ = 4;                      ///< Morris p (even)

    // The last study started, and its result once its runs are in.
    std::unique_ptr<SensitivityStudy> study_;
    std::uint64_t run_revision_ = 0;  ///< the workspace revision it was made from
    int run_slot_ = 0;                ///< the slot it studies
    std::string run_name_;            ///< that scenario's name
    int run_trajectories_ = 0, run_levels_ = 0;
    bool absorbed_ = false;
    SensitivityResult result_;
    std::string error_;
    SeriesId shown_ = SeriesId::TimeToMarket;  ///< the outcome the charts show

    // The sweep result opened last (none before a file is opened).
    std::optional<SweepResult> sweep_;
    std::string sweep_file_;
    bool show_sweep_ = false;             ///< the "Sweep result" tab is shown
    int sweep_outcome_ = 0;               ///< index into sweep_->outcomes
    std::vector<SweepPoint> sweep_points_;  ///< SweepPoints of the shown outcome
};

}  // namespace orgsim::ui
