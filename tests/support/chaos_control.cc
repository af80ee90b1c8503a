// chaos.h, in every build. The interposition layer (interpose.cc), when it is linked in, defines
// the kata_interpose_* functions; in a normal build the weak references below stay null.
#include "tests/support/chaos.h"

extern "C" {
__attribute__((weak)) int kata_interpose_chaos_enabled(void);
__attribute__((weak)) unsigned long long kata_interpose_chaos_seed(void);
__attribute__((weak)) void kata_interpose_fail_thread_start(int nth);
}

namespace kata::testing::chaos {

bool Enabled() {
  return kata_interpose_chaos_enabled != nullptr && kata_interpose_chaos_enabled() != 0;
}

bool Interposed() { return kata_interpose_fail_thread_start != nullptr; }

std::uint64_t Seed() {
  return kata_interpose_chaos_seed != nullptr ? kata_interpose_chaos_seed() : 0;
}

bool FailThreadStart(int nth) {
  if (!Interposed() || nth < 1) return false;
  kata_interpose_fail_thread_start(nth);
  return true;
}

}  // namespace kata::testing::chaos
