"""Exercise 12: a thread pool on std::jthread, with futures and a two-mode shutdown."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "12_thread_pool",
    library = "thread_pool",
    hdrs = ["thread_pool.h"],
    srcs = ["thread_pool.cc"],
    test_srcs = [
        "pool_test_helpers.h",
        "thread_pool_test.cc",
        "shutdown_test.cc",
    ],
    mutants = {
        "submit_without_notify": "submit_without_notify.patch",
        "worker_polls": "worker_polls.patch",
        "one_worker_only": "one_worker_only.patch",
        "runs_task_under_the_lock": "runs_task_under_the_lock.patch",
        "task_exception_dropped": "task_exception_dropped.patch",
        "newest_task_first": "newest_task_first.patch",
        "drain_drops_queued": "drain_drops_queued.patch",
        "cancel_runs_queued": "cancel_runs_queued.patch",
        "cancel_without_stop": "cancel_without_stop.patch",
        "cancelled_promises_dropped": "cancelled_promises_dropped.patch",
        "shutdown_notifies_one": "shutdown_notifies_one.patch",
        "stops_before_taking_the_queue": "stops_before_taking_the_queue.patch",
        "accepts_after_shutdown": "accepts_after_shutdown.patch",
        "destructor_cancels": "destructor_cancels.patch",
    },
    alternatives = {
        "explicit_loops": "explicit_loops.cc",
        "stops_started_workers": "stops_started_workers.cc",
    },
)
