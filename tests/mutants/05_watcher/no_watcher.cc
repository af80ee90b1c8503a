// Mutant of exercise 05: no watcher. The stop signals are never blocked and nobody sigwaits,
// so SIGINT kills the process with its default action: no graceful stop, no summary.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <system_error>
#include <thread>
#include <utility>

#include "exercises/05_watcher/watcher.h"

namespace kata {
namespace {

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

std::string SignalName(int sig) { return sig == SIGINT ? "SIGINT" : "SIGTERM"; }

}  // namespace

void BlockStopSignals() {
  // The mutation: nothing is blocked.
}

SignalWatcher::SignalWatcher(std::stop_source stop)
    : state_(std::make_shared<State>(std::move(stop))) {
  // The mutation: the watcher thread is never started.
  auto watch = [state = state_] {
    const sigset_t signals = StopSignals();
    for (bool first = true;; first = false) {
      int sig = 0;
      while (sigwait(&signals, &sig) != 0) {
      }
      if (!first) {
        PrintLine("forced: " + SignalName(sig) + " during shutdown");
        FlushAndExit(128 + sig);
      }
      state->first_signal.store(sig);
      PrintLine("stopping on " + SignalName(sig));
      state->stop.request_stop();
    }
  };
  (void)watch;
}

int SignalWatcher::first_signal() const { return state_->first_signal.load(); }

void FlushAndExit(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
  _exit(code);
}

}  // namespace kata
