// levers.cpp: see levers.h.
#include "web/levers.h"

#include "web/widgets.h"

namespace orgsim::ui {

void LeversPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##levers", pos, size);
    ui.hooks.Record("Panel:levers", pos.x, pos.y, size.x, size.y);
    ImGui::PushFont(ui.theme.GetFonts().heading);
    ImGui::TextUnformatted("Levers");
    ImGui::PopFont();
    EndCard();
}

}  // namespace orgsim::ui
