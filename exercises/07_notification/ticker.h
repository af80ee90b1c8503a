// Exercise 07, part two: a ticker, a thread that calls a function at intervals until stopped.
//
// In Python, an Event is the usual way to stop a periodic thread, because its wait takes a
// timeout and set() cuts that wait short:
//
//   def ticker(stop, interval, tick):
//       while not stop.wait(interval):   # False: the interval passed; True: stop was set
//           tick()
//
// StartTicker is that loop on a std::thread, with a Notification as the stop signal.
//
// Thread safety: `stop` may be notified from any thread, at any time.
#ifndef KATA_EXERCISES_07_NOTIFICATION_TICKER_H_
#define KATA_EXERCISES_07_NOTIFICATION_TICKER_H_

#include <chrono>
#include <functional>
#include <thread>

#include "exercises/07_notification/notification.h"

namespace kata {

// Starts a thread that waits `interval`, calls `tick`, waits `interval` again, and so on, until
// `stop` is notified. Each wait starts when the previous tick has returned, and the first one
// when the thread starts. Notifying `stop` cuts the current wait short and the thread ends
// without another tick; notified during a tick, the thread ends when that tick returns. If
// `stop` is notified before the thread starts, it never ticks. The thread sleeps while it waits,
// without using the CPU.
//
// Returns the thread at once, without waiting for it: the caller notifies `stop`, then joins
// it. `stop` must outlive the thread. Throws std::invalid_argument, starting no thread, if
// `interval` is zero or negative.
std::thread StartTicker(const Notification& stop, std::chrono::nanoseconds interval,
                        std::function<void()> tick);

}  // namespace kata

#endif  // KATA_EXERCISES_07_NOTIFICATION_TICKER_H_
