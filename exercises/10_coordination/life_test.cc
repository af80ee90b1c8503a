// Exercise 10 tests of RunLife. Read them: they are the specification.

#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "exercises/10_coordination/coordination.h"
#include "gtest/gtest.h"
#include "tests/support/chaos.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;

// How long a worker waits in the observer for the others to start a generation.
constexpr auto kRendezvous = 2 * kSchedulingSlack;
// How long a RunLife call may take before the test calls it stuck: the boards are small, so only
// a call that can never return (a worker left waiting forever) takes this long.
constexpr auto kRunDeadline = 2 * kRendezvous;

// How a RunLife call ended: the board it returned, or what it threw.
struct Outcome {
  std::optional<Board> board;
  std::string error;       // "invalid_argument: ..." or "system_error: ..." when it threw
  int threads_before = 0;  // threads of the process as RunLife was called
  int threads_after = 0;   // and once it had returned or thrown, and its own threads had ended
};

// Threads of this process right now.
int ThreadCount() { return static_cast<int>(::kata::testing::ThreadsOfThisProcess().size()); }

// ThreadCount() once it is `limit` or less, or after kSchedulingSlack: a joined thread may take
// a moment to leave /proc.
int ThreadCountFallenTo(int limit) {
  const auto deadline = ::kata::testing::Clock::now() + kSchedulingSlack;
  int count = ThreadCount();
  while (count > limit && ::kata::testing::Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    count = ThreadCount();
  }
  return count;
}

// Runs RunLife on a helper thread; nullopt if it had not returned after kRunDeadline. With
// `fail_second_start`, the second thread RunLife starts fails to start (chaos mode only).
std::optional<Outcome> PromptRunLife(const Board& start, int generations, int workers,
                                     LifeObserver* observer, bool fail_second_start = false) {
  auto outcome = OnHelperThread([=] {
    Outcome result;
    if (fail_second_start && !::kata::testing::chaos::FailThreadStart(2)) {
      result.error = "chaos mode is off";
      return result;
    }
    result.threads_before = ThreadCount();
    try {
      result.board = RunLife(start, generations, workers, observer);
    } catch (const std::invalid_argument& e) {
      result.error = std::string("invalid_argument: ") + e.what();
    } catch (const std::system_error& e) {
      result.error = std::string("system_error: ") + e.what();
    } catch (const std::exception& e) {
      result.error = std::string("another exception: ") + e.what();
    }
    result.threads_after = ThreadCountFallenTo(result.threads_before);
    return result;
  });
  if (outcome.wait_for(kRunDeadline) != std::future_status::ready) return std::nullopt;
  return outcome.get();
}

// A board of `rows` x `cols` with some cells live, the same each time.
Board Soup(int rows, int cols) {
  Board board(rows, std::string(cols, '.'));
  unsigned state = 12345;
  for (std::string& row : board) {
    for (char& cell : row) {
      state = state * 1103515245 + 12345;
      if ((state >> 16) % 3 == 0) cell = '#';
    }
  }
  return board;
}

// One generation by Conway's rules, computed the plain way.
Board Step(const Board& board) {
  const int rows = static_cast<int>(board.size());
  const int cols = static_cast<int>(board[0].size());
  Board next = board;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      int live = 0;
      for (int dr = -1; dr <= 1; ++dr) {
        for (int dc = -1; dc <= 1; ++dc) {
          const int nr = r + dr, nc = c + dc;
          if ((dr || dc) && nr >= 0 && nr < rows && nc >= 0 && nc < cols) {
            live += board[nr][nc] == '#';
          }
        }
      }
      next[r][c] = (live == 3 || (board[r][c] == '#' && live == 2)) ? '#' : '.';
    }
  }
  return next;
}

std::string Text(const Board& board) {
  std::string text;
  for (const std::string& row : board) text += row + "\n";
  return text;
}

// An observer that records every (worker, generation) it is told of, checks that no worker
// starts a generation before every worker has started the one before, and holds each worker at
// the start of generation 0 until all `workers` are there: a rendezvous that only workers
// running at the same time can complete.
class Rendezvous : public LifeObserver {
 public:
  explicit Rendezvous(int workers) : workers_(workers) {}

  void Computing(int worker, int generation) override {
    std::unique_lock<std::mutex> lock(mu_);
    ++seen_[{worker, generation}];
    ++started_[generation];
    if (generation > 0 && started_[generation - 1] < workers_) {
      problems_ << "worker " << worker << " started generation " << generation << " when only "
                << started_[generation - 1] << " of " << workers_
                << " workers had started generation " << generation - 1 << "\n";
    }
    if (generation == 0 &&
        !cv_.wait_for(lock, kRendezvous, [this] { return started_[0] >= workers_; })) {
      problems_ << "a worker waited " << FormatMs(kRendezvous) << " for the others to start "
                << "generation 0: the " << workers_
                << " workers must run at the same time, one thread each\n";
    }
    cv_.notify_all();
  }

  // Every (worker, generation) pair reported, with how often, as "w0g0 w0g1 ...".
  std::string Pairs() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string pairs;
    for (const auto& [pair, count] : seen_) {
      pairs += "w" + std::to_string(pair.first) + "g" + std::to_string(pair.second);
      if (count != 1) pairs += "x" + std::to_string(count);
      pairs += " ";
    }
    return pairs;
  }

  std::string Problems() {
    std::lock_guard<std::mutex> lock(mu_);
    return problems_.str();
  }

 private:
  const int workers_;
  std::mutex mu_;
  std::condition_variable cv_;               // notified as a worker starts generation 0
  std::map<std::pair<int, int>, int> seen_;  // guarded by mu_
  std::map<int, int> started_;               // guarded by mu_: generation -> workers
  std::ostringstream problems_;              // guarded by mu_
};

// What a Rendezvous for `workers` workers and `generations` generations should have recorded.
std::string ExpectedPairs(int workers, int generations) {
  std::string pairs;
  for (int w = 0; w < workers; ++w) {
    for (int g = 0; g < generations; ++g) {
      pairs += "w" + std::to_string(w) + "g" + std::to_string(g) + " ";
    }
  }
  return pairs;
}

// Tests RunLife against the plain rules on a 7 x 9 board: one generation with 2 workers, then 5
// generations with 2, 1, 3 and 7 workers (so that most bands are uneven); and 0 generations
// return the board unchanged. A worker that starts the next generation before the others have
// finished, or boards swapped more or less than once per generation, give a wrong board, and
// ThreadSanitizer reports the race. The test stops at the first wrong board: boards swapped by two
// threads at once may be corrupt.
TEST(LifeTest, AgreesWithTheRulesForAnyNumberOfWorkers) {
  const Board start = Soup(7, 9);
  Board expected = start;
  for (int g = 0; g < 5; ++g) expected = Step(expected);
  const std::pair<int, int> kRuns[] = {{1, 2}, {5, 2}, {5, 1}, {5, 3}, {5, 7}};
  for (const auto& [generations, workers] : kRuns) {
    {
      const std::optional<Outcome> outcome = PromptRunLife(start, generations, workers, nullptr);
      const std::string call =
          "RunLife(board, " + std::to_string(generations) + ", " + std::to_string(workers) + ")";
      ASSERT_TRUE(outcome) << call << " had not returned after " << FormatMs(kRunDeadline);
      ASSERT_TRUE(outcome->board) << call << " threw: " << outcome->error;
      ASSERT_EQ(start.size(), outcome->board->size()) << call << ": rows returned";
      ASSERT_EQ(Text(generations == 1 ? Step(start) : expected), Text(*outcome->board))
          << generations << " generation(s) with " << workers << " worker(s), from\n"
          << Text(start);
    }
  }
  const std::optional<Outcome> unchanged = PromptRunLife(start, 0, 3, nullptr);
  ASSERT_TRUE(unchanged && unchanged->board)
      << "RunLife(board, 0, 3) " << (unchanged ? "threw: " + unchanged->error : "did not return");
  EXPECT_EQ(Text(start), Text(*unchanged->board))
      << "0 generations must return the board unchanged";
}

// Tests that the workers run at the same time, one thread each: 3 workers on a 4-row board must
// all reach the start of generation 0 together (a rendezvous in the observer, which only
// concurrent workers can complete), each is told of each of its 4 generations exactly once, and
// none starts a generation before all have started the one before.
TEST(LifeTest, WorkersRunAtTheSameTime) {
  Rendezvous& observer = Leaked<Rendezvous>(3);  // a worker left behind may still call it
  const Board start = Soup(4, 6);
  const std::optional<Outcome> outcome = PromptRunLife(start, 4, 3, &observer);
  EXPECT_EQ("", observer.Problems());
  ASSERT_TRUE(outcome) << "RunLife(board, 4, 3) had not returned after " << FormatMs(kRunDeadline);
  ASSERT_TRUE(outcome->board) << "RunLife(board, 4, 3) threw: " << outcome->error;
  EXPECT_EQ(ExpectedPairs(3, 4), observer.Pairs()) << "the (worker, generation) pairs reported";
}

// Tests that bad arguments throw std::invalid_argument before any worker computes: an empty
// board, rows of different lengths, -1 generations, 0 workers, and 3 workers for 2 rows.
TEST(LifeTest, RejectsBadArgumentsBeforeStartingAThread) {
  const struct {
    std::string what;
    Board board;
    int generations;
    int workers;
  } kCases[] = {
      {"an empty board", {}, 1, 1},
      {"rows of different lengths", {"...", ".."}, 1, 1},
      {"-1 generations", {"...", "..."}, -1, 1},
      {"0 workers", {"...", "..."}, 1, 0},
      {"3 workers for 2 rows", {"...", "..."}, 1, 3},
  };
  for (const auto& c : kCases) {
    Rendezvous& observer = Leaked<Rendezvous>(c.workers);
    const std::optional<Outcome> outcome =
        PromptRunLife(c.board, c.generations, c.workers, &observer);
    ASSERT_TRUE(outcome) << "RunLife with " << c.what << " had not returned";
    EXPECT_EQ(0u, outcome->error.rfind("invalid_argument: ", 0))
        << "RunLife with " << c.what << " must throw std::invalid_argument; it "
        << (outcome->board ? "returned a board" : "threw: " + outcome->error);
    EXPECT_EQ("", observer.Pairs()) << "RunLife with " << c.what << " started a worker";
  }
}

// Tests a worker thread that cannot start (chaos mode makes the second thread RunLife starts
// fail): RunLife throws that std::system_error, no worker computes anything, and the worker that
// did start has ended by the time RunLife throws -- it was neither left waiting for the missing
// worker nor detached.
TEST(LifeTest, AWorkerThatCannotStartLeavesNothingBehind) {
  if (!::kata::testing::chaos::Interposed()) {
    GTEST_SKIP() << "needs chaos mode to make a thread fail to start: tools/grade run 10 --chaos";
  }
  Rendezvous& observer = Leaked<Rendezvous>(3);
  const std::optional<Outcome> outcome =
      PromptRunLife(Soup(4, 6), 4, 3, &observer, /*fail_second_start=*/true);
  ASSERT_TRUE(outcome) << "RunLife, whose second worker could not start, had not returned after "
                       << FormatMs(kRunDeadline)
                       << " (nullopt: RunLife had not returned): are the started workers still "
                          "waiting for the missing one?";
  EXPECT_EQ(0u, outcome->error.rfind("system_error: ", 0))
      << "RunLife must rethrow the std::system_error of the failed start; it "
      << (outcome->board ? "returned a board" : "threw: " + outcome->error);
  EXPECT_EQ("", observer.Pairs()) << "workers computed, though one could not start";
  EXPECT_LE(outcome->threads_after, outcome->threads_before)
      << "threads that RunLife started were still running after it threw";
}

}  // namespace
}  // namespace kata
