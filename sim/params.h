// params.h: the one parameter table. Every number the model uses is declared here once, with its
// key, label, unit, range, default, documentation and source; the scenario reader, the CLI's
// --set, the UI's controls and docs/parameters.md all loop over this table.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orgsim {

/// Which part of the model a parameter belongs to (groups controls in the UI and the docs).
enum class ParamGroup { Levers, Demand, Routing, Portfolio, Execution, Value, Security, Trust, People, Executives, Budget, Environment };
constexpr int kParamGroupCount = 12;

/// How a value is written in a scenario and shown in the UI.
enum class ParamKind { Real, Integer, Bool, Choice };

/// Parameter identifiers. The order is the order of kParamTable.
enum class ParamId : int {
    // Levers
    MartechBudgetOwner,
    ShadowItPolicy,
    BusinessCaseThresholdKusd,
    ApprovalCadenceWeeks,
    SharedKpis,
    CoLocation,
    SteeringCouncilWeeks,
    CrossSkilledHiringShare,
    SecurityShareOfIt,
    DigitalPace,
    RevenueMusd,
    // Demand
    IdeasPerWeek,
    InitiativeSizeMeanPw,
    CmoVacancyDemandFactor,
    // Routing
    ShadowBaseLogit,
    ShadowLeadTimeWeight,
    ShadowToleranceWeeks,
    ShadowTrustWeight,
    ShadowBanDeterrence,
    ShadowBanDetectionAnnual,
    ShadowOwnerEffect,
    JointShareBridge,
    // Portfolio
    ItRunShareBase,
    RunSharePerSystem,
    // Execution
    TeamSizeMax,
    BrooksOverheadPerMember,
    OrgDistanceOverhead,
    ShadowSpeedFactor,
    JointIntegrationBase,
    TrustEffortEffect,
    ColocationDistanceRelief,
    // Value
    CxInitial,
    CxGainPerLaunch,
    CxDecayPerWeek,
    CxRevenueElasticity,
    IntegrationValueBonus,
    DataDrivenProductivity,
    DataCapabilityPerLaunch,
    DataCapabilityDecay,
    // Security
    BreachAnnualBase,
    ExposurePerUnvettedTool,
    InstitutionalisedExposureFactor,
    CatalogueVettingWeeks,
    BreachCostMeanMusd,
    SocialAmplification,
    BreachCxHit,
    // Trust
    TrustInitial,
    TrustAdjustPerWeek,
    TrustBase,
    TrustSharedKpiEffect,
    TrustColocationEffect,
    TrustCouncilEffect,
    TrustBridgeEffect,
    TrustDistancePenalty,
    TrustJointSuccess,
    TrustRejectionLoss,
    TrustIncidentLoss,
    TrustExecChurnLoss,
    // People
    TurnoverItAnnual,
    TurnoverMarketingAnnual,
    TurnoverOtherAnnual,
    MoraleQuitElasticity,
    TimeToFillItDays,
    TimeToFillOtherDays,
    RampUpMonths,
    MentorCostShare,
    MoraleBaseline,
    MoraleReversionPerWeek,
    MoraleNoiseSd,
    MoraleChurnShock,
    // Environment
    LabourMarketTightness,
    // People
    MoraleWorkloadEffect,
    MoraleSuccessEffect,
    MoraleConflictEffect,
    MoraleExecChurnShock,
    MoraleShadowBanShock,
    ReplacementCostShare,
    SalaryItKusd,
    SalaryMarketingKusd,
    SalaryOtherKusd,
    // Executives
    CioExitAnnual,
    CmoExitAnnual,
    OtherExecExitAnnual,
    PressureExitElasticity,
    PressureDecayPerWeek,
    ExecVacancyWeeks,
    SuccessorStopShare,
    BridgeSalaryKusd,
    // Budget
    OtherCostShare,
    ShadowToolCostKusd,
    OpsSavingPerItFteMusd,
    ColocationCostMusd,
    CouncilCostMusd,
    // Environment
    RevenueGrowthAnnual,
    // Model 2 (appended by group; the table's order is the docs' order within a group)
    StartSmallWeeks, StartSmallMaxPw, StartSmallJointShare, TrustItDelivery,
    // Demand
    IdeaShareCampaign, IdeaShareAnalytics, IdeaShareApp, IdeaShareIntegration, IdeaShareSecurity,
    SizeFactorCampaign, SizeFactorAnalytics, SizeFactorApp, SizeFactorIntegration, SizeFactorSecurity,
    InitiativeSizeShape, InitiativeSizeMinPw, IdeaRoiMedian, IdeaRoiLogSd, StatedRoiOptimism, IdeaRiskMean,
    // Routing (the CMO's choice)
    CmoWaitMemory, CmoExpectedWaitInitialWeeks, CmoPressureUrgency, QuickWinWeeks, QuickWinUrgency,
    ShadowSkillMin, MarketerTechTimeShare, RequestWithdrawWeeks,
    // Portfolio (the CIO's allocation and approvals)
    CioBossAlignment, SharedKpiCmoWeight, MarketingAllocFloor, MarketingAllocSpan, ApprovalHurdleRoi,
    ApprovalHurdleElasticity, BusinessCaseWeeks, BusinessCaseNoiseLogSd, RunShareMax, SystemLifeWeeks,
    // Execution
    NewHireStartProductivity, MoraleEffortSlope, TechSkillReference, ContractorEffectiveness,
    ItIntegrationMin, ShadowIntegrationMin, CatalogueIntegrationMin, IntegrationNoise, IntegratedThreshold,
    // Value
    CxFloorBelowStart, CampaignCxWeight,
    // Security
    SecurityReferenceShare, SecurityHazardElasticity, ExposurePerItSystem, BreachCostShape, PressureIncidentBlamed, PressureIncidentOthers,
    // Trust
    TrustReference, ColocationPartialContact, CouncilReferenceWeeks, TrustCrossLiteracyEffect, CrossLiteracyReference,
    // People
    CrossSkillSalaryPremium, HireMoraleBonus, MoraleRejectionShock, MoraleBanFrustration, InitialMoraleSpread, SkillPrimaryMin, SkillPrimarySpan, SkillSecondaryMin,
    SkillSecondarySpan, SkillCrossMin, SkillCrossSpan,
    // Executives (scorecards: weights on cost, stability/security, growth/CX, speed/innovation)
    ScorecardCeoCost, ScorecardCeoStability, ScorecardCeoGrowth, ScorecardCeoSpeed,
    ScorecardCfoCost, ScorecardCfoStability, ScorecardCfoGrowth, ScorecardCfoSpeed,
    ScorecardCooCost, ScorecardCooStability, ScorecardCooGrowth, ScorecardCooSpeed,
    ScorecardCdoCost, ScorecardCdoStability, ScorecardCdoGrowth, ScorecardCdoSpeed,
    ScorecardCioCost, ScorecardCioStability, ScorecardCioGrowth, ScorecardCioSpeed,
    ScorecardCmoCost, ScorecardCmoStability, ScorecardCmoGrowth, ScorecardCmoSpeed,
    ExecVacancyMinWeeks, SuccessorSetbackShare, CmoCxTargetGain, PressureCxGapPerPoint, PressurePerRejection, PressureItLead,
    PressureItLeadCap, PressureAttributionMin,
    // Budget
    ContractorCostKusd, ItLicenceKusd, BudgetGrowthBase, BudgetGrowthSensitivity, BudgetCostTrim,
    ItSpendBenchmarkShare, CxReferencePoints,
    Count
};

constexpr std::size_t kParamCount = static_cast<std::size_t>(ParamId::Count);

/// One row of the parameter table. All strings are static literals.
struct ParamInfo {
    ParamId id;
    const char* key;       ///< stable snake_case key used in JSON and --set
    const char* label;     ///< short human label for the UI
    const char* unit;      ///< unit of the value ("share/year", "days", ...)
    double min;            ///< smallest accepted value (inclusive)
    double max;            ///< largest accepted value (inclusive)
    double def;            ///< default (the calibration of MODEL.md)
    ParamKind kind;        ///< Real, Integer, Bool (0/1) or Choice (index into options)
    ParamGroup group;
    const char* options;   ///< Choice only: "a|b|c" (value = index); nullptr otherwise
    const char* doc;       ///< what it means and how the model uses it
    const char* source;    ///< public source, or "assumption" with a reason
};

/// The table, in ParamId order.
const std::array<ParamInfo, kParamCount>& ParamTable();
const ParamInfo& Info(ParamId id);
/// Find a row by key; nullopt if unknown.
std::optional<ParamId> FindParam(std::string_view key);
const char* GroupName(ParamGroup g);
/// Choice parameters: the option names ("ban", "tolerate", ...); empty for other kinds.
std::vector<std::string> Options(ParamId id);
/// The option index for a name, or -1.
int OptionIndex(ParamId id, std::string_view name);
/// A value as a user reads it ("tolerate", "yes", "0.11").
std::string FormatValue(ParamId id, double v);
/// Decimals that show a value of this parameter without noise, from its range (0 for whole numbers,
/// choices and switches): the precision of the app's sliders and of a class's result codes.
int DisplayDecimals(const ParamInfo& info);

/// A full set of parameter values (defaults unless overridden).
class Params {
public:
    Params();
    double Get(ParamId id) const { return v_[static_cast<std::size_t>(id)]; }
    double operator[](ParamId id) const { return Get(id); }
    /// Set a value; returns an error message if it is outside the table's range, else empty.
    std::string Set(ParamId id, double value);
    bool IsDefault(ParamId id) const;
    bool operator==(const Params& o) const { return v_ == o.v_; }
    bool operator!=(const Params& o) const { return !(*this == o); }

private:
    std::array<double, kParamCount> v_;
};

/// A parameter of an earlier model that Model 2 removed: why, and what now produces its effect
/// (nullptr for any other key). Scenario files that set one still open, with a notice.
const char* RemovedParamReason(std::string_view key);

/// Markdown of the whole table (docs/parameters.md and `orgsim params --markdown`).
std::string ParamTableMarkdown();

}  // namespace orgsim
