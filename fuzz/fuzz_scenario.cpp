// fuzz_scenario.cpp: libFuzzer target for the scenario reader (ReadScenario, sim/scenario.h), the
// reader of `orgsim validate/run` files and of every scenario the app opens. Any input: a clean
// answer (never an exception, crash, hang or huge allocation); a scenario it accepts is valid and
// survives write -> read -> write unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.h"
#include "sim/scenario.h"

using namespace orgsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const ReadResult r = ReadScenario(text);
    fuzz::CheckClean(r.ok(), r.problems);
    if (!r.ok()) return 0;
    ORGSIM_FUZZ_CHECK(ValidateScenario(*r.scenario).empty(), fuzz::Describe(ValidateScenario(*r.scenario)));
    const std::string once = WriteScenario(*r.scenario);
    const ReadResult again = ReadScenario(once);
    ORGSIM_FUZZ_CHECK(again.ok(), again.Report() + once);
    ORGSIM_FUZZ_CHECK(again.notices.empty(), once);
    ORGSIM_FUZZ_CHECK(*again.scenario == *r.scenario, once);
    ORGSIM_FUZZ_CHECK(WriteScenario(*again.scenario) == once, once);
    return 0;
}
