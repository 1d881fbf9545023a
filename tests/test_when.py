"""Time checks (reconciler/rules/when.py): a weekday that is not its date's, and one source's year
for the same event's date. Named tables of invented sentences; the rule functions are called on
the claims of a few one-sentence articles, and one small corpus runs end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rulekit import describe, of_rule, run, texts

from reconciler.extract import extract_claims
from reconciler.models import Claim, Group, Source
from reconciler.report.context import _Builder
from reconciler.report.views import Limits
from reconciler.rules import load_config
from reconciler.rules.when import pair_weekdays, resolve_year, weekday_findings, year_findings

CONFIG = load_config()


def article(sid: str, text: str, date: str | None = None) -> tuple[Source, list[Claim]]:
    src = Source(id=sid, path=sid, title="", text=text, format="txt", encoding="utf-8", sha256="", date=date)
    return src, extract_claims(src)


def story(rows: list[tuple[str, str | None]]) -> tuple[list[Source], dict[str, list[Claim]]]:
    sources, by_source = [], {}
    for i, (text, date) in enumerate(rows):
        src, claims = article(f"s{i}", text, date)
        sources.append(src)
        by_source[src.id] = claims
    return sources, by_source


# ---------------------------------------------------------------------------------------
# which weekday belongs to which date

PAIRS = [
    pytest.param("The vote was held on Saturday, April 12, 2025, in the capital.",
                 [("Saturday", "April 12, 2025")], id="weekday-comma-date-year"),
    pytest.param("The market opens on Tuesday 3 June with forty stalls.", [("Tuesday", "3 June")],
                 id="weekday-day-month"),
    pytest.param("The final is on 12 April, a Saturday, at the new stadium.", [("Saturday", "12 April")],
                 id="date-then-a-weekday"),
    pytest.param("The talks ended on Friday; on April 12 the envoys flew home.", [], id="weekday-in-another-clause"),
    pytest.param("Crews worked through Sunday, and by March 3 the road was open.", [], id="weekday-and-later-date"),
    pytest.param("Ticket sales closed on April 12 and the gates opened on Saturday.", [], id="date-and-later-weekday"),
    pytest.param("The ferry left on Monday. April 14 was the day it was due.", [], id="two-sentences"),
    pytest.param("The storm hit on Sunday, and on Monday, April 14, crews arrived.", [("Monday", "April 14")],
                 id="only-the-weekday-next-to-the-date"),
    pytest.param("From Saturday, April 12 to Sunday, April 13 the road was shut.",
                 [("Saturday", "April 12"), ("Sunday", "April 13")], id="two-days-each-its-weekday"),
    pytest.param("LONDON, Tuesday, June 3 (Agency) - The council voted to close the bridge on Friday.", [],
                 id="a-wire-dateline-is-not-the-event"),
    pytest.param("Harbor Wire\n\nPublished Saturday, April 12, 2025\n\nThe council voted to close the bridge.", [],
                 id="a-publication-stamp-is-not-the-event"),
]


@pytest.mark.parametrize(("sentence", "expected"), PAIRS)
def test_a_weekday_is_paired_only_with_its_own_date(sentence: str, expected: list[tuple[str, str]]) -> None:
    _, claims = article("a", sentence)
    assert [(w.text, d.text) for w, d in pair_weekdays(claims)] == expected, [c.text for c in claims]


YEARS = [
    pytest.param(12, 30, dt.date(2025, 1, 3), 2024, id="december-in-a-january-article-is-last-year"),
    pytest.param(1, 20, dt.date(2025, 1, 3), 2025, id="later-in-the-month"),
    pytest.param(1, 5, dt.date(2024, 12, 20), 2025, id="early-january-in-a-december-article"),
    pytest.param(7, 1, dt.date(2025, 1, 3), None, id="half-a-year-away-no-year"),
    pytest.param(2, 29, dt.date(2025, 3, 1), None, id="leap-day-of-a-common-year"),
    pytest.param(4, 12, None, None, id="no-reference-date"),
]


@pytest.mark.parametrize(("month", "day", "ref", "year"), YEARS)
def test_a_yearless_date_takes_the_year_near_the_article(month: int, day: int, ref: dt.date | None,
                                                         year: int | None) -> None:
    assert resolve_year(month, day, ref, CONFIG.tol("weekday_window")) == year


# ---------------------------------------------------------------------------------------
# weekday_mismatch

WEEKDAYS = [
    pytest.param([("The ferry sank on Saturday, April 12, 2024, off the cape.", "2024-04-14")],
                 ("error", "Saturday", "a Friday"), id="printed-year-wrong-weekday"),
    pytest.param([("The ferry sank on Friday, April 12, 2024, off the cape.", "2024-04-14")], None,
                 id="printed-year-right-weekday"),
    pytest.param([("The ferry sank on Sunday, April 12, off the cape.", "2025-04-14")],
                 ("warning", "Sunday", "2025 is assumed from the article's date"), id="year-from-the-article"),
    pytest.param([("The ferry sank on Saturday, April 12, off the cape.", "2025-04-14")], None,
                 id="year-from-the-article-right"),
    pytest.param([("The ferry sank on Sunday, April 12, off the cape.", "2025-09-30")], None,
                 id="too-far-from-the-article-no-year"),
    pytest.param([("The fire began on Monday, December 30, in the hills.", "2025-01-03")], None,
                 id="last-december-right"),
    pytest.param([("The fire began on Tuesday, December 30, in the hills.", "2025-01-03")],
                 ("warning", "Tuesday", "2024 is assumed"), id="last-december-wrong"),
    pytest.param([("The final is on 12 April, a Sunday, at the new stadium.", "2025-03-01")],
                 ("warning", "Sunday", "a Saturday"), id="weekday-after-the-date"),
    pytest.param([("The ferry sank on Sunday, April 12, off the cape.", None),
                  ("The inquiry into the sinking opened on Monday.", "2025-04-14")],
                 ("warning", "Sunday", "from the story's dates"), id="undated-article-story-year"),
    pytest.param([("Updated Sunday, April 12, 2025 10:30\n\nThe ferry sank off the cape.", "2025-04-12")], None,
                 id="an-updated-stamp-is-not-the-event"),
]


@pytest.mark.parametrize(("rows", "expected"), WEEKDAYS)
def test_weekday_mismatch(rows: list[tuple[str, str | None]], expected: tuple[str, str, str] | None) -> None:
    sources, by_source = story(rows)
    found = weekday_findings(sources, by_source, CONFIG)
    if expected is None:
        assert found == [], [f.message for f in found]
        return
    severity, weekday, words = expected
    assert [f.severity for f in found] == [severity], [f.message for f in found]
    assert found[0].message.startswith(f"“{weekday}”") and words in found[0].message, found[0].message


NO_YEAR = [("The ferry sank on Sunday, April 12, off the cape.", None),
           ("The ferry sank on Saturday, April 12, off the cape.", None),
           ("The ferry went down on Saturday, April 12, near the cape.", None)]


@pytest.mark.parametrize(("one_event", "severity"), [pytest.param(True, "warning", id="one-event-warning"),
                                                     pytest.param(False, "info", id="not-aligned-info")])
def test_sources_naming_a_yearless_date_differently(one_event: bool, severity: str) -> None:
    sources, by_source = story(NO_YEAR)
    dates = [c for cs in by_source.values() for c in cs if c.unit == "date"]
    in_group = {c.id: ("g1" if one_event else f"g-{c.source}") for c in dates}
    found = weekday_findings(sources, by_source, CONFIG, in_group)
    assert [(f.severity, f.claims[0].split("@")[0]) for f in found] == [(severity, "s0")], [f.message for f in found]
    assert "sources name the day differently" in found[0].message


def test_a_disabled_rule_is_silent() -> None:
    sources, by_source = story([("The ferry sank on Saturday, April 12, 2024, off the cape.", "2024-04-14")])
    config = load_config()
    config.rules["weekday_mismatch"]["enabled"] = False
    assert weekday_findings(sources, by_source, config) == []


# ---------------------------------------------------------------------------------------
# year_mismatch

BRIDGE_2025 = [("The bridge closed on 12 April 2025 after the flood.", "2025-04-13"),
               ("The bridge closed on April 12 after the flood.", "2025-04-13")]

YEAR_ROWS = [
    pytest.param([("The bridge closed on April 12, 2024, after the flood.", "2025-04-14"), *BRIDGE_2025], True,
                 "warning", id="one-year-off-against-two-voices"),
    pytest.param([("The bridge closed on April 12, 2024, after the flood.", "2025-04-14"), BRIDGE_2025[0]], True,
                 "info", id="one-against-one-is-quiet"),
    pytest.param([("The bridge closed on April 12, 2023, after the flood.", "2025-04-14"), *BRIDGE_2025], True,
                 "info", id="two-years-off-is-quiet"),
    pytest.param([("The bridge closed on April 12, 2024, after the flood.", "2024-04-14"), *BRIDGE_2025], True,
                 "info", id="its-own-article-is-of-that-year"),
    pytest.param([("The bridge closed on April 12, 2024, after the flood.", "2025-04-14"), *BRIDGE_2025], False,
                 "info", id="not-aligned-with-the-others"),
    pytest.param([("The bridge has been shut since April 12, 2024, when the flood hit.", "2025-04-14"),
                  *BRIDGE_2025], True, None, id="since-another-event"),
    pytest.param([("The bridge closed on 12 April 2025 after the flood.", "2025-04-14"), *BRIDGE_2025], True, None,
                 id="all-agree"),
    pytest.param([("The bridge was shut from April 12, 2024 to April 20, 2025, after the flood.", "2025-04-14"),
                  *BRIDGE_2025], True, None, id="one-end-of-a-span"),
    pytest.param([("The 2024 season ended on April 12 after the flood.", "2025-04-14"), *BRIDGE_2025], True, None,
                 id="a-year-in-a-name-is-not-the-date's"),
]


@pytest.mark.parametrize(("rows", "one_group", "severity"), YEAR_ROWS)
def test_year_mismatch(rows: list[tuple[str, str | None]], one_group: bool, severity: str | None) -> None:
    sources, by_source = story(rows)
    dates = [c for cs in by_source.values() for c in cs if c.unit == "date"]
    assert len(dates) in (len(rows), len(rows) + 1), [c.text for c in dates]
    groups = ([Group("g1", "date", tuple(c.id for c in dates), "date", None, "", 0)] if one_group else
              [Group("g1", "date", (dates[0].id,), "date", None, "", 0),
               Group("g2", "date", tuple(c.id for c in dates[1:]), "date", None, "", 0)])
    by_id = {c.id: c for c in dates}
    found = year_findings(groups, by_id, sources, CONFIG)
    assert [f.severity for f in found] == ([severity] if severity else []), [f.message for f in found]
    if found:
        assert found[0].claims[0] == dates[0].id and "another year" in found[0].message
        assert (found[0].suggested == "April 12, 2025") == (severity == "warning")


# ---------------------------------------------------------------------------------------
# end to end: both rules on a small corpus, with article dates from the top lines


def test_time_checks_end_to_end(tmp_path: Path) -> None:
    result = run(tmp_path, [
        "Harbor Wire | April 14, 2025\n\nThe coastal bridge closed on April 12, 2024, after the river flooded the "
        "valley road.",
        "Valley Times | April 13, 2025\n\nThe coastal bridge closed on Sunday, April 12, 2025, after the river "
        "flooded the valley road.",
        "Morning Post | April 13, 2025\n\nThe coastal bridge closed on Saturday, April 12, 2025, after the river "
        "flooded the valley road.",
    ])
    weekday = of_rule(result, "weekday_mismatch")
    assert [(f.severity, texts(result, f)[:2]) for f in weekday] == [("error", ["Sunday", "April 12, 2025"])], \
        describe(result)
    year = of_rule(result, "year_mismatch")
    assert [(f.severity, texts(result, f)[0]) for f in year] == [("warning", "April 12, 2024")], describe(result)
    # the report marks the odd year, not the dates that agree with each other
    by_id = {c.id: c for c in result.claims}
    about, support = _Builder(result, Limits()).split[year[0].id]
    assert [by_id[c].text for c in about] == ["April 12, 2024"]
    assert sorted(by_id[c].text for c in support) == ["April 12, 2025", "April 12, 2025"]


# ---------------------------------------------------------------------------------------
# a live blog's or a timeline's day heading dates its entries, not the event

DAY_HEADINGS = [
    pytest.param("**Tuesday, May 6**\n\n09:10 Divers reach the wreck.", "May 6", True, id="bold-weekday-date"),
    pytest.param("## 7 May\n\n08:00 The search resumes.", "7 May", True, id="markdown-heading"),
    pytest.param("Wednesday, May 7, 2025\n\nThe ferry company opens a hotline.", "May 7, 2025", True,
                 id="heading-with-year"),
    pytest.param("The ferry sank on Tuesday, May 6, off the cape.", "May 6", False, id="date-in-prose"),
    pytest.param("Date of the vote: May 6\n\nTurnout was high.", "May 6", False, id="labelled-field"),
]


@pytest.mark.parametrize(("text", "surface", "heading"), DAY_HEADINGS)
def test_a_day_heading_is_not_the_events_date(text: str, surface: str, heading: bool) -> None:
    _, claims = article("a", text)
    found = [c for c in claims if c.text == surface]
    assert found, [c.text for c in claims]
    assert (found[0].frame.measure in ("day heading", "dateline")) is heading  # a stamp either way


def test_a_live_blogs_next_day_heading_is_no_date_conflict(tmp_path: Path) -> None:
    result = run(tmp_path, [
        "CITY ELECTION BOARD\nPress release\n\nFinal results of the mayoral election held on Tuesday, 6 May 2025"
        "\n\nVotes cast: 120,400",
        "Valley Times | May 7, 2025\n\nThe board on Wednesday announced the final results of the mayoral election "
        "of 6 May. Ana Roe won.",
        "# Live: the mayoral election\n\n**Tuesday, May 6**\n\n**21:00** Polls close.\n\n**Wednesday, May 7**\n\n"
        "**08:30** Final count: Roe 52.1%, Lind 47.9%. Roe is elected mayor.",
    ])
    assert not of_rule(result, "date_mismatch"), describe(result)


def test_a_wrong_weekday_in_a_day_heading_is_still_flagged(tmp_path: Path) -> None:
    result = run(tmp_path, [
        "Harbor Wire | May 7, 2025\n\nThe ferry sank on Tuesday, May 6, off the cape, the coast guard said.",
        "Live desk\n\n**Monday, May 6**\n\n21:00 The ferry sank off the cape.",
    ])
    assert [texts(result, f)[:2] for f in of_rule(result, "weekday_mismatch")] == [["Monday", "May 6"]], \
        describe(result)


# ---------------------------------------------------------------------------------------
# a past event's figure put in another year by one source

def _past(outlet: str, year: str, tail: str = "a flood in the same valley killed 2,300 people.") -> str:
    return f"{outlet} | May 3, 2026\n\nThe river burst its banks on Saturday. In {year}, {tail}"


EVENT_YEARS = [
    pytest.param([_past("Harbor Wire", "1987"), _past("Valley Times", "1987"), _past("Morning Post", "1997")],
                 "warning", id="one-digit-off-against-two-voices"),
    pytest.param([_past("Harbor Wire", "1987"), _past("Valley Times", "1987"), _past("Morning Post", "1964")],
                 "info", id="another-year-altogether-may-be-another-flood"),
    pytest.param([_past("Harbor Wire", "1987"), _past("Morning Post", "1997")], "info", id="one-voice-each"),
    pytest.param([_past("Harbor Wire", "1987"), _past("Valley Times", "1987"), _past("Morning Post", "1987")],
                 None, id="every-source-gives-one-year"),
]


@pytest.mark.parametrize(("articles", "severity"), EVENT_YEARS)
def test_a_past_events_figure_in_another_year(tmp_path: Path, articles: list[str], severity: str | None) -> None:
    result = run(tmp_path, articles)
    found = [f for f in of_rule(result, "year_mismatch") if any("2,300" in t for t in texts(result, f))]
    if severity is None:
        assert found == [], describe(result)
        return
    assert [f.severity for f in found] == [severity], describe(result)
    assert texts(result, found[0])[0] == "2,300 people"
