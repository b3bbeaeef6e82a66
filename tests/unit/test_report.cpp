// test_report.cpp: sim/report: the outcome styles, number formatting, and the comparison of a real
// Experiment (default vs the CIO reporting to the CEO): the numbers in the sentences are the paired
// differences, the wording follows their sign, and "better" follows higher_is_better.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "sim/report.h"
#include "tests/unit/fixtures.h"

using namespace orgsim;

namespace {

// The comparison used by several tests: run once.
const Experiment& DefaultVsCeo() {
    static Experiment* ex = [] {
        auto* e = new Experiment({testing::Default(), testing::Preset("cio_reports_to_ceo.json")}, 30, 0, false);
        e->RunAll();
        return e;
    }();
    return *ex;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report: one style per outcome, in SeriesId order; importance order is a permutation, key first") {
    for (int k = 0; k < kSeriesCount; ++k) {
        const auto id = static_cast<SeriesId>(k);
        CHECK(StyleOf(id).id == id);
        CHECK(SeriesTable()[static_cast<std::size_t>(k)].id == id);
        CHECK(StyleOf(id).scale > 0.0);
    }
    const auto& order = OutcomesByImportance();
    REQUIRE(order.size() == static_cast<std::size_t>(kSeriesCount));
    CHECK(std::set<SeriesId>(order.begin(), order.end()).size() == order.size());
    const auto& key = KeyOutcomes();
    REQUIRE(key.size() == 8);
    CHECK(key.front() == SeriesId::TimeToMarket);
    for (std::size_t i = 0; i < order.size(); ++i) CHECK(StyleOf(order[i]).key == (i < key.size()));
}

TEST_CASE("report: numbers are rounded to 2-3 significant figures with separators and a real minus") {
    CHECK(DisplayDecimals(251.3) == 0);
    CHECK(DisplayDecimals(14.26) == 1);
    CHECK(DisplayDecimals(6.14) == 1);
    CHECK(DisplayDecimals(0.456) == 2);
    CHECK(DisplayDecimals(0.0123) == 3);
    CHECK(FormatNumber(1234.6, 0) == "1,235");
    CHECK(FormatNumber(1234567.25, 1) == "1,234,567.2");
    CHECK(FormatNumber(-2.5, 1) == "\xE2\x88\x92" "2.5");
    CHECK(FormatNumber(-0.04, 1) == "0.0");
    CHECK(FormatOutcome(SeriesId::Revenue, 251.3) == "$251M");
    CHECK(FormatOutcome(SeriesId::ShadowShare, 0.1824) == "18.2%");
    CHECK(FormatOutcome(SeriesId::Trust, 0.456) == "45.6");
    CHECK(FormatDifference(SeriesId::TimeToMarket, -6.14) == "\xE2\x88\x92" "6.1 weeks");
    CHECK(FormatDifference(SeriesId::OperatingProfit, 3.21) == "+$3.2M");
    CHECK(FormatDifference(SeriesId::ShadowShare, -0.082) == "\xE2\x88\x92" "8.2 pts");
    CHECK(FormatDifference(SeriesId::Incidents, 0.0) == "0");
    CHECK(FormatDifference(SeriesId::TimeToMarket, 0.0) == "0 weeks");
    CHECK(FormatDifference(SeriesId::TimeToMarket, 0.004) == "+0.004 weeks");
    CHECK(FormatDifference(SeriesId::TimeToMarket, 0.0004) == "\xC2\xB1" "0.000 weeks");
}

TEST_CASE("report: rows hold each scenario's outcome and the paired difference of the Experiment") {
    const Experiment& ex = DefaultVsCeo();
    const Comparison c = Compare(ex);
    REQUIRE(c.scenarios == 2);
    CHECK(c.completed == 30);
    CHECK(c.names[1] == ex.GetScenario(1).name);
    REQUIRE(c.rows.size() == static_cast<std::size_t>(kSeriesCount));
    for (const OutcomeRow& row : c.rows) {
        const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(row.id)];
        for (int i = 0; i < 2; ++i) {
            CHECK(row.value[static_cast<std::size_t>(i)].mean == ex.Outcome(i, row.id).mean);
            CHECK(row.value[static_cast<std::size_t>(i)].lo == ex.Outcome(i, row.id).lo);
        }
        const Summary d = ex.PairedDifference(1, row.id);
        CHECK(row.diff[1].mean == d.mean);
        CHECK(row.versus_baseline[0] == 0);
        const bool clear = d.lo > 0.0 || d.hi < 0.0;
        CHECK(row.Clear(1) == clear);
        if (clear) {
            // Better follows higher_is_better and the sign of the difference.
            const int expected = (d.mean > 0.0) == info.higher_is_better ? 1 : -1;
            CHECK(row.versus_baseline[1] == expected);
            CHECK(row.best == (expected > 0 ? 1 : 0));
        } else {
            CHECK(row.best == -1);
        }
    }
}

TEST_CASE("report: sentences quote the paired differences and say shorter/longer, more/fewer by sign") {
    const Experiment& ex = DefaultVsCeo();
    const Comparison c = Compare(ex);
    int clear_count = 0;
    bool saw_shadow = false;
    for (const Sentence& s : c.sentences) {
        REQUIRE(s.scenario == 1);
        CHECK(Contains(s.text, "\xE2\x80\x9C" + ex.GetScenario(1).name + "\xE2\x80\x9D"));
        if (!s.clear) {
            CHECK(Contains(s.text, "no clear difference in"));
            continue;
        }
        ++clear_count;
        const OutcomeStyle& st = StyleOf(s.id);
        const Summary d = ex.PairedDifference(1, s.id);
        INFO(s.text);
        // The numbers printed are |mean| and the interval of the paired difference, rounded.
        CHECK(s.amount == doctest::Approx(std::fabs(d.mean) * st.scale));
        const int dec = DisplayDecimals(s.amount);
        CHECK(Contains(s.text, std::string(st.prefix) + FormatNumber(std::fabs(d.mean) * st.scale, dec) + st.diff_suffix));
        const double lo = d.mean > 0 ? d.lo : -d.hi, hi = d.mean > 0 ? d.hi : -d.lo;
        CHECK(Contains(s.text, "(90%: " + std::string(st.prefix) + FormatNumber(lo * st.scale, dec) + st.diff_suffix +
                                   "\xE2\x80\x93" + st.prefix + FormatNumber(hi * st.scale, dec) + st.diff_suffix + ")"));
        CHECK(lo > 0.0);
        // The word follows the sign.
        const std::string word = std::string(" ") + (d.mean > 0 ? st.up : st.down);
        const std::string other = std::string(" ") + (d.mean > 0 ? st.down : st.up);
        CHECK(Contains(s.text, word));
        CHECK_FALSE(Contains(s.text, other + " "));
        // Better follows higher_is_better.
        const bool hib = SeriesTable()[static_cast<std::size_t>(s.id)].higher_is_better;
        CHECK(s.better == ((d.mean > 0) == hib ? 1 : -1));
        if (s.id == SeriesId::ShadowShare) {
            saw_shadow = true;
            // Stylized fact 1: reporting to the CEO rather than the CFO means less shadow IT.
            CHECK(d.mean < 0.0);
            CHECK(Contains(s.text, "the shadow share of martech spend is "));
            CHECK(Contains(s.text, " percentage points lower (90%: "));
            CHECK(s.better == 1);
        }
    }
    CHECK(clear_count >= 3);
    CHECK(saw_shadow);
    // Clear key outcomes come first, in importance order, then the others.
    REQUIRE_FALSE(c.sentences.empty());
    const std::vector<SeriesId>& key = KeyOutcomes();
    auto rank = [&](SeriesId id) { return static_cast<int>(std::find(key.begin(), key.end(), id) - key.begin()); };
    for (std::size_t i = 1; i < c.sentences.size(); ++i)
        if (c.sentences[i].clear && c.sentences[i - 1].clear) CHECK(rank(c.sentences[i - 1].id) <= rank(c.sentences[i].id));
    CHECK(rank(c.sentences.front().id) < static_cast<int>(key.size()));
    // A short summary: at most 3 clear key sentences, then "no clear difference" if any.
    const auto brief = ShortSummary(c, 1, 3);
    CHECK(brief.size() <= 4);
    CHECK(brief.front()->id == c.sentences.front().id);
}

TEST_CASE("report: a scenario against itself differs clearly in nothing; too few replications claim nothing") {
    const Scenario base = testing::Default();
    Experiment same({base, base}, 6, 104, false);
    same.RunAll();
    const Comparison c = Compare(same);
    for (const OutcomeRow& row : c.rows) {
        CHECK(row.diff[1].mean == 0.0);
        CHECK_FALSE(row.Clear(1));
        CHECK(row.best == -1);
    }
    REQUIRE(c.sentences.size() == 1);
    CHECK_FALSE(c.sentences[0].clear);
    CHECK(Contains(c.sentences[0].text, "no clear difference in any key outcome."));

    Experiment partial({base, testing::Preset("cio_reports_to_ceo.json")}, 10, 52, false);
    partial.RunSlice(52);  // one replication of one scenario at most
    const Comparison p = Compare(partial);
    CHECK(p.completed < 2);
    CHECK(p.sentences.empty());
    for (const OutcomeRow& row : p.rows) CHECK(row.best == -1);
}
