// library.h: the model library: March (1991) "Exploration and exploitation in organizational learning".
// Lists the experiments of scenarios/march/, runs one in slices per frame with a progress bar, and draws
// its figure as in the paper (Figure 1: knowledge against p1, one curve per p2, with the published
// replication's values as hollow markers; Figure 5: knowledge over time), beside a short explanation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/march.h"
#include "web/ui.h"

namespace orgsim::ui {

class LibraryPanel {
public:
    /// Draw the panel into the screen rectangle pos/size (logical pixels).
    /// pane: -1 draws the side list, the figure and the explanation side by side; 0, 1 or 2 draws
    /// that one alone in the whole rectangle (a narrow window shows one at a time).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size, int pane = -1);
    /// True while an experiment runs (a slice per drawn frame): the app keeps drawing.
    bool Running() const { return running_ >= 0; }

    /// A figure ready to draw: lines of (x, mean +- standard error) points.
    struct Curve {
        std::string label;       ///< legend text ("p2 = 0.9")
        std::string key;         ///< for test values ("0.9")
        ImU32 colour = 0;
        std::vector<double> x, mean, se;
        std::vector<std::string> x_keys;  ///< per point, for test values ("0.1")
        bool markers = true;     ///< points with whiskers (false: a line with a band, over time)
        bool reference = false;  ///< published values: hollow markers, no line
    };
    struct Figure {
        std::string title, subtitle, x_label, y_label;
        double x_min = 0.0, x_max = 1.0;
        std::vector<double> x_ticks;
        std::vector<Curve> curves;
        bool has_data = false;   ///< at least one replication finished
    };

private:
    struct Entry {
        std::string id;          ///< file name without .json ("figure1")
        MarchScenario scenario;
        std::unique_ptr<MarchExperiment> run;  ///< the latest run (may be partial)
        double seconds = 0.0;    ///< wall time spent running it
    };

    void Load(const std::string& assets_dir);
    void Start(Entry& e);
    /// Run the active experiment for about budget_ms of wall time.
    void Slice(double budget_ms);
    Figure BuildFigure(const Ui& ui, const Entry& e) const;

    void DrawSide(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawFigure(Ui& ui, const Figure& fig, ImVec2 pos, ImVec2 size);
    void DrawExplanation(Ui& ui, const Entry& e, ImVec2 pos, ImVec2 size);

    bool loaded_ = false;
    std::vector<Entry> entries_;
    std::vector<std::string> problems_;  ///< files that could not be read
    int selected_ = 0;
    int running_ = -1;                   ///< entry being run, or -1
    int replications_ = 40;              ///< per point (cell); March used 80
};

}  // namespace orgsim::ui
