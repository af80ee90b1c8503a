// Alternative solution for exercise 05's queue, unlike the reference: ONE condition variable
// (not_empty_) for both kinds of waiter, always notified with notify_all, and explicit while
// loops instead of predicates. Wasteful -- every change wakes every waiter -- but correct, so
// the tests must pass it.
#include <stdexcept>

#include "exercises/05_watcher/bounded_queue.h"

namespace kata {

BoundedQueue::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity_ < 1) throw std::invalid_argument("capacity must be at least 1");
}

bool BoundedQueue::Push(std::int64_t item) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!closed_ && items_.size() >= capacity_) not_empty_.wait(lock);
  if (closed_) return false;
  items_.push_back(item);
  not_empty_.notify_all();
  return true;
}

std::optional<std::int64_t> BoundedQueue::Pop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!closed_ && items_.empty()) not_empty_.wait(lock);
  if (items_.empty()) return std::nullopt;
  std::optional<std::int64_t> item = items_.front();
  items_.pop_front();
  not_empty_.notify_all();
  return item;
}

void BoundedQueue::Close() {
  std::unique_lock<std::mutex> lock(mu_);
  if (closed_) return;
  closed_ = true;
  not_empty_.notify_all();
}

std::size_t BoundedQueue::size() const {
  std::unique_lock<std::mutex> lock(mu_);
  return items_.size();
}

}  // namespace kata
