"""What a run's outputs are called: ``NAME`` in ``reports/NAME.html``, ``NAME.json``,
``claims/NAME.csv`` and the hidden ``.NAME.history.json.gz``.

``NAME`` is the corpus's own name: the first path's folder, or a file's stem, as the path
means it (``reconcile ..`` is named after the folder ``..`` is, ``reconcile .`` after the
current one). A name is always visible: only letters, digits and ``-_.`` are kept, and it
never starts with a dot. A long one is cut, and a short hash of the corpus's path follows
(``nnnn...-1f3a9c0b``), so every file name the run makes (with a temporary file's suffix)
stays within the file system's limit of 255 bytes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["MAX_NAME_BYTES", "output_name"]

MAX_NAME_BYTES = 120  # leaves room for ".NAME.history.json.gz" and a temporary file's suffix
_HASH_CHARS = 8
_FALLBACK = "reconcile"


def output_name(first: str | os.PathLike[str]) -> str:
    """The NAME of the outputs of a run whose first path is ``first``.

    >>> output_name("seeds/"), output_name("seeds/000_6291c126803fc765.txt")
    ('seeds', '000_6291c126803fc765')
    >>> output_name("/tmp/.."), output_name("/")
    ('reconcile', 'reconcile')
    >>> long = output_name("n" * 300 + ".txt")
    >>> len(long.encode()), long[-9:] == "-" + _digest("n" * 300 + ".txt")
    (120, True)
    """
    path = Path(os.path.abspath(os.fspath(first)))  # lexical: "..", "." and "a/" mean their folder
    own = path.name if os.path.isdir(path) else path.stem
    name = _visible(own or path.name)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = f"{_cut(name, MAX_NAME_BYTES - _HASH_CHARS - 1)}-{_digest(path)}"
    return name


def _visible(stem: str) -> str:
    """``stem`` with only letters, digits and ``-_.``, never starting with a dot."""
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).lstrip(".")
    return name or _FALLBACK


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
