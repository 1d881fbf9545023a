"""Hostile article text in a real browser: the report shows it as text and runs none of it.

Articles, titles and file names carry script tags, event handlers, ``javascript:`` links,
tags that end the report's own elements, template syntax, HTML comments, and hidden
characters around numbers. The report is rendered by the real command, opened from disk in
headless Chromium (Playwright driving Debian's ``/usr/bin/chromium``), and checked: no
dialog, no payload ran, every payload is visible as text, and the page's
Content-Security-Policy admits only the report's own script (a script injected afterwards
is refused).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reconciler.cli import main
from reconciler.read.source import read_sources

# every payload sets window.__pwned (and shouts) if it ever runs
PAYLOADS = [
    '<script>window.__pwned=1;document.title="PWNED";alert(1)</script>',
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    '<a href="javascript:window.__pwned=3;alert(3)">read more</a>',
    "</style><script>window.__pwned=4;alert(4)</script>",
    "</textarea><script>window.__pwned=5;alert(5)</script>",
    "{{ 7*7 }} {% if true %}TEMPLATE-RAN{% endif %} {{ config }}",
    "<!-- --><script>window.__pwned=7;alert(7)</script><!--",
    "</title><script>window.__pwned=8;alert(8)</script>",
    '<svg onload="window.__pwned=9;alert(9)"></svg><iframe src="javascript:window.__pwned=10"></iframe>',
    '"><script>window.__pwned=11;alert(11)</script><b x="',
    "</q></mark></td></tr></table><script>window.__pwned=12;alert(12)</script>",
    "<math><mi xlink:href=\"javascript:window.__pwned=13\">x</mi></math><details open ontoggle=alert(14)>",
]
TITLE = "<script>window.__pwned=20;alert(20)</script> Training cost </title><b onmouseover=alert(21)>"
HOSTILE_NAME = "<img src=x onerror=alert(22)>.txt"
HIDDEN = "The audit found $29\u200b4,000 in fees and \u202e512\u202c unused GPUs."
# an override that does not touch the figure: the claim stands, but drawn after an
# unterminated RLO its digits would read backwards ("17" as "71")
REVERSED = "Budget note: \u202eThe board approved 17 new posts for the desk."


def article(cost: str) -> str:
    """An article whose every sentence carries a figure next to a payload."""
    lines = [TITLE, ""]
    for i, payload in enumerate(PAYLOADS):
        lines.append(f"Item {i}: the project cost {cost} {payload} and used {500 + i} GPUs.")
        lines.append("")
    lines.append(f"Training took 80 hours {PAYLOADS[0]} on the cluster.")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], str]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(article("$294,000"), encoding="utf-8")
    (corpus / HOSTILE_NAME).write_text(article("$249,000"), encoding="utf-8")  # disagrees: a finding quotes both
    escaped = "".join(f"<p>Item {i}: it cost $294,000 {payload.replace('&', '&amp;').replace('<', '&lt;')}"
                      f" for {600 + i} GPUs.</p>" for i, payload in enumerate(PAYLOADS))
    (corpus / "page.html").write_text(
        f"<!doctype html><html><head><title>{TITLE.replace('<', '&lt;')}</title>"
        f"<script>window.__pwned=30;alert(30)</script></head><body><article>{escaped}"
        f"<p onclick=\"window.__pwned=31\">Real markup: <img src=x onerror=\"window.__pwned=32\"> 7 ships.</p>"
        f"<script>window.__pwned=33</script></article></body></html>", encoding="utf-8")
    (corpus / "notes.md").write_text(f'---\ntitle: "{PAYLOADS[1]}"\n---\n\n{HIDDEN}\n\nThe team had 42 engineers.\n',
                                     encoding="utf-8")
    (corpus / "rtl.txt").write_text(f"\u202eReversed title 2025\n\n{REVERSED}\n", encoding="utf-8")
    (corpus / "<script>alert(23)<\\script> empty.txt").write_bytes(b"")  # skipped: its name is listed
    out = root / "out"
    result = CliRunner().invoke(main, [str(corpus), "--out", str(out), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "corpus.json").read_text("utf-8"))
    return out / "corpus.html", data, (out / "corpus.html").read_text("utf-8")


def csp_of(page: Any) -> dict[str, list[str]]:
    metas = page.eval_on_selector_all(
        'meta[http-equiv="Content-Security-Policy" i]', "els => els.map(e => e.getAttribute('content'))")
    assert len(metas) == 1, metas
    policy: dict[str, list[str]] = {}
    for directive in metas[0].split(";"):
        if directive.strip():
            name, *values = directive.split()
            policy[name.lower()] = values
    return policy


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture
def opened(page: Any, hostile_report: tuple[Path, dict[str, Any], str]) -> Any:
    path, _, _ = hostile_report
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # let timers, late handlers and image errors fire
    return page


def test_no_dialog_and_no_payload_runs(opened: Any) -> None:
    page = opened
    for selector in ("a", "summary", "mark", "q", "h1", "h3", "td"):  # point at and click what a reader would
        for handle in page.query_selector_all(selector)[:30]:
            for event in ("mouseover", "focus", "click"):
                handle.dispatch_event(event)
    page.wait_for_timeout(200)
    assert page.log.dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert "PWNED" not in page.title()
    assert page.url.startswith("file://") and "javascript" not in page.url
    assert page.log.errors == []


def test_payloads_are_shown_as_text(opened: Any, hostile_report: tuple[Path, dict[str, Any], str]) -> None:
    text = opened.evaluate("() => document.body.textContent")
    for payload in PAYLOADS:
        assert payload in text, payload
    assert TITLE.strip() in text  # the title of the text article
    assert "TEMPLATE-RAN{% endif %}" in text and "{{ 7*7 }}" in text  # no template ran
    assert "<img src=x onerror=alert(22)>.txt" in text  # a file name, as text
    assert "<script>alert(23)<\\script> empty.txt" in text  # a skipped file's name, as text
    visible = opened.inner_text("body")
    assert PAYLOADS[0] in visible  # and a reader sees it


def test_no_markup_from_articles_reached_the_page(opened: Any) -> None:
    page = opened
    found = page.evaluate("""() => {
        const out = {handlers: [], jsLinks: [], embeds: [], images: 0};
        for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
                if (a.name.toLowerCase().startsWith('on')) out.handlers.push(el.tagName + ' ' + a.name);
                if (/^\\s*javascript:/i.test(a.value)) out.jsLinks.push(el.tagName + ' ' + a.name);
            }
        }
        out.embeds = [...document.querySelectorAll('iframe, object, embed, frame, textarea, form, base')]
            .map(e => e.tagName);
        out.images = document.querySelectorAll('img').length;
        return out;
    }""")
    assert found == {"handlers": [], "jsLinks": [], "embeds": [], "images": 0}
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") for h in hrefs), [h for h in hrefs if not h.startswith("#")]
    assert page.log.requests == [page.url]  # nothing fetched besides the report itself


def test_csp_admits_only_the_reports_own_script(opened: Any) -> None:
    page = opened
    policy = csp_of(page)
    assert policy["default-src"] == ["'none'"]
    assert policy.get("base-uri") == ["'none'"] and policy.get("form-action") == ["'none'"]
    script_src = policy["script-src"]
    assert script_src and all(re.fullmatch(r"'sha(256|384|512)-[A-Za-z0-9+/=]+'", s) for s in script_src), script_src
    scripts = page.eval_on_selector_all("script", "els => els.map(e => [e.src, e.textContent])")
    assert scripts, "the report has its own script"
    for src, body in scripts:
        assert not src and sha256_source(body) in script_src  # every script on the page is hashed ours
    assert page.log.csp_violations() == []  # and ours ran unhindered


def test_injected_inline_script_is_refused(opened: Any) -> None:
    page = opened
    outcome = page.evaluate("""async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1; alert("injected")';
        document.body.appendChild(s);
        const b = document.createElement('button');
        b.setAttribute('onclick', 'window.__handler = 1');
        document.body.appendChild(b);
        b.click();
        const a = document.createElement('a');
        a.href = 'javascript:window.__jsurl = 1';
        document.body.appendChild(a);
        a.click();
        await new Promise(r => setTimeout(r, 200));
        return {injected: window.__injected ?? null, handler: window.__handler ?? null,
                jsurl: window.__jsurl ?? null, violations};
    }""")
    assert outcome["injected"] is None and outcome["handler"] is None and outcome["jsurl"] is None
    # (eval is refused too: no 'unsafe-eval'; page.evaluate itself is exempt, so it is checked on the policy)
    assert "'unsafe-eval'" not in csp_of(page)["script-src"]
    assert len(outcome["violations"]) >= 3, outcome
    assert all(v.startswith("script-src") for v in outcome["violations"]), outcome
    assert page.log.dialogs == []
    assert page.log.csp_violations()  # Chromium reports each refusal on the console too


def test_hidden_characters_do_not_change_a_value(opened: Any, hostile_report: tuple[Path, dict[str, Any], str]) -> None:
    _, data, _ = hostile_report
    [notes] = [s for s in data["sources"] if s["path"].endswith("notes.md")]
    note = next(n for n in notes["notes"] if "hidden character" in n)
    assert note.startswith("3 hidden character(s)")
    claims = [c for c in data["claims"] if c["source"] == notes["id"]]
    # "$29\u200b4,000" is neither 294,000 nor 29 nor 4,000; "\u202e512\u202c" is refused too
    assert [(c["text"], c["value"]) for c in claims] == [("42 engineers", 42)]
    assert note in opened.evaluate("() => document.body.textContent")  # the report says so


def test_hidden_characters_through_the_reader(tmp_path: Path) -> None:
    for i, (figure, _value) in enumerate([("$2\u200b94,000", 294000), ("51\u200d2 GPUs", 512),
                                         ("\u2066$294,000\u2069", 294000), ("\u202d512\u202c GPUs", 512),
                                         ("$294,\u00ad000", 294000), ("\ufeff512 GPUs", 512)]):
        (tmp_path / f"h{i}.txt").write_text(f"Report\n\nThe budget: {figure}. Staff: 42 engineers.\n", "utf-8")
    sources, skipped = read_sources([tmp_path])
    assert skipped == [] and len(sources) == 6
    from reconciler.extract import extract_claims

    for s in sources:
        assert any("hidden character" in n for n in s.notes), s.notes
        assert [(c.text, c.value) for c in extract_claims(s)] == [("42 engineers", 42.0)], s.path


Report = tuple[Path, dict[str, Any], str]


def test_direction_overrides_are_shown_not_obeyed(opened: Any, hostile_report: Report) -> None:
    """An override in an article must not reorder the report: it is shown as a marker, and
    every piece of article text is isolated from the report's own text around it."""
    page = opened
    _, data, _ = hostile_report
    [rtl] = [s for s in data["sources"] if s["path"].endswith("rtl.txt")]
    assert [(c["text"], c["value"]) for c in data["claims"] if c["source"] == rtl["id"]] == [("17 new posts", 17)]
    text = page.evaluate("() => document.body.textContent")
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)  # no live control anywhere on the page
    assert "[U+202E]The board approved 17 new posts" in text and "[U+202E]Reversed title 2025" in text
    styles = page.evaluate("""() => [...new Set([...document.querySelectorAll('q, mark, h1, h3, td, li, .path')]
        .map(e => e.tagName + ':' + getComputedStyle(e).unicodeBidi))]""")
    assert styles and all(s.endswith(":isolate") for s in styles), styles
    # drawn left to right as written: "17" sits left of "new posts" in the quote
    box = page.evaluate("""() => {
        const q = [...document.querySelectorAll('q')].find(e => e.textContent.includes('17 new posts'));
        const m = [...q.querySelectorAll('mark')].find(e => e.textContent.startsWith('17'));
        const r = document.createRange();
        const tail = [...q.childNodes].find(n => n.nodeType === 3 && n.textContent.includes('for the desk'));
        r.setStart(tail, tail.textContent.indexOf('for the desk')); r.setEnd(tail, tail.textContent.length);
        return [m.getBoundingClientRect().left, r.getBoundingClientRect().left];
    }""")
    assert box[0] < box[1], box


def test_report_file_is_self_contained(hostile_report: tuple[Path, dict[str, Any], str]) -> None:
    _, _, html = hostile_report
    assert html.count("<script") == 1 + 0  # only ours, payloads are escaped
    assert "window.__pwned" in html  # present, but only as escaped text:
    assert not re.search(r"<script>\s*window\.__pwned", html)
    assert os.linesep not in html.rsplit("</html>", 1)[1].strip()


@pytest.mark.parametrize(("ci", "outcome"), [("true", "failed"), ("", "skipped")])
def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(tmp_path: Path, ci: str, outcome: str) -> None:
    env = {**os.environ, "RECONCILE_CHROMIUM": str(tmp_path / "no-chromium"), "CI": ci}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
         f"{__file__}::test_csp_admits_only_the_reports_own_script"],
        cwd=Path(__file__).parents[1], env=env, capture_output=True, text=True, timeout=300)
    summary = proc.stdout.strip().splitlines()[-1]
    assert outcome in summary or (outcome == "failed" and "error" in summary), proc.stdout
    assert (proc.returncode != 0) == (outcome == "failed"), proc.stdout
    assert "no-chromium" in proc.stdout
