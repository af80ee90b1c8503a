// Exercise 06 tests: who computes at the same time. No stopwatch: a ChunkObserver counts the
// workers inside a chunk, and handshakes make the overlap certain instead of lucky.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "exercises/06_cpu_attempt/cpu_attempt.h"
#include "gtest/gtest.h"
#include "tests/support/chaos.h"
#include "tests/support/leaked.h"
#include "tests/support/line_recorder.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::LineRecorder;

// How long the first workers wait for the others to join them inside a chunk. Workers that
// really run at once all arrive within scheduling slack; serial ones never do.
constexpr Clock::duration kHandshakeDeadline = 2 * kSchedulingSlack;
// How long a GIL holder waits to see whether a second worker gets into a chunk anyway: long
// enough for another worker -- even one of another call, on a thread of its own -- to start.
constexpr Clock::duration kOverlapProbe = 300ms;
// How long a held worker waits for Compute to return (it must not: Compute joins it first).
constexpr Clock::duration kReturnProbe = 250ms;

// Counts the workers inside a chunk now, the most ever, and the threads that computed. The
// first chunks to start wait until `together` chunks are being computed at once, or until
// `deadline` -- after that nobody waits again.
class ConcurrencyProbe : public ChunkObserver {
 public:
  ConcurrencyProbe(int together, Clock::duration deadline)
      : together_(together), deadline_(deadline) {}
  void ChunkStarted(int, std::int64_t) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      most_inside_ = std::max(most_inside_, ++inside_);
      threads_.insert(std::this_thread::get_id());
    }
    if (waiting_over_) return;
    entered_.Record("entered");
    entered_.WaitForCount(together_, deadline_);
    waiting_over_ = true;
  }
  void ChunkFinished(int, std::int64_t) override {
    std::lock_guard<std::mutex> lock(mu_);
    --inside_;
  }
  int most_inside() const {
    std::lock_guard<std::mutex> lock(mu_);
    return most_inside_;
  }
  std::set<std::thread::id> threads() const {
    std::lock_guard<std::mutex> lock(mu_);
    return threads_;
  }

 private:
  const std::size_t together_;
  const Clock::duration deadline_;
  LineRecorder entered_;
  std::atomic<bool> waiting_over_{false};
  mutable std::mutex mu_;
  int inside_ = 0;                     // guarded by mu_
  int most_inside_ = 0;                // guarded by mu_
  std::set<std::thread::id> threads_;  // guarded by mu_
};

// Tests that kThreads computes min(workers, chunks) chunks at the same time, each on a thread of
// its own -- even a single worker: the first chunks wait for one another, which only works if
// they really run at once.
TEST(ThreadsTest, AllWorkersComputeAtTheSameTime) {
  struct Case {
    int workers;
    std::int64_t n;
  };
  for (const Case c : {Case{1, 2 * kChunkSize}, Case{2, 4 * kChunkSize}, Case{3, 7 * kChunkSize},
                       Case{7, 3 * kChunkSize}}) {
    const int expected = static_cast<int>(std::min<std::int64_t>(c.workers, ChunkCount(c.n)));
    ConcurrencyProbe& probe = Leaked<ConcurrencyProbe>(expected, kHandshakeDeadline);
    Compute(c.n, Strategy::kThreads, c.workers, {.observer = &probe});
    ASSERT_EQ(expected, probe.most_inside())
        << "Compute(n=" << c.n << " (" << ChunkCount(c.n)
        << " chunks), kThreads, workers=" << c.workers << "): the first chunks waited "
        << FormatMs(kHandshakeDeadline) << " for " << expected
        << " workers to be inside a chunk together, but at most " << probe.most_inside()
        << " ever were. Start every thread before joining any.";
    const std::set<std::thread::id> threads = probe.threads();
    EXPECT_EQ(static_cast<std::size_t>(expected), threads.size())
        << "one thread per worker that has a chunk";
    EXPECT_EQ(0u, threads.count(std::this_thread::get_id()))
        << "the calling thread must only wait, not compute";
  }
}

// Tests that kGlobalLock starts a thread per worker, yet never lets two compute at once: the
// first GIL holder waits a while for a second worker to get in, and none may.
TEST(GlobalLockTest, OneWorkerComputesAtATime) {
  ConcurrencyProbe& probe = Leaked<ConcurrencyProbe>(2, kOverlapProbe);
  EXPECT_EQ(303, Compute(2 * kChunkSize, Strategy::kGlobalLock, 2, {.observer = &probe}));
  EXPECT_EQ(1, probe.most_inside())
      << "two kGlobalLock workers computed chunks at the same time: hold the global lock from "
         "before ChunkStarted until after ChunkFinished";
  EXPECT_EQ(2u, probe.threads().size()) << "kGlobalLock with 2 workers needs 2 threads";
  EXPECT_EQ(0u, probe.threads().count(std::this_thread::get_id()))
      << "the calling thread must only wait, not compute";
}

// Tests that the global lock is ONE lock for the whole process: two kGlobalLock calls running at
// the same time still compute one chunk at a time. The first chunk waits a while for a chunk of
// the other call to get in, and none may.
TEST(GlobalLockTest, TwoCallsShareOneLock) {
  ConcurrencyProbe& probe = Leaked<ConcurrencyProbe>(2, kOverlapProbe);
  std::int64_t primes[2] = {-1, -1};
  std::thread other(
      [&] { primes[1] = Compute(kChunkSize, Strategy::kGlobalLock, 1, {.observer = &probe}); });
  primes[0] = Compute(kChunkSize, Strategy::kGlobalLock, 1, {.observer = &probe});
  other.join();
  EXPECT_EQ(168, primes[0]) << "168 primes lie below 1000";
  EXPECT_EQ(168, primes[1]) << "168 primes lie below 1000";
  EXPECT_EQ(1, probe.most_inside())
      << "two kGlobalLock calls computed chunks at the same time: the global lock must be one "
         "mutex for the whole process, not one per call";
}

// Holds worker `held` in its chunk until Compute has returned, or kReturnProbe has passed.
class HoldOneWorker : public ChunkObserver {
 public:
  explicit HoldOneWorker(int held) : held_(held) {}
  void ChunkStarted(int worker, std::int64_t) override {
    if (worker == held_) returned_.WaitForCount(1, kReturnProbe);
  }
  void ChunkFinished(int, std::int64_t) override {
    ++finished_;
    finished_lines_.Record("finished");
  }
  // Blocks until `count` chunks have finished (true), or `timeout` has passed.
  bool WaitForFinished(int count, Clock::duration timeout) const {
    return finished_lines_.WaitForCount(count, timeout);
  }
  // Call right after Compute returns.
  void Returned() {
    finished_at_return_ = finished_.load();
    returned_.Record("returned");
  }
  int finished_at_return() const { return finished_at_return_; }

 private:
  const int held_;
  LineRecorder returned_;
  LineRecorder finished_lines_;
  std::atomic<int> finished_{0};
  std::atomic<int> finished_at_return_{-1};
};

// Tests that Compute joins every worker before it adds up the partial counts: with the last
// worker held back, Compute must wait for it. (A worker not joined also races with the reader
// of its slot, which TSan reports whichever worker it is.)
TEST(ThreadsTest, WaitsForEveryWorkerBeforeAddingUp) {
  HoldOneWorker& hold = Leaked<HoldOneWorker>(/*held=*/2);
  const std::int64_t primes = Compute(3 * kChunkSize, Strategy::kThreads, 3, {.observer = &hold});
  hold.Returned();
  EXPECT_EQ(3, hold.finished_at_return())
      << "Compute returned before worker 2 of 3 had finished its chunk: join every thread";
  EXPECT_EQ(430, primes) << "430 primes lie below 3000; worker 2's share was still missing";
}

// Uses up a chaos::FailThreadStart(nth) that Compute has not met (a wrong Compute may start
// fewer threads than expected), so that it cannot fail a later test: starts up to `nth` threads,
// stopping at the first that fails.
void UseUpThreadStartFailure(int nth) {
  for (int i = 0; i < nth; ++i) {
    try {
      std::thread([] {}).join();
    } catch (const std::system_error&) {
      return;
    }
  }
}

// Tests that when a thread cannot start, Compute throws std::system_error only after joining the
// workers already started: worker 0 is held in its chunk, and must have finished by the time
// Compute throws. Needs chaos mode, which can make the second thread start fail.
TEST(ThreadsTest, StartFailureJoinsTheStartedWorkers) {
  HoldOneWorker& hold = Leaked<HoldOneWorker>(/*held=*/0);
  if (!::kata::testing::chaos::FailThreadStart(2)) {
    GTEST_SKIP() << "needs chaos mode (bazel test --config=chaos) to make a thread start fail";
  }
  EXPECT_THROW(Compute(3 * kChunkSize, Strategy::kThreads, 3, {.observer = &hold}),
               std::system_error)
      << "the second of 3 threads could not start: Compute must throw std::system_error";
  hold.Returned();
  UseUpThreadStartFailure(2);
  EXPECT_EQ(1, hold.finished_at_return())
      << "Compute threw while worker 0, which had started, was still computing: join the "
         "threads already started before the exception leaves Compute";
  EXPECT_TRUE(hold.WaitForFinished(1, kHandshakeDeadline)) << "worker 0 never finished its chunk";
}

// Tests that a worker without a chunk is never started: 3 chunks and 7 workers start exactly 3
// threads. Chaos mode makes the 4th thread start from now on fail: Compute must not meet it.
TEST(ThreadsTest, StartsNoWorkerWithoutAChunk) {
  if (!::kata::testing::chaos::FailThreadStart(4)) {
    GTEST_SKIP() << "needs chaos mode (bazel test --config=chaos) to count thread starts";
  }
  try {
    EXPECT_EQ(430, Compute(3 * kChunkSize, Strategy::kThreads, 7));
  } catch (const std::system_error& e) {
    ADD_FAILURE() << "Compute(n=3000 (3 chunks), kThreads, workers=7) tried to start a 4th thread, "
                  << "and it failed (" << e.what() << "): start only the 3 workers with a chunk";
  }
  UseUpThreadStartFailure(4);
}

}  // namespace
}  // namespace kata
