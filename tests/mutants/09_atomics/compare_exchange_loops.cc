// Alternative solution for exercise 09: a counter and a lock built on compare_exchange loops, and
// a lock that backs off with yields before it sleeps. Correct, but unlike the reference; the
// tests must pass it (tests/mutants/09_atomics:compare_exchange_loops_alternative_passes).
#include <thread>
#include <utility>

#include "exercises/09_atomics/atomics.h"

namespace kata {

void Counter::Increment() {
  std::int64_t seen = value_.load(std::memory_order_relaxed);
  while (!value_.compare_exchange_weak(seen, seen + 1, std::memory_order_relaxed)) {
  }
}

std::int64_t Counter::Value() const { return value_.load(std::memory_order_relaxed); }

bool SpinLock::try_lock() {
  bool expected = false;
  return locked_.compare_exchange_strong(expected, true, std::memory_order_acquire,
                                         std::memory_order_relaxed);
}

void SpinLock::lock() {
  for (int tries = 0; !try_lock(); ++tries) {
    if (tries < 16) {
      std::this_thread::yield();
    } else {
      locked_.wait(true, std::memory_order_relaxed);
    }
  }
}

void SpinLock::unlock() {
  locked_.store(false, std::memory_order_release);
  locked_.notify_one();
}

bool SpscRing::TryPush(std::string item) {
  const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
  if (tail == head_.load(std::memory_order_acquire) + slots_.size()) return false;
  slots_[tail % slots_.size()].swap(item);
  tail_.store(tail + 1, std::memory_order_release);
  return true;
}

std::optional<std::string> SpscRing::TryPop() {
  const std::uint64_t head = head_.load(std::memory_order_relaxed);
  if (tail_.load(std::memory_order_acquire) == head) return std::nullopt;
  std::string item;
  item.swap(slots_[head % slots_.size()]);
  head_.store(head + 1, std::memory_order_release);
  return item;
}

}  // namespace kata
