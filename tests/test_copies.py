"""Near-duplicate detection: syndicated copies count as one voice."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reconciler.copies import find_copies, shingles, voice_of
from reconciler.models import Source
from reconciler.pipeline import reconcile
from reconciler.stories import ascii_words, signature

BASE = ("The regional council said on Monday that the flood barrier would cost 48 million euros and take "
        "three years to build. Engineers told reporters the design had been revised twice after the storms "
        "of last winter, when water reached the market square for the first time in forty years. The "
        "council expects construction to start in the spring, once the tender closes, and says residents "
        "will be consulted on the route of the new wall along the river bank near the old bridge.")


def _src(sid: str, text: str) -> Source:
    return Source(id=sid, path=sid, title=sid, text=text, format="txt", encoding="utf-8", sha256=sid)


@pytest.mark.parametrize(("texts", "expected"), [
    pytest.param([BASE, BASE.replace("Monday", "Tuesday") + " Copyright Wire.", "An unrelated story about "
                  "a football club that signed a striker for 30 million pounds on a five-year contract, "
                  "its chairman said, adding that the fee could rise with bonuses over the next seasons."],
                 (("a", "b"),), id="syndicated-copy"),
    pytest.param([BASE, BASE.upper().replace("E", "e")[:120] + " something else entirely, a different "
                  "report with other words and other numbers about other places and other people."], (),
                 id="shared-opening-only"),
    pytest.param(["Cost $5 million, officials said.", "Cost $5 million, the mayor said."], (),
                 id="too-short-to-call"),
])
def test_find_copies(texts: list[str], expected: tuple[tuple[str, ...], ...]) -> None:
    sources = [_src(chr(ord("a") + i), t) for i, t in enumerate(texts)]
    assert find_copies(sources) == expected


OTHER = ("An unrelated story about a football club that signed a striker for 30 million pounds on a "
         "five-year contract, its chairman said, adding that the fee could rise with bonuses over the next "
         "seasons, and that the stadium would be extended by two thousand seats before the winter.")
WORDS = sorted(set((BASE + " " + OTHER).lower().replace(",", "").replace(".", "").split()))
FOOTER = " Sign up for our newsletter to get the morning briefing in your inbox every day of the week."


@pytest.mark.parametrize(("texts", "expected"), [
    # more copies than ``common`` articles share a shingle: once ignored as boilerplate, no copies were found
    pytest.param([BASE + f" Reprinted by outlet {i}." for i in range(60)] + [OTHER],
                 (tuple(f"s{i:02d}" for i in range(60)),), id="sixty-reprints"),
    pytest.param([BASE + f" Reprinted by outlet {i}." for i in range(60)]
                 + [OTHER + f" Reprinted by outlet {i}." for i in range(60)],
                 (tuple(f"s{i:02d}" for i in range(60)), tuple(sorted(f"s{i:02d}" for i in range(60, 120)))),
                 id="two-stories-sixty-reprints-each"),
    # a footer shared by many articles is not enough to make them copies
    pytest.param([" ".join(random.Random(i).choices(WORDS, k=60)) + "." + FOOTER for i in range(60)], (),
                 id="shared-footer"),
])
def test_find_copies_past_the_common_limit(texts: list[str], expected: tuple[tuple[str, ...], ...]) -> None:
    sources = [_src(f"s{i:02d}", t) for i, t in enumerate(texts)]
    assert find_copies(sources) == expected


def test_voice_of() -> None:
    assert voice_of([("a", "c"), ("b", "d", "e")]) == {"a": "a", "c": "a", "b": "b", "d": "b", "e": "b"}


def test_copies_do_not_count_as_confirmation(tmp_path: Path) -> None:
    """A figure repeated by a syndicated copy has one voice behind it, not two."""
    (tmp_path / "a.txt").write_text(BASE, "utf-8")
    (tmp_path / "b.txt").write_text(BASE.replace("Monday", "Tuesday"), "utf-8")
    (tmp_path / "c.txt").write_text("Flood barrier\n\nThe regional council said the flood barrier would cost "
                                    "52 million euros and take three years to build.", "utf-8")
    result = reconcile([tmp_path])
    assert result.copies == (("a", "b"),)
    cost = [g for g in result.groups if g.dimension == "money"]
    assert cost and all(g.support <= 1 for g in cost)


def _reference_shingles(text: str, k: int = 5, modulus: int = 4) -> frozenset[int]:
    """The definition: CRC-32 of each k words joined by spaces (UTF-8), kept when divisible by ``modulus``."""
    words = re.findall(r"\w+", text.lower())
    hashes = (zlib.crc32(" ".join(words[i:i + k]).encode("utf-8")) for i in range(len(words) - k + 1))
    return frozenset(h for h in hashes if h % modulus == 0)


@pytest.mark.parametrize("text", [BASE, BASE.upper(), "", "one two three four", "one two three four five",
                                  "Straße İstanbul naïve 東京 текст, ﬁnal ǅ é\u0301 x_y 12 ab " * 6])
@pytest.mark.parametrize(("k", "modulus"), [(5, 4), (1, 1), (3, 2)])
def test_shingles_follow_their_definition(text: str, k: int, modulus: int) -> None:
    assert shingles(text, k, modulus) == _reference_shingles(text, k, modulus)


# ASCII words with the characters that decide the fast path: punctuation and symbols (which keep
# it), letters, digits and numerals outside ASCII (which do not), and ones whose lower case differs
_PIECES = st.sampled_from(["deal", "Cost", "x_y", "12", "a", "b", "c", " ", "\n", ",", "’", "“", "—", "€", "£",
                           "é", "İ", "K", "ß", "Σ", "٣", "Ⅻ", "²", "東京", "\u0301", "\ud800", "ǅ", "ſ"])
WORDY = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=40).map("".join))


@given(WORDY)
@example("The “deal” cost €5 — and £3")
@example("josé İstanbul ⅻ")
def test_word_scans_match_their_unicode_patterns(text: str) -> None:
    """The ASCII fast path (:func:`ascii_words`) finds exactly the words of the Unicode patterns."""
    low = text.lower()
    assert ascii_words(low) == all(c.isascii() for c in low if c.isalnum() or c == "_")
    assert signature(text) == tuple(sorted(set(re.findall(r"[^\W\d_]{4,}", low))))
    assert shingles(text, 2, 1) == _reference_shingles(text, 2, 1)


PACKAGE_ROOT = str(Path(sys.modules[shingles.__module__].__file__ or "").resolve().parents[1])  # this checkout's


def test_shingles_are_the_same_in_every_process() -> None:
    """The hashes are compared across workers and stored in caches: no per-process salt (``hash()``)."""
    code = "import sys; from reconciler.copies import shingles; print(sorted(shingles(sys.argv[1])))"
    runs = {subprocess.run([sys.executable, "-c", code, BASE], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": PACKAGE_ROOT}).stdout
            for seed in ("1", "2")}
    assert runs == {str(sorted(shingles(BASE))) + "\n"}
