// stats.h: summary statistics over replications (mean, quantiles, 90% intervals, paired differences).
#pragma once

#include <vector>

namespace orgsim {

struct Summary {
    double mean = 0.0;
    double lo = 0.0;   ///< 5th percentile (lower end of the 90% interval)
    double hi = 0.0;   ///< 95th percentile (upper end of the 90% interval)
    double sd = 0.0;   ///< sample standard deviation
    int n = 0;
};

/// Quantile q in [0, 1] by linear interpolation between order statistics (Hyndman & Fan type 7,
/// the default of R and NumPy). Copies and sorts; deterministic.
double Quantile(std::vector<double> v, double q);
/// Mean, 90% interval (5th-95th percentile) and sd of a sample.
Summary Summarise(const std::vector<double>& v);

}  // namespace orgsim
