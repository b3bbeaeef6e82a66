// march.h: March (1991) "Exploration and exploitation in organizational learning": the mutual-learning
// model (one MarchModel per replication, stepped one period at a time), its experiments (the published
// figures, run a chunk of replications at a time) and the reader of scenarios/march/*.json.
//
// [SECTION] index
//   Parameters ........ MarchParams, MarchParamTable (each parameter declared once)
//   Model ............. MarchModel: reality, code, beliefs; Step() = turnover, turbulence, act,
//                       socialise, code learning, equilibrium check
//   Scenario .......... MarchScenario, ReadMarchScenario (JSON pointer + message for every problem)
//   Experiment ........ MarchExperiment: the cells of a figure, RunChunk(), results, MarchTable
//
// Standard C++ only (nlohmann/json is used inside march.cpp by the reader, as for sim/scenario.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/rng.h"
#include "sim/scenario.h"  // Problem: one reader problem (JSON pointer + message)

namespace orgsim {

// ============================================================================================
// [SECTION] Parameters
// ============================================================================================

/// Limits that reject absurd input (the paper uses m = 30, n = 50).
constexpr int kMarchMaxDimensions = 1000;
constexpr int kMarchMaxPeople = 10000;
constexpr long long kMarchMaxBeliefCells = 1000000;  ///< dimensions x people
constexpr int kMarchMaxPeriods = 1000000;
constexpr int kMarchMaxReplications = 100000;
constexpr int kMarchMaxListLength = 101;              ///< values in one parameter list
constexpr long long kMarchMaxRuns = 10000000;         ///< cells x replications in one experiment
constexpr std::size_t kMarchMaxScenarioBytes = 1u << 20;

/// One replication's parameters. Probabilities are per period and lie in [0, 1].
struct MarchParams {
    int dimensions = 30;      ///< m: dimensions of reality, 1..kMarchMaxDimensions
    int people = 50;          ///< n: members of the organisation, 1..kMarchMaxPeople
    double p1 = 0.5;          ///< socialisation: chance a belief that differs from a non-zero code moves one step toward it
    double p2 = 0.5;          ///< code learning: per superior member of net agreement, chance the code adopts the majority
    double p3 = 0.0;          ///< turnover: chance a person is replaced by a newcomer with uniform random beliefs
    double p4 = 0.0;          ///< turbulence: chance a dimension of reality flips sign
    int fast_learners = 0;    ///< the first `fast_learners` people socialise at p1_fast instead of p1 (0..people)
    double p1_fast = 0.9;     ///< socialisation rate of the fast learners
    int max_periods = 10000;  ///< the run stops here even without equilibrium, 1..kMarchMaxPeriods
};

/// The declaration of one parameter: the reader, the CLI and the docs all loop over this table.
struct MarchParamInfo {
    const char* key;
    const char* label;
    const char* unit;
    double min;
    double max;
    double def;
    const char* doc;
};
const std::array<MarchParamInfo, 6>& MarchParamTable();

// ============================================================================================
// [SECTION] Model
// ============================================================================================

/// Independent random streams per replication (one per mechanism), so that switching turnover on
/// does not change the luck of acting or learning, and cells with the same replication index share
/// reality and initial beliefs (common random numbers across the cells of a figure).
enum class MarchStream : int { Init, Turnover, Turbulence, Act, Socialise, Code, Count };

/// Series recorded every period (index = period; index 0 is the initial state).
enum class MarchSeries : int {
    CodeKnowledge,   ///< K / m, K = sum_j c_j r_j: the code's knowledge, -1..1 (March's measure)
    CodeCorrect,     ///< share of dimensions where the code equals reality, 0..1
    MeanKnowledge,   ///< mean over people of (sum_j b_ij r_j) / m, -1..1
    Count
};
constexpr int kMarchSeriesCount = static_cast<int>(MarchSeries::Count);
/// Key (for --measure and CSV) and label of a series.
struct MarchSeriesInfo {
    MarchSeries id;
    const char* key;
    const char* label;
};
const std::array<MarchSeriesInfo, kMarchSeriesCount>& MarchSeriesTable();

/// One replication of March's mutual-learning model. All state lives here; two models can run side
/// by side. Beliefs, code and reality are int8 in {-1, 0, +1} (reality never 0).
class MarchModel {
public:
    /// Replication `replication` of `params` with base seed `seed`: draws reality (fair +-1 per
    /// dimension) and beliefs (uniform on {-1, 0, +1}); the code starts at 0 everywhere. Sizes below
    /// 1 are taken as 1 (the scenario reader rejects them).
    MarchModel(const MarchParams& params, std::uint64_t seed, int replication);

    /// One period: (1) turnover, (2) turbulence, (3) act, (4) socialise, (5) code learning, then
    /// record the series and, without turnover and turbulence, test for equilibrium. No-op once Done().
    void Step();
    /// Up to n periods; returns the number stepped.
    int StepPeriods(int n);

    int Period() const { return period_; }
    /// True at equilibrium (only possible with p3 = p4 = 0) or at max_periods.
    bool Done() const { return equilibrium_ || period_ >= params_.max_periods; }
    /// True if the last check found the equilibrium (see IsEquilibrium).
    bool AtEquilibrium() const { return equilibrium_; }
    const MarchParams& Params() const { return params_; }

    // ---- Reading the state ----
    int Dimensions() const { return m_; }
    int People() const { return n_; }
    int Reality(int j) const { return reality_[static_cast<std::size_t>(j)]; }
    int Code(int j) const { return code_[static_cast<std::size_t>(j)]; }
    int Belief(int person, int j) const { return beliefs_[Idx(person, j)]; }
    /// The action taken in the last Act(): the belief, or a fair coin where the belief is 0.
    int Action(int person, int j) const { return actions_[Idx(person, j)]; }
    /// Performance in the last Act(): sum_j action_j * r_j, -m..m.
    int Performance(int person) const { return performance_[static_cast<std::size_t>(person)]; }
    /// Size of the superior group in the last LearnCode() (people whose performance exceeded K).
    int SuperiorCount() const { return superior_count_; }
    double SocialisationRate(int person) const { return p1_[static_cast<std::size_t>(person)]; }

    /// K = sum_j c_j r_j, -m..m.
    int CodeScore() const;
    double CodeKnowledge() const { return static_cast<double>(CodeScore()) / m_; }
    double CodeCorrectShare() const;
    /// sum_j b_ij r_j for one person, -m..m.
    int BeliefScore(int person) const;
    /// Mean over people [first, last) of BeliefScore / m; the whole organisation by default.
    double MeanKnowledge(int first = 0, int last = -1) const;
    /// The best performance `person` could still reach: BeliefScore plus one per undecided (0)
    /// dimension, where a coin could land right.
    int MaxPerformance(int person) const;
    /// March's equilibrium, made precise: (a) nobody differs from the code on a dimension where the
    /// code is non-zero, and (b) nobody could still beat the code (MaxPerformance <= K for all).
    /// With p1, p2 > 0 this holds exactly when no belief and no code value can ever change again
    /// (an absorbing state; proof in docs/march1991.md).
    bool IsEquilibrium() const;

    const std::vector<double>& Series(MarchSeries s) const { return series_[static_cast<int>(s)]; }

    /// 64-bit FNV-1a over the full state (sizes hashed as uint64 so native and wasm agree).
    std::uint64_t StateHash() const;

    // ---- The five mechanisms of a period, public so that tests and teaching views can run them
    // one at a time. Step() calls them in this order. ----
    void Turnover();
    void Turbulence();
    void Act();
    void Socialise();
    void LearnCode();

    // ---- Setting state: for unit tests and hand-built teaching examples only (the UI never
    // writes into the model). Values must be -1, 0 or +1 (reality +-1). ----
    void SetReality(int j, int v) { reality_[static_cast<std::size_t>(j)] = static_cast<std::int8_t>(v); }
    void SetCode(int j, int v) { code_[static_cast<std::size_t>(j)] = static_cast<std::int8_t>(v); }
    void SetBelief(int person, int j, int v) { beliefs_[Idx(person, j)] = static_cast<std::int8_t>(v); }

private:
    std::size_t Idx(int person, int j) const {
        return static_cast<std::size_t>(person) * static_cast<std::size_t>(m_) + static_cast<std::size_t>(j);
    }
    Rng& Stream(MarchStream s) { return rng_[static_cast<int>(s)]; }
    void FreshBeliefs(int person, Rng& rng);
    void Record();

    MarchParams params_;
    int m_ = 0;
    int n_ = 0;
    int period_ = 0;
    bool equilibrium_ = false;
    int superior_count_ = 0;
    std::array<Rng, static_cast<int>(MarchStream::Count)> rng_;
    std::vector<std::int8_t> reality_;      ///< m values, +-1
    std::vector<std::int8_t> code_;         ///< m values in {-1, 0, +1}
    std::vector<std::int8_t> beliefs_;      ///< n x m, person-major
    std::vector<std::int8_t> actions_;      ///< n x m, from the last Act()
    std::vector<std::int32_t> performance_; ///< n, from the last Act()
    std::vector<double> p1_;                ///< n socialisation rates
    std::vector<std::uint64_t> socialise_threshold_;  ///< n: ceil(p1 * 2^53), see Socialise()
    std::vector<double> adopt_prob_;        ///< index k = |S_j|: 1 - (1 - p2)^k, by DetPow
    std::vector<std::int32_t> superior_sum_;///< m, scratch for S_j
    std::array<std::vector<double>, kMarchSeriesCount> series_;
};

// ============================================================================================
// [SECTION] Scenario
// ============================================================================================

/// The published experiments (March 1991, Figures 1 to 5).
enum class MarchExperimentKind {
    Figure1,    ///< equilibrium code knowledge over p1 x p2 (Figure 1)
    Mix,        ///< slow and fast socialisers mixed vs a uniform population with the same mean p1 (Figures 2-3)
    Turnover,   ///< code knowledge at a fixed period over p3 x p1 (Figure 4)
    Turbulence  ///< code knowledge over time under turbulence, with and without turnover (Figure 5)
};
const char* MarchExperimentKey(MarchExperimentKind k);
std::optional<MarchExperimentKind> MarchExperimentFromKey(const std::string& key);

/// A scenario file of scenarios/march/ (format "orgsim-march/1").
struct MarchScenario {
    std::string name;
    std::string description;
    MarchExperimentKind experiment = MarchExperimentKind::Figure1;
    int dimensions = 30;
    int people = 50;
    std::vector<double> p1 = {0.5};  ///< socialisation rates to sweep (not used by mix)
    std::vector<double> p2 = {0.5};
    std::vector<double> p3 = {0.0};
    std::vector<double> p4 = {0.0};
    double p1_slow = 0.1;            ///< mix: the slow learners' rate
    double p1_fast = 0.9;            ///< mix: the fast learners' rate
    std::vector<int> fast_learners;  ///< mix: numbers of fast learners to sweep, 0..people
    int periods = 0;                 ///< turnover/turbulence: every replication runs exactly this many periods
    int report_every = 10;           ///< turbulence: table row spacing, in periods
    int replications = 80;           ///< per cell (March used 80)
    std::uint64_t seed = 1991;
    int max_periods = 10000;         ///< figure1/mix: cap on a run that has not reached equilibrium
};

struct MarchReadResult {
    std::optional<MarchScenario> scenario;  ///< set only when problems is empty
    std::vector<Problem> problems;
    bool ok() const { return scenario.has_value(); }
    std::string Report() const;
};

/// Parse and validate a March scenario from JSON text; lists every problem, never half-loads.
MarchReadResult ReadMarchScenario(const std::string& json_text);

// ============================================================================================
// [SECTION] Experiment
// ============================================================================================

/// One cell of a figure: the parameters of its replications and where it sits.
struct MarchCell {
    MarchParams params;
    int i_p1 = 0, i_p2 = 0, i_p3 = 0, i_p4 = 0;  ///< indices into the scenario's lists
    int i_fast = 0;                              ///< mix: index into fast_learners
    bool uniform = false;                        ///< mix: the uniform-rate comparison population
};

/// What the replications of one cell produced (vectors indexed by replication).
struct MarchCellResult {
    /// Per measure (index MarchSeries): its value at the end of each replication (at equilibrium,
    /// at the period cap, or at the fixed horizon).
    std::array<std::vector<double>, kMarchSeriesCount> final;
    std::vector<int> periods;            ///< periods run
    std::vector<std::uint64_t> hashes;   ///< final state hash of each replication
    int capped = 0;                      ///< equilibrium runs stopped by max_periods
    /// Fixed-horizon experiments: per measure and period, sum and sum of squares over replications.
    std::array<std::vector<double>, kMarchSeriesCount> series_sum, series_sumsq;

    const std::vector<double>& Final(MarchSeries s) const { return final[static_cast<std::size_t>(s)]; }
    int Replications() const { return static_cast<int>(periods.size()); }
};

/// Mean, standard error of the mean and count.
struct MarchStat {
    double mean = 0.0;
    double se = 0.0;
    int n = 0;
};
MarchStat MarchSummarise(const std::vector<double>& v);

/// A published figure as a table: rows x columns of mean +- standard error. Built by the engine so
/// the CLI and the browser show the same numbers.
struct MarchTable {
    std::string title;
    std::string row_header;
    std::vector<std::string> row_labels;
    std::vector<std::string> column_labels;
    std::vector<std::vector<MarchStat>> cells;  ///< [row][column]
    std::string note;
};

/// Runs an experiment incrementally: RunChunk(k) runs k more replications (each to its end) and
/// returns, so a browser can stay responsive. Replications run in the order (replication, cell),
/// so every cell fills up evenly and the results do not depend on the chunk sizes.
class MarchExperiment {
public:
    explicit MarchExperiment(const MarchScenario& scenario);

    /// Run up to `max_runs` more replications; returns how many ran.
    int RunChunk(int max_runs);
    bool Done() const { return next_ >= Total(); }
    long long Completed() const { return next_; }
    long long Total() const { return static_cast<long long>(cells_.size()) * scenario_.replications; }

    const MarchScenario& GetScenario() const { return scenario_; }
    const std::vector<MarchCell>& Cells() const { return cells_; }
    const MarchCellResult& Result(std::size_t cell) const { return results_[cell]; }
    /// FNV-1a over the final state hashes in run order (one number that pins the whole experiment).
    std::uint64_t CombinedHash() const { return combined_hash_; }
    /// Periods simulated so far, over all replications.
    long long PeriodsSimulated() const { return periods_simulated_; }

    /// The published figure's table of one measure (over the replications completed so far).
    MarchTable Table(MarchSeries measure = MarchSeries::CodeKnowledge) const;

private:
    MarchScenario scenario_;
    std::vector<MarchCell> cells_;
    std::vector<MarchCellResult> results_;
    long long next_ = 0;
    long long periods_simulated_ = 0;
    std::uint64_t combined_hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace orgsim
