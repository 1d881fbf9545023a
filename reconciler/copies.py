"""Near-duplicate articles: syndicated copies are one voice, not independent confirmation.

Each article becomes a set of hashed word 5-grams (a sample of them: those whose hash
falls in one residue class, the classic MinHash-style "mod sampling"). An inverted index
from shingle to articles finds the candidate pairs, so the cost grows with the number of
shared shingles, not with the square of the number of articles. Pairs whose estimated
Jaccard similarity passes a threshold are copies; copies are grouped transitively.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence

from reconciler.models import Source
from reconciler.stories import ascii_words

_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[a-z0-9_]+")  # the same, in lower-cased text whose word characters are all ASCII


def shingles(text: str, k: int = 5, modulus: int = 4) -> frozenset[int]:
    """A sample of the hashed k-word shingles of ``text`` (about 1 in ``modulus``).

    A shingle's hash is the CRC-32 of its words joined by single spaces, in UTF-8: stable
    across processes and runs (unlike ``hash()``). The words are joined and encoded once;
    each shingle is then a slice of those bytes, not a string joined and encoded of its own.
    """
    low = text.lower()
    words = (_ASCII_WORD if ascii_words(low) else _WORD).findall(low)
    if len(words) < k:
        return frozenset()
    joined = " ".join(words)
    data = joined.encode("utf-8")
    sizes = map(len, words) if len(data) == len(joined) else (len(w.encode("utf-8")) for w in words)
    # starts[i]: the byte offset of word i; a shingle ends one byte (the space) before word i + k
    starts = list(itertools.accumulate([n + 1 for n in sizes], initial=0))
    crc32 = zlib.crc32
    hashes = [crc32(data[a:b - 1]) for a, b in zip(starts, starts[k:], strict=False)]  # one per full shingle
    return frozenset([h for h in hashes if h % modulus == 0])


def find_copies(sources: Sequence[Source], threshold: float = 0.5, common: int = 50,
                min_shingles: int = 8) -> tuple[tuple[str, ...], ...]:
    """Sets of source ids (two or more, sorted) whose texts are near-duplicates.

    ``common``: a shingle shared by more articles than this counts only between the first of them
    and each other one (so the work grows with the articles, not with the square of the reprints).
    ``min_shingles``: texts with fewer sampled shingles (a few sentences) are too short to call copies.
    """
    sets = [shingles(s.text) for s in sources]
    index: dict[int, list[int]] = defaultdict(list)
    for i, sh in enumerate(sets):
        for h in sh:
            index[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        if len(members) < 2:
            continue
        if len(members) > common:
            # shared by many: boilerplate, or a story reprinted many times. Counting all its pairs
            # would cost the square of the reprints; the first article stands for them, so each
            # other one is measured against it (boilerplate alone is too little to pass the threshold)
            first = members[0]
            for m in members[1:]:
                shared[(first, m)] += 1
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    parent = list(range(len(sources)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), n in shared.items():
        if min(len(sets[i]), len(sets[j])) < min_shingles:
            continue
        union = len(sets[i]) + len(sets[j]) - n
        if union and n / union >= threshold:
            parent[find(j)] = find(i)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, s in enumerate(sources):
        groups[find(i)].append(s.id)
    return tuple(sorted(tuple(sorted(ids)) for ids in groups.values() if len(ids) > 1))


def voice_of(copies: Sequence[Sequence[str]]) -> dict[str, str]:
    """Map each source in a copy set to one representative (the first id): one independent voice."""
    out: dict[str, str] = {}
    for ids in copies:
        for sid in ids:
            out[sid] = ids[0]
    return out
