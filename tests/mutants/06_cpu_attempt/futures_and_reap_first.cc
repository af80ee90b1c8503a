// Alternative solution for exercise 06, unlike the reference: threads are std::async tasks whose
// futures carry the partial counts (a future's destructor waits for its task, so a failed start
// still waits for the tasks already started); the global lock is a function-local static taken
// with lock_guard; and kProcesses reaps every child first, then reads the pipes (8 bytes fit in
// a pipe's buffer, so no child waits for its reader).
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "exercises/06_cpu_attempt/cpu_attempt.h"

namespace kata {
namespace {

std::mutex& Gil() {
  static std::mutex gil;
  return gil;
}

bool IsPrime(std::int64_t k) {
  if (k < 2) return false;
  for (std::int64_t d = 2; d * d <= k; ++d) {
    if (k % d == 0) return false;
  }
  return true;
}

std::int64_t OneChunk(std::int64_t n, int worker, std::int64_t chunk, ChunkObserver* observer) {
  if (observer) observer->ChunkStarted(worker, chunk);
  const std::int64_t count = CountPrimes(chunk * kChunkSize, std::min(n, (chunk + 1) * kChunkSize));
  if (observer) observer->ChunkFinished(worker, chunk);
  return count;
}

std::int64_t Share(std::int64_t n, int worker, int workers, ChunkObserver* observer, bool gil) {
  std::int64_t sum = 0;
  for (std::int64_t chunk = worker; chunk < ChunkCount(n); chunk += workers) {
    if (gil) {
      std::lock_guard<std::mutex> lock(Gil());
      sum += OneChunk(n, worker, chunk, observer);
    } else {
      sum += OneChunk(n, worker, chunk, observer);
    }
  }
  return sum;
}

std::int64_t OnThreads(std::int64_t n, int workers, ChunkObserver* observer, bool gil) {
  std::vector<std::future<std::int64_t>> parts;
  for (int w = 0; w < workers; ++w) {
    parts.push_back(std::async(std::launch::async, Share, n, w, workers, observer, gil));
  }
  std::int64_t total = 0;
  for (auto& part : parts) total += part.get();
  return total;
}

std::int64_t OnProcesses(std::int64_t n, int workers, const ComputeHooks& hooks) {
  struct Child {
    pid_t pid = -1;
    int fd = -1;
  };
  std::vector<Child> children(workers);
  int start_errno = 0;
  for (int w = 0; w < workers; ++w) {
    int fds[2];
    if (pipe(fds) != 0) {
      start_errno = errno;
      break;
    }
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      const bool fails = w == hooks.failing_worker;
      if (fails && hooks.failure == ChildFailure::kKilledBeforeReporting) raise(SIGKILL);
      const std::int64_t partial = Share(n, w, workers, nullptr, false);
      const bool sent = write(fds[1], &partial, sizeof partial) == sizeof partial;
      _exit(fails || !sent ? 1 : 0);
    }
    close(fds[1]);
    children[w].fd = fds[0];
    if (pid < 0) {
      start_errno = errno;
      break;
    }
    children[w].pid = pid;
  }
  std::vector<int> statuses(workers, 0);
  for (int w = 0; w < workers; ++w) {
    if (children[w].pid < 0) continue;
    while (waitpid(children[w].pid, &statuses[w], 0) < 0 && errno == EINTR) {
    }
  }
  std::int64_t total = 0;
  std::string error;
  for (int w = 0; w < workers; ++w) {
    if (children[w].fd < 0) continue;
    std::int64_t partial = 0;
    const bool reported = read(children[w].fd, &partial, sizeof partial) == sizeof partial;
    close(children[w].fd);
    if (children[w].pid < 0) continue;
    total += partial;
    const int status = statuses[w];
    const std::string who = "worker " + std::to_string(w);
    std::string failure;
    if (WIFSIGNALED(status)) {
      failure = who + " was killed by signal " + std::to_string(WTERMSIG(status));
    } else if (WEXITSTATUS(status) != 0) {
      failure = who + " exited with status " + std::to_string(WEXITSTATUS(status));
    } else if (!reported) {
      failure = who + " sent no partial count";
    }
    if (error.empty()) error = failure;
  }
  if (start_errno != 0) throw std::system_error(start_errno, std::generic_category(), "fork");
  if (!error.empty()) throw std::runtime_error(error);
  return total;
}

}  // namespace

std::int64_t CountPrimes(std::int64_t begin, std::int64_t end) {
  std::int64_t count = 0;
  for (std::int64_t k = std::max<std::int64_t>(begin, 0); k < end; ++k) count += IsPrime(k);
  return count;
}

std::int64_t Compute(std::int64_t n, Strategy strategy, int workers, const ComputeHooks& hooks) {
  if (n < 0 || workers < 1 || workers > kMaxWorkers) {
    throw std::invalid_argument("Compute: bad n or workers");
  }
  const int used = static_cast<int>(std::min<std::int64_t>(workers, ChunkCount(n)));
  if (strategy == Strategy::kSerial) return Share(n, 0, 1, hooks.observer, false);
  if (strategy == Strategy::kProcesses) return OnProcesses(n, used, hooks);
  return OnThreads(n, used, hooks.observer, strategy == Strategy::kGlobalLock);
}

}  // namespace kata
