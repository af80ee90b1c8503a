"""How the grader prints: colours only on a terminal and never with NO_COLOR set; ASCII
symbols when the terminal cannot show Unicode."""
import os
import sys

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
