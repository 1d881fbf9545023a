"""Tolls: counts of the dead, injured or missing, which rise as reports come in, so two articles
of two days that give a higher toll on the later day report an update, not a contradiction. The
missing are the exception: their count first rises as families report relatives and then falls as
people are found (alive or dead), so for them any other figure on a later day is the update."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from reconciler.extract import vocab as V
from reconciler.extract.keys import NOUN_CLASS, frame_keys
from reconciler.models import Claim

__all__ = ["Moments", "day_moments", "is_missing", "is_toll", "of_two_moments", "rising"]

_TOLL_FATES = V.FATE_TOKENS - {"~alive"}


def is_toll(c: Claim) -> bool:
    """A count of people with a fate ("38 people killed", "53 injured"), not of things ("killed
    people in 14 countries")."""
    return c.kind == "count" and not _TOLL_FATES.isdisjoint(c.context) \
        and frame_keys(c.frame)[NOUN_CLASS] in ("", "person")


def is_missing(c: Claim) -> bool:
    """A toll of the missing ("10 people were still missing"): it falls as people are found."""
    if not is_toll(c):
        return False
    fates = _TOLL_FATES.intersection(c.context)
    return "missing" in c.frame.label.split() or fates == {"~missing"}


def rising(a: Claim, a_value: float, b: Claim, b_value: float, date_a: str, date_b: str) -> bool:
    """Two tolls of two days, the later one higher (one that falls on a later day is a revision or
    a disagreement: not this); for the missing, the later one different (higher or lower)."""
    if not (is_toll(a) and is_toll(b)) or date_a == date_b:
        return False
    if is_missing(a) and is_missing(b):
        return b_value != a_value
    return (b_value > a_value) if date_a < date_b else (a_value > b_value)


_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
Moments = frozenset[tuple[frozenset[str], float, float]]  # (fates, lower, higher)


def day_moments(claims: Iterable[Claim]) -> Moments:
    """The tolls one article gives for two moments of a day, as (fates, lower, higher): "On Sunday
    morning the ministry gave 53 injured" beside its "57 people were injured, the spokesman said at
    6 p.m.". Other outlets giving one figure or the other report one moment or the other of that
    count: an update within the day, not a contradiction."""
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if is_toll(c) and isinstance(c.value, (int, float)):
            by_source[c.source].append(c)
    out: set[tuple[frozenset[str], float, float]] = set()
    for cs in by_source.values():
        for t in cs:
            if not t.frame.period.endswith(_PARTS_OF_DAY):
                continue
            fates = _TOLL_FATES.intersection(t.context)
            for o in cs:
                if o.value != t.value and o.frame.period != t.frame.period \
                        and _TOLL_FATES.intersection(o.context) == fates:
                    a, b = float(t.value), float(o.value)
                    out.add((fates, min(a, b), max(a, b)))
    return frozenset(out)


def of_two_moments(a: Claim, b: Claim, moments: Moments) -> bool:
    """Are the two tolls the figures an article gives for two moments of the day (:func:`day_moments`)?"""
    if not moments or not (is_toll(a) and is_toll(b)):
        return False
    fates = _TOLL_FATES.intersection(a.context)
    va, vb = float(a.value), float(b.value)
    return fates == _TOLL_FATES.intersection(b.context) and (fates, min(va, vb), max(va, vb)) in moments
