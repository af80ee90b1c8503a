"""Reads what `bazel test` prints: each target's result line, the test.log paths under it, and
the first error lines (Bazel's own, and the compiler's with their source line and caret)."""
import re

RESULT_LINE = re.compile(r"^(//\S+)\s+(\(cached\) )?(PASSED|FAILED TO BUILD|FAILED|TIMEOUT|FLAKY|"
                     r"NO STATUS|INCOMPLETE|REMOTE FAILURE|SKIPPED)"
                     r"(?:,? (?:failed )?in (?:(\d+) out of (\d+) in )?([\d.]+)s)?")
LOG_LINE = re.compile(r"^\s+(/\S+/test\.log)\s*$")
_STATS = re.compile(r"^\s+Stats over (\d+) runs:")
_COMPILER_ERROR = re.compile(r"^[\w./+-]+:\d+:(\d+:)? (fatal error|error): |undefined reference|"
                             r"^collect2: error|multiple definition of")
_ERROR = re.compile(r"^ERROR: ")
_NOISE = re.compile(r"Build did NOT complete successfully|Couldn't start the build|"
                    r"^ERROR: command succeeded, but there were errors")
MAX_ERROR_LINES = 14


class TargetResult:
    """One target's result line: label; status ("PASSED", "FAILED", "FAILED TO BUILD", "NO
    STATUS", ...); cached; seconds; runs_failed of runs_total (--runs_per_test); the logs."""

    def __init__(self, label, status, cached=False, seconds=0.0, runs_failed=0, runs_total=1):
        self.label, self.status, self.cached, self.seconds = label, status, cached, seconds
        self.runs_failed, self.runs_total = runs_failed, runs_total
        self.logs = []   # test.log paths Bazel printed


class BazelRun:
    """A finished Bazel command: returncode; targets (label -> TargetResult); the first error
    lines; whether it was interrupted."""

    def __init__(self, returncode, targets, errors, interrupted=False):
        self.returncode, self.targets, self.errors = returncode, targets, errors
        self.interrupted = interrupted


def parse_output(lines):
    """Reads Bazel's output: the per-target result lines, their log paths and the errors."""
    targets, errors, last, context = {}, [], None, 0
    for raw in lines:
        line = raw.rstrip("\n")
        result = RESULT_LINE.match(line)
        if result:
            status = result.group(3)
            failed, total = result.group(4), result.group(5)
            last = TargetResult(label=result.group(1), status=status, cached=bool(result.group(2)),
                                seconds=float(result.group(6) or 0),
                                runs_failed=int(failed) if failed else int(status != "PASSED"),
                                runs_total=int(total) if total else 1)
            targets[last.label] = last
            continue
        log = LOG_LINE.match(line)
        if log and last is not None:
            last.logs.append(log.group(1))
            continue
        stats = _STATS.match(line)
        if stats and last is not None:   # --runs_per_test: how many runs, also when all passed
            last.runs_total = int(stats.group(1))
            continue
        if len(errors) >= MAX_ERROR_LINES or _NOISE.search(line):
            continue
        if _COMPILER_ERROR.search(line):
            errors.append(line)
            context = 2   # the source line and the caret under it
        elif context and (line.startswith(" ") and "|" in line):
            errors.append(line)
            context -= 1
        elif _ERROR.match(line):
            errors.append(line.split(" error executing command ")[0])
            context = 0
        else:
            context = 0
    return targets, errors
