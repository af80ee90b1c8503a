"""Exercise 01: a greeter thread that greets while main says Done."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "01_greeter",
    library = "greeter",
    hdrs = ["greeter.h"],
    srcs = ["greeter.cc"],
    test_srcs = [
        "greeter_test.cc",
        "stream_sink_test.cc",
    ],
    mutants = {
        "greets_before_done": "greets_before_done.patch",
        "detaches_thread": "detaches_thread.patch",
        "no_pause": "no_pause.patch",
        "unguarded_sink": "unguarded_sink.patch",
        "done_after_greetings": "done_after_greetings.patch",
        "pause_before_line": "pause_before_line.patch",
        "pause_in_microseconds": "pause_in_microseconds.patch",
        "polls_for_pause": "polls_for_pause.patch",
        "unguarded_count_read": "unguarded_count_read.patch",
        "no_flush": "no_flush.patch",
        "captures_name_by_reference": "captures_name_by_reference.patch",
        "done_before_checks": "done_before_checks.patch",
        "rejects_zero_times": "rejects_zero_times.patch",
        "greet_skips_checks": "greet_skips_checks.patch",
    },
    alternatives = {
        "one_write_sleep_until": "one_write_sleep_until.cc",
        "shared_name_scoped_lock": "shared_name_scoped_lock.cc",
    },
)
