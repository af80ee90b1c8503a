// Mutant of exercise 05: size() reads the queue without holding mu_ -- a data race with every
// Push and Pop running meanwhile. (The pipeline itself calls size() only after joining.)
#include <stdexcept>

#include "exercises/05_watcher/bounded_queue.h"

namespace kata {

BoundedQueue::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("a BoundedQueue needs a capacity of at least 1");
}

bool BoundedQueue::Push(std::int64_t item) {
  std::unique_lock<std::mutex> lock(mu_);
  not_full_.wait(lock, [this] { return closed_ || items_.size() < capacity_; });
  if (closed_) return false;
  items_.push_back(item);
  not_empty_.notify_one();
  return true;
}

std::optional<std::int64_t> BoundedQueue::Pop() {
  std::unique_lock<std::mutex> lock(mu_);
  not_empty_.wait(lock, [this] { return closed_ || !items_.empty(); });
  if (items_.empty()) return std::nullopt;  // closed, and drained
  const std::int64_t item = items_.front();
  items_.pop_front();
  not_full_.notify_one();
  return item;
}

void BoundedQueue::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
  not_empty_.notify_all();
  not_full_.notify_all();
}

std::size_t BoundedQueue::size() const {
  return items_.size();  // the mutation: no lock
}

}  // namespace kata
