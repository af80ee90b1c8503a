"""`tools/grade hint`, `reset`, `restore` and `solution`: help that never costs the learner their
code."""
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


def _levels(hints):
    """"1 to 3", or "1, 3" when a level is missing."""
    levels = sorted(hints)
    if levels == list(range(levels[0], levels[-1] + 1)) and len(levels) > 1:
        return "%d to %d" % (levels[0], levels[-1])
    return ", ".join(str(level) for level in levels)


def hint(context):
    """Shows the next hint of an exercise, or the level asked for (again); asks first before the
    last one, which nearly gives the answer, unless the learner has seen it."""
    ui, args = context.ui, context.args
    if args.exercise:
        ex = context.exercise(args.exercise)
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
    last, seen = max(hints), context.state.hint_level(ex.name)
    if args.level is not None:
        if args.level not in hints:
            sys.stderr.write("tools/grade hint: %s has hints %s; there is no hint %d.\n" % (
                ex.name, _levels(hints), args.level))
            return 2
        level = args.level
    else:
        level = min(seen + 1, last)
        while level not in hints and level < last:
            level += 1
    if level == last and seen < last and len(hints) > 1 and not args.yes:
        ui.say(ui.paint("%s: hint %d of %d is the last one, and it nearly gives the answer." % (
            ex.name, level, last), "yellow"))
        answer = _confirm(ui, "Show it?")
        if not answer:
            ui.say("Not shown." if answer is not None else
                   "Not shown: no terminal to confirm on. tools/grade hint %02d %d --yes shows it."
                   % (ex.number, level))
            return 1
    context.state.saw_hint(ex.name, level)
    context.state.save()
    seen = context.state.hint_level(ex.name)
    which = "" if args.exercise else (
        " (your first unfinished exercise; tools/grade hint N for another)")
    ui.say(ui.paint("%s, hint %d of %d%s" % (ex.name, level, last, which), "bold"))
    ui.say()
    ui.say(hints[level])
    ui.say()
    if level == last:
        ui.say(ui.paint("That was the last hint. Once your tests pass, tools/grade solution "
                        "%02d shows the reference." % ex.number, "dim"))
    elif seen < last:
        ui.say(ui.paint("Still stuck? tools/grade hint %02d shows hint %d." % (
            ex.number, min(seen + 1, last)), "dim"))
    else:
        ui.say(ui.paint("tools/grade hint %02d K shows hint K again (%s)." % (
            ex.number, _levels(hints)), "dim"))
    return 0


def _confirm(ui, question):
    """True if the learner answers yes on a terminal, False if not, None if there is no
    terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    try:
        answer = input(question + " [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _go_ahead(context, ex, command, question):
    """Whether to change the learner's files: --yes, or a yes on the terminal."""
    if context.args.yes:
        return True
    answer = _confirm(context.ui, question)
    if answer is None:
        context.ui.say("No terminal to confirm on: tools/grade %s %02d --yes does it. Nothing "
                       "changed." % (command, ex.number))
    elif not answer:
        context.ui.say("Nothing changed.")
    return bool(answer)


def _list(ui, ex, heading, differ, others, others_heading):
    """Says which files of the exercise a reset or restore writes, and which it leaves."""
    ui.say(heading)
    for rel in differ:
        gone = not os.path.lexists(os.path.join(ex.dir, rel))
        ui.say("  " + rel + ("  (deleted: comes back)" if gone else ""))
    if others:
        ui.say("%s: %s" % (others_heading, ", ".join(others)))


def _these(differ):
    return "these %d files" % len(differ) if len(differ) > 1 else differ[0]


def _back_up_and_write(context, ex, files):
    """Backs up the exercise's files, writes `files` over them and forgets its last verdict;
    returns where the backup is, as the learner can type it."""
    backup, _ = restore.backup_and_write(context.repo_root, ex, files)
    context.state.exercise(ex.name).update(status="", fingerprint="")
    context.state.save()
    return os.path.relpath(backup, context.repo_root)


def reset(context):
    """Restores an exercise's stub from git, after listing the files and backing them up."""
    ui, ex = context.ui, context.exercise(context.args.exercise)
    problem = restore.check(context.repo_root, ex)
    if problem:
        ui.say("Cannot reset %s: %s. Your files are untouched." % (ex.name, problem))
        return 1
    files = restore.stub(context.repo_root, ex)
    differ, others = restore.differences(ex, files)
    if not differ:
        ui.say("%s is already its stub from git: nothing to reset, no backup made." % ex.name)
        return 0
    _list(ui, ex, "tools/grade reset %02d restores from git:" % ex.number, differ, others,
          "Left alone (git does not know them)")
    if not _go_ahead(context, ex, "reset", "Restore %s to the stub? Your files are backed up "
                     "first." % _these(differ)):
        return 1
    ui.say("Your files are saved in %s" % _back_up_and_write(context, ex, files))
    ui.say(ui.paint("%s is back to its stub." % ex.name, "green"))
    ui.say(ui.paint("Changed your mind? tools/grade restore %02d brings your files back." %
                    ex.number, "dim"))
    return 0


def restore_backup(context):
    """Brings back an exercise's latest backup, after backing up its files as they are now."""
    ui, ex = context.ui, context.exercise(context.args.exercise)
    backup = restore.latest_backup(context.repo_root, ex)
    if backup is None:
        ui.say("No backup of %s in .kata/backups/ to restore (tools/grade reset %02d makes one)."
               % (ex.name, ex.number))
        return 1
    shown = os.path.relpath(backup, context.repo_root)
    files = restore.backup_files(backup)
    differ, others = restore.differences(ex, files)
    if not differ:
        ui.say("%s already matches its latest backup, %s: nothing to restore, no backup made."
               % (ex.name, shown))
        return 0
    _list(ui, ex, "tools/grade restore %02d brings back from %s:" % (ex.number, shown), differ,
          others, "Left alone (not in that backup)")
    if not _go_ahead(context, ex, "restore", "Replace %s with the backup? Your current files "
                     "are backed up first." % _these(differ)):
        return 1
    ui.say("Your current files are saved in %s" % _back_up_and_write(context, ex, files))
    ui.say(ui.paint("%s is back as it was in %s." % (ex.name, shown), "green"))
    ui.say(ui.paint("Undo: tools/grade restore %02d again brings back the files just saved." %
                    ex.number, "dim"))
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
