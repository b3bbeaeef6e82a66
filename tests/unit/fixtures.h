// fixtures.h: shared test fixtures: the preset scenarios read from scenarios/.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sim/scenario.h"

namespace orgsim::testing {

/// A preset scenario from scenarios/ (fails the test if it does not load).
inline Scenario Preset(const std::string& file) {
    std::ifstream in(std::string(ORGSIM_SOURCE_DIR) + "/scenarios/" + file);
    std::ostringstream ss;
    ss << in.rdbuf();
    ReadResult r = ReadScenario(ss.str());
    INFO(file << ": " << r.Report());
    REQUIRE(r.ok());
    return *r.scenario;
}
inline Scenario Default() { return Preset("default.json"); }

}  // namespace orgsim::testing
