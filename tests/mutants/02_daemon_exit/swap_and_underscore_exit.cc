// Alternative solution for exercise 02, unlike the reference: Start takes the id before it
// starts the thread; Join swaps the thread out with a std::unique_lock it unlocks by hand;
// JoinNonDaemons searches from the newest thread down; ExitMain leaves with _exit.
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "exercises/02_daemon_exit/thread_registry.h"

namespace kata {

int ThreadRegistry::Start(std::function<void()> fn, Daemon daemon) {
  std::unique_lock<std::mutex> lock(mu_);
  const int id = static_cast<int>(entries_.size());
  entries_.emplace_back();
  entries_.back().daemon = daemon;
  entries_.back().thread = std::thread(std::move(fn));
  return id;
}

void ThreadRegistry::Join(int id) {
  std::unique_lock<std::mutex> lock(mu_);
  if (id < 0 || static_cast<std::size_t>(id) >= entries_.size()) {
    throw std::out_of_range("Join: unknown thread id " + std::to_string(id));
  }
  std::thread mine;
  std::swap(mine, entries_[static_cast<std::size_t>(id)].thread);
  lock.unlock();
  if (mine.joinable()) mine.join();
}

void ThreadRegistry::JoinNonDaemons() {
  bool found = true;
  while (found) {
    found = false;
    std::thread mine;
    {
      std::unique_lock<std::mutex> lock(mu_);
      for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        if (it->daemon == Daemon::kNo && it->thread.joinable()) {
          std::swap(mine, it->thread);
          found = true;
          break;
        }
      }
    }
    if (found) mine.join();
  }
}

ThreadRegistry& ProcessThreads() {
  static ThreadRegistry registry;
  return registry;
}

void ExitMain(int code) {
  ProcessThreads().JoinNonDaemons();
  std::fflush(stdout);
  std::fflush(nullptr);
  ::_exit(code);
}

}  // namespace kata
