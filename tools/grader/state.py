"""The learner's progress, in the git-ignored folder .kata/ at the repository root.

    .kata/state.json      verdicts, hint levels (written atomically: temp file + rename)
    .kata/logs/           Bazel's output and build events of the last run of each exercise,
                          gdb dumps
    .kata/backups/        what `tools/grade reset` saved before restoring a stub
    .kata/traces/         the last thread trace of each exercise (`tools/grade timeline`)

A verdict is never taken from state.json alone: the grader always asks Bazel again (its cache
makes that fast). state.json only remembers what to show first and what the learner has seen.
"""
import contextlib
import json
import os
import signal
import time

from .verdict import Status

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

    def record(self, verdict):
        """Remembers a verdict (an interrupted one tells nothing, and is not recorded)."""
        if verdict.status is Status.INTERRUPTED:
            return
        entry = self.exercise(verdict.exercise.name)
        entry.update(status=verdict.status.value, when=int(time.time()), log=verdict.log,
                     fingerprint=verdict.fingerprint or verdict.exercise.fingerprint())
        if verdict.passed:
            entry["passed_once"] = True

    def status(self, name):
        """The Status last recorded for `name`, or None."""
        try:
            return Status(self.exercise(name).get("status"))
        except ValueError:
            return None

    def first_unfinished(self, exercises, start=0):
        """The index of the first exercise from `start` whose last verdict is not a pass."""
        for index in range(start, len(exercises)):
            if self.status(exercises[index].name) is not Status.PASSED:
                return index
        return len(exercises)

    def hint_level(self, name):
        return int(self.exercise(name).get("hint_level", 0))

    def set_hint_level(self, name, level):
        self.exercise(name)["hint_level"] = level

    def save(self):
        """Writes state.json atomically (temp file, then rename); Ctrl+C is held off until the
        rename is done, so the file is always either the old one or the new one, whole."""
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
