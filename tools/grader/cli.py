"""tools/grade: the learner's companion. `tools/grade --help` lists the commands.

Exit codes: 0 when everything asked for passed; 1 when an exercise fails (or a request is
refused); 2 for usage errors, an unknown exercise, or no bazel; 130 on Ctrl+C.
"""
import argparse
import os
import sys
import traceback

import bazel_runner
import course

from .commands import grade, learn, timeline
from .run.hang import HANG_LIMIT
from .state import State
from .ui import Ui

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Context:
    """What every command needs; Bazel and the state are looked up only by commands that use
    them."""

    def __init__(self, repo_root, args):
        self.repo_root = repo_root
        self.args = args
        self.ui = Ui()
        self.exercises = course.discover(repo_root)
        self._state = None
        self._bazel = None

    @property
    def state(self):
        if self._state is None:
            self._state = State(self.repo_root)
        return self._state

    @property
    def bazel(self):
        if self._bazel is None:
            self._bazel = bazel_runner.Bazel(self.repo_root)
        return self._bazel

    def exercise(self, key):
        return course.find(self.exercises, key)


def argument_parser():
    parser = argparse.ArgumentParser(
        prog="tools/grade", description="Checks your solutions to the threading kata, in order.",
        epilog="With no command, tools/grade verifies from the first unfinished exercise and "
               "stops at the first failure. N is an exercise number or name: 1, 01, 01_greeter.")
    commands = parser.add_subparsers(dest="command", metavar="command", prog="tools/grade")

    def hang_limit(sub, default=argparse.SUPPRESS):
        # Given once, before or after the command: a subcommand sets it only when it is given,
        # so its default cannot overwrite `tools/grade --hang-limit 5 run 1`.
        sub.add_argument("--hang-limit", type=float, default=default, metavar="S",
                         help="seconds a test binary may run before it counts as hung "
                              "(default: %g)" % HANG_LIMIT)

    def add(name, help_text):
        return commands.add_parser(name, help=help_text, description=help_text)

    sub = add("list", "show every exercise and its last result")
    sub.add_argument("--check", action="store_true", help="run every exercise's tests first")
    sub = add("run", "run one exercise's tests")
    sub.add_argument("exercise")
    sub.add_argument("--repeat", type=int, default=1, metavar="K",
                     help="run the tests K times and report the pass rate")
    sub.add_argument("--chaos", action="store_true",
                     help="chaos mode: spurious wakeups and random pauses, from a printed seed")
    sub.add_argument("--seed", type=int, default=None, metavar="S",
                     help="with --chaos: replay the run whose seed was S")
    hang_limit(sub)
    sub = add("hint", "show the next hint for an exercise")
    sub.add_argument("exercise", nargs="?")
    sub = add("reset", "restore an exercise's stub from git (your files are backed up first)")
    sub.add_argument("exercise")
    sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sub = add("solution", "show the reference solution of an exercise you have passed")
    sub.add_argument("exercise")
    sub.add_argument("--force", action="store_true", help="show it even if you have not passed")
    sub = add("watch", "re-run the current exercise on every save; move on when it passes")
    sub.add_argument("exercise", nargs="?")
    hang_limit(sub)
    sub = add("timeline", "draw what each thread did in a traced run of an exercise's tests")
    sub.add_argument("exercise")
    sub.add_argument("--test", default="", help="only tests whose name contains this")
    sub.add_argument("--svg", default="", metavar="FILE", help="also write an SVG picture")
    sub.add_argument("--png", default="", metavar="FILE",
                     help="also write a PNG picture (and the SVG next to it; needs rsvg-convert)")
    sub.add_argument("--width", type=int, default=0, help="columns of the drawing")
    hang_limit(sub)
    hang_limit(parser, HANG_LIMIT)
    return parser


# command -> the function that does it
HANDLERS = {
    None: grade.grade,
    "list": grade.list_exercises,
    "run": grade.run,
    "watch": grade.watch,
    "hint": learn.hint,
    "reset": learn.reset,
    "solution": learn.solution,
    "timeline": timeline.timeline,
}


def main(argv=None, repo_root=REPO_ROOT):
    argv = sys.argv[1:] if argv is None else list(argv)
    context = None
    try:
        args = argument_parser().parse_args(argv)
        context = Context(repo_root, args)
        return HANDLERS[args.command](context)
    except course.UnknownExercise as error:
        sys.stderr.write("tools/grade: unknown exercise %r. The exercises are:\n%s\n" % (
            error.key, "\n".join("  " + n for n in error.names) or "  (none yet)"))
        return 2
    except bazel_runner.BazelNotFound:
        sys.stderr.write("bazel not found: run tools/setup first\n")
        return 2
    except KeyboardInterrupt:
        if context is not None:
            context.ui.clear_status()
        sys.stderr.write("\ninterrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception:  # a bug in the grader: keep the details, show one line
        path = os.path.join(repo_root, ".kata", "logs", "grader-error.txt")
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                traceback.print_exc(file=f)
        except OSError:
            path = "(could not be saved)"
        sys.stderr.write("tools/grade: internal error: %s\n  details: %s\n" % (
            sys.exc_info()[1], path))
        return 1
