// Alternative solution for exercise 07's ticker: checks stop before each wait as well, and keeps
// its state in a named function object. Correct, but unlike the reference; the tests must pass
// it (tests/mutants/07_notification:ticker_checks_stop_first_alternative_passes).
#include <stdexcept>
#include <utility>

#include "exercises/07_notification/ticker.h"

namespace kata {
namespace {

struct TickUntilStopped {
  const Notification* stop;
  std::chrono::nanoseconds interval;
  std::function<void()> tick;

  void operator()() const {
    while (!stop->HasBeenNotified()) {
      if (stop->WaitForNotificationWithTimeout(interval)) return;
      tick();
    }
  }
};

}  // namespace

std::thread StartTicker(const Notification& stop, std::chrono::nanoseconds interval,
                        std::function<void()> tick) {
  if (interval.count() <= 0) throw std::invalid_argument("StartTicker: interval <= 0");
  return std::thread(TickUntilStopped{&stop, interval, std::move(tick)});
}

}  // namespace kata
