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
    },
    chaos_only = ["detaches_when_a_start_fails"],
)
