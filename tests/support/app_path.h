// AppPath(): where a test finds the program it spawns.
//
// The kata_targets macro (tools/bazel/kata.bzl) builds each exercise's programs once per variant
// -- learner stub, reference, every mutant -- and links each variant's test with its own copy of
// app_prefix.cc, compiled with KATA_APP_PREFIX set to the runfiles path of that variant's
// programs. So the same test objects start the learner's greeter_app in //exercises/... and the
// mutant's in //tests/mutants/...
#ifndef KATA_TESTS_SUPPORT_APP_PATH_H_
#define KATA_TESTS_SUPPORT_APP_PATH_H_

#include <string>

#include "tests/support/child_process.h"

namespace kata::testing {

// The runfiles path of this variant's programs, ending in '/' or a mutant's "name_" prefix.
extern const char kAppPrefix[];

inline std::string AppPath(const std::string& app) { return Runfile(kAppPrefix + app); }

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_APP_PATH_H_
