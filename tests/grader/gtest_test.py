"""Tests of the GoogleTest log reader on logs captured from the real exercise 01 stub."""
import unittest

from grader_test_support import fixture, read
from grader.diagnose import gtest


class ParseGtestTest(unittest.TestCase):
    def test_reads_every_failed_test_and_assertion_of_the_stub(self):
        log = gtest.parse_file(fixture("stub_greeter_test.log"))
        self.assertEqual(11, len(log.ran))
        self.assertEqual(10, len(log.failed_tests))
        self.assertTrue(log.finished)
        self.assertEqual(1, log.passed_count)
        first = log.failures[0]
        self.assertEqual("GreetTest.WritesEveryGreetingInOrder", first.test)
        self.assertEqual(("exercises/01_greeter/greeter_test.cc", 69), (first.file, first.line))
        self.assertEqual("Value of: sink.lines.Texts()", first.message[0])
        self.assertEqual("  Actual: {}", first.message[-1])

    def test_marks_failures_about_timing_or_order(self):
        log = gtest.parse_file(fixture("stub_greeter_test.log"))
        timing = {f.test for f in log.timing_failures}
        self.assertIn("GreetTest.PausesAfterEveryGreeting", timing)
        self.assertIn("StartGreeterTest.DonePrintedBeforeSecondGreeting", timing)
        self.assertNotIn("StreamSinkTest.EightThreadsWriteIntactLines", timing)

    def test_a_crash_leaves_the_running_test_unfinished(self):
        log = gtest.parse_file(fixture("bazel_crash_terminate.log"))
        self.assertFalse(log.finished)
        self.assertEqual("StartGreeterTest.ReturnsBeforeTheFirstPauseEnds", log.running)
        self.assertIn("terminate called without an active exception", log.last_lines[-1])

    def test_a_flood_of_output_is_cut_and_bounded(self):
        header = read("stub_greeter_test.log").splitlines(True)[:7]   # up to the first RUN
        flood = ["Hello, there %d Michael %s\n" % (n, "x" * 500) for n in range(20000)]
        failures = ["exercises/01_greeter/greeter_test.cc:%d: Failure\n" % n for n in range(99)]
        log = gtest.parse_lines(header + flood + failures)
        self.assertEqual(gtest.MAX_FAILURES, len(log.failures))
        self.assertEqual(99 - gtest.MAX_FAILURES, log.more_failures)
        self.assertTrue(all(len(l) <= gtest.MAX_LINE for l in log.last_lines))
        self.assertLessEqual(len(log.failures[0].message), gtest.MAX_MESSAGE_LINES)

    def test_the_failure_that_test_main_adds_for_a_tsan_report_is_recognised(self):
        lines = ["[ RUN      ] S.T\n", "tests/support/test_main.cc:36: Failure\n",
                 "Failed\n", "ThreadSanitizer reported a problem while this test ran:\n",
                 "[  FAILED  ] S.T (3 ms)\n"]
        log = gtest.parse_lines(lines)
        self.assertTrue(log.failures[0].from_tsan)
        self.assertEqual(["S.T"], log.failed_tests)


if __name__ == "__main__":
    unittest.main()
