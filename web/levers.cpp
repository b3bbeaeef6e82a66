// levers.cpp: the levers panel (see levers.h).
#include "web/levers.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "web/modeldoc.h"
#include "web/widgets.h"

namespace orgsim::ui {

namespace {

/// Decimals that show a value of this parameter without noise (by its range).
int Decimals(const ParamInfo& info) { return DisplayDecimals(info); }

/// A number as the panel shows it: thousands separators for big ones, no trailing zeros.
std::string Number(const ParamInfo& info, double v) {
    if (info.kind == ParamKind::Choice || info.kind == ParamKind::Bool) return FormatValue(info.id, v);
    if (std::fabs(v) >= 1000.0 && std::fabs(v - std::round(v)) < 1e-9) return Thousands(std::llround(v));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", std::max(Decimals(info), 3), v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
}

/// Round a slider value to the parameter's display precision (a slider gives 1,000 steps).
double Snap(const ParamInfo& info, double v) {
    if (info.kind != ParamKind::Real) return std::round(v);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", Decimals(info), v);
    return std::clamp(std::strtod(buf, nullptr), info.min, info.max);
}

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string Range(const ParamInfo& info) {
    if (info.kind == ParamKind::Choice) {
        std::string out;
        for (const auto& o : Options(info.id)) out += (out.empty() ? "" : ", ") + o;
        return out;
    }
    if (info.kind == ParamKind::Bool) return "yes or no";
    return Number(info, info.min) + " to " + Number(info, info.max) + " " + info.unit;
}

/// What a lever's controls tell a screen reader besides their name: its meaning, range and source.
std::string ParamDescription(const ParamInfo& info) {
    return std::string(info.doc) + " Range: " + Range(info) + ". Default: " + Number(info, info.def) + ". Source: " + info.source + ".";
}

void ParamTooltip(const Theme& t, const ParamInfo& info) {
    std::string body = std::string(info.doc) + "\n\n";
    if (info.kind == ParamKind::Real || info.kind == ParamKind::Integer) body += std::string("Unit: ") + info.unit + "\n";
    body += "Range: " + Range(info) + "\n";
    body += "Default: " + Number(info, info.def) + "\n";
    body += std::string("Source: ") + info.source + "\n";
    body += std::string("Key: ") + info.key + "\n\n";
    body += "Click ? (or right-click the lever) for how the model works.";
    Tooltip(t, info.label, body);
}

}  // namespace

void LeversPanel::Commit(Ui& ui, ParamId id, double value) {
    const EditResult r = ui.ws.SetParam(id, value);
    if (!r.ok && ui.notify) ui.notify(r.message, true);
}

void LeversPanel::DrawChoice(Ui& ui, const ParamInfo& info, double value, float width) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const auto opts = Options(info.id);
    const int n = static_cast<int>(opts.size());
    if (n == 0) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float h = t.Dp(34), inset = t.Dp(3);
    dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), c.control, t.Dp(9));
    const float sw = (width - 2 * inset) / static_cast<float>(n);
    const int selected = static_cast<int>(std::lround(value));
    SemPush("##sem_choice", SemRole::RadioGroup, info.label, a, ImVec2(a.x + width, a.y + h));
    for (int i = 0; i < n; ++i) {
        const ImVec2 s0(a.x + inset + sw * static_cast<float>(i), a.y + inset);
        const ImVec2 s1(s0.x + sw, a.y + h - inset);
        ImGui::SetCursorScreenPos(s0);
        ImGui::PushID(i);
        const bool pressed = ImGui::InvisibleButton("##opt", ImVec2(sw, s1.y - s0.y));
        {
            SemNode opt;
            opt.on = i == selected;
            SemItem(SemRole::Radio, opts[static_cast<std::size_t>(i)], opt);
        }
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        ui.hooks.RecordLastItem(std::string("Lever:") + info.key + ":" + opts[static_cast<std::size_t>(i)]);
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const bool on = i == selected;
        if (on) {
            dl->AddRectFilled(s0, s1, c.card, t.Dp(7));
            dl->AddRect(s0, s1, c.accent, t.Dp(7), 0, t.Dp(1.5f));
        } else if (hovered) {
            dl->AddRectFilled(s0, s1, c.control_hover, t.Dp(7));
        }
        const std::string label = Ellipsize(f.label, opts[static_cast<std::size_t>(i)], sw - t.Dp(8));
        const ImVec2 ts = TextSize(f.label, label.c_str());
        DrawText(dl, f.label, ImVec2((s0.x + s1.x - ts.x) * 0.5f, (s0.y + s1.y - ts.y) * 0.5f), on ? c.text : c.text_muted,
                 label.c_str());
        if (pressed && !on) Commit(ui, info.id, static_cast<double>(i));
    }
    SemPop();
    ui.hooks.Record(std::string("Lever:") + info.key, a.x, a.y, width, h);
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + h));
}

void LeversPanel::DrawSwitch(Ui& ui, const ParamInfo& info, double value) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool on = value != 0.0;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 size(t.Dp(44), t.Dp(24));
    const char* text = on ? "Yes" : "No";
    const float text_w = TextSize(f.label, "Yes").x + t.Dp(10);
    const bool pressed = ImGui::InvisibleButton("##switch", ImVec2(size.x + t.Dp(10) + text_w, size.y));
    {
        SemNode sw;
        sw.on = on;
        sw.description = ParamDescription(info);
        SemItem(SemRole::Switch, info.label, sw);
    }
    const bool hovered = ImGui::IsItemHovered();
    ui.hooks.RecordLastItem(std::string("Lever:") + info.key);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 b(a.x + size.x, a.y + size.y);
    DrawSwitchTrack(t, dl, a, size, on, hovered, /*knob_shadow=*/true);
    DrawText(dl, f.label, ImVec2(b.x + t.Dp(10), a.y + (size.y - FontSize(f.label)) * 0.5f), on ? c.text : c.text_muted, text);
    if (pressed) Commit(ui, info.id, on ? 0.0 : 1.0);
}

void LeversPanel::DrawNumber(Ui& ui, const ParamInfo& info, double value, float width) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float box_w = t.Dp(84), gap = t.Dp(10), h = t.Dp(30);
    const float slider_w = std::max(t.Dp(40), width - box_w - gap);
    const std::string key = info.key;

    // Slider. The wheel scrolls the panel, never a value under the pointer (the shared Slider
    // reacts to the wheel; it is hidden from it here).
    ImGuiIO& io = ImGui::GetIO();
    const float wheel = io.MouseWheel;
    io.MouseWheel = 0.0f;
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + (h - t.Dp(26)) * 0.5f));
    bool changed = false;
    double v = value;
    {
        SemNode& next = SemNext();
        next.name = info.label;
        next.value = Number(info, value) + " " + info.unit;
        next.description = ParamDescription(info);
    }
    if (info.kind == ParamKind::Integer) {
        int iv = static_cast<int>(std::lround(value));
        changed = Slider(t, "##slider", &iv, static_cast<int>(info.min), static_cast<int>(info.max), slider_w);
        v = iv;
    } else if (info.min > 0.0 && info.max / info.min >= 1000.0) {
        // Ranges over several orders of magnitude (revenue: $1M to $100B) slide on a log scale, so
        // typical values are not squeezed into the first pixel; three significant digits.
        double lv = std::log10(std::max(value, info.min));
        changed = SliderReal(t, "##slider", &lv, std::log10(info.min), std::log10(info.max), slider_w);
        if (changed) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3g", std::pow(10.0, lv));
            v = std::clamp(std::strtod(buf, nullptr), info.min, info.max);
        }
    } else {
        changed = SliderReal(t, "##slider", &v, info.min, info.max, slider_w);
        v = Snap(info, v);
    }
    io.MouseWheel = wheel;
    ui.hooks.RecordLastItem("Lever:" + key);
    const bool active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
        editing_ = info.id;
        edit_value_ = value;
        edit_focus_ = true;
    }
    if (changed && active) dragging_ = std::make_pair(info.id, v);
    // Set from the page (a screen reader, the keyboard): one edit per step, as a typed value is.
    if (changed && !active) Commit(ui, info.id, v);
    if (released && dragging_ && dragging_->first == info.id) {
        const double final_value = dragging_->second;
        dragging_.reset();
        Commit(ui, info.id, final_value);
    }

    // Value box: click for a precise entry.
    const ImVec2 b0(a.x + slider_w + gap, a.y), b1(b0.x + box_w, a.y + h);
    ImGui::SetCursorScreenPos(b0);
    if (editing_ && *editing_ == info.id) {
        ImGui::PushFont(f.label);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.Dp(8), (h - FontSize(f.label)) * 0.5f));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, t.Dp(7));
        ImGui::SetNextItemWidth(box_w);
        if (edit_focus_) {
            ImGui::SetKeyboardFocusHere();
            edit_focus_ = false;
        }
        const bool enter = ImGui::InputDouble("##entry", &edit_value_, 0.0, 0.0, "%g", ImGuiInputTextFlags_EnterReturnsTrue);
        ui.hooks.RecordLastItem("Lever:" + key + ":entry");
        SemItem(SemRole::TextBox, std::string(info.label) + " (" + info.unit + "), exact value");
        const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
        if (enter || (ImGui::IsItemDeactivated() && !escape)) {
            editing_.reset();
            Commit(ui, info.id, edit_value_);
        } else if (escape || (!ImGui::IsItemActive() && !ImGui::IsItemActivated() && !edit_focus_ && ImGui::IsMouseClicked(0))) {
            editing_.reset();
        }
        ImGui::PopStyleVar(2);
        ImGui::PopFont();
    } else {
        const bool pressed = ImGui::InvisibleButton("##value", ImVec2(box_w, h));
        {
            SemNode box;
            box.description = "Type an exact value (" + Range(info) + ").";
            SemItem(SemRole::Button, "Type a value for " + std::string(info.label) + ", now " + Number(info, v), box);
        }
        const bool hovered = ImGui::IsItemHovered();
        ui.hooks.RecordLastItem("Lever:" + key + ":value");
        if (hovered) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
            Tooltip(t, "", "Click to type an exact value (" + Range(info) + ").");
        }
        dl->AddRectFilled(b0, b1, hovered ? c.control_hover : c.control, t.Dp(7));
        const std::string text = Ellipsize(f.label, Number(info, v), box_w - t.Dp(14));
        DrawTextRight(dl, f.label, b1.x - t.Dp(8), (b0.y + b1.y - FontSize(f.label)) * 0.5f, c.text, text.c_str());
        if (pressed) {
            editing_ = info.id;
            edit_value_ = value;
            edit_focus_ = true;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + h));
}

void LeversPanel::DrawParam(Ui& ui, const ParamInfo& info, float width) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Workspace& ws = ui.ws;
    const double committed = ws.ActiveScenario().params.Get(info.id);
    const double value = dragging_ && dragging_->first == info.id ? dragging_->second : committed;
    const bool from_default = !ws.ActiveScenario().params.IsDefault(info.id);
    const bool alternative = ws.Active() > 0;
    const double base = ws.GetScenario(0).params.Get(info.id);
    const bool from_base = alternative && base != committed;

    ImGui::PushID(info.key);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float row_h = FontSize(f.label) + t.Dp(6);
    // Marks: an accent bar left of a value changed from the default.
    if (from_default)
        dl->AddRectFilled(ImVec2(a.x - t.Dp(10), a.y + t.Dp(1)), ImVec2(a.x - t.Dp(7), a.y + row_h - t.Dp(2)), c.accent, t.Dp(1.5f));

    // Right end of the label row: reset to default, and the baseline's value on an alternative.
    float right = a.x + width;
    if (!ui.presenting && from_default) {
        const float s = row_h;
        ImGui::SetCursorScreenPos(ImVec2(right - s, a.y));
        const bool pressed = ImGui::InvisibleButton("##reset", ImVec2(s, s));
        SemItem(SemRole::Button, "Reset " + std::string(info.label) + " to the default, " + Number(info, info.def));
        const bool hovered = ImGui::IsItemHovered();
        ui.hooks.RecordLastItem(std::string("Lever:") + info.key + ":reset");
        if (hovered) {
            dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), c.control_hover, t.Dp(6));
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            Tooltip(t, "Reset to the default", std::string("Default: ") + Number(info, info.def) + " (the calibration of MODEL.md)");
        }
        DrawIcon(t, dl, Icon::Reset, ImVec2(right - s * 0.5f, a.y + s * 0.5f), t.Dp(12), hovered ? c.text : c.text_muted, c.card);
        if (pressed) Commit(ui, info.id, info.def);
        right -= s + t.Dp(4);
    }
    if (from_base) {
        const std::string chip = "baseline " + Number(info, base);
        const std::string fit = Ellipsize(f.small, chip, width * 0.4f);
        const float cw = TextSize(f.small, fit.c_str()).x + t.Dp(12);
        const ImVec2 c0(right - cw, a.y), c1(right, a.y + row_h);
        ImGui::SetCursorScreenPos(c0);
        const bool pressed = !ui.presenting && ImGui::InvisibleButton("##base", ImVec2(cw, row_h));
        if (!ui.presenting) SemItem(SemRole::Button, "baseline " + Number(info, base) + ": use it for " + std::string(info.label));
        const bool hovered = !ui.presenting && ImGui::IsItemHovered();
        if (!ui.presenting) ui.hooks.RecordLastItem(std::string("Lever:") + info.key + ":baseline");
        const ImU32 tint = FunctionColour(Function::Marketing);
        dl->AddRectFilled(c0, c1, WithAlpha(tint, hovered ? 0.32f : 0.18f), t.Dp(6));
        DrawText(dl, f.small, ImVec2(c0.x + t.Dp(6), a.y + (row_h - FontSize(f.small)) * 0.5f), c.text, fit.c_str());
        if (hovered) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            Tooltip(t, "Differs from the baseline", "The baseline has " + Number(info, base) + ". Click to use the baseline's value.");
        }
        if (pressed) Commit(ui, info.id, base);
        right -= cw + t.Dp(6);
    }
    // "?" right after the label: the page "How the model works" at this lever's mechanism.
    const bool doc_link = !ui.presenting && ui.open_model_doc;
    const float q = row_h;
    // In presentation mode the value goes on the label row (there are no controls).
    std::string shown;
    if (ui.presenting) {
        shown = Number(info, value);
        if (info.kind == ParamKind::Real || info.kind == ParamKind::Integer) shown += std::string(" ") + info.unit;
        shown = Ellipsize(f.label, shown, width * 0.45f);
        const float sw = TextSize(f.label, shown.c_str()).x;
        DrawText(dl, f.label, ImVec2(right - sw, a.y + t.Dp(3)), c.accent, shown.c_str());
        right -= sw + t.Dp(10);
    } else if (info.kind == ParamKind::Real || info.kind == ParamKind::Integer) {
        // The unit only where the whole label still fits (it is in the tooltips in any case).
        const float uw = TextSize(f.small, info.unit).x;
        if (TextSize(f.label, info.label).x + t.Dp(10) + uw + (doc_link ? q + t.Dp(4) : 0.0f) <= right - a.x) {
            DrawText(dl, f.small, ImVec2(right - uw, a.y + (row_h - FontSize(f.small)) * 0.5f), c.text_faint, info.unit);
            right -= uw + t.Dp(10);
        }
    }
    if (doc_link) right -= q + t.Dp(4);
    const std::string label = Ellipsize(f.label, info.label, std::max(t.Dp(30), right - a.x));
    const float label_w = TextSize(f.label, label.c_str()).x;
    DrawText(dl, f.label, ImVec2(a.x, a.y + t.Dp(3)), c.text, label.c_str());
    ImGui::SetCursorScreenPos(a);
    ImGui::InvisibleButton("##label", ImVec2(std::max(1.0f, label_w), row_h));
    if (ImGui::IsItemHovered()) ParamTooltip(t, info);
    bool open_doc = false;
    if (doc_link) {
        const ImVec2 q0(a.x + label_w + t.Dp(2), a.y);
        ImGui::SetCursorScreenPos(q0);
        open_doc = ImGui::InvisibleButton("##doc", ImVec2(q, q));
        SemItem(SemRole::Link, "How the model works: " + std::string(info.label));
        const bool hovered = ImGui::IsItemHovered();
        ui.hooks.RecordLastItem(std::string("Lever:") + info.key + ":doc");
        if (hovered) {
            dl->AddCircleFilled(ImVec2(q0.x + q * 0.5f, q0.y + q * 0.5f), q * 0.5f, WithAlpha(c.accent, 0.14f), 20);
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            Tooltip(t, "How the model works", std::string("Open the model's documentation at the mechanism behind ") + info.label +
                                                   " (also: right-click the lever).");
        }
        DrawIcon(t, dl, Icon::Help, ImVec2(q0.x + q * 0.5f, q0.y + q * 0.5f), t.Dp(13), hovered ? c.accent : c.text_faint, c.card);
    }

    if (!ui.presenting) {
        ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + row_h + t.Dp(6)));
        switch (info.kind) {
            case ParamKind::Choice: DrawChoice(ui, info, value, width); break;
            case ParamKind::Bool: DrawSwitch(ui, info, value); break;
            case ParamKind::Integer:
            case ParamKind::Real: DrawNumber(ui, info, value, width); break;
        }
        if (ImGui::IsItemHovered() && info.kind != ParamKind::Real && info.kind != ParamKind::Integer) ParamTooltip(t, info);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + row_h));
    }
    const ImVec2 end = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(a);
    ImGui::Dummy(ImVec2(width, end.y - a.y + t.Dp(ui.presenting ? 8 : 16)));
    ImGui::PopID();
    // A right-click anywhere on the lever opens the documentation too.
    if (doc_link && ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, ImVec2(a.x + width, end.y)) &&
        ImGui::IsMouseClicked(ImGuiMouseButton_Right))
        open_doc = true;
    if (open_doc) ui.open_model_doc(DocTopics(info));
    // The value tests read back (the committed one, not a drag in progress).
    if (info.group == ParamGroup::Levers) ui.hooks.Value(std::string("lever.") + info.key, committed);
}

void LeversPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(22), t.Dp(18)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), 0.0f));
    BeginCard("##levers", pos, size, true);
    ui.hooks.Record("Panel:levers", pos.x, pos.y, size.x, size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;

    ImGui::PushFont(f.heading);
    ImGui::TextUnformatted("Levers");
    ImGui::PopFont();
    {
        SemNode heading;
        heading.level = 2;
        SemAt("##sem_levers", SemRole::Heading, "Levers", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), heading);
    }
    if (ui.ws.Empty()) {
        ImGui::PushFont(f.small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c.text_muted));
        ImGui::TextWrapped("Open a scenario from the gallery to see and change its levers.");
        ImGui::PopStyleColor();
        ImGui::PopFont();
        EndCard();
        ImGui::PopStyleVar(2);
        return;
    }
    const int active = ui.ws.Active();
    std::string sub = Workspace::SlotLabel(active) + kMiddot + ui.ws.ActiveScenario().name;
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        DrawText(dl, f.small, ImVec2(p.x, p.y + t.Dp(2)), c.text_muted, Ellipsize(f.small, sub, w).c_str());
        ImGui::Dummy(ImVec2(w, FontSize(f.small) + t.Dp(6)));
        const char* hint = ui.presenting ? "Read-only while presenting."
                           : active > 0 ? "Bar: changed from the default. Orange: differs from the baseline (click to copy it)."
                                        : "A bar marks values changed from the default. Hover a name for its source.";
        ImGui::PushFont(f.small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c.text_faint));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextUnformatted(hint);
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(w, t.Dp(14)));
    }

    int changed = 0;
    for (const ParamInfo& info : ParamTable()) {
        if (info.group != ParamGroup::Levers) {
            if (!ui.ws.ActiveScenario().params.IsDefault(info.id)) ++changed;
            continue;
        }
        DrawParam(ui, info, w);
    }

    // ---- Advanced: every other group, with a filter --------------------------------------------
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddLine(ImVec2(p.x, p.y), ImVec2(p.x + w, p.y), c.card_border, 1.0f);
        ImGui::Dummy(ImVec2(w, t.Dp(10)));
        const ImVec2 h0 = ImGui::GetCursorScreenPos();
        const float hh = FontSize(f.label) + t.Dp(14);
        const bool pressed = ImGui::InvisibleButton("##advanced", ImVec2(w, hh));
        {
            SemNode adv;
            adv.expanded = advanced_open_ ? 1 : 0;
            SemItem(SemRole::Button, "Advanced: all parameters", adv);
        }
        const bool hovered = ImGui::IsItemHovered();
        ui.hooks.RecordLastItem("Levers:advanced");
        if (hovered) {
            dl->AddRectFilled(h0, ImVec2(h0.x + w, h0.y + hh), c.control, t.Dp(7));
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        if (pressed) advanced_open_ = !advanced_open_;
        // Chevron: right when closed, down when open.
        const ImVec2 cc(h0.x + t.Dp(10), h0.y + hh * 0.5f);
        const float k = t.Dp(4.5f);
        if (advanced_open_)
            dl->AddTriangleFilled(ImVec2(cc.x - k, cc.y - k * 0.6f), ImVec2(cc.x + k, cc.y - k * 0.6f), ImVec2(cc.x, cc.y + k * 0.7f), c.text_muted);
        else
            dl->AddTriangleFilled(ImVec2(cc.x - k * 0.6f, cc.y - k), ImVec2(cc.x + k * 0.7f, cc.y), ImVec2(cc.x - k * 0.6f, cc.y + k), c.text_muted);
        DrawText(dl, f.label, ImVec2(h0.x + t.Dp(22), h0.y + (hh - FontSize(f.label)) * 0.5f), c.text, "Advanced: all parameters");
        char buf[48];
        std::snprintf(buf, sizeof buf, "%d changed", changed);
        if (changed > 0)
            DrawTextRight(dl, f.small, h0.x + w - t.Dp(8), h0.y + (hh - FontSize(f.small)) * 0.5f, c.accent, buf);
    }
    ui.hooks.Value("levers.advanced_changed", changed);
    if (advanced_open_) {
        ImGui::Dummy(ImVec2(w, t.Dp(8)));
        ImGui::PushFont(f.body);
        ImGui::SetNextItemWidth(w);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.Dp(10), t.Dp(7)));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, t.Dp(8));
        ImGui::InputTextWithHint("##paramfilter", "Filter by name, key or meaning", filter_, sizeof filter_);
        {
            SemNode box;
            box.value = filter_;
            SemItem(SemRole::TextBox, "Filter parameters by name, key or meaning", box);
        }
        ImGui::PopStyleVar(2);
        ImGui::PopFont();
        ui.hooks.RecordLastItem("Levers:filter");
        ImGui::Dummy(ImVec2(w, t.Dp(12)));
        const std::string needle = Lower(filter_);
        int shown = 0;
        for (int g = 1; g < kParamGroupCount; ++g) {
            const auto group = static_cast<ParamGroup>(g);
            bool heading = false;
            for (const ParamInfo& info : ParamTable()) {
                if (info.group != group) continue;
                if (!needle.empty() &&
                    Lower(std::string(info.key) + " " + info.label + " " + info.doc + " " + GroupName(group)).find(needle) == std::string::npos)
                    continue;
                if (!heading) {
                    heading = true;
                    const ImVec2 p = ImGui::GetCursorScreenPos();
                    std::string name = GroupName(group);
                    for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                    DrawText(dl, f.label, ImVec2(p.x, p.y + t.Dp(4)), c.text_faint, name.c_str());
                    ImGui::Dummy(ImVec2(w, FontSize(f.label) + t.Dp(14)));
                }
                DrawParam(ui, info, w);
                ++shown;
            }
        }
        if (shown == 0) {
            ImGui::PushFont(f.small);
            ImGui::TextUnformatted("No parameter matches the filter.");
            ImGui::PopFont();
        }
    }
    ImGui::Dummy(ImVec2(w, t.Dp(8)));
    EndCard();
    ImGui::PopStyleVar(2);
}

}  // namespace orgsim::ui
