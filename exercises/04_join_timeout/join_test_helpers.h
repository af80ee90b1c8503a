// Helpers for exercise 04's tests: a thread the test holds back, and calls with a deadline.
//
// Every JoinFor or Join that a wrong solution could leave blocked runs on a helper thread,
// which the test waits for with a deadline, so the test fails instead of hanging. The threads
// those calls use are leaked on purpose: a blocked helper may still use one after its test ends.
#ifndef KATA_EXERCISES_04_JOIN_TIMEOUT_JOIN_TEST_HELPERS_H_
#define KATA_EXERCISES_04_JOIN_TIMEOUT_JOIN_TEST_HELPERS_H_

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "exercises/04_join_timeout/joinable_thread.h"
#include "tests/support/timing.h"

namespace kata::join_testing {

using ::kata::testing::Clock;

// A JoinableThread whose function waits until the test calls Release() (once).
struct BlockedThread {
  std::latch gate{1};
  JoinableThread thread{[this] { gate.wait(); }};
  void Release() { gate.count_down(); }
};

// Starts a BlockedThread and leaks it.
inline BlockedThread& StartBlockedThread() { return *new BlockedThread; }

// Runs `call` on a detached helper thread; the future gets its result. `call` must not throw.
template <typename Fn>
std::future<std::invoke_result_t<Fn>> OnHelperThread(Fn call) {
  std::promise<std::invoke_result_t<Fn>> promise;
  auto result = promise.get_future();
  std::thread([call, promise = std::move(promise)]() mutable {
    promise.set_value(call());
  }).detach();
  return result;
}

// Runs `call` on a detached helper thread and waits up to `deadline` for it to return: its
// result, or nullopt if it is still running. `call` must not throw.
template <typename Fn>
std::optional<std::invoke_result_t<Fn>> ReturnsWithin(Clock::duration deadline, Fn call) {
  auto result = OnHelperThread(std::move(call));
  if (result.wait_for(deadline) != std::future_status::ready) return std::nullopt;
  return result.get();
}

struct JoinForOutcome {
  bool finished;                     // what JoinFor returned
  Clock::duration took;              // how long it blocked
  ::kata::testing::ThreadCost cost;  // what its thread spent meanwhile
};

// t.JoinFor(timeout), timed; nullopt if it had not returned after timeout + kSchedulingSlack.
inline std::optional<JoinForOutcome> TimedJoinFor(JoinableThread& t,
                                                  std::chrono::nanoseconds timeout) {
  using ::kata::testing::kSchedulingSlack;
  const Clock::duration deadline = std::max<Clock::duration>(timeout, Clock::duration::zero());
  return ReturnsWithin(deadline + kSchedulingSlack, [&t, timeout] {
    const ::kata::testing::ThreadMeter meter;
    const ::kata::testing::Stopwatch watch;
    const bool finished = t.JoinFor(timeout);
    const Clock::duration took = watch.Elapsed();
    return JoinForOutcome{finished, took, meter.Elapsed()};
  });
}

// t.IsAlive(), or nullopt if it had not returned after kSchedulingSlack.
inline std::optional<bool> PromptIsAlive(const JoinableThread& t) {
  return ReturnsWithin(::kata::testing::kSchedulingSlack, [&t] { return t.IsAlive(); });
}

// t.Join(): "" if it returned, the what() of the std::exception it threw, or nullopt if it had
// not returned after kSchedulingSlack.
inline std::optional<std::string> PromptJoin(JoinableThread& t) {
  return ReturnsWithin(::kata::testing::kSchedulingSlack, [&t] {
    try {
      t.Join();
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  });
}

}  // namespace kata::join_testing

#endif  // KATA_EXERCISES_04_JOIN_TIMEOUT_JOIN_TEST_HELPERS_H_
