// charts.cpp: the ImDrawList line chart (see charts.h). Pure drawing: reads the series it is given.
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
/// The chart in words for assistive technology (web/semantics.h): an image whose name is the title,
/// what it shows and each line's latest value, 90% band, lowest and highest; then a data table of
/// the lines year by year (read, not shown).
void PublishChart(const char* id, const ChartSpec& spec, const std::vector<ChartLine>& lines, ImVec2 p0, ImVec2 p1) {
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
        if (l.band_lo && l.band_hi && l.band_lo->size() == v.size() && l.band_hi->size() == v.size())
            text += " (90% of runs between " + value(l.band_lo->back()) + " and " + value(l.band_hi->back()) + ")";
        text += ", lowest " + value(*mn) + ", highest " + value(*mx) + ".";
    }
    if (n == 0) text += std::string(" No data yet. ") + spec.empty_message;
    SemAt(id, SemRole::Image, text, p0, p1);
    if (n == 0) return;
    // The data table: one row a year (and the last week), one column per line.
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
    ImGui::InvisibleButton(id, size);
    const bool hovered = ImGui::IsItemHovered();
    ChartResult result{p0, p1, 0};

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

    PublishChart(id, spec, lines, p0, p1);

    // Header: title, subtitle, legend (with the latest value of each line).
    const float title_h = FontSize(fonts.heading);
    const float small_h = FontSize(fonts.small);
    DrawText(dl, fonts.heading, p0, pal.text, spec.title);
    DrawText(dl, fonts.small, ImVec2(p0.x, p0.y + title_h + theme.Dp(3)), pal.text_muted, spec.subtitle);
    float header_bottom = p0.y + title_h + theme.Dp(3) + small_h;
    {
        const float sw = theme.Dp(16), sh = theme.Dp(4), gap = theme.Dp(8), item_gap = theme.Dp(22);
        std::vector<std::string> values;
        float total = 0.0f;
        for (const ChartLine& l : lines) {
            const bool has = l.values && !l.values->empty();
            values.push_back(has ? Affix(spec, FormatValue(l.values->back(), spec.format)) : std::string("\xE2\x80\x94"));
            total += sw + gap + TextSize(fonts.small, l.label).x + gap + TextSize(fonts.label, values.back().c_str()).x;
        }
        total += item_gap * static_cast<float>(lines.empty() ? 0 : lines.size() - 1);
        const float title_w = std::max(TextSize(fonts.heading, spec.title).x, TextSize(fonts.small, spec.subtitle).x);
        float x, y;
        if (p0.x + title_w + theme.Dp(32) + total <= p1.x) {
            x = p1.x - total;
            y = p0.y + (title_h - small_h) * 0.5f + theme.Dp(2);
        } else {  // narrow: legend on its own row under the subtitle
            x = p0.x;
            y = header_bottom + theme.Dp(8);
            header_bottom = y + small_h;
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const ChartLine& l = lines[i];
            DrawLegendSwatch(dl, ImVec2(x, y + small_h * 0.5f - sh * 0.5f), sw, sh, l.colour);
            x += sw + gap;
            DrawText(dl, fonts.small, ImVec2(x, y), pal.text_muted, l.label);
            x += TextSize(fonts.small, l.label).x + gap;
            DrawText(dl, fonts.label, ImVec2(x, y), pal.text, values[i].c_str());
            x += TextSize(fonts.label, values[i].c_str()).x + item_gap;
        }
    }

    // Plot rectangle: room for y labels on the left and x labels below.
    const float plot_top = header_bottom + theme.Dp(16);
    const float plot_bottom = p1.y - small_h - theme.Dp(10);
    const int target = std::clamp(static_cast<int>((plot_bottom - plot_top) / theme.Dp(48)), 2, 8);
    const std::vector<double> ticks = NiceTicks(lo, hi, target);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
    const double y_lo = ticks.front(), y_hi = ticks.back();
    // Before there are data the axis has no scale yet: grid lines without numbers.
    float label_w = TextSize(fonts.small, spec.format == ValueFormat::Percent ? "00%" : "000").x;
    std::vector<std::string> tick_labels;
    for (double t : ticks) {
        tick_labels.push_back(has_data ? TickLabel(t, step, spec.format) : std::string());
        label_w = std::max(label_w, TextSize(fonts.small, tick_labels.back().c_str()).x);
    }
    const float plot_left = p0.x + label_w + theme.Dp(12);
    const float plot_right = p1.x - theme.Dp(14);
    if (plot_bottom - plot_top < theme.Dp(30) || plot_right - plot_left < theme.Dp(60)) return result;
    auto xs = [&](double week) {
        return plot_left + static_cast<float>(week / horizon) * (plot_right - plot_left);
    };
    auto ys = [&](double v) {
        return plot_bottom - static_cast<float>((v - y_lo) / (y_hi - y_lo)) * (plot_bottom - plot_top);
    };

    // Grid and y labels.
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const float y = std::round(ys(ticks[i])) + 0.5f;
        dl->AddLine(ImVec2(plot_left, y), ImVec2(plot_right, y), i == 0 ? pal.axis : pal.grid, 1.0f);
        const ImVec2 ts = TextSize(fonts.small, tick_labels[i].c_str());
        DrawText(dl, fonts.small, ImVec2(plot_left - theme.Dp(10) - ts.x, y - ts.y * 0.5f), pal.text_muted,
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
            const int max_labels = std::max(2, static_cast<int>((plot_right - plot_left) / theme.Dp(70)));
            while (horizon / every > max_labels) every += 52;
        }
        for (int w = 0; w <= horizon; w += every) xt.push_back(w);
        for (int w : xt) {
            const float x = std::round(xs(w)) + 0.5f;
            if (w > 0) dl->AddLine(ImVec2(x, plot_top), ImVec2(x, plot_bottom), WithAlpha(pal.grid, 0.6f), 1.0f);
            dl->AddLine(ImVec2(x, plot_bottom), ImVec2(x, plot_bottom + theme.Dp(5)), pal.axis, 1.0f);
            char buf[32];
            if (years)
                std::snprintf(buf, sizeof buf, w == 0 ? "Start" : "Year %d", w / 52);
            else
                std::snprintf(buf, sizeof buf, w == 0 ? "Week 0" : "%d", w);
            const ImVec2 ts = TextSize(fonts.small, buf);
            float tx = x - ts.x * 0.5f;
            tx = std::clamp(tx, plot_left - theme.Dp(4), p1.x - ts.x);
            DrawText(dl, fonts.small, ImVec2(tx, plot_bottom + theme.Dp(8)), pal.text_muted, buf);
        }
    }

    if (!has_data) {
        if (spec.empty_message && *spec.empty_message) {
            const ImVec2 ts = TextSize(fonts.body, spec.empty_message);
            DrawText(dl, fonts.body,
                     ImVec2((plot_left + plot_right - ts.x) * 0.5f, (plot_top + plot_bottom - ts.y) * 0.5f),
                     pal.text_faint, spec.empty_message);
        }
        return result;
    }

    dl->PushClipRect(ImVec2(plot_left - 4, plot_top - 4), ImVec2(plot_right + 4, plot_bottom + 4), true);
    // Bands first, under every line: one quad per week-to-week segment (always convex).
    for (const ChartLine& l : lines) {
        if (!l.band_lo || !l.band_hi) continue;
        const int m = static_cast<int>(std::min(l.band_lo->size(), l.band_hi->size()));
        const ImU32 fill = WithAlpha(l.colour, 0.18f);
        for (int i = 0; i + 1 < m; ++i) {
            const ImVec2 q[4] = {ImVec2(xs(i + 1), ys((*l.band_hi)[i])), ImVec2(xs(i + 2), ys((*l.band_hi)[i + 1])),
                                 ImVec2(xs(i + 2), ys((*l.band_lo)[i + 1])), ImVec2(xs(i + 1), ys((*l.band_lo)[i]))};
            dl->AddQuadFilled(q[0], q[1], q[2], q[3], fill);
        }
    }
    std::vector<ImVec2> pts;
    for (const ChartLine& l : lines) {
        if (!l.values || l.values->empty()) continue;
        const std::vector<double>& v = *l.values;
        pts.clear();
        pts.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) pts.push_back(ImVec2(xs(static_cast<double>(i) + 1.0), ys(v[i])));
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

    // Hover: crosshair at the nearest week, dots on each line and a value card.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && mouse.x >= plot_left - 2 && mouse.x <= plot_right + 2 && mouse.y >= plot_top - 8 &&
        mouse.y <= plot_bottom + 8) {
        int week = static_cast<int>(std::lround((mouse.x - plot_left) / (plot_right - plot_left) * horizon));
        week = std::clamp(week, 1, n);
        result.hovered_week = week;
        const float x = std::round(xs(week)) + 0.5f;
        dl->AddLine(ImVec2(x, plot_top), ImVec2(x, plot_bottom), pal.axis, theme.Dp(1.0f));
        struct Row {
            const ChartLine* line;
            double value;
        };
        std::vector<Row> rows;
        for (const ChartLine& l : lines) {
            if (!l.values || static_cast<int>(l.values->size()) < week) continue;
            const double v = (*l.values)[static_cast<std::size_t>(week - 1)];
            rows.push_back({&l, v});
            const ImVec2 c(x, ys(v));
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
        float bx = x + theme.Dp(14);
        if (bx + box_w > p1.x) bx = x - theme.Dp(14) - box_w;
        float by = std::clamp(mouse.y - box_h * 0.5f, plot_top, std::max(plot_top, plot_bottom - box_h));
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
