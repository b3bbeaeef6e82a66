// world.cpp: the weekly step. For this slice: people (morale, quits, vacancies, hiring, ramp-up).
#include "sim/world.h"

#include "sim/detmath.h"

namespace orgsim {

namespace {
const std::array<SeriesInfo, kSeriesCount> kSeries = {{
    {SeriesId::Headcount, "headcount", "Headcount", "people"},
    {SeriesId::Vacancies, "vacancies", "Open vacancies", "seats"},
    {SeriesId::Quits, "quits", "Resignations", "people/week"},
    {SeriesId::Hires, "hires", "New starters", "people/week"},
    {SeriesId::TurnoverAnnual, "turnover_annual", "Staff turnover (52 weeks)", "share/year"},
    {SeriesId::TurnoverIt, "turnover_it", "IT turnover (52 weeks)", "share/year"},
    {SeriesId::TurnoverMarketing, "turnover_marketing", "Marketing turnover (52 weeks)", "share/year"},
    {SeriesId::Morale, "morale", "Mean morale", "index 0-1"},
    {SeriesId::EffectiveFte, "effective_fte", "Effective capacity", "FTE"},
}};

constexpr double kDaysPerWeek = 7.0;
constexpr double kWeeksPerMonth = 52.0 / 12.0;
constexpr double kStartProductivity = 0.25;  // a new hire's productivity in week one (see ramp_up_months)

std::uint8_t ClassOf(Function f) {
    switch (f) {
        case Function::It:
        case Function::Security:
        case Function::Digital: return 1;
        case Function::Marketing:
        case Function::Martech: return 2;
        default: return 0;
    }
}

struct Fnv {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void Bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 0x100000001b3ULL;
        }
    }
    template <class T>
    void Val(const T& v) { Bytes(&v, sizeof v); }
    template <class T>
    void Vec(const std::vector<T>& v) {
        Val(static_cast<std::uint64_t>(v.size()));
        if (!v.empty()) Bytes(v.data(), v.size() * sizeof(T));
    }
};
}  // namespace

const std::array<SeriesInfo, kSeriesCount>& SeriesTable() { return kSeries; }

const char* EventKindName(EventKind k) {
    switch (k) {
        case EventKind::Resignation: return "resignation";
        case EventKind::Hire: return "hire";
    }
    return "?";
}

World::World(const Scenario& scenario, int replication) : scenario_(scenario), horizon_(scenario.horizon_weeks) {
    for (int s = 0; s < static_cast<int>(Stream::Count); ++s)
        rng_[s].Seed(MixSeed(MixSeed(scenario.seed, static_cast<std::uint64_t>(replication)), static_cast<std::uint64_t>(s) + 1));

    const Params& p = scenario_.params;
    const double tight = p[ParamId::LabourMarketTightness];
    for (const Unit& u : scenario_.units) {
        const std::uint8_t c = ClassOf(u.function);
        const double annual = c == 1 ? p[ParamId::TurnoverItAnnual]
                              : c == 2 ? p[ParamId::TurnoverMarketingAnnual]
                                       : p[ParamId::TurnoverOtherAnnual];
        // Published turnover is separations per average headcount (a rate), so the weekly hazard is
        // rate / 52, not 1 - (1 - p)^(1/52).
        unit_weekly_quit_.push_back(annual / 52.0);
        const double days = c == 1 ? p[ParamId::TimeToFillItDays] : p[ParamId::TimeToFillOtherDays];
        unit_fill_weeks_.push_back(days * tight / kDaysPerWeek);
        unit_class_.push_back(c);
        unit_seats_.push_back(u.headcount > 0 ? u.headcount : 1);
    }

    // Seats, filled at the start by employees with a spread of tenures.
    Rng& init = R(Stream::Init);
    const double ramp_weeks = p[ParamId::RampUpMonths] * kWeeksPerMonth;
    const double baseline = p[ParamId::MoraleBaseline];
    for (std::size_t ui = 0; ui < scenario_.units.size(); ++ui) {
        for (int k = 0; k < scenario_.units[ui].headcount; ++k) {
            seat_unit_.push_back(static_cast<int>(ui));
            seat_agent_.push_back(next_agent_++);
            // Stationary tenure of a constant-hazard process is exponential with mean 1/hazard.
            const double mean_tenure = 1.0 / (unit_weekly_quit_[ui] > 1e-6 ? unit_weekly_quit_[ui] : 1e-6);
            const double t = init.Exponential(mean_tenure);
            const int tenure = t > 2000.0 ? 2000 : static_cast<int>(t);
            tenure_.push_back(tenure);
            productivity_.push_back(ramp_weeks <= 0.0 || tenure >= ramp_weeks
                                        ? 1.0
                                        : kStartProductivity + (1.0 - kStartProductivity) * tenure / ramp_weeks);
            double m = baseline + 0.1 * (init.Uniform01() - 0.5);
            morale_.push_back(m < 0.0 ? 0.0 : (m > 1.0 ? 1.0 : m));
            fill_in_.push_back(0);
            ++class_seats_[unit_class_[ui]];
        }
    }
    for (int c = 0; c < 3; ++c) {
        quit_window_[c].assign(52, 0);
        head_window_[c].assign(52, class_seats_[c]);
    }
    for (auto& s : series_) s.reserve(static_cast<std::size_t>(horizon_));
}

void World::Hire(std::size_t seat) {
    seat_agent_[seat] = next_agent_++;
    tenure_[seat] = 0;
    productivity_[seat] = scenario_.params[ParamId::RampUpMonths] > 0.0 ? kStartProductivity : 1.0;
    morale_[seat] = scenario_.params[ParamId::MoraleBaseline] + 0.05;  // honeymoon
    events_.push_back({week_ + 1, EventKind::Hire, "people", seat_unit_[seat], seat_agent_[seat]});
}

void World::Step() {
    if (Done()) return;
    const Params& p = scenario_.params;
    const double baseline = p[ParamId::MoraleBaseline];
    const double revert = p[ParamId::MoraleReversionPerWeek];
    const double noise = p[ParamId::MoraleNoiseSd] * 3.4641016151377544;  // uniform with this sd: width sd*sqrt(12)
    const double elasticity = p[ParamId::MoraleQuitElasticity];
    const double tight = p[ParamId::LabourMarketTightness];
    const double ramp_weeks = p[ParamId::RampUpMonths] * kWeeksPerMonth;
    const double ramp_step = ramp_weeks > 0.0 ? (1.0 - kStartProductivity) / ramp_weeks : 1.0;
    const double mentor = p[ParamId::MentorCostShare];
    const double churn_shock = p[ParamId::MoraleChurnShock];

    Rng& people = R(Stream::People);
    Rng& hiring = R(Stream::Hiring);
    Rng& moral = R(Stream::Morale);

    int quits = 0, hires = 0, filled = 0, vacant = 0;
    std::array<int, 3> class_quits{}, class_filled{};
    double morale_sum = 0.0, fte = 0.0;
    std::vector<int> unit_quits(scenario_.units.size(), 0);

    const std::size_t n = seat_unit_.size();
    for (std::size_t s = 0; s < n; ++s) {
        const int u = seat_unit_[s];
        if (seat_agent_[s] == 0) {
            if (--fill_in_[s] <= 0) {
                Hire(s);
                ++hires;
            } else {
                ++vacant;
                continue;
            }
        }
        // Morale: drift back to the baseline plus individual noise.
        double m = morale_[s];
        m += revert * (baseline - m) + noise * (moral.Uniform01() - 0.5);
        m = m < 0.0 ? 0.0 : (m > 1.0 ? 1.0 : m);
        morale_[s] = m;
        // Quit: base weekly hazard scaled by morale and the labour market.
        const double hazard = unit_weekly_quit_[u] * tight * DetExp(elasticity * (baseline - m));
        if (people.Uniform01() < hazard) {
            events_.push_back({week_ + 1, EventKind::Resignation, "people", u, seat_agent_[s]});
            seat_agent_[s] = 0;
            const double w = hiring.Exponential(unit_fill_weeks_[u]);
            fill_in_[s] = 1 + static_cast<int>(w > 520.0 ? 520.0 : w);
            ++quits;
            ++class_quits[unit_class_[u]];
            ++unit_quits[u];
            ++vacant;
            continue;
        }
        ++tenure_[s];
        double prod = productivity_[s];
        if (prod < 1.0) {
            fte -= mentor * (1.0 - prod);  // a colleague's time spent on the newcomer
            prod += ramp_step;
            if (prod > 1.0) prod = 1.0;
            productivity_[s] = prod;
        }
        fte += prod;
        morale_sum += m;
        ++filled;
        ++class_filled[unit_class_[u]];
    }
    // Contagion: colleagues of leavers lose morale in proportion to the share of the unit that left
    // (the parameter is the drop when a team of ten loses one person).
    if (churn_shock > 0.0 && quits > 0) {
        for (std::size_t s = 0; s < n; ++s) {
            const auto ui = static_cast<std::size_t>(seat_unit_[s]);
            const int q = unit_quits[ui];
            if (q > 0 && seat_agent_[s] != 0) {
                const double m = morale_[s] - churn_shock * 10.0 * q / unit_seats_[ui];
                morale_[s] = m < 0.0 ? 0.0 : m;
            }
        }
    }

    const int slot = week_ % 52;
    std::array<double, 3> turnover{};
    double q_all = 0.0, h_all = 0.0;
    for (int c = 0; c < 3; ++c) {
        quit_window_[c][static_cast<std::size_t>(slot)] = class_quits[c];
        head_window_[c][static_cast<std::size_t>(slot)] = class_filled[c];
        const int span = week_ + 1 < 52 ? week_ + 1 : 52;
        double q = 0.0, h = 0.0;
        for (int k = 0; k < span; ++k) {
            q += quit_window_[c][static_cast<std::size_t>(k)];
            h += head_window_[c][static_cast<std::size_t>(k)];
        }
        // Annualise a partial first year.
        turnover[c] = h > 0.0 ? (q / (h / span)) * (52.0 / span) : 0.0;
        q_all += q;
        h_all += h / span;
    }
    const int span = week_ + 1 < 52 ? week_ + 1 : 52;
    ++week_;
    auto rec = [&](SeriesId id, double v) { series_[static_cast<int>(id)].push_back(v); };
    rec(SeriesId::Headcount, filled);
    rec(SeriesId::Vacancies, vacant);
    rec(SeriesId::Quits, quits);
    rec(SeriesId::Hires, hires);
    rec(SeriesId::TurnoverAnnual, h_all > 0.0 ? (q_all / h_all) * (52.0 / span) : 0.0);
    rec(SeriesId::TurnoverIt, turnover[1]);
    rec(SeriesId::TurnoverMarketing, turnover[2]);
    rec(SeriesId::Morale, filled > 0 ? morale_sum / filled : 0.0);
    rec(SeriesId::EffectiveFte, fte);
}

int World::StepWeeks(int n) {
    int k = 0;
    while (k < n && !Done()) {
        Step();
        ++k;
    }
    return k;
}

std::uint64_t World::StateHash() const {
    Fnv f;
    f.Val(week_);
    f.Val(next_agent_);
    for (const auto& r : rng_) f.Bytes(r.State(), 4 * sizeof(std::uint64_t));
    f.Vec(seat_unit_);
    f.Vec(seat_agent_);
    f.Vec(morale_);
    f.Vec(tenure_);
    f.Vec(productivity_);
    f.Vec(fill_in_);
    for (const auto& s : series_) f.Vec(s);
    f.Val(static_cast<std::uint64_t>(events_.size()));
    for (const auto& e : events_) {
        f.Val(e.week);
        f.Val(e.kind);
        f.Val(e.unit);
        f.Val(e.agent);
    }
    return f.h;
}

}  // namespace orgsim
