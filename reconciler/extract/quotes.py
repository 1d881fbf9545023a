"""A corpus-level step after extraction: the same quoted figure in two sources never gets two
values. Each article decides its decimal comma from its own writing; a figure quoted word for
word in another article (a reprint, a wire copy) takes the value most sources give it, else the
larger reading (a thousands separator rather than a decimal comma).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from reconciler.models import Claim

_DIGIT_COMMA = (",0", ",1", ",2", ",3", ",4", ",5", ",6", ",7", ",8", ",9")


def same_quote_same_value(claims: Sequence[Claim]) -> dict[str, Claim]:
    """Claims whose value changes (by id), so that one quote has one value across sources."""
    by_text: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        # ("," first: one test for the figures without a comma; at 10,000 articles the ten
        # tests on every figure were 1.7 s of the run's serial part, 2026-12-04)
        if isinstance(c.value, float) and "," in c.text and any(d in c.text for d in _DIGIT_COMMA):
            # a bare number reads as a count or a plain number by its value ("3,500" or "3,5"): one quote
            by_text[(c.text, "count" if c.kind == "number" else c.kind, c.unit)].append(c)
    changed: dict[str, Claim] = {}
    for same in by_text.values():
        values = {c.value for c in same}
        if len(values) < 2 or len({c.source for c in same}) < 2:
            continue
        sources: dict[float | str, set[str]] = defaultdict(set)
        for c in same:
            sources[c.value].add(c.source)
        best = max(values, key=lambda v: (len(sources[v]), v))
        assert isinstance(best, float)
        kind = next(c.kind for c in same if c.value == best)
        for c in same:
            if c.value != best and isinstance(c.value, float) and c.value:
                f = best / c.value
                changed[c.id] = dataclasses.replace(
                    c, value=best, kind=kind, precision=c.precision * f,
                    low=None if c.low is None else c.low * f, high=None if c.high is None else c.high * f,
                    notes=(*c.notes, "value read as the other sources read the same quote"))
    return changed
