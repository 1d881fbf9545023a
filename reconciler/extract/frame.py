"""The claim's frame: what a number counts or measures, whose it is, over which period.

Read from the claim's sentence with the grammar's own tables (``frame_vocab``): the counted
noun with its modifiers, the entity it belongs to (a possessive, the subject of its verb, a
configuration such as "13-inch"), the reference point of a distance, the time frame, part or
whole, projection or count, revision wording. :func:`frame_keys` turns a frame into the keys
the aligner compares: two claims are one quantity only where no key differs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from typing import NamedTuple

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.extract.keys import GROUND, KEY_NAMES, NAME_STOP, frame_keys, soft_keys
from reconciler.extract.masses import mass_measure
from reconciler.extract.measures import change, label_of, margin_of_error, unnamed_count, what_after
from reconciler.extract.mention import Mention
from reconciler.extract.money import money_noun
from reconciler.extract.names import _is_title_case_line
from reconciler.extract.patterns import folds_simply, may_end_with
from reconciler.extract.scores import card_judge
from reconciler.extract.spans import lower_same_length
from reconciler.extract.stamps import is_dateline, is_day_heading, statement_moment
from reconciler.models import Frame

__all__ = ["KEY_NAMES", "FrameReader", "frame_keys", "soft_keys"]

_UNIT_KINDS = frozenset({"length", "mass", "area", "volume", "speed", "data", "energy", "power", "duration"})
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w&.\-]*[\w&]|[A-Z])(?:['’]s?)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_REPORTING = frozenset(
    """said says say told reported reports reporting according added noted stated wrote writes announced
    confirmed claimed believes believed thinks understands learned estimated""".split()
)
_MODEL_NUMBER = re.compile(r" (\d{1,4}[A-Za-z]{0,3})\b(?![.,]\d)")
_UNIT_AFTER = re.compile(r"[\s-]*(%|[A-Za-z]+\b)")


def _unit_after(text: str, pos: int) -> bool:
    """Does a unit follow ``pos`` ("15 GB", "11-inch", "9 hours", "20%")? Then the number is a quantity."""
    um = _UNIT_AFTER.match(text, pos)
    if not um:
        return False
    w = um.group(1).lower()
    return w in ("%", "percent", "inch", "per", "ghz", "mhz", "gb", "tb") or w in V.PHYSICAL_UNITS \
        or w in V.DURATION_UNITS
# a label's colon, also after a party or team code ("Ana Roe (LP): 2,104 votes"), or a short verb
_SHORT_GAP = re.compile(r"(?:\s*(?:\([A-Za-z][^()\n]{0,19}\)\s*)?[:,]\s*"
                        r"|\s+(?:at|for|costs?|is|was|weighs|gets|has)\s+(?:about\s+|just\s+|around\s+)?)")
_ASIDE = re.compile(r"\s*,\s*(?:according\s+to|as\s+\w+|who|which|sources?|reportedly|it\s+seems|an?\s|the\s)"
                    r"[^,]{0,40},"
                    r"(?:\s+(?:now|also|still|already|then|later|since))?")  # "X, a junior, now has": X's
_PREPOSITIONS = frozenset("in off at near of from to into on by across over under outside inside".split())
_AUX = frozenset("has have had is are was were will would could may might can did does do".split())
_VERB_LIKE = frozenset(
    """ran threw caught made offered gave took won lost beat scored rushed passed returned kicked hit struck
    killed injured sold bought paid spent raised cut set posted recorded finished led leads lead finishes
    costs cost starts start sells offers pays gets got reached broke breaks holds held averaged averages
    tops topped came comes goes went added adds""".split()
)
_CONFIG = re.compile(r"\b(\d{1,2}(?:\.\d)?)[- ](?:inch|in\.)(?![\w])|(\d{1,2}(?:\.\d)?)\"(?=\s)")
_FOR_CONFIG = re.compile(r"\s+for\s+(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+)?")
_DIR_OF = re.compile(rf"^\s*(?:\([^)]{{0,40}}\)\s*)?(?:[,]\s*)?(?:away\s+)?(?:(?:to\s+the\s+)?{F.DIRECTIONS}\s+)?"
                     r"(?:of|from|outside|off)\s+(?:the\s+)?(?:coast\s+of\s+)?(?:(?P<place>[a-z]+)\s+of\s+)?"
                     r"(?P<name>(?:[A-Z][\w.\-]*)(?:\s+[A-Z][\w.\-]*){0,3}|[a-z]+)")
_DEPTH = re.compile(r"(?i)\b(?:depth|deep|beneath|below\s+the\s+(?:surface|ground|sea))\b")
_AFTER_UNIT_NOUN = re.compile(r"^[- ]?(?:(?:[a-z]+)\s+){0,2}?(?P<w>[a-z][a-z-]*)")
_NOUN_OF = re.compile(r"\b(?P<w>[a-z][a-z-]+)\s+of\s+(?:about\s+|some\s+|nearly\s+|more\s+than\s+|at\s+least\s+)?$")
_FOR_LEFT = re.compile(r"\b(?P<v>[a-z]+)\s+(?:(?:it|the\s+ball|back)\s+)?for\s+(?:a\s+|an\s+)?(?:total\s+of\s+)?"
                       r"(?:about\s+|nearly\s+|more\s+than\s+)?$")
# a game statistic stated after the yards: "226 yards rushing", "101 yards on the ground", "on 22 carries"
_STAT_RIGHT = re.compile(r"(?i)^\s*(?:net\s+)?(rushing|passing|receiving|on\s+the\s+ground|in\s+the\s+air"
                         r"|on\s+\d+\s+(?:carries|rushes|catches|receptions|completions))\b")
_WITH_STAT = re.compile(r"\b(rushing|passing|receiving)\s+yards\b[^,;.]{0,40}\bwith\s+$")
_STAT_WORDS = {"rushing": "rushing", "passing": "passing", "receiving": "receiving", "in the air": "passing"}
# "the biggest of them for more than £105 million": one of several, not the figure itself
_ONE_OF = (r"\b(?:biggest|largest|highest|most\s+\w+|smallest|lowest|one|each)\s+of\s+(?:them|those"
           r"|these|all|whom)\b[^.;\d]{0,20}$")
_N_OF_THE = re.compile(r"^\s+of\s+(?:(?:the|its|their|his|her|[A-Z][\w.\-]*['’]\s?s)\s+(?:\d[\d,.]*|[a-z]+)\b"
                       r"|\d[\d,.]*\s+[a-z]+s\b)")  # "143 of the 300 seats", "120 of 400 punches"
# "either 2.3 or 2.6 GHz": options, each one of several configurations
_EITHER = re.compile(r"(?i)\beither\s+(?:[$€£]?\d[\d,.]*\s*[A-Za-z%]{0,5}\s+or\s+)?[$€£]?$")
_ANOTHER = re.compile(F.ANOTHER, re.I)
_MARGIN = re.compile(F.MARGIN, re.I)
_CONFIGURED = re.compile(r"(?i)\b(?:(?:an?|the|that|this|each)\s+(?:version|configuration|config|variant|model|trim"
                         r"|edition)\s+(?:with|that\s+has|featuring)\b|\bthat\s+(?:configuration|version|variant)\b"
                         r"|\bconfigured\s+with\b|\bmaxed[\s-]out\b|\bfully\s+loaded\b)(?:[^.;]|\.\d)*$")
# a price under a condition named right after it: "for cache hits", "for students", "with a subscription"
_CONDITION_AFTER = re.compile(r"\s*,?\s*(?:for|during|with|on)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][a-z-]*\s+){0,2}?"
                              r"(?:hits?|misses?|students?|members?|subscribers?|seniors?|children|kids|users?"
                              r"|customers?|tiers?|plans?|subscriptions?|bulk\s+orders?|off-peak\s+\w+|weekends?)\b")
_OLDER = re.compile(r"(?i)\b(?:older|previous|outgoing|last[- ]year's|last-generation|prior|predecessor)\s+$")
_FIRST_N = re.compile(r"(?i)\b(?:first|last|final|opening|closing|next)\s+$")
_PART_LEFT = (r"\b(?:of\s+(?:whom|which|them)|among\s+(?:them|whom|those)|including|includ(?:es|ed)"
              r"|incl\.)\s+(?:about\s+|some\s+|at\s+least\s+)?$")
_PERIOD_RX = (r"\b(?:" + "|".join(re.escape(p) for p in sorted(F.PERIOD_PHRASES, key=len, reverse=True))
              + r")\b")
_MONTHS_RX = "|".join(sorted(V.MONTHS, key=len, reverse=True))
# "the 2004 tsunami", "the 1987 Arvell earthquake" (a place's name or two between), "in 2004"
_EVENT_YEAR = re.compile(rf"(?i:\b(?:(?P<lead>in)|the|an?))\s+(?:(?i:{_MONTHS_RX})\.?\s+)?(?P<y>(?:19|20)\d\d)\b"
                         r"(?(lead)(?![-–]\d)|(?P<names>(?:\s+[A-Z][a-z'’-]+){0,2})\s+(?!and\b|to\b|through\b)[a-z][a-z-]+)")
# "since 1987, when 34 people died": the figure after "when" belongs to that year's event
_WHEN_YEAR = r"\b(?:since|in|of)\s+(?P<y>(?:19|20)\d\d),?\s+when\b"


class _Caseless(NamedTuple):
    """The case-insensitive patterns of a frame, compiled for one way of reading case."""

    period: re.Pattern[str]
    projection: re.Pattern[str]
    revision_old: re.Pattern[str]
    revision_new: re.Pattern[str]
    part_right: re.Pattern[str]
    one_of: re.Pattern[str]
    part_left: re.Pattern[str]
    when_year: re.Pattern[str]


_CASELESS = (_PERIOD_RX, F.PROJECTION, F.REVISION_OLD, F.REVISION_NEW, F.PART_RIGHT, _ONE_OF, _PART_LEFT, _WHEN_YEAR)
assert not any(c.isupper() for rx in _CASELESS for c in re.sub(r"\\.|\(\?P<", "", rx))  # else the two sets differ
_ANY_CASE = _Caseless(*(re.compile(rx, re.I) for rx in _CASELESS))
# the same, case-sensitive, for the lower-cased text where that reads the same (folds_simply): about
# 3x faster than re.I (_PERIOD on g300: 169 -> 47 ns a character)
_ON_LOWER = _Caseless(*(re.compile(rx) for rx in _CASELESS))
_PERIOD = _ANY_CASE.period
# a word every match holds (REVISION_OLD), the words one ends with (REVISION_NEW, _PART_LEFT): windows
# without them are not searched (a search of a $-anchored pattern tries it from every character)
_PERIOD_WORDS = ("game", "week", "year", "time", "averag", "break", "half", "career", "season", "period", "quarter",
                 "round", "month", "election", "vote", "poll", "price", "day")
assert all(any(w in p for w in _PERIOD_WORDS) for p in F.PERIOD_PHRASES)
_REVISION_OLD_WORDS = ("from", "compared", "initially", "originally", "previously", "earlier", "record", "mark",
                       "best")
_REVISION_NEW_ENDS = ("to", "about", "some", "least")
_PART_ENDS = ("whom", "which", "them", "those", "including", "includes", "included", "incl.", "about", "some", "least")
_MID_NAME = re.compile(r"(?<=[a-z0-9,])\s+([A-Z][\w&.\-]*[\w&])")
_WEEK = re.compile(r"\bWeek\s+(\d{1,2})\b")
_OPENING_WEEK = re.compile(r"(?:Back\s+)?[Ii]n\s+Week\s+(\d{1,2})\b")
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# a count as of a moment: "41 bodies by nightfall", "By Monday, 48 ...", "as of Tuesday evening"
_BY_TIME = re.compile(
    r"(?i)\b(?:by|as\s+of)\s+(?P<t>nightfall|dawn|daybreak|noon|midday|midnight|then|tonight"
    rf"|(?:early|late)\s+(?:morning|afternoon|evening|night|{_DAYS})"
    rf"|{_DAYS}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:this|that|the\s+next|the\s+following)\s+(?:morning|afternoon|evening|night|day|week)"
    r"|the\s+end\s+of\s+the\s+(?:day|week)|\d{1,2}(?::\d\d)?\s?[ap]\.?m\b\.?)"
)
_COLLECTIVE_BEFORE = re.compile(r"\b(?P<w>[A-Za-z]+)(?:\s+of\s+(?:about\s+|some\s+|nearly\s+|around\s+|roughly\s+"
                                r"|almost\s+|more\s+than\s+|at\s+least\s+)?|\s*:\s*)$")
_OPENER_LEAD = re.compile(r"(?i)(?:in|during|for|over|through)\s+(?:the|its|their)\s+")
_YEAR_AT = re.compile(r"(?=(?:19|20)\d\d)")  # every start, overlapping ones too
_LETTERS = re.compile(r"[a-z]+")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_MODIFIER = re.compile(r"^\s+(?:" + "|".join(re.escape(m) for m in F.NOUN_MODIFIERS) + r")\b", re.I)


class FrameReader:
    """Reads frames in one source: knows its lower-case words (a capitalised word that the text
    also writes in lower case is not a name) and the source's own year."""

    def __init__(self, text: str, year: str = "", lower: str | None = None) -> None:
        self.text = text
        self.year = year
        # the case-insensitive patterns and the text they read (``lower``: lower_same_length(text), if known)
        folds = folds_simply(text)
        self.caseless = _ON_LOWER if folds else _ANY_CASE
        self.ci_text = (lower if lower is not None else lower_same_length(text)) if folds else text
        # where a 4-digit year (or "when", "Week") stands: a window holding none needs no year pattern
        self.years = [m.start() for m in _YEAR_AT.finditer(text)]
        self.inches = sorted(i for cue in ("inch", "in.", '"') for i in _offsets(text, cue))  # in every _CONFIG match
        self.has_week = "Week" in text
        # where a word of a period phrase stands in the text the caseless patterns read (None: anywhere)
        self.period_words = sorted(i for w in _PERIOD_WORDS for i in _offsets(self.ci_text, w)) if folds else None
        self.headlines: dict[int, bool] = {}  # _is_title_case_line by line start: the claims of a line share it
        self.names_at: dict[tuple[int, str], bool] = {}  # _is_name by (offset, token): windows overlap

    # the two word sets are read when a sentence's first word is weighed as a name, in half the
    # articles of g300: computed then (they took two thirds of the reader's set-up)
    @cached_property
    def lower_words(self) -> frozenset[str]:
        """The words the text writes in lower case, lower-cased (each once, in one call: words hold no space)."""
        return frozenset(" ".join([w for w in set(_WORD.findall(self.text)) if w[0].islower()]).lower().split())

    @cached_property
    def mid_names(self) -> frozenset[str]:
        """Capitalised words inside sentences: a sentence's first word is a name only if it is one of these."""
        return frozenset(_MID_NAME.findall(self.text))

    def read(self, m: Mention, s_start: int, s_end: int, c_start: int, c_end: int,
             fates: tuple[str, ...] = (), marks: tuple[bool, bool, bool] = (False, False, False)) -> Frame:
        text, rx, ci_text = self.text, self.caseless, self.ci_text
        left = text[max(s_start, m.start - 160):m.start]
        right = text[m.end:min(s_end, m.end + 80)]
        ci_left = ci_text[max(s_start, m.start - 160):m.start]  # left and right as the caseless patterns read them
        ci_right = ci_text[m.end:min(s_end, m.end + 80)]
        clause = text[c_start:c_end]
        noun = _noun_with_modifiers(m.noun, right) if m.kind not in _UNIT_KINDS else ""
        before = _GROUP_BEFORE.search(left) if noun in ("people", "person", "persons") else None
        if before and before.group(1).lower() in F.PERSON_SUBGROUPS:
            noun = before.group(1).lower()  # translated word order: "passenger 162 people", "crew 7 people"
        if not noun and m.kind == "count":
            before = _COLLECTIVE_BEFORE.search(left[-40:])  # "a crowd of 14,212", "Attendance: 14,212"
            if before and before.group("w").lower() in F.COLLECTIVE_NOUNS:
                noun = before.group("w").lower()
        measure = self._measure(m, left, right, clause)
        entity = self._entity(m, s_start, c_start)
        noun = noun or unnamed_count(text, m, left)  # "Ines Marlow, 24,", "a record for receptions ... with 43"
        reference = _reference(right) if m.kind == "length" else ""
        market = _market(text, c_start, c_end, m) if m.kind in ("money", "percent", "rate") else ""
        if reference and not measure:
            measure = "distance"
        # a dash typed as a hyphen right after the figure ends its clause ("4,051 yards-breaking X's record
        # set a year ago": not this figure's period)
        right_end = m.end if text[m.end:m.end + 1] == "-" and text[m.end + 1:m.end + 2].isalpha() else c_end
        period = self._period(text, max(c_start, m.start - 100), min(right_end, m.end + 80), m, s_start, right_end)
        if not period and c_start > s_start:
            lead = _OPENER_LEAD.match(ci_text, s_start, c_start)  # "In the first quarter, revenue rose 55%"
            at = lead.end() if lead else s_start
            opening = rx.period.match(ci_text, at, min(c_start, at + 30))  # "A year ago, the Colts were 2-14"
            if opening:
                period = F.PERIOD_PHRASES[opening.group().lower()]
            by = (_BY_TIME.match(text, s_start, c_start) if text[s_start:s_start + 3] in ("By ", "As ") else None) \
                or (_OPENING_WEEK.match(text, s_start, c_start) if "n Week" in text[s_start:s_start + 16] else None)
            if by and not period:  # "By Monday, 48 bodies had been recovered"; "Back in Week 4, when ..."
                period = ("by " + " ".join(by.group("t").lower().split())) if by.re is _BY_TIME \
                    else f"week {by.group(1)}"
        if not period and m.kind == "count":
            period = statement_moment(text, s_start, s_end, ci_text)  # "57 injured, ... said on Sunday evening"
        part = _part(text, m, left, right, rx, ci_left, ci_right)
        mode = ""
        if marks[0]:
            mode = "plan"
        if marks[2] or rx.projection.search(ci_text, max(c_start, m.start - 60), m.start) \
                or _MODAL_AFTER.match(ci_text, m.end):
            mode = "projection"  # ("23 million people could be affected": the estimate after the figure)
        revision = ""
        old, new = ci_left[-70:], ci_left[-50:]
        if m.role == "from" or (_may_hold(old, _REVISION_OLD_WORDS) and rx.revision_old.search(old)):
            revision = "old"
        elif m.role == "to" or (may_end_with(new, _REVISION_NEW_ENDS) and rx.revision_new.search(new)):
            revision = "new"
        if m.kind in ("date", "time") and is_dateline(text, m):
            measure = "dateline"
        elif m.kind == "date" and is_day_heading(text, m):
            measure = "day heading"  # "**Monday, October 12**" over a live blog's entries: not the event's date
        if margin_of_error(m, left):
            noun = measure = "margin of error"  # a poll's margin of error is no lead, share or margin of victory
        label = label_of(m, noun, measure, fates, reference)
        return Frame(label=label, noun=noun, measure=measure, entity=entity, reference=reference,
                     period=period, part=part, mode=mode, revision=revision, zone=m.unit if m.kind == "time" else "",
                     market=market)

    # ---------------------------------------------------------------------------------
    def _in_headline(self, pos: int) -> bool:
        """Is ``pos`` in a short title-case line (a headline, whose capitals name nothing)?"""
        text = self.text
        a = text.rfind("\n", max(0, pos - 201), pos)
        b = text.find("\n", pos, pos + 201)
        if (a < 0 and pos > 200) or (b < 0 and len(text) - pos > 200):
            return False  # a line longer than a headline: no need to read it
        line = text.rfind("\n", 0, pos)  # the line _is_title_case_line reads
        known = self.headlines.get(line)
        if known is None:
            known = self.headlines[line] = _is_title_case_line(text, pos)
        return known

    def _is_name(self, word: str, at: int) -> bool:
        bare = word.rstrip("'’s") if word.endswith(("'s", "’s")) else word.rstrip("'’")
        if not bare or bare in NAME_STOP or bare.lower() in V.MONTHS or bare.lower() in V.WEEKDAYS:
            return False
        if len(bare) > 1 and bare.isupper():
            return bare not in F.COMMON_ACRONYMS  # an acronym: "AMD", "HP" (not "IPO", "CEO")
        i = at - 1
        while i >= 0 and self.text[i] in " \t\"'“‘(":
            i -= 1
        sentence_start = i < 0 or self.text[i] in ".!?\n:;"
        if sentence_start and (bare.lower() in self.lower_words or bare not in self.mid_names):
            return False
        return bare.lower() not in V.STOPWORDS and bare.lower() not in F.MONEY_NOUNS \
            and bare.lower() not in F.COLLECTIVE_NOUNS

    def _names(self, a: int, b: int) -> list[tuple[int, int, str, bool]]:
        """Proper-name phrases in text[a:b]: (start, end, phrase, possessive)."""
        out: list[tuple[int, int, str, bool]] = []
        cur: list[tuple[int, int, str]] = []

        def close() -> None:
            if cur:
                phrase = " ".join(w for _s, _e, w in cur)
                poss = phrase.endswith(("'s", "’s", "'", "’"))
                out.append((cur[0][0], cur[-1][1], phrase, poss))
                cur.clear()

        for mt in _NAME_TOKEN.finditer(self.text, a, b):
            s, e, w = mt.start(), mt.end(), mt.group()
            if s > 0 and (self.text[s - 1].isalnum()):
                continue
            known = self.names_at.get((s, w))
            if known is None:
                known = self.names_at[s, w] = self._is_name(w, s)
            if known:
                if cur and (self.text[cur[-1][1]:s].strip() not in ("", "&") or cur[-1][2].endswith(("'s", "’s"))):
                    close()
                cur.append((s, e, w))
            else:
                close()
        close()
        # a model number after a name belongs to it: "Aerobook 11", "Forge 15", "Vista S9"
        out2 = []
        for s0, e0, phrase, poss in out:
            mn = _MODEL_NUMBER.match(self.text, e0, min(b, e0 + 8))
            if mn and not poss and not _unit_after(self.text, mn.end()):
                out2.append((s0, mn.end(), phrase + " " + mn.group(1), False))
            else:
                out2.append((s0, e0, phrase, poss))
        return out2

    def _entity(self, m: Mention, s_start: int, c_start: int) -> str:
        """Whose figure: a possessive right before it, else the subject of the verb that governs it."""
        text = self.text
        a = max(s_start, m.start - 140)
        names = [] if self._in_headline(m.start) else self._names(a, m.start)
        config = ""
        reach = max(s_start, m.start - 90)
        for cm in _CONFIG.finditer(text, reach, m.start) if _any_in(self.inches, reach, m.start) else ():
            if not (cm.start() <= m.num_start < cm.end()):
                config = (cm.group(1) or cm.group(2)) + "-inch"
        if m.kind == "data" or m.kind == "money" or m.unit in ("", "magnitude") or m.kind in ("duration", "mass"):
            stop = min(len(text), m.end + 30)  # "$999 for the 11-inch model"
            nxt = _CONFIG.search(text, m.end, stop) if _any_in(self.inches, m.end, stop) else None
            if nxt and (not config or _FOR_CONFIG.fullmatch(text, m.end, nxt.start())):
                config = (nxt.group(1) or nxt.group(2)) + "-inch"  # "$1,799 for a 15-inch version": the nearer
        who = self._for_whom(m) if m.kind == "percent" or _TALLY.search(m.noun) else ""
        if not who and m.kind in ("percent", "number"):
            who = self._test_after(m)  # "79.8% on Test B": the test's score
        if who:
            names = []  # "46.1% for challenger X": the name after "for" owns the figure
        if m.kind == "score" and m.unit == "scorecard":
            return card_judge(text, names, m.start)  # "Judges Ana Vell (116-112)": the judge's card
        if m.kind == "score":
            names = []  # a team has several names (its city, its nickname): no owner key for scores
        for _s, e, phrase, poss in reversed(names):
            gap = text[e:m.start]
            before = [w for w in text[max(0, _s - 16):_s].lower().split() if w not in ("the", "a", "an")]
            if before and before[-1] in _PREPOSITIONS and m.kind == "length":
                continue  # "centred in Lisk, about 20 miles north of X": where, not whose distance
            if _OLDER.search(text, max(0, _s - 24), _s):
                phrase = "older " + phrase  # "the older Forge 15 at $1,799": last generation, another product
            if _SHORT_GAP.fullmatch(gap) or (gap == " " and m.kind in ("count", "percent") and m.num_start == m.start) \
                    or (gap == " (" and text[m.end:m.end + 1] == ")"):  # "passed Ana Roe (1,822)": hers
                who = phrase  # "the Aerobook 13 at $1,199", "Aerobook 13: 2.9 pounds"
                break
            if poss and len(gap) <= 30 and not any(w in _VERB_LIKE or w in _AUX for w in gap.lower().split()):
                who = phrase
                break
            after_text = text[e:e + 70]
            aside = _ASIDE.match(after_text)  # "The Kites, according to reports, have offered"
            after = (after_text[aside.end():] if aside else after_text[:30]).lower().split()
            of_name = _OF_NAME.match(text, e)  # "X of the Y Party received": X's
            if of_name:
                after = text[of_name.end():of_name.end() + 30].lower().split()
            first = after[0].strip(",.;:") if after else ""
            if before and before[-1] in _PREPOSITIONS:
                continue  # "a quake off Port Haller triggered": a place, not the figure's owner
            if text[max(0, _s - 5):_s] in (" and ", "and ") or text[max(0, _s - 2):_s] == ", ":
                break  # the last of a list of names ("owner X, COO Y and GM Z offered"): whose is unsure
            if first in _AUX and len(after) > 2 and after[1] in _REPORTING and after[2] == "to":
                who = phrase  # "Ferro is believed to be seeking", "the Kites are reported to have offered"
                break
            if first in _REPORTING or (len(after) > 1 and after[1] in _REPORTING and first in _AUX):
                continue
            if first in _AUX or first in _VERB_LIKE or first in F.CHANGE_VERBS or (
                    first.endswith("ed") and len(first) > 4):
                who = phrase
                break
        who = _POSSESSIVE_END.sub("", who).strip() if who else ""
        return " ".join(x for x in (config, who) if x)

    def _test_after(self, m: Mention) -> str:
        """The test a score is on, named right after it: "scored 90.8 on Test A, 79.8% on Test B"."""
        om = _ON_TEST.match(self.text, m.end, min(len(self.text), m.end + 60))
        name = om.group("n").rstrip(".,;:") if om else ""
        first = name.split()[0].lower() if name else ""
        return "" if first in V.WEEKDAYS or first in V.MONTHS else name

    def _for_whom(self, m: Mention) -> str:
        """The owner named after the figure: "46.1% for challenger X", "9,000 votes for the
        Greens" (a vote share or tally given to someone), else ""."""
        fm = _FOR_WHOM.match(self.text, m.end, min(len(self.text), m.end + 40))
        if not fm:
            return ""
        names = self._names(fm.end(), min(len(self.text), fm.end() + 40))
        if not names or names[0][0] - fm.end() > 20 or _FOR_WHOM_GAP.search(self.text, fm.end(), names[0][0]):
            return ""
        return _POSSESSIVE_END.sub("", names[0][2]).strip()

    def _period(self, text: str, a: int, b: int, m: Mention, s_start: int = 0, c_end: int = 0) -> str:
        per = _PER_PERIOD.match(text, m.end) if m.kind in _PER_KINDS else None
        if per:
            return "per " + per.group(1).lower()  # "5,000 barrels a day", "20 tokens per second": a rate
        found = ""
        rx, ci_text = self.caseless, self.ci_text
        periods = self.period_words is None or _any_in(self.period_words, a, b)  # each phrase holds one of them
        for pm in rx.period.finditer(ci_text, a, b) if periods else ():
            if m.num_start <= pm.start() < m.num_end:
                continue
            found = F.PERIOD_PHRASES[pm.group().lower()]
            if pm.start() >= m.num_end:
                break  # the first after the figure, else the last before it
        if found:
            return found
        window = text[a:b]
        bt = _BY_TIME.search(text, a, b) if ("by " in window or "By " in window or "as of" in window) else None
        if bt:
            return "by " + " ".join(bt.group("t").lower().split())  # "41 bodies by nightfall": the count then
        wk = _WEEK.search(text, a, b) if self.has_week else None
        if wk:
            return f"week {wk.group(1)}"
        # a year names another event only as "the 2004 tsunami", "In 2004, ..." opening the
        # sentence, or "in 2004" after the figure: not "since 2008", "Cup 2024", "to June 2029"
        sent_a = max(0, text.rfind("\n", max(0, m.start - 300), m.start) + 1, s_start)
        if not self._year_within(max(sent_a, m.start - 120), min(len(text), m.end + 60)):
            return ""  # both patterns below need a year in their window (most windows hold none)
        for wm in rx.when_year.finditer(ci_text, max(sent_a, m.start - 80), m.start):
            if wm.group("y") != self.year:
                return wm.group("y")
        for ym in _EVENT_YEAR.finditer(text, max(sent_a, m.start - 120), min(len(text), m.end + 60)):
            year = ym.group("y")
            if year == self.year or m.num_start <= ym.start("y") < m.num_end:
                continue
            aside = text[max(0, ym.start() - 2):ym.start()] == ", " and text[ym.end("y"):ym.end("y") + 1] == ","
            if ym.group("lead") and ym.start() != sent_a and ym.start() < m.start and not aside:
                continue  # "in 2004" before the figure counts when it opens the sentence or stands aside
                # in commas ("A previous lander, in 2024, tipped over 280 km from the pole")
            if ym.group("lead") and ym.start() > m.start and ym.start() >= c_end:
                continue
            if ym.group("names") and ym.start() > m.start:
                continue  # a named event after the figure is a comparison: "(10-5) join the 2008 Fen Owls as ..."
            return year
        return ""

    def _year_within(self, a: int, b: int) -> bool:
        """Does a 4-digit year (19xx, 20xx) start in [a, b - 4]?"""
        return _any_in(self.years, a, b - 3)

    def _measure(self, m: Mention, left: str, right: str, clause: str) -> str:
        low_left = left.lower()
        if m.unit == "magnitude":
            # "a 5.4 aftershock", "an aftershock measuring 5.1": the aftershock's, not the quake's
            near = _AFTERSHOCK.search(right[:24].lower()) or _AFTERSHOCK_LEFT.search(low_left[-60:])
            return "aftershock" if near else ""
        if m.kind in ("length",):
            # the words since the previous figure, unless this one restates it in brackets: "a depth
            # of 10 km (6 miles)" is one depth; "a depth of 10 km, about 72 km from the city" is not
            own = _AFTER_FIGURE.split(left[-30:])[-1]
            if _DEPTH.search(left[-30:] if own.rstrip().endswith("(") else own) or _DEPTH.match(right.lstrip()[:12]):
                return "depth"
            hyphen = m.end < len(self.text) and right[:1] in (" ", "-") and "-" in self.text[m.num_end:m.end + 1]
            if hyphen or right[:1] == " ":
                w = what_after(right)
                if w:
                    return w
            sm = _STAT_RIGHT.match(right) or _STAT_RIGHT.match(self.text[m.num_end:m.end])  # "4,183 passing yards"
            if sm and not hyphen:
                return _STAT_WORDS.get(sm.group(1).lower(), "rushing")
            nm = _NOUN_OF.search(low_left[-40:])
            if nm and nm.group("w") in F.MEASURE_CLASSES:
                return nm.group("w")
            fm = _FOR_LEFT.search(low_left[-50:])
            if fm and fm.group("v") in F.MEASURE_VERBS:
                return F.MEASURE_VERBS[fm.group("v")]
            wm = _WITH_STAT.search(low_left[-80:]) if "yards" in low_left[-80:] else None
            return _STAT_WORDS.get(wm.group(1), "") if wm else ""  # "most passing yards in a season with 4,051"
        if m.kind == "money":
            return money_noun(left[-60:], right[:50])
        if m.kind == "rate":
            return f"per {m.per.lower()}" if m.per else ""
        if m.kind == "percent":
            after = re.match(r"\s*([a-z]+)", right[:20].lower())
            if after and after.group(1) in F.PERCENT_MEASURES:
                return after.group(1)
            words = re.findall(r"[a-z]+", re.split(r"[;:.!?]\s", low_left[-120:])[-1])
            found = next((w for w in reversed(words) if w in F.PERCENT_MEASURES), "")
            return found or change(left[-60:])
        if m.kind == "duration":
            w = what_after(right)
            return w if w and w in F.DURATION_WHAT else ""
        if m.kind == "mass":
            w = mass_measure(left, right)
            if w:
                return w
        if m.kind in ("data", "mass", "speed", "power", "energy"):
            w = what_after(right)
            if w:
                return w
            words = [x for x in re.findall(r"[a-z]+", low_left[-30:]) if x in F.MEASURE_CLASSES]
            return words[-1] if words else ""
        return ""


# "for" right after a share or tally, then up to two lower-case words ("challenger", "the Greens'")
_FOR_WHOM = re.compile(r"\s*(?:of\s+(?:the\s+)?(?:votes?|ballots?)(?:\s+cast)?\s+)?(?:went\s+to|for)\s+")
_AFTER_FIGURE = re.compile(r"\d")
_AFTERSHOCK = re.compile(r"\b(?:aftershock|foreshock)")
# "an aftershock of magnitude 5.4", "the largest aftershock measured 5.1", "an aftershock with a magnitude of 5"
# "aftershocks, the strongest of 5.2", "aftershocks followed, the largest at 4.9"
_AFTERSHOCK_LEFT = re.compile(r"\b(?:aftershock|foreshock)s?\s+"
                              r"(?:(?:of|measuring|measured|at|with|a|an|preliminary)\s+)*(?:magnitude\s+(?:of\s+)?)?$"
                              r"|\b(?:aftershock|foreshock)s(?:\s+[a-z]+)?,\s+(?:the\s+)?(?:strongest|largest|biggest)"
                              r"(?:\s+one)?\s+(?:of|at|measuring)\s+(?:magnitude\s+)?$")
# after the figure: "23 million could be affected", "between 100 and 1,000 deaths are likely", "waves of up
# to 1 metre are possible": an estimate, not a count
_MODAL_AFTER = re.compile(r"\s+(?:(?:could|may|might)\s+(?:have\s+)?(?:be|been)\s+(?:affected|displaced|exposed"
                          r"|infected|at\s+risk|left\s+homeless|in\s+need)"
                          r"|(?:are|is)\s+(?:(?:considered|thought|judged|now)\s+)?(?:likely|possible|expected)\b(?!\s+to\b))")
_PER_PERIOD = re.compile(r"\s+(?:a|an|per|each|every)\s+(second|minute|hour|day|week|month|quarter|year)\b")
_PER_KINDS = frozenset({"count", "number", "volume", "mass", "energy", "length", "data", "emissions"})
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}(?=\s+[a-z])")
_ON_TEST = re.compile(r"\s+on\s+(?:the\s+)?(?P<n>[A-Z][\w@.+-]*(?:\s+(?:[A-Z][\w@.+-]*|\d{4}))?)")
_SHARE_OF = re.compile(r"\s*of\s+the\s")
_TALLY = re.compile(r"(?i)\b(?:votes?|ballots?|seats?)\b")
_FOR_WHOM_GAP = re.compile(r"[^\sA-Za-z]")  # only words between "for" and the name ("challenger")


def _may_hold(window: str, words: tuple[str, ...]) -> bool:
    """Can a case-insensitive pattern whose matches hold one of ``words`` (lower-case ASCII) match in ``window``?"""
    if not window.isascii():
        return True  # other scripts: case-folding rules of their own
    low = window.lower()
    return any(w in low for w in words)


def _any_in(offsets: list[int], a: int, b: int) -> bool:
    """Is one of the sorted ``offsets`` in [a, b)?"""
    i = bisect_left(offsets, a)
    return i < len(offsets) and offsets[i] < b


def _offsets(text: str, needle: str) -> list[int]:
    """Every offset where ``needle`` starts in ``text``, overlapping ones too."""
    out = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out




def _noun_with_modifiers(noun: str, right: str) -> str:
    if not noun:
        return ""
    mm = _MODIFIER.match(right)
    if mm:
        noun = noun + " " + " ".join(mm.group().split()).lower()
    elif _WITH_GROUND.match(right):
        noun += GROUND  # "killing 66 people, including two on the ground": not the toll on board
    # one modifier, one wording: "people aboard", "people on the plane" are "people on board"
    return _ON_BOARD.sub("on board", noun)


_WITH_GROUND = re.compile(r",?\s+(?:including|among\s+them|of\s+whom)\s+(?:[\w-]+\s+){0,3}?on\s+the\s+ground\b")
_ON_BOARD = re.compile(r"\b(?:aboard|on the (?:plane|aircraft|jet|train|ship|ferry|boat|bus|flight))$")


_GROUP_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)[ \u00a0]$")
_MARKET_NAMES_RX = "|".join(re.escape(n) for n in sorted(F.MARKET_NAMES, key=len, reverse=True))
_IN_MARKET = re.compile(rf"\b(?:[Ii]n|[Ff]or|[Aa]cross)\s+(?:the\s+)?(?P<n>{_MARKET_NAMES_RX})(?![\w-])")
_MARKET_ADJ = re.compile(rf"(?<![\w.])(?P<n>{_MARKET_NAMES_RX})\s+(?P<w>[a-z]+)\b")


def _market(text: str, c_start: int, c_end: int, m: Mention) -> str:
    """The market a price, tax or share is of, named in its clause, the mention nearest the figure:
    "In Germany the laptop costs €1,329", "German prices include 19 percent VAT", "$1,199 in the US";
    "" when none is."""
    best, key = 10**9, ""
    for rx in (_IN_MARKET, _MARKET_ADJ):
        for mm in rx.finditer(text, c_start, c_end):
            if rx is _MARKET_ADJ and mm.group("w") not in F.MARKET_NOUNS:
                continue
            d = m.start - mm.end() if mm.end() <= m.start else mm.start() - m.end
            if 0 <= d < best:
                best, key = d, F.MARKET_NAMES[mm.group("n")]
    return key


def _reference(right: str) -> str:
    dm = _DIR_OF.match(right)
    if not dm:
        return ""
    name = dm.group("name")
    if name.islower():
        return name if name in F.PLACE_NOUNS else ""
    if name.split()[0] in NAME_STOP:
        return ""
    return name.rstrip(".,")


def _part(text: str, m: Mention, left: str, right: str, rx: _Caseless, ci_left: str, ci_right: str) -> str:
    if rx.one_of.search(ci_left[-50:]) or ("either" in ci_left[-40:] and _EITHER.search(left[-40:])):
        return "one of several"
    am = _ANOTHER.search(left[-30:])
    if am and (m.kind not in ("count", "number") or not am.group().lower().startswith("another")):
        # "another 90-yard run", "a further 12 deaths": not the figure itself ("another 20,000 people
        # marched in the next city" is that city's crowd: a count after "another" stays a count)
        return "another"
    if m.kind == "money" and _CONFIGURED.search(text, max(0, m.start - 90), m.start):
        return "configuration"  # "a version with a 1-terabyte drive costs $2,799": one configuration's price
    if m.kind in ("money", "rate") and _CONDITION_AFTER.match(right):
        return "configuration"  # "$0.14 per million tokens for cache hits", "$9 for students": a condition's price
    if _FIRST_N.search(left[-20:]) and m.kind in ("count", "number"):
        return "stretch"  # "the first eight points", "his last 12 games": a stretch named by its own size
    if _MARGIN.search(left[-40:]) and m.kind in ("count", "number"):
        return "margin"  # "moved ahead by eight": a difference between two scores, not a count
    if m.role == "part" or (may_end_with(ci_left[-30:], _PART_ENDS) and rx.part_left.search(ci_left[-30:])) \
            or (rx.part_right.match(ci_right) and not (m.kind == "percent" and _SHARE_OF.match(ci_right))):
        return "part"  # (a percent "of the vote" is the share itself: its base, not a part)
    if _N_OF_THE.match(right) and m.kind in ("count", "number"):
        return "part"  # "six of the seven": a sub-group
    words = _LETTERS.findall(left[-25:].lower()) + _LETTERS.findall(right[:20].lower())[:3]
    if any(w in F.WHOLE_WORDS for w in words):
        return "whole"
    money = _LETTERS.findall(left[-40:].lower()) if m.kind in ("money", "rate") else []
    if any(w in F.COST_PARTS for w in money[-4:]):
        return "part"  # "one stage's cost" (not "stage separation came 2 minutes 40 seconds after launch")
    if m.kind in ("money", "count", "number"):
        after = _NEXT_AMOUNT.split(right[:70], maxsplit=1)[0]  # up to the next amount: its basis is its own
        if _WITH_MORE.search(after) or _WITH_MORE_LEFT.search(left[-90:]):
            return "with more"
        for rx_basis, key in _BASES:
            if rx_basis.search(after):
                return key
    return ""


_NEXT_AMOUNT = re.compile(r"[$€£¥₹]|\band\s+(?:at|to)\b")
_WITH_MORE = re.compile(F.WITH_MORE, re.I)
_WITH_MORE_LEFT = re.compile(F.WITH_MORE_LEFT, re.I)
_BASES = tuple((re.compile(rx, re.I), key) for rx, key in F.BASIS)
