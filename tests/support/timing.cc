#include "tests/support/timing.h"

#include <sys/resource.h>

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

namespace {

ThreadCost Now() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  const auto cpu = std::chrono::seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                   std::chrono::microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  return {std::chrono::duration_cast<Clock::duration>(cpu), usage.ru_nvcsw};
}

}  // namespace

ThreadMeter::ThreadMeter() : start_(Now()) {}

ThreadCost ThreadMeter::Elapsed() const {
  const ThreadCost now = Now();
  return {now.cpu - start_.cpu, now.blocked - start_.blocked};
}

::testing::AssertionResult SleptThroughWait(ThreadCost cost, Clock::duration wall,
                                            std::string_view what) {
  constexpr auto kPollPeriod = std::chrono::milliseconds(10);
  const long max_blocked = 1 + static_cast<long>(wall / kPollPeriod);
  if (cost.cpu >= wall / 5) {
    return ::testing::AssertionFailure()
           << what << " kept a CPU busy: its thread used " << FormatMs(cost.cpu) << " of CPU in "
           << FormatMs(wall) << " (limit: 20%). Wait on the condition variable; do not spin.";
  }
  if (cost.blocked > max_blocked) {
    return ::testing::AssertionFailure()
           << what << " woke up " << cost.blocked << " times in " << FormatMs(wall)
           << " (limit: " << max_blocked << ", one per " << FormatMs(kPollPeriod)
           << "): it polls with short sleeps. Wait on the condition variable until notified.";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace kata::testing
