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
        "never_notifies": "never_notifies.patch",
        "notifies_one": "notifies_one.patch",
        "sets_finished_outside_the_lock": "sets_finished_outside_the_lock.patch",
        "runs_fn_under_the_lock": "runs_fn_under_the_lock.patch",
        "timeout_in_whole_seconds": "timeout_in_whole_seconds.patch",
        "join_rethrows_once": "join_rethrows_once.patch",
        "is_alive_means_joinable": "is_alive_means_joinable.patch",
        "joins_twice": "joins_twice.patch",
    },
    chaos_only = ["waits_without_predicate"],
    alternatives = {
        "wait_until_loop": "wait_until_loop.cc",
        "notify_at_thread_exit": "notify_at_thread_exit.cc",
    },
)
