// Exercise 09: atomics and memory order.
//
// Python's `counter += 1` is a load, an add and a store; a thread switch between them loses an
// update, GIL or not. C++ has the same trap, and more: without a synchronising operation, one
// thread's plain writes need not be visible to another at all, and ThreadSanitizer calls that a
// data race. std::atomic gives indivisible read-modify-writes (fetch_add, exchange) and, through
// its memory orders, says which other writes a store publishes and a load receives. This header
// holds three small types built on atomics alone, no mutex:
//
//   - Counter: a count many threads increment at once, losing nothing;
//   - SpinLock: a lock for short critical sections, which tests before it sets and sleeps in an
//     atomic wait instead of spinning forever;
//   - SpscRing: a bounded queue of strings for exactly one producer thread and one consumer
//     thread, which hands each item over through acquire/release on its two indices.
//
// This header is the contract: read it, then make atomics.cc fulfil it. Do not change this
// file; every test, the reference solution and the mutants are built against it. README.md has
// the memory-order table: which order each operation needs, and why.
//
// Thread safety: Counter and SpinLock may be used from any number of threads at once. SpscRing
// is for one producer thread (TryPush) and one consumer thread (TryPop), which may run at the
// same time; a second producer or consumer is a bug of the caller.
#ifndef KATA_EXERCISES_09_ATOMICS_ATOMICS_H_
#define KATA_EXERCISES_09_ATOMICS_ATOMICS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kata {

// A counter that any number of threads may increment at once without losing an update.
//
//   Counter hits;
//   hits.Increment();  // from many threads
//   hits.Value();      // once they have been joined: every increment counted
class Counter {
 public:
  // Adds one, as one indivisible step: no concurrent Increment is lost. Never blocks.
  void Increment();

  // The count. Once the incrementing threads have been joined, it is the number of Increment
  // calls. Never blocks.
  std::int64_t Value() const;

 private:
  std::atomic<std::int64_t> value_{0};
};

// A mutual-exclusion lock built on one atomic flag; usable with std::lock_guard and
// std::unique_lock (it is a Lockable). Whatever a thread wrote before unlock() is visible to the
// next thread that takes the lock.
class SpinLock {
 public:
  // Blocks until the calling thread holds the lock. While another thread holds it, lock() may
  // spin a short while, then sleeps (an atomic wait) without using the CPU until unlock() wakes
  // it. The caller must not already hold the lock.
  void lock();

  // Takes the lock if it is free and returns true; returns false at once if another thread
  // holds it. Never blocks.
  bool try_lock();

  // Releases the lock, which the calling thread holds, and wakes a thread sleeping in lock(),
  // if there is one. Never blocks.
  void unlock();

 private:
  std::atomic<bool> locked_{false};  // true while a thread holds the lock
};

// A bounded first-in, first-out queue of strings for one producer thread and one consumer
// thread, with no lock: Python's queue.Queue(maxsize) for exactly two threads, without blocking.
// Each item pushed is popped exactly once, in push order, and the consumer sees the whole item
// the producer built.
//
//   SpscRing ring(64);
//   ring.TryPush("job 1");            // producer thread: false while the ring is full
//   std::optional<std::string> job = ring.TryPop();  // consumer: nullopt while it is empty
class SpscRing {
 public:
  // An empty ring with room for `capacity` items; `capacity` must be at least 1.
  explicit SpscRing(std::size_t capacity) : slots_(capacity) {}

  SpscRing(const SpscRing&) = delete;
  SpscRing& operator=(const SpscRing&) = delete;

  // Producer only. Appends `item` and returns true, or returns false, leaving the ring
  // unchanged, when it already holds `capacity` items. Never blocks.
  bool TryPush(std::string item);

  // Consumer only. Removes and returns the oldest item, or returns nullopt when the ring is
  // empty. Never blocks.
  std::optional<std::string> TryPop();

 private:
  // slots_[i % capacity] holds item i. The producer writes a slot only while it is free
  // (i >= head_) and the consumer reads it only once it has been published (i < tail_), so a
  // slot is never used by both threads at once.
  std::vector<std::string> slots_;
  // Items popped so far. Written only by the consumer; read by the producer to see free slots.
  std::atomic<std::uint64_t> head_{0};
  // Items pushed so far. Written only by the producer; read by the consumer to see new items.
  std::atomic<std::uint64_t> tail_{0};
};

}  // namespace kata

#endif  // KATA_EXERCISES_09_ATOMICS_ATOMICS_H_
