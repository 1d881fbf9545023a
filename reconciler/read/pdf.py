"""The text layer of a PDF, through pypdf: one paragraph a line, page by page.

What this module does around pypdf's layout-preserving extraction:

- **paragraphs**: a PDF holds lines; a blank line in the layout (a vertical gap) ends a
  paragraph, and the lines of a paragraph are joined with a space, so a figure wrapped at the
  end of a line ("$29.4" / "million") is read whole;
- **hyphenation**: a word broken at the end of a line ("recon-" / "ciled") is joined; the
  hyphen is kept after the first part of a common compound ("well-" / "known") and where a
  part is a figure or a capital ("X90-" / "based", "2020–" / "2021");
- **page furniture**: lines that repeat at the top or bottom of the pages once digits are
  ignored (running titles, print stamps, "3/12" footers) and lone page numbers are dropped;
- **columns**: a page whose lines share a wide gutter is read left column, then right;
- **pages**: :attr:`DocText.pages` holds the offset in the text where each page begins, so a
  claim's page is known (:func:`page_of`).

A PDF with no text layer (a scan), one that needs a password, or one pypdf cannot parse
raises :class:`~reconciler.read.listing.UnreadableSource` with that reason.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from reconciler.read.listing import UnreadableSource


@dataclass(frozen=True)
class DocText:
    """What the PDF or Word reader found in one document."""

    text: str
    title: str = ""
    dates: tuple[str, ...] = ()
    outlet: str = ""
    author: str = ""
    pages: tuple[int, ...] = ()  # offset in ``text`` where page 1, 2, ... begins
    notes: tuple[str, ...] = ()


_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_PAGE_NUMBER = re.compile(
    r"(?i)(?:page\s{0,2})?[-–—(\[]?\s{0,2}\d{1,4}\s{0,2}(?:(?:/|of)\s{0,2}\d{1,4})?\s{0,2}[-–—)\]]?")
# what a browser or a print driver stamps at a page's top or bottom: the time it was printed,
# the address of the page, "Page 2 of 7"
_PRINT_STAMP = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4},?\s{1,3}\d{1,2}:\d\d(?:\s?[AP]M)?(?:\s.*)?"
    r"|(?:.*\s)?(?:https?|file)://\S+(?:\s{1,300}\d{1,4}\s?/\s?\d{1,4})?"
    r"|.*\bpage\s\d{1,4}\s(?:of|/)\s\d{1,4}",
    re.IGNORECASE,
)
_FURNITURE_LINES = 2  # lines at the top and at the bottom of a page that may be furniture
_GUTTER = 3  # spaces that separate two columns in the layout text


def read_pdf(raw: bytes) -> DocText:
    """The main text of a PDF; raises :class:`UnreadableSource` for a scan, a locked or a broken file."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files are not the editor's
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not _unlock(reader):
            raise UnreadableSource("encrypted PDF: it needs a password (save an unlocked copy)")
        texts = [_page_text(page) for page in reader.pages]
        info = _info(reader)
    except UnreadableSource:
        raise
    except (DependencyError, FileNotDecryptedError) as e:
        raise UnreadableSource(f"encrypted PDF: cannot decrypt it ({_short(e)}; "
                               "pip install 'pypdf[crypto]' reads it)") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError) as e:
        raise UnreadableSource(f"broken PDF: {_short(e)}") from None
    if not texts:
        raise UnreadableSource("broken PDF: no pages")
    empty = [i + 1 for i, lines in enumerate(texts) if not any(line.strip() for line in lines)]
    if len(empty) == len(texts):
        raise UnreadableSource(f"scanned PDF: no text layer on its {len(texts)} page(s) (run OCR on it first)")
    pages = [_columns(lines) for lines in _drop_furniture(texts)]
    compounds = {m.group().casefold() for lines in pages for line in lines for m in _COMPOUND.finditer(line)}
    out: list[str] = []
    starts: list[int] = []
    size = 0  # length of "\n".join(out)
    for lines in pages:
        paras = _paragraphs(lines, compounds)
        if out and paras and _continues(out[-1], paras[0]):
            # a paragraph broken by the page: read whole, the new page starting inside it
            cont = paras.pop(0)
            joined = _join(out[-1], cont, compounds)  # ends with ``cont`` as it is
            starts.append(size - len(out[-1]) + len(joined) - len(cont))
            size += len(joined) - len(out[-1])
            out[-1] = joined
        else:
            starts.append(size + (1 if out else 0))
        for para in paras:
            size += len(para) + (1 if out else 0)
            out.append(para)
    notes = ["pdf: text layer read by pypdf"]
    if empty:
        notes.append(f"pdf: no text layer on page(s) {', '.join(map(str, empty[:10]))}"
                     f"{' ...' if len(empty) > 10 else ''} (scanned?)")
    return DocText("\n".join(out), info.get("title", ""), (), info.get("outlet", ""), info.get("author", ""),
                   tuple(starts), tuple(notes))


def page_of(pages: tuple[int, ...], offset: int) -> int | None:
    """The page (from 1) on which ``offset`` of the text lies; None for a source without pages.

    >>> page_of((0, 120, 260), 130), page_of((0, 120, 260), 0), page_of((), 5)
    (2, 1, None)
    """
    if not pages:
        return None
    return max(1, bisect.bisect_right(pages, offset))


def _unlock(reader: Any) -> bool:
    """Opens a PDF locked only against editing (an empty user password), as every viewer does.

    A cipher pypdf needs the ``cryptography`` package for (AES) raises its ``DependencyError``.
    """
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise
    except Exception:  # pypdf raises several kinds for the ciphers it cannot handle
        return False


def _short(e: BaseException) -> str:
    msg = " ".join(str(e).split())[:160]
    return msg or type(e).__name__


def _page_text(page: Any) -> list[str]:
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode fails on some fonts and odd matrices: the plain text still counts
        text = page.extract_text() or ""
    lines = text.translate(_LIGATURES).replace("\r", "\n").split("\n")
    return [line.rstrip() for line in lines]


def _columns(lines: list[str], min_width: int = 25) -> list[str]:
    """Lines of a page set in two columns as the left column, then the right one.

    The gutter is a run of spaces at one place that no line of the columns crosses, with
    text on both sides of it in several lines, each side a column of prose (``min_width``
    characters a line on average: a table's narrow cells are not columns); lines above and
    below the columns (a headline, a closing paragraph at full width, after a blank line) keep
    their place.

    >>> _columns(["Head", "", "a1 a1   b1 b1", "a2 a2   b2 b2", "a3      b3", "        b4", "a5", "", "Tail"],
    ...          min_width=2)
    ['Head', '', 'a1 a1', 'a2 a2', 'a3', '', 'a5', '', 'b1 b1', 'b2 b2', 'b3', 'b4', '', '', 'Tail']
    """
    filled = [line for line in lines if line.strip()]
    if len(filled) < 4:
        return lines
    width = max(len(line) for line in filled)
    best: tuple[int, int, int, int] | None = None  # (lines with both sides, first, last line, gutter)
    for c in range(max(2, width * 3 // 10), width * 7 // 10 + 1):
        rows = [i for i, line in enumerate(lines) if line[c + _GUTTER:].strip()]
        if len(rows) < 3:
            continue
        first, last = rows[0], rows[-1]
        region = lines[first:last + 1]
        if any(line[c:c + _GUTTER].strip() for line in region):
            continue
        lefts = [len(line[:c].strip()) for line in region if line[:c].strip()]
        rights = [len(line[c + _GUTTER:].strip()) for line in region if line[c + _GUTTER:].strip()]
        both = sum(1 for line in region if line[:c].strip() and line[c + _GUTTER:].strip())
        if both < 2 or sum(lefts) < min_width * len(lefts) or sum(rights) < min_width * len(rights):
            continue
        if best is None or both > best[0]:
            best = (both, first, last, c)
    if best is None:
        return lines
    _, first, last, c = best
    while last + 1 < len(lines) and lines[last + 1].strip() and not lines[last + 1][c:c + _GUTTER].strip():
        last += 1  # the left column's paragraph runs on below the right column's last line
    while first > 0 and lines[first - 1].strip() and not lines[first - 1][c:c + _GUTTER].strip():
        first -= 1
    region = lines[first:last + 1]
    left_col = [line[:c].rstrip() for line in region]
    right_col = [line[c + _GUTTER:].strip() for line in region]
    return [*lines[:first], *left_col, "", *right_col, *lines[last + 1:]]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without the running headers and footers, print stamps and lone page numbers.

    >>> _drop_furniture([["12/3/26, 10:17 AM  Levee", "Levee report", "Water rose 3 m.", "file:///a.html  1/1"]])
    [['Levee report', 'Water rose 3 m.']]
    """
    edges: list[list[int]] = []  # per page: indexes of its first and last non-empty lines
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edges.append(filled[:_FURNITURE_LINES] + filled[-_FURNITURE_LINES:] if len(filled) > 1 else filled)
    counts: Counter[str] = Counter()
    for lines, idx in zip(pages, edges, strict=True):
        counts.update({_furniture_key(lines[i]) for i in idx})
    need = max(2, (len(pages) + 1) // 2)
    out: list[list[str]] = []
    for lines, idx in zip(pages, edges, strict=True):
        drop = {i for i in idx if (len(pages) > 1 and counts[_furniture_key(lines[i])] >= need)
                or _PAGE_NUMBER.fullmatch(lines[i].strip()) or _PRINT_STAMP.fullmatch(lines[i].strip())}
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


_HYPHEN_END = re.compile(r"(\S*?)([^\W\d_]|\d)([-‐‑–])$")
_WORD_START = re.compile(r"[^\W\d_]+|\d")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_])\s+([-‐])$")  # "ex ‐": a hyphen set apart at the line's end
_LAST_WORD = re.compile(r"[^\W\d_]*$")
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+-[^\W\d_]+")  # "large-scale" written within a line


def _continues(before: str, after: str) -> bool:
    """A paragraph that runs on over a page break: no closing punctuation, a lower-case start."""
    return not before.rstrip().endswith((".", "!", "?", ":", '"', "”", "’", "'", ")")) and after[:1].islower()


def _paragraphs(lines: list[str], compounds: AbstractSet[str] = frozenset()) -> list[str]:
    """The paragraphs of a page: lines joined up to a blank line; a table row (cells set apart
    by a wide gap) stays a line of its own, its cells joined by a space.

    >>> _paragraphs(["The budget rose", "to $1.4 billion.", "", "Police     $310 million", "Parks      $41 million",
    ...              "a    justified    line", "ends here."])
    ['The budget rose to $1.4 billion.', 'Police $310 million', 'Parks $41 million', 'a justified line ends here.']
    """
    paras: list[str] = []
    current = ""
    for raw in (*lines, ""):
        line = _SPACES.sub(" ", raw).strip()
        row = _is_row(raw)
        if not line or row:
            if current:
                paras.append(current)
                current = ""
            if row:
                paras.append(line)
            continue
        current = _join(current, line, compounds) if current else line
    return paras


_GAPS = re.compile(r"(?<=\S) +(?=\S)")


def _is_row(line: str) -> bool:
    """A table row in layout text: cells set apart by gaps of 3 spaces or more, unlike a justified
    line, whose every gap is widened alike.

    >>> [_is_row(s) for s in ("Police   $310 million     $322 million", "Item     2024         2025",
    ...                       "Fees      $12", "broken wo   ‐", "a    justified    line    of    words",
    ...                       "plain words here")]
    [True, True, True, False, False, False]
    """
    widths = [len(m.group()) for m in _GAPS.finditer(_SPACED_HYPHEN.sub(r"\1", line.strip()))]
    if not widths or max(widths) < 3:
        return False
    return len(widths) == 1 or max(widths) - min(widths) > 1


def _join(left: str, right: str, compounds: AbstractSet[str] = frozenset()) -> str:
    """Two lines of one paragraph; a word or figure broken at the end of ``left`` joined again.

    >>> _join("the levee was recon-", "ciled with"), _join("a 2020–", "2021 plan"), _join("X90-", "based")
    ('the levee was reconciled with', 'a 2020–2021 plan', 'X90-based')
    >>> _join("cost $29.4", "million"), _join("a well-", "known name"), _join("large-", "scale", {"large-scale"})
    ('cost $29.4 million', 'a well-known name', 'large-scale')
    """
    left = _SPACED_HYPHEN.sub(r"\1", left)
    m = _HYPHEN_END.search(left)
    if m is None:
        return f"{left} {right}"
    nxt = _WORD_START.match(right)
    if nxt is None:
        return f"{left} {right}"
    before = m.group(1) + m.group(2)
    if m.group(3) not in "-‐" or m.group(2).isdigit() or nxt.group()[0].isdigit() or not nxt.group()[0].islower() \
            or any(c.isupper() or c.isdigit() for c in before[1:]) or _KEEP_HYPHEN.get(before.casefold()) \
            or f"{_LAST_WORD.search(before).group()}-{nxt.group()}".casefold() in compounds:  # type: ignore[union-attr]
        return left + right  # "2020–2021", "X90-based", "well-known": the dash is part of the text
    return left[:-1] + right


# common first parts of hyphenated compounds: a line break after them keeps the hyphen
_KEEP_HYPHEN = dict.fromkeys(
    """well ill self non pre post anti co multi long short high low full part half all
    so one two three four five six seven eight nine ten first second third year month week day
    state city record world open cross""".split(), True)


def _info(reader: Any) -> dict[str, str]:
    """Title, author, publisher and date from the document's properties (XMP first)."""
    out: dict[str, str] = {}
    meta = reader.metadata or {}
    xmp = None
    try:
        xmp = reader.xmp_metadata
    except Exception:  # a broken XMP packet: the Info dictionary still counts
        xmp = None
    if xmp is not None:
        for key, attr in (("title", "dc_title"), ("outlet", "dc_publisher"), ("author", "dc_creator")):
            try:
                value = getattr(xmp, attr)
            except Exception:
                continue
            if isinstance(value, dict):
                value = value.get("x-default") or next(iter(value.values()), "")
            if isinstance(value, list):
                value = value[0] if value else ""
            if isinstance(value, str) and value.strip():
                out[key] = " ".join(value.split())
    for key, names in (("title", ("/Title",)), ("author", ("/Author",)),
                       ("outlet", ("/Publisher", "/Company", "/Source"))):
        for name in names:
            value = meta.get(name)
            if key not in out and isinstance(value, str) and value.strip():
                out[key] = " ".join(value.split())[:200]
    # (no date: a PDF's creation date is when it was saved or printed, not when the story ran)
    return out
