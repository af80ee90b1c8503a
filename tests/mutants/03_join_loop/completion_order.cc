// Mutant of exercise 03: each thread appends its job's result to one shared vector as the job
// finishes, so the results come back in the order the jobs finished, not in job order. The
// tests must reject it (tests/mutants/03_join_loop:completion_order_is_rejected).
#include <exception>
#include <mutex>
#include <thread>

#include "exercises/03_join_loop/join_loop.h"

namespace kata {

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  std::mutex mu;
  std::vector<std::int64_t> results;  // guarded by mu, in the order the jobs finished
  std::vector<std::exception_ptr> errors(jobs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < jobs.size(); ++i) {
    threads.emplace_back([&jobs, &mu, &results, &errors, i] {
      try {
        const std::int64_t result = jobs[i]();
        std::lock_guard<std::mutex> lock(mu);
        results.push_back(result);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

}  // namespace kata
