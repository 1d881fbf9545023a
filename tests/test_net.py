"""The net: an unexpected error in one article's extraction, or in one story's alignment or
rules, is reported (standard error, the JSON ``errors`` list, "Problems" in the report) and the
rest of the run completes, exit 3; strict runs (``--strict``, ``RECONCILE_STRICT=1``, and so
every test) raise it instead.

The failures are injected: a stage function replaced by one that raises for one article or story.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from benchkit import load_generator
from click.testing import CliRunner

from reconciler import pipeline
from reconciler._engine import parallel
from reconciler.cli import main
from reconciler.output.names import output_name
from reconciler.output.result import to_json
from reconciler.pipeline import Options, reconcile

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
VICTIM = "002_48204d6203080b4c.txt"  # the seed article whose extraction is made to fail


class Injected(RuntimeError):
    """The injected failure."""


@pytest.fixture
def lenient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not strict: the suite runs with RECONCILE_STRICT=1 (conftest.py)."""
    monkeypatch.delenv("RECONCILE_STRICT", raising=False)


def fail_for(real: Callable[..., Any], when: Callable[..., bool]) -> Callable[..., Any]:
    def stage(*args: Any) -> Any:
        if when(*args):
            raise Injected("injected failure")
        return real(*args)
    return stage


@pytest.fixture
def extraction_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "extract_one",
                        fail_for(parallel.extract_one, lambda s: s.path.endswith(VICTIM)))


def run_cli(tmp_path: Path, *args: str) -> tuple[Any, dict[str, Any]]:
    out = tmp_path / "out"
    got = CliRunner().invoke(main, [str(SEEDS), "--out", str(out), "--no-cache", *args])
    result = out / f"{output_name(SEEDS, out)}.json"  # the seeds are not beside out/: a hashed name
    data = json.loads(result.read_text("utf-8")) if result.exists() else {}
    return got, data


def test_the_suite_runs_strict() -> None:
    assert parallel.strict_default()


@pytest.mark.usefixtures("lenient", "extraction_fails")
def test_one_article_failing_extraction_is_reported_and_the_rest_completes(tmp_path: Path) -> None:
    got, data = run_cli(tmp_path)
    assert got.exit_code == 3, got.output
    lines = [ln for ln in got.stderr.splitlines() if ln.startswith("internal error")]
    assert len(lines) == 1 and "(extract)" in lines[0] and VICTIM in lines[0] and "Injected" in lines[0]
    [error] = data["errors"]
    assert error["stage"] == "extract" and error["where"].endswith(VICTIM)
    assert error["error"].startswith("Injected: injected failure (at test_net.py:")
    assert data["summary"]["errors"] == 1
    # the other four articles were extracted, aligned and checked
    victim = next(s["id"] for s in data["sources"] if s["path"].endswith(VICTIM))
    assert data["summary"]["sources"] == 5
    assert not [c for c in data["claims"] if c["source"] == victim]
    assert len({c["source"] for c in data["claims"]}) == 4 and data["findings"]
    html = (tmp_path / "out" / f"{output_name(SEEDS, tmp_path / 'out')}.html").read_text("utf-8")
    assert 'id="problems"' in html and "Injected: injected failure" in html and 'href="#problems"' in html
    assert (tmp_path / "out" / f"{output_name(SEEDS, tmp_path / 'out')}.csv").stat().st_size > 0


@pytest.mark.usefixtures("lenient", "extraction_fails")
def test_fail_on_still_exits_1_when_a_finding_is_at_or_above_it(tmp_path: Path) -> None:
    got, data = run_cli(tmp_path, "--fail-on", "warning")
    assert got.exit_code == 1 and data["errors"]


@pytest.mark.usefixtures("lenient")
def test_a_clean_run_has_no_errors_and_exits_0(tmp_path: Path) -> None:
    got, data = run_cli(tmp_path)
    assert got.exit_code == 0 and data["errors"] == [] and data["summary"]["errors"] == 0
    assert "internal error" not in got.stderr
    assert 'id="problems"' not in (tmp_path / "out" / f"{output_name(SEEDS, tmp_path / 'out')}.html").read_text("utf-8")


@pytest.mark.usefixtures("lenient")
@pytest.mark.parametrize("stage", ["align", "check"])
def test_one_story_failing_is_reported(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    name = {"align": "_align_whole", "check": "check"}[stage]
    monkeypatch.setattr(pipeline, name, fail_for(getattr(pipeline, name), lambda *a: True))
    result = reconcile([SEEDS], Options())
    [problem] = result.errors
    assert problem.stage == stage and problem.where.startswith("story of 5 articles: ")
    assert len(result.claims) > 50
    if stage == "align":  # no quantity aligned; the rules on each article's own figures still ran
        assert not result.groups and result.findings
        assert not {f.rule for f in result.findings} & {"value_mismatch", "scale_slip", "date_mismatch"}
    else:
        assert not result.findings
    json.loads(to_json(result))



@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reconciler.stories import PARTITION_FROM

    folder = tmp_path_factory.mktemp("stories")
    load_generator().generate(PARTITION_FROM + 10, folder, seed=3)
    return folder


@pytest.mark.usefixtures("lenient")
@pytest.mark.parametrize("stage", ["align_story", "check_story"])
def test_in_a_corpus_of_stories_only_the_failing_story_is_lost(stage: str, stories: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    clean = reconcile([stories], Options(jobs=1))
    victim = clean.sources[0].id
    monkeypatch.setattr(parallel, stage,
                        fail_for(getattr(parallel, stage), lambda sources, *a: any(s.id == victim for s in sources)))
    hurt = reconcile([stories], Options(jobs=1))
    [problem] = hurt.errors
    assert problem.stage == stage.split("_")[0] and problem.where.startswith("story of ")
    assert clean.sources[0].path in problem.where
    lost = {f.id for f in clean.findings} - {f.id for f in hurt.findings}
    assert lost and {f.id for f in hurt.findings} < {f.id for f in clean.findings}
    assert hurt.claims == clean.claims


@pytest.mark.usefixtures("lenient", "extraction_fails")
def test_a_failed_article_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = reconcile([SEEDS], Options(cache_dir=str(tmp_path)))
    assert len(first.errors) == 1
    monkeypatch.undo()  # the bug is fixed: the next run extracts the article again
    monkeypatch.delenv("RECONCILE_STRICT", raising=False)
    again = reconcile([SEEDS], Options(cache_dir=str(tmp_path)))
    assert again.errors == () and to_json(again) == to_json(reconcile([SEEDS], Options()))


@pytest.mark.usefixtures("extraction_fails")
def test_strict_by_environment_raises() -> None:
    with pytest.raises(Injected):
        reconcile([SEEDS], Options())


@pytest.mark.usefixtures("lenient", "extraction_fails")
def test_strict_option_raises() -> None:
    with pytest.raises(Injected):
        reconcile([SEEDS], Options(strict=True))


@pytest.mark.usefixtures("lenient", "extraction_fails")
def test_strict_flag_raises(tmp_path: Path) -> None:
    got, _ = run_cli(tmp_path, "--strict")
    assert isinstance(got.exception, Injected) and got.exit_code not in (0, 3)
