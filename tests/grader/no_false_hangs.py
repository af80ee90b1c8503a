#!/usr/bin/env python3
"""Proves the hang watchdog calls no slow but correct run hung: runs every reference, as a
learner's solution in a scratch copy of this repository, with `tools/grade run N --repeat R`
while a CPU hog keeps every core busy (as tools/stress does), and counts the verdicts.

    tests/grader/no_false_hangs.py [--repeat 10] [--chaos] [--scratch DIR] [EXERCISE...]

Prints one line per exercise (runs, passes, hung verdicts, seconds) and a total; exits 1 if any
run was called hung or failed. The scratch copy uses its own Bazel output base and the disk cache
$KATA_E2E_DISK_CACHE (default ~/.cache/bazel-disk), like e2e.py. Takes a few minutes.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools"))
import e2e  # noqa: E402  (the scratch copy is made the same way)
import course  # noqa: E402
from maintainer.cpu_hog import CpuHog  # noqa: E402


def solve_everything(t, exercises):
    """Copies each reference's files over the exercise's stub."""
    for ex in exercises:
        source = t.path("solutions", ex.name)
        for name in os.listdir(source):
            if name != "BUILD" and os.path.isfile(os.path.join(source, name)):
                shutil.copy(os.path.join(source, name), t.path("exercises", ex.name, name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exercises", nargs="*", help="names or numbers (default: all)")
    parser.add_argument("--repeat", type=int, default=10, help="runs per exercise")
    parser.add_argument("--chaos", action="store_true", help="in chaos mode")
    parser.add_argument("--scratch", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "kata-no-false-hangs"))
    args = parser.parse_args()
    e2e.make_scratch(args.scratch)
    t = e2e.E2E(args.scratch)
    exercises = course.select(args.scratch, args.exercises)
    solve_everything(t, exercises)
    flags = ["--config=chaos"] if args.chaos else []
    argv = (shlex.split(t.env["KATA_BAZEL"]) + ["build", "--color=no", "--curses=no"] + flags +
            shlex.split(t.env["KATA_BAZEL_FLAGS"]) + [ex.test_target for ex in exercises])
    build = subprocess.run(argv,
                           cwd=t.scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    if build.returncode != 0:
        print(build.stdout[-3000:])
        t.discard()
        return 1
    extra = ["--chaos"] if args.chaos else []
    total = {"runs": 0, "passed": 0, "hung": 0}
    started = time.monotonic()
    with CpuHog() as hog:
        print("references as solutions, tools/grade run N --repeat %d%s, with %s busy" % (
            args.repeat, " --chaos" if args.chaos else "", hog.description), flush=True)
        for ex in exercises:
            before = time.monotonic()
            code, out = t.grade("run", ex.name, "--repeat", str(args.repeat), *extra)
            found = re.search(r"passed (\d+) of (\d+) runs", out)
            passed = args.repeat if code == 0 else int(found.group(1)) if found else 0
            hung = len(re.findall(r"^\s+hung: ", out, re.M))
            total["runs"] += args.repeat
            total["passed"] += passed
            total["hung"] += hung
            print("  %-18s %3d runs, %3d passed, %d hung verdicts, %5.1f s" % (
                ex.name, args.repeat, passed, hung, time.monotonic() - before), flush=True)
            if code != 0:
                print("    " + out.strip().replace("\n", "\n    ")[-2500:], flush=True)
    print("no_false_hangs: %d runs of %d references in %.0f s, CPU busy %.0f%% of the time: "
          "%d hung verdicts, %d failed runs" % (
              total["runs"], len(exercises), time.monotonic() - started,
              100 * hog.busy_fraction, total["hung"], total["runs"] - total["passed"]))
    t.discard()
    return 0 if total["hung"] == 0 and total["passed"] == total["runs"] else 1


if __name__ == "__main__":
    sys.exit(main())
