// Test helpers for exercise 03: the jobs a test hands RunAll, and how long a job stays busy. The
// log the jobs write to, and their handshakes, are tests/support/job_log.h.
#ifndef KATA_EXERCISES_03_JOIN_LOOP_JOB_LOG_H_
#define KATA_EXERCISES_03_JOIN_LOOP_JOB_LOG_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "exercises/03_join_loop/join_loop.h"
#include "tests/support/job_log.h"

namespace kata::join_loop_test {

// How long a job stays busy after the event that a wrong RunAll returns on (the last job's
// finish, the first job's throw): ample time for such a RunAll to return too early.
inline constexpr std::chrono::milliseconds kStillBusy{400};

// `count` jobs; job i returns body(i). Tests leak them, Leaked<Jobs>(count, body), as they leak
// whatever the jobs touch (tests/support/leaked.h): a wrong RunAll may leave a thread running,
// and reading them, after its test has ended.
struct Jobs : std::vector<Job> {
  Jobs(int count, const std::function<std::int64_t(int)>& body) {
    for (int i = 0; i < count; ++i) push_back([body, i] { return body(i); });
  }
};

}  // namespace kata::join_loop_test

#endif  // KATA_EXERCISES_03_JOIN_LOOP_JOB_LOG_H_
