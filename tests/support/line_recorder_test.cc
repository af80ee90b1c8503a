#include "tests/support/line_recorder.h"

#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/timing.h"

namespace kata::testing {
namespace {

// Tests that lines keep their arrival order and get non-decreasing timestamps.
TEST(LineRecorderTest, KeepsOrderAndStampsArrival) {
  LineRecorder recorder;
  recorder.Record("a");
  recorder.Record("b");
  const std::vector<TimedLine> lines = recorder.Lines();
  ASSERT_EQ(2u, lines.size());
  EXPECT_EQ("a", lines[0].text);
  EXPECT_EQ("b", lines[1].text);
  EXPECT_LE(recorder.start(), lines[0].at);
  EXPECT_LE(lines[0].at, lines[1].at);
  EXPECT_EQ((std::vector<std::string>{"a", "b"}), recorder.Texts());
}

// Tests that many threads may record at once without losing a line (TSan checks the rest).
TEST(LineRecorderTest, RecordsFromManyThreads) {
  LineRecorder recorder;
  constexpr int kThreads = 4, kLines = 200;
  std::latch start(kThreads);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < kLines; ++i) recorder.Record("x");
    });
  }
  threads.clear();
  EXPECT_EQ(static_cast<size_t>(kThreads * kLines), recorder.Lines().size());
}

// Tests that a waiter wakes when the awaited line arrives from another thread.
TEST(LineRecorderTest, WaitForLineWakesOnArrival) {
  LineRecorder recorder;
  std::jthread writer([&] { recorder.Record("ready"); });
  EXPECT_TRUE(recorder.WaitForLine("ready", kForever));
  EXPECT_TRUE(recorder.TimeOf("ready").has_value());
}

// Tests that a wait for a line that never comes gives up after its timeout, not before.
TEST(LineRecorderTest, WaitGivesUpAfterTimeout) {
  LineRecorder recorder;
  Stopwatch watch;
  EXPECT_FALSE(recorder.WaitForCount(1, std::chrono::milliseconds(20)));
  EXPECT_TRUE(AtLeast(watch.Elapsed(), std::chrono::milliseconds(20), "a 20 ms wait"));
  EXPECT_FALSE(recorder.TimeOf("never").has_value());
}

// Tests that Close() wakes a waiter at once, and that a wait after it returns at once, with the
// verdict on the lines that did arrive.
TEST(LineRecorderTest, CloseEndsEveryWait) {
  LineRecorder recorder;
  recorder.Record("one");
  std::jthread closer([&] { recorder.Close(); });
  EXPECT_FALSE(recorder.WaitForLine("two", kForever));
  Stopwatch watch;
  EXPECT_TRUE(recorder.WaitForLine("one", kForever));
  EXPECT_FALSE(recorder.WaitForCount(2, kForever));
  EXPECT_TRUE(KATA_WITHIN(watch.Elapsed(), std::chrono::milliseconds(0), kSchedulingSlack,
                          "two waits on a closed recorder"));
}

// Tests that Dump() shows each line with its offset, for failure messages.
TEST(LineRecorderTest, DumpShowsOffsetsAndText) {
  LineRecorder recorder;
  EXPECT_EQ("    (no lines)\n", recorder.Dump());
  recorder.Record("Done");
  EXPECT_NE(std::string::npos, recorder.Dump().find(" ms  Done\n")) << recorder.Dump();
}

}  // namespace
}  // namespace kata::testing
