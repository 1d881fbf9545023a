"""How the group rules write a figure in an explanation: its number with its unit, its
interval, a difference in its own unit."""

from __future__ import annotations

from reconciler.extract.units import fmt_number
from reconciler.models import Claim

__all__ = ["in_unit_of", "interval_text", "num", "unit_label"]


def in_unit_of(c: Claim, base_diff: float, c_base: float) -> float:
    """A difference in base units (US dollars, metres per second, Celsius) in the claim's own unit."""
    if c.kind == "temperature":
        return base_diff * 9 / 5 if c.unit == "F" else base_diff
    if isinstance(c.value, float) and c.value and c_base:
        return base_diff * c.value / c_base
    return base_diff


def unit_label(c: Claim) -> str:
    if c.kind == "money":
        return c.unit
    if c.kind == "duration":
        return "hours"
    if c.kind == "percent":
        return "basis points" if c.unit == "bp" else "points"
    return c.unit or (c.noun.split()[-1] if c.noun else "")


def num(c: Claim) -> str:
    if isinstance(c.value, float):
        if c.kind == "duration":
            return f"{fmt_number(c.value)} h"
        if c.kind == "percent":
            return f"{fmt_number(c.value)}%" if c.unit == "%" else f"{fmt_number(c.value)} {c.unit}"
        if c.kind == "money":
            return f"{fmt_number(c.value)} {c.unit}"
        return fmt_number(c.value) + (f" {c.unit}" if c.unit else "")
    return str(c.value)


def interval_text(c: Claim) -> str:
    if c.low is None or c.high is None:
        return str(c.value)
    if c.qualifier == "upper":
        return f"at most {fmt_number(c.high)}"
    if c.qualifier == "lower":
        return f"at least {fmt_number(c.low)}"
    return f"{fmt_number(c.low)} to {fmt_number(c.high)}"

