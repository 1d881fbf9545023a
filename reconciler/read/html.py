"""Main-text extraction from saved HTML pages, stdlib only.

A small readability-style extractor on top of :mod:`html.parser`: it drops page chrome
(scripts, navigation, cookie banners, related-article lists, footers), keeps what sits in
the article (including fact boxes, which hold real figures) and returns one line per block.

The parser never raises on hostile markup: if :mod:`html.parser` gives up, a crude linear
tag-strip is used instead.

>>> doc = extract_html("<title>A &amp; B</title><nav>Home</nav><p>Cost: <b>$5</b>.</p>")
>>> doc.title, doc.text
('A & B', 'Cost: $5.')
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class HtmlText:
    """What the extractor found in one page."""

    text: str  # main text, one block per line
    title: str  # <title>, entity-unescaped, whitespace collapsed ("" if none)
    dates: tuple[str, ...] = ()  # machine-readable publication dates, best first
    container: str = ""  # where the text came from: "article", "main", "body", "strip", "trafilatura", "json-ld"
    outlet: str = ""  # who published it: the page's site name, when the page says
    author: str = ""


# elements whose content is never text
_IGNORED = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "head", "header", "nav", "footer", "form", "button", "select",
        "option", "textarea", "audio", "video", "picture", "map", "dialog",
    }
)
# elements that start a new line
_BLOCK = frozenset(
    {
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
        "article", "aside", "blockquote", "ul", "ol", "table", "dl", "dt", "dd",
        "figcaption", "figure", "pre", "main", "header", "footer", "nav", "address", "hr",
        "caption", "details", "summary", "fieldset", "legend", "center", "body", "html",
        "thead", "tbody", "tfoot",
    }
)
_HEAD_CONTENT = frozenset(
    {"title", "meta", "link", "style", "script", "noscript", "base", "template"}
)
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "keygen",
    }
)
# elements for which a class/id/role hint never applies (the page itself and its content roots)
_NEVER_BOILERPLATE = frozenset({"html", "body", "main", "article"})
# class / id / aria-label hints of page chrome; matched on word parts (split at - and _)
_BOILER = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|banner|related|share|sharing|social|newsletters?"
    r"|subscribe|subscription|comments?|promo|promos|promoted|adverts?|advertisement"
    r"|advertising|ads?|adslot|adunit|sponsor|sponsored|breadcrumbs?|menu|masthead|sidebar"
    r"|popup|pop-up|modal|paywall|outbrain|taboola|recirc|more-stories|trending|skip-link"
    r"|most-read|mostread|read-more|readmore)(?=$|[\s_-])",
    re.IGNORECASE,
)
_KEEP = re.compile(
    r"(?:^|[\s_-])(?:fact-?box(?:es)?|info-?box(?:es)?|facts?|key-?facts|fact-?sheet)(?=$|[\s_-])",
    re.IGNORECASE,
)
_BOILER_ROLES = frozenset(
    {
        "navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu",
        "menubar", "complementary-ad",
    }
)
_META_DATE_KEYS = frozenset(
    {
        "article:published_time", "og:published_time", "published_time", "datepublished",
        "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
        "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
    }
)
_LD_DATE = re.compile(r'"datePublished"\s{0,5}:\s{0,5}"([^"]{4,40})"')
_TITLE_MAX = 2000


def _collapse(s: str) -> str:
    return " ".join(s.split())


@dataclass
class _Open:
    tag: str
    ignored: bool  # this element or an ancestor is ignored
    boiler: int = -1  # id of a block element whose class/id/role says boilerplate


@dataclass(frozen=True)
class _Block:
    line: str
    article: int  # id of the outermost <article> it is in, -1 if none
    main: int
    boiler: int  # id of the innermost boilerplate-looking element it is in, -1 if none


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = []
        self.open_count: dict[str, int] = {}
        self.blocks: list[_Block] = []
        self.boiler_open: list[int] = []  # ids of open boilerplate-looking block elements
        self.boiler_parent: list[int] = []  # per id: the enclosing one's id, or -1
        # per id: holds the article, <main> or the headline; then it is a page wrapper
        # ("layout has-sidebar"), not boilerplate
        self.boiler_wraps: list[bool] = []
        self.buf: list[str] = []
        self.prefix = ""
        self.article_id = -1  # id of the outermost open <article>, -1 outside
        self.main_id = -1
        self.n_articles = 0
        self.n_mains = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.title_len = 0
        self.title_done = False
        self.in_ld_json = False
        self.ld_parts: list[str] = []
        self.ld_len = 0
        self.meta_dates: list[str] = []
        self.time_dates: list[tuple[str, int]] = []  # (datetime, article id)
        self.pre_depth = 0

    # -- state helpers -------------------------------------------------------------------
    @property
    def ignored(self) -> bool:
        return bool(self.stack) and self.stack[-1].ignored

    def flush(self) -> None:
        if not self.buf:
            return
        line = _collapse("".join(self.buf))
        self.buf = []
        if line:
            self.blocks.append(
                _Block(
                    self.prefix + line,
                    self.article_id,
                    self.main_id,
                    self.boiler_open[-1] if self.boiler_open else -1,
                )
            )
            self.prefix = ""

    def _push(self, tag: str, ignored: bool, boiler: int) -> None:
        self.stack.append(_Open(tag, ignored, boiler))
        if boiler >= 0:
            self.boiler_open.append(boiler)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def _pop(self) -> _Open:
        el = self.stack.pop()
        self.open_count[el.tag] -= 1
        if el.boiler >= 0:
            self.boiler_open.pop()
        if el.tag == "article" and self.open_count["article"] == 0:
            self.article_id = -1
        elif el.tag == "main" and self.open_count["main"] == 0:
            self.main_id = -1
        elif el.tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        elif el.tag == "script":
            self.in_ld_json = False
        return el

    def _close(self, tag: str) -> None:
        """Close the innermost open ``tag`` and everything opened inside it (O(1) amortised)."""
        if not self.open_count.get(tag):
            return
        while self.stack:
            if self._pop().tag == tag:
                break

    @staticmethod
    def _is_boilerplate(tag: str, attrs: dict[str, str]) -> bool:
        if tag in _NEVER_BOILERPLATE:
            return False
        role = attrs.get("role", "").lower().strip()
        hints = " ".join(
            attrs.get(k, "") for k in ("class", "id", "aria-label", "data-component")
        )
        if _KEEP.search(hints):
            return False
        if role in _BOILER_ROLES:
            return True
        if attrs.get("aria-modal", "").lower() == "true":
            return True
        return bool(hints) and _BOILER.search(hints) is not None

    # -- parser callbacks ----------------------------------------------------------------
    def parse_html_declaration(self, i: int) -> int:
        """Like the base class, but treat unknown ``<![...]>`` sections as bogus comments."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            j = self.rawdata.find(">", i + 2)
            return -1 if j < 0 else j + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _META_DATE_KEYS and a.get("content"):
                self.meta_dates.append(a["content"].strip())
            return
        if tag == "time" and a.get("datetime") and not self.ignored and not self.boiler_open:
            self.time_dates.append((a["datetime"].strip(), self.article_id))
        if self.in_title and tag != "title":
            self._end_title()
        if tag == "title":
            if not self.title_done and not (self.open_count.get("svg") or self.open_count.get("math")):
                self.in_title = True
            return
        if self.open_count.get("head") and tag not in _HEAD_CONTENT:
            self._close("head")  # body content without </head>: the head has ended
        if tag in _BLOCK:
            self.flush()
            # a new block closes an unclosed <p>, and a new <li>/<dt>/<dd> closes the previous one
            top = self.stack[-1].tag if self.stack else ""
            if (top == "p" and tag not in ("br", "hr")) or (tag == top and tag in ("li", "dt", "dd")):
                self._pop()
        elif tag in ("td", "th"):
            self.buf.append(" ")
        if tag in _VOID:
            return
        # header elements inside an article are the article's own header (headline, byline)
        chrome = tag in _IGNORED and not (tag == "header" and self.open_count.get("article"))
        ignored = self.ignored or chrome
        boiler = -1
        if not ignored and self._is_boilerplate(tag, a):
            if tag in _BLOCK:  # decided at the end: it may turn out to wrap the article
                boiler = len(self.boiler_parent)
                self.boiler_parent.append(self.boiler_open[-1] if self.boiler_open else -1)
                self.boiler_wraps.append(False)
            else:
                ignored = True
        if tag in ("article", "main", "h1") and self.boiler_open:
            self.boiler_wraps[self.boiler_open[-1]] = True  # spread to ancestors at the end
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self.in_ld_json = True
        if tag == "article" and not self.open_count.get("article"):
            self.article_id = self.n_articles
            self.n_articles += 1
        elif tag == "main" and not self.open_count.get("main"):
            self.main_id = self.n_mains
            self.n_mains += 1
        elif tag == "pre":
            self.pre_depth += 1
        elif tag == "li" and not ignored:
            self.prefix = "- "
        self._push(tag, ignored, boiler)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._end_title()
            return
        if tag in _BLOCK or tag in ("td", "th"):
            if tag in ("td", "th"):
                self.buf.append(" ")
            else:
                self.flush()
        if tag == "br" or (tag == "p" and not self.open_count.get("p")):
            return  # stray </br> and </p>: a line break, nothing to close
        self._close(tag)
        if tag == "li":
            self.prefix = ""

    def handle_data(self, data: str) -> None:
        if self.in_title:
            if self.title_len < _TITLE_MAX:
                self.title_parts.append(data)
                self.title_len += len(data)
            return
        if self.in_ld_json:
            if self.ld_len < 200_000:
                self.ld_parts.append(data)
                self.ld_len += len(data)
            return
        if self.ignored:
            return
        if self.pre_depth and "\n" in data:
            lines = data.split("\n")
            for i, part in enumerate(lines):
                if i:
                    self.flush()
                self.buf.append(part)
            return
        self.buf.append(data)

    def _end_title(self) -> None:
        self.in_title = False
        if self.title_parts:
            self.title_done = True

    def close(self) -> None:
        super().close()
        self.flush()

    # -- result --------------------------------------------------------------------------
    def _kept_boilers(self) -> list[bool]:
        """Per boilerplate-looking element: keep it (it and all its such ancestors wrap)."""
        wraps = list(self.boiler_wraps)
        parent = self.boiler_parent
        for i in range(len(wraps) - 1, -1, -1):  # children have larger ids than parents
            if wraps[i] and parent[i] >= 0:
                wraps[parent[i]] = True
        keep = [False] * len(wraps)
        for i, w in enumerate(wraps):
            keep[i] = w and (parent[i] < 0 or keep[parent[i]])
        return keep

    def result(self) -> HtmlText:
        keep = self._kept_boilers()
        blocks = [b for b in self.blocks if b.boiler < 0 or keep[b.boiler]]
        container = "body"
        article = _largest([(b.article, len(b.line)) for b in blocks]) if self.n_articles else -1
        if article >= 0:
            blocks = [b for b in blocks if b.article == article]
            container = "article"
        elif self.n_mains:
            main = _largest([(b.main, len(b.line)) for b in blocks])
            if main >= 0:
                blocks = [b for b in blocks if b.main == main]
                container = "main"
        dates = list(self.meta_dates)
        if self.ld_parts:
            dates += _LD_DATE.findall("".join(self.ld_parts))
        times = [d for d, art in self.time_dates if art == article]
        dates += times or [d for d, _ in self.time_dates]
        return HtmlText(
            text="\n".join(b.line for b in blocks),
            title=_collapse("".join(self.title_parts))[:_TITLE_MAX],
            dates=tuple(dates),
            container=container,
        )


def _largest(sizes: list[tuple[int, int]]) -> int:
    """Of (container id, text length) pairs, the id with the most text (the first on a tie).

    Id -1 (outside any container) never wins; -1 is returned when no container has text.
    """
    total: dict[int, int] = {}
    for cid, n in sizes:
        if cid >= 0:
            total[cid] = total.get(cid, 0) + n
    if not total:
        return -1
    best = max(total.values())
    return min(k for k, v in total.items() if v == best)


def extract_html(raw: str) -> HtmlText:
    """Extract title, main text and publication dates from an HTML document.

    Never raises on bad markup: a crude tag-strip is the fallback.

    >>> extract_html("<body><article><ul><li>Opened: 1977</li></ul></article></body>").text
    '- Opened: 1977'
    """
    parser = _Extractor()
    try:
        parser.feed(_defuse(raw))
        parser.close()
        doc = parser.result()
    except Exception:  # html.parser has raised AssertionError, IndexError... on bad markup
        # across versions; any failure means "use the crude strip"
        return strip_tags(raw)
    if not doc.text.strip():
        crude = strip_tags(raw)
        if crude.text.strip() and not _looks_all_chrome(parser):
            return HtmlText(crude.text, doc.title or crude.title, doc.dates, crude.container)
    return doc


def _defuse(raw: str) -> str:
    """Escape every ``<`` that cannot start complete markup, in one linear pass.

    :mod:`html.parser` rescans to the end of the input for each unterminated ``<!--``,
    ``<!``, ``</`` or ``<tag`` (quadratic on hostile pages); as text they mean the same.

    >>> _defuse("<p>1 < 2</p><!-- ok --><p>3 <4")
    '<p>1 &lt; 2</p><!-- ok --><p>3 &lt;4'
    >>> _defuse("a <!-- b <!-- c")
    'a '
    """
    last_gt = raw.rfind(">")
    last_comment_end = raw.rfind("-->")
    last_section_end = raw.rfind("]>")
    out: list[str] = []
    start = pos = 0
    while True:
        lt = raw.find("<", pos)
        if lt < 0:
            break
        nxt = raw[lt + 1: lt + 2]
        if raw.startswith("<!--", lt):
            if lt + 4 <= last_comment_end:
                pos = raw.find("-->", lt + 4) + 3
                continue
            out.append(raw[start:lt])  # as in browsers, an open comment hides the rest
            return "".join(out)
        elif raw.startswith("<![", lt):
            if lt + 3 <= last_section_end:
                pos = raw.find("]>", lt + 3) + 2
                continue
        elif nxt and ((nxt.isascii() and nxt.isalpha()) or nxt in "/!?") and lt < last_gt:
            pos = raw.find(">", lt + 1) + 1
            continue
        out.append(raw[start:lt])
        out.append("&lt;")
        start = pos = lt + 1
    if not out:
        return raw
    out.append(raw[start:])
    return "".join(out)


def _looks_all_chrome(parser: _Extractor) -> bool:
    """True when the page had text but all of it was boilerplate we chose to drop."""
    return parser.n_articles > 0 or parser.n_mains > 0


_RAW_SKIP = {
    name: re.compile("</" + name, re.IGNORECASE)
    for name in ("script", "style", "noscript", "template", "head", "title")
}
_TITLE_RE = re.compile(r"<title[^>]{0,200}>([^<]{0,2000})", re.IGNORECASE)


def strip_tags(raw: str) -> HtmlText:
    """Crude, linear fallback: drop script/style/head blocks and comments, strip tags.

    >>> strip_tags("<p>a<script>x<y</script>b</p><!-- c -->d").text
    'a b\\nd'
    """
    m = _TITLE_RE.search(raw[:100_000])
    title = _collapse(html.unescape(m.group(1))) if m else ""
    out: list[str] = []
    pos = 0
    n = len(raw)
    while pos < n:
        lt = raw.find("<", pos)
        if lt < 0:
            out.append(raw[pos:])
            break
        out.append(raw[pos:lt])
        if raw.startswith("<!--", lt):
            end = raw.find("-->", lt + 4)
            pos = n if end < 0 else end + 3
            out.append(" ")
            continue
        skipped = False
        for name, closing in _RAW_SKIP.items():
            after = raw[lt + 1 + len(name): lt + 2 + len(name)]
            if raw[lt + 1: lt + 1 + len(name)].lower() == name and not after.isalnum():
                m_end = closing.search(raw, lt + 1)
                pos = n if m_end is None else m_end.start()
                gt = raw.find(">", pos)
                pos = n if gt < 0 else gt + 1
                out.append(" ")
                skipped = True
                break
        if skipped:
            continue
        gt = raw.find(">", lt + 1)
        if gt < 0:
            out.append(raw[lt:])
            break
        tag = raw[lt + 1: gt].lstrip("/").split(None, 1)
        name = tag[0].rstrip("/").lower() if tag else ""
        out.append("\n" if name in _BLOCK else " ")
        pos = gt + 1
    text = html.unescape("".join(out))
    lines = [_collapse(line) for line in text.split("\n")]
    return HtmlText("\n".join(x for x in lines if x), title, (), "strip")


