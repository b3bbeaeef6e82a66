// app.cpp: the OrgSim front end's panels and commands (see app.h).
//
// [SECTION] Helpers
// [SECTION] Life cycle and commands
// [SECTION] Frame, layout, keys, test snapshot
// [SECTION] Widgets: cards, buttons, icons
// [SECTION] Panels: header, run controls, organisation, key figures, charts, problems
#include "web/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>

#include "web/charts.h"
#include "web/theme.h"
#include "web/ui_test_hooks.h"
#include "web/widgets.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------------------------
namespace {

constexpr ImU32 kFteColour = IM_COL32(0x00, 0x9E, 0x73, 0xFF);  // Okabe-Ito bluish green
constexpr const char* kKeyHints = "Space play / pause \xC2\xB7 \xE2\x86\x92 step \xC2\xB7 Home reset";

double Latest(const World* w, SeriesId id) {
    if (!w) return std::nan("");
    const auto& s = w->Series(id);
    return s.empty() ? std::nan("") : s.back();
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Life cycle and commands
//-----------------------------------------------------------------------------------------------
App::App(std::string assets_dir, const std::string& scenario_path, Theme& theme, TestHooks& hooks)
    : assets_dir_(std::move(assets_dir)), theme_(theme), hooks_(hooks) {
    hooks_.SetSnapshotProvider([this](TestSnapshot& s) { FillSnapshot(s); });
    LoadScenarioFile(scenario_path.empty() ? assets_dir_ + "/scenarios/default.json" : scenario_path);
}

App::~App() { hooks_.SetSnapshotProvider(nullptr); }

void App::LoadScenarioFile(const std::string& path) {
    scenario_path_ = path;
    scenario_.reset();
    world_.reset();
    problems_.clear();
    playing_ = false;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems_.push_back({path, "the file cannot be opened"});
        return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    ReadResult r;
    try {
        r = ReadScenario(text.str());
    } catch (const std::exception& e) {  // the reader reports problems; this is a last resort
        problems_.push_back({path, std::string("the scenario could not be read: ") + e.what()});
        return;
    }
    if (!r.ok()) {
        problems_ = std::move(r.problems);
        if (problems_.empty()) problems_.push_back({path, "the scenario was rejected without a reason"});
        return;
    }
    scenario_ = std::move(r.scenario);
    ws_.SetBaseline(*scenario_, path);

    // Org-chart order: depth first from the root(s), children in file order.
    const auto& units = scenario_->units;
    unit_order_.clear();
    unit_depth_.assign(units.size(), 0);
    std::vector<bool> seen(units.size(), false);
    std::vector<std::pair<int, int>> stack;  // (unit, depth)
    for (int i = static_cast<int>(units.size()) - 1; i >= 0; --i)
        if (units[static_cast<std::size_t>(i)].parent.empty()) stack.push_back({i, 0});
    while (!stack.empty()) {
        const auto [u, d] = stack.back();
        stack.pop_back();
        if (seen[static_cast<std::size_t>(u)]) continue;
        seen[static_cast<std::size_t>(u)] = true;
        unit_order_.push_back(u);
        unit_depth_[static_cast<std::size_t>(u)] = d;
        for (int c = static_cast<int>(units.size()) - 1; c >= 0; --c)
            if (units[static_cast<std::size_t>(c)].parent == units[static_cast<std::size_t>(u)].id)
                stack.push_back({c, d + 1});
    }
    for (int i = 0; i < static_cast<int>(units.size()); ++i)  // anything unreachable, at the end
        if (!seen[static_cast<std::size_t>(i)]) unit_order_.push_back(i);
    try {
        Reset();
    } catch (const std::exception& e) {
        problems_.push_back({path, std::string("the simulation could not be set up: ") + e.what()});
        scenario_.reset();
        world_.reset();
    }
}

void App::Reset() {
    playing_ = false;
    accumulator_us_ = 0;
    if (scenario_) world_ = std::make_unique<World>(*scenario_, 0);
}

void App::StepWeek() {
    playing_ = false;
    accumulator_us_ = 0;
    if (world_) world_->Step();
}

void App::SetPlaying(bool playing) {
    if (!world_) return;
    if (playing && world_->Done()) Reset();
    playing_ = playing;
    accumulator_us_ = 0;
}

void App::SetSpeed(int weeks_per_second) { speed_ = std::clamp(weeks_per_second, kMinSpeed, kMaxSpeed); }

//-----------------------------------------------------------------------------------------------
// [SECTION] Frame, layout, keys, test snapshot
//-----------------------------------------------------------------------------------------------
void App::Frame(std::int64_t dt_us) {
    ++frame_;
    if (pending_theme_) {
        theme_.Apply(static_cast<ThemeKind>(*pending_theme_));
        pending_theme_.reset();
    }
    HandleKeys();
    Advance(dt_us);
    const Layout l = ComputeLayout(ImGui::GetIO().DisplaySize);
    DrawHeader(l);
    DrawRunControls(l);
    DrawOrgSummary(l);
    if (view_ != View::Results) {
        DrawView(l);
    } else if (world_) {
        DrawKpis(l);
        DrawCharts(l);
    } else {
        DrawProblems(l);
    }
}

void App::DrawView(const Layout& l) {
    Ui ui{ws_, runner_, theme_, hooks_, assets_dir_, false, {}, {}, {}, {}};
    ui.notify = [](const std::string&, bool) {};
    ui.show = [this](View v) { view_ = v; };
    if (!ws_.Empty() && runner_.LiveRevision() != ws_.Revision()) runner_.ResetLive(ws_);
    const ImVec2 pos = l.kpi_min;
    const ImVec2 size(l.kpi_size.x, l.charts_min.y + l.charts_size.y - l.kpi_min.y);
    switch (view_) {
        case View::Gallery: gallery_.Draw(ui, pos, size); break;
        case View::Design: {
            const float gap = theme_.Dp(16);
            const float lw = std::min(theme_.Dp(380), size.x * 0.34f);
            orgchart_.Draw(ui, pos, ImVec2(size.x - lw - gap, size.y));
            levers_.Draw(ui, ImVec2(pos.x + size.x - lw, pos.y), ImVec2(lw, size.y));
            break;
        }
        case View::Results: dashboard_.Draw(ui, pos, size); break;
        case View::Compare: compare_.Draw(ui, pos, size); break;
        case View::Library: library_.Draw(ui, pos, size); break;
    }
}

void App::Advance(std::int64_t dt_us) {
    if (!playing_ || !world_) {
        accumulator_us_ = 0;
        return;
    }
    // Fixed ticks from an integer accumulator: the run's pace does not depend on the frame rate,
    // and the weeks stepped are whole weeks of the deterministic engine.
    const std::int64_t tick_us = 1000000 / speed_;
    accumulator_us_ += std::clamp<std::int64_t>(dt_us, 0, kMaxFrameMicros);
    std::int64_t weeks = accumulator_us_ / tick_us;
    if (weeks > kMaxWeeksPerFrame) {
        weeks = kMaxWeeksPerFrame;
        accumulator_us_ = 0;  // too slow to keep up: drop the backlog instead of spiralling
    } else {
        accumulator_us_ -= weeks * tick_us;
    }
    world_->StepWeeks(static_cast<int>(weeks));
    if (world_->Done()) playing_ = false;
}

void App::HandleKeys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || !world_) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) SetPlaying(!playing_);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), true)) StepWeek();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) Reset();
}

App::Layout App::ComputeLayout(ImVec2 display) const {
    const Theme& t = theme_;
    const float m = t.Dp(16);
    const float w = std::max(display.x, t.Dp(640));
    const float h = std::max(display.y, t.Dp(400));
    Layout l;
    l.header_min = ImVec2(0, 0);
    l.header_size = ImVec2(w, t.Dp(76));
    const float top = l.header_size.y + m;
    const float left_w = std::clamp(w * 0.23f, t.Dp(300), t.Dp(380));
    const float controls_h = controls_height_ > 0.0f ? controls_height_ : t.Dp(330);
    l.controls_min = ImVec2(m, top);
    l.controls_size = ImVec2(left_w, controls_h);
    l.org_min = ImVec2(m, top + controls_h + m);
    l.org_size = ImVec2(left_w, std::max(t.Dp(120), h - l.org_min.y - m));
    const float right_x = m + left_w + m;
    const float right_w = std::max(t.Dp(200), w - right_x - m);
    l.kpi_min = ImVec2(right_x, top);
    l.kpi_size = ImVec2(right_w, t.Dp(118));
    l.charts_min = ImVec2(right_x, top + l.kpi_size.y + m);
    l.charts_size = ImVec2(right_w, std::max(t.Dp(200), h - l.charts_min.y - m));
    // Wide and short (a laptop in landscape): side by side; otherwise stacked.
    l.charts_side_by_side = l.charts_size.x > 2.2f * l.charts_size.y;
    return l;
}

void App::FillSnapshot(TestSnapshot& s) const {
    s.frame = frame_;
    s.playing = playing_;
    s.fps = ImGui::GetCurrentContext() ? static_cast<double>(ImGui::GetIO().Framerate) : 0.0;
    s.speed = speed_;
    if (ImGui::GetCurrentContext()) {
        const ImGuiIO& io = ImGui::GetIO();
        s.pixel_ratio = io.DisplayFramebufferScale.x;
        s.display_w = io.DisplaySize.x;
        s.display_h = io.DisplaySize.y;
        s.font_raster_px = theme_.GetFonts().body ? theme_.GetFonts().body->FontSize : 0.0f;
    }
    s.theme = theme_.Kind() == ThemeKind::Light ? "light" : "dark";
    for (const Problem& p : problems_) s.problems.push_back(p.where + ": " + p.message);
    if (scenario_) s.scenario = scenario_->name;
    if (!world_) return;
    s.week = world_->Week();
    s.horizon = world_->Horizon();
    s.hash = world_->StateHash();
    s.points = static_cast<int>(world_->Series(SeriesId::Headcount).size());
    for (const SeriesInfo& info : SeriesTable()) s.series.push_back({info.key, Latest(world_.get(), info.id)});
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Panels: header, run controls, organisation, key figures, charts, problems
//-----------------------------------------------------------------------------------------------
void App::DrawHeader(const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(p.header));
    BeginCard("##header", l.header_min, l.header_size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = l.header_min;
    const ImVec2 b(a.x + l.header_size.x, a.y + l.header_size.y);
    dl->AddLine(ImVec2(a.x, b.y - 0.5f), ImVec2(b.x, b.y - 0.5f), p.card_border, 1.0f);
    const float m = theme_.Dp(16) + theme_.Dp(4);
    const float cy = (a.y + b.y) * 0.5f;

    // Mark: a 2x2 grid in the four headline functions' colours (an org chart in miniature).
    const float cell = theme_.Dp(11), gap = theme_.Dp(3);
    const float mx = a.x + m, my = cy - cell - gap * 0.5f;
    const Function mark[4] = {Function::Executive, Function::It, Function::Marketing, Function::Digital};
    for (int i = 0; i < 4; ++i) {
        const float x = mx + (i % 2) * (cell + gap), y = my + (i / 2) * (cell + gap);
        ImU32 c = FunctionColour(mark[i]);
        if (mark[i] == Function::Executive) c = p.ink;  // black disappears on the dark header
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cell, y + cell), c, theme_.Dp(3));
    }
    float x = mx + 2 * cell + gap + theme_.Dp(12);
    const char* brand = "OrgSim";
    DrawText(dl, f.title, ImVec2(x, cy - FontSize(f.title) * 0.5f - theme_.Dp(1)), p.text, brand);
    x += TextSize(f.title, brand).x + theme_.Dp(20);
    dl->AddLine(ImVec2(x, cy - theme_.Dp(18)), ImVec2(x, cy + theme_.Dp(18)), p.card_border, 1.0f);
    x += theme_.Dp(20);

    // Theme toggle on the right.
    const bool light = theme_.Kind() == ThemeKind::Light;
    const char* toggle_label = light ? "Dark" : "Light";
    const ImVec2 toggle_size(theme_.Dp(96), theme_.Dp(38));
    const float toggle_x = b.x - m - toggle_size.x;
    ImGui::SetCursorScreenPos(ImVec2(toggle_x, cy - toggle_size.y * 0.5f));
    if (Button(theme_, "##theme", toggle_label, light ? Icon::Moon : Icon::Sun, toggle_size, false, true))
        pending_theme_ = static_cast<int>(light ? ThemeKind::Dark : ThemeKind::Light);
    hooks_.RecordLastItem("Theme");

    // View tabs, left of the theme toggle.
    const char* tabs[] = {"Gallery", "Design", "Results", "Compare", "Library"};
    float tx = toggle_x - theme_.Dp(16);
    for (int i = 4; i >= 0; --i) {
        const ImVec2 ts(TextSize(f.label, tabs[i]).x + theme_.Dp(28), theme_.Dp(38));
        tx -= ts.x + theme_.Dp(6);
        ImGui::SetCursorScreenPos(ImVec2(tx, cy - ts.y * 0.5f));
        if (ToggleButton(theme_, (std::string("##tab") + tabs[i]).c_str(), tabs[i], Icon::None, ts, static_cast<int>(view_) == i))
            view_ = static_cast<View>(i);
        hooks_.RecordLastItem(std::string("Tab:") + tabs[i]);
    }

    // Scenario name and question.
    const float text_w = tx - theme_.Dp(24) - x;
    const std::string name = scenario_ ? scenario_->name : std::string("No scenario loaded");
    const std::string question =
        scenario_ ? scenario_->question : std::string("The scenario has problems: see the list below.");
    const float block_h = FontSize(f.heading) + theme_.Dp(3) + FontSize(f.small);
    const float ty = cy - block_h * 0.5f;
    const std::string name_fit = Ellipsize(f.heading, name, text_w);
    DrawText(dl, f.heading, ImVec2(x, ty), scenario_ ? p.text : p.danger, name_fit.c_str());
    const std::string question_fit = Ellipsize(f.small, question, text_w);
    DrawText(dl, f.small, ImVec2(x, ty + FontSize(f.heading) + theme_.Dp(3)), p.text_muted, question_fit.c_str());
    // Hovering the name shows the rationale.
    ImGui::SetCursorScreenPos(ImVec2(x, ty));
    ImGui::InvisibleButton("##scenario", ImVec2(std::max(1.0f, std::min(text_w, TextSize(f.heading, name_fit.c_str()).x)), block_h));
    hooks_.RecordLastItem("Scenario");
    if (scenario_ && ImGui::IsItemHovered() && !scenario_->description.empty()) {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(14), theme_.Dp(12)));
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(theme_.Dp(460));
        ImGui::PushFont(f.label);
        ImGui::TextUnformatted(scenario_->name.c_str());
        ImGui::PopFont();
        ImGui::PushFont(f.small);
        ImGui::TextUnformatted(scenario_->description.c_str());
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        ImGui::PopStyleVar();
    }
    EndCard();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
}

void App::DrawRunControls(const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    BeginCard("##controls", l.controls_min, l.controls_size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;
    const float x0 = ImGui::GetCursorScreenPos().x;
    const bool have = world_ != nullptr;
    const int week = have ? world_->Week() : 0;
    const int horizon = have ? world_->Horizon() : (scenario_ ? scenario_->horizon_weeks : 0);
    const bool done = have && world_->Done();

    ImGui::PushFont(f.heading);
    ImGui::TextUnformatted("Simulation");
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, theme_.Dp(2)));

    // Play / pause: the primary action.
    const char* play_label = playing_ ? "Pause" : done ? "Replay" : (week > 0 ? "Resume" : "Play");
    const Icon play_icon = playing_ ? Icon::Pause : done ? Icon::Replay : Icon::Play;
    if (Button(theme_, "##play", play_label, play_icon, ImVec2(w, theme_.Dp(48)), true, have)) SetPlaying(!playing_);
    hooks_.RecordLastItem("Play");
    if (ImGui::IsItemHovered() && ImGui::GetIO().DisplaySize.y < theme_.Dp(880)) {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(12), theme_.Dp(8)));
        ImGui::BeginTooltip();
        ImGui::PushFont(f.small);
        ImGui::TextUnformatted(kKeyHints);
        ImGui::PopFont();
        ImGui::EndTooltip();
        ImGui::PopStyleVar();
    }

    const float half = (w - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (Button(theme_, "##step", "Step week", Icon::Step, ImVec2(half, theme_.Dp(40)), false, have && !done)) StepWeek();
    hooks_.RecordLastItem("Step");
    ImGui::SameLine();
    if (Button(theme_, "##reset", "Reset", Icon::Reset, ImVec2(half, theme_.Dp(40)), false, have && week > 0)) Reset();
    hooks_.RecordLastItem("Reset");

    // Speed.
    ImGui::Dummy(ImVec2(0, theme_.Dp(4)));
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        DrawText(dl, f.label, c, p.text_muted, "Speed");
        char buf[48];
        std::snprintf(buf, sizeof buf, "%d weeks / second", speed_);
        DrawTextRight(dl, f.label, x0 + w, c.y, p.text, buf);
        ImGui::Dummy(ImVec2(w, FontSize(f.label)));
    }
    int speed = speed_;
    if (Slider(theme_, "##speed", &speed, kMinSpeed, kMaxSpeed, w)) SetSpeed(speed);
    hooks_.RecordLastItem("Speed");

    // Progress.
    ImGui::Dummy(ImVec2(0, theme_.Dp(4)));
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        char buf[64];
        std::snprintf(buf, sizeof buf, "Week %d", week);
        DrawText(dl, f.heading, c, p.text, buf);
        const float wx = TextSize(f.heading, buf).x;
        buf[0] = '\0';
        if (horizon > 0) std::snprintf(buf, sizeof buf, " of %d", horizon);
        DrawText(dl, f.body, ImVec2(c.x + wx, c.y + FontSize(f.heading) - FontSize(f.body) - theme_.Dp(1)), p.text_muted, buf);
        const double frac = horizon > 0 ? static_cast<double>(week) / horizon : 0.0;
        std::snprintf(buf, sizeof buf, "%d%%", static_cast<int>(std::floor(frac * 100.0 + 1e-9)));
        DrawTextRight(dl, f.label, x0 + w, c.y + FontSize(f.heading) - FontSize(f.label) - theme_.Dp(1), p.text_muted, buf);
        ImGui::Dummy(ImVec2(w, FontSize(f.heading)));
        const ImVec2 bar = ImGui::GetCursorScreenPos();
        const float bh = theme_.Dp(8);
        dl->AddRectFilled(bar, ImVec2(bar.x + w, bar.y + bh), p.track, bh * 0.5f);
        if (frac > 0.0)
            dl->AddRectFilled(bar, ImVec2(bar.x + std::max(bh, static_cast<float>(w * frac)), bar.y + bh), p.accent, bh * 0.5f);
        // Year marks on the track.
        for (int y = 52; y < horizon; y += 52) {
            const float tx = bar.x + w * static_cast<float>(y) / horizon;
            dl->AddLine(ImVec2(tx, bar.y + 1), ImVec2(tx, bar.y + bh - 1), WithAlpha(p.card, 0.9f), 1.5f);
        }
        ImGui::Dummy(ImVec2(w, bh));
        hooks_.RecordLastItem("Progress");
    }

    // Seed and replication, then keyboard hints.
    {
        char buf[160];
        if (scenario_) {
            const int year = week == 0 ? 1 : (week + 51) / 52;
            std::snprintf(buf, sizeof buf, "Year %d%sseed %llu%sreplication 1 of %d", year, kMiddot,
                          static_cast<unsigned long long>(scenario_->seed), kMiddot, scenario_->replications);
        } else {
            std::snprintf(buf, sizeof buf, "No scenario");
        }
        ImGui::PushFont(f.small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
        ImGui::PushTextWrapPos(x0 + w - ImGui::GetWindowPos().x);
        ImGui::TextUnformatted(buf);
        ImGui::PopStyleColor();
        if (ImGui::GetIO().DisplaySize.y >= theme_.Dp(880)) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_faint));
            ImGui::TextUnformatted(kKeyHints);
            ImGui::PopStyleColor();
        }
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }
    // Measure the content so the next frame's card fits it exactly.
    controls_height_ = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
    hooks_.Record("Panel:controls", l.controls_min.x, l.controls_min.y, l.controls_size.x, l.controls_size.y);
    EndCard();
}

void App::DrawOrgSummary(const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    BeginCard("##org", l.org_min, l.org_size, true);
    hooks_.Record("Panel:org", l.org_min.x, l.org_min.y, l.org_size.x, l.org_size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;
    const float x0 = ImGui::GetCursorScreenPos().x;
    {
        const ImVec2 c = ImGui::GetCursorScreenPos();
        DrawText(dl, f.heading, c, p.text, "Organisation");
        if (scenario_)
            DrawTextRight(dl, f.small, x0 + w, c.y + FontSize(f.heading) - FontSize(f.small) - theme_.Dp(1), p.text_faint,
                          "filled / seats");
        ImGui::Dummy(ImVec2(w, FontSize(f.heading)));
    }
    if (!scenario_) {
        ImGui::PushFont(f.small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
        ImGui::TextWrapped("The org chart appears here once a scenario loads.");
        ImGui::PopStyleColor();
        ImGui::PopFont();
        EndCard();
        return;
    }
    const auto& units = scenario_->units;
    filled_scratch_.assign(units.size(), 0);
    if (world_)
        for (std::size_t s = 0; s < world_->SeatCount(); ++s)
            if (world_->SeatFilled(s)) ++filled_scratch_[static_cast<std::size_t>(world_->SeatUnit(s))];

    const float row_h = FontSize(f.body) + theme_.Dp(10);
    const float sw = theme_.Dp(12);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    for (const int ui : unit_order_) {
        const Unit& u = units[static_cast<std::size_t>(ui)];
        const int depth = std::min(unit_depth_[static_cast<std::size_t>(ui)], 6);
        const ImVec2 c = ImGui::GetCursorScreenPos();
        ImGui::PushID(ui);
        ImGui::InvisibleButton("##unit", ImVec2(w, row_h));
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        if (hovered)
            dl->AddRectFilled(ImVec2(c.x - theme_.Dp(8), c.y), ImVec2(c.x + w + theme_.Dp(8), c.y + row_h),
                              p.control, theme_.Dp(6));
        // Tree guide: a faint line from the parent's swatch.
        const float indent = theme_.Dp(16) * static_cast<float>(depth);
        const float cy = c.y + row_h * 0.5f;
        if (depth > 0) {
            const float gx = c.x + indent - theme_.Dp(10);
            dl->AddLine(ImVec2(gx, c.y - theme_.Dp(2)), ImVec2(gx, cy), p.axis, 1.0f);
            dl->AddLine(ImVec2(gx, cy), ImVec2(gx + theme_.Dp(6), cy), p.axis, 1.0f);
        }
        const ImVec2 s0(c.x + indent, cy - sw * 0.5f);
        dl->AddRectFilled(s0, ImVec2(s0.x + sw, s0.y + sw), FunctionColour(u.function), theme_.Dp(3));
        dl->AddRect(s0, ImVec2(s0.x + sw, s0.y + sw), WithAlpha(p.text, 0.25f), theme_.Dp(3));

        // Right: filled / seats.
        const int filled = filled_scratch_[static_cast<std::size_t>(ui)];
        const std::string seats = " / " + Thousands(u.headcount);
        const std::string fill = Thousands(filled);
        const float seats_w = TextSize(f.small, seats.c_str()).x;
        const float fill_w = TextSize(f.label, fill.c_str()).x;
        const float right = x0 + w;
        DrawText(dl, f.small, ImVec2(right - seats_w, cy - FontSize(f.small) * 0.5f), p.text_muted, seats.c_str());
        const bool short_staffed = filled < u.headcount;
        DrawText(dl, f.label, ImVec2(right - seats_w - fill_w, cy - FontSize(f.label) * 0.5f),
                 short_staffed ? p.text : p.text_muted, fill.c_str());

        // Name and executive role.
        const float name_x = s0.x + sw + theme_.Dp(10);
        const char* role = RoleLabel(u.head);
        const float role_w = *role ? TextSize(f.label, role).x + theme_.Dp(12) : 0.0f;
        const float name_max = right - seats_w - fill_w - theme_.Dp(12) - name_x - (role_w > 0 ? role_w + theme_.Dp(8) : 0);
        const std::string name = Ellipsize(f.body, u.name, std::max(theme_.Dp(30), name_max));
        DrawText(dl, f.body, ImVec2(name_x, cy - FontSize(f.body) * 0.5f), p.text, name.c_str());
        if (*role) {
            const float rx = name_x + TextSize(f.body, name.c_str()).x + theme_.Dp(8);
            const float rh = FontSize(f.label) + theme_.Dp(4);
            dl->AddRectFilled(ImVec2(rx, cy - rh * 0.5f), ImVec2(rx + role_w, cy + rh * 0.5f),
                              WithAlpha(u.function == Function::Executive ? p.ink : FunctionColour(u.function), 0.16f),
                              rh * 0.5f);
            DrawText(dl, f.label, ImVec2(rx + theme_.Dp(6), cy - FontSize(f.label) * 0.5f), p.text_muted, role);
        }
        if (hovered) {
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(14), theme_.Dp(12)));
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(theme_.Dp(8), theme_.Dp(6)));
            ImGui::BeginTooltip();
            ImGui::PushFont(f.label);
            ImGui::TextUnformatted(u.name.c_str());
            ImGui::PopFont();
            ImGui::PushFont(f.small);
            ImGui::Text("Function: %s", FunctionLabel(u.function));
            if (*role) ImGui::Text("Headed by the %s", role);
            ImGui::Text("Seats: %d%s%d filled, %d open", u.headcount, kMiddot, filled, u.headcount - filled);
            ImGui::Text("Budget: $%.1fM a year", u.budget_musd);
            if (!u.parent.empty()) {
                const int pi = scenario_->FindUnit(u.parent);
                if (pi >= 0) ImGui::Text("Reports to: %s", units[static_cast<std::size_t>(pi)].name.c_str());
            }
            ImGui::PopFont();
            ImGui::EndTooltip();
            ImGui::PopStyleVar(2);
        }
    }
    ImGui::PopStyleVar();

    // Legend of the functions present, in palette order: two passes, one to measure (it is shown
    // only where it fits without scrolling; the rows' tooltips name the function anyway).
    const float item_h = FontSize(f.small) + theme_.Dp(8);
    auto legend = [&](bool draw, float top) {
        float lx = x0, ly = top;
        for (int fi = 0; fi < kFunctionCount; ++fi) {
            const auto fn = static_cast<Function>(fi);
            if (std::none_of(units.begin(), units.end(), [&](const Unit& u) { return u.function == fn; })) continue;
            const char* label = FunctionLabel(fn);
            const float iw = theme_.Dp(16) + TextSize(f.small, label).x;
            if (lx > x0 && lx + iw > x0 + w) {
                lx = x0;
                ly += item_h;
            }
            if (draw) {
                const float cy = ly + FontSize(f.small) * 0.5f;
                const ImVec2 a(lx, cy - theme_.Dp(5)), b(lx + theme_.Dp(10), cy + theme_.Dp(5));
                dl->AddRectFilled(a, b, FunctionColour(fn), theme_.Dp(2.5f));
                dl->AddRect(a, b, WithAlpha(p.text, 0.25f), theme_.Dp(2.5f));
                DrawText(dl, f.small, ImVec2(lx + theme_.Dp(16), ly), p.text_muted, label);
            }
            lx += iw + theme_.Dp(14);
        }
        return ly + item_h - top;
    };
    const float legend_h = theme_.Dp(21) + legend(false, 0.0f);
    if (ImGui::GetContentRegionAvail().y >= legend_h) {
        ImGui::Dummy(ImVec2(0, theme_.Dp(10)));
        const ImVec2 c = ImGui::GetCursorScreenPos();
        dl->AddLine(ImVec2(c.x, c.y), ImVec2(c.x + w, c.y), p.card_border, 1.0f);
        legend(true, c.y + theme_.Dp(11));
    }
    EndCard();
}

void App::DrawKpis(const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const World& w = *world_;
    const int seats = scenario_->TotalHeadcount();
    const double head = Latest(&w, SeriesId::Headcount);
    const double fte = Latest(&w, SeriesId::EffectiveFte);
    const double vac = Latest(&w, SeriesId::Vacancies);
    const double t_it = Latest(&w, SeriesId::TurnoverIt);
    const double t_mk = Latest(&w, SeriesId::TurnoverMarketing);
    const bool any = std::isfinite(head);

    struct Tile {
        const char* id;  ///< window id; the test hooks name the tile Kpi:<key>
        const char* key;
        const char* label;
        std::string value;
        std::string unit;
        std::string note;
        ImU32 colour;
    };
    char buf[96];
    std::vector<Tile> tiles;
    std::snprintf(buf, sizeof buf, "of %s seats%s%s open", Thousands(seats).c_str(), kMiddot,
                  any ? Thousands(std::llround(vac)).c_str() : "0");
    tiles.push_back({"##kpi_head", "headcount", "Headcount", any ? FormatValue(head, ValueFormat::Count) : Thousands(seats), "people", buf, p.ink});
    std::snprintf(buf, sizeof buf, "%.0f%% of seats, after ramp-up", any && seats > 0 ? 100.0 * fte / seats : 100.0);
    tiles.push_back({"##kpi_fte", "effective_fte", "Effective capacity", any ? FormatValue(fte, ValueFormat::Decimal1) : std::string("\xE2\x80\x94"), "FTE",
                     any ? std::string(buf) : std::string("full-time equivalents, after ramp-up"), kFteColour});
    tiles.push_back({"##kpi_it", "turnover_it", "IT turnover", any ? FormatValue(t_it, ValueFormat::Percent) : std::string("\xE2\x80\x94"), "per year",
                     "IT, digital and security staff", FunctionColour(Function::It)});
    tiles.push_back({"##kpi_mk", "turnover_marketing", "Marketing turnover", any ? FormatValue(t_mk, ValueFormat::Percent) : std::string("\xE2\x80\x94"), "per year",
                     "marketing and martech staff", FunctionColour(Function::Marketing)});

    const float gap = theme_.Dp(16);
    const float tw = (l.kpi_size.x - gap * static_cast<float>(tiles.size() - 1)) / static_cast<float>(tiles.size());
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(18), theme_.Dp(14)));
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const Tile& t = tiles[i];
        const ImVec2 pos(l.kpi_min.x + (tw + gap) * static_cast<float>(i), l.kpi_min.y);
        BeginCard(t.id, pos, ImVec2(tw, l.kpi_size.y));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        // Colour key: a bar along the tile's left edge, inside the rounded corners.
        dl->AddRectFilled(ImVec2(pos.x + 1, pos.y + theme_.Dp(14)), ImVec2(pos.x + theme_.Dp(5), pos.y + l.kpi_size.y - theme_.Dp(14)),
                          t.colour, theme_.Dp(2));
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float inner = tw - 2 * theme_.Dp(18);
        DrawText(dl, f.label, c, p.text_muted, t.label);
        const float vy = c.y + FontSize(f.label) + theme_.Dp(6);
        DrawText(dl, f.display, ImVec2(c.x, vy), p.text, t.value.c_str());
        const float vw = TextSize(f.display, t.value.c_str()).x;
        if (any)  // no unit next to a dash
            DrawText(dl, f.body, ImVec2(c.x + vw + theme_.Dp(6), vy + FontSize(f.display) - FontSize(f.body) - theme_.Dp(3)),
                     p.text_muted, t.unit.c_str());
        const std::string note = Ellipsize(f.small, t.note, inner);
        DrawText(dl, f.small, ImVec2(c.x, vy + FontSize(f.display) + theme_.Dp(6)), p.text_faint, note.c_str());
        hooks_.Record(std::string("Kpi:") + t.key, pos.x, pos.y, tw, l.kpi_size.y);
        EndCard();
    }
    ImGui::PopStyleVar();
}

void App::DrawCharts(const Layout& l) {
    const Palette& p = theme_.Colours();
    const World& w = *world_;
    const float gap = theme_.Dp(16);
    ImVec2 size, second;
    if (l.charts_side_by_side) {
        size = ImVec2((l.charts_size.x - gap) * 0.5f, l.charts_size.y);
        second = ImVec2(l.charts_min.x + size.x + gap, l.charts_min.y);
    } else {
        size = ImVec2(l.charts_size.x, (l.charts_size.y - gap) * 0.5f);
        second = ImVec2(l.charts_min.x, l.charts_min.y + size.y + gap);
    }
    const char* empty = "Press Play to run the simulation";
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(22), theme_.Dp(18)));

    BeginCard("##chart_workforce", l.charts_min, size);
    {
        ChartSpec spec;
        spec.title = "Workforce";
        spec.subtitle = "people in post and effective capacity, end of each week";
        spec.format = ValueFormat::Count;
        spec.horizon_weeks = w.Horizon();
        spec.empty_message = empty;
        std::vector<ChartLine> lines(2);
        lines[0].label = "Headcount";
        lines[0].values = &w.Series(SeriesId::Headcount);
        lines[0].colour = p.ink;
        lines[1].label = "Effective FTE";
        lines[1].values = &w.Series(SeriesId::EffectiveFte);
        lines[1].colour = kFteColour;
        const ChartResult r = LineChart("##workforce", spec, lines, ImGui::GetContentRegionAvail(), theme_);
        hooks_.Record("Chart:headcount", r.min.x, r.min.y, r.max.x - r.min.x, r.max.y - r.min.y);
    }
    EndCard();

    BeginCard("##chart_turnover", second, size);
    {
        ChartSpec spec;
        spec.title = "Staff turnover: IT vs marketing";
        spec.subtitle = "share of staff leaving per year, trailing 52 weeks (year one includes a year of history at the calibrated rates)";
        spec.format = ValueFormat::Percent;
        spec.horizon_weeks = w.Horizon();
        spec.include_zero = true;
        spec.empty_message = empty;
        std::vector<ChartLine> lines(3);
        lines[0].label = "IT";
        lines[0].values = &w.Series(SeriesId::TurnoverIt);
        lines[0].colour = FunctionColour(Function::It);
        lines[1].label = "Marketing";
        lines[1].values = &w.Series(SeriesId::TurnoverMarketing);
        lines[1].colour = FunctionColour(Function::Marketing);
        lines[2].label = "All staff";
        lines[2].values = &w.Series(SeriesId::TurnoverAnnual);
        lines[2].colour = WithAlpha(p.ink, 0.55f);
        lines[2].thickness = 1.75f;
        const ChartResult r = LineChart("##turnover", spec, lines, ImGui::GetContentRegionAvail(), theme_);
        hooks_.Record("Chart:turnover", r.min.x, r.min.y, r.max.x - r.min.x, r.max.y - r.min.y);
    }
    EndCard();
    ImGui::PopStyleVar();
}

void App::DrawProblems(const Layout& l) {
    const Palette& p = theme_.Colours();
    const Fonts& f = theme_.GetFonts();
    const ImVec2 pos = l.kpi_min;
    const ImVec2 size(l.kpi_size.x, l.charts_min.y + l.charts_size.y - l.kpi_min.y);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.Dp(28), theme_.Dp(24)));
    BeginCard("##problems", pos, size, true);
    hooks_.Record("Panel:problems", pos.x, pos.y, size.x, size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(pos.x + 1, pos.y + theme_.Dp(18)), ImVec2(pos.x + theme_.Dp(5), pos.y + theme_.Dp(70)), p.danger, theme_.Dp(2));
    ImGui::PushFont(f.title);
    ImGui::TextUnformatted("The scenario could not be loaded");
    ImGui::PopFont();
    ImGui::PushFont(f.body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
    ImGui::TextWrapped("%s", scenario_path_.c_str());
    ImGui::TextWrapped("Nothing was simulated. Fix the problems below in the scenario file and open it again.");
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, theme_.Dp(8)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%zu problem%s", problems_.size(), problems_.size() == 1 ? "" : "s");
    ImGui::PushFont(f.heading);
    ImGui::TextUnformatted(buf);
    ImGui::PopFont();
    for (const Problem& pr : problems_) {
        ImGui::PushFont(f.label);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.danger));
        ImGui::TextUnformatted(pr.where.empty() ? "(document)" : pr.where.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::PushFont(f.body);
        ImGui::Indent(theme_.Dp(14));
        ImGui::TextWrapped("%s", pr.message.c_str());
        ImGui::Unindent(theme_.Dp(14));
        ImGui::PopFont();
    }
    EndCard();
    ImGui::PopStyleVar();
}

}  // namespace orgsim::ui
