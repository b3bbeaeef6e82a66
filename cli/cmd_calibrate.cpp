// cmd_calibrate.cpp: `orgsim calibrate`: run replications of a scenario and check what the engine
// records (series, events, the ledger, executive seats, employee seats) against the calibration
// table of MODEL.md; print quantity, target, model mean with its 95% confidence interval, PASS/FAIL
// and source, as text or as Markdown (docs/calibration.md).
#include "cli/cmd_calibrate.h"

#include "cli/cli_util.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/ledger.h"
#include "sim/params.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace {

using namespace orgsim;

constexpr int kWeeksPerYear = 52;
constexpr double kDaysPerWeek = 7.0;
constexpr int kDefaultReplications = 200;
const char* kDefaultScenario = "scenarios/default.json";

const char* kCalibrateUsage =
    "usage: orgsim calibrate [scenario.json] [options]\n"
    "  Checks the calibration targets of MODEL.md's table against the model: per target the quantity,\n"
    "  the target range, the model's mean with a 95% confidence interval of the mean, PASS or FAIL and\n"
    "  the source. Exit status 0 only if every target passes.\n"
    "  scenario.json defaults to scenarios/default.json (the default calibration).\n"
    "options:\n"
    "  --replications N   replications (default 200)\n"
    "  --markdown         print a Markdown document (docs/calibration.md)\n";

/// A model value over replications: the ratio estimator sum(x) / sum(y) (y = 1 for a plain mean),
/// with the standard error of the ratio (delta method) and a 95% confidence interval.
struct Estimate {
    double value = 0.0;
    double lo = 0.0, hi = 0.0;
    bool has_ci = false;
    int n = 0;  ///< replications (or observations) behind it
};

/// Two-sided 97.5% quantile of Student's t with df degrees of freedom (Cornish-Fisher expansion
/// around the normal quantile; exact values for df 1 and 2, where the expansion is poor).
double TQuantile975(int df) {
    if (df <= 1) return 12.706204736;
    if (df == 2) return 4.302652730;
    const double z = 1.959963985, v = df;
    const double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    return z + (z3 + z) / (4.0 * v) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v) +
           (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v) +
           (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / (92160.0 * v * v * v * v);
}

Estimate Ratio(const std::vector<double>& x, const std::vector<double>& y) {
    Estimate e;
    const std::size_t n = x.size();
    e.n = static_cast<int>(n);
    if (n == 0) return e;
    double sx = 0.0, sy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        sx += x[i];
        sy += y[i];
    }
    if (!(sy > 0.0)) return e;
    e.value = sx / sy;
    if (n < 2) return e;
    double ss = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = x[i] - e.value * y[i];
        ss += d * d;
    }
    const double ybar = sy / static_cast<double>(n);
    const double se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n)) / ybar;
    const double h = TQuantile975(static_cast<int>(n) - 1) * se;
    e.lo = e.value - h;
    e.hi = e.value + h;
    e.has_ci = true;
    return e;
}

Estimate Mean(const std::vector<double>& x) { return Ratio(x, std::vector<double>(x.size(), 1.0)); }

/// One row of the report. Values are held in display units (percent as 0-100).
struct Target {
    std::string quantity;
    double lo = 0.0, hi = 0.0;  ///< accepted range (inclusive), display units
    std::string target_note;    ///< what the published figure says, after the range
    int decimals = 2;
    std::string unit;           ///< appended to numbers ("%", " /yr", " days", ...)
    Estimate model;
    bool applicable = true;     ///< false: the scenario lacks what the target is about (counts as FAIL)
    std::string source;
    std::string how;            ///< how the model value is measured
    bool Pass() const { return applicable && model.value >= lo && model.value <= hi; }
};

std::string Num(double v, int decimals, const std::string& unit) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f%s", decimals, v, unit.c_str());
    return buf;
}
std::string RangeText(const Target& t) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.*f-%.*f%s", t.decimals, t.lo, t.decimals, t.hi, t.unit.c_str());
    return buf;
}
std::string ModelText(const Target& t) { return t.applicable ? Num(t.model.value, t.decimals + 1, t.unit) : "n/a"; }
std::string CiText(const Target& t) {
    if (!t.applicable || !t.model.has_ci) return "-";
    char buf[96];
    std::snprintf(buf, sizeof buf, "[%.*f, %.*f]", t.decimals + 1, t.model.lo, t.decimals + 1, t.model.hi);
    return buf;
}
std::string ResultText(const Target& t) { return t.Pass() ? "PASS" : "FAIL"; }

/// The engine's IT class of units (its TurnoverIt series and IT time to fill): IT, security, digital.
bool ItFunction(Function f) { return f == Function::It || f == Function::Security || f == Function::Digital; }

/// Sum of revenue booked in weeks [from, to) of the ledger.
double RevenueOver(const Ledger& books, int from, int to) {
    double r = 0.0;
    for (int w = from < 0 ? 0 : from; w < to && w < books.Weeks(); ++w) r += books.At(w, Account::Revenue);
    return r;
}

/// Per-replication measurements; each vector has one entry per replication.
struct Samples {
    std::vector<double> cmo_exits, cmo_seat_years, cio_exits, cio_seat_years;
    std::vector<double> turnover_it, turnover_mkt, turnover_all;
    std::vector<double> it_share_first, it_share_last, mkt_share, shadow_share;
    std::vector<double> incidents, years, incident_cost;
    std::vector<double> trust_mean;
    std::vector<double> fill_days, fills;
    std::vector<double> implied_productivity;  ///< 1 + (Productivity - 1) / DataCapability, where capability > 0
};

void RunReplication(const Scenario& s, int r, Samples& out) {
    World w(s, r);
    const int horizon = w.Horizon();
    const int years = horizon / kWeeksPerYear;
    // IT seats and their vacancy tracking: the week a seat fell vacant, matched with the week it was filled.
    std::vector<std::size_t> it_seats;
    for (std::size_t k = 0; k < w.SeatCount(); ++k)
        if (ItFunction(s.units[static_cast<std::size_t>(w.SeatUnit(k))].function)) it_seats.push_back(k);
    std::vector<std::uint32_t> prev(it_seats.size());
    std::vector<int> vacant_since(it_seats.size(), -1);
    // A seat vacant at the start (none in the engine today) was not emptied by a resignation: not counted.
    for (std::size_t i = 0; i < it_seats.size(); ++i) prev[i] = w.SeatAgent(it_seats[i]);
    double fill_weeks = 0.0, fills = 0.0;
    int cmo_weeks = 0, cio_weeks = 0;
    while (!w.Done()) {
        w.Step();
        const int now = w.Week();
        if (w.Exec(Role::Cmo).present) ++cmo_weeks;
        if (w.Exec(Role::Cio).present) ++cio_weeks;
        for (std::size_t i = 0; i < it_seats.size(); ++i) {
            const std::uint32_t cur = w.SeatAgent(it_seats[i]);
            if (prev[i] != 0 && cur == 0) {
                vacant_since[i] = now;
            } else if (prev[i] == 0 && cur != 0) {
                if (vacant_since[i] >= 0) {
                    fill_weeks += now - vacant_since[i];
                    fills += 1.0;
                }
                vacant_since[i] = -1;
            }
            prev[i] = cur;
        }
    }

    int cmo_exits = 0, cio_exits = 0, incidents = 0;
    double cost = 0.0;
    for (const Event& e : w.Events()) {
        if (e.kind == EventKind::ExecExit) {
            if (e.agent == static_cast<std::uint32_t>(Role::Cmo)) ++cmo_exits;
            if (e.agent == static_cast<std::uint32_t>(Role::Cio)) ++cio_exits;
        } else if (e.kind == EventKind::Incident) {
            ++incidents;
            cost += e.value;
        }
    }
    out.cmo_exits.push_back(cmo_exits);
    out.cmo_seat_years.push_back(cmo_weeks / static_cast<double>(kWeeksPerYear));
    out.cio_exits.push_back(cio_exits);
    out.cio_seat_years.push_back(cio_weeks / static_cast<double>(kWeeksPerYear));
    out.incidents.push_back(incidents);
    out.incident_cost.push_back(cost);
    out.years.push_back(horizon / static_cast<double>(kWeeksPerYear));
    out.fill_days.push_back(fill_weeks * kDaysPerWeek);
    out.fills.push_back(fills);

    // Turnover: the trailing-52-week rates at the ends of years 2..Y (year 1's window is seeded).
    auto year_mean = [&](SeriesId id) {
        const auto& v = w.Series(id);
        double sum = 0.0;
        int n = 0;
        for (int y = 2; y <= years; ++y) {
            sum += v[static_cast<std::size_t>(y * kWeeksPerYear - 1)];
            ++n;
        }
        return n > 0 ? 100.0 * sum / n : 0.0;
    };
    out.turnover_it.push_back(year_mean(SeriesId::TurnoverIt));
    out.turnover_mkt.push_back(year_mean(SeriesId::TurnoverMarketing));
    out.turnover_all.push_back(year_mean(SeriesId::TurnoverAnnual));

    // IT spend share: the ItCost series (IT spend over the trailing 52 weeks) over revenue booked in the same weeks.
    const Ledger& books = w.Books();
    const auto& it_cost = w.Series(SeriesId::ItCost);
    auto it_share = [&](int y) {
        const int end = y * kWeeksPerYear;
        const double rev = RevenueOver(books, end - kWeeksPerYear, end);
        return rev > 0.0 ? 100.0 * it_cost[static_cast<std::size_t>(end - 1)] / rev : 0.0;
    };
    out.it_share_first.push_back(it_share(1));
    out.it_share_last.push_back(it_share(years));

    // Marketing spend: marketing's budget and shadow subscriptions over the last 52 weeks, over revenue.
    const double mkt = books.Trailing(Account::MarketingBudget, kWeeksPerYear) + books.Trailing(Account::ShadowSubscriptions, kWeeksPerYear);
    const double rev = books.Trailing(Account::Revenue, kWeeksPerYear);
    out.mkt_share.push_back(rev > 0.0 ? 100.0 * mkt / rev : 0.0);
    out.shadow_share.push_back(100.0 * w.Series(SeriesId::ShadowShare).back());

    const auto& trust = w.Series(SeriesId::Trust);
    double tsum = 0.0;
    for (double t : trust) tsum += t;
    out.trust_mean.push_back(trust.empty() ? 0.0 : tsum / static_cast<double>(trust.size()));

    // Data-driven productivity at full capability, as the engine applies it: the recorded multiplier
    // extrapolated linearly to capability 1 from the last week with a measurable capability.
    const auto& cap = w.Series(SeriesId::DataCapability);
    const auto& prod = w.Series(SeriesId::Productivity);
    for (std::size_t k = cap.size(); k-- > 0;)
        if (cap[k] > 0.05) {
            out.implied_productivity.push_back(1.0 + (prod[k] - 1.0) / cap[k]);
            break;
        }
}

std::vector<Target> Evaluate(const Scenario& s, const Samples& d) {
    const int years = s.horizon_weeks / kWeeksPerYear;
    const bool has_cmo = s.UnitOf(Role::Cmo) >= 0, has_cio = s.UnitOf(Role::Cio) >= 0;
    std::vector<Target> t;
    auto add = [&](Target x) { t.push_back(std::move(x)); };
    {
        Target x;
        x.quantity = "CMO exit hazard";
        x.lo = 0.25, x.hi = 0.5, x.unit = " /yr";
        x.target_note = "median tenure about 25 months, mean about 40";
        x.model = Ratio(d.cmo_exits, d.cmo_seat_years);
        x.applicable = has_cmo;
        x.source = "Spencer Stuart 2021-2025";
        x.how = "CMO ExecExit events per CMO-seat-year with the seat filled (vacancies excluded), pooled over replications";
        add(x);
    }
    {
        Target x;
        x.quantity = "CIO exit hazard";
        x.lo = 0.15, x.hi = 0.3, x.unit = " /yr";
        x.target_note = "tenure about 4.3 years";
        x.model = Ratio(d.cio_exits, d.cio_seat_years);
        x.applicable = has_cio;
        x.source = "Korn Ferry 2017";
        x.how = "CIO ExecExit events per CIO-seat-year with the seat filled, pooled over replications";
        add(x);
    }
    const std::string years_2_y = "years 2-" + std::to_string(years);
    {
        Target x;
        x.quantity = "IT staff turnover";
        x.lo = 9, x.hi = 13, x.decimals = 1, x.unit = "%";
        x.model = Mean(d.turnover_it);
        x.source = "LinkedIn 2018, 2022";
        x.how = "series turnover_it (quits over 52 weeks / mean headcount) at the ends of " + years_2_y + ", averaged";
        add(x);
    }
    {
        Target x;
        x.quantity = "Marketing staff turnover";
        x.lo = 13, x.hi = 17, x.decimals = 1, x.unit = "%";
        x.model = Mean(d.turnover_mkt);
        x.source = "LinkedIn 2018, 2022";
        x.how = "series turnover_marketing at the ends of " + years_2_y + ", averaged";
        add(x);
    }
    {
        Target x;
        x.quantity = "All staff turnover";
        x.lo = 9, x.hi = 13, x.decimals = 1, x.unit = "%";
        x.target_note = "about 11%";
        x.model = Mean(d.turnover_all);
        x.source = "LinkedIn 2018, 2022";
        x.how = "series turnover_annual at the ends of " + years_2_y + ", averaged";
        add(x);
    }
    {
        Target x;
        x.quantity = "IT spend / revenue, year 1";
        x.lo = 2.8, x.hi = 5.5, x.decimals = 1, x.unit = "%";
        x.model = Mean(d.it_share_first);
        x.source = "Gartner ITKMD 2020; Deloitte; SIM";
        x.how = "series it_cost at week 52 (IT spend over weeks 1-52) / revenue booked in the ledger over the same weeks";
        add(x);
    }
    {
        Target x;
        x.quantity = "IT spend / revenue, year " + std::to_string(years);
        x.lo = 2.8, x.hi = 5.5, x.decimals = 1, x.unit = "%";
        x.model = Mean(d.it_share_last);
        x.source = "Gartner ITKMD 2020; Deloitte; SIM";
        x.how = "series it_cost at week " + std::to_string(years * kWeeksPerYear) + " / revenue booked over the same 52 weeks";
        add(x);
    }
    {
        Target x;
        x.quantity = "Marketing spend / revenue";
        x.lo = 7.7, x.hi = 11, x.decimals = 1, x.unit = "%";
        x.model = Mean(d.mkt_share);
        x.source = "Gartner CMO Spend Survey 2014-2025";
        x.how = "ledger: MarketingBudget + ShadowSubscriptions over the last 52 weeks / Revenue over the same weeks";
        add(x);
    }
    {
        Target x;
        x.quantity = "Shadow share of martech spend";
        x.lo = 25, x.hi = 40, x.decimals = 0, x.unit = "%";
        x.target_note = "tech spend outside IT 30-40% of IT spend; Flexera 25%";
        x.model = Mean(d.shadow_share);
        x.source = "Gartner via Everest; Flexera 2022 (25%)";
        x.how = "series shadow_share (52-week window) at the end";
        add(x);
    }
    {
        Target x;
        x.quantity = "Material breaches";
        x.lo = 0.08, x.hi = 0.25, x.unit = " /yr";
        x.target_note = "about 15% a year chance";
        x.model = Ratio(d.incidents, d.years);
        x.source = "IBM/Ponemon 2018-2025";
        x.how = "Incident events per year over the horizon";
        add(x);
    }
    {
        Target x;
        x.quantity = "Mean breach cost";
        x.lo = 3.5, x.hi = 5.5, x.unit = " M USD";
        x.target_note = "published mean 4.4-4.9; wider for the gamma spread";
        x.model = Ratio(d.incident_cost, d.incidents);
        x.applicable = x.model.n > 0 && x.model.value > 0.0;
        x.source = "IBM/Ponemon 2018-2025";
        x.how = "value of Incident events: total cost / number of incidents, pooled over replications";
        add(x);
    }
    {
        Target x;
        x.quantity = "IT-marketing trust";
        x.lo = 0.2, x.hi = 0.5;
        x.target_note = "only about 10% say CMO-CIO collaboration is right: stays low";
        x.model = Mean(d.trust_mean);
        x.source = "Accenture 2013";
        x.how = "series trust, mean over all weeks of the horizon";
        add(x);
    }
    {
        Target x;
        x.quantity = "Productivity at full data capability";
        x.lo = 1.04, x.hi = 1.07, x.decimals = 2, x.unit = "x";
        x.target_note = "about 5-6% higher productivity";
        if (!d.implied_productivity.empty()) {
            x.model = Mean(d.implied_productivity);
            x.model.has_ci = false;  // deterministic given the parameter: no sampling error
        } else {
            x.model.value = 1.0 + s.params[ParamId::DataDrivenProductivity];
        }
        x.source = "Brynjolfsson, Hitt & Kim 2011";
        char how[240];
        std::snprintf(how, sizeof how,
                      "parameter check: 1 + data_driven_productivity = %.3f; the model value is the recorded productivity "
                      "multiplier extrapolated to capability 1 (%zu replications with capability above 0.05)",
                      1.0 + s.params[ParamId::DataDrivenProductivity], d.implied_productivity.size());
        x.how = how;
        add(x);
    }
    {
        Target x;
        x.quantity = "Time to fill IT vacancies";
        x.lo = 36, x.hi = 44, x.decimals = 0, x.unit = " days";
        x.target_note = "IT about 44";
        x.model = Ratio(d.fill_days, d.fills);
        x.applicable = x.model.value > 0.0;
        x.source = "SHRM 2016-17; LinkedIn";
        char how[320];
        std::snprintf(how, sizeof how,
                      "IT-class seats (it, security, digital units) tracked weekly from the resignation that emptied them to the hire "
                      "that filled them, 7 days a week (whole weeks); vacancies open at the end are not counted. Parameter "
                      "time_to_fill_it_days = %g, labour_market_tightness = %g",
                      s.params[ParamId::TimeToFillItDays], s.params[ParamId::LabourMarketTightness]);
        x.how = how;
        add(x);
    }
    return t;
}

void PrintText(const Scenario& s, const std::string& path, int reps, double seconds, const std::vector<Target>& t) {
    std::cout << "Calibration of " << s.name << " (" << path << ")\n  " << reps << " replications of " << s.horizon_weeks
              << " weeks, seed " << s.seed << "; targets from MODEL.md's calibration table\n\n";
    std::printf("  %-38s %-18s %-14s %-22s %-6s %s\n", "quantity", "target", "model", "95% CI", "result", "source");
    int pass = 0;
    for (const Target& x : t) {
        pass += x.Pass();
        std::printf("  %-38s %-18s %-14s %-22s %-6s %s\n", x.quantity.c_str(), RangeText(x).c_str(), ModelText(x).c_str(),
                    CiText(x).c_str(), ResultText(x).c_str(), x.source.c_str());
    }
    std::printf("\n  %d of %zu targets pass (%.1f s)\n\n", pass, t.size(), seconds);
    std::cout << "  Targets and measurement:\n";
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::cout << "  " << i + 1 << ". " << t[i].quantity << ": target " << RangeText(t[i]);
        if (!t[i].target_note.empty()) std::cout << " (" << t[i].target_note << ")";
        std::cout << "; " << t[i].how << ".\n";
    }
    std::cout << "  The model value is a mean over replications (a pooled ratio for rates); the 95% CI is that of the mean.\n";
}

void PrintMarkdown(const Scenario& s, const std::string& path, int reps, const std::vector<Target>& t) {
    std::cout << "# Calibration: the model against MODEL.md's calibration table\n\n"
              << "Generated by `orgsim calibrate --markdown` (command: `orgsim calibrate " << path << " --replications " << reps
              << " --markdown > docs/calibration.md`); the numbers change with the model, so regenerate this file after changing it.\n\n"
              << "Scenario: " << s.name << ", " << reps << " replications of " << s.horizon_weeks << " weeks, seed " << s.seed
              << ". A target passes when the model's mean lies in the target range.\n\n"
              << "| quantity | target | model | 95% CI | pass/fail | source |\n|---|---|---|---|---|---|\n";
    int pass = 0;
    for (const Target& x : t) {
        pass += x.Pass();
        std::cout << "| " << x.quantity << " | " << RangeText(x);
        if (!x.target_note.empty()) std::cout << " (" << x.target_note << ")";
        std::cout << " | " << ModelText(x) << " | " << CiText(x) << " | " << ResultText(x) << " | " << x.source << " |\n";
    }
    std::cout << "\n" << pass << " of " << t.size() << " targets pass.\n\n## How each value is measured\n\n";
    for (std::size_t i = 0; i < t.size(); ++i) std::cout << i + 1 << ". " << t[i].quantity << ": " << t[i].how << ".\n";
    std::cout << "\nThe model value is a mean over replications (for rates, a pooled ratio: total events over total exposure);"
                 " the 95% confidence interval is that of the mean (Student's t; delta method for ratios).\n";
}

}  // namespace

int CmdCalibrate(const std::vector<std::string>& args) {
    std::string path;
    long long reps = kDefaultReplications;
    bool markdown = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--replications") {
            if (i + 1 >= args.size() || !orgsim::cli::ParseInt(args[++i], 1, kMaxReplications, reps)) {
                std::cerr << "orgsim calibrate: --replications must be a whole number from 1 to " << kMaxReplications << "\n";
                return 2;
            }
        } else if (a == "--markdown") {
            markdown = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << kCalibrateUsage;
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim calibrate: unknown option " << a << "\n" << kCalibrateUsage;
            return 2;
        } else if (path.empty()) {
            path = a;
        } else {
            std::cerr << "orgsim calibrate: more than one scenario file given\n";
            return 2;
        }
    }
    if (path.empty()) path = kDefaultScenario;
    Scenario s;
    if (!orgsim::cli::LoadScenario(path, s, "orgsim calibrate")) return 1;
    if (s.horizon_weeks < 2 * kWeeksPerYear) {
        std::cerr << "orgsim calibrate: the scenario's horizon is " << s.horizon_weeks
                  << " weeks; calibration needs at least two years (turnover is measured from year 2)\n";
        return 1;
    }
    const int n = static_cast<int>(reps);
    s.replications = n;

    const auto t0 = std::chrono::steady_clock::now();
    Samples d;
    bool progress = false;  // shown only when a run takes more than a second (a large scenario)
    for (int r = 0; r < n; ++r) {
        RunReplication(s, r, d);
        if (progress || std::chrono::steady_clock::now() - t0 > std::chrono::seconds(1)) {
            std::fprintf(stderr, "\r  replications: %d/%d", r + 1, n);
            progress = true;
        }
    }
    if (progress) std::fprintf(stderr, "\n");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const std::vector<Target> t = Evaluate(s, d);
    if (markdown) PrintMarkdown(s, path, n, t);
    else PrintText(s, path, n, seconds, t);
    for (const Target& x : t)
        if (!x.Pass()) return 1;
    return 0;
}
