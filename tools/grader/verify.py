"""Runs exercises' tests through Bazel, with the hang watchdog, and turns what happened into one
Verdict per exercise: passed, failed, build_error, hung, crashed or interrupted."""
import os
import re
import signal as signals

from . import bazel as bazel_module
from .early import DEFAULT_HANG_LIMIT
from .state import kata_dir

_EXIT_CODE = re.compile(r'exited with error code (\d+)')


class Verdict:
    """What happened to one exercise's tests. status: passed, failed, build_error, hung,
    crashed or interrupted; log: the test's full log; output_file: everything Bazel printed;
    gtest, tsan, hang: parse_gtest.GtestLog, parse_tsan.TsanLog, hang.HangReport; crash: a
    sentence; build_errors: the first error lines; runs_failed of runs_total (--repeat)."""

    def __init__(self, exercise, status, log="", output_file="", gtest=None, tsan=None,
                 hang=None, crash="", build_errors=None, runs_failed=0, runs_total=1,
                 cached=False):
        self.exercise, self.status, self.log, self.output_file = exercise, status, log, output_file
        self.gtest, self.tsan, self.hang, self.crash = gtest, tsan, hang, crash
        self.build_errors = build_errors or []
        self.runs_failed, self.runs_total, self.cached = runs_failed, runs_total, cached
        self.fingerprint = ""

    @property
    def passed(self):
        return self.status == "passed"


def _mentions(line, ex):
    return ex.name in line


def _result_for(run, ex):
    result = run.targets.get(ex.test_target)
    if result is None and ex.test_target.endswith(":all"):
        prefix = "//%s:" % ex.package
        result = next((r for label, r in run.targets.items() if label.startswith(prefix)), None)
    return result


def _exit_signal(log_path):
    """The signal that ended the test, from the test.xml Bazel writes when the test could not."""
    try:
        with open(os.path.join(os.path.dirname(log_path), "test.xml"), errors="replace") as f:
            match = _EXIT_CODE.search(f.read(20000))
    except OSError:
        return ""
    if match and int(match.group(1)) > 128:
        try:
            return signals.Signals(int(match.group(1)) - 128).name
        except ValueError:
            return ""
    return ""


def _judge_failure(verdict, bazel, hangs):
    """Fills a failed verdict in from its log, the watchdog's reports and test.xml."""
    from . import crash, parse_gtest, parse_tsan
    ex = verdict.exercise
    verdict.gtest = parse_gtest.parse_file(verdict.log) if os.path.isfile(verdict.log) else None
    verdict.tsan = parse_tsan.parse_file(verdict.log) if os.path.isfile(verdict.log) else None
    mine = [h for h in hangs if ex.test_name and h.binary == ex.test_name[:15]]
    if mine:
        verdict.status, verdict.hang = "hung", mine[0]
        return
    if verdict.tsan is not None and verdict.tsan.crash is not None:
        found = verdict.tsan.crash
        where = found.frame.place if found.frame else ""
        verdict.status = "crashed"
        verdict.crash = "%s (%s)%s" % (found.signal, found.detail, where)
        return
    signal_name = _exit_signal(verdict.log)
    if signal_name or (verdict.gtest and not verdict.gtest.finished and verdict.gtest.ran):
        verdict.status = "crashed"
        verdict.crash = crash.explain(bazel, ex, verdict.gtest, signal_name)


def verify(repo_root, bazel, exercises, ui, repeat=1, hang_limit=DEFAULT_HANG_LIMIT,
           while_bazel_runs=None, early=None, chaos=False, seed=None):
    """Tests `exercises` in one Bazel run; returns their Verdicts in the same order, each with
    the fingerprint of the files that were tested. `while_bazel_runs()`, if given, is called
    while Bazel works (to load things off the critical path). `early`: an early.EarlyBazel
    that may already be running this very command."""
    logs = kata_dir(repo_root, "logs")
    output_file = os.path.join(logs, "bazel-%s.txt" % (
        exercises[0].name if len(exercises) == 1 else "grade"))
    targets = [ex.test_target for ex in exercises]
    extra = bazel_module.test_flags(repeat, chaos=chaos, seed=seed)
    proc = early.take(targets, extra) if early is not None else None
    proc = proc or bazel.start("test", targets, extra)
    try:
        # Done while Bazel works. (The parsers of failures are imported only for a failure.)
        from . import hang
        fingerprints = {ex.name: ex.fingerprint() for ex in exercises}
        if while_bazel_runs is not None:
            while_bazel_runs()
    except BaseException:   # Ctrl+C, say: stop Bazel before leaving
        bazel_module.stop(proc)
        raise
    watchdog = hang.Watchdog([ex.test_name for ex in exercises], hang_limit,
                             root=bazel.server_pid, dump_dir=logs)
    watchdog.start()

    def progress(line):
        if line.startswith("[") or line.startswith("Analyzing") or line.startswith("Loading"):
            ui.status("  bazel: " + line)
    try:
        run = bazel.collect(proc, output_file=output_file, on_line=progress)
    finally:
        watchdog.stop()
        ui.clear_status()
    testlogs = None
    verdicts = []
    # Errors that name no exercise of this run (a broken WORKSPACE, say) go to each that failed.
    unattributed = [line for line in run.errors
                    if not any(_mentions(line, ex) for ex in exercises)]
    for ex in exercises:
        verdict = Verdict(exercise=ex, status="build_error", output_file=output_file)
        verdict.fingerprint = fingerprints[ex.name]
        result = _result_for(run, ex)
        mine = [line for line in run.errors if _mentions(line, ex)]
        if result is None or result.status in ("FAILED TO BUILD", "NO STATUS"):
            if run.interrupted:
                verdict.status = "interrupted"
            verdict.build_errors = mine or unattributed
            if not verdict.build_errors and run.returncode == 4:
                verdict.build_errors = ["no test target in %s: is its BUILD complete?" % ex.package]
            verdicts.append(verdict)
            continue
        verdict.cached = result.cached
        verdict.runs_failed, verdict.runs_total = result.runs_failed, result.runs_total
        if result.status == "PASSED":
            verdict.status = "passed"
            verdicts.append(verdict)
            continue
        verdict.status = "failed" if result.status != "TIMEOUT" else "hung"
        if result.logs:
            verdict.log = result.logs[0]
        else:
            testlogs = testlogs or bazel.testlogs()
            verdict.log = os.path.join(testlogs, ex.package, ex.test_name, "test.log")
        _judge_failure(verdict, bazel, watchdog.reports)
        verdicts.append(verdict)
    return verdicts
