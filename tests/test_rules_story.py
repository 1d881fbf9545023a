"""The story-level rules as named tables, each run through the real pipeline on small articles.

Updates over time, attributed figures, range ends, unit and currency mislabels, sums,
syndicated copies, forecasts and the fate of people counted. Every row writes its articles
to ``tmp_path`` (one file per source, a dateline first when dates matter: the reader takes
the article date from the first lines) and calls ``reconcile()``. Known failures are
``xfail(strict=True)`` so a fix flips them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rulekit import describe, holding, loud, of_rule, run, texts

from reconciler.extract import extract_text
from reconciler.extract.units import base_interval, load_rates
from reconciler.models import Group
from reconciler.rules import load_config
from reconciler.rules.entries import Entry
from reconciler.rules.updates import report_update


def known_bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def dateline(day: str) -> str:
    return f"HARBOURTON, {day} (Wire) -\n"


# ---------------------------------------------------------------------------------------
# update: a figure that moved between dated articles, with wording that says so, or a toll that rose

UPDATE = [
    pytest.param([dateline("Oct. 14, 2025") + "At least 38 people died when the bridge collapsed, officials said.",
                  dateline("Oct. 16, 2025") + "The death toll from the bridge collapse rose to 52, officials said.",
                  dateline("Oct. 18, 2025") + "The toll from the bridge collapse rose to 61, officials said."],
                 "61", "2025-10-18", id="toll-38-52-61"),
    pytest.param([dateline("May 12, 2025") + "According to preliminary results, the mayor won 412,880 votes "
                  "in Sunday's election.",
                  dateline("May 13, 2025") + "According to final results, the mayor won 431,507 votes "
                  "in Sunday's election."],
                 "431,507 votes", "2025-05-13", id="provisional-votes-then-final"),
    pytest.param([dateline("Sept. 28, 2025") + "At least 12 people were killed when the storm struck the coast.",
                  dateline("Sept. 29, 2025") + "Death toll rises to 19. The death toll from the storm rose to 19 "
                  "on Monday, officials said."],
                 "19", "2025-09-29", id="at-least-12-then-rose-to-19"),
    # a toll rises as reports come in: two days, the later one higher, is an update without any wording
    pytest.param([dateline("Oct. 14, 2025") + "Officials said 52 people died in the bridge collapse.",
                  dateline("Oct. 16, 2025") + "Officials said 61 people died in the bridge collapse."],
                 "61 people", "2025-10-16", id="two-days-a-toll-rises"),
    # the missing are found (alive or dead): their count falls from one day to the next
    pytest.param([dateline("Mar. 3, 2025") + "Rescuers said 14 people were still missing after the ferry sank.",
                  dateline("Mar. 4, 2025") + "Rescuers said five people were still missing after the ferry sank."],
                 "five people", "2025-03-04", id="two-days-the-missing-fall"),
    pytest.param([dateline("Mar. 3, 2025") + "Nine hikers are missing after the avalanche, police said.",
                  dateline("Mar. 4, 2025") + "Four hikers are missing after the avalanche, police said.",
                  dateline("Mar. 5, 2025") + "Two hikers are missing after the avalanche, police said."],
                 "Two hikers", "2025-03-05", id="three-days-the-missing-fall"),
    # families report relatives before rescuers find them: the missing first rise, then fall
    pytest.param([dateline("Jan. 8, 2026") + "Officials said 30 villagers were missing after the landslide.",
                  dateline("Jan. 9, 2026") + "Officials said 85 villagers were missing after the landslide.",
                  dateline("Jan. 10, 2026") + "Officials said 41 villagers were missing after the landslide."],
                 "41 villagers", "2026-01-10", id="the-missing-rise-then-fall"),
    pytest.param([dateline("Jan. 8, 2026") + "Police said 17 climbers were missing after the storm.",
                  dateline("Jan. 9, 2026") + "Police said 26 climbers were missing after the storm."],
                 "26 climbers", "2026-01-09", id="two-days-the-missing-rise"),
]


@pytest.mark.parametrize(("articles", "latest", "date"), UPDATE)
def test_update_over_time(tmp_path: Path, articles: list[str], latest: str, date: str) -> None:
    result = run(tmp_path, articles)
    assert loud(result) == [], describe(result)
    found = of_rule(result, "update")
    assert len(found) == 1, describe(result)
    assert found[0].severity == "info"
    assert f"“{latest}”" in found[0].message and date in found[0].message
    assert found[0].suggested == latest


# a figure that moved over the days, yet on one day two reports share its digits with two of them
# swapped ("1,510" against "at least 1,150"): a typing slip, loud, though a bound agrees with it
def _hurt(day: str, outlet: str, figure: str) -> str:
    return f"{outlet}\n\n" + dateline(day) + f"Officials said {figure} people were injured in the landslide."


SAME_DAY_SLIPS = [
    pytest.param([_hurt("Jan. 8, 2026", "Valley Times", "about 300"),
                  _hurt("Jan. 9, 2026", "Harbor Wire", "at least 1,240"),
                  _hurt("Jan. 9, 2026", "Morning Post", "at least 1,240"),
                  _hurt("Jan. 9, 2026", "Evening Star", "1,420")], "warning", id="one-voice-swaps-two-digits"),
    pytest.param([_hurt("Jan. 8, 2026", "Valley Times", "about 300"),
                  _hurt("Jan. 9, 2026", "Harbor Wire", "at least 1,240"),
                  _hurt("Jan. 10, 2026", "Evening Star", "1,420")],
                 None, id="two-days-apart-is-an-update"),
    pytest.param([_hurt("Jan. 8, 2026", "Valley Times", "about 300"),
                  _hurt("Jan. 9, 2026", "Harbor Wire", "at least 1,240"),
                  _hurt("Jan. 9, 2026", "Evening Star", "1,420")],
                 None, id="one-voice-each-is-not-sure"),
]


@pytest.mark.parametrize(("articles", "severity"), SAME_DAY_SLIPS)
def test_a_same_day_digit_swap_inside_an_update(tmp_path: Path, articles: list[str], severity: str | None) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, "1,420", "1,240", severities=("error", "warning", "info"))
             if f.rule == "value_mismatch"]
    assert [f.severity for f in found] == ([severity] if severity else []), describe(result)
    assert of_rule(result, "update"), describe(result)


# the latest figure of an update: an earlier bound ("at least 20") agrees with any later toll, yet
# the later toll is the new figure, not the old one an article of the latest day repeats
LATEST = [
    pytest.param([("2025-10-14", ["At least 20 people died.", "Officials said 35 people died."]),
                  ("2025-10-15", ["The toll, 35 on Tuesday, was 48 on Wednesday."])], "48",
                 id="a-bound-then-a-timeline"),
    pytest.param([("2025-10-14", ["Officials said 35 people died."]),
                  ("2025-10-15", ["The toll, 35 on Tuesday, was 48 on Wednesday."])], "48",
                 id="a-timeline-on-the-latest-day"),
    pytest.param([("2025-10-14", ["Officials said 35 people died."]),
                  ("2025-10-15", ["The toll rose to 48 people.", "Officials said 84 people died.",
                                  "Officials said 84 people died on Wednesday."])], "84 people",
                 id="the-figure-most-of-the-latest-day's-articles-give"),
]


@pytest.mark.parametrize(("days", "latest"), LATEST)
def test_the_latest_figure_of_an_update(days: list[tuple[str, list[str]]], latest: str) -> None:
    rates = load_rates()
    steps, dates = [], {}
    for day, sentences in days:
        entries = []
        for i, sentence in enumerate(sentences):
            source = f"{day}-{i}"
            dates[source] = day
            for c in extract_text(sentence, source):
                if c.kind == "count":
                    entries.append(Entry(c, base_interval(c, rates), day))
        steps.append((day, entries))
    group = Group(id="g", dimension="count", claims=(), label="dead", consensus=None, consensus_text="", support=0)
    g2, found = report_update(group, steps, dates, load_config(), {})
    assert found[0].suggested == latest and g2.consensus_text == latest


NOT_AN_UPDATE = [
    pytest.param([dateline("Oct. 16, 2025") + "Officials said 52 people died in the bridge collapse on Thursday.",
                  dateline("Oct. 16, 2025") + "Officials said 61 people died in the bridge collapse on Thursday."],
                 id="same-day-52-vs-61"),
    pytest.param([dateline("Oct. 14, 2025") + "Officials said 61 people died in the bridge collapse.",
                  dateline("Oct. 16, 2025") + "Officials said 52 people died in the bridge collapse."],
                 id="two-days-a-toll-that-falls"),
    pytest.param([dateline("Oct. 14, 2025") + "Officials said 52 people were missing after the bridge collapse.",
                  dateline("Oct. 14, 2025") + "Officials said 61 people were missing after the bridge collapse."],
                 id="same-day-the-missing-52-vs-61"),
]


@pytest.mark.parametrize("articles", NOT_AN_UPDATE)
def test_disagreement_is_not_an_update(tmp_path: Path, articles: list[str]) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, "52 people", "61 people") if f.rule == "value_mismatch"]
    assert len(found) == 1, describe(result)
    assert of_rule(result, "update") == [], describe(result)
    # a lower toll may be an earlier count: loud, but not an error (it can be right)
    assert found[0].severity == "warning", describe(result)


# a figure that another article of its own day contradicts is a disagreement, even when a later
# article agrees with that other one: the later report does not make the first an old figure; nor
# does a later article's "preliminary report" (the investigators') make its figures provisional
SAME_DAY_THEN_LATER = [
    pytest.param([dateline("June 2, 2025") + "The ferry carrying 318 passengers sank, killing 12 people.",
                  dateline("June 2, 2025") + "The ferry carrying 381 passengers sank, killing 12 people.",
                  dateline("June 3, 2025") + "The ferry was carrying 318 passengers. So far 15 bodies have "
                  "been recovered."],
                 "381 passengers", "318 passengers", id="passengers-swapped-digits"),
    pytest.param([dateline("June 2, 2025") + "The bus carrying 44 passengers overturned, killing nine people.",
                  dateline("June 2, 2025") + "The bus carrying 41 passengers overturned, killing nine people.",
                  dateline("June 3, 2025") + "The toll rose to 11 on Tuesday. The bus was carrying 44 passengers, "
                  "police said."],
                 "41 passengers", "44 passengers", id="passengers-misread"),
    # "a preliminary report is due": the investigators' report, not a provisional count that may move
    pytest.param([dateline("June 2, 2025") + "The ferry was carrying 318 passengers when it sank, the coastguard said.",
                  dateline("June 2, 2025") + "Coastguards said the ferry that sank had 318 passengers on its manifest.",
                  dateline("June 3, 2025") + "The ferry was carrying 381 passengers when it sank. Investigators said a "
                  "preliminary report was due within a month."],
                 "381 passengers", "318 passengers", id="a-preliminary-report-is-no-provisional-count"),
]


@pytest.mark.parametrize(("articles", "odd", "right"), SAME_DAY_THEN_LATER)
def test_a_same_day_disagreement_is_not_an_update(tmp_path: Path, articles: list[str], odd: str, right: str) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, odd, right) if f.rule == "value_mismatch"]
    assert len(found) == 1 and found[0].severity != "info", describe(result)
    assert of_rule(result, "update") == [], describe(result)


# the tolls of two moments of one day: an article that gives both (the morning's and the evening's)
# makes outlets giving one or the other two moments of that count, not a contradiction; the same
# figures with no article giving both stay a disagreement; a figure at the same moment as another
# stays one
DAY_MOMENTS = [
    pytest.param([dateline("May 4, 2025") + "Police said on Sunday that 31 people were injured in the collapse.",
                  dateline("May 4, 2025") + "Police said on Sunday that 31 people were injured in the collapse.",
                  dateline("May 4, 2025") + "On Sunday morning police had given a toll of 31 injured. By the "
                  "evening 38 people were injured, the police chief told reporters.",
                  dateline("May 4, 2025") + "Police said on Sunday evening that 38 people were injured in the "
                  "collapse."],
                 "31 people", "38 people", False, id="one-article-gives-both-moments"),
    pytest.param([dateline("May 4, 2025") + "Police said on Sunday that 31 people were injured in the collapse.",
                  dateline("May 4, 2025") + "Police said on Sunday that 31 people were injured in the collapse.",
                  dateline("May 4, 2025") + "Police said on Sunday evening that 38 people were injured in the "
                  "collapse."],
                 "31 people", "38 people", True, id="no-article-gives-both"),
    pytest.param([dateline("May 4, 2025") + "Police said on Sunday evening that 38 people were injured in the "
                  "collapse.",
                  dateline("May 4, 2025") + "Police said on Sunday evening that 38 people were injured in the "
                  "collapse.",
                  dateline("May 4, 2025") + "On Sunday morning police had given a toll of 31 injured. By the "
                  "evening 38 people were injured, the police chief told reporters.",
                  dateline("May 4, 2025") + "Police said on Sunday evening that 83 people were injured in the "
                  "collapse."],
                 "83 people", "38 people", True, id="the-same-moment-another-figure"),
]


@pytest.mark.parametrize(("articles", "odd", "right", "is_loud"), DAY_MOMENTS)
def test_tolls_of_two_moments_of_a_day(tmp_path: Path, articles: list[str], odd: str, right: str,
                                        is_loud: bool) -> None:
    result = run(tmp_path, articles)
    assert bool(holding(result, odd, right)) == is_loud, describe(result)


# two hedged figures agree when one lies within the other's span, not when their widened spans only
# touch; a unit mislabel needs the figure read in the other unit to land on the consensus
HEDGED_PAIRS = [
    pytest.param(["The quake struck about 31 miles north of Port Alda, the survey said.",
                  "The quake struck about 24 miles north of Port Alda, the survey said."],
                 "about 31 miles", "about 24 miles", "value_mismatch", id="about-31-vs-about-24"),
    pytest.param(["The quake struck about 60 km north of Port Alda, the survey said.",
                  "The quake struck roughly 58 km north of Port Alda, the survey said."],
                 "about 60 km", "roughly 58 km", "", id="about-60-vs-roughly-58"),
]


@pytest.mark.parametrize(("articles", "a", "b", "rule"), HEDGED_PAIRS)
def test_two_hedged_figures(tmp_path: Path, articles: list[str], a: str, b: str, rule: str) -> None:
    result = run(tmp_path, articles)
    rules = {f.rule for f in holding(result, a, b, severities=("error", "warning", "info"))} - {"rounding"}
    assert rules == ({rule} if rule else set()), describe(result)


# a figure sure to be the consensus's quantity is reported apart from one that merely shares its value
# (a configuration's price beside a misprinted list price)
def test_a_configuration_sharing_a_misprinted_value_is_not_in_the_loud_finding(tmp_path: Path) -> None:
    result = run(tmp_path, ["The Zeta 13 starts at $1,199 in stores.", "The Zeta 13 starts at $1,199 in stores.",
                            "The Zeta 13 starts at $1,199, the maker said.", "The Zeta 13 starts at $1,099 in stores.",
                            "With the discount, a Zeta 13 costs $1,099 for students."])
    found = holding(result, "$1,099", "$1,199")
    assert found, describe(result)
    for f in found:
        assert not any("students" in result_claim.sentence for result_claim in result.claims
                       if result_claim.id in f.claims), describe(result)


# ---------------------------------------------------------------------------------------
# attributed_figures: each figure has its own named source; report both. Quietly (info): each
# outlet reports its own source correctly, so neither outlet is wrong

ATTRIBUTED = [
    pytest.param(["The Harbourton Seismic Institute said the earthquake had a magnitude of 7.8.",
                  "The National Quake Service said the earthquake had a magnitude of 7.7."],
                 "magnitude of 7.8", "magnitude of 7.7", ("Seismic Institute", "Quake Service"),
                 id="magnitude-by-two-agencies"),
    pytest.param(["Police said 38 people were arrested at the march on Saturday.",
                  "The organisers said 40 people were arrested at the march on Saturday."],
                 "38 people", "40 people", ("Police", "organisers"), id="police-38-vs-organisers-40"),
    pytest.param(["The Harbour Police said 38 people were arrested at the march on Saturday.",
                  "Governor Ana Ruiz said 40 people were arrested at the march on Saturday."],
                 "38 people", "40 people", ("Harbour Police", "Ana Ruiz"), id="two-named-voices"),
]

# one voice named two ways: the figures disagree, attributed or not
ONE_VOICE = [
    pytest.param(["The final training run of the Vela model cost $5.6 million, the company said on Monday.",
                  "The final training run of the Vela model cost $6.5 million, Brightloom said on Monday."],
                 ("$6.5 million", "$5.6 million"), id="the-company-and-its-name"),
    pytest.param(["The final training run of the Vela model cost $5.6 million, Brightloom said on Monday.",
                  "The final training run of the Vela model cost $6.5 million, Brightloom Labs said on Monday."],
                 ("$6.5 million", "$5.6 million"), id="a-name-and-its-longer-form"),
]


@pytest.mark.parametrize(("articles", "quotes"), ONE_VOICE)
def test_one_voice_named_two_ways(tmp_path: Path, articles: list[str], quotes: tuple[str, str]) -> None:
    result = run(tmp_path, articles)
    assert holding(result, *quotes), describe(result)
    assert of_rule(result, "attributed_figures") == [], describe(result)


@pytest.mark.parametrize(("articles", "a", "b", "who"), ATTRIBUTED)
def test_attributed_figures(tmp_path: Path, articles: list[str], a: str, b: str, who: tuple[str, str]) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, a, b, severities=("error", "warning", "info"))
             if f.rule == "attributed_figures"]
    assert len(found) == 1, describe(result)
    assert found[0].severity == "info"
    assert all(w in found[0].message for w in who)
    assert found[0].suggested is None
    assert of_rule(result, "value_mismatch") == [], describe(result)


def test_unattributed_figures_stay_a_mismatch(tmp_path: Path) -> None:
    """Control for the table above: without named sources the same figures are a plain mismatch."""
    result = run(tmp_path, ["At the march on Saturday, 38 people were arrested.",
                            "At the march on Saturday, 40 people were arrested."])
    assert [f.rule for f in holding(result, "38 people", "40 people")] == ["value_mismatch"], describe(result)
    assert of_rule(result, "attributed_figures") == []


# ---------------------------------------------------------------------------------------
# range_ends: outlets quoting one end of a range another outlet reports

BRIDGE_ONE_DECIMAL = ["Officials said the job will cost between $1.7 billion and $1.9 billion to replace the bridge.",
                      "The state will replace the bridge at an estimated $1.9 billion, officials said.",
                      "A federal report pegged the replacement of the bridge at $1.7 billion."]
BRIDGE_TWO_DECIMALS = ["Officials said the job will cost between $1.75 billion and $1.95 billion to replace the "
                       "bridge.",
                       "The state will replace the bridge at an estimated $1.95 billion, officials said.",
                       "A federal report pegged the replacement of the bridge at $1.75 billion."]

# the price moved later (an update), and the one-end quotes share little wording with the range:
# "pegged a replacement at" and "the job will cost" state one price
BRIDGE_THEN_REVISED = [
    dateline("May 2, 2024") + "Harbourton officials said they hope to have a replacement for the harbour "
    "bridge open by fall 2028, and that the job will cost between $1.7 billion and $1.9 billion.",
    dateline("May 3, 2024") + "New harbour bridge could open by fall 2028 at an estimated $1.9 billion, "
    "Harbourton says.",
    dateline("Oct. 24, 2024") + "The insurance deal does not cover the bridge itself. Harbourton has filed "
    "its own claim for those losses; state planners have pegged a replacement at $1.7 billion.",
    dateline("Nov. 20, 2025") + "The harbour bridge authority now projects a cost of $4.3 billion to "
    "$5.2 billion for the replacement bridge, up from the preliminary estimate.",
]

RANGE_ENDS = [
    pytest.param(BRIDGE_ONE_DECIMAL, "$1.7 billion", "$1.9 billion", id="bridge-1.7-to-1.9-billion"),
    pytest.param(BRIDGE_TWO_DECIMALS, "$1.75 billion", "$1.95 billion", id="bridge-1.75-to-1.95-billion"),
    pytest.param(BRIDGE_THEN_REVISED, "$1.7 billion", "$1.9 billion", id="pegged-vs-cost-then-revised"),
]


@pytest.mark.parametrize(("articles", "low", "high"), RANGE_ENDS)
def test_range_ends_are_grouped(tmp_path: Path, articles: list[str], low: str, high: str) -> None:
    result = run(tmp_path, articles)
    by_id = {c.id: c for c in result.claims}
    quoted = [c for c in result.claims if c.source != "000" and (low in c.text or high in c.text)]
    assert len(quoted) == 2
    assert any({c.id for c in quoted} <= set(g.claims) and any(by_id[x].qualifier == "range" for x in g.claims)
               for g in result.groups), "the quoted ends and the range state one quantity"


@pytest.mark.parametrize(("articles", "low", "high"), RANGE_ENDS)
def test_range_ends(tmp_path: Path, articles: list[str], low: str, high: str) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, low, high, severities=("info",)) if f.rule == "range_ends"]
    assert len(found) == 1, describe(result)
    assert low in found[0].message and high in found[0].message


# ---------------------------------------------------------------------------------------
# unit_mislabel: the number matches the consensus in a confusable unit

UNIT_MISLABEL = [
    pytest.param(["Opened in 1977, the 1.6-mile (2.6-kilometre) steel truss bridge carried traffic.",
                  "The 1.6-mile (2.6-kilometre) bridge collapsed after a ship struck it.",
                  "The 2.6-mile bridge collapsed after a ship struck it."],
                 "2.6-mile", "1.6-mile", "km", id="km-printed-as-miles"),
    pytest.param(["The raw weights of the largest model take 810 GB on disk (405 billion parameters x 2 bytes).",
                  "The raw weights of the largest model take about 810GB on disk.",
                  "The raw weights of the largest model take 750 GB on disk."],
                 "750 GB", "810 GB", "GiB", id="gib-printed-as-gb"),
]


@pytest.mark.parametrize(("articles", "wrong", "consensus", "unit"), UNIT_MISLABEL)
def test_unit_mislabel(tmp_path: Path, articles: list[str], wrong: str, consensus: str, unit: str) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, wrong, consensus) if f.rule == "unit_mislabel"]
    assert len(found) == 1, describe(result)
    assert found[0].severity == "error"
    assert unit in found[0].explanation
    assert found[0].suggested == consensus


# ---------------------------------------------------------------------------------------
# arithmetic (sums): a total labelled "X plus Y" against the article's figures for X and Y

FUND = ("The owners filed to cap their liability.\n"
        "Post-casualty value of the vessel: $41.4 million.\n"
        "Pending freight for the voyage: $1.17 million.\n"
        "Proposed limitation fund (vessel plus freight): {total}.")

SUMS = [
    pytest.param(FUND.format(total="$43.67 million"), "42.57", id="41.4-plus-1.17-vs-43.67"),
    pytest.param(FUND.format(total="$42.57 million"), None, id="41.4-plus-1.17-equals-42.57-ok"),
]


@pytest.mark.parametrize(("article", "got"), SUMS)
def test_sum(tmp_path: Path, article: str, got: str | None) -> None:
    result = run(tmp_path, [article])
    found = of_rule(result, "arithmetic")
    if got is None:
        assert found == [], describe(result)
        return
    assert len(found) == 1, describe(result)
    assert found[0].severity == "warning"
    assert got in found[0].message
    assert sorted(texts(result, found[0])) == ["$1.17 million", "$41.4 million", "$43.67 million"]


# ---------------------------------------------------------------------------------------
# currency_mislabel needs its signature: the same number printed in the other currency

TRANSFER = ["The club paid €100 million for the striker, the club said.",
            "The club paid £86 million for the striker, the club said.",
            "The club paid $108 million for the striker, the club said."]
POUNDS_100 = "The club paid £100 million for the striker, the club said."

CURRENCIES = [
    pytest.param(TRANSFER, None, id="eur-gbp-usd-consistent"),
    pytest.param([*TRANSFER, POUNDS_100], "currency_mislabel", id="eur-100-printed-as-gbp"),
    # dollars against pounds with no euro figure: no mislabel, and a mismatch across currencies
    # is never sure (another day's rate, another market), so it stays info
    pytest.param([TRANSFER[2], TRANSFER[2], POUNDS_100], "info", id="no-eur-100-in-story-no-mislabel"),
]


@pytest.mark.parametrize(("articles", "rule"), CURRENCIES)
def test_currency_mislabel_needs_the_number_in_the_other_currency(tmp_path: Path, articles: list[str],
                                                                 rule: str | None) -> None:
    result = run(tmp_path, articles)
    if rule in (None, "info"):
        assert loud(result) == [], describe(result)
        assert of_rule(result, "currency_mislabel") == [], describe(result)
        assert (rule == "info") == bool(holding(result, "£100 million", severities=("info",))), describe(result)
        return
    found = holding(result, "£100 million")
    assert [f.rule for f in found] == [rule], describe(result)
    if rule == "currency_mislabel":
        assert found[0].severity == "error"
        assert "EUR" in found[0].message
        assert found[0].suggested == "£86 million"


# ---------------------------------------------------------------------------------------
# copies: a syndicated copy is not an independent voice

WIRE = (dateline("Oct. 14, 2025") +
        "The container ship struck a pier of the harbour bridge shortly after midnight, bringing most of the "
        "steel span down into the river within seconds. Emergency crews searched the water through the night "
        "while divers worked in poor visibility near the wreckage. The port authority said the bridge carried "
        "31,000 vehicles a day before the collapse and that the shipping channel would stay closed until the "
        "debris is cleared. Engineers from the state transport department began inspecting the remaining piers "
        "on Tuesday morning, and the governor asked for federal help with the cost of clearing the channel and "
        "rebuilding the crossing. Local businesses said the closure of the port would hurt trade for months, and "
        "unions representing dock workers asked for emergency payments for members who cannot work.")
REPRINT = WIRE.replace("Emergency crews", "Rescue crews").replace("on Tuesday morning", "on Tuesday")
TRAFFIC = (dateline("Oct. 14, 2025") +
           "Traffic engineers estimate that the bridge carried 34,000 vehicles a day before a ship knocked it "
           "down, and drivers face long detours around the harbour through the tunnels.")


def test_copies_count_as_one_voice(tmp_path: Path) -> None:
    result = run(tmp_path, [WIRE, REPRINT, TRAFFIC])
    assert result.copies == (("000", "001"),)
    by_id = {c.id: c for c in result.claims}
    [group] = [g for g in result.groups if any(by_id[c].text == "31,000 vehicles" for c in g.claims)]
    assert sorted(by_id[c].source for c in group.claims if by_id[c].text == "31,000 vehicles") == ["000", "001"]
    assert group.support == 1, "the wire story and its reprint are one source"
    # one voice against one voice: nobody is told which figure to use
    found = holding(result, "31,000 vehicles", "34,000 vehicles")
    assert found and all(f.suggested is None for f in found), describe(result)


def test_different_articles_are_not_copies(tmp_path: Path) -> None:
    """Control for the test above: the same long article against an unrelated one."""
    result = run(tmp_path, [WIRE, TRAFFIC])
    assert result.copies == ()


# ---------------------------------------------------------------------------------------
# forecasts and the fate of people: different quantities, never flagged against each other

DIFFERENT = [
    pytest.param(["Analysts expected revenue of $4.01 billion for the quarter.",
                  "Revenue was $4.12 billion for the quarter, the company said."],
                 "$4.01 billion", "$4.12 billion", id="forecast-vs-actual-across-articles"),
    pytest.param(["Revenue was $4.12 billion for the quarter, above the $4.01 billion analysts expected.",
                  "Revenue was $4.12 billion for the quarter, the company said."],
                 "$4.01 billion", "$4.12 billion", id="forecast-vs-actual-in-one-article"),
    pytest.param(["Eight construction workers were on the bridge when it collapsed.",
                  "Officials confirmed that six construction workers were killed when the bridge collapsed."],
                 "Eight construction workers", "six construction workers", id="on-the-bridge-vs-killed"),
]


@pytest.mark.parametrize(("articles", "a", "b"), DIFFERENT)
def test_different_quantities(tmp_path: Path, articles: list[str], a: str, b: str) -> None:
    result = run(tmp_path, articles)
    assert holding(result, a, b) == [], describe(result)


# ---------------------------------------------------------------------------------------
# results and judges' cards: (articles, quotes a loud finding must hold, or None for no loud finding)

SCORES = [
    pytest.param(["The Harbour Kites beat the Larks 3-1 on Sunday in the league match at home, the club said.",
                  "The Harbour Kites beat the Larks 2-1 on Sunday in the league match at home, the club said.",
                  "The Harbour Kites beat the Larks 3-1 on Sunday in the league match at home, the club said."],
                 ("2-1", "3-1"), id="a-result-reported-differently"),
    pytest.param(["Ola Petrov beat Mara Quist by unanimous decision, with cards of 118-110, 117-111 and 116-112.",
                  "Ola Petrov beat Mara Quist by unanimous decision; the judges scored it 116-112, 116-112, 118-110.",
                  "Ola Petrov won a unanimous decision over Mara Quist: 118-110, 117-111, 116-112."],
                 None, id="three-judges'-cards-are-never-loud"),
    pytest.param(["Ola Petrov beat Mara Quist on Saturday, winning on the cards 118-110 in the title bout.",
                  "Ola Petrov beat Mara Quist on Saturday, winning on the cards 117-111 in the title bout.",
                  "Ola Petrov beat Mara Quist on Saturday, winning on the cards 118-110 in the title bout."],
                 None, id="one-card-each-may-be-two-judges'"),
]


@pytest.mark.parametrize(("articles", "quotes"), SCORES)
def test_scores_and_cards(tmp_path: Path, articles: list[str], quotes: tuple[str, str] | None) -> None:
    result = run(tmp_path, articles)
    if quotes is None:
        assert loud(result) == [], describe(result)
    else:
        assert holding(result, *quotes), describe(result)
