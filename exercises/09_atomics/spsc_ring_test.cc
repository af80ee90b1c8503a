// Exercise 09 tests of SpscRing. Read them: they are the specification.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "exercises/09_atomics/atomics.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;

// Item i of the two-thread test: long enough that std::string keeps it on the heap, so the
// consumer reads bytes the producer wrote, not only the slot itself.
std::string Item(int i) { return "item " + std::to_string(i) + std::string(24, 'a' + i % 26); }

// Tests a ring of capacity 3 on one thread: TryPop on an empty ring gives nullopt, TryPush
// accepts exactly 3 items and refuses a fourth, and TryPop returns the 3 in push order. Five
// rounds, begun one slot in, so that the items wrap around the end of the slots.
TEST(SpscRingTest, HoldsUpToItsCapacityInOrder) {
  SpscRing ring(3);
  EXPECT_EQ(std::nullopt, ring.TryPop()) << "TryPop on an empty ring";
  ASSERT_TRUE(ring.TryPush("first")) << "TryPush(\"first\") into an empty ring";
  ASSERT_EQ(std::optional<std::string>("first"), ring.TryPop()) << "TryPop after one TryPush";
  for (int round = 0; round < 5; ++round) {
    const std::string r = std::to_string(round);
    for (const std::string item : {"a", "b", "c"}) {
      EXPECT_TRUE(ring.TryPush(item + r))
          << "round " << round << ": TryPush(\"" << item + r << "\") into a ring with room";
    }
    EXPECT_FALSE(ring.TryPush("d" + r))
        << "round " << round << ": TryPush into a full ring of capacity 3 must return false";
    for (const std::string item : {"a", "b", "c"}) {
      EXPECT_EQ(std::optional<std::string>(item + r), ring.TryPop())
          << "round " << round << ": TryPop must return what was pushed, oldest first";
    }
    EXPECT_EQ(std::nullopt, ring.TryPop()) << "round " << round << ": TryPop on an empty ring";
  }
}

// Tests one producer thread and one consumer thread passing kItems strings through a ring of
// capacity 4: the consumer gets every item once, in order, with its whole text. ThreadSanitizer
// reports a data race on a slot when the producer publishes an item without release (or the
// consumer reads tail_ without acquire), and when the consumer frees a slot without release (or
// the producer reads head_ without acquire), or before it has read it. The producer pushes only
// while fewer than 4 items are on their way (by the test's own relaxed count, which orders
// nothing), so a ring that overwrites an unread slot corrupts no string: the one-thread test
// rejects that. The test gives up when no item has arrived for kStall, and tells the producer to
// stop, so a ring that never passes an item fails the test quickly instead of hanging it.
TEST(SpscRingTest, PassesEveryItemInOrderBetweenTwoThreads) {
  constexpr int kItems = 2000;
  constexpr int kCapacity = 4;
  constexpr auto kStall = 2 * kSchedulingSlack;
  // Leaked: a producer that has not yet seen give_up may still use them after the test.
  SpscRing& ring = Leaked<SpscRing>(kCapacity);
  std::atomic<bool>& give_up = Leaked<std::atomic<bool>>(false);
  // Items the consumer has taken out. Relaxed on both sides: it must not order the ring's slots.
  std::atomic<int>& taken = Leaked<std::atomic<int>>(0);
  std::future<bool> producer = OnHelperThread([&ring, &give_up, &taken] {
    for (int i = 0; i < kItems && !give_up.load();) {
      if (i - taken.load(std::memory_order_relaxed) < kCapacity && ring.TryPush(Item(i))) {
        ++i;
      } else {
        std::this_thread::yield();  // full: let the consumer catch up
      }
    }
    return true;
  });
  std::vector<std::string> received;
  Clock::time_point last_item = Clock::now();
  while (received.size() < kItems) {
    if (std::optional<std::string> item = ring.TryPop()) {
      received.push_back(std::move(*item));
      taken.store(static_cast<int>(received.size()), std::memory_order_relaxed);
      last_item = Clock::now();
    } else if (Clock::now() - last_item > kStall) {
      give_up.store(true);
      ADD_FAILURE() << "no item reached the consumer for " << FormatMs(kStall) << ", after "
                    << received.size() << " of " << kItems
                    << " items: TryPush must accept while the ring has room, and TryPop must "
                       "return what was pushed";
      break;
    } else {
      std::this_thread::yield();  // empty: let the producer catch up
    }
  }
  ASSERT_EQ(std::future_status::ready, producer.wait_for(kStall))
      << "the producer had not returned " << FormatMs(kStall) << " after the consumer had "
      << received.size() << " items";
  for (std::size_t i = 0; i < received.size(); ++i) {
    if (received[i] != Item(static_cast<int>(i))) {
      ADD_FAILURE() << "items received out of order, twice, or not at all; the first: item " << i
                    << " should be \"" << Item(static_cast<int>(i)) << "\", got \"" << received[i]
                    << "\"";
      break;
    }
  }
}

}  // namespace
}  // namespace kata
