"""Which advice a failure report gives first: one class from a small closed set, so that the
grader's advice can be checked over every stub and mutant of the course
(tests/grader/diagnosis_test.py).

report.render() writes the sections of a failed Verdict in the order sections() gives -- a hang
or a crash, then the tests' own assertion messages, then ThreadSanitizer's reports and their
hints (first, when one is on memory that had died) -- and first_advice() is the class of the
first of them.
"""
from ..verdict import Status
from . import crash, tsan

CLASSES = {
    "assertion": "a test's own failure message",
    "data-race": "two threads touch the same memory with no happens-before: a mutex or an "
                 "atomic",
    "race-in-tests": "a data race between two accesses of the tests' own code, which the "
                     "learner's code should have ordered (a lock, a join, a wait)",
    "dead-local": "a thread uses a local whose function or scope has ended: capture by value or "
                  "move it",
    "use-after-free": "an object died while a thread still used it: join the thread first",
    "lock-order-inversion": "two locks taken in opposite orders, both places named",
    "thread-leak": "a thread never joined",
    "mutex-misuse": "a mutex locked twice, unlocked unlocked, or destroyed locked",
    "signal-handler": "a signal handler that calls what it must not",
    "other-report": "another kind of ThreadSanitizer report",
    "joinable-thread-destroyed": "std::terminate from a std::thread destroyed while joinable",
    "exception-escaped": "std::terminate from an exception that escaped",
    "crash": "the binary died by a signal, or ended in the middle of a test",
    "hang": "the test ran past its time limit",
    "build-error": "the code did not build",
    "none": "no advice: nothing in the log explains the failure",
}


def sections(verdict):
    """The sections of advice report.render() writes for a failed Verdict, in order: pairs of
    (section, advice class). Sections: "build", "hang", "crash", "assertions" (the tests' own
    failure messages), "tsan" (ThreadSanitizer's reports, whose first one gives the class)."""
    if verdict.status is Status.BUILD_ERROR:
        return [("build", "build-error")]
    found = []
    if verdict.status is Status.HUNG:
        found.append(("hang", "hang"))
    elif verdict.status is Status.CRASHED:
        tsan_crash = verdict.tsan.crash if verdict.tsan is not None else None
        if tsan_crash is None:
            found.append(("crash", crash.kind(verdict.crash)))
        else:   # a signal ThreadSanitizer caught; failure.py names its likely cause
            cause = verdict.tsan.crash_cause()
            found.append(("crash", cause.advice if cause is not None else "crash"))
    groups = verdict.tsan.groups if verdict.tsan is not None else []
    # A thread that used memory after it died did something undefined, which may explain every
    # failed assertion: ThreadSanitizer's reports then come before them, in tsan.py's order.
    early = any(g.advice in tsan.LIFETIME for g in groups)
    if early:
        found.append(("tsan", groups[0].advice))
    if verdict.gtest is not None and any(not f.from_tsan for f in verdict.gtest.failures):
        found.append(("assertions", "assertion"))
    if groups and not early:
        found.append(("tsan", groups[0].advice))
    return found


def first_advice(verdict):
    """The class (a key of CLASSES) of the first advice report.render() gives for `verdict`,
    a failed Verdict that diagnose/failure.py has explained; "none" when it gives none."""
    found = sections(verdict)
    return found[0][1] if found else "none"
