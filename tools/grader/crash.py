"""Names a crash: the signal, the learner's frame, and the likely cause.

A test that dies by a signal leaves no stack in its log (TSan prints one only for SEGV-like
signals). So the grader runs the crashed test once more, alone, under gdb, and reads where it
stopped.
"""
import os
import re
import shutil
import subprocess

from . import direct, parse_gdb
from .frames import innermost_learner_frame, standard_name

# libstdc++ says "terminate called after throwing an instance of 'T'", then "  what():  ...";
# libc++abi says "libc++abi: terminating due to uncaught exception of type T: what()".
_TERMINATE = re.compile(r"terminate called (without an active exception|after throwing an "
                        r"instance of '([^']*)')")
_WHAT = re.compile(r"^\s*what\(\):\s*(.*)")
_LIBCXXABI_TERMINATE = re.compile(r"libc\+\+abi: terminating(?: due to \w+ exception of type "
                                  r"(.*))?$")
GDB_TIMEOUT = 60


def _escaped(kind, what):
    return "std::terminate: an exception of type %s escaped%s" % (
        kind, " (what(): %s)" % what if what else "")


def _terminate_message(gtest):
    lines = gtest.last_lines if gtest else []
    for index, line in enumerate(lines):
        match = _TERMINATE.search(line)
        if match:
            if match.group(2):
                what = next((_WHAT.match(l).group(1) for l in lines[index + 1:index + 3]
                             if _WHAT.match(l)), "")
                return _escaped(match.group(2), what)
            return "std::terminate called without an active exception"
        match = _LIBCXXABI_TERMINATE.search(line.rstrip())
        if match:
            if match.group(1):
                kind, _, what = match.group(1).partition(": ")
                return _escaped(standard_name(kind), what)
            return "std::terminate called without an active exception"
    return ""


def rerun_under_gdb(bazel, ex, test_name):
    """gdb's account of the crash of `test_name` when run alone, or "" if it did not crash."""
    gdb, path = shutil.which("gdb"), direct.binary(bazel, ex)
    if not gdb or not os.path.isfile(path):
        return ""
    argv = [gdb, "-batch", "-nx", "-ex", "set pagination off", "-ex", "run",
            "-ex", "thread apply all bt", "--args", path]
    if test_name:
        argv.append("--gtest_filter=" + test_name)
    env, cwd = direct.environment(path, ex.package)
    try:
        return subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=GDB_TIMEOUT).stdout
    except subprocess.TimeoutExpired:
        return ""


def explain(bazel, ex, gtest, signal_name):
    """One sentence: "SIGABRT during T: ... at greeter.cc:44 (in StartGreeter): cause"."""
    test = gtest.running if gtest else ""
    message = _terminate_message(gtest)
    if message and not signal_name:
        signal_name = "SIGABRT"
    found_signal, sentence = describe_crash(rerun_under_gdb(bazel, ex, test))
    during = " during %s" % test if test else ""
    if sentence:
        return "%s%s%s: %s" % (found_signal, " (%s)" % message if message else "", during,
                               sentence.split(" ", 1)[1])
    what = signal_name or "the test binary ended without finishing its tests"
    return "%s%s%s" % (what, during, ": " + message if message else "")


_RECEIVED = re.compile(r"^Thread (\d+) .*received signal (SIG\w+)")
_CRASH_CAUSES = [
    (re.compile(r"std::thread::~thread"),
     "a std::thread was destroyed while still joinable: join() or detach() it first"),
    (re.compile(r"__cxa_throw|__cxa_rethrow"),
     "an exception escaped (from a thread's function, it ends the program)"),
    (re.compile(r"std::terminate|__terminate"), "std::terminate was called"),
]


def describe_crash(text):
    """From `gdb -ex run -ex "thread apply all bt"`: (signal, sentence), or ("", "")."""
    received = None
    for line in text.splitlines():
        received = received or _RECEIVED.match(line)
    if not received:
        return "", ""
    number, signal_name = int(received.group(1)), received.group(2)
    thread = next((t for t in parse_gdb.parse(text) if t.number == number), None)
    if thread is None:
        return signal_name, ""
    learner = innermost_learner_frame(thread.frames)
    cause = ""
    for pattern, why in _CRASH_CAUSES:
        if any(pattern.search(f.function) for f in thread.frames):
            cause = why
            break
    where = learner.place if learner else ""
    return signal_name, "%s in thread %d%s%s" % (signal_name, number, where,
                                                 ": " + cause if cause else "")
