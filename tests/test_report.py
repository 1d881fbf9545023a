"""Tests for the HTML report stage (reconciler.report)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import FrozenInstanceError, replace
from html.parser import HTMLParser

import pytest

from reconciler.models import Claim, Finding, Group, Kind, Result, Skipped, Source
from reconciler.report import build_context, render_html
from reconciler.report.context import anchor_map, format_number, split_quote
from reconciler.report.render import TEMPLATES
from reconciler.report.views import QuoteView

GENERATED = "2025-09-20T08:00:00+00:00"

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(1)">x</a> </style> </textarea> '
    "Cost {{ 7*7 }} end {% raw %} <!-- -->"
)


# ---------------------------------------------------------------- fixtures


def source(sid: str, title: str, text: str, *, path: str = "", date: str | None = None) -> Source:
    return Source(
        id=sid,
        path=path or f"{sid}.txt",
        title=title,
        text=text,
        format="txt",
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        date=date,
    )


def claim(
    cid: str,
    src: Source,
    number: str,
    value: float | str,
    *,
    unit: str = "USD",
    kind: Kind = "money",
    noun: str = "",
    half: float = 0.0,
) -> Claim:
    """A claim for the first occurrence of ``number`` in ``src.text``, offsets computed."""
    start = src.text.index(number)
    s_start = src.text.rfind(". ", 0, start)
    s_start = 0 if s_start < 0 else s_start + 2
    s_end = src.text.find(". ", start)
    s_end = len(src.text) if s_end < 0 else s_end + 1
    val = value if isinstance(value, str) else float(value)
    return Claim(
        id=cid,
        source=src.id,
        start=start,
        end=start + len(number),
        text=number,
        value=val,
        unit=unit,
        kind=kind,
        qualifier="exact",
        low=None if isinstance(val, str) else val - half,
        high=None if isinstance(val, str) else val + half,
        precision=half,
        noun=noun,
        subject="training cost",
        sentence=src.text[s_start:s_end],
        sentence_start=s_start,
    )


def story() -> Result:
    """Three outlets on the DeepSeek-R1 paper; one misreports the cost."""
    a = source(
        "src:a@1.0",
        "DeepSeek-R1 trained for $294,000",
        "Nature published the DeepSeek-R1 paper on September 18. The incremental training "
        "cost was $294,000. The team used 512 H800 GPUs for 80 hours.",
        date="2025-09-19",
    )
    b = source(
        "src:b@1.0",
        "Nature cover: DeepSeek's cheap model",
        "The reasoning model cost $249,000 to train, the paper says. "
        "It ran on 512 H800 chips.",
    )
    c = source(
        "src:c@1.0",
        "Chip export story",
        "Export rules limited the chips to 512 units per lab. Rental was $2 per GPU hour.",
    )
    claims = (
        claim("a:c1@8.0", a, "$294,000", 294000, half=500),
        claim("a:c2@9.0", a, "512", 512, unit="", kind="count", noun="H800 GPUs"),
        claim("a:c3@10.0", a, "80 hours", 80, unit="h", kind="duration"),
        claim("b:c1@2.0", b, "$249,000", 249000, half=500),
        claim("b:c2@3.0", b, "512", 512, unit="", kind="count", noun="H800 chips"),
        claim("c:c1@1.0", c, "512", 512, unit="", kind="count", noun="units"),
    )
    groups = (
        Group(
            id="g:cost",
            dimension="money",
            claims=("a:c1@8.0", "b:c1@2.0"),
            label="training cost",
            consensus=294000.0,
            consensus_text="$294,000",
            support=1,
            why=("shared words: training, cost", "unit USD", "score 0.82"),
            score=0.82,
        ),
        Group(
            id="g:gpus",
            dimension="count",
            claims=("a:c2@9.0", "b:c2@3.0"),
            label="GPUs",
            consensus=512.0,
            consensus_text="512",
            support=2,
        ),
        Group(
            id="g:hours",
            dimension="duration",
            claims=("a:c3@10.0",),
            label="training hours",
            consensus=80.0,
            consensus_text="",
            support=1,
        ),
    )
    findings = (
        Finding(
            id="f3",
            rule="R9-unsupported",
            severity="info",
            claims=("c:c1@1.0",),
            message="Claim found in only one source",
            explanation="512 units per lab is stated by one source only.",
        ),
        Finding(
            id="f2",
            rule="R4-arithmetic",
            severity="warning",
            claims=("a:c2@9.0", "a:c3@10.0"),
            message="GPU hours times rate does not give the cost",
            explanation="512 GPUs * 80 h = 40,960 GPU hours\n40,960 * $2 = $81,920\n≠ $294,000",
            group="g:gpus",
        ),
        Finding(
            id="f1",
            rule="R1-conflict",
            severity="error",
            claims=("a:c1@8.0", "b:c1@2.0"),
            message="Sources disagree on the training cost",
            explanation="$294,000 vs $249,000: differ by $45,000 (15.3%)\nlikely digit swap",
            group="g:cost",
            suggested="$294,000",
        ),
    )
    return Result(
        sources=(a, b, c),
        claims=claims,
        groups=groups,
        findings=findings,
        skipped=(Skipped(path="scans/page3.pdf", reason="unsupported format: pdf"),),
    )


def hostile_story() -> Result:
    text = f"Intro line. The bill was $1,200 {HOSTILE} today. Closing line."
    s = source("s1", HOSTILE, text, path=f"feeds/{HOSTILE}.html")
    c1 = claim("x:1", s, "$1,200", 1200)
    c2 = replace(c1, id='"><script>alert(2)</script>', text=HOSTILE)
    g = Group(
        id=HOSTILE,
        dimension=HOSTILE,
        claims=(c1.id, c2.id),
        label=HOSTILE,
        consensus=None,
        consensus_text=HOSTILE,
        support=1,
        why=(HOSTILE,),
    )
    f = Finding(
        id=HOSTILE,
        rule=HOSTILE,
        severity="error",
        claims=(c1.id, c2.id, "missing" + HOSTILE),
        message=HOSTILE,
        explanation=HOSTILE,
        group=HOSTILE,
        suggested=HOSTILE,
    )
    return Result(
        sources=(s,),
        claims=(c1, c2),
        groups=(g,),
        findings=(f,),
        skipped=(Skipped(path=HOSTILE, reason=HOSTILE),),
    )


# ---------------------------------------------------------------- HTML inspection


class Page(HTMLParser):
    """Collects tags, attributes, ids, links, raw script/style text and some text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self.h1 = ""
        self.td_class_by_href: dict[str, str] = {}
        self.matrix_rows = 0
        self._stack: list[str] = []
        self._td_class: str | None = None
        self._in_matrix = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "table" and "matrix" in a.get("class", "").split():
            self._in_matrix = True
        if self._in_matrix and tag == "tr" and "tbody" in self._stack:
            self.matrix_rows += 1
        if tag == "td":
            self._td_class = a.get("class", "")
        if tag == "a" and self._td_class is not None and self._in_matrix:
            self.td_class_by_href[a["href"]] = self._td_class
        if tag == "script":
            self.scripts.append((a, ""))
        if tag not in {"meta", "input", "br", "img", "link"}:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._td_class = None
        if tag == "table":
            self._in_matrix = False
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        top = self._stack[-1] if self._stack else ""
        if top == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif top == "style":
            self.styles.append(data)
        elif "h1" in self._stack:
            self.h1 += data

    def attrs(self, name: str) -> list[str]:
        return [a[name] for _, a in self.tags if name in a]

    def csp(self) -> dict[str, list[str]]:
        metas = [
            a["content"]
            for t, a in self.tags
            if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"
        ]
        assert len(metas) == 1
        out: dict[str, list[str]] = {}
        for directive in metas[0].split(";"):
            name, *values = directive.split()
            out[name] = values
        return out


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def story_html() -> str:
    return render_html(story(), generated_at=GENERATED)


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_html(hostile_story(), generated_at=GENERATED, title=HOSTILE)


# ---------------------------------------------------------------- escaping


def test_hostile_text_is_escaped(hostile_html: str) -> None:
    html = hostile_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/style&gt;" in html and "&lt;/textarea&gt;" in html
    assert "&lt;!-- --&gt;" in html and "<!--" not in html
    assert "Cost {{ 7*7 }} end {% raw %}" in html
    assert "Cost 49 end" not in html
    page = Page(html)
    tag_names = {t for t, _ in page.tags}
    assert tag_names.isdisjoint({"img", "textarea", "iframe", "object", "embed", "link", "base"})
    assert [t for t, _ in page.tags].count("script") == 1
    assert [t for t, _ in page.tags].count("style") == 1
    for tag, attrs in page.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not attrs.get(name, "").strip().lower().startswith("javascript:"), attrs
    assert all(h.startswith("#") for h in page.attrs("href"))
    # the story's title survives the round trip as plain text
    assert page.h1.strip() == " ".join(HOSTILE.split())


def test_hostile_claim_ids_become_safe_anchors(hostile_html: str) -> None:
    page = Page(hostile_html)
    for value in page.ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", value), value
    assert "claim-___script_alert_2___script_" in page.ids
    # the unknown claim id is reported, escaped, and not linked
    assert "missing&lt;script&gt;" in hostile_html


def test_templates_have_no_inline_handlers_or_safe_filter() -> None:
    template = (TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+\s*=", template)
    assert "|safe" not in template.replace(" ", "")
    assert "style=" not in template


# ---------------------------------------------------------------- CSP and offline


def test_csp_hashes_the_one_inline_script_and_style(story_html: str) -> None:
    page = Page(story_html)
    csp = page.csp()
    assert csp["default-src"] == ["'none'"]
    assert len(page.scripts) == 1
    attrs, script = page.scripts[0]
    assert "src" not in attrs and "type" not in attrs
    assert "addEventListener" in script
    assert csp["script-src"] == [sha256_source(script)]
    assert csp["style-src"] == [sha256_source("".join(page.styles))]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["base-uri"] == ["'none'"] and csp["form-action"] == ["'none'"]
    # the CSP comes before anything it governs
    names = [t for t, _ in page.tags]
    assert names.index("meta") < names.index("style") < names.index("script")


def test_no_external_resources(story_html: str) -> None:
    page = Page(story_html)
    assert page.attrs("src") == []
    assert page.attrs("action") == []
    assert all(h.startswith("#") for h in page.attrs("href"))
    assert "http://" not in story_html and "https://" not in story_html
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


# ---------------------------------------------------------------- content


def test_findings_ordered_by_severity(story_html: str) -> None:
    ctx = build_context(story(), generated_at=GENERATED)
    assert [f.severity for f in ctx.findings] == ["error", "warning", "info"]
    positions = [story_html.index(f'id="finding-{fid}"') for fid in ("f1", "f2", "f3")]
    assert positions == sorted(positions)


def test_finding_content(story_html: str) -> None:
    ctx = build_context(story(), generated_at=GENERATED)
    error = ctx.findings[0]
    assert error.rule == "R1-conflict" and error.suggested == "$294,000"
    assert [c.source_title for c in error.claims] == [
        "DeepSeek-R1 trained for $294,000",
        "Nature cover: DeepSeek's cheap model",
    ]
    assert "Suggested value: <strong>$294,000</strong>" in story_html
    # explanation keeps its line breaks inside the pre-wrap block
    assert '<div class="expl">$294,000 vs $249,000: differ by $45,000 (15.3%)\nlikely' in story_html
    assert "The incremental training cost was <mark>$294,000</mark>." in story_html
    bounds = '<span class="bounds">(293,500 \u2013 294,500)</span>'
    assert f"<td>294,000 USD {bounds}</td>" in story_html
    assert "<td>count</td><td>512</td><td>exact</td>" in story_html  # no dangling unit
    assert "<dt>Warnings</dt>" in story_html and "<dt>Info</dt>" in story_html


def test_matrix_rows_and_conflict_marking(story_html: str) -> None:
    result = story()
    page = Page(story_html)
    assert page.matrix_rows == len(result.groups)
    cells = page.td_class_by_href
    assert cells["#claim-a_c1_8_0"] == "sev-error"
    assert cells["#claim-b_c1_2_0"] == "sev-error"
    assert cells["#claim-a_c2_9_0"] == "sev-warning"
    assert cells["#claim-b_c2_3_0"] == ""  # in a group with a warning, but not in the finding
    ctx = build_context(result, generated_at=GENERATED)
    for row in ctx.matrix:
        assert sum(cell.span for cell in row.cells) == len(result.sources)
    hours = ctx.matrix[2]
    assert [(c.span, len(c.entries)) for c in hours.cells] == [(1, 1), (2, 0)]
    assert hours.consensus == "80" and hours.support_label == "1 source"
    assert '<td colspan="2"></td>' in story_html
    assert "<summary>why grouped</summary>" in story_html


def test_every_internal_link_resolves(story_html: str, hostile_html: str) -> None:
    for html in (story_html, hostile_html):
        page = Page(html)
        ids = page.ids
        assert len(ids) == len(set(ids)), "duplicate ids"
        for href in page.attrs("href"):
            assert href.startswith("#") and href[1:] in ids, href
    assert 'id="claim-a_c1_8_0"' in story_html


def test_summary_and_header(story_html: str) -> None:
    ctx = build_context(story(), generated_at=GENERATED)
    s = ctx.summary
    assert (s.sources, s.claims, s.groups, s.findings, s.skipped) == (3, 6, 3, 3, 1)
    assert [(b.severity, b.count) for b in s.by_severity] == [
        ("error", 1), ("warning", 1), ("info", 1),
    ]
    # the heading names the story, not the first article's headline
    assert ctx.title == "Reconcile report" and ctx.page_title == "Reconcile report"
    assert story().sources[0].title == "DeepSeek-R1 trained for $294,000"
    named = build_context(story(), generated_at=GENERATED, title="  Training  costs ")
    assert named.title == "Training costs" and named.page_title == "Training costs · Reconcile report"
    assert GENERATED in story_html
    assert "unsupported format: pdf" in story_html
    assert 'for="q"' in story_html and 'id="q"' in story_html


def test_empty_result_uses_default_title() -> None:
    html = render_html(Result(sources=(), claims=(), groups=(), findings=()), generated_at="t")
    assert "<title>Reconcile report</title>" in html
    assert "No findings." in html and "No groups." in html
    assert build_context(Result((), (), (), ())).generated_at  # defaults to now


def test_context_is_frozen() -> None:
    ctx = build_context(story(), generated_at=GENERATED)
    with pytest.raises(FrozenInstanceError):
        ctx.title = "changed"  # type: ignore[misc]


# ---------------------------------------------------------------- helpers


def test_split_quote_uses_offsets_then_search_then_fallback() -> None:
    sentence = "It cost 512 dollars, not 512 euros."
    exact = split_quote(sentence, "512", sentence.index("512 euros"))
    assert exact == QuoteView("It cost 512 dollars, not ", "512", " euros.", exact=True)
    searched = split_quote(sentence, "512", 99)
    assert searched == QuoteView("It cost ", "512", " dollars, not 512 euros.", exact=True)
    missing = split_quote(sentence, "$9", 3)
    assert missing == QuoteView(sentence, "$9", "", exact=False)
    long = split_quote("x" * 1000 + " 7 " + "y" * 1000, "7", 1001)
    assert long.mark == "7" and long.before.startswith("…") and long.after.endswith("…")
    assert len(long.before) < 300 and len(long.after) < 300


def test_anchor_map_is_safe_and_unique() -> None:
    anchors = anchor_map("claim-", ["a:b", "a.b", "a@b", "ok-1_x"])
    assert anchors["a:b"] == "claim-a_b"
    assert anchors["ok-1_x"] == "claim-ok-1_x"
    assert len(set(anchors.values())) == 4
    assert all(re.fullmatch(r"claim-[A-Za-z0-9_-]+", v) for v in anchors.values())


@pytest.mark.parametrize(
    ("value", "shown"),
    [(294000.0, "294,000"), (0.1 + 0.2, "0.3"), (15.3, "15.3"), ("2025-09-17", "2025-09-17"),
     (None, ""), (float("nan"), "nan")],
)
def test_format_number(value: float | str | None, shown: str) -> None:
    assert format_number(value) == shown


def test_mixed_cell_and_near_duplicates() -> None:
    base = story()
    a, b = base.sources[0], base.sources[1]
    # a second, unflagged reading of the same words ("80" rather than "80 hours")
    extra = replace(claim("a:c4@9.9", a, "80 hours", 80, unit="h", kind="duration"), text="80")
    hours = replace(base.groups[2], claims=("a:c3@10.0", "a:c4@9.9"))
    result = replace(
        base,
        claims=(*base.claims, extra),
        groups=(base.groups[0], base.groups[1], hours),
        copies=((a.id, b.id),),
    )
    ctx = build_context(result, generated_at=GENERATED)
    cell = ctx.matrix[2].cells[0]
    assert cell.css == "sev-warning"
    assert [(e.href, e.css) for e in cell.entries] == [
        ("#claim-a_c3_10_0", ""),  # same as the cell: no repeated class
        ("#claim-a_c4_9_9", "plain"),
    ]
    assert [link.anchor for link in ctx.sources[0].copies] == ["src-src_b_1_0"]
    html = render_html(result, generated_at=GENERATED)
    assert 'Near-duplicate of: <a href="#src-src_b_1_0">' in html


def test_script_hooks_exist_in_markup(story_html: str) -> None:
    page = Page(story_html)
    script = page.scripts[0][1]
    for hook in re.findall(r'getElementById\("([^"]+)"\)', script):
        assert hook in page.ids, hook
    assert "#findings article.finding" in script
    sevs = {a["data-sev"] for t, a in page.tags if t == "input" and "data-sev" in a}
    assert sevs == {"error", "warning", "info"}
    labelled = {a["for"] for t, a in page.tags if t == "label" and "for" in a}
    assert "q" in labelled


# ---------------------------------------------------------------- the editor's desk


def test_finding_splits_disagreeing_from_supporting_claims() -> None:
    base = story()
    a, b, c = base.sources
    # a fourth outlet agreeing with the consensus: listed as a supporter, and quiet in the matrix
    d = source("src:d@1.0", "Wire copy", "The training cost was $294,000, the wire said.")
    extra = claim("d:c1@1.0", d, "$294,000", 294000, half=500)
    cost = replace(base.groups[0], claims=("a:c1@8.0", "b:c1@2.0", "d:c1@1.0"))
    f1 = replace(base.findings[2], claims=("b:c1@2.0", "a:c1@8.0", "d:c1@1.0"))
    result = replace(base, sources=(a, b, c, d), claims=(*base.claims, extra),
                     groups=(cost, *base.groups[1:]), findings=(*base.findings[:2], f1))
    ctx = build_context(result, generated_at=GENERATED)
    error = ctx.findings[0]
    assert [k.id for k in error.disagreeing] == ["b:c1@2.0"]
    assert [k.id for k in error.supporters] == ["a:c1@8.0", "d:c1@1.0"]
    cells = Page(render_html(result, generated_at=GENERATED)).td_class_by_href
    assert cells["#claim-b_c1_2_0"] == "sev-error" and cells["#claim-d_c1_1_0"] == ""


def test_many_supporters_are_folded() -> None:
    base = story()
    texts = [source(f"w{i}", f"Wire {i}", f"The training cost was $294,000, wire {i} said.") for i in range(6)]
    extra = [claim(f"w{i}:c@1", s, "$294,000", 294000, half=500) for i, s in enumerate(texts)]
    f1 = replace(base.findings[2], claims=("b:c1@2.0", "a:c1@8.0", *(x.id for x in extra)))
    cost = replace(base.groups[0], claims=("a:c1@8.0", "b:c1@2.0", *(x.id for x in extra)))
    result = replace(base, sources=(*base.sources, *texts), claims=(*base.claims, *extra),
                     groups=(cost, *base.groups[1:]), findings=(*base.findings[:2], f1))
    error = build_context(result, generated_at=GENERATED).findings[0]
    assert len(error.supporters) == 3 and len(error.more_supporters) == 4
    html = render_html(result, generated_at=GENERATED)
    assert '<details class="more"><summary>4 more claims</summary>' in html


def test_article_text_is_embedded_with_claims_anchored(story_html: str) -> None:
    page = Page(story_html)
    marks = [a for t, a in page.tags if t == "mark" and a.get("id", "").startswith("claim-")]
    assert {m["id"] for m in marks} == {
        "claim-a_c1_8_0", "claim-a_c2_9_0", "claim-a_c3_10_0", "claim-b_c1_2_0", "claim-b_c2_3_0", "claim-c_c1_1_0"}
    assert 'class="claim sev-error"' in story_html
    assert "The incremental training cost was <mark" in story_html


def test_chart_places_values_and_marks_outliers() -> None:
    from reconciler.report.chart import chart

    s = source("s", "S", "A $294,000 cost. B $29.4 million cost. C $294,000 again.")
    cl = [claim("c1", s, "$294,000", 294000), claim("c2", s, "$29.4 million", 29.4e6),
          replace(claim("c3", s, "$294,000", 294000), id="c3", start=40)]
    view = chart(cl, 294000.0, {"c2": "sev-error"}, {}, {"c1": "a1", "c2": "a2", "c3": "a3"})
    assert view is not None and view.scale == "log"  # a hundredfold spread
    out = [p for p in view.points if p.css == "sev-error"]
    assert len(out) == 1 and out[0].x > max(p.x for p in view.points if p.css == "agree")
    assert view.consensus_x is not None and view.consensus_x < out[0].x
    assert "1 disagreeing" in view.description
    lin = chart([cl[0], replace(cl[1], value=300000.0)], 294000.0, {}, {}, {})
    assert lin is not None and lin.scale == "linear"
    assert chart(cl[:1], 294000.0, {}, {}, {}) is None


def test_scorecard(story_html: str) -> None:
    ctx = build_context(story(), generated_at=GENERATED)
    rows = {r.title: r for r in ctx.scorecard}
    a = rows["DeepSeek-R1 trained for $294,000"]
    # findings about its claims, by severity: the one warning names two of its figures, and
    # counts once
    assert (a.claims, a.aligned, a.flagged, a.errors, a.warnings) == (3, 3, 3, 1, 1)
    assert [f.severity for f in story().findings].count("warning") == 1
    assert "Findings about it" in story_html and "each finding counted once" in story_html
    assert ctx.scorecard[0].errors >= ctx.scorecard[-1].errors  # most flagged first
    assert '<meter min="0" max="1"' in story_html


def test_decisions_and_changes_are_shown() -> None:
    from reconciler.desk.decisions import Attached, Decision, Orphan, Resolution
    from reconciler.desk.history import Change, Changes

    result = story()
    res = Resolution(path="/far/away/corpus/reconcile-decisions.toml", attached={
        "f1": Attached(Decision("f1", "dismissed", note="the paper's own rounding", by="anna", date="2025-09-20"),
                       moved=False),
        "f2": Attached(Decision("f2", "corrected", corrected="$81,920", note=HOSTILE), moved=True),
    }, orphans=(Orphan(Decision("f-old", "confirmed", message="“648” vs “512”"), "the quote “648” is gone"),))
    changes = Changes(first=False, since="2025-09-19 08:00 UTC", items=(
        Change("new", "f3", "info", "Claim found in only one source"),
        Change("resolved", "f-gone", "error", "“$2 million” vs “$294,000”", "quantity: cost"),
    ), orphaned_claims=(("Chip export story", "513 units"),))
    html = render_html(result, generated_at=GENERATED, review=res, changes=changes)
    page = Page(html)
    assert 'class="finding sev-error is-dismissed"' in html
    assert "Dismissed by anna on 2025-09-20: the paper&#39;s own rounding" in html
    assert '<details class="collapsed"><summary>Show the evidence</summary>' in html
    assert "Corrected to <strong>$81,920</strong>" in html and "followed its quote after an edit" in html
    assert HOSTILE not in html and "&lt;script&gt;alert(1)" in html  # notes are text
    assert "1 orphaned decision" in html and "the quote “648” is gone" in html
    assert "corpus/reconcile-decisions.toml" in html and "/far/away" not in html
    assert html.index('id="changes"') < html.index('id="findings"')
    assert '<a href="#finding-f3">Claim found in only one source</a>' in html
    assert '<span class="gone">“$2 million” vs “$294,000”</span>' in html
    assert "Chip export story: “513 units”" in html
    for href in page.attrs("href"):
        assert href[1:] in page.ids, href
    first = render_html(result, generated_at=GENERATED, changes=Changes(first=True))
    assert "Nothing to compare with yet" in first


def test_orphans_are_capped_and_counted() -> None:
    from reconciler.desk.decisions import Decision, Orphan, Resolution
    from reconciler.desk.history import Changes
    from reconciler.report import Limits

    many = 5_000  # the reliability report's 100,000 made a 22.8 MB page; the count is what matters
    res = Resolution(path="corpus/reconcile-decisions.toml", attached={}, orphans=tuple(
        Orphan(Decision(f"f-gone{i}", "confirmed", note=f"note {i}"), "no longer reported") for i in range(many)))
    changes = Changes(first=False, since="2025-09-19 08:00 UTC",
                      orphaned_claims=tuple(("Some story", f"{i} units") for i in range(many)))
    html = render_html(story(), generated_at=GENERATED, review=res, changes=changes)
    shown = Limits().orphans
    assert html.count("<code>f-gone") == shown and "f-gone0<" in html and f"f-gone{shown}<" not in html
    assert f"{many} orphaned decisions" in html and f"… and {many - shown} more: <code>reconcile review" in html
    assert html.count("Some story: “") == shown and f"… and {many - shown} more.</p>" in html
    assert len(html) < len(render_html(story(), generated_at=GENERATED)) + 50_000
    few = Resolution(path=res.path, attached={}, orphans=res.orphans[:2])
    html = render_html(story(), generated_at=GENERATED, review=few)
    assert html.count("<code>f-gone") == 2 and "2 orphaned decisions" in html and "more: <code>" not in html


def test_large_corpus_is_trimmed_and_the_rest_is_data() -> None:
    import base64
    import json
    import zlib

    from reconciler.report import Limits

    result = story()
    limits = Limits(findings=1, rows=1, scorecard=1, columns=2, text_chars=60)
    ctx = build_context(result, generated_at=GENERATED, limits=limits, json_name="story.json")
    assert len(ctx.findings) == 1 and ctx.matrix_form == "list" and len(ctx.matrix) == 1
    assert ctx.trim is not None and ctx.trim.trimmed and ctx.trim.data
    assert any("2 are paged in" in n for n in ctx.trim.notes) and any("story.json" in n for n in ctx.trim.notes)
    data = json.loads(zlib.decompress(base64.b64decode(ctx.trim.data)))
    assert [f[1] for f in data["findings"]] == ["warning", "info"]
    assert len(data["rows"]) == 2 and len(data["score"]) == 2 and len(data["sources"]) == 3
    for f in data["findings"]:
        for ref in f[8] + f[9]:
            assert ref.startswith("claim-") and ref in data["claims"]
    html = render_context_html(ctx)
    page = Page(html)
    assert [t for t, _ in page.tags].count("script") == 1
    holder = [a for t, a in page.tags if a.get("data-z")]
    assert len(holder) == 1 and "hidden" in holder[0] and holder[0]["data-findings"] == "3"
    for href in page.attrs("href"):  # whatever the HTML links to is in the HTML
        assert href[1:] in page.ids, href
    assert "full text is not embedded" in html


def render_context_html(ctx: object) -> str:
    from reconciler.report import render_context

    return render_context(ctx)  # type: ignore[arg-type]


def test_a_small_report_carries_no_data() -> None:
    html = render_html(story(), generated_at=GENERATED)
    assert 'data-z="' not in html and "Large corpus" not in html


def test_an_untitled_article_goes_by_its_path_once() -> None:
    r = story()
    untitled = replace(r.sources[0], title="")
    html = render_html(replace(r, sources=(untitled, *r.sources[1:])), generated_at=GENERATED)
    who = re.findall(r'<div class="who">(.*?)</div>', html)
    mine = [w for w in who if untitled.path in w]
    assert mine, who
    assert all(w.count(untitled.path) == 1 for w in mine), mine
