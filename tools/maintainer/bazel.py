"""Running Bazel from the maintainer tools, and reading what it reports.

The command is plain `bazel` unless KATA_BAZEL says otherwise, e.g.
    KATA_BAZEL="bazel --output_base=$HOME/.cache/bazel-ob-me --bazelrc=/tmp/me.bazelrc"
(the bazelrc given that way replaces ~/.bazelrc; the workspace .bazelrc still applies).
Results come from the Build Event Protocol (--build_event_json_file), read by the runner the
grader uses too, tools/bazel_runner.py: test_runs() is its.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

import bazel_runner

command = bazel_runner.startup_command
test_runs = bazel_runner.test_runs


def require(tool_name):
    """Exits with a one-line message when the Bazel command cannot be found."""
    if shutil.which(command()[0]) is None:
        sys.stderr.write("%s: %s not found; run tools/setup first\n" % (tool_name, command()[0]))
        sys.exit(1)


def scratch_dir(root, tool_name):
    """A git-ignored folder for logs and event files: .kata/maintainer/<tool>/."""
    path = os.path.join(root, ".kata", "maintainer", tool_name)
    os.makedirs(path, exist_ok=True)
    return path


def timed_call(argv, root, log_path, env=None):
    """Runs `argv` in `root` with its output in `log_path`; returns (exit code, seconds)."""
    start = time.monotonic()
    with open(log_path, "w") as log:
        code = subprocess.call(argv, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, env=env)
    return code, time.monotonic() - start


def run(root, args, log_path):
    """Runs `bazel <args>` in `root` with its output in `log_path`; returns (exit code, seconds)."""
    return timed_call(command() + args, root, log_path)


def output(root, args):
    """Runs `bazel <args>` and returns its stdout; stderr goes to ours only on failure."""
    proc = subprocess.run(command() + args, cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    if proc.returncode not in (0, 3):  # 3: query --keep_going found broken packages
        sys.stderr.write(proc.stderr[-3000:])
        raise RuntimeError("bazel %s exited with %d" % (" ".join(args[:2]), proc.returncode))
    return proc.stdout


def test_labels(root, patterns):
    """The test targets under `patterns`, sorted; packages that do not load are skipped. Tests
    tagged manual (the mutants' own cc_tests, which fail by design) are left out, as
    `bazel test` leaves them out of a pattern."""
    found = "tests(%s)" % " + ".join(patterns)
    expr = "%s except attr(tags, '\\bmanual\\b', %s)" % (found, found)
    out = output(root, ["query", "--keep_going", "--output=label", expr])
    return sorted(line.strip() for line in out.splitlines() if line.startswith("//"))


def seconds(value):
    return "%.2f s" % value


def median(values):
    return statistics.median(values) if values else 0.0


def print_table(header, rows):
    """Prints rows of cells as aligned columns: the first left-aligned, the others right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    for row in [header] + rows:
        cells = [str(c).ljust(w) if i == 0 else str(c).rjust(w)
                 for i, (c, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
