// params.cpp: the rows of the parameter table (defaults from the calibration table of MODEL.md).
#include "sim/params.h"

#include <cmath>
#include <sstream>

namespace orgsim {

namespace {
using G = ParamGroup;
using P = ParamId;
using K = ParamKind;

const std::array<ParamInfo, kParamCount> kTable = {{
    {P::MartechBudgetOwner, "martech_budget_owner", "Martech budget owner", "choice", 0.0, 2.0, 0.0, K::Choice, G::Levers, "marketing|it|shared",
     "Who owns the marketing-technology budget. Marketing: marketing can buy tools itself (more shadow IT, faster). IT: requests must go through IT's queue. Shared: a joint budget that favours joint teams.",
     "MODEL.md levers; Gartner 2017-2024 (martech 22-29% of the marketing budget)"},
    {P::ShadowItPolicy, "shadow_it_policy", "Shadow-IT policy", "choice", 0.0, 2.0, 1.0, K::Choice, G::Levers, "ban|tolerate|institutionalise",
     "Ban: shadow tools are deterred, detected and shut down. Tolerate: marketing may buy what it wants. Institutionalise: an approved catalogue and sandbox vets tools, lowering their risk and easing integration.",
     "MODEL.md levers; Gartner via Everest, Flexera 2022 (shadow 25-40% of IT spend)"},
    {P::BusinessCaseThresholdKusd, "business_case_threshold_kusd", "Business-case threshold", "thousand USD", 0.0, 5000.0, 50.0, K::Real, G::Levers, nullptr,
     "Initiatives through IT whose estimated cost exceeds this need a business case: they wait for the next approval meeting and may be rejected. 0 = a business case for every initiative; 5000 = light touch.",
     "assumption: typical mid-size capital-approval thresholds"},
    {P::ApprovalCadenceWeeks, "approval_cadence_weeks", "Approval cadence", "weeks", 1.0, 13.0, 4.0, K::Integer, G::Levers, nullptr,
     "Weeks between the meetings that approve business cases.",
     "assumption: monthly investment committee"},
    {P::SharedKpis, "shared_kpis", "Shared IT-marketing KPIs", "yes/no", 0.0, 1.0, 0.0, K::Bool, G::Levers, nullptr,
     "IT and marketing are measured on shared goals: IT gives marketing requests more weight and trust builds.",
     "assumption: no study quantifies shared KPIs (stated in the UI)"},
    {P::CoLocation, "co_location", "Co-location", "choice", 0.0, 2.0, 0.0, K::Choice, G::Levers, "none|partial|full",
     "Whether IT and marketing sit together. Allen curve: contact is about 4x likelier at 2 m than at 20 m and fades beyond about 50 m; partial = some IT staff embedded in marketing.",
     "Allen 1977; Waber et al. 2014"},
    {P::SteeringCouncilWeeks, "steering_council_weeks", "Steering council cadence", "weeks (0 = none)", 0.0, 13.0, 0.0, K::Integer, G::Levers, nullptr,
     "Weeks between meetings of a joint IT-marketing steering council; 0 = no council. A council routes some ideas to joint teams and builds trust.",
     "assumption"},
    {P::CrossSkilledHiringShare, "cross_skilled_hiring_share", "Cross-skilled hiring", "share of hires", 0.0, 1.0, 0.1, K::Real, G::Levers, nullptr,
     "Share of new IT and marketing hires with both technology and marketing skills (raises cross-literacy).",
     "assumption: hiring profile lever"},
    {P::SecurityShareOfIt, "security_share_of_it", "Security share of IT budget", "share", 0.02, 0.3, 0.1, K::Real, G::Levers, nullptr,
     "Share of IT capacity and budget spent on security; the breach hazard scales with (0.10 / share)^0.5.",
     "Gartner/IANS: security about 6-14% of IT budgets; elasticity is an assumption"},
    {P::DigitalPace, "digital_pace", "Digital pace", "growth/year", 0.0, 0.5, 0.1, K::Real, G::Levers, nullptr,
     "Annual growth of marketing's demand for technology initiatives.",
     "IDC: IT-driven change in marketing expected to grow about 10% a year"},
    {P::RevenueMusd, "revenue_musd", "Revenue", "million USD/year", 1.0, 100000.0, 250.0, K::Real, G::Levers, nullptr,
     "Company revenue in year one (a 500-person company at about $500k per employee).",
     "assumption: US mid-market revenue per employee"},
    {P::IdeasPerWeek, "ideas_per_week", "Initiative ideas", "ideas/week per 100 marketers", 0.0, 20.0, 0.55, K::Real, G::Demand, nullptr,
     "Base rate at which marketing raises martech initiative ideas, per 100 marketing staff, in year one at full CMO drive; grows with digital pace.",
     "assumption: a 70-person marketing team raising about 100 ideas a year"},
    {P::InitiativeSizeMeanPw, "initiative_size_mean_pw", "Initiative size", "person-weeks", 1.0, 200.0, 10.0, K::Real, G::Demand, nullptr,
     "Mean effort of an initiative (gamma distributed, shape 2); integration and customer apps are twice the mean, campaign tools half.",
     "assumption"},
    {P::CmoVacancyDemandFactor, "cmo_vacancy_demand_factor", "Demand without a CMO", "multiplier", 0.0, 1.0, 0.6, K::Real, G::Demand, nullptr,
     "Idea rate while the CMO seat is vacant.",
     "assumption"},
    {P::ShadowBaseLogit, "shadow_base_logit", "Shadow-IT propensity", "logit", -6.0, 6.0, -0.6, K::Real, G::Routing, nullptr,
     "Log-odds that a shadow-feasible idea goes shadow when IT's lead time equals the tolerance and trust is zero.",
     "assumption, calibrated (with the budget-owner effect and the shadow tool cost) so that at the default (IT owns the martech budget) shadow spend is about 31% of martech spend after five years, inside 25-40% (Gartner via Everest: 30-40% in large firms; Flexera 2022: 25%), and about 53% when marketing owns the budget"},
    {P::ShadowLeadTimeWeight, "shadow_lead_time_weight", "Lead-time push to shadow", "logit/week", 0.0, 1.0, 0.1, K::Real, G::Routing, nullptr,
     "Added log-odds of going shadow per week of IT's expected lead time above the tolerance.",
     "assumption"},
    {P::ShadowToleranceWeeks, "shadow_tolerance_weeks", "Lead-time tolerance", "weeks", 0.0, 52.0, 8.0, K::Real, G::Routing, nullptr,
     "IT lead time marketing accepts before it looks elsewhere.",
     "assumption"},
    {P::ShadowTrustWeight, "shadow_trust_weight", "Trust pull to IT", "logit per unit trust", 0.0, 10.0, 2.5, K::Real, G::Routing, nullptr,
     "Log-odds removed from going shadow per unit of IT-marketing trust.",
     "assumption"},
    {P::ShadowBanDeterrence, "shadow_ban_deterrence", "Ban deterrence", "logit", 0.0, 10.0, 2.5, K::Real, G::Routing, nullptr,
     "Log-odds removed from going shadow under a ban.",
     "assumption"},
    {P::ShadowBanDetectionAnnual, "shadow_ban_detection_annual", "Ban detection", "share/year", 0.0, 1.0, 0.5, K::Real, G::Routing, nullptr,
     "Under a ban, the annual chance that a live shadow tool is found and shut down.",
     "assumption"},
    {P::ShadowOwnerEffect, "shadow_owner_effect", "Budget owner effect", "logit", 0.0, 5.0, 0.8, K::Real, G::Routing, nullptr,
     "Added log-odds of shadow when marketing owns the martech budget; removed when IT owns it.",
     "assumption: owning the budget makes buying easier but does not create the demand; 0.8 keeps a marketing-owned budget's shadow share (about 44%) above the IT-owned default and below a majority of martech spend"},
    {P::JointShareBridge, "joint_share_bridge", "Joint routing with bridges", "share", 0.0, 1.0, 0.35, K::Real, G::Routing, nullptr,
     "Share of integration, analytics and customer-app ideas routed to a joint team when a CDO or CMT exists (a steering council adds half of this, a shared budget a quarter).",
     "assumption"},
    {P::ItRunShareBase, "it_run_share_base", "IT run share", "share of capacity", 0.2, 0.9, 0.55, K::Real, G::Portfolio, nullptr,
     "Share of IT capacity spent keeping systems running with no martech systems live.",
     "Gartner run/grow/transform: run about 55-70% of IT spend"},
    {P::RunSharePerSystem, "run_share_per_system", "Run cost per system", "share per system", 0.0, 0.02, 0.0008, K::Real, G::Portfolio, nullptr,
     "Extra run share per live martech system; unintegrated systems count double (technical debt).",
     "assumption"},
    {P::MarketingShareCfo, "marketing_share_cfo", "Marketing share, CIO under CFO", "share of project capacity", 0.0, 1.0, 0.3, K::Real, G::Portfolio, nullptr,
     "Share of IT project capacity given to marketing requests when the CIO reports to the CFO (cost focus).",
     "assumption, ordered by State of the CIO 2006 / SIM 2012 priorities by reporting line"},
    {P::MarketingShareCoo, "marketing_share_coo", "Marketing share, CIO under COO", "share of project capacity", 0.0, 1.0, 0.35, K::Real, G::Portfolio, nullptr,
     "Same, CIO under the COO (operations focus).",
     "assumption (see above)"},
    {P::MarketingShareCeo, "marketing_share_ceo", "Marketing share, CIO under CEO", "share of project capacity", 0.0, 1.0, 0.5, K::Real, G::Portfolio, nullptr,
     "Same, CIO under the CEO (growth and balance).",
     "assumption (see above)"},
    {P::MarketingShareCdo, "marketing_share_cdo", "Marketing share, CIO under CDO", "share of project capacity", 0.0, 1.0, 0.6, K::Real, G::Portfolio, nullptr,
     "Same, CIO under a Chief Digital Officer.",
     "assumption (see above)"},
    {P::SharedKpiMarketingShareBonus, "shared_kpi_marketing_share_bonus", "Shared-KPI share bonus", "share", 0.0, 0.5, 0.1, K::Real, G::Portfolio, nullptr,
     "Added to marketing's share of IT project capacity under shared KPIs.",
     "assumption"},
    {P::RejectionCfo, "rejection_cfo", "Rejection, CIO under CFO", "share of business cases", 0.0, 1.0, 0.3, K::Real, G::Portfolio, nullptr,
     "Chance a business case for a marketing request is rejected when the CIO reports to the CFO.",
     "assumption"},
    {P::RejectionCoo, "rejection_coo", "Rejection, CIO under COO", "share of business cases", 0.0, 1.0, 0.2, K::Real, G::Portfolio, nullptr,
     "Same, CIO under the COO.",
     "assumption"},
    {P::RejectionCeo, "rejection_ceo", "Rejection, CIO under CEO", "share of business cases", 0.0, 1.0, 0.1, K::Real, G::Portfolio, nullptr,
     "Same, CIO under the CEO.",
     "assumption"},
    {P::RejectionCdo, "rejection_cdo", "Rejection, CIO under CDO", "share of business cases", 0.0, 1.0, 0.08, K::Real, G::Portfolio, nullptr,
     "Same, CIO under a CDO.",
     "assumption"},
    {P::TeamSizeMax, "team_size_max", "Team size", "FTE", 1.0, 20.0, 3.0, K::Real, G::Execution, nullptr,
     "Largest team put on one initiative.",
     "assumption"},
    {P::BrooksOverheadPerMember, "brooks_overhead_per_member", "Communication overhead", "share per extra member", 0.0, 0.2, 0.05, K::Real, G::Execution, nullptr,
     "Each member beyond the first costs the team this share of its effort (pairwise communication, about n^2).",
     "Brooks 1975; Abdel-Hamid 1989"},
    {P::OrgDistanceOverhead, "org_distance_overhead", "Org-distance overhead", "share per reporting step", 0.0, 0.2, 0.04, K::Real, G::Execution, nullptr,
     "Effort lost per reporting-line step between the CMO's and the CIO's units on IT-built marketing initiatives (fewer steps with a shared boss or a dotted line).",
     "assumption (Allen 1977: communication falls with distance)"},
    {P::ShadowSpeedFactor, "shadow_speed_factor", "Shadow speed", "multiplier", 0.1, 5.0, 2.0, K::Real, G::Execution, nullptr,
     "A SaaS tool bought outside IT needs this many times less effort than building through IT.",
     "assumption"},
    {P::JointIntegrationBase, "joint_integration_base", "Joint integration", "quality 0-1", 0.0, 1.0, 0.6, K::Real, G::Execution, nullptr,
     "Integration quality of joint-team work with no cross-literacy; rises to 1 with full cross-literacy.",
     "assumption"},
    {P::TrustEffortEffect, "trust_effort_effect", "Trust effect on delivery", "share per unit trust", 0.0, 2.0, 0.6, K::Real, G::Execution, nullptr,
     "IT and joint teams deliver marketing work faster with trust: effort is multiplied by 1 + effect x (trust - 0.3), fewer hand-offs and reworked requirements.",
     "assumption (Accenture 2013 links CMO-CIO collaboration to delivery)"},
    {P::ColocationDistanceRelief, "colocation_distance_relief", "Co-location relief", "share", 0.0, 1.0, 0.5, K::Real, G::Execution, nullptr,
     "Share of the org-distance overhead removed by full co-location (40% of it for partial).",
     "Allen 1977; Waber et al. 2014; size is an assumption"},
    {P::CxInitial, "cx_initial", "Initial customer experience", "index 0-100", 0.0, 100.0, 60.0, K::Real, G::Value, nullptr,
     "Customer-experience index at the start (also its long-run floor without renewal).",
     "assumption: Forrester CX Index scale"},
    {P::CxGainPerLaunch, "cx_gain_per_launch", "CX gain per launch", "index points", 0.0, 10.0, 0.5, K::Real, G::Value, nullptr,
     "CX gain of a fully integrated customer-facing launch.",
     "assumption"},
    {P::CxDecayPerWeek, "cx_decay_per_week", "CX decay", "share/week", 0.0, 0.1, 0.01, K::Real, G::Value, nullptr,
     "Share of CX above its start value lost each week without renewal.",
     "assumption"},
    {P::CxRevenueElasticity, "cx_revenue_elasticity", "CX revenue effect", "share per 10 points", 0.0, 0.2, 0.03, K::Real, G::Value, nullptr,
     "Revenue change per 10 CX points above the start.",
     "assumption, in the range of Forrester CX-revenue studies"},
    {P::IntegrationValueBonus, "integration_value_bonus", "Integration bonus", "multiplier", 0.0, 2.0, 0.5, K::Real, G::Value, nullptr,
     "Value of an initiative scales with 1 + bonus x (integration - 0.5): integrated systems are worth more than silos.",
     "assumption (\"connect the dots\")"},
    {P::DataDrivenProductivity, "data_driven_productivity", "Data-driven productivity", "share", 0.0, 0.2, 0.05, K::Real, G::Value, nullptr,
     "Productivity and output gain of a fully data-driven firm against none.",
     "Brynjolfsson, Hitt & Kim 2011; McAfee & Brynjolfsson 2012"},
    {P::DataCapabilityPerLaunch, "data_capability_per_launch", "Data capability per launch", "capability 0-1", 0.0, 0.2, 0.03, K::Real, G::Value, nullptr,
     "Data-driven capability gained per integrated analytics or integration launch (scaled by integration).",
     "assumption"},
    {P::DataCapabilityDecay, "data_capability_decay", "Data capability decay", "share/week", 0.0, 0.05, 0.002, K::Real, G::Value, nullptr,
     "Weekly decay of data capability (staff leave, data goes stale).",
     "assumption"},
    {P::BreachAnnualBase, "breach_annual_base", "Material breach rate", "share/year", 0.0, 1.0, 0.11, K::Real, G::Security, nullptr,
     "Annual chance of a material breach with no shadow exposure and a 10% security share.",
     "IBM/Ponemon 2018-2025: about 15% a year including exposure; 11% before exposure, so that the default, with its shadow tools, has about 14-15% a year"},
    {P::ExposurePerUnvettedTool, "exposure_per_unvetted_tool", "Exposure per unvetted tool", "hazard share", 0.0, 0.2, 0.06, K::Real, G::Security, nullptr,
     "Each live unvetted tool raises the breach hazard by this share.",
     "Gartner 2016: a third of successful attacks on enterprises would be on their shadow-IT resources; with the default's typical 5-10 live shadow tools, 0.06 each makes a quarter to a third of its breach hazard come from shadow exposure (size per tool an assumption)"},
    {P::InstitutionalisedExposureFactor, "institutionalised_exposure_factor", "Catalogue risk factor", "multiplier", 0.0, 1.0, 0.25, K::Real, G::Security, nullptr,
     "Exposure of a tool vetted through an institutionalised catalogue, relative to an unvetted one.",
     "assumption"},
    {P::CatalogueVettingWeeks, "catalogue_vetting_weeks", "Catalogue vetting", "weeks", 0.0, 26.0, 3.0, K::Real, G::Security, nullptr,
     "Under an institutionalised policy, weeks IT takes to vet a tool for the catalogue before marketing can start using it.",
     "assumption"},
    {P::BreachCostMeanMusd, "breach_cost_mean_musd", "Breach cost", "million USD", 0.0, 100.0, 4.4, K::Real, G::Security, nullptr,
     "Mean cost of a material breach (gamma, shape 2).",
     "IBM/Ponemon: $4.4-4.9M"},
    {P::SocialAmplification, "social_amplification", "Social-media amplification", "multiplier", 1.0, 5.0, 1.5, K::Real, G::Security, nullptr,
     "Multiplies the CX hit of an incident (customers' voice on social media).",
     "assumption"},
    {P::BreachCxHit, "breach_cx_hit", "Breach CX hit", "index points", 0.0, 30.0, 4.0, K::Real, G::Security, nullptr,
     "CX loss of a material breach before amplification.",
     "assumption"},
    {P::TrustInitial, "trust_initial", "Initial trust", "index 0-1", 0.0, 1.0, 0.3, K::Real, G::Trust, nullptr,
     "IT-marketing trust at the start.",
     "Accenture 2013: only about 10% say CMO-CIO collaboration is at the right level"},
    {P::TrustAdjustPerWeek, "trust_adjust_per_week", "Trust adjustment", "share/week", 0.0, 0.2, 0.015, K::Real, G::Trust, nullptr,
     "Share of the gap to the structural trust level closed each week (months of lag).",
     "assumption"},
    {P::TrustBase, "trust_base", "Structural trust", "index 0-1", 0.0, 1.0, 0.3, K::Real, G::Trust, nullptr,
     "Trust level a structure settles at with no bridges, shared KPIs, co-location or council.",
     "assumption"},
    {P::TrustSharedKpiEffect, "trust_shared_kpi_effect", "Shared-KPI trust", "index", 0.0, 0.5, 0.12, K::Real, G::Trust, nullptr,
     "Structural trust added by shared KPIs.",
     "assumption"},
    {P::TrustColocationEffect, "trust_colocation_effect", "Co-location trust", "index", 0.0, 0.5, 0.15, K::Real, G::Trust, nullptr,
     "Structural trust added by full co-location (partial adds 40%).",
     "Allen 1977 (contact 4x at 2 m); size is an assumption"},
    {P::TrustCouncilEffect, "trust_council_effect", "Council trust", "index", 0.0, 0.5, 0.08, K::Real, G::Trust, nullptr,
     "Structural trust added by a monthly steering council (scaled by 4 / cadence).",
     "assumption"},
    {P::TrustBridgeEffect, "trust_bridge_effect", "Bridge-role trust", "index", 0.0, 0.5, 0.1, K::Real, G::Trust, nullptr,
     "Structural trust added by a CDO or a CMT (each; capped at 1).",
     "assumption"},
    {P::TrustDistancePenalty, "trust_distance_penalty", "Distance trust penalty", "index per step", 0.0, 0.2, 0.03, K::Real, G::Trust, nullptr,
     "Structural trust lost per reporting step beyond 2 between the CMO's and CIO's units.",
     "assumption"},
    {P::TrustJointSuccess, "trust_joint_success", "Trust per joint success", "index", 0.0, 0.2, 0.006, K::Real, G::Trust, nullptr,
     "Trust gained per joint or IT launch of a marketing initiative.",
     "assumption"},
    {P::TrustRejectionLoss, "trust_rejection_loss", "Trust lost per rejection", "index", 0.0, 0.2, 0.01, K::Real, G::Trust, nullptr,
     "Trust lost per rejected marketing request (and per request that waits more than twice the tolerance).",
     "assumption"},
    {P::TrustIncidentLoss, "trust_incident_loss", "Trust lost per incident", "index", 0.0, 0.5, 0.06, K::Real, G::Trust, nullptr,
     "Trust lost per security incident (blame).",
     "assumption"},
    {P::TrustExecChurnLoss, "trust_exec_churn_loss", "Trust lost per exec change", "index", 0.0, 0.5, 0.04, K::Real, G::Trust, nullptr,
     "Trust lost when the CIO, CMO, CDO or CMT changes.",
     "assumption"},
    {P::TurnoverItAnnual, "turnover_it_annual", "IT staff turnover", "share/year", 0.0, 0.6, 0.11, K::Real, G::People, nullptr,
     "Annual turnover rate of IT staff at baseline morale: resignations per average headcount, as surveys report it. The weekly quit hazard is rate/52, scaled by morale and the labour market.",
     "LinkedIn 2018, 2022: IT/technology turnover about 9-13% a year"},
    {P::TurnoverMarketingAnnual, "turnover_marketing_annual", "Marketing staff turnover", "share/year", 0.0, 0.6, 0.15, K::Real, G::People, nullptr,
     "Annual turnover rate of marketing staff at baseline morale (resignations per average headcount).",
     "LinkedIn 2018, 2022: marketing turnover 13-17% a year"},
    {P::TurnoverOtherAnnual, "turnover_other_annual", "Other staff turnover", "share/year", 0.0, 0.6, 0.11, K::Real, G::People, nullptr,
     "Annual turnover rate of all other functions (executive office, finance, ...) at baseline morale.",
     "LinkedIn 2018, 2022: all functions about 11% a year"},
    {P::MoraleQuitElasticity, "morale_quit_elasticity", "Morale effect on quitting", "per unit morale", 0.0, 6.0, 2.0, K::Real, G::People, nullptr,
     "Quit hazard is multiplied by exp(elasticity x (baseline morale - morale)); at 2, an employee 0.2 below the baseline quits about 1.5x as often.",
     "assumption: job-satisfaction studies find dissatisfied staff quit 1.5-2x as often"},
    {P::TimeToFillItDays, "time_to_fill_it_days", "Time to fill, IT", "days", 1.0, 365.0, 44.0, K::Real, G::People, nullptr,
     "Mean calendar days from a resignation to the replacement's start for IT roles (exponential).",
     "SHRM 2016-17; LinkedIn: IT about 44 days"},
    {P::TimeToFillOtherDays, "time_to_fill_other_days", "Time to fill, other", "days", 1.0, 365.0, 38.0, K::Real, G::People, nullptr,
     "Mean calendar days to fill a vacancy outside IT (exponential).",
     "SHRM 2016-17; LinkedIn: 36-44 days"},
    {P::RampUpMonths, "ramp_up_months", "New-hire ramp-up", "months", 0.0, 24.0, 6.0, K::Real, G::People, nullptr,
     "Months for a new hire to reach full productivity; productivity rises linearly from 25% to 100%.",
     "engineers' survey 2020: 3-9 months"},
    {P::MentorCostShare, "mentor_cost_share", "Mentoring cost", "share of a colleague", 0.0, 1.0, 0.2, K::Real, G::People, nullptr,
     "Share of one experienced colleague's time a ramping new hire consumes, falling as the hire ramps up.",
     "assumption: Brooks (1975) and Abdel-Hamid (1989) training overhead, 20% of a mentor"},
    {P::MoraleBaseline, "morale_baseline", "Baseline morale", "index 0-1", 0.0, 1.0, 0.65, K::Real, G::People, nullptr,
     "Morale an employee drifts back to without shocks.",
     "assumption: engagement surveys put about 2/3 engaged or neutral"},
    {P::MoraleReversionPerWeek, "morale_reversion_per_week", "Morale recovery", "share/week", 0.0, 1.0, 0.04, K::Real, G::People, nullptr,
     "Share of the gap to the baseline morale closed each week (about 4 months half-life at 0.04).",
     "assumption"},
    {P::MoraleNoiseSd, "morale_noise_sd", "Morale noise", "index/week", 0.0, 0.2, 0.02, K::Real, G::People, nullptr,
     "Standard deviation of week-to-week individual morale changes.",
     "assumption"},
    {P::MoraleChurnShock, "morale_churn_shock", "Colleague-quit shock", "index per 10% quit", 0.0, 0.5, 0.03, K::Real, G::People, nullptr,
     "Morale drop for each colleague when a team of ten loses one person; scales with the share of the unit that quit that week (churn is contagious).",
     "assumption: Felps et al. 2009 find turnover contagion within teams"},
    {P::LabourMarketTightness, "labour_market_tightness", "Labour-market tightness", "multiplier", 0.25, 4.0, 1.0, K::Real, G::Environment, nullptr,
     "Multiplies every quit hazard and time to fill: 1 is the calibration period; 1.5 a hot market.",
     "assumption: scenario lever"},
    {P::MoraleWorkloadEffect, "morale_workload_effect", "Workload morale effect", "index/week at full overload", 0.0, 0.05, 0.006, K::Real, G::People, nullptr,
     "Weekly morale loss of IT staff when marketing's queue is twice IT's capacity for it (linear in overload).",
     "assumption"},
    {P::MoraleSuccessEffect, "morale_success_effect", "Success morale effect", "index per launch", 0.0, 0.05, 0.002, K::Real, G::People, nullptr,
     "Morale gain of marketing and IT staff per marketing launch that week.",
     "assumption"},
    {P::MoraleConflictEffect, "morale_conflict_effect", "Conflict morale effect", "index/week per unit trust", 0.0, 0.1, 0.02, K::Real, G::People, nullptr,
     "Weekly morale change of IT and marketing staff per unit of trust below (or above) the initial-trust calibration level of 0.3.",
     "assumption"},
    {P::MoraleExecChurnShock, "morale_exec_churn_shock", "Exec-churn morale shock", "index", 0.0, 0.3, 0.05, K::Real, G::People, nullptr,
     "Morale drop of a unit's staff when an executive above them leaves.",
     "assumption"},
    {P::MoraleShadowBanShock, "morale_shadow_ban_shock", "Shut-down tool shock", "index", 0.0, 0.3, 0.03, K::Real, G::People, nullptr,
     "Morale drop of marketing staff when a shadow tool is found and shut down under a ban.",
     "assumption"},
    {P::ReplacementCostShare, "replacement_cost_share", "Replacement cost", "share of salary", 0.0, 1.0, 0.21, K::Real, G::People, nullptr,
     "Cost of replacing an employee who quits.",
     "Boushey & Glynn 2012: median about 21% of annual salary"},
    {P::SalaryItKusd, "salary_it_kusd", "IT salary", "thousand USD/year", 20.0, 500.0, 115.0, K::Real, G::People, nullptr,
     "Mean loaded salary of IT staff.",
     "assumption: US BLS occupational wages, rounded"},
    {P::SalaryMarketingKusd, "salary_marketing_kusd", "Marketing salary", "thousand USD/year", 20.0, 500.0, 95.0, K::Real, G::People, nullptr,
     "Mean loaded salary of marketing staff.",
     "assumption: US BLS occupational wages, rounded"},
    {P::SalaryOtherKusd, "salary_other_kusd", "Other salary", "thousand USD/year", 20.0, 500.0, 75.0, K::Real, G::People, nullptr,
     "Mean loaded salary of other staff.",
     "assumption: US BLS occupational wages, rounded"},
    {P::CioExitAnnual, "cio_exit_annual", "CIO exit hazard", "share/year", 0.0, 2.0, 0.2, K::Real, G::Executives, nullptr,
     "CIO's annual exit hazard at zero pressure.",
     "Korn Ferry 2017: CIO tenure about 4.3 years (hazard about 0.23 a year)"},
    {P::CmoExitAnnual, "cmo_exit_annual", "CMO exit hazard", "share/year", 0.0, 2.0, 0.28, K::Real, G::Executives, nullptr,
     "CMO's annual exit hazard at zero pressure.",
     "Spencer Stuart 2021-2025: median tenure about 25 months at top advertisers, 4.2-4.5 years in the Fortune 500"},
    {P::OtherExecExitAnnual, "other_exec_exit_annual", "Other executives' exit hazard", "share/year", 0.0, 2.0, 0.15, K::Real, G::Executives, nullptr,
     "Annual exit hazard of the CEO, CFO, COO, CDO, CMT and CISO.",
     "assumption: C-suite tenure about 5-7 years"},
    {P::PressureExitElasticity, "pressure_exit_elasticity", "Pressure effect on exits", "per unit pressure", 0.0, 5.0, 1.0, K::Real, G::Executives, nullptr,
     "Exit hazard is multiplied by exp(elasticity x pressure).",
     "assumption"},
    {P::PressureDecayPerWeek, "pressure_decay_per_week", "Pressure decay", "share/week", 0.0, 0.5, 0.03, K::Real, G::Executives, nullptr,
     "Share of an executive's pressure that fades each week.",
     "assumption"},
    {P::ExecVacancyWeeks, "exec_vacancy_weeks", "Executive search", "weeks", 1.0, 104.0, 18.0, K::Real, G::Executives, nullptr,
     "Mean weeks to appoint a successor (exponential, at least 4).",
     "assumption: executive searches take 4-6 months"},
    {P::SuccessorStopShare, "successor_stop_share", "Successor stops initiatives", "share", 0.0, 1.0, 0.3, K::Real, G::Executives, nullptr,
     "Share of in-flight marketing initiatives a new CMO (or CDO) stops; the rest lose a third of their progress.",
     "assumption"},
    {P::BridgeSalaryKusd, "bridge_salary_kusd", "Bridge-role cost", "thousand USD/year", 0.0, 2000.0, 420.0, K::Real, G::Executives, nullptr,
     "Loaded cost of a CDO or CMT and their office.",
     "assumption: executive compensation surveys"},
    {P::BudgetGrowthCfo, "budget_growth_cfo", "IT budget growth, CIO under CFO", "share/year", -0.2, 0.3, 0.01, K::Real, G::Budget, nullptr,
     "Annual change of IT's budget set at the budget cycle when the CIO reports to the CFO.",
     "assumption: CFO-led IT is run as a cost centre"},
    {P::BudgetGrowthCoo, "budget_growth_coo", "IT budget growth, CIO under COO", "share/year", -0.2, 0.3, 0.02, K::Real, G::Budget, nullptr,
     "Same, CIO under the COO.",
     "assumption"},
    {P::BudgetGrowthCeo, "budget_growth_ceo", "IT budget growth, CIO under CEO", "share/year", -0.2, 0.3, 0.04, K::Real, G::Budget, nullptr,
     "Same, CIO under the CEO.",
     "assumption"},
    {P::BudgetGrowthCdo, "budget_growth_cdo", "IT budget growth, CIO under CDO", "share/year", -0.2, 0.3, 0.05, K::Real, G::Budget, nullptr,
     "Same, CIO under a CDO.",
     "assumption"},
    {P::OtherCostShare, "other_cost_share", "Other costs", "share of revenue", 0.0, 1.0, 0.78, K::Real, G::Budget, nullptr,
     "All costs other than IT, marketing, bridge roles, incidents and replacement, as a share of revenue.",
     "assumption: about 8% operating margin at the start"},
    {P::ShadowToolCostKusd, "shadow_tool_cost_kusd", "Shadow tool cost", "thousand USD/year", 0.0, 1000.0, 120.0, K::Real, G::Budget, nullptr,
     "Annual cost of a live shadow tool, paid from marketing's budget: subscription plus the agency or contractor services to set it up and run it.",
     "assumption: mid-market SaaS pricing (about $70k a year) plus about as much again in agency and contractor services"},
    {P::OpsSavingPerItFteMusd, "ops_saving_per_it_fte_musd", "Operations saving per IT FTE", "million USD/year per FTE", 0.0, 2.0, 0.3, K::Real, G::Budget, nullptr,
     "Annual saving in other costs from each FTE of IT project capacity spent on the rest of the business (automation, process systems): the opportunity cost of giving marketing more of IT.",
     "assumption: IT project returns of about 2-3x their cost"},
    {P::ColocationCostMusd, "colocation_cost_musd", "Co-location cost", "million USD/year", 0.0, 10.0, 0.5, K::Real, G::Budget, nullptr,
     "Annual cost of full co-location (space, moves, lost flexibility; 40% of it for partial).",
     "assumption"},
    {P::CouncilCostMusd, "council_cost_musd", "Steering council cost", "million USD/year", 0.0, 5.0, 0.25, K::Real, G::Budget, nullptr,
     "Annual cost of executives' and managers' time in a monthly steering council (scaled by 4 / cadence).",
     "assumption"},
    {P::RevenueGrowthAnnual, "revenue_growth_annual", "Market growth", "share/year", -0.2, 0.3, 0.03, K::Real, G::Environment, nullptr,
     "Revenue growth with CX and data capability unchanged.",
     "assumption"},
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
    static const char* const kNames[kParamGroupCount] = {"Levers", "Demand", "Routing and governance",
                                                        "IT portfolio and approvals", "Execution", "Value",
                                                        "Security and fragmentation", "Trust and collaboration",
                                                        "People", "Executives", "Budget cycle", "Environment"};
    return kNames[static_cast<int>(g)];
}

std::vector<std::string> Options(ParamId id) {
    std::vector<std::string> out;
    const char* o = Info(id).options;
    if (o == nullptr) return out;
    std::string cur;
    for (const char* c = o; *c != '\0'; ++c) {
        if (*c == '|') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += *c;
        }
    }
    out.push_back(cur);
    return out;
}

int OptionIndex(ParamId id, std::string_view name) {
    const auto opts = Options(id);
    for (std::size_t i = 0; i < opts.size(); ++i)
        if (opts[i] == name) return static_cast<int>(i);
    return -1;
}

std::string FormatValue(ParamId id, double v) {
    const ParamInfo& p = Info(id);
    if (p.kind == ParamKind::Bool) return v != 0.0 ? "yes" : "no";
    if (p.kind == ParamKind::Choice) {
        const auto opts = Options(id);
        const auto i = static_cast<std::size_t>(v);
        return i < opts.size() ? opts[i] : "?";
    }
    std::ostringstream os;
    os << v;
    return os.str();
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
    if (p.kind != ParamKind::Real && value != std::floor(value)) {
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
          "hand. Levers are set in a scenario's `levers` object, the others in `parameters`. Where the source "
          "says \"assumption\", no published study gives the number.\n";
    for (int gi = 0; gi < kParamGroupCount; ++gi) {
        const auto g = static_cast<ParamGroup>(gi);
        os << "\n## " << GroupName(g) << "\n\n| key | label | unit | range | default | meaning | source |\n"
           << "|---|---|---|---|---|---|---|\n";
        for (const auto& p : kTable) {
            if (p.group != g) continue;
            os << "| `" << p.key << "` | " << p.label << " | " << p.unit << " | ";
            if (p.kind == ParamKind::Choice) {
                const auto opts = Options(p.id);
                for (std::size_t i = 0; i < opts.size(); ++i) os << (i ? ", " : "") << "`" << opts[i] << "`";
            } else if (p.kind == ParamKind::Bool) {
                os << "`true`, `false`";
            } else {
                os << p.min << " to " << p.max;
            }
            os << " | " << FormatValue(p.id, p.def) << " | " << p.doc << " | " << p.source << " |\n";
        }
    }
    return os.str();
}

}  // namespace orgsim
