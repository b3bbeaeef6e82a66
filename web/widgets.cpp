// widgets.cpp: the app's own widgets (see widgets.h).
#include "web/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report.h"

namespace orgsim::ui {

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
    const ImVec2 ts = TextSize(font, label);
    const float icon_size = theme.Dp(primary ? 16 : 13);
    const float gap = icon == Icon::None ? 0.0f : theme.Dp(9);
    const float total = (icon == Icon::None ? 0.0f : icon_size) + gap + ts.x;
    const float x0 = (a.x + b.x - total) * 0.5f;
    const float cy = (a.y + b.y) * 0.5f;
    if (icon != Icon::None) DrawIcon(theme, dl, icon, ImVec2(x0 + icon_size * 0.5f, cy), icon_size, fg, bg);
    DrawText(dl, font, ImVec2(x0 + total - ts.x, cy - ts.y * 0.5f), fg, label);
    return pressed && enabled;
}

bool ToggleButton(const Theme& theme, const char* id, const char* label, Icon icon, ImVec2 size, bool on, bool enabled) {
    if (!on) return Button(theme, id, label, icon, size, false, enabled);
    const Palette& p = theme.Colours();
    ImGui::PushID("toggle_on");
    const bool pressed = Button(theme, id, label, icon, size, false, enabled);
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), WithAlpha(p.accent, 0.16f), theme.Dp(9));
    dl->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), p.accent, theme.Dp(9), 0, theme.Dp(1.5f));
    return pressed;
}

bool Slider(const Theme& theme, const char* id, int* value, int lo, int hi, float width) {
    const Palette& p = theme.Colours();
    const float knob = theme.Dp(9);
    ImGui::InvisibleButton(id, ImVec2(width, theme.Dp(26)));
    const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
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
    dl->AddRectFilled(ImVec2(x0 - th * 0.5f, cy - th * 0.5f), ImVec2(kx, cy + th * 0.5f), p.accent, th * 0.5f);
    if (hovered || active) dl->AddCircleFilled(ImVec2(kx, cy), knob + theme.Dp(5), WithAlpha(p.accent, active ? 0.22f : 0.12f), 32);
    dl->AddCircleFilled(ImVec2(kx, cy + theme.Dp(1)), knob, WithAlpha(IM_COL32(0, 0, 0, 255), 0.12f), 32);  // shadow
    dl->AddCircleFilled(ImVec2(kx, cy), knob, p.card, 32);
    dl->AddCircle(ImVec2(kx, cy), knob - theme.Dp(1), p.accent, 32, theme.Dp(2.5f));
    return changed;
}

bool SliderReal(const Theme& theme, const char* id, double* value, double lo, double hi, float width) {
    constexpr int kSteps = 1000;
    const double span = hi > lo ? hi - lo : 1.0;
    int pos = static_cast<int>(std::lround((std::clamp(*value, lo, hi) - lo) / span * kSteps));
    if (!Slider(theme, id, &pos, 0, kSteps, width)) return false;
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
        case Icon::Open:
        case Icon::Save:
        case Icon::Download: {
            const float t = std::max(1.5f, s * 0.13f);
            // A tray, with an arrow into it (save, download) or out of it (open).
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

void Tooltip(const Theme& theme, const std::string& title, const std::string& body, float wrap_width) {
    const Fonts& f = theme.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme.Dp(14), theme.Dp(12)));
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(theme.Dp(wrap_width));
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
    ImGui::EndTooltip();
    ImGui::PopStyleVar();
}

void DrawTextRight(ImDrawList* dl, ImFont* font, float x_right, float y, ImU32 colour, const char* text) {
    DrawText(dl, font, ImVec2(x_right - TextSize(font, text).x, y), colour, text);
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
