// The main() of every kata test binary.
//
// Besides running GoogleTest it makes ThreadSanitizer a test verdict: each race report becomes
// an ADD_FAILURE() in the test that was running when the race happened, and the remaining tests
// still run (halt_on_error stays off), so a learner sees every failure in one go.
#include <cstdio>

#include "gtest/gtest.h"

// TSan calls this once per report, after printing the report itself to stderr.
extern "C" void __sanitizer_report_error_summary(const char* summary) {
  std::fprintf(stderr, "%s\n", summary);
  ADD_FAILURE() << "ThreadSanitizer reported a problem while this test ran:\n  " << summary
                << "\nThe full report is printed above this failure. Two threads touched the "
                   "same memory without a happens-before edge: guard both accesses with the "
                   "same mutex, or make the shared variable atomic.";
}

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
