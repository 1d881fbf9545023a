"""What a run's outputs are called: ``NAME`` in ``reports/NAME.html``, ``NAME.json``,
``claims/NAME.csv`` and the hidden ``.NAME.history.json.gz``.

``NAME`` is the corpus's own name (the first path's folder, or a file's stem, as the path
means it: ``reconcile ..`` is named after the folder ``..`` is) when that name says which
corpus it is: the corpus sits in the folder that holds the outputs' folder (``reconcile
seeds/`` writes ``reports/seeds.json``; ``reconcile c --out out`` writes ``out/c.json``), and
no other file there has the same stem. Any other corpus gets a short hash of its resolved
path after its name (``news-1f3a9c0b``), so two corpora called alike (``a/news``, ``b/news``)
never share their results, history or the findings their decisions are recorded against.

A name is always visible: only letters, digits and ``-_.`` are kept, and it never starts
with a dot. A long one is cut (and hashed), so every file name the run makes (with a
temporary file's suffix) stays within the file system's limit of 255 bytes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["MAX_NAME_BYTES", "output_name"]

MAX_NAME_BYTES = 120  # leaves room for ".NAME.history.json.gz" and a temporary file's suffix
_HASH_CHARS = 8
_FALLBACK = "reconcile"


def output_name(first: str | os.PathLike[str], outputs: str | os.PathLike[str]) -> str:
    """The NAME of the outputs of a run whose first path is ``first``, written to the folder
    ``outputs`` (``reports`` by default; ``--out DIR``).

    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> (home / "news").mkdir(); (home / "a" / "news").mkdir(parents=True)
    >>> output_name(home / "news", home / "reports")
    'news'
    >>> output_name(home / "a" / "news", home / "reports") == "news-" + _digest(home / "a" / "news")
    True
    >>> output_name(home / "a" / "news" / "..", home / "reports")
    'a'
    >>> long = output_name(home / ("n" * 300 + ".txt"), home / "reports")
    >>> len(long.encode()), long[-9:] == "-" + _digest(home / ("n" * 300 + ".txt"))
    (120, True)
    """
    path = Path(os.path.abspath(os.fspath(first)))  # lexical: "..", "." and "a/" mean their folder
    folder = os.path.isdir(path)
    own = (path.name if folder else path.stem) or path.name
    name = _visible(own)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = _cut(name, MAX_NAME_BYTES - _HASH_CHARS - 1)
    home = Path(os.path.abspath(os.fspath(outputs))).parent
    plain = (name == own and _resolved(path.parent) == _resolved(home)
             and (folder or not _stem_shared(path)))
    return name if plain else f"{name}-{_digest(path)}"


def _visible(stem: str) -> str:
    """``stem`` with only letters, digits and ``-_.``, never starting with a dot."""
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).lstrip(".")
    return name or _FALLBACK


def _stem_shared(file: Path) -> bool:
    """Whether another entry beside ``file`` has its stem (``here.txt``, ``here.md``, ``here/``)."""
    try:
        with os.scandir(file.parent) as entries:
            return any(e.name != file.name and (e.name if _is_dir(e) else os.path.splitext(e.name)[0]) == file.stem
                       for e in entries)
    except OSError:
        return True


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _cut(name: str, limit: int) -> str:
    """The longest start of ``name`` of at most ``limit`` UTF-8 bytes (whole characters)."""
    return name.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip("._-") or _FALLBACK


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop on the way
        return str(path)


def _digest(path: str | os.PathLike[str]) -> str:
    """A short hash of where ``path`` is (its resolved absolute path)."""
    real = _resolved(Path(os.path.abspath(os.fspath(path))))
    return hashlib.sha256(os.fsencode(real)).hexdigest()[:_HASH_CHARS]
