// classroom_view.h: the Class view (issue 14): an instructor builds an assignment from the open
// scenarios (Build), a student opens it from a link or a file, predicts, plays the rounds and hands
// in a result code (Student), and the instructor checks a class's codes and files (Debrief). The
// documents, codes and checks are web/classroom.h (standard C++, unit-tested); this file draws them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/explain.h"
#include "web/classroom.h"
#include "web/ui.h"

namespace orgsim::ui {

/// localStorage key prefix of a student's work in progress (+ the assignment's fingerprint, hex).
constexpr const char* kClassWorkKeyPrefix = "orgsim.class.";
/// Debrief: the owner name of the Runner analysis that re-simulates the submissions (on the worker
/// pool where there is one, in slices of the frame otherwise).
constexpr const char* kClassAnalysis = "class";
/// Debrief "Why?": simulation per frame for the explanation of the best against the median.
constexpr double kWhySliceMs = 14.0;

class ClassroomPanel {
public:
    enum class Mode { Build, Student, Debrief };

    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);
    /// A narrow window shows one of a mode's two cards at a time, the whole body (0: the left, 1:
    /// the right; -1: both, side by side). PaneNames() names them for the pane bar.
    void SetPane(int pane) { pane_ = pane; }
    std::vector<const char*> PaneNames() const;
    /// True while work waits for the next frame (a round about to run, codes being checked, the
    /// clipboard's answer): the shell keeps drawing.
    bool Busy() const;
    /// Open an assignment link's fragment ("assign=...") as a student sees it. A broken link says
    /// why in a toast and changes nothing (returns false).
    bool OpenLink(Ui& ui, const std::string& fragment);
    /// Open an assignment file (Student mode) or a submission file (added to the debrief).
    bool OpenFile(Ui& ui, const std::string& file_name, const std::string& text);

    /// The debrief deck for presentation mode: its slides (0 until a class is checked), a slide's
    /// title for the header, and a slide drawn in the content rectangle.
    int DeckSlides() const;
    std::string DeckTitle(int slide) const;
    std::string DeckName() const { return checking_ ? checking_->title : std::string(); }  ///< the assignment's title
    void DrawDeck(Ui& ui, int slide, ImVec2 pos, ImVec2 size);

private:
    // ---- Build (instructor) ----
    Assignment Draft(const Ui& ui) const;
    struct TwoCards {
        ImVec2 lpos, lsize, rpos, rsize;
        bool left = true, right = true;
    };
    /// The rectangles of a mode's two cards (left of width lw), or of the one pane_ shows.
    TwoCards Split(ImVec2 pos, ImVec2 size, float lw, float gap) const;
    int pane_ = -1;
    void DrawBuild(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawBuildSetup(Ui& ui, float w);
    void DrawBuildQuestions(Ui& ui, float w);
    void CopyLink(Ui& ui, const Assignment& a);

    std::string title_;
    std::string instructions_ = "Predict first, then run the budget years. Set the levers you are allowed to change before each year.";
    std::string reflection_ = "What would you change next year, and why?";
    std::vector<char> use_slot_;        ///< per workspace slot: one of the structures (default: yes)
    bool choose_structure_ = false;
    std::set<ParamId> unlocked_;
    std::vector<Question> questions_;
    int rounds_ = 3;
    int replications_ = 20;
    std::uint64_t seed_ = 1;
    bool seed_per_student_ = false;
    // The question being added.
    QuestionKind new_kind_ = QuestionKind::Choice;
    SeriesId new_outcome_ = SeriesId::TimeToMarket;
    int new_year_ = 1;
    int new_structure_ = 0;
    double new_tolerance_ = 0.1;
    // Answers preview (the truth of the draft), kept while the draft is the same.
    std::optional<Truth> preview_;
    std::uint64_t preview_fp_ = 0;
    bool preview_pending_ = false;
    // The last link made, and whether the clipboard's answer is awaited.
    std::string link_;
    bool copy_pending_ = false;
    std::string copy_what_;

    // ---- The open assignment (Student and Debrief) ----
    void SetAssignment(Ui& ui, Assignment a, const std::string& origin);
    std::optional<Assignment> assignment_;
    std::uint64_t fingerprint_ = 0;
    std::string origin_;
    Mode mode_ = Mode::Build;

    // ---- Student ----
    void DrawStudent(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawStudentLeft(Ui& ui, const Assignment& a, float w);
    void DrawStudentRight(Ui& ui, const Assignment& a, float w);
    void DrawResults(Ui& ui, const Assignment& a, float w);
    void DrawPredictionsAgainst(Ui& ui, const Assignment& a, float w);
    void RunPendingRound(Ui& ui);
    void SaveWork();
    double Effective(const Assignment& a, ParamId id) const;
    void ResetNext(const Assignment& a);
    Submission MakeSubmission() const;
    StudentWork work_;
    std::string storage_key_;
    std::string saved_text_;       ///< what storage holds (no write while unchanged)
    std::string storage_error_;    ///< why the work is not kept ("" = it is)
    bool restored_ = false;        ///< the work came back from storage
    int run_pending_ = 0;          ///< 2: draw "Running..." this frame; 1: run now
    std::optional<Truth> student_truth_;  ///< the answers, once a question's year is reached
    std::vector<std::string> number_text_;  ///< number predictions as typed (empty = not answered)

    // ---- Debrief (instructor) ----
    struct Entry {
        std::string source;     ///< "line 3" or a file name
        Submission submission;
    };
    struct DecodeError {
        std::string source;
        std::string error;
    };
    void DrawDebrief(Ui& ui, ImVec2 pos, ImVec2 size);
    void StartCheck(Ui& ui, const Assignment& a);
    /// One frame of a check: the answers (stage 1), then the re-simulations (stage 2) as one
    /// analysis of the Runner, which puts them on the worker pool where there is one (in slices on
    /// this thread otherwise), then the verdicts.
    void CheckSlice(Ui& ui, const Assignment& a);
    /// (Re)start the analysis of the submissions that need re-simulating (check_runs_).
    void StartCheckRuns(Ui& ui, const Assignment& a);
    const Assignment* DebriefAssignment(const Ui& ui, Assignment& scratch, std::string* source) const;
    std::string codes_text_;
    std::vector<Entry> files_;            ///< submission files opened
    std::vector<DecodeError> file_errors_;
    std::vector<DecodeError> errors_;     ///< of the last check: codes that did not decode
    std::vector<Entry> queue_;
    std::vector<Checked> checked_;
    std::vector<std::string> checked_sources_;
    std::optional<Truth> truth_;
    std::optional<Assignment> checking_;  ///< the assignment being checked against
    int check_stage_ = 0;                 ///< 0 idle, 1 truth next frame, 2 checking, 3 done
    std::size_t next_check_ = 0;          ///< submissions with a verdict (progress)
    bool check_stale_ = false;            ///< inputs changed after the last check
    /// The submissions being re-simulated: their row in checked_ and their rounds, in batch order.
    std::vector<std::pair<std::size_t, int>> check_runs_;
    std::vector<Checked> prechecked_;     ///< stage 2: every submission scored, verdicts of the runs to come
    double check_progress_ = 0.0;         ///< of stage 2, 0..1
    long long check_pool_start_ = 0;      ///< Runner::PoolResultsMerged() when the runs started
    long long check_pooled_ = 0;          ///< replications of the last check that ran on the worker pool

    // ---- The class dashboard (and the deck) ----
    void ResetDashboard();
    void DrawDashboard(Ui& ui, float w);
    void DrawWhy(Ui& ui, float w, bool tall);
    void StartWhy();
    void WhySlice();
    int debrief_tab_ = 0;                  ///< 0 the dashboard, 1 the table
    std::optional<ClassSummary> summary_;  ///< of the last check, once done
    SeriesId dash_outcome_ = SeriesId::OperatingProfit;
    // "Why?": the median student's decisions (A) against the best's (B) on why_outcome_.
    std::unique_ptr<Explainer> why_;
    std::optional<Explanation> why_result_;
    SeriesId why_outcome_ = SeriesId::OperatingProfit;
    int why_best_ = -1, why_median_ = -1;
};

}  // namespace orgsim::ui
