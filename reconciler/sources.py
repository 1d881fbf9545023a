"""The read stage: files and folders in, :class:`~reconciler.models.Source` records out.

Text files keep their text exactly as decoded (claim offsets point into it); HTML pages
are reduced to their main text by :mod:`reconciler.htmltext`. Each source also carries
its title, the date it states about itself, and the character ranges of boilerplate
(bylines, read times, view counters, copyright lines, trailing link lists) whose numbers
are not claims.

Nothing here raises for a bad file: it becomes a :class:`~reconciler.models.Skipped`.
Only a path that does not exist raises :class:`NoInput`.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import functools
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from reconciler.htmltext import extract_html, verbatim_runs
from reconciler.models import Skipped, Source

__all__ = [
    "ARTICLE_EXTENSIONS",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "NoInput",
    "UnreadableSource",
    "arrange",
    "decode_bytes",
    "find_date",
    "list_articles",
    "no_articles_message",
    "printable",
    "read_source",
    "read_sources",
    "skip_ranges",
    "source_id",
]

ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
# documents an editor may drop in the folder that are articles we cannot read: listed as
# skipped (other files, such as a saved page's images and scripts, are passed over silently)
_DOCUMENT_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".mht", ".mhtml",
                                  ".webarchive", ".pages", ".xps"})
_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_TITLE_MAX = 200
_TOP_LINES = 8  # non-empty lines at the top that may hold a byline / dateline
_META_LINE_MAX = 300  # longer lines are body paragraphs, never metadata
# Limits that keep a run's memory and time bounded on dumps that are not articles. A
# saved page may be large (inline images) yet hold a short article, so the file limit is
# generous and the text limit applies to the article text once decoded and extracted.
MAX_FILE_BYTES = 64_000_000
MAX_TEXT_CHARS = 10_000_000


class CharsetMatchLike(Protocol):
    """The part of ``charset_normalizer.CharsetMatch`` used here (imported lazily)."""

    @property
    def encoding(self) -> str: ...
    @property
    def chaos(self) -> float: ...
    @property
    def could_be_from_charset(self) -> list[str]: ...
    @property
    def coherence(self) -> float: ...


class NoInput(Exception):
    """A path given to :func:`read_sources` does not exist."""


class UnreadableSource(Exception):
    """One file cannot become a source; ``reason`` says why (goes into ``Skipped.reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------
# Finding files
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    path: str  # on disk
    display: str  # as shown (forward slashes, location-independent)
    parts: tuple[str, ...]  # absolute path components, to lengthen ``display`` on a clash


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


def list_articles(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[tuple[str, str]], list[Skipped]]:
    """The first half of :func:`read_sources`: (path on disk, displayed path) of each file to
    read, and the entries skipped already (folders that cannot be listed, unsupported documents)."""
    args = [os.fspath(p) for p in paths]
    for p in args:
        if not os.path.lexists(p):
            raise NoInput(f"path not found: {printable(p)}")
    skipped: list[Skipped] = []
    routes: dict[tuple[int, int] | str, _Found] = {}  # file -> the shortest way it was reached
    for arg in args:
        for item in _expand(arg, skipped):
            real = _identity(item.path)
            known = routes.get(real)
            if known is None or _route_key(item) < _route_key(known):
                routes[real] = item
    used_display: set[str] = set()
    return [(item.path, _unique_display(item, used_display))
            for item in sorted(routes.values(), key=_route_order)], skipped


def arrange(sources: list[Source], skipped: list[Skipped]) -> tuple[list[Source], list[Skipped]]:
    """The second half of :func:`read_sources`: the sources read in order, their ids made unique."""
    sources.sort(key=lambda s: s.path)
    skipped.sort(key=lambda s: (s.path, s.reason))
    return _assign_ids(sources), skipped


def no_articles_message(paths: Sequence[str | os.PathLike[str]], skipped: Sequence[Skipped], show: int = 3) -> str:
    """One line for a run that found nothing to read: where it looked, and why files failed.

    >>> no_articles_message(["in"], [Skipped("in/a.txt", "empty file")])
    'no readable article in in (skipped in/a.txt: empty file)'
    """
    where = ", ".join(printable(os.fspath(p)) for p in paths)
    if not skipped:
        return f"no readable article in {where}"
    why = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:show])
    more = f"; and {len(skipped) - show} more" if len(skipped) > show else ""
    return f"no readable article in {where} (skipped {why}{more})"


def _route_key(item: _Found) -> tuple[int, str, tuple[str, ...]]:
    return item.display.count("/"), item.display, item.parts


def _route_order(item: _Found) -> tuple[str, tuple[str, ...]]:
    return item.display, item.parts


def _expand(arg: str, skipped: list[Skipped]) -> Iterator[_Found]:
    absolute = os.path.abspath(arg)
    parts = tuple(p for p in absolute.replace(os.sep, "/").split("/") if p)
    parts = tuple(printable(p) for p in parts)
    if not os.path.isdir(arg):
        yield _Found(arg, parts[-1] if parts else printable(arg), parts)
        return
    base = parts[-1] if parts else ""
    found: list[tuple[str, str]] = []  # (relative path with '/', path on disk)
    visited = {_identity(arg)}
    stack: list[tuple[str, str]] = [(arg, "")]
    linked: list[tuple[str, str]] = []  # symlinked folders: walked after the real ones
    while stack or linked:
        if not stack:
            folder, rel = linked.pop(0)
            real = _identity(folder)
            if real in visited:  # a loop, or a second route into a folder already walked
                continue
            visited.add(real)
        else:
            folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            skipped.append(Skipped(printable(_join(base, rel) or base or arg), _os_reason(e, "cannot read folder")))
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_rel = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir and entry.is_symlink():
                linked.append((entry.path, entry_rel))
            elif is_dir:
                real = _identity(entry.path, entry)
                if real not in visited:
                    visited.add(real)
                    subdirs.append((entry.path, entry_rel))
            elif _extension(entry.name) in ARTICLE_EXTENSIONS:
                if is_file:
                    found.append((entry_rel, entry.path))
                else:  # a broken link, a named pipe, a socket, a device: never opened
                    skipped.append(Skipped(printable(_join(base, entry_rel)), _not_a_file(entry.path)))
            elif is_file and _extension(entry.name) in _DOCUMENT_EXTENSIONS:  # said, so it is not missed
                ext = _extension(entry.name)[1:]
                skipped.append(Skipped(printable(_join(base, entry_rel)),
                                       f"unsupported format: {ext} (save the article as text or HTML)"))
        stack.extend(reversed(subdirs))
    found.sort(key=lambda f: f[0])
    for rel_path, disk in found:
        rel_parts = tuple(printable(p) for p in rel_path.split("/"))
        yield _Found(disk, _join(base, "/".join(rel_parts)), parts + rel_parts)


def _identity(path: str, entry: os.DirEntry[str] | None = None) -> tuple[int, int] | str:
    """What makes a file or folder the same one by another route: device and inode.

    (``os.path.realpath`` costs one system call per path component: quadratic down a deep
    tree.) Falls back to the real path where the file system has no inode numbers.
    """
    try:
        st = entry.stat() if entry is not None else os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(path)


def _join(base: str, rel: str) -> str:
    return f"{base}/{rel}" if base and rel else base or rel


def _unique_display(item: _Found, used: set[str]) -> str:
    """``item.display``, lengthened by parent folder names if another source already has it."""
    display = item.display
    n_parts = display.count("/") + 1
    while display in used and n_parts < len(item.parts):
        n_parts += 1
        display = "/".join(item.parts[-n_parts:])
    k = 2
    base = display
    while display in used:
        display = f"{base}~{k}"
        k += 1
    used.add(display)
    return display


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def source_id(display: str) -> str:
    """The id a source has before clashes are resolved: its file's stem (``a/b/c.txt`` -> ``c``)."""
    return _stem(display)


def _stem(display: str) -> str:
    name = display.rsplit("/", 1)[-1]
    stem = os.path.splitext(name)[0]
    return stem or name


def _assign_ids(sources: list[Source]) -> list[Source]:
    """Ids are file stems; stems shared by several sources get a short hash of the path."""
    counts: dict[str, int] = {}
    for s in sources:
        key = s.id.casefold()
        counts[key] = counts.get(key, 0) + 1
    out: list[Source] = []
    taken: set[str] = set()
    for s in sources:
        new_id = s.id
        if counts[s.id.casefold()] > 1:
            digest = hashlib.sha1(s.path.encode("utf-8")).hexdigest()
            n = 6
            new_id = f"{s.id}-{digest[:n]}"
            while new_id.casefold() in taken and n < len(digest):
                n += 2
                new_id = f"{s.id}-{digest[:n]}"
        taken.add(new_id.casefold())
        out.append(s if new_id == s.id else replace(s, id=new_id))
    return out


def _os_reason(e: OSError, what: str = "cannot read") -> str:
    return f"{what}: {e.strerror or type(e).__name__}"


def _not_a_file(path: str) -> str:
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symlink loop"
        return "broken symlink" if os.path.islink(path) else _os_reason(e)
    return f"not a regular file ({_file_kind(mode)})"


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u00ad\u200b-\u200f\u202a-\u202e"
                          "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(name: str) -> str:
    r"""A path as shown in messages and reports: one line, nothing invisible or hidden.

    Control characters, line separators, zero-width and direction-override characters
    become backslash escapes; bytes that are not valid in the file system's encoding
    (kept by Python as lone surrogates) become ``\\xNN``. Everything else (spaces,
    quotes, any script) is kept.

    >>> printable("a\nb\t“c”\u202etxt.exe 中文")
    'a\\nb\\t“c”\\u202etxt.exe 中文'
    >>> printable(b"caf\xe9.txt".decode("utf-8", "surrogateescape"))
    'caf\\xe9.txt'
    """
    return _UNPRINTABLE.sub(_escape, name)


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    o = ord(c)
    if c in _ESCAPES:
        return _ESCAPES[c]
    if 0xDC80 <= o <= 0xDCFF:  # surrogateescape: an undecodable byte of the name
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


# ---------------------------------------------------------------------------------------
# Reading one file
# ---------------------------------------------------------------------------------------


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def read_source(path: str | os.PathLike[str], display_path: str) -> Source:
    """Read one file into a :class:`Source` whose ``id`` is the file stem.

    Raises :class:`UnreadableSource` (never an ``OSError``) for a file that cannot be
    read, is empty, or is binary.
    """
    path = os.fspath(path)
    raw = _read_bytes(path)
    ext = _extension(path)
    fmt = _FORMATS.get(ext) or ("html" if _sniff_html(raw) else "txt")
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
    hidden = len(_INVISIBLE.findall(text))
    if hidden:
        notes = (*notes, f"{hidden} hidden character(s) (zero-width or direction override): "
                 "figures touching them are not extracted")
    origin: tuple[int, ...] = ()
    if fmt == "html":
        doc = extract_html(text)
        origin = verbatim_runs(doc.text, text)
        text, title, meta_dates = doc.text, doc.title, doc.dates
        notes = (*notes, f"html: main text from <{doc.container}>" if doc.container != "strip"
                 else "html: parser failed, tags stripped")
        if not text.strip():
            raise UnreadableSource("no article text in HTML")
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableSource(f"too long: {len(text):,} characters of text (the limit is {MAX_TEXT_CHARS:,})")
    front = _front_matter(text) if fmt == "md" else None
    skips = skip_ranges(text, 0 if front is None else front.end)
    if front is not None:
        skips = _merge([(0, front.end), *skips])
    title = (title or (front.title if front else "") or _first_line_title(text, front))[:_TITLE_MAX]
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


# ---------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"{\\rtf", "RTF document"),
)
# bytes that do not occur in text: C0 controls except \t \n \v \f \r and ESC, plus DEL
_CONTROL = bytes([*range(9), *range(14, 27), *range(28, 32), 127])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL)
_ASCII_TEXT = bytes([9, 10, 13, *range(32, 127)])
_SAMPLE = 65536
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?\s{0,3}([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


def decode_bytes(raw: bytes, *, html: bool = False) -> tuple[str, str, tuple[str, ...]] | str:
    """Decode a file's bytes: ``(text, encoding, notes)``, or a skip reason.

    >>> decode_bytes("Zürich 2024".encode("utf-8"))
    ('Zürich 2024', 'utf-8', ())
    >>> decode_bytes(b"%PDF-1.7 ...")
    'binary file (PDF)'
    >>> decode_bytes(b" \\n\\t ")
    'empty file'
    """
    if not raw.strip():
        return "empty file"
    notes: list[str] = []
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            encoding = enc
            body = raw[len(bom):]
            codec = "utf-8" if enc == "utf-8-sig" else enc
            try:
                text = body.decode(codec)
            except UnicodeDecodeError:
                text = body.decode(codec, errors="replace")
                notes.append(f"invalid {enc} bytes replaced with U+FFFD")
            notes.append(f"byte order mark removed ({enc})")
            if enc != "utf-8-sig":
                notes.insert(0, f"decoded as {enc}")
            break
    if text is None:
        for magic, kind in _MAGIC:
            if raw.startswith(magic):
                return f"binary file ({kind})"
        sample = raw[:_SAMPLE]
        utf16 = _utf16_without_bom(raw, sample)
        if utf16 is not None:
            text, encoding = utf16
            notes.append(f"decoded as {encoding} (no byte order mark)")
        else:
            n_control = len(sample.translate(None, _TEXT_BYTES))  # deletes all text bytes
            if n_control > 0.1 * len(sample):
                return "binary file (unrecognised format)"
            text, encoding, more = _decode_8bit(raw, html=html)
            notes.extend(more)
    if not text.strip():
        return "empty file"
    if "\x00" in text:
        notes.append(f"replaced {text.count(chr(0))} NUL characters with spaces")
        text = text.replace("\x00", " ")
    return text, encoding, tuple(notes)


def _utf16_without_bom(raw: bytes, sample: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte order mark: NUL bytes almost all on one parity."""
    if b"\x00" not in sample or len(raw) % 2:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    hi, lo = max(even, odd), min(even, odd)
    if hi < 2 or hi < 4 * lo:
        return None
    if hi < 0.1 * (len(sample) // 2):  # few NULs: CJK UTF-16, or 8-bit text with stray NULs
        if len(sample.translate(None, _ASCII_TEXT)) < 0.25 * len(sample):
            return None  # mostly ASCII bytes: 8-bit text
        try:
            raw.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _plausible(text[:20000]) else None


def _plausible(text: str) -> bool:
    """Most characters are letters, digits, punctuation or spaces of living scripts."""
    good = sum(
        1
        for c in text
        if c.isprintable() or c in "\n\r\t\x00"
        if not ("\ue000" <= c <= "\uf8ff")  # private use
    )
    return good >= 0.95 * len(text)


def _decode_8bit(raw: bytes, *, html: bool) -> tuple[str, str, list[str]]:
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # mostly UTF-8 with a few bad bytes: keep UTF-8 rather than mis-decode every character
    lossy = raw.decode("utf-8", errors="replace")
    n_bad = lossy.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    n_non_ascii = len(lossy) - len(lossy.encode("ascii", "ignore"))
    n_multibyte = n_non_ascii - n_bad - raw.count(b"\xef\xbf\xbd")
    if n_multibyte >= 4 * n_bad:
        return lossy, "utf-8", [f"{n_bad} invalid UTF-8 sequences replaced with U+FFFD"]
    if html:
        m = _HTML_CHARSET.search(raw[:8192])
        if m:
            declared = _codec_name(m.group(1).decode("ascii"))
            if declared:
                try:
                    return raw.decode(declared), declared, [f"decoded as {declared}"]
                except UnicodeDecodeError:
                    pass
    # Chinese, Japanese and Korean legacy encodings: recognised by their common characters
    # (charset_normalizer misreads short CJK texts full of ASCII digits as cp1252 or cp949)
    cjk = _cjk_encoding(raw)
    if cjk is not None:
        try:
            return raw.decode(cjk), cjk, [f"decoded as {cjk}"]
        except UnicodeDecodeError:
            text = raw.decode(cjk, errors="replace")
            return text, cjk, [f"decoded as {cjk}", f"{text.count(chr(0xFFFD))} invalid {cjk} bytes replaced "
                               "with U+FFFD"]
    if _western(raw):
        return raw.decode("cp1252"), "cp1252", ["decoded as cp1252"]
    # slow to import, so only when a legacy encoding has to be guessed
    from charset_normalizer import from_bytes

    guess = _pick_encoding(from_bytes(raw[:_GUESS_SAMPLE].replace(b"\x00", b" ")))
    if guess in _MULTIBYTE:
        guess = None  # the CJK test above knows those better: no CJK reading is plausible
    supersets = _SUPERSETS.get(guess or "", ())
    for enc in (guess, *supersets, "cp1252", "latin-1"):  # Latin-1 decodes any byte string
        if enc and enc != "utf-8":
            try:
                return raw.decode(enc), enc, [f"decoded as {enc}"]
            except UnicodeDecodeError:
                continue
    return lossy, "utf-8", [f"{n_bad} invalid UTF-8 sequences replaced with U+FFFD"]


_GUESS_SAMPLE = 1 << 20  # charset_normalizer is slow on huge inputs; a megabyte tells enough


# ---------------------------------------------------------------------------------------
# Western European text (cp1252, a superset of Latin-1 for text)

_WORD_INSIDE = re.compile(r"(?<=[^\W\d_])[^\w\s'’·\-‐](?=[^\W\d_])")
# the accented letters of each Western European language written in cp1252
_WESTERN_LETTERS = tuple(frozenset(letters) for letters in (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüßé",  # German
    "áéíóúñü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "áéíóúàèëïöü",  # Dutch
    "åäöæøéáíóúýðþ",  # Nordic
    "àçèéíïòóúü",  # Catalan
))


def _western(raw: bytes) -> bool:
    """Does the text read as Western European in cp1252 (Latin-1)?

    Short French or German texts fit a dozen code pages equally well for
    charset_normalizer, which then picks cp1257 or mac_iceland. Read as cp1252, a Western
    text has few accented letters, nearly all of them of one language, and no symbol
    inside a word; Russian, Greek, Polish or Czech read as cp1252 fail one of these.

    >>> _western("Le coût du pont dépasse 294 000 €, selon les ingénieurs de la ville.".encode("cp1252"))
    True
    >>> _western("Мост обрушился 26 марта".encode("cp1251")), _western("Zażółć gęślą".encode("cp1250"))
    (False, False)
    >>> _western("Příliš žluťoučký kůň úpěl ďábelské ódy a stál 294 000 Kč.".replace("ť", "t").encode("cp1250"))
    False
    """
    try:
        text = raw[:_SAMPLE].decode("cp1252")  # bytes cp1252 leaves undefined fail here
    except UnicodeDecodeError:
        return False
    letters = 0
    accented: dict[str, int] = {}
    for c in text:
        if c.isalpha():
            letters += 1
            if ord(c) > 0x7F:
                low = c.lower()
                accented[low] = accented.get(low, 0) + 1
    n_accented = sum(accented.values())
    if not n_accented or n_accented > 0.25 * letters:
        return False
    best = max(sum(n for c, n in accented.items() if c in lang) for lang in _WESTERN_LETTERS)
    if best < 0.9 * n_accented:
        return False
    return _WORD_INSIDE.search(text) is None


# ---------------------------------------------------------------------------------------
# CJK legacy encodings


def _double_bytes(codec: str, leads: Iterable[int], trails: Iterable[int]) -> frozenset[str]:
    trail_list = list(trails)
    out: set[str] = set()
    for a in leads:
        for b in trail_list:
            with contextlib.suppress(UnicodeDecodeError):
                out.add(bytes((a, b)).decode(codec))
    return frozenset(out)


@functools.cache
def _common_cjk() -> dict[str, frozenset[str]]:
    """Per language, the characters everyday text is mostly made of (first-level sets).

    GB 2312 level 1 (3,755 hanzi), Big5 frequent characters (5,401), JIS X 0208 level 1
    (2,965 kanji) and the 2,350 KS X 1001 hangul syllables, taken from the codecs.
    """
    kana = frozenset(chr(c) for c in range(0x3041, 0x30FF))
    return {
        "zh-hans": _double_bytes("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        "zh-hant": _double_bytes("big5", range(0xA4, 0xC7), (*range(0x40, 0x7F), *range(0xA1, 0xFF))),
        "ja": _double_bytes("shift_jis", range(0x88, 0x99), (*range(0x40, 0x7F), *range(0x80, 0xFD))) | kana,
        "ko": _double_bytes("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),
    }


# candidate codecs, most general member of each family, and the language they write
_CJK_CODECS = (("gb18030", "zh-hans"), ("big5hkscs", "zh-hant"), ("cp932", "ja"), ("euc_jp", "ja"),
               ("cp949", "ko"))
_CJK_PUNCT = re.compile("[\u3000-\u303f\uff01-\uff60\u2010-\u2027\u00b7]")
_HIRAGANA = re.compile("[\u3041-\u309f]")


def _cjk_encoding(raw: bytes) -> str | None:
    """The CJK codec under which most non-ASCII characters are common ones, or None.

    >>> _cjk_encoding("报道称项目耗资$294,000，使用了512块GPU。".encode("gbk"))
    'gb18030'
    >>> _cjk_encoding("Le projet a coûté 294 000 $ à Zürich.".encode("latin-1")) is None
    True
    """
    sample = raw[:_SAMPLE]
    if sample.isascii():
        return None
    common = _common_cjk()
    best: tuple[float, str] | None = None
    for codec, lang in _CJK_CODECS:
        try:  # an incremental decoder tolerates a character cut at the end of the sample
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=len(sample) == len(raw))
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
        if len(wide) < 2:
            continue
        good = sum(1 for c in wide if c in common[lang] or _CJK_PUNCT.match(c))
        score = good / len(wide)
        if lang == "ja" and len(_HIRAGANA.findall(text)) < 0.05 * len(wide):
            continue  # Japanese prose is never without kana; cp1252 quotes read as SJIS are
        # EUC-KR hangul and GB 2312 hanzi share their bytes: Korean puts spaces between
        # words, Chinese and Japanese do not
        spaced = len(_WIDE_SPACE_WIDE.findall(text)) > 0.1 * len(wide)
        if spaced != (lang == "ko"):
            score -= 0.1
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, codec)
    return best[1] if best else None


_WIDE_SPACE_WIDE = re.compile("(?<=[^\\x00-\\x7f]) (?=[^\\x00-\\x7f])")


# the encodings news text is really in, most likely first; ties go to the earliest
_PREFERRED = (
    "gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "cp932", "shift_jis",
    "euc_jp", "cp949", "euc_kr", "cp1252", "iso8859-1", "iso8859-15", "cp1251", "koi8-r",
    "cp1250", "iso8859-2", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256", "cp874",
)
_MULTIBYTE = frozenset(_PREFERRED[:11])
_SUPERSETS = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "big5": ("big5hkscs", "cp950"),
    "shift_jis": ("cp932",), "euc_kr": ("cp949",),
}


def _pick_encoding(matches: Iterable[CharsetMatchLike]) -> str | None:
    """A common encoding among charset_normalizer's least chaotic, most coherent guesses.

    On short texts many code pages decode equally well ("é" is the same byte in cp1252,
    cp1250 and mac_roman); among those that also fit the language equally well, prefer
    the ones articles are actually written in. The choice between different multi-byte
    (CJK) encodings is left to charset_normalizer.
    """
    found = list(matches)
    if not found:
        return None

    def names(m: CharsetMatchLike) -> list[str]:
        return [n for n in (_codec_name(e) for e in (m.encoding, *m.could_be_from_charset)) if n]

    best = names(found[0])
    if any(n in _MULTIBYTE for n in best):
        return next((p for p in _PREFERRED if p in best), best[0] if best else None)
    # single-byte code pages: news is written in the preferred ones, not in DOS or Mac pages
    # (cp775 or mac_iceland often fit a short German text "best"); among those that fit
    # about as well, the most coherent (the language reads right), then the most common
    least = min(m.chaos for m in found)
    usual = [m for m in found if m.chaos <= least + 0.1 and any(n in _PREFERRED and n not in _MULTIBYTE
                                                               for n in names(m))]
    if not usual:
        return best[0] if best else None
    calm = min(m.chaos for m in usual)
    usual = [m for m in usual if m.chaos <= calm + 0.01]
    coherent = max(m.coherence for m in usual)
    pool = [n for m in usual if m.coherence >= coherent - 0.02 for n in names(m)]
    for pref in _PREFERRED:
        if pref in pool:
            return pref
    return pool[0] if pool else None


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# ---------------------------------------------------------------------------------------
# Titles, front matter
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FrontMatter:
    end: int  # offset just past the closing '---' line
    title: str
    date: str


_FRONT_KEY = re.compile(r"^(title|date|published|pubdate)\s{0,5}:\s{0,5}(.{0,300}?)\s*$", re.IGNORECASE)


def _front_matter(text: str) -> _FrontMatter | None:
    """YAML front matter of a Markdown file (``---`` lines at the very top)."""
    if not text.startswith("---"):
        return None
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return None
    pos = first_nl + 1
    title = date = ""
    for _ in range(60):
        nl = text.find("\n", pos)
        line = text[pos: nl if nl >= 0 else len(text)]
        if line.strip() in ("---", "..."):
            return _FrontMatter(nl + 1 if nl >= 0 else len(text), title, date)
        m = _FRONT_KEY.match(line)
        if m:
            value = m.group(2).strip().strip("\"'")
            if m.group(1).lower() == "title":
                title = title or value
            else:
                date = date or value
        if nl < 0:
            break
        pos = nl + 1
    return None


def _first_line_title(text: str, front: _FrontMatter | None) -> str:
    """The first non-empty line, without Markdown heading marks and emphasis stars."""
    for _, _, line in _lines(text, 0 if front is None else front.end, limit=_TOP_LINES):
        title = line[:1000].strip().lstrip("#").strip().strip("*").strip()
        if title:
            return title
    return ""


def _lines(text: str, start: int = 0, limit: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Non-empty lines as (start, end, line) with ``end`` before the newline; linear."""
    pos = start
    n = len(text)
    count = 0
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            yield pos, end, text[pos:end]
            count += 1
            if limit is not None and count >= limit:
                return
        pos = end + 1


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?<![\w.])(?P<mdy_m>{_MONTH})\.?\s{{1,3}}(?P<mdy_d>\d{{1,2}}){_ORD},?\s{{1,3}}(?P<mdy_y>\d{{4}})(?!\d)"
    rf"|(?<![\w.])(?P<dmy_d>\d{{1,2}}){_ORD}\s{{1,3}}(?:of\s{{1,3}})?(?P<dmy_m>{_MONTH})\.?,?\s{{1,3}}(?P<dmy_y>\d{{4}})(?!\d)"
    r"|(?<![\d.])(?P<iso_y>(?:19|20)\d\d)[-/.](?P<iso_m>\d{1,2})[-/.](?P<iso_d>\d{1,2})(?!\d)"
    r"|(?<![\d./])(?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})(?:/|\s{1,3})(?P<us_y>(?:19|20)\d\d)(?![\d/])"
    r"|(?<![\d.])(?P<eu_d>\d{1,2})\.(?P<eu_m>\d{1,2})\.(?P<eu_y>(?:19|20)\d\d)(?!\d)"
    r"|(?P<zh_y>(?:19|20)\d\d)\s?年\s?(?P<zh_m>\d{1,2})\s?月\s?(?P<zh_d>\d{1,2})\s?日",
    re.IGNORECASE,
)


def _date_from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["mdy_m"]:
        y, mo, d = int(g["mdy_y"]), _MONTHS[g["mdy_m"].lower()], int(g["mdy_d"])
    elif g["dmy_m"]:
        y, mo, d = int(g["dmy_y"]), _MONTHS[g["dmy_m"].lower()], int(g["dmy_d"])
    elif g["iso_y"]:
        y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    elif g["us_m"]:
        y, mo, d = int(g["us_y"]), int(g["us_m"]), int(g["us_d"])
        if mo > 12 >= d:  # 24/07/2024 can only be day first
            mo, d = d, mo
    elif g["eu_d"]:
        y, mo, d = int(g["eu_y"]), int(g["eu_m"]), int(g["eu_d"])
    else:
        y, mo, d = int(g["zh_y"]), int(g["zh_m"]), int(g["zh_d"])
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


_YEAR = re.compile(r"(?:19|20)\d\d")


def _dates_in(line: str) -> Iterator[tuple[re.Match[str], str]]:
    if not _YEAR.search(line):  # every full date has a year; this test is much faster
        return
    for m in _DATE.finditer(line):
        iso = _date_from_match(m)
        if iso:
            yield m, iso


def find_date(s: str) -> str | None:
    """The first full date (day, month and year) written in ``s``, as ISO ``YYYY-MM-DD``.

    >>> [find_date(s) for s in ("Nov. 20, 2025", "Sept. 18, 2025", "20 March 2024")]
    ['2025-11-20', '2025-09-18', '2024-03-20']
    >>> [find_date(s) for s in ("2024-05-21 08:47", "07/24/2024", "09/19 2025 479")]
    ['2024-05-21', '2024-07-24', '2025-09-19']
    >>> find_date("On September 17, the paper appeared") is None
    True
    """
    for _, iso in _dates_in(s[:2000]):
        return iso
    return None


_STRONG_MARK = re.compile(
    r"[|·•]|\(Wire\)|\bmin(?:ute)?s?\.?\s{0,2}read\b|\d\s{1,2}views\b|\bSource\s?[:：]"
    r"|\b(?:GMT|UTC|[ECMP][SD]T)\b|\b\d{1,2}:\d\d\b",
    re.IGNORECASE,
)
# a dateline and the lede on one line, split at the dash after the dateline
_DATELINE_LEDE = re.compile(r"(?P<head>[^\n]{3,120}?)\s+[-–—]{1,2}\s+(?=[A-Z\"'“‘])")
_WEAK_MARK = re.compile(
    r"\b(?:By|Updated|Published|Posted|Read|Staff|Writer|Editor|Reporter|Correspondent"
    r"|Last modified|[ap]\.m)\b",
    re.IGNORECASE,
)
_ONLY_NUMBERS = re.compile(r"[\d\s/.,:;|·•()\[\]*_–—-]{1,200}")
_BYLINE = re.compile(
    rf"[*_\s]{{0,3}}By\s{{1,3}}(?!{_MONTH}\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z]"
)
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _is_meta_line(line: str, index: int) -> bool:
    """A byline/dateline near the top: only dates and page metadata, no claims.

    >>> _is_meta_line("SPRINGFIELD, March 26, 2024 (Wire) - Updated 14:32 GMT", 1)
    True
    >>> _is_meta_line("By March 26, 2024, crews had removed 3,000 tons of steel.", 2)
    False
    """
    s = line.strip()
    if len(s) > _META_LINE_MAX:
        return False
    if _ONLY_NUMBERS.fullmatch(s):
        return any(c.isdigit() for c in s)
    if any(True for _ in _dates_in(s)):
        if _STRONG_MARK.search(s):
            return True
        if len(s) <= 100 and not s.endswith(".") and _WEAK_MARK.search(s):
            return True
        return len(_WORDS.findall(_DATE.sub(" ", s))) <= 3
    return (
        index > 0 and len(s) <= 120 and not s.endswith(".") and _BYLINE.match(s) is not None
    )


def _top_meta_lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    for i, (a, b, line) in enumerate(_lines(text, start, limit=_TOP_LINES)):
        lede = _DATELINE_LEDE.match(line)
        if lede and len(_WORDS.findall(line[lede.end():])) >= 6 and _is_meta_line(lede.group("head"), i):
            # "PORT MERRIN, Sept. 28, 2025 (Wire) - Hurricane Zelda made landfall ...": the dateline
            # is metadata, the lede that follows it on the same line is the story
            yield a, a + lede.end(), lede.group()
        elif _is_meta_line(line, i):
            yield a, b, line


def _top_date(text: str, start: int = 0) -> str | None:
    for _, _, line in _top_meta_lines(text, start):
        iso = find_date(line)
        if iso:
            return iso
    return None


# ---------------------------------------------------------------------------------------
# Boilerplate ranges
# ---------------------------------------------------------------------------------------

# counters printed by page templates; only skipped where they stand as metadata (next to
# a separator or alone at the end of a line), never inside a running sentence
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,9})(?:\.\d{1,3})?\s{0,2}[KkMm万]?\+?"
_COUNTER = re.compile(
    rf"(?<![\w.,]){_NUM}\s{{0,2}}(?:-\s{{0,2}})?(?i:min(?:ute)?s?)\.?\s{{1,2}}(?i:read)\b"
    rf"|(?<![\w.,]){_NUM}\s{{1,2}}(?i:views|shares|comments|likes|reads|reposts|retweets|reactions"
    rf"|claps|replies|subscribers|followers)\b"
    rf"|\b(?:Read|Views?|Reads|Comments|Shares|Likes)\s{{0,2}}:?\s{{1,2}}\d[\d.,]{{0,15}}"
    rf"(?:\s{{0,2}}\*\s{{0,2}}\*\s{{0,2}}\$?\d[\d,]{{0,15}})?(?:\s{{0,2}}[KkMm万])?",
)
# the first character of every _COUNTER match: a digit (the look-behind takes no width) or a
# capital starting "Read", "Views", ... (that part is case-sensitive)
_COUNTER_START = re.compile(r"[\dRVCSL]")
_READ_TIME = re.compile(r"(?i:min(?:ute)?s?)\.?\s{1,2}(?i:read)\b")
_SEP_BEFORE = re.compile(r"(?:[|·•]|\s{2}|\t)[\s*_(\[]{0,5}$")
_SEP_AFTER = re.compile(r"[\s*_)\]]{0,5}(?:[|·•]|\s{2}|\t)")
_EDGE_BEFORE = re.compile(r"[\s*_(\[]{0,5}")
_EDGE_AFTER = re.compile(r"[\s*_)\]]{0,5}")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]{1,2000}")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")
_LINE_RULES = re.compile(
    r"^\W{0,5}(?:Responsible editor|Editor in charge|Editor-in-charge|责任编辑)\s{0,3}[:：]"
    r"|©|&copy;|\bCopyright\s{0,3}(?:©|\(c\)|\d{4}|by\b|:)|\bAll rights reserved\b"
    r"|\b(?:Join|Subscribe)\b.{0,80}\b(?:subscribers|followers)\b",
    re.IGNORECASE,
)
_LINE_KEYS = ("editor", "责任编辑", "©", "&copy;", "copyright", "reserved", "subscribers",
              "followers")
_COUNTER_KEYS = ("read", "view", "share", "comment", "like", "repost", "retweet", "reaction",
                 "clap", "repl", "subscriber", "follower")
_LINE_KEYS_RX = re.compile("|".join(re.escape(k) for k in _LINE_KEYS))
_COUNTER_KEYS_RX = re.compile("|".join(re.escape(k) for k in _COUNTER_KEYS))
_RULE_LINE_MAX = 400  # longer lines are paragraphs: no whole-line rule applies
_REF_HEADING = re.compile(
    r"^(?:References?|Reference links?|Sources?|Further reading|Links|Notes|Citations?)\b",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"[\W\d_]{0,12}")
_WINDOW = 300  # how far around a counter to look for its line's edges


def skip_ranges(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Character ranges of ``text`` whose numbers are page furniture, not claims.

    Whole lines for bylines/datelines among the first lines after ``start``, copyright
    and "responsible editor" lines, lines that are only a link, and a closing list of
    references; just the matched words for read-time and view/share counters standing
    as metadata, links and Markdown footnote marks.

    >>> t = "Title\\nBy Metro Staff | May 2, 2024 | 9,412 views\\nIt cost $5. 6 min read"
    >>> [t[a:b] for a, b in skip_ranges(t)]
    ['By Metro Staff | May 2, 2024 | 9,412 views', '6 min read']
    >>> skip_ranges("The page got 12,408 views on Monday.")
    []
    """
    ranges: list[tuple[int, int]] = [(a, b) for a, b, _ in _top_meta_lines(text, start)]
    lines = list(_lines(text))
    n = len(text)
    for a, b, line in lines:
        low = line.lower()  # cheap substring tests first: the regexes run on few lines
        if len(line) <= _RULE_LINE_MAX and (
            (_LINE_KEYS_RX.search(low) and _LINE_RULES.search(line))
            or (("http" in low or "www." in low) and _is_url_line(line))
        ):
            ranges.append((a, b))
        if _COUNTER_KEYS_RX.search(low):
            for m in _counters(line):
                ca, cb = a + m.start(), a + m.end()
                if _READ_TIME.search(m.group()) or _standalone(text, ca, cb, n):
                    ranges.append((ca, cb))
    ranges.extend(m.span() for m in _URL.finditer(text))
    ranges.extend(m.span() for m in _FOOTNOTE.finditer(text))
    tail = _reference_tail(lines)
    if tail is not None:
        ranges.append((tail, n))
    return _merge(ranges)


def _counters(line: str) -> Iterator[re.Match[str]]:
    """``_COUNTER.finditer(line)``, tried only where a match can start (``_COUNTER_START``).

    The pattern opens with a look-behind, so the regex engine cannot skip ahead and tries it
    at every character; most lines that get here are prose ("likes", "shared") with few
    digits and capitals, so jumping from candidate to candidate takes a fraction of the time.
    The matches are the same: each is tried at the same place, with the same text around it.
    """
    search, match = _COUNTER_START.search, _COUNTER.match
    c = search(line)
    while c is not None:
        m = match(line, c.start())
        if m is not None:
            yield m
            c = search(line, m.end())  # a match is never empty
        else:
            c = search(line, c.start() + 1)


def _standalone(text: str, a: int, b: int, n: int) -> bool:
    """The counter at text[a:b] is set off by separators or stands at a line's edge."""
    lo = max(0, a - _WINDOW)
    nl = text.rfind("\n", lo, a)
    line_start = nl + 1 if nl >= 0 else (0 if lo == 0 else -1)
    before = text[max(lo, line_start): a]
    if _SEP_BEFORE.search(before):
        return True
    hi = min(n, b + _WINDOW)
    nl = text.find("\n", b, hi)
    line_end = nl if nl >= 0 else (n if hi == n else -1)
    after = text[b: line_end if line_end >= 0 else hi]
    if _SEP_AFTER.match(after):
        return True
    # alone at the end of a line, without a full stop: "... Network   Read 3.2 * * 10000"
    at_start = line_start >= 0 and _EDGE_BEFORE.fullmatch(before) is not None
    at_end = line_end >= 0 and _EDGE_AFTER.fullmatch(after) is not None
    return at_start and at_end


def _is_url_line(line: str) -> bool:
    rest = _URL.sub("", line)
    return _URL.search(line) is not None and _LIST_MARK.fullmatch(rest.strip()) is not None


def _reference_tail(lines: list[tuple[int, int, str]]) -> int | None:
    """Start of a closing "References:" section made of links, if the text ends with one."""
    n_url = n_other = 0
    for a, _, line in reversed(lines[-60:]):
        has_url = _URL.search(line) is not None
        words = _URL.sub(" ", line).strip(" \t*_#:：[]()0123456789.-")
        if len(words) <= 40 and _REF_HEADING.match(words):
            n_url += has_url
            return a if n_url and n_url >= 2 * n_other else None
        if has_url and len(words) <= 200:
            n_url += 1
        else:
            n_other += 1
            if n_other > 3:
                return None
    return None


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
