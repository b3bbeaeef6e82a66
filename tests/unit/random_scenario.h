// random_scenario.h: seeded generators of random valid scenarios (random org charts, every parameter
// drawn within its table range and kind, mechanism switches, awkward text) for property tests. Draws
// come from the engine's own Rng (sim/rng.h), so a seed gives the same scenario on every platform.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/params.h"
#include "sim/rng.h"
#include "sim/scenario.h"

namespace orgsim::testing {

/// Bounds of a random scenario (the validator's limits are always respected).
struct RandomScenarioOptions {
    int max_units = 40;             ///< 1 .. kMaxUnits
    bool edge_values = true;        ///< draw range ends, -0.0, denormals and 17-digit numbers too
    std::size_t max_text_bytes = 300;  ///< question/description length cap (the reader allows 4000)
    double changed_param_share = 0.5;  ///< chance that a parameter gets a random value (else its default)
};

/// Pieces random text is made of: ASCII, JSON-special characters (quote, backslash, control
/// characters, U+0000), multi-byte UTF-8 (2, 3 and 4 bytes, U+2028 which JavaScript once refused
/// in strings), and things that look like markup or JSON. All valid UTF-8.
inline const std::vector<std::string>& TextPieces() {
    static const std::vector<std::string> pieces = {
        "a", "Z", "IT", " ", "  ", "Marketing", "0", "-1e5", "_", "/", "~", "~1", "#w=", "&", "%20", "'",
        "\"", "\\", "\\\"", "\\u0041", "\n", "\r\n", "\t", "\b", "\f", std::string(1, '\0'), "\x01", "\x1f", "\x7f",
        "{", "}", "[", "]", ":", ",", "null", "true", "<script>", "\xC3\xA9",  // é
        "\xC3\xBC",                                                             // ü
        "\xC3\x9F",                                                             // ß
        "\xE4\xB8\xAD\xE6\x96\x87",                                             // 中文
        "\xE2\x80\xA8",                                                         // U+2028 line separator
        "\xE2\x86\x92",                                                         // →
        "\xEF\xBB\xBF",                                                         // U+FEFF byte-order mark
        "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9",             // Arabic (right to left)
        "\xF0\x9F\x99\x82",                                                     // 🙂 (4 bytes)
        "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",                         // 👩‍💻 (joined)
        "\xF4\x8F\xBF\xBF",                                                     // U+10FFFF
    };
    return pieces;
}

/// Random valid UTF-8 text of at most `max_bytes` bytes (often empty or short, sometimes exactly
/// `max_bytes` long: the reader's limit).
inline std::string RandomText(Rng& rng, std::size_t max_bytes) {
    const auto& pieces = TextPieces();
    std::string out;
    const std::uint64_t shape = rng.Below(8);
    if (shape == 0) return out;  // empty
    const std::size_t target = shape <= 5 ? static_cast<std::size_t>(rng.Below(24))
                               : shape == 6 ? static_cast<std::size_t>(rng.Below(max_bytes + 1))
                                            : max_bytes;
    while (out.size() < target) {
        const std::string& p = pieces[static_cast<std::size_t>(rng.Below(pieces.size()))];
        if (out.size() + p.size() > max_bytes) break;
        out += p;
    }
    if (shape == 7) out.append(max_bytes - out.size(), 'x');  // exactly at the limit
    return out;
}

/// A random unit id: 1-64 characters of a-z, 0-9 and _ (the validator's alphabet).
inline std::string RandomId(Rng& rng) {
    static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
    const std::uint64_t shape = rng.Below(10);
    const std::size_t len = shape == 0 ? 64 : shape <= 2 ? 1 : static_cast<std::size_t>(1 + rng.Below(12));
    std::string id;
    for (std::size_t i = 0; i < len; ++i) id += kAlphabet[rng.Below(sizeof kAlphabet - 1)];
    return id;
}

/// A random value of a parameter, inside its range and of its kind (integers, option indexes and 0/1
/// switches are whole numbers). With `edge` also the ends of the range, the default, -0.0 (when 0
/// is in range), the neighbours of the ends, 17-digit and short decimal numbers.
inline double RandomParamValue(Rng& rng, ParamId id, bool edge = true) {
    const ParamInfo& p = Info(id);
    double v = p.def;
    if (p.kind != ParamKind::Real) {
        const auto lo = static_cast<std::int64_t>(p.min), hi = static_cast<std::int64_t>(p.max);
        v = static_cast<double>(lo + static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(hi - lo + 1))));
        if (edge && v == 0.0 && rng.Below(4) == 0) v = -0.0;
        return v;
    }
    const std::uint64_t shape = edge ? rng.Below(10) : 9;
    switch (shape) {
        case 0: v = p.min; break;
        case 1: v = p.max; break;
        case 2: v = p.def; break;
        case 3: v = (p.min <= 0.0 && p.max >= 0.0) ? -0.0 : p.min; break;
        case 4: v = std::nextafter(p.min, p.max); break;
        case 5: v = std::nextafter(p.max, p.min); break;
        case 6: {  // a short decimal, as a person would type it
            const double x = p.min + (p.max - p.min) * rng.Uniform01();
            v = std::round(x * 100.0) / 100.0;
            break;
        }
        case 7: v = (p.min <= 0.0 && p.max > 0.0) ? std::numeric_limits<double>::denorm_min() : p.min; break;
        default: v = p.min + (p.max - p.min) * rng.Uniform01(); break;  // 17 significant digits
    }
    if (!(v >= p.min && v <= p.max)) v = p.def;  // rounding stepped outside: the default is valid
    return v;
}

/// A random unit budget, million USD: 0..kMaxUnitBudgetMusd, with edge values.
inline double RandomBudget(Rng& rng, bool edge = true) {
    const std::uint64_t shape = edge ? rng.Below(8) : 7;
    switch (shape) {
        case 0: return 0.0;
        case 1: return -0.0;
        case 2: return kMaxUnitBudgetMusd;
        case 3: return std::numeric_limits<double>::denorm_min();
        case 4: return std::round(rng.Uniform(0.0, 50.0) * 10.0) / 10.0;
        case 5: return 0.1 + 0.2;  // 0.30000000000000004
        default: return rng.Uniform(0.0, kMaxUnitBudgetMusd * rng.Uniform01());
    }
}

/// A random org chart of 1..max_units units: a random tree (the root anywhere in the list), random
/// functions, the CEO and some other executives each heading one unit, headcounts within the unit
/// and total limits, budgets, and dotted lines to any other unit but the solid-line parent.
inline std::vector<Unit> RandomOrgChart(Rng& rng, int max_units, bool edge = true) {
    const int n = 1 + static_cast<int>(rng.Below(static_cast<std::uint64_t>(std::max(1, std::min(max_units, kMaxUnits)))));
    std::vector<Unit> units(static_cast<std::size_t>(n));
    std::set<std::string> ids;
    for (auto& u : units) {
        do u.id = RandomId(rng);
        while (!ids.insert(u.id).second);
        u.name = RandomText(rng, 120);
        u.function = static_cast<Function>(rng.Below(kFunctionCount));
    }
    // A random tree in creation order (each unit's parent was created before it), then shuffled.
    for (int i = 1; i < n; ++i) units[static_cast<std::size_t>(i)].parent = units[rng.Below(static_cast<std::uint64_t>(i))].id;
    for (int i = n - 1; i > 0; --i) std::swap(units[static_cast<std::size_t>(i)], units[rng.Below(static_cast<std::uint64_t>(i + 1))]);
    // Heads: the CEO (usually at the root), each other role with probability 1/2 on a free unit.
    int root = 0;
    for (int i = 0; i < n; ++i)
        if (units[static_cast<std::size_t>(i)].parent.empty()) root = i;
    const int ceo = rng.Below(4) == 0 ? static_cast<int>(rng.Below(static_cast<std::uint64_t>(n))) : root;
    units[static_cast<std::size_t>(ceo)].head = Role::Ceo;
    for (int r = static_cast<int>(Role::Cfo); r <= static_cast<int>(Role::Ciso); ++r) {
        if (rng.Below(2) == 0) continue;
        const int k = static_cast<int>(rng.Below(static_cast<std::uint64_t>(n)));
        if (units[static_cast<std::size_t>(k)].head == Role::None) units[static_cast<std::size_t>(k)].head = static_cast<Role>(r);
    }
    // Headcounts: mostly small, some large, within the unit and the total limits.
    int left = kMaxTotalHeadcount;
    for (auto& u : units) {
        const std::uint64_t shape = rng.Below(10);
        int h = shape == 0 ? 0 : shape <= 7 ? static_cast<int>(rng.Below(300)) : static_cast<int>(rng.Below(kMaxUnitHeadcount + 1));
        if (edge && shape == 9) h = kMaxUnitHeadcount;
        u.headcount = std::min(h, left);
        left -= u.headcount;
        u.budget_musd = RandomBudget(rng, edge);
    }
    // Dotted lines: to other units that are neither the unit itself nor its solid-line parent.
    for (auto& u : units) {
        if (n < 3 || rng.Below(4) != 0) continue;
        const int lines = 1 + static_cast<int>(rng.Below(3));
        for (int k = 0; k < lines; ++k) {
            const std::string& t = units[rng.Below(static_cast<std::uint64_t>(n))].id;
            if (t != u.id && t != u.parent && std::find(u.dotted.begin(), u.dotted.end(), t) == u.dotted.end()) u.dotted.push_back(t);
        }
    }
    return units;
}

/// A random valid scenario from `seed` (ValidateScenario finds no problem and ReadScenario's length
/// limits hold): random org chart, every parameter random within its range and kind, random
/// mechanism switches, awkward names and text, seed/horizon/replications in range.
inline Scenario RandomScenario(std::uint64_t seed, const RandomScenarioOptions& opt = {}) {
    Rng rng(seed);
    Scenario s;
    s.name = RandomText(rng, 200);
    s.question = RandomText(rng, opt.max_text_bytes);
    s.description = RandomText(rng, opt.max_text_bytes);
    const std::uint64_t seed_shape = rng.Below(6);
    s.seed = seed_shape == 0 ? 0 : seed_shape == 1 ? std::numeric_limits<std::uint64_t>::max() : rng.NextU64() >> (rng.Below(64));
    s.horizon_weeks = rng.Below(5) == 0 ? (rng.Below(2) ? 1 : kMaxHorizonWeeks) : 1 + static_cast<int>(rng.Below(kMaxHorizonWeeks));
    s.replications = rng.Below(5) == 0 ? (rng.Below(2) ? 1 : kMaxReplications) : 1 + static_cast<int>(rng.Below(kMaxReplications));
    s.units = RandomOrgChart(rng, opt.max_units, opt.edge_values);
    // Every parameter: some keep the default (so that both "written" and "omitted" occur).
    for (const ParamInfo& p : ParamTable())
        if (rng.Uniform01() < opt.changed_param_share) s.params.Set(p.id, RandomParamValue(rng, p.id, opt.edge_values));
    for (auto& m : s.mechanisms) m = rng.Below(4) != 0;
    // A lever schedule in a third of them (drawn last: the draws above stay as they were).
    if (rng.Below(3) == 0) {
        std::vector<ParamId> levers;
        for (const ParamInfo& p : ParamTable())
            if (p.group == ParamGroup::Levers) levers.push_back(p.id);
        int week = 0;
        const int steps = 1 + static_cast<int>(rng.Below(3));
        for (int k = 0; k < steps && week < kMaxHorizonWeeks - 1; ++k) {
            week += 1 + static_cast<int>(rng.Below(200));
            if (week > kMaxHorizonWeeks - 1) break;
            LeverStep st;
            st.week = week;
            const int n = static_cast<int>(rng.Below(4));
            for (int i = 0; i < n; ++i) {
                const ParamId id = levers[rng.Below(levers.size())];
                bool seen = false;
                for (const auto& [x, v] : st.set) seen = seen || x == id;
                if (!seen) st.set.emplace_back(id, RandomParamValue(rng, id, opt.edge_values));
            }
            s.schedule.push_back(std::move(st));
        }
    }
    return s;
}

/// One line describing a scenario for a failure message.
inline std::string Describe(const Scenario& s) {
    int changed = 0, dotted = 0;
    for (const ParamInfo& p : ParamTable()) changed += s.params.IsDefault(p.id) ? 0 : 1;
    for (const Unit& u : s.units) dotted += static_cast<int>(u.dotted.size());
    int off = 0;
    for (bool m : s.mechanisms) off += m ? 0 : 1;
    std::ostringstream os;
    os << s.units.size() << " units (" << dotted << " dotted lines, " << s.TotalHeadcount() << " employees), " << changed
       << " parameters changed, " << off << " mechanisms off, seed " << s.seed << ", " << s.horizon_weeks << " weeks, "
       << s.replications << " replications, name " << s.name.size() << " bytes";
    return os.str();
}

}  // namespace orgsim::testing
