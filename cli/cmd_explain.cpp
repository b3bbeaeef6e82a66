// cmd_explain.cpp: `orgsim explain`: read two scenarios, run every combination of the factors in
// which they differ (or, `--by mechanism`, of the mechanisms whose structural inputs differ) with
// common random numbers (sim/explain.h) and print, per outcome, the bars that sum to the mean paired
// difference: a text waterfall with intervals, JSON or CSV.
#include "cli/cmd_explain.h"

#include "cli/cli_util.h"
#include "cli/parallel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/explain.h"
#include "sim/report.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace {

using namespace orgsim;

const char* kExplainUsage =
    "usage: orgsim explain <a.json> <b.json> [options]\n"
    "  Why does B differ from A? Splits each outcome's mean paired difference (B - A, common random\n"
    "  numbers, as `orgsim compare`) into the factors in which the scenarios differ (reporting lines,\n"
    "  roles added or removed, unit sizes, levers, other parameters, mechanisms; at most 8, grouped\n"
    "  beyond) by exact Shapley values over all 2^k combinations. The bars sum to the difference; each\n"
    "  has a 90% bootstrap interval and its effect alone (applied to A by itself). Runs 2^k x N worlds.\n"
    "  --by mechanism asks which mechanisms carry the difference instead: a bar per mechanism whose\n"
    "  structural inputs differ (the CIO's boss, reporting steps between CMO and CIO, a CDO, CMT or\n"
    "  CISO present), by exact Shapley values over B's world with each mechanism reading A's or B's\n"
    "  facts (never knocked out), plus a bar for what is not structural (B with A's structure in every\n"
    "  mechanism, against A: headcounts, budgets, levers, units). Runs (2^k + 1) x N worlds.\n"
    "options:\n"
    "  --by WHAT            factor (default) or mechanism\n"
    "  --all-mechanisms     with --by mechanism: a bar for every mechanism (0 where its structural\n"
    "                       inputs do not differ; 2^10 + 1 worlds per replication)\n"
    "  --outcome KEY        an outcome to explain (repeatable; `all` for every one; default: the eight\n"
    "                       key outcomes); keys as in `orgsim run --json` (time_to_market, trust, ...)\n"
    "  --replications N     replications of every combination (default 100)\n"
    "  --weeks N            horizon in weeks (default: A's)\n"
    "  --format F           text (default), json or csv\n"
    "  --threads N          threads (default: every core); the numbers are the same for any N\n";

int DecimalsFor(double magnitude) { return SignificantDecimals(magnitude, 2); }

std::string Fixed(double v, int d, bool sign) {
    char buf[64];
    std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", d, v);
    std::string s = buf;
    bool zero = true;
    for (char c : s)
        if (c >= '1' && c <= '9') zero = false;
    if (zero && (s[0] == '+' || s[0] == '-')) s = s.substr(1);
    return s;
}

std::string Cut(const std::string& s, std::size_t n) { return s.size() <= n ? s : s.substr(0, n - 3) + "..."; }

std::string CsvText(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

/// A text waterfall: each bar runs from the running total before the factor to the one after.
class Waterfall {
public:
    Waterfall(const OutcomeExplanation& o, int width) : width_(width) {
        double c = 0.0;
        lo_ = hi_ = 0.0;
        for (const auto& f : o.factors) {
            c += f.shapley;
            lo_ = std::min(lo_, c);
            hi_ = std::max(hi_, c);
        }
        lo_ = std::min(lo_, o.total);
        hi_ = std::max(hi_, o.total);
    }
    std::string Bar(double from, double to, char fill) const {
        std::string s(static_cast<std::size_t>(width_), ' ');
        s[static_cast<std::size_t>(Col(0.0))] = '|';
        if (from != to) {
            const int a = Col(std::min(from, to)), b = Col(std::max(from, to));
            for (int i = a; i <= b; ++i) s[static_cast<std::size_t>(i)] = fill;
        }
        return s;
    }

private:
    int Col(double x) const {
        if (!(hi_ > lo_)) return width_ / 2;
        return static_cast<int>(std::lround((x - lo_) / (hi_ - lo_) * (width_ - 1)));
    }
    int width_;
    double lo_ = 0.0, hi_ = 0.0;
};

/// The structural facts that mechanism bar i reads and that differ, in words ("the CIO's boss").
std::vector<std::string> ReadsThatDiffer(const Explanation& ex, std::size_t i) {
    std::vector<std::string> out;
    if (i >= ex.mechanisms.size()) return out;
    const unsigned bits = StructureReads(ex.mechanisms[i]) & ex.structure_diff;
    for (int f = 0; f < kStructureFactCount; ++f)
        if (bits & (1u << f)) out.push_back(StructureFactLabel(static_cast<StructureFact>(1u << f)));
    return out;
}

std::string Joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

void PrintText(const Explanation& ex, double seconds) {
    const bool by_mechanism = ex.by == ExplainBy::Mechanism;
    const auto k = static_cast<std::size_t>(ex.Players());
    const std::size_t bars = ex.factors.size();
    const std::string player = by_mechanism ? "mechanism" : "factor";
    std::cout << "Why? B: " << ex.b_name << "\n     A: " << ex.a_name << "\n  " << ex.Hybrids() << " combination"
              << (ex.Hybrids() == 1 ? "" : "s") << " of " << k << " " << player << (k == 1 ? "" : "s") << (by_mechanism ? " (and A)" : "")
              << " x " << ex.replications << " replications of " << ex.weeks << " weeks, common random numbers (seed " << ex.seed << ")";
    char sec[32];
    std::snprintf(sec, sizeof sec, "%.1f", seconds);
    std::cout << "; " << sec << " s\n\n";
    if (!by_mechanism && k == 0) {
        std::cout << "B does not differ from A in anything that affects results: every difference is 0.\n";
        return;
    }
    if (by_mechanism) {
        std::cout << "Structural facts in which B differs from A:\n";
        if (ex.structure_changes.empty()) std::cout << "  none: every mechanism reads the same org chart, so what is not structural carries it all\n";
        for (const auto& c : ex.structure_changes) std::cout << "  - " << c << "\n";
        std::cout << "\nBars (a mechanism reading B's structural facts instead of A's; never switched off):\n";
        for (std::size_t i = 0; i < bars; ++i) {
            std::cout << "  " << i + 1 << ". " << ex.factors[i].name;
            if (i < k) {
                const auto reads = ReadsThatDiffer(ex, i);
                std::cout << " [reads " << (reads.empty() ? std::string("nothing that differs") : Joined(reads)) << "]";
            }
            std::cout << "\n";
        }
        std::cout << "\nbar = the mechanism's Shapley value (mean over replications); not structural = B's world with\n"
                     "A's structure in every mechanism, minus A; the bars sum to B - A; alone = the mechanism alone\n"
                     "reading B's facts; interaction share = sum |bar - alone| / sum |bar| over the mechanisms\n";
    } else {
        std::cout << "Factors in which B differs from A:\n";
        for (std::size_t i = 0; i < k; ++i)
            std::cout << "  " << i + 1 << ". " << ex.factors[i].name << " [" << FactorKindKey(ex.factors[i].kind) << "]\n";
        std::cout << "\nbar = the factor's Shapley value (mean over replications; the bars sum to B - A); alone = the\n"
                     "factor applied to A by itself; interaction share = sum |bar - alone| / sum |bar|\n";
    }
    constexpr int kWidth = 32;
    const int name_width = by_mechanism ? 56 : 44;
    for (const auto& o : ex.outcomes) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(o.id)];
        double mag = std::fabs(o.total);
        for (const auto& f : o.factors) mag = std::max(mag, std::fabs(f.shapley));
        const int d = DecimalsFor(mag);
        const int dv = DecimalsFor(std::max(std::fabs(o.a_mean), std::fabs(o.b_mean)));
        std::cout << "\n" << info.label << " (" << info.unit << "): A " << Fixed(o.a_mean, dv, false) << ", B "
                  << Fixed(o.b_mean, dv, false) << "; B - A " << Fixed(o.total, d, true) << " [90%: " << Fixed(o.total_lo, d, true)
                  << ", " << Fixed(o.total_hi, d, true) << "]\n";
        {
            char head[256];
            std::snprintf(head, sizeof head, "  %-*s %10s  %-24s %10s  %s\n", name_width, player.c_str(), "bar", "90% interval", "alone",
                          "waterfall");
            std::cout << head;
        }
        const Waterfall w(o, kWidth);
        double c = 0.0;
        for (std::size_t i = 0; i < bars; ++i) {
            const auto& f = o.factors[i];
            const std::string iv = "[" + Fixed(f.lo, d, true) + ", " + Fixed(f.hi, d, true) + "]";
            char line[512];
            std::snprintf(line, sizeof line, "  %-*s %10s  %-24s %10s  %s\n", name_width,
                          Cut(std::to_string(i + 1) + ". " + ex.factors[i].name, static_cast<std::size_t>(name_width)).c_str(),
                          Fixed(f.shapley, d, true).c_str(), iv.c_str(), Fixed(f.alone, d, true).c_str(), w.Bar(c, c + f.shapley, '#').c_str());
            std::cout << line;
            c += f.shapley;
        }
        {
            const std::string iv = "[" + Fixed(o.total_lo, d, true) + ", " + Fixed(o.total_hi, d, true) + "]";
            char line[512];
            std::snprintf(line, sizeof line, "  %-*s %10s  %-24s %10s  %s\n", name_width, "total (B - A)", Fixed(o.total, d, true).c_str(),
                          iv.c_str(), "", w.Bar(0.0, o.total, '=').c_str());
            std::cout << line;
        }
        std::cout << "  interaction share " << Fixed(100.0 * o.interaction_share, 0, false) << "%\n";
        for (const auto& s : o.sentences) std::cout << "  " << s << "\n";
    }
}

void PrintJson(const Explanation& ex) {
    nlohmann::json j;
    j["by"] = ex.by == ExplainBy::Mechanism ? "mechanism" : "factor";
    j["a"] = ex.a_name;
    j["b"] = ex.b_name;
    j["seed"] = ex.seed;
    j["weeks"] = ex.weeks;
    j["replications"] = ex.replications;
    j["combinations"] = ex.Hybrids();
    j["worlds_per_replication"] = ex.Worlds();
    j["definitions"] = {
        {"shapley", "mean over replications of the factor's exact Shapley value; the bars sum to the difference"},
        {"interval", "90% percentile bootstrap interval over replications (1000 resamples, fixed seed)"},
        {"alone", "mean of v(factor alone applied to A) - v(A)"},
        {"interaction_share", "sum |shapley - alone| / sum |shapley| (sum |alone| when every bar is 0)"}};
    nlohmann::json fs = nlohmann::json::array();
    for (std::size_t i = 0; i < ex.factors.size(); ++i) {
        const Factor& f = ex.factors[i];
        nlohmann::json x = {{"name", f.name}, {"kind", FactorKindKey(f.kind)}};
        if (i < ex.mechanisms.size()) {
            x["mechanism"] = MechanismKey(ex.mechanisms[i]);
            x["reads"] = ReadsThatDiffer(ex, i);
        }
        fs.push_back(x);
    }
    j["factors"] = fs;
    if (ex.by == ExplainBy::Mechanism) {
        j["structure_changes"] = ex.structure_changes;
        j["definitions"]["shapley"] =
            "mean over replications of the mechanism's exact Shapley value (B's world, each mechanism reading A's or B's "
            "structural facts); the not-structural bar is B's world with A's structure in every mechanism minus A; the bars "
            "sum to the difference";
        j["definitions"]["alone"] = "mean of v(the mechanism alone reading B's facts) - v(none reading B's facts)";
    }
    nlohmann::json os = nlohmann::json::array();
    for (const auto& o : ex.outcomes) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(o.id)];
        nlohmann::json bars = nlohmann::json::array();
        for (std::size_t i = 0; i < o.factors.size(); ++i) {
            const auto& f = o.factors[i];
            bars.push_back({{"factor", ex.factors[i].name}, {"shapley", f.shapley}, {"p05", f.lo}, {"p95", f.hi}, {"alone", f.alone}});
        }
        os.push_back({{"key", info.key},
                      {"label", info.label},
                      {"unit", info.unit},
                      {"a_mean", o.a_mean},
                      {"b_mean", o.b_mean},
                      {"difference", o.total},
                      {"difference_p05", o.total_lo},
                      {"difference_p95", o.total_hi},
                      {"interaction_share", o.interaction_share},
                      {"bars", bars},
                      {"sentences", o.sentences}});
    }
    j["outcomes"] = os;
    std::cout << j.dump(2) << "\n";
}

void PrintCsv(const Explanation& ex) {
    std::ostringstream out;
    out.precision(10);
    out << "outcome,unit,row,factor,kind,shapley,p05,p95,alone,a_mean,b_mean,difference,interaction_share\n";
    for (const auto& o : ex.outcomes) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(o.id)];
        for (std::size_t i = 0; i < o.factors.size(); ++i) {
            const auto& f = o.factors[i];
            out << info.key << "," << CsvText(info.unit) << "," << i + 1 << "," << CsvText(ex.factors[i].name) << ","
                << FactorKindKey(ex.factors[i].kind) << "," << f.shapley << "," << f.lo << "," << f.hi << "," << f.alone << ","
                << o.a_mean << "," << o.b_mean << "," << o.total << "," << o.interaction_share << "\n";
        }
        out << info.key << "," << CsvText(info.unit) << ",total," << CsvText("total (B - A)") << ",," << o.total << ","
            << o.total_lo << "," << o.total_hi << ",," << o.a_mean << "," << o.b_mean << "," << o.total << ","
            << o.interaction_share << "\n";
    }
    std::cout << out.str();
}

}  // namespace

int CmdExplain(const std::vector<std::string>& args) {
    std::vector<std::string> paths, outcome_keys;
    long long reps = kExplainDefaultReplications, weeks = -1, threads = orgsim::cli::DefaultThreads();
    std::string format = "text", by = "factor";
    bool every_mechanism = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--outcome" || a == "--replications" || a == "--weeks" || a == "--format" || a == "--threads" || a == "--by") {
            if (!has_value) {
                std::cerr << "orgsim explain: " << a << " needs a value\n";
                return 2;
            }
            const std::string& v = args[++i];
            if (a == "--outcome") {
                outcome_keys.push_back(v);
            } else if (a == "--by") {
                by = v;
                if (by != "factor" && by != "mechanism") {
                    std::cerr << "orgsim explain: --by must be factor or mechanism (not \"" << by << "\")\n";
                    return 2;
                }
            } else if (a == "--replications") {
                if (!orgsim::cli::ParseInt(v, 1, kMaxReplications, reps)) {
                    std::cerr << "orgsim explain: --replications must be a whole number from 1 to " << kMaxReplications << "\n";
                    return 2;
                }
            } else if (a == "--threads") {
                if (!orgsim::cli::ParseInt(v, 1, 256, threads)) {
                    std::cerr << "orgsim explain: --threads must be a whole number from 1 to 256\n";
                    return 2;
                }
            } else if (a == "--weeks") {
                if (!orgsim::cli::ParseInt(v, 1, kMaxHorizonWeeks, weeks)) {
                    std::cerr << "orgsim explain: --weeks must be a whole number from 1 to " << kMaxHorizonWeeks << "\n";
                    return 2;
                }
            } else {
                format = v;
                if (format != "text" && format != "json" && format != "csv") {
                    std::cerr << "orgsim explain: --format must be text, json or csv (not \"" << format << "\")\n";
                    return 2;
                }
            }
        } else if (a == "--all-mechanisms") {
            every_mechanism = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << kExplainUsage;
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim explain: unknown option " << a << "\n" << kExplainUsage;
            return 2;
        } else {
            paths.push_back(a);
        }
    }
    if (every_mechanism && by != "mechanism") {
        std::cerr << "orgsim explain: --all-mechanisms goes with --by mechanism\n";
        return 2;
    }
    if (paths.size() != 2) {
        std::cerr << "orgsim explain: give two scenario files, A (the baseline) and B\n" << kExplainUsage;
        return 2;
    }
    std::vector<SeriesId> outcomes;
    for (const std::string& key : outcome_keys) {
        if (key == "all") {
            for (const auto& info : SeriesTable()) outcomes.push_back(info.id);
            continue;
        }
        bool found = false;
        for (const auto& info : SeriesTable())
            if (key == info.key) {
                outcomes.push_back(info.id);
                found = true;
            }
        if (!found) {
            std::cerr << "orgsim explain: unknown outcome \"" << key << "\"; the outcomes are:";
            for (const auto& info : SeriesTable()) std::cerr << " " << info.key;
            std::cerr << " (or all)\n";
            return 2;
        }
    }
    if (outcomes.empty()) outcomes = KeyOutcomes();
    Scenario a, b;
    if (!orgsim::cli::LoadScenario(paths[0], a, "orgsim explain")) return 1;
    if (!orgsim::cli::LoadScenario(paths[1], b, "orgsim explain")) return 1;

    const ExplainBy mode = by == "mechanism" ? ExplainBy::Mechanism : ExplainBy::Factor;
    {
        const std::size_t k = mode == ExplainBy::Factor ? DiffFactors(a, b).size()
                              : every_mechanism         ? static_cast<std::size_t>(kMechanismCount)
                                                        : StructuralMechanisms(a, b).size();
        const long long worlds = (static_cast<long long>(1) << k) + (mode == ExplainBy::Mechanism ? 1 : 0);
        std::cerr << "  " << k << (mode == ExplainBy::Factor ? " factor" : " mechanism") << (k == 1 ? "" : "s") << ": " << worlds
                  << (mode == ExplainBy::Factor ? " combinations" : " worlds (every combination and A)") << " x " << reps
                  << " replications = " << worlds * reps << " runs of " << (weeks > 0 ? weeks : a.horizon_weeks) << " weeks\n";
    }
    const auto t0 = std::chrono::steady_clock::now();
    const int n_threads = static_cast<int>(threads);
    const bool parallel = n_threads > 1 && !orgsim::cli::kNoThreads;
    Explainer explainer(a, b, outcomes, static_cast<int>(reps), static_cast<int>(weeks), mode, every_mechanism);
    if (parallel) {
        explainer.RunParallel([n_threads](int n, const std::function<void(int)>& body) { orgsim::cli::ThreadFor(n_threads, n, body); });
    } else {
        // As Explain(): a progress line after the slices that finish runs.
        int last_percent = -1;
        auto progress = [&](long done, long total) {
            const int p = total > 0 ? static_cast<int>(100 * done / total) : 100;
            if (p == last_percent) return;
            last_percent = p;
            std::cerr << "\r  runs: " << done << "/" << total << (done >= total ? "\n" : "") << std::flush;
        };
        long last = -1;
        while (explainer.RunSlice(52))
            if (explainer.RunsDone() != last) progress(last = explainer.RunsDone(), explainer.Runs());
        progress(explainer.RunsDone(), explainer.Runs());
    }
    const Explanation ex = explainer.Result();
    if (parallel && ex.error.empty()) {
        const long runs = static_cast<long>(ex.Worlds()) * ex.replications;
        std::cerr << "  runs: " << runs << "/" << runs << " on " << n_threads << " threads\n";
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!ex.error.empty()) {
        std::cerr << "orgsim explain: " << ex.error << "\n";
        return 1;
    }
    if (format == "json") PrintJson(ex);
    else if (format == "csv") PrintCsv(ex);
    else PrintText(ex, seconds);
    return 0;
}
