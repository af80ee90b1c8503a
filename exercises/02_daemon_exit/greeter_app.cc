// greeter_app: the seed's hello_threads.py, in C++. Given; you do not need to change it.
//
//   bazel run //exercises/02_daemon_exit:greeter_app -- --daemon --times 5 --pause-ms 1000
//
// Starts a greeter thread that prints "Hello, there {n} Michael" `times` times, pausing after
// each line; prints "Done" from main without waiting; joins the greeter if --join is given; and
// ends with ExitMain(0). Without --daemon the greeter is a non-daemon thread, so every greeting
// comes out; with --daemon the process ends right after "Done" and the greetings are cut short.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "exercises/02_daemon_exit/thread_registry.h"

namespace {

constexpr char kUsage[] =
    "usage: greeter_app [--daemon] [--join] [--times N] [--pause-ms M]  (N, M >= 0)\n";

struct Options {
  bool daemon = false;
  bool join = false;
  int times = 5;
  std::chrono::milliseconds pause{1000};
};

// Parses a whole argument as a number >= 0.
std::optional<int> ParseCount(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// The options in argv, or nullopt if any argument is unknown, missing or out of range.
std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--daemon") {
      options.daemon = true;
    } else if (arg == "--join") {
      options.join = true;
    } else if ((arg == "--times" || arg == "--pause-ms") && i + 1 < argc) {
      const std::optional<int> value = ParseCount(argv[++i]);
      if (!value) return std::nullopt;
      if (arg == "--times") options.times = *value;
      if (arg == "--pause-ms") options.pause = std::chrono::milliseconds(*value);
    } else {
      return std::nullopt;
    }
  }
  return options;
}

// Python's print(), minus its bug: the text and its newline go out in ONE stdio call, and stdio
// locks the stream for the length of a call, so no other thread's line can land in the middle.
// No flush here: on a pipe, stdio keeps the lines in its buffer until someone flushes it.
void PrintLine(std::string_view text) {
  std::string line(text);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
}

void Greeter(const std::string& name, int times, std::chrono::milliseconds pause) {
  for (int n = 0; n < times; ++n) {
    PrintLine("Hello, there " + std::to_string(n) + " " + name);
    std::this_thread::sleep_for(pause);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> options = ParseOptions(argc, argv);
  if (!options) {
    std::fputs(kUsage, stderr);
    return 2;  // no thread has started yet, so returning is safe
  }
  const Options o = *options;
  const int greeter = kata::Start([o] { Greeter("Michael", o.times, o.pause); },
                                  o.daemon ? kata::Daemon::kYes : kata::Daemon::kNo);
  PrintLine("Done");
  if (o.join) kata::Join(greeter);
  kata::ExitMain(0);
}
