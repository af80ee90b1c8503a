// LineRecorder: a thread-safe log of text lines, each stamped with the steady-clock time at
// which it arrived.
//
// Tests use it as the "stdout" of code under test and as the reader of a child's stdout, then
// check the order of the lines and the gaps between them. Every method may be called from any
// thread at any time. Record() and the readers block only briefly, on mu_; the Wait*() methods
// block until their condition holds or their timeout expires, whichever comes first.
#ifndef KATA_TESTS_SUPPORT_LINE_RECORDER_H_
#define KATA_TESTS_SUPPORT_LINE_RECORDER_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kata::testing {

using Clock = std::chrono::steady_clock;

struct TimedLine {
  Clock::time_point at;
  std::string text;
};

class LineRecorder {
 public:
  LineRecorder() : start_(Clock::now()) {}
  LineRecorder(const LineRecorder&) = delete;
  LineRecorder& operator=(const LineRecorder&) = delete;

  // Appends `text` stamped with Clock::now() and wakes every waiter.
  void Record(std::string text);
  // Says that no line will follow (ChildProcess calls it when the program's stdout ends) and
  // wakes every waiter: from then on, a wait returns at once instead of waiting in vain.
  void Close();

  // A snapshot of the lines recorded so far, in arrival order.
  std::vector<TimedLine> Lines() const;
  std::vector<std::string> Texts() const;

  // Blocks until `done(lines)` is true, or Close() was called, or `timeout` passes; returns the
  // final value of `done`.
  bool WaitUntil(const std::function<bool(const std::vector<TimedLine>&)>& done,
                 Clock::duration timeout) const;
  // Blocks until at least `count` lines have arrived, or Close(), or `timeout` passes.
  bool WaitForCount(std::size_t count, Clock::duration timeout) const;
  // Blocks until a line equal to `text` has arrived, or Close(), or `timeout` passes.
  bool WaitForLine(std::string_view text, Clock::duration timeout) const;

  // The arrival time of the first line equal to `text`, if any arrived.
  std::optional<Clock::time_point> TimeOf(std::string_view text) const;
  // When this recorder was created: the zero of Dump()'s time column.
  Clock::time_point start() const { return start_; }
  // Every line with its arrival time relative to start(), one per line, for failure messages:
  //   "    +0.2 ms  Done".
  std::string Dump() const;

 private:
  const Clock::time_point start_;
  mutable std::mutex mu_;
  mutable std::condition_variable arrived_;  // notified (mu_ released) by Record() and Close()
  std::vector<TimedLine> lines_;             // guarded by mu_
  bool closed_ = false;                      // guarded by mu_
};

// Dumps `lines` relative to `zero`, in the format of LineRecorder::Dump().
std::string DumpLines(const std::vector<TimedLine>& lines, Clock::time_point zero);

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_LINE_RECORDER_H_
