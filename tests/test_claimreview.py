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


def test_the_review_body_is_sentences_and_a_bare_corrected_number_takes_the_unit(decided: Path) -> None:
    assert invoke("review", "seeds", "confirm", CNY, "--note", "checked with  the paper").exit_code == 0
    assert invoke("review", "seeds", "correct", SCALE, "--value", " 294000 ", "--note", "100x slip").exit_code == 0
    items = check_graph(json.loads(invoke("review", "seeds", "export", "-", "--url", "https://x.example/c").stdout))
    body = items[CNY]["reviewBody"]
    assert body.startswith("checked with the paper. The sources' consensus is $294,000. “$2 million”"), body
    assert body.endswith(".")
    assert "The correct figure is 294,000 USD. " in items[SCALE]["reviewBody"]


def test_no_url_is_warned_about(decided: Path) -> None:
    out = invoke("review", "seeds", "export", "reviews.jsonld")
    assert out.exit_code == 0 and "no --url" in out.stderr
    assert "url" not in json.loads((decided / "reviews.jsonld").read_text("utf-8"))["@graph"][0]
    with_url = invoke("review", "seeds", "export", "reviews.jsonld", "--url", "https://x.example/c")
    assert "no --url" not in with_url.stderr
    run = invoke("seeds", "--claimreview", "out.jsonld", "-q")
    assert run.exit_code == 0 and "no --url" in run.stderr


def test_an_untitled_article_appears_by_its_file_name() -> None:
    data = {"sources": [{"id": "a", "path": "news/a.txt", "title": "", "date": None}],
            "claims": [{"id": "a@5", "source": "a", "start": 5, "end": 8, "text": "$10", "unit": "USD",
                        "sentence": "Cost $10.", "selector": []}],
            "findings": [{"id": "f-1", "rule": "value_mismatch", "severity": "error", "claims": ["a@5"],
                          "message": "“$10” disagrees with “$12”", "explanation": "", "suggested": "$12"}]}
    (item,) = claim_reviews(data, [Decision("f-1", "confirmed")])["@graph"]
    assert item["itemReviewed"]["appearance"][0]["name"] == "a.txt"
    assert item["reviewBody"] == "The sources' consensus is $12. “$10” disagrees with “$12”."


# ---------------------------------------------------------------------------------------
# hostile text: the JSON-LD is meant to be pasted into a page inside <script>

HOSTILE = "</script><script>window.__pwned = (window.__pwned || 0) + 1</script>"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus whose flagged sentence and title carry markup, with that finding confirmed."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text(f"Harbour desk {name}\n\nThe ferry pier cost $418,000 to rebuild and "
                                            "36 divers worked.\n", "utf-8")
    (corpus / "z.txt").write_text(f"Quay news {HOSTILE}\n\nThe ferry pier cost $481,000 to rebuild {HOSTILE} "
                                  "\u2028& 36 divers worked.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("c", "-q").exit_code == 0
    data = json.loads((tmp_path / "reports" / "c.json").read_text("utf-8"))
    fid = next(f["id"] for f in data["findings"] if "481,000" in f["message"])
    assert invoke("review", "c", "confirm", fid, "--note", "a <b>note</b> & more").exit_code == 0
    return tmp_path


@pytest.mark.parametrize(("text", "escaped"), [
    ("</script>", "\\u003c/script\\u003e"),
    ("<!-- x", "\\u003c!-- x"),
    ("a & b", "a \\u0026 b"),
    ("line\u2028sep\u2029para", "line\\u2028sep\\u2029para"),
    ("plain text, “quotes” 中文", "plain text, “quotes” 中文"),
])
def test_jsonld_escapes_what_could_end_a_script(text: str, escaped: str) -> None:
    from reconciler.desk.claimreview import to_jsonld

    out = to_jsonld({"name": text})
    assert f'"name": "{escaped}"' in out
    assert json.loads(out) == {"name": text}  # readers decode the escapes to the same text


def test_export_of_hostile_text_has_no_markup(hostile: Path) -> None:
    assert invoke("review", "c", "export", "cr.jsonld").exit_code == 0
    text = (hostile / "cr.jsonld").read_text("utf-8")
    assert not any(ch in text for ch in "<>&\u2028\u2029")
    doc = json.loads(text)
    (item,) = doc["@graph"]
    assert HOSTILE in item["claimReviewed"] and HOSTILE in item["itemReviewed"]["appearance"][0]["name"]
    assert invoke("c", "-q", "--claimreview", "run.jsonld").exit_code == 0
    assert not any(ch in (hostile / "run.jsonld").read_text("utf-8") for ch in "<>&")


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "file:///etc/passwd",
    "//example.org/checks", "example.org/checks", "https://", "https://exa mple.org/", "https://example.org/\nx",
])
def test_export_refuses_urls_that_are_not_http(decided: Path, url: str) -> None:
    out = CliRunner().invoke(main, ["review", "seeds", "export", "x.jsonld", "--url", url])
    assert out.exit_code == 2, out.output
    assert "--url must be an http:// or https:// address" in out.output
    assert not (decided / "x.jsonld").exists()


@pytest.mark.parametrize("url", ["https://example.org/checks", "http://localhost:8080/a?b=c", "HTTPS://Example.org"])
def test_export_takes_http_urls(decided: Path, url: str) -> None:
    assert invoke("review", "seeds", "export", "x.jsonld", "--url", url).exit_code == 0
    items = check_graph(json.loads((decided / "x.jsonld").read_text("utf-8")))
    assert all(item["url"].startswith(url + "#f-") for item in items.values())


def test_pasted_into_a_page_the_articles_script_does_not_run(hostile: Path, page: Any) -> None:
    """The export's purpose: a publisher pastes it into a page as JSON-LD. Chromium must
    read it as one JSON block, run none of the article's script, and parse it back whole."""
    assert invoke("review", "c", "export", "cr.jsonld").exit_code == 0
    doc = (hostile / "cr.jsonld").read_text("utf-8")
    html = ("<!doctype html><html><head><meta charset=utf-8><title>checks</title>\n"
            f'<script type="application/ld+json">{doc}</script>\n'
            "</head><body><p id=end>end</p>"
            "<script>window.__done = document.querySelectorAll('script').length;</script></body></html>")
    (hostile / "page.html").write_text(html, "utf-8")
    page.goto((hostile / "page.html").as_uri(), wait_until="load")
    assert page.evaluate("window.__done") == 2  # the JSON-LD block and the page's own script: nothing else
    assert page.evaluate("window.__pwned") is None
    assert page.log.dialogs == [] and page.log.errors == []
    parsed = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert parsed == json.loads(doc)
    assert HOSTILE in parsed["@graph"][0]["claimReviewed"]
