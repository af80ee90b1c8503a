"""Fills a failed Verdict in for the learner, from the texts its run left: the test log (gtest
and TSan), gdb's account of a crash, and the errors of a failed build."""
import os

from ..verdict import Status
from . import build, crash, gtest, tsan


def explain(verdict, gdb_rerun):
    """Reads what `verdict`'s run left. A run that failed because the binary died (a TSan
    "DEADLYSIGNAL" report, a signal, or a log that stops in the middle of a test) becomes
    CRASHED, with a sentence naming the signal, the learner's frame and the likely cause.
    gdb_rerun(test) runs one test alone under gdb and returns gdb's output."""
    if verdict.status is Status.BUILD_ERROR:
        if not verdict.build_errors:
            verdict.build_errors = build.errors_of(verdict.build_output, verdict.exercise.name)
        return
    if verdict.status not in (Status.FAILED, Status.CRASHED, Status.HUNG):
        return
    if os.path.isfile(verdict.log):
        verdict.gtest = gtest.parse_file(verdict.log)
        verdict.tsan = tsan.parse_file(verdict.log,
                                       verdict.exercise.declaration.get("test_srcs", []))
    if verdict.status is Status.HUNG:
        return
    found = verdict.tsan.crash if verdict.tsan is not None else None
    if found is not None:
        where = found.frame.place if found.frame else ""
        verdict.status = Status.CRASHED
        verdict.crash = "%s (%s)%s" % (found.signal, found.detail, where)
        cause = verdict.tsan.crash_cause()
        if cause is not None:
            verdict.crash += ", most likely on memory that had died (reported below): " + \
                cause.hint
        return
    unfinished = verdict.gtest is not None and verdict.gtest.ran and not verdict.gtest.finished
    if verdict.exit_signal or unfinished:
        verdict.status = Status.CRASHED
        verdict.crash = crash.explain(verdict.gtest, verdict.exit_signal, gdb_rerun,
                                      verdict.exercise)
