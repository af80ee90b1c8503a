"""Draws timeline Windows: as text swimlanes for the terminal, and as an SVG picture."""
from .model import LEGEND, MARKS, ms

MAX_LISTED_EVENTS = 14


def escape(text):
    """XML-escapes text (xml.sax.saxutils would pull in urllib and http: slow to import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column(at, window, width):
    span = window.end - window.begin
    return min(width - 1, max(0, int((at - window.begin) * width / span)))


def ascii_window(window, width=64, unicode=True):
    run, wait = ("━", "·") if unicode else ("=", ".")
    result = " (%s)" % window.result if window.result else ""
    per_column = (window.end - window.begin) / width
    lines = ["%s%s: %s, one column = %s" % (window.test, result, ms(window.end - window.begin),
                                             ms(per_column))]
    label_width = max([len(lane.label) for lane in window.lanes] + [6])
    axis = [" "] * width
    for tick in range(0, width, 16):
        text = ms(window.begin + tick * per_column - window.begin).replace(" ", "")
        axis[tick:tick + len(text)] = list(text)
    lines.append(" " * (label_width + 2) + "".join(axis)[:width])
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
        lines.append("%-*s  %s" % (label_width, lane.label, "".join(cells)))
    lines.append("%*s  %s running  %s waiting  %s" % (label_width, "", run, wait, LEGEND))
    if len(window.lanes) == 1 and window.lanes[0].label == "main":
        lines.append("  Only the main thread ran: this test started no std::thread.")
    listed = [(e, lane) for lane in window.lanes for e in lane.marks]
    listed.sort(key=lambda pair: pair[0].at)
    for event, lane in listed[:MAX_LISTED_EVENTS]:
        detail = " " + event.detail if event.detail and event.kind in ("print", "signal") else ""
        lines.append("  %9s  %-*s  %s%s" % ("+" + ms(event.at - window.begin), label_width,
                                            lane.label, event.kind, detail))
    if len(listed) > MAX_LISTED_EVENTS:
        lines.append("  ... %d more events" % (len(listed) - MAX_LISTED_EVENTS))
    return lines


def svg(windows, width=900):
    """One SVG picture of `windows`, stacked: solid bars run, dotted lines wait."""
    row, left, parts, y = 26, 110, [], 10
    plot = width - left - 20
    colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]
    for window in windows:
        span = window.end - window.begin

        def x(at):
            return left + (at - window.begin) * plot / span
        title = "%s%s, %s" % (window.test, " (%s)" % window.result if window.result else "",
                              ms(span))
        parts.append('<text x="10" y="%d" font-weight="bold">%s</text>' % (y + 14, escape(title)))
        y += 26
        for tick in range(5):
            at = window.begin + span * tick / 4
            parts.append('<text x="%.1f" y="%d" font-size="10" fill="#777">%s</text>' % (
                x(at), y + 8, ms(at - window.begin)))
        y += 14
        for index, lane in enumerate(window.lanes):
            color = colors[index % len(colors)]
            middle = y + row / 2
            parts.append('<text x="10" y="%.1f" font-size="12">%s</text>' % (
                middle + 4, escape(lane.label)))
            for begin, end, running in lane.spans:
                style = ('stroke-width="8"' if running else
                         'stroke-width="3" stroke-dasharray="2,5" stroke-linecap="round"')
                parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" %s/>' % (
                    x(begin), middle, max(x(end), x(begin) + 1), middle, color, style))
            for event in lane.marks:
                letter = MARKS[event.kind][0]
                tip = escape("%s +%s %s %s" % (lane.label, ms(event.at - window.begin),
                                               event.kind, event.detail))
                parts.append('<g><title>%s</title><circle cx="%.1f" cy="%.1f" r="6" fill="white" '
                             'stroke="black"/><text x="%.1f" y="%.1f" font-size="9" '
                             'text-anchor="middle">%s</text></g>' % (
                                 tip, x(event.at), middle, x(event.at), middle + 3,
                                 escape(letter)))
            y += row
        y += 16
    legend = "solid: running   dotted: waiting   " + LEGEND
    parts.append('<text x="10" y="%d" font-size="11" fill="#555">%s</text>' % (y + 4,
                                                                              escape(legend)))
    height = y + 16
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'font-family="sans-serif">\n<rect width="100%%" height="100%%" fill="white"/>\n%s\n'
            '</svg>\n' % (width, height, "\n".join(parts)))
