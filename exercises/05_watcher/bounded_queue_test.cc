// Exercise 05 tests of BoundedQueue, in-process. Read them: they are the specification.
#include "exercises/05_watcher/bounded_queue.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "exercises/05_watcher/queue_test_helpers.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::FormatMs;
using ::kata::testing::kWakeDeadline;
using ::kata::testing::Leaked;
using ::kata::testing::OnItsOwnThread;
using ::kata::testing::StartPop;
using ::kata::testing::StartPush;
using Items = std::vector<std::int64_t>;

// The busy-wait test keeps calls blocked for kBlockedFor. Sleeping, a thread uses next to no
// CPU and is switched out once or twice; spinning burns the CPU, and polling ("sleep 1 ms,
// look again") is switched out dozens of times.
constexpr auto kBlockedFor = 80ms;
constexpr auto kMaxCpuWhileBlocked = 10ms;
constexpr long kMaxContextSwitchesWhileBlocked = 10;

// Checks what a call blocked for kBlockedFor used: next to no CPU, and few wake-ups.
void ExpectSlept(const testing::ThreadUsage& usage, const std::string& call) {
  EXPECT_TRUE(usage.cpu < kMaxCpuWhileBlocked)
      << call << " used " << FormatMs(usage.cpu) << " of CPU while blocked for "
      << FormatMs(kBlockedFor) << ": wait on a condition variable instead of spinning";
  EXPECT_LE(usage.context_switches, kMaxContextSwitchesWhileBlocked)
      << call << " was switched out " << usage.context_switches << " times while blocked for "
      << FormatMs(kBlockedFor) << ": wait on a condition variable instead of polling";
}

// Tests that items come out in the order they went in, and size() counts them.
TEST(BoundedQueueTest, PopsItemsInPushOrder) {
  BoundedQueue queue(3);
  for (std::int64_t item : {1, 2, 3}) ASSERT_TRUE(queue.Push(item)) << "Push(" << item << ")";
  EXPECT_EQ(3u, queue.size());
  for (std::int64_t item : {1, 2, 3}) EXPECT_EQ(item, queue.Pop());
  EXPECT_EQ(0u, queue.size());
}

// Tests that a queue with room for nothing is refused.
TEST(BoundedQueueTest, RejectsZeroCapacity) {
  EXPECT_THROW(BoundedQueue(0), std::invalid_argument);
}

// Tests that Pop on an empty queue sleeps until an item arrives, then returns it.
TEST(BoundedQueueTest, PopWaitsForAnItem) {
  BoundedQueue& queue = Leaked<BoundedQueue>(2);
  auto pop = StartPop(queue);
  ASSERT_TRUE(pop.WaitUntilAsleep(kWakeDeadline))
      << "Pop on an empty, open queue must sleep until an item arrives; it returned at once";
  ASSERT_TRUE(queue.Push(42)) << "Push(42) on an open queue with room";
  ASSERT_TRUE(pop.Finished(kWakeDeadline)) << "Push did not wake the consumer sleeping in Pop";
  EXPECT_EQ(42, pop.value());
}

// Tests that Push on a full queue sleeps until a Pop makes room, then adds its item.
TEST(BoundedQueueTest, PushWaitsForRoom) {
  BoundedQueue& queue = Leaked<BoundedQueue>(1);
  ASSERT_TRUE(queue.Push(1)) << "Push(1) on an open queue with room";
  auto push = StartPush(queue, 2);
  ASSERT_TRUE(push.WaitUntilAsleep(kWakeDeadline))
      << "Push on a full queue must sleep until there is room; it returned at once";
  EXPECT_EQ(1, queue.Pop());
  ASSERT_TRUE(push.Finished(kWakeDeadline)) << "Pop did not wake the producer sleeping in Push";
  EXPECT_TRUE(push.value());
  EXPECT_EQ(2, queue.Pop());
}

// Tests that 4 producers and 4 consumers sharing a queue of 2 pass every item exactly once,
// while size() -- called meanwhile from another thread -- stays within the capacity.
TEST(BoundedQueueTest, ManyProducersAndConsumersPassEveryItemOnce) {
  constexpr int kThreads = 4;
  constexpr std::int64_t kItemsEach = 50;
  constexpr std::size_t kCapacity = 2;
  BoundedQueue& queue = Leaked<BoundedQueue>(kCapacity);
  std::vector<OnItsOwnThread<bool>> producers;
  std::vector<OnItsOwnThread<Items>> consumers;
  for (int t = 0; t < kThreads; ++t) {
    producers.emplace_back([&queue, t] {
      for (std::int64_t i = 0; i < kItemsEach; ++i) {
        if (!queue.Push(t * kItemsEach + i)) return false;
      }
      return true;
    });
    consumers.emplace_back([&queue] {
      Items got;
      while (const std::optional<std::int64_t> item = queue.Pop()) got.push_back(*item);
      return got;
    });
  }
  std::size_t largest = 0;  // size() may be called at any time, and never exceeds the capacity
  for (int check = 0; check < 100; ++check, std::this_thread::yield()) {
    largest = std::max(largest, queue.size());
  }
  EXPECT_LE(largest, kCapacity) << "the queue held more items than its capacity";
  for (auto& producer : producers) {
    ASSERT_TRUE(producer.Finished(kWakeDeadline)) << "a producer is stuck in Push";
    EXPECT_TRUE(producer.value()) << "Push failed on an open queue";
  }
  queue.Close();
  Items all;
  for (auto& consumer : consumers) {
    ASSERT_TRUE(consumer.Finished(kWakeDeadline)) << "a consumer is stuck in Pop after Close";
    all.insert(all.end(), consumer.value().begin(), consumer.value().end());
  }
  std::sort(all.begin(), all.end());
  Items expected(kThreads * kItemsEach);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(expected, all) << "every item must come out exactly once";
}

// Tests that a consumer blocked in Pop and a producer blocked in Push sleep instead of spinning
// or polling.
TEST(BoundedQueueTest, BlockedCallsUseNoCpu) {
  BoundedQueue& empty = Leaked<BoundedQueue>(1);
  BoundedQueue& full = Leaked<BoundedQueue>(1);
  ASSERT_TRUE(full.Push(1)) << "Push(1) on an open queue with room";
  auto pop = StartPop(empty);
  auto push = StartPush(full, 2);
  std::this_thread::sleep_for(kBlockedFor);  // Pop has nothing to take, Push finds no room
  ASSERT_TRUE(empty.Push(7)) << "Push(7) on an open queue with room";
  EXPECT_EQ(1, full.Pop());
  ASSERT_TRUE(pop.Finished(kWakeDeadline)) << "Push did not wake the consumer in Pop";
  ASSERT_TRUE(push.Finished(kWakeDeadline)) << "Pop did not wake the producer in Push";
  EXPECT_EQ(7, pop.value());
  EXPECT_TRUE(push.value());
  ExpectSlept(pop.usage(), "Pop");
  ExpectSlept(push.usage(), "Push");
}

}  // namespace
}  // namespace kata
