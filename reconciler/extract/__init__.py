"""Extract numeric claims from a source: the grammar finds mentions, this adds their context."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from typing import overload

from reconciler.extract.frame import FrameReader
from reconciler.extract.grammar import scan
from reconciler.extract.mention import Mention
from reconciler.extract.patterns import folds_simply
from reconciler.extract.spans import lower_same_length
from reconciler.extract.text import Sentences, clause_bounds, content_words, split_sentences, stem
from reconciler.extract.vocab import FATE_WORDS, FORECAST_WORDS, PLAN_WORDS, PROVISIONAL, STATE_WORDS, UPDATE_WORDS
from reconciler.models import Claim, Source

__all__ = ["extract_article", "extract_claims", "extract_text"]

# kinds whose "noun" is only the unit: the unit is the dimension already, not a subject
_UNIT_KINDS = frozenset({"duration", "length", "mass", "area", "volume", "speed", "data", "energy", "power",
                         "emissions"})
_PROVISIONAL = re.compile(PROVISIONAL, re.I)
_PROVISIONAL_LOWER = re.compile(PROVISIONAL)  # for lower-cased text: see folds_simply
assert not any(c.isupper() for c in PROVISIONAL)  # lower-case words only, else the two patterns differ
# one of these stands in every match of PROVISIONAL (a substring test is ~100x faster than the pattern)
_PROVISIONAL_CUES = ("preliminary", "provisional", "partial", "early", "far", "still", "writing", "press", "polling",
                     "precincts", "votes", "ballots")
# context words are stems: compare them with stemmed vocabulary
_PLAN_STEMS = frozenset(stem(w) for w in PLAN_WORDS)
_FORECAST_STEMS = frozenset(stem(w) for w in FORECAST_WORDS)
_DIGIT = re.compile(r"\d")
_OFF_TARGET = re.compile(r"\s+(?:of|from|off)\s+(?:its|the|their|his|her)\s+(?:\w+\s+)?(?:target|goal|aim)\b")
_NOUN_SPLIT = re.compile(r"[\s-]+")
_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’@.\-]*")


def extract_claims(source: Source) -> list[Claim]:
    """Every numeric claim in ``source.text``, in text order, with exact spans."""
    return extract_article(source)[0]


def extract_article(source: Source) -> tuple[list[Claim], tuple[str, ...]]:
    """:func:`extract_claims`, and notes for the source: the figures that could not be claims."""
    text = source.text
    sentences = split_sentences(text)
    cache: dict[tuple[int, int], _Sentence] = {}
    # "preliminary results", "with 96.2% of stations reporting": this article's figures may be updated later
    lower = lower_same_length(text)
    if folds_simply(text):
        provisional = any(w in lower for w in _PROVISIONAL_CUES) and bool(_PROVISIONAL_LOWER.search(lower))
    else:
        provisional = bool(_PROVISIONAL.search(text))
    frames = FrameReader(text, (source.date or "")[:4], lower)
    refused: list[Mention] = []
    claims = [_claim(source, text, sentences, m, cache, provisional, frames)
              for m in scan(text, source.skip, lower, refused)]
    return claims, _refused_note(text, refused)


@overload
def _tidy(x: float) -> float: ...
@overload
def _tidy(x: None) -> None: ...
def _tidy(x: float | None) -> float | None:
    """The figure as its printed digits give it: 4.1 billion is 4100000000.0, not the float product
    4099999999.9999995, and 15.6 less half a unit is 15.55 (15 significant digits: every printed
    figure fits, and a float holds them exactly enough)."""
    if x is None or not math.isfinite(x) or x == 0:
        return x
    return float(f"{x:.15g}")


def _refused_note(text: str, refused: list[Mention]) -> tuple[str, ...]:
    """"not claims: 2 figures too large to compute with (“9 × 10^308 FLOPs” at character 120, …)"."""
    if not refused:
        return ()
    shown = []
    for m in refused[:3]:
        quote = " ".join(text[m.start:m.end].split())
        quote = quote if len(quote) <= 40 else quote[:18] + "…" + quote[-18:]
        shown.append(f"“{quote}” at character {m.start}")
    more = ", …" if len(refused) > 3 else ""
    n = len(refused)
    return (f"not claims: {n} figure{'s' if n > 1 else ''} too large to compute with ({', '.join(shown)}{more})",)


def extract_text(text: str, source_id: str = "text") -> list[Claim]:
    """Convenience for tests and library users: claims of a bare string."""
    src = Source(id=source_id, path=source_id, title="", text=text, format="txt",
                 encoding="utf-8", sha256="")
    return extract_claims(src)


class _Sentence:
    """What every claim of one sentence needs, computed once per sentence."""

    __slots__ = ("aggregates", "attributions", "fates", "offsets", "stems", "update")

    def __init__(self, text: str, start: int, end: int) -> None:
        words = content_words(text, start, end)
        self.offsets = [p for p, _w in words]  # in text order: a clause's words are a slice, found by bisection
        self.stems = [w for _p, w in words]
        self.fates: list[tuple[int, int, str]] = []  # (start, end, fate) of each fate word
        self.update = False
        self.aggregates: list[int] = []
        for m in _CUE_WORD.finditer(text[start:end].lower()):  # one pass for the three word lists
            if m.lastgroup == "fate":
                self.fates.append((start + m.start(), start + m.end(), FATE_WORDS[m.group()]))
            elif m.lastgroup == "update":
                self.update = True
            else:
                self.aggregates.append(start + m.start())
        self.attributions = _attributions(text, start, end)


_AGGREGATE_WORDS = ("combined", "altogether", "together", "cumulative", "cumulatively")
# whole words (the lists share none): what happened to the people, an updated figure, a sum
_CUE_WORD = re.compile(r"\b(?:(?P<fate>" + "|".join(sorted(FATE_WORDS, key=len, reverse=True)) + ")"
                       r"|(?P<update>" + "|".join(sorted(UPDATE_WORDS, key=len, reverse=True)) + ")"
                       r"|(?P<aggregate>" + "|".join(_AGGREGATE_WORDS) + r"))\b")
assert not (FATE_WORDS.keys() & UPDATE_WORDS or FATE_WORDS.keys() & set(_AGGREGATE_WORDS)
            or UPDATE_WORDS & set(_AGGREGATE_WORDS))


SENTENCE_WINDOW = 400
"""Characters of a claim's sentence kept on each side of its figure (the longest sentence of
the development stories is under 400): a run-on sentence of thousands of figures (a flattened
table, one long paragraph) gives each claim a bounded passage, not the whole sentence, so the
outputs and the work grow with the number of figures, not with its square."""


def sentence_window(text: str, start: int, end: int, s_start: int, s_end: int,
                    width: int = SENTENCE_WINDOW) -> tuple[int, int]:
    """The part of the sentence ``[s_start, s_end)`` a claim at ``[start, end)`` keeps: all of it
    when it reaches no further than ``width`` characters on either side, else cut at a space
    within that reach (at ``width`` if there is none).

    >>> text = "a " * 10 + "5 boats" + " b" * 10
    >>> sentence_window(text, 20, 27, 0, len(text)) == (0, len(text))
    True
    >>> start, end = sentence_window(text, 20, 27, 0, len(text), width=6)
    >>> text[start:end]
    'a a 5 boats b b'
    """
    if start - s_start > width:
        cut = text.find(" ", start - width, start)
        s_start = cut + 1 if cut >= 0 else start - width
    if s_end - end > width:
        cut = text.rfind(" ", end + 1, end + width)
        s_end = cut if cut >= 0 else end + width
    return s_start, s_end


def _claim(source: Source, text: str, sentences: Sentences, m: Mention, cache: dict[tuple[int, int], _Sentence],
           provisional: bool = False, frames: FrameReader | None = None) -> Claim:
    s_start, s_end = sentences.find(m.start)
    s_start, s_end = sentence_window(text, m.start, m.end, s_start, max(s_end, m.end))
    c_start, c_end = clause_bounds(text, m.start, m.end, s_start, s_end)
    info = cache.get((s_start, s_end))
    if info is None:
        info = _Sentence(text, s_start, s_end)
        cache[s_start, s_end] = info
    context = _context(text, m, s_start, s_end, c_start, c_end, info)
    if provisional:
        context = (*context, "~provisional")
    value: float | str = m.value
    if isinstance(value, float):
        value = _tidy(round(value, 10))
    fates = _nearest_fates(info.fates, text, c_start, c_end, m.start, m.end)
    marks = ("~plan" in context, "~aggregate" in context, "~forecast" in context)
    frame = (frames or FrameReader(text)).read(m, s_start, s_end, c_start, c_end, fates, marks)
    return Claim(
        id=f"{source.id}@{m.start}",
        source=source.id,
        start=m.start,
        end=m.end,
        text=text[m.start:m.end],
        value=value,
        unit=m.unit,
        kind=m.kind,  # type: ignore[arg-type]
        qualifier=m.qualifier,  # type: ignore[arg-type]
        low=_tidy(m.low),
        high=_tidy(m.high),
        noun=m.noun,
        subject=_subject(text, m, c_start, s_start),
        sentence=text[s_start:s_end],
        sentence_start=s_start,
        context=context,
        role=m.role,
        range_id=m.range_id,
        precision=_tidy(m.precision),
        scale_words=m.scale_words,
        attribution=_attribution(m, c_start, c_end, info),
        notes=tuple(m.notes),
        rounding=m.rounding,
        frame=frame,
    )


def _context(text: str, m: Mention, s_start: int, s_end: int, c_start: int, c_end: int,
             info: _Sentence) -> tuple[str, ...]:
    """Content-word stems near the claim: its clause, widened to the sentence when thin."""
    offsets, stems = info.offsets, info.stems
    # the words of the clause [c_start, c_end) left and right of the claim [m.start, m.end)
    clause_start, clause_end = bisect_left(offsets, c_start), bisect_left(offsets, c_end)
    right_start = bisect_left(offsets, max(m.end, c_start))
    left = stems[clause_start:bisect_left(offsets, min(m.start, c_end))]
    right = stems[right_start:clause_end]
    near = left[-12:] + right[:8]
    if len(left) < 2:
        extra = stems[:clause_start]
        near = extra[-5:] + near
        left = extra[-5:] + left  # a list label before the colon reads as the figure's left context
        if len(near) < 3:
            near += stems[clause_end:clause_end + 4]
    if m.noun and m.kind not in _UNIT_KINDS:
        near += [stem(w) for w in _NOUN_SPLIT.split(m.noun) if w]
    if not _PLAN_STEMS.isdisjoint(left[-4:] + right[:3]) and not (
            _PLAN_STEMS.isdisjoint(left[-4:]) and _OFF_TARGET.match(text, m.end, m.end + 30)):
        # "set May 10 as their target": a plan, not what happened ("within 100 metres of its target" measures
        # how close it came)
        near.append("~plan")
    next_number = _DIGIT.search(text, m.end, c_end)
    close_end = bisect_left(offsets, next_number.start()) if next_number else clause_end
    right_close = stems[right_start:close_end][:3]
    if not _FORECAST_STEMS.isdisjoint(left[-5:] + right_close):
        near.append("~forecast")  # "the $4.01 billion analysts expected": an estimate, not the result
    for fate in _nearest_fates(info.fates, text, c_start, c_end, m.start, m.end):
        near.append("~" + fate)
    if info.update:
        near.append("~update")
    if any(c_start <= p < c_end for p in info.aggregates):
        near.append("~aggregate")  # "39.3 million for the Z8, Z70 and Z400 combined": a sum over several
    return tuple(dict.fromkeys(near))  # each word once, in order


def _nearest_fates(fates: list[tuple[int, int, str]], text: str, c_start: int, c_end: int, start: int,
                   end: int) -> tuple[str, ...]:
    """The fates a figure's clause gives its people: "killed 112 people and injured 540" gives 112 the
    dead and 540 the injured (the nearest fate word, when the clause names several), "killed or
    injured 50" both (fate words joined by "or", "and" or a comma go together)."""
    found = [(a - end if a >= end else start - b, a, b, fate) for a, b, fate in fates if c_start <= a < c_end]
    state = _STATE_AFTER.match(text, end)
    if state and state.group(1).lower() in STATE_WORDS:
        return ()  # "31 remain missing and some 8,000 are homeless": 8,000 has its own state, no fate
    if len({fate for *_x, fate in found}) <= 1:
        return tuple(sorted({fate for *_x, fate in found}))
    # "the toll rose to 103 after rescuers found the last of the missing": a fate word past "after",
    # "when", "as" tells another event's people
    mine = [f for f in found if f[1] < end or not _SUBORDINATE.search(text, end, f[1])]
    found = mine or found
    if len({fate for *_x, fate in found}) <= 1:
        return tuple(sorted({fate for *_x, fate in found}))
    # "57 were injured and nine were killed", "40 hurt and 12 still missing": a fate after the figure
    # through a passive verb or one adverb is the figure's own, whatever stands nearer before it
    passive = [f for f in found if f[1] >= end
               and (_PASSIVE.fullmatch(text, end, f[1]) or _ADVERB.fullmatch(text, end, f[1]))]
    found = sorted(passive or found)
    _d, a0, b0, fate0 = found[0]
    out = {fate0}
    for _d, a, b, fate in found[1:]:
        gap = text[b:a0] if b <= a0 else text[b0:a]
        if _JOINED.fullmatch(gap):
            out.add(fate)
    return tuple(sorted(out))


# the figure's own state after it: "8,000 are homeless", "300 people were left stranded"
_STATE_AFTER = re.compile(r"(?:\s+[a-z]+)?\s+(?:are|were|is|was|remain|remained|have\s+been|had\s+been)"
                          r"(?:\s+(?:now|still|left|made))?\s+([A-Za-z]+)")
_PASSIVE = re.compile(r"(?:\s+[a-z]+)?\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|being)"
                      r"(?:\s+(?:reported|confirmed|feared|believed|later|also|now))?\s+")
_ADVERB = re.compile(r"(?:\s+[a-z]+)?\s+(?:still|now|reportedly|also|presumed|believed|feared|confirmed)\s+")
_SUBORDINATE = re.compile(r"\b(?:after|when|as|because|before|since|while|until)\b")
_JOINED = re.compile(r"\s*(?:,|or|and|and/or|/)\s*")


def _subject(text: str, m: Mention, c_start: int, s_start: int) -> str:
    """A short human phrase for what the number is about."""
    if m.noun and m.kind in ("count", "duration") and len(m.noun) > 2:
        return m.noun
    left = text[max(c_start, m.start - 80):m.start]
    words = [w for w in _LABEL_WORD.findall(left) if w.lower() not in _SUBJECT_STOP]
    if len(words) < 2 and c_start > s_start:
        left = text[max(s_start, m.start - 80):m.start]
        words = [w for w in _LABEL_WORD.findall(left) if w.lower() not in _SUBJECT_STOP]
    phrase = " ".join(words[-3:])
    if m.noun and m.noun not in phrase:
        phrase = (phrase + " " + m.noun).strip()
    return phrase


_WHO = (r"\b(?:(?i:the)\s+)?(?:[a-z]+\s+)?(?:police|organi[sz]ers|officials|authorities|ministry|government|agency|"
        r"department|spokes(?:wo)?man|spokesperson|analysts|researchers|company|union|organi[sz]ation)"
        r"|\b(?:(?i:the)\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*){0,4}")
_SAID = r"(?:said|says|say|estimated|estimates|reported|reports|counted|claimed|claims|put\s+the\s+\w+\s+at|told)"
# the speaker after the verb only where news inverts it ("..., said the ministry", "says the agency"):
# after "say" or "reported" comes what was said ("investigators say Hollin Cross express was speeding")
_SAID_BEFORE = r"(?:said|says|told|estimated|claimed)"
_ATTRIBUTION = re.compile(
    rf"according\s+to\s+(?P<a>{_WHO})|(?P<b>{_WHO})\s+{_SAID}\b|\b{_SAID_BEFORE}\s+(?P<c>{_WHO})(?=[\s,.;])"
)
# "according" or a word of _SAID (as a substring): every attribution holds one
_ATTRIBUTION_CUE = re.compile(r"according|said|say|estimate|report|counted|claim|put|told")
_LEADING_ARTICLE = re.compile(r"^(?:the|a)\s+", re.I)
_NOT_WHO = frozenset({"it", "he", "she", "they", "we", "this", "that", "there", "which", "who", "a", "an"})


def _attributions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, who) of every attribution in a sentence ("police said", "according to X")."""
    if not _ATTRIBUTION_CUE.search(text, start, end):
        return []  # most sentences hold none of the words an attribution needs: skip the costly pattern
    out = []
    for am in _ATTRIBUTION.finditer(text, start, end):
        who = next(g for g in am.groups() if g)
        norm = _LEADING_ARTICLE.sub("", " ".join(who.split())).rstrip(".,;:")
        low = norm.lower()
        if norm and low not in _NOT_WHO and low not in _SUBJECT_STOP:
            out.append((am.start(), am.end(), norm))
    return out


def _attribution(m: Mention, c_start: int, c_end: int, info: _Sentence) -> str:
    """Who the sentence says gave the figure: the attribution in the claim's clause, else the sentence's."""
    usable = [(a, who) for a, b, who in info.attributions if not (a <= m.start < b)]
    for pool in ([(a, who) for a, who in usable if c_start <= a < c_end], usable):
        if pool:
            return min(pool, key=lambda aw: (abs(aw[0] - m.start), aw[0]))[1]
    return ""


_SUBJECT_STOP = frozenset(
    """a an the of in on at to for from by with and or is are was were be been has have had
    it its this that these those which who as than about approximately around roughly nearly
    almost some just only more less over under up down at least most also would could will
    said says say per cent percent total just mere""".split()
)
