"""Numbers as written to values: digits with their separators, number words, and the precision
the last written digit implies."""

from __future__ import annotations

import re

from reconciler.extract import vocab as V

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


