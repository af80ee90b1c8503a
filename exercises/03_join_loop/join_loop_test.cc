// Exercise 03 tests: every job on a thread of its own, all at once, results in job order.
// Read them: they are the specification, with the reasons in the comments.
#include "exercises/03_join_loop/join_loop.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "exercises/03_join_loop/job_log.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::join_loop_test::Jobs;
using ::kata::join_loop_test::kStillBusy;
using ::kata::testing::AtLeast;
using ::kata::testing::JobLog;
using ::kata::testing::Leaked;
using ::kata::testing::Stopwatch;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The seed's one second, scaled down: how long each job of the timing tests sleeps.
constexpr auto kNap = 400ms;
// What starting and joining a handful of threads may add to kNap on a loaded machine. Jobs run
// one after another would add at least another kNap per job.
constexpr auto kThreadStartSlack = kNap;

// Tests that the jobs really run at the same time: each of 5 jobs arrives at one shared latch
// and waits there until all 5 have arrived. Run one after another, job 0 would wait for ever --
// it gives up after kJobWaitDeadline instead -- so this proves concurrency without a clock.
TEST(RunAllTest, RunsEveryJobAtTheSameTime) {
  constexpr int kJobs = 5;
  JobLog& log = Leaked<JobLog>();
  const std::thread::id caller = std::this_thread::get_id();
  const std::vector<std::int64_t> results = RunAll(Leaked<Jobs>(kJobs, [&log, caller](int i) {
    if (std::this_thread::get_id() == caller) log.Note(i, "ran on the calling thread");
    log.ArriveAndWait(i, kJobs);
    return std::int64_t{i};
  }));
  EXPECT_FALSE(log.gave_up()) << "the jobs waited at the latch for all " << kJobs
                              << " to arrive, in vain: they were never all running at once.\n"
                              << "Start every thread first, then join them. What the jobs did:\n"
                              << log.Dump();
  const std::vector<std::string> texts = log.Texts();
  for (int i = 0; i < kJobs; ++i) {
    const std::string ran = "job " + std::to_string(i) + " arrived";
    EXPECT_EQ(1, std::count(texts.begin(), texts.end(), ran))
        << "job " << i << " must run exactly once. What the jobs did:\n"
        << log.Dump();
  }
  const auto jobs_on_callers_thread = std::count_if(
      texts.begin(), texts.end(),
      [](const std::string& text) { return text.ends_with("ran on the calling thread"); });
  EXPECT_EQ(0, jobs_on_callers_thread)
      << "RunAll must run each job on a new thread of its own, never on its caller's thread:\n"
      << log.Dump();
  EXPECT_THAT(results, ElementsAre(0, 1, 2, 3, 4));
}

// Tests the seed's picture in numbers: 4 jobs that each sleep kNap take about kNap together,
// not 4 * kNap. At least kNap, because sleep_for never wakes early; under 2 * kNap, the second
// kNap being kThreadStartSlack.
TEST(RunAllTest, TakesAsLongAsOneJobNotAsAllOfThem) {
  Stopwatch watch;
  const std::vector<std::int64_t> results = RunAll(Leaked<Jobs>(4, [](int i) {
    std::this_thread::sleep_for(kNap);
    return std::int64_t{i};
  }));
  const auto elapsed = watch.Elapsed();
  EXPECT_TRUE(AtLeast(elapsed, kNap, "RunAll of 4 jobs that each sleep 400 ms"))
      << "RunAll returned before its jobs had finished: join every thread you started.";
  EXPECT_TRUE(
      KATA_WITHIN(elapsed, kNap, kThreadStartSlack, "RunAll of 4 jobs that each sleep 400 ms"))
      << "one after another, 4 such jobs take 1600 ms; all at the same time, about 400 ms.";
  EXPECT_THAT(results, ElementsAre(0, 1, 2, 3));
}

// Tests that RunAll waits for every job, not only for the last one it started: job 0 is still
// busy for kStillBusy after the last job has finished, yet must be finished, its result in place,
// by the time RunAll returns.
TEST(RunAllTest, WaitsForEveryJobNotJustTheLast) {
  constexpr int kJobs = 4;
  JobLog& log = Leaked<JobLog>();
  const std::vector<std::int64_t> results = RunAll(Leaked<Jobs>(kJobs, [&log](int i) {
    if (i == 0) {
      log.WaitFor(kJobs - 1, "finished");
      std::this_thread::sleep_for(kStillBusy);
    }
    log.Note(i, "finished");
    return std::int64_t{10 + i};
  }));
  const std::vector<std::string> texts = log.Texts();  // what had happened when RunAll returned
  for (int i = 0; i < kJobs; ++i) {
    EXPECT_THAT(texts, Contains("job " + std::to_string(i) + " finished"))
        << "RunAll returned while job " << i << " was still running: join every thread.\n"
        << log.Dump();
  }
  EXPECT_THAT(results, ElementsAre(10, 11, 12, 13));
  EXPECT_FALSE(log.gave_up()) << "job 0 waited in vain for job 3, which should run at the "
                                 "same time:\n"
                              << log.Dump();
}

// Tests that results come back in job order even when the jobs finish in the opposite order:
// each job waits until the next one has finished, so job 4 finishes first and job 0 last.
TEST(RunAllTest, ReturnsResultsInJobOrderNotFinishingOrder) {
  constexpr int kJobs = 5;
  JobLog& log = Leaked<JobLog>();
  const std::vector<std::int64_t> results = RunAll(Leaked<Jobs>(kJobs, [&log](int i) {
    if (i + 1 < kJobs) log.WaitFor(i + 1, "finished");
    log.Note(i, "finished");
    return std::int64_t{100 + i};
  }));
  EXPECT_FALSE(log.gave_up()) << "each job waits for the next one to finish, so all of them "
                                 "must be running at once; they were not:\n"
                              << log.Dump();
  EXPECT_THAT(results, ElementsAre(100, 101, 102, 103, 104))
      << "element i must be what job i returned, although the jobs finished in this order:\n"
      << log.Dump();
}

// Tests that RunAll may be called from several threads at once, and that the calls do not wait
// for each other: 2 callers each run 2 jobs, and all 4 jobs meet at one shared latch, which they
// can reach only if both calls run their jobs at the same time.
TEST(RunAllTest, CanBeCalledFromSeveralThreadsAtOnce) {
  constexpr int kCallers = 2;
  static constexpr int kJobsPerCall = 2;  // static: a lambda below reads it uncaptured
  JobLog& log = Leaked<JobLog>();
  std::vector<std::vector<std::int64_t>> results(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&log, &results, c] {
      results[c] = RunAll(Leaked<Jobs>(kJobsPerCall, [&log, c](int i) {
        const int job = c * kJobsPerCall + i;
        log.ArriveAndWait(job, kCallers * kJobsPerCall);
        return std::int64_t{job};
      }));
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_FALSE(log.gave_up()) << "the jobs of " << kCallers << " RunAll calls made at once "
                              << "waited at one latch in vain: one call waited for the other. "
                              << "Keep no lock and no shared state across calls. What the jobs "
                              << "did:\n"
                              << log.Dump();
  EXPECT_THAT(results[0], ElementsAre(0, 1));
  EXPECT_THAT(results[1], ElementsAre(2, 3));
}

// Tests that no jobs give no results (and no thread to wait for).
TEST(RunAllTest, NoJobsGiveNoResults) { EXPECT_THAT(RunAll({}), IsEmpty()); }

}  // namespace
}  // namespace kata
