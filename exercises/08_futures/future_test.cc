// Exercise 08 tests of the Promise/Future pair: Get, SetValue, SetException, a broken promise
// and IsReady. Read them: they are the specification, with the reasons in the comments.
// future_test_helpers.h explains how a Get that never returns fails instead of hangs.
#include "exercises/08_futures/future.h"

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "exercises/08_futures/future_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::future_testing::Outcome;
using ::kata::future_testing::OutcomeSoFar;
using ::kata::future_testing::OutcomeWithin;
using ::kata::future_testing::PendingGet;
using ::kata::future_testing::PromptGet;
using ::kata::future_testing::StartGet;
using ::kata::future_testing::WaitUntilAllAsleep;
using ::kata::future_testing::WaitUntilAsleep;
using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::OnHelperThread;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::ThisThreadId;
using ::kata::testing::ThreadMeter;
using ::kata::testing::WaitUntilBlockedInFutex;

// How long GetSleepsWhileItWaits keeps a Get waiting: long enough that a Get polling every few
// milliseconds wakes up many times.
constexpr auto kHold = 60ms;
// How long a test waits for several Gets to be asleep at once before it sets the value anyway.
constexpr auto kAllAsleep = 2s;

// Tests the heart of a future: Get blocks while nothing is set, and SetValue from another thread
// wakes it with the value. The Get is asleep before SetValue runs, so SetValue must wake it.
TEST(PromiseTest, GetWaitsForTheValue) {
  Promise& promise = *new Promise;  // leaked: a Get left blocked may still use its State
  PendingGet get = StartGet(promise.GetFuture());
  WaitUntilAsleep(get);
  const std::optional<std::string> early = OutcomeSoFar(get);
  ASSERT_EQ(std::nullopt, early) << "Get() returned before anything was set: it must block "
                                    "until SetValue or SetException";
  promise.SetValue("page");
  EXPECT_EQ(std::optional<std::string>("value: page"), OutcomeWithin(get, kSchedulingSlack))
      << "a Get() asleep while SetValue(\"page\") ran must wake and return \"page\" (nullopt: it "
         "was still blocked "
      << FormatMs(kSchedulingSlack) << " after SetValue returned)";
}

// Tests that SetValue wakes every thread blocked in Get, not only one: three Gets sleep on the
// condition variable, and each must return the value.
TEST(PromiseTest, SetValueWakesEveryWaiter) {
  Promise& promise = *new Promise;
  std::vector<PendingGet> gets;
  for (int i = 0; i < 3; ++i) gets.push_back(StartGet(promise.GetFuture()));
  WaitUntilAllAsleep({&gets[0], &gets[1], &gets[2]}, kAllAsleep);
  promise.SetValue("page");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(std::optional<std::string>("value: page"), OutcomeWithin(gets[i], kSchedulingSlack))
        << "Get() #" << i << " of 3, asleep while SetValue ran, must wake with the value "
        << "(nullopt: still blocked " << FormatMs(kSchedulingSlack) << " later; wake every waiter)";
  }
}

// Tests that an exception set with SetException comes out of every Get, and out of each Future
// on the State: Get rethrows it each time, it does not hand it out once.
TEST(PromiseTest, GetRethrowsTheExceptionEveryTime) {
  Promise promise;
  const Future first = promise.GetFuture();
  const Future second = promise.GetFuture();
  promise.SetException(std::make_exception_ptr(std::runtime_error("404")));
  EXPECT_EQ(std::optional<std::string>("exception: 404"), PromptGet(first))
      << "the first Get() after SetException(runtime_error(\"404\"))";
  EXPECT_EQ(std::optional<std::string>("exception: 404"), PromptGet(first))
      << "the second Get() on the same Future must rethrow it again";
  EXPECT_EQ(std::optional<std::string>("exception: 404"), PromptGet(second))
      << "Get() on another Future of the same Promise";
  EXPECT_TRUE(first.IsReady()) << "IsReady() must be true once an exception is set";
}

// Tests that a State is set once: a second SetValue or SetException throws
// FutureError(kAlreadySatisfied), and the first result stays, whichever kind it was.
TEST(PromiseTest, ASecondSetThrowsAndChangesNothing) {
  Promise with_value;
  with_value.SetValue("first");
  EXPECT_EQ("FutureError(already satisfied)", Outcome([&with_value] {
              with_value.SetValue("second");
              return std::string("returned");
            }))
      << "a second SetValue() must throw";
  EXPECT_EQ("FutureError(already satisfied)", Outcome([&with_value] {
              with_value.SetException(std::make_exception_ptr(std::runtime_error("late")));
              return std::string("returned");
            }))
      << "SetException() after SetValue() must throw";
  EXPECT_EQ(std::optional<std::string>("value: first"), PromptGet(with_value.GetFuture()))
      << "the first value must stay";

  Promise with_error;
  with_error.SetException(std::make_exception_ptr(std::runtime_error("404")));
  EXPECT_EQ("FutureError(already satisfied)", Outcome([&with_error] {
              with_error.SetException(std::make_exception_ptr(std::runtime_error("500")));
              return std::string("returned");
            }))
      << "a second SetException() must throw";
  EXPECT_EQ("FutureError(already satisfied)", Outcome([&with_error] {
              with_error.SetValue("late");
              return std::string("returned");
            }))
      << "SetValue() after SetException() must throw";
  EXPECT_EQ(std::optional<std::string>("exception: 404"), PromptGet(with_error.GetFuture()))
      << "the first exception must stay";
}

// Tests that a Promise destroyed before it set anything breaks its promise: a Get already asleep
// wakes with FutureError(kBrokenPromise) -- std::future's broken_promise -- instead of waiting
// forever, and so does every later Get. A Promise assigned over lets go of its State the same way.
TEST(PromiseTest, ADestroyedPromiseBreaksItsFuture) {
  auto promise = std::make_unique<Promise>();
  const Future future = promise->GetFuture();
  PendingGet get = StartGet(future);
  WaitUntilAsleep(get);
  promise.reset();
  EXPECT_EQ(std::optional<std::string>("FutureError(broken promise)"),
            OutcomeWithin(get, kSchedulingSlack))
      << "a Get() asleep while its Promise was destroyed unset must wake with the broken "
         "promise (nullopt: still blocked "
      << FormatMs(kSchedulingSlack) << " later)";
  EXPECT_EQ(std::optional<std::string>("FutureError(broken promise)"), PromptGet(future))
      << "a Get() after the Promise was destroyed";
  Promise replaced;
  const Future of_replaced = replaced.GetFuture();
  replaced = Promise();  // the given move assignment abandons the State it lets go of
  EXPECT_EQ(std::optional<std::string>("FutureError(broken promise)"), PromptGet(of_replaced))
      << "a Get() on the State of a Promise that was assigned over while unset";
}

// Tests that destroying a Promise that has set its value changes nothing: the broken promise is
// only for a State that is still empty.
TEST(PromiseTest, DestroyingASatisfiedPromiseChangesNothing) {
  Future future;
  {
    Promise promise;
    future = promise.GetFuture();
    promise.SetValue("page");
  }
  EXPECT_EQ(std::optional<std::string>("value: page"), PromptGet(future))
      << "the Promise set \"page\" and was then destroyed";
}

// Tests that Get sleeps while it waits (a condition variable, woken by the setter) instead of
// polling IsReady in a loop: a Get kept waiting 60 ms once it is asleep must spend more of its
// time asleep than on a CPU, in few sleeps.
TEST(FutureTest, GetSleepsWhileItWaits) {
  Promise& promise = *new Promise;
  const Future future = promise.GetFuture();
  auto& getter = *new std::atomic<pid_t>(0);
  auto waited = OnHelperThread([future, &getter] {
    getter.store(ThisThreadId());
    getter.notify_one();
    const ThreadMeter meter;
    const std::string outcome = Outcome([&future] { return future.Get(); });
    return std::make_pair(outcome, meter.Elapsed());
  });
  getter.wait(0);
  // A handshake: the Get is asleep (a Get that polls never is: then the slack passes first).
  const auto give_up = Clock::now() + kSchedulingSlack;
  while (Clock::now() < give_up && waited.wait_for(0s) != std::future_status::ready &&
         !WaitUntilBlockedInFutex(getter.load(), 10ms)) {
  }
  std::this_thread::sleep_for(kHold);  // not a handshake: how long the Get is kept waiting
  promise.SetValue("page");
  ASSERT_EQ(std::future_status::ready, waited.wait_for(kSchedulingSlack))
      << "Get() was still blocked " << FormatMs(kSchedulingSlack) << " after SetValue returned";
  const auto [outcome, cost] = waited.get();
  EXPECT_EQ("value: page", outcome);
  EXPECT_TRUE(SleptThroughWait(cost, "Get() kept waiting 60 ms for SetValue"));
}

// Tests that IsReady may be polled from another thread while SetValue runs: it reads ready_
// under mu_ (ThreadSanitizer reports a data race otherwise: nothing else orders the poller's
// reads after SetValue's write), and it says true once SetValue has returned.
TEST(FutureTest, IsReadyCanBePolledWhileSetValueRuns) {
  Promise& promise = *new Promise;
  const Future future = promise.GetFuture();
  ASSERT_FALSE(future.IsReady()) << "IsReady() must be false before anything is set";
  std::latch& polling = *new std::latch(1);
  auto& give_up = *new std::atomic<bool>(false);
  // The poller reads IsReady until it says true (or the test gives up on it).
  auto polled = OnHelperThread([future, &polling, &give_up] {
    const bool first = future.IsReady();
    polling.count_down();
    if (first) return false;  // true before SetValue: reported below
    while (!give_up.load(std::memory_order_relaxed)) {
      if (future.IsReady()) return true;
    }
    return false;
  });
  polling.wait();
  promise.SetValue("page");
  const bool answered = polled.wait_for(kSchedulingSlack) == std::future_status::ready;
  give_up.store(true, std::memory_order_relaxed);
  ASSERT_TRUE(answered) << "IsReady(), polled from another thread, still said false "
                        << FormatMs(kSchedulingSlack) << " after SetValue() had returned";
  EXPECT_TRUE(polled.get()) << "IsReady() said true before anything was set";
}

// Tests the given Future's promise for a default-constructed Future: it has no State, valid()
// says so, and Get, IsReady and AddDoneCallback throw FutureError(kNoState).
TEST(FutureTest, WithoutAStateThrowsNoState) {
  const Future future;
  EXPECT_FALSE(future.valid());
  EXPECT_EQ("FutureError(no state)", Outcome([&future] { return future.Get(); }));
  EXPECT_EQ("FutureError(no state)",
            Outcome([&future] { return std::string(future.IsReady() ? "true" : "false"); }));
  EXPECT_EQ("FutureError(no state)", Outcome([&future] {
              future.AddDoneCallback([] {});
              return std::string("added");
            }));
  Promise promise;
  EXPECT_TRUE(promise.GetFuture().valid()) << "a Promise's Future has a State";
}

}  // namespace
}  // namespace kata
