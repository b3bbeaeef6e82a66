// dashboard.h: the dashboard: outcome cards with 90% intervals and change against the baseline, band charts, event timeline and the people view.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class DashboardPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
};

}  // namespace orgsim::ui
