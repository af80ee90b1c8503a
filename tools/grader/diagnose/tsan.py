"""Reads ThreadSanitizer reports and condenses each into two lines, with a one-line hint per
kind.

    data race: read at greeter.cc:16 (thread T3) vs write at greeter.cc:16 (thread T7)
      in StreamSink::WriteLine / StreamSink::WriteLine; during StreamSinkTest.EightThreads...

Frames of the standard library, GoogleTest and the TSan runtime are dropped (frames.py), and
reports that name the same places are merged. TSan's "DEADLYSIGNAL" crashes are read too.
"""
import dataclasses
import os
import re

from .frames import Frame, best_frame, short_function
from .gtest import RUN_LINE

_ACCESS = re.compile(r"^(Previous )?((?:atomic )?(?:read|write)) of size \d+ at \S+ by "
                     r"(main thread|thread T\d+)(?: \(mutexes: ([^)]*)\))?", re.I)
_LOCK = re.compile(r"^Mutex (M\d+) acquired here while holding mutex (M\d+) in "
                   r"(main thread|thread T\d+)")
_LOCATION = re.compile(r"^Location is (.*)")

# The advice class of each kind of report (diagnose/advice.py names them all); a data race or a
# use after free on a local that died while a thread still used it is "dead-local" (_dead_local).
_KINDS = [
    ("data race on vptr", "use-after-free"),
    ("data race", "data-race"),
    ("lock-order-inversion", "lock-order-inversion"),
    ("heap-use-after-free", "use-after-free"),
    ("thread leak", "thread-leak"),
    ("destroy of a locked mutex", "mutex-misuse"),
    ("unlock of an unlocked mutex", "mutex-misuse"),
    ("double lock of a mutex", "mutex-misuse"),
    ("signal-unsafe call inside of a signal", "signal-handler"),
    ("signal handler spoils errno", "signal-handler"),
]

# The hint of each advice class, for the learner; the classes with one hint per kind of report
# (mutex misuse, signal handlers) take theirs from KIND_HINTS.
HINTS = {
    "data-race": "no happens-before between these: guard both with the same mutex or make it "
                 "atomic (data handed over through an atomic needs a release store and an "
                 "acquire load)",
    "race-in-tests": "both accesses are in the tests' own code, which counts on yours to order "
                     "them: a lock that takes with acquire and frees with release, every thread "
                     "joined before your function returns, a wait that waits for its condition",
    "dead-local": "a thread uses a local that no longer exists: the function (or scope) that "
                  "owned it ended while the thread still ran. Capture it by value, or move it "
                  "into the thread's lambda, so that the thread owns what it uses; or, if the "
                  "function must wait for the thread, join it there on every path",
    "lock-order-inversion": "two locks taken in opposite orders: each thread can hold one and "
                            "wait forever for the other (a deadlock). Take them in one fixed "
                            "order everywhere, or both at once with std::scoped_lock(a, b)",
    "use-after-free": "an object died while another thread still used it: no thread may touch "
                      "an object once its owner can destroy it. Join that thread before the "
                      "object dies, or let it finish with the object (a notify after the "
                      "unlock is such a touch) before the owner can go on",
    "thread-leak": "a thread was never joined: join it before its std::thread goes away (or use "
                   "std::jthread)",
}
KIND_HINTS = {
    "destroy of a locked mutex": "a mutex died while locked: let its lock_guard end first",
    "unlock of an unlocked mutex": "unlock only what this thread locked; prefer std::lock_guard",
    "double lock of a mutex": "this thread locked a mutex it already holds: std::mutex is not "
                              "recursive",
    "signal-unsafe call inside of a signal": "a signal handler called a function that is not "
                                             "async-signal-safe: handle signals in a sigwait "
                                             "thread",
    "signal handler spoils errno": "handle signals in a sigwait thread instead of a handler",
}


def advice_of(kind):
    """The advice class of a TSan report's kind ("data race" -> "data-race")."""
    for prefix, advice in _KINDS:
        if kind.startswith(prefix):
            return advice
    return "other-report"


# A lambda's frame, and the function it was written in: gcc names the lambda's call
# "operator()" and its type "kata::StartGreeter(...)::<lambda()>"; clang "$_0".
_LAMBDA_IN = re.compile(r"([A-Za-z_][\w:]*)\((?:[^()]|\([^()]*\))*\)(?: const)?::<lambda\(")
_STACK_OF = re.compile(r"^stack of (main thread|thread T\d+)")
# A standard object whose destructor freed the memory: a local string, vector, function...
# destroyed at the end of its scope. (unique_ptr and shared_ptr own objects that are shared.)
_STD_DESTRUCTOR = re.compile(r"^std::(?!.*(?:unique_ptr|shared_ptr|_Sp_counted|thread))"
                             r".*::~\w+\(")


def _lambda_home(frames):
    """The function a thread's lambda was written in ("kata::StartGreeter"), "" if the frames
    show none, or None if they show no lambda at all."""
    home = None
    for frame in frames:
        found = _LAMBDA_IN.search(frame.function)
        if found:
            return found.group(1)
        if frame.function.startswith("operator()") or "$_" in frame.function:
            home = ""
    return home


def _last_name(function):
    """"kata::StartGreeter(std::string)" -> "StartGreeter": TSan names some frames in full and
    some by their last name only ("TestBody")."""
    return short_function(function).rsplit("::", 1)[-1]


def _mine(frames):
    return any(f.is_learner and not f.is_harness for f in frames)


def _dead_local(kind, accesses, location, sections):
    """When the memory was a local of a function that had returned (or of a scope that had
    ended) while another thread, through a lambda that captured it by reference, still used
    it: (the user's access section, its thread, the lambda's home function or "", the section
    where the local's memory was reused or freed). Else None.

    A data race on the stack of thread X: X's access comes from code that is not the lambda's
    home function (X left that function and reused its stack), while the other thread's access
    runs in a lambda. A heap-use-after-free: the memory was freed by the destructor of a
    standard object (a std::string, say) at the end of its scope, not by `delete`."""
    if kind.startswith("heap-use-after-free"):
        freed = next((s for s in sections if s.title.startswith("Previous write")), None)
        user = next((s for s in sections if s is not freed and s.frames), None)
        home = _lambda_home(user.frames) if user is not None else None
        if freed is None or home is None:
            return None
        outside = next((i for i, f in enumerate(freed.frames) if not f.is_library), None)
        if not outside or not _STD_DESTRUCTOR.match(freed.frames[outside - 1].function):
            return None
        thread = re.search(r"by (main thread|thread T\d+)", user.title)
        return user, thread.group(1) if thread else "a thread", home, freed
    stack = _STACK_OF.match(location)
    if not kind.startswith("data race") or not stack or len(accesses) < 2:
        return None
    owner = stack.group(1)
    owners = [s for a, s in accesses if a.group(3) == owner]
    others = [(a, s) for a, s in accesses if a.group(3) != owner]
    if not owners or not others:
        return None
    home = _lambda_home(others[0][1].frames)
    if home is None:
        return None
    if home:
        if any(_last_name(f.function) == _last_name(home) for f in owners[0].frames):
            return None
    elif _mine(owners[0].frames):
        return None
    return others[0][1], others[0][0].group(3), home, owners[0]


def _dead_local_lines(kind, found, during):
    """The two lines of a report on a local that had died (_dead_local)."""
    user, thread, home, ended = found
    frame, where = _describe(user)
    in_what = " (in %s)" % frame.short_function if frame else ""
    if home and (frame is None or frame.short_function.startswith("operator()")):
        in_what = " (in a lambda of %s)" % short_function(home)
    elif home:
        in_what = " (in %s, run by a lambda of %s)" % (frame.short_function, short_function(home))
    _, ended_at = _describe(ended)
    if kind.startswith("heap-use-after-free"):
        how = "it was destroyed at %s, where its scope ended" % ended_at
        what = "heap-use-after-free of a dead local"
    else:
        how = "its stack slot was reused at %s" % ended_at
        what = "data race on a dead local"
    return ["%s: %s uses it at %s%s" % (what, thread, where, in_what),
            "  after %s; %s" % (how, during)]


def _describe(section):
    frame = best_frame(section.frames)
    if frame is None and not section.frames:
        return None, "a place TSan did not record"   # "[failed to restore the stack]"
    return frame, (frame.where if frame else "?")


def condense(kind, sections, test):
    """Returns (merge key, two lines, advice class) for one report."""
    key, lines = _condense(kind, sections, test)
    accesses = [(_ACCESS.match(s.title), s) for s in sections if _ACCESS.match(s.title)]
    location = next((_LOCATION.match(s.title).group(1) for s in sections
                     if _LOCATION.match(s.title)), "")
    dead = _dead_local(kind, accesses, location, sections)
    if dead is None:
        advice = advice_of(kind)
        if advice == "data-race" and any(
                "~" in (_describe(section)[0] or Frame("")).function for _, section in accesses):
            advice = "use-after-free"   # one side is the object's destructor
        elif advice == "data-race" and accesses and not any(
                _mine(section.frames) for _, section in accesses):
            advice = "race-in-tests"
        return key, lines, advice
    during = "during %s" % test if test else "outside any test"
    lines = _dead_local_lines(kind, dead, during)
    return ("dead-local", lines[0]), lines, "dead-local"


def _condense(kind, sections, test):
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
        first = "lock-order inversion, two locks taken in opposite orders: " + lines[0]
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
_CRASH = re.compile(r"^==\d+==ERROR: ThreadSanitizer: (\S+) on (?:unknown )?address"
                    r"(?: (0x[0-9a-fA-F]+))?")
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
    advice: str = "other-report"   # the advice class (advice_of, or "dead-local")

    @property
    def hint(self):
        if self.advice in HINTS:
            return HINTS[self.advice]
        for prefix, hint in KIND_HINTS.items():
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

    def crash_cause(self):
        """The report that most likely explains a crash: the first on an object or a local
        that had died (a thread that reads freed memory can crash on it), or None."""
        return next((g for g in self.groups if g.advice in LIFETIME), None)


# Advice classes of memory that died while a thread still used it.
LIFETIME = ("dead-local", "use-after-free")


def _frame(match, harness=()):
    text, module = match.group(1), match.group(2)
    function, _, location = text.rpartition(" ")
    file, line = location, 0
    parts = location.split(":")
    if len(parts) >= 2 and parts[1].isdigit():
        file, line = parts[0], int(parts[1])
    return Frame(function=function or text, file=file, line=line, module=module,
                 test_file=os.path.basename(file) in harness)


def parse_lines(lines, harness=()):
    """Reads a test log. harness: the names of the exercise's test files (test_srcs), whose
    frames are the tests', not the learner's."""
    harness = {os.path.basename(h) for h in harness}
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
            log.crash = Crash(signal=crash.group(1), detail="at address %s" % (
                crash.group(2) or "unknown"))
            crash_lines = []
            continue
        if crash_lines is not None:
            cause = _CAUSE.match(line)
            if cause:
                log.crash.detail = "%s to address %s" % (cause.group(1).lower(),
                                                        log.crash.detail.split()[-1])
            frame = _FRAME.match(line)
            if frame and len(crash_lines) < MAX_FRAMES:
                crash_lines.append(_frame(frame, harness))
            elif line.startswith("SUMMARY:") or line.endswith("ABORTING"):
                log.crash.frame = best_frame(crash_lines)
                crash_lines = None
            continue
        if kind is None:
            continue
        if _END.match(line):
            log.reports += 1
            if log.reports <= MAX_REPORTS:
                key, condensed, advice = condense(kind, sections, test)
                group = groups.get(key)
                if group is None:
                    group = groups[key] = Group(kind=kind, lines=condensed, count=0,
                                                advice=advice)
                    log.groups.append(group)
                group.count += 1
            kind = None
            continue
        frame = _FRAME.match(line)
        if frame and sections:
            if len(sections[-1].frames) < MAX_FRAMES:
                sections[-1].frames.append(_frame(frame, harness))
        elif _SECTION.match(line) and not line.startswith("    "):
            sections.append(Section(title=_SECTION.match(line).group(1)))
    if crash_lines:
        log.crash.frame = best_frame(crash_lines)
    log.groups.sort(key=_rank)
    return log


def _rank(group):
    """Memory used after it died comes first: what that thread did next is undefined, so it
    may explain every other report and failure. A race with an object's destructor comes after
    the plain data races, though: one of those (a flag read without its lock) is often what let
    the owner destroy the object too early."""
    if group.advice == "use-after-free" and group.kind.startswith("data race"):
        return 2
    return 0 if group.advice in LIFETIME else 1


def parse_file(path, harness=()):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse_lines(f, harness)
