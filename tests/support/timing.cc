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

// The calling thread's counters; `wall` is left zero, for ThreadMeter to fill in.
ThreadCost Counters() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  ThreadCost cost{{}, {}, {}, usage.ru_nvcsw};
  // The first two fields of /proc/thread-self/schedstat: nanoseconds on a CPU and waiting for
  // one. Where the kernel keeps no such account, CPU time stands in for the first, and waiting
  // for a CPU counts as asleep: a weaker check, on a loaded machine, than Linux's own.
  unsigned long long on_cpu = 0, waiting = 0;
  std::FILE* f = std::fopen("/proc/thread-self/schedstat", "r");
  if (f != nullptr && std::fscanf(f, "%llu %llu", &on_cpu, &waiting) == 2) {
    cost.on_cpu = std::chrono::nanoseconds(on_cpu);
    cost.waiting_for_cpu = std::chrono::nanoseconds(waiting);
  } else {
    cost.on_cpu = std::chrono::seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  std::chrono::microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  }
  if (f != nullptr) std::fclose(f);
  return cost;
}

}  // namespace

ThreadMeter::ThreadMeter() : started_(Clock::now()), start_(Counters()) {}

ThreadCost ThreadMeter::Elapsed() const {
  // The counters first, then the clock: time the thread spends waiting for a CPU between the two
  // shows as more wall time, never as more runnable time than wall time.
  const ThreadCost now = Counters();
  return {Clock::now() - started_, now.on_cpu - start_.on_cpu,
          now.waiting_for_cpu - start_.waiting_for_cpu, now.blocked - start_.blocked};
}

::testing::AssertionResult SleptThroughWait(const ThreadCost& cost, std::string_view what) {
  constexpr auto kPollPeriod = std::chrono::milliseconds(10);
  const long max_blocked = 1 + static_cast<long>(cost.wall / kPollPeriod);
  // Polling first: a thread that polls is on a CPU a while after each of its wakeups too.
  if (cost.blocked > max_blocked) {
    return ::testing::AssertionFailure()
           << what << " woke up " << cost.blocked << " times in " << FormatMs(cost.wall)
           << " (limit: " << max_blocked << ", one per " << FormatMs(kPollPeriod)
           << "): it polls with short sleeps. Wait on the condition variable until notified.";
  }
  // A spinning thread is never asleep: it runs, or waits for a CPU to run on, however loaded the
  // machine. A sleeping one runs only briefly after each wakeup.
  if (cost.on_cpu >= cost.asleep()) {
    return ::testing::AssertionFailure()
           << what << " kept a CPU busy: of " << FormatMs(cost.wall) << ", its thread ran for "
           << FormatMs(cost.on_cpu) << " and slept for only " << FormatMs(cost.asleep())
           << " (the rest, " << FormatMs(cost.waiting_for_cpu)
           << ", it waited for a CPU). Wait on the condition variable; do not spin.";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace kata::testing
