"""Split a large corpus into stories, so claims are only aligned with claims of their own story.

A desk archive mixes many unrelated stories. Aligning all their claims together costs the
square of the corpus (every count is compared with every count) and links figures of
unrelated stories. Two articles belong to one story when they share at least
``min_shared`` rare words (names of places, people, companies, products: words that
occur in a few articles of the corpus, at most ``cap``); stories are the connected
components of that relation. Pairs are found through an inverted index, so the cost grows
with the number of rare words shared, not with the square of the number of articles.

Small corpora (fewer than ``PARTITION_FROM`` articles) are one story: they are aligned
exactly as a whole, as they always were.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

__all__ = ["PARTITION_FROM", "ascii_words", "partition", "signature"]

PARTITION_FROM = 50
REPRINT_WORDS = 20  # distinct shared words an article needs before its copies count as one text
_WORD = re.compile(r"[^\W\d_]{4,}")
_ASCII_WORD = re.compile(r"[a-z]{4,}")  # the same, in lower-cased text whose word characters are all ASCII
_ASCII = bytes(range(128))


def ascii_words(lowered: str) -> bool:
    """True when every word character (``\\w``) of the lower-cased ``lowered`` is ASCII.

    In such a text ``\\w`` matches exactly ``[a-z0-9_]`` and ``[^\\W\\d_]`` exactly ``[a-z]``,
    classes the regex engine tests several times faster than the Unicode ones; news text is
    mostly such, its non-ASCII characters being punctuation and symbols (’ “ ” — € £).

    >>> ascii_words("the €5 “deal” — done"), ascii_words("josé said"), ascii_words("ⅻ")
    (True, False, False)
    """
    if lowered.isascii():
        return True
    rest = lowered.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")
    return not any(c.isalnum() for c in set(rest))


def signature(text: str) -> tuple[str, ...]:
    """The distinct words of four letters or more in ``text``, lowercased and sorted."""
    low = text.lower()
    return tuple(sorted(set((_ASCII_WORD if ascii_words(low) else _WORD).findall(low))))


def partition(signatures: Sequence[Sequence[str]], *, neighbours: int = 3, min_shared: int = 2,
              relative: float = 0.5, cap: int = 0, min_articles: int = PARTITION_FROM) -> list[list[int]]:
    """Indices of the articles of each story, each list ascending, stories by first article.

    Each article is linked to its ``neighbours`` most similar articles (IDF-weighted shared
    words that occur in at most ``cap`` articles, and at least ``min_shared`` of them, with at
    least ``relative`` times the score of the nearest);
    stories are the connected components. Siblings in one story share its names, so an
    article's nearest neighbours are in its own story; a word in more than ``cap`` articles
    (default: 64, or 2% of the corpus when that is more) is common vocabulary. Reprints count
    once: articles with the same words, but for words only one article has, are one text for
    this (and so a corpus that is mostly copies of a few articles is one story).

    >>> partition([("alpha", "beta", "said"), ("alpha", "beta", "said"), ("gamma", "delta", "said"),
    ...            ("gamma", "delta", "epsilon")], min_articles=2)
    [[0, 1], [2, 3]]
    >>> partition([("alpha",), ("beta",)])
    [[0, 1]]
    >>> words = tuple(f"word{k:02d}" for k in range(20))
    >>> partition([(*words, f"outlet{k}") for k in range(3)] + [("gamma",), ("delta",)], min_articles=3)
    [[0, 1, 2], [3], [4]]
    """
    n = len(signatures)
    if n < max(min_articles, 2):
        return [list(range(n))] if n else []
    df: Counter[str] = Counter()
    for sig in signatures:
        df.update(sig)
    # reprints count once: articles whose words are the same, but for words no other article
    # has (an outlet's name, a byline), are one text. Counted once each, a story's words are
    # not common vocabulary however often it is reprinted (400 reprints of five articles are five).
    texts: dict[tuple[str, ...] | int, list[int]] = {}
    cores: list[tuple[str, ...]] = []
    for i, sig in enumerate(signatures):
        core = tuple([w for w in sig if df[w] >= 2])  # (a list first: quicker than a generator)
        # a text too short to know a copy by (a one-line note) is a copy of nothing, as for copies.py
        key: tuple[str, ...] | int = core if len(core) >= REPRINT_WORDS else i
        if key not in texts:
            texts[key] = []
            cores.append(core)
        texts[key].append(i)
    if len(texts) < n:
        members = list(texts.values())
        merged = partition(cores, neighbours=neighbours, min_shared=min_shared, relative=relative,
                           cap=cap, min_articles=min_articles)
        return sorted((sorted(i for k in story for i in members[k]) for story in merged), key=lambda s: s[0])
    cap = cap or max(64, n // 50)
    eligible = {w for w, k in df.items() if 2 <= k <= cap}
    postings: dict[str, list[int]] = defaultdict(list)
    rare: list[list[str]] = []  # each signature's eligible words, in its order (their weights add up in it)
    for i, sig in enumerate(signatures):
        kept = eligible.intersection(sig)
        # sorted, as signature() makes them (else in the signature's own order)
        ordered = sorted(kept) if list(sig) == sorted(sig) else [w for w in sig if w in kept]
        rare.append(ordered)
        for w in ordered:
            postings[w].append(i)
    idf = {w: math.log(n / len(docs)) for w, docs in postings.items()}
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    nearest: list[set[int]] = []
    rare_sets = [set(words) for words in rare]
    for i, words in enumerate(rare):
        count: Counter[int] = Counter()
        for w in words:
            count.update(postings[w])
        count.pop(i, None)
        score: dict[int, float] = {}
        for j, k in count.items():
            if k >= min_shared:  # the IDF of the shared words, added up in this article's order
                total = 0.0
                other = rare_sets[j]
                for w in words:
                    if w in other:
                        total += idf[w]
                score[j] = total
        best = sorted(score, key=lambda j: (-score[j], j))
        near: set[int] = set()
        for j in best[:neighbours]:
            if score[j] < relative * score[best[0]]:
                break  # much weaker than the nearest: another story sharing topic words
            near.add(j)
        nearest.append(near)
    for i, near in enumerate(nearest):
        for j in near:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    stories: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        stories[find(i)].append(i)
    return sorted(stories.values(), key=lambda s: s[0])
