"""Tests of tools/bazel_runner.py on build events and test.xml files recorded from real runs
(fixtures/README.md)."""
import os
import tempfile
import unittest

from grader_test_support import fixture
import bazel_runner

TARGET = "//exercises/01_greeter:greeter_test"


def outcome(name):
    return bazel_runner.read_events(fixture(name))


class ReadEventsTest(unittest.TestCase):
    # Tests that a failing test reads as FAILED, not cached, with its test.log and test.xml.
    def test_a_failing_test(self):
        target = outcome("bep_failed_stub.json").target(TARGET)
        self.assertEqual(("FAILED", False, 1, 1), (target.status, target.cached,
                                                    target.runs_failed, target.runs_total))
        self.assertTrue(target.runs[0].log.endswith("01_greeter/greeter_test/test.log"))
        self.assertTrue(target.runs[0].xml.endswith("01_greeter/greeter_test/test.xml"))

    # Tests that a passing test answered from the cache reads as a cached pass.
    def test_a_cached_pass(self):
        result = outcome("bep_cached_pass.json")
        self.assertEqual(("PASSED", True, 0), (result.target(TARGET).status,
                                               result.target(TARGET).cached,
                                               result.target(TARGET).runs_failed))
        self.assertEqual(("SUCCESS", False), (result.exit_code, result.interrupted))

    # Tests that --runs_per_test=3 gives three runs in run order, and how many failed.
    def test_runs_per_test(self):
        target = outcome("bep_runs_per_test_3.json").target(TARGET)
        self.assertEqual(("FAILED", 3, 3), (target.status, target.runs_failed,
                                             target.runs_total))
        self.assertEqual([1, 2, 3], [r.run for r in target.runs])
        self.assertIn("run_1_of_3", target.runs[0].log)

    # Tests that a compile error reads as a target that did not build, with the compiler's
    # error in what Bazel reported.
    def test_a_compile_error(self):
        result = outcome("bep_compile_error.json")
        self.assertEqual(bazel_runner.BUILD_FAILED, result.target(TARGET).status)
        self.assertEqual("BUILD_FAILURE", result.exit_code)
        self.assertIn("greeter.cc:16:3: error: 'undeclared_thing' was not declared",
                      result.stderr)

    # Tests that a target that does not exist is absent, and the rest is still read.
    def test_a_missing_target(self):
        result = outcome("bep_missing_target.json")
        self.assertIsNone(result.target("//exercises/02_daemon_exit:thread_registry_test"))
        self.assertEqual("FAILED", result.target(TARGET).status)
        self.assertIn("no such target '//exercises/02_daemon_exit", result.stderr)

    # Tests that Ctrl+C reads as an interruption, the test having no status.
    def test_an_interruption(self):
        result = outcome("bep_interrupted.json")
        self.assertTrue(result.interrupted)
        self.assertEqual("NO_STATUS", result.target(TARGET).status)

    # Tests that `//pkg:all` finds the package's target, and a missing file reads as nothing.
    def test_all_and_no_events(self):
        self.assertEqual(TARGET, outcome("bep_failed_stub.json").target(
            "//exercises/01_greeter:all").label)
        self.assertEqual({}, bazel_runner.read_events(fixture("no-such-file.json")).targets)

    # Tests the maintainer tools' view: every attempt, with its status and time.
    def test_test_runs(self):
        runs = bazel_runner.test_runs(fixture("bep_runs_per_test_3.json"))
        self.assertEqual([(TARGET, n, "FAILED") for n in (1, 2, 3)],
                         [(r.label, r.run, r.status) for r in runs])
        self.assertTrue(all(r.seconds > 0 for r in runs))


class TestXmlTest(unittest.TestCase):
    # Tests that gtest's own test.xml names the test cases that ran and those that failed.
    def test_gtest_xml(self):
        xml = bazel_runner.read_test_xml(fixture("stub_greeter_test.xml"))
        self.assertEqual(16, len(xml.cases))
        self.assertIn("GreetTest.WritesEveryGreetingInOrder", xml.failed)
        self.assertEqual(("", ""), (xml.error, xml.exit_signal))

    # Tests that the test.xml Bazel writes for a binary that died names the signal.
    def test_a_binary_killed_by_a_signal(self):
        xml = bazel_runner.read_test_xml(fixture("bazel_crash_terminate.xml"))
        self.assertEqual("SIGABRT", xml.exit_signal)
        self.assertIsNone(bazel_runner.read_test_xml(fixture("no-such-file.xml")))


class BazelTest(unittest.TestCase):
    # Tests that the output base is found without asking Bazel: from KATA_BAZEL's startup
    # options, else from the bazel-out link; and that a missing program is reported.
    def test_output_base_and_missing_bazel(self):
        runner = bazel_runner.Bazel("/r", {"KATA_BAZEL": "python3 --output_base=/tmp/ob"})
        self.assertEqual("/tmp/ob", runner.output_base())
        with tempfile.TemporaryDirectory() as root:
            runner = bazel_runner.Bazel(root, {"KATA_BAZEL": "python3"})
            self.assertEqual("", runner.output_base())
            out = os.path.join(root, "ob", "execroot", "threading_kata", "bazel-out")
            os.makedirs(out)
            os.symlink(out, os.path.join(root, "bazel-out"))
            self.assertEqual(os.path.join(os.path.realpath(root), "ob"), runner.output_base())
        runner = bazel_runner.Bazel("/r", {"KATA_BAZEL": "python3 'a b'",
                                           "KATA_BAZEL_FLAGS": "--x=1"})
        self.assertEqual(["python3", "a b", "test", "--x=1", "--color=no", "--curses=no",
                          "--build_event_json_file=/e.json", "--k", "//t"],
                         runner.command("test", ["//t"], ["--k"], "/e.json"))
        with self.assertRaises(bazel_runner.BazelNotFound):
            bazel_runner.Bazel("/r", {"KATA_BAZEL": "no-such-bazel-program"})


if __name__ == "__main__":
    unittest.main()
