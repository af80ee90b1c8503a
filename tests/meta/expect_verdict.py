"""Runs one kata test binary and checks the *way* it ends.

    expect_verdict.py --expect=fail path/to/greeter_test    # stub or mutant
    expect_verdict.py --expect=pass path/to/greeter_test    # reference

A stub or mutant must be rejected by a GoogleTest assertion (a ThreadSanitizer report counts:
the tests' main turns it into one). Rejection by a crash, a hang or std::terminate does not
count: the learner would see a stack dump or a timeout instead of a message that teaches.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

DEADLINE_S = 10.0
# Variables that make a GoogleTest binary write into *this* test's result files.
_BAZEL_RESULT_VARS = ("XML_OUTPUT_FILE", "TEST_PREMATURE_EXIT_FILE", "TEST_WARNINGS_OUTPUT_FILE",
                      "TEST_SHARD_STATUS_FILE", "TEST_TOTAL_SHARDS", "TEST_SHARD_INDEX",
                      "TEST_UNDECLARED_OUTPUTS_DIR", "GTEST_OUTPUT")


def classify(expect, returncode, output, timed_out):
    """Returns (ok, one-line explanation)."""
    failed = sorted(set(re.findall(r"^\[  FAILED  \] (\S+\.\S+)(?: \(|,|$)", output, re.M)))
    tsan = "ThreadSanitizer:" in output
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
    return True, "rejected by %d test(s)%s: %s" % (
        len(failed), " and a TSan report" if tsan else "", ", ".join(failed))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--expect", choices=("pass", "fail"), required=True)
    parser.add_argument("binary")
    args = parser.parse_args(argv)
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
    ok, why = classify(args.expect, proc.returncode, text, timed_out)
    sys.stdout.write(text)
    print("\n==== %s: %s (%.2f s)" % ("OK" if ok else "WRONG VERDICT", why, elapsed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
