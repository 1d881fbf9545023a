"""The editor's primary sources: the reference where they state a figure.

An editor may mark some articles as primary (the paper, the press release, the court filing:
``--primary FILE`` or ``primary = [...]`` in the corpus settings file). In a group where a
primary source states the figure, that figure is the consensus, whatever the count of other
voices: the outliers against it are flagged as they would be against a majority, and each
explanation says "the primary source (NAME) states X" instead of counting voices.

What an editor would expect, and what this module does:

- A primary source that does not state the figure changes nothing: the count decides.
- Only a figure stated as a point ("$4.2 million", "about 300") is a reference; a primary
  source that only gives a bound or a range ("more than 300") sets none. A figure its own
  wording marks as superseded ("revised from 280") is passed over when it states the new one.
- Primary sources that disagree with each other (or one primary source stating two figures
  for one quantity) set no reference: the count decides, the group is contested (no
  suggested value), and the explanations say that the primary sources disagree.
- A figure a primary source states is never called wrong by the count of other voices: a
  finding that would hold a primary claim among the outliers is info.
- Dates and match scores follow the same rules. A figure that moved over time and says so
  (the ``update`` rule: its latest value with its history) is reported as before.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Protocol, TypeVar

from reconciler.models import Claim
from reconciler.rules.util import quote, source_name

POINTS = ("exact", "approximate")  # the statements that may be a reference


class _Stated(Protocol):
    @property
    def claim(self) -> Claim: ...

    @property
    def base(self) -> tuple[float, float, float] | None: ...


E = TypeVar("E", bound=_Stated)


def primary_figure(entries: Sequence[E], primary: Collection[str],
                   agree: Callable[[E, E], bool]) -> tuple[E | None, list[E]]:
    """(the reference: the figure the primary sources state, or None; the primary sources'
    figures when they disagree with each other, else [])."""
    stated = [e for e in entries if e.claim.source in primary and e.base is not None
              and e.claim.qualifier in POINTS]
    if not stated:
        return None, []
    current = [e for e in stated if e.claim.frame.revision != "old"] or stated
    if any(not agree(a, b) for i, a in enumerate(current) for b in current[i + 1:]):
        return None, current
    # the most precise statement: an exact figure before a hedged one, then the narrowest
    return min(current, key=_precision), []


def _precision(e: _Stated) -> tuple[bool, float, str, int]:
    assert e.base is not None
    width = (e.base[2] - e.base[1]) / max(abs(e.base[0]), 1e-12)
    return e.claim.qualifier != "exact", width, e.claim.source, e.claim.start


def reference_line(ref: Claim, agree: Iterable[Claim], voice: dict[str, str], others: int) -> str:
    """The explanation's last line where a primary source is the reference."""
    me = voice.get(ref.source, ref.source)
    backing = sorted({voice.get(c.source, c.source) for c in agree} - {me})
    line = f"\nReference: the primary source ({source_name(ref.source)}) states {quote(ref)}"
    if backing:
        n = len(backing)
        line += f"; {n} other independent source{'s agree' if n != 1 else ' agrees'}"
    if others:
        line += (f"; {others} independent source{'s' if others != 1 else ''} "
                 f"{'state' if others != 1 else 'states'} another figure")
    return line + "."


def split_line(split: Sequence[_Stated]) -> str:
    """The explanation's last line where the primary sources disagree with each other."""
    said: dict[str, list[str]] = {}
    for e in split:
        said.setdefault(e.claim.source, [])
        if quote(e.claim) not in said[e.claim.source]:
            said[e.claim.source].append(quote(e.claim))
    stated = "; ".join(f"{source_name(s)} states {' and '.join(qs[:3])}" for s, qs in said.items())
    return (f"\nThe primary sources disagree ({stated}): they set no reference, and none of their "
            "figures is called wrong by the count of the others.")


def names_primary(claims: Iterable[Claim], primary: Collection[str]) -> bool:
    """Does any of ``claims`` come from a primary source?"""
    return any(c.source in primary for c in claims)


def ranked(values: Sequence[tuple[str, list[Claim]]], primary: Collection[str]
           ) -> tuple[list[tuple[str, list[Claim]]], str, bool]:
    """Dates and scores: the figures (value, claims) as the count ranks them, with the one a
    primary source states first; (figures, the reference's source id or "", do the primary
    sources disagree?)."""
    stating = [k for k, (_v, cl) in enumerate(values) if names_primary(cl, primary)]
    if len(stating) != 1:
        return list(values), "", len(stating) > 1
    k = stating[0]
    ref = next(c for c in values[k][1] if c.source in primary)
    return [values[k], *values[:k], *values[k + 1:]], ref.source, False
