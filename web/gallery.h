// gallery.h: the scenario gallery: presets grouped by the question they answer, each with its rationale; open as baseline or alternative.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class GalleryPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
};

}  // namespace orgsim::ui
