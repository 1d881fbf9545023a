"""The review desk's test helpers: run the command line in-process, and a copy of the seeds
run once as the current folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result as Outcome

from reconciler.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def invoke(*args: str) -> Outcome:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def seeds_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds, run once, as the current folder."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert invoke("seeds", "-q").exit_code == 0
    return tmp_path
