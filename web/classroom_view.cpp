// classroom_view.cpp: the Class view (see classroom_view.h).
//
// [SECTION] Small widgets: headings, text fields, check rows, switches, segmented choices
// [SECTION] Opening assignments and submissions
// [SECTION] Frame: header and modes
// [SECTION] Build (instructor)
// [SECTION] Student
// [SECTION] Debrief (instructor)
#include "web/classroom_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "imgui_internal.h"  // IsPopupOpen(ImGuiID): a combo box tells whether its list is open
#include "sim/report.h"
#include "web/charts.h"
#include "web/classroom_dashboard.h"
#include "web/persist.h"
#include "web/services.h"
#include "web/widgets.h"

namespace orgsim::ui {

namespace {

//-----------------------------------------------------------------------------------------------
// [SECTION] Small widgets: headings, text fields, check rows, switches, segmented choices
//-----------------------------------------------------------------------------------------------
const SeriesInfo& SeriesOf(SeriesId id) { return SeriesTable()[static_cast<std::size_t>(id)]; }

/// The unit a class types and reads an outcome in: display units (shares as per cent, 0-1 indexes
/// as 0-100 points), the same as the rest of the app.
std::string UnitText(SeriesId id) {
    const OutcomeStyle& st = StyleOf(id);
    if (st.scale == 1.0) return SeriesOf(id).unit;
    if (std::strcmp(st.suffix, "%") == 0) return "%";
    return st.unit;
}

std::string OutcomeText(SeriesId id, double raw) { return FormatOutcome(id, raw); }

/// A question as the view shows it: the core's text, with a number question's unit in the display
/// units students type and read ("index 0-1" becomes "index 0-100", a share becomes "%").
std::string ViewQuestionText(const Assignment& a, const Question& q) {
    std::string text = QuestionText(a, q);
    if (!q.text.empty() || q.kind != QuestionKind::Number) return text;
    const std::string raw = std::string("(") + SeriesOf(q.outcome).unit + ")?";
    if (text.size() >= raw.size() && text.compare(text.size() - raw.size(), raw.size(), raw) == 0)
        text.replace(text.size() - raw.size(), raw.size(), "(" + UnitText(q.outcome) + ")?");
    return text;
}

std::string Plural(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

/// A section title inside a card (heading font), published as a heading.
void Heading(const Theme& t, const char* id, const std::string& text, int level = 2) {
    ImGui::PushFont(level <= 2 ? t.GetFonts().heading : t.GetFonts().strong);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    SemNode h;
    h.level = level;
    SemAt(id, SemRole::Heading, text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), h);
}

/// Wrapped text in a font and colour, published as text.
void Para(const Theme& t, const char* id, const std::string& text, ImFont* font, ImU32 colour, float w) {
    if (text.empty()) return;
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    (void)t;
    SemAt(id, SemRole::Text, text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void Gap(const Theme& t, float dp) { ImGui::Dummy(ImVec2(1.0f, t.Dp(dp))); }

/// A field's label above it (label font, muted), with an optional hint after it.
void FieldLabel(const Theme& t, const char* text, const char* hint = nullptr) {
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    DrawText(dl, f.label, p, c.text, text);
    if (hint) DrawText(dl, f.small, ImVec2(p.x + TextSize(f.label, text).x + t.Dp(8), p.y + t.Dp(1)), c.text_faint, hint);
    ImGui::Dummy(ImVec2(1.0f, FontSize(f.label) + t.Dp(6)));
}

/// A thin rule across the card with space around it.
void Rule(const Theme& t, float w) {
    Gap(t, 12);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + w, p.y), t.Colours().card_border, 1.0f);
    Gap(t, 14);
}

int ResizeCallback(ImGuiInputTextCallbackData* d) {
    if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(d->UserData);
        s->resize(static_cast<std::size_t>(d->BufTextLen));
        d->Buf = s->data();
    }
    return 0;
}

/// Cut UTF-8 text to at most max bytes, never inside a character.
void Clip(std::string& s, std::size_t max) {
    if (s.size() <= max) return;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0u) == 0x80u) --n;
    s.resize(n);
}

/// The look of the view's fields: body type, roomy padding, rounded, outlined at 3:1.
void PushFieldStyle(const Theme& t) {
    ImGui::PushFont(t.GetFonts().body);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.Dp(10), t.Dp(7)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, t.Dp(7));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(t.Colours().outline));
}
void PopFieldStyle() {
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    ImGui::PopFont();
}

/// A text field for a std::string (single line, or multiline with a height), named for assistive
/// technology and recorded for tests. Returns true when the text changed.
bool TextField(Ui& ui, const char* id, const std::string& name, const std::string& hook, std::string* s, std::size_t max, float w,
               float multiline_h = 0.0f, ImGuiInputTextFlags flags = 0, const char* hint = nullptr) {
    const Theme& t = ui.theme;
    PushFieldStyle(t);
    flags |= ImGuiInputTextFlags_CallbackResize;
    bool changed = false;
    if (multiline_h > 0.0f) {
        changed = ImGui::InputTextMultiline(id, s->data(), s->capacity() + 1, ImVec2(w, multiline_h), flags, ResizeCallback, s);
    } else {
        ImGui::SetNextItemWidth(w);
        if (hint) changed = ImGui::InputTextWithHint(id, hint, s->data(), s->capacity() + 1, flags, ResizeCallback, s);
        else changed = ImGui::InputText(id, s->data(), s->capacity() + 1, flags, ResizeCallback, s);
    }
    PopFieldStyle();
    ui.hooks.RecordLastItem(hook);
    SemNode n;
    n.value = *s;
    n.disabled = (flags & ImGuiInputTextFlags_ReadOnly) != 0;
    SemItem(SemRole::TextBox, name, n);
    if (changed) Clip(*s, max);
    return changed;
}

/// A whole-number field clamped to [lo, hi]; returns true when the value changed.
template <typename T>
bool IntField(Ui& ui, const char* id, const std::string& name, const std::string& hook, T* v, T lo, T hi, float w) {
    const Theme& t = ui.theme;
    PushFieldStyle(t);
    ImGui::SetNextItemWidth(w);
    T x = *v;
    const bool edited =
        ImGui::InputScalar(id, sizeof(T) == 8 ? ImGuiDataType_U64 : ImGuiDataType_S32, &x, nullptr, nullptr, nullptr, 0);
    PopFieldStyle();
    ui.hooks.RecordLastItem(hook);
    SemNode n;
    n.value = std::to_string(*v);
    SemItem(SemRole::TextBox, name, n);
    if (!edited) return false;
    x = std::clamp(x, lo, hi);
    if (x == *v) return false;
    *v = x;
    return true;
}

/// A row with a check box, a label and an optional detail line; returns true when clicked.
bool CheckRow(Ui& ui, const char* id, const std::string& label, const std::string& detail, bool on, float width, const std::string& hook,
              bool enabled = true) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const float h = detail.empty() ? t.Dp(32) : t.Dp(44);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, h)) && enabled;
    const bool hovered = ImGui::IsItemHovered() && enabled;
    ui.hooks.RecordLastItem(hook);
    {
        SemNode n;
        n.on = on;
        n.description = detail;
        n.disabled = !enabled;
        SemItem(SemRole::Switch, label, n);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered) {
        dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), p.control_hover, t.Dp(6));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    const float box = t.Dp(18), bx = a.x + t.Dp(8), by = a.y + (h - box) * 0.5f;
    if (on) {
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + box, by + box), enabled ? p.accent : p.track, t.Dp(4));
        DrawIcon(t, dl, Icon::Check, ImVec2(bx + box * 0.5f, by + box * 0.5f), t.Dp(10), p.accent_text, p.accent);
    } else {
        dl->AddRect(ImVec2(bx, by), ImVec2(bx + box, by + box), p.axis, t.Dp(4), 0, t.Dp(1.5f));
    }
    const float tx = bx + box + t.Dp(12);
    const ImU32 tc = enabled ? p.text : p.text_muted;
    if (detail.empty()) {
        DrawText(dl, f.body, ImVec2(tx, a.y + (h - FontSize(f.body)) * 0.5f), tc, Ellipsize(f.body, label, a.x + width - tx).c_str());
    } else {
        const float ty = a.y + (h - FontSize(f.label) - FontSize(f.small) - t.Dp(3)) * 0.5f;
        DrawText(dl, f.label, ImVec2(tx, ty), tc, Ellipsize(f.label, label, a.x + width - tx).c_str());
        DrawText(dl, f.small, ImVec2(tx, ty + FontSize(f.label) + t.Dp(3)), p.text_muted,
                 Ellipsize(f.small, detail, a.x + width - tx - t.Dp(8)).c_str());
    }
    return pressed;
}

/// An on/off switch with a label after it; returns true when clicked.
bool SwitchRow(Ui& ui, const char* id, const std::string& label, bool on, const std::string& hook, const std::string& description = "") {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 size(t.Dp(44), t.Dp(24));
    const float text_w = TextSize(f.body, label.c_str()).x + t.Dp(12);
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(size.x + text_w, size.y));
    const bool hovered = ImGui::IsItemHovered();
    ui.hooks.RecordLastItem(hook);
    {
        SemNode n;
        n.on = on;
        n.description = description;
        SemItem(SemRole::Switch, label, n);
    }
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 b(a.x + size.x, a.y + size.y);
    DrawSwitchTrack(t, dl, a, size, on, hovered);
    DrawText(dl, f.body, ImVec2(b.x + t.Dp(12), a.y + (size.y - FontSize(f.body)) * 0.5f), c.text, label.c_str());
    return pressed;
}

/// A segmented choice (one of a few); returns the index clicked, or -1.
int Segmented(Ui& ui, const char* id, const std::string& group, const std::vector<std::string>& labels, int selected, float width,
              const std::string& hook_prefix, const std::vector<std::string>& hook_keys, bool enabled = true) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const int n = static_cast<int>(labels.size());
    if (n == 0) return -1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float h = t.Dp(36), inset = t.Dp(3);
    dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), c.control, t.Dp(9));
    const float sw = (width - 2 * inset) / static_cast<float>(n);
    int clicked = -1;
    ImGui::PushID(id);
    SemPush("##sem_seg", SemRole::RadioGroup, group, a, ImVec2(a.x + width, a.y + h));
    for (int i = 0; i < n; ++i) {
        const ImVec2 s0(a.x + inset + sw * static_cast<float>(i), a.y + inset);
        const ImVec2 s1(s0.x + sw, a.y + h - inset);
        ImGui::SetCursorScreenPos(s0);
        ImGui::PushID(i);
        const bool pressed = ImGui::InvisibleButton("##opt", ImVec2(sw, s1.y - s0.y)) && enabled;
        {
            SemNode opt;
            opt.on = i == selected;
            opt.disabled = !enabled;
            SemItem(SemRole::Radio, labels[static_cast<std::size_t>(i)], opt);
        }
        const bool hovered = ImGui::IsItemHovered() && enabled;
        ImGui::PopID();
        ui.hooks.RecordLastItem(hook_prefix + (static_cast<std::size_t>(i) < hook_keys.size() ? hook_keys[static_cast<std::size_t>(i)]
                                                                                                : std::to_string(i)));
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const bool on = i == selected;
        if (on) {
            dl->AddRectFilled(s0, s1, c.card, t.Dp(7));
            dl->AddRect(s0, s1, enabled ? c.accent : c.outline, t.Dp(7), 0, t.Dp(1.5f));
        } else if (hovered) {
            dl->AddRectFilled(s0, s1, c.control_hover, t.Dp(7));
        }
        const std::string label = Ellipsize(f.label, labels[static_cast<std::size_t>(i)], sw - t.Dp(10));
        const ImVec2 ts = TextSize(f.label, label.c_str());
        DrawText(dl, f.label, ImVec2((s0.x + s1.x - ts.x) * 0.5f, (s0.y + s1.y - ts.y) * 0.5f), on ? c.text : c.text_muted, label.c_str());
        if (pressed) clicked = i;
    }
    SemPop();
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + h));
    ImGui::Dummy(ImVec2(width, 0.0f));
    return clicked;
}

/// A menu of the class outcomes (a combo box); returns true when *id changed.
bool OutcomePicker(Ui& ui, const char* id, const std::string& name, const std::string& hook, SeriesId* value, float w) {
    const Theme& t = ui.theme;
    const std::string shown = SeriesOf(*value).label;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    PushFieldStyle(t);
    ImGui::SetNextItemWidth(w);
    {
        SemNode combo;
        combo.expanded = ImGui::IsPopupOpen(SemKey(id), 0) ? 1 : 0;
        combo.value = shown;
        SemItemAt(id, SemRole::ComboBox, name + ": " + shown, at, ImVec2(at.x + w, at.y + ImGui::GetFrameHeight()), combo);
    }
    bool changed = false;
    if (ImGui::BeginCombo(id, shown.c_str())) {
        SemPush("##sem_outcomes", SemRole::ListBox, name, ImGui::GetWindowPos(),
                ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        for (SeriesId o : ClassOutcomes()) {
            const SeriesInfo& s = SeriesOf(o);
            if (ImGui::Selectable(s.label, o == *value)) {
                changed = o != *value;
                *value = o;
            }
            SemNode opt;
            opt.on = o == *value;
            SemItem(SemRole::Option, s.label, opt);
            ui.hooks.RecordLastItem(hook + ":" + s.key);
        }
        SemPop();
        ImGui::EndCombo();
    }
    PopFieldStyle();
    ui.hooks.Record(hook, at.x, at.y, w, ImGui::GetFrameHeight());
    return changed;
}

/// A banner line: a coloured bar at the left and text (problems, notices).
void Banner(const Theme& t, const char* id, const std::string& text, ImU32 colour, float w) {
    const Fonts& f = t.GetFonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::PushFont(f.small);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - t.Dp(14));
    ImGui::SetCursorScreenPos(ImVec2(a.x + t.Dp(12), a.y + t.Dp(6)));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.Colours().text));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const ImVec2 b = ImGui::GetItemRectMax();
    dl->AddRectFilled(a, ImVec2(a.x + w, b.y + t.Dp(6)), WithAlpha(colour, 0.10f), t.Dp(6));
    dl->AddRectFilled(a, ImVec2(a.x + t.Dp(4), b.y + t.Dp(6)), colour, t.Dp(2));
    SemAt(id, SemRole::Text, text, a, ImVec2(a.x + w, b.y + t.Dp(6)));
    ImGui::SetCursorScreenPos(ImVec2(a.x, b.y + t.Dp(6)));
    ImGui::Dummy(ImVec2(w, t.Dp(4)));
}

/// A lever's value as people read it.
std::string LeverText(const ParamInfo& info, double v) {
    if (info.kind == ParamKind::Choice || info.kind == ParamKind::Bool) return FormatValue(info.id, v);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf) + " " + info.unit;
}

/// The width a shared Button needs for its label (primary buttons use the heading font) and icon.
float ButtonWidth(const Theme& t, const char* label, bool icon, bool primary) {
    const Fonts& f = t.GetFonts();
    return TextSize(primary ? f.heading : f.label, label).x + (icon ? t.Dp(primary ? 16 : 13) + t.Dp(9) : 0.0f) + t.Dp(36);
}

double NowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// [SECTION] Opening assignments and submissions
//-----------------------------------------------------------------------------------------------
void ClassroomPanel::SetAssignment(Ui& ui, Assignment a, const std::string& origin) {
    fingerprint_ = AssignmentFingerprint(a);
    origin_ = origin;
    storage_key_ = std::string(kClassWorkKeyPrefix) + FingerprintHex(fingerprint_);
    work_ = StudentWork{};
    work_.predictions.assign(a.questions.size(), Prediction{});
    restored_ = false;
    student_truth_.reset();
    run_pending_ = 0;
    saved_text_.clear();
    storage_error_.clear();
    if (std::string text; services::StorageGet(storage_key_, text)) {
        if (std::optional<StudentWork> w = ReadStudentWork(text, a)) {
            work_ = std::move(*w);
            restored_ = true;
            saved_text_ = text;
        }
    }
    assignment_ = std::move(a);
    if (work_.next.empty()) ResetNext(*assignment_);
    mode_ = Mode::Student;
    if (restored_ && ui.notify)
        ui.notify("Restored your work on \xE2\x80\x9C" + assignment_->title + "\xE2\x80\x9D (" +
                      Plural(work_.decisions.rounds.size(), "round", "rounds") + " played)",
                  false);
}

bool ClassroomPanel::OpenLink(Ui& ui, const std::string& fragment) {
    AssignmentResult r = DecodeAssignmentFragment(fragment);
    if (!r.ok()) {
        const std::string why = r.problems.empty() ? std::string("it is damaged") : r.problems[0].where + ": " + r.problems[0].message;
        if (ui.notify) ui.notify("This assignment link could not be opened: " + why + ". Nothing else changed.", true);
        return false;
    }
    if (const std::vector<Problem> ps = ValidateAssignment(*r.assignment); !ps.empty()) {
        if (ui.notify) ui.notify("This assignment link could not be opened: " + ps[0].where + ": " + ps[0].message, true);
        return false;
    }
    SetAssignment(ui, std::move(*r.assignment), "link");
    if (ui.notify && !restored_) ui.notify("Opened the assignment \xE2\x80\x9C" + assignment_->title + "\xE2\x80\x9D", false);
    return true;
}

bool ClassroomPanel::OpenFile(Ui& ui, const std::string& file_name, const std::string& text) {
    const ClassFileKind kind = ClassFileKindOf(text);
    if (kind == ClassFileKind::Assignment) {
        AssignmentResult r = ReadAssignment(text);
        if (!r.ok()) {
            const std::string why = r.problems.empty() ? std::string("it is damaged") : r.problems[0].where + ": " + r.problems[0].message;
            if (ui.notify) ui.notify(file_name + " could not be opened: " + why, true);
            return false;
        }
        if (const std::vector<Problem> ps = ValidateAssignment(*r.assignment); !ps.empty()) {
            if (ui.notify) ui.notify(file_name + " could not be opened: " + ps[0].where + ": " + ps[0].message, true);
            return false;
        }
        // The address carries the assignment, so that a reload brings it back (with the work kept).
        services::SetFragment(EncodeAssignmentFragment(*r.assignment));
        SetAssignment(ui, std::move(*r.assignment), file_name);
        if (ui.notify && !restored_) ui.notify("Opened the assignment \xE2\x80\x9C" + assignment_->title + "\xE2\x80\x9D", false);
        return true;
    }
    if (kind == ClassFileKind::Submission) {
        mode_ = Mode::Debrief;
        CodeResult r = ReadSubmission(text);
        if (!r.submission) {
            file_errors_.push_back({file_name, r.error});
            if (ui.notify) ui.notify(file_name + ": " + r.error, true);
            return true;
        }
        if (files_.size() + 1 > static_cast<std::size_t>(kMaxClassSize)) {
            if (ui.notify) ui.notify("A debrief takes up to " + std::to_string(kMaxClassSize) + " submissions", true);
            return true;
        }
        files_.push_back({file_name, std::move(*r.submission)});
        check_stale_ = true;
        if (ui.notify) ui.notify("Added " + file_name + " to the debrief", false);
        return true;
    }
    if (ui.notify) ui.notify(file_name + " is not an assignment or a submission", true);
    return false;
}

bool ClassroomPanel::Busy() const {
    return run_pending_ > 0 || check_stage_ == 1 || check_stage_ == 2 || copy_pending_ || preview_pending_ || (why_ && !why_->Done());
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Frame: header and modes
//-----------------------------------------------------------------------------------------------
void ClassroomPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ui.hooks.Record("Panel:class", pos.x, pos.y, size.x, size.y);

    if (copy_pending_) {
        if (const int r = services::ClipboardResult(); r != 0) {
            copy_pending_ = false;
            // A refusal is no failure: the text is in a field beside the button, selected on a click.
            if (ui.notify) ui.notify(r > 0 ? copy_what_ + " copied" : "The browser did not allow the clipboard: select the text in the field and copy it", false);
        }
    }

    // ---- Header card: what the view is for, and the three modes.
    // A narrow card puts the modes under the title, across its width.
    const bool stacked = size.x < t.Dp(kStackWidth + 200.0f);
    const float head_h = t.Dp(stacked ? 124 : 76);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(22), t.Dp(14)));
    BeginCard("##class_head", pos, ImVec2(size.x, head_h));
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p(pos.x + t.Dp(22), pos.y + t.Dp(14));
        DrawText(dl, f.label, p, c.accent, "CLASSROOM");
        static const char* kSubtitle[] = {"Build an assignment from the open scenarios", "Predict, run the budget years, hand in your code",
                                          "Check the class's codes and export the gradebook"};
        const char* sub = kSubtitle[static_cast<int>(mode_)];
        const float sw = stacked ? size.x - t.Dp(44) : std::min(t.Dp(460), size.x * 0.45f);
        const std::string shown = Ellipsize(f.heading, sub, stacked ? sw : size.x - sw - t.Dp(66));
        DrawText(dl, f.heading, ImVec2(p.x, p.y + FontSize(f.label) + t.Dp(6)), c.text, shown.c_str());
        SemNode h;
        h.level = 1;
        SemAt("##sem_class_title", SemRole::Heading, std::string("Classroom: ") + sub, p,
              ImVec2(p.x + TextSize(f.heading, shown.c_str()).x, p.y + FontSize(f.label) + t.Dp(6) + FontSize(f.heading)), h);
        ImGui::SetCursorScreenPos(stacked ? ImVec2(p.x, pos.y + head_h - t.Dp(14 + 36))
                                          : ImVec2(pos.x + size.x - sw - t.Dp(22), pos.y + (head_h - t.Dp(36)) * 0.5f));
        const int m = Segmented(ui, "##class_mode", "Mode", {"Build (instructor)", "Student", "Debrief (instructor)"},
                                static_cast<int>(mode_), sw, "Class:mode:", {"build", "student", "debrief"});
        if (m >= 0) mode_ = static_cast<Mode>(m);
    }
    EndCard();
    ImGui::PopStyleVar();

    static const char* kModeKeys[] = {"build", "student", "debrief"};
    ui.hooks.Text("class.mode", kModeKeys[static_cast<int>(mode_)]);
    ui.hooks.Text("class.link", link_);
    const float gap = t.Dp(16);
    const ImVec2 body(pos.x, pos.y + head_h + gap);
    const ImVec2 body_size(size.x, std::max(t.Dp(200), size.y - head_h - gap));
    switch (mode_) {
        case Mode::Build: DrawBuild(ui, body, body_size); break;
        case Mode::Student: DrawStudent(ui, body, body_size); break;
        case Mode::Debrief: DrawDebrief(ui, body, body_size); break;
    }
}

ClassroomPanel::TwoCards ClassroomPanel::Split(ImVec2 pos, ImVec2 size, float lw, float gap) const {
    TwoCards c;
    if (pane_ == 0) {
        c.lpos = pos;
        c.lsize = size;
        c.right = false;
    } else if (pane_ == 1) {
        c.rpos = pos;
        c.rsize = size;
        c.left = false;
    } else {
        c.lpos = pos;
        c.lsize = ImVec2(lw, size.y);
        c.rpos = ImVec2(pos.x + lw + gap, pos.y);
        c.rsize = ImVec2(size.x - lw - gap, size.y);
    }
    return c;
}

std::vector<const char*> ClassroomPanel::PaneNames() const {
    switch (mode_) {
        case Mode::Build: return {"Assignment", "Questions"};
        case Mode::Student: return {"Your work", "Results"};
        case Mode::Debrief: return {"Codes", "The class"};
    }
    return {};
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Build (instructor)
//-----------------------------------------------------------------------------------------------
Assignment ClassroomPanel::Draft(const Ui& ui) const {
    Assignment a;
    a.title = title_;
    a.instructions = instructions_;
    for (int i = 0; i < ui.ws.SlotCount() && static_cast<int>(a.structures.size()) < kMaxStructures; ++i)
        if (static_cast<std::size_t>(i) >= use_slot_.size() || use_slot_[static_cast<std::size_t>(i)]) a.structures.push_back(ui.ws.GetScenario(i));
    a.choose_structure = choose_structure_ && a.structures.size() >= 2;
    for (const ParamInfo& info : ParamTable())
        if (info.group == ParamGroup::Levers && unlocked_.count(info.id)) a.unlocked.push_back(info.id);
    a.questions = questions_;
    a.rounds = rounds_;
    a.replications = replications_;
    a.seed = seed_;
    a.seed_per_student = seed_per_student_;
    a.reflection = reflection_;
    return a;
}

void ClassroomPanel::CopyLink(Ui&, const Assignment& a) {
    const std::string page = services::PageUrl();
    link_ = (page.empty() ? std::string("orgsim:") : page) + "#" + EncodeAssignmentFragment(a);
    services::CopyText(link_);
    copy_pending_ = true;
    copy_what_ = "Assignment link";
}

void ClassroomPanel::DrawBuild(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    if (use_slot_.size() != static_cast<std::size_t>(ui.ws.SlotCount())) use_slot_.resize(static_cast<std::size_t>(ui.ws.SlotCount()), 1);
    const float gap = t.Dp(16);
    const float lw = std::floor((size.x - gap) * 0.48f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(24), t.Dp(20)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(4)));
    const TwoCards cards = Split(pos, size, lw, gap);
    if (cards.left) {
        BeginCard("##class_build_setup", cards.lpos, cards.lsize, true);
        DrawBuildSetup(ui, ImGui::GetContentRegionAvail().x);
        EndCard();
    }
    if (cards.right) {
        BeginCard("##class_build_questions", cards.rpos, cards.rsize, true);
        DrawBuildQuestions(ui, ImGui::GetContentRegionAvail().x);
        EndCard();
    }
    ImGui::PopStyleVar(2);
}

void ClassroomPanel::DrawBuildSetup(Ui& ui, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    Heading(t, "##sem_build_h", "Assignment");
    Gap(t, 8);
    FieldLabel(t, "Title");
    TextField(ui, "##title", "Assignment title", "Class:title", &title_, 200, w, 0.0f, 0, "e.g. Who should the CIO report to?");
    Gap(t, 10);
    FieldLabel(t, "Instructions", "what students read first");
    TextField(ui, "##instructions", "Instructions for students", "Class:instructions", &instructions_, 4000, w, t.Dp(96));

    Rule(t, w);
    Heading(t, "##sem_build_structures", "Structures", 3);
    Para(t, "##sem_build_structures_p",
         "The open scenarios students compare (up to four). Open more from the Gallery; the first ticked is where students start.", f.small,
         c.text_muted, w);
    Gap(t, 6);
    int ticked = 0;
    for (int i = 0; i < ui.ws.SlotCount(); ++i) {
        ImGui::PushID(i);
        const bool on = use_slot_[static_cast<std::size_t>(i)] != 0;
        const bool allowed = on || ticked < kMaxStructures;
        const std::string label = ui.ws.GetScenario(i).name;
        if (CheckRow(ui, "##slot", label, Workspace::SlotLabel(i) + kMiddot + ui.ws.GetSlot(i).origin, on, w,
                     "Class:structure:" + std::to_string(i), allowed))
            use_slot_[static_cast<std::size_t>(i)] = on ? 0 : 1;
        ticked += use_slot_[static_cast<std::size_t>(i)] ? 1 : 0;
        ImGui::PopID();
    }
    if (ui.ws.SlotCount() == 0) Para(t, "##sem_no_slots", "No scenario is open: pick one in the Gallery.", f.small, c.danger, w);
    Gap(t, 8);
    if (SwitchRow(ui, "##choose", "Students choose the structure", choose_structure_, "Class:choose",
                  "On: each student picks one of the structures before the first year. Off: everyone plays the first."))
        choose_structure_ = !choose_structure_;

    Rule(t, w);
    Heading(t, "##sem_build_levers", "Levers students may change", 3);
    Para(t, "##sem_build_levers_p",
         "Ticked levers are unlocked: students set them before each budget year. Everything else, the org chart included, is locked.",
         f.small, c.text_muted, w);
    Gap(t, 6);
    for (const ParamInfo& info : ParamTable()) {
        if (info.group != ParamGroup::Levers) continue;
        ImGui::PushID(static_cast<int>(info.id));
        const bool on = unlocked_.count(info.id) > 0;
        std::string detail;
        if (info.kind == ParamKind::Bool) detail = "yes or no";
        else if (info.kind == ParamKind::Choice) {
            for (const auto& o : Options(info.id)) detail += (detail.empty() ? "" : ", ") + o;
        } else {
            detail = LeverText(info, info.min) + " to " + LeverText(info, info.max);
        }
        if (CheckRow(ui, "##lever", info.label, detail, on, w, std::string("Class:lever:") + info.key)) {
            if (on) unlocked_.erase(info.id);
            else unlocked_.insert(info.id);
        }
        if (ImGui::IsItemHovered()) Tooltip(t, info.label, info.doc);
        ImGui::PopID();
    }
    ui.hooks.Value("class.unlocked", static_cast<double>(unlocked_.size()));
}

void ClassroomPanel::DrawBuildQuestions(Ui& ui, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    Assignment draft = Draft(ui);
    const int n_struct = static_cast<int>(draft.structures.size());
    new_year_ = std::clamp(new_year_, 1, rounds_);
    new_structure_ = std::clamp(new_structure_, 0, std::max(0, n_struct - 1));

    Heading(t, "##sem_q_h", "Prediction questions");
    Para(t, "##sem_q_p", "Students answer these before the first year; their predictions then lock and are scored against the model.",
         f.small, c.text_muted, w);
    Gap(t, 8);
    int remove = -1;
    for (std::size_t i = 0; i < questions_.size(); ++i) {
        const Question& q = questions_[i];
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float bw = t.Dp(86);
        std::string text = std::to_string(i + 1) + ". " + ViewQuestionText(draft, q);
        if (q.kind == QuestionKind::Number) {
            char buf[48];
            std::snprintf(buf, sizeof buf, " (full marks within %.0f%%)", q.tolerance * 100.0);
            text += buf;
        }
        ImGui::PushFont(f.body);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - bw - t.Dp(12));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        const ImVec2 b = ImGui::GetItemRectMax();
        SemAt("##sem_q", SemRole::Text, text, a, b);
        ImGui::SetCursorScreenPos(ImVec2(a.x + w - bw, a.y - t.Dp(4)));
        SemNext().name = "Remove question " + std::to_string(i + 1);
        if (Button(t, "##remove", "Remove", Icon::None, ImVec2(bw, t.Dp(30)), false)) remove = static_cast<int>(i);
        ui.hooks.RecordLastItem("Class:remove:" + std::to_string(i));
        ImGui::SetCursorScreenPos(ImVec2(a.x, std::max(b.y, a.y + t.Dp(26)) + t.Dp(10)));
        ImGui::Dummy(ImVec2(w, 0.0f));
        ImGui::PopID();
    }
    if (remove >= 0) {
        questions_.erase(questions_.begin() + remove);
        preview_.reset();
    }
    if (questions_.empty()) Para(t, "##sem_q_none", "No question yet: add one below (or none, for an assignment without predictions).", f.small, c.text_faint, w);

    // ---- The question being added.
    Gap(t, 8);
    const ImVec2 box_a = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(box_a.x + t.Dp(14), box_a.y + t.Dp(12)));
    const float iw = w - t.Dp(28);
    ImGui::BeginGroup();
    FieldLabel(t, "Add a question");
    const int k = Segmented(ui, "##add_kind", "Question kind", {"Which structure does better", "A number"},
                            new_kind_ == QuestionKind::Choice ? 0 : 1, iw, "Class:add_kind:", {"choice", "number"});
    if (k >= 0) new_kind_ = k == 0 ? QuestionKind::Choice : QuestionKind::Number;
    Gap(t, 10);
    const float half = (iw - t.Dp(12)) * 0.5f;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    FieldLabel(t, "Outcome");
    OutcomePicker(ui, "##add_outcome", "Outcome of the question", "Class:add_outcome", &new_outcome_, half);
    float bottom = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + t.Dp(12), row.y));
    ImGui::BeginGroup();
    FieldLabel(t, "After");
    {
        std::vector<std::string> years, keys;
        for (int y = 1; y <= rounds_; ++y) {
            years.push_back(y == 1 ? "1 year" : std::to_string(y) + " years");
            keys.push_back(std::to_string(y));
        }
        const int y = Segmented(ui, "##add_year", "After how many years", years, new_year_ - 1, half, "Class:add_year:", keys);
        if (y >= 0) new_year_ = y + 1;
    }
    ImGui::EndGroup();
    bottom = std::max(bottom, ImGui::GetItemRectMax().y + t.Dp(4));
    ImGui::SetCursorScreenPos(ImVec2(row.x, bottom));
    if (new_kind_ == QuestionKind::Number) {
        Gap(t, 10);
        const ImVec2 row2 = ImGui::GetCursorScreenPos();
        FieldLabel(t, "Structure");
        std::vector<std::string> names, keys;
        for (int i = 0; i < n_struct; ++i) {
            names.push_back(draft.structures[static_cast<std::size_t>(i)].name);
            keys.push_back(std::to_string(i));
        }
        if (!names.empty()) {
            const int s = Segmented(ui, "##add_structure", "Which structure", names, new_structure_, half, "Class:add_structure:", keys);
            if (s >= 0) new_structure_ = s;
        }
        float bottom2 = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(ImVec2(row2.x + half + t.Dp(12), row2.y));
        ImGui::BeginGroup();
        char tol[48];
        std::snprintf(tol, sizeof tol, "%.0f%% of the answer", new_tolerance_ * 100.0);
        FieldLabel(t, "Full marks within", tol);
        int pct = static_cast<int>(std::lround(new_tolerance_ * 100.0));
        SemNext().name = "Full marks within, per cent of the answer";
        if (Slider(t, "##add_tolerance", &pct, 1, 50, half)) new_tolerance_ = pct / 100.0;
        ui.hooks.RecordLastItem("Class:add_tolerance");
        ImGui::EndGroup();
        bottom2 = std::max(bottom2, ImGui::GetItemRectMax().y + t.Dp(4));
        ImGui::SetCursorScreenPos(ImVec2(row2.x, bottom2));
    }
    Gap(t, 12);
    const bool can_add = static_cast<int>(questions_.size()) < kMaxQuestions && n_struct >= (new_kind_ == QuestionKind::Choice ? 2 : 1);
    if (Button(t, "##add_question", "Add question", Icon::Plus, ImVec2(t.Dp(160), t.Dp(36)), false, can_add)) {
        Question q;
        q.kind = new_kind_;
        q.outcome = new_outcome_;
        q.year = new_year_;
        q.structure = new_kind_ == QuestionKind::Number ? new_structure_ : 0;
        q.tolerance = new_tolerance_;
        questions_.push_back(q);
        preview_.reset();
    }
    ui.hooks.RecordLastItem("Class:add_question");
    if (!can_add) {
        ImGui::SameLine();
        ImGui::PushFont(f.small);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_muted), "%s",
                           static_cast<int>(questions_.size()) >= kMaxQuestions ? "Eight questions at most."
                                                                                : "Tick two structures to ask which does better.");
        ImGui::PopFont();
    }
    ImGui::EndGroup();
    const ImVec2 box_b(box_a.x + w, ImGui::GetItemRectMax().y + t.Dp(14));
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(box_a, box_b, Mix(c.card, c.background, 0.55f), t.Dp(10));
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(box_a.x, box_b.y));
    ImGui::Dummy(ImVec2(w, t.Dp(4)));

    // ---- Rounds and runs.
    Rule(t, w);
    Heading(t, "##sem_rounds_h", "Rounds and runs", 3);
    Para(t, "##sem_rounds_p", "Each round is a budget year: students set the levers, run the year, and see the results.", f.small,
         c.text_muted, w);
    Gap(t, 6);
    {
        const ImVec2 rrow = ImGui::GetCursorScreenPos();
        const float cw = (w - t.Dp(24)) / 3.0f;
        FieldLabel(t, "Rounds");
        const int r = Segmented(ui, "##rounds", "Rounds (budget years)", {"1", "2", "3", "4", "5"}, rounds_ - 1, cw, "Class:rounds:",
                                {"1", "2", "3", "4", "5"});
        if (r >= 0) {
            rounds_ = r + 1;
            for (Question& q : questions_) q.year = std::min(q.year, rounds_);
        }
        ImGui::SetCursorScreenPos(ImVec2(rrow.x + cw + t.Dp(12), rrow.y));
        ImGui::BeginGroup();
        FieldLabel(t, "Replications", "2 to 100");
        IntField<int>(ui, "##replications", "Replications per run, 2 to 100", "Class:replications", &replications_, kMinClassReplications,
                      kMaxClassReplications, cw);
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(rrow.x + 2.0f * (cw + t.Dp(12)), rrow.y));
        ImGui::BeginGroup();
        FieldLabel(t, "Seed");
        IntField<std::uint64_t>(ui, "##seed", "Seed of the class's futures", "Class:seed", &seed_, 0, ~std::uint64_t{0}, cw);
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(rrow.x, ImGui::GetItemRectMax().y + t.Dp(4)));
        ImGui::Dummy(ImVec2(w, 0.0f));
    }
    Gap(t, 10);
    if (SwitchRow(ui, "##seed_per_student", "A seed per student", seed_per_student_, "Class:seed_per_student",
                  "On: each student's futures are their own (from the class seed and the name). Off: everyone sees the same futures."))
        seed_per_student_ = !seed_per_student_;
    Gap(t, 12);
    FieldLabel(t, "Reflection prompt", "optional");
    TextField(ui, "##reflection_prompt", "Reflection prompt", "Class:reflection_prompt", &reflection_, 1000, w, t.Dp(60));

    // ---- Problems, the answers, and the actions.
    draft = Draft(ui);
    const std::vector<Problem> problems = ValidateAssignment(draft);
    ui.hooks.Value("class.problems", static_cast<double>(problems.size()));
    ui.hooks.Value("class.questions", static_cast<double>(questions_.size()));
    Rule(t, w);
    if (problems.empty()) {
        Banner(t, "##sem_ready",
               "Ready: " + Plural(draft.structures.size(), "structure", "structures") + ", " + Plural(draft.unlocked.size(), "lever", "levers") +
                   " unlocked, " + Plural(draft.questions.size(), "question", "questions") + ", " + Plural(draft.rounds, "round", "rounds") +
                   " of " + std::to_string(draft.replications) + " replications.",
               c.better, w);
    } else {
        for (std::size_t i = 0; i < problems.size() && i < 6; ++i) {
            ImGui::PushID(static_cast<int>(i));
            Banner(t, "##sem_problem", problems[i].where + ": " + problems[i].message, c.danger, w);
            ImGui::PopID();
        }
    }
    Gap(t, 8);
    const bool ok = problems.empty();
    const float bh = t.Dp(38);
    const float b1 = ButtonWidth(t, "Copy assignment link", true, true);
    const float b2 = ButtonWidth(t, "Save assignment file", true, false);
    const float b3 = ButtonWidth(t, "Try as a student", true, false);
    const float b4 = ButtonWidth(t, "Embed", true, false);
    if (Button(t, "##copy_link", "Copy assignment link", Icon::Share, ImVec2(b1, bh), true, ok)) CopyLink(ui, draft);
    ui.hooks.RecordLastItem("Class:copy_link");
    ImGui::SameLine(0.0f, t.Dp(8));
    if (Button(t, "##save_assignment", "Save assignment file", Icon::Download, ImVec2(b2, bh), false, ok) && ui.download) {
        const std::string name = FileStem(draft.title) + ".orgsim-assignment.json";
        ui.download(name, "application/json", WriteAssignment(draft));
        if (ui.notify) ui.notify("Saved " + name, false);
    }
    ui.hooks.RecordLastItem("Class:save_assignment");
    ImGui::SameLine(0.0f, t.Dp(8));
    if (Button(t, "##try", "Try as a student", Icon::Play, ImVec2(b3, bh), false, ok)) {
        SetAssignment(ui, draft, "built here");
        return;
    }
    ui.hooks.RecordLastItem("Class:try");
    ImGui::SameLine(0.0f, t.Dp(8));
    if (Button(t, "##embed", "Embed", Icon::External, ImVec2(b4, bh), false, ok) && ui.embed)
        ui.embed(EncodeAssignmentFragment(draft), "OrgSim assignment: " + draft.title);
    ui.hooks.RecordLastItem("Class:embed");
    if (ImGui::IsItemHovered()) Tooltip(t, "Embed in a course page", "HTML that shows this assignment in a frame of a course page or a learning-management system.");
    if (!link_.empty()) {
        Gap(t, 10);
        FieldLabel(t, "Assignment link", "send it to the class; it works offline once the page has loaded");
        std::string shown = link_;
        TextField(ui, "##link", "Assignment link", "Class:link", &shown, 1 << 20, w, 0.0f,
                  ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    }

    // The answers (the truth students are scored against), on request: runs every structure once.
    if (ok && !draft.questions.empty()) {
        Gap(t, 12);
        const std::uint64_t fp = AssignmentFingerprint(draft);
        if (preview_ && preview_fp_ != fp) preview_.reset();
        if (preview_pending_) {
            preview_ = ComputeTruth(draft);
            preview_fp_ = fp;
            preview_pending_ = false;
        }
        if (!preview_) {
            if (Button(t, "##answers", "Show the answers", Icon::None, ImVec2(TextSize(f.label, "Show the answers").x + t.Dp(30), t.Dp(34)), false))
                preview_pending_ = true;
            ui.hooks.RecordLastItem("Class:answers");
            if (preview_pending_) {
                ImGui::SameLine(0.0f, t.Dp(10));
                ImGui::AlignTextToFramePadding();
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_muted), "Running every structure...");
            }
        } else {
            Heading(t, "##sem_answers_h", "The answers (only you see these)", 3);
            Gap(t, 4);
            for (std::size_t i = 0; i < draft.questions.size() && i < preview_->choice.size(); ++i) {
                const Question& q = draft.questions[i];
                std::string text;
                if (q.kind == QuestionKind::Choice) {
                    const int ch = preview_->choice[i];
                    text = std::to_string(i + 1) + ". " + draft.structures[static_cast<std::size_t>(ch)].name + " (";
                    for (std::size_t s = 0; s < preview_->structure_means[i].size(); ++s)
                        text += (s ? " vs " : "") + OutcomeText(q.outcome, preview_->structure_means[i][s]);
                    text += ")";
                    ui.hooks.Value("class.truth_choice." + std::to_string(i), ch);
                } else {
                    text = std::to_string(i + 1) + ". " + OutcomeText(q.outcome, preview_->number[i]) + " " + UnitText(q.outcome);
                    ui.hooks.Value("class.truth_number." + std::to_string(i), preview_->number[i] * StyleOf(q.outcome).scale);
                }
                ImGui::PushID(static_cast<int>(i));
                Para(t, "##sem_answer", text, f.body, c.text, w);
                ImGui::PopID();
            }
        }
    }
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Student
//-----------------------------------------------------------------------------------------------
double ClassroomPanel::Effective(const Assignment& a, ParamId id) const {
    const int si = std::clamp(work_.decisions.structure, 0, static_cast<int>(a.structures.size()) - 1);
    double v = a.structures[static_cast<std::size_t>(si)].params.Get(id);
    for (const auto& set : work_.decisions.rounds)
        for (const auto& [pid, pv] : set)
            if (pid == id) v = pv;
    return v;
}

void ClassroomPanel::ResetNext(const Assignment& a) {
    work_.next.clear();
    for (ParamId id : a.unlocked) work_.next.emplace_back(id, Effective(a, id));
}

Submission ClassroomPanel::MakeSubmission() const {
    Submission s;
    s.model = kModelVersion;
    s.assignment = fingerprint_;
    s.name = work_.name;
    s.predictions = work_.predictions;
    s.decisions = work_.decisions;
    s.outcome_hash = OutcomeHash(work_.results);
    s.reflection = work_.reflection;
    return s;
}

void ClassroomPanel::SaveWork() {
    if (!assignment_) return;
    const std::string text = WriteStudentWork(work_, fingerprint_);
    if (text == saved_text_) return;
    std::string error;
    if (services::StorageSet(storage_key_, text, &error)) {
        storage_error_.clear();
    } else {
        storage_error_ = error.empty() ? std::string("the browser's storage is unavailable") : error;
    }
    saved_text_ = text;  // also on failure: tried again on the next change, not every frame
}

void ClassroomPanel::RunPendingRound(Ui& ui) {
    if (run_pending_ != 1 || !assignment_) return;
    run_pending_ = 0;
    const Assignment& a = *assignment_;
    if (static_cast<int>(work_.decisions.rounds.size()) >= a.rounds) return;
    // This round's decisions: the unlocked levers whose value differs from the one in effect.
    std::vector<std::pair<ParamId, double>> set;
    for (const auto& [id, v] : work_.next)
        if (std::find(a.unlocked.begin(), a.unlocked.end(), id) != a.unlocked.end() && v != Effective(a, id))
            set.emplace_back(id, ClassLeverValue(id, v));
    Decisions d = work_.decisions;
    d.rounds.push_back(set);
    const int n = static_cast<int>(d.rounds.size());
    RoundResults r = RunStudent(a, work_.name, d, n);
    work_.decisions = std::move(d);
    work_.results = std::move(r);
    work_.structure_chosen = true;
    ResetNext(a);
    // The answers, once the first question's year is reached (the structures as the instructor set them).
    if (!student_truth_)
        for (const Question& q : a.questions)
            if (q.year <= n) {
                student_truth_ = ComputeTruth(a);
                break;
            }
    if (ui.notify) ui.notify("Year " + std::to_string(n) + " done", false);
}

void ClassroomPanel::DrawStudent(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(24), t.Dp(20)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(4)));
    if (!assignment_) {
        BeginCard("##class_student_empty", pos, size, true);
        const float w = ImGui::GetContentRegionAvail().x;
        Heading(t, "##sem_student_none", "No assignment is open");
        Gap(t, 6);
        Para(t, "##sem_student_none_p",
             "Open the assignment link your instructor sent, or open an assignment file (.orgsim-assignment.json) with Open in the "
             "header. Instructors: build one in Build, then Try as a student.",
             f.body, c.text_muted, std::min(w, t.Dp(640)));
        EndCard();
        ImGui::PopStyleVar(2);
        ui.hooks.Value("class.rounds_played", 0);
        return;
    }
    RunPendingRound(ui);
    if (run_pending_ == 2) run_pending_ = 1;  // this frame shows "Running..."; the next one runs
    const Assignment& a = *assignment_;
    if (work_.predictions.size() != a.questions.size()) work_.predictions.resize(a.questions.size());
    // Work restored from storage: the answers for the years already played (not stored).
    if (!student_truth_ && run_pending_ == 0)
        for (const Question& q : a.questions)
            if (q.year <= static_cast<int>(work_.decisions.rounds.size())) {
                student_truth_ = ComputeTruth(a);
                break;
            }

    const float gap = t.Dp(16);
    const float lw = std::floor(std::clamp((size.x - gap) * 0.38f, std::min(t.Dp(360), size.x * 0.5f), t.Dp(560)));
    const TwoCards cards = Split(pos, size, lw, gap);
    if (cards.left) {
        BeginCard("##class_student_left", cards.lpos, cards.lsize, true);
        DrawStudentLeft(ui, a, ImGui::GetContentRegionAvail().x);
        EndCard();
    }
    if (cards.right) {
        BeginCard("##class_student_right", cards.rpos, cards.rsize, true);
        DrawStudentRight(ui, a, ImGui::GetContentRegionAvail().x);
        EndCard();
    }
    ImGui::PopStyleVar(2);

    SaveWork();
    ui.hooks.Value("class.rounds_played", static_cast<double>(work_.decisions.rounds.size()));
    ui.hooks.Value("class.rounds", a.rounds);
    ui.hooks.Value("class.locked", work_.locked ? 1 : 0);
    ui.hooks.Value("class.running", run_pending_ > 0 ? 1 : 0);
    ui.hooks.Value("class.restored", restored_ ? 1 : 0);
    ui.hooks.Value("class.structure", work_.decisions.structure);
    ui.hooks.Text("class.student_name", work_.name);
    ui.hooks.Text("class.title", a.title);
    ui.hooks.Text("class.fingerprint", FingerprintHex(fingerprint_));
    ui.hooks.Text("class.storage_key", storage_key_);
    ui.hooks.Text("class.storage_error", storage_error_);
    if (!work_.decisions.rounds.empty())
        for (std::size_t k = 0; k < ClassOutcomes().size(); ++k)
            ui.hooks.Value(std::string("class.result.") + SeriesOf(ClassOutcomes()[k]).key, work_.results.mean.back()[k]);
}

void ClassroomPanel::DrawStudentLeft(Ui& ui, const Assignment& a, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        DrawText(dl, f.label, ImGui::GetCursorScreenPos(), c.accent, "ASSIGNMENT");
        ImGui::Dummy(ImVec2(w, FontSize(f.label) + t.Dp(4)));
    }
    ImGui::PushFont(f.title);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(a.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    {
        SemNode h;
        h.level = 2;
        SemAt("##sem_student_title", SemRole::Heading, a.title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), h);
    }
    Gap(t, 6);
    Para(t, "##sem_student_instr", a.instructions, f.body, c.text_muted, w);
    {
        std::string facts = Plural(static_cast<std::size_t>(a.rounds), "budget year", "budget years") + kMiddot +
                            Plural(a.structures.size(), "structure", "structures") + kMiddot + std::to_string(a.replications) +
                            " futures per run";
        Gap(t, 6);
        Para(t, "##sem_student_facts", facts, f.small, c.text_faint, w);
    }
    if (!storage_error_.empty()) {
        Gap(t, 8);
        Banner(t, "##sem_storage", "Your work is not being kept in this browser (" + storage_error_ +
                                       "): finish in one sitting, or keep your code safe.", c.danger, w);
    } else if (restored_) {
        Gap(t, 8);
        Banner(t, "##sem_restored", "Welcome back: your work on this assignment was restored.", c.better, w);
    }

    Rule(t, w);
    FieldLabel(t, "Your name", work_.locked ? "locked with your predictions" : "as your instructor knows you");
    if (work_.locked) {
        Para(t, "##sem_name", work_.name, f.heading, c.text, w);
    } else {
        TextField(ui, "##name", "Your name", "Class:name", &work_.name, kMaxStudentName, w, 0.0f, 0, "First and last name");
    }

    if (!a.questions.empty()) {
        Rule(t, w);
        Heading(t, "##sem_predict_h", "Your predictions", 3);
        Para(t, "##sem_predict_p",
             work_.locked ? "Locked. You will see how they compare once each question's year has been run."
                          : "Answer before the first year. Once locked they cannot change.",
             f.small, c.text_muted, w);
        Gap(t, 8);
        for (std::size_t i = 0; i < a.questions.size(); ++i) {
            const Question& q = a.questions[i];
            Prediction& p = work_.predictions[i];
            ImGui::PushID(static_cast<int>(i));
            Para(t, "##sem_q", std::to_string(i + 1) + ". " + ViewQuestionText(a, q), f.label, c.text, w);
            Gap(t, 4);
            if (q.kind == QuestionKind::Choice) {
                std::vector<std::string> names, keys;
                for (std::size_t s = 0; s < a.structures.size(); ++s) {
                    names.push_back(a.structures[s].name);
                    keys.push_back(std::to_string(s));
                }
                const int ch = Segmented(ui, "##choice", "Question " + std::to_string(i + 1), names, p.answered ? p.choice : -1, w,
                                         "Class:predict:" + std::to_string(i) + ":", keys, !work_.locked);
                if (ch >= 0 && !work_.locked) {
                    p.answered = true;
                    p.choice = ch;
                }
            } else {
                const double scale = StyleOf(q.outcome).scale;
                double shown = p.answered ? p.number * scale : 0.0;
                const float fw = std::min(w * 0.5f, t.Dp(180));
                if (work_.locked) {
                    Para(t, "##sem_pred_locked", p.answered ? OutcomeText(q.outcome, p.number) + " " + UnitText(q.outcome) : "not answered", f.body,
                         c.text, w);
                } else {
                    // A text box, not a number box: an empty box is "not answered", and typing 0 answers 0.
                    if (number_text_.size() < a.questions.size()) number_text_.resize(a.questions.size());
                    std::string& text = number_text_[i];
                    const ImGuiID field = ImGui::GetID("##number");
                    if (ImGui::GetActiveID() != field) {
                        char buf[48] = "";
                        if (p.answered) std::snprintf(buf, sizeof buf, "%g", shown);
                        text = buf;
                    }
                    if (TextField(ui, "##number", "Question " + std::to_string(i + 1) + ", in " + UnitText(q.outcome),
                                  "Class:predict:" + std::to_string(i), &text, 32, fw, 0.0f, ImGuiInputTextFlags_CharsScientific,
                                  "your answer")) {
                        char* end = nullptr;
                        const double v = std::strtod(text.c_str(), &end);
                        const bool blank = text.find_first_not_of(" ") == std::string::npos;
                        if (blank) {
                            p.answered = false;
                        } else if (end != text.c_str() && std::isfinite(v)) {
                            p.answered = true;
                            p.choice = -1;
                            p.number = v / scale;
                        }
                    }
                    ImGui::SameLine(0.0f, t.Dp(10));
                    ImGui::AlignTextToFramePadding();
                    ImGui::PushFont(f.body);
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_muted), "%s", UnitText(q.outcome).c_str());
                    ImGui::PopFont();
                }
            }
            Gap(t, 12);
            ImGui::PopID();
        }
    }
    if (!work_.locked) {
        std::string missing;
        if (work_.name.find_first_not_of(' ') == std::string::npos) missing = "Enter your name first.";
        else
            for (std::size_t i = 0; i < work_.predictions.size(); ++i)
                if (!work_.predictions[i].answered) {
                    missing = "Answer question " + std::to_string(i + 1) + " first.";
                    break;
                }
        Gap(t, 4);
        const char* label = a.questions.empty() ? "Start" : "Lock predictions";
        if (Button(t, "##lock", label, Icon::Check, ImVec2(ButtonWidth(t, label, true, true), t.Dp(40)), true, missing.empty()))
            work_.locked = true;
        ui.hooks.RecordLastItem("Class:lock");
        if (!missing.empty()) {
            ImGui::SameLine(0.0f, t.Dp(12));
            ImGui::AlignTextToFramePadding();
            ImGui::PushFont(f.small);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_muted), "%s", missing.c_str());
            ImGui::PopFont();
        }
    }
}

void ClassroomPanel::DrawStudentRight(Ui& ui, const Assignment& a, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const int played = static_cast<int>(work_.decisions.rounds.size());
    const bool finished = played >= a.rounds;
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const std::string kicker = finished ? "ALL YEARS PLAYED" : "YEAR " + std::to_string(played + 1) + " OF " + std::to_string(a.rounds);
        DrawText(dl, f.label, ImGui::GetCursorScreenPos(), c.accent, kicker.c_str());
        ImGui::Dummy(ImVec2(w, FontSize(f.label) + t.Dp(4)));
    }
    const int si = std::clamp(work_.decisions.structure, 0, static_cast<int>(a.structures.size()) - 1);
    Heading(t, "##sem_struct_name", a.structures[static_cast<std::size_t>(si)].name);
    Gap(t, 10);
    if (!work_.locked) {
        Para(t, "##sem_wait_lock",
             a.questions.empty() ? "Enter your name and press Start to play the first year."
                                 : "Enter your name and lock your predictions to play the first year.",
             f.body, c.text_muted, w);
    } else if (!finished) {
        if (a.choose_structure && !work_.structure_chosen) {
            FieldLabel(t, "Your structure", "pick one before the first year");
            std::vector<std::string> names, keys;
            for (std::size_t s = 0; s < a.structures.size(); ++s) {
                names.push_back(a.structures[s].name);
                keys.push_back(std::to_string(s));
            }
            const int s = Segmented(ui, "##structure_pick", "Your structure", names, work_.decisions.structure, w, "Class:structure_pick:", keys);
            if (s >= 0 && s != work_.decisions.structure) {
                work_.decisions.structure = s;
                ResetNext(a);
            }
            Gap(t, 12);
        }
        // This year's levers: the unlocked ones as controls, the locked ones listed.
        const std::string head = "Your decisions for year " + std::to_string(played + 1);
        Heading(t, "##sem_levers_h", head, 3);
        Gap(t, 6);
        if (a.unlocked.empty()) Para(t, "##sem_no_levers", "Every lever is locked in this assignment: run the year as it is.", f.small, c.text_muted, w);
        const float label_w = std::min(w * 0.42f, t.Dp(300));
        const float ctl_w = w - label_w - t.Dp(12);
        for (auto& [id, value] : work_.next) {
            const ParamInfo& info = Info(id);
            ImGui::PushID(static_cast<int>(id));
            const ImVec2 row = ImGui::GetCursorScreenPos();
            const bool changed_now = value != Effective(a, id);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            DrawText(dl, f.label, ImVec2(row.x, row.y + t.Dp(2)), c.text, Ellipsize(f.label, info.label, label_w).c_str());
            DrawText(dl, f.small, ImVec2(row.x, row.y + t.Dp(4) + FontSize(f.label)), changed_now ? c.accent : c.text_faint,
                     Ellipsize(f.small, changed_now ? "changed from " + LeverText(info, Effective(a, id)) : LeverText(info, value), label_w).c_str());
            ImGui::SetCursorScreenPos(ImVec2(row.x + label_w + t.Dp(12), row.y));
            const std::string hook = std::string("Class:set:") + info.key;
            if (info.kind == ParamKind::Bool) {
                if (SwitchRow(ui, "##sw", value != 0.0 ? "Yes" : "No", value != 0.0, hook, info.doc)) value = value != 0.0 ? 0.0 : 1.0;
            } else if (info.kind == ParamKind::Choice) {
                const auto opts = Options(id);
                const int ch = Segmented(ui, "##ch", info.label, opts, static_cast<int>(std::lround(value)), ctl_w, hook + ":", opts);
                if (ch >= 0) value = ch;
            } else if (info.kind == ParamKind::Integer) {
                int iv = static_cast<int>(std::lround(value));
                SemNext().name = info.label;
                if (Slider(t, "##int", &iv, static_cast<int>(info.min), static_cast<int>(info.max), ctl_w)) value = iv;
                ui.hooks.RecordLastItem(hook);
            } else {
                double v = value;
                SemNode& next = SemNext();
                next.name = info.label;
                next.value = LeverText(info, value);
                if (SliderReal(t, "##real", &v, info.min, info.max, ctl_w)) value = ClassLeverValue(id, v);
                ui.hooks.RecordLastItem(hook);
            }
            if (ImGui::IsItemHovered()) Tooltip(t, info.label, info.doc);
            ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + t.Dp(46)));
            ImGui::Dummy(ImVec2(w, 0.0f));
            ImGui::PopID();
        }
        {
            std::string locked;
            for (const ParamInfo& info : ParamTable())
                if (info.group == ParamGroup::Levers && std::find(a.unlocked.begin(), a.unlocked.end(), info.id) == a.unlocked.end())
                    locked += (locked.empty() ? "" : ", ") + std::string(info.label);
            if (!locked.empty()) {
                Gap(t, 2);
                Para(t, "##sem_locked", "Locked: " + locked + ", and the org chart.", f.small, c.text_faint, w);
            }
        }
        Gap(t, 12);
        const std::string label = run_pending_ > 0 ? "Running year " + std::to_string(played + 1) + "..." : "Run year " + std::to_string(played + 1);
        if (Button(t, "##run", label.c_str(), Icon::Play, ImVec2(ButtonWidth(t, label.c_str(), true, true), t.Dp(42)), true,
                   run_pending_ == 0))
            run_pending_ = 2;
        ui.hooks.RecordLastItem("Class:run");
        if (run_pending_ > 0) {
            ImGui::SameLine(0.0f, t.Dp(12));
            ImGui::AlignTextToFramePadding();
            ImGui::PushFont(f.small);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_muted), "%d futures of %d weeks...", a.replications,
                               kWeeksPerRound * (played + 1));
            ImGui::PopFont();
            SemAt("##sem_running", SemRole::Status, "Running year " + std::to_string(played + 1), ImVec2(0, 0), ImVec2(0, 0));
        }
    }

    if (played > 0) {
        Rule(t, w);
        DrawResults(ui, a, w);
        DrawPredictionsAgainst(ui, a, w);
    }

    if (finished) {
        Rule(t, w);
        Heading(t, "##sem_handin_h", "Hand in", 3);
        Gap(t, 6);
        if (!a.reflection.empty()) {
            Para(t, "##sem_reflect_prompt", a.reflection, f.body, c.text, w);
            Gap(t, 4);
            TextField(ui, "##reflection", "Your reflection: " + a.reflection, "Class:reflection", &work_.reflection, 20000, w, t.Dp(110));
            Gap(t, 10);
        }
        const Submission s = MakeSubmission();
        const std::string code = EncodeResultCode(s);
        ui.hooks.Text("class.code", code);
        FieldLabel(t, "Your result code", "paste it where your instructor asks");
        std::string shown = code;
        const float bw = ButtonWidth(t, "Copy code", false, true);
        TextField(ui, "##code", "Your result code", "Class:code", &shown, 4096, w - bw - t.Dp(8), 0.0f,
                  ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
        ImGui::SameLine(0.0f, t.Dp(8));
        if (Button(t, "##copy_code", "Copy code", Icon::None, ImVec2(bw, FontSize(f.body) + t.Dp(14)), true)) {
            services::CopyText(code);
            copy_pending_ = true;
            copy_what_ = "Code";
        }
        ui.hooks.RecordLastItem("Class:copy_code");
        Gap(t, 10);
        const char* save = "Save my submission";
        if (Button(t, "##save_submission", save, Icon::Download, ImVec2(TextSize(f.label, save).x + t.Dp(50), t.Dp(38)), false) && ui.download) {
            const std::string name = FileStem(work_.name) + ".orgsim-submission.json";
            ui.download(name, "application/json", WriteSubmissionFile(s));
            if (ui.notify) ui.notify("Saved " + name, false);
        }
        ui.hooks.RecordLastItem("Class:save_submission");
        Gap(t, 6);
        Para(t, "##sem_handin_p",
             "The code carries your name, predictions, decisions and a fingerprint of your results; your instructor's app runs your "
             "decisions again and checks them. The file also holds your reflection.",
             f.small, c.text_faint, w);
    }
}

void ClassroomPanel::DrawResults(Ui& ui, const Assignment& a, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    (void)a;
    Heading(t, "##sem_results_h", "Your results", 3);
    Para(t, "##sem_results_p", "Mean over the futures, with the range that holds 90% of them.", f.small, c.text_muted, w);
    Gap(t, 8);
    const auto& outs = ClassOutcomes();
    const std::size_t years = work_.results.mean.size();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a0 = ImGui::GetCursorScreenPos();
    const float first = std::min(w * 0.36f, t.Dp(280));
    const float col = (w - first) / static_cast<float>(std::max<std::size_t>(years, 1));
    const float head_h = FontSize(f.label) + t.Dp(12);
    const float row_h = FontSize(f.body) + FontSize(f.small) + t.Dp(14);
    SemPush("##sem_results", SemRole::Table, "Your results by year", a0, ImVec2(a0.x + w, a0.y + head_h + row_h * static_cast<float>(outs.size())));
    SemPush("##sem_results_head", SemRole::Row, "Header");
    DrawText(dl, f.label, ImVec2(a0.x, a0.y + t.Dp(4)), c.text_muted, "Outcome");
    SemAt("##sem_rh0", SemRole::ColumnHeader, "Outcome", a0, ImVec2(a0.x + first, a0.y + head_h));
    for (std::size_t y = 0; y < years; ++y) {
        const std::string h = "Year " + std::to_string(y + 1);
        const float x1 = a0.x + first + col * static_cast<float>(y + 1) - t.Dp(8);
        DrawTextRight(dl, f.label, x1, a0.y + t.Dp(4), c.text_muted, h.c_str());
        ImGui::PushID(static_cast<int>(y));
        SemAt("##sem_rh", SemRole::ColumnHeader, h, ImVec2(x1 - col, a0.y), ImVec2(x1, a0.y + head_h));
        ImGui::PopID();
    }
    SemPop();
    dl->AddLine(ImVec2(a0.x, a0.y + head_h - 1), ImVec2(a0.x + w, a0.y + head_h - 1), c.card_border, 1.0f);
    for (std::size_t k = 0; k < outs.size(); ++k) {
        const SeriesInfo& s = SeriesOf(outs[k]);
        const float y0 = a0.y + head_h + row_h * static_cast<float>(k);
        if (k % 2 == 1) dl->AddRectFilled(ImVec2(a0.x - t.Dp(6), y0), ImVec2(a0.x + w + t.Dp(6), y0 + row_h), Mix(c.card, c.background, 0.45f), t.Dp(4));
        ImGui::PushID(static_cast<int>(k));
        SemPush("##sem_row", SemRole::Row, s.label);
        DrawText(dl, f.body, ImVec2(a0.x, y0 + t.Dp(6)), c.text, Ellipsize(f.body, s.label, first - t.Dp(8)).c_str());
        DrawText(dl, f.small, ImVec2(a0.x, y0 + t.Dp(8) + FontSize(f.body)), c.text_faint, Ellipsize(f.small, UnitText(outs[k]), first - t.Dp(8)).c_str());
        SemAt("##sem_c0", SemRole::Cell, std::string(s.label) + " (" + UnitText(outs[k]) + ")", ImVec2(a0.x, y0), ImVec2(a0.x + first, y0 + row_h));
        for (std::size_t y = 0; y < years; ++y) {
            const float x1 = a0.x + first + col * static_cast<float>(y + 1) - t.Dp(8);
            const std::string mean = OutcomeText(outs[k], work_.results.mean[y][k]);
            const std::string range = OutcomeText(outs[k], work_.results.lo[y][k]) + " \xE2\x80\x93 " + OutcomeText(outs[k], work_.results.hi[y][k]);
            DrawTextRight(dl, f.body, x1, y0 + t.Dp(6), c.text, mean.c_str());
            DrawTextRight(dl, f.small, x1, y0 + t.Dp(8) + FontSize(f.body), c.text_muted, range.c_str());
            ImGui::PushID(static_cast<int>(y));
            SemAt("##sem_c", SemRole::Cell, mean + ", 90% of futures " + range, ImVec2(x1 - col, y0), ImVec2(x1, y0 + row_h));
            ImGui::PopID();
        }
        SemPop();
        ImGui::PopID();
    }
    SemPop();
    ImGui::SetCursorScreenPos(ImVec2(a0.x, a0.y + head_h + row_h * static_cast<float>(outs.size())));
    ImGui::Dummy(ImVec2(w, t.Dp(4)));
}

void ClassroomPanel::DrawPredictionsAgainst(Ui& ui, const Assignment& a, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const int played = static_cast<int>(work_.decisions.rounds.size());
    bool any = false;
    for (std::size_t i = 0; i < a.questions.size(); ++i) {
        const Question& q = a.questions[i];
        if (q.year > played || !student_truth_ || i >= student_truth_->choice.size()) continue;
        if (!any) {
            Gap(t, 14);
            Heading(t, "##sem_vs_h", "Your predictions against the model", 3);
            Para(t, "##sem_vs_p", "The answers are the structures as the instructor set them, with no decisions, over the class's futures.",
                 f.small, c.text_muted, w);
            Gap(t, 6);
            any = true;
        }
        const Prediction& p = work_.predictions[i];
        const double points = ScorePrediction(q, p, *student_truth_, i);
        std::string text = std::to_string(i + 1) + ". ";
        const std::size_t k = static_cast<std::size_t>(std::find(ClassOutcomes().begin(), ClassOutcomes().end(), q.outcome) - ClassOutcomes().begin());
        if (q.kind == QuestionKind::Choice) {
            const int truth = student_truth_->choice[i];
            text += "You predicted " + (p.answered && p.choice >= 0 ? a.structures[static_cast<std::size_t>(p.choice)].name : std::string("nothing")) +
                    "; the model says " + a.structures[static_cast<std::size_t>(truth)].name + " (";
            for (std::size_t s = 0; s < student_truth_->structure_means[i].size(); ++s)
                text += (s ? " vs " : "") + OutcomeText(q.outcome, student_truth_->structure_means[i][s]);
            text += " " + UnitText(q.outcome) + ").";
        } else {
            text += "You predicted " + (p.answered ? OutcomeText(q.outcome, p.number) : std::string("nothing")) + "; the model says " +
                    OutcomeText(q.outcome, student_truth_->number[i]) + " " + UnitText(q.outcome) + ".";
        }
        if (k < ClassOutcomes().size() && static_cast<std::size_t>(q.year) <= work_.results.mean.size())
            text += " Your own run after year " + std::to_string(q.year) + ": " +
                    OutcomeText(q.outcome, work_.results.mean[static_cast<std::size_t>(q.year - 1)][k]) + ".";
        const ImU32 mark = points >= 1.0 ? c.better : points > 0.0 ? c.accent : c.worse;
        ImGui::PushID(static_cast<int>(i));
        const char* verdict = points >= 1.0 ? "Right" : points > 0.0 ? "Close (half marks)" : "Not this time";
        Banner(t, "##sem_vs", std::string(verdict) + kMiddot + text, mark, w);
        ImGui::PopID();
        ui.hooks.Value("class.points." + std::to_string(i), points);
        Gap(t, 4);
    }
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Debrief (instructor)
//-----------------------------------------------------------------------------------------------
const Assignment* ClassroomPanel::DebriefAssignment(const Ui& ui, Assignment& scratch, std::string* source) const {
    if (assignment_) {
        *source = origin_ == "built here" ? "built here" : "opened from " + origin_;
        return &*assignment_;
    }
    scratch = Draft(ui);
    if (!ValidateAssignment(scratch).empty()) return nullptr;
    *source = "being built";
    return &scratch;
}

void ClassroomPanel::StartCheck(Ui& ui, const Assignment& a) {
    queue_.clear();
    errors_ = file_errors_;
    checked_.clear();
    checked_sources_.clear();
    std::istringstream lines(codes_text_);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        CodeResult r = DecodeResultCode(line);
        if (r.submission) queue_.push_back({"line " + std::to_string(n), std::move(*r.submission)});
        else errors_.push_back({"line " + std::to_string(n), r.error});
    }
    for (const Entry& e : files_) queue_.push_back(e);
    if (queue_.size() > static_cast<std::size_t>(kMaxClassSize)) {
        if (ui.notify) ui.notify("Checking the first " + std::to_string(kMaxClassSize) + " of " + std::to_string(queue_.size()) + " submissions", true);
        queue_.resize(static_cast<std::size_t>(kMaxClassSize));
    }
    checking_ = a;
    truth_.reset();
    ResetDashboard();
    next_check_ = 0;
    check_stage_ = 1;
    check_stale_ = false;
}

void ClassroomPanel::StartCheckRuns(Ui& ui, const Assignment& a) {
    std::vector<AnalysisBatch> batches;
    for (const auto& [row, rounds] : check_runs_) {
        const Submission& s = prechecked_[row].submission;
        AnalysisBatch b;
        b.scenarios.push_back(StudentScenario(a, s.name, s.decisions, rounds));
        b.replications = a.replications;
        b.weeks = kWeeksPerRound * rounds;
        b.checkpoint_every = kWeeksPerRound;
        batches.push_back(std::move(b));
    }
    ui.runner.StartAnalysis(kClassAnalysis, std::move(batches), ui.ws.Revision());
}

void ClassroomPanel::CheckSlice(Ui& ui, const Assignment& a) {
    if (check_stage_ == 1) {
        truth_ = ComputeTruth(a);
        // Score every submission and decide what needs no run (another version or assignment,
        // decisions the assignment forbids); the rest are re-simulated together.
        check_runs_.clear();
        prechecked_.clear();
        for (const Entry& e : queue_) {
            int rounds = 0;
            prechecked_.push_back(PrecheckSubmission(a, *truth_, e.submission, &rounds));
            if (rounds > 0) check_runs_.push_back({prechecked_.size() - 1, rounds});
        }
        next_check_ = queue_.size() - check_runs_.size();
        check_progress_ = 0.0;
        check_pool_start_ = ui.runner.PoolResultsMerged();
        check_stage_ = 2;
        if (!check_runs_.empty()) StartCheckRuns(ui, a);
        return;  // one slow step per frame: the progress shows
    }
    if (check_stage_ != 2) return;
    Runner& runner = ui.runner;
    if (!check_runs_.empty()) {
        // Another view's analysis, or a workspace run, replaced ours: start it again.
        if (runner.AnalysisOwner() != kClassAnalysis || runner.AnalysisCancelled() || runner.Analysis().size() != check_runs_.size()) {
            StartCheckRuns(ui, a);
            return;
        }
        check_progress_ = runner.AnalysisProgress();
        if (!runner.AnalysisDone()) return;
        for (std::size_t i = 0; i < check_runs_.size(); ++i) {
            const auto& [row, rounds] = check_runs_[i];
            ConcludeCheck(a, prechecked_[row], RoundResultsOf(*runner.Analysis()[i], rounds));
        }
        check_runs_.clear();
    }
    check_pooled_ = ui.runner.PoolResultsMerged() - check_pool_start_;
    // Every verdict at once: the table and the dashboard show a finished check only.
    checked_ = std::move(prechecked_);
    prechecked_.clear();
    for (const Entry& e : queue_) checked_sources_.push_back(e.source);
    next_check_ = queue_.size();
    check_progress_ = 1.0;
    check_stage_ = 3;
    summary_ = SummariseClass(a, checked_);
}

void ClassroomPanel::DrawDebrief(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    Assignment scratch;
    std::string source;
    const Assignment* a = DebriefAssignment(ui, scratch, &source);
    if (checking_ && (check_stage_ == 1 || check_stage_ == 2)) CheckSlice(ui, *checking_);

    const float gap = t.Dp(16);
    const float lw = std::floor(std::clamp((size.x - gap) * 0.32f, std::min(t.Dp(340), size.x * 0.5f), t.Dp(480)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(24), t.Dp(20)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(4)));
    const TwoCards cards = Split(pos, size, lw, gap);
    if (cards.left) {
    BeginCard("##class_debrief_left", cards.lpos, cards.lsize, true);
    {
        const float w = ImGui::GetContentRegionAvail().x;
        Heading(t, "##sem_debrief_h", "Codes and files");
        Gap(t, 4);
        if (a) {
            Para(t, "##sem_debrief_for", "Checking against \xE2\x80\x9C" + a->title + "\xE2\x80\x9D (" + source + ", fingerprint " +
                                             FingerprintHex(AssignmentFingerprint(*a)) + ").",
                 f.small, c.text_muted, w);
            if (assignment_) {
                Assignment d = Draft(ui);
                if (ValidateAssignment(d).empty() && AssignmentFingerprint(d) != fingerprint_) {
                    Gap(t, 4);
                    const char* use = "Use the assignment being built";
                    if (Button(t, "##use_draft", use, Icon::None, ImVec2(TextSize(f.label, use).x + t.Dp(30), t.Dp(32)), false)) {
                        assignment_.reset();
                        check_stale_ = true;
                    }
                    ui.hooks.RecordLastItem("Class:use_draft");
                }
            }
        } else {
            Banner(t, "##sem_debrief_none",
                   "Open the assignment first: its link or file, or build it again in Build (the same settings give the same assignment).",
                   c.danger, w);
        }
        Gap(t, 10);
        FieldLabel(t, "Result codes", "one per line");
        if (TextField(ui, "##codes", "Result codes, one per line", "Class:codes", &codes_text_, 400000, w, t.Dp(230),
                      ImGuiInputTextFlags_None))
            check_stale_ = true;
        {
            int lines = 0;
            std::istringstream in(codes_text_);
            for (std::string l; std::getline(in, l);) lines += l.find_first_not_of(" \t\r") != std::string::npos ? 1 : 0;
            ui.hooks.Value("class.debrief.pasted_lines", lines);
        }
        Gap(t, 6);
        Para(t, "##sem_files_p",
             files_.empty() ? "Submission files: open or drop them on the page (Open in the header)."
                            : Plural(files_.size(), "submission file", "submission files") + " opened.",
             f.small, c.text_muted, w);
        for (std::size_t i = 0; i < files_.size() && i < 8; ++i) {
            ImGui::PushID(static_cast<int>(i));
            Para(t, "##sem_file", files_[i].source + kMiddot + files_[i].submission.name, f.small, c.text, w);
            ImGui::PopID();
        }
        if (files_.size() > 8) Para(t, "##sem_files_more", "and " + std::to_string(files_.size() - 8) + " more", f.small, c.text_faint, w);
        Gap(t, 12);
        const bool busy = check_stage_ == 1 || check_stage_ == 2;
        const bool has_input = codes_text_.find_first_not_of(" \t\r\n") != std::string::npos || !files_.empty();
        if (Button(t, "##check", busy ? "Checking..." : "Check", Icon::Check, ImVec2(ButtonWidth(t, "Checking...", true, true), t.Dp(40)), true, a && has_input && !busy))
            StartCheck(ui, *a);
        ui.hooks.RecordLastItem("Class:check");
        ImGui::SameLine(0.0f, t.Dp(8));
        if (Button(t, "##clear", "Clear", Icon::None, ImVec2(t.Dp(90), t.Dp(40)), false, !busy && (has_input || !checked_.empty()))) {
            codes_text_.clear();
            files_.clear();
            file_errors_.clear();
            errors_.clear();
            checked_.clear();
            checked_sources_.clear();
            check_stage_ = 0;
            ResetDashboard();
        }
        ui.hooks.RecordLastItem("Class:clear");
        if (busy) {
            Gap(t, 10);
            // The runs' share of the work done, plus the submissions that needed none.
            const std::size_t done = check_stage_ == 1 ? 0
                                                       : next_check_ + static_cast<std::size_t>(std::floor(check_progress_ *
                                                                                                           static_cast<double>(check_runs_.size())));
            const float frac = check_stage_ == 1 ? 0.02f : static_cast<float>(done) / static_cast<float>(std::max<std::size_t>(queue_.size(), 1));
            const ImVec2 p = ImGui::GetCursorScreenPos();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p, ImVec2(p.x + w, p.y + t.Dp(6)), c.track, t.Dp(3));
            dl->AddRectFilled(p, ImVec2(p.x + w * std::max(frac, 0.02f), p.y + t.Dp(6)), c.accent, t.Dp(3));
            ImGui::Dummy(ImVec2(w, t.Dp(10)));
            const std::string status = check_stage_ == 1 ? "Working out the answers..."
                                                         : "Re-running " + std::to_string(done) + " of " + std::to_string(queue_.size()) + "...";
            Para(t, "##sem_check_status", status, f.small, c.text_muted, w);
            SemAt("##sem_check_live", SemRole::Status, status, ImVec2(0, 0), ImVec2(0, 0));
        }
        if (!errors_.empty()) {
            Gap(t, 12);
            Heading(t, "##sem_errors_h", Plural(errors_.size(), "code could not be read", "codes could not be read"), 3);
            Gap(t, 4);
            for (std::size_t i = 0; i < errors_.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                Banner(t, "##sem_err", errors_[i].source + ": " + errors_[i].error, c.danger, w);
                ImGui::PopID();
                ui.hooks.Text("class.debrief.error." + std::to_string(i), errors_[i].source + ": " + errors_[i].error);
            }
        }
    }
    EndCard();
    }  // the left card

    // ---- The table.
    if (cards.right) {
    BeginCard("##class_debrief_right", cards.rpos, cards.rsize, false);
    {
        const float w = ImGui::GetContentRegionAvail().x;
        int verified = 0, not_verified = 0, other = 0;
        for (const Checked& ch : checked_) {
            if (ch.verdict == Verdict::Verified) ++verified;
            else if (ch.verdict == Verdict::OtherModel) ++other;
            else ++not_verified;
        }
        Heading(t, "##sem_table_h", "The class");
        Gap(t, 4);
        const std::string summary = checked_.empty() && check_stage_ == 0
                                        ? "Paste the codes (or open the files) and press Check: each is re-run and its outcomes compared."
                                        : std::to_string(verified) + " verified, " + std::to_string(not_verified) + " not verified, " +
                                              std::to_string(other) + " other version" +
                                              (errors_.empty() ? std::string() : ", " + Plural(errors_.size(), "unreadable code", "unreadable codes"));
        Para(t, "##sem_summary", summary, checked_.empty() ? f.body : f.heading, checked_.empty() ? c.text_muted : c.text, w);
        if (check_stale_ && !checked_.empty()) Para(t, "##sem_stale", "The codes changed since this check: press Check again.", f.small, c.worse, w);
        ui.hooks.Value("class.debrief.verified", verified);
        ui.hooks.Value("class.debrief.not_verified", not_verified);
        ui.hooks.Value("class.debrief.other_version", other);
        ui.hooks.Value("class.debrief.rows", static_cast<double>(checked_.size()));
        ui.hooks.Value("class.debrief.errors", static_cast<double>(errors_.size()));
        ui.hooks.Value("class.debrief.done", check_stage_ == 3 ? 1 : 0);
        ui.hooks.Value("class.debrief.pooled", static_cast<double>(check_pooled_));
        ui.hooks.Text("class.debrief.summary", summary);
        Gap(t, 8);
        const bool can_csv = check_stage_ == 3 && checking_ && truth_;
        const char* csv = "Export gradebook CSV";
        if (Button(t, "##csv", csv, Icon::Download, ImVec2(TextSize(f.label, csv).x + t.Dp(50), t.Dp(36)), false, can_csv) && ui.download) {
            const std::string name = FileStem(checking_->title) + "-gradebook.csv";
            ui.download(name, "text/csv", GradebookCsv(*checking_, *truth_, checked_));
            if (ui.notify) ui.notify("Exported " + Plural(checked_.size(), "row", "rows") + " to " + name, false);
        }
        ui.hooks.RecordLastItem("Class:csv");
        if (summary_ && checking_ && truth_) {
            ImGui::SameLine(0.0f, t.Dp(12));
            const float sw = std::min(t.Dp(260), std::max(t.Dp(160), w - ImGui::GetCursorPosX()));
            ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - sw));
            const int tab = Segmented(ui, "##debrief_tab", "Show", {"Dashboard", "Table"}, debrief_tab_, sw, "Class:debrief:", {"dashboard", "table"});
            if (tab >= 0) debrief_tab_ = tab;
        }
        ui.hooks.Text("class.debrief.tab", debrief_tab_ == 0 ? "dashboard" : "table");
        for (std::size_t r = 0; r < checked_.size(); ++r) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.4f", checked_[r].score);
            ui.hooks.Text("class.debrief.row." + std::to_string(r), checked_[r].submission.name + "|" + VerdictLabel(checked_[r].verdict) + "|" + buf);
        }
        Gap(t, 10);

        if (summary_ && checking_ && truth_ && debrief_tab_ == 0) {
            ImGui::BeginChild("##class_dashboard", ImGui::GetContentRegionAvail(), false);
            DrawDashboard(ui, ImGui::GetContentRegionAvail().x - t.Dp(8));
            ImGui::EndChild();
        } else if (!checked_.empty() && checking_) {
            const Assignment& ca = *checking_;
            const auto& outs = ClassOutcomes();
            const int cols = 5 + static_cast<int>(outs.size());
            const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                          ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
            const ImVec2 avail = ImGui::GetContentRegionAvail();
            ImGui::PushFont(f.body);
            ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(t.Dp(10), t.Dp(8)));
            ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ImGui::ColorConvertU32ToFloat4(Mix(c.card, c.background, 0.45f)));
            ImGui::PushStyleColor(ImGuiCol_TableRowBg, ImGui::ColorConvertU32ToFloat4(c.card));
            ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ImGui::ColorConvertU32ToFloat4(c.card));
            ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ImGui::ColorConvertU32ToFloat4(c.card_border));
            const ImVec2 ta = ImGui::GetCursorScreenPos();
            SemPush("##sem_class_table", SemRole::Table, "Checked submissions", ta, ImVec2(ta.x + avail.x, ta.y + avail.y));
            if (ImGui::BeginTable("##class_table", cols, flags, avail)) {
                ImGui::TableSetupScrollFreeze(1, 1);
                ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthFixed, t.Dp(150));
                ImGui::TableSetupColumn("Verdict", ImGuiTableColumnFlags_WidthFixed, t.Dp(130));
                ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthFixed, t.Dp(60));
                ImGui::TableSetupColumn("Structure", ImGuiTableColumnFlags_WidthFixed, t.Dp(230));
                ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, t.Dp(90));
                for (SeriesId o : outs) ImGui::TableSetupColumn(SeriesOf(o).label, ImGuiTableColumnFlags_WidthFixed, t.Dp(120));
                ImGui::PushFont(f.label);
                ImGui::TableHeadersRow();
                ImGui::PopFont();
                for (std::size_t r = 0; r < checked_.size(); ++r) {
                    const Checked& ch = checked_[r];
                    const Submission& s = ch.submission;
                    ImGui::TableNextRow();
                    ImGui::PushID(static_cast<int>(r));
                    SemPush("##sem_row", SemRole::Row, s.name);
                    auto cell = [&](int column, const std::string& text, ImU32 colour, const char* sem_id) {
                        ImGui::TableSetColumnIndex(column);
                        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
                        ImGui::TextUnformatted(text.c_str());
                        ImGui::PopStyleColor();
                        SemAt(sem_id, SemRole::Cell, text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
                    };
                    cell(0, s.name, c.text, "##c0");
                    const bool ok = ch.verdict == Verdict::Verified;
                    const std::string word = ok ? "Verified" : ch.verdict == Verdict::OtherModel ? "Other version" : "Not verified";
                    cell(1, word, ok ? c.better : ch.verdict == Verdict::OtherModel ? c.text_muted : c.worse, "##c1");
                    if (ImGui::IsItemHovered())
                        Tooltip(t, VerdictLabel(ch.verdict), ch.detail.empty() ? std::string("Re-running the decisions gives the same outcomes.") : ch.detail);
                    char score[32];
                    std::snprintf(score, sizeof score, "%.0f%%", ch.score * 100.0);
                    cell(2, ca.questions.empty() ? std::string(kEmDash) : std::string(score), c.text, "##c2");
                    const int st = s.decisions.structure;
                    cell(3, st >= 0 && st < static_cast<int>(ca.structures.size()) ? ca.structures[static_cast<std::size_t>(st)].name : "?", c.text_muted,
                         "##c3");
                    cell(4, r < checked_sources_.size() ? checked_sources_[r] : "", c.text_faint, "##c4");
                    for (std::size_t k = 0; k < outs.size(); ++k) {
                        ImGui::PushID(static_cast<int>(k));
                        cell(5 + static_cast<int>(k), ch.results.mean.empty() ? std::string(kEmDash) : OutcomeText(outs[k], ch.results.mean.back()[k]),
                             c.text, "##ck");
                        ImGui::PopID();
                    }
                    SemPop();
                    ImGui::PopID();
                }
                ImGui::EndTable();
            }
            SemPop();
            ImGui::PopStyleColor(4);
            ImGui::PopStyleVar();
            ImGui::PopFont();
        }
    }
    EndCard();
    }  // the right card
    ImGui::PopStyleVar(2);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] The class dashboard, "Why?" and the debrief deck
//-----------------------------------------------------------------------------------------------
void ClassroomPanel::ResetDashboard() {
    summary_.reset();
    why_.reset();
    why_result_.reset();
    why_best_ = why_median_ = -1;
}

void ClassroomPanel::StartWhy() {
    why_.reset();
    why_result_.reset();
    if (!summary_ || !checking_) return;
    const Standing st = BestAndMedian(*summary_, dash_outcome_);
    if (st.best < 0 || st.best == st.median) return;
    const Assignment& a = *checking_;
    const Submission& best = checked_[static_cast<std::size_t>(st.best)].submission;
    const Submission& median = checked_[static_cast<std::size_t>(st.median)].submission;
    // The median's decisions (A) against the best's (B), both in A's futures (common random numbers).
    const Scenario sa = StudentScenario(a, median.name, median.decisions, a.rounds);
    const Scenario sb = StudentScenario(a, best.name, best.decisions, a.rounds);
    why_ = std::make_unique<Explainer>(sa, sb, std::vector<SeriesId>{dash_outcome_}, a.replications, sa.horizon_weeks);
    why_outcome_ = dash_outcome_;
    why_best_ = st.best;
    why_median_ = st.median;
}

void ClassroomPanel::WhySlice() {
    if (!why_ || why_result_) return;
    if (!why_->Error().empty()) {
        why_result_ = why_->Result();
        return;
    }
    const double t0 = NowMs();
    while (why_->RunSlice(kWeeksPerRound) && NowMs() - t0 < kWhySliceMs) {
    }
    if (why_->Done()) why_result_ = why_->Result();
}

void ClassroomPanel::DrawWhy(Ui& ui, float w, bool tall) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    WhySlice();
    const Standing st = summary_ ? BestAndMedian(*summary_, dash_outcome_) : Standing{};
    const bool current = why_ && why_outcome_ == dash_outcome_ && why_best_ == st.best && why_median_ == st.median;
    if (!current) {
        if (st.best < 0 || st.best == st.median) {
            Para(t, "##sem_why_none", "Two students must finish every round before their decisions can be compared.", f.body, c.text_muted, w);
            return;
        }
        const Submission& best = checked_[static_cast<std::size_t>(st.best)].submission;
        const Submission& median = checked_[static_cast<std::size_t>(st.median)].submission;
        if (best.decisions == median.decisions) {
            Para(t, "##sem_why_same",
                 checking_ && checking_->seed_per_student
                     ? "The best and the median made the same decisions: the difference between them is chance (each student has their own futures)."
                     : "The best and the median made the same decisions, so they have the same results: there is no difference to explain.",
                 f.body, c.text_muted, w);
            ui.hooks.Value("class.dash.why.same", 1);
            return;
        }
        Para(t, "##sem_why_intro",
             "Why did the best do better than the median? The model re-runs the median student's futures with each of the best's "
             "decisions in turn, in every combination, and shares out the difference (Shapley values).",
             tall ? f.body : f.small, c.text_muted, w);
        Gap(t, 6);
        const char* label = "Explain the difference";
        if (Button(t, "##why_start", label, Icon::None, ImVec2(TextSize(f.label, label).x + t.Dp(30), t.Dp(36)), false)) StartWhy();
        ui.hooks.RecordLastItem("Class:why");
        ui.hooks.Value("class.dash.why.done", 0);
        return;
    }
    if (!why_result_) {
        const float frac = static_cast<float>(why_->Progress());
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + w, p.y + t.Dp(6)), c.track, t.Dp(3));
        dl->AddRectFilled(p, ImVec2(p.x + w * std::max(frac, 0.02f), p.y + t.Dp(6)), c.accent, t.Dp(3));
        ImGui::Dummy(ImVec2(w, t.Dp(10)));
        const std::string status = "Re-running " + std::to_string(why_->Runs()) + " futures: " + std::to_string(static_cast<int>(frac * 100.0f)) + "%";
        Para(t, "##sem_why_status", status, f.small, c.text_muted, w);
        ui.hooks.Value("class.dash.why.done", 0);
        return;
    }
    const Explanation& ex = *why_result_;
    if (!ex.error.empty() || ex.outcomes.empty()) {
        Banner(t, "##sem_why_error", "The difference could not be explained: " + ex.error, c.danger, w);
        return;
    }
    const OutcomeExplanation& o = ex.outcomes[0];
    const std::string& best = checked_[static_cast<std::size_t>(why_best_)].submission.name;
    const std::string& median = checked_[static_cast<std::size_t>(why_median_)].submission.name;
    const SeriesInfo& info = SeriesTable()[static_cast<std::size_t>(why_outcome_)];
    Para(t, "##sem_why_total",
         std::string(info.label) + ": " + median + " " + FormatOutcome(why_outcome_, o.a_mean) + ", " + best + " " + FormatOutcome(why_outcome_, o.b_mean) +
             " in the same futures (" + std::to_string(ex.replications) + " replications); the bars sum to the difference.",
         tall ? f.body : f.small, c.text_muted, w);
    Gap(t, 6);
    // A bar per difference in decisions, from a zero line, with its 90% interval.
    double span = std::fabs(o.total);
    for (const FactorEffect& e : o.factors) span = std::max({span, std::fabs(e.lo), std::fabs(e.hi), std::fabs(e.shapley)});
    if (span <= 0.0) span = 1.0;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = tall ? f.body : f.small;
    const float label_w = std::floor(w * 0.46f), value_w = t.Dp(tall ? 150 : 110);
    const float bar_w = std::max(t.Dp(60), w - label_w - value_w);
    const float row = std::max(FontSize(font) * 2.0f + t.Dp(10), t.Dp(tall ? 52 : 40));
    const float zero = label_w + bar_w * 0.5f;
    const float scale = (bar_w * 0.5f - t.Dp(4)) / static_cast<float>(span);
    const bool higher = info.higher_is_better;
    auto draw_row = [&](const std::string& name, double value, double lo, double hi, bool total, int i) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const std::string nm = name;
        dl->AddText(font, FontSize(font), ImVec2(p.x, p.y + t.Dp(4)), total ? c.text : c.text, nm.c_str(), nullptr, label_w - t.Dp(12));
        const float zx = p.x + zero, cy = p.y + row * 0.5f;
        const ImU32 col = value == 0.0 ? c.text_faint : ((value > 0.0) == higher ? c.better : c.worse);
        dl->AddLine(ImVec2(zx, p.y + t.Dp(2)), ImVec2(zx, p.y + row - t.Dp(2)), c.axis, 1.0f);
        const float x1 = zx + static_cast<float>(value) * scale;
        dl->AddRectFilled(ImVec2(std::min(zx, x1), cy - t.Dp(total ? 9 : 7)), ImVec2(std::max(zx, x1), cy + t.Dp(total ? 9 : 7)), col, t.Dp(2));
        dl->AddLine(ImVec2(zx + static_cast<float>(lo) * scale, cy), ImVec2(zx + static_cast<float>(hi) * scale, cy), c.text, t.Dp(1.5f));
        char sign[8];
        std::snprintf(sign, sizeof sign, "%s", value > 0.0 ? "+" : "");
        const std::string v = sign + FormatOutcome(why_outcome_, value);
        DrawText(dl, font, ImVec2(p.x + label_w + bar_w + t.Dp(10), cy - FontSize(font) * 0.5f), total ? c.text : c.text_muted, v.c_str());
        ImGui::PushID(i);
        SemAt("##sem_why_bar", SemRole::Text,
              name + ": " + v + " (90% interval " + FormatOutcome(why_outcome_, lo) + " to " + FormatOutcome(why_outcome_, hi) + ")", p,
              ImVec2(p.x + w, p.y + row));
        ImGui::PopID();
        ImGui::Dummy(ImVec2(w, row));
    };
    for (std::size_t i = 0; i < o.factors.size() && i < ex.factors.size(); ++i)
        draw_row(ex.factors[i].name, o.factors[i].shapley, o.factors[i].lo, o.factors[i].hi, false, static_cast<int>(i));
    draw_row("Difference, " + median + " to " + best, o.total, o.total_lo, o.total_hi, true, 99);
    Gap(t, 4);
    const char* dir = higher ? "Bars to the right raise it (better)." : "Bars to the right raise it (worse).";
    Para(t, "##sem_why_dir", std::string("Lines: 90% intervals. ") + dir, f.small, c.text_faint, w);
    for (std::size_t i = 0; i < o.sentences.size() && i < 3; ++i) {
        ImGui::PushID(static_cast<int>(i));
        Para(t, "##sem_why_sentence", o.sentences[i], font, c.text, w);
        ImGui::PopID();
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", o.total);
    ui.hooks.Text("class.dash.why.total", buf);
    double sum = 0.0;
    for (const FactorEffect& e : o.factors) sum += e.shapley;
    std::snprintf(buf, sizeof buf, "%.6g", sum);
    ui.hooks.Text("class.dash.why.sum", buf);
    ui.hooks.Value("class.dash.why.factors", static_cast<double>(o.factors.size()));
    ui.hooks.Value("class.dash.why.done", 1);
}

void ClassroomPanel::DrawDashboard(Ui& ui, float w) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    const Assignment& a = *checking_;
    const ClassView v{a, *truth_, checked_, *summary_};
    const ClassSummary& sum = *summary_;
    ui.hooks.Value("class.dash.students", static_cast<double>(sum.rows.size()));
    ui.hooks.Value("class.dash.finished", static_cast<double>(sum.finished.size()));
    if (sum.rows.empty()) {
        Para(t, "##sem_dash_empty", "No code was verified: the dashboard counts verified work only.", f.body, c.text_muted, w);
        return;
    }
    // ---- Predictions against the truth.
    if (!a.questions.empty()) {
        Heading(t, "##sem_dash_pred", "Predictions against the model");
        Gap(t, 6);
        for (std::size_t q = 0; q < a.questions.size(); ++q) {
            ImGui::PushID(static_cast<int>(q));
            Heading(t, "##sem_dash_q", "Q" + std::to_string(q + 1) + ". " + ViewQuestionText(a, a.questions[q]), 3);
            Gap(t, 4);
            DrawQuestionChart(ui, v, q, w);
            Gap(t, 14);
            ImGui::PopID();
            const auto& qs = sum.questions[q];
            ui.hooks.Value("class.dash.q" + std::to_string(q) + ".right", qs.right);
            ui.hooks.Value("class.dash.q" + std::to_string(q) + ".answered", qs.answered);
        }
        Rule(t, w);
        Gap(t, 12);
    }
    // ---- Decisions by round.
    Heading(t, "##sem_dash_dec", "Decisions by year");
    Para(t, "##sem_dash_dec_p", "What the verified students had in force each year; the bar is the share who changed it that year.", f.small,
         c.text_muted, w);
    Gap(t, 6);
    DrawDecisionsByRound(ui, v, w);
    Rule(t, w);
    Gap(t, 12);
    // ---- Where each student ended.
    {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string pre = "Where the class ended: ";
        ImGui::PushFont(f.heading);
        ImGui::TextUnformatted(pre.c_str());
        ImGui::PopFont();
        SemNode h;
        h.level = 2;
        SemAt("##sem_dash_end", SemRole::Heading, pre + SeriesTable()[static_cast<std::size_t>(dash_outcome_)].label, at,
              ImVec2(at.x + w, at.y + FontSize(f.heading)), h);
        const ImVec2 after(at.x + TextSize(f.heading, pre.c_str()).x, at.y);
        OutcomeMenu(t, ui.hooks, after, &dash_outcome_, "Class:dash_outcome", "Class:dash_outcome:", &ClassOutcomes());
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + FontSize(f.heading) + t.Dp(4)));
        Para(t, "##sem_dash_end_p",
             "After year " + std::to_string(a.rounds) + ", the mean of " + std::to_string(a.replications) +
                 " replications for each student who played every year; a dot per student.",
             f.small, c.text_muted, w);
        Gap(t, 6);
        DrawOutcomeStrip(ui, v, dash_outcome_, w, t.Dp(90));
        Gap(t, 14);
        const Standing st = BestAndMedian(sum, dash_outcome_);
        ui.hooks.Text("class.dash.outcome", SeriesTable()[static_cast<std::size_t>(dash_outcome_)].key);
        ui.hooks.Text("class.dash.best", st.best >= 0 ? checked_[static_cast<std::size_t>(st.best)].submission.name : "");
        ui.hooks.Text("class.dash.median", st.median >= 0 ? checked_[static_cast<std::size_t>(st.median)].submission.name : "");
    }
    Rule(t, w);
    Gap(t, 12);
    // ---- The best and the median.
    Heading(t, "##sem_dash_bm", "The best and the median, side by side");
    Gap(t, 6);
    DrawBestAndMedian(ui, v, dash_outcome_, w);
    Gap(t, 14);
    Heading(t, "##sem_dash_why", "Why?", 3);
    Gap(t, 4);
    DrawWhy(ui, w, false);
    Gap(t, 20);
}

int ClassroomPanel::DeckSlides() const { return summary_ && checking_ && truth_ && !summary_->rows.empty() ? 4 : 0; }

std::string ClassroomPanel::DeckTitle(int slide) const {
    static const char* kTitles[] = {"What the class predicted", "Where the class ended", "What the best did differently", "The model's explanation"};
    return slide >= 0 && slide < 4 ? kTitles[slide] : "";
}

void ClassroomPanel::DrawDeck(Ui& ui, int slide, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& c = t.Colours();
    const Fonts& f = t.GetFonts();
    if (DeckSlides() == 0) return;
    const Assignment& a = *checking_;
    const ClassView v{a, *truth_, checked_, *summary_};
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(48), t.Dp(32)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.Dp(8), t.Dp(6)));
    BeginCard("##class_deck", pos, size, true);
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(f.title);
    ImGui::TextUnformatted(DeckTitle(slide).c_str());
    ImGui::PopFont();
    SemNode h;
    h.level = 1;
    SemAt("##sem_deck_title", SemRole::Heading, DeckTitle(slide), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), h);
    Para(t, "##sem_deck_sub",
         a.title + kMiddot + Plural(summary_->rows.size(), "verified student", "verified students") + kMiddot +
             Plural(static_cast<std::size_t>(a.rounds), "budget year", "budget years"),
         f.body, c.text_muted, w);
    Gap(t, 16);
    switch (slide) {
        case 0:
            if (a.questions.empty()) Para(t, "##sem_deck_noq", "This assignment asked no predictions.", f.heading, c.text_muted, w);
            for (std::size_t q = 0; q < a.questions.size(); ++q) {
                ImGui::PushID(static_cast<int>(q));
                Heading(t, "##sem_deck_q", "Q" + std::to_string(q + 1) + ". " + ViewQuestionText(a, a.questions[q]), 2);
                Gap(t, 6);
                DrawQuestionChart(ui, v, q, w, a.questions.size() == 1);
                Gap(t, 20);
                ImGui::PopID();
            }
            break;
        case 1:
            Para(t, "##sem_deck_end",
                 std::string(SeriesTable()[static_cast<std::size_t>(dash_outcome_)].label) + " after year " + std::to_string(a.rounds) +
                     ": a dot per student who played every year.",
                 f.heading, c.text, w);
            Gap(t, 12);
            DrawOutcomeStrip(ui, v, dash_outcome_, w, std::max(t.Dp(140), size.y * 0.4f));
            break;
        case 2: DrawBestAndMedian(ui, v, dash_outcome_, w); break;
        case 3: DrawWhy(ui, w, true); break;
        default: break;
    }
    EndCard();
    ImGui::PopStyleVar(2);
}

}  // namespace orgsim::ui
