"""Turns a Verdict into the few lines a learner reads. The full log's path is always printed."""
import os

from ..verdict import Status
from . import advice, gdb
from .gtest import clip
from .tsan import LIFETIME

MAX_ASSERTIONS = 3
MAX_MESSAGE_LINES = 6
MAX_TSAN_GROUPS = 4
MAX_BUILD_LINES = 10


def display_path(path, repo_root):
    """`path` as the learner can type it: relative to the checkout, and a log in Bazel's output
    tree through the checkout's bazel-testlogs link when there is one."""
    if not path or not repo_root:
        return path
    if path.startswith(repo_root + os.sep):
        return os.path.relpath(path, repo_root)
    link = os.path.join(repo_root, "bazel-testlogs")
    target = os.path.realpath(link) if os.path.islink(link) else ""
    if target and path.startswith(target + os.sep):
        return os.path.join("bazel-testlogs", os.path.relpath(path, target))
    return path


def _assertions(gtest, ui):
    lines, shown, last_test = [], 0, None
    for failure in gtest.failures:
        if failure.from_tsan or shown >= MAX_ASSERTIONS:
            continue
        shown += 1
        if failure.test != last_test:
            lines.append("  " + ui.paint(failure.test or "(outside any test)", "bold"))
            last_test = failure.test
        lines.append("    %s:%d" % (os.path.basename(failure.file), failure.line))
        message = failure.message[:MAX_MESSAGE_LINES]
        lines += ["      " + clip(m.rstrip(), 110) for m in message if m.strip()]
        if len(failure.message) > MAX_MESSAGE_LINES:
            lines.append("      …" if ui.unicode else "      ...")
    hidden = len([f for f in gtest.failures if not f.from_tsan]) - shown + gtest.more_failures
    if hidden > 0:
        lines.append("  (%d more failed assertion%s in the full log)" % (
            hidden, "s" if hidden > 1 else ""))
    return lines


def _tsan(tsan, ui):
    if not tsan or not tsan.groups:
        return []
    lines = ["  " + ui.paint("ThreadSanitizer: %d report%s" % (
        tsan.reports, "s" if tsan.reports != 1 else ""), "bold")
        + (" (%d after merging duplicates)" % len(tsan.groups)
           if len(tsan.groups) < tsan.reports else "")]
    hints = []
    # When memory died while a thread used it (tsan.py ranks that first), the races around it
    # are most likely its consequences: only the hints about the dead memory are given.
    lifetime = tsan.groups[0].advice in LIFETIME
    for group in tsan.groups[:MAX_TSAN_GROUPS]:
        times = " [x%d]" % group.count if group.count > 1 else ""
        lines.append("    " + ui.paint(group.lines[0], "red") + times)
        lines.append("    " + group.lines[1])
        if group.hint and group.hint not in hints and (group.advice in LIFETIME or
                                                        not lifetime):
            hints.append(group.hint)
    if len(tsan.groups) > MAX_TSAN_GROUPS:
        lines.append("    (%d more in the full log)" % (len(tsan.groups) - MAX_TSAN_GROUPS))
    lines += ["    " + ui.paint("hint: " + hint, "yellow") for hint in hints]
    return lines


def _hang(verdict, ui, repo_root):
    report = verdict.hang
    if report is None:
        return ["  " + ui.paint("hung: Bazel stopped the test at its time limit", "red")]
    gtest = verdict.gtest
    running = gdb.hung_test(report, gtest.running if gtest else "", gtest.ran if gtest else ())
    during = " (during %s)" % running if running else ""
    if report.still:
        what = ("hung: every thread of %s had been waiting for %.1f s with nothing left to wake "
                "it, so the grader stopped it%s" % (report.binary, report.still, during))
    else:
        what = ("hung: %s ran for %.0f s, past the limit, so the grader stopped it%s"
                % (report.binary, report.seconds, during))
    lines = ["  " + ui.paint(what, "red")]
    sentences, details, note = gdb.hang_account(report)
    lines += ["    " + s for s in sentences]
    if note:
        lines.append("    (" + note + ")")
    for label, frames in details:
        if frames and not frames[0].startswith("("):
            lines.append("  %s: %s" % (label, "  <-  ".join(f for f in frames
                                                           if not f.startswith("("))))
    if report.dump_file:
        lines.append("  all stacks: " + display_path(report.dump_file, repo_root))
    return lines


def render(verdict, ui, repo_root=""):
    """The lines under a failed exercise's progress line, in the order of advice.sections()."""
    return [line for _, _, lines in render_sections(verdict, ui, repo_root) for line in lines]


def render_sections(verdict, ui, repo_root=""):
    """render()'s lines in parts: [(section, advice class, lines)], the sections of
    advice.sections() in its order, between a "head" (runs passed) and a "tail" (the timing
    note, the full log's path), each with class ""."""
    if verdict.status is Status.INTERRUPTED:
        return [("head", "", ["  interrupted"])]
    head = []
    if verdict.runs_total > 1 and verdict.status is not Status.BUILD_ERROR:
        passed = verdict.runs_total - verdict.runs_failed
        head.append("  passed %d of %d runs (%.0f%%)" % (passed, verdict.runs_total,
                                                        100.0 * passed / verdict.runs_total))
    parts = [("head", "", head)]
    gtest = verdict.gtest
    counted = False
    for section, kind in advice.sections(verdict):
        lines = []
        if section == "build":
            return parts + [(section, kind, _build(verdict, ui, repo_root))]
        if section == "hang":
            lines += _hang(verdict, ui, repo_root)
        elif section == "crash":
            lines.append("  " + ui.paint("crashed: " + verdict.crash, "red"))
        if not counted:
            lines += _failed_count(verdict)
            counted = True
        if section == "assertions":
            lines += _assertions(gtest, ui)
        elif section == "tsan":
            lines += _tsan(verdict.tsan, ui)
        parts.append((section, kind, lines))
    tail = [] if counted else _failed_count(verdict)
    # Not for a stub that does nothing yet: its tests fail on results, not on timing.
    if gtest is not None and gtest.timing_failures and not verdict.untouched:
        tail.append("  " + ui.paint("This is about timing or order. See what each thread did: "
                                    "tools/grade timeline %02d" % verdict.exercise.number,
                                    "blue"))
    if verdict.log:
        tail.append("  full log: " + display_path(verdict.log, repo_root))
    return parts + [("tail", "", tail)]


def _build(verdict, ui, repo_root):
    lines = ["  " + ui.paint("does not build:", "red")]
    lines += ["    " + clip(e, 150) for e in verdict.build_errors[:MAX_BUILD_LINES]]
    if not verdict.build_errors:
        lines.append("    (no error line found; see Bazel's output)")
    lines.append("  Bazel's output: " + display_path(verdict.output_file, repo_root))
    return lines


def _failed_count(verdict):
    gtest = verdict.gtest
    if gtest is None or not gtest.failed_tests:
        return []
    return ["  %d of %d tests failed%s" % (len(gtest.failed_tests), len(gtest.ran),
                                           "" if verdict.status is Status.FAILED
                                           else " before that")]
