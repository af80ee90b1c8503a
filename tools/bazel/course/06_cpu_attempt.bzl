"""Exercise 06: a CPU-bound job on threads, on processes, and under a global lock (a GIL)."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "06_cpu_attempt",
    library = "cpu_attempt",
    hdrs = ["cpu_attempt.h"],
    srcs = ["cpu_attempt.cc"],
    test_srcs = [
        "cpu_attempt_test.cc",
        "concurrency_test.cc",
        "processes_test.cc",
        "compute_or_explain.h",
    ],
    mutants = {
        "shared_accumulator": "shared_accumulator.patch",
        "detaches_last_worker": "detaches_last_worker.patch",
        "never_reaps_children": "never_reaps_children.patch",
        "threads_run_one_by_one": "threads_run_one_by_one.patch",
        "lock_released_while_computing": "lock_released_while_computing.patch",
    },
)
