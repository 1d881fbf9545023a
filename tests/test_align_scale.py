"""The aligner's shortcuts for large stories change no group: the same groups, links and
scores as scoring every pair one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_parallel import load_generator

from reconciler.align import AlignConfig, align
from reconciler.align import cluster as align_module
from reconciler.align import items as align_items
from reconciler.align import score as align_score
from reconciler.extract import extract_claims
from reconciler.extract.units import load_rates
from reconciler.models import Claim, Group
from reconciler.read.source import read_sources
from reconciler.stories import partition, signature

ROOT = Path(__file__).resolve().parents[1]


def stories(folder: Path) -> list[tuple[list[Claim], dict[str, str | None]]]:
    sources, _ = read_sources([folder])
    claims = [extract_claims(s) for s in sources]
    out = []
    for story in partition([signature(s.text) for s in sources], min_articles=2):
        out.append(([c for i in story for c in claims[i]], {sources[i].id: sources[i].date for i in story}))
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    load_generator().generate(40, folder, seed=11)
    return folder


@pytest.mark.parametrize("which", ["seeds", "generated"])
@pytest.mark.parametrize("vector_from", [4, 16])
def test_unlinked_pairs_found_as_a_matrix_change_nothing(which: str, vector_from: int, generated: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = ROOT / "seeds" if which == "seeds" else generated
    rates = load_rates(None)
    inputs = stories(folder)

    def run() -> list[list[Group]]:
        return [align(claims, rates, AlignConfig(), dates) for claims, dates in inputs]

    monkeypatch.setattr(align_module, "_VECTOR_FROM", 10**9)
    one_by_one = run()
    monkeypatch.setattr(align_module, "_VECTOR_FROM", vector_from)
    assert run() == one_by_one
    assert any(len(groups) > 3 for groups in one_by_one)


@given(st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=8), min_size=2, max_size=12),
       st.lists(st.floats(min_value=0.1, max_value=12.0), min_size=10, max_size=10))
def test_matrix_similarity_is_the_very_float_of_the_pairwise_one(sets: list[frozenset[str]],
                                                                 weights: list[float]) -> None:
    idf = align_items._Weights(dict(zip("abcdefghij", weights, strict=True)))
    matrix = align_module._shared_context(sets, idf)
    assert matrix is not None
    for i, x in enumerate(sets):
        for j, y in enumerate(sets):
            if i != j:
                assert matrix[i][j] == align_score._weighted_overlap(x, y, idf)[0]


def test_weights_out_of_range_fall_back_to_scoring_pair_by_pair() -> None:
    import numpy as np

    assert align_module._shared_weights(np.ones((2, 1)), np.array([20.0])) is None
    assert align_module._shared_weights(np.ones((2, 1)), np.array([0.01])) is None
    idf = align_items._Weights({"a": 20.0, "b": 1.0})
    approx = align_module._shared_context([frozenset("ab"), frozenset("a")], idf, exact=False)
    assert abs(approx[0][1] - align_score._weighted_overlap(frozenset("ab"), frozenset("a"), idf)[0]) < 1e-12
