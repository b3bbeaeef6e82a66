// widgets.h: the app's own widgets, shared by every panel: cards (fixed windows), buttons with
// icons, a slim slider, tooltips, and text helpers. All sizes are logical pixels via Theme::Dp.
#pragma once

#include <string>

#include "imgui.h"
#include "web/theme.h"

namespace orgsim::ui {

enum class Icon { None, Play, Pause, Step, Reset, Replay, Sun, Moon, Plus, Minus, Undo, Redo, Open, Save, Share,
                  Download, Help, Present, Close, Check, Warning };

constexpr const char* kMiddot = " \xC2\xB7 ";
constexpr const char* kEmDash = "\xE2\x80\x94";

/// A fixed, borderless window at pos with size (a "card"). Always pair with EndCard().
bool BeginCard(const char* id, ImVec2 pos, ImVec2 size, bool scrollable = false);
void EndCard();

/// A button drawn by the app: primary (accent fill) or secondary (outlined). Returns true when
/// pressed and enabled. The label may be empty for an icon-only button.
bool Button(const Theme& theme, const char* id, const char* label, Icon icon, ImVec2 size, bool primary,
            bool enabled = true);
/// A toggle drawn like a secondary button that stays highlighted while *on.
bool ToggleButton(const Theme& theme, const char* id, const char* label, Icon icon, ImVec2 size, bool on,
                  bool enabled = true);
/// A slim track-and-knob slider for whole numbers; returns true when *value changed.
bool Slider(const Theme& theme, const char* id, int* value, int lo, int hi, float width);
/// The same for real numbers.
bool SliderReal(const Theme& theme, const char* id, double* value, double lo, double hi, float width);
void DrawIcon(const Theme& theme, ImDrawList* dl, Icon icon, ImVec2 centre, float size, ImU32 colour, ImU32 background);

/// A tooltip with a bold title and wrapped body text (either may be empty).
void Tooltip(const Theme& theme, const std::string& title, const std::string& body, float wrap_width = 460.0f);

/// Text with its right edge at x_right.
void DrawTextRight(ImDrawList* dl, ImFont* font, float x_right, float y, ImU32 colour, const char* text);
/// Shorten text with an ellipsis to fit max_w.
std::string Ellipsize(ImFont* font, const std::string& text, float max_w);
/// Whole number with thousands separators.
std::string Thousands(long long v);

}  // namespace orgsim::ui
