// Alternative solution for exercise 01, unlike the reference: StreamSink builds the whole line
// and writes it with one fwrite under a std::unique_lock; Greet keeps a schedule with
// sleep_until; StartGreeter hands Greet and a copy of the name straight to std::thread.
#include <stdexcept>
#include <string>

#include "exercises/01_greeter/greeter.h"

namespace kata {

void StreamSink::WriteLine(std::string_view line) {
  std::string whole(line);
  whole.push_back('\n');
  std::unique_lock<std::mutex> lock(mu_);
  std::fwrite(whole.data(), 1, whole.size(), out_);
  std::fflush(out_);
  lines_written_ += 1;
}

std::int64_t StreamSink::lines_written() const {
  std::unique_lock<std::mutex> lock(mu_);
  return lines_written_;
}

void Greet(std::string_view name, int times, std::chrono::milliseconds pause, LineSink& sink) {
  if (times < 0 || pause < std::chrono::milliseconds::zero()) {
    throw std::invalid_argument("Greet: times and pause must not be negative");
  }
  int n = 0;
  while (n < times) {
    sink.WriteLine("Hello, there " + std::to_string(n) + " " + std::string(name));
    const auto wake = std::chrono::steady_clock::now() + pause;
    std::this_thread::sleep_until(wake);
    ++n;
  }
}

std::thread StartGreeter(std::string name, int times, std::chrono::milliseconds pause,
                         LineSink& sink) {
  if (times < 0) throw std::invalid_argument("StartGreeter: times < 0");
  if (pause.count() < 0) throw std::invalid_argument("StartGreeter: pause < 0");
  // std::thread copies its arguments into the new thread: the string travels with it.
  std::thread greeter(Greet, std::move(name), times, pause, std::ref(sink));
  sink.WriteLine("Done");
  return greeter;
}

}  // namespace kata
