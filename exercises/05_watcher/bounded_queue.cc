// Exercise 05, part 1: the bounded queue. Make the tests in bounded_queue_test.cc pass.
// README.md explains the task; HINTS.md helps when you are stuck.
// Run: bazel test //exercises/05_watcher/...
#include "exercises/05_watcher/bounded_queue.h"

#include <stdexcept>

namespace kata {

BoundedQueue::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("a BoundedQueue needs a capacity of at least 1");
}

bool BoundedQueue::Push(std::int64_t item) {
  // TODO: under mu_, sleep on not_full_ while the queue is full and open. Closed: return false.
  // Otherwise append the item, wake one consumer, and return true.
  (void)item;
  (void)capacity_;
  return false;
}

std::optional<std::int64_t> BoundedQueue::Pop() {
  // TODO: under mu_, sleep on not_empty_ while the queue is empty and open. Then hand out the
  // oldest item (and wake one producer) -- even if the queue is closed: consumers drain it.
  // Only a queue that is closed AND empty gives std::nullopt.
  return std::nullopt;
}

void BoundedQueue::Close() {
  // TODO: under mu_, mark the queue closed, then wake EVERY thread waiting in Push or Pop.
  (void)closed_;
}

std::size_t BoundedQueue::size() const {
  // TODO: items_ is guarded by mu_.
  return items_.size();
}

}  // namespace kata
