"""`tools/grade timeline N`: builds the exercise's test with the thread layer linked in
(--config=trace, tests/support/interpose.cc), runs it once with tracing on (KATA_TRACE), then
draws each test's threads. The trace stays in .kata/traces/NN_name.trace. The next `bazel test`
links the normal test binary again: only the link step differs."""
import os
import shutil
import subprocess
import sys

from ..diagnose import gdb, gtest, report
from ..run import direct, hang
from ..state import kata_dir
from ..timeline import draw, model, symbols
from ..ui import Waiting
from ..verdict import Status
from .verdicts import check, show

MAX_WINDOWS = 3
TRACE_FLAGS = ["--config=trace"]
# Debian's librsvg2-bin draws SVG as PNG; tools/setup installs it.
RSVG = "rsvg-convert"
NO_RSVG = "rsvg-convert not found: install librsvg2-bin (tools/setup)"
PNG_ZOOM = 1.5   # pixels of the PNG per unit of the SVG: sharp on today's screens


def to_png(svg_file, png_file):
    """Renders `svg_file` as `png_file`; "" when done, else what went wrong, in one line."""
    try:
        done = subprocess.run([RSVG, "--zoom", str(PNG_ZOOM), "-o", png_file, svg_file],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              timeout=60)
    except FileNotFoundError:
        return NO_RSVG
    except (OSError, subprocess.SubprocessError) as error:
        return "rsvg-convert failed: %s" % error
    if done.returncode != 0:
        why = done.stderr.strip().splitlines() or ["exit code %d" % done.returncode]
        return "rsvg-convert failed: " + why[0]
    return ""


def _choose(windows, log, wanted):
    """The windows to draw: those asked for, else failed ones about timing or order first."""
    if wanted:
        return [w for w in windows if wanted in w.test]
    failed, timing = set(log.failed_tests), {f.test for f in log.timing_failures}

    def score(window):
        marks = sum(len(lane.marks) for lane in window.lanes)
        return (window.test in failed, window.test in timing, len(window.lanes) > 1, marks > 0)
    ranked = sorted(windows, key=score, reverse=True)[:MAX_WINDOWS]
    return [w for w in windows if w in ranked]


def _traced_run(context, ex, trace_file, log_file):
    """Runs the test binary directly with KATA_TRACE set; returns (exit code, HangReports)."""
    argv = [direct.binary(context.bazel, ex)]
    if context.args.test:
        argv.append("--gtest_filter=*%s*" % context.args.test)
    with open(log_file, "w") as log:
        proc = direct.start(argv, ex.package, {"KATA_TRACE": trace_file}, stdout=log,
                            stderr=subprocess.STDOUT)
        watchdog = hang.Watchdog([ex.test_name], context.args.hang_limit, root=lambda: proc.pid,
                                 dump_dir=os.path.dirname(log_file))
        watchdog.start()
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            proc.kill()
            proc.wait()
            raise
        finally:
            watchdog.stop()
    return code, watchdog.reports


def timeline(context):
    ui, ex = context.ui, context.exercise(context.args.exercise)
    if context.args.png and not shutil.which(RSVG):
        sys.stderr.write(NO_RSVG + "\n")
        return 2
    # `bazel test` (not `build`): same options as grading, so Bazel keeps its analysis cache.
    verdict = check(context, [ex], hang_limit=context.args.hang_limit)[0]
    if verdict.status is Status.BUILD_ERROR:
        show(context, verdict)
        return 1
    trace_file = os.path.join(kata_dir(context.repo_root, "traces"), ex.name + ".trace")
    log_file = os.path.join(kata_dir(context.repo_root, "logs"), "timeline-%s.log" % ex.name)
    build_log = os.path.join(kata_dir(context.repo_root, "logs"), "timeline-build-%s.txt" % ex.name)
    with Waiting(ui, "linking %s with thread tracing (--config=trace)" % ex.test_name) as waiting:
        built = context.bazel.run("build", [ex.test_target], TRACE_FLAGS,
                                  os.path.join(kata_dir(context.repo_root, "logs"),
                                               "timeline-build-%s.events.json" % ex.name),
                                  build_log, on_line=waiting.line)
    if built.exit_code != "SUCCESS":
        ui.say("Could not build the traced test binary; Bazel's output: %s" %
               report.display_path(build_log, context.repo_root))
        return 1
    if os.path.exists(trace_file):
        os.unlink(trace_file)
    ui.status("  running %s with tracing on..." % ex.test_name)
    code, hangs = _traced_run(context, ex, trace_file, log_file)
    ui.clear_status()
    log = gtest.parse_file(log_file)
    try:
        with open(trace_file, encoding="utf-8", errors="replace") as f:
            trace = model.parse(f)
    except OSError:
        ui.say("No trace was written (%s). Is tests/support up to date? Test output: %s" % (
            trace_file, os.path.relpath(log_file, context.repo_root)))
        return 1
    addresses = {a for event in trace.events for a in event.stack}
    learner = [ex.package + "/" + f for f in ex.srcs + ex.declaration.get("hdrs", [])]
    model.attribute(trace, symbols.source_files(direct.binary(context.bazel, ex), addresses),
                    learner)
    windows = model.windows(trace)
    chosen = _choose(windows, log, context.args.test)
    if not chosen:
        ui.say("No test matches %r. Tests in this run: %s" % (
            context.args.test, ", ".join(w.test for w in windows)))
        return 2
    outcome = "exit code %d" % code if code >= 0 else "killed"
    ui.say(ui.paint("Traced run of %s: %d tests, %d failed (%s)" % (
        ex.test_name, len(log.ran), len(log.failed_tests), outcome), "bold"))
    for hung in hangs:
        ui.say("  hung, so stopped: " + "; ".join(gdb.hang_account(hung)[0][:3]))
    columns = shutil.get_terminal_size((100, 24)).columns
    for window in chosen:
        ui.say()
        width = context.args.width or draw.plot_width(window, columns)
        for line in draw.ascii_window(window, width=width, unicode=ui.unicode):
            ui.say(line)
    others = [w.test for w in windows if w not in chosen]
    if others:
        ui.say()
        ui.say(ui.paint("Other tests (--test NAME to draw one): " + ", ".join(others), "dim"))
    svg_file = context.args.svg or (os.path.splitext(context.args.png)[0] + ".svg"
                                    if context.args.png else "")
    if svg_file:
        try:
            with open(svg_file, "w", encoding="utf-8") as f:
                f.write(draw.svg(chosen))
        except OSError as error:
            ui.say("Could not write the SVG: %s" % error)
            return 1
        ui.say("SVG written to %s" % svg_file)
    if context.args.png:
        failed = to_png(svg_file, context.args.png)
        if failed:
            ui.say(failed)
            return 1
        ui.say("PNG written to %s" % context.args.png)
    ui.say("trace: %s   test output: %s" % (report.display_path(trace_file, context.repo_root),
                                             report.display_path(log_file, context.repo_root)))
    return 0
