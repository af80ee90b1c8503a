// Exercise 09: make the tests in counter_test.cc, spin_lock_test.cc and spsc_ring_test.cc pass.
// README.md explains the task and has the memory-order table; HINTS.md helps when you are stuck.
// Run: bazel test //exercises/09_atomics/...
#include "exercises/09_atomics/atomics.h"

#include <thread>
#include <utility>

namespace kata {

void Counter::Increment() {
  // TODO: add one in a single indivisible step. A load, then a store of the loaded value plus
  // one, loses every increment another thread makes in between.
  value_.store(value_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

std::int64_t Counter::Value() const { return value_.load(std::memory_order_relaxed); }

void SpinLock::lock() {
  // TODO: loop until this thread turns locked_ from false to true (test with a load first, then
  // exchange, with acquire order). While another thread holds the lock, spin a little, then sleep
  // in locked_.wait(true) until unlock() wakes you.
  (void)locked_;
}

bool SpinLock::try_lock() {
  // TODO: take the lock only if it is free, and never wait.
  return false;
}

void SpinLock::unlock() {
  // TODO: clear locked_ with release order, so the next holder sees this critical section's
  // writes, then wake one thread sleeping in lock().
}

bool SpscRing::TryPush(std::string item) {
  // TODO: refuse when the ring holds slots_.size() items (tail_ - head_); otherwise move `item`
  // into slots_[tail % slots_.size()], then publish it by advancing tail_ with release order.
  // Which order must the load of head_ have? README.md's table says.
  (void)item;
  (void)head_;
  (void)tail_;
  (void)slots_;
  return false;
}

std::optional<std::string> SpscRing::TryPop() {
  // TODO: return nullopt when head_ == tail_; otherwise move the item out of its slot, and only
  // then free the slot by advancing head_ with release order.
  return std::nullopt;
}

}  // namespace kata
