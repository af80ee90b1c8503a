"""Reading what failed, for the learner: gtest, ThreadSanitizer, gdb and compiler output, each
condensed into a few lines (gtest.py, tsan.py, gdb.py, build.py, crash.py, frames.py);
failure.py fills a failed Verdict in from them, and report.py renders it.

Advice is checked, not hoped for: advice.py names the class of the first advice a report gives
(a test's own message, a data race, a dead local, a use after free, a lock-order inversion, a
joinable thread destroyed, a crash, a hang, ...), and report.py writes its sections in the order
advice.sections() gives. tests/grader/diagnosis_test.py holds a table {exercise: {stub or mutant:
class}} over the whole course, judged on a test.log and test.xml recorded from a real run of each
(tests/grader/fixtures/diagnosis/, re-recorded by tests/grader/record_diagnosis_fixtures.py): a
mutant without a row fails it, and each row also checks that the report says nothing known to be
wrong for its class (no "same mutex" for a dead local, no detach() in exercise 01)."""
