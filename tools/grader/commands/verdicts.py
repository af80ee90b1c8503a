"""What the commands that test do alike: test exercises and diagnose each failure, record the
verdicts in .kata/state.json, and print a verdict's line with its report under it."""
from ..diagnose import failure, report
from ..run import direct, verify


def check(context, exercises, **options):
    """Tests `exercises` (verify.verify's options), diagnoses every failure, records the
    verdicts; returns them in order."""
    verdicts = verify.verify(context.repo_root, context.bazel, exercises, context.ui,
                             **options)
    for verdict in verdicts:
        if not verdict.passed:
            ex = verdict.exercise
            failure.explain(verdict, lambda test: direct.rerun_under_gdb(context.bazel, ex, test))
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
        for line in report.render(verdict, ui, context.repo_root):
            ui.say(line)
