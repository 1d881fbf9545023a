"""What changed since the previous run.

Each run stores a digest of its findings beside the outputs (``.NAME.history.json.gz``,
written atomically) and compares itself with the digest of the previous run: findings that
are new, resolved (gone) or changed (severity, message, suggested value), articles added,
removed or edited, and flagged claims whose quote can no longer be found (their quotes are
looked up with :mod:`reconciler.desk.selectors`).

The file keeps two digests, the latest run's and the one it was compared with, so re-running
on unchanged inputs still shows the last change (and a run killed half-way leaves a
consistent pair).
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconciler.desk.selectors import quote_selector, refind, short_title
from reconciler.models import SEVERITIES, Claim, Finding, Result, Source

DIGEST_CLAIMS = 3  # claims per finding kept in the digest (the ones it is about come first)
SCHEMA = "reconcile-history/1"

# ---------------------------------------------------------------------------------------
# the digest of a run


def digest(result: Result) -> dict[str, Any]:
    """What the next run compares with: sources by hash, findings and their first claims."""
    texts = {s.id: s.text for s in result.sources}
    claims = {c.id: c for c in result.claims}
    groups = {g.id: g for g in result.groups}
    kept: dict[str, list[Any]] = {}
    findings: dict[str, list[Any]] = {}
    for f in result.findings:
        refs = []
        for cid in f.claims[:DIGEST_CLAIMS]:
            c = claims.get(cid)
            if c is None:
                continue
            refs.append(cid)
            if cid not in kept:
                sel = quote_selector(texts.get(c.source, ""), c.start, c.end, 24)
                kept[cid] = [c.source, sel["exact"], sel["prefix"], sel["suffix"], c.start]
        g = groups.get(f.group or "")
        findings[f.id] = [f.severity, f.rule, f.message, f.suggested, (g.label if g else "") or "", refs]
    return {"sources": {s.id: [s.sha256, s.title or s.path] for s in result.sources},
            "findings": findings, "claims": kept}


def state_path(out_dir: str | os.PathLike[str], name: str) -> Path:
    """Where the run history of the outputs called ``name`` lives (hidden, beside them)."""
    return Path(out_dir) / f".{name}.history.json.gz"


def load_state(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The stored history, or None when there is none or it cannot be read (then: a first run)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("latest"), dict):
        return None
    return data


def advance(state: Mapping[str, Any] | None, result: Result, when: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The new state to store after ``result``, and the run to compare it with (None: nothing).

    The run compared with is the latest stored one, unless that one gave this very result
    (a re-run with nothing changed): then it is the one before it, so the report still
    shows the last change rather than an empty list; when there is none before it (nothing
    has changed since the first run), the latest itself: "no change since the run of ...".
    """
    now = digest(result)
    entry = {"when": when, "digest": now}
    if state is None:
        return {"schema": SCHEMA, "latest": entry, "before": None}, None
    latest = state["latest"]
    if latest.get("digest") == now:  # (a digest is JSON's lists, dicts, strings and numbers: equal once read back)
        before = state.get("before")
        kept = {**entry, "when": latest.get("when", when)}
        return {"schema": SCHEMA, "latest": kept, "before": before}, before if before is not None else dict(kept)
    return {"schema": SCHEMA, "latest": entry, "before": latest}, dict(latest)


def save_state(path: str | os.PathLike[str], state: Mapping[str, Any]) -> None:
    from reconciler.output.atomic import write_atomic

    raw = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_atomic(path, gzip.compress(raw, compresslevel=1, mtime=0))  # a quarter of the time of level 6, 1.3x the size


# ---------------------------------------------------------------------------------------
# comparing two runs


@dataclass(frozen=True)
class Change:
    kind: str  # "new" | "resolved" | "changed"
    finding: str  # the finding's id now (or, when resolved, then)
    severity: str
    message: str
    detail: str = ""
    before: str = ""  # the id it had before, when it moved (its claims were re-found elsewhere)


@dataclass(frozen=True)
class Changes:
    first: bool
    since: str = ""
    items: tuple[Change, ...] = ()
    moved: Mapping[str, str] = field(default_factory=dict)  # earlier finding id -> its id now
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()
    sources_edited: tuple[str, ...] = ()
    orphaned_claims: tuple[tuple[str, str], ...] = ()  # (source title, quote) no longer found
    moved_claims: int = 0

    @property
    def none(self) -> bool:
        """Compared with a run, and nothing at all changed since."""
        return not self.first and not (self.items or self.sources_added or self.sources_removed
                                       or self.sources_edited or self.orphaned_claims or self.moved_claims)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.items if c.kind == kind)

    def of(self, finding_id: str) -> Change | None:
        for c in self.items:
            if c.finding == finding_id and c.kind != "resolved":
                return c
        return None


def _first_key(finding: Finding, claims: Mapping[str, Claim], texts: Mapping[str, str]) -> tuple[str, ...] | None:
    if not finding.claims or finding.claims[0] not in claims:
        return None
    c = claims[finding.claims[0]]
    sel = quote_selector(texts.get(c.source, ""), c.start, c.end, 24)
    return (finding.rule, c.source, sel["exact"], sel["prefix"][-12:], sel["suffix"][:12])


_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


def compare(before: Mapping[str, Any] | None, result: Result) -> Changes:
    """What changed from the run ``before`` (an entry stored by :func:`advance`) to ``result``."""
    if before is None:
        return Changes(first=True)
    old = before.get("digest", {})
    old_sources: dict[str, list[Any]] = old.get("sources", {})
    old_findings: dict[str, list[Any]] = old.get("findings", {})
    old_claims: dict[str, list[Any]] = old.get("claims", {})
    sources: dict[str, Source] = {s.id: s for s in result.sources}
    texts = {s.id: s.text for s in result.sources}
    claims = {c.id: c for c in result.claims}
    added = tuple(sorted(short_title(s.title or s.path) for sid, s in sources.items() if sid not in old_sources))
    removed = tuple(sorted(short_title(str(v[1])) for sid, v in old_sources.items() if sid not in sources))
    edited_ids = {sid for sid, v in old_sources.items() if sid in sources and v[0] != sources[sid].sha256}
    edited = tuple(sorted(short_title(sources[sid].title or sources[sid].path) for sid in edited_ids))

    current = {f.id: f for f in result.findings}
    items: list[Change] = []
    moved: dict[str, str] = {}
    unmatched_old = [fid for fid in old_findings if fid not in current]
    unmatched_new = [f for f in result.findings if f.id not in old_findings]
    if unmatched_old and unmatched_new:  # a finding whose claims moved in an edited article
        by_key: dict[tuple[str, ...], list[Finding]] = {}
        for f in unmatched_new:
            k = _first_key(f, claims, texts)
            if k is not None:
                by_key.setdefault(k, []).append(f)
        for fid in list(unmatched_old):
            sev, rule, _msg, _sug, _label, refs = old_findings[fid]
            if not refs or refs[0] not in old_claims:
                continue
            src, exact, prefix, suffix, _start = old_claims[refs[0]]
            cands = by_key.get((rule, src, exact, prefix[-12:], suffix[:12]))
            if cands:
                f = cands.pop(0)
                moved[fid] = f.id
                unmatched_old.remove(fid)
                unmatched_new.remove(f)
    matched = {fid: fid for fid in old_findings if fid in current} | moved
    for fid, now_id in matched.items():
        sev, _rule, msg, sug, _label, _refs = old_findings[fid]
        f = current[now_id]
        what = []
        if sev != f.severity:
            what.append(f"severity {sev} → {f.severity}")
        if sug != f.suggested:
            what.append(f"suggested value {sug or 'none'} → {f.suggested or 'none'}")
        if msg != f.message and not what:
            what.append("wording of the finding changed")
        if what:
            items.append(Change("changed", f.id, f.severity, f.message, "; ".join(what),
                                before=fid if fid != now_id else ""))
    for f in unmatched_new:
        items.append(Change("new", f.id, f.severity, f.message))
    for fid in unmatched_old:
        sev, _rule, msg, _sug, label, _refs = old_findings[fid]
        items.append(Change("resolved", fid, sev, msg, f"quantity: {label}" if label else ""))
    order = {"new": 0, "changed": 1, "resolved": 2}
    items.sort(key=lambda c: (order[c.kind], _RANK.get(c.severity, 9), c.message, c.finding))

    orphaned: list[tuple[str, str]] = []
    moved_claims = 0
    for _cid, (src, exact, prefix, suffix, start) in sorted(old_claims.items()):
        if src not in edited_ids:
            continue
        found = refind(texts[src], {"exact": exact, "prefix": prefix, "suffix": suffix}, hint=start)
        if found is None:
            orphaned.append((short_title(sources[src].title or sources[src].path), exact))
        elif found[0] != start:
            moved_claims += 1
    return Changes(first=False, since=str(before.get("when", "")), items=tuple(items), moved=moved,
                   sources_added=added, sources_removed=removed, sources_edited=edited,
                   orphaned_claims=tuple(orphaned), moved_claims=moved_claims)

