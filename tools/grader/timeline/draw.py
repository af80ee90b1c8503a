"""Draws timeline Windows: as text swimlanes for the terminal, and as an SVG picture.

The SVG is drawn in two steps: layout() places every shape (lanes, markers, labels, arrows,
ticks) and returns them as data, a Picture; svg() writes that Picture out. Tests check the
geometry on the Picture: no two markers overlap, no two labels overlap, every tick label fits.
"""
import dataclasses

from .model import LEGEND, MARKS, ms

MAX_LISTED_EVENTS = 14
ONLY_MAIN = "Only the main thread ran: this test started no std::thread."
BY_THE_TEST = "(test), (by the test): the test's own threads and events, not your program's"


def escape(text):
    """XML-escapes text (xml.sax.saxutils would pull in urllib and http: slow to import)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# ---- Text ----

def lane_name(lane):
    return lane.label + (" (test)" if lane.harness else "")


def plot_width(window, columns):
    """The columns of time in a drawing of `window` on a terminal `columns` wide."""
    label_width = max([len(lane_name(lane)) for lane in window.lanes] + [6])
    return max(40, min(100, columns - label_width - 3))


def _column(at, window, width):
    span = window.end - window.begin
    return min(width - 1, max(0, int((at - window.begin) * width / span)))


def _axis(window, width, every=16):
    """The tick line: the time under every `every`th column, and the end at the right edge;
    a tick whose label would touch another's is left out, none is cut off."""
    axis = [" "] * width
    per_column = (window.end - window.begin) / width
    end = ms(window.end - window.begin).replace(" ", "")
    taken = [(width - len(end), width)]
    axis[width - len(end):] = list(end)
    for col in range(0, width, every):
        text = ms(col * per_column).replace(" ", "")
        if all(col + len(text) < a or b < col for a, b in taken):
            axis[col:col + len(text)] = list(text)
            taken.append((col, col + len(text)))
    return "".join(axis)


def _wrap(words, width):
    """The legend's entries (separated by two spaces) in lines of at most `width` columns."""
    lines, line = [], ""
    for word in words:
        if line and len(line) + 2 + len(word) > width:
            lines.append(line)
            line = ""
        line = line + "  " + word if line else word
    return lines + [line]


def ascii_window(window, width=64, unicode=True):
    run, wait = ("━", "·") if unicode else ("=", ".")
    result = " (%s)" % window.result if window.result else ""
    per_column = (window.end - window.begin) / width
    title = "%s%s: %s" % (window.test, result, ms(window.end - window.begin))
    scale = "one column = %s" % ms(per_column)
    # On 80 columns, a long test name leaves the scale a line of its own.
    lines = ["%s, %s" % (title, scale)] if len(title) + len(scale) < 78 else [title, "  " + scale]
    label_width = max([len(lane_name(lane)) for lane in window.lanes] + [6])
    lines.append(" " * (label_width + 2) + _axis(window, width))
    for lane in window.lanes:
        cells, priority = [" "] * width, [0] * width
        for begin, end, running in lane.spans:
            for col in range(_column(begin, window, width), _column(end, window, width) + 1):
                if running or cells[col] == " ":
                    cells[col] = run if running else wait
        for event in lane.marks:
            letter, rank = MARKS[event.kind]
            col = _column(event.at, window, width)
            if rank > priority[col]:
                cells[col], priority[col] = letter, rank
        lines.append("%-*s  %s" % (label_width, lane_name(lane), "".join(cells)))
    legend = ["%s running" % run, "%s waiting" % wait] + LEGEND.split("  ")
    for line in _wrap(legend, label_width + 2 + width - 2):
        lines.append("  " + line)
    if any(lane.harness or any(e.harness for e in lane.marks) for lane in window.lanes):
        lines.append("  " + BY_THE_TEST)
    if len(window.lanes) == 1 and window.lanes[0].label == "main":
        lines.append("  " + ONLY_MAIN)
    listed = [(e, lane) for lane in window.lanes for e in lane.marks]
    listed.sort(key=lambda pair: pair[0].at)
    for event, lane in listed[:MAX_LISTED_EVENTS]:
        detail = " " + event.detail if event.detail and event.kind in ("print", "signal") else ""
        by = "  (by the test)" if event.harness else ""
        lines.append("  %9s  %-*s  %s%s%s" % ("+" + ms(event.at - window.begin), label_width,
                                              lane.label, event.kind, detail, by))
    if len(listed) > MAX_LISTED_EVENTS:
        lines.append("  ... %d more events" % (len(listed) - MAX_LISTED_EVENTS))
    return lines


# ---- Picture layout ----

MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace"
CHAR = 0.61       # width of a monospace character, in em (DejaVu Sans Mono: 0.602)
RADIUS = 7        # of an event marker
GAP = 2           # between two markers, or two labels, side by side
MAX_NUDGE = 3 * (2 * RADIUS + GAP)   # how far a marker may move right before it takes a new row
MARKER_ROWS = 3   # rows of markers in a lane: on its bar, then above it
LABEL_SIZE = 10   # font size of a print's label
LABEL_CHARS = 22  # longer prints are cut, with an ellipsis
LABEL_ROWS = 5    # rows of labels under a lane at most; more labels move right
MAX_LABELS = 40   # labels in a lane at most: further prints have only their tooltip
TICK_SIZE = 10
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]
HARNESS = "#707070"


@dataclasses.dataclass
class Box:
    """A shape with a bounding box: a marker (x, y its top left), a label, a text."""
    kind: str  # "marker", "label", "tick", "title", "lane", "note"; in the key "key marker", "legend"
    x: float
    y: float
    w: float
    h: float
    text: str = ""
    tip: str = ""     # the tooltip: the event in full
    color: str = "#000"
    harness: bool = False
    size: float = 12  # font size

    def right(self):
        return self.x + self.w

    def bottom(self):
        return self.y + self.h

    def intersects(self, other):
        return (self.x < other.right() and other.x < self.right() and
                self.y < other.bottom() and other.y < self.bottom())


@dataclasses.dataclass
class Line:
    """A line: a lane running ("run") or waiting ("wait"), an arrow between lanes ("spawn",
    "join"), a thin leader from an event's time to its marker or label ("leader"), a grid line;
    in the key, "key run" and so on."""
    kind: str
    x1: float
    y1: float
    x2: float
    y2: float
    color: str = "#000"


@dataclasses.dataclass
class Picture:
    width: float
    height: float
    shapes: list   # Box and Line, in drawing order

    def boxes(self, kind):
        return [s for s in self.shapes if isinstance(s, Box) and s.kind == kind]

    def lines(self, kind):
        return [s for s in self.shapes if isinstance(s, Line) and s.kind == kind]


def text_width(text, size, mono=True):
    """The width of `text` at font `size`: exact for a monospace font, generous otherwise."""
    return len(text) * size * (CHAR if mono else 0.62)


def short(text, chars=LABEL_CHARS):
    return text if len(text) <= chars else text[:chars - 1] + "…"


def _place_markers(events, x):
    """(event, row, left x) for each event: on the bar at its time if it fits, else nudged right
    past its neighbour, else in the next row up (the last row takes any nudge)."""
    free = [float("-inf")] * MARKER_ROWS   # per row: where the next marker may start
    placed = []
    for event in sorted(events, key=lambda e: e.at):
        want = x(event.at) - RADIUS
        for row in range(MARKER_ROWS):
            left = max(want, free[row])
            if left - want <= MAX_NUDGE or row == MARKER_ROWS - 1:
                break
        free[row] = left + 2 * RADIUS + GAP
        placed.append((event, row, left))
    return placed


def _place_labels(markers, limit):
    """(event, row, box left, text, width) for each print or signal: under its marker, in the
    first row where it meets no other label (kept left of `limit`); when every row is taken
    there, in the row that frees up first, moved right past the label before it."""
    rows = [[] for _ in range(LABEL_ROWS)]   # per row: (left, right) of the labels in it
    placed = []
    for event, _, left in markers:
        if event.kind not in ("print", "signal") or not event.detail:
            continue
        if len(placed) == MAX_LABELS:
            break
        text = short(event.detail)
        w = text_width(text, LABEL_SIZE) + 6
        x = max(0, min(left + RADIUS - 3, limit - w))
        free = [row for row, taken in enumerate(rows)
                if all(x + w + GAP <= a or b + GAP <= x for a, b in taken)]
        if free:
            row = free[0]
        else:
            row = min(range(LABEL_ROWS), key=lambda r: max(b for _, b in rows[r]))
            x = max(b for _, b in rows[row]) + GAP
        rows[row].append((x, x + w))
        placed.append((event, row, x, text, w))
    return placed


def layout(windows, width=900):
    """Places every shape of the picture of `windows`, stacked top to bottom."""
    shapes, y = [], 10
    label_width = max([len(lane_name(lane)) for w in windows for lane in w.lanes] + [6])
    left = 16 + text_width("x" * label_width, 12, mono=False)
    plot = width - left - 24
    for window in windows:
        span = window.end - window.begin

        def x(at, window=window, span=span):
            return left + (at - window.begin) * plot / span
        title = "%s%s, %s" % (window.test, " (%s)" % window.result if window.result else "",
                              ms(span))
        color = {"passed": "#1a7f37", "failed": "#cf222e"}.get(window.result, "#000")
        shapes.append(Box("title", 10, y, text_width(title, 14, mono=False), 18, title,
                          color=color, size=14))
        y += 26
        ticks_y = y
        for tick in range(5):
            at = window.begin + span * tick / 4
            text = ms(at - window.begin)
            w = text_width(text, TICK_SIZE)
            # The first tick label starts at its time, the last ends there: none sticks out.
            tx = x(at) - (0 if tick == 0 else w if tick == 4 else w / 2)
            shapes.append(Box("tick", tx, y, w, TICK_SIZE + 2, text, color="#666",
                              size=TICK_SIZE))
        y += TICK_SIZE + 8
        markers_of = {}
        for index, lane in enumerate(window.lanes):
            color = HARNESS if lane.harness else COLORS[index % len(COLORS)]
            markers = _place_markers(lane.marks, x)
            labels = _place_labels(markers, left + plot + 24)
            marker_rows = 1 + max([row for _, row, _ in markers] + [0])
            bar = y + 4 + RADIUS + (marker_rows - 1) * (2 * RADIUS + GAP)
            name = lane_name(lane)
            shapes.append(Box("lane", 10, bar - 8, text_width(name, 12, mono=False), 14, name,
                              color=color, harness=lane.harness))
            for begin, end, running in lane.spans:
                shapes.append(Line("run" if running else "wait", x(begin), bar,
                                   max(x(end), x(begin) + 1), bar, color))
            label_top = bar + RADIUS + 4
            for event, row, lx, text, w in labels:
                marker = next(m for m in markers if m[0] is event)
                ly = label_top + row * (LABEL_SIZE + 6)
                mx = marker[2] + RADIUS
                shapes.append(Line("leader", mx, bar + RADIUS, min(max(mx, lx + 3), lx + w - 3),
                                   ly, HARNESS if event.harness else color))
            for event, row, mx in markers:
                my = bar - RADIUS - row * (2 * RADIUS + GAP)
                if abs(mx + RADIUS - x(event.at)) > 1 or row:
                    shapes.append(Line("leader", x(event.at), bar, mx + RADIUS, my + RADIUS,
                                       "#555"))
                tip = "%s +%s %s%s %s" % (lane.label, ms(event.at - window.begin),
                                          "(by the test) " if event.harness else "",
                                          event.kind, event.detail)
                box = Box("marker", mx, my, 2 * RADIUS, 2 * RADIUS, MARKS[event.kind][0],
                          tip.strip(), color, event.harness, 9)
                shapes.append(box)
                markers_of[id(event)] = box
            for event, row, lx, text, w in labels:
                ly = label_top + row * (LABEL_SIZE + 6)
                shapes.append(Box("label", lx, ly, w, LABEL_SIZE + 4, text,
                                  "%s: %s" % (lane.label, event.detail), color, event.harness,
                                  LABEL_SIZE))
            label_rows = 1 + max([row for _, row, _, _, _ in labels] + [-1])
            y = label_top + label_rows * (LABEL_SIZE + 6) + 6
        grid_bottom = y - 4
        if len(window.lanes) == 1 and window.lanes[0].label == "main":
            shapes.append(Box("note", left, y - 4, text_width(ONLY_MAIN, 11, mono=False), 15,
                              ONLY_MAIN, color="#555", size=11))
            y += 15
        for link in window.links:
            a, b = markers_of.get(id(link.source)), markers_of.get(id(link.target))
            if a is not None and b is not None:
                shapes.insert(0, _arrow(link.kind, a, b))
        for tick in range(5):
            gx = x(window.begin + span * tick / 4)
            shapes.insert(0, Line("grid", gx, ticks_y + TICK_SIZE + 4, gx, grid_bottom, "#e4e4e4"))
        y += 14
    y = _legend(shapes, y)
    right = max([s.right() for s in shapes if isinstance(s, Box)] + [width - 10])
    return Picture(max(width, right + 10), y + 8, shapes)


def _arrow(kind, a, b):
    """An arrow from marker `a` to marker `b`, between their rims."""
    (ax, ay), (bx, by) = (a.x + RADIUS, a.y + RADIUS), (b.x + RADIUS, b.y + RADIUS)
    length = max(1.0, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
    dx, dy = (bx - ax) / length, (by - ay) / length
    return Line(kind, ax + dx * RADIUS, ay + dy * RADIUS, bx - dx * (RADIUS + 1),
                by - dy * (RADIUS + 1), "#444")


def _legend(shapes, y):
    """The key, two lines at the bottom; returns the y below it."""
    x = 10.0
    entries = [("run", "running"), ("wait", "waiting"), ("spawn", "spawn → start"),
               ("join", "exit → joined"), ("program", "your program"),
               ("harness", "the test")]
    for kind, text in entries:
        if kind in ("run", "wait", "spawn", "join"):
            shapes.append(Line("key " + kind, x, y + 6, x + 26, y + 6, "#555"))
            x += 32
        else:
            shapes.append(Box("key marker", x, y - 1, 2 * RADIUS, 2 * RADIUS, "*",
                              "an event " + ("of " + text if kind == "program" else
                                             "recorded by " + text), "#555",
                              kind == "harness", 9))
            x += 2 * RADIUS + 6
        shapes.append(Box("legend", x, y, text_width(text, 11), 13, text, color="#444", size=11))
        x += text_width(text, 11) + 18
    y += 20
    shapes.append(Box("legend", 10, y, text_width(LEGEND, 11), 13, LEGEND, color="#444",
                      size=11))
    return y + 16


# ---- SVG ----

ARROWHEAD = ('<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             'fill="#444"/></marker>')
LINE_STYLES = {
    "run": 'stroke-width="8"',
    "wait": 'stroke-width="3" stroke-dasharray="2,5" stroke-linecap="round"',
    "spawn": 'stroke-width="1.3" marker-end="url(#head)"',
    "join": 'stroke-width="1.3" stroke-dasharray="5,3" marker-end="url(#head)"',
    "leader": 'stroke-width="0.8"',
    "grid": 'stroke-width="1"',
}


def _svg_line(line):
    return '<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" %s/>' % (
        line.x1, line.y1, line.x2, line.y2, line.color, LINE_STYLES[line.kind.split()[-1]])


def _svg_box(box):
    if box.kind.endswith("marker"):
        outline = ('fill="#e4e4e4" stroke="%s" stroke-dasharray="2,1.5"' % HARNESS
                   if box.harness else 'fill="white" stroke="black"')
        return ('<g><title>%s</title><circle cx="%.1f" cy="%.1f" r="%.1f" %s/><text x="%.1f" '
                'y="%.1f" font-size="9" text-anchor="middle" fill="%s">%s</text></g>' % (
                    escape(box.tip), box.x + RADIUS, box.y + RADIUS, RADIUS - 0.5, outline,
                    box.x + RADIUS, box.y + RADIUS + 3, "#333" if box.harness else "black",
                    escape(box.text)))
    if box.kind == "label":
        frame = ('fill="#f6f6f6" stroke="%s" stroke-dasharray="2,1.5"' % HARNESS if box.harness
                 else 'fill="white" stroke="%s"' % box.color)
        return ('<g><title>%s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" '
                '%s/><text x="%.1f" y="%.1f" font-size="%d" font-family="%s" fill="%s"%s>'
                '%s</text></g>' % (
                    escape(box.tip), box.x, box.y, box.w, box.h, frame, box.x + 3,
                    box.y + box.h - 3.5, box.size, MONO, HARNESS if box.harness else "#111",
                    ' font-style="italic"' if box.harness else "", escape(box.text)))
    mono = box.kind in ("tick", "legend")
    weight = {"title": ' font-weight="bold"', "note": ' font-style="italic"'}.get(box.kind, "")
    family = ' font-family="%s"' % MONO if mono else ""
    return '<text x="%.1f" y="%.1f" font-size="%d" fill="%s"%s%s>%s</text>' % (
        box.x, box.y + box.h - 3, box.size, box.color, weight, family, escape(box.text))


def svg(windows, width=900):
    """One SVG picture of `windows`, stacked: solid bars run, dotted lines wait."""
    picture = layout(windows, width)
    body = [_svg_line(s) if isinstance(s, Line) else _svg_box(s) for s in picture.shapes]
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" font-family="sans-serif">\n<defs>%s</defs>\n'
            '<rect width="100%%" height="100%%" fill="white"/>\n%s\n</svg>\n' % (
                picture.width, picture.height, picture.width, picture.height, ARROWHEAD,
                "\n".join(body)))
