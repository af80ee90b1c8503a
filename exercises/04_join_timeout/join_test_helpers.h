// Helpers for exercise 04's tests: a thread the test holds back, and calls with a deadline.
// Every JoinFor or Join that a wrong solution could leave blocked runs with a deadline
// (tests/support/deadline.h), so the test fails instead of hanging.
#ifndef KATA_EXERCISES_04_JOIN_TIMEOUT_JOIN_TEST_HELPERS_H_
#define KATA_EXERCISES_04_JOIN_TIMEOUT_JOIN_TEST_HELPERS_H_

#include <algorithm>
#include <chrono>
#include <latch>
#include <optional>
#include <string>

#include "exercises/04_join_timeout/joinable_thread.h"
#include "tests/support/deadline.h"
#include "tests/support/timing.h"

namespace kata::join_testing {

using ::kata::testing::Clock;

// A JoinableThread whose function waits until the test calls Release() (once). Tests leak it,
// Leaked<BlockedThread>(): a blocked helper may still use it after its test has ended.
struct BlockedThread {
  std::latch gate{1};
  JoinableThread thread{[this] { gate.wait(); }};
  void Release() { gate.count_down(); }
};

// t.JoinFor(timeout), timed; nullopt if it had not returned after timeout + kSchedulingSlack.
inline std::optional<testing::TimedCall<bool>> TimedJoinFor(JoinableThread& t,
                                                            std::chrono::nanoseconds timeout) {
  const Clock::duration wait = std::max<Clock::duration>(timeout, Clock::duration::zero());
  return testing::TimedWithin(wait + testing::kSchedulingSlack,
                              [&t, timeout] { return t.JoinFor(timeout); });
}

// t.IsAlive(), or nullopt if it had not returned after kSchedulingSlack.
inline std::optional<bool> PromptIsAlive(const JoinableThread& t) {
  return testing::ReturnsWithin(testing::kSchedulingSlack, [&t] { return t.IsAlive(); });
}

// t.Join(): "" if it returned, the what() of the std::exception it threw, or nullopt if it had
// not returned after kSchedulingSlack.
inline std::optional<std::string> PromptJoin(JoinableThread& t) {
  return testing::ThrownWithin(testing::kSchedulingSlack, [&t] { t.Join(); });
}

}  // namespace kata::join_testing

#endif  // KATA_EXERCISES_04_JOIN_TIMEOUT_JOIN_TEST_HELPERS_H_
