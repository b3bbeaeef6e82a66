// dashboard.cpp: see dashboard.h.
#include "web/dashboard.h"

#include "web/widgets.h"

namespace orgsim::ui {

void DashboardPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##dashboard", pos, size);
    ui.hooks.Record("Panel:dashboard", pos.x, pos.y, size.x, size.y);
    ImGui::PushFont(ui.theme.GetFonts().heading);
    ImGui::TextUnformatted("Dashboard");
    ImGui::PopFont();
    EndCard();
}

}  // namespace orgsim::ui
