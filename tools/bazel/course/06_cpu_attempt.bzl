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
        "child_exits_with_exit": "child_exits_with_exit.patch",
        "first_failure_overwritten": "first_failure_overwritten.patch",
        "throws_before_reaping_the_rest": "throws_before_reaping_the_rest.patch",
        "detaches_threads_when_a_start_fails": "detaches_threads_when_a_start_fails.patch",
        "starts_workers_without_chunks": "starts_workers_without_chunks.patch",
        "computes_on_caller_with_one_worker": "computes_on_caller_with_one_worker.patch",
        "contiguous_blocks": "contiguous_blocks.patch",
        "ignores_exit_status": "ignores_exit_status.patch",
        "serial_skips_argument_check": "serial_skips_argument_check.patch",
        "gil_per_call": "gil_per_call.patch",
        "children_one_at_a_time": "children_one_at_a_time.patch",
    },
    chaos_only = [
        "detaches_threads_when_a_start_fails",
        "starts_workers_without_chunks",
    ],
    alternatives = {
        "futures_and_reap_first": "futures_and_reap_first.cc",
        "plain_threads_one_pipe": "plain_threads_one_pipe.cc",
    },
)
