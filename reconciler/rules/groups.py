"""Rules over aligned groups: who disagrees with the consensus, and why.

For each group the consensus is the figure most independent sources agree with
(intervals from precision and hedges, statcheck-style). Every claim outside it is
explained, in this order: a scale slip (a power of ten apart), a currency mislabel
(the number matches in another currency of the story), a unit mislabel (matches in a
confusable unit), a date mismatch, or a plain value mismatch (error or, for a small
gap, warning). Consistent restatements (rounding, bounds) are noted as info.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from reconciler.align.score import value_relation
from reconciler.extract import vocab as V
from reconciler.extract.units import CONFUSABLE, Rates, base_interval, cross_slack, fmt_number, overlaps
from reconciler.models import Claim, Finding, Group, Severity
from reconciler.rules.config import RuleConfig
from reconciler.rules.entries import Entry as _Entry
from reconciler.rules.entries import agree as _agree
from reconciler.rules.entries import two_voices
from reconciler.rules.entries import voices as _voices
from reconciler.rules.figures import in_unit_of as _in_unit_of
from reconciler.rules.figures import interval_text as _interval_text
from reconciler.rules.figures import num as _num
from reconciler.rules.figures import unit_label as _unit_label
from reconciler.rules.primary import names_primary, primary_figure, ranked, reference_line, split_line
from reconciler.rules.sure import loud_enough
from reconciler.rules.tolls import Moments, day_moments, is_toll, of_two_moments
from reconciler.rules.updates import report_update as _report_update
from reconciler.rules.updates import superseded as _superseded
from reconciler.rules.updates import timeline as _timeline
from reconciler.rules.util import finding_id, quote, source_name, sources_of, story_date

_UNIT_NAMES = {"mile": "miles", "kilometer": "km", "nautical_mile": "nautical miles", "foot": "feet",
               "meter": "metres", "yard": "yards", "gigabyte": "GB", "gibibyte": "GiB",
               "terabyte": "TB", "tebibyte": "TiB", "megabyte": "MB", "mebibyte": "MiB",
               "short_ton": "short tons", "metric_ton": "tonnes", "long_ton": "long tons",
               "pound": "lb", "kilogram": "kg", "gallon": "gallons", "liter": "litres",
               "acre": "acres", "hectare": "hectares", "mile ** 2": "sq miles",
               "kilometer ** 2": "sq km", "mile / hour": "mph", "kilometer / hour": "km/h"}


def check_groups(groups: Sequence[Group], claims: dict[str, Claim], rates: Rates,
                 config: RuleConfig, money: Sequence[Claim],
                 dates: dict[str, str | None] | None = None,
                 voice: dict[str, str] | None = None,
                 primary: frozenset[str] = frozenset()) -> tuple[list[Group], list[Finding]]:
    """``voice`` maps a syndicated copy to its original: copies are not independent support.
    ``primary``: the editor's primary sources, the reference where they state a figure
    (:mod:`reconciler.rules.primary`)."""
    voice = voice or {}
    out_groups: list[Group] = []
    findings: list[Finding] = []
    story = story_date((dates or {}).values())  # an undated article is of its story's time
    moments = day_moments(claims.values())
    for g in groups:
        entries = [_Entry(claims[cid], base_interval(claims[cid], rates),
                          (dates or {}).get(claims[cid].source) or story) for cid in g.claims]
        if g.dimension == "date":
            g2, fs = _check_dates(g, entries, config, voice, primary)
        elif g.dimension == "time":
            g2, fs = g, []  # clock times with their zones: aligned, for a rule on zones to check
        elif g.dimension == "score" or g.dimension.startswith("score-"):
            g2, fs = _check_scores(g, entries, config, voice, primary)
        else:
            g2, fs = _check_numbers(g, entries, rates, config, money, dates or {}, voice, primary, moments)
        out_groups.append(g2)
        findings.extend(fs)
    return out_groups, findings


# ---------------------------------------------------------------------------------------


def _alike(e: _Entry) -> tuple[object, ...]:
    """All that :func:`_agree` reads of an entry."""
    return (e.base, e.claim.kind, e.claim.unit, e.claim.value)


def _consensus(entries: Sequence[_Entry], voice: dict[str, str],
               explains: Callable[[_Entry, _Entry], bool] | None = None) -> tuple[_Entry, list[_Entry], int, bool]:
    """(consensus entry, entries agreeing with it, independent sources behind it, contested?)."""
    # candidates: the most precise statements first (a hedged figure agrees with too much to lead)
    # in a group reported in several currencies, the consensus is stated in the most common one
    units = Counter(e.claim.unit for e in entries if e.base)
    main_unit = units.most_common(1)[0][0] if units else ""
    pool = [e for e in entries if e.claim.unit == main_unit] or list(entries)
    points = [e for e in pool if e.base and e.claim.qualifier == "exact"] or \
        [e for e in pool if e.base and e.claim.qualifier == "approximate"] or \
        [e for e in pool if e.base]
    scored: list[tuple[int, int, float, int, _Entry]] = []
    supports: dict[tuple[object, ...], int] = {}  # a figure printed alike (reprints) agrees with the same entries
    for e in points:
        assert e.base is not None
        alike = _alike(e)
        support = supports.get(alike, -1)
        if support < 0:
            support = supports[alike] = _voices([o.claim for o in entries if _agree(o, e)], voice)
        width = (e.base[2] - e.base[1]) / max(abs(e.base[0]), 1e-12)
        exact = 1 if e.claim.qualifier == "exact" else 0
        scored.append((support, exact, -width, -e.claim.start, e))
    scored.sort(key=lambda t: (t[0], t[1], t[2], t[3]), reverse=True)
    best = scored[0][4]
    if explains is not None:
        # among equally supported figures, prefer the one that explains the others (as a slip)
        tied = [t[4] for t in scored if t[0] == scored[0][0]]
        tried: set[tuple[object, ...]] = set()
        for cand in tied:
            if _alike(cand) in tried:
                continue  # a reprint of a figure tried already: the same others, the same answer
            tried.add(_alike(cand))
            others = [t for t in tied if t is not cand and not _agree(t, cand)]
            if others and all(explains(o, cand) for o in others):
                best = cand
                break
    assert best.base is not None
    agree = [o for o in entries if _agree(o, best)]
    contested = len(scored) > 1 and any(
        s[0] == scored[0][0] and not _agree(s[4], best)
        for s in scored[1:]
    )
    return best, agree, scored[0][0], contested


def _same_day(outliers: list[_Entry], agree: list[_Entry], dates: dict[str, str | None]) -> bool:
    """Does another article of each outlier's own date already give the consensus figure (a point
    figure: "at least 58" agrees with any later toll)? Then the outlier is not an earlier report
    of a figure that moved later: it disagrees at its moment."""
    if any(is_toll(e.claim) for e in outliers):
        return False  # a toll moves within a day: two counts of one day may be two moments
    mine = {e.claim.source for e in outliers}
    said = {dates.get(a.claim.source) for a in agree
            if a.claim.source not in mine and a.claim.qualifier not in ("upper", "lower")}
    return all(dates.get(e.claim.source) in said - {None} for e in outliers)


def _check_numbers(g: Group, entries: list[_Entry], rates: Rates, config: RuleConfig,
                   money: Sequence[Claim], dates: dict[str, str | None], voice: dict[str, str],
                   primary: frozenset[str] = frozenset(),
                   moments: Moments = frozenset()) -> tuple[Group, list[Finding]]:
    usable = [e for e in entries if e.base is not None]
    if len(usable) < 2:
        return g, []
    timeline = _timeline(usable, dates)
    if timeline and config.enabled("update"):
        g2, update = _report_update(g, timeline, dates, config, voice)
        # outlets quoting one end each of a range stand out even in a figure that moved later
        return g2, update + (_range_ends(g, usable, config) if config.enabled("range_ends") else [])
    def explains(outlier: _Entry, cand: _Entry) -> bool:
        return _outlier_kind(outlier, cand, rates, config, money)[0] != "value_mismatch"

    ref, split = primary_figure(usable, primary, _agree) if primary else (None, [])
    if ref is not None:  # the primary source states it: the reference, whatever the count
        best, agree = ref, [o for o in usable if _agree(o, ref)]
        support, contested = _voices([a.claim for a in agree], voice), False
    else:
        best, agree, support, contested = _consensus(usable, voice, explains)
    contested = contested or bool(split)  # primary sources that disagree settle nothing
    if not contested and ref is None:
        # a figure in another currency or unit than the consensus pool, with as many sources
        # behind it, ties the consensus as well ("$1,249" in one outlet, "€1,249" in another)
        rivals = {_alike(e): e for e in usable if not _agree(e, best)}  # reprints of a figure count once
        contested = any(_voices([o.claim for o in usable if _agree(o, e)], voice) >= support
                        for e in rivals.values())
    links = dict(g.links)
    g2 = replace(g, consensus=best.claim.value, consensus_text=best.claim.text, support=support,
                 reference=ref.claim.source if ref is not None else "")
    agree_ids = {e.claim.id for e in agree}
    # outliers by rule and value, and apart those that could not be loud by themselves: a figure sure
    # to be the consensus's quantity is not reported together with one that merely shares its value
    # (a configuration's price, "$1,099 for students", beside a misprinted list price of $1,099)
    by_value: dict[tuple[str, float], list[_Entry]] = defaultdict(list)
    for e in usable:
        if e.claim.id in agree_ids:
            continue
        assert e.base is not None
        by_value[(_outlier_kind(e, best, rates, config, money)[0], round(e.base[0], 6))].append(e)
    outliers: dict[tuple[str, float, bool], list[_Entry]] = defaultdict(list)
    agree_claims = [a.claim for a in agree]
    for (kind, v), entries in by_value.items():
        for e in entries:  # (one entry alone needs no split: the common case asks nothing of the frames)
            outliers[(kind, v, len(entries) == 1 or loud_enough([e.claim], agree_claims, kind))].append(e)
    findings: list[Finding] = []
    superseded: list[_Entry] = []
    spans = _range_spans(usable)
    for (rule, _v, _sure), group_entries in sorted(outliers.items(), key=lambda kv: (kv[0][0], kv[0][1], not kv[0][2])):
        if not config.enabled(rule):
            continue
        e0 = group_entries[0]
        _r, message, explanation, suggested = _explain_kind(e0, best, rates, config, money)
        who_a, who_b = e0.claim.attribution, best.claim.attribution
        if rule == "value_mismatch" and two_voices(who_a, who_b):
            rule = "attributed_figures"  # "police said 38; the organisers said 40": both stand, attributed
            if not config.enabled(rule):
                continue
            message = (f"attributed figures differ: {who_a} gives {quote(e0.claim)}, "
                       f"{who_b} gives {quote(best.claim)}")
            explanation = (f"Each figure is attributed to its own source ({who_a}; {who_b}). Report both "
                           f"with their attribution rather than choosing one. " + explanation)
            suggested = None
        elif rule == "value_mismatch" and config.enabled("range_ends") and _is_range_end(e0, best, spans):
            continue  # each quotes one end of a range others state: reported by the range_ends rule
        elif rule == "value_mismatch" and config.enabled("update") and any(
                _superseded(x, y, dates) for x in group_entries for y in agree) \
                and not _same_day(group_entries, agree, dates):
            superseded.extend(group_entries)  # an earlier or later report of a figure that moved
            continue
        if contested and rule == "currency_mislabel":
            # a tie: the same number under two signs, with no majority to say which sign is wrong
            message = (f"{quote(e0.claim)} and {quote(best.claim)} give the same number in {e0.claim.unit} and "
                       f"{best.claim.unit}: one of them likely carries the wrong currency sign")
            suggested = None
        severity = config.severity(rule, "warning")
        if rule == "value_mismatch":
            severity = _mismatch_severity(e0, best, config)
        link = max(links.get(x.claim.id, 0.0) for x in group_entries)
        needed = config.tol("loud_link") if rule == "value_mismatch" else config.tol("loud_link_explained")
        if rule == "value_mismatch" and severity != "info" and of_two_moments(e0.claim, best.claim, moments):
            severity = "info"  # an article gives both, for two moments of the day: an update within the day
            message = "two moments of the day? " + message
            explanation += (f" One article gives both {_num(e0.claim)} and {_num(best.claim)} for two moments "
                            f"of the same day: each outlet may report one of them.")
        if link < needed or (severity != "info" and not loud_enough(
                [x.claim for x in group_entries], [a.claim for a in agree], rule)):
            severity = "info"  # not sure they are one quantity (rules/sure.py): shown quietly
            message = "possibly the same quantity: " + message
        if contested and rule != "attributed_figures":
            message = ("primary sources disagree: " if split else "sources disagree: ") + message
        if e0.claim.qualifier in ("upper", "lower") and best.claim.qualifier in ("upper", "lower"):
            severity = "warning" if severity == "error" else severity
        if ref is None and primary and names_primary((x.claim for x in group_entries), primary):
            severity = "info"  # a primary source's figure is never called wrong by the count of others
        ids = tuple(x.claim.id for x in group_entries) + tuple(a.claim.id for a in agree)
        if ref is not None:
            message += f" (primary source: {source_name(ref.claim.source)})"
            tail = reference_line(ref.claim, [a.claim for a in agree], voice,
                                  _voices([o.claim for o in usable if o.claim.id not in agree_ids], voice))
        else:
            behind = (f"{quote(best.claim)} from {support} independent source{'s' if support != 1 else ''} "
                      f"({', '.join(sources_of([a.claim for a in agree]))})")
            if contested:  # a tie: no side is called wrong and no value suggested
                others = _voices([x.claim for x in group_entries], voice)
                behind = (f"No consensus: {behind}, and {quote(e0.claim)} from {others} "
                          f"({', '.join(sources_of([x.claim for x in group_entries]))}).")
            else:
                behind = f"Consensus: {behind}."
            tail = "\n" + behind + (split_line(split) if split else "")
        findings.append(Finding(
            id=finding_id(rule, [x.claim.id for x in group_entries]), rule=rule, severity=severity,
            claims=ids, message=message, explanation=explanation + tail,
            group=g.id, suggested=None if contested else suggested,
        ))
    if superseded:
        moved: dict[str, list[_Entry]] = defaultdict(list)
        for e in [*superseded, *agree]:
            moved[dates.get(e.claim.source) or ""].append(e)
        findings.extend(_report_update(g, sorted(moved.items()), dates, config, voice)[1])
    if config.enabled("rounding"):
        findings.extend(_rounding_notes(g, agree, best, config))
    if config.enabled("range_ends"):
        findings.extend(_range_ends(g, usable, config))
    return g2, findings


def _range_spans(entries: list[_Entry]) -> list[tuple[float, float, _Entry]]:
    """(low end, high end, an end's entry) of each range stated in the group, in base units."""
    by_range: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for e in entries:
        if e.claim.qualifier == "range" and e.base and e.claim.range_id:
            by_range[(e.claim.source, e.claim.range_id)].append(e)
    out = []
    for ends in by_range.values():
        values = sorted(x.base[0] for x in ends if x.base)
        if len(values) == 2:
            out.append((values[0], values[1], ends[0]))
    return out


def _is_range_end(x: _Entry, y: _Entry, spans: list[tuple[float, float, _Entry]]) -> bool:
    """Are x and y the two ends of one range that another source states?"""
    if x.base is None or y.base is None:
        return False
    for lo, hi, r in spans:
        if r.claim.source in (x.claim.source, y.claim.source):
            continue
        vals = sorted((x.base[0], y.base[0]))
        if abs(vals[0] - lo) <= 0.005 * abs(lo) and abs(vals[1] - hi) <= 0.005 * abs(hi):
            return True
    return False


def _range_ends(g: Group, entries: list[_Entry], config: RuleConfig) -> list[Finding]:
    """Info: outlets that quote one end of a range others report ("$1.7 billion" vs "$1.9 billion")."""
    spans = _range_spans(entries)
    if not spans:
        return []
    # only a figure at an end of a stated range can be one (the pairs of a much reprinted group are many)
    ends = [x for lo, hi, _r in spans for x in (lo, hi)]
    points = [e for e in entries if e.claim.qualifier in ("exact", "approximate") and e.base
              and any(abs(e.base[0] - x) <= 0.005 * abs(x) for x in ends)]
    pairs = [(a, b) for a in points for b in points
             if a.claim.source != b.claim.source and a.base and b.base and a.base[0] < b.base[0]
             and _is_range_end(a, b, spans)]
    if not pairs:
        return []
    a, b = pairs[0]
    stating = [s[2] for s in spans if s[2].claim.source not in (a.claim.source, b.claim.source)]
    r = stating[0]
    ids = [a.claim.id, b.claim.id, r.claim.id]
    return [Finding(
        id=finding_id("range_ends", ids[:2]), rule="range_ends", severity=config.severity("range_ends", "info"),
        claims=tuple(ids), message=f"{quote(a.claim)} and {quote(b.claim)} are the two ends of one range",
        explanation=f"{', '.join(sources_of([x.claim for x in stating]))} "
        f"{'report' if len(stating) > 1 else 'reports'} the range "
        f"{_num(a.claim)} to {_num(b.claim)}; {a.claim.source} quotes its low end and {b.claim.source} "
        f"its high end as if each were the figure.",
        group=g.id,
    )]


def _mismatch_severity(e: _Entry, best: _Entry, config: RuleConfig) -> Severity:
    assert e.base is not None and best.base is not None
    gap = max(e.base[1] - best.base[2], best.base[1] - e.base[2], 0.0)
    if e.claim.kind == "percent" and best.claim.kind == "percent" and e.claim.unit == best.claim.unit == "%":
        # shares and scores: judged in points, not relative to the value (a change in points
        # or basis points, "raised by 25 basis points", is judged relative to its size)
        big = gap >= config.tol("percent_points_error")
        return config.severity("value_mismatch") if big else "warning"
    rel = gap / max(abs(best.base[0]), 1e-12)
    if is_toll(e.claim) and is_toll(best.claim) and e.base[0] < best.base[0]:
        return "warning"  # a lower toll may be an earlier count of the same day: it can be right, so no error
    return config.severity("value_mismatch") if rel >= config.tol("error_gap") else "warning"


_PHYSICAL = ("length", "mass", "area", "volume", "speed", "data", "energy", "emissions")


def _outlier_kind(e: _Entry, best: _Entry, rates: Rates, config: RuleConfig,
                  money: Sequence[Claim]) -> tuple[str, tuple[str, float] | None]:
    """The rule an outlier falls under against the consensus, with the other currency or unit
    it matches in (currency_mislabel, unit_mislabel). Outliers are sorted by this alone; the
    message and explanation (:func:`_explain_kind`) are written only for the ones reported."""
    c = e.claim
    assert e.base is not None and best.base is not None
    slack = cross_slack(e.claim, best.claim, e.date or best.date)
    rel = value_relation(e.base, best.base, config.tol("scale_slack"), slack)
    if rel == "scale":
        return "scale_slip", None
    if c.kind in ("money", "rate"):
        alt = _currency_alternative(c, best, rates, config, money)
        if alt:
            return "currency_mislabel", alt
    if c.kind in _PHYSICAL:
        ualt = _unit_alternative(c, best, config)
        if ualt:
            return "unit_mislabel", ualt
    return "value_mismatch", None


def _explain_kind(e: _Entry, best: _Entry, rates: Rates, config: RuleConfig,
                  money: Sequence[Claim]) -> tuple[str, str, str, str | None]:
    """(rule, message, explanation, suggested value) for an outlier against the consensus."""
    c, k = e.claim, best.claim
    assert e.base is not None and best.base is not None
    rule, alt = _outlier_kind(e, best, rates, config, money)
    if rule == "scale_slip":
        ratio = e.base[0] / best.base[0] if best.base[0] else 0.0
        power = round(math.log10(ratio)) if 0 < ratio < math.inf else 0
        factor = 10.0 ** abs(power)
        word = "larger" if power > 0 else "smaller"
        shown_c, shown_k = _num(c), _num(k)
        division = f"{shown_c} / {shown_k}" if power > 0 else f"{shown_k} / {shown_c}"
        msg = f"{quote(c)} is {fmt_number(factor)} times {word} than {quote(k)}: likely a scale slip"
        expl = (f"{division} = {ratio if power > 0 or not ratio else 1 / ratio:,.3g} ≈ 10^{abs(power)}. "
                f"A figure off by exactly a power of ten usually comes from a misplaced unit "
                f"(thousand/million, or 万 = 10,000 and 亿 = 100 million read wrongly), not a different count.")
        if c.scale_words:
            expl += f" The figure was written as {c.text!r} (scale: {c.scale_words})."
        return "scale_slip", msg, expl, k.text
    if rule == "currency_mislabel":
        assert alt is not None
        code, usd = alt
        stated = c.unit.split("/", 1)[0]
        msg = (f"{quote(c)} matches the {code} figure, not {stated}: "
               f"likely a {code} amount printed as {stated}")
        expl = (f"Read as {code}, {fmt_number(float(c.value))} {code} ÷ {rates.per_usd[code]:g} {code}/USD "
                f"= US${fmt_number(usd)} (rates as of {rates.as_of}), which agrees with {quote(k)}. "
                + (f"Read as {stated}, it is {e.base[0] / best.base[0]:,.2f} times the consensus." if best.base[0]
                   else f"Read as {stated}, it is not the consensus of zero."))
        return "currency_mislabel", msg, expl, k.text
    if rule == "unit_mislabel":
        assert alt is not None
        unit, conv = alt
        msg = f"{quote(c)} matches the consensus if read in {_UNIT_NAMES.get(unit, unit)}: likely a unit mislabel"
        expl = (f"{fmt_number(float(c.value))} {_UNIT_NAMES.get(unit, unit)} = {fmt_number(conv)} "
                f"{_UNIT_NAMES.get(V.PHYSICAL_UNITS.get(k.unit, ('', k.unit))[1], k.unit)}, "
                f"which agrees with {quote(k)}; read as {c.unit} it does not.")
        return "unit_mislabel", msg, expl, k.text
    ratio = e.base[0] / best.base[0] if best.base[0] else float("inf")
    diff = e.base[0] - best.base[0]
    msg = f"{quote(c)} disagrees with {quote(k)}"
    expl = (f"{_num(c)} vs {_num(k)}: a difference of {fmt_number(abs(_in_unit_of(c, diff, e.base[0])))}"
            f"{' ' + _unit_label(c) if _unit_label(c) else ''}"
            f"{f' ({abs(ratio - 1) * 100:.1f}%)' if math.isfinite(ratio) else ''}. "
            f"Allowing for the precision and hedges of each figure "
            f"({_interval_text(c)} vs {_interval_text(k)}), "
            + ("neither lies within the other's span: two hedged figures this far apart are two figures."
               if c.qualifier == k.qualifier == "approximate" else "they cannot both be right."))
    return "value_mismatch", msg, expl, k.text


def _currency_alternative(c: Claim, best: _Entry, rates: Rates, config: RuleConfig,
                          money: Sequence[Claim]) -> tuple[str, float] | None:
    """The story's other currency in which this number matches the consensus, if the same number
    is also printed in that currency somewhere in the story (the signature of a mislabel)."""
    story = money
    currencies = {o.unit for o in money}
    assert best.base is not None
    stated = c.unit.split("/", 1)[0]
    if c.low is None or c.high is None or not isinstance(c.value, float):
        return None
    def closeness(code: str) -> tuple[bool, float, str]:
        # the consensus's own currency first, then the reading nearest the consensus ("$50,000" beside
        # "€50,000" is a euro figure, even when "CHF 50,000" would also fall within the precision)
        r = rates.per_usd.get(code) or 0.0
        gap = abs(c.value / r - best.base[0]) if r and best.base else math.inf  # type: ignore[operator]
        return code != best.claim.unit.split("/", 1)[0], gap, code

    for code in sorted(currencies - {stated}, key=closeness):
        r = rates.per_usd.get(code)
        if not r:
            continue
        if not overlaps((c.low / r, c.high / r), (best.base[1], best.base[2]), config.tol("mislabel_slack")):
            continue
        # the signature of a mislabel: the same number appears in the story with the other currency
        if any(o.unit == code and o.low is not None and o.high is not None
               and overlaps((o.low, o.high), (c.low, c.high)) for o in story):
            return code, c.value / r
    return None


_MISLABEL_CLOSE = 0.1  # a unit read wrongly gives the consensus back to within rounding, not a tenth away


def _unit_alternative(c: Claim, best: _Entry, config: RuleConfig) -> tuple[str, float] | None:
    assert best.base is not None
    pu = V.PHYSICAL_UNITS.get(c.unit, ("", ""))[1]
    if c.low is None or c.high is None or not isinstance(c.value, float):
        return None
    for alt in CONFUSABLE.get(pu, ()):
        f = V.BASE_FACTORS[alt]
        # the figure read in the other unit lands on the consensus, within the rounding of the two (a
        # tenth at most): not a widened span of a hedged figure that happens to reach it
        if overlaps((c.value * f, c.value * f), (best.base[1], best.base[2]), config.tol("conversion_slack")) \
                and abs(c.value * f - best.base[0]) <= _MISLABEL_CLOSE * abs(best.base[0]):
            kf = V.BASE_FACTORS.get(V.PHYSICAL_UNITS.get(best.claim.unit, ("", ""))[1], 1.0)
            return alt, c.value * f / kf
    return None


def _rounding_notes(g: Group, agree: list[_Entry], best: _Entry, config: RuleConfig) -> list[Finding]:
    """Info: figures that differ on the page but agree once rounding, bounds and units are read."""
    different = [e for e in agree if e.claim.source != best.claim.source and e.base and best.base
                 and e.claim.text.strip() != best.claim.text.strip()
                 and abs(e.base[0] - best.base[0]) > 1e-9 * max(1.0, abs(best.base[0]))]
    if not different:
        return []
    ids = [best.claim.id] + [e.claim.id for e in different]
    listed = "; ".join(f"{quote(e.claim)} ({_why_consistent(e.claim)})" for e in different[:6])
    return [Finding(
        id=finding_id("rounding", ids[:1]), rule="rounding", severity=config.severity("rounding", "info"),
        claims=tuple(ids), message=f"consistent restatements of {quote(best.claim)}",
        explanation=f"These figures differ on the page but agree with {quote(best.claim)} "
        f"within their precision, hedges or units: {listed}.", group=g.id,
    )]


def _why_consistent(c: Claim) -> str:
    if c.qualifier == "upper":
        return "an upper bound"
    if c.qualifier == "lower":
        return "a lower bound"
    if c.qualifier == "range":
        return "a range that contains it"
    if c.qualifier == "approximate":
        return "hedged"
    return f"rounded to ±{fmt_number(c.precision)}"


# ---------------------------------------------------------------------------------------


def _check_dates(g: Group, entries: list[_Entry], config: RuleConfig, voice: dict[str, str],
                 primary: frozenset[str] = frozenset()) -> tuple[Group, list[Finding]]:
    days = [e for e in entries if e.claim.unit == "date"]
    if len(days) < 2:
        return g, []
    by_md: dict[str, list[Claim]] = defaultdict(list)
    for e in days:
        by_md[str(e.claim.value)[-5:]].append(e.claim)
    days_ranked, ref, split = ranked(sorted(by_md.items(), key=lambda kv: (-_voices(kv[1], voice), kv[0])), primary)
    top_md, top = days_ranked[0]
    if ref:
        top = sorted(top, key=lambda c: c.source != ref)  # the primary source's statement leads
    g2 = replace(g, consensus=top[0].value, consensus_text=top[0].text, support=_voices(top, voice), reference=ref)
    findings: list[Finding] = []
    if not config.enabled("date_mismatch"):
        return g2, findings
    contested = split or (not ref and len(days_ranked) > 1 and _voices(days_ranked[1][1], voice) == _voices(top, voice))
    for md, cl in days_ranked[1:]:
        try:
            delta = abs(int(md[-2:]) - int(top_md[-2:])) if md[:2] == top_md[:2] else None
        except ValueError:
            delta = None
        gap = f"{delta} day(s) apart" if delta is not None else "different months"
        msg = f"{quote(cl[0])} vs {quote(top[0])}: the same event dated differently ({gap})"
        if ref:
            msg += f" (primary source: {source_name(ref)})"
        if contested:
            msg = ("primary sources disagree: " if split else "sources disagree: ") + msg
        findings.append(Finding(
            id=finding_id("date_mismatch", [c.id for c in cl]), rule="date_mismatch",
            severity="info" if split and names_primary(cl, primary) else config.severity("date_mismatch"),
            claims=tuple(c.id for c in cl + top), message=msg,
            explanation=f"{', '.join(sources_of(cl))} give {cl[0].text}; {', '.join(sources_of(top))} give "
            f"{top[0].text}. Check time zones (a release late on one day in the US is the next day in Asia) "
            f"and whether both refer to the same event (online publication vs print issue)."
            + (f" The primary source ({source_name(ref)}) is the reference." if ref else "")
            + (" The primary sources disagree: they set no reference." if split else ""),
            group=g.id, suggested=None if contested else top[0].text,
        ))
    return g2, findings


_SCORE_WORDS = {"score": "result", "record": "win-loss record", "run": "run", "partial": "score at that moment",
                "scorecard": "judge's card", "vote": "vote"}


def _one_judge(cards: list[Claim]) -> bool:
    """Do all these cards name one judge? A fight has three: a card without its judge's name may be
    any of them ("won on the cards 118-110" against "117-111"), so only a named judge's is sure."""
    judges = {c.frame.entity.lower() for c in cards}
    return len(judges) == 1 and "" not in judges


def _check_scores(g: Group, entries: list[_Entry], config: RuleConfig, voice: dict[str, str],
                  primary: frozenset[str] = frozenset()) -> tuple[Group, list[Finding]]:
    """Match results written differently ("won 3-1" vs "a 2-1 win")."""
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for e in entries:
        by_value[str(e.claim.value)].append(e.claim)
    scores, ref, split = ranked(sorted(by_value.items(), key=lambda kv: (-_voices(kv[1], voice), kv[0])), primary)
    top_value, top = scores[0]
    if ref:
        top = sorted(top, key=lambda c: c.source != ref)  # the primary source's statement leads
    g2 = replace(g, consensus=top_value, consensus_text=top[0].text, support=_voices(top, voice), reference=ref)
    findings: list[Finding] = []
    if not config.enabled("value_mismatch"):
        return g2, findings
    for value, cl in scores[1:]:
        # a record is not a result, and a season's record not this one: loud only for one kind, one period
        sure = cl[0].unit == top[0].unit and {c.frame.period for c in cl} == {c.frame.period for c in top} \
            and (cl[0].unit != "scorecard" or _one_judge(cl + top))
        quiet = split and names_primary(cl, primary)  # a primary source is not wrong by the count of others
        findings.append(Finding(
            id=finding_id("score_mismatch", [c.id for c in cl]), rule="value_mismatch",
            severity=config.severity("value_mismatch") if sure and not quiet else "info",
            claims=tuple(c.id for c in cl + top),
            message=("primary sources disagree: " if split else "" if sure else "possibly the same quantity: ")
            + f"{quote(cl[0])} vs {quote(top[0])}: the {_SCORE_WORDS.get(top[0].unit, 'result')} is reported "
                    "differently" + (f" (primary source: {source_name(ref)})" if ref else ""),
            explanation=f"{', '.join(sources_of(cl))} give {value}; {', '.join(sources_of(top))} give {top_value}."
            + (f" The primary source ({source_name(ref)}) is the reference." if ref else ""),
            group=g.id, suggested=None if split else top[0].text,
        ))
    return g2, findings
