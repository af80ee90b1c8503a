#!/usr/bin/env python3
"""Records the fixtures of diagnosis_test.py: for every exercise's stub and every mutant of the
course, the test.log and test.xml of one failing `bazel test` run, gzip-compressed, in
tests/grader/fixtures/diagnosis/NN_name/<stub|mutant>.{log,xml}.gz.

    tests/grader/record_diagnosis_fixtures.py          # all of them (about 30 min, 2 cores)
    tests/grader/record_diagnosis_fixtures.py 11 03:swallows_exceptions   # some of them

An argument is an exercise ("11", "11_deadlock") or one run ("11:stub",
"11:locks_in_argument_order"). Stubs and mutants run in one `bazel test --keep_going` per mode;
a mutant listed in its exercise's chaos_only runs under --config=chaos, where it fails at
random. A run that passes (chaos mode, or a timing mutant on a loaded machine) is run again, up
to TRIES times in all. Needs Bazel (KATA_BAZEL, KATA_BAZEL_FLAGS as for tools/grade). Exits 1
when a run never failed, 2 on bad arguments.
"""
import gzip
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import bazel_runner  # noqa: E402
import course  # noqa: E402

OUT = os.path.join(HERE, "fixtures", "diagnosis")
TRIES = 4
FLAGS = ["--jobs=2", "--keep_going", "--test_output=summary"]


def runs_of(exercises):
    """[(exercise, run name, target, chaos)]: the stub, then each mutant in declaration order."""
    runs = []
    for ex in exercises:
        runs.append((ex, "stub", ex.test_target, False))
        chaos_only = ex.declaration.get("chaos_only", [])
        for mutant in ex.declaration.get("mutants", {}):
            target = "//tests/mutants/%s:%s_%s" % (ex.name, mutant, ex.test_name)
            runs.append((ex, mutant, target, mutant in chaos_only))
    return runs


def select(runs, wanted):
    if not wanted:
        return runs
    chosen = []
    for key in wanted:
        exercise, _, name = key.partition(":")
        picked = [r for r in runs
                  if (exercise in (r[0].name, r[0].short) or
                      (exercise.isdigit() and int(exercise) == r[0].number))
                  and name in ("", r[1])]
        if not picked:
            print("record_diagnosis_fixtures: %s names no stub or mutant of the course" % key,
                  file=sys.stderr)
            sys.exit(2)
        chosen += [r for r in picked if r not in chosen]
    return chosen


def _gzip(source, destination):
    # mtime=0: the same capture gives the same bytes.
    with open(source, "rb") as f, open(destination, "wb") as raw, gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=0) as out:
        shutil.copyfileobj(f, out)


def keep(ex, name, run):
    directory = os.path.join(OUT, ex.name)
    os.makedirs(directory, exist_ok=True)
    for kind, path in (("log", run.log), ("xml", run.xml)):
        destination = os.path.join(directory, "%s.%s.gz" % (name, kind))
        if path and os.path.isfile(path):
            _gzip(path, destination)
        elif os.path.exists(destination):
            os.unlink(destination)


def record(bazel, runs, chaos, scratch, again=False):
    """Runs `runs` in one Bazel command; keeps each failing run; returns those that passed.
    again: they passed before, so a cached pass would not do."""
    if not runs:
        return []
    extra = FLAGS + (["--config=chaos"] if chaos else [])
    extra += ["--nocache_test_results"] if chaos or again else []
    events = os.path.join(scratch, "events.json")
    output = os.path.join(scratch, "bazel.txt")
    print("bazel test %s: %d targets%s" % (" ".join(extra), len(runs),
                                           " (chaos mode)" if chaos else ""), flush=True)
    outcome = bazel.run("test", [r[2] for r in runs], extra, events, output)
    left = []
    for ex, name, target, _ in runs:
        found = outcome.target(target)
        if found is None or found.status == bazel_runner.BUILD_FAILED or not found.runs:
            print("  %s: not run (%s); see %s" % (target, found.status if found else "no result",
                                                  output))
            continue
        failed = [r for r in found.runs if r.status != "PASSED"]
        if not failed:
            print("  %s: passed" % target)
            left.append((ex, name, target, chaos))
            continue
        keep(ex, name, failed[0])
        print("  %s: %s -> %s/%s" % (target, found.status, ex.name, name))
    return left


def main(argv):
    if any(a.startswith("-") for a in argv):
        print(__doc__, file=sys.stderr)
        return 2
    runs = select(runs_of(course.discover(ROOT)), argv)
    try:
        bazel = bazel_runner.Bazel(ROOT)
    except bazel_runner.BazelNotFound as missing:
        print("record_diagnosis_fixtures: no %s on PATH" % missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="diagnosis-fixtures-") as scratch:
        normal = record(bazel, [r for r in runs if not r[3]], False, scratch)
        chaos = [r for r in runs if r[3]]
        for attempt in range(TRIES):
            normal = record(bazel, normal, False, scratch, again=True) if attempt else normal
            chaos = record(bazel, chaos, True, scratch, again=attempt > 0)
        missing = normal + chaos
    if missing:
        print("no failing run of: " + ", ".join("%s:%s" % (r[0].name, r[1]) for r in missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
