// Exercise 06 benchmark, part two: false sharing. Each thread bumps a counter of its own -- no
// data is shared -- yet when the counters sit side by side in one cache line, every write by
// one core takes that line away from the other, and both crawl. Padding each counter to a cache
// line of its own (PaddedCount in the exercise) removes the fight. Printed by cpu_benchmark.cc.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace kata {
namespace {

constexpr std::int64_t kBumpsPerThread = 20'000'000;

// 8 bytes each: eight neighbouring counters share one 64-byte cache line.
struct AdjacentCounter {
  std::atomic<std::int64_t> value{0};
};
// A cache line each.
struct alignas(64) PaddedCounter {
  std::atomic<std::int64_t> value{0};
};
static_assert(sizeof(AdjacentCounter) == 8 && sizeof(PaddedCounter) == 64);

// Every thread bumps its own counter kBumpsPerThread times. Relaxed loads and stores: each bump
// really goes to memory (a plain int would live in a register), yet costs no lock.
template <typename Counter>
void BM_Tally(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::vector<Counter> counters(threads);
    {
      std::vector<std::jthread> workers;
      for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&counter = counters[t]] {
          for (std::int64_t i = 0; i < kBumpsPerThread; ++i) {
            counter.value.store(counter.value.load(std::memory_order_relaxed) + 1,
                                std::memory_order_relaxed);
          }
        });
      }
    }  // the jthreads join here
    benchmark::DoNotOptimize(counters.data());
  }
}

// The same runs for both layouts: 1 and 2 threads, wall time, the median of 3.
void TallyRuns(benchmark::internal::Benchmark* runs) {
  runs->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Repetitions(3)
      ->ReportAggregatesOnly(true);
}

BENCHMARK_TEMPLATE(BM_Tally, AdjacentCounter)->Name("Tally/adjacent")->Apply(TallyRuns);
BENCHMARK_TEMPLATE(BM_Tally, PaddedCounter)->Name("Tally/padded")->Apply(TallyRuns);

}  // namespace
}  // namespace kata
