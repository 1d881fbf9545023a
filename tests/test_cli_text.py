"""`reconcile text FILE...`: what is read from each kind of file, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_documents import print_pdf, write_docx

from reconciler.cli import main

BODY = "The ferry carried 212 passengers and 9 crew when it ran aground at 6:40 a.m."
PAGE = ("<html><head><title>Ferry aground | Bay Courier</title><meta property='og:site_name' content='Bay Courier'>"
        "</head><body><nav>Home 24/7</nav><article><h1>Ferry aground</h1><p>By Ana Ruiz</p><p>"
        + " ".join([BODY] * 6) + "</p></article><aside class='most-read'>Most read: 5 things</aside></body></html>")

FILES = {  # name: (how it is made, expected title, outlet, date)
    "a.txt": (lambda p: p.write_text(f"Ferry aground\n\nSource: Harbor Wire\n\nMarch 4, 2025\n\n{BODY}\n",
                                     encoding="utf-8"), "Ferry aground", "Harbor Wire", "2025-03-04"),
    "b.md": (lambda p: p.write_text(f"---\ntitle: Ferry aground\ndate: 2025-03-04\n---\n\n{BODY}\n", encoding="utf-8"),
             "Ferry aground", "", "2025-03-04"),
    "c.html": (lambda p: p.write_text(PAGE, encoding="utf-8"), "Ferry aground", "Bay Courier", None),
    "d.docx": (lambda p: write_docx(f"Ferry aground\n\nBy Ana Ruiz, The Herald\n\n{BODY}", p), "Ferry aground",
               "The Herald", None),
    "e.pdf": (lambda p: print_pdf(f"<title>Ferry aground</title><h1>Ferry aground</h1><p>{BODY}</p>", p),
              "Ferry aground", "", None),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("text")
    for name, (make, *_) in FILES.items():
        make(folder / name)
    return folder


@pytest.mark.parametrize("name", list(FILES))
def test_text_json_record(files: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["text", "--json", str(files / name)])
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    _, title, outlet, date = FILES[name]
    assert record["path"] == name
    assert (record["title"], record["outlet"], record["date"]) == (title, outlet, date)
    assert BODY in " ".join(record["text"].split())
    assert "Most read" not in record["text"] and "24/7" not in record["text"]


def test_text_printed_with_header_and_pages(files: Path) -> None:
    result = CliRunner().invoke(main, ["text", str(files / "e.pdf"), str(files / "a.txt")])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("== a.txt") < out.index("== e.pdf")  # in path order
    assert "outlet: Harbor Wire" in out and "date:   2025-03-04" in out
    assert "format: pdf, 1 page(s)" in out and "[page 1]\nFerry aground" in out


def test_text_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    (tmp_path / "ok.txt").write_text(f"Title\n\n{BODY}", encoding="utf-8")
    result = CliRunner().invoke(main, ["text", str(tmp_path / "x.docx"), str(tmp_path / "ok.txt")])
    assert result.exit_code == 0
    assert "skipped x.docx: broken Word document" in result.stderr and "== ok.txt" in result.stdout
    only_bad = CliRunner().invoke(main, ["text", str(tmp_path / "x.docx")])
    assert only_bad.exit_code == 2 and "nothing readable" in only_bad.stderr
    assert CliRunner().invoke(main, ["text", str(tmp_path / "missing.pdf")]).exit_code == 2
