// compare.h: the comparison of 2-4 scenarios: the plain-words summary from sim/report, a chart of
// one outcome with every slot overlaid (bands), and a table of every outcome with mean [90%] per
// slot and the paired difference against the baseline, the better value marked only where clear;
// or, in its place, "Why?" (web/why.h) for the chart's outcome.
#pragma once

#include "imgui.h"
#include "sim/world.h"
#include "web/charts.h"
#include "web/ui.h"
#include "web/why.h"

namespace orgsim::ui {

class ComparePanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);

private:
    void DrawEmpty(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawSummary(Ui& ui, ImVec2 p0, ImVec2 size);
    /// The "All outcomes" / "Why?" choice and what it shows, at (x0, *y); moves *y below them.
    void DrawModes(Ui& ui, float x0, float* y, float width, bool stacked);
    void DrawChart(Ui& ui, ImVec2 p0, ImVec2 size);
    void DrawTable(Ui& ui, ImVec2 p0, ImVec2 size);

    ResultsCache results_;
    SeriesId chart_id_ = SeriesId::TimeToMarket;
    WhyPanel why_;
    bool why_mode_ = false;  ///< the lower part shows "Why?" instead of the table
};

}  // namespace orgsim::ui
