"""The command line through click's CliRunner: outputs, exit codes, help, and the JSON contract."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from reconciler.cli import main
from reconciler.cli.run import run_command
from reconciler.extract.units import load_rates

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

# one article whose only finding is a warning (count x hours x rate != total)
WARNING_ONLY = ("The company used 512 H800 GPUs, 80 hours of training, at a rental rate of $2 per GPU hour. "
                "The total training cost was $294,000.\n")
CLEAN = "The council approved $4.5 million for bridge repairs on Tuesday.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the current folder, holding a copy of the seeds and two small story folders."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    for name, text in (("warning-only", WARNING_ONLY), ("clean", CLEAN)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(text, encoding="utf-8")
    shutil.copy(SEEDS / "000_6291c126803fc765.txt", tmp_path / "article.txt")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad-rules.toml").write_text("[tolerance\nerror_gap = ", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------------------
# where the outputs go

OUTPUTS = [
    pytest.param(["seeds/"], ["reports/seeds.html", "reports/seeds.json", "claims/seeds.csv"], [],
                 id="default-locations"),
    pytest.param(["seeds/", "--out", "out"], ["out/seeds.html", "out/seeds.json", "out/seeds.csv"],
                 ["reports", "claims"], id="out-dir"),
    pytest.param(["seeds/", "--json", "result.json"], ["result.json", "reports/seeds.html", "claims/seeds.csv"],
                 ["reports/seeds.json"], id="json-file"),
    pytest.param(["seeds/", "--json", "-"], ["reports/seeds.html", "claims/seeds.csv"], ["reports/seeds.json"],
                 id="json-stdout"),
    pytest.param(["seeds/000_6291c126803fc765.txt"],
                 ["reports/000_6291c126803fc765-*.html", "reports/000_6291c126803fc765-*.json",
                  "claims/000_6291c126803fc765-*.csv"], [], id="single-file-named-after-file"),
    pytest.param(["article.txt"], ["reports/article.html", "reports/article.json", "claims/article.csv"], [],
                 id="single-file-here"),
]


@pytest.mark.parametrize(("args", "written", "absent"), OUTPUTS)
def test_outputs(workdir: Path, args: list[str], written: list[str], absent: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    written = [str(next(workdir.glob(p), p)) for p in written]  # NAME-* is NAME and a hash of the path
    for p in written:
        assert (workdir / p).is_file(), p
        assert (workdir / p).stat().st_size > 0, p
    for p in absent:
        assert not (workdir / p).exists(), p
    for p in written:
        if p.endswith(".json"):
            assert json.loads((workdir / p).read_text("utf-8"))["schema"] == "reconcile/1"


def test_summary(workdir: Path) -> None:
    result = invoke("seeds/")
    assert result.exit_code == 0, result.output
    data = json.loads((workdir / "reports/seeds.json").read_text("utf-8"))
    m = re.search(r"(\d+) sources?, (\d+) claims?", result.output)
    assert m, result.output
    assert (int(m.group(1)), int(m.group(2))) == (5, len(data["claims"]))
    counts = data["summary"]["findings"]
    assert f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info" in result.output
    for p in ("reports/seeds.html", "reports/seeds.json", "claims/seeds.csv"):
        assert str(Path(p)) in result.output


def test_json_to_stdout(workdir: Path) -> None:
    result = invoke("seeds/", "--json", "-")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # nothing but the JSON on standard output
    assert data["schema"] == "reconcile/1"
    assert data["summary"]["sources"] == 5
    assert "claims" in result.stderr  # the summary moved to standard error


def test_quiet(workdir: Path) -> None:
    result = invoke("seeds/", "-q")
    assert result.exit_code == 0
    assert result.output == ""
    assert (workdir / "reports/seeds.json").is_file()


@pytest.mark.parametrize("jobs, workers", [pytest.param("1", False, id="one-process"),
                                           pytest.param("2", True, id="two-workers")])
def test_timings_on_stderr_even_when_quiet(workdir: Path, jobs: str, workers: bool,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from benchkit import load_generator

    from reconciler._engine import parallel

    monkeypatch.setattr(parallel, "_FORKS", [0])  # (this test process may have started workers before)
    load_generator().generate(80, workdir / "corpus", seed=5)  # more than one chunk: the pool runs
    result = invoke("corpus/", "-q", "--timings", "--jobs", jobs)
    assert result.exit_code == 0
    assert result.stdout == ""
    line = result.stderr.strip()
    stages = dict(re.findall(r"(\w+) (\d+\.\d\d) s\b", line))
    assert list(stages) == ["read", "extract", "align", "check", "history", "write", "total"]
    assert float(stages["total"]) >= float(stages["write"]) > 0
    memory = re.search(r"; peak memory (\d+) MB(, workers (\d+) MB)?$", line)
    assert memory is not None, line
    assert int(memory.group(1)) > 10
    assert (memory.group(2) is not None) is workers


def test_no_timings_unless_asked(workdir: Path) -> None:
    assert "timings" not in invoke("seeds/", "-q").stderr


@pytest.mark.parametrize("background", [pytest.param(False, id="written-here"),
                                        pytest.param(True, id="written-by-a-worker")])
def test_outputs_that_cannot_be_written_are_a_clear_error(workdir: Path, monkeypatch: pytest.MonkeyPatch,
                                                         background: bool) -> None:
    from reconciler._engine import background as output

    (workdir / "claims").write_text("a file where the ledger's folder would go", encoding="utf-8")
    if background:
        monkeypatch.setattr(output, "BACKGROUND_FROM", 0)  # the seeds' ledger written by a pool worker
    result = invoke("seeds/", "-q", "--jobs", "2")
    assert result.exit_code == 2
    assert "cannot write the outputs: claims" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in (workdir / "reports").iterdir() if p.name.endswith(".tmp")] == []


def test_claimreview_that_cannot_be_written_is_a_clear_error(workdir: Path) -> None:
    (workdir / "taken").write_text("a file", encoding="utf-8")
    result = invoke("seeds/", "-q", "--claimreview", "taken/reviews.jsonld")
    assert result.exit_code == 2
    assert "cannot write the outputs: taken" in result.stderr, result.stderr


# ---------------------------------------------------------------------------------------
# exit codes

FAIL_ON = [
    pytest.param("seeds/", [], 0, id="seeds-no-fail-on"),
    pytest.param("seeds/", ["--fail-on", "error"], 1, id="seeds-fail-on-error"),
    pytest.param("seeds/", ["--fail-on", "warning"], 1, id="seeds-fail-on-warning"),
    pytest.param("warning-only/", ["--fail-on", "error"], 0, id="warning-only-fail-on-error"),
    pytest.param("warning-only/", ["--fail-on", "warning"], 1, id="warning-only-fail-on-warning"),
    pytest.param("clean/", ["--fail-on", "warning"], 0, id="clean-fail-on-warning"),
]


@pytest.mark.parametrize(("folder", "args", "code"), FAIL_ON)
def test_fail_on(workdir: Path, folder: str, args: list[str], code: int) -> None:
    result = invoke(folder, *args)
    assert result.exit_code == code, result.output


USAGE_ERRORS = [
    pytest.param(["missing-folder/"], "missing-folder", True, id="nonexistent-path"),
    pytest.param(["seeds/", "missing.txt"], "missing.txt", True, id="second-path-nonexistent"),
    pytest.param(["empty/"], "empty", True, id="no-readable-article"),
    pytest.param(["seeds/", "--rules", "bad-rules.toml"], "bad-rules.toml", True, id="unusable-rules-file"),
    pytest.param([], "PATHS", False, id="no-path"),
    pytest.param(["seeds/", "--fail-on", "info"], "--fail-on", False, id="bad-fail-on-choice"),
]


@pytest.mark.parametrize(("args", "named", "one_line"), USAGE_ERRORS)
def test_usage_errors(workdir: Path, args: list[str], named: str, one_line: bool) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert named in result.stderr
    if one_line:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.output
    assert not (workdir / "reports").exists()


# ---------------------------------------------------------------------------------------
# help: an example and every option (like sqlite-utils' test_docs)


def _options() -> list[str]:
    command = run_command  # `reconcile --help` is the run command's help
    assert isinstance(command, click.Command)
    return [opt for p in command.params if isinstance(p, click.Option) for opt in (*p.opts, *p.secondary_opts)]


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_has_example(flag: str) -> None:
    result = invoke(flag)
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert re.search(r"^\s+reconcile seeds/", result.output, re.M)


@pytest.mark.parametrize("option", _options())
def test_help_documents_option(option: str) -> None:
    result = invoke("--help")
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", result.output), option


# ---------------------------------------------------------------------------------------
# the JSON contract, on the seeds


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Any], dict[str, Any]]]:
    """Two runs over a copy of the seeds: (folder, first JSON, second JSON)."""
    root = tmp_path_factory.mktemp("cli-seeds")
    shutil.copytree(SEEDS, root / "seeds")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        for name in ("one", "two"):
            result = invoke("seeds/", "--out", name, "-q")
            assert result.exit_code == 0, result.output
    yield (root, json.loads((root / "one/seeds.json").read_text("utf-8")),
           json.loads((root / "two/seeds.json").read_text("utf-8")))


def _texts(root: Path, data: dict[str, Any]) -> dict[str, str]:
    """Source id -> the text of its file on disk."""
    out = {}
    for s in data["sources"]:
        path = root / s["path"] if (root / s["path"]).is_file() else root / "seeds" / Path(s["path"]).name
        out[s["id"]] = path.read_text("utf-8")
    return out


def test_json_spans_quote_the_file(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]]) -> None:
    root, data, _ = seeds_run
    texts = _texts(root, data)
    assert len(texts) == 5
    assert data["claims"]
    bad = [c for c in data["claims"] if texts[c["source"]][c["start"]:c["end"]] != c["text"]]
    assert bad == []


@pytest.mark.parametrize("story", sorted(p.name for p in (SEEDS.parent / "tests" / "stories").iterdir() if p.is_dir()))
def test_json_spans_quote_html_pages(tmp_path: Path, story: str) -> None:
    """In an HTML article a claim is located in the page itself, where the page has it verbatim."""
    folder = SEEDS.parent / "tests" / "stories" / story
    out = tmp_path / "r.json"
    done = CliRunner().invoke(main, [str(folder), "-q", "--out", str(tmp_path), "--json", str(out)])
    assert done.exit_code == 0, done.output
    data = json.loads(out.read_text("utf-8"))
    pages = {s["id"]: (folder / Path(s["path"]).name).read_text("utf-8") for s in data["sources"]
             if s["format"] == "html"}
    assert pages
    in_pages = [c for c in data["claims"] if c["source"] in pages]
    assert in_pages
    located = [c for c in in_pages if c["located"] == "file"]
    assert [c["text"] for c in located if pages[c["source"]][c["start"]:c["end"]] != c["text"]] == []
    assert len(located) >= 0.9 * len(in_pages)
    for c in in_pages:  # the selectors stay in the article text the report shows
        assert c["selector"][0]["exact"] == c["text"]


def test_json_dates_are_iso(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]]) -> None:
    _, data, _ = seeds_run
    dates = [c for c in data["claims"] if c["kind"] == "date"]
    assert dates
    for c in dates:
        v = c["value"]
        assert isinstance(v, str), c
        if c["unit"] == "date":
            m = re.fullmatch(r"(\d{4}|-)-(\d\d)-(\d\d)", v)
            assert m, c
            dt.date(2000 if m.group(1) == "-" else int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif c["unit"] == "month":
            assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", v), c
        else:
            assert c["unit"] == "weekday" and v in WEEKDAYS, c


def test_json_units(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]]) -> None:
    _, data, _ = seeds_run
    codes = set(load_rates().per_usd)
    for c in data["claims"]:
        if c["kind"] == "money":
            assert c["unit"] in codes and re.fullmatch(r"[A-Z]{3}", c["unit"]), c
        elif c["kind"] == "rate":
            assert c["unit"].split("/", 1)[0] in codes, c
        elif c["kind"] == "duration":
            assert c["unit"] == "h", c
        elif c["kind"] == "percent":
            assert c["unit"] in ("%", "pp"), c
        if c["kind"] != "date":
            assert isinstance(c["value"], float | int), c


# money in the stated currency, durations in hours: (file prefix, quote in the claim, value, unit)
JSON_VALUES = [
    pytest.param("000", "$294,000", 294_000, "USD", id="dollars"),
    pytest.param("002", "2.08 million RMB", 2.08e6, "CNY", id="rmb-after-stays-cny"),
    pytest.param("003", "RMB 2.08 million", 2.08e6, "CNY", id="rmb-before-stays-cny"),
    pytest.param("003", "2 million yuan", 2e6, "CNY", id="yuan-stays-cny"),
    pytest.param("003", "29.4 * * $10000", 294_000, "USD", id="artefact-ten-thousand-dollars"),
    pytest.param("003", "300000 US dollars", 300_000, "USD", id="us-dollars-after"),
    pytest.param("002", "$2 million", 2e6, "USD", id="mislabelled-figure-kept-as-printed"),
    pytest.param("004", "4 days", 96, "h", id="days-in-hours"),
    pytest.param("004", "5,000 GPU hours", 5000, "h", id="gpu-hours"),
    pytest.param("003", "198 * * hours", 198, "h", id="hours-with-debris"),
    pytest.param("004", "77.9%", 77.9, "%", id="percent"),
    pytest.param("000", "September 18", "--09-18", "date", id="date-without-year"),
]


@pytest.mark.parametrize(("prefix", "quote", "value", "unit"), JSON_VALUES)
def test_json_values(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]], prefix: str, quote: str,
                     value: float | str, unit: str) -> None:
    _, data, _ = seeds_run
    ids = {s["id"] for s in data["sources"] if Path(s["path"]).name.startswith(prefix + "_")}
    found = [(c["value"], c["unit"]) for c in data["claims"] if c["source"] in ids and quote in c["text"]]
    want = (pytest.approx(value, rel=1e-9) if isinstance(value, int | float) else value, unit)
    assert want in found


def test_json_ids_are_stable(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]]) -> None:
    _, one, two = seeds_run
    for key in ("sources", "claims", "groups", "findings"):
        assert [x["id"] for x in one[key]] == [x["id"] for x in two[key]], key
    assert len({c["id"] for c in one["claims"]}) == len(one["claims"])
    assert one == two


def test_json_references_resolve(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]]) -> None:
    _, data, _ = seeds_run
    claim_ids = {c["id"] for c in data["claims"]}
    group_ids = {g["id"] for g in data["groups"]}
    assert {c["source"] for c in data["claims"]} <= {s["id"] for s in data["sources"]}
    for g in data["groups"]:
        assert set(g["claims"]) <= claim_ids
    for f in data["findings"]:
        assert f["severity"] in ("error", "warning", "info")
        assert f["claims"] and set(f["claims"]) <= claim_ids
        assert f["group"] is None or f["group"] in group_ids
    s = data["summary"]
    assert (s["sources"], s["claims"], s["groups"]) == (len(data["sources"]), len(data["claims"]), len(data["groups"]))
    assert sum(s["findings"].values()) == len(data["findings"])


def test_csv_has_one_row_per_claim(seeds_run: tuple[Path, dict[str, Any], dict[str, Any]]) -> None:
    root, data, _ = seeds_run
    with (root / "one/seeds.csv").open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert len(rows) == len(data["claims"])
    assert [r[0] for r in rows] == [c["id"] for c in data["claims"]]
    assert all(len(r) == len(header) for r in rows)


@pytest.mark.parametrize(("folder", "extra", "h1"), [
    ("harbour strike", (), "harbour strike"),  # the folder names the story
    ("seeds", ("--title", "Training <costs>"), "Training &lt;costs&gt;"),
])
def test_the_report_heading_names_the_story(workdir: Path, folder: str, extra: tuple[str, ...], h1: str) -> None:
    if folder != "seeds":
        shutil.copytree(workdir / "seeds", workdir / folder)
    result = invoke(folder, "--out", "out", "-q", *extra)
    assert result.exit_code == 0, result.output
    html = next((workdir / "out").glob("*.html")).read_text("utf-8")
    assert f"<h1>{h1}</h1>" in html
    assert "Liang Wenfeng" not in re.search(r"<h1>.*?</h1>", html).group(0)  # not one article's headline


def _example_lines() -> list[tuple[str, str]]:
    """Every `reconcile ...` example of the README's code blocks and of the commands' help."""
    readme = (SEEDS.parent / "README.md").read_text("utf-8")
    blocks = re.findall(r"```\n(.*?)```", readme, re.S)
    lines = [("README", ln) for b in blocks for ln in b.splitlines()]
    for args in (["--help"], ["review", "x", "--help"], ["serve", "--help"]):
        lines += [(" ".join(args), ln) for ln in invoke(*args).output.splitlines()]
    return [(where, ln.strip().removeprefix("$ ")) for where, ln in lines
            if re.match(r"\s*(\$ )?(cd \S+ && )?reconcile ", ln)]


def test_examples_name_files_that_ship_and_single_quote_dollars() -> None:
    examples = _example_lines()
    assert len(examples) > 15
    root = SEEDS.parent
    for where, line in examples:
        command = line.split("  #")[0].split("   ")[0]
        assert not re.search(r'"[^"]*\$[^"]*"', command), (where, line)  # bash would expand $2
        for token in command.split():
            if re.search(r"\.(html|md|txt)$", token):
                assert (root / token).is_file(), (where, line)
