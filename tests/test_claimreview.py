"""ClaimReview JSON-LD (schema.org) for confirmed and corrected findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from click.testing import Result as Outcome

from reconciler.cli import main
from reconciler.desk.claimreview import claim_reviews
from reconciler.desk.decisions import Decision

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DATE = "f-196159e9fd"
CNY = "f-5e5d55adf4"
SCALE = "f-4af0749924"


def invoke(*args: str) -> Outcome:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def decided(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert invoke("seeds", "-q").exit_code == 0
    assert invoke("review", "seeds", "dismiss", DATE, "--note", "dateline").exit_code == 0
    confirmed = invoke("review", "seeds", "confirm", CNY, "--note", "The paper says $294,000.", "--by", "anna")
    assert confirmed.exit_code == 0
    assert invoke("review", "seeds", "correct", SCALE, "--value", "$294,000", "--note", "100x slip").exit_code == 0
    return tmp_path


def check_graph(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assert doc["@context"] == "https://schema.org"
    items = {item["identifier"]: item for item in doc["@graph"]}
    for item in items.values():
        assert item["@type"] == "ClaimReview"
        assert item["itemReviewed"]["@type"] == "Claim"
        rating = item["reviewRating"]
        assert rating["@type"] == "Rating" and rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"] == "Incorrect"
        assert item["claimReviewed"] and item["reviewBody"] and item["datePublished"]
        appearance = item["itemReviewed"]["appearance"][0]
        assert appearance["@type"] == "CreativeWork" and appearance["name"]
    return items


def test_export_command(decided: Path) -> None:
    out = invoke("review", "seeds", "export", "reviews.jsonld", "--publisher", "The Desk",
                 "--url", "https://example.org/checks")
    assert out.exit_code == 0 and "2 ClaimReview item(s)" in out.output
    doc = json.loads((decided / "reviews.jsonld").read_text("utf-8"))
    items = check_graph(doc)
    assert set(items) == {CNY, SCALE}  # the dismissed one is not published
    cny = items[CNY]
    assert "$2 million" in cny["claimReviewed"] or "$2 Million" in cny["claimReviewed"]
    assert cny["reviewBody"].startswith("The paper says $294,000.")
    assert cny["author"] == {"@type": "Organization", "name": "The Desk"}
    assert cny["url"] == f"https://example.org/checks#{CNY}"
    assert "The correct figure is $294,000." in items[SCALE]["reviewBody"]
    assert "$2" in cny["itemReviewed"]["description"]  # the words around it, to find it again
    # to standard output, the same document
    again = invoke("review", "seeds", "export", "-", "--publisher", "The Desk", "--url", "https://example.org/checks")
    assert json.loads(again.output) == doc


def test_claimreview_option_on_a_run(decided: Path) -> None:
    out = invoke("seeds", "--claimreview", "out.jsonld")
    assert out.exit_code == 0 and "wrote out.jsonld" in out.output
    items = check_graph(json.loads((decided / "out.jsonld").read_text("utf-8")))
    assert set(items) == {CNY, SCALE}
    assert items[CNY]["author"] == {"@type": "Person", "name": "anna"}  # no publisher given: who decided


def test_nothing_confirmed_gives_an_empty_graph() -> None:
    data = {"sources": [], "claims": [], "findings": []}
    assert claim_reviews(data, [Decision("f-x", "confirmed")]) == {"@context": "https://schema.org", "@graph": []}
