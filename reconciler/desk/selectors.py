"""Evidence that survives edits: W3C Web Annotation selectors of a claim's quote.

Each claim is anchored the W3C Web Annotation way: a ``TextQuoteSelector`` (the exact
quote and a few characters on each side) and a ``TextPositionSelector`` (its offsets).
When an article is edited, offsets move but the quote stays: :func:`refind` finds it again,
and a claim whose quote is gone is *orphaned*::

    >>> text = "The bill was $1,200 in 2024. The bill was $1,300 in 2025."
    >>> sel = quote_selector(text, 42, 48)
    >>> sel["exact"], sel["prefix"][-9:], sel["suffix"][:8]
    ('$1,300', 'bill was ', ' in 2025')
    >>> refind("Update: " + text, sel, hint=42)
    (50, 56)
    >>> refind(text.replace("$1,300", "$1,350"), sel) is None
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reconciler.models import Claim

CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector
MIN_CONTEXT = 4  # characters of matching context that pick one of several occurrences

# ---------------------------------------------------------------------------------------
# selectors


def short_title(title: str, width: int = 60) -> str:
    """A title cut to ``width`` characters (with an ellipsis), for one-line messages."""
    title = " ".join(title.split())
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def quote_selector(text: str, start: int, end: int, width: int = CONTEXT) -> dict[str, str]:
    """W3C TextQuoteSelector of ``text[start:end]``: exact, prefix and suffix."""
    return {"type": "TextQuoteSelector", "exact": text[start:end],
            "prefix": text[max(0, start - width):start], "suffix": text[end:end + width]}


def position_selector(start: int, end: int) -> dict[str, Any]:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def selectors(text: str, claim: Claim) -> list[dict[str, Any]]:
    """Both selectors of a claim, as the JSON result carries them."""
    return [quote_selector(text, claim.start, claim.end), position_selector(claim.start, claim.end)]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def refind(text: str, selector: Mapping[str, Any], hint: int | None = None) -> tuple[int, int] | None:
    """Where the quote of ``selector`` is in ``text`` now, or None when it is gone.

    Every occurrence of ``exact`` is scored by how much of the prefix and suffix still
    surround it; ties go to the occurrence nearest ``hint`` (the old position). An
    occurrence whose context is entirely different is accepted only if it is the one
    occurrence in the text.
    """
    exact = str(selector.get("exact", ""))
    if not exact:
        return None
    prefix, suffix = str(selector.get("prefix", "")), str(selector.get("suffix", ""))
    best: tuple[int, int, int] | None = None  # (-score, distance, start)
    count = 0
    at = text.find(exact)
    while at >= 0:
        count += 1
        score = _common_suffix(text[max(0, at - len(prefix)):at], prefix) + \
            _common_prefix(text[at + len(exact):at + len(exact) + len(suffix)], suffix)
        key = (-score, abs(at - hint) if hint is not None else 0, at)
        if best is None or key < best:
            best = key
        at = text.find(exact, at + 1)
    if best is None:
        return None
    if count > 1 and -best[0] < min(MIN_CONTEXT, len(prefix) + len(suffix)):
        return None  # several occurrences and none in its context (a space or two): cannot tell which
    return best[2], best[2] + len(exact)


