// Mutant of exercise 06: never waitpid()s its children: each one stays behind as a zombie.
// Rejected by tests/mutants/06_cpu_attempt:never_reaps_children_is_rejected.
#include <signal.h>
#include <string.h>
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

#include "exercises/06_cpu_attempt/cpu_attempt.h"

namespace kata {
namespace {

constexpr std::size_t kCacheLineBytes = 64;

// One worker's partial count, alone on its cache line so that no two workers write one line.
struct alignas(kCacheLineBytes) PaddedCount {
  std::int64_t value = 0;
};

// The one lock every kGlobalLock worker holds while it computes: this process's "GIL".
std::mutex global_interpreter_lock;

bool IsPrime(std::int64_t k) {
  if (k < 2) return false;
  if (k < 4) return true;
  if (k % 2 == 0) return false;
  for (std::int64_t d = 3; d * d <= k; d += 2) {
    if (k % d == 0) return false;
  }
  return true;
}

// Worker `worker`'s share: chunks worker, worker + workers, ...; with `gil`, each chunk is
// computed while holding it.
std::int64_t CountWorkerShare(std::int64_t n, int worker, int workers, ChunkObserver* observer,
                              std::mutex* gil) {
  std::int64_t partial = 0;
  for (std::int64_t chunk = worker; chunk < ChunkCount(n); chunk += workers) {
    std::unique_lock<std::mutex> lock;
    if (gil != nullptr) lock = std::unique_lock<std::mutex>(*gil);
    if (observer != nullptr) observer->ChunkStarted(worker, chunk);
    partial += CountPrimes(chunk * kChunkSize, std::min(n, (chunk + 1) * kChunkSize));
    if (observer != nullptr) observer->ChunkFinished(worker, chunk);
  }
  return partial;
}

std::int64_t ComputeOnThreads(std::int64_t n, int workers, ChunkObserver* observer,
                              std::mutex* gil) {
  std::vector<PaddedCount> partials(workers);
  std::vector<std::jthread> threads;  // a jthread joins on destruction, should a start throw
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([n, w, workers, observer, gil, slot = &partials[w]] {
      slot->value = CountWorkerShare(n, w, workers, observer, gil);
    });
  }
  for (std::jthread& thread : threads) thread.join();
  std::int64_t total = 0;
  for (const PaddedCount& partial : partials) total += partial.value;
  return total;
}

// The child's whole life: only async-signal-safe calls, since the parent may have threads.
// 8 bytes are fewer than PIPE_BUF, so one write() sends them all or nothing.
[[noreturn]] void RunChild(std::int64_t n, int worker, int workers, const ComputeHooks& hooks,
                           int out_fd) {
  const bool fails = worker == hooks.failing_worker;
  if (fails && hooks.failure == ChildFailure::kKilledBeforeReporting) raise(SIGKILL);
  const std::int64_t partial = CountWorkerShare(n, worker, workers, nullptr, nullptr);
  const bool sent = write(out_fd, &partial, sizeof partial) == sizeof partial;
  _exit(fails || !sent ? 1 : 0);
}

// Empty if the child reported and exited with status 0; else what went wrong.
std::string DescribeFailure(int worker, pid_t pid, int status, bool reported) {
  const std::string who = "worker " + std::to_string(worker) + " (pid " + std::to_string(pid);
  if (WIFSIGNALED(status)) return who + ") was killed by SIG" + sigabbrev_np(WTERMSIG(status));
  if (WEXITSTATUS(status) != 0)
    return who + ") exited with status " + std::to_string(WEXITSTATUS(status));
  return reported ? "" : who + ") exited without sending its partial count";
}

std::int64_t ComputeOnProcesses(std::int64_t n, int workers, const ComputeHooks& hooks) {
  std::vector<pid_t> pids;
  std::vector<int> read_fds;
  pids.reserve(workers);  // so that no push_back can throw and leave a child unreaped
  read_fds.reserve(workers);
  int start_errno = 0;  // why pipe() or fork() failed, if one did
  for (int w = 0; w < workers && start_errno == 0; ++w) {
    int fds[2];
    if (pipe(fds) != 0) {
      start_errno = errno;
      break;
    }
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      RunChild(n, w, workers, hooks, fds[1]);
    }
    close(fds[1]);  // else reading a dead child's pipe would wait for this end forever
    if (pid < 0) start_errno = errno;
    pids.push_back(pid);
    read_fds.push_back(fds[0]);
  }
  std::int64_t total = 0;
  std::string error;
  for (std::size_t w = 0; w < pids.size(); ++w) {
    std::int64_t partial = 0;
    const bool reported = read(read_fds[w], &partial, sizeof partial) == sizeof partial;
    close(read_fds[w]);
    if (pids[w] < 0) continue;  // fork() failed: no child to wait for
    int status = 0;             // never learnt: no waitpid()
    const std::string failure = DescribeFailure(static_cast<int>(w), pids[w], status, reported);
    if (error.empty()) error = failure;
    total += partial;
  }
  if (start_errno != 0) {
    throw std::system_error(start_errno, std::generic_category(), "Compute(kProcesses) start");
  }
  if (!error.empty()) throw std::runtime_error("Compute(kProcesses): " + error);
  return total;
}

}  // namespace

std::int64_t CountPrimes(std::int64_t begin, std::int64_t end) {
  std::int64_t count = 0;
  for (std::int64_t k = begin; k < end; ++k) count += IsPrime(k) ? 1 : 0;
  return count;
}

std::int64_t Compute(std::int64_t n, Strategy strategy, int workers, const ComputeHooks& hooks) {
  if (n < 0) throw std::invalid_argument("n must be >= 0, got " + std::to_string(n));
  if (workers < 1 || workers > kMaxWorkers) {
    throw std::invalid_argument("workers must be in [1, " + std::to_string(kMaxWorkers) +
                                "], got " + std::to_string(workers));
  }
  const int started = static_cast<int>(std::min<std::int64_t>(workers, ChunkCount(n)));
  switch (strategy) {
    case Strategy::kSerial:
      return CountWorkerShare(n, 0, 1, hooks.observer, nullptr);
    case Strategy::kThreads:
      return ComputeOnThreads(n, started, hooks.observer, nullptr);
    case Strategy::kProcesses:
      return ComputeOnProcesses(n, started, hooks);
    case Strategy::kGlobalLock:
      return ComputeOnThreads(n, started, hooks.observer, &global_interpreter_lock);
  }
  throw std::invalid_argument("unknown strategy");
}

}  // namespace kata
