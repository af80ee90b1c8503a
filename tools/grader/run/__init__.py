"""Running the tests: `bazel test` through tools/bazel_runner.py, turned into one Verdict per
exercise from Bazel's build events and test.xml (verify.py); the hang watchdog that dumps and
stops a test past its limit (hang.py, procfs.py); and a test binary run directly, outside
Bazel, for tracing and for gdb (direct.py)."""
