"""`tools/grade hint`, `reset` and `solution`: help that never costs the learner their code."""
import os
import re
import sys

from . import restore
from .verdicts import check

_HINT = re.compile(r"^##\s*Hint\s+(\d+)\s*$", re.M)
LEVELS = 3


def read_hints(path):
    """{level: text} from HINTS.md's `## Hint 1` .. `## Hint 3` sections."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return {}
    hints, marks = {}, list(_HINT.finditer(text))
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        hints[int(mark.group(1))] = text[mark.end():end].strip()
    return hints


def hint(context):
    ui = context.ui
    if context.args.exercise:
        ex = context.exercise(context.args.exercise)
    else:
        index = context.state.first_unfinished(context.exercises)
        if index >= len(context.exercises):
            ui.say("Every exercise passes: no hint needed. Name one to see its hints anyway.")
            return 0
        ex = context.exercises[index]
    hints = read_hints(ex.hints_file)
    if not hints:
        ui.say("%s has no hints yet (no `## Hint 1` in %s)." % (
            ex.name, os.path.relpath(ex.hints_file, context.repo_root)))
        return 1
    last = max(hints)
    level = min(context.state.hint_level(ex.name) + 1, last)
    while level not in hints and level < last:
        level += 1
    context.state.set_hint_level(ex.name, level)
    context.state.save()
    ui.say(ui.paint("%s, hint %d of %d" % (ex.name, level, last), "bold"))
    ui.say()
    ui.say(hints[level])
    ui.say()
    if level < last:
        ui.say(ui.paint("Still stuck? tools/grade hint %02d shows hint %d." % (ex.number,
                                                                              level + 1), "dim"))
    else:
        ui.say(ui.paint("That was the last hint. Once your tests pass, tools/grade solution "
                        "%02d shows the reference." % ex.number, "dim"))
    return 0


def _confirm(ui, question):
    if not sys.stdin.isatty():
        ui.say("Not asking on a non-interactive input: add --yes to confirm.")
        return False
    try:
        answer = input(question + " [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def reset(context):
    ui, ex = context.ui, context.exercise(context.args.exercise)
    problem = restore.check(context.repo_root, ex)
    if problem:
        ui.say("Cannot reset %s: %s. Your files are untouched." % (ex.name, problem))
        return 1
    if not context.args.yes and not _confirm(
            ui, "Restore %s/ to its stub from git? Your files are backed up first." % ex.package):
        ui.say("Nothing changed.")
        return 1
    backup, restored, kept = restore.backup_and_restore(context.repo_root, ex)
    context.state.exercise(ex.name).update(status="", fingerprint="")
    context.state.save()
    ui.say("Your files are saved in %s" % os.path.relpath(backup, context.repo_root))
    ui.say(ui.paint("%s is back to its stub (restored from git: %s)." % (
        ex.name, ", ".join(restored) or "nothing had changed"), "green"))
    if kept:
        ui.say("Left alone (git does not know them; they are in the backup too): " +
               ", ".join(kept))
    return 0


def solution(context):
    ui, ex = context.ui, context.exercise(context.args.exercise)
    if not context.args.force and not context.state.exercise(ex.name).get("passed_once"):
        verdict = check(context, [ex], hang_limit=context.args.hang_limit)[0]
        if not verdict.passed:
            ui.say("The reference of %s is shown once your tests pass (tools/grade run %02d), "
                   "or with --force." % (ex.name, ex.number))
            return 1
    try:
        names = sorted(n for n in os.listdir(ex.solution_dir)
                       if n != "BUILD" and os.path.isfile(os.path.join(ex.solution_dir, n)))
    except OSError:
        names = []
    if not names:
        ui.say("No reference found in solutions/%s/." % ex.name)
        return 1
    for name in names:
        path = os.path.join(ex.solution_dir, name)
        ui.say(ui.paint("==> solutions/%s/%s <==" % (ex.name, name), "bold"))
        with open(path, encoding="utf-8", errors="replace") as f:
            ui.say(f.read().rstrip("\n"))
        ui.say()
        mine = os.path.join(ex.dir, name)
        if os.path.isfile(mine):
            ui.say(ui.paint("Compare: diff -u exercises/%s/%s solutions/%s/%s" % (
                ex.name, name, ex.name, name), "dim"))
    return 0
