"""Sentences, clauses and content words: the context a claim is read in.

All functions are linear in the text; offsets always point into the original string.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from reconciler.extract.vocab import SAME_MEANING, STOPWORDS

_ABBREV = frozenset(
    """mr mrs ms dr prof gov sen rep gen col lt st no nos inc ltd co corp jr sr vs etc fig
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e a.m p.m approx est
    calif mass wash pte bros dept univ""".split()
)
# a sentence ends at . ! ? (plus closing quotes/brackets) followed by space, or at a newline; written
# "[.!?\n](?:newlines|punctuation...)" (one character class first) so the engine skips to candidates
_BOUNDARY = re.compile(r"[.!?。！？\n](?:(?<=\n)\n*|(?<!\n)[.!?。！？]*[\"'”’)\]]*(?=\s))")
# words, codes that start with a letter ("ZX800", "V2-Lite") or a digit ("12B", "8K"), and years
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’@.\-]*[A-Za-z0-9]|[A-Za-z]|\b\d+[A-Za-z][A-Za-z0-9]*\b|\b(?:1[89]|20)\d\d\b")
# [;:—–] | ",\s" | "\s-\s" | \bwhile\b | \bwhereas\b | \bbut\b, led by one character class (the
# first character, then a look-behind says which it was) so the engine skips to candidates
_CLAUSE_BREAK = re.compile(r"[;:—–,\swb](?:(?<=[;:—–])|(?<=,)\s|(?<=\s)-\s"
                           r"|(?<=w)(?<!\ww)(?:hile|hereas)\b|(?<=b)(?<!\wb)ut\b)")
# irregular verb forms news uses around figures, mapped to one stem
_IRREGULAR = {
    "plane": "plane", "planes": "plane",  # not "plan": "the plane took off" is no plan
    "paid": "pay", "spent": "spend", "built": "build", "sold": "sell", "rose": "rise", "risen": "rise",
    "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "made": "make", "lost": "lose", "won": "win", "bought": "buy",
    "brought": "bring", "struck": "strike", "hit": "hit", "left": "leave", "led": "lead", "ran": "run",
    "began": "begin", "begun": "begin", "sank": "sink", "sunk": "sink", "killed": "kill", "died": "die",
    "dead": "die", "deaths": "die", "death": "die", "wounded": "injur", "injured": "injur",
    "injuries": "injur", "injury": "injur",
    **SAME_MEANING,
}


@dataclass(frozen=True)
class Sentences:
    """Sentence spans of a text, searchable by offset."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def find(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        i = max(i, 0)
        return self.starts[i], self.ends[i]


def split_sentences(text: str) -> Sentences:
    """Split ``text`` into sentence spans (start, end), trimmed of surrounding space.

    >>> s = split_sentences("Costs rose. It cost $2 million in the U.S. today.\\nNext line")
    >>> [("Costs rose. It cost $2 million in the U.S. today.\\nNext line"[a:b]) for a, b in zip(s.starts, s.ends)]
    ['Costs rose.', 'It cost $2 million in the U.S. today.', 'Next line']
    """
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        mark = m.group()
        if mark == "." and _is_abbreviation(text, m.start()):
            continue
        end = m.start() if mark[0] == "\n" else m.end()
        _push(text, pos, end, starts, ends)
        pos = m.end()
    _push(text, pos, len(text), starts, ends)
    if not starts:
        starts, ends = [0], [len(text)]
    return Sentences(tuple(starts), tuple(ends))


def _push(text: str, a: int, b: int, starts: list[int], ends: list[int]) -> None:
    span = text[a:b]
    lead, kept = len(span) - len(span.lstrip()), len(span.rstrip())
    if kept > lead:
        starts.append(a + lead)
        ends.append(a + kept)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the dot at ``dot`` closes an abbreviation ("U.S.", "Sept.") or an initial."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return i == 0 or not text[i - 1].isdigit()  # "J. Smith", but not "trained the ZX90B."
    if word in _ABBREV:
        # "in the U.S." at the very end of a sentence is still an abbreviation: accept the miss
        nxt = text[dot + 1: dot + 3].lstrip()
        return not nxt[:1].isupper() or word in {"u.s", "u.k", "no", "st", "mr", "mrs", "dr", "ms"} or len(word) <= 4
    return False


def clause_bounds(text: str, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int]:
    """The clause of the sentence [s_start, s_end) that holds [start, end)."""
    left = s_start
    for m in _CLAUSE_BREAK.finditer(text, s_start, start):
        left = m.end()
    right = s_end
    m2 = _CLAUSE_BREAK.search(text, end, s_end)
    if m2:
        right = m2.start()
    return left, right


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic stem for matching context words.

    >>> [stem(w) for w in ["Training", "trained", "GPUs", "costs", "Acme's", "V2-Lite"]]
    ['train', 'train', 'gpu', 'cost', 'acme', 'v2-lit']
    """
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        word = word[:-1]  # "GPUs" -> "GPU"
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'.-@")
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w.endswith("us"):
        w = w[:-1]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def content_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, stem) of the content words in ``text[start:end]``; hyphenated words add their parts."""
    out: list[tuple[int, str]] = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        raw = m.group()
        stems = _WORD_STEMS.get(raw)
        if stems is None:
            if len(_WORD_STEMS) >= 65536:
                _WORD_STEMS.clear()
            stems = _WORD_STEMS[raw] = _word_stems(raw)
        for s in stems:
            out.append((m.start(), s))
    return out


_WORD_STEMS: dict[str, tuple[str, ...]] = {}  # a word's content stems, remembered: news repeats its words


def _word_stems(raw: str) -> tuple[str, ...]:
    """The content stems one word adds: none for a stopword, else its stem and those of its hyphenated parts."""
    low = raw.lower()
    if low in STOPWORDS or len(low) < 2:
        return ()
    s = stem(raw)
    if not s or s in STOPWORDS:
        return ()
    out = [s]
    if "-" in raw:
        for part in raw.split("-"):
            p = stem(part)
            if len(p) > 1 and p not in STOPWORDS and p != s:
                out.append(p)
    return tuple(out)
