"""Turn a Result into a ReportContext: all lookups, ordering, formatting and CSS here.

Large corpora are trimmed to a budget (:class:`Limits`): the first findings, quantities
and scorecard rows are rendered in full, the rest travel as compressed data that the
report's script pages through; article texts are embedded in full up to a budget of
characters, beyond it only the sentences of the claims the report shows.
"""

from __future__ import annotations

import base64
import gc
import json
import math
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from reconciler.models import SEVERITIES, Claim, Finding, Group, Result, Source
from reconciler.report.chart import chart
from reconciler.report.views import (
    CellEntry,
    ChangeItem,
    ChangesView,
    ChartView,
    ClaimView,
    DecisionView,
    FindingView,
    ListEntry,
    MatrixCell,
    MatrixRow,
    OrphanView,
    QuoteView,
    ReportContext,
    ReviewView,
    ScoreRow,
    SeverityCount,
    SkippedView,
    SourceLink,
    SourceView,
    Summary,
    TextPiece,
    Trim,
)

if TYPE_CHECKING:
    from reconciler.desk.decisions import Resolution
    from reconciler.desk.history import Changes

DEFAULT_TITLE = "Reconcile report"
# Characters kept on each side of the number in a quoted sentence: findings get more
# context; the per-source claim lists (one row per claim, the bulk of a large report) less.
QUOTE_CONTEXT = 240
SOURCE_QUOTE_CONTEXT = 100
DATA_CONTEXT = 90  # in the compressed data of a large report
SHORT_TITLE = 32  # characters of a source title in a matrix column header
MARKED = ("error", "warning")  # severities that colour matrix cells and claims
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
SEVERITY_PLURALS = {"error": "Errors", "warning": "Warnings", "info": "Info"}
STATUS_LABELS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "corrected": "Corrected"}
# findings about a relation between claims (all of them are what the finding is about), not
# about claims that stray from their quantity's consensus
RELATION_RULES = frozenset({"arithmetic", "internal_equivalence", "update", "range_ends"})


@dataclass(frozen=True)
class Limits:
    """How much of a corpus the HTML holds in full; the rest is paged from compressed data."""

    findings: int = 200  # findings rendered in full
    rows: int = 200  # quantities (matrix rows) rendered in full
    columns: int = 12  # up to this many sources the matrix is a table, one column each
    scorecard: int = 60  # per-source scorecard rows rendered
    text_chars: int = 1_000_000  # article text embedded in full, all sources together
    source_chars: int = 200_000  # an article longer than this shows only its claim sentences
    supporters: int = 3  # supporting claims shown before the rest are collapsed
    list_entries: int = 6  # list form of the matrix: values shown per quantity (flagged ones always)
    changes: int = 60  # changes listed since the previous run
    about: int = 8  # claims listed in a finding that is not about one quantity, before collapsing


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
    best, rank = "", 99
    for s in severities:
        if s:
            r = _RANK.get(s, 9)
            if r < rank:
                best, rank = s, r
    return best


_SEV_CSS = {s: "sev-" + s for s in SEVERITIES} | {"": ""}


def _sev_css(severity: str) -> str:
    css = _SEV_CSS.get(severity)
    return css if css is not None else html_id("sev-", severity)


def _short(title: str) -> str:
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1].rstrip() + "…"


CELL_TEXT = 24  # characters of a claim's text in a matrix cell (the whole quote is a click away)


def _cell_text(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_TEXT else text[: CELL_TEXT - 1].rstrip() + "…"


def _short_path(path: str) -> str:
    """The decisions file as ``folder/name`` (where the corpus is must not change the report)."""
    p = PurePath(path)
    return f"{p.parent.name}/{p.name}" if p.parent.name else p.name


def _label(title: str, width: int = 72) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _agrees(c: Claim, best: Claim) -> bool:
    if c.unit != best.unit:
        return False
    if c.value == best.value:
        return True
    if c.low is None or c.high is None or best.low is None or best.high is None:
        return False
    return c.low <= best.high and best.low <= c.high


class _Builder:
    def __init__(self, result: Result, limits: Limits) -> None:
        self.result = result
        self.limits = limits
        self.sources = {s.id: s for s in result.sources}
        self.source_index = {s.id: i + 1 for i, s in enumerate(result.sources)}
        self.claims = {c.id: c for c in result.claims}
        self.groups = {g.id: g for g in result.groups}
        self.claim_anchor = anchor_map("claim-", self.claims)
        self.source_anchor = anchor_map("src-", self.sources)
        self.group_anchor = anchor_map("group-", self.groups)
        self.finding_anchor = anchor_map("finding-", (f.id for f in result.findings))
        self.best: dict[str, Claim | None] = {}
        # which of a finding's claims it is about (the rest support the consensus)
        self.split: dict[str, tuple[list[str], list[str]]] = {}
        marks: dict[str, list[str]] = {}
        self.finding_of_claim: dict[str, str] = {}
        for f in result.findings:
            about, support = self._split(f)
            self.split[f.id] = (about, support)
            for cid in about:
                self.finding_of_claim.setdefault(cid, f.id)
                if f.severity in MARKED:
                    marks.setdefault(cid, []).append(f.severity)
        self.claim_severity = {cid: _worst(sevs) for cid, sevs in marks.items()}
        # in the matrix and the charts a claim is marked when it strays from its quantity's
        # consensus: a finding about a relation (count × hours × rate, "4 days, or 80 hours")
        # marks only those of its claims that also disagree with their own quantity
        group_of: dict[str, Group] = {}
        for g in result.groups:
            for cid in g.claims:
                group_of[cid] = g
        strays: dict[str, list[str]] = {}
        for f in result.findings:
            if f.severity not in MARKED:
                continue
            for cid in self.split[f.id][0]:
                if f.rule in RELATION_RULES:
                    best = self.best_claim(group_of.get(cid))
                    if best is None or _agrees(self.claims[cid], best):
                        continue
                strays.setdefault(cid, []).append(f.severity)
        self.matrix_severity = {cid: _worst(sevs) for cid, sevs in strays.items()}
        self._claim_views: dict[tuple[str, int], ClaimView] = {}
        self.shown_claims: set[str] = set()  # claims some rendered part of the report links to
        self.full_text: set[str] = set()  # sources whose whole text is embedded
        # each article's claims as a table too (folded), unless the corpus is too large for it
        self.tables = len(result.findings) <= limits.findings and len(result.sources) <= limits.columns * 4

    # ------------------------------------------------------------------ findings

    def best_claim(self, group: Group | None) -> Claim | None:
        if group is None:
            return None
        if group.id not in self.best:
            found = None
            for cid in group.claims:
                c = self.claims.get(cid)
                if c is not None and c.value == group.consensus and (
                        not group.consensus_text or c.text == group.consensus_text):
                    found = c
                    break
            self.best[group.id] = found
        return self.best[group.id]

    def _split(self, f: Finding) -> tuple[list[str], list[str]]:
        ids = [c for c in f.claims if c in self.claims]
        group = self.groups.get(f.group) if f.group else None
        best = self.best_claim(group) if f.rule not in RELATION_RULES else None
        if best is None or len(ids) < 2:
            return ids, []
        for i in range(1, len(ids)):
            if _agrees(self.claims[ids[i]], best):
                return ids[:i], ids[i:]
        return ids, []

    def claim_view(self, claim: Claim, width: int = QUOTE_CONTEXT) -> ClaimView:
        cached = self._claim_views.get((claim.id, width))
        if cached is not None:
            return cached
        self.shown_claims.add(claim.id)
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
            source_index=self.source_index.get(claim.source, 0),
            source_label=_label(source.title or source.path) if source else claim.source,
        )
        self._claim_views[(claim.id, width)] = view
        return view

    def group_chart(self, group: Group) -> ChartView | None:
        found = [self.claims[c] for c in group.claims if c in self.claims]
        marks = {c.id: _sev_css(self.matrix_severity[c.id]) for c in found if c.id in self.matrix_severity}
        labels = {}
        for c in found:
            s = self.sources.get(c.source)
            labels[c.id] = f"{self.source_index.get(c.source, 0)} · {_short(s.title or s.path) if s else c.source}"
        return chart(found, group.consensus, marks, labels, self.claim_anchor)

    def finding_view(self, finding: Finding, order: int, decision: DecisionView | None, change: str) -> FindingView:
        known = [self.claims[c] for c in finding.claims if c in self.claims]
        group = self.groups.get(finding.group) if finding.group else None
        about, support = self.split[finding.id]
        lim = self.limits
        if not support and len(about) > lim.about:  # a long list of claims the finding is about
            about, support = about[:lim.about], about[lim.about:]
            shown, more = [], support
        else:
            shown, more = support[:lim.supporters], support[lim.supporters:]
        label = (group.label or group.id) if group else (finding.group or "")
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
            group_label=label,
            group_anchor=self.group_anchor[group.id] if group else "",
            claims=tuple(self.claim_view(c) for c in known),
            missing_claims=tuple(c for c in finding.claims if c not in self.claims),
            disagreeing=tuple(self.claim_view(self.claims[c]) for c in about),
            supporters=tuple(self.claim_view(self.claims[c]) for c in shown),
            more_supporters=tuple(self.claim_view(self.claims[c]) for c in more),
            chart=self.group_chart(group) if group else None,
            decision=decision,
            change=change,
            order=order,
            sort_label=(label or "~").lower(),
        )

    # ------------------------------------------------------------------ matrix

    def _cell(self, found: list[Claim]) -> MatrixCell:
        worst_sev = _worst(self.matrix_severity.get(c.id, "") for c in found)
        worst = _sev_css(worst_sev)
        entries: list[CellEntry] = []
        seen: dict[tuple[str, str], int] = {}
        for c in sorted(found, key=lambda c: c.start):
            self.shown_claims.add(c.id)
            css = _sev_css(self.matrix_severity.get(c.id, ""))
            key = (" ".join(c.text.split()), css)
            if key in seen:  # the same figure again in the same article: counted, not repeated
                i = seen[key]
                e = entries[i]
                n = int(e.times) + 1 if e.times else 2
                entries[i] = replace(e, times=str(n))
                continue
            seen[key] = len(entries)
            s = self.sources.get(c.source)
            entries.append(CellEntry(
                text=_cell_text(c.text),
                href="#" + self.claim_anchor[c.id],
                # "" = as the cell says; else its own severity, "plain" for none
                css="" if css == worst else (css or "plain"),
                title=f"{s.title if s else c.source}: {' '.join(c.sentence.split())[:200]}",
            ))
        label = f"disagrees ({worst_sev})" if worst_sev else "agrees"
        return MatrixCell(span=1, css=worst, entries=tuple(entries), label=label)

    def matrix_row(self, group: Group, columns: dict[str, int] | None) -> MatrixRow:
        found = [self.claims[c] for c in group.claims if c in self.claims]
        cells: list[MatrixCell] = []
        entries: list[ListEntry] = []
        more = 0
        if columns is not None:
            per_column: dict[int, list[Claim]] = {}
            for claim in found:
                if claim.source in columns:
                    per_column.setdefault(columns[claim.source], []).append(claim)
            next_col = 0  # first column not yet covered by a cell
            for col in sorted(per_column):  # O(claims in the group), not O(sources)
                if col > next_col:
                    cells.append(MatrixCell(span=col - next_col, css="", entries=()))
                cells.append(self._cell(per_column[col]))
                next_col = col + 1
            if next_col < len(columns):
                cells.append(MatrixCell(span=len(columns) - next_col, css="", entries=()))
        else:
            ranked = sorted(found, key=lambda c: (_severity_rank(self.matrix_severity.get(c.id, "")) if c.id in
                                                  self.matrix_severity else 9, self.source_index.get(c.source, 0),
                                                  c.start))
            flagged = [c for c in ranked if c.id in self.matrix_severity]
            keep = max(len(flagged), self.limits.list_entries)
            for c in ranked[:keep]:
                self.shown_claims.add(c.id)
                s = self.sources.get(c.source)
                entries.append(ListEntry(
                    source_index=self.source_index.get(c.source, 0),
                    source_title=_short(s.title or s.path) if s else c.source,
                    text=c.text, href="#" + self.claim_anchor[c.id],
                    css=_sev_css(self.matrix_severity.get(c.id, "")),
                ))
            more = len(ranked) - len(entries)
        row_sev = _worst(self.matrix_severity.get(c, "") for c in group.claims)
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
            chart=self.group_chart(group),
            entries=tuple(entries),
            more_entries=more,
            severity=row_sev,
        )

    def row_order(self) -> list[Group]:
        def key(g: Group) -> tuple[int, int, str, str]:
            sevs = [self.matrix_severity[c] for c in g.claims if c in self.matrix_severity]
            return (_severity_rank(_worst(sevs)) if sevs else 9, -len(sevs), (g.label or g.id).lower(), g.id)
        return sorted(self.result.groups, key=key)

    # ------------------------------------------------------------------ sources

    def text_pieces(self, source: Source, claims: list[Claim]) -> tuple[TextPiece, ...] | None:
        """The article with each claim as a marked, anchored piece (None if offsets disagree)."""
        text = source.text
        pieces: list[TextPiece] = []
        pos = 0
        pending: list[str] = []  # anchors of claims overlapping the previous one
        for c in sorted(claims, key=lambda c: (c.start, -c.end)):
            if text[c.start:c.end] != c.text:
                return None
            anchor = self.claim_anchor[c.id]
            if c.start < pos:  # overlaps the previous claim: an empty anchor where it starts
                pending.append(anchor)
                continue
            if c.start > pos:
                pieces.append(TextPiece(text=text[pos:c.start], extra_anchors=tuple(pending)))
                pending = []
            sev = self.claim_severity.get(c.id, "")
            state = f" · in an {sev} finding" if sev else ""
            pieces.append(TextPiece(
                text=c.text, anchor=anchor,
                css=("claim " + _sev_css(sev)).strip(),
                title=f"{c.kind}: {format_number(c.value)}{' ' + c.unit if c.unit else ''}{state}",
                extra_anchors=tuple(pending),
            ))
            pending = []
            pos = c.end
        if pos < len(text) or pending:
            pieces.append(TextPiece(text=text[pos:], extra_anchors=tuple(pending)))
        return tuple(pieces)

    def source_view(self, index: int, source: Source, claims: list[Claim], full: bool) -> SourceView:
        copies: list[SourceLink] = []
        for copy_set in self.result.copies:
            if source.id in copy_set:
                copies.extend(
                    SourceLink(anchor=self.source_anchor[o], label=self.sources[o].title or o)
                    for o in copy_set
                    if o != source.id and o in self.sources
                )
        ordered = sorted(claims, key=lambda c: c.start)
        pieces = self.text_pieces(source, ordered) if full else None
        sentences: tuple[ClaimView, ...] = ()
        table: tuple[ClaimView, ...] = ()
        if pieces is not None:
            self.full_text.add(source.id)
            mode, omitted = "full", 0
            table = tuple(self.claim_view(c, SOURCE_QUOTE_CONTEXT) for c in ordered) if self.tables else ()
        else:
            mode = "sentences"
            shown = [c for c in ordered if c.id in self.shown_claims] if not full else ordered
            sentences = tuple(self.claim_view(c, SOURCE_QUOTE_CONTEXT) for c in shown)
            omitted = len(ordered) - len(shown)
            table = ()
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
            claims=table,
            text=pieces or (),
            mode=mode,
            sentences=sentences,
            omitted=omitted,
            claim_count=len(ordered),
        )

    def scorecard(self, by_source: Mapping[str, list[Claim]]) -> list[ScoreRow]:
        aligned: dict[str, int] = {}
        considered: dict[str, int] = {}
        group_of: dict[str, Group] = {}
        for g in self.result.groups:
            for cid in g.claims:
                group_of[cid] = g
        flagged_in: dict[str, int] = {}
        errors: dict[str, int] = {}
        warnings: dict[str, int] = {}
        disagree: dict[str, int] = {}
        for cid, sev in self.claim_severity.items():
            c = self.claims[cid]
            flagged_in[c.source] = flagged_in.get(c.source, 0) + 1
            (errors if sev == "error" else warnings)[c.source] = \
                (errors if sev == "error" else warnings).get(c.source, 0) + 1
            flagged_group = group_of.get(cid)
            if flagged_group is not None and flagged_group.support >= 2:
                disagree[c.source] = disagree.get(c.source, 0) + 1
        for cid, g in group_of.items():
            member = self.claims.get(cid)
            if member is None:
                continue
            c = member
            aligned[c.source] = aligned.get(c.source, 0) + 1
            if g.support >= 2:
                considered[c.source] = considered.get(c.source, 0) + 1
        rows = []
        for s in self.result.sources:
            n = considered.get(s.id, 0)
            agree = max(0, n - disagree.get(s.id, 0))
            ratio = agree / n if n else 0.0
            sev = "error" if errors.get(s.id) else ("warning" if warnings.get(s.id) else "")
            rows.append(ScoreRow(
                index=self.source_index[s.id], anchor=self.source_anchor[s.id],
                title=s.title or s.path or s.id, path=s.path, claims=len(by_source.get(s.id, [])),
                aligned=aligned.get(s.id, 0), agree=agree, agree_ratio=round(ratio, 3),
                agree_text=f"{round(ratio * 100)}%" if n else "–",
                flagged=flagged_in.get(s.id, 0), errors=errors.get(s.id, 0), warnings=warnings.get(s.id, 0),
                css=_sev_css(sev),
            ))
        rows.sort(key=lambda r: (-r.errors, -r.warnings, r.agree_ratio if r.aligned else 2, r.index))
        return rows

    # ------------------------------------------------------------------ the whole report

    def build(self, generated_at: str, resolution: Resolution | None, changes: Changes | None,
              json_name: str) -> ReportContext:
        r = self.result
        lim = self.limits
        by_source: dict[str, list[Claim]] = {}
        for c in r.claims:
            by_source.setdefault(c.source, []).append(c)
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
        decisions = self.decision_views(resolution)
        change_of: dict[str, str] = {}
        if changes is not None and not changes.first:
            for ch in changes.items:
                if ch.kind in ("new", "changed"):
                    change_of[ch.finding] = ch.kind
        full_findings = [self.finding_view(f, i, decisions.get(f.id), change_of.get(f.id, ""))
                         for i, f in enumerate(findings[:lim.findings])]
        table_form = len(r.sources) <= lim.columns
        columns = {s.id: i for i, s in enumerate(r.sources)} if table_form else None
        groups = self.row_order()
        rows = [self.matrix_row(g, columns) for g in groups[:lim.rows]]
        score = self.scorecard(by_source)
        # article texts: the sources the rendered findings and rows cite first, within the budget
        cited: dict[str, None] = {}
        for fv in full_findings:
            for k in (*fv.disagreeing, *fv.supporters, *fv.more_supporters):
                cited.setdefault(self.claims[k.id].source, None)
        for cid in sorted(self.shown_claims):
            cited.setdefault(self.claims[cid].source, None)
        small = sum(len(s.text) for s in r.sources) <= lim.text_chars
        full_ids: set[str] = set()
        budget = lim.text_chars
        for sid in [*cited, *(s.id for s in r.sources)]:
            if sid in full_ids:
                continue
            n = len(self.sources[sid].text)
            if n <= lim.source_chars and n <= budget:
                full_ids.add(sid)
                budget -= n
            if small is False and budget <= 0:
                break
        source_views = []
        for i, s in enumerate(r.sources):
            if s.id in full_ids or s.id in cited or small:
                source_views.append(self.source_view(i + 1, s, by_source.get(s.id, []), s.id in full_ids))
        rendered = {v.id for v in source_views}
        score = [row if self.claims_source_rendered(row, rendered) else replace(row, anchor="") for row in score]
        trim = self.trim(findings, groups, score, decisions, change_of, json_name, source_views)
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
            findings=tuple(full_findings),
            matrix=tuple(rows),
            sources=tuple(source_views),
            skipped=tuple(SkippedView(path=s.path, reason=s.reason) for s in r.skipped),
            matrix_columns=tuple(self.column_view(i + 1, s) for i, s in enumerate(r.sources)) if table_form else (),
            matrix_form="table" if table_form else "list",
            scorecard=tuple(score[:lim.scorecard]),
            changes=self.changes_view(changes),
            review=self.review_view(resolution),
            trim=trim,
            total_findings=len(r.findings),
            total_rows=len(r.groups),
            total_sources=len(r.sources),
            json_name=json_name,
        )

    def claims_source_rendered(self, row: ScoreRow, rendered: set[str]) -> bool:
        return self.result.sources[row.index - 1].id in rendered

    def column_view(self, index: int, s: Source) -> SourceView:
        return SourceView(id=s.id, anchor=self.source_anchor[s.id], index=index,
                          title=s.title or s.path or s.id, short_title=_short(s.title or s.path or s.id),
                          path=s.path, date=s.date or "undated", format=s.format, notes=(), copies=(), claims=())

    def decision_views(self, resolution: Resolution | None) -> dict[str, DecisionView]:
        if resolution is None:
            return {}
        out = {}
        for fid, a in resolution.attached.items():
            d = a.decision
            out[fid] = DecisionView(status=d.status, label=STATUS_LABELS.get(d.status, d.status), note=d.note,
                                    corrected=d.corrected, who=d.by, date=d.date, moved=a.moved)
        return out

    def review_view(self, resolution: Resolution | None) -> ReviewView | None:
        if resolution is None:
            return None
        counts = resolution.counts()
        return ReviewView(
            path=_short_path(resolution.path), confirmed=counts.get("confirmed", 0),
            dismissed=counts.get("dismissed", 0),
            corrected=counts.get("corrected", 0), open=len(self.result.findings) - len(resolution.attached),
            orphans=tuple(OrphanView(finding=o.decision.finding, status=o.decision.status, note=o.decision.note,
                                     message=o.decision.message, reason=o.reason) for o in resolution.orphans),
        )

    def changes_view(self, changes: Changes | None) -> ChangesView | None:
        if changes is None:
            return None
        if changes.first:
            return ChangesView(first=True, since="", new=0, resolved=0, changed=0, items=(), more=0,
                               sources_added=(), sources_removed=(), sources_edited=(), orphaned_claims=(),
                               moved_claims=0)
        items = []
        for ch in changes.items[:self.limits.changes]:
            items.append(ChangeItem(kind=ch.kind, severity=ch.severity, css=_sev_css(ch.severity),
                                    message=ch.message, detail=ch.detail,
                                    anchor=self.finding_anchor.get(ch.finding, "") if ch.kind != "resolved" else ""))
        return ChangesView(
            first=False, since=changes.since, new=changes.count("new"), resolved=changes.count("resolved"),
            changed=changes.count("changed"), items=tuple(items), more=max(0, len(changes.items) - len(items)),
            sources_added=changes.sources_added, sources_removed=changes.sources_removed,
            sources_edited=changes.sources_edited,
            orphaned_claims=tuple(f"{src}: “{q}”" for src, q in changes.orphaned_claims),
            moved_claims=changes.moved_claims,
        )

    # ------------------------------------------------------------------ the data of a large report

    def trim(self, findings: list[Finding], groups: list[Group], score: list[ScoreRow],
             decisions: Mapping[str, DecisionView], change_of: Mapping[str, str], json_name: str,
             source_views: list[SourceView]) -> Trim | None:
        lim = self.limits
        rest_f = findings[lim.findings:]
        rest_g = groups[lim.rows:]
        rest_s = score[lim.scorecard:]
        dropped_text = len(self.result.sources) - len(self.full_text)
        if not rest_f and not rest_g and not rest_s and not dropped_text:
            return None
        in_html = {c.id for c in self.result.claims if c.source in self.full_text}
        in_html |= {k.id for v in source_views for k in v.sentences}
        rendered = {v.id for v in source_views}
        claims_out: dict[str, list[Any]] = {}

        def ref(cid: str, quote: bool) -> str:
            anchor = self.claim_anchor[cid]
            if cid not in in_html and (anchor not in claims_out or (quote and claims_out[anchor][2] is None)):
                c = self.claims[cid]
                if quote:
                    q = split_quote(c.sentence, c.text, c.start - c.sentence_start, DATA_CONTEXT)
                    before, after = q.before, q.after
                else:
                    before, after = None, None
                claims_out[anchor] = [self.source_index.get(c.source, 0), c.text, before, after,
                                      _sev_css(self.claim_severity.get(cid, ""))]
            return anchor

        data_f = []
        for i, f in enumerate(rest_f, start=lim.findings):
            about, support = self.split[f.id]
            group = self.groups.get(f.group) if f.group else None
            d = decisions.get(f.id)
            label = (group.label or group.id) if group else (f.group or "")
            data_f.append([
                self.finding_anchor[f.id], f.severity, f.rule, f.message, f.explanation, f.suggested,
                label, self.group_anchor[group.id] if group else "",
                [ref(c, True) for c in about[:lim.about]],
                [ref(c, True) for c in support[:lim.supporters]],
                len(about[lim.about:]) + len(support[lim.supporters:]),
                change_of.get(f.id, ""),
                [d.status, d.label, d.note, d.corrected] if d else None,
                i, f.id,
            ])
        data_g = []
        for g in rest_g:
            found = [self.claims[c] for c in g.claims if c in self.claims]
            found.sort(key=lambda c: (0 if c.id in self.matrix_severity else 1, self.source_index.get(c.source, 0)))
            flagged = sum(1 for c in found if c.id in self.matrix_severity)
            keep = found[:max(flagged, lim.list_entries)]
            row_sev = _worst(self.matrix_severity.get(c, "") for c in g.claims)
            data_g.append([
                self.group_anchor[g.id], g.label or g.id, g.dimension,
                g.consensus_text or format_number(g.consensus) or "no consensus",
                f"{g.support} source" + ("" if g.support == 1 else "s"), _sev_css(row_sev),
                [[self.source_index.get(c.source, 0), c.text, ref(c.id, False),
                  _sev_css(self.matrix_severity.get(c.id, ""))] for c in keep],
                len(found) - len(keep),
            ])
        data_s = [[s.index, s.title, s.claims, s.aligned, s.agree_text, s.agree_ratio, s.flagged, s.css]
                  for s in rest_s]
        data = {
            "v": 1,
            "sources": [[s.title or s.path or s.id, s.path, self.source_anchor[s.id] if s.id in rendered
                         else ""] for s in self.result.sources],
            "claims": claims_out,
            "findings": data_f,
            "rows": data_g,
            "score": data_s,
        }
        from reconciler.report.render import reveal  # direction controls shown, not obeyed, here too

        raw = reveal(json.dumps(data, ensure_ascii=False, separators=(",", ":"))).encode("utf-8")
        packed = base64.b64encode(zlib.compress(raw, 6)).decode("ascii")
        notes = []
        where = f" (all of them are in the JSON result{', ' + json_name if json_name else ''})"
        if rest_f:
            notes.append(f"The first {_plural(lim.findings, 'finding')} are shown in full; the other "
                         f"{len(rest_f):,} are paged in below from compressed data{where}.")
        if rest_g:
            notes.append(f"The first {_plural(lim.rows, 'quantity').replace('quantitys', 'quantities')} of the "
                         f"matrix are shown in full; the other {len(rest_g):,} are paged in.")
        if dropped_text:
            notes.append(f"Full article text is embedded for {len(self.full_text):,} of "
                         f"{len(self.result.sources):,} sources; for the others, the report keeps the sentences "
                         "of the claims it cites.")
        return Trim(trimmed=True, notes=tuple(notes), data=packed if (rest_f or rest_g or rest_s) else "",
                    data_bytes=len(raw))


def build_context(result: Result, *, generated_at: str | None = None, review: Resolution | None = None,
                  changes: Changes | None = None, limits: Limits | None = None, json_name: str = "") -> ReportContext:
    """Precompute everything the report template shows for ``result``.

    ``review``: the editor's decisions attached to this run's findings; ``changes``: what
    changed since the previous run; ``limits``: how much of a large corpus is shown in full.
    """
    if generated_at is None:
        generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    # hundreds of thousands of small lists and views, no cycles among them: the cyclic
    # collector would only walk the whole result again and again (a third of the time)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(result, limits or Limits()).build(generated_at, review, changes, json_name)
    finally:
        if enabled:
            gc.enable()
