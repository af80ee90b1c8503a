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
    },
)
