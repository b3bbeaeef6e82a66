// cli_util.h: small helpers shared by the CLI's commands (reading files, parsing numbers, hashes).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "sim/scenario.h"

namespace orgsim::cli {

/// The whole file as text; false (and a message in err) if it cannot be opened.
inline bool ReadFile(const std::string& path, std::string& out, std::string& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err = "cannot open " + path;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

/// Read and validate a scenario file: every problem to stderr (and false), notices (removed
/// parameters of an earlier model) to stderr too. `who` prefixes a file error ("orgsim", ...).
inline bool LoadScenario(const std::string& path, Scenario& s, const char* who = "orgsim") {
    std::string text, err;
    if (!ReadFile(path, text, err)) {
        std::cerr << who << ": " << err << "\n";
        return false;
    }
    ReadResult r = ReadScenario(text);
    if (!r.ok()) {
        std::cerr << path << ": " << r.problems.size() << " problem" << (r.problems.size() == 1 ? "" : "s") << ":\n";
        for (const auto& p : r.problems) std::cerr << "  " << p.where << ": " << p.message << "\n";
        return false;
    }
    for (const auto& n : r.notices) std::cerr << path << ": notice: " << n.where << ": " << n.message << "\n";
    s = *r.scenario;
    return true;
}

/// A whole decimal number in [lo, hi]; false for anything else.
inline bool ParseInt(const std::string& s, long long lo, long long hi, long long& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end != '\0' || v < lo || v > hi) return false;
    out = v;
    return true;
}

/// A state hash as 0x followed by 16 hex digits.
inline std::string Hex(std::uint64_t h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace orgsim::cli
