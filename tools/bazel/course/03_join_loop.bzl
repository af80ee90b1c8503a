"""Exercise 03: start a thread per job, then join them all."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "03_join_loop",
    library = "join_loop",
    hdrs = ["join_loop.h"],
    srcs = ["join_loop.cc"],
    test_srcs = [
        "job_log.h",
        "join_loop_test.cc",
        "join_loop_errors_test.cc",
    ],
    mutants = {
        "joins_one_by_one": "joins_one_by_one.patch",
        "joins_only_last": "joins_only_last.patch",
        "completion_order": "completion_order.patch",
        "swallows_exceptions": "swallows_exceptions.patch",
        "detaches_threads": "detaches_threads.patch",
        "detaches_when_a_start_fails": "detaches_when_a_start_fails.patch",
        "first_thrown_wins": "first_thrown_wins.patch",
        "skips_first_jobs_error": "skips_first_jobs_error.patch",
        "rethrows_at_first_failed_join": "rethrows_at_first_failed_join.patch",
        "runs_last_job_on_caller": "runs_last_job_on_caller.patch",
        "starts_a_helper_thread": "starts_a_helper_thread.patch",
        "runs_inline_when_a_start_fails": "runs_inline_when_a_start_fails.patch",
        "captures_results_by_value": "captures_results_by_value.patch",
        "serialises_calls": "serialises_calls.patch",
    },
    chaos_only = [
        "detaches_when_a_start_fails",
        "starts_a_helper_thread",
        "runs_inline_when_a_start_fails",
    ],
    alternatives = {
        "async_futures": "async_futures.cc",
        "jthread_outcomes": "jthread_outcomes.cc",
    },
)
