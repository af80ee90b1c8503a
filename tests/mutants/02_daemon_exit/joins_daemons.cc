// Mutant of exercise 02: JoinNonDaemons joins the daemon threads too, so ExitMain waits for
// them and a daemon keeps the process alive. The tests must reject it
// (tests/mutants/02_daemon_exit:joins_daemons_is_rejected).
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
        if (entry.thread.joinable()) {
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
  // Every stdio stream: quick_exit does not flush, and a pipe's buffer holds whole pages.
  std::fflush(nullptr);
  // Ends the process now: no static destructors run, and no daemon thread is waited for.
  std::quick_exit(code);
}

}  // namespace kata
