"""Charts as plain SVG strings, made on the server: no JavaScript, no chart library.

Each function returns one <svg> with a <title> and a <desc> that says in words what
the chart shows, so a screen reader (or a printout without colour) loses nothing.
The report and the web diary page both use these. Meaning never rests on colour
alone: the expected course is dashed, days over a medicine limit are marked with "!".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from itertools import count

from backrelief.diary.insights import DayPain, MedicineDay

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 26, 22, 34
# Every colour is at least 3:1 against the white page (WCAG 1.4.11, lines and bars too);
# the worst-pain line is also dotted, so it differs from the day's average by more than hue.
INK, GRID, PAIN, WORST, EXPECTED, BAR, OVER = "#222", "#949494", "#1f5fa8", "#6a85ad", "#555", "#3b7d3b", "#b3261e"
WORST_DASH = "2 3"
MEDICINE_ROW = 96
_ids = count(1)


def _open(title: str, desc: str, width: int, height: int) -> tuple[str, str]:
    n = next(_ids)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-labelledby="chart-t{n} chart-d{n}" font-family="DejaVu Sans, sans-serif" '
            f'font-size="11"><title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>')
    return head, "</svg>"


def _x_ticks(first: date, last: date, scale: float, x0: float, bottom: float) -> str:
    span = max((last - first).days, 1)
    step = max(1, span // 6)
    parts = []
    for offset in range(0, span + 1, step):
        day = date.fromordinal(first.toordinal() + offset)
        x = x0 + offset * scale
        parts.append(f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="{INK}">{day:%d %b}</text>')
    return "".join(parts)


def _y_axis(top: float, bottom: float, left: float, right: float, ticks: Sequence[tuple[float, str]]) -> str:
    parts = []
    for value, label in ticks:
        y = bottom - (bottom - top) * value
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{escape(label)}</text>')
    return "".join(parts)


def _empty(title: str, message: str, width: int = WIDTH, height: int = 80) -> str:
    head, tail = _open(title, message, width, height)
    return f'{head}<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{INK}">{escape(message)}</text>{tail}'


def _xy(x0: float, first: date, scale: float, bottom: float, top: float, day: date, value: float) -> tuple[float, float]:
    return x0 + (day - first).days * scale, bottom - (bottom - top) * value / 10


def pain_chart(days: Sequence[DayPain], width: int = WIDTH, height: int = HEIGHT) -> str:
    """Pain each day (solid line: the day's average; light line: the worst), with the
    average expected course (dashed) when there is one."""
    title = "Pain over time (0 to 10)"
    if not days:
        return _empty(title, "No diary entries in this period.")
    first, last = days[0].day, days[-1].day
    span = max((last - first).days, 1)
    x0, x1, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM
    scale = (x1 - x0) / span

    def point(day: date, value: float) -> str:
        return f"{x0 + (day - first).days * scale:.1f},{bottom - (bottom - top) * value / 10:.1f}"

    mean = " ".join(point(d.day, d.mean) for d in days)
    worst = " ".join(point(d.day, d.worst) for d in days)
    expected = [d for d in days if d.expected is not None]
    desc = (f"Daily pain from {first:%d %b %Y} to {last:%d %b %Y}: it started at {days[0].mean:g} out of 10 and was "
            f"{days[-1].mean:g} on the last day; the highest was {max(d.worst for d in days)}.")
    if expected:
        desc += f" The dashed line is the average course after a new bout, from {expected[0].expected:g} to " \
                f"{expected[-1].expected:g}."
    head, tail = _open(title, desc, width, height)
    parts = [head, _y_axis(top, bottom, x0, x1, [(v / 10, str(v)) for v in (0, 2, 4, 6, 8, 10)])]
    parts.append(f'<polyline points="{worst}" fill="none" stroke="{WORST}" stroke-width="1.5" '
                 f'stroke-dasharray="{WORST_DASH}"/>')
    if expected:
        line = " ".join(point(d.day, d.expected or 0) for d in expected)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{EXPECTED}" stroke-width="1.5" '
                     'stroke-dasharray="6 4"/>')
    parts.append(f'<polyline points="{mean}" fill="none" stroke="{PAIN}" stroke-width="2.5"/>')
    if len(days) <= 60:
        # The day dots as one path of circles (two arcs each): one element for the series.
        dots = "".join(f"M{x - 2.5:.1f} {y:.1f}a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0"
                       for x, y in (_xy(x0, first, scale, bottom, top, d.day, d.mean) for d in days))
        parts.append(f'<path d="{dots}" fill="{PAIN}"/>')
    parts.append(_x_ticks(first, last, scale, x0, bottom))
    legend_y = 9
    parts.append(f'<g font-size="10" fill="{INK}"><line x1="{x0}" x2="{x0 + 20}" y1="{legend_y}" y2="{legend_y}" '
                 f'stroke="{PAIN}" stroke-width="2.5"/><text x="{x0 + 24}" y="{legend_y + 3}">average of the day</text>'
                 f'<line x1="{x0 + 140}" x2="{x0 + 160}" y1="{legend_y}" y2="{legend_y}" stroke="{WORST}" '
                 f'stroke-width="1.5" stroke-dasharray="{WORST_DASH}"/><text x="{x0 + 164}" y="{legend_y + 3}">worst</text>')
    if expected:
        parts.append(f'<line x1="{x0 + 220}" x2="{x0 + 240}" y1="{legend_y}" y2="{legend_y}" stroke="{EXPECTED}" '
                     f'stroke-dasharray="6 4" stroke-width="1.5"/><text x="{x0 + 244}" y="{legend_y + 3}">'
                     'usual course from your start (study average)</text>')
    parts.append("</g>")
    parts.append(tail)
    return "".join(parts)


def _bars(title: str, desc: str, values: Sequence[tuple[date, float, bool]], top_value: float, unit_ticks:
          Sequence[tuple[float, str]], width: int, height: int, limit: float | None = None) -> str:
    head, tail = _open(title, desc, width, height)
    return head + _bar_layer(values, top_value, unit_ticks, width, TOP, height - BOTTOM, limit) + tail


def _bar_layer(values: Sequence[tuple[date, float, bool]], top_value: float, unit_ticks: Sequence[tuple[float, str]],
               width: int, top: float, bottom: float, limit: float | None = None) -> str:
    """Bars with their axis and day labels, drawn between `top` and `bottom`."""
    x0, x1 = LEFT, width - RIGHT
    slot = (x1 - x0) / max(len(values), 1)
    parts = [_y_axis(top, bottom, x0, x1, [(v / top_value, label) for v, label in unit_ticks])]
    # One path per series (the bars within the limit, the bars over it, the "!" over those),
    # not one element per day: a year of bars is then three elements for the PDF to lay out.
    within: list[str] = []
    over_limit: list[str] = []
    marks: list[str] = []
    bar = max(slot * 0.7, 0.8)
    for i, (_day, value, over) in enumerate(values):
        h = (bottom - top) * min(value, top_value) / top_value
        if h <= 0:
            continue  # a bar of no height draws nothing
        x = x0 + i * slot + slot * 0.15
        (over_limit if over else within).append(f"M{x:.1f} {bottom - h:.1f}h{bar:.1f}v{h:.1f}h{-bar:.1f}z")
        if over:
            # "!" drawn as a stem and a dot above the bar: meaning never rests on colour alone.
            cx, base = x + slot * 0.35, bottom - h - 3
            marks.append(f"M{cx - 1.1:.1f} {base - 9:.1f}h2.2v6h-2.2zM{cx - 1.1:.1f} {base - 2:.1f}h2.2v2h-2.2z")
    for series, colour in ((within, BAR), (over_limit, OVER), (marks, OVER)):
        if series:
            parts.append(f'<path d="{"".join(series)}" fill="{colour}"/>')
    if limit is not None:
        y = bottom - (bottom - top) * limit / top_value
        parts.append(f'<line x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{OVER}" stroke-dasharray="4 3"/>'
                     f'<text x="{x0 + 4}" y="{y - 4:.1f}" fill="{OVER}">daily limit</text>')
    every = max(1, -(-len(values) // 7))
    for i in range(0, len(values), every):
        x = x0 + i * slot + slot / 2
        parts.append(f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="{INK}">'
                     f'{values[i][0]:%d %b}</text>')
    return "".join(parts)


def flares_chart(weeks: Sequence[tuple[date, int]], width: int = WIDTH, height: int = 160) -> str:
    """Flare-ups in each week (weeks start on Monday)."""
    title = "Flare-ups per week"
    if not weeks:
        return _empty(title, "No flare-ups recorded in this period.")
    top = max(max(n for _, n in weeks), 1)
    total = sum(n for _, n in weeks)
    desc = (f"{total} flare-ups in {len(weeks)} weeks, from {weeks[0][0]:%d %b %Y}; "
            f"the most in one week was {max(n for _, n in weeks)}.")
    step = max(1, round(top / 4))
    ticks = [(v, str(v)) for v in range(0, top + 1, step)]
    return _bars(title, desc, [(w, float(n), False) for w, n in weeks], float(top), ticks, width, height)


def medicines_chart(days: Sequence[MedicineDay], width: int = WIDTH, height: int | None = None) -> str:
    """Each medicine in its own row, named, as a share of its daily limit (or, with no
    known limit, of its own highest day); "!" and red mark a day over the limit."""
    title = "Medicines per day, as a share of the daily limit"
    names = sorted({t.name for d in days for t in d.totals})
    if not names:
        return _empty(title, "No medicines recorded in this period.")
    first, last = days[0].day, days[-1].day
    span = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
    by_day = {(d.day, t.name): t for d in days for t in d.totals}
    over_days = sum(1 for d in days if any(t.over for t in d.totals))
    desc = (f"Medicines ({', '.join(names)}) on {len(days)} days from {first:%d %b %Y} to {last:%d %b %Y}. "
            f"Over a daily limit on {over_days} day{'s' if over_days != 1 else ''}.")
    head, tail = _open(title, desc, width, height or MEDICINE_ROW * len(names) + 8)
    parts = [head]
    for row, name in enumerate(names):
        totals = [by_day.get((day, name)) for day in span]
        ceiling = next((t.ceiling_mg for t in totals if t is not None and t.ceiling_mg), None)
        most = max((t.total_mg for t in totals if t is not None), default=0.0) or 1.0
        values = [(day, 0.0 if t is None else t.total_mg / (ceiling or most), bool(t and t.over))
                  for day, t in zip(span, totals, strict=True)]
        top = row * MEDICINE_ROW + TOP + 6
        label = f"{name}: share of {ceiling:g} mg a day" if ceiling else f"{name}: mg a day (no known limit)"
        parts.append(f'<text x="{LEFT}" y="{top - 10}" font-weight="bold" fill="{INK}">{escape(label)}</text>')
        if ceiling:
            ticks = [(0.0, "0%"), (0.5, "50%"), (1.0, "100%"), (1.5, "150%")]
            parts.append(_bar_layer(values, 1.5, ticks, width, top, top + MEDICINE_ROW - BOTTOM - 10, limit=1.0))
        else:
            ticks = [(0.0, "0"), (1.0, f"{most:g}")]
            parts.append(_bar_layer(values, 1.0, ticks, width, top, top + MEDICINE_ROW - BOTTOM - 10))
    parts.append(tail)
    return "".join(parts)
