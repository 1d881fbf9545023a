"""Finding the articles: files and folders walked in a stable order, each with the path shown
for it and a stable source id; what cannot be listed becomes a :class:`~reconciler.models.Skipped`.

Only a path that does not exist raises :class:`NoInput`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from reconciler.models import Skipped, Source

ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".docm"})
# documents an editor may drop in the folder that are articles we cannot read: listed as
# skipped (other files, such as a saved page's images and scripts, are passed over silently)
_DOCUMENT_EXTENSIONS = frozenset({".doc", ".odt", ".rtf", ".epub", ".mht", ".mhtml",
                                  ".webarchive", ".pages", ".xps"})
_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
            ".docx": "docx", ".docm": "docm"}
# Limits that keep a run's memory and time bounded on dumps that are not articles. A
# saved page may be large (inline images) yet hold a short article, so the file limit is
# generous and the text limit applies to the article text once decoded and extracted.
MAX_FILE_BYTES = 64_000_000
MAX_TEXT_CHARS = 10_000_000


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


def list_articles(paths: Sequence[str | os.PathLike[str]], exclude: Sequence[str | os.PathLike[str]] = ()
                  ) -> tuple[list[tuple[str, str]], list[Skipped]]:
    """The first half of :func:`read_sources`: (path on disk, displayed path) of each file to
    read, and the entries skipped already (folders that cannot be listed, unsupported documents).

    ``exclude``: files passed over without a word wherever they are found (a run's own
    outputs, which may sit inside the corpus).
    """
    args = [os.fspath(p) for p in paths]
    for p in args:
        if not os.path.lexists(p):
            raise NoInput(f"path not found: {printable(p)}")
    passed_over = {_identity(os.fspath(p)) for p in exclude if os.path.isfile(p)}
    skipped: list[Skipped] = []
    routes: dict[tuple[int, int] | str, _Found] = {}  # file -> the shortest way it was reached
    for arg in args:
        for item in _expand(arg, skipped):
            real = _identity(item.path)
            if real in passed_over:
                continue
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
                                       f"unsupported format: {ext} (save the article as text, HTML, PDF or .docx)"))
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


