"""Where a run's outputs go and what they are called: one name per corpus, visible, short enough
for the file system (issue 11, part 3)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result as Outcome

from reconciler.cli import main
from reconciler.output.names import MAX_NAME_BYTES, output_name

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
# names: one per corpus (issue 11.3.15), always visible (11.3.19)

NAMES = [
    # (the first path, relative to the current folder "work"; the outputs' folder; NAME, exact
    # or, ending in "-", that and a hash of the corpus's path)
    ("news", "reports", "news"),
    ("news/", "reports", "news"),
    ("./news", "reports", "news"),
    ("news/a.txt", "reports", "a-"),  # a file elsewhere: its stem and a hash
    ("here.txt", "reports", "here"),
    ("twice.txt", "reports", "twice-"),  # twice.md beside it
    ("twice.md", "reports", "twice-"),
    ("a/news", "reports", "news-"),
    ("b/news", "reports", "news-"),
    ("a/news/..", "reports", "a"),
    ("a/news", "a/out", "news"),  # --out DIR beside the corpus
    ("news", "a/out", "news-"),
    (".", "reports", "work-"),
    ("a/news/../..", "reports", "work-"),
    (".hidden", "reports", "hidden-"),
    ("we ird", "reports", "we_ird-"),
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "work"
    for name in ("news", "a/news", "b/news", ".hidden", "we ird"):
        (work / name).mkdir(parents=True)
    for name in ("news/a.txt", "here.txt", "twice.txt", "twice.md"):
        (work / name).write_text("x", "utf-8")
    monkeypatch.chdir(work)
    return work


@pytest.mark.parametrize(("path", "out", "name"), NAMES)
def test_output_names(home: Path, path: str, out: str, name: str) -> None:
    got = output_name(path, out)
    if name.endswith("-"):
        assert got.startswith(name) and len(got) == len(name) + 8 and got[len(name):].isalnum(), got
    else:
        assert got == name


def test_names_differ_for_corpora_called_alike(home: Path) -> None:
    names = {output_name(p, "reports") for p in ("news", "a/news", "b/news", "a/news/../../b/news")}
    assert len(names) == 3  # b/news reached two ways is one corpus
    (home / "link").symlink_to(home / "b" / "news")
    # named as the path says, hashed by where it is
    assert output_name("link/", "a/out")[-8:] == output_name("b/news", "reports")[-8:]


def test_two_corpora_called_alike_keep_their_own_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "a" / "news")
    shutil.copytree(STORY, tmp_path / "b" / "news")
    monkeypatch.chdir(tmp_path)
    assert invoke("a/news", "-q").exit_code == 0
    second = invoke("b/news")
    assert second.exit_code == 0
    assert "since the last run" not in second.output  # b's first run: nothing to compare with
    results = sorted((tmp_path / "reports").glob("news-*.json"))
    assert len(results) == 2 and len(list((tmp_path / "reports").glob(".news-*.history.json.gz"))) == 2
    data = [json.loads(r.read_text("utf-8")) for r in results]
    seed_ids = {p.stem for p in SEEDS.glob("*.txt")}
    (seeds,) = [d for d in data if {s["id"] for s in d["sources"]} == seed_ids]
    listed = invoke("review", "a/news", "list")
    assert listed.exit_code == 0
    assert {line.split()[0] for line in listed.output.splitlines()[:-1]} == {f["id"] for f in seeds["findings"]}
    again = invoke("a/news")  # a's history holds a's one run: nothing to compare with, not b's
    assert again.exit_code == 0 and "since the last run" not in again.output, again.output


def test_dot_dot_writes_visible_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "story")
    (tmp_path / "story" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "story" / "sub")
    assert invoke("..", "-q").exit_code == 0
    name = output_name("..", "reports")
    assert name.startswith("story-")  # not beside reports/: hashed
    assert outputs(Path("reports")) == [f".{name}.history.json.gz", f"{name}.html", f"{name}.json"]
    assert outputs(Path("claims")) == [f"{name}.csv"]


# ---------------------------------------------------------------------------------------
# long names (issue 11.3.18): a stem of about 210 bytes made a temporary name over 255 bytes


LONG = {"ascii-210": "n" * 210, "ascii-220": "n" * 220, "ascii-255": "n" * 255, "cjk-70": "报" * 70,
        "cjk-83": "报" * 83, "accents-241": "é" * 120 + "x"}


@pytest.mark.parametrize("name", LONG.values(), ids=LONG.keys())
def test_long_folder_names_are_reconciled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    corpus(tmp_path / name)
    monkeypatch.chdir(tmp_path)
    out = invoke(name, "-q")
    assert out.exit_code == 0, out.output
    (html,) = (tmp_path / "reports").glob("*.html")
    stem = html.stem
    assert len(stem.encode("utf-8")) <= MAX_NAME_BYTES + 9
    assert name.startswith(stem[:30]) and stem == output_name(name, "reports")
    assert (tmp_path / "reports" / f"{stem}.json").is_file()
    assert (tmp_path / "claims" / f"{stem}.csv").is_file()
    assert (tmp_path / "reports" / f".{stem}.history.json.gz").is_file()  # the history too
    listed = invoke("review", name, "list")  # review finds the result by the same name
    assert listed.exit_code == 0 and "findings" in listed.output, listed.output


def test_long_names_stay_apart() -> None:
    a, b = output_name("n" * 250 + "a", "reports"), output_name("n" * 250 + "b", "reports")
    assert a != b and a[:100] == b[:100]


def test_long_file_name_and_long_json_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus(tmp_path / "c")
    long_file = folder / ("f" * 250 + ".txt")
    shutil.copy(folder / "a.txt", long_file)
    monkeypatch.chdir(tmp_path)
    target = "j" * 245 + ".json"  # a temporary name beside it must be shorter than its own
    out = invoke(str(long_file), "--json", target, "-q")
    assert out.exit_code == 0, out.output
    assert json.loads(Path(target).read_text("utf-8"))["summary"]["sources"] == 1
    assert not [p for p in os.listdir(".") if p.endswith(".tmp")]
