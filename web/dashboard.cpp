// dashboard.cpp: the Results view (see dashboard.h).
//
// [SECTION] index: helpers / layout (Draw) / header and run state / outcome cards / band charts /
// event timeline / people.
#include "web/dashboard.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

#include "sim/report.h"
#include "web/widgets.h"

namespace orgsim::ui {

// ---- [SECTION] helpers ----------------------------------------------------------------------------
namespace {

constexpr const char* kUp = "\xE2\x86\x91";    // ↑
constexpr const char* kDown = "\xE2\x86\x93";  // ↓
constexpr const char* kEnDash = "\xE2\x80\x93";

/// Short card titles of the key outcomes (the cards are narrow at 1366 px).
const char* CardTitle(SeriesId id) {
    switch (id) {
        case SeriesId::TimeToMarket: return "Time to market";
        case SeriesId::OperatingProfit: return "Operating profit";
        case SeriesId::Revenue: return "Revenue";
        case SeriesId::ShadowShare: return "Shadow IT share";
        case SeriesId::Incidents: return "Security incidents";
        case SeriesId::TurnoverAnnual: return "Staff turnover";
        case SeriesId::Trust: return "IT\xE2\x80\x93marketing trust";
        case SeriesId::CustomerExperience: return "Customer experience";
        default: return SeriesTable()[static_cast<std::size_t>(id)].label;
    }
}

/// One lane of the event timeline per event kind, most telling first.
struct Lane {
    EventKind kind;
    const char* key;    ///< test-hook name
    const char* label;  ///< lane title
    ImU32 colour;       ///< 0: the theme's ink
    bool prominent;     ///< rare and important: drawn as a dot, not a tick
};
const Lane kLanes[kEventKindCount] = {
    {EventKind::Launch, "launch", "Launches", IM_COL32(0x00, 0x9E, 0x73, 0xFF), false},
    {EventKind::Rejection, "rejection", "Rejected", IM_COL32(0xE6, 0x9F, 0x00, 0xFF), false},
    {EventKind::Cancelled, "cancelled", "Cancelled", IM_COL32(0xB0, 0x7A, 0x00, 0xFF), false},
    {EventKind::Incident, "incident", "Incidents", IM_COL32(0xD5, 0x5E, 0x00, 0xFF), true},
    {EventKind::ShadowShutdown, "shadow_shutdown", "Shadow shut", IM_COL32(0xCC, 0x79, 0xA7, 0xFF), true},
    {EventKind::ExecExit, "exec_exit", "Exec exits", 0, true},
    {EventKind::ExecStart, "exec_start", "Exec starts", 0, true},
    {EventKind::Resignation, "resignation", "Resigned", IM_COL32(0x56, 0xB4, 0xE9, 0xFF), false},
    {EventKind::Hire, "hire", "Hired", IM_COL32(0x00, 0x72, 0xB2, 0xFF), false},
    {EventKind::BudgetSet, "budget_set", "Budgets", IM_COL32(0x99, 0x99, 0x99, 0xFF), true},
};

// The timeline's rows: related kinds share a row (upper and lower half), so ten kinds fit in six
// rows at 1366x768. kRowOf[i] / kHalfOf[i] place kLanes[i].
constexpr int kTimelineRows = 6;
constexpr int kRowOf[kEventKindCount] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 5};
constexpr int kHalfOf[kEventKindCount] = {0, 0, 1, 0, 1, 0, 1, 0, 1, 0};
constexpr int kKindsInRow[kTimelineRows] = {1, 2, 2, 2, 2, 1};

const char* PeopleColourKey(PeopleColour c) {
    switch (c) {
        case PeopleColour::Morale: return "morale";
        case PeopleColour::Tenure: return "tenure";
        case PeopleColour::Skill: return "skill";
    }
    return "";
}

std::string Fmt(const char* format, double v) {
    char buf[96];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

const Initiative* FindInitiative(const World& w, std::uint32_t id) {
    const auto& all = w.Initiatives();
    if (id >= 1 && id <= all.size() && all[id - 1].id == id) return &all[id - 1];
    for (const Initiative& in : all)
        if (in.id == id) return &in;
    return nullptr;
}

/// A title and a plain explanation of an event, for the timeline's hover card.
void ExplainEvent(const World& w, const Event& e, std::string& title, std::string& body) {
    const Scenario& sc = w.GetScenario();
    const std::string unit = e.unit >= 0 && e.unit < static_cast<int>(sc.units.size())
                                 ? sc.units[static_cast<std::size_t>(e.unit)].name
                                 : std::string("The organisation");
    char head[96];
    std::snprintf(head, sizeof head, "Week %d%s%s", e.week, kMiddot, EventKindName(e.kind));
    title = head;
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    const Initiative* in = FindInitiative(w, e.agent);
    const std::string what = in ? std::string("a ") + InitiativeKindName(in->kind) : std::string("an initiative");
    const std::string ref = "initiative #" + std::to_string(e.agent);
    switch (e.kind) {
        case EventKind::Resignation:
            body = unit + ": an employee resigned after " + Fmt("%.1f", e.value) +
                   " years in the job (people mechanism: morale, workload and the labour market).";
            break;
        case EventKind::Hire:
            body = unit + ": a vacant seat was filled. The newcomer ramps up over the coming months and takes "
                          "some of a colleague's time.";
            break;
        case EventKind::Launch:
            body = "Marketing launched " + what + " (" + ref + ")" +
                   (in ? std::string(", built via ") + PathName(in->path) : std::string()) + ", " +
                   Fmt("%.0f", e.value) + " weeks after the idea.";
            break;
        case EventKind::Rejection:
            body = "The CIO turned down " + what + " (" + ref + ", estimated $" + Fmt("%.0f", e.value) +
                   "k) at the approval meeting: its business case showed a value of " + Fmt("%.1f", e.detail) +
                   "x its cost, below the " + Fmt("%.1f", e.detail2) +
                   "x that the CIO's priorities (own, the boss's and any shared KPIs) require for its risk.";
            break;
        case EventKind::Incident: {
            const Initiative* door = e.cause_id != 0 ? FindInitiative(w, e.cause_id) : nullptr;
            std::string cause = e.cause == Cause::ShadowTool
                                    ? "It came in through an unvetted tool marketing bought outside IT (initiative #" +
                                          std::to_string(e.cause_id) + (door && door->launched > 0 ? ", live since week " + std::to_string(door->launched) : std::string()) + ")"
                                : e.cause == Cause::ItSystem ? "It came in through a system IT runs (initiative #" + std::to_string(e.cause_id) + ")"
                                                             : "It came from the threat landscape, through no particular system";
            body = "Security incident no. " + std::to_string(e.agent) + ", costing $" + Fmt("%.1f", e.value) + "M. " + cause +
                   "; the " + RoleLabel(static_cast<Role>(static_cast<int>(e.detail))) +
                   " takes the blame. It hurts customer experience and lowers trust.";
            break;
        }
        case EventKind::ExecExit: {
            const char* source = e.cause == Cause::PressureTargets    ? "missed targets"
                                 : e.cause == Cause::PressureBlame    ? "blame for security incidents"
                                 : e.cause == Cause::PressureConflict ? "rejected and withdrawn requests (conflict with IT)"
                                                                      : nullptr;
            body = std::string("The ") + RoleLabel(static_cast<Role>(e.agent)) + " (" + unit + ") left after " +
                   Fmt("%.1f", e.value) + " years" +
                   (source ? std::string(" under pressure ") + Fmt("%.2f", e.detail) + ", " + Fmt("%.0f", 100.0 * e.detail2) +
                                 "% of it from " + source
                           : std::string(", at the usual rate for the role (little pressure)")) +
                   "; the seat is vacant until a successor starts.";
            break;
        }
        case EventKind::ExecStart:
            body = std::string("A new ") + RoleLabel(static_cast<Role>(e.agent)) + " started in " + unit +
                   ", with new priorities: in-flight initiatives may be stopped.";
            break;
        case EventKind::ShadowShutdown:
            body = "A shadow tool (" + ref + ") was found and shut down under the ban policy.";
            break;
        case EventKind::Cancelled:
            body = e.cause == Cause::NewExecutive
                       ? "A new " + std::string(RoleLabel(static_cast<Role>(e.cause_id))) + " wanting quick wins stopped " + ref + " after " +
                             Fmt("%.0f", e.value) + " person-weeks of work."
                       : "Marketing withdrew " + ref + " after waiting " + Fmt("%.0f", e.value) + " weeks for IT.";
            body[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(body[0])));
            break;
        case EventKind::BudgetSet:
            body = "The annual budget round: the " + std::string(RoleLabel(static_cast<Role>(e.agent))) +
                   ", as the CIO's boss, scored IT's year " + Fmt("%+.2f", e.detail) +
                   " on the boss's own scorecard (cost, stability, growth, speed) and granted " + Fmt("%+.1f", 100.0 * e.detail2) +
                   "%: IT's budget for the year is $" + Fmt("%.1f", e.value) + "M.";
            break;
    }
}

}  // namespace

// ---- [SECTION] layout -----------------------------------------------------------------------------
void DashboardPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& theme = ui.theme;
    const float pad = theme.Dp(20), gap = theme.Dp(14);
    // A narrow card (a narrow window, WCAG 1.4.10) stacks the parts in one column and scrolls.
    const bool stacked = size.x - 2 * pad < theme.Dp(kStackWidth);
    BeginCard("##dashboard", pos, size, stacked);
    ui.hooks.Record("Panel:dashboard", pos.x, pos.y, size.x, size.y);
    ui.hooks.Value("dashboard.stacked", stacked ? 1.0 : 0.0);
    if (ui.ws.Empty()) {
        EndCard();
        return;
    }
    results_.Update(ui.runner, ui.ws.Revision());

    const float x0 = pos.x + pad;
    // Stacked, the card's scroll bar takes its width from the right pad.
    const float width = size.x - 2 * pad - (stacked ? std::max(0.0f, ImGui::GetStyle().ScrollbarSize - pad * 0.5f) : 0.0f);
    if (stacked) {
        float y = pos.y + pad * 0.8f - ImGui::GetScrollY();
        const float y_top = y;
        DrawHeader(ui, ImVec2(x0, y), width, true);
        y += HeaderHeight(theme, true);
        const float card_w = theme.Dp(150);
        const int cols = std::clamp(static_cast<int>((width + gap) / (card_w + gap)), 2, 4);
        const int rows = (static_cast<int>(KeyOutcomes().size()) + cols - 1) / cols;
        const float cards_h = theme.Dp(ui.ws.Active() > 0 ? 150 : 122);
        DrawCards(ui, ImVec2(x0, y), ImVec2(width, cards_h), cols);
        y += static_cast<float>(rows) * (cards_h + gap);
        const float chart_h = theme.Dp(260);
        DrawCharts(ui, ImVec2(x0, y), ImVec2(width, chart_h), true);
        y += static_cast<float>(chart_count_) * (chart_h + gap);
        const World* live = ui.runner.Live(ui.ws.Active());
        const float part_h = theme.Dp(300);
        DrawTimeline(ui, live, ImVec2(x0, y), ImVec2(width, part_h));
        y += part_h + gap;
        DrawPeople(ui, live, ImVec2(x0, y), ImVec2(width, part_h));
        y += part_h;
        // The content's height, for the card's scrolling.
        ImGui::SetCursorScreenPos(ImVec2(x0, y_top));
        ImGui::Dummy(ImVec2(1.0f, y - y_top + pad));
        EndCard();
        return;
    }
    float y = pos.y + pad * 0.8f;
    DrawHeader(ui, ImVec2(x0, y), width, false);
    y += HeaderHeight(theme, false);
    const float cards_h = theme.Dp(ui.ws.Active() > 0 ? 132 : 122);
    DrawCards(ui, ImVec2(x0, y), ImVec2(width, cards_h));
    y += cards_h + gap;
    const float rest = pos.y + size.y - pad * 0.8f - y;
    const float charts_h = std::max(theme.Dp(170), std::floor(rest * 0.46f));
    DrawCharts(ui, ImVec2(x0, y), ImVec2(width, charts_h));
    y += charts_h + gap;
    const float bottom_h = pos.y + size.y - pad * 0.8f - y;
    if (bottom_h > theme.Dp(90)) {
        const World* live = ui.runner.Live(ui.ws.Active());
        const float tl_w = std::floor(width * 0.56f);
        DrawTimeline(ui, live, ImVec2(x0, y), ImVec2(tl_w, bottom_h));
        DrawPeople(ui, live, ImVec2(x0 + tl_w + gap, y), ImVec2(width - tl_w - gap, bottom_h));
    }
    EndCard();
}

// ---- [SECTION] header and run state -------------------------------------------------------------
void DashboardPanel::DrawHeader(Ui& ui, ImVec2 p0, float width, bool stacked) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int active = ui.ws.Active();
    const Scenario& sc = ui.ws.ActiveScenario();

    // Run state, right-aligned: "Running replications 34 / 100" with a thin bar, or the sample size.
    const int done = results_.Completed(), total = results_.Replications();
    const bool running = ui.runner.Running();
    std::string status;
    if (!results_.Results())
        status = "Waiting for the first run";
    else if (running || !results_.Current())
        status = "Running replications  " + Thousands(done) + " / " + Thousands(total);
    else
        status = Thousands(total) + " replications" + kMiddot + "means with 90% intervals";
    ui.hooks.Value("dashboard.completed", done);
    ui.hooks.Value("dashboard.replications", total);
    ui.hooks.Value("dashboard.current", results_.Current() && !running && done >= total ? 1.0 : 0.0);
    ui.hooks.Text("dashboard.status", status);

    float right = p0.x + width;
    // Chart count (2-4): editing chrome, hidden when presenting.
    if (!ui.presenting) {
        const float bs = theme.Dp(30);
        ImGui::SetCursorScreenPos(ImVec2(right - bs, p0.y + theme.Dp(4)));
        SemNext().name = "More charts";
        SemNext().description = "Show up to four outcome charts.";
        if (Button(theme, "##more_charts", "", Icon::Plus, ImVec2(bs, bs), false, chart_count_ < kMaxDashboardCharts))
            ++chart_count_;
        ui.hooks.RecordLastItem("Charts:more");
        if (ImGui::IsItemHovered()) Tooltip(theme, "More charts", "Show up to four outcome charts.");
        ImGui::SetCursorScreenPos(ImVec2(right - 2 * bs - theme.Dp(6), p0.y + theme.Dp(4)));
        SemNext().name = "Fewer charts";
        SemNext().description = "Show at least two outcome charts.";
        if (Button(theme, "##fewer_charts", "", Icon::Minus, ImVec2(bs, bs), false, chart_count_ > 2)) --chart_count_;
        ui.hooks.RecordLastItem("Charts:fewer");
        if (ImGui::IsItemHovered()) Tooltip(theme, "Fewer charts", "Show at least two outcome charts.");
        right -= 2 * bs + theme.Dp(20);
    }
    // Stacked: the run state goes under the title and the subtitle, from the left.
    const std::string shown = stacked ? Ellipsize(fonts.label, status, width) : status;
    const ImVec2 ss = TextSize(fonts.label, shown.c_str());
    const float sy = stacked ? p0.y + FontSize(fonts.title) + FontSize(fonts.small) + theme.Dp(14) : p0.y + theme.Dp(6);
    const float sr = stacked ? p0.x + ss.x : right;  // the status's right edge
    DrawText(dl, fonts.label, ImVec2(sr - ss.x, sy), running ? pal.text : pal.text_muted, shown.c_str());
    if (results_.Results() && (running || done < total)) {
        const float bw = std::max(ss.x, theme.Dp(160)), by = sy + ss.y + theme.Dp(7), bh = theme.Dp(4);
        const float bl = stacked ? p0.x : right - bw;
        const float frac = total > 0 ? static_cast<float>(ui.runner.Progress()) : 0.0f;
        dl->AddRectFilled(ImVec2(bl, by), ImVec2(bl + bw, by + bh), pal.track, bh);
        dl->AddRectFilled(ImVec2(bl, by), ImVec2(bl + bw * std::clamp(frac, 0.0f, 1.0f), by + bh), pal.accent, bh);
    }
    const float status_w = stacked ? 0.0f : std::max(ss.x, theme.Dp(160)) + theme.Dp(24);

    // Title: the active scenario, with what it is compared with.
    const float title_w = right - status_w - p0.x;
    const std::string name = Ellipsize(fonts.title, sc.name.empty() ? Workspace::SlotLabel(active) : sc.name, title_w);
    DrawText(dl, fonts.title, p0, pal.text, name.c_str());
    {
        SemNode heading;
        heading.level = 2;
        SemAt("##sem_results_title", SemRole::Heading, "Results: " + (sc.name.empty() ? Workspace::SlotLabel(active) : sc.name), p0,
              ImVec2(p0.x + title_w, p0.y + FontSize(fonts.title)), heading);
    }
    std::string sub = Workspace::SlotLabel(active);
    if (active > 0)
        sub += std::string(kMiddot) + "compared with the baseline, " + ui.ws.GetScenario(0).name;
    else if (ui.ws.SlotCount() > 1)
        sub += std::string(kMiddot) + "select an alternative above to see its change against this baseline";
    sub += std::string(kMiddot) + Fmt("%.0f", sc.horizon_weeks / 52.0) + " years";
    sub = Ellipsize(fonts.small, sub, title_w);
    DrawText(dl, fonts.small, ImVec2(p0.x, p0.y + FontSize(fonts.title) + theme.Dp(4)), pal.text_muted, sub.c_str());
}

// ---- [SECTION] outcome cards ----------------------------------------------------------------------
void DashboardPanel::DrawCards(Ui& ui, ImVec2 p0, ImVec2 size, int cols) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Comparison& cmp = results_.Get();
    const int active = ui.ws.Active();
    const bool have = cmp.completed > 0 && active < cmp.scenarios;
    const auto& keys = KeyOutcomes();
    const float gap = theme.Dp(10);
    // All eight key outcomes when each card gets at least 150 design pixels, else the first six.
    int n = static_cast<int>(keys.size());
    if (cols == 0 && (size.x - gap * 7.0f) / 8.0f < theme.Dp(150)) n = 6;
    if (cols == 0) cols = n;
    const float cw = std::floor((size.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols));
    const float pad = theme.Dp(12);
    ui.hooks.Value("cards.count", n);

    for (int k = 0; k < n; ++k) {
        const SeriesId id = keys[static_cast<std::size_t>(k)];
        const OutcomeStyle& st = StyleOf(id);
        const std::string key = SeriesTable()[static_cast<std::size_t>(id)].key;
        ui.hooks.Text("card." + std::to_string(k), key);
        const ImVec2 a(p0.x + static_cast<float>(k % cols) * (cw + gap), p0.y + static_cast<float>(k / cols) * (size.y + gap));
        const ImVec2 b(a.x + cw, a.y + size.y);
        ImGui::SetCursorScreenPos(a);
        ImGui::InvisibleButton(("##card_" + key).c_str(), ImVec2(cw, size.y));
        ui.hooks.RecordLastItem("Card:" + key);
        const bool hovered = ImGui::IsItemHovered();
        SectionTile(theme, dl, a, b);
        if (hovered) dl->AddRect(a, b, pal.axis, theme.Dp(10));
        const float inner = cw - 2 * pad;
        float y = a.y + pad;
        DrawText(dl, fonts.label, ImVec2(a.x + pad, y), pal.text_muted, Ellipsize(fonts.label, CardTitle(id), inner).c_str());
        y += FontSize(fonts.label) + theme.Dp(6);
        if (!have) {
            DrawText(dl, fonts.title, ImVec2(a.x + pad, y), pal.text_faint, kEmDash);
            SemAt(("##sem_card_" + key).c_str(), SemRole::Text, std::string(CardTitle(id)) + ": no results yet", a, b);
            continue;
        }
        const OutcomeRow& row = cmp.Row(id);
        const Summary& v = row.value[static_cast<std::size_t>(active)];
        const int dec = DisplayDecimals(v.mean * st.scale);
        const std::string value = FormatOutcome(id, v.mean, dec);
        ImFont* big = TextSize(fonts.display, value.c_str()).x <= inner * 0.75f ? fonts.display : fonts.title;
        DrawText(dl, big, ImVec2(a.x + pad, y), pal.text, value.c_str());
        const float vw = TextSize(big, value.c_str()).x;
        const std::string unit = st.unit;
        if (vw + theme.Dp(6) + TextSize(fonts.small, unit.c_str()).x <= inner)  // whole or not at all
            DrawText(dl, fonts.small, ImVec2(a.x + pad + vw + theme.Dp(6), y + FontSize(big) - FontSize(fonts.small) - theme.Dp(3)),
                     pal.text_muted, unit.c_str());
        y += FontSize(big) + theme.Dp(4);
        const std::string interval = "90%: " + std::string(st.prefix) + FormatNumber(v.lo * st.scale, dec) + kEnDash +
                                     FormatNumber(v.hi * st.scale, dec) + st.suffix;
        DrawText(dl, fonts.small, ImVec2(a.x + pad, y), pal.text_muted, Ellipsize(fonts.small, interval, inner).c_str());
        y += FontSize(fonts.small) + theme.Dp(8);
        ui.hooks.Value("card." + key + ".mean", v.mean);
        ui.hooks.Value("card." + key + ".lo", v.lo);
        ui.hooks.Value("card." + key + ".hi", v.hi);

        std::string tip_body = std::string(SeriesTable()[static_cast<std::size_t>(id)].label) + ", " +
                               SeriesTable()[static_cast<std::size_t>(id)].unit + ", at the end of the run: mean " +
                               value + ", 90% of replications between " + FormatOutcome(id, v.lo, dec) + " and " +
                               FormatOutcome(id, v.hi, dec) + " (" + Thousands(v.n) + " replications).";
        if (active > 0) {
            const Summary& d = row.diff[static_cast<std::size_t>(active)];
            const int vs = row.versus_baseline[static_cast<std::size_t>(active)];
            ui.hooks.Value("card." + key + ".diff", d.mean);
            ui.hooks.Value("card." + key + ".clear", vs != 0 ? 1.0 : 0.0);
            const double mag = std::fabs(d.mean) * st.scale;
            const int ddec = DisplayDecimals(mag);
            const bool up = d.mean > 0.0;
            const ImU32 colour = vs > 0 ? BetterColour(theme) : vs < 0 ? WorseColour(theme) : pal.text_muted;
            std::string change = std::string(up ? kUp : kDown) + " " + st.prefix + FormatNumber(mag, ddec) + st.diff_suffix +
                                 (*st.diff_short ? std::string(" ") + st.diff_short : std::string()) + " " +
                                 (up ? st.up : st.down);
            if (mag == 0.0 || FormatNumber(mag, ddec).find_first_of("123456789") == std::string::npos)
                change = "no change";
            DrawText(dl, fonts.label, ImVec2(a.x + pad, y), colour, Ellipsize(fonts.label, change, inner).c_str());
            y += FontSize(fonts.label) + theme.Dp(3);
            // The expected difference: clear when its 95% confidence interval excludes zero (the
            // interval's decimals follow its own size, so "$0.9M–$1.3M", not "$0.012M"-style digits).
            const double better = row.better_share[static_cast<std::size_t>(active)];
            const double worse = row.worse_share[static_cast<std::size_t>(active)];
            std::string note, futures;
            if (vs != 0) {
                const double lo = (up ? d.ci_lo : -d.ci_hi) * st.scale, hi = (up ? d.ci_hi : -d.ci_lo) * st.scale;
                const int cdec = DisplayDecimals(std::max(std::fabs(lo), std::fabs(hi)));
                note = "95% CI " + std::string(st.prefix) + FormatNumber(lo, cdec) + st.diff_suffix + kEnDash + st.prefix +
                       FormatNumber(hi, cdec) + st.diff_suffix;
                futures = vs > 0 ? "Better in " + FormatPercent(better) + " of futures" : "Worse in " + FormatPercent(worse) + " of futures";
            } else {
                note = "No clear difference";
                futures = FormatPercent(better) + " of futures better, " + FormatPercent(worse) + " worse";
            }
            DrawText(dl, fonts.small, ImVec2(a.x + pad, y), vs != 0 ? colour : pal.text_faint,
                     Ellipsize(fonts.small, note, inner).c_str());
            y += FontSize(fonts.small) + theme.Dp(2);
            // The spread across futures: how often the alternative comes out better, replication by replication.
            DrawText(dl, fonts.small, ImVec2(a.x + pad, y), pal.text_muted, Ellipsize(fonts.small, futures, inner).c_str());
            ui.hooks.Value("card." + key + ".ci_lo", d.ci_lo);
            ui.hooks.Value("card." + key + ".ci_hi", d.ci_hi);
            ui.hooks.Value("card." + key + ".better_share", better);
            tip_body += "\n\nAgainst the baseline (paired, replication by replication): expected difference " +
                        FormatDifference(id, d.mean, ddec) + ", 95% confidence interval " + FormatDifference(id, d.ci_lo, ddec) +
                        " to " + FormatDifference(id, d.ci_hi, ddec) + ". " +
                        (vs > 0 ? "Clearly better." : vs < 0 ? "Clearly worse." : "The interval includes zero: no clear difference.") +
                        " Better in " + FormatPercent(better) + " of futures, worse in " + FormatPercent(worse) +
                        (better + worse < 1.0 ? ", the same in the rest." : ".");
        } else {
            // The baseline: a sparkline of the weekly mean, so the card shows the path, not only the end.
            const ResultsCache::Band& band = results_.GetBand(0, id);
            const float top = y, bottom = b.y - pad;
            if (band.mean.size() > 1 && bottom - top > theme.Dp(10)) {
                double lo = 1e300, hi = -1e300;
                for (double x : band.mean) {
                    lo = std::min(lo, x);
                    hi = std::max(hi, x);
                }
                if (hi - lo < 1e-12) hi = lo + 1.0;
                std::vector<ImVec2> pts;
                const std::size_t m = band.mean.size();
                const std::size_t step = std::max<std::size_t>(1, m / 80);
                for (std::size_t i = 0; i < m; i += step)
                    pts.push_back(ImVec2(a.x + pad + inner * static_cast<float>(i) / static_cast<float>(m - 1),
                                         bottom - static_cast<float>((band.mean[i] - lo) / (hi - lo)) * (bottom - top)));
                pts.push_back(ImVec2(a.x + pad + inner, bottom - static_cast<float>((band.mean.back() - lo) / (hi - lo)) * (bottom - top)));
                dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), WithAlpha(SlotColour(0), 0.9f), 0, theme.Dp(1.5f));
            }
        }
        if (hovered) Tooltip(theme, SeriesTable()[static_cast<std::size_t>(id)].label, tip_body);
        {
            std::string said = tip_body;
            for (char& ch : said)
                if (ch == '\n') ch = ' ';
            SemAt(("##sem_card_" + key).c_str(), SemRole::Text, std::string(CardTitle(id)) + ": " + said, a, b);
        }
    }
}

// ---- [SECTION] band charts ------------------------------------------------------------------------
void DashboardPanel::DrawCharts(Ui& ui, ImVec2 p0, ImVec2 size, bool stacked) {
    const Theme& theme = ui.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int active = ui.ws.Active();
    const int n = chart_count_;
    const float gap = theme.Dp(stacked ? 14 : 16);
    const float cw = stacked ? size.x : std::floor((size.x - gap * static_cast<float>(n - 1)) / static_cast<float>(n));
    const Comparison& cmp = results_.Get();
    const bool have = cmp.completed > 0 && active < cmp.scenarios;

    for (int c = 0; c < n; ++c) {
        const SeriesId id = chart_ids_[static_cast<std::size_t>(c)];
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(id)];
        const OutcomeStyle& st = StyleOf(id);
        const ImVec2 a = stacked ? ImVec2(p0.x, p0.y + static_cast<float>(c) * (size.y + gap))
                                 : ImVec2(p0.x + static_cast<float>(c) * (cw + gap), p0.y);
        const ImVec2 b(a.x + cw, a.y + size.y);
        SectionTile(theme, dl, a, b);
        const float pad = theme.Dp(14);
        const ImVec2 cp(a.x + pad, a.y + pad * 0.85f);
        ImGui::PushID(c);
        // The title doubles as the outcome selector (editing chrome: not when presenting).
        if (!ui.presenting)
            OutcomeMenu(theme, ui.hooks, cp, &chart_ids_[static_cast<std::size_t>(c)], "Chart:select:" + std::to_string(c),
                        "Chart:pick:");
        // Lines: the baseline, and the active alternative over it.
        std::vector<int> slots = {0};
        if (active > 0) slots.push_back(active);
        std::vector<std::string> labels;
        std::vector<ChartLine> lines;
        for (const int s : slots) labels.push_back(Workspace::SlotLabel(s));
        if (have)
            for (std::size_t i = 0; i < slots.size(); ++i) {
                const ResultsCache::Band& band = results_.GetBand(slots[i], id);
                ChartLine l;
                l.label = labels[i].c_str();
                l.values = &band.mean;
                l.band_lo = &band.lo;
                l.band_hi = &band.hi;
                l.colour = SlotColour(slots[i]);
                l.thickness = slots[i] == active ? 2.5f : 2.0f;
                lines.push_back(l);
            }
        const std::string subtitle = std::string(*st.unit ? st.unit : info.unit) + kMiddot + "mean and 90% band of " +
                                     Thousands(cmp.completed) + " replications";
        ChartSpec spec;
        spec.title = info.label;
        spec.subtitle = subtitle.c_str();
        spec.horizon_weeks = ui.ws.GetScenario(0).horizon_weeks;
        spec.empty_message = "Waiting for the first replications\xE2\x80\xA6";
        StyleChartFor(id, spec);
        spec.include_zero = id != SeriesId::OperatingProfit && id != SeriesId::BudgetVariance;  // never below zero
        ImGui::SetCursorScreenPos(cp);
        LineChart("##chart", spec, lines, ImVec2(cw - 2 * pad, size.y - pad * 1.7f), theme);
        ImGui::PopID();
        ui.hooks.Record(std::string("Chart:") + info.key, a.x, a.y, cw, size.y);
        ui.hooks.Text("chart." + std::to_string(c), info.key);
    }
    ui.hooks.Value("charts.count", n);
}

// ---- [SECTION] event timeline ---------------------------------------------------------------------
namespace {
/// A slider for the keyboard over items 1..n (WCAG 2.1.1: what hovering shows, item by item): takes
/// the page's new value into *explored (1..n) and says whether the slider has the DOM focus.
bool ExploreInput(const char* id, int n, int* explored) {
    const std::uint32_t key = SemKey(id);
    double v = 0.0;
    if (SemTake(key, SemActionKind::SetValue, &v) && std::isfinite(v) && n > 0) *explored = std::clamp(static_cast<int>(std::lround(v)), 1, n);
    const Semantics* sem = ActiveSemantics();
    return n > 0 && sem && sem->Focused() == key;
}

/// Publish that slider at item k of n, its value text the item's card, over p0..p1.
void ExplorePublish(const char* id, const char* name, const char* description, int k, int n, const std::string& value, ImVec2 p0,
                    ImVec2 p1) {
    SemNode slider;
    slider.min = 1;
    slider.max = n;
    slider.step = 1;
    slider.now = k;
    slider.value = value;
    slider.description = description;
    SemAt(id, SemRole::Slider, name, p0, p1, slider);
}

/// A detail card for the keyboard (what hovering an event's mark or a seat shows in a tooltip):
/// beside the mark at `at`, kept inside lo..hi, the text wrapped.
void DrawDetailCard(const Theme& theme, ImDrawList* dl, const std::string& title, const std::string& body, ImVec2 at, ImVec2 lo,
                   ImVec2 hi) {
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    const float pad = theme.Dp(12);
    const float wrap = std::min(theme.Dp(320), hi.x - lo.x - 2 * pad);
    const ImVec2 ts = fonts.label->CalcTextSizeA(FontSize(fonts.label), FLT_MAX, wrap, title.c_str());
    const ImVec2 bs = fonts.small->CalcTextSizeA(FontSize(fonts.small), FLT_MAX, wrap, body.c_str());
    const float w = std::max(ts.x, bs.x) + 2 * pad, h = ts.y + theme.Dp(6) + bs.y + 2 * pad;
    float x = at.x + theme.Dp(14);
    if (x + w > hi.x) x = at.x - theme.Dp(14) - w;
    x = std::clamp(x, lo.x, std::max(lo.x, hi.x - w));
    const float y = std::clamp(at.y - h * 0.5f, lo.y, std::max(lo.y, hi.y - h));
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), pal.tooltip, theme.Dp(8));
    dl->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), pal.card_border, theme.Dp(8));
    dl->AddText(fonts.label, FontSize(fonts.label), ImVec2(x + pad, y + pad), pal.text, title.c_str(), nullptr, wrap);
    dl->AddText(fonts.small, FontSize(fonts.small), ImVec2(x + pad, y + pad + ts.y + theme.Dp(6)), pal.text_muted, body.c_str(), nullptr, wrap);
}

/// The timeline for assistive technology (web/semantics.h): an image whose name gives, per kind, how
/// many events so far and when (hidden kinds named as such), and a data table of events per year.
void PublishTimeline(const World& world, ImVec2 p0, ImVec2 p1, const bool* lane_on) {
    if (!ActiveSemantics()) return;
    std::array<int, kEventKindCount> count{}, first{}, last{};
    std::array<std::vector<int>, kEventKindCount> weeks;
    const int years = std::max(1, (std::max(1, world.Week()) + 51) / 52);
    std::vector<std::array<int, kEventKindCount>> per_year(static_cast<std::size_t>(years), std::array<int, kEventKindCount>{});
    for (const Event& e : world.Events()) {
        const auto k = static_cast<std::size_t>(e.kind);
        if (count[k]++ == 0) first[k] = e.week;
        last[k] = e.week;
        if (weeks[k].size() < 6) weeks[k].push_back(e.week);
        const int y = std::clamp((std::max(1, e.week) - 1) / 52, 0, years - 1);
        ++per_year[static_cast<std::size_t>(y)][k];
    }
    std::string text = "Event timeline of replication 0, week " + std::to_string(world.Week()) + " of " + std::to_string(world.Horizon()) + ".";
    if (world.Events().empty()) text += " No events yet: press Play to run the organisation week by week.";
    std::string hidden;
    for (int i = 0; i < kEventKindCount; ++i) {
        const Lane& lane = kLanes[i];
        const auto k = static_cast<std::size_t>(lane.kind);
        if (!lane_on[i]) {
            hidden += (hidden.empty() ? "" : ", ") + std::string(lane.label);
            continue;
        }
        text += std::string(" ") + lane.label + ": " + (count[k] == 0 ? std::string("none") : Thousands(count[k]));
        if (count[k] == 1) {
            text += " (week " + std::to_string(first[k]) + ")";
        } else if (count[k] > 1 && count[k] <= 5) {  // a few: every week
            text += " (weeks ";
            for (std::size_t j = 0; j < weeks[k].size(); ++j) text += (j ? ", " : "") + std::to_string(weeks[k][j]);
            text += ")";
        } else if (count[k] > 5) {
            text += " (weeks " + std::to_string(first[k]) + " to " + std::to_string(last[k]) + ")";
        }
        text += ".";
    }
    if (!hidden.empty()) text += " Hidden: " + hidden + ".";
    SemAt("##sem_timeline", SemRole::Image, text, p0, p1);
    if (world.Events().empty()) return;
    SemPush("##sem_timeline_table", SemRole::Table, "What happened, events per year");
    SemPush("##sem_timeline_head", SemRole::Row, "");
    SemAt("##sem_timeline_h", SemRole::ColumnHeader, "Year", ImVec2(0, 0), ImVec2(0, 0));
    for (int i = 0; i < kEventKindCount; ++i)
        SemAt(("##sem_timeline_h" + std::to_string(i)).c_str(), SemRole::ColumnHeader, kLanes[i].label, ImVec2(0, 0), ImVec2(0, 0));
    SemPop();
    for (int y = 0; y < years; ++y) {
        const std::string row = "##sem_timeline_r" + std::to_string(y);
        SemPush(row.c_str(), SemRole::Row, "");
        SemAt((row + "y").c_str(), SemRole::Cell, std::to_string(y + 1), ImVec2(0, 0), ImVec2(0, 0));
        for (int i = 0; i < kEventKindCount; ++i)
            SemAt((row + "c" + std::to_string(i)).c_str(), SemRole::Cell,
                  Thousands(per_year[static_cast<std::size_t>(y)][static_cast<std::size_t>(kLanes[i].kind)]), ImVec2(0, 0), ImVec2(0, 0));
        SemPop();
    }
    SemPop();
}

/// The people grid for assistive technology: an image whose name gives, per function, the people and
/// vacant seats, how many fall in each third of the colour scale and the mean; then a data table.
void PublishPeople(const World& world, PeopleColour mode, ImVec2 p0, ImVec2 p1) {
    if (!ActiveSemantics()) return;
    const Scenario& sc = world.GetScenario();
    const char* what = mode == PeopleColour::Morale ? "morale" : mode == PeopleColour::Tenure ? "tenure" : "cross-skill";
    const char* scale = mode == PeopleColour::Morale   ? "Morale 30 to 90"
                        : mode == PeopleColour::Tenure ? "New hire to 10+ years"
                                                       : "One skill to both skills";
    const char* bands[3] = {"below 50", "50 to 70", "70 or more"};
    if (mode == PeopleColour::Tenure) {
        bands[0] = "under 1 year";
        bands[1] = "1 to 5 years";
        bands[2] = "5 years or more";
    } else if (mode == PeopleColour::Skill) {
        bands[0] = "under 25 (mostly one skill)";
        bands[1] = "25 to 50";
        bands[2] = "50 or more (both skills)";
    }
    struct Group {
        Function function;
        int seats = 0, filled = 0;
        int band[3] = {0, 0, 0};
        double sum = 0.0;
    };
    std::vector<Group> groups;  // in the order the functions first appear among the units
    int seats = 0, filled = 0;
    for (std::size_t s = 0; s < world.SeatCount(); ++s) {
        const int u = world.SeatUnit(s);
        if (u < 0 || static_cast<std::size_t>(u) >= sc.units.size()) continue;
        const Function fn = sc.units[static_cast<std::size_t>(u)].function;
        auto g = std::find_if(groups.begin(), groups.end(), [fn](const Group& x) { return x.function == fn; });
        if (g == groups.end()) {
            groups.push_back(Group{fn});
            g = groups.end() - 1;
        }
        ++g->seats;
        ++seats;
        if (!world.SeatFilled(s)) continue;
        ++g->filled;
        ++filled;
        double v = 0.0;  // in the units the panel shows: morale and skills of 100, tenure in years
        int b = 0;
        switch (mode) {
            case PeopleColour::Morale:
                v = world.SeatMorale(s) * 100.0;
                b = v < 50.0 ? 0 : v < 70.0 ? 1 : 2;
                break;
            case PeopleColour::Tenure:
                v = world.SeatTenureWeeks(s) / 52.0;
                b = v < 1.0 ? 0 : v < 5.0 ? 1 : 2;
                break;
            case PeopleColour::Skill:
                v = std::min(world.SeatTechSkill(s), world.SeatMarketingSkill(s)) * 100.0;
                b = v < 25.0 ? 0 : v < 50.0 ? 1 : 2;
                break;
        }
        ++g->band[b];
        g->sum += v;
    }
    auto mean = [&](const Group& g) {
        if (g.filled == 0) return std::string(kEmDash);
        const double m = g.sum / g.filled;
        return mode == PeopleColour::Tenure ? Fmt("%.1f years", m) : Fmt("%.0f / 100", m);
    };
    std::string text = std::string("People coloured by ") + what + " (" + scale + "): " + Thousands(filled) + " of " + Thousands(seats) +
                       " seats filled.";
    for (const Group& g : groups) {
        text += std::string(" ") + FunctionLabel(g.function) + ": " + Thousands(g.filled) + (g.filled == 1 ? " person" : " people");
        if (g.seats > g.filled) text += ", " + Thousands(g.seats - g.filled) + " vacant";
        if (g.filled > 0) {
            text += "; " + std::string(what) + " mean " + mean(g) + " (";
            for (int b = 0; b < 3; ++b) text += std::string(b ? ", " : "") + bands[b] + ": " + Thousands(g.band[b]);
            text += ")";
        }
        text += ".";
    }
    SemAt("##sem_people", SemRole::Image, text, p0, p1);
    SemPush("##sem_people_table", SemRole::Table, std::string("People by function, ") + what);
    SemPush("##sem_people_head", SemRole::Row, "");
    std::string head_what = what;
    head_what[0] = static_cast<char>(head_what[0] - 'a' + 'A');
    const std::string heads[] = {"Function", "People", "Vacant", head_what + " " + bands[0], head_what + " " + bands[1],
                                 head_what + " " + bands[2], "Mean " + std::string(what)};
    for (std::size_t c = 0; c < std::size(heads); ++c)
        SemAt(("##sem_people_h" + std::to_string(c)).c_str(), SemRole::ColumnHeader, heads[c], ImVec2(0, 0), ImVec2(0, 0));
    SemPop();
    for (const Group& g : groups) {
        const std::string row = std::string("##sem_people_r") + FunctionKey(g.function);
        SemPush(row.c_str(), SemRole::Row, "");
        const std::string cells[] = {FunctionLabel(g.function), Thousands(g.filled), Thousands(g.seats - g.filled), Thousands(g.band[0]),
                                     Thousands(g.band[1]),      Thousands(g.band[2]), mean(g)};
        for (std::size_t c = 0; c < std::size(cells); ++c)
            SemAt((row + "c" + std::to_string(c)).c_str(), SemRole::Cell, cells[c], ImVec2(0, 0), ImVec2(0, 0));
        SemPop();
    }
    SemPop();
}
}  // namespace

void DashboardPanel::DrawTimeline(Ui& ui, const World* world, ImVec2 p0, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(p0.x + size.x, p0.y + size.y);
    SectionTile(theme, dl, p0, end);
    ui.hooks.Record("Timeline", p0.x, p0.y, size.x, size.y);
    const float pad = theme.Dp(14);
    DrawText(dl, fonts.heading, ImVec2(p0.x + pad, p0.y + pad * 0.85f), pal.text, "What happened");
    const std::string sub = world ? "Replication 0, played week by week" + std::string(kMiddot) + "week " +
                                        std::to_string(world->Week()) + " of " + std::to_string(world->Horizon())
                                  : std::string("No live run");
    const float title_w = TextSize(fonts.heading, "What happened").x;
    DrawText(dl, fonts.small, ImVec2(p0.x + pad + title_w + theme.Dp(12), p0.y + pad * 0.85f + theme.Dp(4)), pal.text_muted,
             Ellipsize(fonts.small, sub, size.x - title_w - 3 * pad).c_str());
    {
        SemNode heading;
        heading.level = 3;
        const ImVec2 at(p0.x + pad, p0.y + pad * 0.85f);
        SemAt("##sem_timeline_title", SemRole::Heading, "What happened", at, ImVec2(at.x + title_w, at.y + FontSize(fonts.heading)), heading);
        SemAt("##sem_timeline_sub", SemRole::Text, world ? "Replication 0, played week by week, week " + std::to_string(world->Week()) + " of " +
                                                           std::to_string(world->Horizon())
                                                     : sub,
              ImVec2(at.x + title_w + theme.Dp(12), at.y), ImVec2(end.x - pad, at.y + FontSize(fonts.heading)));
    }
    if (!world) return;

    // Counts per kind (so far), drawn or not.
    std::array<int, kEventKindCount> count{};
    for (const Event& e : world->Events()) ++count[static_cast<std::size_t>(e.kind)];

    const float top = p0.y + pad + FontSize(fonts.heading) + theme.Dp(10);
    const float axis_h = FontSize(fonts.small) + theme.Dp(8);
    const float lane_h = std::max(theme.Dp(16), (end.y - pad * 0.6f - axis_h - top) / kTimelineRows);
    // The kinds' chips take two fifths of a wide tile, more of a narrow one (their names are short
    // words, the plot can be narrow: it has a column a week at most).
    const float label_w = std::min(theme.Dp(240), size.x * (size.x < theme.Dp(kStackWidth) ? 0.6f : 0.4f));
    const float plot_l = p0.x + pad + label_w + theme.Dp(10), plot_r = end.x - pad;
    const int horizon = std::max(1, world->Horizon());
    auto xs = [&](double week) { return plot_l + static_cast<float>(week / horizon) * (plot_r - plot_l); };
    // Centre of a kind's marks: the row's middle, or its upper / lower half when two kinds share it.
    auto mark_y = [&](int li) {
        const float ry = top + lane_h * static_cast<float>(kRowOf[li]);
        return kKindsInRow[kRowOf[li]] == 1 ? ry + lane_h * 0.5f : ry + lane_h * (kHalfOf[li] == 0 ? 0.3f : 0.7f);
    };

    // Row labels: one toggle per kind (swatch, name, count so far) that filters its marks.
    int lane_of_kind[kEventKindCount];
    for (int i = 0; i < kEventKindCount; ++i) lane_of_kind[static_cast<int>(kLanes[i].kind)] = i;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int r = 0; r < kTimelineRows; ++r)
        if (r % 2 == 0)
            dl->AddRectFilled(ImVec2(plot_l, top + lane_h * static_cast<float>(r)),
                              ImVec2(plot_r, top + lane_h * static_cast<float>(r + 1)), WithAlpha(pal.card, 0.55f));
    const float chip_w = (label_w - theme.Dp(8)) * 0.5f;
    for (int i = 0; i < kEventKindCount; ++i) {
        const Lane& lane = kLanes[i];
        const ImU32 colour = lane.colour ? lane.colour : pal.ink;
        const float ly = top + lane_h * static_cast<float>(kRowOf[i]);
        const float lx = p0.x + pad + static_cast<float>(kHalfOf[i]) * (chip_w + theme.Dp(8));
        const bool on = lane_on_[static_cast<std::size_t>(i)];
        ImGui::SetCursorScreenPos(ImVec2(lx, ly));
        ImGui::PushID(i);
        const bool clicked = !ui.presenting && ImGui::InvisibleButton("##lane", ImVec2(chip_w, lane_h));
        if (ui.presenting) ImGui::Dummy(ImVec2(chip_w, lane_h));
        {  // the chip for assistive technology: a toggle that shows or hides the lane's marks
            const std::string said = std::string(lane.label) + " (" + Thousands(count[static_cast<std::size_t>(lane.kind)]) + ")";
            if (ui.presenting) {
                SemAt("##sem_lane", SemRole::Text, said + ": " + (on ? "shown" : "hidden"), ImVec2(lx, ly), ImVec2(lx + chip_w, ly + lane_h));
            } else {
                SemNode chip;
                chip.on = on != clicked;  // as drawn from this frame on
                chip.description = chip.on ? "Press to hide these events on the timeline." : "Press to show these events on the timeline.";
                SemItem(SemRole::Toggle, said + ": " + (chip.on ? "shown" : "hidden"), chip);
            }
        }
        ImGui::PopID();
        if (clicked) lane_on_[static_cast<std::size_t>(i)] = !on;
        ui.hooks.RecordLastItem(std::string("Timeline:filter:") + lane.key);
        const bool hov = !ui.presenting && ImGui::IsItemHovered();
        if (hov) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            Tooltip(theme, EventKindName(lane.kind), on ? "Click to hide these events." : "Click to show these events.");
        }
        const float box = std::min(lane_h * 0.6f, theme.Dp(11)), cy = ly + lane_h * 0.5f;
        const ImVec2 ba(lx, cy - box * 0.5f), bb(ba.x + box, ba.y + box);
        if (on)
            dl->AddRectFilled(ba, bb, colour, theme.Dp(3));
        else
            dl->AddRect(ba, bb, hov ? pal.text_muted : pal.axis, theme.Dp(3), 0, theme.Dp(1.5f));
        ImFont* f = fonts.small;
        const float ty = cy - FontSize(f) * 0.5f;
        const std::string cnt = Thousands(count[static_cast<std::size_t>(lane.kind)]);
        const float cnt_w = TextSize(fonts.label, cnt.c_str()).x;
        DrawText(dl, f, ImVec2(bb.x + theme.Dp(6), ty), on ? pal.text : pal.text_faint,
                 Ellipsize(f, lane.label, chip_w - box - cnt_w - theme.Dp(16)).c_str());
        DrawTextRight(dl, fonts.label, lx + chip_w - theme.Dp(4), ty, on ? pal.text_muted : pal.text_faint, cnt.c_str());
    }
    const float lanes_bottom = top + lane_h * kTimelineRows;

    // Year ticks and the current week.
    float label_end = -1e30f;  // a year's label that would touch the previous one is left out
    for (int w = 0; w <= horizon; w += 52) {
        const float x = std::round(xs(w)) + 0.5f;
        dl->AddLine(ImVec2(x, top), ImVec2(x, lanes_bottom), WithAlpha(pal.grid, 0.9f));
        char buf[24];
        std::snprintf(buf, sizeof buf, w == 0 ? "Start" : "Year %d", w / 52);
        const ImVec2 ts = TextSize(fonts.small, buf);
        const float lx = std::clamp(x - ts.x * 0.5f, plot_l, plot_r - ts.x);
        if (lx < label_end + theme.Dp(8)) continue;
        DrawText(dl, fonts.small, ImVec2(lx, lanes_bottom + theme.Dp(4)), pal.text_muted, buf);
        label_end = lx + ts.x;
    }
    if (world->Week() > 0) {
        const float x = std::round(xs(world->Week())) + 0.5f;
        dl->AddLine(ImVec2(x, top - theme.Dp(2)), ImVec2(x, lanes_bottom), pal.axis, theme.Dp(1.5f));
    }

    // Marks; find the one under the mouse.
    std::array<int, kEventKindCount> drawn{};
    const Event* hit = nullptr;
    float hit_d = theme.Dp(5);
    const bool mouse_in = ImGui::IsWindowHovered() && mouse.x >= plot_l - 4 && mouse.x <= plot_r + 4 &&
                          mouse.y >= top && mouse.y < lanes_bottom;
    const int mouse_lane = mouse_in ? static_cast<int>((mouse.y - top) / lane_h) : -1;
    dl->PushClipRect(ImVec2(plot_l - 6, top), ImVec2(plot_r + 6, lanes_bottom), true);
    for (const Event& e : world->Events()) {
        const int li = lane_of_kind[static_cast<int>(e.kind)];
        if (!lane_on_[static_cast<std::size_t>(li)]) continue;
        const Lane& lane = kLanes[li];
        const ImU32 colour = lane.colour ? lane.colour : pal.ink;
        const float x = xs(e.week - 0.5), cy = mark_y(li);
        const float half = kKindsInRow[kRowOf[li]] == 1 ? lane_h * 0.5f : lane_h * 0.25f;
        if (lane.prominent) {
            const float r = std::min(half * 0.7f, theme.Dp(5));
            if (e.kind == EventKind::ExecExit)
                dl->AddCircle(ImVec2(x, cy), r, colour, 16, theme.Dp(1.8f));
            else
                dl->AddCircleFilled(ImVec2(x, cy), r, colour, 16);
        } else {
            const float hw = std::max(theme.Dp(1.0f), 0.5f), hh = half * 0.75f;
            dl->AddRectFilled(ImVec2(x - hw, cy - hh), ImVec2(x + hw, cy + hh), WithAlpha(colour, 0.85f));
        }
        ++drawn[static_cast<std::size_t>(e.kind)];
        if (kRowOf[li] == mouse_lane && (kKindsInRow[mouse_lane] == 1 || (mouse.y < top + lane_h * (mouse_lane + 0.5f)) == (kHalfOf[li] == 0))) {
            const float d = std::fabs(mouse.x - x);
            if (d <= hit_d) {
                hit_d = d;
                hit = &e;
            }
        }
    }
    dl->PopClipRect();
    int total = 0;
    for (int i = 0; i < kEventKindCount; ++i) {
        ui.hooks.Value(std::string("timeline.") + kLanes[i].key, drawn[static_cast<std::size_t>(kLanes[i].kind)]);
        total += drawn[static_cast<std::size_t>(kLanes[i].kind)];
    }
    ui.hooks.Value("timeline.drawn", total);
    ui.hooks.Value("timeline.week", world->Week());
    PublishTimeline(*world, ImVec2(plot_l, top), ImVec2(plot_r, lanes_bottom + axis_h), lane_on_.data());
    if (world->Events().empty()) {
        // Wrapped to the plot's width (a narrow tile has room for a few words a line).
        const char* msg = "Press Play to run the organisation week by week";
        const float wrap = plot_r - plot_l - theme.Dp(16);
        const ImVec2 ts = fonts.body->CalcTextSizeA(FontSize(fonts.body), FLT_MAX, wrap, msg);
        dl->AddText(fonts.body, FontSize(fonts.body), ImVec2((plot_l + plot_r - ts.x) * 0.5f, (top + lanes_bottom - ts.y) * 0.5f),
                    pal.text_faint, msg, nullptr, wrap);
    }
    // The keyboard's way to each event (WCAG 2.1.1): a slider over the events shown, oldest first,
    // whose value text says what the hover card says; while it has the focus the event is ringed and
    // its card drawn beside it.
    std::vector<const Event*> shown;
    for (const Event& e : world->Events())
        if (lane_on_[static_cast<std::size_t>(lane_of_kind[static_cast<int>(e.kind)])]) shown.push_back(&e);
    const int count_shown = static_cast<int>(shown.size());
    const bool exploring = ExploreInput("##timeline_explore", count_shown, &explored_event_);
    if (count_shown > 0) {
        const int k = explored_event_ >= 1 && explored_event_ <= count_shown ? explored_event_ : count_shown;
        const Event& e = *shown[static_cast<std::size_t>(k - 1)];
        std::string title, body;
        ExplainEvent(*world, e, title, body);
        ExplorePublish("##timeline_explore", "Explore the events one by one",
                       "Arrows move to the previous or next event; Home and End to the first and the latest.", k, count_shown,
                       "Event " + Thousands(k) + " of " + Thousands(count_shown) + ", week " + std::to_string(e.week) + ": " + title + ". " + body,
                       ImVec2(plot_l, top), ImVec2(plot_r, lanes_bottom));
        ui.hooks.Value("timeline.explored", exploring ? k : 0);
        if (exploring && !hit) {
            const float x = xs(e.week - 0.5), cy = mark_y(lane_of_kind[static_cast<int>(e.kind)]);
            dl->AddCircle(ImVec2(x, cy), theme.Dp(7), pal.text, 20, theme.Dp(1.5f));
            DrawDetailCard(theme, dl, title, body, ImVec2(x, cy), ImVec2(p0.x + pad, top), ImVec2(end.x - pad, end.y - pad));
        }
    }
    if (hit) {
        const float x = xs(hit->week - 0.5), cy = mark_y(lane_of_kind[static_cast<int>(hit->kind)]);
        dl->AddCircle(ImVec2(x, cy), theme.Dp(7), pal.text, 20, theme.Dp(1.5f));
        std::string title, body;
        ExplainEvent(*world, *hit, title, body);
        Tooltip(theme, title, body, 380.0f);
    }
}

// ---- [SECTION] people -----------------------------------------------------------------------------
void DashboardPanel::DrawPeople(Ui& ui, const World* world, ImVec2 p0, ImVec2 size) {
    const Theme& theme = ui.theme;
    const Palette& pal = theme.Colours();
    const Fonts& fonts = theme.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(p0.x + size.x, p0.y + size.y);
    SectionTile(theme, dl, p0, end);
    ui.hooks.Record("People", p0.x, p0.y, size.x, size.y);
    const float pad = theme.Dp(14);
    DrawText(dl, fonts.heading, ImVec2(p0.x + pad, p0.y + pad * 0.85f), pal.text, "People");
    {
        SemNode heading;
        heading.level = 3;
        const ImVec2 at(p0.x + pad, p0.y + pad * 0.85f);
        SemAt("##sem_people_title", SemRole::Heading, "People", at, ImVec2(at.x + TextSize(fonts.heading, "People").x, at.y + FontSize(fonts.heading)),
              heading);
    }
    ui.hooks.Text("people.colour", PeopleColourKey(people_colour_));

    // Colour mode toggles (editing chrome; the legend stays when presenting).
    const PeopleColour modes[] = {PeopleColour::Morale, PeopleColour::Tenure, PeopleColour::Skill};
    const char* mode_labels[] = {"Morale", "Tenure", "Cross-skill"};
    float bx = end.x - pad;
    const float bh = theme.Dp(26);
    if (!ui.presenting) {
        // The three toggles as a toolbar: drawn right to left, the page orders a toolbar's items by position.
        float group_w = 0.0f;
        for (int i = 0; i < 3; ++i) group_w += TextSize(fonts.label, mode_labels[i]).x + theme.Dp(20) + theme.Dp(6);
        SemPush("##sem_people_colour", SemRole::Toolbar, "Colour people by", ImVec2(end.x - pad - group_w, p0.y + pad * 0.7f),
                ImVec2(end.x - pad, p0.y + pad * 0.7f + bh));
        for (int i = 2; i >= 0; --i) {
            const float bw = TextSize(fonts.label, mode_labels[i]).x + theme.Dp(20);
            bx -= bw;
            ImGui::SetCursorScreenPos(ImVec2(bx, p0.y + pad * 0.7f));
            if (ToggleButton(theme, (std::string("##people_") + PeopleColourKey(modes[i])).c_str(), mode_labels[i],
                             Icon::None, ImVec2(bw, bh), people_colour_ == modes[i]))
                people_colour_ = modes[i];
            ui.hooks.RecordLastItem(std::string("People:colour:") + PeopleColourKey(modes[i]));
            bx -= theme.Dp(6);
        }
        SemPop();
    }
    if (!world) {
        SemAt("##sem_people_none", SemRole::Text, "No live run", ImVec2(p0.x + pad, p0.y + pad), ImVec2(end.x - pad, end.y - pad));
        return;
    }

    const Scenario& sc = world->GetScenario();
    const std::size_t units = sc.units.size();
    seats_by_unit_.resize(units);
    for (auto& v : seats_by_unit_) v.clear();
    int filled = 0;
    for (std::size_t s = 0; s < world->SeatCount(); ++s) {
        const int u = world->SeatUnit(s);
        if (u >= 0 && static_cast<std::size_t>(u) < units) seats_by_unit_[static_cast<std::size_t>(u)].push_back(static_cast<int>(s));
        if (world->SeatFilled(s)) ++filled;
    }
    const int seats = static_cast<int>(world->SeatCount());
    {
        const std::string sub = Thousands(filled) + " / " + Thousands(seats) + " filled";
        const float tw = TextSize(fonts.heading, "People").x;
        const float room = bx - (p0.x + pad + tw + theme.Dp(12)) - theme.Dp(8);
        if (room > theme.Dp(40)) {
            DrawText(dl, fonts.small, ImVec2(p0.x + pad + tw + theme.Dp(12), p0.y + pad * 0.85f + theme.Dp(4)), pal.text_muted,
                     Ellipsize(fonts.small, sub, room).c_str());
            SemAt("##sem_people_sub", SemRole::Text, Thousands(filled) + " of " + Thousands(seats) + " seats filled",
                  ImVec2(p0.x + pad + tw + theme.Dp(12), p0.y + pad * 0.85f + theme.Dp(4)),
                  ImVec2(p0.x + pad + tw + theme.Dp(12) + room, p0.y + pad * 0.85f + theme.Dp(4) + FontSize(fonts.small)));
        }
    }

    // Legend: a sequential scale (viridis) with its ends, and the vacant-seat swatch.
    const float legend_h = FontSize(fonts.small) + theme.Dp(6);
    const float legend_y = end.y - pad * 0.7f - legend_h;
    {
        const char* lo_label = people_colour_ == PeopleColour::Morale   ? "Morale 30"
                               : people_colour_ == PeopleColour::Tenure ? "New hire"
                                                                        : "One skill";
        const char* hi_label = people_colour_ == PeopleColour::Morale   ? "90"
                               : people_colour_ == PeopleColour::Tenure ? "10+ years"
                                                                        : "Both skills";
        float x = p0.x + pad;
        const float ty = legend_y + theme.Dp(2);
        DrawText(dl, fonts.small, ImVec2(x, ty), pal.text_muted, lo_label);
        x += TextSize(fonts.small, lo_label).x + theme.Dp(8);
        const float gw = std::min(theme.Dp(140), size.x * 0.3f), gh = theme.Dp(9);
        const int steps = 24;
        for (int i = 0; i < steps; ++i) {
            const float xa = x + gw * static_cast<float>(i) / steps, xb = x + gw * static_cast<float>(i + 1) / steps;
            dl->AddRectFilled(ImVec2(xa, ty + theme.Dp(4)), ImVec2(xb + 0.5f, ty + theme.Dp(4) + gh),
                              SequentialColour((static_cast<float>(i) + 0.5f) / steps));
        }
        x += gw + theme.Dp(8);
        DrawText(dl, fonts.small, ImVec2(x, ty), pal.text_muted, hi_label);
        x += TextSize(fonts.small, hi_label).x + theme.Dp(18);
        dl->AddRect(ImVec2(x, ty + theme.Dp(3)), ImVec2(x + theme.Dp(11), ty + theme.Dp(14)), pal.text_muted, theme.Dp(2));
        DrawText(dl, fonts.small, ImVec2(x + theme.Dp(17), ty), pal.text_muted, "Vacant");
    }

    // Layout: units as blocks (header + grid of cells) in K columns, each unit into the shortest
    // column; the largest cell size that fits wins.
    const float area_x = p0.x + pad, area_y = p0.y + pad + FontSize(fonts.heading) + theme.Dp(12);
    const float area_w = size.x - 2 * pad, area_h = legend_y - theme.Dp(8) - area_y;
    const float hdr = FontSize(fonts.small) + theme.Dp(4), col_gap = theme.Dp(14), unit_gap = theme.Dp(8);
    float cell = 0.0f;
    int columns = 1;
    for (float c = theme.Dp(16); c >= 2.0f && cell == 0.0f; c -= 1.0f) {
        for (int k = 1; k <= 6; ++k) {
            const float cw = (area_w - col_gap * static_cast<float>(k - 1)) / static_cast<float>(k);
            const int per_row = static_cast<int>(cw / c);
            if (per_row < 4 || (k > 1 && cw < theme.Dp(95))) break;  // columns wide enough for unit names
            std::vector<float> h(static_cast<std::size_t>(k), 0.0f);
            for (std::size_t u = 0; u < units; ++u) {
                const int n = static_cast<int>(seats_by_unit_[u].size());
                if (n == 0) continue;
                auto it = std::min_element(h.begin(), h.end());
                *it += hdr + c * static_cast<float>((n + per_row - 1) / per_row) + unit_gap;
            }
            if (*std::max_element(h.begin(), h.end()) - unit_gap <= area_h) {
                cell = c;
                columns = k;
                break;
            }
        }
    }
    if (cell == 0.0f) {  // even 2 px cells do not fit: say so rather than draw outside
        DrawText(dl, fonts.small, ImVec2(area_x, area_y), pal.text_muted, "Too many people to show here; enlarge the window.");
        SemAt("##sem_people_none", SemRole::Text, "Too many people to show here; enlarge the window.", ImVec2(area_x, area_y),
              ImVec2(area_x + area_w, area_y + FontSize(fonts.small)));
        ui.hooks.Value("people.cells", 0);
        return;
    }
    const float col_w = (area_w - col_gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const int per_row = static_cast<int>(col_w / cell);
    const float inset = cell >= 5.0f ? std::max(1.0f, std::floor(cell * 0.14f)) : 0.0f;
    const float round = cell >= 8.0f ? theme.Dp(2) : 0.0f;
    std::vector<float> col_h(static_cast<std::size_t>(columns), 0.0f);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool mouse_in = ImGui::IsWindowHovered() && mouse.x >= area_x && mouse.x < area_x + area_w && mouse.y >= area_y &&
                          mouse.y < area_y + area_h;
    int hit_seat = -1, hit_unit = -1;
    int cells = 0;
    struct Drawn {
        int seat, unit;
        ImVec2 a, b;
    };
    std::vector<Drawn> drawn;  // the cells in drawing order, for the keyboard's exploring
    drawn.reserve(static_cast<std::size_t>(seats));
    for (std::size_t u = 0; u < units; ++u) {
        const auto& list = seats_by_unit_[u];
        const int n = static_cast<int>(list.size());
        if (n == 0) continue;
        const auto col = static_cast<std::size_t>(std::min_element(col_h.begin(), col_h.end()) - col_h.begin());
        const float bx0 = area_x + static_cast<float>(col) * (col_w + col_gap), by0 = area_y + col_h[col];
        const Unit& unit = sc.units[u];
        // Header: function colour, name, filled / seats.
        int unit_filled = 0;
        for (const int s : list) unit_filled += world->SeatFilled(static_cast<std::size_t>(s)) ? 1 : 0;
        const float hy = by0 + (hdr - FontSize(fonts.small)) * 0.5f - theme.Dp(1);
        dl->AddRectFilled(ImVec2(bx0, hy + theme.Dp(3)), ImVec2(bx0 + theme.Dp(4), hy + FontSize(fonts.small) - theme.Dp(1)),
                          FunctionColour(unit.function, theme), theme.Dp(1));
        const std::string count = Thousands(unit_filled) + "/" + Thousands(n);
        const float count_w = TextSize(fonts.small, count.c_str()).x;
        DrawText(dl, fonts.label, ImVec2(bx0 + theme.Dp(9), hy), pal.text,
                 Ellipsize(fonts.label, unit.name, col_w - count_w - theme.Dp(20)).c_str());
        DrawTextRight(dl, fonts.small, bx0 + std::min(col_w, per_row * cell), hy, pal.text_faint, count.c_str());
        const float gy = by0 + hdr;
        for (int i = 0; i < n; ++i) {
            const auto s = static_cast<std::size_t>(list[static_cast<std::size_t>(i)]);
            const float cx = bx0 + static_cast<float>(i % per_row) * cell, cy = gy + static_cast<float>(i / per_row) * cell;
            const ImVec2 a(cx, cy), b(cx + cell - inset, cy + cell - inset);
            if (world->SeatFilled(s)) {
                float t = 0.0f;
                switch (people_colour_) {
                    case PeopleColour::Morale: t = static_cast<float>((world->SeatMorale(s) - 0.3) / 0.6); break;
                    case PeopleColour::Tenure: t = static_cast<float>(world->SeatTenureWeeks(s) / 520.0); break;
                    case PeopleColour::Skill:
                        t = static_cast<float>(std::min(world->SeatTechSkill(s), world->SeatMarketingSkill(s)) / 0.75);
                        break;
                }
                dl->AddRectFilled(a, b, SequentialColour(t), round);
            } else {
                dl->AddRect(a, b, pal.text_muted, round, 0, cell >= 6.0f ? 1.0f : 0.6f);
            }
            ++cells;
            drawn.push_back({static_cast<int>(s), static_cast<int>(u), a, b});
            if (mouse_in && mouse.x >= a.x && mouse.x < cx + cell && mouse.y >= a.y && mouse.y < cy + cell) {
                hit_seat = static_cast<int>(s);
                hit_unit = static_cast<int>(u);
            }
        }
        col_h[col] += hdr + cell * static_cast<float>((n + per_row - 1) / per_row) + unit_gap;
    }
    PublishPeople(*world, people_colour_, ImVec2(area_x, area_y), ImVec2(area_x + area_w, area_y + area_h));
    ui.hooks.Value("people.cells", cells);
    ui.hooks.Value("people.seats", seats);
    ui.hooks.Value("people.filled", filled);
    ui.hooks.Value("people.cell_px", cell);

    // A seat's card: what hovering it shows, and what exploring it with the keyboard reads.
    auto seat_card = [&](int seat, int unit_index, std::string& title, std::string& body) {
        const auto s = static_cast<std::size_t>(seat);
        const Unit& unit = sc.units[static_cast<std::size_t>(unit_index)];
        title = unit.name + std::string(kMiddot) + FunctionLabel(unit.function);
        if (!world->SeatFilled(s)) {
            body = "Vacant seat: the hiring pipeline is filling it.";
        } else {
            body = "Employee #" + std::to_string(world->SeatAgent(s)) + "\nTenure: " +
                   Fmt("%.1f years", world->SeatTenureWeeks(s) / 52.0) +
                   "\nMorale: " + Fmt("%.0f / 100", world->SeatMorale(s) * 100.0) +
                   "\nSkills: technology " + Fmt("%.0f", world->SeatTechSkill(s) * 100.0) + ", marketing " +
                   Fmt("%.0f", world->SeatMarketingSkill(s) * 100.0) + " (of 100)" +
                   "\nProductivity: " + Fmt("%.0f%% of full", world->SeatProductivity(s) * 100.0) +
                   (world->SeatProductivity(s) < 1.0 ? " (still ramping up)" : "");
        }
    };
    // The keyboard's way to each seat (WCAG 2.1.1): a slider over the cells in the order drawn, unit
    // by unit, whose value text reads the seat's card; while it has the focus the seat is ringed and
    // its card drawn beside it.
    const int count_drawn = static_cast<int>(drawn.size());
    const bool exploring = ExploreInput("##people_explore", count_drawn, &explored_seat_);
    if (count_drawn > 0) {
        const int k = explored_seat_ >= 1 && explored_seat_ <= count_drawn ? explored_seat_ : 1;
        const Drawn& d = drawn[static_cast<std::size_t>(k - 1)];
        std::string title, body;
        seat_card(d.seat, d.unit, title, body);
        std::string said = body;
        for (char& ch : said)
            if (ch == '\n') ch = ' ';
        ExplorePublish("##people_explore", "Explore the people one by one",
                       "Arrows move to the previous or next seat, unit by unit; Home and End to the first and the last.", k, count_drawn,
                       "Seat " + Thousands(k) + " of " + Thousands(count_drawn) + ": " + title + ". " + said, ImVec2(area_x, area_y),
                       ImVec2(area_x + area_w, area_y + area_h));
        ui.hooks.Value("people.explored", exploring ? k : 0);
        if (exploring && hit_seat < 0) {
            const float r = std::max(theme.Dp(2), d.b.x - d.a.x);
            dl->AddRect(ImVec2(d.a.x - theme.Dp(2), d.a.y - theme.Dp(2)), ImVec2(d.a.x + r + theme.Dp(2), d.a.y + r + theme.Dp(2)), pal.text,
                        theme.Dp(2), 0, theme.Dp(1.5f));
            DrawDetailCard(theme, dl, title, body, ImVec2(d.b.x, (d.a.y + d.b.y) * 0.5f), ImVec2(p0.x + pad, p0.y + pad),
                           ImVec2(end.x - pad, end.y - pad));
        }
    }
    if (hit_seat >= 0) {
        std::string title, body;
        seat_card(hit_seat, hit_unit, title, body);
        Tooltip(theme, title, body, 320.0f);
    }
}

}  // namespace orgsim::ui
