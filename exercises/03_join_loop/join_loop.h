// Exercise 03: the join loop.
//
// Python starts many threads with two loops: one that starts every thread, then one that joins
// every thread. RunAll is that pattern in C++, plus the two things Python leaves out: each job
// returns a result, and a job that throws does not take the program down. This header is the
// contract: read it, then make join_loop.cc fulfil it. Do not change this file; every test, the
// reference solution and the mutants are built against it.
//
// Thread safety: RunAll may be called from any thread, and from several threads at once. The
// jobs run at the same time as each other, so whatever they share they must synchronise
// themselves; RunAll adds no locking around them.
#ifndef KATA_EXERCISES_03_JOIN_LOOP_JOIN_LOOP_H_
#define KATA_EXERCISES_03_JOIN_LOOP_JOIN_LOOP_H_

#include <cstdint>
#include <functional>
#include <vector>

namespace kata {

// One unit of work: runs on a thread of its own and returns a number, or throws.
using Job = std::function<std::int64_t()>;

// Runs every job of `jobs` on a new thread of its own -- all of them at the same time -- and
// returns the results in job order: element i is what jobs[i] returned, whatever order the jobs
// finished in. Calls each job exactly once, never from the calling thread.
//
// Blocks until every thread it started has finished and has been joined, so no job is still
// running when RunAll returns or throws. RunAll takes about as long as its slowest job, not as
// long as all jobs one after another.
//
// If one or more jobs throw, RunAll still joins every thread, then rethrows the exception of the
// failing job with the lowest index -- the original exception object, so its type survives --
// even if a job with a higher index threw earlier. The other jobs' results are then discarded.
// If a thread cannot be started, throws std::system_error after joining the threads already
// started.
//
// With no jobs, returns an empty vector and starts no thread.
[[nodiscard]] std::vector<std::int64_t> RunAll(const std::vector<Job>& jobs);

}  // namespace kata

#endif  // KATA_EXERCISES_03_JOIN_LOOP_JOIN_LOOP_H_
