// detmath.h: deterministic elementary functions, bit-identical on every IEEE-754 target.
//
// libm's exp/log/pow may differ in the last bit between glibc (native) and Emscripten's musl
// (WebAssembly). State-changing simulation code uses these instead: they are built only from
// + - * /, sqrt, floor, frexp and ldexp, which IEEE-754 specifies exactly. The project compiles
// with -ffp-contract=off so that no fused multiply-add changes a rounding.
// Accuracy: relative error below 1e-15 over the ranges the model uses (tested against libm).
// All are noexcept: callers in the engine then need no exception landing pads (in WebAssembly each
// call that may throw goes through a JavaScript trampoline).
#pragma once

namespace orgsim {

/// e^x. Returns 0 below -745 and +inf above 709.8.
double DetExp(double x) noexcept;
/// Natural logarithm for x > 0 (returns -inf at 0 and NaN below 0).
double DetLog(double x) noexcept;
/// a^b for a > 0 (a == 0 gives 0 for b > 0).
double DetPow(double a, double b) noexcept;
/// sqrt: IEEE-754 requires it correctly rounded, so the standard one is deterministic.
double DetSqrt(double x) noexcept;
/// floor: exact.
double DetFloor(double x) noexcept;
/// Logistic 1 / (1 + e^-x).
double DetLogistic(double x) noexcept;
/// Convert an annual probability to a weekly one: 1 - (1 - p)^(1/52).
double AnnualToWeekly(double p_annual) noexcept;

}  // namespace orgsim
