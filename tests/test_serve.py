"""`reconcile serve` over HTTP, against the real server in a subprocess: what it refuses
(no token, a foreign Host, a change from another origin, a file outside the corpus), what it
writes (the decisions file `reconcile review` reads), and the folder it watches. The same
things clicked in Chromium are in test_serve_browser.py."""

from __future__ import annotations

import json
import re
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import Served, start

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    s = start(tmp_path_factory.mktemp("serve"))
    try:
        yield s
    finally:
        s.stop()


def findings(served: Served) -> list[str]:
    code, _, page = served.request("GET", "/", headers={"X-Reconcile-Token": served.token})
    assert code == 200
    return re.findall(r'<article class="finding[^"]*" id="[^"]*" data-finding="(f-[0-9a-f]+)"', page)


# ---------------------------------------------------------------------------------------
# refused: (name, method, path, headers without the defaults, body)

def test_prints_a_loopback_address_with_a_token(served: Served) -> None:
    assert served.url.startswith("http://127.0.0.1:") and "/?token=" in served.url
    assert len(served.token) >= 24


REFUSED = [
    ("no token", "GET", "/", {}, None),
    ("no token, api", "GET", "/api/status", {}, None),
    ("wrong token", "GET", "/?token=not-the-token", {}, None),
    ("a page that does not exist, no token", "GET", "/../../etc/passwd", {}, None),
]


@pytest.mark.parametrize(("name", "method", "path", "headers", "body"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_without_the_token(served: Served, name: str, method: str, path: str, headers: dict[str, str],
                                   body: object) -> None:
    code, _, text = served.request(method, path, headers=headers, body=body)
    assert code == 403, (name, text)
    assert served.token not in text


@pytest.mark.parametrize("path", ["/seeds/", "/reconcile-decisions.toml", "/../reconcile-decisions.toml",
                                  "/%2e%2e/serve.err", "/etc/passwd", "/static/../../serve.err"])
def test_no_file_is_served_even_with_the_token(served: Served, path: str) -> None:
    (served.corpus / "reconcile-decisions.toml").touch()
    code, _, text = served.request("GET", path, headers={"X-Reconcile-Token": served.token})
    assert code == 404 and len(text) < 100


HOSTS = ["evil.example:{port}", "evil.example", "127.0.0.1:1", "127.0.0.1.nip.io:{port}", ""]


@pytest.mark.parametrize("host", HOSTS)
def test_a_foreign_host_is_refused_even_with_the_token(served: Served, host: str) -> None:
    code, _, text = served.request("GET", f"/?token={served.token}", headers={"Host": host.format(port=served.port)})
    assert code == 403 and "Host" in text


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_the_loopback_host_with_the_token_gets_the_page_and_its_cookie(served: Served, host: str) -> None:
    code, h, page = served.request("GET", f"/?token={served.token}", headers={"Host": host.format(port=served.port)})
    assert code == 200 and "<article class=\"finding" in page
    assert "<h1>seeds</h1>" in page  # the story is named after its folder
    cookie = h["set-cookie"]
    assert cookie.startswith(f"reconcile-desk-{served.port}={served.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # the page's script may talk to its own origin only; framing and referrers are refused
    csp = h["content-security-policy"]
    assert "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and h["referrer-policy"] == "no-referrer"
    # and with the cookie alone (the page, after it removed the token from its address)
    code, _, _ = served.request("GET", "/", headers={"Cookie": cookie.split(";")[0]})
    assert code == 200


CHANGES_REFUSED = [
    # (name, headers replacing the page's own)
    ("another origin", {"Origin": "http://evil.example"}),
    ("another port of the loopback", {"Origin": "http://127.0.0.1:1"}),
    ("no origin", {"Origin": ""}),
    ("no token header (the cookie only)", {"X-Reconcile-Token": ""}),
    ("not JSON (a form post)", {"Content-Type": "application/x-www-form-urlencoded"}),
    ("a cross-site fetch", {"Sec-Fetch-Site": "cross-site"}),
    ("a same-site fetch from another port", {"Sec-Fetch-Site": "same-site"}),
]


@pytest.mark.parametrize(("name", "headers"), CHANGES_REFUSED, ids=[r[0] for r in CHANGES_REFUSED])
def test_a_change_from_elsewhere_is_refused(served: Served, name: str, headers: dict[str, str]) -> None:
    before = served.decisions.read_bytes() if served.decisions.exists() else None
    fid = findings(served)[0]
    h = {"X-Reconcile-Token": served.token, "Origin": served.origin, "Content-Type": "application/json",
         "Cookie": f"reconcile-desk-{served.port}={served.token}", **headers}
    h = {k: v for k, v in h.items() if v}
    code, _, text = served.request("POST", "/api/decision", headers=h,
                                   body={"finding": fid, "status": "confirmed", "note": name})
    assert code == 403, (name, text)
    after = served.decisions.read_bytes() if served.decisions.exists() else None
    assert after == before


# ---------------------------------------------------------------------------------------
# deciding


def test_decide_and_undo_write_the_decisions_file(served: Served) -> None:
    fid = findings(served)[1]
    code, _, text = served.change("/api/decision", {"finding": fid, "status": "corrected", "value": "$294,000",
                                                    "note": "scale slip", "by": "ab"})
    assert code == 200, text
    assert json.loads(text)["status"] == "corrected"
    on_disk = {d["finding"]: d for d in tomllib.loads(served.decisions.read_text("utf-8"))["decision"]}
    assert on_disk[fid]["status"] == "corrected" and on_disk[fid]["corrected"] == "$294,000"
    assert on_disk[fid]["note"] == "scale slip" and on_disk[fid]["by"] == "ab"
    code, _, page = served.request("GET", "/", headers={"X-Reconcile-Token": served.token})
    assert f'is-corrected" id="finding-{fid}" data-finding="{fid}"' in page  # shown at once
    code, _, text = served.change("/api/undo", {"finding": fid})
    assert code == 200, text
    on_disk = {d["finding"] for d in tomllib.loads(served.decisions.read_text("utf-8")).get("decision", [])}
    assert fid not in on_disk


BAD_DECISIONS = [
    ("a dismissal without a note", {"status": "dismissed", "note": " "}, 400, "note"),
    ("a correction without a value", {"status": "corrected", "note": "x"}, 400, "value"),
    ("an unknown status", {"status": "approved"}, 400, "status"),
    ("an unknown finding", {"status": "confirmed", "finding": "f-0000000000"}, 400, "no finding"),
    ("a note that is not text", {"status": "confirmed", "note": 5}, 400, "text"),
    ("undo of an open finding", None, 400, "no decision"),
]


@pytest.mark.parametrize(("name", "body", "code", "says"), BAD_DECISIONS, ids=[r[0] for r in BAD_DECISIONS])
def test_a_bad_decision_is_refused_with_the_reason(served: Served, name: str, body: dict[str, object] | None,
                                                   code: int, says: str) -> None:
    fid = findings(served)[2]
    if body is None:
        got, _, text = served.change("/api/undo", {"finding": fid})
    else:
        got, _, text = served.change("/api/decision", {"finding": fid, **body})
    assert got == code and says in json.loads(text)["error"], (name, text)


def test_many_decisions_at_once_lose_nothing(served: Served) -> None:
    ids = findings(served)[3:9]
    results: list[int] = []

    def decide(fid: str) -> None:
        code, _, _ = served.change("/api/decision", {"finding": fid, "status": "confirmed", "note": f"n {fid}"})
        results.append(code)

    threads = [threading.Thread(target=decide, args=(fid,)) for fid in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * len(ids)
    on_disk = {d["finding"]: d["note"] for d in tomllib.loads(served.decisions.read_text("utf-8"))["decision"]}
    assert {fid: f"n {fid}" for fid in ids}.items() <= on_disk.items()


# ---------------------------------------------------------------------------------------
# articles


ARTICLE_NAMES_REFUSED = [
    ("a parent folder", "../outside.txt"),
    ("an absolute path", "/tmp/outside.txt"),
    ("a subfolder", "sub/inside.txt"),
    ("a hidden file", ".hidden.txt"),
    ("not an article", "notes.toml"),
    ("the decisions file", "reconcile-decisions.toml"),
    ("a backslash", "..\\outside.txt"),
]


@pytest.mark.parametrize(("name", "filename"), ARTICLE_NAMES_REFUSED, ids=[r[0] for r in ARTICLE_NAMES_REFUSED])
def test_an_article_is_saved_only_inside_the_corpus(served: Served, name: str, filename: str) -> None:
    before = sorted(p.name for p in served.corpus.parent.rglob("*"))
    code, _, text = served.change("/api/article", {"name": filename, "text": "An invented 12 words."})
    assert code == 400, (name, text)
    assert sorted(p.name for p in served.corpus.parent.rglob("*")) == before


def test_an_existing_article_is_never_replaced(served: Served) -> None:
    first = sorted(served.corpus.glob("*.txt"))[0] if list(served.corpus.glob("*.txt")) else None
    target = first or sorted(p for p in served.corpus.iterdir() if p.suffix in (".md", ".html"))[0]
    before = target.read_bytes()
    code, _, _ = served.change("/api/article", {"name": target.name, "text": "replaced"})
    assert code == 409 and target.read_bytes() == before


def test_a_new_article_re_runs_and_a_failed_run_keeps_the_last_good_report(tmp_path: Path) -> None:
    s = start(tmp_path)
    try:
        st = s.status()
        assert st["run"] == 1 and st["error"] == ""
        sources = len([p for p in s.corpus.iterdir() if p.suffix in (".txt", ".md", ".html")])
        code, _, text = s.change("/api/article", {"name": "desk-new.txt",
                                                  "text": "Invented wire\n\nThe team used 4,096 chips for 9 days."})
        assert code == 200, text
        assert (s.corpus / "desk-new.txt").exists()
        st = s.wait_for_run(2)
        assert st["run"] == 2 and st["error"] == ""
        _, _, page = s.request("GET", "/", headers={"X-Reconcile-Token": s.token})
        assert f"{sources + 1} sources" in page and "desk-new.txt" in page
        # every article gone: the re-run fails, says why, and the last good report stays
        moved = tmp_path / "aside"
        moved.mkdir()
        for p in list(s.corpus.iterdir()):
            if p.suffix in (".txt", ".md", ".html"):
                p.rename(moved / p.name)
        end = time.monotonic() + 60
        while not st["error"] and time.monotonic() < end:
            time.sleep(0.2)
            st = s.status()
        assert "no readable article" in st["error"] and st["run"] == 2
        code, _, page = s.request("GET", "/", headers={"X-Reconcile-Token": s.token})
        assert code == 200 and f"{sources + 1} sources" in page
    finally:
        s.stop()
