// gallery.cpp: see gallery.h.
#include "web/gallery.h"

#include "web/widgets.h"

namespace orgsim::ui {

void GalleryPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##gallery", pos, size);
    ui.hooks.Record("Panel:gallery", pos.x, pos.y, size.x, size.y);
    ImGui::PushFont(ui.theme.GetFonts().heading);
    ImGui::TextUnformatted("Gallery");
    ImGui::PopFont();
    EndCard();
}

}  // namespace orgsim::ui
