"""Small helpers shared by the rules."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from reconciler.models import Claim


def story_date(dates: Iterable[str | None]) -> str:
    """The story's date for an undated article: the middle one of its articles' own dates (ISO), or ""."""
    known = sorted(d for d in dates if d)
    return known[len(known) // 2] if known else ""


def finding_id(rule: str, claim_ids: Iterable[str]) -> str:
    """Stable id: the rule and the claims it is about (not the rest of the corpus)."""
    key = rule + "|" + "|".join(sorted(claim_ids))
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def quote(c: Claim) -> str:
    return f"“{' '.join(c.text.split())}”"


# source id -> how an explanation names it (its outlet), for the rules being run: set by
# :func:`naming` around one :func:`reconciler.rules.check`, so the rules need not carry it
_NAMES: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar("source_names",
                                                                                     default=MappingProxyType({}))


@contextlib.contextmanager
def naming(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, :func:`sources_of` names sources by ``names`` (id -> outlet)."""
    token = _NAMES.set(names)
    try:
        yield
    finally:
        _NAMES.reset(token)


def sources_of(claims: Iterable[Claim]) -> list[str]:
    """The sources of ``claims`` as an editor names them: outlet, else the source id; each once,
    an outlet behind several articles with their number.

    >>> from reconciler.models import Claim
    >>> cs = [Claim(f"c{i}", s, 0, 1, "5", 5.0, "", "count", "exact", 5.0, 5.0, "", "", "", 0)
    ...       for i, s in enumerate(["a", "b", "c", "a"])]
    >>> sources_of(cs)
    ['a', 'b', 'c']
    >>> with naming({"a": "Harbor Wire", "c": "Harbor Wire"}):
    ...     sources_of(cs)
    ['Harbor Wire (2 articles)', 'b']
    >>> many = [Claim(f"c{i}", f"s{i:02d}", 0, 1, "5", 5.0, "", "count", "exact", 5.0, 5.0, "", "", "", 0)
    ...         for i in range(12)]
    >>> sources_of(many)[-2:]
    ['s08', 'and 3 more']
    """
    names = _NAMES.get()
    seen: dict[str, None] = {}
    for c in claims:
        seen.setdefault(c.source, None)
    counts: dict[str, int] = {}
    for sid in seen:
        label = names.get(sid) or sid
        counts[label] = counts.get(label, 0) + 1
    out = [f"{label} ({n} articles)" if n > 1 else label for label, n in counts.items()]
    if len(out) > SOURCES_SHOWN:  # a story reprinted hundreds of times: name a few, count the rest
        out = [*out[:SOURCES_SHOWN - 1], f"and {len(out) - SOURCES_SHOWN + 1} more"]
    return out


def source_name(sid: str) -> str:
    """How an explanation names one source: its outlet, else its id."""
    return _NAMES.get().get(sid) or sid


# an explanation names at most this many sources (the JSON's claims list them all)
SOURCES_SHOWN = 10
