"""Tests of `tools/grade hint`, `reset` and `restore` on a small fake course (fake_course.py):
re-reading hints, the question before the last hint, and backups that make every change
undoable."""
import io
import os
import signal
import subprocess
import unittest
from unittest import mock

from fake_course import FakeCourse, write
from grader.commands import restore

ALPHA = "exercises/01_alpha/alpha.cc"


class Terminal(io.StringIO):
    """Standard input as a terminal on which the learner types the text given."""

    def isatty(self):
        return True


class HintTest(FakeCourse):
    def level(self):
        return self.state()["exercises"]["01_alpha"]["hint_level"]

    # Tests that `hint N LEVEL` shows that level again and never lowers the level seen.
    def test_a_lower_level_is_shown_again_and_the_highest_seen_is_kept(self):
        self.grade("hint", "1")
        self.grade("hint", "1")
        code, out, _ = self.grade("hint", "1", "1")
        self.assertEqual(0, code)
        self.assertIn("01_alpha, hint 1 of 3", out)
        self.assertIn("Nudge.", out)
        self.assertIn("tools/grade hint 01 shows hint 3", out)
        self.assertEqual(2, self.level())

    # Tests that a level HINTS.md does not have is a one-line usage error, exit 2.
    def test_a_level_outside_the_hints_is_a_usage_error(self):
        for level in ("0", "4", "-1"):
            code, out, err = self.grade("hint", "1", level)
            self.assertEqual((2, ""), (code, out))
            self.assertEqual(
                "tools/grade hint: 01_alpha has hints 1 to 3; there is no hint %s.\n" % level, err)

    # Tests that without N the first line names the exercise and how to ask about another.
    def test_without_n_the_first_line_names_the_exercise(self):
        code, out, _ = self.grade("hint")
        self.assertEqual(0, code)
        self.assertEqual("01_alpha, hint 1 of 3 (your first unfinished exercise; "
                         "tools/grade hint N for another)", out.splitlines()[0])

    # Tests that the last hint is not shown on a non-interactive input without --yes, and that
    # the grader says how to see it.
    def test_the_last_hint_needs_yes_without_a_terminal(self):
        self.grade("hint", "1")
        self.grade("hint", "1")
        for argv in (("hint", "1"), ("hint", "1", "3")):
            with mock.patch("sys.stdin", io.StringIO("")):
                code, out, _ = self.grade(*argv)
            self.assertEqual(1, code)
            self.assertIn("01_alpha: hint 3 of 3 is the last one, and it nearly gives the answer",
                          out.splitlines()[0])
            self.assertIn("tools/grade hint 01 3 --yes shows it", out)
            self.assertNotIn("Near code.", out)
            self.assertEqual(2, self.level())
        code, out, _ = self.grade("hint", "1", "3", "--yes")
        self.assertEqual(0, code)
        self.assertIn("Near code.", out)
        self.assertEqual(3, self.level())

    # Tests that on a terminal the grader asks before the last hint, and shows it only on yes.
    def test_the_last_hint_is_shown_on_a_yes_at_the_terminal(self):
        with mock.patch("sys.stdin", Terminal("n\n")):
            code, out, _ = self.grade("hint", "1", "3")
        self.assertEqual(1, code)
        self.assertIn("Show it? [y/N] Not shown.", out)
        self.assertNotIn("Near code.", out)
        with mock.patch("sys.stdin", Terminal("y\n")):
            code, out, _ = self.grade("hint", "1", "3")
        self.assertEqual(0, code)
        self.assertIn("nearly gives the answer", out.splitlines()[0])
        self.assertIn("Near code.", out)
        self.assertEqual(3, self.level())

    # Tests that a last hint already seen is shown again without a question.
    def test_a_last_hint_seen_before_is_shown_without_asking(self):
        self.grade("hint", "1", "3", "--yes")
        with mock.patch("sys.stdin", io.StringIO("")):
            code, out, _ = self.grade("hint", "1")
        self.assertEqual(0, code)
        self.assertNotIn("nearly gives the answer", out)
        self.assertIn("Near code.", out)


class GitCourse(FakeCourse):
    """The fake course committed to git, as a learner's checkout is."""

    def setUp(self):
        super().setUp()
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "stubs"]):
            subprocess.run(["git", "-C", self.root, "-c", "user.name=t", "-c", "user.email=t@t"] +
                           args, check=True, stdout=subprocess.DEVNULL)

    def backups(self):
        folder = os.path.join(self.root, ".kata", "backups")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    def read(self, *parts):
        with open(os.path.join(self.root, *parts)) as f:
            return f.read()


class ResetTest(GitCourse):
    # Tests that reset lists the files it restores and those it leaves before it asks.
    def test_lists_the_files_before_asking(self):
        write(os.path.join(self.root, ALPHA), "// my work\n")
        write(os.path.join(self.root, "exercises/01_alpha/notes.txt"), "mine\n")
        os.remove(os.path.join(self.root, "exercises/01_alpha/HINTS.md"))
        with mock.patch("sys.stdin", Terminal("n\n")):
            code, out, _ = self.grade("reset", "1")
        self.assertEqual(1, code)
        self.assertEqual(["tools/grade reset 01 restores from git:",
                          "  HINTS.md  (deleted: comes back)",
                          "  alpha.cc",
                          "Left alone (git does not know them): notes.txt",
                          "Restore these 2 files to the stub? Your files are backed up first. "
                          "[y/N] Nothing changed."], out.splitlines())
        self.assertEqual("// my work\n", self.read(ALPHA))
        self.assertEqual([], self.backups())

    # Tests that without a terminal and without --yes reset changes nothing and says how.
    def test_needs_yes_without_a_terminal(self):
        write(os.path.join(self.root, ALPHA), "// my work\n")
        with mock.patch("sys.stdin", io.StringIO("")):
            code, out, _ = self.grade("reset", "1")
        self.assertEqual(1, code)
        self.assertIn("tools/grade reset 01 --yes does it. Nothing changed.", out)
        self.assertEqual("// my work\n", self.read(ALPHA))

    # Tests that an exercise that is still its stub is not reset: no question, no backup.
    def test_an_untouched_exercise_needs_no_backup(self):
        write(os.path.join(self.root, "exercises/01_alpha/notes.txt"), "mine\n")
        with mock.patch("sys.stdin", io.StringIO("")):
            code, out, _ = self.grade("reset", "1")
        self.assertEqual((0, "01_alpha is already its stub from git: nothing to reset, no backup "
                             "made.\n"), (code, out))
        self.assertEqual([], self.backups())


class RestoreTest(GitCourse):
    # Tests that restore brings back what reset backed up, after backing up the stub, and that a
    # second restore undoes the first.
    def test_undoes_a_reset_and_can_itself_be_undone(self):
        write(os.path.join(self.root, ALPHA), "// my work\n")
        self.assertEqual(0, self.grade("reset", "1", "--yes")[0])
        (reset_backup,) = self.backups()
        code, out, _ = self.grade("restore", "1", "--yes")
        self.assertEqual(0, code, out)
        self.assertIn("tools/grade restore 01 brings back from .kata/backups/%s:\n  alpha.cc\n"
                      % reset_backup, out)
        self.assertEqual("// my work\n", self.read(ALPHA))
        backups = self.backups()
        self.assertEqual(2, len(backups))
        (saved,) = set(backups) - {reset_backup}
        self.assertIn(os.path.join(".kata", "backups", saved), out)
        self.assertEqual("// TODO: stub\n", self.read(".kata", "backups", saved, "alpha.cc"))
        self.assertEqual(0, self.grade("restore", "1", "--yes")[0])
        self.assertEqual("// TODO: stub\n", self.read(ALPHA))

    # Tests that restore leaves alone the files its backup does not hold, and asks first.
    def test_asks_and_leaves_files_the_backup_does_not_hold(self):
        write(os.path.join(self.root, ALPHA), "// my work\n")
        self.grade("reset", "1", "--yes")
        write(os.path.join(self.root, "exercises/01_alpha/new.cc"), "// newer\n")
        with mock.patch("sys.stdin", io.StringIO("")):
            code, out, _ = self.grade("restore", "1")
        self.assertEqual(1, code)
        self.assertIn("Left alone (not in that backup): new.cc", out)
        self.assertIn("tools/grade restore 01 --yes does it. Nothing changed.", out)
        self.assertEqual("// TODO: stub\n", self.read(ALPHA))
        with mock.patch("sys.stdin", Terminal("y\n")):
            self.assertEqual(0, self.grade("restore", "1")[0])
        self.assertEqual("// my work\n", self.read(ALPHA))
        self.assertEqual("// newer\n", self.read("exercises/01_alpha/new.cc"))

    # Tests that the backup holds the learner's files before the first one is overwritten, and
    # that Ctrl+C meanwhile waits until the restore is done.
    def test_the_backup_is_whole_before_a_file_is_written_and_ctrl_c_waits(self):
        write(os.path.join(self.root, ALPHA), "// my work\n")
        self.grade("reset", "1", "--yes")
        write(os.path.join(self.root, ALPHA), "// my second try\n")
        write_file, seen = restore._write, []

        def checked_write(target, content, mode):
            seen.extend(self.read(".kata", "backups", name, "alpha.cc") for name in self.backups())
            os.kill(os.getpid(), signal.SIGINT)   # Ctrl+C, held off until the files are written
            write_file(target, content, mode)
        with mock.patch.object(restore, "_write", checked_write):
            code, _, _ = self.grade("restore", "1", "--yes")
        self.assertEqual(130, code)
        self.assertEqual(["// my work\n", "// my second try\n"], seen)
        self.assertEqual("// my work\n", self.read(ALPHA))

    # Tests that with no backup restore says so in one line and exits 1.
    def test_no_backup_is_one_line_and_exit_1(self):
        code, out, _ = self.grade("restore", "1", "--yes")
        self.assertEqual((1, "No backup of 01_alpha in .kata/backups/ to restore (tools/grade "
                             "reset 01 makes one).\n"), (code, out))

    # Tests that the newest backup is the one restored, also when several share a second.
    def test_the_newest_backup_is_restored(self):
        for name, text in (("20260101-120000-01_alpha", "old"), ("20260101-120000-01_alpha-2",
                                                                 "mid"),
                           ("20260101-120000-01_alpha-10", "new"),
                           ("20250101-120000-01_alpha-11", "older")):
            write(os.path.join(self.root, ".kata", "backups", name, "alpha.cc"), text)
        self.assertEqual(0, self.grade("restore", "1", "--yes")[0])
        self.assertEqual("new", self.read(ALPHA))

    # Tests that an exercise that matches its latest backup is left as it is, with no backup.
    def test_nothing_to_restore_makes_no_backup(self):
        write(os.path.join(self.root, ".kata", "backups", "20260101-120000-01_alpha", "alpha.cc"),
              "// TODO: stub\n")
        code, out, _ = self.grade("restore", "1")
        self.assertEqual(0, code)
        self.assertIn("nothing to restore, no backup made", out)
        self.assertEqual(["20260101-120000-01_alpha"], self.backups())


if __name__ == "__main__":
    unittest.main()
