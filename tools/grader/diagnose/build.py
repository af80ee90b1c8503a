"""The first lines of a failed build that a learner needs: the compiler's errors, each with its
source line and caret, and Bazel's own ERROR lines, from what Bazel reported."""
import re

_COMPILER_ERROR = re.compile(r"^[\w./+-]+:\d+:(\d+:)? (fatal error|error): |undefined reference|"
                             r"^collect2: error|multiple definition of")
_ERROR = re.compile(r"^ERROR: ")
_NOISE = re.compile(r"Build did NOT complete successfully|Couldn't start the build|"
                    r"^ERROR: command succeeded, but there were errors")
MAX_ERROR_LINES = 14


def _blocks(text):
    """The errors of Bazel's report `text`, each a list of lines: the error, and for the
    compiler's, the source line and the caret under it."""
    blocks, context = [], 0
    for line in text.splitlines():
        if _NOISE.search(line):
            continue
        if _COMPILER_ERROR.search(line):
            blocks.append([line])
            context = 2
        elif context and (line.startswith(" ") and "|" in line):
            blocks[-1].append(line)
            context -= 1
        elif _ERROR.match(line):
            blocks.append([line.split(" error executing command ")[0]])
            context = 0
        else:
            context = 0
    return blocks


def error_lines(text):
    """The first error lines of Bazel's report `text`."""
    return [line for block in _blocks(text) for line in block][:MAX_ERROR_LINES]


def errors_of(text, name):
    """The first error lines that concern the exercise `name`: those of the errors that name
    it, else of those that name no exercise (a broken WORKSPACE, say, concerns every one)."""
    blocks = _blocks(text)
    mine = [b for b in blocks if name in b[0]] or [b for b in blocks if "exercises/" not in b[0]]
    return [line for block in mine for line in block][:MAX_ERROR_LINES]
