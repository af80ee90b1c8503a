// Exercise 05 tests of BoundedQueue::Close(), in-process: how a pipeline tells its threads that
// the work is over. Read them: they are the specification.
#include <optional>
#include <vector>

#include "exercises/05_watcher/bounded_queue.h"
#include "exercises/05_watcher/queue_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"

namespace kata {
namespace {

using ::kata::testing::AllAsleepInOneWait;
using ::kata::testing::kWakeDeadline;
using ::kata::testing::Leaked;
using ::kata::testing::OnItsOwnThread;
using ::kata::testing::StartPop;
using ::kata::testing::StartPush;

// Tests that Close wakes EVERY consumer sleeping in Pop, and each learns the work is over.
TEST(BoundedQueueTest, CloseWakesEveryBlockedConsumer) {
  BoundedQueue& queue = Leaked<BoundedQueue>(2);
  std::vector<OnItsOwnThread<std::optional<std::int64_t>>> pops;
  for (int i = 0; i < 3; ++i) {
    pops.push_back(StartPop(queue));
    ASSERT_TRUE(pops.back().WaitUntilAsleep(kWakeDeadline)) << "Pop returned on an empty queue";
  }
  ASSERT_TRUE(AllAsleepInOneWait(pops))
      << "the 3 consumers never slept in Pop's wait at the same time: Pop on an empty queue must "
         "sleep until there is an item";
  queue.Close();
  for (size_t i = 0; i < pops.size(); ++i) {
    ASSERT_TRUE(pops[i].Finished(kWakeDeadline))
        << "consumer " << i << " of 3 still sleeps in Pop after Close: wake every waiter";
    EXPECT_EQ(std::nullopt, pops[i].value()) << "a closed, empty queue has nothing to give";
  }
}

// Tests that Close wakes EVERY producer sleeping in Push on a full queue, and refuses their items.
TEST(BoundedQueueTest, CloseWakesEveryBlockedProducer) {
  BoundedQueue& queue = Leaked<BoundedQueue>(1);
  ASSERT_TRUE(queue.Push(0)) << "Push(0) on an open queue with room";
  std::vector<OnItsOwnThread<bool>> pushes;
  for (std::int64_t item : {1, 2}) {
    pushes.push_back(StartPush(queue, item));
    ASSERT_TRUE(pushes.back().WaitUntilAsleep(kWakeDeadline)) << "Push returned on a full queue";
  }
  ASSERT_TRUE(AllAsleepInOneWait(pushes))
      << "the 2 producers never slept in Push's wait at the same time: Push on a full queue must "
         "sleep until there is room";
  queue.Close();
  for (size_t i = 0; i < pushes.size(); ++i) {
    ASSERT_TRUE(pushes[i].Finished(kWakeDeadline))
        << "producer " << i << " of 2 still sleeps in Push after Close: wake every waiter";
    EXPECT_FALSE(pushes[i].value()) << "Push must fail once the queue is closed";
  }
  EXPECT_EQ(1u, queue.size()) << "only the item pushed before Close may be in the queue";
}

// Tests that consumers drain: items pushed before Close still come out, then nullopt for good.
// Closing twice is allowed, and the second Close changes nothing.
TEST(BoundedQueueTest, PopDrainsItemsLeftAtClose) {
  BoundedQueue queue(4);
  for (std::int64_t item : {1, 2, 3}) ASSERT_TRUE(queue.Push(item)) << "Push(" << item << ")";
  queue.Close();
  queue.Close();
  EXPECT_FALSE(queue.Push(4)) << "Push after Close must fail";
  for (std::int64_t item : {1, 2, 3}) EXPECT_EQ(item, queue.Pop()) << "Close must not lose items";
  EXPECT_EQ(std::nullopt, queue.Pop());
  EXPECT_EQ(std::nullopt, queue.Pop());
}

}  // namespace
}  // namespace kata
