"""Exercise 10: a Game of Life on a std::barrier, and a Limiter on a std::counting_semaphore."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "10_coordination",
    library = "coordination",
    hdrs = ["coordination.h"],
    srcs = ["coordination.cc"],
    test_srcs = [
        "life_test.cc",
        "limiter_test.cc",
    ],
    mutants = {
        "no_barrier": "no_barrier.patch",
        "every_worker_swaps": "every_worker_swaps.patch",
        "swap_by_worker_zero": "swap_by_worker_zero.patch",
        "one_generation_too_many": "one_generation_too_many.patch",
        "band_drops_the_remainder": "band_drops_the_remainder.patch",
        "accepts_more_workers_than_rows": "accepts_more_workers_than_rows.patch",
        "starts_and_joins_one_by_one": "starts_and_joins_one_by_one.patch",
        "start_failure_strands_workers": "start_failure_strands_workers.patch",
        "acquire_polls": "acquire_polls.patch",
        "releases_before_fn": "releases_before_fn.patch",
        "releases_twice": "releases_twice.patch",
        "no_release_on_throw": "no_release_on_throw.patch",
    },
    chaos_only = ["start_failure_strands_workers"],
    alternatives = {
        "arrive_then_wait": "arrive_then_wait.cc",
        "pointer_swap_jthreads": "pointer_swap_jthreads.cc",
    },
)
