// compare.cpp: the Compare view (see compare.h).
//
// [SECTION] index: helpers / layout (Draw) / one slot only / summary / chart / table.
#include "web/compare.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/report.h"
#include "web/widgets.h"

namespace orgsim::ui {

// ---- [SECTION] helpers ----------------------------------------------------------------------------
namespace {

constexpr const char* kUp = "\xE2\x86\x91";
constexpr const char* kDown = "\xE2\x86\x93";

/// Split text into lines no wider than `width` at spaces only (ImGui's wrapper also breaks after
/// '.' and ',', which would split "$0.9M" across lines).
std::vector<std::string> WrapWords(ImFont* font, const std::string& text, float width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        const std::string word = text.substr(i, j - i);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && TextSize(font, candidate.c_str()).x > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        i = j + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

/// Short summary length per alternative: more sentences when fewer alternatives share the box.
int SentencesPerAlternative(int alternatives) { return alternatives <= 1 ? 4 : alternatives == 2 ? 2 : 1; }

}  // namespace

// ---- [SECTION] layout -----------------------------------------------------------------------------
void ComparePanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    const float pad = theme.Dp(20), gap = theme.Dp(14);
    // A narrow card (a narrow window, WCAG 1.4.10) stacks the parts in one column and scrolls.
    const bool stacked = size.x - 2 * pad < theme.Dp(kStackWidth);
    BeginCard("##compare", pos, size, stacked);
    ui.hooks.Record("Panel:compare", pos.x, pos.y, size.x, size.y);
    ui.hooks.Value("compare.stacked", stacked ? 1.0 : 0.0);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x0 = pos.x + pad;
    const float width = size.x - 2 * pad - (stacked ? std::max(0.0f, ImGui::GetStyle().ScrollbarSize - pad * 0.5f) : 0.0f);
    float y = pos.y + pad * 0.8f - (stacked ? ImGui::GetScrollY() : 0.0f);
    const float y_top = y;

    const int slots = ui.ws.SlotCount();
    ui.hooks.Value("compare.slots", slots);
    results_.Update(ui.runner, ui.ws.Revision());
    const Comparison& cmp = results_.Get();

    // Header: title, what the numbers are, run state.
    DrawText(dl, fonts.title, ImVec2(x0, y), pal.text, "Compare scenarios");
    const std::string sub = slots > 1 ? Thousands(cmp.replications) +
                                            " replications per scenario with common random numbers" + kMiddot +
                                            "differences are paired, replication by replication"
                                      : std::string("Add an alternative to compare it with the baseline");
    DrawText(dl, fonts.small, ImVec2(x0, y + FontSize(fonts.title) + theme.Dp(4)), pal.text_muted,
             Ellipsize(fonts.small, sub, stacked ? width : width * 0.68f).c_str());
    const bool running = ui.runner.Running() || !results_.Current();
    std::string status;
    if (!results_.Results())
        status = "Waiting for the first run";
    else if (running)
        status = "Running replications  " + Thousands(cmp.completed) + " / " + Thousands(cmp.replications);
    else
        status = "Results are up to date";
    ui.hooks.Value("compare.completed", cmp.completed);
    ui.hooks.Value("compare.replications", cmp.replications);
    ui.hooks.Value("compare.current", results_.Current() && !ui.runner.Running() && cmp.completed >= cmp.replications &&
                                              cmp.scenarios == slots
                                          ? 1.0
                                          : 0.0);
    // The run state: right of the title, or (stacked) under the subtitle.
    const ImVec2 ss = TextSize(fonts.label, status.c_str());
    const float sy = stacked ? y + FontSize(fonts.title) + FontSize(fonts.small) + theme.Dp(14) : y + theme.Dp(6);
    const float sr = stacked ? x0 + ss.x : x0 + width;
    DrawText(dl, fonts.label, ImVec2(sr - ss.x, sy), running ? pal.text : pal.text_muted, status.c_str());
    if (running && results_.Results()) {
        const float bw = std::max(ss.x, theme.Dp(160)), by = sy + ss.y + theme.Dp(7), bh = theme.Dp(4);
        const float bl = stacked ? x0 : sr - bw;
        const float frac = std::clamp(static_cast<float>(ui.runner.Progress()), 0.0f, 1.0f);
        dl->AddRectFilled(ImVec2(bl, by), ImVec2(bl + bw, by + bh), pal.track, bh);
        dl->AddRectFilled(ImVec2(bl, by), ImVec2(bl + bw * frac, by + bh), pal.accent, bh);
    }
    y += HeaderHeight(theme, stacked);

    if (slots < 2) {
        DrawEmpty(ui, ImVec2(x0, y), ImVec2(width, pos.y + size.y - pad - y));
        if (stacked) {  // the content's height, for the card's scrolling: down to the last button
            const float end_y = ImGui::GetItemRectMax().y + theme.Dp(30);
            ImGui::SetCursorScreenPos(ImVec2(x0, y_top));
            ImGui::Dummy(ImVec2(1.0f, end_y - y_top + pad));
        }
        EndCard();
        return;
    }
    if (stacked) {
        const float summary_h = theme.Dp(280), chart_h = theme.Dp(280), lower_h = theme.Dp(460);
        DrawSummary(ui, ImVec2(x0, y), ImVec2(width, summary_h));
        y += summary_h + gap;
        DrawChart(ui, ImVec2(x0, y), ImVec2(width, chart_h));
        y += chart_h + gap;
        DrawModes(ui, x0, &y, width, true);
        if (why_mode_) why_.Draw(ui, ImVec2(x0, y), ImVec2(width, lower_h), &chart_id_);
        else DrawTable(ui, ImVec2(x0, y), ImVec2(width, lower_h));
        y += lower_h;
        ImGui::SetCursorScreenPos(ImVec2(x0, y_top));
        ImGui::Dummy(ImVec2(1.0f, y - y_top + pad));
        EndCard();
        return;
    }
    const float bottom = pos.y + size.y - pad * 0.8f;
    const float top_h = std::max(theme.Dp(190), std::floor((bottom - y) * 0.38f));
    const float chart_w = std::floor(width * 0.44f);
    DrawSummary(ui, ImVec2(x0, y), ImVec2(width - chart_w - gap, top_h));
    DrawChart(ui, ImVec2(x0 + width - chart_w, y), ImVec2(chart_w, top_h));
    y += top_h + gap;
    DrawModes(ui, x0, &y, width, false);
    if (why_mode_) why_.Draw(ui, ImVec2(x0, y), ImVec2(width, bottom - y), &chart_id_);
    else DrawTable(ui, ImVec2(x0, y), ImVec2(width, bottom - y));
    EndCard();
}

void ComparePanel::DrawModes(Ui& ui, float x0, float* y_io, float width, bool stacked) {
    // The lower part: every outcome in a table, or why the chart's outcome differs.
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = *y_io;
    const float th = theme.Dp(32);
    const float tw = stacked ? std::min(theme.Dp(150), (width - theme.Dp(8)) * 0.5f) : theme.Dp(150);
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    SemPush("##sem_cmp_mode", SemRole::RadioGroup, "Show", ImVec2(x0, y), ImVec2(x0 + 2 * tw + theme.Dp(8), y + th));
    if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Radio);
    if (ToggleButton(theme, "##cmp_table", "All outcomes", Icon::None, ImVec2(tw, th), !why_mode_)) why_mode_ = false;
    ui.hooks.RecordLastItem("Compare:mode:table");
    ImGui::SetCursorScreenPos(ImVec2(x0 + tw + theme.Dp(8), y));
    if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Radio);
    if (ToggleButton(theme, "##cmp_why", "Why?", Icon::Help, ImVec2(tw, th), why_mode_)) why_mode_ = true;
    SemPop();
    ui.hooks.RecordLastItem("Compare:mode:why");
    // What the mode shows: right of the buttons, or (stacked) wrapped under them.
    const char* what = why_mode_ ? "Which changes make the difference in the chart's outcome, and by how much"
                                 : "Every outcome at the end of the run, and the differences against the baseline";
    if (stacked) {
        y += th + theme.Dp(8);
        const ImVec2 ts = fonts.small->CalcTextSizeA(FontSize(fonts.small), FLT_MAX, width, what);
        dl->AddText(fonts.small, FontSize(fonts.small), ImVec2(x0, y), pal.text_faint, what, nullptr, width);
        y += ts.y - th;
    } else {
        DrawText(dl, fonts.small, ImVec2(x0 + 2 * tw + theme.Dp(20), y + (th - FontSize(fonts.small)) * 0.5f), pal.text_faint, what);
    }
    ui.hooks.Value("compare.why_mode", why_mode_ ? 1.0 : 0.0);
    y += th + theme.Dp(10);
    *y_io = y;
}

// ---- [SECTION] one slot only ----------------------------------------------------------------------
void ComparePanel::DrawEmpty(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The text 28 pixels inside its tile, and the tile inside the card.
    const float w = std::min(size.x - theme.Dp(56), theme.Dp(640));
    const float x = p0.x + (size.x - w) * 0.5f;
    static const char* kHow =
        "A comparison needs an alternative to set against the baseline. Either copy this scenario into a new slot "
        "with \xE2\x80\x9C+ Alternative\xE2\x80\x9D at the top right and change it in Design (move the CIO, add a "
        "CDO, pull a lever), or pick a ready-made question in the Gallery and choose \xE2\x80\x9C" "Add as "
        "alternative\xE2\x80\x9D. Both run with the same random numbers, so the differences you see here come from "
        "the structure, not from luck.";
    ImGui::PushFont(fonts.body);
    const float text_h = ImGui::CalcTextSize(kHow, nullptr, false, w).y;
    const float bh = theme.Dp(40);
    const float bw = std::min(theme.Dp(220), w);
    const bool below = 2 * bw + theme.Dp(12) > w;  // the two buttons one under the other
    const float box_h = FontSize(fonts.heading) + theme.Dp(12) + text_h + theme.Dp(18) + bh + (below ? bh + theme.Dp(10) : 0.0f);
    float y = p0.y + std::max(theme.Dp(20), (size.y - box_h) * 0.4f);
    SectionTile(theme, dl, ImVec2(x - theme.Dp(28), y - theme.Dp(24)), ImVec2(x + w + theme.Dp(28), y + box_h + theme.Dp(24)));
    DrawText(dl, fonts.heading, ImVec2(x, y), pal.text, "Only the baseline is open");
    y += FontSize(fonts.heading) + theme.Dp(12);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushTextWrapPos(x + w - ImGui::GetWindowPos().x);  // local coordinates
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
    ImGui::TextUnformatted(kHow);
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    y = ImGui::GetCursorScreenPos().y + theme.Dp(18);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (Button(theme, "##cmp_duplicate", "Copy as alternative", Icon::Plus, ImVec2(bw, bh), true)) {
        const EditResult r = ui.ws.DuplicateActive();
        if (ui.notify) ui.notify(r.ok ? "Added " + Workspace::SlotLabel(ui.ws.Active()) + ": change it in Design." : r.message, !r.ok);
        if (r.ok && ui.show) ui.show(View::Design);
    }
    ui.hooks.RecordLastItem("Compare:duplicate");
    ImGui::SetCursorScreenPos(below ? ImVec2(x, y + bh + theme.Dp(10)) : ImVec2(x + bw + theme.Dp(12), y));
    if (Button(theme, "##cmp_gallery", "Open the Gallery", Icon::Open, ImVec2(bw, bh), false) && ui.show)
        ui.show(View::Gallery);
    ui.hooks.RecordLastItem("Compare:gallery");
}

// ---- [SECTION] summary ----------------------------------------------------------------------------
void ComparePanel::DrawSummary(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(theme, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    ui.hooks.Record("Compare:summary", p0.x, p0.y, size.x, size.y);
    const float pad = theme.Dp(16);
    DrawText(dl, fonts.heading, ImVec2(p0.x + pad, p0.y + pad * 0.85f), pal.text, "In plain words");
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_plain_words", SemRole::Heading, "In plain words", ImVec2(p0.x + pad, p0.y + pad * 0.85f),
              ImVec2(p0.x + size.x - pad, p0.y + pad * 0.85f + FontSize(fonts.heading)), heading);
    }
    const Comparison& cmp = results_.Get();
    const float top = p0.y + pad + FontSize(fonts.heading) + theme.Dp(10);

    ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, top));
    ImGui::BeginChild("##summary", ImVec2(size.x - 2 * pad, p0.y + size.y - pad * 0.6f - top), false,
                      ImGuiWindowFlags_NoBackground);
    ImGui::PushFont(fonts.body);
    const float wrap = ImGui::GetContentRegionAvail().x;
    int published = 0;
    if (cmp.completed < 2 || cmp.scenarios < 2) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.text_faint);
        ImGui::TextWrapped("The summary appears when the first replications of every scenario are done.");
        SemAt("##sem_summary_wait", SemRole::Text, "The summary appears when the first replications of every scenario are done.",
              ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::PopStyleColor();
    } else {
        const int per = SentencesPerAlternative(cmp.scenarios - 1);
        ImDrawList* cdl = ImGui::GetWindowDrawList();
        for (int i = 1; i < cmp.scenarios; ++i) {
            const auto brief = ShortSummary(cmp, i, per);
            for (const Sentence* s : brief) {
                const ImVec2 at = ImGui::GetCursorScreenPos();
                const float indent = theme.Dp(30);
                // Marker: the slot's colour; an arrow in blue/orange says better/worse (never colour alone).
                const float cy = at.y + FontSize(fonts.body) * 0.55f;
                cdl->AddCircleFilled(ImVec2(at.x + theme.Dp(5), cy), theme.Dp(4.5f), SlotColour(i), 16);
                if (s->clear) {
                    const ImU32 c = s->better > 0 ? BetterColour(theme) : WorseColour(theme);
                    const char* arrow = s->better > 0 ? kUp : kDown;
                    DrawText(cdl, fonts.label, ImVec2(at.x + theme.Dp(14), at.y + theme.Dp(1)), c, arrow);
                }
                const float line_h = FontSize(fonts.body) + theme.Dp(3);
                const auto lines = WrapWords(fonts.body, s->text, wrap - indent);
                for (std::size_t li = 0; li < lines.size(); ++li)
                    DrawText(cdl, fonts.body, ImVec2(at.x + indent, at.y + line_h * static_cast<float>(li)),
                             s->clear ? pal.text : pal.text_muted, lines[li].c_str());
                ImGui::Dummy(ImVec2(wrap, line_h * static_cast<float>(lines.size()) + theme.Dp(5)));
                ui.hooks.Text("compare.summary." + std::to_string(published), s->text);
                // Read with what the arrow and the colour say (never colour alone).
                SemAt(("##sem_sentence_" + std::to_string(published)).c_str(), SemRole::Text,
                      Workspace::SlotLabel(i) + ": " + (s->clear ? (s->better > 0 ? "better. " : "worse. ") : "") + s->text,
                      ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
                ++published;
            }
            if (i + 1 < cmp.scenarios) ImGui::Dummy(ImVec2(1, theme.Dp(6)));
        }
    }
    ui.hooks.Value("compare.summary.count", published);
    ImGui::PopFont();
    ImGui::EndChild();
}

// ---- [SECTION] chart ------------------------------------------------------------------------------
void ComparePanel::DrawChart(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& theme = ui.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(theme, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    const Comparison& cmp = results_.Get();
    const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(chart_id_)];
    const OutcomeStyle& st = StyleOf(chart_id_);
    const float pad = theme.Dp(14);
    const ImVec2 cp(p0.x + pad, p0.y + pad * 0.85f);
    if (!ui.presenting) OutcomeMenu(theme, ui.hooks, cp, &chart_id_, "Compare:chart:select", "Compare:pick:");
    std::vector<std::string> labels;
    std::vector<ChartLine> lines;
    const int n = cmp.completed > 0 ? cmp.scenarios : 0;
    for (int s = 0; s < n; ++s) labels.push_back(Workspace::SlotLabel(s));
    for (int s = 0; s < n; ++s) {
        const ResultsCache::Band& band = results_.GetBand(s, chart_id_);
        ChartLine l;
        l.label = labels[static_cast<std::size_t>(s)].c_str();
        l.values = &band.mean;
        l.band_lo = &band.lo;
        l.band_hi = &band.hi;
        l.colour = SlotColour(s);
        l.thickness = s == 0 ? 2.0f : 2.5f;
        lines.push_back(l);
    }
    const std::string subtitle = std::string(*st.unit ? st.unit : info.unit) + kMiddot + "mean and 90% band";
    ChartSpec spec;
    spec.title = info.label;
    spec.subtitle = subtitle.c_str();
    spec.horizon_weeks = ui.ws.GetScenario(0).horizon_weeks;
    spec.empty_message = "Waiting for the first replications\xE2\x80\xA6";
    StyleChartFor(chart_id_, spec);
    spec.include_zero = chart_id_ != SeriesId::OperatingProfit && chart_id_ != SeriesId::BudgetVariance;
    ImGui::SetCursorScreenPos(cp);
    LineChart("##cmp_chart", spec, lines, ImVec2(size.x - 2 * pad, size.y - pad * 1.7f), theme);
    ui.hooks.Record(std::string("Compare:chart:") + info.key, p0.x, p0.y, size.x, size.y);
    ui.hooks.Text("compare.chart", info.key);
}

// ---- [SECTION] table ------------------------------------------------------------------------------
void ComparePanel::DrawTable(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(theme, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    const Comparison& cmp = results_.Get();
    const int n = std::max(1, cmp.scenarios);
    const float pad = theme.Dp(16);
    const float inner_w = size.x - 2 * pad;
    // Columns: outcome | value per slot | difference per alternative.
    const float label_w_wide = std::clamp(inner_w * 0.24f, theme.Dp(170), theme.Dp(300));
    // Too narrow for a column per scenario and per difference (a narrow window): each outcome is a
    // block of lines instead, one per scenario and one per difference, each named by its scenario.
    const bool lines_mode = inner_w - label_w_wide - theme.Dp(12) < theme.Dp(110) * static_cast<float>(2 * n - 1);
    ui.hooks.Value("compare.table_lines", lines_mode ? 1.0 : 0.0);
    const float tag_w = theme.Dp(104);  // lines mode: the scenario's name before its numbers
    const float label_w = lines_mode ? inner_w : label_w_wide;
    const float rest = inner_w - label_w - theme.Dp(12);
    const float value_w = lines_mode ? inner_w - tag_w : rest / static_cast<float>(n + (n - 1));
    std::vector<float> value_x, diff_x;
    for (int s = 0; s < n; ++s) value_x.push_back(p0.x + pad + label_w + theme.Dp(12) + value_w * static_cast<float>(s));
    for (int s = 1; s < n; ++s) diff_x.push_back(value_x.back() + value_w * static_cast<float>(s));

    // Sticky header: slot label with its colour, scenario name under it.
    const float head_y = p0.y + pad * 0.8f;
    DrawText(dl, fonts.label, ImVec2(p0.x + pad, head_y), pal.text_muted, "Outcome, at the end of the run");
    DrawText(dl, fonts.small, ImVec2(p0.x + pad, head_y + FontSize(fonts.label) + theme.Dp(3)), pal.text_faint,
             Ellipsize(fonts.small, "mean [90% of futures]; differences paired", label_w).c_str());
    for (int s = 0; s < n && s < cmp.scenarios && !lines_mode; ++s) {
        const float x = value_x[static_cast<std::size_t>(s)];
        dl->AddRectFilled(ImVec2(x, head_y + theme.Dp(3)), ImVec2(x + theme.Dp(10), head_y + theme.Dp(13)), SlotColour(s), theme.Dp(2));
        DrawText(dl, fonts.label, ImVec2(x + theme.Dp(16), head_y), pal.text, Workspace::SlotLabel(s).c_str());
        DrawText(dl, fonts.small, ImVec2(x, head_y + FontSize(fonts.label) + theme.Dp(3)), pal.text_muted,
                 Ellipsize(fonts.small, cmp.names[static_cast<std::size_t>(s)], value_w - theme.Dp(12)).c_str());
    }
    for (int s = 1; s < n && s < cmp.scenarios && !lines_mode; ++s) {
        const float x = diff_x[static_cast<std::size_t>(s - 1)];
        const std::string head = std::string(1, static_cast<char>('A' + s)) + " vs baseline";
        dl->AddRectFilled(ImVec2(x, head_y + theme.Dp(3)), ImVec2(x + theme.Dp(10), head_y + theme.Dp(13)), SlotColour(s), theme.Dp(2));
        DrawText(dl, fonts.label, ImVec2(x + theme.Dp(16), head_y), pal.text, head.c_str());
        DrawText(dl, fonts.small, ImVec2(x, head_y + FontSize(fonts.label) + theme.Dp(3)), pal.text_muted,
                 Ellipsize(fonts.small, "expected difference [95% CI] · futures better", value_w - theme.Dp(12)).c_str());
    }
    const float body_y = head_y + FontSize(fonts.label) + FontSize(fonts.small) + theme.Dp(12);
    dl->AddLine(ImVec2(p0.x + pad, body_y - theme.Dp(4)), ImVec2(p0.x + size.x - pad, body_y - theme.Dp(4)), pal.axis);
    if (cmp.completed == 0) {
        DrawText(dl, fonts.body, ImVec2(p0.x + pad, body_y + theme.Dp(12)), pal.text_faint,
                 "Waiting for the first replications\xE2\x80\xA6");
        return;
    }

    // Rows, scrolling under the header.
    ImGui::SetCursorScreenPos(ImVec2(p0.x + theme.Dp(4), body_y));
    const ImVec2 rows_size(size.x - theme.Dp(8), p0.y + size.y - theme.Dp(6) - body_y);
    ui.hooks.Record("Compare:table", p0.x + theme.Dp(4), body_y, rows_size.x, rows_size.y);
    ImGui::BeginChild("##cmp_rows", rows_size, false, ImGuiWindowFlags_NoBackground);
    ImDrawList* cdl = ImGui::GetWindowDrawList();
    // The table for assistive technology: a header row, then per outcome its name (a button that
    // charts it), each scenario's mean and 90% range, and each alternative's difference.
    SemPush("##sem_cmp_table", SemRole::Table, "Every outcome at the end of the run",
            ImVec2(p0.x + theme.Dp(4), body_y), ImVec2(p0.x + theme.Dp(4) + rows_size.x, body_y + rows_size.y));
    SemPush("##sem_cmp_head", SemRole::Row, "");
    SemAt("##sem_cmp_h_outcome", SemRole::ColumnHeader, "Outcome", ImVec2(0, 0), ImVec2(0, 0));
    for (int s = 0; s < cmp.scenarios; ++s)
        SemAt(("##sem_cmp_h_" + std::to_string(s)).c_str(), SemRole::ColumnHeader, Workspace::SlotLabel(s) + ", mean [90% range]",
              ImVec2(0, 0), ImVec2(0, 0));
    for (int s = 1; s < cmp.scenarios; ++s)
        SemAt(("##sem_cmp_hd_" + std::to_string(s)).c_str(), SemRole::ColumnHeader,
              std::string(1, static_cast<char>('A' + s)) + " vs baseline: expected difference [95% CI], futures better", ImVec2(0, 0),
              ImVec2(0, 0));
    SemPop();
    const float name_h = FontSize(fonts.label) + FontSize(fonts.small) + theme.Dp(11);
    const float value_line = FontSize(fonts.label) + theme.Dp(6);                          // lines mode
    const float diff_line = FontSize(fonts.label) + FontSize(fonts.small) + theme.Dp(8);  // lines mode
    const float row_h = lines_mode ? name_h + value_line * static_cast<float>(cmp.scenarios) +
                                         diff_line * static_cast<float>(cmp.scenarios - 1) + theme.Dp(4)
                                   : name_h;
    int row_index = 0;
    for (const OutcomeRow& row : cmp.rows) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(row.id)];
        const OutcomeStyle& st = StyleOf(row.id);
        const std::string key = info.key;
        const ImVec2 a = ImGui::GetCursorScreenPos();
        ImGui::PushID(row_index);
        SemPush("##sem_row", SemRole::Row, "");
        SemPush("##sem_row_name", SemRole::Cell, "");
        if (ImGui::InvisibleButton("##row", ImVec2(size.x - theme.Dp(8) - ImGui::GetStyle().ScrollbarSize, row_h)))
            chart_id_ = row.id;
        {
            SemNode rb;
            rb.on = row.id == chart_id_;
            rb.description = "Show it in the chart";
            SemItem(SemRole::Toggle, std::string(info.label) + " (" + (*st.unit ? st.unit : info.unit) + ")", rb);
        }
        SemPop();
        ui.hooks.RecordLastItem("Compare:row:" + key);
        const bool hov = ImGui::IsItemHovered();
        const ImVec2 b = ImGui::GetItemRectMax();
        if (row.id == chart_id_)
            cdl->AddRectFilled(a, b, WithAlpha(pal.accent, 0.08f), theme.Dp(6));
        else if (hov)
            cdl->AddRectFilled(a, b, WithAlpha(pal.card, 0.8f), theme.Dp(6));
        if (row_index == static_cast<int>(KeyOutcomes().size()) - 1)
            cdl->AddLine(ImVec2(a.x + pad - theme.Dp(4), b.y), ImVec2(b.x - pad, b.y), pal.axis);  // key outcomes above
        const float l1 = a.y + theme.Dp(5), l2 = l1 + FontSize(fonts.label) + theme.Dp(1);
        const float lx = a.x + pad - theme.Dp(4);
        DrawText(cdl, fonts.label, ImVec2(lx, l1), pal.text, Ellipsize(fonts.label, info.label, label_w).c_str());
        DrawText(cdl, fonts.small, ImVec2(lx, l2), pal.text_faint,
                 Ellipsize(fonts.small, *st.unit ? st.unit : info.unit, label_w).c_str());
        // One decimals setting per row so the values line up.
        double mag = 0.0;
        for (const Summary& v : row.value) mag = std::max(mag, std::fabs(v.mean) * st.scale);
        const int dec = DisplayDecimals(mag);
        // Lines mode: a scenario's (or a difference's) line, named by a swatch and its label.
        auto tag = [&](int slot, float y, const std::string& text) {
            cdl->AddRectFilled(ImVec2(lx, y + theme.Dp(4)), ImVec2(lx + theme.Dp(10), y + theme.Dp(14)), SlotColour(slot), theme.Dp(2));
            DrawText(cdl, fonts.small, ImVec2(lx + theme.Dp(16), y + theme.Dp(1)), pal.text_muted,
                     Ellipsize(fonts.small, text, tag_w - theme.Dp(22)).c_str());
        };
        for (int s = 0; s < cmp.scenarios; ++s) {
            const Summary& v = row.value[static_cast<std::size_t>(s)];
            const float x = lines_mode ? lx + tag_w : value_x[static_cast<std::size_t>(s)] - theme.Dp(4);
            const float y1 = lines_mode ? a.y + name_h + value_line * static_cast<float>(s) : l1;
            if (lines_mode) tag(s, y1, Workspace::SlotLabel(s));
            const std::string m = FormatOutcome(row.id, v.mean, dec);
            const float mw = TextSize(fonts.label, m.c_str()).x;
            const bool best = row.best == s;
            if (best) {
                const ImVec2 ba = lines_mode ? ImVec2(x - theme.Dp(6), y1 - theme.Dp(2)) : ImVec2(x - theme.Dp(6), a.y + theme.Dp(3));
                const ImVec2 bb = lines_mode ? ImVec2(x + value_w - theme.Dp(4), y1 + value_line - theme.Dp(3))
                                             : ImVec2(x + value_w - theme.Dp(10), b.y - theme.Dp(3));
                cdl->AddRectFilled(ba, bb, WithAlpha(BetterColour(theme), 0.10f), theme.Dp(6));
            }
            DrawText(cdl, fonts.label, ImVec2(x, y1), best ? BetterColour(theme) : pal.text, m.c_str());
            if (best) {
                DrawIcon(theme, cdl, Icon::Check, ImVec2(x + mw + theme.Dp(11), y1 + FontSize(fonts.label) * 0.5f), theme.Dp(11),
                         BetterColour(theme), pal.card);
            }
            const std::string range = std::string("[") + FormatOutcome(row.id, v.lo, dec) + "\xE2\x80\x93" +
                                      FormatOutcome(row.id, v.hi, dec) + "]";
            // The range under the mean, or (lines mode) after it on its line.
            const float rx = lines_mode ? x + mw + theme.Dp(best ? 26 : 8) : x;
            const float ry = lines_mode ? y1 + FontSize(fonts.label) - FontSize(fonts.small) - theme.Dp(1) : l2;
            DrawText(cdl, fonts.small, ImVec2(rx, ry), pal.text_muted, Ellipsize(fonts.small, range, x + value_w - theme.Dp(12) - rx).c_str());
            SemAt(("##sem_v_" + key + "_" + std::to_string(s)).c_str(), SemRole::Cell, m + " " + range + (best ? ", best" : ""), ImVec2(0, 0),
                  ImVec2(0, 0));
            const std::string base = "compare." + key + "." + std::to_string(s);
            ui.hooks.Value(base + ".mean", v.mean);
            ui.hooks.Value(base + ".lo", v.lo);
            ui.hooks.Value(base + ".hi", v.hi);
        }
        for (int s = 1; s < cmp.scenarios; ++s) {
            const Summary& d = row.diff[static_cast<std::size_t>(s)];
            const int vs = row.versus_baseline[static_cast<std::size_t>(s)];
            const float x = lines_mode ? lx + tag_w : diff_x[static_cast<std::size_t>(s - 1)] - theme.Dp(4);
            const float y1 = lines_mode ? a.y + name_h + value_line * static_cast<float>(cmp.scenarios) +
                                              diff_line * static_cast<float>(s - 1)
                                        : l1;
            const float y2 = lines_mode ? y1 + FontSize(fonts.label) + theme.Dp(1) : l2;
            if (lines_mode) tag(s, y1, std::string(1, static_cast<char>('A' + s)) + " vs baseline");
            const int ddec = DisplayDecimals(std::fabs(d.mean) * st.scale);
            const ImU32 c = vs > 0 ? BetterColour(theme) : vs < 0 ? WorseColour(theme) : pal.text_muted;
            std::string main = FormatDifference(row.id, d.mean, ddec);
            if (vs != 0) main = std::string(d.mean > 0 ? kUp : kDown) + " " + main;
            DrawText(cdl, vs != 0 ? fonts.label : fonts.small, ImVec2(x, vs != 0 ? y1 : y1 + theme.Dp(1)), c,
                     Ellipsize(fonts.label, main, value_w - theme.Dp(12)).c_str());
            // The interval's decimals follow its own size ("[−$0.19M to +$0.21M]").
            const int rdec = DisplayDecimals(std::max(std::fabs(d.ci_lo), std::fabs(d.ci_hi)) * st.scale);
            auto bare = [&](double v) {  // signed number without unit words: "+$0.9M", "−21.3", "0"
                if (v == 0.0) return std::string(st.prefix) + "0" + st.diff_suffix;
                const std::string t = FormatNumber(std::fabs(v) * st.scale, rdec);
                const bool zero = t.find_first_of("123456789") == std::string::npos;
                return std::string(zero ? "\xC2\xB1" : v < 0 ? "\xE2\x88\x92" : "+") + st.prefix + t + st.diff_suffix;
            };
            // The 95% confidence interval of the expected difference, then how often B comes out better
            // (an unclear difference says so first: no information by colour alone).
            const double better = row.better_share[static_cast<std::size_t>(s)];
            const std::string range = std::string(vs == 0 ? "not clear " : "") + "[" + bare(d.ci_lo) + " to " + bare(d.ci_hi) + "]" +
                                      kMiddot + FormatPercent(better) + " better";
            DrawText(cdl, fonts.small, ImVec2(x, y2), vs != 0 ? pal.text_muted : pal.text_faint,
                     Ellipsize(fonts.small, range, value_w - theme.Dp(12)).c_str());
            SemAt(("##sem_d_" + key + "_" + std::to_string(s)).c_str(), SemRole::Cell,
                  std::string(vs > 0 ? "better: " : vs < 0 ? "worse: " : "") + FormatDifference(row.id, d.mean, ddec) + " " + range,
                  ImVec2(0, 0), ImVec2(0, 0));
            const std::string base = "compare." + key + "." + std::to_string(s);
            ui.hooks.Value(base + ".diff", d.mean);
            ui.hooks.Value(base + ".diff_lo", d.ci_lo);
            ui.hooks.Value(base + ".diff_hi", d.ci_hi);
            ui.hooks.Value(base + ".diff_p05", d.lo);
            ui.hooks.Value(base + ".diff_p95", d.hi);
            ui.hooks.Value(base + ".better_share", better);
            ui.hooks.Value(base + ".worse_share", row.worse_share[static_cast<std::size_t>(s)]);
            ui.hooks.Value(base + ".versus", vs);
        }
        ui.hooks.Value("compare." + key + ".best", row.best);
        ImGui::PushID(row_index);
        SemPop();  // the row
        ImGui::PopID();
        if (hov) {
            std::string body = std::string(info.label) + " (" + info.unit + "), " +
                               (info.higher_is_better ? "higher is better" : "lower is better") +
                               ". Click to chart it.";
            for (const Sentence& s : cmp.sentences)
                if (s.clear && s.id == row.id) body += "\n\n" + s.text;
            Tooltip(theme, info.label, body);
        }
        ++row_index;
    }
    ui.hooks.Value("compare.rows", row_index);
    SemPop();  // the table
    ImGui::EndChild();
}

}  // namespace orgsim::ui
