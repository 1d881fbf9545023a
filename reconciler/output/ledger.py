"""The claim ledger: one row per claim, as a pandas frame and the CSV file pandas writes from it.

The ledger has a fixed schema (:data:`LEDGER_DTYPES`): each column's type is set, never
inferred from the rows at hand, so the CSV of any batch of claims is written the same way
as it would be in the whole frame. A large ledger is therefore written a batch of claims at
a time (never held whole, and by a worker while the report is made: see
:func:`reconciler._engine.background.outputs_in_background`), and the pieces join into exactly what one
``to_csv`` of the whole frame writes. pandas is imported only when a ledger is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reconciler.models import Claim, Finding, Group, Result, Source

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["LEDGER_COLUMNS", "LEDGER_DTYPES", "LedgerRows", "ledger", "ledger_csv", "ledger_csv_chunks"]

LEDGER_COLUMNS = [
    "claim_id", "source", "path", "start", "end", "located", "text", "value", "unit", "kind", "qualifier",
    "low", "high", "noun", "subject", "group", "consensus", "findings", "worst_severity", "sentence",
]
# Positions are whole numbers; a range's ends are numbers, blank when open; ``value`` is a
# number or, for a date, its ISO text. Every other column is text.
LEDGER_DTYPES: dict[str, str] = {"start": "Int64", "end": "Int64", "low": "float64", "high": "float64"}
_RANK = {"error": 0, "warning": 1, "info": 2}
# A text cell starting with one of these is read as a formula by spreadsheets (CSV injection):
# such a cell gets a leading ``'`` (OWASP's advice). Numbers are written as numbers, so a
# negative value or bound stays numeric.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A ledger cell that no spreadsheet runs as a formula.

    >>> [safe_cell(v) for v in ("=HYPERLINK(1)", "-5%", "@SUM(A1)", "$294,000", -5.0, None)]
    ["'=HYPERLINK(1)", "'-5%", "'@SUM(A1)", '$294,000', -5.0, None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class LedgerRows:
    """The ledger's cells for any batch of a result's claims: the lookups (each claim's
    source, group and findings) are made once, from the parts of the result that stay small."""

    def __init__(self, sources: Iterable[Source], groups: Iterable[Group], findings: Iterable[Finding]) -> None:
        self.sources = {s.id: s for s in sources}
        self.group_of: dict[str, tuple[str, str]] = {}
        for g in groups:
            for cid in g.claims:
                self.group_of[cid] = (g.id, g.consensus_text)
        self.findings_of: dict[str, list[str]] = {}
        self.worst: dict[str, str] = {}
        for f in findings:
            for cid in f.claims:
                self.findings_of.setdefault(cid, []).append(f.id)
                if cid not in self.worst or _RANK[f.severity] < _RANK[self.worst[cid]]:
                    self.worst[cid] = f.severity

    def rows(self, claims: Iterable[Claim]) -> list[list[Any]]:
        """One row per claim, in :data:`LEDGER_COLUMNS` order."""
        from reconciler.output.result import file_position

        rows = []
        for c in claims:
            gid, consensus = self.group_of.get(c.id, ("", ""))
            source = self.sources.get(c.source)
            start, end, located = file_position(c, source)
            # every cell that can hold text from an article or a file name is made formula-safe;
            # the others hold the tool's own words (kinds, qualifiers, ids) and numbers
            rows.append([
                safe_cell(c.id), safe_cell(c.source), safe_cell(source.path if source else ""), start, end, located,
                safe_cell(c.text), safe_cell(c.value), safe_cell(c.unit), c.kind, c.qualifier, c.low, c.high,
                safe_cell(c.noun), safe_cell(c.subject), gid, safe_cell(consensus),
                " ".join(self.findings_of.get(c.id, [])), self.worst.get(c.id, ""),
                safe_cell(" ".join(c.sentence.split())),
            ])
        return rows

    def frame(self, claims: Iterable[Claim]) -> pd.DataFrame:
        """The ledger of ``claims`` as a frame of the ledger's schema."""
        import pandas as pd  # heavy: only when a ledger is asked for

        rows = self.rows(claims)
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in LEDGER_COLUMNS]
        return pd.DataFrame({name: pd.Series(column, dtype=LEDGER_DTYPES.get(name, object))
                             for name, column in zip(LEDGER_COLUMNS, columns, strict=True)})

    def csv(self, claims: Iterable[Claim], header: bool) -> str:
        """The CSV lines of ``claims`` (after the header line, when asked for)."""
        return str(self.frame(claims).to_csv(index=False, header=header, lineterminator="\n"))


def ledger(result: Result) -> pd.DataFrame:
    """One row per claim, with its group and the findings that name it."""
    return LedgerRows(result.sources, result.groups, result.findings).frame(result.claims)


def ledger_csv(result: Result) -> str:
    return "".join(ledger_csv_chunks(result))


def ledger_csv_chunks(result: Result, batch: int = 20_000) -> Iterator[str]:
    """The CSV ledger in pieces (for :func:`reconciler.output.write_atomic`), written by pandas
    a batch of claims at a time."""
    return ledger_csv_batches(LedgerRows(result.sources, result.groups, result.findings),
                              (result.claims[i:i + batch] for i in range(0, len(result.claims), batch)))


def ledger_csv_batches(rows: LedgerRows, batches: Iterable[Sequence[Claim]]) -> Iterator[str]:
    """The CSV ledger of the claims in ``batches``, a piece per batch (the header alone when
    there are none)."""
    header = True
    for claims in batches:
        yield rows.csv(claims, header)
        header = False
    if header:
        yield rows.csv((), True)
