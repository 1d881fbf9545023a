"""What changed since the previous run, and evidence that survives edits (reconciler.history).

Claims carry W3C Web Annotation selectors in the JSON result; a run compares itself with the
previous one (a digest stored beside the outputs) and the report opens with what is new,
resolved or changed; flagged claims whose quote is gone from an edited article are orphaned.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconciler.cli import main
from reconciler.desk.history import advance, compare, load_state, save_state, state_path
from reconciler.desk.selectors import quote_selector, refind
from reconciler.models import Result
from reconciler.output.result import to_dict
from reconciler.pipeline import reconcile
from reconciler.report import render_html

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COST = "004_95a5bb0fb473f029.txt"  # the article with "77.9%" (disagrees with 71.0%)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds"


def run(corpus: Path) -> Result:
    return reconcile([str(corpus)])


def edit(path: Path, old: str | None = None, new: str = "", prefix: str = "") -> None:
    text = path.read_text("utf-8")
    if old is not None:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(prefix + text, "utf-8")


# ---------------------------------------------------------------------------------------
# selectors


REFIND = [
    pytest.param("A cost $5. B cost $7. C cost $5.", 28, 30, "Note. A cost $5. B cost $7. C cost $5.", (34, 36),
                 id="moved-by-an-insert-keeps-its-own-occurrence"),
    pytest.param("A cost $5. B cost $7.", 7, 9, "A cost $6. B cost $7.", None, id="figure-changed-is-gone"),
    pytest.param("A cost $5. B cost $7.", 7, 9, "Totally different. Then $5.", (24, 26),
                 id="one-bare-occurrence-is-accepted"),
    pytest.param("A cost $5. B cost $7.", 7, 9, "X $5 y. Z $5 w.", None, id="several-bare-occurrences-ambiguous"),
]


@pytest.mark.parametrize(("before", "start", "end", "after", "found"), REFIND)
def test_refind(before: str, start: int, end: int, after: str, found: tuple[int, int] | None) -> None:
    sel = quote_selector(before, start, end)
    assert sel["exact"] == before[start:end]
    assert refind(after, sel, hint=start) == found


def test_json_claims_carry_both_selectors() -> None:
    result = run(SEEDS)
    texts = {s.id: s.text for s in result.sources}
    data = to_dict(result)
    assert data["claims"]
    for c in data["claims"]:
        quote, position = c["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        text = texts[c["source"]]
        assert quote["exact"] == c["text"] == text[position["start"]:position["end"]]
        assert (position["start"], position["end"]) == (c["start"], c["end"])
        assert text[:c["start"]].endswith(quote["prefix"]) and text[c["end"]:].startswith(quote["suffix"])
        assert 0 < len(quote["prefix"]) + len(quote["suffix"]) <= 64
        assert refind(text, quote, hint=c["start"]) == (c["start"], c["end"])


# ---------------------------------------------------------------------------------------
# comparing two runs


def test_first_run_has_nothing_to_compare(corpus: Path) -> None:
    state, before = advance(None, run(corpus), "t1")
    assert before is None and compare(before, run(corpus)).first
    assert state["latest"]["when"] == "t1" and state["before"] is None


def test_new_resolved_changed_and_orphaned(corpus: Path) -> None:
    one = run(corpus)
    state, _ = advance(None, one, "t1")
    edit(corpus / COST, "77.9%", "71.0%")  # one disagreement resolved, its flagged claim gone
    (corpus / "005_new.txt").write_text(  # a new outlet: 648 GPUs
        "DeepSeek R1 follow-up\n\nDeepSeek trained R1 on 1,024 H800 GPUs, the company said.\n", "utf-8")
    two = run(corpus)
    state, before = advance(state, two, "t2")
    assert before is not None and before["when"] == "t1"
    changes = compare(before, two)
    assert not changes.first and changes.since == "t1"
    old_ids = {f.id for f in one.findings}
    new_ids = {f.id for f in two.findings}
    assert {c.finding for c in changes.items if c.kind == "resolved"} == old_ids - new_ids - set(changes.moved)
    assert {c.finding for c in changes.items if c.kind == "new"} == new_ids - old_ids - set(changes.moved.values())
    resolved = [c for c in changes.items if c.kind == "resolved"]
    assert any("77.9%" in c.message for c in resolved)
    assert changes.sources_added == ("DeepSeek R1 follow-up",)
    assert len(changes.sources_edited) == 1 and changes.sources_removed == ()
    assert any(q == "77.9%" for _src, q in changes.orphaned_claims)
    # the report opens with it
    html = render_html(two, generated_at="now", changes=changes)
    assert html.index('id="changes"') < html.index('id="findings"')
    assert "Claims no longer found" in html and "“77.9%”" in html


def test_a_finding_whose_claims_moved_is_not_new(corpus: Path) -> None:
    one = run(corpus)
    state, _ = advance(None, one, "t1")
    edit(corpus / COST, prefix="Editor's note: this article was updated on Monday.\n\n")  # every offset moves
    two = run(corpus)
    assert {f.id for f in one.findings} != {f.id for f in two.findings}  # claim ids are offsets
    _, before = advance(state, two, "t2")
    changes = compare(before, two)
    assert changes.moved, "the findings on the edited article should be matched by quote"
    assert changes.count("new") == changes.count("resolved") == 0, changes.items
    assert changes.orphaned_claims == () and changes.moved_claims > 0


def test_unchanged_rerun_keeps_showing_the_last_change(corpus: Path, tmp_path: Path) -> None:
    one = run(corpus)
    state, _ = advance(None, one, "t1")
    edit(corpus / COST, "77.9%", "71.0%")
    two = run(corpus)
    state, before = advance(state, two, "t2")
    first_view = compare(before, two)
    save_state(tmp_path / "state.json.gz", state)  # as between two runs of the command: stored and read back
    stored = load_state(tmp_path / "state.json.gz")
    assert stored is not None
    state, before = advance(stored, two, "t3")  # same inputs again
    assert before is not None and before["when"] == "t1"
    assert compare(before, two) == first_view
    assert state["latest"]["when"] == "t2"  # the run that produced this result


def test_the_command_stores_history_and_reports_changes(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, ["seeds"], catch_exceptions=False)
    assert first.exit_code == 0 and "since the last run" not in first.output
    path = state_path(tmp_path / "reports", "seeds")
    assert path.name == ".seeds.history.json.gz" and path.is_file()
    stored = json.loads(gzip.decompress(path.read_bytes()))
    assert stored["schema"] == "reconcile-history/1" and load_state(path) == stored
    html_first = (tmp_path / "reports" / "seeds.html").read_text("utf-8")
    assert "Nothing to compare with yet" in html_first
    when = stored["latest"]["when"]
    for _ in range(2):  # unchanged runs: no change since the first one, not "nothing to compare with"
        again = CliRunner().invoke(main, ["seeds"], catch_exceptions=False)
        assert again.exit_code == 0
        assert f"since the last run: no change since the run of {when}" in again.output
        html_again = (tmp_path / "reports" / "seeds.html").read_text("utf-8")
        assert "Nothing to compare with yet" not in html_again
        assert f"No change since the run of <time>{when}</time>" in html_again
    assert load_state(path)["latest"]["when"] == when
    edit(corpus / COST, "77.9%", "71.0%")
    third = CliRunner().invoke(main, ["seeds"], catch_exceptions=False)
    assert re.search(r"since the last run: \d+ new, [1-9]\d* resolved, \d+ changed; 1 flagged claim", third.output)
    html = (tmp_path / "reports" / "seeds.html").read_text("utf-8")
    assert "Compared with the run of" in html and "77.9%" in html


def test_a_damaged_history_is_a_first_run(tmp_path: Path) -> None:
    bad = tmp_path / ".x.history.json.gz"
    bad.write_bytes(b"not gzip at all")
    assert load_state(bad) is None
    bad.write_bytes(gzip.compress(b'{"schema": "other"}'))
    assert load_state(bad) is None
    assert load_state(tmp_path / "missing.gz") is None
