"""Run the per-article and per-story work in parallel, with the same result as one process.

Articles are read and extracted in chunks; each story is aligned and checked in one task.
The work is cut into chunks; a runner maps a top-level function over them and hands the
results back in input order, whatever order the workers finish in. :class:`Serial` runs in
this process, :class:`Processes` on a local process pool, and
:class:`reconciler._engine.distributed.Dask` on a Dask cluster. Below ``PARALLEL_FROM``
articles the pool costs more than it saves and the run stays serial.

The local pool's workers for reading and extraction are forked early, while this process is
small; the story tasks run in workers forked once the claims are extracted, which find them
in the memory they inherit (:meth:`Processes.map_inherited`): only story indices go out,
groups and findings come back. A cluster's tasks carry their claims.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from reconciler._engine.cache import (
    Cache,
    SourceCache,
    decode_claims,
    decode_groups,
    decode_signature,
    encode_checked,
    encode_claims,
    encode_groups,
    source_key,
)
from reconciler.align import AlignConfig, align
from reconciler.copies import find_copies
from reconciler.extract import extract_article
from reconciler.extract.units import Rates
from reconciler.models import Claim, Finding, Group, Problem, Skipped, Source
from reconciler.read import listing
from reconciler.read import source as read_one
from reconciler.rules import RuleConfig, check
from reconciler.stories import signature

__all__ = [
    "PARALLEL_FROM",
    "Processes",
    "Runner",
    "Serial",
    "StoryResult",
    "StoryTask",
    "align_and_check",
    "align_story",
    "check_story",
    "chunked",
    "default_jobs",
    "extract_sources",
    "guarded",
    "note_fork",
    "problem",
    "read_articles",
    "story_label",
    "strict_default",
    "without_unaligned",
    "workers_forked",
]

# ``python benchmarks/run.py --crossover`` on this 2-core machine: a pool costs 20-40 ms to
# start, and an article takes about 7 ms to extract, so two processes only pay from a few
# dozen articles (and not at all when another process holds a core); smaller corpora, like
# the seeds, stay in one process
PARALLEL_FROM = 64

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

Extracted = tuple[list[Claim], tuple[str, ...], tuple[str, ...]]
"""An article's claims, its word signature, and notes for it (figures that could not be claims)."""


class Runner(Protocol):
    """Maps a top-level function over chunks; results in input order."""

    workers: int
    remote: bool  # runs elsewhere: worth sending even a single task

    def map(self, fn: Callable[[T], R], chunks: Sequence[T], done: Callable[[int], None]) -> list[R]: ...

    def close(self) -> None: ...


class Serial:
    workers = 1
    remote = False

    def map(self, fn: Callable[[T], R], chunks: Sequence[T], done: Callable[[int], None]) -> list[R]:
        out = []
        for i, chunk in enumerate(chunks):
            out.append(fn(chunk))
            done(i)
        return out

    def map_inherited(self, fn: Callable[[S, T], R], shared: S, chunks: Sequence[T],
                      done: Callable[[int], None]) -> list[R]:
        """``fn(shared, chunk)`` for each chunk (see :meth:`Processes.map_inherited`)."""
        return self.map(lambda chunk: fn(shared, chunk), chunks, done)

    def close(self) -> None:
        pass


class Processes:
    """A local process pool (started on first use)."""

    remote = False

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Fork the workers now (while this process is small: each worker's memory starts as
        a copy of it), rather than at the first map."""
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
            self._pool.submit(int).result()  # the first task launches every worker
            note_fork()

    def map(self, fn: Callable[[T], R], chunks: Sequence[T], done: Callable[[int], None]) -> list[R]:
        if len(chunks) == 1 and self._pool is None:
            # one chunk (a re-run that only redoes one article or story): forking the
            # workers from a process that by now holds a whole corpus costs more than it
            return Serial().map(fn, chunks, done)
        self.start()
        assert self._pool is not None
        futures = [self._pool.submit(fn, chunk) for chunk in chunks]
        index = {f: i for i, f in enumerate(futures)}
        for f in as_completed(futures):
            done(index[f])
        return [f.result() for f in futures]

    def map_inherited(self, fn: Callable[[S, T], R], shared: S, chunks: Sequence[T],
                      done: Callable[[int], None]) -> list[R]:
        """``fn(shared, chunk)`` for each chunk, in workers forked now from this process: they
        inherit ``shared`` (and everything else this process holds) in its memory, and only
        the chunks and the results are pickled. Where ``fork`` is missing, :meth:`map` with
        ``shared`` sent along with each chunk.

        The workers forked early (:meth:`start`) are closed first: a fork while their pool's
        manager thread runs could copy a lock that thread holds. Forked from a large
        process, the new workers share its pages until they write to them (reference
        counts: the pages of the objects they read are copied, the rest stay shared).
        """
        if len(chunks) <= 1:
            return Serial().map_inherited(fn, shared, chunks, done)
        if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not on Linux
            return self.map(_call_with, [(fn, shared, chunk) for chunk in chunks], done)
        global _INHERITED
        self.close()
        _INHERITED = (fn, shared)
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("fork"))
        try:
            note_fork()
            futures = [pool.submit(_call_inherited, chunk) for chunk in chunks]
            index = {f: i for i, f in enumerate(futures)}
            for f in as_completed(futures):
                done(index[f])
            return [f.result() for f in futures]
        finally:
            _INHERITED = None
            pool.shutdown(wait=True, cancel_futures=True)  # (a task that raised: the rest are not waited for)

    @property
    def started(self) -> bool:
        """Are the workers running (forked, early in a run, from a small process)?"""
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_FORKS = [0]  # worker processes started by this process, in all its runs (see workers_forked)


def note_fork() -> None:
    """Count a start of worker processes (a pool, or the background writer)."""
    _FORKS[0] += 1


def workers_forked() -> bool:
    """Has this process started worker processes (so --timings names their peak memory)?"""
    return _FORKS[0] > 0


# what :meth:`Processes.map_inherited`'s workers read: (the function, what it shares), set
# in the parent just before they are forked
_INHERITED: tuple[Callable[[Any, Any], Any], Any] | None = None


def _call_inherited(chunk: Any) -> Any:
    """Worker of :meth:`Processes.map_inherited`."""
    assert _INHERITED is not None, "a worker not forked by map_inherited"
    fn, shared = _INHERITED
    return fn(shared, chunk)


def _call_with(args: tuple[Callable[[Any, Any], Any], Any, Any]) -> Any:
    fn, shared, chunk = args
    return fn(shared, chunk)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


# ---------------------------------------------------------------------------------------
# the net: an unexpected error in one article or one story is reported, and the run goes on


def strict_default() -> bool:
    """Is the run strict by default (``RECONCILE_STRICT=1``): any internal error stops it?"""
    return os.environ.get("RECONCILE_STRICT", "").strip().lower() in ("1", "true", "yes")


def problem(where: str, stage: str, exc: BaseException) -> Problem:
    """What an editor can report: where, in which stage, the exception and the line that raised it."""
    text = listing.printable(" ".join(f"{type(exc).__name__}: {exc}".split()))
    text = text if len(text) <= 300 else text[:299] + "…"
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        name = frames[-1].filename.replace(os.sep, "/")
        name = "reconciler/" + name.rsplit("/reconciler/", 1)[1] if "/reconciler/" in name else name.rsplit("/")[-1]
        text += f" (at {name}:{frames[-1].lineno})"
    return Problem(where=where, stage=stage, error=text)


def story_label(sources: Sequence[Source]) -> str:
    """"story of 3 articles: a.txt, b.txt, c.txt" (the first three named)."""
    n = len(sources)
    names = ", ".join(s.path for s in sources[:3]) + (", …" if n > 3 else "")
    return f"story of {n} article{'s' if n != 1 else ''}: {names}"


def guarded(fn: Callable[..., R], *args: Any, stage: str, where: str, strict: bool, problems: list[Problem],
            fallback: R) -> R:
    """``fn(*args)``; if it raises (and the run is not strict), the problem is recorded and
    ``fallback`` stands for its result."""
    if strict:
        return fn(*args)
    try:
        return fn(*args)
    except Exception as exc:  # the net: whatever one article or story raises, the rest of the run completes
        problems.append(problem(where, stage, exc))
        return fallback


# ---------------------------------------------------------------------------------------
# reading


def _read_chunk(items: list[tuple[str, str]]) -> list[Source | str]:
    """Worker: read a chunk of files; each a Source, or the reason it was skipped."""
    out: list[Source | str] = []
    for path, display in items:
        try:
            out.append(read_one.read_source(path, display))
        except listing.UnreadableSource as e:
            out.append(e.reason)
    return out


def read_articles(found: Sequence[tuple[str, str]], skipped: list[Skipped], runner: Runner,
                  reuse: SourceCache | None = None, chunk_size: int = 64) -> tuple[list[Source], list[Skipped]]:
    """:func:`reconciler.read.source.read_sources` after its listing (``found``, ``skipped``): the
    files unchanged since ``reuse`` recorded them taken from there, the others read on the
    runner (in this process for a remote one: its workers may not see these files)."""
    results: list[Source | str | None] = [None] * len(found)
    todo: list[int] = []
    for k, (path, display) in enumerate(found):
        known = reuse.reuse(path, display) if reuse is not None else None
        if known is None:
            todo.append(k)
        else:
            results[k] = known
    chunks = chunked(todo, chunk_size)
    local = Serial() if runner.remote else runner
    for chunk, out in zip(chunks, local.map(_read_chunk, [[found[k] for k in c] for c in chunks], lambda i: None),
                          strict=True):
        for k, read in zip(chunk, out, strict=True):
            results[k] = read
            if reuse is not None and isinstance(read, Source):
                reuse.record(*found[k], read)
    sources: list[Source] = []
    for (_path, display), r in zip(found, results, strict=True):
        if isinstance(r, Source):
            sources.append(r)
        else:
            skipped.append(Skipped(display, str(r)))
    return listing.arrange(sources, skipped)


# ---------------------------------------------------------------------------------------
# extraction


def extract_one(source: Source) -> Extracted:
    claims, notes = extract_article(source)
    return claims, signature(source.text), notes


_FAILED: Extracted = ([], (), ())  # an article whose extraction raised: no claims, a story of its own


def _entry(source: Source, r: Extracted) -> dict[str, Any]:
    return {"claims": encode_claims(source, r[0]), "signature": list(r[1]), "notes": list(r[2])}


def _extract_chunk(args: tuple[list[Source], list[str], str | None, bool]) -> list[Extracted | Problem]:
    """Worker: extract a chunk of articles, writing each result to the cache folder if given,
    under the article's key (its :func:`reconciler._engine.cache.source_key`, computed by the parent).
    An article whose extraction raises is a :class:`Problem` (unless ``strict``), and is not cached."""
    sources, keys, cache_dir, strict = args
    cache = Cache(cache_dir) if cache_dir else None
    out: list[Extracted | Problem] = []
    for s, key in zip(sources, keys, strict=True):
        problems: list[Problem] = []
        r = guarded(extract_one, s, stage="extract", where=s.path, strict=strict, problems=problems, fallback=_FAILED)
        if problems:
            out.extend(problems)
            continue
        if cache is not None:
            cache.put(key, _entry(s, r))
        out.append(r)
    return out


def extract_sources(sources: Sequence[Source], runner: Runner, cache: Cache | None,
                    advance: Callable[[int], None] = lambda n: None, *, workers_write_cache: bool = True,
                    chunk_size: int = 32, keys: Sequence[str] = (), strict: bool | None = None,
                    problems: list[Problem] | None = None) -> list[Extracted]:
    """Each article's claims, signature and notes, from the cache when it has them.

    ``keys``: each source's :func:`reconciler._engine.cache.source_key`, if already known.
    An article whose extraction raises has no claims, and its :class:`Problem` is appended to
    ``problems``; with ``strict`` (default: :func:`strict_default`) the error is raised instead.
    """
    strict = strict_default() if strict is None else strict
    results: list[Extracted | None] = [None] * len(sources)
    todo: list[int] = []
    if cache is not None and not keys:
        keys = [source_key(s) for s in sources]
    for i, s in enumerate(sources):
        if cache is not None:
            entry = cache.get(keys[i])
            if entry is not None:
                try:
                    results[i] = (decode_claims(s, entry["claims"]), decode_signature(entry["signature"]),
                                  tuple(str(n) for n in entry.get("notes", ())))
                    continue
                except (KeyError, TypeError, ValueError, IndexError):
                    pass  # a malformed entry: recompute it
        todo.append(i)
    advance(len(sources) - len(todo))
    if todo:
        chunks = chunked(todo, chunk_size)
        write_dir = str(cache.folder) if cache is not None and workers_write_cache else None
        args = [([sources[i] for i in chunk], [keys[i] for i in chunk] if write_dir else [""] * len(chunk), write_dir,
                 strict) for chunk in chunks]
        done = _advance_by(chunks, advance)
        for chunk, out in zip(chunks, runner.map(_extract_chunk, args, done), strict=True):
            for i, r in zip(chunk, out, strict=True):
                if isinstance(r, Problem):
                    results[i] = _FAILED
                    if problems is not None:
                        problems.append(r)
                    continue
                results[i] = r
                if cache is not None and not workers_write_cache:
                    cache.put(keys[i], _entry(sources[i], r))
    return [r for r in results if r is not None]


def _advance_by(chunks: Sequence[Sequence[Any]], advance: Callable[[int], None]) -> Callable[[int], None]:
    return lambda i: advance(len(chunks[i]))


# ---------------------------------------------------------------------------------------
# the rules, one story at a time

CheckOutput = tuple[list[Group], list[Finding], tuple[tuple[str, ...], ...]]


def without_unaligned(rules: RuleConfig) -> RuleConfig:
    """The rules for a story whose alignment failed: each article's own rules still run, but
    not the unaligned pass (with no groups, every figure would look unaligned)."""
    return RuleConfig(tolerance=rules.tolerance, rules={**rules.rules, "unaligned": {"enabled": False}})


def check_story(sources: list[Source], claims: list[Claim], groups: list[Group], rates: Rates,
                config: RuleConfig) -> CheckOutput:
    """The story's near-duplicates, then the rules: (groups with consensus, findings, copies)."""
    copies = find_copies(sources)
    checked, findings = check(sources, claims, groups, rates, config, copies)
    return checked, findings, copies


# ---------------------------------------------------------------------------------------
# alignment and rules together, one story at a time: a story's claims go to a worker once
# (by fork, not by pickle, on a local pool), and its groups never come back only to go out again


@dataclass(frozen=True)
class StoryTask:
    """A story's articles and claims, its alignment if known (None: align it), and the cache
    keys of its alignment and of its rules ("": not cached)."""

    sources: list[Source]
    claims: list[Claim]
    groups: list[Group] | None = None
    align_key: str = ""
    check_key: str = ""


@dataclass(frozen=True)
class StoryResult:
    """A story aligned and checked: (groups with consensus, findings, copies); the alignment
    if computed and not cached by the worker; seconds spent aligning and checking; the errors
    caught in the story (then nothing of it is cached)."""

    out: CheckOutput
    computed: list[Group] | None
    aligning: float
    checking: float
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class StorySettings:
    """What every story task of a run shares."""

    rates: Rates
    align: AlignConfig
    rules: RuleConfig
    cache_dir: str | None  # the workers read and write the stories' cache entries there
    strict: bool


def align_story(sources: Sequence[Source], claims: list[Claim], rates: Rates, config: AlignConfig) -> list[Group]:
    """A story's groups; none for a story of one article (nothing to align across sources)."""
    dates = {s.id: s.date for s in sources}
    return align(claims, rates, config, dates) if len(dates) >= 2 else []


def _one_story(task: StoryTask, settings: StorySettings, cache: Cache | None) -> StoryResult:
    """Align (unless known, or cached) and check one story; with a cache, write the story's
    entries there. A story whose alignment or rules raise is reported in its result (unless
    strict) and not cached."""
    sources, claims, groups = task.sources, task.claims, task.groups
    t0 = time.perf_counter()
    computed = None
    problems: list[Problem] = []
    where = story_label(sources)
    if groups is None and cache is not None and task.align_key:
        entry = cache.get(task.align_key)
        if entry is not None:
            with contextlib.suppress(TypeError, ValueError):  # damaged: aligned again
                groups = decode_groups(entry, {c.id for c in claims})
    if groups is None:
        no_groups: list[Group] = []
        groups = computed = guarded(align_story, sources, claims, settings.rates, settings.align, stage="align",
                                    where=where, strict=settings.strict, problems=problems, fallback=no_groups)
        if cache is not None and task.align_key and len({s.id for s in sources}) >= 2 and not problems:
            cache.put(task.align_key, encode_groups(computed))
    t1 = time.perf_counter()
    nothing: CheckOutput = ([], [], ())
    rules = without_unaligned(settings.rules) if problems else settings.rules
    checked = guarded(check_story, sources, claims, groups, settings.rates, rules, stage="check", where=where,
                      strict=settings.strict, problems=problems, fallback=nothing)
    if cache is not None and task.check_key and not problems:
        cache.put(task.check_key, encode_checked(checked))
    return StoryResult(checked, None if cache is not None else computed, t1 - t0, time.perf_counter() - t1,
                       tuple(problems))


def _story_chunk(args: tuple[list[StoryTask], StorySettings]) -> list[StoryResult]:
    """Worker (a remote one: the tasks travel with it): each story of a chunk."""
    tasks, settings = args
    cache = Cache(settings.cache_dir) if settings.cache_dir else None
    return [_one_story(task, settings, cache) for task in tasks]


def _inherited_story_chunk(shared: tuple[Sequence[StoryTask], StorySettings], chunk: list[int]) -> list[StoryResult]:
    """Worker (local, forked with every task in its memory): the stories of a chunk, by index."""
    tasks, settings = shared
    return _story_chunk(([tasks[i] for i in chunk], settings))


def align_and_check(tasks: Sequence[StoryTask], rates: Rates, align_config: AlignConfig, rules: RuleConfig,
                    runner: Runner, cache_dir: str | None = None, advance: Callable[[int], None] = lambda n: None,
                    chunk_claims: int = 4000, strict: bool | None = None) -> list[StoryResult]:
    """Each story aligned and checked on the runner (chunks of about ``chunk_claims`` claims);
    results in input order. ``cache_dir``: the workers read and write the stories' entries there.
    ``strict`` (default: :func:`strict_default`): an error in a story is raised, not reported.

    On a local runner the tasks are not sent: the workers are forked with them in memory
    (:meth:`Processes.map_inherited`) and receive only the indices of a chunk's stories.
    Measured on a generated corpus of 3,000 articles (95,000 claims), alternately with the
    pickled tasks: see README "Performance" (session 12).
    """
    strict = strict_default() if strict is None else strict
    settings = StorySettings(rates, align_config, rules, cache_dir, strict)
    chunks: list[list[int]] = []
    size = 0
    for i, task in enumerate(tasks):
        if not chunks or size + len(task.claims) > chunk_claims:
            chunks.append([])
            size = 0
        chunks[-1].append(i)
        size += len(task.claims)
    done = _advance_by(chunks, advance)
    if isinstance(runner, (Serial, Processes)):
        results = runner.map_inherited(_inherited_story_chunk, (tasks, settings), chunks, done)
    else:
        results = runner.map(_story_chunk, [([tasks[i] for i in chunk], settings) for chunk in chunks], done)
    out: list[StoryResult | None] = [None] * len(tasks)
    for chunk, chunk_results in zip(chunks, results, strict=True):
        for i, r in zip(chunk, chunk_results, strict=True):
            out[i] = r
    return [r for r in out if r is not None]
