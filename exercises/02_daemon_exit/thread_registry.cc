// Exercise 02: make thread_registry_test.cc and greeter_app_test.cc pass. README.md explains the
// task; HINTS.md helps when you are stuck. Run: bazel test //exercises/02_daemon_exit/...
#include "exercises/02_daemon_exit/thread_registry.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace kata {

int ThreadRegistry::Start(std::function<void()> fn, Daemon daemon) {
  // TODO: run fn on a new std::thread and keep that thread, with its daemon flag, in entries_.
  // Another thread may be in Start() at the same time: entries_ is guarded by mu_.
  // Return the new entry's index.
  (void)fn;
  (void)daemon;
  return 0;
}

void ThreadRegistry::Join(int id) {
  // TODO: throw std::out_of_range for an id that no thread has. Otherwise join thread `id`,
  // unless it was joined before. Hint: a std::thread moved out of entries_ leaves behind one
  // that is no longer joinable -- and you should not hold mu_ while you wait.
  (void)id;
}

void ThreadRegistry::JoinNonDaemons() {
  // TODO: join every non-daemon thread, but no daemon thread. A thread you are joining may
  // start another non-daemon thread, so look again after each join.
}

// Given: the process's registry, an ordinary function-local static.
ThreadRegistry& ProcessThreads() {
  static ThreadRegistry registry;
  return registry;
}

void ExitMain(int code) {
  // TODO: wait for the non-daemon threads of ProcessThreads(), flush the output, and end the
  // process without running static destructors. std::exit() is what returning from main()
  // does: it runs them, and it is the wrong way out (README.md explains why).
  std::exit(code);
}

}  // namespace kata
