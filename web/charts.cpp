// charts.cpp: the ImDrawList line chart (see charts.h). Reads the series it is given; remembers per
// chart only the reader's view of it (the week explored with the keyboard, chart or table).
#include "web/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report.h"
#include "imgui_internal.h"
#include "web/widgets.h"

namespace orgsim::ui {

namespace {

double NiceStep(double raw) {
    if (!(raw > 0.0)) return 1.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double nice = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 2.5 ? 2.5 : f <= 5.0 ? 5.0 : 10.0;
    return nice * mag;
}

std::string WithThousands(long long v) { return FormatNumber(static_cast<double>(v), 0); }

// Tick label: fewer decimals than the hover value, as many as the tick step needs.
std::string TickLabel(double v, double step, ValueFormat format) {
    char buf[64];
    if (format == ValueFormat::Percent) {
        const double pct_step = step * 100.0;
        const int decimals = pct_step >= 1.0 - 1e-9 ? 0 : pct_step >= 0.1 - 1e-9 ? 1 : 2;
        std::snprintf(buf, sizeof buf, "%.*f%%", decimals, v * 100.0 + 0.0);
        return buf;
    }
    if (step >= 1.0 - 1e-9) return WithThousands(std::llround(v));
    const int decimals = step >= 0.1 - 1e-9 ? 1 : 2;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v + 0.0);
    return buf;
}

std::string WeekLabel(int week) {
    char buf[64];
    const int year = (week + 51) / 52;
    std::snprintf(buf, sizeof buf, "Week %d  \xC2\xB7  year %d", week, year < 1 ? 1 : year);
    return buf;
}

std::string Affix(const ChartSpec& spec, const std::string& value) {
    return std::string(spec.value_prefix ? spec.value_prefix : "") + value + (spec.value_suffix ? spec.value_suffix : "");
}

void DrawLegendSwatch(ImDrawList* dl, ImVec2 p, float w, float h, ImU32 colour) {
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), colour, h * 0.5f);
}

}  // namespace

ImU32 SlotColour(int slot) { return FromRgb(palette::kSlot[static_cast<unsigned>(slot) % 4u]); }

ImU32 BetterColour(const Theme& theme) { return theme.Colours().better; }

ImU32 WorseColour(const Theme& theme) { return theme.Colours().worse; }

ImU32 SequentialColour(float t) {
    // Viridis at nine stops (perceptually uniform, readable with every common colour-vision deficiency).
    static const unsigned char kStops[9][3] = {{68, 1, 84},    {71, 45, 123},  {59, 82, 139},   {44, 114, 142}, {33, 145, 140},
                                               {40, 174, 128}, {94, 201, 98},  {173, 220, 48},  {253, 231, 37}};
    t = std::clamp(t, 0.0f, 1.0f) * 8.0f;
    const int i = std::min(static_cast<int>(t), 7);
    const float f = t - static_cast<float>(i);
    auto ch = [&](int c) {
        return static_cast<int>(std::lround(kStops[i][c] + (kStops[i + 1][c] - kStops[i][c]) * f));
    };
    return IM_COL32(ch(0), ch(1), ch(2), 0xFF);
}

std::vector<double> NiceTicks(double lo, double hi, int target) {
    std::vector<double> ticks;
    if (!(hi > lo)) hi = lo + 1.0;
    if (target < 2) target = 2;
    const double step = NiceStep((hi - lo) / target);
    const double first = std::floor(lo / step + 1e-9) * step;
    const double last = std::ceil(hi / step - 1e-9) * step;
    for (int i = 0; first + i * step <= last + step * 1e-6 && i < 64; ++i) ticks.push_back(first + i * step);
    return ticks;
}

std::string FormatValue(double v, ValueFormat format) {
    char buf[64];
    if (!std::isfinite(v)) return "\xE2\x80\x94";  // em dash
    switch (format) {
        case ValueFormat::Count: return WithThousands(std::llround(v));
        case ValueFormat::Decimal1: std::snprintf(buf, sizeof buf, "%.1f", v + 0.0); return buf;
        case ValueFormat::Percent: std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0 + 0.0); return buf;
    }
    return "";
}

namespace {
/// What a reader chose for a chart while the page lives, keyed by the chart's ImGui id: the week the
/// keyboard explores (0 = not yet: the latest week) and whether the chart shows its numbers as a table.
/// UI state only (never the model's); an ordered map, so nothing depends on hash order.
struct ChartView {
    int explored_week = 0;
    bool table = false;
};
std::map<ImGuiID, ChartView> g_chart_views;

int YearOf(int week) { return std::max(1, (week + 51) / 52); }

/// The band is drawn and read only where it covers every week of the line.
bool HasBand(const ChartLine& l) {
    return l.values && l.band_lo && l.band_hi && l.band_lo->size() == l.values->size() &&
           l.band_hi->size() == l.values->size();
}

/// "6.9 to 8.6": a line's band at a week (which it has), for assistive technology.
std::string BandRange(const ChartSpec& spec, const ChartLine& l, int week) {
    const auto i = static_cast<std::size_t>(week - 1);
    return FormatValue((*l.band_lo)[i], spec.format) + " to " + FormatValue((*l.band_hi)[i], spec.format);
}

/// " (90% 6.9 to 8.6)" after a value ("" without a band).
std::string BandWords(const ChartSpec& spec, const ChartLine& l, int week) {
    return HasBand(l) ? " (90% " + BandRange(spec, l, week) + ")" : "";
}

/// The explore slider's value text: "Week 52 (year 1): Baseline 7.8 weeks (90% 6.9 to 8.6); ...".
std::string ExploreText(const ChartSpec& spec, const std::vector<ChartLine>& lines, int week) {
    std::string text = "Week " + std::to_string(week) + " (year " + std::to_string(YearOf(week)) + "):";
    const char* sep = " ";
    for (const ChartLine& l : lines) {
        if (!l.values) continue;
        text += sep;
        sep = "; ";
        text += l.label;
        if (static_cast<int>(l.values->size()) < week) {
            text += " no data yet";
            continue;
        }
        text += " " + Affix(spec, FormatValue((*l.values)[static_cast<std::size_t>(week - 1)], spec.format)) + BandWords(spec, l, week);
    }
    return text;
}

/// Weeks the visible table lists: the end of each year, and the latest week when a year is not over.
std::vector<int> TableWeeks(int n) {
    std::vector<int> weeks;
    for (int w = 52; w <= n; w += 52) weeks.push_back(w);
    if (n > 0 && (weeks.empty() || weeks.back() != n)) weeks.push_back(n);
    return weeks;
}

/// The plot's scales: weeks 0..horizon across, y_lo..y_hi up.
struct PlotArea {
    float left = 0, top = 0, right = 0, bottom = 0;
    int horizon = 1;
    double y_lo = 0, y_hi = 1;
    float X(double week) const { return left + static_cast<float>(week / horizon) * (right - left); }
    float Y(double v) const { return bottom - static_cast<float>((v - y_lo) / (y_hi - y_lo)) * (bottom - top); }
};

/// The chart in words for assistive technology (web/semantics.h): an image whose name is the title,
/// what it shows and each line's latest value, 90% band, lowest and highest.
void PublishSummary(const char* id, const ChartSpec& spec, const std::vector<ChartLine>& lines, ImVec2 p0, ImVec2 p1) {
    if (!ActiveSemantics()) return;
    auto value = [&](double v) { return Affix(spec, FormatValue(v, spec.format)); };
    std::string text = std::string(spec.title) + " chart";
    if (*spec.subtitle) text += " (" + std::string(spec.subtitle) + ")";
    text += ".";
    int n = 0;
    for (const ChartLine& l : lines) {
        if (!l.values || l.values->empty()) continue;
        const std::vector<double>& v = *l.values;
        n = std::max(n, static_cast<int>(v.size()));
        const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
        text += " " + std::string(l.label) + ": " + value(v.back()) + " in week " + std::to_string(v.size());
        if (HasBand(l))
            text += " (90% of runs between " + value(l.band_lo->back()) + " and " + value(l.band_hi->back()) + ")";
        text += ", lowest " + value(*mn) + ", highest " + value(*mx) + ".";
    }
    if (n == 0) text += std::string(" No data yet. ") + spec.empty_message;
    SemAt(id, SemRole::Image, text, p0, p1);
}

/// The chart's data table for assistive technology while the chart is shown: one row a year (and
/// the last week), one column per line (read, not shown).
void PublishOffscreenTable(const char* id, const ChartSpec& spec, const std::vector<ChartLine>& lines, int n) {
    if (!ActiveSemantics() || n == 0) return;
    auto value = [&](double v) { return Affix(spec, FormatValue(v, spec.format)); };
    const std::string table_id = std::string(id) + "##sem_table";
    SemPush(table_id.c_str(), SemRole::Table, std::string(spec.title) + ", data");
    SemPush((table_id + "h").c_str(), SemRole::Row, "");
    SemAt((table_id + "h0").c_str(), SemRole::ColumnHeader, "Week", ImVec2(0, 0), ImVec2(0, 0));
    for (std::size_t c = 0; c < lines.size(); ++c)
        SemAt((table_id + "h" + std::to_string(c + 1)).c_str(), SemRole::ColumnHeader, lines[c].label, ImVec2(0, 0), ImVec2(0, 0));
    SemPop();
    for (int w = 1; w <= n; w = (w == n ? n + 1 : std::min(n, w == 1 ? 52 : w + 52))) {
        const std::string row = table_id + "r" + std::to_string(w);
        SemPush(row.c_str(), SemRole::Row, "");
        SemAt((row + "c0").c_str(), SemRole::Cell, std::to_string(w), ImVec2(0, 0), ImVec2(0, 0));
        for (std::size_t c = 0; c < lines.size(); ++c) {
            const std::vector<double>* v = lines[c].values;
            const bool has = v && static_cast<int>(v->size()) >= w;
            SemAt((row + "c" + std::to_string(c + 1)).c_str(), SemRole::Cell, has ? value((*v)[static_cast<std::size_t>(w - 1)]) : "",
                  ImVec2(0, 0), ImVec2(0, 0));
        }
        SemPop();
    }
    SemPop();
}

/// The crosshair at a week, a dot on each line and the value card beside it: what hovering shows,
/// and what exploring with the keyboard shows. The card is centred on anchor_y (the pointer, or the
/// plot's middle) and kept inside the plot; it flips to the left of the crosshair near right_edge.
void DrawWeekCard(const Theme& theme, ImDrawList* dl, const ChartSpec& spec, const std::vector<ChartLine>& lines,
                  const PlotArea& plot, int week, float anchor_y, float right_edge) {
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    const float x = std::round(plot.X(week)) + 0.5f;
    dl->AddLine(ImVec2(x, plot.top), ImVec2(x, plot.bottom), pal.axis, theme.Dp(1.0f));
    struct Row {
        const ChartLine* line;
        double value;
    };
    std::vector<Row> rows;
    for (const ChartLine& l : lines) {
        if (!l.values || static_cast<int>(l.values->size()) < week) continue;
        const double v = (*l.values)[static_cast<std::size_t>(week - 1)];
        rows.push_back({&l, v});
        const ImVec2 c(x, plot.Y(v));
        dl->AddCircleFilled(c, theme.Dp(6.0f), pal.card, 20);
        dl->AddCircleFilled(c, theme.Dp(4.0f), l.colour, 20);
    }
    const std::string head = WeekLabel(week);
    const float pad = theme.Dp(12), row_h = FontSize(fonts.small) + theme.Dp(6), sw = theme.Dp(10);
    float w = TextSize(fonts.label, head.c_str()).x;
    std::vector<std::string> texts;
    for (const Row& r : rows) {
        texts.push_back(Affix(spec, FormatValue(r.value, spec.format)));
        w = std::max(w, sw + theme.Dp(8) + TextSize(fonts.small, r.line->label).x + theme.Dp(20) +
                            TextSize(fonts.label, texts.back().c_str()).x);
    }
    const float box_w = w + 2 * pad;
    const float box_h = pad * 2 + FontSize(fonts.label) + theme.Dp(8) + row_h * static_cast<float>(rows.size());
    // Right of the crosshair, or left of it; a narrow chart with room on neither side keeps the
    // card inside its right edge.
    float bx = x + theme.Dp(14);
    if (bx + box_w > right_edge) bx = x - theme.Dp(14) - box_w;
    if (bx < plot.left - theme.Dp(40)) bx = std::max(plot.left - theme.Dp(40), right_edge - box_w);
    const float by = std::clamp(anchor_y - box_h * 0.5f, plot.top, std::max(plot.top, plot.bottom - box_h));
    // Soft shadow, then the card.
    for (int s = 3; s >= 1; --s)
        dl->AddRectFilled(ImVec2(bx - s, by - s + 2 * s), ImVec2(bx + box_w + s, by + box_h + s + 2 * s),
                          WithAlpha(IM_COL32(0, 0, 0, 255), 0.035f), theme.Dp(8) + s);
    dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + box_w, by + box_h), pal.tooltip, theme.Dp(8));
    dl->AddRect(ImVec2(bx, by), ImVec2(bx + box_w, by + box_h), pal.card_border, theme.Dp(8));
    DrawText(dl, fonts.label, ImVec2(bx + pad, by + pad), pal.text, head.c_str());
    float ry = by + pad + FontSize(fonts.label) + theme.Dp(8);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const float cy = ry + FontSize(fonts.small) * 0.5f;
        dl->AddCircleFilled(ImVec2(bx + pad + sw * 0.5f, cy), sw * 0.5f, rows[i].line->colour, 16);
        DrawText(dl, fonts.small, ImVec2(bx + pad + sw + theme.Dp(8), ry), pal.text_muted, rows[i].line->label);
        const float vw = TextSize(fonts.label, texts[i].c_str()).x;
        DrawText(dl, fonts.label, ImVec2(bx + box_w - pad - vw, ry - theme.Dp(0.5f)), pal.text, texts[i].c_str());
        ry += row_h;
    }
}

/// A small table glyph (frame, header rule, one column rule) centred at c, size s wide.
void DrawTableGlyph(const Theme& theme, ImDrawList* dl, ImVec2 c, float s, ImU32 colour) {
    const float hw = s * 0.5f, hh = s * 0.4f, t = std::max(1.0f, theme.Dp(1.4f));
    const ImVec2 a(c.x - hw, c.y - hh), b(c.x + hw, c.y + hh);
    dl->AddRect(a, b, colour, theme.Dp(2), 0, t);
    dl->AddRectFilled(a, ImVec2(b.x, a.y + hh * 0.62f), colour, theme.Dp(2), ImDrawFlags_RoundCornersTop);
    dl->AddLine(ImVec2(a.x, c.y + hh * 0.3f), ImVec2(b.x, c.y + hh * 0.3f), colour, t);
    dl->AddLine(ImVec2(a.x + s * 0.38f, a.y + hh * 0.5f), ImVec2(a.x + s * 0.38f, b.y), colour, t);
}

/// The toggle between the chart and its table, drawn at the cursor: a table glyph, with "Table" after
/// it when `with_text`. Pressed (highlighted) while the table shows. Returns true when clicked.
bool TableToggle(const Theme& theme, const char* id, const ChartSpec& spec, ImVec2 size, bool with_text, bool on) {
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    const char* tip = on ? "Show the chart" : "Show the numbers as a table";
    SemNode& next = SemNext();
    next.name = std::string("Show ") + spec.title + " as a table";
    next.description = tip;
    const bool pressed = ToggleButton(theme, id, "", Icon::None, size, on);
    if (ImGui::IsItemHovered()) Tooltip(theme, tip, "");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float glyph = theme.Dp(14), cy = (a.y + b.y) * 0.5f;
    if (!with_text) {
        DrawTableGlyph(theme, dl, ImVec2((a.x + b.x) * 0.5f, cy), glyph, pal.text);
        return pressed;
    }
    const ImVec2 ts = TextSize(fonts.label, "Table");
    const float x0 = (a.x + b.x - (glyph + theme.Dp(7) + ts.x)) * 0.5f;
    DrawTableGlyph(theme, dl, ImVec2(x0 + glyph * 0.5f, cy), glyph, pal.text);
    DrawText(dl, fonts.label, ImVec2(x0 + glyph + theme.Dp(7), cy - ts.y * 0.5f), pal.text, "Table");
    return pressed;
}

/// The chart's numbers as a table in the rectangle a..b, scrolling under a frozen header row: a row
/// per year (TableWeeks), the week first, then each line's mean and its 90% band in columns of their
/// own, or, where that is too wide, the band under the mean in the line's column (as the comparison
/// table shows them). Published as a Table of Rows, ColumnHeaders and Cells at their rectangles.
void DrawDataTable(const char* id, const Theme& theme, const ChartSpec& spec, const std::vector<ChartLine>& lines, int n,
                   ImVec2 a, ImVec2 b) {
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    const std::string key = std::string(id) + "##data_table";
    if (n == 0) {
        const char* msg = spec.empty_message && *spec.empty_message ? spec.empty_message : "No data yet";
        const ImVec2 ts = TextSize(fonts.body, msg);
        DrawText(ImGui::GetWindowDrawList(), fonts.body, ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f),
                 pal.text_faint, msg);
        SemAt(key.c_str(), SemRole::Text, std::string(spec.title) + ": no data yet. " + msg, a, b);
        return;
    }
    const std::vector<int> weeks = TableWeeks(n);
    auto value_at = [&](const ChartLine& l, int w) {
        return Affix(spec, FormatValue((*l.values)[static_cast<std::size_t>(w - 1)], spec.format));
    };
    auto band_at = [&](const ChartLine& l, int w) {
        const auto i = static_cast<std::size_t>(w - 1);
        return FormatValue((*l.band_lo)[i], spec.format) + " \xE2\x80\x93 " + FormatValue((*l.band_hi)[i], spec.format);
    };
    const ImVec2 cell_pad(theme.Dp(12), theme.Dp(6));
    const float label_h = FontSize(fonts.label), small_h = FontSize(fonts.small);
    const float swatch = theme.Dp(10), swatch_gap = theme.Dp(6);
    const char* band_head = "90% band";

    // Columns: the week, then per line its mean and (when it has one) its band.
    struct Column {
        const ChartLine* line = nullptr;  ///< null: the week
        bool band = false;                ///< the band's column (side by side) or the band under the mean (stacked)
        float w = 0;                      ///< content width the values need
    };
    std::vector<Column> cols;
    Column week_col;
    week_col.w = std::max(TextSize(fonts.label, "Week").x,
                          TextSize(fonts.label, std::to_string(n).c_str()).x + theme.Dp(8) + TextSize(fonts.small, "year 0").x);
    cols.push_back(week_col);
    float stacked_w = week_col.w + 2 * cell_pad.x;
    for (const ChartLine& l : lines) {
        if (!l.values) continue;
        Column v{&l, false, swatch + swatch_gap + TextSize(fonts.label, l.label).x};
        Column band{&l, true, TextSize(fonts.label, band_head).x};
        for (int w : weeks) {
            if (static_cast<int>(l.values->size()) < w) continue;
            v.w = std::max(v.w, TextSize(fonts.label, value_at(l, w).c_str()).x);
            if (HasBand(l)) band.w = std::max(band.w, TextSize(fonts.small, band_at(l, w).c_str()).x);
        }
        cols.push_back(v);
        if (HasBand(l)) cols.push_back(band);
        stacked_w += std::max(v.w, HasBand(l) ? band.w : 0.0f) + 2 * cell_pad.x;
    }
    const float scrollbar = ImGui::GetStyle().ScrollbarSize;
    float side_w = scrollbar;
    for (const Column& c : cols) side_w += c.w + 2 * cell_pad.x + (c.line && !c.band ? theme.Dp(16) : 0.0f);
    const float avail = b.x - a.x;
    const bool stacked = side_w > avail;
    if (stacked) {  // the band moves under the mean, into its line's column
        std::vector<Column> merged;
        for (const Column& c : cols)
            if (!c.band) merged.push_back(c);
            else merged.back().w = std::max(merged.back().w, c.w);
        cols.swap(merged);
    }
    const float head_h = label_h + 2 * cell_pad.y;
    const float row_h = (stacked ? label_h + theme.Dp(2) + small_h : label_h) + 2 * cell_pad.y;
    // No wider than the numbers need (plus air): on a wide chart the table sits at the left.
    const float natural = stacked ? stacked_w + scrollbar : side_w;
    const ImVec2 size(std::min(avail, std::max(natural * 1.3f, theme.Dp(280))), b.y - a.y);
    const ImVec2 tb(a.x + size.x, b.y);

    SemPush(key.c_str(), SemRole::Table, std::string(spec.title) + ", data", a, tb);
    ImGui::SetCursorScreenPos(a);
    ImGui::PushFont(fonts.label);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, cell_pad);
    // The header row takes SectionTile's colour (opaque: rows scroll under it); rows alternate with
    // the card's colour; a firmer rule under the header.
    ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, Mix(pal.card, pal.background, 0.6f));
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, WithAlpha(pal.card, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, WithAlpha(pal.card, 0.75f));
    ImGui::PushStyleColor(ImGuiCol_TableBorderLight, pal.grid);
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, pal.axis);
    ImGui::PushStyleColor(ImGuiCol_ScrollbarBg, WithAlpha(pal.card, 0.0f));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable(key.c_str(), static_cast<int>(cols.size()), flags, size)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const Column& c : cols)
            ImGui::TableSetupColumn(c.line ? c.line->label : "Week", ImGuiTableColumnFlags_WidthStretch, c.w + 2 * cell_pad.x);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        // A cell's content box: from the cursor to the column's right edge, h tall.
        auto cell_box = [&](std::size_t column, float h, ImVec2* lo, ImVec2* hi) {
            ImGui::TableSetColumnIndex(static_cast<int>(column));
            *lo = ImGui::GetCursorScreenPos();
            *hi = ImVec2(lo->x + ImGui::GetContentRegionAvail().x, lo->y + h);
            ImGui::Dummy(ImVec2(hi->x - lo->x, h));
        };
        auto row_top = [&]() {
            ImGui::TableSetColumnIndex(0);
            return ImGui::GetCursorScreenPos().y - cell_pad.y;
        };

        // The header: the lines' labels with their colours, right-aligned over their numbers.
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers, head_h);
        float y = row_top();
        SemPush((key + "h").c_str(), SemRole::Row, "", ImVec2(a.x, y), ImVec2(tb.x, y + head_h));
        for (std::size_t c = 0; c < cols.size(); ++c) {
            ImVec2 lo, hi;
            cell_box(c, label_h, &lo, &hi);
            const ChartLine* l = cols[c].line;
            std::string said = "Week";
            if (!l) {
                DrawText(dl, fonts.label, lo, pal.text_muted, "Week");
            } else if (cols[c].band) {
                DrawTextRight(dl, fonts.label, hi.x, lo.y, pal.text_muted, band_head);
                said = std::string(l->label) + ", 90% band";
            } else {
                const float x = std::max(lo.x, hi.x - TextSize(fonts.label, l->label).x - swatch - swatch_gap);
                dl->AddRectFilled(ImVec2(x, lo.y + (label_h - swatch) * 0.5f), ImVec2(x + swatch, lo.y + (label_h + swatch) * 0.5f),
                                  l->colour, theme.Dp(2));
                DrawText(dl, fonts.label, ImVec2(x + swatch + swatch_gap, lo.y), pal.text, l->label);
                said = std::string(l->label) + (stacked && HasBand(*l) ? ", mean and 90% band" : "");
            }
            SemAt((key + "h" + std::to_string(c)).c_str(), SemRole::ColumnHeader, said, lo, hi);
        }
        SemPop();
        // A row per year.
        for (const int w : weeks) {
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            const std::string row = key + "r" + std::to_string(w);
            y = row_top();
            SemPush(row.c_str(), SemRole::Row, "", ImVec2(a.x, y), ImVec2(tb.x, y + row_h));
            for (std::size_t c = 0; c < cols.size(); ++c) {
                ImVec2 lo, hi;
                cell_box(c, row_h - 2 * cell_pad.y, &lo, &hi);
                const ChartLine* l = cols[c].line;
                std::string said;
                if (!l) {  // "260  year 5"
                    const std::string week = std::to_string(w), year = "year " + std::to_string(YearOf(w));
                    DrawText(dl, fonts.label, lo, pal.text, week.c_str());
                    DrawText(dl, fonts.small, ImVec2(lo.x + TextSize(fonts.label, week.c_str()).x + theme.Dp(8), lo.y),
                             pal.text_faint, year.c_str());
                    said = week + ", " + year;
                } else if (static_cast<int>(l->values->size()) < w) {
                    DrawTextRight(dl, fonts.label, hi.x, lo.y, pal.text_faint, kEmDash);
                    said = "no data yet";
                } else if (cols[c].band) {
                    DrawTextRight(dl, fonts.small, hi.x, lo.y, pal.text_muted, band_at(*l, w).c_str());
                    said = "90% " + BandRange(spec, *l, w);
                } else {
                    const std::string v = value_at(*l, w);
                    DrawTextRight(dl, fonts.label, hi.x, lo.y, pal.text, v.c_str());
                    said = v;
                    if (stacked && HasBand(*l)) {
                        DrawTextRight(dl, fonts.small, hi.x, lo.y + label_h + theme.Dp(2), pal.text_muted, band_at(*l, w).c_str());
                        said += BandWords(spec, *l, w);
                    }
                }
                SemAt((row + "c" + std::to_string(c)).c_str(), SemRole::Cell, said, lo, hi);
            }
            SemPop();
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleColor(6);
    ImGui::PopStyleVar();
    ImGui::PopFont();
    SemPop();
}
}  // namespace

ChartResult LineChart(const char* id, const ChartSpec& spec, const std::vector<ChartLine>& lines, ImVec2 size,
                      const Theme& theme) {
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    size.x = std::max(size.x, theme.Dp(120));
    size.y = std::max(size.y, theme.Dp(120));
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ChartView& view = g_chart_views[ImGui::GetID(id)];
    ChartResult result{p0, p1, 0, 0};

    // Data extent.
    int n = 0;
    for (const ChartLine& l : lines)
        if (l.values) n = std::max(n, static_cast<int>(l.values->size()));
    const int horizon = std::max(spec.horizon_weeks, std::max(n, 1));
    double lo = 1e300, hi = -1e300;
    auto extend = [&](const std::vector<double>* v) {
        if (!v) return;
        for (double x : *v)
            if (std::isfinite(x)) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    };
    for (const ChartLine& l : lines) {
        extend(l.values);
        extend(l.band_lo);
        extend(l.band_hi);
    }
    const bool has_data = hi >= lo;
    if (!has_data) {
        lo = 0.0;
        hi = spec.format == ValueFormat::Percent ? 0.3 : 100.0;
    }
    if (spec.include_zero) lo = std::min(lo, 0.0);
    if (hi - lo < 1e-9) {
        const double pad = std::max(std::fabs(hi) * 0.05, spec.format == ValueFormat::Percent ? 0.01 : 1.0);
        lo -= pad;
        hi += pad;
    } else if (!spec.include_zero) {
        const double pad = (hi - lo) * 0.08;  // air above and below the lines
        lo -= pad;
        hi += pad;
    }

    // Header layout: the title (the outcome menu's chevron after it), the table toggle at the top
    // right, the subtitle under the title, and the legend (with the latest value of each line) on the
    // title row when it fits between title and toggle, else on rows of its own under the subtitle.
    const float title_h = FontSize(fonts.heading);
    const float small_h = FontSize(fonts.small);
    const float sw = theme.Dp(16), sh = theme.Dp(4), gap = theme.Dp(8), item_gap = theme.Dp(22);
    std::vector<std::string> values;
    std::vector<float> item_w;
    float total = 0.0f;
    for (const ChartLine& l : lines) {
        const bool has = l.values && !l.values->empty();
        values.push_back(has ? Affix(spec, FormatValue(l.values->back(), spec.format)) : std::string(kEmDash));
        item_w.push_back(sw + gap + TextSize(fonts.small, l.label).x + gap + TextSize(fonts.label, values.back().c_str()).x);
        total += item_w.back();
    }
    total += item_gap * static_cast<float>(lines.empty() ? 0 : lines.size() - 1);
    const float toggle_h = theme.Dp(24);
    const float toggle_full_w = theme.Dp(14 + 14 + 7) + TextSize(fonts.label, "Table").x + theme.Dp(14);
    const float toggle_icon_w = theme.Dp(34);
    const float title_end = p0.x + TextSize(fonts.heading, spec.title).x + theme.Dp(22 + 12);  // chevron, then air
    const bool toggle_on_title = title_end + toggle_icon_w <= p1.x;
    const bool toggle_text = toggle_on_title && title_end + toggle_full_w <= p1.x;
    const float toggle_w = toggle_text ? toggle_full_w : toggle_icon_w;
    const float subtitle_y = p0.y + title_h + theme.Dp(3);
    // Centred on the title row, and clear of the subtitle under it.
    ImVec2 toggle_pos(p1.x - toggle_w, std::min(p0.y + (title_h - toggle_h) * 0.5f, subtitle_y - theme.Dp(1) - toggle_h));
    float header_bottom = subtitle_y + small_h;
    std::vector<ImVec2> item_pos(lines.size());
    {
        // On the title row the legend needs to clear the title and its chevron only: the subtitle
        // is on the row below.
        const float legend_right = toggle_pos.x - theme.Dp(20);
        if (toggle_on_title && title_end + theme.Dp(12) + total <= legend_right) {
            float x = legend_right - total;
            const float y = p0.y + (title_h - small_h) * 0.5f + theme.Dp(2);
            for (std::size_t i = 0; i < lines.size(); ++i) {
                item_pos[i] = ImVec2(x, y);
                x += item_w[i] + item_gap;
            }
        } else {  // narrow: the legend on rows of its own under the subtitle (the toggle at the first one's end)
            float y = header_bottom + theme.Dp(8);
            if (!toggle_on_title) toggle_pos.y = y + (small_h - toggle_h) * 0.5f;
            float x = p0.x;
            bool first_row = true;
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const float right = first_row && !toggle_on_title ? toggle_pos.x - theme.Dp(12) : p1.x;
                if (x > p0.x && x + item_w[i] > right) {
                    x = p0.x;
                    y += small_h + theme.Dp(8);
                    first_row = false;
                }
                item_pos[i] = ImVec2(x, y);
                x += item_w[i] + item_gap;
            }
            header_bottom = y + small_h;
            if (!toggle_on_title) header_bottom = std::max(header_bottom, toggle_pos.y + toggle_h);
        }
    }

    // The toggle first, so that it wins the hover over the chart's own item.
    ImGui::SetCursorScreenPos(toggle_pos);
    if (TableToggle(theme, (std::string(id) + "##table_toggle").c_str(), spec, ImVec2(toggle_w, toggle_h), toggle_text, view.table))
        view.table = !view.table;
    ImGui::SetCursorScreenPos(p0);
    ImGui::InvisibleButton(id, size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 after = ImGui::GetCursorScreenPos();

    DrawText(dl, fonts.heading, p0, pal.text, spec.title);
    // A subtitle longer than the chart is shortened (the Image's name reads it whole).
    DrawText(dl, fonts.small, ImVec2(p0.x, subtitle_y), pal.text_muted,
             Ellipsize(fonts.small, spec.subtitle, size.x).c_str());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const ChartLine& l = lines[i];
        float x = item_pos[i].x;
        const float y = item_pos[i].y;
        DrawLegendSwatch(dl, ImVec2(x, y + small_h * 0.5f - sh * 0.5f), sw, sh, l.colour);
        x += sw + gap;
        DrawText(dl, fonts.small, ImVec2(x, y), pal.text_muted, l.label);
        x += TextSize(fonts.small, l.label).x + gap;
        DrawText(dl, fonts.label, ImVec2(x, y), pal.text, values[i].c_str());
    }

    if (view.table) {
        DrawDataTable(id, theme, spec, lines, n, ImVec2(p0.x, header_bottom + theme.Dp(12)), p1);
        ImGui::SetCursorScreenPos(after);
        return result;
    }
    PublishSummary(id, spec, lines, p0, p1);

    // Plot rectangle: room for y labels on the left and x labels below.
    const float plot_top = header_bottom + theme.Dp(16);
    const float plot_bottom = p1.y - small_h - theme.Dp(10);
    const int target = std::clamp(static_cast<int>((plot_bottom - plot_top) / theme.Dp(48)), 2, 8);
    const std::vector<double> ticks = NiceTicks(lo, hi, target);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
    // Before there are data the axis has no scale yet: grid lines without numbers.
    float label_w = TextSize(fonts.small, spec.format == ValueFormat::Percent ? "00%" : "000").x;
    std::vector<std::string> tick_labels;
    for (double t : ticks) {
        tick_labels.push_back(has_data ? TickLabel(t, step, spec.format) : std::string());
        label_w = std::max(label_w, TextSize(fonts.small, tick_labels.back().c_str()).x);
    }
    PlotArea plot;
    plot.left = p0.x + label_w + theme.Dp(12);
    plot.right = p1.x - theme.Dp(14);
    plot.top = plot_top;
    plot.bottom = plot_bottom;
    plot.horizon = horizon;
    plot.y_lo = ticks.front();
    plot.y_hi = ticks.back();
    if (plot_bottom - plot_top < theme.Dp(30) || plot.right - plot.left < theme.Dp(60)) {
        PublishOffscreenTable(id, spec, lines, n);
        return result;
    }

    // Exploring with the keyboard (WCAG 2.1.1): a slider over the plot, week 1 to the latest, whose
    // value text reads every line at the explored week; while it has the focus the chart shows that
    // week as hovering does. It starts at the latest week.
    const std::uint32_t explore_key = SemKey((std::string(id) + "##explore").c_str());
    double set_week = 0.0;
    if (SemTake(explore_key, SemActionKind::SetValue, &set_week) && std::isfinite(set_week) && n > 0)
        view.explored_week = std::clamp(static_cast<int>(std::lround(set_week)), 1, n);
    const Semantics* sem = ActiveSemantics();
    const bool exploring = n > 0 && sem && sem->Focused() == explore_key;
    if (exploring && view.explored_week == 0) view.explored_week = n;
    const int explored = n > 0 ? std::clamp(view.explored_week > 0 ? view.explored_week : n, 1, n) : 0;
    if (n > 0) {
        SemNode slider;
        slider.min = 1;
        slider.max = n;
        slider.now = explored;
        slider.step = 1;
        slider.value = ExploreText(spec, lines, explored);
        slider.description = "Arrow keys move a week at a time; Home and End go to the first and the latest week.";
        SemAt((std::string(id) + "##explore").c_str(), SemRole::Slider, std::string("Explore ") + spec.title + " week by week",
              ImVec2(plot.left, plot.top), ImVec2(plot.right, plot.bottom), slider);
    }
    PublishOffscreenTable(id, spec, lines, n);

    // Grid and y labels.
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const float y = std::round(plot.Y(ticks[i])) + 0.5f;
        dl->AddLine(ImVec2(plot.left, y), ImVec2(plot.right, y), i == 0 ? pal.axis : pal.grid, 1.0f);
        const ImVec2 ts = TextSize(fonts.small, tick_labels[i].c_str());
        DrawText(dl, fonts.small, ImVec2(plot.left - theme.Dp(10) - ts.x, y - ts.y * 0.5f), pal.text_muted,
                 tick_labels[i].c_str());
    }
    // x ticks: years (every 52 weeks) or a nice number of weeks.
    {
        std::vector<int> xt;
        const bool years = spec.time_axis == TimeAxis::Years && horizon >= 104;
        int every = 52;
        if (!years) {
            every = static_cast<int>(NiceStep(horizon / 6.0));
            every = std::max(every, 1);
        } else {
            const int max_labels = std::max(2, static_cast<int>((plot.right - plot.left) / theme.Dp(70)));
            while (horizon / every > max_labels) every += 52;
        }
        for (int w = 0; w <= horizon; w += every) xt.push_back(w);
        for (int w : xt) {
            const float x = std::round(plot.X(w)) + 0.5f;
            if (w > 0) dl->AddLine(ImVec2(x, plot.top), ImVec2(x, plot.bottom), WithAlpha(pal.grid, 0.6f), 1.0f);
            dl->AddLine(ImVec2(x, plot.bottom), ImVec2(x, plot.bottom + theme.Dp(5)), pal.axis, 1.0f);
            char buf[32];
            if (years)
                std::snprintf(buf, sizeof buf, w == 0 ? "Start" : "Year %d", w / 52);
            else
                std::snprintf(buf, sizeof buf, w == 0 ? "Week 0" : "%d", w);
            const ImVec2 ts = TextSize(fonts.small, buf);
            float tx = x - ts.x * 0.5f;
            tx = std::clamp(tx, plot.left - theme.Dp(4), p1.x - ts.x);
            DrawText(dl, fonts.small, ImVec2(tx, plot.bottom + theme.Dp(8)), pal.text_muted, buf);
        }
    }

    if (!has_data) {
        if (spec.empty_message && *spec.empty_message) {
            const ImVec2 ts = TextSize(fonts.body, spec.empty_message);
            DrawText(dl, fonts.body,
                     ImVec2((plot.left + plot.right - ts.x) * 0.5f, (plot.top + plot.bottom - ts.y) * 0.5f),
                     pal.text_faint, spec.empty_message);
        }
        return result;
    }

    dl->PushClipRect(ImVec2(plot.left - 4, plot.top - 4), ImVec2(plot.right + 4, plot.bottom + 4), true);
    // Bands first, under every line: one quad per week-to-week segment (always convex).
    for (const ChartLine& l : lines) {
        if (!l.band_lo || !l.band_hi) continue;
        const int m = static_cast<int>(std::min(l.band_lo->size(), l.band_hi->size()));
        const ImU32 fill = WithAlpha(l.colour, 0.18f);
        for (int i = 0; i + 1 < m; ++i) {
            const ImVec2 q[4] = {ImVec2(plot.X(i + 1), plot.Y((*l.band_hi)[i])), ImVec2(plot.X(i + 2), plot.Y((*l.band_hi)[i + 1])),
                                 ImVec2(plot.X(i + 2), plot.Y((*l.band_lo)[i + 1])), ImVec2(plot.X(i + 1), plot.Y((*l.band_lo)[i]))};
            dl->AddQuadFilled(q[0], q[1], q[2], q[3], fill);
        }
    }
    std::vector<ImVec2> pts;
    for (const ChartLine& l : lines) {
        if (!l.values || l.values->empty()) continue;
        const std::vector<double>& v = *l.values;
        pts.clear();
        pts.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) pts.push_back(ImVec2(plot.X(static_cast<double>(i) + 1.0), plot.Y(v[i])));
        const float thick = theme.Dp(l.thickness);
        if (pts.size() == 1)
            dl->AddCircleFilled(pts[0], thick, l.colour);
        else
            dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), l.colour, 0, thick);
        // The latest value: a dot with a ring in the card colour, so it reads as "now".
        dl->AddCircleFilled(pts.back(), theme.Dp(5.5f), pal.card, 20);
        dl->AddCircleFilled(pts.back(), theme.Dp(3.5f), l.colour, 20);
    }
    dl->PopClipRect();

    // Hover: crosshair at the nearest week, dots on each line and a value card; the mouse wins over
    // the keyboard's explored week, whose card sits at the plot's middle.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && mouse.x >= plot.left - 2 && mouse.x <= plot.right + 2 && mouse.y >= plot.top - 8 &&
        mouse.y <= plot.bottom + 8) {
        int week = static_cast<int>(std::lround((mouse.x - plot.left) / (plot.right - plot.left) * horizon));
        week = std::clamp(week, 1, n);
        result.hovered_week = week;
        DrawWeekCard(theme, dl, spec, lines, plot, week, mouse.y, p1.x);
    } else if (exploring) {
        result.explored_week = explored;
        DrawWeekCard(theme, dl, spec, lines, plot, explored, (plot.top + plot.bottom) * 0.5f, p1.x);
    }
    return result;
}

bool ResultsCache::Update(const Runner& runner, std::uint64_t workspace_revision) {
    const Experiment* e = runner.Results();
    current_ = e && runner.ResultsRevision() == workspace_revision;
    if (!e) {
        experiment_ = nullptr;
        comparison_ = Comparison{};
        bands_.clear();
        return false;
    }
    if (e != experiment_ || runner.ResultsRevision() != revision_ || e->Completed() != completed_) {
        experiment_ = e;
        revision_ = runner.ResultsRevision();
        completed_ = e->Completed();
        comparison_ = Compare(*e);
        bands_.clear();
    }
    return true;
}

const ResultsCache::Band& ResultsCache::GetBand(int slot, SeriesId id) {
    const int key = slot * kSeriesCount + static_cast<int>(id);
    if (auto it = bands_.find(key); it != bands_.end()) return it->second;
    Band b;
    if (experiment_ && slot < experiment_->ScenarioCount()) {
        experiment_->WeeklyBand(slot, id, b.mean, b.lo, b.hi);
        const double scale = StyleOf(id).scale;
        for (auto* v : {&b.mean, &b.lo, &b.hi})
            for (double& x : *v) x *= scale;
    }
    return bands_.emplace(key, std::move(b)).first->second;
}

void StyleChartFor(SeriesId id, ChartSpec& spec) {
    const OutcomeStyle& st = StyleOf(id);
    spec.value_prefix = st.prefix;
    spec.value_suffix = st.suffix;
    // Whole numbers where the values run into the hundreds, one decimal elsewhere.
    spec.format = ValueFormat::Decimal1;
    if (id == SeriesId::Revenue || id == SeriesId::Headcount || id == SeriesId::EffectiveFte)
        spec.format = ValueFormat::Count;
}

bool OutcomeMenu(const Theme& theme, TestHooks& hooks, ImVec2 at, SeriesId* id, const std::string& select_name,
                 const std::string& pick_prefix, const std::vector<SeriesId>* only) {
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const char* title = SeriesTable()[static_cast<std::size_t>(*id)].label;
    const ImVec2 ts = TextSize(fonts.heading, title);
    ImGui::SetCursorScreenPos(at);
    const bool open = ImGui::IsPopupOpen("##outcomes");
    if (ImGui::InvisibleButton("##outcome_menu", ImVec2(ts.x + theme.Dp(22), ts.y))) ImGui::OpenPopup("##outcomes");
    hooks.RecordLastItem(select_name);
    {  // for assistive technology: a combo box named by the outcome it shows, its list below
        SemNode menu;
        menu.expanded = open ? 1 : 0;
        menu.value = title;
        menu.description = "Choose the outcome this chart shows.";
        SemItem(SemRole::ComboBox, std::string("Outcome: ") + title, menu);
    }
    const bool hov = ImGui::IsItemHovered();
    if (hov) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        dl->AddLine(ImVec2(at.x, at.y + ts.y + theme.Dp(1)), ImVec2(at.x + ts.x, at.y + ts.y + theme.Dp(1)), pal.axis);
    }
    const float cx = at.x + ts.x + theme.Dp(11), cy = at.y + ts.y * 0.55f, k = theme.Dp(4.5f);
    dl->AddTriangleFilled(ImVec2(cx - k, cy - k * 0.5f), ImVec2(cx + k, cy - k * 0.5f), ImVec2(cx, cy + k * 0.6f),
                          hov ? pal.text : pal.text_muted);
    bool changed = false;
    if (ImGui::BeginPopup("##outcomes")) {
        ImGui::PushFont(fonts.body);
        const ImVec2 wp = ImGui::GetWindowPos(), wsz = ImGui::GetWindowSize();
        SemPush("##sem_outcomes", SemRole::ListBox, "Outcomes", wp, ImVec2(wp.x + wsz.x, wp.y + wsz.y));
        const bool appearing = ImGui::IsWindowAppearing();
        std::uint32_t current = 0;
        for (const SeriesId o : OutcomesByImportance()) {
            if (only && std::find(only->begin(), only->end(), o) == only->end()) continue;
            const SeriesInfo& oi = SeriesTable()[static_cast<std::size_t>(o)];
            if (ImGui::Selectable(oi.label, o == *id) && o != *id) {
                *id = o;
                changed = true;
            }
            SemNode option;
            option.on = o == *id;
            SemItem(SemRole::Option, oi.label, option);
            if (option.on) current = ImGui::GetCurrentContext()->LastItemData.ID;
            hooks.RecordLastItem(pick_prefix + oi.key);
        }
        // The list that opens takes the focus, on the outcome shown (WAI-ARIA listbox pattern).
        if (appearing && current != 0)
            if (Semantics* sem = ActiveSemantics()) sem->RequestFocus(current);
        SemPop();
        ImGui::PopFont();
        ImGui::EndPopup();
    }
    return changed;
}

void SectionTile(const Theme& theme, ImDrawList* dl, ImVec2 a, ImVec2 b) {
    const Palette& pal = theme.Colours();
    dl->AddRectFilled(a, b, Mix(pal.card, pal.background, 0.6f), theme.Dp(10));
}

}  // namespace orgsim::ui
