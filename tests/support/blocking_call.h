// A blocking call on a detached thread of its own, for tests of calls that should sleep until
// another thread wakes them: the test sees whether the call is asleep in the kernel, whether it
// has returned, and the CPU time and context switches its thread used inside the call.
//
// A wrong solution may leave the call blocked forever, so its thread is detached and everything
// it uses is shared with it or leaked by the test (tests/support/leaked.h): the test then fails
// by its deadline, not by a hang or a use after free.
//
//   OnItsOwnThread<bool> push([&queue] { return queue.Push(1); });
//   ASSERT_TRUE(push.WaitUntilAsleep(kWakeDeadline));   // asleep in Push
//   queue.Pop();
//   ASSERT_TRUE(push.Finished(kWakeDeadline));          // woken, and returned
#ifndef KATA_TESTS_SUPPORT_BLOCKING_CALL_H_
#define KATA_TESTS_SUPPORT_BLOCKING_CALL_H_

#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/line_recorder.h"
#include "tests/support/thread_state.h"

namespace kata::testing {

// CPU time and context switches of the calling thread so far.
struct ThreadUsage {
  std::chrono::microseconds cpu{0};
  long context_switches = 0;

  static ThreadUsage Now() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    const auto us = [](const timeval& t) {
      return std::chrono::microseconds(t.tv_sec * 1'000'000 + t.tv_usec);
    };
    return {us(usage.ru_utime) + us(usage.ru_stime), usage.ru_nvcsw + usage.ru_nivcsw};
  }
  ThreadUsage operator-(const ThreadUsage& earlier) const {
    return {cpu - earlier.cpu, context_switches - earlier.context_switches};
  }
};

// The one-letter scheduler state of thread `tid` of this process ('R' running, 'S' asleep), or
// '?' once the thread has ended.
inline char ThreadState(pid_t tid) {
  std::ifstream stat("/proc/self/task/" + std::to_string(tid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const std::size_t paren = text.rfind(')');  // the name before it may contain anything
  return paren == std::string::npos || paren + 2 >= text.size() ? '?' : text[paren + 2];
}

// Runs `call` on a detached thread of its own, and records what it returned and the CPU time
// and context switches the thread used inside the call.
template <typename T>
class OnItsOwnThread {
 public:
  explicit OnItsOwnThread(std::function<T()> call) {
    auto tid = std::make_shared<std::promise<pid_t>>();
    auto done = std::make_shared<std::promise<std::pair<T, ThreadUsage>>>();
    std::future<pid_t> tid_future = tid->get_future();
    done_ = done->get_future();
    std::thread([call = std::move(call), tid, done] {
      tid->set_value(gettid());
      const ThreadUsage before = ThreadUsage::Now();
      T value = call();
      done->set_value({std::move(value), ThreadUsage::Now() - before});
    }).detach();
    tid_ = tid_future.get();
  }

  // Blocks until the call is asleep in the kernel (true), or has returned, or `timeout` passed.
  bool WaitUntilAsleep(Clock::duration timeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (Returned()) return false;
      if (ThreadState(tid_) == 'S') return !Returned();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }

  bool Returned() const {
    return done_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  }

  // The kernel's id of the thread that makes the call.
  pid_t tid() const { return tid_; }

  // Blocks until the call has returned (true) or `timeout` has passed (false).
  bool Finished(Clock::duration timeout) {
    if (!result_ && done_.wait_for(timeout) == std::future_status::ready) result_ = done_.get();
    return result_.has_value();
  }
  // What the call returned, and what it used; valid once Finished() has returned true.
  const T& value() const { return result_->first; }
  ThreadUsage usage() const { return result_->second; }

 private:
  pid_t tid_ = 0;
  std::future<std::pair<T, ThreadUsage>> done_;
  std::optional<std::pair<T, ThreadUsage>> result_;
};

// How long a thread that should wake up may take: only a thread that never wakes needs longer.
inline constexpr std::chrono::seconds kWakeDeadline{2};

// Blocks until every call of `calls` sleeps in the same wait at the same moment (true), or
// kWakeDeadline has passed (false). Then none of them can still see a state change on its way in:
// each one needs the wakeup.
template <typename T>
bool AllAsleepInOneWait(const std::vector<OnItsOwnThread<T>>& calls) {
  std::vector<pid_t> tids;
  for (const OnItsOwnThread<T>& call : calls) tids.push_back(call.tid());
  return AllAsleepOnOneFutex(tids, kWakeDeadline);
}

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_BLOCKING_CALL_H_
