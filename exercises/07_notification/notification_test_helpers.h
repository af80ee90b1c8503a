// Helpers for exercise 07's tests: calls with a deadline, a log of ticks, and a ticker that the
// test starts and stops.
//
// Every call that a wrong solution could leave blocked runs with a deadline
// (tests/support/deadline.h), so the test fails instead of hanging. What such a call uses -- the
// Notification, the tick log, the ticker's std::thread -- is leaked on purpose: a blocked helper
// or a ticker that never stops may still use it after its test has ended.
#ifndef KATA_EXERCISES_07_NOTIFICATION_NOTIFICATION_TEST_HELPERS_H_
#define KATA_EXERCISES_07_NOTIFICATION_NOTIFICATION_TEST_HELPERS_H_

#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "exercises/07_notification/notification.h"
#include "exercises/07_notification/ticker.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata::notification_testing {

using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::ReturnsWithin;

// How long a test waits for a thread to fall asleep in its timed wait before it goes on without
// that handshake. Generous, for a machine with every core busy; only a solution that never
// sleeps in a timed wait (a sleep_for does not) makes a test wait it out.
inline constexpr std::chrono::milliseconds kUntilAsleep = 4 * kSchedulingSlack;

// Calls n.Notify() with a deadline: passes if it returned within kSchedulingSlack without
// throwing; otherwise says whether it threw or blocked, and what can make it block. `call` names
// the call in the message ("the second Notify()").
inline ::testing::AssertionResult NotifiesPromptly(Notification& n,
                                                   const std::string& call = "Notify()") {
  const std::optional<std::string> thrown =
      ::kata::testing::ThrownWithin(kSchedulingSlack, [&n] { n.Notify(); });
  if (thrown == "") return ::testing::AssertionSuccess();
  if (thrown) {
    return ::testing::AssertionFailure()
           << call << " threw (what(): \"" << *thrown
           << "\"): Notify() never throws, and a second call does nothing";
  }
  return ::testing::AssertionFailure()
         << call << " was still running " << FormatMs(kSchedulingSlack)
         << " later: it blocked. Notify() needs mu_ only for a moment, so look for a thread that "
            "keeps mu_ locked: a wait that sleeps or loops with mu_ held (cv.wait unlocks mu_ "
            "while it waits), or a Notify() that takes mu_ twice";
}

// n.HasBeenNotified(), or nullopt if it had not returned after kSchedulingSlack.
inline std::optional<bool> PromptHasBeenNotified(const Notification& n) {
  return ReturnsWithin(kSchedulingSlack, [&n] { return n.HasBeenNotified(); });
}

struct WaitOutcome {
  bool notified;                     // what WaitForNotificationWithTimeout returned
  Clock::duration took;              // how long it blocked
  ::kata::testing::ThreadCost cost;  // what its thread spent meanwhile
};

// n.WaitForNotificationWithTimeout(timeout), timed; nullopt if it had not returned after
// timeout + kSchedulingSlack.
inline std::optional<WaitOutcome> TimedWait(const Notification& n,
                                            std::chrono::nanoseconds timeout) {
  const Clock::duration limit = std::max<Clock::duration>(timeout, Clock::duration::zero());
  return ReturnsWithin(limit + kSchedulingSlack, [&n, timeout] {
    const ::kata::testing::ThreadMeter meter;
    const ::kata::testing::Stopwatch watch;
    const bool notified = n.WaitForNotificationWithTimeout(timeout);
    const Clock::duration took = watch.Elapsed();
    return WaitOutcome{notified, took, meter.Elapsed()};
  });
}

// A tick function's log: when each call started and ended. Every method may be called from any
// thread.
class TickLog {
 public:
  struct Call {
    Clock::time_point start;
    std::optional<Clock::time_point> end;  // nullopt while the call runs
  };

  // A tick function for StartTicker: records its start, runs `body`, records its end.
  std::function<void()> Tick(std::function<void()> body = [] {}) {
    return [this, body] {
      const size_t i = Started();
      body();
      Ended(i);
    };
  }

  // The calls so far, in order.
  std::vector<Call> Calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

  // Blocks until `count` calls have started, or `timeout` has passed; says whether they had.
  bool WaitForCalls(size_t count, Clock::duration timeout) const {
    std::unique_lock<std::mutex> lock(mu_);
    return changed_.wait_for(lock, timeout, [this, count] { return calls_.size() >= count; });
  }

 private:
  size_t Started() {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back({Clock::now(), std::nullopt});
    changed_.notify_all();
    return calls_.size() - 1;
  }
  void Ended(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_[i].end = Clock::now();
    changed_.notify_all();
  }

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;  // notified when calls_ changes
  std::vector<Call> calls_;                  // guarded by mu_
};

// The kernel ids of this process's threads right now.
inline std::set<pid_t> ThreadIds() { return ::kata::testing::ThreadsOfThisProcess(); }

// The threads of this process that are not in `before`, except `caller`.
inline std::set<pid_t> ThreadsStartedSince(const std::set<pid_t>& before, pid_t caller) {
  std::set<pid_t> started;
  for (pid_t tid : ThreadIds()) {
    if (!before.count(tid) && tid != caller) started.insert(tid);
  }
  return started;
}

// A ticker that the test started. Its std::thread is leaked, so that a ticker which never ends
// cannot take the test binary down with std::terminate.
struct StartedTicker {
  std::thread& thread;
  pid_t tid;  // the ticker thread's kernel id; 0 if it could not be told apart from others
};

// StartTicker(stop, interval, tick), called on a helper thread: the ticker, or nullopt if
// StartTicker blocked for kSchedulingSlack, threw, or returned an empty std::thread.
inline std::optional<StartedTicker> PromptStartTicker(const Notification& stop,
                                                      std::chrono::nanoseconds interval,
                                                      std::function<void()> tick) {
  struct Returned {
    std::thread* thread;  // nullptr if StartTicker threw
    pid_t caller;         // the helper thread that called it
  };
  // ThreadSanitizer starts a thread of its own when a program starts its first thread: have it
  // start now, so that the only threads new since `before` are the helper and the ticker.
  std::thread([] {}).join();
  const std::set<pid_t> before = ThreadIds();
  const std::optional<Returned> returned = ReturnsWithin(kSchedulingSlack, [&stop, interval, tick] {
    const pid_t caller = ::kata::testing::ThisThreadId();
    try {
      return Returned{&Leaked<std::thread>(StartTicker(stop, interval, tick)), caller};
    } catch (...) {
      return Returned{nullptr, caller};
    }
  });
  if (!returned || returned->thread == nullptr || !returned->thread->joinable()) {
    return std::nullopt;
  }
  const std::set<pid_t> appeared = ThreadsStartedSince(before, returned->caller);
  return StartedTicker{*returned->thread, appeared.size() == 1 ? *appeared.begin() : 0};
}

// Joins `ticker`, which should end now because `why`: passes if the join returns within
// kSchedulingSlack.
inline ::testing::AssertionResult EndsPromptly(std::thread& ticker, const std::string& why) {
  const std::optional<bool> joined = ReturnsWithin(kSchedulingSlack, [&ticker] {
    ticker.join();
    return true;
  });
  if (joined) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "the ticker's thread had not ended " << FormatMs(kSchedulingSlack) << " after " << why;
}

// Notifies `stop`, then joins `ticker`: passes if both return within kSchedulingSlack, and says
// which one blocked if not.
inline ::testing::AssertionResult StopsPromptly(Notification& stop, std::thread& ticker) {
  ::testing::AssertionResult notified = NotifiesPromptly(stop, "stop.Notify()");
  if (!notified) return notified;
  return EndsPromptly(ticker, "stop was notified");
}

}  // namespace kata::notification_testing

#endif  // KATA_EXERCISES_07_NOTIFICATION_NOTIFICATION_TEST_HELPERS_H_
