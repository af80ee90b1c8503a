#include "tests/support/timing.h"

#include <chrono>

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

}  // namespace
}  // namespace kata::testing
