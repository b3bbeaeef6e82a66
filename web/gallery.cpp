// gallery.cpp: the scenario gallery (see gallery.h).
//
// [SECTION] The groups: which preset answers which question
// [SECTION] Loading the presets
// [SECTION] Drawing: header, groups, cards
#include "web/gallery.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/widgets.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// [SECTION] The groups: which preset answers which question
//-----------------------------------------------------------------------------------------------
namespace {

constexpr const char* kStartHere = "default";

struct GroupDef {
    const char* title;
    const char* blurb;
    Function colour;  ///< the group's accent: the function the question is mostly about
    std::vector<const char*> ids;
};

// Preset file ids per question, in the order the cards are shown. A preset not listed here lands
// in "More scenarios", so a new file in scenarios/ is never hidden.
const std::vector<GroupDef>& GroupTable() {
    static const std::vector<GroupDef> kGroups = {
        {"Where should the CIO report?",
         "The same company with IT under the CFO, the COO or the CEO, or a Chief Digital Officer over IT and marketing, or over marketing alone.",
         Function::It,
         {"cio_reports_to_cfo", "cio_reports_to_coo", "cio_reports_to_ceo", "cdo_over_it_and_marketing", "cmo_reports_to_cdo"}},
        {"What to do about shadow IT?",
         "Marketing keeps buying its own tools. Ban them, tolerate them, or run an approved catalogue.",
         Function::Security,
         {"shadow_it_ban", "shadow_it_tolerate", "shadow_it_institutionalise"}},
        {"How to govern IT-marketing work?",
         "Business cases and approval meetings, or light touch; shared goals, shared space and a joint council, started small or large.",
         Function::Digital,
         {"business_case_every_initiative", "light_touch_approval", "joint_governance", "start_small"}},
        {"Who owns the martech budget and people?",
         "Who holds the money for marketing technology, and whether a marketing technologist sits in marketing.",
         Function::Martech,
         {"marketing_owns_martech", "cmt_in_marketing"}},
        {"What if budgets or skills change?",
         "Stress tests: a cut to IT's budget, and hiring people who speak both technology and marketing.",
         Function::Finance,
         {"it_budget_cut", "cross_skilled_hiring"}},
    };
    return kGroups;
}

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Word-wrap text into at most max_lines lines of width w; the last line ends with an ellipsis
/// when the text did not fit (*truncated is then true).
std::vector<std::string> WrapLines(ImFont* font, const std::string& text, float w, int max_lines, bool* truncated) {
    std::vector<std::string> lines;
    *truncated = false;
    if (max_lines <= 0 || text.empty()) {
        *truncated = max_lines <= 0 && !text.empty();
        return lines;
    }
    const float scale = FontSize(font) / font->FontSize;
    const char* s = text.c_str();
    const char* end = s + text.size();
    while (s < end && static_cast<int>(lines.size()) < max_lines) {
        const char* e = font->CalcWordWrapPositionA(scale, s, end, w);
        if (e <= s) e = s + 1;
        std::string line(s, e);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) line.pop_back();
        lines.push_back(line);
        s = e;
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
    }
    if (s < end) {
        *truncated = true;
        // Let the ellipsis replace the end of the last line.
        lines.back() = Ellipsize(font, lines.back() + " " + std::string(s, std::min<std::size_t>(40, static_cast<std::size_t>(end - s))), w);
    }
    return lines;
}

/// Draw text wrapped to width w (at most max_lines lines) from (x, y); returns the y below it.
float DrawParagraph(ImDrawList* dl, ImFont* font, float x, float y, ImU32 colour, const std::string& text, float w, int max_lines,
                    float line_gap) {
    bool cut = false;
    for (const auto& line : WrapLines(font, text, w, max_lines, &cut)) {
        DrawText(dl, font, ImVec2(x, y), colour, line.c_str());
        y += FontSize(font) + line_gap;
    }
    return y;
}

/// "CIO \u2192 CFO": who a role reports to (the head of the parent unit), or "" when absent.
std::string ReportingLine(const Scenario& s, Role role) {
    if (s.UnitOf(role) < 0) return "";
    const Role boss = s.BossOf(role);
    if (boss == Role::None) return "";
    return std::string(RoleLabel(role)) + " \xE2\x86\x92 " + RoleLabel(boss);
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Loading the presets
//-----------------------------------------------------------------------------------------------
void GalleryPanel::Load(const std::string& assets_dir) {
    loaded_ = true;
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    std::error_code ec;
    const fs::path dir = fs::path(assets_dir) / "scenarios";
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().extension() != ".json") continue;
        if (it->path().filename() == "schema.json") continue;
        files.push_back(it->path().string());
    }
    if (ec) load_problems_.push_back(dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        ReadResult r = ReadScenario(text.str());
        const std::string id = fs::path(f).stem().string();
        if (!r.ok()) {
            load_problems_.push_back(id + ": " + (r.problems.empty() ? std::string("unreadable") : r.problems[0].message));
            continue;
        }
        Preset p;
        p.id = id;
        p.scenario = std::move(*r.scenario);
        for (Role role : {Role::Cio, Role::Cmo, Role::Cdo, Role::Cmt}) {
            const std::string line = ReportingLine(p.scenario, role);
            if (line.empty()) continue;
            p.structure += (p.structure.empty() ? "" : "   ") + line;
        }
        presets_.push_back(std::move(p));
    }
    // Lever chips: what a preset changes against the reference company ("Start here"), or against
    // the engine's defaults when there is none.
    const Params defaults;
    const Params* reference = &defaults;
    for (const Preset& p : presets_)
        if (p.id == kStartHere) reference = &p.scenario.params;
    for (Preset& p : presets_) {
        if (p.id == kStartHere) continue;
        for (const ParamInfo& info : ParamTable()) {
            const double v = p.scenario.params.Get(info.id);
            if (info.group != ParamGroup::Levers || v == reference->Get(info.id)) continue;
            std::string text = FormatValue(info.id, v);
            if (info.kind == ParamKind::Real || info.kind == ParamKind::Integer) text += std::string(" ") + info.unit;
            p.levers.push_back(std::string(info.label) + ": " + text);
        }
    }

    auto index_of = [&](const std::string& id) {
        for (std::size_t i = 0; i < presets_.size(); ++i)
            if (presets_[i].id == id) return static_cast<int>(i);
        return -1;
    };
    std::vector<bool> placed(presets_.size(), false);
    const int start = index_of(kStartHere);
    if (start >= 0) placed[static_cast<std::size_t>(start)] = true;
    for (const GroupDef& def : GroupTable()) {
        Group g{def.title, def.blurb, FunctionColour(def.colour), {}};
        for (const char* id : def.ids) {
            const int i = index_of(id);
            if (i < 0 || placed[static_cast<std::size_t>(i)]) continue;
            placed[static_cast<std::size_t>(i)] = true;
            g.members.push_back(i);
        }
        if (!g.members.empty()) groups_.push_back(std::move(g));
    }
    Group more{"More scenarios", "Other presets shipped with OrgSim.", FunctionColour(Function::Other), {}};
    for (std::size_t i = 0; i < presets_.size(); ++i)
        if (!placed[i]) more.members.push_back(static_cast<int>(i));
    if (!more.members.empty()) groups_.push_back(std::move(more));
}

bool GalleryPanel::Matches(const Preset& p) const {
    if (filter_[0] == '\0') return true;
    const std::string needle = Lower(filter_);
    const std::string hay = Lower(p.id + "\n" + p.scenario.name + "\n" + p.scenario.question + "\n" +
                                  p.scenario.description + "\n" + p.structure);
    return hay.find(needle) != std::string::npos;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Drawing: header, groups, cards
//-----------------------------------------------------------------------------------------------
float GalleryPanel::CardHeight(const Ui& ui) const {
    const Theme& t = ui.theme;
    const Fonts& f = t.GetFonts();
    return t.Dp(20) + 2 * FontSize(f.heading) + t.Dp(8) + FontSize(f.label) + t.Dp(12) + FontSize(f.small) + t.Dp(10) +
           t.Dp(12) + 4 * (FontSize(f.small) + t.Dp(4)) + t.Dp(14) + t.Dp(38) + t.Dp(18);
}

void GalleryPanel::DrawCard(Ui& ui, const Preset& p, ImU32 colour, ImVec2 a, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b(a.x + size.x, a.y + size.y);
    const bool hovered = ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered();
    const float r = t.Dp(12);
    dl->AddRectFilled(a, b, c.card, r);
    dl->AddRect(a, b, hovered ? Mix(c.card_border, colour, 0.6f) : c.card_border, r, 0, hovered ? t.Dp(1.5f) : 1.0f);
    dl->AddRectFilled(ImVec2(a.x + t.Dp(18), a.y), ImVec2(a.x + t.Dp(70), a.y + t.Dp(4)), colour, t.Dp(2));
    SemPush(("##sem_preset_" + p.id).c_str(), SemRole::Group, p.scenario.name, a, b);
    {
        SemNode heading;
        heading.level = 3;
        SemAt(("##sem_preset_name_" + p.id).c_str(), SemRole::Heading, p.scenario.name, ImVec2(a.x + t.Dp(18), a.y + t.Dp(20)),
              ImVec2(b.x - t.Dp(18), a.y + t.Dp(20) + FontSize(f.heading)), heading);
        SemAt(("##sem_preset_q_" + p.id).c_str(), SemRole::Text, p.scenario.question + " " + p.scenario.description,
              ImVec2(a.x + t.Dp(18), a.y + t.Dp(20) + FontSize(f.heading) * 2), ImVec2(b.x - t.Dp(18), b.y - t.Dp(60)));
    }

    // Where this preset is open in the workspace, if anywhere: a badge top right.
    std::string open_as;
    for (int i = 0; i < ui.ws.SlotCount(); ++i)
        if (ui.ws.GetSlot(i).origin == p.id || ui.ws.GetSlot(i).origin.find("/" + p.id + ".json") != std::string::npos) {
            open_as = Workspace::SlotLabel(i);
            break;
        }

    const float pad = t.Dp(18);
    const float x = a.x + pad, w = size.x - 2 * pad;
    float y = a.y + t.Dp(20);
    float name_w = w;
    if (!open_as.empty()) {
        const std::string badge = "Open: " + open_as;
        const ImVec2 ts = TextSize(f.label, badge.c_str());
        const ImVec2 b0(a.x + size.x - pad - ts.x - t.Dp(16), y), b1(a.x + size.x - pad, y + ts.y + t.Dp(6));
        dl->AddRectFilled(b0, b1, WithAlpha(c.accent, 0.14f), (b1.y - b0.y) * 0.5f);
        DrawText(dl, f.label, ImVec2(b0.x + t.Dp(8), b0.y + t.Dp(3)), c.accent, badge.c_str());
        name_w = b0.x - t.Dp(10) - x;
    }
    bool cut = false;
    const auto name = WrapLines(f.heading, p.scenario.name, name_w, 2, &cut);
    for (const auto& line : name) {
        DrawText(dl, f.heading, ImVec2(x, y), c.text, line.c_str());
        y += FontSize(f.heading);
    }
    y += t.Dp(6);
    const std::string question = Ellipsize(f.label, p.scenario.question, w);
    DrawText(dl, f.label, ImVec2(x, y), c.text_muted, question.c_str());
    y += FontSize(f.label) + t.Dp(12);

    // Structure hint: reporting lines, then the levers that differ from the defaults, as chips.
    std::vector<std::string> chips;
    if (!p.structure.empty()) chips.push_back(p.structure);
    for (const auto& l : p.levers) chips.push_back(l);
    float cx = x;
    const float chip_h = FontSize(f.small) + t.Dp(8);
    std::string hidden;
    for (std::size_t i = 0; i < chips.size(); ++i) {
        const float cw = TextSize(f.small, chips[i].c_str()).x + t.Dp(16);
        if (cx + cw > x + w) {
            hidden += (hidden.empty() ? "" : "\n") + chips[i];
            continue;
        }
        const bool structure = i == 0 && !p.structure.empty();
        dl->AddRectFilled(ImVec2(cx, y), ImVec2(cx + cw, y + chip_h), structure ? WithAlpha(colour, 0.16f) : c.control, t.Dp(6));
        DrawText(dl, f.small, ImVec2(cx + t.Dp(8), y + t.Dp(4)), structure ? c.text : c.text_muted, chips[i].c_str());
        cx += cw + t.Dp(6);
    }
    if (!hidden.empty()) {
        const char* more = "+ more";
        const float mw = TextSize(f.small, more).x;
        if (cx + mw <= x + w) {
            DrawText(dl, f.small, ImVec2(cx + t.Dp(2), y + t.Dp(4)), c.text_faint, more);
            if (ImGui::IsMouseHoveringRect(ImVec2(cx, y), ImVec2(cx + mw + t.Dp(4), y + chip_h)))
                Tooltip(t, "Also set in this preset", hidden);
        }
    }
    y += chip_h + t.Dp(12);

    // Rationale: as many lines as fit above the buttons; the full text on hover over "more".
    const float buttons_y = b.y - t.Dp(18) - t.Dp(38);
    const float line_h = FontSize(f.small) + t.Dp(4);
    const int max_lines = std::max(0, static_cast<int>((buttons_y - t.Dp(12) - y) / line_h));
    auto lines = WrapLines(f.small, p.scenario.description, w, max_lines, &cut);
    const char* more = "more";
    const float more_w = TextSize(f.label, more).x;
    // A cut text ends "...  more": the link says there is more, hovering it shows everything.
    if (cut && !lines.empty()) lines.back() = Ellipsize(f.small, lines.back(), w - more_w - t.Dp(8));
    const float text_top = y;
    for (const auto& line : lines) {
        DrawText(dl, f.small, ImVec2(x, y), c.text_muted, line.c_str());
        y += line_h;
    }
    if (cut && !lines.empty()) {
        const float my = y - line_h;
        const float mx = x + TextSize(f.small, lines.back().c_str()).x + t.Dp(8);
        const bool over = ImGui::IsMouseHoveringRect(ImVec2(mx, my), ImVec2(mx + more_w, my + line_h));
        DrawText(dl, f.label, ImVec2(mx, my), over ? c.accent_hover : c.accent, more);
        if (ImGui::IsMouseHoveringRect(ImVec2(x, text_top), ImVec2(x + w, y)))
            Tooltip(t, p.scenario.name, p.scenario.question + "\n\n" + p.scenario.description);
    }

    // Buttons.
    const float gap = t.Dp(10);
    const ImVec2 bs((w - gap) * 0.5f, t.Dp(38));
    ImGui::PushID(p.id.c_str());
    ImGui::SetCursorScreenPos(ImVec2(x, buttons_y));
    SemNext().name = "Open as baseline: " + p.scenario.name;
    if (Button(t, "##baseline", "Open as baseline", Icon::Open, bs, true)) {
        const EditResult res = ui.ws.SetBaseline(p.scenario, p.id);
        if (res.ok) {
            if (ui.notify) ui.notify("Opened \"" + p.scenario.name + "\" as the baseline", false);
            if (ui.show) ui.show(View::Design);
        } else if (ui.notify) {
            ui.notify(res.message, true);
        }
    }
    ui.hooks.RecordLastItem("Gallery:baseline:" + p.id);
    if (ImGui::IsItemHovered())
        Tooltip(t, "Open as baseline", "Replace the baseline with this preset; open alternatives stay as they are.");
    ImGui::SetCursorScreenPos(ImVec2(x + bs.x + gap, buttons_y));
    SemNext().name = "Add as alternative: " + p.scenario.name;
    if (Button(t, "##alternative", "Add as alternative", Icon::Plus, bs, false)) {
        const EditResult res = ui.ws.AddAlternative(p.scenario, p.id);
        if (res.ok) {
            if (ui.notify)
                ui.notify("Added \"" + p.scenario.name + "\" as " + Workspace::SlotLabel(ui.ws.Active()), false);
            if (ui.show) ui.show(View::Design);
        } else if (ui.notify) {
            ui.notify(res.message, true);
        }
    }
    ui.hooks.RecordLastItem("Gallery:alternative:" + p.id);
    if (ImGui::IsItemHovered()) {
        const bool full = ui.ws.SlotCount() >= kMaxSlots;
        Tooltip(t, "Add as alternative",
                full ? "Four scenarios are open already (the baseline and three alternatives): close one first."
                     : "Open this preset next to the baseline, to compare them with the same random numbers.");
    }
    ImGui::PopID();
    SemPop();
}

void GalleryPanel::DrawLibraryCard(Ui& ui, ImVec2 a, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b(a.x + size.x, a.y + size.y);
    const float r = t.Dp(12);
    // A tinted card so the library reads as a different kind of thing from the presets.
    dl->AddRectFilled(a, b, Mix(c.card, c.accent, 0.07f), r);
    dl->AddRect(a, b, Mix(c.card_border, c.accent, 0.35f), r);
    const float pad = t.Dp(18), x = a.x + pad, w = size.x - 2 * pad;
    float y = a.y + t.Dp(20);
    DrawText(dl, f.label, ImVec2(x, y), c.accent, "MODEL LIBRARY");
    y += FontSize(f.label) + t.Dp(6);
    DrawText(dl, f.heading, ImVec2(x, y), c.text, Ellipsize(f.heading, "March (1991): exploration and exploitation", w).c_str());
    y += FontSize(f.heading) + t.Dp(10);
    y = DrawParagraph(dl, f.small, x, y, c.text_muted,
                      "Why slow learners and newcomers keep an organisation smart: James March's classic model of "
                      "mutual learning. Run the paper's experiments and see its figures.",
                      w, 3, t.Dp(4));
    y += t.Dp(10);
    // A small rendition of Figure 1 in the space left: knowledge falls as socialisation speeds up,
    // most steeply when the code learns fast (the published replication's values, p1 = 0.1..0.9).
    const float by = b.y - t.Dp(18) - t.Dp(38);
    const float sh = by - t.Dp(14) - y - FontSize(f.small) - t.Dp(4);
    if (sh >= t.Dp(24)) {
        const float ys[3][9] = {{0.863f, 0.817f, 0.805f, 0.802f, 0.799f, 0.803f, 0.806f, 0.809f, 0.813f},
                                {0.954f, 0.909f, 0.869f, 0.837f, 0.811f, 0.787f, 0.768f, 0.754f, 0.742f},
                                {0.972f, 0.940f, 0.908f, 0.874f, 0.840f, 0.807f, 0.780f, 0.756f, 0.728f}};
        const ImU32 cols[3] = {FunctionLineColour(Function::Marketing, t), FunctionLineColour(Function::It, t), FunctionLineColour(Function::Digital, t)};
        const float sx = x + t.Dp(4), sw = w - t.Dp(8);
        dl->AddLine(ImVec2(sx, y + sh), ImVec2(sx + sw, y + sh), c.axis, 1.0f);
        for (int k = 0; k < 3; ++k) {
            ImVec2 pts[9];
            for (int i = 0; i < 9; ++i)
                pts[i] = ImVec2(sx + sw * static_cast<float>(i) / 8.0f, y + sh * (1.0f - (ys[k][i] - 0.70f) / 0.29f));
            dl->AddPolyline(pts, 9, cols[k], 0, t.Dp(2));
            for (const ImVec2& q : pts) dl->AddCircleFilled(q, t.Dp(2.5f), cols[k], 8);
        }
        DrawText(dl, f.small, ImVec2(sx, y + sh + t.Dp(4)), c.text_faint, "slow socialisation");
        DrawTextRight(dl, f.small, sx + sw, y + sh + t.Dp(4), c.text_faint, "fast");
    }
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_library_card", SemRole::Heading, "Model library: March (1991), exploration and exploitation", a,
              ImVec2(b.x, a.y + t.Dp(60)), heading);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, by));
    if (Button(t, "##library", "Open the model library", Icon::None, ImVec2(w, t.Dp(38)), false) && ui.show) ui.show(View::Library);
    ui.hooks.RecordLastItem("Gallery:library");
}

void GalleryPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    if (!loaded_) Load(ui.assets_dir);
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();

    // The gallery is a page on the background, not a card: the preset cards carry the panels.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(c.background));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(4), t.Dp(4)));
    BeginCard("##gallery", pos, size, true);
    ui.hooks.Record("Panel:gallery", pos.x, pos.y, size.x, size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x - t.Dp(4);
    const float x0 = origin.x;
    float y = origin.y + t.Dp(6);

    // ---- Header: title, subtitle, filter box --------------------------------------------------
    // A narrow page (a narrow window) puts the search box under the title and the subtitle,
    // across the whole width.
    const bool stacked = w < t.Dp(kStackWidth);
    const float filter_w = stacked ? w : std::min(t.Dp(300), w * 0.35f);
    const float title_w = stacked ? w : w - filter_w - t.Dp(24);
    DrawText(dl, f.title, ImVec2(x0, y), c.text, Ellipsize(f.title, "What do you want to find out?", title_w).c_str());
    {
        SemNode heading;
        heading.level = 2;
        SemAt("##sem_gallery_title", SemRole::Heading, "Gallery: what do you want to find out?", ImVec2(x0, y),
              ImVec2(x0 + title_w, y + FontSize(f.title)), heading);
    }
    const float title_y = y;
    auto subtitle = [&](int lines) {
        y += FontSize(f.title) + t.Dp(6);
        y = DrawParagraph(dl, f.body, x0, y, c.text_muted,
                          "Each preset is the same 500-person company, changed to answer one question. Open one as the "
                          "baseline, add others as alternatives, then run and compare them.",
                          title_w, lines, t.Dp(3));
    };
    if (stacked) {  // the box under the subtitle, which is drawn first
        subtitle(4);
        y += t.Dp(12);
    }
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - filter_w, stacked ? y : title_y - t.Dp(2)));
    ImGui::PushFont(f.body);
    ImGui::SetNextItemWidth(filter_w);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.Dp(12), t.Dp(8)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, t.Dp(9));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(c.card));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    ImGui::InputTextWithHint("##filter", "Search presets", filter_, sizeof filter_);
    {
        SemNode box;
        box.value = filter_;
        SemItem(SemRole::TextBox, "Search presets", box);
    }
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ui.hooks.RecordLastItem("Gallery:filter");
    if (stacked) {
        y = ImGui::GetItemRectMax().y + t.Dp(18);
    } else {
        subtitle(2);
        y += t.Dp(18);
    }

    const float gap = t.Dp(16);
    const float card_h = CardHeight(ui);
    const int cols = std::clamp(static_cast<int>((w + gap) / (t.Dp(340) + gap)), 1, 4);
    const float card_w = (w - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);

    auto section = [&](const std::string& title, const std::string& blurb, ImU32 colour, int count) {
        const float dot = t.Dp(10);
        const float hy = y + FontSize(f.heading) * 0.5f;
        dl->AddRectFilled(ImVec2(x0, hy - dot * 0.5f), ImVec2(x0 + dot, hy + dot * 0.5f), colour, t.Dp(3));
        DrawText(dl, f.heading, ImVec2(x0 + dot + t.Dp(10), y), c.text, title.c_str());
        SemNode heading;
        heading.level = 2;
        heading.description = blurb;
        SemAt(("##sem_section_" + title).c_str(), SemRole::Heading, title, ImVec2(x0, y), ImVec2(x0 + w, y + FontSize(f.heading)), heading);
        if (count > 0) {
            const std::string n = std::to_string(count) + (count == 1 ? " preset" : " presets");
            const float nx = x0 + dot + t.Dp(10) + TextSize(f.heading, title.c_str()).x + t.Dp(12);
            DrawText(dl, f.small, ImVec2(nx, y + FontSize(f.heading) - FontSize(f.small) - t.Dp(2)), c.text_faint, n.c_str());
        }
        y += FontSize(f.heading) + t.Dp(4);
        DrawText(dl, f.small, ImVec2(x0 + dot + t.Dp(10), y), c.text_muted, Ellipsize(f.small, blurb, w - dot - t.Dp(10)).c_str());
        y += FontSize(f.small) + t.Dp(14);
    };

    // ---- Start here: the default company and the model library ---------------------------------
    int shown = 0;
    int start = -1;
    for (std::size_t i = 0; i < presets_.size(); ++i)
        if (presets_[i].id == kStartHere) start = static_cast<int>(i);
    const bool start_visible = start >= 0 && Matches(presets_[static_cast<std::size_t>(start)]);
    section("Start here", "The reference company every preset changes: a typical mid-size firm with a traditional IT reporting line.",
            c.ink, 0);
    {
        const float lib_w = cols >= 2 ? card_w : w;
        float lx = x0;
        if (start_visible) {
            const float sw = cols >= 2 ? w - card_w - gap : w;
            DrawCard(ui, presets_[static_cast<std::size_t>(start)], c.ink, ImVec2(x0, y), ImVec2(sw, card_h));
            ++shown;
            if (cols >= 2) lx = x0 + sw + gap;
            else y += card_h + gap;
        }
        DrawLibraryCard(ui, ImVec2(lx, y), ImVec2(start_visible ? lib_w : std::min(w, card_w), card_h));
        y += card_h + t.Dp(30);
    }

    // ---- The questions --------------------------------------------------------------------------
    for (const Group& g : groups_) {
        std::vector<int> visible;
        for (int i : g.members)
            if (Matches(presets_[static_cast<std::size_t>(i)])) visible.push_back(i);
        if (visible.empty()) continue;
        section(g.title, g.blurb, g.colour, static_cast<int>(visible.size()));
        for (std::size_t k = 0; k < visible.size(); ++k) {
            const int col = static_cast<int>(k) % cols;
            if (col == 0 && k > 0) y += card_h + gap;
            DrawCard(ui, presets_[static_cast<std::size_t>(visible[k])], g.colour,
                     ImVec2(x0 + (card_w + gap) * static_cast<float>(col), y), ImVec2(card_w, card_h));
            ++shown;
        }
        y += card_h + t.Dp(30);
    }
    if (shown == 0 && filter_[0] != '\0') {
        const std::string none = std::string("No preset matches \"") + filter_ + "\".";
        DrawText(dl, f.body, ImVec2(x0, y), c.text_muted, none.c_str());
        y += FontSize(f.body) + t.Dp(20);
    }
    for (const std::string& problem : load_problems_) {
        DrawText(dl, f.small, ImVec2(x0, y), c.danger, Ellipsize(f.small, "Not shown: " + problem, w).c_str());
        y += FontSize(f.small) + t.Dp(6);
    }
    ui.hooks.Value("gallery.presets", static_cast<double>(presets_.size()));
    ui.hooks.Value("gallery.shown", static_cast<double>(shown));
    ui.hooks.Value("gallery.slot_count", static_cast<double>(ui.ws.SlotCount()));
    if (!ui.ws.Empty()) ui.hooks.Text("gallery.baseline", ui.ws.GetScenario(0).name);

    // Tell the window how tall the page is, so it scrolls.
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    ImGui::Dummy(ImVec2(w, t.Dp(4)));
    EndCard();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace orgsim::ui
