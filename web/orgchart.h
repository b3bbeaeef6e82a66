// orgchart.h: the org chart view and editor: a tree of units and executives, zoom and pan, drag to reparent, add/remove CDO, CMT, CISO, edit headcount and budget.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class OrgChartPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
};

}  // namespace orgsim::ui
