// Exercise 07 tests of StartTicker. Read them: they are the specification, with the reasons in
// the comments. Each test stops its ticker with StopsPromptly (notification_test_helpers.h),
// which says whether stop.Notify() or the join blocked.
#include "exercises/07_notification/ticker.h"

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "exercises/07_notification/notification.h"
#include "exercises/07_notification/notification_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::notification_testing::EndsPromptly;
using ::kata::notification_testing::kUntilAsleep;
using ::kata::notification_testing::NotifiesPromptly;
using ::kata::notification_testing::PromptStartTicker;
using ::kata::notification_testing::StartedTicker;
using ::kata::notification_testing::StopsPromptly;
using ::kata::notification_testing::ThreadIds;
using ::kata::notification_testing::ThreadsStartedSince;
using ::kata::notification_testing::TickLog;
using ::kata::testing::AllInTimedWait;
using ::kata::testing::AtLeast;
using ::kata::testing::FormatMs;
using ::kata::testing::kForever;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::ReturnsWithin;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::Stopwatch;
using ::kata::testing::ThisThreadId;
using ::kata::testing::ThreadCost;
using ::kata::testing::ThreadMeter;

constexpr auto kInterval = 40ms;
// A slow tick: longer than kInterval.
constexpr auto kTickTakes = 50ms;
constexpr char kNotStarted[] =
    "StartTicker did not return a running thread: it blocked, threw, or returned an empty "
    "std::thread";

// Tests that the ticker waits before its first tick: it comes one whole interval after the call
// of StartTicker, not at once.
TEST(TickerTest, FirstTickComesAfterOneInterval) {
  Notification& stop = Leaked<Notification>();
  TickLog& log = Leaked<TickLog>();
  const Stopwatch watch;
  const std::optional<StartedTicker> ticker = PromptStartTicker(stop, kInterval, log.Tick());
  ASSERT_TRUE(ticker) << kNotStarted;
  const bool ticked = log.WaitForCalls(1, kInterval + kSchedulingSlack);
  ASSERT_TRUE(StopsPromptly(stop, ticker->thread));
  ASSERT_TRUE(ticked) << "no tick within " << FormatMs(kInterval + kSchedulingSlack)
                      << " of StartTicker(40 ms)";
  EXPECT_TRUE(AtLeast(log.Calls()[0].start - watch.start(), kInterval,
                      "the first tick, counted from the call of StartTicker"));
}

// Tests that each wait starts when the previous tick has returned: with ticks that take longer
// than the interval, there is still a whole interval between the end of one tick and the start
// of the next. A ticker on a fixed schedule (start + k * interval) ticks again at once.
TEST(TickerTest, WaitsAWholeIntervalAfterEachTick) {
  Notification& stop = Leaked<Notification>();
  TickLog& log = Leaked<TickLog>();
  const std::optional<StartedTicker> ticker =
      PromptStartTicker(stop, kInterval, log.Tick([] { std::this_thread::sleep_for(kTickTakes); }));
  ASSERT_TRUE(ticker) << kNotStarted;
  const bool ticked = log.WaitForCalls(2, 2 * (kInterval + kTickTakes) + kSchedulingSlack);
  ASSERT_TRUE(StopsPromptly(stop, ticker->thread));
  const std::vector<TickLog::Call> calls = log.Calls();
  ASSERT_TRUE(ticked) << "expected 2 ticks; got " << calls.size();
  ASSERT_TRUE(calls[0].end) << "tick 1 never returned";
  EXPECT_TRUE(AtLeast(calls[1].start - *calls[0].end, kInterval,
                      "the gap between the end of tick 1 and the start of tick 2"));
}

// Tests that a stop cuts the wait short: with a 1-hour interval, once the ticker sleeps in its
// wait (the kernel says so), stopping it ends its thread promptly, without a tick.
TEST(TickerTest, StopCutsAWaitShort) {
  Notification& stop = Leaked<Notification>();
  TickLog& log = Leaked<TickLog>();
  const std::optional<StartedTicker> ticker = PromptStartTicker(stop, kForever, log.Tick());
  ASSERT_TRUE(ticker) << kNotStarted;
  // If the ticker never seems to sleep in a timed wait (a sleep_for does not), stop it anyway.
  if (ticker->tid != 0) (void)AllInTimedWait({ticker->tid}, kUntilAsleep);
  ASSERT_TRUE(StopsPromptly(stop, ticker->thread))
      << "The interval was 1 hour: wait on stop (its timed wait), do not sleep it out.";
  EXPECT_EQ(0u, log.Calls().size()) << "the ticker ticked after stop was notified";
}

// Tests that a ticker whose stop was notified before it started never ticks: its first wait
// returns at once, saying stop was notified.
TEST(TickerTest, NeverTicksWhenStoppedBeforeStart) {
  Notification& stop = Leaked<Notification>();
  TickLog& log = Leaked<TickLog>();
  ASSERT_TRUE(NotifiesPromptly(stop, "stop.Notify()"));
  const std::optional<StartedTicker> ticker = PromptStartTicker(stop, kInterval, log.Tick());
  ASSERT_TRUE(ticker) << kNotStarted;
  ASSERT_TRUE(EndsPromptly(ticker->thread, "it started with stop already notified"));
  EXPECT_EQ(0u, log.Calls().size()) << "the ticker ticked, though stop was already notified";
}

// Tests a stop that comes during a tick: the tick runs to its end, and the ticker then ends
// without another tick. The first tick holds until the test has notified stop.
TEST(TickerTest, AStopDuringATickEndsTheTickerAfterIt) {
  Notification& stop = Leaked<Notification>();
  TickLog& log = Leaked<TickLog>();
  std::promise<void>& release = Leaked<std::promise<void>>();
  const std::shared_future<void> released = release.get_future().share();
  const std::optional<StartedTicker> ticker = PromptStartTicker(
      stop, kInterval, log.Tick([released] { (void)released.wait_for(2 * kSchedulingSlack); }));
  ASSERT_TRUE(ticker) << kNotStarted;
  const bool ticking = log.WaitForCalls(1, kInterval + kSchedulingSlack);
  const ::testing::AssertionResult stopped = NotifiesPromptly(stop, "stop.Notify()");
  release.set_value();
  ASSERT_TRUE(ticking) << "no tick within " << FormatMs(kInterval + kSchedulingSlack)
                       << " of StartTicker(40 ms)";
  ASSERT_TRUE(stopped);
  ASSERT_TRUE(EndsPromptly(ticker->thread, "the tick during which stop was notified returned"));
  const std::vector<TickLog::Call> calls = log.Calls();
  EXPECT_EQ(1u, calls.size()) << "a tick started after stop was notified";
  EXPECT_TRUE(calls[0].end) << "the ticker ended before its tick returned";
}

// Tests that the ticker sleeps between ticks: during the 100 ms wait between tick 1 and tick 2,
// its thread runs for less time than it sleeps, and wakes up at most once per 10 ms, where a
// loop that checks stop every millisecond wakes up every time. The tick itself measures it.
TEST(TickerTest, SleepsBetweenTicks) {
  constexpr auto kLongInterval = 100ms;
  struct Between {  // used by the ticker's thread alone, and read after it has been joined
    int ticks = 0;
    std::optional<ThreadMeter> meter;  // made at the end of tick 1
    ThreadCost cost{};                 // read at the start of tick 2
  };
  Notification& stop = Leaked<Notification>();
  TickLog& log = Leaked<TickLog>();
  Between& between = Leaked<Between>();
  const std::optional<StartedTicker> ticker =
      PromptStartTicker(stop, kLongInterval, log.Tick([&between] {
        if (++between.ticks == 1) between.meter.emplace();
        if (between.ticks == 2) between.cost = between.meter->Elapsed();
      }));
  ASSERT_TRUE(ticker) << kNotStarted;
  const bool ticked = log.WaitForCalls(2, 2 * kLongInterval + kSchedulingSlack);
  ASSERT_TRUE(StopsPromptly(stop, ticker->thread));
  ASSERT_TRUE(ticked) << "expected 2 ticks within "
                      << FormatMs(2 * kLongInterval + kSchedulingSlack) << "; got "
                      << log.Calls().size();
  ASSERT_TRUE(AtLeast(between.cost.wall, kLongInterval, "the wait between tick 1 and tick 2"));
  EXPECT_TRUE(SleptThroughWait(between.cost, "the wait between two ticks"));
}

// Tests that an interval of zero or less is rejected with std::invalid_argument before any
// thread starts: Python's stop.wait(0) would return at once, and the ticker would spin.
TEST(TickerTest, RejectsAnIntervalThatIsNotPositive) {
  const std::chrono::nanoseconds intervals[] = {0ns, -1ms};
  for (const std::chrono::nanoseconds interval : intervals) {
    Notification& stop = Leaked<Notification>();
    TickLog& log = Leaked<TickLog>();
    std::atomic<pid_t>& caller = Leaked<std::atomic<pid_t>>(0);
    const std::set<pid_t> before = ThreadIds();
    const std::optional<std::string> outcome =
        ReturnsWithin(kSchedulingSlack, [&stop, &log, &caller, interval] {
          caller = ThisThreadId();
          try {
            const std::thread& t = Leaked<std::thread>(StartTicker(stop, interval, log.Tick()));
            return std::string(t.joinable() ? "returned a thread" : "returned an empty thread");
          } catch (const std::invalid_argument&) {
            return std::string("threw std::invalid_argument");
          } catch (...) {
            return std::string("threw another exception");
          }
        });
    const std::string call = "StartTicker(" + FormatMs(interval) + ")";
    EXPECT_EQ("threw std::invalid_argument", outcome.value_or("blocked"))
        << call << " must throw std::invalid_argument";
    EXPECT_TRUE(ThreadsStartedSince(before, caller).empty())
        << call << " started a thread: check the interval first";
    (void)NotifiesPromptly(stop);  // ends a ticker that was started all the same
  }
}

}  // namespace
}  // namespace kata
