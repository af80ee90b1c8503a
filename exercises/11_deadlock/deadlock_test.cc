// Exercise 11 with threads: transfers in opposite directions, many transfers racing for the
// same money, a check and a move split apart, Total paused between two locks, Total while
// money moves, and a transfer to the same account while money moves. Every wait has a deadline,
// so a deadlock fails the test with a message instead of hanging it.
#include <gtest/gtest.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <latch>
#include <string>
#include <type_traits>
#include <vector>

#include "exercises/11_deadlock/bank.h"
#include "tests/support/chaos.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"

namespace kata {
namespace {

using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;
using ::kata::testing::ThisThreadId;
using namespace std::chrono_literals;

// How long threads that should finish at once may take before the test calls them stuck.
constexpr std::chrono::seconds kDeadline{5};

// Whether every future is ready within kDeadline (counted from the call).
template <typename T>
bool AllFinished(std::vector<std::future<T>>& futures) {
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  for (auto& f : futures) {
    if (f.wait_until(until) != std::future_status::ready) return false;
  }
  return true;
}

// Tests that transfers 0 -> 1 and 1 -> 0, running at the same time, all finish and all
// succeed: locks taken one by one in the caller's order deadlock here, and ThreadSanitizer
// reports their lock-order inversion even on a run that does not deadlock.
TEST(DeadlockTest, OppositeTransfersNeverDeadlock) {
  constexpr int kRounds = 1000;
  Bank& bank = Leaked<Bank>(std::vector<std::int64_t>{kRounds, kRounds});
  std::latch& start = Leaked<std::latch>(2);
  std::vector<std::future<int>> threads;
  for (const auto& [from, to] : {std::pair<int, int>{0, 1}, {1, 0}}) {
    threads.push_back(OnHelperThread([&bank, &start, from = from, to = to] {
      start.arrive_and_wait();
      int took = 0;
      for (int i = 0; i < kRounds; ++i) took += bank.Transfer(from, to, 1) ? 1 : 0;
      return took;
    }));
  }
  ASSERT_TRUE(AllFinished(threads))
      << "transfers 0 -> 1 and 1 -> 0 had not finished after " << kDeadline.count()
      << " s: a deadlock. Take both locks as one step: std::scoped_lock(a.mu, b.mu)";
  const int a_took = threads[0].get();
  const int b_took = threads[1].get();
  EXPECT_EQ(2 * kRounds, a_took + b_took)
      << "transfers of 1 that succeeded; each source always held enough";
  EXPECT_EQ(2 * kRounds, bank.Total()) << "money appeared or vanished";
  EXPECT_EQ(kRounds - a_took + b_took, bank.Balance(0));
}

// Tests that many threads taking 1 at a time from one account holding 2,000 succeed exactly
// 2,000 times between them: no money is spent twice and none is made.
TEST(DeadlockTest, NoMoneyIsSpentTwice) {
  constexpr int kThreads = 4;
  constexpr int kTries = 1000;  // per thread: twice what there is, in all
  Bank& bank = Leaked<Bank>(std::vector<std::int64_t>{2000, 0, 0, 0, 0});
  std::latch& start = Leaked<std::latch>(kThreads);
  std::vector<std::future<int>> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.push_back(OnHelperThread([&bank, &start, to = t + 1] {
      start.arrive_and_wait();
      int took = 0;
      for (int i = 0; i < kTries; ++i) took += bank.Transfer(0, to, 1) ? 1 : 0;
      return took;
    }));
  }
  ASSERT_TRUE(AllFinished(threads))
      << "the transfers had not finished after " << kDeadline.count() << " s: a deadlock?";
  int succeeded = 0;
  for (int t = 0; t < kThreads; ++t) {
    const int took = threads[t].get();
    succeeded += took;
    EXPECT_EQ(took, bank.Balance(t + 1))
        << "account " << t + 1 << " after " << took << " successful transfers of 1 into it";
  }
  EXPECT_EQ(2000, succeeded)
      << "transfers of 1 from an account holding 2,000 that succeeded: check the balance and "
         "move the money under both locks";
  EXPECT_EQ(0, bank.Balance(0)) << "account 0 after 2,000 units left it";
  EXPECT_EQ(2000, bank.Total()) << "money appeared or vanished";
}

// What the tests that hold thread A right after its first mutex unlock share with their threads;
// leaked, as a stuck thread may outlive its test.
struct Split {
  explicit Split(const std::vector<std::int64_t>& balances) : bank(balances) {}
  Bank bank;
  std::promise<bool> held;  // true: A is held after an unlock; false: A returned first
  std::future<bool> a_held = held.get_future();
  std::atomic<bool> answered{false};
  std::atomic<bool> release{false};
  std::atomic<pid_t> b_tid{0};
  void Answer(bool value) {
    if (!answered.exchange(true)) held.set_value(value);
  }
  void ReleaseA() {
    release = true;
    release.notify_all();
  }
};

// Runs `call` on thread A, held right after the first mutex unlock inside it until
// s.ReleaseA(); s.a_held says whether it got there. Needs chaos mode.
template <typename Fn>
std::future<std::invoke_result_t<Fn>> RunHeldAfterFirstUnlock(Split& s, Fn call) {
  return OnHelperThread([&s, call] {
    const bool armed = testing::chaos::AfterNextUnlock([&s] {
      s.Answer(true);
      s.release.wait(false);
    });
    if (!armed) s.Answer(false);
    auto result = call();
    s.Answer(false);
    return result;
  });
}

// Runs `call` on thread B until it returns, or until it blocks on a lock (one that A still
// holds), or kDeadline has passed; B goes on running after that.
template <typename Fn>
std::future<std::invoke_result_t<Fn>> RunUntilReturnedOrBlocked(Split& s, Fn call) {
  auto b = OnHelperThread([&s, call] {
    s.b_tid = ThisThreadId();
    return call();
  });
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  while (b.wait_for(1ms) != std::future_status::ready &&
         !(s.b_tid != 0 && testing::WaitUntilBlockedInFutex(s.b_tid, 1ms)) &&
         std::chrono::steady_clock::now() < until) {
  }
  return b;
}

// Tests that the check and the move are one step: thread A's Transfer(0, 1, 1) is held right
// after its first unlock, while thread B's Transfer(0, 2, 1) runs; only one of them may take
// the one unit. Checked under one lock and moved under another, both take it. Needs chaos mode.
TEST(DeadlockTest, TheCheckAndTheMoveAreOneStep) {
  if (!testing::chaos::Enabled()) {
    GTEST_SKIP() << "needs chaos mode to hold a thread between two locks: tools/grade run 11 "
                    "--chaos";
  }
  Split& s = Leaked<Split>(std::vector<std::int64_t>{1, 0, 0});
  std::future<bool> a = RunHeldAfterFirstUnlock(s, [&s] { return s.bank.Transfer(0, 1, 1); });
  ASSERT_EQ(std::future_status::ready, s.a_held.wait_for(kDeadline))
      << "Transfer(0, 1, 1) did not return";
  ASSERT_TRUE(s.a_held.get()) << "Transfer(0, 1, 1) unlocked no mutex";

  // A is held. B runs until it returns, or until it blocks on a lock that A still holds.
  std::future<bool> b = RunUntilReturnedOrBlocked(s, [&s] { return s.bank.Transfer(0, 2, 1); });
  s.ReleaseA();
  ASSERT_EQ(std::future_status::ready, a.wait_for(kDeadline))
      << "Transfer(0, 1, 1) did not return once released";
  ASSERT_EQ(std::future_status::ready, b.wait_for(kDeadline)) << "Transfer(0, 2, 1) did not return";
  const bool a_took = a.get();
  const bool b_took = b.get();
  EXPECT_EQ(1, int{a_took} + int{b_took})
      << "transfers of 1 from an account holding 1 that succeeded: A " << a_took << ", B " << b_took
      << "; check the balance and move the money under the same lock";
  EXPECT_EQ(0, s.bank.Balance(0)) << "account 0 after one unit left it";
  EXPECT_EQ(1, s.bank.Total()) << "money appeared or vanished";
}

// Tests that Total holds both accounts' locks at once: thread A's Total() of {100, 100} is held
// right after its first unlock, while thread B's Transfer(0, 1, 30) runs until it returns or
// blocks on a lock A still holds. Locking and reading one account at a time, Total has read one
// balance before the move and reads the other after it: 230 or 170. Needs chaos mode; skips
// itself otherwise.
TEST(DeadlockTest, TotalHoldsEveryLockAtOnce) {
  if (!testing::chaos::Enabled()) {
    GTEST_SKIP() << "needs chaos mode to hold Total between two locks: tools/grade run 11 --chaos";
  }
  Split& s = Leaked<Split>(std::vector<std::int64_t>{100, 100});
  std::future<std::int64_t> total = RunHeldAfterFirstUnlock(s, [&s] { return s.bank.Total(); });
  ASSERT_EQ(std::future_status::ready, s.a_held.wait_for(kDeadline)) << "Total() did not return";
  ASSERT_TRUE(s.a_held.get()) << "Total() unlocked no mutex: it must lock every account";

  std::future<bool> moved =
      RunUntilReturnedOrBlocked(s, [&s] { return s.bank.Transfer(0, 1, 30); });
  s.ReleaseA();
  ASSERT_EQ(std::future_status::ready, total.wait_for(kDeadline))
      << "Total() did not return once released";
  ASSERT_EQ(std::future_status::ready, moved.wait_for(kDeadline))
      << "Transfer(0, 1, 30) did not return";
  ASSERT_TRUE(moved.get()) << "Transfer(0, 1, 30) from an account holding 100 must succeed";
  EXPECT_EQ(200, total.get())
      << "Total() of accounts holding 100 and 100, paused after its first unlock while "
         "Transfer(0, 1, 30) ran: it read one balance before the transfer and the other after. "
         "Hold every account's lock at once while you sum";
}

// Tests that Total and Balance, each called in a loop on its own thread while transfers run,
// see the bank at one moment: the total it opened with, never money in flight, and no race.
TEST(DeadlockTest, TotalSeesOneMomentWhileTransfersRun) {
  constexpr int kAccounts = 4;
  constexpr int kRounds = 500;
  constexpr int kReaders = 2;
  Bank& bank = Leaked<Bank>(std::vector<std::int64_t>(kAccounts, 500));
  // Relaxed: a count that synchronised would order the readers after the transfers' writes
  // and hide an unlocked read from ThreadSanitizer.
  std::atomic<int>& running = Leaked<std::atomic<int>>(kAccounts);
  std::latch& start = Leaked<std::latch>(kAccounts + kReaders);
  std::vector<std::future<std::string>> threads;
  for (int from = 0; from < kAccounts; ++from) {  // a ring: 0 -> 1 -> 2 -> 3 -> 0
    threads.push_back(OnHelperThread([&bank, &running, &start, from] {
      start.arrive_and_wait();
      for (int i = 0; i < kRounds; ++i) bank.Transfer(from, (from + 1) % kAccounts, i % 7);
      running.fetch_sub(1, std::memory_order_relaxed);
      return std::string();
    }));
  }
  // Each reader reads until the transfers are done, and at least 100 times.
  auto read_until_done = [&running](int reads) {
    return running.load(std::memory_order_relaxed) > 0 || reads < 100;
  };
  threads.push_back(OnHelperThread([&bank, &start, read_until_done] {
    start.arrive_and_wait();
    for (int reads = 0; read_until_done(reads); ++reads) {
      const std::int64_t total = bank.Total();
      if (total != 2000) return "Total() said " + std::to_string(total) + " instead of 2000";
    }
    return std::string();
  }));
  threads.push_back(OnHelperThread([&bank, &start, read_until_done] {
    start.arrive_and_wait();
    for (int reads = 0; read_until_done(reads); ++reads) {
      const std::int64_t balance = bank.Balance(0);
      if (balance < 0) return "bank.Balance(0) said " + std::to_string(balance);
    }
    return std::string();
  }));
  ASSERT_TRUE(AllFinished(threads))
      << "transfers and Total had not finished after " << kDeadline.count() << " s: a deadlock?";
  for (auto& thread : threads) {
    EXPECT_EQ("", thread.get()) << "while transfers ran; Total must hold every lock at once";
  }
  EXPECT_EQ(2000, bank.Total());
}

// Tests that a transfer to the same account reads the balance under that account's lock: called
// in a loop while transfers in and out of the account run, it races with no one (ThreadSanitizer
// would report the unlocked read), and it moves no money.
TEST(DeadlockTest, ATransferToTheSameAccountLocksIt) {
  constexpr int kRounds = 500;
  Bank& bank = Leaked<Bank>(std::vector<std::int64_t>{500, 500});
  // Relaxed, as above: a count that synchronised would hide an unlocked read.
  std::atomic<int>& running = Leaked<std::atomic<int>>(2);
  std::latch& start = Leaked<std::latch>(3);
  std::vector<std::future<bool>> threads;
  for (const auto& [from, to] : {std::pair<int, int>{0, 1}, {1, 0}}) {
    threads.push_back(OnHelperThread([&bank, &running, &start, from = from, to = to] {
      start.arrive_and_wait();
      for (int i = 0; i < kRounds; ++i) bank.Transfer(from, to, i % 7);
      running.fetch_sub(1, std::memory_order_relaxed);
      return true;
    }));
  }
  threads.push_back(OnHelperThread([&bank, &running, &start] {
    start.arrive_and_wait();
    // Until the transfers are done, and at least 100 times.
    for (int calls = 0; running.load(std::memory_order_relaxed) > 0 || calls < 100; ++calls) {
      (void)bank.Transfer(0, 0, 500);
    }
    return true;
  }));
  ASSERT_TRUE(AllFinished(threads)) << "transfers 0 -> 1, 1 -> 0 and 0 -> 0 had not finished after "
                                    << kDeadline.count() << " s: a deadlock?";
  EXPECT_EQ(1000, bank.Total()) << "money appeared or vanished";
}

}  // namespace
}  // namespace kata
