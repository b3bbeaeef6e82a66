// levers.h: the levers panel: MODEL.md's levers as labelled controls generated from the engine's parameter table.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class LeversPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
};

}  // namespace orgsim::ui
