"""`tools/grade`, `tools/grade list`, `tools/grade run N` and `tools/grade watch`."""
import argparse
import contextlib
import sys

from ..verdict import Status
from . import changes, learn
from .verdicts import check, show


def grade(context):
    """Verifies from the first unfinished exercise and stops at the first failure."""
    ui, all_ex = context.ui, context.exercises
    if not all_ex:
        ui.say("No exercises found under exercises/.")
        return 1
    limit = context.args.hang_limit
    start, passed = 0, 0
    while start < len(all_ex):
        stop = context.state.first_unfinished(all_ex, start)
        # Re-verify what the state says passed (cached, so quick) together with the next one.
        batch = all_ex[start:stop + 1]
        for verdict in check(context, batch, hang_limit=limit):
            part = verdict.exercise.part
            if part is not None and verdict.exercise.number == part.first and passed:
                ui.say(ui.paint(part.title, "bold"))   # on into the next part
            show(context, verdict)
            if not verdict.passed:
                ui.say(ui.bar(passed, len(all_ex), width=len(all_ex)))
                ui.say("Next: fix %s, then run tools/grade again (or tools/grade watch)."
                       % verdict.exercise.name)
                return 1
            passed += 1
        start = stop + 1
    ui.say(ui.bar(passed, len(all_ex), width=len(all_ex)))
    ui.say(ui.paint("All %d exercises pass. Well done!" % len(all_ex), "green", "bold"))
    ui.say("Try tools/grade run N --repeat 20 on the racy ones: passing once is not proof.")
    return 0


def run(context):
    ex = context.exercise(context.args.exercise)
    if context.args.repeat < 1:
        context.ui.say("--repeat needs a positive number of runs")
        return 2
    chaos, seed = context.args.chaos, context.args.seed
    if seed is not None and (not chaos or seed < 0):
        context.ui.say("--seed replays a chaos run: give it with --chaos, as a number >= 0")
        return 2
    verdict = check(context, [ex], repeat=context.args.repeat,
                    hang_limit=context.args.hang_limit, chaos=chaos, seed=seed)[0]
    show(context, verdict)
    if verdict.passed and verdict.runs_total > 1:
        context.ui.say("  passed all %d runs" % verdict.runs_total)
    if chaos and not verdict.passed:
        for found in chaos_seeds(verdict.log):
            context.ui.say("  chaos seed %d: replay with tools/grade run %s --chaos --seed %d" % (
                found, ex.name, found))
    return 0 if verdict.passed else 1


def chaos_seeds(log_path):
    """The chaos seeds printed in a test log (tests/support/interpose.cc), in order, once each."""
    seeds = []
    try:
        with open(log_path, errors="replace") as f:
            for line in f:
                if line.startswith("kata chaos: seed="):
                    seed = int(line.split("=", 1)[1].split()[0])
                    if seed not in seeds:
                        seeds.append(seed)
    except (OSError, ValueError):
        pass
    return seeds


def list_exercises(context):
    ui, state = context.ui, context.state
    verdicts = {}
    if context.args.check and context.exercises:
        for v in check(context, context.exercises):
            verdicts[v.exercise.name] = v
    ui.say(ui.paint("  #  exercise               status               hints", "bold"))
    part = None
    for ex in context.exercises:
        if ex.part != part and ex.part is not None:
            ui.say(ui.paint(ex.part.title, "bold"))
        part = ex.part
        status = state.status(ex.name)
        word = status.words if status else "not run yet"
        mark = (ui.todo if status is None else ui.paint(ui.ok, "green")
                if status is Status.PASSED else ui.paint(ui.fail, "red"))
        if status and state.exercise(ex.name).get("fingerprint") != ex.fingerprint():
            word += " (edited since)"
        hints = "%d/3" % state.hint_level(ex.name) if state.hint_level(ex.name) else ""
        ui.say(" %02d  %-22s %s %-18s %s" % (ex.number, ex.title[:22], mark, word, hints))
    done = sum(1 for ex in context.exercises if state.status(ex.name) is Status.PASSED)
    ui.say(ui.bar(done, len(context.exercises), width=len(context.exercises)))
    if context.args.check:
        return 0 if all(v.passed for v in verdicts.values()) else 1
    return 0


WATCH_KEYS = "keys: h next hint, l list exercises, r re-run, q quit"


def watch(context):
    """Re-runs the current exercise whenever one of its files changes; moves on when it passes.
    On a terminal, keys act at once: h, l, r and q (WATCH_KEYS)."""
    ui, exercises = context.ui, context.exercises
    if context.args.exercise:
        index = exercises.index(context.exercise(context.args.exercise))
    else:
        index = context.state.first_unfinished(exercises)
    if index >= len(exercises):
        ui.say(ui.paint("Every exercise already passes. Nothing to watch.", "green"))
        return 0
    seen, run_now = None, True   # seen: the files as the last wait left them
    while index < len(exercises):
        ex = exercises[index]
        if run_now:
            verdict = check(context, [ex], hang_limit=context.args.hang_limit)[0]
            show(context, verdict)
            if verdict.passed:
                index, seen = index + 1, None
                if index < len(exercises):
                    ui.say(ui.paint("%s passes. On to %s." % (ex.name, exercises[index].name),
                                    "green"))
                continue
            _say_watching(ui, ex)
        with changes.keys_from(sys.stdin) as keys:
            event = changes.wait_for_change(ex, keys=keys, before=seen)
        seen, run_now = event.seen, True
        if event.file:
            ui.say(ui.paint("changed: %s; re-running" % event.file, "dim"))
        elif event.key == "r":
            ui.say(ui.paint("re-running", "dim"))
        elif event.key == "q":
            ui.say("Stopped watching.")
            return 0
        elif event.key in ("h", "l"):
            ui.say()
            if event.key == "h":
                _show_hint(context, ex)
            else:
                _list(context)
            _say_watching(ui, ex)
            run_now = False
        else:
            run_now = False   # a key that means nothing here
    ui.say(ui.paint("All %d exercises pass. Well done!" % len(exercises), "green", "bold"))
    return 0


def _say_watching(ui, ex):
    ui.say(ui.paint("Watching %s/ for changes (Ctrl+C to stop)..." % ex.package, "dim"))
    if changes.is_keyboard(sys.stdin):
        ui.say(ui.paint(WATCH_KEYS, "dim"))


@contextlib.contextmanager
def _arguments(context, **values):
    """The context with these command-line arguments, for another command run from watch."""
    saved = context.args
    context.args = argparse.Namespace(**dict(vars(saved), **values))
    try:
        yield context
    finally:
        context.args = saved


def _show_hint(context, ex):
    """`tools/grade hint` for `ex` (its one call from watch)."""
    with _arguments(context, exercise=ex.name, level=None, yes=False):
        return learn.hint(context)


def _list(context):
    """`tools/grade list`."""
    with _arguments(context, check=False):
        return list_exercises(context)
