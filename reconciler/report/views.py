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
    anchor: str  # HTML id of the claim where its sentence is shown ("claim-...")
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
    source_index: int = 0  # 1-based number of its source (the matrix column), 0 if unknown
    source_label: str = ""  # the source title, shortened for lists of quotes
    outlet: str = ""  # who published the source, when known
    page: int | None = None  # the PDF page the quote is on


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    css: str  # "agree" | "sev-error" | "sev-warning" | "sev-info" | "plain"
    label: str  # "3 · Nature: 512 (error)" for the <title> tooltip and screen readers
    href: str  # "#claim-..."


@dataclass(frozen=True)
class ChartTick:
    x: float
    label: str


@dataclass(frozen=True)
class ChartView:
    """A small strip chart: each source's value on one axis, the consensus marked."""

    width: int
    height: int
    scale: str  # "linear" | "log"
    points: tuple[ChartPoint, ...]
    ticks: tuple[ChartTick, ...]
    consensus_x: float | None
    axis_y: float
    description: str  # the whole chart in words (aria-label)


@dataclass(frozen=True)
class DecisionView:
    status: str  # "confirmed" | "dismissed" | "corrected"
    label: str  # "Confirmed", ...
    note: str
    corrected: str  # the corrected value, when status is "corrected"
    who: str
    date: str
    moved: bool  # the finding's id changed (its claims moved) and the decision followed the quote


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
    claims: tuple[ClaimView, ...]  # all of them, in the finding's order
    missing_claims: tuple[str, ...]  # claim ids the finding names that the result lacks
    disagreeing: tuple[ClaimView, ...] = ()  # the claims the finding is about
    supporters: tuple[ClaimView, ...] = ()  # up to 3 claims that support the consensus
    more_supporters: tuple[ClaimView, ...] = ()  # the rest of them (collapsed)
    chart: ChartView | None = None
    decision: DecisionView | None = None
    change: str = ""  # "new" | "changed" | "" (against the previous run)
    order: int = 0  # rank in the severity order (the default sort)
    sort_label: str = ""  # lower-cased quantity label, for sorting by quantity
    reference: str = ""  # the primary source whose figure is the group's consensus (its name), if any


@dataclass(frozen=True)
class CellEntry:
    text: str
    href: str  # "#claim-..."
    css: str  # "" = same as the cell; else "sev-..." or "plain" (no severity)
    title: str = ""  # "source: quote" for the tooltip
    times: str = ""  # "2" when the article states the same figure twice ("" once)


@dataclass(frozen=True)
class MatrixCell:
    """One <td>. Runs of empty cells are merged into one cell with ``span`` > 1."""

    span: int
    css: str
    entries: tuple[CellEntry, ...]
    label: str = ""  # screen-reader text for the cell's state ("disagrees: error")


@dataclass(frozen=True)
class ListEntry:
    """One source's value for a quantity, in the list form of the matrix (many sources)."""

    source_index: int
    source_title: str
    text: str
    href: str
    css: str  # "sev-error" / "sev-warning" / "" (agrees)


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
    chart: ChartView | None = None
    entries: tuple[ListEntry, ...] = ()  # list form: flagged first, then the others
    more_entries: int = 0  # list form: entries not shown (agreeing ones past the first few)
    severity: str = ""
    reference: str = ""  # the primary source whose figure is the consensus (its name), if any


@dataclass(frozen=True)
class SourceLink:
    anchor: str
    label: str


@dataclass(frozen=True)
class TextPiece:
    """A run of article text; a claim when ``anchor`` is set (shown as a <mark>)."""

    text: str
    anchor: str = ""
    css: str = ""
    title: str = ""
    extra_anchors: tuple[str, ...] = ()  # claims overlapping this one: empty anchors before it


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
    text: tuple[TextPiece, ...] = ()  # the article with its claims marked ("full" mode)
    mode: str = "full"  # "full": the article text; "sentences": only the sentences of some claims
    sentences: tuple[ClaimView, ...] = ()  # "sentences" mode: the claims shown, each in its sentence
    omitted: int = 0  # claims of the source not shown in "sentences" mode
    claim_count: int = 0
    outlet: str = ""  # who published it, when known
    primary: bool = False  # the editor marked it as a primary source

@dataclass(frozen=True)
class ScoreRow:
    index: int
    anchor: str  # the source's section ("" when its text is not in the report)
    title: str
    path: str
    claims: int
    aligned: int  # claims in an aligned quantity
    agree: int  # of those, how many agree with the consensus
    agree_ratio: float  # 0..1 (0 when nothing aligned)
    agree_text: str  # "92%" or "–"
    flagged: int  # claims in an error or warning finding
    errors: int  # error findings about its claims (a finding counted once)
    warnings: int  # warning findings about its claims
    css: str
    primary: bool = False  # the editor marked it as a primary source


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
class ProblemView:
    where: str  # the article, or the story
    stage: str
    error: str


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
class ChangeItem:
    kind: str  # "new" | "resolved" | "changed"
    severity: str
    css: str
    message: str
    detail: str  # what changed ("severity warning → error"), or where it was
    anchor: str  # "" when the finding is not in this report (resolved ones)


@dataclass(frozen=True)
class ChangesView:
    first: bool  # nothing to compare with
    since: str  # when the run compared with was made ("" if unknown)
    none: bool  # compared, and nothing changed since
    new: int
    resolved: int
    changed: int
    items: tuple[ChangeItem, ...]  # at most a few hundred, most severe first
    more: int  # items not listed
    sources_added: tuple[str, ...]
    sources_removed: tuple[str, ...]
    sources_edited: tuple[str, ...]
    orphaned_claims: tuple[str, ...]  # "source: “quote”" of earlier flagged claims no longer found (the first few)
    orphaned_more: int  # flagged claims no longer found and not listed
    moved_claims: int  # earlier flagged claims re-found by their quote at another position


@dataclass(frozen=True)
class OrphanView:
    finding: str
    status: str
    note: str
    message: str
    reason: str


@dataclass(frozen=True)
class ReviewView:
    path: str  # the decisions file, as given
    confirmed: int
    dismissed: int
    corrected: int
    open: int  # findings without a decision
    orphans: tuple[OrphanView, ...]  # the first few orphaned decisions, in the file's order
    orphan_count: int  # all of them (``review list`` shows each)


@dataclass(frozen=True)
class Trim:
    """What a large corpus's report leaves out of the HTML, in words, and the rest as data."""

    trimmed: bool
    notes: tuple[str, ...]
    data: str  # base64 of zlib-compressed JSON: the findings, rows and sources not in the HTML
    data_bytes: int  # its size before compression


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
    problems: tuple[ProblemView, ...] = ()  # internal errors the run caught and went on past
    matrix_columns: tuple[SourceView, ...] = ()  # the table form: one column per source
    matrix_form: str = "table"  # "table" (few sources) | "list" (one list of sources per quantity)
    scorecard: tuple[ScoreRow, ...] = ()
    changes: ChangesView | None = None
    review: ReviewView | None = None
    trim: Trim | None = None
    total_findings: int = 0
    total_rows: int = 0
    total_sources: int = 0
    json_name: str = ""  # file name of the JSON result, for "the rest is in ..." notes


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
    orphans: int = 60  # orphaned decisions, and flagged claims no longer found, listed (the rest counted)
    about: int = 8  # claims listed in a finding that is not about one quantity, before collapsing
