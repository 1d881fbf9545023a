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
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from reconciler.extract.text import content_words
from reconciler.models import Claim, Group
from reconciler.units import Rates, alternative_intervals, base_interval, cross_slack, dimension, overlaps


@dataclass(frozen=True)
class AlignConfig:
    link_threshold: float = 0.35  # clean (no false alarm, no wrong pair) from 0.33 to 0.38 on the dev stories
    average_threshold: float = 0.2
    prefilter_cutoff: float = 35.0  # rapidfuzz token_set_ratio on context keys
    all_pairs_below: int = 300  # blocks smaller than this compare all pairs
    block_keys: int = 4  # a large block is indexed by each claim's rarest context words ...
    max_key_block: int = 150  # ... and a word shared by more claims than this is not a key
    max_average_pairs: int = 400  # above this many cross pairs, average only the pairs already scored
    fuzzy_token_ratio: float = 86.0  # spelling variants: "Acmeseeker" ~ "Acmeseek"
    min_context: float = 0.1  # equal values alone never link two claims
    scale_slack: float = 0.03


@dataclass(frozen=True)
class _Item:
    claim: Claim
    dim: str
    base: tuple[float, float, float] | None
    tokens: frozenset[str]  # near the number (its clause)
    wide: frozenset[str]  # the whole sentence
    noun_head: str
    alt_bases: tuple[tuple[float, float], ...] = ()  # the same number read in the story's other currencies
    date: str = ""  # the article's own date, if it states one
    fates: frozenset[str] = frozenset()  # the tokens of ``_FATES`` among ``tokens``
    marks: tuple[bool, bool, bool] = (False, False, False)  # ~plan, ~aggregate, ~forecast among ``tokens``
    noun: str = ""  # the counted noun, lower case


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


def build_items(claims: Sequence[Claim], rates: Rates, config: AlignConfig,
                dates: Mapping[str, str | None] | None = None) -> list[_Item]:
    """What the aligner compares: each claim with its block, base interval and context words."""
    canon = _canonical_tokens(claims, config)
    printed: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in claims:
        if c.kind == "money" and c.low is not None and c.high is not None:
            printed[c.unit].append((c.low, c.high))
    sentence_words: dict[tuple[str, int], frozenset[str]] = {}
    items: list[_Item] = []
    for c in claims:
        if c.qualifier == "vague":
            continue
        toks = frozenset(canon.get(t, t) for t in c.context)
        key = (c.source, c.sentence_start)
        if key not in sentence_words:
            sentence_words[key] = frozenset(canon.get(w, w) for _p, w in content_words(c.sentence))
        items.append(_Item(c, dimension(c), base_interval(c, rates), toks, sentence_words[key] | toks,
                           _noun_head(c.noun), alternative_intervals(c, rates, printed),
                           (dates or {}).get(c.source) or "", toks & _FATES,
                           ("~plan" in toks, "~aggregate" in toks, "~forecast" in toks), c.noun.lower()))
    return items


# ---------------------------------------------------------------------------------------


def _noun_head(noun: str) -> str:
    words = [w for w in noun.lower().replace("-", " ").split() if w.isalpha()]
    if not words:
        return ""
    w = words[-1]
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _canonical_tokens(claims: Iterable[Claim], config: AlignConfig) -> dict[str, str]:
    """Map spelling variants to the most frequent form, comparing words within first-letter buckets."""
    freq: Counter[str] = Counter(t for c in claims for t in c.context)
    buckets: dict[str, list[str]] = defaultdict(list)
    for t, _n in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(t) >= 5 and t.isalpha():
            buckets[t[:2]].append(t)
    canon: dict[str, str] = {}
    for words in buckets.values():
        if len(words) < 2:
            continue
        matrix = process.cdist(words, words, scorer=fuzz.ratio, score_cutoff=config.fuzzy_token_ratio)
        for i, w in enumerate(words):
            for j in range(i):  # only towards more frequent words
                if matrix[i][j] and words[j] not in canon:
                    canon[w] = words[j]
                    break
    return canon


def _idf(block: Sequence[_Item]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for it in block:
        df.update(it.wide)
    n = len(block)
    return {t: math.log((n + 1) / (d + 0.5)) + 0.1 for t, d in df.items()}


class _Weights:
    """IDF weights of context words, with the total weight of each context set remembered."""

    def __init__(self, idf: dict[str, float]) -> None:
        self.idf = idf
        self._totals: dict[frozenset[str], float] = {}

    def get(self, t: str, default: float = 1.0) -> float:
        return self.idf.get(t, default)

    def total(self, x: frozenset[str]) -> float:
        w = self._totals.get(x)
        if w is None:
            w = self._totals[x] = math.fsum(self.idf.get(t, 1.0) for t in x)
        return w


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
    rel = value_relation(a.base, b.base, config.scale_slack, cross_slack(ca, cb))
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
    return any(overlaps(alt, (b.base[1], b.base[2]), 0.15) for alt in a.alt_bases) or \
        any(overlaps(alt, (a.base[1], a.base[2]), 0.15) for alt in b.alt_bases)


_FATES = frozenset({"~dead", "~hurt", "~missing", "~alive"})
# blocks from this size up (and under ``all_pairs_below``) have their unlinked pairs found as a matrix
_VECTOR_FROM = 16


def _cannot_link(a: _Item, b: _Item, config: AlignConfig) -> bool:
    """Two different numbers in one source are two quantities, unless one is a slip of the other.

    In one sentence they are always two quantities ("from 15.6% to 71.0%"). Elsewhere in the
    article a figure a power of ten away, or equal once read in another currency, may be the
    same quantity misprinted: those stay linkable so the slip can be shown.
    """
    ca, cb = a.claim, b.claim
    if ca.kind == "count" and a.fates != b.fates:
        return True  # six killed vs eight on the bridge: counts of different people
    if ca.source != cb.source:
        return False
    if ca.range_id and ca.range_id == cb.range_id:
        return True
    if ca.sentence_start == cb.sentence_start and ca.unit == cb.unit and ca.value != cb.value:
        return True  # "at least 12 people were killed and more than 300,000 homes lost power"
    rel = value_relation(a.base, b.base, config.scale_slack, cross_slack(ca, cb))
    if ca.value == cb.value or rel == "agree":
        return False  # the same figure again, or restated in another unit ("1.6-mile (2.6-kilometre)")
    if ca.sentence_start == cb.sentence_start:
        return True
    return rel != "scale" and not _alternative_match(a, b) and not _over_time(a, b)


def _candidates(block: Sequence[_Item], config: AlignConfig, idf: _Weights | None = None
                ) -> Iterable[tuple[int, int]]:
    """Pairs worth scoring. Small blocks: all pairs. Large blocks (a whole archive): claims are
    indexed by their rarest context words, and only claims sharing such a word are compared, with
    rapidfuzz's vectorised ``cdist`` and a score cutoff inside each of those small key blocks, so
    the work grows with the number of claims, not with its square."""
    n = len(block)
    if n < config.all_pairs_below:
        for i in range(n):
            for j in range(i + 1, n):
                yield i, j
        return
    weights = idf.idf if idf else {}
    index: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(block):
        words = sorted((t for t in it.tokens if not t.startswith("~")), key=lambda t: (-weights.get(t, 1.0), t))
        for t in words[:config.block_keys]:
            index[t].append(i)
        if it.noun_head:
            index["noun:" + it.noun_head].append(i)
    keys = [" ".join(sorted(it.tokens)) for it in block]
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) < 2 or len(members) > config.max_key_block:
            continue  # a word shared by too many claims does not tell quantities apart
        texts = [keys[i] for i in members]
        matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio,
                               score_cutoff=config.prefilter_cutoff, workers=1)
        for x in range(len(members)):
            row = matrix[x]
            for y in range(x + 1, len(members)):
                if row[y]:
                    pair = (min(members[x], members[y]), max(members[x], members[y]))
                    if pair not in seen:
                        seen.add(pair)
                        yield pair


def _by_weight(words: frozenset[str], w: _Weights) -> list[str]:
    """Words rarest first, then alphabetical: a stable order for the reasons shown."""
    return sorted(words, key=lambda t: (-w.get(t), t))


def _linkable(block: Sequence[_Item], idf: _Weights, config: AlignConfig) -> tuple[Any, list[list[float]] | None]:
    """For a block compared all pairs with all: which pairs may link, and their context similarity.

    A pair whose context similarity is under ``min_context`` is "unlinked" whatever else it
    has in common, and most pairs of a block are. The similarity of :func:`_ctx_sim` is
    computed here for all pairs at once, the shared weights as matrix products, so only
    the linkable pairs are scored one by one. The weights are summed exactly (see
    :func:`_shared_weights`), so each similarity is the very float :func:`_ctx_sim` gives
    and the result does not change. Returns (linkable pairs as an upper-triangular boolean
    matrix, similarities as lists); the similarities are None in the rare block whose
    weights cannot be summed exactly, where linkable keeps a margin and each pair is scored as before.
    """
    n = len(block)
    near = _shared_context([it.tokens for it in block], idf)
    wide = _shared_context([it.wide for it in block], idf)
    exact = near is not None and wide is not None
    if near is None or wide is None:
        near = _shared_context([it.tokens for it in block], idf, exact=False)
        wide = _shared_context([it.wide for it in block], idf, exact=False)
    sim = 0.65 * near + 0.35 * wide
    keep = sim >= (config.min_context if exact else config.min_context - 1e-9)
    # a pair at one position is never a candidate, but may be scored when its clusters meet
    starts = np.array([hash((it.claim.source, it.claim.start)) for it in block])
    keep |= starts[:, None] == starts[None, :]
    keep[np.tril_indices(n)] = False
    return keep, (sim.tolist() if exact else None)


def _shared_context(sets: Sequence[frozenset[str]], idf: _Weights, exact: bool = True) -> Any:
    """The similarity of :func:`_weighted_overlap` for every pair of ``sets``, as a matrix:
    the same floats (None if the weights cannot be summed exactly), or with ``exact=False``
    within rounding of them."""
    seen: Counter[str] = Counter(t for x in sets for t in x)
    vocab = {t: k for k, t in enumerate(sorted(t for t, c in seen.items() if c > 1))}
    n = len(sets)
    has = np.zeros((n, len(vocab)))
    for i, x in enumerate(sets):
        cols = [vocab[t] for t in x if t in vocab]
        has[i, cols] = 1.0
    weights = np.array([idf.get(t) for t in vocab])
    shared = _shared_weights(has, weights) if exact else np.einsum("ik,jk->ij", has * weights, has)
    if shared is None:
        return None
    totals = np.array([idf.total(x) for x in sets])
    # the arithmetic of _weighted_overlap, operation by operation (each rounds as in Python)
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = 2.0 * shared / (totals[:, None] + totals[None, :])
        smaller = shared / np.minimum(totals[:, None], totals[None, :])
        return np.where(shared > 0, 0.45 * dice + 0.55 * smaller, 0.0)


_ULP = 2.0 ** -56  # every weight from 1/16 up is a whole multiple of this
_LIMB = 2.0 ** 28


def _shared_weights(has: Any, weights: Any) -> Any:
    """``has @ diag(weights) @ has.T`` summed exactly, then rounded once: for each pair the
    float ``math.fsum`` gives over the weights of their shared words (None if a weight is
    outside [1/16, 16), where that cannot be done this way).

    Each weight is a whole number of ``_ULP`` under 2**60, split into two whole numbers
    under 2**32 and 2**28; sums of those stay whole and under 2**53, so the float matrix
    products (einsum's own loop, not BLAS: its threads would spin against the worker
    processes) are exact in any order; the two parts then meet in a single rounding.
    """
    if len(weights) and not (weights.min() >= 1 / 16 and weights.max() < 16):
        return None
    units = weights / _ULP
    if len(weights) and not np.array_equal(units, np.floor(units)):
        return None
    high = np.floor(units / _LIMB)
    low = units - high * _LIMB
    sum_high = np.einsum("ik,jk->ij", has * high, has)
    sum_low = np.einsum("ik,jk->ij", has * low, has)
    carry = np.floor(sum_low / _LIMB)
    return (sum_high + carry) * (_LIMB * _ULP) + (sum_low - carry * _LIMB) * _ULP


class _Scores:
    """The pair scores of one block, computed once each and only when needed.

    Blocks compared all pairs with all have a :func:`_linkable` matrix: a pair outside it is
    unlinked (its score is under ``min_context - 1``, so it adds nothing to an average
    link) and its exact score is only computed if a group's strongest link needs it.
    """

    def __init__(self, block: Sequence[_Item], idf: _Weights, config: AlignConfig, keep: Any = None,
                 sims: list[list[float]] | None = None) -> None:
        self.block, self.idf, self.config = block, idf, config
        self.keep = keep
        self.sims = sims  # context similarity of each pair (with ``keep``), exact
        self.known: dict[tuple[int, int], float] = {}
        self.adjacency: dict[int, list[tuple[int, float]]] = defaultdict(list)  # blocks without ``keep``
        self.floor = config.min_context - 1.0  # every unlinked score is under this

    def candidates(self) -> Iterable[tuple[int, int]]:
        if self.keep is None:
            yield from _candidates(self.block, self.config, self.idf)
            return
        rows, cols = np.nonzero(self.keep)
        yield from zip(rows.tolist(), cols.tolist(), strict=True)

    def score(self, i: int, j: int) -> tuple[float, frozenset[str] | None]:
        """The pair's score and shared words (None when they were not needed to score it)."""
        sim = self.sims[i][j] if self.sims is not None else None
        s, shared, _rel = _pair_score(self.block[i], self.block[j], self.idf, self.config, len(self.block), sim)
        return s, shared

    def exact(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        s = self.known.get(key)
        if s is None:
            if self.sims is not None and not self.keep[key]:
                return self.sims[key[0]][key[1]] - 1.0  # what _pair_score gives an unlinked pair
            s = self.known[key] = self.score(*key)[0]
        return s

    def positive(self, i: int, j: int) -> float:
        """``max(score, 0)``, without scoring a pair known to be unlinked."""
        key = (i, j) if i < j else (j, i)
        s = self.known.get(key)
        if s is None:
            if self.keep is not None and not self.keep[key]:
                return 0.0
            s = self.exact(i, j)
        return max(s, 0.0)

    def between(self, x: int, others: Sequence[int], other: int, find: Any) -> list[float]:
        """``positive`` of ``x`` with each candidate partner in cluster ``other`` (``others`` its members)."""
        if self.keep is None:
            return [max(sc, 0.0) for y, sc in self.adjacency[x] if find(y) == other]
        src, start = self.block[x].claim.source, self.block[x].claim.start
        out = []
        for y in sorted(others):
            c = self.block[y].claim
            if c.source == src and c.start == start:
                continue  # never a candidate
            out.append(self.positive(x, y))
        return out

    def strongest(self, i: int, partners: Iterable[int]) -> float:
        """The highest score of ``i`` with any of ``partners`` (0.0 if none)."""
        partners = list(partners)
        if not partners:
            return 0.0
        if self.keep is None:
            return max(self.exact(i, j) for j in partners)
        scored = [self.known[k] for j in partners if (k := (i, j) if i < j else (j, i)) in self.known]
        if scored and max(scored) > self.floor:
            return max(scored)  # an unlinked pair cannot beat it
        return max(self.exact(i, j) for j in partners)


def _cluster(block: Sequence[_Item], idf: _Weights, config: AlignConfig
             ) -> list[tuple[list[_Item], list[str], float, dict[str, float]]]:
    keep, sims = _linkable(block, idf, config) if _VECTOR_FROM <= len(block) < config.all_pairs_below else (None, None)
    scores = _Scores(block, idf, config, keep, sims)
    scored: list[tuple[float, int, int, frozenset[str] | None]] = []
    known, n, threshold = scores.known, len(block), config.link_threshold
    for i, j in scores.candidates():
        a, b = block[i], block[j]
        if a.claim.source == b.claim.source and a.claim.start == b.claim.start:
            continue
        s, shared, _rel = _pair_score(a, b, idf, config, n, sims[i][j] if sims is not None else None)
        known[(i, j)] = s
        if s >= threshold:
            scored.append((s, i, j, shared))

    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    parent = list(range(len(block)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(block))}
    why: dict[int, Counter[str]] = defaultdict(Counter)  # shared words, counted over the links made
    best: dict[int, float] = defaultdict(float)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if keep is None:
        for (i, j), sc in scores.known.items():
            scores.adjacency[i].append((j, sc))
            scores.adjacency[j].append((i, sc))
    by_source: dict[int, dict[str, list[int]]] = {i: {it.claim.source: [i]} for i, it in enumerate(block)}
    fates: dict[int, set[frozenset[str]]] = {i: {it.fates} for i, it in enumerate(block)
                                              if it.claim.kind in ("count", "number")}

    def blocked(ri: int, rj: int) -> bool:
        """Would merging the two clusters link two claims that cannot be one quantity?"""
        if len(fates.get(ri, set()) | fates.get(rj, set())) > 1:
            return True  # counts of people with different fates
        sa, sb = by_source[ri], by_source[rj]
        return any(cannot_link(x, y) for src in sa.keys() & sb.keys() for x in sa[src] for y in sb[src])

    apart: dict[tuple[int, int], bool] = {}  # a rejected merge is often tried again: remember its pairs

    def cannot_link(x: int, y: int) -> bool:
        known = apart.get((x, y))  # in this order: the test is not symmetric in the claims' kinds
        if known is None:
            known = apart[(x, y)] = _cannot_link(block[x], block[y], config)
        return known

    def average_link(ri: int, rj: int, s: float) -> float:
        mi, mj = members[ri], members[rj]
        if len(mi) * len(mj) <= config.max_average_pairs:
            # an unlinked pair (no shared context) is no evidence either way: it counts as 0
            cross = [scores.positive(x, y) for x in mi for y in mj]
        else:  # a large merge: the candidate pairs already scored stand for the rest
            small, other = (mi, rj) if len(mi) <= len(mj) else (mj, ri)
            others = members[other]
            cross = [v for x in small for v in scores.between(x, others, other, find)] or [s]
        return sum(cross) / len(cross)

    def words(i: int, j: int, shared: frozenset[str] | None) -> list[str]:
        if shared is None:  # scored from the similarity matrix: the shared words, now they count
            shared = (block[i].tokens & block[j].tokens) | (block[i].wide & block[j].wide)
        return _by_weight(shared, idf)

    for s, i, j, shared in scored:
        ri, rj = find(i), find(j)
        if ri == rj:
            why[ri].update(words(i, j, shared))
            continue
        if blocked(ri, rj):
            continue
        if len(members[ri]) * len(members[rj]) > 1 and average_link(ri, rj, s) < config.average_threshold:
            continue
        parent[rj] = ri
        members[ri] = members[ri] + members[rj]
        del members[rj]
        for src, idx in by_source.pop(rj).items():
            by_source[ri].setdefault(src, []).extend(idx)
        if rj in fates or ri in fates:
            fates[ri] = fates.get(ri, set()) | fates.pop(rj, set())
        why[ri].update(words(i, j, shared))
        why[ri].update(why.pop(rj, Counter()))
        best[ri] = max(best[ri], best.pop(rj, 0.0), s)
    out: list[tuple[list[_Item], list[str], float, dict[str, float]]] = []
    for root, idx in members.items():
        items = [block[i] for i in sorted(idx)]
        if len({it.claim.source for it in items}) < 2:
            continue
        links = {block[i].claim.id: scores.strongest(i, (j for j in idx if block[j].claim.source !=
                                                          block[i].claim.source)) for i in idx}
        out.append((items, [w for w, _n in why[root].most_common(6)], best[root], links))
    return out


def partner_low(high: Claim, partner: dict[str, Claim]) -> str:
    return next((k for k, v in partner.items() if v.id == high.id), "")


def _group(dim: str, items: list[_Item], why: list[str], score: float, links: dict[str, float],
           extra: Sequence[Claim] = ()) -> Group:
    claims = sorted([it.claim for it in items] + list(extra), key=lambda c: (c.source, c.start))
    gid = "g-" + hashlib.sha1(f"{dim}|{claims[0].id}".encode()).hexdigest()[:8]
    nouns = Counter(c.noun.lower() for c in claims if c.noun and c.kind == "count")
    label = nouns.most_common(1)[0][0] if nouns else " ".join(why[:3]) if why else dim
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
