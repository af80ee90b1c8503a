// Exercise 05: Worker, a named thread that can be joined with a timeout -- and abandoned.
//
// Given; you do not need to change it. It is exercise 04's join-with-timeout with a name, so
// that this exercise can concentrate on the loop that uses it: Python's
//
//   t.join(0.02)
//   if t.is_alive(): ...
//
// is `if (!worker.JoinFor(20ms)) ...` here.
//
// Thread safety: a Worker belongs to one thread -- the program's main thread. The thread it
// runs may do anything, but whatever it uses must outlive it: a thread that may be abandoned
// should hold its data through a std::shared_ptr.
#ifndef KATA_EXERCISES_05_WATCHER_WORKER_H_
#define KATA_EXERCISES_05_WATCHER_WORKER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace kata {

// The thread is detached from the start, and "joining" it means waiting for the flag it sets
// as its very last act. A thread that has ended but was never joined is a "thread leak" to
// ThreadSanitizer, and a program that leaves with _exit() at any moment -- a forced exit on a
// second Ctrl+C, say -- could catch one of its threads in exactly that state.
class Worker {
 public:
  // Starts a thread named `name` that runs `fn`.
  Worker(std::string name, std::function<void()> fn)
      : name_(std::move(name)), done_(std::make_shared<Done>()) {
    std::thread([fn = std::move(fn), done = done_] {
      fn();
      std::lock_guard<std::mutex> lock(done->mu);
      done->finished = true;
      done->cv.notify_all();
    }).detach();
  }
  // Blocks until the thread has finished, unless it was abandoned.
  ~Worker() {
    if (done_ && !abandoned_) {
      std::unique_lock<std::mutex> lock(done_->mu);
      done_->cv.wait(lock, [this] { return done_->finished; });
    }
  }
  Worker(Worker&&) noexcept = default;
  Worker& operator=(Worker&&) = delete;

  const std::string& name() const { return name_; }

  // Blocks until the thread has finished or `timeout` has passed, whichever comes first, and
  // returns true if it has finished: Python's `t.join(timeout)` and `not t.is_alive()` in one.
  // Sleeps while it waits. A timeout of zero or less only checks. False once abandoned.
  bool JoinFor(std::chrono::nanoseconds timeout) {
    if (abandoned_) return false;
    std::unique_lock<std::mutex> lock(done_->mu);
    return done_->cv.wait_for(lock, timeout, [this] { return done_->finished; });
  }

  // Gives up on the thread: it runs on until it returns or the process ends, and nobody waits
  // for it any more -- not even the destructor.
  void Abandon() { abandoned_ = true; }

 private:
  struct Done {
    std::mutex mu;
    std::condition_variable cv;  // notified when finished becomes true
    bool finished = false;       // guarded by mu
  };

  std::string name_;
  std::shared_ptr<Done> done_;  // shared with the thread
  bool abandoned_ = false;
};

}  // namespace kata

#endif  // KATA_EXERCISES_05_WATCHER_WORKER_H_
