"""A group's figures as the group rules weigh them: each claim with its interval in base units and
its article's date, when two agree (within precision, hedges and the drift of currencies), and
how many independent voices stand behind some claims."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reconciler.extract import vocab as V
from reconciler.extract.units import cross_slack, overlaps
from reconciler.models import Claim

__all__ = ["PEGGED", "Entry", "agree", "same_number_other_sign", "voices"]


def voices(claims: Sequence[Claim], voice: dict[str, str]) -> int:
    """Independent sources behind some claims: copies of one article count once."""
    return len({voice.get(c.source, c.source) for c in claims})


@dataclass(frozen=True)
class Entry:
    claim: Claim
    base: tuple[float, float, float] | None
    date: str = ""  # the article's date, for the drift of currencies


def agree(x: Entry, y: Entry) -> bool:
    """Same figure within precision and hedges, and within rate drift across currencies."""
    xb, yb = x.base, y.base
    if xb is None or yb is None:
        return False
    if same_number_other_sign(x, y):
        return False  # "€1,249" and "$1,249": a conversion changes the number; this is a mislabel's mark
    slack = cross_slack(x.claim, y.claim, x.date or y.date)
    if x.claim.qualifier == y.claim.qualifier == "approximate":
        # two hedged figures: one of them inside the other's span, not two spans that only touch at
        # their widened ends ("about 26 miles" and "about 20 miles" are two figures; "about 60 km"
        # and "roughly 58 km" one)
        return overlaps((xb[0], xb[0]), (yb[1], yb[2]), slack) or overlaps((yb[0], yb[0]), (xb[1], xb[2]), slack)
    return overlaps((xb[1], xb[2]), (yb[1], yb[2]), slack)


# currencies whose rate is within this of 1 (pegged or at par) may print one number for both
PEGGED = 0.01


def same_number_other_sign(x: Entry, y: Entry) -> bool:
    """The same printed amount under two currencies whose rate is not close to 1 (the rate drift
    allowed between currencies must not make "€1,249" agree with "$1,249")."""
    a, b = x.claim, y.claim
    if a.kind != "money" or b.kind != "money" or a.unit == b.unit or a.value != b.value:
        return False
    if x.base is None or y.base is None or not x.base[0] or not y.base[0]:
        return False
    return abs(x.base[0] / y.base[0] - 1) > PEGGED


def two_voices(who_a: str, who_b: str) -> bool:
    """Are two attributions two sources? "police" and "the organisers" are; "the company" and
    "Zeta" are one (the story's firm, once named, once not), as are "Zeta" and "Zeta Labs"."""
    if not who_a or not who_b:
        return False
    a, b = who_a.lower(), who_b.lower()
    if a == b:
        return False
    words_a, words_b = a.replace("the ", "").split(), b.replace("the ", "").split()
    generic_a = len(words_a) == 1 and words_a[0] in V.SUBJECT_ORG_NOUNS
    generic_b = len(words_b) == 1 and words_b[0] in V.SUBJECT_ORG_NOUNS
    if generic_a != generic_b and (who_b if generic_a else who_a)[:1].isupper():
        return False  # "the company" against a named firm: its own voice
    return not (set(words_a) <= set(words_b) or set(words_b) <= set(words_a))
