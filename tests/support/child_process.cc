#include "tests/support/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "tests/support/trace.h"

extern char** environ;

namespace kata::testing {
namespace {

void Check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(rc));
}

// Blocks until `pid` can be reaped without blocking, or `timeout` passes. True if it can.
bool WaitUntilExited(pid_t pid, Clock::duration timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  siginfo_t info{};
  for (;;) {
    info.si_pid = 0;
    if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) break;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    if (pidfd >= 0) {  // sleeps until the child exits; no polling
      pollfd fd{pidfd, POLLIN, 0};
      poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 60'000)));
    } else {  // kernels before 5.3: a short sleep between checks
      usleep(1000);
    }
  }
  if (pidfd >= 0) close(pidfd);
  return info.si_pid == pid;
}

}  // namespace

ChildProcess::ChildProcess(const std::string& path, const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  Check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
  Check(posix_spawnattr_init(&attr), "posix_spawnattr_init");
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(path.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  started_at_ = Clock::now();
  const int rc = posix_spawn(&pid_, path.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::runtime_error("cannot start " + path + ": " + std::strerror(rc));
  }
  reader_ = std::thread(&ChildProcess::ReadOutput, this, out_pipe[0], err_pipe[0]);
}

ChildProcess::~ChildProcess() {
  if (!reaped_) Wait(std::chrono::seconds(0));
  if (reader_.joinable()) reader_.join();
}

void ChildProcess::Signal(int sig) {
  if (trace::Enabled()) {
    trace::Event("signal", SignalName(sig) + " to child " + std::to_string(pid_));
  }
  if (!reaped_) kill(pid_, sig);
}

ChildResult ChildProcess::Wait(Clock::duration timeout) {
  ChildResult result;
  result.started_at = started_at_;
  if (!WaitUntilExited(pid_, timeout)) {
    result.timed_out = true;
    kill(-pid_, SIGKILL);  // the whole process group, so no grandchild keeps the pipes open
    kill(pid_, SIGKILL);
  }
  while (waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
  }
  result.ended_at = Clock::now();
  reaped_ = true;
  if (result.timed_out) kill(-pid_, SIGKILL);
  reader_.join();
  if (WIFEXITED(status_)) result.exit_code = WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) result.signal = WTERMSIG(status_);
  result.out = out_.Lines();
  result.err = err_;
  return result;
}

void ChildProcess::ReadOutput(int out_fd, int err_fd) {
  std::string partial;
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_fds = 2;
  char buffer[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (pollfd& fd : fds) {
      if (fd.fd < 0 || fd.revents == 0) continue;
      const ssize_t n = read(fd.fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(fd.fd);
        fd.fd = -1;
        --open_fds;
      } else if (fd.fd == err_fd) {
        err_.append(buffer, static_cast<size_t>(n));
      } else {
        partial.append(buffer, static_cast<size_t>(n));
        for (size_t nl; (nl = partial.find('\n')) != std::string::npos; partial.erase(0, nl + 1)) {
          out_.Record(partial.substr(0, nl));
        }
      }
    }
  }
  if (!partial.empty()) out_.Record(partial);  // a last line without its newline
  out_.Close();                                // no line will come: wake every waiter
}

std::string Runfile(const std::string& relative) {
  for (const char* var : {"RUNFILES_DIR", "TEST_SRCDIR"}) {
    if (const char* dir = std::getenv(var); dir != nullptr && *dir != '\0') {
      return std::string(dir) + "/" + relative;
    }
  }
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) throw std::runtime_error("cannot find the runfiles of this program");
  return std::string(self, static_cast<size_t>(n)) + ".runfiles/" + relative;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

}  // namespace kata::testing
