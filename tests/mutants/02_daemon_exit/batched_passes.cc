// Alternative solution for exercise 02, unlike the reference: JoinNonDaemons takes every
// non-daemon thread it can find in one pass and joins the batch, then makes another pass for the
// threads started meanwhile, until a pass finds none; ExitMain leaves with std::_Exit.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "exercises/02_daemon_exit/thread_registry.h"

namespace kata {

int ThreadRegistry::Start(std::function<void()> fn, Daemon daemon) {
  std::thread thread(std::move(fn));
  std::scoped_lock lock(mu_);
  entries_.push_back(Entry{std::move(thread), daemon});
  return static_cast<int>(entries_.size() - 1);
}

void ThreadRegistry::Join(int id) {
  std::thread thread;
  {
    std::scoped_lock lock(mu_);
    thread = std::move(entries_.at(static_cast<std::size_t>(id < 0 ? entries_.size() : id)).thread);
  }
  if (thread.joinable()) thread.join();
}

void ThreadRegistry::JoinNonDaemons() {
  for (;;) {
    std::vector<std::thread> batch;
    {
      std::scoped_lock lock(mu_);
      for (Entry& entry : entries_) {
        if (entry.daemon == Daemon::kNo && entry.thread.joinable()) {
          batch.push_back(std::move(entry.thread));
        }
      }
    }
    if (batch.empty()) return;
    for (std::thread& thread : batch) thread.join();
  }
}

ThreadRegistry& ProcessThreads() {
  static ThreadRegistry registry;
  return registry;
}

void ExitMain(int code) {
  ProcessThreads().JoinNonDaemons();
  std::fflush(nullptr);
  std::_Exit(code);
}

}  // namespace kata
