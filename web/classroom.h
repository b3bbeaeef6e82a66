// classroom.h: assignments, students' result codes and their verification, with no server (issue 14).
//
// An instructor's assignment holds one to four structures (org charts with their levers), which levers
// students may change, prediction questions, one to five rounds (budget years), the replications and
// the seed. A student picks a structure (when there is a choice), answers the predictions, then each
// round sets the unlocked levers and runs the year. Everything a student did fits in a short result
// code: the model's version, the assignment's fingerprint, the name, the predictions, the decisions
// per round and a hash of the outcomes. Because a scenario, a seed and a list of decisions reproduce
// every result bit for bit, the instructor's app re-simulates each code and knows whether its outcomes
// are the ones its decisions give (verified), whether it was made for another assignment, with
// another version of the model (reported as such, never as tampering), or is corrupt.
//
// Rounds are a lever schedule (Scenario::schedule): the decisions of round r take effect after
// 52 * (r - 1) weeks, so round r's results are those of one run of 52 * r weeks and the first years
// are the same run the student saw before.
//
// Standard C++ only (web_core): unit-tested natively (tests/unit/test_classroom.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/experiment.h"
#include "sim/parallel_for.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace orgsim::ui {

constexpr const char* kAssignmentFormat = "orgsim-assignment/1";
constexpr const char* kSubmissionFormat = "orgsim-submission/1";
constexpr int kMaxRounds = 5;
constexpr int kMaxStructures = 4;
constexpr int kMaxQuestions = 8;
constexpr int kMaxClassSize = 200;
constexpr int kMinClassReplications = 2;
constexpr int kMaxClassReplications = 100;
constexpr std::size_t kMaxStudentName = 60;   ///< bytes of UTF-8
constexpr std::size_t kMaxCodeChars = 600;    ///< a result code for 5 rounds stays under this
constexpr int kWeeksPerRound = 52;            ///< a round is a budget year

/// The outcomes a class sees after each round and whose values the outcome hash covers.
const std::vector<SeriesId>& ClassOutcomes();

enum class QuestionKind : std::uint8_t {
    Choice,  ///< which structure will have the better outcome after `year` years (options: the structures)
    Number,  ///< what the outcome of structure `structure` will be after `year` years (a number with its unit)
};

struct Question {
    QuestionKind kind = QuestionKind::Choice;
    std::string text;       ///< as the instructor wrote it (a default is made from the fields when empty)
    SeriesId outcome = SeriesId::TimeToMarket;
    int year = 1;           ///< 1..rounds: after this many budget years
    int structure = 0;      ///< Number: which structure
    double tolerance = 0.1; ///< Number: full marks within this share of the truth (half within twice)
    bool operator==(const Question& o) const;
};

struct Assignment {
    std::string title;
    std::string instructions;
    std::vector<Scenario> structures;  ///< 1..kMaxStructures; the first is where students start
    bool choose_structure = false;     ///< students pick one of the structures (else the first)
    std::vector<ParamId> unlocked;     ///< levers students may change each round (others locked)
    std::vector<Question> questions;
    int rounds = 3;
    int replications = 20;             ///< per round's run
    std::uint64_t seed = 1;
    bool seed_per_student = false;     ///< each student's own futures (seed from the class seed and the name)
    std::string reflection;            ///< the reflection prompt ("" = none)
    bool operator==(const Assignment& o) const;
};

/// Problems of an assignment (structures' org charts, ranges, questions), each with where and what.
std::vector<Problem> ValidateAssignment(const Assignment& a);
/// Canonical JSON (the file an instructor saves); ReadAssignment(WriteAssignment(a)) == a.
std::string WriteAssignment(const Assignment& a);
struct AssignmentResult {
    std::optional<Assignment> assignment;
    std::vector<Problem> problems;
    std::string model;  ///< the model version the file names
    bool ok() const { return assignment.has_value(); }
    std::string Report() const;
};
AssignmentResult ReadAssignment(const std::string& text);
/// 64-bit fingerprint of the canonical JSON: what a result code names its assignment by.
std::uint64_t AssignmentFingerprint(const Assignment& a);
/// The assignment as a link fragment ("assign=" + base64url of LZ-compressed JSON) and back.
std::string EncodeAssignmentFragment(const Assignment& a);
bool IsAssignmentFragment(const std::string& fragment);
AssignmentResult DecodeAssignmentFragment(const std::string& fragment);

/// A question's text as students see it (the instructor's, or one made from its fields).
std::string QuestionText(const Assignment& a, const Question& q);
/// A lever value as a class stores it: the slider's display precision, exactly as a code decodes it.
double ClassLeverValue(ParamId id, double v);

/// What a student decided and predicted.
struct Decisions {
    int structure = 0;                                             ///< index into Assignment::structures
    std::vector<std::vector<std::pair<ParamId, double>>> rounds;  ///< per round played: levers set (changes)
    bool operator==(const Decisions& o) const { return structure == o.structure && rounds == o.rounds; }
};
struct Prediction {
    bool answered = false;
    int choice = -1;      ///< Choice: a structure's index
    double number = 0.0;  ///< Number: in the outcome's unit
    bool operator==(const Prediction& o) const { return answered == o.answered && choice == o.choice && number == o.number; }
};

/// The scenario a student's decisions make for the first `rounds` rounds: the structure, round 1's
/// levers set, later rounds as schedule steps, horizon 52 * rounds, the class's replications and seed.
Scenario StudentScenario(const Assignment& a, const std::string& name, const Decisions& d, int rounds);
/// The seed of a student's runs (the class seed, or one mixed with the name).
std::uint64_t StudentSeed(const Assignment& a, const std::string& name);

/// Mean of each class outcome at the end of each round (rounds x ClassOutcomes()).
struct RoundResults {
    std::vector<std::vector<double>> mean;  ///< [round][outcome]
    std::vector<std::vector<double>> lo;    ///< 5th percentile over replications
    std::vector<std::vector<double>> hi;    ///< 95th percentile
};
/// Run a student's decisions for `rounds` rounds (replications side by side through `parallel`; the
/// result does not depend on how they ran).
RoundResults RunStudent(const Assignment& a, const std::string& name, const Decisions& d, int rounds,
                        const ParallelFor& parallel = SerialFor);
/// The same from an experiment that ran StudentScenario(..., rounds) on its own (one scenario, the
/// assignment's replications, 52 x rounds weeks) with SetCheckpointEvery(kWeeksPerRound): on the
/// worker pool, say. Bit for bit what RunStudent gives.
RoundResults RoundResultsOf(const Experiment& e, int rounds);
/// Hash of the means (bit patterns) of every round: what a code carries and a debrief recomputes.
std::uint64_t OutcomeHash(const RoundResults& r);

/// The truth each question is scored against: the structures as the instructor set them, no
/// student decisions, the class seed. Choice: the index of the better structure; Number: the mean.
struct Truth {
    std::vector<int> choice;      ///< per question (-1 for Number questions)
    std::vector<double> number;   ///< per question (the mean; NaN for Choice questions)
    std::vector<std::vector<double>> structure_means;  ///< [question][structure]: the outcome at its year
};
Truth ComputeTruth(const Assignment& a, const ParallelFor& parallel = SerialFor);
/// Points for one prediction: Choice 1 or 0; Number 1 within the tolerance, 0.5 within twice, else 0.
double ScorePrediction(const Question& q, const Prediction& p, const Truth& t, std::size_t question);

/// Everything a student hands in.
struct Submission {
    std::string model;          ///< the model's version the student's app had (kModelVersion)
    std::uint64_t assignment = 0;  ///< AssignmentFingerprint
    std::string name;
    std::vector<Prediction> predictions;  ///< one per question
    Decisions decisions;
    std::uint64_t outcome_hash = 0;
    std::string reflection;     ///< only in the file, not in the code
};

/// The short result code ("OSC1-" + base64url; a checksum catches copying errors) and back.
std::string EncodeResultCode(const Submission& s);
struct CodeResult {
    std::optional<Submission> submission;
    std::string error;  ///< what is wrong with the code, for a person ("" when it decoded)
};
CodeResult DecodeResultCode(const std::string& code);
/// The student's file (JSON: the code's content, the reflection and the code itself) and back; a
/// debrief accepts either a file or a bare code.
std::string WriteSubmissionFile(const Submission& s);
CodeResult ReadSubmission(const std::string& text);

enum class Verdict : std::uint8_t {
    Verified,         ///< the decisions reproduce the outcome hash
    NotReproduced,    ///< they do not: the outcomes were changed, or the decisions
    OtherAssignment,  ///< made for another assignment (fingerprint differs)
    OtherModel,       ///< made with another version of the model: cannot be checked, not tampering
    Invalid,          ///< decisions the assignment does not allow (a locked lever, a round too many)
};
const char* VerdictLabel(Verdict v);

struct Checked {
    Submission submission;
    Verdict verdict = Verdict::Invalid;
    std::string detail;       ///< why, in words (both versions for OtherModel)
    RoundResults results;     ///< re-simulated (empty unless the decisions were allowed and ran)
    std::vector<double> points;  ///< per question
    double score = 0.0;       ///< sum of points / questions, 0..1
};
/// Check one submission against an assignment: allowed decisions, re-simulation, scoring.
Checked CheckSubmission(const Assignment& a, const Truth& truth, const Submission& s, const ParallelFor& parallel = SerialFor);
/// CheckSubmission in two steps, for re-simulations that run elsewhere (the worker pool): the
/// scoring and every verdict that needs no run; *rounds > 0 when the decisions must be re-simulated
/// for that many rounds (StudentScenario), then ConcludeCheck with the results gives the verdict.
Checked PrecheckSubmission(const Assignment& a, const Truth& truth, const Submission& s, int* rounds);
void ConcludeCheck(const Assignment& a, Checked& c, RoundResults results);
/// Problems with a student's decisions under the assignment (locked levers, rounds, structure).
std::vector<std::string> DecisionProblems(const Assignment& a, const Decisions& d);

/// The gradebook: one row per student (verified, predictions, score, decisions, outcomes).
std::string GradebookCsv(const Assignment& a, const Truth& truth, const std::vector<Checked>& rows);

/// What the class dashboard and the debrief deck show. Only verified submissions count: an unverified
/// code's outcomes are not what the model gives, and a code from another version cannot be re-run.
struct ClassSummary {
    std::vector<std::size_t> rows;  ///< indices into the checked submissions of the verified ones
    struct QuestionSummary {
        int answered = 0;                ///< verified students who answered
        int right = 0;                   ///< full marks (the right structure; a number within the tolerance)
        int half = 0;                    ///< Number: within twice the tolerance
        std::vector<int> choice_counts;  ///< Choice: students per structure
        std::vector<double> numbers;     ///< Number: the predictions, ascending
    };
    std::vector<QuestionSummary> questions;  ///< one per question
    std::vector<int> structure_counts;       ///< verified students per structure they played
    /// A lever's decisions in one round: how many changed it then, and the value in force (the
    /// structure's own until a student changes it) over the students who played that round.
    struct LeverRound {
        ParamId id = ParamId::Count;
        int changed = 0;
        int players = 0;
        double mean = 0.0, min = 0.0, max = 0.0;
        std::vector<int> counts;  ///< switches and choices: students per value (index = value)
    };
    std::vector<std::vector<LeverRound>> decisions;  ///< [round][unlocked lever]
    /// The students who played every round ("finished") and each class outcome at the end of the last
    /// round: finished[i] indexes rows; final[k][i] is outcome k (ClassOutcomes()) of finished[i].
    std::vector<std::size_t> finished;
    std::vector<std::vector<double>> final;
};
ClassSummary SummariseClass(const Assignment& a, const std::vector<Checked>& checked);

/// The best and the median finished student on one outcome (by its better direction; ties go to the
/// earlier row; of an even number, the lower of the middle two is the median): indices into the
/// checked submissions, -1 when no one finished.
struct Standing {
    int best = -1;
    int median = -1;
};
Standing BestAndMedian(const ClassSummary& s, SeriesId outcome);
/// A finished student's rank on an outcome: 1 = best; 0 when the row did not finish.
int RankOn(const ClassSummary& s, SeriesId outcome, std::size_t row);
/// The levers a student had in force in each round (every unlocked lever, the structure's value until
/// changed): [round][unlocked lever].
std::vector<std::vector<double>> LeversInForce(const Assignment& a, const Decisions& d);

// ---- Helpers for the app's Class view (web/classroom_view.cpp) --------------------------------------

/// What a file opened in the app is, by its "format" (Other: not a classroom file).
enum class ClassFileKind : std::uint8_t { Other, Assignment, Submission };
ClassFileKind ClassFileKindOf(const std::string& text);
/// A fingerprint as 16 hex digits (what a storage key and a code's detail name an assignment by).
std::string FingerprintHex(std::uint64_t fingerprint);

/// A student's work in progress, kept in the browser's storage between visits (keyed by the
/// assignment's fingerprint): everything needed to carry on, and the results already seen (a reload
/// does not run the rounds again).
constexpr const char* kStudentWorkFormat = "orgsim-class-work/1";
struct StudentWork {
    std::string name;
    bool locked = false;                  ///< predictions locked (the name too)
    std::vector<Prediction> predictions;  ///< one per question
    bool structure_chosen = false;        ///< the structure is fixed (first round run, or chosen)
    Decisions decisions;                  ///< rounds played
    std::vector<std::pair<ParamId, double>> next;  ///< unlocked levers as set for the next round
    RoundResults results;                 ///< of the rounds played (rounds x ClassOutcomes())
    std::string reflection;
    bool operator==(const StudentWork& o) const;
};
/// Compact JSON of the work for an assignment (its fingerprint inside).
std::string WriteStudentWork(const StudentWork& w, std::uint64_t fingerprint);
/// The work back, when the text is one written for this assignment; values outside what the
/// assignment allows are dropped or clamped (the debrief checks the code anyway).
std::optional<StudentWork> ReadStudentWork(const std::string& text, const Assignment& a);

}  // namespace orgsim::ui
