#include "tests/support/thread_state.h"

#include <dirent.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <thread>

namespace kata::testing {
namespace {

enum class Futex { kNone, kUntimed, kTimed };

struct FutexWait {
  Futex kind = Futex::kNone;
  std::string address;  // the futex word the thread sleeps on, as the kernel prints it
};

// "202 0x<uaddr> 0x<op> 0x<val> 0x<timeout> ..." while blocked in futex; "running" otherwise.
FutexWait FutexWaitOf(pid_t tid) {
  std::ifstream file("/proc/self/task/" + std::to_string(tid) + "/syscall");
  long number = -1;
  if (!(file >> number) || number != SYS_futex) return {};
  FutexWait wait{Futex::kUntimed, ""};
  std::string op, val, timeout;
  if (!(file >> wait.address >> op >> val >> timeout)) return wait;
  if (std::stoul(timeout, nullptr, 16) != 0) wait.kind = Futex::kTimed;
  return wait;
}

// Checks `seen` every millisecond until it holds or `timeout` has passed.
template <typename Seen>
bool PollFor(std::chrono::steady_clock::duration timeout, Seen seen) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!seen()) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

pid_t ThisThreadId() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

std::set<pid_t> ThreadsOfThisProcess() {
  std::set<pid_t> tids;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (dirent* entry = readdir(dir)) {
      if (entry->d_name[0] != '.') tids.insert(static_cast<pid_t>(std::stol(entry->d_name)));
    }
    closedir(dir);
  }
  return tids;
}

bool InTimedWait(pid_t tid) { return FutexWaitOf(tid).kind == Futex::kTimed; }

bool WaitUntilBlockedInFutex(pid_t tid, std::chrono::steady_clock::duration timeout) {
  return PollFor(timeout, [tid] { return FutexWaitOf(tid).kind != Futex::kNone; });
}

bool AllInTimedWait(const std::vector<pid_t>& tids, std::chrono::milliseconds deadline) {
  return PollFor(deadline, [&tids] { return std::all_of(tids.begin(), tids.end(), InTimedWait); });
}

bool WaitUntilThreadEnded(pid_t tid, std::chrono::steady_clock::duration timeout) {
  const std::string task = "/proc/self/task/" + std::to_string(tid);
  return PollFor(timeout, [&task] { return ::access(task.c_str(), F_OK) != 0; });
}

bool AllAsleepOnOneFutex(const std::vector<pid_t>& tids, std::chrono::milliseconds deadline) {
  return PollFor(deadline, [&tids] {
    std::string shared;
    for (pid_t tid : tids) {
      const FutexWait wait = FutexWaitOf(tid);
      if (wait.kind == Futex::kNone || wait.address.empty()) return false;
      if (shared.empty()) shared = wait.address;
      if (wait.address != shared) return false;
    }
    return true;
  });
}

}  // namespace kata::testing
