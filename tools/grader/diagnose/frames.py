"""Stack frames, as TSan and gdb print them: which belong to the learner, how to name them."""
import dataclasses
import os
import re

# Files of the learner's exercise (and of the reference and mutants, which share its shape).
_LEARNER = re.compile(r"^(?:.*/)?(exercises|solutions|tests/mutants)/\d\d_[^/]+/")
# The tests' own files in an exercise: test sources and their helper headers. A frame in one of
# them, or anywhere in tests/ but a mutant's copy of the learner's files, is the harness's.
_HARNESS_FILE = re.compile(r"(_test\.cc|_test\.h|_test_helpers\.h)$")
_HARNESS_DIR = re.compile(r"^(?:.*/)?tests/(?!mutants/)")
# Code the learner did not write: standard library, C library, TSan runtime, GoogleTest, and the
# kata's own test support.
_NOT_LEARNER = re.compile(
    r"^(/usr/|\.\./|<null>|\?\?|external/|tests/support/|libio/|nptl/|sysdeps/|stdlib/|string/|"
    r"posix/|misc/|signal/|csu/|elf/)|libsanitizer|/bits/|/c\+\+/")


# libc++ keeps its names in an inline namespace, std::__1:: (std::__2:: in its unstable ABI);
# libstdc++ has none. Frames carry libstdc++'s spelling, so every pattern matches under both.
_LIBCXX_NAMESPACE = re.compile(r"\bstd::__\d+::")


def standard_name(name):
    """"std::__1::thread::~thread()" (libc++) -> "std::thread::~thread()", as libstdc++ says."""
    return _LIBCXX_NAMESPACE.sub("std::", name)


@dataclasses.dataclass
class Frame:
    function: str       # libc++'s std::__1:: is read as std:: (standard_name)
    file: str = ""      # as printed: "exercises/01_greeter/greeter.cc", "/usr/include/..."
    line: int = 0
    module: str = ""    # "libtsan.so.2+0x5e686", "from /lib/x86_64-linux-gnu/libstdc++.so.6"
    test_file: bool = False  # known to be one of the exercise's test_srcs (a helper header)

    def __post_init__(self):
        self.function = standard_name(self.function)

    @property
    def is_learner(self):
        return bool(_LEARNER.match(self.file))

    @property
    def is_test_file(self):
        """A frame of the tests' own code in the exercise (a harness frame)."""
        return self.is_learner and self.is_harness

    @property
    def is_harness(self):
        """A frame of the tests: a _test.cc or _test_helpers.h file, one of the exercise's
        test_srcs when the reader knew them (test_file), or a file in tests/ (a mutant's copy of
        the learner's files, tests/mutants/NN_name/, is not one)."""
        return bool(self.test_file or _HARNESS_FILE.search(self.file) or
                    _HARNESS_DIR.match(self.file))

    @property
    def is_library(self):
        return not self.file or bool(_NOT_LEARNER.search(self.file))

    @property
    def where(self):
        """"greeter.cc:16"."""
        if not self.file:
            return "?"
        base = os.path.basename(self.file)
        return "%s:%d" % (base, self.line) if self.line else base

    @property
    def place(self):
        """" at greeter.cc:16 (in StreamSink::WriteLine)": where a crash or a wait happened; no
        "(in ...)" when the function has no name."""
        name = self.short_function
        return " at %s (in %s)" % (self.where, name) if name else " at %s" % self.where

    @property
    def short_function(self):
        return short_function(self.function)


def short_function(name):
    """"kata::StreamSink::WriteLine(std::basic_string_view<...>)" -> "StreamSink::WriteLine"."""
    # Before cutting at the argument list: "(anonymous namespace)::" is not one.
    for noise in ("(anonymous namespace)::", "kata::"):
        name = name.replace(noise, "")
    name = name.strip()
    if name.startswith("operator()"):
        return "operator() (a lambda)"
    depth = 0
    for i, ch in enumerate(name):
        if ch in "<[":
            depth += 1
        elif ch in ">]":
            depth -= 1
        elif ch == "(" and depth == 0 and i > 0 and not name[:i].endswith("operator"):
            name = name[:i]
            break
    return name if len(name) <= 60 else name[:57] + "..."


def best_frame(frames):
    """The frame to show a learner: their own code first, then any code not a library's."""
    for frame in frames:
        if frame.is_learner and not frame.is_test_file:
            return frame
    for frame in frames:
        if frame.is_learner:
            return frame
    for frame in frames:
        if not frame.is_library:
            return frame
    for frame in frames:
        if frame.file and frame.file != "<null>":
            return frame
    return frames[0] if frames else None


def learner_frame(frames):
    """The innermost frame of the learner's own code, not a test's; else the innermost frame in
    the exercise at all (a test's); else None. A crash inside a test helper is shown where the
    learner's code called it or ran it."""
    for frame in frames:
        if frame.is_learner and not frame.is_harness:
            return frame
    return innermost_learner_frame(frames)


def innermost_learner_frame(frames):
    for frame in frames:
        if frame.is_learner:
            return frame
    return None


def symbol_after(pattern, text):
    """The variable gdb names after `cond=0x... <symbol>`, shortened: "StartGreeter::cv"."""
    match = pattern.search(text)
    if not match or text[match.end():match.end() + 2] != " <":
        return ""
    depth, name = 0, []
    for ch in text[match.end() + 2:]:
        if ch == ">" and depth == 0:
            break
        depth += {"<": 1, ">": -1, "(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and ch not in ")>":
            name.append(ch)
    return short_function("".join(name))


def learner_frames_first(thread, limit=6):
    """The thread's learner frames (innermost first), then a count of the frames left out."""
    mine = [f for f in thread.frames if f.is_learner][:limit]
    lines = ["#%d %s" % (thread.frames.index(f), " ".join(
        part for part in (f.short_function, "at " + f.where) if part)) for f in mine]
    hidden = len(thread.frames) - len(mine)
    if hidden:
        lines.append("(%d library frames hidden)" % hidden)
    return lines
