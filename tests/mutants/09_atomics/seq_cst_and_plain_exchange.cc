// Alternative solution for exercise 09: every atomic access with the default order (sequentially
// consistent), a lock that goes straight to exchange and wait, without a test first or a spin,
// and a ring that loads each index once. Correct, but unlike the reference; the tests must pass
// it (tests/mutants/09_atomics:seq_cst_and_plain_exchange_alternative_passes).
#include <utility>

#include "exercises/09_atomics/atomics.h"

namespace kata {

void Counter::Increment() { ++value_; }

std::int64_t Counter::Value() const { return value_; }

void SpinLock::lock() {
  while (locked_.exchange(true)) locked_.wait(true);
}

bool SpinLock::try_lock() { return !locked_.exchange(true); }

void SpinLock::unlock() {
  locked_ = false;
  locked_.notify_all();
}

bool SpscRing::TryPush(std::string item) {
  const std::uint64_t tail = tail_;
  const std::uint64_t head = head_;
  if (tail - head >= slots_.size()) return false;
  slots_[tail % slots_.size()] = std::move(item);
  tail_ = tail + 1;
  return true;
}

std::optional<std::string> SpscRing::TryPop() {
  const std::uint64_t head = head_;
  const std::uint64_t tail = tail_;
  if (head == tail) return std::nullopt;
  std::optional<std::string> item(std::move(slots_[head % slots_.size()]));
  head_ = head + 1;
  return item;
}

}  // namespace kata
