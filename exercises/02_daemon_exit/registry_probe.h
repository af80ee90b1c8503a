// Test helpers shared by exercise 02's in-process tests: a probe that a started thread reports
// to. Tests leak their registries and probes (tests/support/leaked.h): a wrong solution may leave
// a thread running, or joinable, after its test has ended, and it must fail by assertion rather
// than crash.
#ifndef KATA_EXERCISES_02_DAEMON_EXIT_REGISTRY_PROBE_H_
#define KATA_EXERCISES_02_DAEMON_EXIT_REGISTRY_PROBE_H_

#include <atomic>
#include <chrono>
#include <thread>

#include "exercises/02_daemon_exit/thread_registry.h"
#include "tests/support/line_recorder.h"

namespace kata {

// How long a held thread waits for the test before giving up, so a wrong solution fails
// instead of hanging.
inline constexpr std::chrono::seconds kHoldDeadline{2};

// What a started thread did, as the test sees it.
struct Probe {
  void Finish() {
    ran_on = std::this_thread::get_id();
    finished = true;
  }
  // Blocks until Release(), or gives up after kHoldDeadline and says so in gave_up.
  void Hold() {
    if (!release.WaitForCount(1, kHoldDeadline)) gave_up = true;
  }
  void Release() { release.Record("go"); }

  std::atomic<bool> finished{false};
  std::atomic<bool> gave_up{false};
  std::atomic<std::thread::id> ran_on{};
  testing::LineRecorder release;
};

}  // namespace kata

#endif  // KATA_EXERCISES_02_DAEMON_EXIT_REGISTRY_PROBE_H_
