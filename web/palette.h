// palette.h: every colour of the app as plain 0xRRGGBB data, without ImGui, so that the unit tests
// can check them (tests/unit/test_contrast.cpp: WCAG 2.1 AA contrast, and AAA for the high-contrast
// variants). theme.cpp builds its ImU32 palettes from these values. The WCAG 2.1 relative luminance
// and contrast ratio are here too: the app picks the text colour on a coloured badge with them.
//
// Four variants: a light (projector) and a dark theme, each also in a high-contrast form chosen when
// the browser reports prefers-contrast: more (pure text, darker secondary text, stronger borders,
// every text colour at 7:1 or more). Changed for contrast (issue 12), with the hue kept: text_faint,
// axis, danger, accent, accent_hover, better, worse (light) and text_faint, axis (dark); see the test.
#pragma once

#include <cmath>

#include "sim/scenario.h"

namespace orgsim::ui::palette {

using Rgb = unsigned;  ///< 0xRRGGBB

/// The colours of one theme variant (Palette in theme.h holds the same as packed ImU32).
struct ThemeColours {
    Rgb background;     ///< behind the cards
    Rgb header;         ///< top bar
    Rgb card;           ///< panels
    Rgb card_border;
    Rgb text;
    Rgb text_muted;     ///< secondary text, axis labels
    Rgb text_faint;     ///< hints, units, empty states (still text: 4.5:1)
    Rgb grid;           ///< chart grid lines (decoration)
    Rgb axis;           ///< chart axis, crosshair, org chart lines, unchecked boxes (3:1)
    Rgb accent;         ///< primary button, progress, slider, focus, selection
    Rgb accent_hover;
    Rgb accent_active;
    Rgb accent_text;    ///< text on the accent colour
    Rgb control;        ///< secondary button
    Rgb control_hover;
    Rgb control_active;
    Rgb track;          ///< progress and slider track
    Rgb outline;        ///< text fields, combo boxes and popups: the edge that identifies them (3:1)
    Rgb ink;            ///< neutral data line (totals)
    Rgb danger;         ///< problems
    Rgb tooltip;        ///< chart hover card
    Rgb better;         ///< a difference for the better (text and marks; always with an arrow or sign)
    Rgb worse;          ///< a difference for the worse
    Rgb code;           ///< inline code in the model's documentation (on control; dark: control_hover)
};

inline constexpr ThemeColours kLight{
    /*background*/ 0xEDF0F4, /*header*/ 0xFFFFFF, /*card*/ 0xFFFFFF, /*card_border*/ 0xDCE1E8,
    /*text*/ 0x18202C, /*text_muted*/ 0x596474, /*text_faint*/ 0x5C6676, /*grid*/ 0xE9ECF1, /*axis*/ 0x7A8391,
    /*accent*/ 0x006BA8, /*accent_hover*/ 0x0A78B8, /*accent_active*/ 0x005E93, /*accent_text*/ 0xFFFFFF,
    /*control*/ 0xEEF1F5, /*control_hover*/ 0xE2E7EE, /*control_active*/ 0xD4DBE4, /*track*/ 0xE3E7ED, /*outline*/ 0x808998,
    /*ink*/ 0x2B3442, /*danger*/ 0xB34C09, /*tooltip*/ 0xFFFFFF,
    /*better*/ 0x00659E, /*worse*/ 0xAA4E00, /*code*/ 0x9C2F6E,
};

inline constexpr ThemeColours kDark{
    /*background*/ 0x0F1217, /*header*/ 0x161A20, /*card*/ 0x1A1F26, /*card_border*/ 0x2A313B,
    /*text*/ 0xE9ECF1, /*text_muted*/ 0xA3ACB9, /*text_faint*/ 0x98A1AE, /*grid*/ 0x252B34, /*axis*/ 0x737E8D,
    /*accent*/ 0x56B4E9, /*accent_hover*/ 0x72C2EE, /*accent_active*/ 0x3FA3DB, /*accent_text*/ 0x08131C,
    /*control*/ 0x242A33, /*control_hover*/ 0x2D3440, /*control_active*/ 0x37404D, /*track*/ 0x2A313B, /*outline*/ 0x6B7585,
    /*ink*/ 0xD5DAE2, /*danger*/ 0xF08A4B, /*tooltip*/ 0x222831,
    /*better*/ 0x56B4E9, /*worse*/ 0xE69F00, /*code*/ 0xE8A8D0,
};

/// prefers-contrast: more, light: black text, darker secondary text and accent, borders, tracks and
/// axes at 3:1 against the cards (every control's outline shows).
inline constexpr ThemeColours kLightHighContrast{
    /*background*/ 0xE9ECF0, /*header*/ 0xFFFFFF, /*card*/ 0xFFFFFF, /*card_border*/ 0x6B7585,
    /*text*/ 0x000000, /*text_muted*/ 0x2E3744, /*text_faint*/ 0x363F4C, /*grid*/ 0xD0D5DD, /*axis*/ 0x5E6877,
    /*accent*/ 0x004271, /*accent_hover*/ 0x005488, /*accent_active*/ 0x003A63, /*accent_text*/ 0xFFFFFF,
    /*control*/ 0xE6EAF0, /*control_hover*/ 0xD9DFE7, /*control_active*/ 0xCBD3DD, /*track*/ 0x848C99, /*outline*/ 0x6B7585,
    /*ink*/ 0x1A212C, /*danger*/ 0x853500, /*tooltip*/ 0xFFFFFF,
    /*better*/ 0x00426A, /*worse*/ 0x773600, /*code*/ 0x7A1F55,
};

/// prefers-contrast: more, dark: white text on near-black, lighter secondary text and accent, strong
/// borders and tracks.
inline constexpr ThemeColours kDarkHighContrast{
    /*background*/ 0x000000, /*header*/ 0x0A0C10, /*card*/ 0x101318, /*card_border*/ 0x8A94A3,
    /*text*/ 0xFFFFFF, /*text_muted*/ 0xD0D6DE, /*text_faint*/ 0xC0C7D1, /*grid*/ 0x343B46, /*axis*/ 0x9AA4B2,
    /*accent*/ 0x7CC6F0, /*accent_hover*/ 0x99D3F4, /*accent_active*/ 0x5FB7E8, /*accent_text*/ 0x000000,
    /*control*/ 0x1E232B, /*control_hover*/ 0x2A3039, /*control_active*/ 0x353C47, /*track*/ 0x5F6874, /*outline*/ 0x8A94A3,
    /*ink*/ 0xE9ECF1, /*danger*/ 0xFFA066, /*tooltip*/ 0x1A1E25,
    /*better*/ 0x7CC6F0, /*worse*/ 0xFFB733, /*code*/ 0xF2C2E0,
};

/// The colours of a theme: dark or light, high contrast or not.
constexpr const ThemeColours& Colours(bool dark, bool high_contrast) {
    return dark ? (high_contrast ? kDarkHighContrast : kDark) : (high_contrast ? kLightHighContrast : kLight);
}

/// Fixed colour of each function (Okabe & Ito 2008, "Color Universal Design": distinguishable with
/// every common colour-vision deficiency), indexed by Function: fills (org chart bars, badges,
/// swatches), never the only sign of a function (its name is always beside it). Martech takes a
/// darker shade of analytics' reddish purple (the palette has eight colours).
inline constexpr Rgb kFunction[kFunctionCount] = {
    0x000000,  // Executive: black (the dark theme uses its ink instead)
    0x0072B2,  // It: blue
    0xE69F00,  // Marketing: orange
    0x009E73,  // Digital: bluish green
    0x56B4E9,  // Finance: sky blue
    0xF0E442,  // Operations: yellow
    0xCC79A7,  // Analytics: reddish purple
    0xD55E00,  // Security: vermillion
    0x8E4A73,  // Martech: reddish purple, darker
    0x999999,  // Other: neutral grey
};

/// The same hues as lines and outlines on the light theme's cards (chart curves): shaded where the
/// fill has less than 3:1 against a light card (orange, sky blue, yellow, reddish purple, grey).
inline constexpr Rgb kFunctionLineLight[kFunctionCount] = {
    0x000000, 0x0072B2, 0xB98000, 0x009E73, 0x4593C0, 0x968E26, 0xBE6F9A, 0xD55E00, 0x8E4A73, 0x8B8B8B,
};
/// ... and on the dark theme's cards: lightened where the fill is too dark (blue, martech). The
/// executives' entry is unused: the dark theme draws them in its ink.
inline constexpr Rgb kFunctionLineDark[kFunctionCount] = {
    0x000000, 0x2477B4, 0xE69F00, 0x009E73, 0x56B4E9, 0xF0E442, 0xCC79A7, 0xD55E00, 0x976180, 0x999999,
};

constexpr Rgb FunctionFill(Function f) { return kFunction[static_cast<int>(f)]; }
constexpr Rgb FunctionLine(Function f, bool dark) {
    return (dark ? kFunctionLineDark : kFunctionLineLight)[static_cast<int>(f)];
}

/// Colour of a workspace slot in charts and tables, the same in every theme (0 = baseline: slate;
/// then bluish green, reddish purple and sky blue from Okabe & Ito, the last two shaded so that
/// their lines keep 3:1 on light cards while staying 3:1 on dark ones).
inline constexpr Rgb kSlot[4] = {0x6F7C8C, 0x009E73, 0xBF6F9B, 0x4695C2};

// ---- WCAG 2.1 (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance) ---------------------------

/// Relative luminance of an sRGB colour, 0 (black) to 1 (white).
inline double Luminance(Rgb c) {
    auto channel = [](unsigned v) {
        const double s = static_cast<double>(v & 0xFFu) / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c >> 16) + 0.7152 * channel(c >> 8) + 0.0722 * channel(c);
}

/// Contrast ratio of two colours, 1 to 21 (the order does not matter).
inline double Contrast(Rgb a, Rgb b) {
    const double la = Luminance(a), lb = Luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/// Black or white, whichever contrasts more with fill: text on a badge filled with fill.
inline Rgb TextOn(Rgb fill) { return Contrast(0x000000, fill) >= Contrast(0xFFFFFF, fill) ? 0x000000 : 0xFFFFFF; }

}  // namespace orgsim::ui::palette
