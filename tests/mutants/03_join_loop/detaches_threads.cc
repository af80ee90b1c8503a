// Mutant of exercise 03: detaches every thread instead of joining it, so RunAll returns at once,
// before the jobs have run: results missing (and read while the threads write them), exceptions
// lost. The tests must reject it (tests/mutants/03_join_loop:detaches_threads_is_rejected).
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
  for (size_t i = 0; i < jobs.size(); ++i) {
    std::thread([job = jobs[i], slots, i] {
      try {
        slots->results[i] = job();
      } catch (...) {
        slots->errors[i] = std::current_exception();
      }
    }).detach();
  }
  for (const std::exception_ptr& error : slots->errors) {
    if (error) std::rethrow_exception(error);
  }
  return slots->results;
}

}  // namespace kata
