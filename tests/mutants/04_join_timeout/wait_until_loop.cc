// Alternative solution of exercise 04, which the tests must pass: JoinFor computes its deadline
// once and loops on wait_until itself, and Join waits for the flag before joining.
#include <chrono>
#include <utility>

#include "exercises/04_join_timeout/joinable_thread.h"

namespace kata {

JoinableThread::JoinableThread(std::function<void()> fn)
    : thread_([this, fn = std::move(fn)] { Run(fn); }) {}

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
  {
    std::lock_guard<std::mutex> lock(mu_);
    error_ = error;
    finished_ = true;
  }
  finished_cv_.notify_all();  // after the unlock: a woken waiter need not wait for mu_
}

bool JoinableThread::JoinFor(std::chrono::nanoseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(mu_);
  while (!finished_) {
    if (finished_cv_.wait_until(lock, deadline) == std::cv_status::timeout) return finished_;
  }
  return true;
}

bool JoinableThread::IsAlive() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !finished_;
}

void JoinableThread::Join() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    finished_cv_.wait(lock, [this] { return finished_; });
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (error_) std::rethrow_exception(error_);
}

}  // namespace kata
