// dashboard.h: the Results view for the active slot, with the baseline for reference: outcome cards
// (mean, 90% interval, change against the baseline), band charts of chosen outcomes, the event
// timeline of the live world, and every employee as a cell coloured by morale, tenure or skill.
#pragma once

#include <array>
#include <vector>

#include "imgui.h"
#include "sim/world.h"
#include "web/charts.h"
#include "web/ui.h"

namespace orgsim::ui {

/// How the people view colours each employee.
enum class PeopleColour { Morale, Tenure, Skill };

constexpr int kEventKindCount = 10;  ///< EventKind values
constexpr int kMaxDashboardCharts = 4;

class DashboardPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);

private:
    /// stacked: a narrow card (Draw's stacked layout): the run state goes under the title.
    void DrawHeader(Ui& ui, ImVec2 p0, float width, bool stacked);
    /// cols = 0: the key outcomes in one row (six or eight, as many as fit) of height size.y; else
    /// all eight in a grid of cols columns, size.y per row.
    void DrawCards(Ui& ui, ImVec2 p0, ImVec2 size, int cols = 0);
    /// stacked: one chart per row, size.y each; else side by side, size.y high.
    void DrawCharts(Ui& ui, ImVec2 p0, ImVec2 size, bool stacked = false);
    void DrawTimeline(Ui& ui, const World* world, ImVec2 p0, ImVec2 size);
    void DrawPeople(Ui& ui, const World* world, ImVec2 p0, ImVec2 size);

    ResultsCache results_;
    std::array<SeriesId, kMaxDashboardCharts> chart_ids_{SeriesId::TimeToMarket, SeriesId::OperatingProfit,
                                                         SeriesId::ShadowShare, SeriesId::Trust};
    int chart_count_ = 2;
    std::array<bool, kEventKindCount> lane_on_{{true, true, true, true, true, true, true, true, true, true}};
    PeopleColour people_colour_ = PeopleColour::Morale;
    /// The timeline's event the keyboard explores (1-based among the events shown; 0 = the latest).
    int explored_event_ = 0;
    /// The people view's seat the keyboard explores (1-based in the order drawn; 0 = the first).
    int explored_seat_ = 0;
    std::vector<std::vector<int>> seats_by_unit_;  ///< scratch, reused each frame
};

}  // namespace orgsim::ui
