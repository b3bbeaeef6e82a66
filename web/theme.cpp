// theme.cpp: fonts, the light and dark themes (and their high-contrast variants) built from the
// colours of web/palette.h, and the function palette (see theme.h).
#include "web/theme.h"

#include <cmath>
#include <cstdio>

namespace orgsim::ui {

namespace {

// Latin-1, Greek (the model's documentation writes sums as Σ), dashes, quotes, bullet, ellipsis, per
// mille, super- and subscripts, arrows, and the common mathematical operators (codes a font lacks
// are skipped when the atlas is built).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0391, 0x03C9, 0x2013, 0x2014, 0x2018, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026,
    0x2030, 0x2030, 0x2070, 0x208E, 0x2190, 0x2193, 0x21D2, 0x21D4, 0x2202, 0x2202, 0x2206, 0x2206,
    0x2211, 0x2212, 0x221A, 0x221A, 0x221D, 0x221E, 0x2248, 0x2248, 0x2260, 0x2260, 0x2264, 0x2265, 0,
};

bool FileExists(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::fclose(f);
    return true;
}

// The ImU32 palette of a theme variant from its colours in web/palette.h.
Palette MakePalette(const palette::ThemeColours& c) {
    Palette p{};
    p.background = FromRgb(c.background);
    p.header = FromRgb(c.header);
    p.card = FromRgb(c.card);
    p.card_border = FromRgb(c.card_border);
    p.text = FromRgb(c.text);
    p.text_muted = FromRgb(c.text_muted);
    p.text_faint = FromRgb(c.text_faint);
    p.grid = FromRgb(c.grid);
    p.axis = FromRgb(c.axis);
    p.accent = FromRgb(c.accent);
    p.accent_hover = FromRgb(c.accent_hover);
    p.accent_active = FromRgb(c.accent_active);
    p.accent_text = FromRgb(c.accent_text);
    p.control = FromRgb(c.control);
    p.control_hover = FromRgb(c.control_hover);
    p.control_active = FromRgb(c.control_active);
    p.track = FromRgb(c.track);
    p.outline = FromRgb(c.outline);
    p.ink = FromRgb(c.ink);
    p.danger = FromRgb(c.danger);
    p.tooltip = FromRgb(c.tooltip);
    p.better = FromRgb(c.better);
    p.worse = FromRgb(c.worse);
    p.code = FromRgb(c.code);
    return p;
}

ImVec4 V(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace

ImU32 FunctionColour(Function f) { return FromRgb(palette::FunctionFill(f)); }

ImU32 FunctionColour(Function f, const Theme& theme) {
    if (f == Function::Executive && theme.Kind() == ThemeKind::Dark) return theme.Colours().ink;
    return FunctionColour(f);
}

ImU32 FunctionLineColour(Function f, const Theme& theme) {
    const bool dark = theme.Kind() == ThemeKind::Dark;
    if (f == Function::Executive && dark) return theme.Colours().ink;
    return FromRgb(palette::FunctionLine(f, dark));
}

ImU32 TextOn(ImU32 fill) {
    const palette::Rgb rgb = ((fill >> IM_COL32_R_SHIFT) & 0xFFu) << 16 | ((fill >> IM_COL32_G_SHIFT) & 0xFFu) << 8 |
                             ((fill >> IM_COL32_B_SHIFT) & 0xFFu);
    return FromRgb(palette::TextOn(rgb));
}

const char* FunctionLabel(Function f) {
    switch (f) {
        case Function::Executive: return "Executive";
        case Function::It: return "IT";
        case Function::Marketing: return "Marketing";
        case Function::Digital: return "Digital";
        case Function::Finance: return "Finance";
        case Function::Operations: return "Operations";
        case Function::Analytics: return "Analytics";
        case Function::Security: return "Security";
        case Function::Martech: return "Martech";
        case Function::Other: return "Other";
    }
    return "Other";
}

const char* RoleLabel(Role r) {
    switch (r) {
        case Role::None: return "";
        case Role::Ceo: return "CEO";
        case Role::Cfo: return "CFO";
        case Role::Coo: return "COO";
        case Role::Cio: return "CIO";
        case Role::Cmo: return "CMO";
        case Role::Cdo: return "CDO";
        case Role::Cmt: return "CMT";
        case Role::Ciso: return "CISO";
    }
    return "";
}

float FontSize(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

ImVec2 TextSize(ImFont* font, const char* text, const char* text_end) {
    return font->CalcTextSizeA(FontSize(font), 1e9f, 0.0f, text, text_end);
}

void DrawText(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 colour, const char* text, const char* text_end) {
    // Snap to whole logical pixels so glyphs stay on the atlas' pixel grid at ratio 1.
    dl->AddText(font, FontSize(font), ImVec2(std::floor(pos.x + 0.5f), std::floor(pos.y + 0.5f)), colour, text, text_end);
}

ImU32 Mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = V(a), y = V(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t,
                                                 x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

ImU32 WithAlpha(ImU32 c, float alpha) {
    const unsigned a = static_cast<unsigned>(std::lround((alpha < 0.f ? 0.f : (alpha > 1.f ? 1.f : alpha)) * 255.f));
    return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

bool Theme::NeedsFonts(float pixel_ratio, float ui_scale) const {
    return pixel_ratio_ != pixel_ratio || ui_scale_ != ui_scale || fonts_spacing_ != text_spacing_;
}

bool Theme::LoadFonts(const std::string& fonts_dir, float pixel_ratio, float ui_scale, std::string* error) {
    if (pixel_ratio < 0.5f) pixel_ratio = 1.0f;
    if (ui_scale < 1.0f) ui_scale = 1.0f;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ++font_generation_;  // every ImFont* handed out so far is gone
    pixel_ratio_ = pixel_ratio;
    ui_scale_ = ui_scale;
    fonts_spacing_ = text_spacing_;
    const float raster = pixel_ratio * ui_scale;  // device pixels per design pixel

    const std::string regular = fonts_dir + "/Inter-Regular.otf";
    const std::string semibold = fonts_dir + "/Inter-SemiBold.otf";
    const bool have = FileExists(regular) && FileExists(semibold);

    auto add = [&](const std::string& path, float size) -> ImFont* {
        ImFontConfig cfg;
        // Horizontal oversampling sharpens sub-pixel positions; at 2x the pixels do that already.
        cfg.OversampleH = raster >= 1.75f ? 1 : 3;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = false;
        const float px = std::round(size * raster);
        if (fonts_spacing_) {
            // Letters further apart; glyphs lowered by half the line's extra height, so that text
            // stays in the middle of its taller line (the line height is set after the build).
            cfg.GlyphExtraSpacing.x = kLetterSpacingEm * px;
            cfg.GlyphOffset.y = (kLineHeightEm - 1.0f) * 0.5f * px;
        }
        if (!have) {
            cfg.SizePixels = px;
            return io.Fonts->AddFontDefault(&cfg);
        }
        return io.Fonts->AddFontFromFileTTF(path.c_str(), px, &cfg, kGlyphRanges);
    };
    fonts_.body = add(regular, 17.0f);  // first font = ImGui's default
    fonts_.small = add(regular, 14.0f);
    fonts_.label = add(semibold, 14.0f);
    fonts_.heading = add(semibold, 19.0f);
    fonts_.title = add(semibold, 23.0f);
    fonts_.display = add(semibold, 32.0f);
    fonts_.strong = add(semibold, 17.0f);
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.Fonts->Build();
    if (fonts_spacing_) {
        for (ImFont* font : {fonts_.body, fonts_.small, fonts_.label, fonts_.heading, fonts_.title, fonts_.display, fonts_.strong}) {
            // Words further apart: the space's advance (and the lookup table that caches it).
            const float extra = kWordSpacingEm * font->FontSize;
            if (auto* space = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(' '))) {
                space->AdvanceX += extra;
                if (font->IndexAdvanceX.Size > ' ') font->IndexAdvanceX[' '] = space->AdvanceX;
            }
            // The line height is the font's size: text drawn at that size keeps its glyphs' scale.
            font->FontSize *= kLineHeightEm;
        }
    }
    Apply(kind_);  // sizes scale with ui_scale
    if (!have && error) *error = "Inter fonts not found in " + fonts_dir + "; using the built-in font";
    return have;
}

void Theme::SetHighContrast(bool on) {
    if (on == high_contrast_) return;
    high_contrast_ = on;
    Apply(kind_);
}

void Theme::Apply(ThemeKind kind) {
    kind_ = kind;
    palette_ = MakePalette(palette::Colours(kind == ThemeKind::Dark, high_contrast_));
    const Palette& p = palette_;

    ImGuiStyle style;  // start from defaults so repeated calls do not compound the scaling
    style.WindowPadding = ImVec2(20, 18);
    style.FramePadding = ImVec2(12, 8);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(8, 6);
    style.IndentSpacing = 16;
    style.ScrollbarSize = 12;
    style.GrabMinSize = 16;
    style.WindowBorderSize = 1;
    style.ChildBorderSize = 0;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1.0f;  // every field and combo box outlined at 3:1 (WCAG 1.4.11)
    style.WindowRounding = 12;
    style.ChildRounding = 8;
    style.FrameRounding = 8;
    style.PopupRounding = 8;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 8;
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;
    style.ScaleAllSizes(ui_scale_);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = V(p.text);
    c[ImGuiCol_TextDisabled] = V(p.text_faint);
    c[ImGuiCol_WindowBg] = V(p.card);
    c[ImGuiCol_ChildBg] = V(WithAlpha(p.card, 0.0f));
    c[ImGuiCol_PopupBg] = V(p.tooltip);
    c[ImGuiCol_Border] = V(p.outline);
    c[ImGuiCol_BorderShadow] = V(WithAlpha(p.outline, 0.0f));
    c[ImGuiCol_FrameBg] = V(p.control);
    c[ImGuiCol_FrameBgHovered] = V(p.control_hover);
    c[ImGuiCol_FrameBgActive] = V(p.control_active);
    c[ImGuiCol_TitleBg] = V(p.header);
    c[ImGuiCol_TitleBgActive] = V(p.header);
    c[ImGuiCol_TitleBgCollapsed] = V(p.header);
    c[ImGuiCol_MenuBarBg] = V(p.header);
    c[ImGuiCol_ScrollbarBg] = V(WithAlpha(p.card, 0.0f));
    // The thumb shows where the view is (WCAG 1.4.11): the axis colour, 3:1 against the cards.
    c[ImGuiCol_ScrollbarGrab] = V(p.axis);
    c[ImGuiCol_ScrollbarGrabHovered] = V(p.text_faint);
    c[ImGuiCol_ScrollbarGrabActive] = V(p.text_muted);
    c[ImGuiCol_CheckMark] = V(p.accent);
    c[ImGuiCol_SliderGrab] = V(p.accent);
    c[ImGuiCol_SliderGrabActive] = V(p.accent_active);
    c[ImGuiCol_Button] = V(p.control);
    c[ImGuiCol_ButtonHovered] = V(p.control_hover);
    c[ImGuiCol_ButtonActive] = V(p.control_active);
    c[ImGuiCol_Header] = V(p.control);
    c[ImGuiCol_HeaderHovered] = V(p.control_hover);
    c[ImGuiCol_HeaderActive] = V(p.control_active);
    c[ImGuiCol_Separator] = V(p.card_border);
    c[ImGuiCol_SeparatorHovered] = V(p.axis);
    c[ImGuiCol_SeparatorActive] = V(p.accent);
    c[ImGuiCol_ResizeGrip] = V(WithAlpha(p.card, 0.0f));
    c[ImGuiCol_ResizeGripHovered] = V(WithAlpha(p.card, 0.0f));
    c[ImGuiCol_ResizeGripActive] = V(WithAlpha(p.card, 0.0f));
    c[ImGuiCol_Tab] = V(p.control);
    c[ImGuiCol_TabHovered] = V(p.control_hover);
    c[ImGuiCol_TabActive] = V(p.card);
    c[ImGuiCol_TabUnfocused] = V(p.control);
    c[ImGuiCol_TabUnfocusedActive] = V(p.card);
    c[ImGuiCol_PlotLines] = V(p.accent);
    c[ImGuiCol_PlotLinesHovered] = V(p.accent_hover);
    c[ImGuiCol_PlotHistogram] = V(p.accent);
    c[ImGuiCol_PlotHistogramHovered] = V(p.accent_hover);
    c[ImGuiCol_TableHeaderBg] = V(p.control);
    c[ImGuiCol_TableBorderStrong] = V(p.card_border);
    c[ImGuiCol_TableBorderLight] = V(p.grid);
    c[ImGuiCol_TableRowBg] = V(WithAlpha(p.card, 0.0f));
    c[ImGuiCol_TableRowBgAlt] = V(WithAlpha(p.control, 0.5f));
    c[ImGuiCol_TextSelectedBg] = V(WithAlpha(p.accent, 0.3f));
    c[ImGuiCol_DragDropTarget] = V(p.accent);
    c[ImGuiCol_NavHighlight] = V(p.accent);
    c[ImGuiCol_NavWindowingHighlight] = V(p.accent);
    c[ImGuiCol_NavWindowingDimBg] = V(WithAlpha(p.ink, 0.2f));
    c[ImGuiCol_ModalWindowDimBg] = V(WithAlpha(p.ink, 0.35f));
    ImGui::GetStyle() = style;
}

}  // namespace orgsim::ui
