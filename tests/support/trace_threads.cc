// Thread start, join and detach events for the trace (trace.h).
//
// std::thread and std::jthread start threads through std::thread::_M_start_thread, and join
// and detach through std::thread::join and ::detach: out-of-line functions of libstdc++.so.
// Test binaries load this library before libstdc++.so, so the definitions below are the ones
// the dynamic linker binds; each forwards to libstdc++'s own (found with dlsym(RTLD_NEXT)).
// When tracing is off, that forwarding -- after one relaxed atomic load -- is all they do.
// (GNU ld's --wrap=pthread_create cannot see these calls: they are made inside libstdc++.so,
// and TSan's pthread_create interceptor comes first in the lookup order anyway.)
#include <dlfcn.h>
#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>
#include <utility>

#include "tests/support/trace.h"

namespace {

using StartFn = void (*)(std::thread*, std::thread::_State_ptr, void (*)());
using MemberFn = void (*)(std::thread*);

template <typename Fn>
Fn Next(const char* symbol) {
  void* next = dlsym(RTLD_NEXT, symbol);
  if (next == nullptr) {
    std::fprintf(stderr, "tests/support/trace_threads.cc: libstdc++ has no %s\n", symbol);
    std::abort();
  }
  return reinterpret_cast<Fn>(next);
}

constexpr char kStartSymbol[] =
    "_ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE";
constexpr char kJoinSymbol[] = "_ZNSt6thread4joinEv";
constexpr char kDetachSymbol[] = "_ZNSt6thread6detachEv";

// Resolved while the library loads, before main: no lazy initialisation, so no lock that
// ThreadSanitizer would count as synchronisation between the threads that start threads. A
// static initialiser of another library that runs earlier finds them null and looks them up.
const StartFn next_start = Next<StartFn>(kStartSymbol);
const MemberFn next_join = Next<MemberFn>(kJoinSymbol);
const MemberFn next_detach = Next<MemberFn>(kDetachSymbol);

template <typename Fn>
Fn Resolved(Fn loaded, const char* symbol) {
  return loaded != nullptr ? loaded : Next<Fn>(symbol);
}

void EventWithHandle(const char* kind, const char* label, unsigned long value) {
  char detail[64];
  std::snprintf(detail, sizeof detail, "%s=%lx", label, value);
  kata::testing::trace::Event(kind, detail);
}

// Runs the thread's own state between a "start" and an "exit" event.
class TracedState final : public std::thread::_State {
 public:
  TracedState(std::thread::_State_ptr inner, long parent)
      : inner_(std::move(inner)), parent_(parent) {}
  void _M_run() override {
    char detail[64];
    std::snprintf(detail, sizeof detail, "parent=%ld pthread=%lx", parent_,
                  static_cast<unsigned long>(pthread_self()));
    kata::testing::trace::Event("start", detail);
    inner_->_M_run();
    kata::testing::trace::Event("exit");
  }

 private:
  std::thread::_State_ptr inner_;
  const long parent_;
};

}  // namespace

void std::thread::_M_start_thread(_State_ptr state, void (*depend)()) {
  if (kata::testing::trace::Enabled()) {
    kata::testing::trace::Event("spawn");
    state = _State_ptr(new TracedState(std::move(state), kata::testing::trace::ThreadId()));
  }
  Resolved(next_start, kStartSymbol)(this, std::move(state), depend);
}

void std::thread::join() {
  const bool tracing = kata::testing::trace::Enabled();
  const auto handle = static_cast<unsigned long>(native_handle());
  if (tracing) EventWithHandle("join", "pthread", handle);
  Resolved(next_join, kJoinSymbol)(this);
  if (tracing) EventWithHandle("joined", "pthread", handle);
}

void std::thread::detach() {
  if (kata::testing::trace::Enabled()) {
    EventWithHandle("detach", "pthread", static_cast<unsigned long>(native_handle()));
  }
  Resolved(next_detach, kDetachSymbol)(this);
}
