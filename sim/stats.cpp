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
    return s;
}

}  // namespace orgsim
