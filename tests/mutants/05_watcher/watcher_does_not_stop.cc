// Mutant of exercise 05: the watcher takes the signal and says so, but never requests the stop,
// so the pipeline runs on and the program hangs until the test's deadline kills it.
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
  const sigset_t signals = StopSignals();
  if (const int rc = pthread_sigmask(SIG_BLOCK, &signals, nullptr); rc != 0) {
    throw std::system_error(rc, std::generic_category(), "pthread_sigmask");
  }
}

SignalWatcher::SignalWatcher(std::stop_source stop)
    : state_(std::make_shared<State>(std::move(stop))) {
  std::thread([state = state_] {
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
      // The mutation: no state->stop.request_stop().
    }
  }).detach();
}

int SignalWatcher::first_signal() const { return state_->first_signal.load(); }

void FlushAndExit(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
  _exit(code);
}

}  // namespace kata
