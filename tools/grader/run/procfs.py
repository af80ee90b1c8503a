"""What /proc says about processes: their parents, age and names, and what their threads wait
in when gdb cannot attach."""
import os

_SYSCALLS = {"202": "a futex (a mutex, condition variable, join or atomic wait)",
             "35": "a sleep", "230": "a sleep", "7": "poll", "271": "poll", "0": "read",
             "61": "waiting for a child", "128": "sigwait"}


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _stat(pid):
    text = read("/proc/%d/stat" % pid)
    if not text:
        return None
    fields = text[text.rfind(")") + 2:].split()
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
    """Without gdb: what each thread waits in, from /proc."""
    sentences = []
    try:
        tids = sorted(int(t) for t in os.listdir("/proc/%d/task" % pid))
    except OSError:
        return sentences
    for number, tid in enumerate(tids, 1):
        syscall = read("/proc/%d/task/%d/syscall" % (pid, tid)).split(" ")[0]
        what = _SYSCALLS.get(syscall, "running" if syscall == "running" else "system call " +
                             syscall)
        sentences.append("thread %d (tid %d) is in %s" % (number, tid, what))
    return sentences
