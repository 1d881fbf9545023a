"""Files written whole or not at all: a temporary file in the same folder, fsync, rename."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    pass



def write_atomic(path: str | os.PathLike[str], data: str | bytes | Iterable[str]) -> None:
    """Write to a temporary file in the same folder, fsync, then rename into place.

    ``data`` may be text pieces (:func:`json_chunks`), written as they come: an error while
    they are made leaves the previous file as it was.

    Readers see the complete previous file or the complete new one, never a part, even
    if the run is killed. The temporary file is hidden (``.NAME.PID.RANDOM.tmp``), gets
    the permissions a plain ``open()`` would give, and is removed on any error; one left
    behind by a killed run is removed by the next write of the same file.
    """
    with atomic_file(path) as fh:
        if isinstance(data, str):
            fh.write(data.encode("utf-8"))
        elif isinstance(data, bytes):
            fh.write(data)
        else:
            for piece in data:
                fh.write(piece.encode("utf-8"))


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """The file :func:`write_atomic` writes, to write in a block: it replaces ``path`` when
    the block ends, or is removed if the block raises."""
    target = Path(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=f"{temp_prefix(target)}{os.getpid()}.", suffix=_TMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~_umask())  # mkstemp makes 0600 files
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


_TMP_SUFFIX = ".tmp"
_STALE_AGE = 24 * 3600  # seconds: a temporary file this old is stale whoever made it
# the temporary file's name adds ".", a process id, ".", 8 random characters and ".tmp" to the
# target's: a target name longer than this is shortened there, to fit the 255 bytes of a name
_TMP_NAME_ROOM = 200


def temp_prefix(target: str | os.PathLike[str]) -> str:
    """How the temporary files of ``target`` start: ``.NAME.`` (a long NAME shortened, with a
    hash of the whole, so the temporary name fits the file system's limit).

    >>> temp_prefix("reports/seeds.json")
    '.seeds.json.'
    >>> len(temp_prefix("x" * 250 + ".json").encode())
    202
    """
    name = Path(target).name
    raw = os.fsencode(name)
    if len(raw) > _TMP_NAME_ROOM:
        digest = hashlib.sha256(raw).hexdigest()[:8]
        cut = raw[:_TMP_NAME_ROOM - len(digest) - 1].decode("utf-8", "ignore")
        name = f"{cut}~{digest}"
    return f".{name}."


def remove_stale_temps(target: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files of ``target`` left by killed runs; return what was removed.

    A temporary file is stale when the process named in it is gone (same machine) or it
    is older than a day; those of a live writer are left alone.
    """
    target = Path(target)
    prefix = temp_prefix(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
            continue
        pid_text = name[len(prefix):].split(".", 1)[0]
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_AGE
        except OSError:
            continue
        if old or (pid_text.isdigit() and not _alive(int(pid_text))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no harmless signal 0 there: rely on the age test
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process (or an odd number): leave its file alone
    return True


@functools.cache
def _umask() -> int:
    try:  # Linux: read it without changing it
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
