"""Which amount a money figure is: the money noun beside it ("revenue", "purse", "opened"), read
on the figure's own side of its clause, past a price named in a prepositional phrase ("the
valuation at the issue price")."""

from __future__ import annotations

import re

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V

__all__ = ["money_noun"]

# a money noun in a prepositional phrase beside the figure ("valued at $9 billion at the offer price",
# "the valuation at the issue price lies at ..."): which moment, not which amount, if another noun says that
_PREP_OBJECT = frozenset("at by on".split())
_DETERMINERS = frozenset("the its their his her this that".split())


_CLAUSE_END = re.compile(r"[,;:!?(]|\.\s|\s[-–—]\s|\s(?:and|but|while|before|after|then|as)\s")


def _in_prep_phrase(words: list[str], i: int) -> bool:
    """Is words[i] the object of "at/by/on the (one word) ..."?"""
    return any(i >= k + 1 and words[i - k] in _DETERMINERS and words[i - k - 1] in _PREP_OBJECT for k in (1, 2))


_OFF = re.compile(r"\s+off\s+(?:the\s+|its\s+|their\s+|[a-z]+['’]s\s+)?(?:combined\s+)?([a-z]+(?:\s+[a-z]+)?)")
_WIPE = re.compile(r"\b(?:wip|eras|knock|shav|slash|lop|strip|trimm?)(?:e|ed|es|ing|s)?\s+"
                   r"(?:about\s+|some\s+|nearly\s+|almost\s+)?$")  # "wiping $593 billion off ..."


def money_noun(left: str, right: str) -> str:
    """The money noun of a figure, from the words after it (to the end of its clause), else before it."""
    low_left, lower_right = left.lower(), right.lower()
    if _WIPE.search(low_left[-30:]):
        off = _OFF.match(lower_right)
        if off:  # "wiping $593 billion off its market value": a fall in that value, not the value
            return "fall in " + off.group(1).strip()
    best = ""
    # the words after the figure, to the end of its clause ("36,50 dollar, at the closing ...": not the close)
    low_right = _CLAUSE_END.split(lower_right, maxsplit=1)[0]
    words = re.findall(r"[a-z][a-z-]*", low_left)
    fallback = ""
    rwords = re.findall(r"[a-z]+", low_right)[:4]
    for j, w in enumerate(rwords):
        if w in F.MONEY_NOUNS:
            if _in_prep_phrase(rwords, j):
                fallback = F.MONEY_VERB_LABELS.get(w) or _with_modifier(low_right, w)
                break
            return F.MONEY_VERB_LABELS.get(w) or _with_modifier(low_right, w)
        if w in V.NOUN_STOP:
            continue
    i, stop = len(words), max(-1, len(words) - 7)
    while i - 1 > stop:
        i -= 1
        if words[i] in F.MONEY_NOUNS:
            if _in_prep_phrase(words, i) and any(w in F.MONEY_NOUNS for w in words[max(0, i - 7):i - 2]):
                stop = max(-1, i - 7)  # "the valuation at the issue price": the valuation, read on past the phrase
                continue
            best = words[i]
            if best in F.MONEY_VERB_LABELS:
                best = F.MONEY_VERB_LABELS[best]  # "the Zeta 11 starts at $999": a price, not "zeta starts"
            elif i > 0 and words[i - 1] not in V.STOPWORDS and words[i - 1] not in F.MONEY_NOUNS \
                    and not words[i - 1].endswith(("ly", "ed")):
                best = words[i - 1] + " " + best
            break
    return best or fallback


def _with_modifier(text: str, w: str) -> str:
    mm = re.search(r"(?<![\w-])([a-z][a-z-]*)\s+" + w + r"\b", text)
    if mm and mm.group(1) not in V.STOPWORDS and not mm.group(1).endswith(("ly", "ed")) \
            and mm.group(1) not in F.MONEY_NOUNS:
        return mm.group(1) + " " + w
    return w
