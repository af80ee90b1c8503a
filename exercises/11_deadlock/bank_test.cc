// Exercise 11, one thread at a time: what Transfer, Balance and Total answer, and what they
// refuse. Even here ThreadSanitizer watches the order of the locks: a transfer 1 -> 0 after
// one 0 -> 1 that locks in the caller's order is a lock-order inversion, and fails the test by
// name (README.md, "Reading the lock-order-inversion report").
#include "exercises/11_deadlock/bank.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/deadline.h"
#include "tests/support/leaked.h"

namespace kata {
namespace {

using ::kata::testing::Leaked;
using ::kata::testing::ReturnsWithin;
using Balances = std::vector<std::int64_t>;

// How long a call that should return at once may take before the test calls it stuck.
constexpr std::chrono::seconds kDeadline{5};

// The balances of accounts 0 .. n-1.
Balances BalancesOf(const Bank& bank, std::size_t n) {
  Balances balances;
  for (std::size_t i = 0; i < n; ++i) balances.push_back(bank.Balance(i));
  return balances;
}

// Tests that a transfer moves the money when the source holds enough, its whole balance
// included, and changes nothing when it does not.
TEST(BankTest, TransferMovesMoneyOnlyWhenThereIsEnough) {
  Bank bank({100, 50, 0});
  EXPECT_TRUE(bank.Transfer(0, 2, 30));
  EXPECT_EQ((Balances{70, 50, 30}), BalancesOf(bank, 3)) << "after 30 from 0 to 2";
  EXPECT_TRUE(bank.Transfer(1, 0, 50)) << "account 1 holds exactly 50";
  EXPECT_EQ((Balances{120, 0, 30}), BalancesOf(bank, 3)) << "after 50 from 1 to 0";
  EXPECT_FALSE(bank.Transfer(1, 2, 1)) << "account 1 is empty";
  EXPECT_FALSE(bank.Transfer(0, 1, 121)) << "account 0 holds 120";
  EXPECT_EQ((Balances{120, 0, 30}), BalancesOf(bank, 3)) << "after two refused transfers";
  EXPECT_EQ(150, bank.Total());
}

// Tests that a transfer to the same account returns whether the account holds the amount,
// moves nothing, and returns at all: its account has one mutex, which it must lock once.
TEST(BankTest, ATransferToTheSameAccountChangesNothing) {
  Bank& bank = Leaked<Bank>(Balances{10, 0});  // a stuck call may use it after the test
  const std::optional<std::string> outcome = ReturnsWithin(kDeadline, [&bank] {
    std::string answers;
    // A braced list runs its calls in order.
    for (bool answer : {bank.Transfer(0, 0, 10), bank.Transfer(0, 0, 11), bank.Transfer(1, 1, 0)}) {
      answers += std::string(answers.empty() ? "" : " ") + (answer ? "true" : "false");
    }
    return answers;
  });
  ASSERT_TRUE(outcome.has_value())
      << "Transfer(0, 0, 10) had not returned after " << kDeadline.count()
      << " s: from == to is one account with one mutex; std::scoped_lock(m, m) locks it twice "
         "and never gets it";
  EXPECT_EQ("true false true", *outcome)
      << "Transfer(0, 0, 10), (0, 0, 11) and (1, 1, 0) with balances {10, 0}";
  EXPECT_EQ((Balances{10, 0}), BalancesOf(bank, 2));
}

// Tests that a negative amount and a missing account are refused with an exception, before
// anything changes, and that an amount of 0 is no error.
TEST(BankTest, RejectsBadArgumentsChangingNothing) {
  Bank bank({100, 50});
  EXPECT_THROW(bank.Transfer(0, 1, -5), std::invalid_argument) << "a negative amount";
  EXPECT_THROW(bank.Transfer(1, 1, -5), std::invalid_argument)
      << "a negative amount to the same account";
  EXPECT_EQ((Balances{100, 50}), BalancesOf(bank, 2)) << "after refusing a negative amount";
  EXPECT_THROW(bank.Transfer(0, 2, 30), std::out_of_range) << "a transfer to account 2 of 2";
  EXPECT_THROW(bank.Transfer(2, 0, 30), std::out_of_range) << "a transfer from account 2 of 2";
  EXPECT_THROW(bank.Balance(2), std::out_of_range) << "the balance of account 2 of 2";
  EXPECT_EQ((Balances{100, 50}), BalancesOf(bank, 2)) << "after refusing missing accounts";
  EXPECT_TRUE(bank.Transfer(0, 1, 0)) << "an amount of 0";
  EXPECT_EQ((Balances{100, 50}), BalancesOf(bank, 2)) << "after moving 0";
}

}  // namespace
}  // namespace kata
