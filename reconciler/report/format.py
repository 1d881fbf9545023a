"""Formatting for the report: numbers, quotes split around their figure, ids safe for HTML,
severity ranks and CSS classes, short titles and labels."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from reconciler.models import SEVERITIES, Claim, Source
from reconciler.report.views import (
    QuoteView,
)

_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
DEFAULT_TITLE = "Reconcile report"


# Characters kept on each side of the number in a quoted sentence: findings get more
# context; the per-source claim lists (one row per claim, the bulk of a large report) less.
QUOTE_CONTEXT = 240


SOURCE_QUOTE_CONTEXT = 100


DATA_CONTEXT = 90  # in the compressed data of a large report


SHORT_TITLE = 32  # characters of a source title in a matrix column header


MARKED = ("error", "warning")  # severities that colour matrix cells and claims


SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}


SEVERITY_PLURALS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


STATUS_LABELS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "corrected": "Corrected"}


# findings about a relation between claims (all of them are what the finding is about), not
# about claims that stray from their quantity's consensus
RELATION_RULES = frozenset({"arithmetic", "internal_equivalence", "update", "range_ends", "headline_mismatch",
                            "same_figure_twice"})
# findings that list the claims printing one value first (one year for a date), then the others':
# the first ones are what the finding is about, whatever the group's consensus says
LEADING_VALUE_RULES = frozenset({"year_mismatch"})


def leading_value(ids: list[str], claims: Mapping[str, Claim]) -> tuple[list[str], list[str]]:
    """The leading claims printing the first one's value, and the rest (LEADING_VALUE_RULES)."""
    lead = claims[ids[0]].value if ids else None
    k = next((i for i, c in enumerate(ids) if claims[c].value != lead), len(ids))
    return ids[:k], ids[k:]


_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def html_id(prefix: str, raw: str) -> str:
    """``prefix`` + ``raw`` with every char outside [A-Za-z0-9_-] replaced by '_'."""
    return prefix + _UNSAFE_ID.sub("_", raw)


def anchor_map(prefix: str, ids: Iterable[str]) -> dict[str, str]:
    """Map raw ids to unique HTML ids; sanitising collisions get a numeric suffix."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for raw in ids:
        if raw in out:
            continue
        base = candidate = html_id(prefix, raw)
        n = 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        out[raw] = candidate
    return out


def format_number(value: float | str | None) -> str:
    """Human display of a value: thousands separators, no float noise, strings as is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return str(value)
    tidy = float(f"{value:.12g}")
    if tidy.is_integer() and abs(tidy) < 1e15:
        return f"{int(tidy):,}"
    return format(tidy, ",")


def bounds_text(claim: Claim) -> str:
    if claim.low is None or claim.high is None or claim.low == claim.high:
        return ""
    return f"{format_number(claim.low)} \u2013 {format_number(claim.high)}"


def _clip(before: str, after: str, width: int) -> tuple[str, str]:
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return before, after


def split_quote(
    sentence: str, text: str, offset: int, width: int = QUOTE_CONTEXT
) -> QuoteView:
    """Split ``sentence`` around ``text``, trusting ``offset`` first, then searching.

    Each side is clipped to ``width`` characters (marked with an ellipsis).
    """
    at = -1
    if text and 0 <= offset <= len(sentence) - len(text) and sentence.startswith(text, offset):
        at = offset
    elif text:
        at = sentence.find(text)
    if at < 0:  # not found: show the (clipped) sentence, then the number on its own
        before, _ = _clip(sentence, "", width)
        return QuoteView(before=before, mark=text, after="", exact=not sentence)
    before, after = _clip(sentence[:at], sentence[at + len(text):], width)
    return QuoteView(before=before, mark=text, after=after)


def _severity_rank(severity: str) -> int:
    return _RANK.get(severity, len(_RANK))


def _worst(severities: Iterable[str]) -> str:
    best, rank = "", 99
    for s in severities:
        if s:
            r = _RANK.get(s, 9)
            if r < rank:
                best, rank = s, r
    return best


_SEV_CSS = {s: "sev-" + s for s in SEVERITIES} | {"": ""}


def _sev_css(severity: str) -> str:
    css = _SEV_CSS.get(severity)
    return css if css is not None else html_id("sev-", severity)


def _short(title: str) -> str:
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1].rstrip() + "…"


def _named(s: Source | None, sid: str) -> str:
    """How a line of the report names a source (a group's reference): its outlet, else its short
    title; "" for none."""
    return (s.outlet or _short(s.title or s.path or sid)) if s is not None else sid


CELL_TEXT = 24  # characters of a claim's text in a matrix cell (the whole quote is a click away)


def _cell_text(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_TEXT else text[: CELL_TEXT - 1].rstrip() + "…"


def _short_path(path: str) -> str:
    """The decisions file as ``folder/name`` (where the corpus is must not change the report)."""
    p = PurePath(path)
    return f"{p.parent.name}/{p.name}" if p.parent.name else p.name


def _label(title: str, width: int = 72) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _agrees(c: Claim, best: Claim) -> bool:
    if c.unit != best.unit:
        return False
    if c.value == best.value:
        return True
    if c.low is None or c.high is None or best.low is None or best.high is None:
        return False
    return c.low <= best.high and best.low <= c.high
