// Exercise 06 benchmark: how fast is each strategy, with how many workers? And what does false
// sharing cost? Build it optimised and without TSan, after the tests pass:
//   bazel run --config=bench //exercises/06_cpu_attempt:benchmark
// Google Benchmark times every case (wall-clock time: the work happens on other threads or in
// other processes), then a summary table shows each strategy's speed-up over kSerial.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "exercises/06_cpu_attempt/cpu_attempt.h"

namespace kata {
namespace {

// Primes below 2,000,000: a few hundred milliseconds of trial division on one core.
constexpr std::int64_t kN = 2'000'000;
constexpr std::int64_t kPrimesBelowN = 148'933;
constexpr int kWorkerCounts[] = {1, 2, 4};
constexpr Strategy kStrategies[] = {Strategy::kSerial, Strategy::kThreads, Strategy::kProcesses,
                                    Strategy::kGlobalLock};

std::string CaseName(Strategy strategy, int workers) {
  return "Compute/" + std::string(StrategyName(strategy)) + "/workers:" + std::to_string(workers);
}

void RegisterComputeCases() {
  for (const Strategy strategy : kStrategies) {
    for (const int workers : kWorkerCounts) {
      if (strategy == Strategy::kSerial && workers > 1) continue;  // one worker, whatever W is
      benchmark::RegisterBenchmark(CaseName(strategy, workers).c_str(),
                                   [strategy, workers](benchmark::State& state) {
                                     for (auto _ : state) {
                                       const std::int64_t primes = Compute(kN, strategy, workers);
                                       if (primes != kPrimesBelowN) {
                                         state.SkipWithError("wrong count: run the tests first");
                                       }
                                     }
                                   })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->Repetitions(3)
          ->ReportAggregatesOnly(true);
    }
  }
}

// Shows and keeps the median wall time of each case (of 3 repetitions), in milliseconds, by the
// case's name without the "/repeats:3" suffix.
class MedianKeeper : public benchmark::ConsoleReporter {
 public:
  MedianKeeper() : ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    std::vector<Run> medians;
    for (const Run& run : runs) {
      if (run.error_occurred || run.aggregate_name != "median") continue;
      const std::string& args = run.run_name.args;
      medians_ms[run.run_name.function_name + (args.empty() ? "" : "/" + args)] =
          run.GetAdjustedRealTime();  // every case reports in ms
      medians.push_back(run);
    }
    ConsoleReporter::ReportRuns(medians);
  }
  std::map<std::string, double> medians_ms;
};

void PrintComputeTable(const std::map<std::string, double>& ms) {
  const auto serial = ms.find(CaseName(Strategy::kSerial, 1));
  if (serial == ms.end()) return;  // filtered out, or it failed
  std::printf("\nCompute(n=%lld): median wall time, and speed-up over Serial\n",
              static_cast<long long>(kN));
  std::printf("  %-11s %7s %10s %9s\n", "strategy", "workers", "time", "speed-up");
  for (const Strategy strategy : kStrategies) {
    for (const int workers : kWorkerCounts) {
      const auto found = ms.find(CaseName(strategy, workers));
      if (found == ms.end()) continue;
      std::printf("  %-11s %7d %7.1f ms %8.2fx\n", std::string(StrategyName(strategy)).c_str(),
                  workers, found->second, serial->second / found->second);
    }
  }
}

void PrintFalseSharingTable(const std::map<std::string, double>& ms) {
  if (ms.lower_bound("Tally/") == ms.lower_bound("Tally0")) return;  // filtered out
  std::printf("\nFalse sharing: each thread bumps its own counter in memory, 20M times\n");
  std::printf("  %-8s %-34s %10s\n", "threads", "counters", "time");
  for (const int threads : {1, 2}) {
    for (const char* layout : {"adjacent", "padded"}) {
      const auto found =
          ms.find("Tally/" + std::string(layout) + "/threads:" + std::to_string(threads));
      if (found == ms.end()) continue;
      std::printf("  %-8d %-34s %7.1f ms\n", threads,
                  layout[0] == 'a' ? "adjacent (one cache line)" : "padded (a cache line each)",
                  found->second);
    }
  }
}

}  // namespace
}  // namespace kata

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  kata::RegisterComputeCases();
  kata::MedianKeeper reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  kata::PrintComputeTable(reporter.medians_ms);
  kata::PrintFalseSharingTable(reporter.medians_ms);
  benchmark::Shutdown();
  return 0;
}
