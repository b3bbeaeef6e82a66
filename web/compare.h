// compare.h: the comparison of 2-4 scenarios: outcome table with intervals and paired differences, overlaid charts and a plain-words summary.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class ComparePanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
};

}  // namespace orgsim::ui
