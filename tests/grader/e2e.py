#!/usr/bin/env python3
"""End-to-end check of tools/grade against a scratch copy of this repository.

    tests/grader/e2e.py [--scratch DIR] [--keep]

Copies the working tree (without bazel-* and .kata) to DIR (default $TMPDIR/kata-grader-e2e),
commits it to a fresh git repository there, solves exercise 01 with the reference, leaves the
next exercise unsolved, and checks the grader's verdicts, `list`, hint levels, a timeline,
reset with backup, the hang watchdog, Ctrl+C, and the error exits. Needs Bazel, so it runs from
.ci/run, not inside `bazel test`. Uses its own Bazel output base (that of DIR) and the disk
cache $KATA_E2E_DISK_CACHE (default ~/.cache/bazel-disk). Takes a few minutes.
"""
import argparse
import json
import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import termios
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Exercise 01 written so that StartGreeter never returns: for the hang watchdog.
HANGING_GREETER = os.path.join(REPO, "tests", "grader", "fixtures", "programs",
                               "hanging_greeter.cc")


class E2E:
    def __init__(self, scratch):
        self.scratch, self.failures, self.checks = scratch, [], 0
        self.env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
        # tools/grade runs with the first python3 on PATH: make it this one (a pyenv shim, say,
        # costs a second per start).
        self.env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + self.env.get("PATH", "")
        self.env["KATA_BAZEL"] = os.environ.get("KATA_E2E_BAZEL", "bazel")
        self.env["KATA_BAZEL_FLAGS"] = "--disk_cache=" + os.environ.get(
            "KATA_E2E_DISK_CACHE", os.path.expanduser("~/.cache/bazel-disk"))

    def grade(self, *args, env=None):
        started = time.monotonic()
        proc = subprocess.run([os.path.join(self.scratch, "tools", "grade")] + list(args),
                              cwd=self.scratch, env=env or self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print("$ tools/grade %s  -> exit %d (%.1f s)" % (" ".join(args), proc.returncode,
                                                       time.monotonic() - started))
        return proc.returncode, proc.stdout

    def discard(self):
        """Stops the scratch copy's Bazel server and deletes the copy."""
        subprocess.run(shlex.split(self.env["KATA_BAZEL"]) + ["shutdown"], cwd=self.scratch,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.scratch, ignore_errors=True)

    def check(self, ok, what, output=""):
        self.checks += 1
        print("  %s %s" % ("ok  " if ok else "FAIL", what))
        if not ok:
            self.failures.append(what)
            print("    " + output.replace("\n", "\n    ")[-3000:])

    def path(self, *parts):
        return os.path.join(self.scratch, *parts)

    def read(self, *parts):
        with open(self.path(*parts), encoding="utf-8") as f:
            return f.read()

    def write(self, text, *parts):
        with open(self.path(*parts), "w", encoding="utf-8") as f:
            f.write(text)


def make_scratch(scratch):
    if os.path.exists(scratch):
        shutil.rmtree(scratch)
    ignore = shutil.ignore_patterns("bazel-*", ".git", ".kata", "__pycache__")
    shutil.copytree(REPO, scratch, symlinks=True, ignore=ignore)
    git = ["git", "-C", scratch, "-c", "user.name=e2e", "-c", "user.email=e2e@example.com"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "stubs"]):
        subprocess.run(git + args, check=True, stdout=subprocess.DEVNULL)


def check_learning_tools(t):
    """hint N 1 re-reads a hint, the last hint asks first, reset of an untouched exercise makes
    no backup, restore brings back what reset backed up, and a corrupt state.json is kept aside
    with one warning. Expects 01 reset to its stub and hints 1 and 2 seen; leaves 01 the stub."""
    names = sorted(n for n in os.listdir(t.path("exercises")) if n[:2].isdigit())
    hinted = next((n for n in names[1:2] if os.path.exists(t.path("exercises", n, "HINTS.md"))),
                  "01_greeter")
    code, out = t.grade("hint", hinted, "1")
    level = json.loads(t.read(".kata", "state.json"))["exercises"][hinted].get("hint_level")
    t.check(code == 0 and "hint 1 of 3" in out and level == 2,
            "hint N 1 shows level 1 again and keeps level 2 (%s)" % level, out)
    code, out = t.grade("hint", hinted)
    t.check(code == 1 and "nearly gives the answer" in out and "3 --yes" in out and
            ", hint 3 of 3" not in out, "the last hint warns and needs --yes without a terminal",
            out)

    def backups():
        return sorted(os.listdir(t.path(".kata", "backups")))
    before = backups()
    code, out = t.grade("reset", "1", "--yes")
    t.check(code == 0 and "nothing to reset" in out and backups() == before,
            "reset of an untouched exercise makes no backup", out)
    stub = t.read("exercises", "01_greeter", "greeter.cc")
    code, out = t.grade("restore", "1", "--yes")
    new = [b for b in backups() if b not in before]
    t.check(code == 0 and t.read("exercises", "01_greeter", "greeter.cc") ==
            t.read("solutions", "01_greeter", "greeter.cc"),
            "restore brings back the solved greeter.cc", out)
    t.check(len(new) == 1 and t.read(".kata", "backups", new[0], "greeter.cc") == stub,
            "restore backs up the current files first", out)
    code, out = t.grade("reset", "1", "--yes")
    t.check(code == 0 and t.read("exercises", "01_greeter", "greeter.cc") == stub,
            "reset with --yes brings the stub back again", out)
    t.write("{not json", ".kata", "state.json")
    code, out = t.grade("list")
    warnings = [line for line in out.splitlines() if "state.json" in line]
    kept = [n for n in os.listdir(t.path(".kata")) if n.startswith("state.json.corrupt-")]
    t.check(code == 0 and len(warnings) == 1 and "verdicts come back from Bazel" in out and
            len(kept) == 1 and t.read(".kata", kept[0]) == "{not json",
            "a corrupt state.json: one warning, and the file kept beside", out)
    code, out = t.grade("list")
    t.check(code == 0 and "state.json" not in out, "the corrupt state.json is reported once", out)


def check_chaos_replay(t):
    """A failing chaos run names its seed and the command that replays it; the replay uses it."""
    code, out = t.grade("run", "1", "--chaos")
    found = re.search(r"chaos seed (\d+): replay with tools/grade run 01_greeter --chaos --seed "
                      r"(\d+)", out)
    t.check(code == 1 and found and found.group(1) == found.group(2),
            "a failing chaos run prints its seed and the replay command", out)
    if found:
        code, out = t.grade("run", "1", "--chaos", "--seed", found.group(1))
        t.check(code == 1 and ("chaos seed %s:" % found.group(1)) in out,
                "--seed replays that seed", out)
    code, out = t.grade("run", "1", "--seed", "5")
    t.check(code == 2 and "--chaos" in out, "--seed without --chaos is refused, exit 2", out)


def run_checks(t, names):
    second = names[1] if len(names) > 1 else None
    code, out = t.grade()
    t.check(code == (1 if second else 0), "grade exits 1 at the unsolved exercise", out)
    t.check("01_greeter ✓ passed" in out, "01 (solved) passes", out)
    if second:
        t.check(("%s ✗" % second) in out, "%s (unsolved) fails" % second, out)
        t.check("[3/" not in out, "grade stops at the first failure", out)
        t.check("full log:" in out or "Bazel's output:" in out, "the log's path is printed", out)
    state = json.loads(t.read(".kata", "state.json"))["exercises"]
    t.check(state["01_greeter"]["status"] == "passed", "state remembers 01 passed", str(state))
    code, out = t.grade("list")
    t.check(code == 0 and "greeter" in out and "passed" in out, "list shows 01 passed", out)
    hinted = second if second and os.path.exists(t.path("exercises", second, "HINTS.md")) \
        else "01_greeter"
    levels = [t.grade("hint", hinted)[1] for _ in range(2)]
    t.check("hint 1 of 3" in levels[0] and "hint 2 of 3" in levels[1],
            "hint levels advance (%s)" % hinted, "\n".join(levels))
    svg = t.path(".kata", "e2e-timeline.svg")
    code, out = t.grade("timeline", "1", "--test", "JoinWaitsForEveryGreeting", "--svg", svg)
    t.check(code == 0 and "\nmain" in out and "\nthread" in out and "J" in out,
            "a timeline renders main and the greeter thread", out)
    t.check(os.path.exists(svg) and "<svg" in open(svg).read(), "the SVG is written", out)
    if shutil.which("rsvg-convert"):
        png = t.path(".kata", "e2e-timeline.png")
        code, out = t.grade("timeline", "1", "--test", "JoinWaitsForEveryGreeting", "--png", png)
        t.check(code == 0 and os.path.exists(png) and open(png, "rb").read(4) == b"\x89PNG",
                "--png renders the timeline as a PNG", out)
    code, out = t.grade("run", "1", "--repeat", "3")
    t.check(code == 0 and "passed all 3 runs" in out, "--repeat 3 reports the runs", out)
    code, out = t.grade("run", "1", "--chaos")
    t.check(code == 0, "the solved 01 passes in chaos mode", out)
    solved = t.read("exercises", "01_greeter", "greeter.cc")
    code, out = t.grade("reset", "1", "--yes")
    backups = sorted(os.listdir(t.path(".kata", "backups"))) if code == 0 else []
    t.check(code == 0 and backups, "reset succeeds and makes a backup", out)
    if backups:
        t.check(t.read(".kata", "backups", backups[-1], "greeter.cc") == solved,
                "the backup holds the solved file", out)
    stub = subprocess.run(["git", "-C", t.scratch, "show", "HEAD:exercises/01_greeter/greeter.cc"],
                          stdout=subprocess.PIPE, text=True).stdout
    t.check(t.read("exercises", "01_greeter", "greeter.cc") == stub, "the stub is back", out)
    check_learning_tools(t)
    code, out = t.grade("run", "1")
    t.check(code == 1 and "data race" in out and "hint: no happens-before" in out and
            "full log:" in out, "the stub fails with a condensed TSan report", out)
    check_chaos_replay(t)
    shutil.copy(HANGING_GREETER, t.path("exercises", "01_greeter", "greeter.cc"))
    code, out = t.grade("run", "1")
    t.check(code == 1 and "nothing left to wake it" in out and
            "blocked in std::thread::join at greeter.cc" in out,
            "a deadlock is stopped once every thread waits, and explained", out)
    check_interrupt(t)
    code, out = t.grade("run", "99")
    t.check(code == 2 and "01_greeter" in out, "an unknown exercise lists the names, exit 2", out)
    code, out = t.grade("run", "1", env=dict(t.env, KATA_BAZEL="no-such-bazel"))
    t.check(code == 2 and out.strip() == "bazel not found: run tools/setup first",
            "no bazel: one line, exit 2", out)
    check_watch_keys(t)


def check_interrupt(t):
    # New content every time, so a real compile (never a disk-cache hit) gives time to
    # interrupt before the hang verdict, which takes only seconds.
    t.write(t.read("exercises", "01_greeter", "greeter.cc") + "// edited %f\n" % time.time(),
            "exercises", "01_greeter", "greeter.cc")
    # SIGINT as a terminal leaves it, even when this script runs in the background, where the
    # shell ignores SIGINT for it and its children: Python would then never see the Ctrl+C.
    proc = subprocess.Popen([t.path("tools", "grade"), "run", "1"], cwd=t.scratch, env=t.env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2)
    os.killpg(proc.pid, signal.SIGINT)   # as a terminal's Ctrl+C does
    out, _ = proc.communicate(timeout=60)
    try:
        json.loads(t.read(".kata", "state.json"))
        whole = True
    except ValueError:
        whole = False
    t.check(proc.returncode == 130 and whole, "Ctrl+C exits 130 with state.json intact", out)


def check_watch_keys(t):
    """On a terminal (a pty: its stdin and stdout), watch answers l, h and q at once and gives
    the terminal's settings back; Ctrl+C stops it with 130."""
    stub = subprocess.run(["git", "-C", t.scratch, "show", "HEAD:exercises/01_greeter/greeter.cc"],
                          stdout=subprocess.PIPE, text=True).stdout
    t.write(stub, "exercises", "01_greeter", "greeter.cc")   # fails at once: no hang to wait for

    def on_terminal(keys, interrupt=False):
        """Starts watch on a pty, waits for "Watching", then types each key once the pattern
        paired with it shows (or interrupts). Returns (exit code, whether the terminal was
        given back as it was, the pattern that never showed or "", the output)."""
        leader, follower = pty.openpty()
        proc = subprocess.Popen(
            [t.path("tools", "grade"), "watch", "1"], cwd=t.scratch, env=t.env, stdin=follower,
            stdout=follower, stderr=follower, start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        settings, output, missing = termios.tcgetattr(follower), b"", ""
        try:
            at = 0
            for key, pattern in [(b"", r"Watching.*\r?\n.*keys: h")] + keys:
                if key:
                    os.write(leader, key)
                deadline = time.monotonic() + (300 if not at else 30)
                while True:
                    ready = select.select([leader], [], [], 0.2)[0]
                    if ready:
                        output += os.read(leader, 65536)
                    found = re.compile(pattern).search(output.decode("utf-8", "replace"), at)
                    if found or time.monotonic() > deadline or (
                            not ready and proc.poll() is not None):
                        break
                if found is None:
                    missing = pattern
                    break
                at = found.end()
            if interrupt and not missing:
                os.killpg(proc.pid, signal.SIGINT)   # as a terminal's Ctrl+C does
            try:
                code = proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                code = None
            while select.select([leader], [], [], 0.2)[0]:
                output += os.read(leader, 65536)
            restored = termios.tcgetattr(follower) == settings
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            os.close(leader)
            os.close(follower)
        text = output.decode("utf-8", "replace")
        print("$ tools/grade watch 1  (on a pty) -> exit %s" % code)
        return code, restored, missing, text

    code, restored, missing, out = on_terminal([
        (b"l", r"01\s+greeter(.*\n)*?.*Watching"),
        (b"h", r"[Hh]int \d(.*\n)*?.*Watching"),
        (b"q", r"Stopped watching")])
    t.check(not missing, "watch on a terminal names its keys; l lists, h hints (%s)" % (
        "all seen" if not missing else "missing " + missing), out)
    t.check(code == 0 and restored, "q quits watch with 0 and the terminal as it was", out)
    code, restored, missing, out = on_terminal([], interrupt=True)
    t.check(code == 130 and "interrupted" in out and restored and not missing,
            "Ctrl+C stops watch with 130 and the terminal as it was", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scratch", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "kata-grader-e2e"))
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy and server")
    args = parser.parse_args()
    started = time.monotonic()
    make_scratch(args.scratch)
    t = E2E(args.scratch)
    shutil.copy(t.path("solutions", "01_greeter", "greeter.cc"),
                t.path("exercises", "01_greeter", "greeter.cc"))
    names = sorted(n for n in os.listdir(t.path("exercises")) if n[:2].isdigit())
    try:
        run_checks(t, names)
    finally:
        if not args.keep:
            t.discard()
    print("grader e2e: %d of %d checks passed in %.0f s" % (
        t.checks - len(t.failures), t.checks, time.monotonic() - started))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
