"""The hang watchdog: finds a test process that runs past its limit, dumps every thread's stack
with gdb, and kills it. What the dump says is read later, for the learner (diagnose/gdb.py).

The test process is found in /proc as a descendant of the Bazel server (or of the process the
grader started) whose executable is the test binary. No busy loop: one /proc scan every 0.5 s.
"""
import os
import shutil
import signal
import subprocess
import threading

from . import procfs

# Seconds a test binary may run before it counts as hung: a stub must fail within 10 s
# (tests/meta/expect_verdict.py). The default of --hang-limit.
HANG_LIMIT = 10.0
GDB_TIMEOUT = 90


class HangReport:
    """A hung test process: pid; binary (its executable's name); seconds it ran; gdb_text (gdb's
    `thread apply all bt`, or ""); dump_file (where that text is kept); thread_sentences (what
    /proc says each thread waits in, for when gdb could not attach); note (why there is no gdb
    dump, if there is none); ptrace_note (why gdb may be refused, if it may)."""

    def __init__(self, pid, binary, seconds, gdb_text="", dump_file="", thread_sentences=(),
                 note="", ptrace_note=""):
        self.pid, self.binary, self.seconds = pid, binary, seconds
        self.gdb_text, self.dump_file, self.note = gdb_text, dump_file, note
        self.thread_sentences, self.ptrace_note = list(thread_sentences), ptrace_note


def _ptrace_note():
    scope = procfs.read("/proc/sys/kernel/yama/ptrace_scope").strip()
    if scope and scope != "0":
        return ("gdb may not attach: /proc/sys/kernel/yama/ptrace_scope is %s (run as root, or "
                "`echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope`)" % scope)
    return ""


def dump(pid, binary, dump_file):
    """Dumps the stacks of `pid` with gdb into `dump_file`; returns a HangReport."""
    seconds = procfs.age(pid)
    gdb = shutil.which("gdb")
    text, note = "", ""
    if gdb:
        try:
            text = subprocess.run(
                [gdb, "-batch", "-nx", "-p", str(pid), "-ex", "set pagination off",
                 "-ex", "thread apply all bt"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, text=True, errors="replace",
                timeout=GDB_TIMEOUT).stdout
        except subprocess.TimeoutExpired:
            note = "gdb did not finish within %d s" % GDB_TIMEOUT
    else:
        note = "gdb is not installed (run tools/setup)"
    if text:
        with open(dump_file, "w", encoding="utf-8") as f:
            f.write(text)
    return HangReport(pid, binary, seconds, text, dump_file if text else "",
                      procfs.thread_sentences(pid), note, _ptrace_note())


class Watchdog(threading.Thread):
    """Watches for processes whose executable is one of `names`, under `root()`, that live
    longer than `limit` s."""

    def __init__(self, names, limit, root, dump_dir):
        super().__init__(daemon=True)
        self.names, self.limit, self.root = list(names), limit, root
        self.dump_dir = dump_dir   # where gdb's output is kept
        self.reports = []
        self._halt = threading.Event()

    def run(self):
        handled = set()
        # Nothing can be older than the limit before the limit has passed: no scan until then,
        # so a quick (cached) run costs nothing.
        if self._halt.wait(self.limit):
            return
        while not self._halt.wait(0.5):
            for pid, binary in procfs.find_processes(self.names, self.root()):
                if pid in handled or procfs.age(pid) < self.limit:
                    continue
                handled.add(pid)
                path = os.path.join(self.dump_dir, "hang-%s-%d.txt" % (binary, pid))
                self.reports.append(dump(pid, binary, path))
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def stop(self):
        self._halt.set()
        self.join(timeout=5)
