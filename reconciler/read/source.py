"""The read stage: files and folders in, :class:`~reconciler.models.Source` records out.

Text files keep their text exactly as decoded (claim offsets point into it); HTML pages
are reduced to their main text by :mod:`reconciler.read.html`. Each source also carries
its title, the date it states about itself (:mod:`reconciler.read.metadata`), and the
character ranges of boilerplate (:mod:`reconciler.read.boilerplate`: bylines, read times,
view counters, copyright lines, trailing link lists) whose numbers are not claims.

Nothing here raises for a bad file: it becomes a :class:`~reconciler.models.Skipped`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Sequence

from reconciler.models import Skipped, Source
from reconciler.read.boilerplate import _merge, skip_ranges
from reconciler.read.decode import decode_bytes
from reconciler.read.listing import (
    _FORMATS,
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    UnreadableSource,
    _extension,
    _file_kind,
    _os_reason,
    _stem,
    arrange,
    list_articles,
)
from reconciler.read.metadata import (
    _first_line_title,
    _front_matter,
    _top_date,
    byline_outlet,
    clip_title,
    find_date,
)
from reconciler.read.own import own_output
from reconciler.read.pdf import read_pdf
from reconciler.read.verbatim import verbatim_runs
from reconciler.read.web import read_page
from reconciler.read.word import DOCM_REASON, read_docx


def _covered(runs: tuple[int, ...]) -> int:
    return sum(b - a for a, b in zip(runs[::3], runs[1::3], strict=True))


def _located(text: str, raw: str) -> tuple[int, ...]:
    """Where the page's article text sits in the file: in its visible markup, or, for an article
    read from the page's JSON-LD (the markup shows a lead and a subscription prompt), inside the
    ``articleBody`` string, whichever holds more of it."""
    runs = verbatim_runs(text, raw)
    if "ld+json" in raw and 2 * _covered(runs) < len(text):
        structured = verbatim_runs(text, raw, structured=True)
        if _covered(structured) > _covered(runs):
            return structured
    return runs


# ---------------------------------------------------------------------------------------
# Reading one file
# ---------------------------------------------------------------------------------------


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_HTML_NOTES = {
    "trafilatura": "html: main text by trafilatura",
    "json-ld": "html: main text from the page's JSON-LD articleBody",
    "strip": "html: parser failed, tags stripped",
}


def read_source(path: str | os.PathLike[str], display_path: str) -> Source:
    """Read one file into a :class:`Source` whose ``id`` is the file stem.

    Raises :class:`UnreadableSource` (never an ``OSError``) for a file that cannot be
    read, is empty, is binary, or is one of reconcile's own outputs (:mod:`reconciler.read.own`).
    """
    path = os.fspath(path)
    raw = _read_bytes(path)
    own = own_output(raw)
    if own:
        raise UnreadableSource(own)
    ext = _extension(path)
    fmt = _FORMATS.get(ext) or ("html" if _sniff_html(raw) else "pdf" if raw.startswith(b"%PDF-") else "txt")
    if fmt in ("pdf", "docx", "docm"):
        return _read_document(raw, fmt, display_path)
    decoded = decode_bytes(raw, html=fmt == "html")
    if isinstance(decoded, str):
        raise UnreadableSource(decoded)
    text, encoding, notes = decoded
    if "\r" in text:
        # universal newlines, as every text reader (and a reader's eye) sees the file
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes = (*notes, "line endings normalised to \\n")
    meta_dates: tuple[str, ...] = ()
    title = ""
    notes = (*notes, *_hidden_note(text))
    origin: tuple[int, ...] = ()
    outlet = ""
    if fmt == "html":
        doc = read_page(text)
        origin = _located(doc.text, text)
        text, title, meta_dates, outlet = doc.text, doc.title, doc.dates, doc.outlet
        notes = (*notes, _HTML_NOTES.get(doc.container, f"html: main text from <{doc.container}>"))
        if not text.strip():
            raise UnreadableSource("no article text in HTML")
    _check_length(text)
    front = _front_matter(text) if fmt == "md" else None
    skips = skip_ranges(text, 0 if front is None else front.end)
    if front is not None:
        skips = _merge([(0, front.end), *skips])
    title = clip_title(title or (front.title if front else "") or _first_line_title(text, front))
    date = None
    for candidate in (*meta_dates, *((front.date,) if front and front.date else ())):
        date = find_date(candidate)
        if date:
            break
    if date is None:
        date = _top_date(text, 0 if front is None else front.end)
    return Source(
        id=_stem(display_path),
        path=display_path,
        title=title,
        text=text,
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
        date=date,
        skip=tuple(skips),
        notes=tuple(notes),
        origin=origin,
        outlet=outlet or byline_outlet(text, 0 if front is None else front.end),
    )


def _hidden_note(text: str) -> tuple[str, ...]:
    """The source's note on zero-width and direction-override characters, if it has any."""
    hidden = len(_INVISIBLE.findall(text))
    return (f"{hidden} hidden character(s) (zero-width or direction override): "
            "figures touching them are not extracted",) if hidden else ()


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableSource(f"too long: {len(text):,} characters of text (the limit is {MAX_TEXT_CHARS:,})")


def _read_document(raw: bytes, fmt: str, display_path: str) -> Source:
    """A PDF (text layer, page by page) or a Word document as a source."""
    if fmt == "docm":
        raise UnreadableSource(DOCM_REASON)
    if fmt == "pdf" and not raw.startswith(b"%PDF-"):
        raise UnreadableSource("broken PDF: the file does not start with %PDF-")
    doc = read_pdf(raw) if fmt == "pdf" else read_docx(raw)
    text = unicodedata.normalize("NFC", doc.text)
    _check_length(text)
    notes = (*doc.notes, *_hidden_note(text))
    title = clip_title(doc.title or _first_line_title(text, None))
    return Source(
        id=_stem(display_path),
        path=display_path,
        title=title,
        text=text,
        format=fmt,
        encoding="",
        sha256=hashlib.sha256(raw).hexdigest(),
        date=_top_date(text),
        skip=tuple(skip_ranges(text, 0)),
        notes=notes,
        outlet=doc.outlet or byline_outlet(text),
        pages=doc.pages,
    )


def _read_bytes(path: str) -> bytes:
    """The file's bytes; only a regular file is read, and never more than the limit.

    The file is opened without blocking and checked once open, so a named pipe or a
    device swapped in after the folder was listed cannot hang or flood the run.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise UnreadableSource(_os_reason(e)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableSource("cannot read: Is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableSource(f"not a regular file ({_file_kind(st.st_mode)})")
        if st.st_size > MAX_FILE_BYTES:
            raise UnreadableSource(_too_large(st.st_size))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since fstat
    except OSError as e:
        raise UnreadableSource(_os_reason(e)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableSource(_too_large(len(raw)))
    return raw


def _too_large(size: int) -> str:
    return f"too large: {size / 1e6:,.1f} MB (the limit is {MAX_FILE_BYTES / 1e6:,.0f} MB)"


def _sniff_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def read_sources(
    paths: Sequence[str | os.PathLike[str]],
    reader: Callable[[str, str], Source] | None = None,
) -> tuple[list[Source], list[Skipped]]:
    """Read every article under ``paths``.

    ``reader(path on disk, displayed path)`` reads one file (default :func:`read_source`;
    :class:`reconciler._engine.cache.SourceCache` reuses what an earlier run read).

    Folders are walked recursively (hidden entries skipped, symlinked folders visited
    once); files named directly are read whatever their extension. The same file reached
    twice is read once, under its shortest route. Sources come sorted by displayed path
    and skipped files by path, so the order of ``paths`` and of the folder listings does
    not change the result. Raises :class:`NoInput` when a path does not exist; every other
    problem becomes a :class:`Skipped` entry.
    """
    found, skipped = list_articles(paths)
    sources: list[Source] = []
    for path, display in found:
        try:
            sources.append((reader or read_source)(path, display))
        except UnreadableSource as e:
            skipped.append(Skipped(display, e.reason))
    return arrange(sources, skipped)
