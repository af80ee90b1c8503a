"""The learner's progress, in the git-ignored folder .kata/ at the repository root.

    .kata/state.json      verdicts, hint levels (written atomically: temp file + rename)
    .kata/logs/           Bazel's output of the last run of each exercise, gdb dumps
    .kata/backups/        what `tools/grade reset` saved before restoring a stub
    .kata/traces/         the last thread trace of each exercise (`tools/grade timeline`)

A verdict is never taken from state.json alone: the grader always asks Bazel again (its cache
makes that fast). state.json only remembers what to show first and what the learner has seen.
"""
import contextlib
import os
import signal
import time

VERSION = 1


@contextlib.contextmanager
def signals_held():
    """Holds off Ctrl+C (SIGINT) and SIGTERM until the block is done, so that what it writes
    is never left half-done; a signal that came meanwhile is delivered after."""
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def kata_dir(repo_root, *parts):
    path = os.path.join(repo_root, ".kata", *parts)
    os.makedirs(path if parts else os.path.join(repo_root, ".kata"), exist_ok=True)
    return path


class State:
    def __init__(self, repo_root):
        import json
        self.repo_root = repo_root
        self.path = os.path.join(repo_root, ".kata", "state.json")
        self.data = {"version": VERSION, "exercises": {}}
        try:
            with open(self.path, encoding="utf-8") as f:
                loaded = json.load(f)
            if isinstance(loaded, dict) and isinstance(loaded.get("exercises"), dict):
                self.data = loaded
        except (OSError, ValueError):
            pass   # no state yet, or unreadable: start afresh (the verdicts come from Bazel)

    def exercise(self, name):
        entry = self.data["exercises"].setdefault(name, {})
        return entry if isinstance(entry, dict) else {}

    def record_verdict(self, name, status, fingerprint, log=""):
        entry = self.exercise(name)
        entry.update(status=status, fingerprint=fingerprint, when=int(time.time()), log=log)
        if status == "passed":
            entry["passed_once"] = True

    def first_unfinished(self, exercises, start=0):
        """The index of the first exercise from `start` whose last verdict is not a pass."""
        for index in range(start, len(exercises)):
            if self.exercise(exercises[index].name).get("status") != "passed":
                return index
        return len(exercises)

    def hint_level(self, name):
        return int(self.exercise(name).get("hint_level", 0))

    def set_hint_level(self, name, level):
        self.exercise(name)["hint_level"] = level

    def save(self):
        """Writes state.json atomically (temp file, then rename); Ctrl+C is held off until the
        rename is done, so the file is always either the old one or the new one, whole."""
        import json
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with signals_held():
            tmp = "%s.%d.tmp" % (self.path, os.getpid())   # same directory: rename is atomic
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(self.data, f, indent=1, sort_keys=True)
                    f.write("\n")
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
