// scenario.cpp: the scenario JSON reader (every problem, with its JSON pointer) and writer.
#include "sim/scenario.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/json_util.h"

namespace orgsim {

using nlohmann::json;

namespace {
constexpr const char* kFormat = "orgsim-scenario/1";

const char* kFunctionKeys[kFunctionCount] = {"executive", "it",         "marketing", "digital",  "finance",
                                             "operations", "analytics", "security",  "martech", "other"};
const char* kRoleKeys[] = {"none", "CEO", "CFO", "COO", "CIO", "CMO", "CDO", "CMT", "CISO"};

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

/// Collects problems while walking the document.
class Reader {
public:
    std::vector<Problem> problems;
    std::vector<Problem> notices;

    void Add(const std::string& where, const std::string& msg) { problems.push_back({where.empty() ? "/" : where, msg}); }

    void CheckKeys(const json& obj, const std::string& at, const std::set<std::string>& allowed) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (!allowed.count(it.key())) {
                std::string list;
                for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
                Add(at + "/" + JsonPointerToken(it.key()), "unknown key " + Quote(it.key()) + " (allowed: " + list + ")");
            }
        }
    }

    bool String(const json& obj, const std::string& at, const char* key, std::string& out, bool required,
                std::size_t max_len = 4000) {
        auto it = obj.find(key);
        const std::string p = at + "/" + key;
        if (it == obj.end()) {
            if (required) Add(p, std::string("missing required key \"") + key + "\"");
            return false;
        }
        if (!it->is_string()) {
            Add(p, "must be a string, found " + JsonTypeName(*it));
            return false;
        }
        out = it->get<std::string>();
        if (out.size() > max_len) {
            Add(p, "is " + std::to_string(out.size()) + " characters long; the limit is " + std::to_string(max_len));
            return false;
        }
        return true;
    }

    bool Integer(const json& obj, const std::string& at, const char* key, long long lo, long long hi, long long& out,
                 bool required, const char* unit) {
        auto it = obj.find(key);
        const std::string p = at + "/" + key;
        if (it == obj.end()) {
            if (required) Add(p, std::string("missing required key \"") + key + "\"");
            return false;
        }
        long long v = 0;
        if (it->is_number_unsigned()) {
            const auto u = it->get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(hi)) {
                Add(p, std::to_string(u) + " " + unit + " is outside the range " + std::to_string(lo) + " to " +
                           std::to_string(hi));
                return false;
            }
            v = static_cast<long long>(u);
        } else if (it->is_number_integer()) {
            v = it->get<long long>();
        } else if (it->is_number_float()) {
            const double d = it->get<double>();
            if (d != std::floor(d)) {
                Add(p, "must be a whole number, found " + it->dump());
                return false;
            }
            if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
                Add(p, it->dump() + " " + unit + " is outside the range " + std::to_string(lo) + " to " +
                           std::to_string(hi));
                return false;
            }
            v = static_cast<long long>(d);
        } else {
            Add(p, "must be an integer, found " + JsonTypeName(*it));
            return false;
        }
        if (v < lo || v > hi) {
            Add(p, std::to_string(v) + " " + unit + " is outside the range " + std::to_string(lo) + " to " +
                       std::to_string(hi));
            return false;
        }
        out = v;
        return true;
    }

    bool Number(const json& obj, const std::string& at, const char* key, double lo, double hi, double& out,
                bool required, const char* unit) {
        auto it = obj.find(key);
        const std::string p = at + "/" + key;
        if (it == obj.end()) {
            if (required) Add(p, std::string("missing required key \"") + key + "\"");
            return false;
        }
        if (!it->is_number()) {
            Add(p, "must be a number, found " + JsonTypeName(*it));
            return false;
        }
        const double v = it->get<double>();
        if (!(v >= lo && v <= hi)) {
            std::ostringstream os;
            os << it->dump() << " " << unit << " is outside the range " << lo << " to " << hi;
            Add(p, os.str());
            return false;
        }
        out = v;
        return true;
    }
};

bool ValidId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string Num(double v) {
    std::ostringstream os;
    os.precision(17);
    os << v;
    return os.str();
}
}  // namespace

const char* MechanismKey(Mechanism m) {
    static const char* const kKeys[kMechanismCount] = {"demand", "routing", "portfolio", "execution", "value",
                                                       "security", "trust", "people", "executives", "budget"};
    return kKeys[static_cast<int>(m)];
}

int Scenario::UnitOf(Role role) const {
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i].head == role) return static_cast<int>(i);
    return -1;
}

Role Scenario::BossOf(Role role) const {
    const int u = UnitOf(role);
    if (u < 0) return Role::None;
    // Walk up until a unit with an executive head (a team without one belongs to its parent's head).
    std::string p = units[static_cast<std::size_t>(u)].parent;
    for (int guard = 0; guard < kMaxUnits && !p.empty(); ++guard) {
        const int pi = FindUnit(p);
        if (pi < 0) return Role::None;
        if (units[static_cast<std::size_t>(pi)].head != Role::None) return units[static_cast<std::size_t>(pi)].head;
        p = units[static_cast<std::size_t>(pi)].parent;
    }
    return Role::None;
}

const char* FunctionKey(Function f) { return kFunctionKeys[static_cast<int>(f)]; }
std::optional<Function> FunctionFromKey(const std::string& key) {
    for (int i = 0; i < kFunctionCount; ++i)
        if (key == kFunctionKeys[i]) return static_cast<Function>(i);
    return std::nullopt;
}
const char* RoleKey(Role r) { return kRoleKeys[static_cast<int>(r)]; }
std::optional<Role> RoleFromKey(const std::string& key) {
    for (int i = 0; i < 9; ++i)
        if (key == kRoleKeys[i]) return static_cast<Role>(i);
    return std::nullopt;
}

bool Unit::operator==(const Unit& o) const {
    return id == o.id && name == o.name && function == o.function && head == o.head && parent == o.parent &&
           dotted == o.dotted && headcount == o.headcount && budget_musd == o.budget_musd;
}

bool LeverStep::operator==(const LeverStep& o) const {
    if (week != o.week || set.size() != o.set.size()) return false;
    auto a = set, b = o.set;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

bool Scenario::operator==(const Scenario& o) const {
    return name == o.name && question == o.question && description == o.description && seed == o.seed &&
           horizon_weeks == o.horizon_weeks && replications == o.replications && units == o.units && params == o.params &&
           mechanisms == o.mechanisms && schedule == o.schedule;
}

int Scenario::TotalHeadcount() const {
    int n = 0;
    for (const auto& u : units) n += u.headcount;
    return n;
}

int Scenario::FindUnit(const std::string& id) const {
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i].id == id) return static_cast<int>(i);
    return -1;
}

std::string ReadResult::Report() const {
    std::string out;
    for (const auto& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

std::vector<Problem> ValidateScenario(const Scenario& s) {
    std::vector<Problem> out;
    auto add = [&](std::string w, std::string m) { out.push_back({std::move(w), std::move(m)}); };
    if (s.units.empty()) add("/org/units", "the org chart has no units");
    if (static_cast<int>(s.units.size()) > kMaxUnits)
        add("/org/units", std::to_string(s.units.size()) + " units is more than the maximum " + std::to_string(kMaxUnits));
    if (s.horizon_weeks < 1 || s.horizon_weeks > kMaxHorizonWeeks)
        add("/horizon_weeks", std::to_string(s.horizon_weeks) + " weeks is outside the range 1 to " +
                                  std::to_string(kMaxHorizonWeeks) + " (20 years)");
    if (s.replications < 1 || s.replications > kMaxReplications)
        add("/replications", std::to_string(s.replications) + " is outside the range 1 to " + std::to_string(kMaxReplications));

    if (static_cast<int>(s.schedule.size()) > kMaxScheduleSteps)
        add("/schedule", std::to_string(s.schedule.size()) + " steps is more than the maximum " + std::to_string(kMaxScheduleSteps));
    for (std::size_t i = 0; i < s.schedule.size(); ++i) {
        const LeverStep& st = s.schedule[i];
        const std::string at = "/schedule/" + std::to_string(i);
        if (st.week < 1 || st.week >= kMaxHorizonWeeks)
            add(at + "/week", std::to_string(st.week) + " is outside the range 1 to " + std::to_string(kMaxHorizonWeeks - 1));
        else if (i > 0 && st.week <= s.schedule[i - 1].week)
            add(at + "/week", "week " + std::to_string(st.week) + " does not come after the step before (week " +
                                  std::to_string(s.schedule[i - 1].week) + "): steps go by increasing week");
        std::set<ParamId> seen;
        for (const auto& [id, v] : st.set) {
            if (!seen.insert(id).second) add(at + "/levers/" + Info(id).key, std::string(Info(id).key) + " is set twice in one step");
            Params check;
            if (Info(id).group != ParamGroup::Levers) add(at + "/levers/" + Info(id).key, std::string(Info(id).key) + " is not a lever");
            else if (std::string err = check.Set(id, v); !err.empty()) add(at + "/levers/" + Info(id).key, err);
        }
    }

    std::map<std::string, int> index;
    long long total = 0;
    std::map<Role, int> role_seen;
    for (std::size_t i = 0; i < s.units.size(); ++i) {
        const Unit& u = s.units[i];
        const std::string at = "/org/units/" + std::to_string(i);
        if (!ValidId(u.id)) add(at + "/id", "unit id " + Quote(u.id) + " must be 1-64 characters of a-z, 0-9 and _");
        else if (index.count(u.id)) add(at + "/id", "unit id " + Quote(u.id) + " is used twice (also /org/units/" + std::to_string(index[u.id]) + ")");
        else index[u.id] = static_cast<int>(i);
        if (u.headcount < 0 || u.headcount > kMaxUnitHeadcount)
            add(at + "/headcount", std::to_string(u.headcount) + " employees is outside the range 0 to " + std::to_string(kMaxUnitHeadcount));
        total += u.headcount;
        if (!(u.budget_musd >= 0.0 && u.budget_musd <= kMaxUnitBudgetMusd))
            add(at + "/budget_musd", Num(u.budget_musd) + " million USD is outside the range 0 to " + Num(kMaxUnitBudgetMusd));
        if (u.head != Role::None) {
            if (role_seen.count(u.head))
                add(at + "/head", std::string("role ") + RoleKey(u.head) + " already heads /org/units/" + std::to_string(role_seen[u.head]));
            else role_seen[u.head] = static_cast<int>(i);
        }
    }
    if (total > kMaxTotalHeadcount)
        add("/org/units", std::to_string(total) + " employees in all is more than the maximum " + std::to_string(kMaxTotalHeadcount));
    if (!s.units.empty() && !role_seen.count(Role::Ceo)) add("/org/units", "no unit is headed by the CEO");

    // Parents: exactly one root (no parent), every parent exists, no cycles.
    int roots = 0;
    for (std::size_t i = 0; i < s.units.size(); ++i) {
        const Unit& u = s.units[i];
        const std::string at = "/org/units/" + std::to_string(i);
        if (u.parent.empty()) {
            ++roots;
            if (roots > 1) add(at + "/parent", "unit " + Quote(u.id) + " has no parent, but another unit is already the root");
        } else if (!index.count(u.parent)) {
            std::string who = u.head != Role::None ? std::string(RoleKey(u.head)) + " (unit " + Quote(u.id) + ")" : "unit " + Quote(u.id);
            add(at + "/parent", who + " reports to " + Quote(u.parent) + ", which does not exist");
        } else if (u.parent == u.id) {
            add(at + "/parent", "unit " + Quote(u.id) + " reports to itself");
        }
        for (std::size_t d = 0; d < u.dotted.size(); ++d) {
            const std::string& t = u.dotted[d];
            if (!index.count(t)) add(at + "/dotted/" + std::to_string(d), "dotted line to " + Quote(t) + ", which does not exist");
            else if (t == u.id) add(at + "/dotted/" + std::to_string(d), "unit " + Quote(u.id) + " has a dotted line to itself");
            else if (t == u.parent) add(at + "/dotted/" + std::to_string(d), "dotted line to " + Quote(t) + " duplicates the solid line");
        }
    }
    if (!s.units.empty() && roots == 0) add("/org/units", "no root unit: every unit has a parent, so the reporting lines form a cycle");
    // Cycle detection along solid lines.
    std::set<std::string> reported;
    for (std::size_t i = 0; i < s.units.size(); ++i) {
        std::vector<std::string> path;
        std::set<std::string> on_path;
        std::string cur = s.units[i].id;
        while (!cur.empty() && index.count(cur)) {
            if (on_path.count(cur)) {
                // Report the cycle once, listing its members from its first repeated unit.
                auto start = std::find(path.begin(), path.end(), cur);
                std::vector<std::string> cyc(start, path.end());
                std::vector<std::string> key = cyc;
                std::sort(key.begin(), key.end());
                std::string k;
                for (auto& c : key) k += c + ",";
                if (!reported.count(k) && cyc.size() > 1) {
                    reported.insert(k);
                    std::string desc;
                    for (auto& c : cyc) desc += c + " -> ";
                    desc += cur;
                    add("/org/units/" + std::to_string(index[cur]) + "/parent", "reporting cycle: " + desc);
                }
                break;
            }
            on_path.insert(cur);
            path.push_back(cur);
            const Unit& u = s.units[static_cast<std::size_t>(index[cur])];
            if (u.parent == u.id) break;
            cur = u.parent;
        }
    }
    return out;
}

/// The levers of an object {lever: value} (values as a scenario writes them: an option's name, true or
/// false, a number in the table's range); each is handed to `set`, which returns an error or "".
template <class Set>
void ReadLevers(Reader& r, const json& obj, const std::string& base, Set set) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string at = base + "/" + JsonPointerToken(it.key());
        auto id = FindParam(it.key());
        if (!id || Info(*id).group != ParamGroup::Levers) {
            std::string list;
            for (const auto& p : ParamTable())
                if (p.group == ParamGroup::Levers) list += (list.empty() ? "" : ", ") + std::string(p.key);
            r.Add(at, "unknown lever " + Quote(it.key()) + " (levers: " + list + ")");
            continue;
        }
        const ParamInfo& info = Info(*id);
        if (info.kind == ParamKind::Choice) {
            const auto opts = Options(*id);
            std::string list;
            for (const auto& o : opts) list += (list.empty() ? "" : ", ") + o;
            if (!it->is_string()) {
                r.Add(at, "must be one of " + list + ", found " + JsonTypeName(*it));
                continue;
            }
            const int k = OptionIndex(*id, it->get<std::string>());
            if (k < 0) r.Add(at, Quote(it->get<std::string>()) + " is not one of " + list);
            else if (std::string err = set(*id, k); !err.empty()) r.Add(at, err);
        } else if (info.kind == ParamKind::Bool) {
            if (!it->is_boolean()) r.Add(at, "must be true or false, found " + JsonTypeName(*it));
            else if (std::string err = set(*id, it->get<bool>() ? 1.0 : 0.0); !err.empty()) r.Add(at, err);
        } else {
            if (!it->is_number()) {
                r.Add(at, "must be a number (" + std::string(info.unit) + "), found " + JsonTypeName(*it));
                continue;
            }
            std::string err = set(*id, it->get<double>());
            if (!err.empty()) r.Add(at, err);
        }
    }
}

ReadResult ReadScenario(const std::string& text) {
    ReadResult result;
    Reader r;
    std::optional<json> parsed = ParseJsonText(text, kMaxScenarioBytes, result.problems);
    if (!parsed) return result;
    const json& doc = *parsed;
    if (!doc.is_object()) {
        r.Add("/", "a scenario must be a JSON object, found " + JsonTypeName(doc));
        result.problems = r.problems;
        return result;
    }
    Scenario s;
    r.CheckKeys(doc, "", {"format", "name", "question", "description", "seed", "horizon_weeks", "replications", "org", "levers",
                        "parameters", "mechanisms", "schedule"});
    std::string format;
    if (r.String(doc, "", "format", format, true) && format != kFormat)
        r.Add("/format", "unsupported format " + Quote(format) + " (expected " + Quote(kFormat) + ")");
    r.String(doc, "", "name", s.name, true, 200);
    r.String(doc, "", "question", s.question, false);
    r.String(doc, "", "description", s.description, false);
    long long v = 0;
    if (auto it = doc.find("seed"); it != doc.end()) {
        if (it->is_number_unsigned()) s.seed = it->get<std::uint64_t>();
        else if (it->is_number_integer()) r.Add("/seed", "must be a non-negative integer, found " + it->dump());
        else r.Add("/seed", "must be a non-negative integer, found " + JsonTypeName(*it));
    }
    if (r.Integer(doc, "", "horizon_weeks", 1, kMaxHorizonWeeks, v, false, "weeks")) s.horizon_weeks = static_cast<int>(v);
    if (r.Integer(doc, "", "replications", 1, kMaxReplications, v, false, "replications")) s.replications = static_cast<int>(v);

    bool units_ok = false;
    auto org = doc.find("org");
    if (org == doc.end()) {
        r.Add("/org", "missing required key \"org\"");
    } else if (!org->is_object()) {
        r.Add("/org", "must be an object, found " + JsonTypeName(*org));
    } else {
        r.CheckKeys(*org, "/org", {"units"});
        auto units = org->find("units");
        if (units == org->end()) {
            r.Add("/org/units", "missing required key \"units\"");
        } else if (!units->is_array()) {
            r.Add("/org/units", "must be an array, found " + JsonTypeName(*units));
        } else if (units->size() > static_cast<std::size_t>(kMaxUnits)) {
            r.Add("/org/units", std::to_string(units->size()) + " units is more than the maximum " + std::to_string(kMaxUnits));
        } else {
            units_ok = true;
            for (std::size_t i = 0; i < units->size(); ++i) {
                const json& ju = (*units)[i];
                const std::string at = "/org/units/" + std::to_string(i);
                if (!ju.is_object()) {
                    r.Add(at, "a unit must be an object, found " + JsonTypeName(ju));
                    units_ok = false;
                    continue;
                }
                r.CheckKeys(ju, at, {"id", "name", "function", "head", "parent", "dotted", "headcount", "budget_musd"});
                Unit u;
                r.String(ju, at, "id", u.id, true, 64);
                r.String(ju, at, "name", u.name, true, 120);
                std::string f;
                if (r.String(ju, at, "function", f, true)) {
                    if (auto fn = FunctionFromKey(f)) u.function = *fn;
                    else {
                        std::string list;
                        for (auto k : kFunctionKeys) list += (list.empty() ? "" : ", ") + std::string(k);
                        r.Add(at + "/function", "unknown function " + Quote(f) + " (one of: " + list + ")");
                    }
                }
                std::string h;
                if (r.String(ju, at, "head", h, false)) {
                    if (auto role = RoleFromKey(h)) u.head = *role;
                    else r.Add(at + "/head", "unknown role " + Quote(h) + " (one of: none, CEO, CFO, COO, CIO, CMO, CDO, CMT, CISO)");
                }
                if (auto p = ju.find("parent"); p != ju.end()) {
                    if (p->is_null()) u.parent.clear();
                    else if (p->is_string()) u.parent = p->get<std::string>();
                    else r.Add(at + "/parent", "must be a unit id (string) or null, found " + JsonTypeName(*p));
                } else {
                    r.Add(at + "/parent", "missing required key \"parent\" (null for the root)");
                }
                if (auto d = ju.find("dotted"); d != ju.end()) {
                    if (!d->is_array()) r.Add(at + "/dotted", "must be an array of unit ids, found " + JsonTypeName(*d));
                    else
                        for (std::size_t k = 0; k < d->size(); ++k) {
                            if ((*d)[k].is_string()) u.dotted.push_back((*d)[k].get<std::string>());
                            else r.Add(at + "/dotted/" + std::to_string(k), "must be a unit id (string), found " + JsonTypeName((*d)[k]));
                        }
                }
                if (r.Integer(ju, at, "headcount", 0, kMaxUnitHeadcount, v, true, "employees")) u.headcount = static_cast<int>(v);
                r.Number(ju, at, "budget_musd", 0.0, kMaxUnitBudgetMusd, u.budget_musd, false, "million USD");
                s.units.push_back(u);
            }
        }
    }

    if (auto jl = doc.find("levers"); jl != doc.end()) {
        if (!jl->is_object()) r.Add("/levers", "must be an object of lever: value, found " + JsonTypeName(*jl));
        else ReadLevers(r, *jl, "/levers", [&](ParamId id, double x) { return s.params.Set(id, x); });
    }

    if (auto js = doc.find("schedule"); js != doc.end()) {
        if (!js->is_array()) {
            r.Add("/schedule", "must be an array of {\"week\": W, \"levers\": {...}}, found " + JsonTypeName(*js));
        } else if (js->size() > static_cast<std::size_t>(kMaxScheduleSteps)) {
            r.Add("/schedule", std::to_string(js->size()) + " steps is more than the maximum " + std::to_string(kMaxScheduleSteps));
        } else {
            for (std::size_t i = 0; i < js->size(); ++i) {
                const json& step = (*js)[i];
                const std::string at = "/schedule/" + std::to_string(i);
                if (!step.is_object()) {
                    r.Add(at, "a step must be an object {\"week\": W, \"levers\": {...}}, found " + JsonTypeName(step));
                    continue;
                }
                r.CheckKeys(step, at, {"week", "levers"});
                LeverStep ls;
                if (r.Integer(step, at, "week", 1, kMaxHorizonWeeks - 1, v, true, "weeks")) ls.week = static_cast<int>(v);
                auto jl = step.find("levers");
                if (jl == step.end()) r.Add(at + "/levers", "missing required key \"levers\"");
                else if (!jl->is_object()) r.Add(at + "/levers", "must be an object of lever: value, found " + JsonTypeName(*jl));
                else
                    ReadLevers(r, *jl, at + "/levers", [&](ParamId id, double x) {
                        Params check;
                        std::string err = check.Set(id, x);
                        if (err.empty()) ls.set.emplace_back(id, x);
                        return err;
                    });
                s.schedule.push_back(std::move(ls));
            }
        }
    }

    if (auto jp = doc.find("parameters"); jp != doc.end()) {
        if (!jp->is_object()) {
            r.Add("/parameters", "must be an object of key: number, found " + JsonTypeName(*jp));
        } else {
            for (auto it = jp->begin(); it != jp->end(); ++it) {
                const std::string at = "/parameters/" + JsonPointerToken(it.key());
                auto id = FindParam(it.key());
                if (const char* why = RemovedParamReason(it.key()); !id && why != nullptr) {
                    r.notices.push_back({at, "parameter " + Quote(it.key()) + " was removed in Model 2 and its value is ignored: " + why});
                    continue;
                }
                if (!id) {
                    r.Add(at, "unknown parameter " + Quote(it.key()) + " (see docs/parameters.md or `orgsim params`)");
                    continue;
                }
                if (Info(*id).group == ParamGroup::Levers) {
                    r.Add(at, Quote(it.key()) + " is a lever: set it under /levers");
                    continue;
                }
                if (!it->is_number()) {
                    r.Add(at, "must be a number, found " + JsonTypeName(*it));
                    continue;
                }
                std::string err = s.params.Set(*id, it->get<double>());
                if (!err.empty()) r.Add(at, err);
            }
        }
    }

    if (auto jm = doc.find("mechanisms"); jm != doc.end()) {
        if (!jm->is_object()) {
            r.Add("/mechanisms", "must be an object of mechanism: true/false, found " + JsonTypeName(*jm));
        } else {
            for (auto it = jm->begin(); it != jm->end(); ++it) {
                const std::string at = "/mechanisms/" + JsonPointerToken(it.key());
                int found = -1;
                for (int m = 0; m < kMechanismCount; ++m)
                    if (it.key() == MechanismKey(static_cast<Mechanism>(m))) found = m;
                if (found < 0) {
                    std::string list;
                    for (int m = 0; m < kMechanismCount; ++m)
                        list += (m ? ", " : "") + std::string(MechanismKey(static_cast<Mechanism>(m)));
                    r.Add(at, "unknown mechanism " + Quote(it.key()) + " (one of: " + list + ")");
                } else if (!it->is_boolean()) {
                    r.Add(at, "must be true or false, found " + JsonTypeName(*it));
                } else {
                    s.mechanisms[static_cast<std::size_t>(found)] = it->get<bool>();
                }
            }
        }
    }

    // Org-chart rules run on whatever units were read, so that every problem is listed at once; a
    // pointer the reader already reported (a missing id, say) is not reported twice.
    if (units_ok) {
        std::set<std::string> seen;
        for (const auto& p : r.problems) seen.insert(p.where);
        for (auto& p : ValidateScenario(s)) {
            if (seen.count(p.where) || p.where == "/horizon_weeks" || p.where == "/replications") continue;
            r.problems.push_back(p);
        }
    }

    result.problems = std::move(r.problems);
    result.notices = std::move(r.notices);
    if (result.problems.empty()) result.scenario = std::move(s);
    return result;
}

namespace {
/// A lever's value as a scenario writes it: an option's name, true/false, or the number.
json LeverJson(ParamId id, double v) {
    const ParamInfo& p = Info(id);
    if (p.kind == ParamKind::Choice) return Options(id)[static_cast<std::size_t>(v)];
    if (p.kind == ParamKind::Bool) return v != 0.0;
    return v;
}
}  // namespace

std::string WriteScenario(const Scenario& s) {
    json doc = json::object();
    doc["format"] = kFormat;
    doc["name"] = s.name;
    if (!s.question.empty()) doc["question"] = s.question;
    if (!s.description.empty()) doc["description"] = s.description;
    doc["seed"] = s.seed;
    doc["horizon_weeks"] = s.horizon_weeks;
    doc["replications"] = s.replications;
    json units = json::array();
    for (const auto& u : s.units) {
        json ju = json::object();
        ju["id"] = u.id;
        ju["name"] = u.name;
        ju["function"] = FunctionKey(u.function);
        if (u.head != Role::None) ju["head"] = RoleKey(u.head);
        ju["parent"] = u.parent.empty() ? json(nullptr) : json(u.parent);
        if (!u.dotted.empty()) ju["dotted"] = u.dotted;
        ju["headcount"] = u.headcount;
        ju["budget_musd"] = u.budget_musd;
        units.push_back(std::move(ju));
    }
    doc["org"] = json{{"units", units}};
    json levers = json::object();
    json params = json::object();
    for (const auto& p : ParamTable()) {
        const double v = s.params.Get(p.id);
        if (p.group == ParamGroup::Levers) {
            levers[p.key] = LeverJson(p.id, v);
        } else if (!s.params.IsDefault(p.id)) {
            params[p.key] = v;
        }
    }
    doc["levers"] = levers;
    if (!params.empty()) doc["parameters"] = params;
    if (!s.schedule.empty()) {
        json steps = json::array();
        for (const LeverStep& st : s.schedule) {
            json set = json::object();
            for (const auto& [id, v] : st.set) set[Info(id).key] = LeverJson(id, v);
            steps.push_back(json{{"week", st.week}, {"levers", set}});
        }
        doc["schedule"] = steps;
    }
    json mech = json::object();
    for (int m = 0; m < kMechanismCount; ++m)
        if (!s.mechanisms[static_cast<std::size_t>(m)]) mech[MechanismKey(static_cast<Mechanism>(m))] = false;
    if (!mech.empty()) doc["mechanisms"] = mech;
    return doc.dump(2) + "\n";
}

std::string ScenarioJsonSchema() {
    json levers = json::object(), params = json::object(), mechs = json::object();
    for (const auto& p : ParamTable()) {
        json prop = {{"title", p.label}, {"description", std::string(p.doc) + " Unit: " + p.unit + ". Source: " + p.source + "."}};
        if (p.kind == ParamKind::Choice) {
            prop["enum"] = Options(p.id);
            prop["default"] = Options(p.id)[static_cast<std::size_t>(p.def)];
        } else if (p.kind == ParamKind::Bool) {
            prop["type"] = "boolean";
            prop["default"] = p.def != 0.0;
        } else {
            prop["type"] = p.kind == ParamKind::Integer ? "integer" : "number";
            prop["minimum"] = p.min;
            prop["maximum"] = p.max;
            prop["default"] = p.def;
        }
        (p.group == ParamGroup::Levers ? levers : params)[p.key] = prop;
    }
    for (int m = 0; m < kMechanismCount; ++m)
        mechs[MechanismKey(static_cast<Mechanism>(m))] = {{"type", "boolean"}, {"default", true}};
    std::vector<std::string> functions(kFunctionKeys, kFunctionKeys + kFunctionCount);
    std::vector<std::string> roles(kRoleKeys, kRoleKeys + 9);
    json unit = {
        {"type", "object"},
        {"additionalProperties", false},
        {"required", {"id", "name", "function", "parent", "headcount"}},
        {"properties",
         {{"id", {{"type", "string"}, {"pattern", "^[a-z0-9_]{1,64}$"}}},
          {"name", {{"type", "string"}, {"maxLength", 120}}},
          {"function", {{"enum", functions}}},
          {"head", {{"enum", roles}, {"description", "Executive role heading the unit; each role heads at most one unit."}}},
          {"parent", {{"type", {"string", "null"}}, {"description", "Solid-line parent unit id; null for the single root."}}},
          {"dotted", {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "Dotted-line parent unit ids."}}},
          {"headcount", {{"type", "integer"}, {"minimum", 0}, {"maximum", kMaxUnitHeadcount}}},
          {"budget_musd", {{"type", "number"}, {"minimum", 0}, {"maximum", kMaxUnitBudgetMusd}, {"description", "Annual budget, million USD."}}}}}};
    json schema = {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", "orgsim-scenario/1"},
        {"title", "OrgSim scenario"},
        {"description", "An organisation (org chart), its levers and parameters, and how to run it. Generated by `orgsim schema` from the parameter table; do not edit by hand. Rules a schema cannot express (no reporting cycles, parents exist, at most 50000 employees in all) are checked by `orgsim validate`."},
        {"type", "object"},
        {"additionalProperties", false},
        {"required", {"format", "name", "org"}},
        {"properties",
         {{"format", {{"const", kFormat}}},
          {"name", {{"type", "string"}, {"maxLength", 200}}},
          {"question", {{"type", "string"}, {"description", "The question the scenario answers."}}},
          {"description", {{"type", "string"}, {"description", "One-paragraph rationale."}}},
          {"seed", {{"type", "integer"}, {"minimum", 0}}},
          {"horizon_weeks", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxHorizonWeeks}}},
          {"replications", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxReplications}}},
          {"org", {{"type", "object"}, {"additionalProperties", false}, {"required", {"units"}},
                   {"properties", {{"units", {{"type", "array"}, {"minItems", 1}, {"maxItems", kMaxUnits}, {"items", unit}}}}}}},
          {"levers", {{"type", "object"}, {"additionalProperties", false}, {"properties", levers}}},
          {"parameters", {{"type", "object"}, {"additionalProperties", false}, {"properties", params}}},
          {"schedule", {{"type", "array"}, {"maxItems", kMaxScheduleSteps},
                        {"description", "Lever changes during the run, by increasing week: from `week` weeks on, the levers named take these values (a class's rounds; a policy that starts later)."},
                        {"items", {{"type", "object"}, {"additionalProperties", false}, {"required", {"week", "levers"}},
                                   {"properties", {{"week", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxHorizonWeeks - 1}}},
                                                   {"levers", {{"type", "object"}, {"additionalProperties", false}, {"properties", levers}}}}}}}}},
          {"mechanisms", {{"type", "object"}, {"additionalProperties", false}, {"properties", mechs},
                          {"description", "Switch a mechanism off (false) for tests or to attribute a difference."}}}}}};
    return schema.dump(2) + "\n";
}

}  // namespace orgsim
