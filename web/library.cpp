// library.cpp: the model library view (see library.h).
//
// [SECTION] Texts and published values
// [SECTION] Loading and running
// [SECTION] Figures from results
// [SECTION] Drawing: side bar, figure, explanation
#include "web/library.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "web/charts.h"
#include "web/widgets.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// [SECTION] Texts and published values
//-----------------------------------------------------------------------------------------------
namespace {

constexpr int kReplicationChoices[] = {10, 40, 80, 200};
constexpr double kSliceMs = 8.0;  ///< replication work per frame, milliseconds

const char* kModelText =
    "An organisation keeps a code, its official view of a reality of 30 dimensions, each +1 or -1; its 50 "
    "people hold beliefs of their own. Each period people drift toward the code (socialisation, rate p1), "
    "and the code adopts the majority view of those who currently do better than it (code learning, rate "
    "p2). Both kinds of learning raise knowledge quickly, and both destroy the diversity the code learns "
    "from, so learning stops at an equilibrium that is not necessarily right.";

struct KindText {
    MarchExperimentKind kind;
    const char* title;  ///< short, for the list
    const char* sub;
    const char* shows;  ///< what the figure shows
};

const KindText kKindTexts[] = {
    {MarchExperimentKind::Figure1, "Figure 1: learning rates", "equilibrium knowledge",
     "Each point is the code's knowledge at equilibrium (K/m: right minus wrong dimensions, out of 30), the mean "
     "over the replications with one standard error either side. The slower people adopt the code (small p1), "
     "the more the code ends up knowing, most of all when the code itself learns fast (p2 = 0.9): slow learners "
     "keep alternatives alive long enough for the code to learn from them. Hollow circles are the published "
     "replication of March's program (Workiewicz 2019, 10,000 runs per point); with few replications expect "
     "differences of about two standard errors."},
    {MarchExperimentKind::Mix, "Figure 2: slow and fast learners", "a mix vs everyone alike",
     "Mixed: some of the 50 people learn fast (p1 = 0.9), the rest slowly (p1 = 0.1). Uniform: everyone learns "
     "at the same mean rate. Both see the same reality and start from the same beliefs. At every mean rate the "
     "mix ends up knowing more: the slow learners keep the diversity, the fast ones spread what the code learns "
     "from them."},
    {MarchExperimentKind::Turnover, "Figure 4: turnover", "knowledge in period 20",
     "Each period every person leaves with probability p3 and is replaced by a newcomer with random beliefs; "
     "the code's knowledge is read in period 20. With slow socialisation turnover only costs knowledge; with "
     "fast socialisation a moderate rate raises it, because newcomers bring back the diversity that fast "
     "socialisation destroys, and too much lowers it again."},
    {MarchExperimentKind::Turbulence, "Figure 5: turbulence", "knowledge over time",
     "Each period every dimension of reality flips with probability p4 = 0.02. Without turnover the people "
     "converge on the code, nobody can outperform it, the code stops learning, and its knowledge decays as the "
     "world drifts away. With turnover (p3 = 0.1) newcomers keep bringing fresh beliefs, so the code keeps "
     "learning and its knowledge holds."},
};

const KindText& TextOf(MarchExperimentKind k) {
    for (const KindText& t : kKindTexts)
        if (t.kind == k) return t;
    return kKindTexts[0];
}

/// Figure 1 as published by Workiewicz's replication of March's program (10,000 runs per cell;
/// docs/march1991.md): equilibrium code knowledge K/m for p1 = 0.1..0.9 (index) and p2.
struct Reference {
    double p2;
    double k[9];
};
const Reference kFigure1Reference[] = {
    {0.1, {0.863, 0.817, 0.805, 0.802, 0.799, 0.803, 0.806, 0.809, 0.813}},
    {0.5, {0.954, 0.909, 0.869, 0.837, 0.811, 0.787, 0.768, 0.754, 0.742}},
    {0.9, {0.972, 0.940, 0.908, 0.874, 0.840, 0.807, 0.780, 0.756, 0.728}},
};

std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Colour of the k-th curve: Okabe-Ito, in an order that stays apart for every colour-vision type,
/// shaded where needed for 3:1 against the card (FunctionLineColour).
ImU32 CurveColour(int k, const Theme& theme) {
    const Function order[] = {Function::Marketing, Function::It, Function::Digital, Function::Security, Function::Analytics,
                              Function::Finance};
    return FunctionLineColour(order[static_cast<std::size_t>(k) % 6], theme);
}

/// Text with its " · " separators read as commas (for assistive technology).
std::string Spoken(std::string s) {
    const std::string dot = kMiddot;
    for (std::size_t at = s.find(dot); at != std::string::npos; at = s.find(dot, at)) s.replace(at, dot.size(), ", ");
    return s;
}

/// A code knowledge value as the figure's hover card prints it.
std::string Knowledge(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v + 0.0);
    return buf;
}

/// The x variable's symbol in words: "p1", "p3", "mean p1", "period".
std::string XSymbol(const std::string& x_label) {
    std::istringstream words(x_label);
    std::string w;
    while (words >> w)
        if (w.size() >= 2 && w[0] == 'p' && w[1] >= '0' && w[1] <= '9') return (x_label.rfind("mean ", 0) == 0 ? "mean " : "") + w;
    return x_label.substr(0, x_label.find(" ("));
}

/// A figure for assistive technology (web/semantics.h): an image whose name is the title, what it
/// shows and each curve's first, last and highest value; then the curves as a data table, one row
/// per x value (about 20 rows at most).
void PublishFigure(const char* id, const LibraryPanel::Figure& fig, ImVec2 p0, ImVec2 p1) {
    if (!ActiveSemantics()) return;
    const std::string xs = XSymbol(fig.x_label);
    // Published values (Figure 1) are keyed "ref.<p2>".
    auto name = [](const LibraryPanel::Curve& cv) {
        return cv.reference ? "published replication (p2 = " + cv.key.substr(cv.key.rfind("ref.", 0) == 0 ? 4 : 0) + ")" : cv.label;
    };
    auto at = [&](const LibraryPanel::Curve& cv, std::size_t i) {
        return Knowledge(cv.mean[i]) + (xs == "period" ? " in period " : " at " + xs + " = ") + cv.x_keys[i];
    };
    std::string subtitle = fig.subtitle;
    if (!subtitle.empty() && subtitle[0] >= 'a' && subtitle[0] <= 'z') subtitle[0] = static_cast<char>(subtitle[0] - 'a' + 'A');
    std::string text = "Figure: " + fig.title + ". " + subtitle + ".";
    if (!fig.has_data) text += " No results yet: press Run to compute this figure.";
    std::vector<const LibraryPanel::Curve*> shown;
    for (const LibraryPanel::Curve& cv : fig.curves) {
        if (cv.x.empty() || cv.mean.size() != cv.x.size() || cv.x_keys.size() != cv.x.size()) continue;
        if (!cv.reference && !fig.has_data) continue;
        shown.push_back(&cv);
        const std::size_t n = cv.x.size();
        const std::size_t top = static_cast<std::size_t>(std::max_element(cv.mean.begin(), cv.mean.end()) - cv.mean.begin());
        text += " " + name(cv) + ": " + (n == 1 ? at(cv, 0) : "from " + at(cv, 0) + " to " + at(cv, n - 1));
        if (n > 2 && top != 0 && top != n - 1) text += ", highest " + at(cv, top);
        text += ".";
    }
    SemAt(id, SemRole::Image, text, p0, p1);
    if (shown.empty()) return;
    // The data table: the x values of every curve, thinned to about 20 rows (and the last).
    std::map<double, std::string> xv;
    for (const LibraryPanel::Curve* cv : shown)
        for (std::size_t i = 0; i < cv->x.size(); ++i) xv.emplace(cv->x[i], cv->x_keys[i]);
    std::size_t stride = 1;
    for (const std::size_t s : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000})
        if ((stride = s) * 25 >= xv.size()) break;
    const std::string table_id = std::string(id) + "##sem_table";
    SemPush(table_id.c_str(), SemRole::Table, fig.title + ", data");
    SemPush((table_id + "h").c_str(), SemRole::Row, "");
    SemAt((table_id + "h0").c_str(), SemRole::ColumnHeader, xs, ImVec2(0, 0), ImVec2(0, 0));
    for (std::size_t c = 0; c < shown.size(); ++c)
        SemAt((table_id + "h" + std::to_string(c + 1)).c_str(), SemRole::ColumnHeader,
              shown[c]->reference ? name(*shown[c]) : shown[c]->label + ", mean \xC2\xB1 one standard error", ImVec2(0, 0), ImVec2(0, 0));
    SemPop();
    std::size_t r = 0;
    for (auto it = xv.begin(); it != xv.end(); ++it, ++r) {
        if (r % stride != 0 && std::next(it) != xv.end()) continue;
        const std::string row = table_id + "r" + std::to_string(r);
        SemPush(row.c_str(), SemRole::Row, "");
        SemAt((row + "c0").c_str(), SemRole::Cell, it->second, ImVec2(0, 0), ImVec2(0, 0));
        for (std::size_t c = 0; c < shown.size(); ++c) {
            const LibraryPanel::Curve& cv = *shown[c];
            std::string cell;
            for (std::size_t i = 0; i < cv.x.size(); ++i)
                if (cv.x[i] == it->first) {
                    cell = Knowledge(cv.mean[i]);
                    if (!cv.reference && i < cv.se.size()) cell += " \xC2\xB1 " + Knowledge(cv.se[i]);
                    break;
                }
            SemAt((row + "c" + std::to_string(c + 1)).c_str(), SemRole::Cell, cell, ImVec2(0, 0), ImVec2(0, 0));
        }
        SemPop();
    }
    SemPop();
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Loading and running
//-----------------------------------------------------------------------------------------------
void LibraryPanel::Load(const std::string& assets_dir) {
    loaded_ = true;
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(assets_dir) / "scenarios" / "march";
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path());
    if (ec || files.empty()) problems_.push_back(dir.string() + ": no experiments found");
    for (const fs::path& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        MarchReadResult r = ReadMarchScenario(text.str());
        if (!r.ok()) {
            problems_.push_back(f.filename().string() + ": " + (r.problems.empty() ? "unreadable" : r.problems[0].message));
            continue;
        }
        Entry e;
        e.id = f.stem().string();
        e.scenario = *r.scenario;
        entries_.push_back(std::move(e));
    }
    // The paper's order: Figure 1, 2, 4, 5.
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return static_cast<int>(a.scenario.experiment) < static_cast<int>(b.scenario.experiment);
    });
}

void LibraryPanel::Start(Entry& e) {
    MarchScenario s = e.scenario;
    s.replications = replications_;
    e.run = std::make_unique<MarchExperiment>(s);
    e.seconds = 0.0;
    running_ = static_cast<int>(&e - entries_.data());
}

void LibraryPanel::Slice(double budget_ms) {
    if (running_ < 0 || running_ >= static_cast<int>(entries_.size())) return;
    Entry& e = entries_[static_cast<std::size_t>(running_)];
    if (!e.run || e.run->Done()) {
        running_ = -1;
        return;
    }
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    double ms = 0.0;
    // One replication at a time (each runs to equilibrium or its horizon: well under a millisecond).
    while (!e.run->Done() && ms < budget_ms) {
        e.run->RunChunk(1);
        ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    e.seconds += ms / 1000.0;
    if (e.run->Done()) running_ = -1;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Figures from results
//-----------------------------------------------------------------------------------------------
LibraryPanel::Figure LibraryPanel::BuildFigure(const Ui& ui, const Entry& e) const {
    const MarchScenario& s = e.scenario;
    Figure fig;
    fig.y_label = "code knowledge K/m";
    const MarchExperiment* ex = e.run.get();
    const auto code = MarchSeries::CodeKnowledge;
    auto stat_of = [&](std::size_t ci) { return MarchSummarise(ex->Result(ci).Final(code)); };
    // Curves keyed by an index; points appended in cell order.
    auto curve = [&](std::size_t k, const std::string& label, const std::string& key) -> Curve& {
        while (fig.curves.size() <= k) fig.curves.emplace_back();
        Curve& c = fig.curves[k];
        c.label = label;
        c.key = key;
        c.colour = CurveColour(static_cast<int>(k), ui.theme);
        return c;
    };
    auto add = [&](Curve& c, double x, const MarchStat& st) {
        c.x.push_back(x);
        c.mean.push_back(st.mean);
        c.se.push_back(st.se);
        c.x_keys.push_back(Num(x));
        if (st.n > 0) fig.has_data = true;
    };

    switch (s.experiment) {
        case MarchExperimentKind::Figure1: {
            fig.title = "Equilibrium knowledge falls as socialisation speeds up";
            fig.subtitle = "code knowledge at equilibrium (K/m: right minus wrong, of 30 dimensions); one curve per code learning rate p2";
            fig.x_label = "socialisation rate p1 (chance per period a differing belief moves toward the code)";
            fig.x_min = 0.05;
            fig.x_max = 0.95;
            fig.x_ticks = s.p1;
            for (std::size_t i2 = 0; i2 < s.p2.size(); ++i2) curve(i2, "p2 = " + Num(s.p2[i2]), Num(s.p2[i2]));
            if (ex)
                for (std::size_t ci = 0; ci < ex->Cells().size(); ++ci) {
                    const MarchCell& c = ex->Cells()[ci];
                    if (c.i_p3 != 0 || c.i_p4 != 0) continue;
                    add(fig.curves[static_cast<std::size_t>(c.i_p2)], s.p1[static_cast<std::size_t>(c.i_p1)], stat_of(ci));
                }
            // The published values, as hollow markers in each p2's colour.
            const std::size_t n_model = fig.curves.size();
            for (std::size_t i2 = 0; i2 < n_model; ++i2)
                for (const Reference& ref : kFigure1Reference) {
                    if (std::fabs(ref.p2 - s.p2[i2]) > 1e-9) continue;
                    Curve r;
                    r.label = "published";
                    r.key = "ref." + Num(ref.p2);
                    r.colour = fig.curves[i2].colour;
                    r.reference = true;
                    for (double p1 : s.p1) {
                        const int idx = static_cast<int>(std::lround(p1 * 10.0)) - 1;
                        if (idx < 0 || idx > 8 || std::fabs(p1 - 0.1 * (idx + 1)) > 1e-9) continue;
                        r.x.push_back(p1);
                        r.mean.push_back(ref.k[idx]);
                        r.se.push_back(0.0);
                        r.x_keys.push_back(Num(p1));
                    }
                    fig.curves.push_back(std::move(r));
                }
            break;
        }
        case MarchExperimentKind::Mix: {
            fig.title = "A mix of slow and fast learners beats a uniform population";
            fig.subtitle = "code knowledge at equilibrium (K/m) by the population's mean socialisation rate; p1 = " +
                           Num(s.p1_slow) + " for slow and " + Num(s.p1_fast) + " for fast learners";
            fig.x_label = "mean socialisation rate p1 of the population";
            fig.x_min = std::min(s.p1_slow, s.p1_fast) - 0.05;
            fig.x_max = std::max(s.p1_slow, s.p1_fast) + 0.05;
            fig.x_ticks = NiceTicks(std::min(s.p1_slow, s.p1_fast), std::max(s.p1_slow, s.p1_fast), 8);
            for (std::size_t i2 = 0; i2 < s.p2.size(); ++i2) {
                const std::string suffix = s.p2.size() > 1 ? ", p2 = " + Num(s.p2[i2]) : "";
                curve(2 * i2, "mixed (slow and fast)" + suffix, "mixed" + (s.p2.size() > 1 ? "." + Num(s.p2[i2]) : ""));
                curve(2 * i2 + 1, "uniform (everyone at the mean)" + suffix, "uniform" + (s.p2.size() > 1 ? "." + Num(s.p2[i2]) : ""));
            }
            if (ex)
                for (std::size_t ci = 0; ci < ex->Cells().size(); ++ci) {
                    const MarchCell& c = ex->Cells()[ci];
                    const int k = c.params.fast_learners;
                    // Both cells of a pair sit at the mixed population's mean rate.
                    const int k_mixed = c.uniform ? s.fast_learners[static_cast<std::size_t>(c.i_fast)] : k;
                    const double mean_p1 = (k_mixed * s.p1_fast + (s.people - k_mixed) * s.p1_slow) / s.people;
                    add(fig.curves[2 * static_cast<std::size_t>(c.i_p2) + (c.uniform ? 1 : 0)], mean_p1, stat_of(ci));
                }
            break;
        }
        case MarchExperimentKind::Turnover: {
            fig.title = "With fast socialisation, moderate turnover raises knowledge";
            fig.subtitle = "code knowledge (K/m) in period " + std::to_string(s.periods) + " by turnover p3; one curve per socialisation rate p1";
            fig.x_label = "turnover p3 (chance per period that a person is replaced)";
            const double hi = s.p3.empty() ? 1.0 : *std::max_element(s.p3.begin(), s.p3.end());
            fig.x_min = 0.0 - hi * 0.03;
            fig.x_max = hi * 1.03;
            fig.x_ticks = NiceTicks(0.0, hi, 6);
            for (std::size_t i1 = 0; i1 < s.p1.size(); ++i1)
                for (std::size_t i2 = 0; i2 < s.p2.size(); ++i2) {
                    const std::string label = "p1 = " + Num(s.p1[i1]) + (s.p2.size() > 1 ? ", p2 = " + Num(s.p2[i2]) : "");
                    curve(i1 * s.p2.size() + i2, label, Num(s.p1[i1]) + (s.p2.size() > 1 ? "." + Num(s.p2[i2]) : ""));
                }
            if (ex)
                for (std::size_t ci = 0; ci < ex->Cells().size(); ++ci) {
                    const MarchCell& c = ex->Cells()[ci];
                    if (c.i_p4 != 0) continue;
                    add(fig.curves[static_cast<std::size_t>(c.i_p1) * s.p2.size() + static_cast<std::size_t>(c.i_p2)],
                        s.p3[static_cast<std::size_t>(c.i_p3)], stat_of(ci));
                }
            break;
        }
        case MarchExperimentKind::Turbulence: {
            fig.title = "In a changing world, knowledge decays without newcomers";
            fig.subtitle = "code knowledge (K/m) over time when reality drifts (p4 = " + (s.p4.empty() ? std::string("?") : Num(s.p4[0])) +
                           " per dimension and period); mean and one standard error";
            fig.x_label = "period";
            fig.x_min = 0.0;
            fig.x_max = s.periods;
            fig.x_ticks = NiceTicks(0.0, s.periods, 10);
            const std::size_t n_cells = ex ? ex->Cells().size() : s.p3.size() * s.p4.size() * s.p1.size() * s.p2.size();
            for (std::size_t ci = 0; ci < n_cells; ++ci) {
                std::string label = "cell " + std::to_string(ci + 1), key = std::to_string(ci);
                if (ex) {
                    const MarchCell& c = ex->Cells()[ci];
                    label = c.params.p3 == 0.0 ? "no turnover" : "turnover p3 = " + Num(c.params.p3);
                    key = "p3_" + Num(c.params.p3);
                    if (s.p4.size() > 1) label += ", p4 = " + Num(c.params.p4);
                }
                Curve& cv = curve(ci, label, key);
                cv.markers = false;
                if (!ex) continue;
                const MarchCellResult& r = ex->Result(ci);
                const int n = r.Replications();
                const auto& sum = r.series_sum[static_cast<std::size_t>(code)];
                const auto& sumsq = r.series_sumsq[static_cast<std::size_t>(code)];
                for (std::size_t t = 0; t < sum.size() && n > 0; ++t) {
                    const double mean = sum[t] / n;
                    const double var = n > 1 ? (sumsq[t] - n * mean * mean) / (n - 1) : 0.0;
                    MarchStat st;
                    st.n = n;
                    st.mean = mean;
                    st.se = var > 0.0 ? std::sqrt(var / n) : 0.0;
                    add(cv, static_cast<double>(t), st);
                }
            }
            break;
        }
    }
    (void)ui;
    return fig;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Drawing: side bar, figure, explanation
//-----------------------------------------------------------------------------------------------
void LibraryPanel::DrawSide(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(20), t.Dp(18)));
    BeginCard("##library_side", pos, size, true);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;
    ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 head_at = p;
    orgsim::ui::DrawText(dl, f.label, p, c.accent, "MODEL LIBRARY");
    p.y += FontSize(f.label) + t.Dp(6);
    orgsim::ui::DrawText(dl, f.title, p, c.text, Ellipsize(f.title, "March (1991)", w).c_str());
    p.y += FontSize(f.title) + t.Dp(4);
    orgsim::ui::DrawText(dl, f.small, p, c.text_muted, Ellipsize(f.small, "Exploration and exploitation in", w).c_str());
    p.y += FontSize(f.small) + t.Dp(2);
    orgsim::ui::DrawText(dl, f.small, p, c.text_muted, Ellipsize(f.small, "organizational learning", w).c_str());
    {
        SemNode heading;
        heading.level = 2;
        SemAt("##sem_library_title", SemRole::Heading, "Model library: March (1991), Exploration and exploitation in organizational learning",
              head_at, ImVec2(head_at.x + w, p.y + FontSize(f.small)), heading);
    }
    p.y += FontSize(f.small) + t.Dp(18);

    // Experiments (for assistive technology: tabs, each showing its figure).
    const float row_h = FontSize(f.label) + FontSize(f.small) + t.Dp(18);
    SemPush("##sem_experiments", SemRole::TabList, "Experiments", p,
            ImVec2(p.x + w, p.y + (row_h + t.Dp(4)) * static_cast<float>(entries_.size())));
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        const KindText& kt = TextOf(e.scenario.experiment);
        ImGui::SetCursorScreenPos(p);
        ImGui::PushID(static_cast<int>(i));
        const bool pressed = ImGui::InvisibleButton("##experiment", ImVec2(w, row_h));
        const bool hovered = ImGui::IsItemHovered();
        {
            SemNode tab;
            tab.on = static_cast<int>(i) == selected_;
            tab.description = e.scenario.description;
            SemItem(SemRole::Tab, std::string(kt.title) + ", " + kt.sub + (e.run && e.run->Done() ? ", results ready" : ""), tab);
        }
        ImGui::PopID();
        ui.hooks.RecordLastItem("Library:experiment:" + e.id);
        const bool on = static_cast<int>(i) == selected_;
        if (on || hovered) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + row_h), on ? WithAlpha(c.accent, 0.12f) : c.control, t.Dp(8));
        if (on) dl->AddRectFilled(ImVec2(p.x, p.y + t.Dp(6)), ImVec2(p.x + t.Dp(3), p.y + row_h - t.Dp(6)), c.accent, t.Dp(1.5f));
        if (hovered) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            Tooltip(t, e.scenario.name, e.scenario.description);
        }
        if (pressed) selected_ = static_cast<int>(i);
        const float tx = p.x + t.Dp(12);
        orgsim::ui::DrawText(dl, f.label, ImVec2(tx, p.y + t.Dp(8)), on ? c.text : c.text, Ellipsize(f.label, kt.title, w - t.Dp(40)).c_str());
        orgsim::ui::DrawText(dl, f.small, ImVec2(tx, p.y + t.Dp(10) + FontSize(f.label)), c.text_muted,
                             Ellipsize(f.small, kt.sub, w - t.Dp(40)).c_str());
        // A check mark on experiments with finished results.
        if (e.run && e.run->Done())
            DrawIcon(t, dl, Icon::Check, ImVec2(p.x + w - t.Dp(16), p.y + row_h * 0.5f), t.Dp(12), FunctionColour(Function::Digital), c.card);
        p.y += row_h + t.Dp(4);
    }
    SemPop();
    for (std::size_t k = 0; k < problems_.size(); ++k) {
        const std::string& pr = problems_[k];
        orgsim::ui::DrawText(dl, f.small, p, c.danger, Ellipsize(f.small, pr, w).c_str());
        SemAt(("##sem_library_problem" + std::to_string(k)).c_str(), SemRole::Text, "Problem: " + pr, p,
              ImVec2(p.x + w, p.y + FontSize(f.small)));
        p.y += FontSize(f.small) + t.Dp(6);
    }
    p.y += t.Dp(14);

    // Replications per point.
    orgsim::ui::DrawText(dl, f.label, p, c.text, "Replications per point");
    p.y += FontSize(f.label) + t.Dp(8);
    {
        const int n = static_cast<int>(std::size(kReplicationChoices));
        const float h = t.Dp(32), inset = t.Dp(3);
        SemPush("##sem_library_reps", SemRole::RadioGroup, "Replications per point", p, ImVec2(p.x + w, p.y + h));
        dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), c.control, t.Dp(9));
        const float sw = (w - 2 * inset) / static_cast<float>(n);
        for (int i = 0; i < n; ++i) {
            const int reps = kReplicationChoices[i];
            const ImVec2 s0(p.x + inset + sw * static_cast<float>(i), p.y + inset), s1(s0.x + sw, p.y + h - inset);
            ImGui::SetCursorScreenPos(s0);
            ImGui::PushID(reps);
            const bool pressed = ImGui::InvisibleButton("##reps", ImVec2(sw, s1.y - s0.y));
            const bool hovered = ImGui::IsItemHovered();
            {
                SemNode radio;
                radio.on = reps == replications_;
                radio.description = reps == 80 ? "As March ran them." : "More is smoother and slower.";
                SemItem(SemRole::Radio, std::to_string(reps), radio);
            }
            ImGui::PopID();
            ui.hooks.RecordLastItem("Library:reps:" + std::to_string(reps));
            const bool on = reps == replications_;
            if (on) {
                dl->AddRectFilled(s0, s1, c.card, t.Dp(7));
                dl->AddRect(s0, s1, c.accent, t.Dp(7), 0, t.Dp(1.5f));
            } else if (hovered) {
                dl->AddRectFilled(s0, s1, c.control_hover, t.Dp(7));
            }
            if (hovered) {
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                Tooltip(t, "", reps == 80 ? "80 replications per point, as March ran them." : "Replications per point: more is smoother and slower.");
            }
            const std::string label = std::to_string(reps);
            const ImVec2 ts = TextSize(f.label, label.c_str());
            orgsim::ui::DrawText(dl, f.label, ImVec2((s0.x + s1.x - ts.x) * 0.5f, (s0.y + s1.y - ts.y) * 0.5f), on ? c.text : c.text_muted,
                                 label.c_str());
            if (pressed) replications_ = reps;
        }
        SemPop();
        p.y += h + t.Dp(16);
    }

    // Run / stop, progress.
    if (!entries_.empty()) {
        Entry& e = entries_[static_cast<std::size_t>(selected_)];
        const bool this_running = running_ == selected_;
        ImGui::SetCursorScreenPos(p);
        const char* label = this_running ? "Stop" : (e.run ? "Run again" : "Run");
        SemNext().name = std::string(label) + ": " + TextOf(e.scenario.experiment).title;
        if (Button(t, "##run", label, this_running ? Icon::Pause : Icon::Play, ImVec2(w, t.Dp(42)), !this_running)) {
            if (this_running) running_ = -1;
            else Start(e);
        }
        ui.hooks.RecordLastItem("Library:run");
        p.y += t.Dp(42) + t.Dp(14);
        const long long total = e.run ? e.run->Total() : static_cast<long long>(MarchExperiment(e.scenario).Cells().size()) * replications_;
        const long long done = e.run ? e.run->Completed() : 0;
        const float th = t.Dp(6);
        dl->AddRectFilled(p, ImVec2(p.x + w, p.y + th), c.track, th * 0.5f);
        if (total > 0 && done > 0)
            dl->AddRectFilled(p, ImVec2(p.x + w * static_cast<float>(static_cast<double>(done) / static_cast<double>(total)), p.y + th), c.accent,
                              th * 0.5f);
        p.y += th + t.Dp(8);
        char buf[160];
        if (e.run)
            std::snprintf(buf, sizeof buf, "%s / %s runs%s%.1f s", Thousands(done).c_str(), Thousands(total).c_str(), kMiddot, e.seconds);
        else
            std::snprintf(buf, sizeof buf, "%s runs to go: press Run", Thousands(total).c_str());
        orgsim::ui::DrawText(dl, f.small, p, c.text_muted, Ellipsize(f.small, buf, w).c_str());
        SemAt("##sem_library_progress", SemRole::Text, Spoken(buf), ImVec2(p.x, p.y - th - t.Dp(8)), ImVec2(p.x + w, p.y + FontSize(f.small)));
        p.y += FontSize(f.small) + t.Dp(4);
        if (e.run) {
            std::snprintf(buf, sizeof buf, "%d replications per point%s%s periods", e.run->GetScenario().replications, kMiddot,
                          Thousands(e.run->PeriodsSimulated()).c_str());
            orgsim::ui::DrawText(dl, f.small, p, c.text_faint, Ellipsize(f.small, buf, w).c_str());
            SemAt("##sem_library_periods", SemRole::Text, Spoken(buf), p, ImVec2(p.x + w, p.y + FontSize(f.small)));
            p.y += FontSize(f.small) + t.Dp(4);
        }
    }
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(w, t.Dp(4)));
    EndCard();
    ImGui::PopStyleVar();
}

void LibraryPanel::DrawFigure(Ui& ui, const Figure& fig, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(22), t.Dp(18)));
    BeginCard("##library_figure", pos, size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 b(a.x + avail.x, a.y + avail.y);
    ui.hooks.Record("Library:figure", pos.x, pos.y, size.x, size.y);

    // Title, subtitle, legend.
    float y = a.y;
    orgsim::ui::DrawText(dl, f.heading, ImVec2(a.x, y), c.text, Ellipsize(f.heading, fig.title, avail.x).c_str());
    {
        SemNode heading;
        heading.level = 3;
        SemAt("##sem_figure_title", SemRole::Heading, fig.title, ImVec2(a.x, y), ImVec2(b.x, y + FontSize(f.heading)), heading);
    }
    y += FontSize(f.heading) + t.Dp(4);
    orgsim::ui::DrawText(dl, f.small, ImVec2(a.x, y), c.text_muted, Ellipsize(f.small, fig.subtitle, avail.x).c_str());
    y += FontSize(f.small) + t.Dp(10);
    PublishFigure("##sem_figure", fig, ImVec2(a.x, y - FontSize(f.small) - t.Dp(14)), b);
    {
        float lx = a.x;
        const float item_h = FontSize(f.small) + t.Dp(6);
        bool any_reference = false;
        for (const Curve& cv : fig.curves) {
            if (cv.reference) {
                any_reference = true;
                continue;
            }
            const float iw = t.Dp(26) + TextSize(f.small, cv.label.c_str()).x + t.Dp(16);
            if (lx > a.x && lx + iw > b.x) {
                lx = a.x;
                y += item_h;
            }
            const float cy = y + FontSize(f.small) * 0.5f;
            dl->AddLine(ImVec2(lx, cy), ImVec2(lx + t.Dp(20), cy), cv.colour, t.Dp(2.5f));
            if (cv.markers) dl->AddCircleFilled(ImVec2(lx + t.Dp(10), cy), t.Dp(3.5f), cv.colour, 12);
            orgsim::ui::DrawText(dl, f.small, ImVec2(lx + t.Dp(26), y), c.text, cv.label.c_str());
            lx += iw;
        }
        if (any_reference) {
            const char* ref = "published replication (Workiewicz 2019, 10,000 runs)";
            const float iw = t.Dp(18) + TextSize(f.small, ref).x;
            if (lx > a.x && lx + iw > b.x) {
                lx = a.x;
                y += item_h;
            }
            const float cy = y + FontSize(f.small) * 0.5f;
            dl->AddCircle(ImVec2(lx + t.Dp(6), cy), t.Dp(5), c.text_muted, 16, t.Dp(1.5f));
            orgsim::ui::DrawText(dl, f.small, ImVec2(lx + t.Dp(18), y), c.text, ref);
        }
        y += item_h + t.Dp(8);
    }

    // Scales: x from the figure, y from the data (and reference) with nice ticks.
    double lo = 1e9, hi = -1e9;
    for (const Curve& cv : fig.curves) {
        if (!fig.has_data && !cv.reference) continue;
        for (std::size_t i = 0; i < cv.mean.size(); ++i) {
            lo = std::min(lo, cv.mean[i] - cv.se[i]);
            hi = std::max(hi, cv.mean[i] + cv.se[i]);
        }
    }
    if (lo > hi) {
        lo = 0.7;
        hi = 1.0;
    }
    if (hi - lo < 0.1) {
        const double mid = (hi + lo) * 0.5;
        lo = mid - 0.05;
        hi = mid + 0.05;
    }
    const std::vector<double> yt = NiceTicks(lo, hi, 5);
    const double y_lo = yt.front(), y_hi = yt.back();
    const float label_w = TextSize(f.small, "-0.00").x;
    const float axis_title_h = FontSize(f.small) + t.Dp(6);
    const ImVec2 p0(a.x + axis_title_h + label_w + t.Dp(10), y + t.Dp(6));
    const ImVec2 p1(b.x - t.Dp(10), b.y - FontSize(f.small) - t.Dp(8) - axis_title_h);
    if (p1.x - p0.x < t.Dp(60) || p1.y - p0.y < t.Dp(40)) {
        EndCard();
        ImGui::PopStyleVar();
        return;
    }
    auto X = [&](double x) { return p0.x + static_cast<float>((x - fig.x_min) / (fig.x_max - fig.x_min)) * (p1.x - p0.x); };
    auto Y = [&](double v) { return p1.y - static_cast<float>((v - y_lo) / (y_hi - y_lo)) * (p1.y - p0.y); };

    for (double v : yt) {
        const float yy = Y(v);
        dl->AddLine(ImVec2(p0.x, yy), ImVec2(p1.x, yy), c.grid, 1.0f);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", v + 0.0);
        DrawTextRight(dl, f.small, p0.x - t.Dp(8), yy - FontSize(f.small) * 0.5f, c.text_muted, buf);
    }
    dl->AddLine(ImVec2(p0.x, p1.y), ImVec2(p1.x, p1.y), c.axis, 1.0f);
    for (double v : fig.x_ticks) {
        const float xx = X(v);
        dl->AddLine(ImVec2(xx, p1.y), ImVec2(xx, p1.y + t.Dp(4)), c.axis, 1.0f);
        const std::string s = Num(v);
        const float sw = TextSize(f.small, s.c_str()).x;
        orgsim::ui::DrawText(dl, f.small, ImVec2(xx - sw * 0.5f, p1.y + t.Dp(6)), c.text_muted, s.c_str());
    }
    // Axis titles: x below, y rotated is not available in ImGui 1.86 text; write it above the axis.
    const std::string xl = Ellipsize(f.small, fig.x_label, p1.x - p0.x);
    const float xlw = TextSize(f.small, xl.c_str()).x;
    orgsim::ui::DrawText(dl, f.small, ImVec2((p0.x + p1.x - xlw) * 0.5f, p1.y + FontSize(f.small) + t.Dp(12)), c.text, xl.c_str());
    {
        // The y axis title, drawn vertically: glyph by glyph would look poor, so rotate the vertices.
        // Unclipped while drawing: ImGui drops glyphs outside the clip rectangle before we rotate them.
        dl->PushClipRectFullScreen();
        const int v0 = dl->VtxBuffer.Size;
        const float tw = TextSize(f.small, fig.y_label.c_str()).x;
        const ImVec2 centre(a.x + FontSize(f.small) * 0.5f, (p0.y + p1.y) * 0.5f);
        orgsim::ui::DrawText(dl, f.small, ImVec2(centre.x - tw * 0.5f, centre.y - FontSize(f.small) * 0.5f), c.text, fig.y_label.c_str());
        for (int i = v0; i < dl->VtxBuffer.Size; ++i) {
            ImVec2& q = dl->VtxBuffer[i].pos;
            const float dx = q.x - centre.x, dy = q.y - centre.y;
            q = ImVec2(centre.x + dy, centre.y - dx);  // 90 degrees anticlockwise
        }
        dl->PopClipRect();
    }

    // Curves: model results (line, whiskers, dots) and published values (hollow circles).
    dl->PushClipRect(ImVec2(p0.x - t.Dp(8), p0.y - t.Dp(8)), ImVec2(p1.x + t.Dp(8), p1.y + t.Dp(8)), true);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    float best_d = t.Dp(14);
    const Curve* best_c = nullptr;
    std::size_t best_i = 0;
    for (const Curve& cv : fig.curves) {
        if (cv.reference) {
            for (std::size_t i = 0; i < cv.x.size(); ++i)
                dl->AddCircle(ImVec2(X(cv.x[i]), Y(cv.mean[i])), t.Dp(5.5f), WithAlpha(cv.colour, 0.95f), 16, t.Dp(1.6f));
            continue;
        }
        const std::size_t n = cv.x.size();
        if (n == 0) continue;
        if (!cv.markers && n > 1) {
            // Over time: a band of one standard error, then the line.
            for (std::size_t i = 0; i + 1 < n; ++i) {
                const ImVec2 q[4] = {ImVec2(X(cv.x[i]), Y(cv.mean[i] + cv.se[i])), ImVec2(X(cv.x[i + 1]), Y(cv.mean[i + 1] + cv.se[i + 1])),
                                     ImVec2(X(cv.x[i + 1]), Y(cv.mean[i + 1] - cv.se[i + 1])), ImVec2(X(cv.x[i]), Y(cv.mean[i] - cv.se[i]))};
                dl->AddConvexPolyFilled(q, 4, WithAlpha(cv.colour, 0.18f));
            }
        }
        std::vector<ImVec2> pts(n);
        for (std::size_t i = 0; i < n; ++i) pts[i] = ImVec2(X(cv.x[i]), Y(cv.mean[i]));
        if (n > 1) dl->AddPolyline(pts.data(), static_cast<int>(n), cv.colour, 0, t.Dp(cv.markers ? 2.0f : 2.5f));
        for (std::size_t i = 0; i < n; ++i) {
            if (cv.markers) {
                const float y_top = Y(cv.mean[i] + cv.se[i]), y_bot = Y(cv.mean[i] - cv.se[i]);
                const float cap = t.Dp(4);
                dl->AddLine(ImVec2(pts[i].x, y_top), ImVec2(pts[i].x, y_bot), cv.colour, t.Dp(1.5f));
                dl->AddLine(ImVec2(pts[i].x - cap, y_top), ImVec2(pts[i].x + cap, y_top), cv.colour, t.Dp(1.5f));
                dl->AddLine(ImVec2(pts[i].x - cap, y_bot), ImVec2(pts[i].x + cap, y_bot), cv.colour, t.Dp(1.5f));
                dl->AddCircleFilled(pts[i], t.Dp(4), cv.colour, 16);
                dl->AddCircle(pts[i], t.Dp(4), c.card, 16, t.Dp(1.0f));
            }
            const float d = std::hypot(mouse.x - pts[i].x, mouse.y - pts[i].y);
            if (d < best_d) {
                best_d = d;
                best_c = &cv;
                best_i = i;
            }
        }
    }
    dl->PopClipRect();
    if (!fig.has_data) {
        const char* msg = "Press Run to compute this figure";
        const ImVec2 ms = TextSize(f.body, msg);
        const ImVec2 m0((p0.x + p1.x - ms.x) * 0.5f - t.Dp(14), (p0.y + p1.y - ms.y) * 0.5f - t.Dp(10));
        dl->AddRectFilled(m0, ImVec2(m0.x + ms.x + t.Dp(28), m0.y + ms.y + t.Dp(20)), WithAlpha(c.card, 0.92f), t.Dp(8));
        orgsim::ui::DrawText(dl, f.body, ImVec2(m0.x + t.Dp(14), m0.y + t.Dp(10)), c.text_muted, msg);
    }
    if (best_c && ImGui::IsWindowHovered()) {
        char buf[200];
        std::snprintf(buf, sizeof buf, "%s = %s\ncode knowledge %.3f \xC2\xB1 %.3f (one standard error)", fig.x_label.substr(0, fig.x_label.find(' ') == std::string::npos ? fig.x_label.size() : fig.x_label.find(" (")).c_str(),
                      best_c->x_keys[best_i].c_str(), best_c->mean[best_i], best_c->se[best_i]);
        Tooltip(t, best_c->reference ? "Published replication" : best_c->label, buf);
    }
    EndCard();
    ImGui::PopStyleVar();
}

void LibraryPanel::DrawExplanation(Ui& ui, const Entry& e, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(20), t.Dp(18)));
    BeginCard("##library_text", pos, size, true);
    auto heading = [&](const char* s, const char* said) {
        ImGui::PushFont(f.label);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c.accent));
        ImGui::TextUnformatted(s);
        SemNode node;
        node.level = 3;
        SemAt(s, SemRole::Heading, said, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), node);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, t.Dp(4)));
    };
    auto para = [&](const char* id, const char* s) {
        ImGui::PushFont(f.small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c.text));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(s);
        SemAt((std::string("##sem_para_") + id).c_str(), SemRole::Text, s, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, t.Dp(12)));
    };
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(3)));
    heading("THE MODEL", "The model");
    para("model", kModelText);
    heading("WHAT THE FIGURE SHOWS", "What the figure shows");
    para("shows", TextOf(e.scenario.experiment).shows);
    ImGui::PushFont(f.small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c.text_faint));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("March, J. G. (1991). Exploration and exploitation in organizational learning. Organization Science 2(1): 71-87. "
                           "Details and full tables: docs/march1991.md.");
    SemAt("##sem_citation", SemRole::Text,
          "March, J. G. (1991). Exploration and exploitation in organizational learning. Organization Science 2(1): 71-87. "
          "Details and full tables: docs/march1991.md.",
          ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopStyleVar();
    EndCard();
    ImGui::PopStyleVar();
}

void LibraryPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size, int pane) {
    if (!loaded_) Load(ui.assets_dir);
    Slice(kSliceMs);
    const Theme& t = ui.theme;
    ui.hooks.Record("Panel:library", pos.x, pos.y, size.x, size.y);
    const float gap = t.Dp(16);
    const float side_w = std::clamp(size.x * 0.24f, t.Dp(260), t.Dp(330));
    if (pane <= 0) DrawSide(ui, pos, ImVec2(pane == 0 ? size.x : side_w, size.y));
    if (entries_.empty()) return;
    selected_ = std::clamp(selected_, 0, static_cast<int>(entries_.size()) - 1);
    const Entry& e = entries_[static_cast<std::size_t>(selected_)];
    const Figure fig = BuildFigure(ui, e);

    const float rest_x = pos.x + side_w + gap;
    const float rest_w = size.x - side_w - gap;
    if (pane == 1) {
        DrawFigure(ui, fig, pos, size);
    } else if (pane == 2) {
        DrawExplanation(ui, e, pos, size);
    } else if (pane == 0) {
        // the side list only
    } else if (rest_w >= t.Dp(900)) {
        const float text_w = std::clamp(rest_w * 0.28f, t.Dp(260), t.Dp(360));
        DrawFigure(ui, fig, ImVec2(rest_x, pos.y), ImVec2(rest_w - text_w - gap, size.y));
        DrawExplanation(ui, e, ImVec2(rest_x + rest_w - text_w, pos.y), ImVec2(text_w, size.y));
    } else {
        const float text_h = std::clamp(size.y * 0.3f, t.Dp(150), t.Dp(240));
        DrawFigure(ui, fig, ImVec2(rest_x, pos.y), ImVec2(rest_w, size.y - text_h - gap));
        DrawExplanation(ui, e, ImVec2(rest_x, pos.y + size.y - text_h), ImVec2(rest_w, text_h));
    }

    // What tests read back: the figure's values of every experiment that has results.
    for (const Entry& x : entries_) {
        if (!x.run) continue;
        ui.hooks.Value("march." + x.id + ".completed", static_cast<double>(x.run->Completed()));
        ui.hooks.Value("march." + x.id + ".total", static_cast<double>(x.run->Total()));
        ui.hooks.Value("march." + x.id + ".done", x.run->Done() ? 1.0 : 0.0);
        if (!x.run->Done()) continue;  // publish finished figures only
        const Figure xf = BuildFigure(ui, x);
        for (const Curve& cv : xf.curves) {
            if (cv.reference) continue;
            for (std::size_t i = 0; i < cv.x.size(); ++i) ui.hooks.Value("march." + x.id + "." + cv.key + "." + cv.x_keys[i], cv.mean[i]);
        }
    }
    ui.hooks.Value("library.selected", selected_);
    ui.hooks.Text("library.experiment", e.id);
}

}  // namespace orgsim::ui
