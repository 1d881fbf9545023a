"""Figures at the edges of what a float holds, and digits written with other scripts' separators,
as named tables of invented sentences: each either reads as one right value or is refused (not a
claim, and the article's notes say so), never an error and never an infinite value."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from reconciler.extract import extract_article, extract_text
from reconciler.models import Source

ONE_FIGURE = [
    # e-notation: the exponent is part of the value, not left in the quote
    pytest.param("The culture held 1.2e6 cells.", "1.2e6 cells", 1.2e6, id="e-notation"),
    pytest.param("The dose was 2e-3 grams.", "2e-3 grams", 2e-3, id="e-notation-negative"),
    pytest.param("A run used 10^25 operations.", "10^25 operations", 1e25, id="bare-power-of-ten"),
    # other scripts' separators: one figure, not two wrong ones
    pytest.param("The fund had \u0662\u0669\u066b\u0664 million dollars.", "\u0662\u0669\u066b\u0664 million dollars",
                 29.4e6, id="arabic-decimal-separator"),
    pytest.param("They counted \u0661\u0662\u066c\u0663\u0664\u0665 votes.",
                 "\u0661\u0662\u066c\u0663\u0664\u0665 votes", 12_345, id="arabic-thousands-separator"),
    pytest.param("It cost \uff12\uff19\uff14\uff0c\uff10\uff10\uff10 in all.",
                 "\uff12\uff19\uff14\uff0c\uff10\uff10\uff10", 294_000, id="full-width-comma"),
    pytest.param("It weighed \uff13\uff0e\uff15 kg.", "\uff13\uff0e\uff15 kg", 3.5, id="full-width-point"),
    pytest.param("Le pont a coûté €294 000 au total.", "€294 000", 294_000, id="plain-space-thousands"),
    pytest.param("Ils étaient 1 250 000 à manifester.", "1 250 000", 1_250_000, id="plain-space-millions"),
    # zero is a figure like any other
    pytest.param("A run costs $0 per hour.", "$0 per hour", 0.0, id="zero-rate"),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), ONE_FIGURE)
def test_one_figure_one_value(sentence: str, surface: str, value: float) -> None:
    claims = extract_text(sentence)
    assert [c.text for c in claims] == [surface]
    assert claims[0].value == pytest.approx(value)


# plain spaces join only groups of three that end the figure
APART = [
    pytest.param("The top 10 100-metre runners met.", ["10", "100-metre"], id="space-before-hyphenated"),
    pytest.param("In 2019 200 people came.", ["200 people"], id="year-then-count"),
    pytest.param("She ran 5 100m races.", ["5", "100m"], id="space-before-glued-unit"),
]


@pytest.mark.parametrize(("sentence", "surfaces"), APART)
def test_plain_spaces_do_not_join_unrelated_figures(sentence: str, surfaces: list[str]) -> None:
    assert [c.text for c in extract_text(sentence)] == surfaces


TOO_LARGE = [
    pytest.param("It used 3.8 × 10^400 operations.", "3.8 × 10^400 operations", id="times-ten-to-400"),
    pytest.param("It used 9 × 10^308 operations.", "9 × 10^308 operations", id="times-ten-to-308"),
    pytest.param("It used 5 × 10⁹⁹⁹ operations.", "5 × 10⁹⁹⁹ operations", id="superscript-exponent"),
    pytest.param("They found 1e309 grains.", "1e309 grains", id="e-notation-too-large"),
    pytest.param("It came to 10^400 grains.", "10^400 grains", id="bare-power-too-large"),
    pytest.param("The debt was 1" + "0" * 400 + " dollars.", "1" + "0" * 400 + " dollars", id="400-zeros"),
    pytest.param("The tally was " + "9" * 320 + " ballots.", "9" * 320 + " ballots", id="320-nines"),
    pytest.param("It was $" + "9" * 400 + " million.", "$" + "9" * 400 + " million", id="400-digit-money"),
]


@pytest.mark.parametrize(("sentence", "surface"), TOO_LARGE)
def test_figures_no_float_holds_are_refused_with_a_note(sentence: str, surface: str) -> None:
    text = sentence + " A second figure: 12 boats."
    claims, notes = extract_article(Source(id="a", path="a.txt", title="", text=text, format="txt",
                                           encoding="utf-8", sha256=""))
    assert [c.text for c in claims] == ["12 boats"]
    assert len(notes) == 1 and notes[0].startswith("not claims: 1 figure too large to compute with")
    short = surface if len(surface) <= 40 else surface[:18]
    assert short in notes[0]


def test_a_range_keeps_its_finite_end_alone() -> None:
    [c] = extract_text("Between 5 and 10^999 people came.")
    assert (c.text, c.value, c.qualifier, c.range_id) == ("5", 5.0, "exact", "")
    assert math.isfinite(c.low or 0.0) and math.isfinite(c.high or 0.0)


# a range whose end is a power of ten: the low end inherits the scale it does not state, and a
# power no float holds leaves the other end alone (found by tests/test_fuzz.py)
POWER_RANGES = [
    pytest.param("Between 2 and 10^3 million people came.", [("2", 2e6), ("10^3 million people", 1e9)],
                 id="low-end-inherits-the-scale"),
    pytest.param("It rose 10^3 to 10^4 million tonnes.", [("10^3", 1e9), ("10^4 million tonnes", 1e10)],
                 id="both-ends-powers"),
    pytest.param("From 2 to 10^400 million grains.", [("2", 2.0)], id="high-end-no-float-holds"),
]


@pytest.mark.parametrize(("sentence", "expected"), POWER_RANGES)
def test_ranges_ending_in_a_power_of_ten(sentence: str, expected: list[tuple[str, float]]) -> None:
    claims = extract_text(sentence)
    assert [(c.text, c.value) for c in claims] == expected
    assert all(math.isfinite(c.low or 0.0) and math.isfinite(c.high or 0.0) for c in claims)


def _run_on(tmp_path: Path, figures: int) -> tuple[int, int, int]:
    """(claims, bytes of the JSON, bytes of the CSV) of one article of one run-on sentence."""
    from reconciler.output.ledger import ledger_csv_chunks
    from reconciler.output.result import to_json
    from reconciler.pipeline import Options, reconcile

    folder = tmp_path / str(figures)
    folder.mkdir()
    text = "Depot\n\nThe depot held " + ", ".join(f"{i % 97 + 3} crates" for i in range(figures)) + ".\n"
    (folder / "a.txt").write_text(text, "utf-8")
    result = reconcile([folder], Options())
    return (len(result.claims), len(to_json(result).encode()),
            len("".join(ledger_csv_chunks(result)).encode()))


def test_a_run_on_sentence_of_figures_gives_outputs_linear_in_its_figures(tmp_path: Path) -> None:
    """Each claim kept its whole sentence: 2,000 figures in one sentence made a 45 MB JSON
    (8,000: 705 MB). Now each keeps a bounded passage around its figure."""
    small, large = _run_on(tmp_path, 400), _run_on(tmp_path, 1600)
    assert small[0] == 400 and large[0] == 1600
    for claims, json_bytes, csv_bytes in (small, large):
        assert json_bytes / claims < 3000 and csv_bytes / claims < 1500
    assert large[1] / small[1] < 4.5 and large[2] / small[2] < 4.5  # 4 times the figures


def test_a_claim_keeps_a_bounded_passage_of_a_long_sentence() -> None:
    from reconciler.extract import SENTENCE_WINDOW

    words = " ".join(["word"] * 300)
    c = extract_text(f"The depot, {words}, held 512 crates, {words}, in all.")[0]
    assert c.text == "512 crates" and len(c.sentence) <= 2 * SENTENCE_WINDOW + len(c.text)
    assert c.sentence[c.start - c.sentence_start:][:len(c.text)] == c.text  # the offsets still agree
    assert extract_text("The depot held 512 crates on Monday.")[0].sentence == "The depot held 512 crates on Monday."


# text next to a figure that is not a number (a score, a clock time): no range, no error
# (found by tests/test_fuzz.py: a dateline whose year no calendar holds)
NOT_RANGES = [
    pytest.param("Filed 5023-09-02. The striker scored 27 goals in 38 league games for the club.",
                 ["5023", "09-02"], id="count-then-score"),
    pytest.param("The vote was 40 to 12:30 in the end.", ["40"], id="count-to-clock"),
]


@pytest.mark.parametrize(("text", "apart"), NOT_RANGES)
def test_a_figure_beside_a_non_number_is_no_range(text: str, apart: list[str]) -> None:
    claims = extract_text(text)
    assert [c.text for c in claims][:len(apart)] == apart
    assert all(not c.range_id for c in claims)
