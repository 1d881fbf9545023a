"""Clock checks (reconciler/rules/clock.py): a clock time restated in another zone, and one event's
clock time given differently by sources. Named tables of invented sentences; the rule functions
are called on the claims of a few one-sentence articles, and one small corpus runs end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from rulekit import describe, loud, of_rule, run, texts

from reconciler.extract import extract_claims
from reconciler.models import Claim, Group, Source
from reconciler.rules import load_config
from reconciler.rules.clock import conversion_findings, fits, mismatch_findings, pair_conversions

CONFIG = load_config()


def claims_of(sid: str, text: str) -> list[Claim]:
    return extract_claims(Source(id=sid, path=sid, title="", text=text, format="txt", encoding="utf-8", sha256=""))


def story(texts_: list[str]) -> dict[str, list[Claim]]:
    return {f"s{i}": claims_of(f"s{i}", t) for i, t in enumerate(texts_)}


def _group(gid: str, ids: tuple[str, ...]) -> Group:
    return Group(id=gid, dimension="time", claims=ids, label="time", consensus=None, consensus_text="", support=0)


def one_group(by_source: dict[str, list[Claim]], *quotes: str) -> list[Group]:
    """One aligner group holding the time claims whose text is one of ``quotes``."""
    ids = tuple(c.id for cs in by_source.values() for c in cs if c.kind == "time" and c.text in quotes)
    return [_group("g-1", ids)]


# ---------------------------------------------------------------------------------------
# which time is restated as which

PAIRS = [
    pytest.param("The ferry sank at 6:48 p.m. local time (1648 GMT) off the cape, the coast guard said.",
                 [("6:48 p.m. local time", "1648 GMT")], id="brackets"),
    pytest.param("The roof fell in at 9:05 a.m. local time, or 3:05 a.m. ET, the fire service said.",
                 [("9:05 a.m. local time", "3:05 a.m. ET")], id="or"),
    pytest.param("The barge left at 11:56 a.m. (0956 GMT) and reached the dam by noon, officials said.",
                 [("11:56 a.m.", "0956 GMT")], id="zoneless-local-before-brackets"),
    pytest.param("The dam gave way at 18:48 local time (16:48 GMT), the river authority said on Friday.",
                 [("18:48 local time", "16:48 GMT")], id="a-24-hour-local-time"),
    pytest.param("The dam gave way at 18:48 local time on Friday, May 2, 2025 (16:48 GMT), officials said.",
                 [("18:48 local time", "16:48 GMT")], id="the-day-between-a-time-and-its-conversion"),
    pytest.param("The dam gave way at 02:05 local time on Saturday (23:05 GMT on Friday), officials said.",
                 [("02:05 local time", "23:05 GMT")], id="a-weekday-between"),
    pytest.param("The dam gave way at 18:48 local time on the Vell river (16:48 GMT), officials said.",
                 [], id="a-place-between-is-no-conversion"),
    pytest.param("The tremor came at 6:10 a.m. local time and a second one at 0740 GMT, the agency said.",
                 [], id="two-moments-joined-by-and"),
    pytest.param("The gates opened at 8:00 a.m. local time. By 0900 GMT the square was full of people.",
                 [], id="two-sentences"),
]


@pytest.mark.parametrize(("text", "pairs"), PAIRS)
def test_pair_conversions(text: str, pairs: list[tuple[str, str]]) -> None:
    assert [(a.text, b.text) for a, b in pair_conversions(claims_of("a", text))] == pairs


# ---------------------------------------------------------------------------------------
# may two clock readings be one moment?

FITS = [
    pytest.param("6:48 p.m. local time (1648 GMT)", True, id="local-two-hours-ahead"),
    pytest.param("1:30 p.m. local time (0800 GMT)", True, id="local-half-hour-zone"),
    pytest.param("6:48 p.m. local time (1650 GMT)", False, id="local-minutes-differ"),
    pytest.param("12:48 p.m. EDT (1648 GMT)", True, id="eastern-daylight"),
    pytest.param("11:48 a.m. EST (1648 GMT)", True, id="eastern-standard"),
    pytest.param("10:48 a.m. ET (1648 GMT)", False, id="eastern-six-hours-off"),
    pytest.param("11:30 p.m. ET (0330 GMT)", True, id="over-midnight"),
    pytest.param("9:20 a.m. JST (0020 GMT)", True, id="japan"),
    pytest.param("9:20 a.m. JST (0120 GMT)", False, id="japan-off-by-an-hour"),
]


@pytest.mark.parametrize(("phrase", "ok"), FITS)
def test_fits(phrase: str, ok: bool) -> None:
    (a, b), = pair_conversions(claims_of("a", f"The dam gave way at {phrase}, the river authority said on Friday."))
    assert fits(a, b) is ok


# ---------------------------------------------------------------------------------------
# zone_conversion: one article's conversion

CONVERSIONS = [
    pytest.param(["The dam gave way at 6:48 p.m. local time (1648 GMT), the river authority said."], [],
                 id="consistent-is-silent"),
    pytest.param(["The dam gave way at 6:48 p.m. local time (1650 GMT), the river authority said."],
                 [("error", "6:48 p.m. local time", "1650 GMT")], id="minutes-differ"),
    pytest.param(["The dam gave way at about 6:50 p.m. local time (1648 GMT), the river authority said."],
                 [("info", "6:50 p.m. local time", "1648 GMT")], id="a-hedge-may-explain-the-minutes"),
    pytest.param(["The dam gave way at 10:48 a.m. EDT (1848 GMT), the river authority said."],
                 [("error", "10:48 a.m. EDT", "1848 GMT")], id="named-zones-wrong-offset"),
    pytest.param(["The dam gave way at 6:48 p.m. local time (1648 GMT), the river authority said.",
                  "The dam gave way at 6:48 p.m. local time (1748 GMT) as the water rose, officials said.",
                  "Locals saw the dam go at 6:48 p.m. local time (1648 GMT), the river authority said."],
                 [("warning", "6:48 p.m. local time", "1748 GMT")], id="another-local-offset-for-the-moment"),
    pytest.param(["The flight left the capital at 9:10 a.m. local time (0710 GMT) and landed on the isle at 3:40 "
                  "p.m. local time (1040 GMT), the airline said.",
                  "The flight left the capital at 9:10 a.m. local time (0710 GMT), the airline said on Monday.",
                  "The jet left the capital at 9:10 a.m. local time (0710 GMT), airport officials said on Monday.",
                  "The jet landed on the isle at 3:40 p.m. local time (1040 GMT), officials at the isle said."],
                 [], id="another-source-converts-the-moment-alike"),
    pytest.param(["The dam gave way at 6:48 p.m. local time (1648 GMT), the river authority said.",
                  "The relief flight landed at 9:15 p.m. local time (1815 GMT) at the coast, officials said.",
                  "Locals saw the dam go at 6:48 p.m. local time (1648 GMT), the river authority said."],
                 [("info", "9:15 p.m. local time", "1815 GMT")], id="another-moment-may-be-another-place"),
    pytest.param(["The dam gave way at 6:48 p.m. local time (1648 GMT). The relief flight landed at 9:15 p.m. "
                  "local time (1915 GMT) at the coast, the river authority said.",
                  "The dam gave way at 6:48 p.m. local time (1648 GMT). The relief flight landed at 9:15 p.m. "
                  "local time (1815 GMT) at the coast, officials said.",
                  "Locals saw the dam go at 6:48 p.m. local time (1648 GMT), the river authority said."],
                 [("info", "9:15 p.m. local time", "1815 GMT")], id="an-article-with-two-offsets-tells-two-places"),
    pytest.param(["The dam gave way at 6:48 p.m. local time (1648 GMT), the river authority said.",
                  "The levee broke at 7:15 p.m. local time (1715 GMT) as the water rose, officials said."],
                 [], id="one-voice-against-one-is-not-a-story-offset"),
]


@pytest.mark.parametrize(("articles", "expected"), CONVERSIONS)
def test_zone_conversion(articles: list[str], expected: list[tuple[str, str, str]]) -> None:
    by_source = story(articles)
    by_id = {c.id: c for cs in by_source.values() for c in cs}
    got = [(f.severity, by_id[f.claims[0]].text, by_id[f.claims[1]].text)
           for f in conversion_findings(by_source, CONFIG)]
    assert got == expected


# ---------------------------------------------------------------------------------------
# clock_mismatch: one event's time across sources

MISMATCHES = [
    pytest.param(["The ferry left port at 11:56 a.m. local time from the north quay, the airline said.",
                  "The ferry left port at 11:56 a.m. local time from the north quay, the pilot said.",
                  "The ferry left port at 12:10 p.m. local time from the north quay, police said."],
                 ("11:56 a.m. local time", "12:10 p.m. local time"), [("warning", "12:10 p.m. local time")],
                 id="same-zone-same-event"),
    pytest.param(["The ferry left port at 11:56 a.m. local time from the north quay, the airline said.",
                  "The ferry left port at 11:56 a.m. local time from the north quay, the pilot said.",
                  "The ferry left port at about 12:10 p.m. local time from the north quay, police said."],
                 ("11:56 a.m. local time", "12:10 p.m. local time"), [("info", "12:10 p.m. local time")],
                 id="hedged-is-info"),
    pytest.param(["The ferry left port at 11:56 a.m. local time from the north quay, the airline said.",
                  "The ferry left port at 11:56 a.m. local time from the north quay, the pilot said.",
                  "The first aftershock came at 2:40 a.m. local time, the survey said."],
                 ("11:56 a.m. local time",), [], id="another-event-outside-the-group"),
    pytest.param(["The ferry left port at 11:56 a.m. local time from the north quay, the airline said.",
                  "The ferry left port at 11:56 a.m. local time from the north quay, the pilot said.",
                  "The first aftershock came at 2:40 a.m. local time, the survey said."],
                 ("11:56 a.m. local time", "2:40 a.m. local time"), [("info", "2:40 a.m. local time")],
                 id="another-event-in-the-group-is-info"),
    pytest.param(["The quake struck the coast at 0737 GMT on Tuesday, the survey said, as the port town shook.",
                  "The quake struck the coast at 0737 GMT on Tuesday, seismologists said, as the port town shook.",
                  "A strong aftershock hit the coast at 0812 GMT on Tuesday, the survey said, as the port town shook."],
                 ("0737 GMT", "0812 GMT"), [("info", "0812 GMT")], id="an-aftershock-in-the-quake-group-is-info"),
    pytest.param(["The first truck hit the barrier at 8:46 a.m. ET on the bridge, the police said in a statement.",
                  "The first truck hit the barrier at 8:46 a.m. ET on the bridge, witnesses told the local radio.",
                  "The second truck hit the barrier at 9:03 a.m. ET on the bridge, the police said in a statement."],
                 ("8:46 a.m. ET", "9:03 a.m. ET"), [("info", "9:03 a.m. ET")], id="first-and-second-are-two-events"),
    pytest.param(["The ferry sank at 4:05 p.m. EDT off the cape, the coast guard said.",
                  "The ferry sank at 2005 GMT off the cape, a coast guard officer said.",
                  "The ferry sank at 2205 GMT off the cape, the port authority said."],
                 ("4:05 p.m. EDT", "2005 GMT", "2205 GMT"), [("warning", "2205 GMT")],
                 id="named-zones-through-offsets"),
    pytest.param(["The ferry sank at 4:05 p.m. EDT off the cape, the coast guard said.",
                  "The ferry sank at 2105 GMT off the cape, a coast guard officer said."],
                 ("4:05 p.m. EDT", "2105 GMT"), [], id="eastern-standard-time-fits"),
    pytest.param(["The ferry sank at 4:05 p.m. local time off the cape, the coast guard said.",
                  "The ferry sank at 4:05 p.m. local time off the cape, a coast guard officer said.",
                  "The ferry sank at 1405 GMT off the cape, the port authority said."],
                 ("4:05 p.m. local time", "1405 GMT"), [], id="local-against-gmt-with-no-known-offset"),
]


@pytest.mark.parametrize(("articles", "grouped", "expected"), MISMATCHES)
def test_clock_mismatch(articles: list[str], grouped: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    by_source = story(articles)
    by_id = {c.id: c for cs in by_source.values() for c in cs}
    found = mismatch_findings(by_source, one_group(by_source, *grouped), CONFIG)
    assert [(f.severity, by_id[f.claims[0]].text) for f in found] == expected


SLIPS = [
    pytest.param("The collapse, at 18:48 GMT, flooded two villages downstream of the old mill.", "info",
                 id="other-words-possibly-a-slip"),
    pytest.param("The dam gave way at 18:48 GMT on Friday, the river authority said.", "warning",
                 id="the-same-event-is-a-slip"),
    pytest.param("The dam gave way at about 18:48 GMT on Friday, the river authority said.", "info",
                 id="hedged-is-info"),
]


@pytest.mark.parametrize(("lone", "severity"), SLIPS)
def test_a_lone_time_with_the_local_digits_is_a_zone_slip(lone: str, severity: str) -> None:
    by_source = story([
        "The dam gave way at 6:48 p.m. local time (1648 GMT), the river authority said on Friday.",
        "The dam gave way at 6:48 p.m. local time (1648 GMT), officials of the authority said.",
        lone,
    ])
    by_id = {c.id: c for cs in by_source.values() for c in cs}
    groups = [*one_group(by_source, "6:48 p.m. local time"),
              _group("g-2", tuple(c.id for c in by_id.values() if c.text == "1648 GMT"))]
    found = mismatch_findings(by_source, groups, CONFIG)
    assert [(f.severity, by_id[f.claims[0]].text, by_id[f.claims[1]].text) for f in found] == \
        [(severity, "18:48 GMT", "6:48 p.m. local time")]
    assert "zone slip" in found[0].message


# ---------------------------------------------------------------------------------------
# end to end


def test_clock_checks_end_to_end(tmp_path: Path) -> None:
    result = run(tmp_path, [
        "The dam on the upper river gave way at 6:48 p.m. local time (1648 GMT) on Friday, the river "
        "authority said, and water reached the first village within the hour.",
        "The dam on the upper river gave way at 6:48 p.m. local time (1648 GMT) on Friday, officials of "
        "the authority said, and water reached the first village within the hour.",
        "The dam on the upper river gave way at 6:48 p.m. local time (1650 GMT) on Friday, a spokesman "
        "said, and water reached the first village within the hour.",
    ])
    conv = of_rule(result, "zone_conversion")
    assert [(f.severity, texts(result, f)) for f in conv] == [("error", ["6:48 p.m. local time", "1650 GMT"])], \
        describe(result)
    # the wrong conversion is told once, by its article's rule, not again against the other sources
    assert [f.rule for f in loud(result)] == ["zone_conversion"], describe(result)
