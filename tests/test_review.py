"""An editor's decisions across runs (reconciler.review and `reconcile review`).

Decisions are stored in a plain TOML file beside the corpus, written atomically; they stick
to their finding by id, follow its quote when the article is edited, and a decision whose
finding is gone is reported as orphaned, never dropped.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from deskkit import invoke, seeds_desk

from reconciler.desk.decisions import (
    FILENAME,
    Decision,
    DecisionError,
    Evidence,
    clear,
    decide,
    load,
    resolve,
    resolve_data,
    save,
)
from reconciler.pipeline import reconcile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DATE = "f-196159e9fd"  # "September 18" vs "September 17"
CNY = "f-5e5d55adf4"  # "$2 million" is a CNY figure
SCORE = "f-8b513e009e"  # "77.9%" vs "71.0%"
SCORE_FILE = "004_95a5bb0fb473f029.txt"

HOSTILE_NOTE = 'He said "no"\\n\n\ttab \x00 \x1b[31m \u2028 ] [[decision]] = # not a comment 日本 \u202e'


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return seeds_desk(tmp_path, monkeypatch)


def result_data(desk: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((desk / "reports" / "seeds.json").read_text("utf-8"))
    return data


# ---------------------------------------------------------------------------------------
# the file


def test_round_trip_keeps_every_character(tmp_path: Path) -> None:
    decisions = [
        Decision(finding="f-2", status="dismissed", note=HOSTILE_NOTE, by="anna", date="2025-09-20", rule="r",
                 message="“$2 million” vs “$294,000”",
                 evidence=(Evidence("a", '"$2" million', "pre\\fix\n", "suf\rfix", 12),)),
        Decision(finding="f-1", status="corrected", corrected="$294,000", note=""),
    ]
    path = tmp_path / FILENAME
    save(path, decisions)
    text = path.read_text("utf-8")
    assert text.startswith("# Editorial decisions")
    assert text.index('finding = "f-1"') < text.index('finding = "f-2"')  # sorted: stable diffs
    assert all(len(line) < 400 for line in text.splitlines())  # one key per line, nothing spills
    assert load(path) == sorted(decisions, key=lambda d: d.finding)
    assert tomllib.loads(text)["decision"][1]["note"] == HOSTILE_NOTE
    assert [p.name for p in tmp_path.iterdir()] == [FILENAME]  # no temporary file left


@pytest.mark.parametrize(("content", "message"), [
    ("[[decision\n", "not a readable TOML file"),
    ('decision = "hello"\n', r"must be \[\[decision\]\] tables, not a string"),
])
def test_unusable_file_is_an_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / FILENAME
    path.write_text(content, "utf-8")
    with pytest.raises(DecisionError, match=message):
        load(path)
    assert load(tmp_path / "missing.toml") == []


def test_decide_by_prefix_replace_and_clear(desk: Path) -> None:
    data = result_data(desk)
    decisions, d = decide([], data, "f-1961", "confirmed", note="first look", today="2025-09-20")
    assert d.finding == DATE and d.rule == "date_mismatch" and d.date == "2025-09-20"
    assert [e.exact for e in d.evidence] == ["September 18", "September 17"]
    assert d.evidence[0].prefix.endswith("On ") and d.evidence[0].suffix.startswith(", the research")
    decisions, d2 = decide(decisions, data, DATE, "dismissed", note="dateline")
    assert decisions == [d2] and d2.status == "dismissed"
    with pytest.raises(DecisionError, match="no finding"):
        decide(decisions, data, "f-nope", "confirmed")
    with pytest.raises(DecisionError, match="names"):
        decide(decisions, data, "f-", "confirmed")
    with pytest.raises(DecisionError, match="corrected value"):
        decide(decisions, data, CNY, "corrected")
    decisions, gone = clear(decisions, DATE[:6])
    assert decisions == [] and gone == d2


# ---------------------------------------------------------------------------------------
# attaching decisions to later runs


def test_decisions_stick_follow_edits_and_orphan(desk: Path) -> None:
    data = result_data(desk)
    decisions: list[Decision] = []
    for fid, status in ((DATE, "dismissed"), (CNY, "confirmed"), (SCORE, "confirmed")):
        decisions, _ = decide(decisions, data, fid, status, note=f"note on {fid}")
    result = reconcile([desk / "seeds"])
    res = resolve(result, decisions, "x")
    assert set(res.attached) == {DATE, CNY, SCORE} and res.orphans == ()
    assert not any(a.moved for a in res.attached.values())
    # an editor's note at the top of one article moves every claim in it: ids change, decisions follow
    art = desk / "seeds" / "002_48204d6203080b4c.txt"  # the "$2 million" article
    art.write_text("Correction appended below.\n\n" + art.read_text("utf-8"), "utf-8")
    # and the 77.9% is corrected in another: that finding is gone
    score = desk / "seeds" / SCORE_FILE
    score.write_text(score.read_text("utf-8").replace("77.9%", "71.0%"), "utf-8")
    result = reconcile([desk / "seeds"])
    ids = {f.id for f in result.findings}
    res = resolve(result, decisions, "x")
    moved = {a.decision.finding: fid for fid, a in res.attached.items() if a.moved}
    assert CNY in moved and moved[CNY] in ids and moved[CNY] != CNY  # followed its quote
    assert DATE in {a.decision.finding for a in res.attached.values()}
    [orphan] = res.orphans
    assert orphan.decision.finding == SCORE and "77.9%" in orphan.reason and "no longer" in orphan.reason
    # the same from the JSON result alone (what `reconcile review list` uses)
    from reconciler.output.result import to_dict

    res2 = resolve_data(to_dict(result), decisions)
    assert set(res2.attached) == set(res.attached) and [o.decision.finding for o in res2.orphans] == [SCORE]


def test_a_removed_article_orphans_its_decision(desk: Path) -> None:
    decisions, _ = decide([], result_data(desk), SCORE, "confirmed")
    (desk / "seeds" / SCORE_FILE).unlink()
    res = resolve(reconcile([desk / "seeds"]), decisions)
    assert [o.decision.finding for o in res.orphans] == [SCORE]
    assert "no longer in the corpus" in res.orphans[0].reason


# ---------------------------------------------------------------------------------------
# the command line


def test_review_commands(desk: Path) -> None:
    out = invoke("review", "seeds", "dismiss", DATE, "--note", "dateline, not the event", "--by", "anna")
    assert out.exit_code == 0 and f"dismissed {DATE}" in out.output
    assert invoke("review", "seeds", "confirm", CNY[:7], "--note", "checked").exit_code == 0
    assert invoke("review", "seeds", "correct", SCORE, "--value", "71.0%").exit_code == 0
    stored = {d.finding: d for d in load(desk / "seeds" / FILENAME)}
    assert stored[DATE].by == "anna" and stored[SCORE].corrected == "71.0%" and stored[CNY].note == "checked"
    listing = invoke("review", "seeds", "list").output
    assert f"{DATE}  error" in listing and "[dismissed: dateline, not the event]" in listing
    assert "1 confirmed, 1 corrected, 1 dismissed, 0 orphaned" in listing
    assert CNY not in invoke("review", "seeds", "list", "--open").output
    assert invoke("review", "seeds", "clear", SCORE).exit_code == 0
    assert SCORE not in {d.finding for d in load(desk / "seeds" / FILENAME)}
    # the next run shows the decisions and says so
    run = invoke("seeds")
    assert run.exit_code == 0 and "decisions: 1 confirmed, 0 corrected, 1 dismissed" in run.output
    html = (desk / "reports" / "seeds.html").read_text("utf-8")
    assert "dateline, not the event" in html and 'class="finding sev-error is-dismissed"' in html


def test_orphans_are_reported_by_the_run(desk: Path) -> None:
    assert invoke("review", "seeds", "confirm", SCORE, "--note", "keep").exit_code == 0
    score = desk / "seeds" / SCORE_FILE
    score.write_text(score.read_text("utf-8").replace("77.9%", "71.0%"), "utf-8")
    run = invoke("seeds")
    assert "1 orphaned" in run.output and f"orphaned {SCORE} (confirmed)" in run.output
    assert invoke("review", "seeds", "list").output.count("orphaned") >= 1
    assert SCORE in load(desk / "seeds" / FILENAME)[0].finding  # kept in the file, never dropped


@pytest.mark.parametrize(("args", "message"), [
    (["review", "seeds", "confirm", "f-nope"], "no finding"),
    (["review", "seeds", "dismiss", DATE], "--note"),
    (["review", "seeds", "correct", DATE, "--note", "x"], "--value"),
    (["review", "missing-folder", "list"], "missing-folder"),
    (["review", "--result", "nowhere.json", "seeds", "list"], "nowhere.json"),
])
def test_review_usage_errors(desk: Path, args: list[str], message: str) -> None:
    out = invoke(*args)
    assert out.exit_code == 2 and message in out.output


def test_a_broken_decisions_file_does_not_stop_a_run(desk: Path) -> None:
    (desk / "seeds" / FILENAME).write_text("[[decision\n", "utf-8")
    run = invoke("seeds")
    assert run.exit_code == 0 and "decisions not applied" in run.stderr
    assert invoke("review", "seeds", "list").exit_code == 2


@pytest.mark.parametrize("named", [["./review"], ["run", "review"]], ids=["as-a-path", "with-run"])
def test_a_folder_named_review_is_a_corpus_when_named_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             named: list[str]) -> None:
    (tmp_path / "review").mkdir()
    shutil.copy(SEEDS / SCORE_FILE, tmp_path / "review" / "a.txt")
    monkeypatch.chdir(tmp_path)
    out = invoke(*named, "-q")  # a path (or the run command) names the folder: reconcile it
    assert out.exit_code == 0 and (tmp_path / "reports" / "review.html").is_file()
    assert invoke("review", "review", "list").exit_code == 0  # the first word "review": the review command


def test_review_help_lists_every_action() -> None:
    help_text = invoke("review", "--help").output
    assert "Examples:" in help_text
    assert all(action in help_text for action in ("list", "confirm", "dismiss", "correct", "clear", "export"))


def test_finding_ids_survive_an_added_article_that_agrees(desk: Path) -> None:
    before = {f.id for f in reconcile([desk / "seeds"]).findings}
    (desk / "seeds" / "005_more.txt").write_text(
        "DeepSeek R1 cost\n\nThe incremental training cost of DeepSeek-R1 was $294,000, Nature reported. "
        "It scored 71.0% on AIME 2024 pass@1 and used 512 H800 GPUs.\n", "utf-8")
    after = {f.id for f in reconcile([desk / "seeds"]).findings}
    assert before <= after and {DATE, CNY, SCORE} <= after


def test_the_run_summary_marks_decided_findings_and_list_shows_the_corrected_value(desk: Path) -> None:
    assert invoke("review", "seeds", "dismiss", DATE, "--note", "dateline").exit_code == 0
    assert invoke("review", "seeds", "correct", SCORE, "--value", "71.0%", "--note", "a typo").exit_code == 0
    assert invoke("review", "seeds", "confirm", CNY).exit_code == 0
    listing = invoke("review", "seeds", "list").output
    assert "[corrected to 71.0%: a typo]" in listing and "[dismissed: dateline]" in listing
    summary = {line.split("  [")[0].strip(): line for line in invoke("seeds").output.splitlines()
               if line.startswith("  error") or line.startswith("  warning")}
    data = {f["id"]: f for f in result_data(desk)["findings"]}
    marked = {fid: next(line for key, line in summary.items() if data[fid]["message"] in key)
              for fid in (DATE, SCORE, CNY)}
    assert marked[DATE].endswith("[dismissed]")
    assert marked[SCORE].endswith("[corrected to 71.0%]")
    assert marked[CNY].endswith("[confirmed]")
    assert sum("[" in line for line in summary.values()) == 3  # the open ones are unmarked


REVIEW_FROM = [
    # (id, folder to run review from, its arguments)
    ("inside the corpus", "seeds", [".", "list"]),
    ("another folder", "elsewhere", ["../seeds", "list"]),
    ("another folder, absolute corpus", "elsewhere", ["{root}/seeds", "list"]),
]


@pytest.mark.parametrize(("where", "args"), [pytest.param(*r[1:], id=r[0]) for r in REVIEW_FROM])
def test_review_works_from_any_folder(desk: Path, monkeypatch: pytest.MonkeyPatch, where: str,
                                      args: list[str]) -> None:
    (desk / where).mkdir(exist_ok=True)
    monkeypatch.chdir(desk / where)
    out = invoke("review", *(a.format(root=desk) for a in args))
    assert out.exit_code == 0, out.output
    assert f"{DATE}  error" in out.output
    confirmed = invoke("review", args[0].format(root=desk), "confirm", CNY)
    assert confirmed.exit_code == 0 and CNY in {d.finding for d in load(desk / "seeds" / FILENAME)}


OPTIONS_ANYWHERE = [
    # (id, arguments of `reconcile review`): every one names the run written to out/
    ("before the corpus", ["--out", "out", "seeds", "list"]),
    ("after the corpus", ["seeds", "--out", "out", "list"]),
    ("after the action", ["seeds", "list", "--out", "out"]),
    ("with =", ["seeds", "list", "--out=out"]),
    ("between an action's options", ["seeds", "dismiss", DATE, "--note", "--out", "--out", "out"]),
]


@pytest.mark.parametrize("args", [pytest.param(r[1], id=r[0]) for r in OPTIONS_ANYWHERE])
def test_review_options_may_follow_the_corpus(desk: Path, args: list[str]) -> None:
    assert invoke("seeds", "--out", "out", "-q").exit_code == 0
    (desk / "reports" / "seeds.json").unlink()  # only out/ holds a result now
    out = invoke("review", *args)
    assert out.exit_code == 0, out.output
    if "dismiss" in args:  # a note that reads like an option is still the note
        assert {d.finding: d.note for d in load(desk / "seeds" / FILENAME)}[DATE] == "--out"
