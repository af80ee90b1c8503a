// Calls with a deadline: a call that a wrong solution may leave blocked forever runs on a
// detached helper thread, and the test waits for it with a deadline, so the test fails with a
// message instead of hanging. Whatever such a call uses must outlive the test: leak it
// (tests/support/leaked.h), as a blocked helper may still use it after its test has ended.
//
//   std::optional<bool> alive = ReturnsWithin(kSchedulingSlack, [&t] { return t.IsAlive(); });
//   ASSERT_TRUE(alive.has_value()) << "IsAlive() blocked";
//
//   std::optional<TimedCall<bool>> joined = TimedWithin(1s, [&t] { return t.JoinFor(500ms); });
//   std::optional<std::string> thrown = ThrownWithin(1s, [&t] { t.Join(); });  // "": no throw
#ifndef KATA_TESTS_SUPPORT_DEADLINE_H_
#define KATA_TESTS_SUPPORT_DEADLINE_H_

#include <exception>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "tests/support/line_recorder.h"
#include "tests/support/timing.h"

namespace kata::testing {

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
// result, or nullopt if it is still running. `call` must not throw, and returns a value.
template <typename Fn>
std::optional<std::invoke_result_t<Fn>> ReturnsWithin(Clock::duration deadline, Fn call) {
  auto result = OnHelperThread(std::move(call));
  if (result.wait_for(deadline) != std::future_status::ready) return std::nullopt;
  return result.get();
}

// What a call timed on its own thread returned, how long it blocked, and what its thread spent
// meanwhile (ThreadMeter, timing.h).
template <typename T>
struct TimedCall {
  T value;
  Clock::duration took;
  ThreadCost cost;
};

// ReturnsWithin(deadline, call), with the call timed on its helper thread: a TimedCall, or nullopt
// if it is still running after `deadline`.
template <typename Fn>
std::optional<TimedCall<std::invoke_result_t<Fn>>> TimedWithin(Clock::duration deadline, Fn call) {
  return ReturnsWithin(deadline, [call = std::move(call)]() mutable {
    const ThreadMeter meter;
    const Stopwatch watch;
    auto value = call();
    const Clock::duration took = watch.Elapsed();
    return TimedCall<std::invoke_result_t<Fn>>{std::move(value), took, meter.Elapsed()};
  });
}

// ReturnsWithin(deadline, call) for a call that returns nothing and may throw: "" if it returned,
// the what() of the std::exception it threw, or nullopt if it is still running after `deadline`.
template <typename Fn>
std::optional<std::string> ThrownWithin(Clock::duration deadline, Fn call) {
  return ReturnsWithin(deadline, [call = std::move(call)]() mutable {
    try {
      call();
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  });
}

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_DEADLINE_H_
