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
        "joins_one_by_one": "joins_one_by_one.cc",
        "joins_only_last": "joins_only_last.cc",
        "completion_order": "completion_order.cc",
        "swallows_exceptions": "swallows_exceptions.cc",
        "detaches_threads": "detaches_threads.cc",
    },
)
