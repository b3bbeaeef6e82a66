// test_semantics.cpp: the semantics tree the app publishes for assistive technology (web/semantics.h):
// containers and their children, Next() naming the next widget, the JSON the page mirrors (published
// only when it changed), the action queue a widget takes from, and the exported entry point.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "web/semantics.h"

using namespace orgsim::ui;

namespace {
SemNode Node(std::uint32_t key, SemRole role, const std::string& name) {
    SemNode n;
    n.key = key;
    n.role = role;
    n.name = name;
    n.x = 10;
    n.y = 20;
    n.w = 30;
    n.h = 40;
    return n;
}

nlohmann::json Publish(Semantics& s) {
    std::string json;
    REQUIRE(s.EndFrame(&json));
    return nlohmann::json::parse(json);
}
}  // namespace

TEST_CASE("semantics: roles map to WAI-ARIA names, interactive roles and containers are told apart") {
    CHECK(std::string(RoleName(SemRole::Button)) == "button");
    CHECK(std::string(RoleName(SemRole::Toggle)) == "button");  // a button with aria-pressed
    CHECK(std::string(RoleName(SemRole::Slider)) == "slider");
    CHECK(std::string(RoleName(SemRole::TreeItem)) == "treeitem");
    CHECK(std::string(RoleName(SemRole::Image)) == "img");
    CHECK(std::string(RoleName(SemRole::Toolbar)) == "toolbar");
    CHECK(RoleIsInteractive(SemRole::Slider));
    CHECK(RoleIsInteractive(SemRole::TreeItem));
    CHECK_FALSE(RoleIsInteractive(SemRole::Heading));
    CHECK_FALSE(RoleIsInteractive(SemRole::Status));
    CHECK(RoleIsContainer(SemRole::Tree));
    CHECK(RoleIsContainer(SemRole::Dialog));
    CHECK_FALSE(RoleIsContainer(SemRole::Button));
}

TEST_CASE("semantics: a frame's nodes become JSON with parents, states and slider ranges") {
    Semantics s;
    s.BeginFrame();
    s.Push(Node(1, SemRole::TabList, "Views"));
    SemNode tab = Node(2, SemRole::Tab, "Design");
    tab.on = true;
    s.Add(tab);
    s.Pop();
    SemNode slider = Node(3, SemRole::Slider, "Security share");
    slider.min = 0.0;
    slider.max = 0.3;
    slider.now = 0.1;
    slider.step = 0.01;
    slider.value = "10% of IT budget";
    s.Add(slider);
    SemNode unit = Node(4, SemRole::TreeItem, "IT \"core\"\n");  // quotes and a newline must be escaped
    unit.level = 2;
    unit.expanded = 1;
    unit.disabled = true;
    s.Add(unit);
    const auto j = Publish(s);
    REQUIRE(j["nodes"].size() == 4);
    CHECK(j["focus"] == 0);
    CHECK(j["nodes"][0]["r"] == "tablist");
    CHECK_FALSE(j["nodes"][0].contains("p"));
    CHECK(j["nodes"][1]["r"] == "tab");
    CHECK(j["nodes"][1]["p"] == 0);  // inside the tab list
    CHECK(j["nodes"][1]["on"] == 1);
    CHECK_FALSE(j["nodes"][2].contains("p"));  // after Pop: top level again
    CHECK(j["nodes"][2]["min"] == 0.0);
    CHECK(j["nodes"][2]["max"] == 0.3);
    CHECK(j["nodes"][2]["now"] == 0.1);
    CHECK(j["nodes"][2]["step"] == 0.01);
    CHECK(j["nodes"][2]["v"] == "10% of IT budget");
    CHECK(j["nodes"][3]["n"] == "IT \"core\"\n");
    CHECK(j["nodes"][3]["l"] == 2);
    CHECK(j["nodes"][3]["exp"] == 1);
    CHECK(j["nodes"][3]["dis"] == 1);
    CHECK(j["nodes"][0]["x"] == 10.0);
    CHECK(j["nodes"][0]["h"] == 40.0);
}

TEST_CASE("semantics: an unchanged frame is not published again; a change or a focus request is") {
    Semantics s;
    auto frame = [&](const std::string& name) {
        s.BeginFrame();
        s.Add(Node(7, SemRole::Button, name));
    };
    frame("Run");
    std::string json;
    CHECK(s.EndFrame(&json));
    frame("Run");
    CHECK_FALSE(s.EndFrame(&json));  // the page keeps what it has
    frame("Cancel");
    CHECK(s.EndFrame(&json));
    CHECK(nlohmann::json::parse(json)["nodes"][0]["n"] == "Cancel");
    frame("Cancel");
    s.RequestFocus(7);
    REQUIRE(s.EndFrame(&json));
    CHECK(nlohmann::json::parse(json)["focus"] == 7);
    CHECK(nlohmann::json::parse(json)["pointer"] == 0);  // a dialog's or list's focus: the keyboard goes on there
    frame("Cancel");
    CHECK_FALSE(s.EndFrame(&json));  // the request is sent once
    frame("Cancel");
    s.RequestFocus(7, true);  // a click: the element leaves the keys to the app's shortcuts
    REQUIRE(s.EndFrame(&json));
    CHECK(nlohmann::json::parse(json)["pointer"] == 1);
    CHECK(nlohmann::json::parse(json)["blur"] == 0);
    frame("Cancel");
    CHECK_FALSE(s.EndFrame(&json));
    frame("Cancel");
    s.ClearFocus();  // a press on a widget without an element: the focus leaves the elements, once
    REQUIRE(s.EndFrame(&json));
    CHECK(nlohmann::json::parse(json)["blur"] == 1);
    CHECK(nlohmann::json::parse(json)["focus"] == 0);
    frame("Cancel");
    CHECK_FALSE(s.EndFrame(&json));
}

TEST_CASE("semantics: a key appears once per frame; keys of 0 are refused; Push/Pop stay paired") {
    Semantics s;
    s.BeginFrame();
    CHECK(s.Add(Node(0, SemRole::Button, "no key")) == -1);
    CHECK(s.Add(Node(5, SemRole::Button, "first")) == 0);
    CHECK(s.Add(Node(5, SemRole::Button, "second")) == -1);
    // A container whose key is taken still opens a level: its children land at the outer level.
    s.Push(Node(5, SemRole::Group, "taken"));
    CHECK(s.Add(Node(6, SemRole::Button, "child")) == 1);
    s.Pop();
    s.Pop();  // one Pop too many is harmless
    CHECK(s.Add(Node(8, SemRole::Text, "after")) == 2);
    CHECK(s.Nodes()[1].parent == -1);
    CHECK(s.Nodes()[2].parent == -1);
    CHECK(s.Find(6) == 1);
    CHECK(s.Find(99) == -1);
}

TEST_CASE("semantics: Next() names the next node a shared widget adds, then clears") {
    Semantics s;
    s.BeginFrame();
    s.Next().name = "Add an alternative";
    s.Next().description = "Copy the active scenario";
    s.Next().shortcut = "Control+N";
    s.Next().on = true;
    s.NextRole(SemRole::Tab);
    SemNode n = Node(1, SemRole::Button, "Alternative");
    s.ApplyNext(n);
    CHECK(n.role == SemRole::Tab);
    CHECK(n.name == "Add an alternative");
    CHECK(n.description == "Copy the active scenario");
    CHECK(n.shortcut == "Control+N");
    CHECK(n.on);
    SemNode m = Node(2, SemRole::Button, "Run");
    s.ApplyNext(m);  // cleared: nothing changes
    CHECK(m.role == SemRole::Button);
    CHECK(m.name == "Run");
    CHECK_FALSE(m.on);
    CHECK_FALSE(s.NextRoleSet());
    // A range and a step only apply when set.
    s.Next().min = 1;
    s.Next().max = 5;
    SemNode r = Node(3, SemRole::Slider, "Speed");
    r.step = 2;
    s.ApplyNext(r);
    CHECK(r.min == 1);
    CHECK(r.max == 5);
    CHECK(r.step == 2);
}

TEST_CASE("semantics: actions wait for their widget, are taken once, and are dropped at the frame's end") {
    Semantics s;
    CHECK_FALSE(s.HasPending());
    s.Post({11, SemActionKind::Activate, 0.0});
    s.Post({12, SemActionKind::SetValue, 0.2});
    s.Post({12, SemActionKind::SetValue, 0.3});  // only the latest value of a slider is kept
    CHECK(s.HasPending());
    s.BeginFrame();
    double v = 0.0;
    CHECK_FALSE(s.Take(11, SemActionKind::SetValue, &v));  // wrong kind
    CHECK(s.Take(12, SemActionKind::SetValue, &v));
    CHECK(v == 0.3);
    CHECK_FALSE(s.Take(12, SemActionKind::SetValue, &v));
    CHECK(s.Take(11, SemActionKind::Activate));
    CHECK_FALSE(s.Take(11, SemActionKind::Activate));
    s.Post({13, SemActionKind::Activate, 0.0});
    s.EndFrame(nullptr);  // no widget took it: its widget is gone
    CHECK_FALSE(s.HasPending());
    s.Post({0, SemActionKind::Activate, 0.0});  // no key: ignored
    CHECK_FALSE(s.HasPending());
}

TEST_CASE("semantics: the DOM focus is tracked from Focus and Blur actions") {
    Semantics s;
    s.Post({21, SemActionKind::Focus, 0.0});
    CHECK(s.Focused() == 21);
    s.Post({22, SemActionKind::Blur, 0.0});  // another element's blur does not clear it
    CHECK(s.Focused() == 21);
    s.Post({21, SemActionKind::Blur, 0.0});
    CHECK(s.Focused() == 0);
}

TEST_CASE("semantics: orgsim_a11y_action posts to the active tree and refuses unknown kinds") {
    Semantics s;
    orgsim_a11y_action(5, 1, 0.0);  // no active tree: nothing happens, nothing crashes
    SetActiveSemantics(&s);
    orgsim_a11y_action(5, 9, 0.0);
    orgsim_a11y_action(5, 0, 0.0);
    CHECK_FALSE(s.HasPending());
    orgsim_a11y_action(5, 2, 0.25);
    s.BeginFrame();
    double v = 0.0;
    CHECK(s.Take(5, SemActionKind::SetValue, &v));
    CHECK(v == 0.25);
    SetActiveSemantics(nullptr);
    CHECK(ActiveSemantics() == nullptr);
}

TEST_CASE("semantics: text that is not valid UTF-8 is published, not thrown on") {
    Semantics s;
    s.BeginFrame();
    s.Add(Node(1, SemRole::Text, std::string("bad \xC3\x28 byte")));
    std::string json;
    REQUIRE(s.EndFrame(&json));
    const auto j = nlohmann::json::parse(json);
    CHECK(j["nodes"][0]["n"].get<std::string>().find("bad") == 0);
}
