// semantics.cpp: the semantics tree, its JSON and the action queue (see semantics.h).
#include "web/semantics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace orgsim::ui {

namespace {
Semantics* g_active = nullptr;

void AppendNumber(std::string& out, double v) {
    if (!std::isfinite(v)) v = 0.0;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    out += buf;
}

/// A JSON string (quotes included); invalid UTF-8 becomes U+FFFD rather than an exception.
std::string Quote(const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendPx(std::string& out, float v) {
    // Rectangles to a tenth of a pixel: enough for positioning, and a frame whose layout did not
    // move writes the same text.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(v) ? static_cast<double>(v) : 0.0);
    out += buf;
}
}  // namespace

const char* RoleName(SemRole role) {
    switch (role) {
        case SemRole::Button: return "button";
        case SemRole::Toggle: return "button";
        case SemRole::Switch: return "switch";
        case SemRole::Radio: return "radio";
        case SemRole::RadioGroup: return "radiogroup";
        case SemRole::Slider: return "slider";
        case SemRole::TextBox: return "textbox";
        case SemRole::ComboBox: return "combobox";
        case SemRole::ListBox: return "listbox";
        case SemRole::Option: return "option";
        case SemRole::TabList: return "tablist";
        case SemRole::Tab: return "tab";
        case SemRole::Heading: return "heading";
        case SemRole::Text: return "text";
        case SemRole::Link: return "link";
        case SemRole::Image: return "img";
        case SemRole::Table: return "table";
        case SemRole::Row: return "row";
        case SemRole::ColumnHeader: return "columnheader";
        case SemRole::Cell: return "cell";
        case SemRole::Tree: return "tree";
        case SemRole::TreeItem: return "treeitem";
        case SemRole::Dialog: return "dialog";
        case SemRole::Group: return "group";
        case SemRole::Toolbar: return "toolbar";
        case SemRole::Menu: return "menu";
        case SemRole::MenuItem: return "menuitem";
        case SemRole::Status: return "status";
        case SemRole::Alert: return "alert";
    }
    return "text";
}

bool RoleIsInteractive(SemRole role) {
    switch (role) {
        case SemRole::Button:
        case SemRole::Toggle:
        case SemRole::Switch:
        case SemRole::Radio:
        case SemRole::Slider:
        case SemRole::TextBox:
        case SemRole::ComboBox:
        case SemRole::Option:
        case SemRole::Tab:
        case SemRole::Link:
        case SemRole::MenuItem:
        case SemRole::TreeItem: return true;
        default: return false;
    }
}

bool RoleIsContainer(SemRole role) {
    switch (role) {
        case SemRole::RadioGroup:
        case SemRole::ListBox:
        case SemRole::TabList:
        case SemRole::Table:
        case SemRole::Row:
        case SemRole::Tree:
        case SemRole::Dialog:
        case SemRole::Toolbar:
        case SemRole::Menu:
        case SemRole::Group: return true;
        default: return false;
    }
}

void Semantics::BeginFrame() {
    nodes_.clear();
    stack_.clear();
    next_ = SemNode{};
    next_set_ = next_role_set_ = false;
}

int Semantics::Find(std::uint32_t key) const {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].key == key) return static_cast<int>(i);
    return -1;
}

void Semantics::ApplyNext(SemNode& node) {
    if (!next_set_) return;
    if (next_role_set_) node.role = next_.role;
    if (!next_.name.empty()) node.name = next_.name;
    if (!next_.value.empty()) node.value = next_.value;
    if (!next_.description.empty()) node.description = next_.description;
    if (!next_.shortcut.empty()) node.shortcut = next_.shortcut;
    if (next_.max > next_.min) {
        node.min = next_.min;
        node.max = next_.max;
    }
    if (next_.step > 0.0) node.step = next_.step;
    if (next_.level > 0) node.level = next_.level;
    if (next_.on) node.on = true;
    if (next_.disabled) node.disabled = true;
    if (next_.expanded >= 0) node.expanded = next_.expanded;
    next_ = SemNode{};
    next_set_ = next_role_set_ = false;
}

int Semantics::Add(SemNode node) {
    if (node.key == 0 || Find(node.key) >= 0) return -1;
    node.parent = stack_.empty() ? -1 : stack_.back();
    nodes_.push_back(std::move(node));
    return static_cast<int>(nodes_.size()) - 1;
}

int Semantics::Push(SemNode node) {
    const int i = Add(std::move(node));
    // A container whose key was taken still opens a level (its children go to the top level or to the
    // outer container), so that Push/Pop stay paired.
    stack_.push_back(i >= 0 ? i : (stack_.empty() ? -1 : stack_.back()));
    return i;
}

void Semantics::Pop() {
    if (!stack_.empty()) stack_.pop_back();
}

void Semantics::Post(SemAction action) {
    if (action.key == 0) return;
    if (action.kind == SemActionKind::Focus) focused_ = action.key;
    if (action.kind == SemActionKind::Blur) {
        if (focused_ == action.key) focused_ = 0;
        return;
    }
    // A page that sends faster than frames are drawn keeps only the latest value of a slider.
    if (action.kind == SemActionKind::SetValue)
        pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                      [&](const SemAction& a) { return a.key == action.key && a.kind == action.kind; }),
                       pending_.end());
    pending_.push_back(action);
}

bool Semantics::Take(std::uint32_t key, SemActionKind kind, double* value) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->key != key || it->kind != kind) continue;
        if (value) *value = it->value;
        pending_.erase(it);
        return true;
    }
    return false;
}

bool Semantics::EndFrame(std::string* json) {
    pending_.clear();
    std::string text = ToJson(nodes_, focus_request_, focus_pointer_, blur_request_);
    const bool focus = focus_request_ != 0 || blur_request_;
    focus_request_ = 0;
    focus_pointer_ = false;
    blur_request_ = false;
    if (!focus && text == published_) return false;
    if (json) *json = text;
    // Remember the tree without the focus request: the next frame with the same nodes is unchanged.
    published_ = focus ? ToJson(nodes_, 0) : std::move(text);
    return true;
}

std::string Semantics::ToJson(const std::vector<SemNode>& nodes, std::uint32_t focus, bool pointer, bool blur) {
    std::string out = "{\"focus\":";
    out += std::to_string(focus);
    out += pointer ? ",\"pointer\":1" : ",\"pointer\":0";
    out += blur ? ",\"blur\":1" : ",\"blur\":0";
    out += ",\"nodes\":[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const SemNode& n = nodes[i];
        if (i) out += ',';
        out += "{\"k\":" + std::to_string(n.key);
        out += ",\"r\":\"";
        out += n.role == SemRole::Toggle ? "toggle" : RoleName(n.role);
        out += "\",\"n\":" + Quote(n.name);
        if (!n.value.empty()) out += ",\"v\":" + Quote(n.value);
        if (!n.description.empty()) out += ",\"d\":" + Quote(n.description);
        out += ",\"x\":";
        AppendPx(out, n.x);
        out += ",\"y\":";
        AppendPx(out, n.y);
        out += ",\"w\":";
        AppendPx(out, n.w);
        out += ",\"h\":";
        AppendPx(out, n.h);
        if (n.role == SemRole::Slider) {
            out += ",\"min\":";
            AppendNumber(out, n.min);
            out += ",\"max\":";
            AppendNumber(out, n.max);
            out += ",\"now\":";
            AppendNumber(out, n.now);
            out += ",\"step\":";
            AppendNumber(out, n.step);
        }
        if (n.level > 0) out += ",\"l\":" + std::to_string(n.level);
        if (n.disabled) out += ",\"dis\":1";
        if (n.on) out += ",\"on\":1";
        if (n.expanded >= 0) out += ",\"exp\":" + std::to_string(n.expanded);
        if (!n.shortcut.empty()) out += ",\"ks\":" + Quote(n.shortcut);
        if (n.parent >= 0) out += ",\"p\":" + std::to_string(n.parent);
        out += '}';
    }
    out += "]}";
    return out;
}

Semantics* ActiveSemantics() { return g_active; }
void SetActiveSemantics(Semantics* semantics) { g_active = semantics; }

}  // namespace orgsim::ui

extern "C" void orgsim_a11y_action(unsigned key, int kind, double value) {
    orgsim::ui::Semantics* s = orgsim::ui::ActiveSemantics();
    if (!s || kind < 1 || kind > 4) return;
    s->Post({static_cast<std::uint32_t>(key), static_cast<orgsim::ui::SemActionKind>(kind), value});
}
