// Exercise 05 tests of pipeline_app: runs that end on their own, bad flags, and a graceful stop
// on SIGINT or SIGTERM. Each test starts the real program as a child process -- the only way
// to see signals and exit codes -- and sends a signal only after the program has said "ready".
// One test times RunPipeline in this process instead, where no program start-up adds time.
#include <signal.h>

#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "exercises/05_watcher/app_test_helpers.h"
#include "exercises/05_watcher/pipeline.h"
#include "gtest/gtest.h"
#include "tests/support/app_test.h"
#include "tests/support/deadline.h"

namespace kata {
namespace {

// --grace-ms of the graceful stops: far longer than draining the queue takes (8 items at 5 ms,
// shared by 2 consumers), so nothing is ever abandoned. The program must end within kGrace
// (plus slack) of the signal.
constexpr auto kGrace = 500ms;

std::string Joined(const std::vector<std::string>& args) {
  std::string joined;
  for (const std::string& arg : args) joined += (joined.empty() ? "" : " ") + arg;
  return joined;
}

// Tests that a bounded run finishes on its own, with exit code 0, having taken each item once,
// and that --rate limits the producer: 12 items at 20 per second take at least 11 * 50 ms, timed
// from the spawn as a lower bound is (tests/support/app_test.h).
TEST(PipelineAppTest, BoundedRunConsumesExactlyN) {
  constexpr int kItems = 12;
  const ChildResult result = RunApp(
      "pipeline_app",
      {"--items", std::to_string(kItems), "--consumers", "3", "--rate", "20", "--work-ms", "1"});
  EXPECT_EQ(0, result.exit_code) << result.Describe();
  ASSERT_FALSE(result.out.empty()) << result.Describe();
  EXPECT_NE(nullptr, FindLine(result.out, "ready")) << result.Describe();
  EXPECT_EQ("produced=12 consumed=12 dropped=0", result.out.back().text)
      << "the last line must be the summary, and every item must be consumed.\n"
      << result.Describe();
  EXPECT_EQ(testing::FirstItems(kItems), testing::TakenItems(result))
      << "items 0 .. 11 must each be taken exactly once.\n"
      << result.Describe();
  EXPECT_TRUE(AtLeast(result.lifetime(), (kItems - 1) * 50ms, "a run of 12 items at --rate 20"))
      << "the producer must wait 1/rate s between two items.\n"
      << result.Describe();
  EXPECT_EQ("", result.err) << "stderr must be empty (no TSan report)";
}

// Tests that the producer waits 1/rate s between two items, timed around RunPipeline in this
// process: a program's start-up, which can take longer than the waits on a busy machine, cannot
// hide a wait that is too short. 6 items at rate 40 take at least 5 * 25 ms.
TEST(PipelineAppTest, ProducerWaitsOneOverRateBetweenItems) {
  PipelineOptions options;
  options.items = 6;
  options.consumers = 2;
  options.rate = 40;
  options.work = 1ms;
  const auto run = testing::TimedWithin(
      kAppDeadline, [options] { return RunPipeline(options, std::stop_token()).consumed; });
  ASSERT_TRUE(run.has_value()) << "RunPipeline(6 items at rate 40) had not returned after "
                               << FormatMs(kAppDeadline);
  EXPECT_EQ(6, run->value) << "items consumed by RunPipeline(6 items at rate 40)";
  EXPECT_TRUE(AtLeast(run->took, 5 * 25ms, "RunPipeline(6 items at rate 40)"))
      << "the producer must wait 1/rate s between two items.";
}

// Tests that the producer waits only BETWEEN two items: a run of one item at --rate 1 has no
// pause at all, so it ends promptly after "ready" instead of a second later.
TEST(PipelineAppTest, NoPauseBeforeTheFirstItem) {
  const ChildResult result =
      RunApp("pipeline_app", {"--items", "1", "--rate", "1", "--work-ms", "0"});
  EXPECT_EQ(0, result.exit_code) << result.Describe();
  const TimedLine* ready = FindLine(result.out, "ready");
  ASSERT_NE(nullptr, ready) << result.Describe();
  EXPECT_TRUE(KATA_WITHIN(result.ended_at - ready->at, 0ms, kSchedulingSlack,
                          "a run of 1 item at --rate 1, from \"ready\" to its end"))
      << "the producer must wait 1/rate s between two items, not before the first one.\n"
      << result.Describe();
  EXPECT_EQ("produced=1 consumed=1 dropped=0", result.out.back().text) << result.Describe();
}

// Tests that a bad command line gets one usage line on stderr and exit code 2, and runs nothing.
TEST(PipelineAppTest, BadFlagsGiveUsageAndExitCode2) {
  const std::vector<std::vector<std::string>> bad_command_lines = {
      {"--consumers", "0"},
      {"--verbose"},
  };
  std::vector<std::unique_ptr<ChildProcess>> apps;  // side by side: each takes a while to start
  for (const std::vector<std::string>& args : bad_command_lines) {
    apps.push_back(std::make_unique<ChildProcess>(AppPath("pipeline_app"), args));
  }
  for (size_t i = 0; i < apps.size(); ++i) {
    const std::string args = Joined(bad_command_lines[i]);
    const ChildResult result = apps[i]->Wait(kAppDeadline);
    EXPECT_EQ(2, result.exit_code) << "pipeline_app " << args << "\n" << result.Describe();
    EXPECT_THAT(result.err, StartsWith("usage: pipeline_app")) << args;
    EXPECT_THAT(result.texts(), IsEmpty()) << "nothing may run: " << args;
  }
}

// A run of pipeline_app flat out -- queue full, consumers busy -- and the signal that stops it.
struct BusyRun {
  int sig;
  std::unique_ptr<ChildProcess> app;
  Clock::time_point signalled_at;
};

void StartBusy(BusyRun& run) {
  run.app = std::make_unique<ChildProcess>(
      AppPath("pipeline_app"),
      std::vector<std::string>{"--consumers", "2", "--rate", "0", "--work-ms", "5", "--grace-ms",
                               std::to_string(kGrace.count())});
}

// True once `run` has written "ready" and its consumers have taken 3 items: by then the
// producer has filled the queue, so there is something to drain.
bool IsBusy(const BusyRun& run) {
  return WaitForOutput(*run.app, testing::ReadyAndLinesStartingWith("consumer-", 3));
}

// Checks that `run` stopped gracefully: within the grace, with exit code 128 + its signal, and
// with every item it produced taken exactly once.
void ExpectGracefulStop(BusyRun& run) {
  const std::string name = testing::SignalName(run.sig);
  const ChildResult result =
      run.app->Wait(run.signalled_at + kGrace + kSchedulingSlack - Clock::now());
  ASSERT_FALSE(result.timed_out)
      << "after " << name << " the program must stop. Does the watcher request the stop, and "
      << "does the stop request close the queue?\n"
      << result.Describe();
  EXPECT_EQ(128 + run.sig, result.exit_code)
      << "after " << name << " the exit code must be 128 + " << run.sig << ". Killed by " << name
      << "? Then no thread was waiting for it: block it in main before any thread starts, and "
      << "sigwait() for it in the watcher.\n"
      << result.Describe();
  EXPECT_TRUE(KATA_WITHIN(result.ended_at - run.signalled_at, kGrace, kSchedulingSlack,
                          "the end after " + name));
  EXPECT_NE(nullptr, FindLine(result.out, "stopping on " + name)) << result.Describe();
  const std::optional<testing::Counts> summary = testing::LastLineSummary(result);
  ASSERT_TRUE(summary) << "the last line must be the summary\n" << result.Describe();
  EXPECT_EQ(summary->produced, summary->consumed + summary->dropped)
      << "produced = consumed + dropped must hold after " << name << "\n"
      << result.Describe();
  EXPECT_EQ(0, summary->dropped)
      << "nothing was abandoned, so nothing may be dropped: the consumers must drain the queue "
      << "-- pop until Pop() returns nullopt -- instead of stopping on the stop request.\n"
      << result.Describe();
  EXPECT_EQ(testing::FirstItems(summary->produced), testing::TakenItems(result))
      << "every produced item must be taken exactly once\n"
      << result.Describe();
  EXPECT_EQ("", result.err) << "stderr must be empty (no TSan report) after " << name;
}

// Tests that SIGINT (Ctrl+C) and SIGTERM (`kill`) each stop a busy pipeline gracefully, with
// exit code 130 and 143. The two runs go side by side.
TEST(PipelineAppTest, SigintAndSigtermStopGracefully) {
  BusyRun runs[] = {{SIGINT, nullptr, {}}, {SIGTERM, nullptr, {}}};
  for (BusyRun& run : runs) StartBusy(run);
  for (BusyRun& run : runs) {
    ASSERT_TRUE(IsBusy(run)) << "no \"ready\" line, or fewer than 3 items taken\n"
                             << run.app->Wait(0s).Describe();
  }
  for (BusyRun& run : runs) {
    run.signalled_at = Clock::now();
    run.app->Signal(run.sig);
  }
  for (BusyRun& run : runs) ExpectGracefulStop(run);
}

}  // namespace
}  // namespace kata
