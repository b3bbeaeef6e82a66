// main.cpp: `orgsim`, the headless runner: run scenarios, validate files, list parameters.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli_util.h"
#include "cli/cmd_calibrate.h"
#include "cli/cmd_explain.h"
#include "cli/cmd_sensitivity.h"
#include "cli/cmd_sweep.h"
#include "cli/parallel.h"
#include "cli/cmd_march.h"
#include "sim/experiment.h"
#include "sim/params.h"
#include "sim/report.h"
#include "sim/scenario.h"
#include "sim/stats.h"
#include "sim/world.h"

namespace {

using namespace orgsim;
using orgsim::cli::DefaultThreads;
using orgsim::cli::Hex;
using orgsim::cli::LoadScenario;
using orgsim::cli::ParseInt;
using orgsim::cli::ReadFile;
using orgsim::cli::RunExperiment;

const char* kUsage =
    "orgsim: the OrgSim organisation simulator, headless.\n"
    "\n"
    "usage:\n"
    "  orgsim run <scenario.json> [options]   run replications; print outcomes and the state hash\n"
    "  orgsim compare <a.json> <b.json> [<c.json> <d.json>] [options]\n"
    "                                         2-4 scenarios with common random numbers: outcomes with 90%\n"
    "                                         intervals; paired differences against the first with the 95%\n"
    "                                         confidence interval of their mean and the share of futures\n"
    "                                         in which each alternative is better\n"
    "  orgsim march <scenario.json> [options] a March (1991) experiment (scenarios/march/); --help for options\n"
    "  orgsim calibrate [scenario.json] [--replications N] [--markdown]\n"
    "                                         check MODEL.md's calibration targets (default scenario\n"
    "                                         scenarios/default.json, 200 replications); exit 1 if any fails\n"
    "  orgsim explain <a.json> <b.json> [--outcome KEY]... [--replications N] [--weeks N] [--format text|json|csv]\n"
    "                                         why B differs from A: each outcome's paired difference split\n"
    "                                         into the factors in which they differ (exact Shapley values)\n"
    "  orgsim sensitivity <scenario.json> [options]\n"
    "                                         which levers matter most: tornado and Morris elementary\n"
    "                                         effects per outcome (--help for options)\n"
    "  orgsim sweep <plan.json> [--shard I|auto --of N] [--out FILE]\n"
    "                                         a grid or design of lever settings x replications, or one\n"
    "                                         deterministic shard of it (--help for the plan format)\n"
    "  orgsim merge SHARD... [--out FILE]     check and merge shards: the same bytes for any shard count\n"
    "  orgsim validate <scenario.json>        list every problem of a scenario file (exit 1 if any)\n"
    "  orgsim params [--markdown]             the parameter table\n"
    "  orgsim schema                          the JSON Schema of scenario files (scenarios/schema.json)\n"
    "\n"
    "run options:\n"
    "  --weeks N           horizon in weeks (default: the scenario's)\n"
    "  --seed S            random seed (default: the scenario's)\n"
    "  --replications R    number of replications (default: the scenario's)\n"
    "  --set key=value     override a parameter or lever (repeatable; see `orgsim params`);\n"
    "                      compare applies it to every scenario\n"
    "  --json FILE         write results as JSON (series summary and one record per replication)\n"
    "  --csv PREFIX        write PREFIX_series.csv (per week) and PREFIX_replications.csv\n"
    "  --threads N         replications on N threads (run and compare; default: every core); the\n"
    "                      results and hashes are the same for any N\n"
    "  --quiet             print only the state hash\n";

/// Apply one --set key=value (numbers; option names for choice levers; yes/no/true/false for switches).
bool ApplySet(Scenario& s, const std::string& kv, const char* who) {
    const auto eq = kv.find('=');
    const std::string key = kv.substr(0, eq);
    auto id = FindParam(key);
    if (eq == std::string::npos || !id) {
        std::cerr << who << ": --set " << kv << ": unknown parameter \"" << key << "\" (see `orgsim params`)\n";
        return false;
    }
    const std::string val = kv.substr(eq + 1);
    const ParamInfo& info = Info(*id);
    double v = 0.0;
    if (info.kind == ParamKind::Choice && OptionIndex(*id, val) >= 0) {
        v = OptionIndex(*id, val);
    } else if (info.kind == ParamKind::Bool && (val == "yes" || val == "true" || val == "no" || val == "false")) {
        v = (val == "yes" || val == "true") ? 1.0 : 0.0;
    } else {
        char* end = nullptr;
        v = std::strtod(val.c_str(), &end);
        if (val.empty() || *end != '\0') {
            std::cerr << who << ": --set " << kv << ": \"" << val << "\" is not a valid value for " << key << "\n";
            return false;
        }
    }
    const std::string err = s.params.Set(*id, v);
    if (!err.empty()) {
        std::cerr << who << ": --set " << kv << ": " << err << "\n";
        return false;
    }
    return true;
}

int CmdValidate(const std::vector<std::string>& args) {
    if (args.size() != 1) {
        std::cerr << kUsage;
        return 2;
    }
    Scenario s;
    if (!LoadScenario(args[0], s)) return 1;
    std::cout << args[0] << ": valid (" << s.units.size() << " units, " << s.TotalHeadcount() << " employees, "
              << s.horizon_weeks << " weeks, " << s.replications << " replications)\n";
    return 0;
}

int CmdParams(const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "--markdown") {
        std::cout << ParamTableMarkdown();
        return 0;
    }
    std::printf("%-28s %-12s %-22s %s\n", "key", "default", "unit", "range");
    for (const auto& p : ParamTable()) std::printf("%-28s %-12g %-22s %g to %g\n", p.key, p.def, p.unit, p.min, p.max);
    return 0;
}

int CmdRun(const std::vector<std::string>& args) {
    std::string path, json_out, csv_prefix;
    long long weeks = -1, reps = -1;
    long long seed = -1;
    bool quiet = false;
    long long threads = DefaultThreads();
    std::vector<std::string> sets;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&](const char* what) -> std::string {
            if (i + 1 >= args.size()) {
                std::cerr << "orgsim run: " << a << " needs " << what << "\n";
                std::exit(2);
            }
            return args[++i];
        };
        if (a == "--weeks") {
            if (!ParseInt(next("a number of weeks"), 1, kMaxHorizonWeeks, weeks)) {
                std::cerr << "orgsim run: --weeks must be a whole number from 1 to " << kMaxHorizonWeeks << "\n";
                return 2;
            }
        } else if (a == "--replications") {
            if (!ParseInt(next("a number"), 1, kMaxReplications, reps)) {
                std::cerr << "orgsim run: --replications must be a whole number from 1 to " << kMaxReplications << "\n";
                return 2;
            }
        } else if (a == "--seed") {
            if (!ParseInt(next("a seed"), 0, 9007199254740991LL, seed)) {
                std::cerr << "orgsim run: --seed must be a whole number from 0 to 2^53-1\n";
                return 2;
            }
        } else if (a == "--threads") {
            if (!ParseInt(next("a number of threads"), 1, 256, threads)) {
                std::cerr << "orgsim run: --threads must be a whole number from 1 to 256\n";
                return 2;
            }
        } else if (a == "--set") {
            sets.push_back(next("key=value"));
        } else if (a == "--json") {
            json_out = next("a file name");
        } else if (a == "--csv") {
            csv_prefix = next("a file prefix");
        } else if (a == "--quiet") {
            quiet = true;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim run: unknown option " << a << "\n" << kUsage;
            return 2;
        } else if (path.empty()) {
            path = a;
        } else {
            std::cerr << "orgsim run: more than one scenario file given\n";
            return 2;
        }
    }
    if (path.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    Scenario s;
    if (!LoadScenario(path, s)) return 1;
    if (weeks > 0) s.horizon_weeks = static_cast<int>(weeks);
    if (reps > 0) s.replications = static_cast<int>(reps);
    if (seed >= 0) s.seed = static_cast<std::uint64_t>(seed);
    for (const auto& kv : sets)
        if (!ApplySet(s, kv, "orgsim run")) return 2;

    const int n_rep = s.replications;
    const int n_week = s.horizon_weeks;
    Experiment ex({s}, n_rep, n_week, !json_out.empty() || !csv_prefix.empty());
    RunExperiment(ex, static_cast<int>(threads), [&] {
        if (!quiet && n_rep >= 20) std::fprintf(stderr, "\r  replications: %d/%d", ex.Completed(), n_rep);
    });
    if (!quiet && n_rep >= 20) std::fprintf(stderr, "\n");
    const std::uint64_t combined = ex.CombinedHash(0);
    const auto& hashes = ex.Hashes(0);
    auto final_of = [&](int k) -> const std::vector<double>& { return ex.Finals(0, static_cast<SeriesId>(k)); };

    if (quiet) {
        std::cout << Hex(combined) << "\n";
    } else {
        std::cout << s.name << "\n  " << s.TotalHeadcount() << " employees, " << n_week << " weeks, " << n_rep
                  << " replications, seed " << s.seed << "\n\n";
        std::printf("  %-36s %12s   %-25s %s\n", "outcome at the end", "mean", "90% interval", "unit");
        for (int k = 0; k < kSeriesCount; ++k) {
            const auto& info = SeriesTable()[static_cast<std::size_t>(k)];
            const Summary sm = Summarise(final_of(k));
            char iv[64];
            std::snprintf(iv, sizeof iv, "[%.4g, %.4g]", sm.lo, sm.hi);
            std::printf("  %-36s %12.4g   %-25s %s\n", info.label, sm.mean, iv, info.unit);
        }
        std::cout << "\nstate hash: " << Hex(combined) << "\n";
    }

    if (!json_out.empty()) {
        nlohmann::json j;
        j["scenario"] = s.name;
        j["seed"] = s.seed;
        j["weeks"] = n_week;
        j["replications"] = n_rep;
        j["state_hash"] = Hex(combined);
        nlohmann::json series = nlohmann::json::object();
        for (int k = 0; k < kSeriesCount; ++k) {
            std::vector<double> m, lo, hi;
            ex.WeeklyBand(0, static_cast<SeriesId>(k), m, lo, hi);
            const auto& info = SeriesTable()[static_cast<std::size_t>(k)];
            series[info.key] = {{"label", info.label}, {"unit", info.unit}, {"mean", m}, {"p05", lo}, {"p95", hi}};
        }
        j["series"] = series;
        nlohmann::json rows = nlohmann::json::array();
        for (int r = 0; r < n_rep; ++r) {
            nlohmann::json row = {{"replication", r}, {"state_hash", Hex(hashes[static_cast<std::size_t>(r)])}};
            for (int k = 0; k < kSeriesCount; ++k) row[SeriesTable()[static_cast<std::size_t>(k)].key] = final_of(k)[static_cast<std::size_t>(r)];
            rows.push_back(row);
        }
        j["replication_results"] = rows;
        std::ofstream(json_out) << j.dump(2) << "\n";
    }
    if (!csv_prefix.empty()) {
        std::ofstream sc(csv_prefix + "_series.csv");
        sc << "week";
        for (const auto& info : SeriesTable()) sc << "," << info.key << "_mean," << info.key << "_p05," << info.key << "_p95";
        sc << "\n";
        sc.precision(10);
        std::vector<std::vector<double>> bm(kSeriesCount), bl(kSeriesCount), bh(kSeriesCount);
        for (int k = 0; k < kSeriesCount; ++k) ex.WeeklyBand(0, static_cast<SeriesId>(k), bm[k], bl[k], bh[k]);
        for (int t = 0; t < n_week; ++t) {
            sc << t + 1;
            const auto ti = static_cast<std::size_t>(t);
            for (int k = 0; k < kSeriesCount; ++k) sc << "," << bm[k][ti] << "," << bl[k][ti] << "," << bh[k][ti];
            sc << "\n";
        }
        std::ofstream rc(csv_prefix + "_replications.csv");
        rc.precision(10);
        rc << "replication,seed,weeks,state_hash";
        for (const auto& p : ParamTable()) rc << "," << p.key;
        for (const auto& info : SeriesTable()) rc << "," << info.key;
        rc << "\n";
        for (int r = 0; r < n_rep; ++r) {
            rc << r << "," << s.seed << "," << n_week << "," << Hex(hashes[static_cast<std::size_t>(r)]);
            for (const auto& p : ParamTable()) rc << "," << FormatValue(p.id, s.params.Get(p.id));
            for (int k = 0; k < kSeriesCount; ++k) rc << "," << final_of(k)[static_cast<std::size_t>(r)];
            rc << "\n";
        }
    }
    return 0;
}

}  // namespace

int CmdCompare(const std::vector<std::string>& args) {
    std::vector<std::string> paths, sets;
    long long weeks = -1, reps = -1, seed = -1, threads = DefaultThreads();
    std::string csv;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto need = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                std::cerr << "orgsim compare: " << a << " needs a value\n";
                std::exit(2);
            }
            return args[++i];
        };
        if (a == "--weeks") {
            if (!ParseInt(need(), 1, kMaxHorizonWeeks, weeks)) return std::cerr << "orgsim compare: bad --weeks\n", 2;
        } else if (a == "--replications") {
            if (!ParseInt(need(), 1, kMaxReplications, reps)) return std::cerr << "orgsim compare: bad --replications\n", 2;
        } else if (a == "--seed") {
            if (!ParseInt(need(), 0, 9007199254740991LL, seed)) return std::cerr << "orgsim compare: bad --seed\n", 2;
        } else if (a == "--threads") {
            if (!ParseInt(need(), 1, 256, threads)) return std::cerr << "orgsim compare: bad --threads (1 to 256)\n", 2;
        } else if (a == "--csv") {
            csv = need();
        } else if (a == "--set") {
            sets.push_back(need());
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim compare: unknown option " << a << "\n" << kUsage;
            return 2;
        } else {
            paths.push_back(a);
        }
    }
    if (paths.size() < 2 || paths.size() > static_cast<std::size_t>(kMaxCompared)) {
        std::cerr << "orgsim compare: give 2 to 4 scenario files\n" << kUsage;
        return 2;
    }
    std::vector<Scenario> sc;
    for (const auto& p : paths) {
        Scenario s;
        if (!LoadScenario(p, s)) return 1;
        if (seed >= 0) s.seed = static_cast<std::uint64_t>(seed);
        for (const auto& kv : sets)
            if (!ApplySet(s, kv, "orgsim compare")) return 2;
        sc.push_back(s);
    }
    Experiment ex(sc, static_cast<int>(reps), static_cast<int>(weeks), false);
    RunExperiment(ex, static_cast<int>(threads),
                  [&] { std::fprintf(stderr, "\r  replications: %d/%d", ex.Completed(), ex.Replications()); });
    std::fprintf(stderr, "\n");
    // The table and the sentences come from sim/report, like the app's comparison view.
    const Comparison cmp = Compare(ex);
    const int n = cmp.scenarios;
    std::cout << "Comparison over " << ex.Replications() << " replications of " << ex.Weeks()
              << " weeks with common random numbers (seed " << ex.GetScenario(0).seed << ")\n";
    for (int i = 0; i < n; ++i) std::cout << "  " << static_cast<char>('A' + i) << ": " << cmp.names[static_cast<std::size_t>(i)] << "\n";
    std::cout << "\nA, B, ...: mean [90% of futures between] at the end.\n"
                 "B-A, ...: the expected paired difference [its 95% confidence interval], and the share of futures\n"
                 "in which the alternative is better. * marks the best value where an alternative differs clearly\n"
                 "from A (the 95% confidence interval of the difference excludes zero).\n\n";
    std::printf("%-34s", "outcome");
    for (int i = 0; i < n; ++i) std::printf(" %-27c", 'A' + i);
    for (int i = 1; i < n; ++i) std::printf(" %c-A%-36s", 'A' + i, "");
    std::printf("\n");
    std::ofstream out;
    if (!csv.empty()) {
        out.open(csv);
        out << "outcome,unit";
        for (int i = 0; i < n; ++i) out << ",s" << i << "_mean,s" << i << "_p05,s" << i << "_p95";
        for (int i = 1; i < n; ++i)
            out << ",d" << i << "_mean,d" << i << "_p05,d" << i << "_p95,d" << i << "_ci95_lo,d" << i << "_ci95_hi,d" << i
                << "_better_share,d" << i << "_worse_share";
        out << "\n";
    }
    for (const OutcomeRow& row : cmp.rows) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(row.id)];
        std::printf("%-34.34s", info.label);
        if (out.is_open()) out << "\"" << info.label << "\"," << info.unit;
        for (int i = 0; i < n; ++i) {
            char cell[64];
            const Summary& x = row.value[static_cast<std::size_t>(i)];
            std::snprintf(cell, sizeof cell, "%.4g [%.4g, %.4g]%s", x.mean, x.lo, x.hi, i == row.best ? " *" : "");
            std::printf(" %-27s", cell);
            if (out.is_open()) out << "," << x.mean << "," << x.lo << "," << x.hi;
        }
        for (int i = 1; i < n; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const Summary& d = row.diff[si];
            char cell[96];
            std::snprintf(cell, sizeof cell, "%+.4g [%+.4g, %+.4g] %3.0f%%", d.mean, d.ci_lo, d.ci_hi, 100.0 * row.better_share[si]);
            std::printf(" %-39s", cell);
            if (out.is_open())
                out << "," << d.mean << "," << d.lo << "," << d.hi << "," << d.ci_lo << "," << d.ci_hi << "," << row.better_share[si] << ","
                    << row.worse_share[si];
        }
        std::printf("\n");
        if (out.is_open()) out << "\n";
    }
    std::cout << "\nIn plain words (differences whose 95% confidence interval excludes zero, most important first):\n";
    if (cmp.sentences.empty()) std::cout << "  too few replications to say; run at least two.\n";
    for (const Sentence& t : cmp.sentences) std::cout << "  " << t.text << "\n";
    return 0;
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string cmd = args[0];
    args.erase(args.begin());
    if (cmd == "run") return CmdRun(args);
    if (cmd == "validate") return CmdValidate(args);
    if (cmd == "compare") return CmdCompare(args);
    if (cmd == "march") return CmdMarch(args);
    if (cmd == "calibrate") return CmdCalibrate(args);
    if (cmd == "explain") return CmdExplain(args);
    if (cmd == "sensitivity") return CmdSensitivity(args);
    if (cmd == "sweep") return CmdSweep(args);
    if (cmd == "merge") return CmdMerge(args);
    if (cmd == "params") return CmdParams(args);
    if (cmd == "schema") {
        std::cout << ScenarioJsonSchema();
        return 0;
    }
    std::cerr << "orgsim: unknown command \"" << cmd << "\"\n" << kUsage;
    return 2;
}
