"""Tests tools/reading-load on a small repository it writes itself: the lines a learner reads
(test_srcs) against the solution's lines (srcs), blank lines left out, and a usage error for an
unknown exercise."""
import importlib.machinery
import importlib.util
import io
import os
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

COURSE = '''EXERCISE = exercise(
    name = "01_alpha",
    library = "alpha",
    srcs = ["alpha.cc"],
    test_srcs = ["alpha_test.cc", "alpha_helpers.h"],
)
'''


def load_tool():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools",
                        "reading-load")
    loader = importlib.machinery.SourceFileLoader("reading_load_tool", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


class ReadingLoadTest(unittest.TestCase):
    tool = load_tool()

    def setUp(self):
        self.root = tempfile.mkdtemp()
        for path, text in {"tools/bazel/course/01_alpha.bzl": COURSE,
                           "exercises/01_alpha/alpha_test.cc": "a\n\nb\nc\n",
                           "exercises/01_alpha/alpha_helpers.h": "d\n   \ne\nf\n",
                           "solutions/01_alpha/alpha.cc": "x\n\ny\n"}.items():
            os.makedirs(os.path.dirname(os.path.join(self.root, path)), exist_ok=True)
            with open(os.path.join(self.root, path), "w") as f:
                f.write(text)

    def run_tool(self, *argv):
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(out):
            try:
                code = self.tool.main(list(argv), root=self.root)
            except SystemExit as exit_:
                code = exit_.code
        return code, out.getvalue()

    # Tests that the test sources' and the solution's non-blank lines are counted and compared.
    def test_counts_non_blank_lines_of_tests_against_the_solution(self):
        code, out = self.run_tool()
        self.assertEqual(0, code, out)
        self.assertRegex(out, r"01_alpha\s+6\s+2\s+3\.0x")

    # Tests that an unknown exercise is a usage error, not a traceback.
    def test_unknown_exercise_is_a_usage_error(self):
        code, out = self.run_tool("99")
        self.assertEqual(2, code, out)
        self.assertIn("unknown exercise", out)


if __name__ == "__main__":
    unittest.main()
