// Exercise 07 tests of Notification. Read them: they are the specification, with the reasons in
// the comments. notification_test_helpers.h explains how a call that never returns fails instead
// of hanging.
#include "exercises/07_notification/notification.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "exercises/07_notification/notification_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::notification_testing::kUntilAsleep;
using ::kata::notification_testing::NotifiesPromptly;
using ::kata::notification_testing::PromptHasBeenNotified;
using ::kata::notification_testing::TimedWait;
using ::kata::notification_testing::WaitOutcome;
using ::kata::testing::AllAsleepOnOneFutex;
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
using ::kata::testing::ThreadCost;
using ::kata::testing::ThreadMeter;

// Long enough to measure how a waiting thread spends its time.
constexpr auto kWait = 100ms;
// Zero, and a negative timeout, which must act like zero.
const std::chrono::nanoseconds kEdgeTimeouts[] = {0ms, -5ms};

// Tests that once Notify() has returned, every query sees it at once: HasBeenNotified() is true,
// WaitForNotification() returns, and the timed wait returns true, whatever its timeout.
TEST(NotificationTest, EveryQuerySeesANotifyThatHasReturned) {
  Notification& n = Leaked<Notification>();
  ASSERT_TRUE(NotifiesPromptly(n));
  EXPECT_EQ(std::optional<bool>(true), PromptHasBeenNotified(n))
      << "HasBeenNotified() after Notify() (nullopt: it blocked)";
  const std::optional<bool> waited = ReturnsWithin(kSchedulingSlack, [&n] {
    n.WaitForNotification();
    return true;
  });
  EXPECT_TRUE(waited) << "WaitForNotification() after Notify() was still waiting "
                      << FormatMs(kSchedulingSlack) << " later: it must return at once";
  const std::chrono::nanoseconds timeouts[] = {kForever, 0ms, -5ms};
  for (const std::chrono::nanoseconds timeout : timeouts) {
    const std::string call = "WaitForNotificationWithTimeout(" +
                             (timeout == kForever ? "1 hour" : FormatMs(timeout)) + ")";
    const std::optional<bool> notified = ReturnsWithin(
        kSchedulingSlack, [&n, timeout] { return n.WaitForNotificationWithTimeout(timeout); });
    ASSERT_TRUE(notified) << call << " after Notify() was still waiting "
                          << FormatMs(kSchedulingSlack) << " later: it must return at once";
    EXPECT_TRUE(*notified) << call << " after Notify() must return true";
  }
}

// Tests that a second Notify() does nothing, as a second set() does in Python: it returns
// without throwing, and the notification stays notified.
TEST(NotificationTest, ASecondNotifyDoesNothing) {
  Notification& n = Leaked<Notification>();
  ASSERT_TRUE(NotifiesPromptly(n, "the first Notify()"));
  EXPECT_TRUE(NotifiesPromptly(n, "the second Notify()"));
  EXPECT_EQ(std::optional<bool>(true), PromptHasBeenNotified(n))
      << "HasBeenNotified() after two calls of Notify()";
}

// Tests that Notify() wakes EVERY waiter, not just one: 4 threads wait, 2 in
// WaitForNotification() and 2 in WaitForNotificationWithTimeout(1 hour), and only when all 4 are
// asleep on the condition variable (the kernel says so) does the test call Notify(). Each must
// then return promptly, having seen the notification. Notifying nobody, or one waiter with
// notify_one, leaves waiters asleep.
TEST(WaitTest, NotifyWakesEveryWaiter) {
  constexpr int kWaiters = 4;
  Notification& n = Leaked<Notification>();
  std::vector<std::atomic<pid_t>>& tids = Leaked<std::vector<std::atomic<pid_t>>>(kWaiters);
  std::latch& started = Leaked<std::latch>(kWaiters);
  std::vector<std::future<bool>> returned;
  for (int i = 0; i < kWaiters; ++i) {
    returned.push_back(OnHelperThread([&n, &tids, &started, i] {
      tids[i] = ThisThreadId();
      started.count_down();
      if (i % 2 == 1) return n.WaitForNotificationWithTimeout(kForever);
      n.WaitForNotification();
      return n.HasBeenNotified();
    }));
  }
  started.wait();
  // If the waiters never all seem asleep (an unusual but correct wait), the test goes on: every
  // waiter must return promptly all the same.
  (void)AllAsleepOnOneFutex({tids[0], tids[1], tids[2], tids[3]}, kSchedulingSlack);
  EXPECT_TRUE(NotifiesPromptly(n));
  const auto deadline = Clock::now() + kSchedulingSlack;
  int woken = 0;
  for (std::future<bool>& result : returned) {
    if (result.wait_until(deadline) != std::future_status::ready) continue;
    ++woken;
    EXPECT_TRUE(result.get()) << "a wait returned without having seen the notification";
  }
  EXPECT_EQ(kWaiters, woken) << "of " << kWaiters << " threads waiting for the notification, only "
                             << woken << " returned within " << FormatMs(kSchedulingSlack)
                             << " after Notify(): Notify must wake every waiter (set notified_ "
                             << "under mu_, then notify_all)";
}

// Tests that WaitForNotification() returns only after Notify(): the waiter checks, as soon as
// its wait returns, that the notification is there. In chaos mode the waiter's first
// condition-variable wait always wakes up without a notify, as POSIX allows; a wait that takes
// any wakeup for the notification returns too early.
TEST(WaitTest, NeverReturnsBeforeNotify) {
  Notification& n = Leaked<Notification>();
  std::atomic<pid_t>& tid = Leaked<std::atomic<pid_t>>(0);
  std::latch& started = Leaked<std::latch>(1);
  std::future<bool> saw = OnHelperThread([&n, &tid, &started] {
    tid = ThisThreadId();
    started.count_down();
    n.WaitForNotification();
    return n.HasBeenNotified();
  });
  started.wait();
  // Notify only once the waiter sleeps (or after kSchedulingSlack if it never seems to).
  (void)::kata::testing::WaitUntilBlockedInFutex(tid, kSchedulingSlack);
  const bool returned_early = saw.wait_for(0s) == std::future_status::ready;
  EXPECT_TRUE(NotifiesPromptly(n));
  ASSERT_EQ(std::future_status::ready, saw.wait_for(kSchedulingSlack))
      << "WaitForNotification() was still waiting " << FormatMs(kSchedulingSlack)
      << " after Notify()";
  EXPECT_TRUE(saw.get() && !returned_early)
      << "WaitForNotification() returned before Notify() was called. A condition variable may "
         "wake up without a notify: wait until notified_ is true (the wait that takes a "
         "predicate does)";
}

// Tests that WaitForNotification() sleeps while it waits: with Notify() 100 ms later, its thread
// runs for less time than it sleeps, where a loop that checks the flag again and again never
// sleeps, and it wakes up at most once per 10 ms, where a loop that sleeps a little between
// checks wakes up every time. Time the thread spends waiting for a CPU is left out, so other
// load on the machine does not matter.
TEST(WaitTest, DoesNotPollOrSpin) {
  Notification& n = Leaked<Notification>();
  std::latch& started = Leaked<std::latch>(1);
  std::future<ThreadCost> cost = OnHelperThread([&n, &started] {
    const ThreadMeter meter;
    started.count_down();
    n.WaitForNotification();
    return meter.Elapsed();
  });
  started.wait();
  std::this_thread::sleep_for(kWait);
  EXPECT_TRUE(NotifiesPromptly(n));
  ASSERT_EQ(std::future_status::ready, cost.wait_for(kSchedulingSlack))
      << "WaitForNotification() did not return after Notify()";
  const ThreadCost spent = cost.get();
  ASSERT_TRUE(AtLeast(spent.wall, kWait, "WaitForNotification() with Notify() 100 ms later"));
  EXPECT_TRUE(SleptThroughWait(spent, "WaitForNotification()"));
}

// Tests Python's wait(timeout) when nobody calls set(): the timed wait gives up after the
// timeout, returns false, and sleeps meanwhile.
TEST(TimedWaitTest, GivesUpAfterTheTimeout) {
  Notification& n = Leaked<Notification>();
  const std::optional<WaitOutcome> outcome = TimedWait(n, kWait);
  ASSERT_TRUE(outcome) << "WaitForNotificationWithTimeout(100 ms) was still waiting "
                       << FormatMs(kWait + kSchedulingSlack)
                       << " later: it must give up once the timeout has passed";
  EXPECT_FALSE(outcome->notified) << "nobody called Notify(), so the timed wait must return false";
  EXPECT_TRUE(AtLeast(outcome->took, kWait, "WaitForNotificationWithTimeout(100 ms)"));
  EXPECT_TRUE(KATA_WITHIN(outcome->took, kWait, kSchedulingSlack,
                          "WaitForNotificationWithTimeout(100 ms)"));
  EXPECT_TRUE(SleptThroughWait(outcome->cost, "WaitForNotificationWithTimeout"));
}

// Tests that a timeout of zero only checks, and that a negative timeout acts like zero: both
// return false at once before Notify(), and true after it.
TEST(TimedWaitTest, ZeroOrNegativeTimeoutOnlyChecks) {
  Notification& n = Leaked<Notification>();
  for (const bool notified : {false, true}) {
    if (notified) {
      ASSERT_TRUE(NotifiesPromptly(n));
    }
    for (const std::chrono::nanoseconds timeout : kEdgeTimeouts) {
      const std::string call = "WaitForNotificationWithTimeout(" + FormatMs(timeout) + ")" +
                               (notified ? " after Notify()" : " before Notify()");
      const std::optional<WaitOutcome> outcome = TimedWait(n, timeout);
      ASSERT_TRUE(outcome) << call << " was still waiting " << FormatMs(kSchedulingSlack)
                           << " later: it must only check";
      EXPECT_EQ(notified, outcome->notified) << call;
      EXPECT_TRUE(KATA_WITHIN(outcome->took, 0ms, kSchedulingSlack, call));
    }
  }
}

// Tests that a thread waiting for the notification holds nobody up: while it waits with a
// 1-hour timeout, HasBeenNotified() and Notify() return at once, and Notify() wakes it.
TEST(NotifyTest, DoesNotWaitForTheWaiters) {
  Notification& n = Leaked<Notification>();
  std::atomic<pid_t>& tid = Leaked<std::atomic<pid_t>>(0);
  std::latch& started = Leaked<std::latch>(1);
  std::future<bool> waited = OnHelperThread([&n, &tid, &started] {
    tid = ThisThreadId();
    started.count_down();
    return n.WaitForNotificationWithTimeout(kForever);
  });
  started.wait();
  // Go on once the waiter sleeps in its timed wait (or after kUntilAsleep if it never does).
  (void)AllInTimedWait({tid}, kUntilAsleep);
  EXPECT_EQ(std::optional<bool>(false), PromptHasBeenNotified(n))
      << "HasBeenNotified() while a thread waited for 1 hour (nullopt: it blocked until "
      << FormatMs(kSchedulingSlack) << " had passed)";
  EXPECT_TRUE(NotifiesPromptly(n, "Notify() while a thread waited for 1 hour"));
  ASSERT_EQ(std::future_status::ready, waited.wait_for(kSchedulingSlack))
      << "WaitForNotificationWithTimeout(1 hour) was still waiting after Notify()";
  EXPECT_TRUE(waited.get()) << "WaitForNotificationWithTimeout(1 hour) woken by Notify() must "
                               "return true";
}

// Tests that HasBeenNotified() may be polled from another thread while Notify() runs: the poller
// sees the notification promptly, and ThreadSanitizer sees no data race on the flag.
TEST(HasBeenNotifiedTest, CanBePolledWhileNotifyRuns) {
  Notification& n = Leaked<Notification>();
  std::latch& polling = Leaked<std::latch>(1);
  std::future<bool> saw = OnHelperThread([&n, &polling] {
    polling.count_down();
    const auto give_up = Clock::now() + 2 * kSchedulingSlack;
    while (Clock::now() < give_up) {
      if (n.HasBeenNotified()) return true;
    }
    return false;
  });
  polling.wait();
  ASSERT_TRUE(NotifiesPromptly(n));
  ASSERT_EQ(std::future_status::ready, saw.wait_for(3 * kSchedulingSlack))
      << "HasBeenNotified() blocked";
  EXPECT_TRUE(saw.get()) << "HasBeenNotified(), polled from another thread, still said false "
                         << FormatMs(2 * kSchedulingSlack) << " after Notify() had returned";
}

// Tests the contract's lifetime rule: a thread whose wait has seen the notification may destroy
// the Notification at once, even before Notify() has returned. So Notify must not touch the
// Notification once it has released mu_: ThreadSanitizer reports a notify_all after the unlock
// as a race with the destruction, on every run. Each way of waiting is tried in turn.
TEST(LifetimeTest, TheWaiterMayDestroyItAtOnce) {
  const std::pair<const char*, bool (*)(const Notification&)> kWaits[] = {
      {"WaitForNotification()",
       [](const Notification& n) {
         n.WaitForNotification();
         return n.HasBeenNotified();
       }},
      {"WaitForNotificationWithTimeout(1 hour)",
       [](const Notification& n) { return n.WaitForNotificationWithTimeout(kForever); }},
      {"HasBeenNotified() in a loop",
       [](const Notification& n) {
         const auto give_up = Clock::now() + kSchedulingSlack;
         while (!n.HasBeenNotified()) {
           if (Clock::now() > give_up) return false;
         }
         return true;
       }},
  };
  for (const auto& [how, wait] : kWaits) {
    Notification* n = new Notification;
    std::atomic<pid_t>& tid = Leaked<std::atomic<pid_t>>(0);
    std::latch& started = Leaked<std::latch>(1);
    std::future<bool> deleted = OnHelperThread([n, &tid, &started, wait = wait] {
      tid = ThisThreadId();
      started.count_down();
      if (!wait(*n)) return false;  // it never saw the notification: keep n, Notify may need it
      delete n;
      return true;
    });
    started.wait();
    (void)::kata::testing::WaitUntilBlockedInFutex(tid, 20ms);  // a poller never blocks
    EXPECT_TRUE(NotifiesPromptly(*n));
    // Longer than kSchedulingSlack: the waiter may be printing ThreadSanitizer's report, which
    // takes a while the first time, and the report belongs to this test.
    ASSERT_EQ(std::future_status::ready, deleted.wait_for(4 * kSchedulingSlack))
        << how << " was still waiting " << FormatMs(4 * kSchedulingSlack) << " after Notify()";
    EXPECT_TRUE(deleted.get()) << how << " returned without having seen the notification";
  }
}

}  // namespace
}  // namespace kata
