"""Numbers as the world writes them, as a named table: magnitude letters spaced or glued before a
noun, South Asian grouping and scale words, CJK numerals and scale characters, a decimal comma
decided per figure, and one quote with one value across sources."""

from __future__ import annotations

import pytest

from reconciler.extract import extract_claims, extract_text
from reconciler.extract.quotes import same_quote_same_value
from reconciler.models import Source

WORLD = [
    pytest.param("It cost $600 k to build.", "$600 k", 600_000, "USD", "money", id="spaced-k"),
    pytest.param("The model saw 14.8T tokens.", "14.8T tokens", 14.8e12, "", "count", id="glued-T-before-noun"),
    pytest.param("It took 2.8M GPU-hours.", "2.8M GPU-hours", 2.8e6, "h", "duration", id="glued-M-gpu-hours"),
    pytest.param("The bill was £3.5bn.", "£3.5bn", 3.5e9, "GBP", "money", id="glued-bn"),
    pytest.param("Some 3.5m people were counted.", "Some 3.5m people", 3.5e6, "", "count", id="m-before-people"),
    pytest.param("A 40m yacht was moored there.", "40m", 40, "m", "length", id="m-is-metres"),
    pytest.param("The fee is 25 M euros.", "25 M euros", 25e6, "EUR", "money", id="spaced-M-before-currency"),
    pytest.param("A prize of 1,00,000 rupees was paid.", "1,00,000 rupees", 100_000, "INR", "money",
                 id="lakh-grouping"),
    pytest.param("The rally drew 12,34,567 people.", "12,34,567 people", 1_234_567, "", "count", id="crore-grouping"),
    pytest.param("The deal was worth Rs 3 crore.", "Rs 3 crore", 3e7, "INR", "money", id="crore-word"),
    pytest.param("训练成本为29.4万美元。", "29.4万美元", 294_000, "USD", "money", id="wan-usd"),
    pytest.param("公司投入1.5亿元。", "1.5亿元", 1.5e8, "CNY", "money", id="yi-yuan"),
    pytest.param("共有200万人参加。", "200万人", 2e6, "", "count", id="wan-people"),
    pytest.param("训练耗时约80小时。", "约80小时", 80, "h", "duration", id="hours-approximate"),
    pytest.param("论文于9月17日发表。", "9月17日", "--09-17", "date", "date", id="cjk-date"),
    pytest.param("The panel packs 5, 184,000 pixels.", "5, 184,000 pixels", 5_184_000, "", "count",
                 id="a-space-slipped-into-the-first-group"),
    pytest.param("Tickets cost CAD$50 each.", "CAD$50", 50, "CAD", "money", id="cad-dollar-sign"),
    pytest.param("Tickets cost Can$45 each.", "Can$45", 45, "CAD", "money", id="can-dollar-sign"),
    pytest.param("The stall sold it for MX$500.", "MX$500", 500, "MXN", "money", id="mexican-peso-sign"),
    pytest.param("It cost $50 million Australian, the state said.", "$50 million Australian", 5e7, "AUD", "money",
                 id="a-nation-after-a-bare-dollar"),
    pytest.param("Australian firms paid $40 million.", "$40 million", 4e7, "USD", "money",
                 id="a-nation-before-is-no-currency"),
    pytest.param("All figures are in Canadian dollars. The budget is $4.5 billion.", "$4.5 billion", 4.5e9, "CAD",
                 "money", id="an-article-that-declares-its-dollars"),
    pytest.param("All figures are in Canadian dollars. It cost US$4 billion.", "US$4 billion", 4e9, "USD",
                 "money", id="a-us-dollar-sign-stays-in-a-declared-article"),
    pytest.param("It raised Rs 1,200 cr from the market.", "Rs 1,200 cr", 1.2e10, "INR", "money", id="cr-is-crore"),
    pytest.param("The startup was valued at $1.2 bil.", "$1.2 bil", 1.2e9, "USD", "money", id="bil-is-billion"),
    pytest.param("It is worth 4.5 trn yen.", "4.5 trn yen", 4.5e12, "JPY", "money", id="trn-is-trillion"),
    pytest.param("He signed for $30 mil over three years.", "$30 mil", 3e7, "USD", "money", id="mil-is-million"),
    pytest.param("She won in 2 hours 6 minutes.", "2 hours 6 minutes", 2.1, "h", "duration", id="hours-and-minutes"),
    pytest.param("The walk lasted 6 hours and 42 minutes.", "6 hours and 42 minutes", 6.7, "h", "duration",
                 id="hours-and-minutes-with-and"),
    pytest.param("He ran it in 2 hours, 4 minutes and 30 seconds.", "2 hours, 4 minutes and 30 seconds", 2.075, "h",
                 "duration", id="hours-minutes-seconds"),
    pytest.param("The flight took 1h 45m.", "1h 45m", 1.75, "h", "duration", id="glued-h-and-m"),
    pytest.param("The winner finished in 2:06:05.", "2:06:05", 2 + 6 / 60 + 5 / 3600, "h", "duration",
                 id="a-race-time"),
    pytest.param("The burn lasted for around one minute.", "around one minute", 1 / 60, "h", "duration",
                 id="one-before-a-unit-of-time"),
    pytest.param("The bill came to €294.000, the paper said.", "€294.000", 294_000, "EUR", "money",
                 id="three-zeros-after-one-point-are-thousands"),
    pytest.param("Some 1.234.567 people voted.", "Some 1.234.567 people", 1_234_567, "", "count",
                 id="two-point-groups"),
    pytest.param("It cost €2.500 million.", "€2.500 million", 2.5e6, "EUR", "money", id="a-scaled-decimal-stays"),
    pytest.param("The cable is 1.250 km long.", "1.250 km", 1.25, "km", "length", id="a-measured-decimal-stays"),
    pytest.param("市值约为1.2万亿日元。", "约为1.2万亿日元", 1.2e12, "JPY", "money", id="wan-yi-is-a-trillion"),
    pytest.param("项目耗资3.5千亿元。", "3.5千亿元", 3.5e11, "CNY", "money", id="qian-yi"),
    pytest.param("共有3,000多人受伤。", "3,000多人", 3000, "", "count", id="grouped-digits-before-duo"),
    # the currency sign after the number, as many locales write it; never a following figure's sign
    pytest.param("Tickets cost 12 € at the door.", "12 €", 12, "EUR", "money", id="euro-sign-after"),
    pytest.param("Entry was 8£ for adults.", "8£", 8, "GBP", "money", id="pound-sign-glued-after"),
    pytest.param("A cup of tea costs 3$ at the kiosk.", "3$", 3, "USD", "money", id="dollar-sign-glued-after"),
    pytest.param("The grant was 318.000 € in all.", "318.000 €", 318_000, "EUR", "money",
                 id="point-grouped-euros-sign-after"),
    pytest.param("A pad of 10 $20 bills was found.", "$20", 20, "USD", "money", id="the-sign-of-the-next-figure"),
    pytest.param("He ran for 1,930 yards-beating the old mark by a mile.", "1,930 yards", 1930, "yards", "length",
                 id="a-unit-before-a-dash-typed-as-a-hyphen"),
    pytest.param("The rescue was worth 75 b. Euro in all.", "75 b. Euro", 75e9, "EUR", "money",
                 id="an-abbreviated-scale-before-a-currency"),
    pytest.param("The rover will work for 10 Earth days.", "10 Earth days", 240, "h", "duration",
                 id="days-of-a-kind"),
    pytest.param("Refunds take five working days.", "five working days", 120, "h", "duration", id="working-days"),
    # a range's low end takes the high end's scale only when it stays the low end
    pytest.param("Between 300,000 and 2 million people came.", "300,000", 300_000, "", "count",
                 id="a-grouped-low-end-keeps-its-own-value"),
    pytest.param("The fee band runs from $100,000-$1 million.", "$100,000", 100_000, "USD", "money",
                 id="a-money-band-keeps-its-low-end"),
    pytest.param("It was 1.2-1.5 billion dollars.", "1.2", 1.2e9, "USD", "money", id="a-low-end-shares-the-scale"),
    # a range of a unit is no score
    pytest.param("Let it rest for another 4-6 minutes.", "6 minutes", 0.1, "h", "duration", id="a-range-of-minutes"),
    pytest.param("Der Umsatz stieg um 3,5 % auf 4.096,5 Millionen; der Preis ist $294,000.", "$294,000", 294_000,
                 "USD", "money", id="dollar-figure-in-decimal-comma-text"),
]


# a translation keeps the CJK scale and renders the unit in English around it:
# (sentence, quote, value, unit, kind, qualifier)
SCALE_THEN_ENGLISH = [
    pytest.param("The fee came to 312万 US dollars in all.", "312万 US dollars", 3.12e6, "USD", "money", "exact",
                 id="wan-then-us-dollars"),
    pytest.param("Total spending may reach 4.6亿 yuan.", "4.6亿 yuan", 4.6e8, "CNY", "money", "exact",
                 id="yi-then-yuan"),
    pytest.param("It was priced at RMB 718万, the bureau said.", "RMB 718万", 7.18e6, "CNY", "money", "exact",
                 id="currency-code-before"),
    pytest.param("The order was about 95万 euros.", "about 95万 euros", 9.5e5, "EUR", "money", "approximate",
                 id="english-hedge-before"),
    pytest.param("The survey took 43万 machine hours.", "43万 machine hours", 4.3e5, "h", "duration", "exact",
                 id="wan-then-hours"),
    pytest.param("Crews worked 2万 days on it.", "2万 days", 4.8e5, "h", "duration", "exact", id="wan-then-days"),
    pytest.param("The archive holds 3.2亿 pages of records.", "3.2亿 pages", 3.2e8, "", "count", "exact",
                 id="yi-then-counted-noun"),
    pytest.param("Some 58万 visitors came, 12万 of them abroad.", "12万", 1.2e5, "", "count", "exact",
                 id="bare-scale-stays-a-count"),
    pytest.param("票房收入达到3.1亿元人民币。", "3.1亿元人民币", 3.1e8, "CNY", "money", "exact",
                 id="cjk-currency-unchanged"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit", "kind", "qualifier"), SCALE_THEN_ENGLISH)
def test_scale_character_then_english_unit(sentence: str, surface: str, value: float, unit: str, kind: str,
                                           qualifier: str) -> None:
    found = [c for c in extract_text(sentence) if c.text == surface]
    assert found, [c.text for c in extract_text(sentence)]
    c = found[0]
    assert (c.value, c.unit, c.kind, c.qualifier) == (pytest.approx(value), unit, kind, qualifier)


# an amount set against a rate in one sentence is that rate: (sentence, quote, unit, kind)
SET_AGAINST_A_RATE = [
    pytest.param("The plan works out at $1.10 per million words, against $5.50 for the old one.", "$5.50",
                 "USD/million words", "rate", id="against"),
    pytest.param("The yard charges $4 per crane hour, compared with $6 at the next port.", "$6", "USD/crane hour",
                 "rate", id="compared-with"),
    pytest.param("Entry costs €12 per adult, up from €9 last season.", "€9", "EUR/adult", "rate", id="up-from"),
    pytest.param("The yard charges $4 per crane hour and paid $6 million for the cranes.", "$6 million", "USD",
                 "money", id="a-total-after-and-stays-money"),
    pytest.param("Rooms cost $90 per night, against $900 a month for a flat.", "$900 a month", "USD/month", "rate",
                 id="its-own-period-kept"),
    pytest.param("Entry costs €12 per adult, against $15 in the city.", "$15", "USD", "money",
                 id="another-currency-stays-money"),
]


@pytest.mark.parametrize(("sentence", "surface", "unit", "kind"), SET_AGAINST_A_RATE)
def test_an_amount_set_against_a_rate(sentence: str, surface: str, unit: str, kind: str) -> None:
    found = [c for c in extract_text(sentence) if c.text == surface]
    assert found, [c.text for c in extract_text(sentence)]
    assert (found[0].unit, found[0].kind) == (unit, kind)


# amounts side by side, as a table row reads: each its own figure, never one as the other's
# "* * $10000" multiplier: (row, the claims' texts)
SIDE_BY_SIDE = [
    pytest.param("Basic $0.31 $10.00 200K", ["$0.31", "$10.00"], id="ten-dollars-with-cents"),
    pytest.param("Plus $0.31 $10,000 in fees", ["$0.31", "$10,000"], id="ten-thousand-grouped"),
    pytest.param("The fee was 29.4 * * $10000.", ["29.4 * * $10000"], id="the-artefact-still-multiplies"),
]


@pytest.mark.parametrize(("row", "texts"), SIDE_BY_SIDE)
def test_amounts_side_by_side(row: str, texts: list[str]) -> None:
    assert [c.text for c in extract_text(row) if c.kind == "money"] == texts


# the figure as its printed digits give it, not a float product: (sentence, quote, value, low, high)
DIGITS_AS_PRINTED = [
    pytest.param("Sales reached $4.1 billion.", "$4.1 billion", 4_100_000_000.0, 4_050_000_000.0, 4_200_000_000.0,
                 id="scaled-decimal-truncation-prone"),
    pytest.param("Turnout was 15.6%.", "15.6%", 15.6, 15.55, 15.65, id="half-a-unit-of-the-last-digit"),
    pytest.param("It weighs 0.3 kg.", "0.3 kg", 0.3, 0.25, 0.35, id="a-small-decimal"),
]


# clock readings and lists that stay apart: (sentence, the claims' texts)
NOT_JOINED = [
    pytest.param("The doors opened at 10:15:30 and closed at noon.", [], id="a-clock-reading-with-seconds"),
    pytest.param("The result came 21:04:10 GMT on Sunday.", [], id="a-clock-reading-with-a-zone"),
    pytest.param("It took 5 minutes, then 2 hours more.", ["5 minutes", "2 hours"], id="a-larger-unit-after"),
    pytest.param("One said one, the other said two.", [], id="one-as-a-pronoun"),
]


@pytest.mark.parametrize(("sentence", "texts"), NOT_JOINED)
def test_clock_readings_and_lists_stay_apart(sentence: str, texts: list[str]) -> None:
    assert [c.text for c in extract_text(sentence) if c.kind == "duration"] == texts


@pytest.mark.parametrize(("sentence", "surface", "value", "low", "high"), DIGITS_AS_PRINTED)
def test_values_are_the_printed_digits(sentence: str, surface: str, value: float, low: float, high: float) -> None:
    [c] = [c for c in extract_text(sentence) if c.text == surface]
    assert (c.value, c.low, c.high) == (value, low, high)  # exactly: these floats print as the digits


@pytest.mark.parametrize(("sentence", "surface", "value", "unit", "kind"), WORLD)
def test_numbers_of_the_world(sentence: str, surface: str, value: float | str, unit: str, kind: str) -> None:
    found = [c for c in extract_text(sentence) if c.text == surface]
    assert found, [c.text for c in extract_text(sentence)]
    c = found[0]
    want = pytest.approx(value) if isinstance(value, int | float) else value
    assert (c.value, c.unit, c.kind) == (want, unit, kind)


def test_approximate_cjk_hedge() -> None:
    [c] = [c for c in extract_text("训练耗时约80小时。") if c.kind == "duration"]
    assert c.qualifier == "approximate"


def test_one_quote_one_value_across_sources() -> None:
    quote = "The prize of 3,500 went to the winner."
    german = Source("de", "de.txt", "", "Es stieg um 3,5 % und 2,5 %. " + quote, "txt", "utf-8", "")
    english = [Source(i, f"{i}.txt", "", quote, "txt", "utf-8", "") for i in ("en1", "en2")]
    claims = [c for s in (german, *english) for c in extract_claims(s) if c.text.startswith("3,500")]
    assert sorted({c.value for c in claims}) == [3.5, 3500.0]  # each article read on its own
    changed = same_quote_same_value(claims)
    assert {changed.get(c.id, c).value for c in claims} == {3500.0}
