// app.cpp: the OrgSim shell (see app.h).
//
// [SECTION] Keyboard shortcuts (one table: key handling and the help overlay read it)
// [SECTION] Life cycle and commands
// [SECTION] Frame: live worlds, replications, keys, layout
// [SECTION] Test snapshot
// [SECTION] Header (normal and presentation)
// [SECTION] Run-control rail
// [SECTION] Content, problems, toasts, help
#include "web/app.h"

#include "imgui_internal.h"

#include <SDL_scancode.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>

#include "web/platform.h"
#include "web/services.h"
#include "web/theme.h"
#include "web/ui_test_hooks.h"
#include "web/widgets.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// [SECTION] Keyboard shortcuts
//-----------------------------------------------------------------------------------------------
namespace {

enum class Action { PlayPause, StepWeek, ResetLive, Undo, Redo, Present, NextSlide, PrevSlide, Help, Close };
/// When a shortcut applies: always, only while editing (not presenting), only while presenting.
enum class When { Always, Editing, Presenting };

struct Shortcut {
    int scancode;     ///< SDL scancode (layout-independent position), or 0 for a typed character
    char typed;       ///< typed character (layout-dependent, e.g. '?'), or 0
    bool ctrl;        ///< Ctrl (or Cmd) held
    bool shift;       ///< Shift held (checked only together with ctrl)
    bool repeat;      ///< repeats while held
    When when;
    Action action;
    const char* keys; ///< as the help overlay shows them
    const char* what;
};

// The one list of shortcuts: HandleKeys() matches it and the help overlay prints it.
constexpr Shortcut kShortcuts[] = {
    {SDL_SCANCODE_SPACE, 0, false, false, false, When::Always, Action::PlayPause, "Space", "Play or pause the live run"},
    {SDL_SCANCODE_RIGHT, 0, false, false, true, When::Editing, Action::StepWeek, "\xE2\x86\x92", "Step the live run one week"},
    {SDL_SCANCODE_HOME, 0, false, false, false, When::Editing, Action::ResetLive, "Home", "Reset the live run to week 0"},
    {SDL_SCANCODE_Z, 0, true, false, true, When::Editing, Action::Undo, "Ctrl+Z", "Undo the last edit"},
    {SDL_SCANCODE_Z, 0, true, true, true, When::Editing, Action::Redo, "Ctrl+Shift+Z", "Redo the edit undone last"},
    {SDL_SCANCODE_Y, 0, true, false, true, When::Editing, Action::Redo, "Ctrl+Y", "Redo the edit undone last"},
    {SDL_SCANCODE_P, 0, false, false, false, When::Always, Action::Present, "P", "Start or leave presentation mode"},
    {SDL_SCANCODE_RIGHT, 0, false, false, true, When::Presenting, Action::NextSlide, "\xE2\x86\x92", "Next slide (presenting)"},
    {SDL_SCANCODE_LEFT, 0, false, false, true, When::Presenting, Action::PrevSlide, "\xE2\x86\x90", "Previous slide (presenting)"},
    {SDL_SCANCODE_F1, 0, false, false, false, When::Always, Action::Help, "F1", "Show or hide this help"},
    {0, '?', false, false, false, When::Always, Action::Help, "?", "Show or hide this help"},
    {SDL_SCANCODE_ESCAPE, 0, false, false, false, When::Always, Action::Close, "Esc", "Close the help or the model page; leave presentation mode"},
};

// A shortcut of one character key (WCAG 2.1.4): the help dialog can turn these off, so that a
// word said to voice control or a key pressed by mistake does not play the run or start a
// presentation. Arrows, Home, F1, Esc and Ctrl combinations are not character keys.
bool SingleCharacter(const Shortcut& s) {
    return !s.ctrl && (s.typed != 0 || s.scancode == SDL_SCANCODE_SPACE || s.scancode == SDL_SCANCODE_P);
}

constexpr const char* kSingleKeysStorage = "orgsim.single_key_shortcuts";
constexpr const char* kTextSpacingStorage = "orgsim.text_spacing";

constexpr const char* kHowTo[] = {
    "Pick a situation in the Gallery: each preset answers one question about how to organise IT and marketing.",
    "Change it in Design: drag units in the org chart, add a CDO, CMT or CISO, or set the levers on the right.",
    "Run: replications start by themselves after every change (or press Run); Results shows outcomes with 90% intervals.",
    "Compare: add an alternative with + next to the slot tabs, change it, and read the differences in Compare.",
};

const char* ViewKey(View v) {
    switch (v) {
        case View::Gallery: return "gallery";
        case View::Design: return "design";
        case View::Results: return "results";
        case View::Compare: return "compare";
        case View::Library: return "library";
        case View::Sensitivity: return "sensitivity";
        case View::Class: return "class";
        case View::Model: return "model";
    }
    return "design";
}

// The header's view tabs, in View order.
constexpr const char* kViewNames[] = {"Gallery", "Design", "Results", "Compare", "Library", "Sensitivity", "Class"};
constexpr int kViewTabs = static_cast<int>(sizeof kViewNames / sizeof kViewNames[0]);

double Latest(const World* w, SeriesId id) {
    if (!w) return std::nan("");
    const auto& s = w->Series(id);
    return s.empty() ? std::nan("") : s.back();
}

// JSON text without the whitespace between tokens (strings kept as they are).
std::string CompactJson(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            out.push_back(c);
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
            out.push_back(c);
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out.push_back(c);
        }
    }
    return out;
}

// "1.2 M", "850 k": a throughput for the status line.
std::string Compact(double v) {
    char buf[32];
    if (v >= 1e9) std::snprintf(buf, sizeof buf, "%.1f G", v / 1e9);
    else if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.1f M", v / 1e6);
    else if (v >= 1e3) std::snprintf(buf, sizeof buf, "%.0f k", v / 1e3);
    else std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

// A section title in the rail with a thin rule under it.
void SectionTitle(const Theme& t, const char* title, const char* caption) {
    const Fonts& f = t.GetFonts();
    ImGui::PushFont(f.heading);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    SemNode heading;
    heading.level = 2;
    SemAt(title, SemRole::Heading, title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), heading);
    if (caption && *caption) {
        ImGui::PushFont(f.small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.Colours().text_muted));
        ImGui::TextWrapped("%s", caption);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        SemAt(caption, SemRole::Text, caption, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
}

// A thin progress bar at the cursor (fraction 0..1), full width w.
void ProgressBar(const Theme& t, float w, double frac, ImU32 fill) {
    const Palette& p = t.Colours();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 bar = ImGui::GetCursorScreenPos();
    const float bh = t.Dp(8);
    dl->AddRectFilled(bar, ImVec2(bar.x + w, bar.y + bh), p.track, bh * 0.5f);
    if (frac > 0.0)
        dl->AddRectFilled(bar, ImVec2(bar.x + std::max(bh, static_cast<float>(w * std::min(1.0, frac))), bar.y + bh), fill, bh * 0.5f);
    ImGui::Dummy(ImVec2(w, bh));
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Life cycle and commands
//-----------------------------------------------------------------------------------------------
App::App(std::string assets_dir, const std::string& scenario_path, Theme& theme, TestHooks& hooks)
    : assets_dir_(std::move(assets_dir)), theme_(theme), hooks_(hooks), pool_(PlatformCreateTaskPool()) {
    hooks_.SetSnapshotProvider([this](TestSnapshot& s) { FillSnapshot(s); });
    runner_.SetPool(pool_.get());  // replications on workers where the platform has them
    scenario_path_ = scenario_path.empty() ? assets_dir_ + "/scenarios/default.json" : scenario_path;
    // Origin: the preset's id (file name without folder and extension).
    std::string origin = scenario_path_;
    if (const auto slash = origin.find_last_of('/'); slash != std::string::npos) origin = origin.substr(slash + 1);
    if (origin.size() > 5 && origin.compare(origin.size() - 5, 5, ".json") == 0) origin.resize(origin.size() - 5);
    std::ifstream in(scenario_path_, std::ios::binary);
    if (!in) {
        problems_.push_back({scenario_path_, "the file cannot be opened"});
    } else {
        std::ostringstream text;
        text << in.rdbuf();
        try {
            std::vector<Problem> problems;
            const EditResult r = ws_.OpenText(text.str(), origin, false, &problems);
            if (!r.ok) {
                problems_ = std::move(problems);
                if (problems_.empty()) problems_.push_back({scenario_path_, r.message});
            }
        } catch (const std::exception& e) {  // the reader reports problems; this is a last resort
            problems_.push_back({scenario_path_, std::string("the scenario could not be read: ") + e.what()});
        }
    }
    if (!ws_.Empty()) runner_.ResetLive(ws_);
}

App::~App() {
    hooks_.SetSnapshotProvider(nullptr);
    runner_.SetPool(nullptr);
}

bool App::WantsFrames() const {
    // Animations and work in progress: the live run playing, replications (progress, results),
    // the auto-run countdown, toasts fading, a theme switch, the files' pending work, a model-library
    // experiment on screen (it runs a slice per frame while its view shows), the model page settling.
    return playing_ || runner_.Busy() || auto_run_in_us_ >= 0 || !toasts_.empty() || pending_theme_.has_value() ||
           files_.Busy() || runner_.ResultsChanges() != drawn_results_changes_ ||
           (view_ == View::Library && library_.Running()) || (view_ == View::Model && modeldoc_.Busy()) ||
           (view_ == View::Class && classroom_.Busy());
}

void App::AfterRender() { files_.AfterRender(); }

void App::BeforeNewFrame() {
    if (!ImGui::GetCurrentContext() || page_h_ <= display_h_) return;
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseWheel == 0.0f || io.KeyShift) return;
    // The window ImGui's wheel would scroll (as its UpdateMouseWheel finds it: up from a child that
    // cannot scroll). When it can move the wheel's way, it has the wheel.
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* w = g.WheelingWindow ? g.WheelingWindow : g.HoveredWindow;
    while (w && (w->Flags & ImGuiWindowFlags_ChildWindow) && (w->ScrollMax.y == 0.0f || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)))
        w = w->ParentWindow;
    const bool up = io.MouseWheel > 0.0f;
    if (w && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse) && w->ScrollMax.y > 0.0f &&
        (up ? w->Scroll.y > 0.0f : w->Scroll.y < w->ScrollMax.y))
        return;
    // Otherwise the page, until it is at its end that way; then the wheel goes on to the widget
    // under the pointer (the org chart zooms, as a map in a web page does).
    const float next = std::clamp(page_scroll_ - io.MouseWheel * theme_.Dp(kPageWheelStep), 0.0f, page_h_ - display_h_);
    if (next == page_scroll_) return;
    page_scroll_ = next;
    io.MouseWheel = 0.0f;
}

void App::ResetLive() {
    playing_ = false;
    accumulator_us_ = 0;
    runner_.ResetLive(ws_);
}

void App::StepWeek() {
    playing_ = false;
    accumulator_us_ = 0;
    runner_.StepLive(1);
}

void App::SetPlaying(bool playing) {
    if (runner_.LiveCount() == 0) return;
    if (playing && runner_.LiveDone()) runner_.ResetLive(ws_);
    playing_ = playing;
    accumulator_us_ = 0;
}

void App::SetSpeed(int weeks_per_second) { speed_ = std::clamp(weeks_per_second, kMinSpeed, kMaxSpeed); }

void App::Notify(const std::string& message, bool error) {
    last_toast_ = message;
    last_toast_error_ = error;
    toasts_.push_back({message, error, 0});
    if (toasts_.size() > 3) toasts_.erase(toasts_.begin());
}

void App::SetPresenting(bool on) {
    if (on == presenting_) return;
    presenting_ = on;
    help_open_ = false;
    if (on) {
        // Projectors wash out dark themes: present in the light theme, restore the user's after.
        theme_before_present_ = theme_.Kind();
        pending_theme_ = ThemeKind::Light;
        // From a checked class's debrief: its deck; otherwise the scenarios' dashboards.
        present_deck_ = view_ == View::Class && classroom_.DeckSlides() > 0;
        const int active = ws_.Empty() ? 0 : ws_.Active();
        GoToSlide(present_deck_ ? 0 : view_ == View::Compare && ws_.SlotCount() >= 2 ? ws_.SlotCount() : active);
    } else {
        present_deck_ = false;
        if (theme_before_present_) pending_theme_ = *theme_before_present_;
        theme_before_present_.reset();
    }
}

void App::FullscreenEnded() { SetPresenting(false); }

void App::OpenModelDoc(const std::string& where) {
    modeldoc_.Open(where, view_);
    view_ = View::Model;
    help_open_ = false;
}

std::vector<App::Slide> App::Slides() const {
    std::vector<Slide> slides;
    if (present_deck_) {
        for (int k = 0; k < classroom_.DeckSlides(); ++k) slides.push_back({View::Class, -1, k});
        return slides;
    }
    for (int i = 0; i < ws_.SlotCount(); ++i) slides.push_back({View::Results, i});
    if (ws_.SlotCount() >= 2) slides.push_back({View::Compare, -1});
    return slides;
}

void App::GoToSlide(int index) {
    const std::vector<Slide> slides = Slides();
    if (slides.empty()) return;
    slide_ = std::clamp(index, 0, static_cast<int>(slides.size()) - 1);
    const Slide& s = slides[static_cast<std::size_t>(slide_)];
    view_ = s.view;
    if (s.slot >= 0) ws_.SetActive(s.slot);
}

void App::Undo() {
    const std::string label = ws_.UndoLabel();
    if (ws_.Undo()) Notify("Undone: " + label, false);
}

void App::Redo() {
    const std::string label = ws_.RedoLabel();
    if (ws_.Redo()) Notify("Redone: " + label, false);
}

void App::ApplyRunSettings(std::uint64_t seed, int horizon, int replications) {
    if (ws_.Empty()) return;
    const Scenario& s = ws_.ActiveScenario();
    if (seed == s.seed && horizon == s.horizon_weeks && replications == s.replications) return;
    const EditResult r = ws_.SetRunSettings(seed, horizon, replications);
    if (!r.ok) Notify(r.message, true);
}

Ui App::MakeUi() {
    Ui ui{ws_, runner_, theme_, hooks_, assets_dir_, presenting_, {}, {}, {}, {}, {}, {}, {}, {}, {}, false};
    ui.notify = [this](const std::string& message, bool error) { Notify(message, error); };
    ui.show = [this](View v) { view_ = v; };
    ui.export_png = [](ImVec2 min, ImVec2 max, const std::string& file_name) { RequestPng(min, max, file_name); };
    ui.download = [this](const std::string& file_name, const std::string& mime, const std::string& data) {
        if (!Download(file_name, mime, data)) Notify(file_name + " could not be saved.", true);
    };
    ui.open_model_doc = [this](const std::string& where) { OpenModelDoc(where); };
    ui.open_sweep = [this](SweepResult result, const std::string& file_name) {
        sensitivity_.OpenSweep(std::move(result), file_name);
        view_ = View::Sensitivity;
    };
    ui.open_class_file = [this](const std::string& file_name, const std::string& text) {
        Ui inner = MakeUi();
        if (classroom_.OpenFile(inner, file_name, text)) view_ = View::Class;
    };
    ui.open_class_link = [this](const std::string& fragment) {
        Ui inner = MakeUi();
        if (classroom_.OpenLink(inner, fragment)) view_ = View::Class;
    };
    ui.embed = [this](const std::string& fragment, const std::string& title) { files_.ShowEmbed(fragment, title); };
    ui.embedded = embedded_;
    return ui;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Frame: live worlds, replications, keys, layout
//-----------------------------------------------------------------------------------------------
void App::Frame(std::int64_t dt_us) {
    ++frame_;
    drawn_results_changes_ = runner_.ResultsChanges();
    theme_.SetHighContrast(PrefersMoreContrast());  // prefers-contrast: more (re-applies only on a change)
    if (pending_theme_) {
        theme_.Apply(*pending_theme_);
        pending_theme_.reset();
    }
    Ui ui = MakeUi();
    hooks_.Value("app.embedded", embedded_ ? 1.0 : 0.0);
    hooks_.Value("app.single_keys", single_keys_ ? 1.0 : 0.0);
    hooks_.Value("app.text_spacing", theme_.TextSpacing() ? 1.0 : 0.0);
    {  // The tooltip shown last frame (WCAG 1.4.13 tests: it can be hovered and dismissed).
        std::string title;
        float r[4] = {0, 0, 0, 0};
        const bool shown = TooltipShown(&title, r);
        hooks_.Text("tooltip.title", shown ? title : std::string());
        if (shown) hooks_.Record("Tooltip", r[0], r[1], r[2], r[3]);
    }
    {  // Widgets the last frame published without a name of their own (WCAG 4.1.2; 97_a11y lists them).
        std::string unnamed;
        for (const std::string& id : SemFallbackNames()) unnamed += (unnamed.empty() ? "" : " ") + id;
        hooks_.Text("a11y.unnamed", unnamed);
    }
    if (!started_) {
        std::string keys;
        if (services::StorageGet(kSingleKeysStorage, keys)) single_keys_ = keys != "off";
        std::string spacing;
        if (services::StorageGet(kTextSpacingStorage, spacing)) text_spacing_ = spacing == "on";
        theme_.SetTextSpacing(text_spacing_);
        files_.Startup(ui);
        started_ = true;
    }
    HandleKeys();
    ui.presenting = presenting_;
    files_.Frame(ui);
    if (!ws_.Empty() && runner_.LiveRevision() != ws_.Revision()) {
        runner_.ResetLive(ws_);  // the documents changed: the live view starts again from week 0
        accumulator_us_ = 0;
    }
    if (ws_.Empty()) playing_ = false;
    if (presenting_) {  // keep the slide in range when slots change
        const int n = static_cast<int>(Slides().size());
        if (slide_ >= n) GoToSlide(n - 1);
    }
    AdvanceLive(dt_us);
    RunReplications(dt_us);
    for (Toast& t : toasts_) t.age_us += std::clamp<std::int64_t>(dt_us, 0, kMaxFrameMicros);
    toasts_.erase(std::remove_if(toasts_.begin(), toasts_.end(), [](const Toast& t) { return t.age_us > kToastMicros; }),
                  toasts_.end());

    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const Layout l = ComputeLayout(display);
    page_h_ = l.page_h;
    display_h_ = display.y;
    page_scroll_ = std::clamp(page_scroll_, 0.0f, std::max(0.0f, page_h_ - display_h_));
    hooks_.Value("layout.narrow", l.narrow ? 1.0 : 0.0);
    hooks_.Value("layout.page_h", page_h_);
    hooks_.Value("layout.page_scroll", page_scroll_);
    if (presenting_) DrawPresentHeader(l);
    else DrawHeader(ui, l);
    // The model page and the Class view read better wide: they take the rail's place too (the
    // rail runs the open scenarios, which a class does not use). A narrow window shows the rail as
    // the first pane of the view.
    const bool rail = !presenting_ && view_ != View::Model && view_ != View::Class;
    const bool rail_pane = l.narrow && RailPane();
    if (l.narrow && !Panes(view_).empty()) DrawPaneBar(l);
    if (rail && (!l.narrow || rail_pane)) DrawRail(ui, l);
    if (!rail_pane) DrawContent(ui, l);
    if (page_h_ > display_h_) {
        // The page scrolls: a thin bar at the window's right edge says where (the wheel, and the
        // keyboard's focus moving to a widget out of sight, scroll it).
        const Palette& p = theme_.Colours();
        const float track = display_h_ - theme_.Dp(8), bar = std::max(theme_.Dp(24), track * display_h_ / page_h_);
        const float y = theme_.Dp(4) + (track - bar) * page_scroll_ / (page_h_ - display_h_);
        ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(display.x - theme_.Dp(6), y), ImVec2(display.x - theme_.Dp(2), y + bar),
                                                      p.text_faint, theme_.Dp(2));
    }
    files_.DrawNotice(ui, l.content_min, l.content_size);  // storage refused the autosave: offer a file
    DrawToasts();
    if (help_open_) DrawHelp();
    else help_focused_ = false;
    // A widget that takes the keyboard focus out of sight of a page that scrolls brings the page to it
    // (once, when the focus moves: the wheel may scroll it away again).
    if (const Semantics* sem = ActiveSemantics(); sem && sem->Focused() != page_focus_) {
        page_focus_ = sem->Focused();
        const int i = sem->Find(page_focus_);
        if (i >= 0 && page_h_ > display_h_) {
            const SemNode& n = sem->Nodes()[static_cast<std::size_t>(i)];
            const float pad = theme_.Dp(16);
            if (n.y < pad) page_scroll_ -= pad - n.y;
            else if (n.y + n.h > display_h_ - pad) page_scroll_ += std::min(n.y + n.h - (display_h_ - pad), n.y - pad);
            page_scroll_ = std::clamp(page_scroll_, 0.0f, page_h_ - display_h_);
        }
    }
}

void App::AdvanceLive(std::int64_t dt_us) {
    if (!playing_ || runner_.LiveCount() == 0) {
        accumulator_us_ = 0;
        return;
    }
    // Fixed ticks from an integer accumulator: the run's pace does not depend on the frame rate,
    // and the weeks stepped are whole weeks of the deterministic engine.
    const std::int64_t tick_us = 1000000 / speed_;
    accumulator_us_ += std::clamp<std::int64_t>(dt_us, 0, kMaxFrameMicros);
    std::int64_t weeks = accumulator_us_ / tick_us;
    if (weeks > kMaxWeeksPerFrame) {
        weeks = kMaxWeeksPerFrame;
        accumulator_us_ = 0;  // too slow to keep up: drop the backlog instead of spiralling
    } else {
        accumulator_us_ -= weeks * tick_us;
    }
    runner_.StepLive(static_cast<int>(weeks));
    if (runner_.LiveDone()) playing_ = false;
}

void App::RunReplications(std::int64_t dt_us) {
    // The frame time outside the replication slice (dt includes the previous frame's slice).
    const double dt_ms = static_cast<double>(dt_us) / 1000.0;
    if (dt_ms > 0.0 && dt_ms < 250.0) other_ms_ = other_ms_ * 0.8 + std::max(0.0, dt_ms - last_slice_ms_) * 0.2;
    // Restart replications a moment after the workspace changes, so results are always current.
    if (ws_.Revision() != seen_revision_) {
        seen_revision_ = ws_.Revision();
        auto_run_in_us_ = kAutoRunDelayMicros;
    }
    if (auto_run_in_us_ >= 0) {
        auto_run_in_us_ -= std::clamp<std::int64_t>(dt_us, 0, kMaxFrameMicros);
        if (auto_run_in_us_ < 0 && !ws_.Empty() && runner_.ResultsRevision() != ws_.Revision()) {
            // The Class view does not use the workspace's runs (a student's page would spend its
            // cores on them): they start when another view shows.
            if (view_ == View::Class) run_deferred_ = true;
            else runner_.Start(ws_);
        }
    }
    if (run_deferred_ && view_ != View::Class) {
        run_deferred_ = false;
        if (!ws_.Empty() && runner_.ResultsRevision() != ws_.Revision()) runner_.Start(ws_);
    }
    if (!runner_.Busy()) {
        last_slice_ms_ = 0.0;
        return;
    }
    // Size the work so that frames stay short: with the smoothed frame time outside the slice
    // (drawing, the browser's own work, waiting for the display), the slice gets what is left
    // of a kTargetFrameMs frame. When the rest of the frame alone is too slow for 30 fps (a busy
    // or GPU-less machine) the target cannot be met anyway, and the slice takes a quarter of the
    // frame so that results still arrive.
    const double floor_ms = std::min(kMaxSliceMs, std::max(kMinSliceMs, 0.25 * other_ms_));
    slice_budget_ms_ = std::clamp(kTargetFrameMs - other_ms_, floor_ms, kMaxSliceMs);
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    runner_.Slice(slice_budget_ms_);
    last_slice_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void App::HandleKeys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;  // typing in a field: keys belong to it
    // Escape hides the tooltip (WCAG 1.4.13), and closes what it always closes (help, presentation).
    if (ImGui::IsKeyPressed(SDL_SCANCODE_ESCAPE, false)) TooltipDismiss();
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    for (const Shortcut& s : kShortcuts) {
        if (!single_keys_ && SingleCharacter(s)) continue;
        if (s.when == When::Editing && presenting_) continue;
        if (s.when == When::Presenting && !presenting_) continue;
        bool hit = false;
        if (s.scancode != 0) {
            if (s.ctrl != ctrl || (s.ctrl && s.shift != io.KeyShift)) continue;
            hit = ImGui::IsKeyPressed(s.scancode, s.repeat);
        } else if (!ctrl) {
            for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
                if (io.InputQueueCharacters[i] == static_cast<ImWchar>(s.typed)) hit = true;
        }
        if (hit) RunAction(static_cast<int>(s.action));
    }
}

void App::RunAction(int action) {
    switch (static_cast<Action>(action)) {
        case Action::PlayPause: SetPlaying(!playing_); break;
        case Action::StepWeek: StepWeek(); break;
        case Action::ResetLive: ResetLive(); break;
        case Action::Undo: Undo(); break;
        case Action::Redo: Redo(); break;
        case Action::Present:
            if (presenting_ || !ws_.Empty()) SetPresenting(!presenting_);  // nothing to present without a scenario
            break;
        case Action::NextSlide: GoToSlide(slide_ + 1); break;
        case Action::PrevSlide: GoToSlide(slide_ - 1); break;
        case Action::Help: help_open_ = !help_open_; break;
        case Action::Close:
            if (help_open_) help_open_ = false;
            else if (presenting_) SetPresenting(false);
            else if (view_ == View::Model) view_ = modeldoc_.Back();
            break;
    }
}

std::vector<float> App::SlotWidths() const {
    const Theme& t = theme_;
    const Fonts& f = t.GetFonts();
    std::vector<float> widths;
    for (int i = 0; i < ws_.SlotCount(); ++i)
        widths.push_back(TextSize(f.label, Workspace::SlotLabel(i).c_str()).x + t.Dp(28) + (i > 0 ? t.Dp(26) : 0.0f));
    widths.push_back(TextSize(f.label, "Alternative").x + t.Dp(13) + t.Dp(9) + t.Dp(24));
    return widths;
}

int App::SlotRows(float w) const {
    const Theme& t = theme_;
    const float left = t.Dp(20) + (ws_.SlotCount() > 0 ? TextSize(t.GetFonts().small, "Scenarios").x + t.Dp(10) : 0.0f);
    return Flow(SlotWidths(), t.Dp(6), w - t.Dp(20) - left).back().row + 1;
}

std::vector<float> App::TabWidths() const {
    std::vector<float> widths;
    for (int i = 0; i < kViewTabs; ++i) widths.push_back(TextSize(theme_.GetFonts().label, kViewNames[i]).x + theme_.Dp(28));
    return widths;
}

App::Layout App::ComputeLayout(ImVec2 display) const {
    const Theme& t = theme_;
    const float m = t.Dp(16);
    const float w = std::max(display.x, t.Dp(kMinWindowWidth));
    const float h = std::max(display.y, t.Dp(kMinWindowHeight));
    Layout l;
    l.row1_h = t.Dp(64);
    l.compact = !presenting_ && w < t.Dp(1100);
    l.narrow = !presenting_ && w < t.Dp(kNarrowWidth);
    l.tools_h = !presenting_ && w < t.Dp(kToolsRowWidth) ? t.Dp(52) : 0.0f;
    // View tabs: one row, or as many as they need in a narrow window (the header's own margin is 20).
    l.tab_h = t.Dp(42);
    const int tab_rows = Flow(TabWidths(), t.Dp(6), w - t.Dp(40)).back().row + 1;
    l.row2_h = presenting_ ? 0.0f : t.Dp(50) + l.tab_h * static_cast<float>(tab_rows - 1);
    l.row3_h = l.compact ? t.Dp(46) * static_cast<float>(SlotRows(w)) : 0.0f;
    l.header_size = ImVec2(w, presenting_ ? t.Dp(76) : l.row1_h + l.tools_h + l.row2_h + l.row3_h);
    const float top = l.header_size.y + m;
    if (presenting_) {
        l.rail_min = ImVec2(m, top);
        l.content_min = ImVec2(m * 1.5f, top);
        l.content_size = ImVec2(w - m * 3.0f, std::max(t.Dp(200), h - top - m * 1.5f));
        l.page_h = display.y;
        return l;
    }
    const bool panes = l.narrow && !Panes(view_).empty();
    // A view without panes (the Gallery) has no room for the run controls in a narrow window: they
    // belong to the views that run (Design, Results, Compare, Sensitivity), which show them as a pane.
    const float panes_h = panes ? t.Dp(46) + t.Dp(10) : 0.0f;
    // The body needs kMinBodyHeight; in a shorter window the page scrolls, and the body then fills
    // the window once the header has scrolled away.
    float body_h = h - top - m - panes_h;
    l.page_h = display.y;
    if (body_h < t.Dp(kMinBodyHeight)) {
        body_h = std::max(t.Dp(kMinBodyHeight) * 0.6f, display.y - 2.0f * m - panes_h);
        l.page_h = top + panes_h + body_h + m;
    }
    const float y0 = top - std::clamp(page_scroll_, 0.0f, std::max(0.0f, l.page_h - display.y));
    l.header_min = ImVec2(0, y0 - top);
    if (panes) {
        l.panes_min = ImVec2(m, y0);
        l.panes_size = ImVec2(w - 2.0f * m, t.Dp(46));
    }
    const float body_y = y0 + panes_h;
    if (l.narrow) {
        // One pane at a time, the window's width: the run controls are a pane of their own.
        l.rail_min = l.content_min = ImVec2(m, body_y);
        l.rail_size = l.content_size = ImVec2(w - 2.0f * m, body_h);
        return l;
    }
    const float rail_w = std::clamp(w * 0.2f, t.Dp(268), t.Dp(320));
    l.rail_min = ImVec2(m, body_y);
    l.rail_size = ImVec2(rail_w, body_h);
    l.content_min = ImVec2(m + rail_w + m, body_y);
    l.content_size = ImVec2(std::max(t.Dp(200), w - l.content_min.x - m), body_h);
    return l;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Test snapshot
//-----------------------------------------------------------------------------------------------
void App::FillSnapshot(TestSnapshot& s) const {
    s.frame = frame_;
    s.playing = playing_;
    s.fps = ImGui::GetCurrentContext() ? static_cast<double>(ImGui::GetIO().Framerate) : 0.0;
    s.speed = speed_;
    if (ImGui::GetCurrentContext()) {
        const ImGuiIO& io = ImGui::GetIO();
        s.pixel_ratio = io.DisplayFramebufferScale.x;
        s.display_w = io.DisplaySize.x;
        s.display_h = io.DisplaySize.y;
        s.font_raster_px = theme_.GetFonts().body ? theme_.GetFonts().body->FontSize : 0.0f;
    }
    s.theme = theme_.Kind() == ThemeKind::Light ? "light" : "dark";
    for (const Problem& p : problems_) s.problems.push_back(p.where + ": " + p.message);

    s.view = ViewKey(view_);
    s.slot_count = ws_.SlotCount();
    s.active_slot = ws_.Active();
    for (int i = 0; i < ws_.SlotCount(); ++i)
        s.slots.push_back({Workspace::SlotLabel(i), ws_.GetScenario(i).name, ws_.GetSlot(i).origin});
    s.revision = ws_.Revision();
    s.can_undo = ws_.CanUndo();
    s.can_redo = ws_.CanRedo();
    s.undo_label = ws_.UndoLabel();
    s.redo_label = ws_.RedoLabel();
    s.presenting = presenting_;
    s.slide = presenting_ ? slide_ : 0;
    s.slide_count = presenting_ ? static_cast<int>(Slides().size()) : 0;
    s.help_open = help_open_;
    s.toast = last_toast_;
    s.toast_error = last_toast_error_;

    s.run.running = runner_.Running();
    s.run.progress = runner_.Progress();
    s.run.results_current = runner_.Results() && runner_.ResultsRevision() == ws_.Revision();
    s.run.throughput = runner_.Throughput();
    s.run.slice_budget_ms = slice_budget_ms_;
    s.run.workers = runner_.PoolWorkers();
    s.run.pool_merged = runner_.PoolResultsMerged();
    s.run.pool_problem = runner_.PoolProblem();
    if (const Experiment* e = runner_.Results()) {
        s.run.completed = e->Completed();
        s.run.replications = e->Replications();
        for (int i = 0; i < e->ScenarioCount(); ++i) s.run.hashes.push_back(e->CombinedHash(i));
        for (int i = 0; i < e->ScenarioCount(); ++i) {
            std::vector<std::pair<std::string, double>> row;
            for (const SeriesInfo& info : SeriesTable()) {
                const std::vector<double>& v = e->Finals(i, info.id);
                double sum = 0.0;
                for (const double x : v) sum += x;
                row.push_back({info.key, v.empty() ? std::nan("") : sum / static_cast<double>(v.size())});
            }
            s.outcomes.push_back(std::move(row));
        }
    }
    if (ws_.Empty()) return;
    s.scenario = ws_.ActiveScenario().name;
    s.scenario_json = CompactJson(WriteScenario(ws_.ActiveScenario()));
    const World* w = runner_.Live(ws_.Active());
    if (!w) return;
    s.week = w->Week();
    s.horizon = w->Horizon();
    s.hash = w->StateHash();
    s.points = static_cast<int>(w->Series(SeriesId::Headcount).size());
    for (const SeriesInfo& info : SeriesTable()) s.series.push_back({info.key, Latest(w, info.id)});
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Header (normal and presentation)
//-----------------------------------------------------------------------------------------------
namespace {

// The brand mark: a 2x2 grid in the four headline functions' colours (an org chart in miniature)
// and the name. Returns the x after it.
float DrawBrand(const Theme& t, ImDrawList* dl, float x, float cy, bool mark_only = false) {
    const Palette& p = t.Colours();
    const float cell = t.Dp(10), gap = t.Dp(3);
    const float my = cy - cell - gap * 0.5f;
    const Function mark[4] = {Function::Executive, Function::It, Function::Marketing, Function::Digital};
    for (int i = 0; i < 4; ++i) {
        const float bx = x + static_cast<float>(i % 2) * (cell + gap), by = my + static_cast<float>(i / 2) * (cell + gap);
        const ImU32 c = FunctionColour(mark[i], t);
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + cell, by + cell), c, t.Dp(2.5f));
    }
    if (mark_only) return x + 2 * cell + gap;
    x += 2 * cell + gap + t.Dp(10);
    const ImFont* title = t.GetFonts().title;
    DrawText(dl, t.GetFonts().title, ImVec2(x, cy - FontSize(title) * 0.5f - t.Dp(1)), p.text, "OrgSim");
    return x + TextSize(t.GetFonts().title, "OrgSim").x;
}

// Scenario name over its question, ellipsised to max_w; hovering shows the rationale.
void DrawScenarioBlock(const Theme& t, TestHooks& hooks, ImDrawList* dl, const Scenario* s, float x, float cy, float max_w,
                       const char* missing) {
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    if (max_w < t.Dp(40)) return;
    const std::string name = s ? s->name : std::string("No scenario open");
    const std::string question = s ? s->question : std::string(missing);
    const float block_h = FontSize(f.heading) + t.Dp(2) + FontSize(f.small);
    const float ty = cy - block_h * 0.5f;
    const std::string name_fit = Ellipsize(f.heading, name, max_w);
    DrawText(dl, f.heading, ImVec2(x, ty), s ? p.text : p.danger, name_fit.c_str());
    const std::string question_fit = Ellipsize(f.small, question, max_w);
    DrawText(dl, f.small, ImVec2(x, ty + FontSize(f.heading) + t.Dp(2)), p.text_muted, question_fit.c_str());
    const float w = std::max(TextSize(f.heading, name_fit.c_str()).x, TextSize(f.small, question_fit.c_str()).x);
    ImGui::SetCursorScreenPos(ImVec2(x, ty));
    ImGui::InvisibleButton("##scenario", ImVec2(std::max(1.0f, w), block_h));
    hooks.RecordLastItem("Scenario");
    SemNode heading;
    heading.level = 1;
    heading.description = question;
    SemAt("##sem_scenario", SemRole::Heading, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), heading);
    if (s && ImGui::IsItemHovered()) {
        std::string body = s->question;
        if (!s->description.empty()) body += (body.empty() ? "" : "\n\n") + s->description;
        Tooltip(t, s->name, body);
    }
}

// A full-width bar (the header): a card without rounding or border. Pair with EndBar().
void BeginBar(const char* id, ImVec2 pos, ImVec2 size, ImU32 background) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(background));
    BeginCard(id, pos, size);
}

void EndBar() {
    EndCard();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
}

// An icon-only secondary button with a tooltip; records it under name.
bool IconButton(const Theme& t, TestHooks& hooks, const char* name, Icon icon, ImVec2 pos, float size, bool enabled,
                const std::string& tip_title, const std::string& tip_body = "") {
    ImGui::SetCursorScreenPos(pos);
    SemNext().name = tip_title;
    SemNext().description = tip_body;
    const bool pressed = Button(t, (std::string("##") + name).c_str(), "", icon, ImVec2(size, size), false, enabled);
    hooks.RecordLastItem(name);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) Tooltip(t, tip_title, tip_body);
    return pressed;
}

}  // namespace

void App::DrawHeader(Ui& ui, const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const Theme& t = theme_;
    BeginBar("##header", l.header_min, l.header_size, p.header);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = l.header_min;
    const ImVec2 b(a.x + l.header_size.x, a.y + l.header_size.y);
    const float m = t.Dp(20);
    const float row1_b = a.y + l.row1_h;
    const float row2_b = b.y - l.row3_h;  // = b.y unless compact
    dl->AddLine(ImVec2(a.x, row1_b - 0.5f), ImVec2(b.x, row1_b - 0.5f), WithAlpha(p.card_border, 0.6f), 1.0f);
    dl->AddLine(ImVec2(a.x, b.y - 0.5f), ImVec2(b.x, b.y - 0.5f), p.card_border, 1.0f);

    // ---- Row 1: brand, scenario, then (from the right) theme, present, help, files, undo/redo. In a
    // window under kToolsRowWidth the buttons but undo and redo take a row of their own below.
    const float cy = a.y + l.row1_h * 0.5f;
    const float cyt = l.tools_h > 0.0f ? row1_b + l.tools_h * 0.5f : cy;
    float x = DrawBrand(t, dl, a.x + m, cy, l.compact) + t.Dp(18);
    dl->AddLine(ImVec2(x, cy - t.Dp(16)), ImVec2(x, cy + t.Dp(16)), p.card_border, 1.0f);
    x += t.Dp(18);
    if (l.tools_h > 0.0f)
        dl->AddLine(ImVec2(a.x, row1_b + l.tools_h - 0.5f), ImVec2(b.x, row1_b + l.tools_h - 0.5f), WithAlpha(p.card_border, 0.6f), 1.0f);

    // Icon button size, the gap between buttons and either side of a separator (smaller on a
    // tools row, which must hold seven buttons in 280 pixels).
    const float bs = l.tools_h > 0.0f ? t.Dp(34) : t.Dp(38);
    const float gap = l.tools_h > 0.0f ? t.Dp(5) : t.Dp(8);
    const float sep = l.tools_h > 0.0f ? t.Dp(5) : t.Dp(14);
    float rx = b.x - m;
    // Drawn from the right; the page orders a toolbar's items by row, then left to right.
    SemPush("##sem_toolbar", SemRole::Toolbar, "Workspace", a, ImVec2(b.x, row1_b + l.tools_h));
    const bool light = t.Kind() == ThemeKind::Light;
    rx -= bs;
    if (IconButton(t, hooks_, "Theme", light ? Icon::Moon : Icon::Sun, ImVec2(rx, cyt - bs * 0.5f), bs, true,
                   light ? "Dark theme" : "Light theme", "Switch the colours; presentation mode always uses the light theme."))
        pending_theme_ = light ? ThemeKind::Dark : ThemeKind::Light;
    const float present_w = l.compact ? bs : TextSize(f.label, "Present").x + t.Dp(13) + t.Dp(9) + t.Dp(28);
    rx -= gap + present_w;
    ImGui::SetCursorScreenPos(ImVec2(rx, cyt - bs * 0.5f));
    if (l.compact) SemNext().name = "Present";
    if (Button(t, "##present", l.compact ? "" : "Present", Icon::Present, ImVec2(present_w, bs), false, !ws_.Empty())) SetPresenting(true);
    hooks_.RecordLastItem("Present");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip(t, "Presentation mode (P)", "Full screen, large type, one slide per scenario's results, then the comparison. "
                                            "Arrow keys move between slides; Esc leaves.");
    rx -= gap + bs;
    if (IconButton(t, hooks_, "Help", Icon::Help, ImVec2(rx, cyt - bs * 0.5f), bs, true, "Help (F1)",
                   "Keyboard shortcuts, how to use OrgSim, and how the model works."))
        help_open_ = !help_open_;
    rx -= sep;
    dl->AddLine(ImVec2(rx, cyt - bs * 0.42f), ImVec2(rx, cyt + bs * 0.42f), p.card_border, 1.0f);
    rx -= sep;
    // File buttons: their width is known after drawing, so they are placed by last frame's width.
    // Embedded in a course page, the one way out instead: the full app in a new tab.
    if (files_width_ > 0.0f) rx -= files_width_;
    float used = 0.0f;
    if (embedded_) {
        used = l.compact ? bs : TextSize(f.label, "Open in new tab").x + t.Dp(13 + 9 + 28);
        ImGui::SetCursorScreenPos(ImVec2(rx, cyt - bs * 0.5f));
        SemNext().description = "The full OrgSim, with files and sharing, in a tab of its own; it opens with this work.";
        if (l.compact) SemNext().name = "Open in new tab";
        if (Button(t, "##embed_open", l.compact ? "" : "Open in new tab", Icon::External, ImVec2(used, bs), false, true))
            files_.OpenFullApp(ui);
        hooks_.RecordLastItem("Embed:open");
        if (ImGui::IsItemHovered())
            Tooltip(t, "Open in a new tab", "The full OrgSim, with files, sharing and autosave, opens with what this frame shows.");
    } else {
        used = files_.DrawButtons(ui, ImVec2(rx, cyt - bs * 0.5f), bs, l.compact);
    }
    if (used != files_width_) {
        if (files_width_ <= 0.0f) rx -= used;
        files_width_ = used;
    }
    if (l.tools_h > 0.0f) rx = b.x - m + sep;  // undo and redo stay on row 1, at its right
    if (used > 0.0f) rx -= sep;
    rx -= bs;
    const std::string redo_label = ws_.RedoLabel();
    if (IconButton(t, hooks_, "Redo", Icon::Redo, ImVec2(rx, cy - bs * 0.5f), bs, ws_.CanRedo(),
                   redo_label.empty() ? std::string("Nothing to redo") : "Redo: " + redo_label, "Ctrl+Shift+Z or Ctrl+Y"))
        Redo();
    rx -= t.Dp(6) + bs;
    const std::string undo_label = ws_.UndoLabel();
    if (IconButton(t, hooks_, "Undo", Icon::Undo, ImVec2(rx, cy - bs * 0.5f), bs, ws_.CanUndo(),
                   undo_label.empty() ? std::string("Nothing to undo") : "Undo: " + undo_label, "Ctrl+Z"))
        Undo();
    SemPop();

    DrawScenarioBlock(t, hooks_, dl, ws_.Empty() ? nullptr : &ws_.ActiveScenario(), x, cy, rx - t.Dp(24) - x,
                      "The scenario could not be opened: see the problems below.");

    // ---- Row 2: view tabs on the left (on more rows when they do not fit), slot tabs on the right
    // (compact: on rows of their own below, from the left).
    const float row2_t = row1_b + l.tools_h;
    const float cy2 = row2_t + t.Dp(25);
    const float th = t.Dp(34);
    float tx = a.x + m;
    const std::vector<float> tab_w = TabWidths();
    const std::vector<FlowPlace> tab_at = Flow(tab_w, t.Dp(6), b.x - a.x - 2.0f * m);  // as ComputeLayout's rows
    SemPush("##sem_views", SemRole::TabList, "Views", ImVec2(tx, cy2 - th * 0.5f), ImVec2(b.x - m, row2_b - t.Dp(8)));
    for (int i = 0; i < kViewTabs; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const ImVec2 ts(tab_w[k], th);
        tx = a.x + m + tab_at[k].x;
        ImGui::SetCursorScreenPos(ImVec2(tx, cy2 + static_cast<float>(tab_at[k].row) * l.tab_h - th * 0.5f));
        if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Tab);
        if (ToggleButton(t, (std::string("##tab") + kViewNames[i]).c_str(), kViewNames[i], Icon::None, ts,
                         static_cast<int>(view_) == i))
            view_ = static_cast<View>(i);
        hooks_.RecordLastItem(std::string("Tab:") + kViewNames[i]);
        tx += ts.x + t.Dp(6);
    }
    SemPop();

    // Slot tabs, right-aligned: measure first.
    const int n = ws_.SlotCount();
    const float close_w = t.Dp(26);
    const std::vector<float> widths = SlotWidths();
    float total = 0.0f;
    for (float w : widths) total += w + t.Dp(6);
    const float add_w = widths.back();
    total -= t.Dp(6);
    float sx = std::max(tx + t.Dp(24), b.x - m - total);
    float cy_slots = l.compact ? row2_b + t.Dp(23) : cy2;
    const float slots_left = a.x + m + (n > 0 ? TextSize(f.small, "Scenarios").x + t.Dp(10) : 0.0f);
    if (l.compact) {
        dl->AddLine(ImVec2(a.x, row2_b - 0.5f), ImVec2(b.x, row2_b - 0.5f), WithAlpha(p.card_border, 0.6f), 1.0f);
        sx = slots_left;
    }
    // Compact: the slots flow onto rows (as SlotRows counts them); item i's place.
    const std::vector<FlowPlace> slot_at = l.compact ? Flow(widths, t.Dp(6), b.x - m - slots_left) : std::vector<FlowPlace>{};
    auto flow = [&](std::size_t i) {
        if (!l.compact) return;
        sx = slots_left + slot_at[i].x;
        cy_slots = row2_b + t.Dp(23) + static_cast<float>(slot_at[i].row) * t.Dp(46);
    };
    int close_slot = -1;
    SemPush("##sem_slots", SemRole::Group, "Open scenarios");
    DrawTextRight(dl, f.small, sx - t.Dp(10), cy_slots - FontSize(f.small) * 0.5f, p.text_faint, n > 0 ? "Scenarios" : "");
    for (int i = 0; i < n; ++i) {
        const float w = widths[static_cast<std::size_t>(i)];
        flow(static_cast<std::size_t>(i));
        const ImVec2 pos(sx, cy_slots - th * 0.5f);
        ImGui::PushID(i);
        const std::string label = Workspace::SlotLabel(i);
        // The close button is submitted before the tab it sits on, so that it wins the mouse in
        // its corner (ImGui gives an overlap to the first item), and drawn after it.
        bool close_pressed = false, close_hovered = false;
        const float cx = pos.x + w - close_w * 0.5f - t.Dp(5);
        if (i > 0) {
            ImGui::SetCursorScreenPos(ImVec2(cx - close_w * 0.5f + t.Dp(2), cy_slots - close_w * 0.5f + t.Dp(2)));
            close_pressed = ImGui::InvisibleButton("##close", ImVec2(close_w - t.Dp(4), close_w - t.Dp(4)));
            close_hovered = ImGui::IsItemHovered();
            hooks_.RecordLastItem("Slot:close:" + std::to_string(i));
            SemItem(SemRole::Button, "Close " + label);
            if (close_hovered)
                Tooltip(t, "Close " + label, "Its edits and their undo history close with it: save first to keep them.");
        }
        ImGui::SetCursorScreenPos(pos);
        SemNext().name = label + ": " + ws_.GetSlot(i).scenario.name;
        if (ToggleButton(t, "##slot", "", Icon::None, ImVec2(w, th), ws_.Active() == i)) {
            ws_.SetActive(i);
            if (presenting_) slide_ = i;
        }
        hooks_.Record("Slot:" + std::to_string(i), pos.x, pos.y, w - (i > 0 ? close_w : 0.0f), th);
        if (ImGui::IsItemHovered()) {
            const Slot& slot = ws_.GetSlot(i);
            Tooltip(t, label + kMiddot + slot.scenario.name, "Opened from: " + slot.origin +
                                                                 (i == 0 ? "\nThe baseline: the others are compared with it." : ""));
        }
        DrawText(dl, f.label, ImVec2(pos.x + t.Dp(14), cy_slots - FontSize(f.label) * 0.5f), ws_.Active() == i ? p.text : p.text_muted,
                 label.c_str());
        if (i > 0) {
            if (close_hovered) dl->AddCircleFilled(ImVec2(cx, cy_slots), close_w * 0.42f, p.control_active, 20);
            DrawIcon(t, dl, Icon::Close, ImVec2(cx, cy_slots), t.Dp(10), close_hovered ? p.text : p.text_muted, p.control);
        }
        if (close_pressed) close_slot = i;  // closed after the loop, which reads every slot
        ImGui::PopID();
        sx += w + t.Dp(6);
    }
    if (close_slot > 0) {
        const EditResult r = ws_.RemoveSlot(close_slot);
        if (!r.ok) Notify(r.message, true);
        else Notify("Closed " + Workspace::SlotLabel(close_slot) + ".", false);
    }
    flow(widths.size() - 1);
    ImGui::SetCursorScreenPos(ImVec2(sx, cy_slots - th * 0.5f));
    SemNext().name = "Add an alternative";
    SemNext().description = "Copy the active scenario into a new slot, change it, and compare.";
    if (Button(t, "##slot_add", "Alternative", Icon::Plus, ImVec2(add_w, th), false, n > 0 && n < kMaxSlots)) {
        const EditResult r = ws_.DuplicateActive();
        if (!r.ok) Notify(r.message, true);
        else Notify("Added " + Workspace::SlotLabel(ws_.Active()) + ", a copy of the scenario to change and compare.", false);
    }
    hooks_.RecordLastItem("Slot:add");
    SemPop();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip(t, "Add an alternative", n >= kMaxSlots ? "Four scenarios are open: close one first."
                                                        : "Copy the active scenario into a new slot, change it, and compare.");
    EndBar();
}

void App::DrawPresentHeader(const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const Theme& t = theme_;
    BeginBar("##present_header", l.header_min, l.header_size, p.background);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = l.header_min;
    const ImVec2 b(a.x + l.header_size.x, a.y + l.header_size.y);
    const float m = t.Dp(24);
    const float cy = (a.y + b.y) * 0.5f;
    float x = DrawBrand(t, dl, a.x + m, cy) + t.Dp(24);

    const std::vector<Slide> slides = Slides();
    const int n = static_cast<int>(slides.size());
    std::string title;
    if (n > 0) {
        const Slide& s = slides[static_cast<std::size_t>(std::clamp(slide_, 0, n - 1))];
        title = s.deck >= 0   ? classroom_.DeckTitle(s.deck)
                : s.slot >= 0 ? Workspace::SlotLabel(s.slot) + ": results"
                              : std::string("Comparison of ") + std::to_string(ws_.SlotCount()) + " scenarios";
    }
    // Right: the exit button, the slide indicator and the slide title.
    const float bs = t.Dp(34);
    float rx = b.x - m - bs;
    if (IconButton(t, hooks_, "Present", Icon::Close, ImVec2(rx, cy - bs * 0.5f), bs, true, "Leave presentation mode (Esc or P)"))
        SetPresenting(false);
    // A picture of the slide (PNG), for handouts and the learning platform.
    rx -= bs + t.Dp(8);
    if (IconButton(t, hooks_, "Slide:png", Icon::Download, ImVec2(rx, cy - bs * 0.5f), bs, n > 0, "Save this slide as a picture (PNG)")) {
        const std::string stem = present_deck_ ? std::string("debrief") : ws_.Empty() ? std::string("orgsim") : FileStem(ws_.ActiveScenario().name);
        // The slide below the header: the button's tooltip and the header's controls stay out of the picture.
        RequestPng(l.content_min, ImVec2(l.content_min.x + l.content_size.x, l.content_min.y + l.content_size.y),
                   stem + "-slide-" + std::to_string(slide_ + 1) + ".png");
    }
    char ind[32];
    std::snprintf(ind, sizeof ind, "%d / %d", n > 0 ? slide_ + 1 : 0, n);
    rx -= t.Dp(16);
    DrawTextRight(dl, f.label, rx, cy - FontSize(f.label) * 0.5f, p.text_faint, ind);
    hooks_.Record("Slide:indicator", rx - TextSize(f.label, ind).x, cy - FontSize(f.label) * 0.5f, TextSize(f.label, ind).x,
                  FontSize(f.label));
    rx -= TextSize(f.label, ind).x + t.Dp(20);
    const std::string title_fit = Ellipsize(f.heading, title, std::max(t.Dp(60), (b.x - x) * 0.35f));
    DrawTextRight(dl, f.heading, rx, cy - FontSize(f.heading) * 0.5f, p.text, title_fit.c_str());
    hooks_.Text("present.slide_title", title);
    rx -= TextSize(f.heading, title_fit.c_str()).x + t.Dp(24);

    const Scenario* s = nullptr;
    if (n > 0 && slides[static_cast<std::size_t>(std::clamp(slide_, 0, n - 1))].slot >= 0 && !ws_.Empty()) s = &ws_.ActiveScenario();
    if (s) DrawScenarioBlock(t, hooks_, dl, s, x, cy, rx - x, "");
    else if (present_deck_) {
        const std::string deck = Ellipsize(f.title, "Debrief: " + classroom_.DeckName(), std::max(t.Dp(60), rx - x));
        DrawText(dl, f.title, ImVec2(x, cy - FontSize(f.title) * 0.5f), p.text, deck.c_str());
    } else if (!ws_.Empty()) DrawText(dl, f.title, ImVec2(x, cy - FontSize(f.title) * 0.5f), p.text, "Which organisation works better?");
    EndBar();
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Run-control rail
//-----------------------------------------------------------------------------------------------
void App::DrawRail(Ui&, const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const Theme& t = theme_;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(18), t.Dp(16)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(8)));
    BeginCard("##rail", l.rail_min, l.rail_size, true);
    hooks_.Record("Panel:controls", l.rail_min.x, l.rail_min.y, l.rail_size.x, l.rail_size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;
    const float x0 = ImGui::GetCursorScreenPos().x;
    const bool have = runner_.LiveCount() > 0;
    const World* live = have ? runner_.Live(ws_.Active()) : nullptr;
    const int week = live ? live->Week() : 0;
    const int horizon = live ? live->Horizon() : (ws_.Empty() ? 0 : ws_.ActiveScenario().horizon_weeks);
    const bool done = have && runner_.LiveDone();

    // ---- Live run.
    SectionTitle(t, "Live run", "One run of every open scenario, week by week.");
    const char* play_label = playing_ ? "Pause" : done ? "Replay" : (week > 0 ? "Resume" : "Play");
    const Icon play_icon = playing_ ? Icon::Pause : done ? Icon::Replay : Icon::Play;
    SemNext().shortcut = "Space";
    if (Button(t, "##play", play_label, play_icon, ImVec2(w, t.Dp(44)), true, have)) SetPlaying(!playing_);
    hooks_.RecordLastItem("Play");
    if (ImGui::IsItemHovered()) Tooltip(t, "Play or pause (Space)", "Right arrow steps one week; Home resets.");
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (Button(t, "##step", "Step", Icon::Step, ImVec2(half, t.Dp(36)), false, have && !done)) StepWeek();
    hooks_.RecordLastItem("Step");
    ImGui::SameLine();
    if (Button(t, "##reset", "Reset", Icon::Reset, ImVec2(half, t.Dp(36)), false, have && week > 0)) ResetLive();
    hooks_.RecordLastItem("Reset");
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        DrawText(dl, f.label, c, p.text_muted, "Speed");
        char buf[48];
        std::snprintf(buf, sizeof buf, "%d weeks / s", speed_);
        DrawTextRight(dl, f.label, x0 + w, c.y, p.text, buf);
        ImGui::Dummy(ImVec2(w, FontSize(f.label)));
    }
    int speed = speed_;
    SemNext().name = "Speed";
    SemNext().value = std::to_string(speed_) + " weeks per second";
    if (Slider(t, "##speed", &speed, kMinSpeed, kMaxSpeed, w)) SetSpeed(speed);
    hooks_.RecordLastItem("Speed");
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        char buf[64];
        std::snprintf(buf, sizeof buf, "Week %d", week);
        DrawText(dl, f.heading, c, p.text, buf);
        const float wx = TextSize(f.heading, buf).x;
        if (horizon > 0) {
            std::snprintf(buf, sizeof buf, " of %d", horizon);
            DrawText(dl, f.body, ImVec2(c.x + wx, c.y + FontSize(f.heading) - FontSize(f.body) - t.Dp(1)), p.text_muted, buf);
            std::snprintf(buf, sizeof buf, "year %d", week == 0 ? 1 : (week + 51) / 52);
            DrawTextRight(dl, f.label, x0 + w, c.y + FontSize(f.heading) - FontSize(f.label) - t.Dp(1), p.text_muted, buf);
        }
        ImGui::Dummy(ImVec2(w, FontSize(f.heading)));
        std::snprintf(buf, sizeof buf, "Week %d of %d, year %d", week, horizon, week == 0 ? 1 : (week + 51) / 52);
        SemAt("##sem_week", SemRole::Text, buf, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ProgressBar(t, w, horizon > 0 ? static_cast<double>(week) / horizon : 0.0, p.accent);
        hooks_.RecordLastItem("Progress");
    }

    ImGui::Dummy(ImVec2(0, t.Dp(2)));
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        dl->AddLine(ImVec2(c.x, c.y), ImVec2(c.x + w, c.y), p.card_border, 1.0f);
        ImGui::Dummy(ImVec2(w, t.Dp(4)));
    }

    // ---- Replications: settings, run, progress.
    SectionTitle(t, "Replications", "Many runs with common random numbers give the ranges on Results and Compare.");
    const Scenario* s = ws_.Empty() ? nullptr : &ws_.ActiveScenario();
    if (s) {  // the fields need a scenario to show and change
        const float field_w = t.Dp(100);
        int active_field = -1;
        auto field_row = [&](int index, const char* label, const char* name, const char* unit, auto&& draw) {
            const ImVec2 c = ImGui::GetCursorScreenPos();
            const float fh = ImGui::GetFrameHeight();
            const bool has_unit = unit && *unit;
            // The unit beside the field, or (no room: a narrow rail, wider text spacing) under the label.
            const float unit_w = has_unit ? TextSize(f.small, unit).x : 0.0f;
            const bool beside = !has_unit || TextSize(f.label, label).x + t.Dp(16) + unit_w <= w - field_w - t.Dp(8);
            const float label_y = beside ? c.y + (fh - FontSize(f.label)) * 0.5f : c.y + (fh - FontSize(f.label) - FontSize(f.small)) * 0.5f;
            DrawText(dl, f.label, ImVec2(c.x, label_y), p.text_muted, label);
            if (has_unit)
                DrawText(dl, f.small,
                         beside ? ImVec2(x0 + w - field_w - t.Dp(8) - unit_w, c.y + (fh - FontSize(f.small)) * 0.5f)
                                : ImVec2(c.x, label_y + FontSize(f.label)),
                         p.text_faint, unit);
            ImGui::SetCursorScreenPos(ImVec2(x0 + w - field_w, c.y));
            ImGui::SetNextItemWidth(field_w);
            ImGui::PushID(index);
            const bool commit = draw();
            SemItem(SemRole::TextBox, unit && *unit ? std::string(label) + " (" + unit + ")" : std::string(label));
            ImGui::PopID();
            hooks_.RecordLastItem(name);
            if (ImGui::IsItemActive()) active_field = index;
            return commit;
        };
        if (edit_field_ != 0) edit_seed_ = s->seed;
        if (edit_field_ != 1) edit_horizon_ = s->horizon_weeks;
        if (edit_field_ != 2) edit_replications_ = s->replications;
        const bool seed_done = field_row(0, "Seed", "RunSeed", "", [&] {
            ImGui::InputScalar("##seed", ImGuiDataType_U64, &edit_seed_);
            return ImGui::IsItemDeactivatedAfterEdit();
        });
        char years[32];
        std::snprintf(years, sizeof years, "%.1f y", edit_horizon_ / 52.0);
        const bool horizon_done = field_row(1, "Horizon (weeks)", "RunHorizon", years, [&] {
            ImGui::InputInt("##horizon", &edit_horizon_, 0, 0);
            return ImGui::IsItemDeactivatedAfterEdit();
        });
        const bool reps_done = field_row(2, "Replications", "RunReplications", "", [&] {
            ImGui::InputInt("##replications", &edit_replications_, 0, 0);
            return ImGui::IsItemDeactivatedAfterEdit();
        });
        edit_field_ = active_field;
        if (seed_done || horizon_done || reps_done) ApplyRunSettings(edit_seed_, edit_horizon_, edit_replications_);
    }

    ImGui::Dummy(ImVec2(0, t.Dp(2)));
    const bool running = runner_.Running();
    const float run_w = (w - ImGui::GetStyle().ItemSpacing.x) * 0.6f;
    if (Button(t, "##run", "Run", Icon::Play, ImVec2(run_w, t.Dp(40)), true, s != nullptr)) {
        runner_.Start(ws_);
        auto_run_in_us_ = -1;
    }
    hooks_.RecordLastItem("Run");
    if (ImGui::IsItemHovered()) Tooltip(t, "Run the replications again", "They also start by themselves after every change.");
    ImGui::SameLine();
    if (Button(t, "##cancel", "Cancel", Icon::None, ImVec2(w - run_w - ImGui::GetStyle().ItemSpacing.x, t.Dp(40)), false, running)) {
        runner_.Cancel();
        auto_run_in_us_ = -1;
    }
    hooks_.RecordLastItem("Cancel");

    const Experiment* e = runner_.Results();
    const int completed = e ? e->Completed() : 0;
    const int total = e ? e->Replications() : (s ? s->replications : 0);
    const bool current = e && runner_.ResultsRevision() == ws_.Revision();
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s / %s", Thousands(completed).c_str(), Thousands(total).c_str());
        DrawText(dl, f.label, c, p.text, buf);
        DrawText(dl, f.small, ImVec2(c.x + TextSize(f.label, buf).x + t.Dp(5), c.y + FontSize(f.label) - FontSize(f.small)),
                 p.text_muted, "replications");
        if (running && runner_.Throughput() > 0.0) {
            const std::string tp = Compact(runner_.Throughput()) + " emp-weeks/s";
            DrawTextRight(dl, f.small, x0 + w, c.y + FontSize(f.label) - FontSize(f.small), p.text_faint, tp.c_str());
        }
        ImGui::Dummy(ImVec2(w, FontSize(f.label)));
        SemAt("##sem_reps", SemRole::Text, std::string(buf) + " replications", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ProgressBar(t, w, e ? e->Progress() : 0.0, current ? p.accent : p.axis);
        hooks_.RecordLastItem("ReplicationProgress");
    }
    {
        const char* status;
        ImU32 colour = p.text_muted;
        Icon icon = Icon::None;
        if (!s) status = "Open a scenario to run it.";
        else if (running && current) status = "Running\xE2\x80\xA6";
        else if (running) status = "Running an earlier version\xE2\x80\xA6";
        else if (current && e->Done()) {
            status = "Results are up to date.";
            icon = Icon::Check;
            colour = FunctionColour(Function::Digital);
        } else if (auto_run_in_us_ >= 0) status = "Starting after your change\xE2\x80\xA6";
        else if (e && !e->Done()) status = "Cancelled: press Run for full results.";
        else status = "Results are out of date: press Run.";
        const ImVec2 c = ImGui::GetCursorScreenPos();
        float tx = c.x;
        if (icon != Icon::None) {
            DrawIcon(t, dl, icon, ImVec2(c.x + t.Dp(7), c.y + FontSize(f.small) * 0.5f), t.Dp(12), colour, p.card);
            tx += t.Dp(20);
        }
        DrawText(dl, f.small, ImVec2(tx, c.y), icon != Icon::None ? p.text : colour, status);
        ImGui::Dummy(ImVec2(w, FontSize(f.small)));
        hooks_.Text("run.status", status);
        // Read where it is, and announced when it changes (a live region).
        SemAt("##sem_run_text", SemRole::Text, status, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        SemAt("##sem_run_status", SemRole::Status, status, ImVec2(0, 0), ImVec2(0, 0));
    }

    // Hint at the bottom when there is room.
    const float hint_h = FontSize(f.small) + t.Dp(4);
    if (ImGui::GetContentRegionAvail().y > hint_h + t.Dp(8)) {
        const float y = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - t.Dp(16) - FontSize(f.small);
        DrawText(dl, f.small, ImVec2(x0, y), p.text_faint, "Press F1 for keyboard shortcuts");
    }
    EndCard();
    ImGui::PopStyleVar(2);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Content, problems, toasts, help
//-----------------------------------------------------------------------------------------------
std::vector<const char*> App::Panes(View view) const {
    switch (view) {
        case View::Design: return {"Run", "Org chart", "Levers"};
        case View::Results: return {"Run", "Results"};
        case View::Compare: return {"Run", "Compare"};
        case View::Library: return {"Experiments", "Figure", "Paper"};
        case View::Sensitivity: return {"Run", "Sensitivity"};
        case View::Class: return classroom_.PaneNames();
        case View::Gallery:  // one column of cards already
        case View::Model: return {};
    }
    return {};
}

bool App::RailPane() const {
    const std::vector<const char*> panes = Panes(view_);
    return !panes.empty() && std::string(panes[static_cast<std::size_t>(Pane())]) == "Run";
}

int App::Pane() const {
    const int n = static_cast<int>(Panes(view_).size());
    return n == 0 ? 0 : std::clamp(pane_[static_cast<std::size_t>(view_)], 0, n - 1);
}

void App::DrawPaneBar(const Layout& l) {
    const Theme& t = theme_;
    const Fonts& f = t.GetFonts();
    const std::vector<const char*> panes = Panes(view_);
    if (panes.empty()) return;
    // The bar's window is wider than its buttons by the padding ImGui clips at a window's edges.
    const float pad = t.Dp(12);
    BeginBar("##panes", ImVec2(l.panes_min.x - pad, l.panes_min.y - pad * 0.5f),
             ImVec2(l.panes_size.x + 2.0f * pad, l.panes_size.y + pad), theme_.Colours().background);
    const float th = t.Dp(38), gap = t.Dp(6);
    // The panes share the bar's width, each at least its label's.
    float need = 0.0f;
    for (const char* name : panes) need += TextSize(f.label, name).x + t.Dp(28) + gap;
    const float extra = std::max(0.0f, (l.panes_size.x - (need - gap)) / static_cast<float>(panes.size()));
    float x = l.panes_min.x;
    const std::string list = std::string(kViewNames[static_cast<int>(view_)]) + " panes";
    SemPush("##sem_panes", SemRole::TabList, list, l.panes_min, ImVec2(l.panes_min.x + l.panes_size.x, l.panes_min.y + th));
    const int current = Pane();
    for (int i = 0; i < static_cast<int>(panes.size()); ++i) {
        const ImVec2 ts(TextSize(f.label, panes[static_cast<std::size_t>(i)]).x + t.Dp(28) + extra, th);
        ImGui::SetCursorScreenPos(ImVec2(x, l.panes_min.y));
        if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Tab);
        if (ToggleButton(t, (std::string("##pane") + panes[static_cast<std::size_t>(i)]).c_str(), panes[static_cast<std::size_t>(i)],
                         Icon::None, ts, current == i))
            pane_[static_cast<std::size_t>(view_)] = i;
        hooks_.RecordLastItem(std::string("Pane:") + panes[static_cast<std::size_t>(i)]);
        x += ts.x + gap;
    }
    SemPop();
    EndBar();
}

void App::DrawContent(Ui& ui, const Layout& l) {
    const ImVec2 pos = l.content_min, size = l.content_size;
    hooks_.Record("Panel:content", pos.x, pos.y, size.x, size.y);
    const bool needs_scenario =
        view_ == View::Design || view_ == View::Results || view_ == View::Compare || view_ == View::Sensitivity;
    if (ws_.Empty() && needs_scenario) {
        DrawProblems(pos, size);
        return;
    }
    switch (view_) {
        case View::Gallery: gallery_.Draw(ui, pos, size); break;
        case View::Design: {
            if (l.narrow) {  // one pane at a time
                if (Pane() == 2) levers_.Draw(ui, pos, size);
                else orgchart_.Draw(ui, pos, size);
                break;
            }
            const float gap = theme_.Dp(16);
            const float lw = std::clamp(size.x * 0.33f, std::min(theme_.Dp(300), size.x * 0.45f), theme_.Dp(560));
            orgchart_.Draw(ui, pos, ImVec2(size.x - lw - gap, size.y));
            levers_.Draw(ui, ImVec2(pos.x + size.x - lw, pos.y), ImVec2(lw, size.y));
            break;
        }
        case View::Results: dashboard_.Draw(ui, pos, size); break;
        case View::Compare: compare_.Draw(ui, pos, size); break;
        case View::Library: library_.Draw(ui, pos, size, l.narrow ? Pane() : -1); break;
        case View::Sensitivity: sensitivity_.Draw(ui, pos, size); break;
        case View::Class: {
            if (presenting_ && present_deck_) {
                const std::vector<Slide> slides = Slides();
                if (!slides.empty())
                    classroom_.DrawDeck(ui, slides[static_cast<std::size_t>(std::clamp(slide_, 0, static_cast<int>(slides.size()) - 1))].deck, pos, size);
                break;
            }
            const ImVec2 a = presenting_ ? pos : l.rail_min;
            classroom_.SetPane(l.narrow ? Pane() : -1);
            classroom_.Draw(ui, a, ImVec2(pos.x + size.x - a.x, size.y));
            break;
        }
        case View::Model: {
            const ImVec2 a = presenting_ ? pos : l.rail_min;
            modeldoc_.Draw(ui, a, ImVec2(pos.x + size.x - a.x, size.y));
            break;
        }
    }
}

void App::DrawProblems(ImVec2 pos, ImVec2 size) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(28), theme_.Dp(24)));
    BeginCard("##problems", pos, size, true);
    hooks_.Record("Panel:problems", pos.x, pos.y, size.x, size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(pos.x + 1, pos.y + theme_.Dp(18)), ImVec2(pos.x + theme_.Dp(5), pos.y + theme_.Dp(70)), p.danger,
                      theme_.Dp(2));
    ImGui::PushFont(f.title);
    ImGui::TextUnformatted("The scenario could not be opened");
    ImGui::PopFont();
    ImGui::PushFont(f.body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
    ImGui::TextWrapped("%s", scenario_path_.c_str());
    ImGui::TextWrapped("Nothing was simulated. Pick a scenario in the Gallery, or fix the problems below and open the file again.");
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, theme_.Dp(4)));
    if (Button(theme_, "##problems_gallery", "Open the Gallery", Icon::None, ImVec2(theme_.Dp(190), theme_.Dp(40)), true))
        view_ = View::Gallery;
    hooks_.RecordLastItem("Problems:gallery");
    ImGui::Dummy(ImVec2(0, theme_.Dp(8)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%zu problem%s", problems_.size(), problems_.size() == 1 ? "" : "s");
    ImGui::PushFont(f.heading);
    ImGui::TextUnformatted(buf);
    ImGui::PopFont();
    for (const Problem& pr : problems_) {
        ImGui::PushFont(f.label);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.danger));
        ImGui::TextUnformatted(pr.where.empty() ? "(document)" : pr.where.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::PushFont(f.body);
        ImGui::Indent(theme_.Dp(14));
        ImGui::TextWrapped("%s", pr.message.c_str());
        ImGui::Unindent(theme_.Dp(14));
        ImGui::PopFont();
    }
    EndCard();
    ImGui::PopStyleVar();
}

void App::DrawToasts() {
    if (toasts_.empty()) return;
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const Theme& t = theme_;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Drawn over everything (the foreground list), newest at the bottom, centred.
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    float y = display.y - t.Dp(28);
    const float max_w = std::min(t.Dp(640), display.x - t.Dp(48));
    for (auto it = toasts_.rbegin(); it != toasts_.rend(); ++it) {
        const Toast& toast = *it;
        const float remaining = static_cast<float>(kToastMicros - toast.age_us) / 1e6f;
        // Fades in and out, or (prefers-reduced-motion) appears and goes at once.
        const float alpha = PrefersReducedMotion() ? 1.0f
                                                   : std::clamp(std::min(remaining / 0.3f, static_cast<float>(toast.age_us) / 1e6f / 0.15f), 0.0f, 1.0f);
        const float pad_x = t.Dp(18), pad_y = t.Dp(12);
        const float icon_w = t.Dp(26);
        const ImVec2 ts = f.body->CalcTextSizeA(FontSize(f.body), 1e9f, max_w - 2 * pad_x - icon_w, toast.text.c_str());
        const float w = ts.x + 2 * pad_x + icon_w, h = ts.y + 2 * pad_y;
        const ImVec2 a(std::floor((display.x - w) * 0.5f), std::floor(y - h)), b(a.x + w, a.y + h);
        const ImU32 bg = t.Kind() == ThemeKind::Light ? p.ink : p.control_active;
        const ImU32 fg = t.Kind() == ThemeKind::Light ? p.background : p.text;
        dl->AddRectFilled(ImVec2(a.x, a.y + t.Dp(3)), ImVec2(b.x, b.y + t.Dp(3)), WithAlpha(IM_COL32(0, 0, 0, 255), 0.12f * alpha), t.Dp(10));
        dl->AddRectFilled(a, b, WithAlpha(bg, 0.97f * alpha), t.Dp(10));
        const ImU32 mark = toast.error ? p.danger : FunctionColour(Function::Digital);
        if (toast.error) dl->AddRect(a, b, WithAlpha(p.danger, alpha), t.Dp(10), 0, t.Dp(2));
        DrawIcon(t, dl, toast.error ? Icon::Warning : Icon::Check, ImVec2(a.x + pad_x + t.Dp(8), a.y + pad_y + FontSize(f.body) * 0.5f),
                 t.Dp(15), WithAlpha(mark, alpha), WithAlpha(bg, alpha));
        dl->AddText(f.body, FontSize(f.body), ImVec2(a.x + pad_x + icon_w, a.y + pad_y), WithAlpha(fg, alpha), toast.text.c_str(),
                    nullptr, max_w - 2 * pad_x - icon_w);
        if (it == toasts_.rbegin()) {
            hooks_.Record("Toast", a.x, a.y, w, h);
            SemAt("##sem_toast", toast.error ? SemRole::Alert : SemRole::Status, toast.text, a, b);
        }
        y = a.y - t.Dp(10);
    }
}

void App::DrawHelp() {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const Theme& t = theme_;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // A full-screen dimmed window, brought to the front every frame, with the card drawn inside.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(WithAlpha(p.ink, 0.35f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("##help_overlay", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    // Clicking the dimmed area closes the help.
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##help_dim", display)) help_open_ = false;

    const float cw = std::min(t.Dp(720), display.x - t.Dp(40));
    const float row_h = FontSize(f.body) + t.Dp(10);
    const int n = static_cast<int>(sizeof kShortcuts / sizeof kShortcuts[0]);
    // Height: what the content took last frame (first frame: an estimate), within the screen.
    const float want_h = help_h_ > 0.0f ? help_h_ : t.Dp(230) + FontSize(f.body) * 4.0f * 2.4f + row_h * static_cast<float>(n);
    const float ch = std::min(display.y - t.Dp(32), want_h);
    const ImVec2 pos(std::floor((display.x - cw) * 0.5f), std::floor((display.y - ch) * 0.5f));
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.card));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, t.Dp(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(28), t.Dp(22)));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(5)));
    ImGui::BeginChild("##help_card", ImVec2(cw, ch), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    hooks_.Record("Panel:help", pos.x, pos.y, cw, ch);
    SemPush("##sem_help", SemRole::Dialog, "How to use OrgSim", pos, ImVec2(pos.x + cw, pos.y + ch));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;
    const float x0 = ImGui::GetCursorScreenPos().x;
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        DrawText(dl, f.title, c, p.text, "How to use OrgSim");
        SemNode heading;
        heading.level = 2;
        SemAt("##sem_help_title", SemRole::Heading, "How to use OrgSim", c,
              ImVec2(c.x + TextSize(f.title, "How to use OrgSim").x, c.y + FontSize(f.title)), heading);
        const float bs = t.Dp(32);
        ImGui::SetCursorScreenPos(ImVec2(x0 + w - bs, c.y - t.Dp(2)));
        SemNext().name = "Close help";
        SemNext().shortcut = "Escape";
        if (Button(t, "##help_close", "", Icon::Close, ImVec2(bs, bs), false)) help_open_ = false;
        hooks_.RecordLastItem("Help:close");
        if (!help_focused_) {  // a dialog that opens takes the focus (WAI-ARIA dialog pattern)
            if (Semantics* sem = ActiveSemantics()) sem->RequestFocus(SemKey("##help_close"));
            help_focused_ = true;
        }
        ImGui::SetCursorScreenPos(ImVec2(x0, c.y + FontSize(f.title) + t.Dp(12)));
    }
    for (int i = 0; i < 4; ++i) {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float r = t.Dp(11);
        dl->AddCircleFilled(ImVec2(c.x + r, c.y + FontSize(f.body) * 0.5f + t.Dp(1)), r, WithAlpha(p.accent, 0.15f), 20);
        char num[4];
        std::snprintf(num, sizeof num, "%d", i + 1);
        const ImVec2 ns = TextSize(f.label, num);
        DrawText(dl, f.label, ImVec2(c.x + r - ns.x * 0.5f, c.y + FontSize(f.body) * 0.5f + t.Dp(1) - ns.y * 0.5f), p.accent, num);
        ImGui::SetCursorScreenPos(ImVec2(c.x + 2 * r + t.Dp(12), c.y));
        ImGui::PushFont(f.body);
        ImGui::PushTextWrapPos(x0 + w - ImGui::GetWindowPos().x);
        ImGui::TextUnformatted(kHowTo[i]);
        SemAt(kHowTo[i], SemRole::Text, std::string(num) + ". " + kHowTo[i], ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + t.Dp(2)));
    }
    ImGui::Dummy(ImVec2(0, t.Dp(6)));
    {
        // The way to the model's documentation: a row that opens the page "How the model works".
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float rh = FontSize(f.label) + FontSize(f.small) + t.Dp(26);
        const bool pressed = ImGui::InvisibleButton("##help_modeldoc", ImVec2(w, rh));
        SemNode link;
        link.description = "Agents, decisions, mechanisms and sources.";
        SemItem(SemRole::Link, "How the model works", link);
        const bool hovered = ImGui::IsItemHovered();
        hooks_.RecordLastItem("Help:modeldoc");
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const ImVec2 e(c.x + w, c.y + rh);
        dl->AddRectFilled(c, e, WithAlpha(p.accent, hovered ? 0.16f : 0.09f), t.Dp(10));
        dl->AddRect(c, e, WithAlpha(p.accent, hovered ? 0.6f : 0.3f), t.Dp(10));
        DrawIcon(t, dl, Icon::Help, ImVec2(c.x + t.Dp(24), c.y + rh * 0.5f), t.Dp(18), p.accent, p.card);
        const float tx = c.x + t.Dp(46);
        const float ty = c.y + (rh - FontSize(f.label) - FontSize(f.small) - t.Dp(4)) * 0.5f;
        DrawText(dl, f.label, ImVec2(tx, ty), p.text, "How the model works");
        const char* sub = "Agents, decisions, mechanisms and sources; each lever's ? opens it at its own section.";
        DrawText(dl, f.small, ImVec2(tx, ty + FontSize(f.label) + t.Dp(4)), p.text_muted,
                 Ellipsize(f.small, sub, w - (tx - c.x) - t.Dp(44)).c_str());
        DrawTextRight(dl, f.heading, e.x - t.Dp(18), c.y + (rh - FontSize(f.heading)) * 0.5f - t.Dp(1), hovered ? p.accent : p.text_muted,
                      "\xE2\x86\x92");
        if (pressed) OpenModelDoc("");
        ImGui::Dummy(ImVec2(0, t.Dp(8)));
    }
    // A setting kept in storage, as a switch with its label (wrapped beside it in a narrow dialog).
    auto setting = [&](const char* id, const char* hook, const char* label, const char* description, bool* value,
                       const char* storage_key) {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const ImVec2 sw(t.Dp(44), t.Dp(24));
        const float wrap = std::max(t.Dp(80), w - sw.x - t.Dp(12));
        const ImVec2 ls = f.body->CalcTextSizeA(FontSize(f.body), FLT_MAX, wrap, label);
        const float rh = std::max(sw.y, ls.y) + t.Dp(8);
        const bool pressed = ImGui::InvisibleButton(id, ImVec2(sw.x + t.Dp(12) + ls.x, rh));
        const bool hovered = ImGui::IsItemHovered();
        hooks_.RecordLastItem(hook);
        SemNode node;
        node.on = *value;
        node.description = description;
        SemItem(SemRole::Switch, label, node);
        if (hovered) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            Tooltip(t, label, description);
        }
        const ImVec2 a(c.x, c.y + (rh - sw.y) * 0.5f);
        DrawSwitchTrack(t, dl, a, sw, *value, hovered);
        dl->AddText(f.body, FontSize(f.body), ImVec2(a.x + sw.x + t.Dp(12), c.y + (rh - ls.y) * 0.5f), p.text, label, nullptr, wrap);
        if (pressed) {
            *value = !*value;
            std::string error;
            services::StorageSet(storage_key, *value ? "on" : "off", &error);  // not kept: the default again next time
        }
        ImGui::Dummy(ImVec2(0, t.Dp(2)));
        return pressed;
    };
    auto heading = [&](const char* id, const char* text) {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        DrawText(dl, f.heading, c, p.text, text);
        ImGui::Dummy(ImVec2(w, FontSize(f.heading) + t.Dp(4)));
        SemNode node;
        node.level = 3;
        SemAt(id, SemRole::Heading, text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), node);
    };
    heading("##sem_help_reading", "Reading");
    // Text further apart for readers who need it (WCAG 1.4.12).
    if (setting("##help_text_spacing", "Help:text_spacing", "Wider text spacing",
                "Lines 1.5 times the type's size apart, letters and words further apart (WCAG 1.4.12). The layout makes room.",
                &text_spacing_, kTextSpacingStorage))
        theme_.SetTextSpacing(text_spacing_);
    ImGui::Dummy(ImVec2(0, t.Dp(6)));
    heading("##sem_help_keys", "Keyboard shortcuts");
    // The single-character shortcuts can be turned off (WCAG 2.1.4).
    setting("##help_single_keys", "Help:single_keys", "Single-key shortcuts (Space, P, ?)",
            "Off: only keys with Ctrl, the arrows, Home, F1 and Esc act; voice control or a stray key press cannot start the run or a presentation.",
            &single_keys_, kSingleKeysStorage);
    const float keys_w = std::min(t.Dp(190), w * 0.45f);
    for (int i = 0; i < n; ++i) {
        const Shortcut& s = kShortcuts[i];
        const ImVec2 c = ImGui::GetCursorScreenPos();
        // Key caps: each alternative of the same action on one row ("Ctrl+Shift+Z", "Ctrl+Y").
        if (i > 0 && kShortcuts[i - 1].action == s.action && kShortcuts[i - 1].when == s.when) continue;
        float kx = c.x;
        for (int j = i; j < n && kShortcuts[j].action == s.action && kShortcuts[j].when == s.when; ++j) {
            const ImVec2 ks = TextSize(f.label, kShortcuts[j].keys);
            const ImVec2 ka(kx, c.y + t.Dp(1)), kb(kx + ks.x + t.Dp(16), c.y + row_h - t.Dp(3));
            dl->AddRectFilled(ka, kb, p.control, t.Dp(5));
            dl->AddRect(ka, kb, p.card_border, t.Dp(5));
            DrawText(dl, f.label, ImVec2(ka.x + t.Dp(8), (ka.y + kb.y - ks.y) * 0.5f), p.text, kShortcuts[j].keys);
            kx = kb.x + t.Dp(8);
        }
        const bool off = !single_keys_ && SingleCharacter(s);
        const std::string what = std::string(s.what) + (off ? " (turned off)" : "");
        // What the keys do: beside them, or (a narrow dialog) wrapped on the lines below them.
        float dx = c.x + std::max(keys_w, kx - c.x + t.Dp(4)), dy = c.y + (row_h - FontSize(f.body)) * 0.5f - t.Dp(1);
        float used_h = row_h;
        if (dx + TextSize(f.body, what.c_str()).x > c.x + w) {
            dx = c.x + t.Dp(8);
            dy = c.y + row_h;
            used_h = row_h + f.body->CalcTextSizeA(FontSize(f.body), FLT_MAX, w - t.Dp(8), what.c_str()).y + t.Dp(6);
        }
        dl->AddText(f.body, FontSize(f.body), ImVec2(dx, dy), off ? p.text_faint : p.text_muted, what.c_str(), nullptr, c.x + w - dx);
        ImGui::Dummy(ImVec2(w, used_h));
        {
            std::string keys;
            for (int j = i; j < n && kShortcuts[j].action == s.action && kShortcuts[j].when == s.when; ++j)
                keys += (keys.empty() ? "" : " or ") + std::string(kShortcuts[j].keys);
            SemAt(s.what, SemRole::Text, keys + ": " + what, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        }
    }
    help_h_ = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + t.Dp(22) + 2.0f;
    SemPop();
    ImGui::EndChild();
    ImGui::PopStyleVar(4);
    ImGui::PopStyleColor();
    ImGui::End();
}

}  // namespace orgsim::ui
