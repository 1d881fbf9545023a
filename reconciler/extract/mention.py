"""A numeric expression found in text, with its exact span: a claim without its context."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    rounding: str = ""  # "truncated" | "round" | "" (see Claim)
    num_start: int = 0  # where the digits/words begin (after hedges and currency)
    num_end: int = 0


