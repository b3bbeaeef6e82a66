// main.cpp: `orgsim`, the headless runner: run scenarios, validate files, list parameters.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/params.h"
#include "sim/scenario.h"
#include "sim/stats.h"
#include "sim/world.h"

namespace {

using namespace orgsim;

const char* kUsage =
    "orgsim: the OrgSim organisation simulator, headless.\n"
    "\n"
    "usage:\n"
    "  orgsim run <scenario.json> [options]   run replications; print outcomes and the state hash\n"
    "  orgsim validate <scenario.json>        list every problem of a scenario file (exit 1 if any)\n"
    "  orgsim params [--markdown]             the parameter table\n"
    "\n"
    "run options:\n"
    "  --weeks N           horizon in weeks (default: the scenario's)\n"
    "  --seed S            random seed (default: the scenario's)\n"
    "  --replications R    number of replications (default: the scenario's)\n"
    "  --set key=value     override a parameter (repeatable; see `orgsim params`)\n"
    "  --json FILE         write results as JSON (series summary and one record per replication)\n"
    "  --csv PREFIX        write PREFIX_series.csv (per week) and PREFIX_replications.csv\n"
    "  --quiet             print only the state hash\n";

bool ReadFile(const std::string& path, std::string& out, std::string& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err = "cannot open " + path;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

bool ParseInt(const std::string& s, long long lo, long long hi, long long& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end != '\0' || v < lo || v > hi) return false;
    out = v;
    return true;
}

std::string Hex(std::uint64_t h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(h));
    return buf;
}

bool LoadScenario(const std::string& path, Scenario& s) {
    std::string text, err;
    if (!ReadFile(path, text, err)) {
        std::cerr << "orgsim: " << err << "\n";
        return false;
    }
    ReadResult r = ReadScenario(text);
    if (!r.ok()) {
        std::cerr << path << ": " << r.problems.size() << " problem" << (r.problems.size() == 1 ? "" : "s") << ":\n";
        for (const auto& p : r.problems) std::cerr << "  " << p.where << ": " << p.message << "\n";
        return false;
    }
    s = *r.scenario;
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
    for (const auto& kv : sets) {
        const auto eq = kv.find('=');
        const std::string key = kv.substr(0, eq);
        auto id = FindParam(key);
        if (eq == std::string::npos || !id) {
            std::cerr << "orgsim run: --set " << kv << ": unknown parameter \"" << key << "\" (see `orgsim params`)\n";
            return 2;
        }
        char* end = nullptr;
        const std::string val = kv.substr(eq + 1);
        const double v = std::strtod(val.c_str(), &end);
        if (val.empty() || *end != '\0') {
            std::cerr << "orgsim run: --set " << kv << ": \"" << val << "\" is not a number\n";
            return 2;
        }
        const std::string err = s.params.Set(*id, v);
        if (!err.empty()) {
            std::cerr << "orgsim run: --set " << kv << ": " << err << "\n";
            return 2;
        }
    }

    const int n_rep = s.replications;
    const int n_week = s.horizon_weeks;
    // Per series, per week, the values across replications (for the weekly mean and 90% band).
    std::vector<std::vector<std::vector<double>>> by_week(kSeriesCount, std::vector<std::vector<double>>(
                                                                            static_cast<std::size_t>(n_week)));
    std::vector<std::uint64_t> hashes;
    std::vector<std::vector<double>> finals(kSeriesCount);
    std::uint64_t combined = 0xcbf29ce484222325ULL;
    for (int r = 0; r < n_rep; ++r) {
        World w(s, r);
        while (!w.Done()) w.StepWeeks(52);
        const std::uint64_t h = w.StateHash();
        hashes.push_back(h);
        for (int b = 0; b < 8; ++b) {
            combined ^= (h >> (8 * b)) & 0xFF;
            combined *= 0x100000001b3ULL;
        }
        for (int k = 0; k < kSeriesCount; ++k) {
            const auto& ser = w.Series(static_cast<SeriesId>(k));
            for (int t = 0; t < n_week; ++t) by_week[k][static_cast<std::size_t>(t)].push_back(ser[static_cast<std::size_t>(t)]);
            finals[k].push_back(ser.back());
        }
        if (!quiet && n_rep >= 20 && ((r + 1) % (n_rep / 10) == 0 || r + 1 == n_rep))
            std::fprintf(stderr, "\r  replications: %d/%d", r + 1, n_rep);
    }
    if (!quiet && n_rep >= 20) std::fprintf(stderr, "\n");

    if (quiet) {
        std::cout << Hex(combined) << "\n";
    } else {
        std::cout << s.name << "\n  " << s.TotalHeadcount() << " employees, " << n_week << " weeks, " << n_rep
                  << " replications, seed " << s.seed << "\n\n";
        std::printf("  %-32s %12s   %-25s %s\n", "outcome at the end", "mean", "90% interval", "unit");
        for (int k = 0; k < kSeriesCount; ++k) {
            const auto& info = SeriesTable()[static_cast<std::size_t>(k)];
            const Summary sm = Summarise(finals[k]);
            char iv[64];
            std::snprintf(iv, sizeof iv, "[%.4g, %.4g]", sm.lo, sm.hi);
            std::printf("  %-32s %12.4g   %-25s %s\n", info.label, sm.mean, iv, info.unit);
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
            nlohmann::json m = nlohmann::json::array(), lo = nlohmann::json::array(), hi = nlohmann::json::array();
            for (int t = 0; t < n_week; ++t) {
                const Summary sm = Summarise(by_week[k][static_cast<std::size_t>(t)]);
                m.push_back(sm.mean);
                lo.push_back(sm.lo);
                hi.push_back(sm.hi);
            }
            const auto& info = SeriesTable()[static_cast<std::size_t>(k)];
            series[info.key] = {{"label", info.label}, {"unit", info.unit}, {"mean", m}, {"p05", lo}, {"p95", hi}};
        }
        j["series"] = series;
        nlohmann::json rows = nlohmann::json::array();
        for (int r = 0; r < n_rep; ++r) {
            nlohmann::json row = {{"replication", r}, {"state_hash", Hex(hashes[static_cast<std::size_t>(r)])}};
            for (int k = 0; k < kSeriesCount; ++k) row[SeriesTable()[static_cast<std::size_t>(k)].key] = finals[k][static_cast<std::size_t>(r)];
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
        for (int t = 0; t < n_week; ++t) {
            sc << t + 1;
            for (int k = 0; k < kSeriesCount; ++k) {
                const Summary sm = Summarise(by_week[k][static_cast<std::size_t>(t)]);
                sc << "," << sm.mean << "," << sm.lo << "," << sm.hi;
            }
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
            for (const auto& p : ParamTable()) rc << "," << s.params.Get(p.id);
            for (int k = 0; k < kSeriesCount; ++k) rc << "," << finals[k][static_cast<std::size_t>(r)];
            rc << "\n";
        }
    }
    return 0;
}

}  // namespace

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
    if (cmd == "params") return CmdParams(args);
    std::cerr << "orgsim: unknown command \"" << cmd << "\"\n" << kUsage;
    return 2;
}
