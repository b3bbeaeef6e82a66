// cmd_march.cpp: `orgsim march`: run a March (1991) experiment from scenarios/march/, print the
// published figure's table (mean and standard error), optionally write it as CSV.
#include "cli/cmd_march.h"

#include "cli/cli_util.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/march.h"

namespace {

using namespace orgsim;

const char* kMarchUsage =
    "usage: orgsim march <scenario.json> [options]\n"
    "  Runs a March (1991) exploration/exploitation experiment (scenarios/march/*.json) and prints\n"
    "  the published figure as a table of means and standard errors.\n"
    "options:\n"
    "  --replications N   replications per cell (default: the scenario's; March used 80)\n"
    "  --seed S           random seed (default: the scenario's)\n"
    "  --measure M        what the printed table shows: code (the code's knowledge K/m, March's\n"
    "                     measure; default), correct (share of dimensions the code gets right) or\n"
    "                     people (mean individual knowledge)\n"
    "  --csv FILE         write the tables of all three measures as CSV (one line per cell)\n"
    "  --quiet            print only the state hash\n";

std::string Cell(const MarchStat& st) {
    if (st.n == 0) return "-";
    char buf[64];
    // Three decimals, or four when the standard error would print as 0.000.
    if (st.se < 0.0005 && st.se > 0.0) std::snprintf(buf, sizeof buf, "%.4f +- %.4f", st.mean, st.se);
    else std::snprintf(buf, sizeof buf, "%.3f +- %.3f", st.mean, st.se);
    return buf;
}

std::string CsvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void PrintTable(const MarchTable& t) {
    std::size_t w0 = t.row_header.size();
    for (const auto& r : t.row_labels) w0 = std::max(w0, r.size());
    std::vector<std::size_t> w(t.column_labels.size(), 15);
    for (std::size_t c = 0; c < w.size(); ++c) w[c] = std::max(w[c], t.column_labels[c].size());
    std::cout << t.title << "\n\n  " << t.row_header << std::string(w0 - t.row_header.size(), ' ');
    for (std::size_t c = 0; c < w.size(); ++c)
        std::cout << "  " << std::string(w[c] - t.column_labels[c].size(), ' ') << t.column_labels[c];
    std::cout << "\n";
    for (std::size_t r = 0; r < t.row_labels.size(); ++r) {
        std::cout << "  " << t.row_labels[r] << std::string(w0 - t.row_labels[r].size(), ' ');
        for (std::size_t c = 0; c < w.size(); ++c) {
            const std::string s = Cell(t.cells[r][c]);
            std::cout << "  " << std::string(w[c] > s.size() ? w[c] - s.size() : 0, ' ') << s;
        }
        std::cout << "\n";
    }
    std::cout << "\n  " << t.note << "\n";
}

bool WriteCsv(const std::string& path, const MarchExperiment& ex) {
    std::ofstream out(path);
    if (!out) return false;
    out.precision(10);
    out << "experiment,measure,row_header,row,column,mean,se,n\n";
    for (const auto& info : MarchSeriesTable()) {
        const MarchTable t = ex.Table(info.id);
        for (std::size_t r = 0; r < t.row_labels.size(); ++r)
            for (std::size_t c = 0; c < t.column_labels.size(); ++c) {
                const MarchStat& st = t.cells[r][c];
                out << MarchExperimentKey(ex.GetScenario().experiment) << "," << info.key << "," << CsvField(t.row_header)
                    << "," << CsvField(t.row_labels[r]) << "," << CsvField(t.column_labels[c]) << "," << st.mean << ","
                    << st.se << "," << st.n << "\n";
            }
    }
    return static_cast<bool>(out);
}

}  // namespace

int CmdMarch(const std::vector<std::string>& args) {
    std::string path, csv;
    long long reps = -1, seed = -1;
    bool quiet = false;
    MarchSeries measure = MarchSeries::CodeKnowledge;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) {
                std::cerr << "orgsim march: " << a << " needs a value\n" << kMarchUsage;
                return false;
            }
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--replications") {
            if (!value(v)) return 2;
            if (!orgsim::cli::ParseInt(v, 1, kMarchMaxReplications, reps)) {
                std::cerr << "orgsim march: --replications must be a whole number from 1 to " << kMarchMaxReplications << "\n";
                return 2;
            }
        } else if (a == "--seed") {
            if (!value(v)) return 2;
            if (!orgsim::cli::ParseInt(v, 0, 9007199254740991LL, seed)) {
                std::cerr << "orgsim march: --seed must be a whole number from 0 to 2^53-1\n";
                return 2;
            }
        } else if (a == "--measure") {
            if (!value(v)) return 2;
            bool found = false;
            for (const auto& info : MarchSeriesTable())
                if (v == info.key) {
                    measure = info.id;
                    found = true;
                }
            if (!found) {
                std::cerr << "orgsim march: --measure must be code, correct or people\n";
                return 2;
            }
        } else if (a == "--csv") {
            if (!value(csv)) return 2;
        } else if (a == "--quiet") {
            quiet = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << kMarchUsage;
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim march: unknown option " << a << "\n" << kMarchUsage;
            return 2;
        } else if (path.empty()) {
            path = a;
        } else {
            std::cerr << "orgsim march: more than one scenario file given\n";
            return 2;
        }
    }
    if (path.empty()) {
        std::cerr << kMarchUsage;
        return 2;
    }

    std::string text, err;
    if (!orgsim::cli::ReadFile(path, text, err)) {
        std::cerr << "orgsim march: " << err << "\n";
        return 1;
    }
    MarchReadResult rr = ReadMarchScenario(text);
    if (!rr.ok()) {
        std::cerr << path << ": " << rr.problems.size() << " problem" << (rr.problems.size() == 1 ? "" : "s") << ":\n";
        for (const auto& p : rr.problems) std::cerr << "  " << p.where << ": " << p.message << "\n";
        return 1;
    }
    MarchScenario s = *rr.scenario;
    if (reps > 0) s.replications = static_cast<int>(reps);
    if (seed >= 0) s.seed = static_cast<std::uint64_t>(seed);

    MarchExperiment ex(s);
    if (ex.Total() > kMarchMaxRuns) {
        std::cerr << "orgsim march: " << ex.Total() << " runs is more than the maximum of " << kMarchMaxRuns << "\n";
        return 2;
    }
    // Progress on stderr only for runs long enough to wait for (checked at most 4 times a second).
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    auto last_print = t0;
    bool printed = false;
    const int chunk = static_cast<int>(std::max<long long>(1, std::min<long long>(ex.Total() / 200, 1000)));
    while (!ex.Done()) {
        ex.RunChunk(chunk);
        const auto now = Clock::now();
        if (!quiet && now - t0 > std::chrono::seconds(1) && now - last_print > std::chrono::milliseconds(250)) {
            std::fprintf(stderr, "\r  march: %lld/%lld runs", ex.Completed(), ex.Total());
            last_print = now;
            printed = true;
        }
    }
    if (printed) std::fprintf(stderr, "\r  march: %lld/%lld runs\n", ex.Completed(), ex.Total());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const MarchTable table = ex.Table(measure);
    if (quiet) {
        std::cout << orgsim::cli::Hex(ex.CombinedHash()) << "\n";
    } else {
        std::cout << s.name << "\n  experiment " << MarchExperimentKey(s.experiment) << ": " << ex.Cells().size()
                  << " cells x " << s.replications << " replications, seed " << s.seed << "\n\n";
        PrintTable(table);
        std::printf("  %lld runs, %lld periods simulated, %.2f s\n", ex.Completed(), ex.PeriodsSimulated(), seconds);
        std::cout << "\nstate hash: " << orgsim::cli::Hex(ex.CombinedHash()) << "\n";
    }
    if (!csv.empty() && !WriteCsv(csv, ex)) {
        std::cerr << "orgsim march: cannot write " << csv << "\n";
        return 1;
    }
    return 0;
}
