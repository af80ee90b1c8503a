"""Runs one kata test binary and checks the *way* it ends.

    expect_verdict.py --expect=fail path/to/greeter_test    # stub or mutant
    expect_verdict.py --expect=pass path/to/greeter_test    # reference
    expect_verdict.py --expect=race path/to/greeter_test    # a variant whose fault is a race
    expect_verdict.py --skip=needs_chaos path/to/test       # judged under --config=chaos only
    expect_verdict.py --expect=fail --catalogue=tests/mutants/05_watcher/README.md \
        --mutant=pop_polls path/to/pop_polls_pipeline_test    # a mutant, with its catalogue row

A stub or mutant must be rejected by a GoogleTest assertion (a ThreadSanitizer report counts:
the tests' main turns it into one). Rejection by a crash, a hang or std::terminate does not
count: the learner would see a stack dump or a timeout instead of a message that teaches.

In every mode, a TSan report printed while a test ran must fail a test by name, with the
report's summary in its failure message (unattributed_races): otherwise the hook in
tests/support/test_main.cc did not run, and a learner's race would pass unnoticed or fail no
test by name. --expect=race also requires at least one such failure.

A mutant is judged against its row in the bug catalogue: at least one of the tests the row
names must be among those that failed, so the catalogue says truly which test rejects it. With
KATA_META_FOCUS=1 in the environment (tools/stress sets it), only the named tests run: the run
repeats the claim "these tests reject this mutant" in a fraction of the whole binary's time.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

from tools.maintainer import repo

# Only a hang should meet this deadline: a verdict must come from an assertion, never from it.
# Generous, as a named slack should be: the slowest mutant run seen, 06's
# starts_workers_without_chunks in chaos mode with both cores busy (tools/stress --chaos), took
# 12 s; a small Bazel test may take 60 s in all.
DEADLINE_S = 30.0
# Variables that make a GoogleTest binary write into *this* test's result files.
_BAZEL_RESULT_VARS = ("XML_OUTPUT_FILE", "TEST_PREMATURE_EXIT_FILE", "TEST_WARNINGS_OUTPUT_FILE",
                      "TEST_SHARD_STATUS_FILE", "TEST_TOTAL_SHARDS", "TEST_SHARD_INDEX",
                      "TEST_UNDECLARED_OUTPUTS_DIR", "GTEST_OUTPUT")


SKIP_REASONS = {
    "needs_chaos": "only chaos mode can reject this variant; bazel test --config=chaos judges it",
}
_RUN = re.compile(r"^\[ RUN      \] (\S+)$")
# A test's last line: "[  FAILED  ] Suite.Test (12 ms)"; a parameterised test's FAILED line
# also names its parameter: "[  FAILED  ] P/Suite.Test/1, where GetParam() = 3 (12 ms)". A test
# that skips itself ends with "[  SKIPPED ] Suite.Test (2 ms)": without it, every report printed
# after a skipped test (a thread leak found at exit, say) would count as that test's.
_END = re.compile(r"^\[ +(OK|FAILED|SKIPPED) +\] ([^\s,]+)(?:, where GetParam\(\) = .*)? \(")
TSAN_WARNING = "WARNING: ThreadSanitizer:"
HOOK_MESSAGE = "ThreadSanitizer reported a problem while this test ran:"


def tsan_by_test(output, pid=None):
    """{test: (ended "OK" or "FAILED", it failed with the hook's message)} for every test; and
    whether TSan printed any report of its own while a test ran. With `pid`, only reports of that
    process count as its own ("(pid=N)"): a child program's report, quoted in a failure message,
    is the child's."""
    found, current, section, any_report = {}, None, [], False
    own = "(pid=%d)" % pid if pid is not None else ""
    for line in output.splitlines():
        run, end = _RUN.match(line), _END.match(line)
        if run:
            current, section = run.group(1), []
        elif current and end and end.group(2) == current:
            found[current] = (end.group(1), HOOK_MESSAGE in "\n".join(section))
            current = None
        elif current:
            section.append(line)
            any_report = any_report or (TSAN_WARNING in line and own in line)
    return found, any_report


def unattributed_races(output, pid=None):
    """A sentence when a TSan report did not fail a test by name, else "".

    A report is printed by the thread that raced, and the hook runs once it is printed; a thread
    the code left running may finish printing only as its test ends, and then fails the next
    one. So any report must fail some test (--expect=race asks for the racing test itself)."""
    found, any_report = tsan_by_test(output, pid)
    if any_report and not any(hooked for _, hooked in found.values()):
        return "TSan reported a race, but no test failed with %r" % HOOK_MESSAGE
    return ""


def named_tests(catalogue, mutant):
    """The tests ("Suite.Test") that the catalogue's row of `mutant` names. A missing row ends
    the meta-test with a message: the consistency test also asks for one."""
    with open(catalogue, encoding="utf-8") as f:
        rows = dict(repo.read_catalogue(f.read()))
    if mutant not in rows:
        sys.exit("expect_verdict.py: %s has no row for the mutant %s" % (catalogue, mutant))
    return rows[mutant]


def is_named(test, named):
    """Whether the test GoogleTest ran as `test` is one of `named`: "Suite.Test" also names each
    instance of a parameterised test, "Instance/Suite.Test/0"."""
    return any("/%s/" % name in "/%s/" % test for name in named)


def gtest_filter(named):
    """A --gtest_filter that runs exactly the named tests, parameterised instances included."""
    return ":".join("%s:*/%s/*" % (name, name) for name in named)


def classify(expect, returncode, output, timed_out, pid=None, named=()):
    """Returns (ok, one-line explanation). `pid`: the test binary's, to tell its own TSan reports
    from those of programs it ran. `named`: for a mutant, the tests its catalogue row names, one
    of which must have failed."""
    failed = sorted(set(re.findall(r"^\[  FAILED  \] (\S+\.\S+)(?: \(|,|$)", output, re.M)))
    tsan = "ThreadSanitizer:" in output
    unattributed = unattributed_races(output, pid)
    if unattributed and not timed_out:
        return False, unattributed + ": the tests' main did not turn the report into a failure"
    if timed_out:
        return False, "hung: still running after %.0f s, killed" % DEADLINE_S
    if returncode < 0:
        name = signal.Signals(-returncode).name
        return False, "crashed with %s instead of failing an assertion" % name
    if expect == "pass":
        if returncode == 0 and "[  PASSED  ]" in output:
            return True, "passed"
        return False, "expected every test to pass, got exit code %d; failed: %s" % (
            returncode, ", ".join(failed) or "(none named)")
    if returncode == 0:
        return False, "passed, but these tests should have rejected it: a test that cannot fail is a defect"
    if not failed:
        return False, "exit code %d without a failed assertion (compile-time or startup problem?)" % returncode
    if expect == "race":
        raced = sorted(test for test, (ended, hooked) in tsan_by_test(output, pid)[0].items()
                       if ended == "FAILED" and hooked)
        if not raced:
            return False, "rejected, but no test failed because of a TSan report: %s" % (
                ", ".join(failed))
        return True, "the race failed %s by name, with the TSan summary" % ", ".join(raced)
    if named and not any(is_named(test, named) for test in failed):
        return False, ("rejected by %s, but its catalogue row names %s: fix the row, or the test "
                       "that should catch it" % (", ".join(failed), ", ".join(named)))
    return True, "rejected by %d test(s)%s: %s" % (
        len(failed), " and a TSan report" if tsan else "", ", ".join(failed))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--expect", choices=("pass", "fail", "race"))
    parser.add_argument("--skip", choices=sorted(SKIP_REASONS),
                        help="judge nothing in this configuration, and say why")
    parser.add_argument("--catalogue", help="the bug catalogue (README.md) with --mutant's row")
    parser.add_argument("--mutant", help="the mutant that `binary` tests (--expect=fail)")
    parser.add_argument("--whole_binary", action="store_true",
                        help="run every test even under KATA_META_FOCUS=1 (chaos_only mutants)")
    parser.add_argument("binary")
    args = parser.parse_args(argv)
    if args.skip:
        print("==== SKIPPED %s: %s" % (os.path.basename(args.binary), SKIP_REASONS[args.skip]))
        return 0
    if not args.expect:
        parser.error("--expect or --skip is required")
    env = {k: v for k, v in os.environ.items() if k not in _BAZEL_RESULT_VARS}
    env["GTEST_COLOR"] = "no"
    named = named_tests(args.catalogue, args.mutant) if args.catalogue and args.mutant else []
    command = [args.binary]
    if named and os.environ.get("KATA_META_FOCUS") == "1" and not args.whole_binary:
        command.append("--gtest_filter=" + gtest_filter(named))
        print("==== KATA_META_FOCUS=1: only the tests its catalogue row names run: %s" %
              ", ".join(named))
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)
    timed_out = False
    try:
        output, _ = proc.communicate(timeout=DEADLINE_S)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
    elapsed = time.monotonic() - start
    text = output.decode("utf-8", "replace")
    ok, why = classify(args.expect, proc.returncode, text, timed_out, proc.pid, named)
    sys.stdout.write(text)
    print("\n==== %s: %s (%.2f s)" % ("OK" if ok else "WRONG VERDICT", why, elapsed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
