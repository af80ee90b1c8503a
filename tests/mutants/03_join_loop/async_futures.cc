// Alternative solution of exercise 03, which the tests must pass: one std::async per job, with
// std::launch::async so that each job gets a thread of its own. Every future is waited for
// before any is read; then get() in job order returns each result or rethrows the first failure.
// If a thread cannot start, std::async throws std::system_error, and the futures made so far
// wait for their jobs as they are destroyed.
#include <future>

#include "exercises/03_join_loop/join_loop.h"

namespace kata {

std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs) {
  std::vector<std::future<std::int64_t>> futures;
  futures.reserve(jobs.size());
  for (const Job& job : jobs) futures.push_back(std::async(std::launch::async, job));
  for (std::future<std::int64_t>& future : futures) future.wait();
  std::vector<std::int64_t> results;
  results.reserve(jobs.size());
  for (std::future<std::int64_t>& future : futures) results.push_back(future.get());
  return results;
}

}  // namespace kata
