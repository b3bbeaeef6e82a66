// params.cpp: the rows of the parameter table (defaults from the calibration table of MODEL.md).
#include "sim/params.h"

#include <cmath>
#include <sstream>

namespace orgsim {

namespace {
using G = ParamGroup;
using P = ParamId;

const std::array<ParamInfo, kParamCount> kTable = {{
    {P::TurnoverItAnnual, "turnover_it_annual", "IT staff turnover", "share/year", 0.0, 0.6, 0.11, false,
     G::People,
     "Annual turnover rate of IT staff at baseline morale: resignations per average headcount, as surveys "
     "report it. The weekly quit hazard is rate/52, scaled by morale and the labour market.",
     "LinkedIn 2018, 2022: IT/technology turnover about 9-13% a year"},
    {P::TurnoverMarketingAnnual, "turnover_marketing_annual", "Marketing staff turnover", "share/year", 0.0, 0.6,
     0.15, false, G::People,
     "Annual turnover rate of marketing staff at baseline morale (resignations per average headcount).",
     "LinkedIn 2018, 2022: marketing turnover 13-17% a year"},
    {P::TurnoverOtherAnnual, "turnover_other_annual", "Other staff turnover", "share/year", 0.0, 0.6, 0.11, false,
     G::People, "Annual turnover rate of all other functions (executive office, finance, ...) at baseline morale.",
     "LinkedIn 2018, 2022: all functions about 11% a year"},
    {P::MoraleQuitElasticity, "morale_quit_elasticity", "Morale effect on quitting", "multiplier per unit", 0.0,
     6.0, 2.0, false, G::People,
     "Quit hazard is multiplied by exp(elasticity * (baseline morale - morale)); at 2, an employee 0.2 "
     "below the baseline quits about 1.5x as often.",
     "assumption: job-satisfaction studies find dissatisfied staff quit 1.5-2x as often"},
    {P::TimeToFillItDays, "time_to_fill_it_days", "Time to fill, IT", "days", 1.0, 365.0, 44.0, false, G::People,
     "Mean calendar days from a resignation to the replacement's start for IT roles (exponential).",
     "SHRM 2016-17; LinkedIn: IT about 44 days"},
    {P::TimeToFillOtherDays, "time_to_fill_other_days", "Time to fill, other", "days", 1.0, 365.0, 38.0, false,
     G::People, "Mean calendar days to fill a vacancy outside IT (exponential).",
     "SHRM 2016-17; LinkedIn: 36-44 days"},
    {P::RampUpMonths, "ramp_up_months", "New-hire ramp-up", "months", 0.0, 24.0, 6.0, false, G::People,
     "Months for a new hire to reach full productivity; productivity rises linearly from 25% to 100%.",
     "engineers' survey 2020: 3-9 months"},
    {P::MentorCostShare, "mentor_cost_share", "Mentoring cost", "share of a colleague", 0.0, 1.0, 0.2, false,
     G::People,
     "Share of one experienced colleague's time a ramping new hire consumes, falling as the hire ramps up.",
     "assumption: Brooks (1975) and Abdel-Hamid (1989) training overhead, 20% of a mentor"},
    {P::MoraleBaseline, "morale_baseline", "Baseline morale", "index 0-1", 0.0, 1.0, 0.65, false, G::People,
     "Morale an employee drifts back to without shocks.", "assumption: engagement surveys put about 2/3 engaged"},
    {P::MoraleReversionPerWeek, "morale_reversion_per_week", "Morale recovery", "share/week", 0.0, 1.0, 0.04,
     false, G::People, "Share of the gap to the baseline morale closed each week (about 4 months half-life at 0.04).",
     "assumption"},
    {P::MoraleNoiseSd, "morale_noise_sd", "Morale noise", "index/week", 0.0, 0.2, 0.02, false, G::People,
     "Standard deviation of week-to-week individual morale changes.", "assumption"},
    {P::MoraleChurnShock, "morale_churn_shock", "Colleague-quit shock", "index per 10% quit", 0.0, 0.5, 0.03, false,
     G::People, "Morale drop for each colleague when a team of ten loses one person; scales with the share of the unit that "
     "quit that week (churn is contagious).",
     "assumption: Felps et al. 2009 find turnover contagion within teams"},
    {P::LabourMarketTightness, "labour_market_tightness", "Labour-market tightness", "multiplier", 0.25, 4.0, 1.0,
     false, G::Environment,
     "Multiplies every quit hazard and time to fill: 1 is the calibration period; 1.5 a hot market.",
     "assumption: scenario lever"},
}};
}  // namespace

const std::array<ParamInfo, kParamCount>& ParamTable() { return kTable; }
const ParamInfo& Info(ParamId id) { return kTable[static_cast<std::size_t>(id)]; }

std::optional<ParamId> FindParam(std::string_view key) {
    for (const auto& p : kTable)
        if (key == p.key) return p.id;
    return std::nullopt;
}

const char* GroupName(ParamGroup g) {
    switch (g) {
        case ParamGroup::People: return "People";
        case ParamGroup::Environment: return "Environment";
    }
    return "?";
}

Params::Params() {
    for (std::size_t i = 0; i < kParamCount; ++i) v_[i] = kTable[i].def;
}

std::string Params::Set(ParamId id, double value) {
    const ParamInfo& p = Info(id);
    std::ostringstream os;
    if (!std::isfinite(value)) {
        os << p.key << " must be a finite number";
        return os.str();
    }
    if (value < p.min || value > p.max) {
        os << p.key << " = " << value << " is outside its range [" << p.min << ", " << p.max << "] (" << p.unit
           << ")";
        return os.str();
    }
    if (p.integer && value != std::floor(value)) {
        os << p.key << " = " << value << " must be a whole number";
        return os.str();
    }
    v_[static_cast<std::size_t>(id)] = value;
    return {};
}

bool Params::IsDefault(ParamId id) const { return Get(id) == Info(id).def; }

std::string ParamTableMarkdown() {
    std::ostringstream os;
    os << "# OrgSim parameters\n\nGenerated from `sim/params.cpp` by `orgsim params --markdown`; do not edit by "
          "hand.\n";
    for (ParamGroup g : {ParamGroup::People, ParamGroup::Environment}) {
        os << "\n## " << GroupName(g) << "\n\n| key | label | unit | range | default | meaning | source |\n"
           << "|---|---|---|---|---|---|---|\n";
        for (const auto& p : kTable) {
            if (p.group != g) continue;
            os << "| `" << p.key << "` | " << p.label << " | " << p.unit << " | " << p.min << " to " << p.max << " | "
               << p.def << " | " << p.doc << " | " << p.source << " |\n";
        }
    }
    return os.str();
}

}  // namespace orgsim
