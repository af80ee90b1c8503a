"""Starts Bazel first, before the rest of the grader loads.

For `tools/grade run N` and `tools/grade`, the Bazel command is known from argv, the course and
state.json alone. Starting it right away lets the grader import its parsers, read the state and
hash the learner's files while Bazel works, so a cached run costs little more than a plain
`bazel test` (tests/grader/figures.py measures it). Only light modules are imported here.
verify.verify() takes the started Bazel over only if it would have run exactly that command;
otherwise (or on any error) it is stopped unused.
"""
from . import bazel as bazel_module
from . import exercises as course


class EarlyBazel:
    def __init__(self, targets, extra, proc):
        self.targets, self.extra, self.proc = list(targets), list(extra), proc

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


def _plan(argv, repo_root):
    """(targets, extra flags) that `argv` will test first, or None if not simply known."""
    if len(argv) == 2 and argv[0] == "run" and not argv[1].startswith("-"):
        try:
            ex = course.find(course.discover(repo_root), argv[1])
        except course.UnknownExercise:
            return None
        return [ex.test_target], bazel_module.test_flags()
    if not argv:
        from .state import State
        exercises = course.discover(repo_root)
        stop = State(repo_root).first_unfinished(exercises)
        batch = exercises[:stop + 1]
        return ([ex.test_target for ex in batch], bazel_module.test_flags()) if batch else None
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
    return EarlyBazel(plan[0], plan[1], runner.start("test", plan[0], plan[1]))
