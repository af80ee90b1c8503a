"""Exercise 07: a one-shot notification (Python's threading.Event), and a ticker stopped by one."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "07_notification",
    library = "notification",
    hdrs = [
        "notification.h",
        "ticker.h",
    ],
    srcs = [
        "notification.cc",
        "ticker.cc",
    ],
    test_srcs = [
        "notification_test_helpers.h",
        "notification_test.cc",
        "ticker_test.cc",
    ],
    mutants = {
        "never_notifies": "never_notifies.patch",
        "notifies_one": "notifies_one.patch",
        "notifies_without_the_lock": "notifies_without_the_lock.patch",
        "notifies_after_unlock": "notifies_after_unlock.patch",
        "unguarded_has_been_notified": "unguarded_has_been_notified.patch",
        "waits_without_predicate": "waits_without_predicate.patch",
        "polls_with_short_sleeps": "polls_with_short_sleeps.patch",
        "sleeps_holding_the_lock": "sleeps_holding_the_lock.patch",
        "timed_wait_ignores_the_flag": "timed_wait_ignores_the_flag.patch",
        "timeout_in_whole_seconds": "timeout_in_whole_seconds.patch",
        "nonpositive_timeout_returns_false": "nonpositive_timeout_returns_false.patch",
        "second_notify_throws": "second_notify_throws.patch",
        "ticks_before_waiting": {"ticker.cc": "ticks_before_waiting.patch"},
        "ticks_once_more_after_stop": {"ticker.cc": "ticks_once_more_after_stop.patch"},
        "sleeps_through_stop": {"ticker.cc": "sleeps_through_stop.patch"},
        "polls_for_stop": {"ticker.cc": "polls_for_stop.patch"},
        "fixed_rate_schedule": {"ticker.cc": "fixed_rate_schedule.patch"},
    },
    chaos_only = ["waits_without_predicate"],
    alternatives = {
        "explicit_loops": "explicit_loops.cc",
        "ticker_checks_stop_first": {"ticker.cc": "ticker_checks_stop_first.cc"},
    },
)
