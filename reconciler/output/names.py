"""What a run's outputs are called: ``NAME`` in ``reports/NAME.html``, ``NAME.json``,
``claims/NAME.csv`` and the hidden ``.NAME.history.json.gz``.

``NAME`` is the corpus's own name: the first path's folder, or a file's stem, as the path
means it (``reconcile ..`` is named after the folder ``..`` is, ``reconcile .`` after the
current one). A name is always visible: only letters, digits and ``-_.`` are kept, and it
never starts with a dot.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["output_name"]

_FALLBACK = "reconcile"


def output_name(first: str | os.PathLike[str]) -> str:
    """The NAME of the outputs of a run whose first path is ``first``.

    >>> output_name("seeds/"), output_name("seeds/000_6291c126803fc765.txt")
    ('seeds', '000_6291c126803fc765')
    >>> output_name("/tmp/.."), output_name("/")
    ('reconcile', 'reconcile')
    """
    path = Path(os.path.abspath(os.fspath(first)))  # lexical: "..", "." and "a/" mean their folder
    own = path.name if path.is_dir() else path.stem
    return _visible(own or path.name)


def _visible(stem: str) -> str:
    """``stem`` with only letters, digits and ``-_.``, never starting with a dot."""
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).lstrip(".")
    return name or _FALLBACK
