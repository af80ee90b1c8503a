// Tests of the thread trace (trace.h): its event queue alone, and a traced run of this binary.
#include "tests/support/trace.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/chaos.h"
#include "tests/support/child_process.h"
#include "tests/support/line_recorder.h"
#include "tests/support/timing.h"
#include "tests/support/trace_ring.h"

namespace kata::testing {
namespace {

// Tests that the queue delivers every event, in order per pushing thread, also once it has
// wrapped around many times (4 x 20000 events through 32768 slots).
TEST(TraceRingTest, DeliversEveryEventInOrderAcrossWraparound) {
  if (trace::Enabled()) GTEST_SKIP() << "the trace sampler is popping the same queue";
  constexpr int kThreads = 4;
  constexpr std::uint64_t kEach = 20000;
  std::vector<std::thread> pushers;
  for (long t = 0; t < kThreads; ++t) {
    pushers.emplace_back([t] {
      for (std::uint64_t i = 0; i < kEach; ++i) {
        while (!trace::internal::Push(i, t, "n", "")) std::this_thread::yield();
      }
    });
  }
  std::vector<std::uint64_t> next(kThreads, 0);
  trace::internal::RingEvent event;
  for (std::uint64_t popped = 0; popped < kThreads * kEach;) {
    if (!trace::internal::Pop(event)) continue;
    ASSERT_EQ(next[event.tid], event.at_ns) << "thread " << event.tid << "'s events out of order";
    ++next[event.tid];
    ++popped;
  }
  for (std::thread& pusher : pushers) pusher.join();
  EXPECT_FALSE(trace::internal::Pop(event)) << "an event was delivered twice";
}

// Runs traced only, started by the next test: a thread that prints, then is joined.
TEST(TraceTest, TracedWorkload) {
  if (!trace::Enabled()) GTEST_SKIP() << "runs only when traced (see the next test)";
  LineRecorder out;
  std::thread greeter([&out] { out.Record("hello from a thread"); });
  greeter.join();
  // Runs until the sampler has looked twice, so it sees a thread running however late it is
  // scheduled on a busy machine.
  const long seen = trace::internal::samples.load(std::memory_order_relaxed);
  while (trace::internal::samples.load(std::memory_order_relaxed) < seen + 2) {
  }
}

// Tests that a run of this binary with KATA_TRACE set records the print (with the calls that made
// it) and the test around it, what each thread was doing, and -- where the thread layer is
// linked in, as under the --config=trace that `tools/grade timeline` builds with -- the thread's
// start, exit and join.
TEST(TraceTest, ATracedRunRecordsThreadsPrintsAndTests) {
  if (trace::Enabled()) GTEST_SKIP() << "already traced";
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(n, 0);
  self[n] = '\0';
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string file = std::string(tmp != nullptr ? tmp : "/tmp") + "/trace_test.tsv";
  ChildProcess child("/usr/bin/env",
                     {"KATA_TRACE=" + file, self, "--gtest_filter=TraceTest.TracedWorkload"});
  const ChildResult result = child.Wait(kForever);
  ASSERT_EQ(0, result.exit_code) << result.Describe();
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> kinds;
  for (std::string line; std::getline(text, line);) {
    std::istringstream fields(line);
    std::string at, tid, kind;
    if (std::getline(fields, at, '\t') && std::getline(fields, tid, '\t') &&
        std::getline(fields, kind, '\t')) {
      kinds.insert(kind);
    }
  }
  for (const char* kind : {"test", "print", "test_end", "run", "wait"}) {
    EXPECT_EQ(1u, kinds.count(kind)) << "no \"" << kind << "\" event in:\n" << text.str();
  }
  for (const char* kind : {"spawn", "start", "exit", "join", "joined"}) {
    EXPECT_EQ(chaos::Interposed() ? 1u : 0u, kinds.count(kind))
        << "\"" << kind << "\" events "
        << (chaos::Interposed() ? "missing" : "without --config=trace") << " in:\n"
        << text.str();
  }
  EXPECT_NE(std::string::npos, text.str().find("print\thello from a thread\tstack="))
      << "the print names no call in this binary:\n"
      << text.str();
}

}  // namespace
}  // namespace kata::testing
