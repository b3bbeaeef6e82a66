// report.h: what an Experiment says, for people: per outcome and scenario the mean and 90% interval,
// the paired difference against the baseline with the 95% confidence interval of its mean and the
// share of futures in which the alternative is better, which scenario is clearly better, and
// plain-words sentences ("With “CIO reports to the CEO”, time to market is 1.3 weeks shorter (95%
// confidence: 1.0–1.5); shorter in 87% of futures.").
// The CLI's `compare` and the app's dashboard and comparison view all read this one summary, so
// they say the same thing. Standard C++ only.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/stats.h"
#include "sim/world.h"

namespace orgsim {

/// How an outcome is put into numbers and words. Display value = raw value x scale (shares become
/// per cent, 0-1 indexes become 0-100 points).
struct OutcomeStyle {
    enum class Form {
        Level,  ///< "time to market is 6.1 weeks shorter"
        Count,  ///< "there are 2.1 fewer security incidents"
    };
    SeriesId id;
    const char* noun;         ///< in a sentence: "time to market", "security incidents"
    Form form;
    double scale;             ///< raw -> display
    const char* prefix;       ///< before every number: "$" for money, else ""
    const char* suffix;       ///< after a value: "M" (million), "%" (shares), ""
    const char* unit;         ///< words after a value on a card: "a year", "weeks", "index 0–100"
    const char* diff_suffix;  ///< after a difference's number: "M" for money, else ""
    const char* diff_unit;    ///< words after a difference in a sentence: "weeks", "percentage points"
    const char* diff_short;   ///< the same, short, for cards and table cells: "weeks", "pts", ""
    const char* up;           ///< a positive difference: "longer", "higher", "more"
    const char* down;         ///< a negative difference: "shorter", "lower", "fewer"
    bool key;                 ///< one of the eight key outcomes (cards, sentences first)
};

/// The style of an outcome (every SeriesId has one).
const OutcomeStyle& StyleOf(SeriesId id);
/// Every outcome in order of importance: the eight key outcomes first (time to market, operating
/// profit, revenue, shadow share, incidents, turnover, trust, customer experience), then the rest.
const std::vector<SeriesId>& OutcomesByImportance();
/// The eight key outcomes, most important first.
const std::vector<SeriesId>& KeyOutcomes();

/// Decimals that show a magnitude (display units) with 2-3 significant figures: 0 from 10 up, 1
/// from 1, 2 from 0.1, 3 below.
int DisplayDecimals(double magnitude);
/// A number with `decimals` decimals and thousands separators ("1,250", "6.1"); a negative number
/// gets a minus sign (U+2212), and "-0.0" prints as "0.0".
std::string FormatNumber(double v, int decimals);
/// A raw outcome value as people read it: "$251M", "18.2%", "14.3" (unit words not included).
std::string FormatOutcome(SeriesId id, double raw);
/// The same with a fixed number of decimals (a row of values printed alike).
std::string FormatOutcome(SeriesId id, double raw, int decimals);
/// A share as whole per cents: "87%"; "<1%" and ">99%" rather than a misleading 0% or 100%.
std::string FormatPercent(double share);
/// A raw paired difference, signed, short: "+6.1 weeks", "−8.2 pts", "+$3.2M", "−2.1".
std::string FormatDifference(SeriesId id, double raw);
std::string FormatDifference(SeriesId id, double raw, int decimals);

/// One outcome across the compared scenarios.
struct OutcomeRow {
    SeriesId id = SeriesId::Revenue;
    std::vector<Summary> value;  ///< per scenario: final value over replications (raw units)
    std::vector<Summary> diff;   ///< per scenario: paired difference against scenario 0 (diff[0] is zero)
    /// Per scenario: +1 clearly better than the baseline, -1 clearly worse, 0 not clear (always 0
    /// for the baseline). Clear = the 95% confidence interval of the mean paired difference
    /// excludes zero (diff[i].ci_lo > 0 or diff[i].ci_hi < 0).
    std::vector<int> versus_baseline;
    /// Per scenario: the share of futures (paired replications) in which it is better than the
    /// baseline, and worse (the rest are ties); 0 for the baseline.
    std::vector<double> better_share, worse_share;
    /// The scenario with the best mean among the baseline and the alternatives that differ clearly
    /// from it; -1 when no alternative differs clearly (then nothing is marked).
    int best = -1;
    bool Clear(int i) const { return versus_baseline[static_cast<std::size_t>(i)] != 0; }
};

/// One plain-words sentence about an alternative.
struct Sentence {
    int scenario = 1;          ///< the alternative it is about (>= 1)
    SeriesId id = SeriesId::Revenue;  ///< the outcome (for "no clear difference" the first one named)
    bool clear = false;        ///< false: the "no clear difference in ..." sentence
    bool key = false;          ///< about a key outcome
    int better = 0;            ///< +1 better, -1 worse, 0 (not clear)
    std::string text;
    // The numbers in the text, in display units and as printed (for tests and tooltips).
    double amount = 0.0, lo = 0.0, hi = 0.0;  ///< |mean| and the 95% confidence interval of |mean|
    int decimals = 0;
    /// Shares of futures in which the difference goes the mean's way and the other way (0-1).
    double share_same_way = 0.0, share_other_way = 0.0;
};

/// The comparison of every scenario of an Experiment against its first (the baseline).
struct Comparison {
    int scenarios = 0;
    int replications = 0;          ///< target
    int completed = 0;             ///< finished for every scenario
    std::vector<std::string> names;  ///< scenario names ("" becomes "Scenario B", ...)
    std::vector<OutcomeRow> rows;  ///< OutcomesByImportance() order
    /// For each alternative in turn: a sentence per clear difference (importance order), then one
    /// "no clear difference in ..." sentence naming the key outcomes that are not clear.
    std::vector<Sentence> sentences;
    const OutcomeRow& Row(SeriesId id) const;
};

/// Summarise an Experiment (finished or not: what has completed so far). With fewer than two
/// finished replications nothing is called clear.
Comparison Compare(const Experiment& ex);
/// The sentences about one alternative, key outcomes only and at most `max_clear` clear ones,
/// followed by its "no clear difference" sentence (for a short summary).
std::vector<const Sentence*> ShortSummary(const Comparison& c, int scenario, int max_clear);

}  // namespace orgsim
