"""Small helpers shared by the rules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from reconciler.models import Claim


def finding_id(rule: str, claim_ids: Iterable[str]) -> str:
    """Stable id: the rule and the claims it is about (not the rest of the corpus)."""
    key = rule + "|" + "|".join(sorted(claim_ids))
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def quote(c: Claim) -> str:
    return f"“{' '.join(c.text.split())}”"


def sources_of(claims: Iterable[Claim]) -> list[str]:
    seen: dict[str, None] = {}
    for c in claims:
        seen.setdefault(c.source, None)
    return list(seen)
