// Exercise 08 tests of done-callbacks (Python's add_done_callback): when they run, on which
// thread, in which order, and that each runs exactly once. Each callback here looks at its own
// Future (IsReady, then Get), as real callbacks do; that deadlocks if mu_ is held while it runs,
// so every call that runs callbacks has a deadline.
#include <sys/types.h>

#include <atomic>
#include <future>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "exercises/08_futures/future.h"
#include "exercises/08_futures/future_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using ::kata::future_testing::Outcome;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;
using ::kata::testing::ReturnsWithin;
using ::kata::testing::ThisThreadId;
using ::kata::testing::WaitUntilBlockedInFutex;

using Lines = std::vector<std::string>;

// What the callbacks saw, in the order they ran, and the threads they ran on. Leaked by the
// tests: a callback a wrong solution runs late may still write to it.
class CallLog {
 public:
  // A callback that notes "<name> saw <Outcome of future.Get()>" -- or "<name> saw IsReady()
  // false" if the future was not done yet when it ran -- and its thread.
  State::Callback Note(std::string name, const Future& future) {
    return [this, name = std::move(name), future] {
      const std::string saw =
          future.IsReady() ? Outcome([&future] { return future.Get(); }) : "IsReady() false";
      const std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back(name + " saw " + saw);
      threads_.push_back(ThisThreadId());
    };
  }

  Lines Calls() const {
    const std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  std::vector<pid_t> Threads() const {
    const std::lock_guard<std::mutex> lock(mu_);
    return threads_;
  }

 private:
  mutable std::mutex mu_;
  Lines calls_;                 // guarded by mu_
  std::vector<pid_t> threads_;  // guarded by mu_
};

// Tests Python's promise for callbacks added before the result: SetValue runs them, in the order
// they were added, on its own thread, before it returns, and only once the value is there: each
// sees IsReady() true and Get() returning the value. A callback that calls Get or IsReady must not
// deadlock, so SetValue runs them without holding mu_.
TEST(CallbackTest, RunOnTheSettingThreadInOrderOnceTheValueIsThere) {
  Promise& promise = *new Promise;  // leaked: a SetValue left blocked still uses it
  const Future future = promise.GetFuture();
  CallLog& log = Leaked<CallLog>();
  for (const char* name : {"first", "second", "third"})
    future.AddDoneCallback(log.Note(name, future));
  EXPECT_EQ(Lines{}, log.Calls()) << "no callback may run before the future is done";
  const std::optional<pid_t> setter = ReturnsWithin(kSchedulingSlack, [&promise] {
    promise.SetValue("page");
    return ThisThreadId();
  });
  ASSERT_TRUE(setter) << "SetValue() had not returned " << FormatMs(kSchedulingSlack)
                      << " later, with three callbacks that call IsReady() and Get(): is mu_ held "
                         "while they run, or do they run before the value is stored?";
  EXPECT_EQ((Lines{"first saw value: page", "second saw value: page", "third saw value: page"}),
            log.Calls())
      << "the callbacks, in the order they ran, once SetValue(\"page\") had returned";
  EXPECT_EQ(std::vector<pid_t>(3, *setter), log.Threads())
      << "each callback runs on the setter thread (" << *setter << ")";
}

// Tests that SetValue wakes the threads blocked in Get before it runs the callbacks: a reader is
// asleep in Get() when the value is set, and the one callback waits for that Get() to return.
// A SetValue that notifies only after the callbacks keeps the reader asleep while the callback
// waits for it.
TEST(CallbackTest, RunOnlyOnceTheWaitersHaveBeenWoken) {
  Promise& promise = *new Promise;  // leaked: a SetValue left blocked still uses it
  const Future future = promise.GetFuture();
  std::atomic<pid_t>& reader = Leaked<std::atomic<pid_t>>(0);
  std::latch& started = Leaked<std::latch>(1);
  std::future<std::string>& read =
      Leaked<std::future<std::string>>(OnHelperThread([future, &reader, &started] {
        reader = ThisThreadId();
        started.count_down();
        return Outcome([&future] { return future.Get(); });
      }));
  started.wait();
  // Set the value once the reader sleeps in Get() (or after kSchedulingSlack if it never seems
  // to: then it may not need the wakeup, and the test proves less).
  (void)WaitUntilBlockedInFutex(reader, kSchedulingSlack);
  std::atomic<bool>& reader_had_returned = Leaked<std::atomic<bool>>(false);
  future.AddDoneCallback([&read, &reader_had_returned] {
    reader_had_returned = read.wait_for(kSchedulingSlack) == std::future_status::ready;
  });
  const std::optional<bool> set = ReturnsWithin(2 * kSchedulingSlack, [&promise] {
    promise.SetValue("page");
    return true;
  });
  ASSERT_TRUE(set) << "SetValue() had not returned " << FormatMs(2 * kSchedulingSlack)
                   << " later, with one callback that waits up to " << FormatMs(kSchedulingSlack)
                   << " for a reader";
  EXPECT_TRUE(reader_had_returned)
      << "the callback waited " << FormatMs(kSchedulingSlack) << " for the Get() that was asleep "
      << "when SetValue() was called, and it had not returned: SetValue must wake the waiters "
         "(notify_all) before it runs the callbacks";
  ASSERT_EQ(std::future_status::ready, read.wait_for(kSchedulingSlack))
      << "Get() was still blocked " << FormatMs(kSchedulingSlack) << " after SetValue returned";
  EXPECT_EQ("value: page", read.get());
}

// Tests that a callback added to a future that is done already runs at once: on the thread that
// adds it, before AddDoneCallback returns, seeing the value.
TEST(CallbackTest, RunsAtOnceWhenTheFutureIsDone) {
  Promise promise;
  promise.SetValue("page");
  const Future future = promise.GetFuture();
  CallLog& log = Leaked<CallLog>();
  const auto added = ReturnsWithin(kSchedulingSlack, [future, &log] {
    future.AddDoneCallback(log.Note("late", future));
    return std::make_pair(ThisThreadId(), log.Calls());
  });
  ASSERT_TRUE(added) << "AddDoneCallback() on a done future had not returned "
                     << FormatMs(kSchedulingSlack)
                     << " later: it must run the callback without mu_";
  EXPECT_EQ(Lines{"late saw value: page"}, added->second)
      << "the callbacks that had run when AddDoneCallback() returned";
  EXPECT_EQ(std::vector<pid_t>{added->first}, log.Threads())
      << "the callback runs on the thread that added it (" << added->first << ")";
}

// Tests that a broken promise runs the callbacks too: they run when the Promise is destroyed
// unset, on that thread, and see FutureError(kBrokenPromise).
TEST(CallbackTest, RunWhenThePromiseBreaks) {
  auto& promise = *new std::unique_ptr<Promise>(new Promise);
  const Future future = promise->GetFuture();
  CallLog& log = Leaked<CallLog>();
  future.AddDoneCallback(log.Note("waiting", future));
  const std::optional<pid_t> destroyer = ReturnsWithin(kSchedulingSlack, [&promise] {
    promise.reset();
    return ThisThreadId();
  });
  ASSERT_TRUE(destroyer) << "destroying the Promise had not returned " << FormatMs(kSchedulingSlack)
                         << " later, with a callback that calls IsReady() and Get()";
  EXPECT_EQ(Lines{"waiting saw FutureError(broken promise)"}, log.Calls())
      << "the callbacks that had run once the unset Promise was destroyed";
  EXPECT_EQ(std::vector<pid_t>{*destroyer}, log.Threads())
      << "the callback runs on the thread that destroyed the Promise (" << *destroyer << ")";
}

// Tests that each callback runs exactly once when callbacks are added while SetValue runs: two
// threads add 100 each as a third sets the value, so some land before and some after; then one
// more is added once SetValue has returned. Adding and completing must agree, under mu_, on
// whether a callback is kept for later or run at once.
TEST(CallbackTest, AddedWhileTheValueIsSetEachRunOnce) {
  constexpr int kAdders = 2;
  constexpr int kPerAdder = 100;
  constexpr int kLate = kAdders * kPerAdder;  // the index of the one added at the end
  Promise& promise = *new Promise;
  const Future future = promise.GetFuture();
  auto& runs = Leaked<std::vector<std::atomic<int>>>(kLate + 1);
  auto& start = Leaked<std::latch>(kAdders + 1);
  std::vector<std::future<bool>> done;
  for (int a = 0; a < kAdders; ++a) {
    done.push_back(OnHelperThread([future, &runs, &start, a] {
      start.arrive_and_wait();
      for (int i = a * kPerAdder; i < (a + 1) * kPerAdder; ++i) {
        future.AddDoneCallback([&runs, i] { runs[i].fetch_add(1); });
      }
      return true;
    }));
  }
  done.push_back(OnHelperThread([&promise, &start] {
    start.arrive_and_wait();
    promise.SetValue("page");
    return true;
  }));
  for (std::future<bool>& call : done) {
    ASSERT_EQ(std::future_status::ready, call.wait_for(kSchedulingSlack))
        << "an AddDoneCallback() loop or the SetValue() had not returned "
        << FormatMs(kSchedulingSlack) << " later";
  }
  const auto late = ReturnsWithin(kSchedulingSlack, [future, &runs] {
    future.AddDoneCallback([&runs] { runs[kLate].fetch_add(1); });
    return true;
  });
  ASSERT_TRUE(late) << "AddDoneCallback() after SetValue() had not returned";
  std::string never, twice;
  for (int i = 0; i <= kLate; ++i) {
    const int n = runs[i].load();
    if (n == 0) never += " " + std::to_string(i);
    if (n > 1) twice += " " + std::to_string(i);
  }
  EXPECT_EQ("", never) << "callbacks that never ran (" << kLate << " is the one added after "
                       << "SetValue() returned)";
  EXPECT_EQ("", twice) << "callbacks that ran more than once";
}

}  // namespace
}  // namespace kata
