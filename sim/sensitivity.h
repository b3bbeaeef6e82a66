// sensitivity.h: which levers matter, and how much: a one-at-a-time tornado (each lever at the low
// and high end of its range against the base, with common random numbers) and Morris (1991)
// elementary effects (mu*, mu, sigma over r trajectories on a p-level grid, bootstrap intervals),
// with a bar for replication noise, so that an effect smaller than the noise reads as such.
// Standard C++ only; parallelism comes from the caller (ParallelFor), results do not depend on it.
// A study also comes in stages (SensitivityStudy: the runs as batches, then the result from their
// finals) for hosts that run the batches themselves, e.g. the browser on its Web Workers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/parallel_for.h"
#include "sim/params.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace orgsim {


// ---- Morris (1991), on the unit cube -----------------------------------------------------------

/// A Morris design: `trajectories` trajectories of k + 1 points on the grid {0, 1/(p-1), ..., 1}^k.
/// Each trajectory starts at a random grid point and moves one factor at a time, in a random order,
/// by delta = p / (2 (p - 1)) (up where it can, else down), so every point differs from the one
/// before in exactly one factor.
struct MorrisDesign {
    int k = 0, levels = 4, trajectories = 0;
    double delta = 0.0;
    std::vector<std::vector<double>> points;  ///< trajectories x (k + 1) rows, trajectory by trajectory
    std::vector<int> changed;                 ///< per row: the factor changed from the row before (-1 first)
};
/// `levels` must be even and >= 2, k >= 1, trajectories >= 1. Deterministic in `seed`.
MorrisDesign MakeMorrisDesign(int k, int trajectories, int levels, std::uint64_t seed);

/// Elementary effects and their summaries for one output (SALib's columns and the bootstrap).
struct MorrisResult {
    std::vector<double> mu, mu_star, sigma;  ///< per factor
    std::vector<double> mu_star_conf;        ///< half-width of the 95% interval of mu* (1.96 x bootstrap sd)
    std::vector<double> mu_star_lo, mu_star_hi;  ///< the bootstrap's 5th and 95th percentiles of mu*
    std::vector<std::vector<double>> effects;    ///< [factor][trajectory]: the elementary effects
};
/// y holds the output at every design point (design.points order). `resamples` bootstrap resamples of
/// the trajectories (deterministic in `seed`).
MorrisResult AnalyseMorris(const MorrisDesign& design, const std::vector<double>& y, int resamples = 1000,
                           std::uint64_t seed = 1);

/// Sobol's G function (Saltelli & Sobol 1995), a standard test of sensitivity methods: the smaller
/// a_i, the more factor i matters; a_i = 0 very important, a_i = 99 almost not.
double SobolG(const std::vector<double>& x, const std::vector<double>& a);

// ---- The model ---------------------------------------------------------------------------------

/// A lever and the part of its range to study.
struct LeverRange {
    ParamId id;
    double lo = 0.0, hi = 0.0;
};
/// Every lever of the panel (ParamGroup::Levers) over its whole range, except revenue (the company's size).
std::vector<LeverRange> AllLevers();
/// The lever's value at `u` in [0, 1] of its range: linear for real values, rounded for integers,
/// and the nearest option or switch position for choices and yes/no.
double LeverValueAt(const LeverRange& lever, double u);

struct SensitivityOptions {
    std::vector<LeverRange> levers;  ///< empty = AllLevers()
    std::vector<SeriesId> outcomes;  ///< empty = time to market, profit, shadow share, incidents, trust
    int replications = 20;           ///< per design point, replications 0..R-1 of the base's seed (common random numbers)
    int weeks = 0;                   ///< 0 = the base's horizon
    int trajectories = 10;           ///< Morris r
    int levels = 4;                  ///< Morris p (even)
    std::uint64_t design_seed = 1;
    bool tornado = true, morris = true;
};

/// One lever of the tornado: the mean paired difference of an outcome with the lever at the low and
/// at the high end of its range, against the base (90% confidence intervals of the means).
struct TornadoBar {
    int lever = 0;  ///< index into SensitivityResult::levers
    double low_value = 0.0, high_value = 0.0;
    double low_mean = 0.0, low_lo = 0.0, low_hi = 0.0;
    double high_mean = 0.0, high_lo = 0.0, high_hi = 0.0;
    double Swing() const;  ///< |high_mean - low_mean|, the bar's length (tornado order)
};

struct SensitivityResult {
    std::vector<LeverRange> levers;
    std::vector<SeriesId> outcomes;
    int replications = 0, weeks = 0;
    /// [outcome]: bars sorted by swing, largest first.
    std::vector<std::vector<TornadoBar>> tornado;
    MorrisDesign design;
    std::vector<std::vector<double>> y;   ///< [outcome][design point]: mean over the replications
    std::vector<MorrisResult> morris;      ///< [outcome]
    /// [outcome]: replication noise on the elementary-effect scale: |y(x; replications 0..R-1) -
    /// y(x; replications R..2R-1)| / delta at each trajectory's start, its mean and 95% half-width.
    /// An effect whose mu* is not above this is indistinguishable from noise at this R.
    std::vector<double> noise, noise_conf;
};

/// Run the tornado and/or Morris for a valid base scenario. `parallel` runs the replications.
/// Runs the batches of SensitivityStudy(base, options) and returns its Analyse().
SensitivityResult Sensitivity(const Scenario& base, const SensitivityOptions& options, const ParallelFor& parallel = SerialFor);

// ---- In stages ---------------------------------------------------------------------------------

/// Runs of a study that belong together: prepared scenarios (the base's seed, horizon `weeks`, so
/// common random numbers) x replications first_replication .. first_replication + replications - 1,
/// final values only. Exactly what Experiment(scenarios, replications, weeks, false,
/// first_replication) runs; at most kMaxExperimentScenarios scenarios.
struct SensitivityBatch {
    std::vector<Scenario> scenarios;
    int replications = 0;
    int weeks = 0;
    int first_replication = 0;
};

/// A sensitivity study in stages: Batches() lists every run (the tornado: the base, then each
/// lever's low and high end; Morris: the design points; the noise: each trajectory's start again
/// with replications R..2R-1; a stage with more than kMaxExperimentScenarios scenarios is split), the
/// host runs them however it likes, and Analyse() builds the result from their final values.
/// Sensitivity() is this with a ParallelFor, so every host gets the same numbers.
class SensitivityStudy {
public:
    /// `base` must be valid; options as for Sensitivity().
    SensitivityStudy(const Scenario& base, const SensitivityOptions& options);

    const std::vector<SensitivityBatch>& Batches() const { return batches_; }
    /// Model runs over every batch (scenarios x replications).
    long long Runs() const;
    const std::vector<LeverRange>& Levers() const { return shape_.levers; }
    const std::vector<SeriesId>& Outcomes() const { return shape_.outcomes; }
    int Replications() const { return shape_.replications; }
    int Weeks() const { return shape_.weeks; }

    /// The final value of series `id` in each replication (in replication order) of scenario
    /// `scenario` of batch `batch`: Experiment::Finals of the batch's experiment.
    using FinalsOf = std::function<const std::vector<double>&(int batch, int scenario, SeriesId id)>;
    /// The result, once every batch has run. When a batch's finals are short (it did not finish), the
    /// result has the levers and outcomes but no tornado and no Morris, and replications 0.
    SensitivityResult Analyse(const FinalsOf& finals) const;

private:
    /// Where a stage's scenario `index` sits: batch and scenario within it.
    struct Stage {
        int first_batch = 0, count = 0;
    };
    void AddStage(Stage& stage, const std::vector<Scenario>& scenarios, int first_replication);
    const std::vector<double>& Final(const FinalsOf& finals, const Stage& stage, int index, SeriesId id) const;

    SensitivityResult shape_;  ///< levers, outcomes, replications, weeks and the Morris design
    bool tornado_ = false, morris_ = false;
    std::uint64_t design_seed_ = 1;
    Stage tornado_stage_, morris_stage_, noise_stage_;
    std::vector<SensitivityBatch> batches_;
};

/// SALib's layouts: the problem ("name lower upper" per lever), the design with the model outputs
/// (a header, then one row per model run in natural units), and the Morris results per outcome
/// (outcome,names,mu,mu_star,sigma,mu_star_conf).
std::string SalibProblem(const SensitivityResult& r);
std::string SalibDesignCsv(const SensitivityResult& r);
std::string SalibMorrisCsv(const SensitivityResult& r);
std::string TornadoCsv(const SensitivityResult& r);

}  // namespace orgsim
