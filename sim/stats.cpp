// stats.cpp: summary statistics over replications.
#include "sim/stats.h"

#include <algorithm>

#include "sim/detmath.h"

namespace orgsim {

double Quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    if (q <= 0.0) return v.front();
    if (q >= 1.0) return v.back();
    const double h = (static_cast<double>(v.size()) - 1.0) * q;
    const auto i = static_cast<std::size_t>(DetFloor(h));
    const double frac = h - static_cast<double>(i);
    if (i + 1 >= v.size()) return v.back();
    return v[i] + frac * (v[i + 1] - v[i]);
}

double TQuantileFromNormal(double z, int df) {
    if (df <= 0) return z;
    const double v = static_cast<double>(df), z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
    return z + (z3 + z) / (4.0 * v) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v) +
           (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v);
}

double TQuantile975(int df) {
    static const double kTable[31] = {0.0,    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                                      2.2010, 2.1788,  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796,
                                      2.0739, 2.0687,  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (df <= 0) return 0.0;
    if (df <= 30) return kTable[df];
    return TQuantileFromNormal(1.959963984540054, df);
}

Summary Summarise(const std::vector<double>& v) {
    Summary s;
    s.n = static_cast<int>(v.size());
    if (v.empty()) return s;
    double sum = 0.0;
    for (double x : v) sum += x;
    s.mean = sum / static_cast<double>(v.size());
    double ss = 0.0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.sd = v.size() > 1 ? DetSqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    s.lo = Quantile(sorted, 0.05);
    s.hi = Quantile(sorted, 0.95);
    const double half = v.size() > 1 ? TQuantile975(s.n - 1) * s.sd / DetSqrt(static_cast<double>(v.size())) : 0.0;
    s.ci_lo = s.mean - half;
    s.ci_hi = s.mean + half;
    int pos = 0, neg = 0;
    for (double x : v) {
        pos += x > 0.0;
        neg += x < 0.0;
    }
    s.share_pos = static_cast<double>(pos) / static_cast<double>(v.size());
    s.share_neg = static_cast<double>(neg) / static_cast<double>(v.size());
    return s;
}

}  // namespace orgsim
