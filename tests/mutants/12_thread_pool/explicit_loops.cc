// Alternative solution for exercise 12: Submit notifies after unlocking, Shutdown requests each
// worker's stop through its get_stop_source(), and a worker waits in an explicit loop on a plain
// wait(lock), woken at a stop request by a std::stop_callback. Correct, but unlike the
// reference; the tests must pass it
// (tests/mutants/12_thread_pool:explicit_loops_alternative_passes).
#include <system_error>
#include <utility>

#include "exercises/12_thread_pool/thread_pool.h"

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
  }
  work_cv_.notify_one();
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
  if (mode == ShutdownMode::kCancelQueued) {
    for (std::jthread& worker : workers_) worker.get_stop_source().request_stop();
  }
  for (std::jthread& worker : workers_) worker.join();
}

void ThreadPool::Work(std::stop_token stop) {
  // Wakes this worker's wait when its stop is requested; under mu_, so that the wakeup cannot
  // fall between the loop's check of the stop and its wait.
  std::stop_callback wake(stop, [this] {
    std::lock_guard<std::mutex> lock(mu_);
    work_cv_.notify_all();
  });
  for (;;) {
    Queued next;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Wakes when a task is queued, when the pool stops accepting, or when stop is requested.
      while (queue_.empty() && accepting_ && !stop.stop_requested()) work_cv_.wait(lock);
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
