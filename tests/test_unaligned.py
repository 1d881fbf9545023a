"""The unaligned pass (reconciler/rules/unaligned.py): figures the aligner kept apart because
outlets worded them differently, shown as info when their frames say they may be one quantity.
Invented articles; each row says which quotes one info finding must hold, or that none may."""

from __future__ import annotations

from pathlib import Path

import pytest
from rulekit import run, texts

from reconciler.extract import extract_text
from reconciler.rules import load_config
from reconciler.rules.unaligned import check_unaligned

CASES = [
    pytest.param(["Police put the march at roughly 30,000 people on Sunday.",
                  "As many as 20,000 people took to the streets of the capital, witnesses said.",
                  "Some 20,000 people joined the protest in the capital, a reporter counted."],
                 ("30,000 people", "20,000 people", "unaligned"), id="crowd-worded-three-ways"),
    pytest.param(["In France the Aerobook 14 will cost $1,249, the retailer said.",
                  "The Aerobook 14 starts at €1,249 including VAT in Europe.",
                  "Buyers in Ohio pay $1,099 for the Aerobook 14."],
                 # aligned here, so the group's mislabel rule reports it: the rate drift allowed
                 # between currencies never makes the same number under two signs agree
                 ("$1,249", "€1,249", "currency_mislabel"), id="same-amount-two-currency-signs-aligned"),
    pytest.param(["The centre made six blocked shots in the first half.",
                  "His team missed two charity shots late in the game."],
                 None, id="blocked-shots-are-not-charity-shots"),
    pytest.param(["The charity raised $2 million in the spring appeal.",
                  "Across Europe the appeal brought in €2 million."],
                 None, id="two-digit-amounts-in-two-currencies-are-often-both-right"),
    pytest.param(["As many as 20 people waited outside the court.",
                  "Some 20,000 people marched through the city on Sunday."],
                 None, id="a-thousand-times-apart-with-one-digit-is-another-crowd"),
    # a digit left out: "a 3-year-old ferry" for the 23-year-old one
    pytest.param(["The ferry that sank on Friday was 23 years old, its owner said.",
                  "Built in Ostend, the ferry was 23 years old and had passed its last survey.",
                  "Divers said the 3-year-old vessel went down within minutes off the cape."],
                 ("3-year-old", "23 years old", "unaligned"), id="an-age-with-a-digit-dropped"),
    pytest.param(["The flood reached 105 homes in the valley on Tuesday, the mayor said.",
                  "Water entered 15 homes in the valley, according to the insurer's map."],
                 ("15 homes", "105 homes", "unaligned"), id="a-zero-dropped"),
    pytest.param(["The ferry that sank on Friday was 23 years old, its owner said.",
                  "The 3-year-old girl who was rescued from the ferry is recovering, doctors said."],
                 None, id="a-girl's-age-is-not-the-ferry's"),
    # two digits swapped in a figure whose label is only its dimension
    pytest.param(["The probe will reach the comet after a 27-day coast, the agency said.",
                  "The coast to the comet lasts 27 days, engineers said.",
                  "Quick facts: the journey takes 72 days."],
                 ("72 days", "27", "unaligned"), id="days-with-two-digits-swapped"),
    pytest.param(["The probe will reach the comet after a 27-day coast, the agency said.",
                  "Its camera was tested for 72 hours before launch."],
                 None, id="swapped-digits-in-another-unit-are-another-span"),
    # one number under two units an editor confuses
    pytest.param(["The rocket carried the 1,850-kg satellite to orbit on Tuesday, the agency said.",
                  "Technicians fuelled the 1,850-pound craft at dawn before the countdown.",
                  "Its solar wings weigh 120 kg and its dish antenna 35 kg, the builder said."],
                 ("1,850-pound", "1,850-kg", "unaligned"), id="kg-printed-as-pounds"),
    pytest.param(["The rocket carried the 1,850-kg satellite to orbit on Tuesday, the agency said.",
                  "The launch tower stands 1,850 feet from the control room."],
                 None, id="one-number-in-units-never-confused"),
]


@pytest.mark.parametrize(("articles", "quotes"), CASES)
def test_unaligned_figures_are_shown_quietly(tmp_path: Path, articles: list[str],
                                             quotes: tuple[str, str, str] | None) -> None:
    result = run(tmp_path, articles)
    if quotes is None:
        found = [f for f in result.findings if f.rule == "unaligned"]
        assert found == [], [f.message for f in found]
        return
    *held, rule = quotes
    found = [f for f in result.findings if f.rule == rule]
    hits = [f for f in found if all(any(q in t for t in texts(result, f)) for q in held)]
    assert len(hits) == 1, [f.message for f in result.findings]
    assert hits[0].severity == "info"
    assert "possibly" in hits[0].message


def test_the_pass_can_be_turned_off(tmp_path: Path) -> None:
    articles = [str(a) for a in CASES[0].values[0]]  # type: ignore[union-attr]
    result = run(tmp_path, articles, rules="[rules.unaligned]\nenabled = false\n")
    assert [f for f in result.findings if f.rule == "unaligned"] == []


# The rule alone, on claims read from two invented sentences that no group holds together
ALONE = [
    pytest.param("The Aerobook 14 will cost $1,249 in France.", "The Aerobook 14 costs €1,249 in Germany.",
                 1, id="same-amount-two-signs-one-owner"),
    pytest.param("The Aerobook 14 will cost $1,249 in France.", "The Aerobook 14 costs €1,199 in Germany.",
                 0, id="different-amounts-are-a-conversion-or-a-price"),
    pytest.param("The Aerobook 14 will cost $1,249 in France.", "The Zephyr 9 costs €1,249 in Germany.",
                 0, id="two-owners"),
    pytest.param("The Aerobook 14 will cost $1,249 in France.", "The Aerobook 14 will cost $1,249 in Spain.",
                 0, id="one-currency-is-the-group-rules-job"),
]


@pytest.mark.parametrize(("a", "b", "expected"), ALONE)
def test_same_number_under_two_currency_signs(a: str, b: str, expected: int) -> None:
    claims = [*extract_text(a, "one"), *extract_text(b, "two")]
    found = check_unaligned(claims, [], [], {}, load_config())
    assert len([f for f in found if "currency" in f.message]) == expected, [f.message for f in found]
    assert all(f.severity == "info" for f in found)


def test_ages_of_one_thing_pool_their_sources() -> None:
    # "a 19-year-old Varro K-40" names no kind of thing, "the jet was 19 years old" an aircraft:
    # both back 19 against the one "9-year-old jet", so 9 is the odd one out
    sentences = ["Records show the 9-year-old jet had passed its last checks in May.",
                 "The airline said the jet was 19 years old when it came down.",
                 "It was a 19-year-old Varro K-40, the airline said on Sunday."]
    claims = [c for i, t in enumerate(sentences) for c in extract_text(t, f"s{i}")]
    found = [f for f in check_unaligned(claims, [], [], {}, load_config()) if "age" in f.message]
    assert len(found) == 1, [f.message for f in found]
    assert "“9-year-old” vs “19" in found[0].message
