// The shared preamble of the tests that run one of their exercise's programs as a child process
// (greeter_app, daemon_timeout_app, pipeline_app), and the machinery such a test need not spell
// out: the deadline that turns a hung program into a failure, and handshakes on its output.
//
//   const ChildResult result = RunApp("greeter_app", {"--times", "3"});
//   EXPECT_EQ(0, result.exit_code) << result.Describe();
//
//   ChildProcess app(AppPath("pipeline_app"), args);                  // to signal it meanwhile
//   ASSERT_TRUE(WaitForOutput(app, LinesStartingWith("ready")));
//   app.Signal(SIGINT);
//
// Timing a program from outside. Starting a ThreadSanitizer program can take longer on a busy
// machine than the behaviour a test times (04's whole 240 ms join, say). So an exact lower bound
// is timed from the spawn (result.lifetime()): a program that skips a pause is caught however
// long it took to start. An upper bound is timed from a line the program wrote once it ran --
// its "ready" line, a thread's first line -- or is a figure the program measured itself; the
// kernel may take a little while to tear a process down after its last line, hence the slack on
// the end of a run.
#ifndef KATA_TESTS_SUPPORT_APP_TEST_H_
#define KATA_TESTS_SUPPORT_APP_TEST_H_

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "tests/support/app_path.h"
#include "tests/support/child_process.h"
#include "tests/support/line_recorder.h"
#include "tests/support/timing.h"

namespace kata::testing {

// A run still going after this is killed, and its test fails: far more than any run takes.
inline constexpr std::chrono::seconds kAppDeadline{5};

// Runs this exercise's program `app` with `args` until it ends, or kills it after kAppDeadline
// (then result.timed_out is set).
inline ChildResult RunApp(const std::string& app, const std::vector<std::string>& args) {
  ChildProcess child(AppPath(app), args);
  return child.Wait(kAppDeadline);
}

// How long a handshake waits for a line from a program that is still running: long enough for
// a loaded machine. A program that has ended is noticed at once (its stdout ends).
inline constexpr std::chrono::seconds kHandshakeDeadline{5};

// A test of the output so far: true once it shows what the test waits for.
using OutputTest = std::function<bool(const std::vector<TimedLine>&)>;

// Blocks until `done` holds for the output of `app` so far (true), or the app has ended
// without it, or kHandshakeDeadline has passed (false).
inline bool WaitForOutput(const ChildProcess& app, const OutputTest& done) {
  return app.out().WaitUntil(done, kHandshakeDeadline);
}

// The first of `lines` that starts with `prefix`, or nullptr.
inline const TimedLine* FindLine(const std::vector<TimedLine>& lines, std::string_view prefix) {
  const auto found = std::find_if(lines.begin(), lines.end(), [&](const TimedLine& line) {
    return line.text.starts_with(prefix);
  });
  return found == lines.end() ? nullptr : &*found;
}

// An OutputTest: at least `count` lines start with `prefix`.
inline OutputTest LinesStartingWith(std::string prefix, std::size_t count = 1) {
  return [prefix, count](const std::vector<TimedLine>& lines) {
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](auto& line) {
             return line.text.starts_with(prefix);
           })) >= count;
  };
}

}  // namespace kata::testing

// The names every app test uses, so that its file opens with its cases.
namespace kata {
using namespace std::chrono_literals;  // NOLINT(build/namespaces): the preamble's purpose
using ::kata::testing::AppPath;
using ::kata::testing::AtLeast;
using ::kata::testing::ChildProcess;
using ::kata::testing::ChildResult;
using ::kata::testing::Clock;
using ::kata::testing::FindLine;
using ::kata::testing::FormatMs;
using ::kata::testing::kAppDeadline;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::LinesStartingWith;
using ::kata::testing::RunApp;
using ::kata::testing::TimedLine;
using ::kata::testing::WaitForOutput;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
}  // namespace kata

#endif  // KATA_TESTS_SUPPORT_APP_TEST_H_
