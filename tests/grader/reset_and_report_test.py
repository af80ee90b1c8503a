"""Tests of `tools/grade reset` (backup, then restore from git) and of the failure report."""
import io
import os
import subprocess
import tempfile
import unittest

from fake_course import FakeCourse, write
from grader_test_support import fixture
import course
from grader import ui
from grader.diagnose import gtest, report, tsan
from grader.verdict import Status, Verdict


class ResetTest(FakeCourse):
    def git(self, *args):
        subprocess.run(["git", "-C", self.root, "-c", "user.name=t", "-c", "user.email=t@t"] +
                       list(args), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def test_refuses_outside_git_and_touches_nothing(self):
        path = os.path.join(self.root, "exercises/01_alpha/alpha.cc")
        write(path, "// my work\n")
        code, out, _ = self.grade("reset", "1", "--yes")
        self.assertEqual(1, code)
        self.assertIn("not a git checkout", out)
        with open(path) as f:
            self.assertEqual("// my work\n", f.read())

    def test_backs_up_then_restores_the_stub(self):
        self.git("init", "-q")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "stubs")
        path = os.path.join(self.root, "exercises/01_alpha/alpha.cc")
        write(path, "// my work\n")
        code, out, _ = self.grade("reset", "1", "--yes")
        self.assertEqual(0, code, out)
        with open(path) as f:
            self.assertEqual("// TODO: stub\n", f.read())
        backups = os.path.join(self.root, ".kata", "backups")
        (backup,) = os.listdir(backups)
        self.assertIn(os.path.join(".kata", "backups", backup), out)
        with open(os.path.join(backups, backup, "alpha.cc")) as f:
            self.assertEqual("// my work\n", f.read())


class ReportTest(unittest.TestCase):
    def test_a_failure_report_is_short_and_always_names_the_full_log(self):
        ex = course.Exercise(1, "01_greeter", "/r", {"library": "greeter"})
        verdict = Verdict(exercise=ex, status=Status.FAILED, log="/logs/test.log",
                          gtest=gtest.parse_file(fixture("stub_greeter_test.log")),
                          tsan=tsan.parse_file(fixture("stub_greeter_test.log")))
        lines = report.render(verdict, ui.Ui(stream=io.StringIO(), environ={}))
        text = "\n".join(lines)
        self.assertLess(len(lines), 45)
        self.assertIn("10 of 11 tests failed", text)
        self.assertIn("greeter_test.cc:69", text)
        self.assertIn("data race: read at greeter.cc:16", text)
        self.assertIn("hint: no happens-before", text)
        self.assertIn("tools/grade timeline 01", text)
        self.assertEqual("  full log: /logs/test.log", lines[-1])

    def test_a_log_in_bazels_output_is_shown_through_bazel_testlogs(self):
        with tempfile.TemporaryDirectory() as scratch:
            checkout, testlogs = os.path.join(scratch, "kata"), os.path.join(scratch, "testlogs")
            os.makedirs(checkout)
            os.makedirs(testlogs)
            log = os.path.join(testlogs, "exercises", "01_greeter", "greeter_test", "test.log")
            self.assertEqual(log, report.display_path(log, checkout))
            os.symlink(testlogs, os.path.join(checkout, "bazel-testlogs"))
            self.assertEqual("bazel-testlogs/exercises/01_greeter/greeter_test/test.log",
                             report.display_path(log, checkout))
            self.assertEqual("src/a.cc", report.display_path(checkout + "/src/a.cc", checkout))

    def test_colour_only_on_a_terminal_and_never_with_no_color(self):
        class Tty(io.StringIO):
            def isatty(self):
                return True
        self.assertTrue(ui.Ui(stream=Tty(), environ={"TERM": "xterm"}).color)
        self.assertFalse(ui.Ui(stream=Tty(), environ={"NO_COLOR": "1"}).color)
        self.assertFalse(ui.Ui(stream=io.StringIO(), environ={}).color)


if __name__ == "__main__":
    unittest.main()
