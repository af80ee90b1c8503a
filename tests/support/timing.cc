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

// Nanoseconds the calling thread was on a CPU plus those it waited for one (the first two fields
// of /proc/thread-self/schedstat); its CPU time alone where the kernel keeps no such account.
Clock::duration RunnableTime(const rusage& usage) {
  if (std::FILE* f = std::fopen("/proc/thread-self/schedstat", "r")) {
    unsigned long long on_cpu = 0, waiting = 0;
    const int read = std::fscanf(f, "%llu %llu", &on_cpu, &waiting);
    std::fclose(f);
    if (read == 2) return std::chrono::nanoseconds(on_cpu + waiting);
  }
  return std::chrono::seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         std::chrono::microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

ThreadCost Now() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return {RunnableTime(usage), usage.ru_nvcsw};
}

}  // namespace

ThreadMeter::ThreadMeter() : start_(Now()) {}

ThreadCost ThreadMeter::Elapsed() const {
  const ThreadCost now = Now();
  return {now.runnable - start_.runnable, now.blocked - start_.blocked};
}

::testing::AssertionResult SleptThroughWait(ThreadCost cost, Clock::duration wall,
                                            std::string_view what) {
  constexpr auto kPollPeriod = std::chrono::milliseconds(10);
  const long max_blocked = 1 + static_cast<long>(wall / kPollPeriod);
  // Polling first: a thread that polls is runnable a while after each of its wakeups too.
  if (cost.blocked > max_blocked) {
    return ::testing::AssertionFailure()
           << what << " woke up " << cost.blocked << " times in " << FormatMs(wall)
           << " (limit: " << max_blocked << ", one per " << FormatMs(kPollPeriod)
           << "): it polls with short sleeps. Wait on the condition variable until notified.";
  }
  // Half: a spinning thread is runnable all the time, however loaded the machine; a sleeping one
  // only between its wakeup and getting a CPU back, which a busy machine can make long.
  if (cost.runnable >= wall / 2) {
    return ::testing::AssertionFailure()
           << what << " kept a CPU busy: its thread was running, or ready to run, for "
           << FormatMs(cost.runnable) << " of " << FormatMs(wall)
           << " (limit: 50%). Wait on the condition variable; do not spin.";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace kata::testing
