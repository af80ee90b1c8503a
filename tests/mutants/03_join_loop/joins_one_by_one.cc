// Mutant of exercise 03: joins each thread right after starting it, in the same loop, so the jobs
// run one at a time -- threads, but no concurrency. The tests must reject it
// (tests/mutants/03_join_loop:joins_one_by_one_is_rejected).
#include <exception>
#include <thread>

#include "exercises/03_join_loop/join_loop.h"

namespace kata {

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  std::vector<std::int64_t> results(jobs.size());
  std::vector<std::exception_ptr> errors(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    std::thread thread([&jobs, &results, &errors, i] {
      try {
        results[i] = jobs[i]();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
    thread.join();
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

}  // namespace kata
