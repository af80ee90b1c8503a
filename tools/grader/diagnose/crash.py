"""Names a crash: the signal, the learner's frame, and the likely cause.

A test that dies by a signal leaves no stack in its log (TSan prints one only for SEGV-like
signals). So the grader runs the crashed test once more, alone, under gdb (run/direct.py), and
this module reads where it stopped.
"""
import re

from . import gdb
from .frames import innermost_learner_frame, standard_name

# libstdc++ says "terminate called after throwing an instance of 'T'", then "  what():  ...";
# libc++abi says "libc++abi: terminating due to uncaught exception of type T: what()".
_TERMINATE = re.compile(r"terminate called (without an active exception|after throwing an "
                        r"instance of '([^']*)')")
_WHAT = re.compile(r"^\s*what\(\):\s*(.*)")
_LIBCXXABI_TERMINATE = re.compile(r"libc\+\+abi: terminating(?: due to \w+ exception of type "
                                  r"(.*))?$")


def _escaped(kind, what):
    return "std::terminate: an exception of type %s escaped%s" % (
        kind, " (what(): %s)" % what if what else "")


def terminate_message(gtest):
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


def explain(gtest, signal_name, gdb_rerun):
    """One sentence: "SIGABRT during T: ... at greeter.cc:44 (in StartGreeter): cause".
    gdb_rerun(test) runs that test alone under gdb and returns gdb's output ("" if none)."""
    test = gtest.running if gtest else ""
    message = terminate_message(gtest)
    if message and not signal_name:
        signal_name = "SIGABRT"
    found_signal, sentence = describe_crash(gdb_rerun(test))
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
    thread = next((t for t in gdb.parse(text) if t.number == number), None)
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
