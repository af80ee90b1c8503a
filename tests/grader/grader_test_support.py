"""Shared by the grader's tests: where the fixtures are, and the grader package on sys.path."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
# Outside Bazel (python3 tests/grader/x_test.py), find tools/grader next to tests/.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools"))


def fixture(name):
    return os.path.join(FIXTURES, name)


def read(name):
    with open(fixture(name), encoding="utf-8", errors="replace") as f:
        return f.read()
