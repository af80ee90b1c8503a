// Test helper for exercise 06: Compute() with any exception turned into an explained failure.
#ifndef KATA_EXERCISES_06_CPU_ATTEMPT_COMPUTE_OR_EXPLAIN_H_
#define KATA_EXERCISES_06_CPU_ATTEMPT_COMPUTE_OR_EXPLAIN_H_

#include <cstdint>
#include <exception>
#include <string>

#include "exercises/06_cpu_attempt/cpu_attempt.h"
#include "gtest/gtest.h"

namespace kata {

// Returns Compute(n, strategy, workers), or -1 after a test failure naming the exception.
inline std::int64_t ComputeOrExplain(std::int64_t n, Strategy strategy, int workers) {
  try {
    return Compute(n, strategy, workers);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    ADD_FAILURE() << "Compute(n=" << n << ", " << StrategyName(strategy) << ", workers=" << workers
                  << ") threw: " << what
                  << (what.find("status 66") == std::string::npos
                          ? ""
                          : "\n66 is ThreadSanitizer's exit code: a child forked after a data race "
                            "was reported inherits the report, and _exit() returns 66. Fix the "
                            "first race reported above, and this goes away.");
    return -1;
  }
}

}  // namespace kata

#endif  // KATA_EXERCISES_06_CPU_ATTEMPT_COMPUTE_OR_EXPLAIN_H_
