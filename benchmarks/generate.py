"""Generate realistic synthetic news corpora for the benchmark.

Each corpus is a folder of N articles (``.txt`` mostly, some ``.md`` and saved ``.html``
pages) about many invented stories: infrastructure projects, company results, floods,
product launches, transfers, elections, drug trials, power plants. Every story has its
own invented names and a handful of figures (money, counts, durations, percents, dates,
physical quantities) that its articles restate in varied wording. Some articles misreport
a figure (a power-of-ten slip, a different count, a date a day off, a currency mislabel,
"3 days, or 80 hours"), and some are near-duplicate reprints of another article.

Articles are 2-10 KB with a number density like the real articles in ``seeds/`` and the
development corpora (about 4-6 figures per KB of text).

Deterministic: the same ``--seed`` and size give the same bytes, and the first N articles
of a corpus of N + k are the corpus of N (each story draws from its own random stream),
so "add one article and run again" is ``generate(n + 1)`` into the same folder.

    python benchmarks/generate.py 1000 /tmp/corpus-1000 --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------
# invented names

_SYL_A = ["Bra", "Cal", "Dor", "El", "Fen", "Gal", "Har", "Is", "Jor", "Kes", "Lor", "Mar", "Nor",
          "Or", "Pel", "Quin", "Ros", "Sal", "Tor", "Ul", "Val", "Wen", "Yar", "Zel", "Ath", "Bel",
          "Cor", "Dun", "Est", "Fal", "Gor", "Hal", "Ivo", "Kal", "Lin", "Mel", "Ner", "Ost", "Pra"]
_SYL_B = ["a", "e", "i", "o", "u", "ae", "ia", "ou", "en", "an", "or", "is", "el", "ar", "in"]
_SYL_C = ["vale", "mont", "dor", "ssa", "ton", "wick", "ford", "gard", "mere", "stad", "holm", "berg",
          "lin", "via", "nia", "rra", "dale", "port", "field", "more", "crest", "haven", "brook"]
_FIRST = ["Ana", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
          "Kofi", "Lena", "Marco", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Stefan", "Tara",
          "Umar", "Vera", "Wim", "Yusuf", "Zofia", "Alma", "Bruno", "Chiara", "Diego", "Eva"]
_OUTLETS = ["Wire", "Courier", "Ledger", "Herald", "Observer", "Dispatch", "Gazette", "Monitor",
            "Tribune", "Chronicle", "Post", "Review", "Bulletin", "Express", "Journal", "Digest"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_MONTHS_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                "Nov.", "Dec."]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve"]


def _name(rng: random.Random) -> str:
    return rng.choice(_SYL_A) + rng.choice(_SYL_B) + rng.choice(_SYL_C)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {_name(rng)}"


# ---------------------------------------------------------------------------------------
# writing figures


def _grouped(x: float, decimals: int = 0) -> str:
    return f"{x:,.{decimals}f}"


def _scaled(x: float) -> tuple[str, str]:
    """(number, scale word): 29400000 -> ("29.4", "million")."""
    for word, f in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(x) >= f:
            v = x / f
            s = f"{v:.1f}".rstrip("0").rstrip(".") if v < 100 else f"{v:.0f}"
            return s, word
    return _grouped(x), ""


_CUR = {"USD": ("$", "dollars"), "EUR": ("€", "euros"), "GBP": ("£", "pounds")}


def money_text(rng: random.Random, x: float, cur: str) -> str:
    sym, word = _CUR[cur]
    num, scale = _scaled(x)
    style = rng.random()
    if scale:
        if style < 0.45:
            return f"{sym}{num} {scale}"
        if style < 0.6:
            return f"{sym}{num}{ {'million': 'm', 'billion': 'bn', 'trillion': 'tn'}[scale]}"
        if style < 0.75:
            return f"{num} {scale} {word}"
        if style < 0.85 and cur == "USD":
            return f"US${num} {scale}"
        return f"{'about' if rng.random() < 0.5 else 'roughly'} {sym}{num} {scale}"
    if style < 0.7:
        return f"{sym}{num}"
    return f"{num} {word}"


def count_text(rng: random.Random, n: int, noun: str) -> str:
    style = rng.random()
    if n <= 12 and style < 0.5:
        return f"{_NUMBER_WORDS[n]} {noun}"
    if n >= 1000 and style < 0.15:
        return f"more than {_grouped(n)} {noun}"
    if n >= 1000 and style < 0.3:
        return f"about {_grouped(n)} {noun}"
    return f"{_grouped(n)} {noun}"


def duration_text(rng: random.Random, hours: float) -> str:
    if hours >= 48 and hours % 24 == 0 and rng.random() < 0.6:
        days = int(hours // 24)
        return f"{days} days" if rng.random() < 0.7 else f"{days} days, or {int(hours)} hours"
    if hours >= 24 * 60 and rng.random() < 0.5:
        return f"{hours / (24 * 30):.0f} months"
    return f"{_grouped(hours)} hours"


def percent_text(rng: random.Random, p: float) -> str:
    s = f"{p:.1f}" if rng.random() < 0.5 else f"{p:.1f}".rstrip("0").rstrip(".")
    return f"{s}%" if rng.random() < 0.8 else f"{s} percent"


def date_text(rng: random.Random, d: dt.date) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{_MONTHS[d.month - 1]} {d.day}"
    if style < 0.7:
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style < 0.85:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return _WEEKDAYS[d.weekday()]


def unit_text(rng: random.Random, x: float, unit: str, alt: tuple[str, float] | None) -> str:
    num = _grouped(x, 1 if x < 100 and x != int(x) else 0)
    text = f"{num} {unit}"
    if alt and rng.random() < 0.35:
        other, factor = alt
        y = x * factor
        text += f" ({_grouped(y, 1 if y < 100 else 0)} {other})"
    return text


# ---------------------------------------------------------------------------------------
# stories


@dataclass
class Fact:
    name: str
    kind: str  # money | count | duration | percent | date | unit
    value: float | dt.date
    unit: str = ""  # currency, counted noun, or physical unit
    alt: tuple[str, float] | None = None  # physical unit restated in another unit
    templates: tuple[str, ...] = ()  # sentences with {v} and story placeholders


@dataclass
class Story:
    index: int
    kind: str
    names: dict[str, str]
    facts: list[Fact]
    day: dt.date
    headline: str
    pool: list[str] = field(default_factory=list)  # background sentences some articles share


def _when(rng: random.Random) -> dt.date:
    return dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))


def _fill(template: str, names: dict[str, str]) -> str:
    out = template
    for k, v in names.items():
        out = out.replace("{" + k + "}", v)
    return out


_ARCHETYPES: dict[str, Callable[[random.Random, dict[str, str]], tuple[list[Fact], str]]] = {}


def _archetype(fn: Callable[[random.Random, dict[str, str]], tuple[list[Fact], str]]
               ) -> Callable[[random.Random, dict[str, str]], tuple[list[Fact], str]]:
    _ARCHETYPES[fn.__name__.lstrip("_")] = fn
    return fn


@_archetype
def _infrastructure(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    n["thing"] = rng.choice(["bridge", "tunnel", "rail line", "ring road", "tram line", "dam"])
    cur = rng.choice(["USD", "EUR", "GBP"])
    facts = [
        Fact("cost", "money", rng.randrange(120, 9800) * 1e6, cur, templates=(
            "The {place} {thing} is now expected to cost {v}, according to the transport ministry.",
            "Officials put the total cost of the {thing} at {v}, well above the first estimate.",
            "{org} won the contract to build the {thing}, a project valued at {v}.",
            "Critics said the {v} budget for the {place} {thing} left little room for delays.",
        )),
        Fact("length", "unit", rng.randrange(12, 480) / 10, "kilometres", ("miles", 0.621371), (
            "Once finished, the {thing} will run for {v} across the {region} valley.",
            "The {v} {thing} links {place} with the coast.",
        )),
        Fact("workers", "count", rng.randrange(300, 4800), "workers", templates=(
            "At the peak of construction {v} were on site, the company said.",
            "{org} said it employs {v} on the {thing}.",
        )),
        Fact("build", "duration", 24 * rng.randrange(200, 1500), "", templates=(
            "Construction is planned to take {v}, including testing.",
            "Engineers said the boring phase alone would last {v}.",
        )),
        Fact("overrun", "percent", rng.randrange(50, 900) / 10, "", templates=(
            "That is {v} over the original budget.",
            "The overrun, {v} by the auditor's count, is the largest on any {region} project.",
        )),
        Fact("opening", "date", _when(rng), "", templates=(
            "The first section opened to traffic on {v}.",
            "Minister {person} said on {v} that the {thing} would open on schedule.",
        )),
    ]
    return facts, "{place} {thing} costs climb as work passes halfway mark"


@_archetype
def _results(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    cur = rng.choice(["USD", "EUR", "GBP"])
    facts = [
        Fact("revenue", "money", rng.randrange(200, 48000) * 1e6, cur, templates=(
            "{org} reported quarterly revenue of {v}, beating analysts' forecasts.",
            "Sales reached {v} in the three months to the end of the quarter.",
            "Revenue of {v} was driven by strong demand in {region}.",
        )),
        Fact("profit", "money", rng.randrange(10, 3000) * 1e6, cur, templates=(
            "Net profit came in at {v}, the company said in a filing.",
            "{org} booked a net profit of {v}.",
        )),
        Fact("staff", "count", rng.randrange(800, 90000), "employees", templates=(
            "The group has {v} worldwide.",
            "{org}, which has {v}, plans to hire more engineers next year.",
        )),
        Fact("growth", "percent", rng.randrange(5, 400) / 10, "", templates=(
            "Revenue rose {v} from a year earlier.",
            "Chief executive {person} said growth of {v} showed the strategy was working.",
        )),
        Fact("stores", "count", rng.randrange(40, 2400), "stores", templates=(
            "It now operates {v} across {region}.",
            "The retailer will close {v} by the end of the year.",
        )),
        Fact("filing", "date", _when(rng), "", templates=(
            "The results were published on {v}.",
            "Shares of {org} jumped after the report on {v}.",
        )),
    ]
    return facts, "{org} beats forecasts as revenue jumps"


@_archetype
def _flood(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    cur = rng.choice(["USD", "EUR"])
    facts = [
        Fact("dead", "count", rng.randrange(4, 140), "people", templates=(
            "At least {v} have died in the floods, the civil protection agency said.",
            "The death toll rose to {v} on Thursday.",
            "Rescuers recovered the bodies of {v} from the mud.",
        )),
        Fact("displaced", "count", rng.randrange(1200, 90000), "residents", templates=(
            "Some {v} have been forced from their homes.",
            "Shelters in {place} are housing {v}.",
        )),
        Fact("rain", "unit", rng.randrange(120, 480), "millimetres", ("inches", 0.0393701), (
            "The {place} weather station recorded {v} of rain in 24 hours.",
            "More than {v} of rain fell on the {region} hills.",
        )),
        Fact("damage", "money", rng.randrange(20, 2400) * 1e6, cur, templates=(
            "The provincial government estimates the damage at {v}.",
            "Insurers put losses at {v}, most of it to roads and farms.",
        )),
        Fact("search", "duration", rng.randrange(12, 96), "", templates=(
            "Teams had no contact with some villages for {v}.",
            "The search continued for {v} before it was scaled back.",
        )),
        Fact("storm", "date", _when(rng), "", templates=(
            "The storm reached {region} on {v}.",
            "Rivers burst their banks on {v}, officials said.",
        )),
    ]
    return facts, "Floods in {region}: death toll rises as waters recede"


@_archetype
def _launch(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    n["product"] = _name(rng) + " " + rng.choice(["Pro", "X", "Max", "One", "Air"])
    facts = [
        Fact("price", "money", rng.randrange(199, 2999), "USD", templates=(
            "The {product} goes on sale at {v} in most markets.",
            "At {v}, the {product} undercuts its main rival.",
        )),
        Fact("storage", "unit", rng.choice([128, 256, 512, 1024]), "GB", templates=(
            "The base model comes with {v} of storage.",
            "Buyers get {v} of storage as standard.",
        )),
        Fact("units", "count", rng.randrange(50, 9000) * 1000, "units", templates=(
            "{org} expects to ship {v} in the first year.",
            "Analysts estimate that {v} were sold in the first month.",
        )),
        Fact("battery", "duration", rng.randrange(8, 40), "", templates=(
            "{org} claims a battery life of {v}.",
            "In our tests the battery lasted {v} of video playback.",
        )),
        Fact("share", "percent", rng.randrange(20, 400) / 10, "", templates=(
            "The company holds {v} of the market in {region}.",
            "Its market share has grown to {v}, according to research firm {org2}.",
        )),
        Fact("launch", "date", _when(rng), "", templates=(
            "{org} unveiled the {product} at an event in {place} on {v}.",
            "Pre-orders opened on {v}.",
        )),
    ]
    return facts, "{org} launches {product}, promising longer battery life"


@_archetype
def _transfer(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    n["player"] = _person(rng)
    cur = rng.choice(["EUR", "GBP"])
    facts = [
        Fact("fee", "money", rng.randrange(5, 180) * 1e6, cur, templates=(
            "{place} FC agreed to pay {v} for {player}.",
            "The fee of {v} makes {player} the most expensive signing in the club's history.",
            "{player} joins for a reported {v}, plus add-ons.",
        )),
        Fact("contract", "duration", 24 * 365 * rng.randrange(2, 6), "", templates=(
            "{player} signed a contract that runs for {v}.",
        )),
        Fact("goals", "count", rng.randrange(8, 140), "goals", templates=(
            "{player} scored {v} in the league last season.",
            "The forward has {v} in all competitions for {place2}.",
        )),
        Fact("wage", "money", rng.randrange(40, 400) * 1000, cur, templates=(
            "{player} will earn {v} a week, the newspaper reported.",
        )),
        Fact("signed", "date", _when(rng), "", templates=(
            "The deal was completed on {v}.",
            "{player} passed a medical on {v}.",
        )),
    ]
    return facts, "{player} completes move to {place} FC"


@_archetype
def _election(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    facts = [
        Fact("votes", "count", rng.randrange(80000, 4000000), "votes", templates=(
            "{person} won {v}, according to the electoral commission.",
            "The winning list received {v} in the first count.",
        )),
        Fact("turnout", "percent", rng.randrange(380, 820) / 10, "", templates=(
            "Turnout was {v}, the highest since the reform.",
            "Officials said {v} of registered voters cast a ballot.",
        )),
        Fact("seats", "count", rng.randrange(12, 160), "seats", templates=(
            "The party won {v} in the {region} assembly.",
            "With {v}, the coalition has a working majority.",
        )),
        Fact("count", "duration", rng.randrange(10, 72), "", templates=(
            "The count took {v} because of a recount in {place}.",
        )),
        Fact("poll", "date", _when(rng), "", templates=(
            "Voters went to the polls on {v}.",
            "The result was certified on {v}.",
        )),
    ]
    return facts, "{person} claims victory in {region} vote"


@_archetype
def _trial(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    n["drug"] = _name(rng).lower() + "mab"
    facts = [
        Fact("patients", "count", rng.randrange(120, 9000), "patients", templates=(
            "The trial enrolled {v} at sites in {region}.",
            "Of the {v} who took part, most completed the study.",
        )),
        Fact("efficacy", "percent", rng.randrange(200, 950) / 10, "", templates=(
            "{drug} cut the risk of a relapse by {v}, the company said.",
            "Researchers reported an efficacy of {v} at the highest dose.",
        )),
        Fact("weeks", "duration", 24 * 7 * rng.randrange(8, 104), "", templates=(
            "Patients were followed for {v}.",
        )),
        Fact("rnd", "money", rng.randrange(40, 2400) * 1e6, "USD", templates=(
            "{org} has spent {v} developing {drug}.",
            "Development costs for {drug} reached {v}, according to the filing.",
        )),
        Fact("readout", "date", _when(rng), "", templates=(
            "The results were presented on {v} at a conference in {place}.",
        )),
    ]
    return facts, "{org}'s {drug} meets main goal in late-stage trial"


@_archetype
def _power(rng: random.Random, n: dict[str, str]) -> tuple[list[Fact], str]:
    cur = rng.choice(["USD", "EUR", "GBP"])
    facts = [
        Fact("capacity", "unit", rng.randrange(50, 3200), "MW", templates=(
            "The {place} plant will have a capacity of {v}.",
            "At {v}, it is the largest plant of its kind in {region}.",
        )),
        Fact("cost", "money", rng.randrange(80, 12000) * 1e6, cur, templates=(
            "{org} will invest {v} in the plant.",
            "The plant is expected to cost {v}.",
        )),
        Fact("homes", "count", rng.randrange(20000, 2000000), "homes", templates=(
            "It will supply enough electricity for {v}.",
            "{org} says the plant can power {v}.",
        )),
        Fact("co2", "unit", rng.randrange(20, 4000) * 1000, "tonnes", templates=(
            "The operator says the plant will avoid {v} of CO2 a year.",
        )),
        Fact("approval", "date", _when(rng), "", templates=(
            "Regulators approved the plant on {v}.",
        )),
    ]
    return facts, "{org} wins approval for {place} power plant"


_SUBJECTS = [
    "Officials", "{person}, a spokesperson for {org},", "Analysts in {place}", "Local residents",
    "Opposition politicians in {region}", "The ministry", "Independent experts", "Critics",
    "Supporters of the plan", "The regional council", "Several campaign groups", "Union leaders",
    "Investors", "A senior official who asked not to be named", "{org2} analysts", "Economists",
]
_PREDICATES = [
    "said the investigation was continuing and declined to comment further.",
    "said the figures should be treated with caution until audited.",
    "called for an independent review of the decision.",
    "did not respond to a request for comment before publication.",
    "questioned how the estimate had been calculated.",
    "warned that the situation in {region} could change quickly.",
    "welcomed the announcement but asked for more detail.",
    "said more information would be released in the coming days.",
    "have long complained about the lack of transparency.",
    "argued that the long-term benefits outweigh the short-term costs.",
    "expect the matter to be discussed again at the next session.",
    "said it was too early to draw conclusions.",
    "pointed to similar problems elsewhere in {region}.",
    "said the process had been slow and opaque from the start.",
]
_FILLERS = [
    "The news was first reported by the {outlet2}, citing people familiar with the matter.",
    "The figures could not be independently verified.",
    "Earlier reports had given a different picture of the situation in {region}.",
    "{org} has faced questions about its accounts in the past.",
    "The decision marks a turning point for the {region} economy, observers said.",
    "It was not immediately clear what the announcement would mean for {place}.",
    "The story is developing and will be updated.",
]

# background figures: story-wide (shared by some of its articles) or only in one article
_INCIDENTAL: list[tuple[str, Callable[[random.Random], dict[str, str]]]] = [
    ("{org} was founded in {year} and has offices in {n} countries.",
     lambda r: {"year": str(r.randrange(1950, 2015)), "n": str(r.randrange(3, 60))}),
    ("A survey of {n} residents found that {p}% supported the plan.",
     lambda r: {"n": f"{r.randrange(400, 5000):,}", "p": str(r.randrange(20, 80))}),
    ("About {n} people attended a public meeting in {place} on {wd}.",
     lambda r: {"n": f"{r.randrange(2, 40) * 50:,}", "wd": r.choice(_WEEKDAYS)}),
    ("The agency's annual budget is {m}.",
     lambda r: {"m": f"${r.randrange(12, 900)} million"}),
    ("The nearest hospital is {x} kilometres away.",
     lambda r: {"x": str(r.randrange(5, 90))}),
    ("Shares in {org} fell {p}% in early trading.",
     lambda r: {"p": f"{r.randrange(5, 150) / 10:.1f}"}),
    ("The {place} office employs {n} staff.",
     lambda r: {"n": str(r.randrange(20, 900))}),
    ("A similar project in {place2} took {n} years to complete.",
     lambda r: {"n": str(r.randrange(3, 15))}),
    ("Inflation in {region} stood at {p}% last month.",
     lambda r: {"p": f"{r.randrange(10, 90) / 10:.1f}"}),
    ("The {n}-page report was published in {month} {year}.",
     lambda r: {"n": str(r.randrange(20, 400)), "month": r.choice(_MONTHS), "year": str(r.randrange(2019, 2026))}),
    ("Traffic on the main road averages {n} vehicles a day.",
     lambda r: {"n": f"{r.randrange(5, 90) * 1000:,}"}),
    ("{n} complaints were filed last year, up from {m} the year before.",
     lambda r: {"n": f"{r.randrange(200, 900):,}", "m": f"{r.randrange(50, 199):,}"}),
    ("The {place} facility uses {n} MWh of electricity a year.",
     lambda r: {"n": f"{r.randrange(2, 90) * 100:,}"}),
    ("Its debt has grown to {m} since {year}.",
     lambda r: {"m": f"€{r.randrange(2, 90) / 10:.1f} billion", "year": str(r.randrange(2010, 2022))}),
    ("The company paid a dividend of {c} cents per share.",
     lambda r: {"c": str(r.randrange(5, 90))}),
    ("Average rents in {place} have risen {p} percent in {n} years.",
     lambda r: {"p": str(r.randrange(10, 60)), "n": r.choice(["two", "three", "five", "ten"])}),
    ("The site covers {n} hectares on the edge of {place}.",
     lambda r: {"n": str(r.randrange(10, 900))}),
    ("Only {n} of the {m} applications were approved.",
     lambda r: {"n": str(r.randrange(10, 99)), "m": str(r.randrange(100, 600))}),
    ("The hotline received {n} calls in the first {h} hours.",
     lambda r: {"n": f"{r.randrange(300, 9000):,}", "h": str(r.choice([12, 24, 48, 72]))}),
    ("Population growth in {region} has slowed to {p}% a year.",
     lambda r: {"p": f"{r.randrange(1, 30) / 10:.1f}"}),
]


def _incidental(rng: random.Random, names: dict[str, str]) -> str:
    template, draw = rng.choice(_INCIDENTAL)
    out = template
    for k, v in draw(rng).items():
        out = out.replace("{" + k + "}", v)
    out = _fill(out, names)
    return out[0].upper() + out[1:]


def make_story(seed: int, index: int) -> tuple[Story, random.Random]:
    rng = random.Random(f"{seed}:{index}")
    names = {"place": _name(rng), "place2": _name(rng), "region": _name(rng),
             "org": _name(rng) + " " + rng.choice(["Holdings", "Group", "Energy", "Systems", "Partners",
                                                   "Industries", "Labs"]),
             "org2": _name(rng) + " Research", "person": _person(rng),
             "outlet2": _name(rng) + " " + rng.choice(_OUTLETS)}
    kind = sorted(_ARCHETYPES)[rng.randrange(len(_ARCHETYPES))]
    facts, headline = _ARCHETYPES[kind](rng, names)
    story = Story(index, kind, names, facts, _when(rng), headline)
    story.pool = [_incidental(rng, names) for _ in range(rng.randrange(8, 16))]
    return story, rng


# ---------------------------------------------------------------------------------------
# articles


def _figure(rng: random.Random, fact: Fact, conflict: bool) -> str:
    v = fact.value
    if fact.kind == "date":
        assert isinstance(v, dt.date)
        d = v + dt.timedelta(days=rng.choice([-1, 1])) if conflict else v
        return date_text(rng, d)
    assert isinstance(v, float | int)
    x = float(v)
    if conflict:
        x = rng.choice([x * 10, x / 10, x * 100, round(x * rng.uniform(1.15, 1.6))]) \
            if fact.kind == "money" else round(x * rng.uniform(1.1, 1.5), 1 if fact.kind == "percent" else 0)
    if fact.kind == "money":
        cur = fact.unit
        if conflict and rng.random() < 0.2:
            cur = "USD" if cur != "USD" else "EUR"  # a currency mislabel
        return money_text(rng, x, cur)
    if fact.kind == "count":
        return count_text(rng, max(1, int(x)), fact.unit)
    if fact.kind == "duration":
        if conflict and x >= 48 and rng.random() < 0.5:
            return f"{int(fact.value) // 24} days, or {int(x * 0.85)} hours"  # "4 days, or 80 hours"
        return duration_text(rng, x)
    if fact.kind == "percent":
        return percent_text(rng, x)
    return unit_text(rng, x, fact.unit, fact.alt)


def _sentence(rng: random.Random, story: Story, fact: Fact, conflict: bool) -> str:
    template = rng.choice(fact.templates)
    text = _fill(template, story.names).replace("{v}", _figure(rng, fact, conflict))
    return text[0].upper() + text[1:]


def _dateline(rng: random.Random, story: Story, day: dt.date, outlet: str) -> str:
    month = _MONTHS_ABBR[day.month - 1]
    place = story.names["place"].upper()
    style = rng.random()
    if style < 0.4:
        return f"{place}, {month} {day.day}, {day.year} ({outlet}) - Updated {rng.randrange(24):02d}:" \
               f"{rng.randrange(60):02d} GMT"
    if style < 0.7:
        return f"By {_person(rng)} | {month} {day.day}, {day.year} | {rng.randrange(200, 20000):,} views"
    if style < 0.85:
        return f"{day.isoformat()} {rng.randrange(24):02d}:{rng.randrange(60):02d}   Source: {outlet}"
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _body(rng: random.Random, story: Story, size: int) -> list[list[str]]:
    """Paragraphs of about ``size`` characters: each core figure once or twice, background
    figures from the story's pool and of this article only, and sentences without figures
    (about a third of the sentences carry a figure: 5-6 figures per KB, between the seeds'
    2.6 and the development corpora's 9)."""
    conflicts = {f.name for f in story.facts if rng.random() < 0.12}
    numeric: list[str] = []
    for fact in story.facts:
        numeric.append(_sentence(rng, story, fact, fact.name in conflicts))
    rng.shuffle(numeric)
    for fact in story.facts:
        if rng.random() < 0.25:
            numeric.append(_sentence(rng, story, fact, fact.name in conflicts))
    pool = list(story.pool)
    rng.shuffle(pool)
    fillers = [f"{s} {p}" for s in _SUBJECTS for p in _PREDICATES]
    rng.shuffle(fillers)
    fillers = list(_FILLERS) + fillers[:40]
    rng.shuffle(fillers)
    paragraphs: list[list[str]] = []
    total = 0
    while total < size:
        para: list[str] = []
        for _ in range(rng.randrange(2, 6)):
            if rng.random() < 0.36:
                if numeric:
                    s = numeric.pop(0)
                elif pool and rng.random() < 0.7:
                    s = pool.pop()
                else:
                    s = _incidental(rng, story.names)
            else:
                s = _fill(fillers.pop() if fillers else rng.choice(_FILLERS), story.names)
            para.append(s)
        paragraphs.append(para)
        total += sum(len(s) + 1 for s in para) + 2
    return paragraphs


def _as_txt(title: str, dateline: str, paragraphs: list[list[str]]) -> str:
    return "\n\n".join([title, dateline, *(" ".join(p) for p in paragraphs)]) + "\n"


def _as_md(title: str, dateline: str, paragraphs: list[list[str]]) -> str:
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return f"# {title}\n\n*{dateline}*\n\n{body}\n"


def _as_html(title: str, dateline: str, paragraphs: list[list[str]], outlet: str) -> str:
    e = html.escape
    paras = "\n".join(f"<p>{e(' '.join(p))}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} | {e(outlet)}</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/tech">Tech</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<article>
<h1>{e(title)}</h1>
<p class="byline">{e(dateline)}</p>
{paras}
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a/1">Markets close higher for 3rd day</a></li>
<li><a href="/a/2">Top 10 stories of the week</a></li></ul></aside>
<footer>&copy; {e(outlet)} 2025. All rights reserved.</footer>
</body></html>
"""


def story_articles(seed: int, index: int) -> list[tuple[str, str]]:
    """The (file name, content) pairs of one story, in a fixed order."""
    story, rng = make_story(seed, index)
    n_articles = rng.randrange(4, 17)
    out: list[tuple[str, str]] = []
    plain: list[tuple[str, str, list[list[str]]]] = []  # for near-duplicate reprints
    for a in range(n_articles):
        outlet = story.names["place"] + " " + rng.choice(_OUTLETS)
        day = story.day + dt.timedelta(days=rng.randrange(0, 6))
        if plain and rng.random() < 0.1:
            # a near-duplicate: another outlet reprints an earlier piece with a new headline
            title, _, paragraphs = rng.choice(plain)
            paragraphs = [list(p) for p in paragraphs]
            if len(paragraphs) > 2:
                del paragraphs[rng.randrange(1, len(paragraphs))]
            title = "REPRINT: " + title
        else:
            size = int(2000 * 5 ** rng.random())  # 2-10 KB, more short pieces than long ones
            paragraphs = _body(rng, story, size - 200)
            title = _fill(story.headline, story.names)
        dateline = _dateline(rng, story, day, outlet)
        plain.append((title, dateline, paragraphs))
        style = rng.random()
        stem = f"s{index:05d}-{a:02d}"
        if style < 0.75:
            out.append((stem + ".txt", _as_txt(title, dateline, paragraphs)))
        elif style < 0.87:
            out.append((stem + ".md", _as_md(title, dateline, paragraphs)))
        else:
            out.append((stem + ".html", _as_html(title, dateline, paragraphs, outlet)))
    return out


def articles(n: int, seed: int = 1) -> list[tuple[str, str]]:
    """The first ``n`` articles of the corpus for ``seed``: (relative path, content)."""
    out: list[tuple[str, str]] = []
    index = 0
    while len(out) < n:
        for name, text in story_articles(seed, index):
            out.append((f"s{index // 100:03d}/{name}", text))
            if len(out) == n:
                break
        index += 1
    return out


def generate(n: int, folder: str | Path, seed: int = 1) -> list[Path]:
    """Write the ``n``-article corpus into ``folder`` (created); returns the files written."""
    root = Path(folder)
    written: list[Path] = []
    for rel, text in articles(n, seed):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("folder", help="where to write them (created)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    files = generate(args.n, args.folder, args.seed)
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} articles ({size / 1e6:.1f} MB) to {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
