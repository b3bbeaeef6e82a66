// ui.h: what every panel gets each frame: the workspace (documents), the runner (runs), the theme,
// the test hooks and a few shell services. Panels are functions of this state (immediate mode):
// they read it, draw, and change things only through Workspace / Runner commands or the callbacks
// below, never by writing into simulation memory.
#pragma once

#include <functional>
#include <string>

#include "imgui.h"
#include "sim/sweep.h"
#include "web/theme.h"
#include "web/ui_test_hooks.h"
#include "web/workspace.h"

namespace orgsim::ui {

/// Under this width (logical pixels inside its card) a panel stacks its parts in one column that
/// scrolls (a narrow window: WCAG 1.4.10 reflow).
constexpr float kStackWidth = 640.0f;

/// The app's main views (tabs in the header), and the page "How the model works" (no tab: opened
/// from the help overlay and from the levers).
enum class View { Gallery, Design, Results, Compare, Library, Sensitivity, Class, Model };

struct Ui {
    Workspace& ws;
    Runner& runner;
    const Theme& theme;
    TestHooks& hooks;
    std::string assets_dir;     ///< holds fonts/ and scenarios/ (and scenarios/march/, docs/ in the browser)
    bool presenting = false;    ///< presentation mode: large type, no editing chrome
    /// Show a short message to the user (a toast); error = true draws it as a problem.
    std::function<void(const std::string& message, bool error)> notify;
    /// Switch the main view (e.g. the gallery opens a preset, then shows Design).
    std::function<void(View)> show;
    /// Save a PNG of a screen rectangle (logical pixels) of the current frame under a file name.
    std::function<void(ImVec2 min, ImVec2 max, const std::string& file_name)> export_png;
    /// Offer a file for download (browser) or write it to the working folder (desktop).
    std::function<void(const std::string& file_name, const std::string& mime, const std::string& data)> download;
    /// Show the page "How the model works" at a heading (ModelDocPanel::Open: candidates separated
    /// by '|'; empty = the top).
    std::function<void(const std::string& where)> open_model_doc;
    /// Show a merged sweep result (opened as a file) in the Sensitivity view's "Sweep result" tab.
    std::function<void(SweepResult result, const std::string& file_name)> open_sweep;
    /// Open a classroom file (an assignment or a student's submission: web/classroom.h) in the
    /// Class view.
    std::function<void(const std::string& file_name, const std::string& text)> open_class_file;
    /// Open an assignment link's fragment ("assign=...") in the Class view, as a student sees it.
    std::function<void(const std::string& fragment)> open_class_link;
    /// Show the Embed dialog for a link's fragment (a share link's or an assignment's); title names
    /// the frame for screen readers.
    std::function<void(const std::string& fragment, const std::string& title)> embed;
    /// The page is embedded in another page's frame (?embed=1): the compact layout, no file menu.
    bool embedded = false;
};

}  // namespace orgsim::ui
