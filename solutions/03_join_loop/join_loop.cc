// Reference solution for exercise 03.
#include "exercises/03_join_loop/join_loop.h"

#include <exception>
#include <thread>

namespace kata {
namespace {

void JoinAll(std::vector<std::thread>& threads) {
  for (std::thread& thread : threads) thread.join();
}

}  // namespace

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  // Sized before any thread starts: each thread writes only its own element, so no two threads
  // touch the same memory, and the joins publish every element to this thread.
  std::vector<std::int64_t> results(jobs.size());
  std::vector<std::exception_ptr> errors(jobs.size());
  std::vector<std::thread> threads;
  threads.reserve(jobs.size());
  try {
    for (size_t i = 0; i < jobs.size(); ++i) {
      threads.emplace_back([&jobs, &results, &errors, i] {
        try {
          results[i] = jobs[i]();
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    }
  } catch (...) {  // std::system_error: no thread for this job. Never leave one unjoined.
    JoinAll(threads);
    throw;
  }
  JoinAll(threads);
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

}  // namespace kata
