"""The thread timeline: the picture the course notes draw by hand, threads as arrows and waiting
as dots. Reads a trace written by tests/support/trace.cc and cuts it into one window per test,
with one lane per thread: when it ran, when it waited, and its events."""
import dataclasses

# Event kinds drawn as marks, with their letter and priority (higher wins a shared column).
MARKS = {"signal": ("!", 7), "spawn": ("+", 6), "join": ("J", 5), "joined": ("j", 5),
         "detach": ("D", 5), "start": ("S", 4), "exit": ("X", 4), "print": ("*", 3)}
LEGEND = "S start  X exit  + spawn  J join  j joined  D detach  * print  ! signal"
# Kinds that only the test harness records: ChildProcess sends signals to the learner's program.
HARNESS_KINDS = ("signal",)


@dataclasses.dataclass
class Event:
    at: float     # microseconds since the trace started
    tid: int
    kind: str
    detail: str
    harness: bool = False   # recorded by the test harness rather than the learner's program
    stack: tuple = ()       # addresses in the test binary of the calls that led to it


@dataclasses.dataclass
class Lane:
    tid: int
    label: str
    begin: float
    end: float
    spans: list   # [(from, to, running)], covering begin..end
    marks: list   # [Event]
    harness: bool = False   # a thread the test started, not the learner's program


@dataclasses.dataclass
class Window:
    test: str
    result: str   # "passed", "failed", or "" when unknown
    begin: float
    end: float
    lanes: list
    links: list = dataclasses.field(default_factory=list)   # [Link]


@dataclasses.dataclass
class Link:
    """A thread's birth or death seen from two lanes: "spawn" joins a spawn event to the new
    thread's start, "join" a thread's exit to the "joined" event of the thread that joined it."""
    kind: str
    source: Event
    target: Event


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
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        kind, stack = parts[2], ()
        if len(parts) > 4 and parts[4].startswith("stack="):
            stack = tuple(int(a, 16) for a in parts[4][6:].split(",") if a)
        events.append(Event(float(parts[0]), int(parts[1]), kind,
                            parts[3] if len(parts) > 3 else "", kind in HARNESS_KINDS, stack))
    events.sort(key=lambda e: e.at)
    return Trace(main_tid=main_tid, events=events)


# Kinds told apart by the calls that led to them; a thread's start and exit go with its spawn.
CALLED_KINDS = ("print", "spawn", "join", "joined", "detach")
# A line a child process printed is recorded by ChildProcess's reader: the learner's program.
CHILD_OUTPUT = "tests/support/child_process.cc"


def attribute(trace, files_of, learner_files):
    """Marks as `harness` each event the test made without the learner's code: one whose calls
    (their source files, `files_of` {address: [file]}) pass through none of `learner_files`
    (paths from the repository root), and the start and exit of every thread the test spawned.
    Without source files (no addr2line, an old trace), only signals count as the test's."""
    if not files_of:
        return

    def by_learner(event):
        files = [f for a in event.stack for f in files_of.get(a, [])]
        mine = [f for f in files if any(f == l or f.endswith("/" + l) for l in learner_files)]
        child = event.kind == "print" and any(f.endswith(CHILD_OUTPUT) for f in files)
        return bool(mine) or child or not files
    for event in trace.events:
        if event.kind in CALLED_KINDS:
            event.harness = not by_learner(event)
    exits = {}
    for event in trace.events:
        if event.kind == "exit":
            exits.setdefault(event.tid, []).append(event)
    for link in _links(trace.events):
        if link.kind == "spawn" and link.source.harness:
            link.target.harness = True
            for event in exits.get(link.target.tid, []):
                if event.at >= link.target.at:
                    event.harness = True


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
    links = _links(trace.events)
    found = [_window(per_tid, labels, *cut) for cut in cuts]
    for window in found:
        shown = {id(e) for lane in window.lanes for e in lane.marks}
        window.links = [l for l in links if id(l.source) in shown and id(l.target) in shown]
    return found


def _field(detail, name):
    for word in detail.split():
        if word.startswith(name + "="):
            return word[len(name) + 1:]
    return ""


def _links(events):
    """Each start with the spawn before it in its parent, and each "joined" with the exit of the
    thread it joined (pthread handles are reused: the latest start with that handle)."""
    links, spawns, by_handle, exits = [], {}, {}, {}
    for event in events:
        if event.kind == "spawn":
            spawns.setdefault(event.tid, []).append(event)
        elif event.kind == "start":
            parent = _field(event.detail, "parent")
            waiting = spawns.get(int(parent), []) if parent.isdigit() else []
            if waiting:
                links.append(Link("spawn", waiting.pop(0), event))
            by_handle[_field(event.detail, "pthread")] = event.tid
        elif event.kind == "exit":
            exits[event.tid] = event
        elif event.kind == "joined":
            exited = exits.get(by_handle.get(_field(event.detail, "pthread")))
            if exited is not None:
                links.append(Link("join", exited, event))
    return links


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
        if life_from >= end or life_to <= begin or life_to < life_from:
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
        harness = any(e.harness for e in events if e.kind == "start" and e.at <= life_to)
        lanes.append(Lane(tid, labels[tid], life_from, life_to,
                          _spans(samples, waits, life_from, life_to), marks, harness))
    lanes.sort(key=lambda lane: (lane.label != "main", lane.begin))
    return Window(test, result, begin, end, lanes)


def ms(us):
    return "%.1f ms" % (us / 1000.0) if us >= 1000 or us == 0 else "%.2f ms" % (us / 1000.0)
