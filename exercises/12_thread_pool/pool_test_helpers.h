// Helpers for exercise 12's tests: a task's outcome as text, a task the test holds running,
// tasks that must run at the same time, and calls made on a helper thread.
//
// Every future the tests read is waited for with a deadline, and every Shutdown or destructor
// that a wrong solution could leave blocked runs on a helper thread, so the test fails with a
// message instead of hanging. What those threads use is leaked (tests/support/leaked.h).
#ifndef KATA_EXERCISES_12_THREAD_POOL_POOL_TEST_HELPERS_H_
#define KATA_EXERCISES_12_THREAD_POOL_POOL_TEST_HELPERS_H_

#include <gtest/gtest.h>
#include <sys/types.h>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include "exercises/12_thread_pool/thread_pool.h"
#include "tests/support/deadline.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata::pool_testing {

using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using Mode = ThreadPool::ShutdownMode;

// How long a Shutdown or destructor that has nothing left to wait for may take. Generous: it
// wakes and joins every worker, each of which a busy machine may leave unscheduled for a while.
inline constexpr Clock::duration kShutdownDeadline = 4 * kSchedulingSlack;

// What a task's future holds, as text: "value: <result>", "exception: <what()>", "Cancelled",
// or "not ready" when nothing arrived within `timeout`.
inline std::string Outcome(std::future<std::string>& result,
                           Clock::duration timeout = kSchedulingSlack) {
  if (!result.valid()) return "no future";
  if (result.wait_for(timeout) != std::future_status::ready) {
    return "not ready after " + FormatMs(timeout) +
           " (nobody ran the task; is a sleeping worker woken on Submit?)";
  }
  try {
    return "value: " + result.get();
  } catch (const Cancelled&) {
    return "Cancelled";
  } catch (const std::exception& e) {
    return std::string("exception: ") + e.what();
  }
}

// The outcomes of `results`, all waited for within one `timeout` from now.
inline std::vector<std::string> Outcomes(std::vector<std::future<std::string>>& results,
                                         Clock::duration timeout = kSchedulingSlack) {
  const Clock::time_point until = Clock::now() + timeout;
  std::vector<std::string> outcomes;
  for (auto& result : results) {
    outcomes.push_back(Outcome(result, std::max(until - Clock::now(), Clock::duration::zero())));
  }
  return outcomes;
}

// A task that runs until the test opens its gate ("opened"), or until its worker's stop is
// requested ("stopped"). The test can wait until it has started, and learn which thread runs it.
//
// A stop request holds the thread that made it -- Shutdown(kCancelQueued), say -- until the
// task's worker has ended, or for kSchedulingSlack at most: the task returns at the request,
// and the worker goes back to the pool while Shutdown is still inside request_stop(). A cancel
// that requested the stop before it took the queued tasks off the queue lets the worker run
// them then, on every run; one that took them first leaves the worker nothing to run.
class GatedTask {
 public:
  ThreadPool::Task Task() {
    return [this](std::stop_token stop) -> std::string {
      {
        std::lock_guard<std::mutex> lock(mu_);
        worker_ = testing::ThisThreadId();
      }
      // Leaked: destroyed as the task returns, it would wait for a running OnStop, which waits
      // for this worker to end. Registered without mu_ (if the stop was requested already,
      // OnStop runs right here), and before the test learns that the task has started.
      new std::stop_callback<std::function<void()>>(stop, [this] { OnStop(); });
      std::unique_lock<std::mutex> lock(mu_);
      started_ = true;
      cv_.notify_all();
      cv_.wait(lock, [this] { return open_ || stopped_; });
      return open_ ? "opened" : "stopped";
    };
  }
  // Whether the task started within kSchedulingSlack.
  bool WaitStarted() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kSchedulingSlack, [this] { return started_; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  pid_t worker() {
    std::lock_guard<std::mutex> lock(mu_);
    return worker_;
  }

 private:
  // Runs on the thread that requests the task's stop, inside request_stop().
  void OnStop() {
    pid_t worker = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopped_ = true;
      worker = worker_;
      cv_.notify_all();
    }
    if (worker != testing::ThisThreadId()) {
      (void)testing::WaitUntilThreadEnded(worker, kSchedulingSlack);
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool started_ = false;  // guarded by mu_
  bool open_ = false;     // guarded by mu_
  bool stopped_ = false;  // guarded by mu_
  pid_t worker_ = 0;      // guarded by mu_
};

// `n` tasks that each wait, up to twice kSchedulingSlack, until all `n` are running at once:
// "met", or how many ran at once. Each records the thread it ran on.
class Rendezvous {
 public:
  explicit Rendezvous(int n) : n_(n) {}
  ThreadPool::Task Task() {
    return [this](std::stop_token) -> std::string {
      std::unique_lock<std::mutex> lock(mu_);
      workers_.push_back(testing::ThisThreadId());
      cv_.notify_all();
      const auto deadline = 2 * kSchedulingSlack;
      if (cv_.wait_for(lock, deadline,
                       [this] { return static_cast<int>(workers_.size()) >= n_; })) {
        return "met";
      }
      return "a task waited " + FormatMs(deadline) + " for the other " + std::to_string(n_ - 1) +
             " to run beside it: " + std::to_string(workers_.size()) + " ran at once";
    };
  }
  std::vector<pid_t> workers() {
    std::lock_guard<std::mutex> lock(mu_);
    return workers_;
  }

 private:
  const int n_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<pid_t> workers_;  // guarded by mu_
};

// A call running on a helper thread: the thread's id, and a future that is ready once the call
// has returned.
struct HelperCall {
  pid_t tid;
  std::future<bool> done;
};

inline HelperCall CallOnHelper(std::function<void()> call) {
  auto tid = std::make_shared<std::promise<pid_t>>();
  std::future<pid_t> known = tid->get_future();
  std::future<bool> done = testing::OnHelperThread([call, tid] {
    tid->set_value(testing::ThisThreadId());
    call();
    return true;
  });
  return {known.get(), std::move(done)};
}

// Runs pool.Shutdown(mode) on a helper thread and passes if it returns within kShutdownDeadline.
// `what` describes the pool, `fix` the likely cause, for the message.
inline ::testing::AssertionResult PromptShutdown(ThreadPool& pool, Mode mode,
                                                 const std::string& what, const std::string& fix) {
  HelperCall shutdown = CallOnHelper([&pool, mode] { pool.Shutdown(mode); });
  if (shutdown.done.wait_for(kShutdownDeadline) == std::future_status::ready) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "Shutdown(" << (mode == Mode::kDrain ? "kDrain" : "kCancelQueued") << ") " << what
         << " had not returned " << FormatMs(kShutdownDeadline) << " later: " << fix;
}

}  // namespace kata::pool_testing

#endif  // KATA_EXERCISES_12_THREAD_POOL_POOL_TEST_HELPERS_H_
