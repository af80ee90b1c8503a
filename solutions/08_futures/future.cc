// Reference solution for exercise 08: the State behind a Promise and its Futures; RunAsync.
#include "exercises/08_futures/future.h"

#include <thread>
#include <utility>

namespace kata {

bool State::Complete(std::string value, std::exception_ptr error) {
  std::vector<Callback> callbacks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (ready_) return false;
    value_ = std::move(value);
    error_ = std::move(error);
    ready_ = true;
    callbacks.swap(callbacks_);
    ready_cv_.notify_all();
  }
  // Outside the lock: a callback may call Get, IsReady or AddDoneCallback on this State.
  for (const Callback& callback : callbacks) callback();
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
