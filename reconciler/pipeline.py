"""The whole run as plain function calls: read -> extract -> align -> check.

Extraction runs per article and alignment per story, so both can run in parallel (a local
process pool, or a Dask cluster with ``scheduler``) and both are cached per article and
per story (``cache_dir``); the result is the same, byte for byte, however it was computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .align import AlignConfig
from .cache import Cache, fingerprint, from_row, source_key, to_row
from .copies import find_copies
from .memory import gc_paused
from .models import SEVERITIES, Claim, Finding, Group, Result, Source
from .parallel import (
    PARALLEL_FROM,
    Processes,
    Runner,
    Serial,
    align_stories,
    check_stories,
    default_jobs,
    extract_sources,
)
from .progress import Progress, Silent
from .rules import RuleConfig, check, load_config
from .sources import no_articles_message, read_sources
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
    sources, skipped = read_sources(paths)
    timings["read"] = time.perf_counter() - t0
    if not sources:
        raise NoArticles(no_articles_message(paths, skipped))
    cache = Cache(options.cache_dir) if options.cache_dir else None
    runner = _runner(options, len(sources))
    try:
        t = time.perf_counter()
        progress.start("extract", len(sources))
        extracted = extract_sources(sources, runner, cache, progress.advance,
                                    workers_write_cache=options.scheduler is None)
        claims: list[Claim] = [c for found, _sig in extracted for c in found]
        timings["extract"] = time.perf_counter() - t
        t = time.perf_counter()
        rates = load_rates(options.rates_file)
        config = load_config(options.rules_file)
        stories = partition([sig for _found, sig in extracted])
        keys = [_story_key(sources, story, rates) for story in stories] if cache else []
        progress.start("align", len(stories))
        groups = _align(sources, extracted, stories, keys, rates, runner, cache, progress)
        timings["align"] = time.perf_counter() - t
        t = time.perf_counter()
        progress.start("check", len(stories))
        if len(stories) == 1:  # every small corpus: the rules over it all, as always
            copies = find_copies(sources)
            groups, findings = check(sources, claims, groups, rates, config, copies)
            progress.advance(1)
        else:
            groups, findings, copies = _check(sources, claims, groups, stories, keys, rates, config, runner,
                                              cache, progress)
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


def _align(sources: Sequence[Source], extracted: Sequence[tuple[list[Claim], tuple[str, ...]]],
           stories: Sequence[Sequence[int]], keys: Sequence[str], rates: Rates, runner: Runner,
           cache: Cache | None, progress: Progress) -> list[Group]:
    """Align each story on its own; one story (every small corpus) is aligned as a whole."""
    config = AlignConfig()
    if len(stories) == 1 and not getattr(runner, "remote", False):
        runner = Serial()  # one story: a pool would only add start-up
    inputs = []
    for story in stories:
        claims = [c for i in story for c in extracted[i][0]]
        inputs.append((claims, {sources[i].id: sources[i].date for i in story}))
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
    computed = align_stories([inputs[k] for k in todo], rates, config, runner, progress.advance)
    for k, groups in zip(todo, computed, strict=True):
        found[k] = groups
        if cache:
            cache.put(keys[k] + ".align", [to_row(g) for g in groups])
    out = [g for groups in found if groups for g in groups]
    out.sort(key=lambda g: g.id)
    return out


def _check(sources: Sequence[Source], claims: Sequence[Claim], groups: Sequence[Group],
           stories: Sequence[Sequence[int]], keys: Sequence[str], rates: Rates, config: RuleConfig,
           runner: Runner, cache: Cache | None, progress: Progress
           ) -> tuple[list[Group], list[Finding], tuple[tuple[str, ...], ...]]:
    """The rules and near-duplicates, story by story (a story's figures are only compared
    with its own), cached per story, merged in the order :func:`reconciler.rules.check` gives."""
    story_of = {sources[i].id: k for k, story in enumerate(stories) for i in story}
    claims_of: list[list[Claim]] = [[] for _ in stories]
    for c in claims:
        claims_of[story_of[c.source]].append(c)
    groups_of: list[list[Group]] = [[] for _ in stories]
    source_of = {c.id: c.source for c in claims}
    for g in groups:
        groups_of[story_of[source_of[g.claims[0]]]].append(g)
    rules_key = hashlib.sha256(fingerprint("check").encode() + repr(config).encode()).hexdigest()[:16]
    results: list[tuple[list[Group], list[Finding], tuple[tuple[str, ...], ...]] | None] = [None] * len(stories)
    todo = []
    for k in range(len(stories)):
        entry = cache.get(f"{keys[k]}.check-{rules_key}") if cache else None
        if entry is not None:
            try:
                results[k] = ([from_row(Group, r) for r in entry["groups"]],
                              [from_row(Finding, r) for r in entry["findings"]],
                              tuple(tuple(ids) for ids in entry["copies"]))
                continue
            except (KeyError, TypeError, ValueError):
                pass
        todo.append(k)
    progress.advance(len(stories) - len(todo))
    inputs = [([sources[i] for i in stories[k]], claims_of[k], groups_of[k]) for k in todo]
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
    first = {c.id: (c.source, c.start) for c in claims}
    ranked = sorted(unique.values(),
                    key=lambda f: (order[f.severity], f.rule, first.get(f.claims[0], ("", 0)), f.id))
    all_groups.sort(key=lambda g: g.id)
    return all_groups, ranked, tuple(sorted(copies))


def _story_key(sources: Sequence[Source], story: Sequence[int], rates: Rates) -> str:
    """The claims of a story follow from its articles' extraction keys; hash those, the
    rates, the aligner's settings and its code."""
    h = hashlib.sha256(fingerprint("align").encode())
    h.update(repr(AlignConfig()).encode())
    h.update(json.dumps([rates.as_of, sorted(rates.per_usd.items()), rates.note]).encode())
    for i in story:
        s = sources[i]
        h.update(f"\0{source_key(s)}\0{s.id}\0{s.date}".encode())
    return h.hexdigest()
