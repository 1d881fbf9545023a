"""The main text and metadata of a saved web page, through trafilatura.

trafilatura (with htmldate for the date) finds the article in a real page far better than a
hand-written extractor: menus, teasers, "most read" lists and subscription bars stay out.
What this module adds around it:

- **fact boxes**: elements whose class or id says fact box (``reconciler.read.html._KEEP``) are
  renamed to plain ``<div>`` before extraction, so trafilatura does not drop them as asides;
- **one line per block**, as the rest of the tool reads text: paragraphs, headings, list items
  (``- `` before them), table rows (cells joined by a space), rendered from trafilatura's tree
  (its own text output cuts long fields and draws tables with ``|``);
- **the outlet**: the page's site name (``og:site_name``, JSON-LD publisher), else the site
  part of its ``<title>`` ("Headline | Harbor City 8 News");
- **JSON-LD ``articleBody``**: used when the page's markup holds less text than it (a page
  whose article is filled in by script);
- **the fallback**: where trafilatura finds nothing (a fragment, a page it rejects, markup
  lxml cannot parse), the stdlib extractor of :mod:`reconciler.read.html` reads the page.

Dates are taken from markup only (no guess from free text) and are never capped at today,
so the same file gives the same source on any day.

>>> page = read_page("<html><head><title>Bridge | The Desk</title></head><body><article>"
...                  "<h1>Bridge</h1><p>" + "The job will cost $1.7 billion, officials said. " * 8
...                  + "</p></article></body></html>")
>>> page.container, page.outlet, page.text.splitlines()[0]
('trafilatura', 'The Desk', 'Bridge')
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from reconciler.read.html import _KEEP, HtmlText, extract_html
from reconciler.read.metadata import _top_date

_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2100-12-31"}
_BLOCKS = frozenset({"p", "head", "quote", "code", "item", "row", "list", "table", "div", "cell"})
_NEVER_DROP = frozenset({"html", "body", "main", "article"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"})
# class or id words of chrome that trafilatura may keep: consent and subscription bars, pop-ups,
# recommendation widgets (words that also name real content, such as "related", are left to it)
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|newsletters?|subscribe|subscription|paywall|popup|modal"
    r"|outbrain|taboola|most-?read)(?=$|[\s_-])",
    re.IGNORECASE,
)
_SITE_SEP = re.compile(r"\s+[|–—·»:]\s+|\s+-\s+")
_SITE_MAX_WORDS = 6
_LD = re.compile(r"<script[^>]{0,200}application/ld\+json[^>]{0,200}>(.{0,500000}?)</script>",
                 re.IGNORECASE | re.DOTALL)
_OG_SITE = re.compile(
    r"""<meta\s[^>]{0,300}?(?:property|name)\s{0,3}=\s{0,3}["'](?:og:site_name|application-name)["']"""
    r"""[^>]{0,300}?content\s{0,3}=\s{0,3}["']([^"'<>]{1,200})["']""",
    re.IGNORECASE,
)


def read_page(raw: str) -> HtmlText:
    """The article of an HTML page: main text (one block a line), title, outlet, author, dates.

    Never raises: trafilatura's failures fall back to :func:`reconciler.read.html.extract_html`.
    """
    try:
        doc = _trafilatura(raw)
    except Exception:  # lxml and trafilatura raise many kinds on broken markup: read it our way
        doc = None
    body = _ld_article_body(raw)
    if doc is None or not doc.text.strip():
        ours = extract_html(raw)
        outlet = _site_name(raw) or _title_site(ours.title, "")
        if body and len(body) > len(ours.text):
            return HtmlText(body, ours.title, ours.dates, "json-ld", outlet)
        return HtmlText(ours.text, ours.title, ours.dates, ours.container, outlet)
    if not doc.dates:
        # no date in the markup: the byline trafilatura leaves out may state it ("By A · Oct. 15, 2025")
        ours = extract_html(raw)
        iso = _top_date(ours.text)
        dates = (iso,) if iso else ours.dates
        if dates:
            doc = replace(doc, dates=dates)
    if body and len(body) > 2 * len(doc.text):
        return HtmlText(body, doc.title, doc.dates, "json-ld", doc.outlet, doc.author)
    return doc


def _trafilatura(raw: str) -> HtmlText | None:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        return None
    boxes = _prepare(tree)
    doc: Any = bare_extraction(
        tree, fast=False, include_comments=False, include_tables=True, with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or doc.body is None:
        return None
    lines: list[str] = []
    _render_one(doc.body, lines)
    lines += _missing_boxes(lines, boxes)
    page_title = _page_title(tree)
    title = _collapse(doc.title or "") or page_title
    outlet = _collapse(doc.sitename or "") or _title_site(page_title, title)
    return HtmlText(
        text="\n".join(lines),
        title=title,
        dates=(doc.date,) if doc.date else (),
        container="trafilatura",
        outlet=outlet,
        author=_collapse(doc.author or ""),
    )


def _prepare(tree: Any) -> list[str]:
    """Mark fact boxes as plain content and drop what is chrome by its own words (in place).

    Returns the text of each fact box, as the stdlib extractor reads it.
    """
    drop = []
    boxes: list[Any] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _NEVER_DROP:
            continue
        attrib = el.attrib
        if not attrib:
            continue
        hints = f"{attrib.get('class', '')} {attrib.get('id', '')}"
        if len(hints) > 1 and _KEEP.search(hints):
            el.tag = "div"  # a fact box: holds real figures, whatever its tag or other classes say
            for k in ("class", "id", "role"):
                el.attrib.pop(k, None)
            boxes.append(el)
            continue
        role = attrib.get("role", "").lower().strip()
        if (role in _CHROME_ROLES or attrib.get("aria-modal", "").lower() == "true"
                or (len(hints) > 1 and _CHROME.search(hints))):
            drop.append(el)
    for el in drop:
        if el.getparent() is None or any(True for _ in el.iter("article", "main", "h1")):
            continue  # a wrapper of the article itself ("layout has-sidebar"), or already gone
        tail = el.tail
        parent = el.getparent()
        if tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
    return [_box_text(el) for el in boxes if not any(b is not el and _inside(el, b) for b in boxes)]


def _inside(el: Any, box: Any) -> bool:
    return any(a is box for a in el.iterancestors())


def _box_text(el: Any) -> str:
    from lxml import etree

    return extract_html(etree.tostring(el, encoding="unicode", method="html", with_tail=False)).text


def _missing_boxes(lines: list[str], boxes: list[str]) -> list[str]:
    """The lines of fact boxes that trafilatura left out (it keeps most; a short page loses them)."""
    if not boxes:
        return []
    have = set(lines)
    out: list[str] = []
    for box in boxes:
        missing = [line for line in box.split("\n") if line and line not in have]
        # a box of real figures: short lines, most of them with a digit (not a widget called "info")
        if missing and sum(any(c.isdigit() for c in x) for x in missing) * 2 >= len(missing) \
                and all(len(x) <= 200 for x in missing):
            out.extend(missing)
    return out


def _render(el: Any, out: list[str]) -> None:
    """Append the lines of trafilatura's output tree ``el``: one per paragraph, item or row."""
    for child in el:
        _render_one(child, out)
        if child.tail and child.tail.strip() and el.tag != "body":
            _emit(child.tail, "", out)


def _render_one(el: Any, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("list", "table", "body"):
        _render(el, out)
    elif tag == "item":
        parts: list[str] = [el.text or ""]
        nested = []
        for sub in el:
            if sub.tag in ("list", "table"):
                nested.append(sub)
            else:
                parts.append(_inline(sub))
            parts.append(sub.tail or "")
        _emit("".join(parts), "- ", out)
        for sub in nested:
            _render_one(sub, out)
    elif tag == "row":
        cells = [_collapse(_inline(cell)) for cell in el if cell.tag == "cell"]
        _emit(" ".join(c for c in cells if c), "", out)
    elif tag in _BLOCKS and any(sub.tag in _BLOCKS for sub in el):
        _emit(el.text or "", "", out)
        _render(el, out)
    else:
        _emit(_inline(el), "", out)


def _inline(el: Any) -> str:
    """The text of an element, its ``<lb/>`` line breaks kept as newlines."""
    parts = [el.text or ""]
    for sub in el:
        parts.append("\n" if sub.tag == "lb" else _inline(sub))
        parts.append(sub.tail or "")
    return "".join(parts)


def _emit(text: str, prefix: str, out: list[str]) -> None:
    first = True
    for line in text.split("\n"):
        line = _collapse(line)
        if line:
            out.append((prefix if first else "") + line)
            first = False


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _page_title(tree: Any) -> str:
    el = tree.find(".//title")
    return _collapse(el.text_content()) if el is not None else ""


def _title_site(page_title: str, headline: str) -> str:
    """The site part of a ``<title>``: "Headline | Site" gives "Site" (short, not the headline).

    >>> _title_site("Dali owners to pay | Harbor City 8 News", "Dali owners to pay")
    'Harbor City 8 News'
    >>> _title_site("Bridge collapse: what we know", "")
    ''
    """
    parts = _SITE_SEP.split(page_title)
    if len(parts) < 2:
        return ""
    for site in (parts[-1], parts[0]):
        site = site.strip()
        if site and len(site.split()) <= _SITE_MAX_WORDS and site != headline and not headline.startswith(site):
            if site is parts[0].strip() and not headline:
                return ""  # with no headline to compare, only a trailing part is taken as the site
            return site
    return ""


def _site_name(raw: str) -> str:
    m = _OG_SITE.search(raw[:200_000])
    if m:
        import html

        return _collapse(html.unescape(m.group(1)))
    for data in _ld_objects(raw):
        pub = data.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            return _collapse(pub["name"])
    return ""


def _ld_objects(raw: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if "ld+json" not in raw:
        return out
    for m in _LD.finditer(raw):
        try:
            data = json.loads(m.group(1))
        except ValueError:
            continue
        stack = [data]
        while stack and len(out) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
    return out


def _ld_article_body(raw: str) -> str:
    """The longest JSON-LD ``articleBody`` of the page, one paragraph a line ("" if none)."""
    best = ""
    for data in _ld_objects(raw):
        body = data.get("articleBody")
        if isinstance(body, str) and len(body) > len(best):
            best = body
    if not best:
        return ""
    import html

    lines = (_collapse(line) for line in html.unescape(best).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
