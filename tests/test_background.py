"""A large run's JSON result and claim ledger are written by a worker of the run's pool while
the report is made: the same bytes, errors raised here, and no temporary file left behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler._engine import background as output
from reconciler._engine.background import outputs_in_background
from reconciler._engine.parallel import Processes
from reconciler.output.ledger import ledger_csv
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[Processes]:
    monkeypatch.setattr(output, "BACKGROUND_FROM", 0)
    monkeypatch.setattr(output, "_SPILL_BATCH", 7)  # several batches, the last one short
    workers = Processes(2)
    yield workers
    workers.close()


def start(pool: Processes) -> None:
    """As a run on a corpus of more than one chunk would."""
    pool.map(abs, [-1, -2], lambda i: None)
    assert pool.started


def test_same_bytes_as_in_process(tmp_path: Path, pool: Processes) -> None:
    start(pool)
    result = reconcile([SEEDS], Options(jobs=2), pool=pool)
    assert pool.started  # the run's workers, left running for the caller
    target = tmp_path / "out" / "seeds.json"
    outputs_in_background(result, target, tmp_path / "out" / "seeds.csv", pool)()
    assert target.read_text("utf-8") == to_json(result)
    assert (tmp_path / "out" / "seeds.csv").read_text("utf-8") == ledger_csv(result)
    assert sorted(p.name for p in target.parent.iterdir()) == ["seeds.csv", "seeds.json"]


def test_no_claims_gives_the_ledger_header(tmp_path: Path, pool: Processes) -> None:
    start(pool)
    result = reconcile([SEEDS], Options(jobs=2), pool=pool)
    empty = type(result)(sources=result.sources, claims=(), groups=(), findings=())
    outputs_in_background(empty, tmp_path / "e.json", tmp_path / "e.csv", pool)()
    assert (tmp_path / "e.csv").read_text("utf-8") == ledger_csv(empty)
    assert (tmp_path / "e.csv").read_text("utf-8").startswith("claim_id,source,path,")
    assert (tmp_path / "e.json").read_text("utf-8") == to_json(empty)


def test_failure_is_raised_and_the_previous_file_kept(tmp_path: Path, pool: Processes) -> None:
    start(pool)
    result = reconcile([SEEDS], Options(jobs=2), pool=pool)
    target = tmp_path / "seeds.json"
    target.write_text("previous", "utf-8")
    (tmp_path / "seeds.csv").write_text("previous ledger", "utf-8")
    bad = type(result)(sources=result.sources, claims=(*result.claims[:3], "not a claim"),  # type: ignore[arg-type]
                       groups=result.groups, findings=result.findings)
    done = outputs_in_background(bad, target, tmp_path / "seeds.csv", pool)
    with pytest.raises(AttributeError):
        done()
    assert target.read_text("utf-8") == "previous"
    assert (tmp_path / "seeds.csv").read_text("utf-8") == "previous ledger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds.csv", "seeds.json"]


def test_without_a_running_pool_it_is_written_here(tmp_path: Path, pool: Processes) -> None:
    result = reconcile([SEEDS], Options(jobs=1))
    assert not pool.started
    outputs_in_background(result, tmp_path / "seeds.json", tmp_path / "seeds.csv", pool)()
    assert (tmp_path / "seeds.json").read_text("utf-8") == to_json(result)
    assert (tmp_path / "seeds.csv").read_text("utf-8") == ledger_csv(result)


def test_cli_output_the_same_either_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner
    from test_parallel import load_generator

    from reconciler.cli import main

    load_generator().generate(80, tmp_path / "corpus", seed=5)  # enough for the pool to start
    runs = []
    for limit in (10**9, 0):
        monkeypatch.setattr(output, "BACKGROUND_FROM", limit)
        out = tmp_path / f"out{limit}"
        r = CliRunner().invoke(main, [str(tmp_path / "corpus"), "--out", str(out), "-q", "--no-cache", "--jobs", "2"],
                               catch_exceptions=False)
        assert r.exit_code == 0, r.output
        runs.append((out / "corpus.json").read_bytes() + (out / "corpus.csv").read_bytes())
    assert runs[0] == runs[1]
    assert sorted(p.name for p in (tmp_path / "out0").iterdir() if not p.name.startswith(".corpus.history")) == [
        "corpus.csv", "corpus.html", "corpus.json"]
