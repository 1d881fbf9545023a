"""The rules as named tables, each run through the real pipeline on small articles.

Every row writes its articles to ``tmp_path`` (one file per source) and calls
``reconcile()``: read -> extract -> align -> check with the shipped rules and rates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rulekit import LOUD, describe, holding, loud, run, texts

from reconciler.rules import ConfigError, load_config

# ---------------------------------------------------------------------------------------
# value_mismatch: two figures for one quantity that cannot both be right

VALUE_MISMATCH = [
    pytest.param(["DeepSeek said the model was trained on 512 H800 GPUs.",
                  "DeepSeek said the model was trained on 648 H800 GPUs."], "512", "648", id="gpus-512-vs-648"),
    pytest.param(["The bridge carried 30,000 vehicles a day before the collapse.",
                  "The bridge carried 40,000 vehicles a day before the collapse."], "30,000", "40,000",
                 id="vehicles-30000-vs-40000"),
    pytest.param(["The central bank raised its main rate by 25 basis points on Thursday.",
                  "On Thursday the central bank raised its main rate by 25 basis points.",
                  "The central bank raised its main rate by 50 basis points on Thursday."],
                 "25 basis points", "50 basis points", id="basis-points-25-vs-50"),
    pytest.param(["Temperatures in the capital hit 40C on Tuesday, a record.",
                  "Temperatures in the capital hit 46C on Tuesday, a record."], "40C", "46C",
                 id="celsius-40-vs-46"),
]


@pytest.mark.parametrize(("articles", "a", "b"), VALUE_MISMATCH)
def test_value_mismatch(tmp_path: Path, articles: list[str], a: str, b: str) -> None:
    result = run(tmp_path, articles)
    assert len(loud(result)) == 1, describe(result)
    finding = loud(result)[0]
    assert (finding.rule, finding.severity) == ("value_mismatch", "error"), describe(result)
    assert holding(result, a, b) == [finding]


# ---------------------------------------------------------------------------------------
# scale_slip: a power of ten apart

SCALE_SLIP = [
    pytest.param(["The R1 model cost $294,000 to train, the company said.",
                  "The R1 model cost $294,000 to train, according to the paper.",
                  "The R1 model cost $29.4 million to train, the report said."],
                 "$29.4 million", "$294,000", "100", id="x100-million-vs-thousands"),
    pytest.param(["The state put the cleanup cost at $102 million, officials said.",
                  "The state put the cleanup cost at $102 million, the governor said.",
                  "The state put the cleanup cost at $1.02 billion, a report said."],
                 "$1.02 billion", "$102 million", "10^1", id="x10-billion-vs-million"),
]


@pytest.mark.parametrize(("articles", "slip", "consensus", "factor"), SCALE_SLIP)
def test_scale_slip(tmp_path: Path, articles: list[str], slip: str, consensus: str, factor: str) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, slip, consensus) if f.rule == "scale_slip"]
    assert len(found) == 1, describe(result)
    assert found[0].severity == "error"
    assert factor in found[0].explanation
    assert found[0].suggested == consensus


# ---------------------------------------------------------------------------------------
# currency_mislabel: the number matches in another currency of the story

CURRENCY_MISLABEL = [
    pytest.param(["The R1 model cost about $294,000 (about 2.08 million RMB) to train.",
                  "The R1 model cost $294,000 to train, the company said.",
                  "The R1 model cost $2 million to train, the report said."],
                 "$2 million", "$294,000", "CNY", id="rmb-figure-printed-as-dollars"),
]


@pytest.mark.parametrize(("articles", "wrong", "consensus", "code"), CURRENCY_MISLABEL)
def test_currency_mislabel(tmp_path: Path, articles: list[str], wrong: str, consensus: str, code: str) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, wrong, consensus) if f.rule == "currency_mislabel"]
    assert len(found) == 1, describe(result)
    assert found[0].severity == "error"
    assert code in found[0].message + found[0].explanation


# ---------------------------------------------------------------------------------------
# internal_equivalence: "X, or Y" / "X (Y)" inside one article must restate the same amount

INTERNAL_EQUIVALENCE = [
    pytest.param("Training R1 took approximately 4 days, or 80 hours, on the cluster.", "96",
                 id="4-days-or-80-hours"),
    pytest.param("Training R1 took 4 days, or 80 hours, on the cluster.", "96", id="4-days-or-80-hours-unhedged"),
    pytest.param("The training cost was $29.4 million (equivalent to approximately RMB 2.08 million), "
                 "the paper said.", "2.08 million", id="usd-vs-rmb-x100"),
    pytest.param("Opened in 1977, the 1.6-mile (26-kilometre) steel truss bridge carried traffic.", "2.57",
                 id="mile-vs-km-x10"),
    pytest.param("The outage lasted roughly 80 hours (≈4 days), the operator said.", "96",
                 id="hedged-first-approx-sign"),
    pytest.param("The outage lasted 80 hours (~4 days), the operator said.", "96", id="tilde-in-parentheses"),
    pytest.param("The outage lasted 80 hours (i.e. about 4 days), the operator said.", "96", id="ie-about"),
    pytest.param("The outage lasted about 80 hours ≈ 4 days, the operator said.", "96", id="approx-sign-between"),
    pytest.param("The outage lasted 80 hours, or roughly 4 days, the operator said.", "96", id="or-roughly"),
    pytest.param("The outage lasted 80 hours — about four days — the operator said.", "3.333 days",
                 id="an-aside-between-dashes"),
    pytest.param("The outage lasted 80 hours, about four days, the operator said.", "3.333 days",
                 id="a-comma-and-a-hedge"),
    pytest.param("The outage lasted 96 hours — about four days — the operator said.", None, id="dash-aside-ok"),
    pytest.param("The outage lasted 96 hours, about four days, the operator said.", None, id="comma-hedge-ok"),
    pytest.param("The outage lasted 80 hours, 4 days after the storm, the operator said.", None,
                 id="a-comma-without-a-hedge-is-no-restatement"),
    pytest.param("Training R1 took 4 days, or 96 hours, on the cluster.", None, id="4-days-or-96-hours-ok"),
    pytest.param("The outage lasted 96 hours (≈4 days), the operator said.", None, id="approx-sign-ok"),
    pytest.param("The outage lasted roughly 80 hours (~3.3 days), the operator said.", None, id="tilde-ok"),
    pytest.param("The ship was 300 metres (985 feet) long.", None, id="metres-feet-ok"),
    pytest.param("Opened in 1977, the 1.6-mile (2.6-kilometre) steel truss bridge carried traffic.", None,
                 id="mile-kilometre-ok"),
    pytest.param("The R1 model cost about $294,000 (about 2.08 million RMB) to train.", None,
                 id="usd-rmb-converted-ok"),
]


@pytest.mark.parametrize(("article", "mentions"), INTERNAL_EQUIVALENCE)
def test_internal_equivalence(tmp_path: Path, article: str, mentions: str | None) -> None:
    result = run(tmp_path, [article])
    found = [f for f in result.findings if f.rule == "internal_equivalence"]
    if mentions is None:
        assert found == [], describe(result)
        assert loud(result) == [], describe(result)
        return
    assert len(found) == 1, describe(result)
    assert found[0].severity == "error"
    assert len(found[0].claims) == 2
    assert mentions in found[0].message + found[0].explanation


# ---------------------------------------------------------------------------------------
# one slip, one finding: a scale slip restated off by a power of ten in its own article

RESTATED_SLIP = [
    pytest.param(["The new pier is 120 metres long, the port said.",
                  "The new pier is 120 metres long, engineers said.",
                  "The new pier is 1,200 metres (394 feet) long, the report said."],
                 "1,200 metres", "394 feet", True, id="x10-restated-x10-is-one-finding"),
    pytest.param(["The new pier is 120 metres long, the port said.",
                  "The new pier is 120 metres long, engineers said.",
                  "The new pier is 1,200 metres (2,000 feet) long, the report said."],
                 "1,200 metres", "2,000 feet", False, id="x10-restated-otherwise-stays-two"),
]


@pytest.mark.parametrize(("articles", "slip", "restated", "one"), RESTATED_SLIP)
def test_a_restated_scale_slip_is_one_finding(tmp_path: Path, articles: list[str], slip: str, restated: str,
                                              one: bool) -> None:
    result = run(tmp_path, articles)
    about_slip = holding(result, slip)
    rules = sorted(f.rule for f in about_slip)
    if not one:
        assert rules == ["internal_equivalence", "scale_slip"], describe(result)
        return
    assert rules == ["scale_slip"], describe(result)
    (f,) = about_slip
    assert texts(result, f)[0] == slip and restated in texts(result, f)  # both figures, the slip first
    assert "10 times larger" in f.message and restated in f.message
    assert "power of ten" in f.explanation and "restated as" in f.explanation  # both explanations
    assert f.suggested is not None and "120" in f.suggested


# ---------------------------------------------------------------------------------------
# date_mismatch

DATE_MISMATCH = [
    pytest.param(["On September 18, the paper appeared on the cover of Nature.",
                  "On September 17, the paper appeared on the cover of Nature."],
                 ("September 18", "September 17"), id="cover-18-vs-17"),
    pytest.param(["On September 17, the paper appeared on the cover of Nature.",
                  "On September 17, the paper appeared on the cover of Nature, the company said."],
                 None, id="same-day-ok"),
]


@pytest.mark.parametrize(("articles", "pair"), DATE_MISMATCH)
def test_date_mismatch(tmp_path: Path, articles: list[str], pair: tuple[str, str] | None) -> None:
    result = run(tmp_path, articles)
    if pair is None:
        assert loud(result) == [], describe(result)
        return
    found = [f for f in holding(result, *pair) if f.rule == "date_mismatch"]
    assert len(found) == 1, describe(result)
    assert found[0].severity == "error"


# ---------------------------------------------------------------------------------------
# arithmetic: count x hours x rate against the stated total

ARITHMETIC = [
    pytest.param("The company used 512 H800 GPUs, 80 hours of training, at a rental rate of $2 per GPU hour. "
                 "The total training cost was $294,000.", "81,920", id="512x80x2-vs-294000"),
    pytest.param("The company used 512 H800 GPUs for 80 hours of training, at a rental rate of $2 per GPU hour. "
                 "The total training cost was $81,920.", None, id="512x80x2-equals-81920-ok"),
]


@pytest.mark.parametrize(("article", "product"), ARITHMETIC)
def test_arithmetic(tmp_path: Path, article: str, product: str | None) -> None:
    result = run(tmp_path, [article])
    found = [f for f in result.findings if f.rule == "arithmetic"]
    if product is None:
        assert found == [], describe(result)
        return
    assert len(found) == 1, describe(result)
    assert found[0].severity in LOUD
    assert product in found[0].message
    assert any("294,000" in t for t in texts(result, found[0]))


# judges' cards: one judge's card given two ways is loud; two judges' cards are two figures

CARDS = [
    pytest.param(["Judges Ines Varga (117-111) and Tom Bole (116-112) scored the bout for Petrov in the decision.",
                  "In the decision, judge Ines Varga scored it 118-110 for Petrov, and Tom Bole had it 116-112."],
                 ("118-110", "117-111"), id="one-judge's-card-two-ways"),
    pytest.param(["Judges Ines Varga (117-111) and Tom Bole (116-112) scored the bout for Petrov in the decision.",
                  "In the decision, judge Ines Varga scored it 117-111 for Petrov, and Tom Bole had it 116-112."],
                 None, id="the-same-cards"),
]


@pytest.mark.parametrize(("articles", "pair"), CARDS)
def test_judges_cards(tmp_path: Path, articles: list[str], pair: tuple[str, str] | None) -> None:
    result = run(tmp_path, articles)
    if pair is None:
        assert loud(result) == [], describe(result)
        return
    assert holding(result, *pair), describe(result)
    assert not holding(result, "117-111", "116-112"), describe(result)


# ---------------------------------------------------------------------------------------
# a percentage change stated with both its ends in one sentence

CHANGES = [
    pytest.param("Ticket sales: $8.15 million, up from $6.90 million a year earlier, a 31% jump.", "+18.1%",
                 id="up-from-with-a-wrong-jump"),
    pytest.param("Ticket sales: $8.15 million, up from $6.90 million a year earlier, an 18% jump.", None,
                 id="up-from-with-the-right-jump"),
    pytest.param("Shares of the brewer, priced at $15 in the offering, closed at $19.80, a 42% gain.", "+32.0%",
                 id="offer-price-to-close-wrong-gain"),
    pytest.param("Shares of the brewer, priced at $15 in the offering, closed at $19.80, a 32% gain.", None,
                 id="offer-price-to-close-right-gain"),
    pytest.param("The stock fell 25% to $44 from $50 on Tuesday.", "-12.0%", id="a-fall-from-to"),
    pytest.param("Shares rose 5% to $30 on Monday after opening at $29.", None,
                 id="a-change-from-an-unstated-close-is-not-checked"),
    pytest.param("The shares closed at $19.80 against an offer price of $15, while rivals' stocks posted a "
                 "string of declines over the week that averaged out at a 9% drop.", None,
                 id="a-percentage-far-along-the-sentence-is-another-change"),
]


@pytest.mark.parametrize(("article", "true_change"), CHANGES)
def test_percentage_change_against_its_ends(tmp_path: Path, article: str, true_change: str | None) -> None:
    result = run(tmp_path, [article])
    found = [f for f in result.findings if f.rule == "arithmetic"]
    if true_change is None:
        assert found == [], describe(result)
        return
    assert len(found) == 1, describe(result)
    assert found[0].severity in LOUD
    assert true_change in found[0].message


# ---------------------------------------------------------------------------------------
# consistent restatements: compared, but never flagged as error or warning

CONSISTENT = [
    pytest.param(["The R1 model cost less than $300,000 to train, Nature reported.",
                  "The R1 model cost $294,000 to train, the company said."],
                 "less than $300,000", "$294,000", id="upper-bound-vs-figure"),
    pytest.param(["The R1 model cost 2 million yuan to train, the company said.",
                  "The R1 model cost 2.08 million yuan to train, the paper said."],
                 "2 million yuan", "2.08 million yuan", id="rounded-yuan"),
    pytest.param(["The company trained the model on 16,000 GPUs.",
                  "The company trained the model on 16,384 GPUs."],
                 "16,000 GPUs", "16,384 GPUs", id="rounded-count"),
    pytest.param(["The model was pretrained on more than 15 trillion tokens of text.",
                  "The model was pretrained on 15.6 trillion tokens of text."],
                 "more than 15 trillion tokens", "15.6 trillion tokens", id="lower-bound-tokens"),
    pytest.param(["The settlement paid $101,980,000 to the state of Maryland.",
                  "The settlement paid nearly $102 million to the state of Maryland."],
                 "$101,980,000", "nearly $102 million", id="exact-vs-nearly-rounded"),
    pytest.param(["The central bank raised its main rate by 25 basis points on Thursday.",
                  "The central bank raised its main rate by 0.25 percentage points on Thursday."],
                 "25 basis points", "0.25 percentage points", id="basis-points-vs-percentage-points"),
    pytest.param(["Temperatures in the capital hit 40C on Tuesday, a record.",
                  "Temperatures in the capital hit 104F on Tuesday, a record."],
                 "40C", "104F", id="celsius-vs-fahrenheit-glued"),
]


@pytest.mark.parametrize(("articles", "a", "b"), CONSISTENT)
def test_consistent_restatement(tmp_path: Path, articles: list[str], a: str, b: str) -> None:
    result = run(tmp_path, articles)
    by_id = {c.id: c for c in result.claims}
    grouped = [g for g in result.groups if {by_id[c].text for c in g.claims} >= {a, b}]
    assert grouped, "the two figures state one quantity and must be compared"
    assert loud(result) == [], describe(result)


# ---------------------------------------------------------------------------------------
# different quantities: never flagged against each other

DIFFERENT = [
    pytest.param(["At least 12 people were killed and more than 300,000 homes lost power, officials said.",
                  "The storm killed at least 12 people, and more than 300,000 homes lost power."],
                 "At least 12 people", "more than 300,000 homes", id="two-lower-bounds-far-apart"),
    pytest.param(["The company trained R1-Zero for 198 hours and R1 for 80 hours.",
                  "DeepSeek trained R1-Zero for 198 hours and then R1 for 80 hours on the cluster."],
                 "198 hours", "80 hours", id="r1-zero-198h-vs-r1-80h"),
    pytest.param(["The pass@1 score on AIME 2024 increased from 15.6% to 71.0% during training.",
                  "The pass@1 score on AIME 2024 rose from 15.6% to 71.0% over training."],
                 "15.6%", "71.0%", id="initial-vs-final-score"),
]


@pytest.mark.parametrize(("articles", "a", "b"), DIFFERENT)
def test_different_quantities(tmp_path: Path, articles: list[str], a: str, b: str) -> None:
    result = run(tmp_path, articles)
    assert holding(result, a, b) == [], describe(result)
    assert loud(result) == [], describe(result)
    by_id = {c.id: c.text for c in result.claims}
    together = [g.id for g in result.groups
                if any(a in by_id[c] for c in g.claims) and any(b in by_id[c] for c in g.claims)]
    assert together == [], "different quantities are never one group"


# ---------------------------------------------------------------------------------------
# configuration: a user TOML file overrides only what it names

ARITHMETIC_ARTICLE = ["The company used 512 H800 GPUs, 80 hours of training, at a rental rate of $2 per GPU hour. "
                      "The total training cost was $294,000."]
GPUS_26_PERCENT = ["DeepSeek said the model was trained on 512 H800 GPUs.",
                   "DeepSeek said the model was trained on 512 H800 GPUs in total.",
                   "DeepSeek said the model was trained on 648 H800 GPUs."]
DATES = ["On September 18, the paper appeared on the cover of Nature.",
         "On September 17, the paper appeared on the cover of Nature."]

OVERRIDES = [
    pytest.param(ARITHMETIC_ARTICLE, None, "arithmetic", "warning", id="arithmetic-default"),
    pytest.param(ARITHMETIC_ARTICLE, "[rules.arithmetic]\nenabled = false\n", "arithmetic", None,
                 id="arithmetic-disabled"),
    pytest.param(GPUS_26_PERCENT, None, "value_mismatch", "error", id="gap-26pct-default-error"),
    pytest.param(GPUS_26_PERCENT, "[tolerance]\nerror_gap = 0.5\n", "value_mismatch", "warning",
                 id="gap-26pct-error-gap-0.5-warning"),
    pytest.param(DATES, '[rules.date_mismatch]\nseverity = "warning"\n', "date_mismatch", "warning",
                 id="date-mismatch-severity-warning"),
]


@pytest.mark.parametrize(("articles", "rules", "rule", "severity"), OVERRIDES)
def test_rules_file(tmp_path: Path, articles: list[str], rules: str | None, rule: str,
                    severity: str | None) -> None:
    result = run(tmp_path, articles, rules)
    found = [f.severity for f in result.findings if f.rule == rule]
    assert found == ([severity] if severity else []), describe(result)


def test_load_config_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("[tolerance]\nerror_gap = 0.5\n\n[rules.arithmetic]\nenabled = false\n", encoding="utf-8")
    default, user = load_config(), load_config(path)
    assert default.enabled("arithmetic") and not user.enabled("arithmetic")
    assert user.tol("error_gap") == 0.5 != default.tol("error_gap")
    assert {k: v for k, v in user.tolerance.items() if k != "error_gap"} == \
        {k: v for k, v in default.tolerance.items() if k != "error_gap"}
    assert user.severity("arithmetic") == default.severity("arithmetic")
    for rule in ("value_mismatch", "scale_slip", "currency_mislabel", "date_mismatch", "internal_equivalence"):
        assert user.enabled(rule)
        assert user.severity(rule) == default.severity(rule)


@pytest.mark.parametrize("content", [
    pytest.param("[tolerance\nerror_gap = ", id="invalid-toml"),
    pytest.param(None, id="missing-file"),
])
def test_load_config_rejects_unusable_file(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "rules.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules\.toml"):
        load_config(path)


# ---------------------------------------------------------------------------------------
# a tie between independent sources: no consensus, no suggested value, no side called wrong

TIES = [
    pytest.param(["The ferry carried 212 passengers when it sank off the cape, the coastguard said.",
                  "The ferry carried 221 passengers when it sank off the cape, the coastguard said."],
                 "212 passengers", "221 passengers", id="one-against-one"),
]


@pytest.mark.parametrize(("articles", "a", "b"), TIES)
def test_a_tie_has_no_consensus(tmp_path: Path, articles: list[str], a: str, b: str) -> None:
    result = run(tmp_path, articles)
    found = holding(result, a, b)
    assert len(found) == 1, describe(result)
    f = found[0]
    assert f.message.startswith("sources disagree: ")
    assert f.suggested is None
    assert "No consensus: " in f.explanation and "\nConsensus: " not in f.explanation


# ---------------------------------------------------------------------------------------
# currencies: the same number under another sign is a mislabel, whatever the drift of rates;
# a conversion is consistent within the currency's spread, wider for an older story

CURRENCY = [
    pytest.param(["The winner of the race gets €40,000, organisers said on Monday.",
                  "The winner of the race gets €40,000, organisers said on Monday.",
                  "The winner of the race gets $40,000, organisers said on Monday."],
                 "$40,000", "EUR", id="euro-number-under-a-dollar-sign"),
    pytest.param(["The winner of the race gets €40,000, organisers said on Monday.",
                  "The winner of the race gets €40,000, organisers said on Monday.",
                  "The winner of the race gets CHF 40,000, organisers said on Monday.",
                  "The winner of the race gets $40,000, organisers said on Monday."],
                 "$40,000", "EUR", id="the-consensus-currency-not-a-neighbour"),
]


@pytest.mark.parametrize(("articles", "wrong", "currency"), CURRENCY)
def test_currency_mislabel_names_the_consensus_currency(tmp_path: Path, articles: list[str], wrong: str,
                                                         currency: str) -> None:
    result = run(tmp_path, articles)
    found = [f for f in holding(result, wrong) if f.rule == "currency_mislabel" and wrong in f.message]
    assert len(found) == 1, describe(result)
    assert f"matches the {currency} figure" in found[0].message


CONVERSIONS = [
    pytest.param("May 2, 2025\n\nThe prize is €40,000 (about $44,000), organisers said.", False,
                 id="a-conversion-at-another-month's-rate"),
    pytest.param("May 2, 2025\n\nThe prize is €40,000 (about $75,000), organisers said.", True,
                 id="a-conversion-that-cannot-be-right"),
    pytest.param("May 2, 2011\n\nThe fund is worth €30 billion ($42 billion), officials said.", False,
                 id="an-older-story's-rate"),
    pytest.param("May 2, 2025\n\nThe prize is €40,000 ($40,000), organisers said.", True,
                 id="only-the-sign-changed"),
    pytest.param("May 2, 2025\n\nThe levy is HK$780 million (US$100 million), officials said.", False,
                 id="a-pegged-conversion"),
]


@pytest.mark.parametrize(("article", "flagged"), CONVERSIONS)
def test_a_conversion_allows_for_the_drift_of_rates(tmp_path: Path, article: str, flagged: bool) -> None:
    result = run(tmp_path, [article])
    found = [f for f in result.findings if f.rule == "internal_equivalence"]
    assert bool(found) is flagged, describe(result)


# ---------------------------------------------------------------------------------------
# a margin stated with its two shares: (article, the margin's quote if it does not fit, else None)

MARGINS = [
    pytest.param("Lina Paas won 51.8% of the vote to 41.2% for Tomas Ekk, a margin of 8.6 percentage points.",
                 "8.6 percentage points", id="margin-of-points-off"),
    pytest.param("In the second race Ana Ruiz won 48.3% to 44.9%, a lead of 2.4 points.", "2.4 points",
                 id="lead-of-points-off"),
    pytest.param("Lina Paas won 51.8% of the vote to 41.2% for Tomas Ekk, a margin of 10.6 percentage points.", None,
                 id="margin-fits"),
    pytest.param("Ana Ruiz won by 3.4 points, 48.3% to 44.9%.", None, id="won-by-fits"),
    pytest.param("Prices rose 12% and wages 9%, 40 points below the peak.", None, id="points-that-are-no-margin"),
]


@pytest.mark.parametrize(("article", "margin"), MARGINS)
def test_margin_between_two_shares(tmp_path: Path, article: str, margin: str | None) -> None:
    result = run(tmp_path, [article])
    found = [f for f in result.findings if f.rule == "arithmetic" and "margin" in f.explanation]
    if margin is None:
        assert found == [], describe(result)
        return
    assert len(found) == 1 and found[0].severity == "warning", describe(result)
    assert margin in texts(result, found[0])
