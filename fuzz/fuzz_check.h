// fuzz_check.h: what every fuzz target of fuzz/ asserts about a reader's answer, and how it fails
// (a message, then abort(), which libFuzzer reports as a crash and saves the input).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/scenario.h"

namespace orgsim::fuzz {

[[noreturn]] inline void Fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz check failed: %s\n%s\n", what, detail.c_str());
    std::abort();
}

#define ORGSIM_FUZZ_CHECK(cond, detail) \
    do {                                \
        if (!(cond)) ::orgsim::fuzz::Fail(#cond, (detail)); \
    } while (0)

inline std::string Describe(const std::vector<Problem>& problems) {
    std::string out;
    for (const Problem& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

/// A clean answer: a result exactly when there is no problem, and every problem says where and what.
inline void CheckClean(bool ok, const std::vector<Problem>& problems) {
    ORGSIM_FUZZ_CHECK(ok == problems.empty(), Describe(problems));
    for (const Problem& p : problems) ORGSIM_FUZZ_CHECK(!p.where.empty() && !p.message.empty(), Describe(problems));
}

}  // namespace orgsim::fuzz
