// Reference solution for exercise 01.
#include "exercises/01_greeter/greeter.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace kata {
namespace {

void CheckArguments(int times, std::chrono::milliseconds pause) {
  if (times < 0) throw std::invalid_argument("times must be >= 0, got " + std::to_string(times));
  if (pause.count() < 0) {
    throw std::invalid_argument("pause must be >= 0 ms, got " + std::to_string(pause.count()));
  }
}

}  // namespace

void StreamSink::WriteLine(std::string_view line) {
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fputc('\n', out_);
  std::fflush(out_);
  ++lines_written_;
}

std::int64_t StreamSink::lines_written() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_written_;
}

void Greet(std::string_view name, int times, std::chrono::milliseconds pause, LineSink& sink) {
  CheckArguments(times, pause);
  for (int n = 0; n < times; ++n) {
    sink.WriteLine("Hello, there " + std::to_string(n) + " " + std::string(name));
    std::this_thread::sleep_for(pause);
  }
}

std::thread StartGreeter(std::string name, int times, std::chrono::milliseconds pause,
                         LineSink& sink) {
  CheckArguments(times, pause);
  std::thread greeter(
      [name = std::move(name), times, pause, &sink] { Greet(name, times, pause, sink); });
  sink.WriteLine("Done");
  return greeter;
}

}  // namespace kata
