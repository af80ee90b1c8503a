// Mutant of exercise 04: IsAlive reads finished_ without holding mu_ (a data race; TSan).
// The tests must reject it (tests/mutants/04_join_timeout:is_alive_unguarded_is_rejected).
#include <algorithm>
#include <utility>

#include "exercises/04_join_timeout/joinable_thread.h"

namespace kata {

JoinableThread::JoinableThread(std::function<void()> fn)
    : thread_(&JoinableThread::Run, this, std::move(fn)) {}

JoinableThread::~JoinableThread() {
  if (thread_.joinable()) thread_.join();
}

void JoinableThread::Run(std::function<void()> fn) {
  std::exception_ptr error;
  try {
    fn();
  } catch (...) {
    error = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(mu_);
  error_ = std::move(error);
  finished_ = true;
  finished_cv_.notify_all();
}

bool JoinableThread::JoinFor(std::chrono::nanoseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  // The predicate is checked before any waiting, so a timeout <= 0 only checks; and wait_for
  // computes its deadline once, so a spurious wakeup does not restart the timeout.
  return finished_cv_.wait_for(lock, std::max(timeout, std::chrono::nanoseconds::zero()),
                               [this] { return finished_; });
}

bool JoinableThread::IsAlive() const {
  return !finished_;  // BUG: finished_ is guarded by mu_
}

void JoinableThread::Join() {
  if (thread_.joinable()) thread_.join();
  std::exception_ptr error;
  {
    std::lock_guard<std::mutex> lock(mu_);
    error = error_;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace kata
