"""What the commands that test do alike: test exercises and diagnose each failure, record the
verdicts in .kata/state.json, and print a verdict's line with its report under it."""
import os

from ..diagnose import failure, report
from ..run import direct, verify
from ..verdict import Status
from . import restore


def check(context, exercises, **options):
    """Tests `exercises` (verify.verify's options), diagnoses every failure, records the
    verdicts; returns them in order."""
    verdicts = verify.verify(context.repo_root, context.bazel, exercises, context.ui,
                             **options)
    for verdict in verdicts:
        if not verdict.passed:
            ex = verdict.exercise
            failure.explain(verdict, lambda test: direct.rerun_under_gdb(context.bazel, ex, test))
            if verdict.status is not Status.INTERRUPTED:
                verdict.untouched = restore.untouched(context.repo_root, ex)
        context.state.record(verdict)
    context.state.save()
    return verdicts


def show(context, verdict):
    """Prints `verdict`'s line ("[1/6] 01_greeter ✓ passed"), and its report if it failed."""
    ui, ex, total = context.ui, verdict.exercise, len(context.exercises)
    mark = ui.paint(ui.ok, "green") if verdict.passed else ui.paint(ui.fail, "red")
    extra = " (cached)" if verdict.cached and verdict.passed else ""
    ui.say("[%d/%d] %s %s %s%s" % (context.exercises.index(ex) + 1, total, ex.name, mark,
                                  ui.paint(verdict.status.words,
                                           "dim" if verdict.passed else "bold"), extra))
    if not verdict.passed:
        if verdict.untouched:
            for line in first_steps(ex):
                ui.say(ui.paint(line, "blue"))
        for line in report.render(verdict, ui, context.repo_root):
            ui.say(line)


def files_to_edit(ex):
    """The exercise's files with `TODO:` markers, relative to the checkout (its first source
    file if none has one)."""
    marked = []
    for name in ex.srcs:
        try:
            with open(os.path.join(ex.dir, name), encoding="utf-8", errors="replace") as f:
                if "TODO:" in f.read():
                    marked.append(name)
        except OSError:
            pass
    return [os.path.join(ex.package, name) for name in marked or ex.srcs[:1]]


def first_steps(ex):
    """What to do first in an exercise not started yet: the stub fails by design."""
    readme = os.path.join(ex.package, "README.md")
    edit = " and ".join(files_to_edit(ex)) or ex.package + "/"
    return ["  Not started yet: the stub fails by design. Start here:",
            "    1. read %s (the idea, the task, what the tests check)" % readme,
            "    2. edit %s where it says TODO:" % edit,
            "    3. run tools/grade again, or tools/grade watch to re-run on every save"]
