"""Tests that the grader's first advice names the right bug, for the stub and every mutant of the
course, on test logs recorded from real runs (fixtures/diagnosis/, made by
record_diagnosis_fixtures.py; fixtures/README.md).

TABLE states, for each exercise, the class of the first advice the failure report must give for
its stub and each of its mutants (diagnose/advice.py lists the classes). A mutant added to the
course without a row here, or a row without a fixture, fails this test: record the new mutant's
fixture (record_diagnosis_fixtures.py NN:mutant) and decide what the learner should be told.
"""
import gzip
import io
import os
import re
import shutil
import tempfile
import unittest

from grader_test_support import FIXTURES, fixture
import bazel_runner
import course
from grader import ui
from grader.diagnose import advice, crash, failure, gtest, report, tsan
from grader.diagnose.frames import Frame, learner_frame
from grader.verdict import Status, Verdict

# The checkout, which the course is read from: under Bazel this file is a runfile, a symlink into
# the source tree (hence its BUILD tags it `external`: it reads files Bazel does not track).
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
DIAGNOSIS = os.path.join(FIXTURES, "diagnosis")

# The first advice each run must get. Most mutants fail a test whose own message names the bug
# ("assertion"); the rest get ThreadSanitizer's or the crash's advice. Rows whose class is not
# "assertion" were each read against the mutant's catalogue row (tests/mutants/NN_name/README.md).
TABLE = {
    "01_greeter": {
        "stub": "assertion",
        "greets_before_done": "assertion",
        "detaches_thread": "assertion",
        "no_pause": "assertion",
        "unguarded_sink": "assertion",
        "done_after_greetings": "assertion",
        "pause_before_line": "assertion",
        "pause_in_microseconds": "assertion",
        "polls_for_pause": "assertion",
        "unguarded_count_read": "data-race",
        "no_flush": "assertion",
        # the lambda's reference to `name` outlives StartGreeter
        "captures_name_by_reference": "dead-local",
        "done_before_checks": "assertion",
        "rejects_zero_times": "assertion",
        "greet_skips_checks": "assertion",
    },
    "02_daemon_exit": {
        "stub": "assertion",
        "joins_daemons": "assertion",
        "detaches_non_daemons": "assertion",
        "returns_from_main": "assertion",
        "exits_without_flush": "assertion",
        "ids_from_one": "assertion",
        "id_read_after_unlock": "data-race",
        "joins_twice": "assertion",
        # the test's data races: a thread started meanwhile is never joined
        "one_pass_join": "race-in-tests",
        "flushes_before_joining": "assertion",
        "exits_with_zero": "assertion",
        "join_holds_lock": "assertion",
        "join_non_daemons_holds_lock": "assertion",
    },
    "03_join_loop": {
        "stub": "assertion",
        "joins_one_by_one": "assertion",
        "joins_only_last": "assertion",
        "completion_order": "assertion",
        "swallows_exceptions": "assertion",
        "detaches_threads": "assertion",
        # chaos: SEGV in a detached thread on RunAll's dead locals
        "detaches_when_a_start_fails": "dead-local",
        "first_thrown_wins": "assertion",
        "skips_first_jobs_error": "assertion",
        "rethrows_at_first_failed_join": "assertion",
        "runs_last_job_on_caller": "assertion",
        "starts_a_helper_thread": "assertion",
        "runs_inline_when_a_start_fails": "assertion",
        "captures_results_by_value": "assertion",
        "serialises_calls": "assertion",
    },
    "04_join_timeout": {
        "stub": "assertion",
        "join_for_ignores_timeout": "assertion",
        "join_for_does_not_wait": "assertion",
        "is_alive_unguarded": "data-race",
        "join_for_busy_waits": "assertion",
        "waits_without_predicate": "assertion",
        "never_notifies": "assertion",
        "notifies_one": "assertion",
        "sets_finished_outside_the_lock": "data-race",
        "runs_fn_under_the_lock": "assertion",
        "timeout_in_whole_seconds": "assertion",
        "join_rethrows_once": "assertion",
        "is_alive_means_joinable": "assertion",
        "joins_twice": "assertion",
    },
    "05_watcher": {
        "stub": "assertion",
        "no_watcher": "assertion",
        "watcher_does_not_stop": "assertion",
        "consumers_do_not_drain": "assertion",
        "join_without_timeout": "assertion",
        "unguarded_size": "data-race",
        "push_without_notify": "assertion",
        "pop_without_notify": "assertion",
        "close_wakes_one_producer": "assertion",
        "push_waits_without_predicate": "assertion",
        "pop_polls": "assertion",
        "pop_does_not_drain": "assertion",
        "close_without_lock": "assertion",
        "grace_restarted_each_turn": "assertion",
        "rate_in_wrong_units": "assertion",
        "still_alive_every_tick": "assertion",
        "pauses_before_first_item": "assertion",
        "exits_with_std_exit": "assertion",
    },
    "06_cpu_attempt": {
        "stub": "assertion",
        "shared_accumulator": "assertion",
        # the detached worker writes into memory Compute freed
        "detaches_last_worker": "use-after-free",
        "never_reaps_children": "assertion",
        "threads_run_one_by_one": "assertion",
        "lock_released_while_computing": "assertion",
        "child_exits_with_exit": "assertion",
        "first_failure_overwritten": "assertion",
        "throws_before_reaping_the_rest": "assertion",
        # chaos: likewise, on the error path
        "detaches_threads_when_a_start_fails": "use-after-free",
        "starts_workers_without_chunks": "assertion",
        "computes_on_caller_with_one_worker": "assertion",
        "contiguous_blocks": "assertion",
        "ignores_exit_status": "assertion",
        "serial_skips_argument_check": "assertion",
        "gil_per_call": "assertion",
        "children_one_at_a_time": "assertion",
    },
    "07_notification": {
        "stub": "assertion",
        "never_notifies": "assertion",
        "notifies_one": "assertion",
        # the race on notified_ comes before the destructor's
        "notifies_without_the_lock": "data-race",
        # Notify touches the Notification its waiter destroyed
        "notifies_after_unlock": "use-after-free",
        "unguarded_has_been_notified": "data-race",  # likewise, the unguarded read
        "waits_without_predicate": "assertion",
        "polls_with_short_sleeps": "assertion",
        "sleeps_holding_the_lock": "assertion",
        "timed_wait_ignores_the_flag": "assertion",
        "timeout_in_whole_seconds": "assertion",
        "nonpositive_timeout_returns_false": "assertion",
        "second_notify_throws": "assertion",
        "ticks_before_waiting": "assertion",
        "ticks_once_more_after_stop": "assertion",
        "sleeps_through_stop": "assertion",
        "polls_for_stop": "assertion",
        "fixed_rate_schedule": "assertion",
    },
    "08_futures": {
        "stub": "assertion",
        "abandon_overwrites_the_value": "assertion",
        "abandon_wakes_no_one": "assertion",
        "callbacks_before_the_value": "assertion",
        "callbacks_in_reverse": "assertion",
        "callbacks_under_the_lock": "assertion",
        "get_polls": "assertion",
        "get_without_predicate": "assertion",
        "is_ready_unguarded": "data-race",
        "late_callback_never_runs": "assertion",
        "notifies_one": "assertion",
        "run_async_hides_start_failure": "assertion",
        "run_async_swallows_the_exception": "assertion",
        "run_async_waits_for_fn": "assertion",
        "second_set_overwrites": "assertion",
        "set_exception_does_not_throw": "assertion",
        "set_without_notify": "assertion",
        "wakes_after_the_callbacks": "assertion",
    },
    "09_atomics": {
        "stub": "assertion",
        "increment_loads_then_stores": "assertion",
        "lock_spins_forever": "assertion",
        "unlock_wakes_no_one": "assertion",
        "lock_takes_relaxed": "race-in-tests",  # the tests' data races: the lock gives no acquire
        # the tests' data races: the unlock gives no release
        "unlock_releases_relaxed": "race-in-tests",
        "try_lock_waits": "assertion",
        "push_publishes_relaxed": "data-race",
        "pop_reads_tail_relaxed": "data-race",
        "push_reads_head_relaxed": "assertion",
        "pop_frees_relaxed": "assertion",
        "full_one_too_late": "assertion",
        "pop_frees_before_reading": "assertion",
    },
    "10_coordination": {
        "stub": "assertion",
        "no_barrier": "assertion",
        "every_worker_swaps": "assertion",
        "swap_by_worker_zero": "assertion",
        "one_generation_too_many": "assertion",
        "band_drops_the_remainder": "assertion",
        "accepts_more_workers_than_rows": "assertion",
        "starts_and_joins_one_by_one": "assertion",
        "start_failure_strands_workers": "assertion",
        "acquire_polls": "assertion",
        "releases_before_fn": "assertion",
        "releases_twice": "assertion",
        "no_release_on_throw": "assertion",
    },
    "11_deadlock": {
        "stub": "assertion",
        # both acquisitions named, learner frames first
        "locks_in_argument_order": "lock-order-inversion",
        "locks_only_the_source": "data-race",
        "checks_before_locking_both": "assertion",
        "no_funds_check": "assertion",
        "refusal_still_credits": "assertion",
        "self_transfer_locks_twice": "assertion",
        "self_transfer_ignores_the_balance": "assertion",
        "negative_amount_accepted": "assertion",
        "checks_the_amount_after_moving": "assertion",
        "total_without_locks": "data-race",
        "total_locks_in_turn": "assertion",
        "unguarded_balance": "data-race",
        "self_transfer_without_the_lock": "data-race",
    },
    "12_thread_pool": {
        "stub": "assertion",
        "submit_without_notify": "assertion",
        "worker_polls": "assertion",
        "one_worker_only": "assertion",
        "runs_task_under_the_lock": "assertion",
        "task_exception_dropped": "assertion",
        "newest_task_first": "assertion",
        "drain_drops_queued": "assertion",
        "cancel_runs_queued": "assertion",
        "stops_before_taking_the_queue": "assertion",
        "cancel_without_stop": "assertion",
        "cancelled_promises_dropped": "assertion",
        "shutdown_notifies_one": "assertion",
        "accepts_after_shutdown": "assertion",
        "destructor_cancels": "assertion",
    },
}

# Advice known to be wrong for a class: the report must not say it.
WRONG = {
    "dead-local": ["same mutex", "make it atomic", "join every thread"],
    "use-after-free": ["same mutex", "make it atomic"],
    "lock-order-inversion": ["same mutex or make it atomic"],
    "joinable-thread-destroyed": ["an exception escaped"],
    "data-race": ["capture it by value"],
    "race-in-tests": ["same mutex"],
}
# Advice known to be wrong in an exercise, whatever the class: detach() is taught in 02.
WRONG_IN = {
    "01_greeter": [re.compile(r"detach\(\) (it|only)|or detach|nor detached|use detach",
                              re.I)],
}

# Bazel ends the log of a test it stopped at its time limit with this line.
_TIMED_OUT = "-- Test timed out at "


def unpack(exercise, run, scratch):
    """The fixture's test.log and test.xml, unpacked into `scratch`: (log, xml), "" if missing."""
    found = []
    for kind in ("log", "xml"):
        packed = os.path.join(DIAGNOSIS, exercise, "%s.%s.gz" % (run, kind))
        if not os.path.isfile(packed):
            found.append("")
            continue
        path = os.path.join(scratch, "%s.%s" % (run, kind))
        with gzip.open(packed, "rb") as f, open(path, "wb") as out:
            shutil.copyfileobj(f, out)
        found.append(path)
    return tuple(found)


def verdict_of(ex, log, xml):
    """The explained Verdict of a failed run, as run/verify.py and diagnose/failure.py make it
    (there is no gdb rerun here: it finds nothing)."""
    verdict = Verdict(exercise=ex, status=Status.FAILED, log=log)
    verdict.xml = xml
    with open(log, encoding="utf-8", errors="replace") as f:
        if any(line.startswith(_TIMED_OUT) for line in f):
            verdict.status = Status.HUNG
    if verdict.status is Status.FAILED and xml:
        found = bazel_runner.read_test_xml(xml)
        verdict.exit_signal = found.exit_signal if found is not None else ""
        if verdict.exit_signal:
            verdict.status = Status.CRASHED
    failure.explain(verdict, lambda test: "")
    return verdict


def runs_of_course():
    """{exercise name: [stub, mutants...]} of the course as it is declared."""
    return {ex.name: ["stub"] + list(ex.declaration.get("mutants", {}))
            for ex in course.discover(ROOT)}


class DiagnosisTableTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.mkdtemp(prefix="diagnosis-test-")
        cls.exercises = {ex.name: ex for ex in course.discover(ROOT)}
        cls.verdicts = {}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.scratch, ignore_errors=True)

    def verdict(self, exercise, run):
        key = (exercise, run)
        if key not in self.verdicts:
            log, xml = unpack(exercise, run, self.scratch)
            self.assertTrue(log, "no fixture for %s %s: run tests/grader/"
                            "record_diagnosis_fixtures.py %s:%s" % (exercise, run, exercise[:2],
                                                                    run))
            self.verdicts[key] = verdict_of(self.exercises[exercise], log, xml)
        return self.verdicts[key]

    def rows(self):
        for exercise, runs in sorted(TABLE.items()):
            for run, expected in runs.items():
                yield exercise, run, expected

    def test_every_stub_and_mutant_of_the_course_has_a_row(self):
        declared = runs_of_course()
        for exercise, runs in declared.items():
            for run in runs:
                with self.subTest(exercise=exercise, run=run):
                    self.assertIn(run, TABLE.get(exercise, {}),
                                  "add a row to diagnosis_test.TABLE for %s %s" % (exercise, run))
        for exercise, run, _ in self.rows():
            with self.subTest(exercise=exercise, run=run):
                self.assertIn(run, declared.get(exercise, []), "a row for no stub or mutant")

    def test_every_row_has_a_fixture_and_a_known_class(self):
        for exercise, run, expected in self.rows():
            with self.subTest(exercise=exercise, run=run):
                self.assertIn(expected, advice.CLASSES)
                self.assertTrue(os.path.isfile(os.path.join(DIAGNOSIS, exercise,
                                                            run + ".log.gz")))

    def test_the_first_advice_names_the_bug_of_each_row(self):
        for exercise, run, expected in self.rows():
            with self.subTest(exercise=exercise, run=run):
                verdict = self.verdict(exercise, run)
                self.assertEqual(expected, advice.first_advice(verdict),
                                 "\n".join(self.report(verdict)))

    def test_no_first_advice_is_known_to_be_wrong(self):
        for exercise, run, expected in self.rows():
            with self.subTest(exercise=exercise, run=run):
                verdict = self.verdict(exercise, run)
                parts = report.render_sections(verdict, ui.Ui(stream=io.StringIO(), environ={}))
                kind, first = next((kind, lines) for _, kind, lines in parts if kind)
                self.assertEqual(expected, kind)   # the report leads with the advice judged
                text = "\n".join(first)
                for phrase in WRONG.get(expected, []):
                    self.assertNotIn(phrase, text)
                whole = "\n".join(self.report(verdict))
                for pattern in WRONG_IN.get(exercise, []):
                    self.assertIsNone(pattern.search(whole), whole)

    @staticmethod
    def report(verdict):
        return report.render(verdict, ui.Ui(stream=io.StringIO(), environ={}))


class AdviceDetailsTest(unittest.TestCase):
    """What the advice of some classes says, beyond its class."""

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="diagnosis-test-")
        self.addCleanup(shutil.rmtree, self.scratch, True)

    def tsan_of(self, exercise, run):
        log, _ = unpack(exercise, run, self.scratch)
        return tsan.parse_file(log)

    def test_a_dead_local_is_named_with_the_lambda_and_where_it_died(self):
        groups = self.tsan_of("01_greeter", "captures_name_by_reference").groups
        self.assertEqual(["dead-local"] * len(groups), [g.advice for g in groups])
        text = "\n".join(line for g in groups for line in g.lines)
        self.assertIn("greeter.cc:45 (in a lambda of StartGreeter)", text)
        self.assertIn("destroyed at greeter_test.cc:", text)
        self.assertIn("capture it by value, or move it", groups[0].hint.lower())

    def test_a_race_on_a_live_local_keeps_the_mutex_advice(self):
        (group,) = tsan.parse_file(fixture("live_local_race.log")).groups
        self.assertEqual("data-race", group.advice)
        self.assertIn("same mutex", group.hint)

    def test_a_lock_order_inversion_names_both_places(self):
        group = self.tsan_of("11_deadlock", "locks_in_argument_order").groups[0]
        self.assertEqual("lock-order-inversion", group.advice)
        self.assertEqual(4, len(re.findall(r"bank\.cc:\d+", "\n".join(group.lines))))
        self.assertIn("two locks taken in opposite orders", group.hint)

    def test_a_crash_points_at_the_learners_frame_before_a_test_helper(self):
        frames = [Frame("std::terminate()", "/usr/include/c++/12/bits/c++config.h", 312),
                  Frame("operator()", "exercises/03_join_loop/join_loop_errors_test.cc", 55),
                  Frame("operator()", "exercises/03_join_loop/join_test_helpers.h", 9),
                  Frame("Job::Run", "exercises/03_join_loop/job_log.h", 12, test_file=True),
                  Frame("operator()", "exercises/03_join_loop/join_loop.cc", 21),
                  Frame("kata::RunAll()", "exercises/03_join_loop/join_loop.cc", 30)]
        self.assertEqual("join_loop.cc:21", learner_frame(frames).where)
        self.assertEqual("join_loop_errors_test.cc:55", learner_frame(frames[:2]).where)

    def test_a_joinable_thread_destroyed_in_01_is_told_to_return_it(self):
        ex = course.find(course.discover(ROOT), "01")
        verdict = verdict_of(ex, fixture("bazel_crash_terminate.log"),
                             fixture("bazel_crash_terminate.xml"))
        self.assertEqual("joinable-thread-destroyed", advice.first_advice(verdict))
        text = "\n".join(DiagnosisTableTest.report(verdict))
        self.assertIn("return it (std::move it) to the code that joins it", text)
        self.assertNotIn("detach", text)

    def test_a_destroyed_joinable_thread_is_told_in_the_exercises_words(self):
        log = gtest.parse_lines(["[ RUN      ] A.B\n",
                                 "terminate called without an active exception\n"])
        exercises = {ex.number: ex for ex in course.discover(ROOT)}
        first = crash.explain(log, "SIGABRT", lambda test: "", exercises[1])
        later = crash.explain(log, "SIGABRT", lambda test: "", exercises[3])
        self.assertEqual("joinable-thread-destroyed", crash.kind(first))
        self.assertIn("return it (std::move it)", first)
        self.assertNotIn("detach", first)
        self.assertIn("detach() only a thread that may outlive its owner", later)


if __name__ == "__main__":
    unittest.main()
