"""Tests of expect_verdict.classify on small GoogleTest transcripts."""
import unittest

import expect_verdict

HOOKED_FAILURE = """\
tests/support/test_main.cc:37: Failure
ThreadSanitizer reported a problem while this test ran:
  SUMMARY: ThreadSanitizer: data race a.cc:3 in f
"""
REPORT = "WARNING: ThreadSanitizer: data race (pid=1)\nSUMMARY: ThreadSanitizer: data race a.cc:3 in f\n"


def transcript(*tests):
    """tests: (name, body, "OK" or "FAILED")."""
    lines = []
    for name, body, ended in tests:
        lines.append("[ RUN      ] %s" % name)
        lines.append(body.rstrip("\n"))
        lines.append("[ %s ] %s (1 ms)" % ("      OK" if ended == "OK" else " FAILED ", name))
    return "\n".join(lines) + "\n"


class ClassifyTest(unittest.TestCase):
    # Tests that a race that fails its own test by name is a rejection, and a race rejection.
    def test_a_race_failing_its_test_is_a_rejection(self):
        out = transcript(("S.Races", REPORT + HOOKED_FAILURE, "FAILED"), ("S.Fine", "", "OK"))
        self.assertTrue(expect_verdict.classify("fail", 1, out, False)[0])
        ok, why = expect_verdict.classify("race", 1, out, False)
        self.assertTrue(ok, why)
        self.assertIn("S.Races", why)

    # Tests that a TSan report that fails no test is a wrong verdict: the hook in the tests' main
    # did not run, as when libtsan's default hook won at load time.
    def test_a_report_that_fails_no_test_is_wrong(self):
        out = transcript(("S.Races", REPORT, "OK"), ("S.Other", "EXPECT failed", "FAILED"))
        ok, why = expect_verdict.classify("fail", 1, out, False)
        self.assertFalse(ok)
        self.assertIn("no test failed", why)

    # Tests that a report from a thread left running, which ends during the next test and fails
    # that one, still counts as failing a test by name.
    def test_a_report_that_spills_into_the_next_test_may_fail_that_one(self):
        out = transcript(("S.Leaves", "WARNING: ThreadSanitizer: data race", "FAILED"),
                         ("S.Next", "SUMMARY: ThreadSanitizer: x\n" + HOOKED_FAILURE, "FAILED"))
        self.assertTrue(expect_verdict.classify("race", 1, out, False)[0])

    # Tests that a skipped test ends its section: a report printed after the last test, as
    # ThreadSanitizer prints a thread leak at exit, belongs to no test, and a mutant that failed
    # its tests by assertion is still rejected (the exit code says the rest).
    def test_a_report_after_a_skipped_last_test_is_no_tests(self):
        out = transcript(("S.Wrong", "EXPECT failed", "FAILED"))
        out += "[ RUN      ] S.NeedsChaos\n[  SKIPPED ] S.NeedsChaos (2 ms)\n"
        out += "WARNING: ThreadSanitizer: thread leak (pid=1)\nSUMMARY: ThreadSanitizer: leak\n"
        ok, why = expect_verdict.classify("fail", 66, out, False)
        self.assertTrue(ok, why)
        self.assertFalse(expect_verdict.classify("pass", 66, out, False)[0])

    # Tests that --expect=race needs a test failed by the TSan hook, not any failure.
    def test_race_needs_a_failure_from_the_hook(self):
        out = transcript(("S.Wrong", "EXPECT failed", "FAILED"))
        self.assertTrue(expect_verdict.classify("fail", 1, out, False)[0])
        self.assertFalse(expect_verdict.classify("race", 1, out, False)[0])

    # Tests that a child program's TSan report, quoted in a failure message, is not taken for the
    # test binary's own: only reports with the binary's pid count.
    def test_a_childs_report_is_not_the_binarys(self):
        child = "WARNING: ThreadSanitizer: lock-order-inversion (pid=7)\nSUMMARY: ThreadSanitizer: x\n"
        out = transcript(("S.RunsApp", "Expected exit 0\n" + child, "FAILED"))
        self.assertTrue(expect_verdict.classify("fail", 1, out, False, pid=3)[0])
        self.assertFalse(expect_verdict.classify("fail", 1, out, False)[0])

    # Tests that a race failing a parameterised test, whose FAILED line names the parameter,
    # still counts as failing a test by name.
    def test_a_race_failing_a_parameterised_test(self):
        out = ("[ RUN      ] P/S.Counts/3\n" + REPORT + HOOKED_FAILURE +
               "[  FAILED  ] P/S.Counts/3, where GetParam() = 4-byte object <03-00> (170 ms)\n")
        ok, why = expect_verdict.classify("race", 1, out, False)
        self.assertTrue(ok, why)
        self.assertIn("P/S.Counts/3", why)

    # Tests that a reference run with no report passes.
    def test_a_clean_pass(self):
        out = transcript(("S.Fine", "", "OK")) + "[  PASSED  ] 1 test.\n"
        self.assertTrue(expect_verdict.classify("pass", 0, out, False)[0])

    # Tests that a mutant must be rejected by a test its catalogue row names, not by another.
    def test_a_mutant_must_fail_a_test_its_catalogue_names(self):
        out = transcript(("S.Named", "", "OK"), ("S.Other", "EXPECT failed", "FAILED"))
        ok, why = expect_verdict.classify("fail", 1, out, False, named=["S.Named"])
        self.assertFalse(ok)
        self.assertIn("its catalogue row names S.Named", why)
        self.assertTrue(expect_verdict.classify("fail", 1, out, False, named=["S.Named",
                                                                              "S.Other"])[0])

    # Tests that "Suite.Test" names each instance of a parameterised test, and nothing else.
    def test_a_catalogue_name_covers_parameterised_instances(self):
        named = ["S.Counts"]
        for test in ("S.Counts", "Threads/S.Counts/0"):
            self.assertTrue(expect_verdict.is_named(test, named), test)
        for test in ("S.CountsMore", "Threads/S.CountsMore/0", "T.Counts"):
            self.assertFalse(expect_verdict.is_named(test, named), test)
        self.assertEqual("S.Counts:*/S.Counts/*",
                         expect_verdict.gtest_filter(named))


if __name__ == "__main__":
    unittest.main()
