// Reference solution for exercise 09.
#include "exercises/09_atomics/atomics.h"

#include <thread>
#include <utility>

namespace kata {

void Counter::Increment() {
  // Indivisible read-modify-write. Relaxed: the count publishes nothing else, it only counts.
  value_.fetch_add(1, std::memory_order_relaxed);
}

std::int64_t Counter::Value() const { return value_.load(std::memory_order_relaxed); }

void SpinLock::lock() {
  constexpr int kSpins = 64;
  for (int spin = 0;; ++spin) {
    // Test first (a plain load shares the cache line), then test-and-set. Acquire: what the last
    // holder wrote before its release is visible from here on.
    if (!locked_.load(std::memory_order_relaxed) &&
        !locked_.exchange(true, std::memory_order_acquire)) {
      return;
    }
    if (spin >= kSpins) locked_.wait(true, std::memory_order_relaxed);  // sleeps while held
  }
}

bool SpinLock::try_lock() {
  return !locked_.load(std::memory_order_relaxed) &&
         !locked_.exchange(true, std::memory_order_acquire);
}

void SpinLock::unlock() {
  locked_.store(false, std::memory_order_release);  // publishes the critical section's writes
  locked_.notify_one();
}

bool SpscRing::TryPush(std::string item) {
  const std::uint64_t tail = tail_.load(std::memory_order_relaxed);  // only we write it
  // Acquire: the consumer has finished reading every slot it freed before advancing head_.
  if (tail - head_.load(std::memory_order_acquire) == slots_.size()) return false;
  slots_[tail % slots_.size()] = std::move(item);
  tail_.store(tail + 1, std::memory_order_release);  // publishes the item
  return true;
}

std::optional<std::string> SpscRing::TryPop() {
  const std::uint64_t head = head_.load(std::memory_order_relaxed);  // only we write it
  // Acquire: the item the producer published before advancing tail_ is visible.
  if (head == tail_.load(std::memory_order_acquire)) return std::nullopt;
  std::string item = std::move(slots_[head % slots_.size()]);
  head_.store(head + 1, std::memory_order_release);  // frees the slot, after reading it
  return item;
}

}  // namespace kata
