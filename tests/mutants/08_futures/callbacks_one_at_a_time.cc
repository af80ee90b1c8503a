// Alternative solution for exercise 08: the callbacks are taken out of callbacks_ one at a time,
// each under the lock, and called without it. Correct, but unlike the reference; the tests must
// pass it (tests/mutants/08_futures:callbacks_one_at_a_time_alternative_passes).
#include <thread>
#include <utility>

#include "exercises/08_futures/future.h"

namespace kata {

bool State::Complete(std::string value, std::exception_ptr error) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (ready_) return false;
    value_ = std::move(value);
    error_ = std::move(error);
    ready_ = true;
    ready_cv_.notify_all();
  }
  // From now on AddDoneCallback calls new callbacks itself, so callbacks_ only shrinks: take the
  // oldest one at a time, and call it without mu_.
  for (;;) {
    Callback next;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (callbacks_.empty()) break;
      next = std::move(callbacks_.front());
      callbacks_.erase(callbacks_.begin());
    }
    next();
  }
  return true;
}

void State::SetValue(std::string value) {
  if (!Complete(std::move(value), nullptr)) {
    throw FutureError(FutureError::Code::kAlreadySatisfied, "SetValue: already satisfied");
  }
}

void State::SetException(std::exception_ptr error) {
  if (!Complete(std::string(), std::move(error))) {
    throw FutureError(FutureError::Code::kAlreadySatisfied, "SetException: already satisfied");
  }
}

void State::Abandon() {
  (void)Complete(std::string(), std::make_exception_ptr(FutureError(
                                    FutureError::Code::kBrokenPromise, "broken promise")));
}

bool State::IsReady() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ready_;
}

std::string State::Get() const {
  std::unique_lock<std::mutex> lock(mu_);
  ready_cv_.wait(lock, [this] { return ready_; });
  if (error_) std::rethrow_exception(error_);
  return value_;
}

void State::AddDoneCallback(Callback callback) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ready_) {
      callbacks_.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

Future RunAsync(std::function<std::string()> fn) {
  Promise promise;
  Future future = promise.GetFuture();
  // If the thread cannot start, std::thread throws std::system_error and destroys the lambda,
  // and with it the promise: nothing is left behind.
  std::thread([promise = std::move(promise), fn = std::move(fn)]() mutable {
    try {
      promise.SetValue(fn());
    } catch (...) {
      promise.SetException(std::current_exception());
    }
  }).detach();
  return future;
}

}  // namespace kata
