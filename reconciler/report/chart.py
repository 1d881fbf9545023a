"""The small strip chart of one quantity: each source's value on one axis, consensus marked.

Geometry only (numbers and labels); the template draws it as inline SVG. Values that span
orders of magnitude are placed on a log scale, so a scale slip (×100) stands out as far from
the others as it is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date

from reconciler.models import Claim
from reconciler.report.views import ChartPoint, ChartTick, ChartView

WIDTH, HEIGHT = 300, 46
LEFT, RIGHT = 10, 10
AXIS_Y = 34
STEP = 7  # vertical step between sources that state the same value
LEVELS = 4
LOG_FROM = 20.0  # max/min ratio from which the axis is logarithmic

_DATE = re.compile(r"(\d{4}|-)-(\d\d)-(\d\d)")


def _date_number(value: str, year: int) -> float | None:
    m = _DATE.fullmatch(value)
    if not m:
        return None
    y = year if m.group(1) == "-" else int(m.group(1))
    try:
        return float(date(y, int(m.group(2)), int(m.group(3))).toordinal())
    except ValueError:
        return None


def compact(value: float) -> str:
    """Short tick label: 294K, 29.4M, 2.1B, 0.35."""
    a = abs(value)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            return f"{value / div:.3g}{suffix}"
    return f"{value:.3g}"


def chart(claims: Sequence[Claim], consensus: float | str | None, marks: dict[str, str],
          labels: dict[str, str], anchors: dict[str, str]) -> ChartView | None:
    """A chart of ``claims`` (one quantity), or None when there is nothing to draw.

    ``marks``: claim id -> "sev-error"/"sev-warning" for claims that disagree;
    ``labels``: claim id -> who says it ("3 · Nature"); ``anchors``: claim id -> HTML id.
    Only claims in the most common unit are placed (a figure in another currency would sit
    on the wrong axis); dates are placed by day.
    """
    if len(claims) < 2:
        return None
    units: dict[str, int] = {}
    for c in claims:
        units[c.unit] = units.get(c.unit, 0) + 1
    unit = max(units, key=lambda u: (units[u], u))
    is_date = all(isinstance(c.value, str) for c in claims)
    placed: list[tuple[Claim, float]] = []
    years = [int(c.value[:4]) for c in claims if isinstance(c.value, str) and c.value[:4].isdigit()]
    year = years[0] if years else 2000
    for c in claims:
        if c.unit != unit:
            continue
        if is_date:
            v = _date_number(str(c.value), year)
            if v is not None:
                placed.append((c, v))
        elif isinstance(c.value, int | float) and math.isfinite(c.value):
            placed.append((c, float(c.value)))
    if len(placed) < 2:
        return None
    cons: float | None = None
    if isinstance(consensus, str):
        cons = _date_number(consensus, year) if is_date else None
    elif isinstance(consensus, int | float) and math.isfinite(consensus):
        cons = float(consensus)
    values = [v for _, v in placed] + ([cons] if cons is not None else [])
    lo, hi = min(values), max(values)
    log = not is_date and lo > 0 and hi / lo >= LOG_FROM

    def f(v: float) -> float:
        return math.log10(v) if log else v

    a, b = f(lo), f(hi)
    pad = (abs(a) * 0.1 or 1.0) if a == b else (b - a) * 0.08
    a, b = a - pad, b + pad
    span = WIDTH - LEFT - RIGHT

    def x(v: float) -> float:
        return round(LEFT + (f(v) - a) / (b - a) * span, 1)

    stacks: dict[float, int] = {}
    points = []
    for c, v in sorted(placed, key=lambda cv: (cv[0].id in marks, cv[1])):  # outliers drawn last, on top
        px = x(v)
        level = stacks.get(px, 0)
        stacks[px] = level + 1
        css = marks.get(c.id, "agree")
        state = {"sev-error": "disagrees (error)", "sev-warning": "disagrees (warning)"}.get(css, "agrees")
        points.append(ChartPoint(
            x=px, y=float(AXIS_Y - 6 - STEP * min(level, LEVELS - 1)), css=css,
            label=f"{labels.get(c.id, c.source)}: {' '.join(c.text.split())} ({state})",
            href="#" + anchors.get(c.id, ""),
        ))

    def tick_label(v: float) -> str:
        if is_date:
            d = date.fromordinal(int(v))
            return f"{d:%b} {d.day}"
        return compact(v)

    ticks = [ChartTick(x=x(lo), label=tick_label(lo))]
    if hi != lo:
        ticks.append(ChartTick(x=x(hi), label=tick_label(hi)))
    outliers = [p for p in points if p.css != "agree"]
    words = (f"{len(points)} values on a {'log' if log else 'linear'} scale from {tick_label(lo)} to "
             f"{tick_label(hi)}")
    if cons is not None:
        words += f"; consensus {tick_label(cons)}"
    if outliers:
        words += f"; {len(outliers)} disagreeing: " + "; ".join(p.label for p in outliers[:4])
    return ChartView(width=WIDTH, height=HEIGHT, scale="log" if log else "linear", points=tuple(points),
                     ticks=tuple(ticks), consensus_x=x(cons) if cons is not None else None,
                     axis_y=float(AXIS_Y), description=words)
