// sweep.cpp: sweep plans, deterministic shards and their merge.
#include "sim/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "sim/hash.h"
#include "sim/json_util.h"
#include "sim/stats.h"

namespace orgsim {

namespace {

constexpr std::size_t kMaxPlanBytes = 4u << 20;
constexpr int kMaxCells = 100000;
constexpr long long kMaxTasks = 10000000;

std::string Hex(std::uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string G17(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

/// A lever value from JSON: a number, true/false for switches, or an option name for choices.
std::optional<double> LeverValue(ParamId id, const nlohmann::json& j, std::string& why) {
    const ParamInfo& info = Info(id);
    double v = 0.0;
    if (j.is_boolean() && info.kind == ParamKind::Bool) {
        v = j.get<bool>() ? 1.0 : 0.0;
    } else if (j.is_string() && info.kind == ParamKind::Choice) {
        const int i = OptionIndex(id, j.get<std::string>());
        if (i < 0) {
            why = "\"" + j.get<std::string>() + "\" is not an option of " + info.key;
            return std::nullopt;
        }
        v = i;
    } else if (j.is_number()) {
        v = j.get<double>();
    } else {
        why = "must be a number" + std::string(info.kind == ParamKind::Bool ? " or true/false" : info.kind == ParamKind::Choice ? " or an option name" : "") +
              ", found " + JsonTypeName(j);
        return std::nullopt;
    }
    Params probe;
    const std::string err = probe.Set(id, v);
    if (!err.empty()) {
        why = err;
        return std::nullopt;
    }
    return v;
}

/// A name for a "# name" line: line breaks and other control characters become spaces, at most
/// 200 bytes (cut at a UTF-8 character boundary).
std::string OneLine(const std::string& text) {
    std::string s;
    for (const char c : text) s.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
    if (s.size() > 200) {
        std::size_t n = 200;
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
        s.resize(n);
    }
    return s;
}

}  // namespace

Scenario SweepPlan::CellScenario(int cell) const {
    Scenario s = base;
    s.horizon_weeks = weeks;
    s.replications = replications;
    const auto& values = cells[static_cast<std::size_t>(cell)];
    for (std::size_t i = 0; i < levers.size(); ++i) s.params.Set(levers[i], values[i]);
    return s;
}

SweepPlanResult ReadSweepPlan(const std::string& text,
                              const std::function<bool(const std::string&, std::string&, std::string&)>& read_file) {
    SweepPlanResult out;
    auto problem = [&](const std::string& where, const std::string& what) { out.problems.push_back({where, what}); };
    const std::optional<nlohmann::json> parsed = ParseJsonText(text, kMaxPlanBytes, out.problems);
    if (!parsed) return out;
    const nlohmann::json& j = *parsed;
    if (!j.is_object()) {
        problem("/", "a sweep plan must be a JSON object, found " + JsonTypeName(j));
        return out;
    }
    if (!j.contains("format") || j["format"] != "orgsim-sweep/1") problem("/format", "must be \"orgsim-sweep/1\"");
    for (auto it = j.begin(); it != j.end(); ++it) {
        static const char* kKeys[] = {"format", "scenario", "levers", "design", "replications", "weeks", "outcomes", "name"};
        if (std::find_if(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return it.key() == k; }) == std::end(kKeys))
            problem("/" + JsonPointerToken(it.key()), "unknown key");
    }
    SweepPlan plan;
    if (j.contains("name")) {
        if (!j["name"].is_string()) problem("/name", "must be a string, found " + JsonTypeName(j["name"]));
        else plan.name = OneLine(j["name"].get<std::string>());
    }
    // The base scenario: a path, or the scenario itself.
    if (!j.contains("scenario")) {
        problem("/scenario", "missing: a scenario file's path or a scenario object");
    } else if (j["scenario"].is_string()) {
        std::string sc_text, err;
        if (!read_file(j["scenario"].get<std::string>(), sc_text, err)) {
            problem("/scenario", err);
        } else {
            ReadResult r = ReadScenario(sc_text);
            for (const auto& p : r.problems) problem("/scenario (" + j["scenario"].get<std::string>() + ") " + p.where, p.message);
            if (r.ok()) plan.base = *r.scenario;
        }
    } else if (j["scenario"].is_object()) {
        ReadResult r = ReadScenario(j["scenario"].dump());
        for (const auto& p : r.problems) problem("/scenario" + (p.where == "/" ? std::string() : p.where), p.message);
        if (r.ok()) plan.base = *r.scenario;
    } else {
        problem("/scenario", "must be a path or a scenario object, found " + JsonTypeName(j["scenario"]));
    }
    // Replications and weeks.
    plan.replications = 0;
    if (!j.contains("replications") || !j["replications"].is_number_integer() || j["replications"].get<long long>() < 1 ||
        j["replications"].get<long long>() > kMaxReplications)
        problem("/replications", "must be a whole number from 1 to " + std::to_string(kMaxReplications));
    else
        plan.replications = j["replications"].get<int>();
    plan.weeks = plan.base.horizon_weeks;
    if (j.contains("weeks")) {
        if (!j["weeks"].is_number_integer() || j["weeks"].get<long long>() < 1 || j["weeks"].get<long long>() > kMaxHorizonWeeks)
            problem("/weeks", "must be a whole number from 1 to " + std::to_string(kMaxHorizonWeeks));
        else
            plan.weeks = j["weeks"].get<int>();
    }
    // Outcomes.
    if (j.contains("outcomes")) {
        if (!j["outcomes"].is_array() || j["outcomes"].empty()) {
            problem("/outcomes", "must be a non-empty array of outcome keys");
        } else {
            for (std::size_t i = 0; i < j["outcomes"].size(); ++i) {
                const auto& k = j["outcomes"][i];
                const std::string where = "/outcomes/" + std::to_string(i);
                bool found = false;
                if (k.is_string())
                    for (const SeriesInfo& s : SeriesTable())
                        if (k.get<std::string>() == s.key) {
                            plan.outcomes.push_back(s.id);
                            found = true;
                        }
                if (!found) problem(where, k.is_string() ? "unknown outcome \"" + k.get<std::string>() + "\"" : "must be an outcome key");
            }
        }
    } else {
        for (const SeriesInfo& s : SeriesTable()) plan.outcomes.push_back(s.id);
    }
    // Cells: a grid of lever levels, or an explicit design.
    const bool grid = j.contains("levers"), design = j.contains("design");
    if (grid == design) {
        problem("/levers", "give either \"levers\" (a grid) or \"design\" (explicit cells), not both or neither");
    } else if (grid) {
        const auto& lv = j["levers"];
        if (!lv.is_object() || lv.empty()) {
            problem("/levers", "must be an object of lever keys with arrays of levels");
        } else {
            std::vector<std::vector<double>> levels;
            long long cells = 1;
            for (auto it = lv.begin(); it != lv.end(); ++it) {
                const std::string where = "/levers/" + JsonPointerToken(it.key());
                const auto id = FindParam(it.key());
                if (!id) {
                    problem(where, "unknown parameter (see `orgsim params`)");
                    continue;
                }
                if (!it.value().is_array() || it.value().empty()) {
                    problem(where, "must be a non-empty array of levels");
                    continue;
                }
                std::vector<double> vals;
                for (std::size_t i = 0; i < it.value().size(); ++i) {
                    std::string why;
                    const auto v = LeverValue(*id, it.value()[i], why);
                    if (!v)
                        problem(where + "/" + std::to_string(i), why);
                    else
                        vals.push_back(*v);
                }
                plan.levers.push_back(*id);
                levels.push_back(vals);
                cells *= static_cast<long long>(std::max<std::size_t>(1, vals.size()));
                if (cells > kMaxCells) {
                    problem("/levers", "more than " + std::to_string(kMaxCells) + " cells");
                    break;
                }
            }
            if (out.problems.empty()) {
                // Full grid, first lever slowest (row-major): nested loops over the levers in key order
                // (a JSON object's members have no order a reader may rely on).
                std::vector<std::size_t> idx(levels.size(), 0);
                for (long long c = 0; c < cells; ++c) {
                    std::vector<double> row;
                    for (std::size_t l = 0; l < levels.size(); ++l) row.push_back(levels[l][idx[l]]);
                    plan.cells.push_back(row);
                    for (std::size_t l = levels.size(); l-- > 0;) {
                        if (++idx[l] < levels[l].size()) break;
                        idx[l] = 0;
                    }
                }
            }
        }
    } else {
        const auto& d = j["design"];
        if (!d.is_array() || d.empty() || static_cast<long long>(d.size()) > kMaxCells) {
            problem("/design", "must be an array of 1 to " + std::to_string(kMaxCells) + " cells");
        } else {
            // The levers are the keys of the first cell; every cell names the same ones.
            if (d[0].is_object())
                for (auto it = d[0].begin(); it != d[0].end(); ++it) {
                    const auto id = FindParam(it.key());
                    if (!id)
                        problem("/design/0/" + JsonPointerToken(it.key()), "unknown parameter (see `orgsim params`)");
                    else
                        plan.levers.push_back(*id);
                }
            for (std::size_t c = 0; c < d.size(); ++c) {
                const std::string where = "/design/" + std::to_string(c);
                if (!d[c].is_object() || d[c].size() != plan.levers.size()) {
                    problem(where, "must be an object with the same lever keys as the first cell");
                    continue;
                }
                std::vector<double> row;
                for (ParamId id : plan.levers) {
                    const char* key = Info(id).key;
                    if (!d[c].contains(key)) {
                        problem(where, std::string("missing ") + key);
                        continue;
                    }
                    std::string why;
                    const auto v = LeverValue(id, d[c][key], why);
                    if (!v)
                        problem(where + "/" + JsonPointerToken(key), why);
                    else
                        row.push_back(*v);
                }
                plan.cells.push_back(row);
            }
        }
    }
    if (!out.problems.empty()) return out;
    if (static_cast<long long>(plan.cells.size()) * plan.replications > kMaxTasks) {
        problem("/replications", "cells x replications is more than " + std::to_string(kMaxTasks) + " tasks");
        return out;
    }
    // The fingerprint: everything that decides the rows, and the model version.
    Fnv1a f;
    auto add = [&](const std::string& s) {
        f.Val(static_cast<std::uint64_t>(s.size()));
        f.Bytes(s.data(), s.size());
    };
    add(kModelVersion);
    add(WriteScenario(plan.base));
    f.Val(static_cast<std::int64_t>(plan.replications));
    f.Val(static_cast<std::int64_t>(plan.weeks));
    for (ParamId id : plan.levers) add(Info(id).key);
    for (SeriesId id : plan.outcomes) add(SeriesTable()[static_cast<std::size_t>(id)].key);
    for (const auto& row : plan.cells)
        for (double v : row) f.Val(v);
    plan.fingerprint = Hex(f.h);
    out.plan = std::move(plan);
    return out;
}

std::vector<int> ShardTasks(const SweepPlan& plan, int shard, int of) {
    std::vector<int> t;
    if (of < 1 || shard < 0 || shard >= of) return t;
    for (int i = shard; i < plan.Tasks(); i += of) t.push_back(i);
    return t;
}

std::string SweepHeader(const SweepPlan& plan) {
    std::string h = "task,cell";
    for (ParamId id : plan.levers) h += std::string(",") + Info(id).key;
    h += ",replication,state_hash";
    for (SeriesId id : plan.outcomes) h += std::string(",") + SeriesTable()[static_cast<std::size_t>(id)].key;
    return h + "\n";
}

std::string ShardPreamble(const SweepPlan& plan, int shard, int of) {
    return "# orgsim-sweep-shard/1\n# plan " + plan.fingerprint + "\n# model " + kModelVersion + "\n# tasks " +
           std::to_string(plan.Tasks()) + "\n# replications " + std::to_string(plan.replications) + "\n# weeks " +
           std::to_string(plan.weeks) + "\n" + (plan.name.empty() ? std::string() : "# name " + OneLine(plan.name) + "\n") + "# shard " +
           std::to_string(shard) + " of " + std::to_string(of) + "\n" + SweepHeader(plan);
}

std::string RunSweepTask(const SweepPlan& plan, int task) {
    const int cell = task / plan.replications, rep = task % plan.replications;
    World w(plan.CellScenario(cell), rep);
    w.StepWeeks(plan.weeks);
    std::string row = std::to_string(task) + "," + std::to_string(cell);
    for (double v : plan.cells[static_cast<std::size_t>(cell)]) row += "," + G17(v);
    row += "," + std::to_string(rep) + "," + Hex(w.StateHash());
    for (SeriesId id : plan.outcomes) row += "," + G17(w.Series(id).back());
    return row + "\n";
}

std::string FormatRanges(const std::vector<int>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t j = i;
        while (j + 1 < v.size() && v[j + 1] == v[j] + 1) ++j;
        if (!s.empty()) s += ", ";
        s += std::to_string(v[i]) + (j > i ? "-" + std::to_string(v[j]) : "");
        i = j + 1;
    }
    return s;
}

MergeResult MergeShards(const std::vector<std::pair<std::string, std::string>>& files) {
    MergeResult m;
    std::string plan, model, header, extra;  // extra: the first shard's replications/weeks/name lines
    long long tasks = -1;
    std::map<long long, std::string> rows;
    for (const auto& [name, text] : files) {
        std::istringstream in(text);
        std::string line, f_plan, f_model, f_header, f_extra;
        long long f_tasks = -1;
        int n = 0;
        bool first_line = true;
        while (std::getline(in, line)) {
            ++n;
            const std::string at = name + ":" + std::to_string(n) + ": ";
            if (first_line) {
                first_line = false;
                if (line != "# orgsim-sweep-shard/1") {
                    m.errors.push_back(at + "not an OrgSim sweep shard (first line \"# orgsim-sweep-shard/1\")");
                    break;
                }
                continue;
            }
            if (line.rfind("# plan ", 0) == 0) {
                f_plan = line.substr(7);
            } else if (line.rfind("# model ", 0) == 0) {
                f_model = line.substr(8);
            } else if (line.rfind("# tasks ", 0) == 0) {
                f_tasks = std::atoll(line.substr(8).c_str());
            } else if (line.rfind("# replications ", 0) == 0 || line.rfind("# weeks ", 0) == 0 || line.rfind("# name ", 0) == 0) {
                f_extra += line + "\n";
            } else if (line.rfind("# ", 0) == 0) {
                continue;
            } else if (f_header.empty()) {
                f_header = line;
                if (plan.empty()) {
                    plan = f_plan;
                    model = f_model;
                    header = f_header;
                    tasks = f_tasks;
                    extra = f_extra;
                }
                if (f_model != model)
                    m.errors.push_back(at + "made with model " + f_model + ", the first shard with " + model + ": rerun it with one version");
                else if (f_plan != plan)
                    m.errors.push_back(at + "from another plan (" + f_plan + ", the first shard's is " + plan + ")");
                else if (f_header != header || f_tasks != tasks)
                    m.errors.push_back(at + "its columns or task count differ from the first shard's");
                if (!m.errors.empty()) break;
            } else {
                const std::size_t comma = line.find(',');
                char* end = nullptr;
                const long long task = comma == std::string::npos ? -1 : std::strtoll(line.c_str(), &end, 10);
                const auto fields = std::count(line.begin(), line.end(), ',') + 1;
                const auto want = std::count(header.begin(), header.end(), ',') + 1;
                if (task < 0 || task >= tasks || end != line.c_str() + comma || fields != want) {
                    m.errors.push_back(at + "not a row of this sweep");
                    continue;
                }
                auto [it, inserted] = rows.emplace(task, line);
                if (!inserted) {
                    if (it->second != line)
                        m.errors.push_back(at + "task " + std::to_string(task) + " differs from another shard's row for it");
                    else
                        ++m.duplicates;
                }
            }
        }
        if (f_header.empty() && m.errors.empty()) m.errors.push_back(name + ": no header row (an empty or cut-off shard)");
    }
    if (files.empty()) m.errors.push_back("no shard files given");
    if (!m.errors.empty()) return m;
    for (long long t = 0; t < tasks; ++t)
        if (!rows.count(t)) m.missing.push_back(static_cast<int>(t));
    if (!m.missing.empty()) {
        m.errors.push_back(std::to_string(m.missing.size()) + " of " + std::to_string(tasks) + " tasks missing: " + FormatRanges(m.missing));
        return m;
    }
    m.merged = "# orgsim-sweep/1\n# plan " + plan + "\n# model " + model + "\n# tasks " + std::to_string(tasks) + "\n" + extra + header + "\n";
    for (const auto& [t, line] : rows) m.merged += line + "\n";
    m.ok = true;
    return m;
}

// ---- Reading a merged result -----------------------------------------------------------------------

bool LooksLikeSweepResult(const std::string& text) { return text.rfind("# orgsim-sweep", 0) == 0; }

namespace {

/// The fields of a CSV line (the sweep's files never quote: keys, numbers and hex only).
std::vector<std::string> SplitComma(const std::string& line) {
    std::vector<std::string> out(1);
    for (const char c : line) {
        if (c == ',') out.emplace_back();
        else out.back().push_back(c);
    }
    return out;
}

bool ParseWhole(const std::string& s, long long lo, long long hi, long long& out) {
    if (s.empty() || s.size() > 18) return false;
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    out = std::strtoll(s.c_str(), nullptr, 10);
    return out >= lo && out <= hi;
}

bool ParseReal(const std::string& s, double& out) {
    if (s.empty() || s.size() > 40 || s[0] == ' ') return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size();
}

std::string MegaBytesText(std::size_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

}  // namespace

SweepResultRead ReadSweepResult(const std::string& text) {
    SweepResultRead out;
    constexpr std::size_t kMaxProblems = 20;
    auto problem = [&](const std::string& where, const std::string& what) {
        if (out.problems.size() < kMaxProblems) out.problems.push_back({where, what});
        else if (out.problems.size() == kMaxProblems) out.problems.push_back({"file", "more problems not listed"});
    };
    if (text.size() > kMaxSweepResultBytes) {
        problem("file", "the file is " + MegaBytesText(text.size()) + "; a sweep result may be up to " + MegaBytesText(kMaxSweepResultBytes));
        return out;
    }
    SweepResult r;
    std::size_t pos = 0;
    int n = 0;
    long long tasks = -1, reps = -1, weeks = 0;
    bool have_header = false;
    std::size_t replication_col = 0, outcome_col = 0, fields_want = 0;
    std::vector<char> seen;
    long long last_task = -1;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const bool cut = nl == std::string::npos;  // the last line has no line break
        std::string line = text.substr(pos, cut ? std::string::npos : nl - pos);
        pos = cut ? text.size() : nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        ++n;
        const std::string at = "line " + std::to_string(n);
        if (n == 1) {
            if (line == "# orgsim-sweep/1") continue;
            if (line == "# orgsim-sweep-shard/1")
                problem(at, "one shard of a sweep, not the merged result: merge all its shards first (orgsim merge)");
            else
                problem(at, "not an OrgSim sweep result (its first line must be \"# orgsim-sweep/1\", as orgsim merge writes)");
            return out;
        }
        if (cut && !line.empty()) {
            problem(at, "the file is cut off here (its last line has no line break)");
            break;
        }
        if (line.rfind("# ", 0) == 0 && !have_header) {
            const auto value = [&](std::size_t k) { return line.substr(k); };
            if (line.rfind("# plan ", 0) == 0) {
                r.fingerprint = value(7);
            } else if (line.rfind("# model ", 0) == 0) {
                r.model = value(8);
                if (r.model != kModelVersion) {
                    out.wrong_model = true;
                    problem(at, "made with model " + r.model + ", this app runs " + kModelVersion + ": rerun the sweep with this version");
                    return out;
                }
            } else if (line.rfind("# tasks ", 0) == 0) {
                if (!ParseWhole(value(8), 1, kMaxTasks, tasks)) problem(at, "\"# tasks\" must be a whole number from 1 to " + std::to_string(kMaxTasks));
            } else if (line.rfind("# replications ", 0) == 0) {
                if (!ParseWhole(value(15), 1, kMaxReplications, reps))
                    problem(at, "\"# replications\" must be a whole number from 1 to " + std::to_string(kMaxReplications));
            } else if (line.rfind("# weeks ", 0) == 0) {
                if (!ParseWhole(value(8), 1, kMaxHorizonWeeks, weeks)) problem(at, "\"# weeks\" must be a whole number from 1 to " + std::to_string(kMaxHorizonWeeks));
            } else if (line.rfind("# name ", 0) == 0) {
                r.name = OneLine(value(7));
            }
            continue;
        }
        if (!have_header) {
            have_header = true;
            if (r.model.empty()) {
                problem(at, "no \"# model\" line before the header: the file was not written by orgsim merge");
                return out;
            }
            if (tasks < 0) {
                problem(at, "no \"# tasks\" line before the header: the file was not written by orgsim merge");
                return out;
            }
            const std::vector<std::string> cols = SplitComma(line);
            const auto rep = std::find(cols.begin(), cols.end(), "replication");
            if (cols.size() < 5 || cols[0] != "task" || cols[1] != "cell" || rep == cols.end() || rep + 1 == cols.end() ||
                *(rep + 1) != "state_hash") {
                problem(at, "the header must be task,cell,<levers>,replication,state_hash,<outcomes>");
                return out;
            }
            replication_col = static_cast<std::size_t>(rep - cols.begin());
            outcome_col = replication_col + 2;
            for (std::size_t c = 2; c < replication_col; ++c) {
                const auto id = FindParam(cols[c]);
                if (!id) problem(at, "column " + std::to_string(c + 1) + ": unknown lever \"" + cols[c] + "\" (made by another OrgSim?)");
                else r.levers.push_back(*id);
            }
            for (std::size_t c = outcome_col; c < cols.size(); ++c) {
                bool found = false;
                for (const SeriesInfo& s : SeriesTable())
                    if (cols[c] == s.key) {
                        r.outcomes.push_back(s.id);
                        found = true;
                    }
                if (!found) problem(at, "column " + std::to_string(c + 1) + ": unknown outcome \"" + cols[c] + "\" (made by another OrgSim?)");
            }
            if (r.levers.empty()) problem(at, "no lever columns between cell and replication");
            if (r.outcomes.empty()) problem(at, "no outcome columns after state_hash");
            if (!out.problems.empty()) return out;
            fields_want = cols.size();
            seen.assign(static_cast<std::size_t>(tasks), 0);
            r.rows.resize(static_cast<std::size_t>(tasks));
            continue;
        }
        if (line.empty() && pos >= text.size()) break;
        // A row: task,cell,<lever values>,replication,state_hash,<outcome values>.
        const std::vector<std::string> f = SplitComma(line);
        const std::string cut_note = cut ? " (the file is cut off here)" : "";
        if (f.size() != fields_want) {
            problem(at, "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(fields_want) + cut_note);
            continue;
        }
        long long task = 0, cell = 0, rep = 0;
        SweepResult::Row row;
        bool ok = ParseWhole(f[0], 0, tasks - 1, task);
        if (!ok) {
            problem(at, "task \"" + f[0] + "\" is not a task of this sweep (0 to " + std::to_string(tasks - 1) + ")" + cut_note);
            continue;
        }
        if (!ParseWhole(f[1], 0, kMaxCells - 1, cell) || !ParseWhole(f[replication_col], 0, kMaxReplications - 1, rep)) {
            problem(at, "the cell or replication is not a whole number" + cut_note);
            continue;
        }
        for (std::size_t c = 2; c < replication_col && ok; ++c) {
            double v = 0.0;
            ok = ParseReal(f[c], v) && std::isfinite(v);
            row.lever_values.push_back(v);
            if (!ok) problem(at, "column " + std::to_string(c + 1) + " (" + Info(r.levers[c - 2]).key + "): \"" + f[c] + "\" is not a number" + cut_note);
        }
        const std::string& hash = f[replication_col + 1];
        if (ok && (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)) {
            problem(at, "state_hash \"" + hash + "\" is not 16 hex digits" + cut_note);
            ok = false;
        }
        for (std::size_t c = outcome_col; c < f.size() && ok; ++c) {
            double v = 0.0;
            ok = ParseReal(f[c], v);
            row.values.push_back(v);
            if (!ok) problem(at, "column " + std::to_string(c + 1) + " (" + SeriesTable()[static_cast<std::size_t>(r.outcomes[c - outcome_col])].key +
                                     "): \"" + f[c] + "\" is not a number" + cut_note);
        }
        if (!ok) continue;
        if (task <= last_task) {
            problem(at, "task " + std::to_string(task) + (seen[static_cast<std::size_t>(task)] ? " appears twice" : " is out of order") +
                            " (orgsim merge writes each task once, in order)");
            continue;
        }
        last_task = task;
        seen[static_cast<std::size_t>(task)] = 1;
        row.cell = static_cast<int>(cell);
        row.replication = static_cast<int>(rep);
        r.rows[static_cast<std::size_t>(task)] = std::move(row);
    }
    if (!have_header) {
        problem("file", n <= 1 ? "the file ends after its first line (cut off?)" : "no header row (the file is cut off?)");
        return out;
    }
    if (!out.problems.empty()) return out;
    for (long long t = 0; t < tasks; ++t)
        if (!seen[static_cast<std::size_t>(t)]) out.missing.push_back(static_cast<int>(t));
    if (!out.missing.empty()) {
        problem("file", std::to_string(out.missing.size()) + " of " + std::to_string(tasks) + " tasks missing: " + FormatRanges(out.missing) +
                            " (rerun their shards and merge again)");
        return out;
    }
    // The task numbering: task = cell x replications + replication, and a cell's levers agree.
    if (reps < 0) {
        int max_rep = 0;
        for (const auto& row : r.rows) max_rep = std::max(max_rep, row.replication);
        reps = max_rep + 1;
    }
    if (tasks % reps != 0) {
        problem("file", std::to_string(tasks) + " tasks are not a whole number of cells of " + std::to_string(reps) + " replications");
        return out;
    }
    r.tasks = static_cast<int>(tasks);
    r.replications = static_cast<int>(reps);
    r.cells = static_cast<int>(tasks / reps);
    r.weeks = static_cast<int>(weeks);
    for (int t = 0; t < r.tasks; ++t) {
        const SweepResult::Row& row = r.rows[static_cast<std::size_t>(t)];
        if (row.cell != t / r.replications || row.replication != t % r.replications) {
            problem("task " + std::to_string(t), "cell " + std::to_string(row.cell) + ", replication " + std::to_string(row.replication) +
                                                     " do not match the task number (task = cell x " + std::to_string(r.replications) +
                                                     " + replication)");
        } else if (row.replication > 0 && row.lever_values != r.rows[static_cast<std::size_t>(t - 1)].lever_values) {
            problem("task " + std::to_string(t), "its lever values differ from the rest of cell " + std::to_string(row.cell));
        }
    }
    if (!out.problems.empty()) return out;
    r.levels.resize(r.levers.size());
    for (std::size_t l = 0; l < r.levers.size(); ++l) {
        for (int c = 0; c < r.cells; ++c) r.levels[l].push_back(r.rows[static_cast<std::size_t>(c) * static_cast<std::size_t>(r.replications)].lever_values[l]);
        std::sort(r.levels[l].begin(), r.levels[l].end());
        r.levels[l].erase(std::unique(r.levels[l].begin(), r.levels[l].end()), r.levels[l].end());
    }
    out.result = std::move(r);
    return out;
}

std::vector<SweepPoint> SweepPoints(const SweepResult& result, int outcome) {
    std::vector<SweepPoint> points;
    if (outcome < 0 || outcome >= static_cast<int>(result.outcomes.size()) || result.levels.empty()) return points;
    const std::size_t nx = result.levels[0].size(), nl = result.levels.size() > 1 ? result.levels[1].size() : 1;
    std::vector<std::vector<double>> groups(nx * nl);
    auto index = [](const std::vector<double>& levels, double v) {
        return static_cast<std::size_t>(std::lower_bound(levels.begin(), levels.end(), v) - levels.begin());
    };
    for (const SweepResult::Row& row : result.rows) {
        const std::size_t x = index(result.levels[0], row.lever_values[0]);
        const std::size_t l = result.levels.size() > 1 ? index(result.levels[1], row.lever_values[1]) : 0;
        groups[x * nl + l].push_back(row.values[static_cast<std::size_t>(outcome)]);
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::vector<double>& v = groups[g];
        if (v.empty()) continue;
        SweepPoint p;
        p.x = static_cast<int>(g / nl);
        p.line = static_cast<int>(g % nl);
        p.n = static_cast<int>(v.size());
        double sum = 0.0;
        for (const double x : v) sum += x;  // task order, so a reader can repeat it exactly
        p.mean = sum / static_cast<double>(v.size());
        p.p05 = Quantile(v, 0.05);
        p.p95 = Quantile(v, 0.95);
        points.push_back(p);
    }
    return points;
}

}  // namespace orgsim
