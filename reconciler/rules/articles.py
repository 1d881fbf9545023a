"""Rules inside one article: stated equivalences and arithmetic."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence

from reconciler.extract import vocab as V
from reconciler.extract.keys import MEASURE, frame_keys, soft_keys
from reconciler.extract.units import (
    Rates,
    base_interval,
    cross_slack,
    currency_spread,
    dimension,
    fmt_number,
    overlaps,
)
from reconciler.models import SEVERITIES, Claim, Finding, Source
from reconciler.rules.config import RuleConfig
from reconciler.rules.util import finding_id, quote, story_date

# what may stand between two figures that restate each other: "4 days, or 80 hours",
# "$29.4 million (equivalent to approximately RMB 2.08 million)", "300 metres (985 feet)"
_HEDGED = re.compile(r"(?i)(?:about|roughly|around|approximately|some|nearly|almost)\s")
_EQUIV_GAP = re.compile(
    # an aside may stand between ("250 mm in 24 hours, which is ..."), but not a comparison ("from N, or")
    r"^\s*(?:,\s*)?(?:(?!\s*(?:from|to|versus|vs\.?|against|compared|than|up|down|while)\b)[^,;.()]{1,30},\s*)?"
    r"(?:\(\s*|,?\s*or\s+|,?\s*i\.e\.,?\s+|,?\s*that is,?\s+|,?\s*equal(?:ling)? to\s+|"
    r"which\s+(?:is|was|are|were|equals|means)\s+|equivalent\s+to\s+|,?\s*≈\s*|\s+[—–]\s+|\s*—\s*)"
    # then a hedge or a sign of one: "(about 4 days)", "(≈4 days)", "(~4 days)", "(i.e. some 4 days)"
    r"(?:(?:equivalent|equal)\s+to\s+|or\s+|i\.e\.,?\s+|that\s+is,?\s+|about\s+|roughly\s+|approximately\s+"
    r"|around\s+|some\s+|nearly\s+|almost\s+|close\s+to\s+|[≈~∼]\s*)*$",
    re.I,
)


def check_articles(sources: Sequence[Source], by_source: dict[str, list[Claim]], rates: Rates,
                   config: RuleConfig) -> list[Finding]:
    findings: list[Finding] = []
    story = story_date(s.date for s in sources)  # an undated article is of its story's time
    for s in sources:
        claims = by_source.get(s.id, [])
        if config.enabled("internal_equivalence"):
            findings.extend(_equivalences(s, claims, rates, config, s.date or story))
        if config.enabled("arithmetic"):
            findings.extend(_arithmetic(s, claims, rates, config))
            findings.extend(_sums(s, claims, config))
            sentences = _by_sentence(claims)
            findings.extend(_changes(s, sentences, config))
            findings.extend(_margins(sentences, config))
    return findings


def _is_margin(c: Claim) -> bool:
    """"a margin of 8.6 percentage points", "a lead of 8.6 points", "won by 10.6 points"."""
    if not isinstance(c.value, float) or c.qualifier != "exact":
        return False
    points = c.unit == "pp" or (c.kind in ("count", "number") and c.noun.lower() in ("points", "point"))
    left = c.sentence[:max(0, c.start - c.sentence_start)]
    return points and (c.frame.label == "margin" or c.frame.part == "margin" or bool(_MARGIN_LEFT.search(left)))


_MARGIN_LEFT = re.compile(r"(?i)\b(?:(?:margin|lead|advantage|gap)\s+of|(?:won|lost|leads?|led|ahead)\s+by)\s+$")


def _by_sentence(claims: list[Claim]) -> list[list[Claim]]:
    """An article's claims, sentence by sentence (in text order)."""
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence_start, []).append(c)
    return list(by_sentence.values())


def _margins(sentences: list[list[Claim]], config: RuleConfig) -> list[Finding]:
    """A margin stated with the two shares it lies between, in one sentence, that their difference
    does not give: "51.8% to 41.2%, a margin of 8.6 points" (10.6)."""
    out: list[Finding] = []
    for group in sentences:
        margins = [c for c in group if _is_margin(c)]
        shares = [c for c in group if c.kind == "percent" and c.unit == "%" and c.qualifier == "exact"
                  and isinstance(c.value, float) and c not in margins]
        if len(margins) != 1 or len(shares) != 2:
            continue
        m, (a, b) = margins[0], shares
        assert isinstance(m.value, float) and isinstance(a.value, float) and isinstance(b.value, float)
        if a.value + b.value > 100.5:
            continue  # not two shares of one whole
        true = abs(a.value - b.value)
        slack = m.precision + a.precision + b.precision + 1e-9
        if abs(m.value - true) <= slack:
            continue
        out.append(Finding(
            id=finding_id("margin", [m.id, a.id, b.id]), rule="arithmetic",
            severity=config.severity("arithmetic", "warning"), claims=(m.id, a.id, b.id),
            message=f"{quote(m)} does not fit the shares it is stated with: {quote(a)} against {quote(b)} "
                    f"is {true:.1f} points apart",
            explanation=(f"The sentence gives the margin as {quote(m)} between {quote(a)} and {quote(b)}: "
                         f"{fmt_number(max(a.value, b.value))} - {fmt_number(min(a.value, b.value))} = {true:.1f} "
                         f"points. Either the margin or one of the shares is wrong."),
        ))
    return out


def _equivalences(s: Source, claims: list[Claim], rates: Rates, config: RuleConfig,
                  date: str = "") -> list[Finding]:
    out: list[Finding] = []
    for i, a in enumerate(claims):
        # the next figure of the same dimension close after it (figures of other kinds may stand between)
        da = dimension(a)
        b = next((c for c in claims[i + 1:i + 4] if dimension(c) == da), None)
        if b is None or (a.range_id and a.range_id == b.range_id):
            continue
        gap = _blank_between(s.text, a, b, claims[i + 1:i + 4])
        if len(gap) > 60 or not (_EQUIV_GAP.match(gap) or (gap.strip() == "," and _HEDGED.match(b.text))):
            continue  # ("80 hours, about four days": a comma and a hedge restate too)
        # the second figure must re-state the first: same dimension once converted
        if da in ("count", "date") or a.kind == "percent":
            continue
        if a.unit == b.unit and _written_unit(a) == _written_unit(b):
            continue  # "$999 or $1,149": alternatives written alike, not a restatement ("4 days, or 80 hours" is)
        if "part" in (a.frame.part, b.frame.part):
            continue  # "$334 million, with $281 million in cash": a part of it, not a restatement
        if _sign_only(a, b, rates, date):
            conv = _convert_text(a, b, rates)
            out.append(Finding(
                id=finding_id("internal_equivalence", [a.id, b.id]), rule="internal_equivalence",
                severity=config.severity("internal_equivalence"), claims=(a.id, b.id),
                message=f"{quote(a)} is restated as {quote(b)}: only the currency sign changed, but {conv}",
                explanation=(f"The article gives the two figures as the same quantity ({s.text[a.start:b.end]!r}) "
                             f"with the same number under two currency signs; a conversion changes the number."),
            ))
            continue
        ba, bb = _rounding_interval(a, rates), _rounding_interval(b, rates)
        if ba is None or bb is None:
            continue
        slack = cross_slack(a, b, date) if a.unit != b.unit and a.kind == "money" \
            else config.tol("conversion_slack")
        if overlaps((ba[1], ba[2]), (bb[1], bb[2]), slack):
            continue
        ratio = ba[0] / bb[0] if bb[0] else float("inf")
        conv = _convert_text(a, b, rates)
        message = f"{quote(a)} is restated as {quote(b)}, but {conv}"
        explanation = (f"The article gives the two figures as the same quantity "
                       f"({s.text[a.start:b.end]!r}). Converted, they differ by a factor of {ratio:,.3g}.")
        if _power_of_ten(ratio):
            explanation += f" That is a power of ten (10^{_power_of_ten(ratio)}): likely a scale slip in one of them."
        out.append(Finding(
            id=finding_id("internal_equivalence", [a.id, b.id]), rule="internal_equivalence",
            severity=config.severity("internal_equivalence"), claims=(a.id, b.id), message=message,
            explanation=explanation,
        ))
    return out


def _sign_only(a: Claim, b: Claim, rates: Rates, date: str) -> bool:
    """"€50,000 ($50,000)": the same number restated under another currency sign, for two currencies
    whose rate is not about one (within their spread: "HK$7.8" and "$1" are not at par either)."""
    if a.kind != "money" or b.kind != "money" or a.unit == b.unit or a.value != b.value:
        return False
    ra, rb = rates.per_usd.get(a.unit), rates.per_usd.get(b.unit)
    if not ra or not rb:
        return False
    return abs(ra / rb - 1) > currency_spread(a.unit, b.unit, date)


def _written_unit(c: Claim) -> str:
    """The words and signs of a claim's text around its digits: "$ million" for "$5.6 million"."""
    return " ".join(re.findall(r"[^\W\d_]+|[$€£¥]", c.text.lower()))


def _blank_between(text: str, a: Claim, b: Claim, claims: list[Claim]) -> str:
    """The text between two claims, with any other claim in it replaced by a word."""
    gap = text[a.end:b.start]
    for c in claims:
        if a.end <= c.start and c.end <= b.start:
            gap = gap.replace(text[c.start:c.end], "N", 1)
    return gap


def _rounding_interval(c: Claim, rates: Rates) -> tuple[float, float, float] | None:
    """Value ± its last stated digit, in base units: a restatement must agree to rounding,
    whatever hedge stands before it ("approximately 4 days, or 80 hours" is still 96 vs 80)."""
    base = base_interval(c, rates)
    if base is None or not isinstance(c.value, float) or c.value == 0 or c.kind == "temperature":
        return base
    f = base[0] / c.value
    if c.qualifier in ("upper", "lower", "range"):
        return base
    return base[0], (c.value - c.precision) * f, (c.value + c.precision) * f


def _log10(x: float) -> float:
    return math.log10(x) if 0 < x < math.inf else 0.0


def _power_of_ten(ratio: float) -> int:
    """The exponent when ``ratio`` is a power of ten other than 1 (within 2% in log), else 0."""
    if not ratio > 0 or ratio == float("inf"):
        return 0
    n = round(_log10(ratio))
    return n if n != 0 and abs(n - _log10(ratio)) < 0.02 else 0


def merge_restated_slips(findings: Sequence[Finding], claims: dict[str, Claim], rates: Rates) -> list[Finding]:
    """One slip, one finding: a figure off by a power of ten against the other sources
    (``scale_slip``) whose own article restates it off by a power of ten too
    (``internal_equivalence``: "$29.4 million (about RMB 2.08 million)") is one problem.
    The scale slip keeps its id (and so its decisions) and takes the restatement's claim and
    explanation; the restatement's finding goes."""
    slips = {f.claims[0]: f for f in findings if f.rule == "scale_slip" and f.claims}
    absorbed: dict[str, list[tuple[Finding, str]]] = {}
    gone: set[str] = set()
    for f in findings:
        if f.rule != "internal_equivalence" or len(f.claims) != 2:
            continue
        a, b = (claims.get(cid) for cid in f.claims)
        if a is None or b is None:
            continue
        slip = slips.get(a.id) or slips.get(b.id)
        ba, bb = _rounding_interval(a, rates), _rounding_interval(b, rates)
        if slip is None or ba is None or bb is None or not bb[0] or not _power_of_ten(ba[0] / bb[0]):
            continue
        absorbed.setdefault(slip.id, []).append((f, quote(b if slip.claims[0] == a.id else a)))
        gone.add(f.id)
    out: list[Finding] = []
    for f in findings:
        if f.id in gone:
            continue
        for e, restatement in absorbed.get(f.id, ()):
            worst = min(f.severity, e.severity, key=SEVERITIES.index)
            f = Finding(
                id=f.id, rule=f.rule, severity=worst,
                claims=(*f.claims, *(c for c in e.claims if c not in f.claims)),
                message=f"{f.message}, and its own article restates it as {restatement}, a power of ten off too",
                explanation=f"{f.explanation}\n\nThe same article: {e.message}. {e.explanation}",
                group=f.group, suggested=f.suggested,
            )
        out.append(f)
    return out



_DURATION_WORD = re.compile(r"(?i)\b(minute|hour|day|week|month|year)s?\b")


def _convert_text(a: Claim, b: Claim, rates: Rates) -> str:
    assert isinstance(a.value, float) and isinstance(b.value, float)
    if a.kind == "temperature" and a.unit != b.unit:
        conv = a.value * 9 / 5 + 32 if a.unit == "C" else (a.value - 32) * 5 / 9
        return f"{a.text.strip()} = {conv:.0f}°{b.unit}, not {fmt_number(b.value)}°{b.unit}"
    if a.kind == "duration":
        word = _DURATION_WORD.search(b.text)
        name = word.group(1).lower() if word else "hour"
        hours = V.DURATION_UNITS[name]
        if hours == 1.0:
            return f"{a.text.strip()} = {fmt_number(a.value)} hours, not {fmt_number(b.value)}"
        # "80 hours = 3.333 days, not 4 (96 hours)": in the unit the restatement is written in
        return (f"{a.text.strip()} = {fmt_number(a.value / hours)} {name}s, not {fmt_number(b.value / hours)} "
                f"({fmt_number(b.value)} hours)")
    if a.kind in ("money", "rate"):
        ca, cb = a.unit.split("/")[0], b.unit.split("/")[0]
        ra, rb = rates.per_usd.get(ca, 1.0), rates.per_usd.get(cb, 1.0)
        conv = a.value / ra * rb
        if ca == cb:
            return f"{fmt_number(a.value)} {ca} ≠ {fmt_number(b.value)} {cb}"
        return (f"{fmt_number(a.value)} {ca} ≈ {fmt_number(conv)} {cb} at {rb / ra:.4g} {cb}/{ca} "
                f"(rates as of {rates.as_of}), not {fmt_number(b.value)} {cb}")
    ba, bb = base_interval(a, rates), base_interval(b, rates)
    assert ba is not None and bb is not None
    conv = ba[0] / (bb[0] / b.value) if bb[0] else 0.0
    return f"{a.text.strip()} = {fmt_number(conv)} {b.unit}, not {fmt_number(b.value)}"


def _window(claims: list[Claim], starts: list[int], at: int, radius: int) -> list[Claim]:
    """The claims starting within ``radius`` characters of ``at`` (claims are in text order)."""
    return claims[bisect.bisect_left(starts, at - radius + 1):bisect.bisect_left(starts, at + radius)]


def _arithmetic(s: Source, claims: list[Claim], rates: Rates, config: RuleConfig) -> list[Finding]:
    """count × duration × rate against a total stated nearby ("512 GPUs × 80 h × $2/GPU-hour")."""
    out: list[Finding] = []
    starts = [c.start for c in claims]
    for r in claims:
        if r.kind != "rate" or not isinstance(r.value, float):
            continue
        per = r.unit.split("/", 1)[-1].lower()
        m = re.match(r"([a-z]+)[\s-]hours?$", per)
        if not m:
            continue
        thing = m.group(1)
        near = [c for c in _window(claims, starts, r.start, 700) if c.id != r.id]
        counts = [c for c in near if c.kind == "count" and isinstance(c.value, float)
                  and thing in c.noun.lower().replace("-", " ") and c.qualifier in ("exact", "approximate")]
        durations = [c for c in near if c.kind == "duration" and isinstance(c.value, float)
                     and "gpu" not in c.noun.lower() and c.qualifier in ("exact", "approximate")
                     and c.value < 1e5]
        currency = r.unit.split("/", 1)[0]
        totals = [c for c in near if c.kind == "money" and c.unit == currency and isinstance(c.value, float)
                  and c.qualifier in ("exact", "approximate")]
        if not counts or not durations or not totals:
            continue
        count = min(counts, key=lambda c: abs(c.start - r.start))
        # one duration, or the sum of the durations stated in one sentence ("198 and 80 hours")
        options: list[tuple[float, list[Claim]]] = [(float(d.value), [d]) for d in durations]
        by_sentence: dict[int, list[Claim]] = {}
        for d in durations:
            by_sentence.setdefault(d.sentence_start, []).append(d)
        for ds in by_sentence.values():
            if len(ds) > 1:
                options.append((sum(float(d.value) for d in ds), ds))
        best: tuple[float, Claim, list[Claim], float] | None = None
        for total in totals:
            for hours, ds in options:
                product = float(count.value) * hours * r.value
                if not math.isfinite(product):
                    continue  # no float holds it: nothing to compare
                gap = abs(product - float(total.value)) / max(abs(float(total.value)), 1e-9)
                if best is None or gap < best[0]:
                    best = (gap, total, ds, product)
        if best is None or best[0] <= config.tol("arithmetic_gap"):
            continue
        gap, total, ds, product = best
        hours_txt = " + ".join(fmt_number(float(d.value)) for d in ds)
        hours_txt = f"({hours_txt})" if len(ds) > 1 else hours_txt
        msg = (f"{fmt_number(float(count.value))} × {hours_txt} h × {fmt_number(r.value)} {currency} "
               f"= {fmt_number(product)} {currency}, not {quote(total)}")
        out.append(Finding(
            id=finding_id("arithmetic", [total.id, r.id]), rule="arithmetic",
            severity=config.severity("arithmetic", "warning"),
            claims=(total.id, count.id, *(d.id for d in ds), r.id), message=msg,
            explanation=(f"The article states {quote(count)}, {', '.join(quote(d) for d in ds)} and a rate of "
                         f"{quote(r)} beside a total of {quote(total)}. Multiplied out they give "
                         f"{fmt_number(product)} {currency}, {_off(product, float(total.value), '.0f')} "
                         f"{'below' if product < float(total.value) else 'above'} the total: either a figure is "
                         f"wrong or the total covers more than these inputs."),
        ))
    return out


# a percentage that says how much a figure changed: "rose 28%", "up 12%", "a 48% pop", "a 9% gain"
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:rose|rise|rising|jumped|jump|climbed|gained|surged|soared|grew|increased|up"
                            r"|fell|dropped|declined|slid|slumped|sank|down|lost)\s+(?:by\s+)?(?:about\s+|nearly\s+"
                            r"|almost\s+|some\s+|roughly\s+|more\s+than\s+)?$")
_CHANGE_AFTER = re.compile(r"(?i)\s*(?:jump|pop|gain|rise|increase|surge|climb|drop|fall|decline|slide|premium"
                           r"|discount|plunge)\b")
_CHANGE_REACH = 60  # characters between the percentage and the nearer end: one phrase ("up 38% to $38.64")
_BASE_MEASURES = ("$cost", "$deal")  # a price or offer the change is from: "priced at $28", "its offer price"


def _changes(s: Source, sentences: list[list[Claim]], config: RuleConfig) -> list[Finding]:
    """A percentage change stated with both ends in its sentence that the ends do not give:
    "$4.12 billion, up from $3.49 billion a year earlier, a 28% jump" (+18%); "priced at $28 ...
    closed at $38.64, a 48% pop" (+38%). The ends are the sentence's only two amounts of one
    currency, one of them marked as the start: "from $X", or a price or offer against a traded
    price at one moment of the session (the open, the close, the day's high or low)."""
    out: list[Finding] = []
    for group in sentences:
        pcts = [c for c in group if c.kind == "percent" and isinstance(c.value, float) and c.qualifier == "exact"
                and _is_change(s.text, c)]
        money = [c for c in group if c.kind == "money" and isinstance(c.value, float) and c.value > 0
                 and not c.range_id and c.qualifier in ("exact", "approximate")]
        if len(pcts) != 1 or len(money) != 2 or money[0].unit != money[1].unit:
            continue
        ends = _ends(s.text, money[0], money[1])
        if ends is None:
            continue
        start, end = ends
        pct = pcts[0]
        if min(abs(pct.start - start.end), abs(pct.start - end.end), abs(start.start - pct.end),
               abs(end.start - pct.end)) > _CHANGE_REACH:
            continue  # a percentage far along the sentence may be the change of another figure
        assert isinstance(start.value, float) and isinstance(end.value, float) and isinstance(pct.value, float)
        true = 100.0 * abs(end.value - start.value) / start.value
        gap = abs(abs(pct.value) - true)
        if gap <= max(config.tol("change_points"), config.tol("change_relative") * true):
            continue
        sign = "+" if end.value >= start.value else "-"
        out.append(Finding(
            id=finding_id("change", [pct.id, start.id, end.id]), rule="arithmetic",
            severity=config.severity("arithmetic", "warning"), claims=(pct.id, start.id, end.id),
            message=(f"{quote(pct)} does not fit the figures it is stated with: {quote(start)} to {quote(end)} "
                     f"is {sign}{true:.1f}%"),
            explanation=(f"The sentence gives the change as {quote(pct)} and both its ends, {quote(start)} and "
                         f"{quote(end)}: ({fmt_number(end.value)} - {fmt_number(start.value)}) / "
                         f"{fmt_number(start.value)} = {sign}{true:.1f}%, {gap:.1f} points off. Either the "
                         f"percentage or one of the figures is wrong, or the change is from another base."),
        ))
    return out


def _is_change(text: str, c: Claim) -> bool:
    return bool(_CHANGE_BEFORE.search(text, max(0, c.start - 40), c.start) or _CHANGE_AFTER.match(text, c.end))


_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+(?:about\s+|roughly\s+|some\s+)?$")


def _ends(text: str, a: Claim, b: Claim) -> tuple[Claim, Claim] | None:
    """(start, end) of a change between two amounts, when the sentence says which is the start."""
    from_a = a.role == "from" or bool(_FROM_BEFORE.search(text, max(0, a.start - 20), a.start))
    from_b = b.role == "from" or bool(_FROM_BEFORE.search(text, max(0, b.start - 20), b.start))
    if from_a != from_b:
        return (a, b) if from_a else (b, a)
    base_a, base_b = soft_keys(a.frame)[1] in _BASE_MEASURES, soft_keys(b.frame)[1] in _BASE_MEASURES
    moment_a, moment_b = frame_keys(a.frame)[MEASURE], frame_keys(b.frame)[MEASURE]
    if base_a and moment_b and not base_b:
        return a, b
    if base_b and moment_a and not base_a:
        return b, a
    return None


_PLUS = re.compile(r"(?i)\b([a-z][a-z-]+)\s+(?:plus|\+)\s+([a-z][a-z-]+)\b")


def _sums(s: Source, claims: list[Claim], config: RuleConfig) -> list[Finding]:
    """A total labelled as a sum ("fund (vessel plus freight): $43.67 million") against its parts.

    The parts are the article's other figures of the same currency whose sentences name each
    component; if no combination adds up to the total, the closest one is shown.
    """
    out: list[Finding] = []
    starts = [c.start for c in claims]
    for t in claims:
        if t.kind != "money" or not isinstance(t.value, float):
            continue
        m = _PLUS.search(t.sentence)
        if not m:
            continue
        parts = []
        for word in m.groups():
            w = word.lower().rstrip("s")
            cands = [c for c in _window(claims, starts, t.start, 1500) if c.id != t.id and c.kind == "money"
                     and c.unit == t.unit and isinstance(c.value, float) and c.qualifier in ("exact", "approximate")
                     and w in c.sentence.lower() and c.sentence_start != t.sentence_start]
            parts.append(cands)
        if not all(parts):
            continue
        combos = [(a, b) for a in parts[0] for b in parts[1] if a.id != b.id]
        if not combos:
            continue
        total = float(t.value)

        def gap(ab: tuple[Claim, Claim], total: float = total) -> float:
            return abs(float(ab[0].value) + float(ab[1].value) - total)

        best = min(combos, key=gap)
        tol = max(t.precision + best[0].precision + best[1].precision, 0.005 * abs(total))
        if gap(best) <= tol:
            continue
        a, b = best
        got = float(a.value) + float(b.value)
        if not math.isfinite(got):
            continue
        out.append(Finding(
            id=finding_id("sum", [t.id, a.id, b.id]), rule="arithmetic",
            severity=config.severity("arithmetic", "warning"), claims=(t.id, a.id, b.id),
            message=f"{quote(a)} + {quote(b)} = {fmt_number(got)} {t.unit}, not {quote(t)}",
            explanation=(f"The article labels {quote(t)} as {m.group(1)} plus {m.group(2)}; its figures for "
                         f"those are {quote(a)} and {quote(b)}, which add up to {fmt_number(got)} {t.unit} "
                         f"({_off(got, total, '.1f')} off). One of the three is wrong, or the "
                         f"parts come from a different source than the total."),
        ))
    return out


def _off(got: float, total: float, spec: str) -> str:
    """How far ``got`` is from ``total``, as a percentage of it ("12% "); of a total of zero, "all"."""
    if not total:
        return "all of it" if got else "0%"
    return f"{abs(got - total) / abs(total) * 100:{spec}}%"
