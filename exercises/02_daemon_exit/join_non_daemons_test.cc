// Exercise 02 tests of ThreadRegistry::JoinNonDaemons, the heart of ExitMain(): wait for every
// non-daemon thread, and for no daemon thread.
#include <array>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "exercises/02_daemon_exit/registry_probe.h"
#include "exercises/02_daemon_exit/thread_registry.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::Leaked;
using ::kata::testing::ReturnsWithin;

// Tests that JoinNonDaemons waits for the non-daemon threads but never for a daemon: the daemon
// here is held until after JoinNonDaemons has returned.
TEST(ThreadRegistryTest, JoinNonDaemonsWaitsForNonDaemonsOnly) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  Probe& daemon = Leaked<Probe>();
  std::array<Probe, 3>& workers = Leaked<std::array<Probe, 3>>();
  const int daemon_id = registry.Start(
      [&daemon] {
        daemon.Hold();
        daemon.Finish();
      },
      Daemon::kYes);
  for (int i = 0; i < 3; ++i) {
    registry.Start(
        [&worker = workers[i], i] {
          std::this_thread::sleep_for(10ms * (i + 1));
          worker.Finish();
        },
        Daemon::kNo);
  }
  registry.JoinNonDaemons();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(workers[i].finished)
        << "JoinNonDaemons returned before non-daemon " << i + 1 << " (of 3) finished";
  }
  EXPECT_FALSE(daemon.finished) << "JoinNonDaemons waited for the daemon thread, which gave up "
                                   "waiting after "
                                << testing::FormatMs(kHoldDeadline);
  daemon.Release();
  registry.Join(daemon_id);
  EXPECT_TRUE(daemon.finished) << "Join(id) of the daemon returned before it finished";
}

// Tests that JoinNonDaemons also waits for a non-daemon thread started by a thread it joins,
// and does not hold the registry's lock while it waits: the joined thread calls Start only once
// the main thread is blocked inside JoinNonDaemons, and that Start must return.
// The late thread's work is a plain int, not an atomic: only a JoinNonDaemons that really joined
// the late thread may read it afterwards, and ThreadSanitizer reports any other read as a race.
TEST(ThreadRegistryTest, JoinNonDaemonsWaitsForThreadsStartedMeanwhile) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  int& late_work = Leaked<int>(0);
  std::atomic<bool>& start_returned = Leaked<std::atomic<bool>>(false);
  const pid_t main_tid = testing::ThisThreadId();
  registry.Start(
      [&registry, &late_work, &start_returned, main_tid] {
        testing::WaitUntilBlockedInFutex(main_tid, kHoldDeadline);  // main waits inside
        start_returned = ReturnsWithin(kHoldDeadline, [&registry, &late_work] {
                           registry.Start([&late_work] { late_work = 1; }, Daemon::kNo);
                           return true;
                         }).has_value();
      },
      Daemon::kNo);
  registry.JoinNonDaemons();
  ASSERT_TRUE(start_returned)
      << "Start, called by the thread JoinNonDaemons was waiting for, did "
         "not return for "
      << testing::FormatMs(kHoldDeadline)
      << ": JoinNonDaemons must not hold the registry's lock while it waits";
  EXPECT_EQ(1, late_work) << "JoinNonDaemons missed the non-daemon thread that a non-daemon "
                             "thread started while JoinNonDaemons was waiting";
}

// Tests that 2 threads can Start 5 threads each at once: 10 threads run, with ids 0 to 9.
TEST(ThreadRegistryTest, StartFromTwoThreadsAtOnce) {
  constexpr int kStarters = 2, kEach = 5;
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  std::atomic<int>& runs = Leaked<std::atomic<int>>(0);
  std::vector<std::vector<int>> ids(kStarters);
  std::vector<std::thread> starters;
  for (int s = 0; s < kStarters; ++s) {
    starters.emplace_back([&, s] {
      for (int i = 0; i < kEach; ++i) {
        ids[s].push_back(registry.Start([&runs] { ++runs; }, Daemon::kNo));
      }
    });
  }
  for (std::thread& starter : starters) starter.join();
  registry.JoinNonDaemons();
  EXPECT_EQ(kStarters * kEach, runs.load())
      << "threads that ran fn by the time JoinNonDaemons returned";
  std::set<int> distinct;
  for (const std::vector<int>& some : ids) distinct.insert(some.begin(), some.end());
  std::set<int> expected;
  for (int id = 0; id < kStarters * kEach; ++id) expected.insert(id);
  EXPECT_EQ(expected, distinct) << "the ids: every one of 0 to " << kStarters * kEach - 1;
}

}  // namespace
}  // namespace kata
