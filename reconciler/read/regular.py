"""Reading a small file the run depends on (a cache entry, a ``--rules`` or ``--rates``
file, the decisions file) without waiting on it or reading without end.

Only a regular file is read: it is opened without blocking and checked once open, so a
named pipe, a socket or a device (a link to ``/dev/zero``) put in its place is refused at
once; and never more than ``limit`` bytes are read, however much the file says it holds.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from reconciler.errors import ConfigError
from reconciler.read.listing import _file_kind

__all__ = ["MAX_CONFIG_BYTES", "NotRegular", "read_regular", "read_toml"]

MAX_CONFIG_BYTES = 1 << 20  # a rules or rates file is a few lines; anything near a megabyte is not one

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegular(OSError):
    """Not a regular file, or larger than the limit (``str()`` says which)."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`NotRegular` for anything else and for a larger file, and the usual
    :class:`OSError` (``FileNotFoundError``, ``PermissionError``...) when it cannot be opened.
    """
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"not a regular file ({_file_kind(st.st_mode)})")
        if st.st_size > limit:
            raise NotRegular(_too_large(st.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(limit + 1)  # it may have grown since fstat
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise NotRegular(_too_large(len(raw), limit))
    return raw


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size:,} bytes (the limit is {limit:,})"


def read_toml(path: str | Path, what: str) -> dict[str, Any]:
    """A user's TOML file (``what``: "rules" or "rates"), read as a regular file of at most
    :data:`MAX_CONFIG_BYTES`; any reason it cannot be used is a :class:`ConfigError`."""
    try:
        raw = read_regular(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(f"cannot use {what} file {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot use {what} file {path}: not UTF-8 text (byte {exc.start})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot use {what} file {path}: not valid TOML: {exc}") from exc
