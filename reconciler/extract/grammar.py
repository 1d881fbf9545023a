"""The number grammar: find numeric expressions in text, with exact spans.

A scan runs in three passes over the original text, each linear:
1. spans that are never claims (times of day, URLs, identifiers, list markers) and dates;
2. numbers (digits or words) with what binds to them on the left (hedges, currency) and
   the right (scales, the "29.4 * * $10000" artefact, currency, percent, units, nouns);
3. pairing: ranges ("X to Y", "between X and Y"), changes ("from X to Y"), equivalences.
The result is a list of ``Mention`` (a claim without its context), in text order.
"""

from __future__ import annotations

import itertools
import math
import re

from reconciler.extract import vocab as V
from reconciler.extract.around import _PERIOD_LEFT, _PERIODS, _interval, _read_left, _read_right, _Right
from reconciler.extract.cjk import cjk_numbers
from reconciler.extract.clock import clock_times, round_clocks
from reconciler.extract.mention import Mention, Span
from reconciler.extract.names import (
    _cased,
    _left_is_name,
    _names_a_speaker,
    _rejected_by_neighbours,
    _tallies,
    _token_bounds,
    figure_not_version,
    gapped_noun,
    quake_magnitude,
)
from reconciler.extract.numbers import _sig_precision, digit_view, parse_digits, parse_words, pow10
from reconciler.extract.patterns import (
    _DIGITS,
    _DIGITS_DECIMAL_COMMA,
    _FRACTION_LOWER,
    _FRACTION_RE,
    _FRACTIONS,
    _MULTIPLE,
    _NAMED_NUMBER_BEFORE,
    _NAMED_NUMBER_ENDS,
    _NAMED_NUMBER_WORDS,
    _SCALE_AFTER,
    _SCI,
    _VAGUE,
    _WORDS,
    decimal_comma,
    folds_simply,
    may_end_with,
)
from reconciler.extract.scores import never_claims, scores
from reconciler.extract.spans import (
    _YEAR,
    _at_word_start,
    _covered,
    _dates,
    _digit_runs,
    _mask_spans,
    _set,
    lower_same_length,
)


def scan(text: str, skip: tuple[Span, ...] = (), lower: str | None = None,
         refused: list[Mention] | None = None) -> list[Mention]:
    """All numeric mentions in ``text`` (outside ``skip``), in text order. ``lower``: the text lower-cased
    with the same offsets, if the caller has it. ``refused``: receives the figures that are not
    claims because no float holds them (``10^400``, a 320-digit number, ``1e6 × 10^308``)."""
    view = digit_view(text)  # "٢٩٫٤", "２９４，０００": other scripts' separators as this text's own
    if view is not text:
        text, lower = digit_view(text, decimal_comma(view)), None
    n = len(text)
    mask = bytearray(n + 1)
    runs = _digit_runs(text)
    lower = lower_same_length(text) if lower is None else lower  # once: the word patterns below run on it
    races = race_times(text) if ":" in text else []
    for t in races:
        _set(mask, t.start, t.end)
    times = [t for t in clock_times(text, runs.spans) if not _covered(mask, t.start, t.end)] \
        if ":" in text or "GMT" in text or "." in text else []
    for t in times:
        _set(mask, t.start, t.end)
    rounds = [rc for rc in round_clocks(text) if not _covered(mask, rc.start, rc.end)] if ":" in text else []
    for rc in rounds:
        _set(mask, rc.start, rc.end)
    times += rounds
    for a, b in _mask_spans(text, skip, runs, lower):
        _set(mask, a, b)
    for a, b in never_claims(text, lower, runs.spans):
        _set(mask, a, b)
    skip_mask = bytearray(mask)
    cjk = [c for c in cjk_numbers(text) if not _covered(mask, c.start, c.end)]  # "29.4万美元", "9月17日"
    for c in cjk:
        _words_around_scale(text, c)  # "405万 US dollars", "RMB 2916万", "162万 GPU hours"
        _set(mask, c.start, c.end)
    out = _dates(text, mask, runs) + cjk + times + races
    out += scores(text, mask)
    # vague amounts: "tens of millions of dollars"
    vague_cues = ("tens of", "dozens", "hundreds of", "thousands of", "millions of", "billions of", "trillions")
    for m in (_VAGUE.finditer(text) if any(c in lower for c in vague_cues) else ()):
        if _covered(mask, m.start(), m.end()):
            continue
        lo, hi = V.VAGUE_MULTIPLES[m.group("m1").lower()]
        if m.group("m2"):
            mul = V.SCALE_WORDS[m.group("m2").lower().rstrip("s")]
            lo, hi = lo * mul, hi * mul
        r = _read_right(text, m.end(), False)
        kind = r.kind or ("count" if r.noun else "")
        if not kind:
            continue
        out.append(Mention(m.start(), r.end, lo, kind, r.currency or r.unit or "", "vague", lo, hi,
                           noun=r.noun, num_start=m.start(), num_end=m.end()))
        _set(mask, m.start(), r.end)
    fraction_words = ("half", "third", "quarter", "fifth", "tenth")
    fractions = _FRACTION_LOWER.finditer(lower) if folds_simply(text) else _FRACTION_RE.finditer(text)
    cued = any(w in lower for w in fraction_words) and (not folds_simply(text) or _FRACTION_CUE.search(lower))
    for m in (fractions if cued else ()):
        if _covered(mask, m.start(), m.end()):
            continue
        key = re.sub(r"\s+", " ", m.group().lower())
        v = _FRACTIONS[key]
        out.append(Mention(m.start(), m.end(), v, "multiple", "x", "exact", v - 0.01, v + 0.01,
                           num_start=m.start(), num_end=m.end()))
        _set(mask, m.start(), m.end())
    # numbers written in digits or words
    comma_dec = decimal_comma(text)
    digits_rx = _DIGITS_DECIMAL_COMMA if comma_dec else _DIGITS
    cands: list[tuple[int, int, bool]] = [(m.start(), m.end(), False) for m in digits_rx.finditer(text)]
    cands += [(m.start(), m.end(), True) for m in _at_word_start(_WORDS, lower)]
    cands.sort()
    name_run_end = -2  # end of the last product name seen ("Zeta 3.1 12B")
    tallies: set[int] | None = None  # found when a number first looks like part of a name
    for s, e, is_word in cands:
        if _covered(mask, s, e):
            continue
        timed = _SPAN_AFTER.match(lower, e) is not None  # "the upper stage 42 minutes after": a span
        if not timed and (not is_word or lower[s:e] in _NAMED_NUMBER_WORDS) \
                and may_end_with(lower[max(0, s - 30):s], _NAMED_NUMBER_ENDS) \
                and _NAMED_NUMBER_BEFORE.search(lower, max(0, s - 30), s):
            continue  # "the number 9 shirt", "phase three": a name, not a quantity
        if is_word:
            phrase = text[s:e]
            val = parse_words(phrase)
            prev = text[max(0, s - 2):s]
            low = phrase.lower()
            if val is None:
                continue
            if low in ("hundred", "thousand", "dozen"):
                if prev.lower() in ("a ",):
                    s -= 2
                else:
                    continue
            if low == "one" or low.startswith("one "):
                # "one" is far more often a pronoun than a quantity; keep "one hundred", "one million"
                nxt = _SCALE_AFTER.match(text, e) or _ONE_DURATION.match(lower, e)
                if low == "one" and not nxt:
                    continue  # ("one minute", "one hour": a duration, kept)
            if e < n and text[e] == "-" and low in ("one",):
                continue
            precision = 0.5 if val < 100 else _sig_precision(val)
        else:
            if _rejected_by_neighbours(text, s, e):
                continue
            if not timed and not figure_not_version(text, s, e) \
                    and (s <= name_run_end + 1 or _left_is_name(text, s) or _names_a_speaker(text, s, e)):
                if tallies is None:
                    tallies = _tallies(text, runs)
                if s not in tallies:
                    name_run_end = _token_bounds(text, s, e)[1]
                    continue
            val, precision = parse_digits(text[s:e], (comma_dec and not _english_figure(text, s, e))
                                          or _grouped_by_points(text, s, e))
            power = _POWER.match(text, e) if e - s == 2 and text[s:e] == "10" else None
            if power:  # "10^25 FLOPs", "10^400": the power itself
                val = pow10(int(power.group("e").replace("−", "-")))
                precision, e = 0.05 * val, power.end()
            # a bare year is a date, not a quantity: handled as context, not claimed
            if _YEAR.fullmatch(text, s, e) and not _read_left(text, s)[1]:
                r0 = _read_right(text, e, False)
                if not r0.kind and not r0.noun.lower().startswith(("people", "person")):
                    continue
                if r0.kind == "duration" and r0.noun == "year":
                    continue  # "in 2028 year autumn" (translated): a date, not 2,028 years
                if r0.kind in ("", "count") and not r0.noun:
                    continue
        a, currency, qualifier = _read_left(text, s)
        if _covered(skip_mask, a, e):
            continue
        mult_m = _MULTIPLE.match(text, e) if not currency and not _SCI.match(text, e) else None
        r = _Right(end=mult_m.end(), kind="multiple", unit="x") if mult_m else _read_right(text, e, bool(currency))
        if r.end < n and r.end == e and (text[r.end].isdigit() or _cased(text[r.end])):
            continue  # digits glued to letters we do not know: a code ("5G", "3D")
        if not r.kind and r.noun and not r.glued_scale and not r.scale_words and _GLUED_LETTER.match(text, e):
            continue  # "1080p", "720p camera": a code glued to the digits, not a counted noun
        value = val * r.value_mult
        precision = precision * r.value_mult
        if s > 0 and text[s - 1] in "−-" and (s == 1 or text[s - 2] in " (\t\n"):
            value = -value  # "−5", "a change of -3.2%"
            a = min(a, s - 1)
        cur = currency or r.currency
        if r.kind == "percent":
            kind, unit = "percent", r.unit
        elif cur:
            kind = "rate" if r.kind == "rate" else "money"
            per = r.per
            if kind == "money":
                period = _PERIOD_LEFT.search(text, max(0, a - 40), a)
                if period:  # "a weekly salary of £350,000" is a rate, like "£300,000 a week"
                    kind, per = "rate", _PERIODS[period.group(1).lower()]
            unit = cur if kind == "money" else f"{cur}/{per}"
        elif r.kind == "duration":
            kind, unit = "duration", "h"
            value *= r.factor
            precision *= r.factor
        elif r.kind:
            kind, unit = r.kind, r.unit
        elif r.noun or float(value).is_integer():
            kind, unit = "count", ""
        else:
            kind, unit = "number", ""
        noun, end = r.noun, r.end
        if not noun and not cur and kind in ("count", "number") and s >= 2 and text[s - 1] == " " \
                and _cased(text[s - 2]):
            noun = gapped_noun(text, s)  # "won 52 seats, the Greens 19": 19 seats
            kind = "count" if noun and float(value).is_integer() else kind
        if not noun and not cur and kind == "count" and text.startswith(" of ", e):
            om = _OF_N_NOUNS.match(text, e)  # "landed 120 of 400 punches": 120 punches
            if om:
                noun = om.group(1)
        if not noun and not cur and kind in ("count", "number") and text[s - 4:s] in (" to ", "nst "):
            nm = _NOUN_TO.search(text, max(0, s - 40), s)  # "carried by 312 votes to 290": 290 votes
            if nm:
                noun, kind = nm.group(1), ("count" if float(value).is_integer() else kind)
        if not cur and kind in ("count", "number") and 0 < value < 10.5:
            # an earthquake's magnitude: "magnitude 7.8", "a 7.8-magnitude quake", "7.7 on the Richter scale"
            before = _MAGNITUDE_LEFT.search(lower, max(0, a - 16), a)
            if before is None:
                pm = _MAGNITUDE_PREFIX.search(text, max(0, a - 4), a)  # "M7.5", "Mw 6.1" in a quake story
                before = pm if pm and quake_magnitude(text, pm.start(), a) else None
            after = _MAGNITUDE_RIGHT.match(lower, e)
            if before or after:
                kind, unit, noun = "number", "magnitude", "magnitude"
                a = before.start() if before else a
                end = after.end() if after else e
            elif "." in text[s:e] and (_QUAKE_NOUN.match(lower, e) or (
                    _MEASURING_LEFT.search(lower, max(0, a - 24), a) and _QUAKE_WORD.search(lower, max(0, a - 80), a))):
                # "a 5.4 aftershock", "a 6.1 quake", "a tremor measuring 4.8": a magnitude (a count has
                # no decimal point), quoted as the number alone
                kind, unit, noun, end = "number", "magnitude", "magnitude", e
        lo, hi, q = _interval(value, precision, qualifier)
        # trailing hedge: "200 or so", "300-plus"
        ph = _POST_HEDGE.match(text[r.end:r.end + 10])
        if ph and not qualifier:
            lo, hi, q = _interval(value, precision, V.POST_HEDGES[ph.group(1).lower()])
        hedge = qualifier or (V.POST_HEDGES[ph.group(1).lower()] if ph else "exact")
        lo, hi, rounding = _journalists_precision(text[s:e], value, precision, hedge, r.scale_words, lo, hi)
        mention = Mention(
            start=a, end=end, value=value, kind=kind, unit=unit, qualifier=q, low=lo, high=hi,
            noun=noun, precision=precision, scale_words=r.scale_words, per=r.per,
            base_unit=r.base_unit, num_start=s, num_end=e, rounding=rounding,
        )
        out.append(mention)
        _set(mask, a, end)
    out.sort(key=lambda m: (m.start, m.end))
    out = _join_durations(text, out)
    _yen_or_yuan(text, out)
    _whose_dollars(text, lower, out)
    _rate_set_against(text, out)
    _pair(text, out)
    if not all(_finite(m) for m in out):
        out = _drop_infinite(out, refused)
    for mention in out:
        if not mention.role and may_end_with(text[max(0, mention.start - 20):mention.start], _PART_ENDS) \
                and _PART_LEFT.search(text, max(0, mention.start - 20), mention.start):
            mention.role = "part"
    return out


# a span of time right after a number: "above the Earth 42 minutes later", "stage 42 minutes after liftoff"
# (a name is not followed by one; "Week 11 was" and "Zeta 3.1 scored" are names)
_SPAN_AFTER = re.compile(r"[ \u00a0-](?:seconds?|minutes?|hours?|days?|weeks?|months?)\b(?!-)")


def _words_around_scale(text: str, c: Mention) -> None:
    """A number that ends in a CJK scale character reads its unit from the words around it (in place).

    A translation keeps "405万" and renders the rest: the currency, duration or counted noun stands
    after it in English ("405万 US dollars", "162万 GPU hours", "5840亿 parameters") or the currency
    before it ("RMB 2916万", "US$1.2亿"), as it would around an English number.
    """
    if c.kind != "count" or c.unit or c.noun or not c.scale_words or not text.endswith(c.scale_words, 0, c.end):
        return
    r = _read_right(text, c.end, False)
    if r.kind == "money" and r.currency:
        c.kind, c.unit, c.end = "money", r.currency, r.end
    elif r.kind == "duration" and r.unit == "h" and isinstance(c.value, float):
        f = r.factor
        c.kind, c.unit, c.end, c.noun = "duration", "h", r.end, r.noun
        c.value, c.precision = c.value * f, c.precision * f
        c.low = c.low * f if c.low is not None else None
        c.high = c.high * f if c.high is not None else None
    elif r.noun and not r.kind:
        c.noun, c.end = r.noun, r.end
    a, currency, qualifier = _read_left(text, c.num_start)
    if currency and c.kind == "count" and not c.noun:
        c.kind, c.unit, c.start = "money", currency, min(c.start, a)
    if qualifier and c.qualifier == "exact" and (c.unit or c.noun) and isinstance(c.value, float):
        c.low, c.high, c.qualifier = _interval(c.value, c.precision, qualifier)  # "about 405万 US dollars"
        c.start = min(c.start, a)


# what stands between a rate and the figure it is set against: "$1.05 per million tokens blended,
# against $6.00", "$2 per GPU hour, compared with $3", "$40 a head, up from $35"
_AGAINST = re.compile(
    r"[\s,;]{0,3}(?:[a-z-]+[\s,]{1,3}){0,2}?(?:against|versus|vs\.?|compared (?:with|to)|up from|down from|"
    r"from|than)\s{1,3}$"
)


def _rate_set_against(text: str, out: list[Mention]) -> None:
    """A bare amount set against a rate in the same sentence is that rate too (in place): the
    reader does not repeat "per million tokens" after "against $6.00", and $6.00 is no total."""
    for a, b in itertools.pairwise(out):
        if a.kind != "rate" or not a.per or b.kind != "money" or b.per or "/" not in a.unit:
            continue
        if a.unit.split("/", 1)[0] != b.unit or b.start - a.end > 60 or not _AGAINST.fullmatch(text, a.end, b.start):
            continue
        if _PER_AFTER.match(text, b.end):
            continue  # "$3 a month": its own period
        b.kind, b.unit, b.per = "rate", a.unit, a.per


_PER_AFTER = re.compile(r"\s{0,2}(?:per|a|an|each|/)\b", re.IGNORECASE)


def _bare(raw: str) -> float:
    """The figure as written, before any scale or unit ("1.7" of "1.7 billion", 1e400 of
    "10^400"); 0.0 when it is not one the digit or word readers know.

    >>> _bare("1,700"), _bare("ten"), _bare("10^3"), _bare("10^400"), _bare("1.2万")
    (1700.0, 10.0, 1000.0, inf, 0.0)
    """
    if not raw[:1].isdigit():
        return parse_words(raw) or 0.0
    power = _POWER.match(raw, 2) if raw[:2] == "10" else None
    if power and power.end() == len(raw):
        return pow10(int(power.group("e").replace("−", "-")))
    try:
        return parse_digits(raw)[0]
    except ValueError:  # digits the mention read with more around them (another script's scale)
        return 0.0


def _finite(m: Mention) -> bool:
    """Can the mention be computed with: a finite value and precision, bounds that are numbers
    (a bound may be infinite: "more than 40" has no upper one)?"""
    v = m.value
    return not isinstance(v, float) or (math.isfinite(v) and math.isfinite(m.precision)
                                        and m.low == m.low and m.high == m.high)


def _drop_infinite(mentions: list[Mention], refused: list[Mention] | None) -> list[Mention]:
    """The mentions without those no float holds; a range or change keeps no half."""
    bad = [m for m in mentions if not _finite(m)]
    if refused is not None:
        refused.extend(bad)
    halves = {m.range_id for m in bad if m.range_id}
    kept = [m for m in mentions if _finite(m)]
    for m in kept:
        if m.range_id in halves and isinstance(m.value, float):  # "between 5 and 10^999": 5 alone
            m.range_id, m.qualifier = "", "exact"
            m.low, m.high = m.value - m.precision, m.value + m.precision
    return kept


# what a fraction's match ends with, in lower-cased text: "a quarter" alone (a company's quarter) is no
# cue, and the full pattern, led by \b, reads every character (0.4 ms an article on g300)
_FRACTION_CUE = re.compile(r"(?:half|thirds?|quarters?|fifth|tenth)\s+(?:of|the|as|that)\b")
_POWER = re.compile(r"\^\s*(?P<e>[-−]?\d{1,6})(?![\d.])")
_THOUSANDS_ONLY = re.compile(r"\d{1,3}(?:,\d{3})+")
_ENGLISH_MONEY_BEFORE = re.compile(r"(?:US\$|A\$|C\$|HK\$|\$|£|₹|Rs\.?\s?)$")


def _grouped_by_points(text: str, s: int, e: int) -> bool:
    """Is a figure in a decimal-point text grouped by points all the same? "1.234.567" (two points)
    and "€294.000" (three zeros after one point, no scale word: no one prints a price or a count to
    a thousandth) are; "2.788 million", "0.500" and "1.250 km" are not.

    >>> _grouped_by_points("It cost €294.000.", 9, 16), _grouped_by_points("It cost €2.500 million.", 9, 14)
    (True, False)
    """
    raw = text[s:e]
    if "." not in raw or "," in raw:
        return False
    if _POINT_GROUPS.fullmatch(raw):
        return True
    return bool(_POINT_THOUSAND.fullmatch(raw)) and raw[0] != "0" and not _SCALE_AFTER.match(text, e) \
        and not _SCALE_LETTER_AFTER.match(text, e)


def _english_figure(text: str, s: int, e: int) -> bool:
    """In a text that writes decimal commas, is this figure still written the English way? A "$" or
    "£" before "294,000" (three digits after each comma) says so: "$294,000" is never 294.

    >>> _english_figure("Der Preis: $294,000.", 12, 19)
    True
    """
    return bool(_THOUSANDS_ONLY.fullmatch(text, s, e) and _ENGLISH_MONEY_BEFORE.search(text, max(0, s - 4), s))


def _journalists_precision(raw: str, value: float, precision: float, q: str, scale: str, lo: float,
                           hi: float) -> tuple[float, float, str]:
    """Widen the interval where journalists' writing allows it (``q``: the hedge's own qualifier):
    a scaled decimal ("93.4 million", "$5.5 million") is often truncated, not rounded, so it may
    stand for up to a whole unit of its last digit above; a hedged round figure ("about 60 km")
    spans half a unit of its last non-zero digit.

    >>> _journalists_precision("93.4", 93.4e6, 0.05e6, "exact", "million", 93.35e6, 93.45e6)
    (93350000.0, 93500000.0, 'truncated')
    >>> _journalists_precision("60", 60.0, 0.5, "approximate", "", 56.5, 63.5)
    (55.0, 65.0, 'round')
    """
    if value <= 0 or not precision:
        return lo, hi, ""
    if scale and q == "exact" and ("." in raw or re.search(r",\d{1,2}$", raw)):
        return lo, max(hi, value + 2 * precision), "truncated"
    if q == "approximate" and value < 1000 and float(value).is_integer() and int(value) % 10 == 0:
        half = _sig_precision(value)
        return min(lo, value - half), max(hi, value + half), "round"
    return lo, hi, ""


# "¥" is written for both the yen and the yuan: the article's own words decide
# the country's words, its main cities and its stock indexes: geography, not any one story
_YEN_CUES = re.compile(r"(?i)\b(?:yen|japan|japanese|tokyo|osaka|nikkei|topix)\b")
_YUAN_CUES = re.compile(r"(?i)\b(?:yuan|renminbi|rmb|china|chinese|beijing|shanghai|shenzhen|csi)\b")


def _whose_dollars(text: str, lower: str, mentions: list[Mention]) -> None:
    """Read a bare "$" as the dollar the text names: "$50 million Australian" (the adjective after the
    figure, quoted with it), or every bare "$" of an article that says "all figures in Canadian
    dollars" ("(amounts in Australian dollars unless stated)")."""
    bare = [m for m in mentions if m.unit.startswith("USD") and text[m.start:m.num_start].strip() == "$"]
    if not bare or ("dollar" not in lower and not any(_NATION_AFTER.match(text, m.end) for m in bare)):
        return
    declared = _DECLARED_DOLLARS.search(text)
    every = V.DOLLAR_NATIONS.get(" ".join(declared.group("n").lower().split()), "") if declared else ""
    for m in bare:
        after = _NATION_AFTER.match(text, m.end)
        code = V.DOLLAR_NATIONS.get(" ".join(after.group("n").lower().split()), "") if after else every
        if not code or code == "USD":
            continue
        m.unit = code + m.unit[3:]
        if after:
            m.end = after.end()


_NATIONS_RX = r"Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand|Taiwan(?:ese)?|US|U\.S\.|American"
# "$50 million Australian" (not "... Australian dollars", read as a currency word already, nor "Australian firms")
_NATION_AFTER = re.compile(rf"\s+(?:\(\s*)?(?P<n>{_NATIONS_RX})(?:\s*\))?(?!\s+(?:dollars?|[a-z]))(?=[\s,.;:)]|$)")
_DECLARED_DOLLARS = re.compile(
    rf"(?i)\b(?:all\s+)?(?:figures|amounts|prices|numbers|values|sums|dollar\s+(?:figures|amounts))\s+(?:are\s+|quoted\s+)?"
    rf"in\s+(?P<n>{_NATIONS_RX})\s+dollars\b")


def race_times(text: str) -> list[Mention]:
    """Elapsed times written h:mm:ss ("in 2:06:05", "2:07:11.4"): durations. A clock reading in news
    gives no seconds, or says a.m., p.m. or a zone after them (those stay clock times)."""
    out = []
    for m in _RACE_TIME.finditer(text):
        if _CLOCK_AFTER.match(text, m.end()) or _CLOCK_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "at 10:15:30", "10:15:30 GMT": a clock reading
        h, mi, sec = int(m.group("h")), int(m.group("m")), float(m.group("s"))
        value = h + mi / 60 + sec / 3600
        decimals = len(m.group("s").split(".")[1]) if "." in m.group("s") else 0
        precision = 0.5 * 10 ** -decimals / 3600
        out.append(Mention(m.start(), m.end(), value, "duration", "h", "exact", value - precision,
                           value + precision, precision=precision, num_start=m.start(), num_end=m.end()))
    return out


def _join_durations(text: str, ms: list[Mention]) -> list[Mention]:
    """"2 hours 6 minutes", "6 hours and 42 minutes", "1h 45m": one duration, quoted whole (each
    part a smaller unit than the one before it)."""
    if len(ms) < 2 or not any(m.kind == "duration" for m in ms):
        return ms
    out: list[Mention] = []
    last_unit = 0.0  # hours in one unit of the last part joined to out[-1] ("2 hours 6 minutes": a minute's)
    for m in ms:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "duration" and isinstance(prev.value, float) \
                and isinstance(m.value, float) and prev.qualifier != "range" \
                and _DURATION_JOIN.fullmatch(text, prev.end, m.start):
            if m.kind == "length" and m.unit == "m" and text[m.num_end:m.end] == "m" \
                    and text[prev.num_end:prev.end] == "h":
                part, unit = m.value / 60, 1 / 60  # "1h 45m": minutes after hours, not metres
            elif m.kind == "duration" and m.qualifier == "exact":
                part, unit = m.value, V.DURATION_UNITS.get(m.noun.lower(), 0.0)
            else:
                part, unit = 0.0, 0.0
            if 0 < part < last_unit and 0 < unit < last_unit:
                prev.end, prev.value = m.end, prev.value + part
                prev.precision = min(prev.precision, m.precision or prev.precision)
                prev.low, prev.high = prev.value - prev.precision, prev.value + prev.precision
                if prev.qualifier != "exact":  # "about 2 hours 6 minutes"
                    prev.low, prev.high = _interval(prev.value, prev.precision, prev.qualifier)[:2]
                last_unit = unit
                continue
        out.append(m)
        last_unit = V.DURATION_UNITS.get(m.noun.lower(), 0.0) if m.kind == "duration" else 0.0
    return out


_RACE_TIME = re.compile(r"(?<![\d:.])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d{1,3})?)(?![\d:])")
_CLOCK_AFTER = re.compile(r"(?i)\s*(?:[ap]\.?m\b|hrs?\b|h\b|gmt|utc|local|[ecmp][sd]?t\b|bst|cet|ist|jst)")
_CLOCK_BEFORE = re.compile(r"(?i)\b(?:at|until|till|from|since|by|before|after)\s+$")
_DURATION_JOIN = re.compile(r"(?:\s*,\s*|\s+and\s+|,\s+and\s+|\s+)")
_ONE_DURATION = re.compile(r"[\s-]+(?:minute|hour|day|week|month|year|second)s?\b")


def _yen_or_yuan(text: str, mentions: list[Mention]) -> None:
    """Read a bare "¥" as yen in an article that speaks of yen or Japan, not of yuan or China."""
    marked = [m for m in mentions if m.unit.startswith("CNY") and "¥" in text[m.start:m.num_start]
              and "CN¥" not in text[m.start:m.num_start].upper()]
    if not marked or len(_YEN_CUES.findall(text)) <= len(_YUAN_CUES.findall(text)):
        return
    for m in marked:
        m.unit = "JPY" + m.unit[3:]


_GLUED_LETTER = re.compile(r"[a-zA-Z](?![A-Za-z])")
_POINT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_POINT_THOUSAND = re.compile(r"\d{1,3}\.000")
_SCALE_LETTER_AFTER = re.compile(r"(?i)\s?[mbk]\b")  # "€2.000m", "2.000 k"
_OF_N_NOUNS = re.compile(r" of (?:the |its |their |his |her )?\d[\d,]*\s+([a-z]+s|people|children|men|women)\b")
_NOUN_TO = re.compile(r"\d[\d,]*\s+([a-z]+s|people|children|men|women)\s+(?:to|against)\s+$")
_MAGNITUDE_LEFT = re.compile(r"\bmagnitude(?:[\s-]|\s+of\s+)$")
_MAGNITUDE_PREFIX = re.compile(r"M[wLsb]?\s?$")
_QUAKE_NOUN = re.compile(r"[\s-](?:earthquake|quake|aftershock|foreshock|tremor|temblor|shock)s?\b")
_QUAKE_WORD = re.compile(r"\b(?:earthquake|quake|aftershock|foreshock|tremor|temblor)")
# "a tremor measuring 4.8", "aftershocks, the strongest of 5.2", "the largest at 4.9", "one as strong as 5.9"
_MEASURING_LEFT = re.compile(r"\b(?:measur(?:ing|ed)\s+(?:at\s+)?|(?:strongest|largest|biggest|most\s+powerful)"
                             r"(?:\s+(?:one|was|being))?\s+(?:of|at)\s+|as\s+(?:strong|powerful)\s+as\s+)$")
_MAGNITUDE_RIGHT = re.compile(r"[\s-]magnitude\b|\s+on\s+the\s+richter\s+scale\b")

_POST_HEDGE = re.compile(r"(?i)[\s-]*(or so|or more|or less|or fewer|plus)\b")
# "of which 20 people": a part of a whole stated before
_PART_LEFT = re.compile(r"(?i)\b(?:of which|of whom|among them|among whom|including|includ(?:es|ed))\s*$")
_PART_ENDS = ("which", "whom", "them", "including", "includes", "included")  # what _PART_LEFT ends with


# ---------------------------------------------------------------------------------------
# pass 3: ranges and changes

_RANGE_SEP = re.compile(r"^\s*(?:to|-|–|—|and|through|or)\s*(?:\*\s*\*\s*)?$", re.I)
_CHANGE_LEFT = re.compile(r"(?i)\bfrom\s+(?:the\s+)?(?:initial\s+|original\s+|previous\s+|earlier\s+)?$")
_BETWEEN_LEFT = re.compile(r"(?i)\b(?:between|anywhere\s+from|ranging\s+from|range\s+of|from)\s+$")


def _pair(text: str, ms: list[Mention]) -> None:
    rid = 0
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if a.kind == "date" or b.kind == "date":
            continue
        gap = text[a.end:b.start]
        if len(gap) > 12 or not _RANGE_SEP.match(gap):
            continue
        sep = gap.strip().lower().strip("* ")
        if sep in ("—", "–", "-") and ((gap.startswith(" ") and gap.endswith(" ") and sep == "—")
                                      or any(ch.isalpha() for ch in text[b.start:b.num_start])):
            continue  # "80 hours — about four days —": an aside that restates, not a range
        left = text[max(0, a.start - 40):a.start]
        if a.kind == "money" and b.kind in ("count", "number") and sep in ("-", "–", "—", "to"):
            b.kind, b.unit = "money", a.unit  # "$1.7-1.9 billion": the high end shares the currency
        kinds_ok = a.kind == b.kind or (a.kind in ("count", "number") and b.kind not in ("date",))
        if not kinds_ok or not (isinstance(a.value, float) and isinstance(b.value, float)):
            continue  # a range or a change is between two numbers ("5023-09-02": a count, then a score)
        is_change = False
        if sep == "to" and _CHANGE_LEFT.search(left):
            sentence_left = text[max(0, a.start - 120):a.start].lower()
            is_change = any(w in V.CHANGE_VERBS for w in re.findall(r"[a-z]+", sentence_left)[-8:])
        if sep in ("and", "or") and not _BETWEEN_LEFT.search(left):
            continue
        if is_change:
            a.role, b.role = "from", "to"
            continue
        if sep == "or":
            continue
        # a range: the low end inherits what only the high end states ("1.7 to 1.9 billion")
        if isinstance(a.value, float) and isinstance(b.value, float) and (
                a.kind != b.kind or (not a.scale_words and b.scale_words)):
            bare = _bare(text[b.num_start:b.num_end])
            mult = b.value / bare if bare and math.isfinite(bare) else 1.0
            a_bare = _bare(text[a.num_start:a.num_end])
            # the low end stated no scale or unit of its own, and scaled it stays the low end ("between
            # 300,000 and 2 million people": 300,000, not 300,000 million)
            if a.value == a_bare and math.isfinite(mult) and a_bare * mult <= b.value:
                a.value = a_bare * mult
                a.precision *= mult
                a.low, a.high = a.value - a.precision, a.value + a.precision
            a.kind, a.unit, a.noun = b.kind, b.unit, b.noun or a.noun
        if isinstance(a.value, float) and isinstance(b.value, float) and a.value > b.value:
            continue  # "15 to 12" is not a range; leave both alone
        rid += 1
        a.range_id = b.range_id = f"r{rid}"
        assert isinstance(a.value, float) and isinstance(b.value, float)
        lo, hi = a.value - a.precision, b.value + b.precision
        for m in (a, b):
            m.qualifier = "range"
            m.low, m.high = lo, hi
