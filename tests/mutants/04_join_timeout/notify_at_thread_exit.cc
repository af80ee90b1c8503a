// Alternative solution of exercise 04, which the tests must pass: the thread hands its lock to
// std::notify_all_at_thread_exit, which wakes every waiter once the thread's locals are gone;
// JoinFor turns the timeout into a deadline and waits on the predicate with wait_until.
#include <chrono>
#include <utility>

#include "exercises/04_join_timeout/joinable_thread.h"

namespace kata {

JoinableThread::JoinableThread(std::function<void()> fn)
    : thread_([this](std::function<void()> f) { Run(std::move(f)); }, std::move(fn)) {}

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
  std::unique_lock<std::mutex> lock(mu_);
  error_ = std::move(error);
  finished_ = true;
  // Unlocks and notifies at thread exit: a waiter that wakes finds the thread all but gone.
  std::notify_all_at_thread_exit(finished_cv_, std::move(lock));
}

bool JoinableThread::JoinFor(std::chrono::nanoseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  if (finished_ || timeout <= std::chrono::nanoseconds::zero()) return finished_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  return finished_cv_.wait_until(lock, deadline, [this] { return finished_; });
}

bool JoinableThread::IsAlive() const {
  std::unique_lock<std::mutex> lock(mu_);
  return !finished_;
}

void JoinableThread::Join() {
  if (thread_.joinable()) thread_.join();  // the join orders error_'s write before this read
  std::unique_lock<std::mutex> lock(mu_);
  const std::exception_ptr error = error_;
  lock.unlock();
  if (error) std::rethrow_exception(error);
}

}  // namespace kata
