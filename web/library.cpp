// library.cpp: see library.h.
#include "web/library.h"

#include "web/widgets.h"

namespace orgsim::ui {

void LibraryPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##library", pos, size);
    ui.hooks.Record("Panel:library", pos.x, pos.y, size.x, size.y);
    ImGui::PushFont(ui.theme.GetFonts().heading);
    ImGui::TextUnformatted("Library");
    ImGui::PopFont();
    EndCard();
}

}  // namespace orgsim::ui
