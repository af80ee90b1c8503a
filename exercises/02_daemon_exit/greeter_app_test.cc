// Exercise 02 tests of ExitMain(), through the real greeter_app: how a process ends can only be
// seen from outside it. Each test runs the program as a child whose stdout is a pipe -- so
// stdio buffers it fully, as it would for `greeter_app | cat` -- and checks what came out, how
// the program ended, and when.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/app_test.h"

namespace kata {
namespace {

// The arguments --times `times` --pause-ms `pause`, after `flags`.
std::vector<std::string> Args(std::vector<std::string> flags, int times,
                              std::chrono::milliseconds pause) {
  flags.insert(flags.end(),
               {"--times", std::to_string(times), "--pause-ms", std::to_string(pause.count())});
  return flags;
}

std::string Greeting(int n) { return "Hello, there " + std::to_string(n) + " Michael"; }

// Greetings 0 .. count-1.
std::vector<std::string> Greetings(int count) {
  std::vector<std::string> greetings;
  for (int n = 0; n < count; ++n) greetings.push_back(Greeting(n));
  return greetings;
}

// The lines of `result` other than "Done", in order.
std::vector<std::string> NonDoneLines(const ChildResult& result) {
  std::vector<std::string> lines = result.texts();
  std::erase(lines, "Done");
  return lines;
}

// Tests that a non-daemon greeter keeps the process alive until its last greeting: all of them
// come out, in order, and Done comes before greeting 1. Greeting 0 races with Done -- CPython
// often prints "Hello, there 0 MichaelDone" -- so where Done lands relative to it is not checked.
TEST(GreeterAppTest, NonDaemonGreeterFinishesBeforeTheProcessEnds) {
  constexpr int kTimes = 5;
  constexpr auto kPause = 40ms;
  const ChildResult result = RunApp("greeter_app", Args({}, kTimes, kPause));
  EXPECT_EQ(0, result.exit_code) << result.Describe();
  EXPECT_EQ("", result.err) << "stderr should be empty";
  EXPECT_EQ(Greetings(kTimes), NonDoneLines(result))
      << "ExitMain must wait for a non-daemon thread, and flush what it wrote.\n"
      << result.Describe();
  const std::vector<std::string> lines = result.texts();
  EXPECT_EQ(1, std::count(lines.begin(), lines.end(), "Done")) << result.Describe();
  const TimedLine* done = result.Find("Done");
  const TimedLine* greeting1 = result.Find(Greeting(1));
  EXPECT_TRUE(done != nullptr && (greeting1 == nullptr || done < greeting1))
      << "Done must come before greeting 1: main does not wait for the greeter.\n"
      << result.Describe();
  EXPECT_TRUE(AtLeast(result.lifetime(), (kTimes - 1) * kPause,
                      "a run whose non-daemon greeter pauses 40 ms between 5 greetings"))
      << result.Describe();
}

// The daemon run: long pauses, so that ending at once and waiting for the greeter are far apart.
constexpr int kDaemonTimes = 5;
constexpr auto kDaemonPause = 300ms;
static_assert(kDaemonPause + kSchedulingSlack < kDaemonTimes * kDaemonPause,
              "ending within one pause plus slack must be well before the greeter could finish");

// Tests that a daemon greeter does not keep the process alive: it ends right after Done,
// cleanly, with every line whole and only the greetings written until then.
TEST(GreeterAppTest, DaemonGreeterDoesNotDelayTheEnd) {
  const ChildResult result = RunApp("greeter_app", Args({"--daemon"}, kDaemonTimes, kDaemonPause));
  EXPECT_EQ(0, result.exit_code)
      << "killed by SIGABRT with \"terminate called\"? std::exit -- and returning from main --\n"
         "run static destructors, and the registry still holds the daemon's joinable thread.\n"
      << result.Describe();
  EXPECT_EQ("", result.err) << "stderr should be empty: no std::terminate, no TSan report.\n"
                            << result.Describe();
  EXPECT_TRUE(KATA_WITHIN(result.lifetime(), kDaemonPause, kSchedulingSlack,
                          "a run whose daemon greeter pauses 300 ms between 5 greetings"))
      << "ExitMain must not wait for a daemon thread.\n"
      << result.Describe();
  const std::vector<std::string> greetings = NonDoneLines(result);
  EXPECT_LT(greetings.size(), static_cast<size_t>(kDaemonTimes))
      << "the daemon greeter finished, so the process waited for it.\n"
      << result.Describe();
  EXPECT_EQ(Greetings(static_cast<int>(greetings.size())), greetings)
      << "every line should be whole: greetings from 0, in order.\n"
      << result.Describe();
  EXPECT_NE(nullptr, result.Find("Done")) << "Done is lost: ExitMain must flush stdout.\n"
                                          << result.Describe();
}

// Tests that Join waits for a daemon thread, as t.join() does in Python: every greeting comes out.
TEST(GreeterAppTest, JoinedDaemonGreeterFinishes) {
  constexpr int kTimes = 3;
  constexpr auto kPause = 30ms;
  const ChildResult result = RunApp("greeter_app", Args({"--daemon", "--join"}, kTimes, kPause));
  EXPECT_EQ(0, result.exit_code) << result.Describe();
  EXPECT_EQ("", result.err) << "stderr should be empty";
  EXPECT_EQ(Greetings(kTimes), NonDoneLines(result)) << result.Describe();
  EXPECT_NE(nullptr, result.Find("Done")) << "Done is lost: ExitMain must flush stdout.\n"
                                          << result.Describe();
  EXPECT_TRUE(
      AtLeast(result.lifetime(), (kTimes - 1) * kPause, "a joined run of 3 greetings 30 ms apart"));
}

// Tests that ExitMain ends the process with the status it was given, not always 0: exit_code_app
// calls ExitMain(3) while a daemon thread sleeps.
TEST(ExitMainTest, EndsWithTheGivenStatus) {
  const ChildResult result = RunApp("exit_code_app", {"3"});
  EXPECT_EQ(3, result.exit_code) << "exit_code_app called ExitMain(3).\n" << result.Describe();
  EXPECT_EQ(std::vector<std::string>{"exiting"}, result.texts()) << result.Describe();
  EXPECT_EQ("", result.err) << "stderr should be empty";
}

// Tests that bad arguments get one usage line on stderr, exit code 2, and no output.
TEST(GreeterAppTest, BadArgumentsGetAUsageLine) {
  const std::vector<std::vector<std::string>> bad = {{"--bogus"}, {"--times", "-1"}};
  for (const std::vector<std::string>& args : bad) {
    SCOPED_TRACE("greeter_app " + ::testing::PrintToString(args));
    const ChildResult result = RunApp("greeter_app", args);
    EXPECT_EQ(2, result.exit_code) << result.Describe();
    EXPECT_THAT(result.err, StartsWith("usage: ")) << result.Describe();
    EXPECT_THAT(std::count(result.err.begin(), result.err.end(), '\n'), Eq(1)) << "stderr lines";
    EXPECT_TRUE(result.out.empty()) << result.Describe();
  }
}

}  // namespace
}  // namespace kata
