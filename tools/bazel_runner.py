"""Runs Bazel and reads what happened from its Build Event Protocol, never from its prose.

Shared by the grader (tools/grader) and the maintainer tools (tools/maintainer/bazel.py). Every
test command writes its events with --build_event_json_file; read_events() turns them into one
TargetOutcome per target: Bazel's own status (PASSED, FAILED, TIMEOUT, FLAKY, NO_STATUS, ...,
or BUILD_FAILED when the target did not build), whether the result came from the cache, how
many runs failed, and the test.log and test.xml of each run. test.xml is read as XML
(read_test_xml).

Maintainer knobs (a learner never needs them):
  KATA_BAZEL        the Bazel program and its startup options, e.g.
                    "bazel --output_base=/root/.cache/bazel-ob-grader"
  KATA_BAZEL_FLAGS  extra options after the command, e.g.
                    "--symlink_prefix=/tmp/grader- --disk_cache=/root/.cache/bazel-disk"
"""
import json
import os
import shlex
import shutil
import signal
import subprocess
import xml.etree.ElementTree as ElementTree
from typing import NamedTuple
from urllib.parse import unquote, urlparse

# Output flags only: they do not change what Bazel builds or caches.
UI_FLAGS = ["--color=no", "--curses=no"]
BUILD_FAILED = "BUILD_FAILED"  # a target's status when it was not built


class BazelNotFound(Exception):
    pass


class TestRun(NamedTuple):
    """One attempt of one test: Bazel's status, seconds as Bazel timed it, its files."""
    label: str
    run: int
    status: str  # PASSED, FAILED, TIMEOUT, FLAKY, INCOMPLETE, ...
    seconds: float
    cached: bool
    log: str  # path of this run's test.log, or ""
    xml: str  # path of this run's test.xml, or ""


class TargetOutcome:
    """What happened to one target: status (Bazel's overall test status, or BUILD_FAILED);
    cached (every run came from the cache); runs (TestRuns, in run order); runs_total."""

    def __init__(self, label, status=BUILD_FAILED):
        self.label, self.status, self.runs, self.runs_total = label, status, [], 0
        self.cached = False

    @property
    def runs_failed(self):
        return sum(1 for r in self.runs if r.status != "PASSED")

    @property
    def logs(self):
        return [r.log for r in self.runs if r.log]


class Outcome:
    """A finished Bazel command: targets (label -> TargetOutcome); interrupted; exit_code (Bazel's
    exit code name, e.g. "TESTS_FAILED"); stderr (what Bazel reported, compiler errors
    included)."""

    def __init__(self):
        self.targets, self.interrupted, self.exit_code, self.stderr = {}, False, "", ""

    def target(self, label):
        """The outcome of `label`, or of the first target in its package for `//pkg:all`."""
        if label in self.targets:
            return self.targets[label]
        if label.endswith(":all"):
            prefix = label[:-3]
            return next((t for name, t in self.targets.items() if name.startswith(prefix)), None)
        return None


def _path(uri):
    return unquote(urlparse(uri).path)


def read_events(path):
    """The Outcome recorded in a --build_event_json_file (empty if there is none)."""
    outcome = Outcome()
    stderr = []
    try:
        with open(path, encoding="utf-8") as f:
            events = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError):
        events = []
    for event in events:
        key = event.get("id", {})
        if "progress" in event:
            stderr.append(event["progress"].get("stderr", ""))
        if "targetCompleted" in key:
            label = key["targetCompleted"]["label"]
            target = outcome.targets.setdefault(label, TargetOutcome(label))
            if not event.get("completed", {}).get("success"):
                target.status = BUILD_FAILED
            elif target.status == BUILD_FAILED:
                target.status = "NO_STATUS"  # built; a test result may follow
        elif "testResult" in key and "testResult" in event:
            label, result = key["testResult"]["label"], event["testResult"]
            files = {o.get("name"): _path(o["uri"]) for o in result.get("testActionOutput", [])
                     if "uri" in o}
            target = outcome.targets.setdefault(label, TargetOutcome(label, "NO_STATUS"))
            target.runs.append(TestRun(
                label, key["testResult"].get("run", 1), result.get("status", "NO_STATUS"),
                int(result.get("testAttemptDurationMillis", 0)) / 1000.0,
                bool(result.get("cachedLocally")), files.get("test.log", ""),
                files.get("test.xml", "")))
        elif "testSummary" in key and "testSummary" in event:
            label, summary = key["testSummary"]["label"], event["testSummary"]
            target = outcome.targets.setdefault(label, TargetOutcome(label))
            target.status = summary.get("overallStatus", "NO_STATUS")
            target.runs_total = int(summary.get("totalRunCount", len(target.runs)))
            target.cached = int(summary.get("totalNumCached", 0)) >= max(1, target.runs_total)
        elif "buildFinished" in key:
            code = event.get("finished", {}).get("exitCode", {})
            outcome.exit_code = code.get("name", "")
            outcome.interrupted = outcome.exit_code == "INTERRUPTED"
        if event.get("aborted", {}).get("reason") == "USER_INTERRUPTED":
            outcome.interrupted = True
    for target in outcome.targets.values():
        target.runs.sort(key=lambda r: r.run)
        target.runs_total = target.runs_total or len(target.runs)
    outcome.stderr = "".join(stderr)
    return outcome


def test_runs(bep_path):
    """Every test attempt recorded in a --build_event_json_file, in the order reported."""
    return [run for target in read_events(bep_path).targets.values() for run in target.runs]


class TestXml(NamedTuple):
    """What a test.xml says: the test cases that ran, those that failed, and `error`: the
    message of the error Bazel records when the binary ended without writing its own XML."""
    cases: list
    failed: list
    error: str

    @property
    def exit_signal(self):
        """The signal that ended the binary ("SIGABRT"), from the exit status Bazel recorded
        in the error's message ("exited with error code 134"), or ""."""
        words = self.error.split()
        if not words or not words[-1].isdigit() or int(words[-1]) <= 128:
            return ""
        try:
            return signal.Signals(int(words[-1]) - 128).name
        except ValueError:
            return ""


def read_test_xml(path):
    """The TestXml at `path`, or None when it is missing or unreadable."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    cases, failed, error = [], [], ""
    for case in root.iter("testcase"):
        name = "%s.%s" % (case.get("classname", ""), case.get("name", ""))
        cases.append(name)
        if case.find("failure") is not None:
            failed.append(name)
        found = case.find("error")
        if found is not None:
            error = error or found.get("message", "")
    return TestXml(cases, failed, error)


def startup_command(environ=None):
    """The Bazel program and its startup options: KATA_BAZEL, else plain `bazel`."""
    environ = os.environ if environ is None else environ
    return shlex.split(environ.get("KATA_BAZEL", "") or "bazel")


class Bazel:
    """The Bazel command of a checkout (KATA_BAZEL, KATA_BAZEL_FLAGS)."""

    def __init__(self, repo_root, environ=None):
        environ = os.environ if environ is None else environ
        self.repo_root = os.path.abspath(repo_root)
        self.startup = startup_command(environ)
        self.flags = shlex.split(environ.get("KATA_BAZEL_FLAGS", ""))
        if shutil.which(self.startup[0]) is None:
            raise BazelNotFound(self.startup[0])

    def command(self, verb, targets=(), extra=(), events_file=""):
        args = self.flags + (UI_FLAGS if verb in ("build", "test") else [])
        if events_file:
            args = args + ["--build_event_json_file=" + events_file]
        return self.startup + [verb] + args + list(extra) + list(targets)

    def run(self, verb, targets, extra, events_file, output_file, on_line=None):
        """Runs `bazel <verb>` with its output in `output_file`, each line also passed to
        `on_line`; returns the Outcome read from its events. Ctrl+C stops Bazel, then raises."""
        if os.path.exists(events_file):
            os.unlink(events_file)
        argv = self.command(verb, targets, extra, events_file)
        with open(output_file, "w", encoding="utf-8") as out, subprocess.Popen(
                argv, cwd=self.repo_root, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True, errors="replace") as proc:
            try:
                for line in proc.stdout:
                    out.write(line)
                    if on_line is not None:
                        on_line(line.rstrip("\n"))
                proc.wait()
            except KeyboardInterrupt:
                stop(proc)
                raise
        outcome = read_events(events_file)
        outcome.interrupted = outcome.interrupted or proc.returncode == -signal.SIGINT
        return outcome

    def info(self, key):
        proc = subprocess.run(self.startup + ["info"] + self.flags + [key], cwd=self.repo_root,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    def _symlink(self, kind):
        prefix = "bazel-"
        for flag in self.flags:
            if flag.startswith("--symlink_prefix="):
                prefix = flag.split("=", 1)[1]
        path = prefix + kind
        return path if os.path.isabs(path) else os.path.join(self.repo_root, path)

    def testlogs(self):
        """The bazel-testlogs directory: the convenience symlink, else `bazel info`."""
        link = self._symlink("testlogs")
        return link if os.path.isdir(link) else self.info("bazel-testlogs")

    def bin_dir(self):
        link = self._symlink("bin")
        return link if os.path.isdir(link) else self.info("bazel-bin")

    def output_base(self):
        """Bazel's output base, found without asking the (possibly busy) server: the startup
        option --output_base, else where the bazel-out link points (<output base>/execroot/
        <workspace>/bazel-out); "" before the first build."""
        for option in self.startup[1:]:
            if option.startswith("--output_base="):
                return os.path.expanduser(option.split("=", 1)[1])
        link = self._symlink("out")
        if not os.path.islink(link):
            return ""
        return os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(link))))

    def server_pid(self):
        """The Bazel server's process id, or 0 when it is not known."""
        try:
            with open(os.path.join(self.output_base(), "server", "server.pid.txt")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return 0


def stop(proc):
    """Lets Bazel cancel cleanly: after Ctrl+C it got the SIGINT too, from the terminal;
    otherwise it gets one now."""
    try:
        proc.wait(timeout=1)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
