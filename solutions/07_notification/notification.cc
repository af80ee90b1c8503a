// Reference solution for exercise 07: the notification.
#include "exercises/07_notification/notification.h"

#include <algorithm>

namespace kata {

void Notification::Notify() {
  std::lock_guard<std::mutex> lock(mu_);
  notified_ = true;
  // Under the lock: a waiter that sees notified_ may destroy *this as soon as it has the lock,
  // so nothing here may touch notified_cv_ after the unlock.
  notified_cv_.notify_all();
}

bool Notification::HasBeenNotified() const {
  std::lock_guard<std::mutex> lock(mu_);
  return notified_;
}

void Notification::WaitForNotification() const {
  std::unique_lock<std::mutex> lock(mu_);
  notified_cv_.wait(lock, [this] { return notified_; });
}

bool Notification::WaitForNotificationWithTimeout(std::chrono::nanoseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  // The predicate is checked before any waiting, so a timeout <= 0 only checks; and wait_for
  // computes its deadline once, so a spurious wakeup does not restart the timeout.
  return notified_cv_.wait_for(lock, std::max(timeout, std::chrono::nanoseconds::zero()),
                               [this] { return notified_; });
}

}  // namespace kata
