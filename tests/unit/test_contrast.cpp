// Colour contrast of the app's palettes (web/palette.h), WCAG 2.1 level AA (issue 12):
//   1.4.3  text (and images of text) at 4.5:1 against what it is drawn on; the high-contrast
//          variants (prefers-contrast: more) at 7:1 (1.4.6, AAA);
//   1.4.11 what identifies a control and its state (slider, switch, toggle, checkbox, focus ring),
//          and the parts of graphics needed to read them (chart lines, org chart lines) at 3:1.
// The surfaces are the ones the panels draw (web/*.cpp): plain ones from the palette and the tints
// and mixes computed in the code, mirrored here with the code's factors (each names its source).
// Decoration is not checked: grid lines, card borders in the normal themes (cards stand apart by
// their fill; buttons are named by their labels), shadows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario.h"
#include "web/palette.h"

namespace {

using orgsim::Function;
using orgsim::kFunctionCount;
using namespace orgsim::ui::palette;

constexpr double kText = 4.5;          // 1.4.3
constexpr double kTextHigh = 7.0;      // 1.4.6, the high-contrast variants
constexpr double kNonText = 3.0;       // 1.4.11

// Blend like ImGui does (ImDrawList blends in sRGB; Mix in theme.cpp rounds each channel).
Rgb Mix(Rgb a, Rgb b, double t) {
    Rgb out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        const double x = static_cast<double>((a >> shift) & 0xFFu), y = static_cast<double>((b >> shift) & 0xFFu);
        const auto v = static_cast<unsigned>(std::clamp(x + (y - x) * t, 0.0, 255.0) + 0.5);
        out |= v << shift;
    }
    return out;
}
// fg at alpha over an opaque bg (WithAlpha(fg, alpha) drawn on bg).
Rgb Over(Rgb bg, Rgb fg, double alpha) { return Mix(bg, fg, alpha); }

std::string Hex(Rgb c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06X", c & 0xFFFFFFu);
    return buf;
}

// Hue in degrees (HSV of the sRGB values), for "the colour kept its hue".
double Hue(Rgb c) {
    const double r = ((c >> 16) & 0xFFu) / 255.0, g = ((c >> 8) & 0xFFu) / 255.0, b = (c & 0xFFu) / 255.0;
    const double mx = std::max({r, g, b}), mn = std::min({r, g, b}), d = mx - mn;
    if (d <= 0.0) return 0.0;
    double h = mx == r ? std::fmod((g - b) / d, 6.0) : mx == g ? (b - r) / d + 2.0 : (r - g) / d + 4.0;
    h *= 60.0;
    return h < 0.0 ? h + 360.0 : h;
}
double HueDistance(Rgb a, Rgb b) {
    const double d = std::fabs(Hue(a) - Hue(b));
    return std::min(d, 360.0 - d);
}
bool Grey(Rgb c) {
    const unsigned r = (c >> 16) & 0xFFu, g = (c >> 8) & 0xFFu, b = c & 0xFFu;
    return std::max({r, g, b}) - std::min({r, g, b}) < 24;
}

struct Variant {
    const char* name;
    const ThemeColours& c;
    bool dark;
    bool high;
};
const Variant kVariants[] = {
    {"light", kLight, false, false},
    {"dark", kDark, true, false},
    {"light high contrast", kLightHighContrast, false, true},
    {"dark high contrast", kDarkHighContrast, true, true},
};

struct Surface {
    std::string name;
    Rgb colour;
};

// The surfaces of one variant, as the panels paint them.
struct Surfaces {
    const ThemeColours& c;
    bool dark;
    Rgb tile, canvas, box, box_selected, box_target, unit_panel, tab_on, tab_on_hover, library_card, row_on, badge,
        compare_row, best_value, toast;

    Surfaces(const ThemeColours& colours, bool is_dark) : c(colours), dark(is_dark) {
        tile = Mix(c.card, c.background, 0.6);                           // charts.cpp SectionTile
        canvas = Mix(c.card, c.background, dark ? 0.55 : 0.6);           // orgchart.cpp DrawCanvas
        box = dark ? Mix(c.card, c.control, 0.55) : c.card;              // orgchart.cpp DrawBox
        box_selected = Mix(box, c.accent, dark ? 0.16 : 0.07);
        box_target = Mix(box, c.accent, dark ? 0.26 : 0.14);
        unit_panel = dark ? Mix(c.card, c.control, 0.7) : c.card;        // orgchart.cpp, the selected unit
        tab_on = Over(c.control, c.accent, 0.16);                        // widgets.cpp ToggleButton (on)
        tab_on_hover = Over(c.control_hover, c.accent, 0.16);
        library_card = Mix(c.card, c.accent, 0.07);                      // gallery.cpp DrawLibraryCard
        row_on = Over(c.card, c.accent, 0.12);                           // library.cpp, modeldoc.cpp lists
        badge = Over(c.card, c.accent, 0.16);                            // gallery "Open: B" .14, help steps .15, lever ? .14
        compare_row = Over(tile, c.accent, 0.08);                        // compare.cpp, the charted row
        best_value = Over(compare_row, c.better, 0.10);                  // compare.cpp, the best value
        toast = dark ? c.control_active : c.ink;                         // app.cpp DrawToasts
    }

    // Plain surfaces every kind of text can land on.
    std::vector<Surface> Neutral() const {
        return {{"background", c.background}, {"header", c.header}, {"card", c.card}, {"tooltip", c.tooltip},
                {"tile", tile}, {"org chart canvas", canvas}, {"unit panel", unit_panel}};
    }
};

struct Pair {
    std::string what;
    Rgb fg, bg;
    double min;
};

void Add(std::vector<Pair>& out, const std::string& fg_name, Rgb fg, const std::vector<Surface>& on, double min) {
    for (const Surface& s : on) out.push_back({fg_name + " on " + s.name, fg, s.colour, min});
}

// Every text colour on every surface the code draws it on (found by reading web/*.cpp).
std::vector<Pair> TextPairs(const Variant& v) {
    const ThemeColours& c = v.c;
    const Surfaces s(c, v.dark);
    const double m = v.high ? kTextHigh : kText;
    std::vector<Pair> out;
    const std::vector<Surface> neutral = s.Neutral();
    std::vector<Surface> all = neutral;
    all.insert(all.end(), {{"control", c.control}, {"control hover", c.control_hover}, {"control pressed", c.control_active},
                           {"org chart box", s.box}, {"selected box", s.box_selected}, {"drop target box", s.box_target},
                           {"toggle on", s.tab_on}, {"toggle on, hovered", s.tab_on_hover}, {"library card", s.library_card},
                           {"selected list row", s.row_on}, {"charted compare row", s.compare_row},
                           {"baseline chip (levers.cpp, hovered)", Over(c.card, FunctionFill(Function::Marketing), 0.32)}});
    for (int f = 0; f < kFunctionCount; ++f)  // gallery.cpp: the structure chip in the group's colour
        all.push_back({std::string("structure chip ") + std::to_string(f), Over(c.card, kFunction[f], 0.16)});
    Add(out, "text", c.text, all, m);

    std::vector<Surface> muted = neutral;  // secondary text: captions, units, unselected options
    muted.insert(muted.end(), {{"control", c.control}, {"control hover", c.control_hover}, {"org chart box", s.box},
                               {"selected box", s.box_selected}, {"library card", s.library_card},
                               {"selected list row", s.row_on}});
    Add(out, "text_muted", c.text_muted, muted, m);

    // Hints, units, counts, empty states: text, so 4.5:1 as well (also on a hovered menu row,
    // sensitivity_view.cpp, and on the library card, gallery.cpp).
    std::vector<Surface> faint = neutral;
    faint.insert(faint.end(), {{"control hover", c.control_hover}, {"library card", s.library_card}});
    Add(out, "text_faint", c.text_faint, faint, m);

    Add(out, "danger", c.danger, neutral, m);  // problems, refused drops, failed runs
    // The accent as text: section labels, links, badges, the levers' "n changed", step numbers.
    Add(out, "accent", c.accent,
        {{"background", c.background}, {"header", c.header}, {"card", c.card}, {"tile", s.tile},
         {"library card", s.library_card}, {"selected list row", s.row_on}, {"accent badge", s.badge}},
        m);
    Add(out, "accent_hover (hovered link)", c.accent_hover, {{"card", c.card}}, m);
    Add(out, "accent_text", c.accent_text,
        {{"accent", c.accent}, {"accent hover", c.accent_hover}, {"accent pressed", c.accent_active}}, m);
    // Better / worse differences (always with an arrow or a sign as well).
    Add(out, "better", c.better,
        {{"card", c.card}, {"tile", s.tile}, {"charted compare row", s.compare_row}, {"best value", s.best_value}}, m);
    Add(out, "worse", c.worse, {{"card", c.card}, {"tile", s.tile}, {"charted compare row", s.compare_row}}, m);
    // modeldoc.cpp: inline code on a control-coloured chip.
    Add(out, "code", c.code, {{v.dark ? "control hover" : "control", v.dark ? c.control_hover : c.control}}, m);
    // app.cpp: toasts (light: the background colour on ink; dark: text on the pressed control colour).
    Add(out, "toast text", v.dark ? c.text : c.background, {{"toast", s.toast}}, m);
    return out;
}

// What identifies controls and their states, and the lines of charts (WCAG 1.4.11).
std::vector<Pair> NonTextPairs(const Variant& v) {
    const ThemeColours& c = v.c;
    const Surfaces s(c, v.dark);
    std::vector<Pair> out;
    // Slider (fill and knob ring), progress bars, switch on, segmented choice, focus ring
    // (ImGuiCol_NavHighlight), the toggle-on outline (widgets.cpp ToggleButton).
    Add(out, "accent (slider, switch on, focus ring, selected option)", c.accent,
        {{"card", c.card}, {"header", c.header}, {"background", c.background}, {"tile", s.tile},
         {"control strip", c.control}, {"track", c.track}, {"toggle on fill", s.tab_on}},
        kNonText);
    Add(out, "accent_hover (switch on, hovered)", c.accent_hover, {{"card", c.card}}, kNonText);
    // Org chart reporting lines (orgchart.cpp), unchecked boxes (sensitivity_view.cpp), the
    // timeline's hidden kinds (dashboard.cpp), chart axes and crosshair, the scrollbar thumb.
    Add(out, "axis", c.axis,
        {{"card", c.card}, {"background", c.background}, {"tile", s.tile}, {"org chart canvas", s.canvas},
         {"hovered row", c.control_hover}},
        kNonText);
    // Scenario lines in Results and Compare charts (on tiles) and their legend swatches.
    for (int i = 0; i < 4; ++i)
        Add(out, "slot " + std::to_string(i) + " line", kSlot[i], {{"card", c.card}, {"tile", s.tile}}, kNonText);
    // Function curves in the model library's figures (library.cpp, on the card) and the gallery's
    // thumbnail of Figure 1 (on the library card).
    for (int f = 0; f < kFunctionCount; ++f) {
        const Rgb line = f == 0 && v.dark ? c.ink : FunctionLine(static_cast<Function>(f), v.dark);
        Add(out, "function " + std::to_string(f) + " line", line, {{"card", c.card}, {"library card", s.library_card}},
            kNonText);
    }
    // Check marks in the bluish green: "Results are up to date" (app.cpp), done experiments (library.cpp),
    // the toast's check.
    Add(out, "check mark", FunctionFill(Function::Digital), {{"card", c.card}, {"toast", s.toast}}, kNonText);
    // Text fields, combo boxes and popups (ImGuiCol_Border with FrameBorderSize 1, theme.cpp), a
    // slider's track (widgets.cpp Slider) and a switch that is off (levers.cpp, classroom_view.cpp):
    // their edge is what identifies them on a card, a tile or the header.
    Add(out, "outline (fields, combo boxes, popups, slider track, switch off)", c.outline,
        {{"card", c.card}, {"background", c.background}, {"header", c.header}, {"tile", s.tile}}, kNonText);
    if (v.high) {  // high contrast: every control's outline and every track shows
        Add(out, "card_border (outlines, fields)", c.card_border,
            {{"card", c.card}, {"background", c.background}, {"header", c.header}, {"control", c.control}}, kNonText);
        Add(out, "track (slider, switch off, progress)", c.track, {{"card", c.card}, {"tile", s.tile}}, kNonText);
    }
    return out;
}

void CheckAll(const std::vector<Pair>& pairs, const std::string& variant) {
    int failed = 0;
    for (const Pair& p : pairs) {
        const double r = Contrast(p.fg, p.bg);
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.2f:1 (needs %.1f:1)", r, p.min);
        CHECK_MESSAGE(r >= p.min, variant << ": " << p.what << " (" << Hex(p.fg) << " on " << Hex(p.bg) << ") is " << buf);
        if (r < p.min) ++failed;
    }
    CHECK(failed == 0);
}

}  // namespace

TEST_CASE("WCAG 2.1 relative luminance and contrast ratio on known pairs") {
    CHECK(Luminance(0x000000) == doctest::Approx(0.0));
    CHECK(Luminance(0xFFFFFF) == doctest::Approx(1.0));
    CHECK(Luminance(0x808080) == doctest::Approx(0.2159).epsilon(0.001));
    CHECK(Luminance(0xFF0000) == doctest::Approx(0.2126));
    CHECK(Luminance(0x00FF00) == doctest::Approx(0.7152));
    CHECK(Luminance(0x0000FF) == doctest::Approx(0.0722));
    CHECK(Contrast(0x000000, 0xFFFFFF) == doctest::Approx(21.0));
    CHECK(Contrast(0xFFFFFF, 0x000000) == doctest::Approx(21.0));
    CHECK(Contrast(0x777777, 0xFFFFFF) == doctest::Approx(4.48).epsilon(0.002));  // the classic near miss
    CHECK(Contrast(0x767676, 0xFFFFFF) == doctest::Approx(4.54).epsilon(0.002));  // the lightest grey that passes
    CHECK(Contrast(0x767676, 0xFFFFFF) >= kText);
    CHECK(Contrast(0x777777, 0xFFFFFF) < kText);
    CHECK(Contrast(0x0072B2, 0x0072B2) == doctest::Approx(1.0));
    CHECK(Contrast(0x0072B2, 0xFFFFFF) == doctest::Approx(5.19).epsilon(0.002));
    CHECK(Mix(0x000000, 0xFFFFFF, 0.5) == 0x808080u);
    CHECK(Hex(0x00ABCDEF) == "#ABCDEF");
}

TEST_CASE("Every text colour reaches 4.5:1 (7:1 in high contrast) on every surface it is drawn on") {
    for (const Variant& v : kVariants) {
        INFO(std::string(v.name));
        const std::vector<Pair> pairs = TextPairs(v);
        CHECK(pairs.size() > 60);
        CheckAll(pairs, v.name);
    }
}

TEST_CASE("Controls, their states, the focus ring and chart lines reach 3:1 (WCAG 1.4.11)") {
    for (const Variant& v : kVariants) {
        INFO(std::string(v.name));
        CheckAll(NonTextPairs(v), v.name);
    }
}

TEST_CASE("Function colours: the Okabe-Ito fills, readable badges, and line variants that keep the hue") {
    // The fills are Okabe & Ito's (identity across themes; named beside every use).
    const Rgb okabe_ito[kFunctionCount] = {0x000000, 0x0072B2, 0xE69F00, 0x009E73, 0x56B4E9,
                                           0xF0E442, 0xCC79A7, 0xD55E00, 0x8E4A73, 0x999999};
    for (int f = 0; f < kFunctionCount; ++f) CHECK(kFunction[f] == okabe_ito[f]);
    // Yellow (and orange, sky blue, grey) cannot reach 3:1 on a light card: the fill is never the
    // only sign (its name is beside it), and wherever it draws a line it takes the shaded variant.
    CHECK(Contrast(FunctionFill(Function::Operations), kLight.card) < kNonText);
    CHECK(Contrast(FunctionLine(Function::Operations, false), kLight.card) >= kNonText);
    for (const Variant& v : kVariants) {
        INFO(std::string(v.name));
        for (int f = 0; f < kFunctionCount; ++f) {
            const auto fn = static_cast<Function>(f);
            INFO("function " << f << " (" << Hex(FunctionFill(fn)) << ")");
            // Role badges on the org chart (orgchart.cpp OnColour = TextOn): black or white text.
            const Rgb fill = f == 0 && v.dark ? v.c.ink : FunctionFill(fn);
            CHECK(Contrast(TextOn(fill), fill) >= kText);
            const Rgb line = FunctionLine(fn, v.dark);
            // A line variant differs from its fill only where the fill falls short (in the normal
            // theme of its kind; the high-contrast one shares it), and it keeps the fill's hue.
            if (!v.high && Contrast(FunctionFill(fn), v.c.card) >= kNonText &&
                Contrast(FunctionFill(fn), Surfaces(v.c, v.dark).library_card) >= kNonText)
                CHECK(line == FunctionFill(fn));
            if (!Grey(FunctionFill(fn))) CHECK(HueDistance(line, FunctionFill(fn)) <= 6.0);
        }
    }
    // The slots keep the Okabe-Ito hues they are taken from.
    CHECK(HueDistance(kSlot[1], 0x009E73) <= 6.0);
    CHECK(HueDistance(kSlot[2], 0xCC79A7) <= 6.0);
    CHECK(HueDistance(kSlot[3], 0x56B4E9) <= 6.0);
    // The accent and "better" stay IT's Okabe-Ito blue; "worse" stays vermillion (light) / orange (dark).
    for (const Variant& v : kVariants) {
        INFO(std::string(v.name));
        CHECK(HueDistance(v.c.accent, 0x0072B2) <= 6.0);
        CHECK(HueDistance(v.c.better, 0x0072B2) <= 6.0);
        CHECK(HueDistance(v.c.worse, v.dark ? 0xE69F00 : 0xD55E00) <= 8.0);
    }
}

TEST_CASE("High-contrast variants: pure text, stronger secondary text and borders") {
    CHECK(kLightHighContrast.text == 0x000000u);
    CHECK(kDarkHighContrast.text == 0xFFFFFFu);
    CHECK(kLightHighContrast.accent_text == 0xFFFFFFu);
    CHECK(kDarkHighContrast.accent_text == 0x000000u);
    const std::pair<const ThemeColours*, const ThemeColours*> pairs[] = {{&kLight, &kLightHighContrast},
                                                                         {&kDark, &kDarkHighContrast}};
    for (const auto& [normal, high] : pairs) {
        CHECK(Contrast(high->text, high->card) > Contrast(normal->text, normal->card));
        CHECK(Contrast(high->text_muted, high->card) > Contrast(normal->text_muted, normal->card));
        CHECK(Contrast(high->text_faint, high->card) > Contrast(normal->text_faint, normal->card));
        CHECK(Contrast(high->card_border, high->card) > Contrast(normal->card_border, normal->card));
        CHECK(Contrast(high->track, high->card) > Contrast(normal->track, normal->card));
        CHECK(Contrast(high->axis, high->card) > Contrast(normal->axis, normal->card));
        CHECK(Contrast(high->danger, high->card) > Contrast(normal->danger, normal->card));
    }
    CHECK(&Colours(false, false) == &kLight);
    CHECK(&Colours(true, false) == &kDark);
    CHECK(&Colours(false, true) == &kLightHighContrast);
    CHECK(&Colours(true, true) == &kDarkHighContrast);
}
