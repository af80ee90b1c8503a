// Alternative solution for exercise 11: std::lock with deferred unique_locks, the self-transfer
// handled through the same path by locking one mutex, and Total summing while it locks. Correct,
// but unlike the reference; the tests must pass it
// (tests/mutants/11_deadlock:std_lock_deferred_alternative_passes).
#include <stdexcept>

#include "exercises/11_deadlock/bank.h"

namespace kata {

Bank::Bank(const std::vector<std::int64_t>& balances) : accounts_(balances.size()) {
  for (std::size_t i = 0; i < balances.size(); ++i) accounts_[i].balance = balances[i];
}

bool Bank::Transfer(std::size_t from, std::size_t to, std::int64_t amount) {
  Account& source = accounts_.at(from);
  Account& target = accounts_.at(to);
  if (amount < 0) throw std::invalid_argument("Transfer: negative amount");
  std::unique_lock<std::mutex> lock_source(source.mu, std::defer_lock);
  std::unique_lock<std::mutex> lock_target(target.mu, std::defer_lock);
  if (from == to) {
    lock_source.lock();
    return source.balance >= amount;
  }
  std::lock(lock_source, lock_target);
  if (source.balance < amount) return false;
  source.balance -= amount;
  target.balance += amount;
  return true;
}

std::int64_t Bank::Balance(std::size_t account) const {
  const Account& a = accounts_.at(account);
  std::lock_guard<std::mutex> lock(a.mu);
  return a.balance;
}

std::int64_t Bank::Total() const {
  // Every lock, in one global order (by account number): never a cycle with another Total, and
  // a Transfer holds no lock while it waits for one.
  std::vector<std::unique_lock<std::mutex>> locks;
  std::int64_t total = 0;
  for (const Account& a : accounts_) {  // ascending, and each kept until the end
    locks.emplace_back(a.mu);
    total += a.balance;
  }
  return total;
}

}  // namespace kata
