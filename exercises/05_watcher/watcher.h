// Exercise 05: the watcher thread, and how a program with runaway threads leaves.
//
// The notes say Ctrl+C is hard to handle in a threaded program, and that a separate thread
// which watches for it is the better way out. The POSIX form of that idea: block SIGINT and
// SIGTERM in main before any thread starts -- every thread inherits its creator's signal mask,
// so no thread can be interrupted by them and the signals stay pending -- then let ONE thread,
// the watcher, take them with sigwait(). The watcher runs ordinary code, not a signal handler,
// so it may print, lock and request a stop like any other thread. Read this contract, then make
// watcher.cc fulfil it. Do not change this file.
//
// Thread safety: BlockStopSignals belongs to main, before any thread starts. first_signal(),
// PrintLine and FlushAndExit may be called from any thread.
#ifndef KATA_EXERCISES_05_WATCHER_WATCHER_H_
#define KATA_EXERCISES_05_WATCHER_WATCHER_H_

#include <atomic>
#include <cstdio>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

namespace kata {

// Blocks SIGINT and SIGTERM in the calling thread. Call it from main before any thread starts:
// threads started afterwards inherit the mask. Throws std::system_error if that fails.
void BlockStopSignals();

// Starts the watcher thread, which waits in sigwait() for SIGINT or SIGTERM, and then:
//   - on the first one: remembers it for first_signal(), writes "stopping on SIGINT" (or
//     "stopping on SIGTERM"), and requests a stop on `stop` -- in that order, so that a thread
//     that sees the stop request also sees first_signal();
//   - on any later one (shutdown is under way and the user insists): writes a line that starts
//     with "forced", such as "forced: SIGINT during shutdown", and ends the process at once with
//     FlushAndExit(128 + that signal).
// Requires BlockStopSignals() to have run before any thread started. The watcher thread runs
// until the process ends -- a Python daemon thread -- so the program must end with
// FlushAndExit(), never by returning from main().
class SignalWatcher {
 public:
  explicit SignalWatcher(std::stop_source stop);
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // The first signal the watcher received: SIGINT or SIGTERM, or 0 if none yet. Never blocks.
  int first_signal() const;

 private:
  struct State {
    std::stop_source stop;
    std::atomic<int> first_signal{0};
  };
  // Shared with the watcher thread, which outlives this object.
  std::shared_ptr<State> state_;
};

// Ends the process with exit status `code`, at once: flushes stdout and stderr (on a pipe,
// stdio keeps whole pages in its buffer), then calls _exit(). Safe while other threads --
// the watcher, a stuck consumer -- are still running, because nothing is destroyed under them:
// no static destructor runs, no atexit handler, no thread is joined.
[[noreturn]] void FlushAndExit(int code);

// Given: writes `text` and a newline to stdout as one unit, and flushes it, so that a test
// reading the pipe sees each line as it happens. Safe from any thread: stdio locks the stream
// for the length of one call, so lines never interleave.
inline void PrintLine(std::string_view text) {
  std::string line(text);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

}  // namespace kata

#endif  // KATA_EXERCISES_05_WATCHER_WATCHER_H_
