// test_scenario.cpp: the scenario reader accepts the presets, round-trips, and rejects every kind
// of bad input with a JSON pointer and a plain message, never half-loading.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/scenario.h"

using namespace orgsim;
using nlohmann::json;

namespace {
std::string Slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
std::string DefaultText() { return Slurp(std::string(ORGSIM_SOURCE_DIR) + "/scenarios/default.json"); }
json DefaultJson() { return json::parse(DefaultText()); }

/// True if some problem is at `where` and its message contains `needle`.
bool Has(const ReadResult& r, const std::string& where, const std::string& needle) {
    for (const auto& p : r.problems)
        if (p.where == where && p.message.find(needle) != std::string::npos) return true;
    return false;
}
ReadResult ReadJson(const json& j) { return ReadScenario(j.dump()); }
}  // namespace

TEST_CASE("the default scenario loads: 500 employees, CIO under the CFO") {
    ReadResult r = ReadScenario(DefaultText());
    INFO(r.Report());
    REQUIRE(r.ok());
    const Scenario& s = *r.scenario;
    CHECK(s.TotalHeadcount() == 500);
    CHECK(s.horizon_weeks == 260);
    const int it = s.FindUnit("it");
    REQUIRE(it >= 0);
    CHECK(s.units[static_cast<std::size_t>(it)].head == Role::Cio);
    CHECK(s.units[static_cast<std::size_t>(it)].parent == "finance");
}

TEST_CASE("reading then writing gives the same scenario back") {
    ReadResult r = ReadScenario(DefaultText());
    REQUIRE(r.ok());
    Scenario s = *r.scenario;
    s.params.Set(ParamId::TurnoverItAnnual, 0.125);
    s.units[1].dotted.push_back("operations");
    const std::string text = WriteScenario(s);
    ReadResult again = ReadScenario(text);
    INFO(again.Report());
    REQUIRE(again.ok());
    CHECK(*again.scenario == s);
    CHECK(WriteScenario(*again.scenario) == text);
}

TEST_CASE("malformed JSON is reported with line and column") {
    ReadResult r = ReadScenario("{\n  \"name\": \"x\",\n  \"org\": [1, 2,,]\n}");
    REQUIRE(!r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "line 3, column 16");
    CHECK(r.problems[0].message.find("malformed JSON") != std::string::npos);
    CHECK(!ReadScenario("").ok());
    CHECK(ReadScenario("").problems[0].message.find("malformed JSON") != std::string::npos);
}

TEST_CASE("the top level must be an object") {
    ReadResult r = ReadScenario("[1,2,3]");
    REQUIRE(!r.ok());
    CHECK(Has(r, "/", "must be a JSON object, found an array"));
}

TEST_CASE("wrong types are reported at their pointer") {
    json j = DefaultJson();
    j["horizon_weeks"] = "five years";
    j["org"]["units"][3]["headcount"] = "55";
    j["org"]["units"][2]["dotted"] = "it";
    j["name"] = 7;
    ReadResult r = ReadJson(j);
    REQUIRE(!r.ok());
    CHECK(Has(r, "/horizon_weeks", "must be an integer, found a string"));
    CHECK(Has(r, "/org/units/3/headcount", "must be an integer, found a string"));
    CHECK(Has(r, "/org/units/2/dotted", "must be an array of unit ids, found a string"));
    CHECK(Has(r, "/name", "must be a string, found an integer"));
    CHECK(r.problems.size() == 4);  // every problem listed, not just the first
}

TEST_CASE("unknown keys are rejected, with the allowed keys listed") {
    json j = DefaultJson();
    j["horizon"] = 100;
    j["org"]["units"][0]["colour"] = "red";
    ReadResult r = ReadJson(j);
    CHECK(Has(r, "/horizon", "unknown key \"horizon\""));
    CHECK(Has(r, "/org/units/0/colour", "allowed:"));
}

TEST_CASE("out-of-range values are rejected with the range") {
    json j = DefaultJson();
    j["replications"] = 0;
    j["org"]["units"][1]["budget_musd"] = -3;
    j["parameters"] = {{"turnover_it_annual", 1.5}, {"no_such_parameter", 1}, {"ramp_up_months", "six"}};
    ReadResult r = ReadJson(j);
    CHECK(Has(r, "/replications", "outside the range 1 to 10000"));
    CHECK(Has(r, "/org/units/1/budget_musd", "outside the range"));
    CHECK(Has(r, "/parameters/turnover_it_annual", "outside its range [0, 0.6]"));
    CHECK(Has(r, "/parameters/no_such_parameter", "unknown parameter"));
    CHECK(Has(r, "/parameters/ramp_up_months", "must be a number, found a string"));
}

TEST_CASE("absurd sizes: a million employees, a 1,000-year horizon") {
    json j = DefaultJson();
    j["horizon_weeks"] = 52000;
    j["org"]["units"][2]["headcount"] = 1000000;
    ReadResult r = ReadJson(j);
    CHECK(Has(r, "/horizon_weeks", "52000 weeks is outside the range 1 to 1040"));
    CHECK(Has(r, "/org/units/2/headcount", "1000000 employees is outside the range 0 to 20000"));
    json k = DefaultJson();
    for (int i = 0; i < 8; ++i) k["org"]["units"][i]["headcount"] = 19000;
    CHECK(Has(ReadJson(k), "/org/units", "152000 employees in all is more than the maximum 50000"));
    json big = DefaultJson();
    big["org"]["units"] = json::array();
    for (int i = 0; i < 250; ++i) big["org"]["units"].push_back(DefaultJson()["org"]["units"][1]);
    CHECK(Has(ReadJson(big), "/org/units", "250 units is more than the maximum 200"));
    CHECK(Has(ReadScenario(std::string(5u << 20, ' ')), "/", "the limit is"));
}

TEST_CASE("reporting cycles are found and named") {
    ReadResult r = ReadScenario(Slurp(std::string(ORGSIM_SOURCE_DIR) + "/tests/data/cycle.json"));
    REQUIRE(!r.ok());
    bool found = false;
    for (const auto& p : r.problems)
        if (p.message.find("reporting cycle") != std::string::npos && p.message.find("finance") != std::string::npos &&
            p.message.find("it") != std::string::npos)
            found = true;
    CHECK(found);
    CHECK(r.problems.size() == 1);  // one cycle, reported once
}

TEST_CASE("a unit without a parent, and a CIO reporting to someone who does not exist") {
    json j = DefaultJson();
    j["org"]["units"][3]["parent"] = "chief_wizard";
    j["org"]["units"][4].erase("parent");
    ReadResult r = ReadJson(j);
    CHECK(Has(r, "/org/units/3/parent", "CIO (unit \"it\") reports to \"chief_wizard\", which does not exist"));
    CHECK(Has(r, "/org/units/4/parent", "missing required key \"parent\""));
    json k = DefaultJson();
    k["org"]["units"][6]["parent"] = nullptr;
    CHECK(Has(ReadJson(k), "/org/units/6/parent", "another unit is already the root"));
}

TEST_CASE("duplicate ids, duplicate roles, unknown functions and roles, bad dotted lines") {
    json j = DefaultJson();
    j["org"]["units"][7]["id"] = "it";
    j["org"]["units"][5]["head"] = "CIO";
    j["org"]["units"][6]["function"] = "wizardry";
    j["org"]["units"][1]["head"] = "CHIEF";
    j["org"]["units"][2]["dotted"] = {"nowhere"};
    j["format"] = "orgsim-scenario/99";
    ReadResult r = ReadJson(j);
    CHECK(Has(r, "/org/units/7/id", "is used twice"));
    CHECK(Has(r, "/org/units/6/function", "unknown function \"wizardry\""));
    CHECK(Has(r, "/org/units/1/head", "unknown role \"CHIEF\""));
    CHECK(Has(r, "/org/units/2/dotted/0", "does not exist"));
    CHECK(Has(r, "/format", "unsupported format"));
    json k = DefaultJson();
    k["org"]["units"][5]["head"] = "CIO";
    CHECK(Has(ReadJson(k), "/org/units/5/head", "role CIO already heads /org/units/3"));
}

TEST_CASE("no half-loading: any problem means no scenario") {
    json j = DefaultJson();
    j["org"]["units"][2]["headcount"] = -1;
    ReadResult r = ReadJson(j);
    CHECK(!r.ok());
    CHECK(!r.scenario.has_value());
    CHECK(!r.Report().empty());
}

TEST_CASE("levers and mechanisms: wrong names, types and values are rejected with their pointers") {
    json j = DefaultJson();
    j["levers"] = {{"shadow_it_policy", "allow"},   {"shared_kpis", 1},           {"co_location", 2},
                   {"security_share_of_it", 0.9},   {"cio_reports_to", "CEO"},    {"turnover_it_annual", 0.1}};
    j["parameters"] = {{"shadow_it_policy", 1}};
    j["mechanisms"] = {{"people", "off"}, {"telepathy", false}};
    ReadResult r = ReadJson(j);
    REQUIRE(!r.ok());
    CHECK(Has(r, "/levers/shadow_it_policy", "\"allow\" is not one of ban, tolerate, institutionalise"));
    CHECK(Has(r, "/levers/shared_kpis", "must be true or false, found an integer"));
    CHECK(Has(r, "/levers/co_location", "must be one of none, partial, full, found an integer"));
    CHECK(Has(r, "/levers/security_share_of_it", "outside its range [0.02, 0.3]"));
    CHECK(Has(r, "/levers/cio_reports_to", "unknown lever"));
    CHECK(Has(r, "/levers/turnover_it_annual", "unknown lever"));
    CHECK(Has(r, "/parameters/shadow_it_policy", "is a lever: set it under /levers"));
    CHECK(Has(r, "/mechanisms/people", "must be true or false, found a string"));
    CHECK(Has(r, "/mechanisms/telepathy", "unknown mechanism"));
}

TEST_CASE("levers and mechanisms round-trip through the writer") {
    ReadResult r = ReadScenario(DefaultText());
    REQUIRE(r.ok());
    Scenario s = *r.scenario;
    s.params.Set(ParamId::ShadowItPolicy, 2);
    s.params.Set(ParamId::SharedKpis, 1);
    s.params.Set(ParamId::CoLocation, 1);
    s.mechanisms[static_cast<std::size_t>(Mechanism::Security)] = false;
    ReadResult again = ReadScenario(WriteScenario(s));
    INFO(again.Report());
    REQUIRE(again.ok());
    CHECK(*again.scenario == s);
    CHECK(WriteScenario(s).find("\"shadow_it_policy\": \"institutionalise\"") != std::string::npos);
}

TEST_CASE("every preset loads, round-trips and names its question") {
    for (const char* f : {"default.json", "cio_reports_to_cfo.json", "cio_reports_to_coo.json", "cio_reports_to_ceo.json",
                          "cdo_over_it_and_marketing.json", "cmt_in_marketing.json", "shadow_it_ban.json",
                          "shadow_it_tolerate.json", "shadow_it_institutionalise.json", "joint_governance.json",
                          "business_case_every_initiative.json", "light_touch_approval.json",
                          "cross_skilled_hiring.json", "marketing_owns_martech.json", "it_budget_cut.json"}) {
        INFO(std::string(f));
        ReadResult r = ReadScenario(Slurp(std::string(ORGSIM_SOURCE_DIR) + "/scenarios/" + f));
        REQUIRE(r.ok());
        CHECK(!r.scenario->question.empty());
        CHECK(r.scenario->description.size() > 150);
        CHECK(r.scenario->TotalHeadcount() == 500);
        CHECK(*ReadScenario(WriteScenario(*r.scenario)).scenario == *r.scenario);
    }
}
