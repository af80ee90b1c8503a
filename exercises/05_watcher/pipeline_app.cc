// pipeline_app: a producer, a bounded queue and K consumers that stop cleanly on Ctrl+C. Given;
// you do not need to change it -- but read main(): the ORDER of its steps is the lesson.
//
//   bazel run //exercises/05_watcher:pipeline_app -- --consumers 3 --rate 20
//   (then press Ctrl+C once to stop it, or twice to force it)
//
// Flags (all optional):
//   --consumers K     consumer threads, 1..64 (default 2)
//   --items N         produce N items, then finish on its own with exit code 0 (default: until
//                     stopped by SIGINT or SIGTERM, exit code 130 or 143)
//   --rate R          the producer emits at most R items per second: it waits 1/R s between
//                     two items; 0 means no wait at all (default 20)
//   --work-ms W       each consumer works W ms on each item (default 50)
//   --grace-ms G      after a stop request, threads have G ms to finish before main abandons
//                     them and names them (default 2000)
//   --stuck-consumer  consumer-0 gets stuck on its first item and ignores the stop request
// Anything else: one usage line on stderr, exit code 2.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stop_token>
#include <string_view>

#include "exercises/05_watcher/pipeline.h"
#include "exercises/05_watcher/watcher.h"

namespace {

constexpr char kUsage[] =
    "usage: pipeline_app [--consumers K] [--items N] [--rate PER_SECOND] [--work-ms MS] "
    "[--grace-ms MS] [--stuck-consumer]  (1 <= K <= 64; N, PER_SECOND, MS >= 0)\n";

// Parses a whole argument as a number in [min, max].
std::optional<long long> ParseNumber(std::string_view text, long long min, long long max) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

// The options in argv, or nullopt if any argument is unknown, missing or out of range.
std::optional<kata::PipelineOptions> ParseOptions(int argc, char** argv) {
  constexpr long long kMaxMs = 3'600'000;  // an hour
  kata::PipelineOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--stuck-consumer") {
      options.stuck_consumer = true;
      continue;
    }
    if (i + 1 >= argc) return std::nullopt;
    const std::string_view text = argv[++i];
    std::optional<long long> value;
    if (flag == "--consumers" && (value = ParseNumber(text, 1, 64))) {
      options.consumers = static_cast<int>(*value);
    } else if (flag == "--items" && (value = ParseNumber(text, 0, 1'000'000'000))) {
      options.items = *value;
    } else if (flag == "--rate" && (value = ParseNumber(text, 0, 1'000'000))) {
      options.rate = static_cast<int>(*value);
    } else if (flag == "--work-ms" && (value = ParseNumber(text, 0, kMaxMs))) {
      options.work = std::chrono::milliseconds(*value);
    } else if (flag == "--grace-ms" && (value = ParseNumber(text, 0, kMaxMs))) {
      options.grace = std::chrono::milliseconds(*value);
    } else {
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<kata::PipelineOptions> options = ParseOptions(argc, argv);
  if (!options) {
    std::fputs(kUsage, stderr);
    return 2;  // no thread has started yet, so returning is safe
  }
  // 1. Before ANY thread starts: block SIGINT and SIGTERM. Threads inherit the mask, so neither
  //    signal can interrupt or kill anyone; they stay pending until the watcher takes them.
  kata::BlockStopSignals();
  // 2. The watcher turns the first signal into a stop request (and a second into a forced exit).
  std::stop_source stop;
  kata::SignalWatcher watcher(stop);
  // 3. Producer and consumers, "ready", then main's join-with-a-small-timeout loop.
  const kata::Summary summary = kata::RunPipeline(*options, stop.get_token());
  kata::PrintLine(kata::FormatSummary(summary));
  // 4. The watcher -- and any abandoned thread -- are still running: leave without destroying
  //    anything under them.
  const int signal = watcher.first_signal();
  kata::FlushAndExit(signal == 0 ? 0 : 128 + signal);
}
