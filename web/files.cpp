// files.cpp: files and sharing (see files.h).
//
// [SECTION] PNG requests and downloads (free functions)
// [SECTION] Startup: share link, else autosave (restore prompt)
// [SECTION] Frame: incoming files, autosave, clipboard, test values
// [SECTION] Opening
// [SECTION] Saving, sharing, exporting
// [SECTION] Header buttons and menus
// [SECTION] Dialogs
#include "web/files.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cctype>
#include <cstdio>

#include "imgui_internal.h"  // BringWindowToDisplayFront: the storage notice stays above the panels
#include "web/classroom.h"
#include "web/embed.h"
#include "web/theme.h"
#include "web/widgets.h"

namespace orgsim::ui {

namespace {

//-----------------------------------------------------------------------------------------------
// [SECTION] PNG requests and downloads (free functions)
//-----------------------------------------------------------------------------------------------
// One pending PNG export. A free function fills it (Ui::export_png has no FilesMenu to hand) and
// FilesMenu::AfterRender serves it: one app per page, like the test hooks.
struct PngRequest {
    bool active = false;
    int frames_to_wait = 0;
    ImVec2 min, max;
    std::string name;
    // The result, reported by the next Frame().
    bool done = false;
    std::string message;
    bool error = false;
    int width = 0, height = 0;
};

PngRequest& Png() {
    static PngRequest request;
    return request;
}

// Wall-clock time, Unix seconds (when an autosave was written; its age on restore).
double NowSeconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

// A page address that names a scenario ("?scenario=NAME": a gallery link, a test) opens that
// scenario, not the autosave.
bool AsksForScenario(const std::string& url) {
    const auto q = url.find('?');
    return q != std::string::npos && (url.find("?scenario=", q) != std::string::npos || url.find("&scenario=", q) != std::string::npos);
}

bool Edited(const Workspace& ws) {
    if (ws.SlotCount() > 1) return true;
    for (int i = 0; i < ws.SlotCount(); ++i)
        if (!ws.GetSlot(i).undo.empty()) return true;
    return false;
}

std::string Plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string MegaBytes(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

}  // namespace

bool Download(const std::string& file_name, const std::string& mime, const std::string& data) {
    std::string error;
    const std::string where = services::Download(file_name, mime, data, &error);
    if (where.empty()) std::fprintf(stderr, "OrgSim: %s was not saved: %s\n", file_name.c_str(), error.c_str());
    return !where.empty();
}

void RequestPng(ImVec2 min, ImVec2 max, const std::string& file_name) {
    PngRequest& r = Png();
    r.active = true;
    r.frames_to_wait = 2;  // the frame that asked may still show the menu or a pressed button
    r.min = min;
    r.max = max;
    r.name = file_name;
}

void FilesMenu::AfterRender() {
    PngRequest& r = Png();
    if (!r.active) return;
    if (r.frames_to_wait-- > 0) return;
    r.active = false;
    const ImGuiIO& io = ImGui::GetIO();
    const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
    const int fb_w = static_cast<int>(std::lround(io.DisplaySize.x * sx));
    const int fb_h = static_cast<int>(std::lround(io.DisplaySize.y * sy));
    const int x0 = std::clamp(static_cast<int>(std::lround(r.min.x * sx)), 0, fb_w);
    const int x1 = std::clamp(static_cast<int>(std::lround(r.max.x * sx)), 0, fb_w);
    const int y0 = std::clamp(static_cast<int>(std::lround(r.min.y * sy)), 0, fb_h);
    const int y1 = std::clamp(static_cast<int>(std::lround(r.max.y * sy)), 0, fb_h);
    const int w = x1 - x0, h = y1 - y0;
    r.done = true;
    if (w <= 0 || h <= 0) {
        r.error = true;
        r.message = "Nothing to save: the area is empty.";
        return;
    }
    std::vector<std::uint8_t> raw, rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    services::ReadPixels(x0, fb_h - y1, w, h, raw);  // GL rows start at the bottom
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    for (int y = 0; y < h; ++y)
        std::copy_n(raw.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(h - 1 - y) * row), row,
                    rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row));
    for (std::size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;  // the canvas' alpha is not the picture's
    std::string error;
    const std::string where = services::SavePng(r.name, w, h, rgba, &error);
    r.error = where.empty();
    r.width = w;
    r.height = h;
    r.message = r.error ? "The picture was not saved: " + error
                        : "Saved " + r.name + " (" + std::to_string(w) + " \xC3\x97 " + std::to_string(h) + " pixels)";
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Startup: share link, else autosave
//-----------------------------------------------------------------------------------------------
void FilesMenu::Startup(Ui& ui) {
    // A frame that forbids storage (sandboxed without allow-same-origin) or a browser that refuses
    // it: the notice says so from the start, instead of after the first edit.
    if (std::string why; !services::StorageAvailable(&why)) {
        storage_unavailable_ = true;
        storage_error_ = why;
    }
    // Both generations are read whatever opens, so that the next write never lands on the last
    // good copy (a link or ?scenario= opened now keeps the autosave for a later visit).
    std::optional<std::string> stored[2], legacy;
    for (int k = 0; k < 2; ++k)
        if (std::string text; services::StorageGet(kAutosaveKeys[k], text)) stored[k] = std::move(text);
    if (std::string text; services::StorageGet(kAutosaveKey, text)) legacy = std::move(text);
    AutosaveChoice choice = ChooseAutosave(stored[0], stored[1], legacy);
    if (choice.source == 2 && !stored[0] && !stored[1]) {
        // An autosave of an earlier version: migrate it into the first generation, then drop the
        // old key (kept when the copy cannot be written, and read again next time).
        std::string error;
        if (services::StorageSet(kAutosaveKeys[0], EncodeAutosave(1, *legacy), &error)) {
            services::StorageRemove(kAutosaveKey);
            choice.source = 0;
            choice.write_key = 1;
            choice.next_generation = 2;
        }
    }
    autosave_key_ = choice.write_key;
    autosave_generation_ = choice.next_generation;
    if (!choice.problem.empty()) std::fprintf(stderr, "OrgSim: autosave: %s\n", choice.problem.c_str());

    const std::string fragment = services::GetFragment();
    if (IsAssignmentFragment(fragment)) {
        // An assignment link opens the Class view as a student sees it; the workspace and its
        // autosave stay as they are (no restore prompt over the assignment).
        autosave_status_ = "assignment";
        if (ui.open_class_link) ui.open_class_link(fragment);
    } else if (IsShareFragment(fragment)) {
        // A link always wins over the autosave: the user clicked it to see that workspace. A broken
        // link leaves the default open and says why.
        autosave_status_ = "link";
        DocResult r = DecodeShareFragment(fragment);
        if (!r.ok()) {
            ShowProblems("This link could not be opened", r.problems);
        } else if (const EditResult e = ApplyWorkspace(ui.ws, *r.doc); !e.ok) {
            ShowProblems("This link could not be opened", {{"link", e.message}});
        } else {
            link_revision_ = ui.ws.Revision();
            if (ui.notify) ui.notify("Opened the shared workspace (" + Plural(r.doc->slots.size(), "scenario", "scenarios") + ")", false);
        }
    } else if (AsksForScenario(services::PageUrl())) {
        autosave_status_ = "scenario";
    } else if (choice.doc) {
        // Ask before replacing the default: the prompt shows what would come back.
        autosave_status_ = choice.newest_damaged ? "fallback" : "found";
        restore_age_ = choice.doc->saved_at > 0.0 ? std::max(0.0, NowSeconds() - choice.doc->saved_at) : -1.0;
        restore_fallback_ = choice.newest_damaged;
        pending_restore_ = std::move(choice.doc);
        dialog_ = Dialog::Restore;
        dialog_opened_ = false;
        dialog_title_ = "Continue where you left off?";
    } else if (choice.all_damaged) {
        // Damaged store (or an autosave from another version): keep the default, say so once.
        autosave_status_ = "damaged";
        last_error_ = "autosave: " + choice.problem;
        if (ui.notify) ui.notify("Your autosaved work could not be restored: the saved copies are damaged. The default scenario is open.", true);
    } else {
        autosave_status_ = "none";
    }
    autosaved_revision_ = seen_revision_ = ui.ws.Revision();
    changed_at_ = 0.0;
}

void FilesMenu::Restore(Ui& ui) {
    if (!pending_restore_) return;
    const WorkspaceDoc doc = std::move(*pending_restore_);
    pending_restore_.reset();
    if (const EditResult e = ApplyWorkspace(ui.ws, doc); !e.ok) {
        ShowProblems("Your work could not be restored", {{"autosave", e.message}});
        return;
    }
    // The restored copy is what is stored: no write until the next change (which goes to the other key).
    autosaved_revision_ = seen_revision_ = ui.ws.Revision();
    const std::string when = restore_age_ >= 0.0 ? "saved " + DescribeAge(restore_age_) : std::string("saved earlier");
    if (!ui.notify) return;
    if (restore_fallback_) ui.notify("The last autosave was damaged; restored the one " + when + ".", true);
    else ui.notify("Restored your work (" + DescribeRestore(doc, restore_age_) + ")", false);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Frame: incoming files, autosave, clipboard, test values
//-----------------------------------------------------------------------------------------------
void FilesMenu::Frame(Ui& ui) {
    services::IncomingFile file;
    // Sweep results (CSV) may be larger than scenarios; ReadAnyFile applies each kind's own limit.
    while (services::TakeIncomingFile(std::max<std::size_t>(kMaxOpenBytes, kMaxSweepResultBytes), file)) HandleFile(ui, file);

    Autosave(ui);

    if (copy_pending_) {
        const int r = services::ClipboardResult();
        if (r != 0) {
            copy_pending_ = false;
            if (dialog_ == Dialog::Embed) {  // the snippet: it stays selected in the dialog either way
                if (ui.notify)
                    ui.notify(r > 0 ? std::string("Snippet copied: paste it into the course page's HTML")
                                    : std::string("The browser did not let OrgSim copy: the snippet is selected, press Ctrl+C"),
                              r <= 0);
            } else if (r > 0) {
                if (ui.notify) ui.notify("Link copied", false);
            } else {
                link_note_ = "The browser did not let OrgSim copy it. The link is selected below: press Ctrl+C (\xE2\x8C\x98" "C on a Mac) to "
                             "copy it. It is also in the address bar.";
                dialog_ = Dialog::CopyLink;
                dialog_opened_ = false;
                dialog_title_ = "Copy this link";
            }
        }
    }

    PngRequest& png = Png();
    if (png.done) {
        png.done = false;
        if (png.error) last_error_ = png.message;
        if (ui.notify) ui.notify(png.message, png.error);
    }

    DrawDialog(ui);
    Publish(ui);
}

void FilesMenu::Autosave(Ui& ui) {
    const std::uint64_t rev = ui.ws.Revision();
    const double now = ImGui::GetTime();
    if (rev != seen_revision_) {  // debounce: a slider drag is many revisions, one save
        seen_revision_ = rev;
        changed_at_ = now;
    }
    autosave_due_ = rev != autosaved_revision_ && !ui.ws.Empty();
    if (!autosave_due_ || now - changed_at_ < kAutosaveDelaySeconds) return;
    autosave_due_ = false;
    // Into the key that does not hold the last good copy: a failed or cut-off write loses nothing.
    const std::string text = EncodeAutosave(autosave_generation_, WriteWorkspace(ui.ws, NowSeconds(), true));
    std::string error;
    autosaved_revision_ = rev;  // also on failure: retried on the next change, not every frame
    if (storage_unavailable_) {
        // Refused at startup (a sandboxed frame): no write can work, and the notice says why.
    } else if (services::StorageSet(kAutosaveKeys[autosave_key_], text, &error)) {
        autosave_bytes_ = text.size();
        autosave_key_ = 1 - autosave_key_;
        ++autosave_generation_;  // wraps around; NewerGeneration compares across the wrap
        storage_error_.clear();
    } else {
        // The notice (DrawNotice) stays until a later autosave works.
        storage_error_ = error.empty() ? std::string("browser storage refused the write") : error;
    }
    // The URL still holds the link this workspace came from; after an edit a reload must bring
    // back the edit (the autosave), not the link.
    if (link_revision_ != 0 && rev != link_revision_) {
        services::SetFragment("");
        link_revision_ = 0;
    }
}

bool FilesMenu::Busy() const {
    const PngRequest& png = Png();
    return autosave_due_ || copy_pending_ || png.active || png.done;
}

void FilesMenu::Publish(Ui& ui) {
    TestHooks& h = ui.hooks;
    h.Value("files.autosave_revision", static_cast<double>(autosaved_revision_));
    h.Value("files.autosave_bytes", static_cast<double>(autosave_bytes_));
    h.Value("files.autosave_generation", static_cast<double>(autosave_generation_));
    h.Text("files.autosave_next_key", kAutosaveKeys[autosave_key_]);
    h.Text("files.autosave_status", autosave_status_);
    h.Text("files.storage_error", storage_error_);
    h.Value("files.png_width", Png().width);
    h.Value("files.png_height", Png().height);
    h.Text("files.last_error", last_error_);
    h.Text("files.share_url", share_url_);
    h.Text("files.last_download", last_download_);
    static const char* kDialogNames[] = {"", "problems", "open_choice", "copy_link", "open_path", "restore", "embed"};
    h.Text("files.embed_snippet", embed_snippet_);
    h.Text("files.embed_url", embed_url_);
    h.Text("files.full_app_url", full_app_url_);
    h.Value("files.storage_unavailable", storage_unavailable_ ? 1.0 : 0.0);
    h.Text("files.dialog", kDialogNames[static_cast<int>(dialog_)]);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------------------------
void FilesMenu::ShowProblems(const std::string& title, const std::vector<Problem>& problems) {
    dialog_ = Dialog::Problems;
    dialog_opened_ = false;
    dialog_title_ = title;
    problems_ = problems;
    if (problems_.empty()) problems_.push_back({"file", "it was rejected without a reason"});
    last_error_ = problems_[0].where + ": " + problems_[0].message;
}

void FilesMenu::HandleFile(Ui& ui, const services::IncomingFile& file) {
    const std::string title = (file.name.empty() ? std::string("The file") : file.name) + " could not be opened";
    if (!file.error.empty()) return ShowProblems(title, {{"file", file.error}});
    // Each kind's size limit: scenarios and workspaces kMaxOpenBytes, sweep results (CSV) more.
    const bool sweep = !file.too_large && LooksLikeSweepResult(file.data);
    if (file.too_large || (!sweep && std::max<std::uint64_t>(file.size, file.data.size()) > kMaxOpenBytes))
        return ShowProblems(title, {{"file", "the file is " + MegaBytes(file.size) + "; OrgSim opens files up to " + MegaBytes(kMaxOpenBytes) +
                                                 " (a scenario is a few kilobytes), sweep results up to " + MegaBytes(kMaxSweepResultBytes)}});
    if (ClassFileKindOf(file.data) != ClassFileKind::Other) {  // an assignment or a submission: the Class view
        last_error_.clear();
        if (ui.open_class_file) ui.open_class_file(file.name, file.data);
        return;
    }
    OpenedFile opened = ReadAnyFile(file.data);
    if (!opened.ok()) return ShowProblems(title, opened.problems);
    if (opened.kind == FileKind::SweepResult) {  // shown beside the scenarios, never instead of them
        last_error_.clear();
        if (ui.open_sweep) ui.open_sweep(std::move(*opened.sweep), file.name);
        if (ui.notify) ui.notify("Opened the sweep result " + file.name + " in Sensitivity", false);
        return;
    }
    if (!opened.notices.empty() && ui.notify) {
        std::string text = file.name + " opened with " + std::to_string(opened.notices.size()) + " notice" +
                           (opened.notices.size() == 1 ? "" : "s") + ":";
        for (const Problem& n : opened.notices) text += "\n" + n.where + ": " + n.message;
        ui.notify(text, false);
    }
    pending_origin_ = file.name;
    if (opened.kind == FileKind::Workspace) {
        if (!Edited(ui.ws)) return OpenWorkspace(ui, *opened.workspace, file.name);
        pending_workspace_ = std::move(opened.workspace);
        pending_scenario_.reset();
        dialog_title_ = "Open the workspace " + file.name + "?";
    } else {
        if (!Edited(ui.ws)) return OpenScenario(ui, *opened.scenario, file.name, false);
        pending_scenario_ = std::move(opened.scenario);
        pending_workspace_.reset();
        dialog_title_ = "Open \xE2\x80\x9C" + pending_scenario_->name + "\xE2\x80\x9D";
    }
    dialog_ = Dialog::OpenChoice;
    dialog_opened_ = false;
}

void FilesMenu::OpenScenario(Ui& ui, const Scenario& s, const std::string& origin, bool as_alternative) {
    const EditResult r = as_alternative ? ui.ws.AddAlternative(s, origin) : ui.ws.SetBaseline(s, origin);
    if (!r.ok) return ShowProblems(origin + " could not be opened", {{"workspace", r.message}});
    last_error_.clear();
    if (ui.notify)
        ui.notify("Opened " + s.name + (as_alternative ? " as " + Workspace::SlotLabel(ui.ws.Active()) : " as the baseline"), false);
}

void FilesMenu::OpenWorkspace(Ui& ui, const WorkspaceDoc& doc, const std::string& origin) {
    const EditResult r = ApplyWorkspace(ui.ws, doc);
    if (!r.ok) return ShowProblems(origin + " could not be opened", {{"workspace", r.message}});
    last_error_.clear();
    if (ui.notify) ui.notify("Opened " + origin + " (" + Plural(doc.slots.size(), "scenario", "scenarios") + ")", false);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Saving, sharing, exporting
//-----------------------------------------------------------------------------------------------
void FilesMenu::Offer(Ui& ui, const std::string& file_name, const std::string& mime, const std::string& data) {
    const bool ok = Download(file_name, mime, data);
    last_download_ = file_name;
    if (!ok && ui.notify) ui.notify(file_name + " could not be saved", true);
}

void FilesMenu::SaveScenario(Ui& ui) {
    if (ui.ws.Empty()) return;
    const Scenario& s = ui.ws.ActiveScenario();
    Offer(ui, FileStem(s.name) + ".json", "application/json", WriteScenario(s));
    if (ui.notify) ui.notify("Saved " + FileStem(s.name) + ".json", false);
}

void FilesMenu::SaveWorkspace(Ui& ui) {
    if (ui.ws.Empty()) return;
    const std::string name = FileStem(ui.ws.GetScenario(0).name) + "-workspace.json";
    Offer(ui, name, "application/json", WriteWorkspace(ui.ws));
    if (ui.notify) ui.notify("Saved " + name + " (" + Plural(static_cast<std::size_t>(ui.ws.SlotCount()), "scenario", "scenarios") + ")", false);
}

void FilesMenu::Share(Ui& ui) {
    if (ui.ws.Empty()) return;
    const std::string fragment = EncodeShareFragment(ui.ws);
    services::SetFragment(fragment);
    link_revision_ = ui.ws.Revision();
    const std::string page = services::PageUrl();
    share_url_ = (page.empty() ? std::string("orgsim:") : page) + "#" + fragment;
    services::CopyText(share_url_);
    copy_pending_ = true;
}

void FilesMenu::ShowEmbed(const std::string& fragment, const std::string& title) {
    embed_fragment_ = fragment;
    embed_title_ = title;
    if (embed_height_ == 0) embed_height_ = kEmbedDefaultHeight;
    const std::string page = services::PageUrl();
    embed_url_ = EmbedUrl(page.empty() ? std::string("https://your-site.example/orgsim/") : page, embed_fragment_);
    embed_snippet_ = EmbedSnippet(embed_url_, embed_title_, embed_height_);
    dialog_ = Dialog::Embed;
    dialog_opened_ = false;
    dialog_title_ = "Embed in a web page";
}

void FilesMenu::OpenFullApp(Ui& ui) {
    // An assignment the page was opened with goes on as that assignment; otherwise the workspace.
    std::string fragment = services::GetFragment();
    if (!IsAssignmentFragment(fragment)) fragment = ui.ws.Empty() ? std::string() : EncodeShareFragment(ui.ws);
    full_app_url_ = FullAppUrl(services::PageUrl(), fragment);
    if (services::OpenInNewTab(full_app_url_)) {
        if (ui.notify) ui.notify("Opened in a new tab", false);
        return;
    }
    share_url_ = full_app_url_;
    link_note_ = "The page holding OrgSim does not let it open a new tab. Copy this link (it is selected: press Ctrl+C, "
                 "\xE2\x8C\x98" "C on a Mac) and open it in a new tab.";
    dialog_ = Dialog::CopyLink;
    dialog_opened_ = false;
    dialog_title_ = "Open OrgSim in a new tab";
}

void FilesMenu::ExportSeries(Ui& ui) {
    const Experiment* e = ui.runner.Results();
    if (!e || e->Completed() == 0) return;
    Offer(ui, FileStem(e->GetScenario(0).name) + "-series.csv", "text/csv", SeriesCsv(*e));
    if (ui.notify) ui.notify("Exported weekly series of " + Plural(static_cast<std::size_t>(e->Completed()), "replication", "replications"), false);
}

void FilesMenu::ExportReplications(Ui& ui) {
    const Experiment* e = ui.runner.Results();
    if (!e || e->Completed() == 0) return;
    Offer(ui, FileStem(e->GetScenario(0).name) + "-replications.csv", "text/csv", ReplicationsCsv(*e));
    if (ui.notify) ui.notify("Exported " + Plural(ReplicationsCsvRows(*e), "row", "rows") + " (replications \xC3\x97 scenarios)", false);
}

void FilesMenu::ExportPng(Ui& ui) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const std::string name = (ui.ws.Empty() ? std::string("orgsim") : FileStem(ui.ws.ActiveScenario().name)) + ".png";
    last_download_ = name;
    RequestPng(ImVec2(0, 0), size, name);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Header buttons and menus
//-----------------------------------------------------------------------------------------------
bool FilesMenu::MenuItem(Ui& ui, const char* id, const char* label, const std::string& hint, bool enabled, float width) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const float h = t.Dp(hint.empty() ? 36 : 52);
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, h));
    if (!enabled) ImGui::EndDisabled();
    {
        SemNode item;
        item.description = hint;
        SemItem(SemRole::MenuItem, label, item);
        // A menu that opens takes the focus on its first item (WAI-ARIA menu pattern).
        if (ImGui::IsWindowAppearing() && !menu_focused_) {
            if (Semantics* sem = ActiveSemantics()) sem->RequestFocus(ImGui::GetCurrentContext()->LastItemData.ID);
            menu_focused_ = true;
        }
    }
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (enabled && ImGui::IsItemHovered()) {
        dl->AddRectFilled(a, b, p.control_hover, t.Dp(7));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    const float x = a.x + t.Dp(12);
    float y = a.y + (h - FontSize(f.label) - (hint.empty() ? 0.0f : FontSize(f.small) + t.Dp(3))) * 0.5f;
    DrawText(dl, f.label, ImVec2(x, y), enabled ? p.text : p.text_faint, label);
    if (!hint.empty()) {
        y += FontSize(f.label) + t.Dp(3);
        const std::string fit = Ellipsize(f.small, hint, width - t.Dp(24));
        DrawText(dl, f.small, ImVec2(x, y), enabled ? p.text_muted : p.text_faint, fit.c_str());
    }
    return pressed && enabled;
}

float FilesMenu::DrawButtons(Ui& ui, ImVec2 pos, float height, bool icons_only) {
    const Theme& t = ui.theme;
    const Fonts& f = t.GetFonts();
    TestHooks& hooks = ui.hooks;
    const float gap = t.Dp(6);
    float x = pos.x;
    auto width_of = [&](const char* label) { return icons_only ? height : TextSize(f.label, label).x + t.Dp(13 + 9 + 26); };
    auto place = [&](const char* label) {
        const ImVec2 size(width_of(label), height);
        ImGui::SetCursorScreenPos(ImVec2(x, pos.y));
        x += size.x + gap;
        if (icons_only) SemNext().name = label;
        return size;
    };
    // The text shown on a button: none when icons only (the name goes to assistive technology, and
    // a tooltip says it).
    auto text = [&](const char* label) { return icons_only ? "" : label; };
    auto name_tip = [&](const char* label, const char* body) {
        if (icons_only && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) Tooltip(t, label, body);
    };
    const bool has = !ui.ws.Empty();

    if (Button(t, "##files_open", text("Open"), Icon::Open, place("Open"), false)) {
        if (!services::OpenFilePicker()) {  // the desktop has no picker: ask for a path
            dialog_ = Dialog::OpenPath;
            dialog_opened_ = false;
            dialog_title_ = "Open a scenario or workspace file";
        }
    }
    hooks.RecordLastItem("Files:open");
    if (ImGui::IsItemHovered()) Tooltip(t, "Open a file", "A scenario (.json) or a saved workspace. You can also drop a file on the window.");

    SemNext().expanded = ImGui::IsPopupOpen("##files_save_menu") ? 1 : 0;
    SemNext().description = "Opens a menu: save the scenario or the whole workspace to a file.";
    if (Button(t, "##files_save", text("Save"), Icon::Save, place("Save"), false, has)) ImGui::OpenPopup("##files_save_menu");
    hooks.RecordLastItem("Files:save");
    name_tip("Save", "Save the scenario or the whole workspace to a file.");
    const ImVec2 save_below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + t.Dp(6));

    SemNext().expanded = ImGui::IsPopupOpen("##files_share_menu") ? 1 : 0;
    SemNext().description = "Opens a menu: copy a link to this workspace, or embed it in a web page.";
    if (Button(t, "##files_share", text("Share"), Icon::Share, place("Share"), false, has)) ImGui::OpenPopup("##files_share_menu");
    hooks.RecordLastItem("Files:share");
    name_tip("Share", "Copy a link to this workspace, or embed it in a web page.");
    const ImVec2 share_below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + t.Dp(6));

    SemNext().expanded = ImGui::IsPopupOpen("##files_export_menu") ? 1 : 0;
    SemNext().description = "Opens a menu: results as CSV files and charts as pictures.";
    if (Button(t, "##files_export", text("Export"), Icon::Download, place("Export"), false, has)) ImGui::OpenPopup("##files_export_menu");
    hooks.RecordLastItem("Files:export");
    name_tip("Export", "Results as CSV files and charts as pictures.");
    const ImVec2 export_below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + t.Dp(6));

    const float menu_w = t.Dp(310);
    // Menus open below their button, kept inside the window (Export sits near the right edge).
    const float max_x = ImGui::GetIO().DisplaySize.x - menu_w - t.Dp(12) - t.Dp(12);
    auto keep_inside = [&](ImVec2 v) { return ImVec2(std::max(t.Dp(8), std::min(v.x, max_x)), v.y); };
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(6), t.Dp(6)));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, t.Dp(10));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, t.Dp(2)));
    ImGui::SetNextWindowPos(keep_inside(save_below));
    menu_focused_ = false;
    if (ImGui::BeginPopup("##files_save_menu")) {
        SemPush("##sem_save_menu", SemRole::Menu, "Save", ImGui::GetWindowPos(),
                ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        const std::string name = has ? ui.ws.ActiveScenario().name : std::string();
        if (MenuItem(ui, "##save_scenario", "Save scenario", FileStem(name) + ".json" + kMiddot + Workspace::SlotLabel(ui.ws.Active()), has, menu_w)) {
            SaveScenario(ui);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:save:scenario");
        const std::string all = "All " + Plural(static_cast<std::size_t>(ui.ws.SlotCount()), "open scenario", "open scenarios") +
                                " in one file";
        if (MenuItem(ui, "##save_workspace", "Save workspace", all, has, menu_w)) {
            SaveWorkspace(ui);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:save:workspace");
        SemPop();
        ImGui::EndPopup();
    }
    ImGui::SetNextWindowPos(keep_inside(share_below));
    if (ImGui::BeginPopup("##files_share_menu")) {
        SemPush("##sem_share_menu", SemRole::Menu, "Share", ImGui::GetWindowPos(),
                ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        if (MenuItem(ui, "##share_link", "Copy link", "Every open scenario with its seed: whoever opens it sees the same run", has, menu_w)) {
            Share(ui);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:share:link");
        if (MenuItem(ui, "##share_embed", "Embed in a web page", "HTML for a course page or a learning-management system", has, menu_w)) {
            ShowEmbed(EncodeShareFragment(ui.ws), "OrgSim: " + ui.ws.ActiveScenario().name);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:share:embed");
        SemPop();
        ImGui::EndPopup();
    }
    ImGui::SetNextWindowPos(keep_inside(export_below));
    if (ImGui::BeginPopup("##files_export_menu")) {
        SemPush("##sem_export_menu", SemRole::Menu, "Export", ImGui::GetWindowPos(),
                ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        const Experiment* e = ui.runner.Results();
        const bool results = e && e->Completed() > 0;
        // What the CSV files will hold, above the items.
        std::string when = "No results yet: run replications first";
        if (results) {
            when = Plural(static_cast<std::size_t>(e->Completed()), "replication", "replications") + kMiddot +
                   Plural(static_cast<std::size_t>(e->ScenarioCount()), "scenario", "scenarios");
            if (!e->Done()) when += kMiddot + std::string("run in progress");
        }
        {
            const Fonts& mf = t.GetFonts();
            const ImVec2 c = ImGui::GetCursorScreenPos();
            ImGui::Dummy(ImVec2(menu_w, FontSize(mf.small) + t.Dp(12)));
            DrawText(ImGui::GetWindowDrawList(), mf.small, ImVec2(c.x + t.Dp(12), c.y + t.Dp(6)), t.Colours().text_muted,
                     Ellipsize(mf.small, when, menu_w - t.Dp(24)).c_str());
        }
        if (MenuItem(ui, "##export_series", "Weekly series (CSV)", "Mean and 90% band of every series, per week", results, menu_w)) {
            ExportSeries(ui);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:export:series");
        if (MenuItem(ui, "##export_reps", "Replications (CSV)", "Levers and final outcomes of every run", results, menu_w)) {
            ExportReplications(ui);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:export:replications");
        if (MenuItem(ui, "##export_png", "Picture of this view (PNG)", "For slides and reports", true, menu_w)) {
            ExportPng(ui);
            ImGui::CloseCurrentPopup();
        }
        hooks.RecordLastItem("Files:export:png");
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar(3);
    return x - gap - pos.x;
}

void FilesMenu::DrawNotice(Ui& ui, ImVec2 min, ImVec2 size) {
    if (storage_error_.empty() || storage_error_ == dismissed_error_ || dialog_ == Dialog::Restore || ui.ws.Empty()) return;
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    // At the bottom of the content area: the toolbars at the top stay usable while storage is full.
    const float w = std::min(t.Dp(720), size.x - t.Dp(32));
    const float h = t.Dp(68);
    const ImVec2 pos(std::floor(min.x + (size.x - w) * 0.5f), std::floor(min.y + size.y - h - t.Dp(16)));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    // A card of its own, kept in front of the panels (it is drawn after them).
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(ImVec2(w, h + t.Dp(4)));
    ImGui::Begin("##files_notice", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = pos, b(pos.x + w, pos.y + h);
    dl->AddRectFilled(ImVec2(a.x, a.y + t.Dp(3)), ImVec2(b.x, b.y + t.Dp(3)), IM_COL32(0, 0, 0, 30), t.Dp(12));
    dl->AddRectFilled(a, b, p.card, t.Dp(12));
    dl->AddRectFilled(a, ImVec2(a.x + t.Dp(6), b.y), p.danger, t.Dp(12), ImDrawFlags_RoundCornersLeft);
    dl->AddRect(a, b, WithAlpha(p.danger, 0.55f), t.Dp(12), 0, t.Dp(1.5f));
    const float icon = t.Dp(20);
    DrawIcon(t, dl, Icon::Warning, ImVec2(a.x + t.Dp(30), a.y + h * 0.5f), icon, p.danger, p.card);
    // Storage refused from the start (a frame): nothing to retry; the way out is the full app in a
    // tab of its own (embedded) or a file.
    const char* action = ui.embedded ? "Open in new tab" : "Save to file";
    const ImVec2 button(TextSize(f.heading, action).x + t.Dp(13 + 9 + 30), t.Dp(40));  // a primary button: heading type
    const float close_w = t.Dp(32);
    const float text_x = a.x + t.Dp(52);
    const float text_w = w - (text_x - a.x) - button.x - close_w - t.Dp(36);
    const float block = FontSize(f.label) + t.Dp(4) + FontSize(f.small);
    const float ty = a.y + (h - block) * 0.5f;
    const std::string title = storage_unavailable_ ? "Your changes last until this page closes" : "Your work is not being saved in this browser";
    DrawText(dl, f.label, ImVec2(text_x, ty), p.text, Ellipsize(f.label, title, text_w).c_str());
    std::string why = storage_error_;
    if (!why.empty()) why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
    if (storage_unavailable_) why += ui.embedded ? ". Open OrgSim in a tab of its own to keep your work." : ". Save your work to a file to keep it.";
    else why += ". Save it to a file; OrgSim tries again after your next change.";
    DrawText(dl, f.small, ImVec2(text_x, ty + FontSize(f.label) + t.Dp(4)), p.text_muted, Ellipsize(f.small, why, text_w).c_str());
    // The full sentence where the line is cut short (a narrow frame).
    if (ImGui::IsMouseHoveringRect(ImVec2(text_x, a.y), ImVec2(text_x + text_w, b.y))) Tooltip(t, title, why);
    ImGui::SetCursorScreenPos(ImVec2(b.x - button.x - close_w - t.Dp(20), a.y + (h - button.y) * 0.5f));
    SemAt("##sem_storage_notice", SemRole::Alert, title + ". " + why, a, b);
    if (ui.embedded) {
        if (Button(t, "##notice_open", action, Icon::External, button, true)) OpenFullApp(ui);
        ui.hooks.RecordLastItem("Files:notice:open");
    } else {
        if (Button(t, "##notice_save", action, Icon::Save, button, true)) SaveWorkspace(ui);
        ui.hooks.RecordLastItem("Files:notice:save");
    }
    // Closing the notice hides this message; a different failure shows again.
    ImGui::SetCursorScreenPos(ImVec2(b.x - close_w - t.Dp(12), a.y + (h - close_w) * 0.5f));
    SemNext().name = "Close this notice";
    if (Button(t, "##notice_close", "", Icon::Close, ImVec2(close_w, close_w), false)) dismissed_error_ = storage_error_;
    ui.hooks.RecordLastItem("Files:notice:close");
    ui.hooks.Record("Files:notice", a.x, a.y, w, h);
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Dialogs
//-----------------------------------------------------------------------------------------------
void FilesMenu::DrawDialog(Ui& ui) {
    if (dialog_ == Dialog::None) return;
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    TestHooks& hooks = ui.hooks;
    constexpr const char* kId = "##files_dialog";
    if (!dialog_opened_) {
        ImGui::OpenPopup(kId);
        dialog_opened_ = true;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float w = std::min(t.Dp(600), display.x - t.Dp(32));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, display.y - t.Dp(48)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(28), t.Dp(24)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.Dp(14));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(10), t.Dp(10)));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
    if (!ImGui::BeginPopupModal(kId, nullptr, flags)) {
        ImGui::PopStyleVar(3);
        // Closed from outside (cannot happen with a modal, but never leave a dialog stuck).
        dialog_opened_ = false;
        return;
    }
    const float inner = w - t.Dp(56);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool close = false;
    // The dialog for assistive technology: its texts, then its buttons; the first button takes the
    // focus when it opens (WAI-ARIA dialog pattern; Escape closes it where a Cancel would).
    const bool appearing = ImGui::IsWindowAppearing();
    SemPush("##sem_files_dialog", SemRole::Dialog, dialog_title_, ImGui::GetWindowPos(),
            ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
    int text_index = 0;
    auto text = [&](ImFont* font, ImU32 colour, const std::string& s) {
        ImGui::PushFont(font);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
        ImGui::TextUnformatted(s.c_str());
        {
            SemNode node;
            if (text_index == 0) node.level = 2;
            SemAt(("##sem_dialog_text_" + std::to_string(text_index)).c_str(), text_index == 0 ? SemRole::Heading : SemRole::Text, s,
                  ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), node);
            ++text_index;
        }
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
    };
    // Title with a coloured mark: a warning for problems.
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float icon = t.Dp(20);
        if (dialog_ == Dialog::Problems)
            DrawIcon(t, dl, Icon::Warning, ImVec2(c.x + icon * 0.5f, c.y + FontSize(f.heading) * 0.5f + t.Dp(1)), icon, p.danger, p.card);
        ImGui::SetCursorScreenPos(ImVec2(c.x + (dialog_ == Dialog::Problems ? icon + t.Dp(10) : 0.0f), c.y));
        text(f.heading, p.text, dialog_title_);
    }
    const ImVec2 button(t.Dp(120), t.Dp(40));
    auto right_buttons_x = [&](float total) { return ImGui::GetWindowPos().x + t.Dp(28) + inner - total; };

    switch (dialog_) {
        case Dialog::Problems: {
            text(f.body, p.text_muted,
                 problems_.size() == 1 ? std::string("Nothing was changed. The problem, and where it is:")
                                       : "Nothing was changed. " + std::to_string(problems_.size()) + " problems, and where they are:");
            const float row_h = FontSize(f.small) * 2.0f + t.Dp(14);
            const float list_h = std::min(static_cast<float>(problems_.size()) * row_h + t.Dp(8), display.y * 0.45f);
            ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.background));
            ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, t.Dp(10));
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(14), t.Dp(10)));
            ImGui::BeginChild("##problems", ImVec2(inner, list_h), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
            const float list_inner = inner - t.Dp(28) - ImGui::GetStyle().ScrollbarSize;
            for (const Problem& pr : problems_) {
                ImGui::PushFont(f.label);
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.danger));
                ImGui::TextUnformatted(pr.where.c_str());
                ImGui::PopStyleColor();
                ImGui::PopFont();
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() - t.Dp(8));
                ImGui::PushFont(f.small);
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + list_inner);
                ImGui::TextUnformatted(pr.message.c_str());
                SemAt(("##sem_problem_" + pr.where + pr.message).c_str(), SemRole::Text, "Problem at " + pr.where + ": " + pr.message,
                      ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
                ImGui::PopTextWrapPos();
                ImGui::PopFont();
            }
            ImGui::EndChild();
            ImGui::PopStyleVar(2);
            ImGui::PopStyleColor();
            ImGui::SetCursorScreenPos(ImVec2(right_buttons_x(button.x), ImGui::GetCursorScreenPos().y + t.Dp(6)));
            if (Button(t, "##dialog_ok", "OK", Icon::None, button, true)) close = true;
            hooks.RecordLastItem("Files:dialog:ok");
            break;
        }
        case Dialog::OpenChoice: {
            const Workspace& ws = ui.ws;
            if (pending_workspace_) {
                text(f.body, p.text_muted,
                     "It holds " + Plural(pending_workspace_->slots.size(), "scenario", "scenarios") + ". Opening it replaces the " +
                         Plural(static_cast<std::size_t>(ws.SlotCount()), "scenario", "scenarios") +
                         " you have open now, with their changes; save them first to keep them.");
                const ImVec2 wide(t.Dp(150), button.y);
                ImGui::SetCursorScreenPos(ImVec2(right_buttons_x(wide.x + button.x + t.Dp(10)), ImGui::GetCursorScreenPos().y + t.Dp(6)));
                if (Button(t, "##choice_cancel", "Cancel", Icon::None, button, false)) close = true;
                hooks.RecordLastItem("Files:choice:cancel");
                ImGui::SameLine();
                if (Button(t, "##choice_replace", "Replace all", Icon::None, wide, true)) {
                    OpenWorkspace(ui, *pending_workspace_, pending_origin_);
                    close = true;
                }
                hooks.RecordLastItem("Files:choice:replace");
            } else if (pending_scenario_) {
                const bool room = ws.SlotCount() < kMaxSlots;
                text(f.body, p.text_muted,
                     std::string("You have changed your work. Compare this scenario with it as a new alternative, or replace the "
                                 "baseline (its changes are lost unless saved).") +
                         (room ? "" : " Four scenarios are open: close one to add another."));
                const ImVec2 wide(t.Dp(180), button.y);
                ImGui::SetCursorScreenPos(
                    ImVec2(right_buttons_x(button.x + wide.x * 2 + t.Dp(20)), ImGui::GetCursorScreenPos().y + t.Dp(6)));
                if (Button(t, "##choice_cancel", "Cancel", Icon::None, button, false)) close = true;
                hooks.RecordLastItem("Files:choice:cancel");
                ImGui::SameLine();
                if (Button(t, "##choice_replace", "Replace baseline", Icon::None, wide, false)) {
                    OpenScenario(ui, *pending_scenario_, pending_origin_, false);
                    close = true;
                }
                hooks.RecordLastItem("Files:choice:replace");
                ImGui::SameLine();
                if (Button(t, "##choice_add", "Add as alternative", Icon::Plus, wide, true, room)) {
                    OpenScenario(ui, *pending_scenario_, pending_origin_, true);
                    close = true;
                }
                hooks.RecordLastItem("Files:choice:add");
            } else {
                close = true;
            }
            break;
        }
        case Dialog::CopyLink: {
            text(f.body, p.text_muted, link_note_);
            ImGui::PushFont(f.small);
            ImGui::SetNextItemWidth(inner);
            if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
            ImGui::InputText("##link", share_url_.data(), share_url_.size() + 1, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
            {
                SemNode box;
                box.value = share_url_;
                SemItem(SemRole::TextBox, "Share link", box);
            }
            hooks.RecordLastItem("Files:link");
            ImGui::PopFont();
            ImGui::SetCursorScreenPos(ImVec2(right_buttons_x(button.x), ImGui::GetCursorScreenPos().y + t.Dp(6)));
            if (Button(t, "##dialog_ok", "Done", Icon::None, button, true)) close = true;
            hooks.RecordLastItem("Files:dialog:ok");
            break;
        }
        case Dialog::OpenPath: {
            text(f.body, p.text_muted, "The path of a scenario (.json) or a saved workspace. You can also drop a file on the window.");
            ImGui::PushFont(f.body);
            ImGui::SetNextItemWidth(inner);
            if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
            const bool enter = ImGui::InputText("##path", open_path_.data(), open_path_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
            {
                SemNode box;
                box.value = open_path_.data();
                SemItem(SemRole::TextBox, "File path", box);
            }
            hooks.RecordLastItem("Files:path");
            ImGui::PopFont();
            ImGui::SetCursorScreenPos(ImVec2(right_buttons_x(button.x * 2 + t.Dp(10)), ImGui::GetCursorScreenPos().y + t.Dp(6)));
            if (Button(t, "##path_cancel", "Cancel", Icon::None, button, false)) close = true;
            hooks.RecordLastItem("Files:choice:cancel");
            ImGui::SameLine();
            if (Button(t, "##path_open", "Open", Icon::Open, button, true, open_path_[0] != '\0') || (enter && open_path_[0] != '\0')) {
                services::IncomingFile file;
                services::ReadFile(open_path_.data(), std::max<std::size_t>(kMaxOpenBytes, kMaxSweepResultBytes), file);
                dialog_ = Dialog::None;  // HandleFile may open another dialog
                HandleFile(ui, file);
                if (dialog_ == Dialog::None) close = true;
                else dialog_opened_ = true;  // the popup is open already: show the new content
            }
            hooks.RecordLastItem("Files:path:open");
            break;
        }
        case Dialog::Embed: {
            text(f.body, p.text_muted,
                 "Paste this HTML into a course page or a learning-management system. The frame opens " +
                     (IsAssignmentFragment(embed_fragment_) ? std::string("the assignment as students see it") : std::string("these scenarios")) +
                     " in a compact layout without the file menu; its \xE2\x80\x9COpen in new tab\xE2\x80\x9D button opens the full app. "
                     "The site serving OrgSim must allow your course site to frame it (scripts/serve.sh --embed).");
            // The frame's height: three sizes, one row of toggles.
            text(f.small, p.text_muted, "Frame height (the width fills the page's column):");
            SemPush("##sem_embed_height", SemRole::RadioGroup, "Frame height");
            for (const int hpx : kEmbedHeights) {
                const std::string label = std::to_string(hpx) + " px";
                ImGui::PushID(hpx);
                if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Radio);
                if (ToggleButton(t, "##embed_h", label.c_str(), Icon::None, ImVec2(TextSize(f.label, label.c_str()).x + t.Dp(28), t.Dp(34)),
                                 embed_height_ == hpx) &&
                    embed_height_ != hpx) {
                    embed_height_ = hpx;
                    embed_snippet_ = EmbedSnippet(embed_url_, embed_title_, embed_height_);
                }
                hooks.RecordLastItem("Files:embed:h" + std::to_string(hpx));
                ImGui::PopID();
                ImGui::SameLine(0.0f, t.Dp(6));
            }
            ImGui::NewLine();
            SemPop();
            ImGui::PushFont(f.small);
            if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
            ImGui::InputTextMultiline("##snippet", embed_snippet_.data(), embed_snippet_.size() + 1, ImVec2(inner, FontSize(f.small) * 6.5f),
                                      ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
            {
                SemNode box;
                box.value = embed_snippet_;
                SemItem(SemRole::TextBox, "Embed snippet (HTML)", box);
            }
            hooks.RecordLastItem("Files:embed:snippet");
            ImGui::PopFont();
            const ImVec2 wide(t.Dp(150), button.y);
            ImGui::SetCursorScreenPos(ImVec2(right_buttons_x(wide.x * 2 + button.x + t.Dp(20)), ImGui::GetCursorScreenPos().y + t.Dp(6)));
            if (Button(t, "##embed_preview", "Preview", Icon::External, wide, false) && !services::OpenInNewTab(embed_url_) && ui.notify)
                ui.notify("The browser did not open a new tab: paste the snippet into a page to see it.", true);
            hooks.RecordLastItem("Files:embed:preview");
            if (ImGui::IsItemHovered()) Tooltip(t, "Preview the compact layout", "Opens the embedded address in a new tab.");
            ImGui::SameLine();
            if (Button(t, "##embed_copy", "Copy snippet", Icon::Share, wide, false)) {
                services::CopyText(embed_snippet_);
                copy_pending_ = true;
            }
            hooks.RecordLastItem("Files:embed:copy");
            ImGui::SameLine();
            if (Button(t, "##dialog_ok", "Done", Icon::None, button, true)) close = true;
            hooks.RecordLastItem("Files:dialog:ok");
            break;
        }
        case Dialog::Restore: {
            if (!pending_restore_) {
                close = true;
                break;
            }
            const WorkspaceDoc& doc = *pending_restore_;
            const std::string summary = DescribeRestore(doc, restore_age_);
            text(f.body, p.text_muted, "Your work from the last visit is kept in this browser: " + summary + ".");
            if (restore_fallback_) {
                // The newest copy could not be read: say which one this is before the user picks.
                const ImVec2 c = ImGui::GetCursorScreenPos();
                const float icon = t.Dp(16);
                DrawIcon(t, dl, Icon::Warning, ImVec2(c.x + icon * 0.5f, c.y + FontSize(f.body) * 0.5f + t.Dp(1)), icon, p.danger, p.card);
                ImGui::SetCursorScreenPos(ImVec2(c.x + icon + t.Dp(8), c.y));
                text(f.body, p.danger, "The last autosave was damaged; this is the copy saved before it.");
            }
            // One row per scenario: its slot and its name, the active one marked.
            const float row_h = FontSize(f.body) + t.Dp(14);
            const ImVec2 top = ImGui::GetCursorScreenPos();
            const float list_h = static_cast<float>(doc.slots.size()) * row_h + t.Dp(12);
            ImGui::Dummy(ImVec2(inner, list_h));
            dl->AddRectFilled(top, ImVec2(top.x + inner, top.y + list_h), p.background, t.Dp(10));
            const float label_w = t.Dp(112);
            std::string names;
            for (std::size_t i = 0; i < doc.slots.size(); ++i) {
                const float y = top.y + t.Dp(6) + static_cast<float>(i) * row_h;
                const float ty = y + (row_h - FontSize(f.body)) * 0.5f;
                if (i > 0) dl->AddLine(ImVec2(top.x + t.Dp(14), y), ImVec2(top.x + inner - t.Dp(14), y), p.grid, t.Dp(1));
                const std::string label = Workspace::SlotLabel(static_cast<int>(i));
                DrawText(dl, f.small, ImVec2(top.x + t.Dp(14), y + (row_h - FontSize(f.small)) * 0.5f), p.text_muted, label.c_str());
                const bool active = static_cast<int>(i) == doc.active;
                const float name_w = inner - label_w - t.Dp(28) - (active ? t.Dp(60) : 0.0f);
                const std::string name = Ellipsize(f.body, doc.slots[i].scenario.name, name_w);
                DrawText(dl, f.body, ImVec2(top.x + t.Dp(14) + label_w, ty), p.text, name.c_str());
                if (active) DrawTextRight(dl, f.small, top.x + inner - t.Dp(14), y + (row_h - FontSize(f.small)) * 0.5f, p.text_faint, "open");
                names += (i ? " | " : "") + label + ": " + doc.slots[i].scenario.name;
            }
            hooks.Text("files.restore_summary", summary);
            hooks.Text("files.restore_names", names);
            const ImVec2 wide(t.Dp(140), button.y);
            ImGui::SetCursorScreenPos(ImVec2(right_buttons_x(wide.x * 2 + t.Dp(10)), ImGui::GetCursorScreenPos().y + t.Dp(6)));
            if (Button(t, "##restore_fresh", "Start fresh", Icon::None, wide, false)) {
                // The stored copy stays: the next write goes to the other key.
                pending_restore_.reset();
                close = true;
                if (ui.notify) ui.notify("Started with the default scenario. Your autosaved work stays stored until you change something.", false);
            }
            hooks.RecordLastItem("Files:restore:fresh");
            ImGui::SameLine();
            const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
            if (Button(t, "##restore_ok", "Restore", Icon::Check, wide, true) || (enter && !close)) {
                dialog_ = Dialog::None;  // Restore may open the problems dialog
                Restore(ui);
                if (dialog_ == Dialog::None) close = true;
                else dialog_opened_ = true;
            }
            hooks.RecordLastItem("Files:restore:ok");
            break;
        }
        case Dialog::None: break;
    }
    hooks.Record("Files:dialog", ImGui::GetWindowPos().x, ImGui::GetWindowPos().y, ImGui::GetWindowSize().x, ImGui::GetWindowSize().y);
    if (Semantics* sem = ActiveSemantics()) {
        // Focus the dialog's default button (the last one drawn: OK, Open, Restore, Replace) when it opens.
        if (appearing)
            for (auto it = sem->Nodes().rbegin(); it != sem->Nodes().rend(); ++it)
                if (it->role == SemRole::Button && !it->disabled) {
                    sem->RequestFocus(it->key);
                    break;
                }
    }
    SemPop();
    if (close) {
        ImGui::CloseCurrentPopup();
        // An action above may have opened the problems dialog: keep that one.
        if (dialog_ != Dialog::Problems || problems_.empty() || dialog_opened_) {
            dialog_ = Dialog::None;
            pending_scenario_.reset();
            pending_workspace_.reset();
        }
        dialog_opened_ = false;
    }
    ImGui::EndPopup();
    ImGui::PopStyleVar(3);
}

}  // namespace orgsim::ui
