"""Waits until the learner saves a file of an exercise, or presses a key.

Linux's inotify (through ctypes: no package needed) wakes the grader as soon as a file is
written. Every POLL_SECONDS it also compares modification times, so on file systems where
inotify events never arrive (some network and container mounts) a save is still seen within
POLL_SECONDS. Either way the process sleeps in one select() over inotify and the keyboard in
between: no busy loop. Editors' and tools' temporary files never count as a save
(course.Exercise.learner_files leaves them out).
"""
import contextlib
import ctypes
import ctypes.util
import os
import select
import termios
import time
import tty
from typing import NamedTuple


POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.08   # let an editor finish writing before the build starts
_MASK = 0x2 | 0x4 | 0x8 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800   # modify, attrib, close_write,
# moved_to, create, delete, delete_self, move_self


class Inotify:
    """An inotify descriptor watching some directories, or None where inotify is unavailable."""

    def __init__(self, fd, libc):
        self.fd, self._libc = fd, libc

    @classmethod
    def open(cls, directories):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        notifier = cls(fd, libc)
        for directory in directories:
            if libc.inotify_add_watch(fd, os.fsencode(directory), _MASK) < 0:
                notifier.close()
                return None
        return notifier

    def drain(self):
        try:
            while os.read(self.fd, 65536):
                pass
        except (BlockingIOError, OSError):
            pass

    def close(self):
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def snapshot(ex):
    """{relative path: (mtime, size)} of the exercise's files."""
    result = {}
    for rel in ex.learner_files():
        try:
            info = os.stat(os.path.join(ex.dir, rel))
            result[rel] = (info.st_mtime_ns, info.st_size)
        except OSError:
            pass
    return result


def _difference(before, after):
    for rel in sorted(set(before) | set(after)):
        if before.get(rel) != after.get(rel):
            return rel
    return ""


class Event(NamedTuple):
    """What ended a wait: a changed file (relative to the exercise) or a key pressed, and
    `seen`, the snapshot to give the next wait so that no save between two waits is missed."""
    file: str
    key: str
    seen: dict


def wait_for_change(ex, poll=POLL_SECONDS, on_inotify=None, keys=None, before=None):
    """Blocks until a file of `ex` changes, or a key arrives on the file descriptor `keys`;
    returns an Event. Changes are against `before` (a snapshot; by default, taken now)."""
    before = snapshot(ex) if before is None else before
    directories = [ex.dir] + [os.path.join(ex.dir, d) for d in {os.path.dirname(r)
                                                                for r in before} if d]
    notifier = Inotify.open(directories)
    if on_inotify is not None:
        on_inotify(notifier is not None)
    try:
        while True:
            watched = ([notifier.fd] if notifier is not None else []) + (
                [keys] if keys is not None else [])
            if watched:
                ready = select.select(watched, [], [], poll)[0]
            else:
                ready = []
                time.sleep(poll)
            if notifier is not None and notifier.fd in ready:
                notifier.drain()
            if keys is not None and keys in ready:
                key = os.read(keys, 1)
                if not key:
                    keys = None   # end of input: watch the files alone
                    continue
                return Event(file="", key=key.decode("latin-1"), seen=before)
            after = snapshot(ex)
            changed = _difference(before, after)
            if not changed:
                continue
            # Wait for the save to settle: editors may write a file in several steps.
            while True:
                time.sleep(SETTLE_SECONDS)
                settled = snapshot(ex)
                if settled == after:
                    return Event(file=changed, key="", seen=settled)
                after = settled
    finally:
        if notifier is not None:
            notifier.close()


def _keyboard(stream):
    """The file descriptor of `stream` when keys can be read from it: a terminal, and not one
    whose foreground is another job (`tools/grade watch &`: reading or setting it would stop
    the grader). -1 otherwise."""
    try:
        fd = stream.fileno()
        if not os.isatty(fd):
            return -1
    except (AttributeError, OSError, ValueError):
        return -1
    try:
        foreground = os.tcgetpgrp(fd) == os.getpgrp()
    except OSError:   # not our controlling terminal: no job control to stop us
        foreground = True
    return fd if foreground else -1


def is_keyboard(stream):
    """True when keys_from(stream) will give keys."""
    return _keyboard(stream) >= 0


@contextlib.contextmanager
def keys_from(stream):
    """Yields the file descriptor of `stream` when keys can be read from it (is_keyboard), the
    terminal put in cbreak mode (each key arrives at once, unechoed; Ctrl+C still interrupts);
    None otherwise. The terminal's settings are restored on the way out, whatever ends the
    wait."""
    fd = _keyboard(stream)
    if fd < 0:
        yield None
        return
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)   # TCSANOW: keys typed during the run still count
        yield fd
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
