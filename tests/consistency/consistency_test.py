"""The repository checks itself, on the real source tree: every exercise has all its parts
(declaration, three packages, stub with `// TODO:`, tests with `// Tests that`, reference,
mutants, README, HINTS), and the directories, the grader's course order and the README's course
table agree. The checks are in course_checks.py; course_checks_test.py proves each can fail.

How a Bazel test finds the source tree: it cannot glob other packages, so it gets one file,
//:README.md (exported by the top-level BUILD), as its argument. Runfiles are symlinks into the
source tree, so the real path of that file is the checkout's README.md, and its directory is the
checkout. Because the test then reads files Bazel does not know it depends on, its BUILD tags it
`external`: Bazel never caches its result, so every run re-reads the current tree.
"""
import importlib
import os
import sys
import unittest

from tests.consistency import course_checks
from tools.maintainer import repo

ROOT = None  # the checkout, found from the README given as argument


def source_root(readme_runfile):
    root = os.path.dirname(os.path.realpath(readme_runfile))
    if not (os.path.isfile(os.path.join(root, "WORKSPACE")) and
            os.path.isdir(os.path.join(root, "exercises"))):
        raise RuntimeError("%s does not lead to the checkout (got %s): are runfiles symlinks?" %
                           (readme_runfile, root))
    return root


def grader_discover(root):
    """The grader's own discover(), loaded from the checkout's tools/grader/exercises.py."""
    sys.path.insert(0, os.path.join(root, "tools"))
    try:
        return importlib.import_module("grader.exercises").discover
    finally:
        sys.path.pop(0)


class ConsistencyTest(unittest.TestCase):

    # Tests that exercises are numbered 01.. without gaps and nothing is orphaned.
    def test_layout(self):
        problems = course_checks.layout(ROOT)
        self.assertEqual([], problems, "\n" + "\n".join(problems))

    # Tests that every exercise has every part, and that each part is in shape.
    def test_every_exercise_has_all_its_parts(self):
        for ex in repo.discover(ROOT):
            with self.subTest(exercise=ex.name):
                problems = course_checks.exercise_parts(ROOT, ex)
                self.assertEqual([], problems, "\n" + "\n".join(problems))

    # Tests that the grader's order and the README's course table match the directories.
    def test_grader_and_readme_agree_with_the_directories(self):
        problems = course_checks.course_order(ROOT, grader_discover(ROOT))
        self.assertEqual([], problems, "\n" + "\n".join(problems))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: consistency_test.py path/to/README.md (a runfile of //:README.md)")
    ROOT = source_root(sys.argv.pop(1))
    print("checking the checkout at %s" % ROOT)
    unittest.main()
