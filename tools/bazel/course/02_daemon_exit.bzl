"""Exercise 02: daemon threads, and a main() that ends the process the way Python does."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "02_daemon_exit",
    library = "thread_registry",
    hdrs = ["thread_registry.h"],
    srcs = ["thread_registry.cc"],
    test_srcs = [
        "registry_probe.h",
        "thread_registry_test.cc",
        "join_non_daemons_test.cc",
        "greeter_app_test.cc",
    ],
    apps = {"greeter_app": "greeter_app.cc"},
    mutants = {
        "joins_daemons": "joins_daemons.patch",
        "detaches_non_daemons": "detaches_non_daemons.patch",
        "returns_from_main": "returns_from_main.patch",
        "exits_without_flush": "exits_without_flush.patch",
    },
)
