"""The number grammar: find numeric expressions in text, with exact spans.

A scan runs in three passes over the original text, each linear:
1. spans that are never claims (times of day, URLs, identifiers, list markers) and dates;
2. numbers (digits or words) with what binds to them on the left (hedges, currency) and
   the right (scales, the "29.4 * * $10000" artefact, currency, percent, units, nouns);
3. pairing: ranges ("X to Y", "between X and Y"), changes ("from X to Y"), equivalences.
The result is a list of ``Mention`` (a claim without its context), in text order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from reconciler.extract import vocab as V

Span = tuple[int, int]


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    value: float | str
    kind: str
    unit: str
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    noun: str = ""
    precision: float = 0.0
    scale_words: str = ""
    role: str = ""
    range_id: str = ""
    per: str = ""  # for rates: what the rate is per ("GPU hour")
    base_unit: str = ""  # pint unit for physical quantities
    notes: list[str] = field(default_factory=list)
    num_start: int = 0  # where the digits/words begin (after hedges and currency)
    num_end: int = 0


# ---------------------------------------------------------------------------------------
# regular expressions (compiled once)


def _by_first_letter(alternatives: list[str], caseless: bool = False) -> str:
    """``(?:a|b|...)`` with the alternatives grouped by their first character (or escaped character),
    in their order within each group: ``(?:s(?:eventeen|ixteen|even)|t(?:hirteen|wo))``. It matches
    the same (alternatives with different first characters never both match at one place: in a
    ``caseless`` pattern, first characters must not differ only in case) and the regex engine tries
    one group where it stands instead of every alternative.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        first = alt[:2] if alt[0] == "\\" else alt[0]
        assert first not in "()[]{}.^$|*+?" and alt[len(first):][:1] not in ("?", "*", "+", "{"), alt
        groups.setdefault(first, []).append(alt[len(first):])
    assert not caseless or len({first.lower() for first in groups}) == len(groups), "first characters differ in case"
    return "(?:" + "|".join(first + "(?:" + "|".join(rests) + ")" for first, rests in groups.items()) + ")"


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE_MD = re.compile(
    rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|[-–]\d|,\d{{3}}))"
    r"(?:,?\s+(?P<year>(?:1[6-9]|20|21)\d\d)\b)?"
)
_DATE_DM = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?"
    r"(?:,?\s+(?P<year>(?:1[6-9]|20|21)\d\d)\b)?"
)
_DATE_ISO = re.compile(r"(?P<year>(?:19|20|21)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_DATE_US = re.compile(r"(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20|21)\d\d)\b")
_DATE_MY = re.compile(rf"(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:1[6-9]|20|21)\d\d)\b")
_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")

_TIME = re.compile(
    r"(?:\d{1,2}(?::\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?|GMT|UTC|[ECMP][SD]?T|BST|CET|CEST|JST|IST)?"
    r"|\.\d{2}\s*(?:[ap]\.\s?m\.|[ap]m\b)|\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\s+point\s+\d{1,2}\s+minutes?\b"
    r"|\s*o'clock)|\d{4}\s*(?:GMT|UTC|hrs\b))"
)
_URL_SCHEME = re.compile(r"(?:https?://|www\.)\S+")
_URL_DOMAIN_HINT = re.compile(r"\.(?:com|org|net|ai|io|gov|edu)/")
_URL_DOMAIN = re.compile(r"[^\s/]+\.(?:com|org|net|ai|io|gov|edu)/\S*")
_EMAIL = re.compile(r"[\w.-]+@[\w-]+\.[\w.]+")
# identifiers: case numbers, DOIs, codes with several digit groups
_IDENT = re.compile(_by_first_letter(
    r"No\.?|Nos\.?|Case|IMO|ISBN|ISSN|DOI|doi:|arXiv:?|PMID|PMCID|NCT|ID|Ref\.?|Docket|Flight|Route|Highway|Interstate|"
    r"Article|Section|Rule|Chapter|Page|Pages|Vol\.?|Volume|Issue|pp?\.".split("|")) + r"\s*#?\s*[\w:./-]*\d[\w:./-]*"
)
_IDENT_CODES = re.compile(r"\d+:\d+-[a-z]{1,3}-\d+\b")  # digit-led: matched at digit runs
_MARKERS = re.compile(r"\[\^?\d+\]|\^\d+|#\d+\b")
# characters that change how text looks or reads without being visible: a figure touching one is refused
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_INVISIBLE_TOKEN = re.compile("\\S*[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]\\S*")

# page furniture counters and phone numbers, wherever they stand
_COUNTERS = (
    re.compile(r"\d[\d,.]*\s*[kKmM]?\+?\s+(?i:views|comments|shares|likes|followers|subscribers|reads|"
               r"retweets|reposts|reactions|replies|min(?:ute)?s?\s+read)\b"),
    re.compile(r"(?:\+\d{1,3}[\s.-]?\(?)?0\d{2,4}\)?(?:[\s.-]\d{2,4}){1,3}\b"),  # phone numbers
    re.compile(r"\+\d{1,3}(?:[\s.-]\d{2,4}){2,4}\b"),
)
# the same kind of furniture led by a word, matched on the lower-cased text
_COUNTER_WORDS = ("comments", "views", "shares", "likes", "replies")
_COUNTERS_LOWER = (
    re.compile(r"(?:" + "|".join(_COUNTER_WORDS) + r")\s*[:(]\s*\d[\d,.]*\s*[km]?\)?"),
    re.compile(r"no\.\s*\d+\b"),
)
# a number named by the word before it: "the number 9 shirt", "phase three", "season 2"
_NAMED_NUMBER_BEFORE = re.compile(
    r"(?:(?:shirt|jersey|squad|the|our|his|her|their|its|a)\s+number\s*:?|phase|stage|level|tier|grade|chapter"
    r"|part|season|episode)\s+$")
_NAMED_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five"})
_LIST_MARKER = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|0\d)(?=[ \t]+\S)")
_SCI = re.compile(r"\s*[×xX*]\s*10\s*(?:\^\s*(?P<e1>[-−]?\d{1,3})|(?P<e2>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")

# Patterns that scan whole texts and can only match at a digit start with the digit itself,
# outside any alternation ("\d(?:\d{0,2}...|\d*...)" for "\d{1,3}...|\d+..."; a look-behind
# moves after it): then the regex engine skips ahead to digits instead of trying every position.
_DIGITS = re.compile(
    r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # 1,234,567.89
    r"|\d{0,2}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"  # 1 234 567 (no-break / thin spaces)
    r"|\d*(?:\.\d+)?)"
)
# the same for text that writes 4.096,5 (decimal comma; dots or spaces group thousands)
_DIGITS_DECIMAL_COMMA = re.compile(
    r"\d(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?"
    r"|\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,])(?:,\d+)?"
    r"|\d*(?:,\d+)?)"
)
# "3,5" or "1.234.567" or "1.234,5" (not inside a longer figure), and the English counterparts
_DC_EVIDENCE = re.compile(r"\d(?:(?<![\d.,]\d)\d*,\d{1,2}(?![\d.,])|\d{0,2}(?:\.\d{3}){2,}(?!\d)"
                          r"|(?<![\d.,]\d)\d{0,2}\.\d{3},\d)")
_EN_EVIDENCE = re.compile(r"\d(?:(?<![\d.,]\d)\d*\.\d{1,2}(?![\d.,])|\d{0,2}(?:,\d{3}){2,}(?!\d)"
                          r"|(?<![\d.,]\d)\d{0,2},\d{3}\.\d)")
# multiples and fractions: "roughly 15x", "a 10-fold rise", "a tenth of the cost", "two-thirds"
_MULTIPLE = re.compile(r"(?i)\s?(?:x|×)(?![\w])|-fold\b|\s+fold\b")
_FRACTIONS: dict[str, float] = {
    "half": 0.5, "a half": 0.5, "one-half": 0.5, "a third": 1 / 3, "one-third": 1 / 3, "one third": 1 / 3,
    "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "one-quarter": 0.25,
    "three-quarters": 0.75, "three quarters": 0.75, "a fifth": 0.2, "one-fifth": 0.2, "a tenth": 0.1,
    "one-tenth": 0.1, "one tenth": 0.1,
}
_FRACTION_WORDS = (
    r"\b(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_FRACTIONS, key=len, reverse=True))
    + r")\b(?=\s+(?:of|the|as|that)\b)"
)
_FRACTION_RE = re.compile("(?i)" + _FRACTION_WORDS)
_FRACTION_LOWER = re.compile(_FRACTION_WORDS)  # for lower-cased text: see folds_simply


def folds_simply(text: str) -> bool:
    """Does a case-insensitive pattern of lower-case ASCII words match ``text`` where the same pattern,
    case-sensitive, matches ``text.lower()`` (same offsets)? The latter runs about twice as fast.

    Yes unless İ, ı or ſ stand in the text: case-insensitive matching reads them as i or s, while
    lower() keeps ı and ſ and makes İ two characters.
    """
    return not ("\u0130" in text or "\u0131" in text or "\u017f" in text)


def decimal_comma(text: str) -> bool:
    """Does the text write decimals with a comma ("3,5 %", "4.096,5")? Decided by counting cues.

    >>> decimal_comma("Der Umsatz stieg um 3,5 % auf 4.096,5 Millionen Euro; 1.234.567 Kunden.")
    True
    >>> decimal_comma("Revenue rose 3.5% to $4,096.5 million from 1,234,567 customers.")
    False
    """
    sample = text[:50_000]  # the cue is in the writing style: a sample decides
    dc = len(_DC_EVIDENCE.findall(sample))
    return dc > 0 and dc > len(_EN_EVIDENCE.findall(sample))  # most texts show no decimal comma at all
_NUMWORD = _by_first_letter(sorted(list(V.UNITS_WORDS) + list(V.TENS_WORDS) + ["hundred", "thousand", "dozen"],
                                    key=len, reverse=True))
_WORDS = re.compile(rf"{_NUMWORD}(?:(?:[\s-]+|[\s-]+and[\s-]+){_NUMWORD})*\b")  # on lower-cased text
_VAGUE = re.compile(
    r"(?i)\b(?P<m1>tens|dozens|hundreds|thousands|millions|billions|trillions)"
    r"(?:\s+of\s+(?P<m2>thousands|millions|billions))?"
    r"(?:\s+of)?(?=\s+(?P<tail>[a-z$€£¥]))"
)
_FILL = re.compile(r"(?:\s*\*\s*\*\s*|\s*\*\*\s*|\s+|)")  # markdown bold debris or spaces
_MULT = re.compile(
    r"(?P<fill>\s*\*\s*\*\s*|\s*\*\*\s*|\s+)(?P<cur>US\$|\$|¥|RMB\s?|€|£)?(?P<pow>10{1,12})\b"
    r"(?:\s+(?P<scale>million|billion|thousand))?"
)
_GLUED = re.compile(r"(?i)(?P<suf>bn|mn|tn|k|m|b|t)(?![A-Za-z0-9])")
_SCALE_AFTER = re.compile(r"(?i)(?P<fill>[\s-]+|\s*\*\s*\*\s*)"
                          r"(?P<w>million|billion|trillion|thousand|hundred|mn|mln|bn|bln|tn|lakhs?|crores?)\b")
_PERCENT = re.compile(r"(?i)\s?%|\s*(?:\*\s*\*\s*)?\s?(?:percentage points?|per\s?cent|pct)\b")
_TEMPERATURE = re.compile(r"(?i)\s?(?:°\s?|º\s?|\s?degrees?\s+)(?P<u>c(?:elsius)?|f(?:ahrenheit)?)\b"
                          r"|(?-i:(?P<glued>[CF]))(?![\w°])")  # "40C", "104F" as the UK and US press write them
# a glued "C"/"F" is a temperature only where the text talks of weather ("Form 3C", "Terminal 2F")
_WEATHER = re.compile(r"(?i)\b(?:temperatures?|heat\w*|hot\w*|cold\w*|warm\w*|cool\w*|degrees?|thermometers?"
                      r"|mercury|freez\w*|celsius|fahrenheit|weather|climate|sweltering|scorching)\b|°")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _glued_temperature(text: str, pos: int, end: int, glued_scale: str) -> bool:
    """Is a "C"/"F" glued to digits a temperature? The text must talk of weather, and a noun
    must not follow ("3C pupils" is a class, "40C heat" and "40C on Tuesday" are weather)."""
    if glued_scale or not _WEATHER.search(text, max(0, pos - 80), pos + 40):
        return False
    nxt = _NEXT_WORD.match(text, end)
    return nxt is None or nxt.group(1) in V.NOUN_STOP or _WEATHER.fullmatch(nxt.group(1)) is not None


# "25 basis points", "50bp", "a 75 bps hike": hundredths of a percentage point
_BASIS_POINTS = re.compile(r"\s?(?:[Bb]asis[\s-][Pp]oints?|bps?)(?![\w])")
_PERCENT_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+|his\s+|her\s+)?"
                         r"(?P<what>[A-Za-z][\w-]*(?:\s+(?!of\b|in\b|to\b|and\b|for\b|from\b)[A-Za-z][\w-]*)?)")
_PER = re.compile(r"(?i)\s*(?:per|an?|/|each)\s+(?P<what>(?:million\s+|billion\s+|thousand\s+)?"
                  r"(?:(?:diluted|basic|adjusted)\s+)?[A-Za-z][\w-]*(?:\s+(?:hour|day|token|tokens|kwh|unit|share)s?)?)")
_WORDTOK = re.compile(r"[A-Za-z][A-Za-z0-9'’&./-]*|[$€£¥][A-Za-z]*|\d[\w.,-]*")

_CURRENCY_PREFIX = re.compile(
    r"(?i)(?:" + _by_first_letter(
        r"US\$|U\.S\.\s?\$|A\$|AU\$|C\$|CA\$|HK\$|S\$|NZ\$|NT\$|R\$|CN¥|JP¥|\$|€|£|¥|₹|₩|₽|₺|₱|₦|฿|zł".split("|"),
        caseless=True)
    + r"|(?<![A-Za-z])" + _by_first_letter(
        r"USD|EUR|GBP|JPY|CNY|RMB|INR|MYR|KRW|CHF|SEK|NOK|DKK|AUD|CAD|HKD|SGD|RUB|ZAR|BRL"
        r"|MXN|PHP|NGN|IDR|THB|TWD|NZD|AED|SAR|PLN|Rs\.?|RM|Rp".split("|"), caseless=True)
    + r")\s?$"
)
_HEDGE_LEFT = re.compile(
    r"(?i)(?:^|(?<=[\s(\"'“]))(?P<h>" + _by_first_letter([
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(V.HEDGES, key=len, reverse=True)
    ], caseless=True) + r")\s*(?:\*\s*\*\s*)?$"
)
_LEFT_WORD = re.compile(r"([A-Za-z][\w'’.-]*)$")


# ---------------------------------------------------------------------------------------
# number parsing helpers


def parse_digits(s: str, comma_decimal: bool = False) -> tuple[float, float]:
    """Value and precision (half a unit of the last stated digit) of a digit string.

    >>> parse_digits("294,000")
    (294000.0, 500.0)
    >>> parse_digits("2.08")
    (2.08, 0.005)
    >>> parse_digits("16\u202f384")
    (16384.0, 0.5)
    """
    t = s.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    t = t.replace(".", "").replace(" ", "").replace(",", ".") if comma_decimal else t.replace(",", "")
    value = float(t)
    if "." in t:
        decimals = len(t.split(".", 1)[1])
        return value, 0.5 * 10 ** (-decimals)
    if value < 1000:
        return value, 0.5  # "80 hours": small round numbers are read as exact
    stripped = t.rstrip("0")
    zeros = len(t) - len(stripped) if stripped else 0
    return value, 0.5 * 10**zeros


def parse_words(s: str) -> float | None:
    """Value of an English number phrase.

    >>> parse_words("three hundred forty")
    340.0
    >>> parse_words("Twenty-three")
    23.0
    >>> parse_words("a dozen") is None
    True
    """
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", s.lower()):
        if not w or w == "and":
            continue
        if w in V.UNITS_WORDS:
            current += V.UNITS_WORDS[w]
        elif w in V.TENS_WORDS:
            current += V.TENS_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w == "dozen":
            current = (current or 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def _sig_precision(value: float) -> float:
    """Precision of an integer written without decimals: half a unit of its last non-zero digit."""
    if value == 0:
        return 0.5
    t = f"{value:.0f}"
    stripped = t.rstrip("0")
    return 0.5 * 10.0 ** (len(t) - len(stripped))


# ---------------------------------------------------------------------------------------
# pass 1: masks and dates


_DIGIT_RUN = re.compile(r"\d+")
_YEAR = re.compile(r"(?:1[6-9]|20|21)\d\d")  # with fullmatch: a bare year


@dataclass(frozen=True)
class _DigitRuns:
    """Where runs of digits stand, found once per text: the digit-led patterns are tried only at
    runs that start a word, and only at runs of a length the pattern can begin with."""

    spans: list[Span]  # every run of digits
    starts: list[int]  # runs that start a word (no letter or "_" glued before them)
    short: list[int]  # of those, runs of one or two digits ("9:30", "5/12/2024", "12th of May")
    four: list[int]  # of those, runs of four digits ("2024-05-12", "1400 GMT")
    before_colon: list[int]  # of those, runs followed by ":" ("1:23-cv-456")


def _digit_runs(text: str) -> _DigitRuns:
    spans = [m.span() for m in _DIGIT_RUN.finditer(text)]
    word = [(a, b) for a, b in spans if not (a and (text[a - 1].isalpha() or text[a - 1] == "_"))]
    return _DigitRuns(spans, [a for a, _b in word], [a for a, b in word if b - a <= 2],
                      [a for a, b in word if b - a == 4], [a for a, b in word if text[b:b + 1] == ":"])


def _at_digits(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Matches of a digit-led pattern, tried only at the given starts of digit runs."""
    for i in starts:
        m = rx.match(text, i)
        if m:
            yield m


def _mask_spans(text: str, skip: tuple[Span, ...], runs: _DigitRuns | None = None,
                lower: str | None = None) -> list[Span]:
    """Spans that are never claims. Each pattern runs only if a cheap test says it can match."""
    spans: list[Span] = list(skip)
    runs = _digit_runs(text) if runs is None else runs
    lower = lower_same_length(text) if lower is None else lower
    # each pattern only where it can start: case codes at digits before ":", times at runs of
    # 1, 2 or 4 digits, phone numbers at a "0"
    phone_starts = [i for i in runs.starts if text[i] == "0"]
    for rx, starts in ((_IDENT_CODES, runs.before_colon), (_TIME, sorted(runs.short + runs.four)),
                       (_COUNTERS[0], runs.starts), (_COUNTERS[1], phone_starts)):
        spans.extend((m.start(), m.end()) for m in _at_digits(rx, text, starts)
                     if not (rx is _COUNTERS[1] and m.start() and text[m.start() - 1] in ",."))  # 7,000.00
    rxs = [_IDENT, _MARKERS, _LIST_MARKER, _COUNTERS[2]]
    if "://" in text or "www." in text:
        rxs.append(_URL_SCHEME)
    if _URL_DOMAIN_HINT.search(text):
        rxs.append(_URL_DOMAIN)
    if "@" in text:
        rxs.append(_EMAIL)
    if INVISIBLE.search(text):
        rxs.append(_INVISIBLE_TOKEN)
    for rx in rxs:
        spans.extend((m.start(), m.end()) for m in _at_word_start(rx, text))
    for rx in _COUNTERS_LOWER:
        if rx is _COUNTERS_LOWER[0] and not any(w in lower for w in _COUNTER_WORDS):
            continue
        spans.extend((m.start(), m.end()) for m in _at_word_start(rx, lower))
    return spans


def lower_same_length(text: str) -> str:
    """Lower-cased text with the same offsets (a rare character whose lower case is longer stays)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _covered(mask: bytearray, a: int, b: int) -> bool:
    return mask.find(1, a, b) >= 0


def _set(mask: bytearray, a: int, b: int) -> None:
    mask[a:b] = b"\x01" * (b - a)


def _month_num(name: str) -> int:
    low = name.lower().rstrip(".")
    return V.MONTHS.get(low) or V.MONTHS[low[:3]]


# "\b\d{1,3}-\d{1,3}", led by its first digit (the word boundary checked behind it)
_SCORE_DIGITS = re.compile(r"\d(?<!\w\d)\d{0,2}\s?[-–]\s?\d{1,3}\b(?![-–.]\d)")
_SCORE_BEFORE = re.compile(
    r"(?i)\b(?:won|win|wins|lost|lose|loses|beat|beats|drew|draw|defeat(?:ed)?|victory|tied|ended|finished|"
    r"final score|scoreline|result)\b[^.\d\n]{0,25}$"
)
_SCORE_AFTER = re.compile(r"(?i)\s+(?:win|victory|defeat|loss|draw|lead|home win|away win)\b")
_SCORE_DASH = re.compile(r"\s?[-–]\s?")


def _scores(text: str, mask: bytearray) -> list[Mention]:
    """Match results ("won 3-1", "a 2-0 win"): a score is one figure, written as "3-1"."""
    out: list[Mention] = []
    for m in _SCORE_DIGITS.finditer(text):
        a, b = m.start(), m.end()
        if _covered(mask, a, b):
            continue
        if not (_SCORE_BEFORE.search(text, max(0, a - 40), a) or _SCORE_AFTER.match(text, b)):
            continue
        value = _SCORE_DASH.sub("-", m.group())
        out.append(Mention(a, b, value, "score", "score", num_start=a, num_end=b))
        _set(mask, a, b)
    return out


def _at_word_start(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that start a word. Patterns here carry no leading \\b: with one, the regex engine
    cannot skip ahead to the pattern's first characters and the scan is several times slower."""
    for m in rx.finditer(text):
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            yield m


def _dates(text: str, mask: bytearray, runs: _DigitRuns | None = None) -> list[Mention]:
    out: list[Mention] = []
    runs = _digit_runs(text) if runs is None else runs
    # ISO dates start with four digits, US dates and "12 May" with one or two
    for rx, starts in ((_DATE_ISO, runs.four), (_DATE_US, runs.short), (_DATE_MD, None), (_DATE_DM, runs.short)):
        found = _at_word_start(rx, text) if starts is None else _at_digits(rx, text, starts)
        for m in found:
            if _covered(mask, m.start(), m.end()):
                continue
            month_s = m.group("month")
            month = int(month_s) if month_s.isdigit() else _month_num(month_s)
            day = int(m.group("day"))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            year = m.group("year")
            value = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            out.append(Mention(m.start(), m.end(), value, "date", "date", num_start=m.start(), num_end=m.end()))
            _set(mask, m.start(), m.end())
    for m in _at_word_start(_DATE_MY, text):
        if _covered(mask, m.start(), m.end()):
            continue
        month = _month_num(m.group("month"))
        out.append(Mention(m.start(), m.end(), f"{m.group('year')}-{month:02d}", "date", "month",
                           num_start=m.start(), num_end=m.end()))
        _set(mask, m.start(), m.end())
    for m in _at_word_start(_WEEKDAY, text):
        if _covered(mask, m.start(), m.end()):
            continue
        out.append(Mention(m.start(), m.end(), m.group(), "date", "weekday", num_start=m.start(), num_end=m.end()))
        _set(mask, m.start(), m.end())
    return out


# ---------------------------------------------------------------------------------------
# pass 2: numbers


def _is_title_case_line(text: str, pos: int) -> bool:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a: b if b >= 0 else len(text)]
    words = re.findall(r"[A-Za-z][A-Za-z']+", line)
    if len(words) < 4 or len(line) > 200 or line.rstrip().endswith("."):
        return False  # headlines are short and carry no full stop
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "as", "from"}
    caps = sum(1 for w in words if w[0].isupper())
    return caps / max(1, sum(1 for w in words if w.lower() not in small)) > 0.75


def _word_before(text: str, start: int) -> re.Match[str] | None:
    """The word standing one space before the number at ``start`` (group 1), if any."""
    if start < 2 or text[start - 1] not in " \u00a0":
        return None
    m = _LEFT_WORD.search(text, max(0, start - 40), start - 1)
    return m if m and m.end() == start - 1 else None


def _left_is_name(text: str, start: int) -> bool:
    """True when the number continues a proper name: "Cup 2024", "Zeta 3.1", "ZX 4090"."""
    m = _word_before(text, start)
    if m is None:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low.endswith(("'s", "’s", "s'", "s’")):
        return False  # a possessive: "Zelda's 140 mph winds", "the firms' 300 staff"
    if low in V.MONTHS or low in V.WEEKDAYS or low in V.HEDGES or low in V.SCALE_WORDS or low in V.CURRENCY_SUFFIXES \
            or low in V.CURRENCY_PREFIXES:
        return False  # "Rs 500 crore", "RM 5 million": a currency, not a name
    if not word.isalpha() and any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return True  # code before: "ZX90 80GB", "Zeta-4 32k"
    if word.isupper() and len(word) >= 2 and low not in V.CURRENCY_PREFIXES:
        return True  # acronym: "CUP 2024", "ZX 4090", "IMO 9697428"
    if not word[0].isupper():
        return False
    # capitalised word: a name unless it starts a sentence or sits in a title-case line
    i = m.start(1) - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“‘(*#":
        i -= 1
    if i < 0 or text[i] in ".!?\n:;":
        return False
    return not _is_title_case_line(text, start)


_REPORTS_AFTER = re.compile(r"\s+(?:said|says|reported|reports|understands|understood|learned|learnt|learns"
                            r"|revealed|reveals|confirmed|confirms|told|writes|wrote|claimed|claims|notes|noted)\b")


def _names_a_speaker(text: str, start: int, end: int) -> bool:
    """True for a number inside the name of an outlet or channel that speaks: "Pitchside 360
    understands", "Channel 4 reported" (a capitalised word before, a reporting verb after)."""
    m = _word_before(text, start) if _REPORTS_AFTER.match(text, end) else None
    if m is None:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    return word[0].isupper() and not (low in V.STOPWORDS or low in V.MONTHS or low in V.WEEKDAYS or low in V.HEDGES
                                      or low in V.SCALE_WORDS or low in V.CURRENCY_SUFFIXES)


# "Civic Union 24, Labour Front 23, Green Coalition 9": names followed by whole numbers, listed
_NAME_NUMBER = re.compile(r"(?:[A-Z][\w'’&.-]*\s+){1,3}(\d{1,6})(?![\d.,]\d)(?!-)\b")
_TALLY_SEP = re.compile(r"^[^.;:!?\n]{0,40}?(?:,|\band\b|;)\s*(?:the\s+|with\s+)?[^.!?\n]{0,12}$")


_NAME_BEFORE = re.compile(r"(?:(?<![\w'’&.-])[A-Z][\w'’&.-]*\s+){1,3}$")


def _tallies(text: str, digit_runs: _DigitRuns | None = None) -> set[int]:
    """Start offsets of numbers that follow a name in a list of two or more ("Union 25 seats and the
    Labour Front 22"): a tally of names, not product versions such as "Zeta 3"."""
    hits = []
    # only where digits stand: a name before them is checked locally
    for a, b in (digit_runs or _digit_runs(text)).spans:
        if b - a > 6 or (a and not text[a - 1].isspace()) or _YEAR.fullmatch(text, a, b):
            continue
        if not _NAME_BEFORE.search(text, max(0, a - 60), a):
            continue
        after = text[b:b + 2]
        if after[:1] == "-" or (after[:1] in ".," and after[1:2].isdigit()):
            continue
        hits.append((a, b))
    # runs of listed name-number pairs
    runs: list[list[tuple[int, int]]] = []
    for hit in hits:
        if runs:
            b1 = runs[-1][-1][1]
            gap = text[b1:hit[0]]
            if len(gap) < 60 and ("," in gap or " and " in gap or ";" in gap) and not _SENTENCE_END.search(gap):
                runs[-1].append(hit)
                continue
        runs.append([hit])
    out: set[int] = set()
    for run in runs:
        # a tally lists three or more, or counts something ("25 seats and ... 22"); two versions
        # joined by "and" ("Zeta 3 and Zeta Guard 3") are product names
        counted = _COUNTED.match(text[run[0][1]:run[0][1] + 20])
        if len(run) >= 3 or (len(run) == 2 and counted):
            out.update(a for a, _b in run)
    return out


_SENTENCE_END = re.compile(r"[.!?\n]")
_COUNTED = re.compile(r"\s+[a-z]+s\b")


def _token_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    n = len(text)
    while b < n and not text[b].isspace():
        b += 1
    return a, b


_CODE_TOKEN = re.compile(r"^[\"'“‘(\[*]*[A-Za-z]+[A-Za-z]*[-_.]?\d")


def _rejected_by_neighbours(text: str, start: int, end: int) -> bool:
    """Digits glued into a code, identifier, ordinal or version rather than a quantity."""
    prev = text[start - 1] if start > 0 else " "
    nxt = text[end] if end < len(text) else " "
    if _cased(prev):
        # a currency code glued to the digits ("RM5", "Rs500") is fine
        i = start
        while i > 0 and _cased(text[i - 1]):
            i -= 1
        glued = text[i:start].lower()
        if glued not in ("rm", "rs", "rp", "usd", "eur", "gbp", "us") or (i > 0 and text[i - 1].isalnum()):
            return True
    if prev in "@^#_\\/" or prev.isdigit():
        return True
    magnitude = text[max(0, start - 10):start - 1].lower() == "magnitude"  # "a magnitude-6.1 aftershock"
    if prev in "-‐‑" and start >= 2 and (_cased(text[start - 2]) or text[start - 2] in ".") and not magnitude:
        return True
    if prev == "." and start >= 2 and text[start - 2].isalnum():
        return True
    if nxt in "@_\\" or (nxt == "/" and end + 1 < len(text) and text[end + 1].isdigit()):
        return True
    if nxt == ":" and end + 1 < len(text) and text[end + 1].isdigit():
        return True
    if nxt == "-" and prev == "-" and text[end + 1:end + 3].isdigit() and len(text[end + 1:end + 3]) == 2:
        return True
    tail = text[end:end + 3].lower()
    if _ORDINAL_SUFFIX.match(tail):
        return True
    ta = start  # the token before the digits, stopping at spaces and at uncased script (CJK has no spaces)
    while ta > 0 and not text[ta - 1].isspace() and (text[ta - 1].isascii() or _cased(text[ta - 1])):
        ta -= 1
    prefix = _TOKEN_SPLIT.split(text[ta:start])[-1].lstrip("\"'“‘([*~")
    if _RANGE_END_PREFIX.fullmatch(prefix):
        return False  # "$1.7 billion-$1.9 billion": the second end of a range
    # letters earlier in the same token: "Zeta-4", "Acme-o1-1217", "pass@1"
    return bool(prefix) and any(_cased(ch) for ch in prefix) and prefix.lower() not in _GLUED_CURRENCY \
        and not magnitude


_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_TOKEN_SPLIT = re.compile(r"[:;,(=\[]")
_RANGE_END_PREFIX = re.compile(r"(?i).*(?:million|billion|trillion|bn|mn|[mkb])[-–—](?:US|A|C|HK|S)?[$€£¥]?")


def _cased(ch: str) -> bool:
    """A letter of a script with case (Latin, Greek, Cyrillic): glue in "ZX800" or "Zeta3"; CJK
    characters next to digits ("使用了512块GPU") are words of their own, not part of a code."""
    return ch.isalpha() and ch.lower() != ch.upper()


_GLUED_CURRENCY = frozenset(
    ["us$", "a$", "au$", "c$", "ca$", "hk$", "s$", "nz$", "nt$", "r$", "cn¥", "jp¥", "rm", "rs", "rs.",
     "rp", "usd", "eur", "gbp", "inr", "myr", "cny", "rmb", "u.s.$", "zł"]
)


@dataclass(slots=True)
class _Right:
    end: int
    value_mult: float = 1.0
    scale_words: str = ""
    currency: str = ""
    kind: str = ""
    unit: str = ""
    base_unit: str = ""
    factor: float = 1.0  # to the kind's base unit (hours for durations)
    noun: str = ""
    per: str = ""
    glued_scale: str = ""
    qualifier: str = ""
    vague: tuple[float, float] | None = None


_LEAD_FILL = re.compile(r"[\s\u00a0]*(?:\*\s*\*\s*)?")
_PHRASE_WORD = re.compile(r"[^\s,;:()\[\]\"“”]+")


def _match_phrase(text: str, pos: int, table: Mapping[str, object], max_words: int = 3) -> tuple[str, int] | None:
    """Longest key of ``table`` (lower case, single spaces) starting at ``pos`` (after spaces)."""
    m = _LEAD_FILL.match(text, pos, pos + 12)
    p = m.end() if m else pos
    first = _PHRASE_WORD.match(text, p, p + 60)
    if first and (first.end() == len(text) or text[first.end()].isspace()):
        # the phrases read here are this word alone or phrases that start with it: most words fail at once
        word = first.group().lower()
        alone = word.rstrip(".!?'’")
        if alone not in table and alone.rstrip("s") not in table and word not in _first_words(table):
            return None
    words = []
    for w in _PHRASE_WORD.finditer(text, p, p + 60):
        words.append(w)
        if len(words) == max_words:
            break
    best: tuple[str, int] | None = None
    for k in range(len(words), 0, -1):
        phrase_end = words[k - 1].end()
        phrase = " ".join(text[p:phrase_end].split()).lower().rstrip(".!?'’")
        if phrase in table:
            stripped = len(text[p:phrase_end]) - len(text[p:phrase_end].lower().rstrip(".!?'’"))
            return phrase, phrase_end - stripped
        if phrase.rstrip("s") in table and k == 1:
            best = (phrase.rstrip("s"), phrase_end)
    return best


_FIRST_WORDS: dict[int, tuple[Mapping[str, object], frozenset[str]]] = {}


def _first_words(table: Mapping[str, object]) -> frozenset[str]:
    """The first words of the keys of ``table`` that have several."""
    cached = _FIRST_WORDS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _FIRST_WORDS[id(table)] = (table, frozenset(k.split(" ")[0] for k in table if " " in k))
    return cached[1]


_UNIT_WORD = re.compile(r"[A-Za-z²³/µ.]+(?:\s(?:miles?|km|kilomet(?:re|er)s?|metres|meters|feet|ft|tonnes|tons|mi))?")
# two-letter units that may stand after a space ("80 km"); others must be glued ("80m")
_SHORT_UNITS_SPACED = frozenset({"h", "ft", "mi", "km", "kg", "mm", "cm", "mb", "gb", "tb", "kb", "pb", "kw", "mw",
                                 "gw", "wh"})


_A_PERIOD = re.compile(r"(?i)\s*a\s+(?:year|month|week|day)\b")  # "$5 a year" is not a rate per "a"
_UNIT_GAP = re.compile(r"(?:-|\s*(?:\*\s*\*\s*)?|\u00a0)")
_MACHINE_HOURS = re.compile(r"(?i)(?P<m>" + "|".join(V.MACHINE_HOUR_PREFIXES) + r")[\s-]hours?\b")
_UNIT_NAMES: Mapping[str, object] = dict.fromkeys([*V.DURATION_UNITS, *V.PHYSICAL_UNITS], 0)


def _read_right(text: str, pos: int, has_currency: bool) -> _Right:
    r = _Right(end=pos)
    len(text)
    # glued suffix: 91.1K, 7.3bn, $4.12M, 660B
    g = _GLUED.match(text, pos)
    if g and g.group("suf").lower() in ("m", "t") and not has_currency \
            and _match_phrase(text, g.end(), V.CURRENCY_NAMES):
        has_currency = True  # "1.5m dollars": million, not metres
    if g and not (g.group("suf").lower() in ("m", "t") and not has_currency and _unit_glued(text, pos)):
        suf = g.group("suf").lower()
        if not (suf in ("m", "t") and not has_currency):
            r.value_mult *= V.GLUED_SCALES[suf]
            r.glued_scale = g.group("suf")
            r.scale_words = g.group("suf")
            pos = g.end()
            r.end = pos
    # scientific notation: 3.8 × 10^25
    sci = _SCI.match(text, pos)
    if sci:
        exp = sci.group("e1") or (sci.group("e2") or "").translate(_SUPERSCRIPT)
        r.value_mult *= 10.0 ** int(exp.replace("−", "-"))
        r.scale_words = f"× 10^{exp}"
        pos = sci.end()
        r.end = pos
    # the "29.4 * * $10000" artefact: a multiplier of 10^k (from 万 / 亿) left by translation
    mult = _MULT.match(text, pos)
    if mult and (("*" in mult.group("fill")) or mult.group("cur")):
        p = float(mult.group("pow"))
        if mult.group("scale"):
            p *= V.SCALE_WORDS[mult.group("scale").lower()]
        r.value_mult *= p
        r.scale_words = text[pos:mult.end()].strip()
        if mult.group("cur"):
            r.currency = V.CURRENCY_PREFIXES[mult.group("cur").strip().lower()]
        pos = mult.end()
        r.end = pos
    else:
        sc = _SCALE_AFTER.match(text, pos)
        if sc and not r.glued_scale:
            w = sc.group("w").lower()
            # "a hundred" is handled by the word grammar; after digits, "hundred" is rare but valid
            r.value_mult *= V.SCALE_WORDS[w]
            r.scale_words = (r.scale_words + " " + w).strip()
            pos = sc.end()
            r.end = pos
            sc2 = _SCALE_AFTER.match(text, pos)  # "1.2 thousand million" (rare): take it too
            if sc2 and sc2.group("w").lower() in ("million", "billion") and w == "thousand":
                r.value_mult *= V.SCALE_WORDS[sc2.group("w").lower()]
                pos = sc2.end()
                r.end = pos
    # temperature: "35°C", "95 °F", "40 degrees Celsius"
    tm = _TEMPERATURE.match(text, pos)
    if tm and (tm.group("u") or _glued_temperature(text, pos, tm.end(), r.glued_scale)):
        unit = tm.group("u") or tm.group("glued")
        r.kind, r.unit, r.end = "temperature", "F" if unit.lower().startswith("f") else "C", tm.end()
        return r
    bp = _BASIS_POINTS.match(text, pos)
    if bp and not r.glued_scale:
        r.kind, r.unit, r.end = "percent", "bp", bp.end()
        return r
    # percent
    pm = _PERCENT.match(text, pos)
    if pm:
        r.kind = "percent"
        r.unit = "pp" if "point" in pm.group().lower() else "%"
        r.end = pm.end()
        of = _PERCENT_OF.match(text, r.end)
        if of:
            words = of.group("what").split()
            if len(words) > 1 and words[1].lower() in V.NOUN_STOP | _VERBS:
                words = words[:1]
            if words[0].lower() not in V.NOUN_STOP:
                r.noun = " ".join(words)  # "58.7% of the unexpected interruptions": a share of what
        return r
    # currency after the number: "300000 US dollars", "2 million yuan"
    cur = _match_phrase(text, pos, V.CURRENCY_NAMES)
    if cur and (cur[0] not in V.AMBIGUOUS_CURRENCY_WORDS or has_currency):
        r.currency = V.CURRENCY_NAMES[cur[0]]
        pos = cur[1]
        r.end = pos
    if r.currency or has_currency:
        r.kind = "money"
        per = _PER.match(text, pos)
        if (per and not _A_PERIOD.match(text[pos:pos + 12])) or \
                (per and per.group("what").lower() in ("hour", "day", "year", "month", "week", "gpu", "night")):
            what = per.group("what")
            if what.lower() not in ("few", "lot", "result", "record", "total", "deal", "further", "year-on-year",
                                    "piece", "fraction", "range", "decline", "rise", "drop", "jump"):
                r.kind = "rate"
                r.per = what
                r.end = per.end()
        return r
    # duration / physical units (glued or spaced, or hyphenated: "54-day", "1.6-mile")
    um = _UNIT_GAP.match(text[pos:pos + 8])
    upos = pos + (um.end() if um else 0)
    # machine hours: "5,000 GPU hours", "30.84 million GPU-hours"
    mh = _MACHINE_HOURS.match(text[upos:upos + 24])
    if mh:
        r.kind, r.unit, r.factor = "duration", "h", 1.0
        r.noun = text[upos:upos + mh.end()]
        r.end = upos + mh.end()
        return r
    wm = _UNIT_WORD.match(text, upos, upos + 30)
    if wm:
        cand = _match_phrase(text, upos, _UNIT_NAMES)
        if cand:
            key, cend = cand
            ok_end = cend >= len(text) or not text[cend].isalnum()
            short_unit = len(key) <= 2 and key not in _SHORT_UNITS_SPACED
            glued = upos == pos and um is not None and um.end() == 0
            if ok_end and not (short_unit and not glued) and not (key in ("in.", "g", "t", "m", "w") and not glued):
                if key in V.DURATION_UNITS:
                    r.kind, r.unit, r.factor = "duration", "h", V.DURATION_UNITS[key]
                    r.noun = key
                else:
                    kind, pu = V.PHYSICAL_UNITS[key]
                    if kind == "mass" and key.startswith("pound") and (has_currency or _sterling(text, pos, cend)):
                        # "a weekly salary of 350,000 pounds": sterling, not weight
                        r.kind, r.currency, r.end = "money", "GBP", cend
                        return r
                    else:
                        r.kind, r.unit, r.base_unit = kind, key, pu
                        r.factor = V.BASE_FACTORS[pu]
                        r.noun = key
                        # emissions: "8,930 tons CO2eq"
                        tail = text[cend:cend + 24].lower()
                        if kind == "mass" and any(t in tail for t in V.EMISSION_MARKERS):
                            r.kind = "emissions"
                r.end = cend
                return r
    # counted noun
    r.noun, r.end = _read_noun(text, pos)
    if not r.noun:
        r.end = pos
    return r


def _unit_glued(text: str, pos: int) -> bool:
    return bool(_M_OR_T.match(text[pos:pos + 2]))


_M_OR_T = re.compile(r"(?i)(?:m|t)(?:\b|²|³)")


_MONEY_NEAR = re.compile(r"(?i)\b(?:salary|salaries|wages?|fee|fees|paid|pay|pays|cost|costs|price|worth|deal|"
                         r"budget|fine|fined|bonus|transfer|contract|sterling|revenue|profit|income)\b|[£€$]")
_PERIODS = {"weekly": "week", "monthly": "month", "annual": "year", "annually": "year", "yearly": "year",
            "daily": "day", "hourly": "hour"}
_PERIOD_LEFT = re.compile(r"(?i)\b(weekly|monthly|annual|yearly|daily|hourly)\s+(?:[a-z-]+\s+){0,3}"
                          r"(?:of\s+|is\s+|was\s+|at\s+)?$")


def _sterling(text: str, pos: int, end: int) -> bool:
    """Is "pounds" money here? Money wording in the same sentence and no weighing."""
    a = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), pos - 150) + 1
    dots = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    b = min([*dots, end + 100])
    window = text[a:b]
    return bool(_MONEY_NEAR.search(window)) and not re.search(r"(?i)\bweigh|\bheav|\blb\b|\bkg\b", window)


_NOUN_WORD = re.compile(r"[ \t\u00a0]*(?:\*[ \t]*\*[ \t]*)?(?P<w>[A-Za-z][A-Za-z0-9'’&-]*|[A-Z]+\d+[A-Za-z0-9-]*)")


_VERBS = frozenset(
    """built made took shown showed gave got hit led ran cost costs paid said sold spent won lost
    left kept met put set told went came became were was is are had has have will would can
    could may might must should did does do being been died dies say says said""".split()
)


def _read_noun(text: str, pos: int) -> tuple[str, int]:
    """Up to three words after a number that name what is counted ("ZX800 GPUs", "crew members")."""
    words: list[str] = []
    end = pos
    p = pos
    if p < len(text) and text[p] == "-":  # "64-page", "eight-GPU"
        p += 1
    for _ in range(4):
        m = _NOUN_WORD.match(text, p)
        if not m:
            break
        w = m.group("w")
        low = w.lower()
        if low in V.NOUN_STOP or (low in V.MONTHS and w[0].isupper() and low != "may"):
            break
        if low in V.CLASSIFIERS and not words:
            p = m.end()
            continue
        if words and (low.endswith("ly") or (low.endswith("ed") and len(low) > 4) or low in _VERBS):
            break
        words.append(w)
        end = m.end()
        p = m.end()
        if low[-1:] == "s" and (not w[0].isupper() or w[:-1].isupper()) and not any(c.isdigit() for c in w):
            break  # a plural noun closes the phrase: "crew members were" -> "crew members"
        if p < len(text) and text[p] in ",.;:!?)(\"”":
            break
    return " ".join(words), end


_NOT_A_HEDGE = re.compile(r"(?i)\b(?:add(?:s|ed|ing)?|sum(?:s|med)?|tot(?:s|ted)|c[ao]me|comes|amount(?:s|ed)?"
                         r"|spread|run|ran|spent|stretch(?:ed|es)?)\s+$")


def _read_left(text: str, start: int) -> tuple[int, str, str]:
    """(new start, currency ISO, qualifier) from what stands before the number."""
    a = start
    currency = ""
    qualifier = ""
    window = text[max(0, a - 12):a]
    cm = _CURRENCY_PREFIX.search(window)
    if cm:
        sym = re.sub(r"\s", "", cm.group()).lower().replace("u.s.", "us")
        currency = V.CURRENCY_PREFIXES.get(sym, V.CURRENCY_PREFIXES.get(sym.rstrip("."), ""))
        if currency:
            a = a - (len(window) - cm.start())
    window = text[max(0, a - 30):a]
    # markdown bold debris between hedge and number: "about * * 198"
    hm = _HEDGE_LEFT.search(window)
    if hm and _NOT_A_HEDGE.search(window[:hm.start("h")]) and hm.group("h").lower().startswith(("up", "over")):
        hm = None  # "added up to 39.3 million", "spread over 54 days": a total, not a bound
    if hm:
        h = re.sub(r"\s+", " ", hm.group("h").lower())
        qualifier = V.HEDGES.get(h, "")
        a = a - (len(window) - hm.start("h"))
    return a, currency, qualifier


def _interval(value: float, precision: float, qualifier: str) -> tuple[float, float, str]:
    if value >= 1000:
        # "100,000" or "$6 million" are round, but not looser than 5%
        precision = min(precision, 0.05 * value)
    lo, hi = value - precision, value + precision
    q = qualifier or "exact"
    if q == "approximate":
        lo, hi = value * 0.95 - precision, value * 1.05 + precision
    elif q == "upper_near":
        lo, hi, q = value * 0.9 - precision, value + precision, "approximate"
    elif q == "lower_near":
        lo, hi, q = value - precision, value * 1.1 + precision, "approximate"
    elif q == "upper":
        lo, hi = 0.0, value + precision
    elif q == "upper_max":
        lo, hi, q = value * 0.5, value + precision, "upper"
    elif q == "lower":
        lo, hi = value - precision, float("inf")
    return min(lo, hi), max(lo, hi), q


def scan(text: str, skip: tuple[Span, ...] = (), lower: str | None = None) -> list[Mention]:
    """All numeric mentions in ``text`` (outside ``skip``), in text order. ``lower``: the text lower-cased
    with the same offsets, if the caller has it."""
    n = len(text)
    mask = bytearray(n + 1)
    runs = _digit_runs(text)
    lower = lower_same_length(text) if lower is None else lower  # once: the word patterns below run on it
    for a, b in _mask_spans(text, skip, runs, lower):
        _set(mask, a, b)
    skip_mask = bytearray(mask)
    out = _dates(text, mask, runs)
    out += _scores(text, mask)
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
    for m in (fractions if any(w in lower for w in fraction_words) else ()):
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
        if (not is_word or lower[s:e] in _NAMED_NUMBER_WORDS) and _NAMED_NUMBER_BEFORE.search(lower, max(0, s - 30), s):
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
                nxt = _SCALE_AFTER.match(text, e)
                if low == "one" and not nxt:
                    continue
            if e < n and text[e] == "-" and low in ("one",):
                continue
            precision = 0.5 if val < 100 else _sig_precision(val)
        else:
            if _rejected_by_neighbours(text, s, e):
                continue
            if s <= name_run_end + 1 or _left_is_name(text, s) or _names_a_speaker(text, s, e):
                if tallies is None:
                    tallies = _tallies(text, runs)
                if s not in tallies:
                    name_run_end = _token_bounds(text, s, e)[1]
                    continue
            val, precision = parse_digits(text[s:e], comma_dec)
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
        if not cur and kind in ("count", "number") and 0 < value < 10.5:
            # an earthquake's magnitude: "magnitude 7.8", "a 7.8-magnitude quake", "7.7 on the Richter scale"
            before = _MAGNITUDE_LEFT.search(lower, max(0, a - 16), a)
            after = _MAGNITUDE_RIGHT.match(lower, e)
            if before or after:
                kind, unit, noun = "number", "magnitude", "magnitude"
                a = before.start() if before else a
                end = after.end() if after else e
        lo, hi, q = _interval(value, precision, qualifier)
        # trailing hedge: "200 or so", "300-plus"
        ph = _POST_HEDGE.match(text[r.end:r.end + 10])
        if ph and not qualifier:
            lo, hi, q = _interval(value, precision, V.POST_HEDGES[ph.group(1).lower()])
        mention = Mention(
            start=a, end=end, value=value, kind=kind, unit=unit, qualifier=q, low=lo, high=hi,
            noun=noun, precision=precision, scale_words=r.scale_words, per=r.per,
            base_unit=r.base_unit, num_start=s, num_end=e,
        )
        out.append(mention)
        _set(mask, a, end)
    out.sort(key=lambda m: (m.start, m.end))
    _yen_or_yuan(text, out)
    _pair(text, out)
    for mention in out:
        if not mention.role and _PART_LEFT.search(text, max(0, mention.start - 20), mention.start):
            mention.role = "part"
    return out


# "¥" is written for both the yen and the yuan: the article's own words decide
_YEN_CUES = re.compile(r"(?i)\b(?:yen|japan|japanese)\b")
_YUAN_CUES = re.compile(r"(?i)\b(?:yuan|renminbi|rmb|china|chinese)\b")


def _yen_or_yuan(text: str, mentions: list[Mention]) -> None:
    """Read a bare "¥" as yen in an article that speaks of yen or Japan, not of yuan or China."""
    marked = [m for m in mentions if m.unit.startswith("CNY") and "¥" in text[m.start:m.num_start]
              and "CN¥" not in text[m.start:m.num_start].upper()]
    if not marked or len(_YEN_CUES.findall(text)) <= len(_YUAN_CUES.findall(text)):
        return
    for m in marked:
        m.unit = "JPY" + m.unit[3:]


_MAGNITUDE_LEFT = re.compile(r"\bmagnitude(?:[\s-]|\s+of\s+)$")
_MAGNITUDE_RIGHT = re.compile(r"[\s-]magnitude\b|\s+on\s+the\s+richter\s+scale\b")

_POST_HEDGE = re.compile(r"(?i)[\s-]*(or so|or more|or less|or fewer|plus)\b")
# "of which 20 people": a part of a whole stated before
_PART_LEFT = re.compile(r"(?i)\b(?:of which|of whom|among them|among whom|including|includ(?:es|ed))\s*$")


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
        left = text[max(0, a.start - 40):a.start]
        if a.kind == "money" and b.kind in ("count", "number") and sep in ("-", "–", "—", "to"):
            b.kind, b.unit = "money", a.unit  # "$1.7-1.9 billion": the high end shares the currency
        kinds_ok = a.kind == b.kind or (a.kind in ("count", "number") and b.kind not in ("date",))
        if not kinds_ok:
            continue
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
            raw = text[b.num_start:b.num_end]
            bare = parse_digits(raw)[0] if raw[:1].isdigit() else (parse_words(raw) or 0.0)
            mult = b.value / bare if bare else 1.0
            a_raw = text[a.num_start:a.num_end]
            a_bare = parse_digits(a_raw)[0] if a_raw[:1].isdigit() else (parse_words(a_raw) or 0.0)
            if a.value == a_bare:  # the low end stated no scale or unit of its own
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
