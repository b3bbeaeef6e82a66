// rng.cpp: distributions on top of xoshiro256** (see rng.h for why they are our own).
#include "sim/rng.h"

namespace orgsim {

std::uint64_t Rng::Below(std::uint64_t n) noexcept {
    // Lemire's nearly-divisionless method, with a portable 64x64->128 multiply.
    auto mul128 = [](std::uint64_t a, std::uint64_t b, std::uint64_t& lo) {
        const std::uint64_t a_lo = a & 0xFFFFFFFFULL, a_hi = a >> 32;
        const std::uint64_t b_lo = b & 0xFFFFFFFFULL, b_hi = b >> 32;
        const std::uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
        const std::uint64_t mid = (p0 >> 32) + (p1 & 0xFFFFFFFFULL) + (p2 & 0xFFFFFFFFULL);
        lo = (mid << 32) | (p0 & 0xFFFFFFFFULL);
        return p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
    };
    std::uint64_t lo = 0;
    std::uint64_t hi = mul128(NextU64(), n, lo);
    if (lo < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (lo < threshold) hi = mul128(NextU64(), n, lo);
    }
    return hi;
}

double Rng::Normal() noexcept {
    if (have_spare_normal_) {
        have_spare_normal_ = false;
        return spare_normal_;
    }
    double u, v, s;
    do {
        u = 2.0 * Uniform01() - 1.0;
        v = 2.0 * Uniform01() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = DetSqrt(-2.0 * DetLog(s) / s);
    spare_normal_ = v * f;
    have_spare_normal_ = true;
    return u * f;
}

std::uint32_t Rng::Poisson(double lambda) noexcept {
    if (!(lambda > 0.0)) return 0;
    if (lambda < 30.0) {
        // Inversion by sequential search: P(0) = e^-lambda, P(k) = P(k-1) * lambda / k.
        double p = DetExp(-lambda);
        double cdf = p;
        const double u = Uniform01();
        std::uint32_t k = 0;
        while (u > cdf && k < 1000) {
            ++k;
            p *= lambda / static_cast<double>(k);
            cdf += p;
        }
        return k;
    }
    const double x = lambda + DetSqrt(lambda) * Normal() + 0.5;
    return x <= 0.0 ? 0u : static_cast<std::uint32_t>(DetFloor(x));
}

std::uint32_t Rng::Geometric(double p) noexcept {
    if (p >= 1.0) return 0;
    if (!(p > 0.0)) return 0xFFFFFFFFu;
    const double x = DetFloor(DetLog(UniformOpen01()) / DetLog(1.0 - p));
    return x > 4.0e9 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(x);
}

double Rng::Gamma(double shape, double scale) noexcept {
    if (shape < 1.0) {
        // Boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
        const double g = Gamma(shape + 1.0, 1.0);
        return scale * g * DetPow(UniformOpen01(), 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / DetSqrt(9.0 * d);
    for (;;) {
        double x, v;
        do {
            x = Normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = UniformOpen01();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) return scale * d * v;
        if (DetLog(u) < 0.5 * x2 + d * (1.0 - v + DetLog(v))) return scale * d * v;
    }
}

}  // namespace orgsim
