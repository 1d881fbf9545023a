"""View models for the HTML report: plain frozen data, every display decision already made.

The template only loops and branches over these; it never formats numbers, picks CSS
classes or slices strings. All strings here are plain text (possibly hostile article
text): the template autoescapes them, nothing is marked safe.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteView:
    """A sentence split around the claim: ``before`` + <mark>``mark``</mark> + ``after``.

    ``exact`` is False when the number could not be located inside the sentence; the
    template then shows the sentence followed by a separate marked number.
    """

    before: str
    mark: str
    after: str
    exact: bool = True


@dataclass(frozen=True)
class ClaimView:
    id: str
    anchor: str  # HTML id of the claim row in its source section ("claim-...")
    text: str
    kind: str
    value: str  # display form of Claim.value
    unit: str
    amount: str  # value and unit together ("294,000 USD", "512")
    qualifier: str
    bounds: str  # "low to high" (en dash) if the wording allows an interval, else ""
    source_anchor: str  # "" when the claim's source is not in the result
    source_title: str
    source_path: str
    quote: QuoteView
    css: str  # "sev-error" / "sev-warning" if in such a finding, else ""


@dataclass(frozen=True)
class FindingView:
    id: str
    anchor: str
    rule: str
    severity: str
    severity_label: str
    css: str  # "sev-<severity>"
    message: str
    explanation: str
    suggested: str | None
    group_label: str  # "" when the finding names no group
    group_anchor: str  # "" when the group is unknown (then no link is rendered)
    claims: tuple[ClaimView, ...]
    missing_claims: tuple[str, ...]  # claim ids the finding names that the result lacks


@dataclass(frozen=True)
class CellEntry:
    text: str
    href: str  # "#claim-..."
    css: str  # "" = same as the cell; else "sev-..." or "plain" (no severity)


@dataclass(frozen=True)
class MatrixCell:
    """One <td>. Runs of empty cells are merged into one cell with ``span`` > 1."""

    span: int
    css: str
    entries: tuple[CellEntry, ...]


@dataclass(frozen=True)
class MatrixRow:
    group_id: str
    anchor: str
    label: str
    dimension: str
    css: str
    cells: tuple[MatrixCell, ...]
    consensus: str
    support: int
    support_label: str  # "1 source" / "3 sources"
    why: tuple[str, ...]


@dataclass(frozen=True)
class SourceLink:
    anchor: str
    label: str


@dataclass(frozen=True)
class SourceView:
    id: str
    anchor: str
    index: int  # 1-based column number in the matrix
    title: str
    short_title: str  # for matrix column headers
    path: str
    date: str
    format: str
    notes: tuple[str, ...]
    copies: tuple[SourceLink, ...]  # near-duplicates of this source
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    label: str  # "Error"
    plural: str  # "Errors"
    count: int
    css: str


@dataclass(frozen=True)
class SkippedView:
    path: str
    reason: str


@dataclass(frozen=True)
class Summary:
    sources: int
    claims: int
    groups: int
    findings: int
    skipped: int
    copies: int
    by_severity: tuple[SeverityCount, ...]


@dataclass(frozen=True)
class ReportContext:
    title: str
    page_title: str  # for <title>
    generated_at: str
    summary: Summary
    findings: tuple[FindingView, ...]
    matrix: tuple[MatrixRow, ...]
    sources: tuple[SourceView, ...]
    skipped: tuple[SkippedView, ...]
