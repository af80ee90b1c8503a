// The pthread interposition layer behind chaos mode (chaos.h) and thread tracing (trace.h).
//
// Linked only under --config=chaos or --config=trace (tests/support/BUILD): the learner's normal
// test binary contains none of this, and a debugger stepping into std::thread::join lands in the
// standard library, not here.
//
// Defined in the executable, these functions come first in the dynamic linker's lookup order, so
// they see every pthread call that std::thread, std::mutex and std::condition_variable make, from
// the program and from libstdc++.so or libc++.so alike; no standard-library internals are named.
// Each does its chaos or tracing, then forwards to ThreadSanitizer's own interceptor
// (__interceptor_<name>: in gcc's libtsan.so and in clang's static runtime), never past it: TSan
// must see every lock, unlock and wait, or it reports false "double lock" errors. Without TSan
// they forward to glibc; the condition-variable functions by version, as an unversioned lookup
// finds the pre-2.3.2 ABI.
//
// Nothing here synchronises the threads it perturbs: the random streams are thread-local and the
// counters relaxed atomics, so TSan sees no happens-before edge that the program lacks.
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "tests/support/trace.h"

#ifndef KATA_CHAOS
#define KATA_CHAOS 0
#endif

extern "C" {
// ThreadSanitizer's entry points; null without TSan.
__attribute__((weak)) int __interceptor_pthread_create(pthread_t*, const pthread_attr_t*,
                                                       void* (*)(void*), void*);
__attribute__((weak)) int __interceptor_pthread_join(pthread_t, void**);
__attribute__((weak)) int __interceptor_pthread_detach(pthread_t);
__attribute__((weak)) int __interceptor_pthread_mutex_lock(pthread_mutex_t*);
__attribute__((weak)) int __interceptor_pthread_mutex_unlock(pthread_mutex_t*);
__attribute__((weak)) int __interceptor_pthread_cond_wait(pthread_cond_t*, pthread_mutex_t*);
__attribute__((weak)) int __interceptor_pthread_cond_timedwait(pthread_cond_t*, pthread_mutex_t*,
                                                               const timespec*);
__attribute__((weak)) int __interceptor_pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*,
                                                               clockid_t, const timespec*);
}

namespace {

// The function that `name` would have reached without this file: TSan's interceptor, or glibc's.
// Looked up on every call until found (a relaxed atomic load after that): a static local would
// take a lock on first use, and that lock would come back here.
template <typename Fn>
class Next {
 public:
  constexpr Next(Fn tsan, const char* name, const char* version)
      : tsan_(tsan), name_(name), version_(version) {}
  Fn get() {
    if (tsan_ != nullptr) return tsan_;
    Fn found = found_.load(std::memory_order_relaxed);
    if (found != nullptr) return found;
    void* symbol =
        version_ != nullptr ? dlvsym(RTLD_NEXT, name_, version_) : dlsym(RTLD_NEXT, name_);
    if (symbol == nullptr) {
      std::fprintf(stderr, "tests/support/interpose.cc: cannot find %s\n", name_);
      std::abort();
    }
    found = reinterpret_cast<Fn>(symbol);
    found_.store(found, std::memory_order_relaxed);
    return found;
  }

 private:
  const Fn tsan_;
  const char* const name_;
  const char* const version_;
  std::atomic<Fn> found_{nullptr};
};

Next next_create(__interceptor_pthread_create, "pthread_create", nullptr);
Next next_join(__interceptor_pthread_join, "pthread_join", nullptr);
Next next_detach(__interceptor_pthread_detach, "pthread_detach", nullptr);
Next next_lock(__interceptor_pthread_mutex_lock, "pthread_mutex_lock", nullptr);
Next next_unlock(__interceptor_pthread_mutex_unlock, "pthread_mutex_unlock", nullptr);
Next next_wait(__interceptor_pthread_cond_wait, "pthread_cond_wait", "GLIBC_2.3.2");
Next next_timedwait(__interceptor_pthread_cond_timedwait, "pthread_cond_timedwait", "GLIBC_2.3.2");
Next next_clockwait(__interceptor_pthread_cond_clockwait, "pthread_cond_clockwait", nullptr);

// ---- Chaos decisions ----

std::atomic<bool> chaos_on{false};         // set once, before main
std::uint64_t seed = 0;                    // written before chaos_on is set
std::atomic<std::uint64_t> next_index{1};  // creation order of threads; main is 0
std::atomic<int> fail_countdown{0};        // FailThreadStart: the create that sees 1 fails

std::uint64_t Mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// One thread's stream of decisions. Plain data in thread-local storage: zero-initialised, no
// constructor or destructor to run at thread start or exit.
struct Stream {
  std::uint64_t state;
  bool seeded;
  bool last_wait_was_spurious;
  void (*after_unlock)(void*);  // AfterNextUnlock's hook, run by this thread's next unlock
  void* after_unlock_arg;
};
thread_local Stream stream;

void Seed(Stream& s, std::uint64_t index) {
  s.state = Mix(seed ^ Mix(index));
  s.seeded = true;
}

std::uint64_t Draw() {
  // A thread not started through pthread_create below (there are none in kata code) gets the
  // next index the first time it draws.
  if (!stream.seeded) Seed(stream, next_index.fetch_add(1, std::memory_order_relaxed));
  stream.state += 0x9e3779b97f4a7c15ull;
  return Mix(stream.state);
}

bool Chance(unsigned one_in) { return Draw() % one_in == 0; }

void Sleep(long ns) {
  timespec pause{0, ns};
  nanosleep(&pause, nullptr);
}

// A yield, or a sleep of up to 300 us.
void Pause() {
  const std::uint64_t draw = Draw();
  switch (draw % 4) {
    case 0:
    case 1:
      sched_yield();
      break;
    case 2:
      Sleep(1'000 + static_cast<long>(draw / 4 % 50'000));
      break;
    default:
      Sleep(50'000 + static_cast<long>(draw / 4 % 250'000));
  }
}

void MaybePause(unsigned one_in) {
  if (KATA_CHAOS && chaos_on.load(std::memory_order_relaxed) && Chance(one_in)) Pause();
}

// Whether this condition-variable wait returns at once, without a notify. A thread's first wait
// always does, and so does every wait that follows a real one, so code that waits without a
// predicate is caught on every run; a spurious one is followed by another one time in four.
bool SpuriousWakeup() {
  if (!KATA_CHAOS || !chaos_on.load(std::memory_order_relaxed)) return false;
  const bool spurious = !stream.last_wait_was_spurious || Chance(4);
  stream.last_wait_was_spurious = spurious;
  return spurious;
}

// What a spurious wakeup does: release the mutex, let others run, take it back.
int WakeSpuriously(pthread_mutex_t* mutex) {
  next_unlock.get()(mutex);
  Pause();
  next_lock.get()(mutex);
  return 0;
}

void RealWait() { stream.last_wait_was_spurious = false; }

__attribute__((constructor(101))) void StartChaos() {
  if (!KATA_CHAOS) return;
  const char* given = std::getenv("KATA_CHAOS_SEED");
  if (given != nullptr && *given != '\0') {
    seed = std::strtoull(given, nullptr, 10);
  } else {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    seed =
        Mix(static_cast<std::uint64_t>(now.tv_nsec) ^
            (static_cast<std::uint64_t>(now.tv_sec) << 20) ^ static_cast<std::uint64_t>(getpid()));
    seed %= 1'000'000'000'000ull;  // short enough to type
  }
  // Programs that the tests start inherit the seed, and stay quiet about it.
  if (std::getenv("KATA_CHAOS_CHILD") == nullptr) {
    std::fprintf(stderr, "kata chaos: seed=%llu (replay: KATA_CHAOS_SEED=%llu)\n",
                 static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
    char text[32];
    std::snprintf(text, sizeof text, "%llu", static_cast<unsigned long long>(seed));
    setenv("KATA_CHAOS_SEED", text, 1);  // before any thread starts: still safe
    setenv("KATA_CHAOS_CHILD", "1", 1);
  }
  Seed(stream, 0);
  chaos_on.store(true, std::memory_order_relaxed);
}

// ---- Thread start: chaos, tracing ----

struct Start {
  void* (*routine)(void*);
  void* arg;
  std::uint64_t index;
  bool traced;
  long parent;
};

void* StartThread(void* raw) {
  const Start start = *static_cast<Start*>(raw);
  delete static_cast<Start*>(raw);
  Seed(stream, start.index);
  MaybePause(2);
  if (start.traced) {
    char detail[64];
    std::snprintf(detail, sizeof detail, "parent=%ld pthread=%lx", start.parent,
                  static_cast<unsigned long>(pthread_self()));
    kata::testing::trace::Event("start", detail);
  }
  void* result = start.routine(start.arg);
  if (start.traced) kata::testing::trace::Event("exit");
  return result;
}

void EventWithHandle(const char* kind, pthread_t thread) {
  char detail[64];
  std::snprintf(detail, sizeof detail, "pthread=%lx", static_cast<unsigned long>(thread));
  kata::testing::trace::Event(kind, detail);
}

// True when this call is the one FailThreadStart asked to fail.
bool FailThisStart() {
  int left = fail_countdown.load(std::memory_order_relaxed);
  while (left > 0 &&
         !fail_countdown.compare_exchange_weak(left, left - 1, std::memory_order_relaxed)) {
  }
  return left == 1;
}

}  // namespace

extern "C" {

int kata_interpose_chaos_enabled(void) { return chaos_on.load(std::memory_order_relaxed); }
unsigned long long kata_interpose_chaos_seed(void) { return KATA_CHAOS ? seed : 0; }
void kata_interpose_fail_thread_start(int nth) {
  fail_countdown.store(nth, std::memory_order_relaxed);
}
// chaos::AfterNextUnlock: the calling thread's next pthread_mutex_unlock calls hook(arg) once
// the mutex is released. Chaos mode only: returns 0, arming nothing, otherwise.
int kata_interpose_after_next_unlock(void (*hook)(void*), void* arg) {
  if (!KATA_CHAOS || !chaos_on.load(std::memory_order_relaxed)) return 0;
  stream.after_unlock = hook;
  stream.after_unlock_arg = arg;
  return 1;
}

int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*routine)(void*),
                   void* arg) noexcept {
  if (FailThisStart()) return EAGAIN;
  const bool traced = kata::testing::trace::Enabled();
  if (traced) kata::testing::trace::Event("spawn");
  auto* start = new Start{routine, arg, next_index.fetch_add(1, std::memory_order_relaxed), traced,
                          kata::testing::trace::ThreadId()};
  const int result = next_create.get()(thread, attr, StartThread, start);
  if (result != 0) delete start;
  MaybePause(4);
  return result;
}

int pthread_join(pthread_t thread, void** result) {
  const bool traced = kata::testing::trace::Enabled();
  if (traced) EventWithHandle("join", thread);
  MaybePause(4);
  const int status = next_join.get()(thread, result);
  if (traced) EventWithHandle("joined", thread);
  return status;
}

int pthread_detach(pthread_t thread) noexcept {
  if (kata::testing::trace::Enabled()) EventWithHandle("detach", thread);
  return next_detach.get()(thread);
}

int pthread_mutex_lock(pthread_mutex_t* mutex) noexcept {
  MaybePause(16);
  return next_lock.get()(mutex);
}

int pthread_mutex_unlock(pthread_mutex_t* mutex) noexcept {
  const int result = next_unlock.get()(mutex);
  if (KATA_CHAOS && stream.after_unlock != nullptr) {
    // Disarmed before it runs: the hook's own unlocks pass straight through.
    void (*hook)(void*) = stream.after_unlock;
    stream.after_unlock = nullptr;
    hook(stream.after_unlock_arg);
  }
  MaybePause(16);
  return result;
}

int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mutex) {
  if (SpuriousWakeup()) return WakeSpuriously(mutex);
  RealWait();
  return next_wait.get()(cond, mutex);
}

int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const timespec* deadline) {
  if (SpuriousWakeup()) return WakeSpuriously(mutex);
  RealWait();
  return next_timedwait.get()(cond, mutex, deadline);
}

int pthread_cond_clockwait(pthread_cond_t* cond, pthread_mutex_t* mutex, clockid_t clock,
                           const timespec* deadline) {
  if (SpuriousWakeup()) return WakeSpuriously(mutex);
  RealWait();
  return next_clockwait.get()(cond, mutex, clock, deadline);
}

}  // extern "C"
