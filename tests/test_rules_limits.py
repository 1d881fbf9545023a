"""Rules at the edges of arithmetic, as a named table of invented articles: zeros where a rule
divides, figures whose ratio or conversion no float holds. Each run completes with valid JSON
(strict: no NaN, no Infinity) and the findings the figures call for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rulekit import describe, run

from reconciler.output.result import to_json


def _strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


EDGES = [
    pytest.param(["The depot used 40 forklifts for 10 hours of work at $0 per forklift hour. "
                  "The total cost was $5,000."], "arithmetic", "= 0 USD", id="zero-rate"),
    pytest.param(["The depot used 40 forklifts for 10 hours of work at $3 per forklift hour. "
                  "The total cost was $0."], "arithmetic", "all of it", id="zero-total"),
    pytest.param(["The fund (vessel plus freight) came to $0.",
                  "The vessel cost $3 million.", "The freight cost $1 million."], None, "", id="zero-sum-total"),
    pytest.param(["The fund (vessel plus freight) came to $0. The vessel cost $3 million. "
                  "The freight cost $1 million."], "arithmetic", "all of it", id="zero-sum-in-one-article"),
    pytest.param(["The crossing took 4 days, or 0 hours."], "internal_equivalence", "", id="restated-as-zero"),
    pytest.param(["The harbour held 0 crates on Monday, the port said.",
                  "The harbour held 12 crates on Monday, the port said."], None, "", id="zero-against-twelve"),
    pytest.param(["The probe measured 1e-300 grams of dust in the sample.",
                  "The probe measured 1e300 grams of dust in the sample."], None, "", id="ratio-beyond-floats"),
    pytest.param(["The cable ran 1.7e308 km under the sea.", "The cable ran 5 km under the sea."], None, "",
                 id="conversion-beyond-floats"),
    pytest.param(["The depot used 1e200 forklifts for 1e200 hours of work at $2 per forklift hour. "
                  "The total cost was $5,000."], None, "", id="product-beyond-floats"),
]


@pytest.mark.parametrize(("articles", "rule", "words"), EDGES)
def test_rules_at_the_edges(tmp_path: Path, articles: list[str], rule: str | None, words: str) -> None:
    result = run(tmp_path, articles)  # strict (tests/conftest.py): an internal error fails here
    data = _strict(to_json(result))
    assert isinstance(data, dict) and data["errors"] == []
    if rule is None:
        return
    found = [f for f in result.findings if f.rule == rule]
    assert found, describe(result)
    assert words in found[0].message + " " + found[0].explanation, describe(result)
