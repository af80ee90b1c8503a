#include "tests/support/thread_state.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <thread>

namespace kata::testing {
namespace {

enum class Futex { kNone, kUntimed, kTimed };

// "202 0x<uaddr> 0x<op> 0x<val> 0x<timeout> ..." while blocked in futex; "running" otherwise.
Futex FutexWait(pid_t tid) {
  std::ifstream file("/proc/self/task/" + std::to_string(tid) + "/syscall");
  long number = -1;
  if (!(file >> number) || number != SYS_futex) return Futex::kNone;
  std::string uaddr, op, val, timeout;
  if (!(file >> uaddr >> op >> val >> timeout)) return Futex::kUntimed;
  return std::stoul(timeout, nullptr, 16) != 0 ? Futex::kTimed : Futex::kUntimed;
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

bool InTimedWait(pid_t tid) { return FutexWait(tid) == Futex::kTimed; }

bool WaitUntilBlockedInFutex(pid_t tid, std::chrono::steady_clock::duration timeout) {
  return PollFor(timeout, [tid] { return FutexWait(tid) != Futex::kNone; });
}

bool AllInTimedWait(const std::vector<pid_t>& tids, std::chrono::milliseconds deadline) {
  return PollFor(deadline, [&tids] { return std::all_of(tids.begin(), tids.end(), InTimedWait); });
}

}  // namespace kata::testing
