// Exercise 05 tests of FlushAndExit, the program's only way out. Each test forks a copy of this
// test program that calls it, and reads what the copy wrote through a pipe.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "exercises/05_watcher/watcher.h"
#include "gtest/gtest.h"

namespace kata {
namespace {

// In the forked copy: a note that only appears if an atexit handler runs.
void WriteAtexitNote() {
  constexpr char kNote[] = "[an atexit handler ran]";
  (void)!write(STDOUT_FILENO, kNote, sizeof kNote - 1);
}

// Tests that FlushAndExit first writes out what stdout still holds in its buffer, then leaves
// with the exit code given, at once: no atexit handler (nor static destructor) runs, because
// other threads may still use what they would destroy.
TEST(FlushAndExitTest, FlushesStdoutAndSkipsAtexitHandlers) {
  int fds[2];
  ASSERT_EQ(0, pipe(fds));
  std::fflush(nullptr);  // so that the copy inherits no output of this program's
  const pid_t pid = fork();
  ASSERT_LE(0, pid) << "fork failed";
  if (pid == 0) {  // the copy: its stdout is the pipe
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::atexit(WriteAtexitNote);
    std::fputs("buffered, no newline", stdout);  // stays in stdout's buffer
    FlushAndExit(7);
  }
  close(fds[1]);
  std::string out;
  char chunk[256];
  for (ssize_t got; (got = read(fds[0], chunk, sizeof chunk)) > 0;) out.append(chunk, got);
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(pid, waitpid(pid, &status, 0));
  EXPECT_EQ("buffered, no newline", out)
      << "FlushAndExit must fflush stdout, then _exit(): without the flush the buffered text is "
         "lost; with exit() instead of _exit() the atexit handlers run as well";
  EXPECT_TRUE(WIFEXITED(status)) << "FlushAndExit(7) must end the process normally";
  EXPECT_EQ(7, WEXITSTATUS(status)) << "FlushAndExit(7) must end the process with exit code 7";
}

}  // namespace
}  // namespace kata
