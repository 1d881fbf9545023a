"""The editor's primary sources (issue 13, point 5): ``--primary FILE`` and ``primary = [...]`` in
the corpus settings file make an article the reference where it states a figure.

Every corpus is a few invented articles about one invented event."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconciler.cli import main
from reconciler.errors import ConfigError
from reconciler.models import Claim, Result
from reconciler.output.result import to_dict
from reconciler.pipeline import Options, reconcile
from reconciler.report import render_html
from reconciler.rules.primary import primary_figure, ranked

RELEASE = "Storm damage report\n\nThe county office said on Tuesday that the storm damaged 212 homes in the valley."
WIRE = "Storm hits valley\n\nThe storm damaged 312 homes in the valley, the county office said on Tuesday."
DAILY = "Valley counts the cost\n\nThe storm damaged 312 homes in the valley, according to the county office."
SILENT = "Shelter opens\n\nThe county office opened a shelter at the old school on Tuesday night."
HERALD = "Homes lost\n\nThe storm damaged 212 homes in the valley, the county office said."


def _corpus(tmp_path: Path, articles: dict[str, str], settings: str | None = None) -> Path:
    folder = tmp_path / "storm"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    if settings is not None:
        (folder / "reconcile.toml").write_text(settings, encoding="utf-8")
    return folder


def _homes(result: Result) -> tuple[str, int, str]:
    """(consensus text, support, reference) of the group of homes damaged."""
    (g,) = [g for g in result.groups if "homes" in g.consensus_text]
    return g.consensus_text, g.support, g.reference


def _about(result: Result) -> list[tuple[str, str, str]]:
    """(severity, the source of the first claim the finding is about, message) of each finding on homes."""
    by_id = {c.id: c for c in result.claims}
    return [(f.severity, by_id[f.claims[0]].source, f.message) for f in result.findings
            if any("homes" in by_id[c].text for c in f.claims)]


@dataclass(frozen=True)
class Case:
    articles: dict[str, str]
    primary: tuple[str, ...]
    consensus: tuple[str, int, str]  # (text, independent sources behind it, reference)
    findings: list[tuple[str, str]]  # (severity, source of the claim called out)
    says: str  # in every message and explanation on homes ("" for nothing)
    suggested: str | None


CASES = {
    # the release states 212; two outlets print 312: the release is the reference, the majority is flagged
    "primary-overrides-a-2-to-1-majority": Case(
        {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY}, ("press-release.txt",),
        ("212 homes", 1, "press-release"), [("error", "daily")], "the primary source (press-release) states",
        "212 homes"),
    "without-primary-the-count-decides": Case(
        {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY}, (),
        ("312 homes", 2, ""), [("error", "press-release")], "Consensus: “312 homes” from 2 independent sources",
        "312 homes"),
    # the primary source says nothing of homes: nothing changes
    "primary-silent-leaves-the-count": Case(
        {"press-release.txt": SILENT, "herald.txt": HERALD, "wire.txt": WIRE, "daily.txt": DAILY},
        ("press-release.txt",), ("312 homes", 2, ""), [("error", "herald")], "Consensus: “312 homes”",
        "312 homes"),
    # two primary sources disagree: no reference from them, and neither is called wrong by the count
    "two-primaries-disagree": Case(
        {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY}, ("press-release.txt", "wire.txt"),
        ("312 homes", 2, ""), [("info", "press-release")], "The primary sources disagree", None),
    # two primary sources that agree: the reference, backed by an outlet
    "two-primaries-agree": Case(
        {"press-release.txt": RELEASE, "herald.txt": HERALD, "wire.txt": WIRE, "daily.txt": DAILY},
        ("press-release.txt", "herald.txt"), ("212 homes", 2, "herald"), [("error", "daily")],
        "1 other independent source agrees", "212 homes"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_primary_sets_the_reference(tmp_path: Path, case: Case) -> None:
    folder = _corpus(tmp_path, case.articles)
    result = reconcile([folder], Options(primary=case.primary))
    assert _homes(result) == case.consensus
    assert [(sev, src) for sev, src, _m in _about(result)] == case.findings
    by_id = {c.id: c for c in result.claims}
    on_homes = [f for f in result.findings if any("homes" in by_id[c].text for c in f.claims)]
    assert all(case.says in f.explanation for f in on_homes), [f.explanation for f in on_homes]
    assert [f.suggested for f in on_homes] == [case.suggested] * len(on_homes)
    marked = sorted(s.path.rsplit("/", 1)[-1] for s in result.sources if s.primary)
    assert marked == sorted(case.primary)


def test_the_reference_is_named_in_the_message(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY})
    result = reconcile([folder], Options(primary=("press-release.txt",)))
    (msg,) = [m for _s, _src, m in _about(result)]
    assert msg == "“312 homes” disagrees with “212 homes” (primary source: press-release)"


# the settings file: (its text, the primary sources marked, or the message of the usage error)
SETTINGS = {
    "a-list": ('primary = ["press-release.txt"]\n', ["press-release"]),
    "one-name": ('primary = "press-release.txt"\n', ["press-release"]),
    "a-path-inside-the-corpus": ('primary = ["./press-release.txt"]\n', ["press-release"]),
    "empty": ("", []),
    "unknown-name": ('primary = ["memo.txt"]\n', "primary source memo.txt: no such article in the corpus"),
    "unknown-key": ('primay = ["press-release.txt"]\n', "primay: unknown key"),
    "not-a-list": ("primary = 5\n", "primary: must be a list of file names"),
    "not-toml": ("primary = [\n", "not valid TOML"),
}


@pytest.mark.parametrize(("text", "expected"), SETTINGS.values(), ids=SETTINGS.keys())
def test_the_settings_file(tmp_path: Path, text: str, expected: list[str] | str) -> None:
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY}, text)
    if isinstance(expected, str):
        with pytest.raises(ConfigError, match=expected):
            reconcile([folder])
        return
    result = reconcile([folder])
    assert [s.id for s in result.sources if s.primary] == expected
    # the settings file is no article, and the run's other files neither
    assert sorted(s.id for s in result.sources) == ["daily", "press-release", "wire"]


def test_the_flag_and_the_settings_file_merge(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE, "herald.txt": HERALD, "wire.txt": WIRE,
                                "daily.txt": DAILY}, 'primary = ["herald.txt"]\n')
    result = reconcile([folder], Options(primary=("press-release.txt",)))
    assert sorted(s.id for s in result.sources if s.primary) == ["herald", "press-release"]
    assert _homes(result) == ("212 homes", 2, "herald")


# the command line: (arguments after the corpus, exit status, what standard output or error says)
CLI = {
    "unknown-file": (["--primary", "memo.txt"], 2, "primary source memo.txt: no such article in the corpus"),
    "ambiguous-name": (["--primary", "storm.txt"], 2, "names 2 articles"),
    "a-file-outside-the-corpus": (["--primary", "OUTSIDE"], 2, "not one of the articles read"),
    "a-name": (["--primary", "press-release.txt"], 0, "(primary source: press-release)"),
    "a-path": (["--primary", "CORPUS/press-release.txt"], 0, "(primary source: press-release)"),
}


@pytest.mark.parametrize(("args", "status", "says"), CLI.values(), ids=CLI.keys())
def test_the_command_line(tmp_path: Path, args: list[str], status: int, says: str) -> None:
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY})
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    (folder / "a" / "storm.txt").write_text(SILENT + "\n", encoding="utf-8")
    (folder / "b" / "storm.txt").write_text(SILENT + "\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text(RELEASE + "\n", encoding="utf-8")
    args = [a.replace("CORPUS", str(folder)).replace("OUTSIDE", str(tmp_path / "outside.txt")) for a in args]
    done = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "out"), "--no-cache", *args])
    assert done.exit_code == status, done.output
    assert says in done.output


def test_outputs_never_replace_the_settings_file(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE, "wire.txt": WIRE}, 'primary = ["wire.txt"]\n')
    done = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "out"), "--no-cache",
                                     "--json", str(folder / "reconcile.toml")])
    assert done.exit_code == 2
    assert "it is the settings file" in done.output
    assert (folder / "reconcile.toml").read_text(encoding="utf-8") == 'primary = ["wire.txt"]\n'


def test_the_json_marks_the_primary_source_and_the_reference(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE, "wire.txt": WIRE, "daily.txt": DAILY})
    marked = to_dict(reconcile([folder], Options(primary=("press-release.txt",))))
    plain = to_dict(reconcile([folder]))
    assert [s.get("primary") for s in marked["sources"]] == [None, True, None]
    assert [g["reference"] for g in marked["groups"] if "reference" in g] == ["press-release"]
    # without a primary source the JSON holds neither key (the contract as before)
    assert not any("primary" in s for s in plain["sources"])
    assert not any("reference" in g for g in plain["groups"])
    json.dumps(marked)


def test_the_report_shows_the_primary_source_escaped(tmp_path: Path) -> None:
    title = "<script>alert(1)</script> release"
    folder = _corpus(tmp_path, {"press-release.txt": RELEASE.replace("Storm damage report", title),
                                "wire.txt": WIRE, "daily.txt": DAILY})
    html = render_html(reconcile([folder], Options(primary=("press-release.txt",))), generated_at="now")
    assert 'class="tag primary"' in html
    assert '<span class="support">primary source: &lt;script&gt;alert(1)&lt;/script&gt;' in html  # the box
    assert "Agreeing with the primary source (&lt;script&gt;" in html
    assert "<script>alert(1)" not in html
    plain = render_html(reconcile([folder]), generated_at="now")
    assert 'class="tag primary"' not in plain and "primary source" not in plain


# primary_figure over bare statements: (each primary statement as (source, value, qualifier, revision),
# the reference's (source, value) or None, how many figures disagree)
@dataclass(frozen=True)
class _E:
    claim: Claim
    base: tuple[float, float, float] | None


def _e(source: str, value: float, qualifier: str = "exact", revision: str = "") -> _E:
    from reconciler.models import Frame

    c = Claim(f"{source}-{value}", source, 0, 1, str(value), value, "", "count", qualifier,  # type: ignore[arg-type]
              value - 0.5, value + 0.5, "", "", "", 0, frame=Frame(revision=revision))
    return _E(c, (value, value - (0.5 if qualifier == "exact" else 5), value + (0.5 if qualifier == "exact" else 5)))


def _agree(a: _E, b: _E) -> bool:
    assert a.base and b.base
    return a.base[1] <= b.base[2] and b.base[1] <= a.base[2]


FIGURES = {
    "one-primary": ([_e("p", 40), _e("x", 45), _e("y", 45)], ("p", 40), 0),
    "no-primary-statement": ([_e("x", 45), _e("y", 40)], None, 0),
    "only-a-bound": ([_e("p", 40, "lower"), _e("x", 45)], None, 0),
    "exact-before-hedged": ([_e("p", 41, "approximate"), _e("q", 40), _e("x", 45)], ("q", 40), 0),
    "two-primaries-disagree": ([_e("p", 40), _e("q", 50)], None, 2),
    "one-primary-two-figures": ([_e("p", 40), _e("p", 50)], None, 2),
    "superseded-figure-passed-over": ([_e("p", 40, revision="old"), _e("p", 50)], ("p", 50), 0),
}


@pytest.mark.parametrize(("entries", "reference", "split"), FIGURES.values(), ids=FIGURES.keys())
def test_primary_figure(entries: list[_E], reference: tuple[str, float] | None, split: int) -> None:
    ref, disagree = primary_figure(entries, {"p", "q"}, _agree)
    assert (None if ref is None else (ref.claim.source, ref.claim.value)) == reference
    assert len(disagree) == split


# dates and scores: (figures as (value, sources), the value ranked first, the reference, split?)
RANKED = {
    "the-primary-figure-first": ([("3-1", ["x", "y"]), ("2-1", ["p"])], "2-1", "p", False),
    "no-primary-as-counted": ([("3-1", ["x", "y"]), ("2-1", ["z"])], "3-1", "", False),
    "primaries-disagree-as-counted": ([("3-1", ["x", "p"]), ("2-1", ["q"])], "3-1", "", True),
}


@pytest.mark.parametrize(("figures", "first", "reference", "split"), RANKED.values(), ids=RANKED.keys())
def test_ranked(figures: list[tuple[str, list[str]]], first: str, reference: str, split: bool) -> None:
    values = [(v, [_e(s, 1.0).claim for s in sources]) for v, sources in figures]
    order, ref, disagree = ranked(values, {"p", "q"})
    assert (order[0][0], ref, disagree) == (first, reference, split)


OPENS = {"release.txt": "Bridge opening\n\nThe county said the new bridge will open to traffic on March 3.",
         "a.txt": "Bridge news\n\nThe new bridge will open to traffic on March 4, the county said.",
         "b.txt": "Bridge date set\n\nThe new bridge will open to traffic on March 4, county officials said."}
# dates: (primary sources, the consensus date, its reference, the finding's severity, suggested value)
DATES = {
    "counted": ((), "March 4", "", "error", "March 4"),
    "the-primary-date": (("release.txt",), "March 3", "release", "error", "March 3"),
    "primaries-disagree": (("release.txt", "a.txt"), "March 4", "", "info", None),
}


@pytest.mark.parametrize(("primary", "date", "reference", "severity", "suggested"), DATES.values(), ids=DATES.keys())
def test_a_primary_source_dates_the_event(tmp_path: Path, primary: tuple[str, ...], date: str, reference: str,
                                          severity: str, suggested: str | None) -> None:
    result = reconcile([_corpus(tmp_path, OPENS)], Options(primary=primary))
    (g,) = [g for g in result.groups if g.dimension == "date"]
    (f,) = [f for f in result.findings if f.rule == "date_mismatch"]
    assert (g.consensus_text, g.reference, f.severity, f.suggested) == (date, reference, severity, suggested)
