// rng.h: the project's own random generator and distributions, identical natively and in WebAssembly.
//
// Why our own: the standard library's distributions differ between libstdc++ (native) and libc++
// (Emscripten), so a deterministic simulator draws raw 64-bit words from xoshiro256** and turns them
// into numbers with code that only uses IEEE-exact operations (+ - * / sqrt) and sim/detmath.h.
#pragma once

#include <cstdint>

#include "sim/detmath.h"

namespace orgsim {

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand one 64-bit seed into generator state and
/// to derive independent stream seeds.
inline std::uint64_t SplitMix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// A stateless 64-bit mix of two words (for deriving a stream seed from (seed, replication, stream)).
inline std::uint64_t MixSeed(std::uint64_t a, std::uint64_t b) {
    std::uint64_t s = a ^ (b * 0xD1B54A32D192ED03ULL);
    SplitMix64(s);
    return SplitMix64(s);
}

/// Counter-based draws (keyed randomness, MODEL.md "Randomness that keeps scenarios paired"): the
/// i-th 64-bit word of the stream named by `key` is the SplitMix64 output function applied to
/// key + (i + 1) * golden gamma. No state: the draw depends only on what it is about (a key built
/// with MixSeed from replication, mechanism, entity and week) and its index, so a change elsewhere in
/// the model never shifts it. Identical natively and in WebAssembly (integer arithmetic only).
inline std::uint64_t CounterU64(std::uint64_t key, std::uint64_t i) {
    std::uint64_t z = key + (i + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
/// Uniform on [0, 1) from the counter-based stream (53 bits).
inline double CounterUniform01(std::uint64_t key, std::uint64_t i) {
    return static_cast<double>(static_cast<std::int64_t>(CounterU64(key, i) >> 11)) * 0x1.0p-53;
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018). Period 2^256 - 1; passes BigCrush.
class Rng {
public:
    Rng() { Seed(0); }
    explicit Rng(std::uint64_t seed) { Seed(seed); }

    void Seed(std::uint64_t seed) {
        std::uint64_t sm = seed;
        for (auto& w : s_) w = SplitMix64(sm);
        have_spare_normal_ = false;
        spare_normal_ = 0.0;
    }

    /// Next raw 64-bit word.
    std::uint64_t NextU64() {
        const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = Rotl(s_[3], 45);
        return result;
    }

    /// Uniform on [0, 1) with 53 random bits. The 53-bit word converts as a signed integer (same value,
    /// one instruction; an unsigned 64-bit conversion needs a branchy sequence in WebAssembly engines).
    double Uniform01() { return static_cast<double>(static_cast<std::int64_t>(NextU64() >> 11)) * 0x1.0p-53; }

    /// Uniform on (0, 1): never exactly zero (safe for logarithms).
    double UniformOpen01() { return (static_cast<double>(static_cast<std::int64_t>(NextU64() >> 11)) + 0.5) * 0x1.0p-53; }

    /// Uniform on [lo, hi).
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform01(); }

    /// Uniform integer in [0, n) without modulo bias (Lemire 2019). n must be > 0.
    std::uint64_t Below(std::uint64_t n) noexcept;

    /// True with probability p (p <= 0 never, p >= 1 always).
    bool Bernoulli(double p) { return Uniform01() < p; }

    /// Standard normal N(0, 1), Marsaglia's polar method (uses DetLog and sqrt only).
    double Normal() noexcept;
    double Normal(double mean, double sd) { return mean + sd * Normal(); }

    /// Exponential with the given mean (> 0), by inversion.
    double Exponential(double mean) { return -mean * DetLog(UniformOpen01()); }

    /// Poisson with mean lambda >= 0. Inversion for lambda < 30, else a rounded normal with
    /// continuity correction (accurate to well under 1% in the moments for lambda >= 30).
    std::uint32_t Poisson(double lambda) noexcept;

    /// Number of failures before the first success in trials of probability p (0 < p <= 1).
    std::uint32_t Geometric(double p) noexcept;

    /// Gamma(shape k > 0, scale theta > 0), Marsaglia & Tsang (2000).
    double Gamma(double shape, double scale) noexcept;

    /// Beta(a, b) from two gammas.
    double Beta(double a, double b) {
        const double x = Gamma(a, 1.0);
        const double y = Gamma(b, 1.0);
        return x / (x + y);
    }

    /// The four state words (for hashing and snapshots).
    const std::uint64_t* State() const { return s_; }

private:
    static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
    bool have_spare_normal_ = false;
    double spare_normal_ = 0.0;
};

}  // namespace orgsim
