"""Runs Bazel for the grader and reads what it prints.

Maintainer knobs (a learner never needs them):
  KATA_BAZEL        the Bazel program and its startup options, e.g.
                    "bazel --output_base=/root/.cache/bazel-ob-grader"
  KATA_BAZEL_FLAGS  extra options after the command, e.g.
                    "--symlink_prefix=/tmp/grader- --disk_cache=/root/.cache/bazel-disk"
"""
import os
import signal

from .process import Process


# Output flags only: they do not change what Bazel builds or caches.
_UI_FLAGS = ["--color=no", "--curses=no"]


class BazelNotFound(Exception):
    pass


class Bazel:
    def __init__(self, repo_root, environ=None):
        environ = os.environ if environ is None else environ
        self.repo_root = os.path.abspath(repo_root)
        self.startup = _split(environ.get("KATA_BAZEL", "") or "bazel")
        self.flags = _split(environ.get("KATA_BAZEL_FLAGS", ""))
        self.program = which(self.startup[0])
        if self.program is None:
            raise BazelNotFound(self.startup[0])

    def command(self, verb, targets=(), extra=()):
        ui = _UI_FLAGS if verb in ("build", "test") else []
        return self.startup + [verb] + self.flags + ui + list(extra) + list(targets)

    def start(self, verb, targets, extra=()):
        """Starts `bazel <verb> <targets>`; collect() reads what it prints."""
        return Process(self.command(verb, targets, extra), self.repo_root)

    def collect(self, proc, output_file=None, on_line=None):
        """Waits for a started Bazel; returns a BazelRun. Ctrl+C stops Bazel, then raises."""
        from .bazel_output import LOG_LINE, RESULT_LINE, BazelRun, parse_output
        out = open(output_file, "w", encoding="utf-8") if output_file else None
        lines = []
        try:
            for line in proc.stdout:
                if out:
                    out.write(line)
                if len(lines) < 20000 or RESULT_LINE.match(line) or LOG_LINE.match(line):
                    lines.append(line)
                if on_line:
                    on_line(line.rstrip("\n"))
            proc.wait()
        except KeyboardInterrupt:
            stop(proc)
            raise
        finally:
            if out:
                out.close()
        targets, errors = parse_output(lines)
        return BazelRun(returncode=proc.returncode, targets=targets, errors=errors,
                        interrupted=proc.returncode == 8)

    def info(self, key):
        import subprocess
        proc = subprocess.run(self.startup + ["info"] + self.flags + [key], cwd=self.repo_root,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    def _symlink(self, kind):
        prefix = "bazel-"
        for flag in self.flags:
            if flag.startswith("--symlink_prefix="):
                prefix = flag.split("=", 1)[1]
        path = prefix + kind
        return path if os.path.isabs(path) else os.path.join(self.repo_root, path)

    def testlogs(self):
        """The bazel-testlogs directory: the convenience symlink, else `bazel info`."""
        link = self._symlink("testlogs")
        return link if os.path.isdir(link) else self.info("bazel-testlogs")

    def bin_dir(self):
        link = self._symlink("bin")
        return link if os.path.isdir(link) else self.info("bazel-bin")

    def output_base(self):
        """Bazel's output base, worked out without asking the (possibly busy) server."""
        user_root = os.path.join(os.path.expanduser("~"), ".cache", "bazel",
                                 "_bazel_" + os.environ.get("USER", "root"))
        for option in self.startup[1:]:
            if option.startswith("--output_base="):
                return os.path.expanduser(option.split("=", 1)[1])
            if option.startswith("--output_user_root="):
                user_root = os.path.expanduser(option.split("=", 1)[1])
        import hashlib
        digest = hashlib.md5(os.path.realpath(self.repo_root).encode()).hexdigest()
        return os.path.join(user_root, digest)

    def server_pid(self):
        try:
            with open(os.path.join(self.output_base(), "server", "server.pid.txt")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return 0


def test_flags(repeat=1, chaos=False, seed=None):
    """The options the grader adds to `bazel test`. chaos: build and run in chaos mode
    (tests/support/chaos.h); seed: replay that chaos seed."""
    extra = ["--test_output=summary", "--keep_going"]
    if repeat > 1:
        extra += ["--runs_per_test=%d" % repeat, "--nocache_test_results"]
    if chaos:
        extra += ["--config=chaos"]
        if seed is not None:
            extra += ["--test_env=KATA_CHAOS_SEED=%d" % seed]
        else:
            extra += ["--nocache_test_results"] if repeat <= 1 else []  # a new seed every run
    return extra


def _split(words):
    """shlex.split, importing shlex (and re) only when there are quotes to honour."""
    if "'" in words or '"' in words or "\\" in words:
        import shlex
        return shlex.split(words)
    return words.split()


def which(program):
    """shutil.which, without importing shutil (its imports cost the grader's start time)."""
    if os.sep in program:
        return program if os.access(program, os.X_OK) else None
    for directory in os.environ.get("PATH", os.defpath).split(os.pathsep):
        path = os.path.join(directory or ".", program)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def stop(proc):
    """Lets Bazel cancel cleanly: after Ctrl+C it got the SIGINT too, from the terminal;
    otherwise it gets one now."""
    try:
        proc.wait(timeout=1)
    except TimeoutError:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except TimeoutError:
            proc.kill()
            proc.wait()
    proc.stdout.close()
