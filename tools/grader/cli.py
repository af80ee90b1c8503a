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
from .run.hang import HANG_LIMIT, STILL_SECONDS
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


def positive_seconds(text):
    """--hang-limit's type: a number of seconds above 0 (0 would call every run hung)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected seconds, such as 10, got %r" % text) from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError("needs more than 0 seconds, got %s" % text)
    return value


def positive_count(text):
    """--repeat's type: a whole number of runs, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number of runs, got %r" % text) from None
    if value < 1:
        raise argparse.ArgumentTypeError("needs at least 1 run, got %s" % text)
    return value


def argument_parser():
    parser = argparse.ArgumentParser(
        prog="tools/grade", description="Checks your solutions to the threading kata, in order.",
        epilog="With no command, tools/grade verifies from the first unfinished exercise and "
               "stops at the first failure. N is an exercise number or name: 1, 01, 01_greeter.")
    commands = parser.add_subparsers(dest="command", metavar="command", prog="tools/grade")

    def hang_limit(sub, default=argparse.SUPPRESS):
        # Given once, before or after the command: a subcommand sets it only when it is given,
        # so its default cannot overwrite `tools/grade --hang-limit 5 run 1`.
        sub.add_argument("--hang-limit", type=positive_seconds, default=default, metavar="S",
                         help="seconds a test binary may run even while it is busy "
                              "(default: %g); one whose threads all wait with nothing to "
                              "wake them is stopped after %g s" % (HANG_LIMIT, STILL_SECONDS))

    def add(name, help_text):
        return commands.add_parser(name, help=help_text, description=help_text)

    sub = add("list", "show every exercise and its last result")
    sub.add_argument("--check", action="store_true", help="run every exercise's tests first")
    sub = add("run", "run one exercise's tests")
    sub.add_argument("exercise")
    sub.add_argument("--repeat", type=positive_count, default=1, metavar="K",
                     help="run the tests K times and report the pass rate")
    sub.add_argument("--chaos", action="store_true",
                     help="chaos mode: spurious wakeups and random pauses, from a printed seed")
    sub.add_argument("--seed", type=int, default=None, metavar="S",
                     help="with --chaos: replay the run whose seed was S")
    hang_limit(sub)
    sub = add("hint", "show the next hint for an exercise, or hint LEVEL again")
    sub.description = (
        "Shows the next hint of exercise N (without N: of your first unfinished exercise), or "
        "hint LEVEL again. The last hint nearly gives the answer: before showing it the first "
        "time, tools/grade asks on the terminal (--yes skips the question).")
    sub.add_argument("exercise", nargs="?", help="default: your first unfinished exercise")
    sub.add_argument("level", nargs="?", type=int, metavar="LEVEL",
                     help="show this hint (1 to 3) again, or now")
    sub.add_argument("--yes", action="store_true", help="show the last hint without asking")
    sub = add("reset", "restore an exercise's stub from git (your files are backed up first)")
    sub.description = (
        "Lists the files of exercise N that differ from git's stub, asks, backs them up in "
        ".kata/backups/, then restores the stub. Files git does not know are left alone. "
        "tools/grade restore N undoes it.")
    sub.add_argument("exercise")
    sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sub = add("restore", "bring back an exercise's latest backup (undoes a reset)")
    sub.description = (
        "Lists the files of exercise N that its latest backup in .kata/backups/ would bring "
        "back, asks, backs up the current files (so restore can be undone too), then restores.")
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
    "restore": learn.restore_backup,
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
