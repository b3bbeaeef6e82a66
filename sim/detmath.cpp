// detmath.cpp: deterministic exp/log/pow from IEEE-exact operations (see detmath.h).
#include "sim/detmath.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace orgsim {

namespace {
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (Cody & Waite).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;
}  // namespace

double DetSqrt(double x) noexcept { return std::sqrt(x); }
double DetFloor(double x) noexcept { return std::floor(x); }

double DetExp(double x) noexcept {
    if (x != x) return x;
    if (x > 709.78) return std::numeric_limits<double>::infinity();
    if (x < -745.13) return 0.0;
    const double kf = std::floor(x * kInvLn2 + 0.5);
    const int k = static_cast<int>(kf);
    const double r = (x - kf * kLn2Hi) - kf * kLn2Lo;  // |r| <= 0.347
    // Taylor series of e^r to degree 13, Horner form: truncation error < 2e-17 relative.
    double p = 1.0 / 6227020800.0;      // 1/13!
    p = p * r + 1.0 / 479001600.0;      // 1/12!
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // Scale by 2^k. For normal results build 2^k from its exponent bits (exact, and much faster than
    // a libm call in the hot loop); ldexp handles the subnormal and overflow edges.
    if (k > -1022 && k < 1023) {
        const std::uint64_t bits = static_cast<std::uint64_t>(k + 1023) << 52;
        double scale;
        std::memcpy(&scale, &bits, sizeof scale);
        return p * scale;
    }
    return std::ldexp(p, k);
}

double DetLog(double x) noexcept {
    if (x != x || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (x == std::numeric_limits<double>::infinity()) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
    if (m < kSqrtHalf) {
        m *= 2.0;
        --e;
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double t = 1.0 / 23.0;
    t = t * s2 + 1.0 / 21.0;
    t = t * s2 + 1.0 / 19.0;
    t = t * s2 + 1.0 / 17.0;
    t = t * s2 + 1.0 / 15.0;
    t = t * s2 + 1.0 / 13.0;
    t = t * s2 + 1.0 / 11.0;
    t = t * s2 + 1.0 / 9.0;
    t = t * s2 + 1.0 / 7.0;
    t = t * s2 + 1.0 / 5.0;
    t = t * s2 + 1.0 / 3.0;
    t = t * s2 + 1.0;
    const double ef = static_cast<double>(e);
    return ef * kLn2Hi + (2.0 * s * t + ef * kLn2Lo);
}

double DetPow(double a, double b) noexcept {
    if (a == 0.0) return b > 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
    if (b == 0.0) return 1.0;
    if (a == 1.0) return 1.0;
    return DetExp(b * DetLog(a));
}

double DetLogistic(double x) noexcept { return 1.0 / (1.0 + DetExp(-x)); }

double AnnualToWeekly(double p_annual) noexcept {
    if (p_annual <= 0.0) return 0.0;
    if (p_annual >= 1.0) return 1.0;
    return 1.0 - DetPow(1.0 - p_annual, 1.0 / 52.0);
}

}  // namespace orgsim
