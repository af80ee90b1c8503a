// Exercise 09 tests of SpinLock. Read them: they are the specification.
#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "exercises/09_atomics/atomics.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;
using ::kata::testing::ReturnsWithin;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::ThreadCost;
using ::kata::testing::ThreadMeter;

// Tests that the lock guards plain data: kThreads threads, released together, each add kAdds
// times to one plain `long` under a std::lock_guard<SpinLock>, and none of the additions is
// lost. It also proves that unlock() publishes the critical section's writes to the next holder
// (release) and lock() receives them (acquire): ThreadSanitizer reports a data race on the
// `long` when either order is relaxed. The threads run with a deadline, so a thread left asleep
// in lock() fails the test instead of hanging it.
TEST(SpinLockTest, GuardsPlainDataAcrossThreads) {
  constexpr int kThreads = 4;
  constexpr int kAdds = 2000;
  // Generous: the additions take some 50 ms; only a thread that is never woken takes this long.
  constexpr auto kDeadline = 10 * kSchedulingSlack;
  // Leaked: a thread stuck in lock() may still use them after the test has ended.
  SpinLock& lock = Leaked<SpinLock>();
  long& total = Leaked<long>(0);
  std::latch& start = Leaked<std::latch>(kThreads);
  std::vector<std::future<bool>> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.push_back(OnHelperThread([&lock, &total, &start] {
      start.arrive_and_wait();  // all at once, so that they contend for the lock
      for (int i = 0; i < kAdds; ++i) {
        std::lock_guard<SpinLock> hold(lock);
        ++total;
      }
      return true;
    }));
  }
  const Clock::time_point deadline = Clock::now() + kDeadline;
  for (std::future<bool>& thread : threads) {
    ASSERT_EQ(std::future_status::ready, thread.wait_until(deadline))
        << "a thread adding under the lock had not finished after " << FormatMs(kDeadline)
        << ": is a thread asleep in lock() never woken by unlock()?";
  }
  EXPECT_EQ(long{kThreads} * kAdds, total) << "additions made under the lock were lost";
}

// Tests that try_lock takes a free lock and returns true, returns false at once -- without
// waiting -- while another thread holds the lock, and takes the lock again once it is free.
TEST(SpinLockTest, TryLockTakesOnlyAFreeLock) {
  SpinLock& lock = Leaked<SpinLock>();  // a try_lock that waits may still use it after the test
  const auto try_lock_elsewhere = [&lock] {
    const bool took = lock.try_lock();
    if (took) lock.unlock();
    return took;
  };
  ASSERT_TRUE(lock.try_lock()) << "try_lock() on a free lock must take it";
  const std::optional<bool> while_held = ReturnsWithin(kSchedulingSlack, try_lock_elsewhere);
  lock.unlock();
  EXPECT_EQ(std::optional<bool>(false), while_held)
      << "try_lock() on a lock another thread holds must return false at once (nullopt: it "
         "blocked)";
  const std::optional<bool> once_free = ReturnsWithin(kSchedulingSlack, try_lock_elsewhere);
  EXPECT_EQ(std::optional<bool>(true), once_free)
      << "try_lock() on a lock that was unlocked must take it (nullopt: it blocked)";
}

// Tests that a thread calling lock() on a lock held for 200 ms sleeps while it waits -- its
// thread runs on a CPU for less time than it sleeps, where a thread spinning on the flag (or
// yielding in a loop) never sleeps -- that it gets the lock only once the holder has unlocked,
// and that unlock() wakes it promptly: an atomic wait with no notify sleeps on forever.
TEST(SpinLockTest, AWaiterSleepsUntilUnlockWakesIt) {
  constexpr auto kHeldFor = 200ms;
  struct Waited {
    ThreadCost cost;
    bool after_unlock;
  };
  // Leaked: a waiter that is never woken still uses them after the test has ended.
  SpinLock& lock = Leaked<SpinLock>();
  std::atomic<bool>& unlocked = Leaked<std::atomic<bool>>(false);
  std::latch& asking = Leaked<std::latch>(1);
  lock.lock();
  std::future<Waited> waited = OnHelperThread([&lock, &unlocked, &asking] {
    asking.count_down();
    const ThreadMeter meter;
    lock.lock();
    const Waited result{meter.Elapsed(), unlocked.load()};
    lock.unlock();
    return result;
  });
  asking.wait();
  std::this_thread::sleep_for(kHeldFor);  // holds the lock while the waiter waits in lock()
  unlocked.store(true);
  lock.unlock();
  ASSERT_EQ(std::future_status::ready, waited.wait_for(kSchedulingSlack))
      << "lock() had not returned " << FormatMs(kSchedulingSlack)
      << " after the holder unlocked: unlock() must wake a thread asleep in lock() (notify_one)";
  const Waited result = waited.get();
  EXPECT_TRUE(result.after_unlock) << "lock() returned while another thread held the lock";
  EXPECT_TRUE(SleptThroughWait(result.cost, "lock() on a lock held for 200 ms"));
}

}  // namespace
}  // namespace kata
