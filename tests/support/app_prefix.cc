// Defines kAppPrefix (app_path.h). kata.bzl compiles this file once per variant, with
// KATA_APP_PREFIX set to the runfiles path of that variant's programs.
#include "tests/support/app_path.h"

#ifndef KATA_APP_PREFIX
#error "KATA_APP_PREFIX is set by kata_targets() in tools/bazel/kata.bzl"
#endif

namespace kata::testing {

extern const char kAppPrefix[] = KATA_APP_PREFIX;

}  // namespace kata::testing
