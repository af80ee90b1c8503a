"""The learner's grader, tools/grade (Python 3 standard library only).

    cli.py       the command line: parses it, then hands a Context to a command
    commands/    what each command does (grade, list, run, watch, hint, reset, solution,
                 timeline), printed for the learner
    run/         running the tests: Bazel through tools/bazel_runner.py, the hang watchdog, a
                 test binary run directly; each exercise's Verdict
    diagnose/    reading what failed: gtest, TSan, gdb and compiler output condensed into the
                 few lines a learner reads
    timeline/    thread traces: what each thread did, drawn as text or SVG
    verdict.py, state.py, ui.py   the model they share: verdicts, the learner's progress in
                 .kata/, and how the grader prints; the course itself is tools/course.py

Dependencies run one way: cli -> commands -> run, diagnose, timeline -> the shared model.
"""
