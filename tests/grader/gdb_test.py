"""Tests of the gdb reader on stacks of hung and crashed processes captured here."""
import io
import unittest

from grader_test_support import read
import course
from grader import ui
from grader.diagnose import crash, frames, gdb, gtest, report
from grader.run.hang import HangReport
from grader.verdict import Status, Verdict


class ParseGdbTest(unittest.TestCase):
    def test_says_where_each_thread_of_a_hung_program_waits(self):
        self.assertEqual(5, len(gdb.parse(read("gdb_hang.txt"))))
        # libstdc++ and libc++ (whose frames say std::__1::) alike.
        for dump in ("gdb_hang.txt", "gdb_hang_libcxx.txt"):
            with self.subTest(dump=dump):
                self.assertEqual([
                    "thread 1 (main) is blocked in std::thread::join at hang.cc:31 (in main), "
                    "waiting for thread 4 to finish",
                    "thread 3 is waiting to lock mutex held at hang.cc:22 (in Locker)",
                    "thread 4 is waiting on condition variable ready_cv in "
                    "std::condition_variable::wait at hang.cc:15 (in WaitForReady)",
                    "thread 5 is blocked in std::this_thread::sleep_for at hang.cc:18 "
                    "(in Sleeper)",
                ], gdb.describe(gdb.parse(read(dump))))

    def test_reads_a_test_hung_inside_the_bazel_sandbox(self):
        sentences = gdb.describe(gdb.parse(read("gdb_hang_bazel_greeter.txt")))
        self.assertEqual(2, len(sentences))   # TSan's own thread is left out
        self.assertIn("greeter.cc:49 (in StartGreeter), waiting for thread 3", sentences[0])
        self.assertIn("condition variable StartGreeter::cv", sentences[1])

    def test_keeps_learner_frames_first(self):
        threads = gdb.parse(read("gdb_hang.txt"))
        sleeper = next(t for t in threads if t.number == 5)
        self.assertEqual(["#4 Sleeper at hang.cc:18", "(13 library frames hidden)"],
                         frames.learner_frames_first(sleeper))

    def test_explains_a_joinable_thread_destroyed(self):
        # libstdc++ and libc++ (whose frames say std::__1::) alike.
        for dump, place in [("gdb_crash_terminate.txt", "greeter.cc:44 (in StartGreeter)"),
                            ("gdb_crash_terminate_libcxx.txt", "crash.cc:15 (in main)")]:
            with self.subTest(dump=dump):
                signal, sentence = crash.describe_crash(read(dump))
                self.assertEqual("SIGABRT", signal)
                self.assertIn(place, sentence)
                self.assertIn("destroyed while still joinable", sentence)

    def test_no_crash_in_a_hang_dump(self):
        self.assertEqual(("", ""), crash.describe_crash(read("gdb_hang.txt")))

    def test_a_wait_in_a_test_body_names_the_test_never_an_empty_function(self):
        """Tests that a frame in a TEST's body (in the anonymous namespace, as the kata's tests
        are) is named, where it used to print "(in )"."""
        threads = gdb.parse(read("gdb_hang_in_test_body.txt"))
        self.assertEqual(["thread 1 (main) is waiting on condition variable in "
                          "std::condition_variable::wait at hang_test.cc:17 "
                          "(in QueueTest_PopWaitsForAPush_Test::TestBody)"], gdb.describe(threads))
        self.assertEqual(["#8 QueueTest_PopWaitsForAPush_Test::TestBody at hang_test.cc:17",
                          "(16 library frames hidden)"], frames.learner_frames_first(threads[0]))

    def test_a_frame_without_a_name_says_only_where(self):
        """Tests that a frame whose function has no name prints no "(in )"."""
        nameless = frames.Frame(function="", file="exercises/01_greeter/greeter.cc", line=9)
        self.assertEqual(" at greeter.cc:9", nameless.place)
        self.assertEqual("Queue::Pop", frames.short_function(
            "kata::(anonymous namespace)::Queue::Pop(int)"))


class HungTestTest(unittest.TestCase):
    GREETER_TEST = "StartGreeterTest.ReturnsBeforeTheFirstPauseEnds"

    def test_names_the_test_whose_body_is_on_the_stacks(self):
        """Tests that the hung test is read from the TestBody frame of the dump, as the log names
        it when the log knows it, and that a dump without one names none."""
        greeter = gdb.parse(read("gdb_hang_bazel_greeter.txt"))
        self.assertEqual(self.GREETER_TEST, gdb.test_on_stack(greeter))
        self.assertEqual("QueueTest.PopWaitsForAPush",
                         gdb.test_on_stack(gdb.parse(read("gdb_hang_in_test_body.txt"))))
        param = "Sizes/StartGreeterTest.ReturnsBeforeTheFirstPauseEnds/2"
        self.assertEqual(param, gdb.test_on_stack(greeter, ["Sizes/Other.Test/0", param]))
        self.assertEqual("", gdb.test_on_stack(gdb.parse(read("gdb_hang.txt"))))

    def hang_report(self, gdb_text, log_running):
        """The report's "hung:" line for a dump, with a log (of another run, as --repeat may
        give) whose last started test is `log_running`."""
        ex = course.Exercise(1, "01_greeter", "/r", {"library": "greeter"})
        log = gtest.parse_lines(["[ RUN      ] %s" % log_running])
        hang = HangReport(7, "greeter_test", 10.0, gdb_text=gdb_text,
                          thread_sentences=["thread 1 (tid 7) is in futex wait"],
                          note="" if gdb_text else "gdb is not installed")
        verdict = Verdict(exercise=ex, status=Status.HUNG, gtest=log, hang=hang, runs_total=3,
                          runs_failed=1)
        lines = report.render(verdict, ui.Ui(stream=io.StringIO(), environ={}))
        return next(line for line in lines if "hung:" in line)

    def test_the_hang_report_names_the_test_on_the_hung_stack(self):
        """Tests that under --repeat "(during T)" is the test on the dumped stacks, not the
        log's, and that the log's is the fallback when there is no dump."""
        line = self.hang_report(read("gdb_hang_bazel_greeter.txt"), "StartGreeterTest.Other")
        self.assertIn("(during %s)" % self.GREETER_TEST, line)
        line = self.hang_report("", "StartGreeterTest.Other")
        self.assertIn("(during StartGreeterTest.Other)", line)


if __name__ == "__main__":
    unittest.main()
