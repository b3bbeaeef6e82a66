// execution.cpp: team effort and the stand-alone project model (Brooks's law).
#include "sim/execution.h"

namespace orgsim {

namespace {
constexpr double kWeeksPerMonth = 52.0 / 12.0;
}  // namespace

double TeamEffort(double members, double productivity, const Params& p) {
    if (members <= 0.0) return 0.0;
    const double overhead = p[ParamId::BrooksOverheadPerMember] * (members - 1.0 > 0.0 ? members - 1.0 : 0.0);
    const double eff = members * productivity * (1.0 - overhead);
    return eff > 0.0 ? eff : 0.0;
}

ProjectOutcome SimulateProject(const ProjectSpec& spec, const Params& p) {
    ProjectOutcome out;
    const double ramp_weeks = p[ParamId::RampUpMonths] * kWeeksPerMonth;
    const double start = p[ParamId::NewHireStartProductivity];
    const double step = ramp_weeks > 0.0 ? (1.0 - start) / ramp_weeks : 1.0;
    double done = 0.0;
    double newcomer_prod = start;
    int newcomers = 0;
    for (int w = 0; w < spec.max_weeks; ++w) {
        if (w == spec.add_week) newcomers = spec.add_count;
        const double members = spec.team + newcomers;
        const double mean_prod = members > 0 ? (spec.team + newcomers * newcomer_prod) / members : 0.0;
        double effort = TeamEffort(members, mean_prod, p);
        effort -= newcomers * p[ParamId::MentorCostShare] * (1.0 - newcomer_prod);  // mentoring
        done += effort > 0.0 ? effort : 0.0;
        out.cost_pw += members;
        if (newcomers > 0) newcomer_prod = newcomer_prod + step < 1.0 ? newcomer_prod + step : 1.0;
        if (done >= spec.size_pw) {
            out.weeks = w + 1;
            return out;
        }
    }
    out.weeks = spec.max_weeks + 1;
    return out;
}

}  // namespace orgsim
