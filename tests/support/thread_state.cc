#include "tests/support/thread_state.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

namespace kata::testing {

pid_t CurrentTid() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

bool WaitUntilBlockedInFutex(pid_t tid, std::chrono::steady_clock::duration timeout) {
  const std::string path = "/proc/self/task/" + std::to_string(tid) + "/syscall";
  const std::string futex = std::to_string(SYS_futex) + " ";
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    std::ifstream file(path);
    std::string line;
    // The file holds the number of the system call the thread is blocked in, then its arguments.
    if (std::getline(file, line) && line.compare(0, futex.size(), futex) == 0) return true;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

}  // namespace kata::testing
