"""Candidate pairs (rapidfuzz over context keys, or all pairs for small blocks) and best-first
merging under constraints, so that groups do not chain."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from reconciler.align.items import AlignConfig, _Item, _Weights, frames_differ
from reconciler.align.score import _alternative_match, _over_time, _pair_score, value_relation
from reconciler.extract.units import cross_slack

# blocks from this size up (and under ``all_pairs_below``) have their unlinked pairs found as a matrix
_VECTOR_FROM = 16
# a context shared by this many claims or fewer (after reprints count once) is compared all pairs
_ALL_PAIRS_IN_CONTEXT = 20


def _cannot_link(a: _Item, b: _Item, config: AlignConfig) -> bool:
    """Two different numbers in one source are two quantities, unless one is a slip of the other.

    In one sentence they are always two quantities ("from 15.6% to 71.0%"). Elsewhere in the
    article a figure a power of ten away, or equal once read in another currency, may be the
    same quantity misprinted: those stay linkable so the slip can be shown.
    """
    ca, cb = a.claim, b.claim
    if ca.kind == "count" and a.fates != b.fates:
        return True  # six killed vs eight on the bridge: counts of different people
    if frames_differ(a.keys, b.keys):
        return True  # another entity, period, reference point, part or mode
    if ca.source != cb.source:
        return False
    if ca.range_id and ca.range_id == cb.range_id:
        return True
    if ca.sentence_start == cb.sentence_start and ca.unit == cb.unit and ca.value != cb.value:
        return True  # "at least 12 people were killed and more than 300,000 homes lost power"
    rel = value_relation(a.base, b.base, config.scale_slack, cross_slack(ca, cb, a.date or b.date))
    if ca.value == cb.value or rel == "agree":
        return False  # the same figure again, or restated in another unit ("1.6-mile (2.6-kilometre)")
    if ca.sentence_start == cb.sentence_start:
        return True
    return rel != "scale" and not _alternative_match(a, b) and not _over_time(a, b)


def _candidates(block: Sequence[_Item], config: AlignConfig, idf: _Weights | None = None,
                printing: Sequence[int] | None = None) -> Iterable[tuple[int, int]]:
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
    # a claim reprinted word for word (the same figure, context and frame in another source) pairs
    # with its first printing, which stands for it: a story reprinted hundreds of times is compared
    # as the few articles it is, all pairs when they are few, not by the keys of a whole archive
    if printing is None:
        printing = _printing_ids(block)
    first: dict[int, int] = {}
    for i, p in enumerate(printing):
        r = first.setdefault(p, i)
        if r != i:
            yield r, i
    reps = sorted(first.values())
    if len(reps) < config.all_pairs_below:
        for x, i in enumerate(reps):
            for j in reps[x + 1:]:
                yield i, j
        return
    weights = idf.idf if idf else {}
    index: dict[str, list[int]] = defaultdict(list)
    for i in reps:
        it = block[i]
        words = sorted((t for t in it.tokens if not t.startswith("~")), key=lambda t: (-weights.get(t, 1.0), t))
        for t in words[:config.block_keys]:
            index[t].append(i)
        if it.noun_head:
            index["noun:" + it.noun_head].append(i)
    keys = [" ".join(sorted(it.tokens)) for it in block]
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) < 2:
            continue
        if len(members) > config.max_key_block:
            # a word shared by too many claims does not tell quantities apart; the claims of
            # reprints (the same context words) count once, so a much reprinted story keeps its keys
            yield from _reprinted_pairs(members, keys, config, seen)
            continue
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


def _printing(it: _Item) -> tuple[Any, ...]:
    """What a word-for-word reprint of a claim shares with it: everything the pair score reads
    but the source."""
    c = it.claim
    return (c.text, c.kind, c.unit, c.value, c.low, c.high, c.qualifier, c.role, c.frame, it.base, it.alt_bases,
            it.tokens, it.wide, it.keys, it.soft, it.fates, it.marks, it.noun, it.noun_head, it.date)


def _printing_ids(block: Sequence[_Item]) -> list[int]:
    """Each claim's printing as a small number: claims reprinted word for word share one."""
    ids: dict[tuple[Any, ...], int] = {}
    return [ids.setdefault(_printing(it), len(ids)) for it in block]


def _reprinted_pairs(members: list[int], keys: list[str], config: AlignConfig, seen: set[tuple[int, int]]
                     ) -> Iterable[tuple[int, int]]:
    """The pairs of a key block too large to be a key, if its claims have at most
    ``max_key_block`` distinct contexts: the claims of one context (copies) each pair with the
    first of them, and the first claims of the contexts as rapidfuzz's prefilter says (so the
    pairs grow with the claims, not with the square of the copies)."""
    distinct: dict[str, list[int]] = {}
    for i in members:
        distinct.setdefault(keys[i], []).append(i)
    if len(distinct) > config.max_key_block:
        return
    texts = list(distinct)
    matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=config.prefilter_cutoff,
                           workers=1)
    firsts = [distinct[t][0] for t in texts]
    for x, tx in enumerate(texts):
        row = matrix[x]
        same = distinct[tx]  # one context: all pairs if few (different figures in like words), else with the first
        pairs = [(a, b) for k, a in enumerate(same) for b in same[k + 1:]] if len(same) <= _ALL_PAIRS_IN_CONTEXT \
            else [(firsts[x], b) for b in same[1:]]
        pairs += [(firsts[x], firsts[y]) for y in range(x + 1, len(texts)) if row[y]]
        for a, b in pairs:
            pair = (min(a, b), max(a, b))
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
        # blocks without ``keep``: each claim's printing (see :func:`_printing`), so that the pairs of
        # a much reprinted story are scored once per two printings, not once per two reprints
        self.printing: list[int] | None = None
        if keep is None:
            self.printing = _printing_ids(block)
        self.by_printing: dict[tuple[int, int, bool], float] = {}

    def candidates(self) -> Iterable[tuple[int, int]]:
        if self.keep is None:
            yield from _candidates(self.block, self.config, self.idf, self.printing)
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
            if self.printing is not None:
                a, b = key
                alike = (self.printing[a], self.printing[b], self.block[a].claim.source == self.block[b].claim.source)
                s = self.by_printing.get(alike)
                if s is None:
                    s = self.by_printing[alike] = self.score(a, b)[0]
                return s
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

    def links(self, idx: Sequence[int]) -> dict[str, float]:
        """Each claim's strongest link with a claim of another source in its group."""
        block = self.block
        if self.printing is None:
            return {block[i].claim.id: self.strongest(i, (j for j in idx if block[j].claim.source !=
                                                          block[i].claim.source)) for i in idx}
        # one partner per printing and side is enough (see ``strongest``): found by bisection, not
        # by a pass over the group for each claim (a much reprinted group has thousands)
        by_printing: dict[int, list[int]] = defaultdict(list)
        for j in sorted(idx):
            by_printing[self.printing[j]].append(j)
        out: dict[str, float] = {}
        for i in idx:
            src = block[i].claim.source
            best: float | None = None
            for same in by_printing.values():
                below = next((j for j in same if j >= i or block[j].claim.source != src), i)
                at = bisect.bisect_right(same, i)
                while at < len(same) and block[same[at]].claim.source == src:
                    at += 1
                for k in (below if below < i else -1, same[at] if at < len(same) else -1):
                    if k >= 0:
                        v = self.exact(i, k)
                        best = v if best is None or v > best else best
            out[block[i].claim.id] = 0.0 if best is None else best
        return out

    def strongest(self, i: int, partners: Iterable[int]) -> float:
        """The highest score of ``i`` with any of ``partners`` (0.0 if none)."""
        partners = list(partners)
        if not partners:
            return 0.0
        if self.printing is not None:  # one partner per printing (and side of ``i``) is enough
            one: dict[tuple[int, bool], int] = {}
            for j in partners:
                one.setdefault((self.printing[j], j < i), j)
            return max(self.exact(i, j) for j in one.values())
        if self.keep is None:
            return max(self.exact(i, j) for j in partners)
        scored = [self.known[k] for j in partners if (k := (i, j) if i < j else (j, i)) in self.known]
        if scored and max(scored) > self.floor:
            return max(scored)  # an unlinked pair cannot beat it
        return max(self.exact(i, j) for j in partners)


_NO_FATES: frozenset[frozenset[str]] = frozenset()


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

    # each cluster's frame keys: the values set for each key among its members
    keysets: dict[int, list[set[str]]] = {i: [{k} if k else set() for k in it.keys] for i, it in enumerate(block)}

    def blocked(ri: int, rj: int) -> bool:
        """Would merging the two clusters link two claims that cannot be one quantity?"""
        fa, fb = fates.get(ri, _NO_FATES), fates.get(rj, _NO_FATES)
        if (fa != fb or len(fa) > 1) and len(fa | fb) > 1:  # (no new set for most pairs)
            return True  # counts of people with different fates
        for x, y in zip(keysets[ri], keysets[rj], strict=False):  # (a loop: tried for every link)
            if (x != y or len(x) > 1) and len(x | y) > 1:
                return True  # frames that differ: another entity, period, reference point, part or mode
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
        keysets[ri] = [x | y for x, y in zip(keysets[ri], keysets.pop(rj), strict=False)]
        why[ri].update(words(i, j, shared))
        why[ri].update(why.pop(rj, Counter()))
        best[ri] = max(best[ri], best.pop(rj, 0.0), s)
    out: list[tuple[list[_Item], list[str], float, dict[str, float]]] = []
    for root, idx in members.items():
        items = [block[i] for i in sorted(idx)]
        if len({it.claim.source for it in items}) < 2:
            continue
        links = scores.links(idx)
        out.append((items, [w for w, _n in why[root].most_common(6)], best[root], links))
    return out


