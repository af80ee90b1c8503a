"""Tests of the gdb reader on stacks of hung and crashed processes captured here."""
import unittest

from grader_test_support import read
from grader.diagnose import crash, frames, gdb


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


if __name__ == "__main__":
    unittest.main()
