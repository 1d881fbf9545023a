"""The claim ledger: one row per claim, as a pandas frame or as the CSV file the CLI writes.

The CSV is written with the standard ``csv`` module, cell for cell what
``ledger(result).to_csv(index=False, lineterminator="\\n")`` gives (pandas writes through
that module too), without building the frame: a run does not import pandas, and a large
corpus is written piece by piece.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .models import Result

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEDGER_COLUMNS", "ledger", "ledger_csv", "ledger_csv_chunks"]

LEDGER_COLUMNS = [
    "claim_id", "source", "path", "start", "end", "located", "text", "value", "unit", "kind", "qualifier",
    "low", "high", "noun", "subject", "group", "consensus", "findings", "worst_severity", "sentence",
]


_NUMBERS = tuple(LEDGER_COLUMNS.index(n) for n in ("start", "end", "value", "low", "high"))


def _rows(result: Result) -> list[list[Any]]:
    """The ledger's cells, row by row, in :data:`LEDGER_COLUMNS` order."""
    from .output import file_position

    by_id = {s.id: s for s in result.sources}
    group_of: dict[str, tuple[str, str]] = {}
    for g in result.groups:
        for cid in g.claims:
            group_of[cid] = (g.id, g.consensus_text)
    findings_of: dict[str, list[str]] = {}
    worst: dict[str, str] = {}
    rank = {"error": 0, "warning": 1, "info": 2}
    for f in result.findings:
        for cid in f.claims:
            findings_of.setdefault(cid, []).append(f.id)
            if cid not in worst or rank[f.severity] < rank[worst[cid]]:
                worst[cid] = f.severity
    rows = []
    for c in result.claims:
        gid, consensus = group_of.get(c.id, ("", ""))
        source = by_id.get(c.source)
        start, end, located = file_position(c, source)
        rows.append([
            c.id, c.source, source.path if source else "", start, end, located, c.text, c.value, c.unit, c.kind,
            c.qualifier, c.low, c.high, c.noun, c.subject, gid, consensus,
            " ".join(findings_of.get(c.id, [])), worst.get(c.id, ""), " ".join(c.sentence.split()),
        ])
    return rows


def ledger(result: Result) -> pd.DataFrame:
    """One row per claim, with its group and the findings that name it."""
    import pandas as pd  # heavy: only when a frame is asked for

    return pd.DataFrame([dict(zip(LEDGER_COLUMNS, row, strict=True)) for row in _rows(result)],
                        columns=LEDGER_COLUMNS)


def ledger_csv(result: Result) -> str:
    return "".join(ledger_csv_chunks(result))


def ledger_csv_chunks(result: Result, batch: int = 4000) -> Iterator[str]:
    """The CSV ledger in pieces (for :func:`reconciler.output.write_atomic`)."""
    rows = _rows(result)
    for k in _NUMBERS:  # the other columns hold text, which both write as is
        _as_pandas_writes(rows, k)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # pandas' defaults: minimal quoting with "
    writer.writerow(LEDGER_COLUMNS)
    for i in range(0, len(rows), batch):
        writer.writerows(rows[i:i + batch])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if not rows:
        yield buffer.getvalue()


def _as_pandas_writes(rows: list[list[Any]], k: int) -> None:
    """Column ``k`` made to print as pandas prints it, where the csv module would differ.

    Both write None as nothing, text as is, and an integer or a float as ``str`` does. But
    pandas infers one type per column: in a column of numbers with a fraction or a gap, a
    whole number is a float (``5`` is written ``5.0``), and NaN is a gap, written as nothing.
    """
    kinds = {type(row[k]) for row in rows}
    if float in kinds and kinds <= {int, float, type(None)}:
        if int in kinds or any(row[k] != row[k] for row in rows if row[k] is not None):
            for row in rows:
                v = row[k]
                row[k] = "" if v is None or v != v else repr(float(v))
    elif kinds == {int, type(None)}:
        for row in rows:
            row[k] = "" if row[k] is None else repr(float(row[k]))
    elif float in kinds:
        for row in rows:
            v = row[k]
            if type(v) is float and v != v:
                row[k] = ""
