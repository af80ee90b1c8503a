// Exercise 12: a thread pool, Python's concurrent.futures.ThreadPoolExecutor.
//
// A fixed set of worker threads takes tasks from one queue, in the order they were submitted,
// and each task's result (or exception) reaches the caller through a std::future. Shutdown comes
// in two modes: drain (every queued task still runs) or cancel (queued tasks never run, their
// futures hold Cancelled, and the running tasks see a stop request through their
// std::stop_token). The workers are std::jthreads: each has its own stop_source, and joins on
// destruction. This header is the contract: read it, then make thread_pool.cc fulfil it. Do
// not change this file; every test, the reference solution and the mutants are built against
// it.
//
// Thread safety: Submit may be called from any thread, at any time, concurrently, including
// from inside a task. Shutdown and the destructor belong to the thread that owns the pool: call
// them from one thread at a time, and never from inside a task (a worker cannot join itself).
#ifndef KATA_EXERCISES_12_THREAD_POOL_THREAD_POOL_H_
#define KATA_EXERCISES_12_THREAD_POOL_THREAD_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace kata {

// What the future of a task holds when Shutdown(kCancelQueued) took it off the queue before it
// started: Python's CancelledError.
class Cancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What Submit throws once Shutdown has begun: Python's RuntimeError("cannot schedule new
// futures after shutdown").
class Rejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A fixed number of workers running submitted tasks, oldest first:
//
//   ThreadPool pool(4);                                       // ThreadPoolExecutor(4)
//   std::future<std::string> f = pool.Submit(Download);       // executor.submit(download)
//   f.get();                                                  // future.result()
//   pool.Shutdown(ThreadPool::ShutdownMode::kCancelQueued);   // shutdown(cancel_futures=True)
class ThreadPool {
 public:
  // A task gets its worker's stop_token, which is requested only by Shutdown(kCancelQueued): a
  // long task may poll it, or wait on it, to end early.
  using Task = std::function<std::string(std::stop_token)>;

  enum class ShutdownMode {
    kDrain,         // every task submitted before Shutdown still runs
    kCancelQueued,  // queued tasks are cancelled, running tasks see their stop requested
  };

  // Starts `workers` threads, which sleep until there is a task. Throws std::invalid_argument
  // if `workers` < 1. If a thread cannot start, throws that std::system_error, and no thread
  // of this pool is left running.
  explicit ThreadPool(int workers);

  // Shutdown(kDrain): runs every queued task, then joins every worker. Blocks until then.
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task` and returns at once, without waiting for it to start: its future gets what
  // the task returns, or the exception it throws. An idle worker is woken to run it. Tasks
  // start in the order they were submitted. Blocks only briefly, on mu_; never while a task
  // runs. Throws Rejected once Shutdown has begun.
  std::future<std::string> Submit(Task task);

  // Stops accepting tasks (Submit throws Rejected from now on), then:
  //   kDrain: lets the workers run every task still queued, in order;
  //   kCancelQueued: takes every queued task off the queue, unrun, setting its future to a
  //     Cancelled exception, and requests every worker's stop, so running tasks can end early.
  // Either way, wakes every idle worker and blocks until every worker has ended and been
  // joined. A second call does nothing.
  void Shutdown(ShutdownMode mode);

 private:
  struct Queued {
    Task task;
    std::promise<std::string> result;
  };

  // The body of each worker: takes the oldest task, runs it without holding mu_, sets its
  // future; sleeps on work_cv_ while the queue is empty; returns once the queue is empty and
  // the pool has stopped accepting, or at once when its stop is requested.
  void Work(std::stop_token stop);

  std::mutex mu_;
  // Notified when a task is queued and when the pool stops accepting. A _any condition
  // variable, so that a wait can also end at a stop request (wait(lock, stop, predicate)).
  std::condition_variable_any work_cv_;
  std::deque<Queued> queue_;  // guarded by mu_; oldest first
  bool accepting_ = true;     // guarded by mu_; false once Shutdown has begun
  bool shut_down_ = false;  // the owner's: Shutdown has run (only Shutdown and ~ThreadPool use it)
  // Declared last: the workers use every field above, and are joined before those are destroyed.
  std::vector<std::jthread> workers_;
};

}  // namespace kata

#endif  // KATA_EXERCISES_12_THREAD_POOL_THREAD_POOL_H_
