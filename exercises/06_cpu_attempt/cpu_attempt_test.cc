// Exercise 06 tests: the answers. Every strategy must count exactly what a sieve counts.
// Read them: they are the specification, with the reasons in the comments.
#include "exercises/06_cpu_attempt/cpu_attempt.h"

#include <atomic>
#include <climits>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "exercises/06_cpu_attempt/compute_or_explain.h"
#include "gtest/gtest.h"

namespace kata {
namespace {

// The primes below n by the sieve of Eratosthenes: an oracle that shares no code with Compute.
std::int64_t PrimesBelowBySieve(std::int64_t n) {
  std::vector<bool> composite(n, false);
  std::int64_t count = 0;
  for (std::int64_t k = 2; k < n; ++k) {
    if (composite[k]) continue;
    ++count;
    for (std::int64_t multiple = k * k; multiple < n; multiple += k) composite[multiple] = true;
  }
  return count;
}

// Records which chunks were reported, to check that a refused call computed nothing.
class ChunkCounter : public ChunkObserver {
 public:
  void ChunkStarted(int, std::int64_t) override { ++started; }
  void ChunkFinished(int, std::int64_t) override {}
  std::atomic<int> started{0};
};

class ComputeTest : public ::testing::TestWithParam<Strategy> {};

// Tests the oracle itself against counts everybody knows.
TEST(SieveTest, KnowsTheFamousCounts) {
  EXPECT_EQ(0, PrimesBelowBySieve(2));
  EXPECT_EQ(4, PrimesBelowBySieve(10));
  EXPECT_EQ(25, PrimesBelowBySieve(100));
  EXPECT_EQ(168, PrimesBelowBySieve(1000));
  EXPECT_EQ(1229, PrimesBelowBySieve(10000));
}

// Tests that the strategy counts what the sieve counts for sizes below, at and just past a chunk
// boundary, with worker counts that divide the chunks evenly, unevenly, or outnumber them
// (n = 5 is one chunk, so only one of the 7 workers has anything to do).
TEST_P(ComputeTest, CountsWhatTheSieveCounts) {
  const Strategy strategy = GetParam();
  struct Case {
    std::int64_t n;
    int workers;
  };
  for (const Case c : {Case{0, 1}, Case{0, 7}, Case{1, 1}, Case{5, 7}, Case{1000, 3}, Case{1001, 2},
                       Case{2500, 3}, Case{7001, 7}, Case{20000, 2}}) {
    const std::int64_t expected = PrimesBelowBySieve(c.n);
    EXPECT_EQ(expected, ComputeOrExplain(c.n, strategy, c.workers))
        << "Compute(n=" << c.n << ", " << StrategyName(strategy) << ", workers=" << c.workers
        << ") must count the " << expected << " primes below " << c.n << " (" << ChunkCount(c.n)
        << " chunks of " << kChunkSize << ")";
  }
}

// Tests that n = 0 (no chunks, so no worker at all) is fine, even with the most workers.
TEST_P(ComputeTest, NothingToCountIsZero) {
  EXPECT_EQ(0, Compute(0, GetParam(), kMaxWorkers))
      << "Compute(n=0, workers=kMaxWorkers) has no chunk to compute and must return 0";
}

// Tests that bad arguments are refused with std::invalid_argument before any chunk starts.
TEST_P(ComputeTest, RejectsBadArgumentsBeforeComputing) {
  const Strategy strategy = GetParam();
  ChunkCounter counter;
  const ComputeHooks hooks{.observer = &counter};
  for (const int workers : {0, -1, kMaxWorkers + 1, INT_MAX, INT_MIN}) {
    EXPECT_THROW(Compute(5000, strategy, workers, hooks), std::invalid_argument)
        << StrategyName(strategy) << " with workers=" << workers << ": workers must be in [1, "
        << kMaxWorkers << "]";
  }
  EXPECT_THROW(Compute(-1, strategy, 2, hooks), std::invalid_argument)
      << StrategyName(strategy) << " with n=-1: n must be >= 0";
  EXPECT_EQ(0, counter.started.load())
      << "a chunk started although the arguments were refused: check them before anything else";
  EXPECT_EQ(PrimesBelowBySieve(1500), ComputeOrExplain(1500, strategy, kMaxWorkers))
      << "workers=kMaxWorkers=" << kMaxWorkers << " is allowed";
}

INSTANTIATE_TEST_SUITE_P(EveryStrategy, ComputeTest,
                         ::testing::Values(Strategy::kSerial, Strategy::kThreads,
                                           Strategy::kProcesses, Strategy::kGlobalLock),
                         [](const ::testing::TestParamInfo<Strategy>& info) {
                           return std::string(StrategyName(info.param));
                         });

}  // namespace
}  // namespace kata
