"""Tests of the hang watchdog (tools/grader/run/hang.py): which waits count as waiting for
ever, when a process counts as still, and a watchdog stopping a real deadlocked process but
never a slow one."""
import os
import subprocess
import sys
import time
import unittest

import grader_test_support  # noqa: F401  (puts tools/ on sys.path)
from grader.run import hang, procfs

FUTEX_WAIT_PRIVATE, FUTEX_WAIT_BITSET_PRIVATE = 0x80, 0x89


def thread(syscall, args=(), state="S", tid=1, switches=0):
    return procfs.Thread(tid, state, syscall, tuple(args) + (0,) * (6 - len(args)), switches)


def sample(*threads, cpu=0, written=0, pids=(1,)):
    return procfs.Sample(pids, cpu, written, tuple(threads))


LOCKED = thread(202, (0x1000, FUTEX_WAIT_PRIVATE, 2, 0))    # a mutex or join: no timeout
TSAN = thread(35, (0x2000,), tid=2)                            # the sanitizer's own thread


class WaitsForEverTest(unittest.TestCase):
    # Tests that a futex wait counts as for ever only without a timeout.
    def test_futex_waits(self):
        self.assertTrue(hang.waits_for_ever(LOCKED))
        self.assertTrue(hang.waits_for_ever(thread(202, (1, FUTEX_WAIT_BITSET_PRIVATE, 0, 0))))
        self.assertFalse(hang.waits_for_ever(thread(202, (1, FUTEX_WAIT_BITSET_PRIVATE, 0,
                                                           0x7ffd0))))   # wait_for, wait_until
        self.assertFalse(hang.waits_for_ever(thread(202, (1, 0x81, 1, 0))))   # FUTEX_WAKE

    # Tests that a thread that runs, or waits for a CPU, never counts as waiting for ever.
    def test_running_threads(self):
        self.assertFalse(hang.waits_for_ever(thread(-1, state="R")))
        self.assertFalse(hang.waits_for_ever(thread(202, (1, FUTEX_WAIT_PRIVATE), state="R")))

    # Tests that sleeps can end by themselves, and that the sanitizer's raw nanosleep is left
    # out rather than counted either way.
    def test_sleeps(self):
        self.assertFalse(hang.waits_for_ever(thread(230)))   # clock_nanosleep: sleep_for
        self.assertIsNone(hang.waits_for_ever(TSAN))

    # Tests that poll, read, wait4 and sigwait count as for ever only without a timeout.
    def test_other_waits(self):
        self.assertTrue(hang.waits_for_ever(thread(7, (0x10, 1, 0xffffffff))))   # poll(-1)
        self.assertFalse(hang.waits_for_ever(thread(7, (0x10, 1, 100))))         # poll(100 ms)
        self.assertTrue(hang.waits_for_ever(thread(0, (3, 0x10, 10))))            # read
        self.assertTrue(hang.waits_for_ever(thread(61, (-1 & 0xffffffff, 0, 0))))  # wait4
        self.assertTrue(hang.waits_for_ever(thread(128, (0x10, 0, 0))))            # sigwait
        self.assertFalse(hang.waits_for_ever(thread(128, (0x10, 0, 0x20))))        # timed
        self.assertFalse(hang.waits_for_ever(thread(1, (1, 0x10, 10))))            # write


class WaitsInTest(unittest.TestCase):
    # Tests that the sentence for gdb-less reports names the wait, or says the thread runs.
    def test_words(self):
        self.assertEqual("in a futex (a mutex, condition variable, join or atomic wait)",
                         procfs.waits_in(LOCKED))
        self.assertEqual("in read", procfs.waits_in(thread(0, (3, 0x10, 10))))
        self.assertEqual("in system call 23", procfs.waits_in(thread(23)))
        self.assertEqual("running", procfs.waits_in(thread(-1, state="R")))
        self.assertEqual("in user code, between system calls", procfs.waits_in(thread(-1)))

    # Tests that a real process's threads are numbered from 1 and their waits named.
    def test_sentences_of_a_real_process(self):
        proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                                stdin=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                sentences = procfs.thread_sentences(proc.pid)
                if sentences and sentences[0].endswith(" is in read"):
                    break
                time.sleep(0.02)
            self.assertEqual(["thread 1 (tid %d) is in read" % proc.pid], sentences)
        finally:
            proc.kill()
            proc.wait()
        self.assertEqual([], procfs.thread_sentences(proc.pid))


class StillnessTest(unittest.TestCase):
    def follow(self, samples, step=0.25):
        """How long the process had been still after each of `samples`, one every `step` s."""
        stillness, result = hang.Stillness(), []
        for index, taken in enumerate(samples):
            stillness.observe(taken, index * step)
            result.append(stillness.still_for(index * step))
        return result

    # Tests that a process whose threads all wait for ever, and that does nothing, is still
    # from its first such sample on.
    def test_deadlock_is_still(self):
        self.assertEqual([0.0, 0.25, 0.5, 0.75], self.follow([sample(LOCKED, TSAN)] * 4))

    # Tests that CPU time beyond the sanitizer's own, output, a wakeup, a new child process or a
    # thread that can wake by itself each start the count again.
    def test_any_progress_restarts_the_count(self):
        moved = {
            "cpu": sample(LOCKED, TSAN, cpu=hang.STILL_CPU_TICKS + 1),
            "output": sample(LOCKED, TSAN, written=1),
            "wakeup": sample(LOCKED._replace(switches=1), TSAN),
            "child": sample(LOCKED, TSAN, pids=(1, 2)),
            "timed wait": sample(LOCKED, thread(202, (1, FUTEX_WAIT_PRIVATE, 0, 0x10), tid=3)),
            "runnable": sample(LOCKED, thread(-1, state="R", tid=3)),
        }
        for what, taken in moved.items():
            with self.subTest(what=what):
                still = sample(LOCKED, TSAN)
                self.assertEqual(0.0, self.follow([still, still, taken])[-1])

    # Tests that the sanitizer's thread alone, or nothing but sleeps, is never still.
    def test_sleeping_alone_is_not_still(self):
        self.assertEqual([0.0, 0.0], self.follow([sample(TSAN)] * 2))
        self.assertEqual([0.0, 0.0], self.follow([sample(thread(230), TSAN)] * 2))

    # Tests that a process that has ended is not still.
    def test_ended(self):
        self.assertEqual([0.0, 0.0], self.follow([sample(LOCKED), None]))


def start_python(code):
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.DEVNULL)


class WatchdogTest(unittest.TestCase):
    def watch(self, code, seconds, still=0.5, limit=60.0):
        """Runs `code` in a Python child under a watchdog for `seconds`; returns the reports."""
        proc = start_python(code)
        name = procfs.executable(proc.pid) or os.path.basename(sys.executable)
        dumps = os.environ.get("TEST_TMPDIR") or "/tmp"
        watchdog = hang.Watchdog([name], limit, root=lambda: proc.pid, dump_dir=dumps,
                                 still=still)
        watchdog.start()
        try:
            deadline = time.monotonic() + seconds
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            watchdog.stop()
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        return watchdog.reports

    # Tests that a process deadlocked on its own lock is stopped once it has been still for the
    # watchdog's time, long before the hard limit, and the report says how long it was still.
    def test_stops_a_deadlocked_process(self):
        reports = self.watch("import threading; lock = threading.Lock(); lock.acquire(); "
                             "lock.acquire()", seconds=20)
        self.assertEqual(1, len(reports))
        self.assertGreaterEqual(reports[0].still, 0.5)
        self.assertLess(reports[0].seconds, 10)

    # Tests that waits with a timeout and sleeps are left alone, however long.
    def test_leaves_timed_waits_alone(self):
        self.assertEqual([], self.watch("import threading, time; threading.Event().wait(1.0); "
                                        "time.sleep(1.0)", seconds=10))

    # Tests that a process that burns CPU without end is stopped at the hard limit.
    def test_stops_a_busy_process_at_the_limit(self):
        reports = self.watch("while True: pass", seconds=20, limit=1.0)
        self.assertEqual(1, len(reports))
        self.assertEqual(0.0, reports[0].still)


if __name__ == "__main__":
    unittest.main()
