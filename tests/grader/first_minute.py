#!/usr/bin/env python3
"""Prints the learner's first-minute figures, measured on a clean clone of this repository's
last commit:

  (a) tools/setup's time (packages present; it builds the course), and the time of the first
      tools/grade after it: its first verdict (exercise 01's stub, failing). Goal: <= 10 s.
  (b) the hang verdict: how long `tools/grade run 1` takes, once built, on a greeter whose
      StartGreeter joins a thread that waits for ever (a deadlocked solution). Goal: <= 5 s.
  (c) for comparison, a deadlocking mutant the tests' deadlines catch (11_deadlock's
      self_transfer_locks_twice: std::scoped_lock(m, m)): its verdict's time, once built.

    tests/grader/first_minute.py [--scratch DIR] [--disk-cache] [--keep]

The clone has its own Bazel output base, so the build is cold, as on a learner's machine;
--disk-cache lends it the maintainers' disk cache (~/.cache/bazel-disk) to save minutes, which
makes (a)'s setup time meaningless but not its first verdict. Takes a few minutes; exits 1 when
a goal is missed or a verdict is not what it should be.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HANGING_GREETER = os.path.join(REPO, "tests", "grader", "fixtures", "programs",
                               "hanging_greeter.cc")
FIRST_VERDICT_GOAL, HANG_VERDICT_GOAL = 10.0, 5.0


def say(text):
    print(text, flush=True)


class Clone:
    def __init__(self, path, disk_cache):
        self.path = path
        self.env = dict(os.environ, NO_COLOR="1")
        self.env.pop("KATA_BAZEL", None)
        self.env.pop("KATA_BAZEL_FLAGS", None)
        if disk_cache:
            with open(os.path.join(path, ".bazelrc.user"), "w") as f:
                f.write("build --disk_cache=%s\n" % os.path.expanduser("~/.cache/bazel-disk"))

    def run(self, *argv):
        """(exit code, output, seconds) of `argv` run in the clone."""
        started = time.monotonic()
        proc = subprocess.run(list(argv), cwd=self.path, env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return proc.returncode, proc.stdout, time.monotonic() - started

    def shutdown(self):
        subprocess.run(["bazel", "shutdown"], cwd=self.path, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def against(seconds, goal):
    return ("within the %.0f s goal" if seconds <= goal else "OVER the %.0f s goal") % goal


def verdict_line(output, name):
    return next((line.strip() for line in output.splitlines() if "] %s " % name in line), "?")


def check(ok, what, output):
    if not ok:
        say("  unexpected: %s\n    %s" % (what, output.strip().replace("\n", "\n    ")[-2000:]))
    return ok


def first_verdict(clone):
    code, out, setup = clone.run("tools/setup")
    if not check(code == 0, "tools/setup failed", out):
        return False
    line = next((l for l in out.splitlines() if "built the course" in l), "")
    say("(a) tools/setup: %.0f s (%s)" % (setup, line.replace("tools/setup: ", "") or
                                          "nothing to build"))
    code, out, seconds = clone.run("tools/grade")
    ok = check(code == 1 and "01_greeter" in out and "Start here" in out,
               "the first tools/grade should fail at 01's stub and say where to start", out)
    say("    first tools/grade after it: %.1f s (%s), %s" % (
        seconds, verdict_line(out, "01_greeter"), against(seconds, FIRST_VERDICT_GOAL)))
    return ok and seconds <= FIRST_VERDICT_GOAL


def timed_verdict(clone, number, name, target, expect):
    """Builds `target`, then times `tools/grade run N`; returns (seconds, output)."""
    code, out, _ = clone.run("bazel", "build", "--color=no", "--curses=no", target)
    if not check(code == 0, "%s does not build" % target, out):
        return None, out
    code, out, seconds = clone.run("tools/grade", "run", str(number))
    if not check(code == 1 and expect in out, "%s: expected %r in the verdict" % (name, expect),
                 out):
        return None, out
    return seconds, out


def hang_verdicts(clone):
    greeter = os.path.join(clone.path, "exercises", "01_greeter", "greeter.cc")
    shutil.copy(HANGING_GREETER, greeter)
    seconds, out = timed_verdict(clone, 1, "01_greeter", "//exercises/01_greeter:greeter_test",
                                 "nothing left to wake it")
    if seconds is None:
        return False
    say("(b) a deadlocked greeter (StartGreeter joins a thread that waits for ever): "
        "tools/grade run 1 says hung in %.1f s, %s" % (seconds,
                                                       against(seconds, HANG_VERDICT_GOAL)))
    subprocess.run(["git", "checkout", "-q", "--", greeter], cwd=clone.path, check=True)
    bank = os.path.join(clone.path, "exercises", "11_deadlock", "bank.cc")
    shutil.copy(os.path.join(clone.path, "solutions", "11_deadlock", "bank.cc"), bank)
    patch = os.path.join(clone.path, "tests", "mutants", "11_deadlock",
                         "self_transfer_locks_twice.patch")
    subprocess.run(["patch", "--quiet", bank, patch], check=True)
    mutant, out = timed_verdict(clone, 11, "11_deadlock", "//exercises/11_deadlock:bank_test",
                                "ATransferToTheSameAccountChangesNothing")
    if mutant is None:
        return False
    say("(c) 11_deadlock's self_transfer_locks_twice (a deadlock inside the test's deadline): "
        "tools/grade run 11 gives its verdict in %.1f s (%s)" % (
            mutant, verdict_line(out, "11_deadlock")))
    return seconds <= HANG_VERDICT_GOAL


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scratch", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "kata-first-minute"))
    parser.add_argument("--disk-cache", action="store_true",
                        help="use ~/.cache/bazel-disk (setup's time is then not a clean one)")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its server")
    args = parser.parse_args()
    if os.path.exists(args.scratch):
        subprocess.run(["bazel", "shutdown"], cwd=args.scratch, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(args.scratch)
    subprocess.run(["git", "clone", "-q", REPO, args.scratch], check=True)
    clone = Clone(args.scratch, args.disk_cache)
    commit = subprocess.run(["git", "-C", args.scratch, "log", "--oneline", "-1"],
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    say("clean clone of %s%s; load average %.1f" % (
        commit, " (with the disk cache)" if args.disk_cache else "", os.getloadavg()[0]))
    try:
        ok = first_verdict(clone)
        ok = hang_verdicts(clone) and ok
    finally:
        if not args.keep:
            clone.shutdown()
            shutil.rmtree(args.scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
