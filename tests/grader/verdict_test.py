"""Tests that the grader's verdicts come from Bazel's build events and test.xml (run/verify.py),
and that a failed one is filled in from the texts its run left (diagnose/failure.py), on
fixtures recorded from real runs."""
import unittest

from grader_test_support import fixture, read
import bazel_runner
import course
from grader.diagnose import build, failure
from grader.run import hang, verify
from grader.verdict import Status

GREETER = course.Exercise(1, "01_greeter", "/r", {"library": "greeter"})
REGISTRY = course.Exercise(2, "02_daemon_exit", "/r", {"library": "thread_registry"})


def verdict(name, ex=GREETER, hangs=()):
    return verify.verdict_of(ex, bazel_runner.read_events(fixture(name)), list(hangs))


def no_gdb(test):
    return ""


class VerdictTest(unittest.TestCase):
    # Tests pass, fail and cache, and the failing run's files.
    def test_passed_failed_cached(self):
        self.assertEqual((Status.PASSED, True), (verdict("bep_cached_pass.json").status,
                                                 verdict("bep_cached_pass.json").cached))
        failed = verdict("bep_failed_stub.json")
        self.assertEqual((Status.FAILED, False), (failed.status, failed.cached))
        self.assertTrue(failed.log.endswith("greeter_test/test.log"))
        self.assertTrue(failed.xml.endswith("greeter_test/test.xml"))

    # Tests that --repeat's runs are counted, and the first failed run's log is the one shown.
    def test_repeated_runs(self):
        repeated = verdict("bep_runs_per_test_3.json")
        self.assertEqual((Status.FAILED, 3, 3), (repeated.status, repeated.runs_failed,
                                                 repeated.runs_total))
        self.assertIn("run_1_of_3", repeated.log)

    # Tests that a compile error is a build error showing the compiler's error with its caret.
    def test_build_error(self):
        broken = verdict("bep_compile_error.json")
        self.assertEqual(Status.BUILD_ERROR, broken.status)
        failure.explain(broken, no_gdb)
        text = "\n".join(broken.build_errors)
        self.assertIn("greeter.cc:16:3: error: 'undeclared_thing' was not declared", text)
        self.assertIn("^~~~", text)

    # Tests that a target that does not exist is a build error of its own exercise only.
    def test_missing_target(self):
        missing = verdict("bep_missing_target.json", REGISTRY)
        self.assertEqual(Status.BUILD_ERROR, missing.status)
        failure.explain(missing, no_gdb)
        self.assertTrue(missing.build_errors)
        self.assertTrue(all("02_daemon_exit" in line for line in missing.build_errors))
        self.assertEqual(Status.FAILED, verdict("bep_missing_target.json").status)

    # Tests that Ctrl+C during the run is an interruption, not a failure.
    def test_interrupted(self):
        self.assertEqual(Status.INTERRUPTED, verdict("bep_interrupted.json").status)

    # Tests that a run the watchdog stopped is hung, matched by the binary's whole name.
    def test_hung(self):
        stopped = hang.HangReport(7, "greeter_test", 11.0)
        self.assertEqual(Status.HUNG, verdict("bep_failed_stub.json", hangs=[stopped]).status)
        other = hang.HangReport(7, "unguarded_sink_greeter_test", 11.0)
        self.assertEqual(Status.FAILED, verdict("bep_failed_stub.json", hangs=[other]).status)

    # Tests that a binary killed by a signal is a crash, named by the test.xml Bazel wrote.
    def test_crashed(self):
        result = bazel_runner.Outcome()
        target = result.targets["//exercises/01_greeter:greeter_test"] = \
            bazel_runner.TargetOutcome("//exercises/01_greeter:greeter_test", "FAILED")
        target.runs.append(bazel_runner.TestRun(
            target.label, 1, "FAILED", 1.0, False, fixture("bazel_crash_terminate.log"),
            fixture("bazel_crash_terminate.xml")))
        crashed = verify.verdict_of(GREETER, result, [])
        self.assertEqual((Status.CRASHED, "SIGABRT"), (crashed.status, crashed.exit_signal))
        failure.explain(crashed, no_gdb)
        self.assertIn("SIGABRT", crashed.crash)
        self.assertIn("std::terminate", crashed.crash)

    # Tests that a failure is filled in with the gtest failures and the TSan reports.
    def test_failure_is_diagnosed(self):
        failed = verdict("bep_failed_stub.json")
        failed.log = fixture("stub_greeter_test.log")
        failure.explain(failed, no_gdb)
        self.assertEqual(Status.FAILED, failed.status)
        self.assertTrue(failed.gtest.failed_tests)
        self.assertTrue(failed.tsan.groups)


class BuildErrorsTest(unittest.TestCase):
    # Tests that the compiler's error comes with its source line and caret, and Bazel's noise
    # is left out.
    def test_compiler_error_lines(self):
        lines = build.error_lines(read("bazel_compile_error.txt"))
        self.assertTrue(lines[0].startswith("ERROR: /tmp/grader-scratch/exercises/01_greeter/"))
        text = "\n".join(lines)
        self.assertIn("exercises/01_greeter/greeter.cc:27:3: error: 'undeclared_thing' was not "
                      "declared in this scope", text)
        self.assertNotIn("Build did NOT complete successfully", text)

    # Tests that with --keep_going each exercise gets the errors that name it.
    def test_errors_of_each_exercise(self):
        text = read("bazel_broken_build.txt")
        mine = build.errors_of(text, "07_broken")
        self.assertTrue(mine and all("07_broken" in line for line in mine))
        self.assertFalse(build.errors_of(text, "01_greeter"))


if __name__ == "__main__":
    unittest.main()
