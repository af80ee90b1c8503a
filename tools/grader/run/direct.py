"""Runs a test binary that Bazel built, outside `bazel test`, the way Bazel would: from its
runfiles, with the test environment variables. Used to trace it (commands/timeline.py) and to
find where it crashed, under gdb (rerun_under_gdb, read by diagnose/crash.py)."""
import os
import shutil
import subprocess
import tempfile

GDB_TIMEOUT = 60


def binary(bazel, ex):
    return os.path.join(bazel.bin_dir(), ex.package, ex.test_name)


def environment(path, package, extra=None):
    """(env, cwd) for running the test binary at `path` of Bazel package `package`."""
    runfiles = path + ".runfiles"
    workspace = ""
    if os.path.isdir(runfiles):
        for entry in sorted(os.listdir(runfiles)):
            if os.path.isdir(os.path.join(runfiles, entry, package)):
                workspace = entry
                break
    env = dict(os.environ)
    env.update(TEST_SRCDIR=runfiles, RUNFILES_DIR=runfiles, TEST_WORKSPACE=workspace,
               TEST_TMPDIR=tempfile.mkdtemp(prefix="kata-test-"), GTEST_COLOR="no")
    env.setdefault("TSAN_OPTIONS", "second_deadlock_stack=1:atexit_sleep_ms=0")
    env.update(extra or {})
    cwd = os.path.join(runfiles, workspace) if workspace else os.path.dirname(path)
    return env, cwd


def start(argv, package, extra_env=None, **kwargs):
    env, cwd = environment(argv[0], package, extra_env)
    return subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                            start_new_session=True, **kwargs)


def rerun_under_gdb(bazel, ex, test_name):
    """gdb's output for the test `test_name` of `ex` run alone (all tests if ""), with every
    thread's stack where it stopped; "" without gdb, a built binary, or within GDB_TIMEOUT."""
    gdb, path = shutil.which("gdb"), binary(bazel, ex)
    if not gdb or not os.path.isfile(path):
        return ""
    argv = [gdb, "-batch", "-nx", "-ex", "set pagination off", "-ex", "run",
            "-ex", "thread apply all bt", "--args", path]
    if test_name:
        argv.append("--gtest_filter=" + test_name)
    env, cwd = environment(path, ex.package)
    try:
        return subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=GDB_TIMEOUT).stdout
    except subprocess.TimeoutExpired:
        return ""
