// AppPath(): where a test finds the program it spawns.
//
// The kata_targets macro (tools/bazel/kata.bzl) builds each exercise's programs once per variant
// -- learner stub, reference, every mutant -- and compiles each variant's test with
// KATA_APP_PREFIX set to the runfiles path of that variant's programs. So the same test source
// starts the learner's greeter_app in //exercises/... and the mutant's in //tests/mutants/...
#ifndef KATA_TESTS_SUPPORT_APP_PATH_H_
#define KATA_TESTS_SUPPORT_APP_PATH_H_

#include <string>

#include "tests/support/child_process.h"

#ifndef KATA_APP_PREFIX
#error "KATA_APP_PREFIX is set by kata_targets() for tests whose exercise declares apps"
#endif

namespace kata::testing {

inline std::string AppPath(const std::string& app) { return Runfile(KATA_APP_PREFIX + app); }

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_APP_PATH_H_
