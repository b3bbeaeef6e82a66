// parallel_for.h: how sim/ asks for parallel work without knowing about threads or workers: the
// caller (the CLI's threads, a test, a browser host) passes a ParallelFor; every body call is
// independent and writes only its own slot, so results never depend on how it ran.
#pragma once

#include <functional>

namespace orgsim {

/// Run body(0) .. body(n - 1), in any order and on any threads; every call must be independent.
using ParallelFor = std::function<void(int n, const std::function<void(int)>& body)>;

/// The serial ParallelFor.
inline void SerialFor(int n, const std::function<void(int)>& body) {
    for (int i = 0; i < n; ++i) body(i);
}

}  // namespace orgsim
