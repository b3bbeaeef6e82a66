// widgets.cpp: the app's own widgets (see widgets.h).
#include "web/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "imgui_internal.h"
#include "sim/report.h"

namespace orgsim::ui {

// ---- Semantics glue ------------------------------------------------------------------------------

namespace {
/// Keys of ImGui items published in the frame being drawn and in the last one; true for text boxes
/// (activated for typing rather than pressed).
std::unordered_map<std::uint32_t, bool> g_items_now, g_items_last;
SemNode g_next_fallback;  // SemNext() when there are no semantics
/// The identifier of the widget about to publish itself without a label (Button with no text,
/// Slider): its name comes from the identifier unless SemNext() gave one. Such names are listed
/// (g_fallback_now) so that a test can find every widget a screen reader would hear by its
/// identifier ("Sens levers") rather than by a name (WCAG 4.1.2).
const char* g_fallback_id = nullptr;
std::vector<std::string> g_fallback_now, g_fallback_last;

/// "##files_save" -> "Files save": a last-resort name for a widget drawn without a label.
std::string HumanName(const char* id) {
    std::string s = id ? id : "";
    while (!s.empty() && s[0] == '#') s.erase(0, 1);
    for (char& c : s)
        if (c == '_') c = ' ';
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

SemNode Fill(SemRole role, const std::string& name, const SemNode& extra, ImVec2 min, ImVec2 max) {
    SemNode n = extra;
    n.role = role;
    if (n.name.empty()) n.name = name;
    n.x = min.x;
    n.y = min.y;
    n.w = std::max(0.0f, max.x - min.x);
    n.h = std::max(0.0f, max.y - min.y);
    return n;
}
}  // namespace

std::uint32_t SemKey(const char* id) { return ImGui::GetID(id); }

SemNode& SemNext() {
    if (Semantics* s = ActiveSemantics()) return s->Next();
    g_next_fallback = SemNode{};
    return g_next_fallback;
}

int SemItem(SemRole role, const std::string& name, const SemNode& extra) {
    const char* const fallback_id = g_fallback_id;
    g_fallback_id = nullptr;
    Semantics* s = ActiveSemantics();
    if (!s) return -1;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID id = g.LastItemData.ID;
    if (id == 0) return -1;
    SemNode n = Fill(role, name, extra, g.LastItemData.Rect.Min, g.LastItemData.Rect.Max);
    n.key = id;
    if (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) n.disabled = true;
    s->ApplyNext(n);
    if (fallback_id && n.name.empty()) {
        n.name = HumanName(fallback_id);
        if (std::find(g_fallback_now.begin(), g_fallback_now.end(), fallback_id) == g_fallback_now.end())
            g_fallback_now.emplace_back(fallback_id);
    }
    // The page moved the focus here: bring the widget into view if its card scrolled it away.
    if (s->Take(id, SemActionKind::Focus) && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
    const bool textbox = n.role == SemRole::TextBox;
    const int i = s->Add(std::move(n));
    if (i >= 0) g_items_now[id] = textbox;
    return i;
}

int SemAt(const char* id, SemRole role, const std::string& name, ImVec2 min, ImVec2 max, const SemNode& extra) {
    Semantics* s = ActiveSemantics();
    if (!s) return -1;
    SemNode n = Fill(role, name, extra, min, max);
    n.key = SemKey(id);
    s->ApplyNext(n);
    return s->Add(std::move(n));
}

int SemItemAt(const char* id, SemRole role, const std::string& name, ImVec2 min, ImVec2 max, const SemNode& extra) {
    Semantics* s = ActiveSemantics();
    if (!s) return -1;
    SemNode n = Fill(role, name, extra, min, max);
    n.key = SemKey(id);
    s->ApplyNext(n);
    const std::uint32_t key = n.key;
    const bool textbox = n.role == SemRole::TextBox;
    const int i = s->Add(std::move(n));
    if (i >= 0) g_items_now[key] = textbox;
    return i;
}

void SemPush(const char* id, SemRole role, const std::string& name, ImVec2 min, ImVec2 max) {
    Semantics* s = ActiveSemantics();
    if (!s) return;
    SemNode n = Fill(role, name, SemNode{}, min, max);
    n.key = SemKey(id);
    s->Push(std::move(n));
}

void SemPop() {
    if (Semantics* s = ActiveSemantics()) s->Pop();
}

bool SemTake(std::uint32_t key, SemActionKind kind, double* value) {
    Semantics* s = ActiveSemantics();
    return s && s->Take(key, kind, value);
}

void SemBeforeFrame() {
    Semantics* s = ActiveSemantics();
    if (!s) return;
    auto& pending = s->Pending();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (auto it = pending.begin(); it != pending.end();) {
        const auto item = g_items_last.find(it->key);
        if (it->kind != SemActionKind::Activate || item == g_items_last.end()) {
            ++it;
            continue;
        }
        // ImGui's programmatic activation (what its keyboard navigation does on Space): the item's
        // ButtonBehavior reports a press in the coming frame; a text field starts editing. One item
        // per frame: the others wait for the next frame.
        if (g.NavNextActivateId != 0) break;
        ImGui::ActivateItem(it->key);
        if (item->second) g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
        // A text field the page left (another node took focus) stops editing.
        it = pending.erase(it);
    }
}

void SemAfterFrame() {
    Semantics* s = ActiveSemantics();
    if (!s) return;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // A widget the user just pressed with the mouse takes the DOM focus: Tab goes on from there, and
    // keys typed into a text field reach it.
    // A press on anything else (a widget with no element, the background) takes the DOM focus off
    // the elements, so keys reach the app and never an element the user left behind.
    if (g.ActiveId != 0 && g.ActiveIdIsJustActivated && g.ActiveIdSource == ImGuiInputSource_Mouse) {
        if (g_items_now.count(g.ActiveId)) s->RequestFocus(g.ActiveId, /*pointer=*/true);
        else s->ClearFocus();
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && g.ActiveId == 0) {
        s->ClearFocus();
    }
    g_items_last.swap(g_items_now);
    g_items_now.clear();
    g_fallback_last.swap(g_fallback_now);
    g_fallback_now.clear();
}

const std::vector<std::string>& SemFallbackNames() { return g_fallback_last; }

bool BeginCard(const char* id, ImVec2 pos, ImVec2 size, bool scrollable) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing;
    if (!scrollable) flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    return ImGui::Begin(id, nullptr, flags);
}

void EndCard() { ImGui::End(); }

bool Button(const Theme& theme, const char* id, const char* label, Icon icon, ImVec2 size, bool primary, bool enabled) {
    const Palette& p = theme.Colours();
    const Fonts& f = theme.GetFonts();
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton(id, size);
    if (!enabled) ImGui::EndDisabled();
    if (label && *label) {
        SemItem(SemRole::Button, label);
    } else {
        g_fallback_id = id;
        SemItem(SemRole::Button, "");
    }
    const bool hovered = enabled && ImGui::IsItemHovered();
    const bool active = enabled && ImGui::IsItemActive();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = primary ? (active ? p.accent_active : hovered ? p.accent_hover : p.accent)
                       : (active ? p.control_active : hovered ? p.control_hover : p.control);
    ImU32 fg = primary ? p.accent_text : p.text;
    if (!enabled) {
        bg = WithAlpha(bg, 0.5f);
        fg = WithAlpha(fg, 0.45f);
    }
    dl->AddRectFilled(a, b, bg, theme.Dp(9));
    if (!primary) dl->AddRect(a, b, WithAlpha(p.card_border, enabled ? 1.0f : 0.5f), theme.Dp(9));
    ImFont* font = primary ? f.heading : f.label;
    float icon_size = theme.Dp(primary ? 16 : 13);
    std::string text = label ? label : "";
    ImVec2 ts = TextSize(font, text.c_str());
    // A button narrower than its content (a narrow window) keeps the text: a primary button's
    // smaller type first, then no icon, then an ellipsis (the full label is its accessible name).
    const float room = b.x - a.x - theme.Dp(16);
    auto total_of = [&](bool with_icon) { return (with_icon ? icon_size + theme.Dp(9) : 0.0f) + ts.x; };
    bool with_icon = icon != Icon::None;
    if (primary && total_of(with_icon) > room) {
        font = f.label;
        icon_size = theme.Dp(13);
        ts = TextSize(font, text.c_str());
    }
    if (with_icon && !text.empty() && total_of(true) > room) with_icon = false;
    if (!text.empty() && ts.x > room) {
        text = Ellipsize(font, text, room);
        ts = TextSize(font, text.c_str());
    }
    const float total = total_of(with_icon);
    const float x0 = (a.x + b.x - total) * 0.5f;
    const float cy = (a.y + b.y) * 0.5f;
    if (with_icon) DrawIcon(theme, dl, icon, ImVec2(x0 + icon_size * 0.5f, cy), icon_size, fg, bg);
    DrawText(dl, font, ImVec2(x0 + total - ts.x, cy - ts.y * 0.5f), fg, text.c_str());
    return pressed && enabled;
}

bool ToggleButton(const Theme& theme, const char* id, const char* label, Icon icon, ImVec2 size, bool on, bool enabled) {
    // A toggle (aria-pressed) unless the caller named another role (a Tab or a Radio: selected or
    // checked). The key is the same on and off, so the DOM element and its focus survive a switch.
    if (Semantics* sem = ActiveSemantics()) {
        if (!sem->NextRoleSet()) sem->NextRole(SemRole::Toggle);
        sem->Next().on = on;
    }
    const bool pressed = Button(theme, id, label, icon, size, false, enabled);
    if (!on) return pressed;
    const Palette& p = theme.Colours();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), WithAlpha(p.accent, 0.16f), theme.Dp(9));
    dl->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), p.accent, theme.Dp(9), 0, theme.Dp(1.5f));
    return pressed;
}

namespace {
/// The slider both Slider and SliderReal draw: *value in lo..hi steps; the node it publishes says
/// sem_lo..sem_hi (the caller's units), and a SetValue action from the page arrives as *set.
bool SliderCore(const Theme& theme, const char* id, int* value, int lo, int hi, float width, SemNode sem_node,
                bool* set, double* set_value) {
    const Palette& p = theme.Colours();
    const float knob = theme.Dp(9);
    const std::uint32_t key = SemKey(id);
    *set = SemTake(key, SemActionKind::SetValue, set_value);
    ImGui::InvisibleButton(id, ImVec2(width, theme.Dp(26)));
    g_fallback_id = id;
    SemItem(SemRole::Slider, "", sem_node);
    // Only the mouse drags the knob (a press from the page or the keyboard activates the item
    // without a pointer to follow).
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive() && ImGui::GetCurrentContext()->ActiveIdSource == ImGuiInputSource_Mouse;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float x0 = a.x + knob, x1 = b.x - knob, cy = (a.y + b.y) * 0.5f;
    bool changed = false;
    int v = *value;
    if (active && x1 > x0) {
        const float t = std::clamp((ImGui::GetIO().MousePos.x - x0) / (x1 - x0), 0.0f, 1.0f);
        v = lo + static_cast<int>(std::lround(t * static_cast<float>(hi - lo)));
    } else if (hovered && ImGui::GetIO().MouseWheel != 0.0f) {
        v += ImGui::GetIO().MouseWheel > 0.0f ? 1 : -1;
    }
    v = std::clamp(v, lo, hi);
    if (v != *value) {
        *value = v;
        changed = true;
    }
    if (hovered || active) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float th = theme.Dp(6);
    const float kx = x0 + (x1 - x0) * static_cast<float>(*value - lo) / static_cast<float>(hi > lo ? hi - lo : 1);
    dl->AddRectFilled(ImVec2(x0 - th * 0.5f, cy - th * 0.5f), ImVec2(x1 + th * 0.5f, cy + th * 0.5f), p.track, th * 0.5f);
    // The track's extent is outlined (3:1 on cards, WCAG 1.4.11): the light track alone (about 1.2:1)
    // would not show where the range ends.
    dl->AddRect(ImVec2(x0 - th * 0.5f, cy - th * 0.5f), ImVec2(x1 + th * 0.5f, cy + th * 0.5f), p.outline, th * 0.5f, 0,
                theme.Dp(1));
    dl->AddRectFilled(ImVec2(x0 - th * 0.5f, cy - th * 0.5f), ImVec2(kx, cy + th * 0.5f), p.accent, th * 0.5f);
    if (hovered || active) dl->AddCircleFilled(ImVec2(kx, cy), knob + theme.Dp(5), WithAlpha(p.accent, active ? 0.22f : 0.12f), 32);
    dl->AddCircleFilled(ImVec2(kx, cy + theme.Dp(1)), knob, WithAlpha(IM_COL32(0, 0, 0, 255), 0.12f), 32);  // shadow
    dl->AddCircleFilled(ImVec2(kx, cy), knob, p.card, 32);
    dl->AddCircle(ImVec2(kx, cy), knob - theme.Dp(1), p.accent, 32, theme.Dp(2.5f));
    return changed;
}
}  // namespace

bool Slider(const Theme& theme, const char* id, int* value, int lo, int hi, float width) {
    SemNode n;
    n.min = lo;
    n.max = hi;
    n.now = *value;
    n.step = 1;
    n.value = std::to_string(*value);
    bool set = false;
    double v = 0.0;
    const int before = *value;
    SliderCore(theme, id, value, lo, hi, width, n, &set, &v);
    if (set && std::isfinite(v)) *value = std::clamp(static_cast<int>(std::lround(v)), lo, hi);
    return *value != before;
}

bool SliderReal(const Theme& theme, const char* id, double* value, double lo, double hi, float width) {
    constexpr int kSteps = 1000;
    const double span = hi > lo ? hi - lo : 1.0;
    int pos = static_cast<int>(std::lround((std::clamp(*value, lo, hi) - lo) / span * kSteps));
    SemNode n;
    n.min = lo;
    n.max = hi;
    n.now = *value;
    n.step = span / 100.0;  // the caller's SemNext().step is finer or coarser where a lever says so
    n.value = FormatNumber(*value, 3);
    bool set = false;
    double v = 0.0;
    const bool dragged = SliderCore(theme, id, &pos, 0, kSteps, width, n, &set, &v);
    if (set && std::isfinite(v)) {
        const double nv = std::clamp(v, lo, hi);
        if (nv == *value) return false;
        *value = nv;
        return true;
    }
    if (!dragged) return false;
    *value = lo + span * pos / kSteps;
    return true;
}

void DrawIcon(const Theme& theme, ImDrawList* dl, Icon icon, ImVec2 c, float s, ImU32 col, ImU32 background) {
    const float h = s * 0.5f;
    switch (icon) {
        case Icon::None: break;
        case Icon::Play:
            dl->AddTriangleFilled(ImVec2(c.x - h * 0.75f, c.y - h), ImVec2(c.x + h, c.y), ImVec2(c.x - h * 0.75f, c.y + h), col);
            break;
        case Icon::Pause: {
            const float bw = s * 0.3f;
            dl->AddRectFilled(ImVec2(c.x - h * 0.85f, c.y - h), ImVec2(c.x - h * 0.85f + bw, c.y + h), col, 1.5f);
            dl->AddRectFilled(ImVec2(c.x + h * 0.85f - bw, c.y - h), ImVec2(c.x + h * 0.85f, c.y + h), col, 1.5f);
            break;
        }
        case Icon::Step: {
            dl->AddTriangleFilled(ImVec2(c.x - h, c.y - h * 0.9f), ImVec2(c.x + h * 0.45f, c.y), ImVec2(c.x - h, c.y + h * 0.9f), col);
            dl->AddRectFilled(ImVec2(c.x + h * 0.55f, c.y - h * 0.9f), ImVec2(c.x + h, c.y + h * 0.9f), col, 1.0f);
            break;
        }
        case Icon::Reset:
        case Icon::Replay: {
            const float r = h * 0.85f;
            const float a0 = -0.35f * 3.14159265f, a1 = 1.25f * 3.14159265f;
            dl->PathArcTo(c, r, a0, a1, 20);
            dl->PathStroke(col, 0, std::max(1.5f, s * 0.14f));
            // Arrow head at the start of the arc, pointing along it (clockwise).
            const ImVec2 e(c.x + std::cos(a0) * r, c.y + std::sin(a0) * r);
            const float k = s * 0.32f;
            dl->AddTriangleFilled(ImVec2(e.x - k * 0.9f, e.y - k * 0.9f), ImVec2(e.x + k * 0.9f, e.y - k * 0.1f),
                                  ImVec2(e.x - k * 0.2f, e.y + k * 0.9f), col);
            break;
        }
        case Icon::Sun: {
            dl->AddCircleFilled(c, h * 0.45f, col, 16);
            for (int i = 0; i < 8; ++i) {
                const float a = i * 3.14159265f / 4.0f;
                dl->AddLine(ImVec2(c.x + std::cos(a) * h * 0.68f, c.y + std::sin(a) * h * 0.68f),
                            ImVec2(c.x + std::cos(a) * h * 1.0f, c.y + std::sin(a) * h * 1.0f), col, std::max(1.2f, s * 0.1f));
            }
            break;
        }
        case Icon::Moon:
            dl->AddCircleFilled(c, h * 0.9f, col, 24);
            dl->AddCircleFilled(ImVec2(c.x + h * 0.45f, c.y - h * 0.35f), h * 0.75f, background, 24);
            break;
        case Icon::Plus:
        case Icon::Minus: {
            const float t = std::max(1.5f, s * 0.16f);
            dl->AddRectFilled(ImVec2(c.x - h, c.y - t * 0.5f), ImVec2(c.x + h, c.y + t * 0.5f), col, t * 0.5f);
            if (icon == Icon::Plus) dl->AddRectFilled(ImVec2(c.x - t * 0.5f, c.y - h), ImVec2(c.x + t * 0.5f, c.y + h), col, t * 0.5f);
            break;
        }
        case Icon::Undo:
        case Icon::Redo: {
            const float dir = icon == Icon::Undo ? 1.0f : -1.0f;  // arrow points left for undo
            const float r = h * 0.75f;
            const ImVec2 cc(c.x, c.y + h * 0.2f);
            dl->PathArcTo(cc, r, icon == Icon::Undo ? 3.14159265f : 0.0f, icon == Icon::Undo ? 2.0f * 3.14159265f : -3.14159265f, 16);
            dl->PathStroke(col, 0, std::max(1.5f, s * 0.14f));
            const ImVec2 e(cc.x - dir * r, cc.y);
            const float k = s * 0.3f;
            dl->AddTriangleFilled(ImVec2(e.x - k, e.y), ImVec2(e.x + k, e.y), ImVec2(e.x, e.y + k * 1.1f), col);
            break;
        }
        case Icon::Save: {
            // A floppy disk (Save and Export, both downloads, would otherwise share an icon).
            const float t = std::max(1.5f, s * 0.13f);
            dl->AddRect(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), col, s * 0.12f, 0, t);
            dl->AddRectFilled(ImVec2(c.x - h * 0.5f, c.y - h), ImVec2(c.x + h * 0.4f, c.y - h * 0.3f), col);
            dl->AddRect(ImVec2(c.x - h * 0.55f, c.y + h * 0.15f), ImVec2(c.x + h * 0.55f, c.y + h), col, 0.0f, 0, t);
            break;
        }
        case Icon::Open:
        case Icon::Download: {
            const float t = std::max(1.5f, s * 0.13f);
            // A tray, with an arrow into it (download) or out of it (open).
            dl->AddLine(ImVec2(c.x - h, c.y + h * 0.3f), ImVec2(c.x - h, c.y + h), col, t);
            dl->AddLine(ImVec2(c.x - h, c.y + h), ImVec2(c.x + h, c.y + h), col, t);
            dl->AddLine(ImVec2(c.x + h, c.y + h), ImVec2(c.x + h, c.y + h * 0.3f), col, t);
            const bool up = icon == Icon::Open;
            dl->AddLine(ImVec2(c.x, c.y - h), ImVec2(c.x, c.y + h * 0.45f), col, t);
            const float ay = up ? c.y - h : c.y + h * 0.5f, k = s * 0.28f;
            dl->AddTriangleFilled(ImVec2(c.x - k, ay + (up ? k : -k)), ImVec2(c.x + k, ay + (up ? k : -k)),
                                  ImVec2(c.x, ay + (up ? -k * 0.2f : k * 0.2f)), col);
            break;
        }
        case Icon::Share: {
            const float rr = s * 0.16f, t = std::max(1.2f, s * 0.1f);
            const ImVec2 a(c.x + h * 0.6f, c.y - h * 0.65f), b(c.x - h * 0.6f, c.y), d(c.x + h * 0.6f, c.y + h * 0.65f);
            dl->AddLine(a, b, col, t);
            dl->AddLine(b, d, col, t);
            dl->AddCircleFilled(a, rr, col, 12);
            dl->AddCircleFilled(b, rr, col, 12);
            dl->AddCircleFilled(d, rr, col, 12);
            break;
        }
        case Icon::External: {  // a box open at its top right, an arrow leaving through the gap
            const float t = std::max(1.2f, s * 0.1f);
            const float l = c.x - h * 0.8f, r = c.x + h * 0.8f, top = c.y - h * 0.8f, bot = c.y + h * 0.8f;
            dl->AddLine(ImVec2(c.x - h * 0.05f, top), ImVec2(l, top), col, t);
            dl->AddLine(ImVec2(l, top), ImVec2(l, bot), col, t);
            dl->AddLine(ImVec2(l, bot), ImVec2(r, bot), col, t);
            dl->AddLine(ImVec2(r, bot), ImVec2(r, c.y + h * 0.05f), col, t);
            const ImVec2 tip(r + h * 0.1f, top - h * 0.1f);
            dl->AddLine(ImVec2(c.x - h * 0.1f, c.y + h * 0.1f), tip, col, t);
            dl->AddLine(tip, ImVec2(tip.x - h * 0.7f, tip.y), col, t);
            dl->AddLine(tip, ImVec2(tip.x, tip.y + h * 0.7f), col, t);
            break;
        }
        case Icon::Help: {
            dl->AddCircle(c, h * 0.95f, col, 20, std::max(1.2f, s * 0.1f));
            ImFont* font = theme.GetFonts().label;
            const ImVec2 ts = TextSize(font, "?");
            DrawText(dl, font, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), col, "?");
            break;
        }
        case Icon::Present: {
            const float t = std::max(1.2f, s * 0.1f);
            dl->AddRect(ImVec2(c.x - h, c.y - h * 0.75f), ImVec2(c.x + h, c.y + h * 0.45f), col, 1.5f, 0, t);
            dl->AddLine(ImVec2(c.x, c.y + h * 0.45f), ImVec2(c.x, c.y + h), col, t);
            dl->AddLine(ImVec2(c.x - h * 0.45f, c.y + h), ImVec2(c.x + h * 0.45f, c.y + h), col, t);
            break;
        }
        case Icon::Close: {
            const float t = std::max(1.5f, s * 0.14f), k = h * 0.75f;
            dl->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), col, t);
            dl->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), col, t);
            break;
        }
        case Icon::Check: {
            const float t = std::max(1.5f, s * 0.16f);
            dl->AddLine(ImVec2(c.x - h * 0.8f, c.y), ImVec2(c.x - h * 0.2f, c.y + h * 0.6f), col, t);
            dl->AddLine(ImVec2(c.x - h * 0.2f, c.y + h * 0.6f), ImVec2(c.x + h * 0.85f, c.y - h * 0.6f), col, t);
            break;
        }
        case Icon::Warning: {
            dl->AddTriangleFilled(ImVec2(c.x, c.y - h), ImVec2(c.x + h, c.y + h * 0.85f), ImVec2(c.x - h, c.y + h * 0.85f), col);
            dl->AddRectFilled(ImVec2(c.x - s * 0.05f, c.y - h * 0.35f), ImVec2(c.x + s * 0.05f, c.y + h * 0.3f), background);
            dl->AddRectFilled(ImVec2(c.x - s * 0.05f, c.y + h * 0.45f), ImVec2(c.x + s * 0.05f, c.y + h * 0.62f), background);
            break;
        }
    }
}

void DrawSwitchTrack(const Theme& theme, ImDrawList* dl, ImVec2 a, ImVec2 size, bool on, bool hovered, bool knob_shadow) {
    const Palette& c = theme.Colours();
    const ImVec2 b(a.x + size.x, a.y + size.y);
    dl->AddRectFilled(a, b, on ? (hovered ? c.accent_hover : c.accent) : (hovered ? c.control_active : c.track), size.y * 0.5f);
    if (!on) dl->AddRect(a, b, c.outline, size.y * 0.5f, 0, theme.Dp(1.5f));
    const float r = size.y * 0.5f - theme.Dp(3);
    const float kx = on ? b.x - size.y * 0.5f : a.x + size.y * 0.5f;
    if (knob_shadow) dl->AddCircleFilled(ImVec2(kx, a.y + size.y * 0.5f + theme.Dp(1)), r, WithAlpha(IM_COL32(0, 0, 0, 255), 0.15f), 24);
    dl->AddCircleFilled(ImVec2(kx, a.y + size.y * 0.5f), r, IM_COL32(255, 255, 255, 255), 24);
}

namespace {
/// Tooltips that can be hovered and dismissed (WCAG 1.4.13). A tooltip stays where it first
/// appeared while its content is the same (it does not follow the pointer), so the pointer can move
/// onto it; while the pointer is over it (or the gap to it) it is drawn again at the end of the
/// frame although the widget under it is no longer hovered. Escape hides it until the pointer
/// moves (TooltipDismiss, called by the app's key handling).
struct TooltipState {
    std::string title, body;
    float wrap = 0.0f;
    ImVec2 pos{-1.0f, -1.0f}, size{0.0f, 0.0f};
    bool drawn_now = false, drawn_last = false;
    bool dismissed = false;
    ImVec2 dismissed_at{0.0f, 0.0f};
    double last_move = -1.0;  ///< ImGui time the pointer last moved
    const Theme* theme = nullptr;
} g_tip;

void DrawTooltipWindow(const Theme& theme, const std::string& title, const std::string& body, float wrap_width, bool keep_place) {
    const Fonts& f = theme.GetFonts();
    const ImGuiIO& io = ImGui::GetIO();
    // Text wraps at wrap_width, or narrower in a narrow window, so that the tooltip fits in it.
    const float wrap = std::max(theme.Dp(120), std::min(theme.Dp(wrap_width), io.DisplaySize.x - theme.Dp(44)));
    if (!keep_place || g_tip.pos.x < 0.0f) {
        // Below and to the right of the pointer (as ImGui places tooltips), or to the left and above
        // where it would leave the window (or against the window's right edge when neither side has
        // room); its size measured from the text, so that it does not move on its second frame.
        ImVec2 est(0.0f, 0.0f);
        if (!title.empty()) {
            const ImVec2 ts = f.label->CalcTextSizeA(FontSize(f.label), FLT_MAX, wrap, title.c_str());
            est = ImVec2(ts.x, ts.y);
        }
        if (!body.empty()) {
            const ImVec2 bs = f.small->CalcTextSizeA(FontSize(f.small), FLT_MAX, wrap, body.c_str());
            est = ImVec2(std::max(est.x, bs.x), est.y + bs.y + (title.empty() ? 0.0f : ImGui::GetStyle().ItemSpacing.y));
        }
        est = ImVec2(est.x + theme.Dp(28), est.y + theme.Dp(24));
        ImVec2 p(io.MousePos.x + theme.Dp(16), io.MousePos.y + theme.Dp(12));
        if (p.x + est.x > io.DisplaySize.x) p.x = io.MousePos.x - theme.Dp(8) - est.x;
        if (p.x < 0.0f) p.x = std::max(0.0f, io.DisplaySize.x - est.x);
        if (p.y + est.y > io.DisplaySize.y) p.y = std::max(0.0f, io.MousePos.y - theme.Dp(8) - est.y);
        g_tip.pos = p;
    }
    ImGui::SetNextWindowPos(g_tip.pos);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme.Dp(14), theme.Dp(12)));
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(wrap);
    if (!title.empty()) {
        ImGui::PushFont(f.label);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
    }
    if (!body.empty()) {
        ImGui::PushFont(f.small);
        ImGui::TextUnformatted(body.c_str());
        ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
    const ImVec2 size = ImGui::GetWindowSize();
    ImGui::EndTooltip();
    ImGui::PopStyleVar();
    // Kept inside the window once its size is known (the first frame of a tooltip guesses it).
    if (g_tip.pos.x + size.x > io.DisplaySize.x || g_tip.pos.y + size.y > io.DisplaySize.y) {
        g_tip.pos.x = std::max(0.0f, std::min(g_tip.pos.x, io.DisplaySize.x - size.x));
        g_tip.pos.y = std::max(0.0f, std::min(g_tip.pos.y, io.DisplaySize.y - size.y));
        if (g_tip.pos.x <= io.MousePos.x && io.MousePos.x <= g_tip.pos.x + size.x && g_tip.pos.y <= io.MousePos.y &&
            io.MousePos.y <= g_tip.pos.y + size.y)
            g_tip.pos.y = std::max(0.0f, io.MousePos.y - theme.Dp(8) - size.y);  // never under the pointer
    }
    g_tip.size = size;
    g_tip.title = title;  // (title and body may be g_tip's own: self-assignment is fine)
    g_tip.body = body;
    g_tip.wrap = wrap_width;
    g_tip.theme = &theme;
    g_tip.drawn_now = true;
}

/// The pointer is on the last tooltip, or crossing the gap to it (moved in the last 0.3 s, within a
/// margin); a pointer at rest beside it (a click that opened a dialog over its widget) does not
/// keep it.
bool PointerOnTooltip() {
    if (g_tip.size.x <= 0.0f) return false;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 m = io.MousePos;
    const bool moving = g_tip.last_move >= 0.0 && ImGui::GetTime() - g_tip.last_move < 0.3;
    const float pad = moving ? (g_tip.theme ? g_tip.theme->Dp(18) : 18.0f) : 0.0f;
    return m.x >= g_tip.pos.x - pad && m.x <= g_tip.pos.x + g_tip.size.x + pad && m.y >= g_tip.pos.y - pad &&
           m.y <= g_tip.pos.y + g_tip.size.y + pad;
}
}  // namespace

void Tooltip(const Theme& theme, const std::string& title, const std::string& body, float wrap_width) {
    if (g_tip.drawn_now) return;  // one tooltip a frame: the first asked for
    if (g_tip.dismissed) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (std::fabs(m.x - g_tip.dismissed_at.x) + std::fabs(m.y - g_tip.dismissed_at.y) < theme.Dp(4)) return;
        g_tip.dismissed = false;
    }
    // The same tooltip as last frame stays where it is; another one starts at the pointer. With the
    // pointer on the last tooltip or next to it, that one stays, whatever widget lies under it.
    const bool same = g_tip.drawn_last && g_tip.title == title && g_tip.body == body;
    if (!same && g_tip.drawn_last && PointerOnTooltip()) DrawTooltipWindow(theme, g_tip.title, g_tip.body, g_tip.wrap, true);
    else DrawTooltipWindow(theme, title, body, wrap_width, same);
}

void TooltipEndFrame() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f) g_tip.last_move = ImGui::GetTime();
    // No widget asked for a tooltip this frame, but the pointer went onto the last one: it stays.
    if (!g_tip.drawn_now && g_tip.drawn_last && !g_tip.dismissed && g_tip.theme && PointerOnTooltip() &&
        !ImGui::IsMouseDown(ImGuiMouseButton_Left))
        DrawTooltipWindow(*g_tip.theme, g_tip.title, g_tip.body, g_tip.wrap, true);
    g_tip.drawn_last = g_tip.drawn_now;
    g_tip.drawn_now = false;
    if (!g_tip.drawn_last) g_tip.pos = ImVec2(-1.0f, -1.0f);
}

bool TooltipDismiss() {
    if (!g_tip.drawn_last) return false;
    g_tip.dismissed = true;
    g_tip.dismissed_at = ImGui::GetIO().MousePos;
    return true;
}

bool TooltipShown(std::string* title, float rect[4]) {
    if (!g_tip.drawn_last) return false;
    if (title) *title = g_tip.title;
    if (rect) {
        rect[0] = g_tip.pos.x;
        rect[1] = g_tip.pos.y;
        rect[2] = g_tip.size.x;
        rect[3] = g_tip.size.y;
    }
    return true;
}

void DrawTextRight(ImDrawList* dl, ImFont* font, float x_right, float y, ImU32 colour, const char* text) {
    DrawText(dl, font, ImVec2(x_right - TextSize(font, text).x, y), colour, text);
}

std::vector<FlowPlace> Flow(const std::vector<float>& widths, const std::vector<float>& gaps, float width) {
    std::vector<FlowPlace> places;
    places.reserve(widths.size());
    FlowPlace at;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (at.x > 0.0f && at.x + widths[i] > width) {
            at.x = 0.0f;
            ++at.row;
        }
        places.push_back(at);
        at.x += widths[i] + (i < gaps.size() ? gaps[i] : 0.0f);
    }
    return places;
}

float HeaderHeight(const Theme& theme, bool stacked) {
    const Fonts& f = theme.GetFonts();
    const float base = FontSize(f.title) + FontSize(f.small);
    return stacked ? base + FontSize(f.label) + theme.Dp(33) : base + theme.Dp(15);
}

std::string Ellipsize(ImFont* font, const std::string& text, float max_w) {
    if (TextSize(font, text.c_str()).x <= max_w) return text;
    std::string s = text;
    while (!s.empty()) {
        // Drop one whole UTF-8 character: its continuation bytes (10xxxxxx), then its first byte.
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
        if (!s.empty()) s.pop_back();
        while (!s.empty() && s.back() == ' ') s.pop_back();
        const std::string t = s + "\xE2\x80\xA6";
        if (TextSize(font, t.c_str()).x <= max_w) return t;
    }
    return "\xE2\x80\xA6";
}

std::string Thousands(long long v) { return FormatNumber(static_cast<double>(v), 0); }

}  // namespace orgsim::ui
