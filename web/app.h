// app.h: the OrgSim front end: the state of one session (scenario, world, play/pause, speed) and
// its panels, immediate mode: each panel is a function of this state called every frame. The UI
// reads the World and changes it only through the commands below (reset, step, play).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/scenario.h"
#include "sim/world.h"
#include "web/compare.h"
#include "web/dashboard.h"
#include "web/gallery.h"
#include "web/levers.h"
#include "web/library.h"
#include "web/orgchart.h"
#include "web/ui.h"
#include "web/workspace.h"

namespace orgsim::ui {

class Theme;
class TestHooks;
struct TestSnapshot;

/// Playback speed while playing, weeks per second.
constexpr int kMinSpeed = 1;
constexpr int kMaxSpeed = 52;
constexpr int kDefaultSpeed = 8;
/// Never step more than this many weeks in one frame (keeps a slow frame from snowballing).
constexpr int kMaxWeeksPerFrame = 4;
/// Longest frame time fed to the accumulator, microseconds (a hidden tab resumes without a jump).
constexpr std::int64_t kMaxFrameMicros = 250000;

class App {
public:
    /// Loads scenario_path, or <assets_dir>/scenarios/default.json when it is empty. A scenario
    /// that fails to load is shown as a list of problems, never a crash.
    App(std::string assets_dir, const std::string& scenario_path, Theme& theme, TestHooks& hooks);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Build one frame (between ImGui::NewFrame and ImGui::Render). dt_us: wall-clock time since
    /// the previous frame, microseconds.
    void Frame(std::int64_t dt_us);

    // ---- Commands: the only ways the UI changes the simulation -------------------------------
    /// Load a scenario file (replaces the world; problems are kept for display on failure).
    void LoadScenarioFile(const std::string& path);
    /// Rebuild replication 0 from the scenario, paused at week 0.
    void Reset();
    /// Advance one week and pause.
    void StepWeek();
    /// Start or stop playing; playing a finished run starts it again.
    void SetPlaying(bool playing);
    /// Weeks per second while playing (clamped to kMinSpeed..kMaxSpeed).
    void SetSpeed(int weeks_per_second);

    bool Playing() const { return playing_; }
    const World* GetWorld() const { return world_.get(); }

private:
    struct Layout {
        ImVec2 header_min, header_size;
        ImVec2 controls_min, controls_size;
        ImVec2 org_min, org_size;
        ImVec2 kpi_min, kpi_size;
        ImVec2 charts_min, charts_size;
        bool charts_side_by_side = false;
    };

    Layout ComputeLayout(ImVec2 display) const;
    void Advance(std::int64_t dt_us);
    void HandleKeys();
    void FillSnapshot(TestSnapshot& s) const;

    void DrawHeader(const Layout& l);
    void DrawRunControls(const Layout& l);
    void DrawOrgSummary(const Layout& l);
    void DrawKpis(const Layout& l);
    void DrawCharts(const Layout& l);
    void DrawProblems(const Layout& l);

    std::string assets_dir_;
    Theme& theme_;
    TestHooks& hooks_;

    std::string scenario_path_;
    std::optional<Scenario> scenario_;   ///< set when the file loaded without problems
    std::vector<Problem> problems_;      ///< why the scenario failed to load
    std::unique_ptr<World> world_;       ///< replication 0 of scenario_
    std::vector<int> unit_order_;        ///< units in org-chart order (depth first)
    std::vector<int> unit_depth_;        ///< depth of each unit in the chart

    /// Theme switch requested this frame; applied at the start of the next one, outside any
    /// PushStyleColor scope (a pop would otherwise restore the old theme's colour).
    std::optional<int> pending_theme_;
    bool playing_ = false;
    int speed_ = kDefaultSpeed;          ///< weeks per second
    std::int64_t accumulator_us_ = 0;    ///< wall time owed to the simulation, microseconds
    long long frame_ = 0;
    float controls_height_ = 0.0f;       ///< measured last frame, logical pixels
    std::vector<int> filled_scratch_;    ///< per-unit filled seats, reused each frame

    // The documents, the runs and the panels (views).
    Workspace ws_;
    Runner runner_;
    View view_ = View::Design;
    GalleryPanel gallery_;
    OrgChartPanel orgchart_;
    LeversPanel levers_;
    LibraryPanel library_;
    DashboardPanel dashboard_;
    ComparePanel compare_;
    void DrawView(const Layout& l);
};

}  // namespace orgsim::ui
