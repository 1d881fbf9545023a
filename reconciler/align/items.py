"""What the aligner compares: each claim as an item with its dimension, base interval, context
words and counted noun; the aligner's settings; IDF weights of context words."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.extract.keys import ENTITY, MEASURE, NOUN_CLASS, PERIOD, entity_key, frame_keys, head_words, soft_keys
from reconciler.extract.text import content_words
from reconciler.extract.units import Rates, alternative_intervals, base_interval, dimension
from reconciler.models import Claim


def frames_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Do two claims' frame keys say they are two quantities (a key set on both sides, different)?"""
    # (a == b first: most pairs a story scores have the same keys, all empty often)
    return a != b and any(x and y and x != y for x, y in zip(a, b, strict=False))


def _noun_head(noun: str) -> str:
    """The thing counted: the noun's last word before any participle ("ballots cast"), as its class
    where the vocabulary has one ("ballots" and "votes" are one thing counted), else singular."""
    words = head_words([w for w in noun.lower().replace("-", " ").split() if w.isalpha()])
    if not words:
        return ""
    w = words[-1]
    return F.THING_CLASSES.get(w) or (w[:-1] if w.endswith("s") and len(w) > 3 else w)


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


_FATES = V.FATE_TOKENS


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
    keys: tuple[str, ...] = ()  # the claim's frame as hard keys (extract.frame.frame_keys)
    soft: tuple[str, str] = ("", "")  # mode and money measure (extract.frame.soft_keys)


# money classes worded so many ways that two sources rarely share the word ("purse", "earned", "pocketed",
# "wage"), while the owner alone is weak evidence: the class itself counts as a shared context word. Not
# "price" or "haul": a story names many prices, and other events' hauls, in the same words
_SAID_MANY_WAYS = frozenset({"$salary"})


def build_items(claims: Sequence[Claim], rates: Rates, config: AlignConfig,
                dates: Mapping[str, str | None] | None = None) -> list[_Item]:
    """What the aligner compares: each claim with its block, base interval and context words."""
    canon = _canonical_tokens(claims, config)
    printed: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in claims:
        if c.kind == "money" and c.low is not None and c.high is not None:
            printed[c.unit].append((c.low, c.high))
    sentence_words: dict[tuple[str, int], frozenset[str]] = {}
    keys = _story_keys(claims)
    items: list[_Item] = []
    for c in claims:
        if c.qualifier == "vague":
            continue
        toks = frozenset(canon.get(t, t) for t in c.context)
        measure = keys[c.id][MEASURE] or soft_keys(c.frame)[1]
        if measure.startswith("$") and (keys[c.id][MEASURE] or measure in _SAID_MANY_WAYS):
            toks |= {"~" + measure}  # "ended the day at" and "closing at", "purse" and "earned": one amount
        key = (c.source, c.sentence_start)
        if key not in sentence_words:
            sentence_words[key] = frozenset(canon.get(w, w) for _p, w in content_words(c.sentence))
        items.append(_Item(c, dimension(c), base_interval(c, rates), toks, sentence_words[key] | toks,
                           _noun_head(c.noun), alternative_intervals(c, rates, printed),
                           (dates or {}).get(c.source) or "",
                           toks & _FATES if _of_people(c, keys[c.id]) else frozenset(),
                           ("~plan" in toks, "~aggregate" in toks, "~forecast" in toks), c.noun.lower(),
                           keys[c.id], soft_keys(c.frame)))
    return items




def _of_people(c: Claim, keys: tuple[str, ...]) -> bool:
    """May the claim count people (so that "killed" or "injured" near it says which people)? Not a
    magnitude, not a count of houses or games: "the magnitude 6.4 quake that killed 131" is one
    magnitude whatever the toll beside it."""
    return c.unit != "magnitude" and keys[NOUN_CLASS] in ("", "person")


def _story_keys(claims: Sequence[Claim]) -> dict[str, tuple[str, ...]]:
    """Each claim's frame keys, with the entities and years that only one source of the story gives
    a figure dropped: an owner or a year the coverage names once is as likely a misreading as a
    subject (a name in a list, a year in a title), and a hard key must be sure."""
    raw = {c.id: frame_keys(c.frame) for c in claims}
    seen: dict[tuple[int, str], set[str]] = defaultdict(set)
    for c in claims:
        k = raw[c.id]
        for pos in (ENTITY, PERIOD):
            if k[pos]:
                seen[(pos, k[pos])].add(c.source)
    owner = _sole_products({e for pos, e in seen if pos == ENTITY}, claims)
    out = {}
    for c in claims:
        k = raw[c.id]
        drop = [pos for pos in (ENTITY, PERIOD) if k[pos] and len(seen[(pos, k[pos])]) < 2
                and (pos == ENTITY or k[pos].isdigit())]
        out[c.id] = tuple("" if i in drop else v for i, v in enumerate(k)) if drop else k
        if out[c.id][ENTITY] in owner:
            out[c.id] = tuple(owner[v] if i == ENTITY else v for i, v in enumerate(out[c.id]))
    return out


# "Acme's Zeta", "Acme Labs' new Zeta 2": a maker (one to three capitalised words) before what it owns
_POSSESSIVE = re.compile(
    r"\b([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})['’]s? (?:(?:new|latest|open|own|flagship) ){0,2}"
    r"([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})"
)


def _sole_products(entities: set[str], claims: Sequence[Claim]) -> dict[str, str]:
    """Owner keys of one thing: a product whose maker the story's sentences name in the possessive
    ("Acme's Zeta") stands for its maker when the maker owns nothing else there. The figures of the
    product are the maker's ("Acme trained it on 512 GPUs", "Zeta was trained on 512 GPUs"); a maker
    the coverage gives two products ("Acme's Zeta" and "Acme's Orbit") keeps them apart."""
    products: dict[str, set[str]] = defaultdict(set)
    for sentence in {c.sentence for c in claims if "'" in c.sentence or "’" in c.sentence}:
        for m in _POSSESSIVE.finditer(sentence):
            maker, product = entity_key(m.group(1)), entity_key(m.group(2))
            if maker != product and maker in entities and product in entities:
                products[maker].add(product)
    owned = Counter(p for ps in products.values() for p in ps)
    return {next(iter(ps)): maker for maker, ps in products.items()
            if len(ps) == 1 and owned[next(iter(ps))] == 1 and next(iter(ps)) not in products}
