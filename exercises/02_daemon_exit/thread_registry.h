// Exercise 02: daemon threads, and a main() that ends the process the way Python does.
//
// Python remembers every thread it starts. When main() returns, the interpreter waits for each
// non-daemon thread, then ends the process without waiting for daemon threads, which simply
// vanish. C++ has no daemon flag, so this header declares one: a ThreadRegistry that remembers
// each thread with its flag, and ExitMain(), which a program calls instead of returning from
// main(). Read it, then make thread_registry.cc fulfil it. Do not change this file.
//
// Thread safety: Start() may be called from any thread, including a thread the registry
// started. Join(), JoinNonDaemons() and ExitMain() are for one thread only -- the program's main
// thread -- as in Python, where joining at exit is main's job.
#ifndef KATA_EXERCISES_02_DAEMON_EXIT_THREAD_REGISTRY_H_
#define KATA_EXERCISES_02_DAEMON_EXIT_THREAD_REGISTRY_H_

#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace kata {

// Python's `daemon=` argument. A daemon thread does not keep the process alive.
enum class Daemon { kNo, kYes };

// The threads a program has started, each with its daemon flag.
//
// Destroying a registry while one of its threads is neither joined nor detached calls
// std::terminate, exactly as destroying a joinable std::thread does.
class ThreadRegistry {
 public:
  ThreadRegistry() = default;
  ThreadRegistry(const ThreadRegistry&) = delete;
  ThreadRegistry& operator=(const ThreadRegistry&) = delete;

  // Runs `fn` on a new thread and remembers that thread with its `daemon` flag. Returns the
  // thread's id: 0 for the first thread this registry starts, 1 for the next, and so on.
  // Returns without waiting for `fn`; blocks only briefly while another thread is in Start().
  int Start(std::function<void()> fn, Daemon daemon);

  // Blocks until thread `id` has finished, daemon or not: Python's t.join(). Returns at once if
  // that thread was joined before. Throws std::out_of_range if no thread has that id.
  void Join(int id);

  // Blocks until every non-daemon thread has finished -- those started while it waits (by the
  // threads it is waiting for) included. Never waits for a daemon thread.
  void JoinNonDaemons();

 private:
  struct Entry {
    std::thread thread;  // not joinable once joined
    Daemon daemon;
  };

  std::mutex mu_;
  std::vector<Entry> entries_;  // guarded by mu_; entries_[id] is thread `id`
};

// The registry of this process: what Python's threading module keeps for you. It is an
// ordinary function-local static, so returning from main() or calling std::exit() destroys it.
ThreadRegistry& ProcessThreads();

// ProcessThreads().Start(fn, daemon).
inline int Start(std::function<void()> fn, Daemon daemon) {
  return ProcessThreads().Start(std::move(fn), daemon);
}

// ProcessThreads().Join(id).
inline void Join(int id) { ProcessThreads().Join(id); }

// Ends the process with exit status `code`, as Python ends when main() returns: blocks until
// every non-daemon thread of ProcessThreads() has finished, flushes all output (stdout may be a
// pipe, where stdio keeps whole pages in its buffer), then ends the process at once -- without
// waiting for daemon threads, and without running static destructors while a daemon thread may
// still be using the objects they destroy. Call it from main() instead of returning.
[[noreturn]] void ExitMain(int code);

}  // namespace kata

#endif  // KATA_EXERCISES_02_DAEMON_EXIT_THREAD_REGISTRY_H_
