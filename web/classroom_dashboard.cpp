// classroom_dashboard.cpp: the class dashboard and the deck's charts (see classroom_dashboard.h).
//
// [SECTION] Words: captions, lever values, what the best did differently
// [SECTION] Drawing helpers: strip axes, stacked dots, legends, text blocks
// [SECTION] Predictions against the truth
// [SECTION] Decisions by round
// [SECTION] Where each student ended
// [SECTION] The best and the median side by side
#include "web/classroom_dashboard.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "sim/report.h"
#include "web/charts.h"
#include "web/widgets.h"

namespace orgsim::ui {

namespace {

const SeriesInfo& SeriesOf(SeriesId id) { return SeriesTable()[static_cast<std::size_t>(id)]; }

std::size_t ClassOutcomeIndex(SeriesId id) {
    const auto& k = ClassOutcomes();
    return static_cast<std::size_t>(std::find(k.begin(), k.end(), id) - k.begin());
}

std::string Percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100.0);
    return buf;
}

const std::string& NameOf(const ClassView& v, int row) { return v.checked[static_cast<std::size_t>(row)].submission.name; }

std::string StructureName(const Assignment& a, int i) {
    return i >= 0 && i < static_cast<int>(a.structures.size()) ? a.structures[static_cast<std::size_t>(i)].name : std::string("?");
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Words: captions, lever values, what the best did differently
//-----------------------------------------------------------------------------------------------
std::string ClassLeverText(ParamId id, double v) {
    const ParamInfo& p = Info(id);
    if (p.kind == ParamKind::Bool) return v != 0.0 ? "on" : "off";
    if (p.kind == ParamKind::Choice) return FormatValue(id, v);
    if (std::strcmp(p.unit, "share") == 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*f%%", std::max(0, DisplayDecimals(p) - 2), v * 100.0);
        return buf;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", DisplayDecimals(p), v);
    return std::string(buf) + " " + p.unit;
}

std::string QuestionCaption(const ClassView& v, std::size_t q) {
    const Question& qu = v.a.questions[q];
    const ClassSummary::QuestionSummary& qs = v.sum.questions[q];
    const int n = static_cast<int>(v.sum.rows.size());
    if (qs.answered == 0) return "No verified answers yet.";
    std::string s = std::to_string(qs.right) + " of " + std::to_string(qs.answered) + " right";
    if (qu.kind == QuestionKind::Number) {
        s += " (within " + Percent(qu.tolerance) + " of the model's answer)";
        if (qs.half > 0) s += ", " + std::to_string(qs.half) + " within " + Percent(2.0 * qu.tolerance) + " (half marks)";
    }
    if (qs.answered < n) s += "; " + std::to_string(n - qs.answered) + " did not answer";
    return s + ".";
}

namespace {

/// A lever's values over the rounds in words, runs of equal values merged: "on throughout",
/// "off in year 1, on from year 2", "10% in years 1-2, 20% in year 3".
std::string Trajectory(ParamId id, const std::vector<double>& by_round) {
    if (by_round.empty()) return "";
    std::vector<std::pair<std::size_t, std::size_t>> runs;  // [first, last] round of equal values
    for (std::size_t r = 0; r < by_round.size(); ++r) {
        if (!runs.empty() && by_round[runs.back().first] == by_round[r]) runs.back().second = r;
        else runs.push_back({r, r});
    }
    if (runs.size() == 1) return ClassLeverText(id, by_round[0]) + " throughout";
    std::string out;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto [first, last] = runs[i];
        out += (i ? ", " : "") + ClassLeverText(id, by_round[first]);
        if (i + 1 == runs.size() && last + 1 == by_round.size() && first > 0) out += " from year " + std::to_string(first + 1);
        else if (first == last) out += " in year " + std::to_string(first + 1);
        else out += " in years " + std::to_string(first + 1) + "-" + std::to_string(last + 1);
    }
    return out;
}

}  // namespace

std::vector<std::string> BestDidDifferently(const ClassView& v, SeriesId outcome) {
    const Standing st = BestAndMedian(v.sum, outcome);
    std::vector<std::string> out;
    if (st.best < 0) return out;
    if (st.best == st.median) {
        out.push_back("Only one student has finished every round: there is no one to compare with yet.");
        return out;
    }
    const Submission& b = v.checked[static_cast<std::size_t>(st.best)].submission;
    const Submission& m = v.checked[static_cast<std::size_t>(st.median)].submission;
    if (b.decisions.structure != m.decisions.structure)
        out.push_back("Structure: " + b.name + " played \xE2\x80\x9C" + StructureName(v.a, b.decisions.structure) + "\xE2\x80\x9D, " + m.name +
                      " \xE2\x80\x9C" + StructureName(v.a, m.decisions.structure) + "\xE2\x80\x9D.");
    const auto bl = LeversInForce(v.a, b.decisions), ml = LeversInForce(v.a, m.decisions);
    for (std::size_t k = 0; k < v.a.unlocked.size(); ++k) {
        std::vector<double> bv, mv;
        for (const auto& r : bl) bv.push_back(r[k]);
        for (const auto& r : ml) mv.push_back(r[k]);
        if (bv == mv) continue;
        const ParamId id = v.a.unlocked[k];
        out.push_back(std::string(Info(id).label) + ": " + b.name + " " + Trajectory(id, bv) + "; " + m.name + " " + Trajectory(id, mv) + ".");
    }
    if (out.empty())
        out.push_back(v.a.seed_per_student ? "The same decisions: the difference is chance (each student has their own futures)."
                                           : "The same decisions, so the same results.");
    return out;
}

namespace {

//-----------------------------------------------------------------------------------------------
// [SECTION] Drawing helpers: strip axes, stacked dots, legends, text blocks
//-----------------------------------------------------------------------------------------------
/// The horizontal axis of a strip chart over raw values [lo, hi], padded, mapped to [x0, x1].
struct StripAxis {
    double lo = 0.0, hi = 1.0;
    float x0 = 0.0f, x1 = 1.0f;
    float X(double v) const { return x0 + (x1 - x0) * static_cast<float>((v - lo) / (hi - lo)); }
};

StripAxis MakeAxis(double lo, double hi, float x0, float x1) {
    if (!(hi > lo)) {
        const double pad = std::max(std::fabs(lo) * 0.1, 0.1);
        lo -= pad;
        hi += pad;
    }
    const double pad = (hi - lo) * 0.06;
    return {lo - pad, hi + pad, x0, x1};
}

/// The axis line at y with nice ticks labelled in the outcome's format (display units).
void DrawAxis(const Theme& t, ImDrawList* dl, const StripAxis& ax, float y, SeriesId id) {
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    dl->AddLine(ImVec2(ax.x0, y), ImVec2(ax.x1, y), c.axis, 1.0f);
    const double scale = StyleOf(id).scale;
    for (double tick : NiceTicks(ax.lo * scale, ax.hi * scale, 5)) {
        const double raw = tick / scale;
        if (raw < ax.lo || raw > ax.hi) continue;
        const float x = ax.X(raw);
        dl->AddLine(ImVec2(x, y), ImVec2(x, y + t.Dp(4)), c.axis, 1.0f);
        const std::string s = FormatOutcome(id, raw);
        const float tw = TextSize(f.small, s.c_str()).x;
        DrawText(dl, f.small, ImVec2(std::clamp(x - tw * 0.5f, ax.x0, ax.x1 - tw), y + t.Dp(6)), c.text_muted, s.c_str());
    }
}

/// Dots at xs on a baseline, stacked upwards in columns one dot wide where they would overlap (closer
/// when a column would pass `max_h`). Returns the centres in the order of xs.
std::vector<ImVec2> StackDots(const std::vector<float>& xs, float base_y, float r, float max_h) {
    std::vector<std::size_t> order(xs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return xs[a] < xs[b]; });
    std::vector<int> level(xs.size(), 0);
    std::map<long, int> column;  // column index -> dots in it
    int tallest = 1;
    for (std::size_t i : order) {
        const long col = std::lround(xs[i] / (2.0f * r));
        level[i] = column[col]++;
        tallest = std::max(tallest, column[col]);
    }
    const float step = tallest > 1 ? std::min(2.0f * r, (max_h - 2.0f * r) / static_cast<float>(tallest - 1)) : 2.0f * r;
    std::vector<ImVec2> out(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) out[i] = ImVec2(xs[i], base_y - r - step * static_cast<float>(level[i]));
    return out;
}

enum class Swatch { Dot, Ring, Box, Line };

/// One legend entry at (x, y): a swatch and its words; returns the x after it.
float LegendItem(const Theme& t, ImDrawList* dl, float x, float y, Swatch kind, ImU32 colour, const std::string& text) {
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const float h = FontSize(f.small), cy = y + h * 0.5f, r = t.Dp(5);
    switch (kind) {
        case Swatch::Dot: dl->AddCircleFilled(ImVec2(x + r, cy), r, colour); break;
        case Swatch::Ring: dl->AddCircle(ImVec2(x + r, cy), r, colour, 0, t.Dp(2)); break;
        case Swatch::Box: dl->AddRectFilled(ImVec2(x, cy - r), ImVec2(x + 2 * r, cy + r), colour, t.Dp(2)); break;
        case Swatch::Line: dl->AddLine(ImVec2(x + r, cy - r - t.Dp(1)), ImVec2(x + r, cy + r + t.Dp(1)), colour, t.Dp(2)); break;
    }
    x += 2 * r + t.Dp(6);
    DrawText(dl, f.small, ImVec2(x, y), c.text_muted, text.c_str());
    return x + TextSize(f.small, text.c_str()).x + t.Dp(16);
}

/// A line of a text block: its font, colour and words (wrapped to the block's width).
struct TextLine {
    ImFont* font;
    ImU32 colour;
    std::string text;
    float gap_before = 0.0f;
};

float BlockHeight(const std::vector<TextLine>& lines, float wrap) {
    float h = 0.0f;
    for (const TextLine& l : lines) h += l.gap_before + l.font->CalcTextSizeA(FontSize(l.font), FLT_MAX, wrap, l.text.c_str()).y;
    return h;
}

void DrawBlock(ImDrawList* dl, const std::vector<TextLine>& lines, ImVec2 at, float wrap) {
    for (const TextLine& l : lines) {
        at.y += l.gap_before;
        dl->AddText(l.font, FontSize(l.font), at, l.colour, l.text.c_str(), nullptr, wrap);
        at.y += l.font->CalcTextSizeA(FontSize(l.font), FLT_MAX, wrap, l.text.c_str()).y;
    }
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Predictions against the truth
//-----------------------------------------------------------------------------------------------
/// "Which structure does better?": a bar per structure (share of the answers), the model's answer in words.
void ChoiceBars(Ui& ui, const ClassView& v, std::size_t q, float w, bool tall) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const ClassSummary::QuestionSummary& qs = v.sum.questions[q];
    const int truth = q < v.truth.choice.size() ? v.truth.choice[q] : -1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = tall ? f.heading : f.body;
    const float row = t.Dp(tall ? 48 : 32);
    const float label_w = std::floor(std::min(w * 0.36f, t.Dp(tall ? 380 : 250)));
    auto words_of = [&](int i, int count, float frac) {
        return std::to_string(count) + " (" + Percent(frac) + ")" + (i == truth ? kMiddot + std::string("the model's answer") : "");
    };
    float count_w = 0.0f;  // the widest count, so that none is clipped
    const int n = static_cast<int>(qs.choice_counts.size());
    for (int i = 0; i < n; ++i) {
        const int count = qs.choice_counts[static_cast<std::size_t>(i)];
        const float frac = qs.answered > 0 ? static_cast<float>(count) / static_cast<float>(qs.answered) : 0.0f;
        count_w = std::max(count_w, TextSize(font, words_of(i, count, frac).c_str()).x + t.Dp(16));
    }
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float bar_x0 = p0.x + label_w, bar_w = std::max(t.Dp(40), w - label_w - count_w);
    for (int i = 0; i < n; ++i) {
        const float y = p0.y + row * static_cast<float>(i);
        const bool right = i == truth;
        const int count = qs.choice_counts[static_cast<std::size_t>(i)];
        const std::string name = Ellipsize(font, StructureName(v.a, i), label_w - t.Dp(12));
        const float ty = y + (row - FontSize(font)) * 0.5f;
        DrawText(dl, font, ImVec2(p0.x, ty), c.text, name.c_str());
        const float b0 = y + row * 0.2f, b1 = y + row * 0.8f;
        dl->AddRectFilled(ImVec2(bar_x0, b0), ImVec2(bar_x0 + bar_w, b1), c.track, t.Dp(4));
        const float frac = qs.answered > 0 ? static_cast<float>(count) / static_cast<float>(qs.answered) : 0.0f;
        if (frac > 0.0f)
            dl->AddRectFilled(ImVec2(bar_x0, b0), ImVec2(bar_x0 + std::max(bar_w * frac, t.Dp(4)), b1), right ? c.better : c.text_faint, t.Dp(4));
        const std::string words = words_of(i, count, frac);
        DrawText(dl, font, ImVec2(bar_x0 + bar_w + t.Dp(12), ty), right ? c.better : c.text_muted, words.c_str());
        ImGui::PushID(i);
        SemAt("##sem_choice_bar", SemRole::Text, StructureName(v.a, i) + ": " + std::to_string(count) + " students (" + Percent(frac) + ")" +
                                                     (right ? ", the model's answer" : ""),
              ImVec2(p0.x, y), ImVec2(p0.x + w, y + row));
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(w, row * static_cast<float>(std::max(n, 1))));
}

/// "How much?": each answer a dot on the outcome's axis, the model's answer a line with the bands of
/// full and half marks around it.
void NumberStrip(Ui& ui, const ClassView& v, std::size_t q, float w, bool tall) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const Question& qu = v.a.questions[q];
    const ClassSummary::QuestionSummary& qs = v.sum.questions[q];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const double truth = q < v.truth.number.size() ? v.truth.number[q] : 0.0;
    const double tol = qu.tolerance * std::max(std::fabs(truth), 0.1);  // as ScorePrediction judges
    double lo = truth - 2.0 * tol, hi = truth + 2.0 * tol;
    for (double x : qs.numbers) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float label_h = FontSize(f.small) + t.Dp(8);
    const float plot_h = t.Dp(tall ? 150 : 84);
    const float y_top = p0.y + label_h, y_base = y_top + plot_h;
    const StripAxis ax = MakeAxis(lo, hi, p0.x + t.Dp(8), p0.x + w - t.Dp(8));
    const ImU32 half_band = Mix(c.better, c.card, 0.88f), full_band = Mix(c.better, c.card, 0.74f);
    dl->AddRectFilled(ImVec2(ax.X(truth - 2.0 * tol), y_top), ImVec2(ax.X(truth + 2.0 * tol), y_base), half_band);
    dl->AddRectFilled(ImVec2(ax.X(truth - tol), y_top), ImVec2(ax.X(truth + tol), y_base), full_band);
    const float tx = ax.X(truth);
    dl->AddLine(ImVec2(tx, y_top - t.Dp(2)), ImVec2(tx, y_base), c.better, t.Dp(2));
    const std::string model = "Model: " + FormatOutcome(qu.outcome, truth);
    const float mw = TextSize(f.small, model.c_str()).x;
    DrawText(dl, f.small, ImVec2(std::clamp(tx - mw * 0.5f, ax.x0, ax.x1 - mw), p0.y), c.better, model.c_str());
    std::vector<float> xs;
    for (double x : qs.numbers) xs.push_back(ax.X(x));
    const float r = t.Dp(tall ? 7 : 5);
    for (const ImVec2& d : StackDots(xs, y_base, r, plot_h)) {
        dl->AddCircleFilled(d, r, c.accent);
        dl->AddCircle(d, r, c.card, 0, t.Dp(1));
    }
    DrawAxis(t, dl, ax, y_base, qu.outcome);
    const float legend_y = y_base + t.Dp(8) + FontSize(f.small) + t.Dp(10);
    float x = ax.x0;
    x = LegendItem(t, dl, x, legend_y, Swatch::Dot, c.accent, "a student's answer");
    x = LegendItem(t, dl, x, legend_y, Swatch::Line, c.better, "the model's answer");
    x = LegendItem(t, dl, x, legend_y, Swatch::Box, full_band, "full marks (within " + Percent(qu.tolerance) + ")");
    LegendItem(t, dl, x, legend_y, Swatch::Box, half_band, "half marks (within " + Percent(2.0 * qu.tolerance) + ")");
    std::string alt = "Answers to \xE2\x80\x9C" + QuestionText(v.a, qu) + "\xE2\x80\x9D: " + std::to_string(qs.numbers.size()) + " numbers";
    if (!qs.numbers.empty())
        alt += " from " + FormatOutcome(qu.outcome, qs.numbers.front()) + " to " + FormatOutcome(qu.outcome, qs.numbers.back()) + ", median " +
               FormatOutcome(qu.outcome, qs.numbers[qs.numbers.size() / 2]);
    alt += "; the model's answer " + FormatOutcome(qu.outcome, truth) + ".";
    SemAt("##sem_number_strip", SemRole::Image, alt, p0, ImVec2(p0.x + w, legend_y + FontSize(f.small)));
    ImGui::Dummy(ImVec2(w, legend_y + FontSize(f.small) - p0.y));
}

}  // namespace

void DrawQuestionChart(Ui& ui, const ClassView& v, std::size_t q, float w, bool tall) {
    if (q >= v.a.questions.size() || q >= v.sum.questions.size()) return;
    const Theme& t = ui.theme;
    const Fonts& f = t.GetFonts();
    ImGui::PushID(static_cast<int>(q));
    if (v.a.questions[q].kind == QuestionKind::Choice) ChoiceBars(ui, v, q, w, tall);
    else NumberStrip(ui, v, q, w, tall);
    ImGui::Dummy(ImVec2(1.0f, t.Dp(4)));
    const std::string caption = QuestionCaption(v, q);
    ImGui::PushFont(tall ? f.body : f.small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.Colours().text_muted));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(caption.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    SemAt("##sem_q_caption", SemRole::Text, caption, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopID();
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Decisions by round
//-----------------------------------------------------------------------------------------------
void DrawDecisionsByRound(Ui& ui, const ClassView& v, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::size_t rounds = v.sum.decisions.size();
    const bool structures = v.a.structures.size() > 1;
    const std::size_t rows = v.a.unlocked.size() + (structures ? 1 : 0);
    if (rows == 0 || rounds == 0) {
        ImGui::TextUnformatted("Every lever is locked: the class decided nothing.");
        return;
    }
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float head_h = FontSize(f.label) + t.Dp(12);
    const float row_h = FontSize(f.body) + FontSize(f.small) + t.Dp(18);
    const float label_w = std::floor(std::min(t.Dp(230), w * 0.3f));
    const float col_w = (w - label_w) / static_cast<float>(rounds);
    SemPush("##sem_decisions", SemRole::Table, "Decisions by round", p0, ImVec2(p0.x + w, p0.y + head_h + row_h * static_cast<float>(rows)));
    // Header row: the years.
    SemPush("##sem_dec_head", SemRole::Row, "Years", p0, ImVec2(p0.x + w, p0.y + head_h));
    SemAt("##sem_dec_head_lever", SemRole::ColumnHeader, "Lever", p0, ImVec2(p0.x + label_w, p0.y + head_h));
    for (std::size_t r = 0; r < rounds; ++r) {
        const std::string h = "Year " + std::to_string(r + 1);
        const ImVec2 at(p0.x + label_w + col_w * static_cast<float>(r) + t.Dp(10), p0.y);
        DrawText(dl, f.label, at, c.text_muted, h.c_str());
        ImGui::PushID(static_cast<int>(r));
        SemAt("##sem_dec_year", SemRole::ColumnHeader, h, at, ImVec2(at.x + col_w - t.Dp(10), p0.y + head_h));
        ImGui::PopID();
    }
    SemPop();
    dl->AddLine(ImVec2(p0.x, p0.y + head_h - t.Dp(4)), ImVec2(p0.x + w, p0.y + head_h - t.Dp(4)), c.card_border, 1.0f);
    auto cell = [&](std::size_t row, std::size_t col, const std::string& main, const std::string& sub, float share, const char* id) {
        const float x = p0.x + label_w + col_w * static_cast<float>(col);
        const float y = p0.y + head_h + row_h * static_cast<float>(row);
        // The share of the class that changed it this year, as a bar under the words.
        const float bw = col_w - t.Dp(20);
        dl->AddRectFilled(ImVec2(x + t.Dp(10), y + row_h - t.Dp(8)), ImVec2(x + t.Dp(10) + bw, y + row_h - t.Dp(5)), c.track, t.Dp(2));
        if (share > 0.0f)
            dl->AddRectFilled(ImVec2(x + t.Dp(10), y + row_h - t.Dp(8)), ImVec2(x + t.Dp(10) + std::max(bw * share, t.Dp(3)), y + row_h - t.Dp(5)),
                              c.accent, t.Dp(2));
        const std::string m = Ellipsize(f.body, main, col_w - t.Dp(20));
        DrawText(dl, f.body, ImVec2(x + t.Dp(10), y + t.Dp(6)), c.text, m.c_str());
        DrawText(dl, f.small, ImVec2(x + t.Dp(10), y + t.Dp(6) + FontSize(f.body) + t.Dp(2)), c.text_muted, sub.c_str());
        ImGui::PushID(static_cast<int>(row * 16 + col));
        SemAt(id, SemRole::Cell, main + "; " + sub, ImVec2(x, y), ImVec2(x + col_w, y + row_h));
        ImGui::PopID();
    };
    // A row's label opens its row (closed with SemPop after its cells).
    auto label = [&](std::size_t row, const std::string& text) {
        const float y = p0.y + head_h + row_h * static_cast<float>(row);
        ImGui::PushID(static_cast<int>(row));
        SemPush("##sem_dec_row", SemRole::Row, text, ImVec2(p0.x, y), ImVec2(p0.x + w, y + row_h));
        ImGui::PopID();
        const std::string l = Ellipsize(f.strong, text, label_w - t.Dp(8));
        DrawText(dl, f.strong, ImVec2(p0.x, y + t.Dp(6)), c.text, l.c_str());
        SemAt("##sem_dec_label", SemRole::Cell, text, ImVec2(p0.x, y), ImVec2(p0.x + label_w, y + row_h));
        if (row + 1 < rows) dl->AddLine(ImVec2(p0.x, y + row_h), ImVec2(p0.x + w, y + row_h), c.card_border, 1.0f);
    };
    std::size_t row = 0;
    const int players0 = static_cast<int>(v.sum.rows.size());
    if (structures) {
        label(row, "Structure");
        std::string main;
        int most = -1;
        for (std::size_t i = 0; i < v.sum.structure_counts.size(); ++i)
            if (most < 0 || v.sum.structure_counts[i] > v.sum.structure_counts[static_cast<std::size_t>(most)]) most = static_cast<int>(i);
        main = most >= 0 ? StructureName(v.a, most) : "";
        const int k = most >= 0 ? v.sum.structure_counts[static_cast<std::size_t>(most)] : 0;
        cell(row, 0, main, std::to_string(k) + " of " + std::to_string(players0) + " chose it",
             players0 > 0 ? static_cast<float>(k) / static_cast<float>(players0) : 0.0f, "##sem_dec_structure");
        for (std::size_t r = 1; r < rounds; ++r) cell(row, r, "(kept)", "chosen once, in year 1", 0.0f, "##sem_dec_structure_kept");
        SemPop();
        ++row;
    }
    for (std::size_t k = 0; k < v.a.unlocked.size(); ++k, ++row) {
        const ParamInfo& info = Info(v.a.unlocked[k]);
        label(row, info.label);
        for (std::size_t r = 0; r < rounds; ++r) {
            const ClassSummary::LeverRound& lr = v.sum.decisions[r][k];
            std::string main;
            if (lr.players == 0) {
                main = kEmDash;
            } else if (!lr.counts.empty()) {  // a switch or a choice: the most common value
                std::size_t best = 0;
                for (std::size_t i = 1; i < lr.counts.size(); ++i)
                    if (lr.counts[i] > lr.counts[best]) best = i;
                main = ClassLeverText(info.id, static_cast<double>(best)) + " for " + std::to_string(lr.counts[best]) + " of " +
                       std::to_string(lr.players);
            } else {
                main = "mean " + ClassLeverText(info.id, lr.mean);
                if (lr.max > lr.min) main += " (" + ClassLeverText(info.id, lr.min) + " to " + ClassLeverText(info.id, lr.max) + ")";
            }
            const std::string sub = std::to_string(lr.changed) + " of " + std::to_string(lr.players) + " changed it";
            cell(row, r, main, sub, lr.players > 0 ? static_cast<float>(lr.changed) / static_cast<float>(lr.players) : 0.0f, "##sem_dec");
        }
        SemPop();
    }
    SemPop();
    ImGui::Dummy(ImVec2(w, head_h + row_h * static_cast<float>(rows)));
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Where each student ended
//-----------------------------------------------------------------------------------------------
void DrawOutcomeStrip(Ui& ui, const ClassView& v, SeriesId outcome, float w, float h) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::size_t k = ClassOutcomeIndex(outcome);
    if (k >= v.sum.final.size() || v.sum.final[k].empty()) {
        ImGui::TextUnformatted("No verified student has played every round yet.");
        return;
    }
    const std::vector<double>& vals = v.sum.final[k];
    const Standing st = BestAndMedian(v.sum, outcome);
    const auto [mn, mx] = std::minmax_element(vals.begin(), vals.end());
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float label_h = (FontSize(f.small) + t.Dp(4)) * 2.0f + t.Dp(4);
    const float y_top = p0.y + label_h, y_base = y_top + h;
    const StripAxis ax = MakeAxis(*mn, *mx, p0.x + t.Dp(8), p0.x + w - t.Dp(8));
    const float r = t.Dp(h > t.Dp(120) ? 8 : 6);
    std::vector<float> xs;
    for (double x : vals) xs.push_back(ax.X(x));
    const std::vector<ImVec2> dots = StackDots(xs, y_base, r, h);
    int hovered = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::vector<bool> used(v.a.structures.size(), false);
    for (std::size_t i = 0; i < dots.size(); ++i) {
        const int row = static_cast<int>(v.sum.finished[i]);
        const int s = v.checked[static_cast<std::size_t>(row)].submission.decisions.structure;
        if (s >= 0 && s < static_cast<int>(used.size())) used[static_cast<std::size_t>(s)] = true;
        dl->AddCircleFilled(dots[i], r, SlotColour(std::max(s, 0)));
        dl->AddCircle(dots[i], r, c.card, 0, t.Dp(1));
        const float dx = mouse.x - dots[i].x, dy = mouse.y - dots[i].y;
        if (ImGui::IsWindowHovered() && dx * dx + dy * dy <= r * r * 2.25f) hovered = static_cast<int>(i);
    }
    // Best and median: a ring each, and their names above the strip (two lines, so they never overlap).
    auto mark = [&](int row, const std::string& role, int line) {
        for (std::size_t i = 0; i < dots.size(); ++i) {
            if (static_cast<int>(v.sum.finished[i]) != row) continue;
            dl->AddCircle(dots[i], r + t.Dp(3), c.text, 0, t.Dp(2));
            const std::string text = role + ": " + NameOf(v, row) + " (" + FormatOutcome(outcome, vals[i]) + ")";
            const float tw = TextSize(f.small, text.c_str()).x;
            const float ly = p0.y + (FontSize(f.small) + t.Dp(4)) * static_cast<float>(line);
            const float lx = std::clamp(dots[i].x - tw * 0.5f, ax.x0, ax.x1 - tw);
            DrawText(dl, f.small, ImVec2(lx, ly), c.text, text.c_str());
            dl->AddLine(ImVec2(dots[i].x, ly + FontSize(f.small) + t.Dp(1)), ImVec2(dots[i].x, dots[i].y - r - t.Dp(3)), c.axis, 1.0f);
        }
    };
    mark(st.best, "Best", 0);
    if (st.median != st.best) mark(st.median, "Median", 1);
    DrawAxis(t, dl, ax, y_base, outcome);
    const bool higher = SeriesOf(outcome).higher_is_better;
    const char* dir = higher ? "better \xE2\x86\x92" : "\xE2\x86\x90 better";
    const float legend_y = y_base + t.Dp(8) + FontSize(f.small) + t.Dp(10);
    DrawTextRight(dl, f.small, ax.x1, legend_y, c.text_muted, dir);
    float x = ax.x0;
    int shown = 0;
    for (std::size_t s = 0; s < used.size(); ++s) shown += used[s] ? 1 : 0;
    for (std::size_t s = 0; s < used.size(); ++s)
        if (used[s] || shown == 0)
            x = LegendItem(t, dl, x, legend_y, Swatch::Dot, SlotColour(static_cast<int>(s)),
                           Ellipsize(f.small, v.a.structures[s].name, t.Dp(220)));
    LegendItem(t, dl, x, legend_y, Swatch::Ring, c.text, "best and median");
    ImGui::SetCursorScreenPos(p0);
    ImGui::InvisibleButton("##strip", ImVec2(w, legend_y + FontSize(f.small) - p0.y));
    if (hovered >= 0) {
        const int row = static_cast<int>(v.sum.finished[static_cast<std::size_t>(hovered)]);
        const Submission& s = v.checked[static_cast<std::size_t>(row)].submission;
        Tooltip(t, s.name,
                SeriesOf(outcome).label + std::string(": ") + FormatOutcome(outcome, vals[static_cast<std::size_t>(hovered)]) + "\nRank " +
                    std::to_string(RankOn(v.sum, outcome, static_cast<std::size_t>(row))) + " of " + std::to_string(vals.size()) + kMiddot +
                    StructureName(v.a, s.decisions.structure));
    }
    std::string alt = std::string("Where each student ended: ") + SeriesOf(outcome).label + ", " + std::to_string(vals.size()) +
                      " students from " + FormatOutcome(outcome, *mn) + " to " + FormatOutcome(outcome, *mx) + ".";
    if (st.best >= 0) alt += " Best " + NameOf(v, st.best) + ", median " + NameOf(v, st.median) + ".";
    SemAt("##sem_outcome_strip", SemRole::Image, alt, p0, ImVec2(p0.x + w, legend_y + FontSize(f.small)));
}

//-----------------------------------------------------------------------------------------------
// [SECTION] The best and the median side by side
//-----------------------------------------------------------------------------------------------
void DrawBestAndMedian(Ui& ui, const ClassView& v, SeriesId outcome, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const Standing st = BestAndMedian(v.sum, outcome);
    if (st.best < 0) {
        ImGui::TextUnformatted("No verified student has played every round yet.");
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float gap = t.Dp(16), pad = t.Dp(16);
    const float cw = std::floor((w - gap) * 0.5f), wrap = cw - 2.0f * pad;
    const int who[2] = {st.best, st.median};
    const char* role[2] = {"BEST", "MEDIAN"};
    std::vector<TextLine> blocks[2];
    for (int i = 0; i < 2; ++i) {
        const Checked& ch = v.checked[static_cast<std::size_t>(who[i])];
        const Submission& s = ch.submission;
        std::vector<TextLine>& b = blocks[i];
        b.push_back({f.label, i == 0 ? c.better : c.text_muted,
                     std::string(role[i]) + " ON " + SeriesOf(outcome).label + kMiddot + "rank " +
                         std::to_string(RankOn(v.sum, outcome, static_cast<std::size_t>(who[i]))) + " of " + std::to_string(v.sum.finished.size())});
        b.push_back({f.heading, c.text, s.name, t.Dp(4)});
        if (v.a.structures.size() > 1) b.push_back({f.body, c.text_muted, StructureName(v.a, s.decisions.structure), t.Dp(2)});
        for (std::size_t r = 0; r < s.decisions.rounds.size(); ++r) {
            std::string d;
            for (const auto& [id, value] : s.decisions.rounds[r])
                d += (d.empty() ? "" : ", ") + std::string(Info(id).label) + " " + ClassLeverText(id, value);
            b.push_back({f.body, c.text, "Year " + std::to_string(r + 1) + ": " + (d.empty() ? std::string("no change") : d), t.Dp(r == 0 ? 10 : 2)});
        }
        const std::size_t k = ClassOutcomeIndex(outcome);
        if (!ch.results.mean.empty() && k < ch.results.mean.back().size())
            b.push_back({f.strong, c.text,
                         std::string(SeriesOf(outcome).label) + " after year " + std::to_string(ch.results.mean.size()) + ": " +
                             FormatOutcome(outcome, ch.results.mean.back()[k]),
                         t.Dp(10)});
        // The other outcomes, for the trade-offs.
        std::string others;
        for (std::size_t j = 0; j < ClassOutcomes().size() && !ch.results.mean.empty(); ++j) {
            if (ClassOutcomes()[j] == outcome) continue;
            others += (others.empty() ? "" : kMiddot) + std::string(SeriesOf(ClassOutcomes()[j]).label) + " " +
                      FormatOutcome(ClassOutcomes()[j], ch.results.mean.back()[j]);
        }
        b.push_back({f.small, c.text_muted, others, t.Dp(4)});
    }
    const float h = std::max(BlockHeight(blocks[0], wrap), BlockHeight(blocks[1], wrap)) + 2.0f * pad;
    for (int i = 0; i < 2; ++i) {
        const ImVec2 a(p0.x + (cw + gap) * static_cast<float>(i), p0.y);
        SectionTile(t, dl, a, ImVec2(a.x + cw, a.y + h));
        if (i == 0) dl->AddRectFilled(a, ImVec2(a.x + t.Dp(4), a.y + h), c.better, t.Dp(2));
        DrawBlock(dl, blocks[i], ImVec2(a.x + pad, a.y + pad), wrap);
        std::string alt;
        for (const TextLine& l : blocks[i]) alt += (alt.empty() ? "" : ". ") + l.text;
        ImGui::PushID(i);
        SemAt("##sem_standing", SemRole::Text, alt, a, ImVec2(a.x + cw, a.y + h));
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(w, h + t.Dp(12)));
    ImGui::PushFont(f.strong);
    ImGui::TextUnformatted("What the best did differently");
    ImGui::PopFont();
    ImGui::PushFont(f.body);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    int i = 0;
    for (const std::string& line : BestDidDifferently(v, outcome)) {
        ImGui::TextUnformatted(("\xE2\x80\xA2 " + line).c_str());
        ImGui::PushID(i++);
        SemAt("##sem_diff", SemRole::Text, line, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

}  // namespace orgsim::ui
