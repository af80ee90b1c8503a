// Reference solution for exercise 07: the ticker.
#include "exercises/07_notification/ticker.h"

#include <stdexcept>
#include <utility>

namespace kata {

std::thread StartTicker(const Notification& stop, std::chrono::nanoseconds interval,
                        std::function<void()> tick) {
  if (interval <= std::chrono::nanoseconds::zero()) {
    throw std::invalid_argument("StartTicker: the interval must be positive");
  }
  // Everything the thread uses is copied or moved into it; `stop` is the caller's, and must
  // outlive the thread.
  return std::thread([&stop, interval, tick = std::move(tick)] {
    // Python's `while not stop.wait(interval): tick()`: the timed wait returns true as soon as
    // stop is notified, and false once a whole interval has passed without it.
    while (!stop.WaitForNotificationWithTimeout(interval)) tick();
  });
}

}  // namespace kata
