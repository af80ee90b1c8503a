#include "tests/support/timing.h"

#include <cstdio>
#include <string>

namespace kata::testing {

std::string FormatMs(Clock::duration d) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", std::chrono::duration<double, std::milli>(d).count());
  return text;
}

::testing::AssertionResult AtLeast(Clock::duration actual, Clock::duration minimum,
                                   std::string_view what) {
  if (actual >= minimum) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected " << what << " to take at least " << FormatMs(minimum)
         << ", but it took only " << FormatMs(actual) << " (" << FormatMs(minimum - actual)
         << " too soon)";
}

::testing::AssertionResult WithinSlack(Clock::duration actual, Clock::duration limit,
                                       Clock::duration slack, std::string_view slack_name,
                                       std::string_view what) {
  if (actual < limit + slack) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected " << what << " to take under " << FormatMs(limit) << " + " << slack_name
         << " (" << FormatMs(slack) << ") = " << FormatMs(limit + slack) << ", but it took "
         << FormatMs(actual);
}

}  // namespace kata::testing
