"""Reading what failed, for the learner: gtest, ThreadSanitizer, gdb and compiler output, each
condensed into a few lines (gtest.py, tsan.py, gdb.py, build.py, crash.py, frames.py);
failure.py fills a failed Verdict in from them, and report.py renders it."""
