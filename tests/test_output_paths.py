"""Where a run's outputs go and what they are called: visible names (issue 11, part 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result as Outcome

from reconciler.cli import main
from reconciler.output.names import output_name

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
STORY = Path(__file__).resolve().parent / "stories" / "flood-toll"


def invoke(*args: str) -> Outcome:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def corpus(folder: Path, text: str = "Harbour desk\n\nThe pier cost $418,000 and 36 divers worked.\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(text, "utf-8")
    (folder / "b.txt").write_text(text.replace("418,000", "481,000").replace("Harbour", "Quay"), "utf-8")
    return folder


def outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# ---------------------------------------------------------------------------------------
# names: always visible (issue 11.3.19)

NAMES = [
    # (the first path, relative to the current folder "work"; NAME)
    ("news", "news"),
    ("news/", "news"),
    ("./news", "news"),
    ("news/a.txt", "a"),
    ("here.txt", "here"),
    ("a/news/..", "a"),
    (".", "work"),
    ("a/news/../..", "work"),
    (".hidden", "hidden"),
    ("we ird", "we_ird"),
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "work"
    for name in ("news", "a/news", "b/news", ".hidden", "we ird"):
        (work / name).mkdir(parents=True)
    (work / "news" / "a.txt").write_text("x", "utf-8")
    (work / "here.txt").write_text("x", "utf-8")
    monkeypatch.chdir(work)
    return work


@pytest.mark.parametrize(("path", "name"), NAMES)
def test_output_names(home: Path, path: str, name: str) -> None:
    assert output_name(path) == name


def test_dot_dot_writes_visible_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "story")
    (tmp_path / "story" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "story" / "sub")
    assert invoke("..", "-q").exit_code == 0
    assert outputs(Path("reports")) == [".story.history.json.gz", "story.html", "story.json"]
    assert outputs(Path("claims")) == ["story.csv"]
