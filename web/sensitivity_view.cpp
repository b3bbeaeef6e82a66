// sensitivity_view.cpp: the Sensitivity view (see sensitivity_view.h).
//
// [SECTION] index: helpers / choices and state / layout (Draw) / controls / before the result /
// result (outcome tabs, export, sentence) / tornado / Morris / test values / sweep result.
#include "web/sensitivity_view.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/report.h"
#include "web/charts.h"
#include "web/theme.h"
#include "web/widgets.h"
#include "web/workspace.h"

namespace orgsim::ui {

// ---- [SECTION] helpers ----------------------------------------------------------------------------
namespace {

constexpr const char* kOwner = "sensitivity";
constexpr const char* kArrow = " \xE2\x86\x92 ";  // →
constexpr const char* kMuStar = "\xCE\xBC*";       // μ*
constexpr const char* kSigma = "\xCF\x83";         // σ
constexpr const char* kEllipsis = "\xE2\x80\xA6";
constexpr int kLevelChoices[] = {2, 4, 6, 8};

const char* StateName(int s) {
    static const char* const kNames[] = {"idle", "waiting", "running", "done", "stale", "cancelled", "error"};
    return kNames[std::clamp(s, 0, 6)];
}

/// The two ends of a lever's range in the tornado: two steps of the viridis scale (colour-blind
/// safe, and neither the blue nor the orange that mean "better" and "worse" elsewhere in the app).
ImU32 LowColour(const Theme& t) { return SequentialColour(t.Kind() == ThemeKind::Light ? 0.22f : 0.38f); }
ImU32 HighColour(const Theme& t) { return SequentialColour(t.Kind() == ThemeKind::Light ? 0.68f : 0.82f); }

/// The words after a difference of an outcome on an axis: "weeks", "$M a year", "percentage points".
std::string UnitWords(SeriesId id) {
    const OutcomeStyle& st = StyleOf(id);
    const std::string words = *st.diff_unit ? st.diff_unit : (*st.unit ? st.unit : SeriesTable()[static_cast<std::size_t>(id)].unit);
    const std::string money = std::string(st.prefix) + st.diff_suffix;
    return money.empty() ? words : money + (words.empty() ? "" : " " + words);
}

/// An axis tick in display units (the tick step decides the decimals): "2", "0.5", "−$1.5".
std::string TickText(SeriesId id, double display, double step) {
    const int decimals = step >= 1.0 - 1e-9 ? 0 : step >= 0.1 - 1e-9 ? 1 : 2;
    const std::string n = FormatNumber(std::fabs(display) < step * 1e-6 ? 0.0 : display, decimals);
    const char* prefix = StyleOf(id).prefix;
    if (!*prefix) return n;
    return n.rfind("\xE2\x88\x92", 0) == 0 ? "\xE2\x88\x92" + std::string(prefix) + n.substr(3) : prefix + n;
}

/// A magnitude (display units) with its outcome's prefix and short suffix: "4.1", "$12M", "3.2".
std::string Magnitude(SeriesId id, double raw) {
    const OutcomeStyle& st = StyleOf(id);
    const double v = raw * st.scale;
    return std::string(st.prefix) + FormatNumber(v, v == 0.0 ? 0 : DisplayDecimals(std::fabs(v))) + st.diff_suffix;
}

std::string Slug(const std::string& name) {
    std::string s;
    for (const char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) s.push_back(c);
        else if (c >= 'A' && c <= 'Z') s.push_back(static_cast<char>(c - 'A' + 'a'));
        else if (!s.empty() && s.back() != '_') s.push_back('_');
    }
    while (!s.empty() && s.back() == '_') s.pop_back();
    return s.empty() ? std::string("scenario") : s.substr(0, 48);
}

/// A secondary button with its text on the left and a chevron on the right (opens a menu).
bool DropButton(const Theme& t, const char* id, const std::string& text, ImVec2 size, Icon icon = Icon::None) {
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const bool pressed = Button(t, id, "", Icon::None, size, false);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = a.x + t.Dp(12);
    const float cy = (a.y + b.y) * 0.5f;
    if (icon != Icon::None) {
        DrawIcon(t, dl, icon, ImVec2(x + t.Dp(6), cy), t.Dp(13), p.text, p.control);
        x += t.Dp(21);
    }
    const float chevron_w = t.Dp(22);
    DrawText(dl, f.label, ImVec2(x, cy - FontSize(f.label) * 0.5f), p.text, Ellipsize(f.label, text, b.x - chevron_w - x).c_str());
    const float cx = b.x - t.Dp(14), k = t.Dp(4.5f);
    dl->AddTriangleFilled(ImVec2(cx - k, cy - k * 0.45f), ImVec2(cx + k, cy - k * 0.45f), ImVec2(cx, cy + k * 0.65f), p.text_muted);
    return pressed;
}

/// A row of a menu with a check box: returns true when clicked (the menu stays open).
bool CheckRow(const Theme& t, const char* id, const char* label, const std::string& detail, bool on, float width) {
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const float h = detail.empty() ? t.Dp(30) : t.Dp(42);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, h));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered) {
        dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), p.control_hover, t.Dp(6));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    const float box = t.Dp(17), bx = a.x + t.Dp(8), by = a.y + (h - box) * 0.5f;
    if (on) {
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + box, by + box), p.accent, t.Dp(4));
        DrawIcon(t, dl, Icon::Check, ImVec2(bx + box * 0.5f, by + box * 0.5f), t.Dp(10), p.accent_text, p.accent);
    } else {
        dl->AddRect(ImVec2(bx, by), ImVec2(bx + box, by + box), p.axis, t.Dp(4), 0, t.Dp(1.5f));
    }
    const float tx = bx + box + t.Dp(12);
    if (detail.empty()) {
        DrawText(dl, f.body, ImVec2(tx, a.y + (h - FontSize(f.body)) * 0.5f), p.text, label);
    } else {
        const float ty = a.y + (h - FontSize(f.label) - FontSize(f.small) - t.Dp(3)) * 0.5f;
        DrawText(dl, f.label, ImVec2(tx, ty), p.text, label);
        DrawText(dl, f.small, ImVec2(tx, ty + FontSize(f.label) + t.Dp(3)), p.text_muted,
                 Ellipsize(f.small, detail, a.x + width - tx - t.Dp(8)).c_str());
    }
    return pressed;
}

/// Text with its " · " separators read as commas (for assistive technology).
std::string Spoken(std::string s) {
    const std::string dot = kMiddot;
    for (std::size_t at = s.find(dot); at != std::string::npos; at = s.find(dot, at)) s.replace(at, dot.size(), ", ");
    return s;
}

/// A popup's list for assistive technology: a group over the popup window (close it with SemPop()).
void PushPopupGroup(const char* id, const char* name, SemRole role = SemRole::Group) {
    const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    SemPush(id, role, name, wp, ImVec2(wp.x + ws.x, wp.y + ws.y));
}

/// A menu that opens moves the DOM focus to its first item (WAI-ARIA menu pattern).
void FocusOnOpen(std::uint32_t key) {
    if (!ImGui::IsWindowAppearing()) return;
    if (Semantics* sem = ActiveSemantics()) sem->RequestFocus(key);
}

/// A CheckRow for assistive technology: an on/off switch named by its label, its detail as description.
void SemCheck(const char* label, const std::string& detail, bool on) {
    SemNode n;
    n.on = on;
    n.description = detail;
    SemItem(SemRole::Switch, label, n);
}

/// A whisker (interval) at height y from x0 to x1 with end caps.
void Whisker(ImDrawList* dl, float x0, float x1, float y, float cap, ImU32 colour, float thickness) {
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), colour, thickness);
    dl->AddLine(ImVec2(x0, y - cap), ImVec2(x0, y + cap), colour, thickness);
    dl->AddLine(ImVec2(x1, y - cap), ImVec2(x1, y + cap), colour, thickness);
}

/// An axis under a chart's rows: grid lines over [top, bottom], tick labels and a title below.
struct Axis {
    double lo = 0.0, hi = 1.0, step = 1.0;  ///< display units
    std::vector<double> ticks;
    float x0 = 0.0f, x1 = 1.0f;
    float X(double display) const { return x0 + static_cast<float>((display - lo) / (hi - lo)) * (x1 - x0); }
};

Axis MakeAxis(double lo, double hi, float x0, float x1, int target) {
    Axis a;
    if (!(hi > lo)) hi = lo + 1.0;
    a.ticks = NiceTicks(lo, hi, target);
    a.lo = a.ticks.front();
    a.hi = a.ticks.back();
    if (!(a.hi > a.lo)) a.hi = a.lo + 1.0;
    a.step = a.ticks.size() > 1 ? a.ticks[1] - a.ticks[0] : 1.0;
    a.x0 = x0;
    a.x1 = x1;
    return a;
}

void DrawAxis(const Theme& t, ImDrawList* dl, const Axis& a, SeriesId id, float top, float bottom, const std::string& title,
              bool zero_line) {
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    for (const double v : a.ticks) {
        const float x = std::floor(a.X(v)) + 0.5f;
        const bool zero = std::fabs(v) < a.step * 1e-6;
        dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), zero && zero_line ? p.axis : p.grid, zero && zero_line ? t.Dp(1.5f) : 1.0f);
        const std::string label = TickText(id, v, a.step);
        const float w = TextSize(f.small, label.c_str()).x;
        DrawText(dl, f.small, ImVec2(x - w * 0.5f, bottom + t.Dp(5)), p.text_muted, label.c_str());
    }
    const float tw = TextSize(f.small, title.c_str()).x;
    DrawText(dl, f.small, ImVec2((a.x0 + a.x1 - tw) * 0.5f, bottom + t.Dp(7) + FontSize(f.small)), p.text_faint, title.c_str());
}

/// A legend entry at (*x, *y): a swatch drawn by `swatch`, then a label; moves *x past it, or first
/// to the next line (from x_min) when it would pass x_max.
template <typename Swatch>
void LegendItem(const Theme& t, ImDrawList* dl, float* x, float* y, float x_min, float x_max, const char* label, Swatch&& swatch) {
    const Fonts& f = t.GetFonts();
    const float sw = t.Dp(18), w = sw + t.Dp(7) + TextSize(f.small, label).x;
    if (*x > x_min && *x + w > x_max) {
        *x = x_min;
        *y += FontSize(f.small) + t.Dp(6);
    }
    const float cy = *y + FontSize(f.small) * 0.5f;
    swatch(ImVec2(*x, cy - t.Dp(5)), ImVec2(*x + sw, cy + t.Dp(5)));
    DrawText(dl, f.small, ImVec2(*x + sw + t.Dp(7), *y), t.Colours().text_muted, label);
    *x += w + t.Dp(18);
}

/// A lever's value as people read it, with its unit where that helps: "13 weeks", "5000 thousand
/// USD", "ban", "yes", "0.3".
std::string LeverText(ParamId id, double v) {
    const ParamInfo& info = Info(id);
    std::string unit = info.unit ? info.unit : "";
    if (const auto paren = unit.find(" ("); paren != std::string::npos) unit.resize(paren);
    const bool words = info.kind == ParamKind::Integer || (info.kind == ParamKind::Real && unit.find("share") == std::string::npos &&
                                                           unit.find('/') == std::string::npos);
    const std::string value = FormatValue(id, v);
    if (value == "1" && unit.size() > 1 && unit.back() == 's') unit.pop_back();  // "1 week"
    return value + (words && !unit.empty() ? " " + unit : "");
}

/// A miniature of a chart for the view's introduction: tornado bars (both ends) or Morris bars
/// with a noise band, drawn in the tile a..b with made-up lengths.
void Sketch(const Theme& t, ImDrawList* dl, ImVec2 a, ImVec2 b, bool tornado) {
    const Palette& p = t.Colours();
    static const float kLow[] = {-0.55f, -0.2f, 0.3f, -0.12f, 0.05f};
    static const float kHigh[] = {0.8f, 0.6f, 0.45f, 0.18f, -0.08f};
    static const float kMu[] = {0.92f, 0.7f, 0.46f, 0.22f, 0.12f};
    const int rows = 5;
    const float rh = (b.y - a.y) / static_cast<float>(rows), bh = std::min(rh * 0.55f, t.Dp(14));
    const float label_w = (b.x - a.x) * 0.26f;
    for (int i = 0; i < rows; ++i) {
        const float cy = a.y + rh * (static_cast<float>(i) + 0.5f);
        dl->AddRectFilled(ImVec2(a.x, cy - t.Dp(3)), ImVec2(a.x + label_w * (0.9f - 0.1f * static_cast<float>(i % 3)), cy + t.Dp(3)),
                          WithAlpha(p.text_faint, 0.35f), t.Dp(3));
    }
    const float x0 = a.x + label_w + t.Dp(12), x1 = b.x;
    if (tornado) {
        const float zx = (x0 + x1) * 0.5f, half = (x1 - x0) * 0.5f;
        dl->AddLine(ImVec2(zx, a.y), ImVec2(zx, b.y), p.axis, t.Dp(1.5f));
        for (int i = 0; i < rows; ++i) {
            const float cy = a.y + rh * (static_cast<float>(i) + 0.5f);
            dl->AddRectFilled(ImVec2(std::min(zx, zx + kLow[i] * half), cy - bh * 0.5f), ImVec2(std::max(zx, zx + kLow[i] * half), cy + bh * 0.5f),
                              LowColour(t), t.Dp(2));
            dl->AddRectFilled(ImVec2(std::min(zx, zx + kHigh[i] * half), cy - bh * 0.5f), ImVec2(std::max(zx, zx + kHigh[i] * half), cy + bh * 0.5f),
                              HighColour(t), t.Dp(2));
        }
        return;
    }
    const float xn = x0 + (x1 - x0) * 0.3f;
    dl->AddRectFilled(ImVec2(x0, a.y), ImVec2(xn, b.y), WithAlpha(p.text_muted, 0.16f));
    for (float yy = a.y; yy < b.y; yy += t.Dp(7)) dl->AddLine(ImVec2(xn, yy), ImVec2(xn, std::min(b.y, yy + t.Dp(4))), WithAlpha(p.text_muted, 0.75f), t.Dp(1.5f));
    for (int i = 0; i < rows; ++i) {
        const float cy = a.y + rh * (static_cast<float>(i) + 0.5f);
        const float xe = x0 + kMu[i] * (x1 - x0);
        dl->AddRectFilled(ImVec2(x0, cy - bh * 0.5f), ImVec2(xe, cy + bh * 0.5f), xe > xn ? p.accent : Mix(p.accent, p.track, 0.6f), t.Dp(2));
        const float xs = x0 + (x1 - x0) * kMu[i] * (i % 2 ? 0.5f : 0.8f), r = bh * 0.32f;
        dl->AddQuadFilled(ImVec2(xs, cy - r), ImVec2(xs + r, cy), ImVec2(xs, cy + r), ImVec2(xs - r, cy), p.card);
        dl->AddQuad(ImVec2(xs, cy - r), ImVec2(xs + r, cy), ImVec2(xs, cy + r), ImVec2(xs - r, cy), p.ink, t.Dp(1.5f));
    }
}

/// The title and subtitle of a chart tile; returns the y under them.
float ChartHeader(const Theme& t, ImDrawList* dl, ImVec2 at, float width, const char* title, const std::string& subtitle) {
    const Fonts& f = t.GetFonts();
    DrawText(dl, f.heading, at, t.Colours().text, title);
    DrawText(dl, f.small, ImVec2(at.x, at.y + FontSize(f.heading) + t.Dp(4)), t.Colours().text_muted,
             Ellipsize(f.small, subtitle, width).c_str());
    return at.y + FontSize(f.heading) + t.Dp(4) + FontSize(f.small);
}

}  // namespace

// ---- [SECTION] choices and state ------------------------------------------------------------------
SensitivityPanel::SensitivityPanel() : all_levers_(AllLevers()), lever_on_(all_levers_.size(), true) {
    // The outcomes offered: the key outcomes; on at first, the five the issue names.
    const std::vector<SeriesId> defaults = {SeriesId::TimeToMarket, SeriesId::OperatingProfit, SeriesId::ShadowShare,
                                            SeriesId::Incidents, SeriesId::Trust};
    all_outcomes_ = KeyOutcomes();
    for (const SeriesId id : all_outcomes_) outcome_on_.push_back(std::find(defaults.begin(), defaults.end(), id) != defaults.end());
}

SensitivityOptions SensitivityPanel::Options(const Ui&) const {
    SensitivityOptions o;
    for (std::size_t i = 0; i < all_levers_.size(); ++i)
        if (lever_on_[i]) o.levers.push_back(all_levers_[i]);
    for (std::size_t i = 0; i < all_outcomes_.size(); ++i)
        if (outcome_on_[i]) o.outcomes.push_back(all_outcomes_[i]);
    o.replications = std::clamp(replications_, kSensMinReplications, kSensMaxReplications);
    o.trajectories = std::clamp(trajectories_, kSensMinTrajectories, kSensMaxTrajectories);
    o.levels = levels_;
    o.weeks = 0;  // the scenario's horizon
    o.design_seed = 1;  // `orgsim sensitivity`'s default: the same design, the same numbers
    return o;
}

SensitivityPanel::State SensitivityPanel::Refresh(Ui& ui) {
    if (!error_.empty()) return State::Error;
    if (!study_) return State::Idle;
    const bool ours = ui.runner.AnalysisOwner() == kOwner && ui.runner.AnalysisRevision() == run_revision_;
    if (!absorbed_ && ours && ui.runner.AnalysisDone()) {
        const auto& runs = ui.runner.Analysis();
        if (runs.size() != study_->Batches().size()) {
            error_ = "The study's runs did not come back complete; run it again.";
            return State::Error;
        }
        result_ = study_->Analyse([&runs](int b, int s, SeriesId id) -> const std::vector<double>& {
            return runs[static_cast<std::size_t>(b)]->Finals(s, id);
        });
        if (result_.replications == 0) {
            error_ = "The study's runs did not come back complete; run it again.";
            return State::Error;
        }
        absorbed_ = true;
        if (std::find(result_.outcomes.begin(), result_.outcomes.end(), shown_) == result_.outcomes.end() && !result_.outcomes.empty())
            shown_ = result_.outcomes.front();
    }
    if (absorbed_) return run_revision_ == ui.ws.Revision() ? State::Done : State::Stale;
    if (run_revision_ != ui.ws.Revision()) return State::Stale;  // the runner stops it when it restarts
    if (!ours || ui.runner.AnalysisCancelled()) return State::Cancelled;
    return ui.runner.Running() ? State::Waiting : State::Running;  // the replications come first
}

void SensitivityPanel::Start(Ui& ui) {
    const SensitivityOptions o = Options(ui);
    if (o.levers.empty() || o.outcomes.empty() || ui.ws.Empty()) return;
    error_.clear();
    absorbed_ = false;
    result_ = SensitivityResult{};
    study_ = std::make_unique<SensitivityStudy>(ui.ws.ActiveScenario(), o);
    run_revision_ = ui.ws.Revision();
    run_slot_ = ui.ws.Active();
    run_name_ = ui.ws.ActiveScenario().name;
    run_trajectories_ = o.trajectories;
    run_levels_ = o.levels;
    std::vector<AnalysisBatch> batches;
    for (const SensitivityBatch& b : study_->Batches()) {
        AnalysisBatch a;
        a.scenarios = b.scenarios;
        a.replications = b.replications;
        a.weeks = b.weeks;
        a.first_replication = b.first_replication;
        batches.push_back(std::move(a));
    }
    ui.runner.StartAnalysis(kOwner, std::move(batches), run_revision_);
}

// ---- [SECTION] layout -----------------------------------------------------------------------------
void SensitivityPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    const float pad = theme.Dp(20), gap = theme.Dp(14);
    // A narrow card (a narrow window, WCAG 1.4.10) stacks the parts in one column and scrolls.
    const bool stacked = size.x - 2 * pad < theme.Dp(kStackWidth);
    BeginCard("##sensitivity", pos, size, stacked);
    ui.hooks.Record("Panel:sensitivity", pos.x, pos.y, size.x, size.y);
    ui.hooks.Value("sens.stacked", stacked ? 1.0 : 0.0);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x0 = pos.x + pad;
    const float width = size.x - 2 * pad - (stacked ? std::max(0.0f, ImGui::GetStyle().ScrollbarSize - pad * 0.5f) : 0.0f);
    float y = pos.y + pad * 0.8f - (stacked ? ImGui::GetScrollY() : 0.0f);
    const float y_top = y;
    const State state = Refresh(ui);

    // Header: title, what is studied, the study's state.
    DrawText(dl, fonts.title, ImVec2(x0, y), pal.text, "Sensitivity");
    {
        SemNode heading;
        heading.level = 2;
        SemAt("##sem_sens_title", SemRole::Heading, "Sensitivity", ImVec2(x0, y),
              ImVec2(x0 + TextSize(fonts.title, "Sensitivity").x, y + FontSize(fonts.title)), heading);
    }
    // With a sweep result open: two tabs, the study and the result.
    ui.hooks.Value("sweep.open", sweep_ ? 1.0 : 0.0);
    ui.hooks.Value("sweep.shown", sweep_ && show_sweep_ ? 1.0 : 0.0);
    if (sweep_) {
        const float tab_h = theme.Dp(30), tab_y = y + (FontSize(fonts.title) - tab_h) * 0.5f + theme.Dp(2);
        float tx = x0 + TextSize(fonts.title, "Sensitivity").x + theme.Dp(24);
        const float tabs_w = TextSize(fonts.label, "Study").x + TextSize(fonts.label, "Sweep result").x + theme.Dp(2 * 28 + 6);
        SemPush("##sem_sens_tabs", SemRole::TabList, "Sensitivity views", ImVec2(tx, tab_y), ImVec2(tx + tabs_w, tab_y + tab_h));
        for (int k = 0; k < 2; ++k) {
            const char* label = k == 0 ? "Study" : "Sweep result";
            const float tw = TextSize(fonts.label, label).x + theme.Dp(28);
            ImGui::SetCursorScreenPos(ImVec2(tx, tab_y));
            if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Tab);
            if (ToggleButton(theme, k == 0 ? "##sens_tab_study" : "##sens_tab_sweep", label, Icon::None, ImVec2(tw, tab_h), show_sweep_ == (k == 1)))
                show_sweep_ = k == 1;
            ui.hooks.RecordLastItem(k == 0 ? "Sens:tab:study" : "Sens:tab:sweep");
            tx += tw + theme.Dp(6);
        }
        SemPop();
    }
    if (sweep_ && show_sweep_) {
        const std::string sub = "A sweep run with orgsim sweep and merged: " + sweep_file_ + kMiddot + "your scenarios are not changed";
        DrawText(dl, fonts.small, ImVec2(x0, y + FontSize(fonts.title) + theme.Dp(4)), pal.text_muted, Ellipsize(fonts.small, sub, width * 0.7f).c_str());
        SemAt("##sem_sweep_sub", SemRole::Text, Spoken(sub), ImVec2(x0, y + FontSize(fonts.title) + theme.Dp(4)),
              ImVec2(x0 + width * 0.7f, y + FontSize(fonts.title) + theme.Dp(4) + FontSize(fonts.small)));
        ImGui::SetCursorScreenPos(ImVec2(x0 + width - theme.Dp(96), y));
        SemNext().name = "Close the sweep result";
        if (Button(theme, "##sweep_close", "Close", Icon::None, ImVec2(theme.Dp(96), theme.Dp(30)), false)) {
            sweep_.reset();
            show_sweep_ = false;
        }
        ui.hooks.RecordLastItem("Sweep:close");
        y += HeaderHeight(theme, false);
        if (sweep_) DrawSweep(ui, ImVec2(x0, y), ImVec2(width, pos.y + size.y - pad * 0.8f - y));
        PublishResult(ui);
        PublishSweep(ui);
        EndCard();
        return;
    }
    // Of the scenario studied last (the active one before the first study).
    const bool studied = study_ != nullptr;
    const std::string of = studied ? run_name_ : ui.ws.Empty() ? std::string() : ui.ws.ActiveScenario().name;
    const std::string sub = "How much each lever moves the outcomes across its whole range" + std::string(kMiddot) +
                            (studied ? "studied on " : "to study: ") + Workspace::SlotLabel(studied ? run_slot_ : ui.ws.Active()) + ", " + of;
    const float sub_w = stacked ? width : width * 0.62f;
    DrawText(dl, fonts.small, ImVec2(x0, y + FontSize(fonts.title) + theme.Dp(4)), pal.text_muted,
             Ellipsize(fonts.small, sub, sub_w).c_str());
    SemAt("##sem_sens_sub", SemRole::Text, Spoken(sub), ImVec2(x0, y + FontSize(fonts.title) + theme.Dp(4)),
          ImVec2(x0 + sub_w, y + FontSize(fonts.title) + theme.Dp(4) + FontSize(fonts.small)));
    std::string status;
    ImU32 status_colour = pal.text_muted;
    const double progress = std::clamp(ui.runner.AnalysisProgress(), 0.0, 1.0);
    switch (state) {
        case State::Idle: status = "Pick levers and outcomes, then run the study"; break;
        case State::Waiting: status = std::string("Waiting for the replications to finish") + kEllipsis; break;
        case State::Running: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "Running the study  %d%%", static_cast<int>(std::floor(progress * 100.0)));
            status = buf;
            status_colour = pal.text;
            break;
        }
        case State::Done: status = "The study is up to date"; break;
        case State::Stale:
            status = absorbed_ ? "Out of date: the scenario changed since the study" : "Stopped: the scenario changed while it ran";
            status_colour = pal.danger;
            break;
        case State::Cancelled: status = "The study was cancelled before it finished"; break;
        case State::Error: status = error_; status_colour = pal.danger; break;
    }
    // The study's state: right of the title, or (stacked) under the subtitle.
    const std::string shown = stacked ? Ellipsize(fonts.label, status, width) : status;
    const ImVec2 ss = TextSize(fonts.label, shown.c_str());
    const ImVec2 sp = stacked ? ImVec2(x0, y + FontSize(fonts.title) + FontSize(fonts.small) + theme.Dp(14))
                              : ImVec2(x0 + width - ss.x, y + theme.Dp(6));
    DrawText(dl, fonts.label, sp, status_colour, shown.c_str());
    SemAt("##sem_sens_status", SemRole::Text, status, sp, ImVec2(sp.x + ss.x, sp.y + ss.y));
    if (state == State::Running || state == State::Waiting) {
        const float bw = std::max(ss.x, theme.Dp(160)), by = sp.y + ss.y + theme.Dp(7), bh = theme.Dp(4);
        const float bl = stacked ? x0 : x0 + width - bw;
        dl->AddRectFilled(ImVec2(bl, by), ImVec2(bl + bw, by + bh), pal.track, bh);
        dl->AddRectFilled(ImVec2(bl, by), ImVec2(bl + bw * static_cast<float>(progress), by + bh), pal.accent, bh);
        ui.hooks.Record("Sens:progress", bl, by, bw, bh);
    }
    ui.hooks.Text("sens.status", status);
    ui.hooks.Text("sens.state", StateName(static_cast<int>(state)));
    ui.hooks.Value("sens.progress", progress);
    y += HeaderHeight(theme, stacked);

    if (!ui.presenting) {
        const float ch = ControlsHeight(theme, width);
        DrawControls(ui, ImVec2(x0, y), ImVec2(width, ch), state);
        y += ch + gap;
    }
    // Stacked, the study's result gets a height of its own and the card scrolls.
    const ImVec2 body(x0, y), body_size(width, stacked ? theme.Dp(kStackedResultHeight) : pos.y + size.y - pad * 0.8f - y);
    if (absorbed_ && (state == State::Done || state == State::Stale)) DrawResult(ui, body, body_size, state);
    else DrawIntro(ui, body, body_size, state);
    if (stacked) {
        ImGui::SetCursorScreenPos(ImVec2(x0, y_top));
        ImGui::Dummy(ImVec2(1.0f, body.y + body_size.y - y_top + pad));
    }
    PublishResult(ui);
    PublishSweep(ui);
    EndCard();
}

namespace {
/// The controls' groups, left to right (levers menu, outcomes menu, replications, trajectories,
/// levels, run): their widths in a tile of the given width; a narrow tile flows them onto rows.
struct ControlsFlow {
    std::array<float, 6> w{};
    std::array<ImVec2, 6> at{};  ///< offsets from the tile's first row, left edge
    int rows = 1;
    bool stacked = false;
};
ControlsFlow FlowControls(const Theme& t, float width) {
    const Fonts& f = t.GetFonts();
    ControlsFlow c;
    const float pad = t.Dp(16), item_gap = t.Dp(20);
    c.stacked = width < t.Dp(kStackWidth);
    const float reps_w = std::max(t.Dp(86), TextSize(f.small, "Replications per point").x);
    const float traj_w = std::max(t.Dp(70), TextSize(f.small, "Trajectories r").x);
    const float levels_w = 4 * t.Dp(38) + 3 * t.Dp(4);
    const float fixed = reps_w + traj_w + levels_w + t.Dp(150) + 5 * item_gap;
    // The two menus give up room first when the tile is narrow; stacked, they share a row.
    const float menus = c.stacked ? width - 2 * pad - item_gap : std::clamp(width - 2 * pad - fixed, t.Dp(220), t.Dp(396));
    const float levers_w = std::floor(menus * 0.51f);
    c.w = {levers_w, menus - levers_w, reps_w, traj_w, levels_w, c.stacked ? width - 2 * pad : t.Dp(150)};
    const std::vector<FlowPlace> places = Flow(std::vector<float>(c.w.begin(), c.w.end()), item_gap, c.stacked ? width - 2 * pad + 0.5f : FLT_MAX);
    for (std::size_t i = 0; i < c.w.size(); ++i) c.at[i] = ImVec2(places[i].x, static_cast<float>(places[i].row) * t.Dp(kControlsRowHeight));
    c.rows = places.back().row + 1;
    if (!c.stacked) c.at[5] = ImVec2(width - 2 * pad - c.w[5], 0.0f);  // the run button at the right
    return c;
}
}  // namespace

float SensitivityPanel::ControlsHeight(const Theme& theme, float width) {
    return theme.Dp(84) + static_cast<float>(FlowControls(theme, width).rows - 1) * theme.Dp(kControlsRowHeight);
}

// ---- [SECTION] controls ---------------------------------------------------------------------------
void SensitivityPanel::DrawControls(Ui& ui, ImVec2 p0, ImVec2 size, State state) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    ui.hooks.Record("Sens:controls", p0.x, p0.y, size.x, size.y);
    const float pad = t.Dp(16);
    const float cap_y0 = p0.y + t.Dp(12);
    const float ctl_h = t.Dp(36);
    const float item_gap = t.Dp(20);
    const ControlsFlow flow = FlowControls(t, size.x);
    // Each group at its place in the flow: x, and the caption's and the control's y.
    float x = p0.x + pad, cap_y = cap_y0, ctl_y = cap_y0 + FontSize(f.small) + t.Dp(8);
    auto place = [&](std::size_t i) {
        x = p0.x + pad + flow.at[i].x;
        cap_y = cap_y0 + flow.at[i].y;
        ctl_y = cap_y + FontSize(f.small) + t.Dp(8);
    };
    auto caption = [&](float at, const char* text) { DrawText(dl, f.small, ImVec2(at, cap_y), pal.text_muted, text); };
    const float levers_w = flow.w[0], outcomes_w = flow.w[1], reps_w = flow.w[2], traj_w = flow.w[3];
    (void)item_gap;

    // Levers: a menu of check boxes (every lever of the panel at first).
    const int n_levers = static_cast<int>(std::count(lever_on_.begin(), lever_on_.end(), true));
    {
        const float w = levers_w;
        place(0);
        caption(x, "Levers");
        const std::string text = n_levers == static_cast<int>(all_levers_.size()) ? "All " + std::to_string(n_levers) + " levers"
                                 : n_levers == 1 ? std::string(Info(all_levers_[static_cast<std::size_t>(std::find(lever_on_.begin(), lever_on_.end(), true) - lever_on_.begin())].id).label)
                                                 : std::to_string(n_levers) + " of " + std::to_string(all_levers_.size()) + " levers";
        ImGui::SetCursorScreenPos(ImVec2(x, ctl_y));
        SemNext().name = "Levers: " + text;
        SemNext().description = "Opens a list of the levers to study, each over its whole range.";
        SemNext().expanded = ImGui::IsPopupOpen("##sens_levers_menu") ? 1 : 0;
        if (DropButton(t, "##sens_levers", text, ImVec2(w, ctl_h))) ImGui::OpenPopup("##sens_levers_menu");
        ui.hooks.RecordLastItem("Sens:levers");
        if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("##sens_levers_menu"))
            Tooltip(t, "Levers to study", "Each is studied over its whole range, from the lowest to the highest value the model accepts.");
        ImGui::SetNextWindowPos(ImVec2(x, ctl_y + ctl_h + t.Dp(4)));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(10), t.Dp(10)));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(6), t.Dp(2)));
        if (ImGui::BeginPopup("##sens_levers_menu")) {
            PushPopupGroup("##sem_levers_menu", "Levers to study");
            const float mw = t.Dp(360);
            const float bw = (mw - t.Dp(6)) * 0.5f;
            SemNext().name = "All levers";
            if (Button(t, "##sens_levers_all", "All", Icon::None, ImVec2(bw, t.Dp(30)), false)) std::fill(lever_on_.begin(), lever_on_.end(), true);
            ui.hooks.RecordLastItem("Sens:levers:all");
            FocusOnOpen(SemKey("##sens_levers_all"));
            ImGui::SameLine();
            SemNext().name = "No lever";
            if (Button(t, "##sens_levers_none", "None", Icon::None, ImVec2(bw, t.Dp(30)), false))
                std::fill(lever_on_.begin(), lever_on_.end(), false);
            ui.hooks.RecordLastItem("Sens:levers:none");
            ImGui::Dummy(ImVec2(mw, t.Dp(4)));
            for (std::size_t i = 0; i < all_levers_.size(); ++i) {
                const LeverRange& l = all_levers_[i];
                const ParamInfo& info = Info(l.id);
                const std::string detail = LeverText(l.id, LeverValueAt(l, 0.0)) + kArrow + LeverText(l.id, LeverValueAt(l, 1.0));
                if (CheckRow(t, (std::string("##sens_lever_") + info.key).c_str(), info.label, detail, lever_on_[i], mw))
                    lever_on_[i] = !lever_on_[i];
                SemCheck(info.label, LeverText(l.id, LeverValueAt(l, 0.0)) + " to " + LeverText(l.id, LeverValueAt(l, 1.0)), lever_on_[i]);
                ui.hooks.RecordLastItem(std::string("Sens:lever:") + info.key);
            }
            SemPop();
            ImGui::EndPopup();
        }
        ImGui::PopStyleVar(2);
        x += w + item_gap;
    }

    // Outcomes: a menu of the key outcomes.
    const int n_outcomes = static_cast<int>(std::count(outcome_on_.begin(), outcome_on_.end(), true));
    {
        const float w = outcomes_w;
        place(1);
        caption(x, "Outcomes");
        std::string text = std::to_string(n_outcomes) + " outcomes";
        if (n_outcomes == 1)
            text = SeriesTable()[static_cast<std::size_t>(all_outcomes_[static_cast<std::size_t>(std::find(outcome_on_.begin(), outcome_on_.end(), true) - outcome_on_.begin())])].label;
        if (n_outcomes == 0) text = "No outcome";
        ImGui::SetCursorScreenPos(ImVec2(x, ctl_y));
        SemNext().name = "Outcomes: " + text;
        SemNext().description = "Opens a list of the outcomes to study.";
        SemNext().expanded = ImGui::IsPopupOpen("##sens_outcomes_menu") ? 1 : 0;
        if (DropButton(t, "##sens_outcomes", text, ImVec2(w, ctl_h))) ImGui::OpenPopup("##sens_outcomes_menu");
        ui.hooks.RecordLastItem("Sens:outcomes");
        ImGui::SetNextWindowPos(ImVec2(x, ctl_y + ctl_h + t.Dp(4)));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(10), t.Dp(10)));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(6), t.Dp(2)));
        if (ImGui::BeginPopup("##sens_outcomes_menu")) {
            PushPopupGroup("##sem_outcomes_menu", "Outcomes to study");
            for (std::size_t i = 0; i < all_outcomes_.size(); ++i) {
                const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(all_outcomes_[i])];
                if (CheckRow(t, (std::string("##sens_outcome_") + info.key).c_str(), info.label, UnitWords(info.id), outcome_on_[i], t.Dp(300)))
                    outcome_on_[i] = !outcome_on_[i];
                SemCheck(info.label, UnitWords(info.id), outcome_on_[i]);
                if (i == 0) FocusOnOpen(SemKey((std::string("##sens_outcome_") + info.key).c_str()));
                ui.hooks.RecordLastItem(std::string("Sens:outcome:") + info.key);
            }
            SemPop();
            ImGui::EndPopup();
        }
        ImGui::PopStyleVar(2);
        x += w + item_gap;
    }

    // Sizes: replications per point and Morris trajectories (typed), grid levels (even: buttons).
    auto number_field = [&](std::size_t slot, const char* cap, const char* id, const char* name, int* value, int lo, int hi, float w,
                            const char* tip) {
        place(slot);
        caption(x, cap);
        const float fh = ImGui::GetFrameHeight();
        ImGui::SetCursorScreenPos(ImVec2(x, ctl_y + (ctl_h - fh) * 0.5f));
        ImGui::SetNextItemWidth(std::min(w, t.Dp(96)));
        ImGui::PushFont(f.body);
        ImGui::InputInt(id, value, 0, 0);
        {
            SemNode box;
            box.value = std::to_string(*value);
            box.description = tip;
            SemItem(SemRole::TextBox, cap, box);
        }
        ImGui::PopFont();
        ui.hooks.RecordLastItem(name);
        if (!ImGui::IsItemActive()) *value = std::clamp(*value, lo, hi);
        if (ImGui::IsItemHovered()) Tooltip(t, cap, tip);
        x += w + item_gap;
    };
    number_field(2, "Replications per point", "##sens_reps", "Sens:replications", &replications_, kSensMinReplications, kSensMaxReplications,
                 reps_w, "Runs of every design point with replications 0..R\xE2\x88\x92" "1 of the scenario's seed (common random numbers); "
                           "R more at each trajectory's start measure the replication noise.");
    number_field(3, "Trajectories r", "##sens_traj", "Sens:trajectories", &trajectories_, kSensMinTrajectories, kSensMaxTrajectories, traj_w,
                 "Morris: random paths across the grid, each moving every lever once. More paths, steadier \xCE\xBC* and \xCF\x83.");
    {
        place(4);
        caption(x, "Levels p");
        const float bw = t.Dp(38);
        SemPush("##sem_sens_levels", SemRole::RadioGroup, "Grid levels p", ImVec2(x, ctl_y),
                ImVec2(x + static_cast<float>(std::size(kLevelChoices)) * (bw + t.Dp(4)), ctl_y + ctl_h));
        for (const int p : kLevelChoices) {
            ImGui::SetCursorScreenPos(ImVec2(x, ctl_y));
            const std::string id = "##sens_levels" + std::to_string(p);
            if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Radio);
            SemNext().name = std::to_string(p) + " levels";
            SemNext().description = "Morris: each lever takes p evenly spaced values across its range.";
            if (ToggleButton(t, id.c_str(), std::to_string(p).c_str(), Icon::None, ImVec2(bw, ctl_h), levels_ == p)) levels_ = p;
            ui.hooks.RecordLastItem("Sens:levels:" + std::to_string(p));
            if (ImGui::IsItemHovered())
                Tooltip(t, "Grid levels p", "Morris: each lever takes p evenly spaced values across its range; a step moves it by p / (2(p \xE2\x88\x92 1)) of the range.");
            x += bw + t.Dp(4);
        }
        SemPop();
        x += item_gap - t.Dp(4);
    }

    // Run (and Cancel while it runs), with the study's size.
    const SensitivityOptions o = Options(ui);
    const long long k = static_cast<long long>(o.levers.size());
    const long long scenarios = (1 + 2 * k) + static_cast<long long>(o.trajectories) * (k + 1) + o.trajectories;
    const long long runs = scenarios * o.replications;
    const int weeks = ui.ws.Empty() ? 0 : ui.ws.ActiveScenario().horizon_weeks;
    ui.hooks.Value("sens.runs", static_cast<double>(runs));
    ui.hooks.Value("sens.levers", static_cast<double>(n_levers));
    ui.hooks.Value("sens.outcomes", static_cast<double>(n_outcomes));
    ui.hooks.Value("sens.replications", o.replications);
    ui.hooks.Value("sens.trajectories", o.trajectories);
    ui.hooks.Value("sens.levels", o.levels);
    const bool running = state == State::Running || state == State::Waiting;
    place(5);
    const float run_w = flow.w[5];
    const float right = x + run_w;
    const std::string size_text = Thousands(runs) + " runs of " + std::to_string(weeks) + " weeks";
    DrawTextRight(dl, f.small, right, cap_y, pal.text_muted, size_text.c_str());
    SemAt("##sem_sens_size", SemRole::Text, "Study size: " + size_text, ImVec2(right - TextSize(f.small, size_text.c_str()).x, cap_y),
          ImVec2(right, cap_y + FontSize(f.small)));
    ImGui::SetCursorScreenPos(ImVec2(right - run_w, ctl_y));
    if (running) {  // the button's place says how to stop it
        SemNext().description = "Stops its runs at once; nothing of it is shown.";
        if (Button(t, "##sens_cancel", "Cancel study", Icon::Close, ImVec2(run_w, ctl_h), false)) ui.runner.CancelAnalysis();
        ui.hooks.RecordLastItem("Sens:cancel");
        if (ImGui::IsItemHovered()) Tooltip(t, "Cancel the study", "Stops its runs at once; nothing of it is shown.");
        return;
    }
    const char* run_label = state == State::Stale || state == State::Done || state == State::Cancelled ? "Run again" : "Run study";
    const bool can_run = n_levers > 0 && n_outcomes > 0 && !ui.ws.Empty();
    SemNext().description = !can_run ? "Pick at least one lever and one outcome."
                                     : "Runs after the scenario's replications, on the same workers; the numbers equal orgsim sensitivity "
                                       "with the same settings.";
    if (Button(t, "##sens_run", run_label, Icon::Play, ImVec2(run_w, ctl_h), true, can_run)) Start(ui);
    ui.hooks.RecordLastItem("Sens:run");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip(t, "Run the study", !can_run ? "Pick at least one lever and one outcome."
                                             : "It runs after the scenario's replications, on the same workers; the numbers equal "
                                               "`orgsim sensitivity` with the same settings.");
}

// ---- [SECTION] before the result ------------------------------------------------------------------
void SensitivityPanel::DrawIntro(Ui& ui, ImVec2 p0, ImVec2 size, State state) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    const float pad = t.Dp(28);
    const float w = std::min(size.x - 2 * pad, t.Dp(860));
    const float x = p0.x + pad;
    float y = p0.y + pad;
    std::string head, body;
    switch (state) {
        case State::Waiting:
            head = std::string("Waiting for the replications") + kEllipsis;
            body = "The study starts as soon as the scenario's own replications are done, on the same workers.";
            break;
        case State::Running: head = std::string("Running the study") + kEllipsis; break;
        case State::Stale:
            head = "The scenario changed while the study ran";
            body = "It was stopped: its numbers would describe the scenario as it was. Press Run again to study the scenario as it is now.";
            break;
        case State::Cancelled:
            head = "The study was cancelled";
            body = "It stopped before every run was done, so there is nothing to show. Press Run again to start it over.";
            break;
        case State::Error:
            head = "The study could not finish";
            body = error_;
            break;
        default: head = "Which levers matter most?"; break;
    }
    if (state == State::Idle || state == State::Running) {
        const SensitivityOptions o = Options(ui);
        body = "Two stages, each with the same random numbers as the scenario. First a tornado: every lever on its own at the low and "
               "at the high end of its range, against the scenario as it is. Then Morris elementary effects: " +
               std::to_string(o.trajectories) + " random paths across a " + std::to_string(o.levels) +
               "-level grid of all the chosen levers, so that effects that depend on the other levers show up too (\xCF\x83). "
               "A lever whose effect \xCE\xBC* is not above the replication noise cannot be told from luck with " +
               std::to_string(o.replications) + " replications per point.";
    }
    DrawText(dl, f.heading, ImVec2(x, y), state == State::Error ? pal.danger : pal.text, head.c_str());
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_sens_intro_head", SemRole::Heading, head, ImVec2(x, y), ImVec2(x + TextSize(f.heading, head.c_str()).x, y + FontSize(f.heading)),
              heading);
    }
    y += FontSize(f.heading) + t.Dp(12);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushFont(f.body);
    ImGui::PushTextWrapPos(x + w - ImGui::GetWindowPos().x);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.text_muted));
    ImGui::TextUnformatted(body.c_str());
    if (!body.empty()) SemAt("##sem_sens_intro_body", SemRole::Text, body, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ui.hooks.Text("sens.intro", head + " " + body);
    y = ImGui::GetCursorScreenPos().y + t.Dp(16);
    // What the study will show: the two charts in miniature, each with what to read in it.
    const float cards_h = std::min(t.Dp(240), p0.y + size.y - pad - (y + t.Dp(24)));
    if (cards_h >= t.Dp(170)) {
        const float cy0 = p0.y + size.y - pad - cards_h, cgap = t.Dp(16);
        const float cw = std::min((size.x - 2 * pad - cgap) * 0.5f, t.Dp(520));
        const char* titles[2] = {"1  Tornado: one lever at a time", "2  Morris: all levers together"};
        const char* texts[2] = {"Bars from the scenario to each end of a lever's range; whiskers: 90% interval. The longest bar moves the outcome most.",
                                "\xCE\xBC*: how much a lever matters anywhere on the grid; \xCF\x83 (the diamond): how much that depends on the other levers. "
                                "Inside the grey band a lever cannot be told from noise."};
        for (int c = 0; c < 2; ++c) {
            const float cx = x + (cw + cgap) * static_cast<float>(c);
            dl->AddRectFilled(ImVec2(cx, cy0), ImVec2(cx + cw, cy0 + cards_h), pal.card, t.Dp(10));
            dl->AddRect(ImVec2(cx, cy0), ImVec2(cx + cw, cy0 + cards_h), pal.card_border, t.Dp(10));
            const float ip = t.Dp(16);
            DrawText(dl, f.label, ImVec2(cx + ip, cy0 + ip), pal.text, titles[c]);
            ImGui::SetCursorScreenPos(ImVec2(cx + ip, cy0 + ip + FontSize(f.label) + t.Dp(6)));
            ImGui::PushFont(f.small);
            ImGui::PushTextWrapPos(cx + cw - ip - ImGui::GetWindowPos().x);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.text_muted));
            ImGui::TextUnformatted(texts[c]);
            // The card in words (its sketch is an illustration with made-up lengths).
            SemAt(titles[c], SemRole::Text, std::string(c == 0 ? "Stage 1, tornado: one lever at a time. " : "Stage 2, Morris: all levers together. ") +
                                                texts[c],
                  ImVec2(cx, cy0), ImVec2(cx + cw, cy0 + cards_h));
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            ImGui::PopFont();
            const float sy = ImGui::GetCursorScreenPos().y + t.Dp(10);
            Sketch(t, dl, ImVec2(cx + ip, sy), ImVec2(cx + cw - ip, cy0 + cards_h - ip), c == 0);
        }
    }
    if (state == State::Running && study_) {
        const float bw = std::min(w, t.Dp(560)), bh = t.Dp(8);
        const double frac = std::clamp(ui.runner.AnalysisProgress(), 0.0, 1.0);
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + bw, y + bh), pal.track, bh * 0.5f);
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + std::max(bh, bw * static_cast<float>(frac)), y + bh), pal.accent, bh * 0.5f);
        const long long total = study_->Runs();
        const std::string txt = Thousands(static_cast<long long>(std::floor(frac * static_cast<double>(total)))) + " of " +
                                Thousands(total) + " runs";
        DrawText(dl, f.small, ImVec2(x + bw + t.Dp(12), y + bh * 0.5f - FontSize(f.small) * 0.5f), pal.text_muted, txt.c_str());
        SemAt("##sem_sens_intro_progress", SemRole::Text, "Progress: " + txt, ImVec2(x, y - t.Dp(4)),
              ImVec2(x + bw + t.Dp(12) + TextSize(f.small, txt.c_str()).x, y + bh + t.Dp(4)));
    }
}

// ---- [SECTION] result -----------------------------------------------------------------------------
void SensitivityPanel::DrawResult(Ui& ui, ImVec2 p0, ImVec2 size, State state) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int n_out = static_cast<int>(result_.outcomes.size());
    int out = static_cast<int>(std::find(result_.outcomes.begin(), result_.outcomes.end(), shown_) - result_.outcomes.begin());
    if (out >= n_out) out = 0;
    float y = p0.y;

    // Outcome tabs on the left; Export on the right.
    const float th = t.Dp(34);
    float x = p0.x;
    const float export_w = t.Dp(164);
    SemPush("##sem_sens_outcomes", SemRole::TabList, "Outcome shown", ImVec2(x, y), ImVec2(p0.x + size.x - export_w - t.Dp(16), y + th));
    for (int i = 0; i < n_out; ++i) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(result_.outcomes[static_cast<std::size_t>(i)])];
        const float w = TextSize(f.label, info.label).x + t.Dp(28);
        if (x + w > p0.x + size.x - export_w - t.Dp(16)) break;  // as many as fit
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (Semantics* sem = ActiveSemantics()) sem->NextRole(SemRole::Tab);
        if (ToggleButton(t, (std::string("##sens_show_") + info.key).c_str(), info.label, Icon::None, ImVec2(w, th), i == out)) {
            shown_ = info.id;
            out = i;
        }
        ui.hooks.RecordLastItem(std::string("Sens:show:") + info.key);
        x += w + t.Dp(6);
    }
    SemPop();
    ImGui::SetCursorScreenPos(ImVec2(p0.x + size.x - export_w, y));
    SemNext().name = "Export CSV";
    SemNext().description = "Opens a menu: the study's design and results as files for SALib and spreadsheets.";
    SemNext().expanded = ImGui::IsPopupOpen("##sens_export_menu") ? 1 : 0;
    if (DropButton(t, "##sens_export", "Export CSV", ImVec2(export_w, th), Icon::Download)) ImGui::OpenPopup("##sens_export_menu");
    ui.hooks.RecordLastItem("Sens:export");
    ImGui::SetNextWindowPos(ImVec2(p0.x + size.x - t.Dp(330), y + th + t.Dp(4)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(10), t.Dp(10)));
    if (ImGui::BeginPopup("##sens_export_menu")) {
        const std::string base = Slug(run_name_) + "_sensitivity";
        struct Item {
            const char* key;
            const char* label;
            const char* detail;
            std::string file, mime, data;
        };
        const Item items[] = {
            {"problem", "SALib problem", "name, lower and upper bound of each lever", base + "_problem.txt", "text/plain", SalibProblem(result_)},
            {"design", "Design with model outputs", "one row per design point, natural units", base + "_design.csv", "text/csv", SalibDesignCsv(result_)},
            {"morris", "Morris results", "\xCE\xBC, \xCE\xBC*, \xCF\x83 and \xCE\xBC* confidence per outcome, with the noise", base + "_morris.csv", "text/csv",
             SalibMorrisCsv(result_)},
            {"tornado", "Tornado", "paired differences at both ends, 90% intervals", base + "_tornado.csv", "text/csv", TornadoCsv(result_)},
        };
        PushPopupGroup("##sem_export_menu", "Export CSV", SemRole::Menu);
        for (const Item& it : items) {
            const ImVec2 a = ImGui::GetCursorScreenPos();
            const float iw = t.Dp(310), ih = t.Dp(46);
            if (ImGui::InvisibleButton((std::string("##sens_export_") + it.key).c_str(), ImVec2(iw, ih))) {
                if (ui.download) ui.download(it.file, it.mime, it.data);
                ui.hooks.Text("sens.last_export", it.file);
                ImGui::CloseCurrentPopup();
            }
            {
                SemNode item;
                item.description = std::string(it.detail) + "; file " + it.file;
                SemItem(SemRole::MenuItem, it.label, item);
                if (&it == &items[0]) FocusOnOpen(SemKey((std::string("##sens_export_") + it.key).c_str()));
            }
            ui.hooks.RecordLastItem(std::string("Sens:export:") + it.key);
            ImDrawList* pdl = ImGui::GetWindowDrawList();
            if (ImGui::IsItemHovered()) {
                pdl->AddRectFilled(a, ImVec2(a.x + iw, a.y + ih), pal.control_hover, t.Dp(6));
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            }
            const float ty = a.y + (ih - FontSize(f.label) - FontSize(f.small) - t.Dp(3)) * 0.5f;
            DrawText(pdl, f.label, ImVec2(a.x + t.Dp(10), ty), pal.text, it.label);
            DrawTextRight(pdl, f.small, a.x + iw - t.Dp(10), ty + t.Dp(1), pal.text_faint, it.file.substr(base.size() + 1).c_str());
            DrawText(pdl, f.small, ImVec2(a.x + t.Dp(10), ty + FontSize(f.label) + t.Dp(3)), pal.text_muted, it.detail);
        }
        SemPop();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
    y += th + t.Dp(12);

    // Out of date: still shown, but said to be of the scenario as it was.
    if (state == State::Stale) {
        const char* note = "The scenario changed since this study: these numbers describe it as it was. Press Run again for a current study.";
        DrawIcon(t, dl, Icon::Warning, ImVec2(p0.x + t.Dp(8), y + FontSize(f.label) * 0.5f), t.Dp(14), pal.danger, pal.card);
        DrawText(dl, f.label, ImVec2(p0.x + t.Dp(24), y), pal.danger, Ellipsize(f.label, note, size.x - t.Dp(24)).c_str());
        SemAt("##sem_sens_stale", SemRole::Text, note, ImVec2(p0.x, y), ImVec2(p0.x + size.x, y + FontSize(f.label)));
        ui.hooks.Text("sens.stale", note);
        y += FontSize(f.label) + t.Dp(10);
    }

    // The plain sentence: the top lever(s) for this outcome, and what is within the noise.
    const SeriesId id = result_.outcomes[static_cast<std::size_t>(out)];
    const OutcomeStyle& st = StyleOf(id);
    std::string sentence;
    if (!result_.tornado.empty() && !result_.tornado[static_cast<std::size_t>(out)].empty()) {
        const auto& bars = result_.tornado[static_cast<std::size_t>(out)];
        const TornadoBar& b = bars.front();
        const ParamId pid = result_.levers[static_cast<std::size_t>(b.lever)].id;
        const bool clear = b.low_lo > 0.0 || b.low_hi < 0.0 || b.high_lo > 0.0 || b.high_hi < 0.0;
        if (!clear) {
            sentence = "No lever clearly moves " + std::string(st.noun) + " on its own with " + std::to_string(result_.replications) +
                       " replications per point.";
        } else {
            sentence = std::string(Info(pid).label) + " matters most for " + st.noun + ": " + FormatDifference(id, b.low_mean) + " at " +
                       LeverText(pid, b.low_value) + ", " + FormatDifference(id, b.high_mean) + " at " + LeverText(pid, b.high_value) +
                       " against the scenario as it is";
            if (bars.size() > 1) {
                sentence += "; next: " + std::string(Info(result_.levers[static_cast<std::size_t>(bars[1].lever)].id).label);
                if (bars.size() > 2) sentence += ", then " + std::string(Info(result_.levers[static_cast<std::size_t>(bars[2].lever)].id).label);
            }
            sentence += ".";
        }
    }
    if (!result_.morris.empty()) {
        const MorrisResult& m = result_.morris[static_cast<std::size_t>(out)];
        int within = 0;
        for (std::size_t i = 0; i < m.mu_star_hi.size(); ++i)
            if (m.mu_star_hi[i] <= result_.noise[static_cast<std::size_t>(out)]) ++within;
        if (within > 0)
            sentence += " In Morris, " + std::to_string(within) + " of " + std::to_string(m.mu_star.size()) + (m.mu_star.size() == 1 ? " lever does" : " levers do") +
                        " not stand out from the replication noise.";
    }
    {
        ImGui::SetCursorScreenPos(ImVec2(p0.x, y));
        ImGui::PushFont(f.body);
        ImGui::PushTextWrapPos(p0.x + size.x - ImGui::GetWindowPos().x);
        ImGui::TextUnformatted(sentence.c_str());
        if (!sentence.empty()) SemAt("##sem_sens_sentence", SemRole::Text, sentence, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        ui.hooks.Text("sens.sentence", sentence);
        y = ImGui::GetCursorScreenPos().y + t.Dp(8);
    }

    // The two charts side by side.
    const float gap = t.Dp(14);
    const float bottom = p0.y + size.y;
    const float tw = std::floor((size.x - gap) * 0.53f);
    DrawTornado(ui, ImVec2(p0.x, y), ImVec2(tw, bottom - y), out);
    DrawMorris(ui, ImVec2(p0.x + tw + gap, y), ImVec2(size.x - tw - gap, bottom - y), out);
    ui.hooks.Text("sens.shown", SeriesTable()[static_cast<std::size_t>(id)].key);
}

// ---- [SECTION] tornado ----------------------------------------------------------------------------
void SensitivityPanel::DrawTornado(Ui& ui, ImVec2 p0, ImVec2 size, int out) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    ui.hooks.Record("Sens:tornado", p0.x, p0.y, size.x, size.y);
    if (result_.tornado.empty()) return;
    const SeriesId id = result_.outcomes[static_cast<std::size_t>(out)];
    const double scale = StyleOf(id).scale;
    const auto& bars = result_.tornado[static_cast<std::size_t>(out)];
    const float pad = t.Dp(16);
    const float x0 = p0.x + pad, w = size.x - 2 * pad;
    float y = ChartHeader(t, dl, ImVec2(x0, p0.y + pad * 0.85f), w, "Tornado: one lever at a time",
                          UnitWords(id) + kMiddot + "mean paired difference against the scenario" + kMiddot + std::to_string(result_.replications) +
                              " replications");
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_tornado_title", SemRole::Heading, "Tornado: one lever at a time", ImVec2(x0, p0.y + pad * 0.85f),
              ImVec2(x0 + w, p0.y + pad * 0.85f + FontSize(f.heading)), heading);
    }
    // Legend.
    y += t.Dp(8);
    {
        float lx = x0;
        LegendItem(t, dl, &lx, &y, x0, x0 + w, "Low end of range", [&](ImVec2 a, ImVec2 b) { dl->AddRectFilled(a, b, LowColour(t), t.Dp(2)); });
        LegendItem(t, dl, &lx, &y, x0, x0 + w, "High end", [&](ImVec2 a, ImVec2 b) { dl->AddRectFilled(a, b, HighColour(t), t.Dp(2)); });
        LegendItem(t, dl, &lx, &y, x0, x0 + w, "90% interval", [&](ImVec2 a, ImVec2 b) {
            Whisker(dl, a.x + t.Dp(2), b.x - t.Dp(2), (a.y + b.y) * 0.5f, t.Dp(4), pal.text, t.Dp(1.5f));
        });
    }
    y += 2 * FontSize(f.small) + t.Dp(20);  // the legend, then the column labels over the rows

    const float axis_h = 2 * FontSize(f.small) + t.Dp(14);
    const float top = y, bottom = p0.y + size.y - pad * 0.7f - axis_h;
    const int rows = std::max<int>(1, static_cast<int>(bars.size()));
    const float row_h = std::clamp((bottom - top) / static_cast<float>(rows), t.Dp(16), t.Dp(52));
    const bool two_lines = row_h >= t.Dp(38);
    const float label_w = std::clamp(w * 0.34f, t.Dp(130), t.Dp(250));
    const float swing_w = t.Dp(64);
    // Domain: every mean and interval, and zero (the scenario), in display units.
    double lo = 0.0, hi = 0.0;
    for (const TornadoBar& b : bars)
        for (const double v : {b.low_mean, b.low_lo, b.low_hi, b.high_mean, b.high_lo, b.high_hi})
            if (std::isfinite(v)) {
                lo = std::min(lo, v * scale);
                hi = std::max(hi, v * scale);
            }
    const float bar_x0 = x0 + label_w + t.Dp(12), bar_x1 = x0 + w - swing_w - t.Dp(6);
    const Axis axis = MakeAxis(lo, hi, bar_x0, bar_x1, std::clamp(static_cast<int>((bar_x1 - bar_x0) / t.Dp(70)), 2, 8));
    const float rows_bottom = top + row_h * static_cast<float>(rows);
    DrawAxis(t, dl, axis, id, top - t.Dp(4), rows_bottom + t.Dp(2), "difference against the scenario, " + UnitWords(id), true);
    DrawTextRight(dl, f.small, x0 + w, top - t.Dp(4) - FontSize(f.small) - t.Dp(2), pal.text_faint, "swing");
    // The chart in words for assistive technology: every lever's two ends and its swing (each row and
    // the data table below add the 90% intervals).
    const std::string outcome = SeriesTable()[static_cast<std::size_t>(id)].label;
    const std::string unit = UnitWords(id);
    auto interval = [&](double lo_v, double hi_v) { return "[" + FormatDifference(id, lo_v) + ", " + FormatDifference(id, hi_v) + "]"; };
    if (ActiveSemantics()) {
        std::string text = "Tornado chart for " + outcome + (unit.empty() ? "" : ", " + unit) +
                           ": mean paired difference against the scenario at the low and the high end of each lever's range, " +
                           std::to_string(result_.replications) + " replications; largest swing first.";
        for (const TornadoBar& b : bars) {
            const ParamId pid = result_.levers[static_cast<std::size_t>(b.lever)].id;
            text += std::string(" ") + Info(pid).label + ": " + FormatDifference(id, b.low_mean) + " at " + LeverText(pid, b.low_value) + ", " +
                    FormatDifference(id, b.high_mean) + " at " + LeverText(pid, b.high_value) + ", swing " + Magnitude(id, b.Swing()) + ".";
        }
        SemAt("##sem_tornado", SemRole::Image, text, ImVec2(x0, top), ImVec2(x0 + w, rows_bottom + axis_h));
    }

    const float X0 = axis.X(0.0);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const TornadoBar& b = bars[i];
        const LeverRange& l = result_.levers[static_cast<std::size_t>(b.lever)];
        const ParamInfo& info = Info(l.id);
        const float ry = top + row_h * static_cast<float>(i), cy = ry + row_h * 0.5f;
        if (i % 2 == 1) dl->AddRectFilled(ImVec2(x0 - t.Dp(6), ry), ImVec2(x0 + w + t.Dp(6), ry + row_h), WithAlpha(pal.grid, 0.35f), t.Dp(4));
        // Label: the lever, and the values at its two ends.
        const std::string ends = LeverText(l.id, b.low_value) + kArrow + LeverText(l.id, b.high_value);
        if (two_lines) {
            const float ty = cy - (FontSize(f.label) + FontSize(f.small) + t.Dp(2)) * 0.5f;
            DrawText(dl, f.label, ImVec2(x0, ty), pal.text, Ellipsize(f.label, info.label, label_w).c_str());
            DrawText(dl, f.small, ImVec2(x0, ty + FontSize(f.label) + t.Dp(2)), pal.text_muted, Ellipsize(f.small, ends, label_w).c_str());
        } else {
            DrawText(dl, f.label, ImVec2(x0, cy - FontSize(f.label) * 0.5f), pal.text, Ellipsize(f.label, info.label, label_w).c_str());
        }
        // Bars from the scenario (zero) to each end's mean; the shorter drawn inside the longer when
        // both ends move the outcome the same way.
        const float bh = std::min(row_h * 0.64f, t.Dp(26));
        const float xl = axis.X(b.low_mean * scale), xh = axis.X(b.high_mean * scale);
        const bool same_side = (b.low_mean >= 0.0) == (b.high_mean >= 0.0);
        auto bar = [&](float xe, ImU32 c, float hh) {
            dl->AddRectFilled(ImVec2(std::min(X0, xe), cy - hh * 0.5f), ImVec2(std::max(X0, xe), cy + hh * 0.5f), c, t.Dp(3));
        };
        if (same_side && std::fabs(xl - X0) < std::fabs(xh - X0)) {
            bar(xh, HighColour(t), bh);
            bar(xl, LowColour(t), bh * 0.5f);
        } else if (same_side) {
            bar(xl, LowColour(t), bh);
            bar(xh, HighColour(t), bh * 0.5f);
        } else {
            bar(xl, LowColour(t), bh);
            bar(xh, HighColour(t), bh);
        }
        const float cap = std::max(t.Dp(3), bh * 0.18f);
        Whisker(dl, axis.X(b.low_lo * scale), axis.X(b.low_hi * scale), cy - bh * 0.16f, cap, pal.text, t.Dp(1.5f));
        Whisker(dl, axis.X(b.high_lo * scale), axis.X(b.high_hi * scale), cy + bh * 0.16f, cap, pal.text, t.Dp(1.5f));
        const std::string swing = Magnitude(id, b.Swing());
        DrawTextRight(dl, f.label, x0 + w, cy - FontSize(f.label) * 0.5f, pal.text, swing.c_str());
        // Hover: both ends in words.
        ImGui::SetCursorScreenPos(ImVec2(x0, ry));
        ImGui::InvisibleButton((std::string("##sens_trow_") + info.key).c_str(), ImVec2(w, row_h));
        // The row in words (what its hover card says), where it is drawn.
        SemItem(SemRole::Text, std::string(info.label) + ": at " + LeverText(l.id, b.low_value) + ", " + FormatDifference(id, b.low_mean) + " " +
                                   interval(b.low_lo, b.low_hi) + "; at " + LeverText(l.id, b.high_value) + ", " +
                                   FormatDifference(id, b.high_mean) + " " + interval(b.high_lo, b.high_hi) + "; swing " + swing + ".");
        ui.hooks.RecordLastItem(std::string("Sens:tornado:row:") + info.key);
        if (ImGui::IsItemHovered()) {
            const std::string body = "At " + LeverText(l.id, b.low_value) + ": " + FormatDifference(id, b.low_mean) + " [" +
                                     FormatDifference(id, b.low_lo) + ", " + FormatDifference(id, b.low_hi) + "]\nAt " +
                                     LeverText(l.id, b.high_value) + ": " + FormatDifference(id, b.high_mean) + " [" +
                                     FormatDifference(id, b.high_lo) + ", " + FormatDifference(id, b.high_hi) + "]\n" +
                                     "Mean paired difference against the scenario as it is, with its 90% interval.";
            Tooltip(t, info.label + std::string(kMiddot) + ends, body);
        }
    }
    if (!ActiveSemantics()) return;
    // The data table (read, not shown).
    SemPush("##sem_tornado_table", SemRole::Table, "Tornado for " + outcome + ", data");
    SemPush("##sem_tornado_head", SemRole::Row, "");
    {
        const char* heads[] = {"Lever", "Low end", "Difference at the low end", "90% interval", "High end", "Difference at the high end",
                               "90% interval", "Swing"};
        for (std::size_t c = 0; c < std::size(heads); ++c)
            SemAt(("##sem_tornado_h" + std::to_string(c)).c_str(), SemRole::ColumnHeader, heads[c], ImVec2(0, 0), ImVec2(0, 0));
    }
    SemPop();
    for (const TornadoBar& b : bars) {
        const ParamId pid = result_.levers[static_cast<std::size_t>(b.lever)].id;
        const std::string row = std::string("##sem_tornado_r_") + Info(pid).key;
        SemPush(row.c_str(), SemRole::Row, "");
        const std::string cells[] = {Info(pid).label,
                                     LeverText(pid, b.low_value),
                                     FormatDifference(id, b.low_mean),
                                     interval(b.low_lo, b.low_hi),
                                     LeverText(pid, b.high_value),
                                     FormatDifference(id, b.high_mean),
                                     interval(b.high_lo, b.high_hi),
                                     Magnitude(id, b.Swing())};
        for (std::size_t c = 0; c < std::size(cells); ++c)
            SemAt((row + "c" + std::to_string(c)).c_str(), SemRole::Cell, cells[c], ImVec2(0, 0), ImVec2(0, 0));
        SemPop();
    }
    SemPop();
}

// ---- [SECTION] Morris -----------------------------------------------------------------------------
void SensitivityPanel::DrawMorris(Ui& ui, ImVec2 p0, ImVec2 size, int out) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    ui.hooks.Record("Sens:morris", p0.x, p0.y, size.x, size.y);
    if (result_.morris.empty()) return;
    const SeriesId id = result_.outcomes[static_cast<std::size_t>(out)];
    const double scale = StyleOf(id).scale;
    const MorrisResult& m = result_.morris[static_cast<std::size_t>(out)];
    const double noise = result_.noise[static_cast<std::size_t>(out)], noise_conf = result_.noise_conf[static_cast<std::size_t>(out)];
    const float pad = t.Dp(16);
    const float x0 = p0.x + pad, w = size.x - 2 * pad;
    const std::string sub = UnitWords(id) + " per move across a lever's range" + kMiddot + std::to_string(run_trajectories_) +
                            " trajectories, " + std::to_string(run_levels_) + " levels";
    float y = ChartHeader(t, dl, ImVec2(x0, p0.y + pad * 0.85f), w, "Morris: all levers together", sub);
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_morris_title", SemRole::Heading, "Morris: all levers together", ImVec2(x0, p0.y + pad * 0.85f),
              ImVec2(x0 + w, p0.y + pad * 0.85f + FontSize(f.heading)), heading);
    }
    const ImU32 bar_colour = pal.accent, weak_colour = Mix(pal.accent, pal.track, 0.6f);
    const ImU32 noise_fill = WithAlpha(pal.text_muted, 0.16f), noise_line = WithAlpha(pal.text_muted, 0.75f);
    auto diamond = [&](ImVec2 c, float r, ImU32 col) {
        dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), pal.card);
        dl->AddQuad(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), col, t.Dp(1.8f));
    };
    y += t.Dp(8);
    {
        float lx = x0;
        LegendItem(t, dl, &lx, &y, x0, x0 + w, "\xCE\xBC* importance, 90% interval",
                   [&](ImVec2 a, ImVec2 b) { dl->AddRectFilled(a, b, bar_colour, t.Dp(2)); });
        LegendItem(t, dl, &lx, &y, x0, x0 + w, "\xCF\x83 interactions",
                   [&](ImVec2 a, ImVec2 b) { diamond(ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), t.Dp(5), pal.ink); });
        LegendItem(t, dl, &lx, &y, x0, x0 + w, "replication noise", [&](ImVec2 a, ImVec2 b) {
            dl->AddRectFilled(a, b, noise_fill, t.Dp(2));
            dl->AddLine(ImVec2(b.x - 1, a.y), ImVec2(b.x - 1, b.y), noise_line, t.Dp(1.5f));
        });
    }
    y += 2 * FontSize(f.small) + t.Dp(20);  // the legend, then the column labels over the rows

    // Rows: levers by mu*, then the noise's own bar.
    std::vector<std::size_t> order(m.mu_star.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m.mu_star[a] > m.mu_star[b]; });
    const float axis_h = 2 * FontSize(f.small) + t.Dp(14);
    const float top = y, bottom = p0.y + size.y - pad * 0.7f - axis_h;
    const int rows = static_cast<int>(order.size()) + 1;
    const float row_h = std::clamp((bottom - top) / static_cast<float>(rows), t.Dp(16), t.Dp(52));
    const float label_w = std::clamp(w * 0.34f, t.Dp(120), t.Dp(230));
    const float value_w = t.Dp(64);
    double hi = noise + noise_conf;
    for (std::size_t i = 0; i < order.size(); ++i) hi = std::max({hi, m.mu_star_hi[i], m.mu_star[i], m.sigma[i]});
    const float bar_x0 = x0 + label_w + t.Dp(12), bar_x1 = x0 + w - value_w - t.Dp(6);
    const Axis axis = MakeAxis(0.0, std::max(hi * scale, 1e-12), bar_x0, bar_x1, std::clamp(static_cast<int>((bar_x1 - bar_x0) / t.Dp(70)), 2, 8));
    const float rows_bottom = top + row_h * static_cast<float>(rows);
    DrawAxis(t, dl, axis, id, top - t.Dp(4), rows_bottom + t.Dp(2), std::string("mean |elementary effect| \xCE\xBC*, ") + UnitWords(id), false);
    DrawTextRight(dl, f.small, x0 + w, top - t.Dp(4) - FontSize(f.small) - t.Dp(2), pal.text_faint, "\xCE\xBC*");
    // The noise band behind every row: an effect inside it cannot be told from luck at this R.
    const float xn = axis.X(noise * scale);
    dl->AddRectFilled(ImVec2(axis.X(0.0), top - t.Dp(4)), ImVec2(xn, rows_bottom), noise_fill);
    for (float yy = top - t.Dp(4); yy < rows_bottom; yy += t.Dp(7))  // dashed edge
        dl->AddLine(ImVec2(xn, yy), ImVec2(xn, std::min(rows_bottom, yy + t.Dp(4))), noise_line, t.Dp(1.5f));
    DrawText(dl, f.small, ImVec2(xn + t.Dp(4), top - t.Dp(4) - FontSize(f.small) - t.Dp(2)), pal.text_muted, "noise");
    // The chart in words for assistive technology: the noise, then every lever by mu*.
    const std::string outcome = SeriesTable()[static_cast<std::size_t>(id)].label;
    auto range = [&](std::size_t i) { return "[" + Magnitude(id, m.mu_star_lo[i]) + ", " + Magnitude(id, m.mu_star_hi[i]) + "]"; };
    const std::string noise_words = "replication noise " + Magnitude(id, noise) + " (95% interval \xC2\xB1" + Magnitude(id, noise_conf) + ")";
    if (ActiveSemantics()) {
        std::string text = "Morris chart for " + outcome + ": " + Spoken(sub) + ". Bars: " + kMuStar + ", how much a lever matters, with its 90% interval; " +
                           "diamonds: " + kSigma + ", how much that depends on the other levers; " + noise_words +
                           ": a lever whose " + kMuStar + " is not above it cannot be told from luck. Largest " + kMuStar + " first.";
        for (const std::size_t i : order)
            text += std::string(" ") + Info(result_.levers[i].id).label + ": " + kMuStar + " " + Magnitude(id, m.mu_star[i]) + " " + range(i) +
                    ", " + kSigma + " " + Magnitude(id, m.sigma[i]) + (m.mu_star_hi[i] <= noise ? ", within noise." : ".");
        SemAt("##sem_morris", SemRole::Image, text, ImVec2(x0, top), ImVec2(x0 + w, rows_bottom + axis_h));
    }

    for (int r = 0; r < rows; ++r) {
        const bool noise_row = r == rows - 1;
        const float ry = top + row_h * static_cast<float>(r), cy = ry + row_h * 0.5f;
        const float bh = std::min(row_h * 0.58f, t.Dp(22));
        if (r % 2 == 1) dl->AddRectFilled(ImVec2(x0 - t.Dp(6), ry), ImVec2(x0 + w + t.Dp(6), ry + row_h), WithAlpha(pal.grid, 0.35f), t.Dp(4));
        if (noise_row) {
            dl->AddLine(ImVec2(x0, ry), ImVec2(x0 + w, ry), pal.grid, 1.0f);
            DrawText(dl, f.label, ImVec2(x0, cy - FontSize(f.label) * 0.5f), pal.text_muted, "Replication noise");
            dl->AddRectFilled(ImVec2(axis.X(0.0), cy - bh * 0.5f), ImVec2(xn, cy + bh * 0.5f), WithAlpha(pal.text_muted, 0.45f), t.Dp(3));
            Whisker(dl, axis.X(std::max(0.0, noise - noise_conf) * scale), axis.X((noise + noise_conf) * scale), cy, std::max(t.Dp(3), bh * 0.18f),
                    pal.text, t.Dp(1.5f));
            DrawTextRight(dl, f.label, x0 + w, cy - FontSize(f.label) * 0.5f, pal.text_muted, Magnitude(id, noise).c_str());
            ImGui::SetCursorScreenPos(ImVec2(x0, ry));
            ImGui::InvisibleButton("##sens_mrow_noise", ImVec2(w, row_h));
            SemItem(SemRole::Text, "Replication noise: mean " + Magnitude(id, noise) + ", 95% interval \xC2\xB1" + Magnitude(id, noise_conf) + ".");
            ui.hooks.RecordLastItem("Sens:morris:row:noise");
            if (ImGui::IsItemHovered())
                Tooltip(t, "Replication noise", "How far the outcome moves at the same lever settings with other random numbers "
                                                "(replications R..2R\xE2\x88\x92" "1 against 0..R\xE2\x88\x92" "1), on the same scale as "
                                                "\xCE\xBC*: mean " + Magnitude(id, noise) + ", 95% interval \xC2\xB1" + Magnitude(id, noise_conf) +
                                                ". Levers whose \xCE\xBC* is not above it cannot be told from luck with this many replications.");
            continue;
        }
        const std::size_t i = order[static_cast<std::size_t>(r)];
        const ParamInfo& info = Info(result_.levers[i].id);
        const bool within = m.mu_star_hi[i] <= noise;
        DrawText(dl, f.label, ImVec2(x0, cy - FontSize(f.label) * 0.5f), within ? pal.text_muted : pal.text,
                 Ellipsize(f.label, info.label, label_w).c_str());
        const float xm = axis.X(m.mu_star[i] * scale);
        dl->AddRectFilled(ImVec2(axis.X(0.0), cy - bh * 0.5f), ImVec2(std::max(axis.X(0.0) + 1.0f, xm), cy + bh * 0.5f), within ? weak_colour : bar_colour,
                          t.Dp(3));
        Whisker(dl, axis.X(m.mu_star_lo[i] * scale), axis.X(m.mu_star_hi[i] * scale), cy, std::max(t.Dp(3), bh * 0.18f), pal.text, t.Dp(1.5f));
        diamond(ImVec2(axis.X(m.sigma[i] * scale), cy), std::max(t.Dp(4), bh * 0.26f), pal.ink);
        if (within) {
            const float tx = std::max(axis.X(m.mu_star_hi[i] * scale), xn) + t.Dp(8);
            if (tx + TextSize(f.small, "within noise").x < bar_x1)
                DrawText(dl, f.small, ImVec2(tx, cy - FontSize(f.small) * 0.5f), pal.text_faint, "within noise");
        }
        DrawTextRight(dl, f.label, x0 + w, cy - FontSize(f.label) * 0.5f, within ? pal.text_muted : pal.text, Magnitude(id, m.mu_star[i]).c_str());
        ImGui::SetCursorScreenPos(ImVec2(x0, ry));
        ImGui::InvisibleButton((std::string("##sens_mrow_") + info.key).c_str(), ImVec2(w, row_h));
        SemItem(SemRole::Text, std::string(info.label) + ": " + kMuStar + " " + Magnitude(id, m.mu_star[i]) + " " + range(i) + " (90% bootstrap), " +
                                   "\xCE\xBC " + FormatDifference(id, m.mu[i]) + ", " + kSigma + " " + Magnitude(id, m.sigma[i]) +
                                   (within ? "; within the replication noise." : "."));
        ui.hooks.RecordLastItem(std::string("Sens:morris:row:") + info.key);
        if (ImGui::IsItemHovered()) {
            const std::string body = std::string(kMuStar) + " " + Magnitude(id, m.mu_star[i]) + " [" + Magnitude(id, m.mu_star_lo[i]) + ", " +
                                     Magnitude(id, m.mu_star_hi[i]) + "] (90% bootstrap)\n\xCE\xBC " + FormatDifference(id, m.mu[i]) + kMiddot +
                                     kSigma + " " + Magnitude(id, m.sigma[i]) + "\n" +
                                     (within ? "Not above the replication noise: cannot be told from luck with this many replications."
                                             : m.sigma[i] > 0.5 * m.mu_star[i] ? "A large \xCF\x83: the effect depends on the other levers or is not linear."
                                                                               : "A small \xCF\x83: about the same effect wherever the other levers are.");
            Tooltip(t, info.label, body);
        }
    }
    if (!ActiveSemantics()) return;
    // The data table (read, not shown).
    SemPush("##sem_morris_table", SemRole::Table, "Morris for " + outcome + ", data");
    SemPush("##sem_morris_head", SemRole::Row, "");
    {
        const std::string heads[] = {"Lever", kMuStar, std::string(kMuStar) + " 90% interval", "\xCE\xBC", kSigma, "Above the noise"};
        for (std::size_t c = 0; c < std::size(heads); ++c)
            SemAt(("##sem_morris_h" + std::to_string(c)).c_str(), SemRole::ColumnHeader, heads[c], ImVec2(0, 0), ImVec2(0, 0));
    }
    SemPop();
    for (const std::size_t i : order) {
        const std::string row = std::string("##sem_morris_r_") + Info(result_.levers[i].id).key;
        SemPush(row.c_str(), SemRole::Row, "");
        const std::string cells[] = {Info(result_.levers[i].id).label, Magnitude(id, m.mu_star[i]), range(i), FormatDifference(id, m.mu[i]),
                                     Magnitude(id, m.sigma[i]), m.mu_star_hi[i] <= noise ? "no" : "yes"};
        for (std::size_t c = 0; c < std::size(cells); ++c)
            SemAt((row + "c" + std::to_string(c)).c_str(), SemRole::Cell, cells[c], ImVec2(0, 0), ImVec2(0, 0));
        SemPop();
    }
    SemPush("##sem_morris_r_noise", SemRole::Row, "");
    {
        const std::string cells[] = {"Replication noise", Magnitude(id, noise), "\xC2\xB1" + Magnitude(id, noise_conf) + " (95%)", "", "", ""};
        for (std::size_t c = 0; c < std::size(cells); ++c)
            SemAt(("##sem_morris_r_noisec" + std::to_string(c)).c_str(), SemRole::Cell, cells[c], ImVec2(0, 0), ImVec2(0, 0));
    }
    SemPop();
    SemPop();
}

// ---- [SECTION] test values ------------------------------------------------------------------------
void SensitivityPanel::PublishResult(Ui& ui) const {
    TestHooks& h = ui.hooks;
    h.Value("sens.absorbed", absorbed_ ? 1.0 : 0.0);
    if (!absorbed_) return;
    h.Value("sens.result.replications", result_.replications);
    h.Value("sens.result.weeks", result_.weeks);
    h.Value("sens.result.levers", static_cast<double>(result_.levers.size()));
    h.Value("sens.result.outcomes", static_cast<double>(result_.outcomes.size()));
    h.Value("sens.result.revision", static_cast<double>(run_revision_));
    h.Value("sens.result.slot", run_slot_);
    for (std::size_t o = 0; o < result_.outcomes.size(); ++o) {
        const std::string out = SeriesTable()[static_cast<std::size_t>(result_.outcomes[o])].key;
        if (o < result_.tornado.size())
            for (std::size_t r = 0; r < result_.tornado[o].size(); ++r) {
                const TornadoBar& b = result_.tornado[o][r];
                const std::string k = "sens.tornado." + out + "." + std::to_string(r);
                h.Text(k + ".lever", Info(result_.levers[static_cast<std::size_t>(b.lever)].id).key);
                h.Value(k + ".swing", b.Swing());
                h.Value(k + ".low_value", b.low_value);
                h.Value(k + ".high_value", b.high_value);
                h.Value(k + ".low_mean", b.low_mean);
                h.Value(k + ".low_lo", b.low_lo);
                h.Value(k + ".low_hi", b.low_hi);
                h.Value(k + ".high_mean", b.high_mean);
                h.Value(k + ".high_lo", b.high_lo);
                h.Value(k + ".high_hi", b.high_hi);
            }
        if (o < result_.morris.size()) {
            const MorrisResult& m = result_.morris[o];
            for (std::size_t i = 0; i < result_.levers.size(); ++i) {
                const std::string k = "sens.morris." + out + "." + Info(result_.levers[i].id).key;
                h.Value(k + ".mu_star", m.mu_star[i]);
                h.Value(k + ".mu", m.mu[i]);
                h.Value(k + ".sigma", m.sigma[i]);
                h.Value(k + ".lo", m.mu_star_lo[i]);
                h.Value(k + ".hi", m.mu_star_hi[i]);
            }
            h.Value("sens.noise." + out, result_.noise[o]);
            h.Value("sens.noise_conf." + out, result_.noise_conf[o]);
        }
    }
}

// ---- [SECTION] sweep result -----------------------------------------------------------------------
namespace {

/// Colour of the line of level k of n of the second lever: steps of the viridis scale (ordered
/// levels read as an ordered scale); one line uses the accent colour.
ImU32 SweepLineColour(const Theme& t, int k, int n) {
    if (n <= 1) return t.Colours().accent;
    const float lo = t.Kind() == ThemeKind::Light ? 0.12f : 0.45f, hi = t.Kind() == ThemeKind::Light ? 0.78f : 0.95f;
    return SequentialColour(lo + (hi - lo) * static_cast<float>(k) / static_cast<float>(n - 1));
}

std::string SeriesKey(SeriesId id) { return SeriesTable()[static_cast<std::size_t>(id)].key; }
std::string SeriesLabel(SeriesId id) { return SeriesTable()[static_cast<std::size_t>(id)].label; }

/// "Security share of IT (5%, 10%, 20%)": a lever with its levels, as people read them.
std::string LeverWithLevels(ParamId id, const std::vector<double>& levels) {
    std::string s = std::string(Info(id).label) + " (";
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (i == 6 && levels.size() > 7) {
            s += ", " + std::string(kEllipsis) + " " + std::to_string(levels.size()) + " levels";
            break;
        }
        s += (i ? ", " : "") + LeverText(id, levels[i]);
    }
    return s + ")";
}

/// The sweep's chart for assistive technology: an image whose name gives every point (mean and 90%
/// of replications), line by line (the table beside it holds the same points).
void PublishSweepChart(const SweepResult& r, const std::vector<SweepPoint>& points, SeriesId id, const std::string& title,
                       const std::string& subtitle, ImVec2 p0, ImVec2 p1) {
    if (!ActiveSemantics() || r.levers.empty() || r.levels.empty()) return;
    std::string text = title + " chart. " + subtitle + ".";
    if (points.empty()) text += " No points.";
    const int lines = r.levels.size() > 1 ? static_cast<int>(r.levels[1].size()) : 1;
    for (int k = 0; k < lines; ++k) {
        std::string line;
        for (const SweepPoint& pt : points) {
            if (pt.line != k || pt.x < 0 || static_cast<std::size_t>(pt.x) >= r.levels[0].size()) continue;
            line += std::string(line.empty() ? " " : "; ") + FormatOutcome(id, pt.mean) + " at " +
                    LeverText(r.levers[0], r.levels[0][static_cast<std::size_t>(pt.x)]) + " (90% of replications " + FormatOutcome(id, pt.p05) +
                    " to " + FormatOutcome(id, pt.p95) + ")";
        }
        if (line.empty()) continue;
        if (r.levels.size() > 1 && static_cast<std::size_t>(k) < r.levels[1].size())
            text += std::string(" ") + Info(r.levers[1]).label + " " + LeverText(r.levers[1], r.levels[1][static_cast<std::size_t>(k)]) + ":";
        text += line + ".";
    }
    SemAt("##sem_sweep_chart", SemRole::Image, text, p0, p1);
}

}  // namespace

void SensitivityPanel::OpenSweep(SweepResult result, const std::string& file_name) {
    sweep_ = std::move(result);
    sweep_file_ = file_name;
    show_sweep_ = true;
    sweep_outcome_ = 0;
    // Start with time to market when the sweep has it (the app's headline outcome).
    for (std::size_t o = 0; o < sweep_->outcomes.size(); ++o)
        if (sweep_->outcomes[o] == SeriesId::TimeToMarket) sweep_outcome_ = static_cast<int>(o);
    sweep_points_ = SweepPoints(*sweep_, sweep_outcome_);
}

void SensitivityPanel::DrawSweep(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const SweepResult& r = *sweep_;
    ui.hooks.Record("Sweep:panel", p0.x, p0.y, size.x, size.y);

    // The plan's summary: name, levers with their levels, size, horizon, model.
    const float sum_h = t.Dp(92), pad = t.Dp(16);
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + sum_h));
    ui.hooks.Record("Sweep:summary", p0.x, p0.y, size.x, sum_h);
    const float tx = p0.x + pad, tw = size.x - 2 * pad;
    float y = p0.y + t.Dp(12);
    const std::string name = r.name.empty() ? sweep_file_ : r.name;
    DrawText(dl, f.heading, ImVec2(tx, y), pal.text, Ellipsize(f.heading, name, tw * 0.66f).c_str());
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_sweep_name", SemRole::Heading, "Sweep: " + name, ImVec2(tx, y), ImVec2(tx + tw * 0.66f, y + FontSize(f.heading)), heading);
    }
    // Key figures at the right: cells, replications, runs.
    {
        const std::string figs[3] = {FormatNumber(r.cells, 0), FormatNumber(r.replications, 0), FormatNumber(r.tasks, 0)};
        const char* caps[3] = {"cells", "replications each", "runs"};
        SemAt("##sem_sweep_figures", SemRole::Text, figs[0] + " " + caps[0] + ", " + figs[1] + " " + caps[1] + ", " + figs[2] + " " + caps[2],
              ImVec2(p0.x + size.x * 0.66f, p0.y + t.Dp(8)), ImVec2(p0.x + size.x - pad, p0.y + sum_h - t.Dp(8)));
        float fx = p0.x + size.x - pad;
        for (int k = 2; k >= 0; --k) {
            const float w = std::max(TextSize(f.display, figs[k].c_str()).x, TextSize(f.small, caps[k]).x);
            fx -= w;
            DrawText(dl, f.display, ImVec2(fx + w - TextSize(f.display, figs[k].c_str()).x, p0.y + t.Dp(8)), pal.text, figs[k].c_str());
            DrawText(dl, f.small, ImVec2(fx + w - TextSize(f.small, caps[k]).x, p0.y + t.Dp(10) + FontSize(f.display)), pal.text_muted, caps[k]);
            fx -= t.Dp(28);
        }
    }
    y += FontSize(f.heading) + t.Dp(6);
    std::string levers;
    for (std::size_t l = 0; l < r.levers.size(); ++l) levers += (l ? "  \xC3\x97  " : "") + LeverWithLevels(r.levers[l], r.levels[l]);
    DrawText(dl, f.body, ImVec2(tx, y), pal.text, Ellipsize(f.body, levers, tw * 0.66f).c_str());
    {
        std::string said;  // "×" read as "by"
        for (std::size_t l = 0; l < r.levers.size(); ++l) said += (l ? " by " : "Levers: ") + LeverWithLevels(r.levers[l], r.levels[l]);
        SemAt("##sem_sweep_levers", SemRole::Text, said, ImVec2(tx, y), ImVec2(tx + tw * 0.66f, y + FontSize(f.body)));
    }
    y += FontSize(f.body) + t.Dp(5);
    std::string facts = (r.weeks > 0 ? FormatNumber(r.weeks, 0) + " weeks" + std::string(kMiddot) : std::string()) + "model " + r.model +
                        kMiddot + "plan " + r.fingerprint;
    if (r.levers.size() > 2) facts += kMiddot + std::string("the chart pools the levers after the second");
    DrawText(dl, f.small, ImVec2(tx, y), pal.text_muted, Ellipsize(f.small, facts, tw * 0.66f).c_str());
    SemAt("##sem_sweep_facts", SemRole::Text, Spoken(facts), ImVec2(tx, y), ImVec2(tx + tw * 0.66f, y + FontSize(f.small)));

    // Below: the chart (left) and the table (right).
    const float top = p0.y + sum_h + t.Dp(14);
    const float h = p0.y + size.y - top;
    const float table_w = std::clamp(size.x * 0.4f, t.Dp(320), t.Dp(520));
    const float chart_w = size.x - table_w - t.Dp(14);
    DrawSweepChart(ui, ImVec2(p0.x, top), ImVec2(chart_w, h));
    DrawSweepTable(ui, ImVec2(p0.x + chart_w + t.Dp(14), top), ImVec2(table_w, h));
}

void SensitivityPanel::DrawSweepChart(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const SweepResult& r = *sweep_;
    const SeriesId id = r.outcomes[static_cast<std::size_t>(sweep_outcome_)];
    const OutcomeStyle& st = StyleOf(id);
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    ui.hooks.Record("Sweep:chart", p0.x, p0.y, size.x, size.y);
    const float pad = t.Dp(16);
    const float x0 = p0.x + pad, w = size.x - 2 * pad;

    // The title is the outcome picker: the outcome's name with a chevron, a menu of the sweep's outcomes.
    const std::string title = SeriesLabel(id) + " by " + Info(r.levers[0]).label;
    ImGui::SetCursorScreenPos(ImVec2(x0 - t.Dp(8), p0.y + t.Dp(8)));
    const float title_w = std::min(w, TextSize(f.heading, title.c_str()).x + t.Dp(44));
    if (ImGui::InvisibleButton("##sweep_outcome", ImVec2(title_w, FontSize(f.heading) + t.Dp(12)))) ImGui::OpenPopup("##sweep_outcome_menu");
    {
        SemNode menu;
        menu.expanded = ImGui::IsPopupOpen("##sweep_outcome_menu") ? 1 : 0;
        menu.description = "Choose the outcome the chart and the table show.";
        SemItem(SemRole::ComboBox, "Outcome: " + title, menu);
    }
    ui.hooks.RecordLastItem("Sweep:outcome");
    const bool title_hover = ImGui::IsItemHovered();
    if (title_hover) {
        dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), pal.control_hover, t.Dp(6));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    DrawText(dl, f.heading, ImVec2(x0, p0.y + t.Dp(14)), pal.text, Ellipsize(f.heading, title, title_w - t.Dp(36)).c_str());
    {
        const float cx = x0 - t.Dp(8) + title_w - t.Dp(16), cy = p0.y + t.Dp(14) + FontSize(f.heading) * 0.55f, k = t.Dp(4.5f);
        dl->AddTriangleFilled(ImVec2(cx - k, cy - k * 0.45f), ImVec2(cx + k, cy - k * 0.45f), ImVec2(cx, cy + k * 0.65f), pal.text_muted);
    }
    ImGui::SetNextWindowPos(ImVec2(x0 - t.Dp(8), p0.y + t.Dp(12) + FontSize(f.heading) + t.Dp(14)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(10), t.Dp(10)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(6), t.Dp(2)));
    if (ImGui::BeginPopup("##sweep_outcome_menu")) {
        PushPopupGroup("##sem_sweep_outcomes", "Outcomes of the sweep", SemRole::ListBox);
        for (std::size_t o = 0; o < r.outcomes.size(); ++o) {
            const SeriesId oid = r.outcomes[o];
            const bool was = static_cast<int>(o) == sweep_outcome_;
            if (CheckRow(t, ("##sweep_outcome_" + SeriesKey(oid)).c_str(), SeriesLabel(oid).c_str(), UnitWords(oid), was, t.Dp(300))) {
                sweep_outcome_ = static_cast<int>(o);
                sweep_points_ = SweepPoints(r, sweep_outcome_);
                ImGui::CloseCurrentPopup();
            }
            {
                SemNode option;
                option.on = was;
                option.description = UnitWords(oid);
                SemItem(SemRole::Option, SeriesLabel(oid), option);
                if (was) FocusOnOpen(SemKey(("##sweep_outcome_" + SeriesKey(oid)).c_str()));
            }
            ui.hooks.RecordLastItem("Sweep:outcome:" + SeriesKey(oid));
        }
        SemPop();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar(2);
    const std::string unit = UnitWords(id);
    const std::string subtitle = "Mean of " + FormatNumber(r.replications, 0) + " replications per point" +
                                 (r.levers.size() > 2 ? std::string(" (pooled over the other levers)") : std::string()) +
                                 "; whiskers: 90% of replications (5th to 95th percentile)" + (unit.empty() ? "" : "; " + unit);
    float y = p0.y + t.Dp(14) + FontSize(f.heading) + t.Dp(8);
    DrawText(dl, f.small, ImVec2(x0, y), pal.text_muted, Ellipsize(f.small, subtitle, w).c_str());
    y += FontSize(f.small) + t.Dp(10);
    PublishSweepChart(r, sweep_points_, id, title, subtitle, ImVec2(x0, y), ImVec2(x0 + w, p0.y + size.y - pad));

    // Legend: the second lever's levels.
    const int lines = r.levels.size() > 1 ? static_cast<int>(r.levels[1].size()) : 1;
    if (r.levels.size() > 1) {
        float lx = x0, ly = y;
        const std::string head = std::string(Info(r.levers[1]).label) + ":";
        DrawText(dl, f.label, ImVec2(lx, ly), pal.text, head.c_str());
        lx += TextSize(f.label, head.c_str()).x + t.Dp(12);
        for (int k = 0; k < lines; ++k) {
            const std::string label = LeverText(r.levers[1], r.levels[1][static_cast<std::size_t>(k)]);
            const ImU32 c = SweepLineColour(t, k, lines);
            LegendItem(t, dl, &lx, &ly, x0, x0 + w, label.c_str(), [&](ImVec2 a, ImVec2 b) {
                const float cy = (a.y + b.y) * 0.5f;
                dl->AddLine(ImVec2(a.x, cy), ImVec2(b.x, cy), c, t.Dp(2.5f));
                dl->AddCircleFilled(ImVec2((a.x + b.x) * 0.5f, cy), t.Dp(4), c);
            });
        }
        y = ly + FontSize(f.small) + t.Dp(10);
    }

    // Plot area: y axis (display units) at the left, the first lever's levels evenly along x.
    const float label_w = t.Dp(64);
    const float plot_x0 = x0 + label_w, plot_x1 = x0 + w - t.Dp(8);
    const float plot_y0 = y + t.Dp(4), plot_y1 = p0.y + size.y - pad - 2 * FontSize(f.small) - t.Dp(14);
    if (plot_y1 - plot_y0 < t.Dp(40) || sweep_points_.empty()) return;
    double lo = 1e300, hi = -1e300;
    for (const SweepPoint& pt : sweep_points_) {
        for (const double v : {pt.p05, pt.p95, pt.mean})
            if (std::isfinite(v)) {
                lo = std::min(lo, v * st.scale);
                hi = std::max(hi, v * st.scale);
            }
    }
    if (!(hi >= lo)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (hi - lo < 1e-9 * std::max(1.0, std::fabs(hi))) {
        lo -= 0.5;
        hi += 0.5;
    }
    const std::vector<double> ticks = NiceTicks(lo, hi, 5);
    const double ylo = ticks.front(), yhi = ticks.back() > ticks.front() ? ticks.back() : ticks.front() + 1.0;
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
    auto Y = [&](double display) { return plot_y1 - static_cast<float>((display - ylo) / (yhi - ylo)) * (plot_y1 - plot_y0); };
    for (const double v : ticks) {
        const float yy = std::floor(Y(v)) + 0.5f;
        dl->AddLine(ImVec2(plot_x0, yy), ImVec2(plot_x1, yy), pal.grid, 1.0f);
        const std::string label = TickText(id, v, step) + st.suffix;
        DrawText(dl, f.small, ImVec2(plot_x0 - t.Dp(8) - TextSize(f.small, label.c_str()).x, yy - FontSize(f.small) * 0.5f), pal.text_muted,
                 label.c_str());
    }
    dl->AddLine(ImVec2(plot_x0, plot_y1 + 0.5f), ImVec2(plot_x1, plot_y1 + 0.5f), pal.axis, t.Dp(1.5f));
    const int nx = static_cast<int>(r.levels[0].size());
    const float slot = (plot_x1 - plot_x0) / static_cast<float>(nx);
    auto X = [&](int x) { return plot_x0 + slot * (static_cast<float>(x) + 0.5f); };
    for (int x = 0; x < nx; ++x) {
        const std::string label = LeverText(r.levers[0], r.levels[0][static_cast<std::size_t>(x)]);
        const std::string shown = Ellipsize(f.small, label, slot - t.Dp(4));
        DrawText(dl, f.small, ImVec2(X(x) - TextSize(f.small, shown.c_str()).x * 0.5f, plot_y1 + t.Dp(6)), pal.text_muted, shown.c_str());
        dl->AddLine(ImVec2(X(x), plot_y1), ImVec2(X(x), plot_y1 + t.Dp(4)), pal.axis, 1.0f);
    }
    const std::string xtitle = Info(r.levers[0]).label;
    DrawText(dl, f.small, ImVec2((plot_x0 + plot_x1 - TextSize(f.small, xtitle.c_str()).x) * 0.5f, plot_y1 + t.Dp(8) + FontSize(f.small)), pal.text_faint,
             xtitle.c_str());
    ui.hooks.Record("Sweep:plot", plot_x0, plot_y0, plot_x1 - plot_x0, plot_y1 - plot_y0);

    // Lines: whiskers first, then the means joined across x, dodged a little per line so that
    // whiskers at the same level do not hide one another.
    const float dodge = std::min(t.Dp(7), slot * 0.6f / static_cast<float>(std::max(1, lines)));
    const float ox_mid = 0.5f * static_cast<float>(lines - 1);
    int hovered = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int k = 0; k < lines; ++k) {
        const ImU32 c = SweepLineColour(t, k, lines);
        const float ox = (static_cast<float>(k) - ox_mid) * dodge;
        ImVec2 prev;
        bool have_prev = false;
        for (std::size_t i = 0; i < sweep_points_.size(); ++i) {
            const SweepPoint& pt = sweep_points_[i];
            if (pt.line != k) continue;
            const float px = X(pt.x) + ox, py = Y(pt.mean * st.scale);
            dl->AddLine(ImVec2(px, Y(pt.p05 * st.scale)), ImVec2(px, Y(pt.p95 * st.scale)), WithAlpha(c, 0.75f), t.Dp(2));
            dl->AddLine(ImVec2(px - t.Dp(4), Y(pt.p05 * st.scale)), ImVec2(px + t.Dp(4), Y(pt.p05 * st.scale)), WithAlpha(c, 0.75f), t.Dp(2));
            dl->AddLine(ImVec2(px - t.Dp(4), Y(pt.p95 * st.scale)), ImVec2(px + t.Dp(4), Y(pt.p95 * st.scale)), WithAlpha(c, 0.75f), t.Dp(2));
            if (have_prev) dl->AddLine(prev, ImVec2(px, py), c, t.Dp(2.5f));
            prev = ImVec2(px, py);
            have_prev = true;
            if (std::fabs(mouse.x - px) < t.Dp(8) && std::fabs(mouse.y - py) < t.Dp(8)) hovered = static_cast<int>(i);
        }
        for (const SweepPoint& pt : sweep_points_) {
            if (pt.line != k) continue;
            const ImVec2 c0(X(pt.x) + ox, Y(pt.mean * st.scale));
            dl->AddCircleFilled(c0, t.Dp(5.5f), pal.card);
            dl->AddCircleFilled(c0, t.Dp(4), c);
        }
    }
    if (hovered >= 0 && ImGui::IsWindowHovered()) {
        const SweepPoint& pt = sweep_points_[static_cast<std::size_t>(hovered)];
        std::string body = std::string(Info(r.levers[0]).label) + ": " + LeverText(r.levers[0], r.levels[0][static_cast<std::size_t>(pt.x)]);
        if (r.levels.size() > 1) body += "\n" + std::string(Info(r.levers[1]).label) + ": " + LeverText(r.levers[1], r.levels[1][static_cast<std::size_t>(pt.line)]);
        body += "\nMean " + FormatOutcome(id, pt.mean) + ", 90% of replications " + FormatOutcome(id, pt.p05) + " to " + FormatOutcome(id, pt.p95) +
                " (" + std::to_string(pt.n) + " runs)";
        Tooltip(t, SeriesLabel(id), body);
    }
}

void SensitivityPanel::DrawSweepTable(Ui& ui, ImVec2 p0, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& pal = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const SweepResult& r = *sweep_;
    const SeriesId id = r.outcomes[static_cast<std::size_t>(sweep_outcome_)];
    SectionTile(t, dl, p0, ImVec2(p0.x + size.x, p0.y + size.y));
    ui.hooks.Record("Sweep:table", p0.x, p0.y, size.x, size.y);
    const float pad = t.Dp(16), x0 = p0.x + pad, x1 = p0.x + size.x - pad;
    float y = p0.y + t.Dp(14);
    DrawText(dl, f.heading, ImVec2(x0, y), pal.text, "Every point");
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_sweep_table_title", SemRole::Heading, "Every point", ImVec2(x0, y), ImVec2(x1, y + FontSize(f.heading)), heading);
    }
    y += FontSize(f.heading) + t.Dp(10);
    // Columns: the levers' levels (a swatch for the line), mean, 90% interval.
    const bool two = r.levels.size() > 1;
    const float col_mean = x0 + (x1 - x0) * (two ? 0.56f : 0.42f), col_int = x1;
    const float lever_w = two ? (col_mean - x0 - t.Dp(72)) * 0.5f : col_mean - x0 - t.Dp(72);
    auto right = [&](ImFont* font, float x, float yy, ImU32 c, const std::string& s) {
        DrawText(dl, font, ImVec2(x - TextSize(font, s.c_str()).x, yy), c, s.c_str());
    };
    // Lever headers, shortened to their columns; the whole name on hover.
    for (int l = 0; l < (two ? 2 : 1); ++l) {
        const float hx = x0 + static_cast<float>(l) * (lever_w + t.Dp(12));
        DrawText(dl, f.label, ImVec2(hx, y), pal.text_muted, Ellipsize(f.label, Info(r.levers[static_cast<std::size_t>(l)]).label, lever_w).c_str());
        if (ImGui::IsMouseHoveringRect(ImVec2(hx, y), ImVec2(hx + lever_w, y + FontSize(f.label))) && ImGui::IsWindowHovered())
            Tooltip(t, Info(r.levers[static_cast<std::size_t>(l)]).label, Info(r.levers[static_cast<std::size_t>(l)]).doc);
    }
    right(f.label, col_mean, y, pal.text_muted, "Mean");
    right(f.label, col_int, y, pal.text_muted, "90% range");
    y += FontSize(f.label) + t.Dp(6);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), pal.axis, 1.0f);
    y += t.Dp(4);
    const float row_h = FontSize(f.body) + t.Dp(9);
    const int lines = two ? static_cast<int>(r.levels[1].size()) : 1;
    const int fit = std::max(0, static_cast<int>((p0.y + size.y - pad - FontSize(f.small) - t.Dp(4) - y) / row_h));
    const int total = static_cast<int>(sweep_points_.size());
    const int shown = total <= fit ? total : std::max(0, fit - 1);
    for (int i = 0; i < shown; ++i) {
        const SweepPoint& pt = sweep_points_[static_cast<std::size_t>(i)];
        const float ty = y + (row_h - FontSize(f.body)) * 0.5f;
        if (i % 2 == 1) dl->AddRectFilled(ImVec2(x0 - t.Dp(6), y), ImVec2(x1 + t.Dp(6), y + row_h), WithAlpha(pal.grid, 0.35f), t.Dp(4));
        DrawText(dl, f.body, ImVec2(x0, ty), pal.text,
                 Ellipsize(f.body, LeverText(r.levers[0], r.levels[0][static_cast<std::size_t>(pt.x)]), lever_w).c_str());
        if (two) {
            const float sx = x0 + lever_w + t.Dp(12);
            dl->AddCircleFilled(ImVec2(sx + t.Dp(5), y + row_h * 0.5f), t.Dp(4.5f), SweepLineColour(t, pt.line, lines));
            DrawText(dl, f.body, ImVec2(sx + t.Dp(16), ty), pal.text,
                     Ellipsize(f.body, LeverText(r.levers[1], r.levels[1][static_cast<std::size_t>(pt.line)]), lever_w - t.Dp(16)).c_str());
        }
        right(f.strong, col_mean, ty, pal.text, FormatOutcome(id, pt.mean));
        right(f.body, col_int, ty, pal.text_muted, FormatOutcome(id, pt.p05) + " to " + FormatOutcome(id, pt.p95));
        ui.hooks.Record("Sweep:row:" + std::to_string(i), x0, y, x1 - x0, row_h);
        y += row_h;
    }
    if (shown < total) {
        DrawText(dl, f.small, ImVec2(x0, y + t.Dp(4)), pal.text_faint,
                 (std::string(kEllipsis) + " and " + std::to_string(total - shown) + " more points (the chart shows them all)").c_str());
        SemAt("##sem_sweep_more", SemRole::Text, "And " + std::to_string(total - shown) + " more points; the data table after this lists them all.",
              ImVec2(x0, y + t.Dp(4)), ImVec2(x1, y + t.Dp(4) + FontSize(f.small)));
    }
    ui.hooks.Value("sweep.table_rows", shown);
    if (!ActiveSemantics()) return;
    // The table for assistive technology: every point, also those that did not fit (read, not shown).
    SemPush("##sem_sweep_table", SemRole::Table, "Every point: " + SeriesLabel(id));
    SemPush("##sem_sweep_head", SemRole::Row, "");
    SemAt("##sem_sweep_h0", SemRole::ColumnHeader, Info(r.levers[0]).label, ImVec2(0, 0), ImVec2(0, 0));
    if (two) SemAt("##sem_sweep_h1", SemRole::ColumnHeader, Info(r.levers[1]).label, ImVec2(0, 0), ImVec2(0, 0));
    SemAt("##sem_sweep_h2", SemRole::ColumnHeader, "Mean", ImVec2(0, 0), ImVec2(0, 0));
    SemAt("##sem_sweep_h3", SemRole::ColumnHeader, "90% range", ImVec2(0, 0), ImVec2(0, 0));
    SemPop();
    for (int i = 0; i < total; ++i) {
        const SweepPoint& pt = sweep_points_[static_cast<std::size_t>(i)];
        const std::string row = "##sem_sweep_r" + std::to_string(i);
        SemPush(row.c_str(), SemRole::Row, "");
        SemAt((row + "c0").c_str(), SemRole::Cell, LeverText(r.levers[0], r.levels[0][static_cast<std::size_t>(pt.x)]), ImVec2(0, 0), ImVec2(0, 0));
        if (two)
            SemAt((row + "c1").c_str(), SemRole::Cell, LeverText(r.levers[1], r.levels[1][static_cast<std::size_t>(pt.line)]), ImVec2(0, 0),
                  ImVec2(0, 0));
        SemAt((row + "c2").c_str(), SemRole::Cell, FormatOutcome(id, pt.mean), ImVec2(0, 0), ImVec2(0, 0));
        SemAt((row + "c3").c_str(), SemRole::Cell, FormatOutcome(id, pt.p05) + " to " + FormatOutcome(id, pt.p95), ImVec2(0, 0), ImVec2(0, 0));
        SemPop();
    }
    SemPop();
}

void SensitivityPanel::PublishSweep(Ui& ui) const {
    if (!sweep_) return;
    TestHooks& h = ui.hooks;
    const SweepResult& r = *sweep_;
    h.Text("sweep.file", sweep_file_);
    h.Text("sweep.name", r.name);
    h.Text("sweep.model", r.model);
    h.Text("sweep.plan", r.fingerprint);
    h.Value("sweep.tasks", r.tasks);
    h.Value("sweep.cells", r.cells);
    h.Value("sweep.replications", r.replications);
    h.Value("sweep.weeks", r.weeks);
    h.Value("sweep.levers", static_cast<double>(r.levers.size()));
    h.Value("sweep.outcomes", static_cast<double>(r.outcomes.size()));
    for (std::size_t l = 0; l < r.levers.size(); ++l) {
        h.Text("sweep.lever." + std::to_string(l), Info(r.levers[l]).key);
        for (std::size_t k = 0; k < r.levels[l].size(); ++k) h.Value("sweep.level." + std::to_string(l) + "." + std::to_string(k), r.levels[l][k]);
    }
    h.Text("sweep.outcome", SeriesKey(r.outcomes[static_cast<std::size_t>(sweep_outcome_)]));
    h.Value("sweep.points", static_cast<double>(sweep_points_.size()));
    for (std::size_t i = 0; i < sweep_points_.size(); ++i) {
        const SweepPoint& pt = sweep_points_[i];
        const std::string k = "sweep.point." + std::to_string(i);
        h.Value(k + ".x", pt.x);
        h.Value(k + ".line", pt.line);
        h.Value(k + ".n", pt.n);
        h.Value(k + ".mean", pt.mean);
        h.Value(k + ".p05", pt.p05);
        h.Value(k + ".p95", pt.p95);
    }
}

}  // namespace orgsim::ui
