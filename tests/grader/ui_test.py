"""Tests of how the grader prints: progress while it waits for Bazel (ui.Waiting)."""
import io
import time
import unittest

import grader_test_support  # noqa: F401  (puts tools/ on sys.path)
from grader import ui


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


class WaitingTest(unittest.TestCase):
    def setUp(self):
        self.saved = ui.Waiting.QUIET, ui.Waiting.EVERY
        ui.Waiting.QUIET, ui.Waiting.EVERY = 0.1, 0.1

    def tearDown(self):
        ui.Waiting.QUIET, ui.Waiting.EVERY = self.saved

    # Tests that off a terminal a long wait prints a line every few seconds, naming what it
    # waits for, the time so far and Bazel's latest progress line.
    def test_off_a_terminal_a_line_every_few_seconds(self):
        out = io.StringIO()
        with ui.Waiting(ui.Ui(out, environ={}), "testing 01_greeter") as waiting:
            waiting.line("[3 / 7] Testing //exercises/01_greeter:greeter_test")
            waiting.line("INFO: some other line")
            time.sleep(0.35)
        lines = out.getvalue().splitlines()
        self.assertGreaterEqual(len(lines), 2, out.getvalue())
        self.assertTrue(all(line.startswith("  ... testing 01_greeter: ") for line in lines))
        self.assertIn("(bazel: [3 / 7] Testing //exercises/01_greeter:greeter_test)", lines[0])

    # Tests that a quick wait prints nothing at all.
    def test_a_quick_wait_prints_nothing(self):
        ui.Waiting.QUIET = 5.0
        out = io.StringIO()
        with ui.Waiting(ui.Ui(out, environ={}), "testing 01_greeter") as waiting:
            waiting.line("[1 / 2] Testing //exercises/01_greeter:greeter_test")
        self.assertEqual("", out.getvalue())

    # Tests that on a terminal Bazel's own progress line is shown in place, then cleared.
    def test_on_a_terminal_bazels_line_in_place(self):
        out = FakeTerminal()
        with ui.Waiting(ui.Ui(out, environ={}), "testing 01_greeter") as waiting:
            waiting.line("[1 / 2] Testing //exercises/01_greeter:greeter_test")
            time.sleep(0.25)
        self.assertEqual("\r\033[K  bazel: [1 / 2] Testing //exercises/01_greeter:greeter_test"
                         "\r\033[K", out.getvalue())


if __name__ == "__main__":
    unittest.main()
