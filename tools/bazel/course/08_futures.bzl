"""Exercise 08: a Promise/Future pair over one shared State, done-callbacks, and RunAsync."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "08_futures",
    library = "future",
    hdrs = ["future.h"],
    srcs = ["future.cc"],
    test_srcs = [
        "future_test_helpers.h",
        "future_test.cc",
        "callbacks_test.cc",
        "run_async_test.cc",
    ],
    mutants = {
        "abandon_overwrites_the_value": "abandon_overwrites_the_value.patch",
        "abandon_wakes_no_one": "abandon_wakes_no_one.patch",
        "callbacks_before_the_value": "callbacks_before_the_value.patch",
        "callbacks_in_reverse": "callbacks_in_reverse.patch",
        "callbacks_under_the_lock": "callbacks_under_the_lock.patch",
        "get_polls": "get_polls.patch",
        "get_without_predicate": "get_without_predicate.patch",
        "is_ready_unguarded": "is_ready_unguarded.patch",
        "late_callback_never_runs": "late_callback_never_runs.patch",
        "notifies_one": "notifies_one.patch",
        "run_async_hides_start_failure": "run_async_hides_start_failure.patch",
        "run_async_swallows_the_exception": "run_async_swallows_the_exception.patch",
        "run_async_waits_for_fn": "run_async_waits_for_fn.patch",
        "second_set_overwrites": "second_set_overwrites.patch",
        "set_exception_does_not_throw": "set_exception_does_not_throw.patch",
        "set_without_notify": "set_without_notify.patch",
        "wakes_after_the_callbacks": "wakes_after_the_callbacks.patch",
    },
    chaos_only = [
        "get_without_predicate",
        "run_async_hides_start_failure",
    ],
    alternatives = {
        "copies_out_shared_promise": "copies_out_shared_promise.cc",
        "callbacks_one_at_a_time": "callbacks_one_at_a_time.cc",
    },
)
