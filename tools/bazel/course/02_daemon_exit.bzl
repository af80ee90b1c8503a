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
    apps = {
        "greeter_app": "greeter_app.cc",
        "exit_code_app": "exit_code_app.cc",
    },
    mutants = {
        "joins_daemons": "joins_daemons.patch",
        "detaches_non_daemons": "detaches_non_daemons.patch",
        "returns_from_main": "returns_from_main.patch",
        "exits_without_flush": "exits_without_flush.patch",
        "ids_from_one": "ids_from_one.patch",
        "id_read_after_unlock": "id_read_after_unlock.patch",
        "joins_twice": "joins_twice.patch",
        "one_pass_join": "one_pass_join.patch",
        "flushes_before_joining": "flushes_before_joining.patch",
        "exits_with_zero": "exits_with_zero.patch",
        "join_holds_lock": "join_holds_lock.patch",
        "join_non_daemons_holds_lock": "join_non_daemons_holds_lock.patch",
    },
    alternatives = {
        "swap_and_underscore_exit": "swap_and_underscore_exit.cc",
        "batched_passes": "batched_passes.cc",
    },
)
