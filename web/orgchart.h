// orgchart.h: the org chart view and editor: a tree of units and executives, zoom and pan, drag to reparent, add/remove CDO, CMT, CISO, edit headcount and budget.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

/// Zoom limits of the chart. Below kOrgMinZoom the smallest text (14 px captions) would fall under
/// about 10 px, so a wide tree is panned instead of shrunk further.
constexpr float kOrgMinZoom = 0.7f;
constexpr float kOrgMaxZoom = 2.0f;
constexpr float kOrgZoomStep = 1.2f;  ///< factor per "+"/"-" click or wheel notch

class OrgChartPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);

private:
    /// One box of the laid-out tree, in chart coordinates (logical pixels at zoom 1, top-left origin).
    struct Node {
        int unit = -1;        ///< index into the scenario's units
        int parent = -1;      ///< node index of the solid-line parent (-1 for a root)
        ImVec2 min, max;      ///< box
        bool stacked = false; ///< drawn in a vertical column under its parent (all-leaf sibling group)
        bool in_column = false; ///< a leaf in a column of two beside sibling branches (joined by a spine on its left)
        int chain_above = -1;   ///< in such a column: the box above it (-1: the top one)
        std::string name;     ///< unit name, shortened to fit the box
        std::vector<int> children;
    };
    /// The laid-out tree; rebuilt only when the workspace revision, the slot, the UI scale or
    /// presentation mode changes.
    struct Layout {
        std::uint64_t revision = 0;
        int slot = -1;
        float scale = 0.0f;
        bool presenting = false;
        std::vector<Node> nodes;  ///< one per unit, same order as the scenario's units
        ImVec2 extent{0, 0};      ///< size of the whole tree
        float box_w = 0, box_h = 0;
        std::string name;         ///< scenario name (a new name means a new document: fit again)
        ImVec2 canvas{0, 0};      ///< canvas size the layout was chosen for
        bool leaf_columns = false;  ///< leaves beside branches are paired in columns (a wide tree)
    };

    /// Lays the tree out; where it is too wide for the canvas, tries pairing the leaves that sit beside
    /// branches in columns of two and keeps whichever fits the canvas at the larger zoom.
    void BuildLayout(const Ui& ui);
    void BuildLayoutWith(const Ui& ui, bool leaf_columns);
    void Fit(ImVec2 canvas_size);
    /// Publish the chart as a tree for assistive technology (web/semantics.h); selects a unit the
    /// page activated.
    void PublishTree(Ui& ui, ImVec2 pos, ImVec2 size);
    void ZoomAround(float new_zoom, ImVec2 anchor_screen);
    ImVec2 ToScreen(ImVec2 p) const;
    ImVec2 ToChart(ImVec2 s) const;
    int HitTest(ImVec2 screen) const;   ///< node under a screen point, or -1
    bool IsInSubtree(int node, int root) const;

    void DrawHeader(Ui& ui, ImVec2 pos, float width, float* used_height);
    void DrawCanvas(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawBox(Ui& ui, ImDrawList* dl, int node, ImVec2 a, float zoom, float alpha, bool selected, bool hovered,
                 bool target, bool dimmed) const;
    /// The legend's height for a width; draws it only when draw is true.
    float DrawLegend(Ui& ui, ImVec2 pos, float width, bool draw);
    void Select(const std::string& unit_id);
    void DrawInspector(Ui& ui, ImVec2 pos, ImVec2 size);
    void Refuse(Ui& ui, const std::string& why);
    void Publish(Ui& ui) const;
    void CountFilled(const Ui& ui);

    Layout layout_;
    // View state: screen = canvas origin + pan + chart * zoom.
    float zoom_ = 1.0f;
    ImVec2 pan_{0, 0};
    ImVec2 canvas_min_{0, 0}, canvas_size_{0, 0};
    bool auto_fit_ = true;      ///< refit on every layout or size change until the user zooms or pans
    ImVec2 fitted_size_{0, 0};  ///< canvas size of the last fit

    // Selection and dragging.
    std::string selected_;      ///< unit id, "" when none
    int press_node_ = -1;       ///< node pressed on (a drag starts once the mouse moves)
    ImVec2 press_pos_{0, 0};
    bool dragging_ = false;     ///< a box is being dragged
    bool panning_ = false;      ///< the background is being dragged
    bool dotted_mode_ = false;  ///< toolbar toggle: drops add or remove dotted lines
    int hover_target_ = -1;     ///< node under the ghost while dragging
    bool left_origin_ = false;  ///< the dragged box left its own place (dropping back on it is then a refusal)
    bool cancelled_ = false;
    bool shift_held_ = false;   ///< Shift was down in the last frame of the drag    ///< Escape pressed during a drag: the release does nothing

    // Inspector editing buffers (kept while a field is being typed in).
    double edit_headcount_ = 0.0;
    double edit_budget_ = 0.0;
    bool headcount_active_ = false, budget_active_ = false;

    float inspector_h_ = 0.0f;  ///< height of the inspector overlay last frame (0 when hidden)
    bool reveal_ = false;       ///< scroll the selected box out from under the inspector
    ImVec2 fitted_extent_{0, 0};///< tree extent of the last fit (edits that keep the shape keep the view)

    std::string message_;       ///< the last refusal (also published for tests)
    std::vector<int> filled_;   ///< filled seats per unit from the live world (-1 when it does not match)
};

}  // namespace orgsim::ui
