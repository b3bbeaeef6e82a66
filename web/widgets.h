// widgets.h: the app's own widgets, shared by every panel: cards (fixed windows), buttons with
// icons, a slim slider, tooltips, and text helpers. All sizes are logical pixels via Theme::Dp.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "web/semantics.h"
#include "web/theme.h"

namespace orgsim::ui {

enum class Icon { None, Play, Pause, Step, Reset, Replay, Sun, Moon, Plus, Minus, Undo, Redo, Open, Save, Share,
                  Download, Help, Present, Close, Check, Warning, External };

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
/// The track and knob of an on/off switch with its top-left at a: the accent when on; off, the light
/// track outlined at 3:1 (WCAG 1.4.11: the track alone is about 1.2:1 on a card). knob_shadow: a
/// soft shadow under the knob (the levers' switches).
void DrawSwitchTrack(const Theme& theme, ImDrawList* dl, ImVec2 a, ImVec2 size, bool on, bool hovered, bool knob_shadow = false);

// ---- Semantics (web/semantics.h): what each widget tells assistive technology ------------------
// Button, ToggleButton, Slider and SliderReal publish themselves; other widgets call SemItem() right
// after they are drawn. Semantics::Next() (via SemNext()) names the next widget a shared helper draws.

/// The key a widget drawn with this id will have (ImGui's id in the current id stack).
std::uint32_t SemKey(const char* id);
/// Fields for the next published node (no-op storage when there are no semantics).
SemNode& SemNext();
/// Publish ImGui's last item as a node of a role with a name (Next() applied); its key is the item's
/// id, so an Activate action from the page presses it exactly as a click does. Returns the index.
int SemItem(SemRole role, const std::string& name, const SemNode& extra = SemNode{});
/// Publish a node that is not an ImGui item at a rectangle (a text, a heading, a chart, a unit of
/// the org chart) with a key from id; the widget handles its actions with SemTake().
int SemAt(const char* id, SemRole role, const std::string& name, ImVec2 min, ImVec2 max, const SemNode& extra = SemNode{});
/// Publish an ImGui item by its id at a rectangle (an item whose last-item data is gone by the time
/// it can be described, e.g. a combo box whose popup is open); activated like SemItem's.
int SemItemAt(const char* id, SemRole role, const std::string& name, ImVec2 min, ImVec2 max, const SemNode& extra = SemNode{});
/// Open a container (a dialog, a tab list, a tree, a table, a row); close it with SemPop().
void SemPush(const char* id, SemRole role, const std::string& name, ImVec2 min = ImVec2(0, 0), ImVec2 max = ImVec2(0, 0));
void SemPop();
/// An action the page sent to a node published with SemAt (true once).
bool SemTake(std::uint32_t key, SemActionKind kind, double* value = nullptr);
/// Before ImGui::NewFrame: pending Activate actions on ImGui items become ImGui activations (the
/// item reports a press in this frame, as after a click); text boxes start editing.
void SemBeforeFrame();
/// After the app's frame: a widget the mouse just activated takes the DOM focus.
void SemAfterFrame();
/// The identifiers of the widgets the last frame published without a name of their own (a Button
/// with no text, a Slider, neither given a name by SemNext()): a screen reader hears them by their
/// identifier ("##sens_levers" as "Sens levers"). A test lists them view by view (WCAG 4.1.2).
const std::vector<std::string>& SemFallbackNames();

/// A tooltip with a bold title and wrapped body text (either may be empty).
void Tooltip(const Theme& theme, const std::string& title, const std::string& body, float wrap_width = 460.0f);
/// At the end of each frame (before ImGui::Render): a tooltip the pointer moved onto stays
/// (WCAG 1.4.13, hoverable).
void TooltipEndFrame();
/// Escape: hides the tooltip shown last frame until the pointer moves (WCAG 1.4.13, dismissible);
/// false when there was none.
bool TooltipDismiss();
/// The tooltip shown last frame: its title and rectangle (x, y, w, h); false when none.
bool TooltipShown(std::string* title, float rect[4]);

/// Text with its right edge at x_right.
void DrawTextRight(ImDrawList* dl, ImFont* font, float x_right, float y, ImU32 colour, const char* text);
/// Shorten text with an ellipsis to fit max_w.
std::string Ellipsize(ImFont* font, const std::string& text, float max_w);
/// Where items go when they flow left to right in rows `width` wide (a wrapping toolbar, the
/// header's tabs): an item that would pass the row's end starts the next row (one at a row's start
/// stays, however wide). gaps[i] follows item i. Each item's x from the row's start, and its row.
struct FlowPlace {
    float x = 0.0f;
    int row = 0;
};
std::vector<FlowPlace> Flow(const std::vector<float>& widths, const std::vector<float>& gaps, float width);
/// The same with one gap after every item.
inline std::vector<FlowPlace> Flow(const std::vector<float>& widths, float gap, float width) {
    return Flow(widths, std::vector<float>(widths.size(), gap), width);
}

/// Height of a panel's header (title, then subtitle; stacked: then the run state's line), from the
/// type's sizes, so that it makes room when the text spacing is wider (WCAG 1.4.12).
float HeaderHeight(const Theme& theme, bool stacked);
/// Whole number with thousands separators.
std::string Thousands(long long v);

}  // namespace orgsim::ui
