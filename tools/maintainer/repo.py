"""The kata's layout, as the maintainer tools and the consistency test see it.

An exercise is a directory exercises/NN_name; the course is those directories in sorted order.
Its declaration, tools/bazel/course/NN_name.bzl, is one `exercise(...)` call with literal
arguments, which is also valid Python: read_course() parses it with `ast`, never by running it.
"""
import argparse
import ast
import os
import re
import sys
from typing import NamedTuple

EXERCISE_DIR = re.compile(r"^(\d\d)_([a-z0-9]+(?:_[a-z0-9]+)*)$")


class Exercise(NamedTuple):
    number: int  # 1 for 01_greeter
    name: str  # "01_greeter": the directory name, used in every path and label
    short: str  # "greeter": the name without its number, as in the README's course table


def repo_root():
    """The checkout that holds this file (tools/maintainer/repo.py)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))


def discover(root):
    """Every exercises/NN_name directory under `root`, in course order."""
    found = []
    exercises_dir = os.path.join(root, "exercises")
    for entry in sorted(os.listdir(exercises_dir)):
        match = EXERCISE_DIR.match(entry)
        if match and os.path.isdir(os.path.join(exercises_dir, entry)):
            found.append(Exercise(int(match.group(1)), entry, match.group(2)))
    return found


def select(root, wanted):
    """The exercises named in `wanted` ("01_greeter", "greeter", "01" or "1"); all if empty.

    Raises ValueError naming the choices when a name matches no exercise.
    """
    exercises = discover(root)
    if not wanted:
        return exercises
    chosen = []
    for word in wanted:
        matches = [ex for ex in exercises if word in (ex.name, ex.short) or
                   (word.isdigit() and int(word) == ex.number)]
        if not matches:
            raise ValueError("unknown exercise %r; choose from %s" %
                             (word, ", ".join(ex.name for ex in exercises)))
        chosen.extend(ex for ex in matches if ex not in chosen)
    return chosen


def course_file(root, name):
    return os.path.join(root, "tools", "bazel", "course", name + ".bzl")


def read_course(path):
    """The keyword arguments of the `exercise(...)` call in a course file, as Python values.

    Raises ValueError when the file holds no such call or an argument is not a literal.
    """
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and
                node.func.id == "exercise"):
            args = {}
            for keyword in node.keywords:
                try:
                    args[keyword.arg] = ast.literal_eval(keyword.value)
                except ValueError:
                    raise ValueError("%s: argument %s of exercise() is not a literal" %
                                     (path, keyword.arg)) from None
            return args
    raise ValueError("%s: no exercise(...) call" % path)


def _swaps(decl, key):
    """[(variant, file of srcs, its file)] of decl[key], in declaration order. A variant given as
    a string swaps srcs[0]; a dict names the files of srcs it swaps (tools/bazel/kata.bzl)."""
    srcs, found = decl.get("srcs", []), []
    for variant, swap in decl.get(key, {}).items():
        if isinstance(swap, str):
            swap = {srcs[0]: swap} if srcs else {}
        found += [(variant, f, given) for f, given in swap.items()]
    return found


def mutant_patches(decl):
    """[(mutant, file of srcs it patches, patch file)] of a course declaration (read_course)."""
    return _swaps(decl, "mutants")


def alternative_files(decl):
    """[(alternative, file of srcs it replaces, its file)] of a course declaration."""
    return _swaps(decl, "alternatives")


# A catalogue row, tests/mutants/<exercise>/README.md:
# | `mutant` | bug class | why a learner writes it | `Suite.Test`, ... |
_CATALOGUE_ROW = re.compile(r"^\|\s*`([a-z0-9_]+)`\s*\|(.*)\|\s*$", re.M)
_TEST_NAME = re.compile(r"`([A-Za-z0-9_]+\.[A-Za-z0-9_]+)`")


def read_catalogue(text):
    """[(mutant, ["Suite.Test", ...])] of a bug catalogue's rows, in table order: the tests its
    last column says reject the mutant."""
    return [(mutant, _TEST_NAME.findall(cells.rsplit("|", 1)[-1]))
            for mutant, cells in _CATALOGUE_ROW.findall(text)]


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message):
        usage = " ".join(self.format_usage().split())
        sys.stderr.write("%s (%s)\n" % (usage, message))
        sys.exit(2)
