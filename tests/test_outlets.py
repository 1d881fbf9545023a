"""Who published each source: read from the article, shown wherever a figure is quoted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconciler.cli import main
from reconciler.read.metadata import byline_outlet

CORPUS = {  # an invented story: three outlets say 212, one says 312
    "wire.txt": "Ferry runs aground off Port Merrin\n\nSource: Harbor Wire\n\nThe ferry Aurora hit a sandbank off "
                "Port Merrin early on Tuesday. It had 212 passengers on board, the coast guard said.\n\nLifeboat "
                "crews brought everyone ashore within four hours.\n",
    "courier.txt": "Aurora stranded on sandbank\n\nBy Li Wei, Bay Courier\n\nRescuers reached the stranded ferry "
                   "Aurora at dawn on Tuesday. The ferry had 212 passengers on board when it struck a bank near Port "
                   "Merrin, the coast guard said.\n\nOfficials blamed low tide and fog.\n",
    "herald.txt": "Passengers rescued from grounded ferry\n\nPORT MERRIN (The Herald) - The ferry Aurora ran aground "
                  "with 212 passengers on board, the coast guard said on Tuesday.\n\nNobody was hurt, a spokeswoman "
                  "said, and the ship will be towed off at high tide.\n",
    "coast.txt": "Ferry grounded in fog\n\nSource: Coast News\n\nA ferry with 312 passengers on board ran aground off "
                 "Port Merrin on Tuesday morning, the coast guard said.\n\nThe operator said services would resume "
                 "on Thursday.\n",
}
SUPPORT = "Bay Courier, The Herald, Harbor Wire"  # in path order


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("outlets")
    (root / "story").mkdir()
    for name, text in CORPUS.items():
        (root / "story" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, [str(root / "story"), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root, result.stdout


def test_terminal_summary_names_outlets_beside_figures(run: tuple[Path, str]) -> None:
    _, out = run
    assert f"(312 passengers: Coast News; 212 passengers: {SUPPORT})" in out


def test_json_sources_and_explanations_name_outlets(run: tuple[Path, str]) -> None:
    root, _ = run
    data = json.loads((root / "out" / "story.json").read_text("utf-8"))
    assert {s["path"].rsplit("/", 1)[-1]: s["outlet"] for s in data["sources"]} == {
        "wire.txt": "Harbor Wire", "courier.txt": "Bay Courier", "herald.txt": "The Herald", "coast.txt": "Coast News"}
    [finding] = [f for f in data["findings"] if f["severity"] == "error"]
    assert finding["explanation"].endswith(f"Consensus: “212 passengers” from 3 independent sources ({SUPPORT}).")


def test_review_list_names_outlets(run: tuple[Path, str]) -> None:
    root, _ = run
    result = CliRunner().invoke(main, ["review", "--out", str(root / "out"), str(root / "story"), "list"])
    assert result.exit_code == 0, result.output
    assert re.search(rf"error +“312 passengers” .* \(312 passengers: Coast News; 212 passengers: {SUPPORT}\)  \[open\]",
                     result.stdout), result.stdout


def test_report_quotes_name_outlets(run: tuple[Path, str]) -> None:
    root, _ = run
    page = (root / "out" / "story.html").read_text("utf-8")
    finding = page[page.index('class="finding'):]
    finding = finding[:finding.index("</article>")]
    assert re.findall(r'<span class="outlet">([^<]+)</span>', finding) == [
        "Coast News", "Bay Courier", "The Herald", "Harbor Wire"]


BYLINES = [  # (top of an article, outlet read from it)
    ("Title\nSource: Harbor Wire\nBody.", "Harbor Wire"),
    ("Title\n**Source:** Bay Courier\n", "Bay Courier"),
    ("Title\nPublished by: The Ledger\n", "The Ledger"),
    ("Title\nBy Ana Ruiz, The Herald\n", "The Herald"),
    ("Title\nBy Ana Ruiz | Harbor Wire\n", "Harbor Wire"),
    ("Title\nBy Ana Ruiz for Coast News\n", "Coast News"),
    ("PORT MERRIN (Harbor Wire) - Rain fell for 3 days.", "Harbor Wire"),
    ("Title\nBy Ana Ruiz, Staff Writer\n", ""),
    ("Title\nBy Ana Ruiz\n", ""),
    ("Title\nThe source: a report of 2024 said 5 ships sank.\n", ""),
    ("Title\n" + "Para.\n" * 9 + "Source: Too Far Down\n", ""),
]


@pytest.mark.parametrize(("text", "outlet"), BYLINES)
def test_byline_outlet(text: str, outlet: str) -> None:
    assert byline_outlet(text) == outlet
