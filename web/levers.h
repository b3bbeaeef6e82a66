// levers.h: the levers panel: MODEL.md's levers as labelled controls generated from the engine's
// parameter table (choice -> segmented buttons, yes/no -> a switch, numbers -> a slider with a precise
// entry), each with its documentation, unit, range, default and source on hover, a "?" (or a
// right-click) that opens the page "How the model works" at its mechanism, marks where the value
// differs from the default or the baseline, and every other parameter under "Advanced".
#pragma once

#include <optional>

#include "imgui.h"
#include "sim/params.h"
#include "web/ui.h"

namespace orgsim::ui {

class LeversPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);

private:
    /// One parameter: label row (marks, reset) and its control; read-only while presenting.
    void DrawParam(Ui& ui, const ParamInfo& info, float width);
    void DrawChoice(Ui& ui, const ParamInfo& info, double value, float width);
    void DrawSwitch(Ui& ui, const ParamInfo& info, double value);
    void DrawNumber(Ui& ui, const ParamInfo& info, double value, float width);
    /// Send a value to the workspace (validated there); a refusal becomes a toast.
    void Commit(Ui& ui, ParamId id, double value);

    /// A slider being dragged: its value is shown while dragging and committed on release, so a
    /// drag is one undoable edit instead of one per frame.
    std::optional<std::pair<ParamId, double>> dragging_;
    /// The parameter whose precise entry box is open, and the number typed so far.
    std::optional<ParamId> editing_;
    double edit_value_ = 0.0;
    bool edit_focus_ = false;  ///< focus the entry box on its first frame
    bool advanced_open_ = false;
    char filter_[64] = {};
};

}  // namespace orgsim::ui
