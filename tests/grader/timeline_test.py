"""Tests of the thread timeline on traces recorded by tests/support/trace.cc here."""
import unittest
import xml.etree.ElementTree as ElementTree

from grader_test_support import fixture
from grader.timeline import draw, model


def windows(name):
    with open(fixture(name)) as f:
        return model.windows(model.parse(f))


class TimelineTest(unittest.TestCase):
    def test_one_window_per_test_with_its_result(self):
        found = windows("solution_greeter.trace")
        self.assertEqual(11, len(found))
        self.assertEqual(("GreetTest.WritesEveryGreetingInOrder", "passed"),
                         (found[0].test, found[0].result))

    def test_a_greeter_window_has_main_and_the_greeter_thread(self):
        window = windows("solution_greeter.trace")[4]
        self.assertEqual("StartGreeterTest.WritesDoneWithoutWaitingForGreetings", window.test)
        self.assertEqual(["main", "thread 2"], [lane.label for lane in window.lanes])
        main, greeter = window.lanes
        self.assertEqual(["spawn", "print", "join", "joined"], [e.kind for e in main.marks
                                                               if e.kind != "print" or
                                                               e.detail == "Done"])
        self.assertEqual(["start", "print", "print", "exit"], [e.kind for e in greeter.marks])
        # main waits from join to joined, whatever the sampler saw
        join = next(e.at for e in main.marks if e.kind == "join")
        joined = next(e.at for e in main.marks if e.kind == "joined")
        self.assertTrue(all(not running for begin, end, running in main.spans
                            if begin >= join and end <= joined))

    def test_the_greeter_sleeps_between_greetings(self):
        greeter = windows("solution_greeter.trace")[4].lanes[1]
        self.assertTrue(any(not running and end - begin > 5000
                            for begin, end, running in greeter.spans))

    def test_ascii_swimlanes(self):
        lines = draw.ascii_window(windows("solution_greeter.trace")[4], width=60)
        self.assertTrue(lines[0].startswith("StartGreeterTest.WritesDoneWithoutWaitingForGreetings"
                                            " (passed): 28.3 ms"))
        main = next(l for l in lines if l.startswith("main"))
        greeter = next(l for l in lines if l.startswith("thread 2"))
        self.assertEqual(len(main), len(greeter))
        for mark in "+Jj":
            self.assertIn(mark, main)
        for mark in "S*X·━":
            self.assertIn(mark, greeter)
        self.assertTrue(any("print Hello, there 0 Michael" in l for l in lines))

    def test_ascii_without_unicode(self):
        lines = draw.ascii_window(windows("solution_greeter.trace")[4], width=60,
                                           unicode=False)
        self.assertTrue(all(ord(ch) < 128 for line in lines for ch in line))

    def test_the_stub_only_ever_runs_main(self):
        window = windows("stub_greeter.trace")[5]
        self.assertEqual(["main"], [lane.label for lane in window.lanes])
        self.assertIn("Only the main thread ran", "\n".join(draw.ascii_window(window)))

    def test_svg_is_well_formed_and_shows_both_kinds_of_line(self):
        picture = draw.svg(windows("solution_greeter.trace")[3:5])
        root = ElementTree.fromstring(picture)
        lines = root.findall("{http://www.w3.org/2000/svg}line")
        self.assertTrue(any("stroke-dasharray" in l.attrib for l in lines))
        self.assertTrue(any("stroke-dasharray" not in l.attrib for l in lines))
        self.assertIn("StartGreeterTest.ReturnsBeforeTheFirstPauseEnds", picture)


if __name__ == "__main__":
    unittest.main()
