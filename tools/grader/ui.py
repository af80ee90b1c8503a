"""How the grader prints: colours only on a terminal and never with NO_COLOR set; ASCII
symbols when the terminal cannot show Unicode; progress on any wait for Bazel (Waiting)."""
import os
import sys
import threading
import time

_CODES = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "bold": "1", "dim": "2"}


class Ui:
    def __init__(self, stream=None, environ=None):
        self.stream = stream or sys.stdout
        environ = os.environ if environ is None else environ
        tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.color = tty and "NO_COLOR" not in environ and environ.get("TERM") != "dumb"
        self.tty = tty
        encoding = (getattr(self.stream, "encoding", "") or "").lower()
        self.unicode = encoding.replace("-", "") in ("utf8", "utf16", "utf32")
        self.ok = "✓" if self.unicode else "+"
        self.fail = "✗" if self.unicode else "x"
        self.todo = "·" if self.unicode else "-"

    def paint(self, text, *styles):
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return "\033[%sm%s\033[0m" % (codes, text)

    def say(self, text="", *styles):
        self.stream.write(self.paint(text, *styles) + "\n")
        self.stream.flush()

    def status(self, text):
        """A transient line (progress) on a terminal; nothing elsewhere."""
        if self.tty:
            width = 78
            self.stream.write("\r\033[K" + text[:width])
            self.stream.flush()

    def clear_status(self):
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def bar(self, done, total, width=6):
        full = "▓" if self.unicode else "#"
        empty = "░" if self.unicode else "."
        filled = round(width * done / total) if total else 0
        return "%s%s %d/%d" % (full * filled, empty * (width - filled), done, total)


class Waiting:
    """Shows progress while the grader waits for Bazel: on a terminal, Bazel's latest progress
    line, in place; elsewhere (a pipe, a CI log), once the wait has lasted QUIET s, one line
    every EVERY s. Use as `with Waiting(ui, "testing 01_greeter") as waiting:` and pass
    waiting.line to bazel_runner as on_line."""

    QUIET, EVERY = 2.0, 5.0
    _PROGRESS = ("[", "Analyzing", "Loading", "INFO: Analyzed", "INFO: Found")

    def __init__(self, ui, what):
        self.ui, self.what, self.latest = ui, what, ""
        self._started = time.monotonic()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._tell, daemon=True)

    def line(self, text):
        """Takes one line of Bazel's output."""
        if text.startswith(self._PROGRESS):
            self.latest = text
            self.ui.status("  bazel: " + text)

    def __enter__(self):
        if not self.ui.tty:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
        self.ui.clear_status()
        return False

    def _tell(self):
        wait = self.QUIET
        while not self._done.wait(wait):
            seconds = time.monotonic() - self._started
            latest = " (bazel: %s)" % self.latest[:60] if self.latest else ""
            self.ui.say("  ... %s: %.0f s%s" % (self.what, seconds, latest))
            wait = self.EVERY
