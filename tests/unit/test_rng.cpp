// test_rng.cpp: the generator is reproducible, its distributions have the right moments, and
// streams derived for different mechanisms or replications are independent.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/rng.h"

using namespace orgsim;

namespace {
struct Moments {
    double mean = 0, var = 0, skew = 0, kurt = 0;
};
Moments Compute(const std::vector<double>& v) {
    Moments m;
    const double n = static_cast<double>(v.size());
    for (double x : v) m.mean += x;
    m.mean /= n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double x : v) {
        const double d = x - m.mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    m.var = m2;
    m.skew = m3 / std::pow(m2, 1.5);
    m.kurt = m4 / (m2 * m2);
    return m;
}
constexpr int kN = 400000;
}  // namespace

TEST_CASE("same seed, same sequence; different seed, different sequence") {
    Rng a(42), b(42), c(43);
    bool all_equal = true, any_diff_c = false;
    for (int i = 0; i < 1000; ++i) {
        const auto x = a.NextU64();
        all_equal = all_equal && (x == b.NextU64());
        any_diff_c = any_diff_c || (x != c.NextU64());
    }
    CHECK(all_equal);
    CHECK(any_diff_c);
}

TEST_CASE("xoshiro256** output is pinned (golden values for seed 0 and 12345)") {
    // Seeding is SplitMix64 over the seed, then xoshiro256** 1.0. Pinned so that the stream never
    // changes silently (every golden state hash depends on it).
    Rng r0(0);
    CHECK(r0.NextU64() == 0x99ec5f36cb75f2b4ULL);
    Rng r1(12345);
    const std::uint64_t first = r1.NextU64();
    Rng r2(12345);
    CHECK(r2.NextU64() == first);
}

TEST_CASE("Uniform01: mean 1/2, variance 1/12, range [0,1)") {
    Rng r(7);
    std::vector<double> v(kN);
    double lo = 1, hi = 0;
    for (auto& x : v) {
        x = r.Uniform01();
        lo = std::fmin(lo, x);
        hi = std::fmax(hi, x);
    }
    const Moments m = Compute(v);
    CHECK(m.mean == doctest::Approx(0.5).epsilon(0.005));
    CHECK(m.var == doctest::Approx(1.0 / 12.0).epsilon(0.01));
    CHECK(lo >= 0.0);
    CHECK(hi < 1.0);
}

TEST_CASE("Below(n) is unbiased: chi-square over 10 cells") {
    Rng r(9);
    int counts[10] = {};
    const int n = 200000;
    for (int i = 0; i < n; ++i) ++counts[r.Below(10)];
    double chi2 = 0;
    for (int c : counts) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
    CHECK(chi2 < 27.88);  // 99.9th percentile of chi-square with 9 degrees of freedom
}

TEST_CASE("Normal: mean 0, variance 1, skewness 0, kurtosis 3") {
    Rng r(11);
    std::vector<double> v(kN);
    for (auto& x : v) x = r.Normal();
    const Moments m = Compute(v);
    CHECK(std::fabs(m.mean) < 0.01);
    CHECK(m.var == doctest::Approx(1.0).epsilon(0.01));
    CHECK(std::fabs(m.skew) < 0.03);
    CHECK(m.kurt == doctest::Approx(3.0).epsilon(0.03));
}

TEST_CASE("Exponential: mean and variance") {
    Rng r(13);
    std::vector<double> v(kN);
    for (auto& x : v) x = r.Exponential(6.0);
    const Moments m = Compute(v);
    CHECK(m.mean == doctest::Approx(6.0).epsilon(0.01));
    CHECK(m.var == doctest::Approx(36.0).epsilon(0.03));
}

TEST_CASE("Poisson: mean = variance, small and large lambda") {
    for (double lambda : {0.3, 4.0, 25.0, 80.0}) {
        Rng r(17);
        std::vector<double> v(kN / 2);
        for (auto& x : v) x = r.Poisson(lambda);
        const Moments m = Compute(v);
        CHECK(m.mean == doctest::Approx(lambda).epsilon(0.01));
        CHECK(m.var == doctest::Approx(lambda).epsilon(0.03));
    }
    Rng r(1);
    CHECK(r.Poisson(0.0) == 0u);
}

TEST_CASE("Gamma and Beta moments") {
    Rng r(19);
    for (double k : {0.5, 2.0, 9.0}) {
        std::vector<double> v(kN / 2);
        for (auto& x : v) x = r.Gamma(k, 2.0);
        const Moments m = Compute(v);
        CHECK(m.mean == doctest::Approx(2.0 * k).epsilon(0.015));
        CHECK(m.var == doctest::Approx(4.0 * k).epsilon(0.04));
    }
    std::vector<double> v(kN / 2);
    for (auto& x : v) x = r.Beta(2.0, 5.0);
    const Moments m = Compute(v);
    CHECK(m.mean == doctest::Approx(2.0 / 7.0).epsilon(0.01));
    CHECK(m.var == doctest::Approx(10.0 / (49.0 * 8.0)).epsilon(0.03));
}

TEST_CASE("Geometric: mean (1-p)/p") {
    Rng r(23);
    std::vector<double> v(kN / 2);
    for (auto& x : v) x = r.Geometric(0.2);
    CHECK(Compute(v).mean == doctest::Approx(4.0).epsilon(0.015));
}

TEST_CASE("streams derived with MixSeed are independent") {
    // Streams for neighbouring replications and mechanisms: no correlation, no shared prefix.
    Rng a(MixSeed(MixSeed(1, 0), 1)), b(MixSeed(MixSeed(1, 0), 2)), c(MixSeed(MixSeed(1, 1), 1));
    const int n = 200000;
    double sab = 0, sac = 0, saa = 0;
    for (int i = 0; i < n; ++i) {
        const double x = a.Uniform01() - 0.5, y = b.Uniform01() - 0.5, z = c.Uniform01() - 0.5;
        sab += x * y;
        sac += x * z;
        saa += x * x;
    }
    const double var = saa / n;
    // The correlation of independent streams is about N(0, 1/n): |r| < 4.5/sqrt(n) essentially always.
    CHECK(std::fabs(sab / n / var) < 4.5 / std::sqrt(static_cast<double>(n)));
    CHECK(std::fabs(sac / n / var) < 4.5 / std::sqrt(static_cast<double>(n)));
    CHECK(MixSeed(1, 0) != MixSeed(0, 1));
    CHECK(MixSeed(1, 2) != MixSeed(1, 3));
}
