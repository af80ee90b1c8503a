// Exercise 04: join with a timeout, then ask whether the thread is still alive.
//
// Python's Thread.join(timeout) waits at most `timeout` seconds and returns None either way, so
// the caller asks is_alive() afterwards to learn whether the join timed out. std::thread::join()
// has no timeout at all: it blocks until the thread ends. JoinableThread adds one. It runs a
// function on a std::thread and keeps a `finished_` flag under a mutex; the thread sets the flag
// and notifies a condition variable as its last act, and JoinFor waits on that condition
// variable for at most the timeout. This header is the contract: read it, then make
// joinable_thread.cc fulfil it. Do not change this file; every test, the reference solution and
// the mutants are built against it.
//
// Thread safety: JoinFor and IsAlive may be called from any thread, at any time, concurrently.
// Join and the destructor belong to the thread that owns the JoinableThread: call them from one
// thread at a time, and never from the wrapped thread itself.
#ifndef KATA_EXERCISES_04_JOIN_TIMEOUT_JOINABLE_THREAD_H_
#define KATA_EXERCISES_04_JOIN_TIMEOUT_JOINABLE_THREAD_H_

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace kata {

// A thread that can be joined with a timeout. Python's threading.Thread, started at once:
//
//   JoinableThread d(SleepFiveUnits);
//   d.JoinFor(3 * unit);                    // d.join(3.0)
//   if (d.IsAlive()) std::puts("timed out");  // d.is_alive()
class JoinableThread {
 public:
  // Starts a new thread that runs `fn`. If `fn` throws, the exception is kept for Join().
  explicit JoinableThread(std::function<void()> fn);

  // Joins the thread: blocks until `fn` has returned or thrown. Never throws; an exception that
  // nobody collected with Join() is dropped.
  ~JoinableThread();

  JoinableThread(const JoinableThread&) = delete;
  JoinableThread& operator=(const JoinableThread&) = delete;

  // Blocks until the thread has finished or `timeout` has passed, whichever comes first, and
  // returns true if the thread has finished: Python's `t.join(timeout)` and `not t.is_alive()`
  // in one call. Blocks for at most `timeout` plus scheduling delay, without using the CPU while
  // it waits. A timeout of zero or less does not block: it only checks.
  bool JoinFor(std::chrono::nanoseconds timeout);

  // True until `fn` has returned or thrown. Blocks only briefly, on mu_.
  bool IsAlive() const;

  // Blocks until the thread has finished, joins it, and rethrows the exception `fn` threw, if
  // any (every call rethrows it). Returns at once if the thread has already been joined.
  void Join();

 private:
  // The body of thread_: runs `fn`, keeps what it throws in error_, then sets finished_ and
  // wakes every thread waiting in JoinFor.
  void Run(std::function<void()> fn);

  mutable std::mutex mu_;
  std::condition_variable finished_cv_;  // notified when finished_ becomes true
  bool finished_ = false;                // guarded by mu_
  std::exception_ptr error_;             // guarded by mu_
  // Declared last: the constructor starts the thread, which uses every field above.
  std::thread thread_;
};

}  // namespace kata

#endif  // KATA_EXERCISES_04_JOIN_TIMEOUT_JOINABLE_THREAD_H_
