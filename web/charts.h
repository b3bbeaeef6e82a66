// charts.h: line charts drawn with ImDrawList (title, unit, nice y ticks, time axis in weeks or
// years, legend with the latest values, hover crosshair with a value card, optional shaded band),
// explorable week by week with the keyboard, and switchable to a table of their numbers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/report.h"
#include "web/theme.h"
#include "web/ui_test_hooks.h"
#include "web/workspace.h"

namespace orgsim::ui {

/// How values are printed on the axis, in the legend and on hover.
enum class ValueFormat {
    Count,     ///< whole numbers with thousands separators ("1,250")
    Decimal1,  ///< one decimal ("471.5")
    Percent,   ///< a share shown as per cent (0.182 -> "18.2%")
};

/// Labels of the time axis (the data are always weekly).
enum class TimeAxis { Weeks, Years };

/// One line. values[i] is the value of week i + 1.
struct ChartLine {
    const char* label = "";
    const std::vector<double>* values = nullptr;
    ImU32 colour = 0;
    /// Optional shaded band around the line (e.g. a 90% interval), same indexing as values.
    const std::vector<double>* band_lo = nullptr;
    const std::vector<double>* band_hi = nullptr;
    float thickness = 2.5f;  ///< logical pixels
};

struct ChartSpec {
    const char* title = "";
    const char* subtitle = "";       ///< unit and definition, e.g. "people, end of week"
    ValueFormat format = ValueFormat::Count;
    int horizon_weeks = 260;         ///< the x axis always spans the whole run, so lines grow
    TimeAxis time_axis = TimeAxis::Years;
    bool include_zero = false;       ///< start the y axis at zero
    const char* empty_message = "";  ///< shown in the plot before there are data
    const char* value_prefix = "";   ///< before values in the legend and hover card ("$")
    const char* value_suffix = "";   ///< after them ("M", "%", " weeks")
};

struct ChartResult {
    ImVec2 min, max;        ///< screen rectangle of the whole chart (logical pixels)
    int hovered_week = 0;   ///< week under the mouse, 0 when none
    int explored_week = 0;  ///< week shown for the keyboard (its explore slider has the focus), 0 when none
};

/// Draw a chart at the cursor, filling size (logical pixels), in the current window. `id` (unique in
/// the id stack) also keys what the reader chose for this chart while the page lives:
/// - a toggle at the top right shows the numbers as a table instead (a row per year and the latest
///   week: each line's mean and 90% band, side by side, or stacked where the chart is narrow),
///   published as a Table of Rows, ColumnHeaders and Cells;
/// - the chart publishes an Image (title and summary), its data table (offscreen), and a Slider over
///   the plot ("Explore <title> week by week", weeks 1..latest, value text with every line's value and
///   band at that week; SetValue moves it). While the slider has the DOM focus the chart shows the
///   crosshair and value card at that week, as hovering does; the mouse over the plot wins.
ChartResult LineChart(const char* id, const ChartSpec& spec, const std::vector<ChartLine>& lines, ImVec2 size,
                      const Theme& theme);

/// Colour of a workspace slot in charts and tables (0 = baseline: slate; then bluish green, reddish
/// purple, sky blue from Okabe & Ito), the same in both themes.
ImU32 SlotColour(int slot);
/// Colours of "better" and "worse" marks (Okabe-Ito blue and orange, shaded for legible text on
/// the theme's cards). Never used alone: always with an arrow and a sign.
ImU32 BetterColour(const Theme& theme);
ImU32 WorseColour(const Theme& theme);
/// A colour-blind-safe sequential scale (viridis, dark to light), t = 0..1 (clamped).
ImU32 SequentialColour(float t);

/// Format a value for display ("1,250", "471.5", "18.2%").
std::string FormatValue(double v, ValueFormat format);

/// The runner's latest results summarised for panels (sim/report's Comparison and weekly bands),
/// rebuilt only when the results change (a new run, or more replications finished), not per frame.
class ResultsCache {
public:
    struct Band {
        std::vector<double> mean, lo, hi;  ///< per week, display units (raw x OutcomeStyle::scale)
    };
    /// Refresh from the runner; returns false when there are no results yet.
    bool Update(const Runner& runner, std::uint64_t workspace_revision);
    const Comparison& Get() const { return comparison_; }
    const Experiment* Results() const { return experiment_; }
    /// Results are of the workspace revision given to Update.
    bool Current() const { return current_; }
    int Completed() const { return comparison_.completed; }
    int Replications() const { return comparison_.replications; }
    /// Weekly mean and 90% band of an outcome for a slot (empty before any replication finished).
    const Band& GetBand(int slot, SeriesId id);

private:
    const Experiment* experiment_ = nullptr;
    std::uint64_t revision_ = 0;
    int completed_ = -1;
    bool current_ = false;
    Comparison comparison_;
    std::map<int, Band> bands_;  ///< key: slot * kSeriesCount + series (nodes stay put: callers keep pointers)
};

/// Chart settings that print an outcome as sim/report does (prefix, suffix, decimals by size).
void StyleChartFor(SeriesId id, ChartSpec& spec);

/// A chart's title as a menu of every outcome (importance order), drawn at `at` in the heading font
/// with a chevron; submit it before the chart so that it wins the hover. Records `select_name` and
/// `pick_prefix` + key of each entry. Returns true when *id changed. `only`: offer these outcomes
/// (in importance order) instead of every one.
bool OutcomeMenu(const Theme& theme, TestHooks& hooks, ImVec2 at, SeriesId* id, const std::string& select_name,
                 const std::string& pick_prefix, const std::vector<SeriesId>* only = nullptr);
/// A section's background inside a card: a rounded rectangle in a tint of the page background.
void SectionTile(const Theme& theme, ImDrawList* dl, ImVec2 a, ImVec2 b);

/// "Nice" axis ticks (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi] with about `target`
/// intervals; returns the ticks, lowest first (exposed for tests).
std::vector<double> NiceTicks(double lo, double hi, int target);

}  // namespace orgsim::ui
