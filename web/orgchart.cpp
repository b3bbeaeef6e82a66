// orgchart.cpp: see orgchart.h.
#include "web/orgchart.h"

#include "web/widgets.h"

namespace orgsim::ui {

void OrgChartPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##orgchart", pos, size);
    ui.hooks.Record("Panel:orgchart", pos.x, pos.y, size.x, size.y);
    ImGui::PushFont(ui.theme.GetFonts().heading);
    ImGui::TextUnformatted("OrgChart");
    ImGui::PopFont();
    EndCard();
}

}  // namespace orgsim::ui
