// Exercise 06 tests: the answers. Every strategy must count exactly what a sieve counts.
// Read them: they are the specification, with the reasons in the comments.
#include "exercises/06_cpu_attempt/cpu_attempt.h"

#include <atomic>
#include <climits>
#include <cstdint>
#include <map>
#include <mutex>
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

// Records which worker computed each chunk.
class ChunkOwners : public ChunkObserver {
 public:
  void ChunkStarted(int worker, std::int64_t chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    owners_.emplace(chunk, std::vector<int>()).first->second.push_back(worker);
  }
  void ChunkFinished(int, std::int64_t) override {}
  std::map<std::int64_t, std::vector<int>> owners() const {
    std::lock_guard<std::mutex> lock(mu_);
    return owners_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::int64_t, std::vector<int>> owners_;  // guarded by mu_
};

// Tests that the chunks are dealt round robin: with W workers, chunk c is computed once, by
// worker c % W (by worker 0 under kSerial). kProcesses is left out: its children cannot report.
TEST(ChunksTest, EachWorkerComputesItsRoundRobinShare) {
  constexpr std::int64_t kN = 7001;  // 8 chunks, the last one short
  constexpr int kWorkers = 3;
  for (const Strategy strategy : {Strategy::kSerial, Strategy::kThreads, Strategy::kGlobalLock}) {
    ChunkOwners owners;
    ComputeHooks hooks{.observer = &owners};
    EXPECT_EQ(PrimesBelowBySieve(kN), Compute(kN, strategy, kWorkers, hooks));
    const int workers = strategy == Strategy::kSerial ? 1 : kWorkers;
    std::map<std::int64_t, std::vector<int>> expected;
    for (std::int64_t chunk = 0; chunk < ChunkCount(kN); ++chunk) {
      expected[chunk] = {static_cast<int>(chunk % workers)};
    }
    EXPECT_EQ(expected, owners.owners())
        << StrategyName(strategy) << " with n=" << kN << " (" << ChunkCount(kN)
        << " chunks), workers=" << kWorkers << ": each chunk must be computed once, chunk c by "
        << "worker c % " << workers << " (shown: chunk -> the workers that computed it)";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryStrategy, ComputeTest,
                         ::testing::Values(Strategy::kSerial, Strategy::kThreads,
                                           Strategy::kProcesses, Strategy::kGlobalLock),
                         [](const ::testing::TestParamInfo<Strategy>& info) {
                           return std::string(StrategyName(info.param));
                         });

}  // namespace
}  // namespace kata
