"""Outputs never written over inputs: before a run writes anything, each file it is going to
write is checked against the articles it reads, the decisions file, the ``--rules`` and
``--rates`` files, and the run's other outputs.

An output may replace a file of the corpus only when that file is one of reconcile's own
outputs (:mod:`reconciler.read.own`): the report of the previous run, written by ``reconcile .``
inside the corpus, is replaced by this one's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reconciler.read.listing import ARTICLE_EXTENSIONS, MAX_FILE_BYTES, printable
from reconciler.read.own import own_output

__all__ = ["OverwritesInput", "check_outputs"]

Named = tuple[str, str | os.PathLike[str] | None]  # (what it is, for messages; where)


class OverwritesInput(ValueError):
    """An output would be written over an input, or over another output."""


def check_outputs(outputs: Sequence[Named], articles: Sequence[str | os.PathLike[str]],
                  protected: Sequence[Named] = ()) -> None:
    """Raise :class:`OverwritesInput` if one of ``outputs`` is an article under ``articles``
    (the run's paths), one of the ``protected`` files, or another of ``outputs``.

    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp())
    >>> (corpus / "a.txt").write_text("The pier cost $418,000.")
    23
    >>> check_outputs([("the JSON result", corpus / "out.json")], [corpus])
    >>> try:
    ...     check_outputs([("the JSON result", corpus / "a.txt")], [corpus])
    ... except OverwritesInput as e:
    ...     print(e)
    refusing to write the JSON result to .../a.txt: it is an input article
    """
    taken: dict[str, str] = {}
    for what, path in outputs:
        if path is None or os.fspath(path) == "-":
            continue
        where = _where(path)
        shown = printable(os.fspath(path))
        if where in taken:
            raise OverwritesInput(f"refusing to write {what} to {shown}: {taken[where]} goes there too")
        taken[where] = what
        for kind, other in protected:
            if other is not None and _same(path, other):
                raise OverwritesInput(f"refusing to write {what} to {shown}: it is {kind}")
        if os.path.isfile(path) and _read_by_run(path, articles) and not _own(path):
            raise OverwritesInput(f"refusing to write {what} to {shown}: it is an input article")


def _where(path: str | os.PathLike[str]) -> str:
    try:
        return str(Path(os.path.abspath(os.fspath(path))).resolve())
    except (OSError, RuntimeError):  # a symlink loop on the way
        return os.path.abspath(os.fspath(path))


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _where(a) == _where(b)


def _read_by_run(path: str | os.PathLike[str], articles: Sequence[str | os.PathLike[str]]) -> bool:
    """Whether the run on ``articles`` reads the existing file ``path`` (as listing does: a
    path given, or a visible file with an article's extension in a folder given)."""
    target = Path(_where(path))
    for arg in articles:
        if not os.path.isdir(arg):
            if _same(path, arg):
                return True
            continue
        try:
            rel = target.relative_to(_where(arg))
        except ValueError:
            continue
        if not any(part.startswith(".") for part in rel.parts) and target.suffix.lower() in ARTICLE_EXTENSIONS:
            return True
    return False


def _own(path: str | os.PathLike[str]) -> bool:
    """Whether the file is one of reconcile's outputs (then a new one may replace it)."""
    try:
        with open(path, "rb") as fh:
            return own_output(fh.read(MAX_FILE_BYTES)) is not None
    except OSError:
        return False
