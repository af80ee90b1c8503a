"""Condenses ThreadSanitizer reports into two lines each, with a one-line hint per kind.

    data race: read at greeter.cc:16 (thread T3) vs write at greeter.cc:16 (thread T7)
      in StreamSink::WriteLine / StreamSink::WriteLine; during StreamSinkTest.EightThreads...

Frames of the standard library, GoogleTest and the TSan runtime are dropped (frames.py), and
reports that name the same places are merged. TSan's "DEADLYSIGNAL" crashes are read too.
"""
import dataclasses
import re

from .frames import Frame, best_frame
from .parse_gtest import RUN_LINE
from .tsan_condense import HINTS, condense

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
