// execution.h: the effort a team delivers in a week (mechanism 4), shared by the World and by the
// stand-alone project model used to study Brooks's law (Brooks 1975; Abdel-Hamid 1989).
#pragma once

#include "sim/params.h"

namespace orgsim {

/// Weekly effort, in person-weeks, of a team of `members` full-time people whose mean productivity is
/// `productivity` (0..1, ramp-up included): communication overhead grows with each member beyond the
/// first, about n^2 in total (brooks_overhead_per_member).
double TeamEffort(double members, double productivity, const Params& p);

/// A project staffed with experienced people, to which new hires may be added part-way.
struct ProjectSpec {
    double size_pw = 100.0;      ///< work, person-weeks
    int team = 4;                ///< experienced members from the start
    int add_week = -1;           ///< week new hires join (-1: never)
    int add_count = 0;           ///< new hires added then
    int max_weeks = 520;
};
struct ProjectOutcome {
    int weeks = 0;            ///< weeks to finish (max_weeks + 1 if unfinished)
    double cost_pw = 0.0;     ///< person-weeks paid (everyone on the team, every week)
};

/// Run the project week by week: newcomers start at 25% productivity and ramp up linearly over
/// ramp_up_months; each consumes mentor_cost_share of an experienced colleague, falling as it ramps.
ProjectOutcome SimulateProject(const ProjectSpec& spec, const Params& p);

}  // namespace orgsim
