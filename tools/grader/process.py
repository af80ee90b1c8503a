"""Starts a program with its stdout and stderr in one pipe: the part of subprocess.Popen the
grader uses, on os.posix_spawn, so that Bazel starts before `subprocess` (and the `re` it pulls
in) is even imported (see early.py)."""
import os
import signal
import time


class Process:
    """A started program: pid, stdout (text, stdout and stderr together), returncode."""

    def __init__(self, argv, cwd):
        read_end, write_end = os.pipe()   # both close-on-exec; dup2 makes the copies inherited
        devnull = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, write_end, 1),
                   (os.POSIX_SPAWN_DUP2, write_end, 2)]
        here = os.getcwd()
        os.chdir(cwd)   # posix_spawn has no working-directory action; no thread runs yet
        try:
            self.pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions,
                                       setsigmask=(), setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
        finally:
            os.chdir(here)
            os.close(write_end)
            os.close(devnull)
        self.stdout = os.fdopen(read_end, "r", encoding="utf-8", errors="replace")
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        """The exit code (negative: killed by that signal); TimeoutError after `timeout` s."""
        if timeout is None:
            if self.returncode is None:
                self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            return self.returncode
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise TimeoutError("bazel is still running")
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, sig):
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self):
        self.send_signal(signal.SIGKILL)
