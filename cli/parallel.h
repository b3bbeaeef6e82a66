// parallel.h: an experiment's replications on several threads (`--threads N`), merged in
// replication order so that the output is identical for any N.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/experiment.h"

namespace orgsim::cli {

/// The CLI for Node (WebAssembly) is built without threads: everything runs on the one thread there.
#ifdef __EMSCRIPTEN__
constexpr bool kNoThreads = true;
#else
constexpr bool kNoThreads = false;
#endif

/// The default for --threads: every core the system reports (at least 1). WebAssembly under Node is
/// built without threads: always 1 there.
inline int DefaultThreads() {
    if (kNoThreads) return 1;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

/// Run what remains of `ex` on `threads` threads; `progress` is called on this thread after each
/// merged replication. With 1 thread the experiment runs here, in slices. Every task is a pure
/// function of the prepared scenario and the replication index (RunReplication), and the experiment
/// merges results in task order, so the results and hashes do not depend on `threads`.
inline void RunExperiment(Experiment& ex, int threads, const std::function<void()>& progress) {
    if (threads <= 1 || kNoThreads) {
        while (ex.RunSlice(52L * 20)) progress();
        progress();
        return;
    }
#ifndef __EMSCRIPTEN__
    std::atomic<int> next{ex.NextTaskInOrder()};
    std::mutex mu;
    std::condition_variable cv;
    std::vector<ReplicationResult> done;
    std::vector<std::thread> pool;
    const int total = ex.TaskCount();
    const int n_threads = std::min(threads, total - next.load());
    int finished = 0;  // threads that have run out of tasks
    for (int t = 0; t < n_threads; ++t)
        pool.emplace_back([&] {
            for (int task = next++; task < total; task = next++) {
                ReplicationResult r = ex.RunTask(task);  // reads only the experiment's prepared scenarios
                std::lock_guard<std::mutex> lock(mu);
                done.push_back(std::move(r));
                cv.notify_one();
            }
            std::lock_guard<std::mutex> lock(mu);
            ++finished;
            cv.notify_one();
        });
    for (;;) {
        std::vector<ReplicationResult> batch;
        bool all_finished = false;
        {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return !done.empty() || finished == n_threads; });
            batch.swap(done);
            all_finished = finished == n_threads;
        }
        for (auto& r : batch) ex.Accept(std::move(r));
        progress();
        if (all_finished) break;
    }
    for (auto& th : pool) th.join();
    ex.RunAll();  // nothing left, unless a result was refused: then it is rerun here, in order
#endif
}

/// body(0) .. body(n - 1) on `threads` threads (each index once, in any order); serial with 1 thread
/// and under WebAssembly. For sim's ParallelFor (sensitivity): every body writes only its own slot.
inline void ThreadFor(int threads, int n, const std::function<void(int)>& body) {
    if (threads <= 1 || n <= 1 || kNoThreads) {
        for (int i = 0; i < n; ++i) body(i);
        return;
    }
#ifndef __EMSCRIPTEN__
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < std::min(threads, n); ++t)
        pool.emplace_back([&] {
            for (int i = next++; i < n; i = next++) body(i);
        });
    for (auto& th : pool) th.join();
#endif
}

}  // namespace orgsim::cli
