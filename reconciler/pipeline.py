"""The whole run as plain function calls: read -> extract -> align -> check.

Extraction runs per article and alignment per story, so both can run in parallel (a local
process pool, or a Dask cluster with ``scheduler``) and both are cached per article and
per story (``cache_dir``); the result is the same, byte for byte, however it was computed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .align import AlignConfig
from .cache import Cache, SourceCache, fingerprint, from_row, to_row
from .copies import find_copies
from .memory import gc_paused
from .models import SEVERITIES, Claim, Finding, Group, Result, Source
from .parallel import (
    PARALLEL_FROM,
    Extracted,
    Processes,
    Runner,
    Serial,
    align_stories,
    check_stories,
    default_jobs,
    extract_sources,
    read_articles,
)
from .progress import Progress, Silent
from .rules import RuleConfig, check, load_config
from .sources import list_articles, no_articles_message
from .stories import partition
from .units import Rates, load_rates


@dataclass(frozen=True)
class Options:
    """What a run may be told; the CLI builds one of these from its flags."""

    rules_file: str | None = None
    rates_file: str | None = None
    jobs: int | None = None  # worker processes; None: all cores for large corpora, one for small
    cache_dir: str | None = None  # per-article and per-story results; None: no cache
    scheduler: str | None = None  # a Dask scheduler address (tcp://host:port): run on that cluster


class NoArticles(Exception):
    """Nothing readable was found under the given paths."""


def reconcile(paths: Sequence[str | os.PathLike[str]], options: Options = Options(),
              progress: Progress | None = None) -> Result:
    with gc_paused():  # nothing a run builds is cyclic (see reconciler.memory)
        return _reconcile(paths, options, progress or Silent())


def _reconcile(paths: Sequence[str | os.PathLike[str]], options: Options, progress: Progress) -> Result:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    progress.start("read")
    cache = Cache(options.cache_dir) if options.cache_dir else None
    read_before = SourceCache(cache, paths) if cache else None
    found, skipped = list_articles(paths)
    runner = _runner(options, len(found))
    try:
        sources, skipped = read_articles(found, skipped, runner, read_before)
        timings["read"] = time.perf_counter() - t0
        if not sources:
            raise NoArticles(no_articles_message(paths, skipped))
        t = time.perf_counter()
        progress.start("extract", len(sources))
        skeys = [read_before.key(s) for s in sources] if read_before else []
        if read_before:
            read_before.save()
        extracted = extract_sources(sources, runner, cache, progress.advance,
                                    workers_write_cache=options.scheduler is None, keys=skeys)
        claims: list[Claim] = [c for found, _sig in extracted for c in found]
        timings["extract"] = time.perf_counter() - t
        t = time.perf_counter()
        rates = load_rates(options.rates_file)
        config = load_config(options.rules_file)
        stories = partition([sig for _found, sig in extracted])
        keys = [_story_key(sources, story, rates, skeys) for story in stories] if cache else []
        progress.start("align", len(stories))
        # a story whose rules' results are cached needs neither its alignment nor its rules
        t_cached = time.perf_counter()
        checked: list[CheckOutput | None] = [None] * len(stories)
        if cache and len(stories) > 1:
            checked = _cached_checks(keys, config, cache)
        t_cached = time.perf_counter() - t_cached  # counted as the rules' time
        todo = [k for k, done in enumerate(checked) if done is None]
        progress.advance(len(stories) - len(todo))
        aligned = _align(sources, extracted, [stories[k] for k in todo], [keys[k] for k in todo] if cache else [],
                         rates, runner, cache, progress)
        timings["align"] = time.perf_counter() - t - t_cached
        t = time.perf_counter() - t_cached
        progress.start("check", len(stories))
        if len(stories) == 1:  # every small corpus: the rules over it all, as always
            copies = find_copies(sources)
            groups, findings = check(sources, claims, aligned[0], rates, config, copies)
            progress.advance(1)
        else:
            progress.advance(len(stories) - len(todo))
            groups, findings, copies = _check(sources, extracted, stories, keys, checked, todo, aligned, rates,
                                              config, runner, cache, progress)
        timings["check"] = time.perf_counter() - t
    finally:
        runner.close()
    return Result(sources=tuple(sources), claims=tuple(claims), groups=tuple(groups),
                  findings=tuple(findings), skipped=tuple(skipped), copies=copies, timings=timings)


def _runner(options: Options, n_sources: int) -> Runner:
    if options.scheduler:
        from .distributed import Dask

        return Dask(options.scheduler)
    jobs = options.jobs if options.jobs is not None else (default_jobs() if n_sources >= PARALLEL_FROM else 1)
    return Processes(jobs) if jobs > 1 else Serial()


def _align(sources: Sequence[Source], extracted: Sequence[Extracted], stories: Sequence[Sequence[int]],
           keys: Sequence[str], rates: Rates, runner: Runner, cache: Cache | None, progress: Progress
           ) -> list[list[Group]]:
    """The groups of each story, aligned on its own (one story, every small corpus, as a whole);
    each story's groups sorted by id."""
    config = AlignConfig()
    if len(stories) == 1 and not getattr(runner, "remote", False):
        runner = Serial()  # one story: a pool would only add start-up
    found: list[list[Group] | None] = [None] * len(stories)
    todo = []
    for k, story in enumerate(stories):
        if len({sources[i].id for i in story}) < 2:
            found[k] = []  # one article: nothing to align across sources
            continue
        entry = cache.get(keys[k] + ".align") if cache else None
        if entry is not None:
            try:
                found[k] = [from_row(Group, row) for row in entry]
                continue
            except (TypeError, ValueError):
                pass
        todo.append(k)
    progress.advance(len(stories) - len(todo))
    inputs = [([c for i in stories[k] for c in extracted[i][0]], {sources[i].id: sources[i].date for i in stories[k]})
              for k in todo]
    computed = align_stories(inputs, rates, config, runner, progress.advance)
    for k, groups in zip(todo, computed, strict=True):
        found[k] = groups
        if cache:
            cache.put(keys[k] + ".align", [to_row(g) for g in groups])
    return [groups or [] for groups in found]


CheckOutput = tuple[list[Group], list[Finding], tuple[tuple[str, ...], ...]]


def _rules_key(config: RuleConfig) -> str:
    return hashlib.sha256(fingerprint("check").encode() + repr(config).encode()).hexdigest()[:16]


def _cached_checks(keys: Sequence[str], config: RuleConfig, cache: Cache) -> list[CheckOutput | None]:
    """Each story's cached (groups, findings, copies), or None where it must be computed."""
    out: list[CheckOutput | None] = [None] * len(keys)
    rules_key = _rules_key(config)
    for k, key in enumerate(keys):
        entry = cache.get(f"{key}.check-{rules_key}")
        if entry is not None:
            with contextlib.suppress(KeyError, TypeError, ValueError):  # damaged: recomputed
                out[k] = ([from_row(Group, r) for r in entry["groups"]],
                          [from_row(Finding, r) for r in entry["findings"]],
                          tuple(tuple(ids) for ids in entry["copies"]))
    return out


def _check(sources: Sequence[Source], extracted: Sequence[Extracted], stories: Sequence[Sequence[int]],
           keys: Sequence[str], checked: Sequence[CheckOutput | None], todo: Sequence[int],
           aligned: Sequence[list[Group]], rates: Rates, config: RuleConfig, runner: Runner, cache: Cache | None,
           progress: Progress) -> CheckOutput:
    """The rules and near-duplicates of the stories in ``todo`` (``aligned``: their groups),
    story by story (a story's figures are only compared with its own), cached per story;
    with the cached ones in ``checked``, merged in the order :func:`reconciler.rules.check` gives."""
    results = list(checked)
    inputs = [([sources[i] for i in stories[k]], [c for i in stories[k] for c in extracted[i][0]], groups)
              for k, groups in zip(todo, aligned, strict=True)]
    rules_key = _rules_key(config)
    for k, out in zip(todo, check_stories(inputs, rates, config, runner, progress.advance), strict=True):
        results[k] = out
        if cache:
            cache.put(f"{keys[k]}.check-{rules_key}", {"groups": [to_row(g) for g in out[0]],
                                                       "findings": [to_row(f) for f in out[1]],
                                                       "copies": [list(ids) for ids in out[2]]})
    all_groups: list[Group] = []
    unique: dict[str, Finding] = {}
    copies: list[tuple[str, ...]] = []
    for r in results:
        assert r is not None
        all_groups.extend(r[0])
        for f in r[1]:
            unique.setdefault(f.id, f)
        copies.extend(r[2])
    # the ranking of reconciler.rules.check: most severe first, then rule, position, id
    order = {s: i for i, s in enumerate(SEVERITIES)}
    named = {f.claims[0] for f in unique.values()}
    first = {c.id: (c.source, c.start) for found, _sig in extracted for c in found if c.id in named}
    ranked = sorted(unique.values(),
                    key=lambda f: (order[f.severity], f.rule, first.get(f.claims[0], ("", 0)), f.id))
    all_groups.sort(key=lambda g: g.id)
    return all_groups, ranked, tuple(sorted(copies))


def _story_key(sources: Sequence[Source], story: Sequence[int], rates: Rates, source_keys: Sequence[str]) -> str:
    """The claims of a story follow from its articles' extraction keys; hash those, the
    rates, the aligner's settings and its code."""
    h = hashlib.sha256(fingerprint("align").encode())
    h.update(repr(AlignConfig()).encode())
    h.update(json.dumps([rates.as_of, sorted(rates.per_usd.items()), rates.note]).encode())
    for i in story:
        s = sources[i]
        h.update(f"\0{source_keys[i]}\0{s.id}\0{s.date}".encode())
    return h.hexdigest()
