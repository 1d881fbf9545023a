"""Comparable values: every claim as an interval in its dimension's base unit.

Money goes to US dollars through a dated rate table (package data, overridable);
durations are already in hours; physical quantities go to SI with factors that the
test-suite checks against pint.
"""

from __future__ import annotations

import datetime as _dt
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from reconciler.errors import ConfigError
from reconciler.extract import vocab as V
from reconciler.models import Claim
from reconciler.read.regular import read_toml

_DIMENSIONLESS = ("count", "number")

# units an editor might confuse for one another (same dimension)
CONFUSABLE: dict[str, tuple[str, ...]] = {
    "mile": ("kilometer", "nautical_mile"), "kilometer": ("mile", "nautical_mile"),
    "foot": ("meter", "yard"), "meter": ("foot", "yard"), "yard": ("meter", "foot"),
    "inch": ("centimeter",), "centimeter": ("inch",), "millimeter": ("inch",),
    "gigabyte": ("gibibyte",), "gibibyte": ("gigabyte",), "terabyte": ("tebibyte",),
    "tebibyte": ("terabyte",), "megabyte": ("mebibyte",), "mebibyte": ("megabyte",),
    "pound": ("kilogram",), "kilogram": ("pound",),
    "gallon": ("liter",), "liter": ("gallon",), "acre": ("hectare",), "hectare": ("acre",),
    "mile ** 2": ("kilometer ** 2",), "kilometer ** 2": ("mile ** 2",),
    "mile / hour": ("kilometer / hour",), "kilometer / hour": ("mile / hour",),
}



@dataclass(frozen=True)
class Rates:
    """Units of each currency per US dollar, as of a date."""

    as_of: str
    per_usd: dict[str, float]
    note: str = ""

    def to_usd(self, amount: float, code: str) -> float | None:
        r = self.per_usd.get(code)
        return None if r is None else amount / r


def finite_number(value: object) -> float | None:
    """``value`` as a float if it is a finite number (not a boolean), else None (a check of
    user-supplied TOML values).

    >>> [finite_number(v) for v in (2, 0.5, True, "1", float("nan"), 10**400)]
    [2.0, 0.5, None, None, None, None]
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        x = float(value)
    except OverflowError:
        return None
    return x if math.isfinite(x) else None


MIN_RATE, MAX_RATE = 1e-9, 1e15  # units per US dollar: any real currency lies well inside


@lru_cache(maxsize=1)
def _shipped_rates() -> dict[str, Any]:
    """The shipped rate table, parsed once (read only: merges copy it)."""
    return tomllib.loads(resources.files("reconciler").joinpath("data/rates.toml").read_text("utf-8"))


def load_rates(path: str | Path | None = None) -> Rates:
    """The shipped rate table, with a user TOML file's entries laid over it.

    The user file may hold ``as_of`` (a date), ``note`` (a string) and ``[per_usd]`` (currency
    codes to finite positive numbers, between :data:`MIN_RATE` and :data:`MAX_RATE`); anything
    else is a :class:`ConfigError` naming the file, the key and why.
    """
    data = _shipped_rates()
    if path is not None:
        user = read_toml(path, "rates")

        def bad(key: str, why: str) -> ConfigError:
            return ConfigError(f"cannot use rates file {path}: {key}: {why}")

        for key, val in user.items():
            if key not in ("as_of", "note", "per_usd"):
                raise bad(key, "unknown key (expected as_of, note or [per_usd])")
            if key == "per_usd" and not isinstance(val, dict):
                raise bad(key, "[per_usd] must be a table of currency codes to numbers")
            if key == "note" and not isinstance(val, str):
                raise bad(key, f"must be a string, not {val!r}")
            if key == "as_of" and not isinstance(val, (str, _dt.date)):
                raise bad(key, f"must be a date, not {val!r}")
        for code, val in user.get("per_usd", {}).items():
            if not (len(code) == 3 and code.isascii() and code.isalpha()):
                raise bad(f"per_usd.{code}", "not a three-letter currency code")
            x = finite_number(val)
            if x is None or not MIN_RATE <= x <= MAX_RATE:
                raise bad(f"per_usd.{code}", f"must be a finite number of units per US dollar between "
                                             f"{MIN_RATE:g} and {MAX_RATE:g}, not {val!r}")
        data = _merge(data, user)
    per = {str(k).upper(): float(v) for k, v in data["per_usd"].items()}
    per["USD"] = 1.0
    return Rates(as_of=str(data.get("as_of", "")), per_usd=per, note=str(data.get("note", "")))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def dimension(c: Claim) -> str:
    """The block a claim is compared in."""
    if c.kind == "date":
        if c.frame.measure in ("dateline", "day heading"):
            return f"date-dateline:{c.id}"  # when the article was filed or updated: no other claim's date
        return "date" if c.unit in ("date", "weekday") else "date-" + c.unit
    if c.kind == "time":
        return f"time-dateline:{c.id}" if c.frame.measure == "dateline" else "time"
    if c.kind == "score":
        if c.unit in ("score", "record", "scorecard"):  # a judge's card: one per judge (the owner key)
            return c.unit if c.unit == "score" else "score-" + c.unit
        # a run or a score at one moment of a game: one quantity only at one stated moment
        return f"score-{c.unit}:{c.frame.period or c.id}"
    if c.kind == "rate":
        per = c.unit.split("/", 1)[-1].lower()
        per = " ".join(w for w in per.split() if w not in ("diluted", "basic", "adjusted"))
        return "rate:" + per.rstrip("s")
    if c.kind == "percent":
        return "percent" if c.unit == "%" else "percent-points"
    if c.kind in _DIMENSIONLESS:
        return "count"
    return c.kind


def unit_factor(c: Claim) -> float:
    """Factor from the claim's stated unit to its dimension's base unit (1 if none)."""
    if c.kind == "percent" and c.unit == "bp":
        return 0.01  # basis points, compared in percentage points
    if c.kind in ("length", "mass", "area", "volume", "speed", "data", "energy", "power", "emissions"):
        pu = V.PHYSICAL_UNITS.get(c.unit, ("", ""))[1]
        return V.BASE_FACTORS.get(pu, 1.0)
    return 1.0


def alternative_intervals(c: Claim, rates: Rates, printed: Mapping[str, Sequence[tuple[float, float]]]
                          ) -> tuple[tuple[float, float], ...]:
    """The claim's number read in another currency, or in a unit it is often confused with.

    ``printed`` maps each currency to the intervals of the figures the story prints in it: a
    currency is only a candidate when this same number is printed in it somewhere (the
    signature of a mislabel: "2 million yuan" in one place, "$2 million" in another).
    """
    if c.low is None or c.high is None or not isinstance(c.value, float):
        return ()
    if c.kind == "money":
        return tuple((c.low / rates.per_usd[k], c.high / rates.per_usd[k])
                     for k, spans in sorted(printed.items())
                     if k != c.unit and k in rates.per_usd and any(overlaps((c.low, c.high), sp) for sp in spans))
    pu = V.PHYSICAL_UNITS.get(c.unit, ("", ""))[1]
    return tuple((c.low * V.BASE_FACTORS[alt], c.high * V.BASE_FACTORS[alt]) for alt in CONFUSABLE.get(pu, ()))


def base_interval(c: Claim, rates: Rates) -> tuple[float, float, float] | None:
    """(value, low, high) in base units, or None when the claim cannot be compared (no float
    holds it once converted: the rules and the aligner only ever see finite values)."""
    if not isinstance(c.value, float) or c.low is None or c.high is None:
        return None
    base = _base_interval(c, rates)
    if base is None or not math.isfinite(base[0]) or base[1] != base[1] or base[2] != base[2] \
            or base[1] == math.inf or base[2] == -math.inf:
        return None
    return base


def _base_interval(c: Claim, rates: Rates) -> tuple[float, float, float] | None:
    assert isinstance(c.value, float) and c.low is not None and c.high is not None
    if c.kind == "temperature":
        if c.unit == "F":  # affine: compare in Celsius
            return tuple((x - 32) * 5 / 9 for x in (c.value, c.low, c.high))  # type: ignore[return-value]
        return c.value, c.low, c.high
    f = unit_factor(c)
    if c.unit in ("ton", "tons"):
        # "tons" is short tons in the US and metric tonnes in most other copy: allow both
        return c.value * f, c.low * f, c.high * V.BASE_FACTORS["long_ton"]
    if c.kind in ("money", "rate"):
        code = c.unit.split("/", 1)[0]
        r = rates.per_usd.get(code)
        if r is None:
            return None
        f = 1.0 / r
    return c.value * f, c.low * f, c.high * f


def _spreads() -> tuple[dict[str, float], int]:
    data = _shipped_rates()
    return {k: float(v) for k, v in data.get("spread", {}).items()}, int(str(data["as_of"])[:4])


# rates drift: a figure converted at another date's rate is still the same figure, within the
# currency's spread (data/rates.toml, [spread]), which widens with each year between the story
# and the table, up to SPREAD_CAP: a 2010 story's "euro30 billion ($40 billion)" is right at 2010's rate
SPREADS, SPREAD_YEAR = _spreads()
CURRENCY_SLACK = SPREADS.get("default", 0.15)
SPREAD_CAP = 0.5


def currency_spread(a: str, b: str, date: str = "") -> float:
    """Relative slack between amounts in currencies ``a`` and ``b`` in a story of ``date`` (ISO, or
    "" when unknown): the larger of their spreads, times one plus the years between the story and
    the rate table.

    >>> [currency_spread("EUR", "USD"), currency_spread("HKD", "USD"), currency_spread("EUR", "USD", "2023-05-01")]
    [0.08, 0.01, 0.24]
    """
    if a == b:
        return 0.0
    spread = max(SPREADS.get(a, CURRENCY_SLACK), SPREADS.get(b, CURRENCY_SLACK))
    years = abs(int(date[:4]) - SPREAD_YEAR) if date[:4].isdigit() else 0
    return min(SPREAD_CAP, spread * (1 + years))
CONVERSION_SLACK = 0.01  # "300 metres (985 feet)": rounding in the converted unit


def cross_slack(a: Claim, b: Claim, date: str = "") -> float:
    """Relative slack when two figures are compared across currencies or units (``date``: the
    story's, for the drift of currencies)."""
    if a.unit == b.unit:
        return 0.0
    if a.kind in ("money", "rate") and b.kind in ("money", "rate"):
        return currency_spread(a.unit.split("/")[0], b.unit.split("/")[0], date)
    return CONVERSION_SLACK


def overlaps(a: tuple[float, float], b: tuple[float, float], slack: float = 0.0) -> bool:
    """Do two intervals overlap, allowing a relative slack (of the larger finite bound)?"""
    lo1, hi1 = a
    lo2, hi2 = b
    if lo1 == hi1 == lo2 == hi2:
        return True
    if not slack:
        return lo1 < hi2 and lo2 < hi1
    s = slack * max((abs(x) for x in (lo1, hi1, lo2, hi2) if math.isfinite(x)), default=0.0)
    return lo1 - s < hi2 and lo2 - s < hi1


def fmt_number(x: float) -> str:
    """Human form of a number, to four significant digits: 294,000; 29.4 million; 280,900.

    >>> [fmt_number(v) for v in (294000, 29400000, 2.5, 1e12, 0.301, 280898.88, 209328000, 81920)]
    ['294,000', '29.4 million', '2.5', '1 trillion', '0.301', '280,900', '209.3 million', '81,920']
    """
    if x == 0:
        return "0"
    ax = abs(x)
    r = float(f"{x:.4g}") if not float(x).is_integer() or ax >= 1e6 else x
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= scale:
            return f"{r / scale:.4g} {word}"
    if float(r).is_integer():
        return f"{r:,.0f}"
    return f"{r:,.4g}" if abs(r) < 1000 else f"{r:,.0f}"
