// semantics.h: what the app's canvas shows, told to assistive technology (issue 12). The whole app
// is pixels on one canvas, which a screen reader cannot read and a keyboard cannot reach. As Flutter
// does on the web, every frame the widgets the app draws publish a node each (role, name, value,
// state, rectangle); the page (web/a11y.js) mirrors the nodes into positioned, real DOM elements with
// ARIA roles and labels, updated only when something changed. A DOM element that is activated
// (screen reader, switch device, voice control, Enter or Space) sends an action back, and the widget
// performs the same command as a click. Focus is one: the DOM element that has focus is the app's
// focused widget, and a widget the user clicks takes the DOM focus.
//
// Standard C++ only (no ImGui): the tree, its JSON and the action queue are unit-tested; the ImGui
// glue (keys are ImGui item ids, rectangles come from the last item) is in web/widgets.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace orgsim::ui {

/// WAI-ARIA roles the app's widgets take (a subset of WAI-ARIA 1.2).
enum class SemRole : std::uint8_t {
    Button,      ///< a command
    Toggle,      ///< a button that stays on or off (aria-pressed)
    Switch,      ///< an on/off setting (role switch, aria-checked)
    Radio,       ///< one choice of a RadioGroup (aria-checked)
    RadioGroup,  ///< container of Radio
    Slider,      ///< a number in a range (min, max, step, value, value text with its unit)
    TextBox,     ///< a text or number field
    ComboBox,    ///< a button that opens a list of choices
    ListBox,     ///< container of Option
    Option,      ///< one choice of a ListBox (aria-selected)
    TabList,     ///< container of Tab
    Tab,         ///< one view or page of a TabList (aria-selected)
    Heading,     ///< a title (level 1..6)
    Text,        ///< a paragraph or a number shown as text
    Link,        ///< goes somewhere (another view, a section of the model's documentation)
    Image,       ///< a chart: its name is the title and a text summary (key numbers, intervals)
    Table,       ///< a data table (of a chart, of the comparison); container of Row
    Row,         ///< container of Cell and ColumnHeader
    ColumnHeader,
    Cell,
    Tree,        ///< the org chart; container of TreeItem
    TreeItem,    ///< a unit (level = depth + 1, aria-selected, aria-expanded)
    Dialog,      ///< a modal card (aria-modal)
    Group,       ///< a named group of controls
    Toolbar,     ///< a row of commands (the page orders its items left to right)
    Menu,        ///< a popup list of commands; container of MenuItem
    MenuItem,    ///< one command of a Menu
    Status,      ///< a polite live region (toasts, run progress)
    Alert,       ///< an assertive live region (errors)
};

/// The ARIA role name ("button", "switch", ...); Toggle is "button" (with aria-pressed).
const char* RoleName(SemRole role);
/// True for roles a user can operate (they get a tab stop or a place in their group's roving focus).
bool RoleIsInteractive(SemRole role);
/// True for roles that hold other nodes.
bool RoleIsContainer(SemRole role);

/// One node of the tree.
struct SemNode {
    std::uint32_t key = 0;      ///< stable from frame to frame (the widget's ImGui id); never 0
    SemRole role = SemRole::Text;
    std::string name;           ///< accessible name (aria-label, or the text of Text and Heading)
    std::string value;          ///< value text: a slider's "12% of budget", a text box's content
    std::string description;    ///< longer help (aria-description), e.g. a lever's tooltip
    float x = 0, y = 0, w = 0, h = 0;  ///< rectangle, logical (CSS) pixels
    double min = 0, max = 0, now = 0, step = 0;  ///< Slider: range, value and keyboard step
    int level = 0;              ///< Heading 1..6; TreeItem depth + 1
    bool disabled = false;
    bool on = false;            ///< Toggle: pressed; Switch/Radio: checked; Tab/Option/TreeItem: selected
    int expanded = -1;          ///< ComboBox/TreeItem: -1 not expandable, 0 collapsed, 1 expanded
    std::string shortcut;       ///< aria-keyshortcuts, e.g. "Control+Z"
    int parent = -1;            ///< index of the containing node in this frame's list; -1 = top level
};

/// What the page asks a node to do.
enum class SemActionKind : int {
    Activate = 1,  ///< click (buttons, tabs, options, tree items, links); a text box starts editing
    SetValue = 2,  ///< a slider's new value (its own units, between min and max)
    Focus = 3,     ///< the node took the DOM focus (the app scrolls it into view)
    Blur = 4,      ///< the DOM focus left the app's nodes
};

struct SemAction {
    std::uint32_t key = 0;
    SemActionKind kind = SemActionKind::Activate;
    double value = 0.0;
};

/// The tree of one frame, the last published tree, and the actions waiting for their widgets.
class Semantics {
public:
    /// Start a frame: forget this frame's nodes (the last published tree stays for Published()).
    void BeginFrame();
    /// Add a node (inside the open container, if any); returns its index. A node whose key is
    /// already in this frame is ignored (returns -1): the first one drawn wins.
    int Add(SemNode node);
    /// Open a container: nodes added until Pop() are its children.
    int Push(SemNode node);
    void Pop();
    /// Fields set here apply to the next node a widget adds (name, description, value, role,
    /// range and step), then are cleared; panels use it to name widgets drawn by shared code.
    SemNode& Next() {
        next_set_ = true;
        return next_;
    }
    /// The role of the next node (e.g. a ToggleButton drawn as a Tab).
    void NextRole(SemRole role) {
        next_set_ = true;
        next_role_set_ = true;
        next_.role = role;
    }
    bool NextRoleSet() const { return next_role_set_; }
    /// Merge Next() into a node a widget is about to add (non-empty texts, a range with max > min,
    /// a step > 0, a level > 0, the role if NextRole() was called), then clear Next().
    void ApplyNext(SemNode& node);

    /// The page's actions (orgsim_a11y_action). Pending until the frame after next.
    void Post(SemAction action);
    bool HasPending() const { return !pending_.empty(); }
    /// Take this frame's action of a kind for a key (true once per action).
    bool Take(std::uint32_t key, SemActionKind kind, double* value = nullptr);
    /// The pending actions (the ImGui glue activates plain ImGui items itself).
    std::vector<SemAction>& Pending() { return pending_; }

    /// The key that has the DOM focus (0 = none).
    std::uint32_t Focused() const { return focused_; }
    /// Move the DOM focus to a node: a dialog, menu or list that opened (the keyboard goes on inside
    /// it), or (pointer = true) a widget the user clicked, whose element then leaves keys other than
    /// Tab to the app, so its shortcuts keep working after a click.
    void RequestFocus(std::uint32_t key, bool pointer = false) {
        focus_request_ = key;
        focus_pointer_ = pointer;
        blur_request_ = false;
    }
    /// Take the DOM focus off the app's elements (the mouse pressed a widget that has none, e.g. a
    /// text field of a panel that does not publish it, or the background): keys then go to the app.
    void ClearFocus() {
        focus_request_ = 0;
        blur_request_ = true;
    }

    /// End the frame: drops actions no widget took (their widget is gone); when the tree differs from
    /// the last published one, or focus is requested, writes the JSON the page mirrors into *json and
    /// returns true.
    bool EndFrame(std::string* json);

    const std::vector<SemNode>& Nodes() const { return nodes_; }
    /// Index of a key in this frame's nodes (-1: none).
    int Find(std::uint32_t key) const;

    /// The JSON of a list of nodes (and a focus request, 0 = none):
    /// {"focus":k,"pointer":0|1,"blur":0|1,"nodes":[{...},...]}.
    static std::string ToJson(const std::vector<SemNode>& nodes, std::uint32_t focus, bool pointer = false, bool blur = false);

private:
    std::vector<SemNode> nodes_;
    std::vector<int> stack_;
    SemNode next_;
    bool next_set_ = false;
    bool next_role_set_ = false;
    std::vector<SemAction> pending_;
    std::uint32_t focused_ = 0;
    std::uint32_t focus_request_ = 0;
    bool focus_pointer_ = false;
    bool blur_request_ = false;
    std::string published_;
};

/// The semantics the app's widgets publish into (one per page; null = none, e.g. in unit tests).
Semantics* ActiveSemantics();
void SetActiveSemantics(Semantics* semantics);

}  // namespace orgsim::ui

/// Exported to JavaScript (web/a11y.js): an action on a node. kind: SemActionKind.
extern "C" void orgsim_a11y_action(unsigned key, int kind, double value);
