"""Reads `gdb -batch -ex "thread apply all bt"` and says, in words, where each thread waits.

    thread 1 (main) is blocked in std::thread::join at hang.cc:31 (in main), waiting for
    thread 3 to finish
"""
import dataclasses
import re

from .frames import Frame, innermost_learner_frame, learner_frames_first, symbol_after

_THREAD = re.compile(r"^Thread (\d+) \((.*)\):\s*$")
_FRAME = re.compile(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(.*)$")
_AT = re.compile(r"\s+at\s+(\S+):(\d+)$")
_FROM = re.compile(r"\s+from\s+(\S+)$")
_JOIN_TARGET = re.compile(r"\b(?:threadid=(\d+)|th=(0x[0-9a-f]+))")
_MUTEX = re.compile(r"\bmutex=0x[0-9a-f]+")
_COND = re.compile(r"\bcond=0x[0-9a-f]+")
# Threads that belong to the tools, not to the test: TSan's runtime and the trace sampler.
_TOOL_THREAD = re.compile(r"__tsan::BackgroundThread|trace::.*SamplerMain|SamplerMain")

# The body of a gtest test: TEST(Suite, Name) is the class Suite_Name_Test.
_TEST_BODY = re.compile(r"(?:^|::)(\w+)_Test::TestBody\b")

# (pattern on a frame's function, what the learner calls it), innermost frame first.
_BLOCKING = [
    (re.compile(r"std::thread::join|pthread_join|pthread_clockjoin|pthread_timedjoin"),
     "std::thread::join"),
    (re.compile(r"condition_variable.*::wait|pthread_cond_(timed|clock)?wait"),
     "std::condition_variable::wait"),
    (re.compile(r"pthread_mutex_(timed|clock)?lock|lll_lock_wait|pthread_rwlock_\w*lock"),
     "a mutex lock"),
    (re.compile(r"sleep_for|sleep_until|nanosleep|usleep|^(__)?sleep\b"),
     "std::this_thread::sleep_for"),
    (re.compile(r"latch::wait|barrier.*wait|__atomic_wait|atomic_wait|__platform_wait|sem_wait|"
                r"sem_timedwait|sem_clockwait|counting_semaphore"),
     "an atomic wait (std::latch, std::barrier, a semaphore or atomic::wait)"),
    (re.compile(r"sigwait|sigtimedwait|sigsuspend|^(__)?pause\b"), "sigwait"),
    (re.compile(r"\b(__)?(poll|ppoll|select|epoll_wait|read|recv\w*|accept4?|waitpid|wait4|"
                r"waitid)\b"), "a system call that waits for input or a child"),
]


@dataclasses.dataclass
class GdbThread:
    number: int
    lwp: int = 0
    pthread: str = ""
    frames: list = dataclasses.field(default_factory=list)   # Frames, innermost first
    raw: list = dataclasses.field(default_factory=list)      # the frame lines as printed

    @property
    def is_tool(self):
        return any(_TOOL_THREAD.search(f.function) for f in self.frames)


def parse(text):
    """Returns the GdbThreads of a `thread apply all bt` dump, in gdb's order."""
    threads = []
    for line in text.splitlines():
        header = _THREAD.match(line)
        if header:
            inside = header.group(2)
            lwp = re.search(r"LWP (\d+)", inside)
            pthread = re.search(r"Thread (0x[0-9a-f]+)", inside)
            threads.append(GdbThread(number=int(header.group(1)),
                                     lwp=int(lwp.group(1)) if lwp else 0,
                                     pthread=pthread.group(1) if pthread else ""))
            continue
        frame = _FRAME.match(line)
        if not frame or not threads:
            continue
        rest, file, number, module = frame.group(2), "", 0, ""
        at, source = _AT.search(rest), _FROM.search(rest)
        if at:
            file, number, rest = at.group(1), int(at.group(2)), rest[:at.start()]
        elif source:
            module, rest = source.group(1), rest[:source.start()]
        function = rest.split(" (", 1)[0].strip()
        threads[-1].frames.append(Frame(function=function, file=file, line=number, module=module))
        threads[-1].raw.append(line)
    return threads


def _blocking(thread):
    """(what it waits in, index of that frame), or ("", -1) when it waits in nothing known."""
    for index, frame in enumerate(thread.frames):
        for pattern, name in _BLOCKING:
            if pattern.search(frame.function):
                return name, index
    return "", -1


def _label(thread, main_lwp):
    is_main = thread.lwp == main_lwp if main_lwp else thread.number == 1
    return "thread %d%s" % (thread.number, " (main)" if is_main else "")


def describe(threads, main_lwp=0):
    """One sentence per thread of the test (tool threads left out), main thread first."""
    by_pthread = {t.pthread: t for t in threads if t.pthread}
    sentences = []
    for thread in sorted(threads, key=lambda t: t.number):
        if thread.is_tool:
            continue
        what, index = _blocking(thread)
        learner = innermost_learner_frame(thread.frames)
        where = learner.place if learner is not None else ""
        raw = " ".join(thread.raw)
        label = _label(thread, main_lwp)
        if what == "std::thread::join":
            target = _JOIN_TARGET.search(raw)
            waited = ""
            if target:
                handle = hex(int(target.group(1))) if target.group(1) else target.group(2)
                other = by_pthread.get(handle)
                if other is not None:
                    waited = ", waiting for %s to finish" % _label(other, main_lwp)
            sentences.append("%s is blocked in std::thread::join%s%s" % (label, where, waited))
        elif what == "a mutex lock":
            name = symbol_after(_MUTEX, raw)
            named = " " + name if name else ""
            sentences.append("%s is waiting to lock mutex%s%s" % (label, named, where))
        elif what == "std::condition_variable::wait":
            name = symbol_after(_COND, raw)
            named = " " + name if name else ""
            sentences.append("%s is waiting on condition variable%s in %s%s" % (
                label, named, what, where))
        elif what:
            sentences.append("%s is blocked in %s%s" % (label, what, where))
        elif learner is not None and index == -1:
            sentences.append("%s is running (not blocked)%s" % (label, where))
        else:
            inner = (thread.frames[0].short_function if thread.frames else "") or "?"
            sentences.append("%s is in %s%s" % (label, inner, where))
    return sentences


def hang_account(report):
    """(sentences, details, note) of a run.hang.HangReport: one sentence per thread saying where
    it waits; per thread, its learner frames first; and why there are no stacks, if there are
    none (then the sentences come from /proc)."""
    threads = parse(report.gdb_text)
    if not threads:
        note = report.note or "gdb could not attach: " + (
            report.ptrace_note or report.gdb_text.strip()[-200:])
        return report.thread_sentences, [], note
    details = [("thread %d" % t.number, learner_frames_first(t)) for t in threads
               if not t.is_tool]
    return describe(threads, main_lwp=report.pid), details, report.note


def test_on_stack(threads, known=()):
    """The gtest test whose body is on a stack of the dump ("Suite.Name"), or "" when none is.
    `known` are the test names of the log (gtest's own, such as "Inst/Suite.Name/0"): one whose
    class name matches is named as the log names it; otherwise the class name Suite_Name_Test is
    split at its first underscore (gtest advises against underscores in names)."""
    for thread in threads:
        for frame in thread.frames:
            body = _TEST_BODY.search(frame.function)
            if not body:
                continue
            name = body.group(1)
            for test in known:
                plain = test.split("/")[1] if test.count("/") == 2 else test.split("/")[0]
                if plain.replace(".", "_") == name:
                    return test
            suite, _, rest = name.partition("_")
            return "%s.%s" % (suite, rest) if rest else name
    return ""


def hung_test(report, log_running="", known=()):
    """The test a run.hang.HangReport stopped: the one on its stacks, else (no gdb dump, or
    no test body on it) `log_running`, the test the log says never ended. Under --repeat the
    log may be another run's than the one dumped, so the dump comes first."""
    return test_on_stack(parse(report.gdb_text), known) or log_running
