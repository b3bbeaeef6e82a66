// hash.h: 64-bit FNV-1a over raw state, for state hashes that must match natively and in WebAssembly
// (sizes are hashed as 64-bit so that size_t's width does not matter).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace orgsim {

struct Fnv1a {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void Bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 0x100000001b3ULL;
        }
    }
    template <class T>
    void Val(const T& v) { Bytes(&v, sizeof v); }
    template <class T>
    void Vec(const std::vector<T>& v) {
        Val(static_cast<std::uint64_t>(v.size()));
        if (!v.empty()) Bytes(v.data(), v.size() * sizeof(T));
    }
};

}  // namespace orgsim
