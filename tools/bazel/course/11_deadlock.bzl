"""Exercise 11: a bank whose transfers take two locks and never deadlock."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "11_deadlock",
    library = "bank",
    hdrs = ["bank.h"],
    srcs = ["bank.cc"],
    test_srcs = [
        "bank_test.cc",
        "deadlock_test.cc",
    ],
    mutants = {
        "locks_in_argument_order": "locks_in_argument_order.patch",
        "locks_only_the_source": "locks_only_the_source.patch",
        "checks_before_locking_both": "checks_before_locking_both.patch",
        "no_funds_check": "no_funds_check.patch",
        "refusal_still_credits": "refusal_still_credits.patch",
        "self_transfer_locks_twice": "self_transfer_locks_twice.patch",
        "self_transfer_ignores_the_balance": "self_transfer_ignores_the_balance.patch",
        "self_transfer_without_the_lock": "self_transfer_without_the_lock.patch",
        "negative_amount_accepted": "negative_amount_accepted.patch",
        "checks_the_amount_after_moving": "checks_the_amount_after_moving.patch",
        "total_without_locks": "total_without_locks.patch",
        "total_locks_in_turn": "total_locks_in_turn.patch",
        "unguarded_balance": "unguarded_balance.patch",
    },
    chaos_only = [
        "checks_before_locking_both",
        "total_locks_in_turn",
    ],
    alternatives = {
        "std_lock_deferred": "std_lock_deferred.cc",
        "global_order": "global_order.cc",
    },
)
