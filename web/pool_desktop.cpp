// pool_desktop.cpp: the desktop's TaskPool: one thread per core but one (ORGSIM_WORKERS=N overrides;
// 0 runs the replications in slices on the UI thread). Each run gets its own threads, which take
// tasks in order from a shared counter and run them on copies of the prepared scenarios; a new run
// or a cancel raises the old run's stop flag, and its threads end after the replication in hand
// (results they still send are dropped by the Runner).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "sim/experiment.h"
#include "web/platform.h"
#include "web/workspace.h"

namespace orgsim::ui {
namespace {

class ThreadTaskPool final : public TaskPool {
public:
    ThreadTaskPool() {
        const unsigned cores = std::thread::hardware_concurrency();
        workers_ = static_cast<int>(cores > 1 ? cores - 1 : 1);
        if (const char* env = std::getenv("ORGSIM_WORKERS")) workers_ = std::clamp(std::atoi(env), 0, 256);
    }
    ~ThreadTaskPool() override {
        StopJob();
        for (Thread& t : threads_) t.thread.join();
    }
    ThreadTaskPool(const ThreadTaskPool&) = delete;
    ThreadTaskPool& operator=(const ThreadTaskPool&) = delete;

    int Workers() const override { return workers_; }

    bool Start(std::uint64_t generation, const Experiment& e) override {
        StopJob();
        JoinFinished();
        auto job = std::make_shared<Job>();
        job->generation = generation;
        for (int i = 0; i < e.ScenarioCount(); ++i) {
            job->scenarios.push_back(e.GetScenario(i));
            const StructureOverride* o = e.OverrideOf(i);
            job->overrides.push_back(o ? *o : StructureOverride{});
        }
        job->task_count = e.TaskCount();
        job->keep_series = e.KeepsSeries();
        job->first_replication = e.FirstReplication();
        job->checkpoint_every = e.CheckpointEvery();
        job_ = job;
        for (int k = 0; k < workers_; ++k) {
            auto done = std::make_shared<std::atomic<bool>>(false);
            threads_.push_back({std::thread([this, job, done] { Work(*job); done->store(true); }), done});
        }
        return true;
    }

    void Cancel() override { StopJob(); }

    void Drain(std::vector<PoolEvent>& out) override {
        std::lock_guard<std::mutex> lock(mutex_);
        for (PoolEvent& ev : inbox_) out.push_back(std::move(ev));
        inbox_.clear();
    }

private:
    struct Job {
        std::uint64_t generation = 0;
        std::vector<Scenario> scenarios;  ///< prepared (common seed, horizon), copied
        int task_count = 0;
        bool keep_series = true;
        int first_replication = 0;
        int checkpoint_every = 0;
        std::vector<StructureOverride> overrides;  ///< per scenario (mask 0: none)
        std::atomic<int> next{0};
        std::atomic<bool> stop{false};
    };
    struct Thread {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };

    void Work(Job& job) {
        const int n = static_cast<int>(job.scenarios.size());
        while (!job.stop.load()) {
            const int task = job.next.fetch_add(1);
            if (task >= job.task_count) return;
            PoolEvent ev;
            ev.generation = job.generation;
            const StructureOverride& o = job.overrides[static_cast<std::size_t>(task % n)];
            ev.result = RunReplication(job.scenarios[static_cast<std::size_t>(task % n)], job.first_replication + task / n,
                                       job.keep_series, o.mechanisms ? &o : nullptr, job.checkpoint_every);
            ev.result.task = task;
            if (job.stop.load()) return;
            std::lock_guard<std::mutex> lock(mutex_);
            inbox_.push_back(std::move(ev));
        }
    }

    void StopJob() {
        if (job_) job_->stop.store(true);
        job_.reset();
    }

    // Threads of earlier runs that have ended (the others finish their replication first).
    void JoinFinished() {
        for (auto it = threads_.begin(); it != threads_.end();) {
            if (it->done->load()) {
                it->thread.join();
                it = threads_.erase(it);
            } else {
                ++it;
            }
        }
    }

    int workers_ = 1;
    std::shared_ptr<Job> job_;
    std::vector<Thread> threads_;
    std::mutex mutex_;
    std::vector<PoolEvent> inbox_;
};

}  // namespace

std::unique_ptr<TaskPool> PlatformCreateTaskPool() { return std::make_unique<ThreadTaskPool>(); }

}  // namespace orgsim::ui
