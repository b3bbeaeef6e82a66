// cli_util.h: small helpers shared by the CLI's commands (reading files, parsing numbers, hashes).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

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
