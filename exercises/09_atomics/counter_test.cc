// Exercise 09 tests of Counter. Read them: they are the specification.
#include <cstdint>
#include <latch>
#include <thread>
#include <vector>

#include "exercises/09_atomics/atomics.h"
#include "gtest/gtest.h"

namespace kata {
namespace {

// Tests that kThreads threads incrementing at once, released together by a latch, lose no
// increment: the count ends at kThreads * kIncrements. A load followed by a store loses the
// increments other threads make in between, as Python's `counter += 1` does.
TEST(CounterTest, CountsEveryIncrementFromManyThreads) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 50'000;
  Counter counter;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&counter, &start] {
      start.arrive_and_wait();  // all at once, so that the increments interleave
      for (int i = 0; i < kIncrements; ++i) counter.Increment();
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(std::int64_t{kThreads} * kIncrements, counter.Value())
      << std::int64_t{kThreads} * kIncrements - counter.Value()
      << " increments were lost: make Increment one indivisible step (fetch_add)";
}

}  // namespace
}  // namespace kata
