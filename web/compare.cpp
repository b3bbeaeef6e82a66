// compare.cpp: see compare.h.
#include "web/compare.h"

#include "web/widgets.h"

namespace orgsim::ui {

void ComparePanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##compare", pos, size);
    ui.hooks.Record("Panel:compare", pos.x, pos.y, size.x, size.y);
    ImGui::PushFont(ui.theme.GetFonts().heading);
    ImGui::TextUnformatted("Compare");
    ImGui::PopFont();
    EndCard();
}

}  // namespace orgsim::ui
