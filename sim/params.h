// params.h: the one parameter table. Every number the model uses is declared here once, with its
// key, label, unit, range, default, documentation and source; the scenario reader, the CLI's
// --set, the UI's controls and docs/parameters.md all loop over this table.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace orgsim {

/// Which part of the model a parameter belongs to (groups controls in the UI and the docs).
enum class ParamGroup { People, Environment };

/// Parameter identifiers. The order is the order of kParamTable.
enum class ParamId : int {
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
    LabourMarketTightness,
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
    bool integer;          ///< the value must be a whole number
    ParamGroup group;
    const char* doc;       ///< what it means and how the model uses it
    const char* source;    ///< public source, or "assumption" with a reason
};

/// The table, in ParamId order.
const std::array<ParamInfo, kParamCount>& ParamTable();
const ParamInfo& Info(ParamId id);
/// Find a row by key; nullopt if unknown.
std::optional<ParamId> FindParam(std::string_view key);
const char* GroupName(ParamGroup g);

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

/// Markdown of the whole table (docs/parameters.md and `orgsim params --markdown`).
std::string ParamTableMarkdown();

}  // namespace orgsim
