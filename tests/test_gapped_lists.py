"""Lists that leave the noun out after their first item, as named tables of invented sentences.

Results are written as lists whose first item names what is counted and whose later items give
only a name and a number: "the Union won 52 seats, the Greens 19 and the League 8", "Ardi got
2,100 votes and Benn 1,870". Each later number is a figure of its own name, counting the first
item's noun; a name followed by a thousands-grouped number or a percentage is never a product
version ("ZX 4090" and "Zeta 3" still are).
"""

from __future__ import annotations

import pytest

from reconciler.extract import extract_text

# sentence, the claim's text, its value, the noun it counts ("" for a share), whose figure it is
GAPPED = [
    pytest.param("The Union won 52 seats, the Green Party 19 and the Farmers' Front 8.", "19", 19, "seats",
                 "Green Party", id="seats-middle-of-list"),
    pytest.param("The Union won 52 seats, the Green Party 19 and the Farmers' Front 8.", "8", 8, "seats",
                 "Farmers' Front", id="seats-end-of-list"),
    pytest.param("Lina Ardi received 2,104,377 votes and Paul Benn 1,870,002, officials said.", "1,870,002",
                 1870002, "votes", "Paul Benn", id="grouped-votes-after-and"),
    pytest.param("With all districts in, the count gave Ardi 48.3%, Benn 44.9% and Coro 6.8%.", "44.9%", 44.9, "",
                 "Benn", id="share-in-list"),
    pytest.param("With all districts in, the count gave Ardi 48.3%, Benn 44.9% and Coro 6.8%.", "6.8%", 6.8, "",
                 "Coro", id="share-last-in-list"),
    pytest.param("The Harbour club signed 14 players, the Rovers 9 and the Wanderers 11.", "9", 9, "players",
                 "Rovers", id="players-list"),
    pytest.param("The Labour Front took 64 mandates and the Liberals 12.", "12", 12, "mandates", "Liberals",
                 id="two-item-list"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "noun", "entity"), GAPPED)
def test_gapped_item_is_a_figure_of_its_name(sentence: str, surface: str, value: float, noun: str,
                                             entity: str) -> None:
    found = [c for c in extract_text(sentence) if c.text == surface]
    assert found, f"{surface!r} not among {[c.text for c in extract_text(sentence)]}"
    claim = found[0]
    assert claim.value == value
    assert claim.frame.noun == noun
    assert claim.frame.entity == entity


# sentence, a number that is part of a name (no claim may start at it)
STILL_NAMES = [
    pytest.param("The Zeta 3 and Zeta Guard 3 ship in May.", "3", id="two-versions"),
    pytest.param("Reviewers preferred the ZX 4090 to its rival.", "4090", id="model-number"),
    pytest.param("Builders said the Orbis 7 sold well, and the Nova 5 less so.", "5", id="versions-after-comma"),
]


@pytest.mark.parametrize(("sentence", "digits"), STILL_NAMES)
def test_version_after_a_name_is_not_a_claim(sentence: str, digits: str) -> None:
    at = sentence.rindex(" " + digits) + 1
    assert not [c for c in extract_text(sentence) if c.start <= at < c.end]


# sentence, a bare number that must not borrow a noun from an earlier figure
NO_BORROWED_NOUN = [
    pytest.param("The firm cut 300 jobs, Chief Executive Ana Roe said on Tuesday.", "300 jobs", "jobs",
                 id="noun-is-its-own"),
    pytest.param("The Union won 52 seats. The Greens 19 campaign ended.", "52 seats", "seats", id="other-sentence"),
]


@pytest.mark.parametrize(("sentence", "surface", "noun"), NO_BORROWED_NOUN)
def test_noun_stays_where_it_was_written(sentence: str, surface: str, noun: str) -> None:
    claims = extract_text(sentence)
    assert [c.frame.noun for c in claims if c.text == surface] == [noun]
    assert all(c.frame.noun != "seats" for c in claims if c.text != surface)
