"""Names a crash: the signal, the learner's frame, and the likely cause.

A test that dies by a signal leaves no stack in its log (TSan prints one only for SEGV-like
signals). So the grader runs the crashed test once more, alone, under gdb (run/direct.py), and
this module reads where it stopped.
"""
import re

from . import gdb
from .frames import learner_frame, standard_name

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


# The words that name each kind of crash in explain()'s sentence; kind() reads them back.
JOINABLE = "a std::thread was destroyed while still joinable"
ESCAPED = re.compile(r"\ban exception\b.* escaped")
ESCAPED_ADVICE = ("Catch it where it is thrown, or carry it to the thread that joins "
                  "(std::exception_ptr, std::promise)")
# The exercise where detach() is taught: before it, the advice never offers detach().
DETACH_TAUGHT = 2


def joinable_advice(exercise=None):
    """What to do about a joinable std::thread destroyed, in the words of `exercise`'s lessons."""
    advice = ("join() it before it goes out of scope, or return it (std::move it) to the code "
              "that joins it")
    if exercise is not None and exercise.number >= DETACH_TAUGHT:
        advice += "; detach() only a thread that may outlive its owner"
    return advice


def kind(sentence):
    """The advice class of a crash sentence from explain(): "joinable-thread-destroyed",
    "exception-escaped" or "crash"."""
    if JOINABLE in sentence:
        return "joinable-thread-destroyed"
    if ESCAPED.search(sentence):
        return "exception-escaped"
    return "crash"


def explain(gtest, signal_name, gdb_rerun, exercise=None):
    """One sentence: "SIGABRT during T: ... at greeter.cc:44 (in StartGreeter): cause".
    gdb_rerun(test) runs that test alone under gdb and returns gdb's output ("" if none);
    `exercise` (a course.Exercise) fits the advice to what the learner has been taught."""
    test = gtest.running if gtest else ""
    message = terminate_message(gtest)
    if message and not signal_name:
        signal_name = "SIGABRT"
    found_signal, sentence = describe_crash(gdb_rerun(test), exercise)
    during = " during %s" % test if test else ""
    if sentence:
        return "%s%s%s: %s" % (found_signal, " (%s)" % message if message else "", during,
                               sentence.split(" ", 1)[1])
    what = signal_name or "the test binary ended without finishing its tests"
    cause = ""
    if message.endswith("without an active exception"):
        # No stack to prove it, but this is what ends a thread kata this way.
        cause = ". Most likely %s: %s" % (JOINABLE, joinable_advice(exercise))
    elif message:
        cause = ". " + ESCAPED_ADVICE
    return "%s%s%s%s" % (what, during, ": " + message if message else "", cause)


_RECEIVED = re.compile(r"^Thread (\d+) .*received signal (SIG\w+)")
_CRASH_CAUSES = [
    (re.compile(r"std::thread::~thread"), None),
    (re.compile(r"__cxa_throw|__cxa_rethrow"),
     "an exception escaped (from a thread's function, it ends the program)"),
    (re.compile(r"std::terminate|__terminate"), "std::terminate was called"),
]


def describe_crash(text, exercise=None):
    """From `gdb -ex run -ex "thread apply all bt"`: (signal, sentence), or ("", ""). The
    sentence names the learner's own innermost frame (not a test's, when there is one)."""
    received = None
    for line in text.splitlines():
        received = received or _RECEIVED.match(line)
    if not received:
        return "", ""
    number, signal_name = int(received.group(1)), received.group(2)
    thread = next((t for t in gdb.parse(text) if t.number == number), None)
    if thread is None:
        return signal_name, ""
    learner = learner_frame(thread.frames)
    cause = ""
    for pattern, why in _CRASH_CAUSES:
        if any(pattern.search(f.function) for f in thread.frames):
            cause = why or "%s: %s" % (JOINABLE, joinable_advice(exercise))
            break
    where = learner.place if learner else ""
    return signal_name, "%s in thread %d%s%s" % (signal_name, number, where,
                                                 ": " + cause if cause else "")
