"""Serialise a Result (the JSON contract) and write files atomically."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from .models import SCHEMA, Claim, Finding, Group, Result, Source


def to_dict(result: Result) -> dict[str, Any]:
    """The documented JSON contract (``reconcile/1``): stable order, no timestamps."""
    return {
        "schema": SCHEMA,
        "summary": {
            "sources": len(result.sources),
            "claims": len(result.claims),
            "groups": len(result.groups),
            "findings": result.counts(),
            "skipped": len(result.skipped),
        },
        "sources": [_source(s) for s in result.sources],
        "claims": [_claim(c) for c in result.claims],
        "groups": [_group(g) for g in result.groups],
        "findings": [_finding(f) for f in result.findings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
    }


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _num(x: float | None) -> float | str | None:
    if x is None:
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _source(s: Source) -> dict[str, Any]:
    return {"id": s.id, "path": s.path, "title": s.title, "date": s.date, "format": s.format,
            "encoding": s.encoding, "sha256": s.sha256, "chars": len(s.text), "notes": list(s.notes)}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "source": c.source, "start": c.start, "end": c.end, "text": c.text,
        "value": c.value, "unit": c.unit, "kind": c.kind, "qualifier": c.qualifier,
        "low": _num(c.low), "high": _num(c.high), "noun": c.noun, "subject": c.subject,
        "role": c.role, "range": c.range_id or None, "attribution": c.attribution or None,
        "sentence": c.sentence,
        "sentence_start": c.sentence_start, "notes": list(c.notes),
    }


def _group(g: Group) -> dict[str, Any]:
    return {"id": g.id, "dimension": g.dimension, "label": g.label, "claims": list(g.claims),
            "consensus": g.consensus, "consensus_text": g.consensus_text, "support": g.support,
            "why": list(g.why), "score": g.score}


def _finding(f: Finding) -> dict[str, Any]:
    return {"id": f.id, "rule": f.rule, "severity": f.severity, "claims": list(f.claims),
            "message": f.message, "explanation": f.explanation, "group": f.group,
            "suggested": f.suggested}


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename into place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
