// Exercise 04 tests of the seed's scenario: daemon_timeout_app, run as a real program. Read them:
// they are the specification, with the reasons in the comments.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/app_test.h"

namespace kata {
namespace {

// One of the seed's seconds. The daemon sleeps 5 units; main joins it for 3.
constexpr auto kUnit = 80ms;

// How long the app's JoinFor took by its own clock ("(MainThread) d.join(240 ms) returned after
// 241 ms"; tests/support/app_test.h says why), or zero if it did not say.
std::chrono::milliseconds JoinTook(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    int timeout_ms = 0, took_ms = 0;
    if (std::sscanf(line.c_str(), "(MainThread) d.join(%d ms) returned after %d ms", &timeout_ms,
                    &took_ms) == 2) {
      return std::chrono::milliseconds(took_ms);
    }
  }
  return std::chrono::milliseconds(0);
}

// Tests the seed's scenario: d.join(3.0) times out, so d is still alive; the non-daemon thread
// runs to the end; the daemon's "Exiting" never comes. In time: the program waits the whole join
// timeout (3 units), and ends before the daemon's 5-unit sleep is over.
TEST(DaemonTimeoutAppTest, RunsTheSeedScenario) {
  const ChildResult result =
      RunApp("daemon_timeout_app", {"--unit-ms", std::to_string(kUnit.count())});
  ASSERT_FALSE(result.timed_out) << result.Describe();
  EXPECT_EQ(0, result.exit_code) << result.Describe();
  EXPECT_EQ("", result.err) << "stderr must stay empty (a TSan report?)\n" << result.Describe();
  const std::vector<std::string> lines = result.texts();
  EXPECT_NE(nullptr, result.Find("(non-daemon) Starting")) << result.Describe();
  EXPECT_NE(nullptr, result.Find("(non-daemon) Exiting")) << result.Describe();
  EXPECT_NE(nullptr, result.Find("d.is_alive() true"))
      << "after JoinFor(3 units) the daemon, asleep for 5, must still be alive\n"
      << result.Describe();
  EXPECT_EQ(nullptr, result.Find("(daemon    ) Exiting"))
      << "the program must end before the daemon wakes up\n"
      << result.Describe();
  EXPECT_TRUE(AtLeast(JoinTook(lines), 3 * kUnit, "the app's d.join(3 units)"))
      << result.Describe();
  const TimedLine* daemon_started = result.Find("(daemon    ) Starting");
  ASSERT_NE(nullptr, daemon_started) << result.Describe();
  // Timed from the daemon's Starting line, written just before its sleep; main's last line is
  // the moment it calls _Exit.
  const Clock::duration main_done = result.out.back().at - daemon_started->at;
  EXPECT_LT(main_done, 5 * kUnit) << "main wrote its last line " << FormatMs(main_done)
                                  << " after the daemon began its " << FormatMs(5 * kUnit)
                                  << " sleep; it must be done before the daemon wakes up\n"
                                  << result.Describe();
  EXPECT_TRUE(KATA_WITHIN(result.ended_at - daemon_started->at, 5 * kUnit, kSchedulingSlack,
                          "the app, counted from the daemon's Starting line"))
      << result.Describe();
}

// Tests that bad arguments give one usage line on stderr and exit code 2.
TEST(DaemonTimeoutAppTest, RejectsBadArguments) {
  const ChildResult result = RunApp("daemon_timeout_app", {"--unit-ms", "-5"});
  EXPECT_EQ(2, result.exit_code) << result.Describe();
  EXPECT_NE(std::string::npos, result.err.find("usage: ")) << result.Describe();
  EXPECT_TRUE(result.out.empty()) << result.Describe();
}

}  // namespace
}  // namespace kata
