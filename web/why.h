// why.h: "Why?" in the Compare view: the mean paired difference of one outcome between the baseline
// and an alternative, split among the changes that tell them apart (sim/explain: exact Shapley values
// over every combination of the changes, run with common random numbers) and drawn as a waterfall
// whose bars sum to the difference, each with its 90% interval, the interaction share and a plain
// sentence per large bar. The runs are an analysis of the Runner: on the worker pool after the
// comparison's own replications, the same numbers as `orgsim explain`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "imgui.h"
#include "sim/explain.h"
#include "web/ui.h"

namespace orgsim::ui {

/// Runs per explanation the panel aims at: replications shrink as the combinations grow (2^k).
constexpr long kWhyRunBudget = 6400;
constexpr int kWhyMinReplications = 20;

/// Replications for k factors: the baseline's own, at most kExplainDefaultReplications, fewer when
/// 2^k of them would pass kWhyRunBudget (never fewer than kWhyMinReplications).
int WhyReplications(int factors, int baseline_replications);

class WhyPanel {
public:
    /// Draw into the rectangle pos/size for the outcome *outcome (its menu may change it).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size, SeriesId* outcome);

private:
    enum class State { Idle, Running, Done, Stale, Cancelled, Error };
    State Refresh(Ui& ui);
    void Start(Ui& ui);
    void DrawIntro(Ui& ui, ImVec2 p0, ImVec2 size, State state);
    void DrawWaterfall(Ui& ui, ImVec2 p0, ImVec2 size, SeriesId id);

    int alt_ = 1;                          ///< the alternative explained against the baseline
    bool by_mechanism_ = false;            ///< bars per mechanism instead of per change
    bool run_by_mechanism_ = false;        ///< of the last start
    std::unique_ptr<Explainer> explainer_;  ///< of the last start
    int run_alt_ = 0;                      ///< its alternative
    std::uint64_t run_revision_ = 0;       ///< the workspace revision it was made from
    bool absorbed_ = false;
    Explanation result_;
    std::string error_;
};

}  // namespace orgsim::ui
