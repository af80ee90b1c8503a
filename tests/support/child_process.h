// ChildProcess: runs a real program as a child, the way a learner would from a terminal, and
// observes what only shows at process exit: which lines came out, when, and how it ended.
//
//   ChildProcess app(AppPath("greeter_app"), {"--daemon", "--times", "5"});
//   ASSERT_TRUE(app.out().WaitForLine("ready", kForever));
//   app.Signal(SIGINT);
//   ChildResult result = app.Wait(std::chrono::seconds(5));   // kills the child on overrun
//   EXPECT_EQ(130, result.exit_code) << result.Describe();
//
// stdout is read line by line by a background thread and every line is stamped on arrival;
// stderr is collected whole. An arrival stamp is never earlier than the write, but may be later
// (the reader can be descheduled), so the gap between two arrivals can look SHORTER than the
// child's pause. Exact lower bounds are measured from started_at, which is taken before the
// spawn: "line k arrived at least k*pause after start", "lifetime() >= total sleep". The child
// starts with default dispositions for every signal and an empty signal mask, in its own process
// group, with stdin from /dev/null. Thread safety: out() may be read from any thread; the other
// methods belong to one thread.
#ifndef KATA_TESTS_SUPPORT_CHILD_PROCESS_H_
#define KATA_TESTS_SUPPORT_CHILD_PROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/support/line_recorder.h"

namespace kata::testing {

struct ChildResult {
  bool timed_out = false;        // the deadline passed and Wait() killed the child with SIGKILL
  std::optional<int> exit_code;  // set when the child called exit()/_exit() or returned
  std::optional<int> signal;     // set when a signal ended the child
  std::vector<TimedLine> out;    // every stdout line, stamped on arrival
  std::string err;               // all of stderr
  Clock::time_point started_at;
  Clock::time_point ended_at;  // when Wait() saw the child end

  Clock::duration lifetime() const { return ended_at - started_at; }
  std::vector<std::string> texts() const;
  // The first stdout line that is exactly `text` (a pointer into `out`), or nullptr.
  const TimedLine* Find(std::string_view text) const;
  // "exited with code 0 after 123.4 ms", "killed by SIGSEGV after ...", plus stdout and stderr.
  std::string Describe() const;
};

class ChildProcess {
 public:
  // Starts `path` with `args` (argv[0] is `path`). Throws std::runtime_error if it cannot.
  ChildProcess(const std::string& path, const std::vector<std::string>& args);
  // Kills and reaps the child if Wait() has not done so.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The child's stdout so far. Use its Wait*() methods as handshakes, e.g. for a "ready" line;
  // they return as soon as the child's stdout ends, so a child that dies cannot leave one waiting.
  const LineRecorder& out() const { return out_; }
  pid_t pid() const { return pid_; }

  // Sends `sig` to the child. Does nothing once the child has been reaped.
  void Signal(int sig);

  // Blocks until the child ends or `timeout` passes; on overrun kills it with SIGKILL and sets
  // timed_out. Then waits for the output pipes to close and returns everything observed.
  // Call it once.
  ChildResult Wait(Clock::duration timeout);

 private:
  void ReadOutput(int out_fd, int err_fd);  // body of reader_

  LineRecorder out_;
  Clock::time_point started_at_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string err_;     // written by reader_ only; read after reader_ is joined
  std::thread reader_;  // reads stdout into out_ and stderr into err_ until both close
};

// The absolute path of `relative`, a runfiles path such as "threading_kata/exercises/...".
// Looks in $RUNFILES_DIR, then $TEST_SRCDIR, then next to this executable.
std::string Runfile(const std::string& relative);

// Names a signal: "SIGINT".
std::string SignalName(int sig);

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_CHILD_PROCESS_H_
