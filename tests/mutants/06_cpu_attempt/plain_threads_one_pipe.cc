// Alternative solution for exercise 06, unlike the reference: plain std::thread with an explicit
// catch that joins the threads already started; partial counts in a std::vector<std::atomic>;
// and kProcesses with ONE pipe shared by every child, each writing a {worker, partial} record
// (16 bytes: less than PIPE_BUF, so the records never interleave). The parent reads records
// until every write end is closed, then reaps the children.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "exercises/06_cpu_attempt/cpu_attempt.h"

namespace kata {
namespace {

std::mutex gil;

std::int64_t Work(std::int64_t n, int worker, int workers, ChunkObserver* observer, bool use_gil) {
  std::int64_t partial = 0;
  std::int64_t chunk = worker;
  while (chunk < ChunkCount(n)) {
    if (use_gil) gil.lock();
    if (observer != nullptr) observer->ChunkStarted(worker, chunk);
    const std::int64_t end = std::min(n, (chunk + 1) * kChunkSize);
    partial += CountPrimes(chunk * kChunkSize, end);
    if (observer != nullptr) observer->ChunkFinished(worker, chunk);
    if (use_gil) gil.unlock();
    chunk += workers;
  }
  return partial;
}

std::int64_t Threads(std::int64_t n, int workers, ChunkObserver* observer, bool use_gil) {
  std::vector<std::atomic<std::int64_t>> partials(workers);
  std::vector<std::thread> threads;
  threads.reserve(workers);
  try {
    for (int w = 0; w < workers; ++w) {
      threads.emplace_back([&partials, n, w, workers, observer, use_gil] {
        partials[w].store(Work(n, w, workers, observer, use_gil));
      });
    }
  } catch (...) {
    for (std::thread& thread : threads) thread.join();
    throw;
  }
  for (std::thread& thread : threads) thread.join();
  std::int64_t total = 0;
  for (const auto& partial : partials) total += partial.load();
  return total;
}

struct Record {
  std::int64_t worker;
  std::int64_t partial;
};

std::int64_t Processes(std::int64_t n, int workers, const ComputeHooks& hooks) {
  int fds[2];
  if (pipe(fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  std::vector<pid_t> pids;
  pids.reserve(workers);
  int fork_errno = 0;
  for (int w = 0; w < workers; ++w) {
    const pid_t pid = fork();
    if (pid < 0) {
      fork_errno = errno;
      break;
    }
    if (pid == 0) {
      close(fds[0]);
      const bool fails = w == hooks.failing_worker;
      if (fails && hooks.failure == ChildFailure::kKilledBeforeReporting) kill(getpid(), SIGKILL);
      const Record record{w, Work(n, w, workers, nullptr, false)};
      const bool sent = write(fds[1], &record, sizeof record) == sizeof record;
      _exit(fails || !sent ? 1 : 0);
    }
    pids.push_back(pid);
  }
  close(fds[1]);
  std::map<std::int64_t, std::int64_t> partials;
  Record record{};
  for (;;) {
    const ssize_t got = read(fds[0], &record, sizeof record);
    if (got < 0 && errno == EINTR) continue;
    if (got != static_cast<ssize_t>(sizeof record)) break;
    partials[record.worker] = record.partial;
  }
  close(fds[0]);
  std::string first_failure;
  for (std::size_t w = 0; w < pids.size(); ++w) {
    int status = 0;
    while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR) {
    }
    std::string failure;
    if (WIFSIGNALED(status)) {
      failure = "killed by signal " + std::to_string(WTERMSIG(status));
    } else if (WEXITSTATUS(status) != 0) {
      failure = "exit status " + std::to_string(WEXITSTATUS(status));
    } else if (partials.count(static_cast<std::int64_t>(w)) == 0) {
      failure = "no partial count";
    }
    if (!failure.empty() && first_failure.empty()) {
      first_failure = "worker " + std::to_string(w) + ": " + failure;
    }
  }
  if (fork_errno != 0) throw std::system_error(fork_errno, std::generic_category(), "fork");
  if (!first_failure.empty()) throw std::runtime_error("Compute(kProcesses) " + first_failure);
  std::int64_t total = 0;
  for (const auto& [worker, partial] : partials) total += partial;
  return total;
}

}  // namespace

std::int64_t CountPrimes(std::int64_t begin, std::int64_t end) {
  std::int64_t count = 0;
  for (std::int64_t k = begin; k < end; ++k) {
    bool prime = k >= 2;
    for (std::int64_t d = 2; prime && d * d <= k; ++d) prime = k % d != 0;
    if (prime) ++count;
  }
  return count;
}

std::int64_t Compute(std::int64_t n, Strategy strategy, int workers, const ComputeHooks& hooks) {
  if (n < 0) throw std::invalid_argument("n < 0");
  if (workers < 1 || workers > kMaxWorkers) throw std::invalid_argument("workers out of range");
  const int started = static_cast<int>(std::min<std::int64_t>(workers, ChunkCount(n)));
  switch (strategy) {
    case Strategy::kSerial:
      return Work(n, 0, 1, hooks.observer, false);
    case Strategy::kThreads:
      return Threads(n, started, hooks.observer, false);
    case Strategy::kGlobalLock:
      return Threads(n, started, hooks.observer, true);
    case Strategy::kProcesses:
      return Processes(n, started, hooks);
  }
  throw std::invalid_argument("unknown strategy");
}

}  // namespace kata
