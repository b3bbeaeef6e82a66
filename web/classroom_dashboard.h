// classroom_dashboard.h: the class dashboard of the debrief and the slides of its deck (issue 14).
//
// Drawn from a checked class (web/classroom.h: the assignment, the truth, the checked submissions and
// their ClassSummary): predictions against the truth (a bar per structure for "which does better", a
// strip of the numbers with the truth and its tolerance band for "how much"), the decisions by round,
// where each student ended on an outcome (best and median named), the best and the median student side
// by side with what the best did differently. Every chart has a title, units, a legend where colours
// carry meaning, and a text alternative published for assistive technology. The same functions draw
// the dashboard's panels and the debrief deck's slides (larger).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "imgui.h"
#include "web/classroom.h"
#include "web/ui.h"

namespace orgsim::ui {

/// A checked class, as the dashboard reads it.
struct ClassView {
    const Assignment& a;
    const Truth& truth;
    const std::vector<Checked>& checked;
    const ClassSummary& sum;
};

/// A lever's value as a class reads it: "on", "tolerate", "15%", "150 k$".
std::string ClassLeverText(ParamId id, double v);
/// "7 of 12 right" for a question (with half marks for numbers, and "no answers yet").
std::string QuestionCaption(const ClassView& v, std::size_t q);
/// What the best student (on `outcome`) did differently from the median one, one line per
/// difference: the structure, then each lever whose value in force differs in some round.
std::vector<std::string> BestDidDifferently(const ClassView& v, SeriesId outcome);

/// Predictions against the truth for question q at the cursor, `w` wide; `tall` draws it for a slide.
void DrawQuestionChart(Ui& ui, const ClassView& v, std::size_t q, float w, bool tall = false);
/// The decisions by round: a row per unlocked lever, a column per round (who changed it, what was in
/// force), and the structures chosen.
void DrawDecisionsByRound(Ui& ui, const ClassView& v, float w);
/// Where each finished student ended on an outcome (a dot each, coloured by structure; best and median
/// named) at the cursor, `h` high.
void DrawOutcomeStrip(Ui& ui, const ClassView& v, SeriesId outcome, float w, float h);
/// The best and the median student on an outcome side by side: structure, decisions per round, every
/// class outcome, and what the best did differently.
void DrawBestAndMedian(Ui& ui, const ClassView& v, SeriesId outcome, float w);

}  // namespace orgsim::ui
