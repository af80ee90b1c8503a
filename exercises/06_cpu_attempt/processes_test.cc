// Exercise 06 tests: the children of kProcesses. Every child is reaped -- no zombie left behind
// -- and a child that dies is reported as an error, promptly, never waited for forever.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "exercises/06_cpu_attempt/compute_or_explain.h"
#include "exercises/06_cpu_attempt/cpu_attempt.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/children.h"
#include "tests/support/line_recorder.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::LineRecorder;
using ::kata::testing::SawChildrenOverlap;
using ::kata::testing::UnreapedChildren;
using ::testing::HasSubstr;

// Far longer than Compute needs even on a loaded machine; a Compute still running then hangs.
constexpr auto kHangDeadline = 5s;
// How long a child is held (stopped) at most, waiting for its sibling to appear.
constexpr auto kHoldDeadline = 2s;

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "    " + line + "\n";
  return out;
}

struct Outcome {
  std::optional<std::int64_t> primes;  // set if Compute returned
  std::string error;                   // what() of the std::runtime_error it threw, if it did
  std::string other;                   // what() of any other exception
};

// Runs Compute on a thread of its own and waits up to kHangDeadline for it, so that a Compute
// that hangs fails the test instead of hanging it. nullopt means it hung (the thread is leaked).
std::optional<Outcome> ComputeOrHang(std::int64_t n, int workers, ComputeHooks hooks) {
  struct Shared {
    Outcome outcome;  // written before `done` is recorded, read after
    LineRecorder done;
  };
  auto shared = std::make_shared<Shared>();
  std::thread([shared, n, workers, hooks] {
    try {
      shared->outcome.primes = Compute(n, Strategy::kProcesses, workers, hooks);
    } catch (const std::runtime_error& e) {
      shared->outcome.error = e.what();
    } catch (const std::exception& e) {
      shared->outcome.other = e.what();
    }
    shared->done.Record("done");
  }).detach();
  if (!shared->done.WaitForCount(1, kHangDeadline)) return std::nullopt;
  return shared->outcome;
}

// Tests that no child outlives Compute: each one is reaped with waitpid.
TEST(ProcessesTest, ReapsEveryChild) {
  EXPECT_EQ(1208, ComputeOrExplain(9800, Strategy::kProcesses, 3));
  const std::vector<std::string> unreaped = UnreapedChildren();
  EXPECT_TRUE(unreaped.empty())
      << "after Compute(kProcesses, workers=3) returned, these children were not reaped (a "
         "zombie, state Z, keeps its slot in the process table until waitpid):\n"
      << Join(unreaped);
}

// Tests that the children run at the same time: each child is held (stopped) as soon as it is
// seen, so that it stays alive until its sibling is seen beside it. A Compute that waits for one
// child before forking the next never gets there, and its child is let go after kHoldDeadline.
TEST(ProcessesTest, ChildrenRunAtTheSameTime) {
  constexpr std::int64_t kN = 1'000'000;  // work enough that a child lives long enough to be seen
  std::atomic<bool> done{false};
  bool overlap = false;
  std::thread holder([&done, &overlap] { overlap = SawChildrenOverlap(kHoldDeadline, done); });
  const std::optional<Outcome> outcome = ComputeOrHang(kN, 2, {});
  done = true;
  holder.join();
  ASSERT_TRUE(outcome.has_value())
      << "Compute(kProcesses, workers=2) was still running after " << FormatMs(kHangDeadline);
  EXPECT_EQ(78498, outcome->primes.value_or(-1)) << outcome->error << outcome->other;
  EXPECT_TRUE(overlap) << "the 2 children of Compute(kProcesses, workers=2) were never alive at "
                          "the same time, although a child was held for up to "
                       << FormatMs(kHoldDeadline)
                       << ": fork every child before waiting for any of them";
}

// Tests that a dying child is reported as std::runtime_error naming its worker -- after all
// children are reaped, and without waiting forever on the pipe of the dead one.
TEST(ProcessesTest, ChildFailureIsAnErrorNotAHang) {
  struct Case {
    ChildFailure failure;
    const char* what;
  };
  for (const Case c : {Case{ChildFailure::kKilledBeforeReporting, "is killed before reporting"},
                       Case{ChildFailure::kExitsWithStatus1, "reports, then exits with 1"}}) {
    const std::optional<Outcome> outcome =
        ComputeOrHang(9800, 2, {.failing_worker = 1, .failure = c.failure});
    ASSERT_TRUE(outcome.has_value())
        << "the child of worker 1 " << c.what << ", and Compute was still running after "
        << FormatMs(kHangDeadline) << ". Does the parent close the write end of each pipe right "
        << "after fork(), so that the read sees the end of a dead child's pipe?";
    EXPECT_FALSE(outcome->primes.has_value())
        << "the child of worker 1 " << c.what << ", yet Compute returned " << *outcome->primes
        << ". Check both the bytes read and the status from waitpid.";
    EXPECT_EQ("", outcome->other) << "expected a std::runtime_error, got another exception";
    if (!outcome->primes.has_value()) {
      EXPECT_THAT(outcome->error, HasSubstr("worker 1")) << "name the worker whose child failed";
    }
    const std::vector<std::string> unreaped = UnreapedChildren();
    EXPECT_TRUE(unreaped.empty()) << "reap every child before throwing; left over:\n"
                                  << Join(unreaped);
  }
}

// Tests that a failing child that is NOT the last one is reported too, after every child --
// the ones after it included -- has been reaped.
TEST(ProcessesTest, FailureOfAnEarlierChildIsReported) {
  for (const ChildFailure failure :
       {ChildFailure::kKilledBeforeReporting, ChildFailure::kExitsWithStatus1}) {
    const std::optional<Outcome> outcome =
        ComputeOrHang(9800, 3, {.failing_worker = 0, .failure = failure});
    ASSERT_TRUE(outcome.has_value())
        << "the child of worker 0 of 3 failed, and Compute was still running after "
        << FormatMs(kHangDeadline);
    EXPECT_FALSE(outcome->primes.has_value())
        << "the child of worker 0 of 3 failed, yet Compute returned " << *outcome->primes
        << ": a later child's success must not hide an earlier child's failure";
    EXPECT_EQ("", outcome->other) << "expected a std::runtime_error, got another exception";
    if (!outcome->primes.has_value()) {
      EXPECT_THAT(outcome->error, HasSubstr("worker 0")) << "name the worker whose child failed";
    }
    const std::vector<std::string> unreaped = UnreapedChildren();
    EXPECT_TRUE(unreaped.empty()) << "reap every child -- also the ones after the failed one -- "
                                  << "before throwing; left over:\n"
                                  << Join(unreaped);
  }
}

// Tests that a child leaves with _exit(), not exit(): text the parent has written to a stdio
// stream but not yet flushed is in each child's copy of the buffer, and exit() would flush
// those copies too, so the text would appear once more per child.
TEST(ProcessesTest, ChildrenDoNotFlushTheParentsBuffers) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(nullptr, file) << "tmpfile() failed";
  std::fputs("written once\n", file);  // a file is fully buffered: this stays in the buffer
  const std::optional<Outcome> outcome = ComputeOrHang(9800, 3, {});
  ASSERT_TRUE(outcome.has_value())
      << "Compute(kProcesses, workers=3) was still running after " << FormatMs(kHangDeadline);
  EXPECT_EQ(1208, outcome->primes.value_or(-1)) << outcome->error << outcome->other;
  std::fflush(file);
  std::rewind(file);
  std::string text;
  for (int c; (c = std::fgetc(file)) != EOF;) text += static_cast<char>(c);
  std::fclose(file);
  EXPECT_EQ("written once\n", text)
      << "the parent wrote one unflushed line before Compute forked 3 children: each child must "
         "end with _exit(), which flushes nothing, not exit()";
}

}  // namespace
}  // namespace kata
