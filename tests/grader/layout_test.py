"""Tests that the grader's packages depend on each other one way (tools/grader/__init__.py):
cli -> commands -> run, diagnose, timeline -> the shared model; that no module imports another
module's private (_underscore) names; and that every package says what it owns."""
import ast
import os
import unittest

from grader_test_support import HERE

GRADER = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools", "grader")
# package -> the grader packages it may import from ("" is the shared model at the top).
ALLOWED = {
    "": {""},
    "commands": {"", "commands", "run", "diagnose", "timeline"},
    "run": {"", "run"},
    "diagnose": {"", "diagnose"},
    "timeline": {"", "timeline"},
}


def modules():
    """(package, path) of every module of the grader but cli.py, the top of the graph."""
    for folder, _, names in os.walk(GRADER):
        package = os.path.relpath(folder, GRADER).replace(".", "")
        for name in sorted(names):
            if name.endswith(".py") and (package or name != "cli.py"):
                yield package, os.path.join(folder, name)


def grader_imports(package, path):
    """(grader package imported from, names) of each relative import of the module at `path`
    in `package`; the shared model at the top is the package ""."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = [package] if package and node.level == 1 else []
            parts += (node.module or "").split(".")
            first = next((p for p in parts if p), "")
            yield (first if first in ALLOWED else ""), [alias.name for alias in node.names]


class LayoutTest(unittest.TestCase):
    # Tests that imports run one way, and never reach for another module's private names.
    def test_dependencies_run_one_way(self):
        for package, path in modules():
            for target, names in grader_imports(package, path):
                with self.subTest(module=os.path.relpath(path, GRADER), imports=target):
                    self.assertIn(target, ALLOWED[package])
                    self.assertEqual([], [n for n in names if n.startswith("_")])

    # Tests that each package opens with a docstring saying what it owns.
    def test_every_package_says_what_it_owns(self):
        for package in ALLOWED:
            init = os.path.join(GRADER, package, "__init__.py")
            with open(init, encoding="utf-8") as f:
                self.assertTrue(ast.get_docstring(ast.parse(f.read())), init)


if __name__ == "__main__":
    unittest.main()
