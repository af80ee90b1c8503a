"""The course: which exercises exist, in which order and part, and what each one declares.

This is the one reader of the course on the Python side; the grader (tools/grader), the
maintainer tools (tools/maintainer) and the consistency tests (tests/consistency) all use it.

An exercise is a directory exercises/NN_name; the course is those directories in sorted order.
Its declaration, tools/bazel/course/NN_name.bzl, is one `exercise(...)` call with literal
arguments (tools/bazel/kata.bzl), which is also valid Python: read_declaration() parses it with
`ast` and evaluates each keyword as a literal, never running the file. A directory whose
declaration is missing or unreadable is still listed (it may be half-built): its library is ""
and its target //exercises/NN_name:all, and `problem` says what is wrong.
"""
import ast
import os
import re
import zlib
from typing import NamedTuple

EXERCISE_DIR = re.compile(r"^(\d\d)_([a-z0-9]+(?:_[a-z0-9]+)*)$")


class Part(NamedTuple):
    first: int  # the number of its first exercise
    last: int  # the number of its last exercise
    title: str


PARTS = (
    Part(1, 6, "Part one: the Python notes, retold in C++"),
    Part(7, 12, "Part two: the C++ toolkit beyond them"),
)


class UnknownExercise(ValueError):
    """A name matches no exercise of the course."""

    def __init__(self, key, exercises):
        self.key = key
        self.names = [ex.name for ex in exercises]
        super().__init__("unknown exercise %r; choose from %s" % (key, ", ".join(self.names)))


class Exercise:
    """One exercise: number 1, name "01_greeter", short "greeter", dir (absolute path of
    exercises/01_greeter), repo_root, and the declaration's arguments in `declaration`."""

    def __init__(self, number, name, repo_root, declaration=None, problem=""):
        self.number, self.name = number, name
        self.short = name.split("_", 1)[1]
        self.repo_root = repo_root
        self.dir = os.path.join(repo_root, "exercises", name)
        self.declaration = declaration or {}
        self.problem = problem  # why the declaration could not be read, or ""

    def __eq__(self, other):
        return isinstance(other, Exercise) and (self.name, self.dir) == (other.name, other.dir)

    def __hash__(self):
        return hash((self.name, self.dir))

    def __repr__(self):
        return "Exercise(%r)" % self.name

    @property
    def library(self):
        return self.declaration.get("library", "")

    @property
    def srcs(self):
        return self.declaration.get("srcs", [])

    @property
    def package(self):
        return "exercises/" + self.name

    @property
    def test_name(self):
        return self.library + "_test" if self.library else ""

    @property
    def test_target(self):
        if self.library:
            return "//%s:%s" % (self.package, self.test_name)
        return "//%s:all" % self.package

    @property
    def title(self):
        return self.short.replace("_", " ")

    @property
    def part(self):
        """The Part this exercise belongs to, or None past the last one."""
        return next((p for p in PARTS if p.first <= self.number <= p.last), None)

    @property
    def course_file(self):
        return course_file(self.repo_root, self.name)

    @property
    def hints_file(self):
        return os.path.join(self.dir, "HINTS.md")

    @property
    def solution_dir(self):
        return os.path.join(self.repo_root, "solutions", self.name)

    def mutant_patches(self):
        """[(mutant, file of srcs it patches, patch file)], in declaration order."""
        return swaps(self.declaration, "mutants")

    def alternative_files(self):
        """[(alternative, file of srcs it replaces, its file)], in declaration order."""
        return swaps(self.declaration, "alternatives")

    def learner_files(self):
        """The files in the exercise's directory, relative to it, less editor droppings."""
        result = []
        for dirpath, dirnames, filenames in os.walk(self.dir):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not is_dropping(name):
                    result.append(os.path.relpath(os.path.join(dirpath, name), self.dir))
        return result

    def fingerprint(self):
        """A checksum of the learner's files: it changes whenever the learner edits one."""
        crc = 0
        for rel in self.learner_files():
            crc = zlib.crc32(rel.encode() + b"\0", crc)
            try:
                with open(os.path.join(self.dir, rel), "rb") as f:
                    crc = zlib.crc32(f.read(), crc)
            except OSError:
                crc = zlib.crc32(b"<unreadable>", crc)
        return "%08x" % crc


# Files that editors and tools write for a moment next to the one being saved: `sed -i`'s
# sedXXXXXX, and the number vim creates to probe whether it may write the directory.
_TOOL_TEMPORARY = re.compile(r"^(sed[A-Za-z0-9]{4,8}|4913)$")


def is_dropping(name):
    """Editor and tool droppings, never the learner's work: hidden files (vim's .x.swp/.swx/.swo,
    emacs's .#x, the grader's .kata-reset-*), backups (x~, x.orig), emacs's #x#, x.tmp, and
    sed's and vim's temporary files (_TOOL_TEMPORARY)."""
    return (name.startswith(".") or name.endswith(("~", ".swp", ".orig", ".tmp")) or
            (name.startswith("#") and name.endswith("#")) or bool(_TOOL_TEMPORARY.match(name)))


def repo_root():
    """The checkout that holds this file (tools/course.py)."""
    return os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def course_file(root, name):
    return os.path.join(root, "tools", "bazel", "course", name + ".bzl")


def read_declaration(path):
    """The keyword arguments of the `exercise(...)` call in a course file, as Python values.

    Raises OSError, SyntaxError, or ValueError when the file holds no such call or an argument
    is not a literal.
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


def swaps(declaration, key):
    """[(variant, file of srcs, its file)] of declaration[key] ("mutants" or "alternatives"), in
    declaration order. The rule of tools/bazel/kata.bzl: a variant given as a string swaps
    srcs[0]; a dict maps files of srcs to theirs."""
    srcs, found = declaration.get("srcs", []), []
    for variant, swap in declaration.get(key, {}).items():
        if isinstance(swap, str):
            swap = {srcs[0]: swap} if srcs else {}
        found += [(variant, f, given) for f, given in swap.items()]
    return found


def discover(root):
    """The exercises under root/exercises, in course order."""
    root = os.path.abspath(root)
    base = os.path.join(root, "exercises")
    try:
        names = sorted(os.listdir(base))
    except OSError:
        return []
    found = []
    for name in names:
        match = EXERCISE_DIR.match(name)
        if not match or not os.path.isdir(os.path.join(base, name)):
            continue
        try:
            declaration, problem = read_declaration(course_file(root, name)), ""
        except (OSError, SyntaxError, ValueError) as error:
            declaration, problem = {}, str(error)
        found.append(Exercise(int(match.group(1)), name, root, declaration, problem))
    return found


def find(exercises, key):
    """The exercise named by `key`: "1", "01", "01_greeter", "greeter" or a path ending in one.
    Raises UnknownExercise."""
    key = str(key).strip().rstrip("/").rsplit("/", 1)[-1]
    for ex in exercises:
        if key in (ex.name, ex.short) or (key.isdigit() and int(key) == ex.number):
            return ex
    raise UnknownExercise(key, exercises)


def select(root, wanted):
    """The exercises named in `wanted`, each once, in the order named; all if `wanted` is empty.
    Raises UnknownExercise."""
    exercises = discover(root)
    chosen = []
    for key in wanted:
        ex = find(exercises, key)
        if ex not in chosen:
            chosen.append(ex)
    return chosen if wanted else exercises
