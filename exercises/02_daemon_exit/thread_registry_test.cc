// Exercise 02 tests of ThreadRegistry::Start and Join, run inside this process. ExitMain() ends
// the process that calls it, so its tests are in greeter_app_test.cc, which runs the real program.
#include "exercises/02_daemon_exit/thread_registry.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "exercises/02_daemon_exit/registry_probe.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"
#include "tests/support/line_recorder.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::AtLeast;
using ::kata::testing::Leaked;
using ::kata::testing::Stopwatch;

// Tests that Start runs fn on a thread of its own, and that Join waits until fn has finished.
TEST(ThreadRegistryTest, StartRunsFnOnANewThread) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  Probe& probe = Leaked<Probe>();
  registry.Join(registry.Start([&probe] { probe.Finish(); }, Daemon::kNo));
  ASSERT_TRUE(probe.finished) << "Join returned before fn finished: Start must start a thread "
                                 "running fn, and Join must join it";
  EXPECT_NE(std::this_thread::get_id(), probe.ran_on.load()) << "fn ran on the caller's thread";
}

// Tests that Start returns without waiting for fn: here fn cannot finish until Start returned.
TEST(ThreadRegistryTest, StartReturnsWithoutWaitingForFn) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  Probe& probe = Leaked<Probe>();
  const int id = registry.Start(
      [&probe] {
        probe.Hold();
        probe.Finish();
      },
      Daemon::kNo);
  probe.Release();
  registry.Join(id);
  EXPECT_TRUE(probe.finished) << "Join returned before fn finished";
  EXPECT_FALSE(probe.gave_up) << "fn waited " << testing::FormatMs(kHoldDeadline)
                              << " in vain for Start to return: Start must not wait for fn";
}

// Tests that another thread may Start while the main thread waits in Join: Join must not hold
// the registry's lock while it waits. The joined thread is held until that Start has returned,
// and the other thread calls Start only once the main thread is blocked inside Join.
TEST(ThreadRegistryTest, StartWhileJoinWaits) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  Probe& joined = Leaked<Probe>();
  testing::LineRecorder& joining = Leaked<testing::LineRecorder>();
  const pid_t main_tid = testing::ThisThreadId();
  const int id = registry.Start(
      [&joined] {
        joined.Hold();
        joined.Finish();
      },
      Daemon::kNo);
  std::thread starter([&registry, &joined, &joining, main_tid] {  // a thread of the test's own
    joining.WaitForCount(1, kHoldDeadline);
    testing::WaitUntilBlockedInFutex(main_tid, kHoldDeadline);  // main is waiting inside Join
    registry.Start([] {}, Daemon::kNo);
    joined.Release();
  });
  joining.Record("joining");
  EXPECT_NO_THROW(registry.Join(id)) << "Join of thread " << id << ", which Start returned";
  starter.join();
  EXPECT_TRUE(joined.finished) << "Join returned before the thread finished";
  EXPECT_FALSE(joined.gave_up) << "Start, called from another thread while Join waited, did not "
                                  "return for "
                               << testing::FormatMs(kHoldDeadline)
                               << ": Join must not hold the registry's lock while it waits";
  registry.JoinNonDaemons();
}

// Tests that ids count from 0 in start order.
TEST(ThreadRegistryTest, IdsCountFromZero) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  for (int expected = 0; expected < 3; ++expected) {
    const int id = registry.Start([] {}, expected == 1 ? Daemon::kYes : Daemon::kNo);
    EXPECT_EQ(expected, id) << "the id of thread number " << expected;
    if (id == expected) registry.Join(id);
  }
}

// Tests that Join waits for a daemon thread too, as Python's t.join() does.
TEST(ThreadRegistryTest, JoinWaitsForADaemonThread) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  Probe& probe = Leaked<Probe>();
  Stopwatch watch;
  const int id = registry.Start(
      [&probe] {
        std::this_thread::sleep_for(30ms);
        probe.Finish();
      },
      Daemon::kYes);
  registry.Join(id);
  EXPECT_TRUE(probe.finished) << "Join(id) of a daemon thread returned before it finished";
  EXPECT_TRUE(AtLeast(watch.Elapsed(), 30ms, "Start + Join of a daemon that sleeps 30 ms"));
}

// Tests that joining a thread twice is harmless, as in Python, and that a bad id throws.
TEST(ThreadRegistryTest, JoinTwiceIsFineAndAnUnknownIdThrows) {
  ThreadRegistry& registry = Leaked<ThreadRegistry>();
  EXPECT_THROW(registry.Join(0), std::out_of_range) << "no thread has been started yet";
  const int id = registry.Start([] {}, Daemon::kNo);
  EXPECT_NO_THROW(registry.Join(id));
  EXPECT_NO_THROW(registry.Join(id)) << "the second Join of thread " << id;
  EXPECT_THROW(registry.Join(id + 1), std::out_of_range) << "one past the last thread";
  EXPECT_THROW(registry.Join(-1), std::out_of_range);
}

}  // namespace
}  // namespace kata
