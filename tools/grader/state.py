"""The learner's progress, in the git-ignored folder .kata/ at the repository root.

    .kata/state.json      verdicts, hint levels (written atomically: temp file + rename); one
                          that cannot be read is kept beside it as state.json.corrupt-<time>
    .kata/logs/           Bazel's output and build events of the last run of each exercise,
                          gdb dumps
    .kata/backups/        what `tools/grade reset` and `restore` saved before changing an
                          exercise's files, one folder <time>-NN_name each
    .kata/traces/         the last thread trace of each exercise (`tools/grade timeline`)

A verdict is never taken from state.json alone: the grader always asks Bazel again (its cache
makes that fast). state.json only remembers what to show first and what the learner has seen.
"""
import contextlib
import json
import os
import signal
import sys
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


# Fields of an exercise's entry that the grader reads, and the types it can read them as; an
# entry that is not a dict, or a field of another type, is dropped when state.json is loaded.
FIELDS = {"status": (str,), "when": (int, float), "log": (str, type(None)),
          "fingerprint": (str, type(None)), "passed_once": (bool,), "hint_level": (int,)}


def _bad_fields(entry):
    """The names of the fields of `entry` the grader cannot read."""
    return [key for key, types in FIELDS.items() if key in entry and (
        not isinstance(entry[key], types) or isinstance(entry[key], bool) != (bool in types) or
        (key == "hint_level" and entry[key] < 0))]


def _aside(path):
    """A free name beside `path` to keep a bad copy of it under."""
    base = "%s.corrupt-%s" % (path, time.strftime("%Y%m%d-%H%M%S"))
    aside, n = base, 1
    while os.path.lexists(aside):
        n += 1
        aside = "%s-%d" % (base, n)
    return aside


def _warn(text):
    sys.stderr.write("tools/grade: %s\n" % text)


class State:
    """The learner's progress. A state.json that cannot be read, or not as a whole, is renamed
    to state.json.corrupt-<time> beside it, what can be recovered of it is kept (the entries of
    the other exercises), and one line on stderr says so; the next command finds a good file
    and says nothing."""

    def __init__(self, repo_root, warn=_warn):
        self.repo_root = repo_root
        self.path = os.path.join(repo_root, ".kata", "state.json")
        self.data = {"version": VERSION, "exercises": {}}
        try:
            with open(self.path, encoding="utf-8") as f:
                loaded = json.load(f)
        except FileNotFoundError:
            return   # no state yet
        except OSError as error:
            self._set_aside("could not be read (%s)" % (error.strerror or error), [], warn)
            return
        except ValueError:
            self._set_aside("is not valid JSON", [], warn)
            return
        if not isinstance(loaded, dict) or not isinstance(loaded.get("exercises"), dict):
            self._set_aside("is not in the grader's format", [], warn)
            return
        dropped = []
        for name, entry in list(loaded["exercises"].items()):
            if not isinstance(entry, dict):
                del loaded["exercises"][name]
                dropped.append(name)
                continue
            for key in _bad_fields(entry):
                del entry[key]
                dropped.append("%s's %s" % (name, key))
        self.data = loaded
        if dropped:
            self._set_aside("had entries the grader cannot read", dropped, warn)

    def _set_aside(self, problem, dropped, warn):
        """Keeps the bad file under another name, writes what was recovered, and warns once."""
        shown = os.path.relpath(self.path, self.repo_root)
        aside = _aside(self.path)
        try:
            os.replace(self.path, aside)
            kept = "kept as %s" % os.path.relpath(aside, self.repo_root)
        except OSError as error:
            kept = "could not be kept aside (%s)" % (error.strerror or error)
        lost = ("dropped %s, kept the rest" % ", ".join(dropped) if dropped else
                "starting afresh: hint levels restart at 1")
        warn("%s %s; %s; %s; verdicts come back from Bazel." % (shown, problem, kept, lost))
        if kept.startswith("kept") and dropped:
            self.save()   # the recovered entries, so that the next command finds a good file

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
        """The highest hint level of `name` the learner has seen (0: none)."""
        return self.exercise(name).get("hint_level", 0)

    def saw_hint(self, name, level):
        """Remembers that the learner saw hint `level`; re-reading a lower one lowers nothing."""
        entry = self.exercise(name)
        entry["hint_level"] = max(level, entry.get("hint_level", 0))

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
