"""Starts Bazel first, before the rest of the grader loads.

For `tools/grade run N` and `tools/grade`, the Bazel command is known from argv, the course and
state.json alone. Starting it right away lets the grader import its parsers, read the state and
hash the learner's files while Bazel works, so a cached run costs little more than a plain
`bazel test` (tests/grader/figures.py measures it). Only light modules are imported here.
verify.verify() takes the started Bazel over only if it would have run exactly that command;
otherwise (or on any error) it is stopped unused.
"""
import course

from . import bazel as bazel_module


class EarlyBazel:
    def __init__(self, targets, extra, proc, args, exercises, state=None):
        self.targets, self.extra, self.proc = list(targets), list(extra), proc
        self.args = args   # argv, parsed as argparse would: it need not even be imported
        # What the plan read, for the grader to use rather than read again.
        self.exercises, self.state = exercises, state

    def take(self, targets, extra):
        """The running Bazel if it runs `targets` with `extra`; else None (and it is stopped)."""
        if self.proc is not None and (list(targets), list(extra)) == (self.targets, self.extra):
            proc, self.proc = self.proc, None
            return proc
        self.discard()
        return None

    def discard(self):
        if self.proc is not None:
            proc, self.proc = self.proc, None
            bazel_module.stop(proc)


class Args:
    """What cli._parser() would make of `tools/grade` and `tools/grade run N`."""

    def __init__(self, command, exercise=None):
        self.command, self.exercise = command, exercise
        self.repeat, self.hang_limit = 1, DEFAULT_HANG_LIMIT
        self.chaos, self.seed = False, None


# Seconds a test binary may run before it counts as hung: a stub must fail within 10 s
# (tests/meta/expect_verdict.py). The default of --hang-limit.
DEFAULT_HANG_LIMIT = 10.0


def _plan(argv, repo_root):
    """(targets, extra flags, Args, exercises, State or None) that `argv` tests first, or None
    if not simply known."""
    if len(argv) == 2 and argv[0] == "run" and not argv[1].startswith("-"):
        exercises = course.discover(repo_root)
        try:
            ex = course.find(exercises, argv[1])
        except course.UnknownExercise:
            return None
        return [ex.test_target], bazel_module.test_flags(), Args("run", argv[1]), exercises, None
    if not argv:
        from .state import State
        exercises, state = course.discover(repo_root), State(repo_root)
        batch = exercises[:state.first_unfinished(exercises) + 1]
        if not batch:
            return None
        return [ex.test_target for ex in batch], bazel_module.test_flags(), Args(None), \
            exercises, state
    return None


def maybe_start(argv, repo_root):
    """An EarlyBazel already running what `argv` asks for first, or None."""
    plan = _plan(argv, repo_root)
    if plan is None:
        return None
    try:
        runner = bazel_module.Bazel(repo_root)
    except bazel_module.BazelNotFound:
        return None
    targets, extra, args, exercises, state = plan
    return EarlyBazel(targets, extra, runner.start("test", targets, extra), args, exercises,
                      state)
