// theme.h: the look of the app: Inter fonts rasterised for the screen's pixel ratio, a light
// (projector) and a dark theme (each also in high contrast, for prefers-contrast: more), spacing,
// and the one colour-blind-safe palette of functions. The colours themselves are data in
// web/palette.h (checked for WCAG contrast by tests/unit/test_contrast.cpp).
#pragma once

#include <string>

#include "imgui.h"
#include "sim/scenario.h"
#include "web/palette.h"

namespace orgsim::ui {

/// Wider text spacing (Theme::SetTextSpacing): WCAG 1.4.12's figures, in ems of the type's size.
constexpr float kLineHeightEm = 1.5f;
constexpr float kLetterSpacingEm = 0.12f;
constexpr float kWordSpacingEm = 0.16f;

enum class ThemeKind { Light, Dark };

/// Colours of one theme (packed ImU32, for ImDrawList).
struct Palette {
    ImU32 background;     ///< behind the cards
    ImU32 header;         ///< top bar
    ImU32 card;           ///< panels
    ImU32 card_border;
    ImU32 text;
    ImU32 text_muted;     ///< secondary text, axis labels
    ImU32 text_faint;     ///< hints
    ImU32 grid;           ///< chart grid lines
    ImU32 axis;           ///< chart axis line, crosshair
    ImU32 accent;         ///< primary button, progress
    ImU32 accent_hover;
    ImU32 accent_active;
    ImU32 accent_text;    ///< text on the accent colour
    ImU32 control;        ///< secondary button
    ImU32 control_hover;
    ImU32 control_active;
    ImU32 track;          ///< progress and slider track
    ImU32 outline;        ///< text fields, combo boxes, popups (3:1)
    ImU32 ink;            ///< neutral data line (totals)
    ImU32 danger;         ///< problems
    ImU32 tooltip;        ///< chart hover card
    ImU32 better;         ///< a difference for the better (text; BetterColour)
    ImU32 worse;          ///< a difference for the worse (text; WorseColour)
    ImU32 code;           ///< inline code in the model's documentation
};

/// A palette colour (0xRRGGBB, web/palette.h) as ImU32, opaque or with alpha 0..255.
constexpr ImU32 FromRgb(palette::Rgb rgb, unsigned alpha = 255) {
    // ImU32 is ABGR in memory order (IM_COL32).
    return ((rgb >> 16) & 0xFFu) | (((rgb >> 8) & 0xFFu) << 8) | ((rgb & 0xFFu) << 16) | (alpha << 24);
}

/// The fonts the app draws with; sizes are logical pixels.
struct Fonts {
    ImFont* body = nullptr;     ///< Inter Regular 17
    ImFont* small = nullptr;    ///< Inter Regular 14: axis labels, captions
    ImFont* label = nullptr;    ///< Inter SemiBold 14: small caps-style labels
    ImFont* heading = nullptr;  ///< Inter SemiBold 19: panel titles
    ImFont* title = nullptr;    ///< Inter SemiBold 23: the scenario name
    ImFont* display = nullptr;  ///< Inter SemiBold 32: key figures
    ImFont* strong = nullptr;   ///< Inter SemiBold 17: bold body text (the model's documentation)
};

class Theme {
public:
    /// (Re)build the font atlas for a framebuffer ratio (device pixels per logical pixel) and a UI
    /// scale. Fonts are rasterised at size * ui_scale * pixel_ratio and drawn at 1 / pixel_ratio,
    /// so text is crisp on high-DPI screens. Falls back to ImGui's built-in font (and returns
    /// false with a message) when the Inter files are missing. The caller re-uploads the texture.
    bool LoadFonts(const std::string& fonts_dir, float pixel_ratio, float ui_scale, std::string* error);
    /// True when the atlas was built for other ratios (the window moved to another screen).
    bool NeedsFonts(float pixel_ratio, float ui_scale) const;
    /// Wider text spacing (WCAG 1.4.12): lines 1.5 times the type's size apart, letters 0.12 em and
    /// words 0.16 em further apart. Takes effect when the fonts are next built (NeedsFonts says so).
    void SetTextSpacing(bool on) { text_spacing_ = on; }
    bool TextSpacing() const { return text_spacing_; }

    /// Switch theme: sets the ImGui style (colours, spacing, rounding scaled by the UI scale).
    void Apply(ThemeKind kind);
    ThemeKind Kind() const { return kind_; }
    /// The high-contrast variant of the theme (the browser's prefers-contrast: more): pure text,
    /// darker secondary text, strong borders and tracks, outlined fields; re-applies the style when
    /// it changes. Call outside any PushStyleColor scope (at the start of a frame).
    void SetHighContrast(bool on);
    bool HighContrast() const { return high_contrast_; }
    const Palette& Colours() const { return palette_; }
    const Fonts& GetFonts() const { return fonts_; }
    /// Counts the atlas rebuilds. A rebuild frees every ImFont and makes new ones, which may or may not
    /// get the old addresses: a cache of laid-out text compares this, never a font's address.
    int FontGeneration() const { return font_generation_; }
    /// Background colour as 0..1 floats, for clearing the framebuffer.
    ImVec4 ClearColour() const { return ImGui::ColorConvertU32ToFloat4(palette_.background); }

    /// A layout length in logical pixels at this UI scale (v is in "design pixels").
    float Dp(float v) const { return v * ui_scale_; }
    float UiScale() const { return ui_scale_; }

private:
    ThemeKind kind_ = ThemeKind::Light;
    bool high_contrast_ = false;
    Palette palette_{};
    Fonts fonts_{};
    float pixel_ratio_ = 0.0f;  // 0: no fonts built yet
    bool text_spacing_ = false;   // asked for
    bool fonts_spacing_ = false;  // the fonts built have it
    float ui_scale_ = 1.0f;
    int font_generation_ = 0;
};

/// Fixed colour of each function (Okabe & Ito 2008, colour-blind safe), the same in both themes.
ImU32 FunctionColour(Function f);
/// The same on `theme`'s surfaces: the executives' black becomes the dark theme's ink (near white),
/// so it stays visible on dark cards; every other function keeps its colour.
ImU32 FunctionColour(Function f, const Theme& theme);
/// The function's hue for lines and outlines on `theme`'s cards (chart curves): the fill, shaded
/// where it has less than 3:1 against the card (palette::kFunctionLineLight / kFunctionLineDark).
ImU32 FunctionLineColour(Function f, const Theme& theme);
/// Black or white, whichever reads better on a badge filled with `fill` (WCAG contrast; alpha ignored).
ImU32 TextOn(ImU32 fill);
/// Display name of a function ("IT", "Marketing", ...).
const char* FunctionLabel(Function f);
/// Display name of an executive role ("CIO"), or "" for none.
const char* RoleLabel(Role r);

/// Logical size of a font as drawn (its raster size times io.FontGlobalScale).
float FontSize(const ImFont* font);
/// Size of text in a font, logical pixels.
ImVec2 TextSize(ImFont* font, const char* text, const char* text_end = nullptr);
/// Draw text with a font into a draw list at its logical size.
void DrawText(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 colour, const char* text, const char* text_end = nullptr);

/// Blend two colours (t = 0..1 from a to b), used for hover states and tints.
ImU32 Mix(ImU32 a, ImU32 b, float t);
/// The colour with its alpha replaced (0..1).
ImU32 WithAlpha(ImU32 c, float alpha);

}  // namespace orgsim::ui
