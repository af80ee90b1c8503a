"""Tests of the ThreadSanitizer condenser on reports captured here (see fixtures/README.md)."""
import unittest

from grader_test_support import fixture
from grader.diagnose import tsan


class ParseTsanTest(unittest.TestCase):
    def test_condenses_the_stub_races_to_two_lines_naming_learner_code(self):
        log = tsan.parse_file(fixture("stub_greeter_test.log"))
        self.assertEqual(3, log.reports)
        first = log.groups[0]
        self.assertEqual(2, len(first.lines))
        self.assertEqual("data race: read at greeter.cc:16 (thread T3) vs write at greeter.cc:16 "
                         "(thread T7)", first.lines[0])
        self.assertIn("both in StreamSink::WriteLine", first.lines[1])
        self.assertIn("StreamSinkTest.EightThreadsWriteIntactLines", first.lines[1])
        self.assertIn("guard both with the same mutex or make it atomic", first.hint)

    def test_drops_runtime_and_library_frames(self):
        log = tsan.parse_file(fixture("stub_greeter_test.log"))
        text = "\n".join(l for g in log.groups for l in g.lines)
        for noise in ("tsan_interceptors", "strops.c", "invoke.h", "gtest.cc", "libstdc++"):
            self.assertNotIn(noise, text)
        self.assertIn("inside free", text)   # the library call that raced is still named

    def test_merges_duplicate_reports(self):
        log = tsan.parse_file(fixture("mutant_unguarded_sink.log"))
        self.assertEqual(3, log.reports)
        self.assertEqual(2, len(log.groups))
        self.assertEqual([1, 2], [g.count for g in log.groups])
        self.assertTrue(log.groups[1].lines[0].startswith(
            "data race: write at unguarded_sink.cc:22"))

    def test_condenses_a_lock_order_inversion(self):
        log = tsan.parse_file(fixture("lock_order_inversion.log"))
        self.assertEqual(1, len(log.groups))
        lines = log.groups[0].lines
        self.assertEqual("lock-order inversion, two locks taken in opposite orders: thread T1 "
                         "locks M10 at "
                         "bank.cc:10 while holding M9 (locked at bank.cc:9)", lines[0])
        self.assertTrue(lines[1].startswith(
            "  vs thread T2 locks M9 at bank.cc:16 while holding M10 (locked at bank.cc:15)"))
        self.assertIn("opposite orders", log.groups[0].hint)

    def test_names_a_crash_with_its_learner_frame(self):
        log = tsan.parse_file(fixture("crash_segv.log"))
        self.assertEqual("SEGV", log.crash.signal)
        self.assertEqual("write to address 0x000000000000", log.crash.detail)
        self.assertEqual("crash.cc:7", log.crash.frame.where)
        self.assertEqual("Worker", log.crash.frame.short_function)

    def test_a_clean_log_has_no_reports(self):
        log = tsan.parse_lines(["[ RUN      ] A.B\n", "[       OK ] A.B (0 ms)\n"])
        self.assertEqual((0, [], None), (log.reports, log.groups, log.crash))


if __name__ == "__main__":
    unittest.main()
