// Mutant of exercise 03: catches a job's exception on its thread -- so nothing terminates -- but
// then drops it, so RunAll returns normally (with 0 for the failed job) and the caller never
// learns that a job failed. The tests must reject it
// (tests/mutants/03_join_loop:swallows_exceptions_is_rejected).
#include <thread>

#include "exercises/03_join_loop/join_loop.h"

namespace kata {

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  std::vector<std::int64_t> results(jobs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < jobs.size(); ++i) {
    threads.emplace_back([&jobs, &results, i] {
      try {
        results[i] = jobs[i]();
      } catch (...) {
        // Swallowed.
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return results;
}

}  // namespace kata
