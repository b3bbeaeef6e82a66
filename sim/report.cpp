// report.cpp: outcome summaries and the plain-words comparison (see report.h).
#include "sim/report.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace orgsim {

namespace {

using Form = OutcomeStyle::Form;
constexpr const char* kEnDash = "\xE2\x80\x93";
constexpr const char* kMinus = "\xE2\x88\x92";
constexpr const char* kLeftQuote = "\xE2\x80\x9C";
constexpr const char* kRightQuote = "\xE2\x80\x9D";

// One entry per SeriesId, in SeriesId order (checked in StyleOf).
const std::array<OutcomeStyle, kSeriesCount> kStyles = {{
    {SeriesId::Revenue, "revenue", Form::Level, 1.0, "$", "M", "a year", "M", "a year", "", "higher", "lower", true},
    {SeriesId::OperatingProfit, "operating profit", Form::Level, 1.0, "$", "M", "a year", "M", "a year", "", "higher",
     "lower", true},
    {SeriesId::CustomerExperience, "customer experience", Form::Level, 1.0, "", "", "index 0\xE2\x80\x93" "100", "",
     "points", "pts", "higher", "lower", true},
    {SeriesId::TimeToMarket, "time to market", Form::Level, 1.0, "", "", "weeks", "", "weeks", "weeks", "longer",
     "shorter", true},
    {SeriesId::Delivered, "initiatives delivered", Form::Count, 1.0, "", "", "initiatives", "", "", "", "more",
     "fewer", false},
    {SeriesId::Rejected, "initiatives rejected or dropped", Form::Count, 1.0, "", "", "initiatives", "", "", "",
     "more", "fewer", false},
    {SeriesId::ShadowShare, "the shadow share of martech spend", Form::Level, 100.0, "", "%", "of martech spend", "",
     "percentage points", "pts", "higher", "lower", true},
    {SeriesId::Fragmentation, "fragmentation", Form::Level, 100.0, "", "%", "of systems unintegrated", "",
     "percentage points", "pts", "higher", "lower", false},
    {SeriesId::Incidents, "security incidents", Form::Count, 1.0, "", "", "incidents", "", "", "", "more", "fewer",
     true},
    {SeriesId::IncidentCost, "incident cost", Form::Level, 1.0, "$", "M", "in total", "M", "", "", "higher", "lower",
     false},
    {SeriesId::ItQueue, "marketing requests waiting for IT", Form::Count, 1.0, "", "", "requests", "", "", "", "more",
     "fewer", false},
    {SeriesId::Trust, "IT\xE2\x80\x93marketing trust", Form::Level, 100.0, "", "", "index 0\xE2\x80\x93" "100", "",
     "points", "pts", "higher", "lower", true},
    {SeriesId::Morale, "morale", Form::Level, 100.0, "", "", "index 0\xE2\x80\x93" "100", "", "points", "pts",
     "higher", "lower", false},
    {SeriesId::Headcount, "people on staff", Form::Count, 1.0, "", "", "people", "", "", "", "more", "fewer", false},
    {SeriesId::Vacancies, "open vacancies", Form::Count, 1.0, "", "", "seats", "", "", "", "more", "fewer", false},
    {SeriesId::TurnoverAnnual, "staff turnover", Form::Level, 100.0, "", "%", "a year", "", "percentage points",
     "pts", "higher", "lower", true},
    {SeriesId::TurnoverIt, "IT turnover", Form::Level, 100.0, "", "%", "a year", "", "percentage points", "pts",
     "higher", "lower", false},
    {SeriesId::TurnoverMarketing, "marketing turnover", Form::Level, 100.0, "", "%", "a year", "",
     "percentage points", "pts", "higher", "lower", false},
    {SeriesId::EffectiveFte, "effective capacity", Form::Level, 1.0, "", "", "FTE", "", "FTE", "FTE", "higher",
     "lower", false},
    {SeriesId::DataCapability, "data-driven capability", Form::Level, 100.0, "", "", "index 0\xE2\x80\x93" "100", "",
     "points", "pts", "higher", "lower", false},
    {SeriesId::Productivity, "productivity", Form::Level, 100.0, "", "%", "of base output", "", "percentage points",
     "pts", "higher", "lower", false},
    {SeriesId::CmoDepartures, "CMO departures", Form::Count, 1.0, "", "", "departures", "", "", "", "more", "fewer",
     false},
    {SeriesId::CioDepartures, "CIO departures", Form::Count, 1.0, "", "", "departures", "", "", "", "more", "fewer",
     false},
    {SeriesId::CmoTenure, "CMO tenure", Form::Level, 1.0, "", "", "years", "", "years", "yrs", "longer", "shorter",
     false},
    {SeriesId::CioTenure, "CIO tenure", Form::Level, 1.0, "", "", "years", "", "years", "yrs", "longer", "shorter",
     false},
    {SeriesId::ItCost, "IT cost", Form::Level, 1.0, "$", "M", "a year", "M", "a year", "", "higher", "lower", false},
    {SeriesId::BudgetVariance, "budget variance", Form::Level, 100.0, "", "%", "of budget", "", "percentage points",
     "pts", "higher", "lower", false},
    {SeriesId::MartechRunCost, "martech run cost", Form::Level, 1.0, "$", "M", "a year", "M", "a year", "", "higher", "lower",
     false},
    {SeriesId::LaunchedWithin26, "the share of ideas launched within 26 weeks", Form::Level, 100.0, "", "%", "of ideas", "",
     "percentage points", "pts", "higher", "lower", false},
    {SeriesId::CmoPressure, "pressure on the CMO", Form::Level, 100.0, "", "", "index (100 = high)", "", "points", "pts", "higher",
     "lower", false},
    {SeriesId::CioPressure, "pressure on the CIO", Form::Level, 100.0, "", "", "index (100 = high)", "", "points", "pts", "higher",
     "lower", false},
    {SeriesId::Contractors, "IT contractors", Form::Level, 1.0, "", "", "FTE", "", "FTE", "FTE", "more", "fewer", false},
    {SeriesId::ApprovalRate, "the approval rate of business cases", Form::Level, 100.0, "", "%", "of cases", "",
     "percentage points", "pts", "higher", "lower", false},
    {SeriesId::MarketingAllocation, "IT's project capacity for marketing", Form::Level, 100.0, "", "%", "of project capacity", "",
     "percentage points", "pts", "higher", "lower", false},
    {SeriesId::MoraleMarketing, "marketing morale", Form::Level, 100.0, "", "", "index 0\xE2\x80\x93" "100", "", "points", "pts",
     "higher", "lower", false},
    {SeriesId::MoraleIt, "IT morale", Form::Level, 100.0, "", "", "index 0\xE2\x80\x93" "100", "", "points", "pts", "higher",
     "lower", false},
}};

std::string WithThousands(const std::string& digits) {
    // digits: an unsigned number, maybe with a decimal part.
    const std::size_t dot = digits.find('.');
    const std::string whole = digits.substr(0, dot);
    std::string out;
    const int n = static_cast<int>(whole.size());
    for (int i = 0; i < n; ++i) {
        out.push_back(whole[static_cast<std::size_t>(i)]);
        const int left = n - 1 - i;
        if (left > 0 && left % 3 == 0) out.push_back(',');
    }
    if (dot != std::string::npos) out += digits.substr(dot);
    return out;
}

std::string Quoted(const std::string& name) { return std::string(kLeftQuote) + name + kRightQuote; }

// "a, b and c" / "a, b or c"
std::string JoinWords(const std::vector<std::string>& words, const char* last) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? std::string(" ") + last + " " : std::string(", ");
        out += words[i];
    }
    return out;
}

std::string Spaced(const char* words) { return *words ? std::string(" ") + words : std::string(); }

// sign + prefix + |v| + suffix; the sign of a number that rounds to zero is `zero`.
std::string Signed(const OutcomeStyle& st, double v, int decimals, const char* positive, const char* zero,
                   const char* suffix) {
    if (!std::isfinite(v)) return "\xE2\x80\x94";
    const std::string n = FormatNumber(std::fabs(v), decimals);
    const bool nonzero = n.find_first_of("123456789") != std::string::npos;
    return std::string(!nonzero ? zero : v < 0.0 ? kMinus : positive) + st.prefix + n + suffix;
}

Sentence ClearSentence(const Comparison& c, const OutcomeRow& row, int i) {
    const OutcomeStyle& st = StyleOf(row.id);
    const Summary& d = row.diff[static_cast<std::size_t>(i)];
    Sentence s;
    s.scenario = i;
    s.id = row.id;
    s.clear = true;
    s.key = st.key;
    s.better = row.versus_baseline[static_cast<std::size_t>(i)];
    const bool up = d.mean > 0.0;
    s.amount = std::fabs(d.mean) * st.scale;
    s.lo = (up ? d.ci_lo : -d.ci_hi) * st.scale;
    s.hi = (up ? d.ci_hi : -d.ci_lo) * st.scale;
    s.decimals = DisplayDecimals(s.amount);
    s.share_same_way = up ? d.share_pos : d.share_neg;
    s.share_other_way = up ? d.share_neg : d.share_pos;
    auto num = [&](double v) { return std::string(st.prefix) + FormatNumber(v, s.decimals) + st.diff_suffix; };
    const std::string range = " (95% confidence: " + num(s.lo) + kEnDash + num(s.hi) + ")";
    // How often: the share of futures that go the mean's way; where many futures tie (rare events),
    // the other way too, so "fewer in 6% of futures" is not read as "more in 94%".
    std::string often = "; " + std::string(up ? st.up : st.down) + " in " + FormatPercent(s.share_same_way) + " of futures";
    if (1.0 - s.share_same_way - s.share_other_way >= 0.1)
        often += s.share_other_way == 0.0 ? ", never " + std::string(up ? st.down : st.up) + ", the same in the rest"
                                          : ", " + std::string(up ? st.down : st.up) + " in " + FormatPercent(s.share_other_way) + ", the same in the rest";
    const std::string with = "With " + Quoted(c.names[static_cast<std::size_t>(i)]) + ", ";
    if (st.form == Form::Count)
        s.text = with + "there are " + num(s.amount) + " " + (up ? st.up : st.down) + " " + st.noun + range + often + ".";
    else
        s.text = with + st.noun + " is " + num(s.amount) + Spaced(st.diff_unit) + " " + (up ? st.up : st.down) + range + often + ".";
    return s;
}

}  // namespace

const OutcomeStyle& StyleOf(SeriesId id) {
    const OutcomeStyle& s = kStyles[static_cast<std::size_t>(id)];
    return s;
}

const std::vector<SeriesId>& KeyOutcomes() {
    static const std::vector<SeriesId> kKey = {SeriesId::TimeToMarket, SeriesId::OperatingProfit, SeriesId::Revenue,
                                               SeriesId::ShadowShare,  SeriesId::Incidents,       SeriesId::TurnoverAnnual,
                                               SeriesId::Trust,        SeriesId::CustomerExperience};
    return kKey;
}

const std::vector<SeriesId>& OutcomesByImportance() {
    static const std::vector<SeriesId> kOrder = [] {
        std::vector<SeriesId> v = KeyOutcomes();
        const SeriesId rest[] = {SeriesId::LaunchedWithin26, SeriesId::Delivered,      SeriesId::Fragmentation,     SeriesId::IncidentCost,
                                 SeriesId::ItCost,         SeriesId::MartechRunCost,    SeriesId::Morale,            SeriesId::TurnoverIt,
                                 SeriesId::TurnoverMarketing, SeriesId::CmoDepartures, SeriesId::CioDepartures,
                                 SeriesId::CmoTenure,      SeriesId::CioTenure,         SeriesId::DataCapability,
                                 SeriesId::Productivity,   SeriesId::Rejected,          SeriesId::ItQueue,
                                 SeriesId::EffectiveFte,   SeriesId::Headcount,         SeriesId::Vacancies,
                                 SeriesId::BudgetVariance, SeriesId::CmoPressure,  SeriesId::CioPressure,
                                 SeriesId::Contractors,    SeriesId::ApprovalRate, SeriesId::MarketingAllocation,
                                 SeriesId::MoraleMarketing, SeriesId::MoraleIt};
        v.insert(v.end(), std::begin(rest), std::end(rest));
        return v;
    }();
    return kOrder;
}

int DisplayDecimals(double magnitude) {
    const double m = std::fabs(magnitude);
    if (!(m < 1e300)) return 0;
    if (m >= 100.0) return 0;
    if (m >= 1.0) return 1;
    if (m >= 0.1) return 2;
    return 3;
}

std::string FormatNumber(double v, int decimals) {
    if (!std::isfinite(v)) return "\xE2\x80\x94";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
    std::string digits = WithThousands(buf);
    bool zero = true;
    for (const char ch : digits)
        if (ch >= '1' && ch <= '9') zero = false;
    return (v < 0.0 && !zero ? std::string(kMinus) : std::string()) + digits;
}

std::string FormatOutcome(SeriesId id, double raw) {
    return FormatOutcome(id, raw, DisplayDecimals(raw * StyleOf(id).scale));
}

std::string FormatOutcome(SeriesId id, double raw, int decimals) {
    const OutcomeStyle& st = StyleOf(id);
    return Signed(st, raw * st.scale, decimals, "", "", st.suffix);
}

std::string FormatPercent(double share) {
    if (share > 0.0 && share < 0.005) return "<1%";
    if (share < 1.0 && share > 0.995) return ">99%";
    return FormatNumber(share * 100.0, 0) + "%";
}

std::string FormatDifference(SeriesId id, double raw) {
    return FormatDifference(id, raw, DisplayDecimals(raw * StyleOf(id).scale));
}

std::string FormatDifference(SeriesId id, double raw, int decimals) {
    const OutcomeStyle& st = StyleOf(id);
    const double v = raw * st.scale;
    if (!std::isfinite(v)) return "\xE2\x80\x94";
    // No difference at all reads "0 weeks", not "±0.000 weeks"; a difference that rounds to zero keeps
    // its decimals and reads "±0.0".
    if (v == 0.0) return Signed(st, 0.0, 0, "", "", st.diff_suffix) + Spaced(st.diff_short);
    return Signed(st, v, decimals, "+", "\xC2\xB1", st.diff_suffix) + Spaced(st.diff_short);
}

const OutcomeRow& Comparison::Row(SeriesId id) const {
    for (const OutcomeRow& r : rows)
        if (r.id == id) return r;
    return rows.front();
}

Comparison Compare(const Experiment& ex) {
    Comparison c;
    c.scenarios = ex.ScenarioCount();
    c.replications = ex.Replications();
    c.completed = ex.Completed();
    for (int i = 0; i < c.scenarios; ++i) {
        const std::string& name = ex.GetScenario(i).name;
        c.names.push_back(name.empty() ? std::string("Scenario ") + static_cast<char>('A' + i) : name);
    }
    const bool enough = c.completed >= 2;
    for (const SeriesId id : OutcomesByImportance()) {
        const bool higher_better = SeriesTable()[static_cast<std::size_t>(id)].higher_is_better;
        OutcomeRow row;
        row.id = id;
        for (int i = 0; i < c.scenarios; ++i) {
            row.value.push_back(ex.Outcome(i, id));
            row.diff.push_back(i == 0 ? orgsim::Summary{} : ex.PairedDifference(i, id));
            const Summary& d = row.diff.back();
            int vs = 0;
            if (i > 0 && enough && (d.ci_lo > 0.0 || d.ci_hi < 0.0)) vs = ((d.mean > 0.0) == higher_better) ? 1 : -1;
            row.versus_baseline.push_back(vs);
            row.better_share.push_back(higher_better ? d.share_pos : d.share_neg);
            row.worse_share.push_back(higher_better ? d.share_neg : d.share_pos);
        }
        bool any_clear = false;
        for (int i = 1; i < c.scenarios; ++i) any_clear = any_clear || row.Clear(i);
        if (any_clear) {
            row.best = 0;
            for (int i = 1; i < c.scenarios; ++i) {
                if (!row.Clear(i)) continue;
                const double a = row.value[static_cast<std::size_t>(i)].mean;
                const double b = row.value[static_cast<std::size_t>(row.best)].mean;
                if (higher_better ? a > b : a < b) row.best = i;
            }
        }
        c.rows.push_back(std::move(row));
    }
    if (!enough) return c;
    for (int i = 1; i < c.scenarios; ++i) {
        std::vector<std::string> unclear;
        SeriesId first_unclear = SeriesId::Revenue;
        for (const OutcomeRow& row : c.rows) {
            if (row.Clear(i)) {
                c.sentences.push_back(ClearSentence(c, row, i));
            } else if (StyleOf(row.id).key) {
                if (unclear.empty()) first_unclear = row.id;
                unclear.push_back(StyleOf(row.id).noun);
            }
        }
        if (!unclear.empty()) {
            Sentence s;
            s.scenario = i;
            s.id = first_unclear;
            s.clear = false;
            s.key = true;
            const bool all = unclear.size() == KeyOutcomes().size();
            s.text = "With " + Quoted(c.names[static_cast<std::size_t>(i)]) + ", no clear difference in " +
                     (all ? std::string("any key outcome") : JoinWords(unclear, "or")) + ".";
            c.sentences.push_back(std::move(s));
        }
    }
    return c;
}

std::vector<const Sentence*> ShortSummary(const Comparison& c, int scenario, int max_clear) {
    std::vector<const Sentence*> out;
    const Sentence* none = nullptr;
    // Key outcomes first, then other clear differences while there is room.
    for (const bool key : {true, false})
        for (const Sentence& s : c.sentences) {
            if (s.scenario != scenario) continue;
            if (!s.clear)
                none = &s;
            else if (s.key == key && static_cast<int>(out.size()) < max_clear)
                out.push_back(&s);
        }
    if (none) out.push_back(none);
    return out;
}

}  // namespace orgsim
