// chaos.h, in every build. The interposition layer (interpose.cc), when it is linked in, defines
// the kata_interpose_* functions; in a normal build the weak references below stay null.
#include <memory>
#include <utility>

#include "tests/support/chaos.h"

extern "C" {
__attribute__((weak)) int kata_interpose_chaos_enabled(void);
__attribute__((weak)) unsigned long long kata_interpose_chaos_seed(void);
__attribute__((weak)) void kata_interpose_fail_thread_start(int nth);
__attribute__((weak)) int kata_interpose_after_next_unlock(void (*hook)(void*), void* arg);
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

bool AfterNextUnlock(std::function<void()> hook) {
  if (!Enabled() || kata_interpose_after_next_unlock == nullptr) return false;
  auto owned = std::make_unique<std::function<void()>>(std::move(hook));
  auto run = [](void* raw) {
    const std::unique_ptr<std::function<void()>> hook(static_cast<std::function<void()>*>(raw));
    (*hook)();
  };
  if (kata_interpose_after_next_unlock(run, owned.get()) == 0) return false;
  owned.release();  // run() owns it now
  return true;
}

}  // namespace kata::testing::chaos
