"""Figures the aligner kept apart but whose frames say they may be one quantity (info only).

The aligner puts two claims in one group when the words around them agree; outlets that
rewrite a story ("Police put the march at roughly 30,000 people" against "as many as 20,000
people took to the streets") share few words, so a real disagreement can sit in two groups,
or in none, and no rule compares it. This pass looks across the story once more, by frame
only: two figures from independent sources with the same specific label (what is counted or
measured, :func:`reconciler.rules.sure.specific_label`), the same owner or none, the same
period and part, and values that differ beyond their precision yet within a factor of
``unaligned_ratio`` (or by a power of ten with the same digits). Such a pair is shown as info,
"possibly the same quantity", never louder: the frames alone do not make an editor sure.

A label shared by many different values ("people" in a story of several crowds) says little,
so a label with more than ``unaligned_values`` distinct values near the most supported one is
left alone. The label is compared whole, word by word in the singular: "blocked shots" and
"charity shots" are two things.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from reconciler.extract import vocab as V
from reconciler.extract.keys import noun_classes
from reconciler.extract.units import CONFUSABLE
from reconciler.models import Claim, Finding, Group
from reconciler.rules.config import RuleConfig
from reconciler.rules.sure import BOUNDS, _head, contradicts, digits, same_digits, specific_label, transposed
from reconciler.rules.util import finding_id, quote, sources_of

RULE = "unaligned"
# kinds whose figures are comparable by value; dates, scores and records have their own rules
_KINDS = frozenset({"count", "number", "money", "percent", "duration", "length", "mass", "area", "volume",
                    "speed", "data", "energy", "power", "temperature"})


def _key(c: Claim) -> tuple[str, ...] | None:
    label = specific_label(c)
    if c.kind not in _KINDS or not label or not isinstance(c.value, (int, float)) or c.role or c.frame.mode:
        return None
    if c.frame.revision == "old":
        return None  # superseded by revision wording in its own article
    f = c.frame
    if label.startswith("age ("):
        label = "age"  # "age (aircraft)" and an age of something unnamed ("a 14-year-old K-220") may be one
    return (c.kind, c.unit, _label_key(label), f.entity.lower(), f.period.lower(), f.part, f.reference.lower())


def _aged_apart(a: Claim, b: Claim) -> bool:
    """Two ages of two kinds of thing: a person's and an aircraft's."""
    ka, kb = noun_classes(a.frame.noun, ""), noun_classes(b.frame.noun, "")
    return ka[0] == kb[0] == "age" and bool(ka[1]) and bool(kb[1]) and ka[1] != kb[1]


def _label_key(label: str) -> str:
    """The label with each word in the singular: "blocked shots" and "charity shots" stay two,
    "AK-47 rifles" and "AK-47 Rifles" are one."""
    return " ".join(_head(w) or w for w in label.lower().split())


def _differ(a: Claim, b: Claim, ratio: float) -> bool:
    va, vb = float(a.value), float(b.value)
    if not (math.isfinite(va) and math.isfinite(vb)) or va <= 0 or vb <= 0:
        return False
    lo_a, hi_a = a.low if a.low is not None else va, a.high if a.high is not None else va
    lo_b, hi_b = b.low if b.low is not None else vb, b.high if b.high is not None else vb
    if lo_a <= hi_b and lo_b <= hi_a:
        return False  # consistent within precision and hedges
    big, small = max(va, vb), min(va, vb)
    # a power of ten apart with the same digits; "20" against "20,000": one digit says little
    return big / small <= ratio or (same_digits(a, b) and len(digits(a)) >= 2) or _digit_dropped(a, b)


def _digit_dropped(a: Claim, b: Claim) -> bool:
    """One figure is the other with one digit left out, in whole numbers below a thousand ("a
    4-year-old jet" for a 14-year-old one, "15 seats" for 105): a typing slip, not a
    different order of magnitude by chance."""
    da, db = sorted((digits(a), digits(b)), key=len)
    if not da or len(db) != len(da) + 1 or max(float(a.value), float(b.value)) >= 1000:
        return False
    if not all(float(c.value).is_integer() for c in (a, b)):
        return False
    return any(db[:i] + db[i + 1:] == da for i in range(len(db)))


def check_unaligned(claims: Sequence[Claim], groups: Sequence[Group], findings: Sequence[Finding],
                    voice: dict[str, str], config: RuleConfig) -> list[Finding]:
    if not config.enabled(RULE):
        return []
    ratio, max_values = config.tol("unaligned_ratio"), int(config.tol("unaligned_values"))
    group_of = {cid: g.id for g in groups for cid in g.claims}
    value_of = {c.id: c.value for c in claims}
    # (claim, other value) already set side by side by a finding: not shown again
    # (linear in the claims of each finding: a finding over 400 reprints is not squared)
    reported: set[tuple[str, float | str | None]] = set()
    for f in findings:
        values = {value_of.get(y) for y in f.claims}
        reported.update((x, v) for x in f.claims for v in values if v != value_of.get(x))
    in_finding: dict[str, set[int]] = defaultdict(set)
    for i, f in enumerate(findings):
        for x in f.claims:
            in_finding[x].add(i)
    buckets: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        k = _key(c)
        if k is not None:
            buckets[k].append(c)
    out: list[Finding] = []
    for _bucket, members in sorted(buckets.items()):
        by_value: dict[float, list[Claim]] = defaultdict(list)
        for c in members:
            by_value[float(c.value)].append(c)
        if len(by_value) < 2:
            continue
        support = {v: len({voice.get(c.source, c.source) for c in cs}) for v, cs in by_value.items()}
        ref_value = max(by_value, key=lambda v: (support[v], -min(c.start for c in by_value[v]), -v))
        ref = by_value[ref_value]
        ref_voices = {voice.get(c.source, c.source) for c in ref}
        near = [v for v in by_value if max(v, ref_value) / max(min(v, ref_value), 1e-300) <= ratio]
        if len(near) > max_values:
            continue  # many different figures under one label: several quantities, not one misreported
        for v, outs in sorted(by_value.items()):
            if v == ref_value:
                continue
            pairs = [(o, r) for o in outs for r in ref
                     if voice.get(o.source, o.source) != voice.get(r.source, r.source)
                     and not (o.id in group_of and group_of.get(o.id) == group_of.get(r.id))
                     and (o.id, r.value) not in reported and (r.id, o.value) not in reported
                     and not contradicts(o, r) and _differ(o, r, ratio) and not _aged_apart(o, r)]
            if not pairs:
                continue
            outs_used = sorted({o.id: o for o, _ in pairs}.values(), key=lambda c: (c.source, c.start))
            refs_used = sorted({r.id: r for _, r in pairs}.values(), key=lambda c: (c.source, c.start))
            o0, r0 = outs_used[0], refs_used[0]
            if o0.qualifier in BOUNDS or r0.qualifier in BOUNDS:
                note = " One of them is a bound, which may be a threshold rather than the figure."
            else:
                note = ""
            what = specific_label(o0)
            owner = f" of {o0.frame.entity}" if o0.frame.entity else ""
            message = (f"possibly the same quantity (not aligned: worded differently): {quote(o0)} "
                       f"vs {quote(r0)} ({what}{owner})")
            explanation = (f"Both figures give {what}{owner}, in {len(outs_used)} and {len(refs_used)} claim(s), "
                           f"but the words around them differ, so they were not put side by side. "
                           f"{quote(r0)} is given by {len(ref_voices)} independent source(s): "
                           + ", ".join(sources_of(refs_used)) + f"; {quote(o0)} by "
                           + ", ".join(sources_of(outs_used)) + "." + note
                           + " Check whether they state one figure.")
            ids = tuple(c.id for c in outs_used) + tuple(c.id for c in refs_used)
            out.append(Finding(id=finding_id(RULE, ids), rule=RULE, severity=config.severity(RULE, "info"), claims=ids,
                               message=message, explanation=explanation))
    out.extend(_same_number_two_currencies(claims, group_of, in_finding, voice))
    out.extend(_digit_slips(claims, group_of, in_finding, voice))
    out.extend(_same_number_two_units(claims, group_of, in_finding, voice))
    return out


def _same_number_two_units(claims: Sequence[Claim], group_of: dict[str, str], in_finding: dict[str, set[int]],
                           voice: dict[str, str]) -> list[Finding]:
    """The same number under two units an editor confuses ("the 2,350-pound probe" in one source,
    "the 2,350-kg spacecraft" in another), kept apart by the aligner: a conversion would have
    changed the number, so one of them may carry the wrong unit. Needs two significant digits."""
    by_number: dict[tuple[str, float], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind not in _MEASURED or not isinstance(c.value, (int, float)) or len(digits(c)) < 2 or c.role \
                or c.qualifier in BOUNDS:
            continue
        by_number[(c.kind, float(c.value))].append(c)
    out: list[Finding] = []
    for members in (by_number[k] for k in sorted(by_number)):
        units = {c.unit: V.PHYSICAL_UNITS.get(c.unit, ("", ""))[1] for c in members}
        pairs = [(u, w) for u in sorted(units) for w in sorted(units)
                 if u < w and units[u] and units[w] in CONFUSABLE.get(units[u], ())]
        for u, w in pairs[:1]:
            a = min((c for c in members if c.unit == u), key=lambda c: (c.source, c.start))
            b = min((c for c in members if c.unit == w), key=lambda c: (c.source, c.start))
            if not _new_pair(a, b, group_of, in_finding, voice):
                continue
            ids = tuple(c.id for c in sorted(members, key=lambda c: (c.unit, c.source, c.start)) if c.unit in (u, w))
            out.append(_one_number_two_labels(a, b, ids, "one figure under two units", "unit"))
    return out


# measured figures whose label is only their dimension ("43 days", "2,350 kg"): compared by unit
_MEASURED = frozenset({"duration", "length", "mass", "speed", "area", "volume"})


def _digit_slips(claims: Sequence[Claim], group_of: dict[str, str], in_finding: dict[str, set[int]],
                 voice: dict[str, str]) -> list[Finding]:
    """A measured figure printed in the same unit word as another source's, with two digits
    swapped ("43 days" against "34 days"), neither in a finding with the other: a typing slip
    is likely, though the label says only the dimension, so shown quietly."""
    by_unit: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind not in _MEASURED or specific_label(c) or c.role or c.frame.mode or c.qualifier in BOUNDS \
                or c.frame.revision == "old" or len(digits(c)) < 2:
            continue
        word = c.noun.lower().split("-")[-1].rstrip("s")
        by_unit[(c.kind, word, c.frame.period.lower(), c.frame.part)].append(c)
    out: list[Finding] = []
    for members in (by_unit[k] for k in sorted(by_unit)):
        by_digits: dict[str, list[Claim]] = defaultdict(list)
        for c in members:
            by_digits[digits(c)].append(c)
        support = {d: len({voice.get(c.source, c.source) for c in cs}) for d, cs in by_digits.items()}
        for d_odd, odd in sorted(by_digits.items()):
            for d_ref, ref in sorted(by_digits.items()):
                if support[d_ref] <= support[d_odd] or not transposed(d_odd, d_ref):
                    continue
                pairs = [(o, r) for o in odd for r in ref if _new_pair(o, r, group_of, in_finding, voice)]
                if not pairs:
                    continue
                o0, r0 = pairs[0]
                ids = tuple(dict.fromkeys([o.id for o, _ in pairs] + [r.id for _, r in pairs]))
                out.append(Finding(
                    id=finding_id(RULE, ids), rule=RULE, severity="info", claims=ids,
                    message=f"possibly the same quantity, two digits swapped: {quote(o0)} vs {quote(r0)}",
                    explanation=(f"{quote(o0)} ({', '.join(sources_of([o for o, _ in pairs]))}) has the digits of "
                                 f"{quote(r0)} ({support[d_ref]} independent sources: "
                                 f"{', '.join(sources_of([r for _, r in pairs]))}) with two of them swapped, in the "
                                 f"same unit. Check whether they state one figure."),
                ))
    return out


def _same_number_two_currencies(claims: Sequence[Claim], group_of: dict[str, str],
                                in_finding: dict[str, set[int]], voice: dict[str, str]) -> list[Finding]:
    """The same amount under two currency signs in two sources, for one owner ("the Aerobook
    costs €1,329" and "will cost $1,329"): a conversion would have changed the number, so one of
    them may be a mislabel. Needs three significant digits or more: "$2 million" and "€2 million"
    are often both right."""
    by_key: dict[tuple[str, float, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind != "money" or not isinstance(c.value, (int, float)) or len(digits(c)) < 3 or c.role:
            continue
        owner = c.frame.entity.lower() or _label_key(specific_label(c))
        if owner:
            by_key[(owner, float(c.value), c.frame.period.lower())].append(c)
    out: list[Finding] = []
    for (_owner, _v, _p), members in sorted(by_key.items()):
        units = sorted({c.unit for c in members})
        if len(units) < 2:
            continue
        first = {u: min((c for c in members if c.unit == u), key=lambda c: (c.source, c.start)) for u in units}
        a, b = first[units[0]], first[units[1]]
        if not _new_pair(a, b, group_of, in_finding, voice):
            continue
        ids = tuple(c.id for c in sorted(members, key=lambda c: (c.unit, c.source, c.start)))
        who = a.frame.entity or specific_label(a)
        out.append(_one_number_two_labels(a, b, ids, "one amount under two currency signs", "currency sign", who))
    return out


def _new_pair(a: Claim, b: Claim, group_of: dict[str, str], in_finding: dict[str, set[int]],
              voice: dict[str, str]) -> bool:
    """Two independent voices, not yet shown together in a finding or in one group."""
    return voice.get(a.source, a.source) != voice.get(b.source, b.source) \
        and not (in_finding[a.id] & in_finding[b.id]) \
        and not (a.id in group_of and group_of.get(a.id) == group_of.get(b.id))


def _one_number_two_labels(a: Claim, b: Claim, ids: tuple[str, ...], what: str, label: str, who: str = "") -> Finding:
    """Info: the same number under two labels a conversion would have changed (currency signs, units)."""
    return Finding(
        id=finding_id(RULE, ids), rule=RULE, severity="info", claims=ids,
        message=f"possibly {what}: {quote(a)} and {quote(b)}" + (f" ({who})" if who else ""),
        explanation=(f"{quote(a)} ({sources_of([a])[0]}) and {quote(b)} ({sources_of([b])[0]}) give the same number "
                     f"in {a.unit} and {b.unit}" + (f" for {who}" if who else "") + f". A conversion would change the "
                     f"number, so one of them may carry the wrong {label}; check which one the source printed."),
    )
