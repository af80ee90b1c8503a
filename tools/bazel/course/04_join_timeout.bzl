"""Exercise 04: join with a timeout, then ask whether the thread is still alive."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "04_join_timeout",
    library = "joinable_thread",
    hdrs = ["joinable_thread.h"],
    srcs = ["joinable_thread.cc"],
    test_srcs = [
        "join_test_helpers.h",
        "join_for_test.cc",
        "joinable_thread_test.cc",
        "daemon_timeout_app_test.cc",
    ],
    apps = {"daemon_timeout_app": "daemon_timeout_app.cc"},
    mutants = {
        "join_for_ignores_timeout": "join_for_ignores_timeout.patch",
        "join_for_does_not_wait": "join_for_does_not_wait.patch",
        "is_alive_unguarded": "is_alive_unguarded.patch",
        "join_for_busy_waits": "join_for_busy_waits.patch",
        "waits_without_predicate": "waits_without_predicate.patch",
    },
    chaos_only = ["waits_without_predicate"],
    alternatives = {"wait_until_loop": "wait_until_loop.cc"},
)
