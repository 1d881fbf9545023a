"""The story split as one story grows: reprints count once, so a story reprinted hundreds of
times stays one story (its words are not common vocabulary), and stories still separate."""

from __future__ import annotations

import collections
import json
from pathlib import Path
from typing import Any

import pytest
from benchkit import load_generator

from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile
from reconciler.read.source import read_sources
from reconciler.stories import PARTITION_FROM, partition, signature

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_TEXTS = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
OUTLETS = ("Harbor", "Ledger", "Sentinel", "Courier", "Beacon", "Gazette", "Herald", "Tribune", "Chronicle",
           "Observer", "Dispatch", "Examiner", "Monitor", "Bulletin", "Register", "Journal")


def reprint(k: int, how: str) -> str:
    """The k-th reprint of a seed, with a line of its own."""
    text = SEED_TEXTS[k % len(SEED_TEXTS)]
    if how == "numbered":
        return text + f"\n\nReprinted by Outlet {k}.\n"
    # a line naming the outlet in words no other reprint has (a made-up name per reprint)
    name = OUTLETS[k % len(OUTLETS)] + "".join(chr(ord("a") + (k // len(OUTLETS) // 26 ** i) % 26) for i in range(3))
    return text + f"\n\nReprinted by the {name}.\n"


REPRINTS = [
    pytest.param(100, "numbered", id="100-numbered"),
    pytest.param(400, "numbered", id="400-numbered"),
    pytest.param(400, "named", id="400-named-outlets"),
]


@pytest.mark.parametrize(("copies", "how"), REPRINTS)
def test_a_story_reprinted_many_times_is_one_story(copies: int, how: str) -> None:
    sigs = [signature(reprint(k, how)) for k in range(copies)]
    assert partition(sigs) == [list(range(copies))]



def test_stories_still_separate_beside_a_story_reprinted_many_times(tmp_path: Path) -> None:
    load_generator().generate(PARTITION_FROM + 10, tmp_path, seed=3)
    sources, _ = read_sources([tmp_path])
    alone = partition([signature(s.text) for s in sources])
    assert len(alone) > 1
    sigs = [signature(s.text) for s in sources] + [signature(reprint(k, "named")) for k in range(300)]
    together = partition(sigs)
    n = len(sources)
    assert [story for story in together if story[0] < n] == alone  # the generated stories as before
    assert [story for story in together if story[0] >= n] == [list(range(n, n + 300))]  # the reprints: one


@pytest.mark.parametrize("copies", [100, 400])
def test_reprints_keep_the_cross_source_findings(tmp_path: Path, copies: int) -> None:
    """Reprints of the seeds: past the old limit of 64 articles a word, the story split scattered
    100 of them and the date, scale-slip and value findings disappeared; at 400 (80 of each) the
    copies went unrecognised (each shingle shared by more than 50 articles was ignored) and the
    aligner paired each reprinted figure only with the first claim of its context, so one value
    mismatch was lost. Each seed's reprints are one voice."""
    for k in range(copies):
        (tmp_path / f"o{k:03d}.txt").write_text(reprint(k, "numbered"), "utf-8")
    seeds = reconcile([SEEDS], Options())
    result = reconcile([tmp_path], Options())
    data = json.loads(to_json(result))
    rules = collections.Counter(f["rule"] for f in data["findings"])
    across = ("value_mismatch", "date_mismatch", "scale_slip", "currency_mislabel")
    counted = collections.Counter(f.rule for f in seeds.findings)
    assert {r for r in across if counted[r]} == set(across)
    assert all(rules[r] >= counted[r] for r in across), rules
    loud = {f.message for f in seeds.findings if f.severity != "info"}
    assert loud <= {f["message"] for f in data["findings"] if f["severity"] != "info"}
    assert sorted(len(c) for c in result.copies) == [copies // 5] * 5  # each seed's reprints: one voice
    for g in data["groups"]:
        if g["support"]:
            assert g["support"] <= 5, g  # five articles, however often reprinted


def _reprinted_claims(copies: int) -> list[Any]:
    from reconciler.extract import extract_text

    texts = ("The council approved 512 new buses for the city on Monday.",
             "On Monday the council approved 648 new buses for the city.")
    return [c for k in range(copies) for i, t in enumerate(texts) for c in extract_text(t, f"s{i}-{k:03d}")]


@pytest.mark.parametrize("copies", [20, 200])
def test_a_much_reprinted_figure_is_still_aligned_across_sources(copies: int) -> None:
    """Past 150 claims a context word was no key for the aligner's candidate pairs, however few
    distinct contexts those claims had: 200 reprints of two articles gave no aligned quantity."""
    from reconciler.align import AlignConfig, align
    from reconciler.extract.units import load_rates

    claims = _reprinted_claims(copies)
    groups = align(claims, load_rates(None), AlignConfig(), {c.source: "" for c in claims})
    by_id = {c.id: c for c in claims}
    [buses] = [g for g in groups if {by_id[i].value for i in g.claims} == {512.0, 648.0}]
    assert len(buses.claims) == 2 * copies  # every copy of both figures


def test_short_notes_with_the_same_words_are_not_reprints() -> None:
    """A one-line note is too short to know a copy by: 200 of them stay apart (one story of
    10,000 such notes took 8 GB to align)."""
    sigs = [signature(f"Note {i}\n\nThe depot held {i % 89 + 3} crates.\n") for i in range(200)]
    assert len(partition(sigs)) == 200
