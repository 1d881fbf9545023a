"""Parallel runs give the same bytes as one process; stories are aligned on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchkit import load_generator

from reconciler._engine.parallel import Processes, Serial, chunked, extract_sources
from reconciler.align import AlignConfig, align
from reconciler.copies import find_copies
from reconciler.extract import extract_claims
from reconciler.extract.units import load_rates
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile
from reconciler.read.source import read_sources
from reconciler.rules import check, load_config
from reconciler.stories import PARTITION_FROM, partition, signature

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"



@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough articles of several stories to be partitioned and run on a pool."""
    folder = tmp_path_factory.mktemp("corpus")
    load_generator().generate(PARTITION_FROM + 10, folder, seed=3)
    return folder


def test_seeds_same_as_stage_by_stage() -> None:
    """The orchestration changes nothing for one story: read, extract, align, check as plain calls."""
    sources, _skipped = read_sources([SEEDS])
    claims = [c for s in sources for c in extract_claims(s)]
    rates, config = load_rates(None), load_config(None)
    groups = align(claims, rates, AlignConfig(), {s.id: s.date for s in sources})
    copies = find_copies(sources)
    groups, findings = check(sources, claims, groups, rates, config, copies)
    result = reconcile([SEEDS], Options(jobs=1))
    assert result.claims == tuple(claims)
    assert result.groups == tuple(groups)
    assert result.findings == tuple(findings)


@pytest.mark.parametrize("paths", [pytest.param("seeds", id="seeds"), pytest.param("corpus", id="many-stories")])
def test_processes_same_bytes_as_one_process(paths: str, corpus: Path) -> None:
    where = [SEEDS] if paths == "seeds" else [corpus]
    one = to_json(reconcile(where, Options(jobs=1)))
    two = to_json(reconcile(where, Options(jobs=2)))
    assert one == two


def test_runner_keeps_input_order() -> None:
    chunks = chunked(list(range(23)), 4)
    done: list[int] = []
    runner = Processes(2)
    try:
        out = runner.map(sum, chunks, done.append)
    finally:
        runner.close()
    assert out == [sum(c) for c in chunks] == Serial().map(sum, chunks, lambda i: None)
    assert sorted(done) == list(range(len(chunks)))


def _scaled(shared: dict[str, object], chunk: list[int]) -> list[int]:
    scale = shared["scale"]
    assert callable(scale)
    return [scale(x) for x in chunk]


def test_inherited_data_is_not_sent() -> None:
    """The story tasks' workers are forked with the data in memory: what they share is never
    pickled (a lambda cannot be), only the chunks; results in input order."""
    shared = {"scale": lambda x: 3 * x}
    chunks = chunked(list(range(23)), 4)
    done: list[int] = []
    runner = Processes(2)
    try:
        runner.start()  # the early workers: closed before the fork
        out = runner.map_inherited(_scaled, shared, chunks, done.append)
        assert not runner.started
    finally:
        runner.close()
    assert out == [[3 * x for x in c] for c in chunks] == Serial().map_inherited(_scaled, shared, chunks,
                                                                                 lambda i: None)
    assert sorted(done) == list(range(len(chunks)))


def _fails_on_seven(shared: None, chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise ZeroDivisionError("seven")
    return chunk


def test_inherited_error_is_raised_here() -> None:
    runner = Processes(2)
    try:
        with pytest.raises(ZeroDivisionError, match="seven"):
            runner.map_inherited(_fails_on_seven, None, chunked(list(range(40)), 4), lambda i: None)
    finally:
        runner.close()


def test_extract_sources_matches_extract_claims() -> None:
    sources, _ = read_sources([SEEDS])
    runner = Processes(2)
    try:
        got = extract_sources(sources, runner, None, chunk_size=2)
    finally:
        runner.close()
    assert [claims for claims, _sig, _notes in got] == [extract_claims(s) for s in sources]


def test_generated_stories_are_separated(corpus: Path) -> None:
    sources, _ = read_sources([corpus])
    stories = partition([signature(s.text) for s in sources])
    assert len(stories) > 1
    assert sorted(i for story in stories for i in story) == list(range(len(sources)))
    # articles are named sSTORY-NN: no story is split (that would lose its conflicts); two
    # stories sharing a component only costs time
    component = {sources[i].id: k for k, story in enumerate(stories) for i in story}
    by_story: dict[str, set[int]] = {}
    for s in sources:
        by_story.setdefault(s.id.split("-")[0], set()).add(component[s.id])
    assert all(len(ks) == 1 for ks in by_story.values())


def test_small_corpora_are_one_story() -> None:
    sources, _ = read_sources([SEEDS])
    assert partition([signature(s.text) for s in sources]) == [list(range(len(sources)))]


def test_generator_is_deterministic_and_prefix_stable(tmp_path: Path) -> None:
    gen = load_generator()
    assert gen.articles(30, seed=5) == gen.articles(30, seed=5)
    assert gen.articles(31, seed=5)[:30] == gen.articles(30, seed=5)
    sizes = [len(text.encode()) for _name, text in gen.articles(200, seed=5)]
    assert min(sizes) >= 1500 and max(sizes) <= 12_000
