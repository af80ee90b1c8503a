// Exercise 05, part 2: the watcher thread. Make the tests in pipeline_app_test.cc and
// shutdown_test.cc pass (together with pipeline.cc). README.md explains the task.
#include "exercises/05_watcher/watcher.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <system_error>
#include <thread>
#include <utility>

namespace kata {

void BlockStopSignals() {
  // TODO: block SIGINT and SIGTERM in this thread with pthread_sigmask(SIG_BLOCK, ...). Build
  // the set with sigemptyset and sigaddset; throw std::system_error if the call fails.
}

SignalWatcher::SignalWatcher(std::stop_source stop)
    : state_(std::make_shared<State>(std::move(stop))) {
  // TODO: start the watcher thread and detach it; it keeps `state_` alive by holding a copy of
  // the shared_ptr. Its loop: sigwait() for SIGINT or SIGTERM. The first time, store the signal
  // in first_signal, PrintLine("stopping on SIGINT") (or SIGTERM), and request the stop. Any
  // later time, PrintLine a "forced: ..." line and FlushAndExit(128 + the signal).
}

int SignalWatcher::first_signal() const { return state_->first_signal.load(); }

void FlushAndExit(int code) {
  // TODO: flush stdout and stderr, then end the process with _exit(code) -- not exit(), which
  // would destroy static objects while the watcher or a stuck thread may still use them.
  std::exit(code);
}

}  // namespace kata
