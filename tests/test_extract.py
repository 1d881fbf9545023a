"""The number grammar as named tables: sentence -> the claims it must (and must not) yield.

Each row of ``EXAMPLES`` lists every claim expected in the sentence as
``(surface text, value, unit, kind, qualifier)``; the surface text is the exact quote
``sentence[start:end]``. ``TRAPS`` are digit strings that are names, codes, times or
markup, never quantities. Known failures are ``xfail(strict=True)`` so a fix flips them.
"""

from __future__ import annotations

import math
import re
from unittest.mock import ANY

import pytest

from reconciler.extract import extract_claims, extract_text
from reconciler.models import Claim, Source


def _claims(sentence: str) -> list[Claim]:
    claims = extract_text(sentence)
    for c in claims:
        assert c.text == sentence[c.start:c.end], f"span [{c.start}:{c.end}] does not quote {c.text!r}"
    return claims


def _want(value: float | str | object) -> object:
    return pytest.approx(value, rel=1e-9) if isinstance(value, int | float) else value


def known_bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# ---------------------------------------------------------------------------------------
# sentence -> [(surface, value, unit, kind, qualifier)]

EXAMPLES = [
    # thousands separators and decimals
    pytest.param("The model cost $294,000 to train.",
                 [("$294,000", 294_000, "USD", "money", "exact")], id="money-thousands-separator"),
    pytest.param("It was trained on 16,384 H100 GPUs.",
                 [("16,384 H100 GPUs", 16_384, "", "count", "exact")], id="count-thousands-separator-noun"),
    pytest.param("The settlement paid $101,980,000 to the state.",
                 [("$101,980,000", 101_980_000, "USD", "money", "exact")], id="money-two-separators"),
    pytest.param("The share price closed at $12.57.",
                 [("$12.57", 12.57, "USD", "money", "exact")], id="money-decimal"),
    pytest.param("The model was downloaded 10.9 million times.",
                 [("10.9 million times", 10_900_000, "", "count", "exact")], id="decimal-million-count"),
    # glued suffixes
    pytest.param("The repository has 91.1K stars.",
                 [("91.1K stars", 91_100, "", "count", "exact")], id="suffix-K"),
    pytest.param("DeepSeek-V3 has 660B parameters.",
                 [("660B parameters", 660e9, "", "count", "exact")], id="suffix-B-parameters"),
    pytest.param("Revenue rose to 7.3bn euros.",
                 [("7.3bn euros", 7.3e9, "EUR", "money", "exact")], id="suffix-bn"),
    pytest.param("The fund raised $4.12M last year.",
                 [("$4.12M", 4.12e6, "USD", "money", "exact")], id="suffix-M-dollars"),
    pytest.param("The deal was worth US$310B.",
                 [("US$310B", 310e9, "USD", "money", "exact")], id="suffix-B-US-dollars"),
    # scale words
    pytest.param("The company spent 2.5 million dollars.",
                 [("2.5 million dollars", 2.5e6, "USD", "money", "exact")], id="million-dollars"),
    pytest.param("The contract is worth $1.2 billion.",
                 [("$1.2 billion", 1.2e9, "USD", "money", "exact")], id="billion"),
    pytest.param("Debt reached 3 trillion dollars.",
                 [("3 trillion dollars", 3e12, "USD", "money", "exact")], id="trillion"),
    pytest.param("The model was pretrained on 15.6 trillion tokens.",
                 [("15.6 trillion tokens", 15.6e12, "", "count", "exact")], id="trillion-tokens"),
    # number words
    pytest.param("Eight review experts examined the paper.",
                 [("Eight review experts", 8, "", "count", "exact")], id="word-eight-sentence-start"),
    pytest.param("The team had six members.",
                 [("six members", 6, "", "count", "exact")], id="word-six"),
    pytest.param("She bought a dozen eggs.",
                 [("a dozen eggs", 12, "", "count", "exact")], id="word-a-dozen"),
    pytest.param("There were three hundred forty passengers.",
                 [("three hundred forty passengers", 340, "", "count", "exact")], id="word-three-hundred-forty"),
    pytest.param("Twenty-three people were hurt.",
                 [("Twenty-three people", 23, "", "count", "exact")], id="word-hyphenated-twenty-three"),
    # vague amounts
    pytest.param("They spent tens of millions of dollars on it.",
                 [("tens of millions of dollars", ANY, "USD", "money", "vague")], id="vague-tens-of-millions"),
    # currencies before and after the number
    pytest.param("Nature put the figure at US$300,000 in its headline.",
                 [("US$300,000", 300_000, "USD", "money", "exact")], id="currency-US$"),
    pytest.param("The fee was USD 500.", [("USD 500", 500, "USD", "money", "exact")], id="currency-USD-code"),
    pytest.param("The cost was RMB 2.08 million.",
                 [("RMB 2.08 million", 2.08e6, "CNY", "money", "exact")], id="currency-RMB-before"),
    pytest.param("The cost was about 2.08 million RMB.",
                 [("about 2.08 million RMB", 2.08e6, "CNY", "money", "approximate")], id="currency-RMB-after"),
    pytest.param("The cost was 2 million yuan.",
                 [("2 million yuan", 2e6, "CNY", "money", "exact")], id="currency-yuan"),
    pytest.param("The fee was CNY 500.", [("CNY 500", 500, "CNY", "money", "exact")], id="currency-CNY-code"),
    pytest.param("The fee was ¥500.", [("¥500", 500, "CNY", "money", "exact")], id="currency-yen-sign-as-CNY"),
    pytest.param("The fee was €500.", [("€500", 500, "EUR", "money", "exact")], id="currency-euro-sign"),
    pytest.param("The fee was £500.", [("£500", 500, "GBP", "money", "exact")], id="currency-pound-sign"),
    pytest.param("It cost 1,500 euros in total.",
                 [("1,500 euros", 1500, "EUR", "money", "exact")], id="currency-euros-after"),
    pytest.param("It cost 300000 US dollars.",
                 [("300000 US dollars", 300_000, "USD", "money", "exact")], id="currency-US-dollars-after"),
    # per-unit rates
    pytest.param("The rental rate was $2 per GPU hour.",
                 [("$2 per GPU hour", 2, "USD/GPU hour", "rate", "exact")], id="rate-per-GPU-hour"),
    # durations, normalised to hours
    pytest.param("Training took 4 days.", [("4 days", 96, "h", "duration", "exact")], id="duration-days"),
    pytest.param("It was a 54-day voyage.", [("54-day", 1296, "h", "duration", "exact")], id="duration-hyphenated-day"),
    pytest.param("It took nearly eight weeks.",
                 [("nearly eight weeks", 1344, "h", "duration", "approximate")], id="duration-word-weeks-hedged"),
    pytest.param("It used 5,000 GPU hours.",
                 [("5,000 GPU hours", 5000, "h", "duration", "exact")], id="duration-GPU-hours"),
    pytest.param("Training took 198 * * hours.",
                 [("198 * * hours", 198, "h", "duration", "exact")], id="duration-markdown-debris"),
    pytest.param("The meeting lasted 90 minutes.",
                 [("90 minutes", 1.5, "h", "duration", "exact")], id="duration-minutes"),
    # percents
    pytest.param("The score was 71.0% on the test.", [("71.0%", 71.0, "%", "percent", "exact")], id="percent-sign"),
    pytest.param("Prices rose 3 percent.", [("3 percent", 3, "%", "percent", "exact")], id="percent-word"),
    # dates and weekdays
    pytest.param("The paper appeared on September 17.",
                 [("September 17", "--09-17", "date", "date", "exact")], id="date-month-day"),
    pytest.param("It was published on March 26, 2024.",
                 [("March 26, 2024", "2024-03-26", "date", "date", "exact")], id="date-month-day-year"),
    pytest.param("It came out Sept. 18 in print.",
                 [("Sept. 18", "--09-18", "date", "date", "exact")], id="date-abbreviated-month"),
    pytest.param("The vote was held on 5 March 2024.",
                 [("5 March 2024", "2024-03-05", "date", "date", "exact")], id="date-day-month-year"),
    pytest.param("It was published on Wednesday.",
                 [("Wednesday", "Wednesday", "weekday", "date", "exact")], id="weekday"),
    # machine-translation artefacts ("* *" debris, 万 rendered as $10000)
    pytest.param("The cost was 29.4 * * $10000 in total.",
                 [("29.4 * * $10000", 294_000, "USD", "money", "exact")], id="artefact-ten-thousand-dollars"),
    pytest.param("The valuation was 40 * * $100 million in total.",
                 [("40 * * $100 million", 4e9, "USD", "money", "exact")], id="artefact-hundred-million-dollars"),
    pytest.param("It used 3084 * * 10000 GPU hour in total.",
                 [("3084 * * 10000 GPU hour", 30_840_000, "h", "duration", "exact")], id="artefact-GPU-hours"),
    # hedges
    pytest.param("It cost about $5 million.",
                 [("about $5 million", 5e6, "USD", "money", "approximate")], id="hedge-about"),
    pytest.param("It cost approximately $5 million.",
                 [("approximately $5 million", 5e6, "USD", "money", "approximate")], id="hedge-approximately"),
    pytest.param("It cost less than $300,000.",
                 [("less than $300,000", 300_000, "USD", "money", "upper")], id="hedge-less-than"),
    pytest.param("It cost more than US$100 million.",
                 [("more than US$100 million", 1e8, "USD", "money", "lower")], id="hedge-more-than"),
    pytest.param("It cost at least $5 million.",
                 [("at least $5 million", 5e6, "USD", "money", "lower")], id="hedge-at-least"),
    # physical units
    pytest.param("The 1.6-mile bridge collapsed.",
                 [("1.6-mile", 1.6, "mile", "length", "exact")], id="length-mile-hyphen"),
    pytest.param("The ship was 300 metres long.", [("300 metres", 300, ANY, "length", "exact")], id="length-metres"),
    pytest.param("Training emitted 8,930 tons CO2eq.",
                 [("8,930 tons", 8930, ANY, "emissions", "exact")], id="emissions-tons-CO2eq"),
    pytest.param("The dataset holds 750 GB of text.", [("750 GB", 750, ANY, "data", "exact")], id="data-GB"),
    pytest.param("The ship weighed 95,000 tonnes.",
                 [("95,000 tonnes", 95_000, ANY, "mass", "exact")], id="mass-tonnes"),
    # scientific notation
    pytest.param("Training used 3.8 × 10^25 FLOPs.",
                 [("3.8 × 10^25 FLOPs", 3.8e25, "", "count", "exact")], id="scientific-notation"),
    # a real seed line (003): a figure after "Label:" with no space
    pytest.param("  • GitHub Star:91.1K", [("91.1K", 91_100, "", "count", "exact")], id="after-colon-no-space"),
    # the counted noun must stop before a time adverbial
    pytest.param("The company trained it on 16,384 H100 GPUs last year.",
                 [("16,384 H100 GPUs", 16_384, "", "count", "exact")], id="noun-stops-before-last-year"),
]


@pytest.mark.parametrize(("sentence", "expected"), EXAMPLES)
def test_extract(sentence: str, expected: list[tuple[str, object, str, str, str]]) -> None:
    got = [(c.text, c.value, c.unit, c.kind, c.qualifier) for c in _claims(sentence)]
    want = [(text, _want(value), unit, kind, q) for text, value, unit, kind, q in expected]
    assert got == want


# ---------------------------------------------------------------------------------------
# intervals: values the wording allows (inside) and rules out (outside)

INTERVALS = [
    pytest.param("It was trained on 16,384 H100 GPUs.", "16,384 H100 GPUs", [16_384], [16_000, 16_390],
                 id="exact-count"),
    pytest.param("It was trained on 16,000 GPUs.", "16,000 GPUs", [16_000, 16_384], [17_000],
                 id="round-count-covers-rounding"),
    pytest.param("The model cost $294,000 to train.", "$294,000", [294_000], [300_000], id="exact-money"),
    pytest.param("It cost about $5 million.", "about $5 million", [4.9e6, 5.1e6], [1e6, 1e7], id="about"),
    pytest.param("It cost less than $300,000.", "less than $300,000", [1, 294_000], [400_000], id="less-than"),
    pytest.param("It cost more than US$100 million.", "more than US$100 million", [1.5e8, 1e12], [1e7],
                 id="more-than"),
    pytest.param("They spent tens of millions of dollars on it.", "tens of millions of dollars", [2e7, 9e7],
                 [5e6, 2e8], id="tens-of-millions"),
    pytest.param("The tower stands just under 950 feet tall.", "just under 950 feet", [940], [950.6],
                 id="just-under-950-feet"),
]


@pytest.mark.parametrize(("sentence", "surface", "inside", "outside"), INTERVALS)
def test_interval(sentence: str, surface: str, inside: list[float], outside: list[float]) -> None:
    [claim] = [c for c in _claims(sentence) if c.text == surface]
    assert claim.low is not None and claim.high is not None
    for v in inside:
        assert claim.low <= v <= claim.high, f"{v} should be inside [{claim.low}, {claim.high}]"
    for v in outside:
        assert not claim.low <= v <= claim.high, f"{v} should be outside [{claim.low}, {claim.high}]"


def test_just_under_is_approximate_or_upper() -> None:
    [claim] = _claims("The tower stands just under 950 feet tall.")
    assert claim.qualifier in ("approximate", "upper")
    assert claim.kind == "length"
    assert claim.value == pytest.approx(950)
    assert claim.high is not None and claim.high <= 950.5


# ---------------------------------------------------------------------------------------
# ranges ("between X and Y", "X to Y") and changes ("increased from X to Y")

RANGES = [
    pytest.param("The fund was between $1.7 billion and $1.9 billion.",
                 [("$1.7 billion", 1.7e9), ("$1.9 billion", 1.9e9)], "money", id="between-and"),
    pytest.param("Between 1.7 and 1.9 billion dollars was spent.",
                 [("1.7", 1.7e9), ("1.9 billion dollars", 1.9e9)], "money", id="low-end-inherits-scale"),
    pytest.param("Estimates ranged from 10 to 12 hours.",
                 [("10", 10), ("12 hours", 12)], "duration", id="from-to-range-inherits-unit"),
    pytest.param("It took between 3 and 5 days.",
                 [("3", 72), ("5 days", 120)], "duration", id="between-days-in-hours"),
    pytest.param("It was watched by between 1.5 million and 3 million people.",
                 [("1.5 million", 1.5e6), ("3 million people", 3e6)], "count", id="between-millions"),
    pytest.param("The test took 120–150 hours.",
                 [("120", 120), ("150 hours", 150)], "duration", id="en-dash-hours"),
    pytest.param("It will cost 1.7-1.9 billion dollars.",
                 [("1.7", 1.7e9), ("1.9 billion dollars", 1.9e9)], "money", id="hyphen-billion-dollars"),
    pytest.param("The fund will cost $1.7-1.9 billion.",
                 [("$1.7", 1.7e9), ("1.9 billion", 1.9e9)], "money", id="dollar-hyphen-billion"),
    pytest.param("The fund will cost $1.7–1.9 billion.",
                 [("$1.7", 1.7e9), ("1.9 billion", 1.9e9)], "money", id="dollar-en-dash-billion"),
    pytest.param("The fund will cost $1.7 billion-$1.9 billion.",
                 [("$1.7 billion", 1.7e9), ("$1.9 billion", 1.9e9)], "money", id="dollar-billion-hyphen-dollar"),
]


# dashes that open an aside, not a range: (sentence, the two claims' texts)
NOT_RANGES = [
    pytest.param("The outage lasted 80 hours — about four days — in all.", ["80 hours", "about four days"],
                 id="spaced-em-dash-aside"),
    pytest.param("The outage lasted 80 hours - about four days - in all.", ["80 hours", "about four days"],
                 id="a-hedged-second-figure-after-a-hyphen"),
]


@pytest.mark.parametrize(("sentence", "texts"), NOT_RANGES)
def test_an_aside_is_not_a_range(sentence: str, texts: list[str]) -> None:
    claims = _claims(sentence)
    assert [c.text for c in claims] == texts
    assert all(c.qualifier != "range" and not c.range_id for c in claims)


@pytest.mark.parametrize(("sentence", "ends", "kind"), RANGES)
def test_range(sentence: str, ends: list[tuple[str, float]], kind: str) -> None:
    claims = _claims(sentence)
    assert [(c.text, c.value) for c in claims] == [(t, _want(v)) for t, v in ends]
    assert {c.qualifier for c in claims} == {"range"}
    assert {c.kind for c in claims} == {kind}
    assert claims[0].range_id and claims[0].range_id == claims[1].range_id
    assert all(c.role == "" for c in claims)


CHANGES = [
    pytest.param("The pass@1 score increased from 15.6% to 71.0% after training.",
                 [("15.6%", 15.6, "from"), ("71.0%", 71.0, "to")], id="increased-from-to"),
    pytest.param("Revenue fell from $10 million to $8 million last year.",
                 [("$10 million", 1e7, "from"), ("$8 million", 8e6, "to")], id="fell-from-to"),
]


@pytest.mark.parametrize(("sentence", "ends"), CHANGES)
def test_change_is_not_a_range(sentence: str, ends: list[tuple[str, float, str]]) -> None:
    claims = _claims(sentence)
    assert [(c.text, c.value, c.role) for c in claims] == [(t, _want(v), r) for t, v, r in ends]
    assert all(c.range_id == "" for c in claims)
    assert all(c.qualifier != "range" for c in claims)


# ---------------------------------------------------------------------------------------
# traps: «marked» text that no claim may overlap; ``keep`` lists claims that must survive

TRAPS = [
    pytest.param("The «H800» is a cut-down chip sold in China.", (), id="chip-H800"),
    pytest.param("It outperformed «GPT-4o» on math.", (), id="GPT-4o"),
    pytest.param("Although there might be «GPT-4-generated» content mixed in, the team said no.", (),
                 id="GPT-4-generated"),
    pytest.param("The method was distilled into «Qwen2.5-32B» for the benchmark.", (), id="Qwen2.5-32B"),
    pytest.param("It is on par with OpenAI-«o1-1217» on reasoning tasks.", (), id="o1-1217"),
    pytest.param("They also distilled it into «Llama3» models.", (), id="Llama3"),
    pytest.param("On «AIME 2024» the model scored 71.0%.", ("71.0%",), id="AIME-2024"),
    pytest.param("To address this, DeepSeek, based on «DeepSeek-V3 Base8», adopted GRPO as its RL framework.", (),
                 id="DeepSeek-V3-Base8"),
    pytest.param("The data is input into DeepSeek-R1 «Dev1» for a second stage.", (), id="Dev1"),
    pytest.param("Read it at «https://hyper.ai/cn/papers/2504.07128» today.", (), id="url-with-arxiv-id"),
    pytest.param("Reference link *[1] «https://www.nature.com/articles/d41586-025-03015-6» *", (),
                 id="url-nature-doi"),
    pytest.param("Introduction.\n«01» Behind the $294,000 Figure\nThe paper says more.", ("$294,000",),
                 id="section-number-01"),
    pytest.param("«01» Behind the $294,000 Figure", ("$294,000",), id="section-number-01-first-line"),
    pytest.param("BALTIMORE, March 26, 2024 (Wire) - Updated «14:32 GMT»", ("March 26, 2024",),
                 id="updated-time-GMT"),
    pytest.param("The container ship Dali («IMO 9697428») hit the bridge.", (), id="IMO-number"),
    pytest.param("They filed a petition in the U.S. District Court («Case No. 1:24-cv-00941»).", (),
                 id="case-number"),
    pytest.param("DeepSeek-R1-Zero's «pass@1» score rose from 15.6% to 71.0%.", ("15.6%", "71.0%"), id="pass@1"),
    pytest.param("The cost was disclosed in a supplement.«[^1]»", (), id="footnote-marker"),
    pytest.param("Meta's Llama «3.1» 405B was trained on 16,384 H100 GPUs.", ("16,384 H100 GPUs",),
                 id="Llama-3.1-version"),
    pytest.param("Anthropic's «Claude 3.5 Sonnet» scored lower.", (), id="Claude-3.5-Sonnet"),
    pytest.param("It runs on a single «RTX 4090» card.", (), id="RTX-4090"),
    pytest.param("The ship in the morning about «6 point 40 minutes» restore floating.", (),
                 id="time-6-point-40-minutes"),
    pytest.param("The bridge carried «Interstate 695», the city's beltway, across the harbour.", (),
                 id="Interstate-695"),
    pytest.param("They invoked the «Limitation of Liability Act of 1851» to cap damages.", (),
                 id="act-of-1851"),
]


def _unmark(marked: str) -> tuple[str, int, int]:
    m = re.search(r"«(.*?)»", marked)
    assert m, "trap rows mark the trap with «»"
    text = marked.replace("«", "").replace("»", "")
    return text, m.start(), m.start() + len(m.group(1))


@pytest.mark.parametrize(("marked", "keep"), TRAPS)
def test_trap(marked: str, keep: tuple[str, ...]) -> None:
    text, a, b = _unmark(marked)
    claims = _claims(text)
    overlapping = [c.text for c in claims if c.start < b and a < c.end]
    assert overlapping == [], f"{text[a:b]!r} is not a claim"
    found = [c.text for c in claims]
    for k in keep:
        assert k in found


# ---------------------------------------------------------------------------------------
# skip ranges: boilerplate the reader marked (bylines, view counters) is never mined

BYLINE = "By Metro Staff | May 2, 2024 | 9,412 views"
ARTICLE = BYLINE + "\nThe council approved $4.5 million for repairs on Tuesday.\n"


def _source(text: str, skip: tuple[tuple[int, int], ...]) -> Source:
    return Source(id="s", path="s.txt", title="", text=text, format="txt", encoding="utf-8", sha256="", skip=skip)


def test_skip_ranges_are_not_mined() -> None:
    skip = ((0, len(BYLINE)),)
    claims = extract_claims(_source(ARTICLE, skip))
    assert [c for c in claims if c.start < len(BYLINE)] == []
    assert [c.text for c in claims] == ["$4.5 million", "Tuesday"]


def test_byline_is_mined_without_skip() -> None:
    """Control for the test above: the byline does hold numbers the grammar would take."""
    claims = extract_claims(_source(ARTICLE, ()))
    assert any(c.start < len(BYLINE) for c in claims)


def test_claim_values_are_finite_and_intervals_ordered() -> None:
    text = " ".join(p.values[0] for p in EXAMPLES if not p.marks)  # type: ignore[misc]
    for c in _claims(text):
        if isinstance(c.value, float):
            assert math.isfinite(c.value)
            assert c.low is not None and c.high is not None
            assert c.low <= c.value <= c.high
        else:
            assert c.kind == "date"
