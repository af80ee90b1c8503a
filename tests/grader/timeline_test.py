"""Tests of the thread timeline on traces recorded by tests/support/trace.cc here."""
import itertools
import os
import shutil
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from unittest import mock

from fake_course import FakeCourse
from grader_test_support import fixture, read
from grader.commands import timeline
from grader.timeline import draw, model, symbols

SVG = "{http://www.w3.org/2000/svg}"
GREETER = ["exercises/01_greeter/greeter.cc", "exercises/01_greeter/greeter.h"]


def windows(name):
    with open(fixture(name)) as f:
        return model.windows(model.parse(f))


def join_waits():
    return next(w for w in windows("solution_greeter.trace")
                if w.test == "StartGreeterTest.JoinWaitsForEveryGreeting")


def attributed_windows():
    """The reference greeter's trace with stacks, told apart with its recorded addr2line output."""
    with open(fixture("solution_greeter_stacks.trace")) as f:
        trace = model.parse(f)
    model.attribute(trace, symbols.parse(read("solution_greeter_stacks.addr2line")), GREETER)
    return model.windows(trace)


def crowded_trace():
    """Many events in one instant: main spawns, prints six lines, signals and joins at 1000 us;
    the thread starts, prints five long lines and exits at 1000 us too. The test ends at 2000."""
    lines = ["# kata-trace 1\tpid=1\tmain=1\tsample_us=2000", "0\t1\ttest\tCrowd.SameInstant",
             "0\t1\trun\t", "1000\t1\tspawn\t", "1000\t2\tstart\tparent=1 pthread=aa"]
    lines += ["1000\t1\tprint\tline %d from main" % i for i in range(6)]
    lines += ["1000\t2\tprint\t%d: a greeting far too long to show whole in a label" % i
              for i in range(5)]
    lines += ["1000\t1\tsignal\tSIGINT to child 7", "1000\t1\tjoin\tpthread=aa",
              "1000\t2\texit\t", "1000\t1\tjoined\tpthread=aa",
              "2000\t1\ttest_end\tCrowd.SameInstant passed"]
    return model.parse(line + "\n" for line in lines)


def overlapping(boxes):
    return [(a, b) for a, b in itertools.combinations(boxes, 2) if a.intersects(b)]


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


class PictureTest(unittest.TestCase):
    def pictures(self):
        """(name, Picture) of each window of both fixtures, and of the crowded trace."""
        for name in ("solution_greeter.trace", "stub_greeter.trace"):
            for window in windows(name):
                yield "%s %s" % (name, window.test), draw.layout([window])
        yield "crowded", draw.layout(model.windows(crowded_trace()))
        yield "attributed", draw.layout(attributed_windows())

    # Tests that no two markers overlap, nor two labels, nor any two of the markers, labels,
    # lane names and tick labels.
    def test_no_marker_or_label_overlaps_another(self):
        for name, picture in self.pictures():
            with self.subTest(name):
                markers, labels = picture.boxes("marker"), picture.boxes("label")
                self.assertEqual([], overlapping(markers))
                self.assertEqual([], overlapping(labels))
                self.assertEqual([], overlapping(markers + labels + picture.boxes("lane") +
                                                 picture.boxes("tick")))

    # Tests that markers of one instant are spread out, in time order, and that every print and
    # signal of the crowded trace has its label, cut with an ellipsis when long.
    def test_a_crowded_instant_keeps_every_marker_and_label(self):
        picture = draw.layout(model.windows(crowded_trace()))
        markers = [b for b in picture.boxes("marker") if b.tip.startswith("main")]
        self.assertEqual(["+"] + ["*"] * 6 + ["!", "J", "j"], [m.text for m in markers])
        texts = [l.text for l in picture.boxes("label")]
        self.assertEqual(12, len(texts))
        self.assertIn("line 5 from main", texts)
        self.assertIn("SIGINT to child 7", texts)
        self.assertIn("0: a greeting far too…", texts)
        self.assertTrue(all(len(t) <= draw.LABEL_CHARS for t in texts))

    # Tests that the full text of a cut label stays in its tooltip (the SVG <title>).
    def test_the_full_print_is_in_the_tooltip(self):
        root = ElementTree.fromstring(draw.svg(model.windows(crowded_trace())))
        titles = [t.text for t in root.iter(SVG + "title")]
        self.assertIn("thread 1: 0: a greeting far too long to show whole in a label", titles)

    # Tests that each print of the reference's JoinWaitsForEveryGreeting is labelled with its
    # text, next to its marker.
    def test_prints_are_labelled_under_their_marker(self):
        window = join_waits()
        picture = draw.layout([window])
        labels = {l.text: l for l in picture.boxes("label")}
        self.assertEqual({"Done", "Hello, there 0 Ada", "Hello, there 1 Ada",
                          "Hello, there 2 Ada"}, set(labels))
        for marker in picture.boxes("marker"):
            if marker.tip.endswith("print Done"):
                self.assertLessEqual(labels["Done"].x, marker.x + draw.RADIUS)
                self.assertGreater(labels["Done"].right(), marker.x + draw.RADIUS)
                self.assertGreater(labels["Done"].y, marker.bottom())

    # Tests that spawn -> start and exit -> joined are arrows from one lane's marker to the
    # other's, pointing the right way.
    def test_spawn_and_join_are_arrows_between_lanes(self):
        window = join_waits()
        picture = draw.layout([window])
        spawn, join = picture.lines("spawn"), picture.lines("join")
        self.assertEqual((1, 1), (len(spawn), len(join)))

        def near(x, y, box):   # (x, y) is on the rim of the marker `box`
            return (abs(x - (box.x + draw.RADIUS)) <= draw.RADIUS + 2 and
                    abs(y - (box.y + draw.RADIUS)) <= draw.RADIUS + 2)
        main_spawn = next(m for m in picture.boxes("marker") if m.tip.startswith("main") and
                          m.text == "+")
        start = next(m for m in picture.boxes("marker") if m.text == "S")
        exit_ = next(m for m in picture.boxes("marker") if m.text == "X")
        joined = next(m for m in picture.boxes("marker") if m.text == "j")
        self.assertTrue(near(spawn[0].x1, spawn[0].y1, main_spawn), (spawn, main_spawn))
        self.assertTrue(near(spawn[0].x2, spawn[0].y2, start), (spawn, start))
        self.assertTrue(near(join[0].x1, join[0].y1, exit_), (join, exit_))
        self.assertTrue(near(join[0].x2, join[0].y2, joined), (join, joined))
        root = ElementTree.fromstring(draw.svg([window]))
        heads = [l for l in root.iter(SVG + "line") if l.get("marker-end") == "url(#head)"]
        self.assertEqual(2 + 2, len(heads))   # and two in the legend

    # Tests that every tick label lies inside the SVG's viewBox, the first and last included.
    def test_tick_labels_fit_in_the_picture(self):
        for name, picture in self.pictures():
            with self.subTest(name):
                ticks = picture.boxes("tick")
                self.assertTrue(ticks)
                for box in ticks + picture.boxes("label") + picture.boxes("marker"):
                    self.assertGreaterEqual(box.x, 0, box)
                    self.assertLessEqual(box.right(), picture.width, box)
                    self.assertLessEqual(box.bottom(), picture.height, box)
        svg_root = ElementTree.fromstring(draw.svg([join_waits()]))
        _, _, width, height = (float(v) for v in svg_root.get("viewBox").split())
        ticks = [b.text for b in draw.layout([join_waits()]).boxes("tick")]
        self.assertEqual(["0.0 ms", "40.0 ms"], [ticks[0], ticks[-1]])
        texts = [t for t in svg_root.iter(SVG + "text") if t.text in ticks]
        self.assertEqual(5, len(texts))
        for text in texts:
            self.assertLessEqual(0, float(text.get("x")))
            self.assertLessEqual(float(text.get("x")) +
                                 draw.text_width(text.text, draw.TICK_SIZE), width)
            self.assertLessEqual(float(text.get("y")), height)

    # Tests that the ASCII tick line names the start and the end, and fits the drawing's width.
    def test_ascii_ticks_fit_the_width(self):
        window = join_waits()
        for width in (40, 57, 64, 66, 100):
            with self.subTest(width=width):
                lines = draw.ascii_window(window, width=width)
                main = next(l for l in lines if l.startswith("main"))
                axis = lines[lines.index(main) - 1]
                self.assertLessEqual(len(axis), len(main))
                self.assertIn(" 0.0ms", axis)
                self.assertTrue(axis.endswith(draw.ms(window.end - window.begin)
                                              .replace(" ", "")), axis)

    # Tests that the ASCII drawing of a test fits a terminal of 80 columns.
    def test_ascii_fits_80_columns(self):
        for window in windows("solution_greeter.trace") + attributed_windows():
            lines = draw.ascii_window(window, width=draw.plot_width(window, 80))
            picture = [l for l in lines if not l.startswith("   ")]   # not the event list
            self.assertLessEqual(max(len(l) for l in picture), 80, "\n".join(picture))


class HarnessTest(unittest.TestCase):
    # Tests that the test's own "go", and its join of the greeter, are told apart from the
    # learner's "Done" and greetings by the source files of the calls behind them.
    def test_the_tests_events_are_told_from_the_programs(self):
        window = next(w for w in attributed_windows() if w.test.endswith("FirstPauseEnds"))
        by = {(e.kind, e.detail if e.kind == "print" else ""): e.harness
              for lane in window.lanes for e in lane.marks}
        self.assertEqual(False, by[("print", "Done")])
        self.assertEqual(True, by[("print", "go")])
        self.assertEqual(False, by[("print", "Hello, there 0 Michael")])
        self.assertEqual(False, by[("spawn", "")])
        self.assertEqual(True, by[("join", "")])
        lines = draw.ascii_window(window)
        self.assertEqual(["print go  (by the test)"],
                         [l.split("main")[-1].strip() for l in lines if "print go" in l])
        self.assertIn("  " + draw.BY_THE_TEST, lines)

    # Tests that the test's events are drawn grey and dashed, and the legend says so.
    def test_the_tests_events_are_drawn_apart(self):
        window = next(w for w in attributed_windows() if w.test.endswith("FirstPauseEnds"))
        picture = draw.layout([window])
        go = next(l for l in picture.boxes("label") if l.text == "go")
        done = next(l for l in picture.boxes("label") if l.text == "Done")
        self.assertEqual((True, False), (go.harness, done.harness))
        root = ElementTree.fromstring(draw.svg([window]))
        dashed = [g for g in root.iter(SVG + "g") if g.find(SVG + "circle") is not None and
                  g.find(SVG + "circle").get("stroke-dasharray")]
        self.assertTrue(any("go" in g.find(SVG + "title").text for g in dashed))
        self.assertIn("the test", [t.text for t in root.iter(SVG + "text")])

    # Tests that a thread the test starts is the test's, with its start and exit.
    def test_a_thread_the_test_spawns_is_the_tests(self):
        trace = crowded_trace()
        spawn = next(e for e in trace.events if e.kind == "spawn")
        spawn.stack = (0x10,)
        model.attribute(trace, {0x10: ["/proc/self/cwd/exercises/01_greeter/greeter_test.cc"]},
                        GREETER)
        lanes = model.windows(trace)[0].lanes
        self.assertEqual([False, True], [lane.harness for lane in lanes])
        self.assertEqual(["thread 1 (test)"], [b.text for b in draw.layout(
            model.windows(trace)).boxes("lane") if b.harness])

    # Tests that without source files (no addr2line) only signals count as the test's.
    def test_without_source_files_only_signals_are_the_tests(self):
        trace = crowded_trace()
        model.attribute(trace, {}, GREETER)
        self.assertEqual({"signal"}, {e.kind for e in trace.events if e.harness})

    # Tests that addr2line's output is read per address, inlined frames included.
    def test_reads_addr2line(self):
        self.assertEqual({0x2c000: ["/usr/include/c++/12/bits/basic_string.h",
                                    "/proc/self/cwd/exercises/01_greeter/greeter.cc"],
                          0x2c010: ["/x/y.cc"]},
                         symbols.parse("0x000000000002c000\n/usr/include/c++/12/bits/basic_string.h"
                                       ":229\n/proc/self/cwd/exercises/01_greeter/greeter.cc:48\n"
                                       "0x000000000002c010\n/x/y.cc:3 (discriminator 2)\n"))


class PngTest(FakeCourse):
    # Tests that --png without rsvg-convert is one line and exit 2, before anything is built.
    def test_png_without_rsvg_convert_is_one_line_and_exit_2(self):
        with mock.patch.dict(os.environ, {"PATH": ""}):
            code, out, err = self.grade("timeline", "1", "--png", "x.png")
        self.assertEqual((2, "", "rsvg-convert not found: install librsvg2-bin (tools/setup)\n"),
                         (code, out, err))

    # Tests that the SVG is converted to a PNG where rsvg-convert is installed.
    @unittest.skipUnless(shutil.which("rsvg-convert"), "rsvg-convert is not installed")
    def test_png_is_rendered(self):
        folder = tempfile.mkdtemp(prefix="timeline-png-")
        self.addCleanup(shutil.rmtree, folder, True)
        svg_file, png_file = os.path.join(folder, "t.svg"), os.path.join(folder, "t.png")
        with open(svg_file, "w") as f:
            f.write(draw.svg([join_waits()]))
        self.assertEqual("", timeline.to_png(svg_file, png_file))
        with open(png_file, "rb") as f:
            self.assertEqual(b"\x89PNG", f.read(4))

    # Tests that rsvg-convert's complaint about an unreadable SVG comes back as one line.
    @unittest.skipUnless(shutil.which("rsvg-convert"), "rsvg-convert is not installed")
    def test_a_failed_conversion_is_one_line(self):
        folder = tempfile.mkdtemp(prefix="timeline-png-")
        self.addCleanup(shutil.rmtree, folder, True)
        svg_file = os.path.join(folder, "bad.svg")
        with open(svg_file, "w") as f:
            f.write("<svg")
        failed = timeline.to_png(svg_file, os.path.join(folder, "bad.png"))
        self.assertTrue(failed.startswith("rsvg-convert failed: "), failed)
        self.assertNotIn("\n", failed)


if __name__ == "__main__":
    unittest.main()
