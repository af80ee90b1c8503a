// Exercise 04 tests of Join, IsAlive and the destructor. Read them: they are the specification,
// with the reasons in the comments.
#include "exercises/04_join_timeout/joinable_thread.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "exercises/04_join_timeout/join_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::join_testing::BlockedThread;
using ::kata::join_testing::PromptIsAlive;
using ::kata::join_testing::PromptJoin;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::Stopwatch;

// Tests that Join() rethrows what the thread's function threw -- every time it is called -- and
// that a thread that threw counts as finished.
TEST(JoinTest, RethrowsTheThreadsException) {
  JoinableThread& t = Leaked<JoinableThread>([] { throw std::runtime_error("boom"); });
  EXPECT_EQ(std::optional<std::string>("boom"), PromptJoin(t))
      << "Join() must rethrow the std::runtime_error(\"boom\") that the thread threw";
  EXPECT_FALSE(t.IsAlive()) << "a thread whose function threw has finished";
  EXPECT_EQ(std::optional<std::string>("boom"), PromptJoin(t))
      << "a second Join() must rethrow it too";
}

// Tests that Join() returns at once, without throwing, when the thread has already been joined.
TEST(JoinTest, ReturnsAtOnceWhenAlreadyJoined) {
  JoinableThread& t = Leaked<JoinableThread>([] {});
  ASSERT_EQ(std::optional<std::string>(""), PromptJoin(t)) << "the first Join() must return";
  EXPECT_EQ(std::optional<std::string>(""), PromptJoin(t))
      << "a second Join() must return at once, without throwing: the thread has been joined "
         "already (std::thread::join on a joined thread throws std::system_error)";
  EXPECT_FALSE(t.IsAlive()) << "IsAlive() must be false once Join() has returned";
}

// Tests that IsAlive() answers at once while the thread's function is still running: it may
// block only briefly, on mu_, never until the function returns.
TEST(IsAliveTest, AnswersWhileTheThreadRuns) {
  BlockedThread& blocked = Leaked<BlockedThread>();
  const std::optional<bool> alive = PromptIsAlive(blocked.thread);
  blocked.Release();
  EXPECT_EQ(std::optional<std::string>(""), PromptJoin(blocked.thread));
  ASSERT_TRUE(alive) << "IsAlive() on a running thread was still blocked "
                     << FormatMs(kSchedulingSlack)
                     << " later: never hold mu_ while the thread's function runs";
  EXPECT_TRUE(*alive) << "IsAlive() must be true while the thread's function runs";
}

// Tests that IsAlive() may be asked from another thread, with no other synchronisation, while
// the thread finishes: Python's `while t.is_alive(): ...`. Reading the flag without its mutex is
// a data race, which ThreadSanitizer reports. (Here polling is the point of the test.)
TEST(IsAliveTest, CanBePolledWhileTheThreadFinishes) {
  JoinableThread& t = Leaked<JoinableThread>([] {});
  Stopwatch watch;
  while (t.IsAlive() && watch.Elapsed() < kSchedulingSlack) std::this_thread::sleep_for(1ms);
  EXPECT_FALSE(t.IsAlive()) << "IsAlive() was still true " << FormatMs(watch.Elapsed())
                            << " after the thread started, although its function returns at once";
  EXPECT_EQ(std::optional<std::string>(""), PromptJoin(t));
}

// Tests that destroying a JoinableThread waits for its function to finish.
TEST(JoinableThreadTest, DestructorJoins) {
  std::atomic<bool> finished{false};
  {
    JoinableThread t([&finished] {
      std::this_thread::sleep_for(20ms);
      finished = true;
    });
  }
  EXPECT_TRUE(finished) << "the destructor returned before the thread's function had finished";
}

// Tests that the destructor never throws: an exception that nobody collected with Join() is
// dropped. (Rethrowing it from the destructor ends the test binary in std::terminate.)
TEST(JoinableThreadTest, DestructorDropsAnUncollectedException) {
  std::atomic<bool> threw{false};
  {
    JoinableThread t([&threw] {
      threw = true;
      throw std::runtime_error("nobody joins me");
    });
  }
  EXPECT_TRUE(threw) << "the destructor returned before the thread's function had thrown";
}

}  // namespace
}  // namespace kata
