"""The rule engine: group rules (across sources) and article rules (inside one source)."""

from __future__ import annotations

from collections.abc import Sequence

from reconciler.copies import voice_of
from reconciler.extract.units import Rates
from reconciler.models import SEVERITIES, Claim, Finding, Group, Source
from reconciler.rules.articles import check_articles, merge_restated_slips
from reconciler.rules.clock import check_clock
from reconciler.rules.config import ConfigError, RuleConfig, load_config
from reconciler.rules.groups import check_groups
from reconciler.rules.inside import check_inside
from reconciler.rules.unaligned import check_unaligned
from reconciler.rules.util import naming
from reconciler.rules.when import check_when

__all__ = ["ConfigError", "RuleConfig", "check", "load_config"]


def check(sources: Sequence[Source], claims: Sequence[Claim], groups: Sequence[Group], rates: Rates,
          config: RuleConfig, copies: Sequence[Sequence[str]] = ()) -> tuple[list[Group], list[Finding]]:
    """Run every enabled rule; findings come back most severe first, then in a stable order.

    ``copies``: sets of near-duplicate sources; each set counts as one independent voice. The
    sources marked ``primary`` are the reference where they state a figure (rules/primary.py).
    """
    by_id = {c.id: c for c in claims}
    by_source: dict[str, list[Claim]] = {}
    for c in claims:
        by_source.setdefault(c.source, []).append(c)
    money = [c for c in claims if c.kind == "money"]
    dates = {s.id: s.date for s in sources}
    with naming({s.id: s.outlet for s in sources if s.outlet}):
        primary = frozenset(s.id for s in sources if s.primary)
        groups2, findings = check_groups(groups, by_id, rates, config, money, dates, voice_of(copies), primary)
        findings += check_articles(sources, by_source, rates, config)
        findings += check_inside(sources, by_source, groups2, findings, voice_of(copies), config)
        findings += check_unaligned(claims, groups2, findings, voice_of(copies), config)
        findings += check_when(sources, by_source, groups2, by_id, config, voice_of(copies))
        findings += check_clock(by_source, groups2, config, voice_of(copies))
    unique: dict[str, Finding] = {}
    for f in merge_restated_slips(findings, by_id, rates):
        unique.setdefault(f.id, f)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    first = {c.id: (c.source, c.start) for c in claims}
    ranked = sorted(unique.values(), key=lambda f: (order[f.severity], f.rule, first.get(f.claims[0], ("", 0)), f.id))
    return groups2, ranked
