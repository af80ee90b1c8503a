"""Tests tools/mutant on a small repository it writes itself: refresh follows a reference that
moved, names a patch that no longer applies, and edit writes a patch that keeps its prose."""
import importlib.machinery
import importlib.util
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

COURSE = '''EXERCISE = exercise(
    name = "01_alpha",
    library = "alpha",
    srcs = ["alpha.cc", "beta.cc"],
    mutants = {"off_by_one": "off_by_one.patch"},
)
'''
REFERENCE = "// Reference.\nint Answer() {\n  return 42;\n}\n"
PATCH = ("Mutant of exercise 01: answers 41.\n\n--- a/solutions/01_alpha/alpha.cc\n"
         "+++ b/solutions/01_alpha/alpha.cc\n@@ -1,4 +1,4 @@\n // Reference.\n int Answer() {\n"
         "-  return 42;\n+  return 41;\n }\n")


def load_tool():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "mutant")
    loader = importlib.machinery.SourceFileLoader("mutant_tool", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


class MutantToolTest(unittest.TestCase):
    tool = load_tool()

    def setUp(self):
        self.root = tempfile.mkdtemp()
        for path, text in {"exercises/01_alpha/alpha.cc": "// TODO\n",
                           "tools/bazel/course/01_alpha.bzl": COURSE,
                           "solutions/01_alpha/alpha.cc": REFERENCE,
                           "tests/mutants/01_alpha/off_by_one.patch": PATCH}.items():
            self.write(path, text)

    def write(self, path, text):
        os.makedirs(os.path.dirname(os.path.join(self.root, path)), exist_ok=True)
        with open(os.path.join(self.root, path), "w") as f:
            f.write(text)

    def read(self, path):
        with open(os.path.join(self.root, path)) as f:
            return f.read()

    def run_tool(self, *argv):
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(out):
            try:
                code = self.tool.main(list(argv), root=self.root)
            except SystemExit as exit_:
                code = exit_.code
        return code, out.getvalue()

    # Tests that refresh re-derives a patch whose lines moved, and keeps its prose.
    def test_refresh_follows_a_reference_that_moved(self):
        self.write("solutions/01_alpha/alpha.cc", "// New first line.\n" + REFERENCE)
        self.assertEqual((0, "refreshed tests/mutants/01_alpha/off_by_one.patch\n"),
                         self.run_tool("refresh"))
        patch = self.read("tests/mutants/01_alpha/off_by_one.patch")
        self.assertTrue(patch.startswith("Mutant of exercise 01: answers 41.\n\n--- a/"))
        self.assertIn("@@ -1,5 +1,5 @@\n // New first line.\n", patch)

    # Tests that refresh follows every file of a mutant that patches two.
    def test_refresh_follows_each_file_of_a_two_file_mutant(self):
        self.write("tools/bazel/course/01_alpha.bzl", COURSE.replace(
            '"off_by_one.patch"', '{"alpha.cc": "off_by_one.patch", "beta.cc": "beta.patch"}'))
        self.write("solutions/01_alpha/beta.cc", REFERENCE)
        self.write("tests/mutants/01_alpha/beta.patch", PATCH.replace("alpha.cc", "beta.cc"))
        for name in ("alpha.cc", "beta.cc"):
            self.write("solutions/01_alpha/" + name, "// New first line.\n" + REFERENCE)
        code, out = self.run_tool("refresh")
        self.assertEqual(0, code, out)
        self.assertIn("refreshed tests/mutants/01_alpha/off_by_one.patch", out)
        self.assertIn("refreshed tests/mutants/01_alpha/beta.patch", out)

    # Tests that refresh names a patch that no longer applies, exits 1 and leaves it alone.
    def test_refresh_names_a_patch_that_no_longer_applies(self):
        self.write("solutions/01_alpha/alpha.cc", REFERENCE.replace("42", "6 * 7"))
        code, out = self.run_tool("refresh")
        self.assertEqual(1, code)
        self.assertIn("does not apply any more: tools/mutant edit 01_alpha off_by_one", out)
        self.assertEqual(PATCH, self.read("tests/mutants/01_alpha/off_by_one.patch"))

    # Tests that edit writes a new mutant's patch and says how to declare it.
    def test_edit_writes_a_new_patch(self):
        os.environ["EDITOR"] = "sed -i s/42/43/"
        code, out = self.run_tool("edit", "1", "off_by_minus_one")
        self.assertEqual(0, code, out)
        self.assertIn('"off_by_minus_one": "off_by_minus_one.patch"', out)
        patch = self.read("tests/mutants/01_alpha/off_by_minus_one.patch")
        self.assertIn("-  return 42;\n+  return 43;\n", patch)
        self.assertTrue(patch.startswith("Mutant of exercise 01: TODO"))

    # Tests that a new mutant left equal to the reference gets no patch, and exits 1, and that
    # an existing one that is saved unchanged keeps its patch, byte for byte.
    def test_edit_without_a_change(self):
        os.environ["EDITOR"] = "true"
        code, out = self.run_tool("edit", "1", "unchanged")
        self.assertEqual(1, code)
        self.assertIn("no patch written", out)
        self.assertFalse(os.path.exists(os.path.join(self.root, "tests/mutants/01_alpha",
                                                     "unchanged.patch")))
        self.assertEqual(0, self.run_tool("edit", "1", "off_by_one")[0])
        self.assertEqual(PATCH, self.read("tests/mutants/01_alpha/off_by_one.patch"))

    # Tests that bad input is one line and exit code 2.
    def test_bad_input(self):
        self.assertEqual(2, self.run_tool("edit", "9", "x")[0])
        self.assertEqual(2, self.run_tool("edit", "1", "Bad-Name")[0])


if __name__ == "__main__":
    sys.exit(unittest.main())
