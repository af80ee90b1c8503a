"""The hang watchdog: finds a test process that has stopped making progress, dumps every
thread's stack with gdb, and kills it. What the dump says is read later, for the learner
(diagnose/gdb.py).

A test process is hung when, for STILL_SECONDS on end, nothing in it can move again: every
thread is asleep in a wait that has no timeout (a lock, a join, a condition-variable or atomic
wait, a read), and meanwhile the process and its children used no CPU time, wrote nothing and
woke no thread. Such a process never wakes by itself. A slow run is not still: a thread that is
runnable but waits for a CPU shows as running, and a test waiting with a deadline (a timed wait
or a sleep) can wake by itself. A process that burns CPU without end (a spinning lock) is
stopped at the hard limit instead, --hang-limit seconds after it started.

The test process is found in /proc as a descendant of the Bazel server (or of the process the
grader started) whose executable is the test binary. No busy loop: one /proc scan every
SCAN_SECONDS.
"""
import os
import shutil
import signal
import subprocess
import threading
import time

from . import procfs

# Seconds every thread must stay still before the process counts as hung. Short, because
# stillness is strict: a slow run under load has runnable threads, and a test that waits
# with a deadline waits with a timeout, so neither is ever still.
STILL_SECONDS = 1.0
SCAN_SECONDS = 0.25
# CPU time (in clock ticks, 1/100 s) a still process may still use meanwhile: the sanitizer's
# own background thread wakes ten times a second.
STILL_CPU_TICKS = 5
# Seconds a test binary may run in any case, still or busy: the default of --hang-limit. A stub
# must fail within 10 s (tests/meta/expect_verdict.py).
HANG_LIMIT = 10.0
GDB_TIMEOUT = 90

# System calls (x86-64) that sleep until another thread or process acts, when called without a
# timeout: argument index of the timeout (-1: they have none), and how "no timeout" looks.
_FUTEX, _NANOSLEEP = 202, 35
_FUTEX_WAITS = {0, 6, 9, 11, 13}   # FUTEX_WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2
_NO_TIMEOUT = {
    0: (-1, None), 19: (-1, None), 45: (-1, None), 47: (-1, None),   # read, readv, recv*
    43: (-1, None), 288: (-1, None), 34: (-1, None),                  # accept, accept4, pause
    61: (-1, None), 247: (-1, None),                                  # wait4, waitid
    128: (2, 0),                                                      # rt_sigtimedwait: NULL
    7: (2, 0xffffffff), 232: (3, 0xffffffff), 281: (3, 0xffffffff),  # poll, epoll_wait(-1)
    271: (2, 0), 23: (4, 0), 270: (4, 0),                             # ppoll, select, pselect
}


def waits_for_ever(thread):
    """Whether `thread` (procfs.Thread) sleeps in a wait that only another thread or process can
    end: True; False when it is running or can wake by itself (a timeout, a sleep); None for
    the sanitizer runtime's own background thread, which sleeps in raw nanosleep calls
    (glibc's sleeps use clock_nanosleep) and is left out."""
    if thread.state not in ("S", "D") or thread.syscall < 0:
        return False
    if thread.syscall == _NANOSLEEP:
        return None
    if thread.syscall == _FUTEX:
        return (len(thread.args) > 3 and (thread.args[1] & 0x7f) in _FUTEX_WAITS and
                thread.args[3] == 0)
    if thread.syscall not in _NO_TIMEOUT:
        return False
    index, none = _NO_TIMEOUT[thread.syscall]
    if index < 0:
        return True
    return len(thread.args) > index and (thread.args[index] & 0xffffffff if none == 0xffffffff
                                         else thread.args[index]) == none


class Stillness:
    """Follows one process from sample to sample: still_for() is how long nothing in it has
    been able to move."""

    def __init__(self):
        self.since, self.first = None, None

    def observe(self, sample, now):
        """Takes a procfs.Sample (None: the process has ended) taken at time `now`."""
        if sample is None or not self._still(sample):
            self.since, self.first = None, None
        elif self.first is None or not self._unchanged(sample):
            self.since, self.first = now, sample   # still from now on, unless something moves

    def still_for(self, now):
        return 0.0 if self.since is None else now - self.since

    @staticmethod
    def _still(sample):
        kinds = [waits_for_ever(t) for t in sample.threads]
        return True in kinds and False not in kinds

    def _unchanged(self, sample):
        first = self.first
        blocked = {t.tid: t.switches for t in sample.threads if waits_for_ever(t)}
        before = {t.tid: t.switches for t in first.threads if waits_for_ever(t)}
        return (sample.pids == first.pids and sample.written == first.written and
                sample.cpu - first.cpu <= STILL_CPU_TICKS and blocked == before)


class HangReport:
    """A hung test process: pid; binary (its executable's name); seconds it ran; still (seconds
    every thread had been waiting with nothing to wake it, or 0 when it was stopped at the hard
    limit); gdb_text (gdb's `thread apply all bt`, or ""); dump_file (where that text is kept);
    thread_sentences (what /proc says each thread waits in, for when gdb could not attach);
    note (why there is no gdb dump, if there is none); ptrace_note (why gdb may be refused)."""

    def __init__(self, pid, binary, seconds, gdb_text="", dump_file="", thread_sentences=(),
                 note="", ptrace_note="", still=0.0):
        self.pid, self.binary, self.seconds, self.still = pid, binary, seconds, still
        self.gdb_text, self.dump_file, self.note = gdb_text, dump_file, note
        self.thread_sentences, self.ptrace_note = list(thread_sentences), ptrace_note


def _ptrace_note():
    scope = procfs.read("/proc/sys/kernel/yama/ptrace_scope").strip()
    if scope and scope != "0":
        return ("gdb may not attach: /proc/sys/kernel/yama/ptrace_scope is %s (run as root, or "
                "`echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope`)" % scope)
    return ""


def dump(pid, binary, dump_file, still=0.0):
    """Dumps the stacks of `pid` with gdb into `dump_file`; returns a HangReport."""
    seconds = procfs.age(pid)
    gdb = shutil.which("gdb")
    text, note = "", ""
    if gdb:
        # No auto-loaded scripts (pretty printers) and no debuginfod lookups: they only slow
        # the dump down, and the machine may have no network.
        try:
            text = subprocess.run(
                [gdb, "-batch", "-nx", "-iex", "set auto-load off",
                 "-iex", "set debuginfod enabled off", "-p", str(pid),
                 "-ex", "set pagination off", "-ex", "thread apply all bt"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                text=True, errors="replace", timeout=GDB_TIMEOUT).stdout
        except subprocess.TimeoutExpired:
            note = "gdb did not finish within %d s" % GDB_TIMEOUT
    else:
        note = "gdb is not installed (run tools/setup)"
    if text:
        with open(dump_file, "w", encoding="utf-8") as f:
            f.write(text)
    return HangReport(pid, binary, seconds, text, dump_file if text else "",
                      procfs.thread_sentences(pid), note, _ptrace_note(), still)


class Watchdog(threading.Thread):
    """Watches for processes whose executable is one of `names`, under `root()`: stops one that
    has been still for `still` seconds, or has run for `limit` seconds."""

    def __init__(self, names, limit, root, dump_dir, still=STILL_SECONDS):
        super().__init__(daemon=True)
        self.names, self.limit, self.root, self.still = list(names), limit, root, still
        self.dump_dir = dump_dir   # where gdb's output is kept
        self.reports = []
        self._halt = threading.Event()

    def run(self):
        handled, followed = set(), {}
        while not self._halt.wait(SCAN_SECONDS):
            now = time.monotonic()
            found = dict(procfs.find_processes(self.names, self.root()))
            for pid in list(followed):
                if pid not in found:
                    del followed[pid]
            for pid, binary in found.items():
                if pid in handled:
                    continue
                stillness = followed.setdefault(pid, Stillness())
                stillness.observe(procfs.sample(pid), now)
                still = stillness.still_for(now)
                if still < self.still and procfs.age(pid) < self.limit:
                    continue
                handled.add(pid)
                path = os.path.join(self.dump_dir, "hang-%s-%d.txt" % (binary, pid))
                self.reports.append(dump(pid, binary, path, still if still >= self.still
                                         else 0.0))
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def stop(self):
        self._halt.set()
        self.join(timeout=5)
