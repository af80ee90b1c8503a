"""Runs exercises' tests in one `bazel test`, with the hang watchdog, and turns what Bazel's
build events and each failing run's test.xml say into one Verdict per exercise."""
import os

import bazel_runner

from ..state import kata_dir
from ..ui import Waiting
from ..verdict import Status, Verdict
from . import hang

# Bazel's overall status of a test target -> the verdict's.
_STATUS = {"PASSED": Status.PASSED, "FAILED": Status.FAILED, "FLAKY": Status.FAILED,
           "TIMEOUT": Status.HUNG}


def test_flags(repeat=1, chaos=False, seed=None):
    """The options the grader adds to `bazel test`. chaos: build and run in chaos mode
    (tests/support/chaos.h); seed: replay that chaos seed."""
    extra = ["--test_output=summary", "--keep_going"]
    if repeat > 1:
        extra += ["--runs_per_test=%d" % repeat, "--nocache_test_results"]
    if chaos:
        extra += ["--config=chaos"]
        if seed is not None:
            extra += ["--test_env=KATA_CHAOS_SEED=%d" % seed]
        elif repeat <= 1:
            extra += ["--nocache_test_results"]   # a new seed every run
    return extra


def verdict_of(ex, outcome, hangs, testlogs=lambda: ""):
    """The Verdict of `ex` in a finished run: `outcome` (bazel_runner.Outcome), the watchdog's
    HangReports `hangs`; testlogs() is the bazel-testlogs directory, for a log Bazel did not
    name."""
    verdict = Verdict(exercise=ex, status=Status.BUILD_ERROR)
    target = outcome.target(ex.test_target)
    status = target.status if target is not None else bazel_runner.BUILD_FAILED
    if status not in _STATUS:   # not built, or not run to the end
        verdict.status = Status.INTERRUPTED if outcome.interrupted else Status.BUILD_ERROR
        verdict.build_output = outcome.stderr
        if target is None and outcome.exit_code == "NO_TESTS_FOUND":
            verdict.build_errors = ["no test target in %s: is its BUILD complete?" % ex.package]
        return verdict
    verdict.status, verdict.cached = _STATUS[status], target.cached
    verdict.runs_failed, verdict.runs_total = target.runs_failed, target.runs_total
    if verdict.passed:
        return verdict
    failed = [r for r in target.runs if r.status != "PASSED"] or target.runs
    if failed:
        verdict.log, verdict.xml = failed[0].log, failed[0].xml
    if not verdict.log:
        verdict.log = os.path.join(testlogs(), ex.package, ex.test_name, "test.log")
    mine = [h for h in hangs if ex.test_name and h.binary == ex.test_name]
    if mine:
        verdict.status, verdict.hang = Status.HUNG, mine[0]
    elif verdict.status is Status.FAILED:
        xml = bazel_runner.read_test_xml(verdict.xml) if verdict.xml else None
        verdict.exit_signal = xml.exit_signal if xml is not None else ""
        if verdict.exit_signal:
            verdict.status = Status.CRASHED
    return verdict


def verify(repo_root, bazel, exercises, ui, repeat=1, hang_limit=hang.HANG_LIMIT, chaos=False,
           seed=None):
    """Tests `exercises` in one Bazel run; returns their Verdicts in the same order, each with
    the fingerprint of the files that were tested."""
    logs = kata_dir(repo_root, "logs")
    stem = exercises[0].name if len(exercises) == 1 else "grade"
    output_file = os.path.join(logs, "bazel-%s.txt" % stem)
    events_file = os.path.join(logs, "bazel-%s.events.json" % stem)
    fingerprints = {ex.name: ex.fingerprint() for ex in exercises}
    watchdog = hang.Watchdog([ex.test_name for ex in exercises], hang_limit,
                             root=bazel.server_pid, dump_dir=logs)
    watchdog.start()
    what = "testing " + (exercises[0].name if len(exercises) == 1 else
                         "%s to %s" % (exercises[0].name, exercises[-1].name))
    try:
        with Waiting(ui, what) as waiting:
            outcome = bazel.run("test", [ex.test_target for ex in exercises],
                                test_flags(repeat, chaos=chaos, seed=seed), events_file,
                                output_file, on_line=waiting.line)
    finally:
        watchdog.stop()
    verdicts = []
    for ex in exercises:
        verdict = verdict_of(ex, outcome, watchdog.reports, bazel.testlogs)
        verdict.output_file, verdict.fingerprint = output_file, fingerprints[ex.name]
        verdicts.append(verdict)
    return verdicts
