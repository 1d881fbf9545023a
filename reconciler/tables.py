"""The claim ledger: one row per claim, as a pandas frame and the CSV file pandas writes from it.

pandas is imported only when a ledger is made; the frame is built once from plain rows and
written in slices of rows (one dtype per column, so the pieces join into exactly what one
``to_csv`` of the whole frame writes), so a large corpus's CSV is never held whole.
"""

from __future__ import annotations

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
    import pandas as pd  # heavy: only when a ledger is asked for

    return pd.DataFrame(_rows(result), columns=LEDGER_COLUMNS)


def ledger_csv(result: Result) -> str:
    return "".join(ledger_csv_chunks(result))


def ledger_csv_chunks(result: Result, batch: int = 20_000) -> Iterator[str]:
    """The CSV ledger in pieces (for :func:`reconciler.output.write_atomic`), written by pandas."""
    frame = ledger(result)
    yield str(frame.iloc[:batch].to_csv(index=False, lineterminator="\n"))
    for i in range(batch, len(frame), batch):
        yield str(frame.iloc[i:i + batch].to_csv(index=False, header=False, lineterminator="\n"))
