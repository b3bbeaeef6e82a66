// why.cpp: the "Why?" panel of the Compare view (see why.h).
//
// [SECTION] index: replications / state / layout (Draw) / before the result / waterfall.
#include "web/why.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sim/experiment.h"
#include "sim/report.h"
#include "web/charts.h"
#include "web/theme.h"
#include "web/widgets.h"
#include "web/workspace.h"

namespace orgsim::ui {

// ---- [SECTION] replications -----------------------------------------------------------------------
int WhyReplications(int factors, int baseline_replications) {
    const int cap = std::max(1, std::min(baseline_replications, kExplainDefaultReplications));
    const long combos = 1L << std::clamp(factors, 0, kMaxExplainFactors);
    const int fit = static_cast<int>(std::max<long>(1, kWhyRunBudget / combos));
    return std::min(cap, std::max(std::min(kWhyMinReplications, cap), fit));
}

namespace {
constexpr const char* kOwner = "explain";

std::vector<SeriesId> AllOutcomes() {
    std::vector<SeriesId> ids;
    for (int k = 0; k < kSeriesCount; ++k) ids.push_back(static_cast<SeriesId>(k));
    return ids;
}

/// Text as read by assistive technology: " · " separators as commas, "a -> b" as "a to b".
std::string Spoken(std::string s) {
    for (const auto& [from, to] : {std::pair<std::string, std::string>{kMiddot, ", "}, {" -> ", " to "}})
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

/// The explanation of one outcome, or nullptr.
const OutcomeExplanation* Find(const Explanation& ex, SeriesId id) {
    for (const OutcomeExplanation& oe : ex.outcomes)
        if (oe.id == id) return &oe;
    return nullptr;
}

/// The waterfall for assistive technology (web/semantics.h): an image whose name gives the outcome,
/// the total paired difference with its interval, every bar with its interval and the interaction
/// share; then the same numbers as a data table (read, not shown).
void PublishWaterfall(const Explanation& result, const OutcomeExplanation& oe, const SeriesInfo& info, const std::string& alt,
                      ImVec2 p0, ImVec2 p1) {
    if (!ActiveSemantics()) return;
    const SeriesId id = oe.id;
    const std::size_t k = std::min(result.factors.size(), oe.factors.size());
    const bool mech = result.by == ExplainBy::Mechanism;
    const std::string minus = " \xE2\x88\x92 ";
    auto interval = [&](double lo, double hi) { return "[" + FormatDifference(id, lo) + ", " + FormatDifference(id, hi) + "]"; };
    auto judged = [&](double v) -> std::string {
        if (v == 0.0) return "";
        return (v > 0.0) == info.higher_is_better ? ", better" : ", worse";
    };
    // The image: the outcome, the total with its interval, every bar, the interaction share.
    std::string text = std::string("Why chart for ") + info.label + (*info.unit ? std::string(" (") + info.unit + ")" : std::string()) +
                       ": the mean paired difference " + alt + minus + "baseline is " + FormatDifference(id, oe.total) +
                       judged(oe.total) + ", 90% interval " + interval(oe.total_lo, oe.total_hi) + ", split among " +
                       (mech ? std::to_string(k > 0 ? k - 1 : 0) + " mechanisms and what is not structural" : std::to_string(k) + " changes") +
                       " (Shapley, " + std::to_string(result.replications) + " replications). Bars:";
    for (std::size_t i = 0; i < k; ++i) {
        const FactorEffect& f = oe.factors[i];
        text += std::string(i ? "; " : " ") + Spoken(result.factors[i].name) + " " + FormatDifference(id, f.shapley) + judged(f.shapley) + " " +
                interval(f.lo, f.hi);
    }
    text += ". Interaction " + FormatPercent(oe.interaction_share) + ".";
    SemAt("##sem_why_chart", SemRole::Image, text, p0, p1);
    // The same numbers as a data table (read, not shown).
    SemPush("##sem_why_table", SemRole::Table, std::string(info.label) + (mech ? " by mechanism" : " by change") + ", data");
    SemPush("##sem_why_head", SemRole::Row, "");
    SemAt("##sem_why_h0", SemRole::ColumnHeader, mech ? "Mechanism" : "Change", ImVec2(0, 0), ImVec2(0, 0));
    SemAt("##sem_why_h1", SemRole::ColumnHeader, "Mean paired difference", ImVec2(0, 0), ImVec2(0, 0));
    SemAt("##sem_why_h2", SemRole::ColumnHeader, "90% interval", ImVec2(0, 0), ImVec2(0, 0));
    SemPop();
    for (std::size_t i = 0; i <= k; ++i) {
        const bool total = i == k;
        const std::string row = "##sem_why_row" + std::to_string(i);
        SemPush(row.c_str(), SemRole::Row, "");
        SemAt((row + "c0").c_str(), SemRole::Cell, total ? "Difference: " + alt + minus + "baseline" : Spoken(result.factors[i].name), ImVec2(0, 0),
              ImVec2(0, 0));
        const double v = total ? oe.total : oe.factors[i].shapley;
        SemAt((row + "c1").c_str(), SemRole::Cell, FormatDifference(id, v) + judged(v), ImVec2(0, 0), ImVec2(0, 0));
        SemAt((row + "c2").c_str(), SemRole::Cell,
              total ? interval(oe.total_lo, oe.total_hi) : interval(oe.factors[i].lo, oe.factors[i].hi), ImVec2(0, 0), ImVec2(0, 0));
        SemPop();
    }
    SemPop();
}
}  // namespace

// ---- [SECTION] state ------------------------------------------------------------------------------
WhyPanel::State WhyPanel::Refresh(Ui& ui) {
    if (!error_.empty()) return State::Error;
    if (!explainer_) return State::Idle;
    const bool ours = ui.runner.AnalysisOwner() == kOwner && ui.runner.AnalysisRevision() == run_revision_;
    if (!absorbed_ && ours && ui.runner.AnalysisDone() && !ui.runner.Analysis().empty()) {
        if (!explainer_->Absorb(*ui.runner.Analysis()[0])) {
            error_ = "The runs did not match the comparison; run Why? again.";
            return State::Error;
        }
        result_ = explainer_->Result();
        absorbed_ = true;
    }
    if (absorbed_) return run_revision_ == ui.ws.Revision() ? State::Done : State::Stale;
    if (!ours || ui.runner.AnalysisCancelled() || run_revision_ != ui.ws.Revision())
        return run_revision_ == ui.ws.Revision() ? State::Cancelled : State::Stale;
    return State::Running;
}

void WhyPanel::Start(Ui& ui) {
    error_.clear();
    absorbed_ = false;
    result_ = Explanation{};
    const Scenario& a = ui.ws.GetScenario(0);
    const Scenario& b = ui.ws.GetScenario(alt_);
    const int k = static_cast<int>(DiffFactors(a, b).size());
    const int reps = WhyReplications(k, a.replications);
    explainer_ = std::make_unique<Explainer>(a, b, AllOutcomes(), reps, a.horizon_weeks,
                                             by_mechanism_ ? ExplainBy::Mechanism : ExplainBy::Factor);
    run_alt_ = alt_;
    run_by_mechanism_ = by_mechanism_;
    run_revision_ = ui.ws.Revision();
    if (!explainer_->Error().empty()) {
        error_ = explainer_->Error();
        return;
    }
    if (explainer_->Factors().empty()) {  // nothing to attribute: no runs needed
        result_ = explainer_->Result();
        absorbed_ = true;
        return;
    }
    AnalysisBatch batch;
    batch.scenarios = explainer_->Hybrids();
    batch.replications = explainer_->Replications();
    batch.weeks = explainer_->Weeks();
    batch.overrides = explainer_->Overrides();  // by mechanism: which mechanisms read the baseline's org chart
    ui.runner.StartAnalysis(kOwner, {std::move(batch)}, run_revision_);
}

// ---- [SECTION] layout -----------------------------------------------------------------------------
void WhyPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size, SeriesId* outcome) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SectionTile(theme, dl, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ui.hooks.Record("Why:panel", pos.x, pos.y, size.x, size.y);
    const int slots = ui.ws.SlotCount();
    alt_ = std::clamp(alt_, 1, std::max(1, slots - 1));
    const State state = Refresh(ui);
    const float pad = theme.Dp(16);
    const float x0 = pos.x + pad, width = size.x - 2 * pad;
    float y = pos.y + pad * 0.85f;

    // Header: the outcome (a menu), which alternative, the run button.
    {
        const char* title = SeriesTable()[static_cast<std::size_t>(*outcome)].label;
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_why_title", SemRole::Heading, std::string("Why? ") + title, ImVec2(x0, y),
              ImVec2(x0 + TextSize(fonts.heading, title).x, y + FontSize(fonts.heading)), heading);
    }
    if (!ui.presenting) {  // the title is a menu of the outcomes (it draws the chevron, not the title)
        ImGui::PushID("why");  // the chart above has an outcome menu of its own
        OutcomeMenu(theme, ui.hooks, ImVec2(x0, y), outcome, "Why:select", "Why:pick:");
        ImGui::PopID();
    }
    DrawText(dl, fonts.heading, ImVec2(x0, y), pal.text, SeriesTable()[static_cast<std::size_t>(*outcome)].label);
    const float bh = theme.Dp(34);
    float bx = x0 + width;
    // The controls, drawn right to left: a toolbar, whose items the page orders by position.
    SemPush("##sem_why_controls", SemRole::Toolbar, "Why? controls", ImVec2(x0, y - theme.Dp(4)), ImVec2(x0 + width, y - theme.Dp(4) + bh));
    const char* run_label = state == State::Done ? "Explained" : state == State::Running ? "Running\xE2\x80\xA6" : "Explain";
    const float run_w = theme.Dp(150);
    bx -= run_w;
    ImGui::SetCursorScreenPos(ImVec2(bx, y - theme.Dp(4)));
    const bool same = run_alt_ == alt_ && run_by_mechanism_ == by_mechanism_;
    const bool can_run = slots >= 2 && state != State::Running && !(state == State::Done && same);
    SemNext().description = "Split the difference between the baseline and " + Workspace::SlotLabel(alt_) + " among " +
                            (by_mechanism_ ? "the mechanisms that carry it." : "the changes that set them apart.");
    if (Button(theme, "##why_run", (state == State::Done && !same) ? "Explain" : run_label, Icon::Play, ImVec2(run_w, bh),
               !(state == State::Done && same), can_run))
        Start(ui);
    ui.hooks.RecordLastItem("Why:run");
    for (int s = slots - 1; s >= 1 && slots > 2; --s) {  // which alternative, when there are several
        const float w = theme.Dp(44);
        bx -= w + theme.Dp(6);
        ImGui::SetCursorScreenPos(ImVec2(bx, y - theme.Dp(4)));
        const std::string id = "##why_alt" + std::to_string(s);
        const std::string label(1, static_cast<char>('A' + s));
        SemNext().name = Workspace::SlotLabel(s);
        SemNext().description = "Explain this alternative against the baseline.";
        if (ToggleButton(theme, id.c_str(), label.c_str(), Icon::None, ImVec2(w, bh), alt_ == s)) alt_ = s;
        ui.hooks.RecordLastItem("Why:alt:" + std::to_string(s));
    }
    ui.hooks.Value("why.alt", alt_);
    // By change (what the user edited) or by mechanism (which agents' decisions carry it).
    {
        const float mw = theme.Dp(132);
        bx -= theme.Dp(18) + 2 * mw + theme.Dp(6);
        ImGui::SetCursorScreenPos(ImVec2(bx, y - theme.Dp(4)));
        SemNext().description = "One bar per change that sets the alternative apart from the baseline.";
        if (ToggleButton(theme, "##why_by_change", "By change", Icon::None, ImVec2(mw, bh), !by_mechanism_)) by_mechanism_ = false;
        ui.hooks.RecordLastItem("Why:by:change");
        ImGui::SetCursorScreenPos(ImVec2(bx + mw + theme.Dp(6), y - theme.Dp(4)));
        SemNext().description = "One bar per mechanism that reads the org chart, and one for what is not structural.";
        if (ToggleButton(theme, "##why_by_mechanism", "By mechanism", Icon::None, ImVec2(mw, bh), by_mechanism_)) by_mechanism_ = true;
        ui.hooks.RecordLastItem("Why:by:mechanism");
        ui.hooks.Value("why.by_mechanism", by_mechanism_ ? 1.0 : 0.0);
    }
    SemPop();
    y += FontSize(fonts.heading) + theme.Dp(14);

    const ImVec2 body(x0, y), body_size(width, pos.y + size.y - pad * 0.7f - y);
    const bool show_result = absorbed_ && (state == State::Done || state == State::Stale) && same;
    ui.hooks.Value("why.state", static_cast<double>(static_cast<int>(state)));
    if (show_result) {
        if (state == State::Stale) {  // still shown, but said to be of the documents as they were
            const char* note = "The scenarios changed since this explanation: press Explain for a current one.";
            DrawText(dl, fonts.label, ImVec2(x0, y - theme.Dp(10)), pal.danger, note);
            SemAt("##sem_why_stale", SemRole::Text, note, ImVec2(x0, y - theme.Dp(10)),
                  ImVec2(x0 + TextSize(fonts.label, note).x, y - theme.Dp(10) + FontSize(fonts.label)));
            ui.hooks.Text("why.stale", note);
        }
        DrawWaterfall(ui, ImVec2(body.x, body.y + (state == State::Stale ? theme.Dp(12) : 0.0f)), body_size, *outcome);
    } else {
        DrawIntro(ui, body, body_size, state);
    }
}

// ---- [SECTION] before the result ------------------------------------------------------------------
void WhyPanel::DrawIntro(Ui& ui, ImVec2 p0, ImVec2 size, State state) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Scenario& a = ui.ws.GetScenario(0);
    const std::string alt = Workspace::SlotLabel(alt_);
    std::string head, body;
    if (state == State::Error) {
        head = "Why? could not run";
        body = error_;
    } else if (state == State::Running) {
        head = run_by_mechanism_ ? "Splitting the difference among the mechanisms\xE2\x80\xA6" : "Splitting the difference among the changes\xE2\x80\xA6";
        body = "Running every combination of the " + std::to_string(explainer_->Factors().size()) + (run_by_mechanism_ ? " bars (" : " changes (") +
               Thousands(explainer_->Hybrids().size()) + " scenarios) for " + std::to_string(explainer_->Replications()) +
               " replications each, with the same random numbers as the comparison.";
    } else if (by_mechanism_) {
        const unsigned diff = StructureDiff(StructureOf(a), StructureOf(ui.ws.GetScenario(alt_)));
        head = "Which of the agents' decisions carry the difference?";
        body = "By mechanism gives each mechanism that reads the org chart (the CIO's boss, the reporting steps between "
               "the CMO and the CIO, a CDO, CMT or CISO) either the baseline's org chart or " + alt +
               "'s, never switching it off, over every combination (Shapley values); what is left (headcounts, budgets, "
               "levers) is one bar, \"not structural\". ";
        if (diff == 0) {
            body += "The two org charts do not differ in any of these facts, so that bar carries everything.";
        } else {
            body += "The org charts differ in: ";
            bool first = true;
            for (unsigned f = 1; f < (1u << kStructureFactCount); f <<= 1)
                if (diff & f) {
                    body += (first ? "" : "; ") + std::string(StructureFactLabel(static_cast<StructureFact>(f)));
                    first = false;
                }
            body += ".";
        }
        if (state == State::Stale) body = "The scenarios changed since the last explanation. " + body;
        if (state == State::Cancelled) body = "The last explanation was stopped. " + body;
    } else {
        const std::vector<Factor> factors = DiffFactors(a, ui.ws.GetScenario(alt_));
        const int reps = WhyReplications(static_cast<int>(factors.size()), a.replications);
        head = "Why does " + alt + " differ from the baseline?";
        if (factors.empty()) {
            body = alt + " differs from the baseline in nothing that changes the results.";
        } else {
            body = "Explain splits each outcome's expected difference among the " + std::to_string(factors.size()) +
                   " changes that set " + alt + " apart: ";
            for (std::size_t i = 0; i < factors.size(); ++i)
                body += (i ? (i + 1 == factors.size() ? " and " : "; ") : "") + factors[i].name;
            body += ". It runs every combination of them (" + Thousands(1L << factors.size()) + " scenarios, " +
                    std::to_string(reps) + " replications each) and credits each change with its average effect over "
                    "all the orders in which it could be made (Shapley values), so the bars add up to the difference.";
        }
        if (state == State::Stale) body = "The scenarios changed since the last explanation. " + body;
        if (state == State::Cancelled) body = "The last explanation was stopped. " + body;
    }
    DrawText(dl, fonts.heading, p0, pal.text, head.c_str());
    {
        SemNode heading;
        heading.level = 4;
        SemAt("##sem_why_intro_head", SemRole::Heading, head, p0, ImVec2(p0.x + TextSize(fonts.heading, head.c_str()).x, p0.y + FontSize(fonts.heading)),
              heading);
    }
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + FontSize(fonts.heading) + theme.Dp(10)));
    ImGui::PushFont(fonts.body);
    ImGui::PushTextWrapPos(p0.x + std::min(size.x, theme.Dp(900)) - ImGui::GetWindowPos().x);
    ImGui::PushStyleColor(ImGuiCol_Text, state == State::Error ? pal.danger : pal.text_muted);
    ImGui::TextUnformatted(body.c_str());
    SemAt("##sem_why_intro_body", SemRole::Text, Spoken(body), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ui.hooks.Text("why.intro", body);
    if (state == State::Running) {
        const float by = ImGui::GetCursorScreenPos().y + theme.Dp(14), bw = std::min(size.x, theme.Dp(520)), bh = theme.Dp(6);
        const float frac = std::clamp(static_cast<float>(ui.runner.AnalysisProgress()), 0.0f, 1.0f);
        dl->AddRectFilled(ImVec2(p0.x, by), ImVec2(p0.x + bw, by + bh), pal.track, bh);
        dl->AddRectFilled(ImVec2(p0.x, by), ImVec2(p0.x + bw * frac, by + bh), pal.accent, bh);
        const std::string pct = std::to_string(static_cast<int>(std::lround(frac * 100.0f))) + "%";
        DrawText(dl, fonts.small, ImVec2(p0.x + bw + theme.Dp(10), by - theme.Dp(5)), pal.text_muted, pct.c_str());
        SemAt("##sem_why_progress", SemRole::Text, "Progress: " + pct, ImVec2(p0.x, by - theme.Dp(5)),
              ImVec2(p0.x + bw + theme.Dp(10) + TextSize(fonts.small, pct.c_str()).x, by + FontSize(fonts.small)));
        ui.hooks.Value("why.progress", frac);
    }
}

// ---- [SECTION] waterfall --------------------------------------------------------------------------
void WhyPanel::DrawWaterfall(Ui& ui, ImVec2 p0, ImVec2 size, SeriesId id) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(id)];
    const OutcomeExplanation* oe = Find(result_, id);
    const std::string alt = Workspace::SlotLabel(run_alt_);
    if (!oe) return;
    const std::size_t k = result_.factors.size();
    if (k == 0) {
        const std::string nothing = alt + " differs from the baseline in nothing that changes the results.";
        DrawText(dl, fonts.body, p0, pal.text_muted, nothing.c_str());
        SemAt("##sem_why_nothing", SemRole::Text, nothing, p0, ImVec2(p0.x + TextSize(fonts.body, nothing.c_str()).x, p0.y + FontSize(fonts.body)));
        ui.hooks.Value("why.bars", 0);
        return;
    }

    // Subtitle: what the numbers are.
    const bool mech = result_.by == ExplainBy::Mechanism;
    std::string sub = std::string(info.unit) + kMiddot + "mean paired difference " + alt + " \xE2\x88\x92 baseline, split among " +
                      (mech ? std::to_string(k - 1) + " mechanisms and what is not structural" : std::to_string(k) + " changes") +
                      " (Shapley, " + std::to_string(result_.replications) + " replications of " + Thousands(result_.Worlds()) +
                      " worlds)" + kMiddot + "whiskers: 90% interval";
    DrawText(dl, fonts.small, p0, pal.text_muted, Ellipsize(fonts.small, sub, size.x).c_str());
    SemAt("##sem_why_sub", SemRole::Text, Spoken(sub), p0, ImVec2(p0.x + size.x, p0.y + FontSize(fonts.small)));
    float y = p0.y + FontSize(fonts.small) + theme.Dp(12);

    // Rows: one per factor, then the total. Cumulative positions make the waterfall.
    const int rows = static_cast<int>(k) + 1;
    const float sentences_h = (FontSize(fonts.body) + theme.Dp(4)) * 3.6f + theme.Dp(10);
    const float axis_h = FontSize(fonts.small) + theme.Dp(10);
    const float avail = std::max(theme.Dp(120), size.y - (y - p0.y) - sentences_h - axis_h);
    const float row_h = std::clamp(avail / static_cast<float>(rows), theme.Dp(22), theme.Dp(40));
    const float label_w = std::clamp(size.x * 0.30f, theme.Dp(200), theme.Dp(400));
    const float value_w = theme.Dp(270);
    const float bar_x0 = p0.x + label_w + theme.Dp(12), bar_x1 = p0.x + size.x - value_w - theme.Dp(8);

    std::vector<double> start(k + 1), end(k + 1);
    double cum = 0.0, lo = 0.0, hi = 0.0, sum = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
        const FactorEffect& f = oe->factors[i];
        start[i] = cum;
        cum += f.shapley;
        end[i] = cum;
        sum += f.shapley;
        lo = std::min({lo, cum, start[i] + f.lo});
        hi = std::max({hi, cum, start[i] + f.hi});
    }
    start[k] = 0.0;
    end[k] = oe->total;
    lo = std::min({lo, oe->total, oe->total_lo});
    hi = std::max({hi, oe->total, oe->total_hi});
    if (hi - lo <= 0.0) hi = lo + 1.0;
    const std::vector<double> ticks = NiceTicks(lo, hi, 5);
    if (!ticks.empty()) {
        lo = std::min(lo, ticks.front());
        hi = std::max(hi, ticks.back());
    }
    auto X = [&](double v) { return bar_x0 + static_cast<float>((v - lo) / (hi - lo)) * (bar_x1 - bar_x0); };
    const float rows_y0 = y, rows_y1 = y + row_h * static_cast<float>(rows);
    for (double t : ticks) {
        const float x = X(t);
        dl->AddLine(ImVec2(x, rows_y0), ImVec2(x, rows_y1), t == 0.0 ? pal.axis : pal.grid, t == 0.0 ? theme.Dp(1.5f) : 1.0f);
        const std::string lab = t == 0.0 ? "0" : FormatDifference(id, t);
        const ImVec2 ts = TextSize(fonts.small, lab.c_str());
        DrawText(dl, fonts.small, ImVec2(x - ts.x * 0.5f, rows_y1 + theme.Dp(4)), pal.text_muted, lab.c_str());
    }
    const ImU32 up = info.higher_is_better ? BetterColour(theme) : WorseColour(theme);
    const ImU32 down = info.higher_is_better ? WorseColour(theme) : BetterColour(theme);
    for (int r = 0; r < rows; ++r) {
        const auto i = static_cast<std::size_t>(r);
        const bool total = i == k;
        const float ry = y + row_h * static_cast<float>(r), cy = ry + row_h * 0.5f;
        const std::string name = total ? "Difference: " + alt + " \xE2\x88\x92 baseline" : result_.factors[i].name;
        DrawText(dl, total ? fonts.label : fonts.body, ImVec2(p0.x, cy - FontSize(total ? fonts.label : fonts.body) * 0.55f),
                 total ? pal.text : pal.text, Ellipsize(total ? fonts.label : fonts.body, name, label_w).c_str());
        const double v = total ? oe->total : oe->factors[i].shapley;
        const double vlo = total ? oe->total_lo : start[i] + oe->factors[i].lo;
        const double vhi = total ? oe->total_hi : start[i] + oe->factors[i].hi;
        const float xa = X(std::min(start[i], end[i])), xb = X(std::max(start[i], end[i]));
        const float bh = row_h * 0.56f;
        const ImU32 fill = total ? pal.ink : v > 0.0 ? up : v < 0.0 ? down : pal.text_faint;
        dl->AddRectFilled(ImVec2(xa, cy - bh * 0.5f), ImVec2(std::max(xb, xa + 1.5f), cy + bh * 0.5f), fill, theme.Dp(2));
        // The whisker: the bar's 90% interval, drawn at its end.
        const float wl = X(vlo), wr = X(vhi), tick = bh * 0.32f;
        dl->AddLine(ImVec2(wl, cy), ImVec2(wr, cy), pal.text, theme.Dp(1.3f));
        dl->AddLine(ImVec2(wl, cy - tick), ImVec2(wl, cy + tick), pal.text, theme.Dp(1.3f));
        dl->AddLine(ImVec2(wr, cy - tick), ImVec2(wr, cy + tick), pal.text, theme.Dp(1.3f));
        if (!total && r + 1 < rows) {  // the connector to the next bar
            const float xe = X(end[i]);
            dl->AddLine(ImVec2(xe, cy + bh * 0.5f), ImVec2(xe, cy + row_h - bh * 0.5f), pal.text_faint, 1.0f);
        }
        const std::string val = FormatDifference(id, v) + "  [" + FormatDifference(id, total ? oe->total_lo : oe->factors[i].lo) +
                                ", " + FormatDifference(id, total ? oe->total_hi : oe->factors[i].hi) + "]";
        DrawText(dl, total ? fonts.label : fonts.small, ImVec2(bar_x1 + theme.Dp(12), cy - FontSize(fonts.small) * 0.55f),
                 pal.text, Ellipsize(fonts.small, val, value_w).c_str());
        if (!total) {
            ui.hooks.Text("why.factor." + std::to_string(r), result_.factors[i].name);
            ui.hooks.Value("why.bar." + std::to_string(r), v);
        }
        ui.hooks.Record(total ? std::string("Why:total") : "Why:bar:" + std::to_string(r), p0.x, ry, size.x, row_h);
    }
    // Legend (the sign of every value says the same: colour is never alone).
    {
        float lx = bar_x1 + theme.Dp(12);
        const float ly = rows_y1 + theme.Dp(6), sw = theme.Dp(10);
        const std::pair<ImU32, const char*> items[] = {{BetterColour(theme), "better"}, {WorseColour(theme), "worse"}, {pal.ink, "total"}};
        for (const auto& [colour, word] : items) {
            dl->AddRectFilled(ImVec2(lx, ly + theme.Dp(2)), ImVec2(lx + sw, ly + theme.Dp(2) + sw), colour, theme.Dp(2));
            DrawText(dl, fonts.small, ImVec2(lx + sw + theme.Dp(5), ly), pal.text_muted, word);
            lx += sw + theme.Dp(5) + TextSize(fonts.small, word).x + theme.Dp(14);
        }
    }
    PublishWaterfall(result_, *oe, info, alt, ImVec2(p0.x, rows_y0), ImVec2(p0.x + size.x, rows_y1 + axis_h));
    ui.hooks.Value("why.bars", static_cast<double>(k));
    ui.hooks.Value("why.sum", sum);
    ui.hooks.Value("why.total", oe->total);
    ui.hooks.Value("why.interaction", oe->interaction_share);
    ui.hooks.Value("why.replications", result_.replications);
    ui.hooks.Text("why.outcome", info.key);

    // What it means: the interaction share and the sentences of the largest bars.
    y = rows_y1 + axis_h + theme.Dp(8);
    const double share = oe->interaction_share;
    std::string inter = "Interaction " + FormatPercent(share) + ": ";
    inter += share < 0.1 ? "the changes add up; each does about the same alone as together."
             : share < 0.5 ? "the changes partly depend on each other; alone they would do somewhat differently."
                            : "the changes work together; what each does alone says little about what they do in company.";
    DrawText(dl, fonts.small, ImVec2(p0.x, y), pal.text_muted, Ellipsize(fonts.small, inter, size.x).c_str());
    SemAt("##sem_why_interaction", SemRole::Text, inter, ImVec2(p0.x, y), ImVec2(p0.x + size.x, y + FontSize(fonts.small)));
    y += FontSize(fonts.small) + theme.Dp(8);
    ImGui::SetCursorScreenPos(ImVec2(p0.x, y));
    ImGui::PushFont(fonts.body);
    ImGui::PushTextWrapPos(p0.x + size.x - ImGui::GetWindowPos().x);
    const std::size_t most = std::min<std::size_t>(oe->sentences.size(), 3);
    std::size_t n = 0;
    for (; n < most; ++n) {  // as many as fit
        if (ImGui::GetCursorScreenPos().y + FontSize(fonts.body) > p0.y + size.y) break;
        ImGui::TextUnformatted(oe->sentences[n].c_str());
        SemAt(("##sem_why_sentence_" + std::to_string(n)).c_str(), SemRole::Text, Spoken(oe->sentences[n]), ImGui::GetItemRectMin(),
              ImGui::GetItemRectMax());
        ui.hooks.Text("why.sentence." + std::to_string(n), oe->sentences[n]);
    }
    for (std::size_t m = n; m < most; ++m)  // those that did not fit: read, not shown
        SemAt(("##sem_why_sentence_" + std::to_string(m)).c_str(), SemRole::Text, Spoken(oe->sentences[m]), ImVec2(0, 0), ImVec2(0, 0));
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ui.hooks.Value("why.sentences", static_cast<double>(n));
}

}  // namespace orgsim::ui
