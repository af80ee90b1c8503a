"""A small fake course in a temporary directory, for the grader's command tests."""
import contextlib
import io
import json
import os
import shutil
import tempfile
import unittest

import grader_test_support  # noqa: F401  (puts the grader on sys.path)
from grader import cli

HINTS = "# Hints\n\n## Hint 1\n\nNudge.\n\n## Hint 2\n\nApproach.\n\n## Hint 3\n\nNear code.\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


class FakeCourse(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="grader-test-")
        write(os.path.join(self.root, "exercises/01_alpha/alpha.cc"), "// TODO: stub\n")
        write(os.path.join(self.root, "exercises/01_alpha/HINTS.md"), HINTS)
        write(os.path.join(self.root, "exercises/02_beta/beta.cc"), "// stub\n")
        write(os.path.join(self.root, "exercises/notes/README.md"), "not an exercise\n")
        write(os.path.join(self.root, "tools/bazel/course/01_alpha.bzl"),
              'EXERCISE = exercise(\n    name = "01_alpha",\n    library = "alpha",\n)\n')
        write(os.path.join(self.root, "solutions/01_alpha/alpha.cc"), "// the reference\n")
        os.environ["KATA_BAZEL"] = "no-such-bazel-for-this-test"
        self.addCleanup(shutil.rmtree, self.root, True)

    def grade(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(argv), repo_root=self.root)
        return code, out.getvalue(), err.getvalue()

    def state(self):
        with open(os.path.join(self.root, ".kata", "state.json")) as f:
            return json.load(f)
