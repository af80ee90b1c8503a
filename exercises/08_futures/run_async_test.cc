// Exercise 08 tests of RunAsync, and two tests that show the pitfalls of std::async (README.md,
// "The std::async pitfalls"): they pass whatever your code does, and are here to be read.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include "exercises/08_futures/future.h"
#include "exercises/08_futures/future_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/chaos.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using ::kata::future_testing::Outcome;
using ::kata::future_testing::PromptGet;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;
using ::kata::testing::ReturnsWithin;
using ::kata::testing::ThisThreadId;
using ::kata::testing::WaitUntilBlockedInFutex;

// How long the standard library gets to do what it always does in the end: here no learner's code
// runs, so only a machine too busy to schedule a thread can take this long.
constexpr std::chrono::seconds kEventually{10};

// Tests that RunAsync returns at once, while fn still runs -- fn here waits until the test lets
// it go, which the test does only after RunAsync has returned -- that fn runs on a thread of its
// own, and that the Future then gets what fn returned.
TEST(RunAsyncTest, ReturnsAtOnceAndRunsFnOnItsOwnThread) {
  std::latch& gate = Leaked<std::latch>(1);
  auto& ran_on = Leaked<std::atomic<pid_t>>(0);
  const auto started = ReturnsWithin(kSchedulingSlack, [&gate, &ran_on] {
    const pid_t caller = ThisThreadId();
    Future future = RunAsync([&gate, &ran_on] {
      ran_on.store(ThisThreadId());
      gate.wait();
      return std::string("page");
    });
    return std::make_pair(caller, std::move(future));
  });
  gate.count_down();  // lets fn go, whatever RunAsync did
  ASSERT_TRUE(started) << "RunAsync() had not returned " << FormatMs(kSchedulingSlack)
                       << " later, while fn waited for the test: RunAsync must start fn on a new "
                          "thread and return at once, without waiting for it";
  const auto& [caller, future] = *started;
  ASSERT_TRUE(future.valid()) << "RunAsync() returned a Future without a State";
  ASSERT_EQ(std::optional<std::string>("value: page"), PromptGet(future))
      << "Get() on RunAsync's Future, once fn could return \"page\"";
  EXPECT_NE(caller, ran_on.load()) << "fn ran on the thread that called RunAsync()";
}

// Tests that an exception fn throws travels through the Future: Get rethrows it.
TEST(RunAsyncTest, GetRethrowsWhatFnThrew) {
  const Future future = RunAsync([]() -> std::string { throw std::runtime_error("404"); });
  EXPECT_EQ(std::optional<std::string>("exception: 404"), PromptGet(future))
      << "Get() on RunAsync's Future, when fn threw std::runtime_error(\"404\")";
}

// Tests that RunAsync throws std::system_error when its thread cannot start, and never runs fn:
// the caller learns it at once, as from std::thread itself, rather than from a broken Future
// later. Chaos mode makes the next thread start fail (tests/support/chaos.h); without it the test
// skips itself.
TEST(RunAsyncTest, ThrowsWhenTheThreadCannotStart) {
  if (!::kata::testing::chaos::FailThreadStart(1)) {
    GTEST_SKIP() << "needs chaos mode to make a thread fail to start: tools/grade run 8 --chaos";
  }
  auto& called = Leaked<std::atomic<bool>>(false);
  std::string outcome;
  try {
    const Future future = RunAsync([&called] {
      called.store(true);
      return std::string("page");
    });
    const std::optional<std::string> got = PromptGet(future);
    outcome = "returned a Future whose Get() gave " + got.value_or("nothing (still blocked)");
  } catch (const std::system_error&) {
    outcome = "threw std::system_error";
  }
  EXPECT_EQ("threw std::system_error", outcome)
      << "RunAsync() when the thread could not start (pthread_create failed with EAGAIN)";
  EXPECT_FALSE(called.load()) << "fn ran, though its thread never started";
}

// Tests pitfall 1 of std::async: with std::launch::deferred (which the default policy may pick),
// fn does not run until get(), and then runs inside get(), on the caller's thread: no concurrency
// at all, and a wait_for loop on that future would never see it ready.
TEST(StdAsyncTest, DeferredRunsInsideGetOnTheCallersThread) {
  std::atomic<pid_t> ran_on{0};
  std::future<std::string> future = std::async(std::launch::deferred, [&ran_on] {
    ran_on.store(ThisThreadId());
    return std::string("page");
  });
  EXPECT_EQ(std::future_status::deferred, future.wait_for(std::chrono::seconds(0)))
      << "wait_for() on a deferred future says `deferred`, never `ready`";
  EXPECT_EQ(0, ran_on.load()) << "fn ran before get()";
  EXPECT_EQ("page", future.get());
  EXPECT_EQ(ThisThreadId(), ran_on.load()) << "a deferred fn runs inside get(), on its thread";
}

// Tests pitfall 2 of std::async: the future std::async(std::launch::async, fn) returns waits for
// fn in its destructor. Dropping it (even as a discarded return value) blocks until fn ends, so
// "fire and forget" with std::async runs nothing in the background. RunAsync's Future does not.
TEST(StdAsyncTest, ItsFutureWaitsForFnInItsDestructor) {
  std::latch& gate = Leaked<std::latch>(1);
  auto& dropper = Leaked<std::atomic<pid_t>>(0);
  std::future<bool> dropped = OnHelperThread([&gate, &dropper] {
    dropper.store(ThisThreadId());
    dropper.notify_one();
    {
      auto future = std::async(std::launch::async, [&gate] { gate.wait(); });
    }  // ~future
    return true;
  });
  dropper.wait(0);
  const bool asleep = WaitUntilBlockedInFutex(dropper.load(), kSchedulingSlack);
  const bool returned_early =
      dropped.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  gate.count_down();
  EXPECT_TRUE(asleep) << "the thread dropping the future never went to sleep";
  EXPECT_FALSE(returned_early) << "the future's destructor returned while fn was still running";
  EXPECT_EQ(std::future_status::ready, dropped.wait_for(kEventually))
      << "the destructor had not returned " << FormatMs(kEventually) << " after fn ended";
}

}  // namespace
}  // namespace kata
