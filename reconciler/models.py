"""The data that flows between stages: frozen dataclasses, no behaviour beyond small helpers.

read -> Source; extract -> Claim; align -> Group; check -> Finding; all of it -> Result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "money", "count", "duration", "percent", "date", "rate", "score", "length",
    "mass", "area", "volume", "speed", "data", "energy", "power", "emissions", "number", "temperature",
    "multiple", "time",
]
Qualifier = Literal["exact", "approximate", "upper", "lower", "range", "vague"]
Severity = Literal["error", "warning", "info"]

SCHEMA = "reconcile/1"
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Source:
    """One article as read from disk. Claim offsets point into ``text``."""

    id: str
    path: str  # as displayed: relative to the folder given on the command line
    title: str
    text: str
    format: str  # "txt" | "md" | "html" | "pdf" | "docx"
    encoding: str
    sha256: str
    date: str | None = None  # ISO date the article states about itself (dateline), if any
    # character ranges of boilerplate (bylines, read-time lines, view counters) not to mine
    skip: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()  # what the reader had to do (decoding fallback, stripped characters)
    # HTML: where ``text`` sits in the page, as flattened (text_start, text_end, page_start)
    # runs over which the two agree character for character (htmltext.verbatim_runs)
    origin: tuple[int, ...] = ()
    outlet: str = ""  # who published it (the page's site name, a document's publisher), when known
    pages: tuple[int, ...] = ()  # PDF: the offset in ``text`` where page 1, 2, ... begins
    primary: bool = False  # marked by the editor (--primary): the reference where it states a figure

    @property
    def label(self) -> str:
        """How an editor names this source in a message: its outlet, else its path."""
        return self.outlet or self.path


@dataclass(frozen=True)
class Frame:
    """What a claim's number counts or measures, of which subject, over which period.

    Read from the claim's sentence (``reconciler.extract.frame``); every field is "" where the
    sentence does not say. Two claims are one quantity only where their frames agree.
    """

    label: str = ""  # what an editor calls the quantity: "people on board", "depth", "rushing yards", "offer"
    noun: str = ""  # the counted noun with its modifiers: "people on board", "cabin crew"
    measure: str = ""  # what a measured figure is of: "touchdown run", "depth", "distance", "training cost",
    #                    "rushing"; "dateline" for a publication dateline or an "updated" stamp; "day heading"
    #                    for a live blog's or a timeline's day on a line of its own ("**Monday, October 12**")
    entity: str = ""  # whose figure: a team, player, product or configuration ("13-inch Aerobook", "the Tarrow Kites")
    reference: str = ""  # the reference point of a distance: "Santa Rosa" in "26 miles north of Santa Rosa"
    period: str = ""  # the time frame: "last season", "career", "average", "first half", "2004", "week 4"
    part: str = ""  # "part" (of whom, including, in cash, six of the seven, one stage), "whole" (in all, total),
    #                 "one of several" ("the biggest of them"): never the figure of the story's own subject
    mode: str = ""  # "projection" (could exceed, expected to, model estimates), "plan" (a target), "" reported
    revision: str = ""  # "old": superseded by revision wording ("revised from eight", "up from 12",
    #                     "initially reported"); "new": the revised figure ("has been increased to"); ""
    zone: str = ""  # clock times: the zone as written ("local", "ET", "GMT")
    market: str = ""  # the market of a price, tax or share: "germany" for "German prices", "in Germany"


@dataclass(frozen=True)
class Claim:
    """A numeric statement in one source, quoted exactly.

    ``value`` is in the stated unit (money in its own currency, durations in hours,
    percents as the number); dates are ISO strings (``2025-09-17`` or ``--09-17``).
    ``low``/``high`` bound what the wording allows (precision, hedges, ranges). ``precision``
    is half a unit of the last stated digit. ``rounding`` says how the figure may stand for the
    true value: "truncated" for a scaled decimal or a round figure that journalists often cut
    rather than round ("93.4 million" for 93,469,008, "$5.5 million" for $5.576 million): ``high``
    then reaches a whole unit of the last digit above the value, so such a pair is rounding-level;
    "round" for a hedged round figure ("about 60 km"), whose interval spans half a unit of its
    last non-zero digit; "" otherwise. ``frame`` is what the number counts or measures
    (:class:`Frame`); ``frame.revision`` marks a figure superseded by revision wording.
    """

    id: str
    source: str
    start: int
    end: int
    text: str
    value: float | str
    unit: str
    kind: Kind
    qualifier: Qualifier
    low: float | None  # interval implied by precision and qualifier (None for dates)
    high: float | None
    noun: str  # counted noun or unit phrase ("ZX800 GPUs", "crew members")
    subject: str  # short phrase the number is about, from its context
    sentence: str
    sentence_start: int
    context: tuple[str, ...] = ()  # normalised content words near the claim (for alignment)
    role: str = ""  # "from"/"to" in a change, "plan" for targets/forecasts, "" otherwise
    range_id: str = ""  # shared by the two ends of "X to Y" / "between X and Y"
    precision: float = 0.0  # half a unit of the last stated digit, in ``value`` units
    scale_words: str = ""  # scale as written ("million", "* * $10000"), for explanations
    attribution: str = ""  # who the article says gave the figure ("police", "the organisers")
    notes: tuple[str, ...] = ()
    rounding: str = ""  # "truncated" | "round" | "": see the docstring
    frame: Frame = Frame()


@dataclass(frozen=True)
class Group:
    """Claims that state the same quantity about the same subject."""

    id: str
    dimension: str
    claims: tuple[str, ...]
    label: str  # human name of the quantity ("training cost", "GPUs")
    consensus: float | str | None
    consensus_text: str
    support: int  # independent sources behind the consensus
    why: tuple[str, ...] = ()  # shared words, unit, score: why these were put together
    score: float = 0.0
    links: tuple[tuple[str, float], ...] = ()  # each claim's strongest link to another source
    reference: str = ""  # the primary source whose figure is the consensus (rules/primary.py), if any


@dataclass(frozen=True)
class Finding:
    id: str
    rule: str
    severity: Severity
    claims: tuple[str, ...]
    message: str
    explanation: str
    group: str | None = None
    suggested: str | None = None


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Problem:
    """An unexpected error the run caught in one article or one story, and went on past: a bug
    to report (``--strict`` stops at it instead)."""

    where: str  # the article's path, or the story ("story of 3 articles: a.txt, b.txt, c.txt")
    stage: str  # "extract", "align" or "check"
    error: str  # the exception: "ZeroDivisionError: float division by zero"


@dataclass(frozen=True)
class Result:
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    groups: tuple[Group, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...] = ()
    copies: tuple[tuple[str, ...], ...] = ()  # sets of source ids that are near-duplicates
    errors: tuple[Problem, ...] = ()  # internal errors caught per article or story (the rest completed)
    timings: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    def counts(self) -> dict[str, int]:
        by: dict[str, int] = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            by[f.severity] += 1
        return by
