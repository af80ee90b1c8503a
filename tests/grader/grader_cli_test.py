"""Tests of tools/grade's commands on a small fake course in a temporary directory."""
import contextlib
import io
import os
import unittest
from unittest import mock

from fake_course import FakeCourse, write
from grader import cli
from grader.commands import changes, grade
from grader.verdict import Status, Verdict


class ParserTest(unittest.TestCase):
    # Tests that --hang-limit counts wherever it is given, and defaults to 10 s.
    def test_hang_limit_before_or_after_the_command(self):
        parse = cli.argument_parser().parse_args
        self.assertEqual(5.0, parse(["--hang-limit", "5", "run", "1"]).hang_limit)
        self.assertEqual(4.0, parse(["run", "1", "--hang-limit", "4"]).hang_limit)
        self.assertEqual(10.0, parse(["watch"]).hang_limit)
        self.assertEqual(10.0, parse([]).hang_limit)

    def test_hang_limit_and_repeat_must_be_positive_numbers(self):
        """Tests that --hang-limit 0, a negative or non-number limit, and --repeat 0 are usage
        errors (exit 2, one line after the usage) rather than runs reported as hung."""
        parse = cli.argument_parser().parse_args
        self.assertEqual(0.5, parse(["run", "1", "--hang-limit", "0.5"]).hang_limit)
        for argv in (["--hang-limit", "0"], ["run", "1", "--hang-limit", "-3"],
                     ["watch", "--hang-limit", "soon"], ["timeline", "1", "--hang-limit", "nan"],
                     ["run", "1", "--hang-limit", "inf"], ["run", "1", "--repeat", "0"],
                     ["run", "1", "--repeat", "-2"], ["run", "1", "--repeat", "many"]):
            with self.subTest(argv=argv):
                err = io.StringIO()
                with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as exit_:
                    parse(argv)
                self.assertEqual(2, exit_.exception.code)
                error = err.getvalue().splitlines()[-1]
                self.assertRegex(error, r"error: argument --(hang-limit|repeat): ")
                self.assertIn(argv[-1], error)


class CommandsTest(FakeCourse):
    def test_unknown_exercise_lists_the_names_and_exits_2(self):
        code, _, err = self.grade("run", "9")
        self.assertEqual(2, code)
        self.assertIn("unknown exercise '9'", err)
        self.assertIn("  01_alpha\n  02_beta", err)

    def test_no_bazel_is_one_line_and_exit_2(self):
        code, out, err = self.grade("run", "1")
        self.assertEqual((2, "", "bazel not found: run tools/setup first\n"), (code, out, err))

    def test_usage_errors_exit_2(self):
        with contextlib.redirect_stderr(io.StringIO()):
            with self.assertRaises(SystemExit) as exit_:
                cli.main(["frobnicate"], repo_root=self.root)
        self.assertEqual(2, exit_.exception.code)

    def test_hints_advance_one_level_at_a_time_and_are_remembered(self):
        shown = [self.grade("hint", "1", "--yes")[1] for _ in range(4)]
        self.assertIn("hint 1 of 3", shown[0])
        self.assertIn("Nudge.", shown[0])
        self.assertIn("Approach.", shown[1])
        self.assertIn("Near code.", shown[2])
        self.assertIn("hint 3 of 3", shown[3])
        self.assertIn("last hint", shown[3])
        self.assertEqual(3, self.state()["exercises"]["01_alpha"]["hint_level"])
        self.assertEqual(1, self.grade("hint", "2")[0])   # no HINTS.md

    def test_list_shows_every_exercise_under_its_part(self):
        write(os.path.join(self.root, "exercises/07_gamma/gamma.cc"), "// stub\n")
        code, out, _ = self.grade("list")
        self.assertEqual(0, code)
        lines = out.splitlines()
        part_one = lines.index("Part one: the Python notes, retold in C++")
        part_two = lines.index("Part two: the C++ toolkit beyond them")
        self.assertIn("01  alpha", lines[part_one + 1])
        self.assertIn("02  beta", lines[part_one + 2])
        self.assertIn("07  gamma", lines[part_two + 1])
        self.assertNotIn("\033[", out)   # not a terminal: no colour

    def test_solution_needs_a_pass_or_force(self):
        code, out, _ = self.grade("solution", "1", "--force")
        self.assertEqual(0, code)
        self.assertIn("// the reference", out)
        self.assertEqual(2, self.grade("solution", "1")[0])   # would run bazel, which is missing

    def test_ctrl_c_exits_130_and_leaves_no_half_written_state(self):
        self.grade("hint", "1")
        def interrupted(context):
            context.state.set_hint_level("01_alpha", 2)
            raise KeyboardInterrupt
        with mock.patch.dict(cli.HANDLERS, {"list": interrupted}):
            code, _, err = self.grade("list")
        self.assertEqual(130, code)
        self.assertEqual(1, self.state()["exercises"]["01_alpha"]["hint_level"])
        self.assertEqual(["state.json"], os.listdir(os.path.join(self.root, ".kata")))


class WatchKeysTest(FakeCourse):
    def watch(self, *events, terminal=True):
        """Runs `tools/grade watch 1` on a failing exercise; each wait ends with the next of
        `events` (file, key). Returns (exit code, output, how many runs)."""
        queue = [changes.Event(file=file, key=key, seen={}) for file, key in events]
        runs = []

        def check(context, exercises, **kwargs):
            runs.append(exercises[0].name)
            return [Verdict(exercise=exercises[0], status=Status.FAILED)]
        with mock.patch.object(grade, "check", check), \
                mock.patch.object(grade, "show", lambda context, verdict: None), \
                mock.patch.object(changes, "wait_for_change",
                                  lambda ex, keys=None, before=None: queue.pop(0)), \
                mock.patch.object(changes, "is_keyboard", lambda stream: terminal):
            code, out, _ = self.grade("watch", "1")
        return code, out, len(runs)

    def test_keys_show_a_hint_list_the_exercises_and_quit(self):
        """Tests that h shows the next hint and l the list, without a re-run, that an unknown
        key does nothing, and that q exits 0."""
        code, out, runs = self.watch(("", "h"), ("", "l"), ("", "x"), ("", "q"))
        self.assertEqual((0, 1), (code, runs))
        self.assertIn(grade.WATCH_KEYS, out)
        self.assertIn("hint 1 of 3", out)
        self.assertIn("01  alpha", out)
        self.assertTrue(out.rstrip().endswith("Stopped watching."))
        self.assertEqual(1, self.state()["exercises"]["01_alpha"]["hint_level"])

    def test_r_and_a_save_re_run(self):
        """Tests that r re-runs at once, and a save re-runs naming the file."""
        code, out, runs = self.watch(("", "r"), ("alpha.cc", ""), ("", "q"))
        self.assertEqual((0, 3), (code, runs))
        self.assertIn("changed: alpha.cc; re-running", out)

    def test_without_a_terminal_no_keys_are_offered(self):
        """Tests that watch on a pipe says nothing of keys."""
        code, out, _ = self.watch(("alpha.cc", ""), ("", "q"), terminal=False)
        self.assertEqual(0, code)
        self.assertNotIn("keys:", out)


if __name__ == "__main__":
    unittest.main()
