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
        "greets_before_done": "greets_before_done.cc",
        "detaches_thread": "detaches_thread.cc",
        "no_pause": "no_pause.cc",
        "unguarded_sink": "unguarded_sink.cc",
        "done_after_greetings": "done_after_greetings.cc",
    },
)
