"""What /proc says about processes: their parents, age and names, their descendants, CPU time
and output, and what each thread waits in (for the hang watchdog, and for the learner when gdb
cannot attach)."""
import os
from typing import NamedTuple

_SYSCALLS = {"202": "a futex (a mutex, condition variable, join or atomic wait)",
             "35": "a sleep", "230": "a sleep", "7": "poll", "271": "poll", "0": "read",
             "61": "waiting for a child", "128": "sigwait"}


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _stat_fields(path):
    """The fields of a /proc .../stat file after the command name (whose parentheses may hold
    spaces): [state, ppid, ...]; [] when it cannot be read."""
    text = read(path)
    return text[text.rfind(")") + 2:].split() if text else []


def _stat(pid):
    fields = _stat_fields("/proc/%d/stat" % pid)
    if not fields:
        return None
    return {"ppid": int(fields[1]), "start": int(fields[19])}


def _is_descendant(pid, root):
    for _ in range(64):
        if pid == root:
            return True
        info = _stat(pid)
        if info is None or info["ppid"] <= 1:
            return False
        pid = info["ppid"]
    return False


def age(pid):
    info = _stat(pid)
    if info is None:
        return 0.0
    uptime = float(read("/proc/uptime").split()[0] or 0)
    return uptime - info["start"] / os.sysconf("SC_CLK_TCK")


def executable(pid):
    """The name of the program `pid` runs ("greeter_test"), or "" when it cannot be read."""
    try:
        path = os.readlink("/proc/%d/exe" % pid)
    except OSError:
        return ""
    return os.path.basename(path[:-len(" (deleted)")] if path.endswith(" (deleted)") else path)


def find_processes(names, root):
    """[(pid, name)] of the processes running one of the programs `names` that descend from
    `root` (any, if root is 0)."""
    wanted = {n for n in names if n}
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        name = executable(pid)
        if name in wanted and (not root or _is_descendant(pid, root)):
            found.append((pid, name))
    return found


def thread_sentences(pid):
    """Without gdb: what each thread of `pid` waits in, from /proc."""
    try:
        tids = sorted(os.listdir("/proc/%d/task" % pid), key=int)
    except OSError:
        return []
    threads = [t for t in (_thread(pid, tid) for tid in tids) if t is not None]
    return ["thread %d (tid %d) is %s" % (number, t.tid, waits_in(t))
            for number, t in enumerate(threads, 1)]


def waits_in(thread):
    """Where a Thread is, in words that follow "is": "in a futex (...)", "in system call 23",
    "running", or "in user code, between system calls"."""
    if thread.syscall < 0:
        return "running" if thread.state == "R" else "in user code, between system calls"
    return "in " + _SYSCALLS.get(str(thread.syscall), "system call %d" % thread.syscall)


class Thread(NamedTuple):
    """One thread as /proc shows it: tid; state ("R" running or runnable, "S" asleep, ...);
    syscall (the number of the system call it is blocked in, or -1 when it is not blocked in
    one); args (that call's six arguments); switches (how often it has gone to sleep so far)."""
    tid: int
    state: str
    syscall: int
    args: tuple
    switches: int


class Sample(NamedTuple):
    """A process and its descendants at one moment: pids; cpu (clock ticks of CPU time used so
    far by all of them); written (bytes they have written so far); threads (Thread, of all)."""
    pids: tuple
    cpu: int
    written: int
    threads: tuple


def descendants(pid):
    """The pids of `pid`'s children, their children, and so on."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir("/proc/%d/task" % parent)
        except OSError:
            continue
        for tid in tasks:
            for child in read("/proc/%d/task/%s/children" % (parent, tid)).split():
                if int(child) not in found:
                    found.append(int(child))
                    todo.append(int(child))
    return found


def _thread(pid, tid):
    fields = _stat_fields("/proc/%d/task/%s/stat" % (pid, tid))
    if not fields:
        return None
    state = fields[0]
    words = read("/proc/%d/task/%s/syscall" % (pid, tid)).split()
    syscall, args = -1, ()
    if words and words[0].lstrip("-").isdigit() and int(words[0]) >= 0:
        syscall = int(words[0])
        args = tuple(int(w, 16) for w in words[1:7])
    switches = 0
    for line in read("/proc/%d/task/%s/status" % (pid, tid)).splitlines():
        if "ctxt_switches:" in line:   # voluntary and nonvoluntary
            switches += int(line.split(":")[1])
    return Thread(int(tid), state, syscall, args, switches)


def sample(pid):
    """A Sample of `pid` and its descendants, or None when `pid` has ended."""
    pids = [pid] + descendants(pid)
    cpu, written, threads = 0, 0, []
    for number in pids:
        fields = _stat_fields("/proc/%d/stat" % number)
        if not fields:
            if number == pid:
                return None
            continue
        cpu += int(fields[11]) + int(fields[12])   # utime + stime of every thread
        for line in read("/proc/%d/io" % number).splitlines():
            if line.startswith("wchar:"):
                written += int(line.split()[1])
        try:
            tids = sorted(os.listdir("/proc/%d/task" % number), key=int)
        except OSError:
            continue
        for tid in tids:
            thread = _thread(number, tid)
            if thread is not None:
                threads.append(thread)
    return Sample(tuple(pids), cpu, written, tuple(threads))
