"""The live desk in real Chromium (Playwright on Debian's chromium) against a real
``reconcile serve`` on a free port: confirm, dismiss and correct by clicking, reload and see
them kept, the TOML on disk changed, undo; an article saved into the folder updates the open
page; a page on another origin cannot post a decision; two tabs deciding at once lose
nothing. Screenshots at 1400 and 390 px go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import socket
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import Served, start

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTHS = {"wide": 1400, "phone": 390}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    s = start(tmp_path)
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()


def open_desk(context: Any, served: Served, url: str | None = None) -> Any:
    page = context.new_page()
    page.errors = []
    page.csp = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url or served.url, wait_until="load")
    page.wait_for_selector("html[data-desk=ready]")
    return page


def on_disk(served: Served) -> dict[str, dict[str, Any]]:
    if not served.decisions.exists():
        return {}
    return {d["finding"]: d for d in tomllib.loads(served.decisions.read_text("utf-8")).get("decision", [])}


def finding(page: Any, n: int) -> tuple[str, Any]:
    node = page.locator("article.finding").nth(n)
    return str(node.get_attribute("data-finding")), node


def until(check: Any, timeout: float = 60) -> None:
    """Wait until ``check()`` holds (page.wait_for_function would evaluate a string, which the
    page's CSP forbids)."""
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise AssertionError(f"not within {timeout} s: {check}")
        time.sleep(0.1)


def sources_shown(page: Any) -> int:
    return int(page.locator(".masthead .meta").inner_text().split()[0])


def shot(page: Any, name: str, full: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full)
    assert path.stat().st_size > 5_000
    return path


# ---------------------------------------------------------------------------------------


def test_the_page_drops_its_token_from_the_address_and_keeps_its_csp(context: Any, served: Served) -> None:
    page = open_desk(context, served)
    assert "token" not in page.url and page.url.rstrip("/") == served.origin
    assert page.errors == [] and page.csp == []
    assert page.locator("article.finding .desk-actions").count() == page.locator("article.finding").count() > 5
    page.reload(wait_until="load")  # the cookie carries it from now on
    page.wait_for_selector("html[data-desk=ready]")
    assert page.locator("article.finding").count() > 5


def test_confirm_dismiss_correct_by_clicking_kept_on_reload_and_on_disk(context: Any, served: Served) -> None:
    page = open_desk(context, served)
    page.fill("#desk-by", "ab")
    page.dispatch_event("#desk-by", "change")
    f1, a1 = finding(page, 0)
    a1.locator("button[data-action=confirmed]").click()
    a1.locator(".desk-form textarea").fill("checked with the paper")
    shot(page, "desk-confirm-wide.png")
    a1.locator(".desk-save").click()
    page.wait_for_selector(f"article[data-finding={f1}].is-confirmed")
    assert "checked with the paper" in a1.locator("p.decision").inner_text()

    f2, a2 = finding(page, 1)
    a2.locator("button[data-action=dismissed]").click()
    a2.locator(".desk-save").click()  # no note: refused in the page, nothing sent
    assert "Say why" in a2.locator(".desk-err").inner_text()
    assert f2 not in on_disk(served)
    a2.locator(".desk-form textarea").fill("dateline, not the event date")
    a2.locator(".desk-form textarea").press("Enter")
    page.wait_for_selector(f"article[data-finding={f2}].is-dismissed")

    f3, a3 = finding(page, 2)
    a3.locator("button[data-action=corrected]").click()
    a3.locator(".desk-form input").fill("$294,000")
    a3.locator(".desk-form textarea").fill("100x slip")
    a3.locator(".desk-save").click()
    page.wait_for_selector(f"article[data-finding={f3}].is-corrected")
    assert "$294,000" in a3.locator("p.decision").inner_text()
    assert page.locator("#review .tally .confirmed strong").inner_text() == "1"

    disk = on_disk(served)
    assert disk[f1]["status"] == "confirmed" and disk[f1]["note"] == "checked with the paper" and disk[f1]["by"] == "ab"
    assert disk[f2]["status"] == "dismissed" and disk[f2]["note"] == "dateline, not the event date"
    assert disk[f3]["status"] == "corrected" and disk[f3]["corrected"] == "$294,000"

    page.reload(wait_until="load")
    page.wait_for_selector("html[data-desk=ready]")
    for fid, state in ((f1, "confirmed"), (f2, "dismissed"), (f3, "corrected")):
        node = page.locator(f"article[data-finding={fid}]")
        assert f"is-{state}" in (node.get_attribute("class") or "")
        assert node.locator(f"button[data-action={state}]").get_attribute("aria-pressed") == "true"

    page.locator(f"article[data-finding={f1}] button[data-action=undo]").click()
    until(lambda: "is-confirmed" not in (page.locator(f"article[data-finding={f1}]").get_attribute("class") or ""))
    assert f1 not in on_disk(served) and f2 in on_disk(served)
    assert page.errors == [] and page.csp == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_screens_at_both_widths(context: Any, served: Served, width: int) -> None:
    page = open_desk(context, served)
    page.set_viewport_size({"width": width, "height": 900})
    fid, node = finding(page, 0)
    node.locator("button[data-action=corrected]").click()
    node.locator(".desk-form input").fill("$294,000")
    node.scroll_into_view_if_needed()
    node.evaluate("n => n.scrollIntoView({block: 'start'})")
    shot(page, f"desk-form-{width}.png")
    node.locator(".desk-save").click()
    page.wait_for_selector(f"article[data-finding={fid}].is-corrected")
    node.evaluate("n => n.scrollIntoView({block: 'start'})")
    shot(page, f"desk-decided-{width}.png")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, f"desk-top-{width}.png")
    # the controls fit the width: no sideways scroll caused by them
    overflow = node.locator(".desk-actions").evaluate("n => n.scrollWidth - n.clientWidth")
    assert overflow <= 1


def test_an_article_saved_into_the_folder_updates_the_open_page(context: Any, served: Served) -> None:
    page = open_desk(context, served)
    sources = sources_shown(page)
    (served.corpus / "desk-arrival.txt").write_text(
        "Invented wire\n\nThe lab said it used 4,096 chips for 9 days and spent $3 million.\n", encoding="utf-8")
    until(lambda: sources_shown(page) == sources + 1)
    page.wait_for_selector("html[data-desk=ready]")
    assert "Added: Invented wire" in page.locator("#changes").inner_text()
    assert "Updated" in page.locator("#desk-say").inner_text()
    assert page.errors == [] and page.csp == []


def test_an_article_dropped_onto_the_page_is_saved_and_shown(context: Any, served: Served) -> None:
    page = open_desk(context, served)
    sources = sources_shown(page)
    page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["Invented bulletin\\n\\nOfficials counted 38 boats on Monday.\\n"], "dropped.txt",
                              {type: "text/plain"}));
        document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""")
    until(lambda: sources_shown(page) == sources + 1)
    assert (served.corpus / "dropped.txt").read_text("utf-8").startswith("Invented bulletin")


def test_a_failed_re_run_says_why_and_keeps_the_last_good_report(context: Any, served: Served, tmp_path: Path) -> None:
    page = open_desk(context, served)
    count = page.locator("article.finding").count()
    aside = tmp_path / "aside"
    aside.mkdir()
    for p in list(served.corpus.iterdir()):
        if p.suffix in (".txt", ".md", ".html"):
            p.rename(aside / p.name)
    page.wait_for_selector("#desk-problem:not([hidden])", timeout=60_000)
    assert "no readable article" in page.locator("#desk-problem").inner_text()
    assert "last good report" in page.locator("#desk-problem").inner_text()
    assert page.locator("article.finding").count() == count
    shot(page, "desk-failed-1400.png")
    for p in aside.iterdir():
        p.rename(served.corpus / p.name)
    page.wait_for_selector("#desk-problem[hidden]", state="attached", timeout=60_000)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


EVIL = """<!doctype html><title>elsewhere</title><script>
window.tries = [];
function attempt(name, init) {
  return fetch(TARGET + "/api/decision", init).then(
    r => window.tries.push([name, "status " + r.status, r.type]),
    e => window.tries.push([name, "blocked", String(e)]));
}
const body = JSON.stringify({finding: FINDING, status: "dismissed", note: "forged"});
window.done = Promise.all([
  attempt("json with the token", {method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json", "X-Reconcile-Token": TOKEN}, body}),
  attempt("simple no-cors post with the cookie", {method: "POST", mode: "no-cors", credentials: "include",
      headers: {"Content-Type": "text/plain"}, body}),
  fetch(TARGET + "/api/status", {credentials: "include"}).then(
      r => r.text().then(t => window.tries.push(["read status", "read " + t.length])),
      e => window.tries.push(["read status", "blocked", String(e)])),
]);
</script>"""


@pytest.mark.parametrize("elsewhere", ["http://127.0.0.1:{port}/", "http://evil.example/"])
def test_a_page_on_another_origin_cannot_post_a_decision(context: Any, served: Served, elsewhere: str) -> None:
    desk = open_desk(context, served)  # the same browser, with the desk's cookie set
    fid, _ = finding(desk, 0)
    url = elsewhere.format(port=_free_port())
    evil = context.new_page()
    html = (EVIL.replace("TARGET", repr(served.origin)).replace("FINDING", repr(fid))
            .replace("TOKEN", repr(served.token)))  # even knowing the token
    evil.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    evil.goto(url, wait_until="load")
    evil.evaluate("window.done")
    tries = {t[0]: t[1] for t in evil.evaluate("window.tries")}
    assert tries["json with the token"] == "blocked"  # the preflight is refused
    # sent opaque (and refused by its Origin, see test_serve.py), or stopped by the browser's own
    # private-network rules: either way nothing is written
    assert tries["simple no-cors post with the cookie"] in ("status 0", "blocked")
    assert tries["read status"] == "blocked"
    assert fid not in on_disk(served)


def test_two_tabs_deciding_at_once_lose_nothing(context: Any, served: Served) -> None:
    one = open_desk(context, served)
    two = open_desk(context, served)
    ids = [finding(one, i)[0] for i in range(6)]
    for tab, mine in ((one, ids[0::2]), (two, ids[1::2])):
        for fid in mine:
            node = tab.locator(f"article[data-finding={fid}]")
            node.locator("button[data-action=confirmed]").click()
            node.locator(".desk-form textarea").fill(f"by tab for {fid}")
    # every save clicked in one go, in both tabs: the requests are in flight together
    for tab in (one, two):
        tab.evaluate("() => document.querySelectorAll('.desk-save').forEach(b => b.click())")
    for tab, mine in ((one, ids[0::2]), (two, ids[1::2])):
        for fid in mine:
            tab.wait_for_selector(f"article[data-finding={fid}].is-confirmed")
    disk = on_disk(served)
    assert {fid: disk[fid]["note"] for fid in ids} == {fid: f"by tab for {fid}" for fid in ids}
    # and each tab comes to show the other's decisions without a reload
    for tab in (one, two):
        for fid in ids:
            tab.wait_for_selector(f"article[data-finding={fid}].is-confirmed", timeout=15_000)
