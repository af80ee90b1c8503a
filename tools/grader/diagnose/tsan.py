"""Reads ThreadSanitizer reports and condenses each into two lines, with a one-line hint per
kind.

    data race: read at greeter.cc:16 (thread T3) vs write at greeter.cc:16 (thread T7)
      in StreamSink::WriteLine / StreamSink::WriteLine; during StreamSinkTest.EightThreads...

Frames of the standard library, GoogleTest and the TSan runtime are dropped (frames.py), and
reports that name the same places are merged. TSan's "DEADLYSIGNAL" crashes are read too.
"""
import dataclasses
import re

from .frames import Frame, best_frame
from .gtest import RUN_LINE

_ACCESS = re.compile(r"^(Previous )?((?:atomic )?(?:read|write)) of size \d+ at \S+ by "
                     r"(main thread|thread T\d+)(?: \(mutexes: ([^)]*)\))?", re.I)
_LOCK = re.compile(r"^Mutex (M\d+) acquired here while holding mutex (M\d+) in "
                   r"(main thread|thread T\d+)")
_LOCATION = re.compile(r"^Location is (.*)")

HINTS = {
    "data race": "no happens-before between these: guard both with the same mutex or make it "
                 "atomic",
    "lock-order-inversion": "two threads take the same mutexes in opposite orders and can "
                            "deadlock: always lock them in one fixed order, or use "
                            "std::scoped_lock(a, b)",
    "heap-use-after-free": "memory was used after it was freed: join every thread that uses an "
                           "object before the object dies",
    "thread leak": "a thread was neither joined nor detached: join it (or use std::jthread)",
    "destroy of a locked mutex": "a mutex died while locked: let its lock_guard end first",
    "unlock of an unlocked mutex": "unlock only what this thread locked; prefer std::lock_guard",
    "double lock of a mutex": "this thread locked a mutex it already holds: std::mutex is not "
                              "recursive",
    "signal-unsafe call inside of a signal": "a signal handler called a function that is not "
                                             "async-signal-safe: handle signals in a sigwait "
                                             "thread",
    "signal handler spoils errno": "handle signals in a sigwait thread instead of a handler",
    "data race on vptr": "an object was destroyed while another thread still used it: join that "
                         "thread first",
}


def _describe(section):
    frame = best_frame(section.frames)
    return frame, (frame.where if frame else "?")


def condense(kind, sections, test):
    """Returns (merge key, two lines) for one report."""
    accesses, locks, location = [], [], ""
    for section in sections:
        access, lock = _ACCESS.match(section.title), _LOCK.match(section.title)
        if access:
            accesses.append((access, section))
        elif lock:
            locks.append((lock, section))
        elif _LOCATION.match(section.title) and not location:
            location = _LOCATION.match(section.title).group(1).split(" at 0x")[0].rstrip(".")
    during = "during %s" % test if test else "outside any test"
    if kind.startswith("data race") and len(accesses) >= 2:
        sides, functions = [], []
        for access, section in accesses[:2]:
            frame, where = _describe(section)
            holding = ", holding %s" % access.group(4) if access.group(4) else ""
            sides.append("%s at %s (%s%s)" % (access.group(2).lower(), where, access.group(3),
                                              holding))
            function = frame.short_function if frame else "?"
            if frame is not None and section.frames and section.frames[0] is not frame:
                function += " (inside %s)" % section.frames[0].short_function
            functions.append(function)
        key = (kind, frozenset(s.split(" (")[0] for s in sides))
        where = "; on %s" % location if location else ""
        if functions[0] == functions[1]:
            functions = ["both in " + functions[0]]
        return key, ["%s: %s vs %s" % (kind, sides[0], sides[1]),
                     "  %s%s; %s" % (" / ".join(f if f.startswith("both") else "in " + f
                                                for f in functions), where, during)]
    if kind.startswith("lock-order-inversion") and locks:
        lines, places = [], []
        for lock, section in locks[:2]:
            index = sections.index(section)
            after = sections[index + 1] if index + 1 < len(sections) else None
            _, where = _describe(section)
            held = ""
            if after is not None and after.title.startswith("Mutex %s previously" % lock.group(2)):
                held = " (locked at %s)" % _describe(after)[1]
            lines.append("%s locks %s at %s while holding %s%s" % (
                lock.group(3), lock.group(1), where, lock.group(2), held))
            places.append(where)
        first = "lock-order inversion (potential deadlock): " + lines[0]
        second = "  vs " + lines[1] if len(lines) > 1 else "  " + during
        return (kind, frozenset(places)), [first, second + ("; " + during if len(lines) > 1
                                                             else "")]
    stacked = [s for s in sections if s.frames]
    frame, where = _describe(stacked[0]) if stacked else (None, "?")
    second = "  " + during
    if len(stacked) > 1:
        second = "  and at %s; %s" % (_describe(stacked[1])[1], during)
    function = " in %s" % frame.short_function if frame else ""
    return (kind, where), ["%s: at %s%s" % (kind, where, function), second]


MAX_REPORTS = 500
MAX_FRAMES = 40

_START = re.compile(r"^WARNING: ThreadSanitizer: (.+?)(?: \(pid=\d+\))?$")
_END = re.compile(r"^(SUMMARY: ThreadSanitizer:|==================$)")
_FRAME = re.compile(r"^\s+#\d+ (.*) \(([^()]*)\)$")
_SECTION = re.compile(r"^  (\S.*?):?$")
_CRASH = re.compile(r"^==\d+==ERROR: ThreadSanitizer: (\S+) on (?:unknown )?address (\S+)")
_CAUSE = re.compile(r"^==\d+==The signal is caused by a (\w+) memory access")

@dataclasses.dataclass
class Section:
    title: str
    frames: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Group:
    kind: str
    lines: list            # the condensed report: two lines
    count: int = 1

    @property
    def hint(self):
        for prefix, hint in HINTS.items():
            if self.kind.startswith(prefix):
                return hint
        return ""


@dataclasses.dataclass
class Crash:
    signal: str            # "SEGV"
    detail: str            # "WRITE to address 0x000000000000"
    frame: object = None   # the learner's Frame, if any


@dataclasses.dataclass
class TsanLog:
    groups: list = dataclasses.field(default_factory=list)
    reports: int = 0
    crash: object = None


def _frame(match):
    text, module = match.group(1), match.group(2)
    function, _, location = text.rpartition(" ")
    file, line = location, 0
    parts = location.split(":")
    if len(parts) >= 2 and parts[1].isdigit():
        file, line = parts[0], int(parts[1])
    return Frame(function=function or text, file=file, line=line, module=module)


def parse_lines(lines):
    log = TsanLog()
    groups = {}
    test, kind, sections = "", None, []
    crash_lines = None
    for raw in lines:
        line = raw.rstrip("\r\n")
        run = RUN_LINE.match(line)
        if run:
            test = run.group(1)
            continue
        start = _START.match(line)
        if start:
            kind, sections = start.group(1), []
            continue
        crash = _CRASH.match(line)
        if crash:
            log.crash = Crash(signal=crash.group(1), detail="at address %s" % crash.group(2))
            crash_lines = []
            continue
        if crash_lines is not None:
            cause = _CAUSE.match(line)
            if cause:
                log.crash.detail = "%s to address %s" % (cause.group(1).lower(),
                                                        log.crash.detail.split()[-1])
            frame = _FRAME.match(line)
            if frame and len(crash_lines) < MAX_FRAMES:
                crash_lines.append(_frame(frame))
            elif line.startswith("SUMMARY:") or line.endswith("ABORTING"):
                log.crash.frame = best_frame(crash_lines)
                crash_lines = None
            continue
        if kind is None:
            continue
        if _END.match(line):
            log.reports += 1
            if log.reports <= MAX_REPORTS:
                key, condensed = condense(kind, sections, test)
                group = groups.get(key)
                if group is None:
                    group = groups[key] = Group(kind=kind, lines=condensed, count=0)
                    log.groups.append(group)
                group.count += 1
            kind = None
            continue
        frame = _FRAME.match(line)
        if frame and sections:
            if len(sections[-1].frames) < MAX_FRAMES:
                sections[-1].frames.append(_frame(frame))
        elif _SECTION.match(line) and not line.startswith("    "):
            sections.append(Section(title=_SECTION.match(line).group(1)))
    if crash_lines:
        log.crash.frame = best_frame(crash_lines)
    return log


def parse_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse_lines(f)
