"""Loud only when sure (reconciler/rules/sure.py): when may a disagreement be an error or warning?

Each row is two invented sentences, the figure quoted from each, and what the frames say:
``same`` (one quantity), ``two`` (the frames say two quantities), or ``unsure`` (neither).
Then the loud/quiet decision per rule. Sentences are written for the test, never copied.
"""

from __future__ import annotations

import pytest

from reconciler.extract import extract_text
from reconciler.models import Claim
from reconciler.rules.sure import contradicts, loud_enough, same_digits, same_quantity, same_wording


def figure(sentence: str, quote: str) -> Claim:
    found = [c for c in extract_text(sentence) if quote in c.text]
    assert found, f"no claim quoting {quote!r} in {sentence!r}"
    return found[0]


def verdict(a: Claim, b: Claim) -> str:
    if same_quantity(a, b) or same_wording(a, b):
        return "same"
    return "two" if contradicts(a, b) else "unsure"


FRAMES = [
    pytest.param("The quake struck at a depth of 10 km, officials said.", "10 km",
                 "The quake struck at a depth of 12 km, the survey said.", "12 km", "same", id="depth-both-sides"),
    pytest.param("The ferry carried 312 passengers when it sank.", "312 passengers",
                 "The ferry carried 300 passengers when it sank.", "300 passengers", "same", id="passengers-both"),
    pytest.param("The ferry carried 312 passengers when it sank.", "312 passengers",
                 "The ferry had 20 crew members when it sank.", "20 crew", "two", id="passengers-vs-crew"),
    pytest.param("The striker has scored 31 goals in his career.", "31 goals",
                 "The striker scored 12 goals last season.", "12 goals", "two", id="career-vs-season"),
    pytest.param("The striker has scored 31 goals in his career.", "31 goals",
                 "The striker has scored 29 goals in his career.", "29 goals", "same", id="career-vs-career"),
    pytest.param("Seven people were shot; six of them were students.", "six",
                 "Seven people were shot near the school.", "Seven", "two", id="part-vs-whole"),
    pytest.param("Turnout reached 64% on Sunday.", "64%", "Turnout was 61% on Sunday.", "61%", "same",
                 id="percent-measure-before"),
    pytest.param("The bank raised its main rate by 25 basis points on Thursday.", "25 basis points",
                 "On Thursday the bank raised its main rate by 50 basis points.", "50 basis points", "same",
                 id="generic-label-same-wording"),
    pytest.param("The chip runs at 2.7 GHz in the base model.", "2.7 GHz",
                 "Reviewers measured 2.6 GHz under load.", "2.6 GHz", "unsure", id="unit-symbol-is-no-label"),
]


@pytest.mark.parametrize(("a", "qa", "b", "qb", "expected"), FRAMES)
def test_frames_say_one_quantity_or_two(a: str, qa: str, b: str, qb: str, expected: str) -> None:
    x, y = figure(a, qa), figure(b, qb)
    assert verdict(x, y) == expected, (x.frame, y.frame)
    assert verdict(y, x) == expected, "the verdict does not depend on the order"


LOUD = [
    pytest.param("The stock fell, wiping $41 billion off its market value.", "$41 billion",
                 "Its market value stood at $1.2 trillion.", "$1.2 trillion", "value_mismatch", False,
                 id="a-fall-in-a-value-is-no-value"),
    pytest.param("In 2021 turnout was 55.2% and a run-off followed.", "55.2%",
                 "Turnout was 61.3% of the registered voters.", "61.3%", "value_mismatch", False,
                 id="another-year's-figure-on-one-side-quiet"),
    pytest.param("The storm killed 12 people, officials said.", "12 people",
                 "The storm killed 14 people, officials said.", "14 people", "value_mismatch", True,
                 id="same-count-loud"),
    pytest.param("The chip runs at up to 2.7 GHz.", "2.7 GHz", "The chip runs at 2.6 GHz.", "2.6 GHz",
                 "value_mismatch", False, id="a-bound-is-never-loud"),
    pytest.param("The jet came down on a market, killing 71 people, including three on the ground.", "71 people",
                 "The jet came down on a market, killing 68 people.", "68 people", "value_mismatch", False,
                 id="a-toll-including-the-ground-quiet"),
    pytest.param("The shop still sells the older Quillbook 13 at $899.", "$899",
                 "The shop sells the Quillbook 13 at $1,099.", "$1,099", "value_mismatch", False,
                 id="the-older-generation's-price-quiet"),
    pytest.param("Dutch prices include 21 percent VAT.", "21 percent", "Irish prices include 23 percent VAT.",
                 "23 percent", "value_mismatch", False, id="two-markets'-tax-quiet"),
    pytest.param("A version with 32GB of memory costs $2,499.", "$2,499",
                 "If you want 16GB, that configuration costs $1,899.", "$1,899", "value_mismatch", False,
                 id="two-configurations-quiet"),
    pytest.param("Divers had found 30 bodies by nightfall.", "30 bodies",
                 "By Tuesday, divers had found 36 bodies.", "36 bodies", "value_mismatch", False,
                 id="counts-at-two-moments-quiet"),
    pytest.param("The champion is now 30-2 with 21 KOs.", "21 KOs",
                 "The champion has 22 knockouts in 32 fights.", "22 knockouts", "value_mismatch", True,
                 id="knockouts-are-kos"),
    pytest.param("President Ilse Varga won 51.2% of the vote.", "51.2%",
                 "Ilse Varga took 53.1% of the vote.", "53.1%", "value_mismatch", True,
                 id="a-title-before-the-name-is-one-owner"),
    pytest.param("Ilse Varga won 51.2 per cent of ballots cast.", "51.2 per cent",
                 "Ilse Varga took 53.1% of the vote.", "53.1%", "value_mismatch", True,
                 id="ballots-cast-are-the-vote"),
    pytest.param("The mayor won 55% against 41% for challenger Tomas Ekk.", "41%",
                 "The mayor, Lina Paas, took 44%.", "44%", "value_mismatch", False,
                 id="the-rival's-share-is-not-the-winner's"),
    pytest.param("The founder's 12% stake is worth $1.1 billion at the IPO price.", "$1.1 billion",
                 "After the first day of trading, the founder's 12% stake was worth $1.4 billion.", "$1.4 billion",
                 "value_mismatch", False, id="a-stake-at-the-offer-price-and-after-the-first-day"),
    pytest.param("Brightloom sold 20 million shares at $28 each on Thursday.", "20 million shares",
                 "The company and existing investors sold 24 million shares at $28 each on Thursday.",
                 "24 million shares", "value_mismatch", False, id="the-company's-shares-and-the-holders'-too"),
    pytest.param("Officials said 31 died when the ferry sank on Sunday.", "31 died",
                 "Officials said 38 people were killed when the ferry sank on Sunday.", "38 people", "value_mismatch",
                 True, id="died-and-people-killed-are-one-toll"),
    pytest.param("Officials said six children were killed when the ferry sank on Sunday.", "six children",
                 "Officials said 38 people were killed when the ferry sank on Sunday.", "38 people", "value_mismatch",
                 False, id="the-children-killed-are-a-part-of-the-toll"),
    pytest.param("The service charges $0.14 per million tokens for cache hits.", "$0.14 per million tokens",
                 "The service charges $0.55 per million tokens.", "$0.55 per million tokens", "value_mismatch", False,
                 id="a-price-under-a-condition"),
    pytest.param("Tickets cost $9 for students at the museum.", "$9",
                 "Tickets cost $15 at the museum.", "$15", "value_mismatch", False, id="a-price-for-students"),
    pytest.param("Tickets cost $9 at the museum, the city said.", "$9",
                 "Tickets cost $15 at the museum, the city said.", "$15", "value_mismatch", True,
                 id="one-price-two-figures"),
    pytest.param("Shares of the lender fell 12% on Monday.", "12%",
                 "The lender's stock lost 13 percent on Monday.", "13 percent", "value_mismatch", True,
                 id="one-fall-of-one-stock"),
    pytest.param("Shares of the lender rose 4% in early trade.", "4%",
                 "Shares of the lender fell 3% by the close.", "3%", "value_mismatch", False,
                 id="a-rise-and-a-fall-are-two-moves"),
    pytest.param("Revenue fell 12% in the quarter.", "12%",
                 "Profit fell 13% in the quarter.", "13%", "value_mismatch", False,
                 id="a-fall-in-revenue-is-not-one-in-profit"),
    pytest.param("Shares of the lender closed at $41.20 on Friday.", "$41.20",
                 "The lender's stock closed at $42.10 on Friday.", "$42.10", "value_mismatch", True,
                 id="one-closing-price-loud"),
    pytest.param("Shares of the lender opened at $38.50 on Friday.", "$38.50",
                 "The lender's stock closed at $41.20 on Friday.", "$41.20", "value_mismatch", False,
                 id="the-open-is-not-the-close"),
    pytest.param("The tablets run up to 3.1 GHz.", "up to 3.1 GHz", "The tablets run at 3.0 GHz.", "3.0 GHz",
                 "value_mismatch", False, id="runs-up-to-is-a-bound"),
    pytest.param("Pellow scored six of Harwick's first ten points after the break.", "ten points",
                 "Harwick scored 12 points after the break.", "12 points", "value_mismatch", False,
                 id="a-stretch-is-not-the-total"),
    pytest.param("The Wrens led by nine points at the break.", "nine points",
                 "The Wrens had 40 points at the break.", "40 points", "value_mismatch", False,
                 id="a-margin-is-not-the-tally"),
    pytest.param("Few expected Dorsey to break another 75-yard run.", "75-yard",
                 "Dorsey broke a 71-yard run.", "71-yard", "value_mismatch", False, id="another-play-quiet"),
    pytest.param("The museum cost $100 million to build.", "$100 million",
                 "The museum cost £90 million to build.", "£90 million", "value_mismatch", False,
                 id="mismatch-across-currencies-quiet"),
    pytest.param("The museum cost $100 million to build.", "$100 million",
                 "The museum cost £100 million to build.", "£100 million", "currency_mislabel", True,
                 id="mislabel-same-number-other-sign-loud"),
    pytest.param("The fund paid out $29.4 million, the report said.", "$29.4 million",
                 "Grants came to $294,000 in all.", "$294,000", "scale_slip", True,
                 id="slip-same-digits-loud"),
    pytest.param("The fund paid out $100 million, the report said.", "$100 million",
                 "Grants came to $10 million in all.", "$10 million", "scale_slip", True,
                 id="slip-unsure-frames-same-digits-loud"),
    pytest.param("The striker has scored 310 goals in his career.", "310 goals",
                 "The striker scored 31 goals last season.", "31 goals", "scale_slip", False,
                 id="slip-frames-say-two-quiet"),
    pytest.param("The ferry carried 312 passengers when it sank.", "312 passengers",
                 "The ferry had 20 crew members when it sank.", "20 crew", "value_mismatch", False,
                 id="two-quantities-quiet"),
    # pay said two ways: "purse" and "earned" name one amount
    pytest.param("The champion's payday for the fight was $12 million.", "$12 million",
                 "The champion was guaranteed a purse of $1.2 million.", "$1.2 million", "scale_slip", True,
                 id="purse-and-payday-one-amount"),
    pytest.param("The champion's purse was $1.2 million.", "$1.2 million",
                 "The arena's revenue was $12 million.", "$12 million", "scale_slip", False,
                 id="a-purse-is-not-revenue"),
    # a valuation's basis, an amount that takes in the underwriters' option or the holders' shares
    pytest.param("The offer valued the brewer at $3.1 billion on a fully diluted basis.", "$3.1 billion",
                 "The offer valued the brewer at $2.7 billion based on shares outstanding.", "$2.7 billion",
                 "value_mismatch", False, id="diluted-vs-basic-quiet"),
    pytest.param("The offer valued the brewer at $3.1 billion on a fully diluted basis.", "$3.1 billion",
                 "The offer valued the brewer at $3.4 billion on a fully diluted basis.", "$3.4 billion",
                 "value_mismatch", True, id="one-basis-loud"),
    pytest.param("The brewer raised $260 million in the offering.", "$260 million",
                 "The brewer raised $299 million in the offering, including the underwriters' option.",
                 "$299 million", "value_mismatch", False, id="with-the-greenshoe-quiet"),
    pytest.param("The brewer raised $260 million in the offering.", "$260 million",
                 "The offering raised $330 million, including shares sold by existing investors.",
                 "$330 million", "value_mismatch", False, id="with-the-holders'-shares-quiet"),
]


@pytest.mark.parametrize(("a", "qa", "b", "qb", "rule", "expected"), LOUD)
def test_loud_only_when_sure(a: str, qa: str, b: str, qb: str, rule: str, expected: bool) -> None:
    x, y = figure(a, qa), figure(b, qb)
    assert loud_enough([x], [y], rule) is expected, (x.frame, y.frame)


DIGITS = [
    pytest.param("It cost $29.4 million.", "$29.4 million", "It cost $294,000.", "$294,000", True, id="moved-point"),
    pytest.param("The trail is 12 miles long.", "12 miles", "The trail is 1.2 miles long.", "1.2 miles", True,
                 id="decimal-dropped"),
    pytest.param("It cost $100.", "$100", "It cost $999.", "$999", False, id="ten-times-by-chance"),
]


@pytest.mark.parametrize(("a", "qa", "b", "qb", "expected"), DIGITS)
def test_a_scale_slip_keeps_the_digits(a: str, qa: str, b: str, qb: str, expected: bool) -> None:
    assert same_digits(figure(a, qa), figure(b, qb)) is expected


PERIODS = [
    pytest.param("It was the worst crash since 1987, when 34 people died.", "34 people", "1987",
                 id="since-year-when"),
    pytest.param("The storm killed 12 people on Tuesday.", "12 people", "", id="no-other-year"),
    pytest.param("An earlier probe, in 2019, came down 40 km from the crater.", "40 km", "2019",
                 id="a-year-set-aside-in-commas"),
    pytest.param("The toll, officials said, rose to 40 in the county.", "40", "", id="an-aside-without-a-year"),
]


@pytest.mark.parametrize(("sentence", "quote", "period"), PERIODS)
def test_a_figure_of_another_years_event_carries_that_year(sentence: str, quote: str, period: str) -> None:
    assert figure(sentence, quote).frame.period == period
