// Exercise 12, while the pool runs: results and exceptions through futures, workers woken by
// Submit, tasks running side by side, and idle workers that sleep.
#include "exercises/12_thread_pool/thread_pool.h"

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "exercises/12_thread_pool/pool_test_helpers.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using ::kata::testing::Leaked;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::ThreadCost;
using ::kata::testing::ThreadMeter;
using namespace ::kata::pool_testing;
using namespace std::chrono_literals;

// Tests that every submitted task runs, and that its future gets what it returned, or the
// exception it threw.
TEST(SubmitTest, EveryTaskRunsAndItsFutureGetsTheResult) {
  ThreadPool& pool = Leaked<ThreadPool>(3);  // a stuck worker may outlive the test
  std::vector<std::future<std::string>> results;
  for (int i = 0; i < 10; ++i) {
    if (i == 8) {
      results.push_back(
          pool.Submit([](std::stop_token) -> std::string { throw std::runtime_error("404"); }));
    } else {
      results.push_back(pool.Submit([i](std::stop_token) { return "task " + std::to_string(i); }));
    }
  }
  const std::vector<std::string> outcomes = Outcomes(results);
  for (int i = 0; i < 10; ++i) {
    if (i == 8) continue;
    EXPECT_EQ("value: task " + std::to_string(i), outcomes[i]) << "task " << i;
  }
  EXPECT_EQ("exception: 404", outcomes[8]) << "a task's exception must reach its future";
  EXPECT_TRUE(PromptShutdown(pool, Mode::kDrain, "of an idle pool", "wake every worker"));
}

// Tests that Submit wakes a worker that is asleep waiting for work: the task runs promptly.
TEST(SubmitTest, WakesASleepingWorker) {
  ThreadPool& pool = Leaked<ThreadPool>(1);
  pid_t worker = 0;
  std::future<std::string> first = pool.Submit([&worker](std::stop_token) {
    worker = testing::ThisThreadId();
    return std::string("ran");
  });
  ASSERT_EQ("value: ran", Outcome(first))
      << "the task did not start: no worker ran it (is a sleeping worker woken on Submit?)";
  ASSERT_TRUE(testing::WaitUntilBlockedInFutex(worker, kSchedulingSlack))
      << "the idle worker never went to sleep";
  std::future<std::string> second = pool.Submit([](std::stop_token) { return std::string("ran"); });
  EXPECT_EQ("value: ran", Outcome(second, 2 * kSchedulingSlack))
      << "the task submitted to a pool whose worker slept did not run within "
      << FormatMs(2 * kSchedulingSlack) << ": Submit must wake a worker (notify_one)";
  EXPECT_TRUE(PromptShutdown(pool, Mode::kDrain, "of an idle pool", "wake every worker"));
}

// Tests that a pool of 3 runs 3 tasks at once: each waits until all 3 are running.
TEST(SubmitTest, WorkersRunTasksAtTheSameTime) {
  ThreadPool& pool = Leaked<ThreadPool>(3);
  Rendezvous& rendezvous = Leaked<Rendezvous>(3);
  std::vector<std::future<std::string>> results;
  for (int i = 0; i < 3; ++i) results.push_back(pool.Submit(rendezvous.Task()));
  for (const std::string& outcome : Outcomes(results, 4 * kSchedulingSlack)) {
    EXPECT_EQ("value: met", outcome)
        << "3 workers must run 3 tasks at once, without holding mu_ while a task runs";
  }
  EXPECT_TRUE(PromptShutdown(pool, Mode::kDrain, "of an idle pool", "wake every worker"));
}

// Tests that a worker with nothing to do sleeps: it neither spins nor polls with short sleeps
// while the pool stays idle for 200 ms between two tasks.
TEST(SubmitTest, AnIdleWorkerSleeps) {
  ThreadPool& pool = Leaked<ThreadPool>(1);
  std::optional<ThreadMeter>& meter = Leaked<std::optional<ThreadMeter>>();
  ThreadCost& spent = Leaked<ThreadCost>();
  std::future<std::string> first = pool.Submit([&meter](std::stop_token) {
    meter.emplace();  // on the worker: it measures the worker
    return std::string("started the meter");
  });
  ASSERT_EQ("value: started the meter", Outcome(first));
  std::this_thread::sleep_for(200ms);  // the pool idles
  std::future<std::string> second = pool.Submit([&meter, &spent](std::stop_token) {
    spent = meter->Elapsed();
    return std::string("read the meter");
  });
  ASSERT_EQ("value: read the meter", Outcome(second));
  EXPECT_TRUE(SleptThroughWait(spent, "an idle worker"));
  EXPECT_TRUE(PromptShutdown(pool, Mode::kDrain, "of an idle pool", "wake every worker"));
}

}  // namespace
}  // namespace kata
