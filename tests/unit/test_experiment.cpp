// test_experiment.cpp: an experiment's replications as independent tasks (threads, Web Workers):
// results accepted in any order merge in task order, bit-identical to a run on one thread.
#include <doctest/doctest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "cli/parallel.h"
#include "sim/experiment.h"
#include "sim/world.h"
#include "tests/unit/fixtures.h"

using namespace orgsim;
using orgsim::testing::Default;
using orgsim::testing::Preset;

namespace {
Experiment Small(bool keep_series) { return Experiment({Default(), Preset("cio_reports_to_ceo.json")}, 6, 40, keep_series); }

void CheckSame(const Experiment& a, const Experiment& b) {
    REQUIRE(a.Done());
    REQUIRE(b.Done());
    for (int i = 0; i < a.ScenarioCount(); ++i) {
        CHECK(a.Hashes(i) == b.Hashes(i));
        CHECK(a.CombinedHash(i) == b.CombinedHash(i));
        for (int k = 0; k < kSeriesCount; ++k) CHECK(a.Finals(i, static_cast<SeriesId>(k)) == b.Finals(i, static_cast<SeriesId>(k)));
        std::vector<double> ma, la, ha, mb, lb, hb;
        a.WeeklyBand(i, SeriesId::Trust, ma, la, ha);
        b.WeeklyBand(i, SeriesId::Trust, mb, lb, hb);
        CHECK(ma == mb);
        CHECK(la == lb);
        CHECK(ha == hb);
    }
}
}  // namespace

TEST_CASE("experiment tasks: results accepted in reverse order merge in task order, identical to slices") {
    Experiment sliced = Small(true), tasks = Small(true);
    sliced.RunAll();
    CHECK(tasks.TaskCount() == 12);
    std::vector<ReplicationResult> results;
    for (int t = 0; t < tasks.TaskCount(); ++t) results.push_back(tasks.RunTask(t));
    for (int t = tasks.TaskCount() - 1; t > 0; --t) {
        CHECK(tasks.Accept(results[static_cast<std::size_t>(t)]));
        CHECK(tasks.Completed() == 0);  // nothing merges while task 0 is missing
    }
    CHECK(tasks.Progress() > 0.9);
    CHECK(tasks.Accept(results[0]));
    CheckSame(sliced, tasks);
}

TEST_CASE("experiment tasks: a result a worker delivers while the slices run is used once; duplicates and bad shapes are refused") {
    Experiment sliced = Small(false), mixed = Small(false);
    sliced.RunAll();
    CHECK(mixed.Accept(mixed.RunTask(3)));
    CHECK_FALSE(mixed.Accept(mixed.RunTask(3)));  // already pending
    mixed.RunSlice(100);                          // the slices run tasks 0.. and pick up 3 when they reach it
    ReplicationResult wrong = mixed.RunTask(7);
    wrong.finals.pop_back();
    CHECK_FALSE(mixed.Accept(wrong));
    ReplicationResult beyond = mixed.RunTask(7);
    beyond.task = mixed.TaskCount();
    CHECK_FALSE(mixed.Accept(beyond));
    mixed.RunAll();
    CHECK_FALSE(mixed.Accept(mixed.RunTask(0)));  // already merged
    CheckSame(sliced, mixed);
}

TEST_CASE("experiment tasks: series of the wrong length are refused when series are kept") {
    Experiment e = Small(true);
    ReplicationResult r = e.RunTask(0);
    r.series.resize(r.series.size() - 1);
    CHECK_FALSE(e.Accept(r));
    CHECK(e.Accept(e.RunTask(0)));
    CHECK(e.Completed() == 0);
    CHECK(e.NextTaskInOrder() == 1);
}

TEST_CASE("experiment checkpoints: the series' values every N weeks, the same in slices, in tasks and in one world") {
    // 100 weeks every 30: checkpoints at weeks 30, 60 and 90 (not at the end, which the finals hold).
    auto make = [] {
        Experiment e({Default(), Preset("cio_reports_to_ceo.json")}, 3, 100, false);
        REQUIRE(e.SetCheckpointEvery(30));
        return e;
    };
    Experiment sliced = make(), tasks = make();
    CHECK(sliced.Checkpoints() == 3);
    CHECK(CheckpointCount(104, 52) == 1);  // a checkpoint on the last week would be the finals
    CHECK(CheckpointCount(105, 52) == 2);
    CHECK(CheckpointCount(100, 0) == 0);
    // Slices of odd sizes cross the checkpoints: the chunks stop on them.
    while (sliced.RunSlice(17)) {
    }
    std::vector<ReplicationResult> results;
    for (int t = 0; t < tasks.TaskCount(); ++t) results.push_back(tasks.RunTask(t));
    for (int t = tasks.TaskCount() - 1; t >= 0; --t) CHECK(tasks.Accept(results[static_cast<std::size_t>(t)]));
    CheckSame(sliced, tasks);
    for (int i = 0; i < 2; ++i)
        for (int rep = 0; rep < 3; ++rep) {
            World w(sliced.GetScenario(i), rep);
            for (int c = 0; c < 3; ++c) {
                w.StepWeeks(30);
                for (SeriesId id : {SeriesId::Trust, SeriesId::OperatingProfit, SeriesId::TimeToMarket}) {
                    CHECK(sliced.CheckpointValue(i, rep, c, id) == w.Series(id).back());
                    CHECK(tasks.CheckpointValue(i, rep, c, id) == w.Series(id).back());
                }
            }
        }
    // The checkpoints do not change the run: the same finals and hashes as without them.
    Experiment plain({Default(), Preset("cio_reports_to_ceo.json")}, 3, 100, false);
    plain.RunAll();
    CheckSame(plain, sliced);
}

TEST_CASE("experiment checkpoints: set before the work only; results without them (or with too many) are refused") {
    Experiment e({Default()}, 2, 60, false);
    CHECK_FALSE(e.SetCheckpointEvery(-1));
    REQUIRE(e.SetCheckpointEvery(20));
    ReplicationResult r = e.RunTask(0);
    CHECK(r.checkpoints.size() == 2u * static_cast<std::size_t>(kSeriesCount));
    ReplicationResult missing = r;
    missing.checkpoints.clear();
    CHECK_FALSE(e.Accept(missing));
    ReplicationResult extra = r;
    extra.checkpoints.push_back(1.0);
    CHECK_FALSE(e.Accept(extra));
    CHECK(e.Accept(r));
    CHECK_FALSE(e.SetCheckpointEvery(10));  // work has started
    CHECK(e.CheckpointEvery() == 20);
}

TEST_CASE("--threads: 1, 2, 3 and 8 threads give the same results and hashes") {
    Experiment one = Small(true);
    cli::RunExperiment(one, 1, [] {});
    for (int threads : {2, 3, 8}) {
        INFO(threads << " threads");
        Experiment many = Small(true);
        int calls = 0;
        cli::RunExperiment(many, threads, [&] { ++calls; });
        CHECK(calls >= 1);
        CheckSame(one, many);
    }
}
