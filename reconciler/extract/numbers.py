"""Numbers as written to values: digits with their separators, number words, and the precision
the last written digit implies."""

from __future__ import annotations

import math
import re
import unicodedata

from reconciler.extract import vocab as V

# separators of other scripts, as the role they play: Arabic decimal and thousands separators
# (between Arabic-Indic digits), the full-width point and comma (between full-width digits)
SEPARATOR_ROLES = str.maketrans({"\u066b": ".", "\u066c": ",", "\uff0e": ".", "\uff0c": ","})
_SEPARATOR_ROLES_DC = str.maketrans({"\u066b": ",", "\u066c": ".", "\uff0e": ",", "\uff0c": "."})
_FOREIGN_SEPARATOR = re.compile("(?<=[\u0660-\u0669\u06f0-\u06f9])[\u066b\u066c](?=[\u0660-\u0669\u06f0-\u06f9])"
                                "|(?<=[\uff10-\uff19])[\uff0e\uff0c](?=[\uff10-\uff19])")


def digit_view(text: str, comma_decimal: bool = False) -> str:
    """``text`` with the separators of other scripts between their digits written as this text's
    own ("٢٩٫٤" as "٢٩.٤", "２９４，０００" as "２９４,０００"), same length, so the digit grammar reads
    them as one figure and every offset stays right.

    >>> digit_view("\u0662\u0669\u066b\u0664 million; a\uff0cb")
    '\u0662\u0669.\u0664 million; a\uff0cb'
    """
    if not any(sep in text for sep in "\u066b\u066c\uff0e\uff0c") or not _FOREIGN_SEPARATOR.search(text):
        return text
    table = _SEPARATOR_ROLES_DC if comma_decimal else SEPARATOR_ROLES
    return _FOREIGN_SEPARATOR.sub(lambda m: m.group().translate(table), text)


def pow10(exponent: int) -> float:
    """``10.0 ** exponent``, infinite (or zero) where a float cannot hold it, never an OverflowError.

    >>> pow10(3), pow10(400), pow10(-400)
    (1000.0, inf, 0.0)
    """
    if exponent > 308:
        return math.inf
    if exponent < -340:
        return 0.0
    return 10.0**exponent


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
    >>> parse_digits("294 000")
    (294000.0, 500.0)
    >>> parse_digits("\uff12\uff19\uff14,\uff10\uff10\uff10")
    (294000.0, 500.0)
    >>> parse_digits("1" + "0" * 400)
    (inf, inf)
    """
    t = s.translate(_SEPARATOR_ROLES_DC if comma_decimal else SEPARATOR_ROLES)
    t = t.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    t = t.replace(".", "").replace(" ", "").replace(",", ".") if comma_decimal else t.replace(",", "").replace(" ", "")
    if not t.isascii():  # "٢٩.٤", "２９４０００": the same digits in ASCII (float reads them, rstrip below not)
        t = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in t)
    value = float(t)  # a float too large to hold is inf (refused by the grammar), never an error
    if "." in t:
        decimals = len(t.split(".", 1)[1])
        return value, 0.5 * 10 ** (-decimals)
    if value < 1000:
        return value, 0.5  # "80 hours": small round numbers are read as exact
    stripped = t.rstrip("0")
    zeros = len(t) - len(stripped) if stripped else 0
    return value, 0.5 * pow10(zeros)


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
    return 0.5 * pow10(len(t) - len(stripped))


