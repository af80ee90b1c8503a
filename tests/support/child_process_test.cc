#include "tests/support/child_process.h"

#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/app_path.h"
#include "tests/support/timing.h"

namespace kata::testing {
namespace {

using std::chrono::milliseconds;
using Texts = std::vector<std::string>;

// Tests that stdout arrives as lines, stderr whole, and the exit code is reported.
TEST(ChildProcessTest, CollectsOutputAndExitCode) {
  ChildProcess child(AppPath("fake_app"), {"print:one", "stderr:oops", "print:two", "exit:3"});
  const ChildResult result = child.Wait(kForever);
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(3, result.exit_code) << result.Describe();
  EXPECT_EQ((Texts{"one", "two"}), result.texts());
  EXPECT_EQ("oops\n", result.err);
  EXPECT_EQ(&result.out[1], result.Find("two"));
  EXPECT_EQ(nullptr, result.Find("tw"));  // whole lines only
}

// Tests that a last line without a newline is kept.
TEST(ChildProcessTest, KeepsAnUnterminatedLastLine) {
  ChildProcess child(AppPath("fake_app"), {"print:whole", "partial:Hello, there 0 Michael"});
  EXPECT_EQ((Texts{"whole", "Hello, there 0 Michael"}), child.Wait(kForever).texts());
}

// Tests that lines are stamped on arrival, so a pause in the child shows as a gap.
TEST(ChildProcessTest, StampsLinesOnArrival) {
  ChildProcess child(AppPath("fake_app"), {"print:a", "sleep:40", "print:b"});
  const ChildResult result = child.Wait(kForever);
  ASSERT_EQ(2u, result.out.size()) << result.Describe();
  // Only bounds measured from before the spawn are exact: the reader thread may stamp "a" late,
  // so the gap between two arrivals can look shorter than the child's sleep.
  EXPECT_TRUE(AtLeast(result.out[1].at - result.started_at, milliseconds(40), "line b's arrival"));
  EXPECT_TRUE(AtLeast(result.lifetime(), milliseconds(40), "the child's lifetime"));
}

// Tests the handshake-then-signal pattern: wait for "ready", send SIGINT, see the signal.
TEST(ChildProcessTest, SignalsAfterReadyLine) {
  ChildProcess child(AppPath("fake_app"), {"print:ready", "wait-signal"});
  ASSERT_TRUE(child.out().WaitForLine("ready", kForever));
  child.Signal(SIGINT);
  const ChildResult result = child.Wait(kForever);
  EXPECT_EQ(SIGINT, result.signal) << result.Describe();
  EXPECT_FALSE(result.exit_code.has_value());
}

// Tests that a child that overruns its deadline is killed and reported as timed out.
TEST(ChildProcessTest, KillsAChildThatOverruns) {
  ChildProcess child(AppPath("fake_app"), {"print:stuck", "wait-signal"});
  ASSERT_TRUE(child.out().WaitForLine("stuck", kForever));
  Stopwatch watch;
  const ChildResult result = child.Wait(milliseconds(50));
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(SIGKILL, result.signal);
  EXPECT_TRUE(AtLeast(watch.Elapsed(), milliseconds(50), "Wait(50 ms)"));
  EXPECT_NE(std::string::npos, result.Describe().find("did not finish in time"));
}

// Tests that a crash is reported as the signal that ended the child.
TEST(ChildProcessTest, ReportsACrash) {
  ChildProcess child(AppPath("fake_app"), {"crash"});
  const ChildResult result = child.Wait(kForever);
  EXPECT_EQ(SIGABRT, result.signal) << result.Describe();
  EXPECT_NE(std::string::npos, result.Describe().find("killed by SIGABRT"));
}

// Tests that a wait for a line the program never prints ends when the program does, not at the
// wait's timeout.
TEST(ChildProcessTest, WaitForLineEndsWithTheProgram) {
  // Far longer than the program takes to print a line and exit, even under load.
  constexpr auto kWaitTimeout = std::chrono::seconds(30);
  ChildProcess child(AppPath("fake_app"), {"print:one", "exit:0"});
  Stopwatch watch;
  EXPECT_FALSE(child.out().WaitForLine("two", kWaitTimeout));
  EXPECT_LT(watch.Elapsed(), kWaitTimeout) << "the wait should end when the program's stdout does";
  EXPECT_EQ(0, child.Wait(kForever).exit_code);
}

// Tests that a program that does not exist is a clear error, not a hang.
TEST(ChildProcessTest, MissingProgramThrows) {
  EXPECT_THROW(ChildProcess("/nonexistent/program", {}), std::runtime_error);
}

}  // namespace
}  // namespace kata::testing
