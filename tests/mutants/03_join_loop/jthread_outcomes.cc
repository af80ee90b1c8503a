// Alternative solution of exercise 03, which the tests must pass: one std::jthread per job,
// each filling its own Outcome (an optional result or an exception). The jthreads live in a
// block of their own: leaving it, normally or by a thread that could not start, joins them all.
#include <exception>
#include <optional>
#include <thread>

#include "exercises/03_join_loop/join_loop.h"

namespace kata {
namespace {

struct Outcome {
  std::optional<std::int64_t> result;
  std::exception_ptr error;
};

}  // namespace

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  std::vector<Outcome> outcomes(jobs.size());
  {
    std::vector<std::jthread> threads;
    auto outcome = outcomes.begin();
    for (const Job& job : jobs) {
      threads.emplace_back([&job, &out = *outcome++] {
        try {
          out.result = job();
        } catch (...) {
          out.error = std::current_exception();
        }
      });
    }
  }  // every jthread joins here
  std::vector<std::int64_t> results;
  for (const Outcome& outcome : outcomes) {
    if (outcome.error) std::rethrow_exception(outcome.error);
    results.push_back(*outcome.result);
  }
  return results;
}

}  // namespace kata
