// fuzz_march.cpp: libFuzzer target for the March (1991) scenario reader (ReadMarchScenario,
// sim/march.h), which `orgsim march` and the app's model library use. Any input: a clean answer;
// a scenario it accepts keeps every promise the experiment relies on (sizes, probabilities and list
// lengths within the limits of march.h). The format has no writer, so there is no round trip.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "sim/march.h"

using namespace orgsim;

namespace {
bool Probabilities(const std::vector<double>& v) {
    if (v.empty() || v.size() > static_cast<std::size_t>(kMarchMaxListLength)) return false;
    for (double p : v)
        if (!(p >= 0.0 && p <= 1.0)) return false;
    return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const MarchReadResult r = ReadMarchScenario(text);
    fuzz::CheckClean(r.ok(), r.problems);
    if (!r.ok()) return 0;
    const MarchScenario& s = *r.scenario;
    ORGSIM_FUZZ_CHECK(s.dimensions >= 1 && s.dimensions <= kMarchMaxDimensions, text);
    ORGSIM_FUZZ_CHECK(s.people >= 1 && s.people <= kMarchMaxPeople, text);
    ORGSIM_FUZZ_CHECK(static_cast<long long>(s.dimensions) * s.people <= kMarchMaxBeliefCells, text);
    ORGSIM_FUZZ_CHECK(s.replications >= 1 && s.replications <= kMarchMaxReplications, text);
    ORGSIM_FUZZ_CHECK(s.max_periods >= 1 && s.max_periods <= kMarchMaxPeriods, text);
    ORGSIM_FUZZ_CHECK(Probabilities(s.p1) && Probabilities(s.p2) && Probabilities(s.p3) && Probabilities(s.p4), text);
    ORGSIM_FUZZ_CHECK(s.p1_slow >= 0.0 && s.p1_slow <= 1.0 && s.p1_fast >= 0.0 && s.p1_fast <= 1.0, text);
    long long cells = static_cast<long long>(s.p2.size());
    if (s.experiment == MarchExperimentKind::Mix) {
        ORGSIM_FUZZ_CHECK(!s.fast_learners.empty() && s.fast_learners.size() <= static_cast<std::size_t>(kMarchMaxListLength), text);
        for (int f : s.fast_learners) ORGSIM_FUZZ_CHECK(f >= 0 && f <= s.people, text);
        cells *= 2 * static_cast<long long>(s.fast_learners.size());
    } else {
        cells *= static_cast<long long>(s.p1.size() * s.p3.size() * s.p4.size());
    }
    ORGSIM_FUZZ_CHECK(cells * s.replications <= kMarchMaxRuns, text);
    const bool fixed_horizon = s.experiment == MarchExperimentKind::Turnover || s.experiment == MarchExperimentKind::Turbulence;
    if (fixed_horizon) ORGSIM_FUZZ_CHECK(s.periods >= 1 && s.periods <= kMarchMaxPeriods, text);
    else
        for (const auto* list : {&s.p3, &s.p4})
            for (double p : *list) ORGSIM_FUZZ_CHECK(p == 0.0, text);  // equilibrium runs need a closed system
    if (s.experiment == MarchExperimentKind::Turbulence) ORGSIM_FUZZ_CHECK(s.report_every >= 1, text);
    return 0;
}
