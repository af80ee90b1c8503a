"""Exercise 09: atomics and memory order: a counter, a spin lock and a single-producer ring."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "09_atomics",
    library = "atomics",
    hdrs = ["atomics.h"],
    srcs = ["atomics.cc"],
    test_srcs = [
        "counter_test.cc",
        "spin_lock_test.cc",
        "spsc_ring_test.cc",
    ],
    mutants = {
        "increment_loads_then_stores": "increment_loads_then_stores.patch",
        "lock_spins_forever": "lock_spins_forever.patch",
        "unlock_wakes_no_one": "unlock_wakes_no_one.patch",
        "lock_takes_relaxed": "lock_takes_relaxed.patch",
        "unlock_releases_relaxed": "unlock_releases_relaxed.patch",
        "try_lock_waits": "try_lock_waits.patch",
        "push_publishes_relaxed": "push_publishes_relaxed.patch",
        "pop_reads_tail_relaxed": "pop_reads_tail_relaxed.patch",
        "push_reads_head_relaxed": "push_reads_head_relaxed.patch",
        "pop_frees_relaxed": "pop_frees_relaxed.patch",
        "full_one_too_late": "full_one_too_late.patch",
        "pop_frees_before_reading": "pop_frees_before_reading.patch",
    },
    alternatives = {
        "seq_cst_and_plain_exchange": "seq_cst_and_plain_exchange.cc",
        "compare_exchange_loops": "compare_exchange_loops.cc",
    },
)
