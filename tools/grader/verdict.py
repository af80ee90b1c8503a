"""A verdict: what happened to one exercise's tests, as the grader tells the learner."""
import enum


class Status(enum.Enum):
    """The verdict's status; its value is what .kata/state.json records."""
    PASSED = "passed"
    FAILED = "failed"
    BUILD_ERROR = "build_error"
    HUNG = "hung"
    CRASHED = "crashed"
    INTERRUPTED = "interrupted"

    @property
    def words(self):
        return "does not build" if self is Status.BUILD_ERROR else self.value


class Verdict:
    """What happened to one exercise's tests. From the run (run/verify.py): status, log (the
    failing run's test.log), xml (its test.xml), output_file (everything Bazel printed),
    build_output (what Bazel reported while building), hang (a run.hang.HangReport), exit_signal
    ("SIGABRT" when the binary died by a signal), runs_failed of runs_total (--repeat), cached,
    fingerprint (of the files tested). From the diagnosis (diagnose/failure.py): gtest, tsan
    (diagnose.gtest.GtestLog, diagnose.tsan.TsanLog), crash (a sentence), build_errors (the
    first error lines). From the command: untouched (the exercise's files are still the
    stub, as git has it)."""

    def __init__(self, exercise, status, log="", output_file="", gtest=None, tsan=None,
                 hang=None, crash="", build_errors=None, runs_failed=0, runs_total=1,
                 cached=False):
        self.exercise, self.status, self.log, self.output_file = exercise, status, log, output_file
        self.gtest, self.tsan, self.hang, self.crash = gtest, tsan, hang, crash
        self.build_errors = build_errors or []
        self.runs_failed, self.runs_total, self.cached = runs_failed, runs_total, cached
        self.xml, self.build_output, self.exit_signal, self.fingerprint = "", "", "", ""
        self.untouched = False

    @property
    def passed(self):
        return self.status is Status.PASSED
