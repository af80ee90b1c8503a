// Exercise 06: make the tests in this directory pass. README.md explains the task; HINTS.md
// helps when you are stuck. Run: bazel test //exercises/06_cpu_attempt/...
// Then measure: bazel run --config=bench //exercises/06_cpu_attempt:benchmark
#include "exercises/06_cpu_attempt/cpu_attempt.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace kata {
namespace {

constexpr std::size_t kCacheLineBytes = 64;

// One worker's partial count, alone on its cache line so that no two workers write one line.
struct alignas(kCacheLineBytes) PaddedCount {
  std::int64_t value = 0;
};

// The one lock every kGlobalLock worker must hold while it computes: this process's "GIL".
[[maybe_unused]] std::mutex global_interpreter_lock;

bool IsPrime(std::int64_t k) {
  if (k < 2) return false;
  if (k < 4) return true;
  if (k % 2 == 0) return false;
  for (std::int64_t d = 3; d * d <= k; d += 2) {
    if (k % d == 0) return false;
  }
  return true;
}

// Worker `worker`'s share of the chunks: worker, worker + workers, worker + 2 * workers, ...
// Tells `observer` (if any) about each chunk. Done for you: kSerial is this with one worker.
std::int64_t CountWorkerShare(std::int64_t n, int worker, int workers, ChunkObserver* observer) {
  std::int64_t partial = 0;
  for (std::int64_t chunk = worker; chunk < ChunkCount(n); chunk += workers) {
    // TODO: (kGlobalLock) a GIL worker holds global_interpreter_lock from here...
    if (observer != nullptr) observer->ChunkStarted(worker, chunk);
    partial += CountPrimes(chunk * kChunkSize, std::min(n, (chunk + 1) * kChunkSize));
    if (observer != nullptr) observer->ChunkFinished(worker, chunk);
    // ...to here, and lets go between chunks so that the other workers get their turn.
  }
  return partial;
}

std::int64_t ComputeOnThreads(std::int64_t n, int workers, ChunkObserver* observer) {
  // TODO: start one thread per worker. Each runs CountWorkerShare and stores its result in its
  // own PaddedCount slot -- capture the slot's address, not the vector, by value. Join every
  // thread, and only then add up the slots. (std::jthread joins itself should a start throw.)
  (void)workers;
  return CountWorkerShare(n, 0, 1, observer);
}

std::int64_t ComputeOnProcesses(std::int64_t n, int workers, const ComputeHooks& hooks) {
  // TODO: per worker: pipe(), fork(). The child closes the read end, checks the failure hook
  // (hooks.failing_worker, hooks.failure), computes its share, write()s the 8 bytes of its
  // partial count and _exit()s -- async-signal-safe calls only: no locks, no allocation, no
  // exit(). The parent closes the write end at once (or a dead child's pipe never ends).
  // TODO: then, for every child: read the 8 bytes, close, waitpid() -- always, even when
  // something failed -- and after all that, throw std::runtime_error naming a failed worker.
  (void)workers;
  (void)hooks;
  return CountWorkerShare(n, 0, 1, nullptr);
}

}  // namespace

std::int64_t CountPrimes(std::int64_t begin, std::int64_t end) {
  std::int64_t count = 0;
  for (std::int64_t k = begin; k < end; ++k) count += IsPrime(k) ? 1 : 0;
  return count;
}

std::int64_t Compute(std::int64_t n, Strategy strategy, int workers, const ComputeHooks& hooks) {
  // TODO: reject n < 0 and workers outside [1, kMaxWorkers] with std::invalid_argument.
  // TODO: start only min(workers, ChunkCount(n)) workers: one without a chunk has nothing to do.
  switch (strategy) {
    case Strategy::kSerial:
      return CountWorkerShare(n, 0, 1, hooks.observer);
    case Strategy::kThreads:
      return ComputeOnThreads(n, workers, hooks.observer);
    case Strategy::kProcesses:
      return ComputeOnProcesses(n, workers, hooks);
    case Strategy::kGlobalLock:
      // TODO: threads again, but each chunk computed under global_interpreter_lock.
      return ComputeOnThreads(n, workers, hooks.observer);
  }
  throw std::invalid_argument("unknown strategy");
}

}  // namespace kata
