// Exercise 08: make the tests in future_test.cc, callbacks_test.cc and run_async_test.cc pass.
// README.md explains the task; HINTS.md helps when you are stuck.
// Run: bazel test //exercises/08_futures/...
#include "exercises/08_futures/future.h"

#include <thread>
#include <utility>

namespace kata {

bool State::Complete(std::string value, std::exception_ptr error) {
  // TODO: under mu_: if ready_ is set already, return false. Else store the result in value_ and
  // error_, set ready_ and wake every thread waiting in Get. Then, WITHOUT mu_ held, run the
  // callbacks that were waiting, in the order they were added, and return true.
  (void)value;
  (void)error;
  (void)ready_;
  (void)callbacks_;
  return true;
}

void State::SetValue(std::string value) {
  // TODO: a second SetValue or SetException must throw
  // FutureError(FutureError::Code::kAlreadySatisfied, ...) and change nothing.
  (void)Complete(std::move(value), nullptr);
}

void State::SetException(std::exception_ptr error) {
  // TODO: as SetValue, with an exception for Get to rethrow.
  (void)error;
}

void State::Abandon() {
  // TODO: complete the State with FutureError(FutureError::Code::kBrokenPromise, ...) as its
  // exception (std::make_exception_ptr), unless it is done already.
}

bool State::IsReady() const {
  // TODO: ready_ is guarded by mu_.
  return false;
}

std::string State::Get() const {
  // TODO: wait on ready_cv_ until ready_ is true (a wait can wake for no reason: check again),
  // then rethrow error_ if it is set, or return value_.
  return value_;
}

void State::AddDoneCallback(Callback callback) {
  // TODO: keep the callback in callbacks_ if the State is not done yet; else run it at once,
  // without mu_ held.
  (void)callback;
}

Future RunAsync(std::function<std::string()> fn) {
  // TODO: make a Promise, take its Future, and move the Promise into a new std::thread that runs
  // `fn` and sets its value or exception. Detach the thread; do not wait for `fn`.
  (void)fn;
  return Future();
}

}  // namespace kata
