"""The one place that turns results into pandas frames (the CSV claim ledger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Result

if TYPE_CHECKING:
    import pandas as pd

LEDGER_COLUMNS = [
    "claim_id", "source", "path", "start", "end", "located", "text", "value", "unit", "kind", "qualifier",
    "low", "high", "noun", "subject", "group", "consensus", "findings", "worst_severity", "sentence",
]


def ledger(result: Result) -> pd.DataFrame:
    """One row per claim, with its group and the findings that name it."""
    import pandas as pd  # heavy: only when a ledger is asked for

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
        rows.append({
            "claim_id": c.id, "source": c.source, "path": source.path if source else "", "start": start,
            "end": end, "located": located, "text": c.text, "value": c.value, "unit": c.unit, "kind": c.kind,
            "qualifier": c.qualifier, "low": c.low, "high": c.high, "noun": c.noun,
            "subject": c.subject, "group": gid, "consensus": consensus,
            "findings": " ".join(findings_of.get(c.id, [])), "worst_severity": worst.get(c.id, ""),
            "sentence": " ".join(c.sentence.split()),
        })
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def ledger_csv(result: Result) -> str:
    return str(ledger(result).to_csv(index=False, lineterminator="\n"))
