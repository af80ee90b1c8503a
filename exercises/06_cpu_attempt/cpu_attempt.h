// Exercise 06: a CPU-bound job on threads, on processes, and under a "GIL".
//
// Python's thread_CPU_attempt.py splits a CPU-heavy job across threads and finds no speed-up:
// the GIL lets one thread run Python code at a time. A multiprocessing pool does speed up. In
// C++ there is no GIL, so threads speed up too -- unless we build one. This header is the
// contract: Compute() counts the primes below n by trial division, split into chunks, with one
// of four strategies. Do not change this file; tests, reference and mutants are built on it.
//
// The work: [0, n) is cut into ChunkCount(n) chunks; chunk c is [c * kChunkSize, min(n, (c + 1) *
// kChunkSize)). With `workers` = W, worker w computes chunks w, w + W, w + 2W, ... (round robin,
// so each worker gets its share of the cheap low numbers and of the costly high ones), and only
// min(W, ChunkCount(n)) workers are started: a worker without a chunk is never started.
//
// Thread safety: every function here may be called from any thread.
#ifndef KATA_EXERCISES_06_CPU_ATTEMPT_CPU_ATTEMPT_H_
#define KATA_EXERCISES_06_CPU_ATTEMPT_CPU_ATTEMPT_H_

#include <cstdint>
#include <string_view>

namespace kata {

inline constexpr std::int64_t kChunkSize = 1000;
// More workers than this is a mistake (far more than any machine running the kata has cores).
inline constexpr int kMaxWorkers = 64;

inline constexpr std::int64_t ChunkCount(std::int64_t n) {
  return n <= 0 ? 0 : (n + kChunkSize - 1) / kChunkSize;
}

enum class Strategy {
  kSerial,      // the calling thread computes every chunk, in order, as worker 0
  kThreads,     // one std::thread per worker; each keeps its partial count in its own padded
                // slot, and the caller adds the slots up after joining every thread
  kProcesses,   // one fork()ed child per worker; each writes its partial count to a pipe and
                // _exit()s; the parent reads every pipe and reaps every child with waitpid()
  kGlobalLock,  // like kThreads, but a worker holds one process-wide mutex (the "GIL") while it
                // computes a chunk, and releases it between chunks, as CPython does
};

inline constexpr std::string_view StrategyName(Strategy strategy) {
  switch (strategy) {
    case Strategy::kSerial:
      return "Serial";
    case Strategy::kThreads:
      return "Threads";
    case Strategy::kProcesses:
      return "Processes";
    case Strategy::kGlobalLock:
      return "GlobalLock";
  }
  return "?";
}

// The CPU-heavy work: how many primes lie in [begin, end), by trial division. Pure arithmetic:
// no locks, no allocation, so a fork()ed child of a multithreaded process may call it.
std::int64_t CountPrimes(std::int64_t begin, std::int64_t end);

// Test hook: told about every chunk a worker computes (except under kProcesses, whose children
// cannot reach the parent's memory). Implementations must be safe to call from many threads.
class ChunkObserver {
 public:
  virtual ~ChunkObserver() = default;
  // Called on the worker's own thread right before it computes `chunk`; under kGlobalLock,
  // while it holds the global lock. May block: the worker waits until it returns.
  virtual void ChunkStarted(int worker, std::int64_t chunk) = 0;
  // Called on the same thread right after computing `chunk` (still holding the global lock).
  virtual void ChunkFinished(int worker, std::int64_t chunk) = 0;
};

// How the child of ComputeHooks::failing_worker fails, under kProcesses.
enum class ChildFailure {
  kKilledBeforeReporting,  // it is killed by SIGKILL before writing anything to its pipe
  kExitsWithStatus1,       // it writes its partial count, then _exit(1)s
};

// Test hooks. The defaults change nothing.
struct ComputeHooks {
  ChunkObserver* observer = nullptr;  // not owned; must outlive every worker
  int failing_worker = -1;            // kProcesses only: this worker's child fails
  ChildFailure failure = ChildFailure::kKilledBeforeReporting;
};

// Returns CountPrimes(0, n), computed chunk by chunk with `strategy` and `workers` workers.
// Blocks until every worker is done: every thread joined, every child reaped -- also when it
// throws. Throws, before starting any worker:
//   std::invalid_argument if n < 0, or workers is not in [1, kMaxWorkers] (for kSerial too).
// Throws, after reaping every child, std::runtime_error naming the worker if a kProcesses child
// is killed, exits with a status other than 0, or sends fewer bytes than a partial count.
// Throws std::system_error if a thread, pipe or process cannot be created.
std::int64_t Compute(std::int64_t n, Strategy strategy, int workers,
                     const ComputeHooks& hooks = {});

}  // namespace kata

#endif  // KATA_EXERCISES_06_CPU_ATTEMPT_CPU_ATTEMPT_H_
