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
    ],
    apps = {"pipeline_app": "pipeline_app.cc"},
    mutants = {
        "no_watcher": {"watcher.cc": "no_watcher.patch"},
        "watcher_does_not_stop": {"watcher.cc": "watcher_does_not_stop.patch"},
        "consumers_do_not_drain": {"pipeline.cc": "consumers_do_not_drain.patch"},
        "join_without_timeout": {"pipeline.cc": "join_without_timeout.patch"},
        "unguarded_size": {"bounded_queue.cc": "unguarded_size.patch"},
    },
)
