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
    again = invoke("a/news")  # a's history holds a's own run only: unchanged since it, whatever b holds
    assert again.exit_code == 0 and "no change since the run of" in again.output, again.output


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


# ---------------------------------------------------------------------------------------
# never reading its own outputs back (issue 11.3.4): a report inside the corpus became an
# article, and the corpus grew with every run (101 claims, then 292, 1,898, 21,864)


def summary(out: Path) -> tuple[int, int, list[str], bytes]:
    (result,) = [p for p in out.glob("*.json")]
    data = json.loads(result.read_bytes())
    return data["summary"]["sources"], data["summary"]["claims"], [s["path"] for s in data["skipped"]], \
        result.read_bytes()


@pytest.mark.parametrize(("args", "out"), [
    (["c", "--out", "c/out"], "c/out"),  # the outputs' folder inside the corpus
    (["c", "--out", "c"], "c"),  # the corpus itself
], ids=["out-inside", "out-is-corpus"])
def test_outputs_inside_the_corpus_are_not_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      args: list[str], out: str) -> None:
    shutil.copytree(SEEDS, tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    runs = []
    for _ in range(3):
        done = invoke(*args, "-q")
        assert done.exit_code == 0, done.output
        runs.append(summary(tmp_path / out))
    assert [r[:3] for r in runs] == [(5, 101, [])] * 3  # nothing added, nothing even skipped
    assert runs[0][3] == runs[1][3] == runs[2][3]  # the same bytes each time
    assert len(list((tmp_path / out).glob("*.html"))) == 1


def test_dot_from_inside_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "c")
    monkeypatch.chdir(tmp_path / "c")
    runs = []
    for _ in range(3):  # default options: reports/ and claims/ are made inside the corpus
        assert invoke(".", "-q").exit_code == 0
        runs.append(summary(Path("reports")))
    assert [r[:3] for r in runs] == [(5, 101, [])] * 3
    assert runs[0][3] == runs[2][3]
    assert len(list(Path("reports").glob("*.html"))) == 1


def test_other_outputs_in_the_corpus_are_skipped_with_the_reason(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    assert invoke("c", "-q", "--out", "elsewhere").exit_code == 0
    finding = json.loads(Path("elsewhere/c.json").read_text("utf-8"))["findings"][0]["id"]
    assert invoke("review", "--out", "elsewhere", "c", "confirm", finding).exit_code == 0
    assert invoke("c", "-q", "--out", "elsewhere", "--claimreview", "elsewhere/checks.jsonld").exit_code == 0
    old = tmp_path / "c" / "old"
    old.mkdir()
    shutil.copy("elsewhere/c.html", old / "report of monday.html")
    shutil.copy("elsewhere/c.json", old / "result.txt")
    shutil.copy("elsewhere/checks.jsonld", old / "checks.md")
    legacy = Path("elsewhere/c.html").read_text("utf-8").replace('<meta name="generator" content="reconcile">', "")
    (old / "legacy.htm").write_text(legacy, "utf-8")  # a report made before the generator mark
    done = invoke("c", "--out", "elsewhere")
    assert done.exit_code == 0
    sources, claims, skipped, _ = summary(Path("elsewhere"))
    assert (sources, claims) == (5, 101)
    assert skipped == ["c/old/checks.md", "c/old/legacy.htm", "c/old/report of monday.html", "c/old/result.txt"]
    assert "skipped c/old/result.txt: a JSON result written by reconcile (its own output, not an article)" \
        in done.output
    assert "skipped c/old/checks.md: a ClaimReview export written by reconcile" in done.output
    assert "skipped c/old/legacy.htm: a report written by reconcile" in done.output


# ---------------------------------------------------------------------------------------
# never writing over an input (issue 11.3.17): --json over an article replaced it with the
# result; --claimreview over the decisions file lost every decision

ARTICLE = "c/000_6291c126803fc765.txt"
DECISIONS = "c/reconcile-decisions.toml"
REFUSED = [
    (["c", "--json", ARTICLE], f"the JSON result to {ARTICLE}: it is an input article"),
    (["c", "--json", "./c/../" + ARTICLE], "it is an input article"),
    (["c", "--claimreview", ARTICLE], f"the ClaimReview export to {ARTICLE}: it is an input article"),
    (["c/000_6291c126803fc765.txt", "--json", ARTICLE], "it is an input article"),  # a file given
    (["c", "extra/new.md", "--json", "extra/new.md"], "it is an input article"),  # a second path
    (["c", "--claimreview", DECISIONS], f"the ClaimReview export to {DECISIONS}: it is the decisions file"),
    (["c", "--json", DECISIONS], "it is the decisions file"),
    (["c", "--out", "c", "-q"], "the report to c/c.html: it is an input article"),  # c/c.html is one
    (["c", "--json", "rules.toml", "--rules", "rules.toml"], "it is the --rules file"),
    (["c", "--claimreview", "rates.toml", "--rates", "rates.toml"], "it is the --rates file"),
    (["c", "--json", "reports/c.html"], "the JSON result to reports/c.html: the report goes there too"),
    (["c", "--json", "x.json", "--claimreview", "x.json"], "the JSON result goes there too"),
]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "c")
    (tmp_path / "c" / "reconcile-decisions.toml").write_text(
        '[[decision]]\nfinding = "f-5e5d55adf4"\nstatus = "confirmed"\nnote = "checked"\n', "utf-8")
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "new.md").write_text("The pier cost $418,000.\n", "utf-8")
    (tmp_path / "rules.toml").write_text("[tolerance]\n", "utf-8")
    (tmp_path / "rates.toml").write_text("", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("args", "message"), REFUSED, ids=[
    "json-article", "json-article-other-route", "claimreview-article", "json-file-given", "json-second-path",
    "claimreview-decisions", "json-decisions", "out-report-over-article", "json-rules", "claimreview-rates",
    "json-over-report", "json-and-claimreview-one-file"])
def test_outputs_over_inputs_are_refused(desk: Path, args: list[str], message: str) -> None:
    if "c/c.html" in message:
        shutil.copy(desk / ARTICLE, desk / "c" / "c.html")  # an article that the report would replace
    before = snapshot(desk)
    done = invoke(*args)
    assert done.exit_code == 2, done.output
    assert done.output.startswith("Error: refusing to write ") and message in done.output, done.output
    assert len(done.output.strip().splitlines()) == 1 and "Traceback" not in done.output
    assert snapshot(desk) == before  # nothing written, nothing replaced (not even the cache)


def test_own_outputs_inside_the_corpus_may_be_replaced(desk: Path) -> None:
    for _ in range(2):  # the second run replaces the first one's result, which is no article
        done = invoke("c", "--json", "c/result.txt", "--claimreview", "c/checks.md", "-q")
        assert done.exit_code == 0, done.output
    assert json.loads(Path("c/result.txt").read_text("utf-8"))["summary"]["sources"] == 5
    assert invoke("c", "--json", "c/.hidden.txt", "-q").exit_code == 0  # never read: may be written


@pytest.mark.parametrize(("target", "message"), [
    pytest.param(DECISIONS, f"refusing to write the ClaimReview export to {DECISIONS}: it is the decisions file",
                 id="decisions"),
    pytest.param(ARTICLE, "it is an input article", id="article"),
    pytest.param("reports/c.json", "it is the JSON result the export is made from", id="result"),
])
def test_review_export_over_inputs_is_refused(desk: Path, target: str, message: str) -> None:
    assert invoke("c", "-q").exit_code == 0
    before = snapshot(desk)
    done = invoke("review", "c", "export", target)
    assert done.exit_code == 2 and message in done.output, done.output
    assert snapshot(desk) == before
