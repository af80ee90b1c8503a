"""Tests that the grader reads libc++'s frames (std::__1::...) as it reads libstdc++'s."""
import unittest

from grader_test_support import read
from grader import crash, frames, parse_gdb, parse_gtest


class StandardNameTest(unittest.TestCase):
    def test_drops_libcxx_inline_namespace(self):
        self.assertEqual("std::thread::~thread()",
                         frames.standard_name("std::__1::thread::~thread()"))
        self.assertEqual(
            "std::condition_variable::wait<$_0>(std::unique_lock<std::mutex>&, $_0)",
            frames.standard_name("std::__1::condition_variable::wait<$_0>("
                                 "std::__1::unique_lock<std::__1::mutex>&, $_0)"))

    def test_leaves_libstdcxx_names_alone(self):
        for name in ("std::thread::~thread()", "std::__cxx11::basic_string<char>::size() const",
                     "std::__invoke_impl<void, void (*)()>", "mystd::__1::f()"):
            self.assertEqual(name, frames.standard_name(name))

    def test_a_frame_is_named_once_as_it_is_made(self):
        frame = frames.Frame(function="std::__1::thread::join()", file="/usr/lib/llvm-19/x.h")
        self.assertEqual("std::thread::join()", frame.function)
        self.assertEqual("std::thread::join", frame.short_function)


class LibcxxStacksTest(unittest.TestCase):
    """gdb's stacks of tests/grader/fixtures/programs, built with clang 19 and libc++."""

    def test_explains_a_joinable_thread_destroyed(self):
        signal, sentence = crash.describe_crash(read("gdb_crash_terminate_libcxx.txt"))
        self.assertEqual("SIGABRT", signal)
        self.assertIn("crash.cc:15 (in main)", sentence)
        self.assertIn("destroyed while still joinable", sentence)

    def test_says_where_each_thread_of_a_hung_program_waits(self):
        self.assertEqual([
            "thread 1 (main) is blocked in std::thread::join at hang.cc:31 (in main), waiting "
            "for thread 4 to finish",
            "thread 3 is waiting to lock mutex held at hang.cc:22 (in Locker)",
            "thread 4 is waiting on condition variable ready_cv in std::condition_variable::wait "
            "at hang.cc:15 (in WaitForReady)",
            "thread 5 is blocked in std::this_thread::sleep_for at hang.cc:18 (in Sleeper)",
        ], parse_gdb.describe(parse_gdb.parse(read("gdb_hang_libcxx.txt"))))

    def test_reads_libcxxabi_terminate_messages(self):
        def message(*lines):
            log = parse_gtest.parse_lines(["[ RUN      ] A.B\n"] + [l + "\n" for l in lines])
            return crash._terminate_message(log)

        self.assertEqual("std::terminate called without an active exception",
                         message("libc++abi: terminating"))
        self.assertEqual("std::terminate: an exception of type std::runtime_error escaped "
                         "(what(): job 2: boom)",
                         message("libc++abi: terminating due to uncaught exception of type "
                                 "std::runtime_error: job 2: boom"))
        self.assertEqual("std::terminate: an exception of type int escaped",
                         message("libc++abi: terminating due to uncaught exception of type int"))


if __name__ == "__main__":
    unittest.main()
