// Exercise 08: a Promise/Future pair, done-callbacks, and RunAsync.
//
// Python's concurrent.futures.Future is a box for a result that is not there yet: one thread
// completes it (set_result or set_exception), any number of threads wait for it (result()),
// and add_done_callback(fn) asks to be told when it is done. C++ splits that box in two: a
// Promise is the writing end, a Future the reading end, and both point at one shared State.
// State is what you write, in future.cc: a mutex, a condition variable, the result, and the
// callbacks waiting for it. Promise and Future are given below, and so is the whole of this
// header: read it, then make future.cc fulfil it. Do not change this file; every test, the
// reference solution and the mutants are built against it.
//
// Results are strings, so that State is no template and its code can live in future.cc.
//
// Thread safety: every method of State, and of Future, may be called from any thread, at any
// time, concurrently, also from inside a done-callback. A Promise is one writer's object: use each
// Promise from one thread at a time (moving it to another thread is fine).
#ifndef KATA_EXERCISES_08_FUTURES_FUTURE_H_
#define KATA_EXERCISES_08_FUTURES_FUTURE_H_

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kata {

// What Get, SetValue and SetException throw when the pair is misused; std::future_error's
// counterpart.
class FutureError : public std::logic_error {
 public:
  enum class Code {
    kBrokenPromise,     // the Promise was destroyed before it set anything
    kAlreadySatisfied,  // SetValue or SetException on a State that is done already
    kNoState,           // a default-constructed Future
  };

  FutureError(Code code, const std::string& what) : std::logic_error(what), code_(code) {}
  Code code() const { return code_; }

 private:
  Code code_;
};

// The state a Promise and its Futures share: empty at first, then done, once and for good, with
// a value or an exception. Python's Future object itself.
class State {
 public:
  using Callback = std::function<void()>;

  // Stores `value`, makes the State done, wakes every thread blocked in Get, then runs the
  // callbacks added so far, in the order they were added, on the calling thread, without mu_
  // held (a callback may call any method of this State). Returns once they have all run. Throws
  // FutureError(kAlreadySatisfied), changing nothing, if the State is done already. Blocks only
  // briefly on mu_, and for as long as the callbacks run.
  void SetValue(std::string value);

  // The same as SetValue, with an exception for Get to rethrow: Python's set_exception.
  void SetException(std::exception_ptr error);

  // What ~Promise calls: if the State is not done yet, makes it done with
  // FutureError(kBrokenPromise), exactly as SetException would (waking the waiters, running the
  // callbacks). On a State that is done already it does nothing. Never throws.
  void Abandon();

  // True once the State is done: Python's done(). Blocks only briefly, on mu_.
  bool IsReady() const;

  // Blocks until the State is done, then returns the value or rethrows the exception; every
  // call gets the same (a copy of the value, the same exception). Sleeps while it waits, without
  // using the CPU, and wakes once the State is done: Python's result() without a timeout.
  std::string Get() const;

  // Python's add_done_callback. If the State is not done yet, keeps `callback` for SetValue,
  // SetException or Abandon to run. If it is done already, runs `callback` at once, on the
  // calling thread, without mu_ held, before returning. Either way every callback runs exactly
  // once, and only once the State is done (Get then returns at once).
  void AddDoneCallback(Callback callback);

 private:
  // The shared step of SetValue, SetException and Abandon: returns false, changing nothing, if
  // the State is done already; else stores the result, wakes the waiters, runs the callbacks and
  // returns true.
  bool Complete(std::string value, std::exception_ptr error);

  mutable std::mutex mu_;
  mutable std::condition_variable ready_cv_;  // notified when ready_ becomes true
  bool ready_ = false;                        // guarded by mu_; never goes back to false
  std::string value_;                         // guarded by mu_
  std::exception_ptr error_;                  // guarded by mu_; the result if non-null
  std::vector<Callback> callbacks_;           // guarded by mu_; the ones still to run
};

// The reading end: a handle on a State, cheap to copy; every copy sees the same State. Given.
class Future {
 public:
  // A Future with no State: valid() is false, and every other method throws
  // FutureError(kNoState).
  Future() = default;
  explicit Future(std::shared_ptr<State> state) : state_(std::move(state)) {}

  bool valid() const { return state_ != nullptr; }

  // State::Get: blocks until done, then returns the value or rethrows the exception.
  std::string Get() const { return state().Get(); }
  // State::IsReady: never blocks for long.
  bool IsReady() const { return state().IsReady(); }
  // State::AddDoneCallback: runs `callback` once the State is done (at once if it is).
  void AddDoneCallback(State::Callback callback) const {
    state().AddDoneCallback(std::move(callback));
  }

 private:
  State& state() const {
    if (state_ == nullptr) throw FutureError(FutureError::Code::kNoState, "Future has no state");
    return *state_;
  }

  std::shared_ptr<State> state_;  // null only in a default-constructed Future
};

// The writing end: owns a new State, and hands out Futures on it. A Promise destroyed before it
// set anything breaks its promise: its Futures get FutureError(kBrokenPromise). Given.
class Promise {
 public:
  Promise() : state_(std::make_shared<State>()) {}
  Promise(Promise&&) = default;
  Promise& operator=(Promise&& other) {
    if (state_ != nullptr) state_->Abandon();
    state_ = std::move(other.state_);
    return *this;
  }
  // Abandons the State (State::Abandon): a no-op if a value or an exception was set.
  ~Promise() {
    if (state_ != nullptr) state_->Abandon();
  }

  // A Future on this Promise's State; call it as often as you like.
  Future GetFuture() const { return Future(state_); }
  // State::SetValue and State::SetException: throw FutureError(kAlreadySatisfied) the second
  // time.
  void SetValue(std::string value) { state_->SetValue(std::move(value)); }
  void SetException(std::exception_ptr error) { state_->SetException(std::move(error)); }

 private:
  std::shared_ptr<State> state_;  // null only once moved from
};

// Python's executor.submit(fn) without the executor: starts a new thread that runs `fn` and
// returns at once, without waiting for `fn`, a Future that gets what `fn` returns, or the
// exception it throws. Throws std::system_error, and never runs `fn`, if the thread cannot be
// started. The thread is detached: nothing joins it, so `fn` must not use anything that may die
// before it ends.
Future RunAsync(std::function<std::string()> fn);

}  // namespace kata

#endif  // KATA_EXERCISES_08_FUTURES_FUTURE_H_
