// Mutant of exercise 03: joins only the last thread it started -- the twin of Python's `t.join()`
// after the start loop, where t is whatever the loop left behind -- and detaches the others, so
// RunAll returns while earlier jobs are still running and their results are missing. (Leaving
// them joinable would end in std::terminate instead.) The tests must reject it
// (tests/mutants/03_join_loop:joins_only_last_is_rejected).
#include <exception>
#include <memory>
#include <thread>

#include "exercises/03_join_loop/join_loop.h"

namespace kata {
namespace {

// Owned jointly by RunAll and its threads, so that a thread left running still has somewhere to
// write after RunAll has returned: this mutant must fail by assertion, not by a crash.
struct Slots {
  explicit Slots(size_t jobs) : results(jobs), errors(jobs) {}
  std::vector<std::int64_t> results;
  std::vector<std::exception_ptr> errors;
};

}  // namespace

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  auto slots = std::make_shared<Slots>(jobs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < jobs.size(); ++i) {
    threads.emplace_back([job = jobs[i], slots, i] {
      try {
        slots->results[i] = job();
      } catch (...) {
        slots->errors[i] = std::current_exception();
      }
    });
  }
  if (threads.empty()) return {};
  threads.back().join();
  for (size_t i = 0; i + 1 < threads.size(); ++i) threads[i].detach();
  for (const std::exception_ptr& error : slots->errors) {
    if (error) std::rethrow_exception(error);
  }
  return slots->results;
}

}  // namespace kata
