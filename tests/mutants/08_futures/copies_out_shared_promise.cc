// Alternative solution for exercise 08: Get copies the result out under the lock and rethrows
// after releasing it, an explicit wait loop, and RunAsync's thread shares its Promise through a
// std::shared_ptr. Correct, but unlike the reference; the tests must pass it
// (tests/mutants/08_futures:copies_out_shared_promise_alternative_passes).
#include <memory>
#include <thread>
#include <utility>

#include "exercises/08_futures/future.h"

namespace kata {

bool State::Complete(std::string value, std::exception_ptr error) {
  std::unique_lock<std::mutex> lock(mu_);
  if (ready_) return false;
  value_ = std::move(value);
  error_ = std::move(error);
  ready_ = true;
  ready_cv_.notify_all();
  std::vector<Callback> callbacks = std::exchange(callbacks_, {});
  lock.unlock();
  for (const Callback& callback : callbacks) callback();
  return true;
}

void State::SetValue(std::string value) {
  if (Complete(std::move(value), nullptr)) return;
  throw FutureError(FutureError::Code::kAlreadySatisfied, "the value is set already");
}

void State::SetException(std::exception_ptr error) {
  if (Complete({}, std::move(error))) return;
  throw FutureError(FutureError::Code::kAlreadySatisfied, "the value is set already");
}

void State::Abandon() {
  const FutureError broken(FutureError::Code::kBrokenPromise, "the promise was destroyed unset");
  Complete({}, std::make_exception_ptr(broken));
}

bool State::IsReady() const {
  std::scoped_lock lock(mu_);
  return ready_;
}

std::string State::Get() const {
  std::exception_ptr error;
  std::string value;
  {
    std::unique_lock<std::mutex> lock(mu_);
    while (!ready_) ready_cv_.wait(lock);
    error = error_;
    value = value_;
  }
  if (error) std::rethrow_exception(error);
  return value;
}

void State::AddDoneCallback(Callback callback) {
  std::unique_lock<std::mutex> lock(mu_);
  if (ready_) {
    lock.unlock();
    callback();
  } else {
    callbacks_.push_back(std::move(callback));
  }
}

Future RunAsync(std::function<std::string()> fn) {
  auto promise = std::make_shared<Promise>();
  Future future = promise->GetFuture();
  std::thread thread([promise, fn = std::move(fn)] {
    try {
      promise->SetValue(fn());
    } catch (...) {
      promise->SetException(std::current_exception());
    }
  });
  thread.detach();
  return future;
}

}  // namespace kata
