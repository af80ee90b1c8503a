// Exercise 01: make the tests in greeter_test.cc pass. README.md explains the task; HINTS.md
// helps when you are stuck. Run: bazel test //exercises/01_greeter/...
#include "exercises/01_greeter/greeter.h"

#include <stdexcept>
#include <string>

namespace kata {

void StreamSink::WriteLine(std::string_view line) {
  // TODO: two threads can be in here at once. Hold mu_ while writing so lines never interleave
  // and lines_written_ is never updated by two threads at the same time.
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fputc('\n', out_);
  std::fflush(out_);
  ++lines_written_;
}

std::int64_t StreamSink::lines_written() const {
  // TODO: lines_written_ is guarded by mu_.
  return lines_written_;
}

void Greet(std::string_view name, int times, std::chrono::milliseconds pause, LineSink& sink) {
  // TODO: reject a negative `times` or `pause` with std::invalid_argument.
  // TODO: write "Hello, there {n} {name}" for each n in [0, times), pausing after every line.
  (void)name;
  (void)times;
  (void)pause;
  (void)sink;
}

std::thread StartGreeter(std::string name, int times, std::chrono::milliseconds pause,
                         LineSink& sink) {
  // TODO: validate the arguments first: no thread may start if they are bad.
  // TODO: run Greet on a new std::thread, write "Done" from this thread without waiting, and
  // return the running thread.
  Greet(name, times, pause, sink);
  sink.WriteLine("Done");
  return std::thread();
}

}  // namespace kata
