// charts.h: line charts drawn with ImDrawList (title, unit, nice y ticks, time axis in weeks or
// years, legend with the latest values, hover crosshair with a value card, optional shaded band).
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "web/theme.h"

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
};

struct ChartResult {
    ImVec2 min, max;       ///< screen rectangle of the whole chart (logical pixels)
    int hovered_week = 0;  ///< week under the mouse, 0 when none
};

/// Draw a chart at the cursor, filling size (logical pixels), in the current window.
ChartResult LineChart(const char* id, const ChartSpec& spec, const std::vector<ChartLine>& lines, ImVec2 size,
                      const Theme& theme);

/// Format a value for display ("1,250", "471.5", "18.2%").
std::string FormatValue(double v, ValueFormat format);

/// "Nice" axis ticks (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi] with about `target`
/// intervals; returns the ticks, lowest first (exposed for tests).
std::vector<double> NiceTicks(double lo, double hi, int target);

}  // namespace orgsim::ui
