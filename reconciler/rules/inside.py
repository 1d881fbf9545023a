"""One article against itself: its headline against its body, and one quantity given twice.

``headline_mismatch``: the headline states a figure that the body states differently for the
same quantity ("Nine Dead, 75 Injured" over a lede saying 57 people were injured). The same
quantity is the same thing counted or measured (:func:`_what`: the whole label, people with
their fate), owner, period and no part. The headline's figure is read with its rounding
widened to half a unit of its last significant digit ("$2bn" stands for $1.5bn to $2.5bn),
since headlines round, and any body figure of that quantity that agrees clears it. It is loud
only when the frames say one quantity (:func:`reconciler.rules.sure.same_quantity`), the body's
first two sentences (where the headline's story is told) state it otherwise, each figure's
sentence names one fate only, and nothing says the figure changed ("rose to", "later",
revision wording): a headline often carries the latest figure, and background further down
is often another case. Otherwise info.

``same_figure_twice``: one article giving one quantity twice with two values ("an 84-yard
scamper" and "an 86-yard touchdown run" for one play). Never two figures of one sentence, the
ends of a range, two units (a restatement is ``internal_equivalence``), a part or total against
the figure, two periods, a plan or a projection, or a figure superseded by revision wording.
Inside one article the frames say little (an article tells many runs, several crowds, each
party's votes), so the evidence that the two are one quantity comes from the other sources:
loud (this rule's severity, a warning by default) when the aligner put both in one group, each
linked at least ``loud_link`` to the others, and the other sources give one of the two values
(two independent voices or more, three times the support of any other value), with nothing
near either figure saying it changed. Frames alone, when the later figure refers back to a
figure of the very same thing, owner and period ("12 crew members" ... "the 14 crew members"),
give info; so does update wording ("initially 12, later 14").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.extract.keys import NOUN_CLASS, frame_keys
from reconciler.extract.names import _is_title_case_line
from reconciler.models import Claim, Finding, Group, Severity, Source
from reconciler.rules.config import RuleConfig
from reconciler.rules.sure import BOUNDS, _head, digits, same_quantity, specific_label
from reconciler.rules.util import finding_id, quote

HEADLINE = "headline_mismatch"
TWICE = "same_figure_twice"
# kinds whose figures are compared by value; dates, scores and records have their own rules
_KINDS = frozenset({"count", "number", "money", "percent", "duration", "length", "mass", "area", "volume",
                    "speed", "data", "energy", "power", "temperature"})
_FATES = V.FATE_TOKENS
# frame parts that make a figure another than the quantity itself (a part, a total, another one)
_PARTS = frozenset({"part", "whole", "another", "margin", "stretch", "one of several"})
_EVENTS = F.EVENT_MEASURES
_CHANGED = re.compile(rf"(?i)\b(?:{F.CHANGE_WORDS})\b")
_HEAD_MAX = 200  # a headline is one short line


# ---------------------------------------------------------------------------------------
# what the two rules share


def _comparable(c: Claim) -> bool:
    return (c.kind in _KINDS and isinstance(c.value, (int, float)) and c.low is not None and c.high is not None
            and not c.role and not c.range_id and not c.frame.mode)


def _fates(c: Claim) -> frozenset[str]:
    return frozenset(t for t in c.context if t in _FATES)


def _what(c: Claim) -> str:
    """What is counted or measured, as a key: people with their fate ("Nine Dead" and "nine
    people were killed"), the measure's class ("scamper" and "touchdown run" are a run), else
    the whole specific label, each word in the singular ("crew members": crew; "pirate vessels"
    and "merchant vessels" stay two), else ""."""
    if _fates(c) and c.kind in ("count", "number"):
        noun = [w for w in re.findall(r"[a-z]+", c.frame.noun.lower()) if w not in V.FATE_WORDS]
        if noun and frame_keys(c.frame)[NOUN_CLASS] != "person":
            return ""  # "two helicopters" beside "the injured": a fate word, but no people counted
        return "person " + " ".join(sorted(_fates(c)))
    for w in reversed(c.frame.measure.lower().split()):
        if w in F.MEASURE_CLASSES:
            return F.MEASURE_CLASSES[w]
    label = re.sub(r"\s+members?$", "", specific_label(c))
    return " ".join(_head(w) or w for w in label.split())


def _one_fate(c: Claim) -> bool:
    """Is the figure's fate beyond doubt: its sentence names one fate only? ("57 people were
    injured and nine were killed" names two, and which figure has which is read by distance)"""
    if not _fates(c):
        return True
    words = re.findall(r"[a-z]+", c.sentence.lower())
    return len({V.FATE_WORDS[w] for w in words if w in V.FATE_WORDS}) <= 1


def _changed(c: Claim) -> bool:
    """Does the figure's own wording say it changed, or is earlier or later than another?"""
    return bool(c.frame.revision or "~update" in c.context or _CHANGED.search(c.sentence))


def _same_frame(a: Claim, b: Claim, one_sided_period: bool = False) -> bool:
    """One quantity by the frames: the same thing counted or measured, owner, period (or, with
    ``one_sided_period``, a period on one side only) and fate, and no part or total."""
    fa, fb = a.frame, b.frame
    if a.kind != b.kind or a.unit != b.unit or _fates(a) != _fates(b) or fa.part in _PARTS or fb.part in _PARTS:
        return False
    pa, pb = fa.period.lower(), fb.period.lower()
    if pa != pb and not (one_sided_period and not (pa and pb)):
        return False
    if fa.entity and fb.entity and fa.entity.lower() != fb.entity.lower():
        return False
    return bool(_what(a)) and _what(a) == _what(b)


def _apart(a: Claim, b: Claim, widen_a: float = 0.0) -> float:
    """The gap between the two figures' intervals relative to the larger value (0 when they
    agree within precision, hedges and rounding)."""
    assert a.low is not None and a.high is not None and b.low is not None and b.high is not None
    lo_a, hi_a = min(a.low, float(a.value) - widen_a), max(a.high, float(a.value) + widen_a)
    gap = max(b.low - hi_a, lo_a - b.high, 0.0)
    return gap / max(abs(float(a.value)), abs(float(b.value)), 1e-300)


def _severity(config: RuleConfig, rule: str, gap: float) -> Severity:
    """The rule's severity, a warning for a small gap (as for a mismatch across sources)."""
    sev = config.severity(rule)
    return "warning" if sev == "error" and gap < config.tol("error_gap") else sev


# ---------------------------------------------------------------------------------------
# headline against body


def headline_span(s: Source) -> tuple[int, int] | None:
    """Where the article's headline sits in its text: its first line when that is the title the
    reader found, or a short title-case line; None when the article starts with its lede."""
    text = s.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].strip().lstrip("#").strip().strip("*").strip()
    if not line or len(line) > _HEAD_MAX or end >= len(text.rstrip()):
        return None  # no line, a long one, or nothing but it: no headline over a body
    title = " ".join(s.title.split())
    if title and " ".join(line.split()) == title and not line.rstrip("\"'”’) ").endswith("."):
        return start, end
    return (start, end) if _is_title_case_line(text, start) else None


def _headline_slack(c: Claim) -> float:
    """Half a unit of the headline figure's last significant digit: "$2bn" for $1.96bn."""
    d = digits(c)
    value = abs(float(c.value))
    if not d or value == 0 or c.qualifier in BOUNDS:
        return 0.0
    unit = value / int(d)  # "$2bn": 2 significant digits "2", one unit of the last is $1bn
    return unit / 2 if len(d) <= 2 else 0.0


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def _in_lede(text: str, body_start: int, c: Claim) -> bool:
    """Is the claim in the body's first two sentences, where its headline's story is told?"""
    return len(_SENTENCE_END.findall(text, body_start, c.sentence_start)) <= 1


def _day_sides_with(h: Claim, b: Claim, day: DayVoices | None) -> bool:
    """Do the other articles of the article's day give the headline's figure (two independent
    voices or more) and none the body's? Then the body's changed figure is no later moment."""
    if day is None:
        return False
    got = day(h)
    def voices(c: Claim) -> int:
        lo, hi = c.low, c.high
        return len({v for value, v in got if lo is not None and hi is not None and lo <= value <= hi})
    return voices(h) >= 2 and voices(b) == 0


def headline_mismatch(s: Source, claims: Sequence[Claim], config: RuleConfig,
                      day: DayVoices | None = None) -> list[Finding]:
    span = headline_span(s)
    if span is None:
        return []
    heads = [c for c in claims if span[0] <= c.start < span[1] and _comparable(c)]
    body = [c for c in claims if c.start >= span[1] and _comparable(c) and c.frame.revision != "old"]
    out: list[Finding] = []
    for h in heads:
        same = [b for b in body if _same_frame(h, b) and (specific_label(h) or _fates(h))]
        if not same:
            continue
        slack = _headline_slack(h)
        gaps = [_apart(h, b, slack) for b in same]
        if min(gaps) == 0.0 or any(_apart(h, b, slack) == 0.0 for b in body if b.frame.period and not h.frame.period
                                   and _same_frame(h, b, one_sided_period=True)):
            continue  # the body states the headline's figure somewhere ("Nine dead" over "nine killed, the
            # ministry said on Sunday evening": a headline gives no moment)
        b = same[0]
        changed = any(_changed(x) for x in same)
        # sure: the lede states it otherwise (background further down may be another case)
        sure = h.qualifier not in BOUNDS and all(_one_fate(x) for x in same) \
            and same_quantity(h, b) and _in_lede(s.text, span[1], b)
        sided = sure and changed and _day_sides_with(h, b, day)
        sure = sure and (not changed or sided)
        severity: Severity = _severity(config, HEADLINE, min(gaps)) if sure else "info"
        others = ", ".join(quote(x) for x in same[1:4])
        explanation = (f"The headline says {quote(h)}; the body gives the same quantity as {quote(b)}"
                       + (f" (and {others})" if others else "") + ". A headline rounds, but not this far"
                       f" ({quote(h)} stands for {float(h.value) - slack:,.4g} to {float(h.value) + slack:,.4g} "
                       f"at most).")
        if sided:
            explanation += (" The body's wording says the figure changed, but the other articles of the day "
                            f"give the headline's {quote(h)} and none the body's {quote(b)}.")
        elif changed:
            explanation += (" The body's wording says the figure changed: the headline may carry another "
                            "moment's figure.")
        out.append(Finding(
            id=finding_id(HEADLINE, [h.id, b.id]), rule=HEADLINE, severity=severity,
            claims=(h.id, *(x.id for x in same)),
            message=f"the headline's {quote(h)} disagrees with its own body's {quote(b)}",
            explanation=explanation,
        ))
    return out


# ---------------------------------------------------------------------------------------
# one quantity given twice


def _pairs(claims: Sequence[Claim], groups: Iterable[Group]) -> dict[tuple[str, str], Group | None]:
    """Pairs of one article's figures worth comparing: two in one group of the aligner (with the
    group), and two whose frames name the same thing (None)."""
    mine = {c.id: c for c in claims}
    out: dict[tuple[str, str], Group | None] = {}
    for g in groups:
        inside = [cid for cid in g.claims if cid in mine]
        for i, x in enumerate(inside):
            for y in inside[i + 1:]:
                out[(x, y) if x < y else (y, x)] = g
    by_what: dict[tuple[str, str, str], list[Claim]] = {}
    for c in claims:
        what = _what(c) if _comparable(c) else ""
        if what:
            by_what.setdefault((c.kind, c.unit, what), []).append(c)
    for same in by_what.values():
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                out.setdefault((a.id, b.id) if a.id < b.id else (b.id, a.id), None)
    return out


def _bridged(a: Claim, b: Claim, g: Group | None, by_id: dict[str, Claim], voice: dict[str, str],
             config: RuleConfig) -> bool:
    """Did the aligner put both figures in one group whose other sources give one of the two
    (at least two independent voices, and three times as many as for any other value), with
    the other figure linked to them strongly enough to be loud?

    A figure the aligner left out of the group (it keeps two values of one article apart) is
    never loud here: words shared with the group's other sources say too little inside one
    story, where every sentence shares its subject."""
    if g is None:
        return False
    support = _group_values(a, g, by_id, voice)
    if not support:
        return False
    ranked = sorted(support.values(), reverse=True)
    best = max(support, key=lambda v: support[v])
    if best not in (float(a.value), float(b.value)) or ranked[0] < 2 or (len(ranked) > 1 and ranked[0] < 3 * ranked[1]):
        return False
    odd = a if float(a.value) != best else b
    return dict(g.links).get(odd.id, 0.0) >= config.tol("loud_link")


_BACK = re.compile(r"(?i)\b(?:the|his|her|its|their|these|those)\s+$")


def _refers_back(c: Claim) -> bool:
    """Is the figure introduced as already known ("the 14 crew members", "his 84-yard run")?"""
    return bool(_BACK.search(c.sentence[max(0, c.start - c.sentence_start - 12):c.start - c.sentence_start]))


def same_figure_twice(s: Source, claims: Sequence[Claim], groups: Sequence[Group], by_id: dict[str, Claim],
                      voice: dict[str, str], reported: set[frozenset[str]], config: RuleConfig) -> list[Finding]:
    span = headline_span(s)
    if span is not None:  # the headline against the body is headline_mismatch's
        claims = [c for c in claims if c.start >= span[1]]
    mine = {c.id: c for c in claims}
    out: list[Finding] = []
    for (x, y), g in sorted(_pairs(claims, groups).items()):
        a, b = sorted((mine[x], mine[y]), key=lambda c: c.start)
        if not (_comparable(a) and _comparable(b)) or a.sentence_start == b.sentence_start:
            continue  # two figures of one sentence are two quantities ("12 crew and 14 passengers")
        if a.frame.revision or b.frame.revision or _apart(a, b) == 0.0:
            continue
        events = _what(a) in _EVENTS or _what(b) in _EVENTS
        # frames alone: the later figure refers back ("the 14 crew members") to a figure of the
        # very thing, owner and period; an article tells many runs, goals and games
        by_frames = not events and _same_frame(a, b) and a.frame.entity.lower() == b.frame.entity.lower() \
            and _refers_back(b)
        if not by_frames and (g is None or not _same_frame(a, b, one_sided_period=True)):
            continue
        changed = _changed(a) or _changed(b)
        bounds = a.qualifier in BOUNDS or b.qualifier in BOUNDS
        bridged = not changed and not bounds and _bridged(a, b, g, by_id, voice, config)
        if not bridged and not by_frames and frozenset((a.id, b.id)) in reported:
            continue  # already shown side by side, quietly
        severity: Severity = config.severity(TWICE, "warning") if bridged else "info"
        what = specific_label(b) or specific_label(a) or _what(a)
        if changed:
            explanation = (f"The article gives {what} as {quote(a)} and as {quote(b)}; its wording says the "
                           f"figure may have changed, so this may be an update within the article.")
        else:
            explanation = (f"The article gives {what} as {quote(a)} and later as {quote(b)}, in different "
                           f"sentences, with nothing saying the figure changed or that one is a part.")
        if bridged:
            support = _group_values(a, g, by_id, voice)
            best = max(support, key=lambda v: support[v])
            odd, agreed = (a, b) if float(a.value) != best else (b, a)
            explanation += (f" The other sources give it as {quote(agreed)}: {quote(odd)} is likely the slip.")
        elif by_frames:
            explanation += " The frames alone say one quantity; check that both figures are of the same thing."
        out.append(Finding(
            id=finding_id(TWICE, [a.id, b.id]), rule=TWICE, severity=severity, claims=(a.id, b.id),
            message=f"the same article gives {what} as {quote(a)} and as {quote(b)}",
            explanation=explanation,
        ))
    return out


DayVoices = Callable[[Claim], list[tuple[float, str]]]


def _day_voices(s: Source, group_of: dict[str, Group], by_id: dict[str, Claim], voice: dict[str, str],
                dates: dict[str, str | None]) -> DayVoices | None:
    """For a claim of ``s``: the values (with their voice) the other sources of its group give for the
    quantity itself on ``s``'s date (not a part, a projection or a figure superseded)."""
    if not s.date:
        return None
    me = voice.get(s.id, s.id)

    def values(c: Claim) -> list[tuple[float, str]]:
        g = group_of.get(c.id)
        out = []
        for cid in g.claims if g else ():
            o = by_id.get(cid)
            if o is None or voice.get(o.source, o.source) == me or dates.get(o.source) != s.date \
                    or not isinstance(o.value, (int, float)) or o.frame.part in _PARTS or o.frame.revision == "old" \
                    or o.frame.mode:
                continue
            out.append((float(o.value), voice.get(o.source, o.source)))
        return out
    return values


def _group_values(a: Claim, g: Group | None, by_id: dict[str, Claim], voice: dict[str, str]) -> dict[float, int]:
    """The values the other sources of ``a``'s group give for the quantity itself (not another
    one, a part, a bound or a superseded figure), each with its number of independent voices."""
    if g is None:
        return {}
    me = voice.get(a.source, a.source)
    voices: dict[float, set[str]] = {}
    for cid in g.claims:
        o = by_id.get(cid)
        if o is None or voice.get(o.source, o.source) == me or not isinstance(o.value, (int, float)) \
                or o.frame.part in _PARTS or o.qualifier in BOUNDS or o.frame.revision or o.frame.mode:
            continue
        voices.setdefault(float(o.value), set()).add(voice.get(o.source, o.source))
    return {v: len(vs) for v, vs in voices.items()}


def check_inside(sources: Sequence[Source], by_source: dict[str, list[Claim]], groups: Sequence[Group],
                 findings: Sequence[Finding], voice: dict[str, str], config: RuleConfig) -> list[Finding]:
    by_id = {c.id: c for cs in by_source.values() for c in cs}
    # claim pairs some finding already sets side by side (a mismatch in a group)
    reported = {frozenset((x, y)) for f in findings if len(f.claims) <= 40
                for x in f.claims for y in f.claims if x != y}
    out: list[Finding] = []
    dates = {s.id: s.date for s in sources}
    group_of = {cid: g for g in groups for cid in g.claims} if config.enabled(HEADLINE) else {}
    for s in sources:
        claims = by_source.get(s.id, [])
        if config.enabled(HEADLINE):
            out.extend(headline_mismatch(s, claims, config, _day_voices(s, group_of, by_id, voice, dates)))
        if config.enabled(TWICE):
            out.extend(same_figure_twice(s, claims, groups, by_id, voice, reported, config))
    return out
