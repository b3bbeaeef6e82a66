// march.cpp: March (1991) mutual-learning model: one period's five mechanisms, the equilibrium test,
// the scenario reader (scenarios/march/*.json) and the incremental experiment runner.
//
// [SECTION] index
//   Parameters ........ the parameter table
//   Model ............. construction, Step(), the five mechanisms, equilibrium, series, hash
//   Scenario reader ... ReadMarchScenario
//   Experiment ........ cells of each figure, RunChunk(), Table()
#include "sim/march.h"

#include "sim/hash.h"
#include "sim/json_util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/detmath.h"

namespace orgsim {

namespace {


std::string FormatValue(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

// ============================================================================================
// [SECTION] Parameters
// ============================================================================================

const std::array<MarchParamInfo, 6>& MarchParamTable() {
    static const std::array<MarchParamInfo, 6> kTable = {{
        {"p1", "Socialisation rate", "probability per period", 0.0, 1.0, 0.5,
         "Chance, per person, dimension and period, that a belief differing from a non-zero code moves one step toward it."},
        {"p2", "Code learning rate", "probability per period", 0.0, 1.0, 0.5,
         "The code adopts the superior group's majority on a dimension with probability 1 - (1 - p2)^k, k = net agreement."},
        {"p3", "Turnover", "probability per period", 0.0, 1.0, 0.0,
         "Chance, per person and period, of being replaced by a newcomer with uniform random beliefs."},
        {"p4", "Turbulence", "probability per period", 0.0, 1.0, 0.0,
         "Chance, per dimension and period, that reality flips sign."},
        {"dimensions", "Dimensions of reality (m)", "dimensions", 1.0, static_cast<double>(kMarchMaxDimensions), 30.0,
         "March used m = 30."},
        {"people", "People (n)", "people", 1.0, static_cast<double>(kMarchMaxPeople), 50.0, "March used n = 50."},
    }};
    return kTable;
}

const std::array<MarchSeriesInfo, kMarchSeriesCount>& MarchSeriesTable() {
    static const std::array<MarchSeriesInfo, kMarchSeriesCount> kTable = {{
        {MarchSeries::CodeKnowledge, "code", "code knowledge K/m"},
        {MarchSeries::CodeCorrect, "correct", "share of dimensions the code gets right"},
        {MarchSeries::MeanKnowledge, "people", "mean individual knowledge"},
    }};
    return kTable;
}

// ============================================================================================
// [SECTION] Model
// ============================================================================================

MarchModel::MarchModel(const MarchParams& params, std::uint64_t seed, int replication)
    : params_(params), m_(std::max(1, params.dimensions)), n_(std::max(1, params.people)) {
    for (int s = 0; s < static_cast<int>(MarchStream::Count); ++s)
        rng_[static_cast<std::size_t>(s)].Seed(
            MixSeed(MixSeed(seed, static_cast<std::uint64_t>(replication)), static_cast<std::uint64_t>(s) + 1));
    const auto m = static_cast<std::size_t>(m_);
    const auto n = static_cast<std::size_t>(n_);
    reality_.assign(m, 1);
    code_.assign(m, 0);
    beliefs_.assign(n * m, 0);
    actions_.assign(n * m, 0);
    performance_.assign(n, 0);
    superior_sum_.assign(m, 0);
    p1_.assign(n, params_.p1);
    for (int i = 0; i < params_.fast_learners && i < n_; ++i) p1_[static_cast<std::size_t>(i)] = params_.p1_fast;
    socialise_threshold_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double p = p1_[i] < 0.0 ? 0.0 : p1_[i] > 1.0 ? 1.0 : p1_[i];
        socialise_threshold_[i] = static_cast<std::uint64_t>(-DetFloor(-p * 0x1.0p53));  // ceil; scaling by 2^53 is exact
    }

    // The chance that the code adopts the superior group's view when k more of them disagree with it
    // than agree: 1 - (1 - p2)^k (March 1991, footnote 1). k is at most n.
    adopt_prob_.assign(n + 1, 0.0);
    for (int k = 1; k <= n_; ++k) adopt_prob_[static_cast<std::size_t>(k)] = 1.0 - DetPow(1.0 - params_.p2, k);

    Rng& init = Stream(MarchStream::Init);
    for (auto& r : reality_) r = (init.NextU64() >> 63) ? 1 : -1;
    for (int i = 0; i < n_; ++i) FreshBeliefs(i, init);
    Record();
}

void MarchModel::FreshBeliefs(int person, Rng& rng) {
    std::int8_t* b = &beliefs_[Idx(person, 0)];
    for (int j = 0; j < m_; ++j) b[j] = static_cast<std::int8_t>(static_cast<int>(rng.Below(3)) - 1);
}

void MarchModel::Step() {
    if (Done()) return;
    Turnover();
    Turbulence();
    Act();
    Socialise();
    LearnCode();
    ++period_;
    Record();
    // Equilibrium only exists in a closed system: turnover and turbulence keep injecting change.
    if (params_.p3 == 0.0 && params_.p4 == 0.0) equilibrium_ = IsEquilibrium();
}

int MarchModel::StepPeriods(int n) {
    int k = 0;
    while (k < n && !Done()) {
        Step();
        ++k;
    }
    return k;
}

// (1) Turnover: each person leaves with probability p3; the newcomer's beliefs are uniform on {-1, 0, 1}.
void MarchModel::Turnover() {
    if (!(params_.p3 > 0.0)) return;
    Rng& rng = Stream(MarchStream::Turnover);
    for (int i = 0; i < n_; ++i)
        if (rng.Bernoulli(params_.p3)) FreshBeliefs(i, rng);
}

// (2) Turbulence: each dimension of reality flips with probability p4.
void MarchModel::Turbulence() {
    if (!(params_.p4 > 0.0)) return;
    Rng& rng = Stream(MarchStream::Turbulence);
    for (auto& r : reality_)
        if (rng.Bernoulli(params_.p4)) r = static_cast<std::int8_t>(-r);
}

// (3) Act: on its belief where it has one, on a fair coin where it is undecided (0). Performance is
// the number of dimensions acted on rightly minus the number acted on wrongly. Every person draws
// one 64-bit word per 64 dimensions whether or not they need the coins: branch-free, and the luck
// of (person, dimension, period) is the same in every cell of an experiment (common random numbers).
void MarchModel::Act() {
    // Local copies: stores through int8_t (a char type) could alias any member, which would stop the
    // compiler from keeping sizes and data pointers in registers or vectorising.
    Rng& rng = Stream(MarchStream::Act);
    const int m = m_;
    const std::int8_t* r = reality_.data();
    for (int i = 0; i < n_; ++i) {
        const std::int8_t* b = beliefs_.data() + Idx(i, 0);
        std::int8_t* a = actions_.data() + Idx(i, 0);
        int perf = 0;
        for (int j0 = 0; j0 < m; j0 += 64) {
            const std::uint64_t bits = rng.NextU64();
            const int len = std::min(m - j0, 64);
            for (int k = 0; k < len; ++k) {
                const int coin = static_cast<int>((bits >> k) & 1u) * 2 - 1;
                const int act = b[j0 + k] != 0 ? b[j0 + k] : coin;
                a[j0 + k] = static_cast<std::int8_t>(act);
                perf += act * r[j0 + k];
            }
        }
        performance_[static_cast<std::size_t>(i)] = perf;
    }
}

// (4) Socialise: where the code is non-zero and a belief differs from it, with the person's p1 the
// belief moves one step toward the code (-1 -> 0 -> +1 for code +1), as in March's original program
// (Christensen 2015; Rodan 2005). Where the code is 0 beliefs are untouched. A uniform is drawn only
// for a belief that can move (near equilibrium almost none can, which keeps long runs cheap), and
// u < p1 is tested on the integers: (x >> 11) < ceil(p1 * 2^53) is exactly Uniform01() < p1.
void MarchModel::Socialise() {
    Rng& rng = Stream(MarchStream::Socialise);
    const int m = m_;
    const std::int8_t* code = code_.data();
    for (int i = 0; i < n_; ++i) {
        const std::uint64_t threshold = socialise_threshold_[static_cast<std::size_t>(i)];
        if (threshold == 0) continue;
        std::int8_t* b = beliefs_.data() + Idx(i, 0);
        for (int j = 0; j < m; ++j) {
            const std::int8_t c = code[j];
            if (c == 0 || b[j] == c) continue;
            if ((rng.NextU64() >> 11) < threshold) b[j] = static_cast<std::int8_t>(b[j] + c);
        }
    }
}

// (5) The code learns from the superior group: the people whose performance this period exceeded
// the code's score K = sum c_j r_j. S_j is the sum of their actions on dimension j (those for +1
// minus those for -1). Where S_j != 0 and its sign differs from c_j, the code takes sign(S_j) with
// probability 1 - (1 - p2)^|S_j|.
void MarchModel::LearnCode() {
    const int k_code = CodeScore();
    std::fill(superior_sum_.begin(), superior_sum_.end(), 0);
    superior_count_ = 0;
    for (int i = 0; i < n_; ++i) {
        if (performance_[static_cast<std::size_t>(i)] <= k_code) continue;
        ++superior_count_;
        const std::int8_t* a = actions_.data() + Idx(i, 0);
        std::int32_t* sum = superior_sum_.data();
        const int m = m_;
        for (int j = 0; j < m; ++j) sum[j] += a[j];
    }
    if (superior_count_ == 0) return;
    Rng& rng = Stream(MarchStream::Code);
    for (int j = 0; j < m_; ++j) {
        const int s = superior_sum_[static_cast<std::size_t>(j)];
        if (s == 0) continue;
        const std::int8_t sign = s > 0 ? 1 : -1;
        if (code_[static_cast<std::size_t>(j)] == sign) continue;
        const int k = s > 0 ? s : -s;
        if (rng.Uniform01() < adopt_prob_[static_cast<std::size_t>(k)]) code_[static_cast<std::size_t>(j)] = sign;
    }
}

int MarchModel::CodeScore() const {
    int k = 0;
    for (int j = 0; j < m_; ++j) k += code_[static_cast<std::size_t>(j)] * reality_[static_cast<std::size_t>(j)];
    return k;
}

double MarchModel::CodeCorrectShare() const {
    int c = 0;
    for (int j = 0; j < m_; ++j) c += code_[static_cast<std::size_t>(j)] == reality_[static_cast<std::size_t>(j)];
    return static_cast<double>(c) / m_;
}

int MarchModel::BeliefScore(int person) const {
    const std::int8_t* b = beliefs_.data() + Idx(person, 0);
    const std::int8_t* r = reality_.data();
    const int m = m_;
    int s = 0;
    for (int j = 0; j < m; ++j) s += b[j] * r[j];
    return s;
}

double MarchModel::MeanKnowledge(int first, int last) const {
    if (last < 0 || last > n_) last = n_;
    if (first < 0) first = 0;
    if (last <= first) return 0.0;
    long long total = 0;
    for (int i = first; i < last; ++i) total += BeliefScore(i);
    return static_cast<double>(total) / (static_cast<double>(last - first) * m_);
}

int MarchModel::MaxPerformance(int person) const {
    const std::int8_t* b = &beliefs_[Idx(person, 0)];
    int s = 0;
    for (int j = 0; j < m_; ++j) s += b[j] == 0 ? 1 : b[j] * reality_[static_cast<std::size_t>(j)];
    return s;
}

bool MarchModel::IsEquilibrium() const {
    const int k_code = CodeScore();
    for (int i = 0; i < n_; ++i) {
        const std::int8_t* b = &beliefs_[Idx(i, 0)];
        for (int j = 0; j < m_; ++j) {
            const std::int8_t c = code_[static_cast<std::size_t>(j)];
            if (c != 0 && b[j] != c) return false;  // socialisation can still move this belief
        }
        if (MaxPerformance(i) > k_code) return false;  // a lucky period could still put i above the code
    }
    return true;
}

void MarchModel::Record() {
    series_[static_cast<int>(MarchSeries::CodeKnowledge)].push_back(CodeKnowledge());
    series_[static_cast<int>(MarchSeries::CodeCorrect)].push_back(CodeCorrectShare());
    series_[static_cast<int>(MarchSeries::MeanKnowledge)].push_back(MeanKnowledge());
}

std::uint64_t MarchModel::StateHash() const {
    Fnv1a f;
    f.Val(static_cast<std::int64_t>(period_));
    f.Val(static_cast<std::uint8_t>(equilibrium_));
    f.Val(static_cast<std::int64_t>(superior_count_));
    f.Val(static_cast<std::uint64_t>(m_));
    f.Val(static_cast<std::uint64_t>(n_));
    for (const auto& r : rng_) f.Bytes(r.State(), 4 * sizeof(std::uint64_t));
    f.Vec(reality_);
    f.Vec(code_);
    f.Vec(beliefs_);
    f.Vec(actions_);
    f.Vec(performance_);
    f.Vec(p1_);
    f.Val(params_.p2);
    f.Val(params_.p3);
    f.Val(params_.p4);
    for (const auto& s : series_) f.Vec(s);
    return f.h;
}

// ============================================================================================
// [SECTION] Scenario reader
// ============================================================================================

namespace {

using nlohmann::json;
constexpr const char* kMarchFormat = "orgsim-march/1";

struct KindKey {
    MarchExperimentKind kind;
    const char* key;
};
constexpr KindKey kKindKeys[] = {{MarchExperimentKind::Figure1, "figure1"},
                                 {MarchExperimentKind::Mix, "mix"},
                                 {MarchExperimentKind::Turnover, "turnover"},
                                 {MarchExperimentKind::Turbulence, "turbulence"}};

class MarchReader {
public:
    std::vector<Problem> problems;
    void Add(const std::string& where, const std::string& msg) { problems.push_back({where.empty() ? "/" : where, msg}); }

    /// A whole number in [lo, hi] (an integral float such as 30.0 is accepted).
    bool Int(const json& v, const std::string& at, long long lo, long long hi, long long& out, const char* unit) {
        long long x = 0;
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(hi)) return OutOfRange(at, v.dump(), lo, hi, unit);
            x = static_cast<long long>(u);
        } else if (v.is_number_integer()) {
            x = v.get<long long>();
        } else if (v.is_number_float()) {
            const double d = v.get<double>();
            if (!(d == std::floor(d))) {
                Add(at, "must be a whole number, found " + v.dump());
                return false;
            }
            if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi))) return OutOfRange(at, v.dump(), lo, hi, unit);
            x = static_cast<long long>(d);
        } else {
            Add(at, "must be a whole number, found " + JsonTypeName(v));
            return false;
        }
        if (x < lo || x > hi) return OutOfRange(at, std::to_string(x), lo, hi, unit);
        out = x;
        return true;
    }

    bool Prob(const json& v, const std::string& at, double& out) {
        if (!v.is_number()) {
            Add(at, "must be a probability (a number from 0 to 1), found " + JsonTypeName(v));
            return false;
        }
        const double d = v.get<double>();
        if (!(d >= 0.0 && d <= 1.0)) {
            Add(at, "probability " + v.dump() + " is outside the range 0 to 1");
            return false;
        }
        out = d;
        return true;
    }

    /// A probability or a non-empty array of probabilities.
    bool ProbList(const json& v, const std::string& at, std::vector<double>& out) {
        out.clear();
        if (!v.is_array()) {
            double d = 0.0;
            if (!Prob(v, at, d)) return false;
            out.push_back(d);
            return true;
        }
        if (v.empty()) {
            Add(at, "must list at least one probability");
            return false;
        }
        if (v.size() > static_cast<std::size_t>(kMarchMaxListLength)) {
            Add(at, std::to_string(v.size()) + " values is more than the maximum " + std::to_string(kMarchMaxListLength));
            return false;
        }
        bool ok = true;
        for (std::size_t i = 0; i < v.size(); ++i) {
            double d = 0.0;
            if (Prob(v[i], at + "/" + std::to_string(i), d)) out.push_back(d);
            else ok = false;
        }
        return ok;
    }

private:
    bool OutOfRange(const std::string& at, const std::string& shown, long long lo, long long hi, const char* unit) {
        Add(at, shown + " " + unit + " is outside the range " + std::to_string(lo) + " to " + std::to_string(hi));
        return false;
    }
};

}  // namespace

const char* MarchExperimentKey(MarchExperimentKind k) {
    for (const auto& kk : kKindKeys)
        if (kk.kind == k) return kk.key;
    return "?";
}

std::optional<MarchExperimentKind> MarchExperimentFromKey(const std::string& key) {
    for (const auto& kk : kKindKeys)
        if (key == kk.key) return kk.kind;
    return std::nullopt;
}

std::string MarchReadResult::Report() const {
    std::string out;
    for (const auto& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

MarchReadResult ReadMarchScenario(const std::string& text) {
    MarchReadResult result;
    MarchReader r;
    std::optional<json> parsed = ParseJsonText(text, kMarchMaxScenarioBytes, result.problems);
    if (!parsed) return result;
    const json& doc = *parsed;
    if (!doc.is_object()) {
        r.Add("/", "a March scenario must be a JSON object, found " + JsonTypeName(doc));
        result.problems = r.problems;
        return result;
    }

    MarchScenario s;
    // Which keys each experiment reads; any other key is a mistake worth reporting.
    const std::set<std::string> common = {"format", "name", "description", "experiment", "dimensions", "people",
                                          "replications", "seed", "p2"};
    const std::set<std::string> all = {"format", "name", "description", "experiment", "dimensions", "people",
                                       "replications", "seed", "p1", "p2", "p3", "p4", "p1_slow", "p1_fast",
                                       "fast_learners", "periods", "report_every", "max_periods"};

    // format, name, description
    auto str = [&](const char* key, std::string& out, bool required, std::size_t max_len) {
        auto it = doc.find(key);
        const std::string at = std::string("/") + key;
        if (it == doc.end()) {
            if (required) r.Add(at, std::string("missing required key \"") + key + "\"");
            return false;
        }
        if (!it->is_string()) {
            r.Add(at, "must be a string, found " + JsonTypeName(*it));
            return false;
        }
        out = it->get<std::string>();
        if (out.size() > max_len) {
            r.Add(at, "is " + std::to_string(out.size()) + " characters long; the limit is " + std::to_string(max_len));
            return false;
        }
        return true;
    };
    std::string format;
    if (str("format", format, true, 100) && format != kMarchFormat)
        r.Add("/format", "unsupported format \"" + format + "\" (expected \"" + kMarchFormat + "\")");
    str("name", s.name, true, 200);
    str("description", s.description, false, 4000);

    std::string exp_key;
    bool have_kind = false;
    if (str("experiment", exp_key, true, 100)) {
        if (auto k = MarchExperimentFromKey(exp_key)) {
            s.experiment = *k;
            have_kind = true;
        } else {
            r.Add("/experiment", "unknown experiment \"" + exp_key + "\" (one of: figure1, mix, turnover, turbulence)");
        }
    }

    // Keys: unknown anywhere, or known but meaningless for this experiment.
    std::set<std::string> allowed = common;
    if (have_kind) {
        switch (s.experiment) {
            case MarchExperimentKind::Figure1: allowed.insert({"p1", "p3", "p4", "max_periods"}); break;
            case MarchExperimentKind::Mix:
                allowed.insert({"p1_slow", "p1_fast", "fast_learners", "p3", "p4", "max_periods"});
                break;
            case MarchExperimentKind::Turnover: allowed.insert({"p1", "p3", "p4", "periods"}); break;
            case MarchExperimentKind::Turbulence: allowed.insert({"p1", "p3", "p4", "periods", "report_every"}); break;
        }
    } else {
        allowed = all;
    }
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const std::string at = "/" + JsonPointerToken(it.key());
        if (!all.count(it.key())) {
            std::string list;
            for (const auto& k : all) list += (list.empty() ? "" : ", ") + k;
            r.Add(at, "unknown key \"" + it.key() + "\" (allowed: " + list + ")");
        } else if (!allowed.count(it.key())) {
            r.Add(at, "\"" + it.key() + "\" does not apply to experiment \"" + exp_key + "\"");
        }
    }

    long long v = 0;
    // Sizes and probabilities: ranges and units from the one parameter table.
    for (const MarchParamInfo& info : MarchParamTable()) {
        const std::string key = info.key;
        auto it = doc.find(key);
        if (it == doc.end() || !allowed.count(key)) continue;
        if (key == "dimensions" || key == "people") {
            if (r.Int(*it, "/" + key, static_cast<long long>(info.min), static_cast<long long>(info.max), v, info.unit))
                (key == "dimensions" ? s.dimensions : s.people) = static_cast<int>(v);
        } else {
            std::vector<double>* target = key == "p1" ? &s.p1 : key == "p2" ? &s.p2 : key == "p3" ? &s.p3 : &s.p4;
            std::vector<double> tmp;
            if (r.ProbList(*it, "/" + key, tmp)) *target = tmp;
        }
    }
    if (static_cast<long long>(s.dimensions) * s.people > kMarchMaxBeliefCells)
        r.Add("/people", std::to_string(s.dimensions) + " dimensions x " + std::to_string(s.people) +
                             " people is more than the maximum of " + std::to_string(kMarchMaxBeliefCells) + " beliefs");
    if (auto it = doc.find("replications"); it != doc.end())
        if (r.Int(*it, "/replications", 1, kMarchMaxReplications, v, "replications")) s.replications = static_cast<int>(v);
    if (auto it = doc.find("seed"); it != doc.end()) {
        if (it->is_number_unsigned()) s.seed = it->get<std::uint64_t>();
        else if (it->is_number_integer()) r.Add("/seed", "must be a non-negative integer, found " + it->dump());
        else r.Add("/seed", "must be a non-negative integer, found " + JsonTypeName(*it));
    }
    if (auto it = doc.find("max_periods"); it != doc.end() && allowed.count("max_periods"))
        if (r.Int(*it, "/max_periods", 1, kMarchMaxPeriods, v, "periods")) s.max_periods = static_cast<int>(v);

    if (have_kind) {
        const bool equilibrium_run = s.experiment == MarchExperimentKind::Figure1 || s.experiment == MarchExperimentKind::Mix;
        if (equilibrium_run) {
            // Equilibrium exists only in a closed system.
            for (const char* key : {"p3", "p4"}) {
                const auto& list = key[1] == '3' ? s.p3 : s.p4;
                for (std::size_t i = 0; i < list.size(); ++i)
                    if (list[i] != 0.0)
                        r.Add(std::string("/") + key + (doc.find(key)->is_array() ? "/" + std::to_string(i) : ""),
                              std::string(key) + " must be 0 in experiment \"" + exp_key +
                                  "\", which runs to equilibrium (use \"turnover\" or \"turbulence\" for open systems)");
            }
        } else {
            auto it = doc.find("periods");
            if (it == doc.end()) r.Add("/periods", "missing required key \"periods\" (the horizon, in periods)");
            else if (r.Int(*it, "/periods", 1, kMarchMaxPeriods, v, "periods")) s.periods = static_cast<int>(v);
        }
        if (s.experiment == MarchExperimentKind::Turbulence) {
            if (auto it = doc.find("report_every"); it != doc.end())
                if (r.Int(*it, "/report_every", 1, kMarchMaxPeriods, v, "periods")) s.report_every = static_cast<int>(v);
        }
        if (s.experiment == MarchExperimentKind::Mix) {
            for (const char* key : {"p1_slow", "p1_fast"})
                if (auto it = doc.find(key); it != doc.end())
                    r.Prob(*it, std::string("/") + key, key[3] == 's' ? s.p1_slow : s.p1_fast);
            auto it = doc.find("fast_learners");
            if (it == doc.end()) {
                r.Add("/fast_learners", "missing required key \"fast_learners\" (the numbers of fast learners to compare)");
            } else if (!it->is_array()) {
                r.Add("/fast_learners", "must be an array of whole numbers, found " + JsonTypeName(*it));
            } else if (it->empty() || it->size() > static_cast<std::size_t>(kMarchMaxListLength)) {
                r.Add("/fast_learners", "must list 1 to " + std::to_string(kMarchMaxListLength) + " numbers, found " +
                                            std::to_string(it->size()));
            } else {
                for (std::size_t i = 0; i < it->size(); ++i)
                    if (r.Int((*it)[i], "/fast_learners/" + std::to_string(i), 0, s.people, v, "fast learners"))
                        s.fast_learners.push_back(static_cast<int>(v));
            }
        }
    }

    if (r.problems.empty()) {
        long long cells = static_cast<long long>(s.p2.size());
        if (s.experiment == MarchExperimentKind::Mix) cells *= 2 * static_cast<long long>(s.fast_learners.size());
        else cells *= static_cast<long long>(s.p1.size() * s.p3.size() * s.p4.size());
        if (cells * s.replications > kMarchMaxRuns)
            r.Add("/replications", std::to_string(cells) + " cells x " + std::to_string(s.replications) +
                                       " replications is more than the maximum of " + std::to_string(kMarchMaxRuns) + " runs");
    }
    result.problems = r.problems;
    if (result.problems.empty()) result.scenario = s;
    return result;
}

// ============================================================================================
// [SECTION] Experiment
// ============================================================================================

MarchStat MarchSummarise(const std::vector<double>& v) {
    MarchStat st;
    st.n = static_cast<int>(v.size());
    if (v.empty()) return st;
    double sum = 0.0;
    for (double x : v) sum += x;
    st.mean = sum / st.n;
    if (st.n > 1) {
        double ss = 0.0;
        for (double x : v) ss += (x - st.mean) * (x - st.mean);
        st.se = DetSqrt(ss / (st.n - 1) / st.n);
    }
    return st;
}

MarchExperiment::MarchExperiment(const MarchScenario& scenario) : scenario_(scenario) {
    // A scenario built in code has not been through the reader: keep the loops below finite.
    scenario_.periods = std::max(0, scenario_.periods);
    scenario_.report_every = std::max(1, scenario_.report_every);
    scenario_.replications = std::max(0, scenario_.replications);
    const MarchScenario& s = scenario_;
    MarchParams base;
    base.dimensions = s.dimensions;
    base.people = s.people;
    const bool fixed_horizon = s.experiment == MarchExperimentKind::Turnover || s.experiment == MarchExperimentKind::Turbulence;
    base.max_periods = fixed_horizon ? s.periods : s.max_periods;

    if (s.experiment == MarchExperimentKind::Mix) {
        for (std::size_t f = 0; f < s.fast_learners.size(); ++f) {
            for (std::size_t i2 = 0; i2 < s.p2.size(); ++i2) {
                MarchCell mixed;
                mixed.params = base;
                mixed.params.p2 = s.p2[i2];
                mixed.params.p3 = s.p3.empty() ? 0.0 : s.p3[0];
                mixed.params.p4 = s.p4.empty() ? 0.0 : s.p4[0];
                mixed.params.p1 = s.p1_slow;
                mixed.params.p1_fast = s.p1_fast;
                mixed.params.fast_learners = s.fast_learners[f];
                mixed.i_fast = static_cast<int>(f);
                mixed.i_p2 = static_cast<int>(i2);
                MarchCell uniform = mixed;
                uniform.uniform = true;
                uniform.params.fast_learners = 0;
                const int k = s.fast_learners[f];
                uniform.params.p1 = (k * s.p1_fast + (s.people - k) * s.p1_slow) / s.people;
                cells_.push_back(mixed);
                cells_.push_back(uniform);
            }
        }
    } else {
        for (std::size_t i1 = 0; i1 < s.p1.size(); ++i1)
            for (std::size_t i2 = 0; i2 < s.p2.size(); ++i2)
                for (std::size_t i3 = 0; i3 < s.p3.size(); ++i3)
                    for (std::size_t i4 = 0; i4 < s.p4.size(); ++i4) {
                        MarchCell c;
                        c.params = base;
                        c.params.p1 = s.p1[i1];
                        c.params.p2 = s.p2[i2];
                        c.params.p3 = s.p3[i3];
                        c.params.p4 = s.p4[i4];
                        c.i_p1 = static_cast<int>(i1);
                        c.i_p2 = static_cast<int>(i2);
                        c.i_p3 = static_cast<int>(i3);
                        c.i_p4 = static_cast<int>(i4);
                        cells_.push_back(c);
                    }
    }
    results_.resize(cells_.size());
    if (fixed_horizon)
        for (auto& r : results_) {
            for (int k = 0; k < kMarchSeriesCount; ++k) {
                r.series_sum[static_cast<std::size_t>(k)].assign(static_cast<std::size_t>(s.periods) + 1, 0.0);
                r.series_sumsq[static_cast<std::size_t>(k)].assign(static_cast<std::size_t>(s.periods) + 1, 0.0);
            }
        }
}

int MarchExperiment::RunChunk(int max_runs) {
    int ran = 0;
    const long long n_cells = static_cast<long long>(cells_.size());
    while (ran < max_runs && !Done()) {
        const int rep = static_cast<int>(next_ / n_cells);
        const auto ci = static_cast<std::size_t>(next_ % n_cells);
        const MarchCell& cell = cells_[ci];
        MarchModel model(cell.params, scenario_.seed, rep);
        while (!model.Done()) model.Step();

        MarchCellResult& out = results_[ci];
        for (int k = 0; k < kMarchSeriesCount; ++k) {
            const auto& ser = model.Series(static_cast<MarchSeries>(k));
            out.final[static_cast<std::size_t>(k)].push_back(ser.back());
            auto& sum = out.series_sum[static_cast<std::size_t>(k)];
            auto& sumsq = out.series_sumsq[static_cast<std::size_t>(k)];
            // A run that reached equilibrium early is frozen there: carry its last value forward.
            for (std::size_t t = 0; t < sum.size(); ++t) {
                const double x = t < ser.size() ? ser[t] : ser.back();
                sum[t] += x;
                sumsq[t] += x * x;
            }
        }
        out.periods.push_back(model.Period());
        const bool equilibrium_run =
            scenario_.experiment == MarchExperimentKind::Figure1 || scenario_.experiment == MarchExperimentKind::Mix;
        if (equilibrium_run && !model.AtEquilibrium()) ++out.capped;
        const std::uint64_t h = model.StateHash();
        out.hashes.push_back(h);
        for (int b = 0; b < 8; ++b) {
            combined_hash_ ^= (h >> (8 * b)) & 0xFF;
            combined_hash_ *= 0x100000001b3ULL;
        }
        periods_simulated_ += model.Period();
        ++next_;
        ++ran;
    }
    return ran;
}

namespace {

MarchStat FromSums(double sum, double sumsq, int n) {
    MarchStat st;
    st.n = n;
    if (n == 0) return st;
    st.mean = sum / n;
    if (n > 1) {
        const double var = (sumsq - n * st.mean * st.mean) / (n - 1);
        st.se = var > 0.0 ? DetSqrt(var / n) : 0.0;
    }
    return st;
}

/// Column label from the parameter lists that vary, except the one on the rows.
std::string ColumnLabel(const MarchScenario& s, const MarchCell& c, const std::string& row_key) {
    std::string label;
    auto add = [&](const char* key, const std::vector<double>& list, int idx) {
        if (list.size() < 2 || row_key == key) return;
        label += (label.empty() ? "" : " ") + std::string(key) + "=" + FormatValue(list[static_cast<std::size_t>(idx)]);
    };
    add("p1", s.p1, c.i_p1);
    add("p2", s.p2, c.i_p2);
    add("p3", s.p3, c.i_p3);
    add("p4", s.p4, c.i_p4);
    return label;
}

}  // namespace

MarchTable MarchExperiment::Table(MarchSeries measure) const {
    const auto mi = static_cast<std::size_t>(measure);
    const std::string what = MarchSeriesTable()[mi].label;
    const MarchScenario& s = scenario_;
    MarchTable t;
    char buf[160];
    switch (s.experiment) {
        case MarchExperimentKind::Figure1:
        case MarchExperimentKind::Turnover: {
            const bool fig1 = s.experiment == MarchExperimentKind::Figure1;
            const std::string row_key = fig1 ? "p1" : "p3";
            const std::vector<double>& rows = fig1 ? s.p1 : s.p3;
            if (fig1) {
                t.title = "Figure 1: equilibrium " + what + " by socialisation rate p1 (rows) and code learning rate p2";
                t.row_header = "p1";
            } else {
                t.title = "Figure 4: " + what + " in period " + std::to_string(s.periods) +
                          " by turnover p3 (rows) and socialisation rate p1";
                t.row_header = "p3";
            }
            if (rows.empty() || cells_.empty()) break;
            for (double v : rows) t.row_labels.push_back(FormatValue(v));
            // Columns: every combination of the other parameters, in the order the cells were built.
            auto row_of = [&](const MarchCell& c) { return fig1 ? c.i_p1 : c.i_p3; };
            auto col_of = [&](const MarchCell& c) {
                return fig1 ? (c.i_p2 * static_cast<int>(s.p3.size()) + c.i_p3) * static_cast<int>(s.p4.size()) + c.i_p4
                            : (c.i_p1 * static_cast<int>(s.p2.size()) + c.i_p2) * static_cast<int>(s.p4.size()) + c.i_p4;
            };
            const std::size_t n_cols = cells_.size() / rows.size();
            t.column_labels.assign(n_cols, "");
            t.cells.assign(rows.size(), std::vector<MarchStat>(n_cols));
            for (std::size_t ci = 0; ci < cells_.size(); ++ci) {
                const MarchCell& c = cells_[ci];
                const auto col = static_cast<std::size_t>(col_of(c));
                if (row_of(c) == 0) {
                    const std::string label = ColumnLabel(s, c, row_key);
                    t.column_labels[col] = label.empty() ? MarchSeriesTable()[mi].key : label;
                }
                t.cells[static_cast<std::size_t>(row_of(c))][col] = MarchSummarise(results_[ci].final[mi]);
            }
            int capped = 0;
            for (const auto& r : results_) capped += r.capped;
            int min_n = cells_.empty() ? 0 : results_[0].Replications();
            for (const auto& r : results_) min_n = std::min(min_n, r.Replications());
            std::snprintf(buf, sizeof buf, "m = %d dimensions, n = %d people; mean +- standard error over %d replications per cell%s",
                          s.dimensions, s.people, min_n, fig1 ? "; every run stops at equilibrium" : "");
            t.note = buf;
            if (capped > 0) t.note += "; " + std::to_string(capped) + " runs hit max_periods before equilibrium";
            break;
        }
        case MarchExperimentKind::Mix: {
            t.title = "Figure 2: equilibrium " + what + ", slow (p1 = " + FormatValue(s.p1_slow) + ") and fast (p1 = " +
                      FormatValue(s.p1_fast) + ") learners mixed vs everyone at the mean rate";
            t.row_header = "fast learners (mean p1)";
            for (int k : s.fast_learners) {
                std::snprintf(buf, sizeof buf, "%d (%.3g)", k, (k * s.p1_fast + (s.people - k) * s.p1_slow) / s.people);
                t.row_labels.push_back(buf);
            }
            for (std::size_t i2 = 0; i2 < s.p2.size(); ++i2) {
                const std::string suffix = s.p2.size() > 1 ? " p2=" + FormatValue(s.p2[i2]) : "";
                t.column_labels.push_back("mixed" + suffix);
                t.column_labels.push_back("uniform" + suffix);
                t.column_labels.push_back("mixed-uniform" + suffix);
            }
            t.cells.assign(s.fast_learners.size(), std::vector<MarchStat>(3 * s.p2.size()));
            for (std::size_t ci = 0; ci + 1 < cells_.size(); ci += 2) {
                const MarchCell& c = cells_[ci];
                const MarchCellResult& mixed = results_[ci];
                const MarchCellResult& uniform = results_[ci + 1];
                auto& row = t.cells[static_cast<std::size_t>(c.i_fast)];
                const std::size_t base = 3 * static_cast<std::size_t>(c.i_p2);
                const auto& a = mixed.final[mi];
                const auto& b = uniform.final[mi];
                row[base] = MarchSummarise(a);
                row[base + 1] = MarchSummarise(b);
                // Paired: replication r of both cells shares reality and initial beliefs.
                std::vector<double> diff;
                for (std::size_t r = 0; r < a.size() && r < b.size(); ++r) diff.push_back(a[r] - b[r]);
                row[base + 2] = MarchSummarise(diff);
            }
            t.note = "p2 = " + (s.p2.size() == 1 ? FormatValue(s.p2[0]) : std::string("see columns")) +
                     "; mean +- standard error; mixed-uniform is the paired difference (both populations see the "
                     "same reality and start from the same beliefs)";
            break;
        }
        case MarchExperimentKind::Turbulence: {
            t.title = "Figure 5: " + what + " over time under turbulence (rows: period)";
            t.row_header = "period";
            std::vector<int> periods;
            for (int p = 0; p <= s.periods; p += s.report_every) periods.push_back(p);
            if (periods.back() != s.periods) periods.push_back(s.periods);
            for (int p : periods) t.row_labels.push_back(std::to_string(p));
            for (const auto& c : cells_) {
                std::string label = ColumnLabel(s, c, "");
                t.column_labels.push_back(label.empty() ? MarchSeriesTable()[mi].key : label);
            }
            t.cells.assign(periods.size(), std::vector<MarchStat>(cells_.size()));
            for (std::size_t ci = 0; ci < cells_.size(); ++ci) {
                const MarchCellResult& r = results_[ci];
                const int n = r.Replications();
                for (std::size_t row = 0; row < periods.size(); ++row) {
                    const auto t_idx = static_cast<std::size_t>(periods[row]);
                    t.cells[row][ci] = FromSums(r.series_sum[mi][t_idx], r.series_sumsq[mi][t_idx], n);
                }
            }
            t.note = "p1 = " + (s.p1.size() == 1 ? FormatValue(s.p1[0]) : std::string("see columns")) +
                     ", p2 = " + (s.p2.size() == 1 ? FormatValue(s.p2[0]) : std::string("see columns")) +
                     "; mean +- standard error over replications";
            break;
        }
    }
    return t;
}

}  // namespace orgsim
