// world.h: one replication of the organisation, stepped weekly. All state lives in the World; two
// worlds can run side by side. The UI reads it and never writes into it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/params.h"
#include "sim/rng.h"
#include "sim/scenario.h"

namespace orgsim {

/// Independent random streams: one per mechanism per replication, so switching one mechanism off
/// or adding one does not shift the others' numbers (common random numbers across scenarios).
enum class Stream : int { Init, People, Hiring, Morale, Count };

/// Recorded weekly series; the order of kSeriesInfo.
enum class SeriesId : int {
    Headcount,        ///< filled seats
    Vacancies,        ///< open seats
    Quits,            ///< resignations this week
    Hires,            ///< new starters this week
    TurnoverAnnual,   ///< quits over the last 52 weeks / mean headcount
    TurnoverIt,       ///< same, IT functions only
    TurnoverMarketing,///< same, marketing functions only
    Morale,           ///< mean morale of employees
    EffectiveFte,     ///< productive capacity in full-time equivalents after ramp-up and mentoring
    Count
};
constexpr int kSeriesCount = static_cast<int>(SeriesId::Count);

struct SeriesInfo {
    SeriesId id;
    const char* key;
    const char* label;
    const char* unit;
};
const std::array<SeriesInfo, kSeriesCount>& SeriesTable();

/// What happened, which mechanism caused it and who was involved.
enum class EventKind : std::uint8_t { Resignation, Hire };
const char* EventKindName(EventKind k);
struct Event {
    int week;
    EventKind kind;
    const char* mechanism;  ///< static string, e.g. "people"
    int unit;               ///< index into the scenario's units
    std::uint32_t agent;    ///< employee id (unique within the world)
};

class World {
public:
    /// Build replication `replication` of a validated scenario.
    World(const Scenario& scenario, int replication);

    /// Advance one week (no-op once the horizon is reached).
    void Step();
    /// Advance up to n weeks; returns the number stepped.
    int StepWeeks(int n);

    int Week() const { return week_; }
    bool Done() const { return week_ >= horizon_; }
    int Horizon() const { return horizon_; }
    const Scenario& GetScenario() const { return scenario_; }

    /// Weekly values of one series (index = week - 1).
    const std::vector<double>& Series(SeriesId id) const { return series_[static_cast<int>(id)]; }
    const std::vector<Event>& Events() const { return events_; }

    /// Employees (struct of arrays; one entry per seat; a vacant seat has employee id 0).
    std::size_t SeatCount() const { return seat_unit_.size(); }
    int SeatUnit(std::size_t s) const { return seat_unit_[s]; }
    bool SeatFilled(std::size_t s) const { return seat_agent_[s] != 0; }
    double SeatMorale(std::size_t s) const { return morale_[s]; }
    int SeatTenureWeeks(std::size_t s) const { return tenure_[s]; }
    double SeatProductivity(std::size_t s) const { return productivity_[s]; }

    /// 64-bit FNV-1a hash of the full state (time, agents, generators, series, events).
    std::uint64_t StateHash() const;

private:
    Rng& R(Stream s) { return rng_[static_cast<int>(s)]; }
    void Hire(std::size_t seat);

    Scenario scenario_;
    int horizon_ = 0;
    int week_ = 0;
    std::uint32_t next_agent_ = 1;
    std::array<Rng, static_cast<int>(Stream::Count)> rng_;

    // Per unit (cold).
    std::vector<double> unit_weekly_quit_;   ///< base weekly quit probability
    std::vector<double> unit_fill_weeks_;    ///< mean weeks to fill a vacancy
    std::vector<std::uint8_t> unit_class_;   ///< 0 other, 1 IT, 2 marketing
    std::vector<int> unit_seats_;            ///< seats in the unit (at least 1)

    // Per seat (hot, struct of arrays).
    std::vector<int> seat_unit_;
    std::vector<std::uint32_t> seat_agent_;  ///< 0 = vacant
    std::vector<double> morale_;             ///< 0..1
    std::vector<int> tenure_;                ///< weeks since the current holder started
    std::vector<double> productivity_;       ///< 0..1 (ramp-up)
    std::vector<int> fill_in_;               ///< weeks until a vacant seat is filled

    // Rolling 52-week quit windows by class (0 other, 1 IT, 2 marketing) and headcount sums.
    std::array<std::vector<int>, 3> quit_window_;
    std::array<std::vector<int>, 3> head_window_;
    std::array<int, 3> class_seats_{};

    std::array<std::vector<double>, kSeriesCount> series_;
    std::vector<Event> events_;
};

}  // namespace orgsim
