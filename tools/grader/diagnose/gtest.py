"""Reads a GoogleTest log: which tests ran and failed, and the first failing assertions.

Logs can be flooded by learner code that prints in a loop, so lines are read one at a time,
cut to MAX_LINE characters, and only the first MAX_FAILURES assertion messages are kept.
"""
import dataclasses
import re

MAX_LINE = 240
MAX_FAILURES = 50
MAX_MESSAGE_LINES = 40

RUN_LINE = re.compile(r"^\[ RUN      \] (\S+)")
_OK = re.compile(r"^\[       OK \] (\S+)")
_FAILED = re.compile(r"^\[  FAILED  \] (\S+\.\S+?)(?:, where .*)? \(\d+ ms\)$")
_FAILURE = re.compile(r"^(.*?):(\d+): Failure$")
_UNKNOWN_FAILURE = re.compile(r"^unknown file: Failure$")
_RAN = re.compile(r"^\[==========\] (\d+) tests? from .* ran\.")
_PASSED = re.compile(r"^\[  PASSED  \] (\d+) tests?\.")
_END_OF_MESSAGE = re.compile(
    r"^(\[ RUN      \]|\[       OK \]|\[  FAILED  \]|\[  SKIPPED \]|\[----------\]|"
    r"\[==========\]|==================$|WARNING: ThreadSanitizer|ThreadSanitizer:|"
    r"SUMMARY: ThreadSanitizer|==\d+==)")
# A failure about time or order: numbers of milliseconds or a timing helper's words in the
# message (tests/support/timing.h, LineRecorder::Dump), or such a word in the test's name.
_TIMING_MESSAGE = re.compile(r"\b\d+(\.\d+)? ?ms\b|at least|too soon|too late|Slack|kForever")
_TIMING_NAME = re.compile(r"Order|Before|After|Pause|Gap|Prompt|Deadline|Timeout|Late|Early|"
                          r"Wait|Join(?!able)")


@dataclasses.dataclass
class Failure:
    test: str           # "GreetTest.PausesAfterEveryGreeting", or "" outside any test
    file: str           # "exercises/01_greeter/greeter_test.cc", or "unknown file"
    line: int
    message: list       # the assertion's lines, as printed

    @property
    def from_tsan(self):
        """True for the failure test_main.cc adds for a ThreadSanitizer report."""
        return self.file.endswith("tests/support/test_main.cc") or any(
            "ThreadSanitizer reported" in m for m in self.message[:2])

    @property
    def about_timing(self):
        return bool(_TIMING_NAME.search(self.test.split(".")[-1]) or
                    any(_TIMING_MESSAGE.search(m) for m in self.message))


@dataclasses.dataclass
class GtestLog:
    ran: list = dataclasses.field(default_factory=list)          # tests started, in order
    failed_tests: list = dataclasses.field(default_factory=list)  # tests that ended FAILED
    failures: list = dataclasses.field(default_factory=list)      # first MAX_FAILURES Failures
    more_failures: int = 0            # failures seen beyond MAX_FAILURES
    finished: bool = False            # the final "[==========] N tests ... ran." was printed
    passed_count: int = 0
    running: str = ""                 # the test that started last and never ended
    last_lines: list = dataclasses.field(default_factory=list)  # the log's last lines

    @property
    def timing_failures(self):
        return [f for f in self.failures if not f.from_tsan and f.about_timing]


def clip(line, limit=MAX_LINE):
    line = line.rstrip("\r\n")
    return line if len(line) <= limit else line[:limit - 1] + "…"


def parse_lines(lines):
    """Parses an iterable of log lines."""
    log = GtestLog()
    current = None   # the Failure whose message is being read
    test = ""
    for raw in lines:
        line = clip(raw)
        log.last_lines.append(line)
        if len(log.last_lines) > 20:
            del log.last_lines[0]
        if current is not None and _END_OF_MESSAGE.match(line):
            current = None
        match = _FAILURE.match(line) or _UNKNOWN_FAILURE.match(line)
        if match:
            if len(log.failures) < MAX_FAILURES:
                file, number = (match.group(1), int(match.group(2))) if match.groups() else (
                    "unknown file", 0)
                current = Failure(test=test, file=file, line=number, message=[])
                log.failures.append(current)
            else:
                log.more_failures += 1
                current = None
            continue
        if current is not None:
            if len(current.message) < MAX_MESSAGE_LINES:
                current.message.append(line)
            continue
        if RUN_LINE.match(line):
            test = RUN_LINE.match(line).group(1)
            log.ran.append(test)
            log.running = test
        elif _OK.match(line):
            log.running = ""
        elif _FAILED.match(line):
            name = _FAILED.match(line).group(1)
            if log.running and name == log.running:
                log.failed_tests.append(name)
                log.running = ""
        elif _RAN.match(line):
            log.finished = True
            log.running = ""
        elif _PASSED.match(line):
            log.passed_count = int(_PASSED.match(line).group(1))
    for failure in log.failures:
        while failure.message and not failure.message[-1].strip():
            failure.message.pop()
    return log


def parse_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse_lines(f)
