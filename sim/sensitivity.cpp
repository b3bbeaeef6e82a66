// sensitivity.cpp: tornado and Morris elementary effects over the levers, with replication noise.
#include "sim/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/rng.h"
#include "sim/stats.h"

namespace orgsim {

// ---- Morris ------------------------------------------------------------------------------------

MorrisDesign MakeMorrisDesign(int k, int trajectories, int levels, std::uint64_t seed) {
    MorrisDesign d;
    if (k < 1 || trajectories < 1 || levels < 2 || levels % 2 != 0) return d;
    d.k = k;
    d.levels = levels;
    d.trajectories = trajectories;
    d.delta = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
    const int jump = levels / 2;  // delta in grid steps
    const double step = 1.0 / static_cast<double>(levels - 1);
    Rng rng(seed);
    for (int t = 0; t < trajectories; ++t) {
        std::vector<int> g(static_cast<std::size_t>(k));
        for (int& v : g) v = static_cast<int>(rng.Below(static_cast<std::uint64_t>(levels)));
        std::vector<int> order(static_cast<std::size_t>(k));
        for (int i = 0; i < k; ++i) order[static_cast<std::size_t>(i)] = i;
        for (int i = k - 1; i > 0; --i)  // Fisher-Yates with our own generator (identical everywhere)
            std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(rng.Below(static_cast<std::uint64_t>(i + 1)))]);
        auto row = [&] {
            std::vector<double> x(static_cast<std::size_t>(k));
            for (int i = 0; i < k; ++i) x[static_cast<std::size_t>(i)] = static_cast<double>(g[static_cast<std::size_t>(i)]) * step;
            return x;
        };
        d.points.push_back(row());
        d.changed.push_back(-1);
        for (int f : order) {
            int& v = g[static_cast<std::size_t>(f)];
            v = v + jump <= levels - 1 ? v + jump : v - jump;
            d.points.push_back(row());
            d.changed.push_back(f);
        }
    }
    return d;
}

namespace {
double MuStar(const std::vector<double>& effects, const std::vector<int>& pick) {
    double s = 0.0;
    for (int t : pick) s += std::fabs(effects[static_cast<std::size_t>(t)]);
    return pick.empty() ? 0.0 : s / static_cast<double>(pick.size());
}
constexpr double kZ90 = 1.6448536269514722;  // two-sided 90%
constexpr double kZ95 = 1.959963984540054;   // two-sided 95%
}  // namespace

MorrisResult AnalyseMorris(const MorrisDesign& design, const std::vector<double>& y, int resamples, std::uint64_t seed) {
    MorrisResult r;
    const int k = design.k, n_traj = design.trajectories;
    r.effects.assign(static_cast<std::size_t>(k), std::vector<double>(static_cast<std::size_t>(n_traj), 0.0));
    for (int t = 0; t < n_traj; ++t)
        for (int j = 1; j <= k; ++j) {
            const std::size_t row = static_cast<std::size_t>(t * (k + 1) + j);
            const int f = design.changed[row];
            const double dx = design.points[row][static_cast<std::size_t>(f)] - design.points[row - 1][static_cast<std::size_t>(f)];
            r.effects[static_cast<std::size_t>(f)][static_cast<std::size_t>(t)] = (y[row] - y[row - 1]) / dx;
        }
    std::vector<int> all(static_cast<std::size_t>(n_traj));
    for (int t = 0; t < n_traj; ++t) all[static_cast<std::size_t>(t)] = t;
    Rng rng(seed);
    std::vector<std::vector<int>> picks(static_cast<std::size_t>(std::max(0, resamples)), std::vector<int>(static_cast<std::size_t>(n_traj)));
    for (auto& p : picks)
        for (int& t : p) t = static_cast<int>(rng.Below(static_cast<std::uint64_t>(n_traj)));
    for (int f = 0; f < k; ++f) {
        const auto& e = r.effects[static_cast<std::size_t>(f)];
        const Summary s = Summarise(e);
        r.mu.push_back(s.mean);
        r.sigma.push_back(s.sd);
        r.mu_star.push_back(MuStar(e, all));
        std::vector<double> boot;
        for (const auto& p : picks) boot.push_back(MuStar(e, p));
        const Summary b = Summarise(boot);
        r.mu_star_conf.push_back(kZ95 * b.sd);
        r.mu_star_lo.push_back(b.lo);
        r.mu_star_hi.push_back(b.hi);
    }
    return r;
}

double SobolG(const std::vector<double>& x, const std::vector<double>& a) {
    double g = 1.0;
    for (std::size_t i = 0; i < x.size() && i < a.size(); ++i) g *= (std::fabs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
    return g;
}

// ---- The model ---------------------------------------------------------------------------------

std::vector<LeverRange> AllLevers() {
    std::vector<LeverRange> out;
    // Revenue sizes the company (1 to 100,000 $M): a fact of the scenario, not a choice to weigh
    // against the others; name it in the lever list to include it.
    for (const ParamInfo& p : ParamTable())
        if (p.group == ParamGroup::Levers && p.id != ParamId::RevenueMusd) out.push_back({p.id, p.min, p.max});
    return out;
}

double LeverValueAt(const LeverRange& lever, double u) {
    const double v = lever.lo + std::clamp(u, 0.0, 1.0) * (lever.hi - lever.lo);
    return Info(lever.id).kind == ParamKind::Real ? v : std::floor(v + 0.5);
}

double TornadoBar::Swing() const { return std::fabs(high_mean - low_mean); }

namespace {
const std::vector<SeriesId>& DefaultOutcomes() {
    static const std::vector<SeriesId> kOut = {SeriesId::TimeToMarket, SeriesId::LaunchedWithin26, SeriesId::OperatingProfit,
                                               SeriesId::ShadowShare, SeriesId::Incidents, SeriesId::Trust};
    return kOut;
}

Scenario WithLever(Scenario s, const LeverRange& l, double value) {
    s.params.Set(l.id, value);
    return s;
}
}  // namespace

// ---- In stages ---------------------------------------------------------------------------------

SensitivityStudy::SensitivityStudy(const Scenario& base_in, const SensitivityOptions& o) {
    SensitivityResult& res = shape_;
    res.levers = o.levers.empty() ? AllLevers() : o.levers;
    res.outcomes = o.outcomes.empty() ? DefaultOutcomes() : o.outcomes;
    res.replications = std::max(2, o.replications);
    Scenario base = base_in;
    res.weeks = o.weeks > 0 ? o.weeks : base.horizon_weeks;
    // Prepared as an Experiment prepares its scenarios, so that a batch runs the same in either.
    base.horizon_weeks = res.weeks;
    base.replications = res.replications;
    const int k = static_cast<int>(res.levers.size());
    tornado_ = o.tornado;
    morris_ = o.morris && k >= 1;
    design_seed_ = o.design_seed;

    if (tornado_) {
        std::vector<Scenario> sc = {base};
        for (const LeverRange& l : res.levers) {
            sc.push_back(WithLever(base, l, LeverValueAt(l, 0.0)));
            sc.push_back(WithLever(base, l, LeverValueAt(l, 1.0)));
        }
        AddStage(tornado_stage_, sc, 0);
    }
    if (morris_) {
        res.design = MakeMorrisDesign(k, std::max(1, o.trajectories), o.levels, o.design_seed);
        std::vector<Scenario> sc;
        for (const auto& x : res.design.points) {
            Scenario s = base;
            for (int i = 0; i < k; ++i)
                s.params.Set(res.levers[static_cast<std::size_t>(i)].id, LeverValueAt(res.levers[static_cast<std::size_t>(i)], x[static_cast<std::size_t>(i)]));
            sc.push_back(std::move(s));
        }
        // Noise: each trajectory's first point again with other replications (other random numbers).
        std::vector<Scenario> starts;
        for (int t = 0; t < res.design.trajectories; ++t) starts.push_back(sc[static_cast<std::size_t>(t * (k + 1))]);
        AddStage(morris_stage_, sc, 0);
        AddStage(noise_stage_, starts, res.replications);
    }
}

void SensitivityStudy::AddStage(Stage& stage, const std::vector<Scenario>& scenarios, int first_replication) {
    stage.first_batch = static_cast<int>(batches_.size());
    stage.count = static_cast<int>(scenarios.size());
    for (std::size_t i = 0; i < scenarios.size(); i += static_cast<std::size_t>(kMaxExperimentScenarios)) {
        SensitivityBatch b;
        const std::size_t end = std::min(scenarios.size(), i + static_cast<std::size_t>(kMaxExperimentScenarios));
        b.scenarios.assign(scenarios.begin() + static_cast<std::ptrdiff_t>(i), scenarios.begin() + static_cast<std::ptrdiff_t>(end));
        b.replications = shape_.replications;
        b.weeks = shape_.weeks;
        b.first_replication = first_replication;
        batches_.push_back(std::move(b));
    }
}

long long SensitivityStudy::Runs() const {
    long long n = 0;
    for (const SensitivityBatch& b : batches_) n += static_cast<long long>(b.scenarios.size()) * b.replications;
    return n;
}

const std::vector<double>& SensitivityStudy::Final(const FinalsOf& finals, const Stage& stage, int index, SeriesId id) const {
    return finals(stage.first_batch + index / kMaxExperimentScenarios, index % kMaxExperimentScenarios, id);
}

SensitivityResult SensitivityStudy::Analyse(const FinalsOf& finals) const {
    SensitivityResult res = shape_;
    const int k = static_cast<int>(res.levers.size());
    const int n_out = static_cast<int>(res.outcomes.size());
    const int reps = res.replications;
    // Every run must be there.
    for (std::size_t b = 0; b < batches_.size(); ++b)
        for (std::size_t s = 0; s < batches_[b].scenarios.size(); ++s)
            for (SeriesId id : res.outcomes)
                if (finals(static_cast<int>(b), static_cast<int>(s), id).size() < static_cast<std::size_t>(reps)) {
                    res.replications = 0;
                    res.design = MorrisDesign{};
                    return res;
                }

    if (tornado_) {
        const double t90 = TQuantileFromNormal(kZ90, reps - 1);
        auto paired = [&](int alt, SeriesId id, double& mean, double& lo, double& hi) {
            const std::vector<double>& a = Final(finals, tornado_stage_, alt, id);
            const std::vector<double>& base = Final(finals, tornado_stage_, 0, id);
            std::vector<double> d;
            for (int r = 0; r < reps; ++r) d.push_back(a[static_cast<std::size_t>(r)] - base[static_cast<std::size_t>(r)]);
            const Summary s = Summarise(d);
            const double half = t90 * s.sd / std::sqrt(static_cast<double>(reps));
            mean = s.mean;
            lo = s.mean - half;
            hi = s.mean + half;
        };
        res.tornado.resize(static_cast<std::size_t>(n_out));
        for (int out = 0; out < n_out; ++out) {
            const SeriesId id = res.outcomes[static_cast<std::size_t>(out)];
            auto& bars = res.tornado[static_cast<std::size_t>(out)];
            for (int i = 0; i < k; ++i) {
                TornadoBar b;
                b.lever = i;
                b.low_value = LeverValueAt(res.levers[static_cast<std::size_t>(i)], 0.0);
                b.high_value = LeverValueAt(res.levers[static_cast<std::size_t>(i)], 1.0);
                paired(1 + 2 * i, id, b.low_mean, b.low_lo, b.low_hi);
                paired(2 + 2 * i, id, b.high_mean, b.high_lo, b.high_hi);
                bars.push_back(b);
            }
            std::stable_sort(bars.begin(), bars.end(), [](const TornadoBar& a, const TornadoBar& b) { return a.Swing() > b.Swing(); });
        }
    }

    if (morris_) {
        auto mean_of = [&](const std::vector<double>& v) {
            double s = 0.0;
            for (int r = 0; r < reps; ++r) s += v[static_cast<std::size_t>(r)];
            return s / static_cast<double>(reps);
        };
        for (int out = 0; out < n_out; ++out) {
            const SeriesId id = res.outcomes[static_cast<std::size_t>(out)];
            std::vector<double> y;
            for (int j = 0; j < morris_stage_.count; ++j) y.push_back(mean_of(Final(finals, morris_stage_, j, id)));
            res.morris.push_back(AnalyseMorris(res.design, y, 1000, design_seed_ ^ 0x5EED));
            std::vector<double> noise;
            for (int t = 0; t < res.design.trajectories; ++t)
                noise.push_back(std::fabs(mean_of(Final(finals, noise_stage_, t, id)) - y[static_cast<std::size_t>(t * (k + 1))]) /
                                res.design.delta);
            const Summary s = Summarise(noise);
            res.noise.push_back(s.mean);
            res.noise_conf.push_back(s.n > 1 ? TQuantileFromNormal(kZ95, s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n)) : 0.0);
            res.y.push_back(std::move(y));
        }
    }
    return res;
}

SensitivityResult Sensitivity(const Scenario& base, const SensitivityOptions& options, const ParallelFor& parallel) {
    const SensitivityStudy study(base, options);
    const std::vector<SensitivityBatch>& batches = study.Batches();
    const std::vector<SeriesId>& outcomes = study.Outcomes();
    // Every run of every batch as an independent task; each writes only its own slots:
    // finals[batch][scenario][outcome][replication].
    std::vector<long long> start;
    long long n = 0;
    std::vector<std::vector<std::vector<std::vector<double>>>> finals;
    for (const SensitivityBatch& b : batches) {
        start.push_back(n);
        n += static_cast<long long>(b.scenarios.size()) * b.replications;
        finals.emplace_back(b.scenarios.size(), std::vector<std::vector<double>>(outcomes.size(),
                                                                                 std::vector<double>(static_cast<std::size_t>(b.replications))));
    }
    parallel(static_cast<int>(n), [&](int task) {
        const auto bi = static_cast<std::size_t>(std::upper_bound(start.begin(), start.end(), static_cast<long long>(task)) - start.begin() - 1);
        const SensitivityBatch& b = batches[bi];
        const long long local = task - start[bi];
        const auto si = static_cast<std::size_t>(local % static_cast<long long>(b.scenarios.size()));
        const auto r = static_cast<std::size_t>(local / static_cast<long long>(b.scenarios.size()));
        // The function an Experiment's task runs (Experiment::RunTask): the same numbers as the browser's.
        const ReplicationResult run = RunReplication(b.scenarios[si], b.first_replication + static_cast<int>(r), false);
        for (std::size_t o = 0; o < outcomes.size(); ++o) finals[bi][si][o][r] = run.finals[static_cast<std::size_t>(outcomes[o])];
    });
    return study.Analyse([&](int b, int s, SeriesId id) -> const std::vector<double>& {
        const auto o = static_cast<std::size_t>(std::find(outcomes.begin(), outcomes.end(), id) - outcomes.begin());
        return finals[static_cast<std::size_t>(b)][static_cast<std::size_t>(s)][o];
    });
}

// ---- SALib layouts -----------------------------------------------------------------------------

namespace {
std::string Num(double v) {
    std::ostringstream ss;
    ss.precision(12);
    ss << v;
    return ss.str();
}
}  // namespace

std::string SalibProblem(const SensitivityResult& r) {
    std::string s = "# SALib problem: name lower upper (one lever per line)\n";
    for (const LeverRange& l : r.levers) s += std::string(Info(l.id).key) + " " + Num(l.lo) + " " + Num(l.hi) + "\n";
    return s;
}

std::string SalibDesignCsv(const SensitivityResult& r) {
    std::string s;
    for (const LeverRange& l : r.levers) s += std::string(Info(l.id).key) + ",";
    for (std::size_t o = 0; o < r.outcomes.size(); ++o)
        s += std::string(SeriesTable()[static_cast<std::size_t>(r.outcomes[o])].key) + (o + 1 < r.outcomes.size() ? "," : "");
    s += "\n";
    for (std::size_t j = 0; j < r.design.points.size(); ++j) {
        for (std::size_t i = 0; i < r.levers.size(); ++i) s += Num(LeverValueAt(r.levers[i], r.design.points[j][i])) + ",";
        for (std::size_t o = 0; o < r.outcomes.size(); ++o) s += Num(r.y[o][j]) + (o + 1 < r.outcomes.size() ? "," : "");
        s += "\n";
    }
    return s;
}

std::string SalibMorrisCsv(const SensitivityResult& r) {
    std::string s = "outcome,names,mu,mu_star,sigma,mu_star_conf\n";
    for (std::size_t o = 0; o < r.morris.size(); ++o) {
        const char* out = SeriesTable()[static_cast<std::size_t>(r.outcomes[o])].key;
        const MorrisResult& m = r.morris[o];
        for (std::size_t i = 0; i < r.levers.size(); ++i)
            s += std::string(out) + "," + Info(r.levers[i].id).key + "," + Num(m.mu[i]) + "," + Num(m.mu_star[i]) + "," + Num(m.sigma[i]) +
                 "," + Num(m.mu_star_conf[i]) + "\n";
        s += std::string(out) + ",replication_noise,," + Num(r.noise[o]) + ",," + Num(r.noise_conf[o]) + "\n";
    }
    return s;
}

std::string TornadoCsv(const SensitivityResult& r) {
    std::string s = "outcome,lever,low_value,high_value,low_mean,low_ci90_lo,low_ci90_hi,high_mean,high_ci90_lo,high_ci90_hi\n";
    for (std::size_t o = 0; o < r.tornado.size(); ++o)
        for (const TornadoBar& b : r.tornado[o])
            s += std::string(SeriesTable()[static_cast<std::size_t>(r.outcomes[o])].key) + "," +
                 Info(r.levers[static_cast<std::size_t>(b.lever)].id).key + "," + Num(b.low_value) + "," + Num(b.high_value) + "," +
                 Num(b.low_mean) + "," + Num(b.low_lo) + "," + Num(b.low_hi) + "," + Num(b.high_mean) + "," + Num(b.high_lo) + "," +
                 Num(b.high_hi) + "\n";
    return s;
}

}  // namespace orgsim
