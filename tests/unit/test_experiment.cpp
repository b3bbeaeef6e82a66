// test_experiment.cpp: an experiment's replications as independent tasks (threads, Web Workers):
// results accepted in any order merge in task order, bit-identical to a run on one thread.
#include <doctest/doctest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "cli/parallel.h"
#include "sim/experiment.h"
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
