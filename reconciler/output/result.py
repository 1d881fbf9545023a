"""The JSON contract (schema reconcile/1): a Result as plain data, and its streamed encoding."""

from __future__ import annotations

import dataclasses
import json
import json.encoder
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from reconciler.desk.selectors import selectors
from reconciler.models import SCHEMA, Claim, Finding, Frame, Group, Problem, Result, Source
from reconciler.read.pdf import page_of
from reconciler.read.verbatim import file_span

if TYPE_CHECKING:
    pass




def to_dict(result: Result) -> dict[str, Any]:
    """The documented JSON contract (``reconcile/1``): stable order, no timestamps."""
    by_id = {s.id: s for s in result.sources}
    return {
        "schema": SCHEMA,
        "summary": {
            "sources": len(result.sources),
            "claims": len(result.claims),
            "groups": len(result.groups),
            "findings": result.counts(),
            "skipped": len(result.skipped),
            "errors": len(result.errors),
        },
        "sources": [_source(s) for s in result.sources],
        "claims": [_claim(c, by_id.get(c.source)) for c in result.claims],
        "groups": [_group(g) for g in result.groups],
        "findings": [_finding(f) for f in result.findings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "errors": [_problem(p) for p in result.errors],
    }


def to_json(result: Result) -> str:
    """The JSON text: exactly ``json.dumps(to_dict(result), indent=1, ensure_ascii=False)``."""
    return "".join(json_chunks(result))


def json_chunks(result: Result) -> Iterator[str]:
    """:func:`to_json` in pieces, one record at a time, so a large corpus is written as it is
    encoded and never held whole (nor its millions of small JSON pieces)."""
    by_id = {s.id: s for s in result.sources}
    lists: dict[str, tuple[Iterable[Any], Callable[[Any], Any]]] = {
        "sources": (result.sources, _source),
        "claims": (result.claims, lambda c: _claim(c, by_id.get(c.source))),
        "groups": (result.groups, _group),
        "findings": (result.findings, _finding),
        "skipped": (result.skipped, lambda s: {"path": s.path, "reason": s.reason}),
        "errors": (result.errors, _problem),
    }
    head = {"schema": SCHEMA, "summary": {
        "sources": len(result.sources), "claims": len(result.claims), "groups": len(result.groups),
        "findings": result.counts(), "skipped": len(result.skipped),
        "errors": len(result.errors)}}
    yield "{"
    for key, value in head.items():
        yield f"\n {_STRING(key)}: {encode_indented(value, _PAD1)},"
    for i, (key, (items, row)) in enumerate(lists.items()):
        comma = "," if i < len(lists) - 1 else ""
        batch: list[str] = []
        opened = False
        for x in items:
            batch.append(encode_indented(row(x), _PAD2))
            if len(batch) == _BATCH:
                yield (",\n  " if opened else f"\n {_STRING(key)}: [\n  ") + ",\n  ".join(batch)
                batch, opened = [], True
        if batch:
            yield (",\n  " if opened else f"\n {_STRING(key)}: [\n  ") + ",\n  ".join(batch)
            opened = True
        yield f"\n ]{comma}" if opened else f"\n {_STRING(key)}: []{comma}"
    yield "\n}\n"


_BATCH = 512  # records encoded per piece
_PAD1, _PAD2 = "\n ", "\n  "
_STRING: Callable[[str], str] = json.encoder.encode_basestring


def encode_indented(value: Any, pad: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)``, byte for byte, with
    every line after the first prefixed by ``pad[1:]`` (the record's own indentation).

    The standard library's encoder turns to pure Python generators once ``indent`` is
    given; this is a plain recursion over the few types the result holds.

    >>> encode_indented({"a": [1, 2.5, None, True], "b": {}, "c": "x\\n"}) == json.dumps(
    ...     {"a": [1, 2.5, None, True], "b": {}, "c": "x\\n"}, ensure_ascii=False, indent=1)
    True
    """
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    t = type(value)
    if t is dict:
        if not value:
            return "{}"
        inner = pad + " "
        return "{" + inner + ("," + inner).join(
            [(_KEYS.get(k) or _key(k)) + (f(v) if (f := _SCALARS.get(type(v))) else encode_indented(v, inner))
             for k, v in value.items()]) + pad + "}"
    if t is list or t is tuple:
        if not value:
            return "[]"
        inner = pad + " "
        return "[" + inner + ("," + inner).join(
            [f(v) if (f := _SCALARS.get(type(v))) else encode_indented(v, inner) for v in value]) + pad + "]"
    # subclasses and anything else: exactly what the standard library does
    return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False).replace("\n", pad)


def _float(x: float) -> str:
    if x != x or x in (math.inf, -math.inf):
        raise ValueError("Out of range float values are not JSON compliant: " + repr(x))
    return float.__repr__(x)


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _STRING, int: int.__repr__, float: _float, bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null"}
_KEYS: dict[Any, str] = {}  # "key": as encoded, for the few keys records have


def _key(k: Any) -> str:
    if type(k) is str:
        encoded = _STRING(k) + ": "
        if len(_KEYS) < 1000:
            _KEYS[k] = encoded
        return encoded
    return json.dumps({k: 0}, ensure_ascii=False)[1:-4] + ": "  # a number, bool or None as a key


def _num(x: float | None) -> float | str | None:
    if x is None:
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _source(s: Source) -> dict[str, Any]:
    out = {"id": s.id, "path": s.path, "outlet": s.outlet, "title": s.title, "date": s.date, "format": s.format,
           "encoding": s.encoding, "sha256": s.sha256, "chars": len(s.text), "notes": list(s.notes)}
    if s.primary:  # only on the editor's primary sources (--primary, reconcile.toml)
        out["primary"] = True
    return out


def outlets_of(claim_ids: Iterable[str], claim_of: Mapping[str, tuple[str, str]], outlet_of: Mapping[str, str]) -> str:
    """Who printed each figure of a finding, for a line of text: each figure as quoted, then the
    outlets that print it (a source without one by its id); "" when no source names its outlet.

    ``claim_of`` maps a claim id to (source id, quoted text).

    >>> claims = {"c1": ("a", "212"), "c2": ("b", "312"), "c3": ("c", "212")}
    >>> outlets_of(["c1", "c2", "c3"], claims, {"a": "Harbor Wire", "b": "Bay Courier"})
    '212: Harbor Wire, c; 312: Bay Courier'
    >>> outlets_of(["c1"], claims, {})
    ''
    """
    if not outlet_of:
        return ""
    by_text: dict[str, dict[str, None]] = {}
    for cid in claim_ids:
        if cid in claim_of:
            sid, text = claim_of[cid]
            by_text.setdefault(" ".join(text.split()), {}).setdefault(outlet_of.get(sid) or sid, None)
    return "; ".join(f"{text}: {', '.join(names)}" for text, names in by_text.items())


def file_position(c: Claim, source: Source | None) -> tuple[int, int, str]:
    """Where the claim's quote is in the file: (start, end, "file"); for an HTML page whose
    text at that point is not verbatim in the markup (an entity, a tag inside the figure),
    its place in the extracted article text: (start, end, "text"), as for a PDF or Word
    document, whose text is not in the file as written."""
    if source is not None and source.format in ("pdf", "docx"):
        return c.start, c.end, "text"
    if source is None or source.format != "html":
        return c.start, c.end, "file"  # text files: the article text is the file as read
    span = file_span(source.origin, c.start, c.end)
    return (span[0], span[1], "file") if span else (c.start, c.end, "text")


def _claim(c: Claim, source: Source | None) -> dict[str, Any]:
    """A claim: its position in the file, and W3C Web Annotation selectors of its quote in
    the article text."""
    start, end, located = file_position(c, source)
    return {
        "id": c.id, "source": c.source, "start": start, "end": end, "located": located,
        "page": page_of(source.pages, c.start) if source else None, "text": c.text,
        "value": c.value, "unit": c.unit, "kind": c.kind, "qualifier": c.qualifier,
        "low": _num(c.low), "high": _num(c.high), "noun": c.noun, "subject": c.subject,
        "role": c.role, "range": c.range_id or None, "attribution": c.attribution or None,
        "rounding": c.rounding or None, "frame": _frame(c.frame),
        "sentence": c.sentence,
        "sentence_start": c.sentence_start, "notes": list(c.notes),
        "selector": selectors(source.text if source else "", c),
    }


def _frame(f: Frame) -> dict[str, str]:
    """The claim's frame, only the fields the sentence sets (in the dataclass's order)."""
    # its fields are plain strings: read directly, not through dataclasses.asdict, whose deep
    # copy was 40% of the JSON result's encoding (9.8 s at 10,000 articles, 2026-12-04)
    return {k: v for k in _FRAME_FIELDS if (v := getattr(f, k))}


_FRAME_FIELDS = tuple(field.name for field in dataclasses.fields(Frame))


def _group(g: Group) -> dict[str, Any]:
    out = {"id": g.id, "dimension": g.dimension, "label": g.label, "claims": list(g.claims),
           "consensus": g.consensus, "consensus_text": g.consensus_text, "support": g.support,
           "why": list(g.why), "score": g.score}
    if g.reference:  # the consensus is the figure this primary source states (not a count of voices)
        out["reference"] = g.reference
    return out


def _problem(p: Problem) -> dict[str, Any]:
    return {"where": p.where, "stage": p.stage, "error": p.error}


def _finding(f: Finding) -> dict[str, Any]:
    return {"id": f.id, "rule": f.rule, "severity": f.severity, "claims": list(f.claims),
            "message": f.message, "explanation": f.explanation, "group": f.group,
            "suggested": f.suggested}


