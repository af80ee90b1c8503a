"""Runs one kata test binary and checks the *way* it ends.

    expect_verdict.py --expect=fail path/to/greeter_test    # stub or mutant
    expect_verdict.py --expect=pass path/to/greeter_test    # reference
    expect_verdict.py --expect=race path/to/greeter_test    # a variant whose fault is a race
    expect_verdict.py --skip=needs_chaos path/to/test       # judged under --config=chaos only

A stub or mutant must be rejected by a GoogleTest assertion (a ThreadSanitizer report counts:
the tests' main turns it into one). Rejection by a crash, a hang or std::terminate does not
count: the learner would see a stack dump or a timeout instead of a message that teaches.

In every mode, a TSan report printed while a test ran must fail a test by name, with the
report's summary in its failure message (unattributed_races): otherwise the hook in
tests/support/test_main.cc did not run, and a learner's race would pass unnoticed or fail no
test by name. --expect=race also requires at least one such failure.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

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
_END = re.compile(r"^\[ +(OK|FAILED) +\] (\S+) \(")
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


def classify(expect, returncode, output, timed_out, pid=None):
    """Returns (ok, one-line explanation). `pid`: the test binary's, to tell its own TSan reports
    from those of programs it ran."""
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
    return True, "rejected by %d test(s)%s: %s" % (
        len(failed), " and a TSan report" if tsan else "", ", ".join(failed))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--expect", choices=("pass", "fail", "race"))
    parser.add_argument("--skip", choices=sorted(SKIP_REASONS),
                        help="judge nothing in this configuration, and say why")
    parser.add_argument("binary")
    args = parser.parse_args(argv)
    if args.skip:
        print("==== SKIPPED %s: %s" % (os.path.basename(args.binary), SKIP_REASONS[args.skip]))
        return 0
    if not args.expect:
        parser.error("--expect or --skip is required")
    env = {k: v for k, v in os.environ.items() if k not in _BAZEL_RESULT_VARS}
    env["GTEST_COLOR"] = "no"
    start = time.monotonic()
    proc = subprocess.Popen([args.binary], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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
    ok, why = classify(args.expect, proc.returncode, text, timed_out, proc.pid)
    sys.stdout.write(text)
    print("\n==== %s: %s (%.2f s)" % ("OK" if ok else "WRONG VERDICT", why, elapsed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
