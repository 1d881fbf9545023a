"""One article against itself (reconciler/rules/inside.py): the headline against its body
(headline_mismatch) and one quantity given twice (same_figure_twice).

Each row is an invented story (articles separated as a list), the two figures the finding must
hold, and the severity expected: "error"/"warning" (loud), "info" (quiet), or None (no finding
of the rule at all). Sentences are written for the test, never copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.models import Source
from reconciler.rules.inside import headline_span
from tests.rulekit import describe, of_rule, run, texts

QUAKE = "38 Killed As Quake Hits Remote Province\n\n"
MARATHON = "Marathon Draws 40,000 Runners To City Streets\n\n"
BRIDGE = "Bridge Collapse Toll Climbs To 61\n\n"


def day(d: str) -> str:
    return f"HARBOURTON, {d} (Wire) - "

HEADLINES = [
    pytest.param([QUAKE + "The earthquake killed 112 people on Tuesday, officials said."],
                 ("38 Killed", "112 people"), "error", id="toll-in-lede-otherwise"),
    pytest.param([QUAKE + "The earthquake killed 38 people on Tuesday, officials said. "
                  "A quake in the same province killed 112 people in 1998."],
                 None, None, id="body-states-the-headline-figure"),
    pytest.param([QUAKE + "The death toll rose to 112 people on Tuesday, officials said."],
                 ("38 Killed", "112 people"), "info", id="toll-rose-since-is-quiet"),
    pytest.param([MARATHON + "A record 39,650 runners took part in the city marathon on Sunday, the organisers said."],
                 None, None, id="headline-rounds"),
    pytest.param([MARATHON + "A record 33,000 runners took part in the city marathon on Sunday, the organisers said."],
                 ("40,000 Runners", "33,000 runners"), "warning", id="just-beyond-rounding-is-a-warning"),
    pytest.param([MARATHON + "A record 21,000 runners took part in the city marathon on Sunday, the organisers said."],
                 ("40,000 Runners", "21,000 runners"), "error", id="far-beyond-rounding"),
    pytest.param(["Retailer Posts $2bn Profit\n\nThe retailer posted a profit of $1.96 billion for the year."],
                 None, None, id="money-headline-rounds"),
    pytest.param(["Club Agrees £50m Fee For Striker\n\nThe club agreed a fee of £38.5 million for the striker."],
                 ("£50m", "£38.5 million"), "error", id="money-headline-otherwise"),
    pytest.param(["Nine Dead, 75 Injured As Bus Plunges Off Mountain Road\n\nA bus carrying pilgrims plunged "
                  "off a mountain road on Sunday. Police said 57 people were injured and nine were killed."],
                 ("75 Injured", "57 people"), "info", id="two-fates-in-one-sentence-is-unsure"),
    pytest.param(["The earthquake killed 112 people on Tuesday. Officials said 38 people were killed in the capital."],
                 None, None, id="no-headline"),
    # the body says the toll moved, yet the other articles of its day give the headline's figure and
    # none the body's: the body's figure is a slip, not a later moment
    pytest.param([BRIDGE + day("Oct. 14, 2025") + "The toll from the bridge collapse has risen to 16, officials said.",
                  "Bridge toll\n\n" + day("Oct. 14, 2025") + "The bridge toll rose to 61, officials said.",
                  "Collapse\n\n" + day("Oct. 14, 2025") + "The toll from the bridge collapse rose to 61 on Tuesday."],
                 ("61", "16"), "error", id="the-day's-other-articles-side-with-the-headline"),
    pytest.param([BRIDGE + day("Oct. 14, 2025") + "The toll from the bridge collapse has risen to 16, officials said.",
                  "Bridge toll\n\n" + day("Oct. 12, 2025") + "The bridge toll rose to 61, officials said.",
                  "Collapse\n\n" + day("Oct. 12, 2025") + "The toll from the bridge collapse rose to 61 on Sunday."],
                 ("61", "16"), "info", id="other-days'-articles-say-nothing-of-this-day"),
    pytest.param([BRIDGE + day("Oct. 14, 2025") + "The toll from the bridge collapse has risen to 16, officials said.",
                  "Bridge toll\n\n" + day("Oct. 14, 2025") + "The bridge toll rose to 61, officials said.",
                  "Collapse\n\n" + day("Oct. 14, 2025") + "The toll from the bridge collapse rose to 16 on Tuesday."],
                 ("61", "16"), "info", id="another-article-gives-the-body's-figure"),
]


@pytest.mark.parametrize(("articles", "quotes", "severity"), HEADLINES)
def test_headline_against_its_body(tmp_path: Path, articles: list[str], quotes: tuple[str, str] | None,
                                   severity: str | None) -> None:
    result = run(tmp_path, articles)
    found = of_rule(result, "headline_mismatch")
    if severity is None:
        assert found == [], describe(result)
        return
    assert quotes is not None
    assert len(found) == 1, describe(result)
    assert found[0].severity == severity, describe(result)
    held = texts(result, found[0])
    assert held[0] == quotes[0] and quotes[1] in held, describe(result)


RUN = ["Rivera ran for 190 yards for the Hawks, including an 84-yard scamper on the first play of the second "
       "half as the Hawks rallied.\n\nRivera cut outside, found the sideline and outran the defense for an "
       "86-yard touchdown run.",
       "Rivera's big day included an 86-yard touchdown run on the first play of the second half.",
       "Rivera broke an 86-yard touchdown run on the first play of the second half, the longest of his career."]
CREW = ["The trawler had 12 crew members when it sank off the cape, the coast guard said on Monday.\n\n"
        "Rescuers pulled the 14 crew members from the water after six hours, the coast guard said.",
        "The trawler sank off the cape with 12 crew members on board, the coast guard said.",
        "The coast guard said 12 crew members were pulled from the water after the trawler sank."]

TWICE = [
    pytest.param(RUN, ("84-yard", "86-yard"), "warning", id="one-play-two-lengths-others-agree-with-one"),
    pytest.param(RUN[:1], None, None, id="one-article-alone-tells-many-runs"),
    pytest.param([RUN[0], RUN[1], RUN[2].replace("86-yard", "84-yard")], None, None, id="other-sources-split"),
    pytest.param(CREW, ("12 crew", "14 crew"), "info", id="crew-refers-back-frames-only"),
    pytest.param(CREW[:1], ("12 crew", "14 crew"), "info", id="crew-one-article"),
    pytest.param(["The trawler had 12 crew members when it sank, the coast guard said.\n\nThe number of crew "
                  "members was first put at 12 and later revised to 14, the coast guard said.", *CREW[1:]],
                 None, None, id="revised-within-the-article"),
    pytest.param(["The trawler had 12 crew members and the tug had 14 crew members, the coast guard said."],
                 None, None, id="one-sentence-two-quantities"),
    pytest.param(["The club signed 12 players last season, the coach said. It signed the 14 players this season."],
                 None, None, id="two-periods"),
    pytest.param(["Rivera broke an 86-yard touchdown run in the first quarter. In the fourth quarter his 12-yard "
                  "run sealed the game."], None, None, id="two-runs"),
]


@pytest.mark.parametrize(("articles", "quotes", "severity"), TWICE)
def test_same_figure_twice(tmp_path: Path, articles: list[str], quotes: tuple[str, str] | None,
                           severity: str | None) -> None:
    result = run(tmp_path, articles)
    found = of_rule(result, "same_figure_twice")
    if severity is None:
        assert found == [], describe(result)
        return
    assert quotes is not None
    assert len(found) == 1, describe(result)
    f = found[0]
    assert f.severity == severity, describe(result)
    held = texts(result, f)
    assert quotes[0] in held[0] and quotes[1] in held[1], describe(result)
    assert {c.source for c in result.claims if c.id in f.claims} == {"000"}, "both figures of one article"
    if severity == "warning":
        assert "likely the slip" in f.explanation and quotes[0] in f.explanation


def test_rules_can_be_switched_off(tmp_path: Path) -> None:
    result = run(tmp_path, [*RUN, QUAKE + "The earthquake killed 112 people on Tuesday, officials said."],
                 rules="[rules.same_figure_twice]\nenabled = false\n[rules.headline_mismatch]\nseverity = \"info\"\n")
    assert of_rule(result, "same_figure_twice") == []
    assert [f.severity for f in of_rule(result, "headline_mismatch")] == ["info"]


def _source(text: str, title: str) -> Source:
    return Source(id="s", path="s.txt", title=title, text=text, format="txt", encoding="utf-8", sha256="")


HEAD = "Quake kills 38 in remote province"
SPANS = [
    pytest.param(HEAD + "\n\nThe quake struck on Tuesday.", HEAD, HEAD, id="title-line"),
    pytest.param(HEAD.title() + "\n\nThe quake struck on Tuesday.", "", HEAD.title(), id="title-case-line"),
    pytest.param("The quake killed 38 people on Tuesday. It struck at dawn.\n\nRescuers dug all day.", "", None,
                 id="lede-first"),
    pytest.param(HEAD, HEAD, None, id="nothing-under-it"),
]


@pytest.mark.parametrize(("text", "title", "expected"), SPANS)
def test_where_the_headline_is(text: str, title: str, expected: str | None) -> None:
    span = headline_span(_source(text, title))
    assert (text[span[0]:span[1]] if span else None) == expected
