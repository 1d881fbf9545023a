"""An on-disk cache of per-article results, so a re-run only redoes what changed.

Each entry is one JSON file named by a key: the sha256 of everything the result depends
on (the article as read, and a fingerprint of the code and vocabulary that produced it),
so editing the grammar, a vocabulary table or the data model invalidates every entry by
itself. The folder is safe to delete at any time. Entries are written atomically (a
temporary file in the same folder, then a rename); an entry that cannot be read back
(truncated, corrupt, another version) is ignored and recomputed.

Entries are plain JSON, never pickle: loading a cache that someone else wrote cannot run
code. Besides the entries, :class:`SourceCache` keeps one JSON record per set of paths of
the files as read (so an unchanged file is not decoded again).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import operator
import os
import tempfile
import time
import typing
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from reconciler._version import __version__
from reconciler.models import Claim, Finding, Frame, Group, Kind, Qualifier, Severity, Source
from reconciler.read import source as read_one  # looked up at call time (tests spy on it)
from reconciler.read.listing import source_id
from reconciler.read.regular import read_regular

__all__ = ["DEFAULT_DIR", "Cache", "SourceCache", "decode_checked", "decode_claims", "decode_groups",
           "decode_signature", "encode_checked", "encode_claims", "encode_groups", "fingerprint", "from_row",
           "source_key", "to_row"]

DEFAULT_DIR = ".reconcile-cache"
MAX_ENTRY_BYTES = 4 << 30  # the claims of the largest article read (64 MB of figures) stay well below
FORMAT = 1  # bump when the entry layout changes

T = TypeVar("T", Claim, Finding, Group, Source)

# the code a cached result depends on: package-relative files, hashed into every key
_EXTRACT_CODE = ("models.py", "stories.py", "extract", "data")  # entries hold the signature too
_ALIGN_CODE = ("models.py", "align", "extract", "data")
_CHECK_CODE = ("models.py", "align", "copies.py", "stories.py", "rules", "extract", "data")
_READ_CODE = ("models.py", "read")


@cache
def fingerprint(kind: str = "extract") -> str:
    """sha256 of the package files behind ``kind`` ("read", "extract", "align" or "check"),
    the package's version and the cache format."""
    parts = {"read": _READ_CODE, "extract": _EXTRACT_CODE, "align": _ALIGN_CODE, "check": _CHECK_CODE}[kind]
    root = resources.files("reconciler")
    h = hashlib.sha256(f"reconcile-cache/{FORMAT}/{kind}/{__version__}".encode())
    for part in parts:
        node = root.joinpath(part)
        files = sorted(_walk(node), key=lambda p: p[0])
        for rel, data in files:
            h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _walk(node: Any, prefix: str = "") -> Iterable[tuple[str, bytes]]:
    name = prefix + node.name
    if node.is_dir():
        for child in node.iterdir():
            if not child.name.startswith((".", "__pycache__")):
                yield from _walk(child, name + "/")
    elif node.name.endswith((".py", ".toml", ".json")):
        yield name, node.read_bytes()


def source_key(source: Source) -> str:
    """Key of one article's extraction: every field of the source, and the extractor's fingerprint."""
    h = hashlib.sha256(fingerprint("extract").encode())
    h.update(json.dumps(to_row(source), ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


# ---------------------------------------------------------------------------------------
# the models as JSON rows (lists in field order), and back


_FIELDS: dict[str, tuple[tuple[str, ...], frozenset[int]]] = {}
_CONVERT: dict[str, tuple[tuple[int, Any], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, ...], frozenset[int]]:
    """Field names in order, and the positions of tuple fields (JSON gives lists back)."""
    known = _FIELDS.get(cls.__qualname__)
    if known is None:
        fields = dataclasses.fields(cls)
        names = tuple(f.name for f in fields)
        tuples = frozenset(i for i, f in enumerate(fields) if str(f.type).startswith("tuple"))
        known = _FIELDS[cls.__qualname__] = (names, tuples)
    return known


def _converters(cls: type) -> tuple[tuple[int, Any], ...]:
    """(position, list -> tuple) of each tuple field: flat, of pairs, or nested any deeper."""
    known = _CONVERT.get(cls.__qualname__)
    if known is None:
        out: list[tuple[int, Any]] = []
        for i, f in enumerate(dataclasses.fields(cls)):
            kind = str(f.type)
            if kind in ("tuple[str, ...]", "tuple[int, ...]", "tuple[float, ...]"):
                out.append((i, tuple))
            elif kind in ("tuple[tuple[str, float], ...]", "tuple[tuple[int, int], ...]",
                          "tuple[tuple[str, ...], ...]"):
                out.append((i, _pairs))
            elif kind.startswith("tuple"):
                out.append((i, _tup))
        known = _CONVERT[cls.__qualname__] = tuple(out)
    return known


def _pairs(x: Any) -> tuple[tuple[Any, ...], ...]:
    return tuple(map(tuple, x))


def to_row(obj: Claim | Finding | Group | Source) -> list[Any]:
    names, _ = _fields(type(obj))
    return [getattr(obj, n) for n in names]


def _tup(x: Any) -> Any:
    return tuple([_tup(i) if type(i) is list else i for i in x]) if isinstance(x, list) else x


def _is_int(x: Any) -> bool:
    return type(x) is int and -_INT_LIMIT < x < _INT_LIMIT


def _list_of(ok: Any) -> Any:
    return lambda x: all(ok(i) for i in x)


def _pair_of(a: Any, b: Any) -> Any:
    return lambda x: type(x) is list and len(x) == 2 and a(x[0]) and b(x[1])


def _only_str(x: list[Any]) -> bool:
    return set(map(type, x)) <= _ONLY_STR  # one call, however long the list


_ONLY_STR = {str}
_INT_LIMIT = 1 << 62  # positions and counts; anything beyond is not one this program wrote
_NUMBER = (float, int)
_NONE = type(None)
# each declared field type: the JSON types its values may come back as, and what must be
# looked at inside a value (None: the type is enough; a frozenset: the words it may be;
# _only_str: a list of strings; else a test of the value); ints are sized apart
_JSON_TYPES: dict[str, tuple[tuple[type, ...], Any]] = {
    "str": ((str,), None), "int": ((int,), None), "bool": ((bool,), None), "float": (_NUMBER, None),
    "str | None": ((str, _NONE), None), "float | None": ((*_NUMBER, _NONE), None),
    "float | str": ((*_NUMBER, str), None), "float | str | None": ((*_NUMBER, str, _NONE), None),
    "tuple[str, ...]": ((list,), _only_str), "tuple[int, ...]": ((list,), _list_of(_is_int)),
    "tuple[tuple[int, int], ...]": ((list,), _list_of(_pair_of(_is_int, _is_int))),
    "tuple[tuple[str, float], ...]": ((list,), _list_of(_pair_of(lambda x: type(x) is str,
                                                                 lambda x: type(x) is float or _is_int(x)))),
    "Kind": ((str,), frozenset(typing.get_args(Kind))), "Qualifier": ((str,), frozenset(typing.get_args(Qualifier))),
    "Severity": ((str,), frozenset(typing.get_args(Severity))),
}
# fields a model's cache rows may also hold in another JSON type (a claim's quote and
# sentence are stored as None and as a length when they are slices of the article)
_STORED_AS: dict[type, dict[str, type]] = {Claim: {"text": _NONE, "sentence": int}}
_MAX_SHAPES = 256  # kinds of rows of one model in one entry; a damaged entry could hold any number
_Checks = tuple[frozenset[int], tuple[tuple[int, str, Any], ...]]
_SHAPES: dict[tuple[type, tuple[type, ...]], _Checks] = {}  # (model, types of a row's values) -> its checks
_SHAPES_OF: dict[type, int] = {}  # how many of each model's are remembered


def _value_checks(cls: type, shape: tuple[type, ...]) -> _Checks:
    """For rows whose values have the JSON types ``shape``: raise TypeError unless each is of
    a type its field may take, and return the positions of the whole numbers (each must be
    of a size this program writes) and (position, name, test) of the other values that need
    a look inside (see :data:`_JSON_TYPES`)."""
    checks = _SHAPES.get((cls, shape))
    if checks is None:
        also = _STORED_AS.get(cls, {})
        ints, out = [], []
        for (i, f), seen in zip(enumerate(dataclasses.fields(cls)), shape, strict=True):
            declared = _JSON_TYPES.get(str(f.type))
            if declared is None:
                continue  # a nested model (the claim's frame): checked where it is decoded
            types, test = declared
            if seen not in types and also.get(f.name) is not seen:
                raise TypeError(f"{cls.__name__}.{f.name} of the wrong type")
            if seen is int:
                ints.append(i)
            elif test is not None and seen in types:
                out.append((i, f.name, test))
        checks = (frozenset(ints), tuple(out))
        if _SHAPES_OF.get(cls, 0) < _MAX_SHAPES:
            _SHAPES[cls, shape] = checks
            _SHAPES_OF[cls] = _SHAPES_OF.get(cls, 0) + 1
    return checks


def check_rows(cls: type, rows: Any) -> None:
    """Raise TypeError or ValueError unless ``rows`` is a list of JSON rows of ``cls`` (lists of
    its fields in order), each value of the type its field declares: a well-formed entry of the
    wrong types is damaged, and recomputed, never trusted. Checked column by column, each
    step one call over all the rows (at a large corpus's 300,000 cached claims, checking row
    by row would cost a second)."""
    if type(rows) is not list:
        raise TypeError(f"{cls.__name__} rows are not a list")
    if not rows:
        return
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {len(_fields(cls)[0])}:
        raise ValueError(f"{cls.__name__} row of another layout")
    shapes = set(map(tuple, map(map, itertools.repeat(type), rows)))  # the types of each row's values
    if len(shapes) > _MAX_SHAPES:
        raise TypeError(f"{cls.__name__} rows of too many kinds")
    ints: set[int] = set()
    others: dict[int, tuple[str, Any]] = {}  # a field with a test has one JSON type: every row's is it
    for shape in shapes:
        whole, tests = _value_checks(cls, shape)
        ints |= whole
        for i, name, test in tests:
            others[i] = (name, test)
    for i in sorted(ints):
        column = list(map(operator.itemgetter(i), rows))
        if any(shape[i] is not int for shape in shapes):  # a float, or a text, in other rows
            column = [x for x in column if type(x) is int]
        if not (min(column) > -_INT_LIMIT and max(column) < _INT_LIMIT):
            raise TypeError(f"{cls.__name__}: a whole number of a size this program never writes")
    for i, (name, test) in sorted(others.items()):
        values = map(operator.itemgetter(i), rows)
        if type(test) is frozenset:
            ok = set(values) <= test
        elif test is _only_str:
            ok = set(map(type, itertools.chain.from_iterable(values))) <= _ONLY_STR
        else:
            ok = all(map(test, values))
        if not ok:
            raise TypeError(f"{cls.__name__}.{name} of the wrong type")


def from_row(cls: type[T], row: Sequence[Any], *, checked: bool = False) -> T:
    """The model of a JSON row (see :func:`to_row`); ``checked``: :func:`check_rows` has
    passed it already."""
    names, _tuples = _fields(cls)
    if not checked:
        check_rows(cls, [row])
    values = list(row)
    for i, convert in _converters(cls):
        if not isinstance(values[i], (list, tuple)):
            raise TypeError(f"{cls.__name__}.{names[i]} is not a list")
        values[i] = convert(values[i])
    return cls(*values)


_CLAIM_NAMES, _CLAIM_TUPLES = _fields(Claim)
_FRAME = _CLAIM_NAMES.index("frame")
_CLAIM_TUPLES = frozenset(_CLAIM_TUPLES - {_FRAME})  # the frame is a dataclass, stored as a row of its own
_TEXT, _SENTENCE, _START, _END, _SENTENCE_START = (_CLAIM_NAMES.index(n) for n in
                                                   ("text", "sentence", "start", "end", "sentence_start"))


_FRAME_FIELDS = len(dataclasses.fields(Frame))
_CLAIM_ROW = operator.attrgetter(*_CLAIM_NAMES)  # a claim's fields in order, in one call
_FRAME_ROW = operator.attrgetter(*(f.name for f in dataclasses.fields(Frame)))


def encode_claims(source: Source, claims: Sequence[Claim]) -> list[list[Any]]:
    """Claims as rows; quotes that are slices of the source text are stored as their length."""
    text = source.text
    rows = []
    for c in claims:
        row = list(_CLAIM_ROW(c))
        row[_FRAME] = list(_FRAME_ROW(c.frame))
        if c.text == text[c.start:c.end]:
            row[_TEXT] = None
        if c.sentence == text[c.sentence_start:c.sentence_start + len(c.sentence)]:
            row[_SENTENCE] = len(c.sentence)
        rows.append(row)
    return rows


def decode_claims(source: Source, rows: Sequence[list[Any]]) -> list[Claim]:
    """The inverse of :func:`encode_claims`; raises TypeError or ValueError on a damaged entry
    (a row of the wrong layout or types, a claim of another source, the same id twice)."""
    text = source.text
    sentences: dict[tuple[int, int], str] = {}  # claims of one sentence share its text
    out = []
    check_rows(Claim, rows)
    if rows:
        get = operator.itemgetter
        frames = list(map(get(_FRAME), rows))
        if set(map(type, frames)) != {list} or set(map(len, frames)) != {_FRAME_FIELDS} \
                or not _only_str(list(itertools.chain.from_iterable(frames))):
            raise TypeError("Claim.frame of the wrong type")
        starts, ends = list(map(get(_START), rows)), list(map(get(_END), rows))
        said = [x for x in map(get(_SENTENCE), rows) if type(x) is int]
        if set(map(get(1), rows)) != {source.id} or len(set(map(get(0), rows))) != len(rows) \
                or min(starts) < 0 or not all(map(operator.le, starts, ends)) \
                or min(map(get(_SENTENCE_START), rows)) < 0 or (said and min(said) < 0):
            raise ValueError("a claim of another source, a claim twice, or a claim out of place")
    for row in rows:
        row = list(row)
        quote, said_len = row[_TEXT], row[_SENTENCE]
        if quote is None:
            row[_TEXT] = text[row[_START]:row[_END]]
        if type(said_len) is int:
            at = (row[_SENTENCE_START], said_len)
            sentence = sentences.get(at)
            if sentence is None:
                sentence = sentences[at] = text[at[0]:at[0] + at[1]]
            row[_SENTENCE] = sentence
        for i in _CLAIM_TUPLES:
            row[i] = tuple(row[i])  # context words and notes: flat lists of strings
        row[_FRAME] = Frame(*row[_FRAME])
        out.append(_claim_of(row))
    return out


def decode_signature(entry: Any) -> tuple[str, ...]:
    """An article's words as cached (:func:`reconciler.stories.signature`); raises TypeError
    unless they are a list of strings."""
    if type(entry) is not list or not _only_str(entry):
        raise TypeError("an article's words of the wrong type")
    return tuple(entry)


def _claim_of(row: list[Any]) -> Claim:
    """``Claim(*row)`` for a row of exactly its fields, in order, without the generated
    ``__init__`` (a frozen dataclass sets each field through ``object.__setattr__``: at a
    large corpus's 300,000 cached claims that is half the time of decoding them). The claim
    is the same: same fields, same order, equal, same hash, and as frozen as any other."""
    claim = object.__new__(Claim)
    claim.__dict__.update(zip(_CLAIM_NAMES, row, strict=True))
    return claim


def encode_groups(groups: Sequence[Group]) -> list[list[Any]]:
    """A story's alignment as a cache entry."""
    return [to_row(g) for g in groups]


def decode_groups(entry: Any, claims: Collection[str]) -> list[Group]:
    """A story's alignment from its cache entry; raises TypeError or ValueError on a damaged
    entry, one of the wrong types or one naming a claim that is not among ``claims`` (the
    ids of the story's claims as decoded)."""
    if type(entry) is not list:
        raise TypeError("groups are not a list")
    check_rows(Group, entry)
    groups = [from_row(Group, row, checked=True) for row in entry]
    _check_refs(groups, (), claims)
    return groups


def _check_refs(groups: Sequence[Group], findings: Sequence[Finding], claims: Collection[str]) -> None:
    ids = {g.id for g in groups}
    if len(ids) != len(groups):
        raise ValueError("a group twice")
    for g in groups:
        if not all(c in claims for c in g.claims) or not all(c in claims for c, _w in g.links):
            raise ValueError(f"group {g.id} names claims the story does not have")
    for f in findings:
        if not f.claims or not all(c in claims for c in f.claims) or (f.group is not None and f.group not in ids):
            raise ValueError(f"finding {f.id} names claims or a group the story does not have")


def encode_checked(checked: tuple[Sequence[Group], Sequence[Finding], Sequence[Sequence[str]]]) -> dict[str, Any]:
    """A story's rules (groups with consensus, findings, copies) as a cache entry."""
    groups, findings, copies = checked
    return {"groups": [to_row(g) for g in groups], "findings": [to_row(f) for f in findings],
            "copies": [list(ids) for ids in copies]}


def decode_checked(entry: Any, claims: Collection[str],
                   sources: Collection[str]) -> tuple[list[Group], list[Finding], tuple[tuple[str, ...], ...]]:
    """The inverse of :func:`encode_checked`; raises KeyError, TypeError or ValueError on a
    damaged entry (see :func:`decode_groups`; ``sources``: the ids of the story's articles)."""
    if type(entry) is not dict or type(entry["groups"]) is not list or type(entry["findings"]) is not list:
        raise TypeError("not a story's rules")
    check_rows(Group, entry["groups"])
    check_rows(Finding, entry["findings"])
    groups = [from_row(Group, r, checked=True) for r in entry["groups"]]
    findings = [from_row(Finding, r, checked=True) for r in entry["findings"]]
    _check_refs(groups, findings, claims)
    copies = entry["copies"]
    if type(copies) is not list or not all(type(ids) is list and all(i in sources for i in ids) for ids in copies):
        raise ValueError("copies name articles the story does not have")
    return groups, findings, tuple(tuple(ids) for ids in copies)


# ---------------------------------------------------------------------------------------


class Cache:
    """A folder of JSON entries: ``get(key)`` -> data or None, ``put(key, data)``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.root = self.folder / f"v{FORMAT}"
        self.hits = 0
        self.misses = 0
        self._ready = False
        self._folders: set[str] = set()  # entry folders known to exist

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        try:
            # only a regular file, and so much of it: a pipe or a link to a device put in its
            # place is a miss at once, never waited on or read without end
            entry = json.loads(read_regular(self._path(key), MAX_ENTRY_BYTES))
            if entry["key"] != key:
                raise ValueError("key mismatch")
            data = entry["data"]
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None  # absent, truncated or corrupt: recompute
        self.hits += 1
        return data

    def put(self, key: str, data: Any) -> None:
        """Write an entry atomically. A cache that cannot be written is not an error."""
        try:
            self._prepare()
            folder = os.path.join(self.root, key[:2])
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            # no cycle check: entries are trees of plain lists and dicts (and it costs a tenth of the time)
            payload = json.dumps({"key": key, "data": data}, ensure_ascii=False, separators=(",", ":"),
                                 check_circular=False)
            # a name no other writer uses (this process, a counter), created exclusively
            tmp = os.path.join(folder, f".{key[:16]}.{os.getpid()}.{next(_WRITES)}.tmp")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                try:
                    view = memoryview(payload.encode("utf-8"))
                    while view:
                        view = view[os.write(fd, view):]
                finally:
                    os.close(fd)
                # no fsync: a torn entry after a crash is detected on read and recomputed
                os.replace(tmp, os.path.join(folder, f"{key}.json"))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError, TypeError, RecursionError):  # RecursionError: a cyclic entry
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self.folder / "CACHEDIR.TAG"
        if not marker.exists():
            (self.folder / ".gitignore").write_text("# created by reconcile: safe to delete\n*\n", "utf-8")
            marker.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                              "# This folder is a cache made by reconcile; it is safe to delete.\n", "utf-8")
        self._ready = True


# ---------------------------------------------------------------------------------------
# the articles as read last time


class SourceCache:
    """Each file's :class:`Source` as read by the last run on the same paths, so an unchanged
    file is not decoded and parsed again; and its :func:`source_key`.

    A file counts as unchanged while its device, inode, size, modification and change
    times are the ones recorded (a write, a ``touch``, a copy over it all change one of
    them). The record is one JSON file per set of paths (``sources-*.json`` in the cache
    folder), under the reader's own code fingerprint; it is rewritten, atomically, only
    when a file was read afresh or has gone. Unreadable files are never recorded: they
    are tried again each run. Use :meth:`read` as ``read_sources``'s reader, then :meth:`save`.
    """

    def __init__(self, cache: Cache, paths: Sequence[str | os.PathLike[str]]) -> None:
        self.cache = cache
        names = sorted(os.path.abspath(os.fspath(p)) for p in paths)
        self.path = cache.root / f"sources-{hashlib.sha256(json.dumps(names).encode()).hexdigest()[:24]}.json"
        self.fingerprint = fingerprint("read")
        self.old: dict[str, list[Any]] = self._load()
        self.new: dict[str, list[Any]] = {}
        self.hits = 0
        self._row_of: dict[str, list[Any]] = {}  # displayed path -> its record (for its key)
        self._stamps: dict[str, list[int]] = {}  # file -> its times when found changed, before reading

    def _load(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(read_regular(self.path, MAX_ENTRY_BYTES))
            if data["key"] != self.fingerprint or not isinstance(data["files"], dict):
                return {}
            files: dict[str, list[Any]] = data["files"]
            return files
        except (OSError, ValueError, KeyError, TypeError):
            return {}  # absent or damaged: every file is read

    def read(self, path: str, display: str) -> Source:
        """:func:`reconciler.read.source.read_source`, or the same Source from the record."""

        source = self.reuse(path, display)
        if source is None:
            source = read_one.read_source(path, display)
            self.record(path, display, source)
        return source

    def reuse(self, path: str, display: str) -> Source | None:
        """The file's Source if it is unchanged since it was recorded, else None (and the
        file's times are taken now, before it is read, for :meth:`record`)."""
        name = os.path.abspath(path)
        try:
            st = os.stat(path)
            stamp = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        except OSError:
            self._stamps.pop(name, None)
            return None
        row = self.old.get(name)
        if isinstance(row, list) and len(row) == _SOURCE_ROW and row[0] == stamp:
            try:
                source = _source_from(row[1], display)
            except (TypeError, ValueError):
                pass
            else:
                self.hits += 1
                self.new[name] = row
                self._row_of[display] = row
                return source
        self._stamps[name] = stamp
        return None

    def record(self, path: str, display: str, source: Source) -> None:
        """Remember a file just read (after :meth:`reuse` found it changed or new)."""
        name = os.path.abspath(path)
        stamp = self._stamps.pop(name, None)
        if stamp is not None and time.time_ns() - stamp[3] > _SETTLED_NS:
            row = [stamp, [getattr(source, n) for n in _SOURCE_FIELDS], None]
            self.new[name] = row
            self._row_of[display] = row

    def key(self, source: Source) -> str:
        """:func:`source_key` of a source this reader returned (remembered when it can be)."""
        row = self._row_of.get(source.path)
        known = row[2] if row is not None else None
        head = [fingerprint("extract"), source.id, source.path]
        if isinstance(known, list) and len(known) == 2 and known[0] == head:
            return str(known[1])
        key = source_key(source)
        if row is not None:
            row[2] = [head, key]
        return key

    def save(self) -> None:
        """Write the record if it changed (atomically; a cache that cannot be written is not an error)."""
        if self.new == self.old:
            return
        try:
            self.cache._prepare()
            # ASCII: file names may hold undecodable bytes (lone surrogates), kept as \\udcXX
            payload = json.dumps({"key": self.fingerprint, "files": self.new}, separators=(",", ":"))
            fd, tmp = tempfile.mkstemp(prefix=".sources.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload.encode("ascii"))
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError, TypeError):
            pass


# a file changed again within the file system's time resolution would look unchanged: one
# modified this recently is not recorded (the next run reads it again)
_SETTLED_NS = 2_000_000_000
_WRITES = itertools.count()  # numbers this process's temporary files
# a Source minus its id and path (those come from where the file was found this time)
_SOURCE_FIELDS = _fields(Source)[0][2:]
assert _fields(Source)[0][:2] == ("id", "path")
_SOURCE_TEXT = _fields(Source)[0].index("text")
_SOURCE_ROW = 3  # [stamp, fields, [[extract fingerprint, id, path], source key] or None]


def _source_from(fields: Sequence[Any], display: str) -> Source:

    if len(fields) != len(_SOURCE_FIELDS):
        raise ValueError("source record of another layout")
    row = [source_id(display), display, *fields]  # in field order: id and path come first
    if not isinstance(row[_SOURCE_TEXT], str):
        raise TypeError("text")
    return from_row(Source, row)
