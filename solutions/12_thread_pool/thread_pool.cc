// Reference solution for exercise 12: std::jthread workers waiting on a condition_variable_any
// with their stop_token; Shutdown cancels by swapping the queue out under the lock.
#include "exercises/12_thread_pool/thread_pool.h"

#include <system_error>
#include <utility>

namespace kata {

ThreadPool::ThreadPool(int workers) {
  if (workers < 1) throw std::invalid_argument("ThreadPool: workers must be at least 1");
  workers_.reserve(workers);
  // If a start fails, the exception destroys workers_: each std::jthread requests its stop and
  // joins, and Work returns at a stop request, so no thread is left running.
  for (int i = 0; i < workers; ++i) {
    workers_.emplace_back([this](std::stop_token stop) { Work(stop); });
  }
}

ThreadPool::~ThreadPool() { Shutdown(ShutdownMode::kDrain); }

std::future<std::string> ThreadPool::Submit(Task task) {
  std::future<std::string> result;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!accepting_) throw Rejected("ThreadPool: Submit after Shutdown");
    queue_.push_back(Queued{std::move(task), {}});
    result = queue_.back().result.get_future();
    work_cv_.notify_one();  // one task, one worker
  }
  return result;
}

void ThreadPool::Shutdown(ShutdownMode mode) {
  if (shut_down_) return;
  shut_down_ = true;
  std::deque<Queued> cancelled;
  {
    std::lock_guard<std::mutex> lock(mu_);
    accepting_ = false;
    if (mode == ShutdownMode::kCancelQueued) cancelled.swap(queue_);
    work_cv_.notify_all();  // every idle worker must see that the pool is shutting down
  }
  for (Queued& queued : cancelled) {
    queued.result.set_exception(std::make_exception_ptr(Cancelled("ThreadPool: cancelled")));
  }
  for (std::jthread& worker : workers_) {
    if (mode == ShutdownMode::kCancelQueued) worker.request_stop();
  }
  for (std::jthread& worker : workers_) worker.join();
}

void ThreadPool::Work(std::stop_token stop) {
  for (;;) {
    Queued next;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Wakes when a task is queued, when the pool stops accepting, or when stop is requested.
      work_cv_.wait(lock, stop, [this] { return !queue_.empty() || !accepting_; });
      if (queue_.empty()) return;  // shutting down (or stopped) with nothing left to run
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      next.result.set_value(next.task(stop));
    } catch (...) {
      next.result.set_exception(std::current_exception());
    }
  }
}

}  // namespace kata
