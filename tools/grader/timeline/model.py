"""The thread timeline: the picture the course notes draw by hand, threads as arrows and waiting
as dots. Reads a trace written by tests/support/trace.cc and cuts it into one window per test,
with one lane per thread: when it ran, when it waited, and its events."""
import dataclasses

# Event kinds drawn as marks, with their letter and priority (higher wins a shared column).
MARKS = {"signal": ("!", 7), "spawn": ("+", 6), "join": ("J", 5), "joined": ("j", 5),
         "detach": ("D", 5), "start": ("S", 4), "exit": ("X", 4), "print": ("*", 3)}
LEGEND = "S start  X exit  + spawn  J join  j joined  D detach  * print  ! signal"


@dataclasses.dataclass
class Event:
    at: float     # microseconds since the trace started
    tid: int
    kind: str
    detail: str


@dataclasses.dataclass
class Lane:
    tid: int
    label: str
    begin: float
    end: float
    spans: list   # [(from, to, running)], covering begin..end
    marks: list   # [Event]


@dataclasses.dataclass
class Window:
    test: str
    result: str   # "passed", "failed", or "" when unknown
    begin: float
    end: float
    lanes: list


@dataclasses.dataclass
class Trace:
    main_tid: int
    events: list


def parse(lines):
    main_tid, events = 0, []
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("#"):
            for field in line.split("\t"):
                if field.startswith("main="):
                    main_tid = int(field[5:])
            continue
        parts = line.split("\t", 3)
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        events.append(Event(float(parts[0]), int(parts[1]), parts[2],
                            parts[3] if len(parts) > 3 else ""))
    events.sort(key=lambda e: e.at)
    return Trace(main_tid=main_tid, events=events)


def _labels(trace):
    labels, number = {trace.main_tid: "main"}, 0
    for event in trace.events:
        if event.kind == "start" and event.tid not in labels:
            number += 1
            labels[event.tid] = "thread %d" % number
    return labels


def _spans(samples, waits, begin, end):
    """Running/waiting spans from the sampled states, with known waits (join) forced."""
    spans, state, at = [], True, begin
    for t, running in samples:
        if t <= begin:
            state = running
            continue
        if t >= end:
            break
        if running != state:
            spans.append((at, t, state))
            at, state = t, running
    spans.append((at, end, state))
    for w_from, w_to in waits:
        forced = []
        for s_from, s_to, running in spans:
            if s_to <= w_from or s_from >= w_to or not running:
                forced.append((s_from, s_to, running))
                continue
            if s_from < w_from:
                forced.append((s_from, w_from, True))
            forced.append((max(s_from, w_from), min(s_to, w_to), False))
            if s_to > w_to:
                forced.append((w_to, s_to, True))
        spans = forced
    return spans


def windows(trace):
    """One Window per test (or one for the whole trace if it has no test events)."""
    labels = _labels(trace)
    cuts, open_test = [], None
    for event in trace.events:
        if event.kind == "test":
            open_test = (event.detail, event.at)
        elif event.kind == "test_end" and open_test:
            name, _, result = event.detail.rpartition(" ")
            cuts.append((open_test[0], result, open_test[1], event.at))
            open_test = None
    if open_test:
        last = trace.events[-1].at if trace.events else open_test[1]
        cuts.append((open_test[0], "", open_test[1], last))
    if not cuts and trace.events:
        cuts.append(("whole run", "", trace.events[0].at, trace.events[-1].at))
    per_tid = {}   # each thread's events, grouped once for all the windows
    for event in trace.events:
        per_tid.setdefault(event.tid, []).append(event)
    return [_window(per_tid, labels, *cut) for cut in cuts]


def _window(per_tid, labels, test, result, begin, end):
    end = max(end, begin + 1)
    lanes = []
    for tid, events in per_tid.items():
        if tid not in labels:
            continue
        starts = [e.at for e in events if e.kind == "start"]
        ends = [e.at for e in events if e.kind == "exit"] or [
            e.at for e in events if e.kind == "gone"]
        life_from = max(begin, starts[0]) if starts else begin
        life_to = min(end, ends[-1]) if ends else end
        if life_from >= end or life_to <= begin or life_to <= life_from:
            continue
        samples = [(e.at, e.kind == "run") for e in events if e.kind in ("run", "wait")]
        waits, joining = [], None
        for e in events:
            if e.kind == "join":
                joining = e.at
            elif e.kind == "joined" and joining is not None:
                waits.append((joining, e.at))
                joining = None
        marks = [e for e in events if e.kind in MARKS and begin <= e.at <= end]
        lanes.append(Lane(tid, labels[tid], life_from, life_to,
                          _spans(samples, waits, life_from, life_to), marks))
    lanes.sort(key=lambda lane: (lane.label != "main", lane.begin))
    return Window(test, result, begin, end, lanes)


def ms(us):
    return "%.1f ms" % (us / 1000.0) if us >= 1000 or us == 0 else "%.2f ms" % (us / 1000.0)
