// Exercise 04 tests of JoinFor. Read them: they are the specification, with the reasons in the
// comments. join_test_helpers.h explains how a JoinFor that never returns fails instead of hangs.
#include <array>
#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <optional>
#include <string>
#include <vector>

#include "exercises/04_join_timeout/join_test_helpers.h"
#include "exercises/04_join_timeout/joinable_thread.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::join_testing::BlockedThread;
using ::kata::join_testing::PromptIsAlive;
using ::kata::join_testing::PromptJoin;
using ::kata::join_testing::TimedJoinFor;
using ::kata::testing::AllInTimedWait;
using ::kata::testing::AtLeast;
using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kForever;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;
using ::kata::testing::ReturnsWithin;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::ThisThreadId;
using ::kata::testing::TimedCall;

// The seed's join timeout (3 s there), scaled down.
constexpr auto kTimeout = 60ms;
// Zero, and a negative timeout, which must act like zero.
const std::chrono::nanoseconds kEdgeTimeouts[] = {0ms, -5ms};
const std::optional<std::string> kReturned = "";  // what PromptJoin gives for a plain return

// Tests the seed's d.join(3.0) on a thread that cannot finish yet: JoinFor gives up after the
// timeout, returns false, and IsAlive() then says the thread still runs. Once the test releases
// the thread, Join() returns and IsAlive() says false.
TEST(JoinForTest, TimesOutOnABlockedThread) {
  BlockedThread& blocked = Leaked<BlockedThread>();
  const std::optional<TimedCall<bool>> outcome = TimedJoinFor(blocked.thread, kTimeout);
  const std::optional<bool> alive_after_timeout = PromptIsAlive(blocked.thread);
  blocked.Release();
  const std::optional<std::string> join = PromptJoin(blocked.thread);
  const bool alive_after_join = blocked.thread.IsAlive();
  ASSERT_TRUE(outcome) << "JoinFor(60 ms) on a blocked thread was still waiting "
                       << FormatMs(kTimeout + kSchedulingSlack) << " later: it must give up "
                       << "once the timeout has passed";
  EXPECT_FALSE(outcome->value) << "JoinFor timed out, so it must return false";
  EXPECT_TRUE(AtLeast(outcome->took, kTimeout, "JoinFor(60 ms) on a blocked thread"));
  EXPECT_TRUE(KATA_WITHIN(outcome->took, kTimeout, kSchedulingSlack, "JoinFor(60 ms)"));
  EXPECT_EQ(std::optional<bool>(true), alive_after_timeout)
      << "IsAlive() must answer true at once while the thread is blocked (nullopt: it was still "
         "blocked "
      << FormatMs(kSchedulingSlack) << " later)";
  EXPECT_EQ(kReturned, join) << "Join() on the released thread must return, without throwing";
  EXPECT_FALSE(alive_after_join) << "IsAlive() must be false once Join() has returned";
}

// Tests that JoinFor returns true as soon as the thread has finished, even with an hour-long
// timeout: the finishing thread must wake the waiter.
TEST(JoinForTest, ReturnsTrueOnceTheThreadHasFinished) {
  std::latch& ran = Leaked<std::latch>(1);
  JoinableThread& t = Leaked<JoinableThread>([&ran] { ran.count_down(); });
  ran.wait();
  const auto outcome = ReturnsWithin(kSchedulingSlack, [&t] { return t.JoinFor(kForever); });
  ASSERT_TRUE(outcome) << "JoinFor(1 hour) on a thread that has finished was still waiting "
                       << FormatMs(kSchedulingSlack) << " later: it must return promptly";
  EXPECT_TRUE(*outcome) << "JoinFor returned false, but the thread had finished";
  EXPECT_FALSE(t.IsAlive()) << "IsAlive() must be false once JoinFor has returned true";
  EXPECT_EQ(kReturned, PromptJoin(t));
}

// Tests that the finishing thread wakes EVERY thread waiting in JoinFor, not just one: 3 threads
// call JoinFor(1 hour) at once, and only when all 3 are asleep in their wait (the kernel says so)
// does the test let the thread finish. Each waiter must then return true promptly. A thread that
// sets finished_ but notifies nobody, or wakes one waiter with notify_one, leaves waiters asleep.
TEST(JoinForTest, WakesEveryWaiterWhenTheThreadFinishes) {
  constexpr int kWaiters = 3;
  BlockedThread& blocked = Leaked<BlockedThread>();
  std::array<std::atomic<pid_t>, kWaiters>& tids =
      Leaked<std::array<std::atomic<pid_t>, kWaiters>>();
  std::latch& started = Leaked<std::latch>(kWaiters);
  std::vector<std::future<bool>> returned;
  for (int i = 0; i < kWaiters; ++i) {
    returned.push_back(OnHelperThread([&blocked, &tids, &started, i] {
      tids[i] = ThisThreadId();
      started.count_down();
      return blocked.thread.JoinFor(kForever);
    }));
  }
  started.wait();
  // If the waiters never all seem asleep (an unusual but correct JoinFor), the test goes on:
  // every waiter must return true promptly all the same.
  (void)AllInTimedWait({tids[0], tids[1], tids[2]}, kSchedulingSlack);
  blocked.Release();
  const auto deadline = Clock::now() + kSchedulingSlack;
  int woken = 0;
  for (std::future<bool>& result : returned) {
    if (result.wait_until(deadline) != std::future_status::ready) continue;
    ++woken;
    EXPECT_TRUE(result.get()) << "JoinFor returned false, but the thread had finished";
  }
  EXPECT_EQ(kReturned, PromptJoin(blocked.thread));
  EXPECT_EQ(kWaiters, woken) << "of " << kWaiters << " threads waiting in JoinFor(1 hour), only "
                             << woken << " returned within " << FormatMs(kSchedulingSlack)
                             << " after the thread finished: the finishing thread must wake "
                             << "every waiter (set finished_ under mu_, then notify_all)";
}

// Tests that a timeout of zero only checks, and that a negative timeout acts like zero: both
// return false at once on a running thread, and true on a finished one.
TEST(JoinForTest, ZeroOrNegativeTimeoutOnlyChecks) {
  BlockedThread& blocked = Leaked<BlockedThread>();
  for (const std::chrono::nanoseconds timeout : kEdgeTimeouts) {
    const std::string call = "JoinFor(" + FormatMs(timeout) + ")";
    const std::optional<TimedCall<bool>> outcome = TimedJoinFor(blocked.thread, timeout);
    if (!outcome) {  // let the stuck call return, and join, so that nothing leaks
      blocked.Release();
      (void)PromptJoin(blocked.thread);
    }
    ASSERT_TRUE(outcome) << call << " on a blocked thread was still waiting "
                         << FormatMs(kSchedulingSlack) << " later: it must only check";
    EXPECT_FALSE(outcome->value) << call << " on a blocked thread must return false";
    EXPECT_TRUE(KATA_WITHIN(outcome->took, 0ms, kSchedulingSlack, call + " on a blocked thread"));
  }
  blocked.Release();
  ASSERT_EQ(kReturned, PromptJoin(blocked.thread));
  for (const std::chrono::nanoseconds timeout : kEdgeTimeouts) {
    const std::string call = "JoinFor(" + FormatMs(timeout) + ")";
    const std::optional<TimedCall<bool>> outcome = TimedJoinFor(blocked.thread, timeout);
    ASSERT_TRUE(outcome) << call << " on a finished thread did not return";
    EXPECT_TRUE(outcome->value) << call << " on a finished thread must return true";
  }
}

// Tests that JoinFor sleeps while it waits: during a 200 ms JoinFor its thread runs for less time
// than it sleeps, where a loop that checks the flag again and again never sleeps, and it wakes up
// at most once per 10 ms, where a loop that sleeps a little between checks wakes up every time.
// Only that thread is measured, and time it spends waiting for a CPU is left out, so other load
// on the machine does not matter.
TEST(JoinForTest, DoesNotBusyWait) {
  constexpr auto kLongTimeout = 200ms;
  BlockedThread& blocked = Leaked<BlockedThread>();
  const std::optional<TimedCall<bool>> outcome = TimedJoinFor(blocked.thread, kLongTimeout);
  blocked.Release();
  EXPECT_EQ(kReturned, PromptJoin(blocked.thread));
  ASSERT_TRUE(outcome) << "JoinFor(200 ms) on a blocked thread did not return";
  ASSERT_TRUE(AtLeast(outcome->took, kLongTimeout, "JoinFor(200 ms) on a blocked thread"));
  EXPECT_TRUE(SleptThroughWait(outcome->cost, "JoinFor(200 ms)"));
}

}  // namespace
}  // namespace kata
