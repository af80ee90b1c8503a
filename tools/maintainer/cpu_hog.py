"""Keeps every core busy while a block runs, and measures how busy the machine really was.

    with CpuHog() as hog:
        ...               # tests run here, competing with one spinning process per core
    print(hog.description, hog.busy_fraction)

It uses Debian's stress-ng when installed (tools/setup installs it), else a spinning Python
process per core. The hog runs in its own process group and is killed on the way out, also
when the block raises or the tool gets SIGTERM/SIGINT.
"""
import os
import shutil
import signal
import subprocess
import sys

MAX_SECONDS = 6 * 3600  # the hog ends by itself even if this process is killed with SIGKILL


def _cpu_times():
    """(busy, total) jiffies of all CPUs together, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # user nice system idle iowait irq softirq steal
    return total - idle, total


class CpuHog:
    def __init__(self, workers=None):
        self.workers = workers or os.cpu_count() or 1
        self.busy_fraction = 0.0
        self._procs = []
        self._start_times = None
        self._old_sigterm = None

    @property
    def description(self):
        if shutil.which("stress-ng"):
            return "stress-ng --cpu %d" % self.workers
        return "%d spinning python3 processes (stress-ng not installed)" % self.workers

    def _spawn(self, argv):
        self._procs.append(subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, start_new_session=True))

    def __enter__(self):
        self._old_sigterm = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        if shutil.which("stress-ng"):
            self._spawn(["stress-ng", "--cpu", str(self.workers), "--cpu-method", "all",
                         "--timeout", "%ds" % MAX_SECONDS, "--quiet"])
        else:
            spin = "import time\nend = time.monotonic() + %d\nwhile time.monotonic() < end: pass"
            for _ in range(self.workers):
                self._spawn([sys.executable, "-c", spin % MAX_SECONDS])
        self._start_times = _cpu_times()
        return self

    def __exit__(self, *exc):
        busy0, total0 = self._start_times
        busy1, total1 = _cpu_times()
        self.busy_fraction = (busy1 - busy0) / max(1, total1 - total0)
        for proc in self._procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        signal.signal(signal.SIGTERM, self._old_sigterm)
        return False


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt()
