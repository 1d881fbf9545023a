"""The decisions file under stress: hand edits with bad values, commands run at the same time,
private, read-only and linked files, folders and paths that cannot be written, results of the
wrong shape, and notes that hold terminal escapes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from deskkit import invoke, seeds_desk

from reconciler.desk.decisions import FILENAME, Decision, DecisionError, load, read, save

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOOD = '[[decision]]\nfinding = "f-good"\nstatus = "confirmed"\nnote = "kept"\n\n'


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return seeds_desk(tmp_path, monkeypatch)


def finding_ids(desk: Path) -> list[str]:
    return [f["id"] for f in json.loads((desk / "reports" / "seeds.json").read_text("utf-8"))["findings"]]


# ---------------------------------------------------------------------------------------
# a bad entry in a hand-edited file: skipped and named, the rest used

EVIDENCE = '[[decision]]\nfinding = "f-bad"\nstatus = "confirmed"\n[[decision.evidence]]\nsource = "a"\nexact = "b"\n'
BAD_ENTRIES = [
    pytest.param(EVIDENCE + 'start = "abc"\n', "evidence 1: start must be a whole number", id="start-string"),
    pytest.param(EVIDENCE + "start = inf\n", "not inf", id="start-inf"),
    pytest.param(EVIDENCE + "start = nan\n", "not nan", id="start-nan"),
    pytest.param(EVIDENCE + "start = -3\n", "not -3", id="start-negative"),
    pytest.param(EVIDENCE + "start = 1.5\n", "not 1.5", id="start-fraction"),
    pytest.param(EVIDENCE + "start = true\n", "not True", id="start-boolean"),
    pytest.param(EVIDENCE + "exact = [\"x\"]\n", "", id="duplicate-key-is-bad-toml"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "confirmed"\n[[decision.evidence]]\nexact = ["x"]\n',
                 "evidence 1: exact must be a string, not an array", id="exact-array"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "confirmed"\nevidence = "abc"\n',
                 "evidence must be [[decision.evidence]] tables", id="evidence-string"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "confirmed"\nevidence = [1, 2]\n',
                 "evidence 1 is an integer, not a table", id="evidence-numbers"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "maybe"\n', "status 'maybe'", id="status-unknown"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = 5\n', "status 5", id="status-number"),
    pytest.param('[[decision]]\nfinding = 5\nstatus = "confirmed"\n', "finding must be a string", id="finding-number"),
    pytest.param('[[decision]]\nstatus = "confirmed"\n', "no finding id", id="finding-missing"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "confirmed"\nnote = {x = 1}\n',
                 "note must be a string, not a table", id="note-table"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "corrected"\ncorrected = [1, 2]\n',
                 "corrected must be a string, not an array", id="corrected-array"),
    pytest.param('[[decision]]\nfinding = "f-bad"\nstatus = "confirmed"\nby = true\n',
                 "by must be a string, not a boolean", id="by-boolean"),
]


@pytest.mark.parametrize(("entry", "why"), BAD_ENTRIES)
def test_a_bad_entry_is_skipped_and_named(tmp_path: Path, entry: str, why: str) -> None:
    path = tmp_path / FILENAME
    path.write_text(GOOD + entry, "utf-8")
    if not why:  # not TOML at all: the file as a whole is refused (see test_review.py)
        with pytest.raises(DecisionError, match="not a readable TOML file"):
            read(path)
        return
    loaded = read(path)
    assert [d.finding for d in loaded.decisions] == ["f-good"]  # the good entry is used
    [problem] = loaded.problems
    assert problem.startswith(f"{path}: decision 2") and "skipped" in problem and why in problem


@pytest.mark.parametrize(("content", "check"), [
    pytest.param(GOOD.replace('note = "kept"', "date = 2025-09-20"), lambda d: d.date == "2025-09-20",
                 id="toml-date"),
    pytest.param("\ufeff" + GOOD, lambda d: d.note == "kept", id="utf-8-bom"),
    pytest.param(GOOD + "extra = 1\n", lambda d: d.note == "kept", id="a-key-of-ones-own"),
])
def test_good_hand_edits_are_read(tmp_path: Path, content: str, check: object) -> None:
    path = tmp_path / FILENAME
    path.write_text(content, "utf-8")
    loaded = read(path)
    assert loaded.problems == () and check(loaded.decisions[0])  # type: ignore[operator]


def test_a_bad_entry_never_stops_a_run_or_leaves_outputs_behind(desk: Path) -> None:
    (desk / "seeds" / FILENAME).write_text(GOOD + EVIDENCE + 'start = "abc"\n', "utf-8")
    (desk / "seeds" / "005_extra.txt").write_text("Extra\n\nThe training run used 2,048 GPUs.\n", "utf-8")
    run = invoke("seeds", "-q")
    assert run.exit_code == 0, run.output
    assert "decision 2 (f-bad) skipped: evidence 1: start must be a whole number" in run.stderr
    data = json.loads((desk / "reports" / "seeds.json").read_text("utf-8"))
    html = (desk / "reports" / "seeds.html").read_text("utf-8")
    assert len(data["sources"]) == 6 and ">6</dd>" in html  # the report is of this run, like the JSON
    listing = invoke("review", "seeds", "list")
    assert listing.exit_code == 0 and "decision 2 (f-bad) skipped" in listing.stderr


def test_a_command_that_rewrites_the_file_keeps_a_bad_entry(desk: Path) -> None:
    path = desk / "seeds" / FILENAME
    path.write_text(GOOD + EVIDENCE + "start = nan\n", "utf-8")
    before = path.read_bytes()
    out = invoke("review", "seeds", "confirm", finding_ids(desk)[0])
    assert out.exit_code == 2 and "decision 2 (f-bad) skipped" in out.output and "not changed" in out.output
    assert path.read_bytes() == before  # nothing dropped


# ---------------------------------------------------------------------------------------
# commands at the same time


def test_commands_at_once_keep_every_decision(desk: Path) -> None:
    ids = finding_ids(desk)[:10]  # one command per finding of the seeds, run all at once
    assert len(ids) >= 8
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    procs = [subprocess.Popen([sys.executable, "-m", "reconciler", "review", "seeds", "confirm", fid,
                               "--note", f"race {k}"], cwd=desk, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for k, fid in enumerate(ids)]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode("utf-8", "replace")
    stored = {d.finding: d.note for d in load(desk / "seeds" / FILENAME)}
    assert stored == {fid: f"race {k}" for k, fid in enumerate(ids)}


# ---------------------------------------------------------------------------------------
# the file as the editor keeps it: its mode, its link, read-only


def test_saving_keeps_a_private_files_mode(tmp_path: Path) -> None:
    path = tmp_path / FILENAME
    path.write_text(GOOD, "utf-8")
    path.chmod(0o600)
    save(path, [Decision(finding="f-1", status="confirmed")])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and load(path)[0].finding == "f-1"


def test_saving_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "decisions.toml"
    target.write_text(GOOD, "utf-8")
    link = tmp_path / FILENAME
    link.symlink_to(Path("shared") / "decisions.toml")
    save(link, [Decision(finding="f-1", status="dismissed", note="n")])
    assert link.is_symlink() and load(target)[0].finding == "f-1"
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == [".decisions.toml.lock", "decisions.toml"] \
        or sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["decisions.toml"]


def test_a_read_only_file_is_refused(desk: Path) -> None:
    path = desk / "seeds" / FILENAME
    path.write_text(GOOD, "utf-8")
    path.chmod(0o444)
    out = invoke("review", "seeds", "confirm", finding_ids(desk)[0])
    assert out.exit_code == 2 and "is read-only" in out.output
    assert path.read_text("utf-8") == GOOD and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_folder_that_cannot_be_written_is_a_clear_error(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(desk / "seeds" / ".x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # what a read-only folder does (root writes anywhere)
    out = invoke("review", "seeds", "confirm", finding_ids(desk)[0])
    assert out.exit_code == 2 and "cannot write" in out.output and "Permission denied" in out.output
    assert "Traceback" not in out.output


@pytest.mark.parametrize("target", ["afile/x.jsonld", "/proc/nope/x.jsonld"], ids=["under-a-file", "in-proc"])
def test_an_export_path_that_cannot_be_written_is_a_clear_error(desk: Path, target: str) -> None:
    (desk / "afile").write_text("", "utf-8")
    out = invoke("review", "seeds", "export", target)
    assert out.exit_code == 2 and "cannot write" in out.output


@pytest.mark.parametrize(("result", "why"), [
    pytest.param({"findings": 5}, "findings is an integer, not a list", id="findings-number"),
    pytest.param([1, 2], "it is an array, not an object", id="a-list"),
    pytest.param({"findings": [{"id": "f-1", "severity": "error", "message": "m", "claims": []}]},
                 "findings[0] has no rule", id="no-rule"),
    pytest.param({"findings": [{"id": "f-1", "rule": "r", "severity": "error", "message": "m"}]},
                 "findings[0] has no claims", id="no-claims"),
    pytest.param({"findings": [{"id": "f-1", "rule": "r", "severity": "error", "message": "m", "claims": [1]}]},
                 "findings[0].claims must list claim ids", id="claims-numbers"),
    pytest.param({"claims": [{"id": "c", "source": "s", "start": "0", "end": 1, "text": "t"}]},
                 "claims[0].start is a string", id="start-string"),
    pytest.param({"claims": [{"id": "c", "source": "s", "start": 0, "end": 1, "text": "t",
                              "selector": [{"type": "TextQuoteSelector", "exact": 5}]}]},
                 "claims[0].selector[0] needs exact", id="selector"),
    pytest.param({"sources": [{"title": "t"}]}, "sources[0] has no id", id="source-without-id"),
])
@pytest.mark.parametrize("action", [["list"], ["confirm", "f-1"], ["export", "-"]], ids=lambda a: a[0])
def test_a_result_of_the_wrong_shape_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       result: object, why: str, action: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "r.json").write_text(json.dumps(result), "utf-8")
    out = invoke("review", "--result", "r.json", "c", *action)
    assert out.exit_code == 2 and "r.json is not a reconcile result" in out.output and why in out.output


# ---------------------------------------------------------------------------------------
# what reaches the terminal


def test_terminal_escapes_in_a_note_never_reach_the_terminal(desk: Path) -> None:
    fid = finding_ids(desk)[0]
    (desk / "seeds" / FILENAME).write_text(
        f'[[decision]]\nfinding = "{fid}"\nstatus = "confirmed"\nnote = "ok\\u001b[2J\\u001b]0;PWNED\\u0007"\n'
        '[[decision]]\nfinding = "f-gone\\u001b[31m"\nstatus = "dismissed"\nmessage = "red\\u009b31m"\n', "utf-8")
    out = invoke("review", "seeds", "list")
    assert out.exit_code == 0
    assert not any(ch in out.output for ch in "\x1b\x07\x9b")
    assert "ok\\x1b[2J\\x1b]0;PWNED\\x07" in out.output and "f-gone\\x1b[31m" in out.output
    note = invoke("review", "seeds", "confirm", fid, "--note", "fine\x1b]0;X\x07")
    assert note.exit_code == 0 and "\x1b" not in note.output and "fine\\x1b]0;X\\x07" in note.output
