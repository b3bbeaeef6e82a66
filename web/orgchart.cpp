// orgchart.cpp: the org chart view and editor (see orgchart.h).
//
// [SECTION] index: helpers / layout (tidy tree, cached) / view transform / panel / header and
// toolbar / canvas (lines, boxes, drag and drop) / legend / inspector / test hooks.
#include "web/orgchart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "imgui_internal.h"
#include "sim/report.h"
#include "web/widgets.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------------------------
namespace {

ImVec2 Add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 Sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
ImVec2 Scale(ImVec2 a, float k) { return ImVec2(a.x * k, a.y * k); }

// Text colour that reads on a filled badge of colour c: black or white by WCAG contrast (4.5:1 on
// every function colour; tests/unit/test_contrast.cpp).
ImU32 OnColour(ImU32 c) { return TextOn(c); }

// The colour with its alpha multiplied by k (ghosts and dimmed boxes).
ImU32 Fade(ImU32 c, float k) {
    const float a = static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFFu) / 255.0f;
    return WithAlpha(c, a * k);
}

// Text at a zoomed size, snapped to whole pixels so it stays as crisp as the atlas allows.
void ZoomText(ImDrawList* dl, ImFont* font, float zoom, ImVec2 pos, ImU32 colour, const char* text) {
    dl->AddText(font, FontSize(font) * zoom, ImVec2(std::floor(pos.x + 0.5f), std::floor(pos.y + 0.5f)), colour, text);
}

float ZoomTextWidth(ImFont* font, float zoom, const char* text) {
    return font->CalcTextSizeA(FontSize(font) * zoom, 1e9f, 0.0f, text).x;
}

// A dashed polyline: dashes of length `dash` and gaps of `gap` measured along the path, so a curve
// looks the same at every zoom.
void DashedPolyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness, float dash, float gap) {
    bool on = true;
    float left = dash;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        ImVec2 a = pts[i - 1];
        const ImVec2 b = pts[i];
        float seg = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
        while (seg > 0.0f) {
            const float step = std::min(seg, left);
            const float t = step / seg;
            const ImVec2 c(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            if (on) dl->AddLine(a, c, col, thickness);
            a = c;
            seg -= step;
            left -= step;
            if (left <= 0.0f) {
                on = !on;
                left = on ? dash : gap;
            }
        }
    }
}

// Points of a cubic Bezier curve (for dotted reporting lines, drawn dashed).
std::vector<ImVec2> Bezier(ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, int segments) {
    std::vector<ImVec2> pts;
    pts.reserve(static_cast<std::size_t>(segments) + 1);
    for (int i = 0; i <= segments; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(segments), u = 1.0f - t;
        const float w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
        pts.push_back(ImVec2(w0 * p0.x + w1 * p1.x + w2 * p2.x + w3 * p3.x, w0 * p0.y + w1 * p1.y + w2 * p2.y + w3 * p3.y));
    }
    return pts;
}

std::string Money(double musd) {
    char buf[48];
    if (musd >= 100.0)
        std::snprintf(buf, sizeof buf, "$%.0fM", musd);
    else
        std::snprintf(buf, sizeof buf, "$%.1fM", musd);
    return buf;
}

const char* RoleName(Role r) {
    switch (r) {
        case Role::Ceo: return "chief executive officer";
        case Role::Cfo: return "chief financial officer";
        case Role::Coo: return "chief operating officer";
        case Role::Cio: return "chief information officer";
        case Role::Cmo: return "chief marketing officer";
        case Role::Cdo: return "chief digital officer";
        case Role::Cmt: return "chief marketing technologist";
        case Role::Ciso: return "chief information security officer";
        case Role::None: break;
    }
    return "";
}

// A button sized to its label (plus icon), the app's button height.
float ButtonWidth(const Theme& theme, const char* label, Icon icon) {
    const float text = TextSize(theme.GetFonts().label, label).x;
    return text + theme.Dp(icon == Icon::None ? 28 : 46);
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Layout: a tidy top-down tree, computed only when the document changes
//-----------------------------------------------------------------------------------------------
void OrgChartPanel::BuildLayout(const Ui& ui) {
    BuildLayoutWith(ui, false);
    layout_.canvas = canvas_size_;
    auto fit = [&] {
        const ImVec2 e = layout_.extent;
        return e.x > 0.0f && e.y > 0.0f ? std::min(canvas_size_.x / e.x, canvas_size_.y / e.y) : 0.0f;
    };
    if (canvas_size_.x <= 0.0f || canvas_size_.y <= 0.0f) return;
    const float plain_fit = fit();
    if (plain_fit >= 1.0f) return;  // fits at full size: the plain tree reads best
    Layout plain = layout_;
    BuildLayoutWith(ui, true);
    if (!layout_.leaf_columns || fit() <= plain_fit * 1.1f) layout_ = std::move(plain);
    layout_.canvas = canvas_size_;
}

void OrgChartPanel::BuildLayoutWith(const Ui& ui, bool leaf_columns) {
    const Theme& t = ui.theme;
    const Fonts& f = t.GetFonts();
    const Scenario& s = ui.ws.ActiveScenario();
    const float big = ui.presenting ? 1.12f : 1.0f;
    const bool new_document = layout_.slot != ui.ws.Active() || layout_.name != s.name;

    layout_.revision = ui.ws.Revision();
    layout_.slot = ui.ws.Active();
    layout_.scale = FontSize(f.body) * big;
    layout_.presenting = ui.presenting;
    layout_.name = s.name;
    if (new_document) auto_fit_ = true;

    // Box size follows the fonts (so presentation mode's larger type gets larger boxes): a name
    // line, a function line, a staff and budget line and a thin staffing bar.
    const float pad = t.Dp(12) * big;
    layout_.box_w = std::max(t.Dp(184), FontSize(f.body) * 10.8f) * big;
    layout_.box_h = pad + FontSize(f.heading) + t.Dp(5) + FontSize(f.small) + t.Dp(7) + FontSize(f.label) + t.Dp(10) +
                    t.Dp(4) + pad;
    const float bw = layout_.box_w, bh = layout_.box_h;
    const float hgap = t.Dp(24), vgap = t.Dp(48);
    const float indent = t.Dp(28), stack_gap = t.Dp(14), margin = t.Dp(16);

    const int n = static_cast<int>(s.units.size());
    layout_.nodes.assign(static_cast<std::size_t>(n), Node{});
    std::vector<int> roots;
    for (int i = 0; i < n; ++i) {
        Node& node = layout_.nodes[static_cast<std::size_t>(i)];
        const Unit& u = s.units[static_cast<std::size_t>(i)];
        node.unit = i;
        node.parent = u.parent.empty() ? -1 : s.FindUnit(u.parent);
        node.name = Ellipsize(f.heading, u.name, bw - t.Dp(16) * big - pad);
    }
    for (int i = 0; i < n; ++i) {
        const int p = layout_.nodes[static_cast<std::size_t>(i)].parent;
        if (p >= 0 && p != i)
            layout_.nodes[static_cast<std::size_t>(p)].children.push_back(i);
        else
            roots.push_back(i);
    }

    // A parent whose children are all leaves, three or more, lists them in a column (the usual
    // org-chart convention): the tree stays about as wide as its branches, not its leaves.
    auto leaf = [&](int c) { return layout_.nodes[static_cast<std::size_t>(c)].children.empty(); };
    auto stacked_group = [&](int i) {
        const auto& ch = layout_.nodes[static_cast<std::size_t>(i)].children;
        return ch.size() >= 3 && std::all_of(ch.begin(), ch.end(), leaf);
    };
    // In a wide tree, leaves beside sibling branches go in columns of two (joined by a spine on their
    // left), so an executive office with many one-box units is about as wide as its branches.
    layout_.leaf_columns = false;
    auto columned = [&](int i) {
        if (!leaf_columns) return false;
        const auto& ch = layout_.nodes[static_cast<std::size_t>(i)].children;
        const auto leaves = std::count_if(ch.begin(), ch.end(), leaf);
        return leaves >= 2 && leaves < static_cast<std::ptrdiff_t>(ch.size());
    };
    constexpr int kColumnRows = 2;
    const float col_w = t.Dp(12) + bw;  // a column: the spine's room, then the boxes (see the drawing code)
    std::vector<float> width(static_cast<std::size_t>(n), 0.0f);
    std::vector<int> state(static_cast<std::size_t>(n), 0);  // 0 new, 1 in progress, 2 done (guards against cycles)
    std::function<float(int)> measure = [&](int i) -> float {
        auto& st = state[static_cast<std::size_t>(i)];
        if (st == 1) return bw;
        if (st == 2) return width[static_cast<std::size_t>(i)];
        st = 1;
        const auto& ch = layout_.nodes[static_cast<std::size_t>(i)].children;
        float w = bw;
        if (!ch.empty()) {
            if (stacked_group(i)) {
                w = indent + bw;
            } else if (columned(i)) {
                const int leaves = static_cast<int>(std::count_if(ch.begin(), ch.end(), leaf));
                int slots = (leaves + kColumnRows - 1) / kColumnRows;
                float sum = col_w * static_cast<float>(slots);
                for (int c : ch)
                    if (!leaf(c)) {
                        sum += measure(c);
                        ++slots;
                    }
                w = std::max(bw, sum + hgap * static_cast<float>(slots - 1));
            } else {
                float sum = 0.0f;
                for (int c : ch) sum += measure(c);
                w = std::max(bw, sum + hgap * static_cast<float>(ch.size() - 1));
            }
        }
        st = 2;
        width[static_cast<std::size_t>(i)] = w;
        return w;
    };
    std::vector<bool> placed(static_cast<std::size_t>(n), false);
    std::function<void(int, float, float)> place = [&](int i, float left, float top) {
        if (placed[static_cast<std::size_t>(i)]) return;
        placed[static_cast<std::size_t>(i)] = true;
        Node& node = layout_.nodes[static_cast<std::size_t>(i)];
        const std::vector<int> ch = node.children;
        float x = left + (width[static_cast<std::size_t>(i)] - bw) * 0.5f;
        if (!ch.empty() && stacked_group(i)) {
            x = left;
            float y = top + bh + t.Dp(20);
            for (int c : ch) {
                Node& cn = layout_.nodes[static_cast<std::size_t>(c)];
                placed[static_cast<std::size_t>(c)] = true;
                cn.stacked = true;
                cn.min = ImVec2(left + indent, y);
                cn.max = ImVec2(left + indent + bw, y + bh);
                y += bh + stack_gap;
            }
        } else if (!ch.empty() && columned(i)) {
            // The columns of leaves first, then the branches, left to right; the parent centred over them.
            // (The slots are wider than the parent's box, so they start at the subtree's left edge.)
            layout_.leaf_columns = true;
            float cx = left;
            const float first_cx = cx + col_w - bw * 0.5f;
            const float row_top = top + bh + vgap;
            int k = 0, above = -1;
            for (int c : ch) {
                if (!leaf(c)) continue;
                const int row = k % kColumnRows;
                if (k > 0 && row == 0) cx += col_w + hgap;
                Node& cn = layout_.nodes[static_cast<std::size_t>(c)];
                placed[static_cast<std::size_t>(c)] = true;
                cn.in_column = true;
                cn.chain_above = row == 0 ? -1 : above;
                const float y = row_top + static_cast<float>(row) * (bh + stack_gap * 1.6f);
                cn.min = ImVec2(cx + col_w - bw, y);
                cn.max = ImVec2(cx + col_w, y + bh);
                above = c;
                ++k;
            }
            cx += col_w + hgap;
            float last_cx = cx - hgap - bw * 0.5f;
            for (int c : ch) {
                if (leaf(c)) continue;
                place(c, cx, row_top);
                const Node& cn = layout_.nodes[static_cast<std::size_t>(c)];
                last_cx = (cn.min.x + cn.max.x) * 0.5f;
                cx += width[static_cast<std::size_t>(c)] + hgap;
            }
            x = (first_cx + last_cx) * 0.5f - bw * 0.5f;
        } else if (!ch.empty()) {
            float sum = hgap * static_cast<float>(ch.size() - 1);
            for (int c : ch) sum += width[static_cast<std::size_t>(c)];
            float cx = left + (width[static_cast<std::size_t>(i)] - sum) * 0.5f;
            for (int c : ch) {
                place(c, cx, top + bh + vgap);
                cx += width[static_cast<std::size_t>(c)] + hgap;
            }
            const Node& first = layout_.nodes[static_cast<std::size_t>(ch.front())];
            const Node& last = layout_.nodes[static_cast<std::size_t>(ch.back())];
            x = (first.min.x + last.max.x) * 0.5f - bw * 0.5f;
        }
        node.min = ImVec2(x, top);
        node.max = ImVec2(x + bw, top + bh);
    };
    for (int r : roots) measure(r);
    float left = margin;
    for (int r : roots) {
        place(r, left, margin);
        left += measure(r) + hgap * 2.0f;
    }
    // Anything unreachable (cannot happen in a validated scenario): in a row below.
    for (int i = 0; i < n; ++i)
        if (!placed[static_cast<std::size_t>(i)]) {
            Node& node = layout_.nodes[static_cast<std::size_t>(i)];
            node.min = ImVec2(margin + static_cast<float>(i) * (bw + hgap), margin);
            node.max = Add(node.min, ImVec2(bw, bh));
        }
    ImVec2 ext(0, 0);
    for (const Node& node : layout_.nodes) ext = ImVec2(std::max(ext.x, node.max.x), std::max(ext.y, node.max.y));
    layout_.extent = ImVec2(ext.x + margin, ext.y + margin);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] View transform
//-----------------------------------------------------------------------------------------------
ImVec2 OrgChartPanel::ToScreen(ImVec2 p) const { return Add(Add(canvas_min_, pan_), Scale(p, zoom_)); }
ImVec2 OrgChartPanel::ToChart(ImVec2 s) const { return Scale(Sub(Sub(s, canvas_min_), pan_), 1.0f / zoom_); }

void OrgChartPanel::Fit(ImVec2 canvas) {
    const ImVec2 ext = layout_.extent;
    if (ext.x <= 0.0f || ext.y <= 0.0f || canvas.x <= 0.0f || canvas.y <= 0.0f) return;
    // Fit the width (and the height), never below the readable minimum; small trees are not blown
    // up past 1.4x, which would look like a mistake.
    zoom_ = std::clamp(std::min(canvas.x / ext.x, canvas.y / ext.y), kOrgMinZoom, std::min(kOrgMaxZoom, 1.4f));
    if (ext.x * zoom_ <= canvas.x) {
        pan_.x = (canvas.x - ext.x * zoom_) * 0.5f;
    } else {
        // Too wide even at the minimum zoom: centre the top of the chart and let the user pan.
        float root_cx = ext.x * 0.5f;
        for (const Node& node : layout_.nodes)
            if (node.parent < 0) {
                root_cx = (node.min.x + node.max.x) * 0.5f;
                break;
            }
        pan_.x = std::clamp(canvas.x * 0.5f - root_cx * zoom_, canvas.x - ext.x * zoom_, 0.0f);
    }
    pan_.y = std::max(0.0f, (canvas.y - ext.y * zoom_) * 0.4f);
    fitted_size_ = canvas;
}

void OrgChartPanel::ZoomAround(float new_zoom, ImVec2 anchor) {
    const ImVec2 c = ToChart(anchor);
    zoom_ = std::clamp(new_zoom, kOrgMinZoom, kOrgMaxZoom);
    pan_ = Sub(Sub(anchor, canvas_min_), Scale(c, zoom_));
    auto_fit_ = false;
}

int OrgChartPanel::HitTest(ImVec2 screen) const {
    const ImVec2 c = ToChart(screen);
    for (int i = static_cast<int>(layout_.nodes.size()) - 1; i >= 0; --i) {
        const Node& node = layout_.nodes[static_cast<std::size_t>(i)];
        if (c.x >= node.min.x && c.x <= node.max.x && c.y >= node.min.y && c.y <= node.max.y) return i;
    }
    return -1;
}

bool OrgChartPanel::IsInSubtree(int node, int root) const {
    for (int p = node, guard = 0; p >= 0 && guard <= static_cast<int>(layout_.nodes.size()); ++guard) {
        if (p == root) return true;
        p = layout_.nodes[static_cast<std::size_t>(p)].parent;
    }
    return false;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Panel
//-----------------------------------------------------------------------------------------------
void OrgChartPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    BeginCard("##orgchart", pos, size);
    ui.hooks.Record("Panel:orgchart", pos.x, pos.y, size.x, size.y);
    const Theme& t = ui.theme;
    if (ui.ws.Empty()) {
        ImGui::PushFont(t.GetFonts().heading);
        ImGui::TextUnformatted("Org chart");
        ImGui::PopFont();
        ImGui::PushFont(t.GetFonts().small);
        ImGui::TextDisabled("Open a scenario from the gallery to see its organisation.");
        ImGui::PopFont();
        ui.hooks.Text("orgchart.selected", "");
        ui.hooks.Value("orgchart.zoom", zoom_);
        EndCard();
        return;
    }
    const Scenario& s = ui.ws.ActiveScenario();
    const bool stale = layout_.revision != ui.ws.Revision() || layout_.slot != ui.ws.Active() ||
                       layout_.scale != FontSize(t.GetFonts().body) * (ui.presenting ? 1.12f : 1.0f) ||
                       layout_.presenting != ui.presenting ||
                       std::fabs(layout_.canvas.x - canvas_size_.x) > 0.5f || std::fabs(layout_.canvas.y - canvas_size_.y) > 0.5f;
    if (stale) BuildLayout(ui);
    if (!selected_.empty() && s.FindUnit(selected_) < 0) selected_.clear();  // removed, or undone
    CountFilled(ui);

    const float m = t.Dp(18);
    const ImVec2 inner_min(pos.x + m, pos.y + t.Dp(14));
    const float inner_w = size.x - 2 * m;
    float header_h = 0.0f;
    DrawHeader(ui, inner_min, inner_w, &header_h);

    // The chart takes the rest of the card above a one-line legend; the inspector floats over the
    // bottom of the chart while a unit is selected (the view scrolls the selected box clear of it).
    const float legend_h = DrawLegend(ui, ImVec2(inner_min.x, 0.0f), inner_w, false) + t.Dp(4);
    const float canvas_top = inner_min.y + header_h + t.Dp(10);
    const float canvas_bottom = pos.y + size.y - t.Dp(10) - legend_h;
    const ImVec2 canvas_pos(pos.x + t.Dp(10), canvas_top);
    const ImVec2 canvas_size(size.x - t.Dp(20), std::max(t.Dp(80), canvas_bottom - canvas_top));
    DrawCanvas(ui, canvas_pos, canvas_size);
    DrawLegend(ui, ImVec2(inner_min.x, canvas_pos.y + canvas_size.y + t.Dp(4)), inner_w, true);
    DrawInspector(ui, canvas_pos, canvas_size);
    Publish(ui);
    EndCard();
}

void OrgChartPanel::CountFilled(const Ui& ui) {
    const Scenario& s = ui.ws.ActiveScenario();
    filled_.assign(s.units.size(), -1);
    const World* live = ui.runner.Live(ui.ws.Active());
    if (!live || ui.runner.LiveRevision() != ui.ws.Revision()) return;
    const Scenario& ls = live->GetScenario();
    if (ls.units.size() != s.units.size()) return;
    for (std::size_t i = 0; i < s.units.size(); ++i)
        if (ls.units[i].id != s.units[i].id) return;
    std::fill(filled_.begin(), filled_.end(), 0);
    for (std::size_t k = 0; k < live->SeatCount(); ++k) {
        const int u = live->SeatUnit(k);
        if (u >= 0 && u < static_cast<int>(filled_.size()) && live->SeatFilled(k)) ++filled_[static_cast<std::size_t>(u)];
    }
}

void OrgChartPanel::Select(const std::string& unit_id) {
    if (unit_id != selected_) {
        headcount_active_ = budget_active_ = false;
        reveal_ = !unit_id.empty();
    }
    selected_ = unit_id;
}

void OrgChartPanel::Refuse(Ui& ui, const std::string& why) {
    message_ = why;
    if (ui.notify) ui.notify(why, true);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Header and toolbar
//-----------------------------------------------------------------------------------------------
void OrgChartPanel::DrawHeader(Ui& ui, ImVec2 pos, float width, float* used_height) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const Scenario& s = ui.ws.ActiveScenario();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Title; the toolbar to its right, or on a row of its own when the card is narrow.
    const float bh = t.Dp(34);
    const float title_w = TextSize(f.heading, "Org chart").x;
    struct Add {
        Role role;
        const char* label;
        const char* hook;
    };
    const Add adds[] = {{Role::Cdo, "CDO", "OrgChart:add:cdo"}, {Role::Cmt, "CMT", "OrgChart:add:cmt"}, {Role::Ciso, "CISO", "OrgChart:add:ciso"}};
    const float gap = t.Dp(6), group_gap = t.Dp(16);
    float tools_w = 0.0f;
    if (!ui.presenting) {
        for (const Add& a : adds) tools_w += ButtonWidth(t, a.label, Icon::Plus) + gap;
        tools_w += ButtonWidth(t, "Dotted line", Icon::None) + group_gap;
    }
    const float zoom_label_w = TextSize(f.label, "200%").x + t.Dp(8);
    tools_w += bh + zoom_label_w + bh + gap + ButtonWidth(t, "Fit", Icon::None);
    const bool wrap = title_w + t.Dp(20) + tools_w > width;
    DrawText(dl, f.heading, ImVec2(pos.x, pos.y + (bh - FontSize(f.heading)) * 0.5f), p.text, "Org chart");
    // A card too narrow for the toolbar's row (a narrow window) flows it onto more rows: the zoom
    // buttons stay together.
    std::vector<float> widths, gaps;
    auto item = [&](float w, float after) {
        widths.push_back(w);
        gaps.push_back(after);
    };
    if (!ui.presenting) {
        for (const Add& a : adds) item(ButtonWidth(t, a.label, Icon::Plus), gap);
        item(ButtonWidth(t, "Dotted line", Icon::None), group_gap);
    }
    item(bh + zoom_label_w + bh, gap);
    item(ButtonWidth(t, "Fit", Icon::None), 0.0f);
    const std::vector<FlowPlace> at = Flow(widths, gaps, wrap ? width : FLT_MAX);
    const float x0 = wrap ? pos.x : pos.x + width - tools_w, y0 = wrap ? pos.y + bh + t.Dp(8) : pos.y;
    *used_height = y0 - pos.y + static_cast<float>(at.back().row) * (bh + t.Dp(8)) + bh;
    float x = x0, y = y0;
    std::size_t next = 0;
    auto flow = [&]() {  // the next item's place
        const FlowPlace& fp = at[next++];
        x = x0 + fp.x;
        y = y0 + static_cast<float>(fp.row) * (bh + t.Dp(8));
    };

    if (!ui.presenting) {
        for (const Add& a : adds) {
            const bool exists = s.UnitOf(a.role) >= 0;
            const float w = ButtonWidth(t, a.label, Icon::Plus);
            flow();
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            ImGui::PushID(a.hook);
            const bool pressed = Button(t, "##add", a.label, Icon::Plus, ImVec2(w, bh), false, !exists);
            ImGui::PopID();
            ui.hooks.RecordLastItem(a.hook);
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
                const std::string title = std::string("Add a ") + RoleLabel(a.role);
                if (exists)
                    Tooltip(t, title, std::string("This organisation already has a ") + RoleLabel(a.role) + " (" +
                                          s.units[static_cast<std::size_t>(s.UnitOf(a.role))].name +
                                          "). Remove that unit first to add another.");
                else
                    Tooltip(t, title,
                            std::string("Adds a unit headed by a ") + RoleName(a.role) +
                                (a.role == Role::Cmt ? ", in marketing with a dotted line to IT." : ", reporting to the CEO.") +
                                " Drag it onto another box to change where it reports.");
            }
            if (pressed) {
                const EditResult r = ui.ws.AddHeadUnit(a.role);
                if (!r.ok) {
                    Refuse(ui, r.message);
                } else {
                    const Scenario& now = ui.ws.ActiveScenario();
                    const int u = now.UnitOf(a.role);
                    if (u >= 0) Select(now.units[static_cast<std::size_t>(u)].id);
                    message_.clear();
                }
            }
        }
        const float dw = ButtonWidth(t, "Dotted line", Icon::None);
        flow();
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (ToggleButton(t, "##dotted_mode", "Dotted line", Icon::None, ImVec2(dw, bh), dotted_mode_)) dotted_mode_ = !dotted_mode_;
        ui.hooks.RecordLastItem("OrgChart:dotted_mode");
        if (ImGui::IsItemHovered())
            Tooltip(t, dotted_mode_ ? "Dotted-line mode is on" : "Dotted-line mode",
                    "When on, dropping a box onto another adds a dotted line to it (or removes one that exists) "
                    "instead of moving the box. Holding Shift while dropping does the same.");
    }

    // Zoom: minus, the level, plus, fit.
    const ImVec2 centre(canvas_min_.x + canvas_size_.x * 0.5f, canvas_min_.y + canvas_size_.y * 0.5f);
    flow();
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    SemNext().name = "Zoom out";
    if (Button(t, "##zoom_out", "", Icon::Minus, ImVec2(bh, bh), false, zoom_ > kOrgMinZoom + 1e-3f))
        ZoomAround(zoom_ / kOrgZoomStep, centre);
    ui.hooks.RecordLastItem("OrgChart:zoom_out");
    if (ImGui::IsItemHovered()) Tooltip(t, "Zoom out", "Or turn the mouse wheel over the chart.");
    x += bh;
    char level[16];
    std::snprintf(level, sizeof level, "%d%%", static_cast<int>(std::lround(zoom_ * 100.0f)));
    const float lw = TextSize(f.label, level).x;
    DrawText(dl, f.label, ImVec2(x + (zoom_label_w - lw) * 0.5f, y + (bh - FontSize(f.label)) * 0.5f), p.text_muted, level);
    x += zoom_label_w;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    SemNext().name = "Zoom in";
    if (Button(t, "##zoom_in", "", Icon::Plus, ImVec2(bh, bh), false, zoom_ < kOrgMaxZoom - 1e-3f))
        ZoomAround(zoom_ * kOrgZoomStep, centre);
    ui.hooks.RecordLastItem("OrgChart:zoom_in");
    if (ImGui::IsItemHovered()) Tooltip(t, "Zoom in", "Or turn the mouse wheel over the chart; drag the background to pan.");
    flow();
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (Button(t, "##fit", "Fit", Icon::None, ImVec2(ButtonWidth(t, "Fit", Icon::None), bh), false)) {
        auto_fit_ = true;
        Fit(canvas_size_);
    }
    ui.hooks.RecordLastItem("OrgChart:fit");
    if (ImGui::IsItemHovered()) Tooltip(t, "Fit to the panel", "Shows the whole chart, as large as it fits (never below a readable size).");
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Canvas: lines, boxes, drag and drop, zoom and pan
//-----------------------------------------------------------------------------------------------
void OrgChartPanel::DrawBox(Ui& ui, ImDrawList* dl, int index, ImVec2 a, float z, float alpha, bool selected, bool hovered,
                            bool target, bool dimmed) const {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const Scenario& s = ui.ws.ActiveScenario();
    const Node& node = layout_.nodes[static_cast<std::size_t>(index)];
    const Unit& u = s.units[static_cast<std::size_t>(node.unit)];
    const float k = (dimmed ? 0.38f : 1.0f) * alpha;
    const float big = layout_.presenting ? 1.12f : 1.0f;
    const ImVec2 b(a.x + layout_.box_w * z, a.y + layout_.box_h * z);
    const float r = t.Dp(10) * z;
    const ImU32 accent = FunctionColour(u.function, t);
    const bool dark = t.Kind() == ThemeKind::Dark;

    // Shadow, card, border.
    dl->AddRectFilled(ImVec2(a.x, a.y + t.Dp(2) * z), ImVec2(b.x, b.y + t.Dp(3) * z), Fade(IM_COL32(0, 0, 0, dark ? 90 : 22), k), r);
    ImU32 bg = dark ? Mix(p.card, p.control, 0.55f) : p.card;
    if (selected) bg = Mix(bg, p.accent, dark ? 0.16f : 0.07f);
    if (target) bg = Mix(bg, p.accent, dark ? 0.26f : 0.14f);
    dl->AddRectFilled(a, b, Fade(bg, k), r);
    const ImU32 border = target ? p.accent : selected ? p.accent : hovered ? p.axis : p.card_border;
    const float bt = (selected || target ? t.Dp(2.0f) : t.Dp(1.0f)) * std::max(z, 0.8f);
    dl->AddRect(a, b, Fade(border, k), r, 0, bt);
    // Function colour: a bar down the left edge.
    dl->AddRectFilled(a, ImVec2(a.x + t.Dp(6) * z, b.y), Fade(accent, k), r, ImDrawFlags_RoundCornersLeft);

    const float pad = t.Dp(12) * big * z;
    const float x0 = a.x + t.Dp(16) * big * z;
    float y = a.y + pad;
    // Name; below it the function, and the executive heading the unit as a badge on the right
    // (outlined when the seat is vacant in the live run).
    ZoomText(dl, f.heading, z, ImVec2(x0, y), Fade(p.text, k), node.name.c_str());
    y += (FontSize(f.heading) + t.Dp(5)) * z;
    float badge_w = 0.0f;  // chart units
    if (u.head != Role::None) {
        const char* role = RoleLabel(u.head);
        badge_w = TextSize(f.label, role).x + t.Dp(14);
        const float ph = (FontSize(f.label) + t.Dp(5)) * z;
        const ImVec2 pa(b.x - pad - badge_w * z, y + (FontSize(f.small) * z - ph) * 0.5f);
        const ImVec2 pb(b.x - pad, pa.y + ph);
        const World* live = ui.runner.Live(ui.ws.Active());
        const bool vacant = live && filled_[static_cast<std::size_t>(node.unit)] >= 0 && !live->Exec(u.head).present;
        const ImVec2 tp(pa.x + t.Dp(7) * z, pa.y + (ph - FontSize(f.label) * z) * 0.5f);
        if (vacant) {
            dl->AddRect(pa, pb, Fade(accent, k), ph * 0.5f, 0, t.Dp(1.5f) * z);
            ZoomText(dl, f.label, z, tp, Fade(p.text_muted, k), role);
        } else {
            dl->AddRectFilled(pa, pb, Fade(accent, k), ph * 0.5f);
            ZoomText(dl, f.label, z, tp, Fade(OnColour(accent), k), role);
        }
    }
    std::string line = FunctionLabel(u.function);
    if (!u.dotted.empty()) line += std::string(kMiddot) + std::to_string(u.dotted.size()) + " dotted";
    line = Ellipsize(f.small, line, layout_.box_w - t.Dp(16) * big - t.Dp(12) * big - badge_w - t.Dp(6));
    ZoomText(dl, f.small, z, ImVec2(x0, y), Fade(p.text_muted, k), line.c_str());
    y += (FontSize(f.small) + t.Dp(7)) * z;

    // Staff (filled / seats from the live run when it matches) and budget.
    const int filled = filled_[static_cast<std::size_t>(node.unit)];
    const std::string staff = filled >= 0 ? Thousands(filled) + " / " + Thousands(u.headcount) + " staff" : Thousands(u.headcount) + " staff";
    ZoomText(dl, f.label, z, ImVec2(x0, y), Fade(p.text, k), staff.c_str());
    const std::string money = Money(u.budget_musd) + " /yr";
    ZoomText(dl, f.small, z, ImVec2(b.x - pad - ZoomTextWidth(f.small, z, money.c_str()), y + (FontSize(f.label) - FontSize(f.small)) * z),
             Fade(p.text_muted, k), money.c_str());
    y += (FontSize(f.label) + t.Dp(8)) * z;
    // Staffing bar: filled share of the seats (full while there is no live run).
    const float frac = u.headcount > 0 && filled >= 0 ? std::clamp(static_cast<float>(filled) / static_cast<float>(u.headcount), 0.0f, 1.0f) : 1.0f;
    const float bar_h = t.Dp(4) * z;
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(b.x - pad, y + bar_h), Fade(p.track, k), bar_h * 0.5f);
    if (u.headcount > 0)
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + (b.x - pad - x0) * frac, y + bar_h), Fade(WithAlpha(accent, 0.85f), k), bar_h * 0.5f);
}

void OrgChartPanel::DrawCanvas(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const Scenario& s = ui.ws.ActiveScenario();
    ImGuiIO& io = ImGui::GetIO();
    canvas_min_ = pos;
    canvas_size_ = size;
    const ImVec2 canvas_max = Add(pos, size);
    if (layout_.revision != ui.ws.Revision()) {  // the toolbar edited the scenario this frame
        BuildLayout(ui);
        CountFilled(ui);
    }
    // Fit while the user has not zoomed or panned, whenever the card or the tree's shape changes
    // (a headcount edit keeps the view; adding a unit refits).
    auto refit = [&] {
        if (auto_fit_ && (fitted_size_.x != size.x || fitted_size_.y != size.y || fitted_extent_.x != layout_.extent.x ||
                          fitted_extent_.y != layout_.extent.y)) {
            Fit(size);
            fitted_extent_ = layout_.extent;
        }
    };
    refit();

    // Input: one invisible button over the canvas. Press on a box and move: drag it; press on the
    // background and move: pan; press and release without moving: select (or clear the selection).
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##canvas", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const ImVec2 mouse = io.MousePos;
    const bool editable = !ui.presenting;
    if (ImGui::IsItemActivated()) {
        press_node_ = HitTest(mouse);
        press_pos_ = mouse;
        dragging_ = panning_ = cancelled_ = left_origin_ = shift_held_ = false;
        hover_target_ = -1;
    }
    if (active && !cancelled_) {
        const ImVec2 d = Sub(mouse, press_pos_);
        if (!dragging_ && !panning_ && d.x * d.x + d.y * d.y > t.Dp(5) * t.Dp(5)) {
            if (press_node_ >= 0 && editable)
                dragging_ = true;
            else
                panning_ = true;
        }
        if (panning_ && (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f)) {
            pan_ = Add(pan_, io.MouseDelta);
            auto_fit_ = false;
        }
        if (dragging_) {
            shift_held_ = io.KeyShift;
            const int h = HitTest(mouse);
            if (h != press_node_) left_origin_ = true;
            hover_target_ = (h == press_node_ && !left_origin_) ? -1 : h;
            // Near an edge the chart scrolls, so a drop target off screen can be reached.
            const float edge = t.Dp(28), speed = t.Dp(9);
            ImVec2 scroll(0, 0);
            if (mouse.x < pos.x + edge) scroll.x = speed;
            if (mouse.x > canvas_max.x - edge) scroll.x = -speed;
            if (mouse.y < pos.y + edge) scroll.y = speed;
            if (mouse.y > canvas_max.y - edge) scroll.y = -speed;
            if (scroll.x != 0.0f || scroll.y != 0.0f) {
                pan_ = Add(pan_, scroll);
                auto_fit_ = false;
            }
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
                cancelled_ = true;
                dragging_ = false;
                hover_target_ = -1;
            }
        }
    }
    if (ImGui::IsItemDeactivated()) {
        if (dragging_ && press_node_ >= 0 && hover_target_ >= 0) {
            const Unit& u = s.units[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(press_node_)].unit)];
            const std::string unit_id = u.id;
            const std::string target_id = s.units[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(hover_target_)].unit)].id;
            // Shift as it was while dragging: ImGui 1.86 has no input queue, so a Shift released in
            // the same frame as the button would otherwise be missed.
            const bool dotted = dotted_mode_ || io.KeyShift || shift_held_;
            const EditResult r = dotted ? ui.ws.ToggleDotted(unit_id, target_id) : ui.ws.Reparent(unit_id, target_id);
            if (!r.ok)
                Refuse(ui, r.message);
            else
                message_.clear();
            Select(unit_id);
        } else if (!dragging_ && !panning_ && !cancelled_) {
            Select(press_node_ >= 0 ? s.units[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(press_node_)].unit)].id : "");
        }
        dragging_ = panning_ = cancelled_ = false;
        press_node_ = hover_target_ = -1;
    }
    if (hovered && io.MouseWheel != 0.0f && !dragging_)
        ZoomAround(zoom_ * std::pow(kOrgZoomStep, io.MouseWheel), mouse);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !active && !io.WantTextInput) selected_.clear();
    if (dragging_)
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    else if (panning_)
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);

    // Stale layout after an edit this frame: rebuild before drawing so boxes and ids agree.
    if (layout_.revision != ui.ws.Revision()) {
        BuildLayout(ui);
        CountFilled(ui);
        refit();
    }
    // Scroll the selected box clear of the inspector (which covers the bottom of the chart).
    const int sel_unit = s.FindUnit(selected_);
    if (reveal_ && sel_unit >= 0 && inspector_h_ > 0.0f && !active) {
        const Node& sn = layout_.nodes[static_cast<std::size_t>(sel_unit)];
        const float limit = canvas_max.y - inspector_h_ - t.Dp(20);
        const float bottom = ToScreen(sn.max).y;
        if (bottom > limit) pan_.y -= bottom - limit;
        const float top = ToScreen(sn.min).y;
        if (top < pos.y + t.Dp(10)) pan_.y += pos.y + t.Dp(10) - top;
        reveal_ = false;
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, canvas_max, t.Kind() == ThemeKind::Dark ? Mix(p.card, p.background, 0.55f) : Mix(p.card, p.background, 0.6f), t.Dp(10));
    dl->PushClipRect(pos, canvas_max, true);
    const float z = zoom_;
    const int n = static_cast<int>(layout_.nodes.size());
    const int dragged = dragging_ ? press_node_ : -1;
    const bool dotted_drop = dotted_mode_ || io.KeyShift;
    auto centre_x = [&](const Node& node) { return (node.min.x + node.max.x) * 0.5f; };

    // Solid reporting lines: elbows through a bus between levels; a spine for stacked columns.
    const ImU32 line_col = p.axis;
    const float lt = std::max(1.0f, t.Dp(1.6f) * z);
    for (int i = 0; i < n; ++i) {
        const Node& node = layout_.nodes[static_cast<std::size_t>(i)];
        if (node.children.empty()) continue;
        const float alpha = (dragged >= 0 && IsInSubtree(i, dragged)) ? 0.35f : 1.0f;
        const ImU32 col = Fade(line_col, alpha);
        const Node& first = layout_.nodes[static_cast<std::size_t>(node.children.front())];
        if (first.stacked) {
            const float sx = node.min.x + t.Dp(14);
            const Node& last = layout_.nodes[static_cast<std::size_t>(node.children.back())];
            dl->AddLine(ToScreen(ImVec2(sx, node.max.y)), ToScreen(ImVec2(sx, (last.min.y + last.max.y) * 0.5f)), col, lt);
            for (int c : node.children) {
                const Node& cn = layout_.nodes[static_cast<std::size_t>(c)];
                const float cy = (cn.min.y + cn.max.y) * 0.5f;
                dl->AddLine(ToScreen(ImVec2(sx, cy)), ToScreen(ImVec2(cn.min.x, cy)), Fade(line_col, (dragged >= 0 && IsInSubtree(c, dragged)) ? 0.35f : 1.0f), lt);
            }
            continue;
        }
        const float px = centre_x(node);
        const float bus = node.max.y + (first.min.y - node.max.y) * 0.5f;
        // A column of leaves hangs from a spine just left of its boxes, with a tick into each box (peers
        // side by side, not one under the other); everything else drops from the bus to the box's top.
        const float spine_dx = t.Dp(12);
        auto attach_x = [&](const Node& cn) { return cn.in_column ? cn.min.x - spine_dx : centre_x(cn); };
        float lo = px, hi = px;
        for (int c : node.children) {
            lo = std::min(lo, attach_x(layout_.nodes[static_cast<std::size_t>(c)]));
            hi = std::max(hi, attach_x(layout_.nodes[static_cast<std::size_t>(c)]));
        }
        dl->AddLine(ToScreen(ImVec2(px, node.max.y)), ToScreen(ImVec2(px, bus)), col, lt);
        if (hi > lo) dl->AddLine(ToScreen(ImVec2(lo, bus)), ToScreen(ImVec2(hi, bus)), col, lt);
        for (int c : node.children) {
            const Node& cn = layout_.nodes[static_cast<std::size_t>(c)];
            const ImU32 ccol = Fade(line_col, (dragged >= 0 && IsInSubtree(c, dragged)) ? 0.35f : 1.0f);
            if (cn.in_column) {
                const float sx = attach_x(cn), cy = (cn.min.y + cn.max.y) * 0.5f;
                const Node* up = cn.chain_above >= 0 ? &layout_.nodes[static_cast<std::size_t>(cn.chain_above)] : nullptr;
                const float from_y = up ? (up->min.y + up->max.y) * 0.5f : bus;
                dl->AddLine(ToScreen(ImVec2(sx, from_y)), ToScreen(ImVec2(sx, cy)), ccol, lt);
                dl->AddLine(ToScreen(ImVec2(sx, cy)), ToScreen(ImVec2(cn.min.x, cy)), ccol, lt);
                continue;
            }
            dl->AddLine(ToScreen(ImVec2(centre_x(cn), bus)), ToScreen(ImVec2(centre_x(cn), cn.min.y)), ccol, lt);
        }
    }
    // Dotted lines: dashed curves from the unit up to its dotted-line boss, with a dot at the boss.
    const ImU32 dotted_col = p.text_muted;
    const float dash = t.Dp(6) * z, dgap = t.Dp(5) * z;
    for (int i = 0; i < n; ++i) {
        const Unit& u = s.units[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(i)].unit)];
        for (const std::string& d : u.dotted) {
            const int j = s.FindUnit(d);
            if (j < 0) continue;
            const Node& from = layout_.nodes[static_cast<std::size_t>(i)];
            const Node& to = layout_.nodes[static_cast<std::size_t>(j)];
            const float w = layout_.box_w;
            ImVec2 p0, p1, p2, p3;
            if (to.max.y <= from.min.y) {  // boss above: from the top of the unit to the bottom of the boss
                p0 = ImVec2(from.min.x + w * 0.72f, from.min.y);
                p3 = ImVec2(to.min.x + w * 0.72f, to.max.y);
                const float k = std::max(t.Dp(40), (p0.y - p3.y) * 0.5f);
                p1 = ImVec2(p0.x, p0.y - k);
                p2 = ImVec2(p3.x, p3.y + k);
            } else {  // same level or below: an arc over the tops
                p0 = ImVec2(from.min.x + w * 0.72f, from.min.y);
                p3 = ImVec2(to.min.x + w * 0.28f, to.min.y);
                const float top = std::min(p0.y, p3.y) - t.Dp(44);
                p1 = ImVec2(p0.x, top);
                p2 = ImVec2(p3.x, top);
            }
            std::vector<ImVec2> pts = Bezier(ToScreen(p0), ToScreen(p1), ToScreen(p2), ToScreen(p3), 40);
            DashedPolyline(dl, pts, dotted_col, lt, dash, dgap);
            dl->AddCircleFilled(pts.back(), t.Dp(3.2f) * z, dotted_col, 12);
        }
    }

    // Boxes. While dragging: valid drop targets are outlined, the dragged subtree is dimmed.
    int hover_box = -1;
    if (hovered && !active) hover_box = HitTest(mouse);
    for (int i = 0; i < n; ++i) {
        const Node& node = layout_.nodes[static_cast<std::size_t>(i)];
        const Unit& u = s.units[static_cast<std::size_t>(node.unit)];
        const ImVec2 a = ToScreen(node.min);
        const bool in_dragged = dragged >= 0 && IsInSubtree(i, dragged);
        DrawBox(ui, dl, i, a, z, 1.0f, u.id == selected_, i == hover_box, i == hover_target_ && !in_dragged, in_dragged);
        if (dragged >= 0 && !in_dragged && i != hover_target_) {
            const bool is_parent = !dotted_drop && node.unit >= 0 && i == layout_.nodes[static_cast<std::size_t>(dragged)].parent;
            if (!is_parent)
                dl->AddRect(Sub(a, ImVec2(t.Dp(3), t.Dp(3))), Add(ToScreen(node.max), ImVec2(t.Dp(3), t.Dp(3))), WithAlpha(p.accent, 0.45f),
                            t.Dp(12) * z, 0, t.Dp(1.5f));
        }
        const ImVec2 b = ToScreen(node.max);
        ui.hooks.Record("OrgChart:unit:" + u.id, a.x, a.y, b.x - a.x, b.y - a.y);
    }
    PublishTree(ui, pos, size);

    // The drag: a preview of the new line, then the ghost box under the pointer and a caption.
    if (dragging_ && dragged >= 0) {
        const Node& dn = layout_.nodes[static_cast<std::size_t>(dragged)];
        const Unit& du = s.units[static_cast<std::size_t>(dn.unit)];
        // The ghost hangs below-right of the pointer so the box under the pointer stays readable.
        const ImVec2 ga(mouse.x + t.Dp(18), mouse.y + t.Dp(18));
        std::string caption = dotted_drop ? "Drop on a box to add or remove a dotted line" : "Drop on a box to report to it";
        ImU32 cap_col = p.text;
        if (hover_target_ >= 0) {
            const Node& tn = layout_.nodes[static_cast<std::size_t>(hover_target_)];
            const Unit& tu = s.units[static_cast<std::size_t>(tn.unit)];
            const bool invalid = hover_target_ == dragged || (!dotted_drop && IsInSubtree(hover_target_, dragged));
            const ImU32 col = invalid ? p.danger : p.accent;
            if (invalid) {
                dl->AddRect(ToScreen(tn.min), ToScreen(tn.max), p.danger, t.Dp(10) * z, 0, t.Dp(2.5f));
                caption = hover_target_ == dragged ? du.name + " cannot report to itself"
                                                   : du.name + " cannot report to " + tu.name + ": that is a reporting cycle";
                cap_col = p.danger;
            } else if (dotted_drop) {
                const bool has = std::find(du.dotted.begin(), du.dotted.end(), tu.id) != du.dotted.end();
                caption = (has ? "Remove the dotted line to " : "Add a dotted line to ") + tu.name;
            } else {
                caption = du.parent == tu.id ? du.name + " already reports to " + tu.name : "Report to " + tu.name;
            }
            const ImVec2 from(ToScreen(ImVec2(centre_x(tn), tn.max.y)));
            const ImVec2 to(ga.x + layout_.box_w * z * 0.5f, ga.y);
            const float mid = (from.y + to.y) * 0.5f;
            const std::vector<ImVec2> pts = Bezier(from, ImVec2(from.x, mid), ImVec2(to.x, mid), to, 32);
            if (dotted_drop)
                DashedPolyline(dl, pts, col, t.Dp(2.5f), t.Dp(7), t.Dp(5));
            else
                dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, t.Dp(2.5f));
            dl->AddCircleFilled(from, t.Dp(4), col, 12);
        }
        DrawBox(ui, dl, dragged, ga, z, 1.0f, true, false, false, false);
        // Caption pill under the ghost.
        const ImVec2 ts = TextSize(f.label, caption.c_str());
        const ImVec2 ca(ga.x, ga.y + layout_.box_h * z + t.Dp(8));
        dl->AddRectFilled(ca, ImVec2(ca.x + ts.x + t.Dp(20), ca.y + ts.y + t.Dp(10)), WithAlpha(p.tooltip, 0.96f), t.Dp(8));
        dl->AddRect(ca, ImVec2(ca.x + ts.x + t.Dp(20), ca.y + ts.y + t.Dp(10)), p.card_border, t.Dp(8));
        DrawText(dl, f.label, ImVec2(ca.x + t.Dp(10), ca.y + t.Dp(5)), cap_col, caption.c_str());
    }
    dl->PopClipRect();

    // Hover card with the whole story of a box.
    if (hover_box >= 0 && !dragging_) {
        const Unit& u = s.units[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(hover_box)].unit)];
        std::string body = FunctionLabel(u.function);
        if (u.head != Role::None) body += std::string(", headed by the ") + RoleLabel(u.head);
        const int pi = s.FindUnit(u.parent);
        body += pi >= 0 ? ". Reports to " + s.units[static_cast<std::size_t>(pi)].name + "." : ". Top of the chart.";
        for (const std::string& d : u.dotted) {
            const int di = s.FindUnit(d);
            if (di >= 0) body += "\nDotted line to " + s.units[static_cast<std::size_t>(di)].name + ".";
        }
        const int filled = filled_[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(hover_box)].unit)];
        body += "\n" + Thousands(u.headcount) + " seats";
        if (filled >= 0) body += ", " + Thousands(filled) + " filled in week " + std::to_string(ui.runner.LiveWeek());
        body += ". Budget " + Money(u.budget_musd) + " a year.";
        if (u.head != Role::None && filled >= 0) {
            const World* live = ui.runner.Live(ui.ws.Active());
            if (live && !live->Exec(u.head).present) body += std::string("\nThe ") + RoleLabel(u.head) + " seat is vacant.";
        }
        if (editable) body += "\n\nClick to edit; drag onto another box to change its reporting line (Shift: dotted line).";
        Tooltip(t, u.name, body);
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Legend: the functions present, and the two kinds of line
//-----------------------------------------------------------------------------------------------
float OrgChartPanel::DrawLegend(Ui& ui, ImVec2 pos, float width, bool draw) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const Scenario& s = ui.ws.ActiveScenario();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fh = FontSize(f.small);
    const float row_h = t.Dp(24);
    const float right = pos.x + width;
    float x = pos.x, cy = pos.y + row_h * 0.5f;
    // Items flow left to right and wrap: the two kinds of line, then the colour of every function
    // in the chart.
    auto place = [&](float w) {
        if (x > pos.x && x + w > right) {
            x = pos.x;
            cy += row_h;
        }
        const float at = x;
        x += w + t.Dp(16);
        return at;
    };
    const float seg = t.Dp(24), sw = t.Dp(11), gap = t.Dp(6);
    {
        const float w = seg + gap + TextSize(f.small, "reports to").x;
        const float at = place(w);
        if (draw) {
            dl->AddLine(ImVec2(at, cy), ImVec2(at + seg, cy), p.axis, t.Dp(2));
            DrawText(dl, f.small, ImVec2(at + seg + gap, cy - fh * 0.5f), p.text_muted, "reports to");
        }
    }
    {
        const float w = seg + gap + TextSize(f.small, "dotted line").x;
        const float at = place(w);
        if (draw) {
            DashedPolyline(dl, {ImVec2(at, cy), ImVec2(at + seg, cy)}, p.text_muted, t.Dp(2), t.Dp(6), t.Dp(4));
            DrawText(dl, f.small, ImVec2(at + seg + gap, cy - fh * 0.5f), p.text_muted, "dotted line");
        }
        x += t.Dp(8);
    }
    bool present[kFunctionCount] = {};
    for (const Unit& u : s.units) present[static_cast<int>(u.function)] = true;
    for (int i = 0; i < kFunctionCount; ++i) {
        if (!present[i]) continue;
        const Function fn = static_cast<Function>(i);
        const char* label = FunctionLabel(fn);
        const float at = place(sw + gap + TextSize(f.small, label).x);
        if (draw) {
            dl->AddRectFilled(ImVec2(at, cy - sw * 0.5f), ImVec2(at + sw, cy + sw * 0.5f), FunctionColour(fn, t), t.Dp(3));
            DrawText(dl, f.small, ImVec2(at + sw + gap, cy - fh * 0.5f), p.text_muted, label);
        }
    }
    // The organisation in one line, right-aligned on the last row when there is room.
    double budget = 0.0;
    for (const Unit& u : s.units) budget += u.budget_musd;
    const std::string summary = std::to_string(s.units.size()) + " units" + kMiddot + Thousands(s.TotalHeadcount()) + " staff" + kMiddot +
                                Money(budget) + " budgets a year";
    if (draw && x + t.Dp(8) + TextSize(f.small, summary.c_str()).x <= right)
        DrawTextRight(dl, f.small, right, cy - fh * 0.5f, p.text_faint, summary.c_str());
    return cy + row_h * 0.5f - pos.y;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Inspector: the selected unit
//-----------------------------------------------------------------------------------------------
void OrgChartPanel::PublishTree(Ui& ui, ImVec2 pos, ImVec2 size) {
    // The chart as a tree (WAI-ARIA tree view): units in depth-first order with their level, the
    // selected one marked; activating a unit selects it, and the inspector (after the tree in the
    // tab order) edits it, including "Reports to", the keyboard's way to move it.
    if (!ActiveSemantics()) return;
    const Scenario& s = ui.ws.ActiveScenario();
    const int n = static_cast<int>(layout_.nodes.size());
    SemPush("##sem_orgchart", SemRole::Tree, "Org chart: " + s.name, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    std::vector<std::pair<int, int>> stack;  // node, depth
    for (int i = n - 1; i >= 0; --i)
        if (layout_.nodes[static_cast<std::size_t>(i)].parent < 0) stack.emplace_back(i, 0);
    int selected_key_node = -1;
    while (!stack.empty()) {
        const auto [i, depth] = stack.back();
        stack.pop_back();
        const Node& node = layout_.nodes[static_cast<std::size_t>(i)];
        const Unit& u = s.units[static_cast<std::size_t>(node.unit)];
        const std::string id = "##sem_unit_" + u.id;
        if (SemTake(SemKey(id.c_str()), SemActionKind::Activate)) Select(u.id);
        SemNode item;
        item.level = depth + 1;
        item.on = u.id == selected_;
        if (!node.children.empty()) item.expanded = 1;
        std::string label = u.name + ", " + FunctionLabel(u.function);
        if (u.head != Role::None) label += ", headed by the " + std::string(RoleLabel(u.head));
        label += ", " + Thousands(u.headcount) + (u.headcount == 1 ? " seat" : " seats");
        if (!u.dotted.empty()) label += ", " + std::to_string(u.dotted.size()) + (u.dotted.size() == 1 ? " dotted line" : " dotted lines");
        // Clipped to the canvas, so a unit scrolled away does not sit over other panels.
        ImVec2 a = ToScreen(node.min), b = ToScreen(node.max);
        a = ImVec2(std::clamp(a.x, pos.x, pos.x + size.x), std::clamp(a.y, pos.y, pos.y + size.y));
        b = ImVec2(std::clamp(b.x, pos.x, pos.x + size.x), std::clamp(b.y, pos.y, pos.y + size.y));
        SemAt(id.c_str(), SemRole::TreeItem, label, a, b, item);
        if (item.on) selected_key_node = i;
        for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
    (void)selected_key_node;
    SemPop();
}

void OrgChartPanel::DrawInspector(Ui& ui, ImVec2 canvas_pos, ImVec2 canvas_size) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const Scenario& s = ui.ws.ActiveScenario();
    const int index = s.FindUnit(selected_);
    if (index < 0) {
        inspector_h_ = 0.0f;
        return;
    }
    const Unit& u = s.units[static_cast<std::size_t>(index)];
    // Edits below replace the scenario's units: keep copies, and look the unit up again after one.
    const std::string unit_id = u.id, unit_name = u.name;
    const bool editable = !ui.presenting;
    const ImU32 accent = FunctionColour(u.function, t);
    auto current = [&]() -> const Unit& {
        const Scenario& now = ui.ws.ActiveScenario();
        return now.units[static_cast<std::size_t>(now.FindUnit(unit_id))];
    };

    // Geometry first: the card is as tall as its rows, which wrap when the chart is narrow.
    const float padx = t.Dp(18), pady = t.Dp(14), fgap = t.Dp(22);
    const float bh = ImGui::GetFrameHeight();
    const float field_w = t.Dp(76), combo_w = t.Dp(180);
    const float card_w = std::min(canvas_size.x - t.Dp(20), t.Dp(1100));
    const float inner = card_w - 2 * padx;
    const float hc_w = TextSize(f.small, "Headcount").x + t.Dp(8) + bh * 2 + field_w + t.Dp(8);
    const char* budget_caption = "Budget, $M/yr";
    const float bud_w = TextSize(f.small, budget_caption).x + t.Dp(8) + bh * 2 + field_w + t.Dp(8);
    const float par_w = TextSize(f.small, "Reports to").x + t.Dp(8) + combo_w;
    std::vector<std::string> dotted = u.dotted;
    float dot_w = TextSize(f.small, "Dotted lines").x + t.Dp(8);
    for (const std::string& d : dotted) {
        const int di = s.FindUnit(d);
        dot_w += TextSize(f.label, di >= 0 ? s.units[static_cast<std::size_t>(di)].name.c_str() : d.c_str()).x + t.Dp(46) + t.Dp(6);
    }
    const char* no_dotted = "none (Shift-drag onto a box)";
    if (dotted.empty()) dot_w += TextSize(f.small, no_dotted).x;
    const float widths[4] = {hc_w, bud_w, par_w, dot_w};
    ImVec2 at[4];
    int rows = 1;
    {
        float x = 0.0f;
        float y = 0.0f;
        for (int i = 0; i < 4; ++i) {
            if (x > 0.0f && x + widths[i] > inner) {
                x = 0.0f;
                y += bh + t.Dp(10);
                ++rows;
            }
            at[i] = ImVec2(x, y);
            x += widths[i] + fgap;
        }
    }
    const float title_h = FontSize(f.heading);
    const float body_h = editable ? rows * bh + (rows - 1) * t.Dp(10) : FontSize(f.body);
    const float card_h = pady + title_h + t.Dp(12) + body_h + pady;
    const ImVec2 a(canvas_pos.x + (canvas_size.x - card_w) * 0.5f, canvas_pos.y + canvas_size.y - t.Dp(10) - card_h);
    const ImVec2 b(a.x + card_w, a.y + card_h);
    inspector_h_ = card_h + t.Dp(10);

    // Shadow in the panel, then the card as a child window: it takes the mouse from the chart below.
    ImDrawList* pdl = ImGui::GetWindowDrawList();
    pdl->AddRectFilled(ImVec2(a.x, a.y + t.Dp(3)), ImVec2(b.x, b.y + t.Dp(5)), IM_COL32(0, 0, 0, t.Kind() == ThemeKind::Dark ? 110 : 28), t.Dp(12));
    ImGui::SetCursorScreenPos(a);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("##inspector", ImVec2(card_w, card_h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    ui.hooks.Record("OrgChart:inspector", a.x, a.y, card_w, card_h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, t.Kind() == ThemeKind::Dark ? Mix(p.card, p.control, 0.7f) : p.card, t.Dp(12));
    dl->AddRect(a, b, p.card_border, t.Dp(12));
    dl->AddRectFilled(a, ImVec2(a.x + t.Dp(6), b.y), accent, t.Dp(12), ImDrawFlags_RoundCornersLeft);

    // Title row: name, what it is and where it reports; Remove and close on the right.
    float x = a.x + padx;
    const float y = a.y + pady;
    const float remove_w = ButtonWidth(t, "Remove unit", Icon::Close);
    const float close_w = bh;
    const float right = b.x - padx - close_w - t.Dp(8) - (editable ? remove_w + t.Dp(8) : 0.0f);
    std::string detail = FunctionLabel(u.function);
    if (u.head != Role::None) detail += std::string(kMiddot) + "headed by the " + RoleLabel(u.head);
    const int pi = s.FindUnit(u.parent);
    const std::string parent_name = pi >= 0 ? s.units[static_cast<std::size_t>(pi)].name : std::string();
    detail += pi >= 0 ? std::string(kMiddot) + "reports to " + parent_name : std::string(kMiddot) + "top of the chart";
    if (!editable) detail += std::string(kMiddot) + Thousands(u.headcount) + " seats" + kMiddot + Money(u.budget_musd) + " a year";
    const std::string name = Ellipsize(f.heading, u.name, std::max(t.Dp(60), (right - x) * 0.5f));
    DrawText(dl, f.heading, ImVec2(x, y), p.text, name.c_str());
    SemPush("##sem_inspector", SemRole::Group, "Selected unit: " + u.name, a, b);
    {
        SemNode heading;
        heading.level = 3;
        heading.description = detail;
        SemAt("##sem_inspector_title", SemRole::Heading, u.name + ": " + detail, ImVec2(x, y), ImVec2(right, y + FontSize(f.heading)), heading);
    }
    x += TextSize(f.heading, name.c_str()).x + t.Dp(12);
    DrawText(dl, f.small, ImVec2(x, y + (title_h - FontSize(f.small)) * 0.5f + t.Dp(1)), p.text_muted,
             Ellipsize(f.small, detail, std::max(0.0f, right - x)).c_str());
    const float by = y + (title_h - bh) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(b.x - padx - close_w, by));
    SemNext().name = "Close the unit's details";
    SemNext().shortcut = "Escape";
    if (Button(t, "##deselect", "", Icon::Close, ImVec2(close_w, bh), false)) Select("");
    ui.hooks.RecordLastItem("OrgChart:deselect");
    if (ImGui::IsItemHovered()) Tooltip(t, "Close", "Clears the selection (Esc).");
    bool removed = false;
    if (editable) {
        ImGui::SetCursorScreenPos(ImVec2(b.x - padx - close_w - t.Dp(8) - remove_w, by));
        const bool root = u.parent.empty();
        if (Button(t, "##remove", "Remove unit", Icon::None, ImVec2(remove_w, bh), false, !root)) {
            const EditResult r = ui.ws.RemoveUnit(unit_id);
            if (!r.ok) {
                Refuse(ui, r.message);
            } else {
                message_.clear();
                removed = true;
            }
        }
        ui.hooks.RecordLastItem("OrgChart:remove");
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            Tooltip(t, root ? "The top of the chart stays" : "Remove " + unit_name,
                    root ? "Every organisation needs a top; open another scenario to start afresh."
                         : "Its teams move up to " + parent_name + " and dotted lines to it are dropped. Undo brings it back.");
    }
    if (removed || !editable || ui.ws.ActiveScenario().FindUnit(unit_id) < 0) {
        if (removed) Select("");
        SemPop();
        ImGui::EndChild();
        return;
    }

    // Fields.
    const ImVec2 o(a.x + padx, y + title_h + t.Dp(12));
    auto caption = [&](ImVec2 pt, const char* text) {
        DrawText(dl, f.small, ImVec2(pt.x, pt.y + (bh - FontSize(f.small)) * 0.5f), p.text_muted, text);
        return TextSize(f.small, text).x + t.Dp(8);
    };
    auto apply = [&](const EditResult& r) {
        if (!r.ok)
            Refuse(ui, r.message);
        else
            message_.clear();
    };
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.Dp(10), ImGui::GetStyle().FramePadding.y));
    // A number typed into a field (Enter or leaving the field applies it; a refusal restores the
    // stored value) between - and + steppers.
    struct NumberField {
        const char* caption;
        const char* hook;  ///< "OrgChart:<hook>", "_minus", "_plus"
        const char* tip;
        const char* format;
        double step, hi;
        double* buffer;
        bool* active;
        std::function<double()> get;
        std::function<EditResult(double)> set;
    };
    auto number_field = [&](ImVec2 pt, const NumberField& nf) {
        const std::string hook = std::string("OrgChart:") + nf.hook;
        float cx = pt.x + caption(pt, nf.caption);
        ImGui::PushID(nf.hook);
        const double v = nf.get();
        ImGui::SetCursorScreenPos(ImVec2(cx, pt.y));
        SemNext().name = std::string("Decrease ") + nf.caption;
        if (Button(t, "##minus", "", Icon::Minus, ImVec2(bh, bh), false, v > 0.0)) apply(nf.set(std::max(0.0, v - nf.step)));
        ui.hooks.RecordLastItem(hook + "_minus");
        cx += bh + t.Dp(4);
        if (!*nf.active) *nf.buffer = nf.get();
        ImGui::SetCursorScreenPos(ImVec2(cx, pt.y));
        ImGui::SetNextItemWidth(field_w);
        ImGui::InputDouble("##field", nf.buffer, 0.0, 0.0, nf.format, ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CharsScientific);
        *nf.active = ImGui::IsItemActive();
        ui.hooks.RecordLastItem(hook);
        {
            SemNode box;
            box.value = FormatNumber(v, nf.step < 1.0 ? 1 : 0);
            box.description = nf.tip;
            SemItem(SemRole::TextBox, nf.caption, box);
        }
        if (ImGui::IsItemDeactivatedAfterEdit()) apply(nf.set(*nf.buffer));
        if (ImGui::IsItemHovered() && !*nf.active) Tooltip(t, nf.caption, nf.tip);
        cx += field_w + t.Dp(4);
        ImGui::SetCursorScreenPos(ImVec2(cx, pt.y));
        const double v2 = nf.get();
        SemNext().name = std::string("Increase ") + nf.caption;
        if (Button(t, "##plus", "", Icon::Plus, ImVec2(bh, bh), false, v2 + nf.step <= nf.hi)) apply(nf.set(v2 + nf.step));
        ui.hooks.RecordLastItem(hook + "_plus");
        ImGui::PopID();
    };
    number_field(Add(o, at[0]), {"Headcount", "headcount", "Seats in the unit, not counting its head. Type a number and press Enter.", "%.0f", 1.0,
                                 kMaxUnitHeadcount, &edit_headcount_, &headcount_active_, [&] { return static_cast<double>(current().headcount); },
                                 [&](double typed) {
                                     // Whole seats; out-of-range values reach the command, which says why it refuses them.
                                     const double r = std::round(typed);
                                     return ui.ws.SetHeadcount(unit_id, r > 1e9 ? 1000000000 : r < -1e9 ? -1000000000 : static_cast<int>(r));
                                 }});
    number_field(Add(o, at[1]), {budget_caption, "budget", "The unit's annual budget in million US dollars. Type a number and press Enter.", "%.1f",
                                 0.5, kMaxUnitBudgetMusd, &edit_budget_, &budget_active_, [&] { return current().budget_musd; },
                                 [&](double typed) { return ui.ws.SetBudget(unit_id, typed); }});
    // Reports to: the units it may report to (the keyboard's way to change a reporting line).
    {
        const ImVec2 pt = Add(o, at[2]);
        const float cx = pt.x + caption(pt, "Reports to");
        const Scenario& now = ui.ws.ActiveScenario();
        const Unit& nu = current();
        const int cp = now.FindUnit(nu.parent);
        const std::string shown = cp >= 0 ? now.units[static_cast<std::size_t>(cp)].name : std::string(kEmDash) + " top of the chart";
        ImGui::SetCursorScreenPos(ImVec2(cx, pt.y));
        ImGui::SetNextItemWidth(combo_w);
        const bool root = nu.parent.empty();
        if (root) ImGui::BeginDisabled();
        std::string choice;
        const bool open = ImGui::IsPopupOpen(SemKey("##parent"), 0);
        {
            SemNode combo;
            combo.expanded = open ? 1 : 0;
            combo.value = shown;
            combo.disabled = root;
            combo.description = "Move " + unit_name + " under another unit (the drag's keyboard way).";
            SemItemAt("##parent", SemRole::ComboBox, "Reports to: " + shown, ImVec2(cx, pt.y),
                      ImVec2(cx + combo_w, pt.y + ImGui::GetFrameHeight()), combo);
        }
        if (ImGui::BeginCombo("##parent", shown.c_str())) {
            const int self = now.FindUnit(unit_id);
            SemPush("##sem_parent_list", SemRole::ListBox, "Move " + unit_name + " under", ImGui::GetWindowPos(),
                    ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
            const bool appearing = ImGui::IsWindowAppearing();
            std::uint32_t first = 0;
            for (int i = 0; i < static_cast<int>(now.units.size()); ++i) {
                if (i == self || IsInSubtree(i, self)) continue;  // itself or its own teams: a cycle
                const Unit& cand = now.units[static_cast<std::size_t>(i)];
                if (ImGui::Selectable(cand.name.c_str(), cand.id == nu.parent)) choice = cand.id;
                SemNode opt;
                opt.on = cand.id == nu.parent;
                SemItem(SemRole::Option, cand.name, opt);
                if (appearing && (first == 0 || opt.on)) first = ImGui::GetCurrentContext()->LastItemData.ID;
            }
            // The list that opens takes the focus, on the current boss (WAI-ARIA listbox pattern).
            if (appearing && first != 0)
                if (Semantics* sem = ActiveSemantics()) sem->RequestFocus(first);
            SemPop();
            ImGui::EndCombo();
        }
        if (root) ImGui::EndDisabled();
        ui.hooks.RecordLastItem("OrgChart:parent");
        if (!choice.empty() && choice != nu.parent) apply(ui.ws.Reparent(unit_id, choice));
    }
    // Dotted lines, each a chip that removes it.
    {
        const ImVec2 pt = Add(o, at[3]);
        float cx = pt.x + caption(pt, "Dotted lines");
        if (dotted.empty()) DrawText(dl, f.small, ImVec2(cx, pt.y + (bh - FontSize(f.small)) * 0.5f), p.text_faint, no_dotted);
        for (const std::string& d : dotted) {
            const Scenario& now = ui.ws.ActiveScenario();
            const int di = now.FindUnit(d);
            const std::string label = di >= 0 ? now.units[static_cast<std::size_t>(di)].name : d;
            const float w = TextSize(f.label, label.c_str()).x + t.Dp(46);
            ImGui::SetCursorScreenPos(ImVec2(cx, pt.y));
            ImGui::PushID(d.c_str());
            const bool pressed = Button(t, "##dotted_remove", label.c_str(), Icon::Close, ImVec2(w, bh), false);
            ImGui::PopID();
            ui.hooks.RecordLastItem("OrgChart:dotted_remove:" + d);
            if (ImGui::IsItemHovered()) Tooltip(t, "Remove the dotted line to " + label, "Undo brings it back.");
            if (pressed) apply(ui.ws.ToggleDotted(unit_id, d));
            cx += w + t.Dp(6);
        }
    }
    ImGui::PopStyleVar();
    SemPop();
    ImGui::EndChild();
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Test hooks: what a browser test reads back
//-----------------------------------------------------------------------------------------------
void OrgChartPanel::Publish(Ui& ui) const {
    const Scenario& s = ui.ws.ActiveScenario();
    ui.hooks.Text("orgchart.selected", selected_);
    ui.hooks.Value("orgchart.zoom", zoom_);
    ui.hooks.Text("orgchart.message", message_);
    ui.hooks.Value("orgchart.units", static_cast<double>(s.units.size()));
    ui.hooks.Value("orgchart.dotted_mode", dotted_mode_ ? 1.0 : 0.0);
    ui.hooks.Value("orgchart.live", !filled_.empty() && filled_[0] >= 0 ? 1.0 : 0.0);
    for (const Unit& u : s.units) {
        ui.hooks.Text("orgchart.parent." + u.id, u.parent);
        std::string d;
        for (const std::string& x : u.dotted) d += (d.empty() ? "" : ",") + x;
        ui.hooks.Text("orgchart.dotted." + u.id, d);
    }
    // While a box is dragged: which one, and the box it would be dropped on ("" when none).
    auto id_of = [&](int node) {
        return node >= 0 && node < static_cast<int>(layout_.nodes.size())
                   ? s.units[static_cast<std::size_t>(layout_.nodes[static_cast<std::size_t>(node)].unit)].id
                   : std::string();
    };
    const bool current = layout_.revision == ui.ws.Revision();
    ui.hooks.Text("orgchart.drag", dragging_ && current ? id_of(press_node_) : std::string());
    ui.hooks.Text("orgchart.target", dragging_ && current ? id_of(hover_target_) : std::string());
    const int i = s.FindUnit(selected_);
    if (i >= 0) {
        ui.hooks.Value("orgchart.selected.headcount", s.units[static_cast<std::size_t>(i)].headcount);
        ui.hooks.Value("orgchart.selected.budget", s.units[static_cast<std::size_t>(i)].budget_musd);
    }
}

}  // namespace orgsim::ui
