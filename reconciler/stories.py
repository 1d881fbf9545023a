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

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

__all__ = ["PARTITION_FROM", "partition", "signature"]

PARTITION_FROM = 50
_WORD = re.compile(r"[^\W\d_]{4,}")


def signature(text: str) -> tuple[str, ...]:
    """The distinct words of four letters or more in ``text``, lowercased and sorted."""
    return tuple(sorted(set(_WORD.findall(text.lower()))))


def partition(signatures: Sequence[Sequence[str]], *, distinctive: int = 12, min_shared: int = 2,
              cap: int = 0, min_articles: int = PARTITION_FROM) -> list[list[int]]:
    """Indices of the articles of each story, each list ascending, stories by first article.

    ``cap``: a word in more articles than this is common vocabulary, not a name (default:
    64, or 2% of the corpus when that is more).

    >>> partition([("alpha", "beta", "said"), ("alpha", "beta", "said"), ("gamma", "delta", "said"),
    ...            ("gamma", "delta", "epsilon")], min_articles=2)
    [[0, 1], [2, 3]]
    >>> partition([("alpha",), ("beta",)])
    [[0, 1]]
    """
    n = len(signatures)
    if n < max(min_articles, 2):
        return [list(range(n))] if n else []
    cap = cap or max(64, n // 20)
    df: Counter[str] = Counter()
    for sig in signatures:
        df.update(sig)
    # each article's distinctive words: its rarest words that some other article also has
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        rare = sorted((df[w], w) for w in sig if 2 <= df[w] <= cap)[:distinctive]
        for _, w in rare:
            postings[w].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        for x, a in enumerate(docs):
            for b in docs[x + 1:]:
                shared[(a, b)] += 1
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), k in shared.items():
        if k >= min_shared:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    stories: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        stories[find(i)].append(i)
    return sorted(stories.values(), key=lambda s: s[0])
