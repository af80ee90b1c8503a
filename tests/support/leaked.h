// Objects leaked on purpose, for tests of code that may wrongly leave a thread running.
//
// A wrong solution (a mutant, or a learner's first try) may leave a thread using an object
// after its test has ended. Were the object destroyed, that thread would read freed memory and
// crash the whole binary; leaked, it goes on and fails an assertion, so the verdict names the
// test that was wrong. Leak only what such a thread may touch.
//
//   RecordingSink& sink = Leaked<RecordingSink>();
//   ConcurrencyProbe& probe = Leaked<ConcurrencyProbe>(2, kOverlapProbe);
#ifndef KATA_TESTS_SUPPORT_LEAKED_H_
#define KATA_TESTS_SUPPORT_LEAKED_H_

#include <utility>

namespace kata::testing {

// A new T built from `args`, never destroyed. Never blocks; thread-safe as `new` is.
template <typename T, typename... Args>
T& Leaked(Args&&... args) {
  return *new T(std::forward<Args>(args)...);
}

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_LEAKED_H_
