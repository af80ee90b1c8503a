"""Tests that the grader reads libc++'s frames (std::__1::...) and messages as it reads
libstdc++'s."""
import unittest

import grader_test_support  # noqa: F401  (puts the grader on sys.path)
from grader.diagnose import crash, frames, gtest


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


class LibcxxTerminateTest(unittest.TestCase):
    """libc++abi's words when std::terminate ends a program. (gdb's stacks of libc++ programs
    are read in gdb_test.py.)"""

    def test_reads_libcxxabiterminate_messages(self):
        def message(*lines):
            log = gtest.parse_lines(["[ RUN      ] A.B\n"] + [l + "\n" for l in lines])
            return crash.terminate_message(log)

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
