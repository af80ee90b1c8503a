#include "tests/support/timing.h"

#include <chrono>
#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace kata::testing {
namespace {

using std::chrono::milliseconds;

// Tests that AtLeast accepts the exact bound and explains a miss with both numbers.
TEST(TimingTest, AtLeastIsExactAndExplainsAMiss) {
  EXPECT_TRUE(AtLeast(milliseconds(30), milliseconds(30), "a pause"));
  const ::testing::AssertionResult miss = AtLeast(milliseconds(2), milliseconds(30), "a pause");
  EXPECT_FALSE(miss);
  EXPECT_STREQ(
      "expected a pause to take at least 30.0 ms, but it took only 2.0 ms (28.0 ms too soon)",
      miss.message());
}

// Tests that KATA_WITHIN names the slack constant in its message.
TEST(TimingTest, WithinNamesTheSlack) {
  EXPECT_TRUE(KATA_WITHIN(milliseconds(60), milliseconds(50), kSchedulingSlack, "a join"));
  const ::testing::AssertionResult miss =
      KATA_WITHIN(milliseconds(900), milliseconds(50), kSchedulingSlack, "a join");
  EXPECT_FALSE(miss);
  EXPECT_STREQ(
      "expected a join to take under 50.0 ms + kSchedulingSlack (750.0 ms) = 800.0 ms, but it "
      "took 900.0 ms",
      miss.message());
}

// Tests that a thread meter tells a sleeping wait from spinning and from polling: a 100 ms sleep
// passes, 100 ms of spinning uses the CPU, and 100 ms of 1 ms sleeps wakes up too often.
TEST(TimingTest, SleptThroughWaitTellsSleepFromSpinAndPoll) {
  const auto measure = [](auto wait) {
    const ThreadMeter meter;
    wait();
    return SleptThroughWait(meter.Elapsed(), "the wait");
  };
  EXPECT_TRUE(measure([] { std::this_thread::sleep_for(milliseconds(100)); }));
  const auto spin = measure([] {
    for (const Stopwatch watch; watch.Elapsed() < milliseconds(100);) {
    }
  });
  EXPECT_FALSE(spin);
  EXPECT_NE(std::string::npos, std::string(spin.message()).find("kept a CPU busy"));
  const auto poll = measure([] {
    for (const Stopwatch watch; watch.Elapsed() < milliseconds(100);) {
      std::this_thread::sleep_for(milliseconds(1));
    }
  });
  EXPECT_FALSE(poll);
  EXPECT_NE(std::string::npos, std::string(poll.message()).find("polls with short sleeps"))
      << poll.message();
}

}  // namespace
}  // namespace kata::testing
