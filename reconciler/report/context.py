"""Turn a Result into a ReportContext: all lookups, ordering, formatting and CSS here.

Large corpora are trimmed to a budget (:class:`Limits`): the first findings, quantities
and scorecard rows are rendered in full, the rest travel as compressed data that the
report's script pages through; article texts are embedded in full up to a budget of
characters, beyond it only the sentences of the claims the report shows.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reconciler.models import SEVERITIES, Claim, Finding, Group, Result, Source
from reconciler.read.pdf import page_of
from reconciler.report.chart import chart
from reconciler.report.format import (
    DEFAULT_TITLE,
    LEADING_VALUE_RULES,
    MARKED,
    QUOTE_CONTEXT,
    RELATION_RULES,
    SEVERITY_LABELS,
    SEVERITY_PLURALS,
    SOURCE_QUOTE_CONTEXT,
    STATUS_LABELS,
    _agrees,
    _cell_text,
    _label,
    _named,
    _sev_css,
    _severity_rank,
    _short,
    _short_path,
    _worst,
    anchor_map,
    bounds_text,
    format_number,
    leading_value,
    split_quote,
)
from reconciler.report.paging import Paging
from reconciler.report.views import (
    CellEntry,
    ChangeItem,
    ChangesView,
    ChartView,
    ClaimView,
    DecisionView,
    FindingView,
    Limits,
    ListEntry,
    MatrixCell,
    MatrixRow,
    OrphanView,
    ProblemView,
    ReportContext,
    ReviewView,
    ScoreRow,
    SeverityCount,
    SkippedView,
    SourceLink,
    SourceView,
    Summary,
    TextPiece,
)

if TYPE_CHECKING:
    from reconciler.desk.decisions import Resolution
    from reconciler.desk.history import Changes











































class _Builder(Paging):
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
        if f.rule in LEADING_VALUE_RULES:
            return leading_value(ids, self.claims)
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
            outlet=source.outlet if source else "",
            page=page_of(source.pages, claim.start) if source else None,
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
            reference=_named(self.sources.get(group.reference), group.reference) if group else "",
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
            severity=row_sev, reference=_named(self.sources.get(group.reference), group.reference),
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
            outlet=source.outlet,
            copies=tuple(copies),
            claims=table,
            text=pieces or (),
            mode=mode,
            sentences=sentences,
            omitted=omitted,
            claim_count=len(ordered), primary=source.primary,
        )

    def scorecard(self, by_source: Mapping[str, list[Claim]]) -> list[ScoreRow]:
        aligned: dict[str, int] = {}
        considered: dict[str, int] = {}
        group_of: dict[str, Group] = {}
        for g in self.result.groups:
            for cid in g.claims:
                group_of[cid] = g
        flagged_in: dict[str, int] = {}
        disagree: dict[str, int] = {}
        # findings, not claims: one warning about four of a source's figures is one warning
        findings_of: dict[str, dict[str, set[str]]] = {"error": {}, "warning": {}}
        for f in self.result.findings:
            if f.severity in findings_of:
                for cid in self.split[f.id][0]:
                    c = self.claims.get(cid)
                    if c is not None:
                        findings_of[f.severity].setdefault(c.source, set()).add(f.id)
        errors = {sid: len(ids) for sid, ids in findings_of["error"].items()}
        warnings = {sid: len(ids) for sid, ids in findings_of["warning"].items()}
        for cid in self.claim_severity:
            c = self.claims[cid]
            flagged_in[c.source] = flagged_in.get(c.source, 0) + 1
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
                css=_sev_css(sev), primary=s.primary,
            ))
        rows.sort(key=lambda r: (-r.errors, -r.warnings, r.agree_ratio if r.aligned else 2, r.index))
        return rows

    # ------------------------------------------------------------------ the whole report

    def build(self, generated_at: str, resolution: Resolution | None, changes: Changes | None,
              json_name: str, story_title: str = "") -> ReportContext:
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
        # the story, never one article's headline
        title = " ".join(story_title.split()) or DEFAULT_TITLE
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
            problems=tuple(ProblemView(where=p.where, stage=p.stage, error=p.error) for p in r.errors),
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
                          path=s.path, date=s.date or "undated", format=s.format, notes=(), copies=(), claims=(),
                          outlet=s.outlet, primary=s.primary)
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
                                     message=o.decision.message, reason=o.reason)
                          for o in resolution.orphans[:self.limits.orphans]),
            orphan_count=len(resolution.orphans),
        )

    def changes_view(self, changes: Changes | None) -> ChangesView | None:
        if changes is None:
            return None
        if changes.first:
            return ChangesView(first=True, since="", none=False, new=0, resolved=0, changed=0, items=(), more=0,
                               sources_added=(), sources_removed=(), sources_edited=(), orphaned_claims=(),
                               orphaned_more=0, moved_claims=0)
        items = []
        for ch in changes.items[:self.limits.changes]:
            items.append(ChangeItem(kind=ch.kind, severity=ch.severity, css=_sev_css(ch.severity),
                                    message=ch.message, detail=ch.detail,
                                    anchor=self.finding_anchor.get(ch.finding, "") if ch.kind != "resolved" else ""))
        return ChangesView(
            first=False, since=changes.since, none=changes.none, new=changes.count("new"),
            resolved=changes.count("resolved"),
            changed=changes.count("changed"), items=tuple(items), more=max(0, len(changes.items) - len(items)),
            sources_added=changes.sources_added, sources_removed=changes.sources_removed,
            sources_edited=changes.sources_edited,
            orphaned_claims=tuple(f"{src}: “{q}”" for src, q in changes.orphaned_claims[:self.limits.orphans]),
            orphaned_more=max(0, len(changes.orphaned_claims) - self.limits.orphans), moved_claims=changes.moved_claims,
        )


def build_context(result: Result, *, generated_at: str | None = None, review: Resolution | None = None,
                  changes: Changes | None = None, limits: Limits | None = None, json_name: str = "",
                  title: str = "") -> ReportContext:
    """Precompute everything the report template shows for ``result``.

    ``review``: the editor's decisions attached to this run's findings; ``changes``: what
    changed since the previous run; ``limits``: how much of a large corpus is shown in full;
    ``title``: the story's name for the heading (the CLI gives the corpus folder's name).
    """
    if generated_at is None:
        generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    # hundreds of thousands of small lists and views, no cycles among them: the cyclic
    # collector would only walk the whole result again and again (a third of the time)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(result, limits or Limits()).build(generated_at, review, changes, json_name, title)
    finally:
        if enabled:
            gc.enable()
