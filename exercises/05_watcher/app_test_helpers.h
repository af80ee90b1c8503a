// Helpers for the tests that run pipeline_app as a child process: the "ready" handshake, and
// readers of its output. The rest of their machinery is in tests/support/app_test.h.
#ifndef KATA_EXERCISES_05_WATCHER_APP_TEST_HELPERS_H_
#define KATA_EXERCISES_05_WATCHER_APP_TEST_HELPERS_H_

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/app_test.h"

namespace kata::testing {

// An OutputTest: "ready" has been written -- the handshake before any signal -- and at least
// `count` lines start with `prefix`.
inline OutputTest ReadyAndLinesStartingWith(std::string prefix, std::size_t count = 1) {
  return [more = LinesStartingWith(std::move(prefix), count)](const std::vector<TimedLine>& lines) {
    return FindLine(lines, "ready") != nullptr && more(lines);
  };
}

struct Counts {
  std::int64_t produced = -1, consumed = -1, dropped = -1;
};

// The numbers of a summary line "produced=P consumed=C dropped=D", if `line` is one.
inline std::optional<Counts> ParseSummary(const std::string& line) {
  Counts counts;
  int end = 0;
  const int fields = std::sscanf(line.c_str(), "produced=%ld consumed=%ld dropped=%ld%n",
                                 &counts.produced, &counts.consumed, &counts.dropped, &end);
  if (fields != 3 || static_cast<std::size_t>(end) != line.size()) return std::nullopt;
  return counts;
}

// The summary, which must be the program's last line.
inline std::optional<Counts> LastLineSummary(const ChildResult& result) {
  if (result.out.empty()) return std::nullopt;
  return ParseSummary(result.out.back().text);
}

// The items of every "consumer-K took I" line, sorted.
inline std::vector<std::int64_t> TakenItems(const ChildResult& result) {
  std::vector<std::int64_t> items;
  for (const TimedLine& line : result.out) {
    int consumer = 0, end = 0;
    long item = 0;
    if (std::sscanf(line.text.c_str(), "consumer-%d took %ld%n", &consumer, &item, &end) == 2 &&
        static_cast<std::size_t>(end) == line.text.size()) {
      items.push_back(item);
    }
  }
  std::sort(items.begin(), items.end());
  return items;
}

// Items 0, 1, ..., n-1.
inline std::vector<std::int64_t> FirstItems(std::int64_t n) {
  std::vector<std::int64_t> items(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
  std::iota(items.begin(), items.end(), 0);
  return items;
}

}  // namespace kata::testing

#endif  // KATA_EXERCISES_05_WATCHER_APP_TEST_HELPERS_H_
