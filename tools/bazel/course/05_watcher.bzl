"""Exercise 05: a watcher thread for Ctrl+C, and a shutdown that joins with a small timeout."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "05_watcher",
    library = "pipeline",
    hdrs = [
        "bounded_queue.h",
        "pipeline.h",
        "watcher.h",
        "worker.h",
    ],
    srcs = [
        "bounded_queue.cc",
        "watcher.cc",
        "pipeline.cc",
    ],
    test_srcs = [
        "queue_test_helpers.h",
        "bounded_queue_test.cc",
        "queue_close_test.cc",
        "app_test_helpers.h",
        "pipeline_app_test.cc",
        "shutdown_test.cc",
        "flush_and_exit_test.cc",
    ],
    apps = {"pipeline_app": "pipeline_app.cc"},
    mutants = {
        "no_watcher": {"watcher.cc": "no_watcher.patch"},
        "watcher_does_not_stop": {"watcher.cc": "watcher_does_not_stop.patch"},
        "consumers_do_not_drain": {"pipeline.cc": "consumers_do_not_drain.patch"},
        "join_without_timeout": {"pipeline.cc": "join_without_timeout.patch"},
        "unguarded_size": {"bounded_queue.cc": "unguarded_size.patch"},
        "push_without_notify": {"bounded_queue.cc": "push_without_notify.patch"},
        "pop_without_notify": {"bounded_queue.cc": "pop_without_notify.patch"},
        "close_wakes_one_producer": {"bounded_queue.cc": "close_wakes_one_producer.patch"},
        "push_waits_without_predicate": {"bounded_queue.cc": "push_waits_without_predicate.patch"},
        "pop_polls": {"bounded_queue.cc": "pop_polls.patch"},
        "pop_does_not_drain": {"bounded_queue.cc": "pop_does_not_drain.patch"},
        "close_without_lock": {"bounded_queue.cc": "close_without_lock.patch"},
        "grace_restarted_each_turn": {"pipeline.cc": "grace_restarted_each_turn.patch"},
        "rate_in_wrong_units": {"pipeline.cc": "rate_in_wrong_units.patch"},
        "still_alive_every_tick": {"pipeline.cc": "still_alive_every_tick.patch"},
        "pauses_before_first_item": {"pipeline.cc": "pauses_before_first_item.patch"},
        "exits_with_std_exit": {"watcher.cc": "exits_with_std_exit.patch"},
    },
    chaos_only = ["push_waits_without_predicate"],
    alternatives = {
        "one_condition_variable": {"bounded_queue.cc": "one_condition_variable.cc"},
        "notify_after_unlock": {"bounded_queue.cc": "notify_after_unlock.cc"},
    },
)
