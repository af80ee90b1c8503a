"""Tests the course model, tools/course.py, on small courses it writes itself."""
import os
import shutil
import sys
import tempfile
import unittest

# Outside Bazel (python3 tests/consistency/course_test.py), find tools/course.py.
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import course  # noqa: E402

ALPHA = '''"""Exercise 01."""

load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "01_alpha",
    library = "alpha",
    hdrs = ["alpha.h"],
    srcs = ["alpha.cc", "helper.cc"],
    test_srcs = ["alpha_test.cc"],
    mutants = {
        "off_by_one": "off_by_one.patch",
        "both_files": {"alpha.cc": "both_files_alpha.patch", "helper.cc": "both_helper.patch"},
    },
    alternatives = {"other": "other.cc", "split": {"helper.cc": "split_helper.cc"}},
)
'''


class CourseTest(unittest.TestCase):

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="course-test-")
        self.addCleanup(shutil.rmtree, self.root, True)
        for name in ("07_gamma", "01_alpha", "02_beta", "notes", "3_bad", "08_Upper"):
            os.makedirs(os.path.join(self.root, "exercises", name))
        os.makedirs(os.path.join(self.root, "tools", "bazel", "course"))
        self.write("tools/bazel/course/01_alpha.bzl", ALPHA)
        self.write("tools/bazel/course/07_gamma.bzl", "EXERCISE = exercise(library = NAME)\n")

    def write(self, path, text):
        with open(os.path.join(self.root, path), "w") as f:
            f.write(text)

    # Tests that the course is the NN_name directories in order, each with its declaration.
    def test_discover_lists_exercise_directories_in_order(self):
        found = course.discover(self.root)
        self.assertEqual(["01_alpha", "02_beta", "07_gamma"], [ex.name for ex in found])
        alpha = found[0]
        self.assertEqual((1, "alpha", "alpha"), (alpha.number, alpha.short, alpha.library))
        self.assertEqual("//exercises/01_alpha:alpha_test", alpha.test_target)
        self.assertEqual(["alpha.cc", "helper.cc"], alpha.srcs)
        self.assertEqual("", alpha.problem)

    # Tests that an exercise without a readable declaration is listed, with its problem named.
    def test_missing_or_unreadable_declaration(self):
        beta, gamma = course.discover(self.root)[1:]
        self.assertEqual(("", "//exercises/02_beta:all"), (beta.library, beta.test_target))
        self.assertIn("No such file", beta.problem)
        self.assertIn("argument library of exercise() is not a literal", gamma.problem)

    # Tests kata.bzl's rule: a string swaps srcs[0], a dict names the files it swaps.
    def test_mutants_and_alternatives_string_or_dict(self):
        alpha = course.discover(self.root)[0]
        self.assertEqual([("off_by_one", "alpha.cc", "off_by_one.patch"),
                          ("both_files", "alpha.cc", "both_files_alpha.patch"),
                          ("both_files", "helper.cc", "both_helper.patch")],
                         alpha.mutant_patches())
        self.assertEqual([("other", "alpha.cc", "other.cc"),
                          ("split", "helper.cc", "split_helper.cc")], alpha.alternative_files())

    # Tests that an exercise is found by number, name, short name or path, and an unknown one
    # names the choices.
    def test_find_and_select(self):
        found = course.discover(self.root)
        for key in ("1", "01", "01_alpha", "alpha", "exercises/01_alpha/"):
            with self.subTest(key=key):
                self.assertEqual("01_alpha", course.find(found, key).name)
        with self.assertRaises(course.UnknownExercise) as raised:
            course.find(found, "9")
        self.assertIn("choose from 01_alpha, 02_beta, 07_gamma", str(raised.exception))
        self.assertEqual(["07_gamma", "01_alpha"],
                         [ex.name for ex in course.select(self.root, ["7", "alpha", "01"])])
        self.assertEqual(3, len(course.select(self.root, [])))

    # Tests that exercises 01-06 make part one and 07-12 part two.
    def test_parts(self):
        alpha, beta, gamma = course.discover(self.root)
        self.assertEqual(course.PARTS[0], alpha.part)
        self.assertEqual(course.PARTS[0], beta.part)
        self.assertEqual(course.PARTS[1], gamma.part)

    # Tests that the fingerprint changes when the learner edits a file, but not for editor
    # droppings.
    def test_fingerprint_follows_the_learner_files(self):
        alpha = course.discover(self.root)[0]
        before = alpha.fingerprint()
        self.write("exercises/01_alpha/.alpha.cc.swp", "x")
        self.write("exercises/01_alpha/alpha.cc~", "x")
        self.assertEqual(before, alpha.fingerprint())
        self.write("exercises/01_alpha/alpha.cc", "int x;\n")
        self.assertNotEqual(before, alpha.fingerprint())
        self.assertEqual(["alpha.cc"], alpha.learner_files())


if __name__ == "__main__":
    unittest.main()
