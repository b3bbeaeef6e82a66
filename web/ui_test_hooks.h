// ui_test_hooks.h: lets browser tests see the app: the screen rectangles of named widgets (recorded
// every frame) and a JSON snapshot of the run, returned by the exported orgsim_test_state().
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace orgsim::ui {

/// What the app reports about itself; filled on demand when a test asks.
struct TestSnapshot {
    long long frame = 0;      ///< frames drawn since start
    int week = 0;             ///< weeks simulated
    int horizon = 0;          ///< weeks in the run
    bool playing = false;
    double fps = 0.0;         ///< frames per second (ImGui's running average)
    int speed = 0;            ///< weeks per second while playing
    float pixel_ratio = 1.0f; ///< framebuffer pixels per logical (CSS) pixel
    float display_w = 0.0f;   ///< logical size of the display, CSS pixels
    float display_h = 0.0f;
    float font_raster_px = 0.0f;  ///< body font's raster size (17 x ratio when fonts match the screen)
    std::string scenario;     ///< scenario name ("" when it failed to load)
    std::string theme;        ///< "light" or "dark"
    std::uint64_t hash = 0;   ///< World::StateHash()
    int points = 0;           ///< weekly points recorded so far
    std::vector<std::string> problems;                   ///< scenario problems, "where: message"
    std::vector<std::pair<std::string, double>> series;  ///< latest value per series key; NaN = none yet

    // The shell (web/app.cpp): views, slots, history, runs, overlays.
    std::string view;             ///< "gallery", "design", "results", "compare", "library"
    int active_slot = 0;          ///< 0 = baseline
    int slot_count = 0;
    struct SlotInfo {
        std::string label;   ///< "Baseline", "Alternative B", ...
        std::string name;    ///< the scenario's name
        std::string origin;  ///< preset id, file name, "share link", ...
    };
    std::vector<SlotInfo> slots;
    std::uint64_t revision = 0;   ///< Workspace::Revision()
    bool can_undo = false;
    bool can_redo = false;
    std::string undo_label;       ///< edit that Undo would revert ("" when none)
    std::string redo_label;
    struct RunInfo {
        bool running = false;
        int completed = 0;          ///< replications finished (all slots)
        int replications = 0;       ///< replications asked for
        double progress = 0.0;      ///< 0..1
        bool results_current = false;  ///< results are of the current workspace revision
        double throughput = 0.0;    ///< employee-weeks per second
        double slice_budget_ms = 0.0;  ///< replication work per frame, milliseconds
        std::vector<std::uint64_t> hashes;  ///< Experiment::CombinedHash per slot of the latest run
        int workers = 0;            ///< workers running the current run (0: slices on the page)
        long long pool_merged = 0;  ///< results merged from workers since the page opened
        std::string pool_problem;   ///< why the workers gave the run back ("" when they did not)
    } run;
    bool presenting = false;
    int slide = 0;                ///< presentation slide, 0-based
    int slide_count = 0;
    bool help_open = false;
    std::string toast;            ///< the last toast's text ("" before the first)
    bool toast_error = false;
    std::string scenario_json;    ///< the active scenario as compact JSON text
    /// Per slot: series key -> mean over finished replications of the final value.
    std::vector<std::vector<std::pair<std::string, double>>> outcomes;
};

class TestHooks {
public:
    using SnapshotProvider = std::function<void(TestSnapshot&)>;

    /// The app registers how to describe its current state.
    void SetSnapshotProvider(SnapshotProvider provider) { provider_ = std::move(provider); }
    /// Start a frame: forget the previous frame's widgets.
    void BeginFrame() {
        widgets_.clear();
        values_.clear();
        texts_.clear();
    }
    /// Record a widget's screen rectangle (logical = CSS pixels: x, y, width, height).
    void Record(const std::string& name, float x, float y, float w, float h);
    /// Record ImGui's last item under a name.
    void RecordLastItem(const std::string& name);
    /// Publish a value for tests under a key (e.g. "orgchart.selected", "compare.summary.0"); kept
    /// until the next BeginFrame. Panels use this for what a test must read back.
    void Value(const std::string& key, double v);
    void Text(const std::string& key, const std::string& v);
    /// The JSON document of orgsim_test_state(); valid until the next call.
    const char* StateJson();
    /// Draw at least the next `frames` frames although nothing changes (orgsim_request_frames: tests
    /// that measure the frame rate or wait for a frame; 0 withdraws a request).
    void RequestFrames(int frames) { frames_requested_ = frames > 0 ? frames : 0; }
    /// True (and one requested frame used) while frames are requested.
    bool TakeFrameRequest() {
        if (frames_requested_ <= 0) return false;
        --frames_requested_;
        return true;
    }

private:
    std::vector<std::pair<std::string, std::array<float, 4>>> widgets_;
    std::vector<std::pair<std::string, double>> values_;
    std::vector<std::pair<std::string, std::string>> texts_;
    SnapshotProvider provider_;
    std::string json_;
    int frames_requested_ = 0;
};

/// The hooks orgsim_test_state() reads (one app per page: the C entry point has no arguments).
void SetActiveTestHooks(TestHooks* hooks);

/// JSON text with quotes, backslashes and control characters escaped.
std::string JsonEscape(const std::string& s);

}  // namespace orgsim::ui

/// Exported to JavaScript (EXPORTED_FUNCTIONS): the active app's state as JSON, e.g.
/// {"frame":120,"week":37,"horizon":260,"playing":true,"fps":60.0,"scenario":"...","hash":"0x...",
///  "widgets":{"Play":[x,y,w,h],...},"series":{"headcount":493,...},"values":{...},"texts":{...}}.
/// Never null.
extern "C" const char* orgsim_test_state();

/// Exported to JavaScript: draw at least the next `frames` frames (the page draws only when something
/// changes; a test that measures the frame rate asks for frames, e.g. 1 << 30, and 0 ends that).
extern "C" void orgsim_request_frames(int frames);
