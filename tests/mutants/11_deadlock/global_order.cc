// Alternative solution for exercise 11: both Transfer and Total take the locks in one global
// order, the account with the lower number first, instead of std::scoped_lock. Correct, but unlike
// the reference; the tests must pass it
// (tests/mutants/11_deadlock:global_order_alternative_passes).
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
  if (from == to) {  // one mutex: std::scoped_lock(m, m) would lock it twice
    std::lock_guard<std::mutex> lock(source.mu);
    return source.balance >= amount;
  }
  // The lower-numbered account first, always: no two transfers can wait for each other in a cycle.
  std::mutex& first = from < to ? source.mu : target.mu;
  std::mutex& second = from < to ? target.mu : source.mu;
  std::lock_guard<std::mutex> lock_first(first);
  std::lock_guard<std::mutex> lock_second(second);
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
  locks.reserve(accounts_.size());
  for (const Account& a : accounts_) locks.emplace_back(a.mu);
  std::int64_t total = 0;
  for (const Account& a : accounts_) total += a.balance;
  return total;
}

}  // namespace kata
