"""The date of a saved web page, where trafilatura finds none in its markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.read.source import read_source

BODY = "<p>" + "The river crested at 6.2 metres overnight, the water board said on its site. " * 8 + "</p>"
PAGES = [  # (name, the part of the page before the article text, date read)
    ("byline with time and read time", '<p class="byline">By Ana Ruiz &middot; Oct. 15, 2025, 19:20 &middot; '
     "<span>4 min read</span></p>", "2025-10-15"),
    ("meta tag wins", '<p class="byline">By Ana Ruiz &middot; Oct. 15, 2025</p>', "2025-10-14"),
    ("no date anywhere", '<p class="byline">By Ana Ruiz</p>', None),
]


@pytest.mark.parametrize(("name", "top", "date"), PAGES, ids=[p[0] for p in PAGES])
def test_page_date(tmp_path: Path, name: str, top: str, date: str | None) -> None:
    meta = '<meta property="article:published_time" content="2025-10-14T08:00:00Z">' if name == "meta tag wins" else ""
    page = (f"<html><head><title>River crest | The Desk</title>{meta}</head><body><article><h1>River crest</h1>"
            f"{top}{BODY}</article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    assert read_source(tmp_path / "p.html", "p.html").date == date
