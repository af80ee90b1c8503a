// Alternative solution for exercise 01, unlike the reference: StreamSink uses std::scoped_lock
// and fprintf; Greet counts down with a plain while loop; StartGreeter shares the name with the
// thread through a std::shared_ptr and keeps the thread in a local it moves out.
#include <memory>
#include <stdexcept>
#include <string>

#include "exercises/01_greeter/greeter.h"

namespace kata {

void StreamSink::WriteLine(std::string_view line) {
  std::scoped_lock lock(mu_);
  std::fprintf(out_, "%.*s\n", static_cast<int>(line.size()), line.data());
  std::fflush(out_);
  ++lines_written_;
}

std::int64_t StreamSink::lines_written() const {
  std::scoped_lock lock(mu_);
  return lines_written_;
}

namespace {

bool Valid(int times, std::chrono::milliseconds pause) { return times >= 0 && pause.count() >= 0; }

}  // namespace

void Greet(std::string_view name, int times, std::chrono::milliseconds pause, LineSink& sink) {
  if (!Valid(times, pause)) throw std::invalid_argument("negative times or pause");
  for (int n = 0; n != times; n++) {
    std::string line = "Hello, there ";
    line += std::to_string(n);
    line += ' ';
    line += name;
    sink.WriteLine(line);
    std::this_thread::sleep_for(pause);
  }
}

std::thread StartGreeter(std::string name, int times, std::chrono::milliseconds pause,
                         LineSink& sink) {
  if (!Valid(times, pause)) throw std::invalid_argument("negative times or pause");
  auto shared = std::make_shared<const std::string>(std::move(name));
  std::thread greeter;
  greeter = std::thread([shared, times, pause, &sink] { Greet(*shared, times, pause, sink); });
  sink.WriteLine("Done");
  return greeter;
}

}  // namespace kata
