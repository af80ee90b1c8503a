// The seams chaos.h offers tests, in whichever build this runs: with --config=chaos they act,
// otherwise they refuse.
#include "tests/support/chaos.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

namespace kata::testing {
namespace {

// Tests that AfterNextUnlock runs its hook once, on the unlocking thread, with the mutex already
// released; and that it refuses outside chaos mode.
TEST(ChaosTest, AfterNextUnlockRunsOnceRightAfterTheUnlock) {
  std::mutex mu;
  int runs = 0;
  bool was_free = false;
  std::thread::id ran_on;
  const bool armed = chaos::AfterNextUnlock([&] {
    ++runs;
    ran_on = std::this_thread::get_id();
    was_free = mu.try_lock();
    if (was_free) mu.unlock();  // disarmed: runs no hook
  });
  if (!chaos::Enabled()) {
    EXPECT_FALSE(armed) << "AfterNextUnlock armed a hook outside chaos mode";
    GTEST_SKIP() << "AfterNextUnlock acts in chaos mode only (--config=chaos)";
  }
  ASSERT_TRUE(armed);
  mu.lock();
  EXPECT_EQ(0, runs) << "the hook ran before any unlock";
  mu.unlock();
  EXPECT_EQ(1, runs) << "the hook ran this often after the first unlock";
  EXPECT_TRUE(was_free) << "the mutex was still locked while the hook ran";
  EXPECT_EQ(std::this_thread::get_id(), ran_on) << "the hook ran on another thread";
  mu.lock();
  mu.unlock();
  EXPECT_EQ(1, runs) << "the hook ran again after a second unlock";
}

}  // namespace
}  // namespace kata::testing
