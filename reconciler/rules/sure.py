"""Loud only when sure: may a disagreement between two aligned claims be an error or warning?

Alignment puts claims in one group when their context is alike and their frames do not
contradict (:mod:`reconciler.align`). That is enough to *show* them side by side, not to tell an
editor that one of them is wrong. A disagreement is loud only when the two claims positively
state the same quantity:

- the same thing counted or measured: a specific frame label on both sides ("points",
  "depth", "passing yards", "distance from X"), with the same head word; a label that only
  names the dimension or the unit ("length", "amount", "duration", "GHz") says nothing;
- or the same owner on both sides (the same team, player or product configuration), with
  both labels silent or naming the same thing (one silent label against a specific one was
  measured noisier: a bare figure beside a named owner is often another of its statistics);
- and nothing set on one side only that would make it another figure of the same subject: a
  period ("career", "last season"), a part ("of whom", "in cash", "the first eight points"),
  another instance ("another 90-yard run"), a margin ("moved ahead by eight"), a named owner the other side
  lacks while both name the thing measured (one player's total against a total);
- or, when neither frame names what is measured, the same wording around both figures: at
  least ``SAME_WORDING_MIN`` content words near each figure, nearly all of them shared ("the
  bank raised its main rate by 25 basis points" against "by 50 basis points"), with nothing in
  the frames against it;
- and neither is a bound ("over 350", "up to 2 GHz", "as many as 20"): a bound is often a
  threshold or a category, not a report of the figure.

A scale slip or a currency mislabel carries its own evidence: the same digits with the decimal
point moved ("29.4 million" for "294,000"), the same number under another currency sign. It is
loud unless the frames say two quantities.

Anything weaker is at most info: "possibly the same quantity". The tables in
tests/test_sure.py show each case with invented sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.extract.keys import entity_key, head_words
from reconciler.models import Claim

# noun classes that group kindred things for alignment but are not one thing counted: houses and
# buildings, villages and towns, cars and trucks may be one row, never sure to be one figure
LOOSE_CLASSES = frozenset({"building", "settlement", "vehicle", "store", "vessel", "year"})
# labels that only repeat the dimension or say "a figure": no evidence of what is measured
GENERIC_LABELS = frozenset({
    "", "amount", "length", "duration", "mass", "data", "speed", "area", "volume", "energy", "power",
    "temperature", "share", "number", "figure", "value", "total", "time", "rate", "emissions", "count",
})
BOUNDS = ("upper", "lower")
# frame parts that are another figure than the whole: a part ("of whom"), another instance
# ("another 90-yard run"), a margin ("ahead by eight")
NOT_THE_FIGURE = frozenset({"part", "another", "margin", "stretch", "configuration", "with more"})
NAMED_BY_ITSELF = frozenset({"stretch", "configuration"})
BASES = frozenset({"fully diluted", "basic"})  # the bases a valuation is stated on: either side may omit it
PEOPLE = frozenset({"people", "person", "protester", "demonstrator", "resident", "visitor", "spectator"})
# a counted "noun" that is really a unit symbol the grammar does not convert ("2.7 GHz chip",
# "4,000 mAh battery"): the figure is a measurement and its noun names no thing counted
UNIT_SYMBOLS = re.compile(r"^(?:[kKMGT]?(?:Hz|B|b|W|Wh|V|A)|mAh|MP|fps|nits|dB|rpm|cc|hp|bhp|Mbps|Gbps)$")


def _head(label: str) -> str:
    """The head word of a label, as its noun class where the vocabulary has one ("KOs" and
    "knockouts" are one thing counted), else singular."""
    words = [w for w in label.lower().replace("-", " ").split() if w.isalpha()]
    if words and words[-1] not in V.FATE_WORDS:  # "people killed" is a toll: its fate is its head
        words = head_words(words)
    if not words:
        return ""
    w = words[-1]
    if w in V.FATE_WORDS:
        # "38 killed", "45 dead", "94 died", "people killed": one toll of the dead; "six children killed"
        # is the children's (a part of it)
        who = words[-2] if len(words) > 1 and words[-2] not in F.PERSON_GENERIC else ""
        return f"~{V.FATE_WORDS[w]} {who}".strip()
    if F.MONEY_NOUNS.get(w, "cost") != "cost":
        # "purse" and "payday", "offer" and "deal": one amount, two words ("price", "costs", "starts at"
        # name too many of a story's amounts to say more than the word itself)
        return "$" + F.MONEY_NOUNS[w]
    cls = F.THING_CLASSES.get(w)
    if cls and cls not in LOOSE_CLASSES:
        return cls
    return w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w


def specific_label(c: Claim) -> str:
    """The claim's frame label when it names what is counted or measured, else ""."""
    label = c.frame.label.lower().strip()
    if label in GENERIC_LABELS:
        return ""
    if c.kind not in ("count", "number") and label == c.noun.lower().strip():
        return ""  # "36 miles": the noun is the unit
    first = c.noun.split()[0] if c.noun.split() else ""
    if UNIT_SYMBOLS.match(first):
        return ""  # "2.7GHz quad-core chip": a measurement in a unit the grammar does not convert
    return label


# a period that names another year than the story's ("in 2021 turnout was 55.2%"; the frame reader sets a
# year only when it is not the article's own); "last year" is left out, as it is often the same past
# event as another source's unread "in May 2012"
_ANOTHER_TIME = re.compile(r"^(?:19|20)\d\d$")


def _one_sided(a: Claim, b: Claim) -> str:
    """A frame field set on one side only that makes it another figure, or ""."""
    fa, fb = a.frame, b.frame
    if bool(fa.period) != bool(fb.period) and ("career" in (fa.period, fb.period)
                                               or _ANOTHER_TIME.match(fa.period or fb.period)):
        return "period"  # a career total, or another year's figure ("in 2021 turnout was 55.2%"), on one side
    if fa.period and fb.period and fa.period.lower() != fb.period.lower():
        return "period"  # a career total against last season's, 2019 against 2020
    moves = [label.startswith(("rise in ", "fall in ")) or label in ("rise", "fall") for label in (fa.label, fb.label)]
    if {fa.label.split(" ")[0], fb.label.split(" ")[0]} == {"rise", "fall"} or moves[0] != moves[1]:
        # a rise and a fall are two moves (early trade, the close), never one figure; nor is a move one
        # with a level ("wiping $593 billion off its market value" against a market value of $2.9 trillion)
        return "direction"
    if fa.part != fb.part and (fa.part in NOT_THE_FIGURE or fb.part in NOT_THE_FIGURE):
        return "part"  # a part, another instance or a margin against the figure itself
    if fa.part != fb.part and fa.part in BASES and fb.part in BASES:
        return "part"  # a fully diluted valuation against a basic one
    if fa.part in NAMED_BY_ITSELF or fb.part in NAMED_BY_ITSELF:
        # "the first eight points" against "the first five"; "a version with 1TB costs $2,799" against
        # "that configuration costs $1,449": each is named by its own size or specification
        return "part"
    if bool(fa.entity) != bool(fb.entity) and a.kind in ("count", "number") and specific_label(a) \
            and specific_label(b) and _head(specific_label(a)) in PEOPLE:
        return "entity"  # "10,000 people" in one named city against "100,000 people": another crowd
    return ""


def same_owner(a: str, b: str) -> bool:
    """Do two owners as written name one team, person or product? The aligner's key decides
    ("President Ana Ruiz" and "Ana Ruiz" are one); where it has no key, the words as written."""
    if a.lower() == b.lower():
        return True
    ka, kb = entity_key(a), entity_key(b)
    return bool(ka) and ka == kb


def two_markets(a: str, b: str) -> bool:
    """Are two market keys two markets? A country and the region it belongs to are not ("in France"
    and "in Europe" may be one price); two countries, or two regions, are."""
    if not a or not b or a == b:
        return False
    return F.MARKET_REGION.get(a) != b and F.MARKET_REGION.get(b) != a


def same_quantity(a: Claim, b: Claim) -> bool:
    """Do the two claims' frames positively say they are one quantity?"""
    fa, fb = a.frame, b.frame
    if _one_sided(a, b):
        return False
    la, lb = specific_label(a), specific_label(b)
    if fa.entity and fb.entity and not same_owner(fa.entity, fb.entity):
        return False
    if fa.reference and fb.reference and fa.reference.lower() != fb.reference.lower():
        return False  # another reference point: 26 miles from one town, 14 from another
    if two_markets(fa.market, fb.market):
        return False  # "German prices include 19 percent VAT", "UK prices 20 per cent"
    if la and lb:
        return _head(la) == _head(lb) and (same_owner(fa.entity, fb.entity) or not (fa.entity or fb.entity)
                                           or a.kind in ("count", "number"))
    if fa.entity and same_owner(fa.entity, fb.entity):
        return not (la or lb) or _head(la) == _head(lb)
    return False


# the wording test: content words near each figure (Claim.context, without the alignment's own
# markers such as "~update"); few words say too little, and one word in five may differ (a
# weekday, a verb) while the sentence still states the same figure
SAME_WORDING_MIN = 4
SAME_WORDING_SHARE = 0.8


def _words(c: Claim) -> set[str]:
    return {w for w in c.context if not w.startswith("~")}


def same_wording(a: Claim, b: Claim) -> bool:
    """Is the figure stated in the same words on both sides (and its frame silent on what it is)?"""
    if specific_label(a) or specific_label(b) or contradicts(a, b):
        return False
    wa, wb = _words(a), _words(b)
    if min(len(wa), len(wb)) < SAME_WORDING_MIN:
        return False
    return len(wa & wb) / max(len(wa), len(wb)) >= SAME_WORDING_SHARE


def contradicts(a: Claim, b: Claim) -> bool:
    """Do the frames say the two claims are two quantities (rather than merely not saying)?"""
    fa, fb = a.frame, b.frame
    if _one_sided(a, b):
        return True
    if fa.entity and fb.entity and not same_owner(fa.entity, fb.entity):
        return True
    if fa.reference and fb.reference and fa.reference.lower() != fb.reference.lower():
        return True
    if two_markets(fa.market, fb.market):
        return True
    la, lb = specific_label(a), specific_label(b)
    return bool(la and lb and _head(la) != _head(lb))


_NUMBER = re.compile(r"\d(?:[\d,.\u00a0\u202f ]*\d)?")


def digits(c: Claim) -> str:
    """The significant digits as printed: "294" for "$29.4 million" and for "294,000"; "" for words."""
    m = _NUMBER.search(c.text)
    return re.sub(r"\D", "", m.group()).strip("0") if m else ""


def transposed(a: str, b: str) -> bool:
    """Two adjacent digits swapped: "43" for "34", "1,253" for "1,523"."""
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def same_digits(a: Claim, b: Claim) -> bool:
    """A scale slip moves the decimal point and keeps the digits ("29.4 million" for "294,000",
    "12 miles" for "1.2 miles"); "$100" against "$999" is ten times apart by chance."""
    da, db = digits(a), digits(b)
    return bool(da) and da == db


# rules whose own arithmetic is the evidence that two figures are one (an exact power of ten,
# the same number under another currency sign): loud unless the frames say two quantities
EXPLAINED = frozenset({"scale_slip", "currency_mislabel"})


def loud_enough(outliers: Iterable[Claim], agree: Iterable[Claim], rule: str = "value_mismatch") -> bool:
    """May the disagreement of ``outliers`` with the consensus side ``agree`` be loud?

    For a plain mismatch, two amounts in different currencies are never sure: a price in another
    market, a conversion at another day's rate. (A mislabel, the same number under another
    currency sign, carries its own evidence: ``currency_mislabel``.)"""
    outs, ags = list(outliers), list(agree)
    if any(c.qualifier in BOUNDS for c in outs):
        return False
    if rule == "scale_slip":
        return any(same_quantity(o, a) or same_wording(o, a) or (same_digits(o, a) and not contradicts(o, a))
                   for o in outs for a in ags)
    if rule in EXPLAINED:
        return any(not contradicts(o, a) for o in outs for a in ags)
    if rule == "value_mismatch":
        ags = [a for a in ags if not (a.kind == "money" and any(o.unit != a.unit for o in outs))]
    return any(same_quantity(o, a) or same_wording(o, a) for o in outs for a in ags)
