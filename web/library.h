// library.h: the model library: March (1991) exploration and exploitation, run and drawn as in the paper.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class LibraryPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
};

}  // namespace orgsim::ui
