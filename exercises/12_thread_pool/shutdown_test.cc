// Exercise 12, ending the pool: Shutdown's two modes with tasks queued behind a busy worker,
// idle workers woken, Submit refused afterwards, a destructor that drains and joins, and a
// constructor that leaves no thread behind when it fails.
#include <gtest/gtest.h>
#include <sys/types.h>

#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "exercises/12_thread_pool/pool_test_helpers.h"
#include "exercises/12_thread_pool/thread_pool.h"
#include "tests/support/chaos.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"

namespace kata {
namespace {

using ::kata::testing::Leaked;
using ::kata::testing::ReturnsWithin;
using namespace ::kata::pool_testing;

// The order in which tasks ran, by number.
class RunLog {
 public:
  void Add(int i) {
    std::lock_guard<std::mutex> lock(mu_);
    ran_.push_back(i);
  }
  std::vector<int> Ran() {
    std::lock_guard<std::mutex> lock(mu_);
    return ran_;
  }

 private:
  std::mutex mu_;
  std::vector<int> ran_;  // guarded by mu_
};

// A one-worker pool's state for the shutdown tests: the worker busy with a gated task, and
// tasks queued behind it. Leaked: a stuck worker may use it after the test.
struct Backlog {
  GatedTask gate;
  std::future<std::string> busy;                 // the gated task's
  std::vector<std::future<std::string>> queued;  // task i logs i and returns "task i"
  RunLog log;
};

// Makes the only worker of `pool` busy with backlog.gate's task, then queues `n` tasks behind it.
::testing::AssertionResult QueueBehindABusyWorker(ThreadPool& pool, int n, Backlog& backlog) {
  backlog.busy = pool.Submit(backlog.gate.Task());
  if (!backlog.gate.WaitStarted()) {
    return ::testing::AssertionFailure()
           << "the task did not start: no worker ran it (is a sleeping worker woken on Submit?)";
  }
  for (int i = 0; i < n; ++i) {
    std::optional<std::future<std::string>> queued =
        ReturnsWithin(kSchedulingSlack, [&pool, &backlog, i] {
          return pool.Submit([&backlog, i](std::stop_token) {
            backlog.log.Add(i);
            return "task " + std::to_string(i);
          });
        });
    if (!queued.has_value()) {
      return ::testing::AssertionFailure()
             << "Submit() did not return while a task was running: it must queue the task and "
                "return at once";
    }
    backlog.queued.push_back(std::move(*queued));
  }
  return ::testing::AssertionSuccess();
}

// Tests that Shutdown(kDrain) lets the running task finish and then runs every queued task, in
// the order submitted, before it returns.
TEST(ShutdownTest, DrainRunsEveryQueuedTaskInOrder) {
  ThreadPool& pool = Leaked<ThreadPool>(1);
  Backlog& backlog = Leaked<Backlog>();
  ASSERT_TRUE(QueueBehindABusyWorker(pool, 4, backlog));
  HelperCall shutdown = CallOnHelper([&pool] { pool.Shutdown(Mode::kDrain); });
  // The gate opens only once Shutdown has begun and waits for the worker.
  ASSERT_TRUE(testing::WaitUntilBlockedInFutex(shutdown.tid, kSchedulingSlack))
      << "Shutdown(kDrain) returned while a task was still running: it must join the workers";
  backlog.gate.Open();
  ASSERT_EQ(std::future_status::ready, shutdown.done.wait_for(kShutdownDeadline))
      << "Shutdown(kDrain) had not returned " << FormatMs(kShutdownDeadline)
      << " after the last running task could finish";
  EXPECT_EQ("value: opened", Outcome(backlog.busy));
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ("value: task " + std::to_string(i), Outcome(backlog.queued[i], {}))
        << "a task queued before Shutdown(kDrain) must still run";
  }
  EXPECT_EQ((std::vector<int>{0, 1, 2, 3}), backlog.log.Ran())
      << "the order the queued tasks ran in";
}

// Tests that Shutdown(kCancelQueued) requests the running task's stop, and sets every queued
// task's future to Cancelled without running it. The running task ends at the stop request and
// holds Shutdown there until its worker has ended (GatedTask), so a worker can only reach a task
// the cancel has left on the queue.
TEST(ShutdownTest, CancelStopsTheRunningTaskAndCancelsTheQueued) {
  ThreadPool& pool = Leaked<ThreadPool>(1);
  Backlog& backlog = Leaked<Backlog>();
  ASSERT_TRUE(QueueBehindABusyWorker(pool, 3, backlog));
  ASSERT_TRUE(PromptShutdown(pool, Mode::kCancelQueued, "with a task running",
                             "request every worker's stop, so that the running task can end"));
  EXPECT_EQ("value: stopped", Outcome(backlog.busy))
      << "the running task must see its stop requested";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ("Cancelled", Outcome(backlog.queued[i], {}))
        << "a queued task's future after the cancel";
  }
  EXPECT_EQ(std::vector<int>{}, backlog.log.Ran())
      << "queued tasks ran, though cancelled. Take them off the queue before you request the "
         "workers' stop: a worker whose task ends at the request goes back to the queue";
}

// Tests that Shutdown wakes every idle worker, not one: 3 workers asleep waiting for work must
// all end.
TEST(ShutdownTest, WakesEveryIdleWorker) {
  ThreadPool& pool = Leaked<ThreadPool>(3);
  Rendezvous& rendezvous = Leaked<Rendezvous>(3);  // one task on each worker, to learn its id
  std::vector<std::future<std::string>> results;
  for (int i = 0; i < 3; ++i) results.push_back(pool.Submit(rendezvous.Task()));
  for (const std::string& outcome : Outcomes(results, 4 * kSchedulingSlack)) {
    ASSERT_EQ("value: met", outcome);
  }
  ASSERT_TRUE(testing::AllAsleepOnOneFutex(rendezvous.workers(), kSchedulingSlack))
      << "the 3 idle workers never slept in one wait at the same time";
  EXPECT_TRUE(
      PromptShutdown(pool, Mode::kDrain, "of 3 idle workers", "wake them all (notify_all)"));
}

// Tests that Submit after Shutdown throws Rejected, and that a second Shutdown returns at once.
TEST(ShutdownTest, SubmitAfterShutdownIsRejected) {
  ThreadPool& pool = Leaked<ThreadPool>(2);
  ASSERT_TRUE(PromptShutdown(pool, Mode::kDrain, "of an idle pool", "wake every worker"));
  std::string submitted;
  try {
    pool.Submit([](std::stop_token) { return std::string("ran"); });
    submitted = "accepted";
  } catch (const Rejected&) {
    submitted = "Rejected";
  } catch (const std::exception& e) {
    submitted = std::string("another exception: ") + e.what();
  }
  EXPECT_EQ("Rejected", submitted) << "Submit after Shutdown(kDrain)";
  EXPECT_TRUE(PromptShutdown(pool, Mode::kCancelQueued, "called a second time", "do nothing"));
}

// Tests that the destructor lets the running task finish, runs every queued task, and joins
// every worker before it returns.
TEST(ShutdownTest, TheDestructorDrainsAndJoins) {
  auto* pool = new ThreadPool(1);
  Backlog& backlog = Leaked<Backlog>();
  ASSERT_TRUE(QueueBehindABusyWorker(*pool, 3, backlog));
  const pid_t worker = backlog.gate.worker();
  HelperCall destroyed = CallOnHelper([pool] { delete pool; });
  ASSERT_TRUE(testing::WaitUntilBlockedInFutex(destroyed.tid, kSchedulingSlack))
      << "~ThreadPool() returned while a task was still running: it must join the workers";
  backlog.gate.Open();
  ASSERT_EQ(std::future_status::ready, destroyed.done.wait_for(kShutdownDeadline))
      << "~ThreadPool() had not returned " << FormatMs(kShutdownDeadline)
      << " after the running task could finish";
  EXPECT_EQ("value: opened", Outcome(backlog.busy))
      << "the running task must finish, not be stopped";
  EXPECT_EQ((std::vector<int>{0, 1, 2}), backlog.log.Ran())
      << "the tasks queued when ~ThreadPool() began";
  EXPECT_TRUE(testing::WaitUntilThreadEnded(worker, kSchedulingSlack))
      << "worker threads still running after ~ThreadPool()";
}

// The number of threads in this process.
int ThreadCount() { return static_cast<int>(testing::ThreadsOfThisProcess().size()); }

// Tests that the constructor refuses fewer than 1 worker, and that when a worker cannot start
// it throws and leaves no thread of the pool running (the start failure needs chaos mode).
TEST(ConstructorTest, ErrorsLeaveNoThreadRunning) {
  EXPECT_THROW({ ThreadPool pool(0); }, std::invalid_argument) << "ThreadPool(0)";
  EXPECT_THROW({ ThreadPool pool(-1); }, std::invalid_argument) << "ThreadPool(-1)";
  if (!testing::chaos::Interposed()) {
    GTEST_SKIP() << "needs chaos mode to make a thread fail to start: tools/grade run 12 --chaos";
  }
  const int before = ThreadCount();
  const std::optional<std::string> thrown = ReturnsWithin(4 * kSchedulingSlack, [] {
    if (!testing::chaos::FailThreadStart(2)) return std::string("no failure armed");
    try {
      ThreadPool pool(3);
      return std::string("nothing");
    } catch (const std::system_error&) {
      return std::string("std::system_error");
    } catch (const std::exception& e) {
      return std::string("another exception: ") + e.what();
    }
  });
  ASSERT_TRUE(thrown.has_value())
      << "ThreadPool(3) whose second thread cannot start had not returned after "
      << FormatMs(4 * kSchedulingSlack)
      << ": the worker already started must end at its stop request, so that it can be joined";
  EXPECT_EQ("std::system_error", *thrown) << "ThreadPool(3) whose second thread cannot start";
  bool none_left = false;
  for (int i = 0; i < 100 && !none_left; ++i) {  // the helper thread itself ends just after
    none_left = ThreadCount() <= before;
    if (!none_left) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(none_left) << "threads still running after the constructor threw: "
                         << ThreadCount() - before << " more than before";
}

}  // namespace
}  // namespace kata
