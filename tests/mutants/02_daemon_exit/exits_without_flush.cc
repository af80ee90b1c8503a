// Mutant of exercise 02: ends the process without flushing stdio, so whatever is still in the
// buffer of a piped stdout -- Done included -- is lost. The tests must reject it
// (tests/mutants/02_daemon_exit:exits_without_flush_is_rejected).
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "exercises/02_daemon_exit/thread_registry.h"

namespace kata {

int ThreadRegistry::Start(std::function<void()> fn, Daemon daemon) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.push_back(Entry{std::thread(std::move(fn)), daemon});
  return static_cast<int>(entries_.size()) - 1;
}

void ThreadRegistry::Join(int id) {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (id < 0 || id >= static_cast<int>(entries_.size())) {
      throw std::out_of_range("no thread has id " + std::to_string(id));
    }
    thread = std::move(entries_[id].thread);  // leaves a thread that is no longer joinable
  }
  // Joined without holding mu_: the thread may itself be calling Start().
  if (thread.joinable()) thread.join();
}

void ThreadRegistry::JoinNonDaemons() {
  for (;;) {
    std::thread next;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (Entry& entry : entries_) {
        if (entry.daemon == Daemon::kNo && entry.thread.joinable()) {
          next = std::move(entry.thread);
          break;
        }
      }
    }
    if (!next.joinable()) return;  // every non-daemon thread, late starters too, is joined
    next.join();
  }
}

ThreadRegistry& ProcessThreads() {
  static ThreadRegistry registry;
  return registry;
}

void ExitMain(int code) {
  ProcessThreads().JoinNonDaemons();
  // Ends the process now: no static destructors run, and no daemon thread is waited for.
  std::quick_exit(code);
}

}  // namespace kata
