// bench.cpp: `orgsim_bench [scenario] [replications] [scale]`, the engine benchmark: employee-weeks per
// second, nanoseconds per employee-week and the time for N five-year replications of a scenario
// (default: scenarios/default.json, 1,000 replications), one core. `scale` multiplies every unit's
// headcount and budget and the revenue (10: a 5,000-person company; 100: 50,000), splitting a unit
// that would exceed the per-unit limit into sibling units.
// Prints figures; it is not a timed test. Runs natively and as WebAssembly under Node.
// Besides wall time it prints the process's CPU time over the same span: on a shared machine the wall
// time includes waiting for a core, the CPU time much less so (compare like with like, best of several).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/world.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#elif defined(__unix__)
#include <sys/resource.h>
#endif

#if defined(__EMSCRIPTEN__)
// clang-format off
EM_JS(double, NodeCpuSeconds, (), { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; });
// clang-format on
#endif

namespace {
/// CPU seconds used by the process so far (under Node: process.cpuUsage(), which includes the engine's
/// background threads; they are idle once the warm-up has compiled the hot code).
double CpuSeconds() {
#if defined(__EMSCRIPTEN__)
    return NodeCpuSeconds();
#elif defined(__unix__)
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
#else
    return 0.0;
#endif
}

/// Peak memory in KiB: natively the process's peak resident set; in WebAssembly the size of the linear
/// memory (which only grows, so it is its peak).
long PeakRssKib() {
#if defined(__EMSCRIPTEN__)
    return static_cast<long>(__builtin_wasm_memory_size(0) * 64);
#elif defined(__unix__)
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
#else
    return -1;
#endif
}
}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "scenarios/default.json";
    const int reps = argc > 2 ? std::atoi(argv[2]) : 1000;
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    orgsim::ReadResult r = orgsim::ReadScenario(ss.str());
    if (!r.ok()) {
        std::fprintf(stderr, "%s: %s", path.c_str(), r.Report().c_str());
        return 1;
    }
    orgsim::Scenario s = *r.scenario;
    s.horizon_weeks = 260;
    const int scale = argc > 3 ? std::atoi(argv[3]) : 1;
    if (scale > 1) {
        std::vector<orgsim::Unit> units;
        for (orgsim::Unit u : s.units) {
            const long total = static_cast<long>(u.headcount) * scale;
            const double budget = u.budget_musd * scale;
            const int parts = static_cast<int>((total + orgsim::kMaxUnitHeadcount - 1) / orgsim::kMaxUnitHeadcount);
            for (int k = 0; k < (parts > 0 ? parts : 1); ++k) {
                orgsim::Unit v = u;
                if (k > 0) {  // a sibling team without its own executive
                    v.id = u.id + "_" + std::to_string(k + 1);
                    v.name = u.name + " " + std::to_string(k + 1);
                    v.head = orgsim::Role::None;
                    v.dotted.clear();
                }
                v.headcount = static_cast<int>(total / (parts > 0 ? parts : 1) + (k < total % (parts > 0 ? parts : 1) ? 1 : 0));
                v.budget_musd = budget / (parts > 0 ? parts : 1);
                units.push_back(v);
            }
        }
        s.units = units;
        s.params.Set(orgsim::ParamId::RevenueMusd, s.params[orgsim::ParamId::RevenueMusd] * scale);
        const auto problems = orgsim::ValidateScenario(s);
        if (!problems.empty()) {
            std::fprintf(stderr, "scaled scenario invalid: %s %s\n", problems[0].where.c_str(), problems[0].message.c_str());
            return 1;
        }
    }
    // Warm up: WebAssembly starts in V8's baseline tier and the optimised code of the (large, inlined)
    // weekly step is compiled in the background, which takes a while on a busy machine; time only the
    // steady state, as a user who runs an experiment for more than a second sees it. At least 20
    // replications and one second.
    const auto w0 = std::chrono::steady_clock::now();
    for (int k = 0; k < 20 || std::chrono::steady_clock::now() - w0 < std::chrono::seconds(1); ++k) {
        orgsim::World w(s, 100000 + k);
        while (!w.Done()) w.StepWeeks(26);
    }
    std::uint64_t sink = 0;
    long rss_mid = 0;
    const double cpu0 = CpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < reps; ++k) {
        orgsim::World w(s, k);
        while (!w.Done()) w.StepWeeks(26);
        sink ^= static_cast<std::uint64_t>(w.Series(orgsim::SeriesId::Delivered).back());
        if (k == reps / 10) rss_mid = PeakRssKib();
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = CpuSeconds() - cpu0;
    const double emp_weeks = static_cast<double>(reps) * 260.0 * s.TotalHeadcount();
    std::printf("scenario: %s (%d employees)\n", path.c_str(), s.TotalHeadcount());
    std::printf("replications: %d x 260 weeks in %.3f s\n", reps, secs);
    std::printf("employee-weeks per second: %.3g (%.2f ns per employee-week of CPU time)\n", emp_weeks / secs, cpu / emp_weeks * 1e9);
    std::printf("time for 1000 replications (scaled): %.3f s (CPU time %.3f s)\n", secs * 1000.0 / reps, cpu * 1000.0 / reps);
#if defined(__EMSCRIPTEN__)
    const char* what = "WebAssembly memory";
#else
    const char* what = "peak RSS";
#endif
    if (rss_mid > 0) std::printf("%s after 10%% of replications: %ld KiB, at the end: %ld KiB\n", what, rss_mid, PeakRssKib());
    std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sink));
    return 0;
}
