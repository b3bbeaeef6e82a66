// bench.cpp: `orgsim_bench`, the engine benchmark: employee-weeks per second and the time for N
// five-year replications of a scenario (default: scenarios/default.json, 1,000 replications), one core.
// Prints figures; it is not a timed test. Runs natively and as WebAssembly under Node.
// Besides wall time it prints the process's CPU time over the same span: on a shared machine the wall
// time includes waiting for a core, the CPU time much less so (compare like with like, best of several).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

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
    std::printf("employee-weeks per second: %.3g\n", emp_weeks / secs);
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
