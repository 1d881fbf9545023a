"""The corpus settings file and the editor's primary sources.

``reconcile.toml`` in the corpus folder (the first path's folder, beside the decisions file)
holds what an editor says about the corpus once, rather than on every command line::

    primary = ["press-release.txt"]   # the paper, the press release: the reference where it states a figure

It is never read as an article (``.toml`` is not an article's extension) and never replaced
by an output. ``--primary FILE`` on the command line adds to its list.

A primary source is named by its path (as given on the command line, or inside the corpus
folder for the settings file) or by its file name or displayed path inside the corpus
(``press-release.txt``, ``releases/press-release.txt``). A name that matches no article read,
or several, is a :class:`~reconciler.errors.ConfigError` (exit status 2).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reconciler.errors import ConfigError
from reconciler.read.listing import _identity, printable
from reconciler.read.regular import read_toml

FILENAME = "reconcile.toml"
_KEYS = ("primary",)


def settings_path(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The settings file of a run: in the first path's folder (a file's own folder)."""
    first = Path(paths[0])
    return (first if first.is_dir() else first.parent) / FILENAME


def load_primary(paths: Sequence[str | os.PathLike[str]]) -> tuple[str, ...]:
    """The primary sources the corpus settings file names (none without the file); each name
    as written, relative to the corpus folder."""
    path = settings_path(paths)
    if not os.path.lexists(path):
        return ()
    data = read_toml(path, "settings")

    def bad(key: str, why: str) -> ConfigError:
        return ConfigError(f"cannot use settings file {printable(str(path))}: {key}: {why}")

    for key in data:
        if key not in _KEYS:
            raise bad(key, "unknown key (expected: " + ", ".join(_KEYS) + ")")
    primary = data.get("primary", [])
    if isinstance(primary, str):
        primary = [primary]
    if not isinstance(primary, list) or not all(isinstance(p, str) and p.strip() for p in primary):
        raise bad("primary", f"must be a list of file names, not {primary!r}")
    folder = path.parent
    return tuple(str(folder / p) if os.path.lexists(folder / p) else p for p in primary)


def resolve_primary(names: Sequence[str], found: Sequence[tuple[str, str]]) -> frozenset[str]:
    """The displayed paths of the articles ``names`` designate, among ``found`` ((path on
    disk, displayed path) of each article listed); raises ConfigError for a name that
    designates none of them, or more than one."""
    out: set[str] = set()
    for name in names:
        out.add(_one(name, found))
    return frozenset(out)


def _one(name: str, found: Sequence[tuple[str, str]]) -> str:
    shown = printable(name)
    exists = os.path.isfile(name)
    if exists:  # a path: the article it is, by whatever route the run reached it
        me = _identity(name)
        for disk, display in found:
            if _identity(disk) == me:
                return display
    wanted = name.replace(os.sep, "/").strip("/")
    matches = [display for _disk, display in found if display == wanted or display.endswith("/" + wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ConfigError(f"primary source {shown}: names {len(matches)} articles ("
                          + ", ".join(matches[:5]) + "); give its path")
    if exists:
        raise ConfigError(f"primary source {shown}: not one of the articles read "
                          "(name an article of the corpus: a .txt, .md, .html, .pdf or .docx file in it)")
    listed = ", ".join(display.rsplit("/", 1)[-1] for _disk, display in found[:8])
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    raise ConfigError(f"primary source {shown}: no such article in the corpus (articles: {listed}{more})")
