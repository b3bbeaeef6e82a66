// gallery.h: the scenario gallery (the landing page): the presets grouped by the question they answer,
// each card with its rationale and a hint of its org structure; open one as the baseline or add it as an
// alternative; a card leading to the model library.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "sim/scenario.h"
#include "web/ui.h"

namespace orgsim::ui {

class GalleryPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);

private:
    /// One preset file of <assets>/scenarios, read once.
    struct Preset {
        std::string id;         ///< file name without .json ("cio_reports_to_ceo")
        Scenario scenario;
        std::string structure;  ///< reporting lines, e.g. "CIO \u2192 CEO  \u00b7  CMO \u2192 CEO"
        std::vector<std::string> levers;  ///< levers that differ from the defaults ("Shadow-IT policy: ban")
    };
    /// A headed question and the presets under it (indices into presets_).
    struct Group {
        std::string title;
        std::string blurb;
        ImU32 colour = 0;
        std::vector<int> members;
    };

    void Load(const std::string& assets_dir);
    bool Matches(const Preset& p) const;
    /// Draw one preset card with its top-left corner at `at`; returns nothing, records the buttons.
    void DrawCard(Ui& ui, const Preset& p, ImU32 colour, ImVec2 at, ImVec2 size);
    void DrawLibraryCard(Ui& ui, ImVec2 at, ImVec2 size);
    /// Height of a card for the current fonts (all cards in the grid share it).
    float CardHeight(const Ui& ui) const;

    bool loaded_ = false;
    std::vector<Preset> presets_;
    std::vector<Group> groups_;
    std::vector<std::string> load_problems_;  ///< presets that failed to read ("file: problem")
    char filter_[96] = {};
};

}  // namespace orgsim::ui
