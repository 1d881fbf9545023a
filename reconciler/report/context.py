"""Turn a Result into a ReportContext: all lookups, ordering, formatting and CSS here."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from reconciler.models import SEVERITIES, Claim, Finding, Group, Result, Source

from .views import (
    CellEntry,
    ClaimView,
    FindingView,
    MatrixCell,
    MatrixRow,
    QuoteView,
    ReportContext,
    SeverityCount,
    SkippedView,
    SourceLink,
    SourceView,
    Summary,
)

DEFAULT_TITLE = "Reconcile report"
# Characters kept on each side of the number in a quoted sentence: findings get more
# context; the per-source claim lists (one row per claim, the bulk of a large report) less.
QUOTE_CONTEXT = 240
SOURCE_QUOTE_CONTEXT = 100
SHORT_TITLE = 32  # characters of a source title in a matrix column header
MARKED = ("error", "warning")  # severities that colour matrix cells and claims
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
SEVERITY_PLURALS = {"error": "Errors", "warning": "Warnings", "info": "Info"}

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def html_id(prefix: str, raw: str) -> str:
    """``prefix`` + ``raw`` with every char outside [A-Za-z0-9_-] replaced by '_'."""
    return prefix + _UNSAFE_ID.sub("_", raw)


def anchor_map(prefix: str, ids: Iterable[str]) -> dict[str, str]:
    """Map raw ids to unique HTML ids; sanitising collisions get a numeric suffix."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for raw in ids:
        if raw in out:
            continue
        base = candidate = html_id(prefix, raw)
        n = 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        out[raw] = candidate
    return out


def format_number(value: float | str | None) -> str:
    """Human display of a value: thousands separators, no float noise, strings as is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return str(value)
    tidy = float(f"{value:.12g}")
    if tidy.is_integer() and abs(tidy) < 1e15:
        return f"{int(tidy):,}"
    return format(tidy, ",")


def bounds_text(claim: Claim) -> str:
    if claim.low is None or claim.high is None or claim.low == claim.high:
        return ""
    return f"{format_number(claim.low)} \u2013 {format_number(claim.high)}"


def _clip(before: str, after: str, width: int) -> tuple[str, str]:
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return before, after


def split_quote(
    sentence: str, text: str, offset: int, width: int = QUOTE_CONTEXT
) -> QuoteView:
    """Split ``sentence`` around ``text``, trusting ``offset`` first, then searching.

    Each side is clipped to ``width`` characters (marked with an ellipsis).
    """
    at = -1
    if text and 0 <= offset <= len(sentence) - len(text) and sentence.startswith(text, offset):
        at = offset
    elif text:
        at = sentence.find(text)
    if at < 0:  # not found: show the (clipped) sentence, then the number on its own
        before, _ = _clip(sentence, "", width)
        return QuoteView(before=before, mark=text, after="", exact=not sentence)
    before, after = _clip(sentence[:at], sentence[at + len(text):], width)
    return QuoteView(before=before, mark=text, after=after)


_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


def _severity_rank(severity: str) -> int:
    return _RANK.get(severity, len(_RANK))


def _worst(severities: Iterable[str]) -> str:
    return min(severities, key=_severity_rank, default="")


def _sev_css(severity: str) -> str:
    return html_id("sev-", severity) if severity else ""


def _short(title: str) -> str:
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1].rstrip() + "…"


class _Builder:
    def __init__(self, result: Result) -> None:
        self.result = result
        self.sources = {s.id: s for s in result.sources}
        self.claims = {c.id: c for c in result.claims}
        self.groups = {g.id: g for g in result.groups}
        self.claim_anchor = anchor_map("claim-", self.claims)
        self.source_anchor = anchor_map("src-", self.sources)
        self.group_anchor = anchor_map("group-", self.groups)
        self.finding_anchor = anchor_map("finding-", (f.id for f in result.findings))
        marks: dict[str, list[str]] = {}
        for f in result.findings:
            if f.severity in MARKED:
                for cid in f.claims:
                    marks.setdefault(cid, []).append(f.severity)
        self.claim_severity = {cid: _worst(sevs) for cid, sevs in marks.items()}
        self._claim_views: dict[tuple[str, int], ClaimView] = {}

    def claim_view(self, claim: Claim, width: int = QUOTE_CONTEXT) -> ClaimView:
        cached = self._claim_views.get((claim.id, width))
        if cached is not None:
            return cached
        source = self.sources.get(claim.source)
        value = format_number(claim.value)
        view = ClaimView(
            id=claim.id,
            anchor=self.claim_anchor[claim.id],
            text=claim.text,
            kind=claim.kind,
            value=value,
            unit=claim.unit,
            amount=f"{value} {claim.unit}" if claim.unit else value,
            qualifier=claim.qualifier,
            bounds=bounds_text(claim),
            source_anchor=self.source_anchor[source.id] if source else "",
            source_title=source.title if source else claim.source,
            source_path=source.path if source else "",
            quote=split_quote(
                claim.sentence, claim.text, claim.start - claim.sentence_start, width
            ),
            css=_sev_css(self.claim_severity.get(claim.id, "")),
        )
        self._claim_views[(claim.id, width)] = view
        return view

    def finding_view(self, finding: Finding) -> FindingView:
        known = [self.claims[c] for c in finding.claims if c in self.claims]
        group = self.groups.get(finding.group) if finding.group else None
        return FindingView(
            id=finding.id,
            anchor=self.finding_anchor[finding.id],
            rule=finding.rule,
            severity=finding.severity,
            severity_label=SEVERITY_LABELS.get(finding.severity, finding.severity),
            css=_sev_css(finding.severity),
            message=finding.message,
            explanation=finding.explanation,
            suggested=finding.suggested,
            group_label=(group.label or group.id) if group else (finding.group or ""),
            group_anchor=self.group_anchor[group.id] if group else "",
            claims=tuple(self.claim_view(c) for c in known),
            missing_claims=tuple(c for c in finding.claims if c not in self.claims),
        )

    def _cell(self, found: list[Claim]) -> MatrixCell:
        worst = _sev_css(_worst(self.claim_severity.get(c.id, "") for c in found))
        entries = []
        for c in sorted(found, key=lambda c: c.start):
            css = _sev_css(self.claim_severity.get(c.id, ""))
            entries.append(CellEntry(
                text=c.text,
                href="#" + self.claim_anchor[c.id],
                # "" = as the cell says; else its own severity, "plain" for none
                css="" if css == worst else (css or "plain"),
            ))
        return MatrixCell(span=1, css=worst, entries=tuple(entries))

    def matrix_row(self, group: Group, columns: dict[str, int]) -> MatrixRow:
        per_column: dict[int, list[Claim]] = {}
        for cid in group.claims:
            claim = self.claims.get(cid)
            if claim is not None and claim.source in columns:
                per_column.setdefault(columns[claim.source], []).append(claim)
        cells: list[MatrixCell] = []
        next_col = 0  # first column not yet covered by a cell
        for col in sorted(per_column):  # O(claims in the group), not O(sources)
            if col > next_col:
                cells.append(MatrixCell(span=col - next_col, css="", entries=()))
            cells.append(self._cell(per_column[col]))
            next_col = col + 1
        if next_col < len(columns):
            cells.append(MatrixCell(span=len(columns) - next_col, css="", entries=()))
        row_sev = _worst(self.claim_severity[c] for c in group.claims if c in self.claim_severity)
        consensus = group.consensus_text or format_number(group.consensus) or "no consensus"
        return MatrixRow(
            group_id=group.id,
            anchor=self.group_anchor[group.id],
            label=group.label or group.id,
            dimension=group.dimension,
            css=_sev_css(row_sev),
            cells=tuple(cells),
            consensus=consensus,
            support=group.support,
            support_label=f"{group.support} source" + ("" if group.support == 1 else "s"),
            why=group.why,
        )

    def source_view(self, index: int, source: Source, claims: list[Claim]) -> SourceView:
        copies: list[SourceLink] = []
        for copy_set in self.result.copies:
            if source.id in copy_set:
                copies.extend(
                    SourceLink(anchor=self.source_anchor[o], label=self.sources[o].title or o)
                    for o in copy_set
                    if o != source.id and o in self.sources
                )
        return SourceView(
            id=source.id,
            anchor=self.source_anchor[source.id],
            index=index,
            title=source.title or source.path or source.id,
            short_title=_short(source.title or source.path or source.id),
            path=source.path,
            date=source.date or "undated",
            format=source.format,
            notes=source.notes,
            copies=tuple(copies),
            claims=tuple(
                self.claim_view(c, SOURCE_QUOTE_CONTEXT)
                for c in sorted(claims, key=lambda c: c.start)
            ),
        )

    def build(self, generated_at: str) -> ReportContext:
        r = self.result
        by_source: dict[str, list[Claim]] = {}
        for c in r.claims:
            by_source.setdefault(c.source, []).append(c)
        columns = {s.id: i for i, s in enumerate(r.sources)}
        findings = sorted(r.findings, key=lambda f: _severity_rank(f.severity))
        by_severity = tuple(
            SeverityCount(
                severity=s,
                label=SEVERITY_LABELS[s],
                plural=SEVERITY_PLURALS[s],
                count=sum(f.severity == s for f in r.findings),
                css=_sev_css(s),
            )
            for s in SEVERITIES
        )
        title = (r.sources[0].title.strip() if r.sources else "") or DEFAULT_TITLE
        return ReportContext(
            title=title,
            page_title=title if title == DEFAULT_TITLE else f"{title} · {DEFAULT_TITLE}",
            generated_at=generated_at,
            summary=Summary(
                sources=len(r.sources),
                claims=len(r.claims),
                groups=len(r.groups),
                findings=len(r.findings),
                skipped=len(r.skipped),
                copies=len(r.copies),
                by_severity=by_severity,
            ),
            findings=tuple(self.finding_view(f) for f in findings),
            matrix=tuple(self.matrix_row(g, columns) for g in r.groups),
            sources=tuple(
                self.source_view(i + 1, s, by_source.get(s.id, []))
                for i, s in enumerate(r.sources)
            ),
            skipped=tuple(SkippedView(path=s.path, reason=s.reason) for s in r.skipped),
        )


def build_context(result: Result, *, generated_at: str | None = None) -> ReportContext:
    """Precompute everything the report template shows for ``result``."""
    if generated_at is None:
        generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    return _Builder(result).build(generated_at)
