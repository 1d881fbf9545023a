"""Time checks: a weekday printed with a date that is not that date's weekday, and the same
event's date given with another year by one source.

Pure functions over claims, groups and the articles' own dates (``Source.date``):

* ``weekday_mismatch``: "Saturday, April 12, 2024" (April 12, 2024 was a Friday) is an error;
  a date printed without a year takes it from the article's own date (else the story's), but
  only when the date falls within ``weekday_window`` days of it, and the finding (a warning)
  says which year was assumed. Without any year, two sources naming one date with different
  weekdays cannot both be right: a warning when the aligner put both dates in one event, else
  info.
* ``year_mismatch``: one month-day of the story given with another year by one source ("April
  12, 2024" where the others say 12 April 2025; a yearless "April 12" counts for the year its
  article's date gives it). A warning when the odd year is one year off, the aligner put it in
  one event with a date of the majority's year, the others are more independent voices, and the
  articles' own dates put the event in the majority's year; else info. Ends of a span, dates in
  a list and another event's date ("since April 12, 2019, when ...") are left out.

Datelines and "updated" stamps (``frame.measure == "dateline"``) say when an article was written,
not when the event happened: neither rule reads them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from reconciler.extract import vocab as V
from reconciler.models import Claim, Finding, Group, Severity, Source
from reconciler.rules.config import RuleConfig
from reconciler.rules.util import finding_id, quote, sources_of, story_date

__all__ = ["check_when", "event_year_findings", "pair_weekdays", "resolve_year", "weekday_findings", "year_findings"]

_WEEKDAYS = tuple(d.capitalize() for d in V.WEEKDAYS)  # Monday first, as datetime.weekday()
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
# a weekday right before its date: "Saturday, April 12", "Tuesday 3 June", "Tuesday the 3rd of June"
_GAP_BEFORE = re.compile(r"^,?\s{1,2}(?:the\s)?$")
# a weekday right after its date, said to be its weekday: "12 April, a Saturday", "April 12 (Saturday)"
_GAP_AFTER = re.compile(r"^(?:,\s{1,2}(?:a|which\s+(?:was|is)\s+a)\s|\s{0,2}\((?:a\s)?)$")
# another, earlier event's date: "since April 12, 2019, when ...", "as far back as ..."
_OTHER_EVENT_BEFORE = re.compile(r"(?i)\b(?:since|until|till|before|after|back\s+to|back\s+in)\s+(?:on\s+)?$")
_OTHER_EVENT_AFTER = re.compile(r"^,?\s+when\b")
# two dates joined as the ends of a span, or listed: "April 12, 2024 to April 20", "12 and 19 April"
_RANGE_GAP = re.compile(r"(?i)^,?\s*(?:[-–—/]|to|through|thru|until|till|and|or)\s*(?:the\s)?$")


def _parse(iso: str | None) -> dt.date | None:
    m = _ISO.match(iso or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_day(value: object) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a date claim's value ("2025-04-12", "--04-12")."""
    s = str(value)
    m = _ISO.fullmatch(s)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _NO_YEAR.match(s)
    if m:
        return None, int(m.group(1)), int(m.group(2))
    return None


def resolve_year(month: int, day: int, ref: dt.date | None, window: float) -> int | None:
    """The year of a yearless month-day, read against a reference date (the article's own): the
    one of the reference's year and its neighbours that puts the date within ``window`` days of it,
    else None (a date further away may be last year's or next year's: too unsure to assume).

    >>> ref = dt.date(2025, 1, 3)
    >>> resolve_year(12, 30, ref, 60), resolve_year(1, 20, ref, 60), resolve_year(7, 1, ref, 60)
    (2024, 2025, None)
    """
    if ref is None:
        return None
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = abs((dt.date(year, month, day) - ref).days)
        except ValueError:  # February 29 of a common year
            continue
        if gap <= window and (best is None or gap < best[0]):
            best = (gap, year)
    return None if best is None else best[1]


def _story_date(sources: Sequence[Source]) -> dt.date | None:
    """The story's date for an undated article: the middle one of the articles' own dates."""
    return _parse(story_date(s.date for s in sources if _parse(s.date) is not None))


def _gap(a: Claim, b: Claim) -> str | None:
    """The sentence's text between claim ``a`` and the later claim ``b``, if they share a sentence."""
    if a.sentence_start != b.sentence_start or a.end > b.start:
        return None
    return a.sentence[a.end - a.sentence_start:b.start - a.sentence_start]


def pair_weekdays(claims: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """(weekday, date) pairs of one article: a weekday printed as its date's weekday, right before
    ("Saturday, April 12") or after it ("12 April, a Saturday"). Datelines are left out."""
    ordered = sorted((c for c in claims if c.kind == "date" and c.frame.measure != "dateline"),
                     key=lambda c: c.start)
    out: list[tuple[Claim, Claim]] = []
    for a, b in itertools.pairwise(ordered):
        gap = _gap(a, b)
        if gap is None:
            continue
        if a.unit == "weekday" and b.unit == "date" and _GAP_BEFORE.match(gap):
            out.append((a, b))
        elif a.unit == "date" and b.unit == "weekday" and _GAP_AFTER.match(gap):
            out.append((b, a))
    return out


def _weekday_of(day: dt.date) -> str:
    return _WEEKDAYS[day.weekday()]


def _say(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def weekday_findings(sources: Sequence[Source], by_source: Mapping[str, Sequence[Claim]], config: RuleConfig,
                     in_group: Mapping[str, str] | None = None, voice: Mapping[str, str] | None = None
                     ) -> list[Finding]:
    """``weekday_mismatch``: see the module's docstring. ``in_group``: claim id -> group id."""
    if not config.enabled("weekday_mismatch"):
        return []
    window = config.tol("weekday_window")
    story = _story_date(sources)
    own = {s.id: _parse(s.date) for s in sources}
    in_group = in_group or {}
    voice = voice or {}
    sev: Severity = config.severity("weekday_mismatch")
    checked: list[tuple[Claim, Claim, dt.date, str]] = []  # (weekday, date, the day, how the year is known)
    yearless: dict[tuple[int, int], list[tuple[Claim, Claim]]] = defaultdict(list)
    for sid in sorted(by_source):
        for wd, dc in pair_weekdays(by_source[sid]):
            md = _month_day(dc.value)
            if md is None:
                continue
            year, month, mday = md
            how = "printed"
            if year is None:
                ref = own.get(sid) or story
                year = resolve_year(month, mday, ref, window)
                if year is None:
                    yearless[(month, mday)].append((wd, dc))
                    continue
                how = ("the article's date, " if own.get(sid) else "the story's dates, ") + str(ref)
            try:
                checked.append((wd, dc, dt.date(year, month, mday), how))
            except ValueError:
                continue
    findings: list[Finding] = []
    named: dict[tuple[dt.date, str], list[Claim]] = defaultdict(list)  # (day, weekday) -> weekday claims
    for entry in checked:
        named[(entry[2], str(entry[0].value))].append(entry[0])
    for wd, dc, day, how in checked:
        right = _weekday_of(day)
        if str(wd.value) == right:
            continue
        agree = [w for w in named[(day, right)] if w.source != wd.source]
        also = f" {', '.join(sources_of(agree))} give {right} for this date." if agree else ""
        if how == "printed":
            severity, assumed = sev, ""
        else:
            severity = "warning" if sev == "error" else sev
            assumed = f" (the year is not printed; {day.year} is assumed from {how})"
        findings.append(Finding(
            id=finding_id("weekday_mismatch", [wd.id, dc.id]), rule="weekday_mismatch", severity=severity,
            claims=(wd.id, dc.id),  # the others are named, not listed: the report marks every claim listed
            message=f"{quote(wd)} with {quote(dc)}: {_say(day)} is a {right}, not a {wd.value}{assumed}",
            explanation=f"The calendar puts {_say(day)} on a {right}; the article names it {wd.value}."
            f"{also} Check which of the two (the weekday or the date) the article meant.",
            suggested=right,
        ))
    for (month, day_n), pairs in sorted(yearless.items()):
        names: dict[str, list[tuple[Claim, Claim]]] = defaultdict(list)
        for w, d in pairs:
            names[str(w.value)].append((w, d))
        if len(names) < 2:
            continue

        def voices(ps: list[tuple[Claim, Claim]]) -> int:
            return len({voice.get(w.source, w.source) for w, _ in ps})

        ranked = sorted(names.items(), key=lambda kv: (-voices(kv[1]), kv[0]))
        top_name, top = ranked[0]
        for name, ps in ranked[1:]:
            if {w.source for w, _ in ps} <= {w.source for w, _ in top} and voices(top) == 1:
                continue  # one article naming two weekdays: left to the reader
            one_event = any(in_group.get(d.id) and in_group.get(d.id) == in_group.get(t.id)
                            for _, d in ps for _, t in top)
            loud = one_event and voices(top) > voices(ps)
            severity = ("warning" if sev == "error" else sev) if loud else "info"
            when = dt.date(2000, month, day_n)  # a leap year: any month-day has a name
            findings.append(Finding(
                id=finding_id("weekday_mismatch", [c.id for pair in ps for c in pair]), rule="weekday_mismatch",
                severity=severity, claims=tuple(c.id for pair in ps + top for c in pair),
                message=("" if loud else "possibly another year: ")
                + f"{quote(ps[0][0])} vs {quote(top[0][0])} for {when:%B} {day_n}: sources name the day differently",
                explanation=f"{', '.join(sources_of([w for w, _ in ps]))} call {when:%B} {day_n} a {name}; "
                f"{', '.join(sources_of([w for w, _ in top]))} a {top_name}. No year is printed or can be read "
                "from the articles' dates, so the calendar cannot say which is right.",
            ))
    return findings


def year_findings(groups: Sequence[Group], by_id: Mapping[str, Claim], sources: Sequence[Source],
                  config: RuleConfig, voice: Mapping[str, str] | None = None) -> list[Finding]:
    """``year_mismatch``: see the module's docstring.

    The story's dates of one month-day vote for their year (a yearless one for the year its
    article's date gives it, reprints once); a printed year against the majority is loud only
    where the aligner put it in one event with a date of the majority's year.
    """
    if not config.enabled("year_mismatch"):
        return []
    window = config.tol("weekday_window")
    voice = voice or {}
    story = _story_date(sources)
    own = {s.id: _parse(s.date) for s in sources}
    sev: Severity = config.severity("year_mismatch")
    in_group = {cid: g.id for g in groups if g.dimension == "date" for cid in g.claims}
    spans = _span_ends(by_id.values())
    by_md: dict[tuple[int, int], list[tuple[Claim, int, bool]]] = defaultdict(list)  # (claim, year, printed)
    for cid in sorted(in_group):
        c = by_id.get(cid)
        if c is None or c.unit != "date" or c.range_id or cid in spans or c.frame.measure == "dateline" \
                or _other_event(c):
            continue
        md = _month_day(c.value)
        if md is None:
            continue
        year, month, day = md
        printed = year is not None
        if year is None:
            year = resolve_year(month, day, own.get(c.source) or story, window)
            if year is None:
                continue
        by_md[(month, day)].append((c, year, printed))
    findings: list[Finding] = []
    for (month, day), entries in sorted(by_md.items()):
        years: dict[int, list[tuple[Claim, int, bool]]] = defaultdict(list)
        for e in entries:
            years[e[1]].append(e)
        if len(years) < 2 or (month, day) == (2, 29):
            continue

        def voices(es: list[tuple[Claim, int, bool]]) -> int:
            return len({voice.get(e[0].source, e[0].source) for e in es})

        # articles whose own date puts the event in that year
        backed = {y: sum(_in_window(dt.date(y, month, day), own.get(e[0].source) or story, window)
                         for e in entries) for y in years}
        ranked = sorted(years.items(), key=lambda kv: (-voices(kv[1]), -backed[kv[0]], kv[0]))
        top_year, top = ranked[0]
        lead = next((e[0] for e in top if e[2]), top[0][0])
        top_groups = {in_group[e[0].id] for e in top}
        for year, es in ranked[1:]:
            odd = [e[0] for e in es if e[2]]
            if not odd:
                continue  # only an assumed year differs: nothing printed is wrong
            supported = all(_in_window(dt.date(top_year, month, day), own.get(c.source) or story, window)
                            and not _in_window(dt.date(year, month, day), own.get(c.source) or story, window)
                            for c in odd)
            one_event = any(in_group[c.id] in top_groups for c in odd)
            loud = abs(year - top_year) == 1 and voices(top) > voices(es) and supported and one_event
            printed_top = [e[0] for e in top if e[2]]
            base = (f"{', '.join(sources_of(printed_top))} print {top_year}"
                    if printed_top else f"the other sources' dates are of {top_year}")
            rest = [e[0] for e in top if not e[2]]
            if rest and printed_top:
                base += f"; {', '.join(sources_of(rest))} give the day without a year in articles of {top_year}"
            findings.append(Finding(
                id=finding_id("year_mismatch", [c.id for c in odd]), rule="year_mismatch",
                severity=sev if loud else "info",
                claims=tuple(c.id for c in odd) + tuple(e[0].id for e in top),
                message=("" if loud else "possibly another event: ")
                + f"{quote(odd[0])} vs {quote(lead)}: the same date given another year ({year} vs {top_year})",
                explanation=f"{', '.join(sources_of(odd))} give {year}; {base}. "
                + ("The articles' own dates are of that time, so the year looks mistyped."
                   if supported else "The articles' own dates do not settle which year is meant."),
                group=in_group[odd[0].id],
                suggested=str(odd[0].text).replace(str(year), str(top_year)) if loud else None,
            ))
    return findings


def _span_ends(claims: Iterable[Claim]) -> set[str]:
    """Ids of dates that are one end of a span or one of a list ("from April 12, 2024 to April 20")."""
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind == "date" and c.unit in ("date", "month"):
            by_sentence[(c.source, c.sentence_start)].append(c)
    out: set[str] = set()
    for cs in by_sentence.values():
        for a, b in itertools.pairwise(sorted(cs, key=lambda c: c.start)):
            gap = _gap(a, b)
            if gap is not None and _RANGE_GAP.match(gap):
                out.update((a.id, b.id))
    return out


def _in_window(day: dt.date, ref: dt.date | None, window: float) -> bool:
    return ref is not None and abs((day - ref).days) <= window


def _other_event(c: Claim) -> bool:
    """Is the date another, earlier event's ("since April 12, 2019, when ...")?"""
    at = c.start - c.sentence_start
    before, after = c.sentence[:at][-30:], c.sentence[c.end - c.sentence_start:][:12]
    return bool(_OTHER_EVENT_BEFORE.search(before) or _OTHER_EVENT_AFTER.match(after))


def check_when(sources: Sequence[Source], by_source: Mapping[str, Sequence[Claim]], groups: Sequence[Group],
               by_id: Mapping[str, Claim], config: RuleConfig, voice: Mapping[str, str] | None = None
               ) -> list[Finding]:
    """Both time checks over one story."""
    in_group = {cid: g.id for g in groups for cid in g.claims}
    return (weekday_findings(sources, by_source, config, in_group, voice)
            + year_findings(groups, by_id, sources, config, voice)
            + event_year_findings(groups, by_id, config, voice))


_YEAR_PERIOD = re.compile(r"(?:19|20)\d\d")


def event_year_findings(groups: Sequence[Group], by_id: Mapping[str, Claim], config: RuleConfig,
                        voice: Mapping[str, str] | None = None) -> list[Finding]:
    """``year_mismatch`` for another event: one figure of a past event ("the 1987 flood that killed
    2,300") that one source puts in another year ("the 1997 flood that killed 2,300"). Within one
    group of the aligner, the figures that agree vote with their sources for the year their frame
    names; a year printed by one voice against two or more for another is loud when the two years
    differ in one digit (a typing slip), else info (two events may share a toll)."""
    if not config.enabled("year_mismatch"):
        return []
    voice = voice or {}
    sev: Severity = config.severity("year_mismatch")
    findings: list[Finding] = []
    for g in groups:
        dated = [c for cid in g.claims if (c := by_id.get(cid)) is not None and c.kind != "date"
                 and _YEAR_PERIOD.fullmatch(c.frame.period) and isinstance(c.value, (int, float))]
        if len({c.frame.period for c in dated}) < 2:
            continue
        for value in sorted({float(c.value) for c in dated}):
            same = [c for c in dated if float(c.value) == value]
            years: dict[str, set[str]] = defaultdict(set)
            for c in same:
                years[c.frame.period].add(voice.get(c.source, c.source))
            if len(years) < 2:
                continue
            ranked = sorted(years.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            top_year, top_voices = ranked[0]
            top = [c for c in same if c.frame.period == top_year]
            for year, vs in ranked[1:]:
                odd = [c for c in same if c.frame.period == year]
                slip = sum(a != b for a, b in zip(year, top_year, strict=True)) == 1
                loud = len(vs) == 1 and len(top_voices) >= 2 and slip
                findings.append(Finding(
                    id=finding_id("year_mismatch", [c.id for c in odd]), rule="year_mismatch",
                    severity=sev if loud else "info", claims=tuple(c.id for c in odd) + tuple(c.id for c in top),
                    message=("" if loud else "possibly another event: ")
                    + f"{quote(odd[0])} put in {year}, {quote(top[0])} in {top_year}: the same past event "
                    f"given another year",
                    explanation=f"{', '.join(sources_of(odd))} give the figure for {year}; "
                    f"{', '.join(sources_of(top))} give the same figure for {top_year}. "
                    + ("The years differ in one digit: likely a typing slip." if loud
                       else "Two events may share a figure: check which year is meant."),
                    group=g.id,
                ))
    return findings
