"""The text of a Word document (.docx), through python-docx: one paragraph a line, tables as rows.

Body paragraphs and tables are read in document order; a table row becomes one line, its
cells joined by a space, as the HTML reader writes table rows (a nested table's cells
inline). The title, author and publisher come from the document's properties (core
``title`` and ``creator``; ``Company`` of the extended properties, else the core
``category``, is taken as the outlet).

A file that is not a Word document or cannot be parsed raises
:class:`~reconciler.read.listing.UnreadableSource`; so does a macro-enabled one (.docm),
which is never opened.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from reconciler.read.listing import UnreadableSource
from reconciler.read.pdf import DocText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled"
_COMPANY = re.compile(rb"<(?:\w+:)?Company>([^<]{1,200})</(?:\w+:)?Company>")
MAX_UNPACKED = 256_000_000
DOCM_REASON = "macro-enabled Word document (.docm): not opened (save it as .docx)"


def read_docx(raw: bytes) -> DocText:
    """Main text and properties of a .docx file's bytes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        app = archive.read("docProps/app.xml") if "docProps/app.xml" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError) as e:
        raise UnreadableSource(f"broken Word document: not a .docx archive ({_short(e)})") from None
    if _MACRO_TYPE.encode() in types or "word/vbaProject.bin" in names:
        raise UnreadableSource(DOCM_REASON)
    unpacked = sum(i.file_size for i in archive.infolist())
    if unpacked > MAX_UNPACKED:  # a zip bomb, or no article: never inflated
        raise UnreadableSource(f"too large: the Word document unpacks to {unpacked / 1e6:,.0f} MB "
                               f"(the limit is {MAX_UNPACKED / 1e6:,.0f} MB)")
    from docx import Document

    try:
        doc: Any = Document(io.BytesIO(raw))
        lines: list[str] = []
        for block in doc.element.body.iterchildren():
            if block.tag == _W + "p":
                _add(lines, _para_text(block))
            elif block.tag == _W + "tbl":
                _table(block, lines)
        props = doc.core_properties
        title = _clean(props.title or "")
        author = _clean(props.author or "")
        category = _clean(props.category or "")
    except Exception as e:  # python-docx and lxml raise many kinds on damaged parts
        raise UnreadableSource(f"broken Word document: {_short(e)}") from None
    company = _COMPANY.search(app)
    outlet = _clean(company.group(1).decode("utf-8", "replace")) if company else category
    if not any(line.strip() for line in lines):
        raise UnreadableSource("no article text in the Word document")
    return DocText("\n".join(lines), title, (), outlet, author, (), ("docx: read by python-docx",))


def _short(e: BaseException) -> str:
    return " ".join(str(e).split())[:160] or type(e).__name__


def _clean(s: str) -> str:
    return " ".join(s.split())[:200]


def _para_text(p: Any) -> str:
    """A paragraph's visible text: runs, tabs and breaks (deleted revisions left out)."""
    parts: list[str] = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen", _W + "delText"):
        tag = el.tag
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag != _W + "delText":
            parts.append(" ")
    return " ".join("".join(parts).split())


def _add(lines: list[str], text: str) -> None:
    if text:
        lines.append(text)


def _table(tbl: Any, lines: list[str]) -> None:
    for row in tbl.iterchildren(_W + "tr"):
        cells: list[str] = []
        for cell in row.iterchildren(_W + "tc"):
            texts = [_para_text(p) for p in cell.iter(_W + "p")]
            cells.append(" ".join(t for t in texts if t))
        _add(lines, " ".join(c for c in cells if c))
