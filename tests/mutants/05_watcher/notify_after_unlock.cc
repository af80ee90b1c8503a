// Alternative solution for exercise 05's queue, unlike the reference: the state changes under
// mu_, but the notify is sent after the lock is released (so a woken thread does not block on
// it at once), and Close notifies only if it really closed the queue.
#include <stdexcept>

#include "exercises/05_watcher/bounded_queue.h"

namespace kata {

BoundedQueue::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("BoundedQueue: capacity 0");
}

bool BoundedQueue::Push(std::int64_t item) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    while (items_.size() == capacity_ && !closed_) not_full_.wait(lock);
    if (closed_) return false;
    items_.push_back(item);
  }
  not_empty_.notify_one();
  return true;
}

std::optional<std::int64_t> BoundedQueue::Pop() {
  std::optional<std::int64_t> item;
  {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [this] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    item = items_.front();
    items_.pop_front();
  }
  not_full_.notify_one();
  return item;
}

void BoundedQueue::Close() {
  bool was_open = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    was_open = !closed_;
    closed_ = true;
  }
  if (was_open) {
    not_empty_.notify_all();
    not_full_.notify_all();
  }
}

std::size_t BoundedQueue::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return items_.size();
}

}  // namespace kata
