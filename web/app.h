// app.h: the OrgSim shell: header (scenario, view and slot tabs, undo/redo, files, help, present,
// theme), the run-control rail, the current view's panels, toasts, the help overlay and
// presentation mode. Immediate mode: every frame the shell builds a Ui for the panels and draws
// them into screen rectangles; the documents live in the Workspace, the runs in the Runner, and
// the shell changes them only through their commands.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/scenario.h"
#include "web/classroom_view.h"
#include "web/compare.h"
#include "web/dashboard.h"
#include "web/files.h"
#include "web/gallery.h"
#include "web/levers.h"
#include "web/library.h"
#include "web/modeldoc.h"
#include "web/orgchart.h"
#include "web/sensitivity_view.h"
#include "web/ui.h"
#include "web/workspace.h"

namespace orgsim::ui {

class Theme;
class TestHooks;
struct TestSnapshot;

/// Playback speed of the live worlds while playing, weeks per second.
constexpr int kMinSpeed = 1;
constexpr int kMaxSpeed = 52;
constexpr int kDefaultSpeed = 8;
/// Never step more than this many weeks in one frame (keeps a slow frame from snowballing).
constexpr int kMaxWeeksPerFrame = 4;
/// Longest frame time fed to the accumulator, microseconds (a hidden tab resumes without a jump).
constexpr std::int64_t kMaxFrameMicros = 250000;
// Window sizes (logical = CSS pixels) at which the layout changes (WCAG 1.4.4 and 1.4.10).
constexpr float kMinWindowWidth = 320.0f;   ///< narrower windows are laid out at this width
constexpr float kMinWindowHeight = 240.0f;
constexpr float kNarrowWidth = 900.0f;      ///< under it: one pane at a time (Layout::narrow)
constexpr float kToolsRowWidth = 640.0f;    ///< under it: the header's buttons on a row of their own
constexpr float kMinBodyHeight = 320.0f;    ///< a shorter body scrolls as a page instead
constexpr float kPageWheelStep = 60.0f;     ///< page scroll per notch of the mouse wheel
/// Replications restart this long after the last workspace change, microseconds (edits in a row
/// such as dragging a slider restart them once).
constexpr std::int64_t kAutoRunDelayMicros = 400000;
/// A toast stays this long, microseconds.
constexpr std::int64_t kToastMicros = 4000000;
/// Replication work per frame is sized so that a whole frame takes about this long (40 frames per
/// second, leaving room above the 30 fps floor), milliseconds; it stays within [kMinSliceMs,
/// kMaxSliceMs], and takes at least a quarter of the frame where the rest of the frame alone is
/// slower than that (results must still arrive on a slow machine).
constexpr double kTargetFrameMs = 25.0;
constexpr double kMinSliceMs = 2.0;
constexpr double kMaxSliceMs = 14.0;
/// UI scale in presentation mode (on top of the platform's): large type for projectors.
constexpr float kPresentScale = 1.4f;

class App {
public:
    /// Opens scenario_path, or <assets_dir>/scenarios/default.json when it is empty, as the
    /// baseline. A scenario that fails to load is shown as a list of problems, never a crash.
    App(std::string assets_dir, const std::string& scenario_path, Theme& theme, TestHooks& hooks);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Build one frame (between ImGui::NewFrame and ImGui::Render). dt_us: wall-clock time since
    /// the previous frame, microseconds.
    void Frame(std::int64_t dt_us);
    /// After ImGui's draw data is rendered and before the frame is presented (PNG read-back).
    void AfterRender();

    /// The UI scale the app wants on top of the platform's (1, or kPresentScale while presenting);
    /// main.cpp rebuilds the fonts when it changes.
    float UiScale() const { return presenting_ ? kPresentScale : 1.0f; }
    /// True while presentation mode wants the window full screen.
    bool WantsFullscreen() const { return presenting_; }
    /// The platform left full screen by itself (the browser's Esc): leave presentation mode.
    void FullscreenEnded();
    /// True while something moves or is pending (playing, replications, timers, toasts, files): the
    /// loop then draws every frame; otherwise it draws only on input (main.cpp).
    bool WantsFrames() const;

    // ---- Commands (the live view) --------------------------------------------------------------
    /// Rebuild the live worlds at week 0, paused.
    void ResetLive();
    /// Advance the live worlds one week and pause.
    void StepWeek();
    /// Start or stop playing; playing a finished run starts it again.
    void SetPlaying(bool playing);
    /// Weeks per second while playing (clamped to kMinSpeed..kMaxSpeed).
    void SetSpeed(int weeks_per_second);
    void Notify(const std::string& message, bool error);
    void SetPresenting(bool on);
    /// The compact layout for a course page's frame (?embed=1, web/embed.h): no file menu; an
    /// "Open in new tab" button takes the work to the full app.
    void SetEmbedded(bool on) { embedded_ = on; }
    /// Before ImGui's new frame: a mouse wheel that the window under the pointer cannot use (it does
    /// not scroll, or is at its end that way) scrolls the page of a short window instead.
    void BeforeNewFrame();
    /// Show the page "How the model works" at a heading (ModelDocPanel::Open); Back returns to the
    /// view shown before.
    void OpenModelDoc(const std::string& where);

private:
    struct Layout {
        ImVec2 header_min, header_size;  ///< top bar (two rows unless presenting)
        float row1_h = 0.0f;             ///< height of the first header row
        /// A narrow window (under 1100 logical pixels, e.g. a laptop at 200% browser zoom): icon-only
        /// file and presentation buttons, the brand's mark without its name, and the open scenarios
        /// on a third header row of their own (height row3_h), so nothing overlaps (WCAG 1.4.4).
        bool compact = false;
        float row3_h = 0.0f;
        /// Narrower still (under 900 logical pixels; 200% zoom on a 1366-pixel laptop, 400% on a
        /// 1280-pixel screen is 320): the body shows one pane at a time (the run controls, the org
        /// chart, the levers...), chosen in a pane bar, each the whole width (WCAG 1.4.10 reflow).
        bool narrow = false;
        /// Under 640: the file, help, presentation and theme buttons take a header row of their own
        /// (height tools_h) below the brand and the scenario.
        float tools_h = 0.0f;
        float tab_h = 0.0f;              ///< one row of view tabs (they wrap onto more rows when narrow)
        float row2_h = 0.0f;             ///< all rows of view tabs
        ImVec2 panes_min, panes_size;    ///< the pane bar (narrow views with panes; zero size otherwise)
        ImVec2 rail_min, rail_size;      ///< run controls (zero size while presenting)
        ImVec2 content_min, content_size;
        /// A window too short for the body under the header scrolls as a page: page_h is its height
        /// (the window's height when it does not scroll) and every rectangle above is moved up by the
        /// page scroll.
        float page_h = 0.0f;
    };
    struct Toast {
        std::string text;
        bool error = false;
        std::int64_t age_us = 0;
    };
    /// A slide of presentation mode: a slot's dashboard, or the comparison (slot = -1).
    struct Slide {
        View view;
        int slot;
        int deck = -1;  ///< a slide of the class's debrief deck (view Class), else -1
    };

    Layout ComputeLayout(ImVec2 display) const;
    /// The panes a view shows one at a time in a narrow window (empty: the view has none, e.g. the
    /// model page and the Class view, which lay themselves out in one column).
    std::vector<const char*> Panes(View view) const;
    /// The pane of the current view shown in a narrow window (index into Panes()).
    int Pane() const;
    /// The pane shown is the run controls (the rail of a wide window).
    bool RailPane() const;
    void DrawPaneBar(const Layout& l);
    /// Widths of the header's slot tabs, then of "+ Alternative" (logical pixels).
    std::vector<float> SlotWidths() const;
    /// Rows the slot tabs take in a compact header of width w (they wrap like the view tabs).
    int SlotRows(float w) const;
    /// Widths of the header's view tabs (logical pixels).
    std::vector<float> TabWidths() const;
    Ui MakeUi();
    void AdvanceLive(std::int64_t dt_us);
    void RunReplications(std::int64_t dt_us);
    void HandleKeys();
    void RunAction(int action);
    void FillSnapshot(TestSnapshot& s) const;
    std::vector<Slide> Slides() const;
    void GoToSlide(int index);
    void Undo();
    void Redo();
    void ApplyRunSettings(std::uint64_t seed, int horizon, int replications);

    void DrawHeader(Ui& ui, const Layout& l);
    void DrawPresentHeader(const Layout& l);
    void DrawRail(Ui& ui, const Layout& l);
    void DrawContent(Ui& ui, const Layout& l);
    void DrawProblems(ImVec2 pos, ImVec2 size);
    void DrawToasts();
    void DrawHelp();

    std::string assets_dir_;
    Theme& theme_;
    TestHooks& hooks_;

    // The documents, the runs and the panels (views).
    Workspace ws_;
    std::unique_ptr<TaskPool> pool_;  ///< runs the replications off this thread (may have no workers)
    Runner runner_;
    View view_ = View::Design;
    FilesMenu files_;
    GalleryPanel gallery_;
    OrgChartPanel orgchart_;
    LeversPanel levers_;
    LibraryPanel library_;
    DashboardPanel dashboard_;
    ComparePanel compare_;
    SensitivityPanel sensitivity_;
    ClassroomPanel classroom_;
    ModelDocPanel modeldoc_;
    bool started_ = false;  ///< files_.Startup() done

    std::string scenario_path_;       ///< what the page or command line asked to open
    std::vector<Problem> problems_;   ///< why the baseline failed to load

    /// Theme switch requested this frame; applied at the start of the next one, outside any
    /// PushStyleColor scope (a pop would otherwise restore the old theme's colour).
    std::optional<ThemeKind> pending_theme_;

    // Live view.
    bool playing_ = false;
    int speed_ = kDefaultSpeed;        ///< weeks per second
    std::int64_t accumulator_us_ = 0;  ///< wall time owed to the live worlds, microseconds

    // Replications.
    std::uint64_t seen_revision_ = 0;      ///< workspace revision the auto-run timer last saw
    std::int64_t auto_run_in_us_ = -1;     ///< time left until replications restart (-1 = none due)
    bool run_deferred_ = false;            ///< a run came due while the Class view showed: start it on leaving
    double slice_budget_ms_ = 8.0;         ///< replication work per frame, adapted to the frame time
    double last_slice_ms_ = 0.0;
    double other_ms_ = 16.7;               ///< smoothed frame time outside the replication slice
    // Run-settings editors: text being typed (kept while the field is active).
    int edit_field_ = -1;  ///< which field had focus last frame (0 seed, 1 horizon, 2 replications)
    std::uint64_t edit_seed_ = 0;
    int edit_horizon_ = 0;
    int edit_replications_ = 0;

    // Toasts, help, presentation.
    std::vector<Toast> toasts_;
    std::string last_toast_;
    bool last_toast_error_ = false;
    bool help_open_ = false;
    bool help_focused_ = false;  ///< the help dialog has given its close button the focus since it opened
    /// Single-character shortcuts (Space, P, ?) on; the help dialog turns them off (WCAG 2.1.4), and
    /// the choice is kept in storage.
    bool single_keys_ = true;
    /// Wider text spacing (WCAG 1.4.12; Theme::SetTextSpacing), chosen in the help, kept in storage.
    bool text_spacing_ = false;
    float help_h_ = 0.0f;  ///< height the help card's content took last frame
    bool presenting_ = false;
    bool embedded_ = false;  ///< SetEmbedded
    int slide_ = 0;
    bool present_deck_ = false;  ///< presenting the Class view's debrief deck instead of the dashboards
    std::optional<ThemeKind> theme_before_present_;
    float files_width_ = 0.0f;  ///< width the file buttons took last frame
    /// Narrow windows: the pane shown per view (index into Panes(); Design, Results, Compare and
    /// Sensitivity start on their own first pane, after the run controls; the Library on its list).
    std::array<int, 8> pane_{0, 1, 1, 1, 0, 1, 0, 0};
    /// A short window scrolls as a page (Layout::page_h): how far, logical pixels; the last layout's
    /// page height and the window's, and the node that had the DOM focus last frame (a newly focused
    /// widget outside the window scrolls the page to it).
    float page_scroll_ = 0.0f;
    float page_h_ = 0.0f;
    float display_h_ = 0.0f;
    std::uint32_t page_focus_ = 0;

    long long frame_ = 0;
    std::uint64_t drawn_results_changes_ = 0;  ///< Runner::ResultsChanges() the last frame showed
};

}  // namespace orgsim::ui
