"""Condenses one ThreadSanitizer report (its sections of stack frames) into two lines that name
the learner's code, plus a one-line hint for its kind. Used by parse_tsan.py."""
import re

from .frames import best_frame

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
