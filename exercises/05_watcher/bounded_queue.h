// Exercise 05: a bounded queue that can be closed.
//
// Python's queue.Queue(maxsize) lets a producer hand items to consumers and makes a fast
// producer wait when the queue is full. What it lacks is a clean way to say "no more items":
// this queue adds Close(). After Close(), Push is refused, consumers still get every item that
// is already in the queue -- they drain it -- and then Pop tells them that nothing more will
// come. Read this contract, then make bounded_queue.cc fulfil it. Do not change this file.
//
// Thread safety: every method may be called from any thread, concurrently. A thread that has
// to wait sleeps on a condition variable; it never spins, so a blocked Push or Pop uses no CPU.
#ifndef KATA_EXERCISES_05_WATCHER_BOUNDED_QUEUE_H_
#define KATA_EXERCISES_05_WATCHER_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace kata {

// A first-in, first-out queue of at most `capacity` numbered items.
//
//   BoundedQueue queue(8);
//   queue.Push(1);                      // producer
//   while (auto item = queue.Pop()) {}  // consumer: ends once the queue is closed and empty
//   queue.Close();                      // whoever decides that the work is over
class BoundedQueue {
 public:
  // An open, empty queue. Throws std::invalid_argument if `capacity` is 0.
  explicit BoundedQueue(std::size_t capacity);
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Appends `item` and returns true. Blocks while the queue is full and open. Returns false,
  // without adding the item, if the queue is closed -- before the call, or while it waits.
  bool Push(std::int64_t item);

  // Removes and returns the oldest item. Blocks while the queue is empty and open. Items pushed
  // before Close() are still returned after it; returns nullopt only once the queue is closed
  // AND empty, which tells a consumer that its work is over.
  std::optional<std::int64_t> Pop();

  // Closes the queue and wakes every thread blocked in Push or Pop. Calling it again does
  // nothing. Blocks only briefly, on mu_.
  void Close();

  // How many items are in the queue now. Blocks only briefly, on mu_.
  std::size_t size() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable not_empty_;  // notified when an item arrives or the queue closes
  std::condition_variable not_full_;   // notified when room appears or the queue closes
  std::deque<std::int64_t> items_;     // guarded by mu_; never more than capacity_ items
  bool closed_ = false;                // guarded by mu_
};

}  // namespace kata

#endif  // KATA_EXERCISES_05_WATCHER_BOUNDED_QUEUE_H_
