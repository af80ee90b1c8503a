"""The checks behind consistency_test: does every exercise have all its parts, and does the
README's course table list the course?

Each check takes the checkout's root and returns a list of problems, one sentence each, that
a maintainer can act on; an empty list means consistent. The course and each exercise's
declaration come from the course model, tools/course.py (see tools/bazel/kata.bzl and
.github/CONTRIBUTING.md).
"""
import os
import re

import course
from tools.maintainer import repo

TEST_LINE = re.compile(r"^(TEST|TEST_F|TEST_P)\(")
HINT_HEADING = re.compile(r"^## Hint\b.*$", re.M)
TABLE_ROW = re.compile(r"^\|\s*(\d\d)\s*\|\s*`?([A-Za-z0-9_]+)`?\s*\|", re.M)
TEST_DEFINITION = re.compile(r"^\s*(?:TEST|TEST_F|TEST_P)\(\s*(\w+)\s*,\s*(\w+)\s*\)", re.M)


def _read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def layout(root):
    """Numbers 01, 02, ... without gaps, and no stray or orphaned exercise directories."""
    exercises = course.discover(root)
    problems, names = [], [ex.name for ex in exercises]
    if not names:
        return ["exercises/ holds no NN_name directory"]
    numbers = [ex.number for ex in exercises]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append("exercise numbers %s should run 1..%d without gaps or repeats" %
                        (numbers, len(numbers)))
    problems += ["%s belongs to no part of the course (tools/course.py, PARTS)" % ex.name
                 for ex in exercises if ex.part is None]
    for tree in ("exercises", "solutions", os.path.join("tests", "mutants")):
        base = os.path.join(root, tree)
        for entry in sorted(os.listdir(base)) if os.path.isdir(base) else []:
            if os.path.isdir(os.path.join(base, entry)) and entry not in names:
                problems.append("%s/%s matches no exercises/NN_name directory" % (tree, entry))
    course_dir = os.path.join(root, "tools", "bazel", "course")
    for entry in sorted(os.listdir(course_dir)):
        if entry.endswith(".bzl") and entry[:-4] not in names:
            problems.append("tools/bazel/course/%s declares no existing exercise" % entry)
    return problems


def exercise_parts(root, ex):
    """Everything one exercise needs: declaration, three packages, files, README, hints."""
    where = lambda *parts: os.path.join(root, *parts)  # noqa: E731
    if ex.problem:
        return ["%s: its declaration cannot be read: %s" % (ex.name, ex.problem)]
    decl, problems = ex.declaration, []
    if decl.get("name") != ex.name:
        problems.append("%s: tools/bazel/course/%s.bzl says name = %r" %
                        (ex.name, ex.name, decl.get("name")))
    load = 'load("//tools/bazel/course:%s.bzl", "EXERCISE")' % ex.name
    for tree in ("exercises", "solutions", "tests/mutants"):
        build = where(tree, ex.name, "BUILD")
        text = _read(build) if os.path.isfile(build) else ""
        if load not in text or "kata_targets(EXERCISE)" not in text:
            problems.append("%s/%s/BUILD must be `%s` and `kata_targets(EXERCISE)`" %
                            (tree, ex.name, load))
    apps = decl.get("apps", {})
    learner_files = decl.get("hdrs", []) + decl.get("srcs", []) + decl.get("test_srcs", [])
    for name in ["README.md", "HINTS.md"] + learner_files + list(apps.values()):
        if not os.path.isfile(where("exercises", ex.name, name)):
            problems.append("%s: exercises/%s/%s is missing" % (ex.name, ex.name, name))
    if problems:
        return problems
    if "bazel test //exercises/%s/..." % ex.name not in _read(where("exercises", ex.name,
                                                                  "README.md")):
        problems.append("%s: README.md never shows `bazel test //exercises/%s/...`" %
                        (ex.name, ex.name))
    hints = HINT_HEADING.findall(_read(where("exercises", ex.name, "HINTS.md")))
    if [h.split()[2] if len(h.split()) > 2 else "" for h in hints] != ["1", "2", "3"]:
        problems.append("%s: HINTS.md needs exactly `## Hint 1`, `## Hint 2`, `## Hint 3`, got %s"
                        % (ex.name, hints))
    problems += _stub_and_reference(root, ex, decl.get("srcs", []))
    problems += _mutants(root, ex)
    for test in decl.get("test_srcs", []):
        problems += _test_comments(ex, test, _read(where("exercises", ex.name, test)))
    return problems


def _stub_and_reference(root, ex, srcs):
    problems, stubs = [], {f: _read(os.path.join(root, "exercises", ex.name, f)) for f in srcs}
    if not any("// TODO:" in text for text in stubs.values()):
        problems.append("%s: no `// TODO:` in the stub (%s) tells the learner where to edit" %
                        (ex.name, ", ".join(srcs)))
    for f in srcs:
        path = os.path.join(root, "solutions", ex.name, f)
        if not os.path.isfile(path):
            problems.append("%s: the reference solutions/%s/%s is missing" % (ex.name, ex.name, f))
        elif "// TODO:" in _read(path):
            problems.append("%s: the reference solutions/%s/%s still has a `// TODO:`" %
                            (ex.name, ex.name, f))
    return problems


def _mutants(root, ex):
    """Each mutant is a patch of a reference file (tools/bazel/kata.bzl): prose naming its bug,
    then a `diff -u` against solutions/<exercise>/<file> that changes at least one line."""
    decl, problems = ex.declaration, []
    if not decl.get("mutants"):
        problems.append("%s: declares no mutants; tests that reject nothing prove nothing" %
                        ex.name)
    declared = {"BUILD", "README.md"}
    for mutant, patched, patch in sorted(ex.mutant_patches()):
        declared.add(patch)
        problems += ["%s: mutant %s: %s" % (ex.name, mutant, p)
                     for p in _patch_problems(root, ex, patched, patch)]
    for alternative, _, replacement in ex.alternative_files():
        declared.add(replacement)
        if not os.path.isfile(os.path.join(root, "tests", "mutants", ex.name, replacement)):
            problems.append("%s: alternative %s: tests/mutants/%s/%s is missing" %
                            (ex.name, alternative, ex.name, replacement))
    for mutant in decl.get("chaos_only", []):
        if mutant not in decl.get("mutants", {}):
            problems.append("%s: chaos_only names %s, which is no mutant" % (ex.name, mutant))
    folder = os.path.join(root, "tests", "mutants", ex.name)
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name not in declared:
            problems.append("%s: tests/mutants/%s/%s belongs to no declared mutant or alternative"
                            % (ex.name, ex.name, name))
    return problems + _catalogue(root, ex)


def _catalogue(root, ex):
    """tests/mutants/<exercise>/README.md, the bug catalogue: one table row per mutant, naming
    the tests that reject it; every declared mutant has a row and every row a declared mutant."""
    path = os.path.join(root, "tests", "mutants", ex.name, "README.md")
    where = "tests/mutants/%s/README.md" % ex.name
    if not os.path.isfile(path):
        return ["%s: %s, the bug catalogue, is missing" % (ex.name, where)]
    decl, tests = ex.declaration, set()
    for test in decl.get("test_srcs", []):
        test_path = os.path.join(root, "exercises", ex.name, test)
        if os.path.isfile(test_path):
            tests.update(TEST_DEFINITION.findall(_read(test_path)))
    problems, rows = [], repo.read_catalogue(_read(path))
    mutants = decl.get("mutants", {})
    listed = [mutant for mutant, _ in rows]
    for mutant in mutants:
        if mutant not in listed:
            problems.append("%s: mutant %s has no row in %s" % (ex.name, mutant, where))
    for mutant, named in rows:
        if mutant not in mutants:
            problems.append("%s: %s lists %s, which is no declared mutant" %
                            (ex.name, where, mutant))
        if not named:
            problems.append("%s: %s: the row of %s names no test (`Suite.Test`) in its last "
                            "column" % (ex.name, where, mutant))
        for test in named:
            if tuple(test.split(".")) not in tests:
                problems.append("%s: %s: the row of %s names %s, which no test source defines" %
                                (ex.name, where, mutant, test))
    return problems


def _patch_problems(root, ex, patched, patch):
    path = os.path.join("tests", "mutants", ex.name, patch)
    if not patch.endswith(".patch"):
        return ["%s should be a .patch (diff -u against the reference)" % path]
    if not os.path.isfile(os.path.join(root, path)):
        return ["%s is missing" % path]
    lines = _read(os.path.join(root, path)).splitlines()
    if not lines or not lines[0].strip() or lines[0].startswith(("---", "diff ", "@@")):
        return ["%s must open with a sentence naming its bug" % path]
    target = "solutions/%s/%s" % (ex.name, patched)
    if not any(line.startswith("--- ") and line[4:].split("\t")[0] in (target, "a/" + target)
               for line in lines):
        return ["%s is no `diff -u` of %s" % (path, target)]
    if not any(line[:1] in ("+", "-") and not line.startswith(("+++", "---")) for line in lines):
        return ["%s changes nothing: the mutant is the reference" % path]
    return []


def _test_comments(ex, test, text):
    """Every TEST needs a comment block right above it that says what it proves: one of its
    lines starts with `// Tests ` ("Tests that Greet pauses...", "Tests the seed's picture...")."""
    problems, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        if not TEST_LINE.match(line):
            continue
        j, block = i - 1, []
        while j >= 0 and lines[j].lstrip().startswith("//"):
            block.append(lines[j].strip())
            j -= 1
        if not any(c.startswith("// Tests ") for c in block):
            problems.append("%s: %s:%d: %s... needs a `// Tests that ...` comment right above it" %
                            (ex.name, test, i + 1, line.split("{")[0].strip()))
    return problems


def course_table(root):
    """The README's course table lists exactly the exercises, in course order."""
    expected = [(ex.number, ex.short) for ex in course.discover(root)]
    rows = [(int(n), name) for n, name in TABLE_ROW.findall(_read(os.path.join(root,
                                                                               "README.md")))]
    if rows != expected:
        return ["README.md's course table lists %s; the exercises are %s (write rows as "
                "`| 01 | greeter | ...`)" % (rows, expected)]
    return []


def all_problems(root):
    problems = layout(root)
    for ex in course.discover(root):
        problems += exercise_parts(root, ex)
    return problems + course_table(root)
