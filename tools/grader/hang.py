"""The hang watchdog: finds a test process that runs past its limit, dumps every thread's stack
with gdb, kills it, and says in words which thread waits where (parse_gdb.py).

The test process is found in /proc as a descendant of the Bazel server (or of the process the
grader started) whose name is the test binary's. No busy loop: one /proc scan every 0.5 s.
"""
import os
import signal
import threading

from . import procfs

class HangReport:
    """A hung test process: pid; binary; seconds it ran; sentences ("thread 1 (main) is blocked
    in std::thread::join at ..."); details (per thread, learner frames first); dump_file (gdb's
    full output); note (why there is no gdb dump, if there is none)."""

    def __init__(self, pid, binary, seconds, sentences, details, dump_file="", note=""):
        self.pid, self.binary, self.seconds = pid, binary, seconds
        self.sentences, self.details, self.dump_file, self.note = (sentences, details,
                                                                   dump_file, note)


def _ptrace_note():
    scope = procfs.read("/proc/sys/kernel/yama/ptrace_scope").strip()
    if scope and scope != "0":
        return ("gdb may not attach: /proc/sys/kernel/yama/ptrace_scope is %s (run as root, or "
                "`echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope`)" % scope)
    return ""


def diagnose(pid, binary, dump_file):
    """Dumps the stacks of `pid` with gdb (or reads /proc) and returns a HangReport."""
    seconds = procfs.age(pid)
    import subprocess
    from .bazel import which
    gdb = which("gdb")
    text, note = "", ""
    if gdb:
        try:
            text = subprocess.run(
                [gdb, "-batch", "-nx", "-p", str(pid), "-ex", "set pagination off",
                 "-ex", "thread apply all bt"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, text=True, errors="replace", timeout=90).stdout
        except subprocess.TimeoutExpired:
            note = "gdb did not finish within 90 s"
    else:
        note = "gdb is not installed (run tools/setup)"
    from . import parse_gdb   # only when something hangs
    from .frames import learner_frames_first
    threads = parse_gdb.parse(text)
    if dump_file and text:
        with open(dump_file, "w", encoding="utf-8") as f:
            f.write(text)
    if not threads:
        note = note or ("gdb could not attach: " + (_ptrace_note() or text.strip()[-200:]))
        return HangReport(pid, binary, seconds, procfs.thread_sentences(pid), [], dump_file,
                          note)
    details = []
    for thread in threads:
        if not thread.is_tool:
            details.append(("thread %d" % thread.number, learner_frames_first(thread)))
    return HangReport(pid, binary, seconds, parse_gdb.describe(threads, main_lwp=pid), details,
                      dump_file if text else "")


class Watchdog(threading.Thread):
    """Watches for processes named `names` under `root()` that live longer than `limit` s."""

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
            for pid in procfs.find_processes(self.names, self.root()):
                if pid in handled or procfs.age(pid) < self.limit:
                    continue
                handled.add(pid)
                binary = procfs.read("/proc/%d/comm" % pid).strip()
                dump = os.path.join(self.dump_dir, "hang-%s-%d.txt" % (binary, pid))
                self.reports.append(diagnose(pid, binary, dump))
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def stop(self):
        self._halt.set()
        self.join(timeout=5)
