"""What a mass is of, named beside it: "1,200 kg of propellant", "its dry mass is 1,150 kg",
"2,350 kg at launch" (frame_vocab.MASS_MEASURES)."""

from __future__ import annotations

import re

from reconciler.extract import frame_vocab as F

__all__ = ["mass_measure"]

_MASS_STOP = re.compile(r"\d|[;.!?]|\b(?:of which|including|whose|while|but|and carries)\b")
_MASS_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(F.MASS_MEASURES, key=len, reverse=True)) + r")\b")
_CRAFT_WORD = re.compile(r"(?i)^[\s-]*(?:" + "|".join(sorted(F.WHOLE_CRAFT)) + r")\b")


def mass_measure(left: str, right: str) -> str:
    """What a mass is of ("launch mass", "propellant", "dry mass"), named after it before the next
    figure or part ("1,200 kg of propellant"; not "of which 94 kg are instruments"), else before it."""
    stop = _MASS_STOP.search(right[:40])
    after = right[:stop.start() if stop else 40]
    found = _MASS_WORD.search(after)
    if found:
        return F.MASS_MEASURES[found.group().lower()]
    before = re.split(r"\d[\d,.]*\s*\w*|[;.!?]", left[-40:])[-1]
    words = _MASS_WORD.findall(before)
    if words:
        return F.MASS_MEASURES[words[-1].lower()]
    return "launch mass" if _CRAFT_WORD.match(right) else ""  # "the 2,350-kg spacecraft": the whole craft
