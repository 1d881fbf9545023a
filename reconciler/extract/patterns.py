"""The regular expressions of the number grammar, compiled once: dates, times, identifiers,
counters, digits and their separators, scales, percents, temperatures, currency prefixes, hedges."""

from __future__ import annotations

import re

from reconciler.extract import vocab as V

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
    # "shares" only as a counter standing alone ("1.2K shares |"): "sold 30,000,000 shares of stock" is a claim
    re.compile(r"\d[\d,.]*\s*[kKmM]?\+?\s+(?i:views|comments|likes|followers|subscribers|reads|"
               r"retweets|reposts|reactions|replies|min(?:ute)?s?\s+read|shares(?=[ \t]*(?:[|·•)\]\n]|$)))\b"),
    re.compile(r"(?:\+\d{1,3}[\s.-]?\(?)?0\d{2,4}\)?(?:[\s.-]\d{2,4}){1,3}\b"),  # phone numbers
    re.compile(r"\+\d{1,3}(?:[\s.-]\d{2,4}){2,4}\b"),
)
# the same kind of furniture led by a word, matched on the lower-cased text
_COUNTER_WORDS = ("comments", "views", "shares", "likes", "replies")
_COUNTERS_LOWER = (
    re.compile(r"(?:" + "|".join(_COUNTER_WORDS) + r")\s*[:(]\s*\d[\d,.]*\s*[km]?\)?"),
    re.compile(r"no\.\s*\d+\b"),
    # a gallery's counter: "Photo 3 of 12", "Image 2/9", "Slide 4 of 10"
    re.compile(r"(?:photo|image|picture|slide|gallery)\s*\d{1,3}\s*(?:of|/)\s*\d{1,3}\b"),
    # round the clock: "24 hours a day", "seven days a week", "24/7", "365 days a year" say always, not a span
    re.compile(r"(?:24\s+hours\s+a\s+day|(?:seven|7)\s+days\s+a\s+week|365\s+days\s+a\s+year|24/7)\b"),
    # a listicle's title: "5 things to know", "7 things you need to know", "3 things we learned"
    re.compile(r"\d+\s+things\s+(?:to\s+know|you\s+(?:need|should)\s+to\s+know|we\s+(?:know|learned|learnt))\b"),
    # and its kin: "3 takeaways", "4 key takeaways", "10 elections to watch" (a span of time is not one:
    # "5 hours to watch the series")
    re.compile(r"\d+\s+(?:(?:key|big|main)\s+)?takeaways\b"),
    re.compile(r"\d+\s+(?!(?:seconds|minutes|hours|days|weeks|months|years)\b)[a-z]+s\s+to\s+watch\b"),
    # a read time written out: "Reading time: 3 minutes", "read time 4 min"
    re.compile(r"(?:reading|read)\s+time\s*:?\s*(?:about\s+)?\d+\s*(?:min(?:ute)?s?\b)?"),
)
# a read time standing alone after a byline's separator: "NewsBrief24 · Markets · 2 min" (at the line's end)
_BYLINE_MINUTES = re.compile(r"(?<=[·|•] )\d{1,2}\s?min(?:ute)?s?\b(?=[ \t]*(?:\n|$))")
# a number named by the word before it: "the number 9 shirt", "phase three", "season 2", "runway 27"
_NAMED_NUMBER_BEFORE = re.compile(
    r"(?:(?:shirt|jersey|squad|the|our|his|her|their|its|a)\s+number\s*:?|phase|stage|level|tier|grade|chapter"
    r"|part|season|episode|runway|gate|platform|terminal|pier|berth|revision|statement|exit|junction)\s+$")
_NAMED_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five"})
_LIST_MARKER = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|0\d)(?=[ \t]+\S)")
_SCI = re.compile(r"\s*[×xX*]\s*10\s*(?:\^\s*(?P<e1>[-−]?\d{1,6})|(?P<e2>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
# e-notation glued to the digits: "1.2e6 cells", "3e-4"
_E_NOTATION = re.compile(r"[eE](?P<e>[-+−]?\d{1,6})(?![\w.])")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")

# Patterns that scan whole texts and can only match at a digit start with the digit itself,
# outside any alternation ("\d(?:\d{0,2}...|\d*...)" for "\d{1,3}...|\d+..."; a look-behind
# moves after it): then the regex engine skips ahead to digits instead of trying every position.
_DIGITS = re.compile(
    r"\d(?:\d?(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+)?"  # 1,00,000 and 12,34,567 (South Asian grouping: lakh, crore)
    r"|\d{0,2}, \d{3}(?:,\d{3})+(?![\d,])"  # "5, 184,000": a space slipped into the first group (web-text artefact)
    r"|\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # 1,234,567.89
    r"|\d{0,2}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"  # 1 234 567 (no-break / thin spaces)
    # €294 000 (plain spaces): groups of exactly three, the figure ending there ("10 100-metre" is two)
    r"|\d{0,2}(?: \d{3})+(?![\w\u00a0\u202f\u2009-]|[.,]\d| \d)"
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
    r"(?P<fill>\s*\*\s*\*\s*|\s*\*\*\s*|\s+)(?P<cur>US\$|\$|¥|RMB\s?|€|£)?(?P<pow>10{1,12})\b(?![.,]\d)"
    r"(?:\s+(?P<scale>million|billion|thousand))?"
)
_GLUED = re.compile(r"(?i)(?P<suf>bn|mn|tn|k|m|b|t)(?![A-Za-z0-9]|-\d)")  # "40K-1": a model name
_SCALE_AFTER = re.compile(r"(?i)(?P<fill>[\s-]+|\s*\*\s*\*\s*)"
                          r"(?P<w>million|billion|trillion|thousand|hundred|mn|mln|mil|bn|bln|bil|tn|trn|lakhs?|crores?|cr)\b(?!\.\w)")
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

_CURRENCY_SYMBOLS = (r"US\$|U\.S\.\s?\$|A\$|AU\$|AUD\$|C\$|CA\$|CAD\$|Can\$|CDN\$|MX\$|Mex\$"
                     r"|HK\$|S\$|NZ\$|NT\$|R\$|CN¥|JP¥|\$|€|£|¥|₹|₩|₽|₺|₱|₦|฿"
                     r"|zł").split("|")
_CURRENCY_CODES = (r"USD|EUR|GBP|JPY|CNY|RMB|INR|MYR|KRW|CHF|SEK|NOK|DKK|AUD|CAD|HKD|SGD|RUB|ZAR|BRL"
                   r"|MXN|PHP|NGN|IDR|THB|TWD|NZD|AED|SAR|PLN|Rs\.?|RM|Rp").split("|")
_CURRENCY_PREFIX = re.compile(
    r"(?i)(?:" + _by_first_letter(_CURRENCY_SYMBOLS, caseless=True)
    + r"|(?<![A-Za-z])" + _by_first_letter(_CURRENCY_CODES, caseless=True)
    # the wire's "euro345" and the Gulf press's "Dh472bn" ("Euro 2024" is a tournament: lower case only)
    + r"|(?<![A-Za-z])(?-i:" + "|".join(V.GLUED_CURRENCY_WORDS) + ")"
    + r")\s?$"
)
_HEDGE_LEFT = re.compile(
    r"(?i)(?:^|(?<=[\s(\"'“]))(?P<h>" + _by_first_letter([
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(V.HEDGES, key=len, reverse=True)
    ], caseless=True) + r")\s*(?:\*\s*\*\s*)?$"
)
_LEFT_WORD = re.compile(r"([A-Za-z][\w'’.-]*)$")


def may_end_with(window: str, ends: tuple[str, ...]) -> bool:
    """Can a case-insensitive pattern whose matches end with one of ``ends`` (lower-case ASCII),
    then spaces at most, match at the end of ``window``? A look at its last characters instead of
    a $-anchored search, which tries the pattern from every character (5-10 µs a window on g300)."""
    tail = window.rstrip()[-24:]  # str.rstrip strips what \s matches
    return not tail.isascii() or tail.lower().endswith(ends)  # other scripts: case-folding rules of their own


# the last words of what _CURRENCY_PREFIX, _HEDGE_LEFT and _NAMED_NUMBER_BEFORE match ("*": markdown debris)
_CURRENCY_ENDS = ("$", *sorted({c.replace("\\.?", dot).lower() for c in _CURRENCY_CODES for dot in ("", ".")}
                                | {w.lower() for w in V.GLUED_CURRENCY_WORDS}))
assert all(s.endswith("$") or not s.isascii() for s in _CURRENCY_SYMBOLS)  # the other symbols are not ASCII
_HEDGE_ENDS = ("*", *sorted({h.split()[-1] for h in V.HEDGES}))
_NAMED_NUMBER_ENDS = ("number", ":", "phase", "stage", "level", "tier", "grade", "chapter", "part", "season", "episode",
                      # what a place or a document is numbered by: "runway 27", "gate 12", "revision 14"
                      "runway", "gate", "platform", "terminal", "pier", "berth", "revision", "statement", "exit",
                      "junction")


