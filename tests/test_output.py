"""The JSON result is exactly the standard library's ``json.dumps(..., indent=1)`` of the
documented dictionary, however it is encoded and written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconciler.output.atomic import write_atomic
from reconciler.output.result import encode_indented, json_chunks, to_dict, to_json
from reconciler.pipeline import Options, reconcile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=5), inner, max_size=4), max_leaves=20)


@given(_values)
def test_encoder_matches_the_standard_library(value: Any) -> None:
    assert encode_indented(value) == json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)


@pytest.mark.parametrize("value", [{1: 2, None: 3, False: [], 2.5: {}}, ("a", (1,)), [], {}, "\u2028\x00\"\\"])
def test_encoder_odd_values(value: Any) -> None:
    assert encode_indented(value, "\n  ") == json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n  ")


@pytest.mark.parametrize("value", [float("nan"), [float("inf")], {"x": -float("inf")}])
def test_encoder_refuses_what_json_cannot_hold(value: Any) -> None:
    with pytest.raises(ValueError, match="Out of range"):
        encode_indented(value)


def test_result_json_is_the_documented_dict(tmp_path: Path) -> None:
    result = reconcile([SEEDS], Options(jobs=1))
    text = to_json(result)
    assert text == json.dumps(to_dict(result), ensure_ascii=False, indent=1) + "\n"
    write_atomic(tmp_path / "r.json", json_chunks(result))
    assert (tmp_path / "r.json").read_text("utf-8") == text
