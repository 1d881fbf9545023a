"""How strongly two claims state one quantity: weighted shared context, counted noun, the
relation of their values (agree, a scale apart, near, far) and role."""

from __future__ import annotations

import math

from reconciler.align.items import AlignConfig, _Item, _Weights, frames_differ
from reconciler.extract.units import cross_slack, overlaps
from reconciler.models import Claim

# ---------------------------------------------------------------------------------------










def _weighted_overlap(x: frozenset[str], y: frozenset[str], w: _Weights) -> tuple[float, frozenset[str]]:
    shared = x & y
    if not shared:
        return 0.0, shared
    wx, wy = w.total(x), w.total(y)
    ws = math.fsum(w.idf.get(t, 1.0) for t in shared)
    # Dice over weights, tempered towards the smaller side (short list items have thin context)
    return 0.45 * (2 * ws / (wx + wy)) + 0.55 * (ws / min(wx, wy)), shared


def _ctx_sim(a: _Item, b: _Item, w: _Weights) -> tuple[float, frozenset[str]]:
    near, shared = _weighted_overlap(a.tokens, b.tokens, w)
    wide, shared_wide = _weighted_overlap(a.wide, b.wide, w)
    return 0.65 * near + 0.35 * wide, shared | shared_wide


def value_relation(a: tuple[float, float, float] | None, b: tuple[float, float, float] | None,
                   scale_slack: float = 0.03, slack: float = 0.0) -> str:
    """'agree', 'scale' (a power of ten apart), 'near' (within 35%), 'far' or 'unknown'.

    ``slack``: relative tolerance for agreement (figures compared across currencies or units).
    """
    if a is None or b is None:
        return "unknown"
    if overlaps((a[1], a[2]), (b[1], b[2]), slack):
        return "agree"
    va, vb = a[0], b[0]
    if va <= 0 or vb <= 0:
        return "far"
    ratio = max(va, vb) / min(va, vb)
    if not math.isfinite(ratio):  # 1e300 against 1e-10: far apart, and no power of ten to name
        return "far"
    k = round(math.log10(ratio))
    if 1 <= k <= 3 and abs(ratio / 10.0**k - 1) <= 0.03 and a[1] > 0 and b[1] > 0 \
            and math.isfinite(a[2]) and math.isfinite(b[2]):
        f = 10.0**k
        if va > vb and overlaps((a[1] / f, a[2] / f), (b[1], b[2]), scale_slack):
            return "scale"
        if vb > va and overlaps((b[1] / f, b[2] / f), (a[1], a[2]), scale_slack):
            return "scale"
    return "near" if ratio <= 1.35 else "far"


def _pair_score(a: _Item, b: _Item, idf: _Weights, config: AlignConfig, block_size: int = 0,
                sim: float | None = None) -> tuple[float, frozenset[str] | None, str]:
    """(score, shared context words, value relation). With ``sim`` (the pair's context
    similarity, computed already) the shared words are not computed: None."""
    ca, cb = a.claim, b.claim
    shared: frozenset[str] | None = None
    if frames_differ(a.keys, b.keys):
        return -2.0, frozenset(), "frame"  # another entity, period, reference point, part or mode: two quantities
    if sim is None:
        sim, shared = _ctx_sim(a, b, idf)
    if 0 < block_size <= 3 and ca.source != cb.source:
        # a dimension the story uses only two or three times (a weekly wage, one date):
        # figures in it from different sources are likely about the same thing
        sim += 0.4 if block_size == 2 else 0.25
    elif sim < config.min_context:
        return sim - 1.0, shared, "unlinked"
    if ca.kind == "date":
        return _date_score(a, b, sim), shared, "date"
    if ca.kind == "score":
        return sim + (0.25 if ca.value == cb.value else 0.0), shared, "score"
    rel = value_relation(a.base, b.base, config.scale_slack, cross_slack(ca, cb, a.date or b.date))
    if rel in ("near", "far") and _alternative_match(a, b):
        rel = "alternative"
    if rel == "agree" and _loosely_bounded(a, b):
        rel = "far"  # "at least 12 people" and "more than 300,000 homes": both true, not one figure
    score = sim
    if rel == "agree":
        bound = ca.qualifier in ("upper", "lower") or cb.qualifier in ("upper", "lower")
        score += 0.1 if bound else 0.25
    elif rel == "scale":
        score += 0.15
    elif rel == "alternative":
        score += 0.2  # equal once converted (km read as miles, yuan as dollars): rarely a coincidence
    elif rel == "near" and a.base and b.base and min(abs(a.base[0]), abs(b.base[0])) >= 10:
        # figures within a few percent of each other are rarely unrelated
        ratio = max(a.base[0], b.base[0]) / max(min(a.base[0], b.base[0]), 1e-12)
        score += 0.1 if ratio <= 1.1 else 0.0
    elif rel == "near" and ca.unit == cb.unit == "magnitude" and a.base and b.base \
            and abs(a.base[0] - b.base[0]) <= 0.15:
        score += 0.25  # agencies' magnitudes of one quake differ by a tenth: scored as agreeing figures
    elif rel == "far" and _over_time(a, b):
        pass  # a figure that changed between two dated articles, with wording that says so
    elif rel == "far":
        va, vb = (a.base or (1, 1, 1))[0], (b.base or (1, 1, 1))[0]
        ratio = max(va, vb) / max(min(va, vb), 1e-12)
        score -= min(2.0, 0.12 * math.log2(max(ratio, 1.0)))
    if a.noun_head and b.noun_head:
        if a.noun_head != b.noun_head:
            score -= 0.15
        else:
            score += 0.2 if a.noun == b.noun and " " in ca.noun else 0.1
    if ca.role and cb.role:
        score += 0.1 if ca.role == cb.role else -0.3
    elif "part" in (ca.role, cb.role):
        score -= 0.3  # "of which 20 people" is a part, not the whole
    if a.marks != b.marks:
        if a.marks[0] != b.marks[0]:  # ~plan
            score -= 0.15
        if a.marks[1] != b.marks[1]:  # ~aggregate
            score -= 0.3  # a total over several things is not the figure for one of them
        if a.marks[2] != b.marks[2]:  # ~forecast
            score -= 0.35  # what analysts or the company expected is not what was reported
    fate_a, fate_b = a.fates, b.fates
    if fate_a != fate_b and (ca.kind == "count" or (fate_a and fate_b)):
        score -= 0.25  # six killed vs eight at work: different counts of people
    if ca.source == cb.source and rel != "agree":
        score -= 0.1
    if bool(a.keys[3]) != bool(b.keys[3]):
        score -= 0.1  # a period stated on one side only
    if a.soft[0] != b.soft[0]:
        score -= 0.3  # a projection or a plan is not a reported count
    if a.soft[1] and b.soft[1] and a.soft[1] != b.soft[1]:
        score -= 0.2  # an offer is not a price, a fee not a salary
    if (ca.frame.revision == "old") != (cb.frame.revision == "old"):
        score -= 0.3  # a superseded figure is not the current one
    return score, shared, rel


def _loosely_bounded(a: _Item, b: _Item) -> bool:
    """A one-sided bound agrees with any figure beyond it; ten times beyond, it is not evidence."""
    bounds = {a.claim.qualifier, b.claim.qualifier} & {"upper", "lower"}
    if a.base is None or b.base is None or not bounds:
        return False
    lo, hi = sorted((abs(a.base[0]), abs(b.base[0])))
    return lo > 0 and hi / lo > 10


def _date_score(a: _Item, b: _Item, sim: float) -> float:
    """Dates: the same day agrees; a day or three apart is typical of one event reported
    across time zones or print and online editions; further apart is another event."""
    da, db = _day_of_year(a.claim), _day_of_year(b.claim)
    if da is None or db is None:
        return sim
    gap = abs(da - db)
    if gap == 0:
        return sim + 0.25
    if gap <= 3:
        return sim + 0.15
    return sim - min(0.5, 0.05 * gap)


def _day_of_year(c: Claim) -> int | None:
    if c.unit != "date" or not isinstance(c.value, str):
        return None
    mm_dd = c.value[-5:]
    try:
        month, day = int(mm_dd[:2]), int(mm_dd[3:])
    except ValueError:
        return None
    return (month - 1) * 31 + day


def _over_time(a: _Item, b: _Item) -> bool:
    """Two figures that may be one quantity at two moments: update wording, and two dates."""
    if "~update" not in a.tokens and "~update" not in b.tokens:
        return False
    if a.claim.source == b.claim.source:
        return True  # one article telling a timeline ("the estimate has more than doubled")
    return bool(a.date and b.date and a.date != b.date)


def _alternative_match(a: _Item, b: _Item) -> bool:
    """Does one figure match the other once read in another currency or a confusable unit?"""
    if a.base is None or b.base is None:
        return False
    # (most figures have no other reading: no generator made for them)
    if a.alt_bases and any(overlaps(alt, (b.base[1], b.base[2]), 0.15) for alt in a.alt_bases):
        return True
    return bool(b.alt_bases) and any(overlaps(alt, (a.base[1], a.base[2]), 0.15) for alt in b.alt_bases)


