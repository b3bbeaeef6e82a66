// cmd_sensitivity.cpp: `orgsim sensitivity`: the tornado (each lever at the ends of its range, paired
// with the base) and Morris elementary effects, per outcome, with the replication-noise bar.
#include "cli/cmd_sensitivity.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_util.h"
#include "cli/parallel.h"
#include "sim/params.h"
#include "sim/sensitivity.h"
#include "sim/world.h"

namespace {

using namespace orgsim;

const char* kSensitivityUsage =
    "usage: orgsim sensitivity <scenario.json> [options]\n"
    "  Which levers matter most for each outcome. Stage 1, the tornado: every lever at the low and the\n"
    "  high end of its range against the scenario, paired (common random numbers), with the 90%\n"
    "  confidence interval of each mean difference. Stage 2, Morris (1991) elementary effects on a\n"
    "  p-level grid over r trajectories: mu* (mean absolute effect: importance), mu, sigma\n"
    "  (interactions and curvature), a 90% bootstrap interval of mu*, and replication noise on the\n"
    "  same scale (effects not above it cannot be told from noise with this many replications).\n"
    "options:\n"
    "  --levers a,b,...     lever keys (default: every lever of the panel; see `orgsim params`)\n"
    "  --outcome KEY        an outcome (repeatable; default: time_to_market, launched_within_26w,\n"
    "                       operating_profit, shadow_share, incidents, trust)\n"
    "  --stage S            tornado, morris or both (default both)\n"
    "  --replications N     replications per design point (default 20)\n"
    "  --trajectories R     Morris trajectories (default 10)\n"
    "  --levels P           Morris grid levels, even (default 4)\n"
    "  --weeks W            horizon (default: the scenario's)\n"
    "  --seed S             seed of the Morris design (default 1)\n"
    "  --threads N          threads (default: every core); results are the same for any N\n"
    "  --csv PREFIX         write PREFIX_problem.txt, PREFIX_design.csv, PREFIX_morris.csv (SALib's\n"
    "                       layouts) and PREFIX_tornado.csv\n";

std::string Label(ParamId id) { return Info(id).key; }

std::string ValueText(ParamId id, double v) { return FormatValue(id, v); }

bool WriteText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

}  // namespace

int CmdSensitivity(const std::vector<std::string>& args) {
    using orgsim::cli::ParseInt;
    std::string path, csv, stage = "both";
    SensitivityOptions opt;
    long long threads = orgsim::cli::DefaultThreads();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto need = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
        long long v = 0;
        if (a == "--help" || a == "-h") {
            std::cout << kSensitivityUsage;
            return 0;
        } else if (a == "--levers") {
            const std::string* list = need();
            if (!list) return std::cerr << "orgsim sensitivity: --levers needs a comma-separated list\n", 2;
            std::stringstream ss(*list);
            std::string key;
            while (std::getline(ss, key, ',')) {
                const auto id = FindParam(key);
                if (!id) return std::cerr << "orgsim sensitivity: --levers: unknown parameter \"" << key << "\" (see `orgsim params`)\n", 2;
                opt.levers.push_back({*id, Info(*id).min, Info(*id).max});
            }
            if (opt.levers.empty()) return std::cerr << "orgsim sensitivity: --levers: no lever named\n", 2;
        } else if (a == "--outcome") {
            const std::string* key = need();
            bool found = false;
            for (const SeriesInfo& s : SeriesTable())
                if (key && *key == s.key) {
                    opt.outcomes.push_back(s.id);
                    found = true;
                }
            if (!found) return std::cerr << "orgsim sensitivity: --outcome: unknown outcome \"" << (key ? *key : "") << "\"\n", 2;
        } else if (a == "--stage") {
            const std::string* s = need();
            if (!s || (*s != "tornado" && *s != "morris" && *s != "both"))
                return std::cerr << "orgsim sensitivity: --stage must be tornado, morris or both\n", 2;
            stage = *s;
        } else if (a == "--replications") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 2, 10000, v)) return std::cerr << "orgsim sensitivity: --replications must be 2 to 10000\n", 2;
            opt.replications = static_cast<int>(v);
        } else if (a == "--trajectories") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 2, 1000, v)) return std::cerr << "orgsim sensitivity: --trajectories must be 2 to 1000\n", 2;
            opt.trajectories = static_cast<int>(v);
        } else if (a == "--levels") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 2, 20, v) || v % 2 != 0) return std::cerr << "orgsim sensitivity: --levels must be even, 2 to 20\n", 2;
            opt.levels = static_cast<int>(v);
        } else if (a == "--weeks") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 1, kMaxHorizonWeeks, v)) return std::cerr << "orgsim sensitivity: bad --weeks\n", 2;
            opt.weeks = static_cast<int>(v);
        } else if (a == "--seed") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 0, 9007199254740991LL, v)) return std::cerr << "orgsim sensitivity: bad --seed\n", 2;
            opt.design_seed = static_cast<std::uint64_t>(v);
        } else if (a == "--threads") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 1, 256, threads)) return std::cerr << "orgsim sensitivity: --threads must be 1 to 256\n", 2;
        } else if (a == "--csv") {
            const std::string* s = need();
            if (!s) return std::cerr << "orgsim sensitivity: --csv needs a file prefix\n", 2;
            csv = *s;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim sensitivity: unknown option " << a << "\n" << kSensitivityUsage;
            return 2;
        } else if (path.empty()) {
            path = a;
        } else {
            return std::cerr << "orgsim sensitivity: more than one scenario file given\n", 2;
        }
    }
    if (path.empty()) {
        std::cerr << kSensitivityUsage;
        return 2;
    }
    Scenario base;
    if (!orgsim::cli::LoadScenario(path, base, "orgsim sensitivity")) return 1;
    opt.tornado = stage != "morris";
    opt.morris = stage != "tornado";
    const int n_threads = static_cast<int>(threads);
    const SensitivityResult r =
        Sensitivity(base, opt, [n_threads](int n, const std::function<void(int)>& body) { orgsim::cli::ThreadFor(n_threads, n, body); });

    std::cout << "Sensitivity of \"" << base.name << "\": " << r.levers.size() << " levers, " << r.replications
              << " replications per point, " << r.weeks << " weeks, common random numbers\n";
    for (std::size_t o = 0; o < r.outcomes.size(); ++o) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(r.outcomes[o])];
        std::cout << "\n" << info.label << " (" << info.unit << ")\n";
        if (!r.tornado.empty()) {
            std::cout << "  tornado: paired difference against the scenario, mean [90% confidence interval]\n";
            std::printf("  %-28s %-14s %-30s %-14s %-30s\n", "lever", "low", "difference", "high", "difference");
            for (const TornadoBar& b : r.tornado[o]) {
                const ParamId id = r.levers[static_cast<std::size_t>(b.lever)].id;
                char lo[64], hi[64];
                std::snprintf(lo, sizeof lo, "%+.4g [%+.4g, %+.4g]", b.low_mean, b.low_lo, b.low_hi);
                std::snprintf(hi, sizeof hi, "%+.4g [%+.4g, %+.4g]", b.high_mean, b.high_lo, b.high_hi);
                std::printf("  %-28s %-14s %-30s %-14s %-30s\n", Label(id).c_str(), ValueText(id, b.low_value).c_str(), lo,
                            ValueText(id, b.high_value).c_str(), hi);
            }
        }
        if (!r.morris.empty()) {
            const MorrisResult& m = r.morris[o];
            std::cout << "  Morris: " << r.design.trajectories << " trajectories, " << r.design.levels
                      << " levels; effects per the lever's whole range, in " << info.unit << "\n";
            std::printf("  %-28s %12s %-26s %12s %12s\n", "lever", "mu*", "[90% bootstrap]", "mu", "sigma");
            std::vector<std::size_t> order(r.levers.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return m.mu_star[x] > m.mu_star[y]; });
            for (std::size_t i : order) {
                char iv[64];
                std::snprintf(iv, sizeof iv, "[%.4g, %.4g]", m.mu_star_lo[i], m.mu_star_hi[i]);
                std::printf("  %-28s %12.4g %-26s %12.4g %12.4g%s\n", Label(r.levers[i].id).c_str(), m.mu_star[i], iv, m.mu[i], m.sigma[i],
                            m.mu_star_hi[i] <= r.noise[o] ? "   (within noise)" : "");
            }
            std::printf("  %-28s %12.4g [+- %.4g]\n", "replication noise", r.noise[o], r.noise_conf[o]);
        }
    }
    if (!csv.empty()) {
        bool ok = true;
        if (!r.morris.empty()) {
            ok = ok && WriteText(csv + "_problem.txt", SalibProblem(r));
            ok = ok && WriteText(csv + "_design.csv", SalibDesignCsv(r));
            ok = ok && WriteText(csv + "_morris.csv", SalibMorrisCsv(r));
        }
        if (!r.tornado.empty()) ok = ok && WriteText(csv + "_tornado.csv", TornadoCsv(r));
        if (!ok) return std::cerr << "orgsim sensitivity: cannot write " << csv << "_*\n", 1;
    }
    return 0;
}
