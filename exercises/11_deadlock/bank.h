// Exercise 11: a bank whose transfers never deadlock.
//
// A transfer touches two accounts, and each account has its own mutex, so a transfer needs two
// locks. Taken one after the other, in the order the caller names the accounts, two opposite
// transfers (0 -> 1 and 1 -> 0) can each hold one lock and wait forever for the other: Python's
// classic two-lock deadlock. Bank takes both as one step (std::scoped_lock), or always in one
// global order, so no cycle of waits can form. This header is the contract: read it, then make
// bank.cc fulfil it. Do not change this file; every test, the reference solution and the
// mutants are built against it.
//
// Thread safety: every method may be called from any thread, at any time, concurrently. Each
// account's balance is guarded by that account's own mutex; no lock covers the whole bank.
#ifndef KATA_EXERCISES_11_DEADLOCK_BANK_H_
#define KATA_EXERCISES_11_DEADLOCK_BANK_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace kata {

// Accounts numbered 0 .. n-1, each with a balance, and transfers between them:
//
//   Bank bank({100, 50});
//   bank.Transfer(0, 1, 30);   // true: {70, 80}
//   bank.Transfer(1, 0, 90);   // false: account 1 holds only 80; nothing changes
//   bank.Total();              // 150, whatever transfers run meanwhile
class Bank {
 public:
  // Opens one account per entry of `balances`, holding that balance. The number of accounts
  // never changes afterwards.
  explicit Bank(const std::vector<std::int64_t>& balances);

  Bank(const Bank&) = delete;
  Bank& operator=(const Bank&) = delete;

  // Moves `amount` from account `from` to account `to` if `from` holds at least `amount`, and
  // returns true; otherwise changes nothing and returns false. The check and the move are one
  // step: no other transfer can change either balance between them, so no money is ever spent
  // twice and no balance goes below zero. A transfer to the same account (from == to) moves
  // nothing and returns whether the account holds at least `amount`. An amount of 0 succeeds.
  // Blocks only while other calls hold the two accounts' locks, and never deadlocks, however
  // many transfers run in whatever directions. Throws std::invalid_argument if `amount` is
  // negative and std::out_of_range if an account number is not below the number of accounts,
  // changing nothing either way.
  bool Transfer(std::size_t from, std::size_t to, std::int64_t amount);

  // The balance of `account`. Blocks only briefly, on that account's lock. Throws
  // std::out_of_range if there is no such account.
  std::int64_t Balance(std::size_t account) const;

  // The sum of every balance at one moment: as if no transfer ran while it summed, so with
  // transfers running it still returns the total the bank opened with. Holds every account's
  // lock at once, taken in one global order (by account number); blocks while transfers hold
  // accounts, and never deadlocks with transfers or other Totals.
  std::int64_t Total() const;

 private:
  struct Account {
    mutable std::mutex mu;
    std::int64_t balance = 0;  // guarded by mu
  };

  // One entry per account; the vector itself never changes after the constructor.
  std::vector<Account> accounts_;
};

}  // namespace kata

#endif  // KATA_EXERCISES_11_DEADLOCK_BANK_H_
