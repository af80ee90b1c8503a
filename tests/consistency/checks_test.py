"""Proves that every consistency check can fail: a check that cannot fail guards nothing.

Each test writes a small, consistent two-exercise repository to a temporary directory, breaks
one thing, and expects the matching problem; the unbroken repository must have none.
"""
import os
import shutil
import tempfile
import unittest

from tests.consistency import checks

COURSE = '''load("//tools/bazel:kata.bzl", "exercise")

EXERCISE = exercise(
    name = "{name}",
    library = "{short}",
    hdrs = ["{short}.h"],
    srcs = ["{short}.cc"],
    test_srcs = ["{short}_test.cc"],
    mutants = {{"wrong": "wrong.patch"}},
)
'''
BUILD = ('load("//tools/bazel:kata.bzl", "kata_targets")\n'
         'load("//tools/bazel/course:{name}.bzl", "EXERCISE")\n\nkata_targets(EXERCISE)\n')
FILES = {
    "tools/bazel/course/{name}.bzl": COURSE,
    "exercises/{name}/BUILD": BUILD,
    "exercises/{name}/README.md": "Run: bazel test //exercises/{name}/...\n",
    "exercises/{name}/HINTS.md": "## Hint 1\na\n## Hint 2\nb\n## Hint 3\nc\n",
    "exercises/{name}/{short}.h": "// contract\n",
    "exercises/{name}/{short}.cc": "// TODO: write it\n",
    "exercises/{name}/{short}_test.cc": "// Tests that it works,\n// in words.\nTEST(A, B) {{}}\n",
    "solutions/{name}/BUILD": BUILD,
    "solutions/{name}/{short}.cc": "int Answer() {{ return 42; }}\n",
    "tests/mutants/{name}/BUILD": BUILD,
    "tests/mutants/{name}/README.md": "| mutant | bug | why | rejected by |\n|---|---|---|---|\n"
                                      "| `wrong` | off by one | haste | `A.B` |\n",
    "tests/mutants/{name}/wrong.patch": "Mutant: answers 41.\n\n--- a/solutions/{name}/{short}.cc\n"
                                        "+++ b/solutions/{name}/{short}.cc\n@@ -1 +1 @@\n"
                                        "-int Answer() {{ return 42; }}\n"
                                        "+int Answer() {{ return 41; }}\n",
}
PATCH = FILES["tests/mutants/{name}/wrong.patch"].format(name="01_alpha", short="alpha")
README = "| # | exercise |\n|---|---|\n| 01 | alpha | a |\n| 02 | beta_gamma | b |\n"


class CourseChecksTest(unittest.TestCase):

    def setUp(self):
        self.root = None
        self.fresh()

    def fresh(self):
        """Starts again from a consistent repository."""
        if self.root:
            shutil.rmtree(self.root)
        self.root = tempfile.mkdtemp()
        for name in ("01_alpha", "02_beta_gamma"):
            short = name.split("_", 1)[1]
            for path, text in FILES.items():
                self.write(path.format(name=name, short=short), text.format(name=name, short=short))
        self.write("README.md", README)

    def tearDown(self):
        shutil.rmtree(self.root)

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def remove(self, path):
        os.remove(os.path.join(self.root, path))

    def assertProblem(self, expected):
        problems = checks.all_problems(self.root)
        self.assertTrue(any(expected in p for p in problems),
                        "expected a problem containing %r, got:\n%s" % (expected, problems))

    # Tests that a consistent repository has no problem at all.
    def test_consistent_repository_passes(self):
        self.assertEqual([], checks.all_problems(self.root))

    # Tests that each missing part of an exercise is named.
    def test_missing_parts(self):
        for path, expected in [("exercises/01_alpha/HINTS.md", "HINTS.md is missing"),
                               ("exercises/01_alpha/README.md", "README.md is missing"),
                               ("exercises/01_alpha/alpha_test.cc", "alpha_test.cc is missing"),
                               ("solutions/01_alpha/alpha.cc", "reference solutions/01_alpha"),
                               ("tests/mutants/01_alpha/wrong.patch", "wrong.patch is missing"),
                               ("tests/mutants/01_alpha/BUILD", "tests/mutants/01_alpha/BUILD"),
                               ("tools/bazel/course/01_alpha.bzl", "declaration cannot be read")]:
            with self.subTest(path=path):
                self.fresh()
                self.remove(path)
                self.assertProblem(expected)

    # Tests that parts that exist but are out of shape are named.
    def test_parts_out_of_shape(self):
        for path, text, expected in [
                ("exercises/01_alpha/HINTS.md", "## Hint 1\n## Hint 2\n", "exactly `## Hint 1`"),
                ("exercises/01_alpha/README.md", "no command\n", "never shows `bazel test"),
                ("exercises/01_alpha/alpha.cc", "// nothing to do\n", "no `// TODO:`"),
                ("solutions/01_alpha/alpha.cc", "// TODO: later\n", "still has a `// TODO:`"),
                ("tests/mutants/01_alpha/wrong.patch", PATCH.split("\n\n", 1)[1],
                 "sentence naming its bug"),
                ("tests/mutants/01_alpha/wrong.patch", PATCH.replace("solutions/", "exercises/"),
                 "no `diff -u` of solutions/01_alpha/alpha.cc"),
                ("tests/mutants/01_alpha/wrong.patch", PATCH.replace("-int", " int").replace(
                    "+int Answer() { return 41; }\n", ""), "changes nothing"),
                ("tests/mutants/01_alpha/stray.cc", "// old mutant\n", "stray.cc belongs to no"),
                ("exercises/01_alpha/alpha_test.cc", "// A test.\n// Tested.\nTEST(A, B) {}\n",
                 "alpha_test.cc:3: TEST(A, B)"),
                ("exercises/01_alpha/BUILD", "kata_targets(EXERCISE)\n", "BUILD must be"),
                ("tools/bazel/course/01_alpha.bzl", COURSE.format(name="01_alfa", short="alpha"),
                 "says name = '01_alfa'")]:
            with self.subTest(path=path, expected=expected):
                self.fresh()
                self.write(path, text)
                self.assertProblem(expected)

    # Tests that gaps in the numbering and orphaned directories are named.
    def test_catalogue_problems(self):
        # Tests that the bug catalogue must exist, list every mutant, list no other, and name
        # tests that exist.
        cases = [
            (None, "README.md, the bug catalogue, is missing"),
            ("| mutant | bug |\n", "mutant wrong has no row"),
            ("| `wrong` | a | b | `A.B` |\n| `gone` | a | b | `A.B` |\n",
             "lists gone, which is no declared mutant"),
            ("| `wrong` | a | b | no test named |\n", "the row of wrong names no test"),
            ("| `wrong` | a | b | `A.C` |\n", "names A.C, which no test source defines"),
        ]
        for text, expected in cases:
            with self.subTest(expected=expected):
                self.fresh()
                if text is None:
                    self.remove("tests/mutants/01_alpha/README.md")
                else:
                    self.write("tests/mutants/01_alpha/README.md", text)
                self.assertProblem(expected)

    def test_alternative_and_chaos_only_problems(self):
        # Tests that a declared alternative's file must exist, and chaos_only must name mutants.
        course = COURSE.format(name="01_alpha", short="alpha").replace(
            "mutants = {", 'alternatives = {"other": "other.cc"},\n    chaos_only = ["nope"],\n'
            "    mutants = {")
        self.write("tools/bazel/course/01_alpha.bzl", course)
        self.assertProblem("alternative other: tests/mutants/01_alpha/other.cc is missing")
        self.assertProblem("chaos_only names nope, which is no mutant")
        self.write("tests/mutants/01_alpha/other.cc", "int Answer() { return 42; }\n")
        problems = checks.all_problems(self.root)
        self.assertFalse(any("other.cc" in p for p in problems), problems)

    def test_layout_problems(self):
        self.write("solutions/07_extra/x.cc", "")
        self.write("tools/bazel/course/08_lost.bzl", "")
        self.assertProblem("solutions/07_extra matches no exercises/NN_name directory")
        self.assertProblem("tools/bazel/course/08_lost.bzl declares no existing exercise")
        os.rename(os.path.join(self.root, "exercises/02_beta_gamma"),
                  os.path.join(self.root, "exercises/03_beta_gamma"))
        self.assertProblem("should run 1..2 without gaps")

    # Tests that the README's course table must list the exercises, and every exercise be in
    # a part of the course.
    def test_course_table_and_part_problems(self):
        self.write("README.md", README.replace("| 02 | beta_gamma | b |\n", ""))
        self.assertProblem("README.md's course table lists [(1, 'alpha')]")
        self.write("exercises/13_beyond/x.cc", "")
        self.assertProblem("13_beyond belongs to no part of the course")


if __name__ == "__main__":
    unittest.main()
