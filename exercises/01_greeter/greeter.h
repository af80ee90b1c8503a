// Exercise 01: a greeter thread.
//
// Python's hello_threads.py starts a thread that greets five times, pausing after each line,
// while the main thread prints "Done" without waiting for it. This header is the C++ contract:
// read it, then make greeter.cc fulfil it. Do not change this file; every test, the reference
// solution and the mutants are built against it.
//
// Thread safety: LineSink::WriteLine may be called from many threads at once; Greet and
// StartGreeter may be called from any thread.
#ifndef KATA_EXERCISES_01_GREETER_GREETER_H_
#define KATA_EXERCISES_01_GREETER_GREETER_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace kata {

// Somewhere to write whole lines: Python's print(). Implementations must be safe to call from
// many threads at once and must never let two lines interleave.
class LineSink {
 public:
  virtual ~LineSink() = default;
  // Writes `line` followed by a newline, as one unit. May block briefly while another thread
  // writes.
  virtual void WriteLine(std::string_view line) = 0;
};

// A LineSink over a stdio stream such as stdout.
class StreamSink final : public LineSink {
 public:
  explicit StreamSink(std::FILE* out) : out_(out) {}
  // Writes `line` and '\n' to the stream and flushes it. Blocks while another thread is inside
  // WriteLine on this sink, so that lines never interleave.
  void WriteLine(std::string_view line) override;
  // How many lines this sink has written. Blocks briefly, like WriteLine.
  std::int64_t lines_written() const;

 private:
  mutable std::mutex mu_;
  std::FILE* const out_;            // written to only while holding mu_
  std::int64_t lines_written_ = 0;  // guarded by mu_
};

// Writes "Hello, there {n} {name}" for n = 0 .. times-1 to `sink`, sleeping `pause` after each
// line (after the last one too, as the Python greeter does). Blocks for times * pause at least.
// Throws std::invalid_argument, before writing anything, if times or pause is negative.
void Greet(std::string_view name, int times, std::chrono::milliseconds pause, LineSink& sink);

// Starts Greet(name, times, pause, sink) on a new thread, then writes "Done" to `sink` from the
// calling thread -- without waiting for any greeting -- and returns the running thread, which
// the caller must join. Returns in about the time it takes to start a thread, whatever `times`
// and `pause` are. Throws std::invalid_argument, before starting a thread or writing anything,
// if times or pause is negative.
[[nodiscard]] std::thread StartGreeter(std::string name, int times, std::chrono::milliseconds pause,
                                       LineSink& sink);

}  // namespace kata

#endif  // KATA_EXERCISES_01_GREETER_GREETER_H_
