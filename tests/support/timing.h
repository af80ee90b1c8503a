// Duration assertions that speak to a learner.
//
// Lower bounds are exact: a pause of 30 ms must really take 30 ms, and sleep_for guarantees it.
// Upper bounds always carry a named slack, because a loaded 2-core machine running TSan can
// deschedule any thread for a while; a test that needs "promptly" uses kSchedulingSlack, and a
// test that needs "eventually" waits kForever so that only a real bug can make it fail.
//
//   EXPECT_TRUE(AtLeast(gap, 30ms, "the gap between greeting 0 and greeting 1"));
//   EXPECT_TRUE(KATA_WITHIN(elapsed, 50ms, kSchedulingSlack, "JoinFor(50ms) on a blocked thread"));
#ifndef KATA_TESTS_SUPPORT_TIMING_H_
#define KATA_TESTS_SUPPORT_TIMING_H_

#include <chrono>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "tests/support/line_recorder.h"

namespace kata::testing {

// How late a thread may be woken on a loaded machine before we call it a bug.
inline constexpr std::chrono::milliseconds kSchedulingSlack{750};
// "Should wake up": long enough that only a thread that never wakes fails the wait.
inline constexpr std::chrono::hours kForever{1};

// "12.3 ms".
std::string FormatMs(Clock::duration d);

// Passes when `actual >= minimum`; the message names `what` and both numbers.
::testing::AssertionResult AtLeast(Clock::duration actual, Clock::duration minimum,
                                   std::string_view what);

// Passes when `actual < limit + slack`; the message names `what`, the slack and every number.
// Use it through KATA_WITHIN, which passes the slack constant's name along.
::testing::AssertionResult WithinSlack(Clock::duration actual, Clock::duration limit,
                                       Clock::duration slack, std::string_view slack_name,
                                       std::string_view what);
#define KATA_WITHIN(actual, limit, slack, what) \
  ::kata::testing::WithinSlack((actual), (limit), (slack), #slack, (what))

// Measures wall time from construction.
class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}
  Clock::duration Elapsed() const { return Clock::now() - start_; }
  Clock::time_point start() const { return start_; }

 private:
  Clock::time_point start_;
};

// What the calling thread has done since a ThreadMeter was made on it, split three ways: how
// long it ran on a CPU, how long it was ready to run but waited for a CPU (which only a busy
// machine makes long), and the rest of the wall time, when it was asleep. `blocked` counts how
// often it went to sleep (its voluntary context switches: each sleep, wait or lock that really
// blocked). A thread waiting on a condition variable blocks once or twice and is asleep nearly
// all the time; one that polls with short sleeps blocks once per poll; one that spins is never
// asleep, however busy the machine is.
struct ThreadCost {
  Clock::duration wall;             // from the meter's start to Elapsed(); encloses the others
  Clock::duration on_cpu;           // running
  Clock::duration waiting_for_cpu;  // ready to run, but every CPU was busy with other work
  long blocked;                     // times it went to sleep

  Clock::duration asleep() const { return wall - on_cpu - waiting_for_cpu; }
};
class ThreadMeter {
 public:
  ThreadMeter();
  ThreadCost Elapsed() const;  // call it from the thread that made the meter

 private:
  // Declared in this order so that the clock is read before the counters: the wall window then
  // encloses the counters' window (Elapsed reads them in the opposite order).
  Clock::time_point started_;
  ThreadCost start_;  // the counters at started_; its wall is unused
};

// Passes when a thread slept through the wait that `cost` measured: it was on a CPU for less
// time than it was asleep, and it blocked at most once per 10 ms of wall time (plus one), so
// neither spinning nor polling with short sleeps passes. Time spent waiting for a CPU counts
// for neither side, so a loaded machine can neither fail a sleeper nor pass a spinner. `what`
// names the wait in the message.
::testing::AssertionResult SleptThroughWait(const ThreadCost& cost, std::string_view what);

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_TIMING_H_
