"""Serialise a Result (the JSON contract) and write files atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import json.encoder
import math
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .history import selectors
from .htmltext import file_span
from .models import SCHEMA, Claim, Finding, Group, Result, Source

if TYPE_CHECKING:
    from .parallel import Processes


def to_dict(result: Result) -> dict[str, Any]:
    """The documented JSON contract (``reconcile/1``): stable order, no timestamps."""
    by_id = {s.id: s for s in result.sources}
    return {
        "schema": SCHEMA,
        "summary": {
            "sources": len(result.sources),
            "claims": len(result.claims),
            "groups": len(result.groups),
            "findings": result.counts(),
            "skipped": len(result.skipped),
        },
        "sources": [_source(s) for s in result.sources],
        "claims": [_claim(c, by_id.get(c.source)) for c in result.claims],
        "groups": [_group(g) for g in result.groups],
        "findings": [_finding(f) for f in result.findings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
    }


def to_json(result: Result) -> str:
    """The JSON text: exactly ``json.dumps(to_dict(result), indent=1, ensure_ascii=False)``."""
    return "".join(json_chunks(result))


def json_chunks(result: Result) -> Iterator[str]:
    """:func:`to_json` in pieces, one record at a time, so a large corpus is written as it is
    encoded and never held whole (nor its millions of small JSON pieces)."""
    by_id = {s.id: s for s in result.sources}
    lists: dict[str, tuple[Iterable[Any], Callable[[Any], Any]]] = {
        "sources": (result.sources, _source),
        "claims": (result.claims, lambda c: _claim(c, by_id.get(c.source))),
        "groups": (result.groups, _group),
        "findings": (result.findings, _finding),
        "skipped": (result.skipped, lambda s: {"path": s.path, "reason": s.reason}),
    }
    head = {"schema": SCHEMA, "summary": {
        "sources": len(result.sources), "claims": len(result.claims), "groups": len(result.groups),
        "findings": result.counts(), "skipped": len(result.skipped)}}
    yield "{"
    for key, value in head.items():
        yield f"\n {_STRING(key)}: {encode_indented(value, _PAD1)},"
    for i, (key, (items, row)) in enumerate(lists.items()):
        comma = "," if i < len(lists) - 1 else ""
        batch: list[str] = []
        opened = False
        for x in items:
            batch.append(encode_indented(row(x), _PAD2))
            if len(batch) == _BATCH:
                yield (",\n  " if opened else f"\n {_STRING(key)}: [\n  ") + ",\n  ".join(batch)
                batch, opened = [], True
        if batch:
            yield (",\n  " if opened else f"\n {_STRING(key)}: [\n  ") + ",\n  ".join(batch)
            opened = True
        yield f"\n ]{comma}" if opened else f"\n {_STRING(key)}: []{comma}"
    yield "\n}\n"


_BATCH = 512  # records encoded per piece
_PAD1, _PAD2 = "\n ", "\n  "
_STRING: Callable[[str], str] = json.encoder.encode_basestring


def encode_indented(value: Any, pad: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)``, byte for byte, with
    every line after the first prefixed by ``pad[1:]`` (the record's own indentation).

    The standard library's encoder turns to pure Python generators once ``indent`` is
    given; this is a plain recursion over the few types the result holds.

    >>> encode_indented({"a": [1, 2.5, None, True], "b": {}, "c": "x\\n"}) == json.dumps(
    ...     {"a": [1, 2.5, None, True], "b": {}, "c": "x\\n"}, ensure_ascii=False, indent=1)
    True
    """
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    t = type(value)
    if t is dict:
        if not value:
            return "{}"
        inner = pad + " "
        return "{" + inner + ("," + inner).join(
            [(_KEYS.get(k) or _key(k)) + (f(v) if (f := _SCALARS.get(type(v))) else encode_indented(v, inner))
             for k, v in value.items()]) + pad + "}"
    if t is list or t is tuple:
        if not value:
            return "[]"
        inner = pad + " "
        return "[" + inner + ("," + inner).join(
            [f(v) if (f := _SCALARS.get(type(v))) else encode_indented(v, inner) for v in value]) + pad + "]"
    # subclasses and anything else: exactly what the standard library does
    return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False).replace("\n", pad)


def _float(x: float) -> str:
    if x != x or x in (math.inf, -math.inf):
        raise ValueError("Out of range float values are not JSON compliant: " + repr(x))
    return float.__repr__(x)


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _STRING, int: int.__repr__, float: _float, bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null"}
_KEYS: dict[Any, str] = {}  # "key": as encoded, for the few keys records have


def _key(k: Any) -> str:
    if type(k) is str:
        encoded = _STRING(k) + ": "
        if len(_KEYS) < 1000:
            _KEYS[k] = encoded
        return encoded
    return json.dumps({k: 0}, ensure_ascii=False)[1:-4] + ": "  # a number, bool or None as a key


# ---------------------------------------------------------------------------------------
# the JSON result and the ledger of a large run, written by a second process


BACKGROUND_FROM = 50_000  # claims: from here on the JSON result and the ledger are written in the background
_SPILL_BATCH = 4096  # claims pickled together


def outputs_in_background(result: Result, json_path: str | os.PathLike[str], csv_path: str | os.PathLike[str],
                          pool: Processes | None = None) -> Callable[[], None]:
    """Start writing the JSON result (:func:`json_chunks`) to ``json_path`` and the CSV ledger
    (:mod:`reconciler.tables`) to ``csv_path``, each as :func:`write_atomic` does; returns the
    function that waits for both to be written (and raises what went wrong).

    For a large result both are written by one worker of ``pool`` (the run's, started before
    the corpus was read, so small), in one pass over the claims, while this process makes
    the HTML report on the other core (two writers beside it measured slower: three busy
    processes on two cores slow the report down more than they gain). The worker gets the
    result through a temporary file beside the JSON (the parts that stay small, then the
    claims in batches), reads it a batch at a time, and deletes it as soon as it has it
    open. Anything smaller, or without a running pool, is written here and now.
    """
    from .tables import ledger_csv_chunks

    if pool is None or not pool.started or len(result.claims) < BACKGROUND_FROM:
        write_atomic(json_path, json_chunks(result))
        write_atomic(csv_path, ledger_csv_chunks(result))
        return lambda: None
    import pickle

    target = Path(json_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, spill = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((len(result.claims), result.sources, result.groups, result.findings, result.skipped), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
            for k in range(0, len(result.claims), _SPILL_BATCH):
                pickle.dump(result.claims[k:k + _SPILL_BATCH], fh, protocol=pickle.HIGHEST_PROTOCOL)
        job = pool.submit(_outputs_from_spill, spill, str(target), os.fspath(csv_path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(spill)
        raise

    def finish() -> None:
        try:
            job.result()
        finally:
            with contextlib.suppress(OSError):
                os.unlink(spill)  # (if it did not get as far as opening it)

    return finish


@contextlib.contextmanager
def _spilled(spill: str) -> Iterator[tuple[Result, int, Iterator[list[Claim]]]]:
    """The result in a spill file: its small parts (without claims), the number of claims,
    and the claims a batch at a time. The file's name is removed as soon as it is open."""
    import pickle

    from .memory import gc_paused

    with open(spill, "rb") as fh, gc_paused():
        with contextlib.suppress(OSError):
            os.unlink(spill)  # nothing is left behind, whatever happens next
        count, sources, groups, findings, skipped = pickle.load(fh)

        def batches() -> Iterator[list[Claim]]:
            seen = 0
            while seen < count:
                batch = pickle.load(fh)
                seen += len(batch)
                yield batch

        yield Result(sources=sources, claims=(), groups=groups, findings=findings, skipped=skipped), count, batches()


class _Streamed:
    """Claims as :func:`json_chunks` takes them, read as they are written: their number, then each."""

    def __init__(self, count: int, batches: Iterator[list[Claim]]) -> None:
        self.count, self.batches = count, batches

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Claim]:
        for batch in self.batches:
            yield from batch


def _outputs_from_spill(spill: str, json_path: str, csv_path: str) -> None:
    """The worker's part of :func:`outputs_in_background`: the spill file to the JSON result
    and the CSV ledger, in one pass over the claims."""
    from .tables import LedgerRows

    with _spilled(spill) as (result, count, batches):
        rows = LedgerRows(result.sources, result.groups, result.findings)
        header = True
        with atomic_file(csv_path) as ledger:

            def each(batch: list[Claim]) -> list[Claim]:
                nonlocal header
                ledger.write(rows.csv(batch, header).encode("utf-8"))
                header = False
                return batch

            claims: Any = _Streamed(count, map(each, batches))  # (a tuple's part, once)
            write_atomic(json_path, json_chunks(dataclasses.replace(result, claims=claims)))
            if header:  # no claims: the ledger is its header
                ledger.write(rows.csv((), True).encode("utf-8"))


def _num(x: float | None) -> float | str | None:
    if x is None:
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _source(s: Source) -> dict[str, Any]:
    return {"id": s.id, "path": s.path, "title": s.title, "date": s.date, "format": s.format,
            "encoding": s.encoding, "sha256": s.sha256, "chars": len(s.text), "notes": list(s.notes)}


def file_position(c: Claim, source: Source | None) -> tuple[int, int, str]:
    """Where the claim's quote is in the file: (start, end, "file"); for an HTML page whose
    text at that point is not verbatim in the markup (an entity, a tag inside the figure),
    its place in the extracted article text: (start, end, "text")."""
    if source is None or source.format != "html":
        return c.start, c.end, "file"  # text files: the article text is the file as read
    span = file_span(source.origin, c.start, c.end)
    return (span[0], span[1], "file") if span else (c.start, c.end, "text")


def _claim(c: Claim, source: Source | None) -> dict[str, Any]:
    """A claim: its position in the file, and W3C Web Annotation selectors of its quote in
    the article text."""
    start, end, located = file_position(c, source)
    return {
        "id": c.id, "source": c.source, "start": start, "end": end, "located": located, "text": c.text,
        "value": c.value, "unit": c.unit, "kind": c.kind, "qualifier": c.qualifier,
        "low": _num(c.low), "high": _num(c.high), "noun": c.noun, "subject": c.subject,
        "role": c.role, "range": c.range_id or None, "attribution": c.attribution or None,
        "sentence": c.sentence,
        "sentence_start": c.sentence_start, "notes": list(c.notes),
        "selector": selectors(source.text if source else "", c),
    }


def _group(g: Group) -> dict[str, Any]:
    return {"id": g.id, "dimension": g.dimension, "label": g.label, "claims": list(g.claims),
            "consensus": g.consensus, "consensus_text": g.consensus_text, "support": g.support,
            "why": list(g.why), "score": g.score}


def _finding(f: Finding) -> dict[str, Any]:
    return {"id": f.id, "rule": f.rule, "severity": f.severity, "claims": list(f.claims),
            "message": f.message, "explanation": f.explanation, "group": f.group,
            "suggested": f.suggested}


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
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=folder)
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


def remove_stale_temps(target: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files of ``target`` left by killed runs; return what was removed.

    A temporary file is stale when the process named in it is gone (same machine) or it
    is older than a day; those of a live writer are left alone.
    """
    target = Path(target)
    prefix = f".{target.name}."
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
