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
    /// 95% confidence interval of the mean (Student's t with n - 1 degrees of freedom); for a
    /// paired difference it says whether the expected difference is clear of zero.
    double ci_lo = 0.0, ci_hi = 0.0;
    /// Shares of the sample above and below zero (for a paired difference: the share of futures in
    /// which the alternative's value is higher or lower; the rest are ties).
    double share_pos = 0.0, share_neg = 0.0;
};

/// Quantile q in [0, 1] by linear interpolation between order statistics (Hyndman & Fan type 7,
/// the default of R and NumPy). Copies and sorts; deterministic.
double Quantile(std::vector<double> v, double q);
/// Student's t quantile for the normal quantile z (e.g. 1.96 for two-sided 95%) with df degrees of
/// freedom, by the Cornish-Fisher expansion (within about 1e-3 from 5 degrees of freedom).
double TQuantileFromNormal(double z, int df);
/// The 97.5% quantile of Student's t with `df` degrees of freedom (exact table to 30, then the
/// Cornish-Fisher expansion around the normal's 1.959964; within 1e-3 everywhere).
double TQuantile975(int df);
/// Mean, 90% interval (5th-95th percentile), sd, 95% interval of the mean and the shares above and
/// below zero of a sample.
Summary Summarise(const std::vector<double>& v);

}  // namespace orgsim
