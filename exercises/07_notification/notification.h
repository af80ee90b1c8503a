// Exercise 07: a notification, Python's threading.Event in C++.
//
// Python's Event is a flag that threads can wait for: set() raises it and wakes every thread in
// wait(), and wait(timeout) returns whether it was raised. Notification is its one-shot C++ form:
// a `notified_` flag guarded by a mutex, and a condition variable that Notify() wakes. Once
// notified, it stays notified: there is no clear() (README.md says why). This header is the
// contract: read it, then make notification.cc fulfil it. Do not change this file; every test,
// the reference solution and the mutants are built against it.
//
// Thread safety: every method may be called from any thread, at any time, concurrently. A thread
// whose wait has seen the notification may destroy the Notification at once, even while the
// Notify() that woke it has not yet returned: Notify must not touch *this after releasing mu_.
// Destroying it while a thread still waits, or may yet call a method, is undefined behaviour.
#ifndef KATA_EXERCISES_07_NOTIFICATION_NOTIFICATION_H_
#define KATA_EXERCISES_07_NOTIFICATION_NOTIFICATION_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace kata {

// A one-shot event. Python's threading.Event without clear():
//
//   Notification done;                          // done = threading.Event()
//   std::thread worker([&done] { Work(); done.Notify(); });   // ... done.set()
//   if (!done.WaitForNotificationWithTimeout(2s)) Warn();      // done.wait(2.0)
class Notification {
 public:
  Notification() = default;
  Notification(const Notification&) = delete;
  Notification& operator=(const Notification&) = delete;

  // Marks the notification as notified and wakes every thread waiting for it. A second call
  // does nothing, as a second set() does in Python. Blocks only briefly, on mu_.
  void Notify();

  // True once Notify() has been called: Python's is_set(). Blocks only briefly, on mu_.
  bool HasBeenNotified() const;

  // Blocks until Notify() has been called; returns at once if it already was. Sleeps while it
  // waits, without using the CPU, and never returns before the notification: a wakeup of the
  // condition variable is no proof of it.
  void WaitForNotification() const;

  // Blocks until Notify() has been called or `timeout` has passed, whichever comes first, and
  // returns HasBeenNotified(): Python's wait(timeout). Blocks for at most `timeout` plus
  // scheduling delay, without using the CPU while it waits. A timeout of zero or less does not
  // block: it only checks.
  bool WaitForNotificationWithTimeout(std::chrono::nanoseconds timeout) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable notified_cv_;  // notified when notified_ becomes true
  bool notified_ = false;                        // guarded by mu_
};

}  // namespace kata

#endif  // KATA_EXERCISES_07_NOTIFICATION_NOTIFICATION_H_
