// Helpers for exercise 08's tests: a call's outcome as one line of text, and Gets with a
// deadline.
//
// A Get that a wrong solution could leave blocked runs on a helper thread (tests/support/
// deadline.h), so the test fails instead of hanging. That thread holds its own copy of the
// Future, which keeps the State alive for as long as the thread may need it.
#ifndef KATA_EXERCISES_08_FUTURES_FUTURE_TEST_HELPERS_H_
#define KATA_EXERCISES_08_FUTURES_FUTURE_TEST_HELPERS_H_

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exercises/08_futures/future.h"
#include "tests/support/deadline.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata::future_testing {

// A FutureError's code as the tests print it.
inline std::string CodeName(FutureError::Code code) {
  switch (code) {
    case FutureError::Code::kBrokenPromise:
      return "broken promise";
    case FutureError::Code::kAlreadySatisfied:
      return "already satisfied";
    case FutureError::Code::kNoState:
      return "no state";
  }
  return "code " + std::to_string(static_cast<int>(code));
}

// What `call` (returning a string) did, as one line: "value: <what it returned>",
// "FutureError(<code>)", "exception: <what()>" for any other std::exception, or "unknown
// exception".
template <typename Fn>
std::string Outcome(Fn call) {
  try {
    return "value: " + call();
  } catch (const FutureError& e) {
    return "FutureError(" + CodeName(e.code()) + ")";
  } catch (const std::exception& e) {
    return "exception: " + std::string(e.what());
  } catch (...) {
    return "unknown exception";
  }
}

// future.Get(), as an Outcome; nullopt if it had not returned after kSchedulingSlack.
inline std::optional<std::string> PromptGet(const Future& future) {
  return ::kata::testing::ReturnsWithin(::kata::testing::kSchedulingSlack, [future] {
    return Outcome([&future] { return future.Get(); });
  });
}

// A Get running on a helper thread.
struct PendingGet {
  pid_t tid;                         // the helper thread, for thread_state.h
  std::future<std::string> outcome;  // the Outcome of its Get
};

// Starts future.Get() on a helper thread and returns once that thread is about to call it.
inline PendingGet StartGet(const Future& future) {
  auto tid = std::make_shared<std::atomic<pid_t>>(0);
  std::future<std::string> outcome = ::kata::testing::OnHelperThread([future, tid] {
    tid->store(::kata::testing::ThisThreadId());
    tid->notify_one();
    return Outcome([&future] { return future.Get(); });
  });
  tid->wait(0);
  return PendingGet{tid->load(), std::move(outcome)};
}

// Whether any of `gets` has returned.
inline bool AnyReturned(const std::vector<const PendingGet*>& gets) {
  for (const PendingGet* get : gets) {
    if (get->outcome.wait_for(std::chrono::seconds(0)) == std::future_status::ready) return true;
  }
  return false;
}

// A handshake, so that the test's next step finds the Gets asleep and must wake them: waits until
// the threads of `gets` all sleep in a futex wait on one address (Gets asleep on one condition
// variable), for at most `deadline`. It gives up early once one of them has returned; a Get that
// never sleeps there (one that polls) simply lets the test go on after the deadline.
inline void WaitUntilAllAsleep(const std::vector<const PendingGet*>& gets,
                               ::kata::testing::Clock::duration deadline) {
  std::vector<pid_t> tids;
  for (const PendingGet* get : gets) tids.push_back(get->tid);
  const auto give_up = ::kata::testing::Clock::now() + deadline;
  while (::kata::testing::Clock::now() < give_up && !AnyReturned(gets)) {
    if (::kata::testing::AllAsleepOnOneFutex(tids, std::chrono::milliseconds(10))) return;
  }
}

// WaitUntilAllAsleep for one Get, for at most kSchedulingSlack.
inline void WaitUntilAsleep(const PendingGet& get) {
  WaitUntilAllAsleep({&get}, ::kata::testing::kSchedulingSlack);
}

// The Outcome of a pending Get once it has returned; nullopt if it had not returned within
// `deadline`.
inline std::optional<std::string> OutcomeWithin(PendingGet& get,
                                                ::kata::testing::Clock::duration deadline) {
  if (get.outcome.wait_for(deadline) != std::future_status::ready) return std::nullopt;
  return get.outcome.get();
}

// The Outcome of a pending Get that has already returned, or nullopt if it is still blocked.
inline std::optional<std::string> OutcomeSoFar(PendingGet& get) {
  return OutcomeWithin(get, ::kata::testing::Clock::duration::zero());
}

}  // namespace kata::future_testing

#endif  // KATA_EXERCISES_08_FUTURES_FUTURE_TEST_HELPERS_H_
