// Exercise 09 tests of Counter. Read them: they are the specification.
#include <chrono>
#include <cstdint>
#include <latch>
#include <numeric>
#include <thread>
#include <vector>

#include "exercises/09_atomics/atomics.h"
#include "gtest/gtest.h"

namespace kata {
namespace {

using namespace std::chrono_literals;

constexpr int kThreads = 4;
constexpr auto kWindow = 200ms;  // how long each thread increments
constexpr int kBatch = 1000;     // increments between two looks at the clock

// Tests that kThreads threads incrementing at once, released together by a latch, lose no
// increment: the count ends at the number of Increment calls they made. A load followed by a
// store loses the increments other threads make in between, as Python's `counter += 1` does.
//
// Each thread increments for kWindow, not a fixed number of times: a few thousand increments
// take a thread a millisecond or two, short enough to run alone on a busy machine, where nothing
// is lost. For kWindow the threads share the cores with whatever else runs, so some of them run
// side by side, and a split increment then loses counts on every run.
TEST(CounterTest, CountsEveryIncrementFromManyThreads) {
  Counter counter;
  std::latch start(kThreads);
  std::vector<std::int64_t> calls(kThreads, 0);  // calls[t] is written by thread t alone
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&counter, &start, &calls, t] {
      start.arrive_and_wait();  // all at once, so that the increments interleave
      const auto end = std::chrono::steady_clock::now() + kWindow;
      do {
        for (int i = 0; i < kBatch; ++i) counter.Increment();
        calls[t] += kBatch;
      } while (std::chrono::steady_clock::now() < end);
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::int64_t made = std::accumulate(calls.begin(), calls.end(), std::int64_t{0});
  EXPECT_EQ(made, counter.Value())
      << made - counter.Value() << " of " << made
      << " increments were lost: make Increment one indivisible step (fetch_add)";
}

}  // namespace
}  // namespace kata
