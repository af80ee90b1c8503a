"""Tests of .kata/state.json (tools/grader/state.py): a file that cannot be read, or not as a
whole, is kept aside, what can be read is kept, and the learner is told once."""
import io
import json
import os
import unittest
from unittest import mock

from fake_course import FakeCourse, write


class CorruptStateTest(FakeCourse):
    def kata(self, *parts):
        return os.path.join(self.root, ".kata", *parts)

    def corrupt_copies(self):
        return sorted(n for n in os.listdir(self.kata()) if n.startswith("state.json.corrupt-"))

    # Tests that a state.json that is not JSON gives one warning line on stderr naming the file,
    # where it was kept and what comes back, and is kept beside a fresh one.
    def test_not_json_is_kept_aside_with_one_warning(self):
        write(self.kata("state.json"), "{not json")
        code, _, err = self.grade("hint", "1")
        self.assertEqual(0, code)
        (kept,) = self.corrupt_copies()
        self.assertEqual(1, len(err.splitlines()), err)
        self.assertIn(".kata/state.json is not valid JSON; kept as .kata/%s" % kept, err)
        self.assertIn("hint levels restart at 1", err)
        self.assertIn("verdicts come back from Bazel", err)
        with open(self.kata(kept)) as f:
            self.assertEqual("{not json", f.read())
        self.assertEqual(1, self.state()["exercises"]["01_alpha"]["hint_level"])

    # Tests that the warning comes once per corrupt file, not on every later command.
    def test_warns_once(self):
        write(self.kata("state.json"), "\x00\xff garbage")
        self.assertIn("kept as", self.grade("list")[2])
        self.assertEqual("", self.grade("list")[2])
        self.assertEqual("", self.grade("hint", "1")[2])
        self.assertEqual(1, len(self.corrupt_copies()))

    # Tests that JSON of the wrong shape as a whole is kept aside too.
    def test_json_of_another_shape_is_kept_aside(self):
        for text in ("[]", '{"version": 1}', '{"exercises": [1, 2]}'):
            write(self.kata("state.json"), text)
            err = self.grade("list")[2]
            self.assertIn("is not in the grader's format", err)
        self.assertEqual(3, len(self.corrupt_copies()))

    # Tests that a state.json that cannot be read at all (here a folder) is moved aside.
    def test_an_unreadable_file_is_moved_aside(self):
        os.makedirs(self.kata("state.json"))
        code, _, err = self.grade("hint", "1")
        self.assertEqual(0, code)
        self.assertIn(".kata/state.json could not be read", err)
        self.assertEqual(1, len(self.corrupt_copies()))
        self.assertEqual(1, self.state()["exercises"]["01_alpha"]["hint_level"])

    # Tests that an entry of the wrong shape is dropped and the other entries are kept: a wrong
    # field loses only that field, and the file is rewritten so that the next command is quiet.
    def test_the_readable_entries_are_kept(self):
        write(self.kata("state.json"), json.dumps({"version": 1, "exercises": {
            "01_alpha": {"hint_level": 2, "status": "passed", "passed_once": True},
            "02_beta": {"hint_level": "two", "status": "failed", "mine": [1]},
            "03_gamma": [1, 2],
            "04_delta": {"hint_level": True}}}))
        err = self.grade("list")[2]
        self.assertEqual(1, len(err.splitlines()), err)
        self.assertIn("dropped 02_beta's hint_level, 03_gamma, 04_delta's hint_level, kept the "
                      "rest", err)
        self.assertEqual({"01_alpha": {"hint_level": 2, "status": "passed", "passed_once": True},
                          "02_beta": {"status": "failed", "mine": [1]}, "04_delta": {}},
                         self.state()["exercises"])
        self.assertEqual(1, len(self.corrupt_copies()))
        self.assertEqual("", self.grade("list")[2])
        with mock.patch("sys.stdin", io.StringIO("")):
            code, out, _ = self.grade("hint", "1")
        self.assertEqual(1, code)   # level 2 was kept: the next hint is the last, which asks
        self.assertIn("hint 3 of 3 is the last one", out)

    # Tests that a missing state.json is no problem and no warning.
    def test_no_state_yet_is_quiet(self):
        self.assertEqual("", self.grade("list")[2])
        self.assertFalse(os.path.exists(self.kata()) and self.corrupt_copies())


if __name__ == "__main__":
    unittest.main()
