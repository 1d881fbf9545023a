"""The gold files of tests/stories/ are well formed: what the official scorer relies on holds.

- the ``files`` map names exactly the articles in the folder;
- every anchor (conflicts, wrong pairs, claims, not_claims) is an exact substring of its file,
  and for ``.html`` also of the page's visible text (tags stripped, entities decoded);
- claim values follow the conventions (dates ``"MM-DD"``, everything else a number);
- no not_claim overlaps a claim or a conflict anchor;
- no pair of a conflict's side ``a`` and side ``b`` also makes up a ``same_subject: false`` wrong
  pair, so a finding that catches a planted conflict is never counted as a wrong pairing.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

STORIES = Path(__file__).resolve().parent / "stories"
GOLDS = sorted(STORIES.glob("*/gold.json"))


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _visible(raw: str) -> str:
    parser = _Visible()
    parser.feed(raw)
    return "".join(parser.parts)


def _spans(text: str, anchor: str) -> list[tuple[int, int]]:
    out, i = [], text.find(anchor)
    while i >= 0:
        out.append((i, i + len(anchor)))
        i = text.find(anchor, i + 1)
    return out


def _load(gold_path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    texts = {k: (gold_path.parent / f).read_text(encoding="utf-8") for k, f in gold["files"].items()}
    return gold, texts


def _anchors(gold: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for entry in gold["conflicts"] + gold.get("wrong_pairs", []):
        for side in ("a", "b"):
            out += [(entry["id"], k, a) for k, a in entry[side]]
    out += [("claim", k, a) for k, a, _, _ in gold["claims"]]
    out += [("not_claim", k, a) for k, a in gold["not_claims"]]
    return out


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.parent.name for p in GOLDS])
def test_files_map_matches_folder(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    on_disk = sorted(p.name for p in gold_path.parent.iterdir() if p.name != "gold.json")
    assert sorted(gold["files"].values()) == on_disk
    assert all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.(txt|md|html)", name) for name in on_disk), on_disk


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.parent.name for p in GOLDS])
def test_anchors_are_in_their_files(gold_path: Path) -> None:
    gold, texts = _load(gold_path)
    visible = {k: _visible(t) for k, t in texts.items() if gold["files"][k].endswith(".html")}
    missing = [(where, k, a) for where, k, a in _anchors(gold) if k not in texts or a not in texts[k]]
    hidden = [(where, k, a) for where, k, a in _anchors(gold) if k in visible and a not in visible[k]]
    assert missing == []
    assert hidden == []


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.parent.name for p in GOLDS])
def test_claim_values_follow_the_conventions(gold_path: Path) -> None:
    gold, _ = _load(gold_path)
    for key, anchor, value, kind in gold["claims"]:
        if kind == "date":
            assert isinstance(value, str) and re.fullmatch(r"\d\d-\d\d", value), (key, anchor, value)
        else:
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (key, anchor, value)


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.parent.name for p in GOLDS])
def test_not_claims_stay_clear_of_claims(gold_path: Path) -> None:
    gold, texts = _load(gold_path)
    positive = [(k, a) for k, a, _, _ in gold["claims"]]
    positive += [(k, a) for c in gold["conflicts"] for side in ("a", "b") for k, a in c[side]]

    def overlap(k: str, a: str, b: str) -> bool:
        return any(s1 < e2 and s2 < e1 for s1, e1 in _spans(texts[k], a) for s2, e2 in _spans(texts[k], b))

    clashes = [(k, a, b) for k, a in gold["not_claims"] for k2, b in positive if k2 == k and overlap(k, a, b)]
    assert clashes == []


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.parent.name for p in GOLDS])
def test_conflicts_are_not_wrong_pairs(gold_path: Path) -> None:
    gold, texts = _load(gold_path)

    def inside(anchor: list[str], side: list[list[str]]) -> bool:
        k, a = anchor
        return any(k2 == k and any(s1 < e2 and s2 < e1 for s1, e1 in _spans(texts[k], a)
                                   for s2, e2 in _spans(texts[k], b)) for k2, b in side)

    clashes = []
    for c in gold["conflicts"]:
        for w in gold.get("wrong_pairs", []):
            if w.get("same_subject"):
                continue
            for x in c["a"]:
                for y in c["b"]:
                    if (inside(x, w["a"]) and inside(y, w["b"])) or (inside(x, w["b"]) and inside(y, w["a"])):
                        clashes.append((c["id"], w["id"], x, y))
    assert clashes == []
