"""Tests that watch mode sees a save within 0.5 s, with inotify and with the mtime poll, never
an editor's temporary file, and the keys pressed on a terminal."""
import os
import pty
import shutil
import termios
import tempfile
import threading
import time
import unittest
from unittest import mock

import grader_test_support  # noqa: F401  (puts the grader on sys.path)
import course
from grader.commands import changes

REACTION = 0.5   # what watch mode promises
# A loaded CI machine may deschedule the test's own threads; the figures script
# (tests/grader/figures.py) measures the real latency.
LOADED_MACHINE_SLACK = 1.0


class WatchTest(unittest.TestCase):
    def setUp(self):
        root = tempfile.mkdtemp(prefix="grader-watch-")
        self.addCleanup(shutil.rmtree, root, True)
        os.makedirs(os.path.join(root, "exercises", "01_alpha"))
        self.file = os.path.join(root, "exercises", "01_alpha", "alpha.cc")
        with open(self.file, "w") as f:
            f.write("// stub\n")
        self.ex = course.discover(root)[0]

    def latency_of_a_save(self):
        result, seen_inotify = {}, []

        def wait():
            result["changed"] = changes.wait_for_change(
                self.ex, on_inotify=seen_inotify.append).file
            result["at"] = time.monotonic()
        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.3)   # let it take its first snapshot
        saved_at = time.monotonic()
        with open(self.file, "w") as f:
            f.write("// solved, and longer\n")
        waiter.join(timeout=5)
        self.assertEqual("alpha.cc", result.get("changed"))
        return result["at"] - saved_at, seen_inotify

    def test_sees_a_save_within_half_a_second_with_inotify(self):
        latency, seen_inotify = self.latency_of_a_save()
        self.assertEqual([True], seen_inotify)
        self.assertLess(latency, REACTION + LOADED_MACHINE_SLACK)

    def test_sees_a_save_within_half_a_second_without_inotify_events(self):
        original = changes.Inotify.open
        changes.Inotify.open = classmethod(lambda cls, directories: None)
        try:
            latency, seen_inotify = self.latency_of_a_save()
        finally:
            changes.Inotify.open = original
        self.assertEqual([False], seen_inotify)
        self.assertLess(latency, REACTION + LOADED_MACHINE_SLACK)

    def wait_briefly(self, **kwargs):
        """The Event of a wait, or None when nothing happened within a second."""
        result = []
        waiter = threading.Thread(target=lambda: result.append(
            changes.wait_for_change(self.ex, **kwargs)), daemon=True)
        waiter.start()
        waiter.join(timeout=1.0)
        return result[0] if result else None

    TEMPORARY = ["sedAbC12x", "sedQ3zv9k", ".alpha.cc.swp", ".alpha.cc.swx", ".alpha.cc.swo",
                 "4913", "alpha.cc~", "#alpha.cc#", ".#alpha.cc", "alpha.cc.tmp",
                 ".kata-reset-k2j4h1"]

    def test_temporary_files_of_editors_and_tools_are_never_a_change(self):
        """Tests that sed -i's, vim's, emacs's and the grader's own temporary files are not the
        learner's files, so never a change."""
        before = changes.snapshot(self.ex)
        for name in self.TEMPORARY:
            with self.subTest(name=name):
                path = os.path.join(self.ex.dir, name)
                with open(path, "w") as f:
                    f.write("x")
                try:
                    self.assertEqual(before, changes.snapshot(self.ex))
                    self.assertEqual(["alpha.cc"], self.ex.learner_files())
                finally:
                    os.remove(path)

    def test_temporary_files_written_during_the_wait_wake_nothing(self):
        """Tests that a wait goes on through temporary files written and removed, and through
        sed -i's renamed over the exercise's file, and then reports the exercise's file."""
        result = []
        waiter = threading.Thread(target=lambda: result.append(
            changes.wait_for_change(self.ex)), daemon=True)
        waiter.start()
        time.sleep(0.3)   # let it take its first snapshot
        for name in self.TEMPORARY:
            with open(os.path.join(self.ex.dir, name), "w") as f:
                f.write("x")
        time.sleep(0.3)
        for name in self.TEMPORARY:
            os.remove(os.path.join(self.ex.dir, name))
        temporary = os.path.join(self.ex.dir, "sedXy12Zq")
        with open(temporary, "w") as f:
            f.write("// edited by sed, and longer\n")
        time.sleep(0.5)
        self.assertEqual([], result)
        os.replace(temporary, self.file)
        waiter.join(timeout=5)
        self.assertEqual("alpha.cc", result[0].file)

    def test_returns_a_key_pressed(self):
        """Tests that a key from the keyboard's descriptor ends the wait, without losing the
        snapshot a save is compared with; and that an ended input is no key."""
        read_end, write_end = os.pipe()
        self.addCleanup(os.close, read_end)
        os.write(write_end, b"hq")
        event = changes.wait_for_change(self.ex, keys=read_end)
        self.assertEqual(("", "h"), (event.file, event.key))
        self.assertEqual(changes.snapshot(self.ex), event.seen)
        self.assertEqual("q", changes.wait_for_change(self.ex, keys=read_end).key)
        os.close(write_end)
        with open(self.file, "a") as f:
            f.write("// saved\n")
        self.assertEqual("alpha.cc", self.wait_briefly(keys=read_end, before=event.seen).file)


class TerminalTest(unittest.TestCase):
    def setUp(self):
        self.leader, self.follower = pty.openpty()
        for fd in (self.leader, self.follower):
            self.addCleanup(os.close, fd)
        self.terminal = open(self.follower, closefd=False)
        self.addCleanup(self.terminal.close)

    def test_a_terminal_gives_keys_at_once_unechoed_then_gets_its_settings_back(self):
        """Tests that the wait puts a terminal in cbreak mode and restores it."""
        saved = termios.tcgetattr(self.follower)
        with changes.keys_from(self.terminal) as keys:
            self.assertEqual(self.follower, keys)
            local = termios.tcgetattr(self.follower)[3]
            self.assertEqual(0, local & (termios.ECHO | termios.ICANON))
            self.assertTrue(local & termios.ISIG)   # Ctrl+C still interrupts
            os.write(self.leader, b"l")
            self.assertEqual(b"l", os.read(keys, 1))
        self.assertEqual(saved, termios.tcgetattr(self.follower))

    def test_ctrl_c_restores_the_terminal_too(self):
        """Tests that an interrupted wait leaves the terminal as it found it."""
        saved = termios.tcgetattr(self.follower)
        with self.assertRaises(KeyboardInterrupt):
            with changes.keys_from(self.terminal):
                raise KeyboardInterrupt
        self.assertEqual(saved, termios.tcgetattr(self.follower))

    def test_no_keys_from_a_terminal_whose_foreground_is_another_job(self):
        """Tests that `tools/grade watch &` leaves the terminal alone: touching it would stop
        the grader."""
        saved = termios.tcgetattr(self.follower)
        with mock.patch("os.tcgetpgrp", lambda fd: os.getpgrp() + 1):
            self.assertFalse(changes.is_keyboard(self.terminal))
            with changes.keys_from(self.terminal) as keys:
                self.assertIsNone(keys)
        self.assertEqual(saved, termios.tcgetattr(self.follower))
        self.assertTrue(changes.is_keyboard(self.terminal))

    def test_no_keys_when_not_a_terminal(self):
        """Tests that a pipe, or no input at all, gives no keys."""
        read_end, write_end = os.pipe()
        with open(read_end) as pipe, changes.keys_from(pipe) as keys:
            self.assertIsNone(keys)
        os.close(write_end)
        with changes.keys_from(None) as keys:
            self.assertIsNone(keys)


if __name__ == "__main__":
    unittest.main()
