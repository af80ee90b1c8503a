"""Tests of the reader of Bazel's output, on output captured from Bazel 4.2.3 here."""
import unittest

from grader_test_support import read
from grader import bazel, bazel_output


def parse(name):
    return bazel_output.parse_output(read(name).splitlines(True))


class BazelOutputTest(unittest.TestCase):
    def test_a_failed_test_and_its_log(self):
        targets, errors = parse("bazel_test_failed.txt")
        result = targets["//exercises/01_greeter:greeter_test"]
        self.assertEqual(("FAILED", False, 1, 1), (result.status, result.cached,
                                                   result.runs_failed, result.runs_total))
        self.assertTrue(result.logs[0].endswith("exercises/01_greeter/greeter_test/test.log"))
        self.assertEqual([], errors)

    def test_a_compile_error_keeps_the_compiler_lines_not_the_command(self):
        targets, errors = parse("bazel_compile_error.txt")
        self.assertEqual("FAILED TO BUILD", targets["//exercises/01_greeter:greeter_test"].status)
        self.assertTrue(errors[0].startswith("ERROR: /tmp/grader-scratch/exercises/01_greeter/"))
        self.assertNotIn("-fstack-protector", errors[0])
        self.assertIn("exercises/01_greeter/greeter.cc:27:3: error: 'undeclared_thing' was not "
                      "declared in this scope", errors)
        self.assertIn("   27 |   undeclared_thing(name);", errors)

    def test_a_broken_build_file_is_reported_for_its_package_only(self):
        targets, errors = parse("bazel_broken_build.txt")
        self.assertEqual(["//exercises/01_greeter:greeter_test"], list(targets))
        self.assertTrue(any("07_broken/BUILD:5:1: syntax error" in e for e in errors))
        self.assertFalse(any("01_greeter" in e for e in errors))

    def test_runs_per_test_gives_a_pass_rate_and_every_log(self):
        targets, _ = parse("bazel_runs_per_test.txt")
        result = targets["//exercises/01_greeter:greeter_test"]
        self.assertEqual((3, 3), (result.runs_failed, result.runs_total))
        self.assertEqual(3, len(result.logs))
        self.assertIn("run_3_of_3", result.logs[0])

    def test_runs_per_test_all_passed(self):
        lines = ["//exercises/01_greeter:greeter_test        PASSED in 2.3s\n",
                 "  Stats over 20 runs: max = 2.3s, min = 1.2s, avg = 1.5s, dev = 0.3s\n"]
        result = bazel_output.parse_output(lines)[0]["//exercises/01_greeter:greeter_test"]
        self.assertEqual(("PASSED", 0, 20), (result.status, result.runs_failed, result.runs_total))

    def test_a_cached_pass(self):
        line = "//solutions/01_greeter:greeter_test          (cached) PASSED in 1.4s\n"
        result = bazel_output.parse_output([line])[0]["//solutions/01_greeter:greeter_test"]
        self.assertEqual(("PASSED", True, 0, 1.4), (result.status, result.cached,
                                                    result.runs_failed, result.seconds))

    def test_the_output_base_is_worked_out_without_asking_bazel(self):
        runner = bazel.Bazel("/work/main", {"KATA_BAZEL": "python3 --output_base=/tmp/ob"})
        self.assertEqual("/tmp/ob", runner.output_base())
        runner = bazel.Bazel("/work/main", {"KATA_BAZEL": "python3 --output_user_root=/tmp/u"})
        self.assertRegex(runner.output_base(), r"^/tmp/u/[0-9a-f]{32}$")

    def test_knobs_go_in_the_right_places(self):
        runner = bazel.Bazel("/r", {"KATA_BAZEL": "python3 --output_base=/ob",
                                    "KATA_BAZEL_FLAGS": "--symlink_prefix=/tmp/g-"})
        self.assertEqual(["python3", "--output_base=/ob", "test", "--symlink_prefix=/tmp/g-",
                          "--color=no", "--curses=no", "//x:y"], runner.command("test", ["//x:y"]))
        self.assertEqual("/tmp/g-testlogs", runner._symlink("testlogs"))

    def test_missing_bazel(self):
        with self.assertRaises(bazel.BazelNotFound):
            bazel.Bazel("/r", {"KATA_BAZEL": "no-such-bazel-program"})


if __name__ == "__main__":
    unittest.main()
