"""Updates over time: a figure that moved between dated articles, reported as its latest value
with its history (info), not as a contradiction: when the wording says it moved ("rose to",
"provisional", "at least"), or when it is a toll that rises from one article date to the next."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import pairwise

from reconciler.models import Finding, Group
from reconciler.rules.config import RuleConfig
from reconciler.rules.entries import Entry as _Entry
from reconciler.rules.entries import agree as _agree
from reconciler.rules.entries import voices as _voices
from reconciler.rules.sure import digits, transposed
from reconciler.rules.tolls import is_missing, is_toll, rising
from reconciler.rules.util import finding_id, quote, sources_of

__all__ = ["report_update", "superseded", "timeline"]


def superseded(e: _Entry, best: _Entry, dates: dict[str, str | None]) -> bool:
    """Is ``e`` the same quantity at another moment: two article dates, and wording that says the
    figure moves (a provisional count, "rose to", "at least")?"""
    de, db = dates.get(e.claim.source), dates.get(best.claim.source)
    if not de or not db or de == db:
        return False
    markers = {"~update", "~provisional"}
    return bool(markers & set(e.claim.context)) or bool(markers & set(best.claim.context)) \
        or "lower" in (e.claim.qualifier, best.claim.qualifier) \
        or (e.base is not None and best.base is not None
            and rising(e.claim, e.base[0], best.claim, best.base[0], de, db))


def timeline(entries: list[_Entry], dates: dict[str, str | None]) -> list[tuple[str, list[_Entry]]]:
    """The group's figures by article date, when they changed over time and the wording says so (or
    the figure is a toll of the dead, injured or missing: it rises as reports come in).

    Returns [] unless: at least two dates, every distinct figure sits on one date (no
    disagreement at the same moment), and some claim's sentence shows change ("rose to",
    "now", "revised", "preliminary").
    """
    worded = any("~update" in e.claim.context or "~provisional" in e.claim.context for e in entries)
    if not worded and not (entries and all(is_toll(e.claim) for e in entries)):
        return []
    by_date: dict[str, list[_Entry]] = defaultdict(list)
    for e in entries:
        d = dates.get(e.claim.source)
        if not d:
            return []
        by_date[d].append(e)
    if len(by_date) < 2:
        return []
    for same_day in by_date.values():
        points = [x for x in same_day if x.base and x.claim.qualifier in ("exact", "approximate", "range")]
        for a in points:
            for b in points:
                assert a.base is not None and b.base is not None
                if a.claim.source == b.claim.source:
                    continue  # one article telling its own timeline ("was $1.7 billion, now $4.3 billion")
                if not _agree(a, b):
                    return []  # two figures on one day: a real disagreement, not an update
    steps = sorted(by_date.items())
    if not worded and not _moves_on(steps, all(is_missing(e.claim) for e in entries)):
        return []  # a toll without wording must rise from each date to the next (the missing: move)
    first_entries = [e for e in steps[0][1] if e.base]
    changed = any(not any(_agree(e, f) for f in first_entries) or _rose_past(e, first_entries)
                  for _d, es in steps[1:] for e in es if e.base)
    return steps if changed else []


def _moves_on(steps: list[tuple[str, list[_Entry]]], missing: bool) -> bool:
    """Does the toll rise from each date to the next (a count of the missing: move, up or down)?"""
    for (_, a), (_, b) in pairwise(steps):
        va = [x.base[0] for x in a if x.base]
        vb = [x.base[0] for x in b if x.base]
        if missing and not (va and vb and (min(va) > max(vb) or max(va) < min(vb))):
            return False
        if not missing and max(va, default=0.0) >= min(vb, default=0.0):
            return False
    return True


def _rose_past(e: _Entry, earlier: list[_Entry]) -> bool:
    """"At least 12 killed", then "the toll rose to 19": the later figure agrees with the bound,
    yet the wording says the count moved on."""
    return "~update" in e.claim.context and e.base is not None and any(
        f.claim.qualifier == "lower" and f.base is not None and e.base[1] > f.base[0] for f in earlier)


def _same_day_slips(g: Group, steps: list[tuple[str, list[_Entry]]], config: RuleConfig,
                    voice: dict[str, str]) -> list[Finding]:
    """Inside a figure that moved over the days, two figures of one day whose digits are the same
    but two adjacent ones swapped ("1,420 injured" against "at least 1,240" on Friday), the
    second given by more independent voices: a typing slip, not a moment of the update (a bound
    agrees with any higher count, so nothing else would say it)."""
    out: list[Finding] = []
    for day, es in steps:
        by_digits: dict[str, list[_Entry]] = {}
        for e in es:
            if e.base is not None and len(digits(e.claim)) >= 3 and e.claim.frame.revision != "old":
                by_digits.setdefault(digits(e.claim), []).append(e)
        support = {d: len({voice.get(e.claim.source, e.claim.source) for e in xs}) for d, xs in by_digits.items()}
        for d_odd, odd in sorted(by_digits.items()):
            for d_ref, ref in sorted(by_digits.items()):
                if support[d_odd] != 1 or support[d_ref] < 2 or not transposed(d_odd, d_ref):
                    continue
                o, r = odd[0].claim, ref[0].claim
                claims = tuple(dict.fromkeys([e.claim.id for e in odd] + [e.claim.id for e in ref]))
                out.append(Finding(
                    id=finding_id("value_mismatch", list(claims)), rule="value_mismatch",
                    severity="info" if config.severity("value_mismatch") == "info" else "warning",
                    claims=claims, group=g.id, suggested=r.text,
                    message=f"{quote(o)} vs {quote(r)} on the same day: two digits swapped",
                    explanation=f"On {day}, {', '.join(sources_of([o]))} give {quote(o)}; "
                    f"{support[d_ref]} independent sources ({', '.join(sources_of([e.claim for e in ref]))}) give "
                    f"{quote(r)}, the same digits with two of them swapped. The figure moved over the days, "
                    f"but not within one day by a swap of digits: likely a typing slip.",
                ))
    return out


def _most_reported(entries: list[_Entry]) -> _Entry:
    """The latest day's figure that most of that day's articles give (the first of them on a tie): a
    headline's 61 over the same article's body's 16 when every other report of the day says 61."""
    def backing(e: _Entry) -> int:
        return len({o.claim.source for o in entries if o is e or _agree(e, o)})
    return max(entries, key=backing)


def report_update(g: Group, steps: list[tuple[str, list[_Entry]]], dates: dict[str, str | None],
                   config: RuleConfig, voice: dict[str, str]) -> tuple[Group, list[Finding]]:
    latest_date, latest = steps[-1]
    earlier = [e for _d, es in steps[:-1] for e in es if e.base]
    # an earlier bound ("at least 58") agrees with any later toll beyond it: the later figure is still new
    fresh = [e for e in latest if e.base and not any(_agree(e, o) and o.claim.qualifier not in ("upper", "lower")
                                                     for o in earlier)]
    head = _most_reported(fresh or latest).claim
    history = "; ".join(
        f"{d}: {', '.join(quote(e.claim) for e in es[:3])} ({', '.join(sources_of([e.claim for e in es]))})"
        for d, es in steps)
    ids = [e.claim.id for _d, es in steps for e in es]
    g2 = replace(g, consensus=head.value, consensus_text=head.text, support=_voices([e.claim for e in latest], voice))
    return g2, [*_same_day_slips(g, steps, config, voice), Finding(
        # the id names the quantity (its group's first claim), not every report of it, so a decision
        # on it survives an added article
        id=finding_id("update", [min(ids)]), rule="update", severity=config.severity("update", "info"),
        claims=tuple(ids), message=f"updated over time: latest {quote(head)} ({latest_date})",
        explanation=f"The figure changed between articles of different dates, and "
        f"{'the toll rose' if all(is_toll(e.claim) for _d, es in steps for e in es) else 'the wording says so'}; "
        f"this is an update, not a contradiction. History: {history}.", group=g.id, suggested=head.text,
    )]
