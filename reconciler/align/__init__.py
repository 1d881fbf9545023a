"""Align claims that state the same quantity about the same subject.

Claims are blocked by dimension (money, count, duration, ...), so nothing is compared
across blocks. Inside a block, candidate pairs come from rapidfuzz's vectorised
``process.cdist`` over context keys with a score cutoff; each candidate is then scored
on IDF-weighted shared context, counted noun, value relation and role. Pairs are merged
best-first under constraints: two claims of one sentence with different values never
share a group (that is "from 15.6% to 71.0%", two quantities), and a merge must keep the
average link strong so groups do not chain.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from reconciler.align.cluster import _cluster
from reconciler.align.items import AlignConfig, _idf, _Item, _Weights, build_items
from reconciler.extract.units import Rates
from reconciler.models import Claim, Group

__all__ = ["AlignConfig", "align", "partner_low"]


def align(claims: Sequence[Claim], rates: Rates, config: AlignConfig = AlignConfig(),
          dates: Mapping[str, str | None] | None = None) -> list[Group]:
    """Group claims that state the same quantity; only groups spanning two or more sources.

    ``dates`` (source id -> the article's date) lets a figure that changed over time
    ("rose to 61") stay with its earlier values, for the rules to report as an update.
    """
    items = build_items(claims, rates, config, dates)
    # a range ("$1.7 billion to $1.9 billion") is aligned as one figure: its low end stands for it
    partner: dict[str, Claim] = {}
    first_end: dict[tuple[str, str], Claim] = {}
    for c in claims:
        if c.range_id:
            key = (c.source, c.range_id)
            if key in first_end:
                partner[first_end[key].id] = c
            else:
                first_end[key] = c
    high_ends = {c.id for c in partner.values()}
    items = [it for it in items if it.claim.id not in high_ends]
    blocks: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        blocks[it.dim].append(it)
    idf = _Weights(_idf(items))  # over the whole story: a subject word is rare across quantities, not within one
    groups: list[Group] = []
    for dim in sorted(blocks):
        for members, why, score, links in _cluster(blocks[dim], idf, config):
            extra = [partner[it.claim.id] for it in members if it.claim.id in partner]
            for c in extra:
                links[c.id] = links.get(partner_low(c, partner), 0.0)
            groups.append(_group(dim, members, why, score, links, extra))
    groups.sort(key=lambda g: g.id)
    return groups




def _label(claims: Sequence[Claim], dim: str, why: Sequence[str]) -> str:
    """What an editor calls the row: the frames' most common label ("people on board", "depth"),
    with the entity all of them that name one agree on ("offer (Tarrow Kites)")."""
    labels = Counter(c.frame.label for c in claims if c.frame.label)
    if labels:
        label = sorted(labels.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        entities = Counter(c.frame.entity for c in claims if c.frame.entity)
        if entities:
            entity, n = sorted(entities.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
            if n * 2 >= len(claims) and entity.lower() not in label.lower():
                label = f"{label} ({entity})"
        period = Counter(c.frame.period for c in claims if c.frame.period)
        if period:
            p, n = period.most_common(1)[0]
            if n * 2 >= len(claims):
                label = f"{label}, {p}"
        return label
    nouns = Counter(c.noun.lower() for c in claims if c.noun and c.kind == "count")
    return nouns.most_common(1)[0][0] if nouns else " ".join(why[:3]) if why else dim


def partner_low(high: Claim, partner: dict[str, Claim]) -> str:
    return next((k for k, v in partner.items() if v.id == high.id), "")


def _group(dim: str, items: list[_Item], why: list[str], score: float, links: dict[str, float],
           extra: Sequence[Claim] = ()) -> Group:
    claims = sorted([it.claim for it in items] + list(extra), key=lambda c: (c.source, c.start))
    gid = "g-" + hashlib.sha1(f"{dim}|{claims[0].id}".encode()).hexdigest()[:8]
    label = _label(claims, dim, why)
    reasons = [f"dimension: {dim}"]
    if why:
        reasons.append("shared context: " + ", ".join(why))
    units = sorted({c.unit for c in claims if c.unit})
    if units:
        reasons.append("units: " + ", ".join(units))
    reasons.append(f"best link score: {score:.2f}")
    return Group(id=gid, dimension=dim, claims=tuple(c.id for c in claims), label=label,
                 consensus=None, consensus_text="", support=0, why=tuple(reasons), score=round(score, 3),
                 links=tuple((c.id, round(links.get(c.id, 0.0), 3)) for c in claims))
