// ui_test_hooks.cpp: widget rectangles and the JSON state for browser tests (see ui_test_hooks.h).
#include "web/ui_test_hooks.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "imgui.h"

namespace orgsim::ui {

namespace {
// The one piece of global state in the front end: a C export cannot carry a context pointer.
TestHooks* g_active_hooks = nullptr;

void AppendNumber(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    out += buf;
}
const char* Bool(bool b) { return b ? "true" : "false"; }

std::string Quoted(const std::string& s);

// The shell's fields (views, slots, history, runs, overlays, outcomes).
void AppendShell(std::string& o, const TestSnapshot& s) {
    o += ",\"view\":" + Quoted(s.view);
    o += ",\"active_slot\":" + std::to_string(s.active_slot);
    o += ",\"slot_count\":" + std::to_string(s.slot_count);
    o += ",\"slots\":[";
    for (std::size_t i = 0; i < s.slots.size(); ++i)
        o += std::string(i ? "," : "") + "{\"label\":" + Quoted(s.slots[i].label) + ",\"name\":" + Quoted(s.slots[i].name) +
             ",\"origin\":" + Quoted(s.slots[i].origin) + "}";
    o += "],\"revision\":" + std::to_string(s.revision);
    o += std::string(",\"can_undo\":") + Bool(s.can_undo) + ",\"can_redo\":" + Bool(s.can_redo);
    o += ",\"undo_label\":" + Quoted(s.undo_label) + ",\"redo_label\":" + Quoted(s.redo_label);
    o += std::string(",\"runner\":{\"running\":") + Bool(s.run.running);
    o += ",\"completed\":" + std::to_string(s.run.completed) + ",\"replications\":" + std::to_string(s.run.replications);
    o += ",\"progress\":";
    AppendNumber(o, s.run.progress);
    o += std::string(",\"results_current\":") + Bool(s.run.results_current) + ",\"throughput\":";
    AppendNumber(o, std::round(s.run.throughput));
    o += ",\"slice_budget_ms\":";
    AppendNumber(o, std::round(s.run.slice_budget_ms * 100.0) / 100.0);
    o += ",\"hashes\":[";
    for (std::size_t i = 0; i < s.run.hashes.size(); ++i) {
        char hash[32];
        std::snprintf(hash, sizeof hash, "\"0x%016" PRIx64 "\"", s.run.hashes[i]);
        o += (i ? "," : "") + std::string(hash);
    }
    o += "],\"workers\":" + std::to_string(s.run.workers) + ",\"pool_merged\":" + std::to_string(s.run.pool_merged);
    o += ",\"pool_problem\":" + Quoted(s.run.pool_problem);
    o += std::string("},\"presenting\":") + Bool(s.presenting);
    o += ",\"slide\":" + std::to_string(s.slide) + ",\"slide_count\":" + std::to_string(s.slide_count);
    o += std::string(",\"help_open\":") + Bool(s.help_open);
    o += ",\"toast\":" + Quoted(s.toast) + ",\"toast_error\":" + Bool(s.toast_error);
    o += ",\"scenario_json\":" + Quoted(s.scenario_json);
    o += ",\"outcomes\":[";
    for (std::size_t i = 0; i < s.outcomes.size(); ++i) {
        o += i ? ",{" : "{";
        for (std::size_t k = 0; k < s.outcomes[i].size(); ++k) {
            o += (k ? "," : "") + Quoted(s.outcomes[i][k].first) + ":";
            AppendNumber(o, s.outcomes[i][k].second);
        }
        o += "}";
    }
    o += "]";
}
}  // namespace

std::string JsonEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(ch);  // UTF-8 passes through
                }
        }
    }
    return out;
}

namespace {
std::string Quoted(const std::string& s) { return "\"" + JsonEscape(s) + "\""; }
}  // namespace

void TestHooks::Record(const std::string& name, float x, float y, float w, float h) {
    for (auto& [n, r] : widgets_)
        if (n == name) {
            r = {x, y, w, h};
            return;
        }
    widgets_.push_back({name, {x, y, w, h}});
}

void TestHooks::RecordLastItem(const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    Record(name, a.x, a.y, b.x - a.x, b.y - a.y);
}

void TestHooks::Value(const std::string& key, double v) {
    for (auto& [k, x] : values_)
        if (k == key) {
            x = v;
            return;
        }
    values_.push_back({key, v});
}

void TestHooks::Text(const std::string& key, const std::string& v) {
    for (auto& [k, x] : texts_)
        if (k == key) {
            x = v;
            return;
        }
    texts_.push_back({key, v});
}

const char* TestHooks::StateJson() {
    TestSnapshot s;
    if (provider_) provider_(s);
    std::string& o = json_;
    o.clear();
    o += "{\"frame\":" + std::to_string(s.frame);
    o += ",\"week\":" + std::to_string(s.week);
    o += ",\"horizon\":" + std::to_string(s.horizon);
    o += std::string(",\"playing\":") + (s.playing ? "true" : "false");
    o += ",\"fps\":";
    AppendNumber(o, std::round(s.fps * 10.0) / 10.0);
    o += ",\"speed\":" + std::to_string(s.speed);
    o += ",\"pixel_ratio\":";
    AppendNumber(o, s.pixel_ratio);
    o += ",\"display\":[";
    AppendNumber(o, s.display_w);
    o += ",";
    AppendNumber(o, s.display_h);
    o += "],\"font_px\":";
    AppendNumber(o, s.font_raster_px);
    o += ",\"scenario\":\"" + JsonEscape(s.scenario) + "\"";
    o += ",\"theme\":\"" + JsonEscape(s.theme) + "\"";
    char hash[32];
    std::snprintf(hash, sizeof hash, "0x%016" PRIx64, s.hash);
    o += ",\"hash\":\"" + std::string(hash) + "\"";
    o += ",\"points\":" + std::to_string(s.points);
    o += ",\"problems\":[";
    for (std::size_t i = 0; i < s.problems.size(); ++i) o += (i ? ",\"" : "\"") + JsonEscape(s.problems[i]) + "\"";
    o += "]";
    AppendShell(o, s);
    o += ",\"widgets\":{";
    for (std::size_t i = 0; i < widgets_.size(); ++i) {
        const auto& [name, r] = widgets_[i];
        o += (i ? ",\"" : "\"") + JsonEscape(name) + "\":[";
        for (int k = 0; k < 4; ++k) {
            if (k) o += ",";
            AppendNumber(o, std::round(r[static_cast<std::size_t>(k)] * 100.0) / 100.0);
        }
        o += "]";
    }
    o += "},\"series\":{";
    for (std::size_t i = 0; i < s.series.size(); ++i) {
        o += (i ? ",\"" : "\"") + JsonEscape(s.series[i].first) + "\":";
        AppendNumber(o, s.series[i].second);
    }
    o += "},\"values\":{";
    for (std::size_t i = 0; i < values_.size(); ++i) {
        o += (i ? ",\"" : "\"") + JsonEscape(values_[i].first) + "\":";
        AppendNumber(o, values_[i].second);
    }
    o += "},\"texts\":{";
    for (std::size_t i = 0; i < texts_.size(); ++i)
        o += (i ? ",\"" : "\"") + JsonEscape(texts_[i].first) + "\":\"" + JsonEscape(texts_[i].second) + "\"";
    o += "}}";
    return o.c_str();
}

void SetActiveTestHooks(TestHooks* hooks) { g_active_hooks = hooks; }

}  // namespace orgsim::ui

extern "C" const char* orgsim_test_state() {
    if (!orgsim::ui::g_active_hooks) return "{\"frame\":0,\"widgets\":{},\"series\":{}}";
    return orgsim::ui::g_active_hooks->StateJson();
}

extern "C" void orgsim_request_frames(int frames) {
    if (orgsim::ui::g_active_hooks) orgsim::ui::g_active_hooks->RequestFrames(frames);
}
