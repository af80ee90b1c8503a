// Exercise 05 tests of the hard shutdowns: a consumer that ignores the stop request, and a user
// who presses Ctrl+C a second time. Like pipeline_app_test.cc, each test runs the real program
// and sends signals only after a handshake line.
#include <signal.h>

#include <algorithm>
#include <string>

#include "exercises/05_watcher/app_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/app_test.h"

namespace kata {
namespace {

using ::kata::testing::ReadyAndLinesStartingWith;

// --grace-ms when a consumer is stuck: main must abandon it this long after the stop request.
constexpr auto kStuckGrace = 250ms;
// A grace so long that the test could not wait for it: the second Ctrl+C must cut it short.
constexpr auto kLongGrace = 5000ms;

// Starts pipeline_app with `grace` and a consumer-0 that gets stuck on its first item.
std::vector<std::string> StuckArgs(std::chrono::milliseconds grace) {
  return {"--consumers",     "2", "--rate",     "0",
          "--work-ms",       "1", "--grace-ms", std::to_string(grace.count()),
          "--stuck-consumer"};
}

// Tests that a consumer ignoring the stop request is abandoned and named -- no sooner than the
// grace after SIGINT, and not much later -- while the rest of the pipeline stops normally.
TEST(ShutdownTest, StuckConsumerIsAbandonedAfterTheGrace) {
  ChildProcess app(AppPath("pipeline_app"), StuckArgs(kStuckGrace));
  ASSERT_TRUE(WaitForOutput(app, ReadyAndLinesStartingWith("consumer-0 is stuck")))
      << "no \"ready\" line, or consumer-0 never got stuck\n"
      << app.Wait(0s).Describe();
  const Clock::time_point signalled_at = Clock::now();
  app.Signal(SIGINT);
  const ChildResult result = app.Wait(kStuckGrace + kSchedulingSlack);
  ASSERT_FALSE(result.timed_out)
      << "the stuck consumer kept the program alive: once the grace has passed, main's join "
      << "loop must abandon it instead of waiting for it forever.\n"
      << result.Describe();
  const TimedLine* abandoned = FindLine(result.out, "abandoned:");
  ASSERT_NE(nullptr, abandoned) << "no \"abandoned: ...\" line\n" << result.Describe();
  EXPECT_EQ("abandoned: consumer-0", abandoned->text) << "only the stuck consumer may be abandoned";
  EXPECT_TRUE(AtLeast(abandoned->at - signalled_at, kStuckGrace, "the abandonment after SIGINT"))
      << "a thread gets the whole grace period to finish\n"
      << result.Describe();
  EXPECT_TRUE(KATA_WITHIN(abandoned->at - signalled_at, kStuckGrace, kSchedulingSlack,
                          "the abandonment after SIGINT"))
      << result.Describe();
  const TimedLine* still_alive = result.Find("still alive: consumer-0");
  EXPECT_TRUE(still_alive != nullptr && still_alive < abandoned)
      << "the join loop must report \"still alive: consumer-0\" before it gives up\n"
      << result.Describe();
  const auto reports =
      std::count_if(result.out.begin(), result.out.end(),
                    [](const TimedLine& line) { return line.text == "still alive: consumer-0"; });
  EXPECT_EQ(1, reports) << "\"still alive: consumer-0\" must be written once, when the set of "
                        << "threads still alive changes to it -- not on every turn of the loop\n"
                        << result.Describe();
  EXPECT_EQ(130, result.exit_code) << result.Describe();
  const std::optional<testing::Counts> summary = testing::LastLineSummary(result);
  ASSERT_TRUE(summary) << "the last line must be the summary\n" << result.Describe();
  EXPECT_EQ(summary->produced, summary->consumed + summary->dropped)
      << "produced = consumed + dropped must hold, even when a thread is abandoned\n"
      << result.Describe();
  EXPECT_GE(summary->dropped, 1) << "the item the stuck consumer holds is dropped\n"
                                 << result.Describe();
  EXPECT_THAT(result.err, Not(HasSubstr("ThreadSanitizer"))) << result.err;
}

// Tests that a second SIGINT during a slow shutdown ends the program at once, with a "forced"
// line and exit code 130, instead of waiting out the grace.
TEST(ShutdownTest, SecondSigintForcesAnImmediateExit) {
  ChildProcess app(AppPath("pipeline_app"), StuckArgs(kLongGrace));
  ASSERT_TRUE(WaitForOutput(app, ReadyAndLinesStartingWith("consumer-0 is stuck")))
      << "no \"ready\" line, or consumer-0 never got stuck\n"
      << app.Wait(0s).Describe();
  app.Signal(SIGINT);
  ASSERT_TRUE(WaitForOutput(app, LinesStartingWith("stopping on SIGINT")))
      << "the watcher must write \"stopping on SIGINT\" on the first SIGINT\n"
      << app.Wait(0s).Describe();
  const Clock::time_point second_at = Clock::now();
  app.Signal(SIGINT);
  const ChildResult result = app.Wait(kSchedulingSlack);
  ASSERT_FALSE(result.timed_out) << "the second SIGINT must end the program at once, not after "
                                 << "the grace of " << FormatMs(kLongGrace) << "\n"
                                 << result.Describe();
  EXPECT_EQ(130, result.exit_code) << result.Describe();
  EXPECT_NE(nullptr, FindLine(result.out, "forced")) << "no \"forced\" line\n" << result.Describe();
  EXPECT_TRUE(KATA_WITHIN(result.ended_at - second_at, 0ms, kSchedulingSlack,
                          "the end after the second SIGINT"));
  EXPECT_THAT(result.err, Not(HasSubstr("ThreadSanitizer"))) << result.err;
}

}  // namespace
}  // namespace kata
