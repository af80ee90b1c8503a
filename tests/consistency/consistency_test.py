"""The repository checks itself, on the real source tree: every exercise has all its parts
(declaration, three packages, stub with `// TODO:`, tests with `// Tests that`, reference,
mutants, README, HINTS), and the README's course table lists the course as tools/course.py reads
it. The checks are in checks.py; checks_test.py proves each can fail.

How a Bazel test finds the source tree: it cannot glob other packages, so it gets one file,
//:README.md (exported by the top-level BUILD), as its argument. Runfiles are symlinks into the
source tree, so the real path of that file is the checkout's README.md, and its directory is the
checkout. Because the test then reads files Bazel does not know it depends on, its BUILD tags it
`external`: Bazel never caches its result, so every run re-reads the current tree.
"""
import os
import sys
import unittest

import course
from tests.consistency import checks

ROOT = None  # the checkout, found from the README given as argument


def source_root(readme_runfile):
    root = os.path.dirname(os.path.realpath(readme_runfile))
    if not (os.path.isfile(os.path.join(root, "WORKSPACE")) and
            os.path.isdir(os.path.join(root, "exercises"))):
        raise RuntimeError("%s does not lead to the checkout (got %s): are runfiles symlinks?" %
                           (readme_runfile, root))
    return root


class ConsistencyTest(unittest.TestCase):

    # Tests that exercises are numbered 01.. without gaps and nothing is orphaned.
    def test_layout(self):
        problems = checks.layout(ROOT)
        self.assertEqual([], problems, "\n" + "\n".join(problems))

    # Tests that every exercise has every part, and that each part is in shape.
    def test_every_exercise_has_all_its_parts(self):
        for ex in course.discover(ROOT):
            with self.subTest(exercise=ex.name):
                problems = checks.exercise_parts(ROOT, ex)
                self.assertEqual([], problems, "\n" + "\n".join(problems))

    # Tests that the README's course table lists the exercises in course order.
    def test_readme_lists_the_course(self):
        problems = checks.course_table(ROOT)
        self.assertEqual([], problems, "\n" + "\n".join(problems))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: consistency_test.py path/to/README.md (a runfile of //:README.md)")
    ROOT = source_root(sys.argv.pop(1))
    print("checking the checkout at %s" % ROOT)
    unittest.main()
