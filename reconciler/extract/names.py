"""Numbers that belong to a name rather than state a quantity: product and model names, a
speaker's name, tallies after names, codes, and neighbours that rule a number out."""

from __future__ import annotations

import re

from reconciler.extract import vocab as V
from reconciler.extract.around import _GLUED_CURRENCY
from reconciler.extract.frame_vocab import CHANGE_VERBS
from reconciler.extract.patterns import _LEFT_WORD
from reconciler.extract.spans import _YEAR, _digit_runs, _DigitRuns

# ---------------------------------------------------------------------------------------
# pass 2: numbers


def _is_title_case_line(text: str, pos: int) -> bool:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a: b if b >= 0 else len(text)]
    if len(line) > 200:
        return False  # before the words are read: most lines are paragraphs (a tenth of a scan on g300)
    words = re.findall(r"[A-Za-z][A-Za-z']+", line)
    if len(words) < 4 or line.rstrip().endswith("."):
        return False  # headlines are short and carry no full stop
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "as", "from"}
    caps = sum(1 for w in words if w[0].isupper())
    return caps / max(1, sum(1 for w in words if w.lower() not in small)) > 0.75


def _word_before(text: str, start: int) -> re.Match[str] | None:
    """The word standing one space before the number at ``start`` (group 1), if any."""
    if start < 2 or text[start - 1] not in " \u00a0":
        return None
    # the match _LEFT_WORD.search(text, max(0, start - 40), start - 1) finds, without trying it from
    # every character (5 µs a number on g300): the first ASCII letter of the run of word characters,
    # apostrophes, dots and hyphens before the space
    end = i = start - 1
    reach = max(0, start - 40)
    while i > reach and (text[i - 1].isalnum() or text[i - 1] in "_'’.-"):  # str.isalnum, "_": \w
        i -= 1
    while i < end and not (text[i].isascii() and text[i].isalpha()):
        i += 1
    return _LEFT_WORD.match(text, i, end) if i < end else None


def _left_is_name(text: str, start: int) -> bool:
    """True when the number continues a proper name: "Cup 2024", "Zeta 3.1", "ZX 4090"."""
    m = _word_before(text, start)
    if m is None or quake_magnitude(text, m.start(1), m.end(1)):
        return False  # "Mw 6.1" in a quake story: a magnitude, not a model name
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
    if word[0].islower() and any(ch.isupper() for ch in word[1:]) and word.isalpha():
        return True  # a camel-case product name: "iOS 6", "iPhone 5", "macOS 14"
    if not word[0].isupper():
        return False
    # capitalised word: a name unless it starts a sentence or sits in a title-case line
    i = m.start(1) - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“‘(*#":
        i -= 1
    if i < 0 or text[i] in ".!?\n:":
        # (after a semicolon a capital is a name's); at a sentence's start, a name only with a
        # product's tier word after the number ("Zeta 3.5 Pro scored 79.8%")
        return _TIER_AFTER.match(text, _token_bounds(text, start, start)[1]) is not None
    if text[i].isdigit() and _ENTRY_TIME.search(text, max(0, i - 40), i + 1):
        return False  # "**07:40** A 4.9 aftershock hit": a live blog's entry opens on its time, then a sentence
    if _N_OF_M.match(text, start):
        return False  # "and X 164 of 540": a clause that drops its verb, not a model number
    money = _MONEY_AFTER.match(text, start)
    if money and money.group(1).lower() in V.CURRENCY_SUFFIXES:
        return False  # "Britain gave $40 million, Norway 30 million kroner": an amount, not a model number
    return not _is_title_case_line(text, start)


_TIER_AFTER = re.compile(r"\s+(?:" + "|".join(V.PRODUCT_TIERS) + r")\b")
# the time heading a live blog's or a timeline's entry, at the start of its line: "**09:10**", "14:05 GMT -"
_ENTRY_TIME = re.compile(r"(?:^|\n)[ \t*#_>|-]*\d{1,2}[:.]\d\d(?:\s?(?i:[ap]\.?m\.?|gmt|utc|bst|cet|local))?"
                         r"[ \t*_:|–—-]*$")
# digits, a scale word perhaps, then a word that may name a currency ("30 million yuan", "500 euros")
_MONEY_AFTER = re.compile(r"\d[\d,.]*\s+(?:(?:million|billion|thousand|trillion|bn|mn)\s+)?([A-Za-z]+)\b")
_N_OF_M = re.compile(r"\d[\d,.]*\s+of\s+(?:his|her|their|its|the\s+)?(?!(?:19|20)\d\d\b)\d")  # not "of 2024"


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


_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")
# present-tense verbs a product or a vessel does ("the Zeta 11 starts at $999", "the Forge 15 weighs 1.6 kg")
_NAME_VERBS = frozenset("starts costs sells weighs runs ships comes gets has is was offers features packs includes "
                        "retails measures carries lands flies sails".split())


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
        verb = _WORD_AFTER.match(text, b)
        if verb and (verb.group(1) in CHANGE_VERBS or verb.group(1) in _NAME_VERBS
                     or (verb.group(1).endswith("ed") and len(verb.group(1)) > 4)):
            continue  # "the Index 100 gained 2%", "Probe 11 landed", "the Zeta 11 starts at $999": a name that
            # does something, no tally
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
        if len(run) >= 3 or (len(run) == 2 and counted) or _gapped(text, run[0][0]):
            out.update(a for a, _b in run)
    return out


# "won 52 seats, the Farmers' League 8": a counted figure, then a list separator, before the name
_GAPPED_BEFORE = re.compile(r"\d\s+(?P<noun>[a-z]+s)\b[^.;:!?\n\d]{0,6}(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
                            r"(?:[A-Z][\w'’&.-]*\s+){1,3}$")


def _gapped(text: str, start: int) -> bool:
    """True for the number at ``start`` when it continues a list whose first item named what it
    counts and the later items leave the noun out ("the Union won 52 seats, the Greens 19 and the
    League 8", "got 40 votes and Ardi 12"): a tally of names, not a product version."""
    return _GAPPED_BEFORE.search(text, max(0, start - 80), start) is not None


# "... Union 19 and the Farmers' League ": an earlier name-number item of the same list
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w'’&.-]*\s+){1,3}(?P<num>\d[\d,]{0,10})(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
                            r"(?:[A-Z][\w'’&.-]*\s+){1,3}$")


def gapped_noun(text: str, start: int) -> str:
    """The noun a listed number at ``start`` leaves out, from the list's first item: "seats" for
    the 19 and the 8 of "won 52 seats, the Greens 19 and the League 8"; "" when it is no such list."""
    pos = start
    for _ in range(8):  # back over the earlier name-number items to the one that names its noun
        m = _GAPPED_BEFORE.search(text, max(0, pos - 80), pos)
        if m:
            return m.group("noun")
        listed = _LISTED_BEFORE.search(text, max(0, pos - 60), pos)
        if listed is None:
            return ""
        pos = listed.start("num")
    return ""


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s+cent\b)")


def figure_not_version(text: str, start: int, end: int) -> bool:
    """True when the number at ``[start, end)`` cannot be part of a name even after a capitalised
    word: a thousands-grouped figure ("Ardi 1,918,640") or a percentage ("Ardi 41.2%"). Versions and
    model numbers are written ungrouped ("ZX 4090") and never carry a percent sign."""
    return _GROUPED.fullmatch(text, start, end) is not None or _PERCENT_AFTER.match(text, end) is not None


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
        known = glued in ("rm", "rs", "rp", "usd", "eur", "gbp", "us", "rmb", "cny") \
            or text[i:start] in V.GLUED_CURRENCY_WORDS or quake_magnitude(text, i, start)
        if not known or (i > 0 and text[i - 1].isalnum()):
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
        and prefix not in V.GLUED_CURRENCY_WORDS and not quake_magnitude(text, start - len(prefix), start) \
        and not magnitude


_QUAKE = re.compile(r"(?i)\b(?:quake|earthquake|tremor|aftershock|foreshock|seismic|magnitude|richter|fault)")
_MAGNITUDE_PREFIXES = ("M", "Mw", "ML", "Ms", "Mb")
# a magnitude has one decimal ("M7.5"), or a quake noun follows ("M7 quake"): "the M4 motorway" is a road
_MAGNITUDE_DIGITS = re.compile(r"\s?\d\.\d(?!\d)|\s?\d\s+(?:quake|earthquake|tremor|aftershock)")


def quake_magnitude(text: str, a: int, b: int) -> bool:
    """Is text[a:b] a seismologist's magnitude prefix ("M7.5", "Mw 6.1") in a text about a quake?"""
    return text[a:b].rstrip() in _MAGNITUDE_PREFIXES and (a == 0 or not text[a - 1].isalnum()) \
        and _MAGNITUDE_DIGITS.match(text, b) is not None and _QUAKE.search(text, max(0, a - 300), b + 300) is not None


_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_TOKEN_SPLIT = re.compile(r"[:;,(=\[]")
_RANGE_END_PREFIX = re.compile(r"(?i).*(?:million|billion|trillion|bn|mn|[mkb])[-–—](?:US|A|C|HK|S)?[$€£¥]?")


def _cased(ch: str) -> bool:
    """A letter of a script with case (Latin, Greek, Cyrillic): glue in "ZX800" or "Zeta3"; CJK
    characters next to digits ("使用了512块GPU") are words of their own, not part of a code."""
    return ch.isalpha() and ch.lower() != ch.upper()

