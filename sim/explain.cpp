// explain.cpp: "Why?": the factors in which two scenarios differ, the hybrids, exact Shapley values
// over every combination run with common random numbers, bootstrap intervals and plain sentences.
//
// [SECTION] index: numbers and words / Shapley values / elementary changes and hybrids / factors
// (dependencies, validation, grouping, names) / by mechanism: players, words / the runs and the
// attribution.
#include "sim/explain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "sim/experiment.h"
#include "sim/rng.h"
#include "sim/stats.h"

namespace orgsim {

int SignificantDecimals(double magnitude, int decimals_at_one) {
    // Comparisons only (no libm): the same text natively and in WebAssembly.
    if (!(magnitude > 0.0)) return 2;
    int d = decimals_at_one;
    double m = magnitude;
    while (m >= 10.0 && d > 0) {
        m /= 10.0;
        --d;
    }
    while (m < 1.0 && d < 6) {
        m *= 10.0;
        ++d;
    }
    return d;
}

namespace {

// ---- [SECTION] numbers and words -------------------------------------------------------------

std::string Num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

bool StartsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

/// "a", "a and b", "a, b and c".
std::string JoinAnd(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += i + 1 == v.size() ? " and " : ", ";
        out += v[i];
    }
    return out;
}

/// A part that starts with a verb ("Moving ...") is lowercased inside a list; a label or a unit name
/// ("IT headcount ...", "Co-location ...") keeps its case.
std::string InList(const std::string& part) {
    static const char* const kVerbs[] = {"Adding ", "Removing ", "Moving ", "Making ", "Giving ", "Reordering "};
    for (const char* v : kVerbs)
        if (StartsWith(part, v)) return static_cast<char>(part[0] - 'A' + 'a') + part.substr(1);
    return part;
}

std::string Compose(const std::vector<std::string>& parts) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < parts.size(); ++i) v.push_back(i == 0 ? parts[i] : InList(parts[i]));
    return JoinAnd(v);
}

/// A lowercase first letter for a label inside a sentence ("Time to market" -> "time to market";
/// "IT-marketing trust" stays).
std::string LowerLabel(const std::string& s) {
    if (s.size() >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
        return static_cast<char>(s[0] - 'A' + 'a') + s.substr(1);
    return s;
}

/// A parameter's value as people read it, as a number and a unit suffix: {"$50k", ""}, {"10%", " of
/// hires"}, {"4", " weeks"}, {"none", ""}, {"full", ""}, {"IT", ""}.
std::pair<std::string, std::string> ParamValueText(ParamId id, double v) {
    const ParamInfo& p = Info(id);
    if (p.kind == ParamKind::Bool) return {v != 0.0 ? "on" : "off", ""};
    if (p.kind == ParamKind::Choice) {
        const std::string o = FormatValue(id, v);
        return {o == "it" ? "IT" : o, ""};
    }
    std::string unit = p.unit;
    const auto paren = unit.find(" (0 = ");
    if (paren != std::string::npos) {  // "weeks (0 = none)": zero reads as the word
        if (v == 0.0) {
            const std::string word = unit.substr(paren + 6, unit.size() - paren - 7);
            return {word == "no" ? "off" : word, ""};
        }
        unit = unit.substr(0, paren);
    }
    if (unit == "thousand USD") return {"$" + Num(v) + "k", ""};
    if (unit == "thousand USD/year") return {"$" + Num(v) + "k", "/year"};
    if (unit == "million USD") return {"$" + Num(v) + "M", ""};
    if (unit == "million USD/year") return {"$" + Num(v) + "M", "/year"};
    if (StartsWith(unit, "share")) return {Num(100.0 * v) + "%", unit.substr(5)};
    static const char* const kNouns[] = {"weeks", "days", "months", "years", "person-weeks", "weeks of tenure"};
    for (const char* n : kNouns)
        if (unit == n) return {Num(v), " " + unit};
    return {Num(v), ""};
}

/// "Business-case threshold $50k -> $500k", "Approval cadence 4 -> 2 weeks", "Shared IT-marketing KPIs on".
std::string ParamPart(ParamId id, double a, double b) {
    const ParamInfo& p = Info(id);
    if (p.kind == ParamKind::Bool) return std::string(p.label) + (b != 0.0 ? " on" : " off");
    const auto x = ParamValueText(id, a), y = ParamValueText(id, b);
    if (x.second == y.second) return std::string(p.label) + " " + x.first + " -> " + y.first + y.second;
    return std::string(p.label) + " " + x.first + x.second + " -> " + y.first + y.second;
}

std::string MechanismPart(Mechanism m, bool on) {
    std::string k = MechanismKey(m);
    k[0] = static_cast<char>(k[0] - 'a' + 'A');
    return k + " mechanism " + (on ? "on" : "off");
}

constexpr int kWeeksPerYear = 52;  ///< calendar: a schedule step at a whole year reads as "from year N"

/// B's lever schedule in words: "Levers changed later: from year 2 (week 52): Shared goals on; week 70: ...".
std::string SchedulePart(const Scenario& b) {
    if (b.schedule.empty()) return "No lever changes after the start";
    std::string out = "Levers changed later: ";
    for (std::size_t i = 0; i < b.schedule.size(); ++i) {
        const LeverStep& step = b.schedule[i];
        out += i ? "; " : "";
        out += step.week % kWeeksPerYear == 0 ? "from year " + std::to_string(step.week / kWeeksPerYear + 1) + " (week " + std::to_string(step.week) + "):"
                                              : "week " + std::to_string(step.week) + ":";
        bool first = true;
        for (const auto& [id, v] : step.set) {
            const ParamInfo& p = Info(id);
            const auto x = ParamValueText(id, v);
            out += (first ? " " : ", ") + std::string(p.label) + " " + (p.kind == ParamKind::Bool ? (v != 0.0 ? "on" : "off") : x.first + x.second);
            first = false;
        }
    }
    return out;
}

const Unit* FindIn(const Scenario& s, const std::string& id) {
    const int i = s.FindUnit(id);
    return i < 0 ? nullptr : &s.units[static_cast<std::size_t>(i)];
}

/// "the CIO" for a unit headed by an executive, else the unit's name.
std::string Who(const Unit& u) {
    if (u.head != Role::None) return std::string("the ") + RoleKey(u.head);
    return u.name.empty() ? u.id : u.name;
}
std::string WhoIn(const Scenario& s, const std::string& id) {
    const Unit* u = FindIn(s, id);
    return u ? Who(*u) : id;
}
std::string Possessive(const std::string& who) { return who + (!who.empty() && who.back() == 's' ? "'" : "'s"); }
std::string UnitName(const Unit& u) { return u.name.empty() ? u.id : u.name; }

/// Signed number with `d` decimals ("+1.3", "-0.25", "0").
std::string Signed(double v, int d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%+.*f", d, v);
    std::string s = buf;
    // "-0.0" and "+0.0" read as "0.0".
    bool zero = true;
    for (char c : s)
        if (c >= '1' && c <= '9') zero = false;
    if (zero) s = s.substr(1);
    return s;
}
// ---- [SECTION] elementary changes and hybrids -------------------------------------------------

bool CommonOrderDiffers(const Scenario& a, const Scenario& b) {
    std::vector<std::string> ca, cb;
    for (const auto& u : a.units)
        if (b.FindUnit(u.id) >= 0) ca.push_back(u.id);
    for (const auto& u : b.units)
        if (a.FindUnit(u.id) >= 0) cb.push_back(u.id);
    return ca != cb;
}

bool LinesDiffer(const Unit& x, const Unit& y) { return x.parent != y.parent || x.dotted != y.dotted; }
bool FieldsDiffer(const Unit& x, const Unit& y) {
    return x.function != y.function || x.head != y.head || x.headcount != y.headcount || x.budget_musd != y.budget_musd;
}

/// Every elementary difference, in the order: units of A (lines, fields or removal), units only in
/// B, the order, parameters in table order, mechanisms.
std::vector<Change> ElementaryChanges(const Scenario& a, const Scenario& b) {
    std::vector<Change> out;
    for (const auto& ua : a.units) {
        const Unit* ub = FindIn(b, ua.id);
        if (!ub) {
            out.push_back({Change::Kind::RemoveUnit, ua.id, ParamId::Count, Mechanism::Demand});
            continue;
        }
        if (LinesDiffer(ua, *ub)) out.push_back({Change::Kind::Lines, ua.id, ParamId::Count, Mechanism::Demand});
        if (FieldsDiffer(ua, *ub)) out.push_back({Change::Kind::Fields, ua.id, ParamId::Count, Mechanism::Demand});
    }
    for (const auto& ub : b.units)
        if (a.FindUnit(ub.id) < 0) out.push_back({Change::Kind::AddUnit, ub.id, ParamId::Count, Mechanism::Demand});
    if (CommonOrderDiffers(a, b)) out.push_back({Change::Kind::UnitOrder, "", ParamId::Count, Mechanism::Demand});
    for (const auto& p : ParamTable())
        if (a.params.Get(p.id) != b.params.Get(p.id)) out.push_back({Change::Kind::Param, "", p.id, Mechanism::Demand});
    for (int m = 0; m < kMechanismCount; ++m)
        if (a.mechanisms[static_cast<std::size_t>(m)] != b.mechanisms[static_cast<std::size_t>(m)])
            out.push_back({Change::Kind::Mechanism, "", ParamId::Count, static_cast<Mechanism>(m)});
    if (!(a.schedule == b.schedule)) out.push_back({Change::Kind::Schedule, "", ParamId::Count, Mechanism::Demand});
    return out;
}

/// The ids of A and B in one sequence: the common units (in A's order, or B's when `b_order`), each
/// followed by the units only in A and then the units only in B that follow it in their own
/// scenario. Filtered to A's units with A's order it is A's order; to B's with B's, B's.
std::vector<std::string> UnionOrder(const Scenario& a, const Scenario& b, bool b_order) {
    std::map<std::string, std::vector<std::string>> after_a, after_b;
    std::vector<std::string> common;
    std::string prev;
    for (const auto& u : a.units) {
        if (b.FindUnit(u.id) >= 0) {
            prev = u.id;
            if (!b_order) common.push_back(u.id);
        } else {
            after_a[prev].push_back(u.id);
        }
    }
    prev.clear();
    for (const auto& u : b.units) {
        if (a.FindUnit(u.id) >= 0) {
            prev = u.id;
            if (b_order) common.push_back(u.id);
        } else {
            after_b[prev].push_back(u.id);
        }
    }
    std::vector<std::string> out;
    auto emit = [&](const std::string& key) {
        for (const auto& id : after_a[key]) out.push_back(id);
        for (const auto& id : after_b[key]) out.push_back(id);
    };
    emit("");
    for (const auto& id : common) {
        out.push_back(id);
        emit(id);
    }
    return out;
}

}  // namespace

const char* FactorKindKey(FactorKind k) {
    switch (k) {
        case FactorKind::OrgChart: return "org_chart";
        case FactorKind::Lever: return "lever";
        case FactorKind::Parameter: return "parameter";
        case FactorKind::Mechanism: return "mechanism";
        case FactorKind::Structure: return "structure";
        case FactorKind::Residual: return "not_structural";
    }
    return "?";
}

const char* MechanismPlainName(Mechanism m) {
    switch (m) {
        case Mechanism::Demand: return "Marketing's flow of ideas";
        case Mechanism::Routing: return "The CMO's choice of route for each idea";
        case Mechanism::Portfolio: return "The CIO's priorities and approvals";
        case Mechanism::Execution: return "How teams deliver the work";
        case Mechanism::Value: return "What launches are worth";
        case Mechanism::Security: return "Security incidents and who is blamed";
        case Mechanism::Trust: return "IT-marketing trust";
        case Mechanism::People: return "Morale, quits and hiring";
        case Mechanism::Executives: return "Executives' pressure and exits";
        case Mechanism::Budget: return "The boss's IT budget decision";
    }
    return "?";
}

std::vector<Mechanism> StructuralMechanisms(const Scenario& a, const Scenario& b) {
    const unsigned diff = StructureDiff(StructureOf(a), StructureOf(b));
    std::vector<Mechanism> out;
    for (int m = 0; m < kMechanismCount; ++m)
        if (StructureReads(static_cast<Mechanism>(m)) & diff) out.push_back(static_cast<Mechanism>(m));
    return out;
}

Scenario Hybrid(const Scenario& a, const Scenario& b, const std::vector<Factor>& f, std::uint32_t mask) {
    Scenario h = a;
    std::set<std::string> lines, fields, add, remove;
    bool order = false, org = false;
    for (std::size_t i = 0; i < f.size() && i < 32; ++i) {
        if (!(mask & (1u << i))) continue;
        for (const Change& c : f[i].changes) {
            switch (c.kind) {
                case Change::Kind::Lines: lines.insert(c.unit); org = true; break;
                case Change::Kind::Fields: fields.insert(c.unit); org = true; break;
                case Change::Kind::AddUnit: add.insert(c.unit); org = true; break;
                case Change::Kind::RemoveUnit: remove.insert(c.unit); org = true; break;
                case Change::Kind::UnitOrder: order = true; org = true; break;
                case Change::Kind::Param: h.params.Set(c.param, b.params.Get(c.param)); break;
                case Change::Kind::Mechanism:
                    h.mechanisms[static_cast<std::size_t>(c.mechanism)] = b.mechanisms[static_cast<std::size_t>(c.mechanism)];
                    break;
                case Change::Kind::Schedule: h.schedule = b.schedule; break;
            }
        }
    }
    if (!org) return h;  // A's org chart exactly
    h.units.clear();
    for (const std::string& id : UnionOrder(a, b, order)) {
        const Unit* ua = FindIn(a, id);
        const Unit* ub = FindIn(b, id);
        if (ua && ub) {
            Unit u = *ua;
            if (lines.count(id)) {
                u.parent = ub->parent;
                u.dotted = ub->dotted;
            }
            if (fields.count(id)) {
                u.name = ub->name;
                u.function = ub->function;
                u.head = ub->head;
                u.headcount = ub->headcount;
                u.budget_musd = ub->budget_musd;
            }
            h.units.push_back(std::move(u));
        } else if (ua) {
            if (!remove.count(id)) h.units.push_back(*ua);
        } else if (ub && add.count(id)) {
            h.units.push_back(*ub);
        }
    }
    return h;
}

// ---- [SECTION] Shapley values -----------------------------------------------------------------

std::vector<double> ShapleyValues(int k, const std::function<double(std::uint32_t mask)>& v) {
    if (k <= 0 || k > 24) return {};
    const std::uint32_t n = 1u << k;
    std::vector<double> worth(n);
    for (std::uint32_t m = 0; m < n; ++m) worth[m] = v(m);
    // w[s] = s! (k - s - 1)! / k! = 1 / (k * C(k - 1, s)); the binomials are exact in a double.
    std::vector<double> w(static_cast<std::size_t>(k));
    double binom = 1.0;  // C(k - 1, s)
    for (int s = 0; s < k; ++s) {
        w[static_cast<std::size_t>(s)] = 1.0 / (static_cast<double>(k) * binom);
        binom = binom * static_cast<double>(k - 1 - s) / static_cast<double>(s + 1);
    }
    std::vector<double> phi(static_cast<std::size_t>(k), 0.0);
    for (int i = 0; i < k; ++i) {
        const std::uint32_t bit = 1u << i;
        double sum = 0.0;
        for (std::uint32_t m = 0; m < n; ++m) {
            if (m & bit) continue;
            int size = 0;
            for (std::uint32_t x = m; x; x &= x - 1) ++size;
            sum += w[static_cast<std::size_t>(size)] * (worth[m | bit] - worth[m]);
        }
        phi[static_cast<std::size_t>(i)] = sum;
    }
    return phi;
}

// ---- [SECTION] factors: dependencies, validation, grouping, names ----------------------------

namespace {

/// A factor while it is being formed: indices into the elementary changes.
struct Draft {
    std::vector<int> changes;  ///< sorted
    FactorKind kind = FactorKind::OrgChart;
    std::string label;         ///< a group's label ("Demand parameters"); empty: named from its parts
};

FactorKind KindOf(const Change& c) {
    switch (c.kind) {
        case Change::Kind::Param: return Info(c.param).group == ParamGroup::Levers ? FactorKind::Lever : FactorKind::Parameter;
        case Change::Kind::Mechanism: return FactorKind::Mechanism;
        case Change::Kind::Schedule: return FactorKind::Lever;
        default: return FactorKind::OrgChart;
    }
}

struct UnionFind {
    std::vector<int> p;
    explicit UnionFind(std::size_t n) : p(n) {
        for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<int>(i);
    }
    int Find(int x) {
        while (p[static_cast<std::size_t>(x)] != x) x = p[static_cast<std::size_t>(x)] = p[static_cast<std::size_t>(p[static_cast<std::size_t>(x)])];
        return x;
    }
    void Join(int x, int y) {
        if (x < 0 || y < 0) return;
        x = Find(x);
        y = Find(y);
        if (x != y) p[static_cast<std::size_t>(std::max(x, y))] = std::min(x, y);
    }
};

std::vector<Factor> ToFactors(const std::vector<Draft>& drafts, const std::vector<Change>& atoms) {
    std::vector<Factor> out;
    for (const Draft& d : drafts) {
        Factor f;
        f.kind = d.kind;
        for (int i : d.changes) f.changes.push_back(atoms[static_cast<std::size_t>(i)]);
        out.push_back(std::move(f));
    }
    return out;
}

/// Merge the drafts whose indices are in `which` into one (at the place of the first), labelled.
void MergeDrafts(std::vector<Draft>& drafts, std::vector<std::size_t> which, const std::string& label) {
    if (which.size() < 2) return;
    std::sort(which.begin(), which.end());
    Draft& into = drafts[which[0]];
    for (std::size_t j = 1; j < which.size(); ++j) {
        const Draft& d = drafts[which[j]];
        into.changes.insert(into.changes.end(), d.changes.begin(), d.changes.end());
    }
    std::sort(into.changes.begin(), into.changes.end());
    into.label = label;
    for (std::size_t j = which.size(); j-- > 1;) drafts.erase(drafts.begin() + static_cast<std::ptrdiff_t>(which[j]));
}

/// Merge the drafts that share a key (keys[i] < 0: leave draft i alone); a merged draft takes the
/// place of its group's first member.
void MergeByKeys(std::vector<Draft>& drafts, const std::vector<int>& keys, const std::function<std::string(int key)>& label) {
    std::map<int, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < drafts.size(); ++i)
        if (keys[i] >= 0) groups[keys[i]].push_back(i);
    std::vector<Draft> out;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (keys[i] < 0 || groups[keys[i]].size() == 1) {
            out.push_back(drafts[i]);
            continue;
        }
        const auto& g = groups[keys[i]];
        if (g[0] != i) continue;
        Draft d = drafts[i];
        for (std::size_t j = 1; j < g.size(); ++j) d.changes.insert(d.changes.end(), drafts[g[j]].changes.begin(), drafts[g[j]].changes.end());
        std::sort(d.changes.begin(), d.changes.end());
        d.label = label(keys[i]);
        out.push_back(std::move(d));
    }
    drafts = std::move(out);
}
void MergeByKey(std::vector<Draft>& drafts, const std::function<int(const Draft&)>& key,
                const std::function<std::string(int key)>& label) {
    std::vector<int> keys;
    for (const auto& d : drafts) keys.push_back(key(d));
    MergeByKeys(drafts, keys, label);
}

/// Org-chart drafts that share a unit become one (transitively).
void MergeByUnit(std::vector<Draft>& drafts, const std::vector<Change>& atoms) {
    const std::size_t n = drafts.size();
    UnionFind uf(n);
    std::map<std::string, int> first;
    for (std::size_t i = 0; i < n; ++i) {
        if (drafts[i].kind != FactorKind::OrgChart) continue;
        for (int c : drafts[i].changes) {
            const std::string& u = atoms[static_cast<std::size_t>(c)].unit;
            if (u.empty()) continue;
            auto it = first.find(u);
            if (it == first.end()) first[u] = static_cast<int>(i);
            else uf.Join(it->second, static_cast<int>(i));
        }
    }
    std::vector<int> keys(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        if (drafts[i].kind == FactorKind::OrgChart) keys[i] = uf.Find(static_cast<int>(i));
    MergeByKeys(drafts, keys, [](int) { return std::string(); });
}

int OrgCount(const std::vector<Draft>& drafts) {
    int n = 0;
    for (const auto& d : drafts) n += d.kind == FactorKind::OrgChart;
    return n;
}

/// The org-chart factors by kind: units added or removed, reporting lines, the rest.
int OrgBucket(const Draft& d, const std::vector<Change>& atoms) {
    if (d.kind != FactorKind::OrgChart) return -1;
    int b = 2;
    for (int c : d.changes) {
        const Change::Kind k = atoms[static_cast<std::size_t>(c)].kind;
        if (k == Change::Kind::AddUnit || k == Change::Kind::RemoveUnit) return 0;
        if (k == Change::Kind::Lines || k == Change::Kind::UnitOrder) b = 1;
    }
    return b;
}

void GroupOrg(std::vector<Draft>& drafts, const std::vector<Change>& atoms, int level) {
    if (level == 0) {
        MergeByUnit(drafts, atoms);
    } else if (level == 1) {
        static const char* const kLabels[] = {"Org chart: units added or removed", "Org chart: reporting lines",
                                              "Org chart: heads, headcounts and budgets"};
        MergeByKey(drafts, [&](const Draft& d) { return OrgBucket(d, atoms); },
                   [](int k) { return std::string(kLabels[k]); });
    } else {
        MergeByKey(drafts, [](const Draft& d) { return d.kind == FactorKind::OrgChart ? 0 : -1; },
                   [](int) { return std::string("All org-chart changes"); });
    }
}

bool Valid(const Scenario& s) { return ValidateScenario(s).empty(); }

/// Merge org-chart drafts until every combination of them is a valid org chart: take the smallest
/// invalid combination and merge it with the fewest other factors that make it valid.
void MergeUntilValid(const Scenario& a, const Scenario& b, std::vector<Draft>& drafts, const std::vector<Change>& atoms) {
    for (;;) {
        std::vector<std::size_t> org;
        for (std::size_t i = 0; i < drafts.size(); ++i)
            if (drafts[i].kind == FactorKind::OrgChart) org.push_back(i);
        const int k = static_cast<int>(org.size());
        if (k <= 1) return;
        std::vector<Draft> only;
        for (std::size_t i : org) only.push_back(drafts[i]);
        const std::vector<Factor> f = ToFactors(only, atoms);
        const std::uint32_t n = 1u << k;
        std::vector<char> ok(n);
        for (std::uint32_t m = 0; m < n; ++m) ok[m] = Valid(Hybrid(a, b, f, m));
        auto popcount = [](std::uint32_t x) {
            int c = 0;
            for (; x; x &= x - 1) ++c;
            return c;
        };
        std::uint32_t bad = 0;
        for (int pc = 1; pc <= k && !bad; ++pc)
            for (std::uint32_t m = 1; m < n && !bad; ++m)
                if (popcount(m) == pc && !ok[m]) bad = m;
        if (!bad) return;
        std::uint32_t fix = n - 1;  // everything (B's org chart) if nothing smaller is valid
        bool found = false;
        for (int pc = popcount(bad) + 1; pc < k && !found; ++pc)
            for (std::uint32_t m = 1; m < n && !found; ++m)
                if ((m & bad) == bad && popcount(m) == pc && ok[m]) {
                    fix = m;
                    found = true;
                }
        std::vector<std::size_t> which;
        for (int i = 0; i < k; ++i)
            if (fix & (1u << i)) which.push_back(org[static_cast<std::size_t>(i)]);
        MergeDrafts(drafts, which, "");
    }
}

/// The parts of a factor's name, one per change or group of alike changes.
std::vector<std::string> Parts(const Scenario& a, const Scenario& b, const std::vector<Change>& changes) {
    std::vector<std::string> parts;
    // Units added, in B's order.
    for (const auto& ub : b.units) {
        bool here = false;
        for (const auto& c : changes) here |= c.kind == Change::Kind::AddUnit && c.unit == ub.id;
        if (!here) continue;
        std::string s = "Adding " + (ub.head != Role::None ? std::string("a ") + RoleKey(ub.head) : UnitName(ub));
        if (!ub.parent.empty()) s += " under " + WhoIn(b, ub.parent);
        if (!ub.dotted.empty()) {
            std::vector<std::string> t;
            for (const auto& d : ub.dotted) t.push_back(WhoIn(b, d));
            s += std::string(" with a dotted line") + (t.size() > 1 ? "s" : "") + " to " + JoinAnd(t);
        }
        parts.push_back(s);
    }
    for (const auto& c : changes)
        if (c.kind == Change::Kind::RemoveUnit) parts.push_back("Removing " + WhoIn(a, c.unit));
    // Moves, grouped by the new parent (in order of first appearance).
    std::vector<std::pair<std::string, std::vector<std::string>>> moves;
    std::vector<std::string> dotted_parts;
    for (const auto& c : changes) {
        if (c.kind != Change::Kind::Lines) continue;
        const Unit* ua = FindIn(a, c.unit);
        const Unit* ub = FindIn(b, c.unit);
        if (!ua || !ub) continue;
        if (ua->parent != ub->parent) {
            auto it = std::find_if(moves.begin(), moves.end(), [&](const auto& m) { return m.first == ub->parent; });
            if (it == moves.end()) moves.push_back({ub->parent, {Who(*ua)}});
            else it->second.push_back(Who(*ua));
        }
        if (ua->dotted != ub->dotted) {
            std::vector<std::string> added, removed;
            for (const auto& d : ub->dotted)
                if (std::find(ua->dotted.begin(), ua->dotted.end(), d) == ua->dotted.end()) added.push_back(WhoIn(b, d));
            for (const auto& d : ua->dotted)
                if (std::find(ub->dotted.begin(), ub->dotted.end(), d) == ub->dotted.end()) removed.push_back(WhoIn(a, d));
            if (!added.empty())
                dotted_parts.push_back("Giving " + Who(*ua) + " a dotted line" + (added.size() > 1 ? "s" : "") + " to " + JoinAnd(added));
            if (!removed.empty())
                dotted_parts.push_back("Removing " + Possessive(Who(*ua)) + " dotted line" + (removed.size() > 1 ? "s" : "") +
                                       " to " + JoinAnd(removed));
            if (added.empty() && removed.empty()) dotted_parts.push_back("Reordering " + Possessive(Who(*ua)) + " dotted lines");
        }
    }
    // "Moving the CIO and the CMO under the CDO"; "Moving the CIO under the CFO and the CMO under the CEO".
    std::vector<std::string> to;
    for (const auto& m : moves) {
        if (m.first.empty()) parts.push_back("Making " + JoinAnd(m.second) + " the top of the org chart");
        else to.push_back(JoinAnd(m.second) + " under " + WhoIn(b, m.first));
    }
    if (!to.empty()) parts.push_back("Moving " + JoinAnd(to));
    parts.insert(parts.end(), dotted_parts.begin(), dotted_parts.end());
    for (const auto& c : changes) {
        if (c.kind != Change::Kind::Fields) continue;
        const Unit* ua = FindIn(a, c.unit);
        const Unit* ub = FindIn(b, c.unit);
        if (!ua || !ub) continue;
        std::vector<std::string> items;
        if (ua->head != ub->head) items.push_back(std::string("head ") + RoleKey(ua->head) + " -> " + RoleKey(ub->head));
        if (ua->function != ub->function)
            items.push_back(std::string("function ") + FunctionKey(ua->function) + " -> " + FunctionKey(ub->function));
        if (ua->headcount != ub->headcount)
            items.push_back("headcount " + std::to_string(ua->headcount) + " -> " + std::to_string(ub->headcount));
        if (ua->budget_musd != ub->budget_musd) items.push_back("budget $" + Num(ua->budget_musd) + "M -> $" + Num(ub->budget_musd) + "M");
        parts.push_back(UnitName(*ua) + " " + JoinAnd(items));
    }
    for (const auto& c : changes)
        if (c.kind == Change::Kind::UnitOrder) parts.push_back("Reordering the org chart's units");
    for (const auto& c : changes)
        if (c.kind == Change::Kind::Param) parts.push_back(ParamPart(c.param, a.params.Get(c.param), b.params.Get(c.param)));
    for (const auto& c : changes)
        if (c.kind == Change::Kind::Mechanism) parts.push_back(MechanismPart(c.mechanism, b.On(c.mechanism)));
    for (const auto& c : changes)
        if (c.kind == Change::Kind::Schedule) parts.push_back(SchedulePart(b));
    return parts;
}

constexpr std::size_t kLongName = 110;

std::string NameOf(const Scenario& a, const Scenario& b, const Draft& d, const std::vector<Change>& atoms) {
    std::vector<Change> ch;
    for (int i : d.changes) ch.push_back(atoms[static_cast<std::size_t>(i)]);
    const std::vector<std::string> parts = Parts(a, b, ch);
    if (parts.empty()) return d.label.empty() ? "No change" : d.label;
    if (d.label.empty()) {
        const std::string all = Compose(parts);
        if (all.size() <= kLongName || parts.size() <= 2) return all;
        return parts[0] + ", " + InList(parts[1]) + " and " + std::to_string(parts.size() - 2) + " other changes";
    }
    if (parts.size() == 1) return parts[0];
    std::vector<std::string> v;
    for (const auto& p : parts) v.push_back(InList(p));
    const std::string all = d.label + ": " + JoinAnd(v);
    if (all.size() <= kLongName) return all;
    return d.label + " (" + std::to_string(parts.size()) + " changes: " + v[0] + ", " + v[1] + " and " +
           std::to_string(parts.size() - 2) + " more)";
}

}  // namespace

std::vector<Factor> DiffFactors(const Scenario& a, const Scenario& b) {
    const std::vector<Change> atoms = ElementaryChanges(a, b);
    const std::size_t n = atoms.size();
    if (n == 0) return {};

    // 1. Changes that cannot exist without each other.
    std::map<std::string, int> lines, fields, add, remove;
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = atoms[i];
        const int ii = static_cast<int>(i);
        if (c.kind == Change::Kind::Lines) lines[c.unit] = ii;
        if (c.kind == Change::Kind::Fields) fields[c.unit] = ii;
        if (c.kind == Change::Kind::AddUnit) add[c.unit] = ii;
        if (c.kind == Change::Kind::RemoveUnit) remove[c.unit] = ii;
    }
    auto at = [](const std::map<std::string, int>& m, const std::string& id) {
        auto it = m.find(id);
        return it == m.end() ? -1 : it->second;
    };
    UnionFind uf(n);
    // A unit added under (or with a dotted line to) a unit only in B; a unit moved to one.
    for (const auto& ub : b.units) {
        const int self = a.FindUnit(ub.id) >= 0 ? at(lines, ub.id) : at(add, ub.id);
        uf.Join(self, at(add, ub.parent));
        for (const auto& d : ub.dotted) uf.Join(self, at(add, d));
    }
    // A unit removed and the units that reported to it (or had a dotted line to it) in A.
    for (const auto& ua : a.units) {
        const int self = b.FindUnit(ua.id) >= 0 ? at(lines, ua.id) : at(remove, ua.id);
        uf.Join(self, at(remove, ua.parent));
        for (const auto& d : ua.dotted) uf.Join(self, at(remove, d));
    }
    // A role that passes from one unit to another; a root that changes.
    auto role_change = [&](const Scenario& s, const Scenario& other, const Unit& u) {
        // The change that gives `u` its role in s (or takes it away): its Fields, or its AddUnit/RemoveUnit.
        return other.FindUnit(u.id) >= 0 ? at(fields, u.id) : (&s == &b ? at(add, u.id) : at(remove, u.id));
    };
    for (int r = 1; r <= static_cast<int>(Role::Ciso); ++r) {
        const int ia = a.UnitOf(static_cast<Role>(r)), ib = b.UnitOf(static_cast<Role>(r));
        if (ia < 0 || ib < 0) continue;
        const Unit& ua = a.units[static_cast<std::size_t>(ia)];
        const Unit& ub = b.units[static_cast<std::size_t>(ib)];
        if (ua.id != ub.id) uf.Join(role_change(a, b, ua), role_change(b, a, ub));
    }
    {
        const Unit* ra = nullptr;
        const Unit* rb = nullptr;
        for (const auto& u : a.units)
            if (u.parent.empty() && !ra) ra = &u;
        for (const auto& u : b.units)
            if (u.parent.empty() && !rb) rb = &u;
        if (ra && rb && ra->id != rb->id) {
            const int x = b.FindUnit(ra->id) >= 0 ? at(lines, ra->id) : at(remove, ra->id);
            const int y = a.FindUnit(rb->id) >= 0 ? at(lines, rb->id) : at(add, rb->id);
            uf.Join(x, y);
        }
    }
    std::vector<Draft> drafts;
    {
        std::map<int, std::size_t> slot;
        for (std::size_t i = 0; i < n; ++i) {
            const int r = uf.Find(static_cast<int>(i));
            auto it = slot.find(r);
            if (it == slot.end()) {
                slot[r] = drafts.size();
                Draft d;
                d.kind = KindOf(atoms[i]);
                d.changes.push_back(static_cast<int>(i));
                drafts.push_back(std::move(d));
            } else {
                drafts[it->second].changes.push_back(static_cast<int>(i));
            }
        }
    }

    // 2. Every combination valid. The search is exponential in the org-chart factors: group them
    // first when there are many.
    constexpr int kMaxSearched = 12;
    for (int level = 0; level < 3 && OrgCount(drafts) > kMaxSearched; ++level) GroupOrg(drafts, atoms, level);
    MergeUntilValid(a, b, drafts, atoms);

    // 3. At most kMaxExplainFactors, grouping what belongs together first.
    auto over = [&] { return drafts.size() > static_cast<std::size_t>(kMaxExplainFactors); };
    if (over()) GroupOrg(drafts, atoms, 0);
    if (over())
        MergeByKey(drafts, [](const Draft& d) { return d.kind == FactorKind::Mechanism ? 0 : -1; },
                   [](int) { return std::string("Mechanisms switched"); });
    if (over())
        MergeByKey(drafts, [&](const Draft& d) {
            if (d.kind != FactorKind::Parameter) return -1;
            return static_cast<int>(Info(atoms[static_cast<std::size_t>(d.changes[0])].param).group);
        }, [](int g) { return std::string(GroupName(static_cast<ParamGroup>(g))) + " parameters"; });
    if (over())
        MergeByKey(drafts, [](const Draft& d) { return d.kind == FactorKind::Parameter ? 0 : -1; },
                   [](int) { return std::string("Model parameters"); });
    if (over()) GroupOrg(drafts, atoms, 1);
    if (over()) GroupOrg(drafts, atoms, 2);
    if (over()) {
        // Levers in table order, in consecutive runs that fill the slots left.
        std::vector<std::size_t> lev;
        for (std::size_t i = 0; i < drafts.size(); ++i)
            if (drafts[i].kind == FactorKind::Lever) lev.push_back(i);
        const std::size_t others = drafts.size() - lev.size();
        const std::size_t slots = static_cast<std::size_t>(kMaxExplainFactors) > others ? kMaxExplainFactors - others : 1;
        const std::size_t per = (lev.size() + slots - 1) / slots;
        for (std::size_t g = (lev.size() + per - 1) / per; g-- > 0;) {
            std::vector<std::size_t> which;
            for (std::size_t j = g * per; j < std::min(lev.size(), (g + 1) * per); ++j) which.push_back(lev[j]);
            MergeDrafts(drafts, which, "Levers");
        }
    }
    // A last check over every combination (grouping keeps validity; this guards the rules above).
    if (drafts.size() <= 16) {
        const std::vector<Factor> f = ToFactors(drafts, atoms);
        bool all_ok = true;
        for (std::uint32_t m = 0; m < (1u << f.size()) && all_ok; ++m) all_ok = Valid(Hybrid(a, b, f, m));
        if (!all_ok) GroupOrg(drafts, atoms, 2);
    }

    // Org-chart factors that add or remove units first, then reporting lines, then the rest (within
    // each, in the order of A's units); then levers, parameters and mechanisms in table order.
    std::stable_sort(drafts.begin(), drafts.end(), [&](const Draft& x, const Draft& y) {
        auto rank = [&](const Draft& d) { return static_cast<int>(d.kind) * 4 + std::max(0, OrgBucket(d, atoms)); };
        if (rank(x) != rank(y)) return rank(x) < rank(y);
        return x.changes.front() < y.changes.front();
    });
    std::vector<Factor> out = ToFactors(drafts, atoms);
    for (std::size_t i = 0; i < out.size(); ++i) out[i].name = NameOf(a, b, drafts[i], atoms);
    return out;
}

// ---- [SECTION] by mechanism: players, words ----------------------------------------------------

namespace {

const char* const kResidualName = "Not structural (headcounts, budgets, levers, units)";

/// "The CIO's priorities and approvals (Portfolio)".
std::string MechanismBarName(Mechanism m) {
    std::string k = MechanismKey(m);
    k[0] = static_cast<char>(k[0] - 'a' + 'A');
    return std::string(MechanismPlainName(m)) + " (" + k + ")";
}

/// The structural facts in which A and B differ, A -> B: "the CIO's boss: the CFO -> the CEO".
std::vector<std::string> StructureChanges(const Structure& a, const Structure& b) {
    std::vector<std::string> out;
    auto boss = [](Role r) { return r == Role::None ? std::string("none") : std::string("the ") + RoleKey(r); };
    auto role = [](const char* label, bool x, bool y) {
        if (x != y) return std::string(label) + (y ? " added" : " removed");
        return std::string();
    };
    const unsigned d = StructureDiff(a, b);
    if (d & kFactCioBoss) out.push_back(std::string(StructureFactLabel(kFactCioBoss)) + ": " + boss(a.cio_boss) + " -> " + boss(b.cio_boss));
    if (d & kFactDistance)
        out.push_back(std::string(StructureFactLabel(kFactDistance)) + ": " + std::to_string(a.distance) + " -> " + std::to_string(b.distance));
    if (d & kFactCdo) out.push_back(role(StructureFactLabel(kFactCdo), a.has_cdo, b.has_cdo));
    if (d & kFactCmt) out.push_back(role(StructureFactLabel(kFactCmt), a.has_cmt, b.has_cmt));
    if (d & kFactCiso) out.push_back(role(StructureFactLabel(kFactCiso), a.has_ciso, b.has_ciso));
    return out;
}

}  // namespace

// ---- [SECTION] the runs and the attribution ---------------------------------------------------

Explainer::Explainer(const Scenario& a, const Scenario& b, std::vector<SeriesId> outcomes, int replications, int weeks,
                     ExplainBy by, bool every_mechanism)
    : outcomes_(std::move(outcomes)), by_(by) {
    a_name_ = a.name;
    b_name_ = b.name;
    seed_ = a.seed;
    replications_ = replications > 0 ? replications : kExplainDefaultReplications;
    weeks_ = weeks > 0 ? weeks : a.horizon_weeks;
    finals_.assign(outcomes_.size(), {});
    auto problems = [](const char* which, const Scenario& s) {
        const auto p = ValidateScenario(s);
        return p.empty() ? std::string() : std::string(which) + " is not valid: " + p[0].where + ": " + p[0].message;
    };
    error_ = problems("A", a);
    if (error_.empty()) error_ = problems("B", b);
    if (error_.empty() && (replications_ > kMaxReplications || weeks_ > kMaxHorizonWeeks))
        error_ = "replications (at most " + std::to_string(kMaxReplications) + ") or weeks (at most " +
                 std::to_string(kMaxHorizonWeeks) + ") out of range";
    if (!error_.empty()) {
        replications_ = 0;
        return;
    }
    // As Experiment prepares its scenarios: A's seed (common random numbers), the common horizon.
    auto prepared = [&](Scenario h) {
        h.seed = a.seed;
        h.horizon_weeks = weeks_;
        h.replications = replications_;
        return h;
    };
    if (by_ == ExplainBy::Factor) {
        factors_ = DiffFactors(a, b);
        const std::uint32_t n = 1u << factors_.size();
        for (std::uint32_t m = 0; m < n; ++m) hybrids_.push_back(prepared(Hybrid(a, b, factors_, m)));
    } else {
        // Players: the mechanisms whose structural inputs differ (or all). Coalition m: B's world in
        // which the players not in m read A's structure; then A itself (the residual's baseline).
        const Structure sa = StructureOf(a), sb = StructureOf(b);
        structure_diff_ = StructureDiff(sa, sb);
        structure_changes_ = StructureChanges(sa, sb);
        if (every_mechanism)
            for (int m = 0; m < kMechanismCount; ++m) mechanisms_.push_back(static_cast<Mechanism>(m));
        else
            mechanisms_ = StructuralMechanisms(a, b);
        for (Mechanism m : mechanisms_) {
            Factor f;
            f.name = MechanismBarName(m);
            f.kind = FactorKind::Structure;
            factors_.push_back(std::move(f));
        }
        Factor residual;
        residual.name = kResidualName;
        residual.kind = FactorKind::Residual;
        factors_.push_back(std::move(residual));
        const std::uint32_t n = 1u << mechanisms_.size();
        const Scenario bp = prepared(b);
        for (std::uint32_t m = 0; m < n; ++m) {
            StructureOverride o;
            o.structure = sa;
            for (std::size_t i = 0; i < mechanisms_.size(); ++i)
                if (!(m & (1u << i))) o.mechanisms |= 1u << static_cast<unsigned>(mechanisms_[i]);
            hybrids_.push_back(bp);
            overrides_.push_back(o);
        }
        hybrids_.push_back(prepared(a));
        overrides_.emplace_back();
    }
    for (auto& per_outcome : finals_) per_outcome.assign(hybrids_.size(), {});
}

const StructureOverride* Explainer::Override(std::size_t run) const {
    return overrides_.empty() ? nullptr : &overrides_[run];
}

double Explainer::Progress() const {
    const long total = Runs();
    if (total <= 0) return 1.0;
    double done = static_cast<double>(runs_done_);
    if (!running_.empty()) done += static_cast<double>(running_[0].Week()) / weeks_;
    return done / static_cast<double>(total);
}

bool Explainer::RunSlice(long max_weeks) {
    long budget = max_weeks;
    const long h = static_cast<long>(hybrids_.size());
    while (!Done() && budget > 0) {
        const long r = runs_done_ / h;
        const std::size_t m = static_cast<std::size_t>(runs_done_ % h);
        if (running_.empty()) running_.emplace_back(hybrids_[m], static_cast<int>(r), Override(m));
        World& w = running_[0];
        const int stepped = w.StepWeeks(static_cast<int>(std::min<long>(budget, 52)));
        budget -= stepped;
        if (!w.Done() && stepped > 0) continue;
        for (std::size_t o = 0; o < outcomes_.size(); ++o) {
            const auto& ser = w.Series(outcomes_[o]);
            finals_[o][m].push_back(ser.empty() ? 0.0 : ser.back());
        }
        running_.clear();
        ++runs_done_;
    }
    return !Done();
}

void Explainer::RunParallel(const ParallelFor& parallel) {
    if (Done()) return;
    running_.clear();  // a slice in progress is rerun from its start (the same world, the same numbers)
    const long h = static_cast<long>(hybrids_.size());
    const long first = runs_done_, n = Runs() - runs_done_;
    std::vector<std::vector<double>> values(static_cast<std::size_t>(n));
    parallel(static_cast<int>(n), [&](int i) {
        const long run = first + i;
        const auto m = static_cast<std::size_t>(run % h);
        World w(hybrids_[m], static_cast<int>(run / h), Override(m));
        w.StepWeeks(weeks_);
        auto& v = values[static_cast<std::size_t>(i)];
        for (SeriesId id : outcomes_) {
            const auto& ser = w.Series(id);
            v.push_back(ser.empty() ? 0.0 : ser.back());
        }
    });
    for (long i = 0; i < n; ++i, ++runs_done_) {  // merged in run order, as RunSlice does
        const std::size_t m = static_cast<std::size_t>(runs_done_ % h);
        for (std::size_t o = 0; o < outcomes_.size(); ++o) finals_[o][m].push_back(values[static_cast<std::size_t>(i)][o]);
    }
}

bool Explainer::Absorb(const Experiment& e) {
    if (!error_.empty() || e.ScenarioCount() != static_cast<int>(hybrids_.size()) || e.FirstReplication() != 0 ||
        e.Replications() != replications_ || e.Weeks() != weeks_)
        return false;
    for (int m = 0; m < e.ScenarioCount(); ++m) {
        if (!(e.GetScenario(m) == hybrids_[static_cast<std::size_t>(m)])) return false;
        // By mechanism the worlds carry structure overrides: the experiment must have run the same.
        const StructureOverride* want = Override(static_cast<std::size_t>(m));
        const StructureOverride* got = e.OverrideOf(m);
        const bool want_any = want && want->mechanisms, got_any = got != nullptr;
        if (want_any != got_any || (want_any && (want->mechanisms != got->mechanisms || want->structure != got->structure))) return false;
    }
    running_.clear();
    const int done = e.Completed();
    for (std::size_t o = 0; o < outcomes_.size(); ++o)
        for (std::size_t m = 0; m < hybrids_.size(); ++m) {
            const std::vector<double>& f = e.Finals(static_cast<int>(m), outcomes_[o]);
            finals_[o][m].assign(f.begin(), f.begin() + done);
        }
    runs_done_ = static_cast<long>(done) * static_cast<long>(hybrids_.size());
    return true;
}

namespace {

constexpr std::uint64_t kBootstrapSeed = 0x5368617065ULL;  // "Shape"

/// One plain sentence about a bar: "Moving the CIO under the CEO explains -1.3 of the -1.4 weeks of
/// time to market (90% interval -1.9 to -0.7)." (By mechanism: "... carries ...".)"
std::string Sentence(const std::string& factor, const char* verb, const FactorEffect& e, double total, SeriesId id, int d) {
    const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(id)];
    const std::string unit = info.unit;
    std::string label = LowerLabel(info.label);
    if (!label.empty() && label.back() == ')') label = label.substr(0, label.rfind(" ("));  // "staff turnover (52 weeks)"
    const bool noun = !(StartsWith(unit, "index") || StartsWith(unit, "share") || unit == "x");
    // "-0.16 security incidents" when the label names its unit; "-1.4 weeks of time to market"; else
    // "-0.24 difference in the shadow share of martech spend (share; ...)".
    const bool named = noun && (" " + label + " ").find(" " + unit + " ") != std::string::npos;
    std::string what = named ? Signed(total, d) + " " + label
                             : noun ? Signed(total, d) + " " + unit + " of " + label : Signed(total, d) + " difference in " + label;
    std::string s;
    if (total != 0.0 && (e.shapley > 0.0) != (total > 0.0)) s = factor + " pulls the other way: " + Signed(e.shapley, d) + " against the " + what;
    else s = factor + " " + verb + " " + Signed(e.shapley, d) + " of the " + what;
    s += " (" + (noun ? std::string() : unit + "; ") + "90% interval " + Signed(e.lo, d) + " to " + Signed(e.hi, d);
    if (e.lo <= 0.0 && e.hi >= 0.0) s += ", which includes zero";
    return s + ").";
}

}  // namespace

Explanation Explainer::Result() const {
    Explanation ex;
    ex.error = error_;
    ex.by = by_;
    ex.a_name = a_name_;
    ex.b_name = b_name_;
    ex.seed = seed_;
    ex.weeks = weeks_;
    ex.factors = factors_;
    ex.mechanisms = mechanisms_;
    ex.structure_diff = structure_diff_;
    ex.structure_changes = structure_changes_;
    if (!error_.empty()) return ex;
    // K bars; k players (by mechanism the last bar is the residual, not a player). The runs of A are
    // those of coalition 0 by factor, the last hybrid by mechanism.
    const bool by_mechanism = by_ == ExplainBy::Mechanism;
    const auto K = factors_.size();
    const int k = static_cast<int>(K) - (by_mechanism ? 1 : 0);
    const std::uint32_t n = 1u << k;
    const std::size_t worlds = hybrids_.size();
    const std::size_t base = by_mechanism ? n : 0;
    const int reps = static_cast<int>(runs_done_ / static_cast<long>(worlds));
    ex.replications = reps;
    const auto R = static_cast<std::size_t>(reps);
    const auto players = static_cast<std::size_t>(k);
    for (std::size_t o = 0; o < outcomes_.size(); ++o) {
        OutcomeExplanation oe;
        oe.id = outcomes_[o];
        oe.finals.assign(worlds, {});
        for (std::size_t m = 0; m < worlds; ++m) oe.finals[m].assign(finals_[o][m].begin(), finals_[o][m].begin() + static_cast<std::ptrdiff_t>(R));
        oe.shapley_by_replication.assign(K, std::vector<double>(R, 0.0));
        std::vector<double> diff(R);
        for (std::size_t r = 0; r < R; ++r) {
            diff[r] = oe.finals[n - 1][r] - oe.finals[base][r];
            const std::vector<double> phi = ShapleyValues(k, [&](std::uint32_t m) { return oe.finals[m][r]; });
            for (std::size_t i = 0; i < players; ++i) oe.shapley_by_replication[i][r] = phi[i];
            if (by_mechanism) oe.shapley_by_replication[K - 1][r] = oe.finals[0][r] - oe.finals[base][r];
        }
        auto mean = [](const std::vector<double>& v) {
            double s = 0.0;
            for (double x : v) s += x;
            return v.empty() ? 0.0 : s / static_cast<double>(v.size());
        };
        oe.a_mean = mean(oe.finals[base]);
        oe.b_mean = mean(oe.finals[n - 1]);
        oe.total = mean(diff);
        oe.factors.resize(K);
        for (std::size_t i = 0; i < K; ++i) {
            oe.factors[i].shapley = mean(oe.shapley_by_replication[i]);
            if (i >= players) {  // the residual: alone is itself
                oe.factors[i].alone = oe.factors[i].shapley;
                continue;
            }
            std::vector<double> alone(R);
            for (std::size_t r = 0; r < R; ++r) alone[r] = oe.finals[1u << i][r] - oe.finals[0][r];
            oe.factors[i].alone = mean(alone);
        }
        // Bootstrap over replications (the same resamples for every bar and the total).
        if (R > 0) {
            Rng rng(MixSeed(kBootstrapSeed, static_cast<std::uint64_t>(oe.id) + 1));
            std::vector<std::vector<double>> boot(K + 1, std::vector<double>(kExplainBootstrapResamples));
            std::vector<std::size_t> pick(R);
            for (int bi = 0; bi < kExplainBootstrapResamples; ++bi) {
                for (auto& p : pick) p = static_cast<std::size_t>(rng.Below(R));
                for (std::size_t i = 0; i <= K; ++i) {
                    const std::vector<double>& src = i < K ? oe.shapley_by_replication[i] : diff;
                    double s = 0.0;
                    for (std::size_t p : pick) s += src[p];
                    boot[i][static_cast<std::size_t>(bi)] = s / static_cast<double>(R);
                }
            }
            for (std::size_t i = 0; i < K; ++i) {
                oe.factors[i].lo = Quantile(boot[i], 0.05);
                oe.factors[i].hi = Quantile(boot[i], 0.95);
            }
            oe.total_lo = Quantile(boot[K], 0.05);
            oe.total_hi = Quantile(boot[K], 0.95);
        }
        // The interaction share is over the players (the residual's alone is its bar).
        double sum_abs = 0.0, sum_alone = 0.0, sum_gap = 0.0, all_abs = 0.0, largest = std::fabs(oe.total);
        for (std::size_t i = 0; i < K; ++i) {
            const FactorEffect& e = oe.factors[i];
            all_abs += std::fabs(e.shapley);
            largest = std::max(largest, std::fabs(e.shapley));
            if (i >= players) continue;
            sum_abs += std::fabs(e.shapley);
            sum_alone += std::fabs(e.alone);
            sum_gap += std::fabs(e.shapley - e.alone);
        }
        const double denom = sum_abs > 0.0 ? sum_abs : sum_alone;
        oe.interaction_share = denom > 0.0 ? sum_gap / denom : 0.0;
        // Sentences: bars of at least a tenth of all the bars' length, largest first.
        std::vector<std::size_t> order(K);
        for (std::size_t i = 0; i < K; ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return std::fabs(oe.factors[x].shapley) > std::fabs(oe.factors[y].shapley);
        });
        const int d = SignificantDecimals(largest, 1);  // two significant figures
        for (std::size_t i : order) {
            const double v = std::fabs(oe.factors[i].shapley);
            if (v > 0.0 && v >= 0.1 * all_abs)
                oe.sentences.push_back(Sentence(factors_[i].name, by_mechanism ? "carries" : "explains", oe.factors[i], oe.total, oe.id, d));
        }
        ex.outcomes.push_back(std::move(oe));
    }
    return ex;
}

Explanation Explain(const Scenario& a, const Scenario& b, const std::vector<SeriesId>& outcomes, int replications, int weeks,
                    const std::function<void(long done, long total)>& progress) {
    Explainer e(a, b, outcomes, replications, weeks);
    long last = -1;
    while (e.RunSlice(52)) {
        if (progress && e.RunsDone() != last) progress(last = e.RunsDone(), e.Runs());
    }
    if (progress) progress(e.RunsDone(), e.Runs());
    return e.Result();
}

Explanation ExplainParallel(const Scenario& a, const Scenario& b, const std::vector<SeriesId>& outcomes, int replications, int weeks,
                            const ParallelFor& parallel) {
    Explainer e(a, b, outcomes, replications, weeks);
    e.RunParallel(parallel);
    return e.Result();
}

Explanation ExplainByMechanism(const Scenario& a, const Scenario& b, const std::vector<SeriesId>& outcomes, int replications,
                               int weeks, const ParallelFor& parallel, bool every_mechanism) {
    Explainer e(a, b, outcomes, replications, weeks, ExplainBy::Mechanism, every_mechanism);
    e.RunParallel(parallel ? parallel : ParallelFor(SerialFor));
    return e.Result();
}

}  // namespace orgsim
