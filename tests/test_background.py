"""A large run's JSON result and claim ledger are written by a child forked once the result is
complete, while the report is made: the same bytes, errors raised here, and no temporary file
left behind."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reconciler._engine import background as output
from reconciler._engine.background import outputs_in_background
from reconciler.models import Result
from reconciler.output.ledger import ledger_csv
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seeds() -> Result:
    return reconcile([SEEDS], Options(jobs=1))


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every result is large enough for the child; the children forked, by their ids."""
    monkeypatch.setattr(output, "BACKGROUND_FROM", 0)
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return children


def test_same_bytes_as_in_process(tmp_path: Path, seeds: Result, forked: list[int]) -> None:
    target = tmp_path / "out" / "seeds.json"
    outputs_in_background(seeds, target, tmp_path / "out" / "seeds.csv")()
    assert len(forked) == 1
    assert target.read_text("utf-8") == to_json(seeds)
    assert (tmp_path / "out" / "seeds.csv").read_text("utf-8") == ledger_csv(seeds)
    assert sorted(p.name for p in target.parent.iterdir()) == ["seeds.csv", "seeds.json"]


def test_no_claims_gives_the_ledger_header(tmp_path: Path, seeds: Result, forked: list[int]) -> None:
    empty = type(seeds)(sources=seeds.sources, claims=(), groups=(), findings=())
    outputs_in_background(empty, tmp_path / "e.json", tmp_path / "e.csv")()
    assert (tmp_path / "e.csv").read_text("utf-8") == ledger_csv(empty)
    assert (tmp_path / "e.csv").read_text("utf-8").startswith("claim_id,source,path,")
    assert (tmp_path / "e.json").read_text("utf-8") == to_json(empty)


def test_failure_is_raised_and_the_previous_file_kept(tmp_path: Path, seeds: Result, forked: list[int]) -> None:
    target = tmp_path / "seeds.json"
    target.write_text("previous", "utf-8")
    (tmp_path / "seeds.csv").write_text("previous ledger", "utf-8")
    bad = type(seeds)(sources=seeds.sources, claims=(*seeds.claims[:3], "not a claim"),  # type: ignore[arg-type]
                      groups=seeds.groups, findings=seeds.findings)
    done = outputs_in_background(bad, target, tmp_path / "seeds.csv")
    with pytest.raises(AttributeError):
        done()
    assert len(forked) == 1
    assert target.read_text("utf-8") == "previous"
    assert (tmp_path / "seeds.csv").read_text("utf-8") == "previous ledger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds.csv", "seeds.json"]


def test_a_folder_that_cannot_be_made_is_the_os_error(tmp_path: Path, seeds: Result, forked: list[int]) -> None:
    (tmp_path / "taken").write_text("a file where the ledger's folder would go", "utf-8")
    done = outputs_in_background(seeds, tmp_path / "seeds.json", tmp_path / "taken" / "seeds.csv")
    with pytest.raises(OSError) as caught:
        done()
    assert caught.value.filename is not None and "taken" in str(caught.value.filename)


def test_small_results_are_written_here(tmp_path: Path, seeds: Result, forked: list[int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "BACKGROUND_FROM", len(seeds.claims) + 1)
    outputs_in_background(seeds, tmp_path / "seeds.json", tmp_path / "seeds.csv")()
    assert forked == []
    assert (tmp_path / "seeds.json").read_text("utf-8") == to_json(seeds)
    assert (tmp_path / "seeds.csv").read_text("utf-8") == ledger_csv(seeds)


def test_no_fork_while_a_thread_runs(tmp_path: Path, seeds: Result, forked: list[int]) -> None:
    """A thread could hold a lock at the fork, and the child would wait for it forever."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        outputs_in_background(seeds, tmp_path / "seeds.json", tmp_path / "seeds.csv")()
    finally:
        stop.set()
        thread.join()
    assert forked == []
    assert (tmp_path / "seeds.json").read_text("utf-8") == to_json(seeds)


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


def test_a_report_that_fails_waits_for_the_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command ends (exit 2) only once the child's JSON result and ledger are complete."""
    import json

    from click.testing import CliRunner

    import reconciler.report
    from reconciler.cli import main

    monkeypatch.setattr(output, "BACKGROUND_FROM", 0)

    def fails(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device", "the report")

    monkeypatch.setattr(reconciler.report, "render_html", fails)
    r = CliRunner().invoke(main, [str(SEEDS), "--out", str(tmp_path / "out"), "-q", "--no-cache"],
                           catch_exceptions=False)
    assert r.exit_code == 2, r.output
    assert "No space left on device" in r.output
    [json_file] = (tmp_path / "out").glob("seeds*.json")  # (named with a hash: the seeds are elsewhere)
    [csv_file] = (tmp_path / "out").glob("seeds*.csv")
    assert json.loads(json_file.read_text("utf-8"))["schema"] == "reconcile/1"
    assert csv_file.read_text("utf-8").startswith("claim_id,")
    assert not [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
