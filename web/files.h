// files.h: files and sharing: open (file picker, drag and drop), save, autosave to browser
// storage and restore on reload, share links (the workspace and seed in the URL), CSV export of a
// run, PNG export of the current view, and the problems dialog for corrupt files or links. The
// shell owns one FilesMenu and calls it as documented below; it also wires Ui::download to
// Download() and Ui::export_png to RequestPng().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/scenario.h"
#include "web/persist.h"
#include "web/services.h"
#include "web/ui.h"

namespace orgsim::ui {

/// Offer a file for download (browser) or write it to the working folder (desktop). Returns false
/// (and logs why) when the host refused.
bool Download(const std::string& file_name, const std::string& mime, const std::string& data);
/// Ask for a PNG of a screen rectangle (logical pixels) under a file name. The pixels are read in
/// FilesMenu::AfterRender two frames later (so that the menu that asked has closed), at the
/// framebuffer's resolution: the image is (max - min) x the device pixel ratio.
void RequestPng(ImVec2 min, ImVec2 max, const std::string& file_name);

/// localStorage key (browser) / file stem under ~/.config/orgsim (desktop) of the autosave of
/// earlier versions (one plain workspace document); read and migrated, no longer written.
constexpr const char* kAutosaveKey = "orgsim.autosave";
/// The two keys the autosave alternates between (one generation each: persist.h, EncodeAutosave).
constexpr const char* kAutosaveKeys[2] = {"orgsim.autosave.a", "orgsim.autosave.b"};
/// Seconds without workspace changes before the autosave is written.
constexpr double kAutosaveDelaySeconds = 1.0;

class FilesMenu {
public:
    /// Once, before the first frame, after the default scenario is open: open a share link in the
    /// URL, else offer the newest valid autosave in a restore prompt (the default stays open until
    /// the user picks Restore).
    void Startup(Ui& ui);
    /// Every frame (before panels): take dropped or picked files, autosave after changes, draw the
    /// problems dialog when the last file or link was rejected.
    void Frame(Ui& ui);
    /// Draw the file buttons (Open, Save, Share, Export) in a row starting at pos with the given
    /// height; returns the width used. Hidden in presentation mode (the shell does not call it).
    /// icons_only: square icon buttons (named for assistive technology, with a tooltip) for a
    /// narrow window, e.g. at 200% browser zoom.
    float DrawButtons(Ui& ui, ImVec2 pos, float height, bool icons_only = false);
    /// After the panels: while autosaves fail (storage full or forbidden), a notice at the foot of
    /// the content area (min, size) that work is not kept in the browser, with "Save to file".
    void DrawNotice(Ui& ui, ImVec2 min, ImVec2 size);
    /// The Embed dialog: the HTML snippet that shows this page's fragment (a share link's, or an
    /// assignment's) in a course page's frame, in the compact layout (web/embed.h); title names the
    /// frame for screen readers.
    void ShowEmbed(const std::string& fragment, const std::string& title);
    /// The compact layout's way out: this workspace (or the assignment the page was opened with)
    /// in the full app in a new tab; where the embedding page forbids new tabs, a dialog shows the
    /// link to open by hand.
    void OpenFullApp(Ui& ui);
    /// After ImGui's draw data is rendered and before the frame is presented: read back pixels
    /// for a pending PNG export.
    void AfterRender();
    /// True while work waits for later frames (an autosave's delay, the clipboard's answer, a PNG
    /// export): the app keeps drawing until it is done.
    bool Busy() const;

private:
    bool menu_focused_ = false;  ///< this frame's open menu has given its first item the focus
    enum class Dialog { None, Problems, OpenChoice, CopyLink, OpenPath, Restore, Embed };

    void HandleFile(Ui& ui, const services::IncomingFile& file);
    void OpenScenario(Ui& ui, const Scenario& s, const std::string& origin, bool as_alternative);
    void OpenWorkspace(Ui& ui, const WorkspaceDoc& doc, const std::string& origin);
    void ShowProblems(const std::string& title, const std::vector<Problem>& problems);
    void Autosave(Ui& ui);
    void Restore(Ui& ui);
    void Share(Ui& ui);
    void SaveScenario(Ui& ui);
    void SaveWorkspace(Ui& ui);
    void ExportSeries(Ui& ui);
    void ExportReplications(Ui& ui);
    void ExportPng(Ui& ui);
    void Offer(Ui& ui, const std::string& file_name, const std::string& mime, const std::string& data);
    void DrawDialog(Ui& ui);
    bool MenuItem(Ui& ui, const char* id, const char* label, const std::string& hint, bool enabled, float width);
    void Publish(Ui& ui);

    // Autosave: the revision last written and when the workspace last changed.
    std::uint64_t autosaved_revision_ = 0;
    std::uint64_t seen_revision_ = 0;
    double changed_at_ = 0.0;        ///< ImGui time of the last change, seconds
    std::size_t autosave_bytes_ = 0;
    int autosave_key_ = 0;               ///< key of the next write (never the one with the last good copy)
    std::uint32_t autosave_generation_ = 1;  ///< generation of the next write
    std::string storage_error_;          ///< why the last autosave failed ("" = it worked): the notice
    bool storage_unavailable_ = false;   ///< storage was refused at startup (a sandboxed frame): no write can work
    std::string dismissed_error_;        ///< the storage notice was closed while it said this
    std::string autosave_status_;        ///< what startup found (test hooks)
    // The restore prompt: the copy offered, how old it is, and whether a newer copy was damaged.
    std::optional<WorkspaceDoc> pending_restore_;
    double restore_age_ = -1.0;          ///< seconds; negative = unknown
    bool restore_fallback_ = false;
    bool autosave_due_ = false;      ///< a change waits for its autosave
    std::uint64_t link_revision_ = 0;  ///< revision a share link opened (fragment cleared after edits)

    // The dialog on screen and what it shows.
    Dialog dialog_ = Dialog::None;
    bool dialog_opened_ = false;     ///< ImGui::OpenPopup issued for the current dialog
    std::string dialog_title_;
    std::vector<Problem> problems_;
    std::string last_error_;
    // A scenario waiting for "replace baseline or add as alternative".
    std::optional<Scenario> pending_scenario_;
    std::optional<WorkspaceDoc> pending_workspace_;
    std::string pending_origin_;
    // Share: the link, and whether the clipboard's answer is awaited.
    std::string share_url_;
    bool copy_pending_ = false;
    std::string link_note_;          ///< the CopyLink dialog's explanation
    // Embed: what the snippet shows, its frame height (CSS pixels) and the snippet itself.
    std::string embed_fragment_;
    std::string embed_title_;
    int embed_height_ = 0;
    std::string embed_snippet_;
    std::string embed_url_;
    std::string full_app_url_;       ///< the last address OpenFullApp opened (test hooks)
    // The desktop's Open dialog (no native picker in SDL2).
    std::array<char, 1024> open_path_{};
    std::string last_download_;
    // Cached JSON of the workspace for the test hooks (rebuilt when the revision changes).
};

}  // namespace orgsim::ui
