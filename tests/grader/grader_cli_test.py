"""Tests of tools/grade's commands on a small fake course in a temporary directory."""
import contextlib
import io
import os
import unittest

from fake_course import FakeCourse, write
from grader import cli, commands_grade, exercises


class ExercisesTest(FakeCourse):
    def test_discovers_exercises_in_course_order_with_their_test_targets(self):
        found = exercises.discover(self.root)
        self.assertEqual(["01_alpha", "02_beta"], [e.name for e in found])
        self.assertEqual([1, 2], [e.number for e in found])
        self.assertEqual("//exercises/01_alpha:alpha_test", found[0].test_target)
        self.assertEqual("//exercises/02_beta:all", found[1].test_target)   # not declared yet

    def test_finds_an_exercise_by_number_or_name(self):
        found = exercises.discover(self.root)
        for key in ("1", "01", "01_alpha", "alpha", "exercises/01_alpha/"):
            self.assertEqual("01_alpha", exercises.find(found, key).name)
        with self.assertRaises(exercises.UnknownExercise):
            exercises.find(found, "7")

    def test_the_fingerprint_changes_when_a_file_changes(self):
        ex = exercises.discover(self.root)[0]
        before = exercises.fingerprint(ex)
        write(os.path.join(ex.dir, "alpha.cc"), "// solved\n")
        self.assertNotEqual(before, exercises.fingerprint(ex))


class ParserTest(unittest.TestCase):
    # Tests that --hang-limit counts wherever it is given, and defaults to 10 s.
    def test_hang_limit_before_or_after_the_command(self):
        parse = cli._parser().parse_args
        self.assertEqual(5.0, parse(["--hang-limit", "5", "run", "1"]).hang_limit)
        self.assertEqual(4.0, parse(["run", "1", "--hang-limit", "4"]).hang_limit)
        self.assertEqual(10.0, parse(["watch"]).hang_limit)
        self.assertEqual(10.0, parse([]).hang_limit)


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
        shown = [self.grade("hint", "1")[1] for _ in range(4)]
        self.assertIn("hint 1 of 3", shown[0])
        self.assertIn("Nudge.", shown[0])
        self.assertIn("Approach.", shown[1])
        self.assertIn("Near code.", shown[2])
        self.assertIn("hint 3 of 3", shown[3])
        self.assertIn("last hint", shown[3])
        self.assertEqual(3, self.state()["exercises"]["01_alpha"]["hint_level"])
        self.assertEqual(1, self.grade("hint", "2")[0])   # no HINTS.md

    def test_list_shows_every_exercise(self):
        code, out, _ = self.grade("list")
        self.assertEqual(0, code)
        self.assertIn("01  alpha", out)
        self.assertIn("02  beta", out)
        self.assertNotIn("\033[", out)   # not a terminal: no colour

    def test_solution_needs_a_pass_or_force(self):
        code, out, _ = self.grade("solution", "1", "--force")
        self.assertEqual(0, code)
        self.assertIn("// the reference", out)
        self.assertEqual(2, self.grade("solution", "1")[0])   # would run bazel, which is missing

    def test_ctrl_c_exits_130_and_leaves_no_half_written_state(self):
        self.grade("hint", "1")
        original = commands_grade.list_exercises

        def interrupted(context):
            context.state.set_hint_level("01_alpha", 2)
            raise KeyboardInterrupt
        commands_grade.list_exercises = interrupted
        try:
            code, _, err = self.grade("list")
        finally:
            commands_grade.list_exercises = original
        self.assertEqual(130, code)
        self.assertEqual(1, self.state()["exercises"]["01_alpha"]["hint_level"])
        self.assertEqual(["state.json"], os.listdir(os.path.join(self.root, ".kata")))


if __name__ == "__main__":
    unittest.main()
