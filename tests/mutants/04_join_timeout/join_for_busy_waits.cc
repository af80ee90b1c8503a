// Mutant of exercise 04: JoinFor spins, checking finished_ until the deadline, burning a CPU.
// The tests must reject it (tests/mutants/04_join_timeout:join_for_busy_waits_is_rejected).
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
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {  // BUG: a busy-wait instead of the condition variable
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (finished_) return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
  }
}

bool JoinableThread::IsAlive() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !finished_;
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
