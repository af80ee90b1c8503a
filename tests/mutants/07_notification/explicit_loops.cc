// Alternative solution for exercise 07: explicit wait loops, a deadline computed once with
// wait_until, and a Notify that notifies only the first time. Correct, but unlike the reference;
// the tests must pass it (tests/mutants/07_notification:explicit_loops_alternative_passes).
#include <chrono>

#include "exercises/07_notification/notification.h"

namespace kata {

void Notification::Notify() {
  std::unique_lock<std::mutex> lock(mu_);
  if (notified_) return;
  notified_ = true;
  notified_cv_.notify_all();
}

bool Notification::HasBeenNotified() const {
  std::scoped_lock lock(mu_);
  return notified_;
}

void Notification::WaitForNotification() const {
  std::unique_lock<std::mutex> lock(mu_);
  while (!notified_) notified_cv_.wait(lock);
}

bool Notification::WaitForNotificationWithTimeout(std::chrono::nanoseconds timeout) const {
  // A deadline in the past (timeout <= 0) makes wait_until return at once: it only checks.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(mu_);
  while (!notified_) {
    if (notified_cv_.wait_until(lock, deadline) == std::cv_status::timeout) return notified_;
  }
  return true;
}

}  // namespace kata
